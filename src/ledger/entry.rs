//! The values of the ledger: certificates, entries and their evidence, as the store keeps them.

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::kind::Kind;
use crate::util::hex::hex;

fn ser_hex<S: Serializer>(v: &[u8; 32], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&hex(v))
}

/// A certificate (免予办理强制性产品认证证明) and what was frozen with it at approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Certificate {
    /// 证明号.
    pub cert_no: String,
    pub application_id: String,
    /// The condition's slug (`research`, `repair`…).
    pub condition: String,
    pub issued_on: NaiveDate,
    /// When the approval was recorded (RFC 3339).
    pub approved_at: String,
    /// SHA-256 of application.toml at approval.
    #[serde(serialize_with = "ser_hex")]
    pub application_sha256: [u8; 32],
    /// SHA-256 (hex) of the latest package receipt at approval, when there was one.
    pub package_sha256: Option<String>,
    /// Condition 5: the committed export date of the finished products.
    pub export_due: Option<NaiveDate>,
    /// Condition 4: the last day of the display period.
    pub exhibition_end: Option<NaiveDate>,
    pub lines: Vec<CertLine>,
    /// The application's files at approval (application.toml and every material file), or at
    /// the last amendment that froze them again.
    pub files: Vec<FrozenFile>,
    /// The certificate number in force, when an amendment changed it (`cert_no` stays the
    /// number the certificate was recorded under: the entries keep naming it).
    pub amended_no: Option<String>,
    /// The amendments and voids recorded on it, in order (see `crate::ledger::revision`).
    pub revisions: Vec<super::revision::Revision>,
    /// The approval was voided (recorded by mistake) and not made again: no movement may be
    /// recorded on it.
    pub voided: bool,
}

impl Certificate {
    /// The number in force (the amended one, else the one it was recorded under).
    pub fn number(&self) -> &str {
        self.amended_no.as_deref().unwrap_or(&self.cert_no)
    }

    /// `A` or, after an amendment of the number, `A → B`.
    pub fn display_no(&self) -> String {
        match &self.amended_no {
            Some(n) if *n != self.cert_no => format!("{} → {n}", self.cert_no),
            _ => self.cert_no.clone(),
        }
    }

    pub fn line(&self, line: i64) -> Option<&CertLine> {
        self.lines.iter().find(|l| l.line == line)
    }

    pub fn certified_total(&self) -> i64 {
        self.lines.iter().map(|l| l.certified).sum()
    }
}

/// One product line of a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertLine {
    /// 1-based, in the order of `[[products]]`.
    pub line: i64,
    pub name: String,
    pub model: String,
    pub unit: String,
    /// The quantity applied for.
    pub applied: i64,
    /// The quantity the authority certified.
    pub certified: i64,
}

/// A file of the application, hashed at approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FrozenFile {
    /// Relative to the application directory, `/` separators.
    pub path: String,
    #[serde(serialize_with = "ser_hex")]
    pub sha256: [u8; 32],
    pub size: u64,
}

/// A piece of evidence attached to an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The rulebook's evidence kind (`photo-or-video`…) or `attachment`.
    pub kind: String,
    /// The file name as given (no directories).
    pub name: String,
    #[serde(serialize_with = "ser_hex")]
    pub sha256: [u8; 32],
    pub size: u64,
}

/// One entry of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// 1, 2, 3… without gaps.
    pub seq: i64,
    pub cert_no: String,
    /// The certificate line (0 for `certify` and `close`).
    pub line: i64,
    pub kind: Kind,
    pub qty: i64,
    /// The business date.
    pub date: NaiveDate,
    /// When it was recorded (RFC 3339).
    pub recorded_at: String,
    pub doc_no: Option<String>,
    pub location: Option<String>,
    pub operator: Option<String>,
    pub note: Option<String>,
    /// The idempotency key.
    #[serde(rename = "key")]
    pub idem_key: Option<String>,
    /// For a reversal: the entry it cancels.
    pub reverses: Option<i64>,
    pub evidence: Vec<Evidence>,
    #[serde(serialize_with = "ser_hex")]
    pub hash: [u8; 32],
}

impl Entry {
    /// The fields that decide whether a retry with the same key is the same movement (L007).
    pub fn same_content(&self, other: &Entry) -> bool {
        self.cert_no == other.cert_no
            && self.line == other.line
            && self.kind == other.kind
            && self.qty == other.qty
            && self.date == other.date
            && self.doc_no == other.doc_no
            && self.location == other.location
            && self.operator == other.operator
            && self.note == other.note
            && self.reverses == other.reverses
            && self.evidence.len() == other.evidence.len()
            && self
                .evidence
                .iter()
                .zip(&other.evidence)
                .all(|(a, b)| a.kind == b.kind && a.sha256 == b.sha256)
    }
}

//! Corrections of a recorded decision (SPEC section 8), by appending: `amend` entries (an
//! amendment of the issued certificate, 申请修改(已发)证明, or an approval made again after a
//! void) and `void` entries (a decision recorded by mistake). The certificates table keeps what
//! was recorded at approval; the certificate *in force* is that row with its revision entries
//! applied in number order ([`apply`]). Every reader of a certificate (the store, for the
//! ledger's checks, `status`, the 台账, `ledger verify`) sees the values in force.
//!
//! How the entries carry a revision (all within the existing entry columns, hash-chained like
//! every entry):
//!
//! - `amend`, line 0: `doc_no` the certificate number in force from then on, `date` the issue
//!   date in force, `note` the reason, `evidence` the application's files frozen with it (kind
//!   `frozen`, name = path, by hash; the files are the application's, not copied as evidence)
//!   and, when there is one, the latest non-draft package (kind `package`).
//! - `amend`, line N ≥ 1 (right after its line 0 entry): line N's certified quantity (`qty`).
//! - `void`, line 0: the approval (or rejection) was recorded by mistake; `note` the reason,
//!   `doc_no` the application. A rejection has no certificate: its `void` entry names none
//!   (`cert_no` is empty).

use chrono::NaiveDate;
use serde::Serialize;

use super::entry::{Certificate, Entry, Evidence, FrozenFile};
use super::kind::Kind;
use crate::util::hex::hex;

/// The evidence kind of a file frozen with an amendment.
pub const FROZEN: &str = "frozen";
/// The evidence kind of the package frozen with an amendment.
pub const PACKAGE: &str = "package";

/// One correction of a certificate as `app show`, `status` and the JSON documents show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Revision {
    /// The entry (line 0) that records it.
    pub seq: i64,
    pub kind: Kind,
    /// An `amend` made after a `void`: the application was approved again.
    pub reapproval: bool,
    /// The business date of the entry (for `amend`: the issue date in force).
    pub date: NaiveDate,
    pub recorded_at: String,
    pub reason: String,
    /// `amend`: the number in force after it.
    pub cert_no: Option<String>,
    /// `amend`: (line, certified quantity) of the lines it changed.
    pub quantities: Vec<(i64, i64)>,
}

/// Apply the revision entries of `cert` (any entries: those of other certificates and other kinds
/// are skipped; the rest in number order) to the certificate as recorded.
pub fn apply<'e>(cert: &mut Certificate, entries: impl IntoIterator<Item = &'e Entry>) {
    let mut mine: Vec<&Entry> = entries
        .into_iter()
        .filter(|e| e.cert_no == cert.cert_no && matches!(e.kind, Kind::Amend | Kind::Void))
        .collect();
    mine.sort_by_key(|e| e.seq);
    for e in mine {
        match (e.kind, e.line) {
            (Kind::Amend, 0) => {
                let reapproval = cert.voided;
                cert.voided = false;
                if let Some(no) = &e.doc_no {
                    cert.amended_no = (*no != cert.cert_no).then(|| no.clone());
                }
                cert.issued_on = e.date;
                let frozen: Vec<FrozenFile> = e
                    .evidence
                    .iter()
                    .filter(|v| v.kind == FROZEN)
                    .map(|v| FrozenFile {
                        path: v.name.clone(),
                        sha256: v.sha256,
                        size: v.size,
                    })
                    .collect();
                if !frozen.is_empty() {
                    if let Some(a) = frozen.iter().find(|f| f.path == "application.toml") {
                        cert.application_sha256 = a.sha256;
                    }
                    cert.files = frozen;
                    cert.package_sha256 = e
                        .evidence
                        .iter()
                        .find(|v| v.kind == PACKAGE)
                        .map(|v| hex(&v.sha256));
                }
                cert.revisions.push(Revision {
                    seq: e.seq,
                    kind: Kind::Amend,
                    reapproval,
                    date: e.date,
                    recorded_at: e.recorded_at.clone(),
                    reason: e.note.clone().unwrap_or_default(),
                    cert_no: e.doc_no.clone(),
                    quantities: Vec::new(),
                });
            }
            (Kind::Amend, line) => {
                if let Some(l) = cert.lines.iter_mut().find(|l| l.line == line) {
                    l.certified = e.qty;
                }
                if let Some(r) = cert.revisions.last_mut() {
                    r.quantities.push((line, e.qty));
                }
            }
            (Kind::Void, _) => {
                cert.voided = true;
                cert.revisions.push(Revision {
                    seq: e.seq,
                    kind: Kind::Void,
                    reapproval: false,
                    date: e.date,
                    recorded_at: e.recorded_at.clone(),
                    reason: e.note.clone().unwrap_or_default(),
                    cert_no: None,
                    quantities: Vec::new(),
                });
            }
            _ => {}
        }
    }
}

/// The frozen files of an amendment as the evidence of its line 0 entry.
pub fn frozen_evidence(files: &[FrozenFile], package: Option<[u8; 32]>) -> Vec<Evidence> {
    let mut out: Vec<Evidence> = files
        .iter()
        .map(|f| Evidence {
            kind: FROZEN.into(),
            name: f.path.clone(),
            sha256: f.sha256,
            size: f.size,
        })
        .collect();
    if let Some(sha256) = package {
        out.push(Evidence {
            kind: PACKAGE.into(),
            name: "package.zip".into(),
            sha256,
            size: 0,
        });
    }
    out
}

/// A file of an approved application that differs from what was frozen (S002).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Drift {
    /// Relative to the application directory (`application.toml`, `materials/…`), or `package`
    /// for the latest non-draft package.
    pub path: String,
    /// The hash frozen at approval or at the last amendment (`None`: not frozen then).
    #[serde(serialize_with = "ser_opt_hex")]
    pub approved: Option<[u8; 32]>,
    /// The hash now (`None`: missing or unreadable now).
    #[serde(serialize_with = "ser_opt_hex")]
    pub now: Option<[u8; 32]>,
}

fn ser_opt_hex<S: serde::Serializer>(v: &Option<[u8; 32]>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(h) => s.serialize_str(&hex(h)),
        None => s.serialize_none(),
    }
}

/// S002: what differs between the files frozen with `cert` and the application's files now
/// (`now`: application.toml and every material file that can be read), and between the package
/// frozen and the latest non-draft package now (hex). Sorted by path, the package last.
pub fn drift(cert: &Certificate, now: &[FrozenFile], package_now: Option<&str>) -> Vec<Drift> {
    use std::collections::BTreeMap;
    let then: BTreeMap<&str, [u8; 32]> = cert
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.sha256))
        .collect();
    let current: BTreeMap<&str, [u8; 32]> =
        now.iter().map(|f| (f.path.as_str(), f.sha256)).collect();
    let mut out: Vec<Drift> = Vec::new();
    for (p, h) in &then {
        match current.get(p) {
            Some(n) if n == h => {}
            n => out.push(Drift {
                path: p.to_string(),
                approved: Some(*h),
                now: n.copied(),
            }),
        }
    }
    for (p, h) in &current {
        if !then.contains_key(p) {
            out.push(Drift {
                path: p.to_string(),
                approved: None,
                now: Some(*h),
            });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    let frozen_pkg = cert.package_sha256.as_deref();
    if package_now != frozen_pkg && package_now.is_some() {
        let parse = |h: Option<&str>| h.and_then(crate::util::hex::parse_hex32);
        out.push(Drift {
            path: "package".into(),
            approved: parse(frozen_pkg),
            now: parse(package_now),
        });
    }
    out
}

/// The S002 message for one differing file, naming both hashes.
pub fn drift_message(id: &str, cert: &Certificate, d: &Drift, lang: crate::Lang) -> String {
    let h = |v: &Option<[u8; 32]>, zh: &str, en: &str| match v {
        Some(h) => hex(h),
        None => lang.pick(zh, en).to_string(),
    };
    let approved = h(&d.approved, "批准时没有", "not there at approval");
    let now = h(&d.now, "缺失或无法读取", "missing or unreadable");
    let what = if d.path == "package" {
        lang.pick(
            "批准后又打包了新的申报包",
            "a new package was built after approval",
        )
        .to_string()
    } else {
        d.path.clone()
    };
    match lang {
        crate::Lang::Zh => format!(
            "申请 {id}（证明 {}）批准后被改动：{what}；批准时 sha256 {approved}，现在 {now}",
            cert.number()
        ),
        crate::Lang::En => format!(
            "application {id} (certificate {}) changed after approval: {what}; approved sha256 {approved}, now {now}",
            cert.number()
        ),
    }
}

/// Whether an entry's evidence names files of the evidence store (what `ledger verify` checks
/// and `usage-record --export` copies): not the frozen hashes of an amendment.
pub fn has_stored_evidence(e: &Entry) -> bool {
    e.kind != Kind::Amend
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::entry::CertLine;

    fn cert() -> Certificate {
        Certificate {
            cert_no: "C1".into(),
            application_id: "a".into(),
            condition: "research".into(),
            issued_on: "2026-01-10".parse().unwrap(),
            approved_at: String::new(),
            application_sha256: [1; 32],
            package_sha256: None,
            export_due: None,
            exhibition_end: None,
            lines: vec![CertLine {
                line: 1,
                name: "x".into(),
                model: "y".into(),
                unit: "台".into(),
                applied: 30,
                certified: 30,
            }],
            files: vec![],
            amended_no: None,
            revisions: vec![],
            voided: false,
        }
    }

    fn entry(seq: i64, kind: Kind, line: i64, qty: i64, doc_no: Option<&str>) -> Entry {
        Entry {
            seq,
            cert_no: "C1".into(),
            line,
            kind,
            qty,
            date: "2026-01-12".parse().unwrap(),
            recorded_at: "t".into(),
            doc_no: doc_no.map(String::from),
            location: None,
            operator: None,
            note: Some("why".into()),
            idem_key: None,
            reverses: None,
            evidence: vec![],
            hash: [0; 32],
        }
    }

    #[test]
    fn drift_names_each_file_with_both_hashes() {
        let mut c = cert();
        let f = |p: &str, b: u8| FrozenFile {
            path: p.into(),
            sha256: [b; 32],
            size: 1,
        };
        c.files = vec![
            f("application.toml", 1),
            f("materials/a.pdf", 2),
            f("materials/b.pdf", 3),
        ];
        c.package_sha256 = Some(hex(&[4; 32]));
        assert!(drift(&c, &c.files.clone(), Some(&hex(&[4; 32]))).is_empty());
        let now = [
            f("application.toml", 9),
            f("materials/a.pdf", 2),
            f("materials/c.pdf", 5),
        ];
        let d = drift(&c, &now, Some(&hex(&[6; 32])));
        let paths: Vec<&str> = d.iter().map(|x| x.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "application.toml",
                "materials/b.pdf",
                "materials/c.pdf",
                "package"
            ]
        );
        assert_eq!((d[0].approved, d[0].now), (Some([1; 32]), Some([9; 32])));
        assert_eq!(d[1].now, None);
        assert_eq!(d[2].approved, None);
        let m = drift_message("a", &c, &d[0], crate::Lang::En);
        assert!(
            m.contains(&format!(
                "approved sha256 {}, now {}",
                hex(&[1; 32]),
                hex(&[9; 32])
            )),
            "{m}"
        );
        // No package now and none then: nothing to say about packages.
        c.package_sha256 = None;
        assert!(drift(&c, &c.files.clone(), None).is_empty());
    }

    #[test]
    fn amendments_and_voids_apply_in_number_order() {
        let mut c = cert();
        let mut head = entry(5, Kind::Amend, 0, 0, Some("C2"));
        head.evidence = frozen_evidence(
            &[FrozenFile {
                path: "application.toml".into(),
                sha256: [7; 32],
                size: 3,
            }],
            Some([8; 32]),
        );
        let es = [
            entry(9, Kind::Void, 0, 0, Some("a")),
            entry(6, Kind::Amend, 1, 20, None),
            head,
            entry(7, Kind::Inbound, 1, 5, None),
        ];
        apply(&mut c, &es);
        assert_eq!(c.number(), "C2");
        assert_eq!(c.display_no(), "C1 → C2");
        assert_eq!(c.issued_on.to_string(), "2026-01-12");
        assert_eq!(c.lines[0].certified, 20);
        assert_eq!(c.application_sha256, [7; 32]);
        assert_eq!(c.package_sha256, Some(hex(&[8; 32])));
        assert!(c.voided);
        assert_eq!(c.revisions.len(), 2);
        assert_eq!(c.revisions[0].quantities, vec![(1, 20)]);
        assert!(!c.revisions[0].reapproval);
        // Approved again after the void.
        let again = entry(10, Kind::Amend, 0, 0, Some("C1"));
        apply(&mut c, [&again]);
        assert!(!c.voided);
        assert!(c.revisions[2].reapproval);
        assert_eq!(c.amended_no, None);
        assert_eq!(c.number(), "C1");
    }
}

//! `ledger usage-record`: what to enter in the official system's usage records (使用记录), whose
//! types are exactly 使用, 退运 and 销毁, with quantities, dates and evidence. A use inside
//! finished products that were exported (condition 5) is entered as 使用 with its export
//! declaration. Built from values the caller loaded (`crate::ops::ledger::usage` reads them).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::entry::{Certificate, Entry};
use super::kind::Kind;
use crate::util::hex::hex;

/// One usage record to enter.
#[derive(Debug, Clone, Serialize)]
pub struct UsageRecord {
    /// 使用 | 退运 | 销毁
    pub record_type: &'static str,
    /// The ledger kind behind it (use, export, reexport, scrap).
    pub kind: Kind,
    pub seq: i64,
    pub date: NaiveDate,
    pub line: i64,
    pub product: String,
    pub model: String,
    pub qty: i64,
    pub unit: String,
    /// The export declaration or other document number.
    pub doc_no: Option<String>,
    pub location: Option<String>,
    pub note: Option<String>,
    pub evidence: Vec<UsageEvidence>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UsageEvidence {
    pub kind: String,
    pub name: String,
    pub sha256: String,
    /// Where the copy is kept, relative to the workspace.
    pub stored: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct UsageReport {
    pub certificate: Certificate,
    pub records: Vec<UsageRecord>,
    /// Quantity per type (使用, 退运, 销毁).
    pub totals: BTreeMap<&'static str, i64>,
    /// Received and not yet in a final disposition: no usage record possible yet.
    pub open: i64,
}

/// The usage records of `cert` from its entries (in any order); `open` is what its lines hold
/// received and not yet disposed of.
pub fn records(cert: Certificate, entries: &[Entry], open: i64) -> UsageReport {
    let reversed: std::collections::HashSet<i64> =
        entries.iter().filter_map(|e| e.reverses).collect();
    let mut records = Vec::new();
    let mut totals: BTreeMap<&'static str, i64> = BTreeMap::new();
    for t in ["使用", "退运", "销毁"] {
        totals.insert(t, 0);
    }
    let mut sorted: Vec<_> = entries.iter().collect();
    sorted.sort_by_key(|e| (e.date, e.seq));
    for e in sorted {
        let Some(t) = e.kind.usage_record_type() else {
            continue;
        };
        if reversed.contains(&e.seq) {
            continue;
        }
        *totals.entry(t).or_default() += e.qty;
        let l = cert.line(e.line);
        records.push(UsageRecord {
            record_type: t,
            kind: e.kind,
            seq: e.seq,
            date: e.date,
            line: e.line,
            product: l.map(|l| l.name.clone()).unwrap_or_default(),
            model: l.map(|l| l.model.clone()).unwrap_or_default(),
            qty: e.qty,
            unit: l.map(|l| l.unit.clone()).unwrap_or_default(),
            doc_no: e.doc_no.clone(),
            location: e.location.clone(),
            note: e.note.clone(),
            evidence: e
                .evidence
                .iter()
                .map(|v| UsageEvidence {
                    kind: v.kind.clone(),
                    name: v.name.clone(),
                    sha256: hex(&v.sha256),
                    stored: format!(".ccc-exempt/evidence/{}", hex(&v.sha256)),
                })
                .collect(),
        });
    }
    UsageReport {
        certificate: cert,
        records,
        totals,
        open,
    }
}

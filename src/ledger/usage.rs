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

/// The file extension a file's content has, by its first bytes (`None`: not recognised).
pub fn extension_by_content(head: &[u8]) -> Option<&'static str> {
    let at = |i: usize, m: &[u8]| head.len() >= i + m.len() && &head[i..i + m.len()] == m;
    Some(if at(0, b"%PDF-") {
        "pdf"
    } else if at(0, &[0xFF, 0xD8, 0xFF]) {
        "jpg"
    } else if at(0, &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        "png"
    } else if at(0, b"GIF87a") || at(0, b"GIF89a") {
        "gif"
    } else if at(0, b"RIFF") && at(8, b"WEBP") {
        "webp"
    } else if at(0, b"II*\0") || at(0, b"MM\0*") {
        "tif"
    } else if at(4, b"ftypqt") {
        "mov"
    } else if at(4, b"ftyp") {
        "mp4"
    } else if at(0, b"PK\x03\x04") {
        "zip"
    } else {
        return None;
    })
}

/// A short name of an evidence kind for a file name: the rulebook's Chinese words without
/// book-title marks and without what is in brackets (`《出口报关单》（编号及文件）` → `出口报关单`).
pub fn evidence_word(kind: &str) -> String {
    let zh = match crate::rules::rulebook::Rulebook::get().evidence_kind(kind) {
        Some(e) => e.zh.clone(),
        None if kind == super::rules::ATTACHMENT => "附件".to_string(),
        None => kind.to_string(),
    };
    let cut = zh.find(['（', '(']).map_or(zh.as_str(), |i| &zh[..i]);
    cut.chars()
        .filter(|c| {
            !matches!(
                c,
                '《' | '》' | '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|'
            )
        })
        .collect()
}

/// The name an evidence file is exported under: entry number, record type (or the 台账 word of
/// the entry's kind), date, evidence kind, and the extension of its content
/// (`0007-使用-2026-12-03-最终用户确认.pdf`); `n` > 1 numbers a second file of the same kind.
pub fn export_name(e: &Entry, kind: &str, n: usize, ext: &str) -> String {
    let what = e
        .kind
        .usage_record_type()
        .unwrap_or(e.kind.zh())
        .replace('/', "");
    let nth = if n > 1 {
        format!("-{n}")
    } else {
        String::new()
    };
    format!(
        "{:04}-{what}-{}-{}{nth}.{ext}",
        e.seq,
        e.date,
        evidence_word(kind)
    )
}

/// The export names of an entry's evidence files, in order; `ext` gives each file's extension by
/// content (from its hash), else the extension of the name it was given, else `bin`.
pub fn export_names(e: &Entry, ext: impl Fn(&[u8; 32]) -> Option<&'static str>) -> Vec<String> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    e.evidence
        .iter()
        .map(|v| {
            let n = seen.entry(v.kind.as_str()).or_default();
            *n += 1;
            let given = std::path::Path::new(&v.name)
                .extension()
                .map(|x| x.to_string_lossy().to_ascii_lowercase());
            let ext = ext(&v.sha256)
                .map(String::from)
                .or(given)
                .unwrap_or_else(|| "bin".into());
            export_name(e, &v.kind, *n, &ext)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::entry::Evidence;

    #[test]
    fn export_names_say_entry_type_date_kind_and_the_extension_of_the_content() {
        assert_eq!(extension_by_content(b"%PDF-1.7"), Some("pdf"));
        assert_eq!(extension_by_content(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("jpg"));
        assert_eq!(extension_by_content(b"\0\0\0\x18ftypmp42"), Some("mp4"));
        assert_eq!(extension_by_content(b"hello"), None);
        let ev = |kind: &str, name: &str, b: u8| Evidence {
            kind: kind.into(),
            name: name.into(),
            sha256: [b; 32],
            size: 1,
        };
        let e = Entry {
            seq: 7,
            cert_no: "C".into(),
            line: 1,
            kind: Kind::Use,
            qty: 1,
            date: "2026-12-03".parse().unwrap(),
            recorded_at: String::new(),
            doc_no: None,
            location: None,
            operator: None,
            note: None,
            idem_key: None,
            reverses: None,
            evidence: vec![
                ev("end-user-confirmation", "scan.jpeg", 1),
                ev("photo-or-video", "a.png", 2),
                ev("photo-or-video", "b", 3),
            ],
            hash: [0; 32],
        };
        // The content decides: a PDF named .jpeg is exported as .pdf.
        let names = export_names(&e, |h| match h[0] {
            1 => Some("pdf"),
            _ => None,
        });
        assert_eq!(
            names,
            [
                "0007-使用-2026-12-03-最终用户确认.pdf",
                "0007-使用-2026-12-03-照片、视频等佐证材料.png",
                "0007-使用-2026-12-03-照片、视频等佐证材料-2.bin",
            ]
        );
        let mut x = e.clone();
        x.kind = Kind::Reexport;
        x.evidence = vec![ev("export-declaration", "d.pdf", 4)];
        assert_eq!(
            export_names(&x, |_| None),
            ["0007-退运-2026-12-03-出口报关单.pdf"]
        );
    }
}

//! One movement and the rules it meets that need only its certificate and the line's entries:
//! the kind and quantity, the line (L001), the disposition the condition allows (L004), the
//! evidence (L005), the date (L006), and the refusals a balance gives (L002, L003, L009). Pure:
//! the write session (`crate::ops::ledger::session`) loads the state from the store and calls
//! these.

use crate::model::codes::Code;
use chrono::NaiveDate;

use super::balance::{self, Balance, Pool, Shortfall, TimelineItem};
use super::entry::{Certificate, Entry, Evidence};
use super::evidence::FileInfo;
use super::kind::Kind;
use super::rules::{self, EvidenceInput};
use crate::Lang;
use crate::application::Condition;
use crate::error::{Error, Result};

/// One movement as the user states it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Movement {
    pub cert_no: String,
    pub line: i64,
    pub kind: Option<Kind>,
    pub qty: i64,
    /// The business date; today when not given.
    pub date: Option<NaiveDate>,
    pub evidence: Vec<EvidenceInput>,
    pub doc_no: Option<String>,
    pub location: Option<String>,
    pub operator: Option<String>,
    pub note: Option<String>,
    /// The idempotency key: the same key with the same content records nothing twice.
    pub key: Option<String>,
    /// `--deviation REASON`: a final disposition other than the one the application committed
    /// to is recorded with this reason (L011 otherwise).
    pub deviation: Option<String>,
}

/// The prefix of the note of an entry recorded past its commitment (`--deviation`): what
/// `status` looks for.
pub const DEVIATION: &str = "deviation from the committed disposal";

/// The final disposition an application committed to (`disposal = "destroy" | "reexport"` of
/// research and exhibition), read from application.toml's text as approved.
pub fn committed_disposal(application_toml: &str, condition: Condition) -> Option<Kind> {
    let table: toml::Table = toml::from_str(application_toml).ok()?;
    let section = match condition {
        Condition::Research => "research",
        Condition::Exhibition => "exhibition",
        _ => return None,
    };
    match table.get(section)?.get("disposal")?.as_str()? {
        "destroy" => Some(Kind::Scrap),
        "reexport" => Some(Kind::Reexport),
        _ => None,
    }
}

/// L011: a final disposition other than `committed` is refused, unless recorded with a
/// deviation reason; then the reason goes first into the note (kept in the chain). Returns the
/// note to record.
pub fn check_commitment(
    kind: Kind,
    committed: Option<Kind>,
    deviation: Option<&str>,
    note: Option<String>,
    lang: Lang,
) -> Result<Option<String>> {
    let deviation = deviation.map(str::trim).filter(|d| !d.is_empty());
    let Some(c) = committed.filter(|c| kind.is_disposition() && kind != *c) else {
        return Ok(note);
    };
    let word = |k: Kind| {
        if k == Kind::Scrap {
            "destroy"
        } else {
            k.as_str()
        }
    };
    match deviation {
        None => Err(Error::refused(
            Code::L011,
            match lang {
                Lang::Zh => format!(
                    "申请承诺的处理方式是“{}”（disposal = \"{}\"），不能登记“{}”；确需偏离时用 --deviation 写明原因",
                    c.zh(),
                    word(c),
                    kind.zh()
                ),
                Lang::En => format!(
                    "the application committed to {} (disposal = \"{}\"), so {} is refused; record a necessary deviation with --deviation REASON",
                    c.en(),
                    word(c),
                    kind.en()
                ),
            },
        )),
        Some(reason) => {
            let mut n = format!("{DEVIATION} ({}): {reason}", word(c));
            if let Some(rest) = note.filter(|x| !x.trim().is_empty()) {
                n.push_str(" · ");
                n.push_str(&rest);
            }
            Ok(Some(n))
        }
    }
}

/// What became of a movement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Appended as this entry.
    Recorded(Entry),
    /// The same key with the same content was already recorded as this entry: nothing written.
    AlreadyRecorded(Entry),
}

impl Outcome {
    pub fn entry(&self) -> &Entry {
        match self {
            Outcome::Recorded(e) | Outcome::AlreadyRecorded(e) => e,
        }
    }
}

/// The name of a pool of units, in the caller's language.
pub fn pool_name(p: Pool, lang: Lang) -> &'static str {
    match p {
        Pool::Stock => lang.pick("在库", "in stock"),
        Pool::Issued => lang.pick("已领用", "issued"),
        Pool::Both => lang.pick("在库及已领用", "in stock or issued"),
    }
}

/// The refusal of a movement that does not fit the line's balance: L002 over the certified
/// quantity, L003 more than the pool holds.
pub fn shortfall_error(
    s: Shortfall,
    kind: Kind,
    qty: i64,
    date: NaiveDate,
    cert: &str,
    line: i64,
    lang: Lang,
) -> Error {
    match s {
        Shortfall::OverCertified {
            certified,
            received,
        } => Error::refused(
            Code::L002,
            lang.pick(
                &format!(
                    "证明 {cert} 第 {line} 行核准数量 {certified}，已入库 {received}，再入库 {qty} 将超出核准数量"
                ),
                &format!(
                    "certificate {cert} line {line}: certified {certified}, received {received}; another {qty} would exceed the certified quantity"
                ),
            ),
        ),
        Shortfall::Short { available, from } => Error::refused(
            Code::L003,
            lang.pick(
                &format!(
                    "证明 {cert} 第 {line} 行：{date} {}{qty}，但当时{}仅 {available}",
                    kind.zh(),
                    pool_name(from, lang)
                ),
                &format!(
                    "certificate {cert} line {line}: {} {qty} on {date}, but only {available} {} then",
                    kind.as_str(),
                    pool_name(from, lang)
                ),
            ),
        ),
        Shortfall::NotPositive => Error::Input(
            lang.pick("数量必须是正整数", "the quantity must be a positive whole number")
                .to_string(),
        ),
    }
}

/// L009: the certificate was written off by entry `seq`.
pub fn l009(cert: &str, seq: i64, lang: Lang) -> Error {
    Error::refused(
        Code::L009,
        lang.pick(
            &format!("证明 {cert} 已于条目 #{seq} 核销完毕，不能再登记或冲销流水"),
            &format!(
                "certificate {cert} was written off (entry #{seq}); nothing more can be recorded or reversed on it"
            ),
        ),
    )
}

/// A line's balance, latest business date and number of counted movements, recomputed from its
/// un-reversed entries.
pub fn line_from_entries(
    cert_no: &str,
    line: i64,
    certified: i64,
    mut counted: Vec<TimelineItem>,
) -> Result<(Balance, Option<NaiveDate>, i64)> {
    let n = counted.len() as i64;
    let last = counted.iter().map(|i| i.date).max();
    match balance::simulate(&mut counted, certified) {
        Ok(b) => Ok((b, last, n)),
        Err(br) => Err(Error::Storage(format!(
            "certificate {cert_no} line {line}: the recorded entries do not add up (entry #{} {} {} on {}); the database was changed outside ccc-exempt: run `ccc-exempt ledger verify` and restore from a backup",
            br.item.seq, br.item.kind, br.item.qty, br.item.date
        ))),
    }
}

/// The balance cache disagrees with the entries: exit 3, nothing written.
pub fn cache_disagrees(cert_no: &str, line: i64, cached: Balance, computed: Balance) -> Error {
    Error::Storage(format!(
        "certificate {cert_no} line {line}: the stored balance (in stock {}, issued {}, received {}) disagrees with the ledger entries (in stock {}, issued {}, received {}); the database was changed outside ccc-exempt and nothing was recorded: run `ccc-exempt ledger verify` and restore from a backup (`ccc-exempt backup`)",
        cached.in_stock,
        cached.issued,
        cached.received,
        computed.in_stock,
        computed.issued,
        computed.received
    ))
}

/// The balance cache has no row for a line that has entries: exit 3, nothing written (a
/// deleted row must not read as an empty balance).
pub fn cache_missing(cert_no: &str, line: i64, computed: Balance) -> Error {
    Error::Storage(format!(
        "certificate {cert_no} line {line}: the stored balance is missing, but the line has ledger entries (they add up to in stock {}, issued {}, received {}); the database was changed outside ccc-exempt and nothing was recorded: run `ccc-exempt ledger verify` and restore from a backup (`ccc-exempt backup`)",
        computed.in_stock, computed.issued, computed.received
    ))
}

/// L001: no such certificate.
pub fn unknown_certificate(cert_no: &str, lang: Lang) -> Error {
    Error::refused(
        Code::L001,
        lang.pick(
            &format!("未知的证明号 {cert_no:?}；先用 `ccc-exempt app approve` 登记证明"),
            &format!(
                "unknown certificate {cert_no:?}; record it with `ccc-exempt app approve` first (`ccc-exempt ledger balance` lists the certificates)"
            ),
        ),
    )
}

/// The checks of a movement that need only its certificate: the kind and quantity, the line
/// (L001), the disposition the condition allows (L004), the evidence (L005) and the date (L006).
/// Returns the entry to record (without number and hash).
pub fn build_entry(
    cert: &Certificate,
    condition: Condition,
    m: Movement,
    files: &[&FileInfo],
    today: NaiveDate,
    recorded_at: &str,
    lang: Lang,
) -> Result<Entry> {
    let Some(kind) = m.kind.filter(|k| k.is_movement()) else {
        return Err(Error::Input(
            lang.pick(
                "流水类型必须是 inbound 入库、issue 领用、return 归还、use 使用、reexport 退运核销、scrap 报废/销毁 或 export 整机出口",
                "the kind must be one of inbound, issue, return, use, reexport, scrap, export",
            )
            .to_string(),
        ));
    };
    if m.qty <= 0 {
        return Err(Error::Input(
            lang.pick(
                "数量必须是正整数",
                "the quantity must be a positive whole number",
            )
            .to_string(),
        ));
    }
    let line = m.line;
    if cert.line(line).is_none() {
        let list: Vec<String> = cert.lines.iter().map(|l| l.line.to_string()).collect();
        return Err(Error::refused(
            Code::L001,
            lang.pick(
                &format!(
                    "证明 {} 没有第 {line} 行（共有：{}）",
                    cert.cert_no,
                    list.join("、")
                ),
                &format!(
                    "certificate {} has no line {line} (its lines: {})",
                    cert.cert_no,
                    list.join(", ")
                ),
            ),
        ));
    }
    let needed = rules::allowed(condition, kind, lang)?;
    let kinds = rules::assign_evidence(needed, m.doc_no.as_deref(), &m.evidence, lang)?;
    let date = m.date.unwrap_or(today);
    rules::check_date(date, cert.issued_on, today, lang)?;
    let evidence: Vec<Evidence> = files
        .iter()
        .zip(kinds)
        .map(|(f, kind)| Evidence {
            kind,
            name: f.name.clone(),
            sha256: f.sha256,
            size: f.size,
        })
        .collect();
    Ok(Entry {
        seq: 0,
        cert_no: cert.cert_no.clone(),
        line,
        kind,
        qty: m.qty,
        date,
        recorded_at: recorded_at.to_string(),
        doc_no: clean(m.doc_no),
        location: clean(m.location),
        operator: clean(m.operator),
        note: clean(m.note),
        idem_key: clean(m.key),
        reverses: None,
        evidence,
        hash: [0; 32],
    })
}

#[cfg(test)]
mod commitment_tests {
    use super::*;

    #[test]
    fn a_disposition_other_than_the_committed_one_needs_a_deviation() {
        let toml = "[research]\ndisposal = \"destroy\"\n";
        let c = committed_disposal(toml, Condition::Research);
        assert_eq!(c, Some(Kind::Scrap));
        assert_eq!(committed_disposal(toml, Condition::Repair), None);
        assert_eq!(
            committed_disposal(
                "[exhibition]\ndisposal = \"reexport\"",
                Condition::Exhibition
            ),
            Some(Kind::Reexport)
        );
        let e = check_commitment(Kind::Reexport, c, None, None, Lang::En).unwrap_err();
        assert_eq!(
            e.to_string(),
            "L011: the application committed to scrap (disposal = \"destroy\"), so re-export is refused; record a necessary deviation with --deviation REASON"
        );
        assert_eq!(e.exit_code(), 1);
        assert_eq!(
            check_commitment(Kind::Scrap, c, None, Some("n".into()), Lang::En).unwrap(),
            Some("n".into())
        );
        assert_eq!(
            check_commitment(Kind::Inbound, c, None, None, Lang::En).unwrap(),
            None
        );
        let n = check_commitment(
            Kind::Reexport,
            c,
            Some("the buyer took them back"),
            Some("x".into()),
            Lang::En,
        )
        .unwrap();
        assert_eq!(
            n.as_deref(),
            Some("deviation from the committed disposal (destroy): the buyer took them back · x")
        );
        assert!(check_commitment(Kind::Reexport, c, Some(" "), None, Lang::Zh).is_err());
    }
}

/// The result of checking one movement.
#[derive(Debug, Clone)]
pub enum Checked {
    New(Entry),
    Duplicate(Entry),
}

/// Trimmed, and `None` when empty (without copying a value that needs no trimming).
fn clean(v: Option<String>) -> Option<String> {
    let s = v?;
    let t = s.trim();
    if t.is_empty() {
        None
    } else if t.len() == s.len() {
        Some(s)
    } else {
        Some(t.to_string())
    }
}

/// The code of a refusal (L003 for another error), for a refusal that wraps it.
pub fn inner_code(e: &Error) -> crate::model::codes::Code {
    match e {
        Error::Refused { code, .. } => *code,
        _ => crate::model::codes::Code::L003,
    }
}

/// The message of a refusal without its code, for a refusal that wraps it.
pub fn inner_message(e: &Error) -> String {
    match e {
        Error::Refused { message, .. } => message.clone(),
        other => other.to_string(),
    }
}

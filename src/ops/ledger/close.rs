//! `ledger close --cert NO`: write a certificate off (核销完毕) when every unit received is in a
//! final disposition, and move its application to written-off, in one transaction through a
//! [`Session`].

use crate::model::codes::Code;
use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::ledger::deadlines::retain_until;
use crate::ledger::entry::Entry;
use crate::ledger::kind::Kind;
use crate::ledger::movement::l009;
use crate::store::Store;
use crate::workspace::Workspace;
use crate::{Lang, Now};

use super::session::{Session, Settings};

/// What to write off.
#[derive(Debug, Clone)]
pub struct Options {
    pub cert_no: String,
    /// The write-off date; today when not given.
    pub date: Option<NaiveDate>,
    pub operator: Option<String>,
    pub note: Option<String>,
}

/// The write-off, as recorded.
pub type Report = Closed;

/// `ledger close` on the workspace's ledger.
pub fn run(ws: &Workspace, opts: Options, now: Now, lang: Lang) -> Result<Report> {
    let dir = ws.evidence_dir();
    let mut store = ws.store()?;
    let settings = Settings::new(lang, now, &dir);
    close(
        &mut store,
        settings,
        &opts.cert_no,
        opts.date,
        opts.operator.as_deref(),
        opts.note.as_deref(),
    )
}

/// The result of `ledger close`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Closed {
    pub entry: Entry,
    pub application_id: String,
    pub written_off_on: NaiveDate,
    pub retain_until: NaiveDate,
}

/// Write a certificate off (`ledger close`): every unit received is in a final disposition.
/// Records the write-off as an entry and moves the application to written-off.
pub fn close(
    store: &mut Store,
    settings: Settings<'_>,
    cert_no: &str,
    date: Option<NaiveDate>,
    operator: Option<&str>,
    note: Option<&str>,
) -> Result<Closed> {
    let tx = store.ledger_tx()?;
    let mut s = Session::begin(tx, settings)?;
    let r = close_in(&mut s, cert_no.trim(), date, operator, note);
    s.conclude(r)
}

fn close_in(
    s: &mut Session<'_, '_>,
    cert_no: &str,
    date: Option<NaiveDate>,
    operator: Option<&str>,
    note: Option<&str>,
) -> Result<Closed> {
    let lang = s.lang();
    let today = s.today;
    let date = date.unwrap_or(today);
    let (app_id, issued, closed, open, last) = {
        let c = s.cert(cert_no)?;
        let mut lines: Vec<_> = c.lines.iter().collect();
        lines.sort_by_key(|(n, _)| **n);
        let open: Vec<String> = lines
            .iter()
            .filter(|(_, l)| l.balance.open() > 0)
            .map(|(n, l)| {
                lang.pick(
                    &format!(
                        "第 {n} 行在库 {}、已领用 {}",
                        l.balance.in_stock, l.balance.issued
                    ),
                    &format!(
                        "line {n}: {} in stock, {} issued",
                        l.balance.in_stock, l.balance.issued
                    ),
                )
                .to_string()
            })
            .collect();
        let last = lines.iter().filter_map(|(_, l)| l.last_date).max();
        (
            c.cert.application_id.clone(),
            c.cert.issued_on,
            c.closed,
            open,
            last,
        )
    };
    if let Some(seq) = closed {
        return Err(l009(cert_no, seq, lang));
    }
    if !open.is_empty() {
        return Err(Error::refused(
            Code::L010,
            lang.pick(
                &format!(
                    "证明 {cert_no} 还不能核销：{}；先登记使用、退运、销毁或出口",
                    open.join("；")
                ),
                &format!(
                    "certificate {cert_no} cannot be written off yet: {}; record their use, re-export, destruction or export first",
                    open.join("; ")
                ),
            ),
        ));
    }
    crate::ledger::rules::check_date(date, issued, today, lang)?;
    if let Some(last) = last
        && date < last
    {
        return Err(Error::refused(
            Code::L006,
            lang.pick(
                &format!("核销日期 {date} 早于最后一笔流水的日期 {last}"),
                &format!("the write-off date {date} is before the last movement, on {last}"),
            ),
        ));
    }
    let status = s.tx.ensure_application(&app_id, None, &s.recorded_at)?;
    let step = crate::model::status::apply(
        &app_id,
        crate::model::status::Operation::WriteOff,
        status,
        None,
        lang,
    )?;
    let e = Entry {
        seq: 0,
        cert_no: cert_no.to_string(),
        line: 0,
        kind: Kind::Close,
        qty: 0,
        date,
        recorded_at: s.recorded_at.clone(),
        doc_no: None,
        location: None,
        operator: operator
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(String::from),
        note: note
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(String::from),
        idem_key: None,
        reverses: None,
        evidence: Vec::new(),
        hash: [0; 32],
    };
    let entry = s.append(e, &[])?;
    let until = retain_until(date);
    let at = s.recorded_at.clone();
    s.tx.set_status(
        &app_id,
        &step,
        &at,
        Some(&format!(
            "certificate {cert_no} written off on {date} (entry #{}); keep records until {until}",
            entry.seq
        )),
    )?;
    if let Some(Some(c)) = s.certs.get_mut(cert_no) {
        c.closed = Some(entry.seq);
    }
    Ok(Closed {
        entry,
        application_id: app_id,
        written_off_on: date,
        retain_until: retain_until(date),
    })
}

//! The writes of the ledger, one transaction each: add a movement, reverse an entry, write a
//! certificate off.

use chrono::{Months, NaiveDate};

use super::balance::{self, TimelineItem};
use super::entry::Entry;
use super::evidence::{self, Staged};
use super::kind::Kind;
use super::session::{Checked, Movement, Outcome, Session, Settings, l009, shortfall_error};
use crate::error::{Error, Result};
use crate::store::Store;

/// How long materials and records are kept after the write-off (guide, 线上办理流程 7).
pub const RETENTION_MONTHS: u32 = 24;

/// The retention date of a certificate written off on `date`.
pub fn retain_until(date: NaiveDate) -> NaiveDate {
    date.checked_add_months(Months::new(RETENTION_MONTHS))
        .unwrap_or(date)
}

/// Record one movement (`ledger add`).
pub fn add(store: &mut Store, settings: Settings<'_>, m: &Movement) -> Result<Outcome> {
    // Hash and stage the evidence before taking the write lock.
    let mut staged: Vec<Staged> = m
        .evidence
        .iter()
        .map(|e| evidence::stage(settings.evidence_dir, &e.path, settings.dry_run))
        .collect::<Result<_>>()?;
    let tx = store.ledger_tx()?;
    let mut s = Session::begin(tx, settings)?;
    let checked = {
        let refs: Vec<&evidence::FileInfo> = staged.iter().map(|x| &x.info).collect();
        s.check(m, &refs)
    };
    let result = match checked {
        Ok(Checked::Duplicate(e)) => Ok(Outcome::AlreadyRecorded(e)),
        Ok(Checked::New(e)) => staged
            .iter_mut()
            .try_for_each(|st| s.install(st))
            .and_then(|_| s.append(e, &[]))
            .map(Outcome::Recorded),
        Err(e) => Err(e),
    };
    match result {
        Ok(o) => {
            s.finish()?;
            Ok(o)
        }
        Err(e) => {
            s.abort()?;
            Err(e)
        }
    }
}

/// Reverse an entry (`ledger reverse`): a new entry that cancels it, as if it had never been
/// recorded. Refused when it was reversed already (L008), when the certificate is written off
/// (L009), or when the line's timeline without it would go negative (L003).
pub fn reverse(
    store: &mut Store,
    settings: Settings<'_>,
    seq: i64,
    reason: &str,
    operator: Option<&str>,
) -> Result<Entry> {
    let lang = settings.lang;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Input(
            lang.pick(
                "请用 --reason 说明冲销原因",
                "give the reason with --reason",
            )
            .to_string(),
        ));
    }
    let tx = store.ledger_tx()?;
    let mut s = Session::begin(tx, settings)?;
    let r = reverse_in(&mut s, seq, reason, operator);
    match r {
        Ok(e) => {
            s.finish()?;
            Ok(e)
        }
        Err(e) => {
            s.abort()?;
            Err(e)
        }
    }
}

fn reverse_in(
    s: &mut Session<'_, '_>,
    seq: i64,
    reason: &str,
    operator: Option<&str>,
) -> Result<Entry> {
    let lang = s.lang();
    let Some(orig) = s.tx.entry(seq)? else {
        return Err(Error::Input(super::pick(
            lang,
            &format!("没有条目 #{seq}（`ccc-exempt ledger list` 列出条目）"),
            &format!("there is no entry #{seq} (`ccc-exempt ledger list` lists the entries)"),
        )));
    };
    if let Some(by) = s.tx.reversal_of(seq)? {
        return Err(Error::refused(
            "L008",
            lang.pick(
                &format!("条目 #{seq} 已被条目 #{by} 冲销"),
                &format!("entry #{seq} was already reversed by entry #{by}"),
            ),
        ));
    }
    if orig.kind == Kind::Reversal {
        return Err(Error::refused(
            "L008",
            lang.pick(
                &format!("条目 #{seq} 本身是冲销；不能冲销冲销，请重新登记正确的流水"),
                &format!(
                    "entry #{seq} is itself a reversal; a reversal is not reversed: record the movement again"
                ),
            ),
        ));
    }
    let cert_no = orig.cert_no.clone();
    let closed = s.cert(&cert_no)?.closed;
    if let Some(c) = closed {
        return Err(l009(&cert_no, c, lang));
    }
    if orig.kind == Kind::Certify {
        return Err(Error::Input(super::pick(
            lang,
            &format!("条目 #{seq} 是证明登记，不能冲销"),
            &format!("entry #{seq} records the certificate itself and cannot be reversed"),
        )));
    }
    // The line's timeline without the original must stay sound.
    let mut items: Vec<TimelineItem> =
        s.tx.timeline(&cert_no, orig.line)?
            .into_iter()
            .filter(|i| i.seq != seq)
            .collect();
    let line_state = s
        .cert(&cert_no)?
        .lines
        .get(&orig.line)
        .map(|l| l.certified)
        .ok_or_else(|| Error::Storage(format!("entry #{seq} names an unknown line")))?;
    let b = match balance::simulate(&mut items, line_state) {
        Ok(b) => b,
        Err(br) => {
            let inner = shortfall_error(
                br.shortfall,
                br.item.kind,
                br.item.qty,
                br.item.date,
                &cert_no,
                orig.line,
                lang,
            );
            let detail = match &inner {
                Error::Refused { message, .. } => message.clone(),
                o => o.to_string(),
            };
            return Err(Error::refused(
                "L003",
                lang.pick(
                    &format!(
                        "冲销条目 #{seq} 会使之后的条目 #{}（{} {} {}）数量不足：{detail}；请先冲销之后的流水",
                        br.item.seq,
                        br.item.date,
                        br.item.kind.zh(),
                        br.item.qty
                    ),
                    &format!(
                        "reversing entry #{seq} would leave entry #{} ({} {} on {}) short: {detail}; reverse the later movements first",
                        br.item.seq, br.item.kind, br.item.qty, br.item.date
                    ),
                ),
            ));
        }
    };
    let last_date = items.iter().map(|i| i.date).max();
    let count = items.len() as i64;
    if let Some(l) = s.cert(&cert_no)?.lines.get_mut(&orig.line) {
        l.balance = b;
        l.last_date = last_date;
        l.entries = count;
        l.timeline = Some(items);
        l.dirty = true;
    }
    let e = Entry {
        seq: 0,
        cert_no,
        line: orig.line,
        kind: Kind::Reversal,
        qty: orig.qty,
        date: s.today,
        recorded_at: s.recorded_at.clone(),
        doc_no: None,
        location: None,
        operator: operator
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(String::from),
        note: Some(reason.to_string()),
        idem_key: None,
        reverses: Some(seq),
        evidence: Vec::new(),
        hash: [0; 32],
    };
    s.append(e, &[])
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
    match r {
        Ok(c) => {
            s.finish()?;
            Ok(c)
        }
        Err(e) => {
            s.abort()?;
            Err(e)
        }
    }
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
            "L010",
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
    super::rules::check_date(date, issued, today, lang)?;
    if let Some(last) = last
        && date < last
    {
        return Err(Error::refused(
            "L006",
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

//! `ledger reverse SEQ --reason`: a new entry that cancels an earlier one (nothing is ever
//! edited or deleted), in one transaction through a [`Session`].

use crate::error::{Error, Result};
use crate::ledger::balance::{self, TimelineItem};
use crate::ledger::entry::Entry;
use crate::ledger::kind::Kind;
use crate::ledger::movement::{l009, shortfall_error};
use crate::model::codes::Code;
use crate::store::Store;
use crate::workspace::Workspace;
use crate::{Lang, Now};

use super::session::{Session, Settings};

/// What to reverse, and why.
#[derive(Debug, Clone)]
pub struct Options {
    /// The number of the entry to reverse.
    pub seq: i64,
    /// Why (kept in the ledger; required).
    pub reason: String,
    pub operator: Option<String>,
}

/// The reversing entry, as recorded.
pub type Report = Entry;

/// `ledger reverse` on the workspace's ledger.
pub fn run(ws: &Workspace, opts: Options, now: Now, lang: Lang) -> Result<Report> {
    let dir = ws.evidence_dir();
    let mut store = ws.store()?;
    let settings = Settings::new(lang, now, &dir);
    reverse(
        &mut store,
        settings,
        opts.seq,
        &opts.reason,
        opts.operator.as_deref(),
    )
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
    s.conclude(r)
}

fn reverse_in(
    s: &mut Session<'_, '_>,
    seq: i64,
    reason: &str,
    operator: Option<&str>,
) -> Result<Entry> {
    let lang = s.lang();
    let Some(orig) = s.tx.entry(seq)? else {
        return Err(Error::Input(crate::ledger::pick(
            lang,
            &format!("没有条目 #{seq}（`ccc-exempt ledger list` 列出条目）"),
            &format!("there is no entry #{seq} (`ccc-exempt ledger list` lists the entries)"),
        )));
    };
    if let Some(by) = s.tx.reversal_of(seq)? {
        return Err(Error::refused(
            Code::L008,
            lang.pick(
                &format!("条目 #{seq} 已被条目 #{by} 冲销"),
                &format!("entry #{seq} was already reversed by entry #{by}"),
            ),
        ));
    }
    if orig.kind == Kind::Reversal {
        return Err(Error::refused(
            Code::L008,
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
        return Err(Error::Input(crate::ledger::pick(
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
                Code::L003,
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
        l.timeline = Some(balance::Timeline::new(items, l.certified));
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

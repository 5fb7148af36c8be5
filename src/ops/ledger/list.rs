//! `ledger list`: the entries that match a filter, and which of them a later reversal cancelled.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::error::Result;
use crate::ledger::entry::Entry;
use crate::ledger::kind::Kind;
use crate::store::ledger::EntryFilter;
use crate::workspace::Workspace;
use crate::{Lang, Now};

/// The filter (every field narrows; none given lists everything).
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub cert_no: Option<String>,
    pub line: Option<i64>,
    /// Only these kinds (any of them).
    pub kinds: Vec<Kind>,
    /// From this business date.
    pub from: Option<NaiveDate>,
    /// Up to this business date.
    pub to: Option<NaiveDate>,
    /// Only the latest N entries.
    pub limit: Option<i64>,
    /// Also find the reversal of every entry listed (a second query over the reversals).
    pub reversed_by: bool,
}

/// The entries, in number order.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub entries: Vec<Entry>,
    /// Entry number → the number of the reversal that cancelled it (with `reversed_by`, and
    /// only when some entry matched).
    pub reversed_by: HashMap<i64, i64>,
}

/// `ledger list` on the workspace's ledger (read only).
pub fn run(ws: &Workspace, opts: Options, _now: Now, _lang: Lang) -> Result<Report> {
    let store = ws.store_read()?;
    let entries = store.entries(&EntryFilter {
        cert_no: opts.cert_no.clone(),
        line: opts.line,
        kinds: opts.kinds,
        from: opts.from,
        to: opts.to,
        limit: opts.limit,
    })?;
    let reversed_by = if opts.reversed_by && !entries.is_empty() {
        store
            .entries(&EntryFilter {
                cert_no: opts.cert_no,
                kinds: vec![Kind::Reversal],
                ..Default::default()
            })?
            .into_iter()
            .filter_map(|e| e.reverses.map(|r| (r, e.seq)))
            .collect()
    } else {
        HashMap::new()
    };
    Ok(Report {
        entries,
        reversed_by,
    })
}

//! `ledger usage-record --cert NO`: what to enter in the official system's usage records
//! (使用记录), from the certificate's entries (`crate::ledger::usage` builds them).

use crate::error::{Error, Result};
use crate::ledger::usage::{self, UsageReport};
use crate::model::codes::Code;
use crate::store::Store;
use crate::store::ledger::EntryFilter;
use crate::workspace::Workspace;
use crate::{Lang, Now};

/// Which certificate.
#[derive(Debug, Clone)]
pub struct Options {
    pub cert_no: String,
}

pub type Report = UsageReport;

/// `ledger usage-record` on the workspace's ledger (read only).
pub fn run(ws: &Workspace, opts: Options, _now: Now, _lang: Lang) -> Result<Report> {
    let store = ws.store_read()?;
    usage_records(&store, opts.cert_no.trim())
}

/// The usage records of certificate `cert_no` (L001 when unknown).
pub fn usage_records(store: &Store, cert_no: &str) -> Result<UsageReport> {
    let Some(cert) = store.certificate(cert_no)? else {
        return Err(Error::refused(
            Code::L001,
            format!(
                "unknown certificate {cert_no:?}; `ccc-exempt ledger balance` lists the certificates"
            ),
        ));
    };
    let entries = store.entries(&EntryFilter {
        cert_no: Some(cert_no.to_string()),
        ..Default::default()
    })?;
    let open = store
        .balances(Some(cert_no))?
        .iter()
        .map(|b| b.balance.open())
        .sum();
    Ok(usage::records(cert, &entries, open))
}

//! `ledger balance`: per certificate line, what was certified and where the units are.

use crate::model::codes::Code;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::ledger::balance::Balance;
use crate::workspace::Workspace;
use crate::{Lang, Now};

/// All certificates, or one.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub cert_no: Option<String>,
}

/// One certificate line and its balance.
#[derive(Debug, Clone, Serialize)]
pub struct BalanceRow {
    pub cert_no: String,
    pub application_id: String,
    pub line: i64,
    pub product: String,
    pub model: String,
    pub unit: String,
    pub certified: i64,
    #[serde(flatten)]
    pub balance: Balance,
    pub open: i64,
}

/// Every line of the certificates, in certificate then line order.
pub type Report = Vec<BalanceRow>;

/// `ledger balance` on the workspace's ledger (read only). L001 for an unknown certificate.
pub fn run(ws: &Workspace, opts: Options, _now: Now, lang: Lang) -> Result<Report> {
    let store = ws.store_read()?;
    let certs = match &opts.cert_no {
        Some(c) => match store.certificate(c)? {
            Some(c) => vec![c],
            None => {
                return Err(Error::refused(
                    Code::L001,
                    format!("{} {c:?}", lang.pick("未知的证明号", "unknown certificate")),
                ));
            }
        },
        None => store.certificates()?,
    };
    let balances = store.balances(opts.cert_no.as_deref())?;
    let mut rows = Vec::new();
    for c in &certs {
        for l in &c.lines {
            let b = balances
                .iter()
                .find(|b| b.cert_no == c.cert_no && b.line == l.line)
                .map(|b| b.balance)
                .unwrap_or_default();
            rows.push(BalanceRow {
                cert_no: c.cert_no.clone(),
                application_id: c.application_id.clone(),
                line: l.line,
                product: l.name.clone(),
                model: l.model.clone(),
                unit: l.unit.clone(),
                certified: l.certified,
                balance: b,
                open: b.open(),
            });
        }
    }
    Ok(rows)
}

//! `ledger add`: record one movement, in one transaction through a [`Session`], evidence
//! hashed and staged before the write lock is taken.

use crate::error::Result;
use crate::ledger::StoredBalance;
use crate::ledger::evidence::{self, Staged};
use crate::ledger::movement::{Checked, Movement, Outcome};
use crate::store::Store;
use crate::workspace::Workspace;
use crate::{Lang, Now};

use super::session::{Session, Settings};

/// What to record.
#[derive(Debug, Clone)]
pub struct Options {
    /// The movement; its evidence paths resolved by the caller.
    pub movement: Movement,
}

/// What was recorded, and the line's balance after it.
#[derive(Debug, Clone)]
pub struct Report {
    pub outcome: Outcome,
    pub balance: Option<StoredBalance>,
}

/// `ledger add` on the workspace's ledger.
pub fn run(ws: &Workspace, opts: Options, now: Now, lang: Lang) -> Result<Report> {
    let dir = ws.evidence_dir();
    let mut store = ws.store()?;
    let settings = Settings::new(lang, now, &dir);
    let outcome = add(&mut store, settings, &opts.movement)?;
    let e = outcome.entry();
    let balance = store
        .balances(Some(&e.cert_no))?
        .into_iter()
        .find(|b| b.line == e.line);
    Ok(Report { outcome, balance })
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
    s.conclude(result)
}

/// What the movement still lacks before the ledger would refuse it for want of evidence (L005):
/// the evidence kinds with no file, and whether the document number is missing. Nothing when
/// the certificate is unknown (the recording itself then says so). Read only.
pub fn missing_evidence(ws: &Workspace, m: &Movement) -> Result<(Vec<String>, bool)> {
    let store = ws.store_read()?;
    let Some(kind) = m.kind else {
        return Ok((Vec::new(), false));
    };
    let Some(cert) = store.certificate(m.cert_no.trim())? else {
        return Ok((Vec::new(), false));
    };
    let Some(condition) = crate::application::Condition::parse(&cert.condition) else {
        return Ok((Vec::new(), false));
    };
    Ok(crate::ledger::rules::missing_evidence(
        condition,
        kind,
        m.doc_no.as_deref(),
        &m.evidence,
    ))
}

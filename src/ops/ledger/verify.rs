//! `ledger verify [--against CHECKPOINT]` and `ledger checkpoint`: read the ledger from the
//! store and have `crate::ledger::verify` recompute the chain, the numbering, the balances and
//! every evidence file's hash. A large ledger is scanned by several threads, each on its own
//! connection and read snapshot.

use std::path::Path;

use crate::error::{Error, Result};
use crate::ledger::chain::GENESIS;
use crate::ledger::entry::{Certificate, Entry};
use crate::ledger::verify::{
    Checkpoint, Entries, Part, Shared, VerifyReport, judge, problem, scan,
};
use crate::model::codes::Code;
use crate::model::diagnostic::Diagnostic;
use crate::store::LedgerTx;
use crate::store::{DriftKind, Store};
use crate::workspace::Workspace;
use crate::{Lang, Now};

/// What to verify against.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A checkpoint (from `ledger checkpoint`) the ledger must still extend.
    pub against: Option<Checkpoint>,
}

/// Every break, with the severities of the workspace's `[severity]` table in force.
pub type Report = VerifyReport;

/// `ledger verify` of the workspace's ledger (read only).
pub fn run(ws: &Workspace, opts: Options, _now: Now, lang: Lang) -> Result<Report> {
    let dir = ws.evidence_dir();
    let mut store = ws.store_read()?;
    let mut r = verify(&mut store, &dir, lang, opts.against.as_ref())?;
    // S002: the approved applications' files against what was frozen with their certificates.
    for c in store.certificates()? {
        let id = &c.application_id;
        let current = crate::ops::app::current_files_of(ws, id);
        r.problems.extend(crate::ops::app::drift_findings(
            &store,
            &ws.applications_dir().join(id),
            id,
            current.as_ref(),
            lang,
        )?);
    }
    ws.config.severity.apply(&mut r.problems);
    Ok(r)
}

/// `ledger checkpoint`: the workspace, its entry count and head hash, taken `now`.
pub fn run_checkpoint(ws: &Workspace, now: Now, _lang: Lang) -> Result<Checkpoint> {
    let store = ws.store_read()?;
    checkpoint(&store, Some(now.rfc3339()))
}

/// The current checkpoint of the ledger.
pub fn checkpoint(store: &Store, taken_at: Option<String>) -> Result<Checkpoint> {
    let (entries, head) = store.ledger_head()?;
    Ok(Checkpoint {
        workspace_id: store.workspace_id()?,
        entries,
        head,
        taken_at,
    })
}

impl Entries for LedgerTx<'_> {
    fn for_each_entry(
        &self,
        lo: i64,
        hi: i64,
        f: impl FnMut(std::result::Result<&Entry, (i64, String)>) -> Result<()>,
    ) -> Result<()> {
        LedgerTx::for_each_entry(self, lo, hi, f)
    }
}

fn store_reopen(snap: &LedgerTx<'_>) -> Result<Store> {
    snap.reopen()
}

/// Below this many entries one thread scans everything.
const PARALLEL_FROM: i64 = 20_000;

/// Verify the whole ledger.
pub fn verify(
    store: &mut Store,
    evidence_dir: &Path,
    lang: Lang,
    against: Option<&Checkpoint>,
) -> Result<VerifyReport> {
    let workspace_id = store.workspace_id()?;
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4) as i64;
    let drift = store.schema_drift()?;
    let snap = store.ledger_snapshot()?;
    let max_seq = snap.max_seq()?;
    // Large ledgers are scanned by several threads, each on its own connection and read
    // snapshot. Entries are append-only, so a snapshot taken later holds the same entries up to
    // `max_seq`; everything else is read from this thread's snapshot.
    let n = if max_seq >= PARALLEL_FROM { threads } else { 1 };
    let readers: Vec<Store> = (1..n).map(|_| store_reopen(&snap)).collect::<Result<_>>()?;
    let mut problems: Vec<Diagnostic> = Vec::new();
    // The append-only triggers and the tables are part of what is verified: a dropped trigger
    // would let the next UPDATE pass unseen.
    for d in drift {
        let (zh, en) = match d.what {
            DriftKind::Missing => ("缺失", "is missing"),
            DriftKind::Altered => ("已被修改", "was altered"),
            DriftKind::Extra => ("不是迁移所建", "was not made by the migrations"),
        };
        problems.push(problem(
            Code::L117,
            None,
            None,
            None,
            lang.pick(
                &format!("数据库{} {} {zh}：数据库在 ccc-exempt 之外被改动过；请从备份恢复", d.kind, d.name),
                &format!("database {} {} {en}: the database was changed outside ccc-exempt; restore it from a backup", d.kind, d.name),
            )
            .to_string(),
        ));
    }
    let certs: Vec<Certificate> = snap.certificates()?;
    let stored_balances = snap.balance_rows(None)?;
    let recorded: Vec<Certificate> = snap.certificates_as_recorded()?;
    let shared = Shared::new(&certs, lang, against.map(|c| c.entries))
        .recorded_as(&recorded)
        .with_seals(&stored_balances);
    // Split 1..=max_seq among the threads.
    let step = (max_seq + n - 1) / n;
    let ranges: Vec<(i64, i64)> = (0..n)
        .map(|i| (i * step + 1, ((i + 1) * step).min(max_seq)))
        .filter(|(lo, hi)| lo <= hi)
        .collect();
    let prevs: Vec<(i64, [u8; 32])> = ranges
        .iter()
        .map(|(lo, _)| {
            if *lo <= 1 {
                Ok((0, GENESIS))
            } else {
                snap.entry_before(*lo)
            }
        })
        .collect::<Result<_>>()?;
    let parts: Vec<Part> = std::thread::scope(|scope| -> Result<Vec<Part>> {
        let sh = &shared;
        let mut handles = Vec::new();
        for (i, mut reader) in readers.into_iter().enumerate() {
            let Some(&(lo, hi)) = ranges.get(i + 1) else {
                continue;
            };
            let prev = prevs[i + 1];
            handles.push(scope.spawn(move || -> Result<Part> {
                let snap = reader.ledger_snapshot()?;
                let part = scan(&snap, lo, hi, prev, sh)?;
                snap.rollback()?;
                Ok(part)
            }));
        }
        let mut parts = Vec::new();
        if let Some(&(lo, hi)) = ranges.first() {
            parts.push(scan(&snap, lo, hi, prevs[0], sh)?);
        }
        for h in handles {
            parts.push(
                h.join()
                    .unwrap_or_else(|_| Err(Error::Storage("a verify thread failed".into())))?,
            );
        }
        Ok(parts)
    })?;
    snap.rollback()?;
    // Evidence: files beside a SQLite database, blobs in a PostgreSQL one (append-only, so
    // read after the snapshot they hold what the entries name). A store error stops verify.
    let mut failed: Option<Error> = None;
    let mut evidence = |sha: &[u8; 32]| match store.evidence_hash(evidence_dir, sha) {
        Ok(h) => h,
        Err(e) => {
            failed.get_or_insert(e);
            None
        }
    };
    let report = judge(
        parts,
        &shared,
        &stored_balances,
        &mut evidence,
        against,
        max_seq,
        workspace_id,
        problems,
    );
    match failed {
        Some(e) => Err(e),
        None => Ok(report),
    }
}

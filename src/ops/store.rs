//! `store info` and `store migrate --to URL`: which store the workspace uses, and moving a
//! workspace's SQLite store into an empty PostgreSQL database, verified on the copy (chain,
//! balances, every evidence hash, and the original's checkpoint) before success is reported.

use crate::error::{Error, Result};
use crate::ledger::verify::{Checkpoint, VerifyReport};
use crate::store::pg::{CopyReport, PgStore, PgTarget};
use crate::store::{Store, StoreInfo};
use crate::workspace::Workspace;
use crate::{Lang, Now};

/// `store info` (read only). A PostgreSQL database without the schema yet (nothing recorded)
/// is shown as such: schema version 0, no entries.
pub fn info(ws: &Workspace, _now: Now, _lang: Lang) -> Result<StoreInfo> {
    let store = ws.store_read()?;
    match (ws.pg_target()?, &store) {
        (Some(t), Store::Sqlite(_)) => Ok(StoreInfo {
            kind: "postgresql",
            location: t.redacted(),
            schema_version: 0,
            schema_version_known: crate::store::schema_version(),
            entries: 0,
            head: crate::ledger::chain::GENESIS,
            workspace_id: String::new(),
        }),
        _ => store.info(),
    }
}

/// What `store migrate` did and found.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MigrateReport {
    /// The database copied into, without its password.
    pub target: String,
    /// The original's checkpoint, which the copy extends exactly.
    pub checkpoint: Checkpoint,
    pub copied: CopyReport,
    /// `ledger verify` of the copy, against the checkpoint.
    pub verify: VerifyReport,
}

impl MigrateReport {
    /// The copy verifies and holds exactly the original's entries.
    pub fn ok(&self) -> bool {
        self.verify.ok()
            && self.verify.extends_checkpoint == Some(true)
            && self.verify.entries == self.checkpoint.entries
            && self.verify.head == self.checkpoint.head
    }
}

/// Copy the workspace's SQLite store (verified first) into the empty database `target`, then
/// verify the copy. An original that does not verify is not copied; a copy that does not
/// verify is reported (exit 3) and left for inspection.
pub fn migrate(ws: &Workspace, target: &PgTarget, _now: Now, lang: Lang) -> Result<MigrateReport> {
    if let Some(t) = ws.pg_target()? {
        return Err(Error::Input(
            lang.pick(
                &format!(
                    "此工作区已使用 PostgreSQL 存储（{}）；store migrate 只复制 SQLite 存储",
                    t.redacted()
                ),
                &format!(
                    "this workspace already uses a PostgreSQL store ({}); store migrate copies a SQLite store",
                    t.redacted()
                ),
            )
            .to_string(),
        ));
    }
    let evidence_dir = ws.evidence_dir();
    let mut src = ws.store()?;
    let before = crate::ops::ledger::verify::verify(&mut src, &evidence_dir, lang, None)?;
    if !before.ok() {
        return Err(Error::Storage(
            lang.pick(
                &format!(
                    "本工作区的台账未通过校验（{} 个问题）；请先运行 `ccc-exempt ledger verify` 并修复，未复制任何内容",
                    before.problems.len()
                ),
                &format!(
                    "the workspace's ledger does not verify ({} problems); run `ccc-exempt ledger verify` and fix it first; nothing was copied",
                    before.problems.len()
                ),
            )
            .to_string(),
        ));
    }
    let checkpoint = crate::ops::ledger::verify::checkpoint(&src, None)?;
    let Store::Sqlite(sqlite) = &src else {
        return Err(Error::Storage("the workspace store is not SQLite".into()));
    };
    let mut dst = PgStore::open(target)?;
    let copied = dst.copy_from_sqlite(sqlite.connection(), &evidence_dir)?;
    dst.analyze_ledger()?;
    let mut dst = Store::Pg(Box::new(dst));
    let verify =
        crate::ops::ledger::verify::verify(&mut dst, &evidence_dir, lang, Some(&checkpoint))?;
    let report = MigrateReport {
        target: target.redacted(),
        checkpoint,
        copied,
        verify,
    };
    if !report.ok() {
        return Err(Error::Storage(
            lang.pick(
                &format!(
                    "复制到 {} 的存储未通过校验（{} 个问题，{} 个条目，原有 {} 个）；副本保留以供检查，请勿使用；删除该数据库后重试",
                    report.target,
                    report.verify.problems.len(),
                    report.verify.entries,
                    report.checkpoint.entries
                ),
                &format!(
                    "the copy in {} does not verify ({} problems, {} entries where the original has {}); it is left for inspection, do not use it: drop that database and try again",
                    report.target,
                    report.verify.problems.len(),
                    report.verify.entries,
                    report.checkpoint.entries
                ),
            )
            .to_string(),
        ));
    }
    Ok(report)
}

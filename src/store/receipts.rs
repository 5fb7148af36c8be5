//! Package receipts: what `package` built, recorded in the same transaction as the status change.

use rusqlite::params;

use super::SqliteStore;
use super::applications::{set_status_tx, status_on};
use crate::Lang;
use crate::error::{Error, Result};
use crate::model::status::{self, Operation, Step};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PackageReceipt {
    pub application_id: String,
    pub created_at: String,
    pub path: String,
    pub zip_sha256: String,
    pub zip_size: u64,
    pub manifest_sha256: String,
    pub payload_oxum: String,
    pub generator: String,
    pub draft: bool,
    pub errors: i64,
}

/// What happened to the application's status (stored names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusOutcome {
    /// Moved from the first to the second (the same when packaged again).
    Moved(String, String),
    /// Left as it was (a draft, or already past packaged).
    Unchanged(String),
}

impl SqliteStore {
    /// Record a receipt and, unless `move_status` is false (a draft package), the step the
    /// lifecycle table makes for `package` (a checked application becomes packaged; later
    /// statuses stay). `commit` runs inside the transaction just before it commits (the CLI
    /// renames the package into place there): if it fails, nothing is recorded.
    pub fn record_package(
        &mut self,
        r: &PackageReceipt,
        move_status: bool,
        commit: impl FnOnce() -> Result<()>,
    ) -> Result<StatusOutcome> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let Some(status) = status_on(&tx, &r.application_id)? else {
            return Err(Error::Input(format!(
                "application {} is not registered in the workspace; run `ccc-exempt check {}` first",
                r.application_id, r.application_id
            )));
        };
        tx.execute(
            "INSERT INTO packages(application_id, created_at, path, zip_sha256, zip_size,
                                  manifest_sha256, payload_oxum, generator, draft, errors)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                r.application_id,
                r.created_at,
                r.path,
                r.zip_sha256,
                r.zip_size as i64,
                r.manifest_sha256,
                r.payload_oxum,
                r.generator,
                r.draft as i64,
                r.errors
            ],
        )?;
        let step = if move_status {
            // Packaging is never refused by the table (it leaves statuses it has no row for).
            status::apply(
                &r.application_id,
                Operation::Package,
                status,
                None,
                Lang::En,
            )?
        } else {
            Step::Stay(status)
        };
        let note = format!("package sha256 {}", r.zip_sha256);
        set_status_tx(&tx, &r.application_id, &step, &r.created_at, Some(&note))?;
        let outcome = match step {
            Step::Move { from, to, .. } => StatusOutcome::Moved(from.to_string(), to.to_string()),
            Step::Stay(s) => StatusOutcome::Unchanged(s.to_string()),
        };
        commit()?;
        tx.commit()?;
        Ok(outcome)
    }

    /// The receipts of an application, oldest first.
    pub fn packages(&self, application_id: &str) -> Result<Vec<PackageReceipt>> {
        let mut stmt = self.conn.prepare(
            "SELECT application_id, created_at, path, zip_sha256, zip_size, manifest_sha256,
                    payload_oxum, generator, draft, errors
             FROM packages WHERE application_id = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([application_id], |row| {
                Ok(PackageReceipt {
                    application_id: row.get(0)?,
                    created_at: row.get(1)?,
                    path: row.get(2)?,
                    zip_sha256: row.get(3)?,
                    zip_size: row.get::<_, i64>(4)? as u64,
                    manifest_sha256: row.get(5)?,
                    payload_oxum: row.get(6)?,
                    generator: row.get(7)?,
                    draft: row.get::<_, i64>(8)? != 0,
                    errors: row.get(9)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

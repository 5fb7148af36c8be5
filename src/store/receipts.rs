//! Package receipts: what `package` built, recorded in the same transaction as the status change.

use rusqlite::params;

use super::Store;
use crate::error::{Error, Result};

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

/// What happened to the application's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusOutcome {
    /// Moved from the first to the second.
    Moved(String, String),
    /// Left as it was (a draft, or already past packaged).
    Unchanged(String),
}

impl Store {
    /// Record a receipt and, unless `move_status` is false, make the application `packaged` when
    /// it is `checked` or `packaged` (later statuses are left alone). `commit` runs inside the
    /// transaction just before it commits (the CLI renames the package into place there): if it
    /// fails, nothing is recorded.
    pub fn record_package(
        &mut self,
        r: &PackageReceipt,
        move_status: bool,
        commit: impl FnOnce() -> Result<()>,
    ) -> Result<StatusOutcome> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let status: Option<String> = tx
            .query_row(
                "SELECT status FROM applications WHERE id = ?1",
                [&r.application_id],
                |row| row.get(0),
            )
            .ok();
        let Some(status) = status else {
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
        let outcome = if move_status && (status == "checked" || status == "packaged") {
            if status != "packaged" {
                let note = format!("package sha256 {}", r.zip_sha256);
                super::applications::set_status_tx(
                    &tx,
                    &r.application_id,
                    &status,
                    "packaged",
                    &r.created_at,
                    Some(&note),
                )?;
            }
            StatusOutcome::Moved(status, "packaged".into())
        } else {
            StatusOutcome::Unchanged(status)
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

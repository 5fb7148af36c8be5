//! The application registry: status and the last check of each application.

use rusqlite::{OptionalExtension, params};

use super::Store;
use crate::error::{Error, Result};

/// Where an application stands in its life.
pub const STATUSES: &[&str] = &[
    "draft",
    "checked",
    "packaged",
    "submitted",
    "approved",
    "rejected",
    "written-off",
];

#[derive(Debug, Clone, serde::Serialize)]
pub struct AppRecord {
    pub id: String,
    pub condition: Option<String>,
    pub status: String,
    pub created_at: String,
    pub updated_at: String,
    pub last_check: Option<CheckRecord>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct CheckRecord {
    pub checked_at: String,
    pub file_sha256: String,
    pub errors: i64,
    pub warnings: i64,
    pub infos: i64,
    pub total_quantity: i64,
    pub codes: Vec<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct StatusEvent {
    pub from_status: Option<String>,
    pub to_status: String,
    pub at: String,
    pub note: Option<String>,
}

impl Store {
    /// Make sure the application is registered; returns its status.
    pub fn ensure_application(
        &self,
        id: &str,
        condition: Option<&str>,
        now: &str,
    ) -> Result<String> {
        ensure_application_on(&self.conn, id, condition, now)
    }

    /// Record a check result. A draft with no errors becomes checked; a checked application with
    /// errors goes back to draft. Later statuses are not touched by a check.
    pub fn record_check(
        &mut self,
        id: &str,
        condition: Option<&str>,
        now: &str,
        c: &CheckRecord,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let status = ensure_application_on(&tx, id, condition, now)?;
        tx.execute(
            "INSERT INTO checks(application_id, checked_at, file_sha256, errors, warnings, infos, total_quantity, codes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id,
                c.checked_at,
                c.file_sha256,
                c.errors,
                c.warnings,
                c.infos,
                c.total_quantity,
                c.codes.join(" ")
            ],
        )?;
        let next = match (status.as_str(), c.errors) {
            ("draft", 0) => Some("checked"),
            ("checked", n) | ("packaged", n) if n > 0 => Some("draft"),
            _ => None,
        };
        if let Some(next) = next {
            set_status_tx(&tx, id, &status, next, now, None)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Move an application to `to`, checking the move is allowed from its current status.
    pub fn transition(
        &mut self,
        id: &str,
        allowed_from: &[&str],
        to: &str,
        now: &str,
        note: Option<&str>,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let status: Option<String> = tx
            .query_row("SELECT status FROM applications WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(status) = status else {
            return Err(Error::Input(format!(
                "application {id} is not registered in the workspace yet; run `ccc-exempt check {id}` first"
            )));
        };
        if !allowed_from.contains(&status.as_str()) {
            return Err(Error::refused(
                "S001",
                format!(
                    "application {id} is {status}; it can become {to} only from {}",
                    allowed_from.join(" or ")
                ),
            ));
        }
        set_status_tx(&tx, id, &status, to, now, note)?;
        tx.commit()?;
        Ok(())
    }

    pub fn applications(&self) -> Result<Vec<AppRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, condition, status, created_at, updated_at FROM applications ORDER BY id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(AppRecord {
                    id: r.get(0)?,
                    condition: r.get(1)?,
                    status: r.get(2)?,
                    created_at: r.get(3)?,
                    updated_at: r.get(4)?,
                    last_check: None,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for mut rec in rows {
            rec.last_check = self.last_check(&rec.id)?;
            out.push(rec);
        }
        Ok(out)
    }

    pub fn application(&self, id: &str) -> Result<Option<AppRecord>> {
        Ok(self.applications()?.into_iter().find(|a| a.id == id))
    }

    pub fn last_check(&self, id: &str) -> Result<Option<CheckRecord>> {
        Ok(self
            .conn
            .query_row(
                "SELECT checked_at, file_sha256, errors, warnings, infos, total_quantity, codes
                 FROM checks WHERE application_id = ?1 ORDER BY id DESC LIMIT 1",
                [id],
                |r| {
                    let codes: String = r.get(6)?;
                    Ok(CheckRecord {
                        checked_at: r.get(0)?,
                        file_sha256: r.get(1)?,
                        errors: r.get(2)?,
                        warnings: r.get(3)?,
                        infos: r.get(4)?,
                        total_quantity: r.get(5)?,
                        codes: codes.split_whitespace().map(String::from).collect(),
                    })
                },
            )
            .optional()?)
    }

    pub fn status_events(&self, id: &str) -> Result<Vec<StatusEvent>> {
        let mut stmt = self.conn.prepare(
            "SELECT from_status, to_status, at, note FROM status_events WHERE application_id = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(StatusEvent {
                    from_status: r.get(0)?,
                    to_status: r.get(1)?,
                    at: r.get(2)?,
                    note: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

/// Register the application as a draft unless it is known (its condition kept up to date), on a
/// connection or inside a transaction; returns its status.
pub(crate) fn ensure_application_on(
    conn: &rusqlite::Connection,
    id: &str,
    condition: Option<&str>,
    now: &str,
) -> Result<String> {
    conn.execute(
        "INSERT INTO applications(id, condition, status, created_at, updated_at)
         VALUES (?1, ?2, 'draft', ?3, ?3)
         ON CONFLICT(id) DO UPDATE SET condition = COALESCE(?2, condition)",
        params![id, condition, now],
    )?;
    Ok(
        conn.query_row("SELECT status FROM applications WHERE id = ?1", [id], |r| {
            r.get(0)
        })?,
    )
}

pub(crate) fn set_status_tx(
    tx: &rusqlite::Transaction<'_>,
    id: &str,
    from: &str,
    to: &str,
    now: &str,
    note: Option<&str>,
) -> Result<()> {
    tx.execute(
        "UPDATE applications SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, to, now],
    )?;
    tx.execute(
        "INSERT INTO status_events(application_id, from_status, to_status, at, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, from, to, now, note],
    )?;
    Ok(())
}

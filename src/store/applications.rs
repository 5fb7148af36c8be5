//! The application registry: status, status history and the last check of each application.
//! Status changes are decided by the lifecycle table (`crate::model::status`); this file only
//! persists the step it returns, in the transaction that records the operation.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::SqliteStore;
use crate::Lang;
use crate::error::{Error, Result};
use crate::model::status::{self, FileHash, Operation, Status, Step};

#[derive(Debug, Clone, serde::Serialize)]
pub struct AppRecord {
    pub id: String,
    pub condition: Option<String>,
    pub status: Status,
    pub created_at: String,
    pub updated_at: String,
    pub last_check: Option<CheckRecord>,
    /// The approval was recorded past a guard (`app approve --force --reason`); kept for as
    /// long as the certificate stands.
    pub forced: Option<ForcedRecord>,
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
    /// application.toml and every material file the check could read, by content hash. Empty
    /// for a check recorded before the store kept them (application.toml is always among them).
    #[serde(skip)]
    pub files: Vec<FileHash>,
}

impl CheckRecord {
    /// As the lifecycle's guards see it.
    pub fn as_last_check(&self) -> status::LastCheck<'_> {
        status::LastCheck {
            at: &self.checked_at,
            errors: self.errors,
            files: (!self.files.is_empty()).then_some(self.files.as_slice()),
        }
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct StatusEvent {
    pub from_status: Option<Status>,
    pub to_status: Status,
    pub at: String,
    pub note: Option<String>,
    pub forced: Option<ForcedRecord>,
}

/// A guard overridden by a move, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ForcedRecord {
    pub code: String,
    /// What the guard found.
    pub why: String,
    pub reason: String,
    pub at: String,
}

impl SqliteStore {
    /// Make sure the application is registered; returns its status.
    pub fn ensure_application(
        &self,
        id: &str,
        condition: Option<&str>,
        now: &str,
    ) -> Result<Status> {
        ensure_application_on(&self.conn, id, condition, now)
    }

    /// Record a check result, with the files it saw, and the step the lifecycle table makes for
    /// it (a clean check of a draft makes it checked; errors make a checked or packaged
    /// application a draft again; later statuses stay).
    pub fn record_check(
        &mut self,
        id: &str,
        condition: Option<&str>,
        now: &str,
        c: &CheckRecord,
    ) -> Result<Step> {
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
        let check_id = tx.last_insert_rowid();
        // Only the latest check is compared with the files at approval: the older ones' rows go.
        tx.execute(
            "DELETE FROM check_files WHERE check_id IN
                 (SELECT id FROM checks WHERE application_id = ?1 AND id < ?2)",
            params![id, check_id],
        )?;
        {
            let mut ins = tx.prepare(
                "INSERT OR REPLACE INTO check_files(check_id, path, sha256) VALUES (?1, ?2, ?3)",
            )?;
            for f in &c.files {
                ins.execute(params![check_id, f.path, &f.sha256[..]])?;
            }
        }
        let op = if c.errors == 0 {
            Operation::CheckClean
        } else {
            Operation::CheckWithErrors
        };
        // A check is never refused (the table leaves statuses it has no row for), so the
        // language of a refusal does not matter here.
        let step = status::apply(id, op, status, None, Lang::En)?;
        set_status_tx(&tx, id, &step, now, None)?;
        tx.commit()?;
        Ok(step)
    }

    /// Record `op` (a decision without guards: `app submit`, `app reject`) on a registered
    /// application, as the lifecycle table decides.
    pub fn transition(
        &mut self,
        id: &str,
        op: Operation,
        now: &str,
        note: Option<&str>,
        lang: Lang,
    ) -> Result<Step> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let Some(status) = status_on(&tx, id)? else {
            return Err(Error::Input(format!(
                "application {id} is not registered in the workspace yet; run `ccc-exempt check {id}` first"
            )));
        };
        let step = status::apply(id, op, status, None, lang)?;
        set_status_tx(&tx, id, &step, now, note)?;
        tx.commit()?;
        Ok(step)
    }

    pub fn applications(&self) -> Result<Vec<AppRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, condition, status, created_at, updated_at FROM applications ORDER BY id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, condition, status, created_at, updated_at) in rows {
            let status = Status::from_stored(&status)?;
            let forced = if status.holds_certificate() {
                forced_approval_on(&self.conn, &id)?
            } else {
                None
            };
            out.push(AppRecord {
                last_check: last_check_on(&self.conn, &id)?,
                id,
                condition,
                status,
                created_at,
                updated_at,
                forced,
            });
        }
        Ok(out)
    }

    pub fn application(&self, id: &str) -> Result<Option<AppRecord>> {
        Ok(self.applications()?.into_iter().find(|a| a.id == id))
    }

    pub fn last_check(&self, id: &str) -> Result<Option<CheckRecord>> {
        last_check_on(&self.conn, id)
    }

    pub fn status_events(&self, id: &str) -> Result<Vec<StatusEvent>> {
        let mut stmt = self.conn.prepare(
            "SELECT from_status, to_status, at, note, forced_code, forced_why, forced_reason
             FROM status_events WHERE application_id = ?1 ORDER BY id",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    forced_columns(r, 4, 2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(from, to, at, note, forced)| {
                Ok(StatusEvent {
                    from_status: from.as_deref().map(Status::from_stored).transpose()?,
                    to_status: Status::from_stored(&to)?,
                    at,
                    note,
                    forced,
                })
            })
            .collect()
    }
}

/// Register the application as a draft unless it is known (its condition kept up to date), on a
/// connection or inside a transaction; returns its status.
pub(crate) fn ensure_application_on(
    conn: &rusqlite::Connection,
    id: &str,
    condition: Option<&str>,
    now: &str,
) -> Result<Status> {
    conn.execute(
        "INSERT INTO applications(id, condition, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)
         ON CONFLICT(id) DO UPDATE SET condition = COALESCE(?2, condition)",
        params![id, condition, Status::Draft.as_str(), now],
    )?;
    status_on(conn, id)?
        .ok_or_else(|| Error::Storage(format!("application {id} vanished while registering it")))
}

/// The status of an application, `None` when it is not registered.
pub(crate) fn status_on(conn: &rusqlite::Connection, id: &str) -> Result<Option<Status>> {
    let name: Option<String> = conn
        .query_row("SELECT status FROM applications WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    name.as_deref().map(Status::from_stored).transpose()
}

/// The latest check of an application, with the files it saw.
pub(crate) fn last_check_on(conn: &rusqlite::Connection, id: &str) -> Result<Option<CheckRecord>> {
    let row = conn
        .query_row(
            "SELECT id, checked_at, file_sha256, errors, warnings, infos, total_quantity, codes
             FROM checks WHERE application_id = ?1 ORDER BY id DESC LIMIT 1",
            [id],
            |r| {
                let codes: String = r.get(7)?;
                Ok((
                    r.get::<_, i64>(0)?,
                    CheckRecord {
                        checked_at: r.get(1)?,
                        file_sha256: r.get(2)?,
                        errors: r.get(3)?,
                        warnings: r.get(4)?,
                        infos: r.get(5)?,
                        total_quantity: r.get(6)?,
                        codes: codes.split_whitespace().map(String::from).collect(),
                        files: Vec::new(),
                    },
                ))
            },
        )
        .optional()?;
    let Some((check_id, mut rec)) = row else {
        return Ok(None);
    };
    let mut stmt = conn
        .prepare_cached("SELECT path, sha256 FROM check_files WHERE check_id = ?1 ORDER BY path")?;
    let files = stmt
        .query_map([check_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (path, sha) in files {
        let sha256: [u8; 32] = sha.as_slice().try_into().map_err(|_| {
            Error::Storage(format!(
                "check of {id}: the hash of {path} is {} bytes, not 32",
                sha.len()
            ))
        })?;
        rec.files.push(FileHash { path, sha256 });
    }
    Ok(Some(rec))
}

/// The date of the latest `app submit` of an application (the local date of its clock).
pub(crate) fn submitted_on(conn: &rusqlite::Connection, id: &str) -> Result<Option<NaiveDate>> {
    let at: Option<String> = conn
        .query_row(
            "SELECT at FROM status_events WHERE application_id = ?1 AND to_status = ?2
             ORDER BY id DESC LIMIT 1",
            params![id, Status::Submitted.as_str()],
            |r| r.get(0),
        )
        .optional()?;
    at.map(|at| {
        at.get(..10)
            .and_then(|d| d.parse::<NaiveDate>().ok())
            .ok_or_else(|| {
                Error::Storage(format!(
                    "application {id}: the submission time {at:?} in the database is not RFC 3339"
                ))
            })
    })
    .transpose()
}

/// The override recorded with the latest approval of an application, if it was forced.
fn forced_approval_on(conn: &rusqlite::Connection, id: &str) -> Result<Option<ForcedRecord>> {
    Ok(conn
        .query_row(
            "SELECT forced_code, forced_why, forced_reason, at FROM status_events
             WHERE application_id = ?1 AND to_status = ?2 ORDER BY id DESC LIMIT 1",
            params![id, Status::Approved.as_str()],
            |r| forced_columns(r, 0, 3),
        )
        .optional()?
        .flatten())
}

/// `forced_code, forced_why, forced_reason` from column `first` on, `at` in column `at`.
fn forced_columns(
    r: &rusqlite::Row<'_>,
    first: usize,
    at: usize,
) -> rusqlite::Result<Option<ForcedRecord>> {
    let code: Option<String> = r.get(first)?;
    Ok(match code {
        None => None,
        Some(code) => Some(ForcedRecord {
            code,
            why: r.get::<_, Option<String>>(first + 1)?.unwrap_or_default(),
            reason: r.get::<_, Option<String>>(first + 2)?.unwrap_or_default(),
            at: r.get(at)?,
        }),
    })
}

/// Persist a step of the lifecycle table: the new status and its event, with the override when
/// the move was forced. A step that changes nothing writes nothing.
pub(crate) fn set_status_tx(
    conn: &rusqlite::Connection,
    id: &str,
    step: &Step,
    now: &str,
    note: Option<&str>,
) -> Result<()> {
    let Step::Move { from, to, forced } = step else {
        return Ok(());
    };
    if from == to {
        return Ok(());
    }
    conn.execute(
        "UPDATE applications SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, to.as_str(), now],
    )?;
    conn.execute(
        "INSERT INTO status_events(application_id, from_status, to_status, at, note,
                                   forced_code, forced_why, forced_reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            id,
            from.as_str(),
            to.as_str(),
            now,
            note,
            forced.as_ref().map(|f| f.code.as_str()),
            forced.as_ref().map(|f| f.why.as_str()),
            forced.as_ref().map(|f| f.reason.as_str())
        ],
    )?;
    Ok(())
}

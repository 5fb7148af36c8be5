//! `app list|show`: the registry — every application of the workspace (a directory holding
//! application.toml, or a registered ID whose directory is gone) with its status and last check;
//! one application with its status history. Read-only: the database is neither created nor
//! migrated.
//!
//! Two operations, so `list` and `show` instead of one `run`; neither depends on the date nor
//! says anything in words (the CLI does), so they take no `Now` and no `Lang`, and `show`'s only
//! option is the ID.

use std::path::PathBuf;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::status::Status;
use crate::store::applications::{AppRecord, CheckRecord, StatusEvent};
use crate::workspace::Workspace;

/// One application in the list (the JSON of `app list`).
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: String,
    pub condition: Option<String>,
    pub status: Status,
    /// In the registry (checked or decided at least once); else a draft only on disk.
    pub registered: bool,
    pub last_check: Option<CheckRecord>,
}

/// Every application directory, registered or not, and every registered ID: sorted.
pub fn all_ids(ws: &Workspace, records: &[AppRecord]) -> Result<Vec<String>> {
    let mut ids = ws.application_ids()?;
    for r in records {
        if !ids.contains(&r.id) {
            ids.push(r.id.clone());
        }
    }
    ids.sort();
    Ok(ids)
}

/// The applications of the workspace with their status and last check.
pub fn list(ws: &Workspace) -> Result<Vec<Row>> {
    let store = ws.store_read()?;
    let records = store.applications()?;
    Ok(all_ids(ws, &records)?
        .into_iter()
        .map(|id| match records.iter().find(|r| r.id == id) {
            Some(r) => Row {
                id,
                condition: r.condition.clone(),
                status: r.status,
                registered: true,
                last_check: r.last_check.clone(),
            },
            None => Row {
                id,
                condition: None,
                status: Status::Draft,
                registered: false,
                last_check: None,
            },
        })
        .collect())
}

/// One application: its file, its registry record (none before its first check or decision)
/// and its status history.
#[derive(Debug, Clone)]
pub struct Shown {
    pub id: String,
    pub file: PathBuf,
    pub record: Option<AppRecord>,
    pub history: Vec<StatusEvent>,
}

impl Shown {
    /// The status: the registry's, else draft.
    pub fn status(&self) -> Status {
        self.record.as_ref().map_or(Status::Draft, |r| r.status)
    }
}

pub fn show(ws: &Workspace, id: &str) -> Result<Shown> {
    let store = ws.store_read()?;
    let record = store.application(id)?;
    let file = ws.application_path(id);
    if record.is_none() && !file.is_file() {
        return Err(Error::Input(format!(
            "no application {id:?} in {}; `ccc-exempt app list` shows the applications",
            ws.root.display()
        )));
    }
    Ok(Shown {
        id: id.to_string(),
        history: store.status_events(id)?,
        file,
        record,
    })
}

//! `new`: scaffold `applications/ID/application.toml` (and its `materials/` directory) for a
//! condition, dated today, and register the application as a draft. An existing application is
//! never overwritten.

use std::path::PathBuf;

use crate::application::Condition;
use crate::documents::scaffold;
use crate::error::{Error, Result};
use crate::util::files::write_atomic;
use crate::workspace::{Workspace, validate_id};
use crate::{Lang, Now};

#[derive(Debug, Clone)]
pub struct Options {
    /// The application ID (a directory name, e.g. 2026-research-01).
    pub id: String,
    pub condition: Condition,
    /// The text to write instead of the bare scaffold (the scaffold with product lines merged
    /// in from a spreadsheet, see [`scaffold_text`]).
    pub text: Option<String>,
}

/// The scaffold `new` writes for a condition, dated `now`.
pub fn scaffold_text(condition: Condition, now: Now) -> String {
    scaffold::scaffold(condition, now.date())
}

/// What `new` created.
#[derive(Debug, Clone)]
pub struct Report {
    pub id: String,
    /// The application.toml written.
    pub path: PathBuf,
}

pub fn run(ws: &Workspace, opts: Options, now: Now, lang: Lang) -> Result<Report> {
    validate_id(&opts.id)?;
    let path = ws.application_path(&opts.id);
    if path.exists() {
        return Err(Error::Input(format!(
            "{} {}",
            path.display(),
            lang.pick("已存在；不会覆盖", "already exists; it is not overwritten")
        )));
    }
    let dir = path.parent().expect("has a parent");
    std::fs::create_dir_all(dir.join("materials")).map_err(|e| Error::storage_io(dir, e))?;
    let text = opts
        .text
        .unwrap_or_else(|| scaffold_text(opts.condition, now));
    write_atomic(&path, text.as_bytes()).map_err(|e| Error::storage_io(&path, e))?;
    let store = ws.store()?;
    store.ensure_application(&opts.id, Some(opts.condition.slug()), &now.rfc3339())?;
    Ok(Report { id: opts.id, path })
}

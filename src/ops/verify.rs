//! `verify`: is a package safe, complete and valid? Every problem (V001–V026) with the severity
//! in force: the workspace's `[severity]` table when there is a workspace.
//!
//! The shape differs: `run` takes `Option<&Workspace>` (a package can be verified anywhere) and
//! no `Now` (nothing here depends on the date).

use std::path::PathBuf;

use crate::Lang;
use crate::error::Result;
use crate::model::diagnostic::{self, Severities};
use crate::package::{Level, VerifyReport};
use crate::workspace::Workspace;

#[derive(Debug, Clone)]
pub struct Options {
    /// The package (a zip written by `package`, or any zipped BagIt bag).
    pub file: PathBuf,
    pub level: Level,
}

/// Verify `opts.file`; `valid` is false when a problem is an error at the severity in force.
pub fn run(ws: Option<&Workspace>, opts: Options, lang: Lang) -> Result<VerifyReport> {
    let mut report = crate::package::verify(&opts.file, opts.level, lang)?;
    match ws {
        Some(ws) => ws.config.severity.apply(&mut report.problems),
        None => Severities::default().apply(&mut report.problems),
    }
    report.valid = !diagnostic::has_errors(&report.problems);
    Ok(report)
}

//! The use cases: what a command does, from options to a report, above every other module of the
//! core and below the CLI. Each reads and writes through the workspace and the store, decides
//! through the rules and the ledger, and returns values for the CLI to render.
//!
//! One module per use case, each with `run(ws, Options, Now, Lang) -> Result<Report>` (the
//! module header says where the shape differs and why): `check`, `render`, `package`, `verify`,
//! `decide` (submit, approve, reject), `status`, `app` (list, show), `new`. Every file a use
//! case writes at the user's request passes `output::destination` first.

pub mod app;
pub mod check;
pub mod content;
pub mod decide;
pub mod inspect;
pub mod ledger;
pub mod new;
pub mod output;
pub mod package;
pub mod render;
pub mod status;
pub mod store;
pub mod verify;

/// Progress of a long operation (bytes written), for the CLI to draw; the core never draws.
pub trait Progress {
    /// Whether anything is shown: when not, the total is not worth computing.
    fn shown(&self) -> bool {
        true
    }
    /// The work is about to start: `total` units.
    fn start(&self, _total: u64) {}
    /// `n` more units done.
    fn advance(&self, _n: u64) {}
    /// Done, or given up (called on failure too).
    fn finish(&self) {}
}

/// No progress shown (library callers, tests, scripts).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn shown(&self) -> bool {
        false
    }
}

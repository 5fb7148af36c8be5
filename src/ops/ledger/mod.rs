//! The ledger's use cases: each reads and writes the workspace's ledger through the store and
//! decides through `crate::ledger`. One module per command, each with `Options`, a `Report` and
//! `run(&Workspace, Options, Now, Lang) -> Result<Report>`; the writes go through one
//! [`session::Session`] (one IMMEDIATE transaction), so a movement meets the same rules whether
//! it comes from `ledger add` or `ledger import`.
//!
//! The writes also keep an entry point on an open store (`add::add`, `reverse::reverse`,
//! `close::close`, `import::import`, `approve::approve`, `verify::verify`) for callers that hold
//! one across many operations (the application's approval, property tests, benchmarks).

pub mod add;
pub mod approve;
pub mod balance;
pub mod close;
pub mod export;
pub mod import;
pub mod list;
pub mod reverse;
pub mod revise;
pub mod session;
pub mod usage;
pub mod verify;

pub use session::Settings;

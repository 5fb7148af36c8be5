//! The use cases: what a command does, from options to a report, above every other module of the
//! core and below the CLI. Each reads and writes through the workspace and the store, decides
//! through the rules and the ledger, and returns values for the CLI to render.

pub mod ledger;
pub mod output;

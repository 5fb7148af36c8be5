//! `ledger …`: the usage ledger (台账).

use super::Ctx;
use ccc_exempt::{Error, Result};

#[derive(Debug, clap::Subcommand)]
pub enum Cmd {
    /// Record one movement.
    Add,
}

pub fn run(_ctx: &Ctx, _cmd: Cmd) -> Result<i32> {
    Err(Error::Input("not implemented yet".into()))
}

//! `status`: the dashboard.
use super::Ctx;
use ccc_exempt::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_ctx: &Ctx, _args: Args) -> Result<i32> {
    Err(Error::Input("not implemented yet".into()))
}

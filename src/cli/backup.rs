//! `backup PATH`.
use super::Ctx;
use ccc_exempt::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the copy.
    pub path: std::path::PathBuf,
}

pub fn run(_ctx: &Ctx, _args: Args) -> Result<i32> {
    Err(Error::Input("not implemented yet".into()))
}

//! `package ID`.
use super::Ctx;
use ccc_exempt::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The application ID.
    pub id: String,
    /// Output zip.
    #[arg(short, long)]
    pub output: Option<std::path::PathBuf>,
    /// Build even with error findings, marking the bag as a draft.
    #[arg(long)]
    pub draft: bool,
}

pub fn run(_ctx: &Ctx, _args: Args) -> Result<i32> {
    Err(Error::Input("not implemented yet".into()))
}

//! `render ID letter|table|checklist`.
use super::Ctx;
use ccc_exempt::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The application ID.
    pub id: String,
    /// What to render.
    pub what: String,
    /// Output path.
    #[arg(short, long)]
    pub output: Option<std::path::PathBuf>,
}

pub fn run(_ctx: &Ctx, _args: Args) -> Result<i32> {
    Err(Error::Input("not implemented yet".into()))
}

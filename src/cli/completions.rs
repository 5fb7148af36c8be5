//! `completions SHELL`: shell completions (the same files are committed under completions/).

use clap::CommandFactory;

use super::{Cli, Ctx};
use ccc_exempt::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(_ctx: &Ctx, a: Args) -> Result<i32> {
    let mut buf = Vec::new();
    clap_complete::generate(a.shell, &mut Cli::command(), "ccc-exempt", &mut buf);
    super::Out::print(&String::from_utf8_lossy(&buf));
    Ok(0)
}

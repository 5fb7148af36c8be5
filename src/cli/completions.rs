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
    super::Out::print(&script(a.shell));
    Ok(0)
}

/// The completion script for `shell`, with the bash script repaired: for a binary name with a
/// hyphen, clap_complete (clap-rs/clap #6421) names the state of each subcommand
/// `ccc__exempt__subcmd__check` in the loop that walks the words but `ccc__subcmd__exempt__…` in
/// the arms that offer the options, so no subcommand completed anything. One spelling for both.
pub fn script(shell: clap_complete::Shell) -> String {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "ccc-exempt", &mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    match shell {
        clap_complete::Shell::Bash => text.replace("ccc__subcmd__exempt", "ccc__exempt"),
        _ => text,
    }
}

//! `completions SHELL`: shell completions (the same files are committed under completions/), and
//! `completions SHELL --dynamic`: a script that asks `ccc-exempt` itself at each Tab, so the
//! application IDs and certificate numbers of the workspace are offered as well.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::CommandFactory;
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use clap_complete::env::EnvCompleter;

use super::{Cli, Ctx};
use ccc_exempt::workspace::Workspace;
use ccc_exempt::{Lang, Result};

/// The variable that the dynamic scripts set when they call the program to complete a line.
pub const VAR: &str = "CCC_EXEMPT_COMPLETE";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
    /// A script that calls `ccc-exempt` (on the PATH) at each Tab: it also offers the
    /// workspace's application IDs and certificate numbers. Re-generate it after an upgrade.
    #[arg(long)]
    pub dynamic: bool,
}

pub fn run(_ctx: &Ctx, a: Args) -> Result<i32> {
    let text = if a.dynamic {
        registration(a.shell)?
    } else {
        script(a.shell)
    };
    super::Out::print(&text);
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

/// The dynamic script of `shell`: it calls `ccc-exempt` with [`VAR`] set.
fn registration(shell: clap_complete::Shell) -> Result<String> {
    use clap_complete::env::{Bash, Elvish, Fish, Powershell, Zsh};
    let adapter: &dyn EnvCompleter = match shell {
        clap_complete::Shell::Bash => &Bash,
        clap_complete::Shell::Zsh => &Zsh,
        clap_complete::Shell::Fish => &Fish,
        clap_complete::Shell::Elvish => &Elvish,
        clap_complete::Shell::PowerShell => &Powershell,
        other => {
            return Err(ccc_exempt::Error::Input(format!(
                "no dynamic completion for {other}"
            )));
        }
    };
    let mut buf = Vec::new();
    adapter
        .write_registration(VAR, "ccc-exempt", "ccc-exempt", "ccc-exempt", &mut buf)
        .map_err(|e| ccc_exempt::Error::Input(e.to_string()))?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// When a dynamic script asks (the variable [`VAR`] is set), print the candidates for the line
/// and exit; otherwise return at once. Runs before anything else reads the arguments.
pub fn answer_if_asked(locale: Option<&str>) {
    if std::env::var_os(VAR).is_none() {
        return;
    }
    // The language of the help beside each candidate: `--lang` on the line, else the locale.
    let line: Vec<OsString> = std::env::args_os().skip_while(|w| *w != "--").collect();
    let lang = super::help::detect(&line, locale);
    clap_complete::CompleteEnv::with_factory(move || with_candidates(lang))
        .var(VAR)
        .complete();
}

/// The command in `lang` with the workspace's values attached: application IDs to the
/// positional `id`/`targets` of every command but `new` (which names a new one), certificate
/// numbers to every `--cert`.
fn with_candidates(lang: Lang) -> clap::Command {
    attach(super::help::localize(Cli::command(), lang), "", lang)
}

fn attach(mut cmd: clap::Command, path: &str, lang: Lang) -> clap::Command {
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        match id.as_str() {
            "id" | "targets" if path != "new" => {
                cmd = cmd.mut_arg(&id, |a| {
                    a.add(ArgValueCandidates::new(move || applications(lang)))
                });
            }
            "cert" => {
                cmd = cmd.mut_arg(&id, |a| a.add(ArgValueCandidates::new(certificates)));
            }
            _ => {}
        }
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let child = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| attach(s, &child, lang));
    }
    cmd
}

/// The workspace of the line being completed: its `--workspace DIR`, else the usual discovery.
/// Nothing is created: a workspace without a database offers no certificate.
fn workspace() -> Option<Workspace> {
    let words: Vec<OsString> = std::env::args_os().collect();
    let mut explicit = None;
    let mut it = words
        .iter()
        .skip_while(|w| *w != "--")
        .map(|w| w.to_string_lossy());
    while let Some(w) = it.next() {
        if w == "--workspace" {
            explicit = it.next().map(|v| PathBuf::from(v.as_ref()));
        } else if let Some(v) = w.strip_prefix("--workspace=") {
            explicit = Some(PathBuf::from(v));
        }
    }
    let d = super::discovery(explicit);
    Workspace::discover(&d).ok()
}

/// The application IDs, each with its status.
fn applications(lang: Lang) -> Vec<CompletionCandidate> {
    let Some(ws) = workspace() else {
        return Vec::new();
    };
    let statuses: std::collections::HashMap<String, String> = ws
        .store_read()
        .and_then(|s| s.applications())
        .map(|apps| {
            apps.into_iter()
                .map(|a| (a.id.clone(), a.status.label(lang).to_string()))
                .collect()
        })
        .unwrap_or_default();
    ws.application_ids()
        .unwrap_or_default()
        .into_iter()
        .map(|id| {
            let help = statuses.get(&id).cloned();
            CompletionCandidate::new(id).help(help.map(Into::into))
        })
        .collect()
}

/// The certificate numbers, each with its application.
fn certificates() -> Vec<CompletionCandidate> {
    let Some(ws) = workspace() else {
        return Vec::new();
    };
    ws.store_read()
        .and_then(|s| s.certificates())
        .unwrap_or_default()
        .into_iter()
        .map(|c| CompletionCandidate::new(c.cert_no).help(Some(c.application_id.into())))
        .collect()
}

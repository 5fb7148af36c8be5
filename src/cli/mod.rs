//! The command line: the only place that talks to a person (stdout, stderr, prompts, colours,
//! the environment, the clock). One file per command or command group; each renders the values
//! the core returns.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use ccc_exempt::workspace::{Discovery, Workspace};
use ccc_exempt::{Error, Lang, Now, Result};

mod app;
mod app_decision;
mod backup;
mod catalogue;
mod check;
mod completions;
mod engines;
mod explain;
mod help;
mod help_zh;
mod init;
mod inspect;
mod ledger;
mod new;
mod output;
mod package;
mod render;
mod report;
mod status;
mod store;
mod values;
mod verify;
mod zh_text;

pub use output::Out;

/// Prepare, check, package and follow up CCC exemption certificates (免予办理强制性产品认证证明).
#[derive(Debug, Parser)]
#[command(name = "ccc-exempt", version, about, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = help::GLOBAL_HEADING_EN)]
pub struct Global {
    /// The workspace directory (else CCC_EXEMPT_WORKSPACE, else the nearest parent holding ccc-exempt.toml).
    #[arg(long, global = true, value_name = "DIR")]
    pub workspace: Option<PathBuf>,
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// When to use colour (NO_COLOR and CLICOLOR are honoured with auto).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Language of messages (default from LANG: zh for zh_*, else en). Documents are always Chinese.
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    /// Never prompt; fail instead, naming the flag to pass.
    #[arg(long, global = true)]
    pub no_input: bool,
    /// Print only data and errors.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Junit,
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a workspace.
    Init(init::Args),
    /// Scaffold applications/ID/application.toml for a condition.
    New(new::Args),
    /// Check applications against the guide's rules (all in the workspace when none named).
    Check(check::Args),
    /// Explain a finding code: the rule, the guide clause behind it, how to fix it.
    Explain(explain::Args),
    /// Render the commitment letter (DOCX), the comparison table (XLSX, CSV) or the checklist.
    Render(render::Args),
    /// Show what the material examination sees in files (seals, dpi, text); --preview draws it.
    Inspect(inspect::Args),
    /// Check, render and bundle the upload package (a BagIt zip).
    Package(package::Args),
    /// Verify a package: structure, completeness, every checksum.
    Verify(verify::Args),
    /// The bundled CCC catalogue.
    #[command(subcommand)]
    Catalogue(catalogue::Cmd),
    /// Applications and their status; record what the official system decided.
    #[command(subcommand)]
    App(app::Cmd),
    /// The usage ledger (台账).
    #[command(subcommand)]
    Ledger(ledger::Cmd),
    /// Dashboard: applications, certificates, open quantities, deadlines, risk flags.
    Status(status::Args),
    /// Print shell completions.
    Completions(completions::Args),
    /// A consistent copy of the workspace database (SQLite online backup; on PostgreSQL it
    /// prints the pg_dump command).
    Backup(backup::Args),
    /// The workspace's store: which one (SQLite or PostgreSQL), and moving to PostgreSQL.
    #[command(subcommand)]
    Store(store::Cmd),
}

/// What every command gets: the global choices resolved against the environment.
pub struct Ctx {
    pub lang: Lang,
    pub format: Format,
    pub color_stdout: bool,
    #[allow(dead_code)] // for commands that colour diagnostics
    pub color_stderr: bool,
    pub quiet: bool,
    /// Prompts allowed: stdin and stderr are terminals and --no-input was not given.
    pub interactive: bool,
    /// stderr is a terminal (progress bars).
    pub stderr_tty: bool,
    pub now: Now,
    pub discovery: Discovery,
}

impl Ctx {
    /// Find and open the workspace.
    pub fn workspace(&self) -> Result<Workspace> {
        Workspace::discover(&self.discovery)
    }

    pub fn t<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(zh, en)
    }

    /// A status line on stderr (suppressed by --quiet).
    pub fn status(&self, msg: &str) {
        if !self.quiet {
            eprintln!("{msg}");
        }
    }
}

/// Where the workspace is looked for: `explicit` (`--workspace`), else CCC_EXEMPT_WORKSPACE,
/// else the current directory and its parents; the store as the environment overrides it.
fn discovery(explicit: Option<PathBuf>) -> Discovery {
    Discovery {
        explicit,
        env: env("CCC_EXEMPT_WORKSPACE").map(PathBuf::from),
        cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        store: ccc_exempt::workspace::StoreOverride {
            url: env("CCC_EXEMPT_DATABASE_URL"),
            password: env("PGPASSWORD"),
        },
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn color_enabled(choice: ColorChoice, tty: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if env("NO_COLOR").is_some() {
                false
            } else if env("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
                true
            } else if env("CLICOLOR").as_deref() == Some("0") {
                false
            } else {
                tty
            }
        }
    }
}

pub fn run() -> i32 {
    // The language is known before parsing, so that help and usage errors are in it too.
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let locale = env("LC_ALL")
        .or_else(|| env("LC_MESSAGES"))
        .or_else(|| env("LANG"));
    completions::answer_if_asked(locale.as_deref());
    let early = help::detect(&args, locale.as_deref());
    if early == Lang::Zh {
        args = help::help_subcommand(args);
    }
    let parsed = help::localize(Cli::command(), early)
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            match (early, help::zh_error(&e)) {
                (Lang::Zh, Some(text)) => eprint!("{text}"),
                _ => {
                    let _ = e.print();
                }
            }
            return code;
        }
    };
    let g = &cli.global;
    let lang = match g.lang {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_locale(locale.as_deref()),
    };
    let now = match Now::from_env_value(env("CCC_EXEMPT_NOW").as_deref(), chrono::Utc::now()) {
        Ok(n) => n,
        Err(e) => return report_error(lang, &e),
    };
    let stderr_tty = std::io::stderr().is_terminal();
    let color_stdout = color_enabled(g.color, std::io::stdout().is_terminal());
    let color_stderr = color_enabled(g.color, stderr_tty);
    if color_stdout || color_stderr {
        // The choice is made here (NO_COLOR included, `--color always` over it); crossterm would
        // otherwise drop the colours under NO_COLOR and leave empty escape codes behind.
        crossterm::style::force_color_output(true);
    }
    let ctx = Ctx {
        lang,
        format: g.format,
        color_stdout,
        color_stderr,
        quiet: g.quiet,
        interactive: !g.no_input && std::io::stdin().is_terminal() && stderr_tty,
        stderr_tty,
        now,
        discovery: discovery(g.workspace.clone()),
    };
    let result = match cli.command {
        Command::Init(a) => init::run(&ctx, a),
        Command::New(a) => new::run(&ctx, a),
        Command::Check(a) => check::run(&ctx, a),
        Command::Inspect(a) => inspect::run(&ctx, a),
        Command::Explain(a) => explain::run(&ctx, a),
        Command::Render(a) => render::run(&ctx, a),
        Command::Package(a) => package::run(&ctx, a),
        Command::Verify(a) => verify::run(&ctx, a),
        Command::Catalogue(c) => catalogue::run(&ctx, c),
        Command::App(c) => app::run(&ctx, c),
        Command::Ledger(c) => ledger::run(&ctx, c),
        Command::Status(a) => status::run(&ctx, a),
        Command::Completions(a) => completions::run(&ctx, a),
        Command::Backup(a) => backup::run(&ctx, a),
        Command::Store(c) => store::run(&ctx, c),
    };
    match result {
        Ok(code) => code,
        Err(e) => report_error(lang, &e),
    }
}

fn report_error(lang: Lang, e: &Error) -> i32 {
    let prefix = lang.pick("错误", "error");
    let text = match lang {
        Lang::Zh => zh_text::translate(&e.to_string()),
        Lang::En => e.to_string(),
    };
    eprintln!("{prefix}: {text}");
    e.exit_code()
}

/// Refuse a format a command does not produce.
pub fn only_formats(ctx: &Ctx, allowed: &[Format]) -> Result<()> {
    if allowed.contains(&ctx.format) {
        Ok(())
    } else {
        let name = |f: &Format| format!("{f:?}").to_lowercase();
        let allowed: Vec<String> = allowed.iter().map(name).collect();
        Err(Error::Input(match ctx.lang {
            Lang::Zh => format!(
                "此命令不支持 --format {}（可用 {}）",
                name(&ctx.format),
                allowed.join(" 或 ")
            ),
            Lang::En => format!(
                "--format {} is not available for this command (use {})",
                name(&ctx.format),
                allowed.join(" or ")
            ),
        }))
    }
}

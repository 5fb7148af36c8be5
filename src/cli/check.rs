//! `check [ID or PATH ...]`: validate applications (all in the workspace when none named); the
//! use case is `ccc_exempt::ops::check`.
//!
//! A check never hides results: an application.toml that cannot be read or parsed becomes T001
//! diagnostics (with its file, line and column) in the report, the other applications are still
//! checked and reported in every format, and the exit code is 2. The severities in force are the
//! workspace's (`ccc-exempt.toml` `[severity]`); `--fail-on` compares against them.

use super::report;
use super::{Ctx, Format};
use ccc_exempt::Result;
use ccc_exempt::ops::check;
use ccc_exempt::ops::content::{ContentOptions, Mode};
use ccc_exempt::rules::Severity;
use ccc_exempt::workspace::Workspace;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Application IDs or paths to application.toml (all applications of the workspace when none).
    pub targets: Vec<String>,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Examine the materials' content (seal, legibility, declared facts): off, on, or require
    /// (a file that could not be examined, M017, is then an error).
    #[arg(long, value_enum, default_value_t = ContentArg::On)]
    pub content: ContentArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ContentArg {
    Off,
    On,
    Require,
}

impl ContentArg {
    pub fn mode(self) -> Mode {
        match self {
            ContentArg::Off => Mode::Off,
            ContentArg::On => Mode::On,
            ContentArg::Require => Mode::Require,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
}

impl FailOn {
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
        }
    }
}

/// The examination `arg` asks for, with the engines of this machine and workspace.
pub fn content_options(ws: Option<&Workspace>, arg: ContentArg) -> ContentOptions {
    let mode = arg.mode();
    let engines = if mode == Mode::Off {
        Default::default()
    } else {
        super::engines::find(ws)
    };
    ContentOptions { mode, engines }
}

/// The real clock, even when CCC_EXEMPT_NOW pins `now`: file times are compared with it.
pub fn file_clock_ns() -> Option<i64> {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_nanos()).ok())
}

pub fn run(ctx: &Ctx, a: Args) -> Result<i32> {
    let (ws, targets) = check::resolve(&ctx.discovery, &a.targets, ctx.lang)?;
    if targets.is_empty() {
        ctx.status(ctx.t(
            "工作区中没有申请；用 `ccc-exempt new ID --condition C` 创建。",
            "No applications in the workspace; create one with `ccc-exempt new ID --condition C`.",
        ));
        if ctx.format == Format::Human {
            return Ok(0);
        }
    }
    let opts = check::Options {
        targets,
        shown_from: Some(ctx.discovery.cwd.clone()),
        content: content_options(ws.as_ref(), a.content),
        file_clock_ns: file_clock_ns(),
    };
    let r = check::run(ws.as_ref(), opts, ctx.now, ctx.lang)?;
    let threshold = a.fail_on.severity();
    report::render(ctx, &r.applications, threshold);
    // The reason for exit 2 also goes to stderr, as for any input error.
    for f in r.malformed() {
        let text = match ctx.lang {
            ccc_exempt::Lang::Zh => super::zh_text::translate(&f.to_string()),
            ccc_exempt::Lang::En => f.to_string(),
        };
        report::to_stderr(&format!("{}: {text}\n", ctx.t("错误", "error")));
    }
    Ok(r.exit_code(threshold))
}

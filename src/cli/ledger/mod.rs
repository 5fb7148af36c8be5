//! `ledger …`: the usage ledger (台账). One file per group of subcommands: each turns its
//! arguments into the options of a use case (`ccc_exempt::ops::ledger`), runs it and renders
//! the report.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::Ctx;
use ccc_exempt::{Error, Result};

mod add;
mod export;
mod import;
mod list;
mod reverse;
mod usage;
mod verify;

#[derive(Debug, clap::Subcommand)]
pub enum Cmd {
    /// Record one movement: inbound 入库, issue 领用, return 归还, use 使用, reexport 退运核销,
    /// scrap 报废/销毁, export 整机出口.
    Add(add::Args),
    /// Record many movements from a CSV or XLSX file, all or nothing (columns: docs/ledger.md).
    Import(import::Args),
    /// List the entries (filter by certificate, line, kind, dates).
    List(list::ListArgs),
    /// Balances per certificate line: certified, received, in stock, issued, used, re-exported,
    /// scrapped, exported, open.
    Balance(list::BalanceArgs),
    /// Export the 台账 for inspectors: .xlsx (one sheet per certificate and a summary), .csv
    /// (UTF-8 with BOM) or .json.
    Export(export::Args),
    /// Cancel an entry with a reversing entry (nothing is ever edited or deleted).
    Reverse(reverse::ReverseArgs),
    /// Declare a certificate fully written off (核销完毕): every unit received is used,
    /// re-exported, destroyed or exported.
    Close(reverse::CloseArgs),
    /// Re-check the chain, the numbering, the balances and every evidence file.
    Verify(verify::VerifyArgs),
    /// Print a checkpoint (workspace, entry count, head hash) for an auditor to keep.
    Checkpoint(verify::CheckpointArgs),
    /// What to enter in the official system's usage records (使用/退运/销毁).
    UsageRecord(usage::Args),
}

pub fn run(ctx: &Ctx, cmd: Cmd) -> Result<i32> {
    match cmd {
        Cmd::Add(a) => add::run(ctx, a),
        Cmd::Import(a) => import::run(ctx, a),
        Cmd::List(a) => list::list(ctx, a),
        Cmd::Balance(a) => list::balance(ctx, a),
        Cmd::Export(a) => export::run(ctx, a),
        Cmd::Reverse(a) => reverse::reverse(ctx, a),
        Cmd::Close(a) => reverse::close(ctx, a),
        Cmd::Verify(a) => verify::verify(ctx, a),
        Cmd::Checkpoint(a) => verify::checkpoint(ctx, a),
        Cmd::UsageRecord(a) => usage::run(ctx, a),
    }
}

/// Parse a `YYYY-MM-DD` flag value.
pub(crate) fn parse_date(ctx: &Ctx, flag: &str, v: &str) -> Result<NaiveDate> {
    ccc_exempt::ledger::import::parse_date(v).ok_or_else(|| {
        Error::Input(format!(
            "{flag} {v:?}: {}",
            ctx.t("日期应为 YYYY-MM-DD", "a date must be YYYY-MM-DD")
        ))
    })
}

pub(crate) fn opt_date(ctx: &Ctx, flag: &str, v: &Option<String>) -> Result<Option<NaiveDate>> {
    v.as_deref().map(|v| parse_date(ctx, flag, v)).transpose()
}

/// A path named on the command line, resolved against where the user stands.
pub(crate) fn resolve(ctx: &Ctx, p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        ctx.discovery.cwd.join(p)
    }
}

/// Ask on a terminal, or require `--yes` without one.
pub(crate) fn confirm(ctx: &Ctx, yes: bool, question: &str) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    if !ctx.interactive {
        return Err(Error::Input(
            ctx.t(
                "此操作不可撤销：在脚本中请加 --yes 确认",
                "this cannot be undone: pass --yes to confirm when not at a terminal",
            )
            .to_string(),
        ));
    }
    dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact()
        .map_err(|e| Error::Input(format!("{}: {e}", ctx.t("无法确认", "cannot confirm"))))
}

/// The table label of an entry kind.
pub(crate) fn kind_label(ctx: &Ctx, k: ccc_exempt::ledger::Kind) -> String {
    match ctx.lang {
        ccc_exempt::Lang::Zh => k.zh().to_string(),
        ccc_exempt::Lang::En => format!("{} {}", k.as_str(), k.zh()),
    }
}

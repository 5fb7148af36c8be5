//! `ledger import FILE.csv|FILE.xlsx [--dry-run]`: many movements, all or nothing.

use std::path::PathBuf;

use super::super::output::Out;
use super::super::{Ctx, Format, only_formats};
use ccc_exempt::Result;
use ccc_exempt::ledger::import::{self, Column};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The CSV file (UTF-8) or XLSX file (its first sheet); the header line names the columns:
    /// cert,line,kind,qty and optionally date,doc_no,location,operator,note,evidence,key.
    pub file: PathBuf,
    /// Check every row and report, but write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(ctx: &Ctx, a: Args) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let (ws, dir) = super::open(ctx)?;
    let file = if a.file.is_absolute() {
        a.file.clone()
    } else {
        ctx.discovery.cwd.join(&a.file)
    };
    let mut store = ws.store()?;
    let bar = if ctx.stderr_tty && !ctx.quiet {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {bar:40} {bytes}/{total_bytes} {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Some(b)
    } else {
        None
    };
    let mut progress = |done: u64, total: u64| {
        if let Some(b) = &bar {
            b.set_length(total);
            b.set_position(done);
        }
    };
    let report = import::import(
        &mut store,
        super::settings(ctx, &dir, a.dry_run),
        &file,
        &mut progress,
    );
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let report = report?;
    let code = if report.has_input_problems() {
        2
    } else if !report.problems.is_empty() {
        1
    } else {
        0
    };
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({
            "schema": "ccc-exempt/ledger-import/1",
            "file": a.file,
            "columns": Column::ALL.iter().map(|c| c.name()).collect::<Vec<_>>(),
            "report": report,
        }));
        return Ok(code);
    }
    let name = a.file.display().to_string();
    for p in &report.problems {
        let col = p.column.map(|c| format!(" [{c}]")).unwrap_or_default();
        eprintln!("{name}:{}: {}{col}: {}", p.line, p.code, p.message);
    }
    if !report.problems.is_empty() {
        let rows: std::collections::BTreeSet<u64> =
            report.problems.iter().map(|p| p.line).collect();
        eprintln!(
            "{}",
            match ctx.lang {
                ccc_exempt::Lang::Zh => format!(
                    "{} 行有问题（共 {} 行）：什么都没有写入。改正后重新导入。",
                    rows.len(),
                    report.rows
                ),
                ccc_exempt::Lang::En => format!(
                    "{} bad rows of {}: nothing was written. Fix them and import again.",
                    rows.len(),
                    report.rows
                ),
            }
        );
        return Ok(code);
    }
    let range = match (report.first_seq, report.last_seq) {
        (Some(a), Some(b)) if a == b => format!(" (#{a})"),
        (Some(a), Some(b)) => format!(" (#{a}–#{b})"),
        _ => String::new(),
    };
    let line = match (ctx.lang, a.dry_run) {
        (ccc_exempt::Lang::Zh, true) => format!(
            "试运行：{} 行全部通过，将登记 {} 条，{} 条已登记过；未写入任何内容",
            report.rows, report.recorded, report.already_recorded
        ),
        (ccc_exempt::Lang::En, true) => format!(
            "dry run: all {} rows pass; {} would be recorded, {} already recorded; nothing written",
            report.rows, report.recorded, report.already_recorded
        ),
        (ccc_exempt::Lang::Zh, false) => format!(
            "已登记 {} 条{range}，{} 条已登记过（共 {} 行）",
            report.recorded, report.already_recorded, report.rows
        ),
        (ccc_exempt::Lang::En, false) => format!(
            "recorded {} entries{range}; {} already recorded ({} rows)",
            report.recorded, report.already_recorded, report.rows
        ),
    };
    Out::line(&line);
    Ok(0)
}

//! `ledger import FILE.csv|FILE.xlsx [--dry-run]`: many movements, all or nothing. The bad rows
//! (I001–I010 for a malformed file or value, the rules' L-codes for a refusal) are rendered as
//! human (a table on stderr), JSON (schema `ccc-exempt/ledger-import/2`), JUnit or SARIF. Exit 0
//! recorded (or, with `--dry-run`, would be), 1 a row refused by a rule, 2 a malformed file or
//! value.

use std::path::PathBuf;

use super::super::output::Out;
use super::super::report::{self, Subject};
use super::super::{Ctx, Format};
use ccc_exempt::Result;
use ccc_exempt::ledger::import::Column;
use ccc_exempt::model::diagnostic::Severity;
use ccc_exempt::ops::ledger::import;

pub const JSON_SCHEMA: &str = "ccc-exempt/ledger-import/2";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The CSV file (UTF-8) or XLSX file (its first sheet), or `-` for standard input (a pipe,
    /// read once; evidence paths then relative to the current directory); the header line names
    /// the columns: cert,line,kind,qty and optionally
    /// date,doc_no,location,operator,note,evidence,key.
    pub file: PathBuf,
    /// Check every row and report, but write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(ctx: &Ctx, a: Args) -> Result<i32> {
    let ws = ctx.workspace()?;
    let name = a.file.display().to_string();
    let file = if a.file.as_os_str() == "-" {
        use std::io::IsTerminal;
        if std::io::stdin().is_terminal() {
            return Err(ccc_exempt::Error::Input(ctx.lang.pick(
                "ledger import -：标准输入是终端；请用管道或重定向给出文件，例如 `ledger import - < 台账.csv`",
                "ledger import -: standard input is a terminal; pipe or redirect a file, e.g. `ledger import - < ledger.csv`",
            ).to_string()));
        }
        PathBuf::from("/dev/stdin")
    } else {
        super::resolve(ctx, &a.file)
    };
    let opts = import::Options {
        file,
        name: name.clone(),
        cwd: ctx.discovery.cwd.clone(),
        dry_run: a.dry_run,
    };
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
    let report = import::run(&ws, opts, ctx.now, ctx.lang, &mut progress);
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
    let subjects = [Subject {
        name: name.clone(),
        file: Some(name.clone()),
        diagnostics: &report.problems,
    }];
    match ctx.format {
        Format::Json => {
            Out::json(&serde_json::json!({
                "schema": JSON_SCHEMA,
                "file": a.file,
                "columns": Column::ALL.iter().map(|c| c.name()).collect::<Vec<_>>(),
                "report": report,
            }));
            return Ok(code);
        }
        Format::Junit => {
            Out::print(&report::junit(
                ctx.lang,
                "ccc-exempt ledger import",
                &subjects,
                &report::import_codes(),
                Severity::Error,
            ));
            return Ok(code);
        }
        Format::Sarif => {
            Out::json(&report::sarif(&subjects, &report::import_codes()));
            return Ok(code);
        }
        Format::Human => {}
    }
    if !report.problems.is_empty() {
        report::to_stderr(&report::human_table(
            ctx,
            &report.problems,
            ctx.color_stderr,
        ));
        let rows: std::collections::BTreeSet<u64> = report
            .problems
            .iter()
            .filter_map(|p| p.location.line_column().map(|(l, _)| l as u64))
            .collect();
        // A problem of the header (line 1) or of the whole file is no "bad row": no row was read.
        let file_level = rows.contains(&1) || report.rows == 0;
        eprintln!(
            "{}",
            match ctx.lang {
                ccc_exempt::Lang::Zh if file_level => {
                    "文件本身有问题（见上表），没有读取任何流水行：什么都没有写入。".to_string()
                }
                ccc_exempt::Lang::En if file_level => {
                    "the file itself has problems (above), no row was read: nothing was written."
                        .to_string()
                }
                ccc_exempt::Lang::Zh => format!(
                    "{} 行有问题（共 {} 行）：什么都没有写入。改正后重新导入。",
                    rows.len(),
                    report.rows
                ),
                ccc_exempt::Lang::En => format!(
                    "{} of {} rows have problems: nothing was written. Fix them and import again.",
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

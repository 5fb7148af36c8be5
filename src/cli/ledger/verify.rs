//! `ledger verify [--against CHECKPOINT]` and `ledger checkpoint`. The breaks (L101–L116) are
//! rendered as human (a table on stderr: stdout stays empty when all is well), JSON (schema
//! `ccc-exempt/ledger-verify/2`), JUnit or SARIF. Exit 0 intact, 1 a break at severity error.

use std::path::PathBuf;

use super::super::output::Out;
use super::super::report::{self, Subject};
use super::super::{Ctx, Format, only_formats};
use ccc_exempt::Result;
use ccc_exempt::ledger::verify::Checkpoint;
use ccc_exempt::model::diagnostic::Severity;
use ccc_exempt::ops::ledger::verify;
use ccc_exempt::util::hex::hex;

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// A checkpoint file (from `ledger checkpoint`) the ledger must still extend.
    #[arg(long, value_name = "FILE")]
    pub against: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct CheckpointArgs {}

pub const JSON_SCHEMA: &str = "ccc-exempt/ledger-verify/2";

pub fn verify(ctx: &Ctx, a: VerifyArgs) -> Result<i32> {
    let against = match &a.against {
        Some(p) => Some(Checkpoint::read(&super::resolve(ctx, p), p)?),
        None => None,
    };
    let ws = ctx.workspace()?;
    let r = verify::run(&ws, verify::Options { against }, ctx.now, ctx.lang)?;
    let code = if r.ok() { 0 } else { 1 };
    let subjects = [Subject {
        name: "ledger".into(),
        file: None,
        diagnostics: &r.problems,
    }];
    match ctx.format {
        Format::Json => {
            Out::json(&serde_json::json!({ "schema": JSON_SCHEMA, "ok": r.ok(), "report": r }));
            return Ok(code);
        }
        Format::Junit => {
            Out::print(&report::junit(
                ctx.lang,
                "ccc-exempt ledger verify",
                &subjects,
                &report::ledger_verify_codes(),
                Severity::Error,
            ));
            return Ok(code);
        }
        Format::Sarif => {
            Out::json(&report::sarif(&subjects, &report::ledger_verify_codes()));
            return Ok(code);
        }
        Format::Human => {}
    }
    if !r.problems.is_empty() {
        let color = ctx.color_stderr;
        report::to_stderr(&report::human_table(ctx, &r.problems, color));
    }
    let summary = match ctx.lang {
        ccc_exempt::Lang::Zh => format!(
            "{} 个条目 · {} 个证明 · {} 个证明文件 · 链头 {}",
            r.entries,
            r.certificates,
            r.evidence_files,
            hex(&r.head)
        ),
        ccc_exempt::Lang::En => format!(
            "{} entries · {} certificates · {} evidence files · head {}",
            r.entries,
            r.certificates,
            r.evidence_files,
            hex(&r.head)
        ),
    };
    if r.ok() {
        let extends = match r.extends_checkpoint {
            Some(true) => ctx.t("；延续检查点", "; extends the checkpoint"),
            _ => "",
        };
        ctx.status(&format!(
            "{} {summary}{extends}",
            ctx.t("台账完好：", "ledger intact:")
        ));
    } else {
        eprintln!(
            "{} {} · {summary}",
            ctx.t("台账校验失败：", "ledger verification failed:"),
            match ctx.lang {
                ccc_exempt::Lang::Zh => format!("{} 处断裂", r.problems.len()),
                ccc_exempt::Lang::En => format!("{} break(s)", r.problems.len()),
            }
        );
    }
    Ok(code)
}

pub fn checkpoint(ctx: &Ctx, _a: CheckpointArgs) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let ws = ctx.workspace()?;
    let cp = verify::run_checkpoint(&ws, ctx.now, ctx.lang)?;
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({
            "schema": "ccc-exempt/ledger-checkpoint/1",
            "workspace_id": cp.workspace_id,
            "entries": cp.entries,
            "head": hex(&cp.head),
            "taken_at": cp.taken_at,
        }));
    } else {
        Out::print(&cp.to_text());
    }
    Ok(0)
}

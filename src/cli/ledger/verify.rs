//! `ledger verify [--against CHECKPOINT]` and `ledger checkpoint`.

use std::path::PathBuf;

use super::super::output::Out;
use super::super::{Ctx, Format, only_formats};
use ccc_exempt::ledger::verify::{self, Checkpoint};
use ccc_exempt::util::hex::hex;
use ccc_exempt::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// A checkpoint file (from `ledger checkpoint`) the ledger must still extend.
    #[arg(long, value_name = "FILE")]
    pub against: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct CheckpointArgs {}

pub fn verify(ctx: &Ctx, a: VerifyArgs) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let against = match &a.against {
        Some(p) => {
            let full = if p.is_absolute() {
                p.clone()
            } else {
                ctx.discovery.cwd.join(p)
            };
            let text = std::fs::read_to_string(&full).map_err(|e| Error::input_io(p, e))?;
            Some(
                Checkpoint::parse(&text)
                    .map_err(|e| Error::Input(format!("{}: {e}", p.display())))?,
            )
        }
        None => None,
    };
    let (ws, dir) = super::open(ctx)?;
    let mut store = ws.store_read()?;
    let r = verify::verify(&mut store, &dir, ctx.lang, against.as_ref())?;
    let code = if r.ok() { 0 } else { 1 };
    if ctx.format == Format::Json {
        Out::json(
            &serde_json::json!({ "schema": "ccc-exempt/ledger-verify/1", "ok": r.ok(), "report": r }),
        );
        return Ok(code);
    }
    for p in &r.problems {
        let at = p.seq.map(|s| format!("#{s} ")).unwrap_or_default();
        eprintln!(
            "{}: {at}[{}] {}",
            ctx.t("断裂", "broken"),
            p.kind,
            p.message
        );
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
                ccc_exempt::Lang::En => format!("{} breaks", r.problems.len()),
            }
        );
    }
    Ok(code)
}

pub fn checkpoint(ctx: &Ctx, _a: CheckpointArgs) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let ws = ctx.workspace()?;
    let store = ws.store_read()?;
    let cp = verify::checkpoint(&store, Some(ctx.now.rfc3339()))?;
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

//! `ledger usage-record --cert NO`: what to enter in the official system's usage records.

use super::super::output::{Out, table};
use super::super::{Ctx, Format, only_formats};
use ccc_exempt::Result;
use ccc_exempt::ops::ledger::usage;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The certificate number (证明号).
    #[arg(long)]
    pub cert: String,
    /// Write the evidence files of every usage record into DIR, named by entry, type, date and
    /// kind with the extension of their content, with a table (CSV and XLSX) of what to enter
    /// in the official system.
    #[arg(long, value_name = "DIR")]
    pub export: Option<std::path::PathBuf>,
}

pub fn run(ctx: &Ctx, a: Args) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let ws = ctx.workspace()?;
    let r = usage::run(&ws, usage::Options { cert_no: a.cert }, ctx.now, ctx.lang)?;
    if let Some(dir) = &a.export {
        let dir = ctx.discovery.cwd.join(dir);
        let x = usage::export(&ws, &r, &dir, ctx.lang)?;
        if ctx.format == Format::Json {
            Out::json(&serde_json::json!({
                "schema": "ccc-exempt/usage-export/1",
                "export": x,
            }));
            return Ok(0);
        }
        for f in &x.files {
            Out::line(&format!(
                "{}  ← #{} {} ({})",
                f.name, f.seq, f.kind, f.given_name
            ));
        }
        Out::line(&format!("{}", x.csv.display()));
        Out::line(&format!("{}", x.xlsx.display()));
        ctx.status(&format!(
            "{} {} {} {}",
            ctx.t("已导出", "exported"),
            x.files.len(),
            ctx.t("个证明文件及填写表到", "evidence files and the table to"),
            x.dir.display()
        ));
        return Ok(0);
    }
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({
            "schema": "ccc-exempt/usage-record/1",
            "report": r,
        }));
        return Ok(0);
    }
    Out::line(&format!(
        "{} {} · {} {} · {}",
        ctx.t("证明号", "certificate"),
        r.certificate.cert_no,
        ctx.t("签发", "issued"),
        r.certificate.issued_on,
        ctx.t(
            "CCC 免办系统“使用记录”（类型：使用 / 退运 / 销毁）",
            "usage records for the official system (types 使用 / 退运 / 销毁)"
        )
    ));
    if r.records.is_empty() {
        Out::line(ctx.t(
            "尚无可填写的使用记录：先登记使用、退运、销毁或整机出口流水。",
            "No usage record to enter yet: record a use, re-export, destruction or export first.",
        ));
    } else {
        let mut t = table(vec![
            ctx.t("类型", "type").into(),
            ctx.t("日期", "date").into(),
            ctx.t("产品名称", "product").into(),
            ctx.t("规格型号", "model").into(),
            ctx.t("数量", "qty").into(),
            ctx.t("单证号", "document").into(),
            ctx.t("证明材料", "evidence").into(),
            "#".into(),
        ]);
        for x in &r.records {
            let note = if x.kind == ccc_exempt::ledger::Kind::Export {
                ctx.t("（随整机出口）", " (exported in finished products)")
            } else {
                ""
            };
            t.add_row(vec![
                format!("{}{note}", x.record_type),
                x.date.to_string(),
                x.product.clone(),
                x.model.clone(),
                format!("{} {}", x.qty, x.unit).trim().to_string(),
                x.doc_no.clone().unwrap_or_default(),
                x.evidence
                    .iter()
                    .map(|e| format!("{} → {}", e.name, e.stored))
                    .collect::<Vec<_>>()
                    .join("\n"),
                x.seq.to_string(),
            ]);
        }
        Out::line(&t.to_string());
    }
    let totals: Vec<String> = r.totals.iter().map(|(k, v)| format!("{k} {v}")).collect();
    Out::line(&format!(
        "{}: {}",
        ctx.t("合计", "totals"),
        totals.join(" · ")
    ));
    if r.open > 0 {
        ctx.status(&format!(
            "{} {}",
            r.open,
            ctx.t(
                "件已入库但尚未处置，处置后再填写其使用记录。",
                "units received are not yet disposed of; enter their records once they are."
            )
        ));
    }
    Ok(0)
}

//! `status`: the dashboard. Every application with its state, every certificate with its open
//! quantities and next deadline, and the findings D001–D004, K002, S003 and W001 (clock:
//! CCC_EXEMPT_NOW). The use case is `ccc_exempt::ops::status`.

use super::output::{Out, table};
use super::report;
use super::{Ctx, Format, only_formats};
use ccc_exempt::Result;
use ccc_exempt::model::status::Status;
use ccc_exempt::ops::status;

pub const JSON_SCHEMA: &str = "ccc-exempt/status/2";

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(ctx: &Ctx, _args: Args) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let ws = ctx.workspace()?;
    let r = status::run(&ws, status::Options::default(), ctx.now, ctx.lang)?;
    let (apps, statuses, findings) = (&r.applications, &r.certificates, &r.findings);
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({
            "schema": JSON_SCHEMA,
            "as_of": r.as_of.rfc3339(),
            "applications": apps,
            "certificates": statuses,
            "voided_rejections": r.voided_rejections,
            "findings": findings,
        }));
        return Ok(0);
    }
    let today = r.as_of.date();
    Out::line(&format!("{} {}", ctx.t("截至", "as of"), today));
    if apps.is_empty() {
        Out::line(ctx.t(
            "工作区中还没有申请；用 `ccc-exempt new ID --condition C` 创建。",
            "No applications yet; create one with `ccc-exempt new ID --condition C`.",
        ));
    } else {
        let mut t = table(vec![
            ctx.t("申请", "application").into(),
            ctx.t("免办条件", "condition").into(),
            ctx.t("状态", "status").into(),
            ctx.t("证明号", "certificate").into(),
        ]);
        for a in apps {
            t.add_row(vec![
                a.id.clone(),
                a.condition
                    .as_deref()
                    .map(|c| super::values::condition_label(ctx.lang, c))
                    .unwrap_or_else(|| "-".into()),
                match (&a.forced, ctx.lang) {
                    (Some(_), ccc_exempt::Lang::Zh) => {
                        format!("{}（强制）", a.status.label(ctx.lang))
                    }
                    (Some(_), ccc_exempt::Lang::En) => format!("{} (forced)", a.status),
                    (None, lang) => a.status.label(lang).to_string(),
                },
                a.certificate.clone().unwrap_or_default(),
            ]);
        }
        Out::line(&t.to_string());
    }
    if !statuses.is_empty() {
        let mut t = table(vec![
            ctx.t("证明号", "certificate").into(),
            ctx.t("申请", "application").into(),
            ctx.t("签发", "issued").into(),
            ctx.t("状态", "state").into(),
            ctx.t("核准", "certified").into(),
            ctx.t("入库", "received").into(),
            ctx.t("未处置", "open").into(),
            ctx.t("各行未处置", "open per line").into(),
            ctx.t("下一期限", "next deadline").into(),
        ]);
        for s in statuses {
            let state = match (s.state, ctx.lang) {
                (x, lang) if x == Status::WrittenOff.as_str() => {
                    Status::WrittenOff.label(lang).to_string()
                }
                ("open", ccc_exempt::Lang::Zh) => "使用中".to_string(),
                ("voided", ccc_exempt::Lang::Zh) => "已作废".to_string(),
                (x, _) => x.to_string(),
            };
            let per_line: Vec<String> = s
                .lines
                .iter()
                .map(|l| match ctx.lang {
                    ccc_exempt::Lang::Zh => format!("第{}行 {}/{}", l.line, l.open, l.certified),
                    ccc_exempt::Lang::En => format!("line {}: {}/{}", l.line, l.open, l.certified),
                })
                .collect();
            t.add_row(vec![
                match &s.amended_no {
                    Some(n) => format!("{n} ({} {})", ctx.t("原", "was"), s.cert_no),
                    None => s.cert_no.clone(),
                },
                s.application_id.clone(),
                s.issued_on.to_string(),
                state,
                s.certified.to_string(),
                s.totals.received.to_string(),
                s.open.to_string(),
                per_line.join("\n"),
                s.next_deadline
                    .as_ref()
                    .map(|d| format!("{} {} ({})", d.date, d.what, d.code))
                    .unwrap_or_default(),
            ]);
        }
        Out::line(&t.to_string());
    }
    corrections(ctx, &r);
    if findings.is_empty() {
        // The summary says what the table shows: deadlines ahead are not flags yet.
        let ahead: Vec<_> = statuses
            .iter()
            .filter_map(|s| s.next_deadline.as_ref())
            .collect();
        let open: i64 = statuses.iter().map(|s| s.open).sum();
        match ahead.iter().min_by_key(|d| d.date) {
            None => Out::line(ctx.t(
                "无期限提醒或风险标记。",
                "No deadline reminder or risk flag.",
            )),
            Some(next) => Out::line(&super::output::prose(&match ctx.lang {
                ccc_exempt::Lang::Zh => format!(
                    "暂无到期提醒或风险标记；{} 张证明有待办期限，最近为 {} {}（{}）；未处置共 {open} 件。",
                    ahead.len(),
                    next.date,
                    next.what,
                    next.code
                ),
                ccc_exempt::Lang::En => format!(
                    "No reminder or risk flag due yet; {} certificate(s) have deadlines ahead, the next {} {} ({}); {open} units open in all.",
                    ahead.len(),
                    next.date,
                    next.what,
                    next.code
                ),
            })),
        }
    } else {
        Out::print(&report::human_table(ctx, findings, ctx.color_stdout));
    }
    Ok(0)
}

/// The corrections recorded (amendments, voids of approvals and of rejections), in order.
fn corrections(ctx: &Ctx, r: &status::Report) {
    let mut rows: Vec<(i64, String)> = Vec::new();
    for c in &r.certificates {
        for v in &c.corrections {
            let what = match (v.kind, v.reapproval, ctx.lang) {
                (ccc_exempt::ledger::Kind::Void, _, ccc_exempt::Lang::Zh) => "批准作废".to_string(),
                (ccc_exempt::ledger::Kind::Void, _, ccc_exempt::Lang::En) => {
                    "approval voided".to_string()
                }
                (_, true, ccc_exempt::Lang::Zh) => "作废后重新批准".to_string(),
                (_, true, ccc_exempt::Lang::En) => "approved again".to_string(),
                (_, false, ccc_exempt::Lang::Zh) => "证明修改".to_string(),
                (_, false, ccc_exempt::Lang::En) => "amended".to_string(),
            };
            let mut detail = Vec::new();
            if let Some(n) = &v.cert_no {
                detail.push(format!("{} {n}", ctx.t("证明号", "number")));
            }
            if v.kind == ccc_exempt::ledger::Kind::Amend {
                detail.push(format!("{} {}", ctx.t("签发", "issued"), v.date));
            }
            for (l, q) in &v.quantities {
                detail.push(format!("{} {l} = {q}", ctx.t("行", "line")));
            }
            rows.push((
                v.seq,
                format!(
                    "#{} {} {} {what}{}: {}",
                    v.seq,
                    v.recorded_at.get(..10).unwrap_or(&v.recorded_at),
                    c.cert_no,
                    if detail.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", detail.join(", "))
                    },
                    v.reason
                ),
            ));
        }
    }
    for e in &r.voided_rejections {
        rows.push((
            e.seq,
            format!(
                "#{} {} {} {}: {}",
                e.seq,
                e.date,
                e.doc_no.clone().unwrap_or_default(),
                ctx.t("驳回作废", "rejection voided"),
                e.note.clone().unwrap_or_default()
            ),
        ));
    }
    if rows.is_empty() {
        return;
    }
    rows.sort();
    Out::line(ctx.t(
        "更正记录（追加登记，未改动任何记录）：",
        "Corrections (appended; nothing was edited):",
    ));
    for (_, r) in rows {
        Out::line(&format!("  {r}"));
    }
}

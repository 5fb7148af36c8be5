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
            ctx.t("下一期限", "next deadline").into(),
        ]);
        for s in statuses {
            let state = match (s.state, ctx.lang) {
                (x, lang) if x == Status::WrittenOff.as_str() => {
                    Status::WrittenOff.label(lang).to_string()
                }
                ("open", ccc_exempt::Lang::Zh) => "使用中".to_string(),
                (x, _) => x.to_string(),
            };
            t.add_row(vec![
                s.cert_no.clone(),
                s.application_id.clone(),
                s.issued_on.to_string(),
                state,
                s.certified.to_string(),
                s.totals.received.to_string(),
                s.open.to_string(),
                s.next_deadline
                    .as_ref()
                    .map(|d| format!("{} {} ({})", d.date, d.what, d.code))
                    .unwrap_or_default(),
            ]);
        }
        Out::line(&t.to_string());
    }
    if findings.is_empty() {
        // The table above may well show deadlines: say that none is due yet, not that none exists.
        let any_deadline = statuses.iter().any(|s| s.next_deadline.is_some());
        Out::line(if any_deadline {
            ctx.t(
                "暂无到期提醒或风险标记；各证明的下一期限见上表。",
                "No reminder due and no risk flag; the next deadlines are in the table above.",
            )
        } else {
            ctx.t("无期限或风险标记。", "No deadline and no risk flag.")
        });
    } else {
        Out::print(&report::human_table(ctx, findings, ctx.color_stdout));
    }
    Ok(0)
}

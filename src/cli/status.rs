//! `status`: the dashboard. Every application with its state, every certificate with its open
//! quantities and next deadline, and the findings D001–D004 and K002 (clock: CCC_EXEMPT_NOW).

use super::output::{Out, table};
use super::report;
use super::{Ctx, Format, only_formats};
use ccc_exempt::Result;
use ccc_exempt::application::load_application;
use ccc_exempt::ledger::Balance;
use ccc_exempt::ledger::deadlines::{self, CertStatus};
use ccc_exempt::model::diagnostic::Diagnostic;

pub const JSON_SCHEMA: &str = "ccc-exempt/status/2";

#[derive(Debug, clap::Args)]
pub struct Args {}

#[derive(serde::Serialize)]
struct AppRow {
    id: String,
    condition: Option<String>,
    status: String,
    registered: bool,
    certificate: Option<String>,
}

pub fn run(ctx: &Ctx, _args: Args) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let ws = ctx.workspace()?;
    let store = ws.store()?;
    let today = ctx.now.date();
    let records = store.applications()?;
    let certs = store.certificates()?;
    let balances = store.balances(None)?;
    let closures = store.closures()?;
    let mut ids = ws.application_ids()?;
    for r in &records {
        if !ids.contains(&r.id) {
            ids.push(r.id.clone());
        }
    }
    ids.sort();
    let apps: Vec<AppRow> = ids
        .into_iter()
        .map(|id| {
            let rec = records.iter().find(|r| r.id == id);
            // Not registered yet (never checked): the condition as the file says.
            let condition = rec.and_then(|r| r.condition.clone()).or_else(|| {
                load_application(&id, &ws.application_path(&id), Some(&ws.config.applicant))
                    .ok()
                    .and_then(|a| a.app.condition)
                    .map(|c| c.slug().to_string())
            });
            AppRow {
                certificate: certs
                    .iter()
                    .find(|c| c.application_id == id)
                    .map(|c| c.cert_no.clone()),
                condition,
                status: rec
                    .map(|r| r.status.clone())
                    .unwrap_or_else(|| "draft".into()),
                registered: rec.is_some(),
                id,
            }
        })
        .collect();
    let mut statuses: Vec<CertStatus> = certs
        .iter()
        .map(|c| {
            let mut t = Balance::default();
            for b in balances.iter().filter(|b| b.cert_no == c.cert_no) {
                let x = &b.balance;
                t.received += x.received;
                t.in_stock += x.in_stock;
                t.issued += x.issued;
                t.used += x.used;
                t.reexported += x.reexported;
                t.scrapped += x.scrapped;
                t.exported += x.exported;
            }
            deadlines::certificate_status(c, t, closures.get(&c.cert_no).copied(), today, ctx.lang)
        })
        .collect();
    for s in &mut statuses {
        ws.config.severity.apply(&mut s.findings);
    }
    let mut findings: Vec<Diagnostic> = statuses.iter().flat_map(|s| s.findings.clone()).collect();
    if let Some(k) = deadlines::k002(&certs, today, &ws.config.thresholds, ctx.lang) {
        findings.push(k);
    }
    ws.config.severity.apply(&mut findings);
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({
            "schema": JSON_SCHEMA,
            "as_of": ctx.now.rfc3339(),
            "applications": apps,
            "certificates": statuses,
            "findings": findings,
        }));
        return Ok(0);
    }
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
        for a in &apps {
            t.add_row(vec![
                a.id.clone(),
                a.condition.clone().unwrap_or_else(|| "-".into()),
                a.status.clone(),
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
        for s in &statuses {
            let state = match (s.state, ctx.lang) {
                ("written-off", ccc_exempt::Lang::Zh) => "核销完毕".to_string(),
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
        Out::line(ctx.t("无期限提醒或风险标记。", "No deadline or risk flag."));
    } else {
        Out::print(&report::human_table(ctx, &findings, ctx.color_stdout));
    }
    Ok(0)
}

//! `status`: the dashboard. Every application with its state, every certificate with its open
//! quantities and next deadline, and the findings D001–D004 and K002 (clock: CCC_EXEMPT_NOW).

use super::output::{Out, table};
use super::report;
use super::{Ctx, Format, only_formats};
use ccc_exempt::Result;
use ccc_exempt::application::load_application;
use ccc_exempt::ledger::Balance;
use ccc_exempt::ledger::deadlines::{self, CertStatus};
use ccc_exempt::model::codes::Code;
use ccc_exempt::model::diagnostic::{Diagnostic, Location};
use ccc_exempt::model::status::Status;
use ccc_exempt::store::applications::ForcedRecord;

pub const JSON_SCHEMA: &str = "ccc-exempt/status/2";

#[derive(Debug, clap::Args)]
pub struct Args {}

#[derive(serde::Serialize)]
struct AppRow {
    id: String,
    condition: Option<String>,
    status: Status,
    registered: bool,
    certificate: Option<String>,
    /// The approval was recorded past a guard (`app approve --force --reason`).
    forced: Option<ForcedRecord>,
}

pub fn run(ctx: &Ctx, _args: Args) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let ws = ctx.workspace()?;
    let store = ws.store_read()?;
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
                status: rec.map_or(Status::Draft, |r| r.status),
                forced: rec.and_then(|r| r.forced.clone()),
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
    for a in &apps {
        if let Some(f) = &a.forced {
            let message = match ctx.lang {
                ccc_exempt::Lang::Zh => format!(
                    "{}：批准时没有对当前文件的无错误检查（{}）；{} 用 --force 强制登记，原因：{}",
                    a.id, f.why, f.at, f.reason
                ),
                ccc_exempt::Lang::En => format!(
                    "{}: approved without a clean check of the current files ({}); recorded with --force on {}, reason: {}",
                    a.id, f.why, f.at, f.reason
                ),
            };
            let d = Diagnostic::new(Code::S003, message);
            findings.push(match &a.certificate {
                Some(cert_no) => d.at(Location::Certificate {
                    cert_no: cert_no.clone(),
                    line: None,
                }),
                None => d,
            });
        }
    }
    for left in ws.sweep_leftovers() {
        let shown = left.path.display().to_string();
        findings.push(
            Diagnostic::new(
                Code::W001,
                match ctx.lang {
                    ccc_exempt::Lang::Zh => format!(
                        "{shown}（{} 字节）：被中断的命令留下的临时文件，无法删除：{}",
                        left.size, left.error
                    ),
                    ccc_exempt::Lang::En => format!(
                        "{shown} ({} bytes): left by an interrupted command, cannot be removed: {}",
                        left.size, left.error
                    ),
                },
            )
            .at(Location::File {
                file: shown.clone(),
                line: None,
                column: None,
                key: None,
            }),
        );
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
        for s in &statuses {
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
        Out::line(ctx.t(
            "无期限提醒或风险标记。",
            "No deadline reminder or risk flag.",
        ));
    } else {
        Out::print(&report::human_table(ctx, &findings, ctx.color_stdout));
    }
    Ok(0)
}

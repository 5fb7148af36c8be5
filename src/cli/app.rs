//! `app list|show` (the registry and last check of each application) and the decisions
//! (`submit`, `approve`, `reject`, in `app_decision.rs`); the use cases are `ccc_exempt::ops::app`
//! and `ccc_exempt::ops::decide`.

use super::output::{Out, table};
use super::{Ctx, Format, app_decision, only_formats};
use ccc_exempt::Result;
use ccc_exempt::ops;
use ccc_exempt::store::applications::ForcedRecord;

#[derive(Debug, clap::Subcommand)]
pub enum Cmd {
    /// The applications of the workspace with their status and last check.
    List,
    /// One application: status history and last check.
    Show {
        /// The application ID.
        id: String,
    },
    /// Record that the application was submitted in the official system.
    Submit(app_decision::SubmitArgs),
    /// Record the approval: the certificate and its lines.
    Approve(app_decision::ApproveArgs),
    /// Record a rejection and its reason.
    Reject(app_decision::RejectArgs),
}

pub fn run(ctx: &Ctx, cmd: Cmd) -> Result<i32> {
    match cmd {
        Cmd::List => list(ctx),
        Cmd::Show { id } => show(ctx, &id),
        Cmd::Submit(a) => app_decision::submit(ctx, a),
        Cmd::Approve(a) => app_decision::approve(ctx, a),
        Cmd::Reject(a) => app_decision::reject(ctx, a),
    }
}

fn summary(ctx: &Ctx, c: &Option<ccc_exempt::store::applications::CheckRecord>) -> String {
    match c {
        None => ctx.t("未检查", "not checked").to_string(),
        Some(c) => format!(
            "{} {} / {} {} · {}",
            c.errors,
            ctx.t("错误", "errors"),
            c.warnings,
            ctx.t("警告", "warnings"),
            c.checked_at
        ),
    }
}

fn list(ctx: &Ctx) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let rows = ops::app::list(&ctx.workspace()?)?;
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({ "schema": "ccc-exempt/app-list/2", "applications": rows }));
        return Ok(0);
    }
    if rows.is_empty() {
        ctx.status(ctx.t(
            "工作区中还没有申请；用 `ccc-exempt new ID --condition C` 创建。",
            "No applications yet; create one with `ccc-exempt new ID --condition C`.",
        ));
        return Ok(0);
    }
    let mut t = table(vec![
        ctx.t("申请", "application").into(),
        ctx.t("免办条件", "condition").into(),
        ctx.t("状态", "status").into(),
        ctx.t("最近检查", "last check").into(),
    ]);
    for r in &rows {
        t.add_row(vec![
            r.id.clone(),
            r.condition.clone().unwrap_or_else(|| "-".into()),
            r.status.label(ctx.lang).to_string(),
            summary(ctx, &r.last_check),
        ]);
    }
    Out::line(&t.to_string());
    Ok(0)
}

fn show(ctx: &Ctx, id: &str) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let shown = ops::app::show(&ctx.workspace()?, id)?;
    let (rec, events) = (&shown.record, &shown.history);
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({
            "schema": "ccc-exempt/app-show/2",
            "id": id,
            "file": shown.file,
            "application": rec,
            "history": events,
        }));
        return Ok(0);
    }
    let status = shown.status();
    Out::line(&format!("{}: {id}", ctx.t("申请", "application")));
    Out::line(&format!(
        "{}: {}",
        ctx.t("文件", "file"),
        shown.file.display()
    ));
    if let Some(r) = &rec {
        Out::line(&format!(
            "{}: {}",
            ctx.t("免办条件", "condition"),
            r.condition.as_deref().unwrap_or("-")
        ));
    }
    Out::line(&format!(
        "{}: {}",
        ctx.t("状态", "status"),
        status.label(ctx.lang)
    ));
    if let Some(f) = rec.as_ref().and_then(|r| r.forced.as_ref()) {
        Out::line(&forced_line(ctx, f));
    }
    Out::line(&format!(
        "{}: {}",
        ctx.t("最近检查", "last check"),
        summary(ctx, &rec.as_ref().and_then(|r| r.last_check.clone()))
    ));
    if let Some(c) = rec.as_ref().and_then(|r| r.last_check.as_ref())
        && !c.codes.is_empty()
    {
        Out::line(&format!(
            "{}: {}",
            ctx.t("发现", "findings"),
            c.codes.join(" ")
        ));
    }
    if !events.is_empty() {
        let mut t = table(vec![
            ctx.t("时间", "at").into(),
            ctx.t("从", "from").into(),
            ctx.t("到", "to").into(),
            ctx.t("说明", "note").into(),
        ]);
        for e in events {
            t.add_row(vec![
                e.at.clone(),
                e.from_status
                    .map(|s| s.label(ctx.lang).to_string())
                    .unwrap_or_default(),
                e.to_status.label(ctx.lang).to_string(),
                e.note.clone().unwrap_or_default(),
            ]);
        }
        Out::line(&t.to_string());
    }
    Ok(0)
}

/// An approval recorded past a guard, as `app show` and `status` show it.
pub fn forced_line(ctx: &Ctx, f: &ForcedRecord) -> String {
    format!(
        "{}: {} {} ({}) · {}: {} · {}",
        ctx.t("强制批准", "forced approval"),
        ctx.t("越过", "past"),
        f.code,
        f.why,
        ctx.t("原因", "reason"),
        f.reason,
        f.at
    )
}

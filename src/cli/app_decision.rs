//! `app submit|approve|reject`: record what the official system decided. Approval records the
//! certificate and freezes the application (see `ccc_exempt::ops::ledger::approve`); the lifecycle
//! table (`ccc_exempt::model::status`) decides whether each move is allowed: approval needs a
//! clean check of the current files (S003, unless `--force --reason`) and a plausible issue date
//! (S004).

use super::output::{Out, table};
use super::{Ctx, Format, only_formats};
use ccc_exempt::application::load_application;
use ccc_exempt::model::status::{Operation, Status};
use ccc_exempt::ops::ledger::approve::{self, Approval};
use ccc_exempt::util::hex::hex;
use ccc_exempt::workspace::{Workspace, validate_id};
use ccc_exempt::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct SubmitArgs {
    /// The application ID.
    pub id: String,
}

#[derive(Debug, clap::Args)]
pub struct ApproveArgs {
    /// The application ID.
    pub id: String,
    /// The certificate number (证明号).
    #[arg(long)]
    pub cert_no: String,
    /// The issue date (YYYY-MM-DD).
    #[arg(long)]
    pub issued: String,
    /// Certified quantity of a product line when it differs from the applied one (LINE=N, lines from 1).
    #[arg(long = "quantity", value_name = "LINE=N")]
    pub quantities: Vec<String>,
    /// Record the approval even though the last check of the current files is missing, outdated
    /// or found errors (S003); needs --reason.
    #[arg(long, requires = "reason")]
    pub force: bool,
    /// Why the approval is recorded without a clean check (kept with it and shown by `status`).
    #[arg(long, requires = "force")]
    pub reason: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct RejectArgs {
    /// The application ID.
    pub id: String,
    /// The reason the authority gave.
    #[arg(long)]
    pub reason: String,
}

/// The workspace, after checking the application exists (as a directory or in the registry).
fn application(ctx: &Ctx, id: &str) -> Result<Workspace> {
    validate_id(id)?;
    let ws = ctx.workspace()?;
    let registered = ws.store()?.application(id)?.is_some();
    if !registered && !ws.application_path(id).is_file() {
        return Err(Error::Input(format!(
            "{}: {id} ({})",
            ctx.t("没有这个申请", "no such application"),
            ctx.t(
                "`ccc-exempt app list` 列出申请",
                "`ccc-exempt app list` lists them"
            )
        )));
    }
    Ok(ws)
}

/// The condition as written in the file, when it can be read (for the registry).
fn condition_of(ws: &Workspace, id: &str) -> Option<String> {
    load_application(id, &ws.application_path(id), Some(&ws.config.applicant))
        .ok()
        .and_then(|a| a.app.condition)
        .map(|c| c.slug().to_string())
}

fn print_status(ctx: &Ctx, id: &str, status: Status, schema: &str) {
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({ "schema": schema, "id": id, "status": status }));
    } else {
        Out::line(&format!("{id}: {}", status.label(ctx.lang)));
    }
}

pub fn submit(ctx: &Ctx, a: SubmitArgs) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let ws = application(ctx, &a.id)?;
    let mut store = ws.store()?;
    let now = ctx.now.rfc3339();
    store.ensure_application(&a.id, condition_of(&ws, &a.id).as_deref(), &now)?;
    let step = store.transition(&a.id, Operation::Submit, &now, None, ctx.lang)?;
    print_status(ctx, &a.id, step.status(), "ccc-exempt/app-submit/1");
    Ok(0)
}

pub fn reject(ctx: &Ctx, a: RejectArgs) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let reason = a.reason.trim();
    if reason.is_empty() {
        return Err(Error::Input(
            ctx.t(
                "请用 --reason 写明不予通过的原因",
                "give the authority's reason with --reason",
            )
            .to_string(),
        ));
    }
    let ws = application(ctx, &a.id)?;
    let mut store = ws.store()?;
    let now = ctx.now.rfc3339();
    store.ensure_application(&a.id, condition_of(&ws, &a.id).as_deref(), &now)?;
    let step = store.transition(&a.id, Operation::Reject, &now, Some(reason), ctx.lang)?;
    print_status(ctx, &a.id, step.status(), "ccc-exempt/app-reject/1");
    Ok(0)
}

pub fn approve(ctx: &Ctx, a: ApproveArgs) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let issued = super::ledger::parse_date(ctx, "--issued", &a.issued)?;
    let mut quantities = Vec::new();
    for q in &a.quantities {
        let parsed = approve::parse_quantity(q).ok_or_else(|| {
            Error::Input(format!(
                "--quantity {q:?}: {}",
                ctx.t(
                    "应为 行号=数量，如 --quantity 2=5（行号从 1 起，数量为非负整数）",
                    "must be LINE=N, e.g. --quantity 2=5 (lines from 1, N a whole number)"
                )
            ))
        })?;
        quantities.push(parsed);
    }
    let ws = application(ctx, &a.id)?;
    let path = ws.application_path(&a.id);
    let loaded = load_application(&a.id, &path, Some(&ws.config.applicant))?;
    let mut store = ws.store()?;
    let dir = ws.evidence_dir();
    let r = approve::approve(
        &mut store,
        super::ledger::settings(ctx, &dir, false),
        &loaded,
        &Approval {
            cert_no: a.cert_no.clone(),
            issued,
            quantities,
            force: a.force.then(|| a.reason.clone().unwrap_or_default()),
        },
    )?;
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({
            "schema": "ccc-exempt/app-approve/1",
            "id": a.id,
            "status": Status::Approved,
            "approval": r,
        }));
        return Ok(0);
    }
    let c = &r.certificate;
    Out::line(&format!(
        "{}: {} · {} {} · {} {} · {} #{}",
        a.id,
        Status::Approved.label(ctx.lang),
        ctx.t("证明号", "certificate"),
        c.cert_no,
        ctx.t("签发", "issued"),
        c.issued_on,
        ctx.t("台账条目", "ledger entry"),
        r.entry.seq
    ));
    if let Some(f) = &r.forced {
        ctx.status(&format!(
            "{} {}: {} ({}: {})",
            ctx.t("强制登记，越过", "forced past"),
            f.code,
            f.why,
            ctx.t("原因", "reason"),
            f.reason
        ));
    }
    let mut t = table(vec![
        ctx.t("行", "line").into(),
        ctx.t("产品名称", "product").into(),
        ctx.t("规格型号", "model").into(),
        ctx.t("申请数量", "applied").into(),
        ctx.t("核准数量", "certified").into(),
        ctx.t("单位", "unit").into(),
    ]);
    for l in &c.lines {
        t.add_row(vec![
            l.line.to_string(),
            l.name.clone(),
            l.model.clone(),
            l.applied.to_string(),
            l.certified.to_string(),
            l.unit.clone(),
        ]);
    }
    Out::line(&t.to_string());
    ctx.status(&format!(
        "{}: application.toml {} · {} {} · {}",
        ctx.t("已冻结", "frozen"),
        &hex(&c.application_sha256)[..16],
        c.files.len() - 1,
        ctx.t("个材料文件", "material files"),
        match &c.package_sha256 {
            Some(h) => format!("{} {}", ctx.t("申报包", "package"), &h[..h.len().min(16)]),
            None => ctx.t("无申报包记录", "no package receipt").to_string(),
        }
    ));
    for m in &r.missing_files {
        eprintln!(
            "{}: {m}",
            ctx.t(
                "警告：材料文件无法读取，未冻结",
                "warning: material file not readable, not frozen"
            )
        );
    }
    Ok(0)
}

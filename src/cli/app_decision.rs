//! `app submit|approve|reject|amend|void`: record what the official system decided, and correct
//! a recorded decision by appending; the use case is
//! `ccc_exempt::ops::decide`. Approval records the certificate and freezes the application; the
//! lifecycle table (`ccc_exempt::model::status`) decides whether each move is allowed: approval
//! needs a clean check of the current files (S003, unless `--force --reason`) and a plausible
//! issue date (S004).

use super::output::{Out, table};
use super::{Ctx, Format, only_formats};
use ccc_exempt::model::status::Status;
use ccc_exempt::ops::decide::{self, Decided};
use ccc_exempt::ops::ledger::approve;
use ccc_exempt::util::hex::hex;
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
pub struct AmendArgs {
    /// The application ID.
    pub id: String,
    /// Why the certificate was amended (kept in the ledger's chain).
    #[arg(long)]
    pub reason: String,
    /// The certificate number in force from now on (a corrected or new 证明号).
    #[arg(long)]
    pub cert_no: Option<String>,
    /// The issue date in force from now on (YYYY-MM-DD).
    #[arg(long)]
    pub issued: Option<String>,
    /// A certified quantity in force from now on (LINE=N, lines from 1); never below what the
    /// line has already received.
    #[arg(long = "quantity", value_name = "LINE=N")]
    pub quantities: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct VoidArgs {
    /// The application ID.
    pub id: String,
    /// Why the approval or rejection was a mistake (kept in the ledger's chain).
    #[arg(long)]
    pub reason: String,
}

#[derive(Debug, clap::Args)]
pub struct RejectArgs {
    /// The application ID.
    pub id: String,
    /// The reason the authority gave.
    #[arg(long)]
    pub reason: String,
}

fn print_status(ctx: &Ctx, d: &Decided, schema: &str) {
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({ "schema": schema, "id": d.id, "status": d.status }));
    } else {
        Out::line(&format!("{}: {}", d.id, d.status.label(ctx.lang)));
    }
}

pub fn submit(ctx: &Ctx, a: SubmitArgs) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let opts = decide::Submit { id: a.id };
    opts.validate(ctx.lang)?;
    let d = decide::submit(&ctx.workspace()?, opts, ctx.now, ctx.lang)?;
    print_status(ctx, &d, "ccc-exempt/app-submit/1");
    Ok(0)
}

pub fn reject(ctx: &Ctx, a: RejectArgs) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let opts = decide::Reject {
        id: a.id,
        reason: a.reason,
    };
    opts.validate(ctx.lang)?;
    let d = decide::reject(&ctx.workspace()?, opts, ctx.now, ctx.lang)?;
    print_status(ctx, &d, "ccc-exempt/app-reject/1");
    Ok(0)
}

fn parse_quantities(ctx: &Ctx, given: &[String]) -> Result<Vec<(i64, i64)>> {
    let mut quantities = Vec::new();
    for q in given {
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
    Ok(quantities)
}

pub fn amend(ctx: &Ctx, a: AmendArgs) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let issued = match &a.issued {
        Some(d) => Some(super::ledger::parse_date(ctx, "--issued", d)?),
        None => None,
    };
    let opts = decide::Amend {
        id: a.id.clone(),
        reason: a.reason,
        cert_no: a.cert_no,
        issued,
        quantities: parse_quantities(ctx, &a.quantities)?,
    };
    opts.validate(ctx.lang)?;
    let r = decide::amend(&ctx.workspace()?, opts, ctx.now, ctx.lang)?;
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({
            "schema": "ccc-exempt/app-amend/1",
            "id": a.id,
            "amendment": r,
        }));
        return Ok(0);
    }
    let c = &r.certificate;
    let first = r.entries.first().map(|e| e.seq).unwrap_or(0);
    let last = r.entries.last().map(|e| e.seq).unwrap_or(0);
    let seqs = if first == last {
        format!("#{first}")
    } else {
        format!("#{first}–#{last}")
    };
    Out::line(&format!(
        "{}: {} · {} {} · {} {} · {} {seqs}",
        a.id,
        ctx.t("证明已修改", "certificate amended"),
        ctx.t("证明号", "certificate"),
        c.display_no(),
        ctx.t("签发", "issued"),
        c.issued_on,
        ctx.t("台账条目", "ledger entries"),
    ));
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
        "{}: application.toml {} · {} {}",
        ctx.t("已重新冻结", "frozen again"),
        &hex(&c.application_sha256)[..16],
        c.files.len().saturating_sub(1),
        ctx.t("个材料文件", "material files"),
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

pub fn void(ctx: &Ctx, a: VoidArgs) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let opts = decide::Void {
        id: a.id.clone(),
        reason: a.reason,
    };
    opts.validate(ctx.lang)?;
    let r = decide::void(&ctx.workspace()?, opts, ctx.now, ctx.lang)?;
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({
            "schema": "ccc-exempt/app-void/1",
            "id": r.id,
            "voided": r.voided,
            "status": r.status,
            "cert_no": r.cert_no,
            "entry": r.entry,
        }));
        return Ok(0);
    }
    let what = match (&r.cert_no, ctx.lang) {
        (Some(c), ccc_exempt::Lang::Zh) => format!("批准（证明 {c}）已作废"),
        (Some(c), ccc_exempt::Lang::En) => format!("approval (certificate {c}) voided"),
        (None, _) => ctx.t("驳回已作废", "rejection voided").to_string(),
    };
    Out::line(&format!(
        "{}: {what} · {} {} · {} #{}",
        r.id,
        ctx.t("现为", "now"),
        r.status.label(ctx.lang),
        ctx.t("台账条目", "ledger entry"),
        r.entry.seq
    ));
    Ok(0)
}

pub fn approve(ctx: &Ctx, a: ApproveArgs) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let issued = super::ledger::parse_date(ctx, "--issued", &a.issued)?;
    let quantities = parse_quantities(ctx, &a.quantities)?;
    let opts = decide::Approve {
        id: a.id.clone(),
        cert_no: a.cert_no,
        issued,
        quantities,
        force: a.force.then(|| a.reason.clone().unwrap_or_default()),
    };
    opts.validate(ctx.lang)?;
    let r = decide::approve(&ctx.workspace()?, opts, ctx.now, ctx.lang)?;
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

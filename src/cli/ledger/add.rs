//! `ledger add`: record one movement.

use super::super::output::Out;
use super::super::{Ctx, Format, only_formats};
use ccc_exempt::ledger::rules::EvidenceInput;
use ccc_exempt::ledger::{Kind, Movement, Outcome};
use ccc_exempt::ops::ledger::add;
use ccc_exempt::{Error, Result};

#[derive(Debug, clap::Args)]
#[command(after_long_help = super::super::help::ledger_add_evidence(ccc_exempt::Lang::En))]
pub struct Args {
    /// The certificate number (证明号).
    #[arg(long)]
    pub cert: String,
    /// The certificate line (product line, from 1).
    #[arg(long)]
    pub line: i64,
    /// inbound 入库 · issue 领用 · return 归还 · use 使用 · reexport 退运核销 · scrap 报废/销毁 ·
    /// export 整机出口 (English or Chinese).
    #[arg(long, value_parser = super::super::values::Offered::kinds(super::super::values::MOVEMENT_KINDS), hide_possible_values = true)]
    pub kind: String,
    /// The quantity (a positive whole number; `--quantity` as in application.toml works too).
    #[arg(long, alias = "quantity")]
    pub qty: i64,
    /// The business date, YYYY-MM-DD (default: today).
    #[arg(long)]
    pub date: Option<String>,
    /// An evidence file (photo, video, scan, PDF), as FILE or KIND=FILE with KIND one of
    /// doc-no, written-proof, photo-or-video, end-user-confirmation, export-declaration.
    /// Repeat for several files.
    #[arg(long = "evidence", value_name = "[KIND=]FILE")]
    pub evidence: Vec<String>,
    /// The document number: import document for inbound, export customs declaration for
    /// reexport and export.
    #[arg(long)]
    pub doc_no: Option<String>,
    /// Where the units are (warehouse, lab, line).
    #[arg(long)]
    pub location: Option<String>,
    /// Who recorded or handled the movement.
    #[arg(long)]
    pub operator: Option<String>,
    /// A free note.
    #[arg(long)]
    pub note: Option<String>,
    /// An idempotency key: the same key with the same content records nothing twice (L007 if
    /// the content differs).
    #[arg(long)]
    pub key: Option<String>,
    /// Record a final disposition other than the one the application committed to
    /// (`disposal`), with this reason (refused with L011 otherwise; `status` keeps flagging it).
    #[arg(long, value_name = "REASON")]
    pub deviation: Option<String>,
}

pub fn run(ctx: &Ctx, a: Args) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let kind = Kind::parse_movement(&a.kind).ok_or_else(|| {
        Error::Input(format!(
            "--kind {:?}: {}{}",
            a.kind,
            ctx.t(
                "应为 inbound 入库、issue 领用、return 归还、use 使用、reexport 退运核销、scrap 报废/销毁 或 export 整机出口",
                "must be one of inbound, issue, return, use, reexport, scrap, export"
            ),
            super::super::values::suggestion(
                ctx.lang,
                &a.kind,
                super::super::values::MOVEMENT_KINDS.iter().map(|c| c.0)
            )
        ))
    })?;
    let date = super::opt_date(ctx, "--date", &a.date)?;
    let cwd = ctx.discovery.cwd.clone();
    let m = Movement {
        cert_no: a.cert,
        line: a.line,
        kind: Some(kind),
        qty: a.qty,
        date,
        evidence: a
            .evidence
            .iter()
            .map(|e| EvidenceInput::parse(e, &cwd))
            .collect(),
        doc_no: a.doc_no,
        location: a.location,
        operator: a.operator,
        note: a.note,
        key: a.key,
        deviation: a.deviation,
    };
    let ws = ctx.workspace()?;
    let m = ask_for_evidence(ctx, &ws, m, &cwd)?;
    let add::Report { outcome, balance } =
        add::run(&ws, add::Options { movement: m }, ctx.now, ctx.lang)?;
    let e = outcome.entry();
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({
            "schema": "ccc-exempt/ledger-add/1",
            "outcome": match outcome { Outcome::Recorded(_) => "recorded", Outcome::AlreadyRecorded(_) => "already-recorded" },
            "entry": e,
            "balance": balance,
        }));
        return Ok(0);
    }
    let what = format!(
        "#{} {} {} · {} {} {} {}",
        e.seq,
        e.date,
        super::kind_label(ctx, e.kind),
        e.qty,
        ctx.t("证明", "certificate"),
        e.cert_no,
        format_args!("{} {}", ctx.t("行", "line"), e.line)
    );
    match outcome {
        Outcome::Recorded(_) => Out::line(&format!("{} {what}", ctx.t("已登记", "recorded"))),
        Outcome::AlreadyRecorded(_) => Out::line(&format!(
            "{} {what}",
            ctx.t(
                "已登记过（同一幂等键、同一内容），未重复登记：",
                "already recorded (same key, same content), nothing written:"
            )
        )),
    }
    if let Some(b) = balance {
        ctx.status(&format!(
            "{} {} · {} {} · {} {} · {} {}",
            ctx.t("在库", "in stock"),
            b.balance.in_stock,
            ctx.t("已领用", "issued"),
            b.balance.issued,
            ctx.t("已处置", "disposed"),
            b.balance.disposed(),
            ctx.t("已入库", "received"),
            b.balance.received
        ));
    }
    Ok(0)
}

/// On a terminal, ask for the evidence the movement still lacks (each kind from the rulebook, and
/// the document number); without one, the ledger names every missing `--evidence KIND=FILE`.
fn ask_for_evidence(
    ctx: &Ctx,
    ws: &ccc_exempt::workspace::Workspace,
    mut m: Movement,
    cwd: &std::path::Path,
) -> Result<Movement> {
    if !ctx.interactive {
        return Ok(m);
    }
    let (kinds, doc) = add::missing_evidence(ws, &m)?;
    let rb = ccc_exempt::rules::rulebook::Rulebook::get();
    let prompt_err = |e: dialoguer::Error| {
        Error::Input(format!("{}: {e}", ctx.t("输入中断", "input interrupted")))
    };
    if doc {
        let v: String = dialoguer::Input::new()
            .with_prompt(ctx.t("单证号（--doc-no）", "document number (--doc-no)"))
            .interact_text()
            .map_err(prompt_err)?;
        m.doc_no = Some(v);
    }
    for k in kinds {
        let what = rb
            .evidence_kind(&k)
            .map(|e| ctx.t(&e.zh, &e.en).to_string())
            .unwrap_or_else(|| k.clone());
        let v: String = dialoguer::Input::new()
            .with_prompt(format!("{what} (--evidence {k}=FILE)"))
            .interact_text()
            .map_err(prompt_err)?;
        m.evidence
            .push(EvidenceInput::parse(&format!("{k}={}", v.trim()), cwd));
    }
    Ok(m)
}

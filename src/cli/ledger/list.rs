//! `ledger list` and `ledger balance`.

use super::super::output::{Out, table};
use super::super::{Ctx, Format, only_formats};
use ccc_exempt::ledger::Kind;
use ccc_exempt::ops::ledger::{balance as balances, list as listing};
use ccc_exempt::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only this certificate.
    #[arg(long)]
    pub cert: Option<String>,
    /// Only this certificate line.
    #[arg(long)]
    pub line: Option<i64>,
    /// Only these kinds (repeatable): inbound, issue, return, use, reexport, scrap, export,
    /// reversal, certify, close, amend, void.
    #[arg(long = "kind", value_parser = super::super::values::Offered::kinds(super::super::values::LIST_KINDS), hide_possible_values = true)]
    pub kinds: Vec<String>,
    /// From this business date (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Up to this business date (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// Only the latest N entries.
    #[arg(long)]
    pub limit: Option<i64>,
}

#[derive(Debug, clap::Args)]
pub struct BalanceArgs {
    /// Only this certificate.
    #[arg(long)]
    pub cert: Option<String>,
}

pub fn list(ctx: &Ctx, a: ListArgs) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let mut kinds = Vec::new();
    for k in &a.kinds {
        let kind = Kind::parse_movement(k)
            .or_else(|| Kind::from_stored(k.trim()))
            .ok_or_else(|| {
                Error::Input(format!(
                    "--kind {k:?}: {}{}",
                    ctx.t(
                        "应为 inbound、issue、return、use、reexport、scrap、export、reversal、certify、close、amend 或 void",
                        "must be inbound, issue, return, use, reexport, scrap, export, reversal, certify, close, amend or void"
                    ),
                    super::super::values::suggestion(
                        ctx.lang,
                        k,
                        super::super::values::LIST_KINDS.iter().map(|c| c.0)
                    )
                ))
            })?;
        kinds.push(kind);
    }
    let opts = listing::Options {
        cert_no: a.cert,
        line: a.line,
        kinds,
        from: super::opt_date(ctx, "--from", &a.from)?,
        to: super::opt_date(ctx, "--to", &a.to)?,
        limit: a.limit,
        // Only the table marks reversed entries.
        reversed_by: ctx.format == Format::Human,
    };
    let ws = ctx.workspace()?;
    let listing::Report {
        entries,
        reversed_by: reversed,
    } = listing::run(&ws, opts, ctx.now, ctx.lang)?;
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({
            "schema": "ccc-exempt/ledger-list/1",
            "entries": entries,
        }));
        return Ok(0);
    }
    if entries.is_empty() {
        ctx.status(ctx.t("没有符合条件的条目。", "No entries match."));
        return Ok(0);
    }
    let mut t = table(vec![
        "#".into(),
        ctx.t("日期", "date").into(),
        ctx.t("类型", "kind").into(),
        ctx.t("证明号", "certificate").into(),
        ctx.t("行", "line").into(),
        ctx.t("数量", "qty").into(),
        ctx.t("单证号", "document").into(),
        ctx.t("经办人", "operator").into(),
        ctx.t("备注", "note").into(),
        ctx.t("证明材料", "evidence").into(),
    ]);
    for e in &entries {
        let mut note = e.note.clone().unwrap_or_default();
        if let Some(by) = reversed.get(&e.seq) {
            note = format!("[{} #{by}] {note}", ctx.t("已冲销", "reversed by"));
        }
        if let Some(of) = e.reverses {
            note = format!("[{} #{of}] {note}", ctx.t("冲销", "reverses"));
        }
        t.add_row(vec![
            e.seq.to_string(),
            e.date.to_string(),
            super::kind_label(ctx, e.kind),
            e.cert_no.clone(),
            if e.line == 0 {
                String::new()
            } else {
                e.line.to_string()
            },
            if e.qty == 0 {
                String::new()
            } else {
                e.qty.to_string()
            },
            e.doc_no.clone().unwrap_or_default(),
            e.operator.clone().unwrap_or_default(),
            note.trim().to_string(),
            if e.kind == Kind::Amend && !e.evidence.is_empty() {
                // The application's files frozen again, by hash (not evidence files).
                match ctx.lang {
                    ccc_exempt::Lang::Zh => format!("重新冻结 {} 个文件", e.evidence.len()),
                    ccc_exempt::Lang::En => format!("{} files frozen again", e.evidence.len()),
                }
            } else {
                e.evidence
                    .iter()
                    .map(|v| v.name.clone())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        ]);
    }
    Out::line(&t.to_string());
    Ok(0)
}

pub fn balance(ctx: &Ctx, a: BalanceArgs) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let ws = ctx.workspace()?;
    let rows = balances::run(
        &ws,
        balances::Options { cert_no: a.cert },
        ctx.now,
        ctx.lang,
    )?;
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({
            "schema": "ccc-exempt/ledger-balance/1",
            "lines": rows,
        }));
        return Ok(0);
    }
    if rows.is_empty() {
        ctx.status(ctx.t(
            "还没有证明；用 `ccc-exempt app approve ID --cert-no NO --issued DATE` 登记。",
            "No certificates yet; record one with `ccc-exempt app approve ID --cert-no NO --issued DATE`.",
        ));
        return Ok(0);
    }
    let mut t = table(vec![
        ctx.t("证明号", "certificate").into(),
        ctx.t("行", "line").into(),
        ctx.t("产品", "product").into(),
        ctx.t("核准", "certified").into(),
        ctx.t("入库", "received").into(),
        ctx.t("在库", "in stock").into(),
        ctx.t("领用", "issued").into(),
        ctx.t("使用", "used").into(),
        ctx.t("退运", "re-exported").into(),
        ctx.t("销毁", "scrapped").into(),
        ctx.t("出口", "exported").into(),
        ctx.t("未处置", "open").into(),
    ]);
    for r in &rows {
        let b = &r.balance;
        t.add_row(vec![
            r.cert_no.clone(),
            r.line.to_string(),
            format!("{} {}", r.product, r.model).trim().to_string(),
            r.certified.to_string(),
            b.received.to_string(),
            b.in_stock.to_string(),
            b.issued.to_string(),
            b.used.to_string(),
            b.reexported.to_string(),
            b.scrapped.to_string(),
            b.exported.to_string(),
            r.open.to_string(),
        ]);
    }
    Out::line(&t.to_string());
    Ok(0)
}

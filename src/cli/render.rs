//! `render ID letter|table|checklist|safety-commitment|exhibition-statement|test-plan|justification
//! [-o PATH]`: the generated documents, always in Chinese.
//!
//! - `letter`: the commitment letter (附件2-1) as DOCX (default `ID-后续管理承诺书.docx`).
//! - `table`: the comparison table (附件2-2) as XLSX and CSV (default both `ID-对照表.xlsx` and
//!   `ID-对照表.csv`; with `-o`, the extension decides).
//! - `checklist`: the materials checklist; to stdout (human table or `--format json`) without
//!   `-o`, as CSV with `-o FILE.csv`.
//! - the drafts the applicant completes, signs and seals (DOCX, default `ID-<title>.docx`).
//!
//! After a document, `render` says what is still to write or sign, and that the document is to be
//! printed, sealed with the original seal, scanned, and where the scan goes in application.toml.
//! An extension the document cannot have (a letter to `.pdf`) is refused (exit 2).
//!
//! The use case is `ccc_exempt::ops::render`. Files are written atomically; every destination
//! passes the output guard (`ccc_exempt::ops::output`) first.

use std::path::PathBuf;

use super::output::{Out, table};
use super::{Ctx, Format};
use ccc_exempt::Result;
use ccc_exempt::documents::checklist::ChecklistRow;
use ccc_exempt::ops::render;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    /// The commitment letter (后续管理承诺书, 附件2-1), DOCX.
    Letter,
    /// The comparison table (对照表, 附件2-2), XLSX and CSV.
    Table,
    /// The materials checklist (材料清单); exit 1 when something is missing.
    Checklist,
    /// 关于相应产品符合国内安全标准的承诺 (conditions 2 and 4), a DOCX draft.
    SafetyCommitment,
    /// 申请单位声明 with the exhibition period and disposal (condition 4), a DOCX draft.
    ExhibitionStatement,
    /// 研究、开发、测试计划书 skeleton (condition 1), a DOCX draft.
    TestPlan,
    /// 特殊用途说明 (condition 6), a DOCX draft.
    Justification,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The application ID.
    pub id: String,
    /// What to render.
    #[arg(value_enum)]
    pub what: What,
    /// Output file. Without it: `ID-后续管理承诺书.docx` for `letter`, both `ID-对照表.xlsx` and
    /// `ID-对照表.csv` for `table`, the checklist on stdout. For `table`, `.csv` writes the CSV,
    /// anything else the XLSX.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, a: Args) -> Result<i32> {
    let ws = ctx.workspace()?;
    let what = match a.what {
        What::Letter => render::What::Letter,
        What::Table => render::What::Table,
        What::Checklist => render::What::Checklist,
        What::SafetyCommitment => render::What::Draft("safety-commitment"),
        What::ExhibitionStatement => render::What::Draft("exhibition-statement"),
        What::TestPlan => render::What::Draft("test-plan"),
        What::Justification => render::What::Draft("justification"),
    };
    // Only the checklist printed to stdout has a JSON form.
    if what == render::What::Checklist && a.output.is_none() {
        super::only_formats(ctx, &[Format::Human, Format::Json])?;
    } else {
        super::only_formats(ctx, &[Format::Human])?;
    }
    let opts = render::Options {
        id: a.id,
        what,
        output: a.output,
        source_date_epoch: super::package::source_date_epoch(),
    };
    let r = render::run(&ws, opts, ctx.now, ctx.lang)?;
    for p in &r.written {
        ctx.status(&format!("{} {}", ctx.t("已写入", "wrote"), p.display()));
    }
    if what == render::What::Letter && !r.written.is_empty() {
        authority_warning(ctx, &ws);
    }
    if !r.to_write.is_empty() {
        ctx.status(ctx.t(
            "申请人还须填写或签署：",
            "Still to write or sign by the applicant:",
        ));
        for w in &r.to_write {
            ctx.status(&format!("  - {w}"));
        }
    }
    if !r.blanks.is_empty() {
        ctx.status(&format!(
            "{}: {}",
            ctx.t(
                "application.toml 中缺少、已留空待手填的项",
                "left blank to fill by hand (missing in application.toml)"
            ),
            r.blanks.join(", ")
        ));
    }
    // Every document the applicant files is printed, sealed and scanned: say where it goes.
    if let (Some(m), false) = (&r.material, r.written.is_empty()) {
        let scan = format!("materials/{m}.pdf");
        ctx.status(&match ctx.lang {
            ccc_exempt::Lang::Zh => format!(
                "下一步：打印，签字并加盖申请单位原印章（不得用复印的公章），扫描为 PDF 存为 {scan}，并在 application.toml 中登记：\n  [[materials]]\n  kind = \"{m}\"\n  files = [\"{scan}\"]\n  sealed = true"
            ),
            ccc_exempt::Lang::En => format!(
                "Next: print it, sign it and seal it with the original company seal (not a copied one), scan it to PDF as {scan}, and list the scan in application.toml:\n  [[materials]]\n  kind = \"{m}\"\n  files = [\"{scan}\"]\n  sealed = true"
            ),
        });
    }
    if let Some(rows) = &r.checklist
        && r.written.is_empty()
    {
        print_checklist(ctx, &r.id, rows);
    }
    // The checklist answers "is everything there?": exit 1 when something is missing.
    Ok(if r.complete() { 0 } else { 1 })
}

fn print_checklist(ctx: &Ctx, id: &str, rows: &[ChecklistRow]) {
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({
            "schema": "ccc-exempt/checklist/1",
            "application": id,
            "complete": rows.iter().all(ChecklistRow::is_ok),
            "materials": rows,
        }));
        return;
    }
    let mut t = table(vec![
        ctx.t("材料", "material").into(),
        ctx.t("要求", "required").into(),
        ctx.t("文件", "file").into(),
        ctx.t("大小", "size").into(),
        "SHA-256".into(),
        ctx.t("盖章", "sealed").into(),
        ctx.t("状态", "status").into(),
    ]);
    for r in rows {
        t.add_row(vec![
            format!("{} {}", r.folder, r.kind),
            ctx.t(r.requirement.zh(), r.requirement.en()).to_string(),
            r.file.clone(),
            r.size.map(|s| s.to_string()).unwrap_or_default(),
            r.sha256
                .as_deref()
                .map(|h| h[..16.min(h.len())].to_string())
                .unwrap_or_default(),
            match r.sealed {
                Some(true) => ctx.t("是", "yes").into(),
                Some(false) => ctx.t("否", "no").into(),
                None => "?".into(),
            },
            if r.is_ok() {
                ctx.t("齐全", "ok").into()
            } else {
                r.missing.clone()
            },
        ]);
    }
    if !ctx.color_stdout {
        t.force_no_tty();
    }
    let missing = rows.iter().filter(|r| !r.is_ok()).count();
    let summary = match ctx.lang {
        ccc_exempt::Lang::Zh if missing == 0 => "材料齐全。".to_string(),
        ccc_exempt::Lang::Zh => format!("{missing} 项材料有缺失或问题。"),
        ccc_exempt::Lang::En if missing == 0 => "All materials present.".to_string(),
        ccc_exempt::Lang::En => format!("{missing} material row(s) missing or with problems."),
    };
    Out::print(&format!("{t}\n{summary}\n"));
}

/// A letter to an authority the profile does not name, or to one elsewhere than the applicant's
/// registration (USCC characters 3–8, GB/T 2260), is worth a warning before it is sealed.
pub fn authority_warning(ctx: &Ctx, ws: &ccc_exempt::workspace::Workspace) {
    use ccc_exempt::application::authority;
    let uscc = ws.config.applicant.uscc.as_deref().unwrap_or_default();
    let suggested = authority::suggested(uscc);
    let configured = ws
        .config
        .authority
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty());
    let msg = match (configured, suggested) {
        (None, Some(s)) => ctx
            .t(
                "警告：ccc-exempt.toml 未填写受理部门 authority，承诺书抬头为泛称“市场监督管理部门：”。按统一社会信用代码建议填写：",
                "warning: ccc-exempt.toml names no authority, so the letter is addressed to the generic \"市场监督管理部门：\". Suggested from the USCC: ",
            )
            .to_string()
            + &s,
        (None, None) => ctx
            .t(
                "警告：ccc-exempt.toml 未填写受理部门 authority，承诺书抬头为泛称“市场监督管理部门：”。",
                "warning: ccc-exempt.toml names no authority, so the letter is addressed to the generic \"市场监督管理部门：\".",
            )
            .to_string(),
        (Some(a), Some(s)) if authority::matches(a, uscc) == Some(false) => match ctx.lang {
            ccc_exempt::Lang::Zh => format!(
                "警告：承诺书写给“{a}”，而统一社会信用代码显示申请人在 {s} 辖区登记；请确认 ccc-exempt.toml 的 authority。"
            ),
            ccc_exempt::Lang::En => format!(
                "warning: the letter is addressed to \"{a}\" while the USCC says the applicant is registered under {s}; check `authority` in ccc-exempt.toml."
            ),
        },
        _ => return,
    };
    eprintln!("{msg}");
}

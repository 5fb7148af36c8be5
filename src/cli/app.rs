//! `app list|show` (the registry and last check of each application), `app import-products`
//! (product lines from a spreadsheet, also used by `new --products`) and the decisions
//! (`submit`, `approve`, `reject`, in `app_decision.rs`); the use cases are `ccc_exempt::ops::app`
//! and `ccc_exempt::ops::decide`.

use std::path::{Path, PathBuf};

use super::output::{Out, table};
use super::{Ctx, Format, app_decision, only_formats};
use ccc_exempt::application::intake::{self, Candidate, Intake, MergeReport, Provenance};
use ccc_exempt::application::model::Product;
use ccc_exempt::catalogue::Catalogue;
use ccc_exempt::ops;
use ccc_exempt::store::applications::ForcedRecord;
use ccc_exempt::util::files::write_atomic;
use ccc_exempt::util::hex::hex;
use ccc_exempt::{Error, Result};

#[derive(Debug, clap::Subcommand)]
pub enum Cmd {
    /// The applications of the workspace with their status and last check.
    List,
    /// One application: status history and last check.
    Show {
        /// The application ID.
        id: String,
        /// Show what changed in application.toml since approval (or the last amendment).
        #[arg(long)]
        diff: bool,
    },
    /// Record that the application was submitted in the official system.
    Submit(app_decision::SubmitArgs),
    /// Record the approval: the certificate and its lines.
    Approve(app_decision::ApproveArgs),
    /// Record a rejection and its reason.
    Reject(app_decision::RejectArgs),
    /// Record an amendment of the issued certificate (申请修改(已发)证明): a new number, issue
    /// date or certified quantities, appended to the ledger's chain; nothing is edited.
    Amend(app_decision::AmendArgs),
    /// Void an approval or rejection recorded by mistake (refused once the certificate has a
    /// movement); the application goes back to where it was before the decision.
    Void(app_decision::VoidArgs),
    /// Product lines from a spreadsheet (an invoice, packing list or ERP export) into
    /// application.toml: XLSX or CSV, headers in Chinese or English.
    ImportProducts(ImportProductsArgs),
}

#[derive(Debug, clap::Args)]
pub struct ImportProductsArgs {
    /// The application ID.
    pub id: String,
    /// The spreadsheet: XLSX, or CSV (UTF-8 or GB18030; comma, semicolon or tab separated) whose
    /// header row names the columns (品名/Name, 型号/Model, 数量/Quantity, 单价/Unit Price, …).
    pub file: PathBuf,
    /// The XLSX sheet to read (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Replace the application's product lines instead of appending to them.
    #[arg(long)]
    pub replace: bool,
}

pub fn run(ctx: &Ctx, cmd: Cmd) -> Result<i32> {
    match cmd {
        Cmd::List => list(ctx),
        Cmd::Show { id, diff: false } => show(ctx, &id),
        Cmd::Show { id, diff: true } => show_diff(ctx, &id),
        Cmd::Submit(a) => app_decision::submit(ctx, a),
        Cmd::Approve(a) => app_decision::approve(ctx, a),
        Cmd::Reject(a) => app_decision::reject(ctx, a),
        Cmd::Amend(a) => app_decision::amend(ctx, a),
        Cmd::Void(a) => app_decision::void(ctx, a),
        Cmd::ImportProducts(a) => import_products(ctx, a),
    }
}

/// Statuses after which the product lines are what the authority has (or decided on).
const FROZEN: &[&str] = &["submitted", "approved", "written-off"];

fn import_products(ctx: &Ctx, a: ImportProductsArgs) -> Result<i32> {
    only_formats(ctx, &[Format::Human])?;
    ccc_exempt::workspace::validate_id(&a.id)?;
    let ws = ctx.workspace()?;
    let path = ws.application_path(&a.id);
    if !ws.has_application(&a.id) {
        return Err(Error::Input(format!(
            "{} {:?}: {} {}; {} `ccc-exempt new {} --condition C --products FILE`",
            ctx.t("没有申请", "no application"),
            a.id,
            path.display(),
            ctx.t("不存在", "does not exist"),
            ctx.t("新建并导入：", "create it with the lines:"),
            a.id
        )));
    }
    if let Some(rec) = ws.store()?.application(&a.id)?
        && FROZEN.contains(&rec.status.as_str())
    {
        return Err(Error::Input(format!(
            "{} {} {}: {}",
            a.id,
            ctx.t("的状态为", "is"),
            rec.status,
            ctx.t(
                "产品行已提交或已获批，不能再导入；如需变更请新建申请",
                "its product lines were submitted or decided on; import into a new application instead"
            )
        )));
    }
    let source = ccc_exempt::util::text::read_text(&path)?;
    let catalogue = ws.catalogue()?;
    let (report, intake) = products_into(
        ctx,
        &catalogue,
        &a.file,
        a.sheet.as_deref(),
        &path,
        &source,
        a.replace,
    )?;
    write_atomic(&path, report.text.as_bytes()).map_err(|e| Error::storage_io(&path, e))?;
    done(ctx, &a.id, &path, &intake, &report);
    Ok(0)
}

/// Read the spreadsheet `file` (relative to where the user stands) and merge its product lines
/// into `source`, the text of the application.toml at `app_path`. Extra columns and notes go to
/// stderr; bad cells too, all of them, and then the error (exit 2): nothing is written.
pub(super) fn products_into(
    ctx: &Ctx,
    catalogue: &Catalogue,
    file: &Path,
    sheet: Option<&str>,
    app_path: &Path,
    source: &str,
    replace: bool,
) -> Result<(MergeReport, Intake)> {
    let abs = if file.is_absolute() {
        file.to_path_buf()
    } else {
        ctx.discovery.cwd.join(file)
    };
    let shown = file.display().to_string();
    // A bar only on a terminal and only for a sheet that takes a moment.
    let mut bar: Option<indicatif::ProgressBar> = None;
    let mut progress = |done: u64, total: u64| {
        if !ctx.stderr_tty || ctx.quiet || total < 500 {
            return;
        }
        let b = bar.get_or_insert_with(|| {
            let b = indicatif::ProgressBar::new(total);
            b.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {bar:40} {pos}/{len} rows")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            b
        });
        b.set_position(done);
    };
    let read = intake::read_products(&abs, sheet, ctx.lang, &mut progress);
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let intake = read?;
    if !intake.extra_columns.is_empty() {
        let cols: Vec<String> = intake
            .extra_columns
            .iter()
            .map(|c| format!("{} ({})", c.header, c.letter))
            .collect();
        ctx.status(&format!(
            "{shown}: {} {}",
            ctx.t("未使用的列：", "columns not used:"),
            cols.join(", ")
        ));
    }
    for n in &intake.notes {
        ctx.status(&format!(
            "{}: {}",
            ctx.t("注意", "note"),
            n.describe(&shown, ctx.lang)
        ));
    }
    if !intake.problems.is_empty() {
        for p in &intake.problems {
            eprintln!("{}", p.describe(&shown, ctx.lang));
        }
        let rows: std::collections::BTreeSet<u32> = intake.problems.iter().map(|p| p.row).collect();
        return Err(Error::Input(match ctx.lang {
            ccc_exempt::Lang::Zh => format!(
                "{shown}：{} 个单元格有问题（{} 行）：什么都没有写入。改正后重新导入。",
                intake.problems.len(),
                rows.len()
            ),
            ccc_exempt::Lang::En => format!(
                "{shown}: {} in {}: nothing was written. Fix {} and import again.",
                plural(intake.problems.len(), "bad cell", "bad cells"),
                plural(rows.len(), "row", "rows"),
                if intake.problems.len() == 1 {
                    "it"
                } else {
                    "them"
                }
            ),
        }));
    }
    if intake.lines.is_empty() {
        return Err(Error::Input(format!(
            "{shown}: {}",
            ctx.t(
                "列名行下面没有产品行：什么都没有写入",
                "no product lines below the header row: nothing was written"
            )
        )));
    }
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());
    let cache = std::cell::RefCell::new(std::collections::HashMap::new());
    let find = |p: &Product| -> Vec<Candidate> {
        let Some(q) = p.name.as_deref() else {
            return Vec::new();
        };
        cache
            .borrow_mut()
            .entry(q.to_string())
            .or_insert_with(|| candidates(catalogue, q))
            .clone()
    };
    let report = intake::merge_products(
        app_path,
        source,
        &intake.lines,
        replace,
        &Provenance {
            file: &name,
            sheet: intake.sheet.as_deref(),
        },
        &find,
    )?;
    Ok((report, intake))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The best catalogue items for a product name (at most three), each with all its codes.
fn candidates(catalogue: &Catalogue, name: &str) -> Vec<Candidate> {
    let mut out: Vec<(Option<u32>, Candidate)> = Vec::new();
    for hit in catalogue.search(name) {
        let e = hit.entry;
        if e.code.is_empty() {
            continue;
        }
        if let Some((_, c)) = out
            .iter_mut()
            .find(|(item, c)| *item == e.item_no && c.name_zh == e.name_zh)
        {
            if !c.codes.contains(&e.code) {
                c.codes.push(e.code.clone());
            }
            continue;
        }
        if out.len() < 3 {
            out.push((
                e.item_no,
                Candidate {
                    codes: vec![e.code.clone()],
                    name_zh: e.name_zh.clone(),
                    name_en: e.name_en.clone(),
                    category: format!("{} {}", e.category_no_zh, e.category_name_zh),
                },
            ));
        }
    }
    out.into_iter().map(|(_, c)| c).collect()
}

/// The status lines after an import.
pub(super) fn done(ctx: &Ctx, id: &str, path: &Path, intake: &Intake, r: &MergeReport) {
    let span = match intake.row_span() {
        Some((a, b)) if a == b => format!("{} {a}", ctx.t("第", "row")),
        Some((a, b)) => format!("{} {a}–{b}", ctx.t("第", "rows")),
        None => String::new(),
    };
    let span = match ctx.lang {
        ccc_exempt::Lang::Zh => format!("{span} 行"),
        ccc_exempt::Lang::En => span,
    };
    let sheet = intake
        .sheet
        .as_ref()
        .map(|s| format!("{} {s}, ", ctx.t("工作表", "sheet")))
        .unwrap_or_default();
    let replaced = match (ctx.lang, r.removed) {
        (_, 0) => String::new(),
        (ccc_exempt::Lang::Zh, n) => format!("，替换了原有的 {n} 行"),
        (ccc_exempt::Lang::En, n) => format!("; the {n} lines it had were replaced"),
    };
    ctx.status(&match ctx.lang {
        ccc_exempt::Lang::Zh => format!(
            "已导入 {} 个产品行（{sheet}{span}）到 {}{replaced}",
            r.added,
            path.display()
        ),
        ccc_exempt::Lang::En => format!(
            "Imported {} product {} ({sheet}{span}) into {}{replaced}",
            r.added,
            if r.added == 1 { "line" } else { "lines" },
            path.display()
        ),
    });
    if r.to_confirm > 0 {
        ctx.status(&match ctx.lang {
            ccc_exempt::Lang::Zh => format!(
                "{} 行没有CCC代码：目录候选已作为注释写在各行上方。确认后填写 ccc_code 和 ccc_reason，再运行：ccc-exempt check {id}",
                r.to_confirm
            ),
            ccc_exempt::Lang::En => format!(
                "{} {} no CCC code: the catalogue candidates are written as a comment above {}. Confirm one, write ccc_code and ccc_reason, then run: ccc-exempt check {id}",
                r.to_confirm,
                if r.to_confirm == 1 { "line has" } else { "lines have" },
                if r.to_confirm == 1 { "it" } else { "each" },
            ),
        });
    } else {
        ctx.status(&format!(
            "{} ccc-exempt check {id}",
            ctx.t("下一步：", "Next:")
        ));
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
            r.condition
                .as_deref()
                .map(|c| super::values::condition_label(ctx.lang, c))
                .unwrap_or_else(|| "-".into()),
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
            "schema": "ccc-exempt/app-show/3",
            "id": id,
            "file": shown.file,
            "application": rec,
            "history": events,
            "certificate": shown.certificate,
            "decisions": shown.decisions,
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
            r.condition
                .as_deref()
                .map(|c| super::values::condition_label(ctx.lang, c))
                .unwrap_or_else(|| "-".into())
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
                match ctx.lang {
                    ccc_exempt::Lang::Zh => {
                        super::zh_text::translate(e.note.as_deref().unwrap_or(""))
                    }
                    ccc_exempt::Lang::En => e.note.clone().unwrap_or_default(),
                },
            ]);
        }
        Out::line(&t.to_string());
    }
    if let Some(c) = &shown.certificate {
        let state = if c.voided {
            ctx.t("（批准已作废）", " (approval voided)")
        } else {
            ""
        };
        Out::line(&format!(
            "{}: {}{state} · {} {} · {} {}",
            ctx.t("证明", "certificate"),
            c.display_no(),
            ctx.t("签发", "issued"),
            c.issued_on,
            ctx.t("核准", "certified"),
            c.lines
                .iter()
                .map(|l| format!("{}={}", l.line, l.certified))
                .collect::<Vec<_>>()
                .join(" ")
        ));
    }
    if !shown.decisions.is_empty() {
        Out::line(ctx.t(
            "决定与更正（台账条目）:",
            "decisions and corrections (ledger entries):",
        ));
        for e in &shown.decisions {
            Out::line(&format!(
                "  #{} {} {} {}{}",
                e.seq,
                e.date,
                e.kind.zh(),
                e.kind.en(),
                e.note
                    .as_ref()
                    .map(|n| format!(": {n}"))
                    .unwrap_or_default()
            ));
        }
    }
    Ok(0)
}

fn show_diff(ctx: &Ctx, id: &str) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let ws = ctx.workspace()?;
    let d = ops::app::diff(&ws, id)?.ok_or_else(|| {
        Error::Input(match ctx.lang {
            ccc_exempt::Lang::Zh => format!("申请 {id} 没有登记证明：--diff 比较的是批准时冻结的文件"),
            ccc_exempt::Lang::En => {
                format!("application {id} has no certificate: --diff compares with the files frozen at approval")
            }
        })
    })?;
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({
            "schema": "ccc-exempt/app-diff/1",
            "id": id,
            "diff": d,
        }));
        return Ok(0);
    }
    let (then, now) = (hex(&d.frozen_sha256), hex(&d.current_sha256));
    match &d.unified {
        _ if then == now => Out::line(&format!(
            "application.toml {} ({} {}, sha256 {then})",
            ctx.t("与批准时相同", "is as approved"),
            ctx.t("证明", "certificate"),
            d.cert_no
        )),
        Some(u) => {
            Out::line(&format!(
                "application.toml {}: {} {then} → {} {now}",
                ctx.t("批准后被改动", "changed after approval"),
                ctx.t("批准时", "approved"),
                ctx.t("现在", "now")
            ));
            Out::print(u);
        }
        None => Out::line(&format!(
            "application.toml {}: {} {then} → {} {now}; {}",
            ctx.t("批准后被改动", "changed after approval"),
            ctx.t("批准时", "approved"),
            ctx.t("现在", "now"),
            ctx.t(
                "批准时的副本未保存（由较早版本批准），无法逐行比较",
                "the approved copy is not kept (approved by an older version), so the lines cannot be compared"
            )
        )),
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

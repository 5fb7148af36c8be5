//! `package ID [-o FILE.zip] [--draft]`: check, render, then bundle the upload package (a zip
//! holding one BagIt bag, SPEC section 6).
//!
//! Exit codes: 0 built; 1 refused (error findings without --draft); 2 input problems (a material
//! that is missing, a link, a directory or a FIFO, that changed while being read; a destination
//! directory that does not exist or is not writable, or a destination that is one of the inputs);
//! 3 storage (the disk is full, the database fails). On any failure nothing is left at the
//! destination.
//!
//! A draft (`--draft`) is built even with error findings, says so in bag-info.txt
//! (`CCC-Draft: yes`), is recorded as a draft receipt and does not change the application's status.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::check::check_in_workspace;
use super::output::Out;
use super::{Ctx, Format, report};
use ccc_exempt::application::{LoadedApplication, load_application};
use ccc_exempt::documents::letter::LetterTemplate;
use ccc_exempt::documents::{DocumentInput, checklist, letter, table};
use ccc_exempt::package::bag::{self, Layout};
use ccc_exempt::package::{Generated, PackageRequest};
use ccc_exempt::rules::Severity;
use ccc_exempt::rules::engine::AppReport;
use ccc_exempt::store::receipts::{PackageReceipt, StatusOutcome};
use ccc_exempt::util::dos_time::DosTime;
use ccc_exempt::workspace::{Workspace, validate_id};
use ccc_exempt::{Error, GENERATOR, Lang, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The application ID.
    pub id: String,
    /// The zip to write (default: ID.zip, or ID-draft.zip with --draft, in the current directory).
    #[arg(short, long, value_name = "FILE.zip")]
    pub output: Option<PathBuf>,
    /// Build even with error findings; the bag is marked as a draft and the status is not changed.
    #[arg(long)]
    pub draft: bool,
}

/// Where the date of the documents and the zip timestamps come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    PreparedOn,
    SourceDateEpoch,
    Today,
}

/// The documents' date and the zip entries' timestamp: `prepared_on` (at 00:00), else
/// SOURCE_DATE_EPOCH (UTC), else today. Only the first two make rebuilds on other days identical.
pub(super) fn document_date(
    ctx: &Ctx,
    loaded: &LoadedApplication,
) -> Result<(NaiveDate, NaiveDateTime, DateSource)> {
    if let Some(d) = loaded.app.prepared_on {
        return Ok((
            d,
            d.and_time(chrono::NaiveTime::MIN),
            DateSource::PreparedOn,
        ));
    }
    if let Some(v) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .filter(|v| !v.trim().is_empty())
    {
        let secs: i64 = v.trim().parse().map_err(|_| {
            Error::Input(format!(
                "SOURCE_DATE_EPOCH={v:?} {}",
                ctx.t("不是整数秒数", "is not a whole number of seconds")
            ))
        })?;
        let dt = DateTime::from_timestamp(secs, 0)
            .ok_or_else(|| Error::Input(format!("SOURCE_DATE_EPOCH={v:?} is out of range")))?
            .naive_utc();
        return Ok((dt.date(), dt, DateSource::SourceDateEpoch));
    }
    let d = ctx.now.date();
    Ok((d, d.and_time(chrono::NaiveTime::MIN), DateSource::Today))
}

/// Load an application of the workspace (without checking it).
pub(super) fn load(ctx: &Ctx, ws: &Workspace, id: &str) -> Result<LoadedApplication> {
    validate_id(id)?;
    let path = ws.application_path(id);
    if !path.is_file() {
        return Err(Error::Input(format!(
            "{} {id:?} ({}); {}",
            ctx.t("没有申请", "no application"),
            path.display(),
            ctx.t(
                "用 `ccc-exempt app list` 查看已有申请",
                "see `ccc-exempt app list`"
            )
        )));
    }
    load_application(id, &path, Some(&ws.config.applicant))
}

/// The letter template in force: the workspace's, else the bundled one.
pub(super) fn letter_template(ws: &Workspace) -> Result<LetterTemplate> {
    match &ws.config.letter_template {
        Some(p) => LetterTemplate::load(&ws.root.join(p)),
        None => Ok(LetterTemplate::bundled()),
    }
}

/// The three generated documents (letter DOCX, table XLSX and CSV).
pub(super) fn render_documents(
    ws: &Workspace,
    input: &DocumentInput<'_>,
    time: DosTime,
) -> Result<Vec<Generated>> {
    let tpl = letter_template(ws)?;
    Ok(vec![
        Generated {
            name: bag::LETTER_DOCX.into(),
            bytes: letter::render_docx(&tpl, input, time)?,
        },
        Generated {
            name: bag::TABLE_XLSX.into(),
            bytes: table::render_xlsx(input, time)?,
        },
        Generated {
            name: bag::TABLE_CSV.into(),
            bytes: table::render_csv(input),
        },
    ])
}

/// The check report as it goes into the package: no absolute paths, nothing that depends on the
/// wall clock (so rebuilds are byte-identical).
fn package_report(report: &AppReport) -> Vec<u8> {
    let mut r = report.clone();
    r.file = format!("applications/{}/application.toml", r.id);
    let mut s =
        serde_json::to_string_pretty(&report::json(std::slice::from_ref(&r))).unwrap_or_default();
    s.push('\n');
    s.into_bytes()
}

fn condition_label(loaded: &LoadedApplication) -> String {
    match loaded.app.condition {
        Some(c) => {
            let r = ccc_exempt::rules::Rulebook::get().condition(c);
            format!("{} {} {}", r.number, r.slug, r.zh)
        }
        None => "?".into(),
    }
}

fn bag_info(
    loaded: &LoadedApplication,
    date: NaiveDate,
    errors: usize,
    draft: bool,
) -> Vec<(String, String)> {
    let a = &loaded.app.applicant;
    let v = |o: &Option<String>| o.clone().unwrap_or_default();
    let mut f: Vec<(String, String)> = vec![
        ("Source-Organization".into(), v(&a.name)),
        ("Organization-Address".into(), v(&a.address)),
        ("Contact-Name".into(), v(&a.contact)),
        ("Contact-Phone".into(), v(&a.phone)),
        ("External-Identifier".into(), loaded.id.clone()),
        (
            "External-Description".into(),
            format!(
                "{}免予办理强制性产品认证证明申请材料（{}）",
                if draft {
                    "【草稿，不得上传】"
                } else {
                    ""
                },
                condition_label(loaded)
            ),
        ),
        ("Bagging-Date".into(), date.format("%Y-%m-%d").to_string()),
        ("Bag-Software-Agent".into(), GENERATOR.into()),
        ("CCC-Application-ID".into(), loaded.id.clone()),
        ("CCC-Applicant-USCC".into(), v(&a.uscc)),
        ("CCC-Condition".into(), condition_label(loaded)),
        (
            "CCC-Draft".into(),
            if draft {
                format!("yes ({errors} error finding(s); not for upload)")
            } else {
                "no".into()
            },
        ),
    ];
    f.retain(|(_, v)| !v.trim().is_empty());
    f
}

fn print_refusal(ctx: &Ctx, id: &str, report: &AppReport) {
    let errors: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    let mut s = match ctx.lang {
        Lang::Zh => format!(
            "错误：申请 {id} 有 {} 个错误，不能打包；请修正（`ccc-exempt check {id}`），或用 --draft 生成草稿包：\n",
            errors.len()
        ),
        Lang::En => format!(
            "error: application {id} has {} error finding(s) and cannot be packaged; fix them (`ccc-exempt check {id}`) or build a draft with --draft:\n",
            errors.len()
        ),
    };
    for f in errors {
        let msg = match ctx.lang {
            Lang::Zh => f.message.clone(),
            Lang::En => ccc_exempt::rules::codes::get(&f.code)
                .map(|c| c.title_en.clone())
                .unwrap_or_else(|| f.message.clone()),
        };
        s.push_str(&format!(
            "  {} {}:{} {}: {msg}\n",
            f.code, f.line, f.column, f.path
        ));
    }
    eprint!("{s}");
}

#[derive(Serialize)]
struct Output<'a> {
    schema: &'static str,
    application: &'a str,
    path: String,
    size: u64,
    sha256: &'a str,
    manifest_sha256: &'a str,
    payload_oxum: &'a str,
    draft: bool,
    status: &'a str,
    date: String,
    date_source: DateSource,
    generator: &'static str,
}

pub fn run(ctx: &Ctx, a: Args) -> Result<i32> {
    super::only_formats(ctx, &[Format::Human, Format::Json])?;
    let ws = ctx.workspace()?;
    validate_id(&a.id)?;
    // The check report goes into the package, and documents are always Chinese.
    let zh_ctx = Ctx {
        lang: Lang::Zh,
        format: ctx.format,
        color_stdout: false,
        color_stderr: false,
        quiet: ctx.quiet,
        interactive: false,
        stderr_tty: ctx.stderr_tty,
        now: ctx.now,
        discovery: ctx.discovery.clone(),
    };
    let (loaded, report) = check_in_workspace(&zh_ctx, &ws, &a.id)?;
    let errors = report.count(Severity::Error);
    if errors > 0 && !a.draft {
        print_refusal(ctx, &a.id, &report);
        return Ok(1);
    }
    let (date, stamp, source) = document_date(ctx, &loaded)?;
    if source == DateSource::Today {
        ctx.status(ctx.t(
            "提示：申请未设 prepared_on，文件日期取今天；设置 prepared_on 可使重新打包得到相同的字节。",
            "note: the application has no prepared_on, so documents are dated today; set prepared_on to make rebuilds byte-identical.",
        ));
    }
    let time = DosTime::from_datetime(stamp);
    let catalogue = ws.catalogue()?;
    let input = DocumentInput {
        id: &loaded.id,
        app: &loaded.app,
        catalogue: &catalogue,
        authority: ws.config.authority.as_deref(),
        date,
    };
    let mut generated = render_documents(&ws, &input, time)?;
    generated.push(Generated {
        name: bag::CHECK_REPORT.into(),
        bytes: package_report(&report),
    });
    let layout = Layout::plan(&loaded);
    let dest = a.output.clone().unwrap_or_else(|| {
        PathBuf::from(if a.draft {
            format!("{}-draft.zip", a.id)
        } else {
            format!("{}.zip", a.id)
        })
    });
    // Nor may it replace the workspace's own files.
    let db = ws.db_path();
    let config = ws.root.join(ccc_exempt::workspace::CONFIG_FILE);
    ccc_exempt::package::build::refuse_input_destination(
        &dest,
        &[db.as_path(), config.as_path()],
        ctx.lang,
    )?;
    let req = PackageRequest {
        loaded: &loaded,
        layout: &layout,
        bag_info: bag_info(&loaded, date, errors, a.draft),
        generated,
        time,
        dest: &dest,
        skip_missing: a.draft,
        within: Some(&ws.root),
        lang: ctx.lang,
    };
    let bar = progress_bar(ctx, &layout);
    let on_progress = |n: u64| {
        if let Some(b) = &bar {
            b.inc(n);
        }
    };
    let pending = ccc_exempt::package::build(
        &req,
        |states| {
            Ok(checklist::render_csv(&checklist::rows(
                &loaded.app,
                &layout,
                states,
            )))
        },
        &on_progress,
    );
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let pending = pending?;
    let shown_path = absolute(&dest);
    let receipt = PackageReceipt {
        application_id: loaded.id.clone(),
        created_at: ctx.now.rfc3339(),
        path: shown_path.display().to_string(),
        zip_sha256: pending.sha256.clone(),
        zip_size: pending.size,
        manifest_sha256: pending.manifest_sha256.clone(),
        payload_oxum: pending.payload_oxum.clone(),
        generator: GENERATOR.into(),
        draft: a.draft,
        errors: errors as i64,
    };
    let (sha, size, manifest_sha, oxum) = (
        pending.sha256.clone(),
        pending.size,
        pending.manifest_sha256.clone(),
        pending.payload_oxum.clone(),
    );
    let mut store = ws.store()?;
    let outcome = store.record_package(&receipt, !a.draft, move || pending.persist())?;
    let status = match &outcome {
        StatusOutcome::Moved(_, to) => to.clone(),
        StatusOutcome::Unchanged(s) => s.clone(),
    };
    match ctx.format {
        Format::Json => Out::json(&Output {
            schema: "ccc-exempt/package/1",
            application: &loaded.id,
            path: shown_path.display().to_string(),
            size,
            sha256: &sha,
            manifest_sha256: &manifest_sha,
            payload_oxum: &oxum,
            draft: a.draft,
            status: &status,
            date: date.to_string(),
            date_source: source,
            generator: GENERATOR,
        }),
        _ => {
            let (p, s, h) = match ctx.lang {
                Lang::Zh => ("文件", "大小", "SHA-256"),
                Lang::En => ("path", "size", "sha256"),
            };
            Out::print(&format!(
                "{p}: {}\n{s}: {size} {}\n{h}: {sha}\n",
                shown_path.display(),
                ctx.t("字节", "bytes")
            ));
            let msg = match (&outcome, ctx.lang) {
                (_, _) if a.draft => ctx
                    .t(
                        "草稿包（bag-info.txt 标记 CCC-Draft: yes），不得上传；申请状态未改变。",
                        "Draft package (CCC-Draft: yes in bag-info.txt), not for upload; the application's status is unchanged.",
                    )
                    .to_string(),
                (StatusOutcome::Moved(from, to), Lang::Zh) => format!("申请 {} 状态：{from} → {to}", loaded.id),
                (StatusOutcome::Moved(from, to), Lang::En) => format!("application {}: {from} → {to}", loaded.id),
                (StatusOutcome::Unchanged(s), Lang::Zh) => format!("申请 {} 状态保持 {s}", loaded.id),
                (StatusOutcome::Unchanged(s), Lang::En) => format!("application {} stays {s}", loaded.id),
            };
            ctx.status(&msg);
        }
    }
    Ok(0)
}

fn absolute(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    })
}

fn progress_bar(ctx: &Ctx, layout: &Layout) -> Option<indicatif::ProgressBar> {
    if !ctx.stderr_tty || ctx.quiet {
        return None;
    }
    let total: u64 = layout
        .files
        .iter()
        .filter_map(|f| std::fs::metadata(&f.source).ok().map(|m| m.len()))
        .sum();
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(ctx.t("打包", "packaging").to_string());
    Some(bar)
}

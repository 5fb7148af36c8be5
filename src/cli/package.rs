//! `package ID [-o FILE.zip] [--draft]`: check, render, then bundle the upload package (a zip
//! holding one BagIt bag, SPEC section 6); the use case is `ccc_exempt::ops::package`.
//!
//! Exit codes: 0 built; 1 refused (error findings without --draft); 2 input problems (a material
//! that is missing, a link, a directory or a FIFO, that changed while being read; a destination
//! directory that does not exist or is not writable, or a destination that is one of the inputs);
//! 3 storage (the disk is full, the database fails). On any failure nothing is left at the
//! destination.
//!
//! A draft (`--draft`) is built even with error findings, says so in bag-info.txt
//! (`CCC-Draft: yes`), is recorded as a draft receipt and does not change the application's status.

use std::cell::OnceCell;
use std::path::PathBuf;

use serde::Serialize;

use super::check::{ContentArg, content_options, file_clock_ns};
use super::output::Out;
use super::{Ctx, Format, report};
use ccc_exempt::ops::package::{self, Built};
use ccc_exempt::ops::render::DateSource;
use ccc_exempt::ops::{Progress, render};
use ccc_exempt::rules::Severity;
use ccc_exempt::rules::engine::AppReport;
use ccc_exempt::store::receipts::StatusOutcome;
use ccc_exempt::workspace::validate_id;
use ccc_exempt::{GENERATOR, Lang, Result};

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
    /// Examine the materials' content in the check the package starts with, as `check` does
    /// (from its cache when `check` ran): off, on, or require.
    #[arg(long, value_enum, default_value_t = ContentArg::On)]
    pub content: ContentArg,
}

/// SOURCE_DATE_EPOCH, the documents' date when the application has no `prepared_on` (read here:
/// the core never reads the environment).
pub fn source_date_epoch() -> Option<String> {
    std::env::var("SOURCE_DATE_EPOCH").ok()
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
            Lang::En => f.code.title(Lang::En).to_string(),
        };
        let at = report::location_text(ctx.lang, &f.location);
        s.push_str(&format!("  {} {at}: {msg}\n", f.code));
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

/// A progress bar on a terminal (not with --quiet), drawn once the total is known.
struct Bar<'a> {
    ctx: &'a Ctx,
    bar: OnceCell<indicatif::ProgressBar>,
}

impl Progress for Bar<'_> {
    fn shown(&self) -> bool {
        self.ctx.stderr_tty && !self.ctx.quiet
    }

    fn start(&self, total: u64) {
        if !self.shown() {
            return;
        }
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(total),
            indicatif::ProgressDrawTarget::stderr(),
        );
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(self.ctx.t("打包", "packaging").to_string());
        let _ = self.bar.set(bar);
    }

    fn advance(&self, n: u64) {
        if let Some(b) = self.bar.get() {
            b.inc(n);
        }
    }

    fn finish(&self) {
        if let Some(b) = self.bar.get() {
            b.finish_and_clear();
        }
    }
}

pub fn run(ctx: &Ctx, a: Args) -> Result<i32> {
    super::only_formats(ctx, &[Format::Human, Format::Json])?;
    let ws = ctx.workspace()?;
    validate_id(&a.id)?;
    let bar = Bar {
        ctx,
        bar: OnceCell::new(),
    };
    let opts = package::Options {
        id: a.id.clone(),
        output: a.output,
        draft: a.draft,
        source_date_epoch: source_date_epoch(),
        progress: &bar,
        content: content_options(Some(&ws), a.content),
        file_clock_ns: file_clock_ns(),
    };
    let b = match package::run(&ws, opts, ctx.now, ctx.lang)? {
        package::Report::Refused(report) => {
            print_refusal(ctx, &a.id, &report);
            return Ok(1);
        }
        package::Report::Built(b) => b,
    };
    if b.date_source == render::DateSource::Today {
        ctx.status(ctx.t(
            "提示：申请未设 prepared_on，文件日期取今天；设置 prepared_on 可使重新打包得到相同的字节。",
            "note: the application has no prepared_on, so documents are dated today; set prepared_on to make rebuilds byte-identical.",
        ));
    }
    match ctx.format {
        Format::Json => Out::json(&Output {
            schema: "ccc-exempt/package/1",
            application: &b.application,
            path: b.path.display().to_string(),
            size: b.size,
            sha256: &b.sha256,
            manifest_sha256: &b.manifest_sha256,
            payload_oxum: &b.payload_oxum,
            draft: b.draft,
            status: b.status(),
            date: b.date.to_string(),
            date_source: b.date_source,
            generator: GENERATOR,
        }),
        _ => human(ctx, &b),
    }
    Ok(0)
}

fn human(ctx: &Ctx, b: &Built) {
    let (p, s, h) = match ctx.lang {
        Lang::Zh => ("文件", "大小", "SHA-256"),
        Lang::En => ("path", "size", "sha256"),
    };
    Out::print(&format!(
        "{p}: {}\n{s}: {} {}\n{h}: {}\n",
        b.path.display(),
        b.size,
        ctx.t("字节", "bytes"),
        b.sha256
    ));
    let id = &b.application;
    let msg = match (&b.outcome, ctx.lang) {
        (_, _) if b.draft => ctx
            .t(
                "草稿包（bag-info.txt 标记 CCC-Draft: yes），不得上传；申请状态未改变。",
                "Draft package (CCC-Draft: yes in bag-info.txt), not for upload; the application's status is unchanged.",
            )
            .to_string(),
        (StatusOutcome::Moved(from, to), Lang::Zh) => {
            format!("申请 {id} 状态：{} → {}", status_zh(from), status_zh(to))
        }
        (StatusOutcome::Moved(from, to), Lang::En) => format!("application {id}: {from} → {to}"),
        (StatusOutcome::Unchanged(s), Lang::Zh) => format!("申请 {id} 状态保持{}", status_zh(s)),
        (StatusOutcome::Unchanged(s), Lang::En) => format!("application {id} stays {s}"),
    };
    ctx.status(&msg);
}

/// A stored status name in Chinese (the name itself when it is not one).
fn status_zh(s: &str) -> String {
    ccc_exempt::model::status::Status::parse(s)
        .map(|st| st.label(Lang::Zh).to_string())
        .unwrap_or_else(|| s.to_string())
}

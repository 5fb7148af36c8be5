//! `package`: check, render, then bundle the upload package (a zip holding one BagIt bag, SPEC
//! section 6), record its receipt and move the application to `packaged`.
//!
//! - The check runs in Chinese (its report goes into the package) and is recorded like any check.
//! - Error findings refuse the package ([`Report::Refused`]) unless it is a draft: a draft is
//!   built anyway, says so in bag-info.txt (`CCC-Draft: yes`), is recorded as a draft receipt and
//!   does not change the application's status.
//! - The destination passes the output guard before anything is written; the zip is written to
//!   a temporary file and renamed into place inside the transaction that records the receipt, so
//!   on any failure nothing is left at the destination and nothing is recorded.
//! - The embedded check report names the application by its place in the workspace and holds
//!   nothing that depends on the wall clock, so rebuilds are byte-identical.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::render::{self, DateSource};
use super::{Progress, check, output};
use crate::application::LoadedApplication;
use crate::documents::checklist;
use crate::error::Result;
use crate::package::bag::{self, Layout};
use crate::package::{Generated, PackageRequest};
use crate::rules::Severity;
use crate::rules::engine::AppReport;
use crate::store::receipts::{PackageReceipt, StatusOutcome};
use crate::workspace::{Workspace, validate_id};
use crate::{GENERATOR, Lang, Now};

pub struct Options<'a> {
    pub id: String,
    /// The zip to write. None: `ID.zip`, or `ID-draft.zip` for a draft, relative to where the
    /// process stands.
    pub output: Option<PathBuf>,
    /// Build even with error findings; the bag is marked as a draft and the status is kept.
    pub draft: bool,
    /// The SOURCE_DATE_EPOCH value the caller read, if any (the documents' date, see `render`).
    pub source_date_epoch: Option<String>,
    /// Told the payload bytes as they are written.
    pub progress: &'a dyn Progress,
}

/// What `package` did.
#[derive(Debug, Clone)]
pub enum Report {
    /// Not built: the check found errors and this is not a draft. The check report (in
    /// Chinese) holds them.
    Refused(AppReport),
    Built(Built),
}

/// A package written and recorded.
#[derive(Debug, Clone)]
pub struct Built {
    pub application: String,
    /// The file written (links in its directory resolved).
    pub path: PathBuf,
    pub size: u64,
    pub sha256: String,
    pub manifest_sha256: String,
    pub payload_oxum: String,
    pub draft: bool,
    /// The error findings a draft was built with.
    pub errors: usize,
    /// The application's status move (or none).
    pub outcome: StatusOutcome,
    /// The documents' date and where it came from.
    pub date: NaiveDate,
    pub date_source: DateSource,
}

impl Built {
    /// The application's status after packaging (stored name).
    pub fn status(&self) -> &str {
        match &self.outcome {
            StatusOutcome::Moved(_, to) => to,
            StatusOutcome::Unchanged(s) => s,
        }
    }
}

/// Where the application.toml lies in the workspace, as the package's check report names it.
fn in_package(id: &str) -> String {
    format!("applications/{id}/application.toml")
}

/// The check report as it goes into the package: no absolute paths, nothing that depends on the
/// wall clock (so rebuilds are byte-identical).
pub fn package_report(report: &AppReport) -> Vec<u8> {
    let mut r = report.clone();
    r.set_file(in_package(&r.id));
    let mut s = serde_json::to_string_pretty(&check::document(std::slice::from_ref(&r)))
        .unwrap_or_default();
    s.push('\n');
    s.into_bytes()
}

fn condition_label(loaded: &LoadedApplication) -> String {
    match loaded.app.condition {
        Some(c) => {
            let r = crate::rules::Rulebook::get().condition(c);
            format!("{} {} {}", r.number, r.slug, r.zh)
        }
        None => "?".into(),
    }
}

/// The fields of bag-info.txt (without Payload-Oxum, which the builder adds); empty ones left
/// out.
pub fn bag_info(
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

/// Check, render and bundle application `opts.id`.
pub fn run(ws: &Workspace, opts: Options<'_>, now: Now, lang: Lang) -> Result<Report> {
    validate_id(&opts.id)?;
    // The check report goes into the package, and documents are always Chinese.
    let (loaded, mut report) = check::check_one(ws, &opts.id, None, now, Lang::Zh)?;
    report.set_file(in_package(&opts.id));
    let errors = report.count(Severity::Error);
    if errors > 0 && !opts.draft {
        return Ok(Report::Refused(report));
    }
    let prepared = render::prepare(ws, loaded, opts.source_date_epoch.as_deref(), now, lang)?;
    let mut generated = render::documents(ws, &prepared)?;
    generated.push(Generated {
        name: bag::CHECK_REPORT.into(),
        bytes: package_report(&report),
    });
    let loaded = &prepared.loaded;
    let layout = Layout::plan(loaded);
    let dest = opts.output.clone().unwrap_or_else(|| {
        PathBuf::from(if opts.draft {
            format!("{}-draft.zip", opts.id)
        } else {
            format!("{}.zip", opts.id)
        })
    });
    let mut inputs: Vec<&Path> = layout.files.iter().map(|f| f.source.as_path()).collect();
    inputs.push(loaded.path.as_path());
    let dest = output::destination(Some(ws), &dest, &inputs, lang)?;
    let req = PackageRequest {
        loaded,
        layout: &layout,
        bag_info: bag_info(loaded, prepared.date, errors, opts.draft),
        generated,
        time: prepared.time,
        dest: &dest.path,
        skip_missing: opts.draft,
        within: Some(&ws.root),
        lang,
    };
    // The sizes only for a progress display: without one, no file is looked at twice.
    let total: u64 = if opts.progress.shown() {
        layout
            .files
            .iter()
            .filter_map(|f| std::fs::metadata(&f.source).ok().map(|m| m.len()))
            .sum()
    } else {
        0
    };
    opts.progress.start(total);
    let pending = crate::package::build(
        &req,
        |states| {
            Ok(checklist::render_csv(&checklist::rows(
                &loaded.app,
                &layout,
                states,
            )))
        },
        &|n| opts.progress.advance(n),
    );
    opts.progress.finish();
    let pending = pending?;
    let receipt = PackageReceipt {
        application_id: loaded.id.clone(),
        created_at: now.rfc3339(),
        path: dest.path.display().to_string(),
        zip_sha256: pending.sha256.clone(),
        zip_size: pending.size,
        manifest_sha256: pending.manifest_sha256.clone(),
        payload_oxum: pending.payload_oxum.clone(),
        generator: GENERATOR.into(),
        draft: opts.draft,
        errors: errors as i64,
    };
    let mut store = ws.store()?;
    let outcome = store.record_package(&receipt, !opts.draft, move || pending.persist())?;
    Ok(Report::Built(Built {
        application: receipt.application_id,
        path: dest.path,
        size: receipt.zip_size,
        sha256: receipt.zip_sha256,
        manifest_sha256: receipt.manifest_sha256,
        payload_oxum: receipt.payload_oxum,
        draft: opts.draft,
        errors,
        outcome,
        date: prepared.date,
        date_source: prepared.date_source,
    }))
}

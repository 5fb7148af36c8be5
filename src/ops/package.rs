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

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use chrono::NaiveDate;

use super::content::ContentOptions;
use super::render::{self, DateSource};
use super::{Progress, check, output};
use crate::application::LoadedApplication;
use crate::documents::checklist;
use crate::error::{Error, Result};
use crate::ledger::FrozenFile;
use crate::ledger::approve::CurrentFiles;
use crate::package::bag::{self, Layout};
use crate::package::build::Late;
use crate::package::{FileState, FileStates, Generated, PackageRequest};
use crate::rules::Severity;
use crate::rules::engine::AppReport;
use crate::store::receipts::{PackageReceipt, StatusOutcome};
use crate::util::hex::parse_hex32;
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
    /// Whether and how the materials' content is examined by the check the package starts with
    /// (as `check`'s; the cache `check` filled makes it free): error findings of the
    /// examination (M016, or any raised by `[severity]`) refuse the package like any other.
    pub content: ContentOptions,
    /// As [`check::Options::file_clock_ns`].
    pub file_clock_ns: Option<i64>,
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
///
/// Each material is read once: the check stops short of what depends on the files' content
/// (`check::Deferred`), the package hashes every material while it writes it, and the check is
/// ended with those digests (S002, the recorded check's file hashes) before its report, the
/// bag-info and the tag files are written after the payload. An error known before the build
/// refuses before anything is written; one only known after (S002: an approved application's
/// files changed) abandons the temporary file and refuses the same way.
pub fn run(ws: &Workspace, opts: Options<'_>, now: Now, lang: Lang) -> Result<Report> {
    validate_id(&opts.id)?;
    // The check report goes into the package, and documents are always Chinese.
    let (loaded, deferred) = check::check_deferred(
        ws,
        &opts.id,
        (&opts.content, opts.file_clock_ns),
        now,
        Lang::Zh,
    )?;
    let before = deferred.without_drift(&loaded).count(Severity::Error);
    let mut deferred = Some(deferred);
    let mut refused: Option<AppReport> = None;
    let built = if before > 0 && !opts.draft {
        // Refused whatever the files hold: no package to take their digests from.
        Err(None)
    } else {
        build(
            ws,
            &opts,
            loaded.clone(),
            before,
            &mut deferred,
            &mut refused,
            now,
            lang,
        )
        .map_err(Some)
    };
    if let Some(report) = refused {
        return Ok(Report::Refused(report));
    }
    match built {
        Ok(b) => Ok(Report::Built(b)),
        Err(e) => {
            // Stopped before the check was ended with the package's digests: end it as `check`
            // does (hashing the files) and refuse, as before anything else, when it has errors.
            if let Some(d) = deferred.take() {
                let current = crate::ledger::approve::current_files(&loaded)?;
                let mut report = d.finish(&loaded, &current)?;
                report.set_file(in_package(&opts.id));
                if report.count(Severity::Error) > 0 && !opts.draft {
                    return Ok(Report::Refused(report));
                }
            }
            Err(e.unwrap_or_else(|| {
                Error::Storage("the package was refused, yet its check has no error".into())
            }))
        }
    }
}

/// The body of [`run`] once the check (before S002) allows a package: render, build, and end
/// the check (`deferred`, taken) with the digests of the materials; `refused` gets the report
/// when the ended check has errors and this is not a draft.
#[allow(clippy::too_many_arguments)]
fn build(
    ws: &Workspace,
    opts: &Options<'_>,
    loaded: LoadedApplication,
    before: usize,
    deferred: &mut Option<check::Deferred<'_>>,
    refused: &mut Option<AppReport>,
    now: Now,
    lang: Lang,
) -> Result<Built> {
    let prepared = render::prepare(ws, loaded, opts.source_date_epoch.as_deref(), now, lang)?;
    let generated = render::documents(ws, &prepared)?;
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
        bag_info: bag_info(loaded, prepared.date, before, opts.draft),
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
    let mut errors = before;
    opts.progress.start(total);
    let pending = crate::package::build::build_with(
        &req,
        &[bag::CHECK_REPORT],
        |states| {
            let d = deferred
                .take()
                .ok_or_else(|| Error::Storage("the check was already ended".into()))?;
            let mut report = d.finish(loaded, &current_files(loaded, &layout, states)?)?;
            report.set_file(in_package(&opts.id));
            errors = report.count(Severity::Error);
            if errors > 0 && !opts.draft {
                *refused = Some(report);
                return Err(Error::Input(
                    "the check of the materials as packaged has errors".into(),
                ));
            }
            Ok(Late {
                checklist: checklist::render_csv(&checklist::rows(&loaded.app, &layout, states)),
                generated: vec![Generated {
                    name: bag::CHECK_REPORT.into(),
                    bytes: package_report(&report),
                }],
                bag_info: Some(bag_info(loaded, prepared.date, errors, opts.draft)),
            })
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
    Ok(Built {
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
    })
}

/// The application's files as `ledger::approve::current_files` finds them (what the recorded
/// check keeps and S002 compares), from the digests the package computed while it wrote the
/// materials: each material is read once. application.toml (small) is hashed here.
fn current_files(
    loaded: &LoadedApplication,
    layout: &Layout,
    states: &FileStates,
) -> Result<CurrentFiles> {
    let (sha256, size) = crate::util::files::sha256_file(&loaded.path)
        .map_err(|e| Error::input_io(&loaded.path, e))?;
    let placed: HashMap<(usize, usize), &str> = layout
        .files
        .iter()
        .map(|f| ((f.material_index, f.file_index), f.bag_path.as_str()))
        .collect();
    let mut files = vec![FrozenFile {
        path: "application.toml".into(),
        sha256,
        size,
    }];
    let mut unreadable: Vec<String> = Vec::new();
    for (mi, m) in loaded.app.materials.iter().enumerate() {
        for (fi, f) in m.files.iter().enumerate() {
            let rel = f.replace('\\', "/");
            if files.iter().any(|x| x.path == rel) || unreadable.contains(&rel) {
                continue;
            }
            // The same test as `current_files`: a path below the application directory.
            let p = Path::new(f);
            let safe =
                !p.is_absolute() && p.components().all(|c| matches!(c, Component::Normal(_)));
            let digest = placed
                .get(&(mi, fi))
                .and_then(|b| states.get(*b))
                .and_then(|s| match s {
                    FileState::Present { size, sha256 } => parse_hex32(sha256).map(|d| (d, *size)),
                    FileState::Missing(_) => None,
                });
            match digest.filter(|_| safe) {
                Some((sha256, size)) => files.push(FrozenFile {
                    path: rel,
                    sha256,
                    size,
                }),
                None => unreadable.push(rel),
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(CurrentFiles {
        application_sha256: sha256,
        files,
        unreadable,
    })
}

//! `check`: applications against the guide's rules.
//!
//! Chooses the catalogue (the workspace's official file, else the bundled one), gives K002 its
//! input (the certificates issued in the workspace, `ledger::deadlines::batches`), applies the
//! workspace's `[severity]` table and records each check of a workspace application (what `app
//! approve` compares with later, S003).
//!
//! A check never hides results: an application.toml that cannot be read or parsed becomes T001
//! diagnostics (with its file, line and column) in the report, and the others are still checked.
//!
//! The shape differs from the other use cases in one way: `run` takes `Option<&Workspace>`,
//! because `check path/to/application.toml` works outside any workspace (bundled catalogue, no
//! profile, nothing recorded).

use std::path::{Path, PathBuf};

use crate::application::{LoadedApplication, load_application};
use crate::catalogue::Catalogue;
use crate::error::{Error, ErrorKind, Result};
use crate::ledger::approve::CurrentFiles;
use crate::model::codes::Code;
use crate::model::diagnostic::Diagnostic;
use crate::ops::content::{ContentOptions, Counts, Mode, Prepared};
use crate::rules::engine::AppReport;
use crate::rules::{CheckContext, Severity, check_application};
use crate::store::Store;
use crate::store::applications::CheckRecord;
use crate::util::hex::hex;
use crate::workspace::{Discovery, Workspace};
use crate::{Lang, Now};

/// The check report's document (docs/json.md), also put into every package.
pub const JSON_SCHEMA: &str = "ccc-exempt/check/2";

/// One application to check: its ID and file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub id: String,
    pub path: PathBuf,
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// What to check (see [`resolve`]).
    pub targets: Vec<Target>,
    /// Files are named relative to this directory when they lie below it (the CLI passes where
    /// the user stands); else as given.
    pub shown_from: Option<PathBuf>,
    /// Whether and how the materials' content is examined (off unless asked for).
    pub content: ContentOptions,
    /// The wall clock as the check starts, in nanoseconds since the epoch (never pinned: file
    /// times are compared with it). When given, the files hashed are remembered in the workspace
    /// store by their stamps, so that a later check reads only the files changed since
    /// (`ops::content::StoreMemo`); without it what is remembered is still used.
    pub file_clock_ns: Option<i64>,
}

/// What a check gave: one report per target, in the order given.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub applications: Vec<AppReport>,
    /// Material files examined, and taken from the cache.
    pub content: Counts,
}

impl Report {
    /// The T001 diagnostics: applications that could not be read or parsed.
    pub fn malformed(&self) -> impl Iterator<Item = &Diagnostic> {
        self.applications
            .iter()
            .flat_map(|r| &r.findings)
            .filter(|f| f.code == Code::T001)
    }

    /// Whether a finding reaches `threshold` (in force, after `[severity]`).
    pub fn fails(&self, threshold: Severity) -> bool {
        self.applications
            .iter()
            .any(|r| r.findings.iter().any(|f| f.severity >= threshold))
    }

    /// 2 when an application was malformed, else 1 when a finding reaches `threshold`, else 0.
    pub fn exit_code(&self, threshold: Severity) -> i32 {
        if self.malformed().next().is_some() {
            2
        } else if self.fails(threshold) {
            1
        } else {
            0
        }
    }
}

/// What checking one target gave.
enum Checked {
    Ok(Box<LoadedApplication>, AppReport),
    /// The application.toml could not be read or parsed: its report holds the T001 diagnostics.
    Malformed(AppReport, Error),
}

/// A path as the user would type it: relative to `from` when below it.
pub fn shown(p: &Path, from: Option<&Path>) -> String {
    from.and_then(|d| p.strip_prefix(d).ok())
        .unwrap_or(p)
        .display()
        .to_string()
}

/// The report of an application that could not be loaded: T001 at the error's position.
fn malformed(t: &Target, file: String, e: &Error) -> AppReport {
    AppReport {
        id: t.id.clone(),
        condition: None,
        // Only a regular file is read: a FIFO in its place would never end.
        file_sha256: crate::util::paths::regular_file(&t.path)
            .ok()
            .and_then(|_| crate::util::files::sha256_file(&t.path).ok())
            .map(|(d, _)| hex(&d))
            .unwrap_or_default(),
        total_quantity: 0,
        findings: e.to_diagnostics(Code::T001, &file),
        file,
    }
}

fn looks_like_path(s: &str) -> bool {
    s.contains('/') || s.contains('\\') || s.ends_with(".toml") || s == "." || s == ".."
}

/// The workspace for a file given by path: the usual discovery, else from the file's directory.
fn workspace_for(discovery: &Discovery, path: &Path) -> Option<Workspace> {
    if let Ok(ws) = Workspace::discover(discovery) {
        return Some(ws);
    }
    let dir = path.parent()?.canonicalize().ok()?;
    Workspace::discover(&Discovery {
        explicit: None,
        env: None,
        cwd: dir,
        store: discovery.store.clone(),
    })
    .ok()
}

/// Turn the command's arguments (application IDs, paths to application.toml or to the directory
/// holding one) into targets, and find the workspace they belong to: none given means every
/// application of the workspace; a path outside any workspace is checked on its own.
pub fn resolve(
    discovery: &Discovery,
    args: &[String],
    lang: Lang,
) -> Result<(Option<Workspace>, Vec<Target>)> {
    if args.is_empty() {
        let ws = Workspace::discover(discovery)?;
        let targets = ws
            .application_ids()?
            .into_iter()
            .map(|id| Target {
                path: ws.application_path(&id),
                id,
            })
            .collect();
        return Ok((Some(ws), targets));
    }
    let mut ws: Option<Workspace> = None;
    let mut ws_tried = false;
    let mut targets = Vec::new();
    for a in args {
        let p = PathBuf::from(a);
        if p.is_file() || (p.is_dir() && p.join("application.toml").is_file()) {
            let file = if p.is_dir() {
                p.join("application.toml")
            } else {
                p
            };
            let id = file
                .canonicalize()
                .ok()
                .and_then(|c| {
                    c.parent()
                        .and_then(|d| d.file_name())
                        .map(|n| n.to_string_lossy().into_owned())
                })
                .unwrap_or_else(|| a.clone());
            if !ws_tried {
                ws = workspace_for(discovery, &file);
                ws_tried = true;
            }
            targets.push(Target { id, path: file });
            continue;
        }
        if looks_like_path(a) || p.exists() {
            return Err(Error::Input(format!(
                "{a}: {}",
                if p.exists() {
                    lang.pick(
                        "不是 application.toml 文件或包含它的目录",
                        "is not an application.toml file or a directory holding one",
                    )
                } else {
                    lang.pick("文件不存在", "no such file")
                }
            )));
        }
        let w = match &ws {
            Some(w) => w,
            None => {
                ws = Some(Workspace::discover(discovery)?);
                ws_tried = true;
                ws.as_ref().expect("just set")
            }
        };
        let path = w.application_path(a);
        if !w.has_application(a) {
            let ids = w.application_ids()?;
            let hint =
                crate::util::text::closest(a, &ids.iter().map(String::as_str).collect::<Vec<_>>())
                    .map(|c| format!("; did you mean {c}?"))
                    .unwrap_or_default();
            return Err(Error::Input(format!(
                "{} {a:?} ({}){hint}",
                lang.pick("没有申请", "no application"),
                path.display()
            )));
        }
        targets.push(Target {
            id: a.clone(),
            path,
        });
    }
    Ok((ws, targets))
}

/// Check `opts.targets` (in `ws` when given), recording each check of a workspace application.
pub fn run(ws: Option<&Workspace>, opts: Options, now: Now, lang: Lang) -> Result<Report> {
    let shown_from = opts.shown_from.as_deref();
    let mut counts = Counts::default();
    let applications = check_targets(
        ws,
        opts.targets,
        shown_from,
        (&opts.content, opts.file_clock_ns),
        &mut counts,
        Finish::Now,
        now,
        lang,
    )?
    .0
    .into_iter()
    .map(|c| match c {
        Checked::Ok(_, r) | Checked::Malformed(r, _) => r,
    })
    .collect();
    Ok(Report {
        applications,
        content: counts,
    })
}

/// Load and check one application of the workspace, recording the result (what `package`
/// starts with). A malformed application is the error it was (exit 2), not a report.
pub fn check_one(
    ws: &Workspace,
    id: &str,
    shown_from: Option<&Path>,
    now: Now,
    lang: Lang,
) -> Result<(LoadedApplication, AppReport)> {
    let target = workspace_target(ws, id, lang)?;
    let content = ContentOptions::default();
    let mut counts = Counts::default();
    match check_targets(
        Some(ws),
        vec![target],
        shown_from,
        (&content, None),
        &mut counts,
        Finish::Now,
        now,
        lang,
    )?
    .0
    .remove(0)
    {
        Checked::Ok(loaded, report) => Ok((*loaded, report)),
        Checked::Malformed(_, e) => Err(e),
    }
}

/// The target of application `id` of the workspace, which must exist.
fn workspace_target(ws: &Workspace, id: &str, lang: Lang) -> Result<Target> {
    let path = ws.application_path(id);
    if !ws.has_application(id) {
        return Err(Error::Input(format!(
            "{} {id:?} ({})",
            lang.pick("没有申请", "no application"),
            path.display()
        )));
    }
    Ok(Target {
        id: id.to_string(),
        path,
    })
}

/// How far `check_targets` goes with each application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Finish {
    /// The whole check, recorded.
    Now,
    /// Up to what depends on the files' content (see [`Deferred`]).
    Deferred,
}

/// Check `targets`; also returns the workspace's store (open when `ws` is given).
#[allow(clippy::too_many_arguments)]
fn check_targets(
    ws: Option<&Workspace>,
    targets: Vec<Target>,
    shown_from: Option<&Path>,
    (content, file_clock_ns): (&ContentOptions, Option<i64>),
    counts: &mut Counts,
    finish: Finish,
    now: Now,
    lang: Lang,
) -> Result<(Vec<Checked>, Option<Store>)> {
    let engines = Prepared::new(&content.engines);
    let catalogue = match ws {
        Some(w) => w.catalogue()?,
        None => std::borrow::Cow::Borrowed(Catalogue::bundled()),
    };
    let mut store = match ws {
        Some(w) => {
            let s = w.store()?;
            // Check results can be recomputed by checking again: no fsync per check.
            s.relax_durability()?;
            Some(s)
        }
        None => None,
    };
    let profile = ws.map(|w| &w.config.applicant);
    let mut out = Vec::new();
    // The certificates issued (K002), read once, at the first application of the workspace:
    // recording a check never changes them.
    let mut issued_once: Option<Vec<crate::rules::k002::Batch>> = None;
    // Each file hashed once, for the content cache and for what the check records.
    let mut digests = crate::util::files::Digests::default();
    for t in targets {
        let file = shown(&t.path, shown_from);
        let memo = store.as_ref().map(|s| crate::ops::content::StoreMemo {
            store: s,
            now_ns: file_clock_ns,
        });
        let memo = memo.as_ref().map(|m| m as &dyn crate::util::files::Memo);
        let before = crate::util::files::stamp(&t.path);
        let loaded = match load_application(&t.id, &t.path, profile) {
            Ok(l) => l,
            Err(e) if e.kind() == ErrorKind::Input => {
                out.push(Checked::Malformed(malformed(&t, file, &e), e));
                continue;
            }
            Err(e) => return Err(e),
        };
        // The text hashed once at most: the digest of the file as remembered when it did not
        // change while it was read and was read as it is (no BOM dropped), else the text's,
        // which is then the file's for what the check records (`current_files`).
        if let Some(s) = before
            && s.size == loaded.source.len() as u64
            && crate::util::files::stamp(&t.path) == before
        {
            match digests.recall(&s, memo) {
                Some(d) => loaded.know_sha256(d),
                None => digests.remember(s, loaded.sha256(), memo),
            }
        }
        let in_ws = ws.is_some_and(|w| {
            t.path.starts_with(w.applications_dir()) || w.application_path(&t.id) == t.path
        });
        // K002 counts the certificates issued in the workspace (SPEC section 7).
        let issued = match (&store, in_ws) {
            (Some(s), true) => match &issued_once {
                Some(b) => b.clone(),
                None => issued_once
                    .insert(crate::ledger::deadlines::batches(&s.certificates()?))
                    .clone(),
            },
            _ => Vec::new(),
        };
        let cctx = CheckContext {
            lang,
            catalogue: &catalogue,
            thresholds: ws.map(|w| w.config.thresholds.clone()).unwrap_or_default(),
            workspace_root: ws.map(|w| w.root.as_path()),
            now,
            issued,
        };
        let mut report = check_application(&cctx, &loaded);
        if content.mode != Mode::Off {
            let examined = crate::ops::content::examine_application(
                &loaded,
                cctx.workspace_root,
                store.as_ref(),
                &engines,
                counts,
                &mut digests,
                memo,
            )?;
            let views: Vec<crate::rules::content::Examined<'_>> = examined
                .iter()
                .map(|e| crate::rules::content::Examined {
                    material: e.material,
                    file: e.file,
                    rel: &e.rel,
                    exam: &e.exam,
                })
                .collect();
            report
                .findings
                .extend(crate::rules::content::findings(lang, &loaded, &views));
            crate::rules::engine::sort_findings(&mut report.findings);
        }
        report.set_file(file);
        if finish == Finish::Deferred {
            out.push(Checked::Ok(Box::new(loaded), report));
            continue;
        }
        let current = match (&store, in_ws) {
            (Some(_), true) => Some(crate::ledger::approve::current_files_with(
                &loaded,
                &mut |p: &Path| digests.file_with(p, memo),
            )?),
            _ => None,
        };
        conclude(
            store.as_mut().filter(|_| in_ws),
            ws,
            &t.id,
            &loaded,
            &mut report,
            current.as_ref(),
            content.mode == Mode::Require,
            now,
            lang,
        )?;
        out.push(Checked::Ok(Box::new(loaded), report));
    }
    Ok((out, store))
}

/// The end of a check, once the application's files are known (`current`; `None` outside a
/// workspace): S002 for an approved application whose files changed, the workspace's
/// `[severity]`, the reviewed content findings, and the record of the check (with the files'
/// hashes, what `app approve` compares with later, S003) when `store` is given.
#[allow(clippy::too_many_arguments)]
fn conclude(
    store: Option<&mut Store>,
    ws: Option<&Workspace>,
    id: &str,
    loaded: &LoadedApplication,
    report: &mut AppReport,
    current: Option<&CurrentFiles>,
    require: bool,
    now: Now,
    lang: Lang,
) -> Result<()> {
    // An approved application: S002 for every file changed since approval.
    if let (Some(s), Some(c)) = (store.as_deref(), current) {
        report.findings.extend(crate::ops::app::drift_findings(
            s,
            &loaded.dir,
            id,
            Some(c),
            lang,
        )?);
    }
    if let Some(w) = ws {
        w.config.severity.apply(&mut report.findings);
    }
    crate::rules::content::settle(lang, loaded, &mut report.findings, require);
    if let (Some(s), Some(current)) = (store, current) {
        let mut codes: Vec<String> = report.findings.iter().map(|f| f.code.to_string()).collect();
        codes.sort();
        codes.dedup();
        s.record_check(
            id,
            report.condition.as_deref(),
            &now.rfc3339(),
            &CheckRecord {
                checked_at: now.rfc3339(),
                file_sha256: report.file_sha256.clone(),
                errors: report.count(Severity::Error) as i64,
                warnings: report.count(Severity::Warning) as i64,
                infos: report.count(Severity::Info) as i64,
                total_quantity: report.total_quantity,
                codes,
                // What `app approve` compares with the files then (S003).
                files: current.hashes(),
            },
        )?;
    }
    Ok(())
}

/// A check of one workspace application whose end waits for the application's files: what
/// `package` starts with. The package hashes every material while it writes it, so the files'
/// digests (for S002 and for the recorded check) come from there instead of a pass of their
/// own; [`Deferred::finish`] ends the check with them and records it.
pub struct Deferred<'w> {
    ws: &'w Workspace,
    store: Store,
    id: String,
    /// The report before S002, `[severity]` and the reviewed content findings.
    report: AppReport,
    now: Now,
    lang: Lang,
}

impl Deferred<'_> {
    /// The report as it would be if no file had changed since approval (no S002). S002 only
    /// ever adds findings: an error here is an error of the finished check.
    pub fn without_drift(&self, loaded: &LoadedApplication) -> AppReport {
        let mut r = self.report.clone();
        self.ws.config.severity.apply(&mut r.findings);
        crate::rules::content::settle(self.lang, loaded, &mut r.findings, false);
        r
    }

    /// End the check with the application's files as they are (see
    /// `ledger::approve::current_files`), record it, and return its report.
    pub fn finish(
        mut self,
        loaded: &LoadedApplication,
        current: &CurrentFiles,
    ) -> Result<AppReport> {
        let mut report = self.report;
        conclude(
            Some(&mut self.store),
            Some(self.ws),
            &self.id,
            loaded,
            &mut report,
            Some(current),
            false,
            self.now,
            self.lang,
        )?;
        Ok(report)
    }
}

/// Load and check one application of the workspace up to what depends on its files' digests
/// (see [`Deferred`]), its materials' content examined as `content` says (as [`run`] does, with
/// the cache; `file_clock_ns` as in [`Options`]). A malformed application is the error it was
/// (exit 2), not a report.
pub fn check_deferred<'w>(
    ws: &'w Workspace,
    id: &str,
    (content, file_clock_ns): (&ContentOptions, Option<i64>),
    now: Now,
    lang: Lang,
) -> Result<(LoadedApplication, Deferred<'w>)> {
    let target = workspace_target(ws, id, lang)?;
    let (mut out, store) = check_targets(
        Some(ws),
        vec![target],
        None,
        (content, file_clock_ns),
        &mut Counts::default(),
        Finish::Deferred,
        now,
        lang,
    )?;
    let store = store.ok_or_else(|| Error::Storage("the workspace store is not open".into()))?;
    match out.remove(0) {
        Checked::Ok(loaded, report) => Ok((
            *loaded,
            Deferred {
                ws,
                store,
                id: id.to_string(),
                report,
                now,
                lang,
            },
        )),
        Checked::Malformed(_, e) => Err(e),
    }
}

#[derive(serde::Serialize)]
struct Summary {
    applications: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

/// The check report document (schema [`JSON_SCHEMA`], docs/json.md): what `check --format json`
/// prints and what `package` puts into the bag as `check-report.json`.
pub fn document(reports: &[AppReport]) -> serde_json::Value {
    let sum = |s| reports.iter().map(|r| r.count(s)).sum::<usize>();
    serde_json::json!({
        "schema": JSON_SCHEMA,
        "tool": { "name": "ccc-exempt", "version": env!("CARGO_PKG_VERSION") },
        "summary": Summary {
            applications: reports.len(),
            errors: sum(Severity::Error),
            warnings: sum(Severity::Warning),
            infos: sum(Severity::Info),
        },
        "applications": reports,
    })
}

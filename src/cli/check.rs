//! `check [ID or PATH ...]`: validate applications (all in the workspace when none named).
//!
//! A check never hides results: an application.toml that cannot be read or parsed becomes T001
//! diagnostics (with its file, line and column) in the report, the other applications are still
//! checked and reported in every format, and the exit code is 2. The severities in force are the
//! workspace's (`ccc-exempt.toml` `[severity]`); `--fail-on` compares against them.

use std::path::{Path, PathBuf};

use super::report;
use super::{Ctx, Format};
use ccc_exempt::application::{LoadedApplication, load_application};
use ccc_exempt::model::codes::Code;
use ccc_exempt::rules::engine::AppReport;
use ccc_exempt::rules::{CheckContext, Severity, check_application};
use ccc_exempt::store::applications::CheckRecord;
use ccc_exempt::workspace::{Discovery, Workspace};
use ccc_exempt::{Error, ErrorKind, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Application IDs or paths to application.toml (all applications of the workspace when none).
    pub targets: Vec<String>,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
}

/// What checking one target gave.
enum Checked {
    Ok(Box<LoadedApplication>, AppReport),
    /// The application.toml could not be read or parsed: its report holds the T001 diagnostics.
    Malformed(AppReport, Error),
}

impl Checked {
    fn report(self) -> AppReport {
        match self {
            Checked::Ok(_, r) | Checked::Malformed(r, _) => r,
        }
    }
}

/// The report of an application that could not be loaded: T001 at the error's position.
fn malformed(t: &Target, e: &Error) -> AppReport {
    use sha2::Digest;
    let file = display_path(&t.path);
    AppReport {
        id: t.id.clone(),
        condition: None,
        file_sha256: std::fs::read(&t.path)
            .map(|b| {
                sha2::Sha256::digest(&b)
                    .iter()
                    .map(|x| format!("{x:02x}"))
                    .collect()
            })
            .unwrap_or_default(),
        total_quantity: 0,
        findings: e.to_diagnostics(Code::T001, &file),
        file,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
}

impl FailOn {
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
        }
    }
}

/// A path as the user would type it: relative to the current directory when below it.
pub fn display_path(p: &Path) -> String {
    let rel = std::env::current_dir()
        .ok()
        .and_then(|cwd| p.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| p.to_path_buf());
    rel.display().to_string()
}

/// One application to check: its ID and file.
struct Target {
    id: String,
    path: PathBuf,
}

fn looks_like_path(s: &str) -> bool {
    s.contains('/') || s.contains('\\') || s.ends_with(".toml") || s == "." || s == ".."
}

/// Find the workspace for a file given by path: the usual discovery, else from the file's directory.
fn workspace_for(ctx: &Ctx, path: &Path) -> Option<Workspace> {
    if let Ok(ws) = ctx.workspace() {
        return Some(ws);
    }
    let dir = path.parent()?.canonicalize().ok()?;
    Workspace::discover(&Discovery {
        explicit: None,
        env: None,
        cwd: dir,
    })
    .ok()
}

fn resolve(ctx: &Ctx, args: &[String]) -> Result<(Option<Workspace>, Vec<Target>)> {
    if args.is_empty() {
        let ws = ctx.workspace()?;
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
                ws = workspace_for(ctx, &file);
                ws_tried = true;
            }
            targets.push(Target { id, path: file });
            continue;
        }
        if looks_like_path(a) || p.exists() {
            return Err(Error::Input(format!(
                "{a}: {}",
                if p.exists() {
                    ctx.t(
                        "不是 application.toml 文件或包含它的目录",
                        "is not an application.toml file or a directory holding one",
                    )
                } else {
                    ctx.t("文件不存在", "no such file")
                }
            )));
        }
        if !ws_tried {
            ws = Some(ctx.workspace()?);
            ws_tried = true;
        }
        let w = match &ws {
            Some(w) => w,
            None => {
                ws = Some(ctx.workspace()?);
                ws.as_ref().expect("just set")
            }
        };
        let path = w.application_path(a);
        if !path.is_file() {
            let ids = w.application_ids()?;
            let hint = ccc_exempt::util::text::closest(
                a,
                &ids.iter().map(String::as_str).collect::<Vec<_>>(),
            )
            .map(|c| format!("; did you mean {c}?"))
            .unwrap_or_default();
            return Err(Error::Input(format!(
                "{} {a:?} ({}){hint}",
                ctx.t("没有申请", "no application"),
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

/// Load and check one application of a workspace, recording the result (used by `package` too).
pub fn check_in_workspace(
    ctx: &Ctx,
    ws: &Workspace,
    id: &str,
) -> Result<(LoadedApplication, AppReport)> {
    let path = ws.application_path(id);
    if !path.is_file() {
        return Err(Error::Input(format!(
            "{} {id:?} ({})",
            ctx.t("没有申请", "no application"),
            path.display()
        )));
    }
    let mut results = check_targets(
        ctx,
        Some(ws),
        vec![Target {
            id: id.to_string(),
            path,
        }],
    )?;
    match results.remove(0) {
        Checked::Ok(loaded, report) => Ok((*loaded, report)),
        Checked::Malformed(_, e) => Err(e),
    }
}

fn check_targets(ctx: &Ctx, ws: Option<&Workspace>, targets: Vec<Target>) -> Result<Vec<Checked>> {
    let catalogue = match ws {
        Some(w) => w.catalogue()?,
        None => ccc_exempt::catalogue::Catalogue::bundled().clone(),
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
    let now = ctx.now;
    let mut out = Vec::new();
    for t in targets {
        let loaded = match load_application(&t.id, &t.path, profile) {
            Ok(l) => l,
            Err(e) if e.kind() == ErrorKind::Input => {
                out.push(Checked::Malformed(malformed(&t, &e), e));
                continue;
            }
            Err(e) => return Err(e),
        };
        let in_ws = ws.is_some_and(|w| {
            t.path.starts_with(w.applications_dir()) || w.application_path(&t.id) == t.path
        });
        let issued = match (&store, in_ws) {
            (Some(s), true) => ccc_exempt::ledger::deadlines::batches(&s.certificates()?),
            _ => Vec::new(),
        };
        let cctx = CheckContext {
            lang: ctx.lang,
            catalogue: &catalogue,
            thresholds: ws.map(|w| w.config.thresholds.clone()).unwrap_or_default(),
            workspace_root: ws.map(|w| w.root.as_path()),
            now,
            issued,
        };
        let mut report = check_application(&cctx, &loaded);
        report.set_file(display_path(&t.path));
        if let Some(w) = ws {
            w.config.severity.apply(&mut report.findings);
        }
        if let (Some(s), true) = (store.as_mut(), in_ws) {
            let mut codes: Vec<String> =
                report.findings.iter().map(|f| f.code.to_string()).collect();
            codes.sort();
            codes.dedup();
            s.record_check(
                &t.id,
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
                    files: ccc_exempt::ledger::approve::current_files(&loaded)?.hashes(),
                },
            )?;
        }
        out.push(Checked::Ok(Box::new(loaded), report));
    }
    Ok(out)
}

pub fn run(ctx: &Ctx, a: Args) -> Result<i32> {
    let (ws, targets) = resolve(ctx, &a.targets)?;
    if targets.is_empty() {
        ctx.status(ctx.t(
            "工作区中没有申请；用 `ccc-exempt new ID --condition C` 创建。",
            "No applications in the workspace; create one with `ccc-exempt new ID --condition C`.",
        ));
        if ctx.format == Format::Human {
            return Ok(0);
        }
    }
    let results = check_targets(ctx, ws.as_ref(), targets)?;
    let reports: Vec<AppReport> = results.into_iter().map(Checked::report).collect();
    report::render(ctx, &reports, a.fail_on.severity());
    let threshold = a.fail_on.severity();
    // The reason for exit 2 also goes to stderr, as for any input error.
    let mut malformed = false;
    for f in reports.iter().flat_map(|r| &r.findings) {
        if f.code == Code::T001 {
            malformed = true;
            report::to_stderr(&format!("{}: {f}\n", ctx.t("错误", "error")));
        }
    }
    let failed = reports
        .iter()
        .any(|r| r.findings.iter().any(|f| f.severity >= threshold));
    Ok(if malformed {
        2
    } else if failed {
        1
    } else {
        0
    })
}

//! The authority's approval: the certificate, its lines (certified quantity per product line)
//! and the frozen application (hashes of application.toml, its material files and the latest
//! package receipt), recorded with a `certify` entry that puts the certificate into the chain.
//! Whether the application may be approved is the lifecycle table's decision
//! (`crate::model::status`, guards S003 and S004); this file gathers what the guards look at and
//! builds the certificate from the application. The transaction that records it is
//! `crate::ops::ledger::approve`.

use std::path::{Component, Path};

use chrono::NaiveDate;

use super::entry::{CertLine, Certificate, Entry, FrozenFile};
use crate::Lang;
use crate::application::{Condition, LoadedApplication};
use crate::error::{Error, Result};
use crate::model::status::{FileHash, Forced};
use crate::util::files::Digests;

/// What `app approve` records.
#[derive(Debug, Clone)]
pub struct Approval {
    pub cert_no: String,
    pub issued: NaiveDate,
    /// Certified quantities that differ from the applied ones: (line from 1, quantity).
    pub quantities: Vec<(i64, i64)>,
    /// `--force --reason TEXT`: record the approval even without a clean check of the current
    /// files (S003), with this reason.
    pub force: Option<String>,
}

/// The result of an approval.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Approved {
    pub certificate: Certificate,
    pub entry: Entry,
    /// Material files named by the application that could not be read (not frozen).
    pub missing_files: Vec<String>,
    /// The guard the approval was recorded past (`--force`), if any.
    pub forced: Option<Forced>,
}

/// Parse `LINE=N`.
pub fn parse_quantity(text: &str) -> Option<(i64, i64)> {
    let (l, n) = text.split_once('=')?;
    let l: i64 = l.trim().parse().ok()?;
    let n: i64 = n.trim().parse().ok()?;
    (l >= 1 && n >= 0).then_some((l, n))
}

fn rel_path(p: &str) -> String {
    p.replace('\\', "/")
}

/// The application's files as they are now: application.toml and every material file it names
/// that can be read, by content hash (what approval freezes and what a check records, so the two
/// compare).
#[derive(Debug, Clone, Default)]
pub struct CurrentFiles {
    /// The hash of application.toml (also in `files`).
    pub application_sha256: [u8; 32],
    /// Sorted by path.
    pub files: Vec<FrozenFile>,
    /// Material files named by the application that cannot be read (or lie outside its
    /// directory).
    pub unreadable: Vec<String>,
}

impl CurrentFiles {
    pub fn hashes(&self) -> Vec<FileHash> {
        self.files
            .iter()
            .map(|f| FileHash {
                path: f.path.clone(),
                sha256: f.sha256,
            })
            .collect()
    }
}

/// Hash the application's files (see `CurrentFiles`).
pub fn current_files(app: &LoadedApplication) -> Result<CurrentFiles> {
    let mut digests = Digests::default();
    current_files_with(app, &mut |p: &Path| digests.file(p))
}

/// A file's SHA-256 and size.
pub type FileDigester<'a> = dyn FnMut(&Path) -> std::io::Result<([u8; 32], u64)> + 'a;

/// [`current_files`], each file's SHA-256 and size given by `digest` (which may know files
/// already hashed).
pub fn current_files_with(
    app: &LoadedApplication,
    digest: &mut FileDigester<'_>,
) -> Result<CurrentFiles> {
    let (sha256, size) = digest(&app.path).map_err(|e| Error::input_io(&app.path, e))?;
    let mut files = vec![FrozenFile {
        path: "application.toml".into(),
        sha256,
        size,
    }];
    let mut unreadable = Vec::new();
    for m in &app.app.materials {
        for f in &m.files {
            let rel = rel_path(f);
            if files.iter().any(|x| x.path == rel) || unreadable.contains(&rel) {
                continue;
            }
            let p = Path::new(f);
            let safe =
                !p.is_absolute() && p.components().all(|c| matches!(c, Component::Normal(_)));
            let full = app.dir.join(p);
            // Only regular files: opening a FIFO would wait for a writer forever.
            let regular = std::fs::metadata(&full).is_ok_and(|m| m.is_file());
            match (safe && regular).then(|| digest(&full)) {
                Some(Ok((sha256, size))) => files.push(FrozenFile {
                    path: rel,
                    sha256,
                    size,
                }),
                _ => unreadable.push(rel),
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

/// What an approval records once its flags and the application's product lines are checked.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub cert_no: String,
    pub condition: Condition,
    pub lines: Vec<CertLine>,
    /// The reason given with `--force`.
    pub force: Option<String>,
}

/// Check the approval's flags against the application and work out the certified quantity of
/// every line (nothing is read but `app`).
pub fn prepare(app: &LoadedApplication, a: &Approval, lang: Lang) -> Result<Prepared> {
    let cert_no = a.cert_no.trim();
    if cert_no.is_empty() || cert_no.chars().any(|c| c.is_control()) {
        return Err(Error::Input(
            lang.pick("证明号不能为空", "the certificate number must not be empty")
                .to_string(),
        ));
    }
    let force = match a.force.as_deref().map(str::trim) {
        Some("") => {
            return Err(Error::Input(
                lang.pick(
                    "--force 需要用 --reason 写明原因",
                    "--force needs the reason with --reason TEXT",
                )
                .to_string(),
            ));
        }
        f => f.map(String::from),
    };
    let Some(condition) = app.app.condition else {
        return Err(Error::Input(super::pick(
            lang,
            &format!(
                "{}：免办条件缺失或未知（C001），无法登记证明",
                app.path.display()
            ),
            &format!(
                "{}: the condition is missing or unknown (C001); fix it before recording the certificate",
                app.path.display()
            ),
        )));
    };
    if app.app.products.is_empty() {
        return Err(Error::Input(super::pick(
            lang,
            &format!("{}：没有产品行（P001）", app.path.display()),
            &format!("{}: no product lines (P001)", app.path.display()),
        )));
    }
    let n = app.app.products.len() as i64;
    for (line, _) in &a.quantities {
        if *line > n {
            return Err(Error::Input(super::pick(
                lang,
                &format!("--quantity {line}=…：申请只有 {n} 个产品行"),
                &format!("--quantity {line}=…: the application has {n} product lines"),
            )));
        }
    }
    let mut lines = Vec::new();
    for (i, p) in app.app.products.iter().enumerate() {
        let line = i as i64 + 1;
        let applied = p.quantity.unwrap_or(0);
        let given = a
            .quantities
            .iter()
            .rev()
            .find(|(l, _)| *l == line)
            .map(|(_, q)| *q);
        let certified = match given {
            Some(q) => q,
            None if applied > 0 => applied,
            None => {
                return Err(Error::Input(super::pick(
                    lang,
                    &format!(
                        "第 {line} 行的申请数量不是正整数（P003）；用 --quantity {line}=N 给出核准数量"
                    ),
                    &format!(
                        "line {line} has no positive applied quantity (P003); give the certified quantity with --quantity {line}=N"
                    ),
                )));
            }
        };
        if applied > 0 && certified > applied {
            return Err(Error::Input(super::pick(
                lang,
                &format!("第 {line} 行核准数量 {certified} 大于申请数量 {applied}"),
                &format!(
                    "line {line}: certified {certified} is more than the {applied} applied for"
                ),
            )));
        }
        lines.push(CertLine {
            line,
            name: p.name.clone().unwrap_or_default(),
            model: p.model.clone().unwrap_or_default(),
            unit: p.unit.clone().unwrap_or_default(),
            applied: applied.max(0),
            certified,
        });
    }
    Ok(Prepared {
        cert_no: cert_no.to_string(),
        condition,
        lines,
        force,
    })
}

impl Prepared {
    /// The certificate to record: the application frozen as `current`, approved at
    /// `approved_at`, with the hash of its latest package receipt, if any.
    pub fn certificate(
        &self,
        app: &LoadedApplication,
        issued: NaiveDate,
        approved_at: String,
        current: &CurrentFiles,
        package_sha256: Option<String>,
    ) -> Certificate {
        Certificate {
            cert_no: self.cert_no.clone(),
            application_id: app.id.clone(),
            condition: self.condition.slug().to_string(),
            issued_on: issued,
            approved_at,
            application_sha256: current.application_sha256,
            package_sha256,
            export_due: app
                .app
                .export_assembly
                .as_ref()
                .and_then(|x| x.committed_export_date),
            exhibition_end: app.app.exhibition.as_ref().and_then(|x| x.end),
            lines: self.lines.clone(),
            files: current.files.clone(),
            amended_no: None,
            revisions: Vec::new(),
            voided: false,
        }
    }
}

/// What the guards need that is not in the certificate or the store.
#[derive(Debug, Clone)]
pub struct Facts {
    pub current: Vec<FileHash>,
    pub prepared_on: Option<NaiveDate>,
    pub force: Option<String>,
}

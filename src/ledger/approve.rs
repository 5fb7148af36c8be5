//! The authority's approval: the certificate, its lines (certified quantity per product line)
//! and the frozen application (hashes of application.toml, its material files and the latest
//! package receipt), recorded with a `certify` entry that puts the certificate into the chain.
//! Whether the application may be approved is the lifecycle table's decision
//! (`crate::model::status`, guards S003 and S004); this file gathers what the guards look at.

use std::path::{Component, Path};

use chrono::NaiveDate;

use super::chain::canonical_certificate;
use super::entry::{CertLine, Certificate, Entry, FrozenFile};
use super::evidence::hash_file;
use super::kind::Kind;
use super::session::{Session, Settings};
use crate::application::LoadedApplication;
use crate::error::{Error, Result};
use crate::model::status::{self, DecisionFacts, FileHash, Forced, Operation, Step};
use crate::store::Store;

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
    let (sha256, size) = hash_file(&app.path).map_err(|e| Error::input_io(&app.path, e))?;
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
            match (safe && regular).then(|| hash_file(&full)) {
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

/// Record the approval of `app` as certificate `a.cert_no`.
pub fn approve(
    store: &mut Store,
    settings: Settings<'_>,
    app: &LoadedApplication,
    a: &Approval,
) -> Result<Approved> {
    let lang = settings.lang;
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
    // Freeze the application: its file and every material file it names.
    let current = current_files(app)?;
    let app_sha = current.application_sha256;
    let package_sha256 = store.latest_package_sha256(&app.id)?;
    let cert = Certificate {
        cert_no: cert_no.to_string(),
        application_id: app.id.clone(),
        condition: condition.slug().to_string(),
        issued_on: a.issued,
        approved_at: settings.now.rfc3339(),
        application_sha256: app_sha,
        package_sha256,
        export_due: app
            .app
            .export_assembly
            .as_ref()
            .and_then(|x| x.committed_export_date),
        exhibition_end: app.app.exhibition.as_ref().and_then(|x| x.end),
        lines,
        files: current.files.clone(),
    };
    let facts = Facts {
        current: current.hashes(),
        prepared_on: app.app.prepared_on,
        force,
    };
    let tx = store.ledger_tx()?;
    let mut s = Session::begin(tx, settings)?;
    let r = approve_in(&mut s, &cert, &facts);
    match r {
        Ok((entry, forced)) => {
            s.finish()?;
            Ok(Approved {
                certificate: cert,
                entry,
                missing_files: current.unreadable,
                forced,
            })
        }
        Err(e) => {
            s.abort()?;
            Err(e)
        }
    }
}

/// What the guards need that is not in the certificate or the store.
struct Facts {
    current: Vec<FileHash>,
    prepared_on: Option<NaiveDate>,
    force: Option<String>,
}

fn approve_in(
    s: &mut Session<'_, '_>,
    cert: &Certificate,
    facts: &Facts,
) -> Result<(Entry, Option<Forced>)> {
    let lang = s.lang();
    let now = s.recorded_at.clone();
    if s.tx.certificate_exists(&cert.cert_no)? {
        return Err(Error::Input(super::pick(
            lang,
            &format!("证明号 {} 已登记", cert.cert_no),
            &format!("certificate {} is already recorded", cert.cert_no),
        )));
    }
    let id = &cert.application_id;
    let status = s.tx.ensure_application(id, Some(&cert.condition), &now)?;
    let last = s.tx.last_check(id)?;
    let step = status::apply(
        id,
        Operation::Approve,
        status,
        Some(&DecisionFacts {
            decided_on: cert.issued_on,
            today: s.today,
            prepared_on: facts.prepared_on,
            submitted_on: s.tx.submitted_on(id)?,
            last_check: last.as_ref().map(|c| c.as_last_check()),
            current_files: &facts.current,
            force: facts.force.as_deref(),
        }),
        lang,
    )?;
    s.tx.insert_certificate(cert)?;
    for l in &cert.lines {
        s.tx.put_balance(&crate::store::ledger::StoredBalance {
            cert_no: cert.cert_no.clone(),
            line: l.line,
            balance: Default::default(),
            last_date: None,
            entries: 0,
        })?;
    }
    let payload = canonical_certificate(cert);
    let e = Entry {
        seq: 0,
        cert_no: cert.cert_no.clone(),
        line: 0,
        kind: Kind::Certify,
        qty: 0,
        date: cert.issued_on,
        recorded_at: now.clone(),
        doc_no: None,
        location: None,
        operator: None,
        note: Some(format!(
            "application {} · {} lines · {} units certified",
            cert.application_id,
            cert.lines.len(),
            cert.certified_total()
        )),
        idem_key: None,
        reverses: None,
        evidence: Vec::new(),
        hash: [0; 32],
    };
    let entry = s.append(e, &payload)?;
    let mut note = format!("certificate {} issued {}", cert.cert_no, cert.issued_on);
    if let Some(f) = step.forced() {
        note.push_str(&format!("; forced past {}: {}", f.code, f.reason));
    }
    s.tx.set_status(id, &step, &now, Some(&note))?;
    let forced = match step {
        Step::Move { forced, .. } => forced,
        Step::Stay(_) => None,
    };
    Ok((entry, forced))
}

//! `app list|show`: the registry — every application of the workspace (a directory holding
//! application.toml, or a registered ID whose directory is gone) with its status and last check;
//! one application with its status history. Read-only: the database is neither created nor
//! migrated.
//!
//! Two operations, so `list` and `show` instead of one `run`; neither depends on the date nor
//! says anything in words (the CLI does), so they take no `Now` and no `Lang`, and `show`'s only
//! option is the ID.

use std::path::PathBuf;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::ledger::{Certificate, Entry, Kind};
use crate::model::status::Status;
use crate::store::applications::{AppRecord, CheckRecord, StatusEvent};
use crate::store::ledger::EntryFilter;
use crate::workspace::Workspace;

/// One application in the list (the JSON of `app list`).
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: String,
    pub condition: Option<String>,
    pub status: Status,
    /// In the registry (checked or decided at least once); else a draft only on disk.
    pub registered: bool,
    pub last_check: Option<CheckRecord>,
}

/// Every application directory, registered or not, and every registered ID: sorted.
pub fn all_ids(ws: &Workspace, records: &[AppRecord]) -> Result<Vec<String>> {
    let mut ids = ws.application_ids()?;
    for r in records {
        if !ids.contains(&r.id) {
            ids.push(r.id.clone());
        }
    }
    ids.sort();
    Ok(ids)
}

/// The applications of the workspace with their status and last check.
pub fn list(ws: &Workspace) -> Result<Vec<Row>> {
    let store = ws.store_read()?;
    let records = store.applications()?;
    Ok(all_ids(ws, &records)?
        .into_iter()
        .map(|id| match records.iter().find(|r| r.id == id) {
            Some(r) => Row {
                id,
                condition: r.condition.clone(),
                status: r.status,
                registered: true,
                last_check: r.last_check.clone(),
            },
            None => Row {
                id,
                condition: None,
                status: Status::Draft,
                registered: false,
                last_check: None,
            },
        })
        .collect())
}

/// One application: its file, its registry record (none before its first check or decision)
/// and its status history.
#[derive(Debug, Clone)]
pub struct Shown {
    pub id: String,
    pub file: PathBuf,
    pub record: Option<AppRecord>,
    pub history: Vec<StatusEvent>,
    /// The certificate in force (amended values applied), when one was recorded (voided or not).
    pub certificate: Option<Certificate>,
    /// The chain's entries about the decision: the certificate's `certify`, `amend` and `void`
    /// entries, and the voids of rejections of this application.
    pub decisions: Vec<Entry>,
}

/// What changed in application.toml since approval (or the last amendment).
#[derive(Debug, Clone, serde::Serialize)]
pub struct AppDiff {
    pub cert_no: String,
    #[serde(serialize_with = "ser_hex")]
    pub frozen_sha256: [u8; 32],
    #[serde(serialize_with = "ser_hex")]
    pub current_sha256: [u8; 32],
    /// A unified diff (approved → now); empty when unchanged; `None` when the approved copy is
    /// not kept (approved by an older version, or removed from the evidence directory).
    pub unified: Option<String>,
}

fn ser_hex<S: serde::Serializer>(v: &[u8; 32], s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&crate::util::hex::hex(v))
}

/// `app show ID --diff`: application.toml as frozen at approval (kept by its hash beside the
/// evidence) against the file now.
pub fn diff(ws: &Workspace, id: &str) -> Result<Option<AppDiff>> {
    let store = ws.store_read()?;
    let Some(reg) = store.certificate_of(id)? else {
        return Ok(None);
    };
    let Some(cert) = store.certificate(&reg)? else {
        return Ok(None);
    };
    let path = ws.application_path(id);
    let now = std::fs::read(&path).map_err(|e| Error::input_io(&path, e))?;
    let current_sha256: [u8; 32] = <sha2::Sha256 as sha2::Digest>::digest(&now).into();
    let unified = store
        .approved_copy(&ws.evidence_dir(), &cert.application_sha256)?
        .map(|then| {
            let a = String::from_utf8_lossy(&then);
            let b = String::from_utf8_lossy(&now);
            if a == b {
                return String::new();
            }
            similar::TextDiff::from_lines(a.as_ref(), b.as_ref())
                .unified_diff()
                .context_radius(2)
                .header("application.toml (approved)", "application.toml (now)")
                .to_string()
        });
    Ok(Some(AppDiff {
        cert_no: cert.number().to_string(),
        frozen_sha256: cert.application_sha256,
        current_sha256,
        unified,
    }))
}

impl Shown {
    /// The status: the registry's, else draft.
    pub fn status(&self) -> Status {
        self.record.as_ref().map_or(Status::Draft, |r| r.status)
    }
}

pub fn show(ws: &Workspace, id: &str) -> Result<Shown> {
    let store = ws.store_read()?;
    let record = store.application(id)?;
    let file = ws.application_path(id);
    if record.is_none() && !ws.has_application(id) {
        return Err(Error::Input(format!(
            "no application {id:?} in {}; `ccc-exempt app list` shows the applications",
            ws.root.display()
        )));
    }
    let certificate = match store.certificate_of(id)? {
        Some(reg) => store.certificate(&reg)?,
        None => None,
    };
    let mut decisions = Vec::new();
    if let Some(c) = &certificate {
        decisions = store.entries(&EntryFilter {
            cert_no: Some(c.cert_no.clone()),
            kinds: vec![Kind::Certify, Kind::Amend, Kind::Void],
            ..Default::default()
        })?;
        // The lines of an amendment are in the certificate's lines; its line 0 entry says it.
        decisions.retain(|e| e.line == 0);
    }
    let rejections = store.entries(&EntryFilter {
        cert_no: Some(String::new()),
        kinds: vec![Kind::Void],
        ..Default::default()
    })?;
    decisions.extend(
        rejections
            .into_iter()
            .filter(|e| e.doc_no.as_deref() == Some(id)),
    );
    decisions.sort_by_key(|e| e.seq);
    Ok(Shown {
        id: id.to_string(),
        history: store.status_events(id)?,
        file,
        record,
        certificate,
        decisions,
    })
}

/// S002 for an approved application (its certificate not voided): every file that differs from
/// what was frozen at approval or at the last amendment, with both hashes, and a non-draft
/// package built since. `current` are the application's files now (`None`: application.toml
/// cannot be read, so every frozen file counts as missing).
pub fn drift_findings(
    store: &crate::store::Store,
    app_dir: &std::path::Path,
    id: &str,
    current: Option<&crate::ledger::approve::CurrentFiles>,
    lang: crate::Lang,
) -> Result<Vec<crate::model::diagnostic::Diagnostic>> {
    use crate::ledger::revision;
    use crate::model::codes::Code;
    use crate::model::diagnostic::{Diagnostic, Location};
    let Some(reg) = store.certificate_of(id)? else {
        return Ok(Vec::new());
    };
    let Some(cert) = store.certificate(&reg)? else {
        return Ok(Vec::new());
    };
    if cert.voided {
        return Ok(Vec::new());
    }
    let package = store.latest_package_sha256(id)?;
    // application.toml does not load: the files frozen, hashed where they are.
    let fallback: Vec<crate::ledger::FrozenFile> = match current {
        Some(_) => Vec::new(),
        None => cert
            .files
            .iter()
            .filter_map(|f| {
                let p = app_dir.join(&f.path);
                let regular = std::fs::symlink_metadata(&p).is_ok_and(|m| m.is_file());
                let (sha256, size) = regular
                    .then(|| crate::ledger::evidence::hash_file(&p).ok())
                    .flatten()?;
                Some(crate::ledger::FrozenFile {
                    path: f.path.clone(),
                    sha256,
                    size,
                })
            })
            .collect(),
    };
    let now = current.map_or(fallback.as_slice(), |c| c.files.as_slice());
    Ok(revision::drift(&cert, now, package.as_deref())
        .iter()
        .map(|d| {
            Diagnostic::new(Code::S002, revision::drift_message(id, &cert, d, lang)).at(
                Location::Certificate {
                    cert_no: cert.number().to_string(),
                    line: None,
                },
            )
        })
        .collect())
}

/// The application's files now, for S002 (`None` when application.toml does not load; then
/// [`drift_findings`] hashes the files frozen with the certificate where they are).
pub fn current_files_of(ws: &Workspace, id: &str) -> Option<crate::ledger::approve::CurrentFiles> {
    let path = ws.application_path(id);
    crate::application::load_application(id, &path, Some(&ws.config.applicant))
        .ok()
        .and_then(|l| crate::ledger::approve::current_files(&l).ok())
}

//! `app submit|approve|reject|amend|void`: record what the official system decided, and correct
//! a decision by appending (an amendment of the certificate, or a void of a decision recorded by
//! mistake). The lifecycle table
//! (`crate::model::status`) decides whether each move is allowed: approval needs a clean check of
//! the current files (S003, unless forced with a reason) and a plausible issue date (S004).
//! Approval records the certificate and freezes the application (`crate::ops::ledger::approve`).
//!
//! Three operations of one use case, so three functions (`submit`, `approve`, `reject`) of the
//! usual shape instead of one `run`. Each options value has `validate`, the checks that need no
//! workspace, which the CLI may run before it looks for one; the functions run it too.

use chrono::NaiveDate;

use crate::application::load_application;
use crate::error::{Error, Result};
use crate::model::status::{Operation, Status};
use crate::ops::ledger::approve::{self, Approval, Approved};
use crate::ops::ledger::revise::{self, Amended, Amendment, Voided};
use crate::store::Store;
use crate::workspace::{Workspace, validate_id};
use crate::{Lang, Now};

#[derive(Debug, Clone)]
pub struct Submit {
    pub id: String,
}

#[derive(Debug, Clone)]
pub struct Reject {
    pub id: String,
    /// The reason the authority gave (required).
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Approve {
    pub id: String,
    /// The certificate number (证明号).
    pub cert_no: String,
    pub issued: NaiveDate,
    /// Certified quantities that differ from the applied ones: (line from 1, quantity).
    pub quantities: Vec<(i64, i64)>,
    /// Record the approval past S003 (no clean check of the current files), with this reason.
    pub force: Option<String>,
}

/// The application's status after a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    pub id: String,
    pub status: Status,
}

impl Submit {
    pub fn validate(&self, _lang: Lang) -> Result<()> {
        validate_id(&self.id)
    }
}

impl Reject {
    pub fn validate(&self, lang: Lang) -> Result<()> {
        if self.reason.trim().is_empty() {
            return Err(Error::Input(
                lang.pick(
                    "请用 --reason 写明不予通过的原因",
                    "give the authority's reason with --reason",
                )
                .to_string(),
            ));
        }
        validate_id(&self.id)
    }
}

impl Approve {
    pub fn validate(&self, _lang: Lang) -> Result<()> {
        validate_id(&self.id)
    }
}

/// Refuse an application that is neither a directory of the workspace nor in its registry.
fn exists(ws: &Workspace, store: &Store, id: &str, lang: Lang) -> Result<()> {
    let registered = store.application(id)?.is_some();
    if !registered && !ws.application_path(id).is_file() {
        return Err(Error::Input(format!(
            "{}: {id} ({})",
            lang.pick("没有这个申请", "no such application"),
            lang.pick(
                "`ccc-exempt app list` 列出申请",
                "`ccc-exempt app list` lists them"
            )
        )));
    }
    Ok(())
}

/// The condition as written in the file, when it can be read (for the registry).
fn condition_of(ws: &Workspace, id: &str) -> Option<String> {
    load_application(id, &ws.application_path(id), Some(&ws.config.applicant))
        .ok()
        .and_then(|a| a.app.condition)
        .map(|c| c.slug().to_string())
}

/// Register the application if needed and make the lifecycle step `op`.
fn decide(
    ws: &Workspace,
    id: &str,
    op: Operation,
    note: Option<&str>,
    now: Now,
    lang: Lang,
) -> Result<Decided> {
    let mut store = ws.store()?;
    exists(ws, &store, id, lang)?;
    let at = now.rfc3339();
    store.ensure_application(id, condition_of(ws, id).as_deref(), &at)?;
    let step = store.transition(id, op, &at, note, lang)?;
    Ok(Decided {
        id: id.to_string(),
        status: step.status(),
    })
}

/// Record that the application was submitted in the official system.
pub fn submit(ws: &Workspace, opts: Submit, now: Now, lang: Lang) -> Result<Decided> {
    opts.validate(lang)?;
    decide(ws, &opts.id, Operation::Submit, None, now, lang)
}

/// Record a rejection and its reason.
pub fn reject(ws: &Workspace, opts: Reject, now: Now, lang: Lang) -> Result<Decided> {
    opts.validate(lang)?;
    let reason = opts.reason.trim();
    decide(ws, &opts.id, Operation::Reject, Some(reason), now, lang)
}

/// Record the approval: the certificate, its lines, the frozen application.
pub fn approve(ws: &Workspace, opts: Approve, now: Now, lang: Lang) -> Result<Approved> {
    opts.validate(lang)?;
    let mut store = ws.store()?;
    exists(ws, &store, &opts.id, lang)?;
    let path = ws.application_path(&opts.id);
    let loaded = load_application(&opts.id, &path, Some(&ws.config.applicant))?;
    let dir = ws.evidence_dir();
    approve::approve(
        &mut store,
        crate::ops::ledger::Settings::new(lang, now, &dir),
        &loaded,
        &Approval {
            cert_no: opts.cert_no,
            issued: opts.issued,
            quantities: opts.quantities,
            force: opts.force,
        },
    )
}

#[derive(Debug, Clone)]
pub struct Amend {
    pub id: String,
    /// Why the certificate was amended (required; kept in the chain).
    pub reason: String,
    pub cert_no: Option<String>,
    pub issued: Option<NaiveDate>,
    pub quantities: Vec<(i64, i64)>,
}

#[derive(Debug, Clone)]
pub struct Void {
    pub id: String,
    /// Why the decision was a mistake (required; kept in the chain).
    pub reason: String,
}

fn need_reason(reason: &str, lang: Lang) -> Result<()> {
    if reason.trim().is_empty() {
        return Err(Error::Input(
            lang.pick(
                "请用 --reason 写明原因",
                "give the reason with --reason TEXT",
            )
            .to_string(),
        ));
    }
    Ok(())
}

impl Amend {
    pub fn validate(&self, lang: Lang) -> Result<()> {
        need_reason(&self.reason, lang)?;
        if self.cert_no.is_none() && self.issued.is_none() && self.quantities.is_empty() {
            return Err(Error::Input(
                lang.pick(
                    "app amend：至少给出 --cert-no、--issued 或 --quantity LINE=N 之一",
                    "app amend: give at least one of --cert-no, --issued or --quantity LINE=N",
                )
                .to_string(),
            ));
        }
        validate_id(&self.id)
    }
}

impl Void {
    pub fn validate(&self, lang: Lang) -> Result<()> {
        need_reason(&self.reason, lang)?;
        validate_id(&self.id)
    }
}

/// Record an amendment of the application's certificate (申请修改(已发)证明): the ledger checks
/// the amended values from then on, and the application's current files are frozen again.
pub fn amend(ws: &Workspace, opts: Amend, now: Now, lang: Lang) -> Result<Amended> {
    opts.validate(lang)?;
    let mut store = ws.store()?;
    exists(ws, &store, &opts.id, lang)?;
    let path = ws.application_path(&opts.id);
    let loaded = load_application(&opts.id, &path, Some(&ws.config.applicant))?;
    let dir = ws.evidence_dir();
    revise::amend(
        &mut store,
        crate::ops::ledger::Settings::new(lang, now, &dir),
        &loaded,
        &Amendment {
            reason: opts.reason,
            cert_no: opts.cert_no,
            issued: opts.issued,
            quantities: opts.quantities,
        },
    )
}

/// Record that the approval or rejection of the application was entered by mistake; the
/// application goes back to where it was before the decision.
pub fn void(ws: &Workspace, opts: Void, now: Now, lang: Lang) -> Result<Voided> {
    opts.validate(lang)?;
    let mut store = ws.store()?;
    exists(ws, &store, &opts.id, lang)?;
    let dir = ws.evidence_dir();
    revise::void(
        &mut store,
        crate::ops::ledger::Settings::new(lang, now, &dir),
        &opts.id,
        &opts.reason,
    )
}

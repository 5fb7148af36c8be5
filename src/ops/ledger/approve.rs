//! `app approve`'s transaction: record the certificate, its lines (certified quantity per
//! product line) and the frozen application, with a `certify` entry that puts the certificate
//! into the chain, and move the application to approved, in one transaction through a
//! [`Session`]. What is checked and built from the application is `crate::ledger::approve`; the
//! guards (S003, S004) are the lifecycle table's (`crate::model::status`).
//!
//! The entry point takes the store and the session settings rather than the workspace: the
//! application-side use case (`app approve`: find and load the application, then this) owns the
//! workspace, and property tests run many writes on one open store.

use crate::application::LoadedApplication;
use crate::error::{Error, Result};
use crate::ledger::StoredBalance;
use crate::ledger::balance::SealedBalance;
use crate::ledger::chain::canonical_certificate;
use crate::ledger::entry::{Certificate, Entry};
use crate::ledger::kind::Kind;
use crate::model::status::{self, DecisionFacts, Forced, Operation, Step};
use crate::store::Store;

pub use crate::ledger::approve::{Approval, Approved, parse_quantity};
use crate::ledger::approve::{Facts, current_files, prepare};

use super::session::{Session, Settings};

/// Record the approval of `app` as certificate `a.cert_no`.
pub fn approve(
    store: &mut Store,
    settings: Settings<'_>,
    app: &LoadedApplication,
    a: &Approval,
) -> Result<Approved> {
    let p = prepare(app, a, settings.lang)?;
    // Freeze the application: its file and every material file it names.
    let current = current_files(app)?;
    let package_sha256 = store.latest_package_sha256(&app.id)?;
    let cert = p.certificate(
        app,
        a.issued,
        settings.now.rfc3339(),
        &current,
        package_sha256,
    );
    let facts = Facts {
        current: current.hashes(),
        prepared_on: app.app.prepared_on,
        force: p.force,
    };
    // application.toml as approved is kept by its hash (the one frozen), so `app show --diff`
    // can show what changes after approval; put in place once the approval is committed.
    let approved = crate::ledger::evidence::approved_dir(settings.evidence_dir);
    let mut copy = keep_copy(&approved, &app.path, settings.dry_run)?;
    let tx = store.ledger_tx()?;
    let mut s = Session::begin(tx, settings)?;
    let r = match s.tx.certificate_of(&app.id) {
        Ok(Some(registered)) => reapprove_in(&mut s, app, &registered, &cert, &facts, &current),
        Ok(None) => approve_in(&mut s, &cert, &facts),
        Err(e) => Err(e),
    };
    let r = r.and_then(|v| s.tx.keep_approved(&mut copy).map(|()| v));
    let (entry, forced) = s.conclude(r)?;
    install_copy(&mut copy, &approved);
    Ok(Approved {
        certificate: cert,
        entry,
        missing_files: current.unreadable,
        forced,
    })
}

/// Stage a copy of application.toml for `.ccc-exempt/approved/` (nothing in a dry run).
pub(crate) fn keep_copy(
    dir: &std::path::Path,
    app: &std::path::Path,
    dry_run: bool,
) -> Result<crate::ledger::evidence::Staged> {
    std::fs::create_dir_all(dir).map_err(|e| Error::storage_io(dir, e))?;
    crate::ledger::evidence::stage(dir, app, dry_run)
}

/// Put the staged copy in place after the commit; a copy that cannot be put there only means
/// `app show --diff` cannot show lines (the hashes are in the chain).
pub(crate) fn install_copy(copy: &mut crate::ledger::evidence::Staged, dir: &std::path::Path) {
    if copy.install(dir).is_err() {
        copy.discard();
    }
}

/// The note of a `certify` entry: what was certified and, when the approval was recorded past
/// a guard (`--force --reason`), which guard, what it found and the reason, so the chain keeps it.
fn certify_note(cert: &Certificate, forced: Option<&Forced>) -> String {
    // In Chinese whatever the user's language: the note goes into the 台账 for inspectors.
    let mut note = format!(
        "申请 {} · {} 个产品行 · 核准数量合计 {}",
        cert.application_id,
        cert.lines.len(),
        cert.certified_total()
    );
    if let Some(f) = forced {
        note.push_str(&format!(
            " · 经 --force 越过 {}（{}）：{}",
            f.code, f.why, f.reason
        ));
    }
    note
}

/// An application whose approval was voided, approved again: the certificate row stays as first
/// recorded, and an `amend` entry (after the `void`) records the number, issue date, certified
/// quantities and frozen files of the new approval.
fn reapprove_in(
    s: &mut Session<'_, '_>,
    app: &LoadedApplication,
    registered: &str,
    new: &Certificate,
    facts: &Facts,
    current: &crate::ledger::approve::CurrentFiles,
) -> Result<(Entry, Option<Forced>)> {
    let lang = s.lang();
    let id = &app.id;
    let now = s.recorded_at.clone();
    let status = s.tx.ensure_application(id, Some(&new.condition), &now)?;
    let old =
        s.tx.certificate(registered)?
            .ok_or_else(|| Error::Storage(format!("certificate {registered} vanished")))?;
    if !old.voided {
        // Still approved: the table says no (S001).
        status::apply(id, Operation::Approve, status, None, lang)?;
        return Err(Error::Input(crate::ledger::pick(
            lang,
            &format!("申请 {id} 已登记证明 {}", old.number()),
            &format!("application {id} already has certificate {}", old.number()),
        )));
    }
    let last = s.tx.last_check(id)?;
    let step = status::apply(
        id,
        Operation::Approve,
        status,
        Some(&DecisionFacts {
            decided_on: new.issued_on,
            today: s.today,
            prepared_on: facts.prepared_on,
            submitted_on: s.tx.submitted_on(id)?,
            last_check: last.as_ref().map(|c| c.as_last_check()),
            current_files: &facts.current,
            force: facts.force.as_deref(),
        }),
        lang,
    )?;
    if new.cert_no != old.cert_no
        && let Some(other) = s.tx.certificate(&new.cert_no)?
        && other.cert_no != old.cert_no
    {
        return Err(Error::Input(crate::ledger::pick(
            lang,
            &format!(
                "证明号 {} 已登记给申请 {}",
                new.cert_no, other.application_id
            ),
            &format!(
                "certificate {} is already recorded for application {}",
                new.cert_no, other.application_id
            ),
        )));
    }
    if new.lines.len() != old.lines.len() {
        return Err(Error::Input(crate::ledger::pick(
            lang,
            &format!(
                "申请 {id} 现有 {} 个产品行，作废的证明 {} 登记时有 {} 行：重新批准只能沿用原来的产品行",
                new.lines.len(),
                old.cert_no,
                old.lines.len()
            ),
            &format!(
                "application {id} now has {} product lines, the voided certificate {} had {}: an approval made again keeps the product lines first recorded",
                new.lines.len(),
                old.cert_no,
                old.lines.len()
            ),
        )));
    }
    // In Chinese whatever the user's language: the reason goes into the 台账 for inspectors.
    let mut reason = format!("重新核准：证明 {} 签发于 {}", new.cert_no, new.issued_on);
    if let Some(f) = step.forced() {
        reason.push_str(&format!(
            " · 经 --force 越过 {}（{}）：{}",
            f.code, f.why, f.reason
        ));
    }
    let amendment = super::revise::Amendment {
        reason,
        cert_no: Some(new.cert_no.clone()),
        issued: Some(new.issued_on),
        quantities: new.lines.iter().map(|l| (l.line, l.certified)).collect(),
    };
    let entries = super::revise::revise_in(
        s,
        app,
        &old,
        status,
        &amendment,
        current,
        new.package_sha256.clone(),
        true,
    )?;
    let mut note = format!(
        "certificate {} issued {} (approved again)",
        new.cert_no, new.issued_on
    );
    if let Some(f) = step.forced() {
        note.push_str(&format!("; forced past {}: {}", f.code, f.reason));
    }
    s.tx.set_status(id, &step, &now, Some(&note))?;
    let forced = match step {
        Step::Move { forced, .. } => forced,
        Step::Stay(_) => None,
    };
    let head = entries
        .into_iter()
        .next()
        .ok_or_else(|| Error::Storage("no entry was appended".into()))?;
    Ok((head, forced))
}

fn approve_in(
    s: &mut Session<'_, '_>,
    cert: &Certificate,
    facts: &Facts,
) -> Result<(Entry, Option<Forced>)> {
    let lang = s.lang();
    let now = s.recorded_at.clone();
    if s.tx.certificate_exists(&cert.cert_no)? {
        return Err(Error::Input(crate::ledger::pick(
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
        note: Some(certify_note(cert, step.forced())),
        idem_key: None,
        reverses: None,
        evidence: Vec::new(),
        hash: [0; 32],
    };
    let entry = s.append(e, &payload)?;
    // The lines' balance rows, empty, sealed to the entry that recorded the certificate.
    for l in &cert.lines {
        let empty = StoredBalance {
            cert_no: cert.cert_no.clone(),
            line: l.line,
            balance: Default::default(),
            last_date: None,
            entries: 0,
        };
        s.tx.put_balance(&SealedBalance::new(empty, entry.seq, &entry.hash))?;
    }
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

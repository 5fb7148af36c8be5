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
        note: Some(format!(
            "申请 {} · {} 个产品行 · 核准数量合计 {}",
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

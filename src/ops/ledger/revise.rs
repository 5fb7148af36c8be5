//! `app amend` and `app void`'s transactions: a correction of a recorded decision, appended to
//! the chain (`amend` / `void` entries, `crate::ledger::revision`) through one [`Session`], with
//! the application's status moved by the lifecycle table (`crate::model::status`, operations
//! `Amend` and `Void`) in the same transaction. Nothing recorded before is changed.

use crate::model::codes::Code;
use chrono::NaiveDate;

use crate::application::LoadedApplication;
use crate::error::{Error, Result};
use crate::ledger::approve::current_files;
use crate::ledger::entry::{Certificate, Entry};
use crate::ledger::kind::Kind;
use crate::ledger::pick;
use crate::ledger::revision::frozen_evidence;
use crate::model::status::{self, DecisionFacts, Operation, Status};
use crate::store::Store;
use crate::util::hex::parse_hex32;

use super::session::{Session, Settings};

/// What `app amend` records.
#[derive(Debug, Clone, Default)]
pub struct Amendment {
    pub reason: String,
    /// The new certificate number.
    pub cert_no: Option<String>,
    /// The new issue date.
    pub issued: Option<NaiveDate>,
    /// New certified quantities: (line from 1, quantity).
    pub quantities: Vec<(i64, i64)>,
}

/// The result of an amendment (or of an approval made again after a void).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Amended {
    /// The certificate in force after it.
    pub certificate: Certificate,
    /// The entries appended (line 0, then one per line whose quantity changed).
    pub entries: Vec<Entry>,
    /// Material files named by the application that could not be read (not frozen).
    pub missing_files: Vec<String>,
}

/// The result of a void.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Voided {
    pub id: String,
    /// The certificate whose approval was voided (none for a rejection).
    pub cert_no: Option<String>,
    pub entry: Entry,
    /// The decision voided and the status the application is back in.
    pub voided: Status,
    pub status: Status,
}

fn no_reason(lang: crate::Lang, flag: &str) -> Error {
    Error::Input(pick(
        lang,
        &format!("{flag} 需要用 --reason 写明原因"),
        &format!("{flag} needs the reason with --reason TEXT"),
    ))
}

/// Record an amendment of the certificate of `app` (SPEC section 8).
pub fn amend(
    store: &mut Store,
    settings: Settings<'_>,
    app: &LoadedApplication,
    a: &Amendment,
) -> Result<Amended> {
    let lang = settings.lang;
    let reason = a.reason.trim();
    if reason.is_empty() {
        return Err(no_reason(lang, "app amend"));
    }
    if a.cert_no.is_none() && a.issued.is_none() && a.quantities.is_empty() {
        return Err(Error::Input(pick(
            lang,
            "app amend：至少给出 --cert-no、--issued 或 --quantity LINE=N 之一",
            "app amend: give at least one of --cert-no, --issued or --quantity LINE=N",
        )));
    }
    if let Some(no) = &a.cert_no
        && (no.trim().is_empty() || no.chars().any(|c| c.is_control()))
    {
        return Err(Error::Input(pick(
            lang,
            "证明号不能为空",
            "the certificate number must not be empty",
        )));
    }
    // The application's files as they are now: the amendment freezes them again (S002 compares
    // with them from now on). application.toml itself is kept, so `app show --diff` can show
    // what changes after it.
    let current = current_files(app)?;
    let approved = crate::ledger::evidence::approved_dir(settings.evidence_dir);
    let mut copy = super::approve::keep_copy(&approved, &app.path, settings.dry_run)?;
    let tx = store.ledger_tx()?;
    let mut s = Session::begin(tx, settings)?;
    let r = (|| -> Result<Amended> {
        let id = &app.id;
        let status = s.tx.ensure_application(id, None, &s.recorded_at.clone())?;
        let Some(registered) = s.tx.certificate_of(id)? else {
            return Err(status::apply(id, Operation::Amend, status, None, lang)
                .err()
                .unwrap_or_else(|| no_certificate(id, lang)));
        };
        let cert =
            s.tx.certificate(&registered)?
                .ok_or_else(|| no_certificate(id, lang))?;
        let package = s.tx.latest_package_sha256(id)?;
        let entries = revise_in(&mut s, app, &cert, status, a, &current, package, false)?;
        let certificate =
            s.tx.certificate(&registered)?
                .ok_or_else(|| no_certificate(id, lang))?;
        Ok(Amended {
            certificate,
            entries,
            missing_files: current.unreadable.clone(),
        })
    })();
    let r = r.and_then(|v| s.tx.keep_approved(&mut copy).map(|()| v));
    let v = s.conclude(r)?;
    super::approve::install_copy(&mut copy, &approved);
    Ok(v)
}

fn no_certificate(id: &str, lang: crate::Lang) -> Error {
    Error::Input(pick(
        lang,
        &format!("申请 {id} 没有登记证明"),
        &format!("application {id} has no certificate recorded"),
    ))
}

/// The entries of an amendment (or of an approval made again after a void, `reapproval`) of
/// `cert`, checked and appended in `s`; the application's status moved through the table.
#[allow(clippy::too_many_arguments)]
pub(crate) fn revise_in(
    s: &mut Session<'_, '_>,
    app: &LoadedApplication,
    cert: &Certificate,
    status: Status,
    a: &Amendment,
    current: &crate::ledger::approve::CurrentFiles,
    package: Option<String>,
    reapproval: bool,
) -> Result<Vec<Entry>> {
    let lang = s.lang();
    let id = &app.id;
    let now = s.recorded_at.clone();
    let issued = a.issued.unwrap_or(cert.issued_on);
    let step = if reapproval {
        None
    } else {
        Some(status::apply(
            id,
            Operation::Amend,
            status,
            Some(&DecisionFacts {
                decided_on: issued,
                today: s.today,
                prepared_on: app.app.prepared_on,
                submitted_on: s.tx.submitted_on(id)?,
                last_check: None,
                current_files: &[],
                force: None,
            }),
            lang,
        )?)
    };
    if let Some(seq) = s.tx.closed(&cert.cert_no)? {
        return Err(crate::ledger::movement::l009(&cert.cert_no, seq, lang));
    }
    // The number: not one another certificate holds.
    let number = a
        .cert_no
        .as_deref()
        .map(str::trim)
        .unwrap_or(cert.number())
        .to_string();
    if number != cert.number()
        && let Some(other) = s.tx.certificate(&number)?
        && other.cert_no != cert.cert_no
    {
        return Err(Error::Input(pick(
            lang,
            &format!("证明号 {number} 已登记给申请 {}", other.application_id),
            &format!(
                "certificate number {number} is already recorded for application {}",
                other.application_id
            ),
        )));
    }
    // The movements so far: the new issue date is not after any of them (L006), and no line's
    // certified quantity falls below what it has received (L002).
    let timelines = s.tx.timelines(&cert.cert_no, None)?;
    if let Some(first) = timelines.values().flatten().min_by_key(|i| (i.date, i.seq))
        && issued > first.date
    {
        return Err(Error::refused(
            Code::L006,
            pick(
                lang,
                &format!(
                    "签发日期不能改为 {issued}：条目 #{}（{} {}）早于该日期",
                    first.seq,
                    first.kind.zh(),
                    first.date
                ),
                &format!(
                    "the issue date cannot become {issued}: entry #{} ({} on {}) is before it",
                    first.seq, first.kind, first.date
                ),
            ),
        ));
    }
    let mut changed = Vec::new();
    for &(line, qty) in &a.quantities {
        let Some(l) = cert.line(line) else {
            return Err(Error::Input(pick(
                lang,
                &format!(
                    "--quantity {line}=…：证明只有 {} 个产品行",
                    cert.lines.len()
                ),
                &format!(
                    "--quantity {line}=…: the certificate has {} product lines",
                    cert.lines.len()
                ),
            )));
        };
        if l.applied > 0 && qty > l.applied {
            return Err(Error::Input(pick(
                lang,
                &format!("第 {line} 行核准数量 {qty} 大于申请数量 {}", l.applied),
                &format!(
                    "line {line}: certified {qty} is more than the {} applied for",
                    l.applied
                ),
            )));
        }
        let received: i64 = timelines
            .get(&line)
            .map(|items| {
                items
                    .iter()
                    .filter(|i| i.kind == Kind::Inbound)
                    .map(|i| i.qty)
                    .sum()
            })
            .unwrap_or(0);
        if qty < received {
            return Err(Error::refused(
                Code::L002,
                pick(
                    lang,
                    &format!("第 {line} 行核准数量不能改为 {qty}：已入库 {received}"),
                    &format!(
                        "line {line}: the certified quantity cannot become {qty}: {received} already received"
                    ),
                ),
            ));
        }
        if let Some(c) = changed.iter_mut().find(|(l, _)| *l == line) {
            *c = (line, qty);
        } else if reapproval || qty != l.certified {
            changed.push((line, qty));
        }
    }
    changed.sort();
    if !reapproval && number == cert.number() && issued == cert.issued_on && changed.is_empty() {
        return Err(Error::Input(pick(
            lang,
            "app amend：给出的值与证明现有的相同，没有可登记的修改",
            "app amend: the values given are those the certificate already has; nothing to amend",
        )));
    }
    let package = package.as_deref().and_then(parse_hex32);
    let note = if reapproval {
        format!("approved again after a void: {}", a.reason.trim())
    } else {
        a.reason.trim().to_string()
    };
    let base = Entry {
        seq: 0,
        cert_no: cert.cert_no.clone(),
        line: 0,
        kind: Kind::Amend,
        qty: 0,
        date: issued,
        recorded_at: now.clone(),
        doc_no: Some(number.clone()),
        location: None,
        operator: None,
        note: Some(note),
        idem_key: None,
        reverses: None,
        evidence: frozen_evidence(&current.files, package),
        hash: [0; 32],
    };
    let mut out = vec![s.append(base.clone(), &[])?];
    for (line, qty) in changed {
        let e = Entry {
            line,
            qty,
            evidence: Vec::new(),
            ..base.clone()
        };
        out.push(s.append(e, &[])?);
    }
    if let Some(step) = step {
        s.tx.set_status(
            id,
            &step,
            &now,
            Some(&format!("amended: {}", a.reason.trim())),
        )?;
    }
    Ok(out)
}

/// Record that the decision on application `id` (an approval or a rejection) was entered by
/// mistake (SPEC section 8). An approval is voided only while no movement is recorded on its
/// certificate (S005).
pub fn void(store: &mut Store, settings: Settings<'_>, id: &str, reason: &str) -> Result<Voided> {
    let lang = settings.lang;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(no_reason(lang, "app void"));
    }
    let tx = store.ledger_tx()?;
    let mut s = Session::begin(tx, settings)?;
    let r = (|| -> Result<Voided> {
        let now = s.recorded_at.clone();
        let status = s.tx.ensure_application(id, None, &now)?;
        let before = s.tx.status_before(id)?;
        let step = status::apply_void(id, status, before, lang)?;
        let mut cert_no = None;
        if status == Status::Approved {
            let registered =
                s.tx.certificate_of(id)?
                    .ok_or_else(|| no_certificate(id, lang))?;
            if let Some((seq, kind, date)) = s.tx.first_movement(&registered)? {
                return Err(Error::refused(
                    Code::S005,
                    pick(
                        lang,
                        &format!(
                            "申请 {id} 的批准不能作废：证明 {registered} 已有流水（#{seq} {} {date}）；证明有误请用 `app amend` 修改，流水有误请用 `ledger reverse` 冲销",
                            kind.zh()
                        ),
                        &format!(
                            "the approval of {id} cannot be voided: certificate {registered} has movements (#{seq} {kind} on {date}); correct the certificate with `app amend`, a wrong movement with `ledger reverse`"
                        ),
                    ),
                ));
            }
            cert_no = Some(registered);
        }
        let e = Entry {
            seq: 0,
            cert_no: cert_no.clone().unwrap_or_default(),
            line: 0,
            kind: Kind::Void,
            qty: 0,
            date: s.today,
            recorded_at: now.clone(),
            doc_no: Some(id.to_string()),
            location: None,
            operator: None,
            note: Some(reason.to_string()),
            idem_key: None,
            reverses: None,
            evidence: Vec::new(),
            hash: [0; 32],
        };
        let entry = s.append(e, &[])?;
        s.tx.set_status(
            id,
            &step,
            &now,
            Some(&format!(
                "{} voided (#{}): {reason}",
                status.as_str(),
                entry.seq
            )),
        )?;
        Ok(Voided {
            id: id.to_string(),
            cert_no,
            entry,
            voided: status,
            status: step.status(),
        })
    })();
    s.conclude(r)
}

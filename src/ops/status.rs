//! `status`: the dashboard as a value. Every application with its state, every certificate with
//! its totals (the balances of its lines summed), open quantities and next deadline, and the
//! flags: D001–D004 per certificate, K002 over the certificates issued
//! (`ledger::deadlines::k002`, the one computation `check` uses too), S003 for an approval
//! recorded past its guard, and W001 for temporary files an interrupted command left that cannot
//! be removed (`Workspace::sweep_leftovers` removes the others). Severities are those in force
//! (`[severity]`). Read-only apart from that sweep: the database is neither created nor migrated.

use serde::Serialize;

use super::app::all_ids;
use crate::application::load_application;
use crate::error::Result;
use crate::ledger::Balance;
use crate::ledger::deadlines::{self, CertStatus};
use crate::model::codes::Code;
use crate::model::diagnostic::{Diagnostic, Location};
use crate::model::status::Status;
use crate::store::applications::ForcedRecord;
use crate::workspace::Workspace;
use crate::{Lang, Now};

/// Nothing to choose yet; here so the dashboard can grow options (an as-of date, a filter)
/// without changing the shape.
#[derive(Debug, Clone, Default)]
pub struct Options {}

/// One application on the dashboard (the JSON of `status`).
#[derive(Debug, Clone, Serialize)]
pub struct AppRow {
    pub id: String,
    pub condition: Option<String>,
    pub status: Status,
    pub registered: bool,
    pub certificate: Option<String>,
    /// The approval was recorded past a guard (`app approve --force --reason`).
    pub forced: Option<ForcedRecord>,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub as_of: Now,
    pub applications: Vec<AppRow>,
    pub certificates: Vec<CertStatus>,
    /// Rejections voided (recorded by mistake): the corrections of certificates are with them.
    pub voided_rejections: Vec<crate::ledger::Entry>,
    /// Every flag: the certificates' own (also in `certificates`), then K002, S003, W001.
    pub findings: Vec<Diagnostic>,
}

pub fn run(ws: &Workspace, _opts: Options, now: Now, lang: Lang) -> Result<Report> {
    let store = ws.store_read()?;
    let today = now.date();
    let records = store.applications()?;
    let certs = store.certificates()?;
    let balances = store.balances(None)?;
    let closures = store.closures()?;
    let applications: Vec<AppRow> = all_ids(ws, &records)?
        .into_iter()
        .map(|id| {
            let rec = records.iter().find(|r| r.id == id);
            // Not registered yet (never checked): the condition as the file says.
            let condition = rec.and_then(|r| r.condition.clone()).or_else(|| {
                load_application(&id, &ws.application_path(&id), Some(&ws.config.applicant))
                    .ok()
                    .and_then(|a| a.app.condition)
                    .map(|c| c.slug().to_string())
            });
            AppRow {
                certificate: certs
                    .iter()
                    .find(|c| c.application_id == id && !c.voided)
                    .map(|c| c.number().to_string()),
                condition,
                status: rec.map_or(Status::Draft, |r| r.status),
                forced: rec.and_then(|r| r.forced.clone()),
                registered: rec.is_some(),
                id,
            }
        })
        .collect();
    let mut certificates: Vec<CertStatus> = certs
        .iter()
        .map(|c| {
            let mut t = Balance::default();
            let mut lines = Vec::new();
            for b in balances.iter().filter(|b| b.cert_no == c.cert_no) {
                lines.push((b.line, b.balance));
                let x = &b.balance;
                t.received += x.received;
                t.in_stock += x.in_stock;
                t.issued += x.issued;
                t.used += x.used;
                t.reexported += x.reexported;
                t.scrapped += x.scrapped;
                t.exported += x.exported;
            }
            deadlines::certificate_status(c, t, closures.get(&c.cert_no).copied(), today, lang)
                .with_lines(c, &lines)
        })
        .collect();
    for s in &mut certificates {
        ws.config.severity.apply(&mut s.findings);
    }
    let mut findings: Vec<Diagnostic> = certificates
        .iter()
        .flat_map(|s| s.findings.clone())
        .collect();
    if let Some(k) = deadlines::k002(&certs, today, &ws.config.thresholds, lang) {
        findings.push(k);
    }
    for a in &applications {
        if let Some(f) = &a.forced {
            findings.push(forced(a, f, lang));
        }
        if a.certificate.is_some() {
            let current = load_application(
                &a.id,
                &ws.application_path(&a.id),
                Some(&ws.config.applicant),
            )
            .ok()
            .and_then(|l| crate::ledger::approve::current_files(&l).ok());
            findings.extend(super::app::drift_findings(
                &store,
                &ws.applications_dir().join(&a.id),
                &a.id,
                current.as_ref(),
                lang,
            )?);
        }
    }
    // L011: dispositions recorded past the commitment, with their reason.
    for e in store.deviations()? {
        let note = e.note.clone().unwrap_or_default();
        let message = match lang {
            Lang::Zh => format!(
                "条目 #{}（证明 {} 第 {} 行 {} {} 件，{}）偏离申请承诺的处理方式：{note}",
                e.seq,
                e.cert_no,
                e.line,
                e.kind.zh(),
                e.qty,
                e.date
            ),
            Lang::En => format!(
                "entry #{} (certificate {} line {}: {} {} on {}) departs from the committed disposal: {note}",
                e.seq, e.cert_no, e.line, e.kind, e.qty, e.date
            ),
        };
        findings.push(Diagnostic::new(Code::L011, message).at(Location::Entry {
            seq: e.seq,
            cert_no: Some(e.cert_no.clone()),
            line: Some(e.line),
        }));
    }
    for left in ws.sweep_leftovers() {
        let shown = left.path.display().to_string();
        let message = match lang {
            Lang::Zh => format!(
                "{shown}（{} 字节）：被中断的命令留下的临时文件，无法删除：{}",
                left.size, left.error
            ),
            Lang::En => format!(
                "{shown} ({} bytes): left by an interrupted command, cannot be removed: {}",
                left.size, left.error
            ),
        };
        findings.push(Diagnostic::new(Code::W001, message).at(Location::File {
            file: shown.clone(),
            line: None,
            column: None,
            key: None,
        }));
    }
    ws.config.severity.apply(&mut findings);
    let voided_rejections = store.entries(&crate::store::ledger::EntryFilter {
        cert_no: Some(String::new()),
        kinds: vec![crate::ledger::Kind::Void],
        ..Default::default()
    })?;
    Ok(Report {
        as_of: now,
        applications,
        certificates,
        voided_rejections,
        findings,
    })
}

/// S003 for an approval recorded past its guard, at the certificate when there is one.
fn forced(a: &AppRow, f: &ForcedRecord, lang: Lang) -> Diagnostic {
    let message = match lang {
        Lang::Zh => format!(
            "{}：批准时没有对当前文件的无错误检查（{}）；{} 用 --force 强制登记，原因：{}",
            a.id, f.why, f.at, f.reason
        ),
        Lang::En => format!(
            "{}: approved without a clean check of the current files ({}); recorded with --force on {}, reason: {}",
            a.id, f.why, f.at, f.reason
        ),
    };
    let d = Diagnostic::new(Code::S003, message);
    match &a.certificate {
        Some(cert_no) => d.at(Location::Certificate {
            cert_no: cert_no.clone(),
            line: None,
        }),
        None => d,
    }
}

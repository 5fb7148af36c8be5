//! The deadlines of a certificate (guide, 线上办理流程 6–8) and the workspace's risk flags:
//! D001 usage record within 12 months of issue, D002 export proof within two weeks of the
//! committed export date (condition 5), D003 disposal after the exhibition (condition 4),
//! D004 retention until 24 months after the write-off, K002 many batches in 12 months.

use chrono::{Days, Months, NaiveDate};
use serde::Serialize;

use super::balance::Balance;
use super::entry::Certificate;
use crate::Lang;
use crate::model::codes::Code;
use crate::model::diagnostic::{Diagnostic, Location};
use crate::rules::{Thresholds, k002};

/// How long materials and records are kept after the write-off (guide, 线上办理流程 7).
pub const RETENTION_MONTHS: u32 = 24;

/// The retention date of a certificate written off on `date`.
pub fn retain_until(date: NaiveDate) -> NaiveDate {
    date.checked_add_months(Months::new(RETENTION_MONTHS))
        .unwrap_or(date)
}

/// The next date that matters for a certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    pub code: Code,
    pub date: NaiveDate,
    pub what: String,
}

/// A certificate on the dashboard.
#[derive(Debug, Clone, Serialize)]
pub struct CertStatus {
    pub cert_no: String,
    /// The number in force when an amendment changed it.
    pub amended_no: Option<String>,
    pub application_id: String,
    pub condition: String,
    pub issued_on: NaiveDate,
    /// open | written-off | voided (the approval was recorded by mistake)
    pub state: &'static str,
    pub certified: i64,
    #[serde(flatten)]
    pub totals: Balance,
    /// Received and not yet in a final disposition.
    pub open: i64,
    /// Certified and not yet received.
    pub not_received: i64,
    pub written_off_on: Option<NaiveDate>,
    pub retain_until: Option<NaiveDate>,
    pub next_deadline: Option<Deadline>,
    /// Deadlines and risk flags (D001–D005), located at the certificate.
    pub findings: Vec<Diagnostic>,
    /// Per certificate line: certified, received and still open (in stock or issued).
    pub lines: Vec<LineOpen>,
    /// The corrections recorded on it (amendments, voids), in order.
    pub corrections: Vec<super::revision::Revision>,
}

/// One line of a certificate on the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineOpen {
    pub line: i64,
    pub product: String,
    pub certified: i64,
    pub received: i64,
    pub in_stock: i64,
    pub issued: i64,
    /// In stock or issued: not yet in a final disposition.
    pub open: i64,
}

impl CertStatus {
    /// The certificate's lines with their balances (`balances`: line → balance; a line without
    /// one has received nothing).
    pub fn with_lines(mut self, cert: &Certificate, balances: &[(i64, Balance)]) -> CertStatus {
        self.lines = cert
            .lines
            .iter()
            .map(|l| {
                let b = balances
                    .iter()
                    .find(|(n, _)| *n == l.line)
                    .map(|(_, b)| *b)
                    .unwrap_or_default();
                LineOpen {
                    line: l.line,
                    product: l.name.clone(),
                    certified: l.certified,
                    received: b.received,
                    in_stock: b.in_stock,
                    issued: b.issued,
                    open: b.open(),
                }
            })
            .collect();
        self
    }
}

/// `issued + months`, clamped at the end of a short month.
fn add_months(d: NaiveDate, m: u32) -> NaiveDate {
    d.checked_add_months(Months::new(m)).unwrap_or(d)
}

/// The dashboard row of a certificate. `totals` sums the balances of its lines; `closed` is the
/// write-off date when it was written off.
pub fn certificate_status(
    cert: &Certificate,
    totals: Balance,
    closed: Option<NaiveDate>,
    today: NaiveDate,
    lang: Lang,
) -> CertStatus {
    let certified = cert.certified_total();
    let mut findings = Vec::new();
    let mut deadlines: Vec<Deadline> = Vec::new();
    let c = &cert.cert_no;
    let voided = cert.voided;
    let f = |code: Code, due: NaiveDate, message: String| {
        Diagnostic::new(code, message)
            .at(Location::Certificate {
                cert_no: c.clone(),
                line: None,
            })
            .due(due)
    };
    if voided {
        // A decision recorded by mistake: no certificate, so no deadline.
    } else if let Some(off) = closed {
        let until = retain_until(off);
        findings.push(f(Code::D004, until,
            lang.pick(
                &format!("{off} 核销完毕；申请材料、使用记录及证明材料须保存至 {until}"),
                &format!("written off on {off}; keep the application, usage records and evidence until {until}"),
            )
            .to_string(),
        ));
        deadlines.push(Deadline {
            code: Code::D004,
            date: until,
            what: lang.pick("保存期满", "end of retention").to_string(),
        });
    } else {
        // D001: a usage record (any final disposition) within 12 months of issue.
        let due = add_months(cert.issued_on, 12);
        let warn_from = add_months(cert.issued_on, 11);
        if totals.disposed() == 0 {
            deadlines.push(Deadline {
                code: Code::D001,
                date: due,
                what: lang
                    .pick("填写首条使用记录", "first usage record")
                    .to_string(),
            });
            if today > due {
                findings.push(f(Code::D001, due,
                    lang.pick(
                        &format!("证明于 {} 签发，已超过12个月（{due}）仍无使用记录：将被现场检查", cert.issued_on),
                        &format!(
                            "issued {} and still no usage record 12 months later ({due}): expect an on-site inspection",
                            cert.issued_on
                        ),
                    )
                    .to_string(),
                ));
            } else if today >= warn_from {
                findings.push(f(
                    Code::D001,
                    due,
                    lang.pick(
                        &format!("证明签发已满11个月，尚无使用记录；须在 {due} 前填写"),
                        &format!(
                            "11 months since issue and no usage record yet; record one before {due}"
                        ),
                    )
                    .to_string(),
                ));
            }
        }
        // D005: units still in stock or issued 12 months after issue.
        let year = add_months(cert.issued_on, 12);
        let open = totals.in_stock + totals.issued;
        if open > 0 {
            deadlines.push(Deadline {
                code: Code::D005,
                date: year,
                what: match lang {
                    Lang::Zh => format!("处置未处置的 {open} 件"),
                    Lang::En => format!("dispose of the {open} open units"),
                },
            });
            if today > year {
                findings.push(f(
                    Code::D005,
                    year,
                    match lang {
                        Lang::Zh => format!(
                            "证明于 {} 签发，12个月后（{year}）仍有 {open} 件未处置（库存 {}，领用未归还 {}）",
                            cert.issued_on, totals.in_stock, totals.issued
                        ),
                        Lang::En => format!(
                            "issued {}: 12 months later ({year}) {open} units are still not disposed of ({} in stock, {} issued)",
                            cert.issued_on, totals.in_stock, totals.issued
                        ),
                    },
                ));
            }
        }
        // D002: condition 5, export proof within two weeks after the committed export date.
        if let Some(export) = cert.export_due {
            let due = export.checked_add_days(Days::new(14)).unwrap_or(export);
            let pending = totals.open() > 0 || totals.received == 0;
            if pending {
                deadlines.push(Deadline {
                    code: Code::D002,
                    date: due,
                    what: lang.pick("提交出口证明", "export proof").to_string(),
                });
                if today > due {
                    findings.push(f(Code::D002, due,
                        lang.pick(
                            &format!("承诺出口日期 {export} 后两周（{due}）已过，出口证明仍未登记"),
                            &format!("the export proof was due two weeks after the committed export date {export} ({due}) and is not recorded"),
                        )
                        .to_string(),
                    ));
                } else if today >= export {
                    findings.push(f(Code::D002, due,
                        lang.pick(
                            &format!("已到承诺出口日期 {export}；须在 {due} 前登记整机出口及出口报关单"),
                            &format!("the committed export date {export} has come; record the export with its declaration by {due}"),
                        )
                        .to_string(),
                    ));
                }
            }
        }
        // D003: condition 4, the exhibition ended and units are not yet disposed of.
        if let Some(end) = cert.exhibition_end
            && totals.open() > 0
        {
            deadlines.push(Deadline {
                code: Code::D003,
                date: end,
                what: lang
                    .pick("展后处置（退运或销毁）", "post-exhibition disposal")
                    .to_string(),
            });
            if today > end {
                findings.push(f(Code::D003, end,
                    lang.pick(
                        &format!("展示已于 {end} 结束，仍有 {} 件未退运或销毁", totals.open()),
                        &format!("the exhibition ended on {end} and {} units are not yet re-exported or destroyed", totals.open()),
                    )
                    .to_string(),
                ));
            }
        }
    }
    deadlines.sort_by_key(|d| d.date);
    CertStatus {
        cert_no: cert.cert_no.clone(),
        amended_no: cert.amended_no.clone(),
        application_id: cert.application_id.clone(),
        condition: cert.condition.clone(),
        issued_on: cert.issued_on,
        state: if voided {
            "voided"
        } else if closed.is_some() {
            crate::model::status::Status::WrittenOff.as_str()
        } else {
            "open"
        },
        certified,
        totals,
        open: totals.open(),
        not_received: (certified - totals.received).max(0),
        written_off_on: closed,
        retain_until: closed.map(retain_until),
        next_deadline: deadlines.into_iter().next(),
        findings,
        lines: Vec::new(),
        corrections: cert.revisions.clone(),
    }
}

/// K002 (rules::k002, the one place that computes it) over the workspace's certificates.
pub fn k002(
    certs: &[Certificate],
    today: NaiveDate,
    th: &Thresholds,
    lang: Lang,
) -> Option<Diagnostic> {
    let issued = batches(certs);
    k002::assess(&issued, today, None, th).map(|k| Diagnostic::new(Code::K002, k.message(lang)))
}

/// The certificates as K002 batches.
pub fn batches(certs: &[Certificate]) -> Vec<k002::Batch> {
    // A voided approval issued no certificate.
    certs
        .iter()
        .filter(|c| !c.voided)
        .map(|c| k002::Batch {
            application_id: c.application_id.clone(),
            issued_on: c.issued_on,
            units: c.certified_total(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::entry::CertLine;

    fn cert(issued: &str) -> Certificate {
        Certificate {
            cert_no: "C1".into(),
            application_id: "a".into(),
            condition: "research".into(),
            issued_on: issued.parse().unwrap(),
            approved_at: String::new(),
            application_sha256: [0; 32],
            package_sha256: None,
            export_due: None,
            exhibition_end: None,
            lines: vec![CertLine {
                line: 1,
                name: "x".into(),
                model: "y".into(),
                unit: "台".into(),
                applied: 3,
                certified: 3,
            }],
            files: vec![],
            amended_no: None,
            revisions: vec![],
            voided: false,
        }
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn d001_warns_from_month_11() {
        let c = cert("2025-01-31");
        let s = certificate_status(&c, Balance::default(), None, d("2025-12-30"), Lang::En);
        assert!(s.findings.is_empty());
        assert_eq!(s.next_deadline.as_ref().unwrap().date, d("2026-01-31"));
        let s = certificate_status(&c, Balance::default(), None, d("2025-12-31"), Lang::En);
        assert_eq!(s.findings[0].code, Code::D001);
        let s = certificate_status(&c, Balance::default(), None, d("2026-02-01"), Lang::En);
        assert!(s.findings[0].message.contains("on-site"));
        let used = Balance {
            received: 3,
            scrapped: 3,
            ..Default::default()
        };
        let s = certificate_status(&c, used, None, d("2026-02-01"), Lang::En);
        assert!(s.findings.is_empty());
        let s = certificate_status(&c, used, Some(d("2026-02-01")), d("2026-02-01"), Lang::En);
        assert_eq!(s.findings[0].code, Code::D004);
        assert_eq!(s.retain_until, Some(d("2028-02-01")));
    }

    #[test]
    fn d005_open_units_a_year_after_issue_and_nothing_for_a_voided_approval() {
        let c = cert("2025-01-31");
        let b = Balance {
            received: 3,
            in_stock: 2,
            issued: 1,
            ..Default::default()
        };
        let s = certificate_status(&c, b, None, d("2026-01-31"), Lang::En);
        assert!(s.findings.iter().all(|f| f.code != Code::D005));
        assert!(s.next_deadline.is_some());
        let s = certificate_status(&c, b, None, d("2026-02-01"), Lang::En);
        let f = s.findings.iter().find(|f| f.code == Code::D005).unwrap();
        assert!(
            f.message
                .contains("3 units are still not disposed of (2 in stock, 1 issued)"),
            "{}",
            f.message
        );
        let done = Balance {
            received: 3,
            scrapped: 3,
            ..Default::default()
        };
        let s = certificate_status(&c, done, None, d("2027-02-01"), Lang::En);
        assert!(s.findings.is_empty());
        let mut v = cert("2025-01-31");
        v.voided = true;
        let s = certificate_status(&v, b, None, d("2027-02-01"), Lang::En);
        assert_eq!(s.state, "voided");
        assert!(s.findings.is_empty() && s.next_deadline.is_none());
        assert!(batches(&[v]).is_empty());
    }

    #[test]
    fn d002_and_d003() {
        let mut c = cert("2026-01-05");
        c.condition = "export-assembly".into();
        c.export_due = Some(d("2026-03-01"));
        let b = Balance {
            received: 3,
            in_stock: 3,
            ..Default::default()
        };
        assert!(
            certificate_status(&c, b, None, d("2026-02-28"), Lang::En)
                .findings
                .is_empty()
        );
        let s = certificate_status(&c, b, None, d("2026-03-16"), Lang::En);
        assert_eq!(s.findings[0].code, Code::D002);
        assert_eq!(s.findings[0].due, Some(d("2026-03-15")));
        let mut c = cert("2026-01-05");
        c.exhibition_end = Some(d("2026-02-10"));
        let s = certificate_status(&c, b, None, d("2026-02-11"), Lang::En);
        assert_eq!(s.findings[0].code, Code::D003);
    }
}

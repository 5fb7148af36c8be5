//! `ledger usage-record --cert NO`: what to enter in the official system's usage records
//! (使用记录), from the certificate's entries (`crate::ledger::usage` builds them).

use crate::error::{Error, Result};
use crate::ledger::usage::{self, UsageReport};
use crate::model::codes::Code;
use crate::store::Store;
use crate::store::ledger::EntryFilter;
use crate::workspace::Workspace;
use crate::{Lang, Now};

/// Which certificate.
#[derive(Debug, Clone)]
pub struct Options {
    pub cert_no: String,
}

pub type Report = UsageReport;

/// `ledger usage-record` on the workspace's ledger (read only).
pub fn run(ws: &Workspace, opts: Options, _now: Now, _lang: Lang) -> Result<Report> {
    let store = ws.store_read()?;
    usage_records(&store, opts.cert_no.trim())
}

/// The usage records of certificate `cert_no` (L001 when unknown).
pub fn usage_records(store: &Store, cert_no: &str) -> Result<UsageReport> {
    let Some(cert) = store.certificate(cert_no)? else {
        return Err(Error::refused(
            Code::L001,
            format!(
                "unknown certificate {cert_no:?}; `ccc-exempt ledger balance` lists the certificates"
            ),
        ));
    };
    // The entries and balances name the number the certificate was recorded under.
    let cert_no = cert.cert_no.clone();
    let cert_no = cert_no.as_str();
    let entries = store.entries(&EntryFilter {
        cert_no: Some(cert_no.to_string()),
        ..Default::default()
    })?;
    let open = store
        .balances(Some(cert_no))?
        .iter()
        .map(|b| b.balance.open())
        .sum();
    Ok(usage::records(cert, &entries, open))
}

/// What `ledger usage-record --export DIR` wrote.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Exported {
    /// The directory written to.
    pub dir: std::path::PathBuf,
    /// The evidence files, by record: (entry number, exported name, the name it was given).
    pub files: Vec<ExportedFile>,
    /// The table of what to type into the official system: CSV (UTF-8 with BOM) and XLSX.
    pub csv: std::path::PathBuf,
    pub xlsx: std::path::PathBuf,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct ExportedFile {
    pub seq: i64,
    pub kind: String,
    pub name: String,
    pub given_name: String,
}

/// The extension of a stored evidence file's content.
pub fn stored_extension(evidence_dir: &std::path::Path, sha: &[u8; 32]) -> Option<&'static str> {
    use std::io::Read;
    let mut head = [0u8; 16];
    let mut f =
        std::fs::File::open(crate::ledger::evidence::stored_path(evidence_dir, sha)).ok()?;
    let n = f.read(&mut head).ok()?;
    usage::extension_by_content(&head[..n])
}

/// Write, into `dir` (created when missing; through the output guard), every evidence file of the
/// certificate's usage records named by entry, type, date and kind with the extension of its
/// content, and the table of what to enter per record (CSV with BOM, and XLSX).
pub fn export(
    ws: &Workspace,
    report: &UsageReport,
    dir: &std::path::Path,
    lang: Lang,
) -> Result<Exported> {
    use crate::ops::output::destination;
    if !dir.exists() {
        let d = destination(Some(ws), dir, &[], lang)?;
        std::fs::create_dir(&d.path).map_err(|e| Error::input_io(&d.path, e))?;
    } else if !dir.is_dir() {
        return Err(Error::Input(format!(
            "{}: {}",
            dir.display(),
            lang.pick("不是目录", "is not a directory")
        )));
    }
    let evidence_dir = ws.evidence_dir();
    let no = report.certificate.number().to_string();
    let mut files = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for r in &report.records {
        let entry = crate::ledger::Entry {
            seq: r.seq,
            cert_no: no.clone(),
            line: r.line,
            kind: r.kind,
            qty: r.qty,
            date: r.date,
            recorded_at: String::new(),
            doc_no: None,
            location: None,
            operator: None,
            note: None,
            idem_key: None,
            reverses: None,
            evidence: r
                .evidence
                .iter()
                .map(|v| crate::ledger::Evidence {
                    kind: v.kind.clone(),
                    name: v.name.clone(),
                    sha256: crate::util::hex::parse_hex32(&v.sha256).unwrap_or([0; 32]),
                    size: 0,
                })
                .collect(),
            hash: [0; 32],
        };
        let names = usage::export_names(&entry, |h| stored_extension(&evidence_dir, h));
        for (v, name) in entry.evidence.iter().zip(&names) {
            let src = crate::ledger::evidence::stored_path(&evidence_dir, &v.sha256);
            let bytes = std::fs::read(&src).map_err(|e| {
                Error::Storage(format!(
                    "{}: {e} ({})",
                    src.display(),
                    lang.pick(
                        "证明文件缺失：运行 `ccc-exempt ledger verify`，从备份恢复",
                        "an evidence file is missing: run `ccc-exempt ledger verify` and restore it from a backup"
                    )
                ))
            })?;
            let actual: [u8; 32] = <sha2::Sha256 as sha2::Digest>::digest(&bytes).into();
            if actual != v.sha256 {
                return Err(Error::Storage(format!(
                    "{}: {}",
                    src.display(),
                    lang.pick(
                        "证明文件已被改动（L114）：运行 `ccc-exempt ledger verify`",
                        "the evidence file was altered (L114): run `ccc-exempt ledger verify`"
                    )
                )));
            }
            let d = destination(Some(ws), &dir.join(name), &[], lang)?;
            crate::util::files::write_atomic(&d.path, &bytes)
                .map_err(|e| Error::storage_io(&d.path, e))?;
            files.push(ExportedFile {
                seq: r.seq,
                kind: v.kind.clone(),
                name: name.clone(),
                given_name: v.name.clone(),
            });
        }
        rows.push(vec![
            r.record_type.to_string(),
            r.date.to_string(),
            r.product.clone(),
            r.model.clone(),
            r.qty.to_string(),
            r.unit.clone(),
            r.doc_no.clone().unwrap_or_default(),
            r.note.clone().unwrap_or_default(),
            names.join("；"),
            format!("#{}", r.seq),
        ]);
    }
    let header = [
        "类型",
        "日期",
        "产品名称",
        "规格型号",
        "数量",
        "单位",
        "单证号",
        "说明",
        "上传文件",
        "台账条目",
    ];
    // CSV, UTF-8 with BOM (what Excel opens as UTF-8).
    let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
    w.write_record(header)
        .map_err(|e| Error::Storage(e.to_string()))?;
    for r in &rows {
        w.write_record(r)
            .map_err(|e| Error::Storage(e.to_string()))?;
    }
    let bytes = w.into_inner().map_err(|e| Error::Storage(e.to_string()))?;
    let base = format!("使用记录-{}", no.replace(['/', '\\'], "_"));
    let csv_dest = destination(Some(ws), &dir.join(format!("{base}.csv")), &[], lang)?;
    crate::util::files::write_atomic(&csv_dest.path, &bytes)
        .map_err(|e| Error::storage_io(&csv_dest.path, e))?;
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    let xerr = |e: rust_xlsxwriter::XlsxError| Error::Storage(e.to_string());
    sheet.set_name("使用记录").map_err(xerr)?;
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).map_err(xerr)?;
    }
    for (i, r) in rows.iter().enumerate() {
        for (c, v) in r.iter().enumerate() {
            sheet
                .write_string(i as u32 + 1, c as u16, v)
                .map_err(xerr)?;
        }
    }
    let xbytes = wb.save_to_buffer().map_err(xerr)?;
    let xlsx_dest = destination(Some(ws), &dir.join(format!("{base}.xlsx")), &[], lang)?;
    crate::util::files::write_atomic(&xlsx_dest.path, &xbytes)
        .map_err(|e| Error::storage_io(&xlsx_dest.path, e))?;
    Ok(Exported {
        dir: csv_dest.dir,
        files,
        csv: csv_dest.path,
        xlsx: xlsx_dest.path,
    })
}

//! The 《CCC 免办进口产品管理台账》 as an inspector reads it: per certificate, every entry in
//! business-date order with the balance after it, and the summary per line. Written as XLSX (one
//! sheet per certificate and a summary sheet), CSV (UTF-8 with BOM, for Excel) or JSON. Built from
//! values the caller loaded (`crate::ops::ledger::export` reads them from the store).

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_xlsxwriter::{Format as CellFormat, FormatAlign, FormatBorder, Workbook, Worksheet};
use serde::Serialize;

use super::balance::{Balance, StoredBalance};
use super::deadlines::retain_until;
use super::entry::{Certificate, Entry};
use super::kind::Kind;
use crate::error::{Error, Result};
use crate::util::hex::hex;

/// One row of the 台账.
#[derive(Debug, Clone, Serialize)]
pub struct BookRow {
    pub seq: i64,
    pub date: NaiveDate,
    pub kind: Kind,
    pub kind_zh: &'static str,
    /// 0 for the certificate's own entries (recorded, written off).
    pub line: i64,
    pub product: String,
    pub model: String,
    pub qty: i64,
    pub unit: String,
    /// The line's balance after this entry (business-date order).
    pub in_stock_after: i64,
    pub issued_after: i64,
    pub disposed_after: i64,
    pub doc_no: Option<String>,
    pub location: Option<String>,
    pub operator: Option<String>,
    pub note: Option<String>,
    /// `name (sha256)` of each evidence file.
    pub evidence: Vec<String>,
    /// The name `ledger usage-record --export` gives each evidence file (entry, type, date, kind,
    /// the extension of its content), in the order of `evidence`.
    pub evidence_files: Vec<String>,
    /// Set on an entry that a later reversal cancelled.
    pub reversed_by: Option<i64>,
    /// Set on a reversal: the entry it cancels.
    pub reverses: Option<i64>,
    pub recorded_at: String,
    pub key: Option<String>,
    pub hash: String,
}

/// One line of a certificate with its balance.
#[derive(Debug, Clone, Serialize)]
pub struct BookLine {
    pub line: i64,
    pub product: String,
    pub model: String,
    pub unit: String,
    pub certified: i64,
    #[serde(flatten)]
    pub balance: Balance,
    pub open: i64,
}

/// One certificate of the 台账.
#[derive(Debug, Clone, Serialize)]
pub struct BookCert {
    pub certificate: Certificate,
    pub written_off_on: Option<NaiveDate>,
    pub retain_until: Option<NaiveDate>,
    pub lines: Vec<BookLine>,
    pub rows: Vec<BookRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Book {
    pub applicant: Option<String>,
    pub certificates: Vec<BookCert>,
}

/// Build the 台账 from the certificates, their entries (in any order) and their stored
/// balances.
pub fn assemble(
    certs: Vec<Certificate>,
    entries: &[Entry],
    balances: &[StoredBalance],
    applicant: Option<String>,
    ext: impl Fn(&[u8; 32]) -> Option<&'static str>,
) -> Book {
    let mut by_cert: HashMap<&str, Vec<&Entry>> = HashMap::new();
    let mut reversed_by: HashMap<i64, i64> = HashMap::new();
    for e in entries {
        by_cert.entry(e.cert_no.as_str()).or_default().push(e);
        if let Some(r) = e.reverses {
            reversed_by.insert(r, e.seq);
        }
    }
    let mut out = Vec::new();
    for c in certs {
        let mut list = by_cert.remove(c.cert_no.as_str()).unwrap_or_default();
        list.sort_by_key(|e| (e.date, e.seq));
        let mut running: HashMap<i64, Balance> = HashMap::new();
        let mut rows = Vec::with_capacity(list.len());
        let mut written_off_on = None;
        for e in list {
            let l = c.line(e.line);
            let b = running.entry(e.line).or_default();
            let rev = reversed_by.get(&e.seq).copied();
            if e.kind.is_movement() && rev.is_none() {
                let certified = l.map(|l| l.certified).unwrap_or(0);
                let _ = b.apply(e.kind, e.qty, certified);
            }
            if e.kind == Kind::Close {
                written_off_on = Some(e.date);
            }
            rows.push(BookRow {
                seq: e.seq,
                date: e.date,
                kind: e.kind,
                kind_zh: e.kind.zh(),
                line: e.line,
                product: l.map(|l| l.name.clone()).unwrap_or_default(),
                model: l.map(|l| l.model.clone()).unwrap_or_default(),
                qty: e.qty,
                unit: l.map(|l| l.unit.clone()).unwrap_or_default(),
                in_stock_after: b.in_stock,
                issued_after: b.issued,
                disposed_after: b.disposed(),
                doc_no: e.doc_no.clone(),
                location: e.location.clone(),
                operator: e.operator.clone(),
                note: e.note.clone(),
                evidence: e
                    .evidence
                    .iter()
                    .map(|v| format!("{} ({})", v.name, hex(&v.sha256)))
                    .collect(),
                evidence_files: if super::revision::has_stored_evidence(e) {
                    super::usage::export_names(e, &ext)
                } else {
                    Vec::new()
                },
                reversed_by: rev,
                reverses: e.reverses,
                recorded_at: e.recorded_at.clone(),
                key: e.idem_key.clone(),
                hash: hex(&e.hash),
            });
        }
        let lines = c
            .lines
            .iter()
            .map(|l| {
                let b = balances
                    .iter()
                    .find(|b| b.cert_no == c.cert_no && b.line == l.line)
                    .map(|b| b.balance)
                    .unwrap_or_default();
                BookLine {
                    line: l.line,
                    product: l.name.clone(),
                    model: l.model.clone(),
                    unit: l.unit.clone(),
                    certified: l.certified,
                    balance: b,
                    open: b.open(),
                }
            })
            .collect();
        out.push(BookCert {
            retain_until: written_off_on.map(retain_until),
            written_off_on,
            certificate: c,
            lines,
            rows,
        });
    }
    Book {
        applicant,
        certificates: out,
    }
}

/// The file formats of the 台账, chosen by the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Csv,
    Json,
}

impl Format {
    /// The format a file name's extension (any case) asks for: .xlsx, .csv or .json.
    pub fn of_path(path: &std::path::Path) -> Option<Format> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "xlsx" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// The bytes of the 台账 in `format`.
pub fn render(book: &Book, format: Format) -> Result<Vec<u8>> {
    match format {
        Format::Xlsx => to_xlsx(book),
        Format::Csv => to_csv(book),
        Format::Json => to_json(book),
    }
}

/// JSON (schema `ccc-exempt/ledger-export/1`), pretty, with a final newline.
pub fn to_json(book: &Book) -> Result<Vec<u8>> {
    let mut v = serde_json::to_vec_pretty(&serde_json::json!({
        "schema": "ccc-exempt/ledger-export/1",
        "title": "CCC 免办进口产品管理台账",
        "book": book,
    }))
    .map_err(|e| Error::Storage(format!("cannot build JSON: {e}")))?;
    v.push(b'\n');
    Ok(v)
}

const HEADER: [&str; 20] = [
    "证明号",
    "序号",
    "日期",
    "类型",
    "行号",
    "产品名称",
    "规格型号",
    "数量",
    "单位",
    "在库结存",
    "已领用结存",
    "已处置累计",
    "单证号",
    "地点",
    "经办人",
    "备注",
    "证明材料",
    "上传文件名",
    "冲销",
    "登记时间",
];

fn reversal_text(r: &BookRow) -> String {
    match (r.reversed_by, r.reverses) {
        (Some(by), _) => format!("已被 #{by} 冲销"),
        (_, Some(of)) => format!("冲销 #{of}"),
        _ => String::new(),
    }
}

/// A condition as the 台账 names it: its number and Chinese name (`（一）为科研、测试……`), whatever
/// the language of the command; an unknown value as it is.
fn condition_zh(slug: &str) -> String {
    const NUMERALS: [&str; 6] = ["一", "二", "三", "四", "五", "六"];
    match crate::application::Condition::parse(slug) {
        Some(c) => {
            let rules = crate::rules::Rulebook::get().condition(c);
            let n = NUMERALS
                .get((rules.number as usize).wrapping_sub(1))
                .copied()
                .unwrap_or("?");
            format!("（{n}）{}", rules.zh)
        }
        None => slug.to_string(),
    }
}

/// The note of an entry for the 台账: the certificate-registration note of older workspaces,
/// written in English (`application ID · N lines · N units certified`), in Chinese; any other
/// note as it is.
fn note_zh(note: &str) -> String {
    let parts: Vec<&str> = note.split(" · ").collect();
    if let [app, lines, units] = parts.as_slice()
        && let Some(id) = app.strip_prefix("application ")
        && let Some(n) = lines.strip_suffix(" lines")
        && let Some(t) = units.strip_suffix(" units certified")
    {
        return format!("申请 {id} · {n} 个产品行 · 核准数量合计 {t}");
    }
    note.to_string()
}

fn row_cells(cert_no: &str, r: &BookRow) -> Vec<String> {
    let line = if r.line == 0 {
        String::new()
    } else {
        r.line.to_string()
    };
    vec![
        cert_no.to_string(),
        r.seq.to_string(),
        r.date.to_string(),
        r.kind_zh.to_string(),
        line,
        r.product.clone(),
        r.model.clone(),
        r.qty.to_string(),
        r.unit.clone(),
        r.in_stock_after.to_string(),
        r.issued_after.to_string(),
        r.disposed_after.to_string(),
        r.doc_no.clone().unwrap_or_default(),
        r.location.clone().unwrap_or_default(),
        r.operator.clone().unwrap_or_default(),
        r.note.as_deref().map(note_zh).unwrap_or_default(),
        r.evidence.join("; "),
        r.evidence_files.join("; "),
        reversal_text(r),
        r.recorded_at.clone(),
    ]
}

/// CSV: UTF-8 with a BOM so Excel shows the Chinese, one row per entry.
pub fn to_csv(book: &Book) -> Result<Vec<u8>> {
    let mut out = Vec::from(&b"\xEF\xBB\xBF"[..]);
    {
        let mut w = csv::Writer::from_writer(&mut out);
        let io = |e: csv::Error| Error::Storage(format!("cannot write CSV: {e}"));
        w.write_record(HEADER).map_err(io)?;
        for c in &book.certificates {
            for r in &c.rows {
                w.write_record(row_cells(&c.certificate.cert_no, r))
                    .map_err(io)?;
            }
        }
        w.flush()
            .map_err(|e| Error::Storage(format!("cannot write CSV: {e}")))?;
    }
    Ok(out)
}

/// A worksheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(cert_no: &str, used: &mut Vec<String>) -> String {
    let clean: String = cert_no
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let clean = clean.trim_matches('\'').to_string();
    let base: String = clean.chars().take(28).collect();
    let base = if base.is_empty() {
        "证明".to_string()
    } else {
        base
    };
    let mut name = base.clone();
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) || name == "汇总" {
        name = format!("{base}~{n}");
        n += 1;
    }
    used.push(name.clone());
    name
}

/// The largest number of rows a worksheet holds.
const MAX_ROWS: usize = 1_048_576 - 16;

/// XLSX: a summary sheet and one sheet per certificate.
pub fn to_xlsx(book: &Book) -> Result<Vec<u8>> {
    let x =
        |e: rust_xlsxwriter::XlsxError| Error::Storage(format!("cannot build the XLSX file: {e}"));
    let title = CellFormat::new().set_bold().set_font_size(14);
    let head = CellFormat::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color(0xDDEBF7)
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    let cell = CellFormat::new().set_border(FormatBorder::Thin);
    let mut wb = Workbook::new();
    // Summary.
    {
        let ws: &mut Worksheet = wb.add_worksheet();
        ws.set_name("汇总").map_err(x)?;
        ws.write_string_with_format(0, 0, "CCC 免办进口产品管理台账 · 汇总", &title)
            .map_err(x)?;
        if let Some(a) = &book.applicant {
            ws.write_string(1, 0, format!("申请单位：{a}")).map_err(x)?;
        }
        let header = [
            "证明号",
            "申请",
            "免办条件",
            "签发日期",
            "行号",
            "产品名称",
            "规格型号",
            "单位",
            "核准数量",
            "已入库",
            "在库",
            "已领用",
            "已使用",
            "已退运",
            "已销毁",
            "已整机出口",
            "未处置",
            "核销日期",
            "保存至",
        ];
        for (i, h) in header.iter().enumerate() {
            ws.write_string_with_format(3, i as u16, *h, &head)
                .map_err(x)?;
        }
        let mut row = 4u32;
        for c in &book.certificates {
            for l in &c.lines {
                let cert = &c.certificate;
                let texts = [
                    cert.cert_no.clone(),
                    cert.application_id.clone(),
                    condition_zh(&cert.condition),
                    cert.issued_on.to_string(),
                ];
                for (i, t) in texts.iter().enumerate() {
                    ws.write_string_with_format(row, i as u16, t, &cell)
                        .map_err(x)?;
                }
                ws.write_with_format(row, 4, l.line, &cell).map_err(x)?;
                ws.write_string_with_format(row, 5, &l.product, &cell)
                    .map_err(x)?;
                ws.write_string_with_format(row, 6, &l.model, &cell)
                    .map_err(x)?;
                ws.write_string_with_format(row, 7, &l.unit, &cell)
                    .map_err(x)?;
                let b = &l.balance;
                let nums = [
                    l.certified,
                    b.received,
                    b.in_stock,
                    b.issued,
                    b.used,
                    b.reexported,
                    b.scrapped,
                    b.exported,
                    l.open,
                ];
                for (i, v) in nums.iter().enumerate() {
                    ws.write_with_format(row, 8 + i as u16, *v, &cell)
                        .map_err(x)?;
                }
                let off = c.written_off_on.map(|d| d.to_string()).unwrap_or_default();
                let until = c.retain_until.map(|d| d.to_string()).unwrap_or_default();
                ws.write_string_with_format(row, 17, off, &cell)
                    .map_err(x)?;
                ws.write_string_with_format(row, 18, until, &cell)
                    .map_err(x)?;
                row += 1;
            }
        }
        for (i, w) in [
            16, 14, 14, 11, 5, 18, 14, 5, 9, 8, 6, 7, 7, 7, 7, 10, 7, 11, 11,
        ]
        .iter()
        .enumerate()
        {
            ws.set_column_width(i as u16, *w).map_err(x)?;
        }
        ws.set_freeze_panes(4, 0).map_err(x)?;
    }
    let mut used = Vec::new();
    for c in &book.certificates {
        if c.rows.len() > MAX_ROWS {
            return Err(Error::Input(format!(
                "certificate {} has {} entries, more than an Excel sheet holds; export to .csv instead",
                c.certificate.cert_no,
                c.rows.len()
            )));
        }
        let cert = &c.certificate;
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&cert.cert_no, &mut used))
            .map_err(x)?;
        ws.write_string_with_format(0, 0, "CCC 免办进口产品管理台账", &title)
            .map_err(x)?;
        let mut info = vec![
            format!("证明号：{}", cert.cert_no),
            format!("签发日期：{}", cert.issued_on),
            format!(
                "申请：{}（免办条件：{}）",
                cert.application_id,
                condition_zh(&cert.condition)
            ),
        ];
        if let Some(a) = &book.applicant {
            info.insert(0, format!("申请单位：{a}"));
        }
        if let Some(d) = c.written_off_on {
            info.push(format!(
                "核销日期：{d}；材料保存至：{}",
                c.retain_until.map(|d| d.to_string()).unwrap_or_default()
            ));
        }
        for (i, t) in info.iter().enumerate() {
            ws.write_string(1 + i as u32, 0, t).map_err(x)?;
        }
        let top = 2 + info.len() as u32;
        for (i, h) in HEADER.iter().skip(1).enumerate() {
            ws.write_string_with_format(top, i as u16, *h, &head)
                .map_err(x)?;
        }
        for (n, r) in c.rows.iter().enumerate() {
            let row = top + 1 + n as u32;
            let cells = row_cells(&cert.cert_no, r);
            for (i, v) in cells.iter().skip(1).enumerate() {
                let col = i as u16;
                // Numbers as numbers: 序号, 数量 and the balances.
                let numeric = matches!(col, 0 | 6 | 8 | 9 | 10) || (col == 3 && r.line > 0);
                match v.parse::<i64>() {
                    Ok(num) if numeric => {
                        ws.write_with_format(row, col, num, &cell).map_err(x)?;
                    }
                    _ => {
                        ws.write_string_with_format(row, col, v, &cell).map_err(x)?;
                    }
                }
            }
        }
        for (i, w) in [
            6, 11, 10, 5, 18, 14, 6, 5, 8, 9, 9, 16, 12, 8, 24, 30, 30, 12, 22,
        ]
        .iter()
        .enumerate()
        {
            ws.set_column_width(i as u16, *w).map_err(x)?;
        }
        ws.set_freeze_panes(top + 1, 0).map_err(x)?;
    }
    wb.save_to_buffer().map_err(x)
}

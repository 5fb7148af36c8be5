//! `ledger import FILE.csv`: many movements, all or nothing, in one transaction. Every row meets
//! the rules of `ledger add`; every bad row is reported with its line number and code; when any
//! row is bad nothing is written. Columns are documented in `docs/ledger.md`.
//!
//! A row without a `key` gets `csv:<first 16 hex digits of the file's SHA-256>:<line, 9 digits>`
//! (`xlsx:` for a sheet, numbered by its rows), so importing the same file again records nothing
//! twice.
//!
//! This file reads the import file: [`open`], [`header`], [`next_row`], [`parse_row`] (a row →
//! a [`Movement`], or its problems). The pipeline that checks and writes the movements, all or
//! nothing, is `crate::ops::ledger::import`.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::evidence;
use super::kind::Kind;
use super::movement::Movement;
use super::rules::EvidenceInput;
use crate::error::{Error, Result};
use crate::model::codes::Code;
use crate::model::diagnostic::{Diagnostic, Location};
use crate::util::hex::hex;

/// The columns of the import file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Cert,
    Line,
    Kind,
    Qty,
    Date,
    DocNo,
    Location,
    Operator,
    Note,
    Evidence,
    Key,
    /// `--deviation`: the reason for a final disposition other than the committed one (L011).
    Deviation,
}

impl Column {
    pub const ALL: [Column; 12] = [
        Column::Cert,
        Column::Line,
        Column::Kind,
        Column::Qty,
        Column::Date,
        Column::DocNo,
        Column::Location,
        Column::Operator,
        Column::Note,
        Column::Evidence,
        Column::Key,
        Column::Deviation,
    ];

    /// The documented header name.
    pub fn name(self) -> &'static str {
        match self {
            Column::Cert => "cert",
            Column::Line => "line",
            Column::Kind => "kind",
            Column::Qty => "qty",
            Column::Date => "date",
            Column::DocNo => "doc_no",
            Column::Location => "location",
            Column::Operator => "operator",
            Column::Note => "note",
            Column::Evidence => "evidence",
            Column::Key => "key",
            Column::Deviation => "deviation",
        }
    }

    pub fn required(self) -> bool {
        matches!(
            self,
            Column::Cert | Column::Line | Column::Kind | Column::Qty
        )
    }

    /// Header names accepted for the column (English and the 台账's Chinese).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Cert => &["cert", "cert_no", "certificate", "证明号"],
            Column::Line => &["line", "行号", "产品行"],
            Column::Kind => &["kind", "movement", "类型", "流水类型"],
            Column::Qty => &["qty", "quantity", "数量"],
            Column::Date => &["date", "日期"],
            Column::DocNo => &["doc_no", "doc", "document", "单证号"],
            Column::Location => &["location", "地点", "库位"],
            Column::Operator => &["operator", "经办人"],
            Column::Note => &["note", "备注"],
            Column::Evidence => &["evidence", "证明材料", "证明文件"],
            Column::Key => &["key", "idempotency_key", "幂等键"],
            Column::Deviation => &["deviation", "偏离原因"],
        }
    }

    fn from_header(h: &str) -> Option<Column> {
        let h = h.trim().to_lowercase().replace([' ', '-'], "_");
        Column::ALL
            .into_iter()
            .find(|c| c.aliases().contains(&h.as_str()))
    }
}

/// What an import did (or, with problems or in a dry run, would have done).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    pub rows: u64,
    /// New entries (written unless `dry_run` or there are problems).
    pub recorded: u64,
    /// Rows whose key was already recorded with the same content.
    pub already_recorded: u64,
    pub dry_run: bool,
    /// Whether the import was committed.
    pub committed: bool,
    pub first_seq: Option<i64>,
    pub last_seq: Option<i64>,
    /// Every bad row (or a problem of the whole file, line 1): I-codes for a malformed file or
    /// value, the rule's L-code for a refusal; located at the file's line and column.
    pub problems: Vec<Diagnostic>,
}

impl ImportReport {
    /// A malformed file or value (exit 2) rather than only rule refusals (exit 1).
    pub fn has_input_problems(&self) -> bool {
        self.problems.iter().any(|p| p.code.family() == 'I')
    }
}

/// A problem at `line` (and `column`) of the import file.
pub fn problem(
    file: &str,
    line: u64,
    code: Code,
    column: Option<Column>,
    message: String,
) -> Diagnostic {
    Diagnostic::new(code, message).at(Location::Row {
        file: file.to_string(),
        line,
        column: column.map(|c| c.name().to_string()),
    })
}

/// The line of the file a problem is on, for sorting.
pub fn line_of(d: &Diagnostic) -> u64 {
    match d.location {
        Location::Row { line, .. } => line,
        _ => 0,
    }
}

/// The import file's SHA-256 and size.
pub fn file_sha256(path: &Path) -> Result<([u8; 32], u64)> {
    evidence::hash_file(path).map_err(|e| Error::input_io(path, e))
}

/// Counts bytes read, for the progress bar.
pub struct Counting<R> {
    inner: R,
    read: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if let Some(d) = super::date::parse_ymd(t) {
        return Some(d);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y/%m/%d"))
        .ok()
}

/// The prefix of the keys given to rows without one (see the module docs).
pub fn auto_key_prefix(rdr: &Reader, file_sha256: &[u8; 32]) -> String {
    format!("{}:{}:", rdr.key_tag(), &hex(file_sha256)[..16])
}

/// The rows of an import file: a CSV read as it streams (byte records, the header read like any
/// row, counting the bytes read for progress), or the first sheet of an XLSX (a zip,
/// `PK\x03\x04`), whose records carry their spreadsheet row numbers (`import_xlsx.rs`).
pub enum Reader {
    Csv(csv::Reader<Counting<std::io::BufReader<std::fs::File>>>),
    Sheet(super::import_xlsx::SheetRecords),
}

impl Reader {
    fn read_byte_record(&mut self, rec: &mut csv::ByteRecord) -> csv::Result<bool> {
        match self {
            Reader::Csv(r) => r.read_byte_record(rec),
            Reader::Sheet(s) => s.read_byte_record(rec),
        }
    }

    /// A sheet with no row at all (an empty CSV is caught by its size).
    pub fn is_empty_sheet(&self) -> bool {
        matches!(self, Reader::Sheet(s) if s.is_empty())
    }

    /// The tag of the keys given to rows without one.
    fn key_tag(&self) -> &'static str {
        match self {
            Reader::Csv(_) => "csv",
            Reader::Sheet(_) => "xlsx",
        }
    }
}

/// Open `path` to read its rows (an XLSX by its content, else CSV).
pub fn open(path: &Path, lang: crate::Lang) -> Result<Reader> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::input_io(path, e))?;
    let mut magic = [0u8; 4];
    let n = file
        .read(&mut magic)
        .map_err(|e| Error::input_io(path, e))?;
    if crate::application::intake::is_xlsx(&magic[..n]) {
        let bytes = std::fs::read(path).map_err(|e| Error::input_io(path, e))?;
        return Ok(Reader::Sheet(super::import_xlsx::SheetRecords::read(
            path, &bytes, lang,
        )?));
    }
    let file = std::fs::File::open(path).map_err(|e| Error::input_io(path, e))?;
    let counting = Counting {
        inner: std::io::BufReader::with_capacity(256 * 1024, file),
        read: 0,
    };
    Ok(Reader::Csv(
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(counting),
    ))
}

/// Bytes of the file read so far.
pub fn bytes_read(rdr: &Reader) -> u64 {
    match rdr {
        Reader::Csv(r) => r.get_ref().read,
        Reader::Sheet(s) => s.bytes_read(),
    }
}

/// The problem of an empty file (line 1).
pub fn empty_file(file: &str, lang: crate::Lang) -> Diagnostic {
    problem(
        file,
        1,
        Code::I001,
        None,
        lang.pick(
            "文件为空：第一行应为列名（cert,line,kind,qty,…）",
            "the file is empty: the first line must name the columns (cert,line,kind,qty,…)",
        )
        .into(),
    )
}

/// The problem of a sheet with no rows (row 1).
pub fn empty_sheet(file: &str, lang: crate::Lang) -> Diagnostic {
    problem(
        file,
        1,
        Code::I001,
        None,
        lang.pick(
            "工作表为空：第一行应为列名（cert,line,kind,qty,…）",
            "the sheet is empty: the first row must name the columns (cert,line,kind,qty,…)",
        )
        .into(),
    )
}

/// The problem of a file with a header and no rows (line 2).
pub fn no_rows(file: &str, lang: crate::Lang) -> Diagnostic {
    problem(
        file,
        2,
        Code::I010,
        None,
        lang.pick(
            "文件只有列名，没有流水行",
            "the file has a header but no rows",
        )
        .into(),
    )
}

/// Read the header line: the column of each field that names one, in field order, or every
/// problem of the header (unknown, repeated or missing required columns, not UTF-8, no header).
pub fn header(
    rdr: &mut Reader,
    rec: &mut csv::ByteRecord,
    name: &str,
    lang: crate::Lang,
) -> std::result::Result<Vec<(usize, Column)>, Vec<Diagnostic>> {
    // The header.
    let header_ok = match rdr.read_byte_record(rec) {
        Ok(true) => true,
        Ok(false) => false,
        Err(e) => return Err(vec![problem(name, 1, Code::I006, None, e.to_string())]),
    };
    if !header_ok {
        return Err(vec![problem(
            name,
            1,
            Code::I001,
            None,
            lang.pick("文件没有列名行", "the file has no header line")
                .into(),
        )]);
    }
    let mut cols: HashMap<usize, Column> = HashMap::new();
    let mut header_problems = Vec::new();
    // One column whose name holds the separators of another delimiter (Excel in a locale with a
    // decimal comma writes `;`): one clear problem instead of an unknown column and every
    // required one missing.
    if rec.len() == 1
        && let Ok(h) = std::str::from_utf8(&rec[0])
        && let Some(sep) = [';', '\t', '|'].into_iter().find(|s| h.contains(*s))
    {
        let shown = if sep == '\t' {
            "tab".to_string()
        } else {
            format!("'{sep}'")
        };
        return Err(vec![problem(
            name,
            1,
            Code::I002,
            None,
            lang.pick(
                &format!(
                    "列之间用 {shown} 分隔；ledger import 读取逗号分隔的 CSV（在 Excel 中另存为“CSV UTF-8（逗号分隔）”）"
                ),
                &format!(
                    "the columns are separated by {shown}; ledger import reads comma-separated CSV (in Excel, save as \"CSV UTF-8 (Comma delimited)\")"
                ),
            )
            .into(),
        )]);
    }
    for (i, raw) in rec.iter().enumerate() {
        let Ok(h) = std::str::from_utf8(raw) else {
            header_problems.push(problem(name, 1, Code::I005, None, not_utf8(lang)));
            break;
        };
        if h.trim().is_empty() {
            continue;
        }
        match Column::from_header(h) {
            Some(c) if cols.values().any(|x| *x == c) => header_problems.push(problem(
                name,
                1,
                Code::I003,
                Some(c),
                lang.pick(
                    &format!("列 {h:?} 重复"),
                    &format!("the column {h:?} appears twice"),
                )
                .into(),
            )),
            Some(c) => {
                cols.insert(i, c);
            }
            None => {
                let known: Vec<&str> = Column::ALL.iter().map(|c| c.name()).collect();
                let hint = crate::util::text::closest(h.trim(), &known)
                    .map(|c| format!("{} {c}?", lang.pick("是否应为", "did you mean")));
                let mut d = problem(
                    name,
                    1,
                    Code::I002,
                    None,
                    lang.pick(
                        &format!("未知的列 {h:?}；可用的列：{}", known.join(",")),
                        &format!("unknown column {h:?}; the columns are: {}", known.join(",")),
                    )
                    .into(),
                );
                d.hint = hint;
                header_problems.push(d);
            }
        }
    }
    for c in Column::ALL.into_iter().filter(|c| c.required()) {
        if !cols.values().any(|x| *x == c) {
            header_problems.push(problem(
                name,
                1,
                Code::I004,
                Some(c),
                lang.pick(
                    &format!("缺少必需的列 {}", c.name()),
                    &format!("the required column {} is missing", c.name()),
                )
                .into(),
            ));
        }
    }
    if !header_problems.is_empty() {
        return Err(header_problems);
    }
    let mut idx: Vec<(usize, Column)> = cols.into_iter().collect();
    idx.sort_by_key(|(i, _)| *i);
    Ok(idx)
}

/// The next row that is not blank: its line number, `None` at the end of the file, or the
/// malformed record (I006) that ends the reading.
pub fn next_row(
    rdr: &mut Reader,
    rec: &mut csv::ByteRecord,
    name: &str,
) -> std::result::Result<Option<u64>, Box<Diagnostic>> {
    loop {
        let line = match rdr.read_byte_record(rec) {
            Ok(true) => rec.position().map(|p| p.line()).unwrap_or(0),
            Ok(false) => return Ok(None),
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                return Err(Box::new(problem(
                    name,
                    line,
                    Code::I006,
                    None,
                    e.to_string(),
                )));
            }
        };
        if rec.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue; // a blank line
        }
        return Ok(Some(line));
    }
}

fn not_utf8(lang: crate::Lang) -> String {
    lang.pick(
        "不是 UTF-8 文本（Excel 请另存为“CSV UTF-8”；中文 Windows 默认保存为 GBK）",
        "not UTF-8 text (in Excel, save as \"CSV UTF-8\"; Chinese Windows saves GBK by default)",
    )
    .into()
}

/// Parse one row into a movement (relative evidence paths resolve against `base`), or list every malformed value of it.
pub fn parse_row(
    rec: &csv::ByteRecord,
    idx: &[(usize, Column)],
    line: u64,
    base: &Path,
    file: &str,
    lang: crate::Lang,
) -> std::result::Result<Movement, Vec<Diagnostic>> {
    let mut m = Movement::default();
    let mut ps = Vec::new();
    let mut seen = [false; Column::ALL.len()];
    for (i, col) in idx {
        let raw = rec.get(*i).unwrap_or_default();
        let Ok(v) = std::str::from_utf8(raw) else {
            ps.push(problem(file, line, Code::I005, Some(*col), not_utf8(lang)));
            // The cell is there, only not readable: not also "empty" (I008).
            seen[*col as usize] = true;
            continue;
        };
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        seen[*col as usize] = true;
        match col {
            Column::Cert => m.cert_no = v.to_string(),
            Column::Line => match v.parse::<i64>() {
                Ok(l) if l >= 1 => m.line = l,
                _ => ps.push(problem(
                    file,
                    line,
                    Code::I007,
                    Some(*col),
                    lang.pick(
                        &format!("行号 {v:?} 不是正整数"),
                        &format!("line {v:?} is not a positive whole number"),
                    )
                    .into(),
                )),
            },
            Column::Kind => match Kind::parse_movement(v) {
                Some(k) => m.kind = Some(k),
                None => ps.push(problem(
                    file,
                    line,
                    Code::I007,
                    Some(*col),
                    lang.pick(
                        &format!("未知的流水类型 {v:?}（inbound 入库、issue 领用、return 归还、use 使用、reexport 退运核销、scrap 报废/销毁、export 整机出口）"),
                        &format!("unknown kind {v:?} (inbound, issue, return, use, reexport, scrap, export)"),
                    )
                    .into(),
                )),
            },
            Column::Qty => match v.parse::<i64>() {
                Ok(q) if q > 0 => m.qty = q,
                Ok(q) => ps.push(problem(
                    file,
                    line,
                    Code::I007,
                    Some(*col),
                    lang.pick(
                        &format!("数量 {q} 不是正整数"),
                        &format!("the quantity {q} is not a positive whole number"),
                    )
                    .into(),
                )),
                Err(_) => ps.push(problem(
                    file,
                    line,
                    Code::I007,
                    Some(*col),
                    lang.pick(
                        &format!("数量 {v:?} 不是整数（或超出范围）"),
                        &format!("the quantity {v:?} is not a whole number (or out of range)"),
                    )
                    .into(),
                )),
            },
            Column::Date => match parse_date(v) {
                Some(d) => m.date = Some(d),
                None => ps.push(problem(
                    file,
                    line,
                    Code::I007,
                    Some(*col),
                    lang.pick(
                        &format!("日期 {v:?} 应为 YYYY-MM-DD"),
                        &format!("the date {v:?} is not YYYY-MM-DD"),
                    )
                    .into(),
                )),
            },
            Column::DocNo => m.doc_no = Some(v.to_string()),
            Column::Location => m.location = Some(v.to_string()),
            Column::Operator => m.operator = Some(v.to_string()),
            Column::Note => m.note = Some(v.to_string()),
            Column::Evidence => {
                m.evidence = v
                    .split([';', '；'])
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(|x| EvidenceInput::parse(x, base))
                    .collect();
            }
            Column::Key => m.key = Some(v.to_string()),
            Column::Deviation => m.deviation = Some(v.to_string()),
        }
    }
    for c in Column::ALL.into_iter().filter(|c| c.required()) {
        if !seen[c as usize] {
            ps.push(problem(
                file,
                line,
                Code::I008,
                Some(c),
                lang.pick(
                    &format!("缺少 {}", c.name()),
                    &format!("{} is empty", c.name()),
                )
                .into(),
            ));
        }
    }
    if ps.is_empty() { Ok(m) } else { Err(ps) }
}

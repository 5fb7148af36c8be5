//! Product lines from a spreadsheet (SPEC section 6): an invoice, packing list or ERP export, as
//! XLSX or CSV, becomes `[[products]]` tables of `application.toml`.
//!
//! Three steps, each returning values (nothing here prints):
//!
//! 1. [`read_grid`] turns the file into a [`Grid`] of cells numbered as the spreadsheet numbers
//!    them (row 1, column A): an XLSX sheet through calamine (cached formula values, dates, number
//!    formats and merged cells kept), or a CSV in UTF-8 (with or without BOM), UTF-16 (Excel's
//!    "Unicode text") or GB18030 (what Chinese Excel writes), comma, semicolon or tab separated.
//!    `ledger import` reads its XLSX files through the same grid.
//! 2. [`read_products`] finds the header row (the first that names at least the product name and
//!    the quantity, in Chinese or English, in any order, below any title rows), maps each data row
//!    to a [`Product`], and collects every bad cell as a [`CellProblem`] with its sheet, row and
//!    column; extra columns are named, not used.
//! 3. [`merge_products`] writes the lines into the text of `application.toml` with toml_edit, so
//!    every comment and the layout stay: appended after the last product line, or replacing them
//!    all. A line without a CCC code gets the catalogue candidates the caller found as a comment
//!    above its table — never a code: which code applies is the user's decision (SPEC section 5).
//!
//! Quantities are whole numbers and prices decimal strings, never floats: a number cell is
//! written with at most 15 significant digits (what Excel itself shows) and at least the decimals
//! its number format shows (12.5 formatted `0.00` is "12.50").

use std::path::Path;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::model::Product;
use crate::Lang;
use crate::error::{Error, Result};

// ---------------------------------------------------------------------------------------------
// The grid: cells as the spreadsheet holds them

/// One cell as the file holds it (for a formula cell: its saved value).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number with what its number format shows: decimals (`0.00` → 2) and zero-padded width
    /// (`0000` → 4).
    Number {
        value: f64,
        decimals: Option<u8>,
        width: Option<u8>,
    },
    Bool(bool),
    /// A date or date-time cell, as `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`.
    Date(String),
    /// An error value (`#DIV/0!`, `#N/A`, …).
    Error(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, as close to what the spreadsheet shows as the file allows.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number {
                value,
                decimals,
                width,
            } => shown_number(*value, *decimals, *width),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::Date(d) => d.clone(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// A number with at most 15 significant digits (Excel's precision), trailing zeros dropped, then
/// padded to `decimals` and zero-padded to `width` when its format says so. Never an exponent.
pub fn shown_number(v: f64, decimals: Option<u8>, width: Option<u8>) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let shortest = v.to_string();
    let significant = shortest
        .trim_start_matches('-')
        .trim_start_matches(['0', '.'])
        .chars()
        .filter(char::is_ascii_digit)
        .count();
    let mut s = if v == 0.0 {
        "0".to_string()
    } else if significant <= 15 {
        // The shortest form that reads back as the same number: what was typed.
        shortest
    } else {
        let magnitude = v.abs().log10().floor() as i32;
        let prec = (14 - magnitude).clamp(0, 30) as usize;
        let mut s = format!("{v:.prec$}");
        if s.contains('.') {
            while s.ends_with('0') {
                s.pop();
            }
            if s.ends_with('.') {
                s.pop();
            }
        }
        if s == "-0" { "0".to_string() } else { s }
    };
    if let Some(d) = decimals.filter(|d| *d > 0) {
        let have = s.find('.').map(|i| s.len() - i - 1).unwrap_or(0);
        if have == 0 && !s.contains('.') {
            s.push('.');
        }
        for _ in have..d as usize {
            s.push('0');
        }
    }
    if let Some(w) = width
        && s.chars().all(|c| c.is_ascii_digit())
        && s.len() < w as usize
    {
        s = format!("{}{s}", "0".repeat(w as usize - s.len()));
    }
    s
}

/// What a number format shows: decimals after the point (`#,##0.00` → 2), and the width of a
/// zero-padded integer format (`0000` → 4).
fn number_shape(format: &str) -> (Option<u8>, Option<u8>) {
    // The first section (positive numbers), without quoted text, escapes and [colour]/[$€] parts.
    let mut plain = String::new();
    let mut chars = format.chars().peekable();
    let mut in_quote = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => in_quote = !in_quote,
            _ if in_quote => {}
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                for n in chars.by_ref() {
                    if n == ']' {
                        break;
                    }
                }
            }
            ';' => break,
            _ => plain.push(c),
        }
    }
    if plain.eq_ignore_ascii_case("general") || plain.contains('%') || plain.contains('E') {
        return (None, None);
    }
    let decimals = plain.find('.').map(|i| {
        plain[i + 1..]
            .chars()
            .take_while(|c| matches!(c, '0' | '#' | '?'))
            .filter(|c| *c == '0')
            .count()
            .min(30) as u8
    });
    let width = (plain.len() >= 2 && plain.chars().all(|c| c == '0')).then_some(plain.len() as u8);
    (decimals.filter(|d| *d > 0), width)
}

/// A merged range of cells, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merged {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

/// A row of the grid and its number in the spreadsheet (1-based).
#[derive(Debug, Clone)]
pub struct GridRow {
    pub number: u32,
    /// Indexed by 0-based column (column A is 0).
    pub cells: Vec<Cell>,
}

impl GridRow {
    pub fn cell(&self, col: u32) -> &Cell {
        self.cells.get(col as usize).unwrap_or(&Cell::Empty)
    }

    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(Cell::is_empty)
    }
}

/// What kind of file the grid came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "format", rename_all = "lowercase")]
pub enum Source {
    Xlsx,
    Csv {
        /// `UTF-8`, `UTF-8 (BOM)`, `UTF-16LE`, `UTF-16BE` or `GB18030`.
        encoding: String,
        /// `,`, `;` or a tab.
        separator: char,
    },
}

/// A sheet (or CSV file) as rows of cells, every row numbered as the spreadsheet numbers it.
#[derive(Debug, Clone)]
pub struct Grid {
    pub source: Source,
    /// The sheet name (XLSX); `None` for a CSV.
    pub sheet: Option<String>,
    /// The rows that hold anything, in order (rows not in the file are simply absent).
    pub rows: Vec<GridRow>,
    pub merged: Vec<Merged>,
}

impl Grid {
    /// The merged range whose first cell is not `(row0, col)` but which covers it.
    fn merged_over(&self, row0: u32, col: u32) -> Option<&Merged> {
        self.merged.iter().find(|m| {
            (m.first_row..=m.last_row).contains(&row0)
                && (m.first_col..=m.last_col).contains(&col)
                && !(m.first_row == row0 && m.first_col == col)
        })
    }
}

/// Whether the bytes are an XLSX (a zip: `PK\x03\x04`).
pub fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The spreadsheet letter of a 0-based column: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Read an XLSX sheet (`sheet`, default the first) or a CSV file of product lines: the CSV
/// separator is the one with which a line names the product columns (see [`read_products`]).
pub fn read_grid(path: &Path, bytes: &[u8], sheet: Option<&str>, lang: Lang) -> Result<Grid> {
    if is_xlsx(bytes) {
        return read_xlsx(path, bytes, sheet, lang);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(Error::Input(format!(
            "{}: {}",
            path.display(),
            lang.pick(
                "这是旧的 Excel 97-2003 (.xls) 文件：请在 Excel 中另存为 .xlsx 或 CSV",
                "an Excel 97-2003 (.xls) file: save it as .xlsx or CSV in Excel"
            )
        )));
    }
    if let Some(s) = sheet {
        return Err(Error::Input(format!(
            "{}: {} (--sheet {s:?})",
            path.display(),
            lang.pick("CSV 文件没有工作表", "a CSV file has no sheets")
        )));
    }
    read_csv(path, bytes, lang, &header_score)
}

fn xlsx_error(path: &Path, lang: Lang, e: impl std::fmt::Display) -> Error {
    Error::Input(format!(
        "{}: {}: {e}",
        path.display(),
        lang.pick("无法读取 XLSX 文件", "cannot read the XLSX file")
    ))
}

/// Read one sheet of an XLSX (`sheet`, default the first): cached values of formulas, dates,
/// number formats and merged ranges.
pub fn read_xlsx(path: &Path, bytes: &[u8], sheet: Option<&str>, lang: Lang) -> Result<Grid> {
    use calamine::{DataRef, Reader, Xlsx};
    let mut wb: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes.to_vec())).map_err(|e| xlsx_error(path, lang, e))?;
    let names = wb.sheet_names();
    let name = match sheet {
        None => names.first().cloned().ok_or_else(|| {
            xlsx_error(
                path,
                lang,
                lang.pick("没有工作表", "the workbook has no sheet"),
            )
        })?,
        Some(want) => names
            .iter()
            .find(|n| n.as_str() == want)
            .or_else(|| {
                names
                    .iter()
                    .find(|n| n.trim().to_lowercase() == want.trim().to_lowercase())
            })
            .cloned()
            .ok_or_else(|| {
                Error::Input(format!(
                    "{}: {} {want:?}; {}: {}",
                    path.display(),
                    lang.pick("没有工作表", "no sheet"),
                    lang.pick("工作表有", "the sheets are"),
                    names.join(", ")
                ))
            })?,
    };
    // One pass over the sheet for values and their number formats (for what a number cell
    // shows: the decimals of a price, a zero-padded code).
    let mut rows: Vec<GridRow> = Vec::new();
    {
        let mut cells = wb
            .worksheet_cells_reader(&name)
            .map_err(|e| xlsx_error(path, lang, e))?;
        let shapes: Vec<(Option<u8>, Option<u8>)> = cells
            .styles()
            .iter()
            .map(|s| {
                s.number_format
                    .as_ref()
                    .map(|f| number_shape(&f.format_code))
                    .unwrap_or((None, None))
            })
            .collect();
        while let Some((cell, style)) = cells
            .next_cell_with_style_id()
            .map_err(|e| xlsx_error(path, lang, e))?
        {
            let (r, c) = cell.get_position();
            let shape = || shapes.get(style).copied().unwrap_or((None, None));
            let value = match cell.get_value() {
                DataRef::Empty => continue,
                DataRef::String(s) => Cell::Text(s.clone()),
                DataRef::SharedString(s) => Cell::Text((*s).to_string()),
                DataRef::Float(f) => {
                    let (decimals, width) = shape();
                    Cell::Number {
                        value: *f,
                        decimals,
                        width,
                    }
                }
                DataRef::Int(n) => {
                    let (decimals, width) = shape();
                    Cell::Number {
                        value: *n as f64,
                        decimals,
                        width,
                    }
                }
                DataRef::Bool(b) => Cell::Bool(*b),
                DataRef::DateTime(dt) if dt.is_datetime() => {
                    let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
                    if (h, mi, s) == (0, 0, 0) {
                        Cell::Date(format!("{y:04}-{mo:02}-{d:02}"))
                    } else {
                        Cell::Date(format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}"))
                    }
                }
                DataRef::DateTime(dt) => Cell::Number {
                    value: dt.as_f64(),
                    decimals: None,
                    width: None,
                },
                DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Date(s.clone()),
                DataRef::Error(e) => Cell::Error(e.to_string()),
            };
            if value.is_empty() {
                continue;
            }
            // Cells come row by row; a row out of order is placed where it belongs.
            let number = r + 1;
            let at = match rows.last() {
                Some(last) if last.number == number => rows.len() - 1,
                Some(last) if last.number < number => {
                    rows.push(GridRow {
                        number,
                        cells: Vec::new(),
                    });
                    rows.len() - 1
                }
                None => {
                    rows.push(GridRow {
                        number,
                        cells: Vec::new(),
                    });
                    0
                }
                Some(_) => match rows.binary_search_by_key(&number, |g| g.number) {
                    Ok(i) => i,
                    Err(i) => {
                        rows.insert(
                            i,
                            GridRow {
                                number,
                                cells: Vec::new(),
                            },
                        );
                        i
                    }
                },
            };
            let row = &mut rows[at];
            if row.cells.len() <= c as usize {
                row.cells.resize(c as usize + 1, Cell::Empty);
            }
            row.cells[c as usize] = value;
        }
    }
    let merged = wb
        .merge_cells_by_sheet_name(&name)
        .map_err(|e| xlsx_error(path, lang, e))?
        .into_iter()
        .map(|d| Merged {
            first_row: d.start.0,
            first_col: d.start.1,
            last_row: d.end.0,
            last_col: d.end.1,
        })
        .collect();
    Ok(Grid {
        source: Source::Xlsx,
        sheet: Some(name),
        rows,
        merged,
    })
}

/// Decode CSV bytes: a BOM decides, else UTF-8 when valid, else GB18030.
fn decode_csv(path: &Path, bytes: &[u8], lang: Lang) -> Result<(String, &'static str)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((s.to_string(), "UTF-8 (BOM)")),
            Err(e) => Err(Error::Input(format!(
                "{}: {} ({e})",
                path.display(),
                lang.pick(
                    "文件以 UTF-8 BOM 开头，但内容不是 UTF-8",
                    "the file starts with a UTF-8 BOM but is not UTF-8"
                )
            ))),
        };
    }
    for (bom, enc, label) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE, "UTF-16LE"),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE, "UTF-16BE"),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return match enc.decode_without_bom_handling_and_without_replacement(rest) {
                Some(s) => Ok((s.into_owned(), label)),
                None => Err(Error::Input(format!(
                    "{}: {label}: {}",
                    path.display(),
                    lang.pick("编码有误", "malformed text")
                ))),
            };
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), "UTF-8"));
    }
    match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(s) => Ok((s.into_owned(), "GB18030")),
        None => Err(Error::Input(format!(
            "{}: {}",
            path.display(),
            lang.pick(
                "既不是 UTF-8 也不是 GB18030 文本：请在 Excel 中另存为 .xlsx 或“CSV UTF-8”",
                "neither UTF-8 nor GB18030 text: save it as .xlsx or \"CSV UTF-8\" in Excel"
            )
        ))),
    }
}

fn csv_fields(line: &str, sep: u8) -> Vec<String> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(line.as_bytes());
    let mut rec = csv::StringRecord::new();
    match rdr.read_record(&mut rec) {
        Ok(true) => rec.iter().map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

fn read_csv(
    path: &Path,
    bytes: &[u8],
    lang: Lang,
    header: &dyn Fn(&[String]) -> usize,
) -> Result<Grid> {
    let (text, encoding) = decode_csv(path, bytes, lang)?;
    // The separator: the one with which the first line that names product columns names the
    // most of them (a title line above the header names none).
    let mut separator = b',';
    for line in text.lines().take(200) {
        let mut best = (0, b',');
        for sep in [b',', b';', b'\t'] {
            let score = header(&csv_fields(line, sep));
            if score > best.0 {
                best = (score, sep);
            }
        }
        if best.0 > 0 {
            separator = best.1;
            break;
        }
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // Line breaks inside quoted cells: the spreadsheet shows such a record as one row.
    let mut inner_breaks: u64 = 0;
    let mut rec = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                return Err(Error::Parse {
                    path: path.to_path_buf(),
                    line: line as usize,
                    column: 1,
                    message: format!("{}: {e}", lang.pick("CSV 格式有误", "malformed CSV")),
                });
            }
        }
        // The reader's position is where it started looking: before any blank lines it skipped.
        let (mut line, byte) = rec
            .position()
            .map(|p| (p.line(), p.byte() as usize))
            .unwrap_or((1, 0));
        line += text.as_bytes()[byte.min(text.len())..]
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .filter(|b| **b == b'\n')
            .count() as u64;
        let number = (line - inner_breaks.min(line - 1)) as u32;
        inner_breaks += rec
            .iter()
            .map(|f| f.matches('\n').count() as u64)
            .sum::<u64>();
        let row = GridRow {
            number,
            cells: rec.iter().map(|f| Cell::Text(f.to_string())).collect(),
        };
        if !row.is_empty() {
            rows.push(row);
        }
    }
    Ok(Grid {
        source: Source::Csv {
            encoding: encoding.to_string(),
            separator: separator as char,
        },
        sheet: None,
        rows,
        merged: Vec::new(),
    })
}

// ---------------------------------------------------------------------------------------------
// The columns of a product line

/// A column of the product sheet, named after its key in `[[products]]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    Model,
    Brand,
    Manufacturer,
    Origin,
    Quantity,
    Unit,
    UnitPrice,
    Currency,
    HsCode,
    CccCode,
    Reason,
}

impl Field {
    pub const ALL: [Field; 12] = [
        Field::Name,
        Field::Model,
        Field::Brand,
        Field::Manufacturer,
        Field::Origin,
        Field::Quantity,
        Field::Unit,
        Field::UnitPrice,
        Field::Currency,
        Field::HsCode,
        Field::CccCode,
        Field::Reason,
    ];

    /// The key in `[[products]]`.
    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Model => "model",
            Field::Brand => "brand",
            Field::Manufacturer => "manufacturer",
            Field::Origin => "origin",
            Field::Quantity => "quantity",
            Field::Unit => "unit",
            Field::UnitPrice => "unit_price",
            Field::Currency => "currency",
            Field::HsCode => "hs_code",
            Field::CccCode => "ccc_code",
            Field::Reason => "ccc_reason",
        }
    }

    /// Header names accepted (compared after [`normalise_header`]); the first two are the ones
    /// documented in SPEC section 6.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Name => &[
                "品名",
                "名称",
                "产品名称",
                "Description",
                "Name",
                "商品名称",
                "货物名称",
                "Product Name",
                "Product",
            ],
            Field::Model => &[
                "型号",
                "规格型号",
                "Model",
                "规格",
                "型号规格",
                "Model No",
                "Model Number",
            ],
            Field::Brand => &["品牌", "Brand", "商标"],
            Field::Manufacturer => &[
                "制造商",
                "生产厂商",
                "Manufacturer",
                "生产商",
                "生产厂家",
                "Maker",
            ],
            Field::Origin => &["原产国", "产地", "Origin", "原产地", "Country of Origin"],
            Field::Quantity => &["数量", "Quantity", "Qty", "申报数量"],
            Field::Unit => &["单位", "Unit", "计量单位", "UOM"],
            Field::UnitPrice => &["单价", "Unit Price", "Price per Unit"],
            Field::Currency => &["币种", "币制", "Currency", "货币"],
            Field::HsCode => &["HS编码", "商品编码", "HS Code", "HS", "税号"],
            Field::CccCode => &[
                "CCC代码",
                "目录代码",
                "CCC Code",
                "CCC目录代码",
                "CCC产品代码",
                "CCC",
            ],
            Field::Reason => &["界定依据", "Reason", "依据"],
        }
    }
}

/// A header as compared: NFKC (full-width letters and digits become ASCII), lower case, without
/// whitespace, a trailing note in brackets (`单价(USD)`, `数量（台）`) or a trailing `:` or `.`.
pub fn normalise_header(h: &str) -> String {
    let mut s: String = h
        .nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .collect();
    loop {
        let before = s.len();
        while s.ends_with([':', '.', '*']) {
            s.pop();
        }
        if s.ends_with(')')
            && let Some(i) = s.rfind('(')
            && i > 0
        {
            s.truncate(i);
        }
        if s.len() == before {
            return s;
        }
    }
}

fn alias_table() -> &'static [(String, Field)] {
    static T: std::sync::OnceLock<Vec<(String, Field)>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        Field::ALL
            .iter()
            .flat_map(|f| f.aliases().iter().map(|a| (normalise_header(a), *f)))
            .collect()
    })
}

fn lookup_header(normalised: &str) -> Option<Field> {
    alias_table()
        .iter()
        .find(|(a, _)| a == normalised)
        .map(|(_, f)| *f)
}

/// The column a header names, if any. A bilingual header (`品名 Description`, `Unit Price 单价`)
/// counts when every word of it belongs to names of one and the same column.
pub fn classify_header(h: &str) -> Option<Field> {
    let n = normalise_header(h);
    if n.is_empty() {
        return None;
    }
    if let Some(f) = lookup_header(&n) {
        return Some(f);
    }
    let tokens: Vec<String> = h
        .nfkc()
        .collect::<String>()
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '|' | '／'))
        .map(normalise_header)
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.len() < 2 {
        return None;
    }
    // Longest match first at each word; every word must be part of a match.
    let mut found: Option<Field> = None;
    let mut i = 0;
    while i < tokens.len() {
        let mut matched = None;
        for j in (i + 1..=tokens.len()).rev() {
            if let Some(f) = lookup_header(&tokens[i..j].concat()) {
                matched = Some((f, j));
                break;
            }
        }
        let (f, j) = matched?;
        if found.is_some_and(|g| g != f) {
            return None;
        }
        found = Some(f);
        i = j;
    }
    found
}

/// How many of the product columns a line of headers names (for detecting the CSV separator):
/// 0 unless it names the product name and the quantity.
fn header_score(fields: &[String]) -> usize {
    let found: std::collections::HashSet<Field> =
        fields.iter().filter_map(|h| classify_header(h)).collect();
    if found.contains(&Field::Name) && found.contains(&Field::Quantity) {
        found.len()
    } else {
        0
    }
}

// ---------------------------------------------------------------------------------------------
// Reading product lines

/// A bad cell (or a note about one), with where the spreadsheet shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellProblem {
    /// The sheet (XLSX only).
    pub sheet: Option<String>,
    /// The row as the spreadsheet numbers it.
    pub row: u32,
    /// The column's header as the file writes it.
    pub column: Option<String>,
    /// The column letter (A, B, …, AA).
    pub letter: Option<String>,
    pub message: String,
}

impl CellProblem {
    /// `packing-list.xlsx: sheet 装箱单, row 17, column 数量 (F): "三" is not a whole number`.
    pub fn describe(&self, file: &str, lang: Lang) -> String {
        let mut s = format!("{file}: ");
        if let Some(sh) = &self.sheet {
            s.push_str(&format!("{} {sh}, ", lang.pick("工作表", "sheet")));
        }
        s.push_str(&format!(
            "{} {}",
            lang.pick("第", "row"),
            match lang {
                Lang::Zh => format!("{} 行", self.row),
                Lang::En => self.row.to_string(),
            }
        ));
        if let (Some(c), Some(l)) = (&self.column, &self.letter) {
            s.push_str(&format!(", {} {c} ({l})", lang.pick("列", "column")));
        }
        s.push_str(&format!(": {}", self.message));
        s
    }
}

/// A column of the sheet the tool does not use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExtraColumn {
    pub header: String,
    pub letter: String,
}

/// A column of the sheet mapped to a product field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MappedColumn {
    pub field: Field,
    pub header: String,
    pub letter: String,
    #[serde(skip)]
    col: u32,
}

/// One product line and the row it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    pub row: u32,
    pub product: Product,
}

/// What a sheet gave: the product lines, the columns found and not used, every bad cell, and
/// notes about cells read in a way the user should know of (a date in a text column, a skipped
/// total row).
#[derive(Debug, Clone, Serialize)]
pub struct Intake {
    #[serde(flatten)]
    pub source: Source,
    pub sheet: Option<String>,
    /// The header row (the last one when the header spans merged rows).
    pub header_row: u32,
    pub columns: Vec<MappedColumn>,
    pub extra_columns: Vec<ExtraColumn>,
    pub lines: Vec<Line>,
    /// Bad cells: when there is any, nothing may be written.
    pub problems: Vec<CellProblem>,
    pub notes: Vec<CellProblem>,
}

impl Intake {
    /// "rows 4–23" of the lines read.
    pub fn row_span(&self) -> Option<(u32, u32)> {
        Some((self.lines.first()?.row, self.lines.last()?.row))
    }
}

/// Read the product lines of an XLSX sheet (`sheet`, default the first) or a CSV file.
/// `progress(rows_done, rows_total)` is called now and then. A file that cannot be read, or has
/// no header row, is an error; bad cells are listed in `Intake::problems`.
pub fn read_products(
    path: &Path,
    sheet: Option<&str>,
    lang: Lang,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Intake> {
    if let Err(p) = crate::util::paths::regular_file(path) {
        let (zh, en) = p.describe();
        return Err(Error::Input(format!(
            "{}: {}",
            path.display(),
            lang.pick(&zh, &en)
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::input_io(path, e))?;
    if bytes.is_empty() {
        return Err(Error::Input(format!(
            "{}: {}",
            path.display(),
            lang.pick("文件为空", "the file is empty")
        )));
    }
    let grid = read_grid(path, &bytes, sheet, lang)?;
    products_of(path, &grid, lang, progress)
}

/// The header text of a cell: its own value, or the value of a merged range it is the first
/// column of (a header merged over two rows names its column in both); `None` inside a range
/// merged across columns.
fn header_text(grid: &Grid, rows: &[GridRow], i: usize, col: u32) -> Option<String> {
    let row = &rows[i];
    let own = row.cell(col);
    if !own.is_empty() {
        return Some(own.text());
    }
    let m = grid.merged_over(row.number - 1, col)?;
    if m.first_col != col {
        return None;
    }
    rows.iter()
        .find(|r| r.number - 1 == m.first_row)
        .map(|r| r.cell(col).text())
        .filter(|t| !t.is_empty())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const TOTAL_WORDS: &[&str] = &[
    "合计",
    "总计",
    "小计",
    "共计",
    "总数",
    "total",
    "subtotal",
    "sub-total",
    "grandtotal",
    "totals",
];

fn products_of(
    path: &Path,
    grid: &Grid,
    lang: Lang,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Intake> {
    let rows = &grid.rows;
    // The header: the first row naming the product name and the quantity (a header merged over
    // rows counts in each of them).
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0) as u32;
    let mut header = None;
    for i in 0..rows.len() {
        let found: Vec<Option<Field>> = (0..width)
            .map(|c| header_text(grid, rows, i, c).and_then(|t| classify_header(&t)))
            .collect();
        if found.contains(&Some(Field::Name)) && found.contains(&Some(Field::Quantity)) {
            header = Some(i);
            break;
        }
    }
    let Some(hi) = header else {
        let first: Vec<String> = rows
            .iter()
            .take(3)
            .map(|r| {
                format!(
                    "{} {}: {}",
                    lang.pick("行", "row"),
                    r.number,
                    r.cells
                        .iter()
                        .map(Cell::text)
                        .filter(|t| !t.is_empty())
                        .map(|t| one_line(&t))
                        .collect::<Vec<_>>()
                        .join(" | ")
                )
            })
            .collect();
        let sheet = grid
            .sheet
            .as_ref()
            .map(|s| format!(" ({} {s})", lang.pick("工作表", "sheet")))
            .unwrap_or_default();
        return Err(Error::Input(format!(
            "{}{sheet}: {}{}",
            path.display(),
            lang.pick(
                "找不到列名行：需要一行同时写明品名（品名/名称/产品名称/Description/Name）和数量（数量/Quantity/Qty）",
                "no header row: one row must name the product name (品名/名称/产品名称/Description/Name) and the quantity (数量/Quantity/Qty)"
            ),
            if first.is_empty() {
                lang.pick("；没有任何内容", "; the sheet is empty").to_string()
            } else {
                format!(
                    "; {}: {}",
                    lang.pick("开头几行", "the first rows"),
                    first.join("; ")
                )
            }
        )));
    };
    // A header merged down over several rows: the header ends with the lowest of them, and a
    // column takes the lowest name in it that is a product column (a group title above two
    // sub-headers, 价格 over 单价 and 币种, gives way to them).
    let top = rows[hi].number - 1;
    let bottom = grid
        .merged
        .iter()
        .filter(|m| m.first_row == top && m.last_row > top)
        .map(|m| m.last_row)
        .max()
        .unwrap_or(top);
    let block: Vec<usize> = (hi..rows.len())
        .take_while(|&i| rows[i].number - 1 <= bottom)
        .collect();
    let last_header = *block.last().unwrap_or(&hi);
    let mut columns: Vec<MappedColumn> = Vec::new();
    let mut extra_columns = Vec::new();
    let mut notes = Vec::new();
    for c in 0..width {
        let names: Vec<String> = block
            .iter()
            .filter_map(|&i| header_text(grid, rows, i, c))
            .map(|t| one_line(&t))
            .collect();
        if names.is_empty() {
            continue;
        }
        let chosen = names
            .iter()
            .rev()
            .find_map(|n| classify_header(n).map(|f| (f, n.clone())));
        let letter = column_letter(c);
        match chosen {
            Some((f, header)) => {
                if let Some(first) = columns.iter().find(|m| m.field == f) {
                    notes.push(CellProblem {
                        sheet: grid.sheet.clone(),
                        row: rows[last_header].number,
                        column: Some(header.clone()),
                        letter: Some(letter.clone()),
                        message: match lang {
                            Lang::Zh => format!(
                                "与 {} ({}) 是同一列：只用前一列",
                                first.header, first.letter
                            ),
                            Lang::En => format!(
                                "names the same column as {} ({}); only the first one is used",
                                first.header, first.letter
                            ),
                        },
                    });
                    extra_columns.push(ExtraColumn { header, letter });
                } else {
                    columns.push(MappedColumn {
                        field: f,
                        header,
                        letter,
                        col: c,
                    });
                }
            }
            None => extra_columns.push(ExtraColumn {
                header: names.join(" / "),
                letter,
            }),
        }
    }
    let col_of = |f: Field| columns.iter().find(|m| m.field == f);
    let mut intake = Intake {
        source: grid.source.clone(),
        sheet: grid.sheet.clone(),
        header_row: rows[last_header].number,
        columns: columns.clone(),
        extra_columns,
        lines: Vec::new(),
        problems: Vec::new(),
        notes,
    };
    let data = &rows[last_header + 1..];
    let total = data.len() as u64;
    let cell_at = |i: usize, col: u32| -> Cell {
        // A cell merged down from the row above holds the value of the range's first cell.
        let row = &data[i];
        let own = row.cell(col);
        if !own.is_empty() {
            return own.clone();
        }
        match grid.merged_over(row.number - 1, col) {
            Some(m) if m.first_col == col => rows
                .iter()
                .find(|r| r.number - 1 == m.first_row)
                .map(|r| r.cell(col).clone())
                .unwrap_or(Cell::Empty),
            _ => Cell::Empty,
        }
    };
    for (i, row) in data.iter().enumerate() {
        if i % 256 == 0 {
            progress(i as u64, total);
        }
        let cells: Vec<(&MappedColumn, Cell)> =
            columns.iter().map(|m| (m, cell_at(i, m.col))).collect();
        if cells.iter().all(|(_, c)| c.is_empty()) {
            continue; // nothing in the product columns
        }
        let problem = |m: &MappedColumn, message: String| CellProblem {
            sheet: grid.sheet.clone(),
            row: row.number,
            column: Some(m.header.clone()),
            letter: Some(m.letter.clone()),
            message,
        };
        // A total row (合计, Total) at the foot of a packing list is not a product line.
        if let Some(first) = row.cells.iter().find(|c| !c.is_empty())
            && TOTAL_WORDS.contains(&normalise_header(&first.text()).as_str())
        {
            intake.notes.push(CellProblem {
                sheet: grid.sheet.clone(),
                row: row.number,
                column: None,
                letter: None,
                message: format!(
                    "{} ({})",
                    lang.pick("合计行，已跳过", "a total row, skipped"),
                    one_line(&first.text())
                ),
            });
            continue;
        }
        // A heading row: one text merged across the columns ("一、电机类").
        let filled: Vec<&(&MappedColumn, Cell)> =
            cells.iter().filter(|(_, c)| !c.is_empty()).collect();
        if let [(m, c)] = filled.as_slice()
            && grid.merged.iter().any(|g| {
                g.first_row == row.number - 1 && g.first_col == m.col && g.last_col > m.col
            })
        {
            intake.notes.push(CellProblem {
                sheet: grid.sheet.clone(),
                row: row.number,
                column: None,
                letter: None,
                message: format!(
                    "{} ({})",
                    lang.pick(
                        "跨列合并的标题行，已跳过",
                        "a heading merged across columns, skipped"
                    ),
                    one_line(&c.text())
                ),
            });
            continue;
        }
        let mut p = Product::default();
        let mut failed: Vec<Field> = Vec::new();
        for (m, cell) in &cells {
            match convert(m.field, cell, lang) {
                Ok((value, note)) => {
                    if let Some(n) = note {
                        intake.notes.push(problem(m, n));
                    }
                    set(&mut p, m.field, value);
                }
                Err(msg) => {
                    intake.problems.push(problem(m, msg));
                    failed.push(m.field);
                }
            }
        }
        // A line needs a name and a quantity (an empty cell; a bad one is reported above).
        if p.name.is_none() && !failed.contains(&Field::Name) {
            let m = col_of(Field::Name).expect("the header names the name column");
            intake.problems.push(CellProblem {
                message: lang
                    .pick(
                        "品名为空（每个产品行都要有品名）",
                        "the product name is empty (every product line needs one)",
                    )
                    .to_string(),
                ..problem(m, String::new())
            });
            failed.push(Field::Name);
        }
        if p.quantity.is_none() && !failed.contains(&Field::Quantity) {
            let m = col_of(Field::Quantity).expect("the header names the quantity column");
            intake.problems.push(problem(
                m,
                lang.pick("数量为空", "the quantity is empty").to_string(),
            ));
            failed.push(Field::Quantity);
        }
        if failed.is_empty() {
            intake.lines.push(Line {
                row: row.number,
                product: p,
            });
        }
    }
    progress(total, total);
    Ok(intake)
}

/// A converted cell: a text value or a quantity.
enum Value {
    None,
    Text(String),
    Quantity(i64),
}

fn set(p: &mut Product, f: Field, v: Value) {
    let text = match v {
        Value::None => return,
        Value::Quantity(q) => {
            p.quantity = Some(q);
            return;
        }
        Value::Text(t) => Some(t),
    };
    match f {
        Field::Name => p.name = text,
        Field::Model => p.model = text,
        Field::Brand => p.brand = text,
        Field::Manufacturer => p.manufacturer = text,
        Field::Origin => p.origin = text,
        Field::Quantity => {}
        Field::Unit => p.unit = text,
        Field::UnitPrice => p.unit_price = text,
        Field::Currency => p.currency = text,
        Field::HsCode => p.hs_code = text,
        Field::CccCode => p.ccc_code = text,
        Field::Reason => p.ccc_reason = text,
    }
}

/// A number written as text, as a plain decimal: full-width digits, thousands separators
/// (`1,200.00`) and a decimal comma (`12,50`) are understood. `None` when it is not a number.
fn plain_decimal(text: &str) -> Option<String> {
    let t: String = text.nfkc().filter(|c| !c.is_whitespace()).collect();
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t.strip_prefix('+').unwrap_or(&t)),
    };
    let is_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let body = if let Some((int, frac)) = body.split_once(',')
        && !frac.contains(',')
        && !frac.contains('.')
        && is_digits(int)
        && is_digits(frac)
        && frac.len() <= 2
    {
        format!("{int}.{frac}")
    } else if body.contains(',') {
        // Thousands: groups of three digits.
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        let groups: Vec<&str> = int.split(',').collect();
        let grouped = groups[0].len() <= 3
            && is_digits(groups[0])
            && groups[1..].iter().all(|g| g.len() == 3 && is_digits(g));
        if !grouped {
            return None;
        }
        if frac.is_empty() && !body.contains('.') {
            groups.concat()
        } else {
            format!("{}.{frac}", groups.concat())
        }
    } else {
        body.to_string()
    };
    let (int, frac) = body.split_once('.').unwrap_or((&body, ""));
    if !is_digits(int) || !(frac.is_empty() || is_digits(frac)) || body.ends_with('.') {
        return None;
    }
    Some(format!("{}{body}", if neg { "-" } else { "" }))
}

/// A whole number from a plain decimal (`3`, `3.0`, `3.00`).
fn whole(dec: &str) -> Option<Result<i64, ()>> {
    let (int, frac) = dec.split_once('.').unwrap_or((dec, ""));
    if frac.chars().any(|c| c != '0') {
        return Some(Err(()));
    }
    int.parse::<i64>().ok().map(Ok)
}

fn convert(
    f: Field,
    cell: &Cell,
    lang: Lang,
) -> std::result::Result<(Value, Option<String>), String> {
    if cell.is_empty() {
        return Ok((Value::None, None));
    }
    let shown = cell.text();
    match f {
        Field::Quantity => {
            let dec = match cell {
                Cell::Number { value, .. } => Some(shown_number(*value, None, None)),
                Cell::Text(t) => plain_decimal(t),
                Cell::Date(d) => {
                    return Err(format!(
                        "{} ({d}){}",
                        lang.pick("是日期，不是数量", "is a date, not a quantity"),
                        lang.pick(
                            "：请把该列设为“数值”或“常规”格式",
                            ": format the column as a number"
                        )
                    ));
                }
                _ => None,
            };
            match dec.as_deref().map(whole) {
                Some(Some(Ok(q))) if q > 0 => Ok((Value::Quantity(q), None)),
                Some(Some(Ok(q))) => Err(format!(
                    "{} {q} {}",
                    lang.pick("数量", "the quantity"),
                    lang.pick("不是正整数", "is not a positive whole number")
                )),
                Some(Some(Err(()))) => Err(format!(
                    "{shown:?} {}",
                    lang.pick(
                        "不是整数（数量应为正整数）",
                        "is not a whole number (a quantity is a positive whole number)"
                    )
                )),
                Some(None) => Err(format!(
                    "{shown:?} {}",
                    lang.pick("超出范围", "is out of range")
                )),
                None => Err(format!(
                    "{shown:?} {}",
                    lang.pick("不是整数", "is not a whole number")
                )),
            }
        }
        Field::UnitPrice => {
            let dec = match cell {
                Cell::Number { .. } => Some(shown.clone()),
                Cell::Text(t) => plain_decimal(t),
                _ => None,
            };
            match dec {
                Some(d) if !d.starts_with('-') => Ok((Value::Text(d), None)),
                Some(d) => Err(format!(
                    "{d:?} {}",
                    lang.pick("单价不能为负数", "a unit price cannot be negative")
                )),
                None => Err(format!(
                    "{shown:?} {}",
                    lang.pick(
                        "不是数字（单价写成如 1200.00 的数，币种写在币种列）",
                        "is not a number (write a unit price like 1200.00, its currency in the currency column)"
                    )
                )),
            }
        }
        Field::CccCode => match cell {
            // A number cell drops the leading zero of codes 01xx–09xx: 201 is 0201.
            Cell::Number { value, .. }
                if value.fract() == 0.0 && (1.0..=9999.0).contains(value) =>
            {
                Ok((Value::Text(format!("{:04}", *value as i64)), None))
            }
            Cell::Error(e) => Err(format!(
                "{} {e}",
                lang.pick("单元格是错误值", "the cell holds the error")
            )),
            _ => Ok((Value::Text(shown), None)),
        },
        _ => match cell {
            Cell::Error(e) => Err(format!(
                "{} {e}",
                lang.pick("单元格是错误值", "the cell holds the error")
            )),
            Cell::Text(t) if f != Field::Reason && t.contains(['\n', '\r']) => {
                Ok((Value::Text(one_line(t)), None))
            }
            Cell::Date(d) => Ok((
                Value::Text(d.clone()),
                Some(format!(
                    "{} {d}{}",
                    lang.pick("日期单元格，按", "a date cell, written as"),
                    lang.pick(
                        " 写入；如原为型号等文字，是 Excel 把它转成了日期：请把该列设为“文本”格式",
                        "; if it was a model or other text, Excel turned it into a date: format the column as text"
                    )
                )),
            )),
            _ => Ok((Value::Text(shown), None)),
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Writing application.toml

/// A catalogue candidate for a line without a CCC code: one catalogue item and its codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// All codes of the item (the 描述与界定表 decides which applies).
    pub codes: Vec<String>,
    pub name_zh: String,
    pub name_en: String,
    /// The category, e.g. `八 电子产品及安全附件`.
    pub category: String,
}

/// What [`merge_products`] did, and the new text of the file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MergeReport {
    #[serde(skip)]
    pub text: String,
    pub added: usize,
    /// Product lines removed (`replace`).
    pub removed: usize,
    /// Lines without a CCC code, with candidates (or a search hint) as a comment.
    pub to_confirm: usize,
}

/// Where the lines came from, for the comment above the first of them.
pub struct Provenance<'a> {
    /// The file name as the user knows it.
    pub file: &'a str,
    pub sheet: Option<&'a str>,
}

/// The marker of the comment written above each batch of imported lines.
pub const PROVENANCE_MARK: &str = "# ccc-exempt import-products:";

/// The start of the comment above a line without a CCC code.
const CANDIDATES_MARK: &str = "# 待确认 (row";

const AFTER_PRODUCTS: &[&str] = &[
    "import",
    "materials",
    "research",
    "repair",
    "production_line",
    "exhibition",
    "export_assembly",
    "other",
];

fn for_each_table(t: &mut toml_edit::Table, f: &mut dyn FnMut(&mut toml_edit::Table)) {
    for (_, item) in t.iter_mut() {
        match item {
            toml_edit::Item::Table(sub) => {
                f(sub);
                for_each_table(sub, f);
            }
            toml_edit::Item::ArrayOfTables(a) => {
                for sub in a.iter_mut() {
                    f(sub);
                    for_each_table(sub, f);
                }
            }
            _ => {}
        }
    }
}

fn prefix_of(t: &toml_edit::Table) -> String {
    t.decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("")
        .to_string()
}

/// Split the text above a table header into paragraphs (separated by blank lines), keeping
/// each paragraph's lines.
fn paragraphs(prefix: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = vec![Vec::new()];
    for line in prefix.lines() {
        if line.trim().is_empty() {
            if !out.last().is_some_and(Vec::is_empty) {
                out.push(Vec::new());
            }
        } else {
            out.last_mut().expect("not empty").push(line);
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

fn join_paragraphs(ps: &[Vec<&str>]) -> String {
    ps.iter()
        .map(|p| p.iter().map(|l| format!("{l}\n")).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn comment_lines(text: &str) -> String {
    text.lines().map(|l| format!("# {l}\n")).collect()
}

/// Write `lines` into the text of an application.toml: appended after its last product line
/// (or where product lines belong when it has none), or replacing every product line. Comments
/// and layout of the rest of the file are kept. `candidates` finds the catalogue candidates of a
/// line without a CCC code; they are written as a comment above its table, never as a code.
pub fn merge_products(
    path: &Path,
    source: &str,
    lines: &[Line],
    replace: bool,
    provenance: &Provenance<'_>,
    candidates: &dyn Fn(&Product) -> Vec<Candidate>,
) -> Result<MergeReport> {
    use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};
    let mut doc: DocumentMut = source.parse().map_err(|e: toml_edit::TomlError| {
        super::parse::syntax_error(path, source, e.span(), e.message())
    })?;
    let mut outcome = MergeReport::default();
    // The positions of the tables in the file, and the product tables among them.
    let existing: Vec<isize> = match doc.get("products") {
        None => Vec::new(),
        Some(Item::ArrayOfTables(a)) => a.iter().filter_map(Table::position).collect(),
        Some(_) if replace => Vec::new(),
        Some(_) => {
            return Err(Error::Input(format!(
                "{}: {}",
                path.display(),
                "`products` is not written as [[products]] tables; use --replace or rewrite it as [[products]] tables"
            )));
        }
    };
    let mut all_positions = Vec::new();
    for_each_table(doc.as_table_mut(), &mut |t| {
        if let Some(p) = t.position() {
            all_positions.push(p);
        }
    });
    let max_pos = all_positions.iter().copied().max().unwrap_or(0);
    // Comment paragraphs that go above the new lines (moved from the table they are inserted
    // before, or kept from the first replaced line).
    let mut carried = String::new();
    let insert_at: isize;
    if replace && !existing.is_empty() {
        let old = doc.remove("products").expect("products exist");
        outcome.removed = existing.len();
        insert_at = *existing.iter().min().expect("not empty");
        if let Item::ArrayOfTables(a) = old
            && let Some(first) = a.iter().min_by_key(|t| t.position())
        {
            // Keep the user's comments above the first old line; what an earlier import wrote
            // there (its provenance, the candidates of that line) goes with the old lines.
            let prefix = prefix_of(first);
            let mut ps = paragraphs(&prefix);
            ps.retain(|p| !p[0].starts_with(PROVENANCE_MARK) && !p[0].starts_with(CANDIDATES_MARK));
            carried = join_paragraphs(&ps);
        }
    } else {
        if replace {
            doc.remove("products");
        }
        let after_last = existing.iter().copied().max();
        let next = match after_last {
            Some(last) => all_positions.iter().copied().filter(|p| *p > last).min(),
            None => {
                let mut next: Option<isize> = None;
                for (k, item) in doc.as_table().iter() {
                    if !AFTER_PRODUCTS.contains(&k) {
                        continue;
                    }
                    let pos = match item {
                        Item::Table(t) => t.position(),
                        Item::ArrayOfTables(a) => a.iter().filter_map(Table::position).min(),
                        _ => None,
                    };
                    if let Some(p) = pos {
                        next = Some(next.map_or(p, |n| n.min(p)));
                    }
                }
                next
            }
        };
        insert_at = next.unwrap_or(max_pos + 1);
        // With no product lines yet, the comments about product lines (the scaffold's field
        // guide) above the next table move above the new lines.
        if existing.is_empty()
            && let Some(n) = next
        {
            let mut moved = None;
            for_each_table(doc.as_table_mut(), &mut |t| {
                if t.position() == Some(n) && moved.is_none() {
                    let prefix = prefix_of(t);
                    let ps = paragraphs(&prefix);
                    if let Some(last) = ps
                        .iter()
                        .rposition(|p| p.iter().any(|l| l.contains("[[products]]")))
                        && last + 1 < ps.len()
                    {
                        let keep = join_paragraphs(&ps[last + 1..]);
                        moved = Some(join_paragraphs(&ps[..=last]));
                        t.decor_mut().set_prefix(format!("\n{keep}"));
                    }
                }
            });
            if let Some(m) = moved {
                carried = m;
            }
        }
    }
    let n = lines.len() as isize;
    for_each_table(doc.as_table_mut(), &mut |t| {
        if let Some(p) = t.position()
            && p >= insert_at
        {
            t.set_position(Some(p + n));
        }
    });
    if !matches!(doc.get("products"), Some(Item::ArrayOfTables(_))) {
        doc.insert("products", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let span = match (lines.first(), lines.last()) {
        (Some(a), Some(b)) if a.row == b.row => format!("row {}", a.row),
        (Some(a), Some(b)) => format!("rows {}–{}", a.row, b.row),
        _ => String::new(),
    };
    let mut new_tables = Vec::with_capacity(lines.len());
    for (k, line) in lines.iter().enumerate() {
        let p = &line.product;
        let mut t = Table::new();
        for (key, v) in [
            ("name", &p.name),
            ("model", &p.model),
            ("brand", &p.brand),
            ("manufacturer", &p.manufacturer),
            ("origin", &p.origin),
        ] {
            if let Some(v) = v {
                t.insert(key, toml_edit::value(v.as_str()));
            }
        }
        if let Some(q) = p.quantity {
            t.insert("quantity", toml_edit::value(q));
        }
        for (key, v) in [
            ("unit", &p.unit),
            ("unit_price", &p.unit_price),
            ("currency", &p.currency),
            ("hs_code", &p.hs_code),
            ("ccc_code", &p.ccc_code),
            ("ccc_reason", &p.ccc_reason),
        ] {
            if let Some(v) = v {
                t.insert(key, toml_edit::value(v.as_str()));
            }
        }
        let mut prefix = String::from("\n");
        if k == 0 {
            if !carried.trim().is_empty() {
                prefix.push_str(&carried);
                prefix.push('\n');
            }
            prefix.push_str(&format!(
                "{PROVENANCE_MARK} {}{}, {span} ({} {})\n\n",
                provenance.file,
                provenance
                    .sheet
                    .map(|s| format!(", sheet {s}"))
                    .unwrap_or_default(),
                lines.len(),
                if lines.len() == 1 { "line" } else { "lines" }
            ));
        }
        if p.ccc_code.as_deref().is_none_or(|c| c.trim().is_empty()) {
            outcome.to_confirm += 1;
            prefix.push_str(&candidate_comment(p, line.row, &candidates(p)));
        }
        t.decor_mut().set_prefix(prefix);
        t.set_position(Some(insert_at + k as isize));
        new_tables.push(t);
    }
    if let Some(Item::ArrayOfTables(a)) = doc.get_mut("products") {
        for t in new_tables {
            a.push(t);
        }
    }
    outcome.added = lines.len();
    outcome.text = doc.to_string();
    if !outcome.text.ends_with('\n') {
        outcome.text.push('\n');
    }
    Ok(outcome)
}

/// The comment above a line without a CCC code. Candidates are for the user to confirm against
/// the 描述与界定表; the tool never writes a code it has not been given.
fn candidate_comment(p: &Product, row: u32, cands: &[Candidate]) -> String {
    let name = p.name.as_deref().unwrap_or("");
    let mut s = String::new();
    if cands.is_empty() {
        s.push_str(&comment_lines(&format!(
            "待确认 (row {row}): 目录中没有找到“{name}”的候选；用 `ccc-exempt catalogue search` 查找，\n\
             确认后填写 ccc_code 和 ccc_reason；不在CCC目录内的产品无需免办证明，应从申请中删除。\n\
             To confirm: no catalogue candidate for this name; search with `ccc-exempt catalogue search`,\n\
             then write ccc_code and ccc_reason. A product outside the CCC catalogue needs no certificate: remove it."
        )));
        return s;
    }
    s.push_str(&comment_lines(&format!(
        "待确认 (row {row}): 表中没有CCC代码。目录候选如下，对照《描述与界定表》确认后填写 ccc_code 和 ccc_reason：\n\
         To confirm: no CCC code in the sheet. Catalogue candidates; check the 描述与界定表, then write ccc_code and ccc_reason:"
    )));
    for c in cands {
        let codes = c.codes.join(" / ");
        let several = if c.codes.len() > 1 {
            "\n#     多个代码：由《描述与界定表》确定适用哪一个 / several codes: the 描述与界定表 decides which applies"
        } else {
            ""
        };
        let en = if c.name_en.is_empty() {
            String::new()
        } else {
            format!(" ({})", c.name_en)
        };
        s.push_str(&format!(
            "#   {codes}  {}{en}, {}{several}\n",
            c.name_zh, c.category
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_show_as_excel_shows_them() {
        assert_eq!(shown_number(12.5, Some(2), None), "12.50");
        assert_eq!(shown_number(12.5, None, None), "12.5");
        assert_eq!(shown_number(3.0, None, None), "3");
        assert_eq!(shown_number(1.1 * 3.0, Some(2), None), "3.30");
        assert_eq!(shown_number(12.345, Some(2), None), "12.345");
        assert_eq!(shown_number(1e20, None, None), "100000000000000000000");
        assert_eq!(shown_number(0.000123, None, None), "0.000123");
        assert_eq!(shown_number(201.0, None, Some(4)), "0201");
        assert_eq!(shown_number(8467211000.0, None, None), "8467211000");
        assert_eq!(shown_number(-0.0, None, None), "0");
    }

    #[test]
    fn number_formats() {
        assert_eq!(number_shape("0.00"), (Some(2), None));
        assert_eq!(number_shape("#,##0.00_);[Red](#,##0.00)"), (Some(2), None));
        assert_eq!(number_shape("\"¥\"#,##0.000"), (Some(3), None));
        assert_eq!(number_shape("General"), (None, None));
        assert_eq!(number_shape("0000"), (None, Some(4)));
        assert_eq!(number_shape("0.00%"), (None, None));
        assert_eq!(number_shape("0"), (None, None));
    }

    #[test]
    fn headers_in_both_languages() {
        for (h, f) in [
            ("品名", Field::Name),
            (" Description ", Field::Name),
            ("UNIT PRICE", Field::UnitPrice),
            ("单价(USD)", Field::UnitPrice),
            ("数量（台）", Field::Quantity),
            ("Qty.", Field::Quantity),
            ("品名\nDescription", Field::Name),
            ("Unit Price 单价", Field::UnitPrice),
            ("ＨＳ编码", Field::HsCode),
            ("HS Code", Field::HsCode),
            ("CCC代码", Field::CccCode),
            ("界定依据", Field::Reason),
            ("币制", Field::Currency),
        ] {
            assert_eq!(classify_header(h), Some(f), "{h:?}");
        }
        for h in ["序号", "金额", "Net Unit Weight", "Total Amount", ""] {
            assert_eq!(classify_header(h), None, "{h:?}");
        }
    }

    #[test]
    fn decimals_written_as_text() {
        assert_eq!(plain_decimal("1,200.00").as_deref(), Some("1200.00"));
        assert_eq!(plain_decimal("12,50").as_deref(), Some("12.50"));
        assert_eq!(plain_decimal("１２"), Some("12".into()));
        assert_eq!(plain_decimal(" 3 ").as_deref(), Some("3"));
        assert_eq!(plain_decimal("1,20,0"), None);
        assert_eq!(plain_decimal("三"), None);
        assert_eq!(plain_decimal("12."), None);
        assert_eq!(plain_decimal("¥12"), None);
        assert_eq!(whole("3.00"), Some(Ok(3)));
        assert_eq!(whole("3.5"), Some(Err(())));
    }

    #[test]
    fn letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(5), "F");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}

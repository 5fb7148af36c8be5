//! Reading a catalogue table — the bundled CSV, or an official replacement file (CSV or a
//! spreadsheet) — into rows, with every problem reported at its position: `file:line:column` for a
//! CSV, the sheet, row and column for a spreadsheet.

use std::collections::HashMap;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use super::{COLUMNS, Entry, OPTIONAL_COLUMNS, Status, TOTAL_ITEMS, category_number};
use crate::error::{Error, Result};
use crate::model::codes::Code;
use crate::model::diagnostic::{Diagnostic, Location};

/// At most this many problems are reported for one file (the rest are counted).
const MAX_PROBLEMS: usize = 50;

/// One cell of the table, with its position.
struct Cell {
    text: String,
    /// 1-based line (CSV) or row (spreadsheet).
    line: usize,
    /// 1-based character column (CSV) or column number (spreadsheet).
    column: usize,
    /// A spreadsheet cell that held a number, not text.
    numeric: bool,
}

/// One row of the table.
struct Row {
    /// The line (CSV, where the record starts) or the row (spreadsheet).
    line: usize,
    cells: Vec<Cell>,
}

/// Where the rows come from, which decides how a position is written.
enum Source {
    Csv,
    Sheet(String),
}

struct Problems {
    source: Source,
    /// The file, as named in the diagnostics.
    file: String,
    list: Vec<Diagnostic>,
    more: usize,
}

impl Problems {
    fn push(&mut self, line: usize, column: usize, column_name: Option<&str>, message: String) {
        if self.list.len() >= MAX_PROBLEMS {
            self.more += 1;
            return;
        }
        let message = match (&self.source, column_name) {
            (Source::Csv, Some(name)) => format!("{name}: {message}"),
            (Source::Csv, None) => message,
            (Source::Sheet(sheet), name) => {
                let name = name.map(|n| format!(" ({n})")).unwrap_or_default();
                format!(
                    "sheet {sheet:?}, row {line}, column {}{name}: {message}",
                    column_letters(column)
                )
            }
        };
        self.list
            .push(Diagnostic::new(Code::T004, message).at(Location::file(
                self.file.clone(),
                line,
                column,
                None,
            )));
    }

    /// The problems so far as one error (and none kept).
    fn take_error(&mut self, path: &Path) -> Option<Error> {
        if self.list.is_empty() {
            return None;
        }
        if self.more > 0 {
            let last = self
                .list
                .last()
                .map(|d| d.location.clone())
                .unwrap_or(Location::None);
            self.list.push(
                Diagnostic::new(Code::T004, format!("… and {} more problems", self.more)).at(last),
            );
        }
        self.more = 0;
        Some(Error::Invalid {
            path: path.to_path_buf(),
            problems: std::mem::take(&mut self.list),
        })
    }
}

/// `1` → `A`, `27` → `AA`.
fn column_letters(mut n: usize) -> String {
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Whether the bytes (or the file name) are a spreadsheet rather than a CSV.
pub(super) fn is_spreadsheet(path: &Path, bytes: &[u8]) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    matches!(
        ext.as_deref(),
        Some("xlsx" | "xlsm" | "xlsb" | "xls" | "ods")
    ) || bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Parse a CSV catalogue table (already decoded text).
pub(super) fn parse_csv(path: &Path, text: &str, official: bool) -> Result<Vec<Entry>> {
    let mut problems = Problems {
        source: Source::Csv,
        file: path.display().to_string(),
        list: Vec::new(),
        more: 0,
    };
    let lines = LineStarts::new(text);
    let mut rows = Vec::new();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    for rec in rdr.records() {
        match rec {
            Ok(rec) => {
                let start = rec.position().map(|p| p.byte() as usize).unwrap_or(0);
                let starts = field_starts(text, start, rec.len());
                let line = lines.pos(starts.first().copied().unwrap_or(start)).0;
                let cells = rec
                    .iter()
                    .zip(starts)
                    .map(|(field, at)| {
                        let (line, column) = lines.pos(at);
                        Cell {
                            text: field.to_string(),
                            line,
                            column,
                            numeric: false,
                        }
                    })
                    .collect();
                rows.push(Row { line, cells });
            }
            Err(e) => {
                let at = e
                    .position()
                    .map(|p| skip_newlines(text, p.byte() as usize))
                    .unwrap_or(0);
                let (line, column) = lines.pos(at);
                problems.push(line, column, None, format!("malformed CSV row: {e}"));
                break;
            }
        }
    }
    entries(path, rows, problems, official)
}

/// Parse the first sheet of a spreadsheet catalogue table.
pub(super) fn parse_spreadsheet(path: &Path, bytes: Vec<u8>, official: bool) -> Result<Vec<Entry>> {
    use calamine::{Data, Reader};
    let unreadable = |e: &dyn std::fmt::Display| Error::Parse {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        message: format!("cannot read the spreadsheet: {e}"),
    };
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| unreadable(&e))?;
    let Some(sheet) = book.sheet_names().first().cloned() else {
        return Err(unreadable(&"the workbook has no sheet"));
    };
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| unreadable(&format!("sheet {sheet:?}: {e}")))?;
    let mut problems = Problems {
        source: Source::Sheet(sheet),
        file: path.display().to_string(),
        list: Vec::new(),
        more: 0,
    };
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::new();
    for (i, cells) in range.rows().enumerate() {
        let line = row0 as usize + i + 1;
        let mut out = Vec::with_capacity(cells.len());
        for (j, cell) in cells.iter().enumerate() {
            let column = col0 as usize + j + 1;
            let (text, numeric) = match cell {
                Data::Empty => (String::new(), false),
                Data::String(s) => (s.clone(), false),
                Data::Int(n) => (n.to_string(), true),
                Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
                    (format!("{}", *f as i64), true)
                }
                Data::Float(f) => (f.to_string(), true),
                Data::Bool(b) => (b.to_string(), false),
                Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
                    problems.push(
                        line,
                        column,
                        None,
                        "a date or time cell: the catalogue table holds text and numbers only"
                            .into(),
                    );
                    (String::new(), false)
                }
                Data::Error(e) => {
                    problems.push(line, column, None, format!("the cell holds an error ({e})"));
                    (String::new(), false)
                }
            };
            out.push(Cell {
                text,
                line,
                column,
                numeric,
            });
        }
        if out.iter().all(|c| c.text.trim().is_empty()) {
            continue;
        }
        rows.push(Row { line, cells: out });
    }
    entries(path, rows, problems, official)
}

/// The text in NFC. Text already in NFC (the quick check says so for nearly every cell: ASCII,
/// ideographs) is copied as it is, without the decomposition and recomposition.
fn nfc(text: &str) -> String {
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
    {
        text.to_string()
    } else {
        text.nfc().collect()
    }
}

/// Validate the rows (the first is the header) and turn them into entries.
fn entries(
    path: &Path,
    mut rows: Vec<Row>,
    mut problems: Problems,
    official: bool,
) -> Result<Vec<Entry>> {
    if rows.is_empty() {
        problems.push(1, 1, None, "the catalogue file is empty".into());
        return Err(problems.take_error(path).expect("a problem"));
    }
    let header = rows.remove(0);
    // Column name → index of the cell in a row.
    let mut at: HashMap<&'static str, usize> = HashMap::new();
    let known: Vec<&str> = COLUMNS.iter().chain(OPTIONAL_COLUMNS).copied().collect();
    for (i, cell) in header.cells.iter().enumerate() {
        let name = cell.text.trim().trim_start_matches('\u{feff}');
        if name.is_empty() {
            continue;
        }
        match known.iter().find(|k| **k == name) {
            Some(k) => {
                if at.insert(k, i).is_some() {
                    problems.push(
                        cell.line,
                        cell.column,
                        None,
                        format!("column `{name}` appears twice in the header row"),
                    );
                }
            }
            None => {
                let hint = crate::util::text::closest(name, &known)
                    .map(|k| format!(" (did you mean `{k}`?)"))
                    .unwrap_or_default();
                problems.push(
                    cell.line,
                    cell.column,
                    None,
                    format!(
                        "unknown column `{name}`{hint}; the columns are {}, and optionally {}",
                        COLUMNS.join(", "),
                        OPTIONAL_COLUMNS.join(", ")
                    ),
                );
            }
        }
    }
    let missing: Vec<&str> = COLUMNS
        .iter()
        .copied()
        .filter(|c| !at.contains_key(c))
        .collect();
    if !missing.is_empty() {
        problems.push(
            header.line,
            1,
            None,
            format!(
                "the header row lacks the column(s) {} (the columns are {}, and optionally {})",
                missing.join(", "),
                COLUMNS.join(", "),
                OPTIONAL_COLUMNS.join(", ")
            ),
        );
    }
    if let Some(e) = problems.take_error(path) {
        return Err(e);
    }

    let mut out = Vec::new();
    // First line of each code, of each item (its name, category and marker), of each category.
    let mut codes: HashMap<String, usize> = HashMap::new();
    let mut items: HashMap<u32, (usize, String, String, String)> = HashMap::new();
    let mut categories: HashMap<String, (usize, String)> = HashMap::new();
    for row in &rows {
        let mut row_ok = true;
        // The text of a column (trimmed, NFC) and where to report it.
        let get = |name: &str| -> (String, usize, usize, bool) {
            match at.get(name).and_then(|i| row.cells.get(*i)) {
                Some(c) => (nfc(c.text.trim()), c.line, c.column, c.numeric),
                None => (
                    String::new(),
                    row.line,
                    row.cells.last().map(|c| c.column + 1).unwrap_or(1),
                    false,
                ),
            }
        };
        let mut bad = |name: &str, message: String| {
            let (_, line, column, _) = get(name);
            problems.push(line, column, Some(name), message);
        };

        let (item_text, _, _, _) = get("item_no");
        let item_no = if item_text.is_empty() {
            None
        } else {
            match item_text.parse::<u32>() {
                Ok(n) if (1..=TOTAL_ITEMS as u32).contains(&n) => Some(n),
                Ok(n) => {
                    bad(
                        "item_no",
                        format!("item number {n} is out of range 1–{TOTAL_ITEMS}"),
                    );
                    row_ok = false;
                    None
                }
                Err(_) => {
                    bad(
                        "item_no",
                        format!("item number {item_text:?} is not a whole number"),
                    );
                    row_ok = false;
                    None
                }
            }
        };

        let (category_no_zh, _, _, _) = get("category_no_zh");
        if category_number(&category_no_zh).is_none() {
            bad(
                "category_no_zh",
                format!("category number {category_no_zh:?} must be a Chinese numeral (一 … 十六)"),
            );
            row_ok = false;
        }
        let (category_name_zh, _, _, _) = get("category_name_zh");
        if category_name_zh.is_empty() {
            bad("category_name_zh", "the category name is empty".into());
            row_ok = false;
        }

        let (mut code, _, _, numeric) = get("product_code");
        // A number cell cannot keep the leading zero of 0101.
        if numeric && code.len() < 4 && code.chars().all(|c| c.is_ascii_digit()) {
            code = format!("{code:0>4}");
        }
        let (status_text, _, _, _) = get("status");
        let status = match status_text.as_str() {
            "VERIFIED_2023" => Some(Status::Verified),
            "RECONSTRUCTED" => Some(Status::Reconstructed),
            "UNVERIFIED" => Some(Status::Unverified),
            "" | "OFFICIAL" if official => Some(Status::Official),
            other => {
                bad(
                    "status",
                    format!(
                        "status {other:?} must be VERIFIED_2023, RECONSTRUCTED, UNVERIFIED or OFFICIAL{}",
                        if official { " (or empty)" } else { "" }
                    ),
                );
                row_ok = false;
                None
            }
        };
        if status == Some(Status::Unverified) {
            if !code.is_empty() {
                bad(
                    "product_code",
                    format!("an UNVERIFIED row carries no product code (found {code:?})"),
                );
                row_ok = false;
            }
        } else if status.is_some() {
            if code.len() != 4 || !code.chars().all(|c| c.is_ascii_digit()) {
                bad(
                    "product_code",
                    format!("product code {code:?} must be 4 digits"),
                );
                row_ok = false;
            } else if let Some(first) = codes.get(&code) {
                bad(
                    "product_code",
                    format!("product code {code} appears twice (first on line {first})"),
                );
                row_ok = false;
            } else {
                codes.insert(code.clone(), row.line);
            }
        }

        let (name_zh, _, _, _) = get("product_name_zh");
        if name_zh.is_empty() {
            bad("product_name_zh", "the product name is empty".into());
            row_ok = false;
        }
        let (marker, _, _, _) = get("self_declaration");
        // NFKC: a full-width ＊ is a *.
        let marker: String = marker.nfkc().collect();
        if !matches!(marker.as_str(), "" | "*" | "**") {
            bad(
                "self_declaration",
                format!("self-declaration marker {marker:?} must be empty, * or **"),
            );
            row_ok = false;
        }

        // One item, one name, category and marker; one category, one name.
        if let Some(n) = item_no {
            match items.get(&n) {
                Some((first, name, cat, mark)) => {
                    if *name != name_zh || *cat != category_no_zh || *mark != marker {
                        bad(
                            "item_no",
                            format!(
                                "item {n} is {cat} {name} {} on line {first}; this row says {category_no_zh} {name_zh} {}",
                                if mark.is_empty() { "(no marker)" } else { mark },
                                if marker.is_empty() {
                                    "(no marker)"
                                } else {
                                    &marker
                                }
                            ),
                        );
                        row_ok = false;
                    }
                }
                None => {
                    items.insert(
                        n,
                        (
                            row.line,
                            name_zh.clone(),
                            category_no_zh.clone(),
                            marker.clone(),
                        ),
                    );
                }
            }
        }
        if !category_no_zh.is_empty() {
            match categories.get(&category_no_zh) {
                Some((first, name)) if *name != category_name_zh => {
                    bad(
                        "category_name_zh",
                        format!(
                            "category {category_no_zh} is named {name} on line {first}; this row says {category_name_zh}"
                        ),
                    );
                    row_ok = false;
                }
                Some(_) => {}
                None => {
                    categories.insert(category_no_zh.clone(), (row.line, category_name_zh.clone()));
                }
            }
        }

        let (terms, _, _, _) = get("search_terms");
        let search_terms = split_terms(&terms);
        let (name_en, _, _, _) = get("product_name_en");
        let (note, _, _, _) = get("note");
        if let (true, Some(status)) = (row_ok, status) {
            out.push(Entry {
                item_no,
                category_no_zh,
                category_name_zh,
                code,
                name_zh,
                name_en,
                self_declaration: marker,
                status,
                note,
                search_terms,
                line: row.line,
            });
        }
    }
    if out.is_empty() && problems.list.is_empty() {
        problems.push(
            header.line,
            1,
            None,
            "the catalogue file has no rows".into(),
        );
    }
    match problems.take_error(path) {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// The `search_terms` cell: words separated by `;` (or a full-width `；`).
fn split_terms(cell: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in cell
        .split([';', '；'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if !out.iter().any(|o| o == t) {
            out.push(t.to_string());
        }
    }
    out
}

/// Byte offsets of the starts of lines, for `(line, column)` of a byte in O(log n).
struct LineStarts<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineStarts<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineStarts { text, starts }
    }

    /// 1-based line and character column of a byte offset.
    fn pos(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.text.len());
        let line = self.starts.partition_point(|s| *s <= byte);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..byte)
            .map(|s| s.chars().count())
            .unwrap_or(0)
            + 1;
        (line, column)
    }
}

/// The csv reader places a record after a CRLF at the `\n` (or `\r`) of the line before: step over
/// line ends to the record's first byte.
fn skip_newlines(text: &str, mut byte: usize) -> usize {
    let b = text.as_bytes();
    while byte < b.len() && (b[byte] == b'\n' || b[byte] == b'\r') {
        byte += 1;
    }
    byte
}

/// Byte offsets where each of the `n` fields of the record starting at `start` begins.
fn field_starts(text: &str, start: usize, n: usize) -> Vec<usize> {
    let b = text.as_bytes();
    let mut i = skip_newlines(text, start);
    let mut out = Vec::with_capacity(n);
    out.push(i);
    let mut quoted = false;
    while i < b.len() && out.len() < n {
        match b[i] {
            b'"' => quoted = !quoted,
            b',' if !quoted => out.push(i + 1),
            b'\n' | b'\r' if !quoted => break,
            _ => {}
        }
        i += 1;
    }
    while out.len() < n {
        out.push(i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_of_fields_and_lines() {
        let text = "a,b\r\n\"x\ny\",\"q,r\",z\r\n1,2\n";
        let lines = LineStarts::new(text);
        let rec_start = text.find("\"x").unwrap() - 1; // where the csv reader puts it (the \n)
        let starts = field_starts(text, rec_start, 3);
        assert_eq!(lines.pos(starts[0]), (2, 1));
        assert_eq!(lines.pos(starts[1]), (3, 4));
        assert_eq!(lines.pos(starts[2]), (3, 10));
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(28), "AB");
        assert_eq!(split_terms("a; b；a;;"), vec!["a", "b"]);
    }
}

//! Writing to stdout: a closed pipe (`| head`) ends the program quietly instead of panicking.

use std::io::Write;

pub struct Out;

impl Out {
    /// Print `text` to stdout as is; on a broken pipe exit 0 quietly.
    pub fn print(text: &str) {
        let mut out = std::io::stdout().lock();
        let r = out.write_all(text.as_bytes()).and_then(|_| out.flush());
        if let Err(e) = r {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            eprintln!("error: cannot write to stdout: {e}");
            std::process::exit(3);
        }
    }

    /// Print a line.
    pub fn line(text: &str) {
        let mut s = String::with_capacity(text.len() + 1);
        s.push_str(text);
        s.push('\n');
        Out::print(&s);
    }

    /// Print a value as pretty JSON.
    pub fn json<T: serde::Serialize>(value: &T) {
        let s = serde_json::to_string_pretty(value).expect("serialisable");
        Out::line(&s);
    }
}

/// A cell's text longer than this (display columns) is cut with … in a human table: a table is
/// for reading, the full value stays in JSON and the exports (a 10 MB model must not make a table
/// slow or useless).
pub const MAX_CELL: usize = 240;

/// A word (a run without white space) up to this many columns is never split across lines:
/// certificate numbers, dates, codes, kinds, hashes, application IDs. Longer runs may be.
pub const MAX_WORD: usize = 32;

/// A human table: a comfy-table with the project's style (aligned with Chinese text, no
/// ambiguous-width glyphs) that fits its width without splitting identifiers. Each column is at
/// least as wide as its longest word (header included, up to [`MAX_WORD`]); free text wraps at
/// spaces; a cell over [`MAX_CELL`] is cut with …. When even that does not fit the width, the
/// rows are printed as records (one `label  value` line per column) instead of a table.
#[derive(Clone)]
pub struct Tab(comfy_table::Table);

impl std::ops::Deref for Tab {
    type Target = comfy_table::Table;
    fn deref(&self) -> &comfy_table::Table {
        &self.0
    }
}

impl std::ops::DerefMut for Tab {
    fn deref_mut(&mut self) -> &mut comfy_table::Table {
        &mut self.0
    }
}

/// The display width of a text (Chinese characters count two).
pub fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// `s` cut to at most `max` display columns, ending in … when cut.
pub fn cut(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out
}

/// `line` wrapped at spaces to lines of at most `max` columns; a word wider than `max` (a long
/// Chinese sentence has no spaces) is broken between characters.
fn wrap(line: &str, max: usize) -> Vec<String> {
    let max = max.max(MAX_WORD.min(8));
    let mut out = Vec::new();
    let mut cur = String::new();
    for word in line.split(' ') {
        let sep = usize::from(!cur.is_empty());
        if width(&cur) + sep + width(word) <= max {
            if sep == 1 {
                cur.push(' ');
            }
            cur.push_str(word);
            continue;
        }
        if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        for c in word.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if width(&cur) + cw > max {
                out.push(std::mem::take(&mut cur));
            }
            cur.push(c);
        }
    }
    out.push(cur);
    out
}

fn longest_word(s: &str) -> usize {
    s.split_whitespace().map(width).max().unwrap_or(0)
}

impl Tab {
    /// Add a row; a cell over [`MAX_CELL`] is cut (its row then loses any cell colour).
    pub fn add_row<T: Into<comfy_table::Row>>(&mut self, row: T) -> &mut Self {
        let row: comfy_table::Row = row.into();
        if row.cell_iter().any(|c| width(&c.content()) > MAX_CELL) {
            let cells: Vec<String> = row
                .cell_iter()
                .map(|c| cut(&c.content(), MAX_CELL))
                .collect();
            self.0.add_row(cells);
        } else {
            self.0.add_row(row);
        }
        self
    }

    fn header_texts(&self) -> Vec<String> {
        self.0
            .header()
            .map(|h| h.cell_iter().map(|c| c.content()).collect())
            .unwrap_or_default()
    }

    /// The narrowest width each column can have without splitting a word.
    fn lower_bounds(&self) -> Vec<usize> {
        let header = self.header_texts();
        let n = self
            .0
            .row_iter()
            .map(|r| r.cell_count())
            .max()
            .unwrap_or(0)
            .max(header.len());
        let mut lb = vec![1usize; n];
        for (i, h) in header.iter().enumerate() {
            lb[i] = lb[i].max(longest_word(h).min(MAX_WORD));
        }
        for r in self.0.row_iter() {
            for (i, c) in r.cell_iter().enumerate() {
                lb[i] = lb[i].max(longest_word(&c.content()).min(MAX_WORD));
            }
        }
        lb
    }

    /// The rows as records, for a width the table cannot fit: each row a block of `label  value`
    /// lines (empty values left out), blocks apart by a blank line.
    fn records(&self, avail: usize) -> String {
        let header = self.header_texts();
        let label_w = header.iter().map(|h| width(h)).max().unwrap_or(0);
        let mut out = String::new();
        let total = self.0.row_count();
        for (n, r) in self.0.row_iter().enumerate() {
            if n > 0 {
                out.push('\n');
            }
            out.push_str(&format!("── {}/{total} ──\n", n + 1));
            for (i, c) in r.cell_iter().enumerate() {
                let value = c.content();
                if value.trim().is_empty() {
                    continue;
                }
                let label = header.get(i).map(String::as_str).unwrap_or("");
                let pad = " ".repeat(label_w.saturating_sub(width(label)));
                let value_w = avail.saturating_sub(label_w + 2);
                let lines = value.lines().flat_map(|l| wrap(l, value_w));
                for (j, line) in lines.enumerate() {
                    if j == 0 {
                        out.push_str(&format!("{label}{pad}  {line}\n"));
                    } else {
                        out.push_str(&format!("{}  {line}\n", " ".repeat(label_w)));
                    }
                }
            }
        }
        // No trailing newline: like a table, the caller ends the line.
        out.pop();
        out
    }
}

impl std::fmt::Display for Tab {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Some(avail) = self.0.width() else {
            return self.0.fmt(f);
        };
        let lb = self.lower_bounds();
        // Borders (one more than the columns) and a space of padding either side of each cell.
        let needed = |cols: &[usize]| cols.iter().sum::<usize>() + 3 * cols.len() + 1;
        // Too narrow: first leave out the columns no row fills, then print records.
        let empty: Vec<bool> = (0..lb.len())
            .map(|i| {
                self.0.row_count() > 0
                    && self.0.row_iter().all(|r| {
                        r.cell_iter()
                            .nth(i)
                            .is_none_or(|c| c.content().trim().is_empty())
                    })
            })
            .collect();
        let mut hide = vec![false; lb.len()];
        if needed(&lb) > avail as usize {
            hide = empty;
            let kept: Vec<usize> = lb
                .iter()
                .zip(&hide)
                .filter(|(_, h)| !**h)
                .map(|(w, _)| *w)
                .collect();
            if needed(&kept) > avail as usize && self.0.row_count() > 0 {
                return f.write_str(&self.records(avail as usize));
            }
        }
        let mut t = self.0.clone();
        for (i, w) in lb.iter().enumerate() {
            if let Some(col) = t.column_mut(i) {
                col.set_constraint(if hide[i] {
                    comfy_table::ColumnConstraint::Hidden
                } else {
                    // The boundary counts the padding (a space either side).
                    comfy_table::ColumnConstraint::LowerBoundary(comfy_table::Width::Fixed(
                        *w as u16 + 2,
                    ))
                });
            }
        }
        t.fmt(f)
    }
}

/// A sentence wrapped at spaces to the width tables have (the terminal's, else COLUMNS or 160).
pub fn prose(text: &str) -> String {
    match table(Vec::new()).0.width() {
        Some(w) => text
            .lines()
            .flat_map(|l| wrap(l, w as usize))
            .collect::<Vec<_>>()
            .join("\n"),
        None => text.to_string(),
    }
}

/// A table with the project's style (see [`Tab`]).
pub fn table(header: Vec<String>) -> Tab {
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
        .set_truncation_indicator("…")
        .set_header(header);
    // Off a terminal (pipes, files, CI logs) wrap at COLUMNS, else at 160, instead of not at all.
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse::<u16>().ok())
            .filter(|w| *w >= 40)
            .unwrap_or(160);
        t.set_width(width);
    }
    Tab(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_cell_is_cut_with_an_ellipsis() {
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(cut("电锤电锤", 5), "电锤…");
        assert_eq!(cut("short", 10), "short");
        let mut t = table(vec!["model".into(), "qty".into()]);
        t.set_width(200);
        t.add_row(vec!["X".repeat(10_000), "3".into()]);
        let s = t.to_string();
        assert!(s.contains('…'), "{s}");
        assert!(s.len() < 4_000, "{} bytes", s.len());
    }

    #[test]
    fn identifiers_are_never_split_and_a_narrow_width_gives_records() {
        let mut t = table(vec!["certificate".into(), "note".into()]);
        t.set_width(40);
        t.add_row(vec!["MB2026120001", "a fairly long note that has to wrap"]);
        let s = t.to_string();
        assert!(
            s.contains("MB2026120001") && s.contains("certificate"),
            "{s}"
        );
        let mut t = table((0..8).map(|i| format!("column{i}")).collect());
        t.set_width(40);
        t.add_row((0..8).map(|i| format!("value-{i}")).collect::<Vec<_>>());
        let s = t.to_string();
        assert!(s.starts_with("── 1/1 ──"), "{s}");
        assert!(s.contains("column7  value-7"), "{s}");
    }
}

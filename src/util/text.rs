//! Text helpers with no domain words: reading a text file (BOM dropped, invalid UTF-8 reported
//! with its line and column), byte offsets to line and column, the closest known name to a typo.

use std::path::Path;

use crate::error::{Error, Result};

/// A TOML file that does not parse: the error at the line and column of `span` in `src` (the
/// first character when the parser gives none), its message after `what` (e.g. "malformed TOML").
pub fn toml_error(
    path: &Path,
    src: &str,
    span: Option<std::ops::Range<usize>>,
    what: &str,
    message: &str,
) -> Error {
    let (line, column) = span
        .map(|s| LineIndex::new(src).pos(s.start))
        .unwrap_or((1, 1));
    Error::Parse {
        path: path.to_path_buf(),
        line,
        column,
        message: format!("{what}: {}", message.trim()),
    }
}

/// Maps byte offsets to line and column.
pub struct LineIndex<'a> {
    src: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(src: &'a str) -> Self {
        LineIndex {
            src,
            starts: line_starts(src),
        }
    }

    pub fn pos(&self, offset: usize) -> (usize, usize) {
        line_column(self.src, &self.starts, offset)
    }
}

/// The byte offset of every line of `src` (the first is 0).
pub fn line_starts(src: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        src.bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i + 1),
    );
    starts
}

/// The line and column (1-based; the column counts characters) of byte `offset` of `src`, whose
/// line starts are `starts` ([`line_starts`]).
pub fn line_column(src: &str, starts: &[usize], offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let line = starts.partition_point(|s| *s <= offset).max(1);
    let start = starts[line - 1];
    let col = src
        .get(start..offset)
        .map(|s| s.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// Read a file as UTF-8 text: a UTF-8 BOM is dropped; invalid bytes are an error with their line
/// and column.
pub fn read_text(path: &Path) -> Result<String> {
    let meta = std::fs::metadata(path).map_err(|e| Error::input_io(path, e))?;
    if meta.is_dir() {
        return Err(Error::Input(format!(
            "{}: is a directory, not a file",
            path.display()
        )));
    }
    if !meta.is_file() {
        return Err(Error::Input(format!(
            "{}: is not a regular file (a FIFO or device?)",
            path.display()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::input_io(path, e))?;
    decode_text(path, bytes)
}

/// Decode bytes as UTF-8 text (see `read_text`).
pub fn decode_text(path: &Path, mut bytes: Vec<u8>) -> Result<String> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..good]).into_owned();
            let (line, column) = LineIndex::new(&prefix).pos(prefix.len());
            Err(Error::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message: format!(
                    "the file is not valid UTF-8 (byte 0x{:02X}); save it as UTF-8 (GBK/GB18030 is not accepted)",
                    bytes[good]
                ),
            })
        }
    }
}

/// The known name closest to `name`, if close enough to be a likely typo.
pub fn closest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(name, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

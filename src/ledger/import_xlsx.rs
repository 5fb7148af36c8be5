//! `ledger import FILE.xlsx`: the first sheet of an XLSX as the records the CSV reader of
//! `import.rs` produces, so both formats meet the same columns, rules and all-or-nothing import.
//!
//! Each row becomes one record whose position is the row's number in the spreadsheet (errors
//! name the row the user sees); the header is the first row that holds anything. Cells are text
//! as the sheet shows them: a date cell is `YYYY-MM-DD`, a whole number has no decimals, a
//! formula gives its saved value (`application::intake::Cell::text`).

use std::path::Path;

use crate::application::intake::read_xlsx;
use crate::error::Result;

/// The rows of a sheet, read one by one like `csv::Reader::read_byte_record`.
pub struct SheetRecords {
    rows: Vec<csv::ByteRecord>,
    next: usize,
    /// The file's size, shared out over the rows for the progress bar.
    total_bytes: u64,
}

impl SheetRecords {
    /// Read the first sheet of the XLSX `bytes` (of the file `path`).
    pub fn read(path: &Path, bytes: &[u8], lang: crate::Lang) -> Result<SheetRecords> {
        let grid = read_xlsx(path, bytes, None, lang)?;
        let mut rows = Vec::with_capacity(grid.rows.len());
        for row in &grid.rows {
            let mut rec = csv::ByteRecord::new();
            for cell in &row.cells {
                rec.push_field(cell.text().as_bytes());
            }
            let mut pos = csv::Position::new();
            pos.set_line(u64::from(row.number));
            rec.set_position(Some(pos));
            rows.push(rec);
        }
        Ok(SheetRecords {
            rows,
            next: 0,
            total_bytes: bytes.len() as u64,
        })
    }

    /// Whether the sheet holds no cell at all.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The next row into `rec` (with its row number as the position); `false` at the end.
    pub fn read_byte_record(&mut self, rec: &mut csv::ByteRecord) -> csv::Result<bool> {
        match self.rows.get_mut(self.next) {
            Some(r) => {
                std::mem::swap(rec, r);
                self.next += 1;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// The share of the file read so far, in bytes.
    pub fn bytes_read(&self) -> u64 {
        if self.rows.is_empty() {
            return self.total_bytes;
        }
        self.total_bytes * self.next as u64 / self.rows.len() as u64
    }
}

//! Re-packing an OOXML container (DOCX, XLSX) deterministically: the same parts in the same
//! order, each Deflated at the fixed level with one fixed timestamp, so the bytes depend only on
//! the parts' content, not on the writing crate's zip settings or the clock.

use std::io::Cursor;

use crate::package::zip_reader::{EntryReader, ZipIndex};
use crate::package::zip_writer::{DosTime, Method, ZipWriter};

/// Re-pack `bytes` (a zip made by docx-rs or rust_xlsxwriter). Directory entries are dropped
/// (OOXML does not need them).
pub fn normalise(bytes: &[u8], time: DosTime) -> std::io::Result<Vec<u8>> {
    let mut src = Cursor::new(bytes);
    let idx = ZipIndex::read(&mut src).map_err(|e| {
        std::io::Error::other(format!("generated document is not a valid zip: {e:?}"))
    })?;
    let mut w = ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())), time);
    let mut buf = vec![0u8; 64 * 1024];
    for e in &idx.entries {
        if e.is_dir() {
            continue;
        }
        let start = idx.data_start(&mut src, e).map_err(std::io::Error::other)?;
        let mut r = EntryReader::new(&mut src, e, start, e.uncompressed)
            .map_err(|e| std::io::Error::other(format!("{e:?}")))?;
        w.start_file(&e.name, Method::Deflated, e.uncompressed)?;
        loop {
            let n = r
                .read_chunk(&mut buf)
                .map_err(|e| std::io::Error::other(format!("{e:?}")))?;
            if n == 0 {
                break;
            }
            w.write_data(&buf[..n])?;
        }
        w.finish_entry()?;
    }
    Ok(w.finish(false)?.0.into_inner())
}

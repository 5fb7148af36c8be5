//! Re-packing an OOXML container (DOCX, XLSX) deterministically: the same parts in the same
//! order, each Deflated at level 6 with one fixed timestamp and mode, so the bytes depend only on
//! the parts' content, not on the writing crate's zip settings or the clock.

use std::io::{self, Cursor};

use zip::{ZipArchive, ZipWriter};

use crate::package::zip_out::{self, Method};
use crate::util::dos_time::DosTime;

fn zip_err(e: zip::result::ZipError) -> io::Error {
    match e {
        zip::result::ZipError::Io(e) => e,
        other => io::Error::other(format!("generated document: {other}")),
    }
}

/// Re-pack `bytes` (a zip made by docx-rs or rust_xlsxwriter). Directory entries are dropped
/// (OOXML does not need them).
pub fn normalise(bytes: &[u8], time: DosTime) -> io::Result<Vec<u8>> {
    let mut src = ZipArchive::new(Cursor::new(bytes)).map_err(zip_err)?;
    // The package's own entry options: Deflate at its fixed level, the fixed time, mode 0644.
    let options = zip_out::file_options(time, Method::Deflated, 0);
    let mut w = ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())));
    for i in 0..src.len() {
        let mut part = src.by_index(i).map_err(zip_err)?;
        if part.is_dir() {
            continue;
        }
        let name = part.name().map_err(zip_err)?.into_owned();
        w.start_file(name, options).map_err(zip_err)?;
        io::copy(&mut part, &mut w)?;
    }
    Ok(w.finish().map_err(zip_err)?.into_inner())
}

//! What `verify` needs underneath the `zip` crate's reader:
//!
//! - `EndRecord`: the end-of-central-directory record (and its Zip64 twin) read before the crate
//!   parses anything, so that the entry count and the directory size are known, and refused
//!   above their limits, before any memory is spent on the entries.
//! - `FileAt`: a buffered reader of one open file at its own position, cheap to clone (two
//!   readers hash two entries at once) and with an optional read budget that bounds how much the
//!   crate may read while it opens the archive.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

const LOCAL_SIG: [u8; 4] = *b"PK\x03\x04";
const CENTRAL_SIG: [u8; 4] = *b"PK\x01\x02";
const EOCD_SIG: [u8; 4] = *b"PK\x05\x06";
const EOCD64_SIG: [u8; 4] = *b"PK\x06\x06";
const EOCD64_LOCATOR_SIG: [u8; 4] = *b"PK\x06\x07";
/// The fixed part of the end record.
const EOCD_LEN: u64 = 22;
/// The Zip64 end record without its extensible data, and the locator.
const EOCD64_LEN: u64 = 56;
const LOCATOR_LEN: u64 = 20;
/// Extensible data of a Zip64 end record beyond this is refused (no writer uses it).
const MAX_EOCD64_EXTRA: u64 = 64 * 1024;

/// Read `buf.len()` bytes (or fewer at the end of the file) at `offset`, without moving any
/// file position.
pub fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_at(file, buf, offset)
    }
    #[cfg(windows)]
    {
        std::os::windows::fs::FileExt::seek_read(file, buf, offset)
    }
}

/// Fill `buf` from `offset`; fewer bytes only at the end of the file.
pub fn read_full_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    let mut done = 0;
    while done < buf.len() {
        match read_at(file, &mut buf[done..], offset + done as u64) {
            Ok(0) => break,
            Ok(n) => done += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(done)
}

/// What the end records say about the central directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndRecord {
    /// Where the end record starts.
    pub position: u64,
    pub entries: u64,
    pub cd_offset: u64,
    pub cd_size: u64,
    pub zip64: bool,
}

/// Why no end record could be read.
#[derive(Debug)]
pub enum EndError {
    /// No end record and no zip signature at the start: not a zip.
    NotAZip,
    /// Starts like a zip, or has an end record, but it is missing, truncated or inconsistent.
    Damaged(String),
    Io(io::Error),
}

impl From<io::Error> for EndError {
    fn from(e: io::Error) -> Self {
        EndError::Io(e)
    }
}

fn u16le(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}
fn u32le(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}
fn u64le(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

fn exact_at(file: &File, offset: u64, len: usize) -> io::Result<Option<Vec<u8>>> {
    let mut buf = vec![0u8; len];
    let n = read_full_at(file, &mut buf, offset)?;
    Ok((n == len).then_some(buf))
}

impl EndRecord {
    /// Find the end record the way the `zip` crate does (the last signature in the final 64 KiB
    /// whose comment fits in the file), and follow the Zip64 locator when a field is saturated.
    /// The archive must start at offset 0 (no prepended data).
    pub fn read(file: &File, len: u64) -> Result<EndRecord, EndError> {
        let starts_like_zip = exact_at(file, 0, 4)?.is_some_and(|b| b == LOCAL_SIG);
        let damaged = |msg: &str| {
            if starts_like_zip {
                EndError::Damaged(msg.to_string())
            } else {
                EndError::NotAZip
            }
        };
        if len < EOCD_LEN {
            return Err(damaged("the file is too short for a zip (truncated?)"));
        }
        let tail_len = len.min(EOCD_LEN + 0xFFFF) as usize;
        let tail_start = len - tail_len as u64;
        let tail = exact_at(file, tail_start, tail_len)?
            .ok_or_else(|| EndError::Damaged("the file shrank while it was read".into()))?;
        let mut found = None;
        for i in (0..=tail_len - EOCD_LEN as usize).rev() {
            if tail[i..i + 4] == EOCD_SIG {
                let comment = u16le(&tail, i + 20) as usize;
                if i + EOCD_LEN as usize + comment <= tail_len {
                    found = Some(i);
                    break;
                }
            }
        }
        let Some(e) = found else {
            return Err(damaged(
                "no end-of-central-directory record: the zip is truncated or damaged",
            ));
        };
        let position = tail_start + e as u64;
        let disk = u16le(&tail, e + 4);
        let cd_disk = u16le(&tail, e + 6);
        let on_disk = u16le(&tail, e + 8);
        let entries = u16le(&tail, e + 10);
        let cd_size = u32le(&tail, e + 12);
        let cd_offset = u32le(&tail, e + 16);
        let mut rec = EndRecord {
            position,
            entries: entries as u64,
            cd_offset: cd_offset as u64,
            cd_size: cd_size as u64,
            zip64: false,
        };
        let saturated = entries == u16::MAX || cd_size == u32::MAX || cd_offset == u32::MAX;
        let locator = if saturated && position >= LOCATOR_LEN {
            exact_at(file, position - LOCATOR_LEN, LOCATOR_LEN as usize)?
                .filter(|l| l[..4] == EOCD64_LOCATOR_SIG)
        } else {
            None
        };
        match locator {
            None => {
                if disk != 0 || cd_disk != 0 || on_disk != entries {
                    return Err(EndError::Damaged(
                        "multi-disk (split) zips are not supported".into(),
                    ));
                }
            }
            Some(loc) => {
                let locator_at = position - LOCATOR_LEN;
                let at = u64le(&loc, 8);
                if u32le(&loc, 16) > 1 {
                    return Err(EndError::Damaged(
                        "multi-disk (split) zips are not supported".into(),
                    ));
                }
                if at
                    .checked_add(EOCD64_LEN)
                    .is_none_or(|end| end > locator_at)
                {
                    return Err(EndError::Damaged(
                        "the Zip64 end record lies outside the file".into(),
                    ));
                }
                let r = exact_at(file, at, EOCD64_LEN as usize)?
                    .ok_or_else(|| EndError::Damaged("the Zip64 end record is cut off".into()))?;
                if r[..4] != EOCD64_SIG {
                    return Err(EndError::Damaged(
                        "no Zip64 end record where the locator points".into(),
                    ));
                }
                let record_size = u64le(&r, 4);
                if record_size.checked_add(12) != Some(locator_at - at)
                    || record_size < EOCD64_LEN - 12
                    || record_size - (EOCD64_LEN - 12) > MAX_EOCD64_EXTRA
                {
                    return Err(EndError::Damaged(
                        "the Zip64 end record has an inconsistent length".into(),
                    ));
                }
                if u32le(&r, 16) != 0 || u32le(&r, 20) != 0 || u64le(&r, 24) != u64le(&r, 32) {
                    return Err(EndError::Damaged(
                        "multi-disk (split) zips are not supported".into(),
                    ));
                }
                rec.entries = u64le(&r, 32);
                rec.cd_size = u64le(&r, 40);
                rec.cd_offset = u64le(&r, 48);
                rec.zip64 = true;
            }
        }
        if rec
            .cd_offset
            .checked_add(rec.cd_size)
            .is_none_or(|end| end > position)
        {
            return Err(EndError::Damaged(
                "the central directory lies outside the file: the zip is truncated or damaged"
                    .into(),
            ));
        }
        // Every central record takes at least 46 bytes.
        if rec.entries.saturating_mul(46) > rec.cd_size {
            return Err(EndError::Damaged(format!(
                "the end record announces {} entries in a central directory of {} bytes",
                rec.entries, rec.cd_size
            )));
        }
        if rec.entries > 0 {
            let first = exact_at(file, rec.cd_offset, 4)?;
            if first.is_none_or(|b| b != CENTRAL_SIG) {
                return Err(EndError::Damaged(
                    "no central directory where the end record points".into(),
                ));
            }
        }
        Ok(rec)
    }
}

/// Size of `FileAt`'s read-ahead buffer; reads at least this large bypass it.
const READ_AHEAD: usize = 64 * 1024;

/// A reader of one open file at its own position. Clones share the file and the budget, not the
/// position or the buffer.
pub struct FileAt {
    file: Arc<File>,
    len: u64,
    pos: u64,
    buf: Vec<u8>,
    buf_start: u64,
    buf_len: usize,
    /// Bytes that may still be read (`u64::MAX`: unlimited).
    budget: Arc<AtomicU64>,
}

impl Clone for FileAt {
    fn clone(&self) -> Self {
        FileAt {
            file: self.file.clone(),
            len: self.len,
            pos: self.pos,
            buf: Vec::new(),
            buf_start: 0,
            buf_len: 0,
            budget: self.budget.clone(),
        }
    }
}

impl FileAt {
    pub fn new(file: File) -> io::Result<FileAt> {
        let len = file.metadata()?.len();
        Ok(FileAt {
            file: Arc::new(file),
            len,
            pos: 0,
            buf: Vec::new(),
            buf_start: 0,
            buf_len: 0,
            budget: Arc::new(AtomicU64::new(u64::MAX)),
        })
    }

    pub fn file(&self) -> &File {
        &self.file
    }

    /// The file's length when it was opened.
    pub fn len(&self) -> u64 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Allow at most `bytes` more to be read by this reader and its clones
    /// (`u64::MAX`: no limit).
    pub fn set_budget(&self, bytes: u64) {
        self.budget.store(bytes, Ordering::Relaxed);
    }

    fn pread(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        let left = self.budget.load(Ordering::Relaxed);
        if left != u64::MAX && left < buf.len() as u64 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "the archive's directory is larger than its end record declares",
            ));
        }
        let n = loop {
            match read_at(&self.file, buf, offset) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                r => break r?,
            }
        };
        if left != u64::MAX {
            self.budget.store(left - n as u64, Ordering::Relaxed);
        }
        Ok(n)
    }
}

impl Read for FileAt {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        if let Some(off) = self.pos.checked_sub(self.buf_start)
            && off < self.buf_len as u64
        {
            let off = off as usize;
            let n = out.len().min(self.buf_len - off);
            out[..n].copy_from_slice(&self.buf[off..off + n]);
            self.pos += n as u64;
            return Ok(n);
        }
        if out.len() >= READ_AHEAD {
            let n = self.pread(out, self.pos)?;
            self.pos += n as u64;
            return Ok(n);
        }
        if self.buf.is_empty() {
            self.buf = vec![0u8; READ_AHEAD];
        }
        let mut buf = std::mem::take(&mut self.buf);
        let r = self.pread(&mut buf, self.pos);
        self.buf = buf;
        let filled = r?;
        self.buf_start = self.pos;
        self.buf_len = filled;
        let n = out.len().min(filled);
        out[..n].copy_from_slice(&self.buf[..n]);
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for FileAt {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(p) => Some(p),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos = target.ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                "seek before the start of the file",
            )
        })?;
        Ok(self.pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file_with(bytes: &[u8]) -> ((), File) {
        let mut f = tempfile::tempfile().unwrap();
        f.write_all(bytes).unwrap();
        ((), f)
    }

    fn small_zip(n: usize) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for i in 0..n {
            w.start_file(format!("f{i}"), zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(b"x").unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn end_record_of_a_plain_and_a_zip64_archive() {
        let bytes = small_zip(3);
        let (_g, f) = file_with(&bytes);
        let r = EndRecord::read(&f, bytes.len() as u64).unwrap();
        assert_eq!(r.entries, 3);
        assert!(!r.zip64);
        assert_eq!(r.position, bytes.len() as u64 - 22);
        let bytes = small_zip(70_000);
        let (_g, f) = file_with(&bytes);
        let r = EndRecord::read(&f, bytes.len() as u64).unwrap();
        assert_eq!(r.entries, 70_000);
        assert!(r.zip64);
    }

    #[test]
    fn not_a_zip_truncated_and_empty() {
        let (_g, f) = file_with(b"hello, not a zip at all, really");
        assert!(matches!(EndRecord::read(&f, 31), Err(EndError::NotAZip)));
        let (_g, f) = file_with(b"");
        assert!(matches!(EndRecord::read(&f, 0), Err(EndError::NotAZip)));
        let bytes = small_zip(2);
        let cut = &bytes[..bytes.len() - 30];
        let (_g, f) = file_with(cut);
        assert!(matches!(
            EndRecord::read(&f, cut.len() as u64),
            Err(EndError::Damaged(_))
        ));
    }

    #[test]
    fn reader_clones_keep_their_own_position_and_the_budget_holds() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let (_g, f) = file_with(&data);
        let mut a = FileAt::new(f).unwrap();
        a.seek(SeekFrom::Start(100)).unwrap();
        let mut b = a.clone();
        let mut x = [0u8; 10];
        a.read_exact(&mut x).unwrap();
        assert_eq!(x[..], data[100..110]);
        b.seek(SeekFrom::End(-10)).unwrap();
        b.read_exact(&mut x).unwrap();
        assert_eq!(x[..], data[data.len() - 10..]);
        a.read_exact(&mut x).unwrap();
        assert_eq!(x[..], data[110..120]);
        let mut big = vec![0u8; 100_000];
        a.seek(SeekFrom::Start(0)).unwrap();
        a.read_exact(&mut big).unwrap();
        assert_eq!(big[..], data[..100_000]);
        a.set_budget(1000);
        a.seek(SeekFrom::Start(0)).unwrap();
        assert!(a.read_exact(&mut big).is_err());
        a.set_budget(u64::MAX);
        a.read_exact(&mut big).unwrap();
    }
}

//! `ZipIndex`: a defensive reader of a zip's central directory and entries, for `verify` and for
//! normalising the OOXML documents. It never trusts a size or an offset: every range is checked
//! against the file, and an entry's data is read through `EntryReader`, which stops at the
//! declared size and refuses to inflate past it (zip bombs).

use std::io::{self, Read, Seek, SeekFrom};

use super::zip_writer::{CENTRAL_SIG, EOCD_SIG, EOCD64_LOCATOR_SIG, EOCD64_SIG, LOCAL_SIG};

/// Central directories larger than this are refused (a package has a few hundred entries).
const MAX_CENTRAL_DIRECTORY: u64 = 256 * 1024 * 1024;

/// One entry as the central directory describes it.
#[derive(Debug, Clone)]
pub struct ZipEntry {
    /// The name as UTF-8 (lossy when it is not).
    pub name: String,
    /// The name's bytes were valid UTF-8.
    pub name_utf8: bool,
    pub flags: u16,
    pub method: u16,
    pub crc: u32,
    pub compressed: u64,
    pub uncompressed: u64,
    pub local_offset: u64,
    pub made_by: u16,
    pub external_attrs: u32,
}

impl ZipEntry {
    pub fn is_dir(&self) -> bool {
        self.name.ends_with('/') || self.unix_mode().is_some_and(|m| m & 0o170_000 == 0o040_000)
    }

    /// The Unix mode, when the entry was made on Unix and carries one.
    pub fn unix_mode(&self) -> Option<u32> {
        let mode = self.external_attrs >> 16;
        (self.made_by >> 8 == 3 && mode != 0).then_some(mode)
    }

    /// A symbolic link (or another non-regular file type) by its Unix mode.
    pub fn is_link(&self) -> bool {
        self.unix_mode().is_some_and(|m| m & 0o170_000 == 0o120_000)
    }

    /// A special file (device, FIFO, socket) by its Unix mode.
    pub fn is_special(&self) -> bool {
        self.unix_mode().is_some_and(|m| {
            let t = m & 0o170_000;
            t != 0 && t != 0o100_000 && t != 0o040_000 && t != 0o120_000
        })
    }

    pub fn is_encrypted(&self) -> bool {
        self.flags & 1 != 0
    }
}

/// Why a file could not be indexed as a zip at all.
#[derive(Debug)]
pub enum IndexError {
    /// Not a zip: no zip signature at the start and no end record.
    NotAZip,
    /// Starts like a zip but its end records or central directory are missing or broken
    /// (truncated or damaged).
    Damaged(String),
    Io(io::Error),
}

impl From<io::Error> for IndexError {
    fn from(e: io::Error) -> Self {
        IndexError::Io(e)
    }
}

/// The central directory of a zip.
#[derive(Debug, Clone)]
pub struct ZipIndex {
    pub entries: Vec<ZipEntry>,
    pub len: u64,
    /// Where the central directory starts (entry data must end before it).
    pub cd_offset: u64,
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

fn read_at<R: Read + Seek>(r: &mut R, at: u64, len: usize) -> io::Result<Vec<u8>> {
    r.seek(SeekFrom::Start(at))?;
    let mut buf = vec![0u8; len];
    r.read_exact(&mut buf)?;
    Ok(buf)
}

impl ZipIndex {
    /// Read the end records and the central directory.
    pub fn read<R: Read + Seek>(r: &mut R) -> Result<ZipIndex, IndexError> {
        let len = r.seek(SeekFrom::End(0))?;
        let starts_like_zip = len >= 4 && read_at(r, 0, 4)? == LOCAL_SIG.to_le_bytes();
        let damaged = |msg: String| {
            if starts_like_zip {
                IndexError::Damaged(msg)
            } else {
                IndexError::NotAZip
            }
        };
        if len < 22 {
            return Err(damaged(
                "the file is too short for a zip (truncated?)".into(),
            ));
        }
        let tail_len = len.min(22 + 0xFFFF) as usize;
        let tail_start = len - tail_len as u64;
        let tail = read_at(r, tail_start, tail_len)?;
        let sig = EOCD_SIG.to_le_bytes();
        let mut eocd_at = None;
        let mut i = tail_len - 22;
        loop {
            if tail[i..i + 4] == sig {
                let comment_len = u16le(&tail, i + 20) as usize;
                if i + 22 + comment_len == tail_len {
                    eocd_at = Some(i);
                    break;
                }
            }
            if i == 0 {
                break;
            }
            i -= 1;
        }
        let Some(e) = eocd_at else {
            return Err(damaged(
                "no end-of-central-directory record: the zip is truncated or damaged".into(),
            ));
        };
        let eocd_pos = tail_start + e as u64;
        let disk = u16le(&tail, e + 4);
        let mut count = u16le(&tail, e + 10) as u64;
        let mut cd_size = u32le(&tail, e + 12) as u64;
        let mut cd_offset = u32le(&tail, e + 16) as u64;
        if disk != 0 {
            return Err(IndexError::Damaged(
                "multi-disk (split) zips are not supported".into(),
            ));
        }
        if count == 0xFFFF || cd_size == 0xFFFF_FFFF || cd_offset == 0xFFFF_FFFF {
            if eocd_pos < 20 {
                return Err(IndexError::Damaged("Zip64 locator missing".into()));
            }
            let loc = read_at(r, eocd_pos - 20, 20)?;
            if u32le(&loc, 0) != EOCD64_LOCATOR_SIG {
                return Err(IndexError::Damaged("Zip64 locator missing".into()));
            }
            let at = u64le(&loc, 8);
            if at.checked_add(56).is_none_or(|end| end > eocd_pos) {
                return Err(IndexError::Damaged("Zip64 end record out of range".into()));
            }
            let rec = read_at(r, at, 56)?;
            if u32le(&rec, 0) != EOCD64_SIG {
                return Err(IndexError::Damaged("Zip64 end record missing".into()));
            }
            count = u64le(&rec, 32);
            cd_size = u64le(&rec, 40);
            cd_offset = u64le(&rec, 48);
        }
        if cd_size > MAX_CENTRAL_DIRECTORY {
            return Err(IndexError::Damaged(format!(
                "central directory of {cd_size} bytes is larger than the limit"
            )));
        }
        if cd_offset
            .checked_add(cd_size)
            .is_none_or(|end| end > eocd_pos)
        {
            return Err(IndexError::Damaged(
                "the central directory lies outside the file: the zip is truncated or damaged"
                    .into(),
            ));
        }
        let cd = read_at(r, cd_offset, cd_size as usize)?;
        let mut entries = Vec::new();
        let mut p = 0usize;
        while p < cd.len() {
            if cd.len() - p < 46 || u32le(&cd, p) != CENTRAL_SIG {
                return Err(IndexError::Damaged(format!(
                    "central directory entry {} is malformed",
                    entries.len() + 1
                )));
            }
            let made_by = u16le(&cd, p + 4);
            let flags = u16le(&cd, p + 8);
            let method = u16le(&cd, p + 10);
            let crc = u32le(&cd, p + 16);
            let mut compressed = u32le(&cd, p + 20) as u64;
            let mut uncompressed = u32le(&cd, p + 24) as u64;
            let name_len = u16le(&cd, p + 28) as usize;
            let extra_len = u16le(&cd, p + 30) as usize;
            let comment_len = u16le(&cd, p + 32) as usize;
            let external_attrs = u32le(&cd, p + 38);
            let mut local_offset = u32le(&cd, p + 42) as u64;
            let end = p + 46 + name_len + extra_len + comment_len;
            if end > cd.len() {
                return Err(IndexError::Damaged(format!(
                    "central directory entry {} runs past the directory",
                    entries.len() + 1
                )));
            }
            let name_bytes = &cd[p + 46..p + 46 + name_len];
            let extra = &cd[p + 46 + name_len..p + 46 + name_len + extra_len];
            // Zip64 extended information: only the fields whose 32-bit value is saturated.
            let mut x = 0usize;
            while x + 4 <= extra.len() {
                let id = u16le(extra, x);
                let size = u16le(extra, x + 2) as usize;
                let body_end = (x + 4 + size).min(extra.len());
                let body = &extra[x + 4..body_end];
                if id == 0x0001 {
                    let mut q = 0;
                    let mut take = |v: &mut u64| {
                        if *v == 0xFFFF_FFFF && q + 8 <= body.len() {
                            *v = u64le(body, q);
                            q += 8;
                        }
                    };
                    take(&mut uncompressed);
                    take(&mut compressed);
                    take(&mut local_offset);
                }
                x = body_end;
            }
            let (name, name_utf8) = match std::str::from_utf8(name_bytes) {
                Ok(s) => (s.to_string(), true),
                Err(_) => (String::from_utf8_lossy(name_bytes).into_owned(), false),
            };
            entries.push(ZipEntry {
                name,
                name_utf8,
                flags,
                method,
                crc,
                compressed,
                uncompressed,
                local_offset,
                made_by,
                external_attrs,
            });
            p = end;
        }
        if entries.len() as u64 != count {
            return Err(IndexError::Damaged(format!(
                "the end record announces {count} entries, the central directory holds {}",
                entries.len()
            )));
        }
        Ok(ZipIndex {
            entries,
            len,
            cd_offset,
        })
    }

    /// Where an entry's data starts, after checking its local header against the central one.
    /// `Err` describes what is wrong.
    pub fn data_start<R: Read + Seek>(&self, r: &mut R, e: &ZipEntry) -> Result<u64, String> {
        if e.local_offset
            .checked_add(30)
            .is_none_or(|end| end > self.cd_offset)
        {
            return Err("local header outside the file".into());
        }
        let h = read_at(r, e.local_offset, 30)
            .map_err(|err| format!("cannot read local header: {err}"))?;
        if u32le(&h, 0) != LOCAL_SIG {
            return Err("no local header where the central directory points".into());
        }
        let name_len = u16le(&h, 26) as u64;
        let extra_len = u16le(&h, 28) as u64;
        let name = read_at(r, e.local_offset + 30, name_len as usize)
            .map_err(|err| format!("cannot read local header: {err}"))?;
        if name != e.name.as_bytes() && e.name_utf8 {
            return Err(
                "the local header names a different file than the central directory".into(),
            );
        }
        let start = e.local_offset + 30 + name_len + extra_len;
        match start.checked_add(e.compressed) {
            Some(end) if end <= self.cd_offset => Ok(start),
            _ => Err("data runs past the end of the archive (truncated?)".into()),
        }
    }
}

/// Reads an entry's data, inflating when needed, never past `limit` output bytes.
pub struct EntryReader<'r, R: Read> {
    raw: io::Take<&'r mut R>,
    inflate: Option<Box<flate2::Decompress>>,
    inbuf: Vec<u8>,
    in_pos: usize,
    in_len: usize,
    produced: u64,
    limit: u64,
    done: bool,
}

/// What went wrong reading an entry.
#[derive(Debug)]
pub enum EntryError {
    Io(io::Error),
    /// The compressed data is corrupt.
    Corrupt(String),
    /// It inflates past the limit (its declared size): a zip bomb or a lie.
    TooLarge,
    /// The compression method is not Stored or Deflate.
    Unsupported(u16),
}

impl<'r, R: Read + Seek> EntryReader<'r, R> {
    /// `start` from `ZipIndex::data_start`.
    pub fn new(r: &'r mut R, e: &ZipEntry, start: u64, limit: u64) -> Result<Self, EntryError> {
        let inflate = match e.method {
            0 => None,
            8 => Some(Box::new(flate2::Decompress::new(false))),
            m => return Err(EntryError::Unsupported(m)),
        };
        r.seek(SeekFrom::Start(start)).map_err(EntryError::Io)?;
        Ok(EntryReader {
            raw: r.take(e.compressed),
            inflate,
            inbuf: vec![0u8; 128 * 1024],
            in_pos: 0,
            in_len: 0,
            produced: 0,
            limit,
            done: false,
        })
    }
}

impl<R: Read> EntryReader<'_, R> {
    /// Fill `out` with the next piece of data; 0 at the end.
    pub fn read_chunk(&mut self, out: &mut [u8]) -> Result<usize, EntryError> {
        if self.done || out.is_empty() {
            return Ok(0);
        }
        let n = match self.inflate.as_deref_mut() {
            None => {
                let n = self.raw.read(out).map_err(EntryError::Io)?;
                if n == 0 {
                    self.done = true;
                }
                n
            }
            Some(d) => loop {
                if self.in_pos == self.in_len {
                    self.in_len = self.raw.read(&mut self.inbuf).map_err(EntryError::Io)?;
                    self.in_pos = 0;
                }
                let eof = self.in_len == 0;
                let before_in = d.total_in();
                let before_out = d.total_out();
                let status = d
                    .decompress(
                        &self.inbuf[self.in_pos..self.in_len],
                        out,
                        if eof {
                            flate2::FlushDecompress::Finish
                        } else {
                            flate2::FlushDecompress::None
                        },
                    )
                    .map_err(|e| EntryError::Corrupt(e.to_string()))?;
                self.in_pos += (d.total_in() - before_in) as usize;
                let produced = (d.total_out() - before_out) as usize;
                if status == flate2::Status::StreamEnd {
                    self.done = true;
                    break produced;
                }
                if produced > 0 {
                    break produced;
                }
                if eof {
                    return Err(EntryError::Corrupt("the deflate stream ends early".into()));
                }
            },
        };
        self.produced += n as u64;
        if self.produced > self.limit {
            return Err(EntryError::TooLarge);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::super::zip_writer::{DosTime, Method, ZipWriter};
    use super::*;

    fn sample() -> Vec<u8> {
        let mut w = ZipWriter::new(std::io::Cursor::new(Vec::new()), DosTime::EPOCH);
        w.add_directory("d/").unwrap();
        w.add_bytes(
            "d/文本.txt",
            Method::Deflated,
            "重复 ".repeat(5000).as_bytes(),
        )
        .unwrap();
        w.add_bytes("d/raw.bin", Method::Stored, b"abc").unwrap();
        w.finish(false).unwrap().0.into_inner()
    }

    #[test]
    fn round_trip() {
        let bytes = sample();
        let mut c = std::io::Cursor::new(bytes);
        let idx = ZipIndex::read(&mut c).unwrap();
        assert_eq!(idx.entries.len(), 3);
        assert!(idx.entries[0].is_dir());
        let e = idx.entries[1].clone();
        let start = idx.data_start(&mut c, &e).unwrap();
        let mut r = EntryReader::new(&mut c, &e, start, e.uncompressed).unwrap();
        let mut out = Vec::new();
        let mut buf = vec![0u8; 1000];
        loop {
            let n = r.read_chunk(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        assert_eq!(out, "重复 ".repeat(5000).as_bytes());
        assert_eq!(crc32fast::hash(&out), e.crc);
    }

    #[test]
    fn truncated_and_garbage() {
        let bytes = sample();
        let cut = bytes[..bytes.len() - 30].to_vec();
        assert!(matches!(
            ZipIndex::read(&mut std::io::Cursor::new(cut)),
            Err(IndexError::Damaged(_))
        ));
        assert!(matches!(
            ZipIndex::read(&mut std::io::Cursor::new(
                b"hello, not a zip at all, really".to_vec()
            )),
            Err(IndexError::NotAZip)
        ));
        assert!(matches!(
            ZipIndex::read(&mut std::io::Cursor::new(Vec::new())),
            Err(IndexError::NotAZip)
        ));
    }

    #[test]
    fn inflating_past_the_limit_stops() {
        let mut w = ZipWriter::new(std::io::Cursor::new(Vec::new()), DosTime::EPOCH);
        w.add_bytes("zeros", Method::Deflated, &vec![0u8; 1 << 20])
            .unwrap();
        let bytes = w.finish(false).unwrap().0.into_inner();
        let mut c = std::io::Cursor::new(bytes);
        let idx = ZipIndex::read(&mut c).unwrap();
        let e = idx.entries[0].clone();
        let start = idx.data_start(&mut c, &e).unwrap();
        let mut r = EntryReader::new(&mut c, &e, start, 1000).unwrap();
        let mut buf = vec![0u8; 4096];
        let err = loop {
            match r.read_chunk(&mut buf) {
                Ok(0) => panic!("should stop"),
                Ok(_) => continue,
                Err(e) => break e,
            }
        };
        assert!(matches!(err, EntryError::TooLarge));
    }
}

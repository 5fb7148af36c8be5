//! `ZipWriter`: a deterministic zip writer (APPNOTE 6.3.x subset).
//!
//! Everything that could vary between two runs is fixed: one DOS timestamp for every entry, fixed
//! permission bits (files 0644, directories 0755), "made by" Unix / spec 2.0, no extra fields
//! other than Zip64 when a size or offset needs it, bit 11 (UTF-8 names) set on every entry, one
//! Deflate level. Local headers carry the CRC and sizes (patched after the data, no data
//! descriptors), so streaming readers see complete headers too.
//!
//! The caller decides the order of entries; `ZipWriter` never sorts.

use std::io::{self, Seek, SeekFrom, Write};

use chrono::{Datelike, NaiveDateTime, Timelike};
use flate2::{Compress, Compression, FlushCompress, Status};

pub const LOCAL_SIG: u32 = 0x0403_4b50;
pub const CENTRAL_SIG: u32 = 0x0201_4b50;
pub const EOCD_SIG: u32 = 0x0605_4b50;
pub const EOCD64_SIG: u32 = 0x0606_4b50;
pub const EOCD64_LOCATOR_SIG: u32 = 0x0706_4b50;
/// General-purpose flag bit 11: the name is UTF-8.
pub const FLAG_UTF8: u16 = 1 << 11;
/// The fixed Deflate level.
pub const DEFLATE_LEVEL: u32 = 6;
const U32_MAX: u64 = 0xFFFF_FFFF;
/// Entries whose expected size reaches this get a Zip64 local header.
const ZIP64_LOCAL_THRESHOLD: u64 = 0xFFFF_0000;

/// How an entry's data is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Stored,
    Deflated,
}

impl Method {
    fn code(self) -> u16 {
        match self {
            Method::Stored => 0,
            Method::Deflated => 8,
        }
    }
}

/// A DOS date and time (2-second resolution, 1980..=2107).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DosTime {
    pub date: u16,
    pub time: u16,
}

impl DosTime {
    /// 1980-01-01 00:00:00, the reproducible-builds default.
    pub const EPOCH: DosTime = DosTime {
        date: (1 << 5) | 1,
        time: 0,
    };

    /// Clamped into the DOS range.
    pub fn from_datetime(dt: NaiveDateTime) -> DosTime {
        let y = dt.year();
        if y < 1980 {
            return DosTime::EPOCH;
        }
        if y > 2107 {
            return DosTime {
                date: (127 << 9) | (12 << 5) | 31,
                time: (23 << 11) | (59 << 5) | 29,
            };
        }
        DosTime {
            date: (((y - 1980) as u16) << 9) | ((dt.month() as u16) << 5) | dt.day() as u16,
            time: ((dt.hour() as u16) << 11)
                | ((dt.minute() as u16) << 5)
                | (dt.second() as u16 / 2),
        }
    }
}

/// What the central directory needs to know of a written entry.
#[derive(Debug, Clone)]
struct CentralEntry {
    name: Vec<u8>,
    method: Method,
    crc: u32,
    compressed: u64,
    uncompressed: u64,
    offset: u64,
    mode: u32,
    zip64_local: bool,
}

/// The result of one written entry.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    pub crc: u32,
    pub compressed: u64,
    pub uncompressed: u64,
    /// Offset of the entry's local header.
    pub offset: u64,
}

/// A deterministic zip writer over a seekable output.
pub struct ZipWriter<W: Write + Seek> {
    out: W,
    pos: u64,
    time: DosTime,
    entries: Vec<CentralEntry>,
    current: Option<Open>,
}

/// The entry being written.
struct Open {
    header_offset: u64,
    name: Vec<u8>,
    zip64: bool,
    crc: crc32fast::Hasher,
    uncompressed: u64,
    compressed: u64,
    deflate: Option<Box<Compress>>,
}

fn put16(v: &mut Vec<u8>, x: u16) {
    v.extend_from_slice(&x.to_le_bytes());
}
fn put32(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}
fn put64(v: &mut Vec<u8>, x: u64) {
    v.extend_from_slice(&x.to_le_bytes());
}

fn too_big(what: &str) -> io::Error {
    io::Error::other(format!("{what} is too large for a zip archive"))
}

impl<W: Write + Seek> ZipWriter<W> {
    /// A writer whose output starts at `out`'s current position 0.
    pub fn new(out: W, time: DosTime) -> Self {
        ZipWriter {
            out,
            pos: 0,
            time,
            entries: Vec::new(),
            current: None,
        }
    }

    /// Bytes written so far (the offset of the next byte).
    pub fn position(&self) -> u64 {
        self.pos
    }

    /// The underlying writer (to flush it).
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.out
    }

    fn emit(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.pos += bytes.len() as u64;
        Ok(())
    }

    fn check_name(name: &str) -> io::Result<()> {
        if name.is_empty() || name.len() > 0xFFFF {
            return Err(io::Error::other(format!("invalid zip entry name {name:?}")));
        }
        Ok(())
    }

    /// A directory entry (`name` ends with `/`), mode 0755.
    pub fn add_directory(&mut self, name: &str) -> io::Result<()> {
        debug_assert!(name.ends_with('/'));
        Self::check_name(name)?;
        self.start(name, Method::Stored, 0, 0o040_755)?;
        self.finish_entry()?;
        Ok(())
    }

    /// A small file held in memory.
    pub fn add_bytes(&mut self, name: &str, method: Method, data: &[u8]) -> io::Result<Written> {
        self.start_file(name, method, data.len() as u64)?;
        self.write_data(data)?;
        self.finish_entry()
    }

    /// Start a regular file (mode 0644); `expected_size` decides whether Zip64 is needed.
    pub fn start_file(&mut self, name: &str, method: Method, expected_size: u64) -> io::Result<()> {
        Self::check_name(name)?;
        self.start(name, method, expected_size, 0o100_644)
    }

    fn start(&mut self, name: &str, method: Method, expected: u64, mode: u32) -> io::Result<()> {
        if self.current.is_some() {
            return Err(io::Error::other(
                "zip entry started before the previous one finished",
            ));
        }
        let zip64 = expected >= ZIP64_LOCAL_THRESHOLD;
        let header_offset = self.pos;
        let mut h = Vec::with_capacity(30 + name.len() + 20);
        put32(&mut h, LOCAL_SIG);
        put16(&mut h, if zip64 { 45 } else { 20 });
        put16(&mut h, FLAG_UTF8);
        put16(&mut h, method.code());
        put16(&mut h, self.time.time);
        put16(&mut h, self.time.date);
        put32(&mut h, 0); // crc, patched
        if zip64 {
            put32(&mut h, 0xFFFF_FFFF);
            put32(&mut h, 0xFFFF_FFFF);
        } else {
            put32(&mut h, 0);
            put32(&mut h, 0);
        }
        put16(&mut h, name.len() as u16);
        put16(&mut h, if zip64 { 20 } else { 0 });
        h.extend_from_slice(name.as_bytes());
        if zip64 {
            put16(&mut h, 0x0001);
            put16(&mut h, 16);
            put64(&mut h, 0);
            put64(&mut h, 0);
        }
        self.emit(&h)?;
        let deflate = match method {
            Method::Deflated => Some(Box::new(Compress::new(
                Compression::new(DEFLATE_LEVEL),
                false,
            ))),
            Method::Stored => None,
        };
        self.current = Some(Open {
            header_offset,
            name: name.as_bytes().to_vec(),
            zip64,
            crc: crc32fast::Hasher::new(),
            uncompressed: 0,
            compressed: 0,
            deflate,
        });
        self.entries.push(CentralEntry {
            name: name.as_bytes().to_vec(),
            method,
            crc: 0,
            compressed: 0,
            uncompressed: 0,
            offset: header_offset,
            mode,
            zip64_local: zip64,
        });
        Ok(())
    }

    /// Append data to the current entry.
    pub fn write_data(&mut self, data: &[u8]) -> io::Result<()> {
        let Some(mut cur) = self.current.take() else {
            return Err(io::Error::other("zip data written outside an entry"));
        };
        cur.crc.update(data);
        cur.uncompressed += data.len() as u64;
        let r = match cur.deflate.as_deref_mut() {
            None => {
                cur.compressed += data.len() as u64;
                self.emit(data)
            }
            Some(c) => {
                let mut n = 0;
                deflate_into(c, data, FlushCompress::None, |out| {
                    n += out.len() as u64;
                    self.out.write_all(out)
                })
                .map(|()| {
                    self.pos += n;
                    cur.compressed += n;
                })
            }
        };
        self.current = Some(cur);
        r
    }

    /// Finish the current entry: flush the compressor, patch the local header (CRC and sizes).
    pub fn finish_entry(&mut self) -> io::Result<Written> {
        let Some(mut cur) = self.current.take() else {
            return Err(io::Error::other("no zip entry to finish"));
        };
        if let Some(c) = cur.deflate.as_deref_mut() {
            let mut n = 0;
            deflate_into(c, &[], FlushCompress::Finish, |out| {
                n += out.len() as u64;
                self.out.write_all(out)
            })?;
            self.pos += n;
            cur.compressed += n;
        }
        let crc = cur.crc.clone().finalize();
        if !cur.zip64 && (cur.compressed >= U32_MAX || cur.uncompressed >= U32_MAX) {
            return Err(too_big("an entry that grew while it was written"));
        }
        let end = self.pos;
        let mut patch = Vec::with_capacity(12);
        put32(&mut patch, crc);
        if !cur.zip64 {
            put32(&mut patch, cur.compressed as u32);
            put32(&mut patch, cur.uncompressed as u32);
        }
        self.out.seek(SeekFrom::Start(cur.header_offset + 14))?;
        self.out.write_all(&patch)?;
        if cur.zip64 {
            let mut p = Vec::with_capacity(16);
            put64(&mut p, cur.uncompressed);
            put64(&mut p, cur.compressed);
            let extra_at = cur.header_offset + 30 + cur.name.len() as u64 + 4;
            self.out.seek(SeekFrom::Start(extra_at))?;
            self.out.write_all(&p)?;
        }
        self.out.seek(SeekFrom::Start(end))?;
        let e = self
            .entries
            .last_mut()
            .ok_or_else(|| io::Error::other("zip entry bookkeeping lost"))?;
        e.crc = crc;
        e.compressed = cur.compressed;
        e.uncompressed = cur.uncompressed;
        Ok(Written {
            crc,
            compressed: cur.compressed,
            uncompressed: cur.uncompressed,
            offset: cur.header_offset,
        })
    }

    /// Write the central directory (in the order the entries were written, or sorted by the
    /// UTF-8 bytes of their names) and the end records; returns the output and its total size.
    pub fn finish(mut self, sort_central: bool) -> io::Result<(W, u64)> {
        if self.current.is_some() {
            return Err(io::Error::other("zip finished with an entry still open"));
        }
        let cd_start = self.pos;
        let mut entries = std::mem::take(&mut self.entries);
        if sort_central {
            entries.sort_by(|a, b| a.name.cmp(&b.name));
        }
        for e in &entries {
            let need_u = e.uncompressed >= U32_MAX;
            let need_c = e.compressed >= U32_MAX;
            let need_o = e.offset >= U32_MAX;
            let zip64 = need_u || need_c || need_o || e.zip64_local;
            let mut extra = Vec::new();
            if need_u || need_c || need_o {
                let mut body = Vec::new();
                if need_u {
                    put64(&mut body, e.uncompressed);
                }
                if need_c {
                    put64(&mut body, e.compressed);
                }
                if need_o {
                    put64(&mut body, e.offset);
                }
                put16(&mut extra, 0x0001);
                put16(&mut extra, body.len() as u16);
                extra.extend_from_slice(&body);
            }
            let version = if zip64 { 45 } else { 20 };
            let mut h = Vec::with_capacity(46 + e.name.len() + extra.len());
            put32(&mut h, CENTRAL_SIG);
            put16(&mut h, (3 << 8) | version); // made by: Unix
            put16(&mut h, version);
            put16(&mut h, FLAG_UTF8);
            put16(&mut h, e.method.code());
            put16(&mut h, self.time.time);
            put16(&mut h, self.time.date);
            put32(&mut h, e.crc);
            put32(
                &mut h,
                if need_c {
                    0xFFFF_FFFF
                } else {
                    e.compressed as u32
                },
            );
            put32(
                &mut h,
                if need_u {
                    0xFFFF_FFFF
                } else {
                    e.uncompressed as u32
                },
            );
            put16(&mut h, e.name.len() as u16);
            put16(&mut h, extra.len() as u16);
            put16(&mut h, 0); // comment
            put16(&mut h, 0); // disk
            put16(&mut h, 0); // internal attributes
            let dos_dir = if e.mode & 0o040_000 != 0 { 0x10 } else { 0 };
            put32(&mut h, (e.mode << 16) | dos_dir);
            put32(&mut h, if need_o { 0xFFFF_FFFF } else { e.offset as u32 });
            h.extend_from_slice(&e.name);
            h.extend_from_slice(&extra);
            self.emit(&h)?;
        }
        let cd_size = self.pos - cd_start;
        let count = entries.len() as u64;
        let mut t = Vec::with_capacity(100);
        if count >= 0xFFFF || cd_size >= U32_MAX || cd_start >= U32_MAX {
            let eocd64 = self.pos;
            put32(&mut t, EOCD64_SIG);
            put64(&mut t, 44);
            put16(&mut t, (3 << 8) | 45);
            put16(&mut t, 45);
            put32(&mut t, 0);
            put32(&mut t, 0);
            put64(&mut t, count);
            put64(&mut t, count);
            put64(&mut t, cd_size);
            put64(&mut t, cd_start);
            put32(&mut t, EOCD64_LOCATOR_SIG);
            put32(&mut t, 0);
            put64(&mut t, eocd64);
            put32(&mut t, 1);
        }
        put32(&mut t, EOCD_SIG);
        put16(&mut t, 0);
        put16(&mut t, 0);
        put16(&mut t, count.min(0xFFFF) as u16);
        put16(&mut t, count.min(0xFFFF) as u16);
        put32(&mut t, cd_size.min(U32_MAX) as u32);
        put32(&mut t, cd_start.min(U32_MAX) as u32);
        put16(&mut t, 0);
        self.emit(&t)?;
        self.out.flush()?;
        let size = self.pos;
        Ok((self.out, size))
    }
}

/// Run the compressor over `input`, handing each piece of output to `sink`.
fn deflate_into(
    c: &mut Compress,
    mut input: &[u8],
    flush: FlushCompress,
    mut sink: impl FnMut(&[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let before_in = c.total_in();
        let before_out = c.total_out();
        let status = c
            .compress(input, &mut buf, flush)
            .map_err(|e| io::Error::other(format!("deflate failed: {e}")))?;
        let consumed = (c.total_in() - before_in) as usize;
        let produced = (c.total_out() - before_out) as usize;
        input = &input[consumed..];
        if produced > 0 {
            sink(&buf[..produced])?;
        }
        match flush {
            FlushCompress::Finish => {
                if status == Status::StreamEnd {
                    return Ok(());
                }
            }
            _ => {
                if input.is_empty() && produced < buf.len() {
                    return Ok(());
                }
            }
        }
        if consumed == 0 && produced == 0 && status == Status::BufError {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dos_time_packs_fields() {
        let dt = chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
            .unwrap()
            .and_hms_opt(13, 45, 31)
            .unwrap();
        let t = DosTime::from_datetime(dt);
        assert_eq!(t.date >> 9, 46);
        assert_eq!((t.date >> 5) & 0xF, 11);
        assert_eq!(t.date & 0x1F, 20);
        assert_eq!(t.time >> 11, 13);
        assert_eq!((t.time >> 5) & 0x3F, 45);
        assert_eq!(t.time & 0x1F, 15);
        let old = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        assert_eq!(DosTime::from_datetime(old), DosTime::EPOCH);
    }

    #[test]
    fn same_input_same_bytes() {
        let make = || {
            let mut w = ZipWriter::new(std::io::Cursor::new(Vec::new()), DosTime::EPOCH);
            w.add_directory("a/").unwrap();
            w.add_bytes(
                "a/中文.txt",
                Method::Deflated,
                "你好 hello ".repeat(1000).as_bytes(),
            )
            .unwrap();
            w.add_bytes("a/b.bin", Method::Stored, &[1, 2, 3]).unwrap();
            w.finish(true).unwrap().0.into_inner()
        };
        let a = make();
        assert_eq!(a, make());
        assert_eq!(&a[..4], &LOCAL_SIG.to_le_bytes());
    }
}

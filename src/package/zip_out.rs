//! Writing the package zip with the `zip` crate: the fixed entry options, and `HashingWriter`,
//! the output that computes the package's SHA-256 from the bytes on their way to the file.
//!
//! The crate writes each streamed entry's local header with a zero CRC and sizes and, once the
//! data is written, seeks back and patches them. A hash computed as the bytes go by would see
//! the zeros; so `HashingWriter` accepts, before an entry starts, the bytes that will be patched
//! in (`expect_local_patch`, for an entry whose CRC and size are already known) and hashes those
//! in their place, checking later that the patch wrote exactly them. An entry whose CRC is not
//! known in advance (a file too large to hold in memory) is written under `hold`: its bytes are
//! hashed by reading them back once it is patched. Should a patch ever differ from what was
//! announced, the whole file is read back and hashed at the end: slower, never wrong.
//!
//! The writes themselves (the system calls that copy into the page cache, as costly here as the
//! hashing) are done by a thread of their own, in order: the caller hashes while that thread
//! writes. Material buffers are handed over without a copy (`write_chunk`), which also feeds them
//! to the material's own digest in the same pass as the package's.

use std::cell::RefCell;
use std::fs::File;
use std::io::{self, Seek, SeekFrom, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use zip::CompressionMethod;
use zip::result::ZipError;
use zip::write::SimpleFileOptions;

use super::hasher::Chunk;
use super::sha256::{self, Sha256};
use super::zip_in::read_full_at;
use crate::util::dos_time::DosTime;

/// The fixed Deflate level.
pub const DEFLATE_LEVEL: i64 = 6;
/// Entries whose size reaches this get Zip64 sizes in their local header (so that Deflate's
/// few bytes of overhead on incompressible data cannot push a size past 4 GiB unannounced).
pub const LARGE_ENTRY: u64 = 0xF000_0000;
/// Offset of the CRC-32 in a local header; the two 32-bit sizes follow it.
const LOCAL_CRC_AT: u64 = 14;

/// How an entry's data is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Stored,
    Deflated,
}

/// The entry timestamp in the crate's type (a `DosTime` is always in range).
pub fn zip_time(t: DosTime) -> zip::DateTime {
    zip::DateTime::try_from_msdos(t.date, t.time).unwrap_or_default()
}

/// Options of a regular file: the fixed time, mode 0644 made on Unix, the method, Zip64 sizes
/// when `size` may not fit 32 bits.
pub fn file_options(time: DosTime, method: Method, size: u64) -> SimpleFileOptions {
    let o = SimpleFileOptions::default()
        .last_modified_time(zip_time(time))
        .system(zip::System::Unix)
        .unix_permissions(0o644)
        .large_file(size >= LARGE_ENTRY);
    match method {
        Method::Stored => o.compression_method(CompressionMethod::Stored),
        Method::Deflated => o
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(DEFLATE_LEVEL)),
    }
}

/// Options of a directory entry: the fixed time, mode 0755 made on Unix.
pub fn dir_options(time: DosTime) -> SimpleFileOptions {
    SimpleFileOptions::default()
        .last_modified_time(zip_time(time))
        .system(zip::System::Unix)
        .unix_permissions(0o755)
}

/// A `ZipError` as an I/O error, keeping the OS error (a full disk) when there is one.
pub fn io_err(e: ZipError) -> io::Error {
    match e {
        ZipError::Io(e) => e,
        other => io::Error::other(other.to_string()),
    }
}

/// The package's digest, its size, and how many bytes had to be read back to compute it.
#[derive(Debug, Clone, Copy)]
pub struct Hashed {
    pub sha256: [u8; 32],
    pub size: u64,
    pub read_back: u64,
}

/// Patches announced but not yet written, and a pending `hold`.
#[derive(Default)]
struct Control {
    /// (offset, bytes) that a later overwrite will put there.
    expected: Vec<(u64, Vec<u8>)>,
    /// Announced for the next local header, whose offset is known only once a held entry before
    /// it has been finished (a Deflate encoder may still hold output).
    next_header: Option<Vec<u8>>,
    hold_requested: bool,
    /// The package failed: later writes go nowhere (the temporary file is being removed).
    discard: bool,
}

/// Appended bytes are not hashed until the held entry has been patched.
struct Hold {
    patched: bool,
}

/// Small writes are gathered up to this before they go to the file.
const GATHER: usize = 64 * 1024;
/// Read-back piece size.
const READ_BACK: usize = 256 * 1024;
/// Writes waiting for the writing thread (each at most a material buffer or `GATHER` bytes,
/// or one small prepared entry).
const QUEUED: usize = 16;

/// Bytes for the writing thread.
enum Bytes {
    Owned(Vec<u8>),
    Chunk(Arc<Chunk>),
}

impl Bytes {
    fn as_slice(&self) -> &[u8] {
        match self {
            Bytes::Owned(v) => v,
            Bytes::Chunk(c) => c.bytes(),
        }
    }
}

/// What the writing thread does, in order.
enum Op {
    Append(Bytes),
    At(u64, Vec<u8>),
    /// Answer once everything before is written.
    Sync(mpsc::Sender<()>),
}

/// The writing thread. After its first failure it writes nothing more (but still answers
/// `Sync`), and the failure is reported by the next call.
struct Sink {
    tx: Option<SyncSender<Op>>,
    thread: Option<JoinHandle<()>>,
    failed: Arc<AtomicBool>,
    error: Arc<Mutex<Option<io::Error>>>,
}

/// The file as the writing thread sees it.
struct Output {
    file: File,
    /// Where the OS file position is, and where the file ends.
    cursor: u64,
    end: u64,
}

impl Output {
    fn apply(&mut self, op: &Op) -> io::Result<()> {
        match op {
            Op::Append(b) => {
                if self.cursor != self.end {
                    self.file.seek(SeekFrom::Start(self.end))?;
                }
                self.file.write_all(b.as_slice())?;
                self.end += b.as_slice().len() as u64;
                self.cursor = self.end;
            }
            Op::At(at, v) => {
                self.file.seek(SeekFrom::Start(*at))?;
                self.file.write_all(v)?;
                self.cursor = at + v.len() as u64;
                self.end = self.end.max(self.cursor);
            }
            Op::Sync(_) => {}
        }
        Ok(())
    }
}

impl Sink {
    fn new(file: File) -> Sink {
        let (tx, rx) = mpsc::sync_channel::<Op>(QUEUED);
        let failed = Arc::new(AtomicBool::new(false));
        let error: Arc<Mutex<Option<io::Error>>> = Arc::new(Mutex::new(None));
        let (f, e) = (failed.clone(), error.clone());
        let thread = std::thread::spawn(move || {
            let fail = |err: io::Error| {
                if let Ok(mut slot) = e.lock() {
                    slot.get_or_insert(err);
                }
                f.store(true, Ordering::Relaxed);
            };
            let mut out = Output {
                file,
                cursor: 0,
                end: 0,
            };
            for op in rx {
                if let Op::Sync(reply) = &op {
                    let _ = reply.send(());
                } else if !f.load(Ordering::Relaxed)
                    && let Err(err) = out.apply(&op)
                {
                    fail(err);
                }
            }
            if !f.load(Ordering::Relaxed)
                && let Err(err) = out.file.flush()
            {
                fail(err);
            }
        });
        Sink {
            tx: Some(tx),
            thread: Some(thread),
            failed,
            error,
        }
    }

    /// The writing thread's failure, if it had one.
    fn check(&self) -> io::Result<()> {
        if !self.failed.load(Ordering::Relaxed) {
            return Ok(());
        }
        Err(self
            .error
            .lock()
            .ok()
            .and_then(|mut slot| slot.take())
            .unwrap_or_else(|| io::Error::other("writing the package failed")))
    }

    fn send(&self, op: Op) -> io::Result<()> {
        self.check()?;
        let sent = self.tx.as_ref().map(|tx| tx.send(op).is_ok());
        if sent != Some(true) {
            self.check()?;
            return Err(io::Error::other("the thread writing the package stopped"));
        }
        Ok(())
    }

    /// Wait until everything sent is written.
    fn sync(&self) -> io::Result<()> {
        if self.tx.is_none() {
            // Finished: everything is written.
            return self.check();
        }
        let (tx, rx) = mpsc::channel();
        self.send(Op::Sync(tx))?;
        if rx.recv().is_err() {
            self.check()?;
            return Err(io::Error::other("the thread writing the package stopped"));
        }
        self.check()
    }

    /// Write everything, flush, stop the thread.
    fn finish(&mut self) -> io::Result<()> {
        self.tx.take();
        if let Some(t) = self.thread.take()
            && t.join().is_err()
        {
            return Err(io::Error::other("the thread writing the package panicked"));
        }
        self.check()
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.tx.take();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A `Write + Seek` over a new file that hashes what is written as it is written.
pub struct HashingWriter {
    sink: Sink,
    /// The same file opened for reading (read back held entries).
    reader: File,
    sha: Sha256,
    /// `[0, hashed)` is final and hashed.
    hashed: u64,
    pos: u64,
    len: u64,
    /// Appended bytes not yet sent to the writing thread: they end at `len`.
    gathered: Vec<u8>,
    hold: Option<Hold>,
    /// A write that could not be accounted for: hash the whole file again at the end.
    stale: bool,
    read_back: u64,
    control: RefCell<Control>,
}

impl HashingWriter {
    /// `file` is empty and open for writing; `reader` reads the same file.
    pub fn new(file: File, reader: File) -> Self {
        HashingWriter {
            sink: Sink::new(file),
            reader,
            sha: Sha256::new(),
            hashed: 0,
            pos: 0,
            len: 0,
            gathered: Vec::with_capacity(GATHER),
            hold: None,
            stale: false,
            read_back: 0,
            control: RefCell::new(Control::default()),
        }
    }

    /// Announce that the next entry's local header will be patched with this CRC and these
    /// sizes (32-bit fields: an entry without Zip64 sizes). Call it just before starting that
    /// entry.
    pub fn expect_local_patch(&self, crc: u32, compressed: u32, uncompressed: u32) {
        let mut b = Vec::with_capacity(12);
        b.extend_from_slice(&crc.to_le_bytes());
        b.extend_from_slice(&compressed.to_le_bytes());
        b.extend_from_slice(&uncompressed.to_le_bytes());
        let mut control = self.control.borrow_mut();
        if self.hold.is_some() || control.hold_requested {
            // The header starts with the first write after the held entry is patched.
            control.next_header = Some(b);
        } else {
            // Nothing is buffered in the zip writer: the header starts here.
            control.expected.push((self.len + LOCAL_CRC_AT, b));
        }
    }

    /// The next entry's CRC is not known in advance: hash its bytes by reading them back once
    /// they have been patched.
    pub fn hold(&self) {
        self.control.borrow_mut().hold_requested = true;
    }

    /// Make every later write a no-op (after a failure, so that the `zip` crate's writer, which
    /// finishes the archive when dropped, neither writes nor reports anything).
    pub fn discard(&self) {
        self.control.borrow_mut().discard = true;
    }

    /// Append a material buffer as it is (no copy): the same as `write_all` of its bytes, which
    /// are also fed to `also` (the material's own digest), in one pass with the package's
    /// digest when they go into it now.
    pub fn write_chunk(&mut self, chunk: Arc<Chunk>, also: &mut Sha256) -> io::Result<()> {
        let data = chunk.bytes();
        if self.control.get_mut().discard || self.pos != self.len || data.len() < GATHER {
            also.update(data);
            return self.write_all(data);
        }
        self.begin_append()?;
        let at = self.len;
        let end = at + data.len() as u64;
        if self.hold.is_none() && !self.stale && self.hashed == at {
            if self.patch_within(at, end) {
                also.update(data);
                self.hash_appended(at, data);
            } else {
                sha256::update_both(&mut self.sha, also, data);
                self.hashed = end;
            }
        } else {
            also.update(data);
        }
        self.flush_gathered()?;
        self.len = end;
        self.pos = end;
        self.sink.send(Op::Append(Bytes::Chunk(chunk)))
    }

    /// Flush everything and return the digest of the whole file.
    pub fn finish(mut self) -> io::Result<Hashed> {
        self.flush_gathered()?;
        self.sink.finish()?;
        let control = self.control.get_mut();
        if !control.expected.is_empty() || control.next_header.is_some() {
            // An announced patch never came: what was hashed is not what is in the file.
            self.stale = true;
        }
        if self.stale {
            self.sha = Sha256::new();
            self.hashed = 0;
            self.hold = None;
        }
        self.catch_up()?;
        Ok(Hashed {
            sha256: self.sha.finalize(),
            size: self.len,
            read_back: self.read_back,
        })
    }

    fn flush_gathered(&mut self) -> io::Result<()> {
        if self.gathered.is_empty() {
            return Ok(());
        }
        let full = std::mem::replace(&mut self.gathered, Vec::with_capacity(GATHER));
        self.sink.send(Op::Append(Bytes::Owned(full)))
    }

    /// Hash `[hashed, len)` by reading it back from the file.
    fn catch_up(&mut self) -> io::Result<()> {
        self.flush_gathered()?;
        if self.hashed < self.len {
            self.sink.sync()?;
        }
        let mut buf = vec![0u8; READ_BACK.min((self.len - self.hashed) as usize)];
        while self.hashed < self.len {
            let want = ((self.len - self.hashed) as usize).min(buf.len());
            let n = read_full_at(&self.reader, &mut buf[..want], self.hashed)?;
            if n == 0 {
                return Err(io::Error::other("the package shrank while it was hashed"));
            }
            self.sha.update(&buf[..n]);
            self.hashed += n as u64;
            self.read_back += n as u64;
        }
        Ok(())
    }

    /// Whether an announced patch falls within `[at, end)`.
    fn patch_within(&self, at: u64, end: u64) -> bool {
        self.control
            .borrow()
            .expected
            .iter()
            .any(|(o, b)| *o < end && o + b.len() as u64 > at)
    }

    /// Hash appended bytes at `at`, with announced patches in place of what they will replace.
    fn hash_appended(&mut self, at: u64, data: &[u8]) {
        let end = at + data.len() as u64;
        if !self.patch_within(at, end) {
            self.sha.update(data);
        } else {
            let control = self.control.get_mut();
            let mut v = data.to_vec();
            for (o, b) in &control.expected {
                let (s, e) = ((*o).max(at), (o + b.len() as u64).min(end));
                if s < e {
                    v[(s - at) as usize..(e - at) as usize]
                        .copy_from_slice(&b[(s - o) as usize..(e - o) as usize]);
                }
            }
            self.sha.update(&v);
        }
        self.hashed = end;
    }

    /// Before appending: finish a held entry that has been patched, start a requested hold.
    fn begin_append(&mut self) -> io::Result<()> {
        if let Some(h) = &self.hold
            && h.patched
        {
            // The held entry is complete: this write starts the next local header.
            self.catch_up()?;
            self.hold = None;
            let control = self.control.get_mut();
            if let Some(b) = control.next_header.take() {
                control.expected.push((self.len + LOCAL_CRC_AT, b));
            }
        }
        if std::mem::take(&mut self.control.get_mut().hold_requested) && self.hold.is_none() {
            self.hold = Some(Hold { patched: false });
        }
        Ok(())
    }

    fn append(&mut self, data: &[u8]) -> io::Result<()> {
        self.begin_append()?;
        let at = self.len;
        if self.hold.is_none() && !self.stale && self.hashed == at {
            self.hash_appended(at, data);
        }
        if data.len() >= GATHER {
            self.flush_gathered()?;
            self.sink.send(Op::Append(Bytes::Owned(data.to_vec())))?;
        } else {
            if self.gathered.len() + data.len() > GATHER {
                self.flush_gathered()?;
            }
            self.gathered.extend_from_slice(data);
        }
        self.len += data.len() as u64;
        self.pos = self.len;
        Ok(())
    }

    /// Write over `[pos, pos + data.len())`, which lies before `len`.
    fn overwrite(&mut self, data: &[u8]) -> io::Result<()> {
        self.flush_gathered()?;
        let (start, end) = (self.pos, self.pos + data.len() as u64);
        if start < self.hashed {
            // Already hashed: only an announced patch, byte for byte, keeps the digest true.
            let hashed_end = end.min(self.hashed);
            let control = self.control.get_mut();
            let hit = control.expected.iter().position(|(o, b)| {
                *o <= start
                    && o + b.len() as u64 >= hashed_end
                    && b[(start - o) as usize..(hashed_end - o) as usize]
                        == data[..(hashed_end - start) as usize]
            });
            match hit {
                Some(i) => {
                    let (o, b) = &control.expected[i];
                    if o + b.len() as u64 == hashed_end {
                        control.expected.remove(i);
                    }
                }
                None => self.stale = true,
            }
        }
        if end > self.hashed
            && let Some(h) = &mut self.hold
        {
            h.patched = true;
        }
        self.sink.send(Op::At(start, data.to_vec()))?;
        self.pos = end;
        Ok(())
    }
}

impl Write for HashingWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if data.is_empty() {
            return Ok(0);
        }
        if self.control.get_mut().discard {
            self.pos += data.len() as u64;
            self.len = self.len.max(self.pos);
            return Ok(data.len());
        }
        if self.pos == self.len {
            self.append(data)?;
        } else if self.pos + data.len() as u64 <= self.len {
            self.overwrite(data)?;
        } else {
            let inside = (self.len - self.pos) as usize;
            self.overwrite(&data[..inside])?;
            self.append(&data[inside..])?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.control.get_mut().discard {
            return Ok(());
        }
        // Sent on; `finish` waits for it to be written.
        self.flush_gathered()
    }
}

impl Seek for HashingWriter {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(p) => Some(p),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        if self.control.get_mut().discard {
            // After a failure nothing is written: a position only has to be plausible to the
            // `zip` crate's writer finishing on drop, which asserts that an entry does not end
            // before it starts (an entry cut by the failure may have been left half-patched).
            if let Some(p) = target {
                self.pos = p;
                self.len = self.len.max(p);
            }
            return Ok(self.len);
        }
        match target {
            Some(p) if p <= self.len => {
                self.pos = p;
                Ok(p)
            }
            _ => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "seek outside the written part of the package",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::hasher::{BufferPool, CHUNK};
    use sha2::Digest;
    use std::io::Read;

    fn writer() -> (HashingWriter, File) {
        let f = tempfile::tempfile().unwrap();
        let r = f.try_clone().unwrap();
        let check = f.try_clone().unwrap();
        // `try_clone` shares the cursor; the writer only reads with positional reads.
        (HashingWriter::new(f, r), check)
    }

    fn contents(mut f: File) -> Vec<u8> {
        let mut v = Vec::new();
        f.seek(SeekFrom::Start(0)).unwrap();
        f.read_to_end(&mut v).unwrap();
        v
    }

    fn zip_of(w: HashingWriter, build: impl FnOnce(&mut zip::ZipWriter<HashingWriter>)) -> Hashed {
        let mut z = zip::ZipWriter::new(w);
        build(&mut z);
        z.finish().unwrap().finish().unwrap()
    }

    #[test]
    fn announced_patches_hash_while_writing() {
        let (w, check) = writer();
        let data = vec![7u8; 300_000];
        let crc = crc32fast::hash(&data);
        let h = zip_of(w, |z| {
            z.add_directory("d/", dir_options(DosTime::EPOCH)).unwrap();
            z.get_ref()
                .unwrap()
                .expect_local_patch(crc, data.len() as u32, data.len() as u32);
            z.start_file(
                "d/a.bin",
                file_options(DosTime::EPOCH, Method::Stored, data.len() as u64),
            )
            .unwrap();
            z.write_all(&data).unwrap();
            let f = zip::write::PreparedZipFile::from_data(
                "d/b.txt",
                file_options(DosTime::EPOCH, Method::Deflated, 9),
                b"some text",
            )
            .unwrap();
            z.add_prepared_file(f).unwrap();
        });
        let bytes = contents(check);
        assert_eq!(h.size, bytes.len() as u64);
        assert_eq!(h.sha256[..], sha2::Sha256::digest(&bytes)[..]);
        assert_eq!(h.read_back, 0, "the fast path read the package back");
        let mut a = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut out = Vec::new();
        a.by_name("d/a.bin").unwrap().read_to_end(&mut out).unwrap();
        assert_eq!(out, data);
    }

    #[test]
    fn held_entries_are_read_back_and_a_wrong_announcement_is_caught() {
        let (w, check) = writer();
        let data = vec![3u8; 200_000];
        let h = zip_of(w, |z| {
            z.get_ref().unwrap().hold();
            z.start_file(
                "big.txt",
                file_options(DosTime::EPOCH, Method::Deflated, LARGE_ENTRY),
            )
            .unwrap();
            z.write_all(&data).unwrap();
            // Wrong on purpose: the patch will not match.
            z.get_ref().unwrap().expect_local_patch(1, 2, 3);
            z.start_file("x", file_options(DosTime::EPOCH, Method::Stored, 1))
                .unwrap();
            z.write_all(b"x").unwrap();
        });
        let bytes = contents(check);
        assert_eq!(h.sha256[..], sha2::Sha256::digest(&bytes)[..]);
        assert!(
            h.read_back >= bytes.len() as u64,
            "a stale digest was not redone"
        );
        let mut a = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut out = Vec::new();
        a.by_name("big.txt").unwrap().read_to_end(&mut out).unwrap();
        assert_eq!(out, data);
    }

    #[test]
    fn an_entry_announced_after_a_held_deflate_entry_is_not_read_back() {
        let (w, check) = writer();
        let text = "一行文字 some text\n".repeat(20_000).into_bytes();
        let h = zip_of(w, |z| {
            z.get_ref().unwrap().hold();
            z.start_file(
                "t.txt",
                file_options(DosTime::EPOCH, Method::Deflated, 1 << 30),
            )
            .unwrap();
            z.write_all(&text).unwrap();
            // The Deflate encoder still holds output: the next header starts later than now.
            z.get_ref()
                .unwrap()
                .expect_local_patch(crc32fast::hash(b"x"), 1, 1);
            z.start_file("x", file_options(DosTime::EPOCH, Method::Stored, 1))
                .unwrap();
            z.write_all(b"x").unwrap();
        });
        let bytes = contents(check);
        assert_eq!(h.sha256[..], sha2::Sha256::digest(&bytes)[..]);
        // Read back: the held entry, exactly up to the announced one's header.
        let mut a = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let x = a.by_name("x").unwrap().header_start();
        assert_eq!(h.read_back, x);
    }

    #[test]
    fn material_buffers_are_hashed_into_both_digests_as_they_are_written() {
        let data: Vec<u8> = (0..3 * CHUNK as u32 + 1000)
            .map(|i| (i % 251) as u8)
            .collect();
        let pool = BufferPool::new(8);
        let crc = crc32fast::hash(&data);
        let mut material = Sha256::new();
        let mut held = Sha256::new();
        let (w, check) = writer();
        let h = zip_of(w, |z| {
            // Announced: the fast path, both digests in one pass.
            z.get_ref()
                .unwrap()
                .expect_local_patch(crc, data.len() as u32, data.len() as u32);
            z.start_file(
                "a.pdf",
                file_options(DosTime::EPOCH, Method::Stored, data.len() as u64),
            )
            .unwrap();
            let w = unsafe { z.get_mut() }.unwrap();
            let mut src = &data[..];
            while let Some(c) = pool.read_from(&mut src).unwrap() {
                w.write_chunk(c, &mut material).unwrap();
            }
            unsafe { z.set_file_metadata(data.len() as u64, crc) }.unwrap();
            // Held: the package's digest by reading back, the material's as it goes by.
            z.get_ref().unwrap().hold();
            z.start_file(
                "b.pdf",
                file_options(DosTime::EPOCH, Method::Stored, data.len() as u64),
            )
            .unwrap();
            let w = unsafe { z.get_mut() }.unwrap();
            let mut src = &data[..];
            while let Some(c) = pool.read_from(&mut src).unwrap() {
                w.write_chunk(c, &mut held).unwrap();
            }
            unsafe { z.set_file_metadata(data.len() as u64, crc) }.unwrap();
        });
        let want: [u8; 32] = sha2::Sha256::digest(&data).into();
        assert_eq!(material.finalize(), want);
        assert_eq!(held.finalize(), want);
        let bytes = contents(check);
        assert_eq!(h.sha256[..], sha2::Sha256::digest(&bytes)[..]);
        // Read back: the held entry only (its header and data), not the first one.
        let n = data.len() as u64;
        assert!(h.read_back > n && h.read_back < n + 100, "{}", h.read_back);
        let mut a = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        for name in ["a.pdf", "b.pdf"] {
            let mut out = Vec::new();
            a.by_name(name).unwrap().read_to_end(&mut out).unwrap();
            assert_eq!(out, data, "{name}");
        }
    }

    #[test]
    fn a_held_entry_alone_reads_back_only_itself() {
        let (w, check) = writer();
        let data = vec![9u8; 100_000];
        let h = zip_of(w, |z| {
            z.get_ref()
                .unwrap()
                .expect_local_patch(crc32fast::hash(b"a"), 1, 1);
            z.start_file("a", file_options(DosTime::EPOCH, Method::Stored, 1))
                .unwrap();
            z.write_all(b"a").unwrap();
            z.get_ref().unwrap().hold();
            z.start_file("b", file_options(DosTime::EPOCH, Method::Stored, 1))
                .unwrap();
            z.write_all(&data).unwrap();
        });
        let bytes = contents(check);
        assert_eq!(h.sha256[..], sha2::Sha256::digest(&bytes)[..]);
        assert!(h.read_back > data.len() as u64 && h.read_back < bytes.len() as u64);
    }
}

//! Verifying a package: zip safety, then the bag (RFC 8493) at one of three levels, listing every
//! problem found rather than stopping at the first.
//!
//! - safety (always): no absolute, `..`, backslash or control-character names; no link or device
//!   entries; no duplicate names, also after case folding and NFC; no encrypted or unknown
//!   compression; no entry that claims or inflates to an unreasonable size or ratio; no
//!   overlapping entries; local headers that agree with the central directory.
//! - `Fast`: `bagit.txt` well-formed, `Payload-Oxum` agrees with the payload.
//! - `Complete`: also every manifest line names a payload file and every payload file is listed.
//! - `Valid` (default): also every entry's CRC-32 and every SHA-256 of both manifests.
//!
//! The zip is read by the `zip` crate. Its limits come first: the end record is read here
//! (`zip_in::EndRecord`) and an archive with too many entries or too large a central directory
//! is refused before the crate parses a byte of the directory, so memory stays bounded whatever
//! the input. Nothing is extracted: entries are streamed, two at a time on two threads.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{Read, Seek};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;
use sha2::{Digest, Sha256};
use unicode_normalization::{UnicodeNormalization, is_nfc};
use zip::read::{ArchiveOffset, Config};
use zip::{CompressionMethod, ExtraField, ZipArchive, ZipReadOptions};

use super::bag::{collision_key, decode_path};
use super::zip_in::{EndError, EndRecord, FileAt, read_full_at};
use super::zip_out::io_err;
use crate::Lang;
use crate::error::{Error, Result};
use crate::model::codes::Code;
use crate::model::diagnostic::{Diagnostic, Location};

/// No entry may claim or inflate to more than this.
pub const MAX_ENTRY_BYTES: u64 = 8 * 1024 * 1024 * 1024;
/// Nor the whole archive.
pub const MAX_TOTAL_BYTES: u64 = 64 * 1024 * 1024 * 1024;
/// A Deflate entry larger than `RATIO_MIN_BYTES` that inflates more than this many times.
pub const MAX_RATIO: u64 = 100;
pub const RATIO_MIN_BYTES: u64 = 1024 * 1024;
/// More entries than this is not a package (refused before the directory is parsed).
pub const MAX_ENTRIES: u64 = 100_000;
/// Nor a central directory larger than this (refused before it is parsed). With `MAX_ENTRIES`
/// and the tag-file limits, what bounds verify's memory (a package has a few hundred entries:
/// 8 MiB is room for 50,000 with long Chinese names).
pub const MAX_CENTRAL_DIRECTORY: u64 = 8 * 1024 * 1024;
/// The tag files are read into memory: `manifest-sha256.txt` up to this size, ...
pub const MAX_MANIFEST: u64 = 8 * 1024 * 1024;
/// ... `tagmanifest-sha256.txt` up to this, ...
pub const MAX_TAG_MANIFEST: u64 = 1024 * 1024;
/// ... `bagit.txt` and `bag-info.txt` up to this.
pub const MAX_TAG_INFO: u64 = 64 * 1024;
/// What the crate may read beyond the central directory while it opens the archive (the end
/// records and its look for them in the last 64 KiB).
const OPEN_SLACK: u64 = 1024 * 1024;
/// Entries hashed at the same time, each by its own reader of the file.
const READERS: usize = 2;
/// Read size when streaming an entry.
const PIECE: usize = 256 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Fast,
    Complete,
    /// Every checksum too (the default). Named `checksums` in JSON: beside `"valid": false` a
    /// level called "valid" read as a contradiction.
    #[serde(rename = "checksums")]
    Valid,
}

#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    pub file: String,
    pub level: Level,
    pub valid: bool,
    /// The bag's top directory, when one was found.
    pub bag: Option<String>,
    pub entries: usize,
    pub payload_files: u64,
    pub payload_bytes: u64,
    /// `bag-info.txt`, in file order.
    pub bag_info: Vec<(String, String)>,
    /// `CCC-Draft: yes` in bag-info.txt.
    pub draft: bool,
    /// Every problem (V001–V026, see docs/package.md), located at the entry concerned.
    pub problems: Vec<Diagnostic>,
    /// Things not checked (e.g. manifests of other algorithms).
    pub notes: Vec<String>,
}

struct Ctx {
    lang: Lang,
    problems: Vec<Diagnostic>,
}

impl Ctx {
    /// A problem of the entry `path`, or of the whole zip.
    fn push(&mut self, code: Code, path: Option<&str>, zh: String, en: String) {
        let at = match path {
            Some(p) => Location::PackageEntry {
                entry: p.to_string(),
                line: None,
            },
            None => Location::None,
        };
        self.problems.push(
            Diagnostic::new(
                code,
                match self.lang {
                    Lang::Zh => zh,
                    Lang::En => en,
                },
            )
            .at(at),
        );
    }
}

/// What is wrong with an entry name, if anything: (code, zh, en).
fn name_problem(name: &str) -> Option<(Code, &'static str, &'static str)> {
    let b = name.as_bytes();
    if name.starts_with('/') || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':') {
        return Some((Code::V004, "绝对路径", "absolute path"));
    }
    if name.contains('\\') {
        return Some((Code::V005, "名称含反斜杠", "backslash in the name"));
    }
    let trimmed = name.strip_suffix('/').unwrap_or(name);
    if trimmed.split('/').any(|c| c == "..") {
        return Some((
            Code::V006,
            "名称含 `..`，会写到目录之外",
            "`..` in the name escapes the directory",
        ));
    }
    if trimmed.is_empty() || trimmed.split('/').any(|c| c.is_empty() || c == ".") {
        return Some((
            Code::V007,
            "名称含空段或 `.`",
            "empty or `.` component in the name",
        ));
    }
    if name.chars().any(|c| c.is_control()) {
        return Some((
            Code::V007,
            "名称含控制字符",
            "control character in the name",
        ));
    }
    None
}

/// One entry as the central directory (and its local header) describes it. The name is
/// borrowed from the crate's index when it is UTF-8 (memory: one copy of each name).
#[derive(Debug, Clone)]
struct Entry<'a> {
    /// The name as UTF-8 (lossy when it is not).
    name: Cow<'a, str>,
    /// The name's bytes were valid UTF-8.
    name_utf8: bool,
    /// The compression method's number (0 Stored, 8 Deflate).
    method: u16,
    encrypted: bool,
    /// The Unix mode, when the entry was made on Unix and carries one.
    mode: Option<u32>,
    crc: u32,
    compressed: u64,
    uncompressed: u64,
    /// Where its local header starts.
    header: u64,
    /// Where its data starts (from the local header), when that header could be read.
    data: Option<u64>,
    /// An Info-ZIP Unicode Path field gives it a second name.
    two_names: bool,
}

impl Entry<'_> {
    fn is_dir(&self) -> bool {
        self.name.ends_with('/') || self.mode.is_some_and(|m| m & 0o170_000 == 0o040_000)
    }

    fn is_link(&self) -> bool {
        self.mode.is_some_and(|m| m & 0o170_000 == 0o120_000)
    }

    /// A device, FIFO or socket.
    fn is_special(&self) -> bool {
        self.mode.is_some_and(|m| {
            let t = m & 0o170_000;
            t != 0 && t != 0o100_000 && t != 0o040_000 && t != 0o120_000
        })
    }
}

#[allow(deprecated)] // `Unsupported(n)` is how the crate names a method it does not know.
fn method_code(m: CompressionMethod) -> u16 {
    match m {
        CompressionMethod::Stored => 0,
        CompressionMethod::Deflated => 8,
        CompressionMethod::Unsupported(n) => n,
        _ => u16::MAX,
    }
}

/// Why an entry's data could not be read to its end.
enum Fail {
    /// It inflates past its declared size: a zip bomb or a lie.
    TooLarge,
    Damaged(String),
}

/// Stream entry `i` into `sink`, never past `declared` bytes of output; the number of bytes it
/// gave, and why it stopped early if it did. The CRC is left to the caller.
fn read_entry<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    i: usize,
    declared: u64,
    buf: &mut [u8],
    mut sink: impl FnMut(&[u8]),
) -> (u64, Option<Fail>) {
    let mut f = match archive.by_index_with_options(i, ZipReadOptions::new().ignore_crc32(true)) {
        Ok(f) => f,
        Err(e) => return (0, Some(Fail::Damaged(e.to_string()))),
    };
    let mut got = 0u64;
    loop {
        // Never ask for more than is left, so that only data past the declared size can make
        // the crate's size limit fail (then one byte is asked for, and refused).
        let left = declared - got;
        let want = if left == 0 {
            1
        } else {
            buf.len().min(left.min(usize::MAX as u64) as usize)
        };
        match f.read(&mut buf[..want]) {
            Ok(0) => return (got, None),
            Ok(n) if left == 0 => {
                let _ = n;
                return (got, Some(Fail::TooLarge));
            }
            Ok(n) => {
                sink(&buf[..n]);
                got += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) if left == 0 && e.kind() == std::io::ErrorKind::InvalidData => {
                return (got, Some(Fail::TooLarge));
            }
            Err(e) => return (got, Some(Fail::Damaged(e.to_string()))),
        }
    }
}

fn fail_text(f: &Fail) -> String {
    match f {
        Fail::TooLarge => "inflates past its declared size".into(),
        Fail::Damaged(m) => format!("corrupt data: {m}"),
    }
}

/// The size up to which a tag file is read.
fn tag_limit(name: &str) -> u64 {
    match name {
        "manifest-sha256.txt" => MAX_MANIFEST,
        "tagmanifest-sha256.txt" => MAX_TAG_MANIFEST,
        _ => MAX_TAG_INFO,
    }
}

fn read_small<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    i: usize,
    e: &Entry<'_>,
    limit: u64,
) -> std::result::Result<Vec<u8>, String> {
    if e.uncompressed > limit {
        return Err(format!(
            "larger than {} KiB, the limit for this file",
            limit >> 10
        ));
    }
    let mut out = Vec::with_capacity(e.uncompressed as usize);
    let mut buf = vec![0u8; 64 * 1024];
    let (n, fail) = read_entry(archive, i, e.uncompressed, &mut buf, |b| {
        out.extend_from_slice(b)
    });
    if let Some(f) = fail {
        return Err(fail_text(&f));
    }
    if n != e.uncompressed {
        return Err("shorter than its declared size".into());
    }
    if crc32fast::hash(&out) != e.crc {
        return Err("CRC-32 mismatch".into());
    }
    Ok(out)
}

/// What `check_entry` needs: the entries, and the SHA-256 a manifest lists for some of them
/// (and which manifest).
struct Checks<'e, 'a> {
    entries: &'e [Entry<'a>],
    expected: &'e [Option<([u8; 32], &'static str)>],
    lang: Lang,
}

fn problem(lang: Lang, code: Code, path: &str, zh: String, en: String) -> Diagnostic {
    Diagnostic::new(
        code,
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        },
    )
    .at(Location::PackageEntry {
        entry: path.to_string(),
        line: None,
    })
}

/// Read one entry to its end and check its size, CRC-32 and SHA-256.
fn check_entry<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    i: usize,
    checks: &Checks<'_, '_>,
    buf: &mut [u8],
) -> Vec<Diagnostic> {
    let (e, lang) = (&checks.entries[i], checks.lang);
    let want = checks.expected.get(i).copied().flatten();
    let mut crc = crc32fast::Hasher::new();
    let mut sha = want.is_some().then(Sha256::new);
    let (bytes, fail) = read_entry(archive, i, e.uncompressed, buf, |b| {
        crc.update(b);
        if let Some(h) = sha.as_mut() {
            h.update(b);
        }
    });
    let n = &e.name;
    match fail {
        Some(Fail::TooLarge) => {
            return vec![problem(
                lang,
                Code::V002,
                n,
                format!("解压后超过声明的 {} 字节", e.uncompressed),
                format!("inflates past its declared {} bytes", e.uncompressed),
            )];
        }
        Some(f) => {
            let m = fail_text(&f);
            return vec![problem(
                lang,
                Code::V001,
                n,
                format!("数据损坏：{m}"),
                format!("damaged data: {m}"),
            )];
        }
        None => {}
    }
    let mut out = Vec::new();
    if bytes != e.uncompressed {
        out.push(problem(
            lang,
            Code::V012,
            n,
            format!("实际 {bytes} 字节，目录声明 {} 字节", e.uncompressed),
            format!("{bytes} bytes, the directory declares {}", e.uncompressed),
        ));
    }
    if crc.finalize() != e.crc {
        out.push(problem(
            lang,
            Code::V025,
            n,
            "CRC-32 不符：zip 中的数据已损坏".into(),
            "CRC-32 mismatch: the data in the zip is damaged".into(),
        ));
    }
    if let (Some((want, manifest)), Some(h)) = (want, sha)
        && <[u8; 32]>::from(h.finalize()) != want
    {
        out.push(problem(
            lang,
            Code::V026,
            n,
            format!("SHA-256 与 {manifest} 不符：文件已被改动或损坏"),
            format!("SHA-256 does not match {manifest}: the file was changed or damaged"),
        ));
    }
    out
}

/// Check the entries `jobs` names, `READERS` at a time, each reader with its own position in
/// the file. The problems come back in the order of `jobs`.
fn check_entries(
    archive: &ZipArchive<FileAt>,
    jobs: &[usize],
    checks: &Checks<'_, '_>,
) -> Result<Vec<Diagnostic>> {
    let next = AtomicUsize::new(0);
    let found: Mutex<Vec<(usize, Vec<Diagnostic>)>> = Mutex::new(Vec::new());
    let checked = AtomicUsize::new(0);
    std::thread::scope(|s| -> Result<()> {
        let workers: Vec<_> = (0..READERS.min(jobs.len()))
            .map(|_| {
                let mut archive = archive.clone();
                let (next, found, checked) = (&next, &found, &checked);
                s.spawn(move || {
                    let mut buf = vec![0u8; PIECE];
                    loop {
                        let k = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&i) = jobs.get(k) else { break };
                        let problems = check_entry(&mut archive, i, checks, &mut buf);
                        if !problems.is_empty()
                            && let Ok(mut f) = found.lock()
                        {
                            f.push((k, problems));
                        }
                        checked.fetch_add(1, Ordering::Relaxed);
                    }
                })
            })
            .collect();
        for w in workers {
            w.join()
                .map_err(|_| Error::Storage("a hashing thread panicked".into()))?;
        }
        Ok(())
    })?;
    let mut found = found
        .into_inner()
        .map_err(|_| Error::Storage("a hashing thread panicked".into()))?;
    if checked.into_inner() != jobs.len() {
        return Err(Error::Storage("a hashing thread stopped".into()));
    }
    found.sort_by_key(|(k, _)| *k);
    Ok(found.into_iter().flat_map(|(_, p)| p).collect())
}

/// A 64-bit digest of a key, to remember many keys without keeping them.
fn digest64(key: &str) -> u64 {
    let mut h = DefaultHasher::new();
    key.hash(&mut h);
    h.finish()
}

/// A SHA-256 in lower- or upper-case hex.
fn archive_file(archive: &ZipArchive<FileAt>) -> std::io::Result<File> {
    archive.clone().into_inner().file().try_clone()
}

/// The names of the central records the crate dropped because a later record has the same
/// name: (position of the dropped record in the directory, its name, position of the record
/// kept). Only called when the crate reports duplicate names; reads at most `end.entries` fixed
/// headers and the dropped names.
fn dropped_duplicates(
    archive: &ZipArchive<FileAt>,
    end: &EndRecord,
) -> std::io::Result<Vec<(usize, String, usize)>> {
    let file = archive_file(archive)?;
    let file = &file;
    // Where each entry the crate kept has its central record, and its name.
    let mut kept: HashMap<u64, Vec<u8>> = HashMap::with_capacity(archive.len());
    for i in 0..archive.len() {
        let d = archive.by_index_data(i).map_err(io_err)?;
        kept.insert(d.central_header_start(), d.name_raw().to_vec());
    }
    let mut ordinal_of: HashMap<u64, usize> = HashMap::new();
    let mut dropped = Vec::new();
    let mut at = end.cd_offset;
    let mut h = [0u8; 46];
    for k in 0..end.entries as usize {
        if read_full_at(file, &mut h, at)? != 46 || h[..4] != *b"PK\x01\x02" {
            break;
        }
        let field = |o: usize| u16::from_le_bytes([h[o], h[o + 1]]) as u64;
        let (name_len, extra_len, comment_len) = (field(28), field(30), field(32));
        if kept.contains_key(&at) {
            ordinal_of.insert(at, k);
        } else {
            let mut name = vec![0u8; name_len as usize];
            read_full_at(file, &mut name, at + 46)?;
            dropped.push((k, name));
        }
        at += 46 + name_len + extra_len + comment_len;
    }
    let by_name: HashMap<&[u8], u64> = kept.iter().map(|(c, n)| (n.as_slice(), *c)).collect();
    Ok(dropped
        .into_iter()
        .map(|(k, name)| {
            let other = by_name
                .get(name.as_slice())
                .and_then(|c| ordinal_of.get(c))
                .copied()
                .unwrap_or(k);
            (k, String::from_utf8_lossy(&name).into_owned(), other)
        })
        .collect())
}

/// Parse `Label: value` lines (continuation lines start with whitespace).
pub fn parse_tag_lines(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
            continue;
        }
        if let Some((k, v)) = line.split_once(':') {
            out.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    out
}

/// Verify the zip at `path`. `Err` only when it cannot be read at all or is not a zip (exit 2);
/// every other problem is in the report.
pub fn verify(path: &Path, level: Level, lang: Lang) -> Result<VerifyReport> {
    let meta = std::fs::metadata(path).map_err(|e| Error::input_io(path, e))?;
    if meta.is_dir() {
        return Err(Error::Input(format!(
            "{}: {}",
            path.display(),
            lang.pick("是目录，不是 zip 文件", "is a directory, not a zip file")
        )));
    }
    if !meta.is_file() {
        return Err(Error::Input(format!(
            "{}: {}",
            path.display(),
            lang.pick(
                "不是普通文件（管道、套接字或设备），不是 zip 文件",
                "is not a regular file (a FIFO, socket or device), not a zip file"
            )
        )));
    }
    let file = File::open(path).map_err(|e| Error::input_io(path, e))?;
    let reader = FileAt::new(file).map_err(|e| Error::input_io(path, e))?;
    let mut cx = Ctx {
        lang,
        problems: Vec::new(),
    };
    let mut report = VerifyReport {
        file: path.display().to_string(),
        level,
        valid: false,
        bag: None,
        entries: 0,
        payload_files: 0,
        payload_bytes: 0,
        bag_info: Vec::new(),
        draft: false,
        problems: Vec::new(),
        notes: Vec::new(),
    };
    let damaged = |mut cx: Ctx, mut report: VerifyReport, m: &str| {
        cx.push(
            Code::V001,
            None,
            format!("zip 已截断或损坏：{m}"),
            format!("the zip is truncated or damaged: {m}"),
        );
        report.problems = cx.problems;
        Ok(report)
    };

    // The limits, from the end record, before the crate parses anything.
    let end = match EndRecord::read(reader.file(), reader.len()) {
        Ok(end) => end,
        Err(EndError::NotAZip) => {
            return Err(Error::Input(format!(
                "{}: {}",
                path.display(),
                lang.pick("不是 zip 文件", "is not a zip file")
            )));
        }
        Err(EndError::Io(e)) => return Err(Error::input_io(path, e)),
        Err(EndError::Damaged(m)) => return damaged(cx, report, &m),
    };
    report.entries = end.entries.min(usize::MAX as u64) as usize;
    if end.entries > MAX_ENTRIES {
        cx.push(
            Code::V002,
            None,
            format!("条目过多（{}，上限 {MAX_ENTRIES}）", end.entries),
            format!("too many entries ({}, limit {MAX_ENTRIES})", end.entries),
        );
        report.problems = cx.problems;
        return Ok(report);
    }
    if end.cd_size > MAX_CENTRAL_DIRECTORY {
        cx.push(
            Code::V002,
            None,
            format!(
                "中央目录过大（{} 字节，上限 {MAX_CENTRAL_DIRECTORY}）",
                end.cd_size
            ),
            format!(
                "central directory too large ({} bytes, limit {MAX_CENTRAL_DIRECTORY})",
                end.cd_size
            ),
        );
        report.problems = cx.problems;
        return Ok(report);
    }
    // The crate may read the directory the end record declares, and little else.
    reader.set_budget(end.cd_size + OPEN_SLACK);
    let opened = ZipArchive::with_config(
        Config {
            archive_offset: ArchiveOffset::Known(0),
        },
        reader.clone(),
    );
    reader.set_budget(u64::MAX);
    let archive = match opened {
        Ok(a) => a,
        Err(e) => {
            return damaged(
                cx,
                report,
                &format!("the central directory cannot be read ({e})"),
            );
        }
    };
    if archive.central_directory_start() != end.cd_offset
        || (!archive.has_duplicate_names() && archive.len() as u64 != end.entries)
    {
        return damaged(
            cx,
            report,
            "the end records disagree about the central directory",
        );
    }

    // `archive` keeps the index (and the names the entries borrow); `io` reads.
    let mut io = archive.clone();

    // The entries, and whether each can be trusted for the bag checks (`usable`).
    let mut entries: Vec<Entry<'_>> = Vec::with_capacity(archive.len());
    let mut usable = vec![true; archive.len()];
    for ((i, ok), raw) in usable.iter_mut().enumerate().zip(archive.file_names_raw()) {
        let d = match archive.by_index_data(i) {
            Ok(d) => d,
            Err(e) => return damaged(cx, report, &e.to_string()),
        };
        let (name, name_utf8) = match std::str::from_utf8(raw) {
            Ok(s) => (Cow::Borrowed(s), true),
            Err(_) => (Cow::Owned(String::from_utf8_lossy(raw).into_owned()), false),
        };
        let mode = matches!(d.system(), zip::System::Unix)
            .then(|| d.external_attributes() >> 16)
            .filter(|m| *m != 0);
        let mut e = Entry {
            name,
            name_utf8,
            method: method_code(d.compression()),
            encrypted: d.encrypted(),
            mode,
            crc: d.crc32(),
            compressed: d.compressed_size(),
            uncompressed: d.size(),
            header: d.header_start(),
            data: None,
            two_names: false,
        };
        match io.by_index_raw(i) {
            Ok(f) => {
                e.data = f.data_start();
                e.two_names = f
                    .extra_data_fields()
                    .any(|x| matches!(x, ExtraField::UnicodePath(_)));
            }
            Err(err) => {
                cx.push(
                    Code::V001,
                    Some(&e.name),
                    format!("条目损坏：{err}"),
                    format!("damaged entry: {err}"),
                );
                *ok = false;
            }
        }
        let readable = e.data.is_some() && !e.encrypted && (e.method == 0 || e.method == 8);
        if readable
            && !archive.has_duplicate_names()
            && let Err(err) = io.by_index_with_options(
                i,
                ZipReadOptions::new()
                    .enforce_header_consistency(true)
                    .ignore_crc32(true),
            )
        {
            cx.push(
                Code::V001,
                Some(&e.name),
                format!("本地文件头与中央目录不一致：{err}"),
                format!("the local header disagrees with the central directory: {err}"),
            );
            *ok = false;
        }
        entries.push(e);
    }

    check_safety(&mut cx, &entries, &mut usable, &end);
    if archive.has_duplicate_names() {
        match dropped_duplicates(&archive, &end) {
            Ok(dups) => {
                for (k, name, other) in dups {
                    let (a, b) = (k.min(other) + 1, k.max(other) + 1);
                    cx.push(
                        Code::V013,
                        Some(&name),
                        format!("名称重复（第 {a} 与第 {b} 个条目）"),
                        format!("duplicate name (entries {a} and {b})"),
                    );
                }
            }
            Err(e) => return Err(Error::input_io(path, e)),
        }
    }

    // The bag.
    let root = if entries.iter().any(|e| e.name == "bagit.txt") {
        String::new()
    } else if let Some(e) = entries
        .iter()
        .find(|e| e.name.matches('/').count() == 1 && e.name.ends_with("/bagit.txt"))
    {
        e.name.trim_end_matches("bagit.txt").to_string()
    } else {
        String::new()
    };
    if !root.is_empty() {
        report.bag = Some(root.trim_end_matches('/').to_string());
    }
    // Relative path → entry index, for the usable regular files of the bag (sorted by path).
    let mut files: Vec<(&str, usize)> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if !e.name.starts_with(&root) {
            cx.push(
                Code::V016,
                Some(&e.name),
                format!("不在包目录 {root:?} 之内"),
                format!("not inside the bag directory {root:?}"),
            );
            continue;
        }
        if usable[i] && !e.is_dir() {
            files.push((&e.name[root.len()..], i));
        }
    }
    files.sort_unstable();
    let file = |p: &str| {
        files
            .binary_search_by(|(k, _)| (*k).cmp(p))
            .ok()
            .map(|at| files[at].1)
    };
    let mut tag_text: HashMap<&str, String> = HashMap::new();
    for name in [
        "bagit.txt",
        "bag-info.txt",
        "manifest-sha256.txt",
        "tagmanifest-sha256.txt",
    ] {
        let Some(i) = file(name) else { continue };
        let e = &entries[i];
        match read_small(&mut io, i, e, tag_limit(name)) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(mut s) => {
                    if s.starts_with('\u{feff}') {
                        s.drain(..'\u{feff}'.len_utf8());
                    }
                    tag_text.insert(name, s);
                }
                Err(_) => cx.push(
                    Code::V017,
                    Some(&e.name),
                    "不是 UTF-8 文本".into(),
                    "not UTF-8 text".into(),
                ),
            },
            Err(m) => cx.push(
                Code::V001,
                Some(&e.name),
                format!("无法读取：{m}"),
                format!("cannot be read: {m}"),
            ),
        }
    }
    let full = |n: &str| format!("{root}{n}");
    match tag_text.get("bagit.txt") {
        None => cx.push(
            Code::V018,
            Some(&full("bagit.txt")),
            "缺少 bagit.txt：不是 BagIt 包".into(),
            "bagit.txt is missing: not a BagIt bag".into(),
        ),
        Some(t) => {
            let fields = parse_tag_lines(t);
            let get = |k: &str| fields.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str());
            if !matches!(get("BagIt-Version"), Some("1.0") | Some("0.97")) {
                cx.push(
                    Code::V019,
                    Some(&full("bagit.txt")),
                    "BagIt-Version 缺失或不是 1.0".into(),
                    "BagIt-Version missing or not 1.0".into(),
                );
            }
            if !get("Tag-File-Character-Encoding").is_some_and(|v| v.eq_ignore_ascii_case("UTF-8"))
            {
                cx.push(
                    Code::V019,
                    Some(&full("bagit.txt")),
                    "Tag-File-Character-Encoding 缺失或不是 UTF-8".into(),
                    "Tag-File-Character-Encoding missing or not UTF-8".into(),
                );
            }
        }
    }
    if let Some(t) = tag_text.get("bag-info.txt") {
        report.bag_info = parse_tag_lines(t);
        report.draft = report
            .bag_info
            .iter()
            .any(|(k, v)| k == "CCC-Draft" && v.to_ascii_lowercase().starts_with("yes"));
    }
    // Payload: everything under data/ (by the central directory's sizes).
    // The paths under data/ are one run of the sorted list.
    let payload = {
        let from = files.partition_point(|(p, _)| *p < "data/");
        let to = from + files[from..].partition_point(|(p, _)| p.starts_with("data/"));
        &files[from..to]
    };
    report.payload_files = payload.len() as u64;
    report.payload_bytes = payload.iter().map(|(_, i)| entries[*i].uncompressed).sum();
    let oxum = report
        .bag_info
        .iter()
        .find(|(k, _)| k == "Payload-Oxum")
        .map(|(_, v)| v.clone());
    match oxum {
        None => {
            if level == Level::Fast {
                cx.push(
                    Code::V020,
                    Some(&full("bag-info.txt")),
                    "bag-info.txt 中没有 Payload-Oxum，无法快速校验".into(),
                    "no Payload-Oxum in bag-info.txt: a fast check is not possible".into(),
                );
            }
        }
        Some(v) => {
            let parsed = v.split_once('.').and_then(|(b, c)| {
                Some((b.trim().parse::<u64>().ok()?, c.trim().parse::<u64>().ok()?))
            });
            match parsed {
                None => cx.push(
                    Code::V020,
                    Some(&full("bag-info.txt")),
                    format!("Payload-Oxum {v:?} 格式不对（应为 字节数.文件数）"),
                    format!("Payload-Oxum {v:?} is malformed (want bytes.count)"),
                ),
                Some((b, c)) if b != report.payload_bytes || c != report.payload_files => cx.push(
                    Code::V020,
                    Some(&full("bag-info.txt")),
                    format!(
                        "Payload-Oxum 为 {v}，实际为 {}.{}",
                        report.payload_bytes, report.payload_files
                    ),
                    format!(
                        "Payload-Oxum says {v}, the payload is {}.{}",
                        report.payload_bytes, report.payload_files
                    ),
                ),
                Some(_) => {}
            }
        }
    }
    for other in files.iter().map(|(k, _)| k).filter(|k| {
        (k.starts_with("manifest-") || k.starts_with("tagmanifest-"))
            && k.ends_with(".txt")
            && !k.contains('/')
            && **k != "manifest-sha256.txt"
            && **k != "tagmanifest-sha256.txt"
    }) {
        report.notes.push(format!(
            "{other}: {}",
            lang.pick(
                "只校验 SHA-256 清单，未校验此清单",
                "only SHA-256 manifests are checked; this one was not"
            )
        ));
    }
    if level == Level::Fast {
        return Ok(finish(report, cx));
    }

    // Completeness.
    // By entry: the SHA-256 a manifest lists for it, and which manifest.
    let mut expected: Vec<Option<([u8; 32], &'static str)>> = vec![None; entries.len()];
    // Files whose names are not NFC, by their NFC form (made on the first miss; usually empty).
    let mut not_nfc: Option<HashMap<String, usize>> = None;
    for (manifest, payload_only) in [
        ("manifest-sha256.txt", true),
        ("tagmanifest-sha256.txt", false),
    ] {
        let Some(text) = tag_text.get(manifest) else {
            if payload_only {
                cx.push(
                    Code::V021,
                    Some(&full(manifest)),
                    "缺少 manifest-sha256.txt".into(),
                    "manifest-sha256.txt is missing".into(),
                );
            }
            continue;
        };
        let mut listed: HashSet<u64> = HashSet::new();
        for (ln, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let mut parts = line.trim_start().splitn(2, [' ', '\t']);
            let hex = crate::util::hex::parse_hex32(parts.next().unwrap_or(""));
            let path = decode_path(parts.next().unwrap_or("").trim_start_matches([' ', '\t']));
            let here = format!("{}:{}", full(manifest), ln + 1);
            let Some(hex) = hex.filter(|_| !path.is_empty()) else {
                cx.push(
                    Code::V022,
                    Some(&here),
                    format!("无法解析的清单行：{line:?}"),
                    format!("malformed manifest line: {line:?}"),
                );
                continue;
            };
            if payload_only != path.starts_with("data/") || name_problem(&path).is_some() {
                cx.push(
                    Code::V022,
                    Some(&here),
                    format!("清单中的路径 {path:?} 不合规"),
                    format!("path {path:?} does not belong in this manifest"),
                );
                continue;
            }
            if !listed.insert(digest64(&path)) {
                cx.push(
                    Code::V022,
                    Some(&here),
                    format!("{path:?} 在清单中出现两次"),
                    format!("{path:?} is listed twice"),
                );
                continue;
            }
            let found = file(path.as_str()).or_else(|| {
                let nfc: String = path.nfc().collect();
                file(nfc.as_str()).or_else(|| {
                    not_nfc
                        .get_or_insert_with(|| {
                            files
                                .iter()
                                .filter(|(p, _)| !is_nfc(p))
                                .map(|(p, i)| (p.nfc().collect(), *i))
                                .collect()
                        })
                        .get(&nfc)
                        .copied()
                })
            });
            match found {
                Some(i) => {
                    expected[i] = Some((hex, manifest_name(payload_only)));
                }
                None => cx.push(
                    Code::V023,
                    Some(&full(&path)),
                    format!("{} 列出的文件不在包中", manifest),
                    format!("listed in {manifest} but not in the package"),
                ),
            }
        }
        if payload_only {
            for (p, i) in payload {
                if expected[*i].is_none() {
                    cx.push(
                        Code::V024,
                        Some(&full(p)),
                        "载荷文件未列入 manifest-sha256.txt".into(),
                        "payload file not listed in manifest-sha256.txt".into(),
                    );
                }
            }
        }
    }
    if level == Level::Complete {
        return Ok(finish(report, cx));
    }

    // Validity: every entry's CRC, every listed SHA-256, two entries at a time.
    let mut order: Vec<usize> = (0..entries.len())
        .filter(|&i| usable[i] && !entries[i].is_dir() && entries[i].data.is_some())
        .collect();
    order.sort_by_key(|&i| entries[i].data);
    let checks = Checks {
        entries: &entries,
        expected: &expected,
        lang,
    };
    let found = check_entries(&archive, &order, &checks)?;
    cx.problems.extend(found);
    Ok(finish(report, cx))
}

/// Names, types, methods, sizes, collisions and overlaps of every entry; marks the entries that
/// cannot be trusted for the bag checks.
fn check_safety(cx: &mut Ctx, entries: &[Entry<'_>], usable: &mut [bool], end: &EndRecord) {
    // Keys by their 64-bit digest (a match is confirmed on the keys themselves).
    let mut folded: HashMap<u64, usize> = HashMap::with_capacity(entries.len());
    let mut total: u64 = 0;
    for (i, e) in entries.iter().enumerate() {
        let n = e.name.as_ref();
        if !e.name_utf8 {
            cx.push(
                Code::V003,
                Some(n),
                "名称不是 UTF-8".into(),
                "name is not UTF-8".into(),
            );
        }
        if let Some((code, zh, en)) = name_problem(n) {
            cx.push(code, Some(n), zh.into(), en.into());
            usable[i] = false;
        }
        if e.two_names {
            cx.push(
                Code::V007,
                Some(n),
                "条目另有一个名称（Unicode Path 扩展字段），不同工具可能解出不同的名称".into(),
                "the entry has a second name (a Unicode Path extra field): tools may disagree on which one it is"
                    .into(),
            );
            usable[i] = false;
        }
        if e.is_link() {
            cx.push(
                Code::V008,
                Some(n),
                "符号链接条目（解压时可能指向包外）".into(),
                "symbolic link entry (could point outside when extracted)".into(),
            );
            usable[i] = false;
        } else if e.is_special() {
            cx.push(
                Code::V009,
                Some(n),
                "设备、管道或套接字条目".into(),
                "device, FIFO or socket entry".into(),
            );
            usable[i] = false;
        }
        if e.encrypted {
            cx.push(
                Code::V010,
                Some(n),
                "条目已加密".into(),
                "entry is encrypted".into(),
            );
            usable[i] = false;
        }
        if e.method != 0 && e.method != 8 {
            cx.push(
                Code::V011,
                Some(n),
                format!("不支持的压缩方法 {}", e.method),
                format!("unsupported compression method {}", e.method),
            );
            usable[i] = false;
        }
        if e.method == 0 && e.compressed != e.uncompressed && !e.is_dir() {
            cx.push(
                Code::V012,
                Some(n),
                "未压缩条目的两个大小不一致".into(),
                "stored entry with different compressed and uncompressed sizes".into(),
            );
            usable[i] = false;
        }
        let ratio_bomb = e.method == 8
            && e.uncompressed > RATIO_MIN_BYTES
            && e.uncompressed / e.compressed.max(1) > MAX_RATIO;
        if e.uncompressed > MAX_ENTRY_BYTES || ratio_bomb {
            cx.push(
                Code::V002,
                Some(n),
                format!(
                    "声称解压后 {} 字节（压缩 {} 字节）：超出合理大小或压缩比",
                    e.uncompressed, e.compressed
                ),
                format!(
                    "claims {} bytes from {} compressed: past a sane size or ratio",
                    e.uncompressed, e.compressed
                ),
            );
            usable[i] = false;
        }
        total = total.saturating_add(e.uncompressed);
        // Exact duplicates are found from the central directory (the crate keeps one of each).
        let key = collision_key(n);
        let k = digest64(&key);
        if let Some(&j) = folded.get(&k)
            && collision_key(&entries[j].name) == key
        {
            let other = &entries[j].name;
            cx.push(
                Code::V014,
                Some(n),
                format!("与 {other:?} 仅大小写或 Unicode 规范化不同，在 Windows/macOS 上会冲突"),
                format!("differs from {other:?} only by case or Unicode normalisation: they collide on Windows/macOS"),
            );
            usable[i] = false;
        } else {
            folded.entry(k).or_insert(i);
        }
    }
    if total > MAX_TOTAL_BYTES {
        cx.push(
            Code::V002,
            None,
            format!("条目合计声称 {total} 字节，超过上限"),
            format!("entries claim {total} bytes in total, past the limit"),
        );
    }
    // Where each entry lies: local header to end of data, before the central directory. Every
    // entry that starts inside an earlier one is named (the overlapping-entries zip bomb).
    let mut spans: Vec<(u64, u64, usize)> = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        let Some(data) = e.data else { continue };
        match data.checked_add(e.compressed) {
            Some(stop) if stop <= end.cd_offset && e.header < data => {
                spans.push((e.header, stop, i))
            }
            _ => {
                cx.push(
                    Code::V001,
                    Some(&e.name),
                    "数据超出归档末尾（截断？）".into(),
                    "damaged entry: its data runs past the end of the archive (truncated?)".into(),
                );
                usable[i] = false;
            }
        }
    }
    spans.sort();
    let mut reach: Option<(u64, usize)> = None;
    for &(start, stop, i) in &spans {
        if let Some((far, owner)) = reach
            && start < far
        {
            let other = &entries[owner].name;
            cx.push(
                Code::V015,
                Some(&entries[i].name),
                format!("与 {other:?} 的数据重叠（zip 炸弹手法）"),
                format!("overlaps the data of {other:?} (a zip-bomb technique)"),
            );
            usable[i] = false;
        }
        if reach.is_none_or(|(far, _)| stop > far) {
            reach = Some((stop, i));
        }
    }
}

fn manifest_name(payload: bool) -> &'static str {
    if payload {
        "manifest-sha256.txt"
    } else {
        "tagmanifest-sha256.txt"
    }
}

fn finish(mut report: VerifyReport, cx: Ctx) -> VerifyReport {
    report.problems = cx.problems;
    report.valid = !crate::model::diagnostic::has_errors(&report.problems);
    report
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(name_problem("/etc/passwd").map(|p| p.0), Some(Code::V004));
        assert_eq!(name_problem("C:/x").map(|p| p.0), Some(Code::V004));
        assert_eq!(name_problem("a/../../x").map(|p| p.0), Some(Code::V006));
        assert_eq!(name_problem("a\\b").map(|p| p.0), Some(Code::V005));
        assert_eq!(name_problem("a//b").map(|p| p.0), Some(Code::V007));
        assert_eq!(name_problem("bag/data/"), None);
        assert_eq!(name_problem("bag/data/营业执照.pdf"), None);
    }

    #[test]
    fn tag_lines() {
        let f = parse_tag_lines("A: 1\nB: two\n  more\nC:3\n");
        assert_eq!(f[1], ("B".to_string(), "two more".to_string()));
        assert_eq!(f[2], ("C".to_string(), "3".to_string()));
    }
}

//! Verifying a package: zip safety, then the bag (RFC 8493) at one of three levels, listing every
//! problem found rather than stopping at the first.
//!
//! - safety (always): no absolute, `..`, backslash or control-character names; no link or device
//!   entries; no duplicate names, also after case folding and NFC; no encrypted or unknown
//!   compression; no entry that claims or inflates to an unreasonable size or ratio; no
//!   overlapping entries.
//! - `Fast`: `bagit.txt` well-formed, `Payload-Oxum` agrees with the payload.
//! - `Complete`: also every manifest line names a payload file and every payload file is listed.
//! - `Valid` (default): also every entry's CRC-32 and every SHA-256 of both manifests.
//!
//! Nothing is extracted: entries are streamed from the zip, inflated in memory chunk by chunk.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufReader, Read, Seek};
use std::path::Path;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::bag::{collision_key, decode_path};
use super::hasher::{BufferPool, Sha256Worker};
use super::zip_reader::{EntryError, EntryReader, IndexError, ZipEntry, ZipIndex};
use crate::Lang;
use crate::error::{Error, Result};
use crate::model::codes::Code;
use crate::model::diagnostic::{self, Diagnostic, Location};

/// No entry may claim or inflate to more than this.
pub const MAX_ENTRY_BYTES: u64 = 8 * 1024 * 1024 * 1024;
/// Nor the whole archive.
pub const MAX_TOTAL_BYTES: u64 = 64 * 1024 * 1024 * 1024;
/// A Deflate entry larger than `RATIO_MIN_BYTES` that inflates more than this many times.
pub const MAX_RATIO: u64 = 100;
pub const RATIO_MIN_BYTES: u64 = 1024 * 1024;
/// More entries than this is not a package.
pub const MAX_ENTRIES: usize = 100_000;
/// Tag files are read into memory up to this size.
const MAX_TAG_FILE: u64 = 16 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Fast,
    Complete,
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
        self.problems.push(self.diagnostic(code, zh, en).at(at));
    }

    /// A problem of line `line` of the tag file `entry` (a manifest).
    fn push_line(&mut self, code: Code, entry: &str, line: usize, zh: String, en: String) {
        let at = Location::PackageEntry {
            entry: entry.to_string(),
            line: Some(line as u64),
        };
        self.problems.push(self.diagnostic(code, zh, en).at(at));
    }

    fn diagnostic(&self, code: Code, zh: String, en: String) -> Diagnostic {
        Diagnostic::new(
            code,
            match self.lang {
                Lang::Zh => zh,
                Lang::En => en,
            },
        )
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

fn read_small<R: Read + Seek>(
    r: &mut R,
    idx: &ZipIndex,
    e: &ZipEntry,
) -> std::result::Result<Vec<u8>, String> {
    if e.uncompressed > MAX_TAG_FILE {
        return Err(format!("larger than {} MiB", MAX_TAG_FILE >> 20));
    }
    let start = idx.data_start(r, e)?;
    let mut er = EntryReader::new(r, e, start, e.uncompressed).map_err(entry_err_text)?;
    let mut out = Vec::with_capacity(e.uncompressed as usize);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = er.read_chunk(&mut buf).map_err(entry_err_text)?;
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    if out.len() as u64 != e.uncompressed {
        return Err("shorter than its declared size".into());
    }
    if crc32fast::hash(&out) != e.crc {
        return Err("CRC-32 mismatch".into());
    }
    Ok(out)
}

fn entry_err_text(e: EntryError) -> String {
    match e {
        EntryError::Io(e) => e.to_string(),
        EntryError::Corrupt(m) => format!("corrupt data: {m}"),
        EntryError::TooLarge => "inflates past its declared size".into(),
        EntryError::Unsupported(m) => format!("unsupported compression method {m}"),
    }
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
    let file = File::open(path).map_err(|e| Error::input_io(path, e))?;
    let mut r = BufReader::with_capacity(256 * 1024, file);
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
    let idx = match ZipIndex::read(&mut r) {
        Ok(i) => i,
        Err(IndexError::NotAZip) => {
            return Err(Error::Input(format!(
                "{}: {}",
                path.display(),
                lang.pick("不是 zip 文件", "is not a zip file")
            )));
        }
        Err(IndexError::Io(e)) => return Err(Error::input_io(path, e)),
        Err(IndexError::Damaged(m)) => {
            cx.push(
                Code::V001,
                None,
                format!("zip 已截断或损坏：{m}"),
                format!("the zip is truncated or damaged: {m}"),
            );
            report.problems = cx.problems;
            return Ok(report);
        }
    };
    report.entries = idx.entries.len();
    if idx.entries.len() > MAX_ENTRIES {
        cx.push(
            Code::V002,
            None,
            format!("条目过多（{}，上限 {MAX_ENTRIES}）", idx.entries.len()),
            format!(
                "too many entries ({}, limit {MAX_ENTRIES})",
                idx.entries.len()
            ),
        );
        report.problems = cx.problems;
        return Ok(report);
    }

    // Safety, entry by entry. `usable[i]`: the entry can be trusted for the bag checks.
    let mut usable = vec![true; idx.entries.len()];
    let mut exact: HashMap<&str, usize> = HashMap::new();
    let mut folded: HashMap<String, usize> = HashMap::new();
    let mut total: u64 = 0;
    for (i, e) in idx.entries.iter().enumerate() {
        let n = e.name.as_str();
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
        if e.is_encrypted() {
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
        if let Some(&j) = exact.get(n) {
            cx.push(
                Code::V013,
                Some(n),
                format!("名称重复（第 {} 与第 {} 个条目）", j + 1, i + 1),
                format!("duplicate name (entries {} and {})", j + 1, i + 1),
            );
            usable[i] = false;
        } else {
            exact.insert(n, i);
            let key = collision_key(n);
            if let Some(&j) = folded.get(&key) {
                let other = &idx.entries[j].name;
                cx.push(
                    Code::V014,
                    Some(n),
                    format!("与 {other:?} 仅大小写或 Unicode 规范化不同，在 Windows/macOS 上会冲突"),
                    format!("differs from {other:?} only by case or Unicode normalisation: they collide on Windows/macOS"),
                );
                usable[i] = false;
            } else {
                folded.insert(key, i);
            }
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
    // Local headers and overlaps (the overlapping-entries zip bomb).
    let mut starts: Vec<Option<u64>> = vec![None; idx.entries.len()];
    for (i, e) in idx.entries.iter().enumerate() {
        match idx.data_start(&mut r, e) {
            Ok(s) => starts[i] = Some(s),
            Err(m) => {
                cx.push(
                    Code::V001,
                    Some(&e.name),
                    format!("条目损坏：{m}"),
                    format!("damaged entry: {m}"),
                );
                usable[i] = false;
            }
        }
    }
    let mut order: Vec<usize> = (0..idx.entries.len())
        .filter(|&i| starts[i].is_some())
        .collect();
    order.sort_by_key(|&i| idx.entries[i].local_offset);
    for w in order.windows(2) {
        let (a, b) = (w[0], w[1]);
        let a_end = starts[a].unwrap_or(0) + idx.entries[a].compressed;
        if idx.entries[b].local_offset < a_end {
            let n = &idx.entries[b].name;
            cx.push(
                Code::V015,
                Some(n),
                format!("与 {:?} 的数据重叠（zip 炸弹手法）", idx.entries[a].name),
                format!(
                    "overlaps the data of {:?} (a zip-bomb technique)",
                    idx.entries[a].name
                ),
            );
            usable[b] = false;
        }
    }

    // The bag.
    let mut roots: Vec<&str> = idx
        .entries
        .iter()
        .map(|e| e.name.split('/').next().unwrap_or(""))
        .collect();
    roots.sort();
    roots.dedup();
    let root = if idx.entries.iter().any(|e| e.name == "bagit.txt") {
        String::new()
    } else if let Some(e) = idx
        .entries
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
    // Relative path → entry index, for the usable regular files of the bag.
    let mut files: BTreeMap<String, usize> = BTreeMap::new();
    for (i, e) in idx.entries.iter().enumerate() {
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
            files.insert(e.name[root.len()..].to_string(), i);
        }
    }
    let mut tag_text: HashMap<&str, String> = HashMap::new();
    for name in [
        "bagit.txt",
        "bag-info.txt",
        "manifest-sha256.txt",
        "tagmanifest-sha256.txt",
    ] {
        let Some(&i) = files.get(name) else { continue };
        let e = &idx.entries[i];
        match read_small(&mut r, &idx, e) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(s) => {
                    tag_text.insert(name, s.strip_prefix('\u{feff}').unwrap_or(&s).to_string());
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
    let payload: Vec<(&String, usize)> = files
        .iter()
        .filter(|(p, _)| p.starts_with("data/"))
        .map(|(p, i)| (p, *i))
        .collect();
    report.payload_files = payload.len() as u64;
    report.payload_bytes = payload
        .iter()
        .map(|(_, i)| idx.entries[*i].uncompressed)
        .sum();
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
    for other in files.keys().filter(|k| {
        (k.starts_with("manifest-") || k.starts_with("tagmanifest-"))
            && k.ends_with(".txt")
            && !k.contains('/')
            && *k != "manifest-sha256.txt"
            && *k != "tagmanifest-sha256.txt"
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
    let mut expected: HashMap<usize, (String, &'static str)> = HashMap::new();
    let nfc_files: HashMap<String, usize> = files
        .iter()
        .map(|(p, i)| (p.nfc().collect::<String>(), *i))
        .collect();
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
        let mut listed: BTreeMap<String, usize> = BTreeMap::new();
        for (ln, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let mut parts = line.trim_start().splitn(2, [' ', '\t']);
            let hex = parts.next().unwrap_or("").to_ascii_lowercase();
            let path = decode_path(parts.next().unwrap_or("").trim_start_matches([' ', '\t']));
            let here = full(manifest);
            if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) || path.is_empty() {
                cx.push_line(
                    Code::V022,
                    &here,
                    ln + 1,
                    format!("无法解析的清单行：{line:?}"),
                    format!("malformed manifest line: {line:?}"),
                );
                continue;
            }
            if payload_only != path.starts_with("data/") || name_problem(&path).is_some() {
                cx.push_line(
                    Code::V022,
                    &here,
                    ln + 1,
                    format!("清单中的路径 {path:?} 不合规"),
                    format!("path {path:?} does not belong in this manifest"),
                );
                continue;
            }
            if listed.insert(path.clone(), ln).is_some() {
                cx.push_line(
                    Code::V022,
                    &here,
                    ln + 1,
                    format!("{path:?} 在清单中出现两次"),
                    format!("{path:?} is listed twice"),
                );
                continue;
            }
            let found = files
                .get(&path)
                .copied()
                .or_else(|| nfc_files.get(&path.nfc().collect::<String>()).copied());
            match found {
                Some(i) => {
                    expected.insert(i, (hex, manifest_name(payload_only)));
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
            for (p, i) in &payload {
                if !expected.contains_key(i) {
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

    // Validity: every entry's CRC, every listed SHA-256, streamed in file order.
    let mut order: Vec<usize> = (0..idx.entries.len())
        .filter(|&i| usable[i] && !idx.entries[i].is_dir() && starts[i].is_some())
        .collect();
    order.sort_by_key(|&i| idx.entries[i].local_offset);
    let pool = BufferPool::new(8);
    let sha = Sha256Worker::new();
    let mut pending = Vec::new();
    for i in order {
        let e = &idx.entries[i];
        let Some(start) = starts[i] else { continue };
        let mut er = match EntryReader::new(&mut r, e, start, e.uncompressed) {
            Ok(er) => er,
            Err(err) => {
                let m = entry_err_text(err);
                cx.push(
                    Code::V001,
                    Some(&e.name),
                    format!("无法读取：{m}"),
                    format!("cannot be read: {m}"),
                );
                continue;
            }
        };
        let mut crc = crc32fast::Hasher::new();
        let mut n = 0u64;
        let mut failed = None;
        loop {
            match pool.fill_with(|buf| er.read_chunk(buf).map_err(Failure::Entry)) {
                Ok(Some(c)) => {
                    crc.update(c.bytes());
                    n += c.bytes().len() as u64;
                    if sha.send(c).is_err() {
                        return Err(Error::Storage("the hashing thread stopped".into()));
                    }
                }
                Ok(None) => break,
                Err(Failure::Entry(err)) => {
                    failed = Some(err);
                    break;
                }
                Err(Failure::Io(err)) => return Err(Error::Storage(err.to_string())),
            }
        }
        let digest = sha.finish().map_err(|e| Error::Storage(e.to_string()))?;
        match failed {
            Some(EntryError::TooLarge) => {
                cx.push(
                    Code::V002,
                    Some(&e.name),
                    format!("解压后超过声明的 {} 字节", e.uncompressed),
                    format!("inflates past its declared {} bytes", e.uncompressed),
                );
                continue;
            }
            Some(err) => {
                let m = entry_err_text(err);
                cx.push(
                    Code::V001,
                    Some(&e.name),
                    format!("数据损坏：{m}"),
                    format!("damaged data: {m}"),
                );
                continue;
            }
            None => {}
        }
        if n != e.uncompressed {
            cx.push(
                Code::V012,
                Some(&e.name),
                format!("实际 {n} 字节，目录声明 {} 字节", e.uncompressed),
                format!("{n} bytes, the directory declares {}", e.uncompressed),
            );
        }
        if crc.finalize() != e.crc {
            cx.push(
                Code::V025,
                Some(&e.name),
                "CRC-32 不符：zip 中的数据已损坏".into(),
                "CRC-32 mismatch: the data in the zip is damaged".into(),
            );
        }
        pending.push((i, digest));
    }
    for (i, rx) in pending {
        let Ok(d) = rx.recv() else {
            return Err(Error::Storage("the hashing thread stopped".into()));
        };
        if let Some((want, manifest)) = expected.get(&i)
            && crate::util::hex::hex(&d) != *want
        {
            let e = &idx.entries[i];
            cx.push(
                Code::V026,
                Some(&e.name),
                format!("SHA-256 与 {manifest} 不符：文件已被改动或损坏"),
                format!("SHA-256 does not match {manifest}: the file was changed or damaged"),
            );
        }
    }
    Ok(finish(report, cx))
}

enum Failure {
    Entry(EntryError),
    Io(std::io::Error),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Io(e)
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
    report.valid = !diagnostic::has_errors(&report.problems);
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

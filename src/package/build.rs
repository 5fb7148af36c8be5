//! Building the upload package: one deterministic zip holding one BagIt bag, written with the
//! `zip` crate.
//!
//! Each material file is read once, and the work is spread over three threads (two cores):
//! - a reading thread reads it into pooled buffers; for a Stored material (PDF, JPEG, ...) it
//!   computes the CRC-32, for a Deflate one (text) the SHA-256 and the compressed entry;
//! - this thread writes the entry through `HashingWriter`, which computes the package's own
//!   SHA-256 from the bytes on their way to the file. A Stored material's bytes are the same in
//!   the package, so its own SHA-256 is computed in that same pass (`sha256::update_both`: two
//!   streams at once, cheaper than two passes) — most of the hashing is here;
//! - a third thread makes the write calls (`zip_out`).
//!
//! A file up to `IN_MEMORY` is read whole before it is written, so its local header is hashed
//! with its CRC and sizes already known; a larger one is streamed (hashed on the reading thread)
//! and the package's digest of it is computed by reading it back after the zip crate patches its
//! header (see `zip_out`). Memory stays flat: a fixed number of buffers, whatever the sizes.
//!
//! Order of entries (the central directory lists them in the same order): the directories, the
//! materials (by bag path), the checklist (`data/00-材料清单.csv`, which lists each material's
//! SHA-256), the generated documents, then the tag files (which hold `Payload-Oxum` and the
//! manifests): so nothing is read twice. The order is fixed, so the bytes are reproducible.
//! Whatever follows the materials may be made from their digests (`build_with`): `package`
//! ends its check there (S002, the file hashes the recorded check keeps), so its check report
//! and bag-info need no pass over the files of their own.
//!
//! The package is written to a temporary file in the destination directory; `PendingPackage`
//! renames it into place (`persist`) or removes it when dropped: a failed run leaves nothing.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::SystemTime;

use sha2::{Digest, Sha256};
use zip::ZipWriter;
use zip::write::{PreparedZipFile, ZipFileBuilder};

use super::bag::{self, Layout, PlannedFile};
use super::hasher::{self, BufferPool, CHUNK, Chunk};
use super::sha256;
use super::zip_out::{self, HashingWriter, Method, dir_options, file_options, io_err};
use crate::Lang;
use crate::application::LoadedApplication;
use crate::error::{Error, Result};
use crate::util::dos_time::DosTime;
use crate::util::hex::hex;
use crate::util::paths::{self, FileProblem};

/// A material up to this size is read whole before its entry is written (its CRC is then known
/// when the local header is hashed); a larger one is streamed.
pub const IN_MEMORY: u64 = 8 * 1024 * 1024;
/// Read buffers: two whole files in flight (one being written, one read) and some slack.
const BUFFERS: usize = 2 * (IN_MEMORY as usize / CHUNK) + 8;

/// A file produced in memory (generated documents), placed under `data/generated/`.
#[derive(Debug, Clone)]
pub struct Generated {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What is known of a material file after packaging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileState {
    Present {
        size: u64,
        sha256: String,
    },
    /// Not packaged (draft only): why.
    Missing(String),
}

/// The state of every material file, by bag path.
pub type FileStates = BTreeMap<String, FileState>;

/// Everything `build` needs.
pub struct PackageRequest<'a> {
    pub loaded: &'a LoadedApplication,
    pub layout: &'a Layout,
    /// `bag-info.txt` fields, without `Payload-Oxum` (added here, after `Bagging-Date`).
    pub bag_info: Vec<(String, String)>,
    /// Files for `data/generated/`.
    pub generated: Vec<Generated>,
    /// Timestamp of every entry.
    pub time: DosTime,
    /// The zip to write: a destination that passed `ops::output::destination` (its directory
    /// exists; it is none of the inputs nor anything the workspace keeps).
    pub dest: &'a Path,
    /// Draft: a material file that does not exist is listed as missing instead of failing.
    pub skip_missing: bool,
    /// When given, every material must lie inside this directory (the workspace), links resolved.
    pub within: Option<&'a Path>,
    pub lang: Lang,
}

/// A package written to a temporary file, not yet in place.
#[derive(Debug)]
pub struct PendingPackage {
    temp: Option<PathBuf>,
    pub dest: PathBuf,
    pub size: u64,
    pub sha256: String,
    /// SHA-256 of `manifest-sha256.txt`.
    pub manifest_sha256: String,
    /// `bytes.count` of the payload.
    pub payload_oxum: String,
    /// Bytes of the package read back to hash it: 0 unless a material was over `IN_MEMORY`.
    pub read_back: u64,
}

impl PendingPackage {
    /// Rename into place (atomic on one file system).
    pub fn persist(mut self) -> Result<()> {
        let Some(temp) = self.temp.take() else {
            return Err(Error::Storage(
                "the package was already moved into place".into(),
            ));
        };
        std::fs::rename(&temp, &self.dest).map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            Error::storage_io(&self.dest, e)
        })
    }
}

impl Drop for PendingPackage {
    fn drop(&mut self) {
        if let Some(t) = self.temp.take() {
            let _ = std::fs::remove_file(t);
        }
    }
}

/// Removes the temporary file unless disarmed.
struct TempGuard(Option<PathBuf>);

impl Drop for TempGuard {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = std::fs::remove_file(p);
        }
    }
}

fn is_already_compressed(name: &str, head: &[u8]) -> bool {
    let lower = name.to_lowercase();
    const EXT: &[&str] = &[
        ".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx", ".zip", ".gif", ".mp4", ".mov", ".webp",
    ];
    EXT.iter().any(|e| lower.ends_with(e))
        || head.starts_with(b"%PDF")
        || head.starts_with(&[0xFF, 0xD8, 0xFF])
        || head.starts_with(&[0x89, b'P', b'N', b'G'])
        || head.starts_with(b"PK\x03\x04")
}

/// The compression method of an entry: Stored for already-compressed formats, Deflate for text.
pub fn method_for(name: &str, head: &[u8]) -> Method {
    if is_already_compressed(name, head) {
        Method::Stored
    } else {
        Method::Deflated
    }
}

/// What was seen of a material before packaging began.
struct Seen {
    size: u64,
    modified: Option<SystemTime>,
}

fn t(lang: Lang, zh: &str, en: &str) -> String {
    lang.pick(zh, en).to_string()
}

/// Check a material file before anything is written: a regular file, not a link.
fn inspect(f: &PlannedFile, lang: Lang) -> std::result::Result<Seen, (io::ErrorKind, String)> {
    // The same test as `check` and ledger evidence: a regular file, not a link, FIFO or device.
    let meta = paths::regular_file(&f.source).map_err(|p| match p {
        FileProblem::Unreadable(e) => (
            e.kind(),
            format!(
                "{} {:?} ({}): {e}",
                t(lang, "材料文件无法读取", "material file cannot be read"),
                f.declared,
                f.source.display()
            ),
        ),
        other => {
            let (zh, en) = other.describe();
            (
                io::ErrorKind::InvalidInput,
                format!(
                    "{} {:?} {}",
                    t(lang, "材料文件", "material file"),
                    f.declared,
                    lang.pick(&zh, &en)
                ),
            )
        }
    })?;
    Ok(Seen {
        size: meta.len(),
        modified: meta.modified().ok(),
    })
}

/// Whether the material `f` (declared relative to the application directory `base`) lies
/// inside `root` with no symbolic link on the way: the one path test `check` also applies (M009).
fn inside(f: &PlannedFile, base: &Path, root: &Path) -> bool {
    paths::resolve_inside(Some(root), base, &f.declared).is_ok()
}

fn write_err(dest: &Path, lang: Lang, e: io::Error) -> Error {
    let hint = if e.raw_os_error() == Some(28) || e.kind() == io::ErrorKind::StorageFull {
        t(
            lang,
            "磁盘已满；请释放空间或用 -o 写到其他位置",
            "the disk is full; free some space or write elsewhere with -o",
        )
    } else {
        t(lang, "无法写入打包文件", "cannot write the package")
    };
    Error::Storage(format!(
        "{}: {hint} ({e}); {}",
        dest.display(),
        t(lang, "未留下任何文件", "nothing was left behind")
    ))
}

/// A material to package, with what was seen of it before, and its entry name.
struct Todo<'a> {
    file: &'a PlannedFile,
    seen: &'a Seen,
    name: String,
}

/// What the reading thread hands to the writing thread, one material after the other.
enum Piece {
    /// A Stored material read whole: its buffers and CRC-32. Its SHA-256 is computed as it is
    /// written, in one pass with the package's own (`HashingWriter::write_chunk`).
    Stored {
        at: usize,
        crc: u32,
        size: u64,
        chunks: Vec<Arc<Chunk>>,
    },
    /// A material read whole and compressed on the reading thread: the entry, and the SHA-256
    /// of the material.
    Deflated {
        at: usize,
        size: u64,
        entry: PreparedZipFile,
        sha256: [u8; 32],
    },
    /// A material larger than `IN_MEMORY`: its `Data` follows, then `End`.
    Start {
        at: usize,
        method: Method,
        size: u64,
    },
    Data(Arc<Chunk>),
    End {
        at: usize,
        size: u64,
        sha256: [u8; 32],
    },
}

/// The zip being written; when dropped unfinished (a failure), its last writes go nowhere.
struct Output(Option<ZipWriter<HashingWriter>>);

impl Output {
    fn zip(&mut self) -> io::Result<&mut ZipWriter<HashingWriter>> {
        self.0
            .as_mut()
            .ok_or_else(|| io::Error::other("the package was already finished"))
    }

    fn writer(&mut self) -> io::Result<&HashingWriter> {
        self.zip()?
            .get_ref()
            .ok_or_else(|| io::Error::other("the package writer is closed"))
    }

    fn add_bytes(
        &mut self,
        name: &str,
        method: Method,
        time: DosTime,
        data: &[u8],
    ) -> io::Result<()> {
        let entry =
            PreparedZipFile::from_data(name, file_options(time, method, data.len() as u64), data)
                .map_err(io_err)?;
        self.zip()?.add_prepared_file(entry).map_err(io_err)
    }

    fn finish(mut self) -> io::Result<zip_out::Hashed> {
        let zip = self
            .0
            .take()
            .ok_or_else(|| io::Error::other("the package was already finished"))?;
        zip.finish().map_err(io_err)?.finish()
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if let Some(w) = self.0.as_ref().and_then(|z| z.get_ref()) {
            w.discard();
        }
    }
}

/// What is written after the materials, made once their state is known (see [`build_with`]).
#[derive(Debug, Clone, Default)]
pub struct Late {
    /// `data/00-材料清单.csv`.
    pub checklist: Vec<u8>,
    /// Files for `data/generated/` besides `PackageRequest::generated`: exactly the names
    /// announced to `build_with`.
    pub generated: Vec<Generated>,
    /// `bag-info.txt` fields in place of `PackageRequest::bag_info`, when given.
    pub bag_info: Option<Vec<(String, String)>>,
}

/// Build the package into a temporary file next to `req.dest`. `checklist` renders
/// `data/00-材料清单.csv` from the state of every material file; `progress` is called with the
/// number of payload bytes just written.
pub fn build(
    req: &PackageRequest<'_>,
    checklist: impl FnOnce(&FileStates) -> Result<Vec<u8>>,
    progress: &dyn Fn(u64),
) -> Result<PendingPackage> {
    build_with(
        req,
        &[],
        |states| {
            Ok(Late {
                checklist: checklist(states)?,
                ..Late::default()
            })
        },
        progress,
    )
}

/// [`build`], with more of what follows the materials made from their state: `late` gives the
/// checklist, the generated files named `late_names` and, if it wants, the bag-info fields. It
/// is called once every material is written and hashed, before anything else is; when it
/// fails, the package is abandoned (nothing is left).
pub fn build_with(
    req: &PackageRequest<'_>,
    late_names: &[&str],
    late: impl FnOnce(&FileStates) -> Result<Late>,
    progress: &dyn Fn(u64),
) -> Result<PendingPackage> {
    let lang = req.lang;
    let bag_name = req.loaded.id.clone();
    // 1. Every material is a regular file (or, in a draft, missing).
    let mut seen: BTreeMap<String, Seen> = BTreeMap::new();
    let mut states: FileStates = BTreeMap::new();
    let mut problems = Vec::new();
    for f in &req.layout.files {
        match inspect(f, lang) {
            Ok(s) => {
                if let Some(root) = req.within
                    && !inside(f, &req.loaded.dir, root)
                {
                    problems.push(format!(
                        "{} {:?} {}",
                        t(lang, "材料文件", "material file"),
                        f.declared,
                        t(
                            lang,
                            "在工作区之外（M009）；请把它复制到申请的 materials/ 下",
                            "lies outside the workspace (M009); copy it under the application's materials/"
                        )
                    ));
                    continue;
                }
                seen.insert(f.bag_path.clone(), s);
            }
            Err((kind, msg)) if kind == io::ErrorKind::NotFound && req.skip_missing => {
                states.insert(f.bag_path.clone(), FileState::Missing(msg));
            }
            Err((_, msg)) => problems.push(msg),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Input(format!(
            "{}\n{}",
            problems.join("\n"),
            t(lang, "未写入任何文件。", "Nothing was written.")
        )));
    }
    // 2. The temporary file beside the destination (checked by the caller's output guard).
    let dir = match req.dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (temp_path, file) = crate::util::files::tempfile_in(&dir).map_err(|e| {
        Error::Input(format!(
            "{}: {} ({e})",
            dir.display(),
            t(
                lang,
                "无法在目标目录中创建文件（只读或无权限？）；请用 -o 指定可写的位置",
                "cannot create a file in the destination directory (read-only or no permission?); pass a writable location with -o"
            )
        ))
    })?;
    let guard = TempGuard(Some(temp_path.clone()));
    let dest = req.dest;
    let werr = |e: io::Error| write_err(dest, lang, e);
    let reader = File::open(&temp_path).map_err(werr)?;
    let mut out = Output(Some(ZipWriter::new(HashingWriter::new(file, reader))));

    // Directories first, sorted.
    let root = format!("{bag_name}/");
    let mut dirs: Vec<String> = vec![root.clone(), format!("{root}data/")];
    for f in req
        .layout
        .files
        .iter()
        .filter(|f| seen.contains_key(&f.bag_path))
    {
        if let Some((d, _)) = f.bag_path.rsplit_once('/') {
            dirs.push(format!("{root}{d}/"));
        }
    }
    if !req.generated.is_empty() || !late_names.is_empty() {
        dirs.push(format!("{root}{}/", bag::GENERATED_DIR));
    }
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        out.zip()
            .map_err(werr)?
            .add_directory(d.as_str(), dir_options(req.time))
            .map_err(|e| werr(io_err(e)))?;
    }

    // 3. Materials, each read once: read and hashed on one thread, written on this one.
    let todo: Vec<Todo<'_>> = req
        .layout
        .files
        .iter()
        .filter_map(|f| {
            seen.get(&f.bag_path).map(|s| Todo {
                file: f,
                seen: s,
                name: format!("{root}{}", f.bag_path),
            })
        })
        .collect();
    let mut digests: Vec<(usize, u64, [u8; 32])> = Vec::with_capacity(todo.len());
    std::thread::scope(|scope| -> Result<()> {
        // Two pieces queued: enough to keep both sides busy, and a bound on the compressed entries
        // held in memory (each up to `IN_MEMORY`, outside the buffer pool).
        let (tx, rx) = sync_channel::<Result<Piece>>(2);
        let todo = &todo;
        let time = req.time;
        let reading = scope.spawn(move || {
            let pool = BufferPool::new(BUFFERS);
            read_materials(todo, time, &pool, &tx, lang);
        });
        let written = write_materials(&mut out, todo, req.time, rx, &mut digests, progress)
            .map_err(|e| match e {
                Failed::Input(e) => e,
                Failed::Write(e) => werr(e),
            });
        reading
            .join()
            .map_err(|_| Error::Storage("the thread reading the materials panicked".into()))?;
        written
    })?;
    let mut manifest: Vec<(String, String)> = Vec::new();
    let mut oxum_bytes = 0u64;
    let mut oxum_count = 0u64;
    for (at, size, d) in digests {
        let path = todo[at].file.bag_path.clone();
        let hex = hex(&d);
        manifest.push((path.clone(), hex.clone()));
        states.insert(path, FileState::Present { size, sha256: hex });
        oxum_bytes += size;
        oxum_count += 1;
    }

    // 4. The checklist and the generated documents (small, in memory).
    let late = late(&states)?;
    let mut late_got: Vec<&str> = late.generated.iter().map(|g| g.name.as_str()).collect();
    let mut late_want = late_names.to_vec();
    late_got.sort_unstable();
    late_want.sort_unstable();
    if late_got != late_want {
        return Err(Error::Storage(format!(
            "the files generated after the materials are {late_got:?}, not {late_want:?}"
        )));
    }
    let mut small: Vec<(String, Vec<u8>)> = vec![(bag::CHECKLIST.to_string(), late.checklist)];
    let mut generated: Vec<&Generated> = req.generated.iter().chain(&late.generated).collect();
    generated.sort_by(|a, b| a.name.cmp(&b.name));
    for g in generated {
        small.push((
            format!("{}/{}", bag::GENERATED_DIR, g.name),
            g.bytes.clone(),
        ));
    }
    for (path, bytes) in &small {
        out.add_bytes(
            &format!("{root}{path}"),
            method_for(path, bytes),
            req.time,
            bytes,
        )
        .map_err(werr)?;
        manifest.push((path.clone(), hasher::sha256_hex(bytes)));
        oxum_bytes += bytes.len() as u64;
        oxum_count += 1;
        progress(bytes.len() as u64);
    }

    // 5. Tag files.
    let payload_oxum = format!("{oxum_bytes}.{oxum_count}");
    let mut info = late.bag_info.unwrap_or_else(|| req.bag_info.clone());
    let at = info
        .iter()
        .position(|(k, _)| k == "Bagging-Date")
        .map(|i| i + 1)
        .unwrap_or(info.len());
    info.insert(at, ("Payload-Oxum".to_string(), payload_oxum.clone()));
    let manifest_txt = bag::manifest_txt(&manifest);
    let tags: Vec<(&str, String)> = vec![
        ("bag-info.txt", bag::bag_info_txt(&info)),
        ("bagit.txt", bag::bagit_txt()),
        ("manifest-sha256.txt", manifest_txt.clone()),
    ];
    let mut tag_lines = Vec::new();
    for (name, text) in &tags {
        out.add_bytes(
            &format!("{root}{name}"),
            Method::Deflated,
            req.time,
            text.as_bytes(),
        )
        .map_err(werr)?;
        tag_lines.push((name.to_string(), hasher::sha256_hex(text.as_bytes())));
    }
    let tagmanifest = bag::manifest_txt(&tag_lines);
    out.add_bytes(
        &format!("{root}tagmanifest-sha256.txt"),
        Method::Deflated,
        req.time,
        tagmanifest.as_bytes(),
    )
    .map_err(werr)?;

    // 6. The central directory; the package's SHA-256 was computed while it was written.
    // Not fsynced: on this class of disk an fsync of a large package costs more than building it,
    // and the package is reproducible (a rebuild gives the same bytes; `verify` and the receipt's
    // SHA-256 tell whether the file on disk is the one recorded). The rename below is atomic.
    let hashed = out.finish().map_err(werr)?;
    let mut guard = guard;
    let temp = guard.0.take();
    Ok(PendingPackage {
        temp,
        dest: dest.to_path_buf(),
        size: hashed.size,
        sha256: hex(&hashed.sha256),
        manifest_sha256: hasher::sha256_hex(manifest_txt.as_bytes()),
        payload_oxum,
        read_back: hashed.read_back,
    })
}

/// Why writing the materials stopped.
enum Failed {
    /// A material could not be read or changed (from the reading thread).
    Input(Error),
    Write(io::Error),
}

impl From<io::Error> for Failed {
    fn from(e: io::Error) -> Self {
        Failed::Write(e)
    }
}

impl From<zip::result::ZipError> for Failed {
    fn from(e: zip::result::ZipError) -> Self {
        Failed::Write(io_err(e))
    }
}

/// The writing side: entries in the order the reading thread sends them.
fn write_materials(
    out: &mut Output,
    todo: &[Todo<'_>],
    time: DosTime,
    rx: Receiver<Result<Piece>>,
    digests: &mut Vec<(usize, u64, [u8; 32])>,
    progress: &dyn Fn(u64),
) -> std::result::Result<(), Failed> {
    for piece in rx {
        match piece.map_err(Failed::Input)? {
            Piece::Stored {
                at,
                crc,
                size,
                chunks,
            } => {
                // At most IN_MEMORY bytes: the sizes fit the local header's 32-bit fields.
                out.writer()?
                    .expect_local_patch(crc, size as u32, size as u32);
                let zip = out.zip()?;
                zip.start_file(
                    todo[at].name.as_str(),
                    file_options(time, Method::Stored, size),
                )?;
                // The buffers go straight to the output (no copy) and the zip writer is told the
                // data's length and CRC, computed while reading, instead of computing it again.
                // SAFETY: the zip crate's contract for both calls (archive consistency, not
                // memory safety): exactly `size` bytes, whose CRC-32 is `crc`, are appended at the
                // writer's position as this Stored entry's data, and nothing else is written.
                let w = unsafe { zip.get_mut() }
                    .ok_or_else(|| io::Error::other("the package writer is closed"))?;
                let mut sha = sha256::Sha256::new();
                for c in chunks {
                    let n = c.bytes().len() as u64;
                    w.write_chunk(c, &mut sha)?;
                    progress(n);
                }
                unsafe { zip.set_file_metadata(size, crc) }?;
                digests.push((at, size, sha.finalize()));
            }
            Piece::Deflated {
                at,
                size,
                entry,
                sha256,
            } => {
                // Written with its header complete.
                out.zip()?.add_prepared_file(entry)?;
                progress(size);
                digests.push((at, size, sha256));
            }
            Piece::Start { at, method, size } => {
                out.writer()?.hold();
                out.zip()?
                    .start_file(todo[at].name.as_str(), file_options(time, method, size))?;
            }
            Piece::Data(c) => {
                out.zip()?.write_all(c.bytes())?;
                progress(c.bytes().len() as u64);
            }
            Piece::End { at, size, sha256 } => digests.push((at, size, sha256)),
        }
    }
    if digests.len() != todo.len() {
        return Err(Failed::Write(io::Error::other(
            "the thread reading the materials stopped",
        )));
    }
    Ok(())
}

/// The reading side: every material once, in order; stops at the first failure (sent on) or
/// when the writing side has stopped.
fn read_materials(
    todo: &[Todo<'_>],
    time: DosTime,
    pool: &BufferPool,
    tx: &SyncSender<Result<Piece>>,
    lang: Lang,
) {
    for (at, m) in todo.iter().enumerate() {
        match read_material(at, m, time, pool, tx, lang) {
            Ok(true) => {}
            Ok(false) => return,
            Err(e) => {
                let _ = tx.send(Err(e));
                return;
            }
        }
    }
}

/// Read one material and send it on; `Ok(false)` when the writing side has stopped.
fn read_material(
    at: usize,
    m: &Todo<'_>,
    time: DosTime,
    pool: &BufferPool,
    tx: &SyncSender<Result<Piece>>,
    lang: Lang,
) -> Result<bool> {
    let (f, s) = (m.file, m.seen);
    let read_err = |e: io::Error| {
        Error::input_io(
            &f.source,
            io::Error::new(
                e.kind(),
                format!("{e}; {}", t(lang, "未写入任何文件", "nothing was written")),
            ),
        )
    };
    let mut input = File::open(&f.source).map_err(read_err)?;
    let meta = input.metadata().map_err(read_err)?;
    if !meta.is_file() || meta.len() != s.size {
        return Err(changed(f, lang));
    }
    let mut next = pool.read_from(&mut input).map_err(read_err)?;
    let head: &[u8] = next.as_ref().map(|c| c.bytes()).unwrap_or(&[]);
    let method = method_for(&f.bag_path, head);
    let mut sha = Sha256::new();
    let mut total = 0u64;
    // Counts the bytes read; the SHA-256 of a Stored material read whole is left to the writing
    // side, which computes it with the package's.
    let mut take = |c: &Chunk, hash: bool| -> Result<()> {
        total += c.bytes().len() as u64;
        if total > s.size {
            return Err(changed(f, lang));
        }
        if hash {
            sha.update(c.bytes());
        }
        Ok(())
    };
    let piece = if s.size > IN_MEMORY {
        if tx
            .send(Ok(Piece::Start {
                at,
                method,
                size: s.size,
            }))
            .is_err()
        {
            return Ok(false);
        }
        while let Some(c) = next {
            take(&c, true)?;
            if tx.send(Ok(Piece::Data(c))).is_err() {
                return Ok(false);
            }
            next = pool.read_from(&mut input).map_err(read_err)?;
        }
        settled(f, s, total, lang)?;
        Piece::End {
            at,
            size: total,
            sha256: sha.finalize().into(),
        }
    } else if method == Method::Stored {
        let mut crc = crc32fast::Hasher::new();
        let mut chunks = Vec::new();
        while let Some(c) = next {
            take(&c, false)?;
            crc.update(c.bytes());
            chunks.push(c);
            next = pool.read_from(&mut input).map_err(read_err)?;
        }
        settled(f, s, total, lang)?;
        Piece::Stored {
            at,
            crc: crc.finalize(),
            size: total,
            chunks,
        }
    } else {
        // Compressed here, in memory (at most IN_MEMORY bytes in): this thread has the slack.
        let deflate_err = |e: io::Error| Error::Storage(format!("{}: {e}", m.name));
        let mut entry = ZipFileBuilder::new(m.name.as_str(), file_options(time, method, s.size))
            .map_err(|e| deflate_err(io_err(e)))?;
        while let Some(c) = next {
            take(&c, true)?;
            entry.write_all(c.bytes()).map_err(deflate_err)?;
            next = pool.read_from(&mut input).map_err(read_err)?;
        }
        settled(f, s, total, lang)?;
        Piece::Deflated {
            at,
            size: total,
            entry: entry.finish().map_err(|e| deflate_err(io_err(e)))?,
            sha256: sha.finalize().into(),
        }
    };
    Ok(tx.send(Ok(piece)).is_ok())
}

/// The file was read to its end: it must still be the size and age it was before.
fn settled(f: &PlannedFile, s: &Seen, total: u64, lang: Lang) -> Result<()> {
    if total != s.size {
        return Err(changed(f, lang));
    }
    let after = std::fs::metadata(&f.source).map_err(|e| Error::input_io(&f.source, e))?;
    if after.len() != s.size || after.modified().ok() != s.modified {
        return Err(changed(f, lang));
    }
    Ok(())
}

fn changed(f: &PlannedFile, lang: Lang) -> Error {
    Error::Input(format!(
        "{} {:?} ({}) {}",
        t(lang, "材料文件", "material file"),
        f.declared,
        f.source.display(),
        t(
            lang,
            "在打包过程中被修改；未写入任何文件。请等文件不再变化后重新运行 package。",
            "changed while it was being packaged; nothing was written. Run package again once the file is settled."
        )
    ))
}

/// SHA-256 (hex) and size of a material, a regular file not reached through a link (for
/// `render checklist`).
pub fn hash_file(path: &Path) -> io::Result<(u64, String)> {
    if let Err(p) = crate::util::paths::regular_file(path) {
        return Err(match p {
            crate::util::paths::FileProblem::Unreadable(e) => e,
            other => io::Error::new(io::ErrorKind::InvalidInput, other.describe().1),
        });
    }
    let (sha, size) = crate::util::files::sha256_file(path)?;
    Ok((size, hex(&sha)))
}

//! File helpers with no domain words: the SHA-256 of a file, atomic writes (temporary file in
//! the same directory, fsync, rename), uniquely named temporary files, and the removal of
//! temporary files a killed process left behind.

use std::io::Read;
use std::path::{Path, PathBuf};

/// SHA-256 and size of a file, read once in 64 KiB chunks.
pub fn sha256_file(path: &Path) -> std::io::Result<([u8; 32], u64)> {
    use sha2::{Digest, Sha256};
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
        size += n as u64;
    }
    Ok((h.finalize().into(), size))
}

/// What the file system says of a file without reading it: device, inode, size, modification
/// and change times (nanoseconds). Within one run an unchanged stamp is taken for unchanged
/// content (as git's index does).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stamp {
    pub dev: u64,
    pub ino: u64,
    pub size: u64,
    pub mtime_ns: i64,
    pub ctime_ns: i64,
}

impl Stamp {
    /// The stamp of a file's metadata (none where the system has no inode numbers).
    #[cfg(unix)]
    pub fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        Some(Stamp {
            dev: meta.dev(),
            ino: meta.ino(),
            size: meta.size(),
            mtime_ns: meta.mtime() * 1_000_000_000 + meta.mtime_nsec(),
            ctime_ns: meta.ctime() * 1_000_000_000 + meta.ctime_nsec(),
        })
    }

    #[cfg(not(unix))]
    pub fn of(_meta: &std::fs::Metadata) -> Option<Stamp> {
        None
    }
}

/// A memory of digests longer than one run (the workspace store's), asked before a file is read.
pub trait Memo {
    /// The digest of the file with this stamp, when known and trusted.
    fn recall(&self, stamp: &Stamp) -> Option<[u8; 32]>;
    /// Remember the digest of the file with this stamp, just read.
    fn remember(&self, stamp: &Stamp, digest: &[u8; 32]);
}

/// The SHA-256 of files, each file hashed once however many parts of a run ask (by [`Stamp`], so
/// the same file named by two paths is hashed once too).
#[derive(Debug, Default)]
pub struct Digests {
    known: std::collections::HashMap<Stamp, [u8; 32]>,
}

impl Digests {
    /// SHA-256 and size of the file at `path` (following a symbolic link, as reading does).
    pub fn file(&mut self, path: &Path) -> std::io::Result<([u8; 32], u64)> {
        self.file_with(path, None)
    }

    /// [`Digests::file`], asking `memo` before reading the file and telling it what was read.
    pub fn file_with(
        &mut self,
        path: &Path,
        memo: Option<&dyn Memo>,
    ) -> std::io::Result<([u8; 32], u64)> {
        let before = stamp(path);
        if let Some(s) = before
            && let Some(d) = self.recall(&s, memo)
        {
            return Ok((d, s.size));
        }
        let (digest, size) = sha256_file(path)?;
        // Remembered only when the file did not change while it was read.
        let after = stamp(path);
        if let Some(s) = before
            && before == after
            && s.size == size
        {
            self.remember(s, digest, memo);
        }
        Ok((digest, size))
    }

    /// The digest of the file with stamp `s`, when this run or `memo` knows it (nothing read).
    pub fn recall(&mut self, s: &Stamp, memo: Option<&dyn Memo>) -> Option<[u8; 32]> {
        if let Some(d) = self.known.get(s) {
            return Some(*d);
        }
        let d = memo?.recall(s)?;
        self.known.insert(*s, d);
        Some(d)
    }

    /// Remember `digest` as the content of the file with stamp `s`, just read whole by the
    /// caller with the same stamp before and after (so that the file did not change meanwhile).
    pub fn remember(&mut self, s: Stamp, digest: [u8; 32], memo: Option<&dyn Memo>) {
        self.known.insert(s, digest);
        if let Some(m) = memo {
            m.remember(&s, &digest);
        }
    }
}

/// The stamp of the file at `path` (following a symbolic link), when it has one.
pub fn stamp(path: &Path) -> Option<Stamp> {
    std::fs::metadata(path).ok().and_then(|m| Stamp::of(&m))
}

/// Write a file atomically: a temporary file in the same directory, fsync, then rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile_in(dir)?;
    tmp.1.write_all(bytes)?;
    tmp.1.sync_all()?;
    drop(tmp.1);
    std::fs::rename(&tmp.0, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp.0);
    })
}

/// The prefix of every temporary file: `.ccc-exempt-tmp-<pid>-<n>`.
pub const TEMP_PREFIX: &str = ".ccc-exempt-tmp-";

/// Create a new, uniquely named temporary file in `dir` (removed by the caller on failure). The
/// first time a process writes in a directory, it removes what killed processes left there.
pub fn tempfile_in(dir: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    sweep_once(dir);
    for _ in 0..100 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let name = format!("{TEMP_PREFIX}{}-{n}", std::process::id());
        let path = dir.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(f) => return Ok((path, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("could not create a temporary file"))
}

/// Sweep `dir` once per process (later temporary files in it are this process's own).
fn sweep_once(dir: &Path) {
    use std::collections::HashSet;
    use std::sync::Mutex;
    static SWEPT: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);
    let key = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let first = SWEPT
        .lock()
        .map(|mut g| g.get_or_insert_with(HashSet::new).insert(key))
        .unwrap_or(false);
    if first {
        // Best effort: what cannot be removed is named by `leftovers` (and `status`).
        let _ = sweep(dir);
    }
}

/// A temporary file a process left behind.
#[derive(Debug)]
pub struct Leftover {
    pub path: PathBuf,
    pub size: u64,
    /// Why it could not be removed.
    pub error: std::io::Error,
}

/// Remove the temporary files in `dir` whose process is gone (killed during a write). Returns the
/// ones that could not be removed. A file whose process still runs is left alone; where process
/// liveness cannot be told (no /proc), only files older than a day are removed.
pub fn sweep(dir: &Path) -> Vec<Leftover> {
    let mut failed = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return failed;
    };
    let me = std::process::id();
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        let Some(rest) = name.strip_prefix(TEMP_PREFIX) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        let path = e.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if !meta.is_file() || pid == me || !abandoned(pid, &meta) {
            continue;
        }
        if let Err(error) = std::fs::remove_file(&path) {
            failed.push(Leftover {
                path,
                size: meta.len(),
                error,
            });
        }
    }
    failed
}

/// Whether the process that made a temporary file is gone.
fn abandoned(pid: u32, meta: &std::fs::Metadata) -> bool {
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        return !proc.join(pid.to_string()).exists();
    }
    meta.modified()
        .ok()
        .and_then(|m| m.elapsed().ok())
        .is_some_and(|age| age > std::time::Duration::from_secs(24 * 3600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dead_process_s_temporary_files_are_swept_and_a_live_one_s_kept() {
        let d = tempfile::tempdir().unwrap();
        // A pid that cannot be running (above the kernel's maximum), and this process.
        let dead = d.path().join(format!("{TEMP_PREFIX}4294967294-0"));
        let mine = d
            .path()
            .join(format!("{TEMP_PREFIX}{}-99", std::process::id()));
        let other = d.path().join("keep.zip");
        for p in [&dead, &mine, &other] {
            std::fs::write(p, b"x").unwrap();
        }
        let failed = sweep(d.path());
        assert!(failed.is_empty(), "{failed:?}");
        if Path::new("/proc/self").exists() {
            assert!(!dead.exists(), "the dead process's file is removed");
        }
        assert!(mine.exists() && other.exists());
        // Writing in the directory sweeps it too.
        std::fs::write(&dead, b"x").unwrap();
        let sub = d.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let left = sub.join(format!("{TEMP_PREFIX}4294967294-1"));
        std::fs::write(&left, b"x").unwrap();
        write_atomic(&sub.join("a.txt"), b"a").unwrap();
        if Path::new("/proc/self").exists() {
            assert!(!left.exists());
        }
    }
}

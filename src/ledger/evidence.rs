//! The evidence store: files are hashed while they are copied into
//! `.ccc-exempt/evidence/<hex sha256>` (a temporary file first, renamed into place only when the
//! movement is accepted), so a refused movement leaves no counted file behind.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::util::files::tempfile_in;
use crate::util::hex::hex;
use crate::util::paths::{self, FileProblem};

const CHUNK: usize = 64 * 1024;

/// What the ledger records of an evidence file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileInfo {
    pub sha256: [u8; 32],
    pub size: u64,
    /// The file name as given (no directories).
    pub name: String,
}

/// A file hashed and staged (copied to a temporary file in the evidence directory).
#[derive(Debug)]
pub struct Staged {
    pub info: FileInfo,
    /// The temporary copy; `None` when only hashed (dry run) or already installed.
    tmp: Option<PathBuf>,
}

/// Hash a file in 64 KiB chunks.
pub fn hash_file(path: &Path) -> std::io::Result<([u8; 32], u64)> {
    crate::util::files::sha256_file(path)
}

/// The path of a stored evidence file.
pub fn stored_path(dir: &Path, sha256: &[u8; 32]) -> PathBuf {
    dir.join(hex(sha256))
}

/// Where application.toml is kept as approved (or amended), by its hash, beside the evidence
/// store (`.ccc-exempt/approved/`): what `app show --diff` compares with and where the ledger
/// reads the committed disposal (L011). Not evidence: `ledger verify` does not count it.
pub fn approved_dir(evidence_dir: &Path) -> PathBuf {
    evidence_dir.with_file_name("approved")
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}

/// Hash `src` and, unless `dry_run`, copy it to a temporary file in `dir` in the same pass.
/// A missing or unreadable file is an input error (exit 2).
pub fn stage(dir: &Path, src: &Path, dry_run: bool) -> Result<Staged> {
    match paths::regular_file(src) {
        Ok(_) => {}
        Err(FileProblem::Unreadable(e)) => return Err(Error::input_io(src, e)),
        Err(problem) => {
            return Err(Error::Input(format!(
                "{}: {}; evidence must be a regular file (a scan, photo, video or PDF)",
                src.display(),
                problem.describe().1
            )));
        }
    }
    let name = file_name(src);
    if dry_run {
        let (sha256, size) = hash_file(src).map_err(|e| Error::input_io(src, e))?;
        return Ok(Staged {
            info: FileInfo { sha256, size, name },
            tmp: None,
        });
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::storage_io(dir, e))?;
    let mut input = std::fs::File::open(src).map_err(|e| Error::input_io(src, e))?;
    let (tmp_path, mut out) = tempfile_in(dir).map_err(|e| Error::storage_io(dir, e))?;
    let result = (|| -> Result<([u8; 32], u64)> {
        let mut h = Sha256::new();
        let mut buf = vec![0u8; CHUNK];
        let mut size = 0u64;
        loop {
            let n = input.read(&mut buf).map_err(|e| Error::input_io(src, e))?;
            if n == 0 {
                break;
            }
            h.update(&buf[..n]);
            out.write_all(&buf[..n])
                .map_err(|e| Error::storage_io(&tmp_path, e))?;
            size += n as u64;
        }
        out.sync_all()
            .map_err(|e| Error::storage_io(&tmp_path, e))?;
        Ok((h.finalize().into(), size))
    })();
    drop(out);
    let (sha256, size) = match result {
        Ok(v) => v,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp_path);
            return Err(e);
        }
    };
    // Kept even when the store already has this content: whether it is still there is decided
    // under the write lock, in `install`.
    Ok(Staged {
        info: FileInfo { sha256, size, name },
        tmp: Some(tmp_path),
    })
}

impl Staged {
    /// Move the staged copy into place. Returns the stored path when this call created it (so
    /// a failed commit can take it back).
    pub fn install(&mut self, dir: &Path) -> Result<Option<PathBuf>> {
        let Some(tmp) = self.tmp.take() else {
            return Ok(None);
        };
        let dest = stored_path(dir, &self.info.sha256);
        if dest.is_file() {
            let _ = std::fs::remove_file(&tmp);
            return Ok(None);
        }
        std::fs::rename(&tmp, &dest).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::storage_io(&dest, e)
        })?;
        Ok(Some(dest))
    }

    /// The staged temporary copy, until it is installed or discarded.
    pub fn staged_path(&self) -> Option<&Path> {
        self.tmp.as_deref()
    }

    /// Drop the staged copy (a refused or dry-run movement).
    pub fn discard(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        self.discard();
    }
}

/// fsync a directory so renames in it survive a crash (best effort where unsupported).
pub fn sync_dir(dir: &Path) {
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
}

//! The cache of material examinations: `content_cache`, keyed by the file's SHA-256 and the
//! examiner's key. The store keeps text; the examination's shape is the content module's.
//! And the digests of files by their stamps (`file_digests`); when a row may be trusted is the
//! caller's decision.

use rusqlite::{OptionalExtension, params};

use super::SqliteStore;
use crate::error::Result;

impl SqliteStore {
    /// The cached examination of the file with this hash, as JSON.
    pub fn content_cached(&self, sha256: &str, examiner: &str) -> Result<Option<String>> {
        // Asked for every material file of a check: the statement is prepared once.
        Ok(self
            .conn
            .prepare_cached(
                "SELECT examination FROM content_cache WHERE sha256 = ?1 AND examiner = ?2",
            )?
            .query_row(params![sha256, examiner], |r| r.get(0))
            .optional()?)
    }

    /// Remember an examination (JSON); replaces an older one of the same key.
    pub fn cache_content(&self, sha256: &str, examiner: &str, examination: &str) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO content_cache (sha256, examiner, examination) VALUES (?1, ?2, ?3)",
            params![sha256, examiner, examination],
        )?;
        Ok(())
    }
}

/// A row of `file_digests`: a file's stamp (device, inode, size, modification and change times in
/// nanoseconds), its SHA-256 (hex) and when it was hashed (nanoseconds since the epoch).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileDigest {
    pub dev: i64,
    pub ino: i64,
    pub size: i64,
    pub mtime_ns: i64,
    pub ctime_ns: i64,
    pub sha256: String,
    pub recorded_ns: i64,
}

impl SqliteStore {
    /// The digest row of the file with this device and inode.
    pub fn file_digest(&self, dev: i64, ino: i64) -> Result<Option<FileDigest>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT size, mtime_ns, ctime_ns, sha256, recorded_ns FROM file_digests
                 WHERE dev = ?1 AND ino = ?2",
            )?
            .query_row(params![dev, ino], |r| {
                Ok(FileDigest {
                    dev,
                    ino,
                    size: r.get(0)?,
                    mtime_ns: r.get(1)?,
                    ctime_ns: r.get(2)?,
                    sha256: r.get(3)?,
                    recorded_ns: r.get(4)?,
                })
            })
            .optional()?)
    }

    /// Remember a file's digest; replaces the row of the same device and inode.
    pub fn record_file_digest(&self, d: &FileDigest) -> Result<()> {
        self.conn.execute(
            "INSERT OR REPLACE INTO file_digests
             (dev, ino, size, mtime_ns, ctime_ns, sha256, recorded_ns)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                d.dev,
                d.ino,
                d.size,
                d.mtime_ns,
                d.ctime_ns,
                d.sha256,
                d.recorded_ns
            ],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Store;

    #[test]
    fn the_cache_is_keyed_by_hash_and_examiner() {
        let s = Store::empty_in_memory().unwrap();
        assert_eq!(s.content_cached("ab", "content/1").unwrap(), None);
        s.cache_content("ab", "content/1", "{}").unwrap();
        s.cache_content("ab", "content/1", "{\"x\":1}").unwrap();
        assert_eq!(
            s.content_cached("ab", "content/1").unwrap().as_deref(),
            Some("{\"x\":1}")
        );
        assert_eq!(s.content_cached("ab", "content/2").unwrap(), None);
    }

    #[test]
    fn a_file_digest_is_kept_by_device_and_inode() {
        use super::FileDigest;
        let s = Store::empty_in_memory().unwrap();
        assert_eq!(s.file_digest(1, 2).unwrap(), None);
        let mut d = FileDigest {
            dev: 1,
            ino: 2,
            size: 3,
            mtime_ns: 4,
            ctime_ns: 5,
            sha256: "ab".into(),
            recorded_ns: 6,
        };
        s.record_file_digest(&d).unwrap();
        d.sha256 = "cd".into();
        d.recorded_ns = 7;
        s.record_file_digest(&d).unwrap();
        assert_eq!(s.file_digest(1, 2).unwrap(), Some(d));
        assert_eq!(s.file_digest(1, 3).unwrap(), None);
    }
}

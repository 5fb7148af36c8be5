//! The cache of material examinations: `content_cache`, keyed by the file's SHA-256 and the
//! examiner's key. The store keeps text; the examination's shape is the content module's.

use rusqlite::{OptionalExtension, params};

use super::SqliteStore;
use crate::error::Result;

impl SqliteStore {
    /// The cached examination of the file with this hash, as JSON.
    pub fn content_cached(&self, sha256: &str, examiner: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT examination FROM content_cache WHERE sha256 = ?1 AND examiner = ?2",
                params![sha256, examiner],
                |r| r.get(0),
            )
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
}

//! SQLite storage of the workspace: connection settings, migrations, and all SQL.
//!
//! WAL, foreign keys, a busy timeout, synchronous=FULL. Migrations are an append-only list tracked
//! by `PRAGMA user_version`, applied in one transaction; a database newer than this binary is
//! refused. The file is marked with `PRAGMA application_id`. Domain modules never see a
//! connection: they call the functions of this module's files.

pub mod applications;
pub mod ledger;
pub mod receipts;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};

/// "CCCX" as a big-endian integer.
pub const APPLICATION_ID: i32 = 0x4343_4358;

/// The migrations, in order. Never edit one once released: append.
const MIGRATIONS: &[&str] = &[
    include_str!("sql/001_core.sql"),
    include_str!("sql/002_packages.sql"),
    include_str!("sql/003_ledger.sql"),
    include_str!("sql/004_lifecycle.sql"),
];

pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// How long a writer waits for another before giving up (exit 3). `CCC_EXEMPT_BUSY_TIMEOUT_MS`
/// is read by the CLI and passed here through `set_busy_timeout` when set.
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(30);

pub struct Store {
    pub(crate) conn: Connection,
}

impl Store {
    /// Open the database at `path`, creating and migrating it as needed.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::Storage(format!("cannot open {}: {e}", path.display())))?;
        let mut store = Store { conn };
        store.configure(DEFAULT_BUSY_TIMEOUT)?;
        store.migrate(path)?;
        Ok(store)
    }

    fn configure(&mut self, busy: Duration) -> Result<()> {
        self.conn.busy_timeout(busy)?;
        let check = |e: rusqlite::Error| -> Error {
            match &e {
                rusqlite::Error::SqliteFailure(f, _)
                    if matches!(f.code, rusqlite::ErrorCode::NotADatabase) =>
                {
                    Error::Storage(format!(
                        "the workspace database is not a SQLite database or is corrupt ({e}); restore it from a backup"
                    ))
                }
                _ => Error::from(e),
            }
        };
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(check)?;
        if !mode.eq_ignore_ascii_case("wal") {
            // A network file system or a read-only medium: carry on, but the ledger's guarantees
            // rest on local-disk locking.
            eprintln_storage_warning(&mode);
        }
        self.conn
            .execute_batch("PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;")
            .map_err(check)?;
        Ok(())
    }

    /// For records that can be recomputed (check results): `synchronous=NORMAL`, which in WAL mode
    /// stays consistent but may lose the last commit on power loss, and saves an fsync per write.
    /// The ledger keeps the default FULL.
    pub fn relax_durability(&self) -> Result<()> {
        self.conn.execute_batch("PRAGMA synchronous=NORMAL;")?;
        Ok(())
    }

    pub fn set_busy_timeout(&self, busy: Duration) -> Result<()> {
        self.conn.busy_timeout(busy)?;
        Ok(())
    }

    fn migrate(&mut self, path: &Path) -> Result<()> {
        let app_id: i32 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if app_id != 0 && app_id != APPLICATION_ID {
            return Err(Error::Storage(format!(
                "{} is not a ccc-exempt database (application_id {app_id:#x})",
                path.display()
            )));
        }
        let latest = schema_version();
        if version > latest {
            return Err(Error::Storage(format!(
                "{} has schema version {version}, newer than this ccc-exempt knows ({latest}); upgrade ccc-exempt",
                path.display()
            )));
        }
        if version == latest {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Re-read inside the write lock: another process may have migrated meanwhile.
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql)
                .map_err(|e| Error::Storage(format!("migration {} failed: {e}", i + 1)))?;
        }
        tx.execute_batch(&format!(
            "PRAGMA user_version = {latest}; PRAGMA application_id = {APPLICATION_ID};"
        ))?;
        if version == 0 {
            let id = new_workspace_id();
            tx.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('workspace_id', ?1)",
                [&id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The workspace's random identity (for checkpoints and receipts).
    pub fn workspace_id(&self) -> Result<String> {
        Ok(self.conn.query_row(
            "SELECT value FROM meta WHERE key = 'workspace_id'",
            [],
            |r| r.get(0),
        )?)
    }

    /// A consistent copy of the database through SQLite's online backup API.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        use rusqlite::backup::Backup;
        let mut out = Connection::open(dest)
            .map_err(|e| Error::Storage(format!("cannot create {}: {e}", dest.display())))?;
        {
            let b = Backup::new(&self.conn, &mut out)?;
            b.run_to_completion(256, Duration::from_millis(5), None)?;
        }
        Ok(())
    }
}

fn eprintln_storage_warning(mode: &str) {
    // The core does not print; this is surfaced by the CLI through `Store::journal_warning` when
    // needed. Kept as a no-op hook so the behaviour is documented in one place.
    let _ = mode;
}

fn new_workspace_id() -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(std::process::id().to_le_bytes());
    h.update(format!("{:?}", std::time::SystemTime::now()).as_bytes());
    h.update(format!("{:p}", &h as *const _).as_bytes());
    let d = h.finalize();
    d.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_once_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.db");
        let s = Store::open(&p).unwrap();
        let id = s.workspace_id().unwrap();
        drop(s);
        // Migrating twice is a no-op that keeps the data.
        let s = Store::open(&p).unwrap();
        assert_eq!(s.workspace_id().unwrap(), id);
        let v: i64 = s
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, schema_version());
        let fk: i64 = s
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        let mode: String = s
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn refuses_a_newer_schema_and_foreign_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.db");
        drop(Store::open(&p).unwrap());
        let c = Connection::open(&p).unwrap();
        c.execute_batch("PRAGMA user_version = 999").unwrap();
        drop(c);
        let e = Store::open(&p).err().expect("refused");
        assert_eq!(e.exit_code(), 3);
        assert!(e.to_string().contains("newer"), "{e}");

        let other = dir.path().join("other.db");
        let c = Connection::open(&other).unwrap();
        c.execute_batch("PRAGMA application_id = 42; CREATE TABLE t(x);")
            .unwrap();
        drop(c);
        assert_eq!(Store::open(&other).err().unwrap().exit_code(), 3);

        let junk = dir.path().join("junk.db");
        std::fs::write(
            &junk,
            b"this is not a database, it is plain text long enough to matter",
        )
        .unwrap();
        let e = Store::open(&junk).err().expect("refused");
        assert_eq!(e.exit_code(), 3, "{e}");
    }

    #[test]
    fn status_moves_with_checks_and_decisions() {
        use crate::Lang;
        use crate::model::status::{FileHash, Operation, Status, Step};
        use crate::store::applications::CheckRecord;
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("w.db")).unwrap();
        let rec = |errors, sha: u8| CheckRecord {
            checked_at: "2026-11-27T09:00:00+08:00".into(),
            file_sha256: "00".into(),
            errors,
            warnings: 0,
            infos: 0,
            total_quantity: 3,
            codes: vec![],
            files: vec![
                FileHash {
                    path: "application.toml".into(),
                    sha256: [sha; 32],
                },
                FileHash {
                    path: "materials/a.pdf".into(),
                    sha256: [9; 32],
                },
            ],
        };
        let status = |s: &Store| s.application("a").unwrap().unwrap().status;
        let step = s
            .record_check("a", Some("research"), "t1", &rec(2, 1))
            .unwrap();
        assert_eq!(step, Step::Stay(Status::Draft));
        assert_eq!(status(&s), Status::Draft);
        s.record_check("a", Some("research"), "t2", &rec(0, 2))
            .unwrap();
        assert_eq!(status(&s), Status::Checked);
        s.record_check("a", Some("research"), "t3", &rec(1, 3))
            .unwrap();
        assert_eq!(status(&s), Status::Draft);
        s.transition("a", Operation::Submit, "t4", None, Lang::En)
            .unwrap();
        let e = s
            .transition("a", Operation::Submit, "t5", None, Lang::En)
            .unwrap_err();
        assert_eq!(e.exit_code(), 1);
        assert!(e.to_string().starts_with("S001"), "{e}");
        assert_eq!(status(&s), Status::Submitted);
        let events = s.status_events("a").unwrap();
        assert_eq!(events.len(), 3);
        assert_eq!(events[2].from_status, Some(Status::Draft));
        assert_eq!(events[2].to_status, Status::Submitted);
        // The last check keeps the files it saw; the older checks' files are not kept.
        let last = s.last_check("a").unwrap().unwrap();
        assert_eq!(last.errors, 1);
        assert_eq!(last.files, rec(1, 3).files);
        let rows: i64 = s
            .conn
            .query_row("SELECT count(*) FROM check_files", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 2);
    }

    /// The CHECK constraint of `applications.status`, as a freshly migrated database holds it,
    /// names exactly the statuses of the lifecycle.
    #[test]
    fn the_status_constraint_is_the_lifecycle() {
        use crate::model::status::Status;
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("w.db")).unwrap();
        let sql: String = s
            .conn
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'applications'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let start = sql.find("status IN (").expect("the CHECK of status") + "status IN (".len();
        let end = start + sql[start..].find(')').unwrap();
        let mut names: Vec<&str> = sql[start..end]
            .split(',')
            .map(|n| n.trim().trim_matches('\''))
            .collect();
        names.sort();
        let mut want: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
        want.sort();
        assert_eq!(names, want);
        // And the database refuses any other name.
        let e = s.conn.execute(
            "INSERT INTO applications(id, status, created_at, updated_at) VALUES ('x', 'archived', 't', 't')",
            [],
        );
        assert!(e.is_err());
    }

    #[test]
    fn an_unknown_stored_status_is_a_storage_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.db");
        let s = Store::open(&p).unwrap();
        s.ensure_application("a", None, "t").unwrap();
        // Written by something that ignored the constraint.
        s.conn
            .execute_batch(
                "PRAGMA ignore_check_constraints = ON;
                 UPDATE applications SET status = 'archived' WHERE id = 'a';",
            )
            .unwrap();
        for e in [
            s.applications().map(|_| ()).unwrap_err(),
            s.ensure_application("a", None, "t")
                .map(|_| ())
                .unwrap_err(),
        ] {
            assert_eq!(e.exit_code(), 3, "{e}");
            assert!(e.to_string().contains("\"archived\""), "{e}");
        }
    }

    /// A database of the previous schema keeps its checks; they have no file hashes, which the
    /// approval guard reports as "check again" (not as a change).
    #[test]
    fn migrating_a_version_3_database_keeps_its_checks() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.db");
        {
            let mut c = Connection::open(&p).unwrap();
            let tx = c.transaction().unwrap();
            for sql in &MIGRATIONS[..3] {
                tx.execute_batch(sql).unwrap();
            }
            tx.execute_batch(&format!(
                "PRAGMA user_version = 3; PRAGMA application_id = {APPLICATION_ID};
                 INSERT INTO meta VALUES ('workspace_id', 'w');
                 INSERT INTO applications VALUES ('a', 'research', 'checked', 't', 't');
                 INSERT INTO checks(application_id, checked_at, file_sha256, errors, warnings, infos, total_quantity, codes)
                   VALUES ('a', '2026-01-01T00:00:00+08:00', 'ab', 0, 0, 0, 1, '');"
            ))
            .unwrap();
            tx.commit().unwrap();
        }
        let s = Store::open(&p).unwrap();
        let c = s.last_check("a").unwrap().unwrap();
        assert!(c.files.is_empty());
        assert!(c.as_last_check().files.is_none());
        assert_eq!(s.status_events("a").unwrap().len(), 0);
    }
}

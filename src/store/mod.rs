//! SQLite storage of the workspace: connection settings, migrations, and all SQL.
//!
//! WAL, foreign keys, a busy timeout, synchronous=FULL. Migrations are an append-only list tracked
//! by `PRAGMA user_version`, applied in one transaction; a database newer than this binary is
//! refused. The file is marked with `PRAGMA application_id`. Domain modules never see a
//! connection: they call the functions of this module's files.

pub mod applications;
mod backend;
pub mod content;
pub mod ledger;
pub mod pg;
pub mod receipts;

pub use backend::{LedgerTx, Store, StoreInfo, pg_dump_command};

use std::collections::BTreeMap;
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
    include_str!("sql/005_balance_digest.sql"),
    include_str!("sql/006_revisions.sql"),
    include_str!("sql/007_content_cache.sql"),
    include_str!("sql/008_file_digests.sql"),
];

pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// How long a writer waits for another before giving up (exit 3).
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(30);

pub struct SqliteStore {
    pub(crate) conn: Connection,
}

impl SqliteStore {
    /// Open the database at `path`, creating and migrating it as needed.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::Storage(format!("cannot open {}: {e}", path.display())))?;
        let mut store = SqliteStore { conn };
        store.configure(DEFAULT_BUSY_TIMEOUT)?;
        store.migrate(path)?;
        Ok(store)
    }

    /// Open an existing database for a command that only reads: never created, never migrated.
    /// A database of another schema version is refused (exit 3) saying what to do.
    pub fn open_existing(path: &Path) -> Result<SqliteStore> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::Storage(format!("cannot open {}: {e}", path.display())))?;
        let mut store = SqliteStore { conn };
        store.configure(DEFAULT_BUSY_TIMEOUT)?;
        let version = store.check_identity(path)?;
        let latest = schema_version();
        if version < latest {
            return Err(Error::Storage(format!(
                "{} has schema version {version}; this ccc-exempt uses {latest}. A command that only reads does not upgrade it: run one that writes (such as `ccc-exempt check`) first",
                path.display()
            )));
        }
        Ok(store)
    }

    /// An empty database in memory, as a new workspace's would be: what a command that only
    /// reads sees in a workspace that never had a database (nothing is created on disk).
    pub fn empty_in_memory() -> Result<SqliteStore> {
        let conn = Connection::open_in_memory()?;
        let mut store = SqliteStore { conn };
        store.migrate(Path::new(":memory:"))?;
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
        // On a network file system or a read-only medium SQLite answers another journal mode and
        // keeps its rollback journal: the transactions still hold, so carry on (the ledger's
        // guarantees rest on local-disk locking, which is why a department uses a server).
        let _mode: String = self
            .conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .map_err(check)?;
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

    /// The schema version of a ccc-exempt database; another application's database or a newer
    /// schema is refused.
    fn check_identity(&self, path: &Path) -> Result<i64> {
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
        Ok(version)
    }

    fn migrate(&mut self, path: &Path) -> Result<()> {
        let version = self.check_identity(path)?;
        let latest = schema_version();
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
            // SQLite's own random source: the core reads no clock for an identity.
            tx.execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('workspace_id', lower(hex(randomblob(8))))",
                [],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The connection (for `store migrate`, which copies every table).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The database file.
    pub fn location(&self) -> String {
        self.conn.path().unwrap_or(":memory:").to_string()
    }

    /// The schema version recorded in the database.
    pub fn stored_schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// The workspace's random identity (for checkpoints and receipts).
    pub fn workspace_id(&self) -> Result<String> {
        Ok(self.conn.query_row(
            "SELECT value FROM meta WHERE key = 'workspace_id'",
            [],
            |r| r.get(0),
        )?)
    }
}

/// A schema object that is not as the migrations made it (`ledger verify` names each).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaDrift {
    /// `table`, `index`, `trigger` or `view`; on PostgreSQL also `constraint` and `function`.
    pub kind: String,
    pub name: String,
    pub what: DriftKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DriftKind {
    Missing,
    Altered,
    Extra,
}

/// What differs between the schema the migrations make (`want`) and the one in the database
/// (`have`), both keyed by (kind, name): missing, altered and extra objects.
pub(crate) fn compare_schemas(
    want: &BTreeMap<(String, String), String>,
    have: &BTreeMap<(String, String), String>,
) -> Vec<SchemaDrift> {
    let mut out = Vec::new();
    for ((kind, name), sql) in want {
        let what = match have.get(&(kind.clone(), name.clone())) {
            None => DriftKind::Missing,
            Some(h) if h != sql => DriftKind::Altered,
            Some(_) => continue,
        };
        out.push(SchemaDrift {
            kind: kind.clone(),
            name: name.clone(),
            what,
        });
    }
    for (kind, name) in have.keys() {
        if !want.contains_key(&(kind.clone(), name.clone())) {
            out.push(SchemaDrift {
                kind: kind.clone(),
                name: name.clone(),
                what: DriftKind::Extra,
            });
        }
    }
    out
}

/// The schema objects of a connection: (type, name) → SQL with whitespace collapsed. SQLite's
/// own objects and automatic indexes (no SQL) are left out.
fn schema_objects(conn: &Connection) -> Result<BTreeMap<(String, String), String>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                (r.get::<_, String>(0)?, r.get::<_, String>(1)?),
                r.get::<_, String>(2)?
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            ))
        })?
        .collect::<rusqlite::Result<BTreeMap<_, _>>>()?;
    Ok(rows)
}

impl SqliteStore {
    /// Compare the database's tables, indexes and triggers (the append-only ones above all) with
    /// what the migrations make on an empty database.
    pub fn schema_drift(&self) -> Result<Vec<SchemaDrift>> {
        let fresh = Connection::open_in_memory()?;
        for sql in MIGRATIONS {
            fresh.execute_batch(sql)?;
        }
        let want = schema_objects(&fresh)?;
        let have = schema_objects(&self.conn)?;
        Ok(compare_schemas(&want, &have))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_drift_names_a_dropped_an_altered_and_an_extra_trigger() {
        let dir = tempfile::tempdir().unwrap();
        let s = SqliteStore::open(&dir.path().join("w.db")).unwrap();
        assert_eq!(s.schema_drift().unwrap(), vec![]);
        s.conn
            .execute_batch(
                "DROP TRIGGER ledger_entries_no_update;
                 DROP TRIGGER ledger_entries_no_delete;
                 CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries WHEN 0 BEGIN SELECT 1; END;
                 CREATE TRIGGER sneaky AFTER INSERT ON ledger_entries BEGIN SELECT 1; END;",
            )
            .unwrap();
        let d = s.schema_drift().unwrap();
        let seen: Vec<(&str, DriftKind)> = d.iter().map(|d| (d.name.as_str(), d.what)).collect();
        assert!(
            seen.contains(&("ledger_entries_no_update", DriftKind::Missing)),
            "{d:?}"
        );
        assert!(
            seen.contains(&("ledger_entries_no_delete", DriftKind::Altered)),
            "{d:?}"
        );
        assert!(seen.contains(&("sneaky", DriftKind::Extra)), "{d:?}");
        assert_eq!(d.len(), 3, "{d:?}");
    }

    #[test]
    fn migrates_once_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.db");
        let s = SqliteStore::open(&p).unwrap();
        let id = s.workspace_id().unwrap();
        drop(s);
        // Migrating twice is a no-op that keeps the data.
        let s = SqliteStore::open(&p).unwrap();
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
        drop(SqliteStore::open(&p).unwrap());
        let c = Connection::open(&p).unwrap();
        c.execute_batch("PRAGMA user_version = 999").unwrap();
        drop(c);
        let e = SqliteStore::open(&p).err().expect("refused");
        assert_eq!(e.exit_code(), 3);
        assert!(e.to_string().contains("newer"), "{e}");

        let other = dir.path().join("other.db");
        let c = Connection::open(&other).unwrap();
        c.execute_batch("PRAGMA application_id = 42; CREATE TABLE t(x);")
            .unwrap();
        drop(c);
        assert_eq!(SqliteStore::open(&other).err().unwrap().exit_code(), 3);

        let junk = dir.path().join("junk.db");
        std::fs::write(
            &junk,
            b"this is not a database, it is plain text long enough to matter",
        )
        .unwrap();
        let e = SqliteStore::open(&junk).err().expect("refused");
        assert_eq!(e.exit_code(), 3, "{e}");
    }

    #[test]
    fn status_moves_with_checks_and_decisions() {
        use crate::Lang;
        use crate::model::status::{FileHash, Operation, Status, Step};
        use crate::store::applications::CheckRecord;
        let dir = tempfile::tempdir().unwrap();
        let mut s = SqliteStore::open(&dir.path().join("w.db")).unwrap();
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
        let status = |s: &SqliteStore| s.application("a").unwrap().unwrap().status;
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
        let s = SqliteStore::open(&dir.path().join("w.db")).unwrap();
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
        let s = SqliteStore::open(&p).unwrap();
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
        let s = SqliteStore::open(&p).unwrap();
        let c = s.last_check("a").unwrap().unwrap();
        assert!(c.files.is_empty());
        assert!(c.as_last_check().files.is_none());
        assert_eq!(s.status_events("a").unwrap().len(), 0);
    }

    /// A database of schema 4 keeps its balance rows, unsealed (NULL `seal_seq` and `digest`,
    /// which a write session recomputes and seals).
    #[test]
    fn migrating_a_version_4_database_keeps_its_balances_unsealed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("w.db");
        {
            let mut c = Connection::open(&p).unwrap();
            let tx = c.transaction().unwrap();
            for sql in &MIGRATIONS[..4] {
                tx.execute_batch(sql).unwrap();
            }
            tx.execute_batch(&format!(
                "PRAGMA user_version = 4; PRAGMA application_id = {APPLICATION_ID};
                 INSERT INTO meta VALUES ('workspace_id', 'w');
                 INSERT INTO applications VALUES ('a', 'research', 'approved', 't', 't');
                 INSERT INTO certificates VALUES ('C-1', 'a', 'research', '2026-01-15', 't', zeroblob(32), NULL, NULL, NULL);
                 INSERT INTO certificate_lines VALUES ('C-1', 1, 'n', 'm', 'u', 5, 5);
                 INSERT INTO ledger_entries(seq, cert_no, line, kind, qty, date, recorded_at, hash)
                   VALUES (1, 'C-1', 0, 'certify', 0, '2026-01-15', 't', zeroblob(32)),
                          (2, 'C-1', 1, 'inbound', 4, '2026-02-01', 't', randomblob(32));
                 INSERT INTO ledger_balances(cert_no, line, received, in_stock, last_date, entries)
                   VALUES ('C-1', 1, 4, 4, '2026-02-01', 1);"
            ))
            .unwrap();
            tx.commit().unwrap();
        }
        let mut s = SqliteStore::open(&p).unwrap();
        assert_eq!(s.schema_drift().unwrap(), vec![]);
        let tx = s.ledger_tx().unwrap();
        let rows = tx.balance_rows(Some("C-1")).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].stored.balance.in_stock, 4);
        assert_eq!((rows[0].seal_seq, rows[0].digest.clone()), (None, None));
        let h = tx.hash_at(2).unwrap();
        assert!(!rows[0].seal_holds(h.as_ref()));
        assert_eq!(tx.line_heads_after("C-1", 0).unwrap().get(&1), Some(&2));
        assert!(tx.line_heads_after("C-1", 2).unwrap().is_empty());
        // Sealed, the row holds for the entry it names.
        let sealed =
            crate::ledger::balance::SealedBalance::new(rows[0].stored.clone(), 2, &h.unwrap());
        tx.put_balance(&sealed).unwrap();
        let rows = tx.balance_rows(Some("C-1")).unwrap();
        assert_eq!(rows[0].seal_seq, Some(2));
        assert!(rows[0].seal_holds(h.as_ref()));
        assert!(!rows[0].seal_holds(tx.hash_at(1).unwrap().as_ref()));
    }
}

//! The store the use cases call: the embedded SQLite store (one machine) or a PostgreSQL
//! server (a department). Both persist the same tables and never decide; every method here
//! hands the call to the backend in use, so a use case reads the same on either.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::SchemaDrift;
use super::SqliteStore;
use super::applications::{AppRecord, CheckRecord, StatusEvent};
use super::content::FileDigest;
use super::ledger::{BackupReport, EntryFilter, SqliteTx, StoredBalance};
use super::pg::{PgStore, PgTarget, PgTx};
use super::receipts::{PackageReceipt, StatusOutcome};
use crate::Lang;
use crate::error::{Error, Result};
use crate::ledger::balance::{CachedBalance, SealedBalance, TimelineItem};
use crate::ledger::entry::{Certificate, Entry};
use crate::ledger::evidence::{Staged, hash_file, stored_path};
use crate::model::status::{Operation, Status, Step};

/// A workspace's store.
pub enum Store {
    Sqlite(SqliteStore),
    Pg(Box<PgStore>),
}

/// One transaction on the store.
pub enum LedgerTx<'a> {
    Sqlite(SqliteTx<'a>),
    Pg(PgTx<'a>),
}

macro_rules! both {
    ($self:expr, $s:ident => $e:expr) => {
        match $self {
            Store::Sqlite($s) => $e,
            Store::Pg($s) => $e,
        }
    };
}

macro_rules! tx {
    ($self:expr, $s:ident => $e:expr) => {
        match $self {
            LedgerTx::Sqlite($s) => $e,
            LedgerTx::Pg($s) => $e,
        }
    };
}

/// The bytes of a blob written by `read` (`None` when there is no such blob).
fn read_blob(
    read: impl FnOnce(&mut dyn std::io::Write) -> Result<bool>,
) -> Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    Ok(read(&mut buf)?.then_some(buf))
}

/// application.toml as approved or amended, by its hash: the blob of the database (PostgreSQL),
/// else the file of `.ccc-exempt/approved/` beside the evidence (SQLite, and copies a
/// workspace kept before its store moved). `None` when neither holds bytes that hash to
/// `sha256`: then `app show --diff` shows no lines and L011 has no committed disposal to read.
fn approved_copy(blob: Option<Vec<u8>>, evidence_dir: &Path, sha256: &[u8; 32]) -> Option<Vec<u8>> {
    let hashes = |b: &Vec<u8>| <sha2::Sha256 as sha2::Digest>::digest(b).as_slice() == sha256;
    blob.filter(hashes).or_else(|| {
        let dir = crate::ledger::evidence::approved_dir(evidence_dir);
        std::fs::read(stored_path(&dir, sha256)).ok().filter(hashes)
    })
}

/// Where a stream of entries is appended: handed each batch in order.
pub type EntrySink<'a> = dyn FnMut(&[Entry]) -> Result<()> + 'a;
/// What hands the batches of a stream of entries to its sink.
pub type EntryFeed<'a> = dyn FnMut(&mut EntrySink<'_>) -> Result<()> + 'a;

/// What `store info` shows.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoreInfo {
    /// `sqlite` or `postgresql`.
    pub kind: &'static str,
    /// The database file, or the connection string without its password.
    pub location: String,
    pub schema_version: i64,
    /// The schema version this ccc-exempt uses.
    pub schema_version_known: i64,
    pub entries: i64,
    #[serde(serialize_with = "ser_hex32")]
    pub head: [u8; 32],
    pub workspace_id: String,
}

fn ser_hex32<S: serde::Serializer>(v: &[u8; 32], s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&crate::util::hex::hex(v))
}

impl Store {
    /// The SQLite database at `path`, created and migrated as needed.
    pub fn open(path: &Path) -> Result<Store> {
        SqliteStore::open(path).map(Store::Sqlite)
    }

    pub fn open_existing(path: &Path) -> Result<Store> {
        SqliteStore::open_existing(path).map(Store::Sqlite)
    }

    pub fn empty_in_memory() -> Result<Store> {
        SqliteStore::empty_in_memory().map(Store::Sqlite)
    }

    /// A PostgreSQL store, its schema created and migrated as needed.
    pub fn open_pg(target: &PgTarget) -> Result<Store> {
        PgStore::open(target).map(|s| Store::Pg(Box::new(s)))
    }

    /// A PostgreSQL store for a command that only reads (an empty database reads as an empty
    /// store; nothing is created).
    pub fn open_pg_existing(target: &PgTarget) -> Result<Store> {
        match PgStore::open_existing(target)? {
            super::pg::Opened::Store(s) => Ok(Store::Pg(s)),
            super::pg::Opened::Empty => Store::empty_in_memory(),
        }
    }

    pub fn is_pg(&self) -> bool {
        matches!(self, Store::Pg(_))
    }

    pub fn relax_durability(&self) -> Result<()> {
        both!(self, s => s.relax_durability())
    }

    pub fn workspace_id(&self) -> Result<String> {
        both!(self, s => s.workspace_id())
    }

    pub fn schema_drift(&self) -> Result<Vec<SchemaDrift>> {
        both!(self, s => s.schema_drift())
    }

    pub fn ensure_application(
        &self,
        id: &str,
        condition: Option<&str>,
        now: &str,
    ) -> Result<Status> {
        both!(self, s => s.ensure_application(id, condition, now))
    }

    pub fn record_check(
        &mut self,
        id: &str,
        condition: Option<&str>,
        now: &str,
        c: &CheckRecord,
    ) -> Result<Step> {
        both!(self, s => s.record_check(id, condition, now, c))
    }

    pub fn transition(
        &mut self,
        id: &str,
        op: Operation,
        now: &str,
        note: Option<&str>,
        lang: Lang,
    ) -> Result<Step> {
        both!(self, s => s.transition(id, op, now, note, lang))
    }

    pub fn applications(&self) -> Result<Vec<AppRecord>> {
        both!(self, s => s.applications())
    }

    pub fn application(&self, id: &str) -> Result<Option<AppRecord>> {
        both!(self, s => s.application(id))
    }

    pub fn last_check(&self, id: &str) -> Result<Option<CheckRecord>> {
        both!(self, s => s.last_check(id))
    }

    pub fn status_events(&self, id: &str) -> Result<Vec<StatusEvent>> {
        both!(self, s => s.status_events(id))
    }

    pub fn record_package(
        &mut self,
        r: &PackageReceipt,
        move_status: bool,
        commit: impl FnOnce() -> Result<()>,
    ) -> Result<StatusOutcome> {
        both!(self, s => s.record_package(r, move_status, commit))
    }

    pub fn packages(&self, application_id: &str) -> Result<Vec<PackageReceipt>> {
        both!(self, s => s.packages(application_id))
    }

    /// Start a ledger write: one transaction holding the store's write lock.
    pub fn ledger_tx(&mut self) -> Result<LedgerTx<'_>> {
        Ok(match self {
            Store::Sqlite(s) => LedgerTx::Sqlite(s.ledger_tx()?),
            Store::Pg(s) => LedgerTx::Pg(s.ledger_tx()?),
        })
    }

    /// A consistent read of the whole ledger.
    pub fn ledger_snapshot(&mut self) -> Result<LedgerTx<'_>> {
        Ok(match self {
            Store::Sqlite(s) => LedgerTx::Sqlite(s.ledger_snapshot()?),
            Store::Pg(s) => LedgerTx::Pg(s.ledger_snapshot()?),
        })
    }

    /// A second connection to the same store (for a reader thread).
    pub fn reopen(&self) -> Result<Store> {
        Ok(match self {
            Store::Sqlite(s) => Store::Sqlite(s.reopen()?),
            Store::Pg(s) => Store::Pg(Box::new(s.reopen()?)),
        })
    }

    pub fn certificates(&self) -> Result<Vec<Certificate>> {
        both!(self, s => s.certificates())
    }

    pub fn certificate(&self, cert_no: &str) -> Result<Option<Certificate>> {
        both!(self, s => s.certificate(cert_no))
    }

    pub fn certificate_of(&self, application_id: &str) -> Result<Option<String>> {
        both!(self, s => s.certificate_of(application_id))
    }

    pub fn deviations(&self) -> Result<Vec<Entry>> {
        both!(self, s => s.deviations())
    }

    /// The cached examination of the material file with this hash (JSON).
    pub fn content_cached(&self, sha256: &str, examiner: &str) -> Result<Option<String>> {
        both!(self, s => s.content_cached(sha256, examiner))
    }

    /// Remember an examination (JSON).
    pub fn cache_content(&self, sha256: &str, examiner: &str, examination: &str) -> Result<()> {
        both!(self, s => s.cache_content(sha256, examiner, examination))
    }

    /// The digest row of the file with this device and inode.
    pub fn file_digest(&self, dev: i64, ino: i64) -> Result<Option<FileDigest>> {
        both!(self, s => s.file_digest(dev, ino))
    }

    /// Remember a file's digest.
    pub fn record_file_digest(&self, d: &FileDigest) -> Result<()> {
        both!(self, s => s.record_file_digest(d))
    }

    pub fn balances(&self, cert_no: Option<&str>) -> Result<Vec<StoredBalance>> {
        both!(self, s => s.balances(cert_no))
    }

    pub fn closures(&self) -> Result<HashMap<String, NaiveDate>> {
        both!(self, s => s.closures())
    }

    pub fn ledger_head(&self) -> Result<(i64, [u8; 32])> {
        both!(self, s => s.ledger_head())
    }

    pub fn entries(&self, f: &EntryFilter) -> Result<Vec<Entry>> {
        both!(self, s => s.entries(f))
    }

    pub fn latest_package_sha256(&self, application_id: &str) -> Result<Option<String>> {
        both!(self, s => s.latest_package_sha256(application_id))
    }

    /// A verified copy of a SQLite store at `dest`. A PostgreSQL store is backed up with the
    /// server's own tool: the error says so and gives the command.
    pub fn backup_verified(&self, dest: &Path) -> Result<BackupReport> {
        match self {
            Store::Sqlite(s) => s.backup_verified(dest),
            Store::Pg(s) => Err(Error::Input(format!(
                "the workspace's store is PostgreSQL ({}): back it up with the server's own tool, e.g. {}",
                s.target().redacted(),
                pg_dump_command(s.target(), dest)
            ))),
        }
    }

    /// The recomputed SHA-256 of the stored evidence file `sha256` (`None` when it is missing):
    /// a file of `evidence_dir` on SQLite, a blob in the database on PostgreSQL.
    pub fn evidence_hash(
        &self,
        evidence_dir: &Path,
        sha256: &[u8; 32],
    ) -> Result<Option<[u8; 32]>> {
        match self {
            Store::Sqlite(_) => Ok(hash_file(&stored_path(evidence_dir, sha256))
                .ok()
                .map(|(h, _)| h)),
            Store::Pg(s) => s.evidence_hash(sha256),
        }
    }

    /// application.toml as approved or amended, kept by its hash: see [`approved_copy`].
    pub fn approved_copy(&self, evidence_dir: &Path, sha256: &[u8; 32]) -> Result<Option<Vec<u8>>> {
        let blob = match self {
            Store::Sqlite(_) => None,
            Store::Pg(s) => read_blob(|out| s.read_evidence(sha256, out))?,
        };
        Ok(approved_copy(blob, evidence_dir, sha256))
    }

    /// After `n` entries were appended at once (an import): on PostgreSQL, from 10,000 on, the
    /// planner's statistics of the ledger are refreshed (`ANALYZE`), without which a query of
    /// the next command may scan the whole table (0.2 s per `ledger add` on 1,000,000 entries
    /// instead of 0.02 s) until autovacuum runs. SQLite needs nothing.
    pub fn appended_many(&self, n: u64) -> Result<()> {
        match self {
            Store::Sqlite(_) => Ok(()),
            Store::Pg(s) if n >= 10_000 => s.analyze_ledger(),
            Store::Pg(_) => Ok(()),
        }
    }

    /// Which store, its schema version, entry count and head.
    pub fn info(&self) -> Result<StoreInfo> {
        let (entries, head) = self.ledger_head()?;
        let (kind, location, schema_version) = match self {
            Store::Sqlite(s) => ("sqlite", s.location(), s.stored_schema_version()?),
            Store::Pg(s) => (
                "postgresql",
                s.target().redacted(),
                s.stored_schema_version()?,
            ),
        };
        Ok(StoreInfo {
            kind,
            location,
            schema_version,
            schema_version_known: super::schema_version(),
            entries,
            head,
            workspace_id: self.workspace_id()?,
        })
    }
}

/// The `pg_dump` command that backs up the database of `target` into `dest` (custom format),
/// without the password (pg_dump asks for it, or reads ~/.pgpass or PGPASSWORD).
pub fn pg_dump_command(target: &PgTarget, dest: &Path) -> String {
    let dest = if dest.as_os_str().is_empty() {
        PathBuf::from("ccc-exempt.dump")
    } else {
        dest.to_path_buf()
    };
    format!(
        "pg_dump --format=custom --file={} '{}'",
        dest.display(),
        target.url_without_password()
    )
}

impl LedgerTx<'_> {
    pub fn commit(self) -> Result<()> {
        tx!(self, t => t.commit())
    }

    pub fn rollback(self) -> Result<()> {
        tx!(self, t => t.rollback())
    }

    pub fn head(&self) -> Result<(i64, [u8; 32])> {
        tx!(self, t => t.head())
    }

    pub fn certificate(&self, cert_no: &str) -> Result<Option<Certificate>> {
        tx!(self, t => t.certificate(cert_no))
    }

    pub fn certificates(&self) -> Result<Vec<Certificate>> {
        tx!(self, t => t.certificates())
    }

    pub fn certificates_as_recorded(&self) -> Result<Vec<Certificate>> {
        tx!(self, t => t.certificates_as_recorded())
    }

    pub fn certificate_of(&self, application_id: &str) -> Result<Option<String>> {
        tx!(self, t => t.certificate_of(application_id))
    }

    pub fn first_movement(
        &self,
        cert_no: &str,
    ) -> Result<Option<(i64, crate::ledger::kind::Kind, NaiveDate)>> {
        tx!(self, t => t.first_movement(cert_no))
    }

    pub fn status_before(&self, id: &str) -> Result<Option<Status>> {
        tx!(self, t => t.status_before(id))
    }

    pub fn latest_package_sha256(&self, application_id: &str) -> Result<Option<String>> {
        tx!(self, t => t.latest_package_sha256(application_id))
    }

    pub fn certificate_exists(&self, cert_no: &str) -> Result<bool> {
        tx!(self, t => t.certificate_exists(cert_no))
    }

    pub fn balances(&self, cert_no: Option<&str>) -> Result<Vec<StoredBalance>> {
        tx!(self, t => t.balances(cert_no))
    }

    pub fn balance_rows(&self, cert_no: Option<&str>) -> Result<Vec<CachedBalance>> {
        tx!(self, t => t.balance_rows(cert_no))
    }

    pub fn line_heads_after(&self, cert_no: &str, after: i64) -> Result<HashMap<i64, i64>> {
        tx!(self, t => t.line_heads_after(cert_no, after))
    }

    pub fn line_has_entries(&self, cert_no: &str, line: i64) -> Result<Option<i64>> {
        tx!(self, t => t.line_has_entries(cert_no, line))
    }

    pub fn closed(&self, cert_no: &str) -> Result<Option<i64>> {
        tx!(self, t => t.closed(cert_no))
    }

    pub fn has_keys(&self) -> Result<bool> {
        tx!(self, t => t.has_keys())
    }

    pub fn entry(&self, seq: i64) -> Result<Option<Entry>> {
        tx!(self, t => t.entry(seq))
    }

    pub fn entry_by_key(&self, key: &str) -> Result<Option<Entry>> {
        tx!(self, t => t.entry_by_key(key))
    }

    pub fn reversal_of(&self, seq: i64) -> Result<Option<i64>> {
        tx!(self, t => t.reversal_of(seq))
    }

    pub fn timeline(&self, cert_no: &str, line: i64) -> Result<Vec<TimelineItem>> {
        tx!(self, t => t.timeline(cert_no, line))
    }

    pub fn timelines(
        &self,
        cert_no: &str,
        line: Option<i64>,
    ) -> Result<HashMap<i64, Vec<TimelineItem>>> {
        tx!(self, t => t.timelines(cert_no, line))
    }

    pub fn insert_entries(&self, entries: &[Entry]) -> Result<()> {
        tx!(self, t => t.insert_entries(entries))
    }

    /// Append the entries of every batch `feed` hands to its sink, in order: on PostgreSQL
    /// with one COPY for all of them (no other statement of this transaction may run until
    /// `feed` returns), on SQLite a batch at a time.
    pub fn append_stream(&self, feed: &mut EntryFeed<'_>) -> Result<()> {
        match self {
            LedgerTx::Sqlite(t) => feed(&mut |entries| t.insert_entries(entries)),
            LedgerTx::Pg(t) => t.copy_entries(feed),
        }
    }

    pub fn put_balance(&self, sealed: &SealedBalance) -> Result<()> {
        tx!(self, t => t.put_balance(sealed))
    }

    pub fn insert_certificate(&self, c: &Certificate) -> Result<()> {
        tx!(self, t => t.insert_certificate(c))
    }

    pub fn ensure_application(
        &self,
        id: &str,
        condition: Option<&str>,
        now: &str,
    ) -> Result<Status> {
        tx!(self, t => t.ensure_application(id, condition, now))
    }

    pub fn last_check(&self, id: &str) -> Result<Option<CheckRecord>> {
        tx!(self, t => t.last_check(id))
    }

    pub fn submitted_on(&self, id: &str) -> Result<Option<NaiveDate>> {
        tx!(self, t => t.submitted_on(id))
    }

    pub fn set_status(&self, id: &str, step: &Step, now: &str, note: Option<&str>) -> Result<()> {
        tx!(self, t => t.set_status(id, step, now, note))
    }

    pub fn for_each_entry(
        &self,
        lo: i64,
        hi: i64,
        f: impl FnMut(std::result::Result<&Entry, (i64, String)>) -> Result<()>,
    ) -> Result<()> {
        tx!(self, t => t.for_each_entry(lo, hi, f))
    }

    /// Another connection to the same store.
    pub fn reopen(&self) -> Result<Store> {
        Ok(match self {
            LedgerTx::Sqlite(t) => Store::Sqlite(t.reopen()?),
            LedgerTx::Pg(t) => Store::Pg(Box::new(t.reopen()?)),
        })
    }

    pub fn max_seq(&self) -> Result<i64> {
        tx!(self, t => t.max_seq())
    }

    pub fn entry_before(&self, seq: i64) -> Result<(i64, [u8; 32])> {
        tx!(self, t => t.entry_before(seq))
    }

    pub fn hash_at(&self, seq: i64) -> Result<Option<[u8; 32]>> {
        tx!(self, t => t.hash_at(seq))
    }

    /// application.toml as approved or amended, kept by its hash: see [`approved_copy`].
    pub fn approved_copy(&self, evidence_dir: &Path, sha256: &[u8; 32]) -> Result<Option<Vec<u8>>> {
        let blob = match self {
            LedgerTx::Sqlite(_) => None,
            LedgerTx::Pg(t) => read_blob(|out| t.read_evidence(sha256, out))?,
        };
        Ok(approved_copy(blob, evidence_dir, sha256))
    }

    /// Keep application.toml as approved or amended (staged in `.ccc-exempt/approved/`): on
    /// PostgreSQL a blob inside this transaction, so every workspace sharing the database reads
    /// it; on SQLite the staged file is put in place after the commit (`install` of the copy).
    pub fn keep_approved(&self, st: &mut Staged) -> Result<()> {
        match self {
            LedgerTx::Sqlite(_) => Ok(()),
            LedgerTx::Pg(t) => t.put_evidence(st),
        }
    }

    /// Put a staged evidence file into the store: renamed into the evidence directory on
    /// SQLite (returns the path, to take back if the transaction does not commit), written as a
    /// blob inside the transaction on PostgreSQL (taken back with it).
    pub fn install_evidence(&self, st: &mut Staged, dir: &Path) -> Result<Option<PathBuf>> {
        match self {
            LedgerTx::Sqlite(_) => st.install(dir),
            LedgerTx::Pg(t) => t.put_evidence(st).map(|()| None),
        }
    }
}

//! PostgreSQL storage of a department's workspace: the same tables as the SQLite store
//! (`pg_sql/NNN_*.sql` mirror `sql/NNN_*.sql` one for one, so both have the same schema
//! version), and evidence files as content-addressed blobs in the database.
//!
//! - **Schema.** `ccc_exempt_schema` holds one row per migration applied; migrations run in one
//!   transaction under an advisory lock (two machines starting at once migrate once). A database
//!   with a newer schema, or one that holds tables of another application, is refused (exit 3).
//! - **Writers.** Every transaction that writes takes the ledger's advisory lock
//!   (`pg_advisory_xact_lock`) first, as SQLite's IMMEDIATE transactions take its write lock: the
//!   entry numbers (head + 1) and the hash chain are serialised by the database, whatever machine
//!   the writers run on. The lock is released by COMMIT or ROLLBACK, and by the server when a
//!   connection drops (a killed import leaves nothing and holds nothing).
//! - **Append-only.** Triggers refuse UPDATE, DELETE and TRUNCATE on the entries, the
//!   certificates and the evidence.
//! - **Connections.** Plain TCP or a Unix socket, without TLS (`sslmode=require` is refused
//!   with a message: this build carries no TLS stack). The connection string is never shown
//!   whole: [`PgTarget::redacted`] drops the password.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use postgres::types::{ToSql, Type};
use postgres::{Client, NoTls, Row, Statement};
use sha2::{Digest, Sha256};

use super::SchemaDrift;
use super::applications::{AppRecord, CheckRecord, ForcedRecord, StatusEvent};
use super::content::FileDigest;
use super::ledger::{EntryFilter, StoredBalance};
use super::receipts::{PackageReceipt, StatusOutcome};
use crate::Lang;
use crate::error::{Error, Result};
use crate::ledger::balance::{Balance, CachedBalance, SealedBalance, TimelineItem};
use crate::ledger::date::{parse_ymd as parse_date, ymd as fmt_date};
use crate::ledger::entry::{CertLine, Certificate, Entry, FrozenFile};
use crate::ledger::evidence::Staged;
use crate::ledger::kind::Kind;
use crate::model::status::{self, FileHash, Operation, Status, Step};

/// The migrations, in order, one for each of the SQLite store's. Never edit one once released.
const MIGRATIONS: &[&str] = &[
    include_str!("pg_sql/001_core.sql"),
    include_str!("pg_sql/002_packages.sql"),
    include_str!("pg_sql/003_ledger.sql"),
    include_str!("pg_sql/004_lifecycle.sql"),
    include_str!("pg_sql/005_balance_digest.sql"),
    include_str!("pg_sql/006_revisions.sql"),
    include_str!("pg_sql/007_content_cache.sql"),
    include_str!("pg_sql/008_file_digests.sql"),
];

/// The schema the migrations make, object by object (`kind<TAB>name<TAB>definition`, as
/// [`schema_objects`] reads it from the catalogue of a freshly migrated database). A test on the
/// PostgreSQL server compares it with a new database, so it is rewritten with the migrations
/// (`CCC_EXEMPT_WRITE_PG_SCHEMA=1` on that test writes it).
pub const EXPECTED_SCHEMA: &str = include_str!("pg_sql/schema.tsv");

/// [`EXPECTED_SCHEMA`] as a map.
pub fn expected_schema() -> BTreeMap<(String, String), String> {
    EXPECTED_SCHEMA
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut it = l.splitn(3, '\t');
            Some((
                (it.next()?.to_string(), it.next()?.to_string()),
                it.next()?.to_string(),
            ))
        })
        .collect()
}

/// The schema objects of the current schema, each with its whole definition as the server
/// prints it: a table with every column (type, NOT NULL, default, identity), each constraint,
/// index and trigger (with whether it is enabled), and each function's source (whitespace
/// collapsed). The schema's own name is left out, so any schema compares.
fn schema_objects(c: &mut Conn) -> Result<BTreeMap<(String, String), String>> {
    let rows = c.query(
        "WITH ns AS (SELECT current_schema()::regnamespace AS oid, current_schema() || '.' AS prefix)
         SELECT 'table', r.relname::text,
                string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                    || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
                    || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
                    || CASE a.attidentity WHEN 'd' THEN ' IDENTITY BY DEFAULT'
                                          WHEN 'a' THEN ' IDENTITY ALWAYS' ELSE '' END,
                    ', ' ORDER BY a.attnum)
         FROM pg_class r JOIN ns ON r.relnamespace = ns.oid
         JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
         LEFT JOIN pg_attrdef d ON d.adrelid = r.oid AND d.adnum = a.attnum
         WHERE r.relkind IN ('r', 'p')
         GROUP BY r.relname
         UNION ALL
         SELECT 'constraint', r.relname || '.' || k.conname,
                replace(pg_get_constraintdef(k.oid), ns.prefix, '')
         FROM pg_constraint k JOIN pg_class r ON r.oid = k.conrelid
         JOIN ns ON r.relnamespace = ns.oid
         UNION ALL
         SELECT 'index', i.relname::text, replace(pg_get_indexdef(i.oid), ns.prefix, '')
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
         JOIN ns ON i.relnamespace = ns.oid
         UNION ALL
         SELECT 'trigger', t.tgname::text,
                replace(pg_get_triggerdef(t.oid), ns.prefix, '')
                || CASE WHEN t.tgenabled = 'D' THEN ' (DISABLED)' ELSE '' END
         FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid
         JOIN ns ON r.relnamespace = ns.oid
         WHERE NOT t.tgisinternal
         UNION ALL
         SELECT 'function', p.proname::text, btrim(regexp_replace(p.prosrc, '\\s+', ' ', 'g'))
         FROM pg_proc p JOIN ns ON p.pronamespace = ns.oid",
        &[],
    )?;
    let mut out = BTreeMap::new();
    for r in &rows {
        let kind: String = get(r, 0)?;
        let name: String = get(r, 1)?;
        let def: String = get(r, 2)?;
        out.insert((kind, name), def.replace(['\t', '\n'], " "));
    }
    Ok(out)
}

pub fn schema_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// The advisory lock every writing transaction holds ("CCCX").
const WRITE_LOCK: i64 = 0x4343_4358;
/// The advisory lock of migrations.
const MIGRATE_LOCK: i64 = 0x4343_4359;
/// Evidence bytes per stored chunk.
const CHUNK: usize = 1 << 20;
/// What `meta.application` holds in a ccc-exempt database.
const APPLICATION: &str = "ccc-exempt";

/// Where a PostgreSQL store is: a connection string (`postgresql://user:password@host:port/db`
/// or `host=… user=… dbname=…`). Never displayed whole.
#[derive(Clone)]
pub struct PgTarget {
    url: String,
    config: postgres::Config,
}

impl std::fmt::Debug for PgTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// Whether a store location names a PostgreSQL server.
pub fn is_pg_url(url: &str) -> bool {
    url.starts_with("postgresql://") || url.starts_with("postgres://")
}

/// `url` with any password replaced by `***` (both URL and `key=value` forms).
pub fn redact(url: &str) -> String {
    let mut out = url.to_string();
    if let Some(scheme_end) = out.find("://") {
        let rest_start = scheme_end + 3;
        let auth_end = out[rest_start..]
            .find(['/', '?'])
            .map_or(out.len(), |i| rest_start + i);
        if let Some(at) = out[rest_start..auth_end].rfind('@') {
            let userinfo = &out[rest_start..rest_start + at];
            if let Some(colon) = userinfo.find(':') {
                let from = rest_start + colon + 1;
                let to = rest_start + at;
                out.replace_range(from..to, "***");
            }
        }
    }
    // `password=…` as a query parameter or a key=value pair.
    let lower = out.to_ascii_lowercase();
    let mut result = String::with_capacity(out.len());
    let mut i = 0;
    while let Some(pos) = lower[i..].find("password=") {
        let start = i + pos + "password=".len();
        let before = if i + pos == 0 {
            None
        } else {
            out[..i + pos].chars().last()
        };
        result.push_str(&out[i..start]);
        if before.is_none_or(|c| matches!(c, '?' | '&' | ' ')) {
            let end = out[start..]
                .find(['&', ' '])
                .map_or(out.len(), |e| start + e);
            result.push_str("***");
            i = end;
        } else {
            i = start;
        }
    }
    result.push_str(&out[i..]);
    result
}

impl PgTarget {
    /// Parse a connection string; `password` (from the environment, read by the CLI) is used
    /// when the string has none.
    pub fn new(url: &str, password: Option<&str>) -> Result<PgTarget> {
        let mut config: postgres::Config = url.parse().map_err(|e| {
            Error::Storage(format!(
                "the store URL {} is not a PostgreSQL connection string ({e})",
                redact(url)
            ))
        })?;
        if config.get_password().is_none()
            && let Some(p) = password
        {
            config.password(p);
        }
        if matches!(config.get_ssl_mode(), postgres::config::SslMode::Require) {
            return Err(Error::Storage(format!(
                "the store URL {} asks for TLS (sslmode=require); this ccc-exempt connects without TLS: reach the server over a local network or an SSH tunnel and drop sslmode=require",
                redact(url)
            )));
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        if config.get_application_name().is_none() {
            config.application_name("ccc-exempt");
        }
        Ok(PgTarget {
            url: url.to_string(),
            config,
        })
    }

    /// The connection string without its password.
    pub fn redacted(&self) -> String {
        redact(&self.url)
    }

    /// A URL naming the same user, hosts, ports and database, without any password (for a
    /// command the person runs: it asks for the password itself).
    pub fn url_without_password(&self) -> String {
        let hosts: Vec<String> = self
            .config
            .get_hosts()
            .iter()
            .zip(
                self.config
                    .get_ports()
                    .iter()
                    .chain(std::iter::repeat(&5432)),
            )
            .map(|(h, p)| match h {
                postgres::config::Host::Tcp(s) => format!("{s}:{p}"),
                postgres::config::Host::Unix(_) => String::new(),
            })
            .collect();
        format!(
            "postgresql://{}{}/{}",
            self.config
                .get_user()
                .map(|u| format!("{u}@"))
                .unwrap_or_default(),
            hosts.join(","),
            self.config.get_dbname().unwrap_or_default()
        )
    }

    /// What a connection attempt tries, for messages: user, hosts, ports, database.
    fn tried(&self) -> String {
        let hosts: Vec<String> = self
            .config
            .get_hosts()
            .iter()
            .map(|h| match h {
                postgres::config::Host::Tcp(s) => s.clone(),
                postgres::config::Host::Unix(p) => p.display().to_string(),
            })
            .collect();
        let ports: Vec<String> = self
            .config
            .get_ports()
            .iter()
            .map(|p| p.to_string())
            .collect();
        format!(
            "user {}, host {}, port {}, database {}, {}",
            self.config.get_user().unwrap_or("(none)"),
            if hosts.is_empty() {
                "(default)".to_string()
            } else {
                hosts.join(",")
            },
            if ports.is_empty() {
                "5432".to_string()
            } else {
                ports.join(",")
            },
            self.config.get_dbname().unwrap_or("(default)"),
            if self.config.get_password().is_some() {
                "with a password"
            } else {
                "without a password"
            }
        )
    }

    fn connect(&self) -> Result<Conn> {
        let client = self.config.connect(NoTls).map_err(|e| {
            Error::Storage(format!(
                "cannot connect to PostgreSQL at {} (tried {}): {}",
                self.redacted(),
                self.tried(),
                describe(&e)
            ))
        })?;
        let mut c = Conn {
            client,
            cache: HashMap::new(),
        };
        // A writer waits for another at most this long (as SQLite's busy timeout), unless the
        // connection string set a lock_timeout of its own.
        c.client
            .batch_execute(
                "SELECT set_config('lock_timeout', '30s', false) WHERE current_setting('lock_timeout') = '0'",
            )
            .map_err(Error::from)?;
        Ok(c)
    }
}

/// A PostgreSQL error as a person reads it (the server's message, its detail and hint).
fn describe(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut s = format!("{}: {}", db.severity(), db.message());
            if let Some(d) = db.detail() {
                s.push_str(&format!(" ({d})"));
            }
            if let Some(h) = db.hint() {
                s.push_str(&format!("; {h}"));
            }
            s
        }
        None => e.to_string(),
    }
}

impl From<postgres::Error> for Error {
    fn from(e: postgres::Error) -> Self {
        use postgres::error::SqlState;
        let what = describe(&e);
        let io = std::error::Error::source(&e).is_some_and(|s| s.is::<std::io::Error>());
        if e.is_closed() || io {
            return Error::Storage(format!(
                "the connection to the PostgreSQL server was lost ({what}); nothing of this command was committed: try again"
            ));
        }
        match e.code() {
            Some(c) if *c == SqlState::QUERY_CANCELED => Error::Storage(format!(
                "the PostgreSQL server cancelled a statement ({what}): the statement timeout was reached; nothing of this command was committed"
            )),
            Some(c) if *c == SqlState::LOCK_NOT_AVAILABLE => Error::Storage(format!(
                "another writer held the ledger past the lock timeout ({what}); try again"
            )),
            Some(c) if *c == SqlState::ADMIN_SHUTDOWN || *c == SqlState::CRASH_SHUTDOWN => {
                Error::Storage(format!(
                    "the PostgreSQL server ended the connection ({what}: it shut down, or an administrator ended the session); nothing of this command was committed"
                ))
            }
            _ => Error::Storage(format!("PostgreSQL error: {what}")),
        }
    }
}

/// A connection with its prepared statements.
struct Conn {
    client: Client,
    cache: HashMap<String, Statement>,
}

impl Conn {
    fn prep(&mut self, sql: &str) -> Result<Statement> {
        if let Some(s) = self.cache.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql)?;
        self.cache.insert(sql.to_string(), s.clone());
        Ok(s)
    }

    fn query(&mut self, sql: &str, p: &[&(dyn ToSql + Sync)]) -> Result<Vec<Row>> {
        let s = self.prep(sql)?;
        Ok(self.client.query(&s, p)?)
    }

    fn opt(&mut self, sql: &str, p: &[&(dyn ToSql + Sync)]) -> Result<Option<Row>> {
        let s = self.prep(sql)?;
        Ok(self.client.query_opt(&s, p)?)
    }

    fn one(&mut self, sql: &str, p: &[&(dyn ToSql + Sync)]) -> Result<Row> {
        let s = self.prep(sql)?;
        Ok(self.client.query_one(&s, p)?)
    }

    fn exec(&mut self, sql: &str, p: &[&(dyn ToSql + Sync)]) -> Result<u64> {
        let s = self.prep(sql)?;
        Ok(self.client.execute(&s, p)?)
    }

    fn batch(&mut self, sql: &str) -> Result<()> {
        self.client.batch_execute(sql)?;
        Ok(())
    }

    /// BEGIN and take the write lock.
    fn begin_write(&mut self) -> Result<()> {
        self.batch("BEGIN")?;
        if let Err(e) = self.exec("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK]) {
            let _ = self.batch("ROLLBACK");
            return Err(e);
        }
        Ok(())
    }
}

fn get<'a, T: postgres::types::FromSql<'a>>(r: &'a Row, i: usize) -> Result<T> {
    r.try_get(i).map_err(|e| {
        Error::Storage(format!(
            "the ledger database holds a malformed value in column {} ({e}); run `ccc-exempt ledger verify`",
            r.columns().get(i).map_or("?", |c| c.name())
        ))
    })
}

fn to32(v: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    if v.len() == 32 {
        out.copy_from_slice(v);
    }
    out
}

/// The store's identity: `None` for an empty database (no tables at all), else its schema
/// version; another application's database or a newer schema is refused.
fn identity(c: &mut Conn, target: &PgTarget) -> Result<Option<i64>> {
    let has: bool = get(
        &c.one("SELECT to_regclass('ccc_exempt_schema') IS NOT NULL", &[])?,
        0,
    )?;
    if !has {
        let rows = c.query(
            "SELECT table_name::text FROM information_schema.tables
             WHERE table_schema = current_schema() ORDER BY table_name LIMIT 5",
            &[],
        )?;
        if rows.is_empty() {
            return Ok(None);
        }
        let names: Vec<String> = rows
            .iter()
            .map(|r| get::<String>(r, 0))
            .collect::<Result<_>>()?;
        return Err(Error::Storage(format!(
            "{} is not a ccc-exempt database: it holds tables of another application ({}…) and no ccc_exempt_schema table; give ccc-exempt a database of its own (createdb)",
            target.redacted(),
            names.join(", ")
        )));
    }
    let version: i64 = get(
        &c.one(
            "SELECT COALESCE(MAX(version), 0)::bigint FROM ccc_exempt_schema",
            &[],
        )?,
        0,
    )?;
    let latest = schema_version();
    if version > latest {
        return Err(Error::Storage(format!(
            "{} has schema version {version}, newer than this ccc-exempt knows ({latest}); upgrade ccc-exempt",
            target.redacted()
        )));
    }
    if version > 0 {
        let app: Option<String> = c
            .opt("SELECT value FROM meta WHERE key = 'application'", &[])?
            .map(|r| get(&r, 0))
            .transpose()?;
        if app.as_deref() != Some(APPLICATION) {
            return Err(Error::Storage(format!(
                "{} is not a ccc-exempt database (meta.application is {app:?})",
                target.redacted()
            )));
        }
    }
    Ok(Some(version))
}

fn migrate(c: &mut Conn, target: &PgTarget) -> Result<()> {
    if identity(c, target)? == Some(schema_version()) {
        return Ok(());
    }
    c.batch("BEGIN")?;
    let run = (|| -> Result<()> {
        c.exec("SELECT pg_advisory_xact_lock($1)", &[&MIGRATE_LOCK])?;
        // Again under the lock: another machine may have migrated meanwhile.
        let version = identity(c, target)?.unwrap_or(0);
        c.batch(
            "CREATE TABLE IF NOT EXISTS ccc_exempt_schema (
                 version    integer PRIMARY KEY,
                 applied_at timestamptz NOT NULL DEFAULT now()
             )",
        )?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            c.client.batch_execute(sql).map_err(|e| {
                Error::Storage(format!(
                    "migration {} of {} failed: {}",
                    i + 1,
                    target.redacted(),
                    describe(&e)
                ))
            })?;
            let v = (i + 1) as i32;
            c.exec("INSERT INTO ccc_exempt_schema(version) VALUES ($1)", &[&v])?;
        }
        if version == 0 {
            c.exec(
                "INSERT INTO meta(key, value) VALUES ('application', $1), ('workspace_id', substr(md5(gen_random_uuid()::text), 1, 16))
                 ON CONFLICT (key) DO NOTHING",
                &[&APPLICATION],
            )?;
        }
        Ok(())
    })();
    match run {
        Ok(()) => c.batch("COMMIT"),
        Err(e) => {
            let _ = c.batch("ROLLBACK");
            Err(e)
        }
    }
}

/// A workspace store on a PostgreSQL server.
pub struct PgStore {
    conn: RefCell<Conn>,
    target: PgTarget,
}

/// What a command that only reads finds at the target.
pub enum Opened {
    Store(Box<PgStore>),
    /// A database without any tables: nothing recorded yet.
    Empty,
}

impl PgStore {
    /// Connect, creating and migrating the schema as needed (a command that writes).
    pub fn open(target: &PgTarget) -> Result<PgStore> {
        let mut conn = target.connect()?;
        migrate(&mut conn, target)?;
        Ok(PgStore {
            conn: RefCell::new(conn),
            target: target.clone(),
        })
    }

    /// Connect for a command that only reads: never migrated.
    pub fn open_existing(target: &PgTarget) -> Result<Opened> {
        let mut conn = target.connect()?;
        match identity(&mut conn, target)? {
            None => Ok(Opened::Empty),
            Some(v) if v < schema_version() => Err(Error::Storage(format!(
                "{} has schema version {v}; this ccc-exempt uses {}. A command that only reads does not upgrade it: run one that writes (such as `ccc-exempt check`) first",
                target.redacted(),
                schema_version()
            ))),
            Some(_) => Ok(Opened::Store(Box::new(PgStore {
                conn: RefCell::new(conn),
                target: target.clone(),
            }))),
        }
    }

    pub fn target(&self) -> &PgTarget {
        &self.target
    }

    fn c(&self) -> std::cell::RefMut<'_, Conn> {
        self.conn.borrow_mut()
    }

    /// The schema version recorded in the database.
    pub fn stored_schema_version(&self) -> Result<i64> {
        get(
            &self.c().one(
                "SELECT COALESCE(MAX(version), 0)::bigint FROM ccc_exempt_schema",
                &[],
            )?,
            0,
        )
    }

    /// Refresh the planner's statistics of the ledger tables: from a sample of 3,000 rows
    /// (statistics target 10), enough for the plans of the ledger's queries (index or not) and
    /// a tenth of the default's work on a large ledger.
    pub fn analyze_ledger(&self) -> Result<()> {
        let mut c = self.c();
        let done = c.batch(
            "BEGIN; SET LOCAL default_statistics_target = 10;
             ANALYZE ledger_entries, ledger_balances; COMMIT",
        );
        if done.is_err() {
            let _ = c.batch("ROLLBACK");
        }
        done
    }

    /// Records that can be recomputed (check results) commit without waiting for the disk.
    pub fn relax_durability(&self) -> Result<()> {
        self.c().batch("SET synchronous_commit = off")
    }

    pub fn workspace_id(&self) -> Result<String> {
        get(
            &self
                .c()
                .one("SELECT value FROM meta WHERE key = 'workspace_id'", &[])?,
            0,
        )
    }

    /// The append-only triggers, their function and the tables, as the migrations made them.
    pub fn schema_drift(&self) -> Result<Vec<SchemaDrift>> {
        let want = expected_schema();
        let have = schema_objects(&mut self.c())?;
        Ok(super::compare_schemas(&want, &have))
    }

    /// The tool's schema objects in this database, as [`expected_schema`] lists them.
    pub fn schema_objects(&self) -> Result<BTreeMap<(String, String), String>> {
        schema_objects(&mut self.c())
    }

    // --- applications -------------------------------------------------------------------

    pub fn ensure_application(
        &self,
        id: &str,
        condition: Option<&str>,
        now: &str,
    ) -> Result<Status> {
        ensure_application_on(&mut self.c(), id, condition, now)
    }

    pub fn record_check(
        &mut self,
        id: &str,
        condition: Option<&str>,
        now: &str,
        rec: &CheckRecord,
    ) -> Result<Step> {
        let mut c = self.c();
        write_tx(&mut c, |c| {
            let status = ensure_application_on(c, id, condition, now)?;
            let codes = rec.codes.join(" ");
            let check_id: i64 = get(
                &c.one(
                    "INSERT INTO checks(application_id, checked_at, file_sha256, errors, warnings, infos, total_quantity, codes)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                    &[
                        &id,
                        &rec.checked_at,
                        &rec.file_sha256,
                        &rec.errors,
                        &rec.warnings,
                        &rec.infos,
                        &rec.total_quantity,
                        &codes,
                    ],
                )?,
                0,
            )?;
            c.exec(
                "DELETE FROM check_files WHERE check_id IN
                     (SELECT id FROM checks WHERE application_id = $1 AND id < $2)",
                &[&id, &check_id],
            )?;
            for f in &rec.files {
                c.exec(
                    "INSERT INTO check_files(check_id, path, sha256) VALUES ($1, $2, $3)
                     ON CONFLICT (check_id, path) DO UPDATE SET sha256 = EXCLUDED.sha256",
                    &[&check_id, &f.path, &&f.sha256[..]],
                )?;
            }
            let op = if rec.errors == 0 {
                Operation::CheckClean
            } else {
                Operation::CheckWithErrors
            };
            let step = status::apply(id, op, status, None, Lang::En)?;
            set_status_on(c, id, &step, now, None)?;
            Ok(step)
        })
    }

    pub fn transition(
        &mut self,
        id: &str,
        op: Operation,
        now: &str,
        note: Option<&str>,
        lang: Lang,
    ) -> Result<Step> {
        let mut c = self.c();
        write_tx(&mut c, |c| {
            let Some(status) = status_on(c, id)? else {
                return Err(Error::Input(format!(
                    "application {id} is not registered in the workspace yet; run `ccc-exempt check {id}` first"
                )));
            };
            let step = status::apply(id, op, status, None, lang)?;
            set_status_on(c, id, &step, now, note)?;
            Ok(step)
        })
    }

    pub fn applications(&self) -> Result<Vec<AppRecord>> {
        let mut c = self.c();
        let rows = c.query(
            "SELECT id, condition, status, created_at, updated_at FROM applications ORDER BY id",
            &[],
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let id: String = get(&r, 0)?;
            let status = Status::from_stored(&get::<String>(&r, 2)?)?;
            let forced = if status.holds_certificate() {
                forced_approval_on(&mut c, &id)?
            } else {
                None
            };
            out.push(AppRecord {
                last_check: last_check_on(&mut c, &id)?,
                condition: get(&r, 1)?,
                status,
                created_at: get(&r, 3)?,
                updated_at: get(&r, 4)?,
                forced,
                id,
            });
        }
        Ok(out)
    }

    pub fn application(&self, id: &str) -> Result<Option<AppRecord>> {
        Ok(self.applications()?.into_iter().find(|a| a.id == id))
    }

    pub fn last_check(&self, id: &str) -> Result<Option<CheckRecord>> {
        last_check_on(&mut self.c(), id)
    }

    pub fn status_events(&self, id: &str) -> Result<Vec<StatusEvent>> {
        let rows = self.c().query(
            "SELECT from_status, to_status, at, note, forced_code, forced_why, forced_reason
             FROM status_events WHERE application_id = $1 ORDER BY id",
            &[&id],
        )?;
        rows.iter()
            .map(|r| {
                let from: Option<String> = get(r, 0)?;
                Ok(StatusEvent {
                    from_status: from.as_deref().map(Status::from_stored).transpose()?,
                    to_status: Status::from_stored(&get::<String>(r, 1)?)?,
                    at: get(r, 2)?,
                    note: get(r, 3)?,
                    forced: forced_columns(r, 4, 2)?,
                })
            })
            .collect()
    }

    // --- receipts -----------------------------------------------------------------------

    pub fn record_package(
        &mut self,
        r: &PackageReceipt,
        move_status: bool,
        commit: impl FnOnce() -> Result<()>,
    ) -> Result<StatusOutcome> {
        let mut c = self.c();
        write_tx(&mut c, |c| {
            let Some(status) = status_on(c, &r.application_id)? else {
                return Err(Error::Input(format!(
                    "application {} is not registered in the workspace; run `ccc-exempt check {}` first",
                    r.application_id, r.application_id
                )));
            };
            let size = r.zip_size as i64;
            let draft = r.draft as i64;
            c.exec(
                "INSERT INTO packages(application_id, created_at, path, zip_sha256, zip_size,
                                      manifest_sha256, payload_oxum, generator, draft, errors)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                &[
                    &r.application_id,
                    &r.created_at,
                    &r.path,
                    &r.zip_sha256,
                    &size,
                    &r.manifest_sha256,
                    &r.payload_oxum,
                    &r.generator,
                    &draft,
                    &r.errors,
                ],
            )?;
            let step = if move_status {
                status::apply(
                    &r.application_id,
                    Operation::Package,
                    status,
                    None,
                    Lang::En,
                )?
            } else {
                Step::Stay(status)
            };
            let note = format!("package sha256 {}", r.zip_sha256);
            set_status_on(c, &r.application_id, &step, &r.created_at, Some(&note))?;
            let outcome = match step {
                Step::Move { from, to, .. } => {
                    StatusOutcome::Moved(from.to_string(), to.to_string())
                }
                Step::Stay(s) => StatusOutcome::Unchanged(s.to_string()),
            };
            // Inside the transaction, just before it commits (the CLI renames the package
            // into place here): if it fails, nothing is recorded.
            commit()?;
            Ok(outcome)
        })
    }

    pub fn packages(&self, application_id: &str) -> Result<Vec<PackageReceipt>> {
        let rows = self.c().query(
            "SELECT application_id, created_at, path, zip_sha256, zip_size, manifest_sha256,
                    payload_oxum, generator, draft, errors
             FROM packages WHERE application_id = $1 ORDER BY id",
            &[&application_id],
        )?;
        rows.iter()
            .map(|r| {
                Ok(PackageReceipt {
                    application_id: get(r, 0)?,
                    created_at: get(r, 1)?,
                    path: get(r, 2)?,
                    zip_sha256: get(r, 3)?,
                    zip_size: get::<i64>(r, 4)? as u64,
                    manifest_sha256: get(r, 5)?,
                    payload_oxum: get(r, 6)?,
                    generator: get(r, 7)?,
                    draft: get::<i64>(r, 8)? != 0,
                    errors: get(r, 9)?,
                })
            })
            .collect()
    }

    // --- ledger -------------------------------------------------------------------------

    /// A ledger write: a transaction holding the write lock.
    pub fn ledger_tx(&mut self) -> Result<PgTx<'_>> {
        self.c().begin_write()?;
        Ok(PgTx {
            conn: &self.conn,
            target: &self.target,
            open: Cell::new(true),
        })
    }

    /// A consistent read of the whole ledger (one REPEATABLE READ transaction).
    pub fn ledger_snapshot(&mut self) -> Result<PgTx<'_>> {
        {
            let mut c = self.c();
            c.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
            c.one("SELECT COUNT(*) FROM certificates", &[])?;
        }
        Ok(PgTx {
            conn: &self.conn,
            target: &self.target,
            open: Cell::new(true),
        })
    }

    pub fn reopen(&self) -> Result<PgStore> {
        PgStore::open(&self.target)
    }

    pub fn certificates(&self) -> Result<Vec<Certificate>> {
        load_certificates(&mut self.c(), None)
    }

    /// A certificate in force, by its registered number or the number an amendment gave it.
    pub fn certificate(&self, cert_no: &str) -> Result<Option<Certificate>> {
        certificate_by_number(&mut self.c(), cert_no)
    }

    /// The cached examination of the material file with this hash, as JSON.
    pub fn content_cached(&self, sha256: &str, examiner: &str) -> Result<Option<String>> {
        self.c()
            .opt(
                "SELECT examination FROM content_cache WHERE sha256 = $1 AND examiner = $2",
                &[&sha256, &examiner],
            )?
            .map(|r| get(&r, 0))
            .transpose()
    }

    /// Remember an examination (JSON); replaces an older one of the same key.
    pub fn cache_content(&self, sha256: &str, examiner: &str, examination: &str) -> Result<()> {
        self.c().exec(
            "INSERT INTO content_cache (sha256, examiner, examination) VALUES ($1, $2, $3)
             ON CONFLICT (sha256, examiner) DO UPDATE SET examination = EXCLUDED.examination",
            &[&sha256, &examiner, &examination],
        )?;
        Ok(())
    }

    /// The digest row of the file with this device and inode.
    pub fn file_digest(&self, dev: i64, ino: i64) -> Result<Option<FileDigest>> {
        self.c()
            .opt(
                "SELECT size, mtime_ns, ctime_ns, sha256, recorded_ns FROM file_digests
                 WHERE dev = $1 AND ino = $2",
                &[&dev, &ino],
            )?
            .map(|r| {
                Ok(FileDigest {
                    dev,
                    ino,
                    size: get(&r, 0)?,
                    mtime_ns: get(&r, 1)?,
                    ctime_ns: get(&r, 2)?,
                    sha256: get(&r, 3)?,
                    recorded_ns: get(&r, 4)?,
                })
            })
            .transpose()
    }

    /// Remember a file's digest; replaces the row of the same device and inode.
    pub fn record_file_digest(&self, d: &FileDigest) -> Result<()> {
        self.c().exec(
            "INSERT INTO file_digests (dev, ino, size, mtime_ns, ctime_ns, sha256, recorded_ns)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (dev, ino) DO UPDATE SET size = EXCLUDED.size,
                 mtime_ns = EXCLUDED.mtime_ns, ctime_ns = EXCLUDED.ctime_ns,
                 sha256 = EXCLUDED.sha256, recorded_ns = EXCLUDED.recorded_ns",
            &[
                &d.dev,
                &d.ino,
                &d.size,
                &d.mtime_ns,
                &d.ctime_ns,
                &d.sha256,
                &d.recorded_ns,
            ],
        )?;
        Ok(())
    }

    /// The final dispositions recorded past the application's commitment (`--deviation`) and
    /// not reversed, in number order.
    pub fn deviations(&self) -> Result<Vec<Entry>> {
        let pattern = format!("{}%", crate::ledger::movement::DEVIATION);
        let rows = self.c().query(
            &format!(
                "SELECT {ENTRY_COLS} FROM ledger_entries e
                 WHERE kind IN ('use','reexport','scrap','export') AND note LIKE $1
                   AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses = e.seq)
                 ORDER BY seq"
            ),
            &[&pattern],
        )?;
        rows.iter()
            .map(|r| decode_entry(r).map_err(|(seq, why)| bad_row(seq, why)))
            .collect()
    }

    pub fn certificate_of(&self, application_id: &str) -> Result<Option<String>> {
        self.c()
            .opt(
                "SELECT cert_no FROM certificates WHERE application_id = $1",
                &[&application_id],
            )?
            .map(|r| get(&r, 0))
            .transpose()
    }

    pub fn balances(&self, cert_no: Option<&str>) -> Result<Vec<StoredBalance>> {
        Ok(load_balance_rows(&mut self.c(), cert_no)?
            .into_iter()
            .map(|r| r.stored)
            .collect())
    }

    pub fn closures(&self) -> Result<HashMap<String, NaiveDate>> {
        let rows = self.c().query(
            "SELECT cert_no, date FROM ledger_entries WHERE kind = 'close'",
            &[],
        )?;
        let mut out = HashMap::new();
        for r in rows {
            let d: String = get(&r, 1)?;
            if let Some(d) = parse_date(&d) {
                out.insert(get(&r, 0)?, d);
            }
        }
        Ok(out)
    }

    pub fn ledger_head(&self) -> Result<(i64, [u8; 32])> {
        head(&mut self.c())
    }

    pub fn entries(&self, f: &EntryFilter) -> Result<Vec<Entry>> {
        let kinds: Vec<&str> = f.kinds.iter().map(|k| k.as_str()).collect();
        let kinds_csv = kinds.join(",");
        let from = f.from.map(fmt_date);
        let to = f.to.map(fmt_date);
        let sql = format!(
            "SELECT {ENTRY_COLS} FROM (
               SELECT {ENTRY_COLS} FROM ledger_entries
               WHERE ($1::text IS NULL OR cert_no = $1)
                 AND ($2::bigint IS NULL OR line = $2)
                 AND ($3::text = '' OR strpos(',' || $3 || ',', ',' || kind || ',') > 0)
                 AND ($4::text IS NULL OR date >= $4)
                 AND ($5::text IS NULL OR date <= $5)
               ORDER BY seq DESC LIMIT $6
             ) e ORDER BY seq"
        );
        let rows = self.c().query(
            &sql,
            &[&f.cert_no, &f.line, &kinds_csv, &from, &to, &f.limit],
        )?;
        rows.iter()
            .map(|r| decode_entry(r).map_err(|(seq, why)| bad_row(seq, why)))
            .collect()
    }

    pub fn latest_package_sha256(&self, application_id: &str) -> Result<Option<String>> {
        self.c()
            .opt(
                "SELECT zip_sha256 FROM packages WHERE application_id = $1 AND draft = 0
                 ORDER BY id DESC LIMIT 1",
                &[&application_id],
            )?
            .map(|r| get(&r, 0))
            .transpose()
    }

    /// The SHA-256 of the evidence blob stored under `sha256`, recomputed from its chunks
    /// (streamed, never loaded whole); `None` when there is no such blob.
    pub fn evidence_hash(&self, sha256: &[u8; 32]) -> Result<Option<[u8; 32]>> {
        evidence_hash(&mut self.c(), sha256)
    }

    /// Write the bytes of a stored evidence blob to `out`, a chunk at a time.
    pub fn read_evidence(&self, sha256: &[u8; 32], out: &mut dyn std::io::Write) -> Result<bool> {
        read_blob(&mut self.c(), sha256, out)
    }

    /// Counts of what the database holds (to refuse a copy into a database in use).
    pub fn is_empty(&self) -> Result<bool> {
        let r = self.c().one(
            "SELECT (SELECT COUNT(*) FROM applications) + (SELECT COUNT(*) FROM ledger_entries)
                    + (SELECT COUNT(*) FROM certificates)",
            &[],
        )?;
        let n: i64 = get(&r, 0)?;
        Ok(n == 0)
    }
}

/// What `PgStore::copy_from_sqlite` copied.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct CopyReport {
    /// (table, rows) in the order copied.
    pub tables: Vec<(String, u64)>,
    pub evidence_files: u64,
    pub evidence_bytes: u64,
}

impl PgStore {
    /// Copy every table of a SQLite store (of the same schema version) and the evidence files
    /// of `evidence_dir` into this database, which must hold nothing yet: one transaction, all
    /// or nothing. Tables are matched by name and columns by name; a table or column without
    /// its counterpart stops the copy.
    pub fn copy_from_sqlite(
        &mut self,
        src: &rusqlite::Connection,
        evidence_dir: &Path,
    ) -> Result<CopyReport> {
        if !self.is_empty()? {
            return Err(Error::Storage(format!(
                "{} already holds applications or ledger entries; `store migrate` copies into an empty database only (createdb a new one)",
                self.target.redacted()
            )));
        }
        let target = self.target.redacted();
        let mut c = self.c();
        write_tx(&mut c, |c| copy_tables(c, src, evidence_dir, &target))
    }
}

fn copy_tables(
    c: &mut Conn,
    src: &rusqlite::Connection,
    evidence_dir: &Path,
    target: &str,
) -> Result<CopyReport> {
    use rusqlite::types::ValueRef;
    let mut report = CopyReport::default();
    let tables: Vec<String> = src
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for t in &tables {
        let pg_cols: Vec<(String, String, bool)> = c
            .query(
                "SELECT column_name::text, data_type::text, is_identity = 'YES' FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
                &[t],
            )?
            .iter()
            .map(|r| Ok((get(r, 0)?, get(r, 1)?, get(r, 2)?)))
            .collect::<Result<_>>()?;
        if pg_cols.is_empty() {
            return Err(Error::Storage(format!(
                "{target} has no table {t}: the PostgreSQL schema of this ccc-exempt does not mirror its SQLite schema; nothing was copied"
            )));
        }
        let sqlite_cols: Vec<String> = src
            .prepare(&format!("SELECT name FROM pragma_table_info('{t}')"))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for col in &sqlite_cols {
            if !pg_cols.iter().any(|(n, _, _)| n == col) {
                return Err(Error::Storage(format!(
                    "{target}: table {t} has no column {col}; nothing was copied"
                )));
            }
        }
        if t == "meta" {
            // The copy keeps the workspace's identity (checkpoints name it).
            c.exec("DELETE FROM meta WHERE key <> 'application'", &[])?;
        }
        let cols: Vec<&(String, String, bool)> = pg_cols
            .iter()
            .filter(|(n, _, _)| sqlite_cols.contains(n))
            .collect();
        let names: Vec<&str> = cols.iter().map(|(n, _, _)| n.as_str()).collect();
        let types: Vec<Type> = cols
            .iter()
            .map(|(n, ty, _)| match ty.as_str() {
                "bigint" => Ok(Type::INT8),
                "integer" => Ok(Type::INT4),
                "text" => Ok(Type::TEXT),
                "bytea" => Ok(Type::BYTEA),
                other => Err(Error::Storage(format!(
                    "{target}: column {t}.{n} has type {other}, which `store migrate` does not copy"
                ))),
            })
            .collect::<Result<_>>()?;
        let list = names.join(", ");
        let mut stmt = src.prepare(&format!("SELECT {list} FROM {t}"))?;
        let mut rows = stmt.query([])?;
        let sink = c
            .client
            .copy_in(&format!("COPY {t} ({list}) FROM STDIN BINARY"))?;
        let mut w = postgres::binary_copy::BinaryCopyInWriter::new(sink, &types);
        let mut n = 0u64;
        while let Some(r) = rows.next()? {
            let mut vals: Vec<Box<dyn ToSql + Sync>> = Vec::with_capacity(types.len());
            for (i, ty) in types.iter().enumerate() {
                let v = r.get_ref(i)?;
                let bad = || {
                    Error::Storage(format!(
                        "table {t}, row {}: column {} holds a {:?} where {ty} belongs; run `ccc-exempt ledger verify`; nothing was copied",
                        n + 1,
                        names[i],
                        v.data_type()
                    ))
                };
                let b: Box<dyn ToSql + Sync> = match (ty, v) {
                    (&Type::INT8, ValueRef::Integer(x)) => Box::new(Some(x)),
                    (&Type::INT8, ValueRef::Null) => Box::new(None::<i64>),
                    (&Type::INT4, ValueRef::Integer(x)) => {
                        Box::new(Some(i32::try_from(x).map_err(|_| bad())?))
                    }
                    (&Type::INT4, ValueRef::Null) => Box::new(None::<i32>),
                    (&Type::TEXT, ValueRef::Text(x)) => {
                        Box::new(Some(std::str::from_utf8(x).map_err(|_| bad())?.to_string()))
                    }
                    (&Type::TEXT, ValueRef::Null) => Box::new(None::<String>),
                    (&Type::BYTEA, ValueRef::Blob(x)) => Box::new(Some(x.to_vec())),
                    (&Type::BYTEA, ValueRef::Null) => Box::new(None::<Vec<u8>>),
                    _ => return Err(bad()),
                };
                vals.push(b);
            }
            let refs: Vec<&(dyn ToSql + Sync)> = vals.iter().map(|b| b.as_ref()).collect();
            w.write(&refs)?;
            n += 1;
        }
        w.finish()?;
        if t == "meta" {
            c.exec(
                "INSERT INTO meta(key, value) VALUES ('application', $1) ON CONFLICT (key) DO NOTHING",
                &[&APPLICATION],
            )?;
        }
        // Identity columns go on after the copied numbers.
        for (col, _, identity) in &pg_cols {
            if *identity {
                c.batch(&format!(
                    "SELECT setval(pg_get_serial_sequence('{t}', '{col}'), COALESCE((SELECT MAX({col}) FROM {t}), 0) + 1, false)"
                ))?;
            }
        }
        report.tables.push((t.clone(), n));
    }
    // Evidence: every stored file, hashed again while it is copied; then the copies of
    // application.toml as approved (`.ccc-exempt/approved/`), which become blobs too so that
    // every workspace sharing the database reads them (`app show --diff`, L011).
    let mut copied: std::collections::HashSet<[u8; 32]> = std::collections::HashSet::new();
    let approved = crate::ledger::evidence::approved_dir(evidence_dir);
    for d in [evidence_dir, approved.as_path()] {
        let mut found = Vec::new();
        if let Ok(dir) = std::fs::read_dir(d) {
            for e in dir {
                let e = e.map_err(|x| Error::storage_io(d, x))?;
                let name = e.file_name().to_string_lossy().into_owned();
                if let Some(sha) = crate::util::hex::parse_hex32(&name)
                    && !copied.contains(&sha)
                {
                    found.push((e.path(), sha));
                }
            }
        }
        found.sort();
        let evidence = d == evidence_dir;
        for (path, sha) in &found {
            let size = copy_file_blob(c, path, sha)?;
            if evidence {
                report.evidence_files += 1;
                report.evidence_bytes += size;
            }
        }
        copied.extend(found.into_iter().map(|(_, sha)| sha));
    }
    Ok(report)
}

/// Stream a file into the blob `sha` (a chunk at a time); its content must hash to `sha`.
fn copy_file_blob(c: &mut Conn, path: &Path, sha: &[u8; 32]) -> Result<u64> {
    let key = &sha[..];
    let size = std::fs::metadata(path)
        .map_err(|e| Error::storage_io(path, e))?
        .len() as i64;
    c.exec(
        "INSERT INTO evidence_blobs(sha256, size) VALUES ($1, $2)",
        &[&key, &size],
    )?;
    let mut f = std::fs::File::open(path).map_err(|e| Error::storage_io(path, e))?;
    let mut buf = vec![0u8; CHUNK];
    let mut h = Sha256::new();
    let mut n: i32 = 0;
    let mut total = 0u64;
    loop {
        let mut filled = 0;
        while filled < CHUNK {
            let k = f
                .read(&mut buf[filled..])
                .map_err(|e| Error::storage_io(path, e))?;
            if k == 0 {
                break;
            }
            filled += k;
        }
        if filled == 0 && n > 0 {
            break;
        }
        h.update(&buf[..filled]);
        let data = &buf[..filled];
        c.exec(
            "INSERT INTO evidence_chunks(sha256, n, data) VALUES ($1, $2, $3)",
            &[&key, &n, &data],
        )?;
        total += filled as u64;
        n += 1;
        if filled < CHUNK {
            break;
        }
    }
    let got: [u8; 32] = h.finalize().into();
    if got != *sha {
        return Err(Error::Storage(format!(
            "{}: the content does not hash to {} (it changed while it was stored); nothing was recorded",
            path.display(),
            crate::util::hex::hex(sha)
        )));
    }
    Ok(total)
}

/// Run `f` in a transaction holding the write lock; commit when it succeeds.
fn write_tx<T>(c: &mut Conn, f: impl FnOnce(&mut Conn) -> Result<T>) -> Result<T> {
    c.begin_write()?;
    match f(c) {
        Ok(v) => {
            c.batch("COMMIT")?;
            Ok(v)
        }
        Err(e) => {
            let _ = c.batch("ROLLBACK");
            Err(e)
        }
    }
}

fn ensure_application_on(
    c: &mut Conn,
    id: &str,
    condition: Option<&str>,
    now: &str,
) -> Result<Status> {
    c.exec(
        "INSERT INTO applications(id, condition, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $4)
         ON CONFLICT (id) DO UPDATE SET condition = COALESCE(EXCLUDED.condition, applications.condition)",
        &[&id, &condition, &Status::Draft.as_str(), &now],
    )?;
    status_on(c, id)?
        .ok_or_else(|| Error::Storage(format!("application {id} vanished while registering it")))
}

fn status_on(c: &mut Conn, id: &str) -> Result<Option<Status>> {
    let name: Option<String> = c
        .opt("SELECT status FROM applications WHERE id = $1", &[&id])?
        .map(|r| get(&r, 0))
        .transpose()?;
    name.as_deref().map(Status::from_stored).transpose()
}

fn last_check_on(c: &mut Conn, id: &str) -> Result<Option<CheckRecord>> {
    let Some(r) = c.opt(
        "SELECT id, checked_at, file_sha256, errors, warnings, infos, total_quantity, codes
         FROM checks WHERE application_id = $1 ORDER BY id DESC LIMIT 1",
        &[&id],
    )?
    else {
        return Ok(None);
    };
    let check_id: i64 = get(&r, 0)?;
    let codes: String = get(&r, 7)?;
    let mut rec = CheckRecord {
        checked_at: get(&r, 1)?,
        file_sha256: get(&r, 2)?,
        errors: get(&r, 3)?,
        warnings: get(&r, 4)?,
        infos: get(&r, 5)?,
        total_quantity: get(&r, 6)?,
        codes: codes.split_whitespace().map(String::from).collect(),
        files: Vec::new(),
    };
    for f in c.query(
        "SELECT path, sha256 FROM check_files WHERE check_id = $1 ORDER BY path",
        &[&check_id],
    )? {
        let path: String = get(&f, 0)?;
        let sha: Vec<u8> = get(&f, 1)?;
        let sha256: [u8; 32] = sha.as_slice().try_into().map_err(|_| {
            Error::Storage(format!(
                "check of {id}: the hash of {path} is {} bytes, not 32",
                sha.len()
            ))
        })?;
        rec.files.push(FileHash { path, sha256 });
    }
    Ok(Some(rec))
}

fn submitted_on(c: &mut Conn, id: &str) -> Result<Option<NaiveDate>> {
    let at: Option<String> = c
        .opt(
            "SELECT at FROM status_events WHERE application_id = $1 AND to_status = $2
             ORDER BY id DESC LIMIT 1",
            &[&id, &Status::Submitted.as_str()],
        )?
        .map(|r| get(&r, 0))
        .transpose()?;
    at.map(|at| {
        at.get(..10)
            .and_then(|d| d.parse::<NaiveDate>().ok())
            .ok_or_else(|| {
                Error::Storage(format!(
                    "application {id}: the submission time {at:?} in the database is not RFC 3339"
                ))
            })
    })
    .transpose()
}

fn forced_approval_on(c: &mut Conn, id: &str) -> Result<Option<ForcedRecord>> {
    match c.opt(
        "SELECT forced_code, forced_why, forced_reason, at FROM status_events
         WHERE application_id = $1 AND to_status = $2 ORDER BY id DESC LIMIT 1",
        &[&id, &Status::Approved.as_str()],
    )? {
        None => Ok(None),
        Some(r) => forced_columns(&r, 0, 3),
    }
}

fn forced_columns(r: &Row, first: usize, at: usize) -> Result<Option<ForcedRecord>> {
    let code: Option<String> = get(r, first)?;
    Ok(match code {
        None => None,
        Some(code) => Some(ForcedRecord {
            code,
            why: get::<Option<String>>(r, first + 1)?.unwrap_or_default(),
            reason: get::<Option<String>>(r, first + 2)?.unwrap_or_default(),
            at: get(r, at)?,
        }),
    })
}

fn set_status_on(c: &mut Conn, id: &str, step: &Step, now: &str, note: Option<&str>) -> Result<()> {
    let Step::Move { from, to, forced } = step else {
        return Ok(());
    };
    if from == to {
        return Ok(());
    }
    c.exec(
        "UPDATE applications SET status = $2, updated_at = $3 WHERE id = $1",
        &[&id, &to.as_str(), &now],
    )?;
    let code = forced.as_ref().map(|f| f.code.as_str());
    let why = forced.as_ref().map(|f| f.why.as_str());
    let reason = forced.as_ref().map(|f| f.reason.as_str());
    c.exec(
        "INSERT INTO status_events(application_id, from_status, to_status, at, note,
                                   forced_code, forced_why, forced_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            &id,
            &from.as_str(),
            &to.as_str(),
            &now,
            &note,
            &code,
            &why,
            &reason,
        ],
    )?;
    Ok(())
}

const ENTRY_COLS: &str = "seq, cert_no, line, kind, qty, date, recorded_at, doc_no, location, operator, note, idem_key, reverses, hash, evidence";

fn bad_row(seq: i64, why: String) -> Error {
    Error::Storage(format!(
        "the ledger holds a malformed entry (#{seq}: {why}); run `ccc-exempt ledger verify`"
    ))
}

fn decode_entry(r: &Row) -> std::result::Result<Entry, (i64, String)> {
    let seq: i64 = r.try_get(0).map_err(|e| (0, e.to_string()))?;
    let mut e = Entry {
        seq,
        cert_no: String::new(),
        line: 0,
        kind: Kind::Inbound,
        qty: 0,
        date: NaiveDate::MIN,
        recorded_at: String::new(),
        doc_no: None,
        location: None,
        operator: None,
        note: None,
        idem_key: None,
        reverses: None,
        evidence: Vec::new(),
        hash: [0; 32],
    };
    fill_entry(&mut e, r).map_err(|why| (seq, why))?;
    Ok(e)
}

fn fill_entry(e: &mut Entry, r: &Row) -> std::result::Result<(), String> {
    let s = |x: postgres::Error| x.to_string();
    e.seq = r.try_get(0).map_err(s)?;
    e.cert_no = r.try_get(1).map_err(s)?;
    e.line = r.try_get(2).map_err(s)?;
    let kind: &str = r.try_get(3).map_err(s)?;
    e.kind = Kind::from_stored(kind).ok_or("an unknown kind")?;
    e.qty = r.try_get(4).map_err(s)?;
    let date: &str = r.try_get(5).map_err(s)?;
    e.date = parse_date(date).ok_or("a malformed date")?;
    e.recorded_at = r.try_get(6).map_err(s)?;
    e.doc_no = r.try_get(7).map_err(s)?;
    e.location = r.try_get(8).map_err(s)?;
    e.operator = r.try_get(9).map_err(s)?;
    e.note = r.try_get(10).map_err(s)?;
    e.idem_key = r.try_get(11).map_err(s)?;
    e.reverses = r.try_get(12).map_err(s)?;
    let hash: &[u8] = r.try_get(13).map_err(s)?;
    if hash.len() != 32 {
        return Err("a hash that is not 32 bytes".into());
    }
    e.hash = to32(hash);
    let ev: Option<&[u8]> = r.try_get(14).map_err(s)?;
    match ev {
        None => e.evidence.clear(),
        Some(b) => {
            crate::ledger::chain::read_evidence(b, &mut e.evidence).ok_or("malformed evidence")?
        }
    }
    Ok(())
}

fn head(c: &mut Conn) -> Result<(i64, [u8; 32])> {
    Ok(
        match c.opt(
            "SELECT seq, hash FROM ledger_entries ORDER BY seq DESC LIMIT 1",
            &[],
        )? {
            Some(r) => (get(&r, 0)?, to32(get::<&[u8]>(&r, 1)?)),
            None => (0, crate::ledger::chain::GENESIS),
        },
    )
}

/// The certificates in force: as recorded, with their `amend` and `void` entries applied
/// (`crate::ledger::revision`).
fn load_certificates(c: &mut Conn, only: Option<&str>) -> Result<Vec<Certificate>> {
    let mut certs = load_recorded(c, only)?;
    if certs.is_empty() {
        return Ok(certs);
    }
    let rows = c.query(
        &format!(
            "SELECT {ENTRY_COLS} FROM ledger_entries
             WHERE kind IN ('amend', 'void') AND ($1::text IS NULL OR cert_no = $1) ORDER BY seq"
        ),
        &[&only],
    )?;
    let mut revisions = Vec::with_capacity(rows.len());
    for r in &rows {
        revisions.push(decode_entry(r).map_err(|(seq, why)| bad_row(seq, why))?);
    }
    if !revisions.is_empty() {
        for cert in &mut certs {
            crate::ledger::revision::apply(cert, &revisions);
        }
    }
    Ok(certs)
}

/// A certificate in force by its registered number or by the number an amendment gave it.
fn certificate_by_number(c: &mut Conn, number: &str) -> Result<Option<Certificate>> {
    if let Some(cert) = load_certificates(c, Some(number))?.pop() {
        return Ok(Some(cert));
    }
    let registered: Option<String> = c
        .opt(
            "SELECT cert_no FROM ledger_entries
             WHERE kind IN ('amend', 'void') AND line = 0 AND doc_no = $1
             ORDER BY seq DESC LIMIT 1",
            &[&number],
        )?
        .map(|r| get(&r, 0))
        .transpose()?;
    let Some(reg) = registered else {
        return Ok(None);
    };
    Ok(load_certificates(c, Some(&reg))?
        .pop()
        .filter(|cert| cert.number() == number))
}

/// The certificates as the certificates table recorded them at approval (what a `certify`
/// entry's hash covers).
fn load_recorded(c: &mut Conn, only: Option<&str>) -> Result<Vec<Certificate>> {
    let rows = c.query(
        "SELECT cert_no, application_id, condition, issued_on, approved_at, application_sha256,
                package_sha256, export_due, exhibition_end
         FROM certificates WHERE ($1::text IS NULL OR cert_no = $1) ORDER BY issued_on, cert_no",
        &[&only],
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let cert_no: String = get(&r, 0)?;
        let issued: String = get(&r, 3)?;
        let issued_on = parse_date(&issued).ok_or_else(|| {
            Error::Storage(format!(
                "the ledger holds a malformed certificate ({cert_no}: issue date {issued:?}); run `ccc-exempt ledger verify`"
            ))
        })?;
        let lines = c
            .query(
                "SELECT line, name, model, unit, applied, certified FROM certificate_lines
                 WHERE cert_no = $1 ORDER BY line",
                &[&cert_no],
            )?
            .iter()
            .map(|l| {
                Ok(CertLine {
                    line: get(l, 0)?,
                    name: get(l, 1)?,
                    model: get(l, 2)?,
                    unit: get(l, 3)?,
                    applied: get(l, 4)?,
                    certified: get(l, 5)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let files = c
            .query(
                "SELECT path, sha256, size FROM certificate_files WHERE cert_no = $1 ORDER BY path",
                &[&cert_no],
            )?
            .iter()
            .map(|f| {
                Ok(FrozenFile {
                    path: get(f, 0)?,
                    sha256: to32(get::<&[u8]>(f, 1)?),
                    size: get::<i64>(f, 2)?.max(0) as u64,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let export_due: Option<String> = get(&r, 7)?;
        let exh_end: Option<String> = get(&r, 8)?;
        out.push(Certificate {
            application_id: get(&r, 1)?,
            condition: get(&r, 2)?,
            issued_on,
            approved_at: get(&r, 4)?,
            application_sha256: to32(get::<&[u8]>(&r, 5)?),
            package_sha256: get(&r, 6)?,
            export_due: export_due.as_deref().and_then(parse_date),
            exhibition_end: exh_end.as_deref().and_then(parse_date),
            lines,
            files,
            cert_no,
            amended_no: None,
            revisions: Vec::new(),
            voided: false,
        });
    }
    Ok(out)
}

fn load_balance_rows(c: &mut Conn, cert: Option<&str>) -> Result<Vec<CachedBalance>> {
    let rows = c.query(
        "SELECT b.cert_no, b.line, received, in_stock, issued, used, reexported, scrapped, exported,
                last_date, entries, seal_seq, digest
         FROM ledger_balances b JOIN certificates c ON c.cert_no = b.cert_no
         WHERE ($1::text IS NULL OR b.cert_no = $1)
         ORDER BY c.issued_on, b.cert_no, b.line",
        &[&cert],
    )?;
    rows.iter()
        .map(|r| {
            let last: Option<String> = get(r, 9)?;
            Ok(CachedBalance {
                stored: StoredBalance {
                    cert_no: get(r, 0)?,
                    line: get(r, 1)?,
                    balance: Balance {
                        received: get(r, 2)?,
                        in_stock: get(r, 3)?,
                        issued: get(r, 4)?,
                        used: get(r, 5)?,
                        reexported: get(r, 6)?,
                        scrapped: get(r, 7)?,
                        exported: get(r, 8)?,
                    },
                    last_date: last.as_deref().and_then(parse_date),
                    entries: get(r, 10)?,
                },
                seal_seq: get(r, 11)?,
                digest: get(r, 12)?,
            })
        })
        .collect()
}

fn evidence_hash(c: &mut Conn, sha256: &[u8; 32]) -> Result<Option<[u8; 32]>> {
    let key = &sha256[..];
    if c.opt("SELECT 1 FROM evidence_blobs WHERE sha256 = $1", &[&key])?
        .is_none()
    {
        return Ok(None);
    }
    let stmt = c.prep("SELECT data FROM evidence_chunks WHERE sha256 = $1 ORDER BY n")?;
    let mut h = Sha256::new();
    let mut rows = c.client.query_raw(&stmt, [&key as &(dyn ToSql + Sync)])?;
    use postgres::fallible_iterator::FallibleIterator;
    while let Some(r) = rows.next()? {
        let data: &[u8] = get(&r, 0)?;
        h.update(data);
    }
    Ok(Some(h.finalize().into()))
}

/// Write the bytes of the blob `sha256` to `out`, a chunk at a time; false when there is none.
fn read_blob(c: &mut Conn, sha256: &[u8; 32], out: &mut dyn std::io::Write) -> Result<bool> {
    let key = &sha256[..];
    if c.opt("SELECT 1 FROM evidence_blobs WHERE sha256 = $1", &[&key])?
        .is_none()
    {
        return Ok(false);
    }
    let n: i64 = get(
        &c.one(
            "SELECT COUNT(*) FROM evidence_chunks WHERE sha256 = $1",
            &[&key],
        )?,
        0,
    )?;
    for i in 0..n as i32 {
        let row = c.one(
            "SELECT data FROM evidence_chunks WHERE sha256 = $1 AND n = $2",
            &[&key, &i],
        )?;
        let data: &[u8] = get(&row, 0)?;
        out.write_all(data)
            .map_err(|e| Error::Storage(format!("cannot write evidence: {e}")))?;
    }
    Ok(true)
}

/// Store a staged evidence file as a blob (a chunk at a time), unless one with its hash is
/// stored already; the bytes are hashed again while read, so what is stored is what was staged.
fn put_evidence(c: &mut Conn, st: &mut Staged) -> Result<()> {
    let Some(path) = st.staged_path().map(Path::to_path_buf) else {
        return Ok(());
    };
    let sha = st.info.sha256;
    let key = &sha[..];
    if c.opt("SELECT 1 FROM evidence_blobs WHERE sha256 = $1", &[&key])?
        .is_some()
    {
        st.discard();
        return Ok(());
    }
    copy_file_blob(c, &path, &sha)?;
    st.discard();
    Ok(())
}

/// One transaction on a PostgreSQL store (a write holding the lock, or a read snapshot). Rolled
/// back when dropped without `commit`.
pub struct PgTx<'a> {
    conn: &'a RefCell<Conn>,
    target: &'a PgTarget,
    open: Cell<bool>,
}

impl Drop for PgTx<'_> {
    fn drop(&mut self) {
        if self.open.get()
            && let Ok(mut c) = self.conn.try_borrow_mut()
        {
            let _ = c.batch("ROLLBACK");
        }
    }
}

/// The bytes a binary COPY of entries is sent in.
const COPY_CHUNK: usize = 256 * 1024;

/// One row of the binary COPY of `ledger_entries` (the columns of `copy_entries`, in order).
fn copy_row(buf: &mut Vec<u8>, e: &Entry) {
    fn int(buf: &mut Vec<u8>, v: i64) {
        buf.extend_from_slice(&8i32.to_be_bytes());
        buf.extend_from_slice(&v.to_be_bytes());
    }
    fn bytes(buf: &mut Vec<u8>, v: &[u8]) {
        buf.extend_from_slice(&(v.len() as i32).to_be_bytes());
        buf.extend_from_slice(v);
    }
    fn opt(buf: &mut Vec<u8>, v: Option<&str>) {
        match v {
            Some(v) => bytes(buf, v.as_bytes()),
            None => buf.extend_from_slice(&(-1i32).to_be_bytes()),
        }
    }
    buf.extend_from_slice(&15i16.to_be_bytes());
    int(buf, e.seq);
    bytes(buf, e.cert_no.as_bytes());
    int(buf, e.line);
    bytes(buf, e.kind.as_str().as_bytes());
    int(buf, e.qty);
    bytes(buf, &crate::ledger::date::ymd_bytes(e.date));
    bytes(buf, e.recorded_at.as_bytes());
    opt(buf, e.doc_no.as_deref());
    opt(buf, e.location.as_deref());
    opt(buf, e.operator.as_deref());
    opt(buf, e.note.as_deref());
    opt(buf, e.idem_key.as_deref());
    match e.reverses {
        Some(r) => int(buf, r),
        None => buf.extend_from_slice(&(-1i32).to_be_bytes()),
    }
    bytes(buf, &e.hash);
    if e.evidence.is_empty() {
        buf.extend_from_slice(&(-1i32).to_be_bytes());
    } else {
        // The length is known once the evidence is encoded after it.
        let at = buf.len();
        buf.extend_from_slice(&0i32.to_be_bytes());
        crate::ledger::chain::put_evidence(buf, &e.evidence);
        let n = (buf.len() - at - 4) as i32;
        buf[at..at + 4].copy_from_slice(&n.to_be_bytes());
    }
}

/// A failed write of a COPY: the server's error when it is one.
fn copy_error(e: std::io::Error) -> Error {
    match e.into_inner().map(|b| b.downcast::<postgres::Error>()) {
        Some(Ok(pe)) => Error::from(*pe),
        Some(Err(other)) => Error::Storage(format!("PostgreSQL error: {other}")),
        None => Error::Storage("PostgreSQL error: a COPY could not be written".into()),
    }
}

impl PgTx<'_> {
    fn c(&self) -> std::cell::RefMut<'_, Conn> {
        self.conn.borrow_mut()
    }

    pub fn commit(self) -> Result<()> {
        self.open.set(false);
        self.c().batch("COMMIT")
    }

    pub fn rollback(self) -> Result<()> {
        self.open.set(false);
        self.c().batch("ROLLBACK")
    }

    pub fn head(&self) -> Result<(i64, [u8; 32])> {
        head(&mut self.c())
    }

    /// A certificate in force, by its registered number or the number an amendment gave it.
    pub fn certificate(&self, cert_no: &str) -> Result<Option<Certificate>> {
        certificate_by_number(&mut self.c(), cert_no)
    }

    pub fn certificates(&self) -> Result<Vec<Certificate>> {
        load_certificates(&mut self.c(), None)
    }

    /// The certificates as recorded at approval, without their amendments (what the `certify`
    /// entries' hashes cover).
    pub fn certificates_as_recorded(&self) -> Result<Vec<Certificate>> {
        load_recorded(&mut self.c(), None)
    }

    /// The certificate recorded for an application (its registered number), if any.
    pub fn certificate_of(&self, application_id: &str) -> Result<Option<String>> {
        self.c()
            .opt(
                "SELECT cert_no FROM certificates WHERE application_id = $1",
                &[&application_id],
            )?
            .map(|r| get(&r, 0))
            .transpose()
    }

    /// The first movement recorded on a certificate (reversed or not): (number, kind, date).
    pub fn first_movement(&self, cert_no: &str) -> Result<Option<(i64, Kind, NaiveDate)>> {
        let Some(r) = self.c().opt(
            "SELECT seq, kind, date FROM ledger_entries
             WHERE cert_no = $1
               AND kind IN ('inbound','issue','return','use','reexport','scrap','export')
             ORDER BY seq LIMIT 1",
            &[&cert_no],
        )?
        else {
            return Ok(None);
        };
        let seq: i64 = get(&r, 0)?;
        let kind: String = get(&r, 1)?;
        let date: String = get(&r, 2)?;
        match (Kind::from_stored(&kind), parse_date(&date)) {
            (Some(k), Some(d)) => Ok(Some((seq, k, d))),
            _ => Err(bad_row(seq, "a malformed kind or date".into())),
        }
    }

    /// The status an application had before its latest status change (the decision a void
    /// takes back).
    pub fn status_before(&self, id: &str) -> Result<Option<Status>> {
        let from: Option<Option<String>> = self
            .c()
            .opt(
                "SELECT from_status FROM status_events WHERE application_id = $1
                 ORDER BY id DESC LIMIT 1",
                &[&id],
            )?
            .map(|r| get(&r, 0))
            .transpose()?;
        Ok(from.flatten().and_then(|s| Status::parse(&s)))
    }

    /// The SHA-256 (hex) of the application's latest non-draft package, if any.
    pub fn latest_package_sha256(&self, application_id: &str) -> Result<Option<String>> {
        self.c()
            .opt(
                "SELECT zip_sha256 FROM packages WHERE application_id = $1 AND draft = 0
                 ORDER BY id DESC LIMIT 1",
                &[&application_id],
            )?
            .map(|r| get(&r, 0))
            .transpose()
    }

    pub fn certificate_exists(&self, cert_no: &str) -> Result<bool> {
        Ok(self
            .c()
            .opt("SELECT 1 FROM certificates WHERE cert_no = $1", &[&cert_no])?
            .is_some())
    }

    pub fn balances(&self, cert_no: Option<&str>) -> Result<Vec<StoredBalance>> {
        Ok(load_balance_rows(&mut self.c(), cert_no)?
            .into_iter()
            .map(|r| r.stored)
            .collect())
    }

    pub fn balance_rows(&self, cert_no: Option<&str>) -> Result<Vec<CachedBalance>> {
        load_balance_rows(&mut self.c(), cert_no)
    }

    pub fn line_heads_after(&self, cert_no: &str, after: i64) -> Result<HashMap<i64, i64>> {
        let rows = self.c().query(
            "SELECT line, MAX(seq) FROM ledger_entries WHERE seq > $1 AND cert_no = $2 GROUP BY line",
            &[&after, &cert_no],
        )?;
        rows.iter().map(|r| Ok((get(r, 0)?, get(r, 1)?))).collect()
    }

    pub fn line_has_entries(&self, cert_no: &str, line: i64) -> Result<Option<i64>> {
        self.c()
            .opt(
                "SELECT seq FROM ledger_entries WHERE cert_no = $1 AND line = $2 LIMIT 1",
                &[&cert_no, &line],
            )?
            .map(|r| get(&r, 0))
            .transpose()
    }

    pub fn closed(&self, cert_no: &str) -> Result<Option<i64>> {
        self.c()
            .opt(
                "SELECT seq FROM ledger_entries WHERE cert_no = $1 AND kind = 'close' LIMIT 1",
                &[&cert_no],
            )?
            .map(|r| get(&r, 0))
            .transpose()
    }

    pub fn has_keys(&self) -> Result<bool> {
        Ok(self
            .c()
            .opt(
                "SELECT 1 FROM ledger_entries WHERE idem_key IS NOT NULL LIMIT 1",
                &[],
            )?
            .is_some())
    }

    fn entry_where(&self, clause: &str, p: &[&(dyn ToSql + Sync)]) -> Result<Option<Entry>> {
        let sql = format!("SELECT {ENTRY_COLS} FROM ledger_entries WHERE {clause}");
        match self.c().opt(&sql, p)? {
            None => Ok(None),
            Some(r) => decode_entry(&r)
                .map(Some)
                .map_err(|(seq, why)| bad_row(seq, why)),
        }
    }

    pub fn entry(&self, seq: i64) -> Result<Option<Entry>> {
        self.entry_where("seq = $1", &[&seq])
    }

    pub fn entry_by_key(&self, key: &str) -> Result<Option<Entry>> {
        self.entry_where("idem_key = $1", &[&key])
    }

    pub fn reversal_of(&self, seq: i64) -> Result<Option<i64>> {
        self.c()
            .opt(
                "SELECT seq FROM ledger_entries WHERE reverses = $1",
                &[&seq],
            )?
            .map(|r| get(&r, 0))
            .transpose()
    }

    pub fn timeline(&self, cert_no: &str, line: i64) -> Result<Vec<TimelineItem>> {
        Ok(self
            .timelines(cert_no, Some(line))?
            .remove(&line)
            .unwrap_or_default())
    }

    pub fn timelines(
        &self,
        cert_no: &str,
        line: Option<i64>,
    ) -> Result<HashMap<i64, Vec<TimelineItem>>> {
        let rows = self.c().query(
            "SELECT e.seq, e.date, e.kind, e.qty, e.line FROM ledger_entries e
             WHERE e.cert_no = $1 AND ($2::bigint IS NULL OR e.line = $2)
               AND e.kind IN ('inbound','issue','return','use','reexport','scrap','export')
               AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses = e.seq)",
            &[&cert_no, &line],
        )?;
        let mut out: HashMap<i64, Vec<TimelineItem>> = HashMap::new();
        for r in rows {
            let seq: i64 = get(&r, 0)?;
            let date: String = get(&r, 1)?;
            let kind: String = get(&r, 2)?;
            let (Some(date), Some(kind)) = (parse_date(&date), Kind::from_stored(&kind)) else {
                return Err(bad_row(seq, "a malformed date or kind".into()));
            };
            out.entry(get(&r, 4)?).or_default().push(TimelineItem {
                date,
                seq,
                kind,
                qty: get(&r, 3)?,
            });
        }
        Ok(out)
    }

    /// Append entries: a few with INSERTs, many with one binary COPY.
    pub fn insert_entries(&self, entries: &[Entry]) -> Result<()> {
        let mut c = self.c();
        let mut ev = Vec::new();
        let evidence = |e: &Entry, ev: &mut Vec<u8>| -> Option<Vec<u8>> {
            if e.evidence.is_empty() {
                return None;
            }
            ev.clear();
            crate::ledger::chain::put_evidence(ev, &e.evidence);
            Some(ev.clone())
        };
        if entries.len() < 8 {
            for e in entries {
                let date = fmt_date(e.date);
                let evb = evidence(e, &mut ev);
                let hash = &e.hash[..];
                c.exec(
                    "INSERT INTO ledger_entries(seq, cert_no, line, kind, qty, date, recorded_at, doc_no,
                         location, operator, note, idem_key, reverses, hash, evidence)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
                    &[
                        &e.seq,
                        &e.cert_no,
                        &e.line,
                        &e.kind.as_str(),
                        &e.qty,
                        &date,
                        &e.recorded_at,
                        &e.doc_no,
                        &e.location,
                        &e.operator,
                        &e.note,
                        &e.idem_key,
                        &e.reverses,
                        &hash,
                        &evb,
                    ],
                )?;
            }
            return Ok(());
        }
        drop(c);
        self.copy_entries(&mut |sink| sink(entries))
    }

    /// Append the entries of every batch `feed` hands to its sink, in order, with one binary
    /// COPY (rows encoded here, sent in chunks of `COPY_CHUNK` bytes). No other statement runs
    /// on this connection until `feed` returns.
    pub fn copy_entries(&self, feed: &mut super::backend::EntryFeed<'_>) -> Result<()> {
        use std::io::Write;
        let mut c = self.c();
        let mut w = c.client.copy_in(
            "COPY ledger_entries(seq, cert_no, line, kind, qty, date, recorded_at, doc_no,
                 location, operator, note, idem_key, reverses, hash, evidence) FROM STDIN BINARY",
        )?;
        let mut buf: Vec<u8> = Vec::with_capacity(COPY_CHUNK + 4096);
        // The header: signature, flags, no extension.
        buf.extend_from_slice(b"PGCOPY\n\xff\r\n\0");
        buf.extend_from_slice(&0i32.to_be_bytes());
        buf.extend_from_slice(&0i32.to_be_bytes());
        feed(&mut |entries| {
            for e in entries {
                copy_row(&mut buf, e);
                if buf.len() >= COPY_CHUNK {
                    w.write_all(&buf).map_err(copy_error)?;
                    buf.clear();
                }
            }
            Ok(())
        })?;
        buf.extend_from_slice(&(-1i16).to_be_bytes());
        w.write_all(&buf).map_err(copy_error)?;
        w.finish()?;
        Ok(())
    }

    pub fn put_balance(&self, sealed: &SealedBalance) -> Result<()> {
        let b = &sealed.stored;
        let x = &b.balance;
        let last = b.last_date.map(fmt_date);
        let digest = &sealed.digest[..];
        self.c().exec(
            "INSERT INTO ledger_balances(cert_no, line, received, in_stock, issued, used, reexported,
                 scrapped, exported, last_date, entries, seal_seq, digest)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
             ON CONFLICT (cert_no, line) DO UPDATE SET received = $3, in_stock = $4, issued = $5,
                 used = $6, reexported = $7, scrapped = $8, exported = $9, last_date = $10,
                 entries = $11, seal_seq = $12, digest = $13",
            &[
                &b.cert_no,
                &b.line,
                &x.received,
                &x.in_stock,
                &x.issued,
                &x.used,
                &x.reexported,
                &x.scrapped,
                &x.exported,
                &last,
                &b.entries,
                &sealed.seal_seq,
                &digest,
            ],
        )?;
        Ok(())
    }

    pub fn insert_certificate(&self, cert: &Certificate) -> Result<()> {
        let mut c = self.c();
        let issued = fmt_date(cert.issued_on);
        let sha = &cert.application_sha256[..];
        let due = cert.export_due.map(fmt_date);
        let end = cert.exhibition_end.map(fmt_date);
        c.exec(
            "INSERT INTO certificates(cert_no, application_id, condition, issued_on, approved_at,
                 application_sha256, package_sha256, export_due, exhibition_end)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            &[
                &cert.cert_no,
                &cert.application_id,
                &cert.condition,
                &issued,
                &cert.approved_at,
                &sha,
                &cert.package_sha256,
                &due,
                &end,
            ],
        )?;
        for l in &cert.lines {
            c.exec(
                "INSERT INTO certificate_lines(cert_no, line, name, model, unit, applied, certified)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
                &[
                    &cert.cert_no,
                    &l.line,
                    &l.name,
                    &l.model,
                    &l.unit,
                    &l.applied,
                    &l.certified,
                ],
            )?;
        }
        for f in &cert.files {
            let sha = &f.sha256[..];
            let size = f.size as i64;
            c.exec(
                "INSERT INTO certificate_files(cert_no, path, sha256, size) VALUES ($1, $2, $3, $4)",
                &[&cert.cert_no, &f.path, &sha, &size],
            )?;
        }
        Ok(())
    }

    pub fn ensure_application(
        &self,
        id: &str,
        condition: Option<&str>,
        now: &str,
    ) -> Result<Status> {
        ensure_application_on(&mut self.c(), id, condition, now)
    }

    pub fn last_check(&self, id: &str) -> Result<Option<CheckRecord>> {
        last_check_on(&mut self.c(), id)
    }

    pub fn submitted_on(&self, id: &str) -> Result<Option<NaiveDate>> {
        submitted_on(&mut self.c(), id)
    }

    pub fn set_status(&self, id: &str, step: &Step, now: &str, note: Option<&str>) -> Result<()> {
        set_status_on(&mut self.c(), id, step, now, note)
    }

    /// Every entry numbered `lo..=hi`, streamed from the server in number order.
    pub fn for_each_entry(
        &self,
        lo: i64,
        hi: i64,
        mut f: impl FnMut(std::result::Result<&Entry, (i64, String)>) -> Result<()>,
    ) -> Result<()> {
        use postgres::fallible_iterator::FallibleIterator;
        let mut c = self.c();
        let stmt = c.prep(&format!(
            "SELECT {ENTRY_COLS} FROM ledger_entries WHERE seq BETWEEN $1 AND $2 ORDER BY seq"
        ))?;
        let params: [&(dyn ToSql + Sync); 2] = [&lo, &hi];
        let mut rows = c.client.query_raw(&stmt, params)?;
        let mut e = Entry {
            seq: 0,
            cert_no: String::new(),
            line: 0,
            kind: Kind::Inbound,
            qty: 0,
            date: NaiveDate::MIN,
            recorded_at: String::new(),
            doc_no: None,
            location: None,
            operator: None,
            note: None,
            idem_key: None,
            reverses: None,
            evidence: Vec::new(),
            hash: [0; 32],
        };
        while let Some(r) = rows.next()? {
            let seq: i64 = r.try_get(0).unwrap_or(0);
            match fill_entry(&mut e, &r) {
                Ok(()) => f(Ok(&e))?,
                Err(why) => f(Err((seq, why)))?,
            }
        }
        Ok(())
    }

    pub fn reopen(&self) -> Result<PgStore> {
        PgStore::open(self.target)
    }

    pub fn max_seq(&self) -> Result<i64> {
        get(
            &self.c().one(
                "SELECT COALESCE(MAX(seq), 0)::bigint FROM ledger_entries",
                &[],
            )?,
            0,
        )
    }

    pub fn entry_before(&self, seq: i64) -> Result<(i64, [u8; 32])> {
        Ok(
            match self.c().opt(
                "SELECT seq, hash FROM ledger_entries WHERE seq < $1 ORDER BY seq DESC LIMIT 1",
                &[&seq],
            )? {
                Some(r) => (get(&r, 0)?, to32(get::<&[u8]>(&r, 1)?)),
                None => (0, crate::ledger::chain::GENESIS),
            },
        )
    }

    pub fn hash_at(&self, seq: i64) -> Result<Option<[u8; 32]>> {
        self.c()
            .opt("SELECT hash FROM ledger_entries WHERE seq = $1", &[&seq])?
            .map(|r| Ok(to32(get::<&[u8]>(&r, 0)?)))
            .transpose()
    }

    /// Store an evidence file inside this transaction (taken back with it when it does not
    /// commit).
    pub fn put_evidence(&self, st: &mut Staged) -> Result<()> {
        put_evidence(&mut self.c(), st)
    }

    pub fn read_evidence(&self, sha256: &[u8; 32], out: &mut dyn std::io::Write) -> Result<bool> {
        read_blob(&mut self.c(), sha256, out)
    }

    pub fn evidence_hash(&self, sha256: &[u8; 32]) -> Result<Option<[u8; 32]>> {
        evidence_hash(&mut self.c(), sha256)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted_in_both_forms() {
        assert_eq!(
            redact("postgresql://ccc:s3cret@db.example:5432/ccc?sslmode=disable"),
            "postgresql://ccc:***@db.example:5432/ccc?sslmode=disable"
        );
        assert_eq!(
            redact("postgres://ccc@localhost/ccc?password=s3cret&connect_timeout=5"),
            "postgres://ccc@localhost/ccc?password=***&connect_timeout=5"
        );
        assert_eq!(
            redact("host=localhost user=ccc password=s3cret dbname=ccc"),
            "host=localhost user=ccc password=*** dbname=ccc"
        );
        assert_eq!(
            redact("postgresql://localhost/ccc"),
            "postgresql://localhost/ccc"
        );
        let t = PgTarget::new("postgresql://ccc:s3cret@127.0.0.1:1/ccc", None).unwrap();
        assert!(!format!("{t:?}").contains("s3cret"));
        assert!(!t.tried().contains("s3cret"));
    }

    #[test]
    fn tls_required_is_refused_with_a_message() {
        let e = PgTarget::new("postgresql://ccc:pw@h/ccc?sslmode=require", None).unwrap_err();
        assert_eq!(e.exit_code(), 3);
        assert!(e.to_string().contains("TLS"), "{e}");
        assert!(!e.to_string().contains(":pw@"), "{e}");
    }

    #[test]
    fn the_schema_mirrors_the_sqlite_migrations() {
        assert_eq!(schema_version(), super::super::schema_version());
    }
}

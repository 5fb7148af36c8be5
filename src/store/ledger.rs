//! Certificates and the ledger: all their SQL.
//!
//! Writes go through `SqliteTx`, one IMMEDIATE transaction (concurrent writers queue on the busy
//! timeout instead of failing half-way). The store executes; the rules live in `crate::ledger`.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, TransactionBehavior, params};

use super::SqliteStore;
use crate::error::{Error, Result};
use crate::ledger::balance::{Balance, CachedBalance, SealedBalance, TimelineItem};
use crate::ledger::entry::{CertLine, Certificate, Entry, FrozenFile};
use crate::ledger::kind::Kind;

use crate::ledger::date::{parse_ymd as parse_date, ymd as fmt_date};

fn to32(v: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    if v.len() == 32 {
        out.copy_from_slice(v);
    }
    out
}

fn bad_row(what: &str, detail: String) -> Error {
    Error::Storage(format!(
        "the ledger holds a malformed {what} ({detail}); run `ccc-exempt ledger verify`"
    ))
}

/// The stored running balance of one certificate line (a value of the ledger's, kept here).
pub use crate::ledger::balance::StoredBalance;

/// Filters of `ledger list`.
#[derive(Debug, Clone, Default)]
pub struct EntryFilter {
    pub cert_no: Option<String>,
    pub line: Option<i64>,
    pub kinds: Vec<Kind>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub limit: Option<i64>,
}

/// An entry decoded, or the reason it cannot be.
type Scanned = std::result::Result<Entry, (i64, String)>;

const ENTRY_COLS: &str = "seq, cert_no, line, kind, qty, date, recorded_at, doc_no, location, operator, note, idem_key, reverses, hash, evidence";

/// An entry to be filled from a row (`fill_entry`), reused across rows when scanning.
fn blank_entry(seq: i64) -> Entry {
    Entry {
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
    }
}

fn decode_entry(r: &Row<'_>) -> rusqlite::Result<Scanned> {
    let seq: i64 = r.get(0)?;
    let mut e = blank_entry(seq);
    Ok(match fill_entry(&mut e, r) {
        Ok(()) => Ok(e),
        Err(why) => Err((seq, why)),
    })
}

fn set_str(dst: &mut String, v: rusqlite::types::ValueRef<'_>) -> std::result::Result<(), String> {
    dst.clear();
    match v {
        rusqlite::types::ValueRef::Text(t) => {
            dst.push_str(std::str::from_utf8(t).map_err(|_| "text that is not UTF-8".to_string())?);
            Ok(())
        }
        other => Err(format!("a {:?} where text belongs", other.data_type())),
    }
}

fn set_opt(
    dst: &mut Option<String>,
    v: rusqlite::types::ValueRef<'_>,
) -> std::result::Result<(), String> {
    if let rusqlite::types::ValueRef::Null = v {
        *dst = None;
        return Ok(());
    }
    let s = dst.get_or_insert_with(String::new);
    set_str(s, v)
}

fn int(v: rusqlite::types::ValueRef<'_>) -> std::result::Result<i64, String> {
    match v {
        rusqlite::types::ValueRef::Integer(i) => Ok(i),
        other => Err(format!(
            "a {:?} where a whole number belongs",
            other.data_type()
        )),
    }
}

/// Decode a row of `ENTRY_COLS` into `e`, reusing its buffers.
fn fill_entry(e: &mut Entry, r: &Row<'_>) -> std::result::Result<(), String> {
    let g = |i: usize| r.get_ref(i).map_err(|x| x.to_string());
    e.seq = int(g(0)?)?;
    set_str(&mut e.cert_no, g(1)?)?;
    e.line = int(g(2)?)?;
    let kind = match g(3)? {
        rusqlite::types::ValueRef::Text(t) => {
            std::str::from_utf8(t).ok().and_then(Kind::from_stored)
        }
        _ => None,
    };
    e.kind = kind.ok_or("an unknown kind")?;
    e.qty = int(g(4)?)?;
    e.date = match g(5)? {
        rusqlite::types::ValueRef::Text(t) => std::str::from_utf8(t).ok().and_then(parse_date),
        _ => None,
    }
    .ok_or("a malformed date")?;
    set_str(&mut e.recorded_at, g(6)?)?;
    set_opt(&mut e.doc_no, g(7)?)?;
    set_opt(&mut e.location, g(8)?)?;
    set_opt(&mut e.operator, g(9)?)?;
    set_opt(&mut e.note, g(10)?)?;
    set_opt(&mut e.idem_key, g(11)?)?;
    e.reverses = match g(12)? {
        rusqlite::types::ValueRef::Null => None,
        v => Some(int(v)?),
    };
    e.hash = match g(13)? {
        rusqlite::types::ValueRef::Blob(b) if b.len() == 32 => to32(b),
        _ => return Err("a hash that is not 32 bytes".into()),
    };
    match g(14)? {
        rusqlite::types::ValueRef::Null => e.evidence.clear(),
        rusqlite::types::ValueRef::Blob(b) => {
            crate::ledger::chain::read_evidence(b, &mut e.evidence).ok_or("malformed evidence")?
        }
        _ => return Err("malformed evidence".into()),
    }
    Ok(())
}

/// The certificates in force: as recorded, with their `amend` and `void` entries applied
/// (`crate::ledger::revision`).
fn load_certificates(conn: &rusqlite::Connection, only: Option<&str>) -> Result<Vec<Certificate>> {
    let mut certs = load_recorded(conn, only)?;
    if certs.is_empty() {
        return Ok(certs);
    }
    // `+seq`: ordered by a sort of the few revisions the partial index `ledger_revisions`
    // finds, not by a walk of the whole table in number order (which SQLite's planner prefers
    // for `ORDER BY seq`: a full scan of a large ledger, three times per `ledger verify`).
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ENTRY_COLS} FROM ledger_entries
         WHERE kind IN ('amend', 'void') AND (?1 IS NULL OR cert_no = ?1) ORDER BY +seq"
    ))?;
    let mut revisions = Vec::new();
    for r in stmt.query_map([only], decode_entry)? {
        match r? {
            Ok(e) => revisions.push(e),
            Err((seq, why)) => return Err(bad_row("entry", format!("#{seq}: {why}"))),
        }
    }
    if !revisions.is_empty() {
        for c in &mut certs {
            crate::ledger::revision::apply(c, &revisions);
        }
    }
    Ok(certs)
}

/// The registered number of the certificate whose number in force is `number` after an
/// amendment changed it.
fn registered_no(conn: &rusqlite::Connection, number: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT cert_no FROM ledger_entries
             WHERE kind IN ('amend', 'void') AND line = 0 AND doc_no = ?1
             ORDER BY +seq DESC LIMIT 1",
            [number],
            |r| r.get(0),
        )
        .optional()?)
}

/// A certificate in force by its registered number or by the number an amendment gave it.
fn certificate_by_number(conn: &rusqlite::Connection, number: &str) -> Result<Option<Certificate>> {
    if let Some(c) = load_certificates(conn, Some(number))?.pop() {
        return Ok(Some(c));
    }
    let Some(reg) = registered_no(conn, number)? else {
        return Ok(None);
    };
    Ok(load_certificates(conn, Some(&reg))?
        .pop()
        .filter(|c| c.number() == number))
}

/// The certificates as the certificates table recorded them at approval (what a `certify`
/// entry's hash covers).
fn load_recorded(conn: &rusqlite::Connection, only: Option<&str>) -> Result<Vec<Certificate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT cert_no, application_id, condition, issued_on, approved_at, application_sha256,
                package_sha256, export_due, exhibition_end
         FROM certificates WHERE (?1 IS NULL OR cert_no = ?1) ORDER BY issued_on, cert_no",
    )?;
    let rows = stmt
        .query_map([only], |r| {
            let sha: Vec<u8> = r.get(5)?;
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                sha,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, Option<String>>(8)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (cert_no, app, cond, issued, approved_at, sha, pkg, export_due, exh_end) in rows {
        let issued_on = parse_date(&issued)
            .ok_or_else(|| bad_row("certificate", format!("{cert_no}: issue date {issued:?}")))?;
        let mut lines_stmt = conn.prepare_cached(
            "SELECT line, name, model, unit, applied, certified FROM certificate_lines
             WHERE cert_no = ?1 ORDER BY line",
        )?;
        let lines = lines_stmt
            .query_map([&cert_no], |r| {
                Ok(CertLine {
                    line: r.get(0)?,
                    name: r.get(1)?,
                    model: r.get(2)?,
                    unit: r.get(3)?,
                    applied: r.get(4)?,
                    certified: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut files_stmt = conn.prepare_cached(
            "SELECT path, sha256, size FROM certificate_files WHERE cert_no = ?1 ORDER BY path",
        )?;
        let files = files_stmt
            .query_map([&cert_no], |r| {
                let sha: Vec<u8> = r.get(1)?;
                let size: i64 = r.get(2)?;
                Ok(FrozenFile {
                    path: r.get(0)?,
                    sha256: to32(&sha),
                    size: size.max(0) as u64,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.push(Certificate {
            cert_no,
            application_id: app,
            condition: cond,
            issued_on,
            approved_at,
            application_sha256: to32(&sha),
            package_sha256: pkg,
            export_due: export_due.as_deref().and_then(parse_date),
            exhibition_end: exh_end.as_deref().and_then(parse_date),
            lines,
            files,
            amended_no: None,
            revisions: Vec::new(),
            voided: false,
        });
    }
    Ok(out)
}

fn load_balances(conn: &rusqlite::Connection, cert: Option<&str>) -> Result<Vec<StoredBalance>> {
    Ok(load_balance_rows(conn, cert)?
        .into_iter()
        .map(|r| r.stored)
        .collect())
}

fn load_balance_rows(
    conn: &rusqlite::Connection,
    cert: Option<&str>,
) -> Result<Vec<CachedBalance>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.cert_no, b.line, received, in_stock, issued, used, reexported, scrapped, exported,
                last_date, entries, seal_seq, digest
         FROM ledger_balances b JOIN certificates c ON c.cert_no = b.cert_no
         WHERE (?1 IS NULL OR b.cert_no = ?1)
         ORDER BY c.issued_on, b.cert_no, b.line",
    )?;
    let rows = stmt
        .query_map([cert], |r| {
            let last: Option<String> = r.get(9)?;
            // A digest that is not a blob (written behind the tool's back) never matches.
            let digest = match r.get_ref(12)? {
                rusqlite::types::ValueRef::Null => None,
                rusqlite::types::ValueRef::Blob(b) => Some(b.to_vec()),
                _ => Some(Vec::new()),
            };
            Ok(CachedBalance {
                stored: StoredBalance {
                    cert_no: r.get(0)?,
                    line: r.get(1)?,
                    balance: Balance {
                        received: r.get(2)?,
                        in_stock: r.get(3)?,
                        issued: r.get(4)?,
                        used: r.get(5)?,
                        reexported: r.get(6)?,
                        scrapped: r.get(7)?,
                        exported: r.get(8)?,
                    },
                    last_date: last.as_deref().and_then(parse_date),
                    entries: r.get(10)?,
                },
                seal_seq: r.get(11)?,
                digest,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn entry_where(
    conn: &rusqlite::Connection,
    clause: &str,
    p: impl rusqlite::Params,
) -> Result<Option<Entry>> {
    let sql = format!("SELECT {ENTRY_COLS} FROM ledger_entries WHERE {clause}");
    let row = conn.query_row(&sql, p, decode_entry).optional()?;
    match row {
        None => Ok(None),
        Some(Err((seq, why))) => Err(bad_row("entry", format!("#{seq}: {why}"))),
        Some(Ok(e)) => Ok(Some(e)),
    }
}

impl SqliteStore {
    /// Start a ledger write: one IMMEDIATE transaction.
    pub fn ledger_tx(&mut self) -> Result<SqliteTx<'_>> {
        // A large import touches many pages: a bigger cache keeps them from spilling to the
        // WAL in the middle of the transaction.
        self.conn.execute_batch("PRAGMA cache_size = -65536")?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        Ok(SqliteTx { tx })
    }

    /// A second connection to the same database (for a reader thread).
    pub fn reopen(&self) -> Result<SqliteStore> {
        let path = self
            .conn
            .path()
            .filter(|p| !p.is_empty())
            .ok_or_else(|| Error::Storage("the workspace database has no path".into()))?;
        SqliteStore::open(std::path::Path::new(path))
    }

    /// A consistent read of the whole ledger (one read transaction).
    pub fn ledger_snapshot(&mut self) -> Result<SqliteTx<'_>> {
        // Read pages through a memory map rather than a system call each.
        let _: i64 = self
            .conn
            .query_row("PRAGMA mmap_size = 4294967296", [], |r| r.get(0))
            .unwrap_or(0);
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)?;
        // Take the read snapshot now.
        tx.query_row("SELECT COUNT(*) FROM certificates", [], |r| {
            r.get::<_, i64>(0)
        })?;
        Ok(SqliteTx { tx })
    }

    pub fn certificates(&self) -> Result<Vec<Certificate>> {
        load_certificates(&self.conn, None)
    }

    /// A certificate in force, by its registered number or the number an amendment gave it.
    pub fn certificate(&self, cert_no: &str) -> Result<Option<Certificate>> {
        certificate_by_number(&self.conn, cert_no)
    }

    /// The certificate of an application, if it was approved.
    pub fn certificate_of(&self, application_id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT cert_no FROM certificates WHERE application_id = ?1",
                [application_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn balances(&self, cert_no: Option<&str>) -> Result<Vec<StoredBalance>> {
        load_balances(&self.conn, cert_no)
    }

    /// The write-off date of every written-off certificate.
    pub fn closures(&self) -> Result<HashMap<String, NaiveDate>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT cert_no, date FROM ledger_entries WHERE kind = 'close'")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(c, d)| parse_date(&d).map(|d| (c, d)))
            .collect())
    }

    /// (number of entries, head hash).
    pub fn ledger_head(&self) -> Result<(i64, [u8; 32])> {
        head(&self.conn)
    }

    /// The entries matching a filter, in number order (the latest `limit` when given).
    pub fn entries(&self, f: &EntryFilter) -> Result<Vec<Entry>> {
        let kinds: Vec<&str> = f.kinds.iter().map(|k| k.as_str()).collect();
        let kinds_csv = kinds.join(",");
        let sql = format!(
            "SELECT {ENTRY_COLS} FROM (
               SELECT {ENTRY_COLS} FROM ledger_entries
               WHERE (?1 IS NULL OR cert_no = ?1)
                 AND (?2 IS NULL OR line = ?2)
                 AND (?3 = '' OR instr(',' || ?3 || ',', ',' || kind || ',') > 0)
                 AND (?4 IS NULL OR date >= ?4)
                 AND (?5 IS NULL OR date <= ?5)
               ORDER BY seq DESC LIMIT ?6
             ) ORDER BY seq"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map(
                params![
                    f.cert_no,
                    f.line,
                    kinds_csv,
                    f.from.map(fmt_date),
                    f.to.map(fmt_date),
                    f.limit.unwrap_or(-1)
                ],
                decode_entry,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            match r {
                Ok(e) => out.push(e),
                Err((seq, why)) => return Err(bad_row("entry", format!("#{seq}: {why}"))),
            }
        }
        Ok(out)
    }

    /// The final dispositions recorded past the application's commitment (`--deviation`) and
    /// not reversed, in number order.
    pub fn deviations(&self) -> Result<Vec<Entry>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ENTRY_COLS} FROM ledger_entries e
             WHERE kind IN ('use','reexport','scrap','export') AND note LIKE ?1
               AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses = e.seq)
             ORDER BY seq"
        ))?;
        let pattern = format!("{}%", crate::ledger::movement::DEVIATION);
        let mut out = Vec::new();
        for r in stmt.query_map([pattern], decode_entry)? {
            match r? {
                Ok(e) => out.push(e),
                Err((seq, why)) => return Err(bad_row("entry", format!("#{seq}: {why}"))),
            }
        }
        Ok(out)
    }

    /// The SHA-256 (hex) of the application's latest package receipt, if it was packaged. Drafts
    /// are not for upload, so they do not count.
    pub fn latest_package_sha256(&self, application_id: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row(
                "SELECT zip_sha256 FROM packages WHERE application_id = ?1 AND draft = 0
                 ORDER BY id DESC LIMIT 1",
                [application_id],
                |r| r.get(0),
            )
            .optional()?)
    }
}

fn head(conn: &rusqlite::Connection) -> Result<(i64, [u8; 32])> {
    let row: Option<(i64, Vec<u8>)> = conn
        .query_row(
            "SELECT seq, hash FROM ledger_entries ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(match row {
        Some((seq, h)) => (seq, to32(&h)),
        None => (0, crate::ledger::chain::GENESIS),
    })
}

/// Entries per INSERT statement when appending many.
pub const ROWS_PER_INSERT: usize = 32;

/// The INSERT of one entry, and of `ROWS_PER_INSERT` entries (built once).
fn insert_sql(many: bool) -> &'static str {
    static ONE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    static MANY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    const COLS: &str = "(seq, cert_no, line, kind, qty, date, recorded_at, doc_no, location, operator, note, idem_key, reverses, hash, evidence)";
    if many {
        MANY.get_or_init(|| multi_insert_sql(COLS, ROWS_PER_INSERT))
    } else {
        ONE.get_or_init(|| multi_insert_sql(COLS, 1))
    }
}

/// `(?1,…,?cols),(…)…` for `rows` rows.
fn placeholders(rows: usize, cols: usize) -> String {
    let mut sql = String::new();
    for r in 0..rows {
        if r > 0 {
            sql.push(',');
        }
        sql.push('(');
        for c in 0..cols {
            if c > 0 {
                sql.push(',');
            }
            sql.push_str(&format!("?{}", r * cols + c + 1));
        }
        sql.push(')');
    }
    sql
}

fn multi_insert_sql(cols: &str, rows: usize) -> String {
    let mut sql = format!("INSERT INTO ledger_entries{cols} VALUES ");
    sql.push_str(&placeholders(rows, ENTRY_PARAMS));
    sql
}

/// Parameters of one entry in an INSERT.
const ENTRY_PARAMS: usize = 15;

fn bind_entry(
    stmt: &mut rusqlite::Statement<'_>,
    base: usize,
    e: &Entry,
    ev_buf: &mut Vec<u8>,
) -> Result<()> {
    let date = crate::ledger::date::ymd_bytes(e.date);
    let date = std::str::from_utf8(&date).unwrap_or("0000-00-00");
    stmt.raw_bind_parameter(base + 1, e.seq)?;
    stmt.raw_bind_parameter(base + 2, e.cert_no.as_str())?;
    stmt.raw_bind_parameter(base + 3, e.line)?;
    stmt.raw_bind_parameter(base + 4, e.kind.as_str())?;
    stmt.raw_bind_parameter(base + 5, e.qty)?;
    stmt.raw_bind_parameter(base + 6, date)?;
    stmt.raw_bind_parameter(base + 7, e.recorded_at.as_str())?;
    stmt.raw_bind_parameter(base + 8, e.doc_no.as_deref())?;
    stmt.raw_bind_parameter(base + 9, e.location.as_deref())?;
    stmt.raw_bind_parameter(base + 10, e.operator.as_deref())?;
    stmt.raw_bind_parameter(base + 11, e.note.as_deref())?;
    stmt.raw_bind_parameter(base + 12, e.idem_key.as_deref())?;
    stmt.raw_bind_parameter(base + 13, e.reverses)?;
    stmt.raw_bind_parameter(base + 14, &e.hash[..])?;
    if e.evidence.is_empty() {
        stmt.raw_bind_parameter(base + 15, rusqlite::types::Null)?;
    } else {
        ev_buf.clear();
        crate::ledger::chain::put_evidence(ev_buf, &e.evidence);
        stmt.raw_bind_parameter(base + 15, &ev_buf[..])?;
    }
    Ok(())
}

/// One ledger transaction.
pub struct SqliteTx<'a> {
    tx: rusqlite::Transaction<'a>,
}

impl SqliteTx<'_> {
    pub fn commit(self) -> Result<()> {
        self.tx.commit()?;
        Ok(())
    }

    pub fn rollback(self) -> Result<()> {
        self.tx.rollback()?;
        Ok(())
    }

    pub fn head(&self) -> Result<(i64, [u8; 32])> {
        head(&self.tx)
    }

    /// A certificate in force, by its registered number or the number an amendment gave it.
    pub fn certificate(&self, cert_no: &str) -> Result<Option<Certificate>> {
        certificate_by_number(&self.tx, cert_no)
    }

    /// The certificate recorded for an application (its registered number), if any.
    pub fn certificate_of(&self, application_id: &str) -> Result<Option<String>> {
        Ok(self
            .tx
            .query_row(
                "SELECT cert_no FROM certificates WHERE application_id = ?1",
                [application_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The first movement recorded on a certificate (reversed or not): (number, kind, date).
    pub fn first_movement(&self, cert_no: &str) -> Result<Option<(i64, Kind, NaiveDate)>> {
        let row: Option<(i64, String, String)> = self
            .tx
            .query_row(
                "SELECT seq, kind, date FROM ledger_entries
                 WHERE cert_no = ?1
                   AND kind IN ('inbound','issue','return','use','reexport','scrap','export')
                 ORDER BY seq LIMIT 1",
                [cert_no],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        match row {
            None => Ok(None),
            Some((seq, kind, date)) => match (Kind::from_stored(&kind), parse_date(&date)) {
                (Some(k), Some(d)) => Ok(Some((seq, k, d))),
                _ => Err(bad_row("entry", format!("#{seq}"))),
            },
        }
    }

    /// The status an application had before its latest status change (the decision a void
    /// takes back).
    pub fn status_before(&self, id: &str) -> Result<Option<crate::model::status::Status>> {
        let from: Option<Option<String>> = self
            .tx
            .query_row(
                "SELECT from_status FROM status_events WHERE application_id = ?1
                 ORDER BY id DESC LIMIT 1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(from
            .flatten()
            .and_then(|s| crate::model::status::Status::parse(&s)))
    }

    /// The SHA-256 (hex) of the application's latest non-draft package, if any.
    pub fn latest_package_sha256(&self, application_id: &str) -> Result<Option<String>> {
        Ok(self
            .tx
            .query_row(
                "SELECT zip_sha256 FROM packages WHERE application_id = ?1 AND draft = 0
                 ORDER BY id DESC LIMIT 1",
                [application_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn certificates(&self) -> Result<Vec<Certificate>> {
        load_certificates(&self.tx, None)
    }

    /// The certificates as recorded at approval, without their amendments (what the `certify`
    /// entries' hashes cover).
    pub fn certificates_as_recorded(&self) -> Result<Vec<Certificate>> {
        load_recorded(&self.tx, None)
    }

    pub fn certificate_exists(&self, cert_no: &str) -> Result<bool> {
        Ok(self
            .tx
            .query_row(
                "SELECT 1 FROM certificates WHERE cert_no = ?1",
                [cert_no],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    pub fn balances(&self, cert_no: Option<&str>) -> Result<Vec<StoredBalance>> {
        load_balances(&self.tx, cert_no)
    }

    /// The balance rows as stored, with their seals (`seal_seq`, `digest`).
    pub fn balance_rows(&self, cert_no: Option<&str>) -> Result<Vec<CachedBalance>> {
        load_balance_rows(&self.tx, cert_no)
    }

    /// The highest number of an entry on each line of a certificate among the entries numbered
    /// after `after` (a range of the table from `after` on: as short as the certificate's rows
    /// are fresh).
    pub fn line_heads_after(&self, cert_no: &str, after: i64) -> Result<HashMap<i64, i64>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT line, MAX(seq) FROM ledger_entries WHERE seq > ?1 AND cert_no = ?2 GROUP BY line",
        )?;
        let rows = stmt
            .query_map(params![after, cert_no], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<HashMap<i64, i64>>>()?;
        Ok(rows)
    }

    /// Whether a certificate line has any entry (a scan of the table when it has none: for a
    /// line whose balance row is missing, never on the way of an intact ledger).
    pub fn line_has_entries(&self, cert_no: &str, line: i64) -> Result<Option<i64>> {
        Ok(self
            .tx
            .query_row(
                "SELECT seq FROM ledger_entries WHERE cert_no = ?1 AND line = ?2 LIMIT 1",
                params![cert_no, line],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The number of the write-off entry of a certificate, if it was written off.
    pub fn closed(&self, cert_no: &str) -> Result<Option<i64>> {
        Ok(self
            .tx
            .query_row(
                "SELECT seq FROM ledger_entries WHERE cert_no = ?1 AND kind = 'close' LIMIT 1",
                [cert_no],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Whether any entry carries an idempotency key (if none, lookups can be skipped).
    pub fn has_keys(&self) -> Result<bool> {
        Ok(self
            .tx
            .query_row(
                "SELECT 1 FROM ledger_entries WHERE idem_key IS NOT NULL LIMIT 1",
                [],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    pub fn entry(&self, seq: i64) -> Result<Option<Entry>> {
        entry_where(&self.tx, "seq = ?1", [seq])
    }

    pub fn entry_by_key(&self, key: &str) -> Result<Option<Entry>> {
        entry_where(&self.tx, "idem_key = ?1", [key])
    }

    /// The reversal of an entry, if it was reversed.
    pub fn reversal_of(&self, seq: i64) -> Result<Option<i64>> {
        Ok(self
            .tx
            .query_row(
                "SELECT seq FROM ledger_entries WHERE reverses = ?1",
                [seq],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The counted (un-reversed) movements of a line.
    pub fn timeline(&self, cert_no: &str, line: i64) -> Result<Vec<TimelineItem>> {
        Ok(self
            .timelines(cert_no, Some(line))?
            .remove(&line)
            .unwrap_or_default())
    }

    /// The counted (un-reversed) movements of every line of a certificate (or of one line), in
    /// one pass over the entries.
    pub fn timelines(
        &self,
        cert_no: &str,
        line: Option<i64>,
    ) -> Result<HashMap<i64, Vec<TimelineItem>>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT e.seq, e.date, e.kind, e.qty, e.line FROM ledger_entries e
             WHERE e.cert_no = ?1 AND (?2 IS NULL OR e.line = ?2)
               AND e.kind IN ('inbound','issue','return','use','reexport','scrap','export')
               AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.reverses = e.seq)",
        )?;
        let rows = stmt
            .query_map(params![cert_no, line], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out: HashMap<i64, Vec<TimelineItem>> = HashMap::new();
        for (seq, date, kind, qty, line) in rows {
            let (Some(date), Some(kind)) = (parse_date(&date), Kind::from_stored(&kind)) else {
                return Err(bad_row("entry", format!("#{seq}")));
            };
            out.entry(line).or_default().push(TimelineItem {
                date,
                seq,
                kind,
                qty,
            });
        }
        Ok(out)
    }

    /// Append entries (in number order) and their evidence, several rows per statement: a
    /// million-row import spends less time entering and leaving SQLite's engine.
    pub fn insert_entries(&self, entries: &[Entry]) -> Result<()> {
        let mut ev_buf = Vec::new();
        let mut chunks = entries.chunks_exact(ROWS_PER_INSERT);
        for chunk in chunks.by_ref() {
            let mut stmt = self.tx.prepare_cached(insert_sql(true))?;
            for (r, e) in chunk.iter().enumerate() {
                bind_entry(&mut stmt, r * ENTRY_PARAMS, e, &mut ev_buf)?;
            }
            stmt.raw_execute()?;
        }
        for e in chunks.remainder() {
            let mut stmt = self.tx.prepare_cached(insert_sql(false))?;
            bind_entry(&mut stmt, 0, e, &mut ev_buf)?;
            stmt.raw_execute()?;
        }
        Ok(())
    }

    /// Write the running balance of a line with its seal.
    pub fn put_balance(&self, sealed: &SealedBalance) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO ledger_balances(cert_no, line, received, in_stock, issued, used, reexported,
                 scrapped, exported, last_date, entries, seal_seq, digest)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
             ON CONFLICT(cert_no, line) DO UPDATE SET received = ?3, in_stock = ?4, issued = ?5,
                 used = ?6, reexported = ?7, scrapped = ?8, exported = ?9, last_date = ?10,
                 entries = ?11, seal_seq = ?12, digest = ?13",
        )?;
        let b = &sealed.stored;
        let x = &b.balance;
        stmt.execute(params![
            b.cert_no,
            b.line,
            x.received,
            x.in_stock,
            x.issued,
            x.used,
            x.reexported,
            x.scrapped,
            x.exported,
            b.last_date.map(fmt_date),
            b.entries,
            sealed.seal_seq,
            &sealed.digest[..]
        ])?;
        Ok(())
    }

    /// Record a certificate with its lines and frozen files.
    pub fn insert_certificate(&self, c: &Certificate) -> Result<()> {
        self.tx.execute(
            "INSERT INTO certificates(cert_no, application_id, condition, issued_on, approved_at,
                 application_sha256, package_sha256, export_due, exhibition_end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                c.cert_no,
                c.application_id,
                c.condition,
                fmt_date(c.issued_on),
                c.approved_at,
                &c.application_sha256[..],
                c.package_sha256,
                c.export_due.map(fmt_date),
                c.exhibition_end.map(fmt_date)
            ],
        )?;
        for l in &c.lines {
            self.tx.execute(
                "INSERT INTO certificate_lines(cert_no, line, name, model, unit, applied, certified)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![c.cert_no, l.line, l.name, l.model, l.unit, l.applied, l.certified],
            )?;
        }
        for f in &c.files {
            self.tx.execute(
                "INSERT INTO certificate_files(cert_no, path, sha256, size) VALUES (?1, ?2, ?3, ?4)",
                params![c.cert_no, f.path, &f.sha256[..], f.size as i64],
            )?;
        }
        Ok(())
    }

    /// The status of an application (registering it as a draft first when it is not yet).
    pub fn ensure_application(
        &self,
        id: &str,
        condition: Option<&str>,
        now: &str,
    ) -> Result<crate::model::status::Status> {
        super::applications::ensure_application_on(&self.tx, id, condition, now)
    }

    /// The latest check of an application, with the files it saw (for S003).
    pub fn last_check(&self, id: &str) -> Result<Option<super::applications::CheckRecord>> {
        super::applications::last_check_on(&self.tx, id)
    }

    /// The date of the latest `app submit` of an application (for S004).
    pub fn submitted_on(&self, id: &str) -> Result<Option<NaiveDate>> {
        super::applications::submitted_on(&self.tx, id)
    }

    /// Persist a step of the lifecycle table (`crate::model::status::apply` decided it).
    pub fn set_status(
        &self,
        id: &str,
        step: &crate::model::status::Step,
        now: &str,
        note: Option<&str>,
    ) -> Result<()> {
        super::applications::set_status_tx(&self.tx, id, step, now, note)
    }

    /// Every entry in number order, with its evidence, streamed to `f` (for `ledger verify`).
    /// `lo..=hi` bounds the numbers. The entry passed to `f` is a scratch value reused from row
    /// to row (a million rows are scanned without allocating per row). A row that cannot be
    /// decoded is passed as `Err((seq, why))`.
    pub fn for_each_entry(
        &self,
        lo: i64,
        hi: i64,
        mut f: impl FnMut(std::result::Result<&Entry, (i64, String)>) -> Result<()>,
    ) -> Result<()> {
        let sql = format!(
            "SELECT {ENTRY_COLS} FROM ledger_entries WHERE seq BETWEEN ?1 AND ?2 ORDER BY seq"
        );
        let mut stmt = self.tx.prepare(&sql)?;
        let mut rows = stmt.query([lo, hi])?;
        let mut e = blank_entry(0);
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            match fill_entry(&mut e, r) {
                Ok(()) => f(Ok(&e))?,
                Err(why) => f(Err((seq, why)))?,
            }
        }
        Ok(())
    }

    /// Another connection to the same database.
    pub fn reopen(&self) -> Result<SqliteStore> {
        let path = self
            .tx
            .path()
            .filter(|p| !p.is_empty())
            .ok_or_else(|| Error::Storage("the workspace database has no path".into()))?;
        SqliteStore::open(std::path::Path::new(path))
    }

    /// The highest entry number (0 when empty).
    pub fn max_seq(&self) -> Result<i64> {
        Ok(self.tx.query_row(
            "SELECT COALESCE(MAX(seq), 0) FROM ledger_entries",
            [],
            |r| r.get(0),
        )?)
    }

    /// The (number, stored hash) of the last entry before `seq` ((0, zeros) when none).
    pub fn entry_before(&self, seq: i64) -> Result<(i64, [u8; 32])> {
        let row: Option<(i64, Vec<u8>)> = self
            .tx
            .query_row(
                "SELECT seq, hash FROM ledger_entries WHERE seq < ?1 ORDER BY seq DESC LIMIT 1",
                [seq],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(row.map_or((0, crate::ledger::chain::GENESIS), |(s, h)| (s, to32(&h))))
    }

    /// The stored hash of entry `seq`.
    pub fn hash_at(&self, seq: i64) -> Result<Option<[u8; 32]>> {
        let h: Option<Vec<u8>> = self
            .tx
            .query_row(
                "SELECT hash FROM ledger_entries WHERE seq = ?1",
                [seq],
                |r| r.get(0),
            )
            .optional()?;
        Ok(h.map(|h| to32(&h)))
    }
}

/// What `SqliteStore::backup_verified` wrote and checked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BackupReport {
    pub bytes: u64,
    pub entries: i64,
    #[serde(serialize_with = "ser_hex32")]
    pub head: [u8; 32],
    pub integrity: String,
}

fn ser_hex32<S: serde::Serializer>(v: &[u8; 32], s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&crate::util::hex::hex(v))
}

impl SqliteStore {
    /// A consistent, verified copy of the database at `dest`: the online backup API from one read
    /// snapshot into a temporary file next to `dest`, switched to a self-contained rollback
    /// journal, checked (`integrity_check`, and the same ledger head as the snapshot), then
    /// renamed into place. Nothing is left at `dest` when any step fails.
    pub fn backup_verified(&self, dest: &std::path::Path) -> Result<BackupReport> {
        use rusqlite::backup::Backup;
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        let (tmp, file) =
            crate::util::files::tempfile_in(&dir).map_err(|e| Error::input_io(&dir, e))?;
        drop(file);
        let cleanup = |e: Error| {
            let _ = std::fs::remove_file(&tmp);
            let _ = std::fs::remove_file(tmp.with_extension("db-journal"));
            e
        };
        // One read snapshot for both the head and the copy.
        self.conn
            .execute_batch("BEGIN")
            .map_err(|e| cleanup(e.into()))?;
        let result = (|| -> Result<BackupReport> {
            let (entries, head_hash) = head(&self.conn)?;
            let mut out = rusqlite::Connection::open(&tmp)
                .map_err(|e| Error::Storage(format!("cannot create {}: {e}", tmp.display())))?;
            {
                let b = Backup::new(&self.conn, &mut out)?;
                b.run_to_completion(1024, std::time::Duration::from_millis(0), None)?;
            }
            let _: String = out.query_row("PRAGMA journal_mode=DELETE", [], |r| r.get(0))?;
            let integrity: String = out.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            if integrity != "ok" {
                return Err(Error::Storage(format!(
                    "the backup failed its integrity check ({integrity}); nothing was written"
                )));
            }
            let (n, h) = head(&out)?;
            if (n, h) != (entries, head_hash) {
                return Err(Error::Storage(format!(
                    "the backup's ledger head (#{n}) differs from the workspace's (#{entries}); nothing was written"
                )));
            }
            drop(out);
            Ok(BackupReport {
                bytes: 0,
                entries,
                head: head_hash,
                integrity,
            })
        })();
        let _ = self.conn.execute_batch("COMMIT");
        let mut report = result.map_err(cleanup)?;
        let sync = std::fs::OpenOptions::new()
            .read(true)
            .open(&tmp)
            .and_then(|f| {
                f.sync_all()?;
                f.metadata()
            })
            .map_err(|e| cleanup(Error::storage_io(&tmp, e)))?;
        report.bytes = sync.len();
        std::fs::rename(&tmp, dest).map_err(|e| cleanup(Error::input_io(dest, e)))?;
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(report)
    }
}

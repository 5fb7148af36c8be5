//! A ledger write session: one IMMEDIATE transaction in which movements are checked against
//! every rule and appended to the chain. `ledger add`, `ledger import`, `ledger reverse` and
//! `ledger close` all go through it, so a movement meets the same rules however it arrives. The
//! rules themselves are `crate::ledger` (`movement`, `rules`, `balance`); the session loads the
//! state they judge from the store and keeps it while the transaction is open.
//!
//! # What decides a refusal
//!
//! The refusals that depend on a line's balance (L002, L003, and L010 through the write-off)
//! decide from the entries, never from the `ledger_balances` cache on its say-so: an UPDATE
//! behind the tool's back can change a cache row, and the entries are what the chain protects.
//! Recomputing every line from all its entries each time would make one `ledger add` into a
//! large ledger as slow as replaying it, so each cache row carries a seal (migration 005): the
//! number of the ledger's last entry when the row was written (`seal_seq`) and a digest, SHA-256
//! over a domain tag, that number, that entry's stored chain hash, the certificate, the line and
//! every value of the row (`chain::balance_digest`, documented in `docs/ledger.md`). When the
//! session loads a certificate:
//!
//! - a row is trusted (the fast path) when its digest holds (one lookup of entry `seal_seq`'s
//!   hash by number and one SHA-256) and no entry on its line is numbered after `seal_seq` (one
//!   range scan of the entries after the certificate's seal, which every session that writes the
//!   certificate moves to the head: empty for the certificate last written, as long as the
//!   entries since its last write otherwise). The second half is what stops a row copied back
//!   from an earlier state: its digest still holds for the entry it names, but the line moved on
//!   since. The range scan stands in for an index of entries by line, which would cost every
//!   insert of a large import a second B-tree.
//! - any other row (a NULL seal from an older database, a changed value, a stale row) is
//!   recomputed from the line's entries. Values that differ stop the command (exit 3, nothing
//!   written); values that agree (an unsealed row of an older database) are used, and the row is
//!   sealed with this session's writes.
//! - a line without a row is refused (exit 3) when it has entries: a deleted row must not read
//!   as an empty balance (L002 would then accept inbound beyond the certified quantity).
//!
//! Every row of every certificate this session loaded is written with its writes, sealed to the
//! ledger's last entry: `flush_balances` for `ledger add`, `reverse` and `close`,
//! `changed_balances` for the writer thread of `ledger import`.
//!
//! What the seal does not stop: the digest is not keyed, so someone who reads `docs/ledger.md`
//! and computes a SHA-256 can write a row with false values and a matching digest, exactly as
//! they could rewrite the entries and their chain hashes. The answer to such a forger is the same
//! for both: a rewritten chain is caught by `ledger verify --against` an auditor's checkpoint
//! (`ledger checkpoint`, kept outside the workspace), and a forged cache row by `ledger verify`
//! itself, which recomputes every line from its entries and names the row (L112) and any movement
//! the row let through (L111, a balance negative or over certified at that entry). Likewise an
//! entry changed in place with its stored hash left alone is named by `ledger verify` (L101), not
//! by the session, which reads entries without hashing them again.

use crate::model::codes::Code;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::application::Condition;
use crate::error::{Error, Result};
use crate::ledger::balance::{Balance, SealedBalance, Timeline, TimelineItem};
use crate::ledger::chain;
use crate::ledger::entry::{Certificate, Entry};
use crate::ledger::evidence::{self, FileInfo, Staged};
use crate::ledger::kind::Kind;
use crate::ledger::movement::{
    Checked, Movement, build_entry, cache_disagrees, cache_missing, check_commitment, inner_code,
    inner_message, l009, line_from_entries, shortfall_error, unknown_certificate,
};
use crate::store::LedgerTx;
use crate::store::ledger::StoredBalance;
use crate::{Lang, Now};

/// What a session needs from the caller.
#[derive(Debug, Clone)]
pub struct Settings<'a> {
    pub lang: Lang,
    pub now: Now,
    pub evidence_dir: &'a Path,
    /// Check everything, write nothing.
    pub dry_run: bool,
}

impl<'a> Settings<'a> {
    /// Settings that write (no dry run).
    pub fn new(lang: Lang, now: Now, evidence_dir: &'a Path) -> Settings<'a> {
        Settings {
            lang,
            now,
            evidence_dir,
            dry_run: false,
        }
    }
}

pub(crate) struct LineState {
    pub certified: i64,
    pub balance: Balance,
    pub last_date: Option<NaiveDate>,
    pub entries: i64,
    /// The counted movements, loaded on the first back-dated movement of the line.
    pub timeline: Option<Timeline>,
    /// Detached sessions: the movements this session counted before `timeline` was loaded.
    pub session_items: Vec<TimelineItem>,
}

impl LineState {
    /// The line's row, sealed to entry `seal` (number, stored hash).
    fn sealed(&self, cert_no: &str, line: i64, seal: (i64, [u8; 32])) -> SealedBalance {
        let stored = StoredBalance {
            cert_no: cert_no.to_string(),
            line,
            balance: self.balance,
            last_date: self.last_date,
            entries: self.entries,
        };
        SealedBalance::new(stored, seal.0, &seal.1)
    }
}

pub(crate) struct CertState {
    pub cert: Certificate,
    pub condition: Condition,
    pub closed: Option<i64>,
    pub lines: HashMap<i64, LineState>,
    /// The final disposition the application committed to (L011), read from application.toml
    /// as approved (kept by its hash beside the evidence); `None` when it made none or the copy
    /// is not kept (approved by an older version).
    pub committed: Option<Kind>,
}

/// A hasher for values that are hashes already.
#[derive(Default)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// A hash of what `Entry::same_content` compares.
fn fingerprint(e: &Entry) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (
        &e.cert_no,
        e.line,
        e.kind,
        e.qty,
        e.date,
        &e.doc_no,
        &e.location,
        &e.operator,
        &e.note,
        e.reverses,
    )
        .hash(&mut h);
    for x in &e.evidence {
        (&x.kind, &x.sha256).hash(&mut h);
    }
    h.finish()
}

fn key_hash(k: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    k.hash(&mut h);
    h.finish()
}

/// The counted movements of one line of a certificate, from `cache`, filled with every line's
/// in one pass the first time.
fn counted_of(
    tx: &LedgerTx<'_>,
    cache: &mut Option<HashMap<i64, Vec<TimelineItem>>>,
    cert_no: &str,
    line: i64,
) -> Result<Vec<TimelineItem>> {
    if cache.is_none() {
        *cache = Some(tx.timelines(cert_no, None)?);
    }
    Ok(cache
        .as_mut()
        .and_then(|t| t.remove(&line))
        .unwrap_or_default())
}

/// L001: a certificate whose approval was voided.
fn voided(c: &Certificate, lang: Lang) -> Error {
    Error::refused(
        Code::L001,
        lang.pick(
            &format!(
                "证明 {} 的批准已作废（申请 {}）：不能登记流水",
                c.cert_no, c.application_id
            ),
            &format!(
                "the approval of certificate {} (application {}) was voided: no movement can be recorded on it",
                c.cert_no, c.application_id
            ),
        ),
    )
}

/// One open write transaction on the ledger.
pub struct Session<'a, 's> {
    pub(crate) tx: LedgerTx<'s>,
    pub(crate) settings: Settings<'a>,
    pub(crate) today: NaiveDate,
    pub(crate) recorded_at: String,
    pub(crate) head_seq: i64,
    pub(crate) head_hash: [u8; 32],
    pub(crate) certs: HashMap<String, Option<CertState>>,
    /// Numbers in force after an amendment → the number the certificate is recorded under.
    aliases: HashMap<String, String>,
    db_has_keys: bool,
    /// Hashes of keys appended in this session (a key not in here and not in the database is new).
    session_keys: HashSet<u64, std::hash::BuildHasherDefault<PassThrough>>,
    /// Evidence files this session put into the store (taken back if it does not commit).
    installed: Vec<PathBuf>,
    buf: Vec<u8>,
    /// Appended entries not yet written (flushed in groups, and before any read that could
    /// need them).
    unwritten: Vec<Entry>,
    /// The last entry written.
    last: Option<Entry>,
    pub appended: usize,
    /// Reads come from a snapshot taken when the write lock was taken, and appended entries go
    /// to `outbox` for a writer on another connection (`ledger import`): what this session
    /// appended is tracked here, since the snapshot does not show it.
    detached: bool,
    outbox: Vec<Entry>,
    /// Detached: key hash → (number, content fingerprint) of the entries appended.
    key_map: HashMap<u64, (i64, u64), std::hash::BuildHasherDefault<PassThrough>>,
}

impl<'a, 's> Session<'a, 's> {
    /// A session whose reads come from `snapshot` (taken after another connection took the
    /// write lock) and whose entries are collected with `take_outbox` for that connection.
    pub fn begin_detached(
        snapshot: LedgerTx<'s>,
        settings: Settings<'a>,
    ) -> Result<Session<'a, 's>> {
        let mut s = Session::begin(snapshot, settings)?;
        s.detached = true;
        Ok(s)
    }

    pub fn begin(tx: LedgerTx<'s>, settings: Settings<'a>) -> Result<Session<'a, 's>> {
        let (head_seq, head_hash) = tx.head()?;
        let db_has_keys = tx.has_keys()?;
        Ok(Session {
            today: settings.now.date(),
            recorded_at: settings.now.rfc3339(),
            tx,
            settings,
            head_seq,
            head_hash,
            certs: HashMap::new(),
            aliases: HashMap::new(),
            db_has_keys,
            session_keys: HashSet::default(),
            installed: Vec::new(),
            buf: Vec::with_capacity(512),
            unwritten: Vec::new(),
            last: None,
            appended: 0,
            detached: false,
            outbox: Vec::new(),
            key_map: HashMap::default(),
        })
    }

    pub(crate) fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// Load (and cache) a certificate with its line balances. L001 when unknown.
    pub(crate) fn cert(&mut self, cert_no: &str) -> Result<&mut CertState> {
        if !self.certs.contains_key(cert_no) {
            let state = match self.tx.certificate(cert_no)? {
                None => None,
                Some(cert) => {
                    let condition = Condition::parse(&cert.condition).ok_or_else(|| {
                        Error::Storage(format!(
                            "certificate {cert_no} names an unknown condition {:?}",
                            cert.condition
                        ))
                    })?;
                    let closed = self.tx.closed(cert_no)?;
                    let lines = self.load_lines(&cert)?;
                    let committed = self
                        .tx
                        .approved_copy(self.settings.evidence_dir, &cert.application_sha256)?
                        .and_then(|b| String::from_utf8(b).ok())
                        .and_then(|t| crate::ledger::movement::committed_disposal(&t, condition));
                    Some(CertState {
                        cert,
                        condition,
                        closed,
                        lines,
                        committed,
                    })
                }
            };
            self.certs.insert(cert_no.to_string(), state);
        }
        let lang = self.lang();
        match self.certs.get_mut(cert_no) {
            Some(Some(c)) => Ok(c),
            _ => Err(unknown_certificate(cert_no, lang)),
        }
    }

    /// The state of every line of a certificate: its balance row where the seal holds, else
    /// recomputed from the entries (exit 3 when the row differs or is missing for a line with
    /// entries). See the module comment.
    fn load_lines(&self, cert: &Certificate) -> Result<HashMap<i64, LineState>> {
        let cert_no = cert.cert_no.as_str();
        let rows = self.tx.balance_rows(Some(cert_no))?;
        // The seals' entries (one in the usual case: the rows of a certificate are
        // written together), and what was recorded on each line since the oldest.
        let mut seal_hashes: HashMap<i64, Option<[u8; 32]>> = HashMap::new();
        for r in &rows {
            if let Some(seq) = r.seal_seq
                && !seal_hashes.contains_key(&seq)
            {
                seal_hashes.insert(seq, self.tx.hash_at(seq)?);
            }
        }
        let oldest = seal_hashes
            .iter()
            .filter(|(_, h)| h.is_some())
            .map(|(seq, _)| *seq)
            .min();
        let since = match oldest {
            Some(oldest) => self.tx.line_heads_after(cert_no, oldest)?,
            None => HashMap::new(),
        };
        // Loaded at the first line that must be recomputed: one pass for all of them.
        let mut timelines: Option<HashMap<i64, Vec<TimelineItem>>> = None;
        let mut lines = HashMap::new();
        for l in &cert.lines {
            let cached = rows.iter().find(|b| b.stored.line == l.line);
            let trusted = cached.filter(|c| {
                let hash = c.seal_seq.and_then(|s| seal_hashes.get(&s).copied()?);
                c.seal_holds(hash.as_ref())
                    && since
                        .get(&l.line)
                        .is_none_or(|last| Some(*last) <= c.seal_seq)
            });
            let (balance, last_date, entries) = match (trusted, cached) {
                (Some(c), _) => (c.stored.balance, c.stored.last_date, c.stored.entries),
                (None, Some(c)) => {
                    let counted = counted_of(&self.tx, &mut timelines, cert_no, l.line)?;
                    let computed = line_from_entries(cert_no, l.line, l.certified, counted)?;
                    let b = &c.stored;
                    if (b.balance, b.last_date, b.entries) != computed {
                        return Err(cache_disagrees(cert_no, l.line, b.balance, computed.0));
                    }
                    // Right but unsealed or stale: sealed again with this session.
                    computed
                }
                (None, None) => {
                    if self.tx.line_has_entries(cert_no, l.line)?.is_some() {
                        let counted = counted_of(&self.tx, &mut timelines, cert_no, l.line)?;
                        let computed = line_from_entries(cert_no, l.line, l.certified, counted)?;
                        return Err(cache_missing(cert_no, l.line, computed.0));
                    }
                    (Balance::default(), None, 0)
                }
            };
            lines.insert(
                l.line,
                LineState {
                    certified: l.certified,
                    balance,
                    last_date,
                    entries,
                    timeline: None,
                    session_items: Vec::new(),
                },
            );
        }
        Ok(lines)
    }

    fn lookup_key(&mut self, key: &str) -> Result<Option<Entry>> {
        if self.detached {
            // This session's keys were looked up in `key_map`; the snapshot holds the rest.
            return if self.db_has_keys {
                self.tx.entry_by_key(key)
            } else {
                Ok(None)
            };
        }
        if !self.db_has_keys && !self.session_keys.contains(&key_hash(key)) {
            return Ok(None);
        }
        self.flush()?;
        self.tx.entry_by_key(key)
    }

    /// Write the appended entries that are still buffered.
    pub(crate) fn flush(&mut self) -> Result<()> {
        if self.detached {
            self.outbox.append(&mut self.unwritten);
            return Ok(());
        }
        if !self.unwritten.is_empty() {
            self.tx.insert_entries(&self.unwritten)?;
            self.last = self.unwritten.pop();
            self.unwritten.clear();
        }
        Ok(())
    }

    /// Detached: the entries appended since the last call, in number order.
    pub fn take_outbox(&mut self) -> Vec<Entry> {
        self.outbox.append(&mut self.unwritten);
        std::mem::take(&mut self.outbox)
    }

    /// The balance of every line of every certificate this session loaded, sealed to the
    /// ledger's last entry (to be written with its entries).
    pub fn changed_balances(&self) -> Vec<SealedBalance> {
        let seal = (self.head_seq, self.head_hash);
        let mut out = Vec::new();
        for (cert_no, c) in &self.certs {
            let Some(c) = c else { continue };
            for (line, l) in &c.lines {
                out.push(l.sealed(cert_no, *line, seal));
            }
        }
        out
    }

    /// The number a certificate is recorded under, for `given` (that number, or the number in
    /// force after an amendment changed it). Refused (L001) when its approval was voided: no
    /// movement may be recorded on it.
    fn registered(&mut self, given: &str) -> Result<String> {
        let key = match self.aliases.get(given) {
            Some(k) => k.clone(),
            None if self.certs.contains_key(given) => given.to_string(),
            None => match self.tx.certificate(given)? {
                Some(c) if c.cert_no != given => {
                    self.aliases.insert(given.to_string(), c.cert_no.clone());
                    c.cert_no
                }
                _ => given.to_string(),
            },
        };
        let lang = self.lang();
        if let Some(Some(c)) = self.certs.get(&key)
            && c.cert.voided
        {
            return Err(voided(&c.cert, lang));
        }
        if !self.certs.contains_key(&key) {
            let c = self.cert(&key)?;
            if c.cert.voided {
                let e = voided(&c.cert, lang);
                return Err(e);
            }
        }
        Ok(key)
    }

    /// Like `check`, taking the movement by value.
    pub fn check_owned(&mut self, mut m: Movement, files: &[&FileInfo]) -> Result<Checked> {
        let cert_no = self.registered(m.cert_no.trim())?;
        m.cert_no.clone_from(&cert_no);
        self.cert(&cert_no)?;
        let lang = self.lang();
        let entry = match self.certs.get(&cert_no) {
            Some(Some(c)) => {
                let deviation = m.deviation.clone();
                let mut e = build_entry(
                    &c.cert,
                    c.condition,
                    m,
                    files,
                    self.today,
                    &self.recorded_at,
                    lang,
                )?;
                e.note = check_commitment(e.kind, c.committed, deviation.as_deref(), e.note, lang)?;
                e
            }
            _ => return Err(unknown_certificate(&cert_no, lang)),
        };
        self.accept(entry)
    }

    /// Check a movement against every rule and, when it passes, apply it to the line's balance.
    /// Returns the entry to append (without number and hash yet), or the entry already recorded
    /// under the same key.
    pub fn check(&mut self, m: &Movement, files: &[&FileInfo]) -> Result<Checked> {
        let cert_no = self.registered(m.cert_no.trim())?;
        let cert_no = cert_no.as_str();
        self.cert(cert_no)?;
        let lang = self.lang();
        let entry = match self.certs.get(cert_no) {
            Some(Some(c)) => {
                let mut e = build_entry(
                    &c.cert,
                    c.condition,
                    m.clone(),
                    files,
                    self.today,
                    &self.recorded_at,
                    lang,
                )?;
                e.note =
                    check_commitment(e.kind, c.committed, m.deviation.as_deref(), e.note, lang)?;
                e
            }
            _ => return Err(unknown_certificate(cert_no, lang)),
        };
        self.accept(entry)
    }

    /// The checks that depend on the ledger's state, for an entry built by `build_entry`: the
    /// idempotency key (L007, or the entry already recorded), the write-off (L009) and the
    /// balances at its date and after (L002, L003). When it passes, the line's balance is
    /// updated and the entry is ready to `append`.
    pub fn accept(&mut self, entry: Entry) -> Result<Checked> {
        let lang = self.lang();
        if self.detached
            && let Some(key) = &entry.idem_key
            && let Some(&(seq, fp)) = self.key_map.get(&key_hash(key))
        {
            if fp == fingerprint(&entry) {
                let mut e = entry;
                e.seq = seq;
                return Ok(Checked::Duplicate(e));
            }
            return Err(Error::refused(
                Code::L007,
                lang.pick(
                    &format!("幂等键 {key:?} 已用于本次导入的条目 #{seq}，内容不同"),
                    &format!("the key {key:?} was already used for entry #{seq} of this import with different content"),
                ),
            ));
        }
        if let Some(key) = &entry.idem_key
            && let Some(prev) = self.lookup_key(key)?
        {
            if prev.same_content(&entry) {
                return Ok(Checked::Duplicate(prev));
            }
            return Err(Error::refused(
                Code::L007,
                lang.pick(
                    &format!(
                        "幂等键 {key:?} 已用于条目 #{}（{} {} {}），内容不同",
                        prev.seq,
                        prev.kind.zh(),
                        prev.qty,
                        prev.date
                    ),
                    &format!(
                        "the key {key:?} was already used for entry #{} ({} {} on {}) with different content",
                        prev.seq, prev.kind, prev.qty, prev.date
                    ),
                ),
            ));
        }
        let closed = self.cert(&entry.cert_no)?.closed;
        if let Some(seq) = closed {
            return Err(l009(&entry.cert_no, seq, lang));
        }
        self.apply(
            &entry.cert_no,
            entry.line,
            entry.kind,
            entry.qty,
            entry.date,
        )?;
        Ok(Checked::New(entry))
    }

    /// Apply a movement to a line's balance, re-checking the timeline from its date when it is
    /// back-dated. Nothing changes when it does not fit.
    fn apply(
        &mut self,
        cert_no: &str,
        line: i64,
        kind: Kind,
        qty: i64,
        date: NaiveDate,
    ) -> Result<()> {
        let lang = self.lang();
        let detached = self.detached;
        let seq = self.head_seq + 1;
        let back_dated = {
            let c = self.cert(cert_no)?;
            let l = c
                .lines
                .get(&line)
                .ok_or_else(|| Error::Storage("line vanished".into()))?;
            l.last_date.is_some_and(|d| date < d)
        };
        if back_dated {
            let needs_load = self.cert(cert_no)?.lines[&line].timeline.is_none();
            if needs_load {
                self.flush()?;
                let mut t = self.tx.timeline(cert_no, line)?;
                if self.detached {
                    // The snapshot holds what was there before this session; add its own.
                    let own = self
                        .cert(cert_no)?
                        .lines
                        .get_mut(&line)
                        .map(|l| std::mem::take(&mut l.session_items));
                    t.extend(own.unwrap_or_default());
                }
                if let Some(l) = self.cert(cert_no)?.lines.get_mut(&line) {
                    l.timeline = Some(Timeline::new(t, l.certified));
                }
            }
        }
        let c = self.cert(cert_no)?;
        let l = c
            .lines
            .get_mut(&line)
            .ok_or_else(|| Error::Storage("line vanished".into()))?;
        let item = TimelineItem {
            date,
            seq,
            kind,
            qty,
        };
        if back_dated {
            let timeline = l
                .timeline
                .get_or_insert_with(|| Timeline::new(Vec::new(), l.certified));
            // The whole timeline with it, judged in O(log n): an import of many back-dated
            // rows stays O(n log n).
            match timeline.insert(item) {
                Ok(b) => {
                    l.balance = b;
                }
                Err(br) if br.item.seq == seq => {
                    return Err(shortfall_error(
                        br.shortfall,
                        kind,
                        qty,
                        date,
                        cert_no,
                        line,
                        lang,
                    ));
                }
                Err(br) => {
                    let inner = shortfall_error(
                        br.shortfall,
                        br.item.kind,
                        br.item.qty,
                        br.item.date,
                        cert_no,
                        line,
                        lang,
                    );
                    return Err(Error::refused(
                        inner_code(&inner),
                        lang.pick(
                            &format!(
                                "补登到 {date} 的{}{qty}会使之后的条目 #{}（{} {} {}）数量不足：{}",
                                kind.zh(),
                                br.item.seq,
                                br.item.date,
                                br.item.kind.zh(),
                                br.item.qty,
                                inner_message(&inner)
                            ),
                            &format!(
                                "back-dated to {date}, this {kind} of {qty} would leave the later entry #{} ({} {} on {}) short: {}",
                                br.item.seq,
                                br.item.kind,
                                br.item.qty,
                                br.item.date,
                                inner_message(&inner)
                            ),
                        ),
                    ));
                }
            }
        } else {
            l.balance
                .apply(kind, qty, l.certified)
                .map_err(|s| shortfall_error(s, kind, qty, date, cert_no, line, lang))?;
            if let Some(t) = &mut l.timeline {
                t.append(item);
            } else if detached {
                l.session_items.push(item);
            }
        }
        l.last_date = Some(l.last_date.map_or(date, |d| d.max(date)));
        l.entries += 1;
        Ok(())
    }

    /// Move a staged evidence copy into the store (not in a dry run).
    pub fn install(&mut self, file: &mut Staged) -> Result<()> {
        if self.settings.dry_run {
            return Ok(());
        }
        if let Some(p) = self.tx.install_evidence(file, self.settings.evidence_dir)? {
            self.installed.push(p);
        }
        Ok(())
    }

    /// Number, hash and append an entry; returns it as recorded.
    pub fn append(&mut self, e: Entry, payload: &[u8]) -> Result<Entry> {
        self.append_quiet(e, payload)?;
        self.flush()?;
        self.last_appended()
    }

    fn last_appended(&self) -> Result<Entry> {
        self.last
            .clone()
            .ok_or_else(|| Error::Storage("no entry was appended".into()))
    }

    /// Number, hash and append an entry (buffered); returns its number.
    pub fn append_quiet(&mut self, mut e: Entry, payload: &[u8]) -> Result<i64> {
        e.seq = self.head_seq + 1;
        chain::canonical_entry(&mut self.buf, &e, payload);
        e.hash = chain::chain_hash(&self.head_hash, &self.buf);
        if let Some(k) = &e.idem_key {
            if self.detached {
                self.key_map.insert(key_hash(k), (e.seq, fingerprint(&e)));
            } else {
                self.session_keys.insert(key_hash(k));
            }
        }
        self.head_seq = e.seq;
        self.head_hash = e.hash;
        self.appended += 1;
        let seq = e.seq;
        self.unwritten.push(e);
        if self.unwritten.len() >= crate::store::ledger::ROWS_PER_INSERT {
            self.flush()?;
        }
        Ok(seq)
    }

    /// Write the balance of every line this session loaded, sealed to the ledger's last entry
    /// (after `flush`).
    fn flush_balances(&mut self) -> Result<()> {
        for b in self.changed_balances() {
            self.tx.put_balance(&b)?;
        }
        Ok(())
    }

    /// Commit (or, in a dry run, roll back) everything.
    pub fn finish(mut self) -> Result<()> {
        if self.settings.dry_run {
            return self.abort();
        }
        self.flush()?;
        self.flush_balances()?;
        let dir = self.settings.evidence_dir.to_path_buf();
        if !self.installed.is_empty() {
            evidence::sync_dir(&dir);
        }
        let installed = std::mem::take(&mut self.installed);
        if let Err(e) = self.tx.commit() {
            for p in installed {
                let _ = std::fs::remove_file(p);
            }
            return Err(e);
        }
        Ok(())
    }

    /// Roll back, taking back evidence files this session put in the store (while still
    /// holding the write lock, so no other writer can have come to rely on them).
    /// The end of a session whose work came to `r`: committed when it is a value
    /// ([`finish`](Self::finish)), rolled back when it is an error ([`abort`](Self::abort)).
    pub fn conclude<T>(self, r: Result<T>) -> Result<T> {
        match r {
            Ok(v) => {
                self.finish()?;
                Ok(v)
            }
            Err(e) => {
                self.abort()?;
                Err(e)
            }
        }
    }

    pub fn abort(mut self) -> Result<()> {
        for p in std::mem::take(&mut self.installed) {
            let _ = std::fs::remove_file(p);
        }
        self.tx.rollback()
    }
}

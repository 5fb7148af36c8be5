//! `ledger verify` and `ledger checkpoint`: recompute the chain, the numbering, the balances and
//! every evidence file's hash from what is stored, and name each broken entry. Nothing is trusted
//! that can be recomputed; the stored balances are a cache and are compared, not believed.
//!
//! Pure: [`scan`] reads the entries of a range of numbers from any [`Entries`], [`judge`] merges
//! what the scans found with the certificates, the stored balances and the evidence directory it
//! is handed. `crate::ops::ledger::verify` reads them from the store, in parallel for a large
//! ledger.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Serialize;

use super::balance::{self, CachedBalance, StoredBalance, TimelineItem};
use super::chain::{GENESIS, canonical_certificate, canonical_entry, chain_hash};
use super::entry::{Certificate, Entry};
use super::kind::Kind;
use super::movement::pool_name;
use crate::Lang;
use crate::error::{Error, Result};
use crate::model::codes::Code;
use crate::model::diagnostic::{self, Diagnostic, Location};
use crate::util::hex::{hex, parse_hex32};

/// What an auditor keeps: the workspace, how many entries, and the head hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checkpoint {
    pub workspace_id: String,
    pub entries: i64,
    #[serde(serialize_with = "ser_hex")]
    pub head: [u8; 32],
    pub taken_at: Option<String>,
}

fn ser_hex<S: serde::Serializer>(v: &[u8; 32], s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&hex(v))
}

pub const CHECKPOINT_HEADER: &str = "ccc-exempt ledger checkpoint v1";

impl Checkpoint {
    /// The text an auditor keeps (also accepted by `ledger verify --against`).
    pub fn to_text(&self) -> String {
        let mut s = format!(
            "{CHECKPOINT_HEADER}\nworkspace: {}\nentries: {}\nhead: {}\n",
            self.workspace_id,
            self.entries,
            hex(&self.head)
        );
        if let Some(t) = &self.taken_at {
            s.push_str(&format!("taken: {t}\n"));
        }
        s
    }

    /// Read and parse the checkpoint file `path`; errors name it as `shown` (as it was typed).
    pub fn read(path: &Path, shown: &Path) -> Result<Checkpoint> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::input_io(shown, e))?;
        Checkpoint::parse(&text).map_err(|e| Error::Input(format!("{}: {e}", shown.display())))
    }

    /// Parse a checkpoint text (or the JSON `ledger checkpoint --format json` prints).
    pub fn parse(text: &str) -> Result<Checkpoint> {
        let bad = |why: &str| {
            Error::Input(format!(
                "not a ledger checkpoint ({why}); it should read:\n{CHECKPOINT_HEADER}\nworkspace: …\nentries: N\nhead: <64 hex digits>"
            ))
        };
        let text = text.trim_start_matches('\u{feff}').trim();
        if text.starts_with('{') {
            let v: serde_json::Value =
                serde_json::from_str(text).map_err(|e| bad(&e.to_string()))?;
            let ws = v["workspace_id"]
                .as_str()
                .ok_or_else(|| bad("no workspace_id"))?;
            let n = v["entries"].as_i64().ok_or_else(|| bad("no entries"))?;
            let head = v["head"]
                .as_str()
                .and_then(parse_hex32)
                .ok_or_else(|| bad("no head"))?;
            return Ok(Checkpoint {
                workspace_id: ws.to_string(),
                entries: n,
                head,
                taken_at: v["taken_at"].as_str().map(String::from),
            });
        }
        let mut ws = None;
        let mut n = None;
        let mut head = None;
        let mut taken = None;
        for line in text.lines() {
            let Some((k, v)) = line.split_once(':') else {
                continue;
            };
            let v = v.trim();
            match k.trim() {
                "workspace" => ws = Some(v.to_string()),
                "entries" => n = v.parse::<i64>().ok(),
                "head" => head = parse_hex32(v),
                "taken" => taken = Some(v.to_string()),
                _ => {}
            }
        }
        Ok(Checkpoint {
            workspace_id: ws.ok_or_else(|| bad("no `workspace:` line"))?,
            entries: n
                .filter(|n| *n >= 0)
                .ok_or_else(|| bad("no valid `entries:` line"))?,
            head: head.ok_or_else(|| bad("no valid `head:` line"))?,
            taken_at: taken,
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    pub workspace_id: String,
    pub entries: i64,
    #[serde(serialize_with = "ser_hex")]
    pub head: [u8; 32],
    pub certificates: usize,
    pub evidence_files: usize,
    /// Whether `--against` was given and the ledger extends that checkpoint.
    pub extends_checkpoint: Option<bool>,
    /// Every break (L101–L116), located at its entry or certificate.
    pub problems: Vec<Diagnostic>,
}

impl VerifyReport {
    /// No break at severity error (in force).
    pub fn ok(&self) -> bool {
        !diagnostic::has_errors(&self.problems)
    }
}

/// A break at entry `seq` (of certificate `cert`, line `line`), else at the certificate, else
/// of the whole ledger.
pub fn problem(
    code: Code,
    seq: Option<i64>,
    cert: Option<&str>,
    line: Option<i64>,
    message: String,
) -> Diagnostic {
    let cert_no = cert.map(String::from);
    let at = match (seq, cert_no) {
        (Some(seq), cert_no) => Location::Entry { seq, cert_no, line },
        (None, Some(cert_no)) => Location::Certificate { cert_no, line },
        (None, None) => Location::None,
    };
    Diagnostic::new(code, message).at(at)
}

/// The entry number a break is at, for sorting.
fn seq_of(d: &Diagnostic) -> i64 {
    match d.location {
        Location::Entry { seq, .. } => seq,
        _ => i64::MAX,
    }
}

/// What the scan of one range of numbers found.
#[derive(Default)]
pub struct Part {
    problems: Vec<Diagnostic>,
    count: i64,
    /// Movements per certificate (index into the certificates) and line (index into its lines).
    items: Vec<Vec<Vec<TimelineItem>>>,
    /// (reversal, certificate, line, the entry it names).
    reversals: Vec<(i64, String, i64, Option<i64>)>,
    /// (certificate, number) of `certify` and `close` entries.
    certify: Vec<(String, i64)>,
    closes: Vec<(String, i64)>,
    /// Numbers of entries that are neither `certify` nor `close`, per certificate (for entries
    /// after a write-off): only the highest is needed for most, but all are kept when a
    /// certificate has a close.
    after: Vec<(String, i64)>,
    evidence: BTreeMap<[u8; 32], Vec<i64>>,
    last: Option<(i64, [u8; 32])>,
    hash_at: Option<[u8; 32]>,
    /// The number of the last entry on each line (a movement or a reversal; 0 when none),
    /// indexed like `items`: a balance row sealed before it is stale.
    line_last: Vec<Vec<i64>>,
    /// The stored hashes of the entries balance rows are sealed to.
    seal_hashes: Vec<(i64, [u8; 32])>,
}

/// What every scanning thread shares (read-only).
pub struct Shared<'a> {
    certs: &'a [Certificate],
    index: HashMap<&'a str, usize>,
    payloads: Vec<Vec<u8>>,
    lang: Lang,
    checkpoint_seq: Option<i64>,
    /// The entries the balance rows are sealed to.
    seal_seqs: std::collections::HashSet<i64>,
}

impl<'a> Shared<'a> {
    /// Also collect the stored hashes of the entries the balance rows `rows` are sealed to.
    pub fn with_seals(mut self, rows: &[CachedBalance]) -> Shared<'a> {
        self.seal_seqs = rows.iter().filter_map(|r| r.seal_seq).collect();
        self
    }

    /// The canonical bytes of the certificates as recorded at approval (what their `certify`
    /// entries cover), when `certs` are the certificates in force (amended).
    pub fn recorded_as(mut self, recorded: &[Certificate]) -> Shared<'a> {
        for r in recorded {
            if let Some(&i) = self.index.get(r.cert_no.as_str()) {
                self.payloads[i] = canonical_certificate(r);
            }
        }
        self
    }

    /// The certificates of the ledger, indexed, with their canonical bytes; `checkpoint_seq` is
    /// the entry count of the checkpoint given with `--against`, if any.
    pub fn new(certs: &'a [Certificate], lang: Lang, checkpoint_seq: Option<i64>) -> Shared<'a> {
        Shared {
            certs,
            index: certs
                .iter()
                .enumerate()
                .map(|(i, c)| (c.cert_no.as_str(), i))
                .collect(),
            payloads: certs.iter().map(canonical_certificate).collect(),
            lang,
            checkpoint_seq,
            seal_seqs: Default::default(),
        }
    }
}

/// Where a scan reads its entries from.
pub trait Entries {
    /// Every entry numbered `lo..=hi`, in number order, passed to `f`; an entry that cannot be
    /// decoded is passed as `Err((seq, why))`.
    fn for_each_entry(
        &self,
        lo: i64,
        hi: i64,
        f: impl FnMut(std::result::Result<&Entry, (i64, String)>) -> Result<()>,
    ) -> Result<()>;
}

/// Scan entries `lo..=hi`; `prev` is the stored (number, hash) of the entry before `lo`.
pub fn scan(
    snap: &impl Entries,
    lo: i64,
    hi: i64,
    prev: (i64, [u8; 32]),
    sh: &Shared<'_>,
) -> Result<Part> {
    let lang = sh.lang;
    let mut part = Part {
        items: sh
            .certs
            .iter()
            .map(|c| vec![Vec::new(); c.lines.len()])
            .collect(),
        line_last: sh.certs.iter().map(|c| vec![0; c.lines.len()]).collect(),
        ..Default::default()
    };
    let mut expected = lo;
    let (mut prev_seq, mut prev_hash) = prev;
    let mut buf = Vec::with_capacity(512);
    let t = |zh: &str, en: &str| lang.pick(zh, en).to_string();
    snap.for_each_entry(lo, hi, |scanned| {
        let e = match scanned {
            Ok(e) => e,
            Err((seq, why)) => {
                part.problems.push(problem(
                    Code::L104,
                    Some(seq),
                    None,
                    None,
                    format!("{} #{seq}: {why}", t("条目", "entry")),
                ));
                if seq >= expected {
                    expected = seq + 1;
                }
                return Ok(());
            }
        };
        part.count += 1;
        let seq = e.seq;
        let cert = e.cert_no.as_str();
        if seq > expected {
            let range = if seq - expected == 1 {
                format!("#{expected}")
            } else {
                format!("#{expected}–#{}", seq - 1)
            };
            part.problems.push(problem(
                Code::L103,
                Some(expected),
                None,
                None,
                lang.pick(
                    &format!("条目 {range} 缺失（编号从 #{} 跳到 #{seq}）：条目被删除", expected - 1),
                    &format!(
                        "entries {range} are missing (numbering jumps from #{} to #{seq}): entries were deleted",
                        expected - 1
                    ),
                )
                .to_string(),
            ));
        }
        expected = seq + 1;
        let ci = sh.index.get(cert).copied();
        let payload: &[u8] = match (e.kind, ci) {
            (Kind::Certify, Some(i)) => &sh.payloads[i],
            (Kind::Certify, None) => {
                part.problems.push(problem(
                    Code::L109,
                    Some(seq),
                    Some(cert),
                    None,
                    lang.pick(
                        &format!("条目 #{seq} 登记的证明 {cert} 不在证明表中：证明被删除"),
                        &format!("entry #{seq} records certificate {cert}, which is no longer in the certificates table: it was deleted"),
                    )
                    .to_string(),
                ));
                &[]
            }
            _ => &[],
        };
        // The chain: this entry's hash over the previous stored hash and its canonical bytes.
        let linked = prev_seq == seq - 1;
        let prev = if seq == 1 { GENESIS } else { prev_hash };
        canonical_entry(&mut buf, e, payload);
        if chain_hash(&prev, &buf) != e.hash {
            let code = if linked { Code::L101 } else { Code::L102 };
            let msg = if !linked {
                t(
                    &format!("条目 #{seq}（{} {} {}）无法接上哈希链：它之前的条目缺失", e.kind.zh(), e.qty, e.date),
                    &format!("entry #{seq} ({} {} on {}) does not link to the chain: the entry before it is missing", e.kind, e.qty, e.date),
                )
            } else if e.kind == Kind::Certify {
                t(
                    &format!("条目 #{seq}（证明 {cert} 登记）与其哈希不符：证明或条目在写入后被改动"),
                    &format!("entry #{seq} (certificate {cert} recorded) does not match its hash: the certificate or the entry was altered after it was written"),
                )
            } else {
                t(
                    &format!(
                        "条目 #{seq}（证明 {cert} 第 {} 行 {} {} {}）与其哈希不符：写入后被改动",
                        e.line,
                        e.kind.zh(),
                        e.qty,
                        e.date
                    ),
                    &format!(
                        "entry #{seq} (certificate {cert} line {} {} {} on {}) does not match its hash: it was altered after it was written",
                        e.line, e.kind, e.qty, e.date
                    ),
                )
            };
            part.problems.push(problem(code, Some(seq), Some(cert), Some(e.line), msg));
        }
        prev_seq = seq;
        prev_hash = e.hash;
        if sh.checkpoint_seq == Some(seq) {
            part.hash_at = Some(e.hash);
        }
        if sh.seal_seqs.contains(&seq) {
            part.seal_hashes.push((seq, e.hash));
        }
        let Some(ci) = ci else {
            let rejection_void = e.kind == Kind::Void && cert.is_empty() && e.doc_no.is_some();
            if e.kind != Kind::Certify && !rejection_void {
                part.problems.push(problem(
                    Code::L105,
                    Some(seq),
                    Some(cert),
                    Some(e.line),
                    lang.pick(
                        &format!("条目 #{seq} 指向未知的证明 {cert}"),
                        &format!("entry #{seq} names an unknown certificate {cert}"),
                    )
                    .to_string(),
                ));
            }
            return Ok(());
        };
        match e.kind {
            Kind::Certify => part.certify.push((e.cert_no.clone(), seq)),
            Kind::Close => {
                part.closes.push((e.cert_no.clone(), seq));
                part.after.push((e.cert_no.clone(), seq));
            }
            Kind::Amend | Kind::Void => {
                part.after.push((e.cert_no.clone(), seq));
                let known = e.line == 0 || sh.certs[ci].lines.iter().any(|l| l.line == e.line);
                if !known || (e.kind == Kind::Void && e.line != 0) {
                    part.problems.push(problem(
                        Code::L105,
                        Some(seq),
                        Some(cert),
                        Some(e.line),
                        format!("entry #{seq} names line {} that certificate {cert} does not have", e.line),
                    ));
                }
                // The frozen hashes of an amendment are the application's files, not evidence
                // of the store.
                return Ok(());
            }
            Kind::Reversal => {
                part.reversals.push((seq, e.cert_no.clone(), e.line, e.reverses));
                part.after.push((e.cert_no.clone(), seq));
                let lines = &sh.certs[ci].lines;
                if let Some(li) = lines.iter().position(|l| l.line == e.line) {
                    part.line_last[ci][li] = seq;
                }
            }
            k => {
                let lines = &sh.certs[ci].lines;
                match lines.iter().position(|l| l.line == e.line) {
                    Some(li) => {
                        part.items[ci][li].push(TimelineItem {
                            date: e.date,
                            seq,
                            kind: k,
                            qty: e.qty,
                        });
                        part.line_last[ci][li] = seq;
                    }
                    None => part.problems.push(problem(
                        Code::L105,
                        Some(seq),
                        Some(cert),
                        Some(e.line),
                        format!("entry #{seq} names line {} that certificate {cert} does not have", e.line),
                    )),
                }
            }
        }
        for ev in &e.evidence {
            part.evidence.entry(ev.sha256).or_default().push(seq);
        }
        Ok(())
    })?;
    if expected <= hi {
        let range = if hi == expected {
            format!("#{hi}")
        } else {
            format!("#{expected}–#{hi}")
        };
        part.problems.push(problem(
            Code::L103,
            Some(expected),
            None,
            None,
            lang.pick(
                &format!("条目 {range} 缺失：条目被删除"),
                &format!("entries {range} are missing: entries were deleted"),
            )
            .to_string(),
        ));
    }
    part.last = (prev_seq >= lo).then_some((prev_seq, prev_hash));
    Ok(part)
}

/// Judge what the scans of `1..=max_seq` found (`parts`, in number order) against the
/// certificates, the stored balances and the evidence files in `evidence_dir`, and the
/// checkpoint given with `--against`. `problems` holds what was found before (the schema).
#[allow(clippy::too_many_arguments)]
pub fn judge(
    parts: Vec<Part>,
    shared: &Shared<'_>,
    stored_balances: &[CachedBalance],
    evidence: &mut dyn FnMut(&[u8; 32]) -> Option<[u8; 32]>,
    against: Option<&Checkpoint>,
    max_seq: i64,
    workspace_id: String,
    mut problems: Vec<Diagnostic>,
) -> VerifyReport {
    let certs = shared.certs;
    let lang = shared.lang;
    // Merge the parts in number order.
    let mut count = 0;
    let mut head = GENESIS;
    let mut hash_at_checkpoint = None;
    let mut items: Vec<Vec<Vec<TimelineItem>>> = certs
        .iter()
        .map(|c| vec![Vec::new(); c.lines.len()])
        .collect();
    let mut line_last: Vec<Vec<i64>> = certs.iter().map(|c| vec![0; c.lines.len()]).collect();
    let mut seal_hashes: HashMap<i64, [u8; 32]> = HashMap::new();
    let mut reversals = Vec::new();
    let mut certify: HashMap<String, i64> = HashMap::new();
    let mut closes: HashMap<String, i64> = HashMap::new();
    let mut after = Vec::new();
    let mut evidence_refs: BTreeMap<[u8; 32], Vec<i64>> = BTreeMap::new();
    for mut p in parts {
        problems.append(&mut p.problems);
        count += p.count;
        if let Some((_, h)) = p.last {
            head = h;
        }
        hash_at_checkpoint = hash_at_checkpoint.or(p.hash_at);
        for (ci, lines) in p.items.into_iter().enumerate() {
            for (li, mut v) in lines.into_iter().enumerate() {
                items[ci][li].append(&mut v);
            }
        }
        for (ci, lines) in p.line_last.into_iter().enumerate() {
            for (li, last) in lines.into_iter().enumerate() {
                line_last[ci][li] = line_last[ci][li].max(last);
            }
        }
        seal_hashes.extend(p.seal_hashes);
        reversals.append(&mut p.reversals);
        for (c, seq) in p.certify {
            if let Some(first) = certify.get(&c) {
                problems.push(problem(
                    Code::L106,
                    Some(seq),
                    Some(&c),
                    None,
                    format!("entry #{seq}: certificate {c} recorded twice (first #{first})"),
                ));
            } else {
                certify.insert(c, seq);
            }
        }
        for (c, seq) in p.closes {
            closes.entry(c).or_insert(seq);
        }
        after.append(&mut p.after);
        for (sha, mut seqs) in p.evidence {
            evidence_refs.entry(sha).or_default().append(&mut seqs);
        }
    }
    for c in certs {
        if !certify.contains_key(&c.cert_no) {
            problems.push(problem(
                Code::L110,
                None,
                Some(&c.cert_no),
                None,
                lang.pick(
                    &format!("证明 {} 没有登记条目：证明表被改动", c.cert_no),
                    &format!("certificate {} has no entry recording it: the certificates table was altered", c.cert_no),
                )
                .to_string(),
            ));
        }
    }
    // Nothing after a write-off.
    let after_close = |c: &str, seq: i64| closes.get(c).is_some_and(|x| seq > *x);
    let mut late: Vec<(String, i64)> = after
        .into_iter()
        .filter(|(c, s)| after_close(c, *s))
        .collect();
    for (ci, c) in certs.iter().enumerate() {
        for v in &items[ci] {
            late.extend(
                v.iter()
                    .filter(|i| after_close(&c.cert_no, i.seq))
                    .map(|i| (c.cert_no.clone(), i.seq)),
            );
        }
    }
    for (c, seq) in late {
        let x = closes.get(&c).copied().unwrap_or(0);
        problems.push(problem(
            Code::L107,
            Some(seq),
            Some(&c),
            None,
            lang.pick(
                &format!("条目 #{seq} 在证明 {c} 核销（#{x}）之后登记"),
                &format!("entry #{seq} was recorded after certificate {c} was written off (#{x})"),
            )
            .to_string(),
        ));
    }
    // Reversals must name an earlier movement of the same line, once.
    let mut reversed: HashMap<i64, i64> = HashMap::new();
    for (seq, cert, line, target) in &reversals {
        let seq = *seq;
        let found = target.filter(|t| *t < seq).and_then(|t| {
            let ci = shared.index.get(cert.as_str())?;
            let li = certs[*ci].lines.iter().position(|l| l.line == *line)?;
            items[*ci][li]
                .binary_search_by_key(&t, |i| i.seq)
                .ok()
                .map(|_| t)
        });
        match found {
            Some(t) => {
                if let Some(prev) = reversed.insert(t, seq) {
                    problems.push(problem(
                        Code::L108,
                        Some(seq),
                        Some(cert),
                        Some(*line),
                        format!("entry #{seq} reverses #{t}, already reversed by #{prev}"),
                    ));
                }
            }
            None => problems.push(problem(
                Code::L108,
                Some(seq),
                Some(cert),
                Some(*line),
                lang.pick(
                    &format!("冲销条目 #{seq} 指向的条目 {target:?} 不是本证明本行之前的流水"),
                    &format!("reversal #{seq} names {target:?}, which is not an earlier movement of the same certificate line"),
                )
                .to_string(),
            )),
        }
    }
    // Balances: replay each line's un-reversed movements in business-date order.
    let stored: HashMap<(&str, i64), &CachedBalance> = stored_balances
        .iter()
        .map(|b| ((b.stored.cert_no.as_str(), b.stored.line), b))
        .collect();
    for (ci, c) in certs.iter().enumerate() {
        for (li, l) in c.lines.iter().enumerate() {
            let all = std::mem::take(&mut items[ci][li]);
            let mut line_items: Vec<TimelineItem> = if reversed.is_empty() {
                all
            } else {
                all.into_iter()
                    .filter(|i| !reversed.contains_key(&i.seq))
                    .collect()
            };
            let last_date = line_items.iter().map(|i| i.date).max();
            let counted = line_items.len() as i64;
            let (b, breaks) = balance::simulate_all(&mut line_items, l.certified);
            for br in breaks {
                let why = match br.shortfall {
                    balance::Shortfall::OverCertified { certified, received } => lang
                        .pick(
                            &format!("入库累计将超出核准数量（核准 {certified}，已入库 {received}）"),
                            &format!("total inbound exceeds the certified {certified} (already received {received})"),
                        )
                        .to_string(),
                    balance::Shortfall::Short { available, from } => lang
                        .pick(
                            &format!("当时{}仅 {available}", pool_name(from, lang)),
                            &format!("only {available} {} then", pool_name(from, lang)),
                        )
                        .to_string(),
                    balance::Shortfall::NotPositive => {
                        lang.pick("数量不是正数", "the quantity is not positive").to_string()
                    }
                };
                problems.push(problem(
                    Code::L111,
                    Some(br.item.seq),
                    Some(&c.cert_no),
                    Some(l.line),
                    lang.pick(
                        &format!(
                            "条目 #{}（证明 {} 第 {} 行 {} {} {}）使结存为负或超出核准：{why}",
                            br.item.seq,
                            c.cert_no,
                            l.line,
                            br.item.date,
                            br.item.kind.zh(),
                            br.item.qty
                        ),
                        &format!(
                            "entry #{} (certificate {} line {}: {} {} on {}) makes a balance negative or over certified: {why}",
                            br.item.seq, c.cert_no, l.line, br.item.kind, br.item.qty, br.item.date
                        ),
                    )
                    .to_string(),
                ));
            }
            let recomputed = StoredBalance {
                cert_no: c.cert_no.clone(),
                line: l.line,
                balance: b,
                last_date,
                entries: counted,
            };
            let row = stored.get(&(c.cert_no.as_str(), l.line)).copied();
            let latest = line_last[ci][li];
            let sealed = |r: &CachedBalance| {
                let hash = r.seal_seq.and_then(|s| seal_hashes.get(&s));
                r.seal_holds(hash) && r.seal_seq.is_some_and(|s| latest <= s)
            };
            let why = match row {
                None => Some(lang.pick("存储结存缺失", "the stored balance is missing")),
                Some(r) if r.stored != recomputed => Some(lang.pick(
                    "存储结存与按流水重算的结存不符",
                    "the stored balance differs from the one recomputed from the entries",
                )),
                // An unsealed row (written before the seal existed) is recomputed by the next
                // session that loads it; a seal that is there must hold.
                Some(r) if (r.digest.is_some() || r.seal_seq.is_some()) && !sealed(r) => {
                    Some(lang.pick(
                        "存储结存的摘要与台账不符",
                        "the stored balance's digest does not match the ledger",
                    ))
                }
                Some(_) => None,
            };
            if let Some(why) = why {
                problems.push(problem(
                    Code::L112,
                    None,
                    Some(&c.cert_no),
                    Some(l.line),
                    lang.pick(
                        &format!("证明 {} 第 {} 行：{why}：结存表被改动", c.cert_no, l.line),
                        &format!(
                            "certificate {} line {}: {why}: the balances table was altered",
                            c.cert_no, l.line
                        ),
                    )
                    .to_string(),
                ));
            }
        }
    }
    // Evidence files: present and unchanged.
    for (sha, seqs) in &evidence_refs {
        let list: Vec<String> = seqs.iter().map(|s| format!("#{s}")).collect();
        let first = seqs.first().copied();
        let (code, zh, en) = match evidence(sha) {
            Some(h) if h == *sha => continue,
            Some(_) => (Code::L114, "已被改动", "was altered"),
            None => (Code::L113, "缺失", "is missing"),
        };
        problems.push(problem(
            code,
            first,
            None,
            None,
            lang.pick(
                &format!(
                    "证明文件 evidence/{} {zh}（条目 {}）",
                    hex(sha),
                    list.join(", ")
                ),
                &format!(
                    "evidence file evidence/{} {en} (entries {})",
                    hex(sha),
                    list.join(", ")
                ),
            )
            .to_string(),
        ));
    }
    let mut extends = None;
    if let Some(cp) = against {
        let ok_ws = cp.workspace_id == workspace_id;
        if !ok_ws {
            problems.push(problem(
                Code::L115,
                None,
                None,
                None,
                lang.pick(
                    &format!(
                        "检查点属于另一个工作区（{}，本工作区 {workspace_id}）",
                        cp.workspace_id
                    ),
                    &format!(
                        "the checkpoint is of another workspace ({}; this one is {workspace_id})",
                        cp.workspace_id
                    ),
                )
                .to_string(),
            ));
        }
        let ok_hash = if cp.entries == 0 {
            true
        } else if cp.entries > max_seq {
            problems.push(problem(
                Code::L116,
                Some(cp.entries),
                None,
                None,
                lang.pick(
                    &format!("检查点有 {} 个条目，台账现只有 {max_seq} 个：条目被删除", cp.entries),
                    &format!("the checkpoint has {} entries, the ledger now only {max_seq}: entries were removed", cp.entries),
                )
                .to_string(),
            ));
            false
        } else if hash_at_checkpoint != Some(cp.head) {
            problems.push(problem(
                Code::L116,
                Some(cp.entries),
                None,
                None,
                lang.pick(
                    &format!("条目 #{} 的哈希与检查点不符：检查点之后台账被改写", cp.entries),
                    &format!("entry #{}'s hash differs from the checkpoint: the ledger was rewritten since", cp.entries),
                )
                .to_string(),
            ));
            false
        } else {
            true
        };
        extends = Some(ok_ws && ok_hash);
    }
    problems.sort_by_key(|p| (seq_of(p), p.code.as_str()));
    VerifyReport {
        workspace_id,
        entries: count,
        head,
        certificates: certs.len(),
        evidence_files: evidence_refs.len(),
        extends_checkpoint: extends,
        problems,
    }
}

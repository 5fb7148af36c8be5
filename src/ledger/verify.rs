//! `ledger verify` and `ledger checkpoint`: recompute the chain, the numbering, the balances and
//! every evidence file's hash from what is stored, and name each broken entry. Nothing is trusted
//! that can be recomputed; the stored balances are a cache and are compared, not believed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::Serialize;

use super::balance::{self, Balance, TimelineItem};
use super::chain::{self, GENESIS, canonical_certificate, canonical_entry, chain_hash, hex};
use super::entry::Certificate;
use super::evidence::{hash_file, stored_path};
use super::kind::Kind;
use super::session::pool_name;
use crate::Lang;
use crate::error::{Error, Result};
use crate::store::Store;

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
                .and_then(chain::parse_hex32)
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
                "head" => head = chain::parse_hex32(v),
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

/// One break found by `ledger verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// chain | numbering | entry | balance | evidence | certificate | database | checkpoint
    pub kind: &'static str,
    pub seq: Option<i64>,
    pub cert_no: Option<String>,
    pub line: Option<i64>,
    pub message: String,
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
    pub problems: Vec<Problem>,
}

impl VerifyReport {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// The current checkpoint of the ledger.
pub fn checkpoint(store: &Store, taken_at: Option<String>) -> Result<Checkpoint> {
    let (entries, head) = store.ledger_head()?;
    Ok(Checkpoint {
        workspace_id: store.workspace_id()?,
        entries,
        head,
        taken_at,
    })
}

struct LineCheck {
    line: i64,
    certified: i64,
    items: Vec<TimelineItem>,
}

/// Verify the whole ledger.
pub fn verify(
    store: &mut Store,
    evidence_dir: &Path,
    lang: Lang,
    against: Option<&Checkpoint>,
) -> Result<VerifyReport> {
    let workspace_id = store.workspace_id()?;
    let snap = store.ledger_snapshot()?;
    let mut problems: Vec<Problem> = Vec::new();
    let mut push = |kind: &'static str,
                    seq: Option<i64>,
                    cert: Option<&str>,
                    line: Option<i64>,
                    msg: String| {
        problems.push(Problem {
            kind,
            seq,
            cert_no: cert.map(String::from),
            line,
            message: msg,
        });
    };
    let t = |zh: &str, en: &str| lang.pick(zh, en).to_string();

    let qc = snap.integrity_check()?;
    if qc != "ok" {
        push(
            "database",
            None,
            None,
            None,
            format!("SQLite quick_check: {qc}"),
        );
    }
    let certs: Vec<Certificate> = snap.certificates()?;
    let payloads: HashMap<&str, Vec<u8>> = certs
        .iter()
        .map(|c| (c.cert_no.as_str(), canonical_certificate(c)))
        .collect();
    // Per certificate, its lines and their movements (pushed in number order).
    let mut lines: HashMap<&str, Vec<LineCheck>> = certs
        .iter()
        .map(|c| {
            let v = c
                .lines
                .iter()
                .map(|l| LineCheck {
                    line: l.line,
                    certified: l.certified,
                    items: Vec::new(),
                })
                .collect();
            (c.cert_no.as_str(), v)
        })
        .collect();
    // Reversals, checked once every movement is known: (reversal, certificate, line, reversed).
    let mut reversals: Vec<(i64, String, i64, Option<i64>)> = Vec::new();
    let mut certified_seen: HashMap<String, i64> = HashMap::new();
    let mut closed_at: HashMap<String, i64> = HashMap::new();
    let mut reversed: HashMap<i64, i64> = HashMap::new();
    let mut evidence_refs: BTreeMap<[u8; 32], Vec<i64>> = BTreeMap::new();
    let mut buf = Vec::with_capacity(512);
    let mut expected = 1i64;
    let mut prev_hash = GENESIS;
    let mut head = GENESIS;
    let mut count = 0i64;
    let mut hash_at_checkpoint: Option<[u8; 32]> = None;
    let (_, max_seq) = snap.entry_count()?;

    snap.for_each_entry(1.min(max_seq), max_seq.max(0), |scanned| {
        let e = match scanned {
            Ok(e) => e,
            Err((seq, why)) => {
                push(
                    "entry",
                    Some(seq),
                    None,
                    None,
                    format!("{} #{seq}: {why}", t("条目", "entry")),
                );
                if seq >= expected {
                    expected = seq + 1;
                }
                return Ok(());
            }
        };
        count += 1;
        let seq = e.seq;
        let cert = e.cert_no.as_str();
        if seq != expected {
            if seq > expected {
                let range = if seq - expected == 1 {
                    format!("#{expected}")
                } else {
                    format!("#{expected}–#{}", seq - 1)
                };
                push(
                    "numbering",
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
                );
            } else {
                push(
                    "numbering",
                    Some(seq),
                    None,
                    None,
                    format!("{} #{seq}: {}", t("条目", "entry"), t("编号重复或乱序", "number out of order")),
                );
            }
        }
        let gap = seq != expected;
        expected = seq + 1;
        // The chain: this entry's hash over the previous stored hash and its canonical bytes.
        let payload: &[u8] = if e.kind == Kind::Certify {
            match payloads.get(cert) {
                Some(p) => p,
                None => {
                    push(
                        "certificate",
                        Some(seq),
                        Some(cert),
                        None,
                        lang.pick(
                            &format!("条目 #{seq} 登记的证明 {cert} 不在证明表中：证明被删除"),
                            &format!("entry #{seq} records certificate {cert}, which is no longer in the certificates table: it was deleted"),
                        )
                        .to_string(),
                    );
                    &[]
                }
            }
        } else {
            &[]
        };
        let prev = if seq == 1 { GENESIS } else { prev_hash };
        canonical_entry(&mut buf, &e, payload);
        let computed = chain_hash(&prev, &buf);
        if computed != e.hash {
            let msg = if gap {
                lang.pick(
                    &format!("条目 #{seq}（{} {} {}）无法接上哈希链：它之前的条目缺失", e.kind.zh(), e.qty, e.date),
                    &format!("entry #{seq} ({} {} on {}) does not link to the chain: the entry before it is missing", e.kind, e.qty, e.date),
                )
                .to_string()
            } else if e.kind == Kind::Certify {
                lang.pick(
                    &format!("条目 #{seq}（证明 {cert} 登记）与其哈希不符：证明或条目在写入后被改动"),
                    &format!("entry #{seq} (certificate {cert} recorded) does not match its hash: the certificate or the entry was altered after it was written"),
                )
                .to_string()
            } else {
                lang.pick(
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
                .to_string()
            };
            push("chain", Some(seq), Some(cert), Some(e.line), msg);
        }
        prev_hash = e.hash;
        head = e.hash;
        if let Some(cp) = against
            && cp.entries == seq
        {
            hash_at_checkpoint = Some(e.hash);
        }
        // What the entry says must make sense.
        if !payloads.contains_key(cert) && e.kind != Kind::Certify {
            push(
                "entry",
                Some(seq),
                Some(cert),
                Some(e.line),
                lang.pick(
                    &format!("条目 #{seq} 指向未知的证明 {cert}"),
                    &format!("entry #{seq} names an unknown certificate {cert}"),
                )
                .to_string(),
            );
        }
        if let Some(c) = closed_at.get(cert)
            && e.kind != Kind::Certify
        {
            push(
                "entry",
                Some(seq),
                Some(cert),
                Some(e.line),
                lang.pick(
                    &format!("条目 #{seq} 在证明 {cert} 核销（#{c}）之后登记"),
                    &format!("entry #{seq} was recorded after certificate {cert} was written off (#{c})"),
                )
                .to_string(),
            );
        }
        match e.kind {
            Kind::Certify => {
                if let Some(first) = certified_seen.insert(e.cert_no.clone(), seq) {
                    push(
                        "entry",
                        Some(seq),
                        Some(cert),
                        None,
                        format!("entry #{seq}: certificate {cert} recorded twice (first #{first})"),
                    );
                }
            }
            Kind::Close => {
                closed_at.entry(e.cert_no.clone()).or_insert(seq);
            }
            Kind::Reversal => reversals.push((seq, e.cert_no.clone(), e.line, e.reverses)),
            k if k.is_movement() => {
                match lines
                    .get_mut(cert)
                    .and_then(|v| v.iter_mut().find(|l| l.line == e.line))
                {
                    Some(l) => l.items.push(TimelineItem {
                        date: e.date,
                        seq,
                        kind: k,
                        qty: e.qty,
                    }),
                    None => push(
                        "entry",
                        Some(seq),
                        Some(cert),
                        Some(e.line),
                        format!(
                            "entry #{seq} names line {} that certificate {cert} does not have",
                            e.line
                        ),
                    ),
                }
            }
            _ => {}
        }
        for ev in &e.evidence {
            evidence_refs.entry(ev.sha256).or_default().push(seq);
        }
        Ok(())
    })?;
    for (seq, cert, line, target) in &reversals {
        let seq = *seq;
        let found = target.filter(|t| *t < seq).and_then(|t| {
            lines
                .get(cert.as_str())
                .and_then(|v| v.iter().find(|l| l.line == *line))
                .and_then(|l| l.items.binary_search_by_key(&t, |i| i.seq).ok())
                .map(|_| t)
        });
        match found {
            Some(t) => {
                if let Some(prev) = reversed.insert(t, seq) {
                    push(
                        "entry",
                        Some(seq),
                        Some(cert),
                        Some(*line),
                        format!("entry #{seq} reverses #{t}, already reversed by #{prev}"),
                    );
                }
            }
            None => push(
                "entry",
                Some(seq),
                Some(cert),
                Some(*line),
                lang.pick(
                    &format!("冲销条目 #{seq} 指向的条目 {target:?} 不是本证明本行之前的流水"),
                    &format!(
                        "reversal #{seq} names {target:?}, which is not an earlier movement of the same certificate line"
                    ),
                )
                .to_string(),
            ),
        }
    }
    for c in &certs {
        if !certified_seen.contains_key(&c.cert_no) {
            push(
                "certificate",
                None,
                Some(&c.cert_no),
                None,
                lang.pick(
                    &format!("证明 {} 没有登记条目：证明表被改动", c.cert_no),
                    &format!("certificate {} has no entry recording it: the certificates table was altered", c.cert_no),
                )
                .to_string(),
            );
        }
    }
    // Balances: replay each line's un-reversed movements in business-date order.
    let stored: HashMap<(String, i64), Balance> = snap
        .balances(None)?
        .into_iter()
        .map(|b| ((b.cert_no, b.line), b.balance))
        .collect();
    for c in &certs {
        let Some(ls) = lines.get(c.cert_no.as_str()) else {
            continue;
        };
        for l in ls {
            let key = (c.cert_no.clone(), l.line);
            let mut items: Vec<TimelineItem> = l
                .items
                .iter()
                .filter(|i| !reversed.contains_key(&i.seq))
                .copied()
                .collect();
            let (b, breaks) = balance::simulate_all(&mut items, l.certified);
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
                    balance::Shortfall::NotPositive => t("数量不是正数", "the quantity is not positive"),
                };
                push(
                    "balance",
                    Some(br.item.seq),
                    Some(key.0.as_str()),
                    Some(key.1),
                    lang.pick(
                        &format!(
                            "条目 #{}（证明 {} 第 {} 行 {} {} {}）使结存为负或超出核准：{why}",
                            br.item.seq,
                            key.0,
                            key.1,
                            br.item.date,
                            br.item.kind.zh(),
                            br.item.qty
                        ),
                        &format!(
                            "entry #{} (certificate {} line {}: {} {} on {}) makes a balance negative or over certified: {why}",
                            br.item.seq, key.0, key.1, br.item.kind, br.item.qty, br.item.date
                        ),
                    )
                    .to_string(),
                );
            }
            if stored.get(&key) != Some(&b) {
                push(
                    "balance",
                    None,
                    Some(key.0.as_str()),
                    Some(key.1),
                    lang.pick(
                        &format!("证明 {} 第 {} 行的存储结存与按流水重算的结存不符：结存表被改动", key.0, key.1),
                        &format!(
                            "certificate {} line {}: the stored balance differs from the one recomputed from the entries: the balances table was altered",
                            key.0, key.1
                        ),
                    )
                    .to_string(),
                );
            }
        }
    }

    // Evidence files: present and unchanged.
    let mut seen_files = HashSet::new();
    for (sha, seqs) in &evidence_refs {
        seen_files.insert(*sha);
        let p = stored_path(evidence_dir, sha);
        let list: Vec<String> = seqs.iter().map(|s| format!("#{s}")).collect();
        let first = seqs.first().copied();
        match hash_file(&p) {
            Ok((h, _)) if h == *sha => {}
            Ok(_) => push(
                "evidence",
                first,
                None,
                None,
                lang.pick(
                    &format!(
                        "证明文件 evidence/{} 已被改动（条目 {}）",
                        hex(sha),
                        list.join(", ")
                    ),
                    &format!(
                        "evidence file evidence/{} was altered (entries {})",
                        hex(sha),
                        list.join(", ")
                    ),
                )
                .to_string(),
            ),
            Err(_) => push(
                "evidence",
                first,
                None,
                None,
                lang.pick(
                    &format!(
                        "证明文件 evidence/{} 缺失（条目 {}）",
                        hex(sha),
                        list.join(", ")
                    ),
                    &format!(
                        "evidence file evidence/{} is missing (entries {})",
                        hex(sha),
                        list.join(", ")
                    ),
                )
                .to_string(),
            ),
        }
    }
    let mut extends = None;
    if let Some(cp) = against {
        let ok_ws = cp.workspace_id == workspace_id;
        if !ok_ws {
            push(
                "checkpoint",
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
            );
        }
        let ok_hash = if cp.entries == 0 {
            true
        } else if cp.entries > max_seq {
            push(
                "checkpoint",
                Some(cp.entries),
                None,
                None,
                lang.pick(
                    &format!("检查点有 {} 个条目，台账现只有 {max_seq} 个：条目被删除", cp.entries),
                    &format!("the checkpoint has {} entries, the ledger now only {max_seq}: entries were removed", cp.entries),
                )
                .to_string(),
            );
            false
        } else if hash_at_checkpoint != Some(cp.head) {
            push(
                "checkpoint",
                Some(cp.entries),
                None,
                None,
                lang.pick(
                    &format!("条目 #{} 的哈希与检查点不符：检查点之后台账被改写", cp.entries),
                    &format!("entry #{}'s hash differs from the checkpoint: the ledger was rewritten since", cp.entries),
                )
                .to_string(),
            );
            false
        } else {
            true
        };
        extends = Some(ok_ws && ok_hash);
    }

    snap.rollback()?;
    problems.sort_by_key(|p| (p.seq.unwrap_or(i64::MAX), p.kind));
    Ok(VerifyReport {
        workspace_id,
        entries: count,
        head,
        certificates: certs.len(),
        evidence_files: seen_files.len(),
        extends_checkpoint: extends,
        problems,
    })
}

//! `ledger import FILE.csv`: many movements, all or nothing, in one transaction. Every row meets
//! the rules of `ledger add`; every bad row is reported with its line number and code; when any
//! row is bad nothing is written. Columns are documented in `docs/ledger.md`.
//!
//! A row without a `key` gets `csv:<first 16 hex digits of the file's SHA-256>:<line, 9 digits>`, so
//! importing the same file again records nothing twice.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use super::chain::hex;
use super::entry::{Certificate, Entry};
use super::evidence::FileInfo;
use super::evidence::{self, Staged};
use super::kind::Kind;
use super::rules::EvidenceInput;
use super::session::{Checked, Movement, Session, Settings, build_entry, unknown_certificate};
use crate::application::Condition;
use crate::error::{Error, Result};
use crate::store::Store;

/// The code given to a malformed value (exit 2), as opposed to a rule's L-code (exit 1).
pub const INPUT: &str = "input";

/// The columns of the import file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Cert,
    Line,
    Kind,
    Qty,
    Date,
    DocNo,
    Location,
    Operator,
    Note,
    Evidence,
    Key,
}

impl Column {
    pub const ALL: [Column; 11] = [
        Column::Cert,
        Column::Line,
        Column::Kind,
        Column::Qty,
        Column::Date,
        Column::DocNo,
        Column::Location,
        Column::Operator,
        Column::Note,
        Column::Evidence,
        Column::Key,
    ];

    /// The documented header name.
    pub fn name(self) -> &'static str {
        match self {
            Column::Cert => "cert",
            Column::Line => "line",
            Column::Kind => "kind",
            Column::Qty => "qty",
            Column::Date => "date",
            Column::DocNo => "doc_no",
            Column::Location => "location",
            Column::Operator => "operator",
            Column::Note => "note",
            Column::Evidence => "evidence",
            Column::Key => "key",
        }
    }

    pub fn required(self) -> bool {
        matches!(
            self,
            Column::Cert | Column::Line | Column::Kind | Column::Qty
        )
    }

    /// Header names accepted for the column (English and the 台账's Chinese).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Cert => &["cert", "cert_no", "certificate", "证明号"],
            Column::Line => &["line", "行号", "产品行"],
            Column::Kind => &["kind", "movement", "类型", "流水类型"],
            Column::Qty => &["qty", "quantity", "数量"],
            Column::Date => &["date", "日期"],
            Column::DocNo => &["doc_no", "doc", "document", "单证号"],
            Column::Location => &["location", "地点", "库位"],
            Column::Operator => &["operator", "经办人"],
            Column::Note => &["note", "备注"],
            Column::Evidence => &["evidence", "证明材料", "证明文件"],
            Column::Key => &["key", "idempotency_key", "幂等键"],
        }
    }

    fn from_header(h: &str) -> Option<Column> {
        let h = h.trim().to_lowercase().replace([' ', '-'], "_");
        Column::ALL
            .into_iter()
            .find(|c| c.aliases().contains(&h.as_str()))
    }
}

/// One bad row (or a problem of the whole file, line 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowProblem {
    pub line: u64,
    /// `input` for a malformed value, else the rule's code (L001…).
    pub code: String,
    pub column: Option<&'static str>,
    pub message: String,
}

/// What an import did (or, with problems or in a dry run, would have done).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    pub rows: u64,
    /// New entries (written unless `dry_run` or there are problems).
    pub recorded: u64,
    /// Rows whose key was already recorded with the same content.
    pub already_recorded: u64,
    pub dry_run: bool,
    /// Whether the import was committed.
    pub committed: bool,
    pub first_seq: Option<i64>,
    pub last_seq: Option<i64>,
    pub problems: Vec<RowProblem>,
}

impl ImportReport {
    /// A malformed file or value (exit 2) rather than only rule refusals (exit 1).
    pub fn has_input_problems(&self) -> bool {
        self.problems.iter().any(|p| p.code == INPUT)
    }
}

fn problem(line: u64, code: &str, column: Option<Column>, message: String) -> RowProblem {
    RowProblem {
        line,
        code: code.to_string(),
        column: column.map(Column::name),
        message,
    }
}

fn file_sha256(path: &Path) -> Result<([u8; 32], u64)> {
    evidence::hash_file(path).map_err(|e| Error::input_io(path, e))
}

/// Counts bytes read, for the progress bar.
struct Counting<R> {
    inner: R,
    read: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if let Some(d) = super::date::parse_ymd(t) {
        return Some(d);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y/%m/%d"))
        .ok()
}

/// Import `path`. `progress(bytes_read, total_bytes)` is called now and then.
pub fn import(
    store: &mut Store,
    settings: Settings<'_>,
    path: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ImportReport> {
    let lang = settings.lang;
    let dry_run = settings.dry_run;
    let (file_hash, total) = file_sha256(path)?;
    let mut report = ImportReport {
        dry_run,
        ..Default::default()
    };
    if total == 0 {
        report.problems.push(problem(
            1,
            INPUT,
            None,
            lang.pick(
                "文件为空：第一行应为列名（cert,line,kind,qty,…）",
                "the file is empty: the first line must name the columns (cert,line,kind,qty,…)",
            )
            .into(),
        ));
        return Ok(report);
    }
    let base: PathBuf = path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let auto_key_prefix = format!("csv:{}:", &hex(&file_hash)[..16]);
    let file = std::fs::File::open(path).map_err(|e| Error::input_io(path, e))?;
    let counting = Counting {
        inner: std::io::BufReader::with_capacity(256 * 1024, file),
        read: 0,
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(counting);
    let mut rec = csv::ByteRecord::new();
    // The header.
    let header_ok = match rdr.read_byte_record(&mut rec) {
        Ok(true) => true,
        Ok(false) => false,
        Err(e) => {
            report.problems.push(problem(1, INPUT, None, e.to_string()));
            return Ok(report);
        }
    };
    if !header_ok {
        report.problems.push(problem(
            1,
            INPUT,
            None,
            lang.pick("文件没有列名行", "the file has no header line")
                .into(),
        ));
        return Ok(report);
    }
    let mut cols: HashMap<usize, Column> = HashMap::new();
    let mut header_problems = Vec::new();
    for (i, raw) in rec.iter().enumerate() {
        let Ok(h) = std::str::from_utf8(raw) else {
            header_problems.push(problem(1, INPUT, None, not_utf8(lang)));
            break;
        };
        if h.trim().is_empty() {
            continue;
        }
        match Column::from_header(h) {
            Some(c) if cols.values().any(|x| *x == c) => header_problems.push(problem(
                1,
                INPUT,
                Some(c),
                lang.pick(
                    &format!("列 {h:?} 重复"),
                    &format!("the column {h:?} appears twice"),
                )
                .into(),
            )),
            Some(c) => {
                cols.insert(i, c);
            }
            None => {
                let known: Vec<&str> = Column::ALL.iter().map(|c| c.name()).collect();
                let hint = crate::application::parse::closest(h.trim(), &known)
                    .map(|c| format!(" ({} {c}?)", lang.pick("是否应为", "did you mean")))
                    .unwrap_or_default();
                header_problems.push(problem(
                    1,
                    INPUT,
                    None,
                    lang.pick(
                        &format!("未知的列 {h:?}{hint}；可用的列：{}", known.join(",")),
                        &format!(
                            "unknown column {h:?}{hint}; the columns are: {}",
                            known.join(",")
                        ),
                    )
                    .into(),
                ));
            }
        }
    }
    for c in Column::ALL.into_iter().filter(|c| c.required()) {
        if !cols.values().any(|x| *x == c) {
            header_problems.push(problem(
                1,
                INPUT,
                Some(c),
                lang.pick(
                    &format!("缺少必需的列 {}", c.name()),
                    &format!("the required column {} is missing", c.name()),
                )
                .into(),
            ));
        }
    }
    if !header_problems.is_empty() {
        report.problems = header_problems;
        return Ok(report);
    }
    let mut idx: Vec<(usize, Column)> = cols.into_iter().collect();
    idx.sort_by_key(|(i, _)| *i);

    // Two threads: a reader parses rows, stages evidence and runs the checks that need only the
    // certificate (the certificates cannot change: this import holds the write lock); this
    // thread checks keys and balances and appends, so parsing overlaps with SQLite's work.
    let reader_store = store.reopen()?;
    let tx = store.ledger_tx()?;
    let evidence_dir = settings.evidence_dir.to_path_buf();
    let today = settings.now.date();
    let recorded_at = settings.now.rfc3339();
    let mut s = Session::begin(tx, settings)?;
    // Staged copies by content, handed over by the reader the first time it meets a file.
    let mut pending: HashMap<[u8; 32], Staged> = HashMap::new();
    let outcome = std::thread::scope(|scope| -> Result<()> {
        let (tx_rows, rx_rows) = std::sync::mpsc::sync_channel::<Batch>(8);
        let reader = scope.spawn(move || -> Result<()> {
            let mut r = RowReader {
                store: reader_store,
                certs: HashMap::new(),
                staged: HashMap::new(),
                evidence_dir,
                dry_run,
                today,
                recorded_at,
                lang,
            };
            let mut batch = Batch::default();
            loop {
                let line = match rdr.read_byte_record(&mut rec) {
                    Ok(true) => rec.position().map(|p| p.line()).unwrap_or(0),
                    Ok(false) => break,
                    Err(e) => {
                        let line = e.position().map(|p| p.line()).unwrap_or(0);
                        batch.rows.push(Prepared {
                            line,
                            outcome: Err(vec![problem(line, INPUT, None, e.to_string())]),
                            staged: Vec::new(),
                        });
                        break;
                    }
                };
                if rec.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                    continue; // a blank line
                }
                let p = r.prepare(&rec, &idx, line, &base, &auto_key_prefix)?;
                batch.rows.push(p);
                if batch.rows.len() >= 512 {
                    batch.bytes = rdr.get_ref().read;
                    if tx_rows.send(std::mem::take(&mut batch)).is_err() {
                        return Ok(()); // the writer stopped
                    }
                }
            }
            batch.bytes = rdr.get_ref().read;
            let _ = tx_rows.send(batch);
            Ok(())
        });
        let mut write = || -> Result<()> {
            for batch in rx_rows.iter() {
                for p in batch.rows {
                    for st in p.staged {
                        pending.entry(st.info.sha256).or_insert(st);
                    }
                    report.rows += 1;
                    let entry = match p.outcome {
                        Ok(e) => e,
                        Err(mut ps) => {
                            report.problems.append(&mut ps);
                            continue;
                        }
                    };
                    match s.accept(entry) {
                        Ok(Checked::Duplicate(_)) => report.already_recorded += 1,
                        Ok(Checked::New(e)) => {
                            for ev in &e.evidence {
                                if let Some(st) = pending.get_mut(&ev.sha256) {
                                    s.install(st)?;
                                }
                            }
                            let seq = s.append_quiet(e, &[])?;
                            report.first_seq.get_or_insert(seq);
                            report.last_seq = Some(seq);
                            report.recorded += 1;
                        }
                        Err(Error::Refused { code, message }) => {
                            report.problems.push(problem(p.line, &code, None, message));
                        }
                        Err(e) => return Err(e),
                    }
                }
                progress(batch.bytes, total);
            }
            Ok(())
        };
        let written = write();
        drop(rx_rows);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(Error::Storage("the import reader thread failed".into())));
        written.and(read)
    });
    progress(total, total);
    if let Err(e) = outcome {
        s.abort()?;
        return Err(e);
    }
    if report.rows == 0 && report.problems.is_empty() {
        report.problems.push(problem(
            2,
            INPUT,
            None,
            lang.pick(
                "文件只有列名，没有流水行",
                "the file has a header but no rows",
            )
            .into(),
        ));
    }
    report.problems.sort_by_key(|p| p.line);
    if !report.problems.is_empty() || dry_run {
        s.abort()?;
        if !report.problems.is_empty() {
            report.first_seq = None;
            report.last_seq = None;
        }
        return Ok(report);
    }
    s.finish()?;
    report.committed = true;
    Ok(report)
}

/// Rows on their way from the reader to the writer.
#[derive(Default)]
struct Batch {
    rows: Vec<Prepared>,
    /// Bytes of the file read so far.
    bytes: u64,
}

/// One row, parsed and checked as far as its certificate allows.
struct Prepared {
    line: u64,
    outcome: std::result::Result<Entry, Vec<RowProblem>>,
    /// Evidence copies staged for this row and not handed over before.
    staged: Vec<Staged>,
}

/// The reader thread's state: its own connection (for certificates) and the evidence it staged.
struct RowReader {
    store: Store,
    certs: HashMap<String, Option<(Certificate, Condition)>>,
    /// What each evidence path hashed to.
    staged: HashMap<PathBuf, FileInfo>,
    evidence_dir: PathBuf,
    dry_run: bool,
    today: NaiveDate,
    recorded_at: String,
    lang: crate::Lang,
}

impl RowReader {
    fn prepare(
        &mut self,
        rec: &csv::ByteRecord,
        idx: &[(usize, Column)],
        line: u64,
        base: &Path,
        auto_key_prefix: &str,
    ) -> Result<Prepared> {
        let lang = self.lang;
        let mut out = Prepared {
            line,
            outcome: Err(Vec::new()),
            staged: Vec::new(),
        };
        let mut m = match parse_row(rec, idx, line, base, lang) {
            Ok(m) => m,
            Err(ps) => {
                out.outcome = Err(ps);
                return Ok(out);
            }
        };
        if m.key.is_none() {
            m.key = Some(format!("{auto_key_prefix}{line:09}"));
        }
        // Stage each evidence file once, however many rows name it.
        let mut files = Vec::with_capacity(m.evidence.len());
        for e in &m.evidence {
            if let Some(info) = self.staged.get(&e.path) {
                files.push(info.clone());
                continue;
            }
            match evidence::stage(&self.evidence_dir, &e.path, self.dry_run) {
                Ok(st) => {
                    self.staged.insert(e.path.clone(), st.info.clone());
                    files.push(st.info.clone());
                    out.staged.push(st);
                }
                Err(err) => {
                    out.outcome = Err(vec![problem(
                        line,
                        INPUT,
                        Some(Column::Evidence),
                        err.to_string(),
                    )]);
                    return Ok(out);
                }
            }
        }
        let cert_no = m.cert_no.trim();
        if !self.certs.contains_key(cert_no) {
            let c = self.store.certificate(cert_no)?.and_then(|c| {
                let cond = Condition::parse(&c.condition)?;
                Some((c, cond))
            });
            self.certs.insert(cert_no.to_string(), c);
        }
        let refs: Vec<&FileInfo> = files.iter().collect();
        let built = match self.certs.get(cert_no) {
            Some(Some((c, cond))) => {
                build_entry(c, *cond, m, &refs, self.today, &self.recorded_at, lang)
            }
            _ => Err(unknown_certificate(cert_no, lang)),
        };
        out.outcome = match built {
            Ok(e) => Ok(e),
            Err(Error::Refused { code, message }) => Err(vec![problem(line, &code, None, message)]),
            Err(e @ (Error::Input(_) | Error::Parse { .. } | Error::Invalid { .. })) => {
                Err(vec![problem(line, INPUT, None, e.to_string())])
            }
            Err(e) => return Err(e),
        };
        Ok(out)
    }
}

fn not_utf8(lang: crate::Lang) -> String {
    lang.pick(
        "不是 UTF-8 文本（Excel 请另存为“CSV UTF-8”；中文 Windows 默认保存为 GBK）",
        "not UTF-8 text (in Excel, save as \"CSV UTF-8\"; Chinese Windows saves GBK by default)",
    )
    .into()
}

/// Parse one row into a movement, or list every malformed value of it.
fn parse_row(
    rec: &csv::ByteRecord,
    idx: &[(usize, Column)],
    line: u64,
    base: &Path,
    lang: crate::Lang,
) -> std::result::Result<Movement, Vec<RowProblem>> {
    let mut m = Movement::default();
    let mut ps = Vec::new();
    let mut seen = [false; 11];
    for (i, col) in idx {
        let raw = rec.get(*i).unwrap_or_default();
        let Ok(v) = std::str::from_utf8(raw) else {
            ps.push(problem(line, INPUT, Some(*col), not_utf8(lang)));
            continue;
        };
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        seen[*col as usize] = true;
        match col {
            Column::Cert => m.cert_no = v.to_string(),
            Column::Line => match v.parse::<i64>() {
                Ok(l) if l >= 1 => m.line = l,
                _ => ps.push(problem(
                    line,
                    INPUT,
                    Some(*col),
                    lang.pick(
                        &format!("行号 {v:?} 不是正整数"),
                        &format!("line {v:?} is not a positive whole number"),
                    )
                    .into(),
                )),
            },
            Column::Kind => match Kind::parse_movement(v) {
                Some(k) => m.kind = Some(k),
                None => ps.push(problem(
                    line,
                    INPUT,
                    Some(*col),
                    lang.pick(
                        &format!("未知的流水类型 {v:?}（inbound 入库、issue 领用、return 归还、use 使用、reexport 退运核销、scrap 报废/销毁、export 整机出口）"),
                        &format!("unknown kind {v:?} (inbound, issue, return, use, reexport, scrap, export)"),
                    )
                    .into(),
                )),
            },
            Column::Qty => match v.parse::<i64>() {
                Ok(q) if q > 0 => m.qty = q,
                Ok(q) => ps.push(problem(
                    line,
                    INPUT,
                    Some(*col),
                    lang.pick(
                        &format!("数量 {q} 不是正整数"),
                        &format!("the quantity {q} is not a positive whole number"),
                    )
                    .into(),
                )),
                Err(_) => ps.push(problem(
                    line,
                    INPUT,
                    Some(*col),
                    lang.pick(
                        &format!("数量 {v:?} 不是整数（或超出范围）"),
                        &format!("the quantity {v:?} is not a whole number (or out of range)"),
                    )
                    .into(),
                )),
            },
            Column::Date => match parse_date(v) {
                Some(d) => m.date = Some(d),
                None => ps.push(problem(
                    line,
                    INPUT,
                    Some(*col),
                    lang.pick(
                        &format!("日期 {v:?} 应为 YYYY-MM-DD"),
                        &format!("the date {v:?} is not YYYY-MM-DD"),
                    )
                    .into(),
                )),
            },
            Column::DocNo => m.doc_no = Some(v.to_string()),
            Column::Location => m.location = Some(v.to_string()),
            Column::Operator => m.operator = Some(v.to_string()),
            Column::Note => m.note = Some(v.to_string()),
            Column::Evidence => {
                m.evidence = v
                    .split([';', '；'])
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(|x| EvidenceInput::parse(x, base))
                    .collect();
            }
            Column::Key => m.key = Some(v.to_string()),
        }
    }
    for c in Column::ALL.into_iter().filter(|c| c.required()) {
        if !seen[c as usize] {
            ps.push(problem(
                line,
                INPUT,
                Some(c),
                lang.pick(
                    &format!("缺少 {}", c.name()),
                    &format!("{} is empty", c.name()),
                )
                .into(),
            ));
        }
    }
    if ps.is_empty() { Ok(m) } else { Err(ps) }
}

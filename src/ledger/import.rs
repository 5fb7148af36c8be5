//! `ledger import FILE.csv|FILE.xlsx`: many movements, all or nothing, in one transaction. Every
//! row meets the rules of `ledger add`; every bad row is reported with its line number (an XLSX:
//! its row number) and code; when any row is bad nothing is written. Columns are documented in
//! `docs/ledger.md`.
//!
//! A row without a `key` gets `csv:<first 16 hex digits of the file's SHA-256>:<line, 9 digits>`
//! (`xlsx:` for a sheet), so importing the same file again records nothing twice.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use super::entry::Entry;
use super::evidence::{self, FileInfo, Staged};
use super::kind::Kind;
use super::rules::EvidenceInput;
use super::session::{Checked, Movement, Session, Settings};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::ledger::{LedgerTx, StoredBalance};
use crate::util::hex::hex;

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

/// The rows of the import file: a CSV read as it streams, or the first sheet of an XLSX (a zip,
/// `PK\x03\x04`), whose records carry their spreadsheet row numbers (`import_xlsx.rs`).
enum Rows {
    Csv(csv::Reader<Counting<std::io::BufReader<std::fs::File>>>),
    Sheet(super::import_xlsx::SheetRecords),
}

impl Rows {
    fn open(path: &Path, lang: crate::Lang) -> Result<Rows> {
        let mut file = std::fs::File::open(path).map_err(|e| Error::input_io(path, e))?;
        let mut magic = [0u8; 4];
        let n = file
            .read(&mut magic)
            .map_err(|e| Error::input_io(path, e))?;
        if crate::application::intake::is_xlsx(&magic[..n]) {
            let bytes = std::fs::read(path).map_err(|e| Error::input_io(path, e))?;
            return Ok(Rows::Sheet(super::import_xlsx::SheetRecords::read(
                path, &bytes, lang,
            )?));
        }
        let file = std::fs::File::open(path).map_err(|e| Error::input_io(path, e))?;
        let counting = Counting {
            inner: std::io::BufReader::with_capacity(256 * 1024, file),
            read: 0,
        };
        Ok(Rows::Csv(
            csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(counting),
        ))
    }

    fn read_byte_record(&mut self, rec: &mut csv::ByteRecord) -> csv::Result<bool> {
        match self {
            Rows::Csv(r) => r.read_byte_record(rec),
            Rows::Sheet(s) => s.read_byte_record(rec),
        }
    }

    fn bytes_read(&self) -> u64 {
        match self {
            Rows::Csv(r) => r.get_ref().read,
            Rows::Sheet(s) => s.bytes_read(),
        }
    }

    /// The tag of the keys given to rows without one.
    fn key_tag(&self) -> &'static str {
        match self {
            Rows::Csv(_) => "csv",
            Rows::Sheet(_) => "xlsx",
        }
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
    let mut rdr = Rows::open(path, lang)?;
    let auto_key_prefix = format!("{}:{}:", rdr.key_tag(), &hex(&file_hash)[..16]);
    if let Rows::Sheet(s) = &rdr
        && s.is_empty()
    {
        report.problems.push(problem(
            1,
            INPUT,
            None,
            lang.pick(
                "工作表为空：第一行应为列名（cert,line,kind,qty,…）",
                "the sheet is empty: the first row must name the columns (cert,line,kind,qty,…)",
            )
            .into(),
        ));
        return Ok(report);
    }
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
                let hint = crate::util::text::closest(h.trim(), &known)
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

    // Two threads. This one takes the write lock and only writes: entries, evidence, balances.
    // A checker thread reads the file and does everything else (parse, stage evidence, every
    // rule, number and hash) on its own connection, from a snapshot taken after the lock: no
    // other writer can commit meanwhile, so the snapshot is the state this import extends.
    let reader_store = store.reopen()?;
    let wtx = store.ledger_tx()?;
    let evidence_dir = settings.evidence_dir.to_path_buf();
    let mut installed: Vec<PathBuf> = Vec::new();
    let outcome = std::thread::scope(|scope| -> Result<(ImportReport, Vec<StoredBalance>)> {
        let (to_writer, from_checker) = std::sync::mpsc::sync_channel::<Batch>(8);
        // Written entries go back to the checker to be freed there, off the writer's path.
        let (recycle, recycled) = std::sync::mpsc::channel::<Vec<Entry>>();
        let checker_dir = evidence_dir.clone();
        let checker = scope.spawn(move || -> Result<(ImportReport, Vec<StoredBalance>)> {
            let mut reader_store = reader_store;
            let snap = reader_store.ledger_snapshot()?;
            let mut s = Session::begin_detached(snap, settings)?;
            let mut c = Checker {
                staged: HashMap::new(),
                pending: HashMap::new(),
                evidence_dir: checker_dir,
                dry_run,
                lang,
            };
            let mut batch = Batch::default();
            loop {
                let line = match rdr.read_byte_record(&mut rec) {
                    Ok(true) => rec.position().map(|p| p.line()).unwrap_or(0),
                    Ok(false) => break,
                    Err(e) => {
                        let line = e.position().map(|p| p.line()).unwrap_or(0);
                        report
                            .problems
                            .push(problem(line, INPUT, None, e.to_string()));
                        break;
                    }
                };
                if rec.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                    continue; // a blank line
                }
                while let Ok(done) = recycled.try_recv() {
                    drop(done);
                }
                report.rows += 1;
                c.row(
                    &mut s,
                    &rec,
                    &idx,
                    line,
                    &base,
                    &auto_key_prefix,
                    &mut report,
                    &mut batch,
                )?;
                if !report.problems.is_empty() && s.appended >= 512 + batch.appended_before {
                    // Nothing will be written: keep checking, drop what was prepared.
                    drop(s.take_outbox());
                    batch.staged.clear();
                    batch.appended_before = s.appended;
                } else if s.appended >= 512 + batch.appended_before {
                    batch.entries = s.take_outbox();
                    batch.appended_before = s.appended;
                    batch.bytes = rdr.bytes_read();
                    let next = Batch {
                        appended_before: s.appended,
                        ..Default::default()
                    };
                    if to_writer.send(std::mem::replace(&mut batch, next)).is_err() {
                        return Err(Error::Storage("the import writer stopped".into()));
                    }
                }
            }
            batch.entries = s.take_outbox();
            batch.bytes = rdr.bytes_read();
            let balances = s.changed_balances();
            let _ = to_writer.send(batch);
            s.abort()?;
            Ok((report, balances))
        });
        let mut write = || -> Result<()> {
            for mut batch in from_checker.iter() {
                if !dry_run {
                    for st in batch.staged.iter_mut() {
                        if let Some(p) = st.install(&evidence_dir)? {
                            installed.push(p);
                        }
                    }
                    wtx.insert_entries(&batch.entries)?;
                }
                progress(batch.bytes, total);
                let _ = recycle.send(std::mem::take(&mut batch.entries));
            }
            Ok(())
        };
        let written = write();
        drop(from_checker);
        let checked = checker
            .join()
            .unwrap_or_else(|_| Err(Error::Storage("the import checker thread failed".into())));
        // A writer error explains a checker that stopped.
        written?;
        checked
    });
    progress(total, total);
    let abort = |wtx: LedgerTx<'_>, installed: Vec<PathBuf>| -> Result<()> {
        // Take back evidence this import put in the store, while still holding the lock.
        for p in installed {
            let _ = std::fs::remove_file(p);
        }
        wtx.rollback()
    };
    let (mut report, balances) = match outcome {
        Ok(v) => v,
        Err(e) => {
            abort(wtx, installed)?;
            return Err(e);
        }
    };
    report.dry_run = dry_run;
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
        abort(wtx, installed)?;
        if !report.problems.is_empty() {
            report.first_seq = None;
            report.last_seq = None;
        }
        return Ok(report);
    }
    let committed = (|| -> Result<()> {
        for b in &balances {
            wtx.put_balance(b)?;
        }
        if !installed.is_empty() {
            evidence::sync_dir(settings_dir(&installed));
        }
        Ok(())
    })();
    if let Err(e) = committed {
        abort(wtx, installed)?;
        return Err(e);
    }
    if let Err(e) = wtx.commit() {
        for p in installed {
            let _ = std::fs::remove_file(p);
        }
        return Err(e);
    }
    report.committed = true;
    Ok(report)
}

fn settings_dir(installed: &[PathBuf]) -> &Path {
    installed
        .first()
        .and_then(|p| p.parent())
        .unwrap_or(Path::new("."))
}

/// Entries on their way from the checker to the writer.
#[derive(Default)]
struct Batch {
    entries: Vec<Entry>,
    /// Evidence copies first needed by these entries.
    staged: Vec<Staged>,
    /// Bytes of the file read so far.
    bytes: u64,
    /// The checker's count of appended entries when this batch began.
    appended_before: usize,
}

/// The checker thread's evidence bookkeeping.
struct Checker {
    /// What each evidence path hashed to.
    staged: HashMap<PathBuf, FileInfo>,
    /// Staged copies not yet handed to the writer, by content.
    pending: HashMap<[u8; 32], Staged>,
    evidence_dir: PathBuf,
    dry_run: bool,
    lang: crate::Lang,
}

impl Checker {
    #[allow(clippy::too_many_arguments)]
    fn row(
        &mut self,
        s: &mut Session<'_, '_>,
        rec: &csv::ByteRecord,
        idx: &[(usize, Column)],
        line: u64,
        base: &Path,
        auto_key_prefix: &str,
        report: &mut ImportReport,
        batch: &mut Batch,
    ) -> Result<()> {
        let lang = self.lang;
        let mut m = match parse_row(rec, idx, line, base, lang) {
            Ok(m) => m,
            Err(mut ps) => {
                report.problems.append(&mut ps);
                return Ok(());
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
                    self.pending.insert(st.info.sha256, st);
                }
                Err(err) => {
                    report.problems.push(problem(
                        line,
                        INPUT,
                        Some(Column::Evidence),
                        err.to_string(),
                    ));
                    return Ok(());
                }
            }
        }
        let refs: Vec<&FileInfo> = files.iter().collect();
        match s.check_owned(m, &refs) {
            Ok(Checked::Duplicate(_)) => report.already_recorded += 1,
            Ok(Checked::New(e)) => {
                for f in &files {
                    if let Some(st) = self.pending.remove(&f.sha256) {
                        batch.staged.push(st);
                    }
                }
                let seq = s.append_quiet(e, &[])?;
                report.first_seq.get_or_insert(seq);
                report.last_seq = Some(seq);
                report.recorded += 1;
            }
            Err(Error::Refused { code, message }) => {
                report.problems.push(problem(line, &code, None, message));
            }
            Err(e @ (Error::Input(_) | Error::Parse { .. } | Error::Invalid { .. })) => {
                report
                    .problems
                    .push(problem(line, INPUT, None, e.to_string()));
            }
            Err(e) => return Err(e),
        }
        Ok(())
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

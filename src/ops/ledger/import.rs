//! `ledger import FILE.csv`: many movements, all or nothing, in one transaction. Every row meets
//! the rules of `ledger add` (through a [`Session`]); every bad row is reported with its line
//! number and code; when any row is bad nothing is written. The file is read by
//! `crate::ledger::import` (header, rows, values); this is the pipeline around it.
//!
//! [`run`] takes a progress callback besides the usual arguments: the import of a large file
//! reports how far it has read, and only the caller knows whether there is a terminal to show it.
//!
//! A stream (a pipe, `<(…)`, standard input as `-`) is read exactly once, into a temporary copy
//! in the workspace's state directory that the import then reads like a file and removes; a
//! directory, a device or a socket is refused before anything is read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::ledger::balance::SealedBalance;
use crate::ledger::entry::Entry;
use crate::ledger::evidence::{self, FileInfo, Staged};
use crate::ledger::import::{self, Column, ImportReport};
use crate::ledger::movement::Checked;
use crate::model::codes::Code;
use crate::store::LedgerTx;
use crate::store::Store;
use crate::workspace::Workspace;
use crate::{Lang, Now};

use super::session::{Session, Settings};

/// What to import.
#[derive(Debug, Clone)]
pub struct Options {
    /// The import file (absolute, or relative to where the caller stands, resolved by it).
    pub file: PathBuf,
    /// The file as diagnostics name it (as the user typed it).
    pub name: String,
    /// Where the caller stands: the evidence paths of rows read from a stream are relative to it
    /// (those of a file, to the file's directory).
    pub cwd: PathBuf,
    /// Check every row and report, but write nothing.
    pub dry_run: bool,
}

/// What the import did (or would have done), the severities of the workspace's `[severity]`
/// table in force.
pub type Report = ImportReport;

/// `ledger import` into the workspace's ledger. `progress(bytes_read, total_bytes)` is called
/// now and then.
pub fn run(
    ws: &Workspace,
    opts: Options,
    now: Now,
    lang: Lang,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Report> {
    let dir = ws.evidence_dir();
    let mut store = ws.store()?;
    let settings = Settings {
        lang,
        now,
        evidence_dir: &dir,
        dry_run: opts.dry_run,
    };
    let input = Input::prepare(&opts, &ws.state_dir(), lang)?;
    let mut report = import(&mut store, settings, &input.path, &input.base, progress)?;
    if report.committed {
        // The planner's statistics of a server, out of date after many rows at once.
        store.appended_many(report.recorded)?;
    }
    // Name the file as it was typed, and put the severities in force.
    for p in &mut report.problems {
        p.location.rename_file(&opts.name);
    }
    ws.config.severity.apply(&mut report.problems);
    Ok(report)
}

/// The import file as the import reads it: the named file when it is a regular file, else a
/// temporary copy of the stream, removed when this is dropped.
struct Input {
    path: PathBuf,
    /// What the rows' evidence paths are relative to.
    base: PathBuf,
    spooled: bool,
}

impl Input {
    fn prepare(opts: &Options, tmp_dir: &Path, lang: Lang) -> Result<Input> {
        use std::os::unix::fs::FileTypeExt;
        // Followed through links: `<(…)` is `/dev/fd/N`, `-` is `/dev/stdin`.
        let meta = std::fs::metadata(&opts.file).map_err(|e| Error::input_io(&opts.file, e))?;
        let ft = meta.file_type();
        if ft.is_file() {
            let base = opts
                .file
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| opts.cwd.clone());
            return Ok(Input {
                path: opts.file.clone(),
                base,
                spooled: false,
            });
        }
        if !ft.is_fifo() {
            let problem = if ft.is_dir() {
                crate::util::paths::FileProblem::Directory
            } else {
                crate::util::paths::FileProblem::Special
            };
            let (zh, en) = problem.describe();
            let hint = lang.pick(
                "请给出 CSV 或 XLSX 文件，或用 `-` 从管道读入",
                "give a CSV or XLSX file, or `-` to read a pipe",
            );
            return Err(Error::Input(format!(
                "{}: {}；{hint}",
                opts.name,
                lang.pick(&zh, &en)
            )));
        }
        // A pipe: read once, as it streams, into a file of the workspace.
        std::fs::create_dir_all(tmp_dir).map_err(|e| Error::storage_io(tmp_dir, e))?;
        let (tmp, mut out) =
            crate::util::files::tempfile_in(tmp_dir).map_err(|e| Error::storage_io(tmp_dir, e))?;
        let input = Input {
            path: tmp,
            base: opts.cwd.clone(),
            spooled: true,
        };
        let mut src =
            std::fs::File::open(&opts.file).map_err(|e| Error::input_io(&opts.file, e))?;
        std::io::copy(&mut src, &mut out).map_err(|e| Error::input_io(&opts.file, e))?;
        Ok(input)
    }
}

impl Drop for Input {
    fn drop(&mut self) {
        if self.spooled {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Import `path`, whose rows' evidence paths are relative to `base`. `progress(bytes_read,
/// total_bytes)` is called now and then.
pub fn import(
    store: &mut Store,
    settings: Settings<'_>,
    path: &Path,
    base: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ImportReport> {
    let lang = settings.lang;
    let dry_run = settings.dry_run;
    let name = path.display().to_string();
    let name = name.as_str();
    let (file_hash, total) = import::file_sha256(path)?;
    let mut report = ImportReport {
        dry_run,
        ..Default::default()
    };
    if total == 0 {
        report.problems.push(import::empty_file(name, lang));
        return Ok(report);
    }
    let mut rdr = import::open(path, lang)?;
    if rdr.is_empty_sheet() {
        report.problems.push(import::empty_sheet(name, lang));
        return Ok(report);
    }
    let auto_key_prefix = import::auto_key_prefix(&rdr, &file_hash);
    let mut rec = csv::ByteRecord::new();
    let idx = match import::header(&mut rdr, &mut rec, name, lang) {
        Ok(idx) => idx,
        Err(problems) => {
            report.problems = problems;
            return Ok(report);
        }
    };

    // Two threads. This one takes the write lock and only writes: entries, evidence, balances.
    // A checker thread reads the file and does everything else (parse, stage evidence, every
    // rule, number and hash) on its own connection, from a snapshot taken after the lock: no
    // other writer can commit meanwhile, so the snapshot is the state this import extends.
    let reader_store = store.reopen()?;
    let wtx = store.ledger_tx()?;
    let evidence_dir = settings.evidence_dir.to_path_buf();
    let mut installed: Vec<PathBuf> = Vec::new();
    let outcome = std::thread::scope(|scope| -> Result<(ImportReport, Vec<SealedBalance>)> {
        let (to_writer, from_checker) = std::sync::mpsc::sync_channel::<Batch>(8);
        // Written entries go back to the checker to be freed there, off the writer's path.
        let (recycle, recycled) = std::sync::mpsc::channel::<Vec<Entry>>();
        let checker_dir = evidence_dir.clone();
        let checker = scope.spawn(move || -> Result<(ImportReport, Vec<SealedBalance>)> {
            let mut reader_store = reader_store;
            let snap = reader_store.ledger_snapshot()?;
            let mut s = Session::begin_detached(snap, settings)?;
            let mut c = Checker {
                staged: HashMap::new(),
                pending: HashMap::new(),
                evidence_dir: checker_dir,
                dry_run,
                lang,
                file: name.to_string(),
            };
            let mut batch = Batch::default();
            loop {
                let line = match import::next_row(&mut rdr, &mut rec, name) {
                    Ok(Some(line)) => line,
                    Ok(None) => break,
                    Err(p) => {
                        report.problems.push(*p);
                        break;
                    }
                };
                while let Ok(done) = recycled.try_recv() {
                    drop(done);
                }
                report.rows += 1;
                c.row(
                    &mut s,
                    &rec,
                    &idx,
                    line,
                    base,
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
                    batch.bytes = import::bytes_read(&rdr);
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
            batch.bytes = import::bytes_read(&rdr);
            let balances = s.changed_balances();
            let _ = to_writer.send(batch);
            s.abort()?;
            Ok((report, balances))
        });
        let mut write = || -> Result<()> {
            if dry_run {
                for mut batch in from_checker.iter() {
                    progress(batch.bytes, total);
                    let _ = recycle.send(std::mem::take(&mut batch.entries));
                }
                return Ok(());
            }
            // The entries stream into the store as the checker hands them over (on
            // PostgreSQL one COPY for all); the evidence they name goes in after them, in the
            // same transaction.
            let mut staged: Vec<Staged> = Vec::new();
            wtx.append_stream(&mut |sink| {
                for mut batch in from_checker.iter() {
                    staged.append(&mut batch.staged);
                    sink(&batch.entries)?;
                    progress(batch.bytes, total);
                    let _ = recycle.send(std::mem::take(&mut batch.entries));
                }
                Ok(())
            })?;
            for st in staged.iter_mut() {
                if let Some(p) = wtx.install_evidence(st, &evidence_dir)? {
                    installed.push(p);
                }
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
        report.problems.push(import::no_rows(name, lang));
    }
    report.problems.sort_by_key(import::line_of);
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
    /// The import file, as diagnostics name it.
    file: String,
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
        let mut m = match import::parse_row(rec, idx, line, base, &self.file, lang) {
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
                    report.problems.push(import::problem(
                        &self.file,
                        line,
                        Code::I009,
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
                report
                    .problems
                    .push(import::problem(&self.file, line, code, None, message));
            }
            Err(e @ (Error::Input(_) | Error::Parse { .. } | Error::Invalid { .. })) => {
                report.problems.push(import::problem(
                    &self.file,
                    line,
                    Code::I007,
                    None,
                    e.to_string(),
                ));
            }
            Err(e) => return Err(e),
        }
        Ok(())
    }
}

//! The examination of an application's material files for `check` and `inspect`: the engines
//! (the OCR program, the PDF renderer) run as child processes, the cache in the workspace
//! database, and the files examined in parallel. The measurements are `content`'s; what they
//! mean for the application is `rules::content`'s.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use sha2::Digest;

use crate::application::LoadedApplication;
use crate::content::{self, Examination, Ocr, Render, Word};
use crate::error::Result;
use crate::store::Store;
use crate::store::content::FileDigest;
use crate::util::files::{Digests, Memo, Stamp};
use crate::util::hex::hex;
use crate::util::paths;

/// `check --content`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// No examination.
    #[default]
    Off,
    /// Examine; a file that could not be examined is M017 at its severity (info).
    On,
    /// Examine; M017 is an error (a CI gate that must not pass on an unexamined file).
    Require,
}

/// The programs the examination may use, found by the caller (the CLI looks on the PATH).
#[derive(Debug, Clone, Default)]
pub struct Engines {
    /// `tesseract`, used when it has the `chi_sim` language (asked the first time OCR may be
    /// needed: a second check of cached text-layer files never starts it).
    pub tesseract: Option<PathBuf>,
    /// `[content] ocr_command`, split into words: reads a PNG on stdin, prints TSV or JSON.
    pub ocr_command: Option<Vec<String>>,
    /// `pdftoppm`, for JBIG2, JPX and CCITT page images.
    pub pdftoppm: Option<PathBuf>,
    /// Pages examined at once.
    pub threads: usize,
}

/// How the content is examined.
#[derive(Debug, Clone, Default)]
pub struct ContentOptions {
    pub mode: Mode,
    pub engines: Engines,
}

/// Tesseract: `-l chi_sim+eng`, TSV, one thread (the pages are already in parallel).
struct Tesseract(PathBuf);

/// Any program reading a PNG on stdin and printing words.
struct OcrCommand(Vec<String>);

struct Pdftoppm(PathBuf);

/// Run `cmd` with `input` on stdin; its stdout, or why not.
fn run(mut cmd: Command, input: &[u8]) -> std::result::Result<Vec<u8>, String> {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| e.to_string())?;
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    let data = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&data));
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let _ = writer.join();
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!(
            "{}: {}",
            out.status,
            err.lines().last().unwrap_or("").trim()
        ));
    }
    Ok(out.stdout)
}

impl Ocr for Tesseract {
    fn id(&self) -> String {
        "tesseract:chi_sim+eng".into()
    }

    fn read(&self, png: &[u8]) -> std::result::Result<Vec<Word>, String> {
        let mut cmd = Command::new(&self.0);
        cmd.args(["stdin", "stdout", "-l", "chi_sim+eng", "--psm", "3", "tsv"])
            .env("OMP_THREAD_LIMIT", "1");
        let out = run(cmd, png)?;
        content::ocr::parse(&String::from_utf8_lossy(&out))
    }
}

impl Ocr for OcrCommand {
    fn id(&self) -> String {
        format!("command:{}", self.0.join(" "))
    }

    fn read(&self, png: &[u8]) -> std::result::Result<Vec<Word>, String> {
        let mut cmd = Command::new(&self.0[0]);
        cmd.args(&self.0[1..]).env("OMP_THREAD_LIMIT", "1");
        let out = run(cmd, png)?;
        content::ocr::parse(&String::from_utf8_lossy(&out))
    }
}

impl Render for Pdftoppm {
    fn render(&self, pdf: &[u8], page: u32, dpi: u32) -> std::result::Result<Vec<u8>, String> {
        let mut cmd = Command::new(&self.0);
        let (p, r) = (page.to_string(), dpi.to_string());
        cmd.args(["-f", &p, "-l", &p, "-r", &r, "-png", "-singlefile", "-"]);
        run(cmd, pdf)
    }
}

/// Whether this tesseract has the simplified-Chinese language.
fn has_chi_sim(tesseract: &Path) -> bool {
    Command::new(tesseract)
        .arg("--list-langs")
        .output()
        .is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .chain(String::from_utf8_lossy(&o.stderr).lines())
                .any(|l| l.trim() == "chi_sim")
        })
}

type SharedOcr = Box<dyn Ocr + Send + Sync>;

/// The engines as trait objects, for one examination run.
pub struct Prepared {
    /// `[content] ocr_command`, else tesseract once it is known to have `chi_sim`.
    ocr: std::sync::OnceLock<Option<SharedOcr>>,
    ocr_command: Option<Vec<String>>,
    tesseract: Option<PathBuf>,
    render: Option<Box<dyn Render>>,
    threads: usize,
}

impl Prepared {
    pub fn new(e: &Engines) -> Prepared {
        Prepared {
            ocr: std::sync::OnceLock::new(),
            ocr_command: e.ocr_command.clone().filter(|c| !c.is_empty()),
            tesseract: e.tesseract.clone(),
            render: e
                .pdftoppm
                .clone()
                .map(|p| Box::new(Pdftoppm(p)) as Box<dyn Render>),
            threads: e.threads.max(1),
        }
    }

    /// The OCR engine; tesseract is asked for its languages here, once.
    fn ocr(&self) -> Option<&dyn Ocr> {
        self.ocr
            .get_or_init(|| match (&self.ocr_command, &self.tesseract) {
                (Some(c), _) => Some(Box::new(OcrCommand(c.clone())) as SharedOcr),
                (None, Some(t)) if has_chi_sim(t) => Some(Box::new(Tesseract(t.clone()))),
                _ => None,
            })
            .as_deref()
            .map(|o| o as &dyn Ocr)
    }

    /// The options of an examination; the OCR engine is looked for only when the text is wanted
    /// (without it neither the examination nor its key looks at the engine).
    pub fn options(&self, read_text: bool, threads: usize) -> content::Options<'_> {
        content::Options {
            ocr: if read_text { self.ocr() } else { None },
            render: self.render.as_deref(),
            threads,
            read_text,
        }
    }
}

/// Whether the facts of a material kind are looked for in its text (OCR only for those).
pub fn reads_text(kind: &str) -> bool {
    matches!(
        kind,
        "business-licence" | "import-documents" | "comparison-table" | "sample-notice"
    )
}

/// One material file examined: which material and file, the path as written, what it shows.
pub struct Examined {
    pub material: usize,
    pub file: usize,
    pub rel: String,
    pub exam: Examination,
}

/// How many files the examination looked into and how many came from the cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub examined: usize,
    pub cached: usize,
}

/// A file changed less than this before it was hashed may have changed again afterwards with the
/// same stamp (file times are coarser than the clock: a jiffy on Linux, 2 s on FAT): its digest
/// is not trusted by a later run ("racy", as git's index calls it).
pub const RACY_NS: i64 = 2_000_000_000;

/// The workspace store as the memory of file digests (`file_digests`): a row is trusted when the
/// file's stamp is the one recorded and the file had last changed more than [`RACY_NS`] before
/// it was hashed. New digests are remembered when `now_ns` (the wall clock at the start of the
/// run, before any file was hashed) is given. A cache: a store that cannot answer or write is a
/// file hashed again, not a failed check.
pub struct StoreMemo<'a> {
    pub store: &'a Store,
    pub now_ns: Option<i64>,
}

fn signed(n: u64) -> i64 {
    n as i64
}

impl Memo for StoreMemo<'_> {
    fn recall(&self, s: &Stamp) -> Option<[u8; 32]> {
        let row = self
            .store
            .file_digest(signed(s.dev), signed(s.ino))
            .ok()
            .flatten()?;
        let same =
            row.size == signed(s.size) && row.mtime_ns == s.mtime_ns && row.ctime_ns == s.ctime_ns;
        let settled = s.mtime_ns.max(s.ctime_ns) < row.recorded_ns.saturating_sub(RACY_NS);
        if !(same && settled) {
            return None;
        }
        crate::util::hex::parse_hex32(&row.sha256)
    }

    fn remember(&self, s: &Stamp, digest: &[u8; 32]) {
        let Some(now) = self.now_ns else { return };
        // Not trusted later anyway: hashed again (and remembered) by a later run.
        if s.mtime_ns.max(s.ctime_ns) >= now.saturating_sub(RACY_NS) {
            return;
        }
        let _ = self.store.record_file_digest(&FileDigest {
            dev: signed(s.dev),
            ino: signed(s.ino),
            size: signed(s.size),
            mtime_ns: s.mtime_ns,
            ctime_ns: s.ctime_ns,
            sha256: hex(digest),
            recorded_ns: now,
        });
    }
}

/// Examine the material files of an application (those whose path is safe and that are regular
/// files: the rule engine reports the others), through the cache when a store is given. The
/// files' hashes come from `digests` (shared with what the check records, so each file is hashed
/// once); a file is read for its content only when its examination is not cached.
pub fn examine_application(
    loaded: &LoadedApplication,
    workspace_root: Option<&Path>,
    store: Option<&Store>,
    engines: &Prepared,
    counts: &mut Counts,
    digests: &mut Digests,
    memo: Option<&dyn Memo>,
) -> Result<Vec<Examined>> {
    struct Job {
        material: usize,
        file: usize,
        rel: String,
        bytes: Vec<u8>,
        sha: String,
        read_text: bool,
    }
    let engine_free = content::engine_free_key();
    let mut done = Vec::new();
    let mut jobs = Vec::new();
    let inside = paths::Inside::new(workspace_root, &loaded.dir);
    for (j, m) in loaded.app.materials.iter().enumerate() {
        let read_text = reads_text(m.kind.as_deref().map(str::trim).unwrap_or(""));
        for (k, rel) in m.files.iter().enumerate() {
            let Ok(abs) = inside.resolve(rel) else {
                continue;
            };
            if paths::regular_file(&abs).is_err() {
                continue;
            }
            let Ok((digest, size)) = digests.file_with(&abs, memo) else {
                continue;
            };
            if size == 0 {
                continue;
            }
            let sha = hex(&digest);
            // An examination no engine could change first: finding it needs no engine.
            let cached = match store {
                Some(s) => match s.content_cached(&sha, &engine_free)? {
                    Some(j) => Some(j),
                    None => s.content_cached(&sha, &engines.options(read_text, 1).key())?,
                }
                .and_then(|j| serde_json::from_str::<Examination>(&j).ok()),
                None => None,
            };
            if let Some(exam) = cached {
                counts.cached += 1;
                done.push(Examined {
                    material: j,
                    file: k,
                    rel: rel.clone(),
                    exam,
                });
                continue;
            }
            let Ok(bytes) = std::fs::read(&abs) else {
                continue;
            };
            if bytes.is_empty() {
                continue;
            }
            jobs.push(Job {
                material: j,
                file: k,
                rel: rel.clone(),
                sha: hex(&sha2::Sha256::digest(&bytes)),
                bytes,
                read_text,
            });
        }
    }
    counts.examined += jobs.len();
    // Many files: one worker a file; one file: its pages in parallel.
    let threads = engines.threads;
    let page_threads = if jobs.len() > 1 { 1 } else { threads };
    let exams = content::in_parallel(jobs.iter().collect(), threads, |job: &Job| {
        content::examine_keyed(&job.bytes, &engines.options(job.read_text, page_threads))
    });
    for (job, (exam, key)) in jobs.iter().zip(exams) {
        if let Some(s) = store {
            // `key` does not depend on the threads: the examination does not either.
            let json = serde_json::to_string(&exam).expect("an examination serialises");
            s.cache_content(&job.sha, &key, &json)?;
        }
        done.push(Examined {
            material: job.material,
            file: job.file,
            rel: job.rel.clone(),
            exam,
        });
    }
    done.sort_by_key(|e| (e.material, e.file));
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp_of(p: &Path) -> Stamp {
        Stamp::of(&std::fs::metadata(p).unwrap()).unwrap()
    }

    fn row(s: &Stamp, sha256: String, recorded_ns: i64) -> FileDigest {
        FileDigest {
            dev: signed(s.dev),
            ino: signed(s.ino),
            size: signed(s.size),
            mtime_ns: s.mtime_ns,
            ctime_ns: s.ctime_ns,
            sha256,
            recorded_ns,
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_remembered_digest_is_trusted_only_for_the_same_settled_stamp() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("a.pdf");
        std::fs::write(&f, b"%PDF-1.4 one").unwrap();
        let real = crate::util::files::sha256_file(&f).unwrap().0;
        let s = stamp_of(&f);
        let store = Store::empty_in_memory().unwrap();
        let settled = s.mtime_ns.max(s.ctime_ns) + RACY_NS + 1;
        let memo = |now_ns| StoreMemo {
            store: &store,
            now_ns,
        };
        // A run with the clock: remembered, and a later run takes it without reading the file
        // (a row made up here shows that the file was not read).
        let mut digests = Digests::default();
        assert_eq!(
            digests.file_with(&f, Some(&memo(Some(settled)))).unwrap().0,
            real
        );
        assert_eq!(
            store.file_digest(signed(s.dev), signed(s.ino)).unwrap(),
            Some(row(&s, hex(&real), settled))
        );
        store
            .record_file_digest(&row(&s, "ab".repeat(32), settled))
            .unwrap();
        let recalled = Digests::default().file_with(&f, Some(&memo(None))).unwrap();
        assert_eq!(recalled, ([0xab; 32], s.size));
        // Racy: hashed less than RACY_NS after the file's last change, not trusted.
        store
            .record_file_digest(&row(&s, "ab".repeat(32), settled - 2))
            .unwrap();
        assert_eq!(
            Digests::default()
                .file_with(&f, Some(&memo(None)))
                .unwrap()
                .0,
            real
        );
        // A changed file (another stamp) is read again, and a racy one is not remembered.
        store
            .record_file_digest(&row(&s, "ab".repeat(32), settled))
            .unwrap();
        std::fs::write(&f, b"%PDF-1.4 two, longer").unwrap();
        let now = stamp_of(&f);
        let changed = crate::util::files::sha256_file(&f).unwrap().0;
        let got = Digests::default()
            .file_with(&f, Some(&memo(Some(now.mtime_ns + 1))))
            .unwrap();
        assert_eq!(got, (changed, now.size));
        let kept = store
            .file_digest(signed(now.dev), signed(now.ino))
            .unwrap()
            .unwrap();
        assert_eq!(kept.sha256, "ab".repeat(32), "a racy digest is not written");
    }

    #[test]
    fn a_text_layer_page_is_cached_for_any_engines_and_a_scan_by_its_engines() {
        let engines = Prepared::new(&Engines::default());
        // Not a PDF, JPEG or PNG: no engine could change that.
        let (_, key) = content::examine_keyed(b"hello", &engines.options(true, 1));
        assert_eq!(key, content::engine_free_key());
        // A PNG page (no text layer): OCR would read it when the text is wanted.
        let png = content::Raster {
            width: 40,
            height: 56,
            data: vec![255; 40 * 56 * 3],
        }
        .to_png();
        let opts = engines.options(true, 1);
        let (_, key) = content::examine_keyed(&png, &opts);
        assert_eq!(key, opts.key());
        assert_ne!(key, content::engine_free_key());
        // A PDF page with its text layer: the same whatever the engines.
        let pdf = include_bytes!(
            "../../examples/demo/applications/2026-line-01/materials/comparison-table.pdf"
        );
        let (exam, key) = content::examine_keyed(pdf, &opts);
        assert!(exam.has_text(), "{exam:?}");
        assert_eq!(key, content::engine_free_key());
    }
}

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
    /// `tesseract` with the `chi_sim` language.
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

/// The engines as trait objects, for one examination run.
pub struct Prepared {
    ocr: Option<Box<dyn Ocr>>,
    render: Option<Box<dyn Render>>,
    threads: usize,
}

impl Prepared {
    pub fn new(e: &Engines) -> Prepared {
        let ocr: Option<Box<dyn Ocr>> = match (&e.ocr_command, &e.tesseract) {
            (Some(c), _) if !c.is_empty() => Some(Box::new(OcrCommand(c.clone()))),
            (_, Some(t)) => Some(Box::new(Tesseract(t.clone()))),
            _ => None,
        };
        Prepared {
            ocr,
            render: e
                .pdftoppm
                .clone()
                .map(|p| Box::new(Pdftoppm(p)) as Box<dyn Render>),
            threads: e.threads.max(1),
        }
    }

    pub fn options(&self, read_text: bool, threads: usize) -> content::Options<'_> {
        content::Options {
            ocr: self.ocr.as_deref(),
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

/// Examine the material files of an application (those whose path is safe and that are regular
/// files: the rule engine reports the others), through the cache when a store is given.
pub fn examine_application(
    loaded: &LoadedApplication,
    workspace_root: Option<&Path>,
    store: Option<&Store>,
    engines: &Prepared,
    counts: &mut Counts,
) -> Result<Vec<Examined>> {
    struct Job {
        material: usize,
        file: usize,
        rel: String,
        bytes: Vec<u8>,
        sha: String,
        read_text: bool,
    }
    let mut done = Vec::new();
    let mut jobs = Vec::new();
    for (j, m) in loaded.app.materials.iter().enumerate() {
        let read_text = reads_text(m.kind.as_deref().map(str::trim).unwrap_or(""));
        for (k, rel) in m.files.iter().enumerate() {
            let Ok(abs) = paths::resolve_inside(workspace_root, &loaded.dir, rel) else {
                continue;
            };
            if paths::regular_file(&abs).is_err() {
                continue;
            }
            let Ok(bytes) = std::fs::read(&abs) else {
                continue;
            };
            if bytes.is_empty() {
                continue;
            }
            let sha = hex(&sha2::Sha256::digest(&bytes));
            let key = engines.options(read_text, 1).key();
            let cached = match store {
                Some(s) => s
                    .content_cached(&sha, &key)?
                    .and_then(|j| serde_json::from_str::<Examination>(&j).ok()),
                None => None,
            };
            match cached {
                Some(exam) => {
                    counts.cached += 1;
                    done.push(Examined {
                        material: j,
                        file: k,
                        rel: rel.clone(),
                        exam,
                    });
                }
                None => jobs.push(Job {
                    material: j,
                    file: k,
                    rel: rel.clone(),
                    bytes,
                    sha,
                    read_text,
                }),
            }
        }
    }
    counts.examined += jobs.len();
    // Many files: one worker a file; one file: its pages in parallel.
    let threads = engines.threads;
    let page_threads = if jobs.len() > 1 { 1 } else { threads };
    let exams = content::in_parallel(jobs.iter().collect(), threads, |job: &Job| {
        content::examine(&job.bytes, &engines.options(job.read_text, page_threads))
    });
    for (job, exam) in jobs.iter().zip(exams) {
        if let Some(s) = store {
            let key = engines.options(job.read_text, 1).key();
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

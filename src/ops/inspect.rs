//! `inspect FILE ...`: what the examination of material files sees (pages, images, dpi,
//! sharpness, seals and their colour, the text and where it came from), and a preview of the
//! first file's first page with the seals and the words read boxed, so a person can confirm or
//! dismiss a content finding in one look. The preview goes through the output guard.

use std::path::PathBuf;

use crate::content::{self, Examination};
use crate::error::{Error, Result};
use crate::ops::content::{Engines, Prepared};
use crate::ops::output;
use crate::util::files::write_atomic;
use crate::workspace::Workspace;
use crate::{Lang, content::facts};

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub files: Vec<PathBuf>,
    /// Where to write the preview PNG.
    pub preview: Option<PathBuf>,
    /// Facts to look for in the text (their words are boxed in the preview).
    pub facts: Vec<String>,
    pub engines: Engines,
}

/// One file as examined.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Inspected {
    pub file: String,
    pub sha256: String,
    pub examination: Examination,
    /// Each fact asked for and whether it appears in the text.
    pub facts: Vec<(String, bool)>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    pub files: Vec<Inspected>,
    pub preview: Option<PathBuf>,
}

pub fn run(ws: Option<&Workspace>, opts: Options, lang: Lang) -> Result<Report> {
    let inputs: Vec<&std::path::Path> = opts.files.iter().map(PathBuf::as_path).collect();
    let dest = match &opts.preview {
        Some(p) => Some(output::destination(ws, p, &inputs, lang)?),
        None => None,
    };
    let engines = Prepared::new(&opts.engines);
    let mut files = Vec::new();
    let mut first: Option<Vec<u8>> = None;
    for f in &opts.files {
        let bytes = std::fs::read(f).map_err(|e| Error::input_io(f, e))?;
        let exam = content::examine(&bytes, &engines.options(true, opts.engines.threads.max(1)));
        let text = exam.text();
        let facts = opts
            .facts
            .iter()
            .map(|x| (x.clone(), facts::appears(&text, x)))
            .collect();
        use sha2::Digest;
        files.push(Inspected {
            file: f.display().to_string(),
            sha256: crate::util::hex::hex(&sha2::Sha256::digest(&bytes)),
            examination: exam,
            facts,
        });
        if first.is_none() {
            first = Some(bytes);
        }
    }
    let mut written = None;
    if let (Some(dest), Some(bytes), Some(f)) = (dest, first, files.first()) {
        let page = f.examination.pages.first().ok_or_else(|| {
            Error::Input(format!(
                "{}: {}",
                f.file,
                lang.pick("没有可预览的页面", "has no page to preview")
            ))
        })?;
        let raster = content::page_raster(&bytes, page.number, None).ok_or_else(|| {
            Error::Input(format!(
                "{}: {}",
                f.file,
                lang.pick(
                    "第 1 页没有图像，无法预览",
                    "page 1 has no image to preview"
                )
            ))
        })?;
        let marks: Vec<&content::WordBox> = page
            .words
            .iter()
            .filter(|w| {
                opts.facts.is_empty()
                    || opts.facts.iter().any(|x| {
                        let (a, b) = (facts::normalise(&w.text), facts::normalise(x));
                        !a.is_empty() && (b.contains(&a) || a.contains(&b))
                    })
            })
            .collect();
        let png = content::preview(&raster, page, &marks);
        write_atomic(&dest.path, &png).map_err(|e| Error::storage_io(&dest.path, e))?;
        written = Some(dest.path);
    }
    Ok(Report {
        files,
        preview: written,
    })
}

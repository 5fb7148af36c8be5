//! What a material's file shows (SPEC section 6, "Material content"): its pages, and on each the
//! seal and its colour, the resolution and sharpness, and the text (a PDF's text layer, else OCR
//! of the scan when an engine is given). Pure: bytes in, measurements out; no printing, no
//! environment, no clock. The programs it may use (an OCR engine, a PDF renderer for codings it
//! does not decode) come in as [`Ocr`] and [`Render`] values from the caller, who found them.
//!
//! What the application declares is compared with these measurements in `rules::content`.

pub mod facts;
pub mod legibility;
pub mod ocr;
pub mod pdf;
pub mod raster;
pub mod seal;

use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

pub use raster::Raster;
pub use seal::{Seal, SealColour};

/// The examiner's version: part of the cache key, raised whenever a measurement changes.
pub const EXAMINER_VERSION: &str = "content/2";

/// An A4 page, assumed for a JPEG or PNG (a photo or a scan saved as an image has no page size).
pub const A4_MM: (f32, f32) = (210.0, 297.0);

/// A word an OCR engine read, with its box in the pixels of the image it was given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Word {
    pub text: String,
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// An OCR engine: a PNG in, words with boxes out.
pub trait Ocr: Sync {
    /// What it is (part of the cache key): the program and its languages.
    fn id(&self) -> String;
    fn read(&self, png: &[u8]) -> Result<Vec<Word>, String>;
}

/// A PDF renderer for pages whose image this examiner does not decode (JBIG2, JPX, CCITT).
pub trait Render: Sync {
    /// Page `page` (1-based) of `pdf` as a PNG at `dpi`.
    fn render(&self, pdf: &[u8], page: u32, dpi: u32) -> Result<Vec<u8>, String>;
}

/// How to examine.
#[derive(Clone, Copy, Default)]
pub struct Options<'a> {
    pub ocr: Option<&'a dyn Ocr>,
    pub render: Option<&'a dyn Render>,
    /// Pages examined at once (at least 1).
    pub threads: usize,
    /// Whether the text of scanned pages is wanted (OCR is slow: only for materials whose facts
    /// are looked for).
    pub read_text: bool,
}

impl Options<'_> {
    /// The part of the cache key that depends on the options: the same file examined with or
    /// without OCR gives different pages.
    pub fn key(&self) -> String {
        let ocr = match (self.read_text, self.ocr) {
            (true, Some(o)) => o.id(),
            (true, None) => "none".into(),
            (false, _) => "off".into(),
        };
        format!(
            "{EXAMINER_VERSION};ocr={ocr};render={}",
            self.render.is_some()
        )
    }
}

/// The cache key of an examination that no engine could have changed ([`examine_keyed`]): the
/// same whatever the OCR engine, the renderer and `read_text`.
pub fn engine_free_key() -> String {
    format!("{EXAMINER_VERSION};engines=unused")
}

/// Where a page's text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TextFrom {
    /// The PDF's text layer.
    Layer,
    /// OCR of the page image.
    Ocr,
}

/// Why a file or a page could not be (fully) examined: M017.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Problem {
    /// An encrypted PDF.
    Encrypted,
    /// Not a PDF, JPEG or PNG that could be read.
    Unreadable { reason: String },
    /// A page image in a coding not decoded here and no renderer given.
    Coding { coding: String },
    /// A scanned page whose text is wanted, and no OCR engine.
    NoOcr,
    /// The OCR engine failed.
    OcrFailed { reason: String },
}

/// The image of a page and its legibility.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageImage {
    pub width_px: u32,
    pub height_px: u32,
    pub dpi: f32,
    /// Laplacian variance at 150 dpi; `None` for a blank page.
    pub sharpness: Option<f32>,
}

impl PageImage {
    /// Not legible: under 150 dpi or blurred.
    pub fn illegible(&self) -> bool {
        self.dpi < legibility::MIN_DPI - 0.5
            || self
                .sharpness
                .is_some_and(|s| s < legibility::MIN_SHARPNESS)
    }
}

/// A word's box on the page, in millimetres from the top-left corner (for `inspect --preview`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WordBox {
    pub text: String,
    pub x_mm: f32,
    pub y_mm: f32,
    pub w_mm: f32,
    pub h_mm: f32,
}

/// One page as examined.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// 1-based.
    pub number: u32,
    pub width_mm: f32,
    pub height_mm: f32,
    /// The scan, when the page has one.
    pub image: Option<PageImage>,
    pub seals: Vec<Seal>,
    pub text: String,
    pub text_from: Option<TextFrom>,
    /// The OCR words (empty for a text layer).
    pub words: Vec<WordBox>,
    pub problem: Option<Problem>,
}

impl Page {
    fn blank(number: u32, (width_mm, height_mm): (f32, f32)) -> Page {
        Page {
            number,
            width_mm,
            height_mm,
            image: None,
            seals: Vec::new(),
            text: String::new(),
            text_from: None,
            words: Vec::new(),
            problem: None,
        }
    }
}

/// What a file shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Examination {
    /// PDF, JPEG or PNG.
    pub format: String,
    pub pages: Vec<Page>,
    /// Why the file as a whole could not be examined.
    pub problem: Option<Problem>,
}

impl Examination {
    /// All the text of the file.
    pub fn text(&self) -> String {
        let mut t = String::new();
        for p in &self.pages {
            t.push_str(&p.text);
            t.push('\n');
        }
        t
    }

    /// Whether some page had an image in which a seal could have been seen.
    pub fn has_images(&self) -> bool {
        self.pages.iter().any(|p| p.image.is_some())
    }

    /// Whether some page has text (layer or OCR).
    pub fn has_text(&self) -> bool {
        self.pages.iter().any(|p| p.text_from.is_some())
    }
}

/// A page's text layer counts from this many characters (a scan's PDF may hold a stray label).
const MIN_LAYER_CHARS: usize = 8;

/// The largest image side given to OCR, in pixels at most 300 dpi of the page.
const OCR_DPI: f32 = 300.0;

/// What a page needs before its measurements.
enum Input {
    Raster(Raster),
    Render(u32),
    Nothing,
}

/// Examine a file's bytes.
pub fn examine(bytes: &[u8], opts: &Options<'_>) -> Examination {
    examine_keyed(bytes, opts).0
}

/// Examine a file's bytes; with the key to cache the examination under: [`engine_free_key`]
/// when no page could have been changed by an engine (no page image without a text layer, which
/// OCR would read when the text is wanted; no page in a coding only a renderer decodes), else
/// `opts.key()`. So a later check finds a text-layer PDF without asking which engines there are.
pub fn examine_keyed(bytes: &[u8], opts: &Options<'_>) -> (Examination, String) {
    let (exam, engines_used) = examine_noting_engines(bytes, opts);
    let key = if engines_used {
        opts.key()
    } else {
        engine_free_key()
    };
    (exam, key)
}

/// [`examine`], and whether an engine could have changed the result.
fn examine_noting_engines(bytes: &[u8], opts: &Options<'_>) -> (Examination, bool) {
    let format = if bytes.starts_with(b"%PDF-") {
        "PDF"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "JPEG"
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "PNG"
    } else {
        let exam = Examination {
            format: String::new(),
            pages: Vec::new(),
            problem: Some(Problem::Unreadable {
                reason: "not a PDF, JPEG or PNG".into(),
            }),
        };
        return (exam, false);
    };
    let mut engines_used = false;
    let mut work: Vec<(Page, Input)> = Vec::new();
    if format == "PDF" {
        match pdf::pages(bytes) {
            Err(pdf::PdfProblem::Encrypted) => {
                let exam = Examination {
                    format: format.into(),
                    pages: Vec::new(),
                    problem: Some(Problem::Encrypted),
                };
                return (exam, false);
            }
            Err(pdf::PdfProblem::Unreadable(reason)) => {
                let exam = Examination {
                    format: format.into(),
                    pages: Vec::new(),
                    problem: Some(Problem::Unreadable { reason }),
                };
                return (exam, false);
            }
            Ok(pages) => {
                for p in pages {
                    let mut page = Page::blank(p.number, (p.width_mm, p.height_mm));
                    if p.text.trim().chars().count() >= MIN_LAYER_CHARS {
                        page.text = p.text;
                        page.text_from = Some(TextFrom::Layer);
                    }
                    let input = match p.image {
                        pdf::PageImage::Decoded(r) => Input::Raster(r),
                        pdf::PageImage::None => Input::Nothing,
                        pdf::PageImage::Unsupported(coding) => {
                            engines_used = true;
                            if opts.render.is_some() {
                                Input::Render(p.number)
                            } else {
                                page.problem = Some(Problem::Coding { coding });
                                Input::Nothing
                            }
                        }
                    };
                    work.push((page, input));
                }
            }
        }
    } else {
        match Raster::decode(bytes) {
            Ok(r) => {
                let size = if r.width > r.height {
                    (A4_MM.1, A4_MM.0)
                } else {
                    A4_MM
                };
                work.push((Page::blank(1, size), Input::Raster(r)));
            }
            Err(reason) => {
                let exam = Examination {
                    format: format.into(),
                    pages: Vec::new(),
                    problem: Some(Problem::Unreadable { reason }),
                };
                return (exam, false);
            }
        }
    }
    // A page image without a text layer: OCR reads it when the text is wanted.
    engines_used |= work
        .iter()
        .any(|(page, input)| page.text_from.is_none() && !matches!(input, Input::Nothing));
    let pages = in_parallel(work, opts.threads.max(1), |(page, input)| {
        examine_page(bytes, page, input, opts)
    });
    let exam = Examination {
        format: format.into(),
        pages,
        problem: None,
    };
    (exam, engines_used)
}

/// Run `f` on each item with `threads` workers (`std::thread::scope`), keeping the order.
pub fn in_parallel<T: Send, R: Send>(
    items: Vec<T>,
    threads: usize,
    f: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    if threads <= 1 || items.len() <= 1 {
        return items.into_iter().map(f).collect();
    }
    let n = items.len();
    let slots: Vec<std::sync::Mutex<Option<T>>> = items
        .into_iter()
        .map(|i| std::sync::Mutex::new(Some(i)))
        .collect();
    let results: Vec<std::sync::Mutex<Option<R>>> =
        (0..n).map(|_| std::sync::Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads.min(n) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    let item = slots[i].lock().expect("slot").take().expect("taken once");
                    let r = f(item);
                    *results[i].lock().expect("slot") = Some(r);
                }
            });
        }
    });
    results
        .into_iter()
        .map(|r| r.into_inner().expect("slot").expect("every item done"))
        .collect()
}

fn examine_page(bytes: &[u8], mut page: Page, input: Input, opts: &Options<'_>) -> Page {
    let raster = match input {
        Input::Raster(r) => r,
        Input::Render(n) => {
            let Some(render) = opts.render else {
                return page;
            };
            match render
                .render(bytes, n, 200)
                .and_then(|png| Raster::decode(&png))
            {
                Ok(r) => r,
                Err(reason) => {
                    page.problem = Some(Problem::Unreadable { reason });
                    return page;
                }
            }
        }
        Input::Nothing => return page,
    };
    measure(&mut page, &raster, opts);
    page
}

/// The measurements of one page image covering `page`'s size.
fn measure(page: &mut Page, raster: &Raster, opts: &Options<'_>) {
    let (w_mm, h_mm) = (page.width_mm, page.height_mm);
    page.image = Some(PageImage {
        width_px: raster.width,
        height_px: raster.height,
        dpi: legibility::dpi(raster.width, raster.height, w_mm, h_mm),
        sharpness: legibility::sharpness(raster, w_mm, h_mm),
    });
    let work = raster
        .resample(
            (w_mm * seal::PX_PER_MM).round() as u32,
            (h_mm * seal::PX_PER_MM).round() as u32,
        )
        .white_balanced();
    page.seals = seal::detect(&work);
    if !opts.read_text || page.text_from.is_some() {
        return;
    }
    let Some(ocr) = opts.ocr else {
        page.problem.get_or_insert(Problem::NoOcr);
        return;
    };
    let dpi = legibility::dpi(raster.width, raster.height, w_mm, h_mm);
    let img = if dpi > OCR_DPI {
        let k = OCR_DPI / dpi;
        raster.resample(
            (raster.width as f32 * k) as u32,
            (raster.height as f32 * k) as u32,
        )
    } else {
        raster.clone()
    };
    let mm_per_px = w_mm / img.width as f32;
    match ocr.read(&img.white_balanced().red_suppressed().to_png()) {
        Ok(words) => {
            page.text = ocr::lines(&words);
            page.text_from = Some(TextFrom::Ocr);
            page.words = words
                .into_iter()
                .map(|w| WordBox {
                    text: w.text,
                    x_mm: w.x * mm_per_px,
                    y_mm: w.y * mm_per_px,
                    w_mm: w.w * mm_per_px,
                    h_mm: w.h * mm_per_px,
                })
                .collect();
        }
        Err(reason) => page.problem = Some(Problem::OcrFailed { reason }),
    }
}

/// A preview of a page for a person: the page image with each seal boxed (green when red, orange
/// when grey) and each box in `marks` (millimetres; blue), as PNG. `None` when the page has no
/// image.
pub fn preview(page_image: &Raster, page: &Page, marks: &[&WordBox]) -> Vec<u8> {
    let mut img = page_image.clone();
    let sx = img.width as f32 / page.width_mm;
    let sy = img.height as f32 / page.height_mm;
    let thick = ((img.width as f32 / 600.0).ceil() as u32).max(2);
    let mut draw = |x0: f32, y0: f32, x1: f32, y1: f32, c: [u8; 3]| {
        let (x0, x1) = (
            (x0 * sx).max(0.0) as u32,
            ((x1 * sx) as u32).min(img.width - 1),
        );
        let (y0, y1) = (
            (y0 * sy).max(0.0) as u32,
            ((y1 * sy) as u32).min(img.height - 1),
        );
        for t in 0..thick {
            for x in x0..=x1 {
                img.set(x, (y0 + t).min(y1), c);
                img.set(x, y1.saturating_sub(t).max(y0), c);
            }
            for y in y0..=y1 {
                img.set((x0 + t).min(x1), y, c);
                img.set(x1.saturating_sub(t).max(x0), y, c);
            }
        }
    };
    for s in &page.seals {
        let c = match s.colour {
            SealColour::Red => [0, 170, 60],
            SealColour::Grey => [255, 140, 0],
        };
        let (hw, hh) = (s.width_mm / 2.0 + 1.5, s.height_mm / 2.0 + 1.5);
        draw(s.x_mm - hw, s.y_mm - hh, s.x_mm + hw, s.y_mm + hh, c);
    }
    for m in marks {
        draw(
            m.x_mm,
            m.y_mm,
            m.x_mm + m.w_mm,
            m.y_mm + m.h_mm,
            [30, 90, 255],
        );
    }
    img.to_png()
}

/// The image of page `number` of a file (1-based), as examined: for the preview.
pub fn page_raster(bytes: &[u8], number: u32, render: Option<&dyn Render>) -> Option<Raster> {
    if bytes.starts_with(b"%PDF-") {
        let pages = pdf::pages(bytes).ok()?;
        let p = pages.into_iter().find(|p| p.number == number)?;
        match p.image {
            pdf::PageImage::Decoded(r) => Some(r),
            pdf::PageImage::Unsupported(_) => render
                .and_then(|r| r.render(bytes, number, 200).ok())
                .and_then(|png| Raster::decode(&png).ok()),
            pdf::PageImage::None => None,
        }
    } else if number == 1 {
        Raster::decode(bytes).ok()
    } else {
        None
    }
}

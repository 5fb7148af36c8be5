//! A seeded generator of scanned material pages for the content tests, the bench and the demo
//! workspace: paper, lines of text-like glyphs, red seals of several designs (a star with a text
//! arc, two sizes, an oval 发票专用章), grey photocopies, a red logo and a hand-drawn red circle
//! (the negatives), fading, blur, 72–300 dpi and JPEG quality 40–95; and PDFs holding such a page
//! as an image, with or without a text layer (a CID font, `UniGB-UCS2-H`, no ToUnicode).
#![allow(dead_code)]

use ccc_exempt::content::Raster;

/// A small deterministic generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [a, b).
    pub fn range(&mut self, a: f32, b: f32) -> f32 {
        a + (b - a) * ((self.next() >> 40) as f32 / (1u64 << 24) as f32)
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() % xs.len() as u64) as usize]
    }
    pub fn chance(&mut self, p: f32) -> bool {
        self.range(0.0, 1.0) < p
    }
}

/// What a page shows, as the generator drew it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    RedSeal,
    GreyCopy,
    NoSeal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Design {
    /// Round, a star and a text arc, 42 mm.
    Star42,
    /// Round, 38 mm, text arc and a horizontal line of text.
    Star38,
    /// Round, small (30 mm, a department seal).
    Small30,
    /// Oval 40 × 30 mm (发票专用章), the code across.
    Oval,
}

/// The negatives, which must not count as seals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoy {
    /// A filled red disc with a white letter (a company logo).
    RedLogo,
    /// A red circle drawn by hand around a word.
    HandCircle,
}

/// A page to draw.
#[derive(Debug, Clone)]
pub struct Spec {
    pub seed: u64,
    pub width_mm: f32,
    pub height_mm: f32,
    pub dpi: f32,
    pub seal: Option<Design>,
    /// The page went through a black-and-white copier.
    pub grey: bool,
    pub decoy: Option<Decoy>,
    /// 1.0 for fresh ink; lower for a faded seal.
    pub ink: f32,
    /// Turn of the seal in degrees (its text arc and star).
    pub turn: f32,
    /// Gaussian-ish blur radius in pixels at the page's dpi (0 for none).
    pub blur: u32,
    /// Yellowed paper.
    pub tint: bool,
}

impl Spec {
    pub fn a4(seed: u64, dpi: f32) -> Spec {
        Spec {
            seed,
            width_mm: 210.0,
            height_mm: 297.0,
            dpi,
            seal: Some(Design::Star42),
            grey: false,
            decoy: None,
            ink: 1.0,
            turn: 0.0,
            blur: 0,
            tint: false,
        }
    }

    pub fn truth(&self) -> Truth {
        match (self.seal, self.grey) {
            (None, _) => Truth::NoSeal,
            (Some(_), true) => Truth::GreyCopy,
            (Some(_), false) => Truth::RedSeal,
        }
    }
}

struct Canvas {
    r: Raster,
    px_per_mm: f32,
}

impl Canvas {
    /// Ink over paper: multiply (red over black stays black).
    fn ink(&mut self, x: i64, y: i64, c: [u8; 3], alpha: f32) {
        if x < 0 || y < 0 || x >= self.r.width as i64 || y >= self.r.height as i64 {
            return;
        }
        let p = self.r.pixel(x as u32, y as u32);
        let mut o = [0u8; 3];
        for i in 0..3 {
            let m = f32::from(p[i]) * f32::from(c[i]) / 255.0;
            o[i] = (f32::from(p[i]) * (1.0 - alpha) + m * alpha) as u8;
        }
        self.r.set(x as u32, y as u32, o);
    }

    fn rect_mm(&mut self, x: f32, y: f32, w: f32, h: f32, c: [u8; 3], alpha: f32) {
        let s = self.px_per_mm;
        let (x0, y0) = ((x * s) as i64, (y * s) as i64);
        let (x1, y1) = (((x + w) * s).ceil() as i64, ((y + h) * s).ceil() as i64);
        for yy in y0..y1.max(y0 + 1) {
            for xx in x0..x1.max(x0 + 1) {
                self.ink(xx, yy, c, alpha);
            }
        }
    }

    /// An elliptic ring (or a filled ellipse when `stroke` is None) centred at (cx, cy) mm.
    #[allow(clippy::too_many_arguments)]
    fn ellipse_mm(
        &mut self,
        cx: f32,
        cy: f32,
        rx: f32,
        ry: f32,
        stroke: Option<f32>,
        c: [u8; 3],
        alpha: f32,
        dropout: &mut dyn FnMut() -> bool,
    ) {
        let s = self.px_per_mm;
        let (x0, x1) = (((cx - rx - 2.0) * s) as i64, ((cx + rx + 2.0) * s) as i64);
        let (y0, y1) = (((cy - ry - 2.0) * s) as i64, ((cy + ry + 2.0) * s) as i64);
        for y in y0..=y1 {
            for x in x0..=x1 {
                let (dx, dy) = ((x as f32 + 0.5) / s - cx, (y as f32 + 0.5) / s - cy);
                let d = ((dx / rx).powi(2) + (dy / ry).powi(2)).sqrt();
                let inside = match stroke {
                    None => d <= 1.0,
                    Some(w) => (d - 1.0).abs() * rx.min(ry) <= w / 2.0,
                };
                if inside && !dropout() {
                    self.ink(x, y, c, alpha);
                }
            }
        }
    }

    /// A text-like glyph: a few strokes in a box of `size` mm.
    fn glyph(&mut self, rng: &mut Rng, x: f32, y: f32, size: f32, c: [u8; 3], alpha: f32) {
        let t = (size * 0.11).max(0.3);
        for _ in 0..(2 + rng.next() % 3) {
            if rng.chance(0.5) {
                let yy = y + rng.range(0.0, size - t);
                let x0 = x + rng.range(0.0, size * 0.4);
                self.rect_mm(
                    x0,
                    yy,
                    rng.range(size * 0.4, size * 0.95) - (x0 - x) * 0.5,
                    t,
                    c,
                    alpha,
                );
            } else {
                let xx = x + rng.range(0.0, size - t);
                let y0 = y + rng.range(0.0, size * 0.4);
                self.rect_mm(
                    xx,
                    y0,
                    t,
                    rng.range(size * 0.4, size * 0.95) - (y0 - y) * 0.5,
                    c,
                    alpha,
                );
            }
        }
    }

    fn star(&mut self, cx: f32, cy: f32, r: f32, turn: f32, c: [u8; 3], alpha: f32) {
        let s = self.px_per_mm;
        let pts: Vec<(f32, f32)> = (0..10)
            .map(|k| {
                let a = turn.to_radians() - std::f32::consts::FRAC_PI_2
                    + k as f32 * std::f32::consts::PI / 5.0;
                let rr = if k % 2 == 0 { r } else { r * 0.4 };
                (cx + rr * a.cos(), cy + rr * a.sin())
            })
            .collect();
        let (x0, x1) = (((cx - r) * s) as i64, ((cx + r) * s) as i64);
        let (y0, y1) = (((cy - r) * s) as i64, ((cy + r) * s) as i64);
        for y in y0..=y1 {
            for x in x0..=x1 {
                let (px, py) = ((x as f32 + 0.5) / s, (y as f32 + 0.5) / s);
                // Even-odd point in polygon.
                let mut inside = false;
                for i in 0..pts.len() {
                    let (a, b) = (pts[i], pts[(i + 1) % pts.len()]);
                    if (a.1 > py) != (b.1 > py) && px < (b.0 - a.0) * (py - a.1) / (b.1 - a.1) + a.0
                    {
                        inside = !inside;
                    }
                }
                if inside {
                    self.ink(x, y, c, alpha);
                }
            }
        }
    }
}

const BLACK: [u8; 3] = [25, 25, 30];
const RED: [u8; 3] = [215, 30, 40];

/// Lines of text on the page, from `top` mm, in `rows` lines.
fn text_block(cv: &mut Canvas, rng: &mut Rng, w_mm: f32, top: f32, rows: usize) {
    let size = 4.2;
    for row in 0..rows {
        let y = top + row as f32 * 7.5;
        let end = if row % 5 == 4 {
            w_mm * 0.55
        } else {
            w_mm - 22.0
        };
        let mut x = 22.0 + if row % 5 == 0 { 8.5 } else { 0.0 };
        while x < end {
            cv.glyph(rng, x, y, size, BLACK, 0.95);
            x += size + 0.35;
        }
    }
}

fn seal(cv: &mut Canvas, rng: &mut Rng, d: Design, cx: f32, cy: f32, ink: f32, turn: f32) {
    let (rx, ry) = match d {
        Design::Star42 => (21.0, 21.0),
        Design::Star38 => (19.0, 19.0),
        Design::Small30 => (15.0, 15.0),
        Design::Oval => (20.0, 15.0),
    };
    let alpha = 0.92 * ink;
    let fade = 1.0 - ink;
    let mut drop = {
        let mut r = Rng::new(rng.next());
        move || r.chance(fade * 0.5)
    };
    let c = [
        RED[0],
        (f32::from(RED[1]) + fade * 90.0) as u8,
        (f32::from(RED[2]) + fade * 90.0) as u8,
    ];
    let stroke = if d == Design::Small30 { 1.0 } else { 1.3 };
    cv.ellipse_mm(cx, cy, rx, ry, Some(stroke), c, alpha, &mut drop);
    if d == Design::Oval {
        cv.ellipse_mm(cx, cy, rx - 2.0, ry - 2.0, Some(0.4), c, alpha, &mut drop);
        // The code across the middle.
        let mut x = cx - 14.0;
        while x < cx + 13.0 {
            cv.glyph(rng, x, cy - 1.6, 2.6, c, alpha);
            x += 2.3;
        }
    } else {
        cv.star(cx, cy, rx * 0.3, turn, c, alpha);
    }
    // The name along the arc.
    let n = if d == Design::Small30 { 9 } else { 13 };
    let g = if d == Design::Small30 { 3.2 } else { 4.0 };
    for k in 0..n {
        let a = (turn - 210.0 + k as f32 * 240.0 / (n - 1) as f32).to_radians();
        let (gx, gy) = (
            cx + (rx - 3.2 - g / 2.0) * a.cos() - g / 2.0,
            cy + (ry - 3.2 - g / 2.0) * a.sin() - g / 2.0,
        );
        cv.glyph(rng, gx, gy, g, c, alpha);
    }
    if d == Design::Star38 {
        let mut x = cx - 8.0;
        while x < cx + 8.0 {
            cv.glyph(rng, x, cy + ry * 0.45, 2.8, c, alpha);
            x += 3.1;
        }
    }
}

/// Draw the page.
pub fn page(spec: &Spec) -> Raster {
    page_with(spec, None)
}

/// A font with Chinese glyphs: the file `CCC_EXEMPT_TEST_CJK_FONT` names, else one of Debian's
/// (`fonts-wqy-zenhei` first: tesseract 5.3 with Debian 12's chi_sim reads a licence set in it at
/// 200 dpi without a mistake, while in `fonts-wqy-microhei` it reads the `J` of a code as `jJ`);
/// `None` when there is none.
pub fn cjk_font() -> Option<&'static [u8]> {
    static FONT: std::sync::OnceLock<Option<Vec<u8>>> = std::sync::OnceLock::new();
    FONT.get_or_init(|| {
        let named = std::env::var_os("CCC_EXEMPT_TEST_CJK_FONT").map(std::path::PathBuf::from);
        named
            .into_iter()
            .chain(
                [
                    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
                    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
                    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                ]
                .map(std::path::PathBuf::from),
            )
            .find_map(|p| std::fs::read(p).ok())
    })
    .as_deref()
}

/// The page of `spec` with real text in place of the glyph-like marks: `lines[0]` as the title,
/// the rest as the body, set in `font` (a TrueType file or collection, e.g. [`cjk_font`]).
pub fn printed(spec: &Spec, lines: &[String], font: &[u8]) -> Raster {
    page_with(spec, Some((lines, font)))
}

/// The lines of a business licence (the demo applicant's, with the code `uscc`), for [`printed`].
pub fn licence_lines(uscc: &str) -> Vec<String> {
    [
        "营业执照",
        &format!("统一社会信用代码 {uscc}"),
        "名称 苏州恒拓精密电器有限公司",
        "类型 有限责任公司",
        "住所 苏州工业园区星湖街218号B3栋",
        "法定代表人 王建国",
    ]
    .map(String::from)
    .to_vec()
}

/// Set `text` in `font` with its top left at (`x`, `y`) mm, `size` mm high.
fn print(cv: &mut Canvas, font: &ab_glyph::FontRef<'_>, x: f32, y: f32, size: f32, text: &str) {
    use ab_glyph::{Font, ScaleFont};
    let s = cv.px_per_mm;
    let scaled = font.as_scaled(size * s);
    let mut pen = x * s;
    let base = y * s + scaled.ascent();
    for ch in text.chars() {
        let id = scaled.glyph_id(ch);
        let glyph = id.with_scale_and_position(size * s, ab_glyph::point(pen, base));
        pen += scaled.h_advance(id);
        if let Some(outline) = font.outline_glyph(glyph) {
            let b = outline.px_bounds();
            outline.draw(|gx, gy, coverage| {
                if coverage > 0.02 {
                    let (px, py) = (b.min.x as i64 + gx as i64, b.min.y as i64 + gy as i64);
                    cv.ink(px, py, BLACK, 0.95 * coverage.min(1.0));
                }
            });
        }
    }
}

fn page_with(spec: &Spec, text: Option<(&[String], &[u8])>) -> Raster {
    let mut rng = Rng::new(spec.seed);
    let s = spec.dpi / 25.4;
    let (w, h) = (
        (spec.width_mm * s).round() as u32,
        (spec.height_mm * s).round() as u32,
    );
    let mut cv = Canvas {
        r: Raster::white(w, h),
        px_per_mm: s,
    };
    if spec.tint {
        for px in cv.r.data.chunks_exact_mut(3) {
            px.copy_from_slice(&[242, 236, 214]);
        }
    }
    // A title, the body, a signature line at the bottom right.
    if let Some((lines, font)) = text {
        let font = ab_glyph::FontRef::try_from_slice(font).expect("a TrueType font");
        if let Some((title, body)) = lines.split_first() {
            let w = title.chars().count() as f32 * 7.0;
            print(&mut cv, &font, (spec.width_mm - w) / 2.0, 22.0, 7.0, title);
            for (i, l) in body.iter().enumerate() {
                print(&mut cv, &font, 22.0, 40.0 + i as f32 * 9.0, 4.2, l);
            }
        }
    } else {
        let mut x = spec.width_mm * 0.3;
        while x < spec.width_mm * 0.7 {
            cv.glyph(&mut rng, x, 22.0, 7.0, BLACK, 0.95);
            x += 7.6;
        }
        let rows = ((spec.height_mm - 95.0) / 7.5).max(3.0) as usize;
        text_block(&mut cv, &mut rng, spec.width_mm, 40.0, rows);
    }
    let sig_y = spec.height_mm - 45.0;
    let mut x = spec.width_mm - 95.0;
    while x < spec.width_mm - 30.0 {
        cv.glyph(&mut rng, x, sig_y, 4.2, BLACK, 0.95);
        x += 4.55;
    }
    if let Some(d) = spec.seal {
        // Over the signature line, as a seal is stamped.
        let cx = spec.width_mm - 62.0 + rng.range(-8.0, 8.0);
        let cy = sig_y + rng.range(-6.0, 4.0);
        seal(&mut cv, &mut rng, d, cx, cy, spec.ink, spec.turn);
    }
    match spec.decoy {
        Some(Decoy::RedLogo) => {
            let (cx, cy) = (35.0, 20.0);
            let mut never = || false;
            cv.ellipse_mm(cx, cy, 12.0, 12.0, None, RED, 0.95, &mut never);
            cv.rect_mm(cx - 5.0, cy - 6.0, 2.5, 12.0, [255, 255, 255], 0.0);
            // A white letter: paint paper over the disc.
            for yy in ((cy - 6.0) * s) as i64..((cy + 6.0) * s) as i64 {
                for xx in ((cx - 5.0) * s) as i64..((cx - 2.0) * s) as i64 {
                    if xx >= 0 && yy >= 0 && (xx as u32) < w && (yy as u32) < h {
                        cv.r.set(xx as u32, yy as u32, [250, 250, 250]);
                    }
                }
            }
        }
        Some(Decoy::HandCircle) => {
            // A wobbly red pen circle around a word of the body, nothing red inside.
            let (cx, cy) = (70.0, 40.0 + 7.5 * 3.0 + 2.0);
            let r0 = rng.range(13.0, 18.0);
            let phase = rng.range(0.0, 6.0);
            let n = 720;
            for k in 0..n {
                let a = k as f32 * std::f32::consts::TAU * 1.04 / n as f32;
                let r = r0 * (1.0 + 0.06 * (3.0 * a + phase).sin()) + 0.8 * (a * 0.5).sin();
                let (x, y) = (cx + r * a.cos(), cy + 0.85 * r * a.sin());
                cv.rect_mm(x - 0.35, y - 0.35, 0.7, 0.7, RED, 0.9);
            }
        }
        None => {}
    }
    if spec.grey {
        // The copier: grey, a little contrast and toner noise.
        for px in cv.r.data.chunks_exact_mut(3) {
            let l = ccc_exempt::content::raster::luma([px[0], px[1], px[2]]);
            let v = (f32::from(l) * 1.05 - 8.0).clamp(0.0, 255.0) as u8;
            px.copy_from_slice(&[v, v, v]);
        }
    }
    let mut r = cv.r;
    for _ in 0..spec.blur {
        r = box_blur(&r);
    }
    r
}

fn box_blur(r: &Raster) -> Raster {
    let mut out = r.clone();
    let (w, h) = (r.width as i64, r.height as i64);
    for y in 0..h {
        for x in 0..w {
            let mut s = [0u32; 3];
            let mut n = 0;
            for dy in -1..=1 {
                for dx in -1..=1 {
                    let (xx, yy) = (x + dx, y + dy);
                    if xx >= 0 && yy >= 0 && xx < w && yy < h {
                        let p = r.pixel(xx as u32, yy as u32);
                        for i in 0..3 {
                            s[i] += u32::from(p[i]);
                        }
                        n += 1;
                    }
                }
            }
            out.set(
                x as u32,
                y as u32,
                [(s[0] / n) as u8, (s[1] / n) as u8, (s[2] / n) as u8],
            );
        }
    }
    out
}

/// A PDF of pages, each a JPEG scan filling the page, with an invisible text layer in a CID font
/// (`UniGB-UCS2-H`, no ToUnicode) when the page's text is given.
/// A page of [`pdf`]: the JPEG, its width and height in pixels, the page's width and height in
/// millimetres, and the text layer.
pub type PdfPage<'a> = (Vec<u8>, u32, u32, f32, f32, Option<&'a str>);

pub fn pdf(pages: &[PdfPage<'_>]) -> Vec<u8> {
    use lopdf::{Dictionary, Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let cid = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "CIDFontType0", "BaseFont" => "STSong-Light",
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("GB1"),
            "Supplement" => 4,
        },
        "FontDescriptor" => dictionary! {
            "Type" => "FontDescriptor", "FontName" => "STSong-Light", "Flags" => 6,
            "FontBBox" => vec![(-25).into(), (-254).into(), 1000.into(), 880.into()],
            "ItalicAngle" => 0, "Ascent" => 880, "Descent" => -120, "CapHeight" => 880, "StemV" => 93,
        },
    });
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "STSong-Light",
        "Encoding" => "UniGB-UCS2-H", "DescendantFonts" => vec![cid.into()],
    });
    let mut kids = Vec::new();
    for (jpeg, w, h, w_mm, h_mm, text) in pages {
        let (wpt, hpt) = (w_mm / 25.4 * 72.0, h_mm / 25.4 * 72.0);
        let img = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Image", "Width" => *w as i64, "Height" => *h as i64,
                "ColorSpace" => "DeviceRGB", "BitsPerComponent" => 8, "Filter" => "DCTDecode",
            },
            jpeg.clone(),
        ).with_compression(false));
        let mut content = format!("q {wpt:.2} 0 0 {hpt:.2} 0 0 cm /Im0 Do Q\n");
        if let Some(t) = text {
            content.push_str("BT 3 Tr /F1 10 Tf\n");
            for (i, line) in t.lines().enumerate() {
                let hex: String = line.encode_utf16().map(|u| format!("{u:04X}")).collect();
                content.push_str(&format!(
                    "1 0 0 1 60 {:.1} Tm <{hex}> Tj\n",
                    hpt - 80.0 - 14.0 * i as f32
                ));
            }
            content.push_str("ET\n");
        }
        let c = doc.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(wpt), Object::Real(hpt)],
            "Contents" => c,
            "Resources" => dictionary! {
                "XObject" => dictionary! { "Im0" => img },
                "Font" => dictionary! { "F1" => font },
            },
        });
        kids.push(page.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("PDF into memory");
    out
}

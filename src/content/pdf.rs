//! What a PDF holds for the examination, without a renderer: each page's size, its largest image
//! (the scan), and its text layer (lopdf reads CID fonts with `UniGB-UCS2-H` and no ToUnicode).

use lopdf::{Document, Object, ObjectId};

use super::raster::Raster;

/// No image or content stream may inflate beyond this (a decompression bomb).
const MAX_INFLATE: usize = 256 << 20;

/// One page as found in the file.
pub struct PdfPage {
    pub number: u32,
    pub width_mm: f32,
    pub height_mm: f32,
    pub image: PageImage,
    /// The text layer, as extracted.
    pub text: String,
}

pub enum PageImage {
    /// No image on the page (born-digital text, or vector graphics).
    None,
    /// The page's largest image, decoded.
    Decoded(Raster),
    /// An image in a coding this examiner does not decode (JBIG2, JPX, CCITT, an unusual colour
    /// space): the filter or reason.
    Unsupported(String),
}

/// Why a PDF could not be opened.
pub enum PdfProblem {
    Encrypted,
    Unreadable(String),
}

/// The pages of a PDF.
pub fn pages(bytes: &[u8]) -> Result<Vec<PdfPage>, PdfProblem> {
    let doc = Document::load_mem(bytes).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => PdfProblem::Encrypted,
        e => PdfProblem::Unreadable(e.to_string()),
    })?;
    if doc.is_encrypted() && doc.trailer.get(b"Encrypt").is_ok() && doc.get_pages().is_empty() {
        return Err(PdfProblem::Encrypted);
    }
    let mut out = Vec::new();
    for (number, id) in doc.get_pages() {
        let (w_pt, h_pt, rotate) = page_box(&doc, id);
        let (mut width_mm, mut height_mm) = (w_pt / 72.0 * 25.4, h_pt / 72.0 * 25.4);
        let mut image = largest_image(&doc, id);
        if rotate % 180 == 90 {
            std::mem::swap(&mut width_mm, &mut height_mm);
        }
        if let PageImage::Decoded(r) = &image {
            // A scan stored sideways on a portrait page: turn it to the page's orientation.
            if (r.width > r.height) != (width_mm > height_mm) && r.width != r.height {
                image = PageImage::Decoded(r.rotate90());
            }
        }
        let text = doc
            .extract_text_with_limit(&[number], MAX_INFLATE)
            .unwrap_or_default();
        out.push(PdfPage {
            number,
            width_mm,
            height_mm,
            image,
            text,
        });
    }
    Ok(out)
}

fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// The page's MediaBox width and height in points and its rotation, inherited from the tree.
fn page_box(doc: &Document, id: ObjectId) -> (f32, f32, i64) {
    let mut node = doc.get_dictionary(id).ok();
    let (mut size, mut rotate) = (None, None);
    let mut depth = 0;
    while let Some(d) = node {
        if size.is_none()
            && let Ok(b) = d.get(b"MediaBox")
            && let Ok((_, Object::Array(a))) = doc.dereference(b)
            && a.len() == 4
        {
            let v: Vec<f32> = a.iter().filter_map(number).collect();
            if v.len() == 4 {
                size = Some(((v[2] - v[0]).abs(), (v[3] - v[1]).abs()));
            }
        }
        if rotate.is_none()
            && let Ok(Object::Integer(r)) = d.get(b"Rotate")
        {
            rotate = Some(r.rem_euclid(360));
        }
        depth += 1;
        node = d
            .get(b"Parent")
            .and_then(Object::as_reference)
            .and_then(|p| doc.get_dictionary(p))
            .ok()
            .filter(|_| depth < 32);
    }
    let (w, h) = size.unwrap_or((595.0, 842.0));
    (w.max(1.0), h.max(1.0), rotate.unwrap_or(0))
}

fn largest_image(doc: &Document, id: ObjectId) -> PageImage {
    let Ok(images) = doc.get_page_images(id) else {
        return PageImage::None;
    };
    let Some(img) = images.iter().max_by_key(|i| i.width * i.height) else {
        return PageImage::None;
    };
    let filters = img.filters.clone().unwrap_or_default();
    let (w, h) = (img.width.max(0) as u32, img.height.max(0) as u32);
    if w == 0 || h == 0 || (w as u64) * (h as u64) > 80_000_000 {
        return PageImage::Unsupported(format!("{w}x{h}"));
    }
    let last = filters.last().map(String::as_str).unwrap_or("");
    if matches!(last, "JBIG2Decode" | "JPXDecode" | "CCITTFaxDecode") {
        return PageImage::Unsupported(last.to_string());
    }
    // The filters before the image coding (ASCII85 or Flate around a JPEG).
    let mut stream = lopdf::Stream::new(img.origin_dict.clone(), img.content.to_vec());
    let outer: Vec<Object> = if last == "DCTDecode" {
        filters[..filters.len() - 1]
            .iter()
            .map(|f| Object::Name(f.as_bytes().to_vec()))
            .collect()
    } else {
        filters
            .iter()
            .map(|f| Object::Name(f.as_bytes().to_vec()))
            .collect()
    };
    let data = if outer.is_empty() {
        stream.content.clone()
    } else {
        stream.dict.set("Filter", Object::Array(outer));
        match stream.decompressed_content_with_limit(MAX_INFLATE) {
            Ok(d) => d,
            Err(e) => return PageImage::Unsupported(e.to_string()),
        }
    };
    if last == "DCTDecode" {
        return match Raster::decode(&data) {
            Ok(r) => PageImage::Decoded(r),
            Err(e) => PageImage::Unsupported(format!("DCTDecode: {e}")),
        };
    }
    let bpc = img.bits_per_component.unwrap_or(8);
    let channels = match img.color_space.as_deref() {
        Some("DeviceRGB") | Some("CalRGB") => 3,
        Some("DeviceGray") | Some("CalGray") => 1,
        Some("ICCBased") => icc_components(doc, img.origin_dict).unwrap_or(3),
        other => return PageImage::Unsupported(other.unwrap_or("no colour space").to_string()),
    };
    raw_samples(&data, w, h, channels, bpc)
}

fn icc_components(doc: &Document, dict: &lopdf::Dictionary) -> Option<usize> {
    let Ok(Object::Array(a)) = dict.get(b"ColorSpace") else {
        return None;
    };
    let (_, o) = doc.dereference(a.get(1)?).ok()?;
    let n = o.as_stream().ok()?.dict.get(b"N").ok()?.as_i64().ok()?;
    Some(n as usize)
}

fn raw_samples(data: &[u8], w: u32, h: u32, channels: usize, bpc: i64) -> PageImage {
    let (wu, hu) = (w as usize, h as usize);
    match (channels, bpc) {
        (3, 8) if data.len() >= wu * hu * 3 => PageImage::Decoded(Raster {
            width: w,
            height: h,
            data: data[..wu * hu * 3].to_vec(),
        }),
        (1, 8) if data.len() >= wu * hu => {
            PageImage::Decoded(Raster::from_gray(w, h, &data[..wu * hu]))
        }
        (1, 1) if data.len() >= wu.div_ceil(8) * hu => {
            let row = wu.div_ceil(8);
            let mut g = Vec::with_capacity(wu * hu);
            for y in 0..hu {
                for x in 0..wu {
                    let bit = data[y * row + x / 8] >> (7 - x % 8) & 1;
                    g.push(if bit == 1 { 255 } else { 0 });
                }
            }
            PageImage::Decoded(Raster::from_gray(w, h, &g))
        }
        _ => PageImage::Unsupported(format!("{channels} channels, {bpc} bits")),
    }
}

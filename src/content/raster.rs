//! Pixels: an RGB page image, resampling by area, luminance, and the codecs (JPEG, PNG).

/// An 8-bit RGB image, rows top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raster {
    pub width: u32,
    pub height: u32,
    /// `width * height * 3` bytes.
    pub data: Vec<u8>,
}

/// The luminance of an RGB pixel (ITU-R BT.601 weights), 0–255.
pub fn luma(p: [u8; 3]) -> u8 {
    ((u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114) / 1000) as u8
}

/// How red a pixel is: R − max(G, B), 0 when not red.
pub fn redness(p: [u8; 3]) -> u8 {
    p[0].saturating_sub(p[1].max(p[2]))
}

impl Raster {
    /// A white image.
    pub fn white(width: u32, height: u32) -> Raster {
        Raster {
            width,
            height,
            data: vec![255; width as usize * height as usize * 3],
        }
    }

    /// From grey samples (one byte a pixel).
    pub fn from_gray(width: u32, height: u32, gray: &[u8]) -> Raster {
        let mut data = Vec::with_capacity(gray.len() * 3);
        for g in gray {
            data.extend_from_slice(&[*g, *g, *g]);
        }
        Raster {
            width,
            height,
            data,
        }
    }

    pub fn pixel(&self, x: u32, y: u32) -> [u8; 3] {
        let i = (y as usize * self.width as usize + x as usize) * 3;
        [self.data[i], self.data[i + 1], self.data[i + 2]]
    }

    pub fn set(&mut self, x: u32, y: u32, p: [u8; 3]) {
        let i = (y as usize * self.width as usize + x as usize) * 3;
        self.data[i..i + 3].copy_from_slice(&p);
    }

    pub fn pixels(&self) -> impl Iterator<Item = [u8; 3]> + '_ {
        self.data.chunks_exact(3).map(|c| [c[0], c[1], c[2]])
    }

    /// The luminance of every pixel.
    pub fn gray(&self) -> Vec<u8> {
        let d = &self.data;
        let mut out = vec![0u8; d.len() / 3];
        let mut i = 0;
        while i < out.len() {
            let j = i * 3;
            out[i] =
                ((d[j] as u32 * 299 + d[j + 1] as u32 * 587 + d[j + 2] as u32 * 114) / 1000) as u8;
            i += 1;
        }
        out
    }

    /// Resampled to `width` × `height`: each output pixel is the mean of the source pixels it
    /// covers (the nearest one when enlarging).
    pub fn resample(&self, width: u32, height: u32) -> Raster {
        if (width, height) == (self.width, self.height) {
            return self.clone();
        }
        let data = resample_channels(&self.data, 3, self.width, self.height, width, height);
        Raster {
            width: width.max(1),
            height: height.max(1),
            data,
        }
    }

    /// The luminance resampled to `width` × `height` (as [`Raster::resample`], one channel).
    pub fn gray_resampled(&self, width: u32, height: u32) -> Vec<u8> {
        let g = self.gray();
        if (width, height) == (self.width, self.height) {
            return g;
        }
        resample_channels(&g, 1, self.width, self.height, width, height)
    }

    /// Turned a quarter to the right (for a landscape scan of a portrait page).
    pub fn rotate90(&self) -> Raster {
        let mut out = Raster::white(self.height, self.width);
        for y in 0..self.height {
            for x in 0..self.width {
                out.set(self.height - 1 - y, x, self.pixel(x, y));
            }
        }
        out
    }

    /// Decode a JPEG or PNG file.
    pub fn decode(bytes: &[u8]) -> Result<Raster, String> {
        let img = image::load_from_memory(bytes).map_err(|e| e.to_string())?;
        let rgb = img.to_rgb8();
        Ok(Raster {
            width: rgb.width(),
            height: rgb.height(),
            data: rgb.into_raw(),
        })
    }

    /// Encode as PNG.
    pub fn to_png(&self) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        image::RgbImage::from_raw(self.width, self.height, self.data.clone())
            .expect("raster size")
            .write_to(&mut out, image::ImageFormat::Png)
            .expect("PNG into memory");
        out.into_inner()
    }

    /// Encode as JPEG at `quality` (1–100).
    pub fn to_jpeg(&self, quality: u8) -> Vec<u8> {
        let mut out = Vec::new();
        let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
        image::ImageEncoder::write_image(
            enc,
            &self.data,
            self.width,
            self.height,
            image::ExtendedColorType::Rgb8,
        )
        .expect("JPEG into memory");
        out
    }

    /// The white balance against the paper: each channel scaled so that the paper (the mean of
    /// the brightest tenth of the pixels) becomes white. A yellowed scan or a blue-tinted photo
    /// then shows ink in its own colour.
    pub fn white_balanced(&self) -> Raster {
        let gray = self.gray();
        let mut hist = [0usize; 256];
        for g in &gray {
            hist[*g as usize] += 1;
        }
        let total: usize = hist.iter().sum();
        let mut cut = 255;
        let mut acc = 0;
        while cut > 0 {
            acc += hist[cut];
            if acc * 10 >= total {
                break;
            }
            cut -= 1;
        }
        let mut sum = [0u64; 3];
        let mut n = 0u64;
        let d = &self.data;
        for (i, g) in gray.iter().enumerate() {
            if *g as usize >= cut {
                sum[0] += d[i * 3] as u64;
                sum[1] += d[i * 3 + 1] as u64;
                sum[2] += d[i * 3 + 2] as u64;
                n += 1;
            }
        }
        if n == 0 {
            return self.clone();
        }
        let mut lut = [[0u8; 256]; 3];
        for c in 0..3 {
            let paper = (sum[c] as f32 / n as f32).max(60.0);
            let gain = (255.0 / paper).clamp(1.0, 3.0);
            for (v, out) in lut[c].iter_mut().enumerate() {
                *out = (v as f32 * gain).min(255.0) as u8;
            }
        }
        let mut out = self.clone();
        let d = &mut out.data;
        let mut i = 0;
        while i + 2 < d.len() {
            d[i] = lut[0][d[i] as usize];
            d[i + 1] = lut[1][d[i + 1] as usize];
            d[i + 2] = lut[2][d[i + 2] as usize];
            i += 3;
        }
        out
    }

    /// The page for OCR: the red channel as grey, so a red seal over text fades to paper while
    /// black text stays black.
    pub fn red_suppressed(&self) -> Raster {
        let mut out = self.clone();
        for px in out.data.chunks_exact_mut(3) {
            let v = if redness([px[0], px[1], px[2]]) > 30 {
                px[0].max(luma([px[0], px[1], px[2]]))
            } else {
                luma([px[0], px[1], px[2]])
            };
            px.copy_from_slice(&[v, v, v]);
        }
        out
    }
}

/// Area resampling of `c`-channel samples (plain index loops: this runs on every page, in debug
/// builds too).
fn resample_channels(src: &[u8], c: usize, sw: u32, sh: u32, w: u32, h: u32) -> Vec<u8> {
    let (sw, sh) = (sw as usize, sh as usize);
    let (w, h) = (w.max(1) as usize, h.max(1) as usize);
    if sw == 0 || sh == 0 {
        return vec![255; w * h * c];
    }
    let span = |i: usize, n: usize, sn: usize| {
        let a = (i * sn / n).min(sn - 1);
        let b = ((i + 1) * sn / n).max(a + 1).min(sn);
        (a, b)
    };
    let xs: Vec<(usize, usize)> = (0..w).map(|x| span(x, w, sw)).collect();
    // Horizontal pass into sums scaled by 16, then vertical.
    let mut rows = vec![0u32; sh * w * c];
    for y in 0..sh {
        let row = y * sw * c;
        for x in 0..w {
            let (a, b) = xs[x];
            let n = (b - a) as u32;
            for ch in 0..c {
                let mut s = 0u32;
                let mut i = row + a * c + ch;
                let end = row + b * c;
                while i < end {
                    s += src[i] as u32;
                    i += c;
                }
                rows[(y * w + x) * c + ch] = s * 16 / n;
            }
        }
    }
    let mut out = vec![0u8; w * h * c];
    let stride = w * c;
    for y in 0..h {
        let (a, b) = span(y, h, sh);
        let n = (b - a) as u32;
        for x in 0..stride {
            let mut s = 0u32;
            let mut r = a;
            while r < b {
                s += rows[r * stride + x];
                r += 1;
            }
            let v = (s / n + 8) / 16;
            out[y * stride + x] = if v > 255 { 255 } else { v as u8 };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resampling_by_area_keeps_the_mean() {
        let mut r = Raster::white(4, 4);
        r.set(0, 0, [0, 0, 0]);
        let half = r.resample(2, 2);
        assert_eq!(half.pixel(0, 0), [191, 191, 191]);
        assert_eq!(half.pixel(1, 1), [255, 255, 255]);
        let big = r.resample(8, 8);
        assert_eq!(big.pixel(1, 1), [0, 0, 0]);
        assert_eq!(big.pixel(2, 2), [255, 255, 255]);
    }

    #[test]
    fn white_balance_makes_the_paper_white() {
        let mut r = Raster::white(10, 10);
        for px in r.data.chunks_exact_mut(3) {
            px.copy_from_slice(&[230, 220, 180]);
        }
        r.set(5, 5, [115, 110, 90]);
        let b = r.white_balanced();
        assert_eq!(b.pixel(0, 0), [255, 255, 255]);
        let p = b.pixel(5, 5);
        assert!(p[0].abs_diff(p[2]) < 5, "{p:?}");
    }

    #[test]
    fn png_and_jpeg_round_trip() {
        let mut r = Raster::white(16, 8);
        r.set(3, 3, [200, 10, 10]);
        assert_eq!(Raster::decode(&r.to_png()).unwrap(), r);
        let j = Raster::decode(&r.to_jpeg(90)).unwrap();
        assert_eq!((j.width, j.height), (16, 8));
    }
}

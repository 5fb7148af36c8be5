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
        self.data
            .chunks_exact(3)
            .map(|p| ((p[0] as u32 * 299 + p[1] as u32 * 587 + p[2] as u32 * 114) / 1000) as u8)
            .collect()
    }

    /// Resampled to `width` × `height`: each output pixel is the mean of the source pixels it
    /// covers (the nearest one when enlarging).
    pub fn resample(&self, width: u32, height: u32) -> Raster {
        if (width, height) == (self.width, self.height) {
            return self.clone();
        }
        let data = resample_channels::<3>(&self.data, self.width, self.height, width, height);
        Raster {
            width: width.max(1),
            height: height.max(1),
            data,
        }
    }

    /// The luminance resampled to `width` × `height` (as [`Raster::resample`], one channel).
    pub fn gray_resampled(&self, width: u32, height: u32) -> Vec<u8> {
        if (width, height) == (self.width, self.height) {
            return self.gray();
        }
        // The luminance of each source pixel summed as it is read: no full-size grey image.
        resample_with::<3, 1>(
            &self.data,
            self.width,
            self.height,
            width,
            height,
            |p, acc| {
                acc[0] += luma([p[0], p[1], p[2]]) as u32;
            },
        )
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

/// The source span `[a, b)` of output sample `i` of `n` over `sn` source samples.
fn span(i: usize, n: usize, sn: usize) -> (usize, usize) {
    let a = (i * sn / n).min(sn - 1);
    let b = ((i + 1) * sn / n).max(a + 1).min(sn);
    (a, b)
}

/// Area resampling of `C`-channel samples: each output row sums its source rows as they come
/// (one pass over the source, in memory order), then divides once (plain index loops: this runs
/// on every page, in debug builds too).
fn resample_channels<const C: usize>(src: &[u8], sw: u32, sh: u32, w: u32, h: u32) -> Vec<u8> {
    resample_with::<C, C>(src, sw, sh, w, h, |p, acc| {
        for ch in 0..C {
            acc[ch] += p[ch] as u32;
        }
    })
}

/// Area resampling of `C_IN`-channel samples into `C_OUT` channels, `add` summing a source
/// pixel into its output's sums.
fn resample_with<const C_IN: usize, const C_OUT: usize>(
    src: &[u8],
    sw: u32,
    sh: u32,
    w: u32,
    h: u32,
    add: impl Fn(&[u8], &mut [u32]),
) -> Vec<u8> {
    let (sw, sh) = (sw as usize, sh as usize);
    let (w, h) = (w.max(1) as usize, h.max(1) as usize);
    if sw == 0 || sh == 0 {
        return vec![255; w * h * C_OUT];
    }
    let xs: Vec<(usize, usize)> = (0..w).map(|x| span(x, w, sw)).collect();
    // Shrinking, the spans cut the row into pieces: each source pixel has one output pixel.
    let owner: Option<Vec<usize>> = (w <= sw).then(|| {
        let mut o = vec![0usize; sw];
        for (x, &(x0, x1)) in xs.iter().enumerate() {
            o[x0..x1].iter_mut().for_each(|v| *v = x * C_OUT);
        }
        o
    });
    let stride = w * C_OUT;
    let mut acc = vec![0u32; stride];
    let mut out = vec![0u8; w * h * C_OUT];
    for y in 0..h {
        let (a, b) = span(y, h, sh);
        acc.iter_mut().for_each(|v| *v = 0);
        for r in a..b {
            let row = &src[r * sw * C_IN..(r + 1) * sw * C_IN];
            match &owner {
                Some(owner) => {
                    for (p, &o) in row.chunks_exact(C_IN).zip(owner) {
                        add(p, &mut acc[o..o + C_OUT]);
                    }
                }
                None => {
                    for (&(x0, x1), o) in xs.iter().zip(acc.chunks_exact_mut(C_OUT)) {
                        for p in row[x0 * C_IN..x1 * C_IN].chunks_exact(C_IN) {
                            add(p, o);
                        }
                    }
                }
            }
        }
        let rows = (b - a) as u32;
        let line = &mut out[y * stride..(y + 1) * stride];
        for ((&(x0, x1), o), s) in xs
            .iter()
            .zip(line.chunks_exact_mut(C_OUT))
            .zip(acc.chunks_exact(C_OUT))
        {
            let n = (x1 - x0) as u32 * rows;
            for ch in 0..C_OUT {
                let v = (s[ch] + n / 2) / n;
                o[ch] = if v > 255 { 255 } else { v as u8 };
            }
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

//! Legibility: the resolution a scan has for its page, and how sharp it is.
//!
//! Sharpness is the variance of the Laplacian of the page resampled to 150 dpi, over the tiles
//! that hold something (a margin or a blank half page says nothing about focus). A blurred or
//! enlarged 70-dpi page measures in the tens; a clear scan in the hundreds.

use super::raster::Raster;

/// The resolution below which a page is not legible.
pub const MIN_DPI: f32 = 150.0;
/// The sharpness below which a page is blurred.
pub const MIN_SHARPNESS: f32 = 120.0;
const TILE: usize = 32;

/// The dots per inch of an image covering a page of `w_mm` × `h_mm` (the lower of the two axes).
pub fn dpi(width_px: u32, height_px: u32, w_mm: f32, h_mm: f32) -> f32 {
    let dx = width_px as f32 / (w_mm / 25.4);
    let dy = height_px as f32 / (h_mm / 25.4);
    dx.min(dy)
}

/// The Laplacian variance at 150 dpi; `None` for a blank page.
pub fn sharpness(page: &Raster, w_mm: f32, h_mm: f32) -> Option<f32> {
    let w = ((w_mm / 25.4) * 150.0).round().max(8.0) as u32;
    let h = ((h_mm / 25.4) * 150.0).round().max(8.0) as u32;
    let g = page.gray_resampled(w, h);
    let (w, h) = (w as usize, h as usize);
    let mut sum = 0i64;
    let mut sq = 0i64;
    let mut n = 0usize;
    for ty in 0..h / TILE {
        for tx in 0..w / TILE {
            let (mut lo, mut hi) = (255u8, 0u8);
            for y in ty * TILE..(ty + 1) * TILE {
                for x in tx * TILE..(tx + 1) * TILE {
                    let v = g[y * w + x];
                    lo = lo.min(v);
                    hi = hi.max(v);
                }
            }
            if hi - lo < 50 {
                continue;
            }
            for y in (ty * TILE).max(1)..((ty + 1) * TILE).min(h - 1) {
                for x in (tx * TILE).max(1)..((tx + 1) * TILE).min(w - 1) {
                    let c = i32::from(g[y * w + x]);
                    let l = i32::from(g[y * w + x - 1])
                        + i32::from(g[y * w + x + 1])
                        + i32::from(g[(y - 1) * w + x])
                        + i32::from(g[(y + 1) * w + x])
                        - 4 * c;
                    sum += i64::from(l);
                    sq += i64::from(l * l);
                    n += 1;
                }
            }
        }
    }
    if n == 0 {
        return None;
    }
    let mean = sum as f64 / n as f64;
    Some((sq as f64 / n as f64 - mean * mean) as f32)
}

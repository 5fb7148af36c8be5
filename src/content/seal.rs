//! The red-seal detector. On the page at a working resolution of 4 pixels a millimetre, white
//! balanced against the paper:
//!
//! - a redness mask (R − max(G, B)) and an ink mask (dark or red);
//! - candidates: clusters of red, clusters of ink, and rings voted for by the edges of the ink
//!   along their gradient, round or oval (a seal printed over text is not a cluster of its own),
//!   22–62 mm across;
//! - a candidate is a seal when a ring covers at least 80 % of its circumference, the band just
//!   outside it is clearly emptier (a paragraph of text is not a ring), and there is ink of the
//!   ring's colour inside it, but not a filled disc (a red logo) and not nothing (a red circle
//!   drawn by hand around a word);
//! - the colour verdict comes from the ink on the ring itself, not from the page: a colour scan of
//!   black text has almost no colour, so the page says nothing about the seal. A ring is grey (a
//!   copy) only when next to none of its ink is red: a thin or faded red line is red ink.

use serde::{Deserialize, Serialize};

use super::raster::{Raster, luma, redness};

/// Pixels a millimetre of the working image.
pub const PX_PER_MM: f32 = 4.0;
/// Seals measure 22–62 mm across (with a margin for the scan).
const MIN_MM: f32 = 19.0;
const MAX_MM: f32 = 66.0;
/// Half the long side of an oval seal (发票专用章 40 × 30 mm, 45 × 30 mm), with a margin.
const OVAL_LONG_MM: (f32, f32) = (17.0, 25.0);
/// A pixel is red ink from this redness on (after the white balance).
const RED: u8 = 42;
/// A ring is grey (a copy) when less than this share of its ink is red.
const GREY_SHARE: f32 = 0.2;
/// A pixel is ink below this luminance.
const DARK: u8 = 170;
/// Angles sampled around a ring.
const ANGLES: usize = 90;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SealColour {
    /// The ring is red ink: an original seal (or a colour copy, which nobody can tell).
    Red,
    /// The ring is grey or black: a photocopy or a grey scan of the seal.
    Grey,
}

/// A seal found on a page, in millimetres from the page's top-left corner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Seal {
    pub x_mm: f32,
    pub y_mm: f32,
    pub width_mm: f32,
    pub height_mm: f32,
    pub colour: SealColour,
    /// The share of the circumference the ring covers.
    pub ring: f32,
    /// The share of the ring's ink that is red.
    pub red_share: f32,
    /// The median redness of the ring's ink (R − max(G, B), 0–255).
    pub redness: u8,
}

#[derive(Debug, Clone, Copy)]
struct Ellipse {
    cx: f32,
    cy: f32,
    rx: f32,
    ry: f32,
}

struct Masks {
    w: usize,
    h: usize,
    red: Vec<bool>,
    ink: Vec<bool>,
    redness: Vec<u8>,
}

impl Masks {
    fn at(&self, m: &[bool], x: f32, y: f32) -> bool {
        if x < 0.0 || y < 0.0 {
            return false;
        }
        let (x, y) = (x as usize, y as usize);
        x < self.w && y < self.h && m[y * self.w + x]
    }
}

/// Find the seals on a white-balanced page at [`PX_PER_MM`].
pub fn detect(page: &Raster) -> Vec<Seal> {
    let (w, h) = (page.width as usize, page.height as usize);
    let mut red = vec![false; w * h];
    let mut ink = vec![false; w * h];
    let mut rd = vec![0u8; w * h];
    let d = &page.data;
    let mut i = 0;
    while i < w * h {
        let p = [d[i * 3], d[i * 3 + 1], d[i * 3 + 2]];
        let r = redness(p);
        rd[i] = r;
        red[i] = r >= RED && p[0] >= 90;
        ink[i] = red[i] || luma(p) < DARK;
        i += 1;
    }
    let masks = Masks {
        w,
        h,
        red,
        ink,
        redness: rd,
    };
    let mut found: Vec<(Ellipse, Seal)> = Vec::new();
    let consider = |e: Ellipse, found: &mut Vec<(Ellipse, Seal)>| {
        if found.iter().any(|(f, _)| {
            let d = ((f.cx - e.cx).powi(2) + (f.cy - e.cy).powi(2)).sqrt();
            d < 0.5 * f.rx.min(f.ry).min(e.rx.min(e.ry))
        }) {
            return;
        }
        if let Some(s) = verify(&masks, e) {
            found.push(s);
        }
    };
    for e in clusters(&masks, &masks.red, 2) {
        consider(e, &mut found);
    }
    for e in clusters(&masks, &masks.ink, 1) {
        consider(e, &mut found);
    }
    if found.is_empty() {
        for e in rings(&masks) {
            consider(e, &mut found);
        }
    }
    found.into_iter().map(|(_, s)| s).collect()
}

/// Clusters of `mask` (grown by `grow` pixels so a faded ring holds together) whose box has a
/// seal's size and shape.
fn clusters(m: &Masks, mask: &[bool], grow: usize) -> Vec<Ellipse> {
    let (w, h) = (m.w, m.h);
    let grown = dilate(mask, w, h, grow);
    let mut seen = vec![false; w * h];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    let (lo, hi) = (MIN_MM * PX_PER_MM, MAX_MM * PX_PER_MM);
    for start in 0..w * h {
        if !grown[start] || seen[start] {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
        let mut too_big = false;
        while let Some(i) = stack.pop() {
            let (x, y) = (i % w, i / w);
            x0 = x0.min(x);
            x1 = x1.max(x);
            y0 = y0.min(y);
            y1 = y1.max(y);
            if (x1 - x0) as f32 > hi * 1.2 || (y1 - y0) as f32 > hi * 1.2 {
                too_big = true;
            }
            for (dx, dy) in [
                (-1i64, 0i64),
                (1, 0),
                (0, -1),
                (0, 1),
                (-1, -1),
                (1, 1),
                (-1, 1),
                (1, -1),
            ] {
                let (nx, ny) = (x as i64 + dx, y as i64 + dy);
                if nx < 0 || ny < 0 || nx >= w as i64 || ny >= h as i64 {
                    continue;
                }
                let j = ny as usize * w + nx as usize;
                if grown[j] && !seen[j] {
                    seen[j] = true;
                    stack.push(j);
                }
            }
        }
        if too_big {
            continue;
        }
        let bw = (x1 - x0 + 1) as f32 - 2.0 * grow as f32;
        let bh = (y1 - y0 + 1) as f32 - 2.0 * grow as f32;
        let aspect = bw / bh.max(1.0);
        if bw >= lo && bh >= lo && bw <= hi && bh <= hi && (0.55..=1.8).contains(&aspect) {
            out.push(Ellipse {
                cx: (x0 + x1) as f32 / 2.0,
                cy: (y0 + y1) as f32 / 2.0,
                // The ring's middle line, half a stroke inside the box.
                rx: bw / 2.0 - 2.0,
                ry: bh / 2.0 - 2.0,
            });
        }
    }
    out
}

fn dilate(mask: &[bool], w: usize, h: usize, r: usize) -> Vec<bool> {
    if r == 0 {
        return mask.to_vec();
    }
    let mut tmp = vec![false; w * h];
    for y in 0..h {
        let row = &mask[y * w..(y + 1) * w];
        // Running count over the window [x - r, x + r].
        let mut count = 0usize;
        count += row.iter().take(r.min(w)).filter(|b| **b).count();
        for x in 0..w {
            if x + r < w {
                count += usize::from(row[x + r]);
            }
            if x > r {
                count -= usize::from(row[x - r - 1]);
            }
            tmp[y * w + x] = count > 0;
        }
    }
    let mut out = vec![false; w * h];
    for x in 0..w {
        let mut count = 0usize;
        count += (0..r.min(h)).filter(|y| tmp[y * w + x]).count();
        for y in 0..h {
            if y + r < h {
                count += usize::from(tmp[(y + r) * w + x]);
            }
            if y > r {
                count -= usize::from(tmp[(y - r - 1) * w + x]);
            }
            out[y * w + x] = count > 0;
        }
    }
    out
}

/// Rings the ink votes for: how a seal printed over text, and so touching it, is found. At 2
/// pixels a millimetre, each edge of the ink votes along its gradient (both ways) for the centres
/// 9.5–33 mm away (a Hough transform that follows the gradient: a ring's edges all point at its
/// centre, text's point everywhere); at the strongest centres the ring is then looked for by its
/// radii, round or oval.
fn rings(m: &Masks) -> Vec<Ellipse> {
    let (w2, h2) = (m.w / 2, m.h / 2);
    if w2 < 40 || h2 < 40 {
        return Vec::new();
    }
    // Ink per 2 × 2 block, 0–4.
    let mut d = vec![0i32; w2 * h2];
    for y in 0..h2 * 2 {
        let row = &m.ink[y * m.w..y * m.w + w2 * 2];
        let out = &mut d[(y / 2) * w2..(y / 2 + 1) * w2];
        for (x, v) in row.iter().enumerate() {
            out[x / 2] += i32::from(*v);
        }
    }
    let (r0, r1) = ((MIN_MM * 0.5 * 2.0) as i32, (MAX_MM * 0.5 * 2.0) as i32);
    let mut acc = vec![0u16; w2 * h2];
    for y in 1..h2 - 1 {
        for x in 1..w2 - 1 {
            let i = y * w2 + x;
            let gx = d[i - w2 + 1] + 2 * d[i + 1] + d[i + w2 + 1]
                - d[i - w2 - 1]
                - 2 * d[i - 1]
                - d[i + w2 - 1];
            let gy = d[i + w2 - 1] + 2 * d[i + w2] + d[i + w2 + 1]
                - d[i - w2 - 1]
                - 2 * d[i - w2]
                - d[i - w2 + 1];
            if gx.abs() + gy.abs() < 6 {
                continue;
            }
            let n = ((gx * gx + gy * gy) as f32).sqrt();
            let (ux, uy) = (gx as f32 / n, gy as f32 / n);
            for sign in [-1.0f32, 1.0] {
                for r in r0..=r1 {
                    let cx = x as f32 + sign * r as f32 * ux + 0.5;
                    let cy = y as f32 + sign * r as f32 * uy + 0.5;
                    if cx < 0.0 || cy < 0.0 {
                        break;
                    }
                    let (cx, cy) = (cx as usize, cy as usize);
                    if cx >= w2 || cy >= h2 {
                        break;
                    }
                    let a = &mut acc[cy * w2 + cx];
                    *a = a.saturating_add(1);
                }
            }
        }
    }
    // The 3 × 3 sums, their local maxima, the strongest first.
    let mut peaks: Vec<(u32, usize, usize)> = Vec::new();
    for y in 1..h2 - 1 {
        for x in 1..w2 - 1 {
            let mut s = 0u32;
            for dy in 0..3 {
                for dx in 0..3 {
                    s += u32::from(acc[(y + dy - 1) * w2 + x + dx - 1]);
                }
            }
            if s >= 90 {
                peaks.push((s, x, y));
            }
        }
    }
    peaks.sort_unstable_by_key(|p| std::cmp::Reverse(p.0));
    let mut picked: Vec<(usize, usize)> = Vec::new();
    for (_, x, y) in peaks {
        if picked
            .iter()
            .all(|(px, py)| px.abs_diff(x).pow(2) + py.abs_diff(y).pow(2) > 20 * 20)
        {
            picked.push((x, y));
            if picked.len() >= 8 {
                break;
            }
        }
    }
    // The ring at each centre: the radii (round, or oval either way) best covered; of nearly as
    // good ones the largest (the outer ring, not the name inside it).
    let lo = (MIN_MM * 0.5 * PX_PER_MM) as i32;
    let hi = (MAX_MM * 0.5 * PX_PER_MM) as i32;
    let mut out = Vec::new();
    for (x, y) in picked {
        let (cx, cy) = (x as f32 * 2.0 + 1.0, y as f32 * 2.0 + 1.0);
        let mut tried: Vec<(f32, Ellipse)> = Vec::new();
        for r in (lo..=hi).step_by(2) {
            let e = Ellipse {
                cx,
                cy,
                rx: r as f32,
                ry: r as f32,
            };
            tried.push((coverage(m, &m.ink, e, -2, 2), e));
        }
        // An oval's edges point at its long axis, not its centre: the centre is looked for
        // along it, up to 10 mm either way.
        for wide in [true, false] {
            for shift in (-40..=40).step_by(8) {
                for r in (OVAL_LONG_MM.0 * PX_PER_MM) as i32..=(OVAL_LONG_MM.1 * PX_PER_MM) as i32 {
                    if r % 2 != 0 {
                        continue;
                    }
                    let (long, short) = (r as f32, r as f32 * 0.75);
                    let e = if wide {
                        Ellipse {
                            cx: cx + shift as f32,
                            cy,
                            rx: long,
                            ry: short,
                        }
                    } else {
                        Ellipse {
                            cx,
                            cy: cy + shift as f32,
                            rx: short,
                            ry: long,
                        }
                    };
                    tried.push((coverage(m, &m.ink, e, -2, 2), e));
                }
            }
        }
        let top = tried.iter().map(|t| t.0).fold(0.0, f32::max);
        if top < 0.7 {
            continue;
        }
        if let Some((_, e)) = tried
            .into_iter()
            .filter(|t| t.0 >= top - 0.05)
            .max_by(|a, b| (a.1.rx + a.1.ry).total_cmp(&(b.1.rx + b.1.ry)))
        {
            out.push(e);
        }
    }
    out
}

/// The share of the angles around `e` (its radii moved by `from..=to` pixels) that meet `mask`.
fn coverage(m: &Masks, mask: &[bool], e: Ellipse, from: i32, to: i32) -> f32 {
    let mut hits = 0;
    for k in 0..ANGLES {
        let a = k as f32 * std::f32::consts::TAU / ANGLES as f32;
        let (c, s) = (a.cos(), a.sin());
        if (from..=to).any(|d| {
            m.at(
                mask,
                e.cx + (e.rx + d as f32) * c,
                e.cy + (e.ry + d as f32) * s,
            )
        }) {
            hits += 1;
        }
    }
    hits as f32 / ANGLES as f32
}

/// The share of the pixels inside `e` scaled by `k` that are in `mask`.
fn interior(m: &Masks, mask: &[bool], e: Ellipse, k: f32) -> f32 {
    let (rx, ry) = (e.rx * k, e.ry * k);
    let (mut n, mut hit) = (0usize, 0usize);
    let y0 = (e.cy - ry).max(0.0) as usize;
    let y1 = ((e.cy + ry) as usize).min(m.h.saturating_sub(1));
    let x0 = (e.cx - rx).max(0.0) as usize;
    let x1 = ((e.cx + rx) as usize).min(m.w.saturating_sub(1));
    for y in y0..=y1 {
        for x in x0..=x1 {
            let (dx, dy) = ((x as f32 - e.cx) / rx, (y as f32 - e.cy) / ry);
            if dx * dx + dy * dy <= 1.0 {
                n += 1;
                hit += usize::from(mask[y * m.w + x]);
            }
        }
    }
    if n == 0 { 0.0 } else { hit as f32 / n as f32 }
}

/// Whether the candidate is a seal: the ring, the band outside it, the ink inside, the colour.
fn verify(m: &Masks, e0: Ellipse) -> Option<(Ellipse, Seal)> {
    let is_red = coverage(m, &m.red, e0, -4, 4) >= 0.5;
    let mask = if is_red { &m.red } else { &m.ink };
    // Refine the centre and the radii where the ring is best covered.
    let mut best = (coverage(m, mask, e0, -3, 3), e0);
    for dy in [-4.0f32, -2.0, 0.0, 2.0, 4.0] {
        for dx in [-4.0f32, -2.0, 0.0, 2.0, 4.0] {
            for k in [0.9f32, 0.93, 0.96, 1.0, 1.03, 1.06, 1.1] {
                let e = Ellipse {
                    cx: e0.cx + dx,
                    cy: e0.cy + dy,
                    rx: e0.rx * k,
                    ry: e0.ry * k,
                };
                let c = coverage(m, mask, e, -3, 3);
                if c > best.0 + 1e-6 {
                    best = (c, e);
                }
            }
        }
    }
    let (ring, e) = best;
    if ring < 0.8 {
        return None;
    }
    // Just outside the ring, in the ring's own colour: a red seal over black text keeps a clear
    // red-free band; a paragraph of text (grey) has ink there too.
    let outside = coverage(m, mask, e, 8, 12);
    if outside > ring - 0.35 {
        return None;
    }
    // The ring's colour: the ink pixels on it.
    let mut reds = Vec::new();
    for k in 0..ANGLES {
        let a = k as f32 * std::f32::consts::TAU / ANGLES as f32;
        let (c, s) = (a.cos(), a.sin());
        for d in -3..=3 {
            let (x, y) = (e.cx + (e.rx + d as f32) * c, e.cy + (e.ry + d as f32) * s);
            if m.at(&m.ink, x, y) {
                reds.push(m.redness[y as usize * m.w + x as usize]);
            }
        }
    }
    if reds.is_empty() {
        return None;
    }
    let red_share = reds.iter().filter(|r| **r >= RED).count() as f32 / reds.len() as f32;
    reds.sort_unstable();
    let median = reds[reds.len() / 2];
    // Grey only when the ring has next to no red: a ring partly red (thin or faded red ink, a
    // red pen) is red ink, and judged as such.
    let colour = if red_share >= GREY_SHARE || median >= RED / 2 {
        SealColour::Red
    } else {
        SealColour::Grey
    };
    // Ink of the ring's colour inside it: some (the star, the name), not a filled disc.
    let inner_mask = if colour == SealColour::Red {
        &m.red
    } else {
        &m.ink
    };
    let inside = interior(m, inner_mask, e, 0.72);
    if !(0.01..=0.45).contains(&inside) {
        return None;
    }
    let seal = Seal {
        x_mm: e.cx / PX_PER_MM,
        y_mm: e.cy / PX_PER_MM,
        width_mm: (2.0 * e.rx + 4.0) / PX_PER_MM,
        height_mm: (2.0 * e.ry + 4.0) / PX_PER_MM,
        colour,
        ring,
        red_share,
        redness: median,
    };
    Some((e, seal))
}

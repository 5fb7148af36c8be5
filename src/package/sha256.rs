//! SHA-256 that can feed the same bytes to two digests in one pass (`update_both`): a Stored
//! material's own digest and the package's digest, which covers those bytes too.
//!
//! One SHA-256 stream on SHA-NI is bound by the latency of `sha256rnds2` (each pair of rounds
//! waits for the one before), not by how many the core can start: two independent streams
//! interleaved on one core run about 1.75 times as fast as the two one after the other (on the
//! benchmark's Zen 3 core: one stream 1.5 GB/s, two together 2.6 GB/s of hashing, that is 1.3 GB/s
//! of input fed to both). Without SHA-NI both digests are updated one after the other by `sha2`'s
//! own compression function.
//!
//! Everything else (padding, the partial last block, every single-stream update) is `sha2`'s
//! `compress256`; the digests are checked against `sha2::Sha256` in the tests below.

use sha2::block_api::compress256;

/// A SHA-256 in progress.
#[derive(Clone)]
pub struct Sha256 {
    state: [u32; 8],
    /// The start of a block not yet compressed: `buf[..buffered]`.
    buf: [u8; 64],
    buffered: usize,
    /// Bytes fed so far.
    len: u64,
}

const INITIAL: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

impl Default for Sha256 {
    fn default() -> Self {
        Self::new()
    }
}

impl Sha256 {
    pub fn new() -> Self {
        Sha256 {
            state: INITIAL,
            buf: [0; 64],
            buffered: 0,
            len: 0,
        }
    }

    pub fn update(&mut self, data: &[u8]) {
        let blocks = self.start(data);
        let (whole, rest) = blocks.as_chunks::<64>();
        compress256(&mut self.state, whole);
        self.keep(rest);
    }

    pub fn finalize(mut self) -> [u8; 32] {
        let bits = self.len.wrapping_mul(8);
        let mut tail = [0u8; 128];
        tail[..self.buffered].copy_from_slice(&self.buf[..self.buffered]);
        tail[self.buffered] = 0x80;
        let end = if self.buffered < 56 { 64 } else { 128 };
        tail[end - 8..end].copy_from_slice(&bits.to_be_bytes());
        let (blocks, _) = tail[..end].as_chunks::<64>();
        compress256(&mut self.state, blocks);
        let mut out = [0u8; 32];
        for (o, s) in out.chunks_exact_mut(4).zip(self.state) {
            o.copy_from_slice(&s.to_be_bytes());
        }
        out
    }

    /// Complete the buffered block from the front of `data` (compressing it once full) and
    /// return the rest of `data`, to be taken from a block boundary.
    fn start<'d>(&mut self, data: &'d [u8]) -> &'d [u8] {
        self.len += data.len() as u64;
        if self.buffered == 0 {
            return data;
        }
        let n = (64 - self.buffered).min(data.len());
        self.buf[self.buffered..self.buffered + n].copy_from_slice(&data[..n]);
        self.buffered += n;
        if self.buffered == 64 {
            compress256(&mut self.state, std::slice::from_ref(&self.buf));
            self.buffered = 0;
        }
        &data[n..]
    }

    /// Keep the bytes after the last whole block: fewer than 64, and none unless `start` left
    /// the buffer empty.
    fn keep(&mut self, rest: &[u8]) {
        self.buf[self.buffered..self.buffered + rest.len()].copy_from_slice(rest);
        self.buffered += rest.len();
    }
}

/// `a.update(data); b.update(data)`, in one pass over `data` where the CPU allows it.
pub fn update_both(a: &mut Sha256, b: &mut Sha256, data: &[u8]) {
    let (from_a, from_b) = (a.start(data), b.start(data));
    let (blocks_a, rest_a) = from_a.as_chunks::<64>();
    let (blocks_b, rest_b) = from_b.as_chunks::<64>();
    let n = compress_pair(&mut a.state, blocks_a, &mut b.state, blocks_b);
    compress256(&mut a.state, &blocks_a[n..]);
    compress256(&mut b.state, &blocks_b[n..]);
    a.keep(rest_a);
    b.keep(rest_b);
}

/// Compress the first blocks of `blocks_a` into `a` and of `blocks_b` into `b`, side by side, as
/// many of each as both have, where the CPU allows it; returns how many.
#[cfg(target_arch = "x86_64")]
fn compress_pair(
    a: &mut [u32; 8],
    blocks_a: &[[u8; 64]],
    b: &mut [u32; 8],
    blocks_b: &[[u8; 64]],
) -> usize {
    if !(std::arch::is_x86_feature_detected!("sha")
        && std::arch::is_x86_feature_detected!("sse4.1"))
    {
        return 0;
    }
    let n = blocks_a.len().min(blocks_b.len());
    // SAFETY: the CPU has the features `pair` is compiled for (checked just above).
    unsafe { shani::pair(a, &blocks_a[..n], b, &blocks_b[..n]) };
    n
}

#[cfg(not(target_arch = "x86_64"))]
fn compress_pair(_: &mut [u32; 8], _: &[[u8; 64]], _: &mut [u32; 8], _: &[[u8; 64]]) -> usize {
    0
}

/// Two SHA-256 compressions interleaved: `sha2`'s SHA-NI compression function (the same
/// instructions in the same order) written once per stream, block by block side by side.
#[cfg(target_arch = "x86_64")]
mod shani {
    use std::arch::x86_64::*;

    /// The round constants, four to a vector.
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];

    /// One stream: its state in the order the instructions want, and the message schedule.
    struct Lane {
        abef: __m128i,
        cdgh: __m128i,
        w: [__m128i; 4],
    }

    impl Lane {
        #[target_feature(enable = "sha,sse4.1")]
        fn load(state: &[u32; 8]) -> Lane {
            // SAFETY: `state` is 32 readable bytes; unaligned loads.
            let (dcba, hgfe) = unsafe {
                let p: *const __m128i = state.as_ptr().cast();
                (_mm_loadu_si128(p), _mm_loadu_si128(p.add(1)))
            };
            let cdab = _mm_shuffle_epi32(dcba, 0xB1);
            let efgh = _mm_shuffle_epi32(hgfe, 0x1B);
            Lane {
                abef: _mm_alignr_epi8(cdab, efgh, 8),
                cdgh: _mm_blend_epi16(efgh, cdab, 0xF0),
                w: [_mm_setzero_si128(); 4],
            }
        }

        #[target_feature(enable = "sha,sse4.1")]
        fn store(&self, state: &mut [u32; 8]) {
            let feba = _mm_shuffle_epi32(self.abef, 0x1B);
            let dchg = _mm_shuffle_epi32(self.cdgh, 0xB1);
            let dcba = _mm_blend_epi16(feba, dchg, 0xF0);
            let hgef = _mm_alignr_epi8(dchg, feba, 8);
            // SAFETY: `state` is 32 writable bytes; unaligned stores.
            unsafe {
                let p: *mut __m128i = state.as_mut_ptr().cast();
                _mm_storeu_si128(p, dcba);
                _mm_storeu_si128(p.add(1), hgef);
            }
        }

        /// The first 16 message words of `block`, big-endian.
        #[inline]
        #[target_feature(enable = "sha,sse4.1")]
        fn begin(&mut self, block: &[u8; 64]) {
            let mask = _mm_set_epi64x(0x0C0D_0E0F_0809_0A0B, 0x0405_0607_0001_0203);
            let p: *const __m128i = block.as_ptr().cast();
            for (i, w) in self.w.iter_mut().enumerate() {
                // SAFETY: `block` is 64 readable bytes; unaligned loads.
                *w = _mm_shuffle_epi8(unsafe { _mm_loadu_si128(p.add(i)) }, mask);
            }
        }

        /// Rounds 4r..4r+4; from r = 4 on, the next four message words are made first.
        #[inline]
        #[target_feature(enable = "sha,sse4.1")]
        fn rounds4(&mut self, r: usize) {
            let i = r % 4;
            if r >= 4 {
                let (w0, w1, w2, w3) = (
                    self.w[i],
                    self.w[(i + 1) % 4],
                    self.w[(i + 2) % 4],
                    self.w[(i + 3) % 4],
                );
                let t = _mm_add_epi32(_mm_sha256msg1_epu32(w0, w1), _mm_alignr_epi8(w3, w2, 4));
                self.w[i] = _mm_sha256msg2_epu32(t, w3);
            }
            // SAFETY: 4r + 4 <= 64: within `K`.
            let k = unsafe { _mm_loadu_si128(K.as_ptr().add(4 * r).cast()) };
            let t1 = _mm_add_epi32(self.w[i], k);
            self.cdgh = _mm_sha256rnds2_epu32(self.cdgh, self.abef, t1);
            let t2 = _mm_shuffle_epi32(t1, 0x0E);
            self.abef = _mm_sha256rnds2_epu32(self.abef, self.cdgh, t2);
        }
    }

    /// Compress `blocks_a` into `a` and `blocks_b` into `b` (as many blocks each).
    #[target_feature(enable = "sha,sse4.1")]
    pub fn pair(a: &mut [u32; 8], blocks_a: &[[u8; 64]], b: &mut [u32; 8], blocks_b: &[[u8; 64]]) {
        debug_assert_eq!(blocks_a.len(), blocks_b.len());
        let (mut x, mut y) = (Lane::load(a), Lane::load(b));
        for (ba, bb) in blocks_a.iter().zip(blocks_b) {
            let (xa, xc, ya, yc) = (x.abef, x.cdgh, y.abef, y.cdgh);
            x.begin(ba);
            y.begin(bb);
            // Written out, so that each round's message words stay in registers.
            macro_rules! rounds {
                ($($r:literal)*) => { $( x.rounds4($r); y.rounds4($r); )* };
            }
            rounds!(0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15);
            x.abef = _mm_add_epi32(x.abef, xa);
            x.cdgh = _mm_add_epi32(x.cdgh, xc);
            y.abef = _mm_add_epi32(y.abef, ya);
            y.cdgh = _mm_add_epi32(y.cdgh, yc);
        }
        x.store(a);
        y.store(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::Digest;

    fn reference(parts: &[&[u8]]) -> [u8; 32] {
        let mut h = sha2::Sha256::new();
        for p in parts {
            h.update(p);
        }
        h.finalize().into()
    }

    fn bytes(n: usize, seed: u32) -> Vec<u8> {
        let mut x = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect()
    }

    #[test]
    fn single_stream_matches_sha2_at_every_length_and_split() {
        let data = bytes(300, 1);
        for n in 0..data.len() {
            let whole = &data[..n];
            let mut h = Sha256::new();
            h.update(whole);
            assert_eq!(h.finalize(), reference(&[whole]), "length {n}");
            let cut = n / 3;
            let mut h = Sha256::new();
            h.update(&whole[..cut]);
            h.update(&whole[cut..]);
            assert_eq!(h.finalize(), reference(&[whole]), "length {n} cut at {cut}");
        }
    }

    #[test]
    fn both_streams_match_sha2_whatever_each_had_before() {
        let data = bytes(5000, 2);
        // Prefixes that leave the two streams at different places in their blocks, and pieces
        // of every size from empty to many blocks.
        for (pa, pb) in [
            (0, 0),
            (0, 7),
            (13, 0),
            (63, 1),
            (64, 64),
            (100, 30),
            (30, 100),
        ] {
            let (pre_a, pre_b) = (bytes(pa, 3), bytes(pb, 4));
            for len in [0, 1, 63, 64, 65, 127, 128, 129, 1000, 4999] {
                let piece = &data[..len];
                let (mut a, mut b) = (Sha256::new(), Sha256::new());
                a.update(&pre_a);
                b.update(&pre_b);
                update_both(&mut a, &mut b, piece);
                update_both(&mut a, &mut b, &data[len..]);
                assert_eq!(
                    a.finalize(),
                    reference(&[&pre_a, &data]),
                    "a: {pa} {pb} {len}"
                );
                assert_eq!(
                    b.finalize(),
                    reference(&[&pre_b, &data]),
                    "b: {pa} {pb} {len}"
                );
            }
        }
    }

    #[test]
    fn a_large_buffer_matches_sha2() {
        let data = bytes(1 << 20, 5);
        let (mut a, mut b) = (Sha256::new(), Sha256::new());
        b.update(&data[..30]);
        update_both(&mut a, &mut b, &data);
        assert_eq!(a.finalize(), reference(&[&data]));
        assert_eq!(b.finalize(), reference(&[&data[..30], &data]));
    }
}

//! Lower-case hexadecimal encoding of digests, and parsing a 32-byte digest back.

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

/// Parse 64 hex digits (either case) into 32 bytes.
pub fn parse_hex32(s: &str) -> Option<[u8; 32]> {
    let s = s.trim();
    if s.len() != 64 || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, chunk) in s.as_bytes().chunks(2).enumerate() {
        let txt = std::str::from_utf8(chunk).ok()?;
        out[i] = u8::from_str_radix(txt, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let d: [u8; 32] = core::array::from_fn(|i| (i * 37) as u8);
        let h = hex(&d);
        assert_eq!(h.len(), 64);
        assert_eq!(parse_hex32(&h), Some(d));
        assert_eq!(parse_hex32(&h.to_uppercase()), Some(d));
        assert_eq!(parse_hex32(&h[1..]), None);
        assert_eq!(hex(&[0x00, 0xff, 0x0a]), "00ff0a");
    }
}

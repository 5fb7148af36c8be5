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
    // Digit by digit: `u8::from_str_radix` would take a pair such as "+f".
    let digit = |c: u8| (c as char).to_digit(16);
    for (i, pair) in s.as_bytes().chunks(2).enumerate() {
        out[i] = (digit(pair[0])? * 16 + digit(pair[1])?) as u8;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_or_a_space_is_not_a_hex_digit() {
        let good = "0f".repeat(32);
        assert_eq!(parse_hex32(&good), Some([0x0f; 32]));
        assert_eq!(parse_hex32(&format!("+f{}", &good[2..])), None);
        assert_eq!(parse_hex32(&format!(" f{}", &good[2..])), None);
        assert_eq!(parse_hex32(&good[..62]), None);
    }

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

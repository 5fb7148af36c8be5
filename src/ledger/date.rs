//! `YYYY-MM-DD`, the only date format the ledger stores, written and read without the general
//! formatter (a million rows are formatted and parsed per import and per verify).

use chrono::{Datelike, NaiveDate};

/// The 10 bytes of `YYYY-MM-DD` (years 0–9999).
pub fn ymd_bytes(d: NaiveDate) -> [u8; 10] {
    let y = d.year().clamp(0, 9999) as u32;
    let (m, day) = (d.month(), d.day());
    let digit = |v: u32| b'0' + (v % 10) as u8;
    [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(day / 10),
        digit(day),
    ]
}

pub fn ymd(d: NaiveDate) -> String {
    // The bytes are ASCII digits and dashes.
    String::from_utf8_lossy(&ymd_bytes(d)).into_owned()
}

/// Parse exactly `YYYY-MM-DD`.
pub fn parse_ymd(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for s in ["2026-01-05", "1999-12-31", "0001-02-03"] {
            let d = parse_ymd(s).unwrap();
            assert_eq!(ymd(d), s);
            assert_eq!(d.format("%Y-%m-%d").to_string(), s);
        }
        for bad in ["2026-1-05", "2026-02-30", "20260105", "2026-0a-05", ""] {
            assert_eq!(parse_ymd(bad), None, "{bad}");
        }
    }
}

//! `DosTime`: a date and time in the MS-DOS format (two 16-bit words, 2-second resolution,
//! 1980..=2107), the timestamp of zip entries and of the files inside DOCX and XLSX containers.

use chrono::{Datelike, NaiveDateTime, Timelike};

/// A DOS date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DosTime {
    pub date: u16,
    pub time: u16,
}

impl DosTime {
    /// 1980-01-01 00:00:00, the reproducible-builds default.
    pub const EPOCH: DosTime = DosTime {
        date: (1 << 5) | 1,
        time: 0,
    };

    /// The latest representable moment, 2107-12-31 23:59:58.
    pub const MAX: DosTime = DosTime {
        date: (127 << 9) | (12 << 5) | 31,
        time: (23 << 11) | (59 << 5) | 29,
    };

    /// Clamped into the DOS range; seconds rounded down to even.
    pub fn from_datetime(dt: NaiveDateTime) -> DosTime {
        let y = dt.year();
        if y < 1980 {
            return DosTime::EPOCH;
        }
        if y > 2107 {
            return DosTime::MAX;
        }
        DosTime {
            date: (((y - 1980) as u16) << 9) | ((dt.month() as u16) << 5) | dt.day() as u16,
            time: ((dt.hour() as u16) << 11)
                | ((dt.minute() as u16) << 5)
                | (dt.second() as u16 / 2),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, s)
            .unwrap()
    }

    #[test]
    fn packs_fields() {
        let t = DosTime::from_datetime(at(2026, 11, 20, 13, 45, 31));
        assert_eq!(t.date >> 9, 46);
        assert_eq!((t.date >> 5) & 0xF, 11);
        assert_eq!(t.date & 0x1F, 20);
        assert_eq!(t.time >> 11, 13);
        assert_eq!((t.time >> 5) & 0x3F, 45);
        assert_eq!(t.time & 0x1F, 15);
    }

    #[test]
    fn clamps_to_the_dos_range() {
        assert_eq!(
            DosTime::from_datetime(at(1970, 1, 1, 0, 0, 0)),
            DosTime::EPOCH
        );
        assert_eq!(
            DosTime::from_datetime(at(2200, 6, 1, 0, 0, 0)),
            DosTime::MAX
        );
        assert_eq!(
            DosTime::from_datetime(at(1980, 1, 1, 0, 0, 0)),
            DosTime::EPOCH
        );
    }
}

//! Generated documents: the application scaffold of `new` (application.toml), the commitment letter (附件2-1, DOCX), the comparison table (附件2-2,
//! XLSX and CSV) and the materials checklist (材料清单, CSV).
//!
//! Documents are always Chinese and deterministic: the same application, catalogue, template and
//! date give the same bytes (the DOCX and XLSX containers are re-packed with fixed timestamps, see
//! `ooxml`). The date is passed in (`prepared_on`, else SOURCE_DATE_EPOCH, else today: the CLI
//! decides); nothing here reads the clock.

pub mod checklist;
pub mod drafts;
pub mod letter;
pub mod ooxml;
pub mod scaffold;
pub mod table;

use chrono::{Datelike, NaiveDate};

use crate::application::Application;
use crate::catalogue::Catalogue;

/// What every document is made from.
pub struct DocumentInput<'a> {
    pub id: &'a str,
    pub app: &'a Application,
    pub catalogue: &'a Catalogue,
    /// The market-regulation department the letter is addressed to (`authority` in ccc-exempt.toml).
    pub authority: Option<&'a str>,
    /// The date printed on the documents.
    pub date: NaiveDate,
}

/// 2026年11月20日
pub fn date_zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// 一 … 六 for condition numbers (免办条件（一）).
pub fn numeral_zh(n: usize) -> String {
    const D: [&str; 11] = [
        "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    match n {
        0..=10 => D[n].to_string(),
        11..=19 => format!("十{}", D[n - 10]),
        20..=99 => format!(
            "{}十{}",
            D[n / 10],
            if n.is_multiple_of(10) { "" } else { D[n % 10] }
        ),
        _ => n.to_string(),
    }
}

/// Columns a text takes in a fixed-width font: CJK and full-width characters count two.
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = c as u32;
            let wide = (0x1100..=0x115F).contains(&u)
                || (0x2E80..=0xA4CF).contains(&u)
                || (0xAC00..=0xD7A3).contains(&u)
                || (0xF900..=0xFAFF).contains(&u)
                || (0xFE30..=0xFE4F).contains(&u)
                || (0xFF00..=0xFF60).contains(&u)
                || (0xFFE0..=0xFFE6).contains(&u)
                || (0x20000..=0x3FFFD).contains(&u);
            if wide { 2 } else { 1 }
        })
        .sum()
}

/// CSV with a UTF-8 byte-order mark (so Excel shows Chinese), CRLF line ends, every field quoted
/// when needed.
pub fn csv_with_bom(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = vec![0xEF, 0xBB, 0xBF];
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        for r in rows {
            // Writing to a Vec cannot fail.
            let _ = w.write_record(r);
        }
        let _ = w.flush();
    }
    out
}

/// A value or a blank to fill in by hand.
pub fn or_blank(v: Option<&str>) -> String {
    match v.map(str::trim) {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => "________".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(numeral_zh(1), "一");
        assert_eq!(numeral_zh(12), "十二");
        assert_eq!(numeral_zh(20), "二十");
        assert_eq!(display_width("电锤 HX-26"), 10);
        assert_eq!(
            date_zh(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()),
            "2026年1月5日"
        );
        let csv = csv_with_bom(&[vec!["a,b".into(), "中".into()]]);
        assert_eq!(&csv[..3], &[0xEF, 0xBB, 0xBF]);
        assert_eq!(std::str::from_utf8(&csv[3..]).unwrap(), "\"a,b\",中\r\n");
    }
}

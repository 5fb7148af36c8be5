//! The market-regulation authority a commitment letter is addressed to, suggested from the
//! applicant's USCC: its characters 3–8 are the administrative division code of the registration
//! authority (GB/T 2260). `data/gb2260-divisions.csv` holds the provinces and prefectures (source
//! in `data/gb2260-divisions.md`); a county code (`320594`) is looked up at its prefecture
//! (`320500` 苏州市), a municipality or a county directly under a province at the province.

use std::collections::HashMap;
use std::sync::OnceLock;

const DIVISIONS: &str = include_str!("../../data/gb2260-divisions.csv");

fn divisions() -> &'static HashMap<&'static str, &'static str> {
    static D: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    D.get_or_init(|| {
        DIVISIONS
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once(','))
            .collect()
    })
}

/// The division of a USCC: the prefecture (or, for a municipality, the province) code and name.
pub fn division(uscc: &str) -> Option<(String, &'static str)> {
    let code: String = uscc.trim().chars().skip(2).take(6).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let d = divisions();
    let prefecture = format!("{}00", &code[..4]);
    let province = format!("{}0000", &code[..2]);
    // Municipalities (北京、天津、上海、重庆) have no prefecture rows: their districts answer to
    // the municipality.
    [prefecture, province]
        .into_iter()
        .find_map(|c| d.get(c.as_str()).map(|name| (c, *name)))
}

/// The authority suggested for an applicant with this USCC (`深圳市市场监督管理局` for
/// 9144030…), when its division code is known.
pub fn suggested(uscc: &str) -> Option<String> {
    division(uscc).map(|(_, name)| format!("{name}市场监督管理局"))
}

/// Whether a configured authority plausibly is the one of the division (its name contains the
/// division's name without the 市/省/自治区 suffix, e.g. 深圳 in 深圳市市场监督管理局).
pub fn matches(authority: &str, uscc: &str) -> Option<bool> {
    let (_, name) = division(uscc)?;
    // Two characters name every prefecture and province unambiguously enough for a warning
    // (深圳, 苏州, 北京, 昌吉).
    let stem: String = name.chars().take(2).collect();
    Some(authority.contains(&stem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_division_of_a_uscc() {
        // Shenzhen (440300), a Suzhou Industrial Park county code (320594), Beijing Haidian
        // (110108, a municipality), Dongguan (441900, no counties).
        assert_eq!(
            suggested("91440300MA5F0000X1").as_deref(),
            Some("深圳市市场监督管理局")
        );
        assert_eq!(
            suggested("91320594MA1MXXXX0A").as_deref(),
            Some("苏州市市场监督管理局")
        );
        assert_eq!(
            suggested("91110108551385082Q").as_deref(),
            Some("北京市市场监督管理局")
        );
        assert_eq!(
            suggested("91441900MA4W000000").as_deref(),
            Some("东莞市市场监督管理局")
        );
        assert_eq!(
            suggested("913101157178912345").as_deref(),
            Some("上海市市场监督管理局")
        );
        assert_eq!(suggested("91ABCDEF"), None);
        assert_eq!(suggested("9199990000000000X1"), None);
    }

    #[test]
    fn an_authority_of_another_place_does_not_match() {
        assert_eq!(
            matches("上海市市场监督管理局", "91440300MA5F0000X1"),
            Some(false)
        );
        assert_eq!(
            matches("深圳市市场监督管理局", "91440300MA5F0000X1"),
            Some(true)
        );
        assert_eq!(
            matches("苏州市市场监督管理局", "91320594MA1MXXXX0A"),
            Some(true)
        );
    }

    #[test]
    fn the_data_holds_every_province_and_known_prefectures() {
        let d = divisions();
        assert_eq!(d.keys().filter(|c| c.ends_with("0000")).count(), 34);
        for (code, name) in [
            ("110000", "北京市"),
            ("310000", "上海市"),
            ("320000", "江苏省"),
            ("320500", "苏州市"),
            ("440000", "广东省"),
            ("440100", "广州市"),
            ("440300", "深圳市"),
            ("330100", "杭州市"),
            ("510100", "成都市"),
            ("652300", "昌吉回族自治州"),
        ] {
            assert_eq!(d.get(code), Some(&name), "{code}");
        }
    }
}

//! The declared facts looked for in a page's text. Codes, models, numbers and names are compared
//! exactly after NFKC normalisation (full-width to half-width, spaces and case folded): a fuzzy
//! score puts a wrong model at 0.80 and a wrong company at 0.90, and OCR misreads rare characters
//! of names, so a name that is not found is "needs review" (M015), never "different".

use unicode_normalization::UnicodeNormalization;

use crate::application::uscc;

/// NFKC, without whitespace and the separators OCR and layouts scatter, ASCII upper case.
pub fn normalise(text: &str) -> String {
    text.nfkc()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200B}' | '\u{FEFF}'))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Whether `needle` appears in `text` (both normalised here). A number must not be part of a
/// longer number (3 is not found in 30).
pub fn appears(text: &str, needle: &str) -> bool {
    appears_normalised(&normalise(text), needle)
}

/// [`appears`] in a text already [`normalise`]d: normalise a page's text once, then look up
/// every fact in it.
pub fn appears_normalised(hay: &str, needle: &str) -> bool {
    let n = normalise(needle);
    if n.is_empty() {
        return false;
    }
    let digits = n.chars().all(|c| c.is_ascii_digit());
    let mut from = 0;
    while let Some(i) = hay[from..].find(&n) {
        let at = from + i;
        if !digits {
            return true;
        }
        let before = hay[..at].chars().next_back();
        let after = hay[at + n.len()..].chars().next();
        if !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
        {
            return true;
        }
        from = at + n.len();
    }
    false
}

/// Fold the letters OCR confuses with digits where the code has none of them (O→0, I→1, Z→2,
/// S→5: the USCC alphabet lacks all four).
fn fold(c: char) -> char {
    match c {
        'O' => '0',
        'I' => '1',
        'Z' => '2',
        'S' => '5',
        c => c,
    }
}

/// The unified social credit codes in `text`: every run of 18 code characters (after folding
/// the look-alikes), each with whether its GB 32100 check character is right.
pub fn usccs(text: &str) -> Vec<(String, bool)> {
    let chars: Vec<char> = normalise(text).chars().map(fold).collect();
    let mut out: Vec<(String, bool)> = Vec::new();
    let ok = |c: &char| c.is_ascii_digit() || c.is_ascii_uppercase();
    let mut i = 0;
    while i < chars.len() {
        if !ok(&chars[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && ok(&chars[j]) {
            j += 1;
        }
        // A run of exactly 18, or a valid 18 inside a longer run.
        let run = &chars[i..j];
        if run.len() >= 18 {
            let mut pushed = false;
            for s in 0..=run.len() - 18 {
                let cand: String = run[s..s + 18].iter().collect();
                if uscc::validate(&cand).is_ok() {
                    out.push((cand, true));
                    pushed = true;
                }
            }
            if !pushed && run.len() == 18 {
                out.push((run.iter().collect(), false));
            }
        }
        i = j;
    }
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_are_found_exactly_after_nfkc() {
        assert!(appears("型号：ＨＸ－２６ 数量 3 台", "HX-26"));
        assert!(appears("型号: hx-26", "HX-26"));
        assert!(!appears("型号: HX-28", "HX-26"));
        assert!(appears("数量 3 台", "3"));
        assert!(!appears("数量 30 台", "3"));
        assert!(appears(
            "上海某某 检测技术有限公司",
            "上海某某检测技术有限公司"
        ));
        assert!(!appears(
            "上海某伟检测技术有限公司",
            "上海某鑫检测技术有限公司"
        ));
    }

    #[test]
    fn a_uscc_is_read_with_its_look_alikes_folded() {
        let good = "91310115MA1H7K2L0D";
        assert!(uscc::validate(good).is_ok(), "the fixture code is valid");
        let found = usccs("统一社会信用代码 91310115MA1H7K2LOD 名称");
        assert_eq!(found, vec![(good.to_string(), true)]);
        let found = usccs("代码 91310115MA1H7K2L0E");
        assert_eq!(found, vec![("91310115MA1H7K2L0E".to_string(), false)]);
    }
}

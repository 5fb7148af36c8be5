//! The declared facts looked for in a page's text. Codes, models, numbers and names are compared
//! exactly after NFKC normalisation (full-width to half-width, spaces and case folded): a fuzzy
//! score puts a wrong model at 0.80 and a wrong company at 0.90, and OCR misreads rare characters
//! of names, so a name that is not found is "needs review" (M015), never "different".

use unicode_normalization::UnicodeNormalization;

use crate::application::uscc;

/// NFKC, without whitespace and the separators OCR and layouts scatter, ASCII upper case.
pub fn normalise(text: &str) -> String {
    let keep = |c: &char| !c.is_whitespace() && !matches!(c, '\u{200B}' | '\u{FEFF}');
    if text.is_ascii() {
        // NFKC leaves ASCII as it is (most models and numbers): skip the decomposition.
        return text
            .chars()
            .filter(keep)
            .map(|c| c.to_ascii_uppercase())
            .collect();
    }
    // Text already in NFKC (most Chinese text: ideographs are) is left as it is by NFKC.
    if unicode_normalization::is_nfkc_quick(text.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        return text
            .chars()
            .filter(keep)
            .map(|c| c.to_ascii_uppercase())
            .collect();
    }
    // Else NFKC piece by piece: the text is cut before each character that NFKC leaves as it is
    // and that never joins the character before it (ASCII, the common ideographs), so each piece
    // normalises alone to what it gives within the text; a piece of one such character is kept
    // as it is, and only the pieces around the others (full-width forms, combining marks) go
    // through NFKC. The same result as NFKC of the whole, several times faster on Chinese text.
    let mut out = String::with_capacity(text.len());
    let piece = |p: &str, out: &mut String| {
        let mut cs = p.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) if stable(c) => {
                if keep(&c) {
                    out.push(c.to_ascii_uppercase());
                }
            }
            _ => out.extend(p.nfkc().filter(keep).map(|c| c.to_ascii_uppercase())),
        }
    };
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if i > start && stable(c) {
            piece(&text[start..i], &mut out);
            start = i;
        }
    }
    piece(&text[start..], &mut out);
    out
}

/// A character NFKC maps to itself that is a starter no composition takes as its second part:
/// ASCII and the CJK Unified Ideographs of the basic block.
fn stable(c: char) -> bool {
    c.is_ascii() || ('\u{4E00}'..='\u{9FFF}').contains(&c)
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

/// Under this many needles, [`appear_normalised`] searches for each in turn.
const FEW_NEEDLES: usize = 32;

/// [`appears_normalised`] for many needles at once: whether each appears in `hay` (already
/// [`normalise`]d), by one pass of a multi-pattern automaton over the text rather than one
/// search per needle (2,000 models of a comparison table against its pages).
pub fn appear_normalised(hay: &str, needles: &[&str]) -> Vec<bool> {
    Needles::new(needles).appear_in(hay)
}

/// Needles prepared once (normalised, and their automaton built) for [`appear_normalised`] in
/// several texts: the same 2,000 models in the comparison table and in the import documents.
pub struct Needles<'n> {
    needles: &'n [&'n str],
    /// Over [`FEW_NEEDLES`]: the needles normalised, which are numbers, and the automaton of
    /// the non-empty ones (with their indexes).
    many: Option<Many>,
}

struct Many {
    digits: Vec<bool>,
    ids: Vec<usize>,
    ac: Option<aho_corasick::AhoCorasick>,
}

impl<'n> Needles<'n> {
    pub fn new(needles: &'n [&'n str]) -> Needles<'n> {
        // A few needles: one search each costs less than building the automaton.
        if needles.len() < FEW_NEEDLES {
            return Needles {
                needles,
                many: None,
            };
        }
        let patterns: Vec<String> = needles.iter().map(|n| normalise(n)).collect();
        // The empty needle appears nowhere; the automaton is given the others.
        let ids: Vec<usize> = (0..patterns.len())
            .filter(|&i| !patterns[i].is_empty())
            .collect();
        let digits: Vec<bool> = patterns
            .iter()
            .map(|n| n.chars().all(|c| c.is_ascii_digit()))
            .collect();
        let ac = (!ids.is_empty()).then(|| {
            aho_corasick::AhoCorasick::new(ids.iter().map(|&i| &patterns[i]))
                .expect("an automaton of literal strings")
        });
        Needles {
            needles,
            many: Some(Many { digits, ids, ac }),
        }
    }

    /// Whether each needle appears in `hay` (already [`normalise`]d).
    pub fn appear_in(&self, hay: &str) -> Vec<bool> {
        let Some(many) = &self.many else {
            return self
                .needles
                .iter()
                .map(|n| appears_normalised(hay, n))
                .collect();
        };
        let mut found = vec![false; self.needles.len()];
        let Some(ac) = &many.ac else {
            return found;
        };
        // Every occurrence (overlapping too) of every needle. A number beside a digit is part of
        // a longer number; two overlapping occurrences of a number each touch a digit of the
        // other, so looking at all of them answers as looking at each needle's leftmost ones in
        // turn.
        for m in ac.find_overlapping_iter(hay) {
            let i = many.ids[m.pattern().as_usize()];
            if found[i] {
                continue;
            }
            if !many.digits[i] {
                found[i] = true;
                continue;
            }
            let before = hay[..m.start()].chars().next_back();
            let after = hay[m.end()..].chars().next();
            if !before.is_some_and(|c| c.is_ascii_digit())
                && !after.is_some_and(|c| c.is_ascii_digit())
            {
                found[i] = true;
            }
        }
        found
    }
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
    usccs_normalised(&normalise(text))
}

/// [`usccs`] in a text already [`normalise`]d.
pub fn usccs_normalised(hay: &str) -> Vec<(String, bool)> {
    let chars: Vec<char> = hay.chars().map(fold).collect();
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
    fn ascii_is_normalised_as_nfkc_would() {
        let ascii: String = (0u8..128).map(char::from).collect();
        let slow: String = ascii
            .nfkc()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        assert_eq!(normalise(&ascii), slow);
        assert_eq!(normalise(" bx-1000\t"), "BX-1000");
        // Already NFKC (ideographs) and not (full-width forms, a compatibility ideograph).
        assert_eq!(normalise("苏州 恒拓"), "苏州恒拓");
        assert_eq!(normalise("ＨＸ－２６ 数量"), "HX-26数量");
        assert_eq!(normalise("\u{F900}"), "\u{8C48}");
    }

    #[test]
    fn many_needles_at_once_answer_as_one_at_a_time() {
        let hay = normalise("型号：ＨＸ－２６ 数量 3 台，编号 111-x 30 台 HX-2 HX-26A 7");
        let needles = [
            "HX-26", "hx-26", "HX-28", "3", "30", "0", "11", "111", "1", "", " ", "7", "HX-2",
            "26A", "台", "x", "HX-26",
        ];
        // Twice over, so that the automaton answers (over FEW_NEEDLES) as well as the loop.
        let twice: Vec<&str> = needles.iter().chain(needles.iter()).copied().collect();
        assert!(twice.len() >= FEW_NEEDLES);
        let automaton = appear_normalised(&hay, &twice);
        assert_eq!(automaton[..needles.len()], automaton[needles.len()..]);
        let many = automaton[..needles.len()].to_vec();
        assert_eq!(appear_normalised(&hay, &needles), many);
        let one: Vec<bool> = needles
            .iter()
            .map(|n| appears_normalised(&hay, n))
            .collect();
        assert_eq!(many, one);
        assert_eq!(
            many,
            [
                true, true, false, true, true, false, false, true, false, false, false, true, true,
                true, true, true, true
            ]
        );
        assert_eq!(appear_normalised(&hay, &[]), Vec::<bool>::new());
    }

    #[test]
    fn normalising_piece_by_piece_is_nfkc_of_the_whole() {
        // Every string of up to four characters over an alphabet of stable characters and of
        // characters NFKC changes or composes (combining marks after ASCII and after kana,
        // full-width forms, ligatures, circled digits, Hangul jamo, spaces).
        let alphabet = [
            "a", "e", "5", " ", "中", "国", "\u{301}", "\u{327}", "，", "Ａ", "ﬁ", "①", "か",
            "\u{3099}", "\u{1100}", "\u{1161}", "é", "\u{200B}",
        ];
        let whole = |t: &str| -> String {
            t.nfkc()
                .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200B}' | '\u{FEFF}'))
                .map(|c| c.to_ascii_uppercase())
                .collect()
        };
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |a| format!("{t}{a}")))
                .collect();
            for t in &longer {
                assert_eq!(normalise(t), whole(t), "{t:?}");
            }
            texts = longer;
        }
        let page = "苏州恒拓精密电器有限公司：型号 ＨＸ－２６Ｅ，数量 3 台（e\u{301}）";
        assert_eq!(normalise(page), whole(page));
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

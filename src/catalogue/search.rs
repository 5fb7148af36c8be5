//! Ranking catalogue items for what a person types: official names, English names, everyday search
//! terms, category names and codes.
//!
//! Text is normalised (NFKC, lower case) and cut into units: each Chinese character is a unit, each
//! run of Latin letters and digits is a word (plural `s` stripped). A query is compared with every
//! field of an item:
//!
//! - the **head**: the field is the tail of the query (`笔记本电脑充电器` ends with `充电器`,
//!   `laptop charger` with `charger`). Chinese and English noun compounds put the kind of thing
//!   last, so the longest such field decides first;
//! - the **coverage**: how much of the query an in-order alignment with the field explains
//!   (a weighted longest common subsequence: a missing, extra or mistyped character costs one
//!   unit, an English word may be a prefix or one edit away), and how much of the field it covers;
//! - an exact match and a contiguous one rank higher; official names weigh a little more than
//!   search terms, those more than English names.
//!
//! Search terms are advisory: they rank candidates and never decide scope. The index is built once
//! with the catalogue; a query costs one pass over the items with small per-field alignments (the
//! query is cut to [`MAX_QUERY_UNITS`] units), nothing that grows with the square of the table.

use unicode_normalization::UnicodeNormalization;

use super::Item;

/// A longer query is cut to this many units (bounds the cost of one alignment).
pub const MAX_QUERY_UNITS: usize = 64;

/// Which part of an item matched best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchField {
    Code,
    ItemNo,
    NameZh,
    NameEn,
    SearchTerm,
    Category,
}

/// What matched: the field and its text (the code, the term, the name).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Matched {
    pub field: MatchField,
    pub text: String,
}

/// One ranked item.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ItemHit<'a> {
    /// Relative: higher is better; comparable only within one query.
    pub score: u32,
    pub item: &'a Item,
    pub matched: Matched,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Unit {
    Han(char),
    Word(Box<str>),
}

#[derive(Debug, Clone)]
struct Field {
    kind: MatchField,
    text: String,
    units: Vec<Unit>,
}

/// The searchable form of every item, built once.
#[derive(Debug, Clone, Default)]
pub(super) struct Index {
    items: Vec<Vec<Field>>,
}

const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "by", "for", "in", "of", "on", "or", "the", "to", "with",
];

fn stem(word: &str) -> String {
    let n = word.len();
    if n <= 3 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return word.to_string();
    }
    if let Some(s) = word.strip_suffix("ies") {
        return format!("{s}y");
    }
    for suffix in ["sses", "ches", "shes", "xes"] {
        if word.ends_with(suffix) {
            return word[..n - 2].to_string();
        }
    }
    if word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        return word[..n - 1].to_string();
    }
    word.to_string()
}

/// NFKC, lower case, cut into units; English stop words dropped.
fn units(text: &str) -> Vec<Unit> {
    let norm: String = text.nfkc().flat_map(char::to_lowercase).collect();
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Unit>| {
        if !word.is_empty() {
            if !STOP_WORDS.contains(&word.as_str()) {
                out.push(Unit::Word(stem(word).into()));
            }
            word.clear();
        }
    };
    for c in norm.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            if c.is_alphanumeric() {
                out.push(Unit::Han(c));
            }
        }
    }
    flush(&mut word, &mut out);
    out
}

/// How well a query unit matches a field unit: 1 the same, 0.8 close (an English word typed as a
/// prefix of 3 letters or more, or one edit away in words of 5 letters or more, two in words of 8
/// or more), 0 not at all.
fn sim(q: &Unit, f: &Unit) -> f32 {
    match (q, f) {
        (Unit::Han(a), Unit::Han(b)) if a == b => 1.0,
        (Unit::Word(a), Unit::Word(b)) if a == b => 1.0,
        (Unit::Word(a), Unit::Word(b)) => {
            let alpha = a.bytes().all(|c| c.is_ascii_alphabetic());
            if !alpha {
                return 0.0;
            }
            if a.len() >= 3 && b.starts_with(&**a) {
                return 0.8;
            }
            let shorter = a.len().min(b.len());
            let allowed = if shorter >= 8 {
                2
            } else if shorter >= 5 {
                1
            } else {
                0
            };
            if allowed > 0
                && a.len().abs_diff(b.len()) <= allowed
                && strsim::damerau_levenshtein(a, b) <= allowed
            {
                0.8
            } else {
                0.0
            }
        }
        _ => 0.0,
    }
}

/// The weighted longest common subsequence of the query and a field, and the longest run of
/// units they share (a common substring).
fn aligned(q: &[Unit], f: &[Unit], rows: &mut (Vec<f32>, Vec<u16>)) -> (f32, u16) {
    // Rows of the two tables, rolled: O(|q|·|f|) time, O(|f|) space.
    let (row, run) = rows;
    row.clear();
    row.resize(f.len() + 1, 0.0);
    run.clear();
    run.resize(f.len() + 1, 0);
    let mut longest = 0u16;
    for qu in q {
        let mut diag = 0.0f32;
        let mut diag_run = 0u16;
        for (j, fu) in f.iter().enumerate() {
            let up = row[j + 1];
            let up_run = run[j + 1];
            let s = sim(qu, fu);
            let take = if s > 0.0 { diag + s } else { 0.0 };
            row[j + 1] = take.max(up).max(row[j]);
            run[j + 1] = if s > 0.0 { diag_run + 1 } else { 0 };
            longest = longest.max(run[j + 1]);
            diag = up;
            diag_run = up_run;
        }
    }
    (row[f.len()], longest)
}

fn contains(hay: &[Unit], needle: &[Unit]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

impl Index {
    pub(super) fn new(items: &[Item]) -> Index {
        fn add(fields: &mut Vec<Field>, kind: MatchField, text: &str) {
            let units = units(text);
            if !units.is_empty() {
                fields.push(Field {
                    kind,
                    text: text.to_string(),
                    units,
                });
            }
        }
        let items = items
            .iter()
            .map(|it| {
                let mut fields = Vec::new();
                add(&mut fields, MatchField::NameZh, &it.name_zh);
                for t in &it.search_terms {
                    add(&mut fields, MatchField::SearchTerm, t);
                    // An English term of several words is also typed as one (`hairdryer`).
                    let last = fields.last().filter(|f| f.text == *t && f.units.len() >= 2);
                    let joined: Option<String> = last.and_then(|f| {
                        f.units
                            .iter()
                            .map(|u| match u {
                                Unit::Word(w) => Some(&**w),
                                Unit::Han(_) => None,
                            })
                            .collect()
                    });
                    if let Some(word) = joined {
                        fields.push(Field {
                            kind: MatchField::SearchTerm,
                            text: t.clone(),
                            units: vec![Unit::Word(word.into())],
                        });
                    }
                }
                add(&mut fields, MatchField::NameEn, &it.name_en);
                add(&mut fields, MatchField::Category, &it.category_name_zh);
                if let Some(en) = super::category_name_en(&it.category_name_zh) {
                    add(&mut fields, MatchField::Category, en);
                }
                fields
            })
            .collect();
        Index { items }
    }

    /// Rank `items` (the same slice the index was built from) for `query`.
    pub(super) fn rank<'a>(&self, items: &'a [Item], query: &str) -> Vec<ItemHit<'a>> {
        let trimmed: String = query.nfkc().filter(|c| !c.is_whitespace()).collect();
        if trimmed.is_empty() {
            return Vec::new();
        }
        if trimmed.chars().all(|c| c.is_ascii_digit()) {
            return rank_number(items, &trimmed);
        }
        let mut q = units(query);
        q.truncate(MAX_QUERY_UNITS);
        if q.is_empty() {
            return Vec::new();
        }
        let n = q.len() as f32;
        let mut rows = (Vec::new(), Vec::new());
        let mut hits = Vec::new();
        for (item, fields) in items.iter().zip(&self.items) {
            // A 4-digit word of the query that is one of the item's codes.
            let code_word = q.iter().find_map(|u| match u {
                Unit::Word(w) if w.len() == 4 && item.codes.iter().any(|c| **c == **w) => {
                    Some(w.to_string())
                }
                _ => None,
            });
            let mut head = 0usize;
            let mut head_field: Option<&Field> = None;
            let mut best = 0.0f32;
            let mut best_field: Option<&Field> = None;
            let mut best_cov = 0.0f32;
            // The longest run of units the query shares with any field.
            let mut best_run = 0u16;
            for f in fields {
                if f.kind != MatchField::Category
                    && f.units.len() <= q.len()
                    && q[q.len() - f.units.len()..] == f.units[..]
                    && f.units.len() > head
                {
                    head = f.units.len();
                    head_field = Some(f);
                }
                let (m, run) = aligned(&q, &f.units, &mut rows);
                if m <= 0.0 {
                    continue;
                }
                if f.kind != MatchField::Category {
                    best_run = best_run.max(run);
                }
                let qcov = m / n;
                let fcov = m / f.units.len() as f32;
                let exact = q == f.units;
                let contiguous = contains(&f.units, &q) || contains(&q, &f.units);
                let weight = match f.kind {
                    MatchField::NameZh => 1.0,
                    MatchField::SearchTerm => 0.97,
                    MatchField::NameEn => 0.95,
                    // A category named in full lists its items; part of one counts little.
                    MatchField::Category if exact => 1.0,
                    _ => 0.9,
                };
                let s = weight
                    * (1000.0 * qcov
                        + 150.0 * fcov
                        + if exact { 100.0 } else { 0.0 }
                        + if contiguous { 50.0 } else { 0.0 });
                // Half the query, and two units in a row unless the query is one unit: scattered
                // characters (充电器 against 电热水器) are no match.
                if qcov >= 0.5 && (q.len() == 1 || run >= 2) {
                    best_cov = best_cov.max(qcov);
                }
                if s > best {
                    best = s;
                    best_field = Some(f);
                }
            }
            // The query explained by all fields together (order-free): `汽车轮胎` against
            // 机动车辆轮胎 + 轮胎.
            let union: f32 = q
                .iter()
                .map(|qu| {
                    fields
                        .iter()
                        .filter(|f| f.kind != MatchField::Category)
                        .flat_map(|f| f.units.iter())
                        .map(|fu| sim(qu, fu))
                        .fold(0.0f32, f32::max)
                })
                .sum();
            let union_cov = union / n;
            if union_cov >= 0.5 && (q.len() == 1 || (union >= 1.5 && best_run >= 2)) {
                best_cov = best_cov.max(union_cov);
                if 800.0 * union_cov > best {
                    best = 800.0 * union_cov;
                }
            }
            // The last word of an English query names the thing (`cell phone`): a field word
            // equal to it is enough to list the item.
            let head_word = matches!(q.last(), Some(Unit::Word(_)))
                && fields
                    .iter()
                    .filter(|f| f.kind != MatchField::Category)
                    .any(|f| f.units.contains(q.last().expect("not empty")));
            if head_word && best < 400.0 {
                best = 400.0;
            }
            let accepted = head > 0 || best_cov > 0.0 || head_word || code_word.is_some();
            if !accepted {
                continue;
            }
            let matched = if let Some(code) = &code_word {
                Matched {
                    field: MatchField::Code,
                    text: code.clone(),
                }
            } else {
                let f = head_field
                    .or(best_field)
                    .or_else(|| fields.iter().find(|f| f.kind != MatchField::Category))
                    .expect("an item has a name");
                Matched {
                    field: f.kind,
                    text: f.text.clone(),
                }
            };
            let score = if code_word.is_some() { 50_000 } else { 0 }
                + 2_000 * head.min(16) as u32
                + best.round() as u32;
            hits.push(ItemHit {
                score,
                item,
                matched,
            });
        }
        sort(&mut hits);
        hits
    }
}

/// A query of digits: a code (4 digits), or an item number and code prefixes (1–3 digits).
fn rank_number<'a>(items: &'a [Item], digits: &str) -> Vec<ItemHit<'a>> {
    let mut hits = Vec::new();
    if digits.len() > 4 {
        // An HS code or the like: the catalogue is not searched by HS code.
        return hits;
    }
    // An item number has no leading zero: `01` is the start of a code.
    let number: Option<u32> = (digits.len() <= 3 && !digits.starts_with('0'))
        .then(|| digits.parse().ok())
        .flatten();
    for item in items {
        if let Some(code) = item.codes.iter().find(|c| **c == *digits) {
            hits.push(ItemHit {
                score: 100_000,
                item,
                matched: Matched {
                    field: MatchField::Code,
                    text: code.clone(),
                },
            });
        } else if number.is_some() && item.item_no == number {
            hits.push(ItemHit {
                score: 90_000,
                item,
                matched: Matched {
                    field: MatchField::ItemNo,
                    text: digits.to_string(),
                },
            });
        } else if digits.len() < 4
            && let Some(code) = item.codes.iter().find(|c| c.starts_with(digits))
        {
            hits.push(ItemHit {
                score: 50_000,
                item,
                matched: Matched {
                    field: MatchField::Code,
                    text: code.clone(),
                },
            });
        }
    }
    sort(&mut hits);
    hits
}

fn sort(hits: &mut [ItemHit<'_>]) {
    hits.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(
                a.item
                    .item_no
                    .unwrap_or(u32::MAX)
                    .cmp(&b.item.item_no.unwrap_or(u32::MAX)),
            )
            .then(a.item.codes.cmp(&b.item.codes))
            .then(a.item.name_zh.cmp(&b.item.name_zh))
    });
}

/// Whether a removed code's names match the query (exactly, or one contains the other).
pub(super) fn removed_matches(query: &str, code: &str, name_zh: &str, name_en: &str) -> bool {
    let digits: String = query.nfkc().filter(|c| !c.is_whitespace()).collect();
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        return digits.len() <= 4 && code.starts_with(&digits);
    }
    let q = units(query);
    if q.is_empty() {
        return false;
    }
    let zh = units(name_zh);
    let en = units(name_en);
    let long_enough = q.len() >= 2 || matches!(q[0], Unit::Word(_));
    long_enough
        && [zh, en]
            .iter()
            .any(|f| !f.is_empty() && (contains(f, &q) || (f.len() >= 2 && contains(&q, f))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_and_stems() {
        assert_eq!(
            units("LED灯 Tyres"),
            vec![
                Unit::Word("led".into()),
                Unit::Han('灯'),
                Unit::Word("tyre".into())
            ]
        );
        assert_eq!(stem("batteries"), "battery");
        assert_eq!(stem("switches"), "switch");
        assert_eq!(stem("glass"), "glass");
        // Full-width letters and brackets are normalised away.
        assert_eq!(units("（ＰＶＣ）"), vec![Unit::Word("pvc".into())]);
    }

    #[test]
    fn alignment_tolerates_one_character() {
        let mut rows = (Vec::new(), Vec::new());
        let f = units("笔记本电脑");
        assert_eq!(aligned(&units("笔记本电"), &f, &mut rows), (4.0, 4));
        assert_eq!(aligned(&units("笔记本电电脑"), &f, &mut rows), (5.0, 4));
        assert_eq!(aligned(&units("笔计本电脑"), &f, &mut rows), (4.0, 3));
        assert_eq!(
            aligned(&units("充电器"), &units("电热水器"), &mut rows),
            (2.0, 1)
        );
        let (m, run) = aligned(&units("chargr"), &units("charger"), &mut rows);
        assert!((m - 0.8).abs() < 1e-6 && run == 1);
    }
}

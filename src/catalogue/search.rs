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
//! Search terms are advisory: they rank candidates and never decide scope.
//!
//! The index is built once with the catalogue: every distinct unit is numbered, every field is a
//! list of numbers. A query compares its words with the vocabulary once, then makes one pass over
//! the items: an item none of whose units could make it a result is skipped on a lookup in its
//! sorted unit set, the others get a small alignment per field (the query is cut to
//! [`MAX_QUERY_UNITS`] units). Nothing grows with the square of the table.

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

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Unit {
    Han(char),
    Word(Box<str>),
}

#[derive(Debug, Clone)]
struct Field {
    kind: MatchField,
    text: String,
    /// Ids in the vocabulary.
    units: Vec<u32>,
}

/// The searchable form of one item.
#[derive(Debug, Clone)]
struct ItemIndex {
    fields: Vec<Field>,
    /// Every unit of every field, sorted: an item none of whose units is near the query is skipped.
    all: Vec<u32>,
    /// The same without the category fields.
    own: Vec<u32>,
    /// The last unit of each of those fields (a field the query ends with ends there).
    lasts: Vec<u32>,
}

/// Every distinct unit of the catalogue, numbered.
#[derive(Debug, Clone, Default)]
struct Vocab {
    ids: std::collections::HashMap<Unit, u32>,
    /// The words (not the Chinese characters), for the near matches of a query word, each with the
    /// set of its letters.
    words: Vec<(u32, Box<str>, u32)>,
}

/// The set of letters of a word as bits: words within `k` edits differ in at most `2k` letters.
fn letters(w: &str) -> u32 {
    w.bytes()
        .filter(u8::is_ascii_lowercase)
        .fold(0, |m, b| m | 1 << (b - b'a'))
}

impl Vocab {
    fn intern(&mut self, u: &Unit) -> u32 {
        if let Some(id) = self.ids.get(u) {
            return *id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(u.clone(), id);
        if let Unit::Word(w) = u {
            self.words.push((id, w.clone(), letters(w)));
        }
        id
    }

    /// Each query unit with the vocabulary units it matches: once per query, not per field.
    fn query(&self, q: &[Unit]) -> Vec<QUnit> {
        q.iter()
            .map(|u| {
                let exact = self.ids.get(u).copied();
                let close = match u {
                    Unit::Han(_) => Vec::new(),
                    Unit::Word(q) => {
                        let mask = letters(q);
                        self.words
                            .iter()
                            .filter(|(id, w, m)| {
                                Some(*id) != exact
                                    // Two edits change at most four letters; a prefix adds only.
                                    && ((mask ^ m).count_ones() <= 4 || w.starts_with(&**q))
                            })
                            .filter_map(|(id, w, _)| {
                                let s = word_sim(q, w);
                                (s > 0.0).then_some((*id, s))
                            })
                            .collect()
                    }
                };
                QUnit { exact, close }
            })
            .collect()
    }
}

/// A query unit: the id of the same unit (if the catalogue has it) and of near ones.
#[derive(Debug)]
struct QUnit {
    exact: Option<u32>,
    close: Vec<(u32, f32)>,
}

impl QUnit {
    fn sim(&self, id: u32) -> f32 {
        if self.exact == Some(id) {
            return 1.0;
        }
        self.close
            .iter()
            .find(|(c, _)| *c == id)
            .map(|(_, s)| *s)
            .unwrap_or(0.0)
    }

    /// The best match among the sorted ids `set`.
    fn best_in(&self, set: &[u32]) -> f32 {
        let has = |id: u32| set.binary_search(&id).is_ok();
        if self.exact.is_some_and(has) {
            return 1.0;
        }
        self.close
            .iter()
            .filter(|(id, _)| has(*id))
            .map(|(_, s)| *s)
            .fold(0.0, f32::max)
    }
}

/// The searchable form of every item, built once.
#[derive(Debug, Clone, Default)]
pub(super) struct Index {
    vocab: Vocab,
    items: Vec<ItemIndex>,
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

/// How well a query word matches a catalogue word: 1 the same, 0.8 close (typed as a prefix of 3
/// letters or more, or one edit away in words of 5 letters or more, two in words of 8 or more), 0
/// not at all. Chinese characters match only themselves.
fn word_sim(a: &str, b: &str) -> f32 {
    if a == b {
        return 1.0;
    }
    if !a.bytes().all(|c| c.is_ascii_alphabetic()) {
        return 0.0;
    }
    if a.len() >= 3 && b.starts_with(a) {
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
    // Optimal string alignment: an edit is an insertion, a deletion, a substitution or a swap of
    // neighbours.
    if allowed > 0 && a.len().abs_diff(b.len()) <= allowed && strsim::osa_distance(a, b) <= allowed
    {
        0.8
    } else {
        0.0
    }
}

/// The weighted longest common subsequence of the query and a field, and the longest run of
/// units they share (a common substring).
fn aligned(q: &[QUnit], f: &[u32], rows: &mut (Vec<f32>, Vec<u16>)) -> (f32, u16) {
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
            let s = qu.sim(*fu);
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

/// Whether `needle` (query ids; None: a unit the catalogue lacks) occurs in `hay` as it is.
fn contains(hay: &[u32], needle: &[Option<u32>]) -> bool {
    !needle.is_empty()
        && hay
            .windows(needle.len())
            .any(|w| w.iter().zip(needle).all(|(a, b)| Some(*a) == *b))
}

/// Whether `needle` (field ids) occurs in the query as it is.
fn contained(q: &[Option<u32>], needle: &[u32]) -> bool {
    !needle.is_empty()
        && q.windows(needle.len())
            .any(|w| w.iter().zip(needle).all(|(a, b)| *a == Some(*b)))
}

impl Index {
    pub(super) fn new(items: &[Item]) -> Index {
        fn add(vocab: &mut Vocab, fields: &mut Vec<Field>, kind: MatchField, text: &str) {
            let units = units(text);
            if !units.is_empty() {
                fields.push(Field {
                    kind,
                    text: text.to_string(),
                    units: units.iter().map(|u| vocab.intern(u)).collect(),
                });
            }
            // An English term of several words is also typed as one (`hairdryer`, `ebike`).
            if kind == MatchField::SearchTerm && units.len() >= 2 {
                let joined: Option<String> = units
                    .iter()
                    .map(|u| match u {
                        Unit::Word(w) => Some(&**w),
                        Unit::Han(_) => None,
                    })
                    .collect();
                if let Some(word) = joined {
                    fields.push(Field {
                        kind,
                        text: text.to_string(),
                        units: vec![vocab.intern(&Unit::Word(word.into()))],
                    });
                }
            }
        }
        let mut vocab = Vocab::default();
        let items = items
            .iter()
            .map(|it| {
                let mut fields = Vec::new();
                let v = &mut vocab;
                add(v, &mut fields, MatchField::NameZh, &it.name_zh);
                for t in &it.search_terms {
                    add(v, &mut fields, MatchField::SearchTerm, t);
                }
                add(v, &mut fields, MatchField::NameEn, &it.name_en);
                add(v, &mut fields, MatchField::Category, &it.category_name_zh);
                if let Some(en) = super::category_name_en(&it.category_name_zh) {
                    add(v, &mut fields, MatchField::Category, en);
                }
                let set = |own: bool| {
                    let mut ids: Vec<u32> = fields
                        .iter()
                        .filter(|f| !own || f.kind != MatchField::Category)
                        .flat_map(|f| f.units.iter().copied())
                        .collect();
                    ids.sort_unstable();
                    ids.dedup();
                    ids
                };
                let (all, own) = (set(false), set(true));
                let mut lasts: Vec<u32> = fields
                    .iter()
                    .filter(|f| f.kind != MatchField::Category)
                    .filter_map(|f| f.units.last().copied())
                    .collect();
                lasts.sort_unstable();
                lasts.dedup();
                ItemIndex {
                    fields,
                    all,
                    own,
                    lasts,
                }
            })
            .collect();
        Index { vocab, items }
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
        let qu = self.vocab.query(&q);
        let q_ids: Vec<Option<u32>> = qu.iter().map(|u| u.exact).collect();
        let mut rows = (Vec::new(), Vec::new());
        let mut hits = Vec::new();
        for (item, index) in items.iter().zip(&self.items) {
            let fields = &index.fields;
            // A 4-digit word of the query that is one of the item's codes.
            let code_word = q.iter().find_map(|u| match u {
                Unit::Word(w) if w.len() == 4 && item.codes.iter().any(|c| **c == **w) => {
                    Some(w.to_string())
                }
                _ => None,
            });
            // Skip an item that cannot be accepted below: all its fields together explain less
            // than half the query, no field of it can be the query's tail, and (English) the last
            // word of the query is none of its words.
            let last = q_ids.last().copied().flatten();
            let in_set = |set: &[u32]| last.is_some_and(|id| set.binary_search(&id).is_ok());
            let last_word = matches!(q.last(), Some(Unit::Word(_))) && in_set(&index.own);
            if code_word.is_none()
                && !last_word
                && !in_set(&index.lasts)
                && qu.iter().map(|u| u.best_in(&index.all)).sum::<f32>() < 0.5 * n
            {
                continue;
            }
            let mut head = 0usize;
            let mut head_field: Option<&Field> = None;
            let mut best = 0.0f32;
            let mut best_field: Option<&Field> = None;
            let mut best_cov = 0.0f32;
            // The longest run of units the query shares with any field.
            let mut best_run = 0u16;
            for f in fields {
                if f.kind != MatchField::Category
                    && f.units.len() > head
                    && contained(
                        &q_ids[q_ids.len().saturating_sub(f.units.len())..],
                        &f.units,
                    )
                {
                    head = f.units.len();
                    head_field = Some(f);
                }
                let (m, run) = aligned(&qu, &f.units, &mut rows);
                if m <= 0.0 {
                    continue;
                }
                if f.kind != MatchField::Category {
                    best_run = best_run.max(run);
                }
                let qcov = m / n;
                let fcov = m / f.units.len() as f32;
                let exact = q_ids.len() == f.units.len() && contained(&q_ids, &f.units);
                let contiguous = contains(&f.units, &q_ids) || contained(&q_ids, &f.units);
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
            let union: f32 = qu.iter().map(|u| u.best_in(&index.own)).sum();
            let union_cov = union / n;
            if union_cov >= 0.5 && (q.len() == 1 || (union >= 1.5 && best_run >= 2)) {
                best_cov = best_cov.max(union_cov);
                if 800.0 * union_cov > best {
                    best = 800.0 * union_cov;
                }
            }
            // The last word of an English query names the thing (`cell phone`): a field word
            // equal to it is enough to list the item.
            let head_word = last_word;
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

fn has_run(hay: &[Unit], needle: &[Unit]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
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
            .any(|f| !f.is_empty() && (has_run(f, &q) || (f.len() >= 2 && has_run(&q, f))))
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
        let align = |q: &str, f: &str| {
            let mut vocab = Vocab::default();
            let f: Vec<u32> = units(f).iter().map(|u| vocab.intern(u)).collect();
            let q = vocab.query(&units(q));
            aligned(&q, &f, &mut (Vec::new(), Vec::new()))
        };
        assert_eq!(align("笔记本电", "笔记本电脑"), (4.0, 4));
        assert_eq!(align("笔记本电电脑", "笔记本电脑"), (5.0, 4));
        assert_eq!(align("笔计本电脑", "笔记本电脑"), (4.0, 3));
        assert_eq!(align("充电器", "电热水器"), (2.0, 1));
        let (m, run) = align("chargr", "charger");
        assert!((m - 0.8).abs() < 1e-6 && run == 1);
        assert_eq!(align("lap", "laptop").0, 0.8);
        assert_eq!(align("la", "laptop").0, 0.0);
        assert_eq!(
            align("tyer", "tyre").0,
            0.0,
            "four letters: no edit allowed"
        );
    }
}

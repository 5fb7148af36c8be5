//! The CCC catalogue: embedded data (or an official replacement file), lookup by code, and search.
//!
//! The bundled file holds what could be verified of the 2023 catalogue; each row has a status
//! (VERIFIED_2023, RECONSTRUCTED, UNVERIFIED). Codes removed by the 2018 and 2022 announcements are
//! kept apart: a product under one is outside CCC. Nothing here concludes "not in the catalogue"
//! from a name or an HS code: search only ranks candidates.

use std::path::Path;
use std::sync::OnceLock;

use serde::Serialize;

use crate::error::{Error, Result};

const BUNDLED: &str = include_str!("../../data/ccc-catalogue-2023.csv");
const REMOVED: &str = include_str!("../../data/ccc-removed-codes.csv");

/// The number of product types (items) in the 2023 catalogue.
pub const TOTAL_ITEMS: usize = 96;

pub const COLUMNS: &[&str] = &[
    "item_no",
    "category_no_zh",
    "category_name_zh",
    "product_code",
    "product_name_zh",
    "product_name_en",
    "self_declaration",
    "status",
    "note",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Status {
    #[serde(rename = "VERIFIED_2023")]
    Verified,
    #[serde(rename = "RECONSTRUCTED")]
    Reconstructed,
    #[serde(rename = "UNVERIFIED")]
    Unverified,
    /// A row of an official replacement file.
    #[serde(rename = "OFFICIAL")]
    Official,
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Verified => "VERIFIED_2023",
            Status::Reconstructed => "RECONSTRUCTED",
            Status::Unverified => "UNVERIFIED",
            Status::Official => "OFFICIAL",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// The item (product type) number in the 2023 table; unknown for some reconstructed rows.
    pub item_no: Option<u32>,
    pub category_no_zh: String,
    pub category_name_zh: String,
    /// 4 digits; empty for UNVERIFIED rows.
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    /// "*" (A), "**" (B) or "" (third-party certification).
    pub self_declaration: String,
    pub status: Status,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Removed {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub removed_by: String,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Catalogue {
    pub entries: Vec<Entry>,
    pub removed: Vec<Removed>,
    /// "bundled" or the path of the official file.
    pub source: String,
    /// Code → index in `entries` (codes are unique: validated on load).
    #[serde(skip)]
    index: std::collections::HashMap<String, usize>,
}

/// What the catalogue says of a code.
#[derive(Debug, Clone)]
pub enum Lookup<'a> {
    InScope(&'a Entry),
    Removed(&'a Removed),
    Unknown,
}

#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub items_with_code: usize,
    pub total_items: usize,
    pub codes: usize,
    pub source: String,
}

impl Coverage {
    pub fn describe(&self, lang: crate::Lang) -> String {
        match lang {
            crate::Lang::Zh => format!(
                "目录数据（{}）覆盖 {} / {} 个产品种类（共 {} 个代码）",
                self.source, self.items_with_code, self.total_items, self.codes
            ),
            crate::Lang::En => format!(
                "catalogue data ({}) covers {} of {} product types ({} codes)",
                self.source, self.items_with_code, self.total_items, self.codes
            ),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit<'a> {
    pub score: u32,
    pub entry: &'a Entry,
}

impl Catalogue {
    /// The bundled catalogue (parsed once).
    pub fn bundled() -> &'static Catalogue {
        static CAT: OnceLock<Catalogue> = OnceLock::new();
        CAT.get_or_init(|| {
            let entries = parse_entries(Path::new("data/ccc-catalogue-2023.csv"), BUNDLED, false)
                .expect("the bundled catalogue is valid (tested)");
            Catalogue::new(
                entries,
                parse_removed(REMOVED).expect("the bundled removed-codes file is valid (tested)"),
                "bundled 2023".into(),
            )
        })
    }

    /// An official catalogue file with the same columns; every row is validated.
    pub fn load_file(path: &Path) -> Result<Catalogue> {
        let text = crate::util::text::read_text(path)?;
        let entries = parse_entries(path, &text, true)?;
        Ok(Catalogue::new(
            entries,
            Catalogue::bundled().removed.clone(),
            path.display().to_string(),
        ))
    }

    fn new(entries: Vec<Entry>, removed: Vec<Removed>, source: String) -> Catalogue {
        let index = entries
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.code.is_empty())
            .map(|(i, e)| (e.code.clone(), i))
            .collect();
        Catalogue {
            entries,
            removed,
            source,
            index,
        }
    }

    pub fn lookup(&self, code: &str) -> Lookup<'_> {
        let code = code.trim();
        if code.is_empty() {
            return Lookup::Unknown;
        }
        if let Some(i) = self.index.get(code) {
            return Lookup::InScope(&self.entries[*i]);
        }
        if let Some(r) = self.removed.iter().find(|r| r.code == code) {
            return Lookup::Removed(r);
        }
        Lookup::Unknown
    }

    pub fn coverage(&self) -> Coverage {
        // An item is its number, or its name where the number is not known.
        let mut items: Vec<String> = self
            .entries
            .iter()
            .filter(|e| !e.code.is_empty())
            .map(|e| {
                e.item_no
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| e.name_zh.clone())
            })
            .collect();
        items.sort();
        items.dedup();
        Coverage {
            items_with_code: items.len(),
            total_items: TOTAL_ITEMS,
            codes: self.entries.iter().filter(|e| !e.code.is_empty()).count(),
            source: self.source.clone(),
        }
    }

    /// Rank entries by how well they match `text` (Chinese or English words, or a code).
    pub fn search(&self, text: &str) -> Vec<Hit<'_>> {
        let q = text.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let words: Vec<&str> = q.split_whitespace().collect();
        let mut hits: Vec<Hit<'_>> = self
            .entries
            .iter()
            .filter_map(|e| {
                let score = score(e, &q, &words);
                (score > 0).then_some(Hit { score, entry: e })
            })
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then(
                    a.entry
                        .item_no
                        .unwrap_or(u32::MAX)
                        .cmp(&b.entry.item_no.unwrap_or(u32::MAX)),
                )
                .then(a.entry.code.cmp(&b.entry.code))
        });
        hits
    }
}

fn score(e: &Entry, q: &str, words: &[&str]) -> u32 {
    let zh = e.name_zh.to_lowercase();
    let en = e.name_en.to_lowercase();
    let cat = e.category_name_zh.to_lowercase();
    let mut s = 0;
    if !e.code.is_empty() {
        if e.code == q {
            s += 1000;
        } else if q.chars().all(|c| c.is_ascii_digit()) && e.code.starts_with(q) {
            s += 300;
        }
    }
    if zh == q || en == q {
        s += 500;
    }
    if zh.contains(q) {
        s += 200 + (100 * q.chars().count() / zh.chars().count().max(1)) as u32;
    } else if q.chars().count() >= 2 && !q.is_ascii() {
        // Chinese: count shared characters (bigram-free, robust to word order).
        let shared = q
            .chars()
            .filter(|c| !c.is_ascii() && zh.contains(*c))
            .count();
        let total = q.chars().filter(|c| !c.is_ascii()).count().max(1);
        // At least two thirds of the characters, and two of them unless the query is one
        // character: "电锤" must not list everything with 电 in it.
        if shared * 3 >= total * 2 && (shared >= 2 || total == 1) {
            s += (100 * shared / total) as u32;
        }
    }
    // A category name ("电动工具") lists its product types above loose character matches.
    if cat.contains(q) {
        s += 150;
    }
    for w in words {
        if w.len() >= 3 && w.is_ascii() {
            if en.split(|c: char| !c.is_alphanumeric()).any(|t| t == *w) {
                s += 120;
            } else if en.contains(w) {
                s += 60;
            }
        }
    }
    s
}

fn parse_entries(path: &Path, text: &str, official: bool) -> Result<Vec<Entry>> {
    let bad = |line: u64, msg: String| Error::Parse {
        path: path.to_path_buf(),
        line: line as usize,
        column: 1,
        message: msg,
    };
    let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| bad(1, format!("cannot read the header row: {e}")))?
        .clone();
    let cols: Vec<&str> = headers.iter().map(str::trim).collect();
    if cols != COLUMNS {
        return Err(bad(
            1,
            format!(
                "the header row must be exactly `{}` (found `{}`)",
                COLUMNS.join(","),
                cols.join(",")
            ),
        ));
    }
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            bad(line, format!("malformed CSV row: {e}"))
        })?;
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        let f = |i: usize| rec.get(i).unwrap_or("").trim().to_string();
        let item_no: Option<u32> = if f(0).is_empty() {
            None
        } else {
            let n: u32 = f(0)
                .parse()
                .map_err(|_| bad(line, format!("item_no {:?} is not a number", f(0))))?;
            if !(1..=TOTAL_ITEMS as u32).contains(&n) {
                return Err(bad(
                    line,
                    format!("item_no {n} is out of range 1-{TOTAL_ITEMS}"),
                ));
            }
            Some(n)
        };
        let code = f(3);
        let status = match f(7).as_str() {
            "VERIFIED_2023" => Status::Verified,
            "RECONSTRUCTED" => Status::Reconstructed,
            "UNVERIFIED" => Status::Unverified,
            "" | "OFFICIAL" if official => Status::Official,
            other => {
                return Err(bad(
                    line,
                    format!(
                        "status {other:?} must be VERIFIED_2023, RECONSTRUCTED, UNVERIFIED or OFFICIAL"
                    ),
                ));
            }
        };
        if status == Status::Unverified {
            if !code.is_empty() {
                return Err(bad(
                    line,
                    "an UNVERIFIED row carries no product_code".into(),
                ));
            }
        } else if code.len() != 4 || !code.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad(line, format!("product_code {code:?} must be 4 digits")));
        } else if !seen.insert(code.clone()) {
            return Err(bad(line, format!("product_code {code} appears twice")));
        }
        if f(4).is_empty() {
            return Err(bad(line, "product_name_zh is empty".into()));
        }
        let sd = f(6);
        if !matches!(sd.as_str(), "" | "*" | "**") {
            return Err(bad(
                line,
                format!("self_declaration {sd:?} must be empty, * or **"),
            ));
        }
        out.push(Entry {
            item_no,
            category_no_zh: f(1),
            category_name_zh: f(2),
            code,
            name_zh: f(4),
            name_en: f(5),
            self_declaration: sd,
            status,
            note: f(8),
        });
    }
    if out.is_empty() {
        return Err(bad(1, "the catalogue file has no rows".into()));
    }
    Ok(out)
}

fn parse_removed(text: &str) -> Result<Vec<Removed>> {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| Error::Input(format!("removed codes: {e}")))?;
        let f = |i: usize| rec.get(i).unwrap_or("").trim().to_string();
        out.push(Removed {
            code: f(0),
            name_zh: f(1),
            name_en: f(2),
            removed_by: f(3),
            notes: f(4),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_parses_and_states_coverage() {
        let c = Catalogue::bundled();
        let cov = c.coverage();
        assert_eq!(cov.total_items, 96);
        assert_eq!(
            cov.items_with_code, 45,
            "the data README says 45 of 96 items have codes"
        );
        assert!(!c.removed.is_empty());
    }

    #[test]
    fn lookup_in_scope_removed_unknown() {
        let c = Catalogue::bundled();
        assert!(matches!(c.lookup("0201"), Lookup::InScope(e) if e.name_zh == "插头插座"));
        assert!(matches!(c.lookup("0507"), Lookup::Removed(_)));
        assert!(matches!(c.lookup("9999"), Lookup::Unknown));
        assert!(matches!(c.lookup(""), Lookup::Unknown));
    }

    #[test]
    fn search_ranks_code_and_names() {
        let c = Catalogue::bundled();
        assert_eq!(c.search("0201")[0].entry.code, "0201");
        assert_eq!(c.search("插头插座")[0].entry.code, "0201");
        assert_eq!(c.search("plugs")[0].entry.code, "0201");
        assert!(c.search("zzzz-nothing").is_empty());
    }

    #[test]
    fn official_file_rows_are_validated() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("cat.csv");
        std::fs::write(
            &p,
            format!(
                "{}\n1,一,电线电缆,01X1,电线组件,Wire,,OFFICIAL,\n",
                COLUMNS.join(",")
            ),
        )
        .unwrap();
        let e = Catalogue::load_file(&p).unwrap_err().to_string();
        assert!(e.contains(":2:1:") && e.contains("4 digits"), "{e}");
        std::fs::write(&p, "a,b\n1,2\n").unwrap();
        assert!(
            Catalogue::load_file(&p)
                .unwrap_err()
                .to_string()
                .contains("header row")
        );
        std::fs::write(
            &p,
            format!(
                "{}\n1,一,电线电缆,0101,电线组件,Wire,,OFFICIAL,\n",
                COLUMNS.join(",")
            ),
        )
        .unwrap();
        assert_eq!(Catalogue::load_file(&p).unwrap().entries.len(), 1);
    }
}

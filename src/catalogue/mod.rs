//! The CCC catalogue: embedded data (or an official replacement file), lookup by code or item, and
//! search.
//!
//! The bundled file is the whole of 附件1 of SAMR announcement 2023 No. 36: 96 product types
//! (items), 108 codes, one row per code. A replacement file (CSV or a spreadsheet, same columns)
//! may carry other row statuses (RECONSTRUCTED, UNVERIFIED). Codes removed by the 2018 and 2022
//! announcements are kept apart: a product under one is outside CCC. Nothing here concludes "not in
//! the catalogue" from a name or an HS code, and nothing picks one code of an item with several
//! (the 描述与界定表 decides): search only ranks candidates.

mod search;
mod table;

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use serde::Serialize;

use crate::error::{Error, Result};

pub use search::{ItemHit, MAX_QUERY_UNITS, MatchField, Matched};

const BUNDLED: &str = include_str!("../../data/ccc-catalogue-2023.csv");
const REMOVED: &str = include_str!("../../data/ccc-removed-codes.csv");

/// The number of product types (items) in the 2023 catalogue.
pub const TOTAL_ITEMS: usize = 96;

/// The columns every catalogue table has (in any order).
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

/// Columns a replacement file may lack.
pub const OPTIONAL_COLUMNS: &[&str] = &["search_terms"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Status {
    #[serde(rename = "VERIFIED_2023")]
    Verified,
    /// A row of an official replacement file.
    #[serde(rename = "OFFICIAL")]
    Official,
    #[serde(rename = "RECONSTRUCTED")]
    Reconstructed,
    #[serde(rename = "UNVERIFIED")]
    Unverified,
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

    /// What the status means for the user.
    pub fn describe(&self, lang: crate::Lang) -> &'static str {
        match self {
            Status::Verified => {
                lang.pick("已对照2023年目录核对", "checked against the 2023 catalogue")
            }
            Status::Official => lang.pick("官方目录文件", "official catalogue file"),
            Status::Reconstructed => lang.pick(
                "推定数据：请对照官方目录确认代码",
                "reconstructed: confirm the code against the official table",
            ),
            Status::Unverified => lang.pick(
                "未核实：无代码，仅供搜索",
                "unverified: no code, for search only",
            ),
        }
    }
}

/// The conformity-assessment procedure an item's marker stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Procedure {
    /// No marker: third-party certification.
    Certification,
    /// `*`: self-declaration procedure A (自选实验室型式试验+自我声明).
    SelfDeclarationA,
    /// `**`: self-declaration procedure B (指定实验室型式试验+自我声明).
    SelfDeclarationB,
}

impl Procedure {
    pub fn from_marker(marker: &str) -> Procedure {
        match marker {
            "*" => Procedure::SelfDeclarationA,
            "**" => Procedure::SelfDeclarationB,
            _ => Procedure::Certification,
        }
    }

    pub fn marker(self) -> &'static str {
        match self {
            Procedure::Certification => "",
            Procedure::SelfDeclarationA => "*",
            Procedure::SelfDeclarationB => "**",
        }
    }

    /// A short label for a table cell.
    pub fn short(self, lang: crate::Lang) -> &'static str {
        match self {
            Procedure::Certification => lang.pick("第三方认证", "certification"),
            Procedure::SelfDeclarationA => lang.pick("* 自我声明A", "* self-decl. A"),
            Procedure::SelfDeclarationB => lang.pick("** 自我声明B", "** self-decl. B"),
        }
    }

    /// The full meaning, as the catalogue's note states it.
    pub fn describe(self, lang: crate::Lang) -> &'static str {
        match self {
            Procedure::Certification => lang.pick(
                "无标记：第三方认证（强制性产品认证）",
                "no marker: third-party certification (CCC certification)",
            ),
            Procedure::SelfDeclarationA => lang.pick(
                "*：适用自我声明程序A（自选实验室型式试验+自我声明）",
                "*: self-declaration procedure A (type test by a laboratory of one's choice + self-declaration)",
            ),
            Procedure::SelfDeclarationB => lang.pick(
                "**：适用自我声明程序B（指定实验室型式试验+自我声明）",
                "**: self-declaration procedure B (type test by a designated laboratory + self-declaration)",
            ),
        }
    }
}

/// One row of the catalogue table: one code of an item.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// The item (product type) number in the 2023 table; a replacement file may leave it empty.
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
    /// The source of the row.
    pub note: String,
    /// Everyday words that rank search results (advisory: they never decide scope).
    pub search_terms: Vec<String>,
    /// The line (or spreadsheet row) of the row in its file.
    #[serde(skip)]
    pub line: usize,
}

/// One product type of the catalogue with all its codes.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub item_no: Option<u32>,
    pub category_no_zh: String,
    pub category_name_zh: String,
    pub name_zh: String,
    pub name_en: String,
    /// Every code of the item, in the order of the table. Several codes: the 描述与界定表 decides
    /// which one applies to a product; this tool never picks one.
    pub codes: Vec<String>,
    /// "*", "**" or "".
    pub self_declaration: String,
    /// The least certain status of the item's rows.
    pub status: Status,
    pub note: String,
    pub search_terms: Vec<String>,
    /// Indexes of the item's rows in `Catalogue::entries`.
    #[serde(skip)]
    pub entries: Vec<usize>,
}

impl Item {
    pub fn procedure(&self) -> Procedure {
        Procedure::from_marker(&self.self_declaration)
    }

    /// The category number as a number (一 → 1 … 十六 → 16).
    pub fn category_no(&self) -> Option<u32> {
        category_number(&self.category_no_zh)
    }

    /// An English rendering of the category name (not official), when known.
    pub fn category_name_en(&self) -> Option<&'static str> {
        category_name_en(&self.category_name_zh)
    }
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
    pub items: Vec<Item>,
    pub removed: Vec<Removed>,
    /// "bundled 2023" or the path of the official file.
    pub source: String,
    /// Code → index in `entries` (codes are unique: validated on load).
    #[serde(skip)]
    index: HashMap<String, usize>,
    /// Code → index in `items`.
    #[serde(skip)]
    item_of_code: HashMap<String, usize>,
    /// Made at the first search (a check only looks codes up).
    #[serde(skip)]
    search: OnceLock<search::Index>,
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
    pub source: String,
    /// Items (product types) with at least one code.
    pub items_with_code: usize,
    pub total_items: usize,
    pub codes: usize,
}

impl Coverage {
    pub fn describe(&self, lang: crate::Lang) -> String {
        let bundled = self.source == BUNDLED_SOURCE;
        match lang {
            crate::Lang::Zh => format!(
                "{}：{} / {} 个产品种类，{} 个代码",
                if bundled {
                    "内置2023年目录（市场监管总局公告2023年第36号）".to_string()
                } else {
                    format!("目录文件 {}", self.source)
                },
                self.items_with_code,
                self.total_items,
                self.codes
            ),
            crate::Lang::En => format!(
                "{}: {} of {} product types, {} code{}",
                if bundled {
                    "the bundled 2023 catalogue (SAMR announcement 2023 No. 36)".to_string()
                } else {
                    format!("the catalogue file {}", self.source)
                },
                self.items_with_code,
                self.total_items,
                self.codes,
                if self.codes == 1 { "" } else { "s" }
            ),
        }
    }
}

const BUNDLED_SOURCE: &str = "bundled 2023";

impl Catalogue {
    /// The bundled catalogue (parsed once).
    pub fn bundled() -> &'static Catalogue {
        static CAT: OnceLock<Catalogue> = OnceLock::new();
        CAT.get_or_init(|| {
            let entries =
                table::parse_csv(Path::new("data/ccc-catalogue-2023.csv"), BUNDLED, false)
                    .expect("the bundled catalogue is valid (tested)");
            Catalogue::new(
                entries,
                parse_removed(REMOVED).expect("the bundled removed-codes file is valid (tested)"),
                BUNDLED_SOURCE.into(),
            )
        })
    }

    /// An official catalogue file with the same columns (`search_terms` optional): a CSV (UTF-8)
    /// or a spreadsheet (XLSX; its first sheet). Every row is validated; every problem is reported
    /// with its line and column (CSV) or sheet, row and column (spreadsheet).
    pub fn load_file(path: &Path) -> Result<Catalogue> {
        let meta = std::fs::metadata(path).map_err(|e| Error::input_io(path, e))?;
        if !meta.is_file() {
            return Err(Error::Input(format!(
                "{}: the catalogue must be a regular file (a CSV or an XLSX)",
                path.display()
            )));
        }
        let bytes = std::fs::read(path).map_err(|e| Error::input_io(path, e))?;
        let entries = if table::is_spreadsheet(path, &bytes) {
            table::parse_spreadsheet(path, bytes, true)?
        } else {
            let text = crate::util::text::decode_text(path, bytes)?;
            table::parse_csv(path, &text, true)?
        };
        Ok(Catalogue::new(
            entries,
            Catalogue::bundled().removed.clone(),
            path.display().to_string(),
        ))
    }

    /// Parse catalogue CSV text (as `load_file` does for a CSV), naming `path` in errors.
    pub fn from_csv_text(path: &Path, text: &str) -> Result<Catalogue> {
        let entries = table::parse_csv(path, text, true)?;
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
        let items = group_items(&entries);
        let mut item_of_code = HashMap::new();
        for (i, it) in items.iter().enumerate() {
            for c in &it.codes {
                item_of_code.insert(c.clone(), i);
            }
        }
        Catalogue {
            entries,
            items,
            removed,
            source,
            index,
            item_of_code,
            search: OnceLock::new(),
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

    /// The item a code belongs to.
    pub fn item_of_code(&self, code: &str) -> Option<&Item> {
        self.item_of_code.get(code.trim()).map(|i| &self.items[*i])
    }

    /// The item with this number.
    pub fn item(&self, item_no: u32) -> Option<&Item> {
        self.items.iter().find(|it| it.item_no == Some(item_no))
    }

    /// Codes one digit or one swap away from `code` (a mistyped code), in code order.
    pub fn similar_codes(&self, code: &str) -> Vec<&Entry> {
        let code = code.trim();
        let mut out: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| {
                !e.code.is_empty()
                    && e.code != code
                    && strsim::damerau_levenshtein(&e.code, code) <= 1
            })
            .collect();
        out.sort_by(|a, b| a.code.cmp(&b.code));
        out
    }

    pub fn coverage(&self) -> Coverage {
        Coverage {
            source: self.source.clone(),
            items_with_code: self.items.iter().filter(|it| !it.codes.is_empty()).count(),
            total_items: TOTAL_ITEMS,
            codes: self.index.len(),
        }
    }

    /// Rank items by how well they match `text`: Chinese or English words (official names,
    /// English names, search terms, category names), a code, or an item number. Best first.
    pub fn search_items(&self, text: &str) -> Vec<ItemHit<'_>> {
        self.search
            .get_or_init(|| search::Index::new(&self.items))
            .rank(&self.items, text)
    }

    /// The rows of the ranked items (`search_items`), item by item, each row with its item's score.
    pub fn search(&self, text: &str) -> Vec<Hit<'_>> {
        self.search_items(text)
            .into_iter()
            .flat_map(|h| {
                h.item.entries.iter().map(move |i| Hit {
                    score: h.score,
                    entry: &self.entries[*i],
                })
            })
            .collect()
    }

    /// Removed codes whose code or name matches `text`.
    pub fn search_removed(&self, text: &str) -> Vec<&Removed> {
        self.removed
            .iter()
            .filter(|r| search::removed_matches(text, &r.code, &r.name_zh, &r.name_en))
            .collect()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Hit<'a> {
    pub score: u32,
    pub entry: &'a Entry,
}

/// Rows → items: by item number, or by category and name where a replacement file gives none.
fn group_items(entries: &[Entry]) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut by_key: HashMap<(Option<u32>, String, String), usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let key = match e.item_no {
            Some(n) => (Some(n), String::new(), String::new()),
            None => (None, e.category_no_zh.clone(), e.name_zh.clone()),
        };
        match by_key.get(&key) {
            Some(&k) => {
                let it = &mut items[k];
                if !e.code.is_empty() {
                    it.codes.push(e.code.clone());
                }
                it.status = it.status.max(e.status);
                for t in &e.search_terms {
                    if !it.search_terms.contains(t) {
                        it.search_terms.push(t.clone());
                    }
                }
                if it.name_en.is_empty() {
                    it.name_en = e.name_en.clone();
                }
                if it.note.is_empty() {
                    it.note = e.note.clone();
                }
                it.entries.push(i);
            }
            None => {
                by_key.insert(key, items.len());
                items.push(Item {
                    item_no: e.item_no,
                    category_no_zh: e.category_no_zh.clone(),
                    category_name_zh: e.category_name_zh.clone(),
                    name_zh: e.name_zh.clone(),
                    name_en: e.name_en.clone(),
                    codes: if e.code.is_empty() {
                        Vec::new()
                    } else {
                        vec![e.code.clone()]
                    },
                    self_declaration: e.self_declaration.clone(),
                    status: e.status,
                    note: e.note.clone(),
                    search_terms: e.search_terms.clone(),
                    entries: vec![i],
                });
            }
        }
    }
    // In item order; items without a number after, in the order of the table.
    items.sort_by_key(|it| it.item_no.unwrap_or(u32::MAX));
    items
}

/// 一 → 1, 十 → 10, 十六 → 16, 二十一 → 21 (up to 九十九).
pub fn category_number(zh: &str) -> Option<u32> {
    let digit = |c: char| {
        "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32 + 1)
    };
    let cs: Vec<char> = zh.trim().chars().collect();
    match cs.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', u] => Some(10 * digit(*t)? + digit(*u)?),
        _ => None,
    }
}

/// English renderings of the 16 official category names (for English output; not official).
pub fn category_name_en(name_zh: &str) -> Option<&'static str> {
    Some(match name_zh {
        "电线电缆" => "Wires and cables",
        "电路开关及保护或连接用电器装置" => {
            "Circuit switches and electrical devices for protection or connection"
        }
        "低压电器" => "Low-voltage electrical apparatus",
        "小功率电动机" => "Small-power motors",
        "电动工具" => "Electric tools",
        "电焊机" => "Electric welding machines",
        "家用和类似用途设备" => "Household and similar appliances",
        "电子产品及安全附件" => "Electronic products and safety accessories",
        "照明电器" => "Lighting apparatus",
        "车辆及安全附件" => "Vehicles and safety accessories",
        "农机产品" => "Agricultural machinery",
        "消防产品" => "Fire-fighting products",
        "建材产品" => "Building materials",
        "儿童用品" => "Children's products",
        "防爆电气" => "Explosion-proof electrical products",
        "家用燃气器具" => "Domestic gas appliances",
        _ => return None,
    })
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
    fn bundled_is_the_whole_2023_catalogue() {
        let c = Catalogue::bundled();
        let cov = c.coverage();
        assert_eq!(
            (cov.items_with_code, cov.total_items, cov.codes),
            (96, 96, 108)
        );
        assert_eq!(c.items.len(), 96);
        for (i, it) in c.items.iter().enumerate() {
            assert_eq!(it.item_no, Some(i as u32 + 1), "items run 1–96");
            assert!(!it.codes.is_empty());
            assert_eq!(it.status, Status::Verified);
            assert!(!it.search_terms.is_empty(), "item {:?}", it.item_no);
            assert!(it.category_name_en().is_some(), "{}", it.category_name_zh);
        }
        // The counts the data README states: 7 `*` and 12 `**` items, 16 categories.
        let count = |m: &str| c.items.iter().filter(|it| it.self_declaration == m).count();
        assert_eq!((count("*"), count("**")), (7, 12));
        let mut cats: Vec<u32> = c.items.iter().filter_map(Item::category_no).collect();
        cats.dedup();
        assert_eq!(cats, (1..=16).collect::<Vec<_>>());
        assert!(!c.removed.is_empty());
        // One item, several codes.
        assert_eq!(c.item(48).unwrap().codes, ["0807", "0907"]);
        assert_eq!(c.item(56).unwrap().codes, ["1201", "1202"]);
        assert_eq!(c.item(10).unwrap().codes.len(), 8);
        assert_eq!(c.item_of_code("0907").unwrap().item_no, Some(48));
    }

    #[test]
    fn bundled_carries_no_research_notes() {
        let c = Catalogue::bundled();
        for e in &c.entries {
            for text in [&e.note, &e.name_zh, &e.category_name_zh, &e.name_en] {
                for marker in [
                    "未核",
                    "not determined",
                    "probably",
                    "reconstructed",
                    "未恢复",
                ] {
                    assert!(!text.contains(marker), "{marker:?} in {text:?}");
                }
            }
        }
    }

    #[test]
    fn lookup_in_scope_removed_unknown() {
        let c = Catalogue::bundled();
        assert!(matches!(c.lookup("0201"), Lookup::InScope(e) if e.name_zh == "插头插座"));
        assert!(matches!(c.lookup("0507"), Lookup::Removed(_)));
        assert!(matches!(c.lookup("9999"), Lookup::Unknown));
        assert!(matches!(c.lookup(""), Lookup::Unknown));
        let similar: Vec<&str> = c
            .similar_codes("0150")
            .iter()
            .map(|e| e.code.as_str())
            .collect();
        assert!(similar.contains(&"0105"), "{similar:?}");
    }

    #[test]
    fn category_numbers() {
        assert_eq!(category_number("一"), Some(1));
        assert_eq!(category_number("十"), Some(10));
        assert_eq!(category_number("十六"), Some(16));
        assert_eq!(category_number("二十一"), Some(21));
        assert_eq!(category_number("十十"), None);
        assert_eq!(category_number("1"), None);
        assert_eq!(category_number(""), None);
    }

    #[test]
    fn search_by_code_item_and_name() {
        let c = Catalogue::bundled();
        assert_eq!(c.search_items("0201")[0].item.codes, ["0201"]);
        assert_eq!(c.search_items("0907")[0].item.item_no, Some(48));
        assert_eq!(c.search_items("48")[0].item.item_no, Some(48));
        assert_eq!(c.search_items("插头插座")[0].item.codes, ["0201"]);
        assert_eq!(c.search_items("plugs")[0].item.codes, ["0201"]);
        assert!(c.search_items("zzzz-nothing").is_empty());
        assert!(c.search_items("8471300000").is_empty(), "not by HS code");
        // The row-level view lists every code of a ranked item.
        let rows: Vec<&str> = c
            .search("充电器")
            .iter()
            .take(2)
            .map(|h| h.entry.code.as_str())
            .collect();
        assert_eq!(rows, ["0807", "0907"]);
    }

    #[test]
    fn official_csv_rows_are_validated_at_their_line() {
        let head = COLUMNS.join(",");
        let p = Path::new("cat.csv");
        let e = Catalogue::from_csv_text(
            p,
            &format!("{head}\n1,一,电线电缆,01X1,电线组件,Wire,,OFFICIAL,\n"),
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("cat.csv:2:10: product_code: "), "{e}");
        assert!(e.contains("4 digits"), "{e}");
        // Written by Excel: CRLF line ends. The bad row is on line 3.
        let text = format!(
            "{head}\r\n1,一,电线电缆,0101,电线组件,Wire,,OFFICIAL,\r\n2,一,电线电缆,0104,电缆,Cable,x,OFFICIAL,\r\n"
        );
        let e = Catalogue::from_csv_text(p, &text).unwrap_err().to_string();
        assert!(e.starts_with("cat.csv:3:"), "{e}");
        assert!(e.contains("self_declaration"), "{e}");
        let e = Catalogue::from_csv_text(p, "a,b\n1,2\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("cat.csv:1:1: unknown column `a`"), "{e}");
        assert!(e.contains("lacks the column"), "{e}");
        let ok = Catalogue::from_csv_text(
            p,
            &format!("{head}\n1,一,电线电缆,0101,电线组件,Wire,,OFFICIAL,\n"),
        )
        .unwrap();
        assert_eq!(ok.entries.len(), 1);
        assert!(ok.items[0].search_terms.is_empty());
    }
}

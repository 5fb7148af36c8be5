//! `catalogue search|show|list`: the CCC catalogue in force (bundled or the workspace's official file).
//! The JSON forms are documented in docs/catalogue.md.

use super::output::{Out, table};
use super::{Ctx, Format, only_formats};
use ccc_exempt::catalogue::{
    Catalogue, Coverage, Item, ItemHit, Lookup, MatchField, Matched, Procedure, Removed, Status,
};
use ccc_exempt::{Error, Lang, Result};
use serde::Serialize;

#[derive(Debug, clap::Subcommand)]
pub enum Cmd {
    /// Rank catalogue items by what you type: a product name in Chinese or English, an everyday
    /// word (笔记本电脑, charger), a code or an item number. Confirm against the official table.
    Search {
        /// Words or a code.
        text: Vec<String>,
        /// At most this many items.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// One item with all its codes: by item number (1–96) or by one of its 4-digit codes.
    Show {
        /// An item number (48) or a 4-digit catalogue code (0807).
        item_or_code: String,
    },
    /// Every item, with the coverage of the data, and the codes removed from the catalogue.
    List,
}

/// The catalogue in force: the workspace's when there is a workspace, else the bundled one.
fn catalogue(ctx: &Ctx) -> Result<Catalogue> {
    match ctx.workspace() {
        Ok(ws) => ws.catalogue().map(std::borrow::Cow::into_owned),
        Err(Error::Workspace(_)) if ctx.discovery.explicit.is_none() => {
            Ok(Catalogue::bundled().clone())
        }
        Err(e) => Err(e),
    }
}

// ---- JSON (docs/catalogue.md) ----

#[derive(Serialize)]
struct ItemJson<'a> {
    item_no: Option<u32>,
    category_no: Option<u32>,
    category_no_zh: &'a str,
    category_name_zh: &'a str,
    category_name_en: Option<&'static str>,
    name_zh: &'a str,
    name_en: &'a str,
    codes: &'a [String],
    self_declaration: &'a str,
    procedure: Procedure,
    status: Status,
    search_terms: &'a [String],
    note: &'a str,
}

fn item_json(it: &Item) -> ItemJson<'_> {
    ItemJson {
        item_no: it.item_no,
        category_no: it.category_no(),
        category_no_zh: &it.category_no_zh,
        category_name_zh: &it.category_name_zh,
        category_name_en: it.category_name_en(),
        name_zh: &it.name_zh,
        name_en: &it.name_en,
        codes: &it.codes,
        self_declaration: &it.self_declaration,
        procedure: it.procedure(),
        status: it.status,
        search_terms: &it.search_terms,
        note: &it.note,
    }
}

/// A removed code: what it was and which announcement removed it.
#[derive(Serialize)]
struct RemovedJson<'a> {
    code: &'a str,
    name_zh: &'a str,
    name_en: &'a str,
    removed_by: &'a str,
}

fn removed_json(r: &Removed) -> RemovedJson<'_> {
    RemovedJson {
        code: &r.code,
        name_zh: &r.name_zh,
        name_en: &r.name_en,
        removed_by: &r.removed_by,
    }
}

#[derive(Serialize)]
struct ResultJson<'a> {
    rank: usize,
    score: u32,
    matched: &'a Matched,
    item: ItemJson<'a>,
}

#[derive(Serialize)]
struct SearchJson<'a> {
    schema: &'static str,
    query: &'a str,
    coverage: &'a Coverage,
    results: Vec<ResultJson<'a>>,
    removed: Vec<RemovedJson<'a>>,
}

#[derive(Serialize)]
struct ShowJson<'a> {
    schema: &'static str,
    query: &'a str,
    coverage: &'a Coverage,
    in_scope: bool,
    code: Option<&'a str>,
    item: Option<ItemJson<'a>>,
    removed: Option<RemovedJson<'a>>,
}

#[derive(Serialize)]
struct ListJson<'a> {
    schema: &'static str,
    coverage: &'a Coverage,
    items: Vec<ItemJson<'a>>,
    removed: Vec<RemovedJson<'a>>,
}

// ---- human output ----

fn codes(it: &Item) -> String {
    if it.codes.is_empty() {
        "-".into()
    } else {
        it.codes.join(" ")
    }
}

fn item_no(it: &Item) -> String {
    it.item_no
        .map(|n| n.to_string())
        .unwrap_or_else(|| "-".into())
}

fn category(lang: Lang, it: &Item) -> String {
    match (lang, it.category_no(), it.category_name_en()) {
        (Lang::En, Some(n), Some(en)) => format!("{n} {en}"),
        _ => format!("{} {}", it.category_no_zh, it.category_name_zh),
    }
}

fn matched(lang: Lang, m: &Matched) -> String {
    match (lang, m.field) {
        (Lang::Zh, MatchField::Code) => format!("代码 {}", m.text),
        (Lang::En, MatchField::Code) => format!("code {}", m.text),
        (Lang::Zh, MatchField::ItemNo) => format!("序号 {}", m.text),
        (Lang::En, MatchField::ItemNo) => format!("item {}", m.text),
        (Lang::Zh, MatchField::NameZh) => "名称".into(),
        (Lang::En, MatchField::NameZh) => "official name".into(),
        (Lang::Zh, MatchField::NameEn) => "英文名称".into(),
        (Lang::En, MatchField::NameEn) => "English name".into(),
        (Lang::Zh, MatchField::SearchTerm) => format!("常用词：{}", m.text),
        (Lang::En, MatchField::SearchTerm) => format!("term: {}", m.text),
        (Lang::Zh, MatchField::Category) => "大类".into(),
        (Lang::En, MatchField::Category) => "category".into(),
    }
}

/// Whether any of the items has a status that needs its own column (a replacement file's rows).
fn needs_status(items: &[&Item]) -> bool {
    items
        .iter()
        .any(|it| matches!(it.status, Status::Reconstructed | Status::Unverified))
}

fn header(ctx: &Ctx, with_match: bool, with_status: bool) -> Vec<String> {
    let mut h: Vec<String> = vec![ctx.t("序号", "item").into(), ctx.t("代码", "codes").into()];
    h.push(ctx.t("产品种类", "product type").into());
    h.push(ctx.t("大类", "category").into());
    h.push(ctx.t("认证方式", "procedure").into());
    if with_status {
        h.push(ctx.t("数据状态", "status").into());
    }
    if with_match {
        h.push(ctx.t("匹配", "matched").into());
    }
    h
}

/// A row's data status in a table: the stored word in English, its Chinese name in Chinese.
fn status_label(lang: Lang, s: Status) -> &'static str {
    match lang {
        Lang::En => s.as_str(),
        Lang::Zh => match s {
            Status::Verified => "已核对（2023）",
            Status::Official => "官方文件",
            Status::Reconstructed => "推定数据",
            Status::Unverified => "未核实",
        },
    }
}

fn row(ctx: &Ctx, it: &Item, m: Option<&Matched>, with_status: bool) -> Vec<String> {
    let mut r = vec![item_no(it), codes(it)];
    // The official name, and in English its rendering under it.
    r.push(match ctx.lang {
        Lang::En if !it.name_en.is_empty() => format!("{}\n{}", it.name_zh, it.name_en),
        _ => it.name_zh.clone(),
    });
    r.push(category(ctx.lang, it));
    r.push(it.procedure().short(ctx.lang).into());
    if with_status {
        r.push(status_label(ctx.lang, it.status).into());
    }
    if let Some(m) = m {
        r.push(matched(ctx.lang, m));
    }
    r
}

/// The sentence for an item with several codes: the table decides, the tool does not pick.
fn several_codes(ctx: &Ctx, it: &Item) -> String {
    match ctx.lang {
        Lang::Zh => format!(
            "{} {} 有 {} 个代码（{}）：适用哪一个由《强制性产品认证目录描述与界定表》决定，本工具不代为选择。",
            item_no(it),
            it.name_zh,
            it.codes.len(),
            it.codes.join("、")
        ),
        Lang::En => format!(
            "{} {} has {} codes ({}): which one applies is decided by the description and scope table (描述与界定表); this tool does not pick one.",
            item_no(it),
            it.name_zh,
            it.codes.len(),
            it.codes.join(", ")
        ),
    }
}

/// The meaning of each procedure marker that appears among `items`.
fn legend(ctx: &Ctx, items: &[&Item]) -> Vec<String> {
    [
        Procedure::SelfDeclarationA,
        Procedure::SelfDeclarationB,
        Procedure::Certification,
    ]
    .into_iter()
    .filter(|p| items.iter().any(|it| it.procedure() == *p))
    .map(|p| p.describe(ctx.lang).to_string())
    .collect()
}

fn removed_line(ctx: &Ctx, r: &Removed) -> String {
    format!(
        "{} {} / {}: {} ({}) — {}",
        r.code,
        r.name_zh,
        r.name_en,
        ctx.t("已移出CCC目录", "removed from the CCC catalogue"),
        r.removed_by,
        ctx.t("无需办理免办证明", "no exemption certificate needed")
    )
}

fn advice(ctx: &Ctx) -> &'static str {
    ctx.t(
        "搜索仅排序候选项（常用词只用于排序，不决定是否属于目录）：请对照《目录描述与界定表》确认代码，并在 ccc_reason 中写明界定依据。",
        "Search only ranks candidates (everyday terms rank, they never decide scope): confirm the code against the description and scope table and write the reason in ccc_reason.",
    )
}

pub fn run(ctx: &Ctx, cmd: Cmd) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let cat = catalogue(ctx)?;
    let cov = cat.coverage();
    match cmd {
        Cmd::Search { text, limit } => {
            let q = text.join(" ");
            if q.trim().is_empty() {
                return Err(Error::Input(
                    ctx.t(
                        "请给出要搜索的文字或代码",
                        "give words or a code to search for",
                    )
                    .into(),
                ));
            }
            let hits: Vec<ItemHit<'_>> = cat.search_items(&q).into_iter().take(limit).collect();
            let removed = cat.search_removed(&q);
            if ctx.format == Format::Json {
                Out::json(&SearchJson {
                    schema: "ccc-exempt/catalogue-search/2",
                    query: &q,
                    coverage: &cov,
                    results: hits
                        .iter()
                        .enumerate()
                        .map(|(i, h)| ResultJson {
                            rank: i + 1,
                            score: h.score,
                            matched: &h.matched,
                            item: item_json(h.item),
                        })
                        .collect(),
                    removed: removed.iter().map(|r| removed_json(r)).collect(),
                });
                return Ok(0);
            }
            if hits.is_empty() && removed.is_empty() {
                Out::line(&format!(
                    "{} {:?}. {}",
                    ctx.t("没有匹配", "No match for"),
                    q,
                    ctx.t(
                        "这并不说明产品不在CCC目录内：换一个说法再搜（产品名称、常用叫法或英文），或对照官方《目录描述与界定表》。",
                        "This does not mean the product is outside CCC: try other words (the product name, an everyday word, Chinese or English), or check the official description and scope table."
                    )
                ));
            } else {
                let items: Vec<&Item> = hits.iter().map(|h| h.item).collect();
                let with_status = needs_status(&items);
                if !hits.is_empty() {
                    let mut t = table(header(ctx, true, with_status));
                    for h in &hits {
                        t.add_row(row(ctx, h.item, Some(&h.matched), with_status));
                    }
                    Out::line(&t.to_string());
                }
                for it in items.iter().filter(|it| it.codes.len() > 1) {
                    Out::line(&several_codes(ctx, it));
                }
                for l in legend(ctx, &items) {
                    Out::line(&l);
                }
                for r in removed {
                    Out::line(&removed_line(ctx, r));
                }
            }
            ctx.status(&format!(
                "{}{}{}",
                cov.describe(ctx.lang),
                ctx.t("。", ". "),
                advice(ctx)
            ));
            Ok(0)
        }
        Cmd::Show { item_or_code } => show(ctx, &cat, &cov, item_or_code.trim()),
        Cmd::List => {
            if ctx.format == Format::Json {
                Out::json(&ListJson {
                    schema: "ccc-exempt/catalogue-list/2",
                    coverage: &cov,
                    items: cat.items.iter().map(item_json).collect(),
                    removed: cat.removed.iter().map(removed_json).collect(),
                });
                return Ok(0);
            }
            let items: Vec<&Item> = cat.items.iter().collect();
            let with_status = needs_status(&items);
            let mut t = table(header(ctx, false, with_status));
            for it in &items {
                t.add_row(row(ctx, it, None, with_status));
            }
            Out::line(&t.to_string());
            let several = items.iter().filter(|it| it.codes.len() > 1).count();
            if several > 0 {
                Out::line(&match ctx.lang {
                    Lang::Zh => format!(
                        "{several} 个产品种类有多个代码：适用哪一个由《强制性产品认证目录描述与界定表》决定，本工具不代为选择。"
                    ),
                    Lang::En => format!(
                        "{several} product types have several codes: which one applies is decided by the description and scope table (描述与界定表); this tool does not pick one."
                    ),
                });
            }
            for l in legend(ctx, &items) {
                Out::line(&l);
            }
            if !cat.removed.is_empty() {
                Out::line("");
                Out::line(ctx.t(
                    "已移出目录的代码（其产品无需办理免办证明）：",
                    "Codes removed from the catalogue (their products need no exemption certificate):",
                ));
                let mut t = table(vec![
                    ctx.t("代码", "code").into(),
                    ctx.t("产品", "product").into(),
                    ctx.t("移出依据", "removed by").into(),
                ]);
                for r in &cat.removed {
                    t.add_row(vec![
                        r.code.clone(),
                        match ctx.lang {
                            Lang::Zh => r.name_zh.clone(),
                            Lang::En => format!("{} / {}", r.name_en, r.name_zh),
                        },
                        r.removed_by.clone(),
                    ]);
                }
                Out::line(&t.to_string());
            }
            Out::line(&format!("{}{}", cov.describe(ctx.lang), ctx.t("。", ".")));
            Ok(0)
        }
    }
}

fn show(ctx: &Ctx, cat: &Catalogue, cov: &Coverage, arg: &str) -> Result<i32> {
    let digits = !arg.is_empty() && arg.chars().all(|c| c.is_ascii_digit());
    let usage = || {
        Error::Input(format!(
            "{} {arg:?}. {}",
            ctx.t(
                "请给出目录序号（1–96）或4位目录代码，而不是",
                "give an item number (1–96) or a 4-digit catalogue code, not"
            ),
            ctx.t(
                "按名称查找用 `ccc-exempt catalogue search`。",
                "To find one by name: `ccc-exempt catalogue search`."
            )
        ))
    };
    if !digits {
        return Err(usage());
    }
    if arg.len() < 4 {
        let n: u32 = arg.parse().map_err(|_| usage())?;
        let Some(it) = cat.item(n) else {
            return Err(Error::Input(format!(
                "{} {n}; {}",
                ctx.t("目录中没有序号", "the catalogue has no item"),
                cov.describe(ctx.lang)
            )));
        };
        print_item(ctx, cov, arg, it, None);
        return Ok(0);
    }
    if arg.len() > 4 {
        return Err(Error::Input(format!(
            "{} {arg:?}: {}",
            ctx.t("不是目录代码", "not a catalogue code"),
            ctx.t(
                "目录代码为4位；HS编码不能决定产品是否属于CCC目录，请用 `ccc-exempt catalogue search` 按名称查找。",
                "catalogue codes have 4 digits; an HS code does not decide whether a product is in CCC: search by name with `ccc-exempt catalogue search`."
            )
        )));
    }
    match cat.lookup(arg) {
        Lookup::InScope(_) => {
            let it = cat
                .item_of_code(arg)
                .expect("every code belongs to an item");
            print_item(ctx, cov, arg, it, Some(arg));
            Ok(0)
        }
        Lookup::Removed(r) => {
            if ctx.format == Format::Json {
                Out::json(&ShowJson {
                    schema: "ccc-exempt/catalogue-show/2",
                    query: arg,
                    coverage: cov,
                    in_scope: false,
                    code: Some(arg),
                    item: None,
                    removed: Some(removed_json(r)),
                });
            } else {
                Out::line(&removed_line(ctx, r));
            }
            Ok(0)
        }
        Lookup::Unknown => {
            let similar: Vec<String> = cat
                .similar_codes(arg)
                .iter()
                .map(|e| format!("{} {}", e.code, e.name_zh))
                .collect();
            let hint = if similar.is_empty() {
                String::new()
            } else {
                format!(
                    " {} {}?",
                    ctx.t("是否是", "Did you mean"),
                    similar.join(ctx.t("、", ", "))
                )
            };
            Err(Error::Input(format!(
                "{} {arg:?}; {}.{hint} {}",
                ctx.t("目录中没有代码", "the catalogue has no code"),
                cov.describe(ctx.lang),
                ctx.t(
                    "用 `ccc-exempt catalogue search` 按名称查找。",
                    "Search by name with `ccc-exempt catalogue search`."
                )
            )))
        }
    }
}

fn print_item(ctx: &Ctx, cov: &Coverage, query: &str, it: &Item, code: Option<&str>) {
    if ctx.format == Format::Json {
        Out::json(&ShowJson {
            schema: "ccc-exempt/catalogue-show/2",
            query,
            coverage: cov,
            in_scope: !it.codes.is_empty(),
            code,
            item: Some(item_json(it)),
            removed: None,
        });
        return;
    }
    let mut lines: Vec<(String, String)> = Vec::new();
    let mut add = |zh: &str, en: &str, value: String| {
        lines.push((ctx.t(zh, en).to_string(), value));
    };
    add("目录序号", "item", item_no(it));
    add("产品种类", "product type", it.name_zh.clone());
    if !it.name_en.is_empty() {
        add("英文名称", "English name", it.name_en.clone());
    }
    add("大类", "category", category(ctx.lang, it));
    let code_list = it
        .codes
        .iter()
        .map(|c| {
            if Some(c.as_str()) == code && it.codes.len() > 1 {
                format!("{c}{}", ctx.t("（所查代码）", " (the code asked for)"))
            } else {
                c.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(ctx.t("、", ", "));
    add(
        "代码",
        "codes",
        if code_list.is_empty() {
            "-".into()
        } else {
            code_list
        },
    );
    add(
        "认证方式",
        "procedure",
        it.procedure().describe(ctx.lang).into(),
    );
    add(
        "数据状态",
        "status",
        match ctx.lang {
            Lang::Zh => format!(
                "{}（{}）",
                status_label(ctx.lang, it.status),
                it.status.describe(ctx.lang)
            ),
            Lang::En => format!("{} ({})", it.status.as_str(), it.status.describe(ctx.lang)),
        },
    );
    if !it.search_terms.is_empty() {
        add(
            "常用词",
            "everyday terms",
            it.search_terms.join(ctx.t("；", "; ")),
        );
    }
    if !it.note.is_empty() {
        add("来源", "source", it.note.clone());
    }
    let mut out = String::new();
    for (label, value) in &lines {
        out.push_str(&format!("{label}{}{value}\n", ctx.t("：", ": ")));
    }
    if it.codes.len() > 1 {
        out.push_str(&several_codes(ctx, it));
        out.push('\n');
    }
    Out::print(&out);
}

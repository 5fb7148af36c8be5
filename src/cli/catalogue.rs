//! `catalogue search|show|list`: the CCC catalogue in force (bundled or the workspace's official file).

use super::output::{Out, table};
use super::{Ctx, Format, only_formats};
use ccc_exempt::catalogue::{Catalogue, Entry, Lookup};
use ccc_exempt::{Error, Result};

#[derive(Debug, clap::Subcommand)]
pub enum Cmd {
    /// Rank catalogue entries by name (Chinese or English) or code. Confirm against the official table.
    Search {
        /// Words or a code.
        text: Vec<String>,
        /// At most this many results.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// One code: item, category, self-declaration marker, status, note.
    Show {
        /// A 4-digit catalogue code.
        code: String,
    },
    /// Every entry, with the coverage of the data.
    List,
}

/// The catalogue in force: the workspace's when there is a workspace, else the bundled one.
fn catalogue(ctx: &Ctx) -> Result<Catalogue> {
    match ctx.workspace() {
        Ok(ws) => ws.catalogue(),
        Err(Error::Workspace(_)) if ctx.discovery.explicit.is_none() => {
            Ok(Catalogue::bundled().clone())
        }
        Err(e) => Err(e),
    }
}

fn row(e: &Entry) -> Vec<String> {
    vec![
        if e.code.is_empty() {
            "-".into()
        } else {
            e.code.clone()
        },
        e.name_zh.clone(),
        format!("{} {}", e.category_no_zh, e.category_name_zh),
        e.self_declaration.clone(),
        e.status.as_str().into(),
    ]
}

fn header(ctx: &Ctx) -> Vec<String> {
    vec![
        ctx.t("代码", "code").into(),
        ctx.t("产品种类", "product type").into(),
        ctx.t("大类", "category").into(),
        ctx.t("自我声明", "self-decl.").into(),
        ctx.t("数据状态", "status").into(),
    ]
}

pub fn run(ctx: &Ctx, cmd: Cmd) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let cat = catalogue(ctx)?;
    let cov = cat.coverage();
    match cmd {
        Cmd::Search { text, limit } => {
            let q = text.join(" ");
            if q.trim().is_empty() {
                return Err(Error::Input(ctx.t("请给出要搜索的文字或代码", "give words or a code to search for").into()));
            }
            let hits: Vec<_> = cat.search(&q).into_iter().take(limit).collect();
            let removed: Vec<_> = cat
                .removed
                .iter()
                .filter(|r| r.code == q.trim() || (!q.trim().is_empty() && r.name_zh.contains(q.trim())))
                .collect();
            if ctx.format == Format::Json {
                Out::json(&serde_json::json!({
                    "schema": "ccc-exempt/catalogue-search/1",
                    "query": q,
                    "coverage": cov,
                    "results": hits,
                    "removed": removed,
                }));
                return Ok(0);
            }
            if hits.is_empty() && removed.is_empty() {
                Out::line(&format!(
                    "{} {:?}. {}",
                    ctx.t("没有匹配", "No match for"),
                    q,
                    ctx.t(
                        "这并不说明产品不在CCC目录内：请对照官方《目录描述与界定表》。",
                        "This does not mean the product is outside CCC: check the official description and scope table."
                    )
                ));
            } else {
                let mut t = table(header(ctx));
                for h in &hits {
                    t.add_row(row(h.entry));
                }
                if !hits.is_empty() {
                    Out::line(&t.to_string());
                }
                for r in removed {
                    Out::line(&format!(
                        "{} {} {} — {} ({})",
                        r.code,
                        r.name_zh,
                        ctx.t("已移出目录", "removed from the catalogue"),
                        ctx.t("无需免办证明", "no exemption certificate needed"),
                        r.removed_by
                    ));
                }
            }
            ctx.status(&format!(
                "{}. {}",
                cov.describe(ctx.lang),
                ctx.t(
                    "搜索仅排序候选项：请确认代码并在 ccc_reason 中写明界定依据。",
                    "Search only ranks candidates: confirm the code and write the reason in ccc_reason."
                )
            ));
            Ok(0)
        }
        Cmd::Show { code } => match cat.lookup(&code) {
            Lookup::InScope(e) => {
                if ctx.format == Format::Json {
                    Out::json(&serde_json::json!({"schema": "ccc-exempt/catalogue-show/1", "in_scope": true, "entry": e}));
                } else {
                    let sd = match e.self_declaration.as_str() {
                        "*" => ctx.t("* 自我声明A", "* self-declaration A"),
                        "**" => ctx.t("** 自我声明B", "** self-declaration B"),
                        _ => ctx.t("第三方认证", "third-party certification"),
                    };
                    Out::print(&format!(
                        "{}: {}\n{}: {} / {}\n{}: {} {}\n{}: {}\n{}: {}\n{}: {}\n{}: {}\n",
                        ctx.t("代码", "code"), e.code,
                        ctx.t("产品种类", "product type"), e.name_zh, e.name_en,
                        ctx.t("大类", "category"), e.category_no_zh, e.category_name_zh,
                        ctx.t("目录序号", "item"), e.item_no.map(|n| n.to_string()).unwrap_or_else(|| "-".into()),
                        ctx.t("认证方式", "procedure"), sd,
                        ctx.t("数据状态", "status"), e.status.as_str(),
                        ctx.t("备注", "note"), e.note,
                    ));
                }
                Ok(0)
            }
            Lookup::Removed(r) => {
                if ctx.format == Format::Json {
                    Out::json(&serde_json::json!({"schema": "ccc-exempt/catalogue-show/1", "in_scope": false, "removed": r}));
                } else {
                    Out::line(&format!(
                        "{} {} / {}: {} ({}) — {}",
                        r.code,
                        r.name_zh,
                        r.name_en,
                        ctx.t("已移出CCC目录", "removed from the CCC catalogue"),
                        r.removed_by,
                        ctx.t("无需办理免办证明", "no exemption certificate needed")
                    ));
                }
                Ok(0)
            }
            Lookup::Unknown => Err(Error::Input(format!(
                "{} {code:?}; {}. {}",
                ctx.t("目录数据中没有代码", "the catalogue data has no code"),
                cov.describe(ctx.lang),
                ctx.t(
                    "用 `ccc-exempt catalogue search` 查找，或在 ccc-exempt.toml 中以 catalogue = \"文件.csv\" 加载官方目录。",
                    "Search with `ccc-exempt catalogue search`, or load the official table with catalogue = \"file.csv\" in ccc-exempt.toml."
                )
            ))),
        },
        Cmd::List => {
            if ctx.format == Format::Json {
                Out::json(&serde_json::json!({
                    "schema": "ccc-exempt/catalogue-list/1",
                    "coverage": cov,
                    "entries": cat.entries,
                    "removed": cat.removed,
                }));
                return Ok(0);
            }
            let mut t = table(header(ctx));
            for e in &cat.entries {
                t.add_row(row(e));
            }
            Out::line(&t.to_string());
            Out::line(&format!("{}.", cov.describe(ctx.lang)));
            Ok(0)
        }
    }
}

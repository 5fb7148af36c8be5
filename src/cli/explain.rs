//! `explain CODE`: what a code means, the guide clause behind it (quoted), how to fix it, and the
//! severity: its default, and the one in force when the workspace's `[severity]` changes it.
//! Every code of every report is known (`data/codes.toml`); the older kebab-case names of the
//! package- and ledger-verify problems and the import rows are accepted too.

use super::output::Out;
use super::{Ctx, Format, only_formats};
use ccc_exempt::model::codes::{self, Code};
use ccc_exempt::model::diagnostic::Severities;
use ccc_exempt::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The code (e.g. M003) or an older name (e.g. checksum-mismatch); `all` lists every code.
    pub code: String,
}

#[derive(serde::Serialize)]
struct Json<'a> {
    #[serde(flatten)]
    info: &'a codes::CodeInfo,
    /// The severity in force in this workspace.
    severity_in_force: &'static str,
}

pub fn run(ctx: &Ctx, a: Args) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    // A help command: outside a workspace, or with a broken configuration, the defaults.
    let table: Severities = ctx
        .workspace()
        .map(|w| w.config.severity)
        .unwrap_or_default();
    if a.code.eq_ignore_ascii_case("all") {
        if ctx.format == Format::Json {
            let all: Vec<Json<'_>> = Code::ALL
                .iter()
                .map(|c| Json {
                    info: c.info(),
                    severity_in_force: table.get(*c).as_str(),
                })
                .collect();
            Out::json(&all);
        } else {
            let mut s = String::new();
            for c in Code::ALL {
                let sev = table.get(c);
                let mark = if sev != c.default_severity() { "*" } else { "" };
                let label = format!("{}{mark}", super::report::sev_label(ctx.lang, sev));
                let pad = " ".repeat(8usize.saturating_sub(super::output::width(&label)));
                s.push_str(&format!("{c}  {label}{pad} {}\n", c.title(ctx.lang)));
            }
            Out::print(&s);
        }
        return Ok(0);
    }
    let found: Vec<Code> = match Code::parse(&a.code) {
        Some(c) => vec![c],
        None => Code::by_name(&a.code),
    };
    if found.is_empty() {
        let known: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        let hint = ccc_exempt::util::text::closest(&a.code.to_ascii_uppercase(), &known)
            .map(|c| format!(" ({} {c}?)", ctx.t("是否应为", "did you mean")))
            .unwrap_or_default();
        return Err(Error::Input(format!(
            "{} {:?}{hint}; {}",
            ctx.t("未知代码", "unknown code"),
            a.code,
            ctx.t(
                "`ccc-exempt explain all` 列出所有代码",
                "`ccc-exempt explain all` lists every code"
            ),
        )));
    }
    if ctx.format == Format::Json {
        let out: Vec<Json<'_>> = found
            .iter()
            .map(|c| Json {
                info: c.info(),
                severity_in_force: table.get(*c).as_str(),
            })
            .collect();
        if let [one] = out.as_slice() {
            Out::json(one);
        } else {
            Out::json(&out);
        }
        return Ok(0);
    }
    let mut s = String::new();
    for (i, c) in found.iter().enumerate() {
        if i > 0 {
            s.push_str("\n---\n\n");
        }
        s.push_str(&describe(ctx, *c, &table));
    }
    Out::print(&s);
    Ok(0)
}

fn describe(ctx: &Ctx, code: Code, table: &Severities) -> String {
    let c = code.info();
    let mut s = format!(
        "{} ({}): {}\n\n",
        c.code,
        super::report::sev_label(ctx.lang, code.default_severity()),
        c.title(ctx.lang)
    );
    if let Some(n) = &c.name {
        s.push_str(&format!("{}: {n}\n", ctx.t("名称", "Name")));
    }
    let in_force = table.get(code);
    if in_force != code.default_severity() {
        s.push_str(&format!(
            "{}: {}（ccc-exempt.toml [severity]）\n",
            ctx.t("本工作区的级别", "Severity in this workspace"),
            super::report::sev_label(ctx.lang, in_force)
        ));
    }
    if c.fixed {
        s.push_str(ctx.t(
            "级别不可更改：此代码拒绝操作或输入，任何级别都不会让操作成功。\n",
            "The severity is fixed: the code refuses an operation or rejects input, and no severity would make it succeed.\n",
        ));
    }
    s.push_str(&format!(
        "{}: {}\n",
        ctx.t("指南条款", "Guide clause"),
        c.clause
    ));
    if !c.quote.is_empty() {
        s.push_str(&format!("  「{}」\n", c.quote));
    }
    s.push_str(&format!(
        "\n{}: {}\n",
        ctx.t("如何修正", "How to fix"),
        c.fix(ctx.lang)
    ));
    if code == Code::L005 {
        // What each movement needs, per condition: the rulebook's words.
        s.push_str(&format!(
            "\n{}\n{}",
            ctx.t(
                "各条件、各流水类型需要的证明材料：",
                "The evidence each movement needs, per condition:"
            ),
            ccc_exempt::ledger::rules::evidence_table(Some(ctx.lang))
        ));
    }
    s
}

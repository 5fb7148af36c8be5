//! `explain CODE`: what a code means, the guide clause behind it (quoted), how to fix it.

use super::output::Out;
use super::{Ctx, Format, only_formats};
use ccc_exempt::rules::codes;
use ccc_exempt::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The code (e.g. M003); `all` lists every code.
    pub code: String,
}

pub fn run(ctx: &Ctx, a: Args) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    if a.code.eq_ignore_ascii_case("all") {
        if ctx.format == Format::Json {
            Out::json(&codes::all());
        } else {
            for c in codes::all() {
                Out::line(&format!(
                    "{}  {:<7}  {}",
                    c.code,
                    c.severity,
                    c.title(ctx.lang)
                ));
            }
        }
        return Ok(0);
    }
    let Some(c) = codes::get(&a.code) else {
        let known: Vec<&str> = codes::all().iter().map(|c| c.code.as_str()).collect();
        return Err(Error::Input(format!(
            "{} {:?}; {} {}",
            ctx.t("未知代码", "unknown code"),
            a.code,
            ctx.t("已知代码：", "known codes:"),
            known.join(" ")
        )));
    };
    if ctx.format == Format::Json {
        Out::json(c);
        return Ok(0);
    }
    let mut s = format!("{} ({}): {}\n\n", c.code, c.severity, c.title(ctx.lang));
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
    Out::print(&s);
    Ok(0)
}

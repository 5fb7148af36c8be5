//! `new ID --condition C`: scaffold applications/ID/application.toml; the use case is
//! `ccc_exempt::ops::new`.

use super::Ctx;
use ccc_exempt::application::Condition;
use ccc_exempt::ops::new;
use ccc_exempt::workspace::validate_id;
use ccc_exempt::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The application ID (a directory name, e.g. 2026-research-01).
    pub id: String,
    /// research | repair | production-line | exhibition | export-assembly | other (or 1-6).
    #[arg(long, short)]
    pub condition: String,
}

pub fn run(ctx: &Ctx, a: Args) -> Result<i32> {
    validate_id(&a.id)?;
    let Some(condition) = Condition::parse(&a.condition) else {
        return Err(Error::Input(format!(
            "--condition {:?}: {} research, repair, production-line, exhibition, export-assembly, other (1-6)",
            a.condition,
            ctx.t("应为", "must be one of")
        )));
    };
    let ws = ctx.workspace()?;
    let opts = new::Options {
        id: a.id,
        condition,
    };
    let r = new::run(&ws, opts, ctx.now, ctx.lang)?;
    ctx.status(&format!(
        "{} {}\n{} ccc-exempt check {}",
        ctx.t("已创建", "Created"),
        r.path.display(),
        ctx.t("填写后运行：", "Fill it in, then run:"),
        r.id
    ));
    Ok(0)
}

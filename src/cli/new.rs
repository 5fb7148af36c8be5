//! `new ID --condition C`: scaffold applications/ID/application.toml.

use super::Ctx;
use ccc_exempt::application::Condition;
use ccc_exempt::documents::scaffold;
use ccc_exempt::util::files::write_atomic;
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
    let path = ws.application_path(&a.id);
    if path.exists() {
        return Err(Error::Input(format!(
            "{} {}",
            path.display(),
            ctx.t("已存在；不会覆盖", "already exists; it is not overwritten")
        )));
    }
    let dir = path.parent().expect("has a parent");
    std::fs::create_dir_all(dir.join("materials")).map_err(|e| Error::storage_io(dir, e))?;
    let text = scaffold::scaffold(condition, ctx.now.date());
    write_atomic(&path, text.as_bytes()).map_err(|e| Error::storage_io(&path, e))?;
    let store = ws.store()?;
    store.ensure_application(&a.id, Some(condition.slug()), &ctx.now.rfc3339())?;
    ctx.status(&format!(
        "{} {}\n{} ccc-exempt check {}",
        ctx.t("已创建", "Created"),
        path.display(),
        ctx.t("填写后运行：", "Fill it in, then run:"),
        a.id
    ));
    Ok(0)
}

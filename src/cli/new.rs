//! `new ID --condition C [--products FILE]`: scaffold applications/ID/application.toml, with the
//! product lines of a spreadsheet when one is given (read before anything is written).

use std::path::PathBuf;

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
    /// Product lines from a spreadsheet (XLSX or CSV; see `app import-products`).
    #[arg(long, value_name = "FILE")]
    pub products: Option<PathBuf>,
    /// The XLSX sheet of --products (default: the first).
    #[arg(long, value_name = "NAME", requires = "products")]
    pub sheet: Option<String>,
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
    let mut text = scaffold::scaffold(condition, ctx.now.date());
    // The spreadsheet is read and merged first: a bad cell leaves nothing behind.
    let imported = match &a.products {
        Some(file) => {
            let catalogue = ws.catalogue()?;
            let (mut report, intake) = super::app::products_into(
                ctx,
                &catalogue,
                file,
                a.sheet.as_deref(),
                &path,
                &text,
                false,
            )?;
            text = std::mem::take(&mut report.text);
            Some((report, intake))
        }
        None => None,
    };
    let dir = path.parent().expect("has a parent");
    std::fs::create_dir_all(dir.join("materials")).map_err(|e| Error::storage_io(dir, e))?;
    write_atomic(&path, text.as_bytes()).map_err(|e| Error::storage_io(&path, e))?;
    let store = ws.store()?;
    store.ensure_application(&a.id, Some(condition.slug()), &ctx.now.rfc3339())?;
    if let Some((report, intake)) = imported {
        ctx.status(&format!(
            "{} {}",
            ctx.t("已创建", "Created"),
            path.display()
        ));
        super::app::done(ctx, &a.id, &path, &intake, &report);
        return Ok(0);
    }
    ctx.status(&format!(
        "{} {}\n{} ccc-exempt check {}",
        ctx.t("已创建", "Created"),
        path.display(),
        ctx.t("填写后运行：", "Fill it in, then run:"),
        a.id
    ));
    Ok(0)
}

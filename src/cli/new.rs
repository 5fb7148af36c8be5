//! `new ID --condition C [--products FILE]`: scaffold applications/ID/application.toml (the use
//! case is `ccc_exempt::ops::new`), with the product lines of a spreadsheet when one is given:
//! the sheet is read and merged into the scaffold's text before anything is written.

use std::path::PathBuf;

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
    #[arg(long, short, value_parser = super::values::Offered::conditions(), hide_possible_values = true)]
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
            "--condition {:?}: {} research, repair, production-line, exhibition, export-assembly, other (1-6){}",
            a.condition,
            ctx.t("应为", "must be one of"),
            super::values::suggestion(
                ctx.lang,
                &a.condition,
                super::values::CONDITIONS.iter().map(|c| c.0)
            )
        )));
    };
    let ws = ctx.workspace()?;
    let path = ws.application_path(&a.id);
    // The spreadsheet is read and merged first: a bad cell leaves nothing behind.
    let imported = match &a.products {
        Some(file) => {
            let catalogue = ws.catalogue()?;
            let text = new::scaffold_text(condition, ctx.now);
            let (mut report, intake) = super::app::products_into(
                ctx,
                &catalogue,
                file,
                a.sheet.as_deref(),
                &path,
                &text,
                false,
            )?;
            let text = std::mem::take(&mut report.text);
            Some((report, intake, text))
        }
        None => None,
    };
    let opts = new::Options {
        id: a.id,
        condition,
        text: imported.as_ref().map(|(_, _, t)| t.clone()),
    };
    let r = new::run(&ws, opts, ctx.now, ctx.lang)?;
    if let Some((report, intake, _)) = imported {
        ctx.status(&format!(
            "{} {}",
            ctx.t("已创建", "Created"),
            r.path.display()
        ));
        super::app::done(ctx, &r.id, &r.path, &intake, &report);
        return Ok(0);
    }
    ctx.status(&format!(
        "{} {}\n{} ccc-exempt check {}",
        ctx.t("已创建", "Created"),
        r.path.display(),
        ctx.t("填写后运行：", "Fill it in, then run:"),
        r.id
    ));
    Ok(0)
}

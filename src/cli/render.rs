//! `render ID letter|table|checklist [-o PATH]`: the generated documents, always in Chinese.
//!
//! - `letter`: the commitment letter (附件2-1) as DOCX (default `ID-后续管理承诺书.docx`).
//! - `table`: the comparison table (附件2-2) as XLSX and CSV (default both `ID-对照表.xlsx` and
//!   `ID-对照表.csv`; with `-o`, the extension decides).
//! - `checklist`: the materials checklist; to stdout (human table or `--format json`) without
//!   `-o`, as CSV with `-o FILE.csv`.
//!
//! Files are written atomically; a destination that is one of the application's inputs is refused.

use std::path::{Path, PathBuf};

use super::output::{Out, table};
use super::package::{document_date, letter_template, load};
use super::{Ctx, Format};
use ccc_exempt::documents::checklist::{self, ChecklistRow};
use ccc_exempt::documents::{DocumentInput, letter, table as comparison};
use ccc_exempt::package::bag::Layout;
use ccc_exempt::package::build::{destination_dir, refuse_input_destination};
use ccc_exempt::util::dos_time::DosTime;
use ccc_exempt::workspace::write_atomic;
use ccc_exempt::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    /// The commitment letter (后续管理承诺书, 附件2-1), DOCX.
    Letter,
    /// The comparison table (对照表, 附件2-2), XLSX and CSV.
    Table,
    /// The materials checklist (材料清单); exit 1 when something is missing.
    Checklist,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The application ID.
    pub id: String,
    /// What to render.
    #[arg(value_enum)]
    pub what: What,
    /// Output file (see the defaults above; for `table`, `.csv` writes the CSV, else the XLSX).
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

fn write(ctx: &Ctx, path: &Path, bytes: &[u8], inputs: &[&Path]) -> Result<()> {
    destination_dir(path, ctx.lang)?;
    refuse_input_destination(path, inputs, ctx.lang)?;
    write_atomic(path, bytes).map_err(|e| Error::storage_io(path, e))?;
    ctx.status(&format!("{} {}", ctx.t("已写入", "wrote"), path.display()));
    Ok(())
}

pub fn run(ctx: &Ctx, a: Args) -> Result<i32> {
    let ws = ctx.workspace()?;
    let loaded = load(ctx, &ws, &a.id)?;
    let (date, stamp, _) = document_date(ctx, &loaded)?;
    let time = DosTime::from_datetime(stamp);
    let catalogue = ws.catalogue()?;
    let input = DocumentInput {
        id: &loaded.id,
        app: &loaded.app,
        catalogue: &catalogue,
        authority: ws.config.authority.as_deref(),
        date,
    };
    let layout = Layout::plan(&loaded);
    let mut inputs: Vec<&Path> = layout.files.iter().map(|f| f.source.as_path()).collect();
    inputs.push(loaded.path.as_path());
    match a.what {
        What::Letter => {
            super::only_formats(ctx, &[Format::Human])?;
            let tpl = letter_template(&ws)?;
            let bytes = letter::render_docx(&tpl, &input, time)?;
            let out = a
                .output
                .unwrap_or_else(|| PathBuf::from(format!("{}-后续管理承诺书.docx", a.id)));
            write(ctx, &out, &bytes, &inputs)?;
        }
        What::Table => {
            super::only_formats(ctx, &[Format::Human])?;
            let is_csv = |p: &Path| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            match a.output {
                Some(p) if is_csv(&p) => write(ctx, &p, &comparison::render_csv(&input), &inputs)?,
                Some(p) => write(ctx, &p, &comparison::render_xlsx(&input, time)?, &inputs)?,
                None => {
                    let xlsx = PathBuf::from(format!("{}-对照表.xlsx", a.id));
                    let csv = PathBuf::from(format!("{}-对照表.csv", a.id));
                    write(ctx, &xlsx, &comparison::render_xlsx(&input, time)?, &inputs)?;
                    write(ctx, &csv, &comparison::render_csv(&input), &inputs)?;
                }
            }
        }
        What::Checklist => {
            let states = checklist::read_states(&layout);
            let rows = checklist::rows(&loaded.app, &layout, &states);
            match a.output {
                Some(p) => {
                    super::only_formats(ctx, &[Format::Human])?;
                    write(ctx, &p, &checklist::render_csv(&rows), &inputs)?;
                }
                None => {
                    super::only_formats(ctx, &[Format::Human, Format::Json])?;
                    print_checklist(ctx, &a.id, &rows);
                }
            }
            // The checklist answers "is everything there?": exit 1 when something is missing.
            if rows.iter().any(|r| !r.is_ok()) {
                return Ok(1);
            }
        }
    }
    Ok(0)
}

fn print_checklist(ctx: &Ctx, id: &str, rows: &[ChecklistRow]) {
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({
            "schema": "ccc-exempt/checklist/1",
            "application": id,
            "complete": rows.iter().all(ChecklistRow::is_ok),
            "materials": rows,
        }));
        return;
    }
    let mut t = table(vec![
        ctx.t("材料", "material").into(),
        ctx.t("要求", "required").into(),
        ctx.t("文件", "file").into(),
        ctx.t("大小", "size").into(),
        "SHA-256".into(),
        ctx.t("盖章", "sealed").into(),
        ctx.t("状态", "status").into(),
    ]);
    for r in rows {
        t.add_row(vec![
            format!("{} {}", r.folder, r.kind),
            r.requirement.zh().to_string(),
            r.file.clone(),
            r.size.map(|s| s.to_string()).unwrap_or_default(),
            r.sha256
                .as_deref()
                .map(|h| h[..16.min(h.len())].to_string())
                .unwrap_or_default(),
            match r.sealed {
                Some(true) => ctx.t("是", "yes").into(),
                Some(false) => ctx.t("否", "no").into(),
                None => "?".into(),
            },
            if r.is_ok() {
                ctx.t("齐全", "ok").into()
            } else {
                r.missing.clone()
            },
        ]);
    }
    if !ctx.color_stdout {
        t.force_no_tty();
    }
    let missing = rows.iter().filter(|r| !r.is_ok()).count();
    let summary = match ctx.lang {
        ccc_exempt::Lang::Zh if missing == 0 => "材料齐全。".to_string(),
        ccc_exempt::Lang::Zh => format!("{missing} 项材料有缺失或问题。"),
        ccc_exempt::Lang::En if missing == 0 => "All materials present.".to_string(),
        ccc_exempt::Lang::En => format!("{missing} material row(s) missing or with problems."),
    };
    Out::print(&format!("{t}\n{summary}\n"));
}

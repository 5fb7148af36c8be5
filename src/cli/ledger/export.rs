//! `ledger export -o FILE.xlsx|.csv|.json`: the 《CCC 免办进口产品管理台账》 for inspectors.

use std::path::PathBuf;

use super::super::output::Out;
use super::super::{Ctx, Format, only_formats};
use ccc_exempt::ledger::book;
use ccc_exempt::util::files::write_atomic;
use ccc_exempt::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The file to write; its extension chooses the format: .xlsx, .csv (UTF-8 with BOM) or .json.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
    /// Only this certificate.
    #[arg(long)]
    pub cert: Option<String>,
}

pub fn run(ctx: &Ctx, a: Args) -> Result<i32> {
    only_formats(ctx, &[Format::Human, Format::Json])?;
    let ext = a
        .output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if !["xlsx", "csv", "json"].contains(&ext.as_str()) {
        return Err(Error::Input(format!(
            "-o {}: {}",
            a.output.display(),
            ctx.t(
                "文件扩展名应为 .xlsx、.csv 或 .json",
                "the file must end in .xlsx, .csv or .json"
            )
        )));
    }
    let ws = ctx.workspace()?;
    let store = ws.store_read()?;
    let b = book::load(&store, a.cert.as_deref(), ws.config.applicant.name.clone())?;
    let bytes = match ext.as_str() {
        "xlsx" => book::to_xlsx(&b)?,
        "csv" => book::to_csv(&b)?,
        _ => {
            let mut v = serde_json::to_vec_pretty(&serde_json::json!({
                "schema": "ccc-exempt/ledger-export/1",
                "title": "CCC 免办进口产品管理台账",
                "book": b,
            }))
            .map_err(|e| Error::Storage(format!("cannot build JSON: {e}")))?;
            v.push(b'\n');
            v
        }
    };
    let out = if a.output.is_absolute() {
        a.output.clone()
    } else {
        ctx.discovery.cwd.join(&a.output)
    };
    let out = ccc_exempt::ops::output::destination(Some(&ws), &out, &[], ctx.lang)?.path;
    write_atomic(&out, &bytes).map_err(|e| Error::storage_io(&out, e))?;
    let rows: usize = b.certificates.iter().map(|c| c.rows.len()).sum();
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({
            "schema": "ccc-exempt/ledger-export-result/1",
            "file": out,
            "certificates": b.certificates.len(),
            "entries": rows,
            "bytes": bytes.len(),
        }));
    } else {
        ctx.status(&format!(
            "{} {} · {} {} · {} {}",
            ctx.t("已写入", "wrote"),
            out.display(),
            b.certificates.len(),
            ctx.t("个证明", "certificates"),
            rows,
            ctx.t("条", "entries")
        ));
    }
    Ok(0)
}

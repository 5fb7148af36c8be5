//! `ledger export -o FILE.xlsx|.csv|.json`: the 《CCC 免办进口产品管理台账》 for inspectors.

use std::path::PathBuf;

use super::super::output::Out;
use super::super::{Ctx, Format, only_formats};
use ccc_exempt::ledger::book::Format as FileFormat;
use ccc_exempt::ops::ledger::export;
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
    let Some(format) = FileFormat::of_path(&a.output) else {
        return Err(Error::Input(format!(
            "-o {}: {}",
            a.output.display(),
            ctx.t(
                "文件扩展名应为 .xlsx、.csv 或 .json",
                "the file must end in .xlsx, .csv or .json"
            )
        )));
    };
    let ws = ctx.workspace()?;
    let r = export::run(
        &ws,
        export::Options {
            output: super::resolve(ctx, &a.output),
            format,
            cert_no: a.cert,
        },
        ctx.now,
        ctx.lang,
    )?;
    if ctx.format == Format::Json {
        Out::json(&serde_json::json!({
            "schema": "ccc-exempt/ledger-export-result/1",
            "file": r.file,
            "certificates": r.certificates,
            "entries": r.entries,
            "bytes": r.bytes,
        }));
    } else {
        ctx.status(&format!(
            "{} {} · {} {} · {} {}",
            ctx.t("已写入", "wrote"),
            r.file.display(),
            r.certificates,
            ctx.t("个证明", "certificates"),
            r.entries,
            ctx.t("条", "entries")
        ));
    }
    Ok(0)
}

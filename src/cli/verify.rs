//! `verify FILE.zip [--fast|--complete]`: is the package safe, complete and valid? Lists every
//! problem. Exit 0 valid, 1 invalid, 2 not a zip or no such file. Nothing is extracted.

use serde::Serialize;

use super::output::Out;
use super::{Ctx, Format};
use ccc_exempt::package::{Level, VerifyReport, verify};
use ccc_exempt::{Lang, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The package (a zip written by `package`, or any zipped BagIt bag).
    pub file: std::path::PathBuf,
    /// Only zip safety and Payload-Oxum (sizes and count), no checksums.
    #[arg(long, conflicts_with = "complete")]
    pub fast: bool,
    /// Zip safety and completeness (every manifest line present, no unlisted payload file), no checksums.
    #[arg(long)]
    pub complete: bool,
}

#[derive(Serialize)]
struct Json<'a> {
    schema: &'static str,
    #[serde(flatten)]
    report: &'a VerifyReport,
}

pub fn run(ctx: &Ctx, a: Args) -> Result<i32> {
    super::only_formats(ctx, &[Format::Human, Format::Json])?;
    let level = if a.fast {
        Level::Fast
    } else if a.complete {
        Level::Complete
    } else {
        Level::Valid
    };
    let report = verify(&a.file, level, ctx.lang)?;
    match ctx.format {
        Format::Json => Out::json(&Json {
            schema: "ccc-exempt/verify/1",
            report: &report,
        }),
        _ => human(ctx, &report),
    }
    Ok(if report.valid { 0 } else { 1 })
}

fn level_name(lang: Lang, l: Level) -> &'static str {
    match l {
        Level::Fast => lang.pick("快速（Payload-Oxum）", "fast (Payload-Oxum)"),
        Level::Complete => lang.pick("完整性", "complete"),
        Level::Valid => lang.pick("完整性与校验和", "valid (every checksum)"),
    }
}

fn human(ctx: &Ctx, r: &VerifyReport) {
    let mut s = String::new();
    let bag = r.bag.as_deref().unwrap_or("?");
    if r.valid {
        s.push_str(&match ctx.lang {
            Lang::Zh => format!(
                "✓ 有效：{}（包 {bag}，{} 个载荷文件，{} 字节；校验：{}）\n",
                r.file,
                r.payload_files,
                r.payload_bytes,
                level_name(ctx.lang, r.level)
            ),
            Lang::En => format!(
                "✓ valid: {} (bag {bag}, {} payload files, {} bytes; checked: {})\n",
                r.file,
                r.payload_files,
                r.payload_bytes,
                level_name(ctx.lang, r.level)
            ),
        });
    } else {
        s.push_str(&match ctx.lang {
            Lang::Zh => format!("✗ 无效：{}，{} 个问题：\n", r.file, r.problems.len()),
            Lang::En => format!("✗ invalid: {}: {} problem(s):\n", r.file, r.problems.len()),
        });
        for p in &r.problems {
            s.push_str(&format!(
                "  {:<20} {}{}\n",
                p.code,
                p.path
                    .as_deref()
                    .map(|x| format!("{x}: "))
                    .unwrap_or_default(),
                p.message
            ));
        }
    }
    if r.draft {
        s.push_str(ctx.t(
            "注意：这是草稿包（CCC-Draft: yes），不得上传。\n",
            "note: this is a draft package (CCC-Draft: yes), not for upload.\n",
        ));
    }
    for n in &r.notes {
        s.push_str(&format!("{}: {n}\n", ctx.t("说明", "note")));
    }
    Out::print(&s);
}

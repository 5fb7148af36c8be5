//! `verify FILE.zip [--fast|--complete]`: is the package safe, complete and valid? Lists every
//! problem (V001–V026) as human, JSON (schema `ccc-exempt/verify/3`), JUnit or SARIF. Exit 0
//! valid (no problem at severity error), 1 invalid, 2 not a zip or no such file. Nothing is
//! extracted. Inside a workspace its `[severity]` table applies. The use case is
//! `ccc_exempt::ops::verify`.

use serde::Serialize;

use super::output::Out;
use super::report::{self, Subject};
use super::{Ctx, Format};
use ccc_exempt::model::diagnostic::Severity;
use ccc_exempt::ops::verify;
use ccc_exempt::package::{Level, VerifyReport};
use ccc_exempt::workspace::Workspace;
use ccc_exempt::{ErrorKind, Lang, Result};

pub const JSON_SCHEMA: &str = "ccc-exempt/verify/3";

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

/// The workspace the command runs in, for its `[severity]` table; none outside a workspace (a
/// package can be verified anywhere), but a workspace whose configuration is malformed is an
/// input error like everywhere else.
fn workspace(ctx: &Ctx) -> Result<Option<Workspace>> {
    match ctx.workspace() {
        Ok(ws) => Ok(Some(ws)),
        Err(e) if e.kind() == ErrorKind::Storage => Ok(None),
        Err(e) => Err(e),
    }
}

pub fn run(ctx: &Ctx, a: Args) -> Result<i32> {
    let level = if a.fast {
        Level::Fast
    } else if a.complete {
        Level::Complete
    } else {
        Level::Valid
    };
    let ws = workspace(ctx)?;
    let opts = verify::Options {
        file: a.file,
        level,
    };
    let report = verify::run(ws.as_ref(), opts, ctx.lang)?;
    let subjects = [Subject {
        name: report.file.clone(),
        file: Some(report.file.clone()),
        diagnostics: &report.problems,
    }];
    match ctx.format {
        Format::Json => Out::json(&Json {
            schema: JSON_SCHEMA,
            report: &report,
        }),
        Format::Junit => Out::print(&report::junit(
            ctx.lang,
            "ccc-exempt verify",
            &subjects,
            &report::verify_codes(),
            Severity::Error,
        )),
        Format::Sarif => Out::json(&report::sarif(&subjects, &report::verify_codes())),
        Format::Human => human(ctx, &report),
    }
    Ok(if report.valid { 0 } else { 1 })
}

fn level_name(lang: Lang, l: Level) -> &'static str {
    match l {
        Level::Fast => lang.pick("快速（Payload-Oxum）", "fast (Payload-Oxum)"),
        Level::Complete => lang.pick("完整性", "complete"),
        Level::Valid => lang.pick(
            "完整性与每个校验和",
            "structure, completeness and every checksum",
        ),
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
        let (errors, _, _) = report::counts(&r.problems);
        s.push_str(&match ctx.lang {
            Lang::Zh => format!(
                "✗ 无效：{}，{} 个问题（{errors} 个错误）：\n",
                r.file,
                r.problems.len()
            ),
            Lang::En => format!(
                "✗ invalid: {}: {} problem(s), {errors} error(s):\n",
                r.file,
                r.problems.len()
            ),
        });
    }
    if !r.problems.is_empty() {
        s.push_str(&report::human_table(ctx, &r.problems, ctx.color_stdout));
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

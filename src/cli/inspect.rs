//! `inspect FILE ... [--preview PNG] [--fact TEXT ...]`: what the material examination sees in
//! each file (pages, dpi, sharpness, seals with their position and colour, the text and where it
//! came from), as a table or `--format json` (schema `ccc-exempt/inspect/1`); `--preview` writes
//! the first page with the seals (green: red ink, orange: grey) and the words read boxed. The use
//! case is `ccc_exempt::ops::inspect`.

use std::path::PathBuf;

use super::output::Out;
use super::{Ctx, Format};
use ccc_exempt::Result;
use ccc_exempt::content::{SealColour, TextFrom};
use ccc_exempt::ops::inspect;

pub const JSON_SCHEMA: &str = "ccc-exempt/inspect/1";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Material files (PDF, JPEG, PNG).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Write a PNG of the first file's first page with the seals and the words read boxed.
    #[arg(long, value_name = "PNG")]
    pub preview: Option<PathBuf>,
    /// A declared fact (model, number, name) to look for in the text; may be repeated.
    #[arg(long, value_name = "TEXT")]
    pub fact: Vec<String>,
}

pub fn run(ctx: &Ctx, a: Args) -> Result<i32> {
    let ws = ctx.workspace().ok();
    let opts = inspect::Options {
        files: a.files,
        preview: a.preview,
        facts: a.fact,
        engines: super::engines::find(ws.as_ref()),
    };
    let r = inspect::run(ws.as_ref(), opts, ctx.lang)?;
    if ctx.format == Format::Json {
        Out::json(
            &serde_json::json!({ "schema": JSON_SCHEMA, "files": r.files, "preview": r.preview }),
        );
        return Ok(0);
    }
    let mut s = String::new();
    for f in &r.files {
        let e = &f.examination;
        s.push_str(&format!(
            "{} ({}, {} {})\n",
            f.file,
            e.format,
            e.pages.len(),
            ctx.t("页", "page(s)")
        ));
        if let Some(p) = &e.problem {
            s.push_str(&format!("  {}: {p:?}\n", ctx.t("未能检查", "not examined")));
        }
        for p in &e.pages {
            s.push_str(&format!(
                "  {} {} ({:.0}×{:.0} mm)",
                ctx.t("第", "page"),
                p.number,
                p.width_mm,
                p.height_mm
            ));
            match &p.image {
                Some(i) => s.push_str(&format!(
                    ": {}×{} px, {:.0} dpi, {} {}{}\n",
                    i.width_px,
                    i.height_px,
                    i.dpi,
                    ctx.t("清晰度", "sharpness"),
                    i.sharpness
                        .map(|v| format!("{v:.0}"))
                        .unwrap_or_else(|| "—".into()),
                    if i.illegible() {
                        ctx.t("（不清晰）", " (not legible)")
                    } else {
                        ""
                    }
                )),
                None => s.push_str(&format!(": {}\n", ctx.t("无图像", "no image"))),
            }
            if p.image.is_some() && p.seals.is_empty() {
                s.push_str(&format!("    {}\n", ctx.t("未找到公章", "no seal found")));
            }
            for seal in &p.seals {
                let colour = match seal.colour {
                    SealColour::Red => ctx.t("红色", "red"),
                    SealColour::Grey => ctx.t("灰色（像复印件）", "grey (looks like a copy)"),
                };
                s.push_str(&format!(
                    "    {} {colour}: {:.0}, {:.0} mm, {:.0}×{:.0} mm, {} {:.0}%, {} {}\n",
                    ctx.t("公章", "seal"),
                    seal.x_mm,
                    seal.y_mm,
                    seal.width_mm,
                    seal.height_mm,
                    ctx.t("环覆盖", "ring"),
                    seal.ring * 100.0,
                    ctx.t("红度", "redness"),
                    seal.redness
                ));
            }
            let from = match p.text_from {
                Some(TextFrom::Layer) => ctx.t("文字层", "text layer"),
                Some(TextFrom::Ocr) => ctx.t("文字识别", "OCR"),
                None => ctx.t("无文字", "no text"),
            };
            let text: String = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let short: String = text.chars().take(120).collect();
            s.push_str(&format!(
                "    {from}: {short}{}\n",
                if text.chars().count() > 120 {
                    "…"
                } else {
                    ""
                }
            ));
            if let Some(pr) = &p.problem {
                s.push_str(&format!(
                    "    {}: {pr:?}\n",
                    ctx.t("未能完全检查", "not fully examined")
                ));
            }
        }
        for (fact, found) in &f.facts {
            s.push_str(&format!(
                "  {fact}: {}\n",
                if *found {
                    ctx.t("找到", "found")
                } else {
                    ctx.t("未找到", "not found")
                }
            ));
        }
    }
    if let Some(p) = &r.preview {
        s.push_str(&format!("{}: {}\n", ctx.t("预览", "preview"), p.display()));
    }
    Out::print(&s);
    Ok(0)
}

//! The commitment letter (后续管理承诺书, 附件2-1) as DOCX, ready to print, sign and seal.
//!
//! The wording is a template (`data/letter-template.toml`, or the workspace's own through
//! `letter_template`): this file only lays it out. Placeholders are checked when the template is
//! loaded, so a typo in a workspace template is an input error with its position, not a letter
//! with `{aplicant}` in it.

use std::collections::BTreeMap;
use std::path::Path;

use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Table, TableCell,
    TableRow,
};
use serde::Deserialize;

use super::{DocumentInput, date_zh, numeral_zh, or_blank};
use crate::application::Condition;
use crate::error::{Error, Result};
use crate::model::codes::Code;
use crate::model::diagnostic::{Diagnostic, Location};
use crate::rules::Rulebook;
use crate::util::dos_time::DosTime;

const BUNDLED: &str = include_str!("../../data/letter-template.toml");

/// Every placeholder a template may use.
pub const PLACEHOLDERS: &[&str] = &[
    "applicant",
    "uscc",
    "address",
    "contact",
    "phone",
    "authority",
    "condition_no",
    "condition_zh",
    "purpose",
    "date",
    "plan",
    "declared_disposal",
    "end_user",
    "equipment",
    "line",
    "exhibition_name",
    "exhibition_venue",
    "exhibition_period",
    "finished_product",
    "export_contract_no",
    "committed_export_date",
    "justification",
    "product_count",
    "total_quantity",
];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LetterTemplate {
    pub version: u32,
    pub annex: String,
    pub title: String,
    pub default_authority: String,
    pub addressee: String,
    pub intro: Vec<String>,
    pub products_caption: String,
    /// 序号, 产品名称, 规格型号, 数量, 单位, 目录产品代码 (six headings, in this order).
    pub product_columns: Vec<String>,
    pub commitments_caption: String,
    pub commitments: Vec<Commitment>,
    pub closing: String,
    pub signature: Signature,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    pub id: String,
    /// Condition slugs, or `*` for all.
    pub conditions: Vec<String>,
    /// Print only when this placeholder has a value.
    #[serde(default)]
    pub when: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    pub applicant: String,
    pub representative: String,
    pub date: String,
}

/// The `{name}` placeholders of a text.
fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j) => {
                out.push(&after[..j]);
                rest = &after[j + 1..];
            }
            None => break,
        }
    }
    out
}

impl LetterTemplate {
    /// The bundled template (validated by a test).
    pub fn bundled() -> LetterTemplate {
        LetterTemplate::parse(Path::new("data/letter-template.toml"), BUNDLED)
            .expect("the bundled letter template is valid (tested)")
    }

    /// A workspace template file.
    pub fn load(path: &Path) -> Result<LetterTemplate> {
        let text = crate::util::text::read_text(path)?;
        LetterTemplate::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<LetterTemplate> {
        let tpl: LetterTemplate = toml::from_str(text).map_err(|e| {
            crate::util::text::toml_error(path, text, e.span(), "letter template", e.message())
        })?;
        let mut problems = Vec::new();
        let mut bad = |what: String| {
            problems.push(Diagnostic::new(Code::T003, what).at(Location::file(
                path.display().to_string(),
                1,
                1,
                None,
            )))
        };
        if tpl.product_columns.len() != 6 {
            bad(format!(
                "product_columns must hold 6 headings (序号, 产品名称, 规格型号, 数量, 单位, 目录产品代码), found {}",
                tpl.product_columns.len()
            ));
        }
        let mut texts: Vec<(String, &str)> = vec![
            ("addressee".into(), tpl.addressee.as_str()),
            ("products_caption".into(), &tpl.products_caption),
            ("commitments_caption".into(), &tpl.commitments_caption),
            ("closing".into(), &tpl.closing),
            ("signature.applicant".into(), &tpl.signature.applicant),
            (
                "signature.representative".into(),
                &tpl.signature.representative,
            ),
            ("signature.date".into(), &tpl.signature.date),
            ("title".into(), &tpl.title),
        ];
        for (i, p) in tpl.intro.iter().enumerate() {
            texts.push((format!("intro[{i}]"), p));
        }
        for (i, c) in tpl.commitments.iter().enumerate() {
            texts.push((format!("commitments[{i}] ({})", c.id), &c.text));
            for cond in &c.conditions {
                if cond != "*" && Condition::parse(cond).is_none() {
                    bad(format!(
                        "commitments[{i}] ({}): unknown condition {cond:?}; use one of research, repair, production-line, exhibition, export-assembly, other or \"*\"",
                        c.id
                    ));
                }
            }
            if let Some(w) = &c.when
                && !PLACEHOLDERS.contains(&w.as_str())
            {
                bad(format!(
                    "commitments[{i}] ({}): `when` names unknown placeholder {w:?}",
                    c.id
                ));
            }
        }
        for (key, text) in texts {
            for p in placeholders(text) {
                if !PLACEHOLDERS.contains(&p) {
                    let hint = crate::util::text::closest(p, PLACEHOLDERS)
                        .map(|c| format!("; did you mean {{{c}}}?"))
                        .unwrap_or_default();
                    bad(format!("{key}: unknown placeholder {{{p}}}{hint}"));
                }
            }
        }
        if problems.is_empty() {
            Ok(tpl)
        } else {
            Err(Error::Invalid {
                path: path.to_path_buf(),
                problems,
            })
        }
    }
}

fn disposal_zh(v: Option<&str>) -> Option<String> {
    match v.map(str::trim) {
        Some("destroy") => Some("销毁".into()),
        Some("reexport") => Some("退运".into()),
        Some("") | None => None,
        Some(other) => Some(other.to_string()),
    }
}

fn some(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Total quantity per unit, in the order units first appear: `3台、5件`.
pub fn total_by_unit(input: &DocumentInput<'_>) -> String {
    let mut order: Vec<String> = Vec::new();
    let mut sums: BTreeMap<String, i64> = BTreeMap::new();
    for p in &input.app.products {
        let unit = p.unit.clone().unwrap_or_default();
        if !sums.contains_key(&unit) {
            order.push(unit.clone());
        }
        *sums.entry(unit).or_default() += p.quantity.unwrap_or(0).max(0);
    }
    order
        .iter()
        .map(|u| format!("{}{}", sums[u], u))
        .collect::<Vec<_>>()
        .join("、")
}

/// The placeholder values of an application (`None`: print a blank).
pub fn values(
    tpl: &LetterTemplate,
    input: &DocumentInput<'_>,
) -> BTreeMap<&'static str, Option<String>> {
    let app = input.app;
    let a = &app.applicant;
    let rb = Rulebook::get();
    let cond = app.condition.map(|c| rb.condition(c));
    let mut v: BTreeMap<&'static str, Option<String>> = BTreeMap::new();
    v.insert("applicant", some(&a.name));
    v.insert("uscc", some(&a.uscc));
    v.insert("address", some(&a.address));
    v.insert("contact", some(&a.contact));
    v.insert("phone", some(&a.phone));
    v.insert(
        "authority",
        Some(
            input
                .authority
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .unwrap_or(&tpl.default_authority)
                .to_string(),
        ),
    );
    v.insert("condition_no", cond.map(|c| numeral_zh(c.number as usize)));
    v.insert("condition_zh", cond.map(|c| c.zh.clone()));
    v.insert("purpose", some(&app.purpose));
    v.insert("date", Some(date_zh(input.date)));
    let research = app.research.as_ref();
    let exhibition = app.exhibition.as_ref();
    v.insert("plan", research.and_then(|r| some(&r.plan)));
    let disposal = match app.condition {
        Some(Condition::Research) => research.and_then(|r| disposal_zh(r.disposal.as_deref())),
        Some(Condition::Exhibition) => exhibition.and_then(|e| disposal_zh(e.disposal.as_deref())),
        _ => None,
    };
    v.insert("declared_disposal", disposal);
    v.insert(
        "end_user",
        app.repair.as_ref().and_then(|r| some(&r.end_user)),
    );
    v.insert(
        "equipment",
        app.repair.as_ref().and_then(|r| some(&r.equipment)),
    );
    v.insert(
        "line",
        app.production_line.as_ref().and_then(|r| some(&r.line)),
    );
    v.insert("exhibition_name", exhibition.and_then(|e| some(&e.name)));
    v.insert("exhibition_venue", exhibition.and_then(|e| some(&e.venue)));
    v.insert(
        "exhibition_period",
        exhibition.and_then(|e| match (e.start, e.end) {
            (Some(s), Some(t)) => Some(format!("{}至{}", date_zh(s), date_zh(t))),
            (Some(s), None) => Some(format!("自{}起", date_zh(s))),
            _ => None,
        }),
    );
    let ea = app.export_assembly.as_ref();
    v.insert(
        "finished_product",
        ea.and_then(|e| some(&e.finished_product)),
    );
    v.insert(
        "export_contract_no",
        ea.and_then(|e| some(&e.export_contract_no)),
    );
    v.insert(
        "committed_export_date",
        ea.and_then(|e| e.committed_export_date.map(date_zh)),
    );
    v.insert(
        "justification",
        app.other.as_ref().and_then(|o| some(&o.justification)),
    );
    v.insert("product_count", Some(app.products.len().to_string()));
    v.insert("total_quantity", Some(total_by_unit(input)));
    v
}

/// Fill the placeholders of `text`.
pub fn fill(text: &str, values: &BTreeMap<&'static str, Option<String>>) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j) => {
                let key = &after[..j];
                match values.get(key) {
                    Some(v) => out.push_str(&or_blank(v.as_deref())),
                    None => {
                        out.push('{');
                        out.push_str(key);
                        out.push('}');
                    }
                }
                rest = &after[j + 1..];
            }
            None => {
                out.push_str(&rest[i..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The commitments that apply to the application, filled, in template order.
pub fn commitments(tpl: &LetterTemplate, input: &DocumentInput<'_>) -> Vec<String> {
    let vals = values(tpl, input);
    let slug = input.app.condition.map(|c| c.slug());
    tpl.commitments
        .iter()
        .filter(|c| {
            c.conditions
                .iter()
                .any(|k| k == "*" || Condition::parse(k).map(|c| c.slug()) == slug)
        })
        .filter(|c| match &c.when {
            Some(w) => vals.get(w.as_str()).is_some_and(|v| v.is_some()),
            None => true,
        })
        .map(|c| fill(&c.text, &vals))
        .collect()
}

const BODY_SIZE: usize = 24; // 小四, in half-points

pub(super) fn fonts() -> RunFonts {
    RunFonts::new()
        .east_asia("宋体")
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
}

pub(super) fn run(text: &str) -> Run {
    Run::new().add_text(text).fonts(fonts()).size(BODY_SIZE)
}

pub(super) fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text))
        .first_line_chars(200)
        .line_spacing(LineSpacing::new().line(360))
}

pub(super) fn cell(text: &str, bold: bool) -> TableCell {
    let mut r = Run::new().add_text(text).fonts(fonts()).size(21);
    if bold {
        r = r.bold();
    }
    TableCell::new().add_paragraph(Paragraph::new().add_run(r).align(AlignmentType::Center))
}

/// The letter as DOCX bytes.
pub fn render_docx(
    tpl: &LetterTemplate,
    input: &DocumentInput<'_>,
    time: DosTime,
) -> Result<Vec<u8>> {
    let vals = values(tpl, input);
    let items = commitments(tpl, input);
    // docx-rs numbers paragraphs with a per-thread counter: a fresh thread gives the same IDs
    // however many documents this process made before.
    let raw = std::thread::scope(|s| {
        s.spawn(|| build_docx(tpl, input, &vals, &items))
            .join()
            .map_err(|_| Error::Storage("the DOCX writer panicked".into()))?
    })?;
    super::ooxml::normalise(&raw, time)
        .map_err(|e| Error::Storage(format!("cannot write the DOCX: {e}")))
}

fn build_docx(
    tpl: &LetterTemplate,
    input: &DocumentInput<'_>,
    vals: &BTreeMap<&'static str, Option<String>>,
    items: &[String],
) -> Result<Vec<u8>> {
    let date = input.date.format("%Y-%m-%dT00:00:00Z").to_string();
    let mut doc = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(1440)
                .bottom(1440)
                .left(1588)
                .right(1588),
        )
        .default_fonts(fonts())
        .default_size(BODY_SIZE)
        .created_at(&date)
        .updated_at(&date);
    doc = doc.add_paragraph(
        Paragraph::new().add_run(
            Run::new()
                .add_text(&tpl.annex)
                .fonts(RunFonts::new().east_asia("黑体"))
                .size(32),
        ),
    );
    doc = doc.add_paragraph(
        Paragraph::new()
            .add_run(
                Run::new()
                    .add_text(fill(&tpl.title, vals))
                    .fonts(fonts())
                    .size(44)
                    .bold(),
            )
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().before(240).after(240)),
    );
    doc = doc.add_paragraph(
        Paragraph::new()
            .add_run(run(&fill(&tpl.addressee, vals)))
            .line_spacing(LineSpacing::new().line(360)),
    );
    for p in &tpl.intro {
        doc = doc.add_paragraph(body(&fill(p, vals)));
    }
    doc = doc.add_paragraph(body(&fill(&tpl.products_caption, vals)));
    let mut rows = vec![TableRow::new(
        tpl.product_columns.iter().map(|h| cell(h, true)).collect(),
    )];
    for (i, p) in input.app.products.iter().enumerate() {
        let q = p.quantity.map(|q| q.to_string()).unwrap_or_default();
        rows.push(TableRow::new(vec![
            cell(&(i + 1).to_string(), false),
            cell(p.name.as_deref().unwrap_or(""), false),
            cell(p.model.as_deref().unwrap_or(""), false),
            cell(&q, false),
            cell(p.unit.as_deref().unwrap_or(""), false),
            cell(p.ccc_code.as_deref().unwrap_or(""), false),
        ]));
    }
    doc = doc.add_table(Table::new(rows).set_grid(vec![700, 2300, 1900, 1000, 900, 1930]));
    doc = doc.add_paragraph(
        Paragraph::new()
            .add_run(run(&fill(&tpl.commitments_caption, vals)))
            .first_line_chars(200)
            .line_spacing(LineSpacing::new().before(240).line(360)),
    );
    for (i, text) in items.iter().enumerate() {
        doc = doc.add_paragraph(body(&format!("{}、{text}", numeral_zh(i + 1))));
    }
    doc = doc.add_paragraph(body(&fill(&tpl.closing, vals)));
    doc = doc.add_paragraph(Paragraph::new());
    for line in [
        &tpl.signature.applicant,
        &tpl.signature.representative,
        &tpl.signature.date,
    ] {
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(run(&fill(line, vals)))
                .indent(Some(4200), None, None, None)
                .line_spacing(LineSpacing::new().line(480)),
        );
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut buf)
        .map_err(|e| Error::Storage(format!("cannot write the DOCX: {e}")))?;
    Ok(buf.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_template_is_valid_and_covers_every_condition() {
        let tpl = LetterTemplate::bundled();
        for c in Condition::ALL {
            let disposal = tpl
                .commitments
                .iter()
                .filter(|k| k.conditions.iter().any(|s| s == c.slug()))
                .count();
            assert!(disposal >= 1, "no commitment specific to {c}");
        }
    }

    #[test]
    fn unknown_placeholder_is_reported() {
        let text = BUNDLED.replace("{applicant}（统一", "{aplicant}（统一");
        let err = LetterTemplate::parse(Path::new("t.toml"), &text).unwrap_err();
        assert!(
            err.to_string().contains("did you mean {applicant}"),
            "{err}"
        );
    }

    #[test]
    fn fill_blanks_missing_values() {
        let mut v = BTreeMap::new();
        v.insert("applicant", Some("某公司".to_string()));
        v.insert("phone", None);
        assert_eq!(fill("{applicant}，电话{phone}", &v), "某公司，电话________");
    }
}

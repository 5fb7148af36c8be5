//! The documents the applicant writes itself, as DOCX drafts filled from the application: the
//! 关于相应产品符合国内安全标准的承诺 (conditions 2 and 4), the 申请单位声明 with the exhibition
//! period and disposal (condition 4), a 研究、开发、测试计划书 skeleton (condition 1) and the
//! 特殊用途说明 (condition 6). Their wording is data (`data/draft-templates.toml`, replaceable by
//! the workspace's `draft_templates`); the placeholders are the letter's (`letter::values`).
//! Each draft names what the applicant must still write or sign.

use std::path::Path;

use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Table, TableRow,
};
use serde::Deserialize;

use super::DocumentInput;
use super::letter::{self, LetterTemplate, body, cell, fill, fonts, run};
use crate::error::{Error, Result};
use crate::util::dos_time::DosTime;

const BUNDLED: &str = include_str!("../../data/draft-templates.toml");

/// The drafts' templates.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftTemplates {
    pub version: u32,
    pub documents: Vec<DraftTemplate>,
    pub signature: letter::Signature,
}

/// One draft.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftTemplate {
    /// `safety-commitment` | `exhibition-statement` | `test-plan` | `justification`.
    pub kind: String,
    /// The material kind of application.toml whose scan the signed document becomes.
    pub material: String,
    /// The conditions it is for (slugs).
    pub conditions: Vec<String>,
    /// The default file name (without `ID-` and `.docx`).
    pub file_name: String,
    pub title: String,
    pub addressee: String,
    pub paragraphs: Vec<String>,
    /// Print the product lines as a table.
    pub products: bool,
    /// What the applicant must still write or sign.
    pub to_write: Vec<String>,
}

/// The kinds of draft, in the order of SPEC section 3.
pub const KINDS: [&str; 4] = [
    "safety-commitment",
    "exhibition-statement",
    "test-plan",
    "justification",
];

impl DraftTemplates {
    pub fn bundled() -> DraftTemplates {
        DraftTemplates::parse(Path::new("data/draft-templates.toml"), BUNDLED)
            .expect("the bundled draft templates are valid (tested)")
    }

    pub fn load(path: &Path) -> Result<DraftTemplates> {
        let text = crate::util::text::read_text(path)?;
        DraftTemplates::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<DraftTemplates> {
        let t: DraftTemplates = toml::from_str(text).map_err(|e| {
            crate::util::text::toml_error(path, text, e.span(), "draft templates", e.message())
        })?;
        for k in KINDS {
            if !t.documents.iter().any(|d| d.kind == k) {
                return Err(Error::Input(format!(
                    "{}: draft templates: no document of kind {k:?}",
                    path.display()
                )));
            }
        }
        Ok(t)
    }

    pub fn get(&self, kind: &str) -> Option<&DraftTemplate> {
        self.documents.iter().find(|d| d.kind == kind)
    }
}

/// A draft rendered.
#[derive(Debug, Clone)]
pub struct Draft {
    pub bytes: Vec<u8>,
    /// What the applicant must still write or sign (filled).
    pub to_write: Vec<String>,
    /// Placeholders that had no value in the application (printed as blanks).
    pub blanks: Vec<&'static str>,
}

/// The draft `t` for `input`, as DOCX. `letter` gives the placeholders' defaults (the
/// addressee).
pub fn render_docx(
    t: &DraftTemplate,
    sig: &letter::Signature,
    letter_tpl: &LetterTemplate,
    input: &DocumentInput<'_>,
    time: DosTime,
) -> Result<Draft> {
    let vals = letter::values(letter_tpl, input);
    let mut blanks: Vec<&'static str> = Vec::new();
    let texts: Vec<&String> = t
        .paragraphs
        .iter()
        .chain(std::iter::once(&t.addressee))
        .collect();
    for (k, v) in &vals {
        let used = texts.iter().any(|p| p.contains(&format!("{{{k}}}")));
        if used && v.as_deref().is_none_or(|s| s.trim().is_empty()) {
            blanks.push(k);
        }
    }
    let to_write: Vec<String> = t.to_write.iter().map(|w| fill(w, &vals)).collect();
    let raw = std::thread::scope(|s| {
        s.spawn(|| build(t, sig, input, &vals, &to_write))
            .join()
            .map_err(|_| Error::Storage("the DOCX writer panicked".into()))?
    })?;
    let bytes = super::ooxml::normalise(&raw, time)
        .map_err(|e| Error::Storage(format!("cannot write the DOCX: {e}")))?;
    Ok(Draft {
        bytes,
        to_write,
        blanks,
    })
}

fn build(
    t: &DraftTemplate,
    sig: &letter::Signature,
    input: &DocumentInput<'_>,
    vals: &std::collections::BTreeMap<&'static str, Option<String>>,
    to_write: &[String],
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
        .default_size(24)
        .created_at(&date)
        .updated_at(&date);
    doc = doc.add_paragraph(
        Paragraph::new()
            .add_run(
                Run::new()
                    .add_text(fill(&t.title, vals))
                    .fonts(fonts())
                    .size(40)
                    .bold(),
            )
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().before(240).after(240)),
    );
    let addressee = fill(&t.addressee, vals);
    if !addressee.trim().is_empty() {
        doc = doc.add_paragraph(Paragraph::new().add_run(run(&addressee)));
    }
    for p in &t.paragraphs {
        doc = doc.add_paragraph(body(&fill(p, vals)));
    }
    if t.products {
        let mut rows = vec![TableRow::new(
            ["序号", "产品名称", "规格型号", "数量", "单位"]
                .iter()
                .map(|h| cell(h, true))
                .collect(),
        )];
        for (i, p) in input.app.products.iter().enumerate() {
            rows.push(TableRow::new(vec![
                cell(&(i + 1).to_string(), false),
                cell(p.name.as_deref().unwrap_or(""), false),
                cell(p.model.as_deref().unwrap_or(""), false),
                cell(
                    &p.quantity.map(|q| q.to_string()).unwrap_or_default(),
                    false,
                ),
                cell(p.unit.as_deref().unwrap_or(""), false),
            ]));
        }
        doc = doc.add_table(Table::new(rows).set_grid(vec![800, 2800, 2300, 1300, 1300]));
    }
    doc = doc.add_paragraph(
        Paragraph::new()
            .add_run(
                Run::new()
                    .add_text("【待申请人填写或签署】")
                    .fonts(RunFonts::new().east_asia("黑体"))
                    .size(24)
                    .bold(),
            )
            .line_spacing(LineSpacing::new().before(240).line(360)),
    );
    for (i, w) in to_write.iter().enumerate() {
        doc = doc.add_paragraph(body(&format!("{}. {w}", i + 1)));
    }
    doc = doc.add_paragraph(Paragraph::new());
    for line in [&sig.applicant, &sig.representative, &sig.date] {
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
    fn the_bundled_templates_have_every_kind_and_known_placeholders() {
        let t = DraftTemplates::bundled();
        // The drafts fill the letter's placeholders (the one list of them).
        let keys = crate::documents::letter::PLACEHOLDERS;
        for d in &t.documents {
            assert!(KINDS.contains(&d.kind.as_str()));
            assert!(!d.to_write.is_empty(), "{}", d.kind);
            let rb = crate::rules::Rulebook::get();
            assert!(rb.material(&d.material).is_some(), "{}", d.material);
            for p in d.paragraphs.iter().chain([&d.addressee, &d.title]) {
                let mut rest = p.as_str();
                while let Some(i) = rest.find('{') {
                    let j = rest[i..].find('}').unwrap() + i;
                    assert!(keys.contains(&&rest[i + 1..j]), "{}: {p}", d.kind);
                    rest = &rest[j + 1..];
                }
            }
        }
        let bad = BUNDLED.replace("kind = \"test-plan\"", "kind = \"plan\"");
        assert!(DraftTemplates::parse(Path::new("t.toml"), &bad).is_err());
    }
}

//! What the materials' files show against what the application declares (SPEC section 6,
//! "Material content"): M012 (no seal), M013 (a grey seal: a copy), M014 (not legible), M015 (a
//! declared fact not in the text), M016 (the business licence names another company), M017 (not
//! examined). Pure: the examinations come in (`ops::check` made or cached them).

use std::borrow::Cow;

use crate::application::LoadedApplication;
use crate::application::uscc;
use crate::content::{Examination, Problem, SealColour, TextFrom, facts, legibility};
use crate::model::codes::Code;
use crate::model::diagnostic::{Diagnostic, Location, Measured, SealSeen, Severity};
use crate::{Lang, content};

/// One examined file of a material.
pub struct Examined<'a> {
    /// Index of the material in `[[materials]]` and of the file in its `files`.
    pub material: usize,
    pub file: usize,
    /// The path as written.
    pub rel: &'a str,
    pub exam: &'a Examination,
}

struct Out<'a> {
    lang: Lang,
    loaded: &'a LoadedApplication,
    findings: Vec<Diagnostic>,
}

impl Out<'_> {
    fn t<'s>(&self, zh: &'s str, en: &'s str) -> &'s str {
        self.lang.pick(zh, en)
    }

    fn push(&mut self, code: Code, key: &str, message: String, m: Measured) {
        let (line, column) = self.loaded.position(key);
        let file = self.loaded.path.display().to_string();
        self.findings.push(
            Diagnostic::new(code, message)
                .at(Location::file(file, line, column, Some(key.to_string())))
                .measured(m),
        );
    }
}

fn seen(s: &content::Seal) -> SealSeen {
    SealSeen {
        x_mm: s.x_mm.round() as u32,
        y_mm: s.y_mm.round() as u32,
        width_mm: s.width_mm.round() as u32,
        height_mm: s.height_mm.round() as u32,
        colour: match s.colour {
            SealColour::Red => "red",
            SealColour::Grey => "grey",
        },
        redness: u32::from(s.redness),
    }
}

fn text_from(e: &Examination) -> Option<&'static str> {
    let ocr = e.pages.iter().any(|p| p.text_from == Some(TextFrom::Ocr));
    let layer = e.pages.iter().any(|p| p.text_from == Some(TextFrom::Layer));
    match (layer, ocr) {
        (true, false) => Some("layer"),
        (false, true) => Some("ocr"),
        (true, true) => Some("layer+ocr"),
        _ => None,
    }
}

/// The findings of the examined files of one application.
pub fn findings(
    lang: Lang,
    loaded: &LoadedApplication,
    examined: &[Examined<'_>],
) -> Vec<Diagnostic> {
    let mut o = Out {
        lang,
        loaded,
        findings: Vec::new(),
    };
    for x in examined {
        file_findings(&mut o, x);
    }
    let app = &loaded.app;
    // The models of the product lines, looked for in the comparison table and in the import
    // documents: prepared (normalised, their automaton built) once for both.
    let models: Vec<&str> = app
        .products
        .iter()
        .filter_map(|p| p.model.as_deref().filter(|s| !s.trim().is_empty()))
        .collect();
    let model_needles = std::cell::OnceCell::new();
    for (j, m) in app.materials.iter().enumerate() {
        let files: Vec<&Examined<'_>> = examined.iter().filter(|x| x.material == j).collect();
        if files.is_empty() || !files.iter().any(|x| x.exam.has_text()) {
            continue;
        }
        let text: String = files
            .iter()
            .map(|x| x.exam.text())
            .collect::<Vec<_>>()
            .join("\n");
        let from = files.iter().find_map(|x| text_from(x.exam));
        let names: Vec<&str> = files.iter().map(|x| x.rel).collect();
        let kind = m.kind.as_deref().map(str::trim).unwrap_or("");
        let mut wanted: Vec<(&str, Cow<'_, str>)> = Vec::new();
        match kind {
            "import-documents" | "comparison-table" => {
                for model in &models {
                    wanted.push((o.t("型号", "model"), Cow::Borrowed(*model)));
                }
                if kind == "import-documents" {
                    for n in app.import.numbers() {
                        wanted.push((o.t("单证编号", "document number"), Cow::Borrowed(n)));
                    }
                }
            }
            "sample-notice" => {
                if let Some(n) = app.research.as_ref().and_then(|r| r.sample_notice.as_ref()) {
                    for (what, v) in [
                        (o.t("认证委托人", "certification client"), n.client.clone()),
                        (o.t("样品全称", "sample name"), n.sample_name.clone()),
                        (o.t("规格型号", "model"), n.model.clone()),
                        (o.t("数量", "quantity"), n.quantity.map(|q| q.to_string())),
                    ] {
                        if let Some(v) = v.filter(|s| !s.trim().is_empty()) {
                            wanted.push((what, Cow::Owned(v)));
                        }
                    }
                }
            }
            "business-licence" => {
                licence(&mut o, j, &text, &names, from);
                continue;
            }
            _ => {}
        }
        if wanted.is_empty() {
            continue;
        }
        // Normalised once, and every fact looked for in one pass (2,000 models of a table).
        let hay = facts::normalise(&text);
        let needles: Vec<&str> = wanted.iter().map(|(_, v)| v.as_ref()).collect();
        let found = if matches!(kind, "import-documents" | "comparison-table") {
            // The models first (as in `wanted`), then the document numbers.
            let mut found = model_needles
                .get_or_init(|| facts::Needles::new(&models))
                .appear_in(&hay);
            found.extend(facts::appear_normalised(&hay, &needles[models.len()..]));
            found
        } else {
            facts::appear_normalised(&hay, &needles)
        };
        for ((what, v), found) in wanted.iter().zip(found) {
            if !found {
                let msg = match lang {
                    Lang::Zh => format!("{what}“{v}”未出现在 {} 的文字中", names.join("、")),
                    Lang::En => format!(
                        "{what} {v:?} does not appear in the text of {}",
                        names.join(", ")
                    ),
                };
                o.push(
                    Code::M015,
                    &format!("materials[{j}]"),
                    msg,
                    Measured {
                        file: names.join(", "),
                        fact: Some(v.to_string()),
                        text_from: from,
                        ..Measured::default()
                    },
                );
            }
        }
    }
    o.findings
}

/// The business licence: the applicant's USCC and name. M016 only for a USCC read with a valid
/// check character that differs; a name or code not read is M015 (OCR misreads rare characters).
fn licence(o: &mut Out<'_>, j: usize, text: &str, names: &[&str], from: Option<&'static str>) {
    let app = &o.loaded.app;
    let key = format!("materials[{j}]");
    let file = names.join(", ");
    let declared = app
        .applicant
        .uscc
        .as_deref()
        .and_then(|u| uscc::validate(u).ok());
    // Normalised once for the USCC and the name.
    let hay = facts::normalise(text);
    let read = facts::usccs_normalised(&hay);
    let valid: Vec<&String> = read.iter().filter(|(_, ok)| *ok).map(|(c, _)| c).collect();
    if let Some(d) = &declared {
        if valid.contains(&d) {
            // Found: the right company.
        } else if let Some(other) = valid.first() {
            let msg = match o.lang {
                Lang::Zh => format!(
                    "营业执照 {file} 上的统一社会信用代码为 {other}（校验位有效），申请人为 {d}"
                ),
                Lang::En => format!(
                    "the business licence {file} shows USCC {other} (valid check character); the applicant's is {d}"
                ),
            };
            o.push(
                Code::M016,
                &key,
                msg,
                Measured {
                    file: file.clone(),
                    fact: Some(d.clone()),
                    found: Some((*other).clone()),
                    text_from: from,
                    ..Measured::default()
                },
            );
        } else {
            let found = read.first().map(|(c, _)| c.clone());
            let msg = match (o.lang, &found) {
                (Lang::Zh, Some(f)) => format!(
                    "营业执照 {file} 中未读到申请人的统一社会信用代码 {d}（读到 {f}，校验位不符：可能是识别错误，请人工核对）"
                ),
                (Lang::Zh, None) => {
                    format!("营业执照 {file} 中未读到申请人的统一社会信用代码 {d}")
                }
                (Lang::En, Some(f)) => format!(
                    "the applicant's USCC {d} was not read on the business licence {file} (read {f}, whose check character is wrong: likely an OCR error, check by eye)"
                ),
                (Lang::En, None) => {
                    format!("the applicant's USCC {d} was not read on the business licence {file}")
                }
            };
            o.push(
                Code::M015,
                &key,
                msg,
                Measured {
                    file: file.clone(),
                    fact: Some(d.clone()),
                    found,
                    text_from: from,
                    ..Measured::default()
                },
            );
        }
    }
    if let Some(name) = app
        .applicant
        .name
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        && !facts::appears_normalised(&hay, name)
    {
        let msg = match o.lang {
            Lang::Zh => format!("申请人名称“{name}”未出现在营业执照 {file} 的文字中"),
            Lang::En => format!(
                "the applicant's name {name:?} does not appear in the text of the business licence {file}"
            ),
        };
        o.push(
            Code::M015,
            &key,
            msg,
            Measured {
                file,
                fact: Some(name.to_string()),
                text_from: from,
                ..Measured::default()
            },
        );
    }
}

fn file_findings(o: &mut Out<'_>, x: &Examined<'_>) {
    let key = format!("materials[{}].files[{}]", x.material, x.file);
    let rel = x.rel;
    let e = x.exam;
    let lang = o.lang;
    let base = || Measured {
        file: rel.to_string(),
        ..Measured::default()
    };
    if let Some(p) = &e.problem {
        let msg = format!("{rel:?}: {}", problem_text(lang, p));
        o.push(Code::M017, &key, msg, base());
        return;
    }
    // M017 for the pages not (fully) examined: one finding per file and reason.
    let mut reasons: Vec<(String, Vec<u32>)> = Vec::new();
    for p in &e.pages {
        if let Some(pr) = &p.problem {
            let t = problem_text(lang, pr);
            match reasons.iter_mut().find(|(r, _)| *r == t) {
                Some((_, pages)) => pages.push(p.number),
                None => reasons.push((t, vec![p.number])),
            }
        }
    }
    for (t, pages) in reasons {
        let list = pages
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let msg = match lang {
            Lang::Zh => format!("{rel:?} 第 {list} 页：{t}"),
            Lang::En => format!("{rel:?} page {list}: {t}"),
        };
        o.push(
            Code::M017,
            &key,
            msg,
            Measured {
                page: pages.first().copied(),
                ..base()
            },
        );
    }
    // M014: each page not legible.
    for p in &e.pages {
        let Some(img) = &p.image else { continue };
        if !img.illegible() {
            continue;
        }
        let dpi = img.dpi.round() as u32;
        let sharp = img.sharpness.map(|s| s.round() as u32);
        let low = img.dpi < legibility::MIN_DPI - 0.5;
        let why = match (lang, low) {
            (Lang::Zh, true) => format!(
                "{dpi} dpi（按 {:.0}×{:.0} mm 页面计，低于 150）",
                p.width_mm, p.height_mm
            ),
            (Lang::En, true) => format!(
                "{dpi} dpi for its {:.0}×{:.0} mm page (under 150)",
                p.width_mm, p.height_mm
            ),
            (Lang::Zh, false) => format!(
                "模糊（清晰度 {}，低于 {}）",
                sharp.unwrap_or(0),
                legibility::MIN_SHARPNESS
            ),
            (Lang::En, false) => format!(
                "blurred (sharpness {}, under {})",
                sharp.unwrap_or(0),
                legibility::MIN_SHARPNESS
            ),
        };
        let msg = match lang {
            Lang::Zh => format!("{rel:?} 第 {} 页不清晰：{why}", p.number),
            Lang::En => format!("{rel:?} page {} is not legible: {why}", p.number),
        };
        o.push(
            Code::M014,
            &key,
            msg,
            Measured {
                page: Some(p.number),
                dpi: Some(dpi),
                sharpness: sharp,
                ..base()
            },
        );
    }
    // M012 / M013: only for a material declared sealed, only when a page image was examined.
    let sealed = o
        .loaded
        .app
        .materials
        .get(x.material)
        .and_then(|m| m.sealed)
        == Some(true);
    if !sealed || !e.has_images() {
        return;
    }
    let seals: Vec<(u32, &content::Seal)> = e
        .pages
        .iter()
        .flat_map(|p| p.seals.iter().map(move |s| (p.number, s)))
        .collect();
    if seals.is_empty() {
        let n = e.pages.iter().filter(|p| p.image.is_some()).count();
        let msg = match lang {
            Lang::Zh => format!("{rel:?} 已声明盖章，但 {n} 页图像中均未找到公章"),
            Lang::En => format!(
                "{rel:?} is declared sealed, but no seal was found on its {n} page image(s)"
            ),
        };
        o.push(Code::M012, &key, msg, base());
        return;
    }
    if seals.iter().all(|(_, s)| s.colour == SealColour::Grey) {
        let (page, s) = seals[0];
        let msg = match lang {
            Lang::Zh => format!(
                "{rel:?} 第 {page} 页的公章（距左上 {:.0}, {:.0} mm，{:.0}×{:.0} mm）为灰色，不是红色（红度 {}）：像是复印件",
                s.x_mm, s.y_mm, s.width_mm, s.height_mm, s.redness
            ),
            Lang::En => format!(
                "{rel:?} page {page}: the seal at {:.0}, {:.0} mm from the top left ({:.0}×{:.0} mm) is grey, not red (redness {}): looks like a photocopy",
                s.x_mm, s.y_mm, s.width_mm, s.height_mm, s.redness
            ),
        };
        o.push(
            Code::M013,
            &key,
            msg,
            Measured {
                page: Some(page),
                seal: Some(seen(s)),
                ..base()
            },
        );
    }
}

fn problem_text(lang: Lang, p: &Problem) -> String {
    match (lang, p) {
        (Lang::Zh, Problem::Encrypted) => "PDF 已加密，未能检查".into(),
        (Lang::En, Problem::Encrypted) => "an encrypted PDF: not examined".into(),
        (Lang::Zh, Problem::Unreadable { reason }) => format!("无法读取，未能检查（{reason}）"),
        (Lang::En, Problem::Unreadable { reason }) => format!("cannot be read: not examined ({reason})"),
        (Lang::Zh, Problem::Coding { coding }) => format!(
            "图像编码 {coding} 不支持，未能检查（安装 poppler-utils 的 pdftoppm 后可渲染）"
        ),
        (Lang::En, Problem::Coding { coding }) => format!(
            "an image coded {coding}: not examined (pdftoppm from poppler-utils renders it)"
        ),
        (Lang::Zh, Problem::NoOcr) => {
            "扫描页的文字未读取：没有文字识别引擎（apt-get install tesseract-ocr tesseract-ocr-chi-sim）".into()
        }
        (Lang::En, Problem::NoOcr) => {
            "the scan's text was not read: no OCR engine (apt-get install tesseract-ocr tesseract-ocr-chi-sim)".into()
        }
        (Lang::Zh, Problem::OcrFailed { reason }) => format!("文字识别失败（{reason}）"),
        (Lang::En, Problem::OcrFailed { reason }) => format!("OCR failed ({reason})"),
    }
}

/// The material index a finding's key path names (`materials[2].files[0]` → 2).
fn material_of(d: &Diagnostic) -> Option<usize> {
    let Location::File { key: Some(k), .. } = &d.location else {
        return None;
    };
    let rest = k.strip_prefix("materials[")?;
    rest[..rest.find(']')?].parse().ok()
}

/// After the severities in force: a material's `content_reviewed = "reason"` turns its M012–M015
/// into info, saying who decided and why; `require` turns M017 into an error.
pub fn settle(lang: Lang, loaded: &LoadedApplication, findings: &mut [Diagnostic], require: bool) {
    for d in findings.iter_mut() {
        if require && d.code == Code::M017 {
            d.severity = Severity::Error;
        }
        if !matches!(d.code, Code::M012 | Code::M013 | Code::M014 | Code::M015) {
            continue;
        }
        let Some(reason) = material_of(d)
            .and_then(|j| loaded.app.materials.get(j))
            .and_then(|m| m.content_reviewed.as_deref())
            .filter(|r| !r.trim().is_empty())
        else {
            continue;
        };
        d.severity = Severity::Info;
        d.hint = Some(match lang {
            Lang::Zh => format!("已人工复核（content_reviewed）：{reason}"),
            Lang::En => format!("reviewed by a person (content_reviewed): {reason}"),
        });
    }
}

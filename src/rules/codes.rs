//! The catalogue of finding and refusal codes (`data/codes.toml`): severity, title, the guide
//! clause and its Chinese wording, and the fix. `explain` and the rule engine read it.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::finding::Severity;
use crate::Lang;

const CODES: &str = include_str!("../../data/codes.toml");

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CodeInfo {
    pub code: String,
    pub severity: String,
    pub title_zh: String,
    pub title_en: String,
    pub clause: String,
    pub quote: String,
    pub fix_zh: String,
    pub fix_en: String,
}

impl CodeInfo {
    pub fn severity(&self) -> Severity {
        Severity::parse(&self.severity).expect("severities in codes.toml are valid (tested)")
    }

    pub fn title(&self, lang: Lang) -> &str {
        lang.pick(&self.title_zh, &self.title_en)
    }

    pub fn fix(&self, lang: Lang) -> &str {
        lang.pick(&self.fix_zh, &self.fix_en)
    }
}

#[derive(Deserialize)]
struct File {
    codes: Vec<CodeInfo>,
}

/// Every code, in file order.
pub fn all() -> &'static [CodeInfo] {
    static C: OnceLock<Vec<CodeInfo>> = OnceLock::new();
    C.get_or_init(|| {
        toml::from_str::<File>(CODES)
            .expect("data/codes.toml is valid (tested)")
            .codes
    })
}

pub fn get(code: &str) -> Option<&'static CodeInfo> {
    let code = code.trim().to_ascii_uppercase();
    all().iter().find(|c| c.code == code)
}

/// The page listing every code (docs/codes.md), generated from `data/codes.toml`.
pub fn markdown() -> String {
    let mut s = String::from(
        "# Finding and refusal codes\n\nGenerated from `data/codes.toml` (a test fails when this page is out of date; \
         regenerate with `UPDATE_DOCS=1 cargo test --lib codes`). Codes are never reused for another meaning. \
         `ccc-exempt explain CODE` prints the same in the terminal.\n\n\
         | code | severity | rule | 规则 | guide clause |\n|---|---|---|---|---|\n",
    );
    for c in all() {
        s.push_str(&format!(
            "| [{}](#{}) | {} | {} | {} | {} |\n",
            c.code,
            c.code.to_lowercase(),
            c.severity,
            c.title_en,
            c.title_zh,
            c.clause
        ));
    }
    for c in all() {
        s.push_str(&format!(
            "\n## {}\n\n**{}** — {} / {}\n\n",
            c.code, c.severity, c.title_en, c.title_zh
        ));
        s.push_str(&format!("Guide: {}", c.clause));
        if !c.quote.is_empty() {
            s.push_str(&format!(" — 「{}」", c.quote));
        }
        s.push_str(&format!("\n\nFix: {}\n\n修正：{}\n", c.fix_en, c.fix_zh));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(
        clippy::disallowed_methods,
        reason = "a test regenerates the page on request"
    )]
    fn docs_page_is_up_to_date() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/codes.md");
        let want = markdown();
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&path, &want).unwrap();
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            have == want,
            "docs/codes.md is out of date: run `UPDATE_DOCS=1 cargo test --lib codes`"
        );
    }

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for c in all() {
            assert!(seen.insert(c.code.clone()), "duplicate {}", c.code);
            assert!(Severity::parse(&c.severity).is_some(), "{}", c.code);
            assert!(!c.title_zh.is_empty() && !c.title_en.is_empty() && !c.fix_en.is_empty());
        }
    }

    /// The contract: SPEC's table of codes, all present with its severity. A change shows here.
    #[test]
    fn spec_codes_present() {
        let spec = [
            ("A001", "error"),
            ("A002", "error"),
            ("A003", "error"),
            ("C001", "error"),
            ("C002", "error"),
            ("C003", "error"),
            ("P001", "error"),
            ("P002", "error"),
            ("P003", "error"),
            ("P004", "error"),
            ("P005", "error"),
            ("P006", "error"),
            ("P007", "error"),
            ("P008", "warning"),
            ("P009", "warning"),
            ("M001", "error"),
            ("M002", "error"),
            ("M003", "error"),
            ("M004", "error"),
            ("M005", "warning"),
            ("M006", "warning"),
            ("M007", "error"),
            ("M008", "error"),
            ("M009", "error"),
            ("X401", "error"),
            ("X501", "error"),
            ("K001", "warning"),
            ("K002", "warning"),
            ("L001", "error"),
            ("L002", "error"),
            ("L003", "error"),
            ("L004", "error"),
            ("L005", "error"),
            ("L006", "error"),
            ("L007", "error"),
            ("L008", "error"),
            ("S003", "error"),
            ("S004", "error"),
        ];
        for (code, sev) in spec {
            let c = get(code).unwrap_or_else(|| panic!("{code} missing"));
            assert_eq!(c.severity, sev, "{code}");
        }
        let list: Vec<&str> = all().iter().map(|c| c.code.as_str()).collect();
        insta::assert_snapshot!(list.join(" "));
    }
}

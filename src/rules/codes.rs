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

#[cfg(test)]
mod tests {
    use super::*;

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
        ];
        for (code, sev) in spec {
            let c = get(code).unwrap_or_else(|| panic!("{code} missing"));
            assert_eq!(c.severity, sev, "{code}");
        }
        let list: Vec<&str> = all().iter().map(|c| c.code.as_str()).collect();
        insta::assert_snapshot!(list.join(" "));
    }
}

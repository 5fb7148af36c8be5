//! The codes of every diagnostic (`data/codes.toml`): a `Code` enum generated from the file by
//! `build.rs`, and each code's entry — default severity, title, the guide clause and its Chinese
//! wording, the fix, and for the verification and import codes the older kebab-case name.
//! `explain`, the renderers (SARIF rules, JUnit test cases) and `docs/codes.md` read it.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::diagnostic::Severity;
use crate::Lang;

include!(concat!(env!("OUT_DIR"), "/codes.rs"));

const CODES: &str = include_str!("../../data/codes.toml");

/// One entry of `data/codes.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CodeInfo {
    pub code: String,
    pub severity: String,
    /// The kebab-case name the code had before it had a number (package verify, ledger verify,
    /// import rows), still printed as `name` in JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The severity cannot be changed in `ccc-exempt.toml` `[severity]`: the code refuses an
    /// operation or rejects input, and no severity makes that operation succeed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fixed: bool,
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

/// Every code's entry, in file order (the order of `Code::ALL`).
pub fn all() -> &'static [CodeInfo] {
    static C: OnceLock<Vec<CodeInfo>> = OnceLock::new();
    C.get_or_init(|| {
        toml::from_str::<File>(CODES)
            .expect("data/codes.toml is valid (tested)")
            .codes
    })
}

/// The entry of a code typed by a person (`m003` is `M003`).
pub fn get(code: &str) -> Option<&'static CodeInfo> {
    Code::parse(code).map(Code::info)
}

impl Code {
    /// The code written as a person might type it (case and surrounding space ignored).
    pub fn parse(s: &str) -> Option<Code> {
        let s = s.trim();
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(s))
    }

    /// The codes that carry this old kebab-case name (several ledger-verify codes share one).
    pub fn by_name(name: &str) -> Vec<Code> {
        let name = name.trim();
        Code::ALL
            .iter()
            .copied()
            .filter(|c| c.info().name.as_deref() == Some(name))
            .collect()
    }

    /// Its entry in `data/codes.toml`.
    pub fn info(self) -> &'static CodeInfo {
        &all()[self as usize]
    }

    /// The severity `data/codes.toml` gives it (`ccc-exempt.toml` `[severity]` may change it).
    pub fn default_severity(self) -> Severity {
        self.info().severity()
    }

    /// The guide clause it enforces.
    pub fn clause(self) -> &'static str {
        &self.info().clause
    }

    pub fn title(self, lang: Lang) -> &'static str {
        self.info().title(lang)
    }

    /// The old kebab-case name, for the codes that had one.
    pub fn name(self) -> Option<&'static str> {
        self.info().name.as_deref()
    }

    /// Whether `[severity]` may change its severity.
    pub fn fixed(self) -> bool {
        self.info().fixed
    }

    /// The letter of its family (A applicant, C condition, P products, M materials, X condition
    /// elements, K key inspection, T input files, S status, L ledger, D deadlines, V package
    /// verification, I import rows).
    pub fn family(self) -> char {
        self.as_str().as_bytes()[0] as char
    }

    /// Its three digits as a number (`L101` is 101: the ledger-verify codes are L1xx).
    pub fn number(self) -> u16 {
        self.as_str().as_bytes()[1..]
            .iter()
            .fold(0, |n, d| n * 10 + u16::from(d - b'0'))
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Code::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("unknown code {s:?}")))
    }
}

/// How the codes are numbered, at the top of docs/codes.md.
const SCHEME: &str = "\
Every code is a letter and three digits. The letter says where the code comes from:

| letter | from | command |
|---|---|---|
| A, C, P, M, X, K | the rules an application is checked against (applicant, condition, products, materials, elements of a condition, key inspection) | `check`, `package` |
| T | an input file that cannot be read or is malformed (T001 application.toml, T002 ccc-exempt.toml, T003 the letter template) | `check` and every command reading it |
| S | an application's status and decisions | `app`, `package`, `check`, `status` |
| L0xx | a ledger movement refused (nothing written) | `ledger add`, `ledger import`, `ledger reverse`, `ledger close` |
| L1xx | a break found by `ledger verify` (the old `kind` is its `name`) | `ledger verify` |
| D | a deadline | `status` |
| V | a problem of a package zip or its bag (the old kebab-case code is its `name`) | `verify` |
| I | a malformed import file or row (exit 2; the rules' refusals keep their L codes) | `ledger import` |

Each code's severity is the default; a workspace may change it in `ccc-exempt.toml`:

```toml
[severity]
M005 = \"error\"     # error | warning | info
K001 = \"info\"
```

Every output says the severity in force (JSON: `severity`, with `default_severity` beside it).
A code marked *fixed* refuses an operation or rejects input: no severity would make the operation
succeed, so its severity cannot be changed. An unknown code, a fixed code or a severity other than
`error`, `warning` or `info` in `[severity]` is an input error (exit 2) naming the file, line and
column.
";

/// The page listing every code (docs/codes.md), generated from `data/codes.toml`.
pub fn markdown() -> String {
    let mut s = String::from(
        "# Finding and refusal codes\n\nGenerated from `data/codes.toml` (a test fails when this page is out of date; \
         regenerate with `UPDATE_DOCS=1 cargo test --lib codes`). Codes are never reused for another meaning. \
         `ccc-exempt explain CODE` prints the same in the terminal.\n\n",
    );
    s.push_str(SCHEME);
    s.push_str("\n| code | severity | rule | 规则 | guide clause |\n|---|---|---|---|---|\n");
    let sev = |c: &CodeInfo| {
        if c.fixed {
            format!("{} (fixed)", c.severity)
        } else {
            c.severity.clone()
        }
    };
    for c in all() {
        let name = c
            .name
            .as_deref()
            .map(|n| format!(" (`{n}`)"))
            .unwrap_or_default();
        s.push_str(&format!(
            "| [{}](#{}) | {} | {}{name} | {} | {} |\n",
            c.code,
            c.code.to_lowercase(),
            sev(c),
            c.title_en,
            c.title_zh,
            c.clause
        ));
    }
    for c in all() {
        s.push_str(&format!(
            "\n## {}\n\n**{}** — {} / {}\n\n",
            c.code,
            sev(c),
            c.title_en,
            c.title_zh
        ));
        if let Some(n) = &c.name {
            s.push_str(&format!("Name: `{n}`\n\n"));
        }
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
            assert!(
                !c.title_zh.is_empty() && !c.title_en.is_empty(),
                "{}",
                c.code
            );
            assert!(!c.fix_en.is_empty() && !c.fix_zh.is_empty(), "{}", c.code);
            assert!(!c.clause.is_empty(), "{}", c.code);
            if let Some(n) = &c.name {
                assert!(
                    !n.is_empty()
                        && n.bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                        && Code::parse(n).is_none(),
                    "{}: name {n:?} is kebab-case and not a code",
                    c.code
                );
            }
            // A refusal or an input error is an error: nothing else stops an operation.
            if c.fixed {
                assert_eq!(c.severity, "error", "{} is fixed", c.code);
            }
        }
    }

    /// The generated enum and the parsed table agree, position by position.
    #[test]
    fn the_enum_is_the_table() {
        assert_eq!(Code::ALL.len(), all().len());
        for (i, c) in Code::ALL.iter().enumerate() {
            assert_eq!(c.as_str(), all()[i].code);
            assert_eq!(*c as usize, i);
            assert_eq!(Code::parse(&c.as_str().to_lowercase()), Some(*c));
        }
        assert_eq!(Code::parse("Z999"), None);
        assert_eq!(Code::by_name("checksum-mismatch").len(), 1);
        assert_eq!((Code::L101.family(), Code::L101.number()), ('L', 101));
        assert_eq!(Code::X401.number(), 401);
    }

    /// Every string that looks like a code in the sources (messages such as "see `explain L005`",
    /// tests, the rulebook's references) is defined: a code named in text is a code that exists.
    #[test]
    fn every_code_literal_in_src_is_defined() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let mut files = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut checked = 0;
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            let b = text.as_bytes();
            for i in 0..b.len().saturating_sub(5) {
                let lit = &b[i..i + 6];
                if lit[0] == b'"'
                    && lit[5] == b'"'
                    && lit[1].is_ascii_uppercase()
                    && lit[2..5].iter().all(u8::is_ascii_digit)
                {
                    let code = std::str::from_utf8(&lit[1..5]).unwrap();
                    // The test of an unknown code.
                    if code == "Z999" {
                        continue;
                    }
                    assert!(
                        Code::parse(code).is_some(),
                        "{}: {code:?} is not defined in data/codes.toml",
                        f.display()
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 10, "the scan found the code literals ({checked})");
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
            ("T001", "error"),
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
            ("T001", "error"),
        ];
        for (code, sev) in spec {
            let c = get(code).unwrap_or_else(|| panic!("{code} missing"));
            assert_eq!(c.severity, sev, "{code}");
        }
        let list: Vec<&str> = all().iter().map(|c| c.code.as_str()).collect();
        insta::assert_snapshot!(list.join(" "));
    }
}

//! The one diagnostic of every report: a check finding, a status flag, a package-verify or
//! ledger-verify problem, a bad import row, a problem of an input file. Diagnostics are data, not
//! errors: each has a code (`data/codes.toml`), the severity in force, a message in the report's
//! language, where it is, the guide clause behind it and, when there is one, a hint.
//!
//! Severities are data: `data/codes.toml` gives each code's default, and a workspace's
//! `ccc-exempt.toml` `[severity]` table (`Severities`) may raise or lower it. Producers create
//! diagnostics at the default severity; whoever holds the workspace's configuration applies the
//! table before anything is decided or rendered.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::codes::Code;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a diagnostic is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Location {
    /// A position in a text file (application.toml, ccc-exempt.toml): 1-based line and column
    /// (characters), and the key path (`products[2].hs_code`) when the problem is about a key.
    /// Line and column are absent when the file could not be read at all.
    File {
        file: String,
        line: Option<usize>,
        column: Option<usize>,
        key: Option<String>,
    },
    /// A row of an import file: its line in the file (the header is line 1) and the column.
    Row {
        file: String,
        line: u64,
        column: Option<String>,
    },
    /// A ledger entry, by number, with its certificate and certificate line when known.
    Entry {
        seq: i64,
        cert_no: Option<String>,
        line: Option<i64>,
    },
    /// A certificate (and one of its lines) rather than one entry.
    Certificate { cert_no: String, line: Option<i64> },
    /// An entry of a package zip (`<bag>/data/01-营业执照/licence.pdf`), and the line of a tag
    /// file when the problem is one line of a manifest.
    PackageEntry { entry: String, line: Option<u64> },
    /// The whole thing the report is about (the zip, the ledger, the workspace).
    None,
}

impl Location {
    /// A position in a file.
    pub fn file(file: impl Into<String>, line: usize, column: usize, key: Option<String>) -> Self {
        Location::File {
            file: file.into(),
            line: Some(line),
            column: Some(column),
            key,
        }
    }

    /// The file a location is in, when it is in one.
    pub fn file_name(&self) -> Option<&str> {
        match self {
            Location::File { file, .. } | Location::Row { file, .. } => Some(file),
            _ => None,
        }
    }

    /// Point a file location at another name of the same file (a path as the user typed it).
    pub fn rename_file(&mut self, name: &str) {
        if let Location::File { file, .. } | Location::Row { file, .. } = self {
            *file = name.to_string();
        }
    }

    /// Line and column in the file, when the location has them.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        match self {
            Location::File {
                line: Some(l),
                column,
                ..
            } => Some((*l, column.unwrap_or(1))),
            Location::Row { line, .. } => Some((*line as usize, 1)),
            _ => None,
        }
    }
}

/// One diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    /// The code's older kebab-case name (package and ledger verification, import rows).
    pub name: Option<&'static str>,
    /// The severity in force: the code's default unless `[severity]` changed it.
    pub severity: Severity,
    /// The code's severity in `data/codes.toml`.
    pub default_severity: Severity,
    /// What is wrong, in the report's language.
    pub message: String,
    pub location: Location,
    /// The part of the official guide the code enforces.
    pub clause: &'static str,
    /// What to do about this one, when it says more than the code's fix (`explain CODE`).
    pub hint: Option<String>,
    /// The date it is about (a deadline), when it has one.
    pub due: Option<NaiveDate>,
    /// What the examination of a material measured (M012–M017), so a person can confirm it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measured: Option<Measured>,
}

/// What the examination of a material's file measured, for a finding about its content: the file
/// and page, the resolution and sharpness, the seal (where, how large, its colour), the fact
/// looked for and what was read instead.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Measured {
    /// The material's file, as written in application.toml.
    pub file: String,
    /// 1-based page, when the finding is about one page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dpi: Option<u32>,
    /// Laplacian variance at 150 dpi.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sharpness: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seal: Option<SealSeen>,
    /// The declared fact looked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fact: Option<String>,
    /// What was read instead (a USCC), when something was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    /// Where the text came from: "layer" or "ocr".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_from: Option<&'static str>,
}

/// A seal as seen: its centre and size in whole millimetres from the page's top-left corner, its
/// colour ("red" or "grey") and the median redness of its ring (0–255).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SealSeen {
    pub x_mm: u32,
    pub y_mm: u32,
    pub width_mm: u32,
    pub height_mm: u32,
    pub colour: &'static str,
    pub redness: u32,
}

impl Diagnostic {
    /// A diagnostic of `code` at its default severity, located nowhere in particular.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        let info = code.info();
        let severity = info.severity();
        Diagnostic {
            code,
            name: code.name(),
            severity,
            default_severity: severity,
            message: message.into(),
            location: Location::None,
            clause: &info.clause,
            hint: None,
            due: None,
            measured: None,
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = location;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn measured(mut self, m: Measured) -> Self {
        self.measured = Some(m);
        self
    }

    pub fn due(mut self, date: NaiveDate) -> Self {
        self.due = Some(date);
        self
    }

    /// Whether `[severity]` changed its severity.
    pub fn overridden(&self) -> bool {
        self.severity != self.default_severity
    }
}

impl std::fmt::Display for Diagnostic {
    /// `file:line:column: message` for a position in a file, else `CODE: message`; the hint
    /// follows in parentheses.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.fmt_place(f)?;
        match &self.hint {
            Some(h) => write!(f, " ({h})"),
            None => Ok(()),
        }
    }
}

impl Diagnostic {
    fn fmt_place(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.location {
            Location::File {
                file,
                line: Some(l),
                column: Some(c),
                ..
            } => write!(f, "{file}:{l}:{c}: {}", self.message),
            Location::File { file, .. } => write!(f, "{file}: {}", self.message),
            Location::Row { file, line, column } => {
                let col = column
                    .as_deref()
                    .map(|c| format!(" [{c}]"))
                    .unwrap_or_default();
                write!(f, "{file}:{line}: {}{col}: {}", self.code, self.message)
            }
            _ => write!(f, "{}: {}", self.code, self.message),
        }
    }
}

/// How many diagnostics have severity `s`.
pub fn count(diagnostics: &[Diagnostic], s: Severity) -> usize {
    diagnostics.iter().filter(|d| d.severity == s).count()
}

/// Whether any diagnostic is an error (in force).
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// A workspace's `[severity]` table: the codes whose severity it changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Severities {
    overrides: BTreeMap<Code, Severity>,
}

/// Why a code's severity cannot be set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetError {
    /// The code refuses an operation or rejects input (`fixed` in `data/codes.toml`).
    Fixed,
}

impl Severities {
    /// Set the severity of `code`.
    pub fn set(&mut self, code: Code, severity: Severity) -> Result<(), SetError> {
        if code.fixed() {
            return Err(SetError::Fixed);
        }
        self.overrides.insert(code, severity);
        Ok(())
    }

    /// The severity in force for `code`.
    pub fn get(&self, code: Code) -> Severity {
        self.overrides
            .get(&code)
            .copied()
            .unwrap_or_else(|| code.default_severity())
    }

    /// The codes the table changes, with their severity in force.
    pub fn overrides(&self) -> impl Iterator<Item = (Code, Severity)> + '_ {
        self.overrides.iter().map(|(c, s)| (*c, *s))
    }

    pub fn is_empty(&self) -> bool {
        self.overrides.is_empty()
    }

    /// Put the severity in force on each diagnostic.
    pub fn apply(&self, diagnostics: &mut [Diagnostic]) {
        for d in diagnostics {
            d.severity = self.get(d.code);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diagnostic_takes_its_severity_and_clause_from_the_table() {
        let d = Diagnostic::new(Code::M003, "not sealed");
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.default_severity, Severity::Error);
        assert_eq!(d.clause, Code::M003.info().clause);
        assert_eq!(d.name, None);
        let d = Diagnostic::new(Code::K001, "big");
        assert_eq!(d.severity, Severity::Warning);
    }

    #[test]
    fn the_table_raises_and_lowers_and_refuses_fixed_codes() {
        let mut t = Severities::default();
        t.set(Code::K001, Severity::Error).unwrap();
        t.set(Code::M003, Severity::Info).unwrap();
        assert_eq!(t.set(Code::L003, Severity::Warning), Err(SetError::Fixed));
        assert_eq!(t.set(Code::T001, Severity::Info), Err(SetError::Fixed));
        let mut ds = vec![
            Diagnostic::new(Code::K001, "a"),
            Diagnostic::new(Code::M003, "b"),
            Diagnostic::new(Code::P001, "c"),
        ];
        t.apply(&mut ds);
        assert_eq!(
            ds.iter().map(|d| d.severity).collect::<Vec<_>>(),
            [Severity::Error, Severity::Info, Severity::Error]
        );
        assert!(ds[0].overridden() && ds[1].overridden() && !ds[2].overridden());
        assert_eq!(count(&ds, Severity::Error), 2);
    }

    #[test]
    fn json_carries_the_severity_in_force_and_the_location() {
        let mut t = Severities::default();
        t.set(Code::M005, Severity::Error).unwrap();
        let mut d = [Diagnostic::new(Code::M005, "large").at(Location::file(
            "a/application.toml",
            3,
            5,
            Some("materials[0].files[0]".into()),
        ))];
        t.apply(&mut d);
        let v = serde_json::to_value(&d[0]).unwrap();
        assert_eq!(v["code"], "M005");
        assert_eq!(v["severity"], "error");
        assert_eq!(v["default_severity"], "warning");
        assert_eq!(v["location"]["kind"], "file");
        assert_eq!(v["location"]["line"], 3);
        assert_eq!(v["location"]["key"], "materials[0].files[0]");
        let v = serde_json::to_value(Diagnostic::new(Code::V024, "x").at(Location::PackageEntry {
            entry: "b/data/x".into(),
            line: None,
        }))
        .unwrap();
        assert_eq!(v["location"]["kind"], "package-entry");
        assert_eq!(v["name"], Code::V024.name().unwrap());
    }
}

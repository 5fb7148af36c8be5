//! Helpers shared by the end-to-end tests: a private copy of the demo workspace, the binary with an
//! empty environment and a pinned clock, and the expectations written in examples/demo/EXPECTED.md.
//! Tests never write into the repository: every run works on a copy in a temporary directory.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

/// The clock every test runs at.
pub const NOW: &str = "2026-11-27T09:00:00+08:00";

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn demo_source() -> PathBuf {
    repo().join("examples").join("demo")
}

/// The binary with an empty environment (no LANG, NO_COLOR, CLICOLOR*, CCC_EXEMPT_WORKSPACE) and
/// the clock pinned. A hang is a failure, not a stuck test run.
pub fn bin() -> Command {
    let mut c = Command::cargo_bin("ccc-exempt").expect("the binary is built by cargo test");
    c.env_clear()
        .env("CCC_EXEMPT_NOW", NOW)
        .timeout(Duration::from_secs(180));
    c
}

/// Copy a directory tree (regular files and directories; the workspace state `.ccc-exempt` is
/// left behind).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == ".ccc-exempt" {
            continue;
        }
        let ty = entry.file_type().unwrap();
        let dest = to.join(&name);
        if ty.is_dir() {
            copy_dir(&entry.path(), &dest);
        } else if ty.is_file() {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A private copy of examples/demo in a temporary directory (`<tmp>/demo`).
pub struct Demo {
    pub tmp: tempfile::TempDir,
    pub root: PathBuf,
}

impl Demo {
    pub fn new() -> Demo {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("demo");
        copy_dir(&demo_source(), &root);
        Demo { tmp, root }
    }

    pub fn app_dir(&self, id: &str) -> PathBuf {
        self.root.join("applications").join(id)
    }

    pub fn app_toml(&self, id: &str) -> PathBuf {
        self.app_dir(id).join("application.toml")
    }

    pub fn read_app(&self, id: &str) -> String {
        std::fs::read_to_string(self.app_toml(id)).unwrap()
    }

    pub fn write_app(&self, id: &str, bytes: impl AsRef<[u8]>) {
        std::fs::write(self.app_toml(id), bytes).unwrap();
    }

    /// The binary run from the temporary directory with `--workspace <copy>`.
    pub fn cmd(&self) -> Command {
        let mut c = bin();
        c.current_dir(self.tmp.path())
            .arg("--workspace")
            .arg(&self.root);
        c
    }
}

/// One row of the tables in EXPECTED.md.
#[derive(Debug, Clone)]
pub struct Expectation {
    pub id: String,
    /// The distinct finding codes the application must produce, no more and no fewer.
    pub codes: BTreeSet<String>,
    /// The exit code of `check ID`.
    pub exit: i32,
    /// The exit code with `--fail-on warning`, when the row states it.
    pub exit_fail_on_warning: Option<i32>,
}

fn integers(s: &str) -> Vec<i32> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|t| !t.is_empty())
        .filter_map(|t| t.parse().ok())
        .collect()
}

/// The rows of EXPECTED.md: `| `ID` | condition | codes | exit |`.
pub fn expectations() -> Vec<Expectation> {
    let text = std::fs::read_to_string(demo_source().join("EXPECTED.md")).unwrap();
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if !line.starts_with("| `") {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        assert_eq!(cells.len(), 4, "EXPECTED.md row with 4 cells: {line}");
        let id = cells[0].trim_matches('`').to_string();
        let codes: BTreeSet<String> = cells[2]
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty() && *c != "—")
            .map(String::from)
            .collect();
        for c in &codes {
            assert!(
                c.len() == 4 && c.chars().skip(1).all(|d| d.is_ascii_digit()),
                "EXPECTED.md: {c:?} is not a finding code ({line})"
            );
        }
        let exits = integers(cells[3]);
        assert!(!exits.is_empty(), "EXPECTED.md: no exit code in {line}");
        out.push(Expectation {
            id,
            codes,
            exit: exits[0],
            exit_fail_on_warning: exits.get(1).copied(),
        });
    }
    assert!(out.len() >= 14, "EXPECTED.md lists every demo application");
    out
}

/// The IDs of the complete applications (no codes expected).
pub fn complete_ids() -> Vec<String> {
    expectations()
        .into_iter()
        .filter(|e| e.codes.is_empty())
        .map(|e| e.id)
        .collect()
}

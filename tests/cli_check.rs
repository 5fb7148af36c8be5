//! End-to-end tests of `ccc-exempt check` on private copies of the demo workspace: the findings of
//! every demo application (as EXPECTED.md states them), exit codes, every output format, bad input,
//! workspace and storage errors, languages, colour, and material files that are not plain files.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Duration;

use predicates::prelude::*;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use common::{Demo, bin, complete_ids, expectations};

// ---------------------------------------------------------------------------------------------
// The JSON report (schema ccc-exempt/check/2), parsed strictly: a field added or renamed fails.

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Report {
    schema: String,
    tool: Tool,
    summary: Summary,
    applications: Vec<AppJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Tool {
    name: String,
    version: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    applications: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AppJson {
    id: String,
    file: String,
    condition: Option<String>,
    file_sha256: String,
    total_quantity: i64,
    findings: Vec<FindingJson>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Severity {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FindingJson {
    code: String,
    name: Option<String>,
    severity: Severity,
    default_severity: Severity,
    message: String,
    location: LocationJson,
    clause: String,
    hint: Option<String>,
    due: Option<String>,
    /// What the material examination measured (M012–M017 only).
    #[serde(default)]
    #[allow(dead_code)]
    measured: Option<Measured>,
}

/// `measured` of a content finding (docs/json.md), strictly.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Measured {
    file: String,
    page: Option<u32>,
    dpi: Option<u32>,
    sharpness: Option<u32>,
    seal: Option<SealSeen>,
    fact: Option<String>,
    found: Option<String>,
    text_from: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct SealSeen {
    x_mm: u32,
    y_mm: u32,
    width_mm: u32,
    height_mm: u32,
    colour: String,
    redness: u32,
}

/// A finding of `check` is always in a file: `kind` is `file`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LocationJson {
    kind: String,
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    key: Option<String>,
}

impl FindingJson {
    /// The key path (every rule finding has one).
    fn path(&self) -> &str {
        self.location.key.as_deref().unwrap_or("")
    }

    fn line(&self) -> usize {
        self.location.line.unwrap_or(0)
    }

    fn column(&self) -> usize {
        self.location.column.unwrap_or(0)
    }
}

impl AppJson {
    fn codes(&self) -> BTreeSet<String> {
        self.findings.iter().map(|f| f.code.clone()).collect()
    }

    fn finding(&self, code: &str) -> &FindingJson {
        self.findings
            .iter()
            .find(|f| f.code == code)
            .unwrap_or_else(|| panic!("{}: no {code} in {:#?}", self.id, self.findings))
    }
}

/// Run `check` with `--format json` and the given arguments; assert the exit code; parse stdout.
fn json_check(demo: &Demo, args: &[&str], exit: i32) -> Report {
    let out = demo
        .cmd()
        .args(["--format", "json", "check"])
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    assert_eq!(
        out.status.code(),
        Some(exit),
        "check {args:?}: exit code\nstdout:\n{stdout}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("check {args:?}: not the documented JSON ({e}):\n{stdout}"))
}

fn single(report: Report) -> AppJson {
    assert_eq!(report.applications.len(), 1);
    report.applications.into_iter().next().unwrap()
}

/// The 1-based line of the first line of `text` that starts with `prefix` (after indentation).
fn line_of(text: &str, prefix: &str) -> usize {
    text.lines()
        .position(|l| l.trim_start().starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starting with {prefix:?}"))
        + 1
}

// ---------------------------------------------------------------------------------------------
// The demo workspace as EXPECTED.md describes it.

#[test]
fn expected_md_covers_every_demo_application() {
    let listed: BTreeSet<String> = expectations().into_iter().map(|e| e.id).collect();
    let on_disk: BTreeSet<String> = std::fs::read_dir(common::demo_source().join("applications"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        listed, on_disk,
        "EXPECTED.md and examples/demo/applications disagree"
    );
    assert_eq!(
        complete_ids().len(),
        6,
        "one complete application per condition"
    );
}

#[test]
fn complete_applications_pass_with_exit_0_and_no_findings() {
    let demo = Demo::new();
    let ids = complete_ids();
    let args: Vec<&str> = ids.iter().map(String::as_str).collect();
    let report = json_check(&demo, &args, 0);
    assert_eq!(report.summary.applications, 6);
    let conditions: BTreeSet<String> = report
        .applications
        .iter()
        .map(|a| a.condition.clone().expect("condition resolved"))
        .collect();
    assert_eq!(
        conditions,
        [
            "exhibition",
            "export-assembly",
            "other",
            "production-line",
            "repair",
            "research"
        ]
        .into_iter()
        .map(String::from)
        .collect(),
        "one complete application per condition"
    );
    for a in &report.applications {
        assert!(a.findings.is_empty(), "{}: {:#?}", a.id, a.findings);
    }
    // Even at the strictest threshold nothing is found.
    demo.cmd()
        .args(["check", "--fail-on", "warning"])
        .args(&args)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("no findings"));
}

#[test]
fn each_mistake_application_yields_exactly_its_codes() {
    let demo = Demo::new();
    for e in expectations().into_iter().filter(|e| !e.codes.is_empty()) {
        let app = single(json_check(&demo, &[&e.id], e.exit));
        assert_eq!(app.id, e.id);
        assert_eq!(
            app.codes(),
            e.codes,
            "{}: codes differ from EXPECTED.md; findings: {:#?}",
            e.id,
            app.findings
        );
        if let Some(strict) = e.exit_fail_on_warning {
            demo.cmd()
                .args(["check", "--fail-on", "warning", &e.id])
                .assert()
                .code(strict);
        }
    }
}

#[test]
fn the_whole_workspace_is_checked_when_no_application_is_named() {
    let demo = Demo::new();
    let report = json_check(&demo, &[], 1);
    let ids: BTreeSet<String> = report.applications.iter().map(|a| a.id.clone()).collect();
    let expected: BTreeSet<String> = expectations().into_iter().map(|e| e.id).collect();
    assert_eq!(ids, expected);
    // Checked together, every application still gives exactly its own codes (no K002 across the
    // workspace: the demo stays below the cumulative threshold).
    let by_id: BTreeMap<String, BTreeSet<String>> = expectations()
        .into_iter()
        .map(|e| (e.id, e.codes))
        .collect();
    for a in &report.applications {
        assert_eq!(a.codes(), by_id[&a.id], "{}", a.id);
    }
}

#[test]
fn checking_the_demo_again_and_again_never_raises_k002() {
    // K002 counts certificates issued, never checks: re-checking the whole workspace (drafts and
    // mistakes included) must not turn its own check history into "many batches".
    // Thresholds low enough that the workspace's own checks would cross them if they counted.
    let demo = Demo::new();
    let cfg = demo.root.join("ccc-exempt.toml");
    let text = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace("k002_batches = 5 ", "k002_batches = 2 ")
        .replace("k002_quantity = 500 ", "k002_quantity = 1 ");
    std::fs::write(&cfg, text).unwrap();
    for round in 0..3 {
        let report = json_check(&demo, &[], 1);
        for a in &report.applications {
            assert!(
                !a.codes().contains("K002"),
                "round {round}: {} raised K002",
                a.id
            );
        }
    }
}

#[test]
fn the_workspace_is_found_from_a_directory_inside_it() {
    let demo = Demo::new();
    bin()
        .current_dir(demo.app_dir("2026-line-01").join("materials"))
        .args(["check", "2026-line-01", "2026-expo-01"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("2 application(s)"));
}

#[test]
fn fail_on_warning_turns_a_warning_only_application_into_exit_1() {
    let demo = Demo::new();
    let app = single(json_check(&demo, &["mistake-office-supplies"], 0));
    assert!(!app.findings.is_empty());
    assert!(
        app.findings.iter().all(|f| f.severity == Severity::Warning),
        "warnings only: {:#?}",
        app.findings
    );
    demo.cmd()
        .args(["check", "mistake-office-supplies"])
        .assert()
        .code(0);
    demo.cmd()
        .args(["check", "--fail-on", "warning", "mistake-office-supplies"])
        .assert()
        .code(1);
    demo.cmd()
        .args(["check", "--fail-on", "error", "mistake-office-supplies"])
        .assert()
        .code(0);
}

#[test]
fn a_material_over_the_upload_limit_is_a_warning() {
    let demo = Demo::new();
    let cfg = std::fs::read_to_string(demo.root.join("ccc-exempt.toml")).unwrap();
    let cfg = cfg.replace("upload_limit_mb = 10", "upload_limit_mb = 1");
    std::fs::write(demo.root.join("ccc-exempt.toml"), cfg).unwrap();
    let pdf = demo
        .app_dir("2026-repair-01")
        .join("materials/safety-commitment.pdf");
    let mut bytes = std::fs::read(&pdf).unwrap();
    bytes.resize(1536 * 1024, b' ');
    std::fs::write(&pdf, bytes).unwrap();
    let app = single(json_check(&demo, &["2026-repair-01"], 0));
    assert_eq!(app.codes(), BTreeSet::from(["M005".to_string()]));
    assert_eq!(app.finding("M005").severity, Severity::Warning);
    demo.cmd()
        .args(["check", "--fail-on", "warning", "2026-repair-01"])
        .assert()
        .code(1);
}

// ---------------------------------------------------------------------------------------------
// Output formats.

#[test]
fn json_report_follows_the_documented_schema() {
    let demo = Demo::new();
    let report = json_check(&demo, &[], 1);
    assert_eq!(report.schema, "ccc-exempt/check/2");
    assert_eq!(report.tool.name, "ccc-exempt");
    assert_eq!(report.tool.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(report.summary.applications, report.applications.len());
    let count = |s: Severity| {
        report
            .applications
            .iter()
            .flat_map(|a| &a.findings)
            .filter(|f| f.severity == s)
            .count()
    };
    assert_eq!(report.summary.errors, count(Severity::Error));
    assert_eq!(report.summary.warnings, count(Severity::Warning));
    assert_eq!(report.summary.infos, count(Severity::Info));
    assert!(report.summary.errors > 0 && report.summary.warnings > 0);
    for a in &report.applications {
        let path = Path::new(&a.file);
        assert!(
            path.ends_with(
                Path::new("applications")
                    .join(&a.id)
                    .join("application.toml")
            ),
            "{}: file {:?}",
            a.id,
            a.file
        );
        let digest: String = Sha256::digest(std::fs::read(demo.app_toml(&a.id)).unwrap())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(a.file_sha256, digest, "{}: file_sha256", a.id);
        for f in &a.findings {
            assert!(
                f.code.len() == 4 && f.code.chars().skip(1).all(|c| c.is_ascii_digit()),
                "{f:?}"
            );
            assert!(f.line() >= 1 && f.column() >= 1, "{f:?}");
            assert!(
                !f.message.trim().is_empty() && !f.path().is_empty(),
                "{f:?}"
            );
            assert!(!f.clause.trim().is_empty(), "{f:?}");
            assert_eq!(f.location.kind, "file", "{f:?}");
            assert_eq!(f.location.file, a.file, "{f:?}");
            // No [severity] table in the demo: every severity is the default.
            assert_eq!(f.severity, f.default_severity, "{f:?}");
            assert!(
                f.name.is_none() && f.hint.is_none() && f.due.is_none(),
                "{f:?}"
            );
        }
    }
    let quantities: BTreeMap<&str, i64> = report
        .applications
        .iter()
        .map(|a| (a.id.as_str(), a.total_quantity))
        .collect();
    assert_eq!(quantities["2026-research-01"], 3);
    assert_eq!(quantities["2026-export-01"], 80);
    assert_eq!(quantities["2026-line-01"], 18);
}

#[test]
fn findings_point_at_the_key_in_the_file() {
    let demo = Demo::new();
    let text = demo.read_app("mistake-applicant");
    let app = single(json_check(&demo, &["mistake-applicant"], 1));
    let a002 = app.finding("A002");
    assert_eq!(a002.path(), "applicant.uscc");
    assert_eq!((a002.line(), a002.column()), (line_of(&text, "uscc = "), 1));
    assert!(a002.message.contains("91320594MA27H3JW6E"), "{a002:?}");
    let a003 = app.finding("A003");
    assert_eq!(a003.path(), "applicant_role");
    assert_eq!(a003.line(), line_of(&text, "applicant_role = "));

    let text = demo.read_app("mistake-catalogue");
    let app = single(json_check(&demo, &["mistake-catalogue"], 1));
    let p006 = app.finding("P006");
    assert_eq!(p006.path(), "products[2].hs_code");
    assert_eq!(p006.line(), line_of(&text, "hs_code = \"84672910\""));
    let p005 = app.finding("P005");
    assert_eq!(p005.path(), "products[0].ccc_code");
    assert_eq!(p005.line(), line_of(&text, "ccc_code = \"0507\""));
    let p004 = app.finding("P004");
    assert!(
        p004.message.contains("96 of 96 product types, 108 codes"),
        "P004 states the coverage of the catalogue data: {p004:?}"
    );
}

#[test]
fn sarif_report_has_the_required_fields() {
    let demo = Demo::new();
    let json = json_check(&demo, &[], 1);
    let out = demo
        .cmd()
        .args(["--format", "sarif", "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    let runs = sarif["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "ccc-exempt");
    let rule_ids: BTreeSet<&str> = driver["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| r["id"].as_str().expect("rule id"))
        .collect();
    let results = runs[0]["results"].as_array().expect("results");
    let mut from_sarif: Vec<(String, String, u64)> = Vec::new();
    for r in results {
        let rule = r["ruleId"].as_str().expect("ruleId");
        assert!(
            rule_ids.contains(rule),
            "{rule} is described in driver.rules"
        );
        let level = r["level"].as_str().expect("level");
        assert!(matches!(level, "error" | "warning" | "note"), "{level}");
        assert!(!r["message"]["text"].as_str().expect("message").is_empty());
        let loc = &r["locations"][0]["physicalLocation"];
        let uri = loc["artifactLocation"]["uri"].as_str().expect("uri");
        assert!(uri.ends_with("/application.toml"), "{uri}");
        assert!(!uri.contains('\\'), "{uri}");
        let line = loc["region"]["startLine"].as_u64().expect("startLine");
        assert!(line >= 1);
        let id = uri
            .trim_end_matches("/application.toml")
            .rsplit('/')
            .next()
            .unwrap();
        from_sarif.push((id.to_string(), format!("{rule}/{level}"), line));
    }
    // The same findings as the JSON report, at the same lines.
    let mut from_json: Vec<(String, String, u64)> = json
        .applications
        .iter()
        .flat_map(|a| {
            a.findings.iter().map(move |f| {
                let level = match f.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "note",
                };
                (a.id.clone(), format!("{}/{level}", f.code), f.line() as u64)
            })
        })
        .collect();
    from_sarif.sort();
    from_json.sort();
    assert_eq!(from_sarif, from_json);
}

/// What the JUnit report says about one application.
#[derive(Debug, Default)]
struct Suite {
    tests: usize,
    failures_attr: usize,
    testcases: usize,
    failure_types: BTreeSet<String>,
    failure_count: usize,
}

/// Parse the JUnit XML with a real XML reader (well-formedness, nesting, attributes).
fn parse_junit(xml: &str) -> BTreeMap<String, Suite> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut suites: BTreeMap<String, Suite> = BTreeMap::new();
    let mut stack: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    let mut roots = 0;
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("malformed JUnit XML: {e}\n{xml}"));
        let (start, empty) = match &event {
            Event::Start(s) => (Some(s.clone()), false),
            Event::Empty(s) => (Some(s.clone()), true),
            Event::End(_) => {
                if stack.pop().as_deref() == Some("testsuite") {
                    current = None;
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let s = start.expect("a start tag");
        let name = s.name().as_ref().to_string();
        let mut attrs: BTreeMap<String, String> = BTreeMap::new();
        for a in s.attributes() {
            let a = a.unwrap_or_else(|e| panic!("malformed attribute: {e}"));
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .unwrap_or_else(|e| panic!("bad attribute value: {e}"));
            attrs.insert(a.key.as_ref().to_string(), value.into_owned());
        }
        let parent = stack.last().map(String::as_str);
        match name.as_str() {
            "testsuites" => {
                assert!(parent.is_none());
                roots += 1;
            }
            "testsuite" => {
                assert_eq!(parent, Some("testsuites"));
                let id = attrs["name"].clone();
                let suite = suites.entry(id.clone()).or_default();
                suite.tests = attrs["tests"].parse().unwrap();
                suite.failures_attr = attrs["failures"].parse().unwrap();
                current = Some(id);
            }
            "testcase" => {
                assert_eq!(parent, Some("testsuite"));
                assert!(attrs.contains_key("name") && attrs.contains_key("classname"));
                suites.get_mut(current.as_ref().unwrap()).unwrap().testcases += 1;
            }
            "failure" => {
                assert_eq!(parent, Some("testcase"));
                let suite = suites.get_mut(current.as_ref().unwrap()).unwrap();
                suite.failure_count += 1;
                suite.failure_types.insert(attrs["type"].clone());
            }
            _ => {}
        }
        if !empty {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    assert_eq!(roots, 1, "one <testsuites> root");
    suites
}

#[test]
fn junit_report_has_one_testsuite_per_application_and_fails_where_errors_are() {
    let demo = Demo::new();
    let out = demo
        .cmd()
        .args(["--format", "junit", "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let xml = String::from_utf8(out.stdout).unwrap();
    let suites = parse_junit(&xml);
    let expected = expectations();
    assert_eq!(
        suites.len(),
        expected.len(),
        "one testsuite per application"
    );
    for e in &expected {
        let s = &suites[&e.id];
        assert_eq!(s.tests, s.testcases, "{}: tests attribute", e.id);
        assert_eq!(
            s.failures_attr, s.failure_count,
            "{}: failures attribute",
            e.id
        );
        // At the default threshold, exactly the rules with errors fail (the material-content
        // warnings and infos of an application with errors do not).
        let expected_failures: BTreeSet<String> = e
            .codes
            .iter()
            .filter(|c| {
                ccc_exempt::model::codes::Code::parse(c).map(|c| c.default_severity())
                    == Some(ccc_exempt::model::diagnostic::Severity::Error)
            })
            .cloned()
            .collect();
        assert_eq!(s.failure_types, expected_failures, "{}", e.id);
    }
    // With --fail-on warning the warning fails too.
    let out = demo
        .cmd()
        .args([
            "--format",
            "junit",
            "check",
            "--fail-on",
            "warning",
            "mistake-office-supplies",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let suites = parse_junit(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(
        suites["mistake-office-supplies"].failure_types,
        BTreeSet::from(["P009".to_string()])
    );
}

#[test]
fn human_report_groups_by_application_and_sums_up() {
    let demo = Demo::new();
    let out = demo.cmd().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    for e in expectations() {
        assert!(text.contains(&e.id), "{} is in the report", e.id);
        for code in &e.codes {
            assert!(text.contains(code.as_str()), "{code} is in the report");
        }
    }
    assert!(text.contains("14 application(s)"), "{text}");
}

// ---------------------------------------------------------------------------------------------
// Bad input: exit 2 with a clear message. A malformed application.toml is a T001 finding in the
// report (file, line, column) and on stderr; the other applications are still checked.

#[test]
fn malformed_toml_is_exit_2_with_file_line_and_column() {
    let demo = Demo::new();
    let text = demo.read_app("2026-research-01");
    let line = line_of(&text, "quantity = 3");
    demo.write_app(
        "2026-research-01",
        text.replacen("quantity = 3", "quantity = = 3", 1),
    );
    let pattern = format!(r"application\.toml:{line}:\d+: ");
    demo.cmd()
        .args(["check", "2026-research-01"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("T001"))
        .stderr(predicate::str::is_match(pattern).unwrap());
    let app = single(json_check(&demo, &["2026-research-01"], 2));
    let t001 = app.finding("T001");
    assert_eq!(t001.line(), line);
    assert!(t001.message.contains("malformed TOML"), "{t001:?}");
    assert_eq!(app.condition, None);
}

/// A FIFO (or a directory) where an application.toml belongs is that application, unreadable:
/// T001 saying what it is, exit 2, the others still checked; never "no application", never a
/// check that waits forever for a writer.
#[cfg(unix)]
#[test]
fn a_fifo_in_place_of_application_toml_is_t001_not_a_hang() {
    let demo = Demo::new();
    let dir = demo.root.join("applications/2026-fifo-01");
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("application.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    std::fs::create_dir_all(demo.root.join("applications/2026-dir-01/application.toml")).unwrap();
    for id in ["2026-fifo-01", "2026-dir-01"] {
        demo.cmd()
            .timeout(std::time::Duration::from_secs(60))
            .args(["check", id])
            .assert()
            .code(2)
            .stdout(predicate::str::contains("T001"))
            .stderr(predicate::str::contains("no application").not());
    }
    let report = json_check(&demo, &[], 2);
    let fifo_app = report
        .applications
        .iter()
        .find(|a| a.id == "2026-fifo-01")
        .expect("the FIFO's application is reported");
    let t = fifo_app.finding("T001");
    assert!(t.message.contains("not a regular file"), "{t:?}");
    assert!(
        report.applications.len() >= expectations().len() + 2,
        "the others are still checked"
    );
}

/// Issue 7 item 7: a whole-workspace check (and one naming several applications) never hides
/// results. Two malformed applications (a syntax error, an unknown key) are T001 findings with
/// their file, line and column; every other application is still checked and reported, in every
/// format; the exit code is 2.
#[test]
fn a_malformed_application_never_hides_the_others_in_any_format() {
    let demo = Demo::new();
    let text = demo.read_app("2026-research-01");
    let syntax_line = line_of(&text, "quantity = 3");
    demo.write_app(
        "2026-research-01",
        text.replacen("quantity = 3", "quantity = = 3", 1),
    );
    let text = demo.read_app("2026-repair-01");
    let key_line = line_of(&text, "unit_price = ");
    demo.write_app(
        "2026-repair-01",
        text.replacen("unit_price = ", "unit_prise = ", 1),
    );
    let expected = expectations();
    let broken = ["2026-research-01", "2026-repair-01"];

    // JSON: every application, the broken ones with T001 only, the others with their codes.
    let report = json_check(&demo, &[], 2);
    assert_eq!(report.applications.len(), expected.len());
    for e in &expected {
        let app = report
            .applications
            .iter()
            .find(|a| a.id == e.id)
            .unwrap_or_else(|| panic!("{} is reported", e.id));
        if broken.contains(&e.id.as_str()) {
            assert_eq!(
                app.codes(),
                BTreeSet::from(["T001".to_string()]),
                "{}",
                e.id
            );
        } else {
            assert_eq!(app.codes(), e.codes, "{} is still checked", e.id);
        }
    }
    let at = |id: &str| {
        let app = report.applications.iter().find(|a| a.id == id).unwrap();
        let t = app.finding("T001");
        assert!(
            t.location.file.ends_with(&format!("{id}/application.toml")),
            "{t:?}"
        );
        assert_eq!(t.severity, Severity::Error);
        (t.line(), t.column(), t.message.clone())
    };
    let (l, c, m) = at("2026-research-01");
    assert_eq!(l, syntax_line);
    assert!(c >= 1 && m.contains("malformed TOML"), "{m}");
    let (l, c, m) = at("2026-repair-01");
    assert_eq!((l, c), (key_line, 1));
    assert!(m.contains("did you mean `products[0].unit_price`"), "{m}");
    assert!(report.summary.errors >= 2);

    // Naming several applications, one of them broken: the same.
    let report = json_check(
        &demo,
        &["2026-research-01", "2026-line-01", "mistake-applicant"],
        2,
    );
    assert_eq!(report.applications.len(), 3);
    assert_eq!(single_of(&report, "2026-line-01").codes(), BTreeSet::new());
    assert!(
        single_of(&report, "mistake-applicant")
            .codes()
            .contains("A002")
    );

    // Human: every application has its section; the reason for exit 2 is also on stderr.
    let out = demo.cmd().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    for e in &expected {
        assert!(
            stdout.contains(&format!("{} (", e.id)),
            "{} in:\n{stdout}",
            e.id
        );
    }
    assert_eq!(stdout.matches("T001").count(), 2, "{stdout}");
    assert!(stdout.contains(&format!("{syntax_line}:")), "{stdout}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!("2026-research-01/application.toml:{syntax_line}:"))
            && stderr.contains(&format!("2026-repair-01/application.toml:{key_line}:1:")),
        "{stderr}"
    );

    // JUnit: one testsuite per application; the broken ones fail T001, the others their rules.
    let out = demo
        .cmd()
        .args(["--format", "junit", "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let suites = parse_junit(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(suites.len(), expected.len());
    for e in &expected {
        let s = &suites[&e.id];
        if broken.contains(&e.id.as_str()) {
            assert_eq!(
                s.failure_types,
                BTreeSet::from(["T001".to_string()]),
                "{}",
                e.id
            );
        } else if e.exit == 1 {
            assert!(!s.failure_types.is_empty(), "{}", e.id);
        }
    }

    // SARIF: a T001 result at each broken file's line, and results for the other applications.
    let out = demo
        .cmd()
        .args(["--format", "sarif", "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &sarif["runs"][0];
    assert!(
        run["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "T001")
    );
    let results = run["results"].as_array().unwrap();
    let t001: Vec<(String, u64)> = results
        .iter()
        .filter(|r| r["ruleId"] == "T001")
        .map(|r| {
            let loc = &r["locations"][0]["physicalLocation"];
            (
                loc["artifactLocation"]["uri"].as_str().unwrap().to_string(),
                loc["region"]["startLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(t001.len(), 2, "{t001:?}");
    assert!(t001.contains(&(
        "demo/applications/2026-research-01/application.toml".to_string(),
        syntax_line as u64
    )));
    assert!(t001.contains(&(
        "demo/applications/2026-repair-01/application.toml".to_string(),
        key_line as u64
    )));
    let others: BTreeSet<&str> = results
        .iter()
        .filter(|r| r["ruleId"] != "T001")
        .map(|r| r["properties"]["subject"].as_str().unwrap())
        .collect();
    assert!(
        others.contains("mistake-applicant") && others.len() > 5,
        "{others:?}"
    );
}

fn single_of<'a>(report: &'a Report, id: &str) -> &'a AppJson {
    report
        .applications
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("{id} is reported"))
}

/// Severities are data: `[severity]` in ccc-exempt.toml raises or lowers a code; every format
/// says the severity in force, and `--fail-on` uses it.
#[test]
fn the_workspace_severity_table_is_in_force_everywhere() {
    let demo = Demo::new();
    let cfg = demo.root.join("ccc-exempt.toml");
    let original = std::fs::read_to_string(&cfg).unwrap();
    // mistake-office-supplies has only warnings (P009): raise P009 to an error.
    std::fs::write(&cfg, format!("{original}\n[severity]\nP009 = \"error\"\n")).unwrap();
    let app = single(json_check(&demo, &["mistake-office-supplies"], 1));
    let p009 = app.finding("P009");
    assert_eq!(
        (p009.severity, p009.default_severity),
        (Severity::Error, Severity::Warning)
    );
    let human = demo
        .cmd()
        .args(["check", "mistake-office-supplies"])
        .output()
        .unwrap();
    assert_eq!(human.status.code(), Some(1));
    let stdout = String::from_utf8(human.stdout).unwrap();
    assert!(
        stdout.contains("error*") && stdout.contains("[severity]"),
        "{stdout}"
    );
    let out = demo
        .cmd()
        .args(["--format", "sarif", "check", "mistake-office-supplies"])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &sarif["runs"][0]["results"][0];
    assert_eq!(
        (r["ruleId"].as_str(), r["level"].as_str()),
        (Some("P009"), Some("error"))
    );
    assert_eq!(r["properties"]["defaultLevel"], "warning");
    let out = demo
        .cmd()
        .args(["--format", "junit", "check", "mistake-office-supplies"])
        .output()
        .unwrap();
    let suites = parse_junit(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(
        suites["mistake-office-supplies"].failure_types,
        BTreeSet::from(["P009".to_string()])
    );

    // Lowered to info, a warning no longer fails --fail-on warning.
    std::fs::write(&cfg, format!("{original}\n[severity]\nP009 = \"info\"\n")).unwrap();
    let app = single(json_check(
        &demo,
        &["--fail-on", "warning", "mistake-office-supplies"],
        0,
    ));
    assert_eq!(app.finding("P009").severity, Severity::Info);

    // An unknown code, a fixed code or a bad severity: exit 2 with file, line and column.
    std::fs::write(
        &cfg,
        format!("{original}\n[severity]\nP0009 = \"info\"\nT001 = \"warning\"\nK001 = \"loud\"\n"),
    )
    .unwrap();
    let n = original.lines().count() + 2;
    demo.cmd()
        .args(["check", "mistake-office-supplies"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(
            predicate::str::contains(format!(
                "ccc-exempt.toml:{}:1: [severity]: unknown code `P0009`",
                n + 1
            ))
            .and(predicate::str::contains(format!(
                "ccc-exempt.toml:{}:1: [severity]: the severity of T001",
                n + 2
            )))
            .and(predicate::str::contains(format!(
                "ccc-exempt.toml:{}:8: [severity] K001 must be",
                n + 3
            ))),
        );
}

#[test]
fn an_unknown_key_is_exit_2_with_a_suggestion() {
    let demo = Demo::new();
    let text = demo.read_app("2026-repair-01");
    let line = line_of(&text, "unit_price = ");
    demo.write_app(
        "2026-repair-01",
        text.replacen("unit_price = ", "unit_prise = ", 1),
    );
    demo.cmd()
        .args(["check", "2026-repair-01"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("T001"))
        .stderr(
            predicate::str::contains(format!("application.toml:{line}:1:"))
                .and(predicate::str::contains("products[0].unit_prise"))
                .and(predicate::str::contains(
                    "did you mean `products[0].unit_price`",
                )),
        );
}

#[test]
fn non_utf8_bytes_are_exit_2_with_their_position() {
    let demo = Demo::new();
    let text = demo.read_app("2026-repair-01");
    let line = line_of(&text, "purpose = ");
    let mut bytes = Vec::new();
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            // "维修" in GBK, as a Windows editor might save it.
            bytes.extend_from_slice(b"purpose = \"\xCE\xAC\xD0\xDE\"\n");
        } else {
            bytes.extend_from_slice(l.as_bytes());
        }
    }
    demo.write_app("2026-repair-01", bytes);
    demo.cmd()
        .args(["check", "2026-repair-01"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("UTF-8").and(predicate::str::contains(format!(
                "application.toml:{line}:"
            ))),
        );
}

#[test]
fn an_empty_file_is_exit_2() {
    let demo = Demo::new();
    demo.write_app("2026-other-01", "");
    demo.cmd()
        .args(["check", "2026-other-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty"));
}

#[test]
fn a_path_that_does_not_exist_is_exit_2() {
    let demo = Demo::new();
    demo.cmd()
        .args(["check", "applications/no-such/application.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "applications/no-such/application.toml",
        ));
}

#[test]
fn an_unknown_application_id_is_exit_2_with_a_suggestion() {
    let demo = Demo::new();
    demo.cmd()
        .args(["check", "2026-reserch-01"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("2026-reserch-01")
                .and(predicate::str::contains("2026-research-01")),
        );
}

#[test]
fn a_bom_prefixed_file_is_read_as_utf8_and_positions_do_not_move() {
    let demo = Demo::new();
    for id in ["2026-research-01", "mistake-applicant"] {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(demo.read_app(id).as_bytes());
        demo.write_app(id, bytes);
    }
    let app = single(json_check(&demo, &["2026-research-01"], 0));
    assert!(app.findings.is_empty(), "{:#?}", app.findings);
    let text = demo.read_app("mistake-applicant");
    let app = single(json_check(&demo, &["mistake-applicant"], 1));
    let a002 = app.finding("A002");
    assert_eq!(
        (a002.line(), a002.column()),
        (line_of(text.trim_start_matches('\u{feff}'), "uscc = "), 1)
    );
}

// ---------------------------------------------------------------------------------------------
// Workspace and storage: exit 3.

#[test]
fn a_workspace_that_does_not_exist_is_exit_3() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("nonexistent");
    bin()
        .current_dir(tmp.path())
        .arg("--workspace")
        .arg(&missing)
        .arg("check")
        .assert()
        .code(3)
        .stderr(predicate::str::contains("nonexistent"));
    bin()
        .current_dir(tmp.path())
        .args(["--workspace", "/nonexistent", "check", "2026-research-01"])
        .assert()
        .code(3);
    assert!(
        !missing.exists(),
        "nothing is created for a missing workspace"
    );
}

#[test]
fn no_workspace_at_all_is_exit_3() {
    let tmp = tempfile::tempdir().unwrap();
    bin()
        .current_dir(tmp.path())
        .arg("check")
        .assert()
        .code(3)
        .stderr(predicate::str::contains("ccc-exempt.toml"));
    bin()
        .current_dir(tmp.path())
        .args(["check", "2026-research-01"])
        .assert()
        .code(3);
    // The environment variable names a workspace like --workspace does.
    bin()
        .current_dir(tmp.path())
        .env("CCC_EXEMPT_WORKSPACE", tmp.path().join("nowhere"))
        .arg("check")
        .assert()
        .code(3)
        .stderr(predicate::str::contains("CCC_EXEMPT_WORKSPACE"));
}

#[test]
fn a_database_from_a_newer_version_is_refused_with_exit_3() {
    let demo = Demo::new();
    demo.cmd()
        .args(["check", "2026-research-01"])
        .assert()
        .code(0);
    let db = demo.root.join(".ccc-exempt").join("workspace.db");
    assert!(
        db.is_file(),
        "check records its results in the workspace database"
    );
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    demo.cmd()
        .args(["check", "2026-research-01"])
        .assert()
        .code(3)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("999").and(predicate::str::contains("newer")));
}

#[test]
fn a_file_outside_any_workspace_is_checked_when_it_carries_its_applicant() {
    let tmp = tempfile::tempdir().unwrap();
    // 2026-research-01 carries its own [applicant]; 2026-repair-01 relies on the workspace profile.
    for id in ["2026-research-01", "2026-repair-01"] {
        common::copy_dir(
            &common::demo_source().join("applications").join(id),
            &tmp.path().join("loose").join(id),
        );
    }
    let out = bin()
        .current_dir(tmp.path())
        .args([
            "--format",
            "json",
            "check",
            "loose/2026-research-01/application.toml",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let app = single(serde_json::from_slice(&out.stdout).unwrap());
    assert_eq!(app.id, "2026-research-01");
    assert!(app.findings.is_empty(), "{:#?}", app.findings);
    // Without a profile to merge, the applicant is missing.
    let out = bin()
        .current_dir(tmp.path())
        .args(["--format", "json", "check", "loose/2026-repair-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let app = single(serde_json::from_slice(&out.stdout).unwrap());
    assert_eq!(
        app.codes(),
        BTreeSet::from(["A001".to_string(), "A002".to_string()])
    );
    assert!(
        !tmp.path().join(".ccc-exempt").exists() && !tmp.path().join("loose/.ccc-exempt").exists(),
        "nothing is written outside a workspace"
    );
}

// ---------------------------------------------------------------------------------------------
// Languages and colour.

#[test]
fn lang_zh_gives_chinese_messages() {
    let demo = Demo::new();
    let en = single(json_check(&demo, &["mistake-applicant"], 1));
    assert!(
        en.finding("A002").message.contains("check character"),
        "English by default with no LANG: {:?}",
        en.finding("A002")
    );
    let out = demo
        .cmd()
        .args([
            "--lang",
            "zh",
            "--format",
            "json",
            "check",
            "mistake-applicant",
        ])
        .output()
        .unwrap();
    let zh = single(serde_json::from_slice(&out.stdout).unwrap());
    assert!(
        zh.finding("A002").message.contains("校验位"),
        "{:?}",
        zh.finding("A002")
    );
    assert!(zh.finding("A003").message.contains("申请人角色"));
    demo.cmd()
        .args(["--lang", "zh", "check", "mistake-applicant"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("个申请").and(predicate::str::contains("错误")));
    // LANG=zh_CN picks Chinese too; --lang wins over it.
    demo.cmd()
        .env("LANG", "zh_CN.UTF-8")
        .args(["check", "mistake-applicant"])
        .assert()
        .stdout(predicate::str::contains("校验位"));
    demo.cmd()
        .env("LANG", "zh_CN.UTF-8")
        .args(["--lang", "en", "check", "mistake-applicant"])
        .assert()
        .stdout(predicate::str::contains("check character"));
}

fn has_esc(b: &[u8]) -> bool {
    b.contains(&0x1B)
}

#[test]
fn forced_colour_colours_the_severities() {
    // Without this, the NO_COLOR test below could not fail: colour must be on when forced, even
    // when stdout is a pipe (CI logs render ANSI colours).
    let demo = Demo::new();
    for (env, args) in [
        (
            Some(("CLICOLOR_FORCE", "1")),
            vec!["check", "mistake-applicant"],
        ),
        (
            None,
            vec!["--color", "always", "check", "mistake-applicant"],
        ),
    ] {
        let mut c = demo.cmd();
        if let Some((k, v)) = env {
            c.env(k, v);
        }
        let out = c.args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(
            has_esc(&out.stdout),
            "{env:?} {args:?}: no colour escapes on stdout"
        );
    }
}

#[test]
fn no_color_is_honoured() {
    let demo = Demo::new();
    // NO_COLOR wins over CLICOLOR_FORCE: no escape on stdout or stderr.
    let plain = demo
        .cmd()
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .args(["check", "mistake-applicant"])
        .output()
        .unwrap();
    assert_eq!(plain.status.code(), Some(1));
    assert!(!has_esc(&plain.stdout) && !has_esc(&plain.stderr));
    assert!(String::from_utf8_lossy(&plain.stdout).contains("A002"));
    let never = demo
        .cmd()
        .env("CLICOLOR_FORCE", "1")
        .args(["--color", "never", "check", "mistake-applicant"])
        .output()
        .unwrap();
    assert!(!has_esc(&never.stdout) && !has_esc(&never.stderr));
}

// ---------------------------------------------------------------------------------------------
// Material files that are not plain files.

/// Replace one material file of a complete application and check that exactly `code` is found.
fn material_replaced_by(make: impl FnOnce(&Path), code: &str) {
    let demo = Demo::new();
    let file = demo
        .app_dir("2026-repair-01")
        .join("materials/safety-commitment.pdf");
    std::fs::remove_file(&file).unwrap();
    make(&file);
    let started = std::time::Instant::now();
    let app = single(json_check(&demo, &["2026-repair-01"], 1));
    assert!(started.elapsed() < Duration::from_secs(30));
    assert_eq!(
        app.codes(),
        BTreeSet::from([code.to_string()]),
        "{:#?}",
        app.findings
    );
    let f = app.finding(code);
    assert!(f.path().starts_with("materials["), "{f:?}");
    assert!(f.message.contains("safety-commitment.pdf"), "{f:?}");
}

#[test]
fn a_material_path_that_is_a_directory_is_m002() {
    material_replaced_by(|p| std::fs::create_dir(p).unwrap(), "M002");
}

#[test]
fn a_missing_or_empty_material_file_is_m002() {
    material_replaced_by(|_| {}, "M002");
    material_replaced_by(|p| std::fs::write(p, b"").unwrap(), "M002");
}

#[cfg(unix)]
#[test]
fn a_material_path_that_is_a_fifo_is_m002_and_never_hangs() {
    material_replaced_by(
        |p| {
            let ok = std::process::Command::new("mkfifo")
                .arg(p)
                .status()
                .expect("mkfifo runs")
                .success();
            assert!(ok, "mkfifo {}", p.display());
        },
        "M002",
    );
}

#[cfg(unix)]
#[test]
fn a_symlinked_material_is_m009() {
    material_replaced_by(
        |p| {
            // A real PDF next to it: only the link is at fault.
            let real = p.with_file_name("safety-commitment-original.pdf");
            std::fs::copy(
                common::demo_source()
                    .join("applications/2026-repair-01/materials/safety-commitment.pdf"),
                &real,
            )
            .unwrap();
            std::os::unix::fs::symlink(&real, p).unwrap();
        },
        "M009",
    );
}

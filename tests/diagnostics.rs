//! End-to-end tests of the one diagnostic in every report that is a list of problems: `verify`,
//! `ledger verify`, `ledger import --dry-run` (human, JSON, JUnit and SARIF) and `status` (human,
//! JSON). The JSON documents (docs/json.md) are parsed into strict structs: a field added, renamed
//! or removed fails. The JUnit is read with a real XML reader, the SARIF as JSON. The workspace's
//! `[severity]` table is in force in each of them.

#[path = "ledger_harness.rs"]
mod harness;

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use harness::{PNG, Ws, application};
use serde::Deserialize;

// ---------------------------------------------------------------------------------------------
// The diagnostic as every JSON document carries it.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Sev {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Diag {
    code: String,
    name: Option<String>,
    severity: Sev,
    default_severity: Sev,
    message: String,
    location: Loc,
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

#[derive(Debug, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
enum Loc {
    File {
        file: String,
        line: Option<usize>,
        column: Option<usize>,
        key: Option<String>,
    },
    Row {
        file: String,
        line: u64,
        column: Option<String>,
    },
    Entry {
        seq: i64,
        cert_no: Option<String>,
        line: Option<i64>,
    },
    Certificate {
        cert_no: String,
        line: Option<i64>,
    },
    PackageEntry {
        entry: String,
        line: Option<u64>,
    },
    None,
}

/// Every diagnostic: a code of four characters, a message, a clause; `explain` knows the code.
fn well_formed(d: &Diag) {
    let b = d.code.as_bytes();
    assert!(
        b.len() == 4 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit),
        "{d:?}"
    );
    assert!(
        !d.message.trim().is_empty() && !d.clause.is_empty(),
        "{d:?}"
    );
    assert!(d.hint.as_deref().is_none_or(|h| !h.is_empty()), "{d:?}");
}

#[test]
fn the_strict_location_refuses_an_unknown_field() {
    let ok: Loc = serde_json::from_str(r#"{"kind":"entry","seq":3,"cert_no":null,"line":null}"#)
        .expect("a location");
    assert_eq!(
        ok,
        Loc::Entry {
            seq: 3,
            cert_no: None,
            line: None
        }
    );
    assert!(
        serde_json::from_str::<Loc>(
            r#"{"kind":"entry","seq":3,"cert_no":null,"line":null,"extra":1}"#
        )
        .is_err()
    );
    assert!(serde_json::from_str::<Loc>(r#"{"kind":"elsewhere"}"#).is_err());
}

// ---------------------------------------------------------------------------------------------
// JUnit and SARIF, read generically.

/// A testsuite: its name, the testcases' names, and the failing testcases' types.
#[derive(Debug, Default)]
struct Suite {
    tests: usize,
    failures_attr: usize,
    testcases: Vec<String>,
    failures: BTreeSet<String>,
    system_out: usize,
}

/// Parse JUnit XML with a real XML reader: well-formed, one root, the documented nesting, and
/// the counts in the attributes agree with the elements.
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
        let (s, empty) = match &event {
            Event::Start(s) => (s.clone(), false),
            Event::Empty(s) => (s.clone(), true),
            Event::End(_) => {
                stack.pop();
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
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
                assert!(attrs.contains_key("classname"));
                let suite = suites.get_mut(current.as_ref().unwrap()).unwrap();
                suite.testcases.push(attrs["name"].clone());
            }
            "failure" => {
                assert_eq!(parent, Some("testcase"));
                let suite = suites.get_mut(current.as_ref().unwrap()).unwrap();
                assert!(suite.failures.insert(attrs["type"].clone()));
            }
            "system-out" => {
                assert_eq!(parent, Some("testcase"));
                suites
                    .get_mut(current.as_ref().unwrap())
                    .unwrap()
                    .system_out += 1;
            }
            _ => {}
        }
        if !empty {
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    assert_eq!(roots, 1, "one <testsuites> root");
    for (name, s) in &suites {
        assert_eq!(s.tests, s.testcases.len(), "{name}: tests attribute");
        assert_eq!(
            s.failures_attr,
            s.failures.len(),
            "{name}: failures attribute"
        );
    }
    suites
}

/// One SARIF result: rule, level, message and where.
#[derive(Debug)]
struct SarifResult {
    rule: String,
    level: String,
    message: String,
    uri: Option<String>,
    start_line: Option<u64>,
    logical: Option<String>,
    default_level: String,
}

/// Parse SARIF 2.1.0: the required fields, every result's rule described in the driver.
fn parse_sarif(bytes: &[u8]) -> Vec<SarifResult> {
    let v: serde_json::Value = serde_json::from_slice(bytes).expect("SARIF is JSON");
    assert_eq!(v["version"], "2.1.0");
    assert!(v["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = v["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "ccc-exempt");
    let rules: BTreeSet<&str> = driver["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| {
            assert!(r["shortDescription"]["text"].is_string(), "{r}");
            assert!(
                matches!(
                    r["defaultConfiguration"]["level"].as_str(),
                    Some("error" | "warning" | "note")
                ),
                "{r}"
            );
            r["id"].as_str().expect("rule id")
        })
        .collect();
    runs[0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            let rule = r["ruleId"].as_str().expect("ruleId").to_string();
            assert!(
                rules.contains(rule.as_str()),
                "{rule} described in driver.rules"
            );
            let level = r["level"].as_str().expect("level").to_string();
            assert!(
                matches!(level.as_str(), "error" | "warning" | "note"),
                "{level}"
            );
            let loc = &r["locations"][0];
            SarifResult {
                rule,
                level,
                message: r["message"]["text"].as_str().expect("message").to_string(),
                uri: loc["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .map(String::from),
                start_line: loc["physicalLocation"]["region"]["startLine"].as_u64(),
                logical: loc["logicalLocations"][0]["fullyQualifiedName"]
                    .as_str()
                    .map(String::from),
                default_level: r["properties"]["defaultLevel"]
                    .as_str()
                    .expect("defaultLevel")
                    .to_string(),
            }
        })
        .collect()
}

fn run(cmd: &mut assert_cmd::Command) -> (i32, String, String) {
    let out = cmd.output().expect("run");
    (
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

// ---------------------------------------------------------------------------------------------
// verify (schema ccc-exempt/verify/3)

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VerifyJson {
    schema: String,
    file: String,
    level: String,
    valid: bool,
    bag: Option<String>,
    entries: usize,
    payload_files: u64,
    payload_bytes: u64,
    bag_info: Vec<(String, String)>,
    draft: bool,
    problems: Vec<Diag>,
    notes: Vec<String>,
}

/// A package of the demo's research application, and a copy with one byte of a stored PDF
/// flipped.
fn packages(demo: &common::Demo) -> (std::path::PathBuf, std::path::PathBuf) {
    let good = demo.tmp.path().join("good.zip");
    demo.cmd()
        .args(["package", "2026-research-01", "-o"])
        .arg(&good)
        .assert()
        .code(0);
    let mut bytes = std::fs::read(&good).unwrap();
    let needle = b"/Type /Catalog";
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("a stored PDF in the zip");
    bytes[at + 1] ^= 0x20;
    let bad = demo.tmp.path().join("flipped.zip");
    std::fs::write(&bad, bytes).unwrap();
    (good, bad)
}

#[test]
fn verify_reports_in_every_format() {
    let demo = common::Demo::new();
    let (good, bad) = packages(&demo);

    // JSON, strictly.
    let (code, out, _) = run(demo.cmd().args(["--format", "json", "verify"]).arg(&good));
    assert_eq!(code, 0);
    let v: VerifyJson = serde_json::from_str(&out).unwrap();
    assert_eq!(v.schema, "ccc-exempt/verify/3");
    assert!(v.valid && v.problems.is_empty() && !v.draft, "{v:?}");
    assert_eq!(v.level, "checksums");
    assert_eq!(v.bag.as_deref(), Some("2026-research-01"));
    assert!(v.entries > v.payload_files as usize && v.payload_bytes > 0);
    assert!(v.bag_info.iter().any(|(k, _)| k == "Payload-Oxum"));
    assert!(v.notes.is_empty() && v.file.ends_with("good.zip"));

    let (code, out, _) = run(demo.cmd().args(["--format", "json", "verify"]).arg(&bad));
    assert_eq!(code, 1);
    let v: VerifyJson = serde_json::from_str(&out).unwrap();
    assert!(!v.valid);
    let mut found: Vec<(String, Option<String>)> = Vec::new();
    for d in &v.problems {
        well_formed(d);
        assert_eq!((d.severity, d.default_severity), (Sev::Error, Sev::Error));
        assert!(d.due.is_none());
        let Loc::PackageEntry { entry, line: None } = &d.location else {
            panic!("{d:?}")
        };
        assert!(entry.ends_with("commitment-letter.pdf"), "{d:?}");
        found.push((d.code.clone(), d.name.clone()));
    }
    found.sort();
    assert_eq!(
        found,
        [
            ("V025".to_string(), Some("crc-mismatch".to_string())),
            ("V026".to_string(), Some("checksum-mismatch".to_string()))
        ]
    );

    // Human: the table names the codes and the entry.
    let (code, out, _) = run(demo.cmd().arg("verify").arg(&bad));
    assert_eq!(code, 1);
    assert!(
        out.contains("✗ invalid") && out.contains("V025") && out.contains("V026"),
        "{out}"
    );
    assert!(out.contains("commitment-letter.pdf"), "{out}");

    // JUnit: one suite (the zip), one testcase per V code, the two failing.
    let (code, out, _) = run(demo.cmd().args(["--format", "junit", "verify"]).arg(&bad));
    assert_eq!(code, 1);
    let suites = parse_junit(&out);
    assert_eq!(suites.len(), 1);
    let s = suites.values().next().unwrap();
    assert_eq!(s.testcases.len(), 26, "{:?}", s.testcases);
    assert!(s.testcases.iter().any(|t| t.starts_with("V015 ")));
    assert_eq!(
        s.failures,
        BTreeSet::from(["V025".to_string(), "V026".to_string()])
    );
    let (code, out, _) = run(demo.cmd().args(["--format", "junit", "verify"]).arg(&good));
    assert_eq!(code, 0);
    assert!(parse_junit(&out).values().all(|s| s.failures.is_empty()));

    // SARIF: the zip as the artifact, the entry as the logical location.
    let (code, out, _) = run(demo.cmd().args(["--format", "sarif", "verify"]).arg(&bad));
    assert_eq!(code, 1);
    let results = parse_sarif(out.as_bytes());
    assert_eq!(results.len(), 2);
    for r in &results {
        assert_eq!(r.level, "error");
        assert!(r.uri.as_deref().unwrap().ends_with("flipped.zip"), "{r:?}");
        assert!(
            r.logical
                .as_deref()
                .unwrap()
                .ends_with("commitment-letter.pdf")
        );
        assert!(!r.message.is_empty());
    }
    let (_, out, _) = run(demo.cmd().args(["--format", "sarif", "verify"]).arg(&good));
    assert!(parse_sarif(out.as_bytes()).is_empty());
}

#[test]
fn verify_uses_the_workspace_severities() {
    let demo = common::Demo::new();
    let (_, bad) = packages(&demo);
    let cfg = demo.root.join("ccc-exempt.toml");
    let original = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(
        &cfg,
        format!("{original}\n[severity]\nV025 = \"warning\"\nV026 = \"warning\"\n"),
    )
    .unwrap();
    // Lowered to warnings, the problems are still reported, at the severity in force, and the
    // package counts as valid.
    let (code, out, _) = run(demo.cmd().args(["--format", "json", "verify"]).arg(&bad));
    assert_eq!(code, 0, "{out}");
    let v: VerifyJson = serde_json::from_str(&out).unwrap();
    assert!(v.valid);
    assert_eq!(v.problems.len(), 2);
    assert!(
        v.problems
            .iter()
            .all(|d| d.severity == Sev::Warning && d.default_severity == Sev::Error)
    );
    let (_, out, _) = run(demo.cmd().arg("verify").arg(&bad));
    assert!(out.contains("✓ valid") && out.contains("warning*"), "{out}");
    let (_, out, _) = run(demo.cmd().args(["--format", "sarif", "verify"]).arg(&bad));
    assert!(
        parse_sarif(out.as_bytes())
            .iter()
            .all(|r| r.level == "warning" && r.default_level == "error")
    );
    let (code, out, _) = run(demo.cmd().args(["--format", "junit", "verify"]).arg(&bad));
    assert_eq!(code, 0);
    let suites = parse_junit(&out);
    let s = suites.values().next().unwrap();
    assert!(s.failures.is_empty() && s.system_out == 2, "{s:?}");
    // A bad table is an input error, even for a command that does not need the workspace.
    std::fs::write(&cfg, format!("{original}\n[severity]\nV099 = \"info\"\n")).unwrap();
    let (code, _, err) = run(demo.cmd().arg("verify").arg(&bad));
    assert_eq!(code, 2);
    assert!(
        err.contains("ccc-exempt.toml:") && err.contains("unknown code `V099`"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// ledger verify (schema ccc-exempt/ledger-verify/2)

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LedgerVerifyJson {
    schema: String,
    ok: bool,
    report: LedgerVerifyReport,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LedgerVerifyReport {
    workspace_id: String,
    entries: i64,
    head: String,
    certificates: usize,
    evidence_files: usize,
    extends_checkpoint: Option<bool>,
    problems: Vec<Diag>,
}

const CERT: &str = "MB2026001";

/// A certificate with an inbound (entry 2) and an issue (entry 3) on line 1, and a scrap with a
/// photo (entry 4).
fn ledger() -> Ws {
    let ws = Ws::with_cert("research", &[3, 5], CERT, "2026-01-15");
    let photo = ws.file("p.png", PNG);
    for args in [
        vec![
            "--kind",
            "inbound",
            "--qty",
            "3",
            "--date",
            "2026-02-01",
            "--doc-no",
            "C-1",
        ],
        vec!["--kind", "issue", "--qty", "2", "--date", "2026-02-02"],
    ] {
        ws.cmd()
            .args(["ledger", "add", "--cert", CERT, "--line", "1"])
            .args(args)
            .assert()
            .success();
    }
    ws.cmd()
        .args(["ledger", "add", "--cert", CERT, "--line", "1"])
        .args([
            "--kind",
            "scrap",
            "--qty",
            "1",
            "--date",
            "2026-02-03",
            "--evidence",
        ])
        .arg(&photo)
        .assert()
        .success();
    ws
}

#[test]
fn ledger_verify_reports_in_every_format() {
    let ws = ledger();
    let v: LedgerVerifyJson = serde_json::from_value(ws.json(&["ledger", "verify"])).unwrap();
    assert_eq!(v.schema, "ccc-exempt/ledger-verify/2");
    assert!(v.ok && v.report.problems.is_empty());
    assert_eq!((v.report.entries, v.report.certificates), (4, 1));
    assert_eq!(v.report.evidence_files, 1);
    assert_eq!(v.report.head.len(), 64);
    assert!(!v.report.workspace_id.is_empty() && v.report.extends_checkpoint.is_none());
    let (code, out, _) = run(ws.cmd().args(["--format", "junit", "ledger", "verify"]));
    assert_eq!(code, 0);
    let suites = parse_junit(&out);
    // One test case per ledger-verify code (L101–L117).
    assert_eq!(suites["ledger"].testcases.len(), 17);
    assert!(suites["ledger"].failures.is_empty());

    // Alter entry 3 and the stored balance of line 2.
    let db = ws.db();
    db.execute_batch(
        "DROP TRIGGER IF EXISTS ledger_entries_no_update;
         UPDATE ledger_entries SET qty = 1 WHERE seq = 3;
         UPDATE ledger_balances SET received = 9 WHERE line = 2;",
    )
    .unwrap();
    drop(db);

    let out = ws
        .cmd()
        .args(["--format", "json", "ledger", "verify"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: LedgerVerifyJson = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!v.ok);
    let mut seen = BTreeSet::new();
    for d in &v.report.problems {
        well_formed(d);
        assert!(d.code.starts_with("L1"), "{d:?}");
        assert!(d.name.is_some(), "{d:?}");
        match (&d.code[..], &d.location) {
            (
                "L101",
                Loc::Entry {
                    seq: 3,
                    cert_no: Some(c),
                    line: Some(1),
                },
            ) => assert_eq!(c, CERT),
            // Line 2's altered cache, and line 1's, whose replayed balance the altered
            // quantity changes.
            ("L112", Loc::Certificate { cert_no, .. }) => assert_eq!(cert_no, CERT),
            ("L111", Loc::Entry { .. }) => {}
            // The dropped append-only trigger.
            ("L117", Loc::None) => assert!(d.message.contains("ledger_entries_no_update")),
            other => panic!("unexpected {other:?}"),
        }
        seen.insert(d.code.clone());
    }
    assert!(
        seen.contains("L101") && seen.contains("L112") && seen.contains("L117"),
        "{seen:?}"
    );
    assert!(v.report.problems.iter().any(|d| d.code == "L112"
        && d.location
            == Loc::Certificate {
                cert_no: CERT.into(),
                line: Some(2)
            }));

    // Human: a table on stderr, nothing on stdout.
    let (code, out, err) = run(ws.cmd().args(["ledger", "verify"]));
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("L101") && err.contains("#3"), "{err}");

    // JUnit: one suite `ledger`, one testcase per L1xx code.
    let (code, out, _) = run(ws.cmd().args(["--format", "junit", "ledger", "verify"]));
    assert_eq!(code, 1);
    let suites = parse_junit(&out);
    let s = &suites["ledger"];
    assert!(s.testcases.iter().all(|t| t.starts_with("L1")));
    assert_eq!(s.failures, seen);

    // SARIF: entries and certificates as logical locations.
    let (code, out, _) = run(ws.cmd().args(["--format", "sarif", "ledger", "verify"]));
    assert_eq!(code, 1);
    let results = parse_sarif(out.as_bytes());
    assert_eq!(results.len(), v.report.problems.len());
    let l101 = results.iter().find(|r| r.rule == "L101").unwrap();
    assert_eq!(
        l101.logical.as_deref(),
        Some("ledger/#3 (MB2026001 line 1)")
    );
    assert!(l101.uri.is_none());
    assert!(
        results
            .iter()
            .any(|r| r.rule == "L112"
                && r.logical.as_deref() == Some("certificate/MB2026001/line 2"))
    );

    // Severities in force: lowering every code found makes the ledger pass, with the breaks
    // still listed as warnings.
    let cfg = ws.path().join("ccc-exempt.toml");
    let mut text = std::fs::read_to_string(&cfg).unwrap();
    text.push_str("\n[severity]\n");
    for c in &seen {
        text.push_str(&format!("{c} = \"warning\"\n"));
    }
    std::fs::write(&cfg, text).unwrap();
    let out = ws
        .cmd()
        .args(["--format", "json", "ledger", "verify"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: LedgerVerifyJson = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.ok && !v.report.problems.is_empty());
    assert!(
        v.report
            .problems
            .iter()
            .all(|d| d.severity == Sev::Warning && d.default_severity == Sev::Error)
    );
}

// ---------------------------------------------------------------------------------------------
// ledger import --dry-run (schema ccc-exempt/ledger-import/2)

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportJson {
    schema: String,
    file: String,
    columns: Vec<String>,
    report: ImportReport,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportReport {
    rows: u64,
    recorded: u64,
    already_recorded: u64,
    dry_run: bool,
    committed: bool,
    first_seq: Option<i64>,
    last_seq: Option<i64>,
    problems: Vec<Diag>,
}

const HEADER: &str = "cert,line,kind,qty,date,doc_no,location,operator,note,evidence,key\n";

fn import_json(ws: &Ws, file: &Path, exit: i32) -> ImportJson {
    let out = ws
        .cmd()
        .args(["--format", "json", "ledger", "import", "--dry-run"])
        .arg(file)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(exit),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn ledger_import_dry_run_reports_in_every_format() {
    let ws = Ws::with_cert("research", &[3], CERT, "2026-01-15");
    let good = ws.file(
        "good.csv",
        format!("{HEADER}{CERT},1,inbound,3,2026-02-01,C-1,,,,,\n").as_bytes(),
    );
    let v = import_json(&ws, &good, 0);
    assert_eq!(v.schema, "ccc-exempt/ledger-import/2");
    assert!(v.file.ends_with("good.csv") && v.columns.len() == 12);
    assert!(v.report.dry_run && !v.report.committed && v.report.problems.is_empty());
    assert_eq!(
        (v.report.rows, v.report.recorded, v.report.already_recorded),
        (1, 1, 0)
    );
    assert!(v.report.first_seq.is_some() && v.report.last_seq == v.report.first_seq);

    // A malformed value (I007, exit 2) and a rule's refusal (L002).
    let bad = ws.file(
        "bad.csv",
        format!(
            "{HEADER}{CERT},1,inbound,lots,2026-02-01,C-1,,,,,\n{CERT},1,inbound,9,2026-02-01,C-1,,,,,\n"
        )
        .as_bytes(),
    );
    let v = import_json(&ws, &bad, 2);
    assert_eq!(v.report.rows, 2);
    assert!(!v.report.committed && v.report.first_seq.is_none());
    let got: Vec<(String, Option<String>, Loc)> = v
        .report
        .problems
        .into_iter()
        .map(|d| {
            well_formed(&d);
            assert_eq!(d.severity, Sev::Error);
            (d.code, d.name, d.location)
        })
        .collect();
    let file = bad.display().to_string();
    assert_eq!(
        got,
        [
            (
                "I007".to_string(),
                Some("malformed-value".to_string()),
                Loc::Row {
                    file: file.clone(),
                    line: 2,
                    column: Some("qty".into())
                }
            ),
            (
                "L002".to_string(),
                None,
                Loc::Row {
                    file: file.clone(),
                    line: 3,
                    column: None
                }
            ),
        ]
    );

    // A misspelt column: I002 at line 1, its likely name as the hint.
    let typo = ws.file(
        "typo.csv",
        format!("cert,line,kindd,qty\n{CERT},1,inbound,3\n").as_bytes(),
    );
    let v = import_json(&ws, &typo, 2);
    let i002 = v
        .report
        .problems
        .iter()
        .find(|d| d.code == "I002")
        .expect("I002");
    assert_eq!(i002.hint.as_deref(), Some("did you mean kind?"));
    assert!(matches!(i002.location, Loc::Row { line: 1, .. }));

    // Human: a table on stderr naming the file and line of each problem.
    let (code, out, err) = run(ws.cmd().args(["ledger", "import", "--dry-run"]).arg(&bad));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("I007") && err.contains("L002") && err.contains("bad.csv:3"),
        "{err}"
    );

    // JUnit: one suite (the file), the I and L0xx codes as testcases, two failing.
    let (code, out, _) = run(ws
        .cmd()
        .args(["--format", "junit", "ledger", "import", "--dry-run"])
        .arg(&bad));
    assert_eq!(code, 2);
    let suites = parse_junit(&out);
    let s = &suites[&file];
    assert!(s.testcases.iter().any(|t| t.starts_with("I001 ")));
    assert!(s.testcases.iter().any(|t| t.starts_with("L003 ")));
    assert!(!s.testcases.iter().any(|t| t.starts_with("L101 ")));
    assert_eq!(
        s.failures,
        BTreeSet::from(["I007".to_string(), "L002".to_string()])
    );

    // SARIF: the CSV as the artifact, the line as the region, the column as the logical location.
    let (code, out, _) = run(ws
        .cmd()
        .args(["--format", "sarif", "ledger", "import", "--dry-run"])
        .arg(&bad));
    assert_eq!(code, 2);
    let results = parse_sarif(out.as_bytes());
    let i007 = results.iter().find(|r| r.rule == "I007").unwrap();
    assert!(i007.uri.as_deref().unwrap().ends_with("bad.csv"));
    assert_eq!(
        (i007.start_line, i007.logical.as_deref()),
        (Some(2), Some("qty"))
    );
    let l002 = results.iter().find(|r| r.rule == "L002").unwrap();
    assert_eq!(l002.start_line, Some(3));
    // Nothing was written by any of it.
    assert_eq!(ws.entries(), 1);
}

// ---------------------------------------------------------------------------------------------
// status (schema ccc-exempt/status/2)

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusJson {
    schema: String,
    as_of: String,
    applications: Vec<StatusApp>,
    certificates: Vec<StatusCert>,
    voided_rejections: Vec<serde_json::Value>,
    findings: Vec<Diag>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusApp {
    id: String,
    condition: Option<String>,
    status: String,
    registered: bool,
    certificate: Option<String>,
    /// An approval recorded with --force (S003), when there was one.
    forced: Option<StatusForced>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusForced {
    code: String,
    why: String,
    reason: String,
    at: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusCert {
    cert_no: String,
    amended_no: Option<String>,
    application_id: String,
    condition: String,
    issued_on: String,
    state: String,
    certified: i64,
    received: i64,
    in_stock: i64,
    issued: i64,
    used: i64,
    reexported: i64,
    scrapped: i64,
    exported: i64,
    open: i64,
    not_received: i64,
    written_off_on: Option<String>,
    retain_until: Option<String>,
    next_deadline: Option<StatusDeadline>,
    findings: Vec<Diag>,
    lines: Vec<StatusLine>,
    corrections: Vec<serde_json::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusLine {
    line: i64,
    product: String,
    certified: i64,
    received: i64,
    in_stock: i64,
    issued: i64,
    open: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusDeadline {
    code: String,
    date: String,
    what: String,
}

#[test]
fn status_flags_are_diagnostics_at_the_severity_in_force() {
    // Issued 2025-12-01: at the pinned clock (2026-11-27) more than 11 months ago, no usage
    // record yet: D001.
    let ws = Ws::with_cert("research", &[3], CERT, "2025-12-01");
    ws.write_app("draft", &application("repair", &[1]));
    let v: StatusJson = serde_json::from_value(ws.json(&["status"])).unwrap();
    assert_eq!(v.schema, "ccc-exempt/status/2");
    assert!(v.as_of.starts_with("2026-11-27"));
    assert_eq!(v.applications.len(), 2);
    let app = v.applications.iter().find(|a| a.id == "app1").unwrap();
    // The harness approves with --force (its applications never check clean): S003's record.
    let forced = app.forced.as_ref().expect("forced approval recorded");
    assert_eq!(forced.code, "S003");
    assert!(!forced.why.is_empty() && !forced.reason.is_empty() && !forced.at.is_empty());
    assert_eq!(app.certificate.as_deref(), Some(CERT));
    assert!(app.registered && app.condition.as_deref() == Some("research"));
    assert!(!app.status.is_empty());
    let c = &v.certificates[0];
    assert_eq!(
        (c.cert_no.as_str(), c.application_id.as_str()),
        (CERT, "app1")
    );
    assert_eq!(
        (c.condition.as_str(), c.issued_on.as_str()),
        ("research", "2025-12-01")
    );
    assert_eq!(
        (c.state.as_str(), c.certified, c.not_received),
        ("open", 3, 3)
    );
    assert_eq!(
        c.received + c.in_stock + c.issued + c.used + c.reexported + c.scrapped + c.exported,
        0
    );
    assert_eq!(c.open, 0);
    assert!(c.written_off_on.is_none() && c.retain_until.is_none());
    // Never amended; its one line open beside the deadline.
    assert!(c.amended_no.is_none() && c.corrections.is_empty());
    assert!(v.voided_rejections.is_empty());
    assert_eq!(c.lines.len(), 1);
    let l = &c.lines[0];
    assert_eq!(
        (
            l.line,
            l.certified,
            l.received,
            l.in_stock,
            l.issued,
            l.open
        ),
        (1, 3, 0, 0, 0, 0)
    );
    assert!(!l.product.is_empty());
    let next = c.next_deadline.as_ref().unwrap();
    assert_eq!(
        (next.code.as_str(), next.date.as_str()),
        ("D001", "2026-12-01")
    );
    assert!(!next.what.is_empty());
    assert_eq!(c.findings.len(), 1);
    let d = &v.findings[0];
    well_formed(d);
    assert_eq!(d.code, "D001");
    assert_eq!(
        (d.severity, d.default_severity),
        (Sev::Warning, Sev::Warning)
    );
    assert_eq!(d.due.as_deref(), Some("2026-12-01"));
    assert_eq!(
        d.location,
        Loc::Certificate {
            cert_no: CERT.into(),
            line: None
        }
    );
    let (code, out, _) = run(ws.cmd().arg("status"));
    assert_eq!(code, 0);
    assert!(out.contains("D001") && out.contains(CERT), "{out}");

    // Raised to an error by the workspace.
    let cfg = ws.path().join("ccc-exempt.toml");
    let mut text = std::fs::read_to_string(&cfg).unwrap();
    text.push_str("\n[severity]\nD001 = \"error\"\n");
    std::fs::write(&cfg, text).unwrap();
    let v: StatusJson = serde_json::from_value(ws.json(&["status"])).unwrap();
    assert_eq!(v.findings[0].severity, Sev::Error);
    assert_eq!(v.certificates[0].findings[0].severity, Sev::Error);
    let (_, out, _) = run(ws.cmd().arg("status"));
    assert!(out.contains("error*"), "{out}");
}

// ---------------------------------------------------------------------------------------------
// explain knows every code of every report

#[test]
fn explain_knows_every_code_and_the_old_names() {
    let tmp = tempfile::tempdir().unwrap();
    let out = common::bin()
        .current_dir(tmp.path())
        .args(["--format", "json", "explain", "all"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let all: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let codes: BTreeSet<&str> = all.iter().map(|c| c["code"].as_str().unwrap()).collect();
    for c in [
        "T001", "V001", "V026", "L101", "L116", "I001", "I010", "D004", "K002",
    ] {
        assert!(codes.contains(c), "{c}");
    }
    for (name, code) in [
        ("checksum-mismatch", "V026"),
        ("overlapping-entries", "V015"),
        ("malformed-value", "I007"),
    ] {
        let out = common::bin()
            .current_dir(tmp.path())
            .args(["explain", name])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.starts_with(code), "{name}: {text}");
    }
    // A name several ledger-verify codes share lists them all.
    let out = common::bin()
        .current_dir(tmp.path())
        .args(["explain", "checkpoint"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("L115") && text.contains("L116"), "{text}");
    common::bin()
        .current_dir(tmp.path())
        .args(["explain", "V999"])
        .assert()
        .code(2);
}

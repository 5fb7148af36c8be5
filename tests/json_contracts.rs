//! The JSON contracts of docs/json.md for the commands that are not a list of problems: `app
//! list|show|submit|approve|reject`, `render checklist`, `package`, every `ledger` command but
//! `verify` and `import` (tests/diagnostics.rs), the `ledger export` JSON file, and `backup`.
//! Each command runs end to end on a private copy of the demo workspace with the clock pinned,
//! and its stdout is parsed into structs that refuse unknown fields: a field added, renamed or
//! removed without docs/json.md and its version fails here.

mod common;

use std::path::Path;

use common::{Demo, NOW};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

// ---------------------------------------------------------------------------------------------
// Running and parsing.

/// Run `--format json ARGS` on the demo copy, expect `exit`, and parse stdout strictly.
fn run<T: DeserializeOwned>(demo: &Demo, args: &[&str], exit: i32) -> T {
    let out = demo
        .cmd()
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("run the binary");
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(exit),
        "{args:?}: exit code\nstdout: {stdout}\nstderr: {stderr}"
    );
    serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!("{args:?}: stdout does not match the documented schema: {e}\n{stdout}")
    })
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn is_hex64(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

const RESEARCH: &str = "2026-research-01";
const CERT: &str = "MB2026001";

/// A file to attach as evidence, in the directory the binary runs from.
fn evidence_file(demo: &Demo, name: &str) -> String {
    std::fs::copy(
        demo.app_dir(RESEARCH).join("materials/test-plan.pdf"),
        demo.tmp.path().join(name),
    )
    .unwrap();
    name.to_string()
}

/// Check, submit and approve the research application (a clean check: no --force).
fn approved(demo: &Demo) -> AppApprove {
    demo.cmd().args(["check", RESEARCH]).assert().code(0);
    let _: AppStatus = run(demo, &["app", "submit", RESEARCH], 0);
    run(
        demo,
        &[
            "app",
            "approve",
            RESEARCH,
            "--cert-no",
            CERT,
            "--issued",
            "2026-11-27",
        ],
        0,
    )
}

// ---------------------------------------------------------------------------------------------
// Inner types shared by several documents.

/// A ledger entry (`ledger add`, `list`, `reverse`, `close`, `app approve`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    seq: i64,
    cert_no: String,
    line: i64,
    kind: String,
    qty: i64,
    date: String,
    recorded_at: String,
    doc_no: Option<String>,
    location: Option<String>,
    operator: Option<String>,
    note: Option<String>,
    key: Option<String>,
    reverses: Option<i64>,
    evidence: Vec<Evidence>,
    hash: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Evidence {
    kind: String,
    name: String,
    sha256: String,
    size: u64,
}

/// A certificate and what was frozen with it (`app approve`, `usage-record`, the export file).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Certificate {
    cert_no: String,
    application_id: String,
    condition: String,
    issued_on: String,
    approved_at: String,
    application_sha256: String,
    package_sha256: Option<String>,
    export_due: Option<String>,
    exhibition_end: Option<String>,
    lines: Vec<CertLine>,
    files: Vec<FrozenFile>,
    /// The number in force after an amendment changed it.
    amended_no: Option<String>,
    /// The amendments and voids recorded on it.
    revisions: Vec<Revision>,
    voided: bool,
}

/// A correction of a certificate (`app amend`, `app void`, an approval made again).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Revision {
    seq: i64,
    kind: String,
    reapproval: bool,
    date: String,
    recorded_at: String,
    reason: String,
    cert_no: Option<String>,
    quantities: Vec<(i64, i64)>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CertLine {
    line: i64,
    name: String,
    model: String,
    unit: String,
    applied: i64,
    certified: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrozenFile {
    path: String,
    sha256: String,
    size: u64,
}

/// The last check of an application as the registry keeps it (`app list`, `app show`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckRecord {
    checked_at: String,
    file_sha256: String,
    errors: i64,
    warnings: i64,
    infos: i64,
    total_quantity: i64,
    codes: Vec<String>,
}

/// A guard passed with `--force --reason`, as recorded (`app show`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ForcedRecord {
    code: String,
    why: String,
    reason: String,
    at: String,
}

/// The same at the moment of approval (`app approve`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Forced {
    code: String,
    why: String,
    reason: String,
}

const STATUSES: [&str; 7] = [
    "draft",
    "checked",
    "packaged",
    "submitted",
    "approved",
    "rejected",
    "written-off",
];

const KINDS: [&str; 12] = [
    "inbound", "issue", "return", "use", "reexport", "scrap", "export", "reversal", "certify",
    "close", "amend", "void",
];

fn entry_well_formed(e: &Entry) {
    assert!(e.seq >= 1, "{e:?}");
    assert!(KINDS.contains(&e.kind.as_str()), "{e:?}");
    assert!(is_hex64(&e.hash), "{e:?}");
    assert_eq!(e.recorded_at, NOW, "{e:?}");
    assert_eq!(e.date.len(), 10, "{e:?}");
    if matches!(e.kind.as_str(), "certify" | "close") {
        assert_eq!((e.line, e.qty), (0, 0), "{e:?}");
    } else {
        assert!(e.line >= 1 && e.qty >= 1, "{e:?}");
    }
    for v in &e.evidence {
        assert!(
            is_hex64(&v.sha256) && v.size > 0 && !v.name.contains('/'),
            "{v:?}"
        );
        assert!(!v.kind.is_empty(), "{v:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// app list, app show (ccc-exempt/app-list/2, ccc-exempt/app-show/3)

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AppList {
    schema: String,
    applications: Vec<AppListRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AppListRow {
    id: String,
    condition: Option<String>,
    status: String,
    registered: bool,
    last_check: Option<CheckRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AppShow {
    schema: String,
    id: String,
    file: String,
    application: Option<AppRecord>,
    history: Vec<StatusEvent>,
    certificate: Option<Certificate>,
    decisions: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AppRecord {
    id: String,
    condition: Option<String>,
    status: String,
    created_at: String,
    updated_at: String,
    last_check: Option<CheckRecord>,
    forced: Option<ForcedRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusEvent {
    from_status: Option<String>,
    to_status: String,
    at: String,
    note: Option<String>,
    forced: Option<ForcedRecord>,
}

#[test]
fn app_list_and_show() {
    let demo = Demo::new();
    // Before any check: every application directory, none registered.
    let v: AppList = run(&demo, &["app", "list"], 0);
    assert_eq!(v.schema, "ccc-exempt/app-list/2");
    assert_eq!(v.applications.len(), common::expectations().len());
    assert!(
        v.applications.windows(2).all(|w| w[0].id < w[1].id),
        "sorted by id"
    );
    for a in &v.applications {
        assert!(STATUSES.contains(&a.status.as_str()), "{a:?}");
        assert!(
            !a.registered && a.status == "draft" && a.condition.is_none() && a.last_check.is_none(),
            "{a:?}"
        );
    }

    demo.cmd().args(["check", RESEARCH]).assert().code(0);
    demo.cmd()
        .args(["check", "mistake-materials"])
        .assert()
        .code(1);
    let v: AppList = run(&demo, &["app", "list"], 0);
    let r = v.applications.iter().find(|a| a.id == RESEARCH).unwrap();
    assert!(r.registered);
    assert_eq!(r.status, "checked");
    assert_eq!(r.condition.as_deref(), Some("research"));
    let c = r.last_check.as_ref().expect("the check is recorded");
    assert_eq!((c.errors, c.warnings, c.infos), (0, 0, 0));
    assert_eq!(c.checked_at, NOW);
    assert_eq!(c.total_quantity, 3);
    assert!(c.codes.is_empty());
    assert_eq!(
        c.file_sha256,
        sha256_hex(&std::fs::read(demo.app_toml(RESEARCH)).unwrap())
    );
    // A check with errors is recorded, and the status stays draft.
    let m = v
        .applications
        .iter()
        .find(|a| a.id == "mistake-materials")
        .unwrap();
    assert_eq!(m.status, "draft");
    let c = m.last_check.as_ref().unwrap();
    assert_eq!(c.errors, 3);
    assert_eq!(
        c.codes,
        ["M001", "M003", "M004", "M012", "M013", "M014", "M017"]
    );

    let s: AppShow = run(&demo, &["app", "show", RESEARCH], 0);
    assert_eq!(s.schema, "ccc-exempt/app-show/3");
    assert_eq!(s.id, RESEARCH);
    // The file is a path the caller can open (the workspace is given as an absolute path).
    assert_eq!(Path::new(&s.file), demo.app_toml(RESEARCH));
    let rec = s.application.expect("registered");
    assert_eq!(
        (rec.id.as_str(), rec.status.as_str()),
        (RESEARCH, "checked")
    );
    assert_eq!(rec.condition.as_deref(), Some("research"));
    assert_eq!(
        (rec.created_at.as_str(), rec.updated_at.as_str()),
        (NOW, NOW)
    );
    assert!(rec.last_check.is_some() && rec.forced.is_none());
    assert_eq!(s.history.len(), 1);
    let h = &s.history[0];
    assert!(STATUSES.contains(&h.to_status.as_str()));
    assert_eq!(h.from_status.as_deref(), Some("draft"));
    assert_eq!((h.to_status.as_str(), h.at.as_str()), ("checked", NOW));
    assert!(h.note.is_none() && h.forced.is_none());

    // An application never checked: a file, no registry record, no history.
    let s: AppShow = run(&demo, &["app", "show", "2026-line-01"], 0);
    assert!(s.application.is_none() && s.history.is_empty());
    assert!(Path::new(&s.file).is_file());
}

/// `last_check.codes` holds each code once, sorted, even when findings of one code are not next
/// to each other (version 1 listed P006 twice here).
#[test]
fn the_last_check_lists_each_code_once() {
    let demo = Demo::new();
    // A second 8-digit HS code (P006) two lines before the first, with P004 between them.
    let toml = demo.read_app("mistake-catalogue").replacen(
        "hs_code = \"8544492100\"",
        "hs_code = \"85444921\"",
        1,
    );
    demo.write_app("mistake-catalogue", toml);
    let out = demo
        .cmd()
        .args(["--format", "json", "check", "mistake-catalogue"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<&str> = report["applications"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        found,
        ["P005", "P006", "P004", "P006", "P007"],
        "the report keeps every finding"
    );
    let s: AppShow = run(&demo, &["app", "show", "mistake-catalogue"], 0);
    let c = s.application.unwrap().last_check.unwrap();
    assert_eq!(c.errors, 5);
    assert_eq!(c.codes, ["P004", "P005", "P006", "P007"]);
}

// ---------------------------------------------------------------------------------------------
// app submit, app reject, app approve (ccc-exempt/app-submit/1, app-reject/1, app-approve/1)

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AppStatus {
    schema: String,
    id: String,
    status: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AppApprove {
    schema: String,
    id: String,
    status: String,
    approval: Approval,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Approval {
    certificate: Certificate,
    entry: Entry,
    missing_files: Vec<String>,
    forced: Option<Forced>,
}

#[test]
fn app_submit_reject_and_approve() {
    let demo = Demo::new();
    demo.cmd().args(["check", RESEARCH]).assert().code(0);
    let s: AppStatus = run(&demo, &["app", "submit", RESEARCH], 0);
    assert_eq!(s.schema, "ccc-exempt/app-submit/1");
    assert_eq!((s.id.as_str(), s.status.as_str()), (RESEARCH, "submitted"));

    let r: AppStatus = run(
        &demo,
        &["app", "reject", "mistake-applicant", "--reason", "资料不全"],
        0,
    );
    assert_eq!(r.schema, "ccc-exempt/app-reject/1");
    assert_eq!(
        (r.id.as_str(), r.status.as_str()),
        ("mistake-applicant", "rejected")
    );

    let a: AppApprove = run(
        &demo,
        &[
            "app",
            "approve",
            RESEARCH,
            "--cert-no",
            CERT,
            "--issued",
            "2026-11-27",
        ],
        0,
    );
    assert_eq!(a.schema, "ccc-exempt/app-approve/1");
    assert_eq!((a.id.as_str(), a.status.as_str()), (RESEARCH, "approved"));
    let c = &a.approval.certificate;
    assert_eq!(
        (c.cert_no.as_str(), c.application_id.as_str()),
        (CERT, RESEARCH)
    );
    assert_eq!(
        (c.condition.as_str(), c.issued_on.as_str()),
        ("research", "2026-11-27")
    );
    assert_eq!(c.approved_at, NOW);
    assert_eq!(
        c.application_sha256,
        sha256_hex(&std::fs::read(demo.app_toml(RESEARCH)).unwrap())
    );
    assert!(c.package_sha256.is_none(), "never packaged");
    assert!(c.export_due.is_none() && c.exhibition_end.is_none());
    assert_eq!(c.lines.len(), 1);
    let l = &c.lines[0];
    assert_eq!((l.line, l.applied, l.certified), (1, 3, 3));
    assert_eq!(
        (l.name.as_str(), l.model.as_str(), l.unit.as_str()),
        ("电锤", "HX-26E", "台")
    );
    // application.toml and every material file, relative to the application directory.
    assert_eq!(c.files[0].path, "application.toml");
    assert_eq!(c.files[0].sha256, c.application_sha256);
    for f in &c.files {
        let bytes = std::fs::read(demo.app_dir(RESEARCH).join(&f.path)).unwrap();
        assert_eq!(
            (f.size, f.sha256.clone()),
            (bytes.len() as u64, sha256_hex(&bytes)),
            "{f:?}"
        );
    }
    let e = &a.approval.entry;
    entry_well_formed(e);
    assert_eq!(
        (e.seq, e.kind.as_str(), e.cert_no.as_str()),
        (1, "certify", CERT)
    );
    assert!(a.approval.missing_files.is_empty() && a.approval.forced.is_none());

    // Past a guard: the forced approval of an application whose check found errors.
    demo.cmd()
        .args(["check", "mistake-materials"])
        .assert()
        .code(1);
    let f: AppApprove = run(
        &demo,
        &[
            "app",
            "approve",
            "mistake-materials",
            "--cert-no",
            "MB2026002",
            "--issued",
            "2026-11-27",
            "--force",
            "--reason",
            "按主管部门意见先行登记",
        ],
        0,
    );
    let forced = f.approval.forced.expect("recorded past S003");
    assert_eq!(forced.code, "S003");
    assert_eq!(forced.reason, "按主管部门意见先行登记");
    assert!(forced.why.contains("3 error"), "{forced:?}");
    assert_eq!(f.approval.entry.seq, 2);
    assert_eq!(f.approval.certificate.lines.len(), 3);
    let s: AppShow = run(&demo, &["app", "show", "mistake-materials"], 0);
    let rec = s.application.unwrap();
    assert_eq!(rec.status, "approved");
    let fr = rec.forced.expect("kept with the application");
    assert_eq!((fr.code.as_str(), fr.at.as_str()), ("S003", NOW));
    assert_eq!(
        (fr.why.as_str(), fr.reason.as_str()),
        (forced.why.as_str(), forced.reason.as_str())
    );
    let last = s.history.last().unwrap();
    assert_eq!(last.to_status, "approved");
    assert_eq!(last.forced.as_ref().map(|f| f.code.as_str()), Some("S003"));
}

// ---------------------------------------------------------------------------------------------
// render checklist (ccc-exempt/checklist/1), package (ccc-exempt/package/1)

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Checklist {
    schema: String,
    application: String,
    complete: bool,
    materials: Vec<ChecklistRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChecklistRow {
    folder: String,
    material_zh: String,
    kind: String,
    requirement: String,
    file: String,
    bag_path: String,
    size: Option<u64>,
    sha256: Option<String>,
    sealed: Option<bool>,
    missing: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Package {
    schema: String,
    application: String,
    path: String,
    size: u64,
    sha256: String,
    manifest_sha256: String,
    payload_oxum: String,
    draft: bool,
    status: String,
    date: String,
    date_source: String,
    generator: String,
}

#[test]
fn render_checklist() {
    let demo = Demo::new();
    let c: Checklist = run(&demo, &["render", RESEARCH, "checklist"], 0);
    assert_eq!(c.schema, "ccc-exempt/checklist/1");
    assert_eq!(c.application, RESEARCH);
    assert!(c.complete);
    assert!(!c.materials.is_empty());
    for r in &c.materials {
        assert!(r.missing.is_empty(), "{r:?}");
        assert!(!r.material_zh.is_empty() && !r.kind.is_empty(), "{r:?}");
        assert!(r.folder[..2].parse::<u32>().is_ok(), "{r:?}");
        assert!(
            r.bag_path.starts_with(&format!("data/{}/", r.folder)),
            "{r:?}"
        );
        let bytes = std::fs::read(demo.app_dir(RESEARCH).join(&r.file)).unwrap();
        assert_eq!(r.size, Some(bytes.len() as u64));
        assert_eq!(r.sha256.as_deref(), Some(sha256_hex(&bytes).as_str()));
        assert_eq!(r.sealed, Some(true));
        assert!(
            ["required", "required-in-case", "not-required"].contains(&r.requirement.as_str()),
            "{r:?}"
        );
    }
    // The sample notice is asked for in this case only (CCC certification samples).
    assert!(
        c.materials
            .iter()
            .any(|r| r.kind == "sample-notice" && r.requirement == "required-in-case")
    );

    // Something missing: exit 1, complete false, the row says what.
    let c: Checklist = run(&demo, &["render", "mistake-materials", "checklist"], 1);
    assert!(!c.complete);
    let proof = c
        .materials
        .iter()
        .find(|r| r.kind == "production-line-proof")
        .expect("the missing material has a row");
    assert!(proof.file.is_empty() && proof.bag_path.is_empty());
    assert!(proof.size.is_none() && proof.sha256.is_none() && proof.sealed.is_none());
    assert!(!proof.missing.is_empty());
    let unsealed = c
        .materials
        .iter()
        .find(|r| r.kind == "commitment-letter")
        .unwrap();
    assert_eq!(unsealed.sealed, Some(false));
    assert!(!unsealed.missing.is_empty());
}

#[test]
fn package_and_its_receipt_in_the_approval() {
    let demo = Demo::new();
    let p: Package = run(&demo, &["package", RESEARCH, "-o", "r1.zip"], 0);
    assert_eq!(p.schema, "ccc-exempt/package/1");
    assert_eq!(p.application, RESEARCH);
    // The path written, absolute although -o was relative.
    assert_eq!(Path::new(&p.path), demo.tmp.path().join("r1.zip"));
    let zip = std::fs::read(&p.path).unwrap();
    assert_eq!(
        (p.size, p.sha256.clone()),
        (zip.len() as u64, sha256_hex(&zip))
    );
    assert!(is_hex64(&p.manifest_sha256));
    let (bytes, files) = p
        .payload_oxum
        .split_once('.')
        .expect("Payload-Oxum is BYTES.FILES");
    assert!(bytes.parse::<u64>().unwrap() > 0 && files.parse::<u64>().unwrap() > 0);
    assert!(!p.draft);
    assert_eq!(p.status, "packaged");
    assert_eq!(
        (p.date.as_str(), p.date_source.as_str()),
        ("2026-11-20", "prepared-on")
    );
    assert!(p.generator.starts_with("ccc-exempt "));

    // The approval freezes the package's hash.
    let _: AppStatus = run(&demo, &["app", "submit", RESEARCH], 0);
    let a: AppApprove = run(
        &demo,
        &[
            "app",
            "approve",
            RESEARCH,
            "--cert-no",
            CERT,
            "--issued",
            "2026-11-27",
        ],
        0,
    );
    assert_eq!(
        a.approval.certificate.package_sha256.as_deref(),
        Some(p.sha256.as_str())
    );

    // A draft of an application with errors: marked, and the status does not move.
    let d: Package = run(
        &demo,
        &["package", "mistake-materials", "--draft", "-o", "d.zip"],
        0,
    );
    assert!(d.draft);
    assert_eq!(d.status, "draft");
    assert!(Path::new(&d.path).is_file());
}

// ---------------------------------------------------------------------------------------------
// The ledger (ccc-exempt/ledger-add/1, ledger-list/1, ledger-balance/1, ledger-reverse/1,
// usage-record/1, ledger-export/1, ledger-export-result/1, ledger-checkpoint/1, ledger-close/1)
// and backup (ccc-exempt/backup/1).

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LedgerAdd {
    schema: String,
    outcome: String,
    entry: Entry,
    balance: Option<StoredBalance>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredBalance {
    cert_no: String,
    line: i64,
    received: i64,
    in_stock: i64,
    issued: i64,
    used: i64,
    reexported: i64,
    scrapped: i64,
    exported: i64,
    last_date: Option<String>,
    entries: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LedgerList {
    schema: String,
    entries: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LedgerBalance {
    schema: String,
    lines: Vec<BalanceRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BalanceRow {
    cert_no: String,
    application_id: String,
    line: i64,
    product: String,
    model: String,
    unit: String,
    certified: i64,
    received: i64,
    in_stock: i64,
    issued: i64,
    used: i64,
    reexported: i64,
    scrapped: i64,
    exported: i64,
    open: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LedgerReverse {
    schema: String,
    entry: Entry,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UsageRecordJson {
    schema: String,
    report: UsageReport,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UsageReport {
    certificate: Certificate,
    records: Vec<UsageRecord>,
    totals: std::collections::BTreeMap<String, i64>,
    open: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UsageRecord {
    record_type: String,
    kind: String,
    seq: i64,
    date: String,
    line: i64,
    product: String,
    model: String,
    qty: i64,
    unit: String,
    doc_no: Option<String>,
    location: Option<String>,
    note: Option<String>,
    evidence: Vec<UsageEvidence>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UsageEvidence {
    kind: String,
    name: String,
    sha256: String,
    stored: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportResult {
    schema: String,
    file: String,
    certificates: usize,
    entries: usize,
    bytes: u64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportFile {
    schema: String,
    title: String,
    book: Book,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Book {
    applicant: Option<String>,
    certificates: Vec<BookCert>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BookCert {
    certificate: Certificate,
    written_off_on: Option<String>,
    retain_until: Option<String>,
    lines: Vec<BookLine>,
    rows: Vec<BookRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BookLine {
    line: i64,
    product: String,
    model: String,
    unit: String,
    certified: i64,
    received: i64,
    in_stock: i64,
    issued: i64,
    used: i64,
    reexported: i64,
    scrapped: i64,
    exported: i64,
    open: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BookRow {
    seq: i64,
    date: String,
    kind: String,
    kind_zh: String,
    line: i64,
    product: String,
    model: String,
    qty: i64,
    unit: String,
    in_stock_after: i64,
    issued_after: i64,
    disposed_after: i64,
    doc_no: Option<String>,
    location: Option<String>,
    operator: Option<String>,
    note: Option<String>,
    evidence: Vec<String>,
    evidence_files: Vec<String>,
    reversed_by: Option<i64>,
    reverses: Option<i64>,
    recorded_at: String,
    key: Option<String>,
    hash: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Checkpoint {
    schema: String,
    workspace_id: String,
    entries: i64,
    head: String,
    taken_at: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LedgerClose {
    schema: String,
    closed: Closed,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Closed {
    entry: Entry,
    application_id: String,
    written_off_on: String,
    retain_until: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Backup {
    schema: String,
    path: String,
    report: BackupReport,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BackupReport {
    bytes: u64,
    entries: i64,
    head: String,
    integrity: String,
}

fn add(demo: &Demo, args: &[&str]) -> LedgerAdd {
    let mut all = vec!["ledger", "add", "--cert", CERT, "--line", "1"];
    all.extend_from_slice(args);
    let v: LedgerAdd = run(demo, &all, 0);
    assert_eq!(v.schema, "ccc-exempt/ledger-add/1");
    entry_well_formed(&v.entry);
    v
}

#[test]
fn the_ledger_from_approval_to_write_off() {
    let demo = Demo::new();
    approved(&demo);
    let proof = evidence_file(&demo, "入库单.pdf");
    let proof_bytes = std::fs::read(demo.tmp.path().join(&proof)).unwrap();

    // ledger balance before any movement: the certified line, all zero.
    let b: LedgerBalance = run(&demo, &["ledger", "balance"], 0);
    assert_eq!(b.schema, "ccc-exempt/ledger-balance/1");
    assert_eq!(b.lines.len(), 1);
    let l = &b.lines[0];
    assert_eq!(
        (l.cert_no.as_str(), l.application_id.as_str(), l.line),
        (CERT, RESEARCH, 1)
    );
    assert_eq!(
        (l.product.as_str(), l.model.as_str(), l.unit.as_str()),
        ("电锤", "HX-26E", "台")
    );
    assert_eq!((l.certified, l.received, l.open), (3, 0, 0));

    // ledger add: recorded, then the same key and content again records nothing.
    let evidence = format!("doc-no={proof}");
    let inbound = [
        "--kind",
        "inbound",
        "--qty",
        "3",
        "--doc-no",
        "IMP-2026-118",
        "--location",
        "实验室 A",
        "--evidence",
        &evidence,
        "--key",
        "imp-118",
    ];
    let a = add(&demo, &inbound);
    assert_eq!(a.outcome, "recorded");
    let e = &a.entry;
    assert_eq!(
        (e.seq, e.kind.as_str(), e.qty, e.line),
        (2, "inbound", 3, 1)
    );
    assert_eq!(e.doc_no.as_deref(), Some("IMP-2026-118"));
    assert_eq!(e.location.as_deref(), Some("实验室 A"));
    assert_eq!(e.key.as_deref(), Some("imp-118"));
    assert_eq!(e.date, "2026-11-27");
    assert!(e.operator.is_none() && e.note.is_none() && e.reverses.is_none());
    let v = &e.evidence[0];
    assert_eq!(
        (v.kind.as_str(), v.name.as_str()),
        ("doc-no", proof.as_str())
    );
    assert_eq!(
        (v.size, v.sha256.clone()),
        (proof_bytes.len() as u64, sha256_hex(&proof_bytes))
    );
    let bal = a.balance.as_ref().expect("the line's balance");
    assert_eq!((bal.cert_no.as_str(), bal.line), (CERT, 1));
    assert_eq!(
        (bal.received, bal.in_stock, bal.issued, bal.entries),
        (3, 3, 0, 1)
    );
    assert_eq!(bal.last_date.as_deref(), Some("2026-11-27"));
    let again = add(&demo, &inbound);
    assert_eq!(again.outcome, "already-recorded");
    assert_eq!(again.entry.seq, 2);
    assert_eq!(again.entry.hash, a.entry.hash);
    assert_eq!(again.balance.unwrap().entries, 1);

    let i = add(
        &demo,
        &[
            "--kind",
            "issue",
            "--qty",
            "2",
            "--operator",
            "张工",
            "--date",
            "2026-11-27",
        ],
    );
    let bal = i.balance.unwrap();
    assert_eq!((bal.in_stock, bal.issued, bal.entries), (1, 2, 2));
    assert_eq!(i.entry.operator.as_deref(), Some("张工"));

    // ledger reverse: a new entry naming the one it cancels.
    let s = add(
        &demo,
        &[
            "--kind",
            "scrap",
            "--qty",
            "1",
            "--evidence",
            &proof,
            "--deviation",
            "样品在试验中损坏",
        ],
    );
    let r: LedgerReverse = run(
        &demo,
        &[
            "ledger",
            "reverse",
            &s.entry.seq.to_string(),
            "--reason",
            "错录",
            "--yes",
        ],
        0,
    );
    assert_eq!(r.schema, "ccc-exempt/ledger-reverse/1");
    entry_well_formed(&r.entry);
    assert_eq!(r.entry.kind, "reversal");
    assert_eq!(r.entry.reverses, Some(s.entry.seq));
    assert_eq!((r.entry.qty, r.entry.line), (1, 1));
    assert_eq!(r.entry.note.as_deref(), Some("错录"));

    // The final dispositions research allows: scrap and re-export.
    add(
        &demo,
        &[
            "--kind",
            "scrap",
            "--qty",
            "1",
            "--doc-no",
            "销毁-01",
            "--evidence",
            &proof,
            // The application committed to re-export (L011 without it).
            "--deviation",
            "样品在试验中损坏",
        ],
    );
    let x = add(
        &demo,
        &[
            "--kind",
            "reexport",
            "--qty",
            "2",
            "--doc-no",
            "EX-2026-07",
            "--evidence",
            &format!("export-declaration={proof}"),
        ],
    );
    let bal = x.balance.unwrap();
    assert_eq!(
        (bal.in_stock, bal.issued, bal.scrapped, bal.reexported),
        (0, 0, 1, 2)
    );
    // Counted movements: the reversed scrap and its reversal are not among them.
    assert_eq!((bal.used, bal.exported, bal.entries), (0, 0, 4));

    // ledger list: every entry in order, and the filters.
    let list: LedgerList = run(&demo, &["ledger", "list"], 0);
    assert_eq!(list.schema, "ccc-exempt/ledger-list/1");
    let seqs: Vec<i64> = list.entries.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, (1..=7).collect::<Vec<_>>());
    list.entries.iter().for_each(entry_well_formed);
    let kinds: Vec<&str> = list.entries.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "certify", "inbound", "issue", "scrap", "reversal", "scrap", "reexport"
        ]
    );
    let scraps: LedgerList = run(&demo, &["ledger", "list", "--kind", "scrap"], 0);
    assert_eq!(scraps.entries.len(), 2);

    let b: LedgerBalance = run(&demo, &["ledger", "balance", "--cert", CERT], 0);
    let l = &b.lines[0];
    assert_eq!(
        (
            l.received,
            l.in_stock,
            l.issued,
            l.used,
            l.reexported,
            l.scrapped,
            l.exported,
            l.open
        ),
        (3, 0, 0, 0, 2, 1, 0, 0)
    );

    // usage-record: the reversed scrap is not a record.
    let u: UsageRecordJson = run(&demo, &["ledger", "usage-record", "--cert", CERT], 0);
    assert_eq!(u.schema, "ccc-exempt/usage-record/1");
    assert_eq!(u.report.certificate.cert_no, CERT);
    assert_eq!(u.report.open, 0);
    let types: Vec<(&str, &str, i64)> = u
        .report
        .records
        .iter()
        .map(|r| (r.record_type.as_str(), r.kind.as_str(), r.seq))
        .collect();
    assert_eq!(types, [("销毁", "scrap", 6), ("退运", "reexport", 7)]);
    let rx = &u.report.records[1];
    assert_eq!((rx.qty, rx.line, rx.unit.as_str()), (2, 1, "台"));
    assert_eq!((rx.product.as_str(), rx.model.as_str()), ("电锤", "HX-26E"));
    assert_eq!(rx.doc_no.as_deref(), Some("EX-2026-07"));
    assert!(rx.location.is_none() && rx.note.is_none());
    assert_eq!(rx.date, "2026-11-27");
    let ev = &rx.evidence[0];
    assert_eq!(
        (ev.kind.as_str(), ev.name.as_str()),
        ("export-declaration", proof.as_str())
    );
    // The stored copy, relative to the workspace directory.
    assert_eq!(ev.stored, format!(".ccc-exempt/evidence/{}", ev.sha256));
    assert_eq!(
        std::fs::read(demo.root.join(&ev.stored)).unwrap(),
        proof_bytes
    );
    let totals: Vec<(&str, i64)> = u
        .report
        .totals
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(totals, [("使用", 0), ("退运", 2), ("销毁", 1)]);

    // ledger export to JSON: the result on stdout, the file parsed as well.
    let x: ExportResult = run(&demo, &["ledger", "export", "-o", "台账.json"], 0);
    assert_eq!(x.schema, "ccc-exempt/ledger-export-result/1");
    assert_eq!(Path::new(&x.file), demo.tmp.path().join("台账.json"));
    assert_eq!((x.certificates, x.entries), (1, 7));
    let bytes = std::fs::read(&x.file).unwrap();
    assert_eq!(x.bytes, bytes.len() as u64);
    let f: ExportFile = serde_json::from_slice(&bytes).expect("the export file's schema");
    assert_eq!(f.schema, "ccc-exempt/ledger-export/1");
    assert_eq!(f.title, "CCC 免办进口产品管理台账");
    assert_eq!(
        f.book.applicant.as_deref(),
        Some("苏州恒拓精密电器有限公司")
    );
    let bc = &f.book.certificates[0];
    assert_eq!(bc.certificate.cert_no, CERT);
    assert!(bc.written_off_on.is_none() && bc.retain_until.is_none());
    let bl = &bc.lines[0];
    assert_eq!(
        (
            bl.line,
            bl.certified,
            bl.received,
            bl.reexported,
            bl.scrapped,
            bl.open
        ),
        (1, 3, 3, 2, 1, 0)
    );
    assert_eq!(
        (bl.product.as_str(), bl.model.as_str(), bl.unit.as_str()),
        ("电锤", "HX-26E", "台")
    );
    assert_eq!((bl.in_stock, bl.issued, bl.used, bl.exported), (0, 0, 0, 0));
    assert_eq!(bc.rows.len(), 7);
    let order: Vec<i64> = bc.rows.iter().map(|r| r.seq).collect();
    assert_eq!(order, [1, 2, 3, 4, 5, 6, 7]);
    let kinds: Vec<(&str, &str)> = bc
        .rows
        .iter()
        .map(|r| (r.kind.as_str(), r.kind_zh.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("certify", "证明登记"),
            ("inbound", "入库"),
            ("issue", "领用"),
            ("scrap", "报废/销毁"),
            ("reversal", "冲销"),
            ("scrap", "报废/销毁"),
            ("reexport", "退运核销"),
        ]
    );
    let r2 = &bc.rows[1];
    assert_eq!(
        (r2.doc_no.as_deref(), r2.location.as_deref()),
        (Some("IMP-2026-118"), Some("实验室 A"))
    );
    assert_eq!(
        (r2.in_stock_after, r2.issued_after, r2.disposed_after),
        (3, 0, 0)
    );
    assert_eq!(bc.rows[2].operator.as_deref(), Some("张工"));
    // Each evidence file linked to the name `usage-record --export` gives it (by its content:
    // the PDF given as 入库单.pdf).
    assert_eq!(r2.evidence.len(), r2.evidence_files.len());
    assert_eq!(r2.evidence_files[0], "0002-入库-2026-11-27-进口单证号.pdf");
    assert!(bc.rows[2].evidence_files.is_empty());
    let cancelled = bc.rows.iter().find(|r| r.seq == 4).unwrap();
    assert_eq!(cancelled.reversed_by, Some(5));
    let reversal = bc.rows.iter().find(|r| r.seq == 5).unwrap();
    assert_eq!(
        (reversal.reverses, reversal.note.as_deref()),
        (Some(4), Some("错录"))
    );
    // A cancelled entry and its reversal leave the balance as it was.
    assert_eq!(
        (
            cancelled.in_stock_after,
            cancelled.issued_after,
            cancelled.disposed_after
        ),
        (1, 2, 0)
    );
    let last = bc.rows.last().unwrap();
    assert_eq!(
        (last.in_stock_after, last.issued_after, last.disposed_after),
        (0, 0, 3)
    );
    assert_eq!(
        last.evidence,
        [format!("{proof} ({})", sha256_hex(&proof_bytes))]
    );
    for r in &bc.rows {
        assert!(
            is_hex64(&r.hash) && r.recorded_at == NOW && r.date.len() == 10,
            "{r:?}"
        );
        assert!(r.key.is_none() || r.seq == 2, "{r:?}");
        assert!(r.unit.is_empty() == (r.line == 0) && r.qty >= 0, "{r:?}");
        assert!(r.product.is_empty() == (r.line == 0) && r.model.is_empty() == (r.line == 0));
    }

    // ledger checkpoint: the count and the head of the chain.
    let cp: Checkpoint = run(&demo, &["ledger", "checkpoint"], 0);
    assert_eq!(cp.schema, "ccc-exempt/ledger-checkpoint/1");
    assert_eq!((cp.entries, cp.taken_at.as_str()), (7, NOW));
    assert_eq!(cp.head, list.entries.last().unwrap().hash);
    assert!(cp.workspace_id.len() == 16 && cp.workspace_id.bytes().all(|b| b.is_ascii_hexdigit()));
    // The JSON document is a checkpoint `ledger verify --against` accepts.
    std::fs::write(
        demo.tmp.path().join("cp.json"),
        serde_json::to_vec(&serde_json::json!({
            "schema": cp.schema, "workspace_id": cp.workspace_id, "entries": cp.entries,
            "head": cp.head, "taken_at": cp.taken_at,
        }))
        .unwrap(),
    )
    .unwrap();
    demo.cmd()
        .args(["ledger", "verify", "--against", "cp.json"])
        .assert()
        .code(0);

    // ledger close: the write-off entry and the end of retention (two years).
    let c: LedgerClose = run(
        &demo,
        &[
            "ledger",
            "close",
            "--cert",
            CERT,
            "--yes",
            "--note",
            "全部处置完毕",
        ],
        0,
    );
    assert_eq!(c.schema, "ccc-exempt/ledger-close/1");
    entry_well_formed(&c.closed.entry);
    assert_eq!(
        (c.closed.entry.seq, c.closed.entry.kind.as_str()),
        (8, "close")
    );
    assert_eq!(c.closed.entry.note.as_deref(), Some("全部处置完毕"));
    assert_eq!(c.closed.application_id, RESEARCH);
    assert_eq!(
        (
            c.closed.written_off_on.as_str(),
            c.closed.retain_until.as_str()
        ),
        ("2026-11-27", "2028-11-27")
    );
    let x: ExportResult = run(&demo, &["ledger", "export", "-o", "closed.json"], 0);
    let f: ExportFile = serde_json::from_slice(&std::fs::read(&x.file).unwrap()).unwrap();
    let bc = &f.book.certificates[0];
    assert_eq!(bc.written_off_on.as_deref(), Some("2026-11-27"));
    assert_eq!(bc.retain_until.as_deref(), Some("2028-11-27"));

    // backup: the path written and what was verified in the copy.
    let k: Backup = run(&demo, &["backup", "workspace.db"], 0);
    assert_eq!(k.schema, "ccc-exempt/backup/1");
    assert_eq!(Path::new(&k.path), demo.tmp.path().join("workspace.db"));
    assert_eq!(k.report.bytes, std::fs::metadata(&k.path).unwrap().len());
    assert_eq!(k.report.entries, 8);
    assert_eq!(k.report.head, c.closed.entry.hash);
    assert_eq!(k.report.integrity, "ok");
}

#[test]
fn the_strict_structs_refuse_an_unknown_field() {
    let mut e = serde_json::json!({
        "seq": 1, "cert_no": CERT, "line": 0, "kind": "certify", "qty": 0, "date": "2026-11-27",
        "recorded_at": NOW, "doc_no": null, "location": null, "operator": null, "note": null,
        "key": null, "reverses": null, "evidence": [], "hash": "0".repeat(64),
    });
    assert!(serde_json::from_value::<Entry>(e.clone()).is_ok());
    e["extra"] = serde_json::json!(1);
    assert!(serde_json::from_value::<Entry>(e).is_err());
    let s =
        serde_json::json!({"schema": "ccc-exempt/app-submit/1", "id": "a", "status": "submitted"});
    assert!(serde_json::from_value::<AppStatus>(s.clone()).is_ok());
    let mut missing = s;
    missing.as_object_mut().unwrap().remove("status");
    assert!(serde_json::from_value::<AppStatus>(missing).is_err());
}

/// The schema names the program writes, read from its source.
fn schemas_in(dir: &Path, out: &mut std::collections::BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            schemas_in(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            for (at, _) in text.match_indices("\"ccc-exempt/") {
                let rest = &text[at + 1..];
                let name = &rest[..rest.find('"').unwrap()];
                let mut parts = name.split('/');
                let ok = parts.next() == Some("ccc-exempt")
                    && parts.next().is_some_and(|c| {
                        !c.is_empty() && c.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                    })
                    && parts
                        .next()
                        .is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
                    && parts.next().is_none();
                if ok {
                    out.insert(name.to_string());
                }
            }
        }
    }
}

/// Every schema the program writes has a row in docs/json.md's table (the catalogue's are
/// documented with the catalogue) and is asserted by an end-to-end test.
#[test]
fn every_schema_is_documented_and_tested() {
    let repo = common::repo();
    let mut schemas = std::collections::BTreeSet::new();
    schemas_in(&repo.join("src"), &mut schemas);
    assert!(schemas.len() >= 20, "{schemas:?}");
    let doc = std::fs::read_to_string(repo.join("docs/json.md")).unwrap();
    let table: Vec<&str> = doc.lines().filter(|l| l.starts_with("| `")).collect();
    let tests: String = [
        "tests/json_contracts.rs",
        "tests/diagnostics.rs",
        "tests/cli_check.rs",
        "tests/content_cli.rs",
    ]
    .iter()
    .map(|f| std::fs::read_to_string(repo.join(f)).unwrap())
    .collect();
    for s in schemas
        .iter()
        .filter(|s| !s.starts_with("ccc-exempt/catalogue-"))
    {
        let cell = format!("`{s}`");
        assert!(
            table.iter().any(|row| row.contains(&cell)),
            "{s} has no row in docs/json.md"
        );
        assert!(
            tests.contains(&format!("\"{s}\"")),
            "no end-to-end test asserts {s}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// app amend, app void, app show --diff (ccc-exempt/app-amend/1, ccc-exempt/app-void/1,
// ccc-exempt/app-diff/1)

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AppAmend {
    schema: String,
    id: String,
    amendment: Amendment,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Amendment {
    certificate: Certificate,
    entries: Vec<Entry>,
    missing_files: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AppVoid {
    schema: String,
    id: String,
    voided: String,
    status: String,
    cert_no: Option<String>,
    entry: Entry,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AppDiffDoc {
    schema: String,
    id: String,
    diff: AppDiff,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AppDiff {
    cert_no: String,
    frozen_sha256: String,
    current_sha256: String,
    unified: Option<String>,
}

#[test]
fn app_amend_void_and_diff() {
    let demo = Demo::new();
    let a = approved(&demo);
    let c = &a.approval.certificate;
    assert!(c.amended_no.is_none() && c.revisions.is_empty() && !c.voided);

    let m: AppAmend = run(
        &demo,
        &[
            "app",
            "amend",
            RESEARCH,
            "--reason",
            "证明号录入错误",
            "--cert-no",
            "MB2026001-A",
            "--quantity",
            "1=2",
        ],
        0,
    );
    assert_eq!(m.schema, "ccc-exempt/app-amend/1");
    assert_eq!(m.id, RESEARCH);
    let c = &m.amendment.certificate;
    assert_eq!(c.cert_no, CERT, "the registered number stays");
    assert_eq!(c.amended_no.as_deref(), Some("MB2026001-A"));
    assert_eq!(c.lines[0].certified, 2);
    assert!(!c.voided);
    assert!(m.amendment.missing_files.is_empty());
    let r = &c.revisions[0];
    assert_eq!((r.seq, r.kind.as_str(), r.reapproval), (2, "amend", false));
    assert_eq!(
        (r.date.as_str(), r.recorded_at.as_str()),
        ("2026-11-27", NOW)
    );
    assert_eq!(r.reason, "证明号录入错误");
    assert_eq!(r.cert_no.as_deref(), Some("MB2026001-A"));
    assert_eq!(r.quantities, vec![(1, 2)]);
    let e = &m.amendment.entries;
    assert_eq!(e.len(), 2);
    assert_eq!(
        (e[0].kind.as_str(), e[0].line, e[0].doc_no.as_deref()),
        ("amend", 0, Some("MB2026001-A"))
    );
    assert!(
        e[0].evidence
            .iter()
            .any(|v| v.kind == "frozen" && v.name == "application.toml")
    );
    assert_eq!((e[1].line, e[1].qty), (1, 2));

    // app show: the certificate in force and its decisions.
    let s: AppShow = run(&demo, &["app", "show", RESEARCH], 0);
    assert_eq!(
        s.certificate.unwrap().amended_no.as_deref(),
        Some("MB2026001-A")
    );
    let kinds: Vec<&str> = s.decisions.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["certify", "amend"]);

    // --diff: unchanged, then one line changed.
    let d: AppDiffDoc = run(&demo, &["app", "show", RESEARCH, "--diff"], 0);
    assert_eq!(
        (d.schema.as_str(), d.id.as_str()),
        ("ccc-exempt/app-diff/1", RESEARCH)
    );
    assert_eq!(d.diff.cert_no, "MB2026001-A");
    assert_eq!(d.diff.frozen_sha256, d.diff.current_sha256);
    assert_eq!(d.diff.unified.as_deref(), Some(""));
    let text = demo
        .read_app(RESEARCH)
        .replace("quantity = 3\n", "quantity = 30\n");
    demo.write_app(RESEARCH, &text);
    let d: AppDiffDoc = run(&demo, &["app", "show", RESEARCH, "--diff"], 0);
    assert!(is_hex64(&d.diff.current_sha256) && d.diff.frozen_sha256 != d.diff.current_sha256);
    let u = d.diff.unified.unwrap();
    assert!(
        u.contains("-quantity = 3\n") && u.contains("+quantity = 30\n"),
        "{u}"
    );

    // Void a rejection: the entry names no certificate.
    let _: AppStatus = run(
        &demo,
        &["app", "reject", "mistake-applicant", "--reason", "x"],
        0,
    );
    let v: AppVoid = run(
        &demo,
        &["app", "void", "mistake-applicant", "--reason", "录错申请"],
        0,
    );
    assert_eq!(v.schema, "ccc-exempt/app-void/1");
    assert_eq!(
        (v.id.as_str(), v.voided.as_str(), v.status.as_str()),
        ("mistake-applicant", "rejected", "draft")
    );
    assert!(v.cert_no.is_none());
    assert_eq!(
        (v.entry.kind.as_str(), v.entry.cert_no.as_str()),
        ("void", "")
    );
    assert_eq!(v.entry.doc_no.as_deref(), Some("mistake-applicant"));
    assert_eq!(v.entry.note.as_deref(), Some("录错申请"));
}

// ---------------------------------------------------------------------------------------------
// ledger usage-record --export (ccc-exempt/usage-export/1)

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UsageExportDoc {
    schema: String,
    export: UsageExport,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UsageExport {
    dir: String,
    files: Vec<UsageExportFile>,
    csv: String,
    xlsx: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UsageExportFile {
    seq: i64,
    kind: String,
    name: String,
    given_name: String,
}

#[test]
fn usage_record_export_names_files_by_entry_type_date_and_content() {
    let demo = Demo::new();
    approved(&demo);
    demo.cmd()
        .args([
            "ledger", "add", "--cert", CERT, "--line", "1", "--kind", "inbound", "--qty", "3",
            "--doc-no", "IMP-1",
        ])
        .assert()
        .code(0);
    // A PDF given under a .jpeg name: exported with the extension of its content.
    let decl = evidence_file(&demo, "decl.jpeg");
    demo.cmd()
        .args([
            "ledger",
            "add",
            "--cert",
            CERT,
            "--line",
            "1",
            "--kind",
            "reexport",
            "--qty",
            "3",
            "--doc-no",
            "EX-1",
            "--evidence",
            &decl,
        ])
        .assert()
        .code(0);
    let out = demo.tmp.path().join("upload");
    let x: UsageExportDoc = run(
        &demo,
        &[
            "ledger",
            "usage-record",
            "--cert",
            CERT,
            "--export",
            "upload",
        ],
        0,
    );
    assert_eq!(x.schema, "ccc-exempt/usage-export/1");
    assert_eq!(x.export.files.len(), 1);
    let f = &x.export.files[0];
    assert_eq!(
        (f.seq, f.kind.as_str(), f.given_name.as_str()),
        (3, "export-declaration", "decl.jpeg")
    );
    assert_eq!(f.name, "0003-退运-2026-11-27-出口报关单.pdf");
    let copied = std::fs::read(out.join(&f.name)).unwrap();
    assert_eq!(
        copied,
        std::fs::read(demo.app_dir(RESEARCH).join("materials/test-plan.pdf")).unwrap()
    );
    assert!(Path::new(&x.export.dir).ends_with("upload"));
    let csv = std::fs::read(&x.export.csv).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    assert!(
        text.starts_with("类型,日期,产品名称,规格型号,数量,单位,单证号,说明,上传文件,台账条目\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "退运,2026-11-27,电锤,HX-26E,3,台,EX-1,,0003-退运-2026-11-27-出口报关单.pdf,#3"
        ),
        "{text}"
    );
    assert!(std::fs::read(&x.export.xlsx).unwrap().starts_with(b"PK"));
    // The 台账 links the entry to the same name.
    let book = demo.tmp.path().join("book.json");
    demo.cmd()
        .args(["ledger", "export", "-o"])
        .arg(&book)
        .assert()
        .code(0);
    let b: serde_json::Value = serde_json::from_slice(&std::fs::read(&book).unwrap()).unwrap();
    let rows = b["book"]["certificates"][0]["rows"].as_array().unwrap();
    let r = rows.iter().find(|r| r["seq"] == 3).unwrap();
    assert_eq!(
        r["evidence_files"][0],
        "0003-退运-2026-11-27-出口报关单.pdf"
    );
    // Into the workspace's state: refused by the output guard, exit 2.
    demo.cmd()
        .args(["ledger", "usage-record", "--cert", CERT, "--export"])
        .arg(demo.root.join(".ccc-exempt/evidence/x"))
        .assert()
        .code(2);
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoreInfoDoc {
    schema: String,
    store: StoreInfo,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoreInfo {
    kind: String,
    location: String,
    schema_version: i64,
    schema_version_known: i64,
    entries: i64,
    head: String,
    workspace_id: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoreMigrate {
    schema: String,
    ok: bool,
    report: StoreMigrateReport,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoreMigrateReport {
    target: String,
    checkpoint: serde_json::Value,
    copied: StoreCopied,
    verify: serde_json::Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoreCopied {
    tables: Vec<(String, u64)>,
    evidence_files: u64,
    evidence_bytes: u64,
}

/// `store info` on the demo's SQLite store, and `store migrate` of it into a PostgreSQL test
/// database when a test server is configured (`CCC_EXEMPT_TEST_PG_URL`).
#[test]
fn store_info_and_migrate() {
    let demo = Demo::new();
    approved(&demo);
    let photo = demo.tmp.path().join("scrap.png");
    std::fs::write(&photo, b"\x89PNG\r\n\x1a\n a photo").unwrap();
    let _ = add(
        &demo,
        &["--kind", "inbound", "--qty", "2", "--doc-no", "IMP-1"],
    );
    let _ = add(
        &demo,
        &[
            "--kind",
            "scrap",
            "--qty",
            "1",
            "--evidence",
            photo.to_str().unwrap(),
            "--deviation",
            "破坏性试验中损毁",
        ],
    );
    let i: StoreInfoDoc = run(&demo, &["store", "info"], 0);
    assert_eq!(i.schema, "ccc-exempt/store-info/1");
    assert_eq!(i.store.kind, "sqlite");
    assert!(i.store.location.ends_with("workspace.db"), "{:?}", i.store);
    assert_eq!(i.store.schema_version, i.store.schema_version_known);
    assert!(i.store.entries > 0);
    assert_eq!(i.store.head.len(), 64);
    assert_eq!(i.store.workspace_id.len(), 16);
    let Some(server) = std::env::var("CCC_EXEMPT_TEST_PG_URL")
        .ok()
        .filter(|s| !s.is_empty())
    else {
        eprintln!("store migrate: skipped (no PostgreSQL test server: CCC_EXEMPT_TEST_PG_URL)");
        return;
    };
    let name = format!("ccc_json_{}", std::process::id());
    let mut admin = postgres::Client::connect(&server, postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    let slash = server.rfind('/').unwrap();
    let url = format!("{}/{name}", &server[..slash]);
    let m: StoreMigrate = run(&demo, &["store", "migrate", "--to", &url], 0);
    admin
        .batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .unwrap();
    assert_eq!(m.schema, "ccc-exempt/store-migrate/1");
    assert!(m.ok);
    assert!(m.report.target.contains(":***@"), "{}", m.report.target);
    assert_eq!(m.report.checkpoint["entries"], i.store.entries);
    assert_eq!(m.report.verify["entries"], i.store.entries);
    assert_eq!(m.report.verify["head"], i.store.head.as_str());
    assert!(
        m.report
            .copied
            .tables
            .iter()
            .any(|(t, n)| t == "ledger_entries" && *n == i.store.entries as u64)
    );
    assert!(m.report.copied.evidence_files > 0);
    assert!(m.report.copied.evidence_bytes > 0);
}

//! End-to-end tests of the application lifecycle (SPEC section 8) on private copies of the demo
//! workspace: `app approve` records a certificate only after a clean check of the current files
//! (S003, or `--force --reason`, which `app show` and `status` keep showing), and only with a
//! plausible issue date (S004); an unknown status in the database is a storage error.

mod common;

use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;

use common::{Demo, NOW};

const APP: &str = "2026-research-01";

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

fn json(demo: &Demo, args: &[&str]) -> Value {
    let a = demo
        .cmd()
        .args(["--format", "json"])
        .args(args)
        .assert()
        .success();
    serde_json::from_str(&stdout(&a)).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

fn approve(demo: &Demo, cert: &str, issued: &str) -> assert_cmd::Command {
    let mut c = demo.cmd();
    c.args(["app", "approve", APP, "--cert-no", cert, "--issued", issued]);
    c
}

fn check(demo: &Demo, id: &str) -> assert_cmd::assert::Assert {
    demo.cmd().args(["check", id]).assert()
}

/// The certificates recorded in the workspace.
fn certificates(demo: &Demo) -> usize {
    let db = demo.root.join(".ccc-exempt/workspace.db");
    if !db.exists() {
        return 0;
    }
    ccc_exempt::store::Store::open(&db)
        .unwrap()
        .certificates()
        .unwrap()
        .len()
}

fn status_of(demo: &Demo, id: &str) -> String {
    json(demo, &["app", "show", id])["application"]["status"]
        .as_str()
        .unwrap_or("unregistered")
        .to_string()
}

fn append(path: &Path, bytes: &[u8]) {
    let mut b = std::fs::read(path).unwrap();
    b.extend_from_slice(bytes);
    std::fs::write(path, b).unwrap();
}

#[test]
fn approve_needs_a_clean_check_of_the_current_files() {
    let demo = Demo::new();
    // Never checked.
    approve(&demo, "MB1", "2026-11-25")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "S003: application 2026-research-01 not approved: it was never checked; run `ccc-exempt check 2026-research-01` first",
        ))
        .stderr(predicate::str::contains("--force --reason"));
    assert_eq!(certificates(&demo), 0);

    // The last check found errors: the purpose is missing (C003).
    let original = demo.read_app(APP);
    let broken: String = original
        .lines()
        .filter(|l| !l.starts_with("purpose"))
        .map(|l| format!("{l}\n"))
        .collect();
    demo.write_app(APP, &broken);
    check(&demo, APP).code(1);
    approve(&demo, "MB1", "2026-11-25")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "S003: application {APP} not approved: the last check ({NOW}) found 1 error(s); fix them and run `ccc-exempt check {APP}` again"
        )));
    assert_eq!(status_of(&demo, APP), "draft");

    // Fixed and checked clean; then a material changes: refused, naming the file.
    demo.write_app(APP, &original);
    check(&demo, APP).success();
    assert_eq!(status_of(&demo, APP), "checked");
    let plan = demo.app_dir(APP).join("materials/test-plan.pdf");
    let plan_bytes = std::fs::read(&plan).unwrap();
    append(&plan, b"\n% signed again\n");
    approve(&demo, "MB1", "2026-11-25")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "S003: application {APP} not approved: changed since the last check ({NOW}): materials/test-plan.pdf; run `ccc-exempt check {APP}` again"
        )));
    // application.toml itself is one of the files.
    append(&demo.app_toml(APP), b"\n# a note\n");
    approve(&demo, "MB1", "2026-11-25")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "application.toml, materials/test-plan.pdf;",
        ));
    // A material removed is a change too.
    std::fs::write(demo.app_toml(APP), &original).unwrap();
    std::fs::remove_file(&plan).unwrap();
    approve(&demo, "MB1", "2026-11-25")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "materials/test-plan.pdf (removed or unreadable)",
        ));
    assert_eq!(certificates(&demo), 0);
    assert_eq!(status_of(&demo, APP), "checked");

    // The same content again is the file the check saw (by content hash): approved.
    std::fs::write(&plan, &plan_bytes).unwrap();
    let a = approve(&demo, "MB1", "2026-11-25").assert().success();
    assert!(stdout(&a).starts_with("2026-research-01: approved · certificate MB1"));
    assert_eq!(certificates(&demo), 1);
    let show = json(&demo, &["app", "show", APP]);
    assert_eq!(show["application"]["status"], "approved");
    assert_eq!(show["application"]["forced"], Value::Null);
    // Not forced: `status` flags nothing about it.
    let s = json(&demo, &["status"]);
    assert!(
        !s["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "S003"),
        "{s}"
    );
}

#[test]
fn a_forced_approval_is_recorded_and_stays_visible() {
    let demo = Demo::new();
    check(&demo, APP).success();
    let letter = demo.app_dir(APP).join("materials/commitment-letter.pdf");
    append(&letter, b"\n% re-stamped\n");
    let reason = "当局已按提交的材料批准 (approved as filed)";
    let a = approve(&demo, "MB2", "2026-11-26")
        .args(["--force", "--reason", reason])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "forced past S003: changed since the last check ({NOW}): materials/commitment-letter.pdf (reason: {reason})"
        )));
    assert!(stdout(&a).contains("approved · certificate MB2"));

    // app show: JSON and human.
    let show = json(&demo, &["app", "show", APP]);
    let f = &show["application"]["forced"];
    assert_eq!(f["code"], "S003");
    assert_eq!(f["reason"], reason);
    assert_eq!(f["at"], NOW);
    assert!(
        f["why"]
            .as_str()
            .unwrap()
            .contains("materials/commitment-letter.pdf")
    );
    let last = show["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["to_status"], "approved");
    assert_eq!(last["forced"]["reason"], reason);
    assert!(
        last["note"]
            .as_str()
            .unwrap()
            .ends_with(&format!("forced past S003: {reason}"))
    );
    let human = stdout(&demo.cmd().args(["app", "show", APP]).assert().success());
    assert!(
        human.contains(&format!(
            "forced approval: past S003 (changed since the last check ({NOW}): materials/commitment-letter.pdf) · reason: {reason}"
        )),
        "{human}"
    );

    // status: the table marks it and a flag says why, in JSON too.
    let human = stdout(&demo.cmd().arg("status").assert().success());
    assert!(human.contains("approved (forced)"), "{human}");
    assert!(human.contains("S003") && human.contains("MB2"), "{human}");
    let s = json(&demo, &["status"]);
    let app = s["applications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == APP)
        .unwrap()
        .clone();
    assert_eq!(app["forced"]["reason"], reason);
    let flag = s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "S003")
        .expect("an S003 flag")
        .clone();
    assert_eq!(flag["location"]["cert_no"], "MB2");
    assert_eq!(
        flag["message"],
        format!(
            "2026-research-01: approved without a clean check of the current files (changed since the last check ({NOW}): materials/commitment-letter.pdf); recorded with --force on {NOW}, reason: {reason}"
        )
    );
    // In Chinese as well.
    let zh = stdout(
        &demo
            .cmd()
            .args(["--lang", "zh", "status"])
            .assert()
            .success(),
    );
    assert!(zh.contains("已批准（强制）"), "{zh}");
    assert!(zh.contains("用 --force 强制登记"), "{zh}");
}

#[test]
fn the_issue_date_is_not_before_preparation_or_submission_nor_in_the_future() {
    let demo = Demo::new();
    check(&demo, APP).success();
    // prepared_on = 2026-11-20.
    approve(&demo, "MB3", "2026-11-19")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "S004: the issue date 2026-11-19 is before the application was prepared (2026-11-20, prepared_on)",
        ));
    // The clock is pinned at 2026-11-27 (CCC_EXEMPT_NOW).
    approve(&demo, "MB3", "2026-11-28")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "S004: the issue date 2026-11-28 is in the future (today is 2026-11-27)",
        ));
    approve(&demo, "MB3", "2026-12-10")
        .env("CCC_EXEMPT_NOW", "2026-12-09T23:59:00+08:00")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("S004"));
    // Forcing overrides the check guard only: a date is a fact.
    approve(&demo, "MB3", "2026-11-19")
        .args(["--force", "--reason", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("S004"));
    // Submitted on 2026-11-24: not issued before that.
    demo.cmd()
        .env("CCC_EXEMPT_NOW", "2026-11-24T15:00:00+08:00")
        .args(["app", "submit", APP])
        .assert()
        .success()
        .stdout(format!("{APP}: submitted\n"));
    approve(&demo, "MB3", "2026-11-23")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "S004: the issue date 2026-11-23 is before the application was submitted (2026-11-24, app submit)",
        ));
    demo.cmd()
        .args(["--lang", "zh", "app", "approve", APP])
        .args(["--cert-no", "MB3", "--issued", "2026-11-23"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "S004: 签发日期 2026-11-23 早于申请的提交日期 2026-11-24",
        ));
    assert_eq!(certificates(&demo), 0);
    assert_eq!(status_of(&demo, APP), "submitted");
    approve(&demo, "MB3", "2026-11-24").assert().success();
    assert_eq!(status_of(&demo, APP), "approved");
}

#[test]
fn explain_knows_the_lifecycle_codes() {
    let demo = Demo::new();
    for (code, clause) in [("S003", "线上办理流程 3"), ("S004", "线上办理流程 3、5")] {
        demo.cmd()
            .args(["explain", code])
            .assert()
            .success()
            .stdout(predicate::str::contains(format!("{code} (error)")))
            .stdout(predicate::str::contains(clause));
    }
}

/// The README's tour, as written: the six complete applications checked (its first command),
/// `2026-research-01` packaged, submitted, and approved later with an earlier issue date; the
/// exhibition application approved straight from `checked`; a mistaken rejection voided and the
/// exhibition certificate amended.
#[test]
fn the_readme_approval_steps_work_as_written() {
    let demo = Demo::new();
    let ids = common::complete_ids();
    demo.cmd().arg("check").args(&ids).assert().success();
    let zip = demo.tmp.path().join("2026-research-01.zip");
    demo.cmd()
        .args(["package", APP, "-o"])
        .arg(&zip)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "application 2026-research-01: checked → packaged",
        ));
    demo.cmd()
        .env("CCC_EXEMPT_NOW", "2026-11-30T10:00:00+08:00")
        .args(["app", "submit", APP])
        .assert()
        .success()
        .stdout("2026-research-01: submitted\n");
    let later = "2027-04-01T09:00:00+08:00";
    let a = demo
        .cmd()
        .env("CCC_EXEMPT_NOW", later)
        .args(["app", "approve", APP, "--cert-no", "MB2026120001"])
        .args(["--issued", "2026-12-04"])
        .assert()
        .success();
    assert!(stdout(&a).starts_with(
        "2026-research-01: approved · certificate MB2026120001 · issued 2026-12-04 · ledger entry #1\n"
    ));
    demo.cmd()
        .env("CCC_EXEMPT_NOW", later)
        .args([
            "app",
            "approve",
            "2026-expo-01",
            "--cert-no",
            "MB2027020017",
        ])
        .args(["--issued", "2027-02-20"])
        .assert()
        .success();
    // The corrections of the tour: a rejection on the wrong application voided, the exhibition
    // certificate reissued under a new number.
    demo.cmd()
        .env("CCC_EXEMPT_NOW", later)
        .args(["app", "reject", "2026-line-01", "--reason", "资料不全"])
        .assert()
        .success()
        .stdout("2026-line-01: rejected\n");
    demo.cmd()
        .env("CCC_EXEMPT_NOW", later)
        .args([
            "app",
            "void",
            "2026-line-01",
            "--reason",
            "驳回记到了别的申请上",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "2026-line-01: rejection voided · now checked · ledger entry #",
        ));
    demo.cmd()
        .env("CCC_EXEMPT_NOW", later)
        .args(["app", "amend", "2026-expo-01", "--cert-no", "MB2027030005"])
        .args(["--reason", "申请修改(已发)证明：展品清单更正后重新签发"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "2026-expo-01: certificate amended · certificate MB2027020017 → MB2027030005 · issued 2027-02-20",
        ));
    demo.cmd()
        .env("CCC_EXEMPT_NOW", later)
        .args(["ledger", "verify"])
        .assert()
        .code(0);
}

#[test]
fn an_unknown_status_in_the_database_is_a_storage_error() {
    let demo = Demo::new();
    check(&demo, APP).success();
    let db = rusqlite::Connection::open(demo.root.join(".ccc-exempt/workspace.db")).unwrap();
    db.execute_batch(
        "PRAGMA ignore_check_constraints = ON;
         UPDATE applications SET status = 'archived' WHERE id = '2026-research-01';",
    )
    .unwrap();
    drop(db);
    for args in [
        vec!["app", "list"],
        vec!["status"],
        vec!["app", "submit", APP],
    ] {
        demo.cmd()
            .args(&args)
            .assert()
            .code(3)
            .stderr(predicate::str::contains(
                "unknown application status \"archived\"",
            ));
    }
}

//! End-to-end tests of what the ledger holds the applicant to: the committed disposal (L011,
//! `--deviation` recorded and flagged by `status`), open stock a year after issue (D005, the open
//! quantity per line beside the deadline, a summary that agrees with the table), and the evidence
//! each movement needs, told before a refusal (`ledger add --help`, `explain L005`, every missing
//! `--evidence KIND=FILE` named without a terminal).

mod common;

use predicates::prelude::*;
use serde_json::Value;

use common::Demo;

const APP: &str = "2026-research-01";

fn json(demo: &Demo, args: &[&str]) -> Value {
    let a = demo
        .cmd()
        .args(["--format", "json"])
        .args(args)
        .assert()
        .success();
    serde_json::from_str(&String::from_utf8_lossy(&a.get_output().stdout)).unwrap()
}

fn entries(demo: &Demo) -> usize {
    json(demo, &["ledger", "list"])["entries"]
        .as_array()
        .unwrap()
        .len()
}

/// The research application (committed to `disposal = "reexport"`) approved as MB-1 with its 3
/// units received; a photo to attach in the temporary directory.
fn received(demo: &Demo) -> String {
    demo.cmd().args(["check", APP]).assert().code(0);
    demo.cmd()
        .args([
            "app",
            "approve",
            APP,
            "--cert-no",
            "MB-1",
            "--issued",
            "2026-11-21",
        ])
        .assert()
        .code(0);
    demo.cmd()
        .args([
            "ledger",
            "add",
            "--cert",
            "MB-1",
            "--line",
            "1",
            "--kind",
            "inbound",
            "--qty",
            "3",
            "--doc-no",
            "IMP-1",
            "--date",
            "2026-11-22",
        ])
        .assert()
        .code(0);
    std::fs::copy(
        demo.app_dir(APP).join("materials/test-plan.pdf"),
        demo.tmp.path().join("photo.pdf"),
    )
    .unwrap();
    "photo.pdf".into()
}

#[test]
fn a_disposition_other_than_the_committed_one_is_refused_unless_a_deviation_is_recorded() {
    let demo = Demo::new();
    let photo = received(&demo);
    assert!(demo.read_app(APP).contains("disposal = \"reexport\""));
    let n = entries(&demo);
    let scrap = |demo: &Demo| {
        let mut c = demo.cmd();
        c.args([
            "ledger",
            "add",
            "--cert",
            "MB-1",
            "--line",
            "1",
            "--kind",
            "scrap",
            "--qty",
            "1",
            "--evidence",
            &photo,
        ]);
        c
    };
    scrap(&demo)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "L011: the application committed to re-export (disposal = \"reexport\"), so scrap is refused; record a necessary deviation with --deviation REASON",
        ));
    scrap(&demo)
        .args(["--lang", "zh"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("申请承诺的处理方式是“退运核销”"));
    assert_eq!(entries(&demo), n, "nothing written on refusal");
    // The deviation is recorded with its reason, in the chain, and status flags it.
    scrap(&demo)
        .args(["--deviation", "样品在试验中损坏，无法退运"])
        .assert()
        .code(0);
    let list = json(&demo, &["ledger", "list", "--kind", "scrap"]);
    assert_eq!(
        list["entries"][0]["note"],
        "deviation from the committed disposal (reexport): 样品在试验中损坏，无法退运"
    );
    let st = json(&demo, &["status"]);
    let f: Vec<&Value> = st["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "L011")
        .collect();
    assert_eq!(f.len(), 1, "{st}");
    assert!(
        f[0]["message"]
            .as_str()
            .unwrap()
            .contains("样品在试验中损坏，无法退运")
    );
    demo.cmd().args(["ledger", "verify"]).assert().code(0);
    // Reversed, the deviation is no longer a flag.
    let seq = list["entries"][0]["seq"].as_i64().unwrap().to_string();
    demo.cmd()
        .args(["ledger", "reverse", &seq, "--reason", "录错", "--yes"])
        .assert()
        .code(0);
    let st = json(&demo, &["status"]);
    assert!(
        st["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["code"] != "L011")
    );
}

#[test]
fn open_stock_a_year_after_issue_is_flagged_beside_every_deadline() {
    let demo = Demo::new();
    received(&demo);
    // Today: the open quantity per line beside the deadline, a summary that agrees.
    demo.cmd()
        .args(["status"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("line 1: 3/3"))
        .stdout(predicate::str::contains(
            "No reminder or risk flag due yet; 1 certificate(s) have deadlines ahead",
        ))
        .stdout(predicate::str::contains("3 units open in all"))
        .stdout(predicate::str::contains("No deadline reminder or risk flag.").not());
    // Thirteen months later, nothing disposed of: D001 and D005.
    let later = demo
        .cmd()
        .env("CCC_EXEMPT_NOW", "2027-12-22T09:00:00+08:00")
        .args(["--format", "json", "status"])
        .assert()
        .code(0);
    let st: Value = serde_json::from_slice(&later.get_output().stdout).unwrap();
    let codes: Vec<&str> = st["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"D005") && codes.contains(&"D001"),
        "{codes:?}"
    );
    let d005 = st["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "D005")
        .unwrap();
    assert!(
        d005["message"]
            .as_str()
            .unwrap()
            .contains("3 units are still not disposed of (3 in stock, 0 issued)"),
        "{d005}"
    );
    assert_eq!(st["certificates"][0]["lines"][0]["open"], 3);
    demo.cmd()
        .env("CCC_EXEMPT_NOW", "2027-12-22T09:00:00+08:00")
        .args(["--lang", "zh", "status"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("D005"))
        .stdout(predicate::str::contains("第1行 3/3"))
        .stdout(predicate::str::contains("无期限提醒或风险标记").not());
}

#[test]
fn the_evidence_each_movement_needs_is_told_before_a_refusal() {
    let demo = Demo::new();
    demo.cmd()
        .args(["ledger", "add", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Condition 2 (repair):"))
        .stdout(predicate::str::contains("end-user-confirmation=FILE"));
    demo.cmd()
        .args(["--lang", "zh", "ledger", "add", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("条件2（repair）："))
        .stdout(predicate::str::contains(
            "end-user-confirmation=FILE (最终用户确认",
        ));
    demo.cmd()
        .args(["explain", "L005"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Condition 2 (repair):"))
        .stdout(predicate::str::contains("--evidence written-proof=FILE"));
    demo.cmd()
        .args(["--lang", "zh", "explain", "L005"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("条件2（repair）："));
    // Without a terminal: every missing --evidence KIND=FILE named.
    let repair = "2026-repair-01";
    demo.cmd().args(["check", repair]).assert().code(0);
    demo.cmd()
        .args([
            "app",
            "approve",
            repair,
            "--cert-no",
            "MB-2",
            "--issued",
            "2026-11-27",
        ])
        .assert()
        .code(0);
    demo.cmd()
        .args([
            "ledger", "add", "--cert", "MB-2", "--line", "1", "--kind", "inbound", "--qty", "1",
            "--doc-no", "IMP-2",
        ])
        .assert()
        .code(0);
    std::fs::write(demo.tmp.path().join("proof.pdf"), b"%PDF-1.4 proof").unwrap();
    demo.cmd()
        .args([
            "ledger",
            "add",
            "--cert",
            "MB-2",
            "--line",
            "1",
            "--kind",
            "use",
            "--qty",
            "1",
            "--evidence",
            "written-proof=proof.pdf",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("L005"))
        .stderr(predicate::str::contains(
            "--evidence photo-or-video=FILE (photo or video evidence)",
        ))
        .stderr(predicate::str::contains(
            "--evidence end-user-confirmation=FILE (confirmation by the end user)",
        ));
}

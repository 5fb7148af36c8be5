//! End-to-end tests of the corrections of a recorded decision (SPEC section 8) on private copies of
//! the demo workspace: `app amend` (a new number, issue date or certified quantities, checked by
//! the ledger from then on) and `app void` (an approval or rejection recorded by mistake), both
//! appended to the hash chain; each refusal with its exit code and nothing written; drift after
//! approval (S002) in `check`, `status` and `ledger verify`; `--force` kept in the chain.

mod common;

use predicates::prelude::*;
use serde_json::Value;

use common::Demo;

const APP: &str = "2026-research-01";
const REPAIR: &str = "2026-repair-01";

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

/// (number of entries, head hash) of the workspace's ledger.
fn head(demo: &Demo) -> (i64, [u8; 32]) {
    ccc_exempt::store::Store::open(&demo.root.join(".ccc-exempt/workspace.db"))
        .unwrap()
        .ledger_head()
        .unwrap()
}

fn status_of(demo: &Demo, id: &str) -> String {
    json(demo, &["app", "show", id])["application"]["status"]
        .as_str()
        .unwrap()
        .to_string()
}

fn verify_intact(demo: &Demo) {
    demo.cmd()
        .args(["ledger", "verify"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("ledger intact"));
}

/// Check and approve `id` as certificate `cert`, issued on the pinned day.
fn approve(demo: &Demo, id: &str, cert: &str) {
    demo.cmd().args(["check", id]).assert().code(0);
    approve_on(demo, id, cert, "2026-11-27");
}

/// Approve `id` (checked before) as certificate `cert`, issued on `issued`.
fn approve_on(demo: &Demo, id: &str, cert: &str, issued: &str) {
    demo.cmd()
        .args(["app", "approve", id, "--cert-no", cert, "--issued", issued])
        .assert()
        .code(0);
}

fn add(demo: &Demo, cert: &str, kind: &str, qty: &str) -> assert_cmd::Command {
    let mut c = demo.cmd();
    c.args([
        "ledger", "add", "--cert", cert, "--line", "1", "--kind", kind, "--qty", qty, "--doc-no",
        "IMP-1",
    ]);
    c
}

#[test]
fn an_amendment_is_checked_by_the_ledger_from_then_on() {
    let demo = Demo::new();
    approve(&demo, APP, "MB-TYPO");
    // The number mistyped and the authority certified 2, not 3.
    demo.cmd()
        .args([
            "app",
            "amend",
            APP,
            "--reason",
            "证明号录入错误",
            "--cert-no",
            "MB-1",
            "--quantity",
            "1=2",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("MB-TYPO → MB-1"));
    // Movements name the number in force (or the one it was recorded under).
    add(&demo, "MB-1", "inbound", "2").assert().code(0);
    // The amended quantity holds: a third unit is beyond it (L002).
    let before = head(&demo);
    add(&demo, "MB-TYPO", "inbound", "1")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("L002"));
    assert_eq!(head(&demo), before, "nothing written on refusal");

    // Below what has already been received: refused, nothing written.
    demo.cmd()
        .args(["app", "amend", APP, "--reason", "x", "--quantity", "1=1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "L002: line 1: the certified quantity cannot become 1: 2 already received",
        ));
    // An issue date after a movement: refused (L006).
    demo.cmd()
        .args([
            "app",
            "amend",
            APP,
            "--reason",
            "x",
            "--issued",
            "2026-11-28",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("S004"));
    // (A date in the future is S004; L006 is shown with a back-dated movement below.)
    // Nothing to amend, no reason, a number another certificate holds: input errors.
    demo.cmd()
        .args(["app", "amend", APP, "--reason", "x", "--cert-no", "MB-1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing to amend"));
    demo.cmd()
        .args(["app", "amend", APP, "--reason", " ", "--quantity", "1=2"])
        .assert()
        .code(2);
    demo.cmd()
        .args(["app", "amend", APP, "--reason", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--cert-no, --issued or --quantity",
        ));
    approve(&demo, REPAIR, "MB-2");
    demo.cmd()
        .args(["app", "amend", REPAIR, "--reason", "x", "--cert-no", "MB-1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "certificate number MB-1 is already recorded for application 2026-research-01",
        ));
    // An application without a certificate: S001.
    demo.cmd()
        .args([
            "app",
            "amend",
            "2026-line-01",
            "--reason",
            "x",
            "--cert-no",
            "Z",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("S001"));
    assert_eq!(head(&demo).0, before.0 + 1, "only MB-2's certify entry");

    // Shown: app show, status, ledger list, the 台账.
    demo.cmd()
        .args(["app", "show", APP])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("MB-TYPO → MB-1"))
        .stdout(predicate::str::contains(
            "证明修改 certificate amended: 证明号录入错误",
        ));
    demo.cmd()
        .args(["status"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("MB-1 (was MB-TYPO)"))
        .stdout(predicate::str::contains(
            "MB-TYPO amended (number MB-1, issued 2026-11-27, line 1 = 2): 证明号录入错误",
        ));
    let list = json(&demo, &["ledger", "list", "--kind", "amend"]);
    let kinds: Vec<(i64, i64)> = list["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["line"].as_i64().unwrap(), e["qty"].as_i64().unwrap()))
        .collect();
    assert_eq!(kinds, [(0, 0), (1, 2)]);
    let csv = demo.tmp.path().join("book.csv");
    demo.cmd()
        .args(["ledger", "export", "-o"])
        .arg(&csv)
        .assert()
        .code(0);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.contains("证明修改") && text.contains("证明号录入错误"),
        "{text}"
    );
    verify_intact(&demo);
}

#[test]
fn an_issue_date_after_a_movement_is_refused() {
    let demo = Demo::new();
    demo.cmd().args(["check", APP]).assert().code(0);
    approve_on(&demo, APP, "MB-1", "2026-11-21");
    add(&demo, "MB-1", "inbound", "1")
        .args(["--date", "2026-11-22"])
        .assert()
        .code(0);
    let before = head(&demo);
    demo.cmd()
        .args(["app", "amend", APP, "--reason", "x", "--issued", "2026-11-23"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "L006: the issue date cannot become 2026-11-23: entry #2 (inbound on 2026-11-22) is before it",
        ));
    demo.cmd()
        .args([
            "--lang",
            "zh",
            "app",
            "amend",
            APP,
            "--reason",
            "x",
            "--issued",
            "2026-11-23",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("签发日期不能改为 2026-11-23"));
    assert_eq!(head(&demo), before);
    // An earlier one is fine, and the ledger then accepts movements from it.
    demo.cmd()
        .args([
            "app",
            "amend",
            APP,
            "--reason",
            "签发日期录错",
            "--issued",
            "2026-11-20",
        ])
        .assert()
        .code(0);
    add(&demo, "MB-1", "inbound", "1")
        .args(["--date", "2026-11-20"])
        .assert()
        .code(0);
    verify_intact(&demo);
}

#[test]
fn a_voided_approval_frees_the_application_to_be_approved_again() {
    let demo = Demo::new();
    demo.cmd().args(["check", REPAIR]).assert().code(0);
    demo.cmd().args(["app", "submit", REPAIR]).assert().code(0);
    approve_on(&demo, REPAIR, "MB-X", "2026-11-27");
    demo.cmd()
        .args(["app", "void", REPAIR, "--reason", "录入了别的申请的证明"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "approval (certificate MB-X) voided · now submitted",
        ));
    assert_eq!(status_of(&demo, REPAIR), "submitted");
    // No movement on a voided certificate.
    let before = head(&demo);
    add(&demo, "MB-X", "inbound", "1")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("L001").and(predicate::str::contains("voided")));
    assert_eq!(head(&demo), before);
    // Voiding twice: nothing left to void (S001).
    demo.cmd()
        .args(["app", "void", REPAIR, "--reason", "again"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("S001"));
    // Approved again, under another number.
    approve_on(&demo, REPAIR, "MB-R", "2026-11-27");
    assert_eq!(status_of(&demo, REPAIR), "approved");
    add(&demo, "MB-R", "inbound", "1").assert().code(0);
    let show = json(&demo, &["app", "show", REPAIR]);
    let c = &show["certificate"];
    assert_eq!(c["amended_no"], "MB-R");
    assert_eq!(c["voided"], false);
    let r: Vec<(String, bool)> = c["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap().to_string(),
                r["reapproval"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        r,
        [("void".to_string(), false), ("amend".to_string(), true)]
    );
    demo.cmd()
        .args(["status"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "approval voided: 录入了别的申请的证明",
        ))
        .stdout(predicate::str::contains("approved again (number MB-R"));
    verify_intact(&demo);

    // Once a movement exists, an approval is no mistake: S005, nothing written.
    let before = head(&demo);
    demo.cmd()
        .args(["app", "void", REPAIR, "--reason", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "S005: the approval of 2026-repair-01 cannot be voided: certificate MB-X has movements",
        ));
    assert_eq!(head(&demo), before);
    assert_eq!(status_of(&demo, REPAIR), "approved");
}

#[test]
fn a_voided_rejection_puts_the_application_back() {
    let demo = Demo::new();
    demo.cmd().args(["check", APP]).assert().code(0);
    demo.cmd().args(["app", "submit", APP]).assert().code(0);
    demo.cmd()
        .args(["app", "reject", APP, "--reason", "资料不全"])
        .assert()
        .code(0);
    demo.cmd()
        .args([
            "--lang",
            "zh",
            "app",
            "void",
            APP,
            "--reason",
            "驳回记错了申请",
        ])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("驳回已作废 · 现为 已提交"));
    assert_eq!(status_of(&demo, APP), "submitted");
    let show = json(&demo, &["app", "show", APP]);
    assert_eq!(show["decisions"][0]["kind"], "void");
    assert_eq!(show["decisions"][0]["note"], "驳回记错了申请");
    demo.cmd()
        .args(["status"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "2026-research-01 rejection voided: 驳回记错了申请",
        ));
    // A draft has no decision to void.
    demo.cmd()
        .args(["app", "void", "2026-line-01", "--reason", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "S001: application 2026-line-01 is draft; `app void` applies only to an approved or rejected application",
        ));
    // Approved after the void: the chain holds both.
    approve_on(&demo, APP, "MB-1", "2026-11-27");
    verify_intact(&demo);
}

#[test]
fn drift_after_approval_names_each_file_with_both_hashes() {
    let demo = Demo::new();
    approve(&demo, APP, "MB-1");
    demo.cmd().args(["check", APP]).assert().code(0);
    verify_intact(&demo);
    let toml = demo.app_toml(APP);
    let original = std::fs::read(&toml).unwrap();
    let approved = ccc_exempt::util::hex::hex(&sha(&original));
    // application.toml: the quantity changed from 3 to 300.
    let text = String::from_utf8(original.clone())
        .unwrap()
        .replace("quantity = 3\n", "quantity = 300\n");
    std::fs::write(&toml, &text).unwrap();
    let now = ccc_exempt::util::hex::hex(&sha(text.as_bytes()));
    let expected =
        format!("changed after approval: application.toml; approved sha256 {approved}, now {now}");
    let a = demo
        .cmd()
        .args(["--format", "json", "check", APP])
        .assert()
        .code(1);
    assert!(stdout(&a).contains(&expected), "{}", stdout(&a));
    let st = json(&demo, &["status"]);
    let s002: Vec<&Value> = st["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "S002")
        .collect();
    assert_eq!(s002.len(), 1);
    assert!(s002[0]["message"].as_str().unwrap().contains(&expected));
    demo.cmd()
        .args(["--format", "json", "ledger", "verify"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(expected.as_str()));
    demo.cmd()
        .args(["app", "show", APP, "--diff"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("-quantity = 3\n+quantity = 300\n"));
    std::fs::write(&toml, &original).unwrap();

    // A material: changed, then removed.
    let plan = demo.app_dir(APP).join("materials/test-plan.pdf");
    let bytes = std::fs::read(&plan).unwrap();
    let mut changed = bytes.clone();
    changed.extend_from_slice(b"\n% signed again\n");
    std::fs::write(&plan, &changed).unwrap();
    demo.cmd()
        .args(["check", APP])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("materials/test-plan.pdf"));
    std::fs::remove_file(&plan).unwrap();
    demo.cmd()
        .args(["--format", "json", "ledger", "verify"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "materials/test-plan.pdf; approved sha256 {}, now missing or unreadable",
            ccc_exempt::util::hex::hex(&sha(&bytes))
        )));
    std::fs::write(&plan, &bytes).unwrap();
    verify_intact(&demo);

    // A package for upload built after approval.
    let zip = demo.tmp.path().join("again.zip");
    demo.cmd()
        .args(["package", APP, "-o"])
        .arg(&zip)
        .assert()
        .code(0);
    demo.cmd()
        .args(["--lang", "zh", "status"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("批准后又打包了新的申报包"));
    // An amendment freezes the files again: the package then is what was amended against.
    demo.cmd()
        .args([
            "app",
            "amend",
            APP,
            "--reason",
            "重新提交",
            "--quantity",
            "1=2",
        ])
        .assert()
        .code(0);
    verify_intact(&demo);
}

#[test]
fn an_application_toml_broken_after_approval_is_named_as_changed_not_its_materials() {
    let demo = Demo::new();
    approve(&demo, APP, "MB-1");
    let toml = demo.app_toml(APP);
    let mut text = std::fs::read_to_string(&toml).unwrap();
    text.push_str("\n[[products\n");
    std::fs::write(&toml, &text).unwrap();
    let now = ccc_exempt::util::hex::hex(&sha(text.as_bytes()));
    let st = json(&demo, &["status"]);
    let s002: Vec<String> = st["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "S002")
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(s002.len(), 1, "{s002:?}");
    assert!(
        s002[0].contains("application.toml; approved sha256") && s002[0].ends_with(&now),
        "{s002:?}"
    );
}

fn sha(b: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(b).into()
}

#[test]
fn a_forced_approval_is_kept_in_the_chain() {
    let demo = Demo::new();
    // Never checked: forced past S003.
    demo.cmd()
        .args([
            "app",
            "approve",
            APP,
            "--cert-no",
            "MB-F",
            "--issued",
            "2026-11-27",
            "--force",
            "--reason",
            "主管部门已按现有材料批准",
        ])
        .assert()
        .code(0);
    let list = json(&demo, &["ledger", "list", "--kind", "certify"]);
    let note = list["entries"][0]["note"].as_str().unwrap();
    assert!(
        note.contains("经 --force 越过 S003（it was never checked）：主管部门已按现有材料批准"),
        "{note}"
    );
    verify_intact(&demo);
}

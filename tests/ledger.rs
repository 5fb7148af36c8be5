//! End-to-end tests of the certificates and the usage ledger: approval, every refusal, reversals,
//! write-off, listings and exports, usage records, verify against tampering, status deadlines,
//! backup.

#[path = "ledger_harness.rs"]
mod harness;

use harness::{FORCED, NOW, PDF, PNG, Ws, application};
use predicates::prelude::*;

const CERT: &str = "MB2026001";

fn research() -> Ws {
    Ws::with_cert("research", &[3, 5], CERT, "2026-01-15")
}

/// A movement on line 1: `ledger add --line 1 --kind KIND --qty QTY --date DATE` plus `extra`.
fn mv(ws: &Ws, kind: &str, qty: &str, date: &str, extra: &[&str]) -> assert_cmd::assert::Assert {
    let mut args = vec!["--line", "1", "--kind", kind, "--qty", qty, "--date", date];
    args.extend_from_slice(extra);
    add(ws, &args)
}

fn add(ws: &Ws, args: &[&str]) -> assert_cmd::assert::Assert {
    ws.cmd()
        .args(["ledger", "add", "--cert", CERT])
        .args(args)
        .assert()
}

// ---------------------------------------------------------------------------------------------
// Approval

#[test]
fn approve_records_the_certificate_and_freezes_the_application() {
    let ws = Ws::new();
    ws.write_app("app1", &application("research", &[3, 5]));
    let v = ws.json(&[
        "app",
        "approve",
        "app1",
        "--cert-no",
        CERT,
        "--issued",
        "2026-01-15",
        "--quantity",
        "2=4",
        "--force",
        "--reason",
        FORCED,
    ]);
    assert_eq!(v["status"], "approved");
    assert_eq!(v["approval"]["forced"]["code"], "S003");
    assert_eq!(v["approval"]["forced"]["reason"], FORCED);
    let c = &v["approval"]["certificate"];
    assert_eq!(c["cert_no"], CERT);
    assert_eq!(c["lines"][0]["certified"], 3);
    assert_eq!(c["lines"][1]["applied"], 5);
    assert_eq!(c["lines"][1]["certified"], 4);
    let files: Vec<&str> = c["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["application.toml", "materials/licence.pdf"]);
    assert_eq!(c["package_sha256"], serde_json::Value::Null);
    assert_eq!(c["application_sha256"].as_str().unwrap().len(), 64);
    // The certificate is the first entry of the chain.
    assert_eq!(v["approval"]["entry"]["kind"], "certify");
    let show = ws.json(&["app", "show", "app1"]);
    assert_eq!(show["application"]["status"], "approved");
    // Approving again, or another application with the same number, is refused (forcing does
    // not help: it overrides the check guard only).
    ws.approve_at(NOW, "app1", "OTHER", "2026-01-15")
        .code(1)
        .stderr(predicate::str::contains("S001"));
    ws.write_app("app2", &application("research", &[1]));
    ws.approve_at(NOW, "app2", CERT, "2026-01-15")
        .code(2)
        .stderr(predicate::str::contains("already recorded"));
    ws.verify_ok();
}

#[test]
fn approve_rejects_bad_input() {
    let ws = Ws::new();
    ws.write_app("app1", &application("research", &[3]));
    for (args, why) in [
        (vec!["--issued", "2026-13-01"], "YYYY-MM-DD"),
        (
            vec!["--issued", "2026-01-01", "--quantity", "1=4"],
            "more than",
        ),
        (
            vec!["--issued", "2026-01-01", "--quantity", "2=1"],
            "product lines",
        ),
        (vec!["--issued", "2026-01-01", "--quantity", "x"], "LINE=N"),
        (vec!["--issued", "2026-01-01", "--force"], "--reason"),
        (vec!["--issued", "2026-01-01", "--reason", "x"], "--force"),
        (
            vec!["--issued", "2026-01-01", "--force", "--reason", " "],
            "needs the reason",
        ),
    ] {
        ws.cmd()
            .args(["app", "approve", "app1", "--cert-no", CERT])
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(why));
    }
    // A date in the future is a refusal (S004), forced or not.
    ws.approve_at(NOW, "app1", CERT, "2027-01-01")
        .code(1)
        .stderr(predicate::str::contains("S004").and(predicate::str::contains("future")));
    ws.cmd()
        .args([
            "app",
            "approve",
            "nope",
            "--cert-no",
            CERT,
            "--issued",
            "2026-01-01",
        ])
        .assert()
        .code(2);
    assert_eq!(ws.entries(), 0);
}

#[test]
fn submit_and_reject_record_the_decision() {
    let ws = Ws::new();
    ws.write_app("app1", &application("repair", &[2]));
    let jan = |day: u32| format!("2026-01-{day:02}T10:00:00+08:00");
    ws.cmd_at(&jan(5))
        .args(["app", "submit", "app1"])
        .assert()
        .success()
        .stdout("app1: submitted\n");
    ws.cmd_at(&jan(12))
        .args(["app", "reject", "app1", "--reason", "材料不全"])
        .assert()
        .success();
    let show = ws.json(&["app", "show", "app1"]);
    assert_eq!(show["application"]["status"], "rejected");
    let notes: Vec<String> = show["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["note"].as_str().map(String::from))
        .collect();
    assert!(notes.contains(&"材料不全".to_string()));
    // A rejected application is not approved without being filed again.
    ws.approve_at(NOW, "app1", "R1", "2026-02-01")
        .code(1)
        .stderr(predicate::str::contains(
            "S001: application app1 is rejected; `app approve` makes an application approved only from draft, checked, packaged or submitted",
        ));
    // Resubmitted after amendment, then approved: not before the day it was filed again.
    ws.cmd_at(&jan(20))
        .args(["app", "submit", "app1"])
        .assert()
        .success();
    ws.approve_at(NOW, "app1", "R1", "2026-01-19")
        .code(1)
        .stderr(predicate::str::contains(
            "S004: the issue date 2026-01-19 is before the application was submitted (2026-01-20",
        ));
    ws.approve_at(NOW, "app1", "R1", "2026-02-01").success();
    ws.cmd()
        .args(["app", "reject", "app1", "--reason", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("S001"));
    let statuses: Vec<&str> = show["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["to_status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["submitted", "rejected"]);
}

// ---------------------------------------------------------------------------------------------
// Movements and refusals

#[test]
fn a_research_certificate_from_inbound_to_write_off() {
    let ws = research();
    let photo = ws.file("photo.png", PNG);
    let decl = ws.file("decl.pdf", PDF);
    mv(&ws, "inbound", "3", "2026-01-20", &["--doc-no", "C-1"]).success();
    mv(&ws, "领用", "3", "2026-01-21", &["--operator", "张三"]).success();
    mv(&ws, "return", "2", "2026-03-01", &[]).success();
    mv(&ws, "scrap", "1", "2026-03-01", &[])
        .code(1)
        .stderr(predicate::str::contains("L005"));
    mv(&ws, "scrap", "1", "2026-03-01", &["--evidence"]).code(2);
    ws.cmd()
        .args([
            "ledger", "add", "--cert", CERT, "--line", "1", "--kind", "scrap", "--qty", "1",
        ])
        .args(["--date", "2026-03-01", "--evidence"])
        .arg(&photo)
        .assert()
        .success();
    ws.cmd()
        .args([
            "ledger", "add", "--cert", CERT, "--line", "1", "--kind", "reexport", "--qty", "2",
        ])
        .args([
            "--date",
            "2026-04-01",
            "--doc-no",
            "222920260000123456",
            "--evidence",
        ])
        .arg(format!("export-declaration={}", decl.display()))
        .assert()
        .success();
    assert_eq!(ws.balance(CERT, 1), (3, 0, 0, 3));
    assert_eq!(ws.evidence_files(), 2);
    // Line 2 never arrived: nothing received, nothing open.
    ws.cmd()
        .args([
            "ledger",
            "close",
            "--cert",
            CERT,
            "--date",
            "2026-04-02",
            "--yes",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("2028-04-02"));
    assert_eq!(
        ws.json(&["app", "show", "app1"])["application"]["status"],
        "written-off"
    );
    add(
        &ws,
        &[
            "--line", "2", "--kind", "inbound", "--qty", "1", "--doc-no", "C-1",
        ],
    )
    .code(1)
    .stderr(predicate::str::contains("L009"));
    ws.cmd()
        .args(["ledger", "close", "--cert", CERT, "--yes"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("L009"));
    let usage = ws.json(&["ledger", "usage-record", "--cert", CERT]);
    let types: Vec<&str> = usage["report"]["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["record_type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["销毁", "退运"]);
    assert_eq!(usage["report"]["totals"]["退运"], 2);
    assert_eq!(
        usage["report"]["records"][1]["evidence"][0]["kind"],
        "export-declaration"
    );
    ws.verify_ok();
}

#[test]
fn every_refusal_writes_nothing() {
    let ws = research();
    mv(&ws, "inbound", "2", "2026-02-01", &["--doc-no", "C-1"]).success();
    mv(&ws, "issue", "1", "2026-02-10", &["--key", "k1"]).success();
    let photo = ws.file("in/photo.png", PNG);
    let entries = ws.entries();
    let files = ws.evidence_files();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec![
                "--cert".into(),
                "NOPE".into(),
                "--line".into(),
                "1".into(),
                "--kind".into(),
                "issue".into(),
                "--qty".into(),
                "1".into(),
            ],
            "L001",
        ),
        (
            vec![
                "--cert".into(),
                CERT.into(),
                "--line".into(),
                "9".into(),
                "--kind".into(),
                "issue".into(),
                "--qty".into(),
                "1".into(),
            ],
            "L001",
        ),
        (
            vec![
                "--cert".into(),
                CERT.into(),
                "--line".into(),
                "1".into(),
                "--kind".into(),
                "inbound".into(),
                "--qty".into(),
                "2".into(),
                "--doc-no".into(),
                "C".into(),
            ],
            "L002",
        ),
        (
            vec![
                "--cert".into(),
                CERT.into(),
                "--line".into(),
                "1".into(),
                "--kind".into(),
                "issue".into(),
                "--qty".into(),
                "2".into(),
            ],
            "L003",
        ),
        (
            vec![
                "--cert".into(),
                CERT.into(),
                "--line".into(),
                "1".into(),
                "--kind".into(),
                "return".into(),
                "--qty".into(),
                "2".into(),
            ],
            "L003",
        ),
        // Back-dated: on 2026-02-05 nothing was issued yet.
        (
            vec![
                "--cert".into(),
                CERT.into(),
                "--line".into(),
                "1".into(),
                "--kind".into(),
                "return".into(),
                "--qty".into(),
                "1".into(),
                "--date".into(),
                "2026-02-05".into(),
            ],
            "L003",
        ),
        (
            vec![
                "--cert".into(),
                CERT.into(),
                "--line".into(),
                "1".into(),
                "--kind".into(),
                "use".into(),
                "--qty".into(),
                "1".into(),
                "--evidence".into(),
                photo.display().to_string(),
            ],
            "L004",
        ),
        (
            vec![
                "--cert".into(),
                CERT.into(),
                "--line".into(),
                "1".into(),
                "--kind".into(),
                "reexport".into(),
                "--qty".into(),
                "1".into(),
                "--evidence".into(),
                photo.display().to_string(),
            ],
            "L005",
        ),
        (
            vec![
                "--cert".into(),
                CERT.into(),
                "--line".into(),
                "1".into(),
                "--kind".into(),
                "inbound".into(),
                "--qty".into(),
                "1".into(),
            ],
            "L005",
        ),
        (
            vec![
                "--cert".into(),
                CERT.into(),
                "--line".into(),
                "1".into(),
                "--kind".into(),
                "issue".into(),
                "--qty".into(),
                "1".into(),
                "--date".into(),
                "2026-01-01".into(),
            ],
            "L006",
        ),
        (
            vec![
                "--cert".into(),
                CERT.into(),
                "--line".into(),
                "1".into(),
                "--kind".into(),
                "issue".into(),
                "--qty".into(),
                "1".into(),
                "--date".into(),
                "2026-12-01".into(),
            ],
            "L006",
        ),
        (
            vec![
                "--cert".into(),
                CERT.into(),
                "--line".into(),
                "1".into(),
                "--kind".into(),
                "issue".into(),
                "--qty".into(),
                "1".into(),
                "--date".into(),
                "2026-02-11".into(),
                "--key".into(),
                "k1".into(),
            ],
            "L007",
        ),
    ];
    for (args, code) in &cases {
        ws.cmd()
            .args(["ledger", "add"])
            .args(args)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(*code));
        assert_eq!(ws.entries(), entries, "{code} wrote an entry");
        assert_eq!(ws.evidence_files(), files, "{code} left an evidence file");
    }
    // A scrap with its photo but more than there is: refused after staging; no file left.
    ws.cmd()
        .args([
            "ledger",
            "add",
            "--cert",
            CERT,
            "--line",
            "1",
            "--kind",
            "scrap",
            "--qty",
            "5",
            "--evidence",
        ])
        .arg(&photo)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("L003"));
    assert_eq!(ws.evidence_files(), files);
    let leftovers = std::fs::read_dir(ws.path().join(".ccc-exempt/evidence"))
        .unwrap()
        .count();
    // On PostgreSQL the evidence is in the database: nothing stays in the staging directory.
    let on_disk = if harness::on_pg() { 0 } else { files };
    assert_eq!(leftovers, on_disk, "temporary evidence copies left behind");
    // Bad input: exit 2.
    add(&ws, &["--line", "1", "--kind", "sell", "--qty", "1"]).code(2);
    add(&ws, &["--line", "1", "--kind", "issue", "--qty", "0"]).code(2);
    add(&ws, &["--line", "1", "--kind", "issue", "--qty", "-1"]).code(2);
    add(
        &ws,
        &[
            "--line",
            "1",
            "--kind",
            "issue",
            "--qty",
            "1000000000000000000000000000000",
        ],
    )
    .code(2);
    mv(&ws, "issue", "1", "01/02/2026", &[]).code(2);
    ws.cmd()
        .args([
            "ledger",
            "add",
            "--cert",
            CERT,
            "--line",
            "1",
            "--kind",
            "scrap",
            "--qty",
            "1",
            "--evidence",
            "missing.png",
        ])
        .assert()
        .code(2);
    assert_eq!(ws.entries(), entries);
    // The same key with the same content records nothing and says so.
    let v = ws.json(&[
        "ledger",
        "add",
        "--cert",
        CERT,
        "--line",
        "1",
        "--kind",
        "issue",
        "--qty",
        "1",
        "--date",
        "2026-02-10",
        "--key",
        "k1",
    ]);
    assert_eq!(v["outcome"], "already-recorded");
    assert_eq!(ws.entries(), entries);
    ws.verify_ok();
}

#[test]
fn condition_rules_come_from_the_rulebook() {
    // Condition 2 (repair): use needs written proof, photo or video and the end user's confirmation.
    let ws = Ws::with_cert("repair", &[4], "R1", "2026-01-05");
    let proof = ws.file("proof.pdf", PDF);
    let photo = ws.file("photo.png", PNG);
    let confirm = ws.file("confirm.pdf", b"%PDF-1.4\n%confirmation\n");
    let base = ["ledger", "add", "--cert", "R1", "--line", "1"];
    ws.cmd()
        .args(base)
        .args([
            "--kind",
            "inbound",
            "--qty",
            "4",
            "--doc-no",
            "INV-9",
            "--date",
            "2026-01-10",
        ])
        .assert()
        .success();
    ws.cmd()
        .args(base)
        .args(["--kind", "use", "--qty", "1", "--evidence"])
        .arg(&proof)
        .arg("--evidence")
        .arg(&photo)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("written-proof=FILE"));
    ws.cmd()
        .args(base)
        .args(["--kind", "use", "--qty", "1"])
        .arg("--evidence")
        .arg(format!("written-proof={}", proof.display()))
        .arg("--evidence")
        .arg(format!("photo-or-video={}", photo.display()))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("end-user-confirmation"));
    ws.cmd()
        .args(base)
        .args(["--kind", "use", "--qty", "1"])
        .arg("--evidence")
        .arg(format!("written-proof={}", proof.display()))
        .arg("--evidence")
        .arg(format!("photo-or-video={}", photo.display()))
        .arg("--evidence")
        .arg(&confirm)
        .assert()
        .success();
    ws.cmd()
        .args(base)
        .args(["--kind", "export", "--qty", "1", "--doc-no", "X"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("L004"));
    // Condition 3 (production line): use only.
    let ws = Ws::with_cert("production-line", &[2], "P1", "2026-01-05");
    ws.cmd()
        .args([
            "ledger", "add", "--cert", "P1", "--line", "1", "--kind", "reexport", "--qty", "1",
            "--doc-no", "X",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("L004"));
}

#[test]
fn reversal_cancels_an_entry_once() {
    let ws = research();
    mv(&ws, "inbound", "3", "2026-02-01", &["--doc-no", "C-1"]).success();
    mv(&ws, "issue", "2", "2026-02-02", &[]).success();
    // Not at a terminal: --yes is required.
    ws.cmd()
        .args(["ledger", "reverse", "3", "--reason", "录错数量"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yes"));
    // Reversing the inbound would leave the issue without stock.
    ws.cmd()
        .args(["ledger", "reverse", "2", "--reason", "x", "--yes"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("L003").and(predicate::str::contains("#3")));
    ws.cmd()
        .args(["ledger", "reverse", "3", "--reason", "录错数量", "--yes"])
        .assert()
        .success();
    assert_eq!(ws.balance(CERT, 1), (3, 3, 0, 0));
    ws.cmd()
        .args(["ledger", "reverse", "3", "--reason", "again", "--yes"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("L008"));
    ws.cmd()
        .args(["ledger", "reverse", "4", "--reason", "again", "--yes"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("L008"));
    ws.cmd()
        .args(["ledger", "reverse", "99", "--reason", "x", "--yes"])
        .assert()
        .code(2);
    // The database itself refuses edits and deletions.
    if let Some(pg) = &ws.pg {
        let mut c = pg.client();
        for sql in [
            "UPDATE ledger_entries SET qty = 9 WHERE seq = 2",
            "DELETE FROM ledger_entries WHERE seq = 4",
            "TRUNCATE ledger_entries CASCADE",
            "UPDATE certificate_lines SET certified = 99",
        ] {
            let e = c.batch_execute(sql).expect_err(sql);
            assert!(e.to_string().contains("db error"), "{sql}: {e}");
        }
    } else {
        let db = ws.db();
        assert!(
            db.execute("UPDATE ledger_entries SET qty = 9 WHERE seq = 2", [])
                .is_err()
        );
        assert!(
            db.execute("DELETE FROM ledger_entries WHERE seq = 4", [])
                .is_err()
        );
        assert!(
            db.execute("UPDATE certificate_lines SET certified = 99", [])
                .is_err()
        );
    }
    let list = ws.json(&["ledger", "list", "--kind", "reversal"]);
    assert_eq!(list["entries"][0]["reverses"], 3);
    ws.verify_ok();
}

#[test]
fn close_needs_everything_disposed() {
    let ws = research();
    mv(&ws, "inbound", "1", "2026-02-01", &["--doc-no", "C-1"]).success();
    ws.cmd()
        .args(["ledger", "close", "--cert", CERT])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--yes"));
    ws.cmd()
        .args(["ledger", "close", "--cert", CERT, "--yes"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("L010").and(predicate::str::contains("1 in stock")));
    let photo = ws.file("p.png", PNG);
    ws.cmd()
        .args([
            "ledger",
            "add",
            "--cert",
            CERT,
            "--line",
            "1",
            "--kind",
            "scrap",
            "--qty",
            "1",
            "--date",
            "2026-03-01",
            "--evidence",
        ])
        .arg(&photo)
        .assert()
        .success();
    ws.cmd()
        .args([
            "ledger",
            "close",
            "--cert",
            CERT,
            "--date",
            "2026-02-15",
            "--yes",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("L006"));
    let v = ws.json(&[
        "ledger",
        "close",
        "--cert",
        CERT,
        "--date",
        "2026-03-02",
        "--yes",
    ]);
    assert_eq!(v["closed"]["retain_until"], "2028-03-02");
    let st = ws.json(&["status"]);
    let d004 = st["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "D004")
        .expect("D004");
    assert_eq!(d004["due"], "2028-03-02");
    ws.verify_ok();
}

// ---------------------------------------------------------------------------------------------
// Listings and exports

#[test]
fn list_balance_export_and_formats() {
    let ws = research();
    mv(&ws, "inbound", "3", "2026-02-01", &["--doc-no", "C-1"]).success();
    add(
        &ws,
        &[
            "--line",
            "2",
            "--kind",
            "inbound",
            "--qty",
            "5",
            "--date",
            "2026-02-03",
            "--doc-no",
            "C-1",
        ],
    )
    .success();
    add(
        &ws,
        &[
            "--line",
            "2",
            "--kind",
            "issue",
            "--qty",
            "2",
            "--date",
            "2026-03-03",
            "--note",
            "送实验室",
        ],
    )
    .success();
    let all = ws.json(&["ledger", "list"]);
    assert_eq!(all["entries"].as_array().unwrap().len(), 4);
    let inb = ws.json(&["ledger", "list", "--kind", "inbound"]);
    assert_eq!(inb["entries"].as_array().unwrap().len(), 2);
    let l2 = ws.json(&[
        "ledger",
        "list",
        "--cert",
        CERT,
        "--line",
        "2",
        "--from",
        "2026-03-01",
    ]);
    assert_eq!(l2["entries"].as_array().unwrap().len(), 1);
    assert_eq!(l2["entries"][0]["note"], "送实验室");
    let to = ws.json(&["ledger", "list", "--to", "2026-02-01"]);
    assert_eq!(to["entries"].as_array().unwrap().len(), 2);
    let bal = ws.json(&["ledger", "balance"]);
    assert_eq!(bal["lines"][1]["in_stock"], 3);
    assert_eq!(bal["lines"][1]["issued"], 2);
    assert_eq!(bal["lines"][1]["open"], 5);
    assert_eq!(bal["lines"][1]["certified"], 5);
    // Human tables carry the Chinese names.
    ws.cmd()
        .args(["--lang", "zh", "ledger", "balance"])
        .assert()
        .success()
        .stdout(predicate::str::contains("电锤1").and(predicate::str::contains("未处置")));
    // CSV with a BOM, XLSX with a summary and one sheet per certificate, JSON.
    ws.cmd()
        .args(["ledger", "export", "-o", "t.csv"])
        .assert()
        .success();
    let csv = std::fs::read(ws.path().join("t.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(csv).unwrap();
    assert!(text.contains("入库") && text.contains("送实验室"));
    assert_eq!(text.lines().count(), 5);
    ws.cmd()
        .args(["ledger", "export", "-o", "t.xlsx"])
        .assert()
        .success();
    {
        use calamine::{Reader, Xlsx, open_workbook};
        let mut wb: Xlsx<_> = open_workbook(ws.path().join("t.xlsx")).unwrap();
        assert_eq!(wb.sheet_names(), ["汇总".to_string(), CERT.to_string()]);
        let sheet = wb.worksheet_range(CERT).unwrap();
        let cells: Vec<String> = sheet.rows().flatten().map(|c| c.to_string()).collect();
        assert!(cells.iter().any(|c| c == "CCC 免办进口产品管理台账"));
        assert!(cells.iter().any(|c| c == "领用"));
        let summary = wb.worksheet_range("汇总").unwrap();
        let cells: Vec<String> = summary.rows().flatten().map(|c| c.to_string()).collect();
        assert!(cells.iter().any(|c| c == "电锤1"));
    }
    ws.cmd()
        .args(["ledger", "export", "-o", "t.json"])
        .assert()
        .success();
    let j: serde_json::Value =
        serde_json::from_slice(&std::fs::read(ws.path().join("t.json")).unwrap()).unwrap();
    assert_eq!(
        j["book"]["certificates"][0]["rows"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    ws.cmd()
        .args(["ledger", "export", "-o", "t.txt"])
        .assert()
        .code(2);
    ws.cmd()
        .args(["ledger", "balance", "--cert", "NOPE"])
        .assert()
        .code(1);
}

// ---------------------------------------------------------------------------------------------
// Import

const HEADER: &str = "cert,line,kind,qty,date,doc_no,location,operator,note,evidence,key\n";

#[test]
fn import_all_or_nothing_and_idempotent() {
    let ws = research();
    ws.file("ev/photo.png", PNG);
    ws.file("ev/decl.pdf", PDF);
    let csv = format!(
        "{HEADER}{CERT},1,入库,3,2026-02-01,C-1,库房,张三,,,\n\
         {CERT},1,issue,2,2026-02-02,,,张三,,,\n\
         {CERT},1,销毁,1,2026-02-03,,,,破坏性试验,ev/photo.png,\n\
         {CERT},1,reexport,2,2026-02-04,EXP-1,,,,export-declaration=ev/decl.pdf,\n"
    );
    let f = ws.file("m.csv", csv.as_bytes());
    ws.cmd()
        .args(["ledger", "import", "--dry-run"])
        .arg(&f)
        .assert()
        .success()
        .stdout(predicate::str::contains("4 would be recorded"));
    assert_eq!(ws.entries(), 1);
    assert_eq!(ws.evidence_files(), 0);
    ws.cmd()
        .args(["ledger", "import"])
        .arg(&f)
        .assert()
        .success();
    assert_eq!(ws.entries(), 5);
    assert_eq!(ws.evidence_files(), 2);
    // The same file again: nothing twice.
    let v = ws.json(&["ledger", "import", f.to_str().unwrap()]);
    assert_eq!(v["report"]["recorded"], 0);
    assert_eq!(v["report"]["already_recorded"], 4);
    assert_eq!(ws.entries(), 5);
    assert_eq!(ws.balance(CERT, 1), (3, 0, 0, 3));
    ws.verify_ok();
}

#[test]
fn import_keys_make_reruns_safe_and_conflicts_visible() {
    let ws = research();
    let a = format!("{HEADER}{CERT},2,inbound,2,2026-02-01,C-1,,,,,ERP-1\n");
    let f = ws.file("a.csv", a.as_bytes());
    ws.cmd()
        .args(["ledger", "import"])
        .arg(&f)
        .assert()
        .success();
    // Another file repeating ERP-1 (same content) plus a new row.
    let b = format!(
        "{HEADER}{CERT},2,inbound,2,2026-02-01,C-1,,,,,ERP-1\n{CERT},2,inbound,1,2026-02-05,C-2,,,,,ERP-2\n"
    );
    let f = ws.file("b.csv", b.as_bytes());
    let v = ws.json(&["ledger", "import", f.to_str().unwrap()]);
    assert_eq!(
        (
            v["report"]["recorded"].as_i64(),
            v["report"]["already_recorded"].as_i64()
        ),
        (Some(1), Some(1))
    );
    // ERP-2 again with another quantity: L007, nothing written.
    let c = format!(
        "{HEADER}{CERT},2,inbound,2,2026-02-05,C-2,,,,,ERP-2\n{CERT},2,issue,1,2026-02-06,,,,,,ERP-3\n"
    );
    let f = ws.file("c.csv", c.as_bytes());
    ws.cmd()
        .args(["ledger", "import"])
        .arg(&f)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("L007").and(predicate::str::contains("c.csv:2")));
    let v = ws.json(&["ledger", "import", f.to_str().unwrap()]);
    let text = import_problems_text(v["report"]["problems"].as_array().unwrap());
    assert!(text.contains("c.csv:2: L007"), "{text}");
    assert_eq!(ws.entries(), 3);
}

/// The problems of an import's JSON report as `FILE:LINE: CODE [column]: message` lines.
fn import_problems_text(problems: &[serde_json::Value]) -> String {
    problems
        .iter()
        .map(|p| {
            let at = &p["location"];
            assert_eq!(at["kind"], "row", "{p}");
            let col = at["column"]
                .as_str()
                .map(|c| format!(" [{c}]"))
                .unwrap_or_default();
            format!(
                "{}:{}: {}{col}: {}\n",
                at["file"].as_str().unwrap(),
                at["line"],
                p["code"].as_str().unwrap(),
                p["message"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn bad_csv_gives_a_clear_report_and_writes_nothing() {
    let ws = research();
    let cases: Vec<(&str, Vec<u8>, i32, Vec<&str>)> = vec![
        ("empty.csv", b"".to_vec(), 2, vec!["empty"]),
        ("header-only.csv", HEADER.as_bytes().to_vec(), 2, vec!["no rows"]),
        ("missing.csv", b"cert,line,qty\nX,1,1\n".to_vec(), 2, vec!["kind is missing"]),
        ("unknown.csv", b"cert,line,kind,qty,colour\nX,1,issue,1,red\n".to_vec(), 2, vec!["unknown column \"colour\""]),
        (
            "types.csv",
            format!("{HEADER}{CERT},one,issue,1,,,,,,,\n{CERT},1,sell,1,,,,,,,\n{CERT},1,issue,1,2026-02-30,,,,,,\n{CERT},1,issue,1.5,,,,,,,\n").into_bytes(),
            2,
            vec![":2: I007 [line]", ":3: I007 [kind]", ":4: I007 [date]", ":5: I007 [qty]"],
        ),
        (
            "quantities.csv",
            format!("{HEADER}{CERT},1,inbound,0,,C,,,,,\n{CERT},1,inbound,-1,,C,,,,,\n{CERT},1,inbound,1000000000000000000000000000000,,C,,,,,\n").into_bytes(),
            2,
            vec![":2: I007 [qty]", ":3: I007 [qty]", ":4: I007 [qty]"],
        ),
        (
            "rules.csv",
            format!("{HEADER}NOPE,1,inbound,1,2026-02-01,C,,,,,\n{CERT},1,inbound,1,2026-02-01,C,,,,,\n{CERT},1,issue,5,2026-02-02,,,,,,\n{CERT},1,inbound,9,2026-02-03,C,,,,,\n").into_bytes(),
            1,
            vec![":2: L001", ":4: L003", ":5: L002"],
        ),
        (
            "gbk.csv",
            [HEADER.as_bytes(), CERT.as_bytes(), b",1,\xc8\xeb\xbf\xe2,1,2026-02-01,C,,,,,\n"].concat(),
            2,
            vec!["not UTF-8"],
        ),
        (
            "evidence.csv",
            format!("{HEADER}{CERT},1,inbound,1,2026-02-01,C,,,,nothere.pdf,\n").into_bytes(),
            2,
            vec![":2: I009 [evidence]"],
        ),
    ];
    for (name, bytes, code, needles) in cases {
        let f = ws.file(name, &bytes);
        let out = ws
            .cmd()
            .args(["ledger", "import"])
            .arg(&f)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{name}: {err}");
        assert!(
            err.contains("nothing was written") || code == 2,
            "{name}: {err}"
        );
        assert_eq!(ws.entries(), 1, "{name} wrote entries");
        assert_eq!(ws.evidence_files(), 0, "{name} left evidence");
        // The JSON report lists the problems, each at its line and column; the table on stderr
        // names their codes.
        let v = ws.json(&["ledger", "import", f.to_str().unwrap()]);
        let problems = v["report"]["problems"].as_array().unwrap();
        assert!(!problems.is_empty(), "{name}");
        let text = import_problems_text(problems);
        for n in needles {
            assert!(text.contains(n), "{name}: expected {n:?} in:\n{text}");
        }
        for p in problems {
            let c = p["code"].as_str().unwrap();
            assert!(err.contains(c), "{name}: {c} in:\n{err}");
        }
        assert_eq!(v["report"]["committed"], false);
    }
    let f = ws.file("absent-dir/none.csv", b"");
    std::fs::remove_file(&f).unwrap();
    ws.cmd().args(["ledger", "import"]).arg(&f).assert().code(2);
}

#[test]
fn the_example_import_file_imports() {
    let ws = Ws::new();
    let root = env!("CARGO_MANIFEST_DIR");
    ws.write_app("2026-research-01", &application("research", &[3]));
    ws.approve_at(
        "2026-12-01T10:00:00+08:00",
        "2026-research-01",
        "MB2026120001",
        "2026-12-01",
    )
    .success();
    ws.cmd_at("2027-02-15T17:00:00+08:00")
        .args(["ledger", "import"])
        .arg(format!("{root}/examples/ledger-import.csv"))
        .assert()
        .success();
    ws.cmd_at("2027-02-15T17:00:00+08:00")
        .args([
            "ledger",
            "close",
            "--cert",
            "MB2026120001",
            "--date",
            "2027-02-15",
            "--yes",
        ])
        .assert()
        .success();
    assert_eq!(ws.balance("MB2026120001", 1), (3, 0, 0, 3));
    assert_eq!(ws.evidence_files(), 2);
    ws.verify_ok();
}

// ---------------------------------------------------------------------------------------------
// Verify

fn small_ledger() -> Ws {
    let ws = research();
    let photo = ws.file("p.png", PNG);
    mv(&ws, "inbound", "3", "2026-02-01", &["--doc-no", "C-1"]).success();
    mv(&ws, "issue", "2", "2026-02-02", &[]).success();
    ws.cmd()
        .args([
            "ledger",
            "add",
            "--cert",
            CERT,
            "--line",
            "1",
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
    add(
        &ws,
        &[
            "--line",
            "2",
            "--kind",
            "inbound",
            "--qty",
            "5",
            "--date",
            "2026-02-04",
            "--doc-no",
            "C-1",
        ],
    )
    .success();
    ws
}

/// `ledger verify` fails (exit 1), and its breaks name everything in `needles` (in their
/// messages, as `#N` entry numbers, or as `line N`); the table on stderr names their codes.
fn verify_fails_naming(ws: &Ws, needles: &[&str]) {
    let out = ws.cmd().args(["ledger", "verify"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty());
    let v = ws.json(&["ledger", "verify"]);
    assert_eq!(v["ok"], false);
    let problems = v["report"]["problems"].as_array().unwrap();
    let mut text = String::new();
    for p in problems {
        let at = &p["location"];
        if let Some(seq) = at["seq"].as_i64() {
            text.push_str(&format!("#{seq} "));
        }
        if let Some(l) = at["line"].as_i64() {
            text.push_str(&format!("line {l} "));
        }
        text.push_str(&format!("{}: {}\n", p["code"], p["message"]));
        let code = p["code"].as_str().unwrap();
        assert!(code.starts_with("L1"), "{p}");
        assert!(err.contains(code), "{code} in:\n{err}");
    }
    for n in needles {
        assert!(text.contains(n), "expected {n:?} in:\n{text}");
    }
}

#[test]
fn verify_names_an_altered_row() {
    if harness::skip_on_pg(
        "tampers with the SQLite file (ledger_pg.rs alters a row past the trigger)",
    ) {
        return;
    }
    let ws = small_ledger();
    ws.verify_ok();
    let db = ws.db();
    db.execute_batch(
        "DROP TRIGGER ledger_entries_no_update; UPDATE ledger_entries SET qty = 2 WHERE seq = 4;",
    )
    .unwrap();
    drop(db);
    verify_fails_naming(&ws, &["#4", "altered"]);
}

#[test]
fn verify_names_a_deleted_row() {
    if harness::skip_on_pg("tampers with the SQLite file") {
        return;
    }
    let ws = small_ledger();
    let db = ws.db();
    db.execute_batch(
        "DROP TRIGGER ledger_entries_no_delete; DELETE FROM ledger_entries WHERE seq = 3;",
    )
    .unwrap();
    drop(db);
    verify_fails_naming(&ws, &["#3", "missing"]);
}

#[test]
fn verify_names_an_altered_evidence_file() {
    if harness::skip_on_pg(
        "alters an evidence file beside the SQLite file (ledger_pg.rs alters a blob)",
    ) {
        return;
    }
    let ws = small_ledger();
    let dir = ws.path().join(".ccc-exempt/evidence");
    let f = std::fs::read_dir(&dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::write(&f, b"not the photo").unwrap();
    verify_fails_naming(&ws, &["#4", "altered"]);
    std::fs::remove_file(&f).unwrap();
    verify_fails_naming(&ws, &["#4", "missing"]);
}

#[test]
fn verify_names_altered_certificates_and_balances() {
    if harness::skip_on_pg("tampers with the SQLite file") {
        return;
    }
    let ws = small_ledger();
    let db = ws.db();
    db.execute_batch(
        "DROP TRIGGER certificate_lines_no_update; UPDATE certificate_lines SET certified = 30 WHERE line = 1;
         UPDATE ledger_balances SET in_stock = 99 WHERE line = 2;",
    )
    .unwrap();
    drop(db);
    verify_fails_naming(&ws, &["#1", "certificate", "line 2", "balances table"]);
}

#[test]
fn an_emptied_or_deleted_database_is_never_an_intact_ledger() {
    if harness::skip_on_pg("deletes the SQLite file") {
        return;
    }
    for how in ["emptied", "deleted"] {
        let ws = small_ledger();
        let db = ws.db_path();
        for ext in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
        }
        if how == "emptied" {
            std::fs::write(&db, b"").unwrap();
        } else {
            std::fs::remove_file(&db).unwrap();
        }
        let before = std::fs::metadata(&db).ok().map(|m| m.len());
        for args in [
            vec!["ledger", "verify"],
            vec!["status"],
            vec!["ledger", "list"],
            vec![
                "ledger",
                "add",
                "--cert",
                CERT,
                "--line",
                "1",
                "--kind",
                "issue",
                "--qty",
                "1",
                "--date",
                "2026-02-10",
            ],
        ] {
            let out = ws.cmd().args(&args).output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(3), "{how}, {args:?}: {err}");
            let state = if how == "emptied" {
                "is empty"
            } else {
                "is missing"
            };
            assert!(err.contains(state), "{how}, {args:?}: {err}");
            assert!(err.contains("ccc-exempt backup"), "{args:?}: {err}");
            assert_eq!(
                std::fs::metadata(&db).ok().map(|m| m.len()),
                before,
                "{how}, {args:?}: the database was recreated"
            );
        }
    }
}

#[test]
fn commands_that_only_read_never_create_a_database() {
    // A workspace made by hand (a ccc-exempt.toml, as the example workspace is): no database yet.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("ccc-exempt.toml"),
        "[applicant]\nname = \"测试有限公司\"\n",
    )
    .unwrap();
    for args in [
        vec!["status"],
        vec!["ledger", "verify"],
        vec!["ledger", "list"],
        vec!["ledger", "balance"],
        vec!["app", "list"],
    ] {
        harness::bin()
            .arg("--workspace")
            .arg(dir.path())
            .args(&args)
            .assert()
            .success();
        assert!(
            !dir.path().join(".ccc-exempt").exists(),
            "{args:?} created the database"
        );
    }
}

#[test]
fn temporary_files_of_a_killed_command_are_removed_by_the_next_one() {
    if harness::skip_on_pg("looks at the evidence files beside the SQLite file") {
        return;
    }
    // What a SIGKILL during `ledger add --evidence` or `package` leaves: a temporary file whose
    // process is gone (a pid above the kernel's maximum cannot be running).
    let ws = research();
    let evidence = ws.path().join(".ccc-exempt/evidence");
    std::fs::create_dir_all(&evidence).unwrap();
    let stale = evidence.join(".ccc-exempt-tmp-4294967294-0");
    std::fs::write(&stale, vec![0u8; 300]).unwrap();
    let in_root = ws.path().join(".ccc-exempt-tmp-4294967294-1");
    std::fs::write(&in_root, b"half a zip").unwrap();
    let photo = ws.file("p.png", PNG);
    mv(&ws, "inbound", "3", "2026-02-01", &["--doc-no", "C-1"]).success();
    ws.cmd()
        .args([
            "ledger",
            "add",
            "--cert",
            CERT,
            "--line",
            "1",
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
    if std::path::Path::new("/proc/self").exists() {
        assert!(!stale.exists(), "the evidence store was swept");
        // `status` sweeps the workspace's own directories and names what it cannot remove.
        let s = ws.json(&["status"]);
        assert!(!in_root.exists(), "status swept the workspace root");
        assert!(
            !s["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["code"] == "W001"),
            "{s}"
        );
    }
}

#[test]
fn verify_names_a_dropped_append_only_trigger() {
    if harness::skip_on_pg("drops a SQLite trigger (ledger_pg.rs drops the PostgreSQL one)") {
        return;
    }
    let ws = small_ledger();
    ws.verify_ok();
    let db = ws.db();
    db.execute_batch("DROP TRIGGER ledger_entries_no_update;")
        .unwrap();
    drop(db);
    verify_fails_naming(&ws, &["ledger_entries_no_update", "missing"]);
}

#[test]
fn a_tampered_balance_cache_never_decides_a_movement() {
    if harness::skip_on_pg("tampers with the SQLite file") {
        return;
    }
    // Line 1: 3 received, 2 issued, 1 scrapped: 0 in stock, 2 issued. Raise the cache's stock by
    // 500 behind the tool's back: an issue of 300 must not be recorded on that say-so.
    let ws = small_ledger();
    let before = ws.entries();
    let db = ws.db();
    db.execute_batch("UPDATE ledger_balances SET in_stock = in_stock + 500 WHERE line = 1;")
        .unwrap();
    drop(db);
    let out = ws
        .cmd()
        .args([
            "ledger",
            "add",
            "--cert",
            CERT,
            "--line",
            "1",
            "--kind",
            "issue",
            "--qty",
            "300",
            "--date",
            "2026-02-10",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains("disagrees with the ledger entries") && err.contains("ledger verify"),
        "{err}"
    );
    assert_eq!(ws.entries(), before, "nothing recorded");
    verify_fails_naming(&ws, &["line 1", "balances table"]);
}

/// `ledger add` on line 1 of `CERT` (`args` after the line), expecting exit 3 with `needle` in
/// its message and nothing recorded.
fn add_stops_the_command(ws: &Ws, args: &[&str], needle: &str) {
    let before = ws.entries();
    let mut all = vec!["--line", "1"];
    all.extend_from_slice(args);
    let out = ws
        .cmd()
        .args(["ledger", "add", "--cert", CERT])
        .args(&all)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains(needle) && err.contains("ledger verify"),
        "{err}"
    );
    assert_eq!(ws.entries(), before, "nothing recorded");
}

/// The (line, seal_seq, digest) of each balance row of `CERT`.
fn seals(ws: &Ws) -> Vec<(i64, Option<i64>, Option<Vec<u8>>)> {
    let db = ws.db();
    let mut st = db
        .prepare(
            "SELECT line, seal_seq, digest FROM ledger_balances WHERE cert_no = ?1 ORDER BY line",
        )
        .unwrap();
    st.query_map([CERT], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<Vec<_>>>()
        .unwrap()
}

#[test]
fn a_deleted_balance_row_never_reads_as_an_empty_balance() {
    if harness::skip_on_pg("tampers with the SQLite file") {
        return;
    }
    // Line 1 is certified 3 and has received 3. Without its cache row, an empty balance would let
    // another inbound of 3 pass L002: the command stops instead, by `ledger add` and by import.
    let ws = small_ledger();
    let db = ws.db();
    db.execute_batch("DELETE FROM ledger_balances WHERE line = 1;")
        .unwrap();
    drop(db);
    add_stops_the_command(
        &ws,
        &[
            "--kind",
            "inbound",
            "--qty",
            "3",
            "--date",
            "2026-02-10",
            "--doc-no",
            "C-2",
        ],
        "the stored balance is missing",
    );
    let f = ws.file(
        "over.csv",
        format!("{HEADER}{CERT},1,inbound,3,2026-02-10,C-2,,,,,k-over\n").as_bytes(),
    );
    for dry in [false, true] {
        let mut cmd = ws.cmd();
        cmd.args(["ledger", "import"]).arg(&f);
        if dry {
            cmd.arg("--dry-run");
        }
        let out = cmd.output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{err}");
        assert!(err.contains("the stored balance is missing"), "{err}");
    }
    assert_eq!(ws.entries(), 5);
    verify_fails_naming(&ws, &["line 1", "missing", "balances table"]);

    // A line that really has no entries reads as empty without its row, which comes back.
    let ws = research();
    let db = ws.db();
    db.execute_batch("DELETE FROM ledger_balances WHERE line = 2;")
        .unwrap();
    drop(db);
    verify_fails_naming(&ws, &["line 2", "missing"]);
    add(
        &ws,
        &[
            "--line",
            "2",
            "--kind",
            "inbound",
            "--qty",
            "5",
            "--date",
            "2026-02-04",
            "--doc-no",
            "C-1",
        ],
    )
    .success();
    assert_eq!(ws.balance(CERT, 2), (5, 5, 0, 0));
    ws.verify_ok();
}

#[test]
fn a_cache_that_moves_units_between_pools_is_refused() {
    if harness::skip_on_pg("tampers with the SQLite file") {
        return;
    }
    // Line 1 holds 1 in stock and 1 issued (the scrap took an issued unit). Moving the issued
    // unit to stock keeps every total (received, open, disposed) and every sanity check of the
    // row, but an issue of 2 must not pass on it.
    let ws = small_ledger();
    assert_eq!(ws.balance(CERT, 1), (3, 1, 1, 1));
    let db = ws.db();
    db.execute_batch("UPDATE ledger_balances SET in_stock = 2, issued = 0 WHERE line = 1;")
        .unwrap();
    drop(db);
    add_stops_the_command(
        &ws,
        &["--kind", "issue", "--qty", "2", "--date", "2026-02-10"],
        "disagrees with the ledger entries",
    );
    verify_fails_naming(&ws, &["line 1", "differs", "balances table"]);
}

#[test]
fn an_earlier_cache_row_copied_back_is_refused() {
    if harness::skip_on_pg("tampers with the SQLite file") {
        return;
    }
    // The row as it was after the inbound of 3 (with the seal it had then), put back after the
    // issue of 2: its digest is still right for the entry it names, but that is no longer the
    // line's last entry.
    let ws = research();
    mv(&ws, "inbound", "3", "2026-02-01", &["--doc-no", "C-1"]).success();
    let db = ws.db();
    db.execute_batch("CREATE TEMP TABLE saved AS SELECT * FROM ledger_balances WHERE line = 1;")
        .unwrap();
    mv(&ws, "issue", "2", "2026-02-02", &[]).success();
    db.execute_batch(
        "DELETE FROM ledger_balances WHERE line = 1;
         INSERT INTO ledger_balances SELECT * FROM saved;",
    )
    .unwrap();
    drop(db);
    add_stops_the_command(
        &ws,
        &["--kind", "issue", "--qty", "3", "--date", "2026-02-10"],
        "disagrees with the ledger entries",
    );
    verify_fails_naming(&ws, &["line 1", "balances table"]);
}

/// Every balance row of `CERT` is sealed to the ledger's last entry.
fn all_sealed_to_the_head(ws: &Ws) {
    let head = ws.entries();
    let rows = seals(ws);
    assert!(
        rows.iter()
            .all(|(_, s, d)| *s == Some(head) && d.as_ref().is_some_and(|d| d.len() == 32)),
        "head #{head}: {rows:?}"
    );
}

#[test]
fn an_unsealed_row_with_the_right_values_is_used_and_sealed_again() {
    if harness::skip_on_pg("tampers with the SQLite file") {
        return;
    }
    // A database whose rows have no seal yet (as after the upgrade from an older version): the
    // values agree with the entries, so a movement is recorded, and the session seals every row
    // of the certificate it loaded, the untouched line 1 too.
    let ws = small_ledger();
    all_sealed_to_the_head(&ws);
    let db = ws.db();
    db.execute_batch("UPDATE ledger_balances SET seal_seq = NULL, digest = NULL;")
        .unwrap();
    drop(db);
    ws.verify_ok();
    add(
        &ws,
        &[
            "--line",
            "2",
            "--kind",
            "issue",
            "--qty",
            "1",
            "--date",
            "2026-02-10",
        ],
    )
    .success();
    all_sealed_to_the_head(&ws);
    assert_eq!(ws.balance(CERT, 1), (3, 1, 1, 1));
    assert_eq!(ws.balance(CERT, 2), (5, 4, 1, 0));
    ws.verify_ok();
    // A seal that is there must hold: a wrong digest (or seal entry) with the right values is
    // named by verify, and the next session recomputes the line and seals it again.
    for tamper in [
        "UPDATE ledger_balances SET digest = zeroblob(32) WHERE line = 1;",
        "UPDATE ledger_balances SET seal_seq = seal_seq - 1 WHERE line = 1;",
        "UPDATE ledger_balances SET seal_seq = 999 WHERE line = 1;",
    ] {
        ws.db().execute_batch(tamper).unwrap();
        verify_fails_naming(&ws, &["line 1", "digest", "balances table"]);
        add(
            &ws,
            &[
                "--line",
                "2",
                "--kind",
                "issue",
                "--qty",
                "1",
                "--date",
                "2026-02-11",
            ],
        )
        .success();
        all_sealed_to_the_head(&ws);
        ws.verify_ok();
    }
}

#[test]
fn a_cache_row_forged_with_its_digest_is_named_by_verify() {
    if harness::skip_on_pg("forges a cache row in the SQLite file") {
        return;
    }
    // The digest is not keyed: someone who computes it as docs/ledger.md says can write a false
    // row that the session trusts, as they could rewrite the chain. What names the forgery is
    // `ledger verify`, which recomputes every line from the entries: the row (L112) and the
    // movement it let through (L111).
    let ws = small_ledger();
    let db = ws.db();
    let (seal_seq, hash, mut forged): (i64, Vec<u8>, ccc_exempt::ledger::StoredBalance) = db
        .query_row(
            "SELECT b.seal_seq, e.hash, b.received, b.in_stock, b.issued, b.used, b.reexported,
                    b.scrapped, b.exported, b.last_date, b.entries
             FROM ledger_balances b JOIN ledger_entries e ON e.seq = b.seal_seq WHERE b.line = 1",
            [],
            |r| {
                let date: String = r.get(9)?;
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    ccc_exempt::ledger::StoredBalance {
                        cert_no: CERT.into(),
                        line: 1,
                        balance: ccc_exempt::ledger::Balance {
                            received: r.get(2)?,
                            in_stock: r.get(3)?,
                            issued: r.get(4)?,
                            used: r.get(5)?,
                            reexported: r.get(6)?,
                            scrapped: r.get(7)?,
                            exported: r.get(8)?,
                        },
                        last_date: Some(date.parse().unwrap()),
                        entries: r.get(10)?,
                    },
                ))
            },
        )
        .unwrap();
    forged.balance.in_stock += 500;
    let digest =
        ccc_exempt::ledger::chain::balance_digest(seal_seq, &hash.try_into().unwrap(), &forged);
    db.execute(
        "UPDATE ledger_balances SET in_stock = in_stock + 500, digest = ?1 WHERE line = 1",
        [&digest[..]],
    )
    .unwrap();
    drop(db);
    mv(&ws, "issue", "300", "2026-02-10", &[]).success();
    let issued = ws.entries();
    verify_fails_naming(
        &ws,
        &[
            &format!("#{issued}"),
            "negative",
            "line 1",
            "balances table",
        ],
    );
}

#[test]
fn a_version_4_database_is_upgraded_and_its_rows_sealed() {
    if harness::skip_on_pg("builds a SQLite file of schema 4") {
        return;
    }
    // The database as the previous version left it: no seal columns.
    let ws = small_ledger();
    let db = ws.db();
    db.execute_batch(
        "DROP INDEX ledger_revisions;
         ALTER TABLE ledger_balances DROP COLUMN digest;
         ALTER TABLE ledger_balances DROP COLUMN seal_seq;
         DROP TABLE content_cache;
         DROP TABLE file_digests;
         PRAGMA user_version = 4;",
    )
    .unwrap();
    drop(db);
    // A command that writes upgrades it; the rows are unsealed until a session loads them.
    add(
        &ws,
        &[
            "--line",
            "2",
            "--kind",
            "issue",
            "--qty",
            "1",
            "--date",
            "2026-02-10",
        ],
    )
    .success();
    let v: i64 = ws
        .db()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, ccc_exempt::store::schema_version());
    all_sealed_to_the_head(&ws);
    assert_eq!(ws.balance(CERT, 2), (5, 4, 1, 0));
    ws.verify_ok();
}

#[test]
fn verify_names_a_row_that_breaks_the_balance_even_with_a_valid_hash() {
    if harness::skip_on_pg("tampers with the SQLite file") {
        return;
    }
    // A row appended behind the tool's back with a correct chain hash but an impossible quantity.
    let ws = small_ledger();
    let db = ws.db();
    let (seq, prev): (i64, Vec<u8>) = db
        .query_row(
            "SELECT seq, hash FROM ledger_entries ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let e = ccc_exempt::ledger::Entry {
        seq: seq + 1,
        cert_no: CERT.into(),
        line: 1,
        kind: ccc_exempt::ledger::Kind::Issue,
        qty: 50,
        date: "2026-02-10".parse().unwrap(),
        recorded_at: NOW.into(),
        doc_no: None,
        location: None,
        operator: None,
        note: None,
        idem_key: None,
        reverses: None,
        evidence: vec![],
        hash: [0; 32],
    };
    let mut buf = Vec::new();
    ccc_exempt::ledger::chain::canonical_entry(&mut buf, &e, &[]);
    let prev: [u8; 32] = prev.try_into().unwrap();
    let hash = ccc_exempt::ledger::chain::chain_hash(&prev, &buf);
    db.execute(
        "INSERT INTO ledger_entries(seq, cert_no, line, kind, qty, date, recorded_at, hash) VALUES (?1, ?2, 1, 'issue', 50, '2026-02-10', ?3, ?4)",
        rusqlite::params![seq + 1, CERT, NOW, &hash[..]],
    )
    .unwrap();
    drop(db);
    verify_fails_naming(&ws, &[&format!("#{}", seq + 1), "negative"]);
}

#[test]
fn checkpoint_proves_the_ledger_extends_it() {
    if harness::skip_on_pg("rolls the SQLite file back to a backup") {
        return;
    }
    let ws = small_ledger();
    let cp = ws.cmd().args(["ledger", "checkpoint"]).output().unwrap();
    let text = String::from_utf8(cp.stdout).unwrap();
    assert!(text.starts_with("ccc-exempt ledger checkpoint v1\nworkspace: "));
    assert!(text.contains("entries: 5\n"));
    let f = ws.file("cp.txt", text.as_bytes());
    // A backup taken now, to roll back to later.
    ws.cmd().args(["backup", "old.db"]).assert().success();
    add(
        &ws,
        &[
            "--line",
            "2",
            "--kind",
            "issue",
            "--qty",
            "1",
            "--date",
            "2026-03-01",
        ],
    )
    .success();
    ws.cmd()
        .args(["ledger", "verify", "--against"])
        .arg(&f)
        .assert()
        .success()
        .stderr(predicate::str::contains("extends the checkpoint"));
    // The JSON form is accepted too.
    let j = ws.json(&["ledger", "checkpoint"]);
    let jf = ws.file("cp.json", j.to_string().as_bytes());
    // Roll the ledger back to the backup and take a new checkpoint: the new one is not extended
    // by the old ledger.
    std::fs::copy(ws.path().join("old.db"), ws.db_path()).unwrap();
    let _ = std::fs::remove_file(ws.path().join(".ccc-exempt/workspace.db-wal"));
    let _ = std::fs::remove_file(ws.path().join(".ccc-exempt/workspace.db-shm"));
    ws.verify_ok();
    let out = ws
        .cmd()
        .args(["ledger", "verify", "--against"])
        .arg(&jf)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("entries were removed"));
    // A rewritten history with the same length: the head differs.
    let mut v = j.clone();
    v["entries"] = 5.into();
    v["head"] = "00".repeat(32).into();
    let f2 = ws.file("cp2.json", v.to_string().as_bytes());
    let out = ws
        .cmd()
        .args(["ledger", "verify", "--against"])
        .arg(&f2)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("rewritten"));
    ws.cmd()
        .args(["ledger", "verify", "--against", "nope.txt"])
        .assert()
        .code(2);
    let bad = ws.file("bad.txt", b"hello");
    ws.cmd()
        .args(["ledger", "verify", "--against"])
        .arg(&bad)
        .assert()
        .code(2);
}

// ---------------------------------------------------------------------------------------------
// Status and backup

fn finding<'a>(st: &'a serde_json::Value, code: &str) -> Option<&'a serde_json::Value> {
    st["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == code)
}

#[test]
fn status_shows_every_deadline() {
    let ws = Ws::new();
    ws.write_app("r", &application("research", &[3]));
    ws.write_app("e", &application("exhibition", &[2]));
    ws.write_app("x", &application("export-assembly", &[4]));
    ws.write_app("d", &application("repair", &[1]));
    let at = |now: &str| ws.cmd_at(now);
    ws.approve_at("2026-05-01T09:00:00+08:00", "r", "C-R", "2025-05-20")
        .success();
    ws.approve_at("2026-05-01T09:00:00+08:00", "e", "C-E", "2026-02-20")
        .success();
    ws.approve_at("2026-05-01T09:00:00+08:00", "x", "C-X", "2026-03-01")
        .success();
    at("2026-05-01T09:00:00+08:00")
        .args([
            "ledger",
            "add",
            "--cert",
            "C-E",
            "--line",
            "1",
            "--kind",
            "inbound",
            "--qty",
            "2",
            "--doc-no",
            "B/L-1",
            "--date",
            "2026-02-25",
        ])
        .assert()
        .success();
    let st = |now: &str| -> serde_json::Value {
        let out = at(now)
            .args(["--format", "json", "status"])
            .output()
            .unwrap();
        assert!(out.status.success());
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // 2026-05-01: C-R issued 11+ months ago (warning), C-E's exhibition ended 03-05 (D003),
    // C-X's committed export date 06-01 is ahead (next deadline, no finding).
    let s = st("2026-05-01T09:00:00+08:00");
    assert_eq!(finding(&s, "D001").unwrap()["due"], "2026-05-20");
    assert_eq!(finding(&s, "D003").unwrap()["location"]["cert_no"], "C-E");
    assert!(finding(&s, "D002").is_none());
    let x = s["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["cert_no"] == "C-X")
        .unwrap();
    assert_eq!(x["next_deadline"]["code"], "D002");
    assert_eq!(x["next_deadline"]["date"], "2026-06-15");
    let apps: Vec<&str> = s["applications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(apps, ["d", "e", "r", "x"]);
    // 2026-06-20: D001 overdue, D002 overdue.
    let s = st("2026-06-20T09:00:00+08:00");
    assert!(
        finding(&s, "D001").unwrap()["message"]
            .as_str()
            .unwrap()
            .contains("on-site")
    );
    assert_eq!(finding(&s, "D002").unwrap()["due"], "2026-06-15");
    assert!(finding(&s, "K002").is_none());
    // Human output in Chinese.
    at("2026-06-20T09:00:00+08:00")
        .args(["--lang", "zh", "status"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("D003")
                .and(predicate::str::contains("展示已于 2026-03-05 结束")),
        );
}

#[test]
fn status_flags_many_batches_k002() {
    let ws = Ws::new();
    for i in 0..5 {
        let id = format!("b{i}");
        ws.write_app(&id, &application("research", &[120]));
        ws.approve_at(NOW, &id, &format!("K-{i}"), &format!("2026-0{}-01", i + 1))
            .success();
    }
    let s = ws.json(&["status"]);
    assert!(
        finding(&s, "K002").unwrap()["message"]
            .as_str()
            .unwrap()
            .contains("5 batches with 600 units")
    );
    // `check` computes K002 in the same place: re-checking a certified application does not
    // count it twice (5 batches, 600 units); a sixth, uncertified one adds itself.
    let c = ws.json(&["check", "b0"]);
    let codes = |c: &serde_json::Value| -> Vec<String> {
        c["applications"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(codes(&c).contains(&"K002".to_string()), "{c}");
    let msg = c["applications"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "K002")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.contains("5 batches with 600 units"), "{msg}");
    ws.write_app("b5", &application("research", &[7]));
    let c = ws.json(&["check", "b5"]);
    let msg = c["applications"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "K002")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.contains("6 batches with 607 units"), "{msg}");
}

#[test]
fn backup_is_consistent_and_verified() {
    if harness::skip_on_pg(
        "backup copies the SQLite file (PostgreSQL: pg_dump, tested in ledger_pg.rs)",
    ) {
        return;
    }
    let ws = small_ledger();
    let v = ws.json(&["backup", "copy.db"]);
    assert_eq!(v["report"]["integrity"], "ok");
    assert_eq!(v["report"]["entries"], 5);
    ws.cmd().args(["backup", "copy.db"]).assert().code(2);
    ws.cmd()
        .args(["backup", "copy.db", "--force"])
        .assert()
        .success();
    ws.cmd().args(["backup", "."]).assert().code(2);
    // The copy is a self-contained database with the same ledger.
    let c = rusqlite::Connection::open(ws.path().join("copy.db")).unwrap();
    let n: i64 = c
        .query_row("SELECT COUNT(*) FROM ledger_entries", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 5);
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
    assert!(!ws.path().join("copy.db-wal").exists());
    let leftovers: Vec<_> = std::fs::read_dir(ws.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".ccc-exempt-tmp")
        })
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn import_checks_back_dated_rows_and_repeated_keys_within_the_file() {
    let ws = research();
    // Before the import: 3 in stock on line 1 (with a key, so the database has keys).
    mv(
        &ws,
        "inbound",
        "3",
        "2026-02-01",
        &["--doc-no", "C-1", "--key", "pre-1"],
    )
    .success();
    // Row 3 is back-dated before row 2's issue and still fits; row 4 repeats row 2's key with the
    // same content (nothing twice); row 5 repeats it with another quantity (L007).
    let ok = format!(
        "{HEADER}{CERT},1,issue,2,2026-03-01,,,,,,k-2\n\
         {CERT},1,return,1,2026-03-02,,,,,,k-3\n\
         {CERT},1,issue,1,2026-02-15,,,,,,k-4\n\
         {CERT},1,issue,2,2026-03-01,,,,,,k-2\n\
         {CERT},1,inbound,3,2026-02-01,C-1,,,,,pre-1\n"
    );
    let f = ws.file("ok.csv", ok.as_bytes());
    let v = ws.json(&["ledger", "import", f.to_str().unwrap()]);
    assert_eq!(v["report"]["committed"], true, "{v}");
    assert_eq!(v["report"]["recorded"], 3);
    assert_eq!(v["report"]["already_recorded"], 2);
    // In stock 3 → issue 1 (02-15) → issue 2 (03-01) → return 1 (03-02): 1 in stock, 2 issued.
    assert_eq!(ws.balance(CERT, 1), (3, 1, 2, 0));
    let bad = format!(
        "{HEADER}{CERT},1,issue,1,2026-03-03,,,,,,k-5\n\
         {CERT},1,return,3,2026-02-20,,,,,,k-6\n\
         {CERT},1,issue,1,2026-03-04,,,,,,k-5b\n\
         {CERT},1,issue,9,2026-03-05,,,,,,k-5\n"
    );
    let f = ws.file("bad.csv", bad.as_bytes());
    let out = ws
        .cmd()
        .args(["ledger", "import"])
        .arg(&f)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let v = ws.json(&["ledger", "import", f.to_str().unwrap()]);
    let text = import_problems_text(v["report"]["problems"].as_array().unwrap());
    // Row 3 is a back-dated return of 3 when only 1 was issued on 2026-02-20.
    assert!(text.contains("bad.csv:3: L003"), "{text}");
    // Row 5 reuses row 2's key with other content.
    assert!(text.contains("bad.csv:5: L007"), "{text}");
    assert!(err.contains("L003") && err.contains("L007"), "{err}");
    assert_eq!(ws.entries(), 5);
    ws.verify_ok();
}

/// A mixed import file: `n` rows on lines 1 and 2 of `CERT`, dates spread over February to
/// October in no order (most rows back-dated against a later one), every kind the research
/// condition allows, quantities of 1 to 5 (a deterministic generator, so the same file every
/// run).
fn mixed_rows(n: usize, photo: &str) -> String {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |m: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % m
    };
    let mut s = String::from(HEADER);
    for i in 0..n {
        let line = 1 + next(2);
        let day = 1 + next(28);
        let month = 2 + next(9);
        let qty = 1 + next(5);
        let (kind, doc, ev) = match next(20) {
            0..=6 => ("inbound", "C-1", ""),
            7..=12 => ("issue", "", ""),
            13..=15 => ("return", "", ""),
            _ => ("scrap", "", photo),
        };
        s.push_str(&format!(
            "{CERT},{line},{kind},{qty},2026-{month:02}-{day:02},{doc},,,,{ev},k-{i}\n"
        ));
    }
    s
}

/// Back-dated rows are judged one at a time in file order, each against the entries and the rows
/// accepted before it: the same refusals, at the same rows, with the same entries named, as a
/// replay of the whole timeline for every row gives (the snapshot was taken with that replay).
#[test]
fn back_dated_import_rows_keep_their_refusals() {
    let ws = Ws::with_cert("research", &[160, 120], CERT, "2026-01-15");
    ws.file("p.png", PNG);
    mv(&ws, "inbound", "6", "2026-06-01", &["--doc-no", "C-0"]).success();
    mv(&ws, "issue", "4", "2026-07-01", &[]).success();
    mv(&ws, "return", "1", "2026-09-15", &[]).success();
    let f = ws.file("mixed.csv", mixed_rows(600, "p.png").as_bytes());
    let v = ws.json(&["ledger", "import", "--dry-run", f.to_str().unwrap()]);
    assert_eq!(v["report"]["rows"], 600, "{v}");
    let dir = format!("{}/", ws.path().display());
    let text = import_problems_text(v["report"]["problems"].as_array().unwrap()).replace(&dir, "");
    assert!(
        text.contains(": L002:") && text.contains(": L003:"),
        "{text}"
    );
    assert!(text.contains("would leave the later entry #"), "{text}");
    insta::assert_snapshot!(text);

    // A file that fits, in reverse date order: every row but the first is back-dated.
    let mut fits = String::from(HEADER);
    for i in 0..120 {
        let (kind, day, month, doc) = if i < 100 {
            ("inbound", 28 - i % 28, 10 - i / 28, "C-2")
        } else {
            ("issue", 28 - (i - 100), 9, "")
        };
        fits.push_str(&format!(
            "{CERT},2,{kind},1,2026-{month:02}-{day:02},{doc},,,,,f-{i}\n"
        ));
    }
    let f = ws.file("fits.csv", fits.as_bytes());
    let v = ws.json(&["ledger", "import", f.to_str().unwrap()]);
    assert_eq!(v["report"]["problems"], serde_json::json!([]), "{v}");
    assert_eq!(v["report"]["recorded"], 120);
    let bal = ws.json(&["ledger", "balance", "--cert", CERT]);
    insta::assert_snapshot!("back_dated_fits_balance", bal["lines"].to_string());
    ws.verify_ok();
}

/// Corrections on either store (the suite runs on SQLite and on PostgreSQL): a void while no
/// movement exists frees the application to be approved again; an amendment's number is
/// accepted by `ledger add`, a quantity below what has moved is refused, and the chain verifies.
#[test]
fn amend_and_void_on_either_store() {
    let ws = research();
    ws.cmd()
        .args(["app", "void", "app1", "--reason", "证明号录错"])
        .assert()
        .success();
    add(&ws, &["--line", "1", "--kind", "inbound", "--qty", "1"])
        .code(1)
        .stderr(predicate::str::contains("L001"));
    ws.approve_at(NOW, "app1", CERT, "2026-01-15").success();
    ws.verify_ok();
    mv(&ws, "inbound", "2", "2026-02-01", &["--doc-no", "HT-1"]).success();
    ws.cmd()
        .args(["app", "void", "app1", "--reason", "太晚了"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("S005"));
    ws.cmd()
        .args(["app", "amend", "app1", "--cert-no", "MB2026001-A"])
        .args(["--reason", "申请修改(已发)证明"])
        .assert()
        .success();
    ws.cmd()
        .args(["ledger", "add", "--cert", "MB2026001-A", "--line", "1"])
        .args([
            "--kind",
            "inbound",
            "--qty",
            "1",
            "--date",
            "2026-02-02",
            "--doc-no",
            "HT-2",
        ])
        .assert()
        .success();
    let before = ws.entries();
    ws.cmd()
        .args(["app", "amend", "app1", "--quantity", "1=2"])
        .args(["--reason", "数量更正"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("L002"));
    assert_eq!(ws.entries(), before, "a refused amendment writes nothing");
    ws.verify_ok();
}

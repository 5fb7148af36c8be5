//! Reliability of the ledger under concurrent writers and crashes: two processes adding 200
//! movements each at the same time leave 400 rows and a valid chain; a process killed with
//! SIGKILL in the middle of a large import leaves all of that import or none of it, and verify
//! passes.

#[path = "ledger_harness.rs"]
mod harness;

use std::process::Stdio;
use std::time::{Duration, Instant};

use harness::{NOW, Ws};

const CERT: &str = "REL-1";

#[test]
fn two_processes_adding_200_movements_each() {
    let ws = Ws::with_cert("research", &[1000, 1000], CERT, "2026-01-05");
    let exe = assert_cmd::cargo::cargo_bin("ccc-exempt");
    let script = |line: u32| {
        // 200 inbound movements of 1 unit, each its own process and transaction.
        format!(
            "for i in $(seq 1 200); do \"{}\" --workspace \"{}\" ledger add --cert {CERT} --line {line} --kind inbound --qty 1 --doc-no INV-$i --key w{line}-$i >/dev/null || exit 1; done",
            exe.display(),
            ws.path().display()
        )
    };
    let spawn = |line: u32| {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(script(line))
            .env("CCC_EXEMPT_NOW", NOW)
            .env("LANG", "C")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    let a = spawn(1);
    let b = spawn(2);
    for c in [a, b] {
        let out = c.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // 400 movements plus the certificate's own entry, numbered 1..=401 without gaps.
    assert_eq!(ws.count_and_max(), (401, 401));
    assert_eq!(ws.balance(CERT, 1).0, 200);
    assert_eq!(ws.balance(CERT, 2).0, 200);
    ws.verify_ok();
}

/// Rows of inbound 1 on both lines, one per line of the file.
fn big_csv(rows: usize, tag: &str) -> String {
    let mut s = String::from("cert,line,kind,qty,date,doc_no,key\n");
    for i in 0..rows {
        s.push_str(&format!(
            "{CERT},{},inbound,1,2026-02-01,INV-{i},{tag}-{i}\n",
            i % 2 + 1
        ));
    }
    s
}

#[test]
fn sigkill_during_a_large_import_leaves_all_or_nothing() {
    const ROWS: usize = 8_000;
    let ws = Ws::with_cert("research", &[1_000_000, 1_000_000], CERT, "2026-01-05");
    // How long a whole import takes here, to kill the next ones part-way.
    let first = ws.file("first.csv", big_csv(ROWS, "first").as_bytes());
    let t0 = Instant::now();
    ws.cmd()
        .args(["ledger", "import"])
        .arg(&first)
        .assert()
        .success();
    let full = t0.elapsed();
    let mut expected = ws.entries();
    assert_eq!(expected, ROWS as i64 + 1);
    let mut killed = 0;
    for round in 0..4u32 {
        let f = ws.file(
            &format!("round{round}.csv"),
            big_csv(ROWS, &format!("r{round}")).as_bytes(),
        );
        let mut child = ws
            .process()
            .args(["ledger", "import"])
            .arg(&f)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        // Somewhere between 10% and 90% of a full import.
        let frac = 0.15 + 0.2 * f64::from(round);
        std::thread::sleep(full.mul_f64(frac).max(Duration::from_millis(20)));
        // Child::kill sends SIGKILL on Unix.
        let finished = child.try_wait().expect("try_wait").is_some();
        if !finished {
            child.kill().expect("kill");
            killed += 1;
        }
        let _ = child.wait();
        let n = ws.entries();
        assert!(
            n == expected || n == expected + ROWS as i64,
            "round {round}: {n} entries, expected {expected} or {}",
            expected + ROWS as i64
        );
        ws.verify_ok();
        // Whatever survived, re-running the same file completes it without duplicates.
        ws.cmd()
            .args(["ledger", "import"])
            .arg(&f)
            .assert()
            .success();
        expected = ws.entries();
        assert_eq!(expected, ROWS as i64 * (round as i64 + 2) + 1);
    }
    assert!(killed > 0, "no import was killed part-way");
    ws.verify_ok();
}

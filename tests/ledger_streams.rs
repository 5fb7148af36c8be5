//! `ledger import` of what is not a plain file: standard input as `-`, a named pipe, a process
//! substitution (`/dev/fd/N`), with and without evidence; and what it refuses at once (a
//! directory, a device, a FIFO nobody writes to never hangs it because it is never opened for a
//! terminal). Each stream is read once: a second read of a pipe would find it empty.

#[path = "ledger_harness.rs"]
mod harness;

use std::io::Write;
use std::process::{Command as Std, Stdio};
use std::time::{Duration, Instant};

use harness::Ws;

const CERT: &str = "STREAM-1";

fn csv(tag: &str, rows: usize) -> String {
    let mut s = String::from("cert,line,kind,qty,date,doc_no,key\n");
    for i in 0..rows {
        s.push_str(&format!(
            "{CERT},1,inbound,1,2026-02-01,INV-{i},{tag}-{i}\n"
        ));
    }
    s
}

/// Wait for a child, killing it if it takes longer than `limit` (a hang is a failure, not a
/// test that never ends).
fn wait_bounded(mut child: std::process::Child, limit: Duration) -> std::process::Output {
    let t0 = Instant::now();
    loop {
        if child.try_wait().expect("try_wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if t0.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().expect("output");
            panic!(
                "still running after {limit:?}; stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn leftovers(ws: &Ws) -> Vec<String> {
    std::fs::read_dir(ws.path().join(".ccc-exempt"))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(".ccc-exempt-tmp-"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn standard_input_as_dash_is_read_once_and_recorded() {
    let ws = Ws::with_cert("research", &[1000], CERT, "2026-01-05");
    let before = ws.entries();
    let mut child = ws
        .process()
        .args(["ledger", "import", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let body = csv("stdin", 300);
    let mut stdin = child.stdin.take().expect("stdin");
    // Written in pieces, as a real pipe delivers it.
    for chunk in body.as_bytes().chunks(977) {
        stdin.write_all(chunk).expect("write");
        stdin.flush().expect("flush");
    }
    drop(stdin);
    let out = wait_bounded(child, Duration::from_secs(60));
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(ws.entries(), before + 300);
    assert!(leftovers(&ws).is_empty(), "{:?}", leftovers(&ws));
    ws.verify_ok();
    // The same bytes again: the automatic keys come from the content, so nothing is recorded twice.
    let again = ws
        .cmd()
        .args(["ledger", "import", "-"])
        .write_stdin(body)
        .assert()
        .success();
    drop(again);
    assert_eq!(ws.entries(), before + 300);
}

#[test]
fn a_named_pipe_with_a_writer_is_imported_and_a_bad_row_names_its_line() {
    let ws = Ws::with_cert("research", &[1000], CERT, "2026-01-05");
    let fifo = ws.path().join("rows.csv");
    let made = Std::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available here");
        return;
    }
    let before = ws.entries();
    // A good stream.
    let child = ws
        .process()
        .args(["ledger", "import"])
        .arg(&fifo)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let body = csv("fifo", 50);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(&fifo, body).expect("write the pipe"))
    };
    let out = wait_bounded(child, Duration::from_secs(60));
    writer.join().expect("writer");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(ws.entries(), before + 50);

    // A stream with a bad row on line 3: all or nothing, and the line is the stream's own.
    let child = ws
        .process()
        .args(["--format", "json", "ledger", "import"])
        .arg(&fifo)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let body =
        format!("cert,line,kind,qty,key\n{CERT},1,inbound,1,bad-1\n{CERT},1,inbound,many,bad-2\n");
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(&fifo, body).expect("write the pipe"))
    };
    let out = wait_bounded(child, Duration::from_secs(60));
    writer.join().expect("writer");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let text = report.to_string();
    assert!(text.contains("\"line\":3"), "{text}");
    assert!(
        text.contains("rows.csv"),
        "the problem names the pipe as given: {text}"
    );
    assert_eq!(ws.entries(), before + 50);
    assert!(leftovers(&ws).is_empty(), "{:?}", leftovers(&ws));
}

#[test]
fn process_substitution_with_evidence_relative_to_where_the_user_stands() {
    let ws = Ws::with_cert("research", &[1000], CERT, "2026-01-05");
    if Std::new("bash").arg("-c").arg("true").status().is_err() {
        eprintln!("skipped: bash is not available here");
        return;
    }
    std::fs::create_dir_all(ws.path().join("scans")).expect("mkdir");
    std::fs::write(ws.path().join("scans/note.pdf"), harness::PDF).expect("write");
    let body = format!(
        "cert,line,kind,qty,date,doc_no,evidence,key\n{CERT},1,inbound,2,2026-02-01,INV-9,scans/note.pdf,sub-1\n"
    );
    std::fs::write(ws.path().join("src.txt"), &body).expect("write");
    let bin = assert_cmd::cargo::cargo_bin("ccc-exempt");
    let before = ws.entries();
    let child = Std::new("bash")
        .arg("-c")
        .arg(r#""$0" --workspace . ledger import <(cat src.txt)"#)
        .arg(&bin)
        .current_dir(ws.path())
        .env("CCC_EXEMPT_NOW", harness::NOW)
        .env("LANG", "C")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let out = wait_bounded(child, Duration::from_secs(60));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(ws.entries(), before + 1);
    assert_eq!(ws.evidence_files(), 1);
    ws.verify_ok();
}

#[test]
fn a_directory_or_a_device_is_refused_at_once_with_exit_2() {
    let ws = Ws::with_cert("research", &[1000], CERT, "2026-01-05");
    let before = ws.entries();
    std::fs::create_dir_all(ws.path().join("rows")).expect("mkdir");
    let out = ws
        .cmd()
        .args(["ledger", "import", "rows"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&out);
    assert!(err.contains("rows") && err.contains("directory"), "{err}");
    // A device that never ends: refused before a byte is read.
    let child = ws
        .process()
        .args(["ledger", "import", "/dev/zero"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let out = wait_bounded(child, Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/dev/zero") && err.contains("not a regular file"),
        "{err}"
    );
    assert_eq!(ws.entries(), before);
    assert!(leftovers(&ws).is_empty());
}

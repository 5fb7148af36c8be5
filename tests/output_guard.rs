//! No file a command writes at the user's request (`-o`, `backup PATH`) replaces what the
//! workspace keeps: the database and its journal, the evidence store, ccc-exempt.toml, the files
//! the configuration names, the command's inputs, or a symbolic link's target. Each hostile
//! destination is refused with exit 2 and nothing changes; the ledger still verifies.

mod common;

use std::path::{Path, PathBuf};

use common::Demo;

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            if meta.is_dir() {
                stack.push(p);
            } else if meta.is_file() {
                // The journal files change on every open; the database itself must not.
                let name = p.file_name().unwrap().to_string_lossy().to_string();
                if name.ends_with("-wal") || name.ends_with("-shm") {
                    continue;
                }
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn refused(demo: &Demo, args: &[&str], dest: &Path) {
    let before = snapshot(&demo.root);
    let out = demo.cmd().args(args).arg(dest).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?} {dest:?}: {err}");
    assert_eq!(
        snapshot(&demo.root),
        before,
        "{args:?} {dest:?} changed the workspace"
    );
}

#[test]
fn hostile_destinations_are_refused_and_nothing_changes() {
    let demo = Demo::new();
    let id = "2026-research-01";
    // A check creates the database; a movement-free ledger still has its schema and id.
    demo.cmd().args(["check", id]).assert().code(0);
    let state = demo.root.join(".ccc-exempt");
    let db = state.join("workspace.db");
    std::fs::create_dir_all(state.join("evidence")).unwrap();
    std::fs::write(state.join("evidence/0123abcd"), b"evidence bytes").unwrap();
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    let cfg = demo.root.join("ccc-exempt.toml");
    let app = demo.app_toml(id);
    let material = demo.app_dir(id).join("materials/commitment-letter.pdf");
    let targets: Vec<PathBuf> = vec![
        db.clone(),
        wal,
        state.join("evidence/0123abcd"),
        state.join("new-file.docx"),
        cfg,
        app,
        material,
    ];
    for t in &targets {
        refused(&demo, &["render", id, "letter", "-o"], t);
        refused(&demo, &["render", id, "table", "-o"], t);
        if t.starts_with(&state) {
            // The export needs a .csv/.xlsx/.json name: one inside the state directory.
            refused(&demo, &["ledger", "export", "-o"], &t.with_extension("csv"));
        }
        if !t.ends_with("commitment-letter.pdf") {
            refused(&demo, &["backup", "--force"], t);
        }
    }
    demo.cmd().args(["ledger", "verify"]).assert().code(0);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_destination_is_refused_and_its_target_kept() {
    let demo = Demo::new();
    let id = "2026-research-01";
    let target = demo.tmp.path().join("precious.docx");
    std::fs::write(&target, b"keep me").unwrap();
    let link = demo.tmp.path().join("letter.docx");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = demo
        .cmd()
        .args(["render", id, "letter", "-o"])
        .arg(&link)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("symbolic link"));
    assert_eq!(std::fs::read(&target).unwrap(), b"keep me");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn the_path_printed_is_the_path_written() {
    let demo = Demo::new();
    let id = "2026-research-01";
    let out = demo
        .cmd()
        .args(["render", id, "letter", "-o", "sub/../letter.docx"])
        .current_dir(demo.tmp.path())
        .output()
        .unwrap();
    // `sub` does not exist: refused rather than written somewhere unexpected.
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = demo
        .cmd()
        .args(["render", id, "letter", "-o", "./letter.docx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    let written = demo.tmp.path().canonicalize().unwrap().join("letter.docx");
    assert!(written.is_file());
    assert!(err.contains(&written.display().to_string()), "{err}");
}

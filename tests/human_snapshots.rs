//! End-to-end snapshots of the human output of the main commands, in both languages: `check` of
//! a complete and of a mistaken demo application, `app list`, `status`, `ledger list`, `ledger
//! balance`, `catalogue search` and `explain`. Each runs the binary on a private copy of the demo
//! workspace with the clock pinned, tables wrapped at 120 columns, no colour, and the temporary
//! directory replaced by `[TMP]`; stdout, stderr and the exit code are all in the snapshot. A
//! change of wording, layout or a value shows up here in review.

mod common;

use common::Demo;

const COLUMNS: &str = "120";

/// The human output of one command: the command line, the exit code, stdout and stderr.
fn human(demo: &Demo, lang: &str, args: &[&str]) -> String {
    human_at(demo, lang, COLUMNS, args)
}

/// The same at a given width.
fn human_at(demo: &Demo, lang: &str, columns: &str, args: &[&str]) -> String {
    let out = demo
        .cmd()
        .env("COLUMNS", columns)
        .env("NO_COLOR", "1")
        .args(["--lang", lang])
        .args(args)
        .output()
        .expect("run the binary");
    let text = format!(
        "$ ccc-exempt --lang {lang} {}\nexit: {}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        out.status.code().expect("exit code"),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    );
    normalise(demo, &text)
}

/// The temporary directory (as given and as the system resolves it) becomes `[TMP]`.
fn normalise(demo: &Demo, text: &str) -> String {
    let mut out = text.to_string();
    let given = demo.tmp.path().to_path_buf();
    let mut forms = vec![given.display().to_string()];
    if let Ok(real) = given.canonicalize() {
        forms.push(real.display().to_string());
    }
    // The longest first, so that one form inside another is not half replaced.
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    for f in forms {
        out = out.replace(&f, "[TMP]");
    }
    out
}

/// Run a command that builds the scenario; it must succeed.
fn step(demo: &Demo, args: &[&str]) {
    let out = demo.cmd().args(args).output().expect("run the binary");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The same scenario in each language: check a complete and a mistaken application, approve the
/// complete one and record its first movements (one reversed), then look at it all.
fn scenario(lang: &str) {
    let demo = Demo::new();
    let snap = |name: &str, args: &[&str]| {
        let text = human(&demo, lang, args);
        insta::assert_snapshot!(format!("{name}_{lang}"), text);
    };

    snap("check_complete", &["check", "2026-research-01"]);
    snap("check_mistaken", &["check", "mistake-materials"]);
    movements(&demo);

    snap("app_list", &["app", "list"]);
    snap("status", &["status"]);
    snap("ledger_list", &["ledger", "list"]);
    snap("ledger_balance", &["ledger", "balance"]);
    snap("catalogue_search", &["catalogue", "search", "电动机"]);
    snap("explain", &["explain", "M004"]);
}

/// Approve the complete application and record its first movements (one reversed).
fn movements(demo: &Demo) {
    step(demo, &["app", "submit", "2026-research-01"]);
    step(
        demo,
        &[
            "app",
            "approve",
            "2026-research-01",
            "--cert-no",
            "MB2026001",
            "--issued",
            "2026-11-27",
        ],
    );
    std::fs::copy(
        demo.app_dir("2026-research-01")
            .join("materials/test-plan.pdf"),
        demo.tmp.path().join("入库单.pdf"),
    )
    .unwrap();
    let movement = |args: &[&str]| {
        let mut all = vec!["ledger", "add", "--cert", "MB2026001", "--line", "1"];
        all.extend_from_slice(args);
        step(demo, &all);
    };
    movement(&[
        "--kind",
        "inbound",
        "--qty",
        "3",
        "--doc-no",
        "IMP-2026-118",
        "--location",
        "实验室 A",
        "--evidence",
        "doc-no=入库单.pdf",
    ]);
    movement(&["--kind", "issue", "--qty", "2", "--operator", "张工"]);
    movement(&[
        "--kind",
        "scrap",
        "--qty",
        "1",
        "--evidence",
        "入库单.pdf",
        "--deviation",
        "样品在试验中损坏",
    ]);
    step(
        demo,
        &["ledger", "reverse", "4", "--reason", "错录", "--yes"],
    );
}

/// `ledger list`, `ledger balance` and `status` at 80, 100 and 200 columns in both languages: every
/// identifier (certificate number, application ID, date, document number, code, file name) is
/// printed whole on one line, nothing is wider than the width, and the layout is in the snapshot.
#[test]
fn tables_at_every_width() {
    let demo = Demo::new();
    step(&demo, &["check", "2026-research-01"]);
    movements(&demo);
    let whole = [
        "MB2026001",
        "2026-research-01",
        "2026-11-27",
        "IMP-2026-118",
        "入库单.pdf",
        "mistake-exhibition-dates",
        "mistake-office-supplies",
        "(D001)",
    ];
    for lang in ["en", "zh"] {
        for columns in ["80", "100", "200"] {
            for (name, args) in [
                ("ledger_list", &["ledger", "list"][..]),
                ("ledger_balance", &["ledger", "balance"][..]),
                ("status", &["status"][..]),
            ] {
                let text = human_at(&demo, lang, columns, args);
                let stdout = text.split("--- stdout\n").nth(1).unwrap();
                let width: usize = columns.parse().unwrap();
                for line in stdout.lines() {
                    assert!(
                        display_width(line) <= width,
                        "{name} {lang} at {columns}: a line of {} columns:\n{line}",
                        display_width(line)
                    );
                }
                for id in whole {
                    let expected = match (name, id) {
                        (
                            "ledger_list",
                            "mistake-exhibition-dates" | "mistake-office-supplies" | "(D001)",
                        ) => false,
                        ("ledger_balance", _) => id == "MB2026001",
                        ("status", "IMP-2026-118" | "入库单.pdf") => false,
                        _ => true,
                    };
                    if expected {
                        assert!(
                            stdout.contains(id),
                            "{name} {lang} at {columns}: {id} is split or missing:\n{stdout}"
                        );
                    }
                }
                insta::assert_snapshot!(format!("width_{columns}_{name}_{lang}"), text);
            }
        }
    }
}

/// Display columns of a line (CJK characters count two).
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

#[test]
fn human_output_en() {
    scenario("en");
}

#[test]
fn human_output_zh() {
    scenario("zh");
}

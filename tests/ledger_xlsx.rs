//! `ledger import FILE.xlsx`: the same columns, rules and all-or-nothing import as a CSV, with the
//! spreadsheet's row numbers in every problem; the bad-row cases of the CSV tests in `ledger.rs`.

#[path = "ledger_harness.rs"]
mod harness;

use std::path::{Path, PathBuf};

use harness::{PDF, PNG, Ws};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const CERT: &str = "MB2026001";

const HEADER: [&str; 11] = [
    "cert", "line", "kind", "qty", "date", "doc_no", "location", "operator", "note", "evidence",
    "key",
];

/// A cell of a test sheet.
#[derive(Clone)]
enum V {
    S(&'static str),
    N(f64),
    D(u16, u8, u8),
    E,
}
use V::*;

/// The rows of a sheet from row 1; `None` leaves a row empty.
type Rows = Vec<Option<Vec<V>>>;

/// A one-sheet XLSX with `rows` from row 1.
fn sheet(path: &Path, rows: &[Option<Vec<V>>]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in rows.iter().enumerate() {
        let Some(row) = row else { continue };
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match v {
                S(t) => {
                    ws.write(r, c, *t).unwrap();
                }
                N(n) => {
                    ws.write(r, c, *n).unwrap();
                }
                D(y, m, d) => {
                    ws.write_datetime_with_format(
                        r,
                        c,
                        ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                        &date,
                    )
                    .unwrap();
                }
                E => {}
            }
        }
    }
    wb.save(path).unwrap();
}

fn header() -> Option<Vec<V>> {
    Some(HEADER.iter().map(|h| S(h)).collect())
}

/// A row of the 11 columns: cert, line, kind, qty, date, then the rest as given.
fn row(line: V, kind: V, qty: V, date: V, rest: &[V]) -> Option<Vec<V>> {
    let mut v = vec![S(CERT), line, kind, qty, date];
    v.extend_from_slice(rest);
    Some(v)
}

fn research() -> Ws {
    Ws::with_cert("research", &[3, 5], CERT, "2026-01-15")
}

fn path(ws: &Ws, name: &str) -> PathBuf {
    ws.path().join(name)
}

#[test]
fn xlsx_import_all_or_nothing_and_idempotent() {
    let ws = research();
    ws.file("ev/photo.png", PNG);
    ws.file("ev/decl.pdf", PDF);
    let f = path(&ws, "m.xlsx");
    sheet(
        &f,
        &[
            header(),
            // Numbers as number cells, dates as date cells, kinds in Chinese and English.
            row(
                N(1.0),
                S("入库"),
                N(3.0),
                D(2026, 2, 1),
                &[S("C-1"), S("库房"), S("张三")],
            ),
            None,
            row(
                N(1.0),
                S("issue"),
                N(2.0),
                S("2026-02-02"),
                &[E, E, S("张三")],
            ),
            row(
                N(1.0),
                S("销毁"),
                N(1.0),
                D(2026, 2, 3),
                &[E, E, E, S("破坏性试验"), S("ev/photo.png")],
            ),
            row(
                N(1.0),
                S("reexport"),
                N(2.0),
                D(2026, 2, 4),
                &[S("EXP-1"), E, E, E, S("export-declaration=ev/decl.pdf")],
            ),
        ],
    );
    ws.cmd()
        .args(["ledger", "import", "--dry-run"])
        .arg(&f)
        .assert()
        .success()
        .stdout(predicates::str::contains("4 would be recorded"));
    assert_eq!(ws.entries(), 1);
    ws.cmd()
        .args(["ledger", "import"])
        .arg(&f)
        .assert()
        .success();
    assert_eq!(ws.entries(), 5);
    assert_eq!(ws.evidence_files(), 2);
    let v = ws.json(&["ledger", "list", "--cert", CERT]);
    let entries = v["entries"].as_array().unwrap();
    assert_eq!(entries[1]["date"], "2026-02-01", "a date cell is its date");
    assert!(
        entries[1]["key"].as_str().unwrap().starts_with("xlsx:")
            && entries[1]["key"].as_str().unwrap().ends_with(":000000002"),
        "{}",
        entries[1]["key"]
    );
    assert!(
        entries[2]["key"].as_str().unwrap().ends_with(":000000004"),
        "keys follow the spreadsheet's rows: {}",
        entries[2]["key"]
    );
    // The same file again: nothing twice.
    let v = ws.json(&["ledger", "import", f.to_str().unwrap()]);
    assert_eq!(v["report"]["recorded"], 0);
    assert_eq!(v["report"]["already_recorded"], 4);
    assert_eq!(ws.balance(CERT, 1), (3, 0, 0, 3));
    ws.verify_ok();
}

#[test]
fn bad_xlsx_gives_a_clear_report_with_spreadsheet_rows_and_writes_nothing() {
    let ws = research();
    let big = 1e30;
    let cases: Vec<(&str, Rows, i32, Vec<&str>)> = vec![
        ("empty.xlsx", vec![], 2, vec!["empty"]),
        ("header-only.xlsx", vec![header()], 2, vec!["no rows"]),
        (
            "missing.xlsx",
            vec![
                Some(vec![S("cert"), S("line"), S("qty")]),
                Some(vec![S("X"), N(1.0), N(1.0)]),
            ],
            2,
            vec!["kind is missing"],
        ),
        (
            "unknown.xlsx",
            vec![
                Some(vec![S("cert"), S("line"), S("kind"), S("qty"), S("colour")]),
                Some(vec![S("X"), N(1.0), S("issue"), N(1.0), S("red")]),
            ],
            2,
            vec!["unknown column \"colour\""],
        ),
        (
            "types.xlsx",
            vec![
                header(),
                row(S("one"), S("issue"), N(1.0), E, &[]),
                row(N(1.0), S("sell"), N(1.0), E, &[]),
                row(N(1.0), S("issue"), N(1.0), S("2026-02-30"), &[]),
                row(N(1.0), S("issue"), N(1.5), E, &[]),
            ],
            2,
            vec![
                ":2: input [line]",
                ":3: input [kind]",
                ":4: input [date]",
                ":5: input [qty]",
            ],
        ),
        (
            "quantities.xlsx",
            vec![
                header(),
                row(N(1.0), S("inbound"), N(0.0), E, &[S("C")]),
                row(N(1.0), S("inbound"), N(-1.0), E, &[S("C")]),
                row(N(1.0), S("inbound"), N(big), E, &[S("C")]),
            ],
            2,
            vec![":2: input [qty]", ":3: input [qty]", ":4: input [qty]"],
        ),
        (
            "rules.xlsx",
            vec![
                header(),
                Some(vec![
                    S("NOPE"),
                    N(1.0),
                    S("inbound"),
                    N(1.0),
                    D(2026, 2, 1),
                    S("C"),
                ]),
                row(N(1.0), S("inbound"), N(1.0), D(2026, 2, 1), &[S("C")]),
                row(N(1.0), S("issue"), N(5.0), D(2026, 2, 2), &[]),
                row(N(1.0), S("inbound"), N(9.0), D(2026, 2, 3), &[S("C")]),
            ],
            1,
            vec![":2: L001", ":4: L003", ":5: L002"],
        ),
        (
            "evidence.xlsx",
            vec![
                header(),
                row(
                    N(1.0),
                    S("inbound"),
                    N(1.0),
                    D(2026, 2, 1),
                    &[S("C"), E, E, E, S("nothere.pdf")],
                ),
            ],
            2,
            vec![":2: input [evidence]"],
        ),
        (
            // Empty rows stay counted: the bad row is the spreadsheet's row 17.
            "row17.xlsx",
            {
                let mut rows = vec![header()];
                for r in 2..=20 {
                    rows.push(match r {
                        3..=9 => None,
                        17 => row(N(1.0), S("inbound"), S("三"), D(2026, 2, 1), &[S("C")]),
                        _ => row(N(1.0), S("inbound"), N(1.0), D(2026, 2, 1), &[S("C")]),
                    });
                }
                rows
            },
            2,
            vec!["row17.xlsx:17: input [qty]"],
        ),
    ];
    for (name, rows, code, needles) in cases {
        let f = path(&ws, name);
        sheet(&f, &rows);
        let out = ws
            .cmd()
            .args(["ledger", "import"])
            .arg(&f)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{name}: {err}");
        assert_eq!(ws.entries(), 1, "{name} wrote entries");
        assert_eq!(ws.evidence_files(), 0, "{name} left evidence");
        let v = ws.json(&["ledger", "import", f.to_str().unwrap()]);
        // Each needle is `[FILE]:ROW: CODE [column]` (CODE `input` for any I-code: a malformed
        // value) at the spreadsheet's row, or words of a message.
        let problems = v["report"]["problems"].as_array().unwrap();
        for n in &needles {
            let found = problems.iter().any(|d| matches_needle(d, n));
            assert!(found, "{name}: expected {n:?} in:\n{v:#}");
        }
        assert!(
            !v["report"]["problems"].as_array().unwrap().is_empty(),
            "{name}"
        );
        assert_eq!(v["report"]["committed"], false);
    }
    // Not a readable XLSX at all.
    let f = ws.file("broken.xlsx", b"PK\x03\x04 not a zip");
    ws.cmd().args(["ledger", "import"]).arg(&f).assert().code(2);
    assert_eq!(ws.entries(), 1);
}

/// Whether a diagnostic of the import report is what a needle describes (see the test above).
fn matches_needle(d: &serde_json::Value, needle: &str) -> bool {
    let msg = d["message"].as_str().unwrap_or("").to_lowercase();
    let parts: Vec<&str> = needle.splitn(3, ':').collect();
    let [_, row, rest] = parts[..] else {
        return msg.contains(&needle.to_lowercase());
    };
    let Ok(row) = row.parse::<u64>() else {
        return msg.contains(&needle.to_lowercase());
    };
    let rest = rest.trim();
    let (code, column) = match rest.split_once(' ') {
        Some((c, col)) => (c, Some(col.trim_matches(|ch| ch == '[' || ch == ']'))),
        None => (rest, None),
    };
    let code_ok = match code {
        "input" => d["code"].as_str().is_some_and(|c| c.starts_with('I')),
        c => d["code"] == c,
    };
    let loc = &d["location"];
    code_ok && loc["line"].as_u64() == Some(row) && column.is_none_or(|col| loc["column"] == col)
}

//! Product lines from a spreadsheet (`new --products`, `app import-products`): XLSX and CSV in
//! each encoding and separator, headers in both languages and below title rows, merged header
//! cells, empty rows, numbers stored as text, formulas, dates, every bad cell named with its
//! sheet, row and column and nothing written; the written application.toml keeps its comments,
//! parses back and checks; the example packing list becomes an application that checks clean of
//! product-line findings once the suggested codes are confirmed.

#[path = "ledger_harness.rs"]
mod harness;

use std::path::{Path, PathBuf};

use ccc_exempt::Lang;
use ccc_exempt::application::intake::{self, Intake};
use ccc_exempt::application::load_application;
use ccc_exempt::application::model::Product;
use harness::{Ws, application};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

// ---------------------------------------------------------------------------------------------
// Writing spreadsheets

/// A cell to write.
#[derive(Clone)]
enum V {
    S(String),
    N(f64),
    /// A number with a number format.
    Nf(f64, &'static str),
    /// A date cell.
    D(u16, u8, u8),
    /// A formula and its saved value.
    F(&'static str, &'static str),
    /// Nothing (inside a merged range, or empty).
    E,
}

fn s(t: &str) -> V {
    V::S(t.to_string())
}

/// A one-sheet XLSX: `rows` from row 1, `merges` as (first row, first col, last row, last col,
/// text), 0-based.
fn xlsx(path: &Path, sheet: &str, rows: &[Vec<V>], merges: &[(u32, u16, u32, u16, &str)]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    let plain = Format::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match v {
                V::S(t) => {
                    ws.write(r, c, t.as_str()).unwrap();
                }
                V::N(n) => {
                    ws.write(r, c, *n).unwrap();
                }
                V::Nf(n, f) => {
                    ws.write_number_with_format(r, c, *n, &Format::new().set_num_format(*f))
                        .unwrap();
                }
                V::D(y, m, d) => {
                    ws.write_datetime_with_format(
                        r,
                        c,
                        ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                        &date,
                    )
                    .unwrap();
                }
                V::F(f, result) => {
                    ws.write_formula(r, c, Formula::new(*f).set_result(*result))
                        .unwrap();
                }
                V::E => {}
            }
        }
    }
    for (r0, c0, r1, c1, t) in merges {
        ws.merge_range(*r0, *c0, *r1, *c1, t, &plain).unwrap();
    }
    wb.save(path).unwrap();
}

fn read(path: &Path) -> Intake {
    intake::read_products(path, None, Lang::En, &mut |_, _| {}).unwrap()
}

fn names(i: &Intake) -> Vec<&str> {
    i.lines
        .iter()
        .map(|l| l.product.name.as_deref().unwrap())
        .collect()
}

fn problems(i: &Intake, file: &str) -> Vec<String> {
    i.problems
        .iter()
        .map(|p| p.describe(file, Lang::En))
        .collect()
}

/// The product lines of an application in the workspace, parsed back.
fn products(ws: &Ws, id: &str) -> Vec<Product> {
    let path = ws
        .path()
        .join("applications")
        .join(id)
        .join("application.toml");
    load_application(id, &path, None)
        .unwrap_or_else(|e| panic!("{id} parses back: {e}"))
        .app
        .products
}

fn app_text(ws: &Ws, id: &str) -> String {
    std::fs::read_to_string(
        ws.path()
            .join("applications")
            .join(id)
            .join("application.toml"),
    )
    .unwrap()
}

/// The finding codes `check` reports for an application, with their key paths.
fn findings(ws: &Ws, id: &str) -> Vec<(String, String)> {
    let v = ws.json(&["check", id]);
    v["applications"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["location"]["key"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn product_findings(ws: &Ws, id: &str) -> Vec<(String, String)> {
    findings(ws, id)
        .into_iter()
        .filter(|(c, _)| c.starts_with('P'))
        .collect()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

// ---------------------------------------------------------------------------------------------
// XLSX

/// A packing list as suppliers send it: a merged title row and a document row above the
/// header, columns in their own order with extra ones, a total row.
fn packing_list(path: &Path) {
    let header: Vec<V> = [
        "序号",
        "品名",
        "型号",
        "品牌",
        "制造商",
        "原产国",
        "数量",
        "单位",
        "单价",
        "币种",
        "金额",
        "HS编码",
        "CCC代码",
        "界定依据",
    ]
    .iter()
    .map(|h| s(h))
    .collect();
    xlsx(
        path,
        "装箱单",
        &[
            vec![V::E],
            vec![s("发票号"), s("INV-1"), V::E, s("日期"), V::D(2026, 11, 10)],
            header,
            vec![
                V::N(1.0),
                s("电锤"),
                s("HX-26"),
                s("HANKO"),
                s("Hanko GmbH"),
                s("DE"),
                V::N(3.0),
                s("台"),
                V::Nf(1200.0, "#,##0.00"),
                s("EUR"),
                V::F("=G4*I4", "3600"),
                V::N(8467211000.0),
                s("0506"),
                s("手持式电锤"),
            ],
            vec![
                V::N(2.0),
                s("插头插座"),
                s("PS-16"),
                V::E,
                V::E,
                s("DE"),
                s("10"),
                s("套"),
                V::N(12.5),
                s("EUR"),
                V::E,
                s("8536690000"),
                // A number cell that lost the code's leading zero, shown as 0201 by its format.
                V::Nf(201.0, "0000"),
                s("插头插座"),
            ],
            vec![V::E],
            vec![
                V::N(3.0),
                s("电钻"),
                s("BD-13"),
                V::E,
                V::E,
                s("DE"),
                V::F("=1+1", "2"),
                s("台"),
                V::Nf(86.0, "0.00"),
                s("EUR"),
                V::E,
                s("8467211000"),
            ],
            vec![s("合计"), V::E, V::E, V::E, V::E, V::E, V::N(15.0)],
        ],
        &[(0, 0, 0, 13, "装箱单 PACKING LIST")],
    );
}

#[test]
fn xlsx_below_a_title_row_with_chinese_headers_in_their_own_order() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("packing-list.xlsx");
    packing_list(&f);
    let i = read(&f);
    assert!(i.problems.is_empty(), "{:?}", i.problems);
    assert_eq!(i.sheet.as_deref(), Some("装箱单"));
    assert_eq!(i.header_row, 3);
    assert_eq!(names(&i), ["电锤", "插头插座", "电钻"]);
    assert_eq!(
        i.lines.iter().map(|l| l.row).collect::<Vec<_>>(),
        [4, 5, 7],
        "row numbers as the spreadsheet shows them, the empty row 6 skipped"
    );
    let extra: Vec<String> = i
        .extra_columns
        .iter()
        .map(|c| format!("{} ({})", c.header, c.letter))
        .collect();
    assert_eq!(extra, ["序号 (A)", "金额 (K)"]);
    let p = &i.lines[0].product;
    assert_eq!(p.model.as_deref(), Some("HX-26"));
    assert_eq!(p.quantity, Some(3));
    assert_eq!(
        p.unit_price.as_deref(),
        Some("1200.00"),
        "as its format shows it"
    );
    assert_eq!(
        p.hs_code.as_deref(),
        Some("8467211000"),
        "a number cell, no decimals"
    );
    assert_eq!(p.ccc_code.as_deref(), Some("0506"));
    assert_eq!(p.ccc_reason.as_deref(), Some("手持式电锤"));
    let p = &i.lines[1].product;
    assert_eq!(p.quantity, Some(10), "a number stored as text");
    assert_eq!(
        p.unit_price.as_deref(),
        Some("12.5"),
        "a General number as it is"
    );
    assert_eq!(p.ccc_code.as_deref(), Some("0201"));
    assert_eq!(p.brand, None);
    let p = &i.lines[2].product;
    assert_eq!(p.quantity, Some(2), "a formula's saved value");
    assert_eq!(p.unit_price.as_deref(), Some("86.00"));
    // The total row is skipped, and said so.
    assert!(
        i.notes
            .iter()
            .any(|n| n.row == 8 && n.message.contains("total row")),
        "{:?}",
        i.notes
    );
}

#[test]
fn xlsx_with_english_headers_and_every_column() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("invoice.xlsx");
    let header: Vec<V> = [
        "Reason",
        "CCC Code",
        "HS Code",
        "Currency",
        "Unit Price",
        "Unit",
        "Qty",
        "Origin",
        "Manufacturer",
        "Brand",
        "Model",
        "Description",
    ]
    .iter()
    .map(|h| s(h))
    .collect();
    xlsx(
        &f,
        "Invoice",
        &[
            header,
            vec![
                s("hand-held hammer"),
                s("0506"),
                s("8467211000"),
                s("EUR"),
                s("1,200.00"),
                s("pc"),
                V::N(3.0),
                s("DE"),
                s("Hanko GmbH"),
                s("HANKO"),
                s("HX-26"),
                s("Rotary hammer 电锤"),
            ],
        ],
        &[],
    );
    let i = read(&f);
    assert!(i.problems.is_empty() && i.extra_columns.is_empty(), "{i:?}");
    assert_eq!(
        i.lines[0].product,
        Product {
            name: Some("Rotary hammer 电锤".into()),
            model: Some("HX-26".into()),
            brand: Some("HANKO".into()),
            manufacturer: Some("Hanko GmbH".into()),
            origin: Some("DE".into()),
            quantity: Some(3),
            unit: Some("pc".into()),
            unit_price: Some("1200.00".into()),
            currency: Some("EUR".into()),
            hs_code: Some("8467211000".into()),
            ccc_code: Some("0506".into()),
            ccc_reason: Some("hand-held hammer".into()),
        }
    );
    // Case and surrounding spaces are ignored, and so are notes in brackets.
    let f2 = dir.path().join("odd.xlsx");
    xlsx(
        &f2,
        "S",
        &[
            vec![s("  NAME "), s("QUANTITY"), s("单价(USD)"), s("数量（台）")],
            vec![s("电锤"), V::N(1.0), V::N(3.0), V::N(9.0)],
        ],
        &[],
    );
    let i = read(&f2);
    assert_eq!(
        i.lines[0].product.quantity,
        Some(1),
        "the first quantity column"
    );
    assert_eq!(i.lines[0].product.unit_price.as_deref(), Some("3"));
    assert_eq!(
        i.extra_columns.len(),
        1,
        "the second quantity column is extra"
    );
    assert!(i.notes.iter().any(|n| n.message.contains("same column")));
}

#[test]
fn merged_header_cells() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("merged.xlsx");
    // Row 1: a title merged across. Rows 2–3: 品名 and 数量 merged down over both rows, 价格
    // merged across two columns above 单价 and 币种, 型号 merged across two columns.
    xlsx(
        &f,
        "Sheet1",
        &[
            vec![V::E],
            vec![V::E, V::E, V::E, V::E, V::E, V::E],
            vec![V::E, V::E, V::E, V::E, s("单价"), s("币种")],
            vec![s("电锤"), s("HX-26"), V::E, V::N(3.0), V::N(12.5), s("EUR")],
            vec![s("电钻"), s("BD-13"), V::E, V::N(2.0), V::N(8.0), s("EUR")],
        ],
        &[
            (0, 0, 0, 5, "进口产品清单"),
            (1, 0, 2, 0, "品名"),
            (1, 1, 2, 2, "型号"),
            (1, 3, 2, 3, "数量"),
            (1, 4, 1, 5, "价格"),
        ],
    );
    let i = read(&f);
    assert!(i.problems.is_empty(), "{:?}", i.problems);
    assert_eq!(i.header_row, 3, "the header spans rows 2 and 3");
    assert_eq!(names(&i), ["电锤", "电钻"]);
    assert_eq!(i.lines[0].row, 4);
    let p = &i.lines[0].product;
    assert_eq!(p.model.as_deref(), Some("HX-26"));
    assert_eq!(p.quantity, Some(3));
    assert_eq!(p.unit_price.as_deref(), Some("12.5"));
    assert_eq!(p.currency.as_deref(), Some("EUR"));
    assert!(
        i.extra_columns.is_empty(),
        "a header merged across columns names one column: {:?}",
        i.extra_columns
    );
}

#[test]
fn merged_data_cells_and_headings() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("sections.xlsx");
    // Row 2: a heading merged across; rows 3–4: one name merged down over two models.
    xlsx(
        &f,
        "S",
        &[
            vec![s("品名"), s("型号"), s("数量")],
            vec![V::E],
            vec![V::E, s("HX-26"), V::N(1.0)],
            vec![V::E, s("HX-28"), V::N(2.0)],
        ],
        &[(1, 0, 1, 2, "一、电动工具"), (2, 0, 3, 0, "电锤")],
    );
    let i = read(&f);
    assert!(i.problems.is_empty(), "{:?}", i.problems);
    assert_eq!(names(&i), ["电锤", "电锤"]);
    assert_eq!(i.lines[1].product.model.as_deref(), Some("HX-28"));
    assert!(
        i.notes
            .iter()
            .any(|n| n.row == 2 && n.message.contains("heading")),
        "{:?}",
        i.notes
    );
}

#[test]
fn every_bad_cell_is_named_with_sheet_row_and_column_and_nothing_is_written() {
    let ws = Ws::new();
    let f = ws.path().join("packing-list.xlsx");
    let mut rows = vec![
        vec![s("装箱单")],
        vec![
            s("序号"),
            s("品名"),
            s("型号"),
            s("品牌"),
            s("原产国"),
            s("数量"),
            s("单价"),
        ],
    ];
    for r in 3..=22 {
        let qty = match r {
            17 => s("三"),
            19 => V::N(3.5),
            20 => V::D(2026, 3, 12),
            _ => V::N(2.0),
        };
        let price = if r == 21 { s("¥12") } else { s("12.00") };
        let model = if r == 18 {
            V::D(2026, 3, 12)
        } else {
            s(&format!("M-{r}"))
        };
        rows.push(vec![
            V::N(r as f64),
            s("电锤"),
            model,
            s("B"),
            s("DE"),
            qty,
            price,
        ]);
    }
    rows.push(vec![V::N(23.0), V::E, s("M-23"), V::E, V::E, V::N(1.0)]);
    rows.push(vec![
        V::N(24.0),
        s("电钻"),
        s("M-24"),
        V::E,
        V::E,
        V::E,
        s("x"),
    ]);
    xlsx(&f, "装箱单", &rows, &[]);
    let i = read(&f);
    assert_eq!(
        problems(&i, "packing-list.xlsx"),
        [
            "packing-list.xlsx: sheet 装箱单, row 17, column 数量 (F): \"三\" is not a whole number",
            "packing-list.xlsx: sheet 装箱单, row 19, column 数量 (F): \"3.5\" is not a whole number (a quantity is a positive whole number)",
            "packing-list.xlsx: sheet 装箱单, row 20, column 数量 (F): is a date, not a quantity (2026-03-12): format the column as a number",
            "packing-list.xlsx: sheet 装箱单, row 21, column 单价 (G): \"¥12\" is not a number (write a unit price like 1200.00, its currency in the currency column)",
            "packing-list.xlsx: sheet 装箱单, row 23, column 品名 (B): the product name is empty (every product line needs one)",
            "packing-list.xlsx: sheet 装箱单, row 24, column 单价 (G): \"x\" is not a number (write a unit price like 1200.00, its currency in the currency column)",
            "packing-list.xlsx: sheet 装箱单, row 24, column 数量 (F): the quantity is empty",
        ]
    );
    // A date in a text column is kept as the date it shows, with a note.
    assert!(
        i.notes
            .iter()
            .any(|n| n.row == 18 && n.message.contains("2026-03-12")),
        "{:?}",
        i.notes
    );
    // Through the binary: every problem on stderr, exit 2, and nothing written — neither a new
    // application nor a change to an existing one.
    let out = ws
        .cmd()
        .args(["new", "bad", "--condition", "repair", "--products"])
        .arg(&f)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("sheet 装箱单, row 17, column 数量 (F): \"三\" is not a whole number"),
        "{err}"
    );
    assert!(
        err.contains("row 23") && err.contains("nothing was written"),
        "{err}"
    );
    assert!(!ws.path().join("applications/bad").exists());
    ws.write_app("app1", &application("repair", &[2]));
    let before = app_text(&ws, "app1");
    let out = ws
        .cmd()
        .args(["app", "import-products", "app1"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(app_text(&ws, "app1"), before);
    let leftovers: Vec<_> = std::fs::read_dir(ws.path().join("applications/app1"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left");
}

#[test]
fn files_that_are_not_product_sheets_are_clear_errors() {
    let ws = Ws::new();
    ws.write_app("app1", &application("repair", &[2]));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("none.csv", b"a,b\n1,2\n".to_vec(), "no header row"),
        ("empty.csv", Vec::new(), "empty"),
        (
            "old.xls",
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
            ".xls",
        ),
        (
            "broken.xlsx",
            b"PK\x03\x04garbage".to_vec(),
            "cannot read the XLSX",
        ),
        (
            "header-only.csv",
            "品名,数量\n".as_bytes().to_vec(),
            "no product lines",
        ),
        (
            "latin1.csv",
            b"\xff\xff,\xff\n".to_vec(),
            "neither UTF-8 nor GB18030",
        ),
    ];
    for (name, bytes, needle) in cases {
        let f = ws.file(name, &bytes);
        let out = ws
            .cmd()
            .args(["app", "import-products", "app1"])
            .arg(&f)
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(needle), "{name}: want {needle:?} in {err}");
    }
    // --sheet on a CSV, an unknown sheet, a missing file, an unknown application.
    let csv = ws.file("ok.csv", "品名,数量\n电锤,1\n".as_bytes());
    let out = ws
        .cmd()
        .args(["app", "import-products", "app1", "--sheet", "X"])
        .arg(&csv)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no sheets"));
    let x = ws.path().join("one.xlsx");
    xlsx(
        &x,
        "装箱单",
        &[vec![s("品名"), s("数量")], vec![s("电锤"), V::N(1.0)]],
        &[],
    );
    let out = ws
        .cmd()
        .args(["app", "import-products", "app1", "--sheet", "Sheet9"])
        .arg(&x)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("装箱单"), "names the sheets it has");
    ws.cmd()
        .args(["app", "import-products", "app1", "nothere.xlsx"])
        .assert()
        .code(2);
    ws.cmd()
        .args(["app", "import-products", "nope"])
        .arg(&x)
        .assert()
        .code(2);
    // The sheet by name works.
    ws.cmd()
        .args(["app", "import-products", "app1", "--sheet", "装箱单"])
        .arg(&x)
        .assert()
        .success();
    assert_eq!(products(&ws, "app1").len(), 2);
}

#[test]
fn a_2000_line_sheet() {
    let ws = Ws::new();
    let f = ws.path().join("big.xlsx");
    let mut rows = vec![vec![
        s("品名"),
        s("型号"),
        s("数量"),
        s("单位"),
        s("单价"),
        s("币种"),
        s("HS编码"),
        s("CCC代码"),
        s("界定依据"),
    ]];
    for k in 0..2000 {
        rows.push(vec![
            s("电锤"),
            s(&format!("HX-{k:04}")),
            V::N((k % 7 + 1) as f64),
            s("台"),
            V::Nf(100.0 + k as f64 / 4.0, "0.00"),
            s("EUR"),
            s("8467211000"),
            s("0506"),
            s("手持式电锤"),
        ]);
    }
    xlsx(&f, "Sheet1", &rows, &[]);
    ws.cmd()
        .args(["new", "big", "--condition", "repair", "--products"])
        .arg(&f)
        .assert()
        .success();
    let ps = products(&ws, "big");
    assert_eq!(ps.len(), 2000);
    assert_eq!(ps[1999].model.as_deref(), Some("HX-1999"));
    assert_eq!(ps[1].unit_price.as_deref(), Some("100.25"));
    assert_eq!(ps[2].unit_price.as_deref(), Some("100.50"));
    assert!(product_findings(&ws, "big").is_empty());
}

// ---------------------------------------------------------------------------------------------
// CSV

#[test]
fn csv_in_each_encoding_and_separator() {
    let dir = tempfile::tempdir().unwrap();
    let rows = [
        vec!["进口货物清单", "", ""],
        vec!["品名", "规格型号", "数量", "单价", "备注"],
        vec!["电锤", "HX-26", "3", "1200.00", "含\"钻头\""],
        vec!["", "", "", "", ""],
        vec!["插头插座", "PS;16", "1,000", "12.50", "a, b"],
    ];
    for sep in [',', ';', '\t'] {
        let mut text = String::new();
        for r in &rows {
            let cells: Vec<String> = r
                .iter()
                .map(|c| {
                    if c.contains(sep) || c.contains('"') || c.contains(',') {
                        format!("\"{}\"", c.replace('"', "\"\""))
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            text.push_str(&cells.join(&sep.to_string()));
            text.push_str("\r\n");
        }
        let encodings: [(&str, Vec<u8>); 3] = [
            ("UTF-8", text.as_bytes().to_vec()),
            (
                "UTF-8 (BOM)",
                [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            ),
            ("GB18030", encoding_rs::GB18030.encode(&text).0.into_owned()),
        ];
        for (enc, bytes) in encodings {
            let f = dir.path().join("list.csv");
            std::fs::write(&f, &bytes).unwrap();
            let i = read(&f);
            let label = format!("{enc} {sep:?}");
            assert_eq!(
                i.source,
                intake::Source::Csv {
                    encoding: enc.into(),
                    separator: sep
                },
                "{label}"
            );
            assert!(i.problems.is_empty(), "{label}: {:?}", i.problems);
            assert_eq!(names(&i), ["电锤", "插头插座"], "{label}");
            assert_eq!(i.header_row, 2, "{label}");
            assert_eq!(
                i.lines.iter().map(|l| l.row).collect::<Vec<_>>(),
                [3, 5],
                "{label}"
            );
            assert_eq!(i.lines[1].product.model.as_deref(), Some("PS;16"));
            assert_eq!(i.lines[1].product.quantity, Some(1000), "{label}");
            assert_eq!(i.lines[1].product.unit_price.as_deref(), Some("12.50"));
            assert_eq!(i.extra_columns.len(), 1, "{label}");
            assert_eq!(i.extra_columns[0].header, "备注");
        }
    }
}

#[test]
fn csv_with_english_headers_and_a_bad_quantity_in_row_17() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Description;Model;Qty;Unit Price;Currency;HS Code;CCC Code\n");
    for r in 2..=20 {
        let q = if r == 17 { "3.5" } else { "2" };
        text.push_str(&format!(
            "Rotary hammer;HX-{r};{q};12,50;EUR;8467211000;0506\n"
        ));
    }
    let f = dir.path().join("erp.csv");
    std::fs::write(&f, &text).unwrap();
    let i = read(&f);
    assert_eq!(
        problems(&i, "erp.csv"),
        [
            "erp.csv: row 17, column Qty (C): \"3.5\" is not a whole number (a quantity is a positive whole number)"
        ]
    );
    assert_eq!(i.lines.len(), 18);
    assert_eq!(
        i.lines[0].product.unit_price.as_deref(),
        Some("12.50"),
        "a decimal comma"
    );
}

#[test]
fn rows_of_a_cell_with_line_breaks_count_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("breaks.csv");
    std::fs::write(&f, "品名,数量\n\"电锤\n(带钻头)\",1\n电钻,零\n").unwrap();
    let i = read(&f);
    assert_eq!(i.lines[0].product.name.as_deref(), Some("电锤 (带钻头)"));
    assert_eq!(
        problems(&i, "breaks.csv"),
        ["breaks.csv: row 3, column 数量 (B): \"零\" is not a whole number"]
    );
}

// ---------------------------------------------------------------------------------------------
// Writing application.toml

/// A hand-written application with comments everywhere and one product line.
const HAND_WRITTEN: &str = r#"# 我们自己的申请 — keep this comment
condition = "repair"   # 条件2
applicant_role = "repair-unit"
purpose = "维修最终用户的进口设备"  # 用途

# 第一批产品
[[products]]
name = "风机电动机"   # 原有的行
model = "RM-120/4"
quantity = 4
unit = "台"
hs_code = "8501409000"
ccc_code = "0401"
ccc_reason = "小功率电动机"

# ---- 进口单证 ----

# 合同号必填
[import]
contract_no = "HT-1"   # 合同

[[materials]]
kind = "business-licence"
files = ["materials/licence.pdf"]
sealed = true

[repair]
end_user = "苏州某某酒店"
equipment = "蒸烤箱"
# 尾注：保留
"#;

fn comment_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.contains('#'))
        .map(|l| l[l.find('#').unwrap()..].to_string())
        .collect()
}

#[test]
fn append_keeps_every_comment_and_replace_replaces_only_the_product_lines() {
    let ws = Ws::new();
    ws.write_app("app1", HAND_WRITTEN);
    let f = ws.file(
        "more.csv",
        "品名,型号,数量,单位,HS编码,CCC代码,界定依据\n电锤,HX-26,3,台,8467211000,0506,手持式电锤\n电钻,BD-13,2,台,8467211000,,\n"
            .as_bytes(),
    );
    ws.cmd()
        .args(["app", "import-products", "app1"])
        .arg(&f)
        .assert()
        .success();
    let text = app_text(&ws, "app1");
    // Every original line is still there, in order; the new lines come after the old one.
    let mut at = 0;
    for line in HAND_WRITTEN.lines() {
        let found = text[at..]
            .find(line)
            .unwrap_or_else(|| panic!("{line:?} kept in order in:\n{text}"));
        at += found + line.len();
    }
    let names: Vec<_> = products(&ws, "app1")
        .into_iter()
        .map(|p| p.name.unwrap())
        .collect();
    assert_eq!(names, ["风机电动机", "电锤", "电钻"]);
    assert!(
        text.find("name = \"电锤\"").unwrap() < text.find("# ---- 进口单证 ----").unwrap(),
        "new lines follow the last product line:\n{text}"
    );
    assert!(text.contains("# ccc-exempt import-products: more.csv, rows 2–3 (2 lines)"));
    // The line without a code has the candidates as a comment, and no code.
    let drill = text.find("name = \"电钻\"").unwrap();
    let above = &text[..drill];
    let header = above.rfind("[[products]]").unwrap();
    let comment = &above[above[..header].rfind("\nccc_reason = ").unwrap()..header];
    assert!(
        comment.contains("To confirm") && comment.contains("0501  电钻"),
        "{comment}"
    );
    let p = &products(&ws, "app1")[2];
    assert_eq!((p.ccc_code.as_ref(), p.ccc_reason.as_ref()), (None, None));
    // Appending again adds again.
    ws.cmd()
        .args(["app", "import-products", "app1"])
        .arg(&f)
        .assert()
        .success();
    assert_eq!(products(&ws, "app1").len(), 5);
    // --replace: the product lines are the sheet's; every other comment stays.
    let out = ws
        .cmd()
        .args(["app", "import-products", "app1", "--replace"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("replaced"), "{}", stderr(&out));
    let text = app_text(&ws, "app1");
    let names: Vec<_> = products(&ws, "app1")
        .into_iter()
        .map(|p| p.name.unwrap())
        .collect();
    assert_eq!(names, ["电锤", "电钻"]);
    let kept = comment_lines(&text);
    for c in comment_lines(HAND_WRITTEN) {
        if c == "# 原有的行" {
            assert!(
                !kept.contains(&c),
                "the replaced line's comment goes with it"
            );
        } else {
            assert!(kept.contains(&c), "{c:?} kept:\n{text}");
        }
    }
    assert_eq!(
        text.matches("# ccc-exempt import-products:").count(),
        1,
        "one provenance comment after --replace:\n{text}"
    );
    // The other tables are untouched.
    let loaded = load_application(
        "app1",
        &ws.path().join("applications/app1/application.toml"),
        None,
    )
    .unwrap();
    assert_eq!(loaded.app.import.contract_no.as_deref(), Some("HT-1"));
    assert_eq!(loaded.app.materials.len(), 1);
    assert_eq!(
        loaded.app.repair.unwrap().equipment.as_deref(),
        Some("蒸烤箱")
    );
}

#[test]
fn new_with_products_keeps_the_scaffold_and_checks() {
    let ws = Ws::new();
    let f = ws.path().join("packing-list.xlsx");
    packing_list(&f);
    let out = ws
        .cmd()
        .args(["new", "n1", "--condition", "repair", "--products"])
        .arg(&f)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("columns not used: 序号 (A), 金额 (K)"),
        "{err}"
    );
    assert!(err.contains("row 8: a total row, skipped"), "{err}");
    let text = app_text(&ws, "n1");
    // The scaffold's field guide stays above the product lines, the [import] comment above it.
    let guide = text
        .find("# One [[products]] table per product line")
        .unwrap();
    let first = text.find("[[products]]\nname = ").unwrap();
    let import_comment = text.find("# 附有产品明细的进口合同、发票或提单").unwrap();
    let import = text.find("\n[import]").unwrap();
    assert!(
        guide < first && first < import_comment && import_comment < import,
        "{text}"
    );
    let ps = products(&ws, "n1");
    assert_eq!(ps.len(), 3);
    // Parsed back and checked: the lines with a code and a reason have no product finding; the
    // line without one has P004 and P007, nothing else.
    let pf = product_findings(&ws, "n1");
    assert_eq!(
        pf,
        [
            ("P004".to_string(), "products[2].ccc_code".to_string()),
            ("P007".to_string(), "products[2].ccc_reason".to_string()),
        ],
        "{text}"
    );
}

#[test]
fn a_submitted_or_approved_application_takes_no_more_lines() {
    let ws = Ws::with_cert("repair", &[2], "MB1", "2026-01-15");
    let f = ws.file("more.csv", "品名,数量\n电锤,1\n".as_bytes());
    let before = app_text(&ws, "app1");
    let out = ws
        .cmd()
        .args(["app", "import-products", "app1"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("approved"), "{}", stderr(&out));
    assert_eq!(app_text(&ws, "app1"), before);
}

// ---------------------------------------------------------------------------------------------
// The example packing list

/// What a compliance officer confirms for each line the example leaves without a code, after
/// reading the candidates and the 描述与界定表.
const CONFIRMED: &[(&str, &str, &str)] = &[
    (
        "器具耦合器",
        "0204",
        "额定电流10A、额定电压250V～的器具耦合器（器具输入插座），属目录第二大类“器具耦合器”（0204）",
    ),
    (
        "熔断体",
        "0207",
        "5×20mm 玻璃管熔断体，属目录第二大类“熔断体”中小型熔断器的管状熔断体（0207）",
    ),
    (
        "风机电动机",
        "0401",
        "单相电容运转异步电动机，额定功率120W，属目录第四大类“小功率电动机”（0401）",
    ),
    (
        "电钻",
        "0501",
        "手持式电钻，额定电压220V～，属目录第五大类电动工具“电钻”（0501）",
    ),
    (
        "电动砂轮机",
        "0503",
        "手持式角向砂轮机，额定电压220V～，属目录第五大类电动工具“电动砂轮机”（0503）",
    ),
    (
        "TIG弧焊机",
        "0604",
        "额定焊接电流315A的钨极惰性气体保护弧焊机，属目录第六大类电焊机“TIG弧焊机”（0604）",
    ),
    (
        "电源线组件",
        "0101",
        "带C13连接器的电源软线组件，额定电压250V～，属目录第一大类“电线组件”（0101）",
    ),
];

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/packing-list.xlsx")
}

#[test]
fn the_example_packing_list_becomes_an_application_that_checks_clean_once_confirmed() {
    let ws = Ws::new();
    let out = ws
        .cmd()
        .args([
            "new",
            "2026-intake-01",
            "--condition",
            "repair",
            "--products",
        ])
        .arg(example())
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("Imported 20 product lines (sheet 装箱单, rows 4–23)"),
        "{err}"
    );
    assert!(err.contains("7 lines have no CCC code"), "{err}");
    let path = ws
        .path()
        .join("applications/2026-intake-01/application.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        !text.contains("\nccc_code = \"\""),
        "never an empty or guessed code"
    );
    // Before confirming: P004 and P007 for exactly the seven lines without a code.
    let pf = product_findings(&ws, "2026-intake-01");
    assert_eq!(pf.len(), 14, "{pf:?}");
    assert!(pf.iter().all(|(c, _)| c == "P004" || c == "P007"), "{pf:?}");
    // Confirm each: the code must be among the candidates written above the line.
    let mut doc: toml_edit::DocumentMut = text.parse().unwrap();
    let tables = doc["products"].as_array_of_tables_mut().unwrap();
    let mut confirmed = 0;
    for t in tables.iter_mut() {
        if t.contains_key("ccc_code") {
            continue;
        }
        let name = t["name"].as_str().unwrap().to_string();
        let (_, code, reason) = CONFIRMED
            .iter()
            .find(|(n, _, _)| *n == name)
            .unwrap_or_else(|| panic!("{name} is not expected without a code"));
        let comment = t.decor().prefix().unwrap().as_str().unwrap().to_string();
        assert!(
            comment.contains("To confirm") && comment.contains(code),
            "{name}: {code} among the candidates:\n{comment}"
        );
        t.insert("ccc_code", toml_edit::value(*code));
        t.insert("ccc_reason", toml_edit::value(*reason));
        confirmed += 1;
    }
    assert_eq!(confirmed, CONFIRMED.len());
    std::fs::write(&path, doc.to_string()).unwrap();
    assert!(
        product_findings(&ws, "2026-intake-01").is_empty(),
        "{:?}",
        findings(&ws, "2026-intake-01")
    );
    assert!(
        !findings(&ws, "2026-intake-01")
            .iter()
            .any(|(c, _)| c.starts_with('K')),
        "the example is below the key-inspection thresholds"
    );
}

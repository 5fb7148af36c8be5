//! Core scenario tests of the rule engine: a complete application passes; each rule has a failing
//! case (and the complete one is its passing case). Runs the library directly, no binary.

use std::path::Path;

use ccc_exempt::Now;
use ccc_exempt::application::model::Applicant;
use ccc_exempt::application::parse::parse_application;
use ccc_exempt::catalogue::Catalogue;
use ccc_exempt::model::codes::Code;
use ccc_exempt::model::diagnostic::Location;
use ccc_exempt::rules::Thresholds;
use ccc_exempt::rules::engine::AppReport;
use ccc_exempt::rules::k002::Batch;
use ccc_exempt::rules::{CheckContext, check_application};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
const JPG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F'];

const RESEARCH: &str = r#"
condition = "research"
applicant_role = "rd-test-institution"
purpose = "对进口样机进行型式试验"
prepared_on = 2026-11-20

[applicant]
name = "上海某某检测技术有限公司"
uscc = "91110108551385082Q"

[[products]]
name = "电动砂轮机"
model = "GS-125"
quantity = 3
unit = "台"
unit_price = "1200.00"
currency = "EUR"
hs_code = "8467291000"
ccc_code = "0503"
ccc_reason = "手持式电动砂轮机，额定电压220V，属目录第五大类电动工具"

[import]
contract_no = "C-2026-118"

[[materials]]
kind = "business-licence"
files = ["materials/licence.pdf"]
sealed = true

[[materials]]
kind = "commitment-letter"
files = ["materials/letter.pdf"]
sealed = true

[[materials]]
kind = "comparison-table"
files = ["materials/table.png"]
sealed = true

[[materials]]
kind = "test-plan"
files = ["materials/plan.jpg"]
sealed = true

[[materials]]
kind = "import-documents"
files = ["materials/invoice.pdf"]
sealed = true

[[materials]]
kind = "sample-notice"
files = ["materials/notice.pdf"]
sealed = true

[research]
kind = "certification"
plan = "GS-125 型式试验"
disposal = "reexport"
sample_notice = { body = "中国质量认证中心", client = "某某公司", sample_name = "电动砂轮机", model = "GS-125", quantity = 3 }
"#;

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let m = dir.path().join("app/materials");
        std::fs::create_dir_all(&m).unwrap();
        for (name, bytes) in [
            ("licence.pdf", PDF),
            ("letter.pdf", PDF),
            ("table.png", PNG),
            ("plan.jpg", JPG),
            ("invoice.pdf", PDF),
            ("notice.pdf", PDF),
        ] {
            std::fs::write(m.join(name), bytes).unwrap();
        }
        Fixture { dir }
    }

    fn check_with(&self, toml: &str, th: Thresholds, issued: Vec<Batch>) -> AppReport {
        self.check_in(toml, th, issued, Catalogue::bundled())
    }

    fn check_in(
        &self,
        toml: &str,
        th: Thresholds,
        issued: Vec<Batch>,
        catalogue: &Catalogue,
    ) -> AppReport {
        let path = self.dir.path().join("app/application.toml");
        std::fs::write(&path, toml).unwrap();
        let loaded =
            parse_application("app", &path, toml.to_string(), None::<&Applicant>).expect("parses");
        let ctx = CheckContext {
            lang: ccc_exempt::Lang::En,
            catalogue,
            thresholds: th,
            workspace_root: Some(self.dir.path()),
            now: Now::parse("2026-11-27T09:00:00+08:00").unwrap(),
            issued,
        };
        check_application(&ctx, &loaded)
    }

    fn check(&self, toml: &str) -> AppReport {
        self.check_with(toml, Thresholds::default(), Vec::new())
    }

    fn codes(&self, toml: &str) -> Vec<String> {
        let mut c: Vec<String> = self
            .check(toml)
            .findings
            .iter()
            .map(|f| f.code.to_string())
            .collect();
        c.sort();
        c
    }

    fn path(&self, rel: &str) -> std::path::PathBuf {
        self.dir.path().join("app").join(rel)
    }
}

fn edit(from: &str, to: &str) -> String {
    assert!(RESEARCH.contains(from), "fixture lacks {from:?}");
    RESEARCH.replacen(from, to, 1)
}

#[track_caller]
fn assert_codes(f: &Fixture, toml: &str, want: &[&str]) {
    let got = f.codes(toml);
    let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(got, want, "findings: {:#?}", f.check(toml).findings);
}

#[test]
fn complete_application_has_no_findings() {
    let f = Fixture::new();
    assert_codes(&f, RESEARCH, &[]);
}

#[test]
fn a001_a002_a003_applicant() {
    let f = Fixture::new();
    assert_codes(
        &f,
        &edit("name = \"上海某某检测技术有限公司\"\n", ""),
        &["A001"],
    );
    assert_codes(
        &f,
        &edit("91110108551385082Q", "91110108551385082A"),
        &["A002"],
    );
    assert_codes(
        &f,
        &edit("91110108551385082Q", "110108000000016"),
        &["A002"],
    );
    assert_codes(&f, &edit("uscc = \"91110108551385082Q\"\n", ""), &["A002"]);
    assert_codes(&f, &edit("rd-test-institution", "exhibitor"), &["A003"]);
    assert_codes(
        &f,
        &edit("applicant_role = \"rd-test-institution\"\n", ""),
        &["A003"],
    );
    // The other allowed role of condition 1 passes.
    assert_codes(
        &f,
        &edit("rd-test-institution", "ccc-certification-client"),
        &[],
    );
}

#[test]
fn a002_position_points_at_the_key() {
    let f = Fixture::new();
    let r = f.check(&edit("91110108551385082Q", "91110108551385082A"));
    let a = &r.findings[0];
    let Location::File {
        key, line, column, ..
    } = &a.location
    else {
        panic!("{a:?}")
    };
    assert_eq!(
        (key.as_deref(), *line, *column),
        (Some("applicant.uscc"), Some(9), Some(1))
    );
    assert!(a.message.contains("'Q'"), "{}", a.message);
}

#[test]
fn c001_c002_c003_condition_and_purpose() {
    let f = Fixture::new();
    let r = f.codes(&edit("condition = \"research\"", "condition = \"tourism\""));
    assert!(r.contains(&"C001".to_string()), "{r:?}");
    let r = f.codes(&edit("condition = \"research\"\n", ""));
    assert!(r.contains(&"C001".to_string()), "{r:?}");
    assert_codes(&f, &edit("condition = \"research\"", "condition = 1"), &[]);
    assert_codes(
        &f,
        &edit("purpose = \"对进口样机进行型式试验\"", "purpose = \"  \""),
        &["C003"],
    );
    let other = edit("condition = \"research\"", "condition = \"other\"");
    let r = f.codes(&other);
    assert!(
        r.contains(&"C002".to_string()) && !r.contains(&"A003".to_string()),
        "{r:?}"
    );
}

#[test]
fn p001_to_p003_product_lines() {
    let f = Fixture::new();
    let no_products = {
        let start = RESEARCH.find("[[products]]").unwrap();
        let end = RESEARCH.find("[import]").unwrap();
        format!("{}{}", &RESEARCH[..start], &RESEARCH[end..])
    };
    let r = f.codes(&no_products);
    assert!(r.contains(&"P001".to_string()), "{r:?}");
    assert_codes(&f, &edit("model = \"GS-125\"\n", ""), &["M008", "P002"]);
    assert_codes(
        &f,
        &edit("quantity = 3\nunit", "quantity = 0\nunit"),
        &["M008", "P003"],
    );
    assert_codes(
        &f,
        &edit("quantity = 3\nunit", "quantity = -2\nunit"),
        &["M008", "P003"],
    );
}

#[test]
fn p004_p005_p010_catalogue() {
    let f = Fixture::new();
    let r = f.check(&edit("ccc_code = \"0503\"", "ccc_code = \"9999\""));
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.findings[0].code, Code::P004);
    assert!(
        r.findings[0]
            .message
            .contains("96 of 96 product types, 108 codes"),
        "P004 states the coverage: {}",
        r.findings[0].message
    );
    assert_codes(
        &f,
        &edit("ccc_code = \"0503\"", "ccc_code = \"0507\""),
        &["P005"],
    );
    // Every row of the bundled catalogue is verified: no P010 for any of its codes.
    assert!(
        Catalogue::bundled()
            .entries
            .iter()
            .all(|e| e.status == ccc_exempt::catalogue::Status::Verified)
    );
    // A reconstructed row of a replacement catalogue: in scope, with an info to confirm the code.
    let replacement = Catalogue::from_csv_text(
        Path::new("official.csv"),
        &format!(
            "{}\n13,五,电动工具,0503,电动砂轮机,Electric grinders,*,RECONSTRUCTED,\n",
            ccc_exempt::catalogue::COLUMNS.join(",")
        ),
    )
    .unwrap();
    let r = f.check_in(RESEARCH, Thresholds::default(), Vec::new(), &replacement);
    let codes: Vec<&str> = r.findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["P010"], "{:#?}", r.findings);
    // A code the replacement lacks: P004 names that file and its coverage.
    let r = f.check_in(
        &edit("ccc_code = \"0503\"", "ccc_code = \"0506\""),
        Thresholds::default(),
        Vec::new(),
        &replacement,
    );
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.findings[0].code, Code::P004);
    assert!(
        r.findings[0]
            .message
            .contains("official.csv: 1 of 96 product types, 1 code"),
        "{}",
        r.findings[0].message
    );
}

#[test]
fn p006_p007_p011_codes_and_reason() {
    let f = Fixture::new();
    assert_codes(&f, &edit("8467291000", "84672910"), &["P006"]);
    assert_codes(&f, &edit("8467291000", "84672910AB"), &["P006"]);
    // Dots as printed on customs forms are accepted.
    assert_codes(&f, &edit("8467291000", "8467.29.1000"), &[]);
    assert_codes(
        &f,
        &edit(
            "ccc_reason = \"手持式电动砂轮机，额定电压220V，属目录第五大类电动工具\"\n",
            "",
        ),
        &["P007"],
    );
    assert_codes(&f, &edit("\"1200.00\"", "\"12,00.x\""), &["P011"]);
}

#[test]
fn p008_duplicate_lines() {
    let f = Fixture::new();
    let dup = edit(
        "[import]",
        "[[products]]\nname = \"电动砂轮机\"\nmodel = \"gs 125\"\nquantity = 1\nhs_code = \"8467291000\"\nccc_code = \"0503\"\nccc_reason = \"同上\"\n\n[import]",
    );
    let r = f.codes(&dup);
    assert!(r.contains(&"P008".to_string()), "{r:?}");
}

#[test]
fn p009_office_supplies_under_condition_3() {
    let f = Fixture::new();
    let toml = RESEARCH
        .replace(
            "condition = \"research\"",
            "condition = \"production-line\"",
        )
        .replace("rd-test-institution", "factory")
        .replace("name = \"电动砂轮机\"", "name = \"办公室激光打印机\"");
    let r = f.codes(&toml);
    assert!(r.contains(&"P009".to_string()), "{r:?}");
    let r = f.codes(&toml.replace("办公室激光打印机", "电动砂轮机"));
    assert!(!r.contains(&"P009".to_string()), "{r:?}");
}

#[test]
fn m001_m006_m010_material_kinds() {
    let f = Fixture::new();
    assert_codes(
        &f,
        &edit("kind = \"test-plan\"", "kind = \"export-contract\""),
        &["M001", "M006"],
    );
    assert_codes(
        &f,
        &edit("kind = \"test-plan\"", "kind = \"test-plann\""),
        &["M001", "M010"],
    );
    // The likely kind is the finding's hint, not part of its message.
    let r = f.check(&edit("kind = \"test-plan\"", "kind = \"test-plann\""));
    let m010 = r.findings.iter().find(|d| d.code == Code::M010).unwrap();
    assert_eq!(m010.hint.as_deref(), Some("did you mean test-plan?"));
    assert_eq!(m010.message, "unknown material kind \"test-plann\"");
    // The sample notice is required only for certification samples.
    let no_notice = edit("kind = \"sample-notice\"", "kind = \"sample-notice-x\"");
    assert!(f.codes(&no_notice).contains(&"M001".to_string()));
    let testing = no_notice
        .replace(
            "kind = \"sample-notice-x\"\nfiles = [\"materials/notice.pdf\"]\nsealed = true",
            "kind = \"test-plan\"\nfiles = [\"materials/plan.jpg\"]\nsealed = true",
        )
        .replace("kind = \"certification\"", "kind = \"testing\"");
    assert_codes(&f, &testing, &[]);
}

#[test]
fn m002_m003_m004_m005_files() {
    let f = Fixture::new();
    assert_codes(
        &f,
        &edit("materials/licence.pdf", "materials/nothing.pdf"),
        &["M002"],
    );
    std::fs::write(f.path("materials/empty.pdf"), b"").unwrap();
    assert_codes(
        &f,
        &edit("materials/licence.pdf", "materials/empty.pdf"),
        &["M002"],
    );
    assert_codes(&f, &edit("materials/licence.pdf", "materials"), &["M002"]);
    assert_codes(
        &f,
        &edit("files = [\"materials/licence.pdf\"]", "files = []"),
        &["M002"],
    );
    assert_codes(&f, &edit("sealed = true", "sealed = false"), &["M003"]);
    assert_codes(
        &f,
        &edit(
            "files = [\"materials/licence.pdf\"]\nsealed = true",
            "files = [\"materials/licence.pdf\"]",
        ),
        &["M003"],
    );
    std::fs::write(f.path("materials/fake.pdf"), b"this is a Word file really").unwrap();
    assert_codes(
        &f,
        &edit("materials/licence.pdf", "materials/fake.pdf"),
        &["M004"],
    );
    let mut big = PDF.to_vec();
    big.resize(2 * 1024 * 1024, b' ');
    std::fs::write(f.path("materials/big.pdf"), big).unwrap();
    let th = Thresholds {
        upload_limit_bytes: 1024 * 1024,
        ..Thresholds::default()
    };
    let r = f.check_with(
        &edit("materials/licence.pdf", "materials/big.pdf"),
        th,
        vec![],
    );
    assert_eq!(
        r.findings
            .iter()
            .map(|f| f.code.as_str())
            .collect::<Vec<_>>(),
        vec!["M005"]
    );
}

#[cfg(unix)]
#[test]
fn m002_fifo_never_blocks() {
    let f = Fixture::new();
    let fifo = f.path("materials/pipe.pdf");
    let ok = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    assert!(ok, "mkfifo is needed for this test");
    assert_codes(
        &f,
        &edit("materials/licence.pdf", "materials/pipe.pdf"),
        &["M002"],
    );
}

#[cfg(unix)]
#[test]
fn m009_unsafe_paths() {
    let f = Fixture::new();
    assert_codes(
        &f,
        &edit("materials/licence.pdf", "../../../etc/passwd"),
        &["M009"],
    );
    assert_codes(&f, &edit("materials/licence.pdf", "/etc/passwd"), &["M009"]);
    assert_codes(
        &f,
        &edit("materials/licence.pdf", "materials/con.pdf"),
        &["M009"],
    );
    assert_codes(
        &f,
        &edit("materials/licence.pdf", "materials/a?.pdf"),
        &["M009"],
    );
    assert_codes(
        &f,
        &edit("materials/licence.pdf", "materials/licence.pdf."),
        &["M009"],
    );
    assert_codes(
        &f,
        &edit("\"materials/licence.pdf\"", "'materials\\licence.pdf'"),
        &["M009"],
    );
    std::os::unix::fs::symlink(
        f.path("materials/licence.pdf"),
        f.path("materials/link.pdf"),
    )
    .unwrap();
    assert_codes(
        &f,
        &edit("materials/licence.pdf", "materials/link.pdf"),
        &["M009"],
    );
    // Up and back down inside the workspace is fine (a shared file).
    std::fs::write(f.dir.path().join("shared.pdf"), PDF).unwrap();
    assert_codes(&f, &edit("materials/licence.pdf", "../shared.pdf"), &[]);
    assert_codes(
        &f,
        &edit(
            "materials/licence.pdf",
            "materials/../materials/licence.pdf",
        ),
        &[],
    );
}

#[test]
fn m007_m008_sample_notice() {
    let f = Fixture::new();
    assert_codes(&f, &edit("client = \"某某公司\", ", ""), &["M007"]);
    assert_codes(&f, &edit("plan = \"GS-125 型式试验\"\n", ""), &["M007"]);
    assert_codes(
        &f,
        &edit(
            "model = \"GS-125\", quantity = 3 }",
            "model = \"GS-150\", quantity = 3 }",
        ),
        &["M008"],
    );
    assert_codes(
        &f,
        &edit(
            "model = \"GS-125\", quantity = 3 }",
            "model = \"GS-125\", quantity = 5 }",
        ),
        &["M008"],
    );
    assert_codes(
        &f,
        &edit("sample_name = \"电动砂轮机\"", "sample_name = \"电钻\""),
        &["M008"],
    );
    assert_codes(
        &f,
        &edit("kind = \"certification\"", "kind = \"tasting\""),
        &["M007"],
    );
}

fn exhibition(extra: &str) -> String {
    RESEARCH
        .replace("condition = \"research\"", "condition = \"exhibition\"")
        .replace("rd-test-institution", "exhibitor")
        .replace("kind = \"test-plan\"", "kind = \"safety-commitment\"")
        .replace(
            "kind = \"sample-notice\"",
            "kind = \"exhibition-statement\"",
        )
        .split("[research]")
        .next()
        .unwrap()
        .to_string()
        + extra
}

#[test]
fn x401_exhibition_period() {
    let f = Fixture::new();
    let good = "[exhibition]\nname = \"进博会\"\nvenue = \"国家会展中心（上海）\"\nstart = 2026-11-05\nend = 2026-11-10\ndisposal = \"reexport\"\n";
    assert_codes(&f, &exhibition(good), &[]);
    assert_codes(
        &f,
        &exhibition(&good.replace("end = 2026-11-10", "end = 2026-11-01")),
        &["X401"],
    );
    assert_codes(
        &f,
        &exhibition(&good.replace("disposal = \"reexport\"\n", "")),
        &["X401"],
    );
    assert_codes(
        &f,
        &exhibition(&good.replace("start = 2026-11-05\n", "")),
        &["X401"],
    );
    assert_codes(
        &f,
        &exhibition(&good.replace("venue = \"国家会展中心（上海）\"\n", "")),
        &["M007"],
    );
}

#[test]
fn x501_export_assembly() {
    let f = Fixture::new();
    let base = RESEARCH
        .replace("condition = \"research\"", "condition = \"export-assembly\"")
        .replace("rd-test-institution", "factory")
        .replace("kind = \"test-plan\"", "kind = \"export-contract\"")
        .replace("[[materials]]\nkind = \"sample-notice\"\nfiles = [\"materials/notice.pdf\"]\nsealed = true\n", "")
        .split("[research]")
        .next()
        .unwrap()
        .to_string();
    let good = "[export_assembly]\nfinished_product = \"角磨机整机\"\nexport_contract_no = \"EX-1\"\ncommitted_export_date = 2027-03-31\n";
    assert_codes(&f, &(base.clone() + good), &[]);
    assert_codes(
        &f,
        &(base.clone() + &good.replace("committed_export_date = 2027-03-31\n", "")),
        &["X501"],
    );
    assert_codes(
        &f,
        &(base + &good.replace("export_contract_no = \"EX-1\"\n", "")),
        &["X501"],
    );
}

#[test]
fn m011_import_documents() {
    let f = Fixture::new();
    assert_codes(
        &f,
        &edit("contract_no = \"C-2026-118\"", "port_of_entry = \"上海\""),
        &["M011"],
    );
}

#[test]
fn k001_k002_key_inspection() {
    let f = Fixture::new();
    let th = Thresholds {
        key_quantity: 2,
        ..Thresholds::default()
    };
    let r = f.check_with(RESEARCH, th, vec![]);
    assert_eq!(
        r.findings
            .iter()
            .map(|f| f.code.as_str())
            .collect::<Vec<_>>(),
        vec!["K001"]
    );
    let th = Thresholds {
        key_amount: 3000,
        ..Thresholds::default()
    };
    let r = f.check_with(RESEARCH, th, vec![]);
    assert_eq!(
        r.findings
            .iter()
            .map(|f| f.code.as_str())
            .collect::<Vec<_>>(),
        vec!["K001"],
        "3 × 1200.00 EUR > 3000"
    );
    // Four certificates issued in the 12 months before the check date (2026-11-27), 200 units
    // each, plus this application: 5 batches, 803 units.
    let issued: Vec<Batch> = (0..4)
        .map(|i| Batch {
            application_id: format!("b{i}"),
            issued_on: chrono::NaiveDate::from_ymd_opt(2026, 3 + i, 1).unwrap(),
            units: 200,
        })
        .collect();
    let r = f.check_with(RESEARCH, Thresholds::default(), issued.clone());
    assert_eq!(
        r.findings
            .iter()
            .map(|f| f.code.as_str())
            .collect::<Vec<_>>(),
        vec!["K002"]
    );
    let r = f.check_with(RESEARCH, Thresholds::default(), issued[..2].to_vec());
    assert!(r.findings.is_empty());
    // The same certificates, issued over a year before the check: outside the window.
    let old: Vec<Batch> = issued
        .iter()
        .map(|b| Batch {
            issued_on: b.issued_on - chrono::Months::new(12),
            ..b.clone()
        })
        .collect();
    let r = f.check_with(RESEARCH, Thresholds::default(), old);
    assert!(r.findings.is_empty(), "{:?}", r.findings);
}

#[test]
fn messages_follow_the_language() {
    let f = Fixture::new();
    let toml = edit("purpose = \"对进口样机进行型式试验\"\n", "");
    let path = f.dir.path().join("app/application.toml");
    std::fs::write(&path, &toml).unwrap();
    let loaded = parse_application("app", Path::new(&path), toml.clone(), None).unwrap();
    let ctx = CheckContext {
        lang: ccc_exempt::Lang::Zh,
        catalogue: Catalogue::bundled(),
        thresholds: Thresholds::default(),
        workspace_root: None,
        now: Now::parse("2026-11-27T09:00:00+08:00").unwrap(),
        issued: vec![],
    };
    let r = check_application(&ctx, &loaded);
    assert!(
        r.findings[0].message.contains("申报用途"),
        "{}",
        r.findings[0].message
    );
}

#[test]
fn profile_fills_the_applicant_key_by_key() {
    let f = Fixture::new();
    let toml = edit(
        "name = \"上海某某检测技术有限公司\"\nuscc = \"91110108551385082Q\"\n",
        "name = \"自己的名称\"\n",
    );
    let path = f.dir.path().join("app/application.toml");
    let profile = Applicant {
        name: Some("工作区名称".into()),
        uscc: Some("91350100M000100Y43".into()),
        ..Applicant::default()
    };
    let loaded = parse_application("app", &path, toml, Some(&profile)).unwrap();
    assert_eq!(loaded.app.applicant.name.as_deref(), Some("自己的名称"));
    assert_eq!(
        loaded.app.applicant.uscc.as_deref(),
        Some("91350100M000100Y43")
    );
    assert_eq!(loaded.applicant_from_profile, vec!["uscc".to_string()]);
}

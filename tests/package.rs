//! End-to-end tests of `render`, `package` and `verify` on a small workspace built here (tiny but
//! valid PDF, JPEG and PNG files), checked by independent readers: Python's zipfile, bagit-python
//! (`bagit --validate`), python-docx and openpyxl. `scripts/test.sh` installs them
//! (requirements-test.txt); a missing one fails the test with that hint.

use std::path::{Path, PathBuf};
use std::process::Command as Std;
use std::time::Duration;

use assert_cmd::Command;
use ccc_exempt::application::load_application;
use ccc_exempt::catalogue::Catalogue;
use ccc_exempt::documents::DocumentInput;
use ccc_exempt::documents::letter::{self, LetterTemplate};

const NOW: &str = "2026-11-27T09:00:00+08:00";

fn png() -> Vec<u8> {
    // A 1x1 grey PNG.
    let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
    let chunk = |v: &mut Vec<u8>, t: &[u8], d: &[u8]| {
        v.extend_from_slice(&(d.len() as u32).to_be_bytes());
        let mut td = t.to_vec();
        td.extend_from_slice(d);
        v.extend_from_slice(&td);
        v.extend_from_slice(&crc32fast::hash(&td).to_be_bytes());
    };
    chunk(&mut v, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    chunk(
        &mut v,
        b"IDAT",
        &[0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01],
    );
    chunk(&mut v, b"IEND", &[]);
    v
}

fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n").into_bytes()
}

fn jpeg() -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
    v.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    v.extend_from_slice(&[0xFF, 0xD9]);
    v
}

const APPLICANT: &str = "上海某某检测技术有限公司";

const APPLICATION: &str = r#"condition = "research"
applicant_role = "rd-test-institution"
purpose = "对进口样机进行型式试验"
prepared_on = 2026-11-20

[[products]]
name = "电锤"
model = "HX-26"
brand = "Example"
manufacturer = "Example GmbH"
origin = "DE"
quantity = 3
unit = "台"
unit_price = "1200.00"
currency = "EUR"
hs_code = "8467211000"
ccc_code = "0506"
ccc_reason = "手持式电锤，额定电压220V，属目录第五大类电动工具"

[[products]]
name = "电钻"
model = "DX-10"
brand = "Example"
manufacturer = "Example GmbH"
origin = "DE"
quantity = 2
unit = "台"
unit_price = "800.00"
currency = "EUR"
hs_code = "8467219000"
ccc_code = "0506"
ccc_reason = "手持式电钻，属目录第五大类电动工具"

[import]
contract_no = "C-2026-118"
invoice_no = "INV-55821"

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
files = ["materials/table.pdf"]
sealed = true

[[materials]]
kind = "test-plan"
files = ["materials/plan.pdf"]
sealed = true

[[materials]]
kind = "import-documents"
files = ["materials/invoice.jpg", "materials/contract.pdf"]
sealed = true

[[materials]]
kind = "sample-notice"
files = ["materials/notice.png"]
sealed = true

[research]
kind = "certification"
plan = "HX-26 型式试验"
disposal = "reexport"
sample_notice = { body = "中国质量认证中心", client = "上海某某检测技术有限公司", sample_name = "电锤", model = "HX-26", quantity = 3 }
"#;

/// A workspace with one complete research application `r1`.
struct Ws {
    tmp: tempfile::TempDir,
}

impl Ws {
    fn new() -> Ws {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("ws");
        let m = root.join("applications/r1/materials");
        std::fs::create_dir_all(&m).unwrap();
        std::fs::write(
            root.join("ccc-exempt.toml"),
            format!(
                "authority = \"上海市市场监督管理局\"\n[applicant]\nname = \"{APPLICANT}\"\nuscc = \"91310115MA1H7K2L0D\"\naddress = \"上海市浦东新区某某路1号\"\ncontact = \"张三\"\nphone = \"021-55550000\"\n"
            ),
        )
        .unwrap();
        std::fs::write(root.join("applications/r1/application.toml"), APPLICATION).unwrap();
        for (n, b) in [
            ("licence.pdf", pdf("licence")),
            ("letter.pdf", pdf("signed letter")),
            ("table.pdf", pdf("signed table")),
            ("plan.pdf", pdf("plan")),
            ("contract.pdf", pdf("contract")),
            ("invoice.jpg", jpeg()),
            ("notice.png", png()),
        ] {
            std::fs::write(m.join(n), b).unwrap();
        }
        Ws { tmp }
    }

    fn root(&self) -> PathBuf {
        self.tmp.path().join("ws")
    }

    fn out(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    fn material(&self, name: &str) -> PathBuf {
        self.root().join("applications/r1/materials").join(name)
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("ccc-exempt").unwrap();
        c.env_clear()
            .env("CCC_EXEMPT_NOW", NOW)
            .arg("--workspace")
            .arg(self.root())
            .current_dir(self.tmp.path())
            .timeout(Duration::from_secs(120));
        c
    }

    /// `package r1 -o NAME`, asserting success; returns the zip path.
    fn package(&self, name: &str) -> PathBuf {
        let out = self.out(name);
        self.cmd()
            .args(["package", "r1", "-o"])
            .arg(&out)
            .assert()
            .success();
        out
    }
}

fn python(script: &str, args: &[&Path]) -> std::process::Output {
    Std::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("python3 is needed by the tests: run scripts/test.sh")
}

fn require_python(module: &str) {
    let o = python(&format!("import {module}"), &[]);
    assert!(
        o.status.success(),
        "the Python module `{module}` is missing: run scripts/test.sh (it installs requirements-test.txt)\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn run_python(script: &str, args: &[&Path]) -> String {
    let o = python(script, args);
    assert!(
        o.status.success(),
        "python failed:\n{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn sha256(path: &Path) -> String {
    ccc_exempt::package::build::hash_file(path).unwrap().1
}

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".ccc-exempt-tmp"))
        .collect()
}

#[test]
fn package_is_a_valid_bag_and_rebuilds_byte_identical() {
    require_python("bagit");
    let ws = Ws::new();
    let a = ws.package("a.zip");
    let b = ws.package("b.zip");
    assert_eq!(
        sha256(&a),
        sha256(&b),
        "two builds of the same inputs differ"
    );

    // The printed SHA-256 is the file's.
    let out = ws.out("c.zip");
    let assert = ws
        .cmd()
        .args(["package", "r1", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert!(stdout(&assert).contains(&sha256(&out)));
    assert_eq!(sha256(&out), sha256(&a));

    // Zip properties, read by Python's zipfile.
    let report = run_python(
        r#"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
key = lambda n: n.encode()
# The documented order: directories, materials, the checklist, generated documents, tag files.
dirs = [n for n in names if n.endswith("/")]
assert names[:len(dirs)] == sorted(dirs, key=key), ("directories first, sorted", names)
rest = names[len(dirs):]
tags = ["r1/bag-info.txt", "r1/bagit.txt", "r1/manifest-sha256.txt", "r1/tagmanifest-sha256.txt"]
assert rest[-4:] == tags, ("tag files last", rest)
body = rest[:-4]
at = body.index("r1/data/00-材料清单.csv")
materials, generated = body[:at], body[at + 1:]
assert materials == sorted(materials, key=key), ("materials sorted", materials)
assert not any(m.startswith("r1/data/generated/") for m in materials), materials
assert generated == sorted(generated, key=key), ("generated sorted", generated)
assert all(g.startswith("r1/data/generated/") for g in generated), generated
for i in z.infolist():
    # UTF-8 names; the flag is set on every name that is not plain ASCII.
    assert bool(i.flag_bits & 0x800) == (not i.filename.isascii()), ("UTF-8 flag", i.filename)
    # CRC and sizes in the local header: no data descriptor.
    assert not i.flag_bits & 0x8, ("data descriptor", i.filename)
    assert i.date_time == (2026, 11, 20, 0, 0, 0), (i.filename, i.date_time)
    mode = i.external_attr >> 16
    if i.filename.endswith("/"):
        assert mode == 0o40755, (i.filename, oct(mode))
    else:
        assert mode == 0o100644, (i.filename, oct(mode))
        ext = i.filename.rsplit(".", 1)[-1]
        want = zipfile.ZIP_STORED if ext in ("pdf", "jpg", "png", "docx", "xlsx") else zipfile.ZIP_DEFLATED
        assert i.compress_type == want, (i.filename, i.compress_type)
    assert i.extra == b"", (i.filename, i.extra)
print("\n".join(names))
"#,
        &[&a],
    );
    for want in [
        "r1/bagit.txt",
        "r1/bag-info.txt",
        "r1/manifest-sha256.txt",
        "r1/tagmanifest-sha256.txt",
        "r1/data/00-材料清单.csv",
        "r1/data/01-营业执照/licence.pdf",
        "r1/data/04-研究、开发、测试计划书或项目书/plan.pdf",
        "r1/data/07-附有产品明细的进口合同、发票或提单/invoice.jpg",
        "r1/data/07-附有产品明细的进口合同、发票或提单/contract.pdf",
        "r1/data/08-CCC认证送样通知书/notice.png",
        "r1/data/generated/后续管理承诺书.docx",
        "r1/data/generated/对照表.xlsx",
        "r1/data/generated/对照表.csv",
        "r1/data/generated/check-report.json",
    ] {
        assert!(
            report.lines().any(|l| l == want),
            "{want} missing from\n{report}"
        );
    }

    // bagit-python validates the unzipped bag.
    let dir = ws.out("unzipped");
    run_python(
        "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])",
        &[&a, &dir],
    );
    let o = Std::new("python3")
        .args(["-m", "bagit", "--validate"])
        .arg(dir.join("r1"))
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "bagit --validate failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let info = std::fs::read_to_string(dir.join("r1/bag-info.txt")).unwrap();
    for want in [
        &format!("Source-Organization: {APPLICANT}"),
        "External-Identifier: r1",
        "CCC-Application-ID: r1",
        "CCC-Condition: 1 research",
        "Bagging-Date: 2026-11-20",
        "Payload-Oxum: ",
        &format!("Bag-Software-Agent: {}", ccc_exempt::GENERATOR),
        "CCC-Draft: no",
    ] {
        assert!(info.contains(want), "bag-info.txt lacks {want:?}:\n{info}");
    }
    // The check report holds no machine path and no wall-clock time.
    let report = std::fs::read_to_string(dir.join("r1/data/generated/check-report.json")).unwrap();
    assert!(
        !report.contains(&ws.root().display().to_string()),
        "{report}"
    );
    assert!(report.contains("applications/r1/application.toml"));
    let checklist = std::fs::read(dir.join("r1/data/00-材料清单.csv")).unwrap();
    assert!(
        checklist.starts_with(&[0xEF, 0xBB, 0xBF]),
        "checklist CSV has no BOM"
    );
    let checklist = String::from_utf8(checklist).unwrap();
    assert!(checklist.contains(&sha256(&ws.material("licence.pdf"))));
    assert!(checklist.contains("data/01-营业执照/licence.pdf"));

    // verify agrees.
    ws.cmd().arg("verify").arg(&a).assert().code(0);

    // The status moved to packaged and a receipt was recorded.
    let store =
        ccc_exempt::store::Store::open(&ws.root().join(".ccc-exempt/workspace.db")).unwrap();
    let receipts = store.packages("r1").unwrap();
    assert_eq!(receipts.len(), 3);
    assert_eq!(receipts[0].zip_sha256, sha256(&a));
    assert_eq!(receipts[0].generator, ccc_exempt::GENERATOR);
    assert_eq!(receipts[0].created_at, NOW);
    assert!(!receipts[0].draft);
    assert_eq!(
        store.application("r1").unwrap().unwrap().status,
        ccc_exempt::model::status::Status::Packaged
    );
}

#[test]
fn source_date_epoch_fixes_the_date_without_prepared_on() {
    let ws = Ws::new();
    let app = ws.root().join("applications/r1/application.toml");
    let text = std::fs::read_to_string(&app)
        .unwrap()
        .replace("prepared_on = 2026-11-20\n", "");
    std::fs::write(&app, text).unwrap();
    let mut hashes = Vec::new();
    for (name, now) in [("a.zip", NOW), ("b.zip", "2027-01-15T09:00:00+08:00")] {
        let out = ws.out(name);
        ws.cmd()
            .env("CCC_EXEMPT_NOW", now)
            .env("SOURCE_DATE_EPOCH", "1790000000")
            .args(["package", "r1", "-o"])
            .arg(&out)
            .assert()
            .success();
        hashes.push(sha256(&out));
    }
    assert_eq!(
        hashes[0], hashes[1],
        "SOURCE_DATE_EPOCH did not pin the package"
    );
}

#[test]
fn documents_carry_applicant_products_and_every_commitment() {
    require_python("docx");
    require_python("openpyxl");
    let ws = Ws::new();
    let docx = ws.out("letter.docx");
    let xlsx = ws.out("table.xlsx");
    let csv = ws.out("table.csv");
    for (what, out) in [("letter", &docx), ("table", &xlsx), ("table", &csv)] {
        ws.cmd()
            .args(["render", "r1", what, "-o"])
            .arg(out)
            .assert()
            .success();
    }
    // Deterministic: a second rendering is byte-identical.
    let docx2 = ws.out("letter2.docx");
    ws.cmd()
        .args(["render", "r1", "letter", "-o"])
        .arg(&docx2)
        .assert()
        .success();
    assert_eq!(sha256(&docx), sha256(&docx2));

    let text = run_python(
        r#"
import sys, docx
d = docx.Document(sys.argv[1])
print("\n".join(p.text for p in d.paragraphs))
for t in d.tables:
    for r in t.rows:
        print("|".join(c.text for c in r.cells))
print("CREATED", d.core_properties.created.isoformat())
"#,
        &[&docx],
    );
    assert!(text.contains(APPLICANT), "{text}");
    assert!(text.contains("91310115MA1H7K2L0D"));
    assert!(text.contains("上海市市场监督管理局："));
    assert!(text.contains("日期：2026年11月20日"));
    assert!(text.contains("1|电锤|HX-26|3|台|0506"), "{text}");
    assert!(text.contains("2|电钻|DX-10|2|台|0506"), "{text}");
    assert!(text.contains("CREATED 2026-11-20T00:00:00"), "{text}");
    // Each commitment that applies to condition 1, as the template words it.
    let loaded = load_application(
        "r1",
        &ws.root().join("applications/r1/application.toml"),
        None,
    )
    .unwrap();
    let input = DocumentInput {
        id: "r1",
        app: &loaded.app,
        catalogue: Catalogue::bundled(),
        authority: Some("上海市市场监督管理局"),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
    };
    let items = letter::commitments(&LetterTemplate::bundled(), &input);
    assert!(items.len() >= 5, "{items:?}");
    for c in &items {
        assert!(
            text.contains(c.as_str()),
            "commitment missing from the DOCX: {c}"
        );
    }
    for phrase in [
        "不销售给普通消费者",
        "不伪造、变造、转让、出借",
        "管理台账",
        "销毁或退运",
        "24个月",
        "退运。",
    ] {
        assert!(text.contains(phrase), "{phrase} missing");
    }

    let sheet = run_python(
        r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.active
print("FREEZE", ws.freeze_panes)
print("CREATED", wb.properties.created.isoformat())
for row in ws.iter_rows(values_only=True):
    print("|".join("" if v is None else str(v) for v in row))
"#,
        &[&xlsx],
    );
    assert!(sheet.contains("FREEZE A5"), "{sheet}");
    assert!(sheet.contains("CREATED 2026-11-20T00:00:00"), "{sheet}");
    assert!(sheet.contains(APPLICANT));
    assert!(sheet.contains(
        "序号|产品名称|规格型号|数量|单位|HS编码|目录大类|目录产品种类及代码|界定依据/说明"
    ));
    assert!(
        sheet.contains("1|电锤|HX-26|3|台|8467211000|五、电动工具|电锤（0506）|手持式电锤"),
        "{sheet}"
    );
    assert!(sheet.contains("2|电钻|DX-10|2|台|8467219000|"), "{sheet}");
    assert!(sheet.contains("申请单位（盖章）"));

    let csv = std::fs::read(&csv).unwrap();
    assert!(csv.starts_with(&[0xEF, 0xBB, 0xBF]));
    let csv = String::from_utf8(csv[3..].to_vec()).unwrap();
    assert!(csv.starts_with(
        "序号,产品名称,规格型号,数量,单位,HS编码,目录大类,目录产品种类及代码,界定依据/说明\r\n"
    ));
    assert!(csv.contains("2,电钻,DX-10,2,台,8467219000,"));
}

#[test]
fn render_checklist_lists_materials_and_what_is_missing() {
    let ws = Ws::new();
    let a = ws
        .cmd()
        .args(["render", "r1", "checklist"])
        .assert()
        .code(0);
    assert!(stdout(&a).contains("business-licence"), "{}", stdout(&a));
    let json = ws
        .cmd()
        .args(["--format", "json", "render", "r1", "checklist"])
        .assert()
        .code(0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(v["complete"], true);
    let licence = v["materials"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["kind"] == "business-licence")
        .unwrap();
    assert_eq!(licence["sha256"], sha256(&ws.material("licence.pdf")));
    std::fs::remove_file(ws.material("plan.pdf")).unwrap();
    let out = ws.out("checklist.csv");
    ws.cmd()
        .args(["render", "r1", "checklist", "-o"])
        .arg(&out)
        .assert()
        .code(1);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("缺失"), "{text}");
    // A destination that is an input is refused and left alone.
    let before = std::fs::read(ws.material("licence.pdf")).unwrap();
    ws.cmd()
        .args(["render", "r1", "letter", "-o"])
        .arg(ws.material("licence.pdf"))
        .assert()
        .code(2);
    assert_eq!(std::fs::read(ws.material("licence.pdf")).unwrap(), before);
}

#[test]
fn missing_material_is_refused_unless_draft() {
    let ws = Ws::new();
    let app = ws.root().join("applications/r1/application.toml");
    let text = std::fs::read_to_string(&app).unwrap().replace(
        "[[materials]]\nkind = \"test-plan\"\nfiles = [\"materials/plan.pdf\"]\nsealed = true\n",
        "",
    );
    std::fs::write(&app, text).unwrap();
    let out = ws.out("r1.zip");
    let a = ws
        .cmd()
        .args(["package", "r1", "-o"])
        .arg(&out)
        .assert()
        .code(1);
    assert!(stderr(&a).contains("M001"), "{}", stderr(&a));
    assert!(!out.exists(), "a refused package was written");

    let draft = ws.out("draft.zip");
    ws.cmd()
        .args(["package", "r1", "--draft", "-o"])
        .arg(&draft)
        .assert()
        .code(0);
    let v = ws
        .cmd()
        .args(["--format", "json", "verify"])
        .arg(&draft)
        .assert()
        .code(0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&v)).unwrap();
    assert_eq!(v["draft"], true);
    let store =
        ccc_exempt::store::Store::open(&ws.root().join(".ccc-exempt/workspace.db")).unwrap();
    assert_ne!(
        store.application("r1").unwrap().unwrap().status,
        ccc_exempt::model::status::Status::Packaged
    );
    assert!(store.packages("r1").unwrap()[0].draft);
}

/// A bad material: `package` refuses (check finds it, exit 1), a draft refuses to package it too
/// (exit 2, its message naming `needle`), and nothing is written at `out`.
fn refused_even_as_draft(ws: &Ws, out: &Path, needle: &str) {
    ws.cmd()
        .args(["package", "r1", "-o"])
        .arg(out)
        .assert()
        .code(1);
    let a = ws
        .cmd()
        .args(["package", "r1", "--draft", "-o"])
        .arg(out)
        .assert()
        .code(2);
    assert!(stderr(&a).contains(needle), "{}", stderr(&a));
    assert!(!out.exists());
}

#[test]
fn bad_materials_and_destinations_leave_nothing() {
    let ws = Ws::new();
    let dir = ws.tmp.path().to_path_buf();
    // A destination directory that does not exist.
    let a = ws
        .cmd()
        .args(["package", "r1", "-o"])
        .arg(dir.join("no/such/dir/r1.zip"))
        .assert()
        .code(2);
    assert!(stderr(&a).contains("does not exist"), "{}", stderr(&a));
    // A directory where nothing can be created (read-only even for root).
    ws.cmd()
        .args(["package", "r1", "-o", "/proc/ccc-exempt-test.zip"])
        .assert()
        .code(2);
    // The destination is one of the inputs: refused, the input untouched.
    let before = std::fs::read(ws.material("licence.pdf")).unwrap();
    ws.cmd()
        .args(["package", "r1", "-o"])
        .arg(ws.material("licence.pdf"))
        .assert()
        .code(2);
    assert_eq!(std::fs::read(ws.material("licence.pdf")).unwrap(), before);

    // A material replaced by a link, a directory or a FIFO: check refuses (exit 1); a draft
    // refuses to package it (exit 2). Either way nothing is written.
    let plan = ws.material("plan.pdf");
    let real = ws.material("plan-real.pdf");
    std::fs::rename(&plan, &real).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&real, &plan).unwrap();
        let out = dir.join("link.zip");
        refused_even_as_draft(&ws, &out, "");
        std::fs::remove_file(&plan).unwrap();
        let fifo = Std::new("mkfifo").arg(&plan).status();
        if fifo.is_ok_and(|s| s.success()) {
            let a = ws
                .cmd()
                .args(["package", "r1", "--draft", "-o"])
                .arg(&out)
                .assert()
                .code(2);
            assert!(stderr(&a).contains("not a regular file"), "{}", stderr(&a));
            assert!(!out.exists());
            std::fs::remove_file(&plan).unwrap();
        }
    }
    std::fs::create_dir(&plan).unwrap();
    refused_even_as_draft(&ws, &dir.join("dir.zip"), "directory");
    std::fs::remove_dir(&plan).unwrap();
    std::fs::rename(&real, &plan).unwrap();

    // A material outside the workspace: check refuses (M009); a draft refuses to package it.
    let outside = dir.join("outside.pdf");
    std::fs::write(&outside, pdf("outside")).unwrap();
    let app = ws.root().join("applications/r1/application.toml");
    let original = std::fs::read_to_string(&app).unwrap();
    std::fs::write(
        &app,
        original.replace("materials/licence.pdf", &outside.display().to_string()),
    )
    .unwrap();
    refused_even_as_draft(&ws, &dir.join("outside.zip"), "outside the workspace");
    std::fs::write(&app, original).unwrap();
    assert!(
        leftovers(&dir).is_empty(),
        "temporary files left: {:?}",
        leftovers(&dir)
    );
    assert!(leftovers(&ws.root()).is_empty());
}

#[test]
fn material_vanished_after_check_fails_cleanly() {
    // Check passes, then a file disappears before packaging (the library path `package` takes).
    let ws = Ws::new();
    let loaded = load_application(
        "r1",
        &ws.root().join("applications/r1/application.toml"),
        None,
    )
    .unwrap();
    let layout = ccc_exempt::package::Layout::plan(&loaded);
    std::fs::remove_file(ws.material("notice.png")).unwrap();
    let dest = ws.out("r1.zip");
    let req = ccc_exempt::package::PackageRequest {
        loaded: &loaded,
        layout: &layout,
        bag_info: vec![],
        generated: vec![],
        time: ccc_exempt::util::dos_time::DosTime::EPOCH,
        dest: &dest,
        skip_missing: false,
        within: None,
        lang: ccc_exempt::Lang::En,
    };
    let err = ccc_exempt::package::build(&req, |_| Ok(Vec::new()), &|_| {}).unwrap_err();
    assert_eq!(err.exit_code(), 2, "{err}");
    assert!(err.to_string().contains("notice.png"), "{err}");
    assert!(!dest.exists());
    assert!(leftovers(ws.tmp.path()).is_empty());
}

#[test]
fn full_disk_leaves_nothing() {
    // A 64 KiB tmpfs; needs the right to mount (root in CI). Without it there is nothing to test.
    let ws = Ws::new();
    std::fs::write(ws.material("plan.pdf"), pdf(&"x".repeat(400_000))).unwrap();
    let mnt = ws.out("small");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = Std::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&mnt)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("full_disk_leaves_nothing: cannot mount a tmpfs here; not exercised");
        return;
    }
    let out = mnt.join("r1.zip");
    let a = ws
        .cmd()
        .args(["package", "r1", "-o"])
        .arg(&out)
        .assert()
        .code(3);
    let left: Vec<_> = std::fs::read_dir(&mnt).unwrap().collect();
    let _ = Std::new("umount").arg(&mnt).status();
    assert!(stderr(&a).contains("disk is full"), "{}", stderr(&a));
    assert!(left.is_empty(), "files left on the full disk: {left:?}");
}

/// Copy `good` to `bad`, applying a Python edit that gets `z` (the open source ZipFile) and `out`
/// (a ZipFile to write).
fn rewrite(good: &Path, bad: &Path, body: &str) {
    let script = format!(
        r#"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
out = zipfile.ZipFile(sys.argv[2], "w")
{body}
out.close()
"#
    );
    run_python(&script, &[good, bad]);
}

const COPY_ALL: &str = "for i in z.infolist():\n    out.writestr(i, z.read(i.filename))\n";

fn verify_json(ws: &Ws, zip: &Path, extra: &[&str], code: i32) -> serde_json::Value {
    let a = ws
        .cmd()
        .args(["--format", "json", "verify"])
        .args(extra)
        .arg(zip)
        .assert()
        .code(code);
    serde_json::from_str(&stdout(&a)).unwrap()
}

/// The problems' names (`checksum-mismatch`; each name is one V code, docs/package.md).
fn codes(v: &serde_json::Value) -> Vec<String> {
    v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn verify_finds_each_planted_fault() {
    require_python("zipfile");
    let ws = Ws::new();
    let good = ws.package("good.zip");
    let bad = |n: &str| ws.out(n);

    // One flipped byte inside a stored PDF.
    let bytes = std::fs::read(&good).unwrap();
    let needle = b"% licence";
    let at = bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .unwrap();
    let mut flipped = bytes.clone();
    flipped[at + 3] ^= 0x20;
    std::fs::write(bad("flipped.zip"), &flipped).unwrap();
    let v = verify_json(&ws, &bad("flipped.zip"), &[], 1);
    let c = codes(&v);
    assert!(c.contains(&"checksum-mismatch".to_string()), "{v}");
    assert!(c.contains(&"crc-mismatch".to_string()), "{v}");
    assert!(v["problems"].to_string().contains("licence.pdf"));
    // --fast checks sizes only: the flipped byte passes, as in bagit-python.
    verify_json(&ws, &bad("flipped.zip"), &["--fast"], 0);

    // Truncated.
    std::fs::write(bad("truncated.zip"), &bytes[..bytes.len() - 200]).unwrap();
    let v = verify_json(&ws, &bad("truncated.zip"), &[], 1);
    assert_eq!(codes(&v), vec!["damaged"]);

    // Not a zip, and no such file: exit 2.
    std::fs::write(bad("text.zip"), "just text, not a zip").unwrap();
    ws.cmd().arg("verify").arg(bad("text.zip")).assert().code(2);
    ws.cmd()
        .arg("verify")
        .arg(bad("missing.zip"))
        .assert()
        .code(2);
    // A FIFO is refused at once (never opened for reading: that would wait for a writer).
    let fifo = bad("fifo.zip");
    if Std::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        let a = ws
            .cmd()
            .arg("verify")
            .arg(&fifo)
            .timeout(Duration::from_secs(20))
            .assert()
            .code(2);
        assert!(stderr(&a).contains("not a regular file"), "{}", stderr(&a));
    }

    // `../`, absolute and backslash names, a link entry.
    rewrite(
        &good,
        &bad("slip.zip"),
        &format!(
            "{COPY_ALL}out.writestr('r1/../../evil.txt', 'x')\nout.writestr('/etc/evil', 'x')\nout.writestr('r1\\\\data\\\\win.txt', 'x')\n\
i = zipfile.ZipInfo('r1/data/link')\ni.create_system = 3\ni.external_attr = (0o120777 << 16)\nout.writestr(i, '/etc/passwd')\n"
        ),
    );
    let v = verify_json(&ws, &bad("slip.zip"), &[], 1);
    let c = codes(&v);
    for want in ["parent-dir", "absolute-path", "backslash", "link-entry"] {
        assert!(c.contains(&want.to_string()), "{want} not found: {v}");
    }

    // A zip bomb: 20 MiB of zeros in a few KiB.
    rewrite(
        &good,
        &bad("bomb.zip"),
        &format!(
            "{COPY_ALL}out.writestr('r1/data/bomb.txt', b'\\0' * (20 << 20), compress_type=zipfile.ZIP_DEFLATED)\n"
        ),
    );
    let v = verify_json(&ws, &bad("bomb.zip"), &[], 1);
    assert!(codes(&v).contains(&"zip-bomb".to_string()), "{v}");

    // Duplicates: the same name twice, and names equal after NFC or case folding.
    rewrite(
        &good,
        &bad("dups.zip"),
        &format!(
            "{COPY_ALL}out.writestr('r1/data/01-营业执照/licence.pdf', 'again')\nout.writestr('r1/data/caf\\u00e9.pdf', 'a')\nout.writestr('r1/data/cafe\\u0301.pdf', 'b')\nout.writestr('r1/data/CASE.pdf', 'c')\nout.writestr('r1/data/case.pdf', 'd')\n"
        ),
    );
    let v = verify_json(&ws, &bad("dups.zip"), &[], 1);
    let c = codes(&v);
    assert!(c.contains(&"duplicate-name".to_string()), "{v}");
    assert_eq!(
        c.iter().filter(|x| *x == "name-collision").count(),
        2,
        "{v}"
    );

    // A payload file removed and another added: completeness, and every problem listed.
    rewrite(
        &good,
        &bad("incomplete.zip"),
        "for i in z.infolist():\n    if not i.filename.endswith('notice.png'):\n        out.writestr(i, z.read(i.filename))\nout.writestr('r1/data/extra.pdf', '%PDF-1.4 extra')\n",
    );
    let v = verify_json(&ws, &bad("incomplete.zip"), &["--complete"], 1);
    let c = codes(&v);
    for want in ["missing-file", "unlisted-file", "payload-oxum"] {
        assert!(c.contains(&want.to_string()), "{want} not found: {v}");
    }
    // A zip with no bag at all.
    rewrite(
        &good,
        &bad("nobag.zip"),
        "out.writestr('readme.txt', 'hello')\n",
    );
    let v = verify_json(&ws, &bad("nobag.zip"), &[], 1);
    assert!(codes(&v).contains(&"no-bagit-txt".to_string()), "{v}");

    // The good one is still valid at every level, in human output too.
    for level in [&["--fast"][..], &["--complete"][..], &[][..]] {
        verify_json(&ws, &good, level, 0);
    }
    let a = ws.cmd().arg("verify").arg(&good).assert().code(0);
    assert!(stdout(&a).contains("valid"));
}

/// A Python helper that writes zips byte by byte (for zips no honest writer makes): `Zip()`,
/// `z.local(name, data, method=0, usize=None)` → the fields of the local record just written,
/// `z.central_entry(name, offset, crc, csize, usize, method, extra=b"")`, `z.add(...)` (both),
/// `z.save(path)`.
const PY_ZIP: &str = r#"
import struct, sys, zlib
class Zip:
    def __init__(self):
        self.body, self.central, self.count = bytearray(), bytearray(), 0
    def local(self, name, data, method=0, usize=None):
        off = len(self.body)
        if method == 8:
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            comp = c.compress(data) + c.flush()
        else:
            comp = data
        crc, n = zlib.crc32(data), name.encode()
        usize = len(data) if usize is None else usize
        self.body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, method, 0, 0x21, crc,
                                 len(comp), usize, len(n), 0) + n + comp
        return off, crc, len(comp), usize, method
    def central_entry(self, name, off, crc, csize, usize, method, extra=b""):
        n = name.encode()
        self.central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x0314, 20, 0x800, method, 0,
                                    0x21, crc, csize, usize, len(n), len(extra), 0, 0, 0,
                                    0o100644 << 16, off) + n + extra
        self.count += 1
    def add(self, name, data, **kw):
        self.central_entry(name, *self.local(name, data, **kw))
    def save(self, path):
        with open(path, "wb") as f:
            f.write(self.body)
            f.write(self.central)
            f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, self.count, self.count,
                                len(self.central), len(self.body), 0))
"#;

fn craft(out: &Path, body: &str) {
    run_python(
        &format!("{PY_ZIP}\nz = Zip()\n{body}\nz.save(sys.argv[1])\n"),
        &[out],
    );
}

/// The entries named by the problems of one code (its V-number or its name).
fn problems_with(v: &serde_json::Value, code: &str) -> Vec<String> {
    v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["code"] == code || p["name"] == code)
        .map(|p| p["location"]["entry"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn verify_names_every_hostile_entry() {
    let ws = Ws::new();
    // Two entries hidden inside a third's data (the overlapping-entries zip bomb): both named.
    let out = ws.out("overlap.zip");
    craft(
        &out,
        r#"
inner = Zip()
x = inner.local("b/data/x.txt", b"xx")
y = inner.local("b/data/y.txt", b"yy")
big = z.local("b/data/big.bin", b"A" * 10 + bytes(inner.body) + b"B" * 10)
z.central_entry("b/data/big.bin", *big)
at = 30 + len("b/data/big.bin") + 10
z.central_entry("b/data/x.txt", at + x[0], *x[1:])
z.central_entry("b/data/y.txt", at + y[0], *y[1:])
"#,
    );
    let v = verify_json(&ws, &out, &[], 1);
    assert_eq!(
        problems_with(&v, "overlapping-entries"),
        vec!["b/data/x.txt", "b/data/y.txt"],
        "{v}"
    );
    assert!(v["problems"].to_string().contains("big.bin"), "{v}");

    // Deflate data that inflates past its declared size (under the static ratio check).
    let out = ws.out("inflates.zip");
    craft(
        &out,
        r#"z.add("b/data/t.txt", b"hello world " * 20000, method=8, usize=100)"#,
    );
    let v = verify_json(&ws, &out, &[], 1);
    assert_eq!(problems_with(&v, "zip-bomb"), vec!["b/data/t.txt"], "{v}");
    assert!(v["problems"].to_string().contains("inflates past"), "{v}");

    // A local header that names another file than the central directory.
    let out = ws.out("two-names.zip");
    craft(
        &out,
        r#"
a = z.local("b/data/a.txt", b"aaa")
z.central_entry("b/data/b.txt", *a)
z.add("b/data/c.txt", b"ccc")
"#,
    );
    let v = verify_json(&ws, &out, &[], 1);
    assert_eq!(problems_with(&v, "damaged"), vec!["b/data/b.txt"], "{v}");
    assert!(v["problems"].to_string().contains("local header"), "{v}");

    // An Info-ZIP Unicode Path field that renames an entry: the name tools disagree on.
    let out = ws.out("upath.zip");
    craft(
        &out,
        r#"
name = "b/data/ok.txt"
other = "b/../../evil.txt".encode()
upath = struct.pack("<HHB", 0x7075, 5 + len(other), 1) + struct.pack("<I", zlib.crc32(name.encode())) + other
z.central_entry(name, *z.local(name, b"x"), extra=upath)
"#,
    );
    // Python's zipfile sees "b/data/ok.txt", the zip crate the other name: both are flagged.
    let v = verify_json(&ws, &out, &[], 1);
    let c = codes(&v);
    for want in ["unsafe-name", "parent-dir"] {
        assert!(c.contains(&want.to_string()), "{want} not found: {v}");
    }
}

#[test]
fn verify_refuses_too_many_entries_before_parsing_them() {
    let ws = Ws::new();
    let out = ws.out("many.zip");
    // 100,001 empty entries (one over the limit), with Zip64 end records.
    run_python(
        r#"
import struct, sys, zlib
count = 100001
central = bytearray()
with open(sys.argv[1], "wb") as f:
    pos = 0
    for i in range(count):
        n = b"e/%07d" % i
        f.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0x21, 0, 0, 0, len(n), 0) + n)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x0314, 20, 0, 0, 0, 0x21, 0, 0, 0,
                               len(n), 0, 0, 0, 0, 0o100644 << 16, pos) + n
        pos += 30 + len(n)
    f.write(central)
    f.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, len(central), pos))
    f.write(struct.pack("<IIQI", 0x07064B50, 0, pos + len(central), 1))
    f.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0))
"#,
        &[&out],
    );
    let v = verify_json(&ws, &out, &[], 1);
    assert_eq!(codes(&v), vec!["zip-bomb"], "{v}");
    assert_eq!(v["entries"], 100001);
    assert!(
        v["problems"].to_string().contains("too many entries"),
        "{v}"
    );
}

/// A package of `files` (names under materials/, as often as they are listed; contents),
/// built by the library (no `check`: it is about the zip); the pending package, with its
/// temporary file checked against the SHA-256 computed while writing it.
fn library_package(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    listed: &[String],
) -> ccc_exempt::package::PendingPackage {
    let app = dir.join("app");
    std::fs::create_dir_all(app.join("materials")).unwrap();
    for (name, bytes) in files {
        std::fs::write(app.join("materials").join(name), bytes).unwrap();
    }
    let list: String = listed
        .iter()
        .map(|n| format!("\"materials/{n}\","))
        .collect();
    std::fs::write(
        app.join("application.toml"),
        format!(
            "condition = \"research\"\n[[materials]]\nkind = \"business-licence\"\nfiles = [{list}]\n"
        ),
    )
    .unwrap();
    let loaded = load_application("zz", &app.join("application.toml"), None).unwrap();
    let layout = ccc_exempt::package::Layout::plan(&loaded);
    let dest = dir.join("zz.zip");
    let req = ccc_exempt::package::PackageRequest {
        loaded: &loaded,
        layout: &layout,
        bag_info: vec![],
        generated: vec![],
        time: ccc_exempt::util::dos_time::DosTime::EPOCH,
        dest: &dest,
        skip_missing: false,
        within: None,
        lang: ccc_exempt::Lang::En,
    };
    let pending =
        ccc_exempt::package::build(&req, |_| Ok(b"checklist\r\n".to_vec()), &|_| {}).unwrap();
    assert_eq!(
        pending.sha256,
        sha256(&pending_path(&pending)),
        "the SHA-256 computed while writing is not the file's"
    );
    pending
}

/// The temporary file a pending package was written to (its only `.ccc-exempt-tmp` sibling).
fn pending_path(p: &ccc_exempt::package::PendingPackage) -> PathBuf {
    let dir = p.dest.parent().unwrap();
    let tmp = leftovers(dir);
    assert_eq!(tmp.len(), 1, "{tmp:?}");
    dir.join(&tmp[0])
}

#[test]
fn materials_over_8_mib_are_streamed_and_hashed_right() {
    require_python("zipfile");
    let tmp = tempfile::tempdir().unwrap();
    let size = 9 << 20;
    let mut scan = b"%PDF-1.4\n".to_vec();
    let mut x = 0x9E37_79B9u32;
    while scan.len() < size {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        scan.extend_from_slice(&x.to_le_bytes());
    }
    // Text that compresses a few times (not past the 100:1 ratio of a zip bomb).
    let mut text = Vec::new();
    while text.len() < size {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        text.extend_from_slice(format!("第{x}行 电锤 HX-26 数量 {} 台\n", x % 97).as_bytes());
    }
    let files = [
        ("big.pdf".to_string(), scan),
        ("big.txt".to_string(), text),
        ("small.pdf".to_string(), b"%PDF-1.4 small\n".to_vec()),
    ];
    let names: Vec<String> = files.iter().map(|(n, _)| n.clone()).collect();
    let pending = library_package(tmp.path(), &files, &names);
    // The two large entries were hashed by reading them back, the rest as written.
    assert!(
        pending.read_back > size as u64 && pending.read_back < pending.size,
        "read back {} of {}",
        pending.read_back,
        pending.size
    );
    let zip = pending.dest.clone();
    pending.persist().unwrap();
    let report = ccc_exempt::package::verify(
        &zip,
        ccc_exempt::package::Level::Valid,
        ccc_exempt::Lang::En,
    )
    .unwrap();
    assert!(report.valid, "{:?}", report.problems);
    run_python(
        "import sys, zipfile; assert zipfile.ZipFile(sys.argv[1]).testzip() is None",
        &[&zip],
    );
}

#[test]
fn package_over_65535_entries_is_zip64_and_verifies() {
    require_python("zipfile");
    let tmp = tempfile::tempdir().unwrap();
    // One small PDF listed 65,600 times: each listing is its own entry (one.pdf, one-2.pdf, …).
    let files = [("one.pdf".to_string(), b"%PDF-1.4 one\n".to_vec())];
    let pending = library_package(tmp.path(), &files, &vec!["one.pdf".to_string(); 65_600]);
    assert_eq!(
        pending.read_back, 0,
        "the package was read back to be hashed"
    );
    let zip = pending.dest.clone();
    pending.persist().unwrap();
    let report = ccc_exempt::package::verify(
        &zip,
        ccc_exempt::package::Level::Valid,
        ccc_exempt::Lang::En,
    )
    .unwrap();
    assert!(
        report.valid,
        "{:?}",
        &report.problems[..report.problems.len().min(5)]
    );
    assert!(report.entries > 65_535, "{}", report.entries);
    assert_eq!(report.payload_files, 65_601);
    // Python's zipfile reads it (Zip64 end records: the 16-bit count is saturated).
    let out = run_python(
        r#"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
with open(sys.argv[1], "rb") as f:
    f.seek(-22, 2)
    eocd = f.read()
assert eocd[10:12] == b"\xff\xff", eocd
print(len(z.namelist()))
"#,
        &[&zip],
    );
    assert_eq!(out.trim().parse::<usize>().unwrap(), report.entries);
}

/// 4 GiB and 4 KiB of zeros, and their SHA-256 (`head -c 4294971392 /dev/zero | sha256sum`).
const HUGE: u64 = (4 << 30) + 4096;
const HUGE_SHA256: &str = "5bc8222d078b1d6dab4a1d75403860f91afffe8a6944d469e496f553d296be3d";

/// The CRC-32 of `n` zero bytes, without reading them (CRC combination by doubling).
fn crc_of_zeros(n: u64) -> u32 {
    let mut acc = crc32fast::Hasher::new();
    let mut block = crc32fast::Hasher::new();
    block.update(&[0u8; 4096]);
    let mut left = n;
    while left >= 4096 {
        // `block` covers the largest power of two of 4 KiB blocks that fits.
        let mut b = block.clone();
        let mut len = 4096u64;
        while len * 2 <= left {
            let copy = b.clone();
            b.combine(&copy);
            len *= 2;
        }
        acc.combine(&b);
        left -= len;
    }
    acc.update(&vec![0u8; left as usize]);
    acc.finalize()
}

/// A bag over 4 GiB (a sparse Stored entry of zeros, then entries whose offsets need Zip64)
/// written with the zip crate; nothing but a few KiB reaches the disk.
fn sparse_zip64_bag(path: &Path) {
    use std::io::{Seek, SeekFrom, Write};
    use zip::write::SimpleFileOptions;
    let f = std::fs::File::create(path).unwrap();
    let mut z = zip::ZipWriter::new(f);
    let o = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .unix_permissions(0o644);
    z.add_directory("big/", o).unwrap();
    z.add_directory("big/data/", o).unwrap();
    z.start_file("big/data/huge.bin", o.large_file(true))
        .unwrap();
    // SAFETY (of the crate's contract): the entry's data is the hole made here, and its length
    // and CRC are set to exactly those of HUGE zero bytes.
    unsafe {
        z.get_mut()
            .unwrap()
            .seek(SeekFrom::Current(HUGE as i64))
            .unwrap();
        z.set_file_metadata(HUGE, crc_of_zeros(HUGE)).unwrap();
    }
    z.start_file("big/data/small.txt", o).unwrap();
    z.write_all(b"small").unwrap();
    let small = sha256_of(b"small");
    let manifest = format!("{HUGE_SHA256}  data/huge.bin\n{small}  data/small.txt\n");
    for (name, text) in [
        (
            "big/bagit.txt",
            "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".to_string(),
        ),
        (
            "big/bag-info.txt",
            format!("Payload-Oxum: {}.2\n", HUGE + 5),
        ),
        ("big/manifest-sha256.txt", manifest),
    ] {
        z.start_file(name, o).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap();
}

fn sha256_of(b: &[u8]) -> String {
    use sha2::Digest;
    ccc_exempt::util::hex::hex(&sha2::Sha256::digest(b))
}

#[test]
fn zip64_over_4_gib_sparse_verifies() {
    require_python("zipfile");
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("big.zip");
    sparse_zip64_bag(&zip);
    assert!(std::fs::metadata(&zip).unwrap().len() > HUGE);
    // Structure, sizes, offsets past 4 GiB, the manifests (the 4 GiB are not read: see below).
    let report = ccc_exempt::package::verify(
        &zip,
        ccc_exempt::package::Level::Complete,
        ccc_exempt::Lang::En,
    )
    .unwrap();
    assert!(report.valid, "{:?}", report.problems);
    assert_eq!(report.payload_bytes, HUGE + 5);
    let out = run_python(
        r#"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
huge = z.getinfo("big/data/huge.bin")
small = z.getinfo("big/data/small.txt")
assert huge.file_size == huge.compress_size == 4294971392, huge
assert small.header_offset > 1 << 32, small.header_offset
assert z.read("big/data/small.txt") == b"small"
print("ok")
"#,
        &[&zip],
    );
    assert_eq!(out.trim(), "ok");
}

#[test]
#[ignore = "reads 4 GiB of zeros through CRC-32 and SHA-256 (minutes in a debug build); run with --ignored --release"]
fn zip64_over_4_gib_sparse_is_valid_with_every_checksum() {
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("big.zip");
    sparse_zip64_bag(&zip);
    let report = ccc_exempt::package::verify(
        &zip,
        ccc_exempt::package::Level::Valid,
        ccc_exempt::Lang::En,
    )
    .unwrap();
    assert!(report.valid, "{:?}", report.problems);
}

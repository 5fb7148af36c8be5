//! End-to-end tests of the drafts the applicant completes, signs and seals (`render ID
//! safety-commitment | exhibition-statement | test-plan | justification`): each DOCX opened by an
//! independent reader (python-docx) with its filled fields asserted; what is still to write or
//! sign and where the sealed scan goes said after every document; an extension a document cannot
//! have refused with nothing written; a replaced template used.

mod common;

use std::path::Path;

use predicates::prelude::*;

use common::Demo;

fn python_text(docx: &Path) -> String {
    let script = "import sys, docx\n\
d = docx.Document(sys.argv[1])\n\
for p in d.paragraphs:\n    print(p.text)\n\
for t in d.tables:\n    for r in t.rows:\n        print('|'.join(c.text for c in r.cells))\n";
    let o = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(docx)
        .output()
        .expect("python3 is needed by the tests: run scripts/test.sh");
    assert!(
        o.status.success(),
        "python-docx could not read {}: {} (run scripts/test.sh: it installs requirements-test.txt)",
        docx.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn render(demo: &Demo, id: &str, what: &str, out: &str) -> (String, String) {
    let a = demo
        .cmd()
        .args(["render", id, what, "-o", out])
        .assert()
        .code(0);
    let err = String::from_utf8_lossy(&a.get_output().stderr).into_owned();
    (python_text(&demo.tmp.path().join(out)), err)
}

#[test]
fn each_draft_is_filled_from_the_application() {
    let demo = Demo::new();
    let (text, err) = render(&demo, "2026-expo-01", "exhibition-statement", "s.docx");
    assert!(text.contains("申请单位声明"), "{text}");
    assert!(text.contains("苏州恒拓精密电器有限公司"), "{text}");
    assert!(text.contains("2027年3月18日至2027年3月21日"), "{text}");
    let expo = demo.read_app("2026-expo-01");
    let disposal = if expo.contains("disposal = \"reexport\"") {
        "退运"
    } else {
        "销毁"
    };
    assert!(text.contains(&format!("进行{disposal}处理")), "{text}");
    assert!(text.contains("【待申请人填写或签署】"), "{text}");
    assert!(
        err.contains("Still to write or sign by the applicant:"),
        "{err}"
    );
    assert!(
        err.contains("seal it with the original company seal")
            && err.contains("kind = \"exhibition-statement\""),
        "{err}"
    );

    let (text, _) = render(&demo, "2026-expo-01", "safety-commitment", "c.docx");
    assert!(
        text.contains("关于相应产品符合国内安全标准的承诺"),
        "{text}"
    );
    assert!(text.contains("免办条件（四）"), "{text}");
    assert!(
        text.contains("逐项写明产品符合的国家标准编号及名称"),
        "{text}"
    );
    // The product lines as a table.
    assert!(text.contains("序号|产品名称|规格型号|数量|单位"), "{text}");

    let (text, _) = render(&demo, "2026-research-01", "test-plan", "t.docx");
    assert!(text.contains("研究、开发、测试计划书"), "{text}");
    assert!(text.contains("HX-26E型电锤CCC型式试验计划书"), "{text}");
    assert!(text.contains("电锤|HX-26E|3|台"), "{text}");

    let (text, err) = render(&demo, "2026-other-01", "justification", "j.docx");
    assert!(text.contains("特殊用途说明："), "{text}");
    assert!(text.contains("免办条件（六）"), "{text}");
    assert!(err.contains("kind = \"other-justification\""), "{err}");

    // The letter, too, says where its sealed scan goes.
    demo.cmd()
        .args([
            "--lang",
            "zh",
            "render",
            "2026-research-01",
            "letter",
            "-o",
            "l.docx",
        ])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("加盖申请单位原印章"))
        .stderr(predicate::str::contains("kind = \"commitment-letter\""));
}

#[test]
fn impossible_extensions_and_wrong_conditions_are_refused_with_nothing_written() {
    let demo = Demo::new();
    for (what, out) in [
        ("letter", "l.pdf"),
        ("test-plan", "t.pdf"),
        ("table", "t.docx"),
        ("checklist", "c.xlsx"),
    ] {
        demo.cmd()
            .args(["render", "2026-research-01", what, "-o", out])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("cannot be written as"));
        assert!(!demo.tmp.path().join(out).exists(), "{out} written");
    }
    demo.cmd()
        .args([
            "--lang",
            "zh",
            "render",
            "2026-research-01",
            "letter",
            "-o",
            "l.pdf",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("只能是 .docx"));
    demo.cmd()
        .args([
            "render",
            "2026-research-01",
            "exhibition-statement",
            "-o",
            "s.docx",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "exhibition-statement is for the conditions exhibition only",
        ));
    assert!(!demo.tmp.path().join("s.docx").exists());
}

#[test]
fn a_workspace_may_replace_the_drafts_templates() {
    let demo = Demo::new();
    let bundled =
        std::fs::read_to_string(common::repo().join("data/draft-templates.toml")).unwrap();
    let mine = bundled.replace(
        "title = \"特殊用途说明\"",
        "title = \"特殊用途情况说明（本单位格式）\"",
    );
    std::fs::write(demo.root.join("drafts.toml"), mine).unwrap();
    let cfg = demo.root.join("ccc-exempt.toml");
    let mut text = std::fs::read_to_string(&cfg).unwrap();
    text = format!("draft_templates = \"drafts.toml\"\n{text}");
    std::fs::write(&cfg, text).unwrap();
    let (text, _) = render(&demo, "2026-other-01", "justification", "j.docx");
    assert!(text.contains("特殊用途情况说明（本单位格式）"), "{text}");
}

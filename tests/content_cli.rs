//! `check` and `inspect` on the material content, end to end: the demo mistakes named with what
//! was measured, the waiver, `--content off|require`, an OCR command reading the business licence
//! (M016 only for another USCC with a valid check character, else M015), Tesseract when it is
//! installed, and the cache (a second check examines nothing).

mod common;
mod support;

use ccc_exempt::application::uscc;
use common::Demo;
use support::scan::{self, Spec};

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).expect("JSON on stdout")
}

fn findings(v: &serde_json::Value) -> Vec<serde_json::Value> {
    v["applications"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["findings"].as_array().unwrap().clone())
        .collect()
}

fn codes(v: &serde_json::Value) -> Vec<String> {
    findings(v)
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_demo_mistakes_are_named_with_what_was_measured() {
    let d = Demo::new();
    let out = d
        .cmd()
        .args(["--format", "json", "check", "mistake-materials"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out.stdout);
    let f = findings(&v);
    let grey = f
        .iter()
        .find(|f| f["code"] == "M013")
        .expect("the grey copy");
    assert_eq!(grey["measured"]["file"], "materials/business-licence.pdf");
    assert_eq!(grey["measured"]["page"], 1);
    assert_eq!(grey["measured"]["seal"]["colour"], "grey");
    let unsealed = f
        .iter()
        .find(|f| f["code"] == "M012")
        .expect("the unsealed page");
    assert_eq!(
        unsealed["measured"]["file"],
        "materials/import-contract.pdf"
    );
    let photo = f
        .iter()
        .find(|f| f["code"] == "M014")
        .expect("the 70-dpi photo");
    assert_eq!(photo["measured"]["dpi"], 70);
    assert_eq!(photo["location"]["key"], "materials[3].files[1]");

    // --content off: none of them; require: the unexaminable file is an error.
    let off = d
        .cmd()
        .args([
            "--format",
            "json",
            "check",
            "--content",
            "off",
            "mistake-materials",
        ])
        .output()
        .unwrap();
    assert!(
        !codes(&json(&off.stdout))
            .iter()
            .any(|c| c.starts_with("M01") && c != "M010" && c != "M011")
    );
    let req = d
        .cmd()
        .args([
            "--format",
            "json",
            "check",
            "--content",
            "require",
            "mistake-materials",
        ])
        .output()
        .unwrap();
    let m017: Vec<_> = findings(&json(&req.stdout))
        .into_iter()
        .filter(|f| f["code"] == "M017")
        .collect();
    assert!(!m017.is_empty() && m017.iter().all(|f| f["severity"] == "error"));

    // The waiver: M012–M015 of a reviewed material become info with the reason.
    let src = d.read_app("mistake-materials");
    let src = src.replacen(
        "files = [\"materials/import-contract.pdf\", \"materials/commercial-invoice.pdf\"]",
        "files = [\"materials/import-contract.pdf\", \"materials/commercial-invoice.pdf\"]\ncontent_reviewed = \"原件已核对，扫描件补盖章后再传\"",
        1,
    );
    d.write_app("mistake-materials", src);
    let out = d
        .cmd()
        .args([
            "--format",
            "json",
            "--lang",
            "zh",
            "check",
            "mistake-materials",
        ])
        .output()
        .unwrap();
    let f = findings(&json(&out.stdout));
    for code in ["M012", "M014"] {
        let x = f.iter().find(|f| f["code"] == code).unwrap();
        assert_eq!(x["severity"], "info", "{x}");
        assert!(x["hint"].as_str().unwrap().contains("原件已核对"), "{x}");
    }
    assert_eq!(
        f.iter().find(|f| f["code"] == "M013").unwrap()["severity"],
        "warning",
        "another material keeps its warning"
    );

    // inspect sees the same, and draws it.
    let preview = d.tmp.path().join("preview.png");
    let out = d
        .cmd()
        .args(["--format", "json", "inspect"])
        .arg(
            d.app_dir("mistake-materials")
                .join("materials/business-licence.pdf"),
        )
        .arg("--preview")
        .arg(&preview)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out.stdout);
    assert_eq!(v["schema"], "ccc-exempt/inspect/1");
    assert_eq!(
        v["files"][0]["examination"]["pages"][0]["seals"][0]["colour"],
        "grey"
    );
    let png = std::fs::read(&preview).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    // The output guard: the preview never replaces an input.
    let input = d
        .app_dir("mistake-materials")
        .join("materials/business-licence.pdf");
    let out = d
        .cmd()
        .arg("inspect")
        .arg(&input)
        .arg("--preview")
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// `check --format json` of the repair application of [`licence_scan_read_as`].
fn licence_read_as(words: &str) -> serde_json::Value {
    let d = licence_scan_read_as(words);
    let out = d
        .cmd()
        .args(["--format", "json", "check", "2026-repair-01"])
        .output()
        .unwrap();
    json(&out.stdout)
}

/// A workspace whose repair application's licence is a scan without a text layer, read by an
/// OCR command that prints `words` as TSV.
fn licence_scan_read_as(words: &str) -> Demo {
    let d = Demo::new();
    let script = d.tmp.path().join("fake-ocr.sh");
    let mut tsv = String::from(
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n",
    );
    for (i, w) in words.split(' ').enumerate() {
        tsv.push_str(&format!(
            "5\t1\t1\t1\t1\t{i}\t{}\t40\t60\t20\t90\t{w}\n",
            40 + i * 70
        ));
    }
    std::fs::write(d.tmp.path().join("words.tsv"), tsv).unwrap();
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\ncat >/dev/null\ncat '{}'\n",
            d.tmp.path().join("words.tsv").display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let cfg = d.root.join("ccc-exempt.toml");
    let mut text = std::fs::read_to_string(&cfg).unwrap();
    text.push_str(&format!(
        "\n[content]\nocr_command = \"{}\"\n",
        script.display()
    ));
    std::fs::write(&cfg, text).unwrap();
    let page = scan::page(&Spec::a4(21, 150.0));
    std::fs::write(
        d.app_dir("2026-repair-01")
            .join("materials/licence-scan.jpg"),
        page.to_jpeg(70),
    )
    .unwrap();
    let src = d.read_app("2026-repair-01").replace(
        "materials/business-licence.pdf",
        "materials/licence-scan.jpg",
    );
    d.write_app("2026-repair-01", src);
    d
}

/// The code of another company: the applicant's with two characters changed and the check
/// character GB 32100 gives.
fn other_valid_uscc() -> String {
    let first17 = "91320594MA27H3KW6";
    match uscc::validate(&format!("{first17}0")) {
        Ok(c) => c,
        Err(uscc::UsccError::Check { expected, .. }) => format!("{first17}{expected}"),
        Err(e) => panic!("{e:?}"),
    }
}

#[test]
fn the_business_licence_read_by_an_ocr_command() {
    // The applicant's own code, with look-alikes (O for 0, S for 5) and its name: no finding.
    let v = licence_read_as("名称 苏州恒拓精密电器有限公司 统一社会信用代码 9132O594MA27H3JW6F");
    let c = codes(&v);
    assert!(
        !c.iter().any(|c| c == "M015" || c == "M016" || c == "M017"),
        "{c:?}"
    );
    // Another company's code with a valid check character: M016, naming both.
    let other = other_valid_uscc();
    let v = licence_read_as(&format!("名称 苏州恒拓精密电器有限公司 代码 {other}"));
    let f = findings(&v);
    let m016 = f.iter().find(|f| f["code"] == "M016").expect("M016");
    assert_eq!(m016["severity"], "error");
    assert_eq!(m016["measured"]["found"], other.as_str());
    assert_eq!(m016["measured"]["text_from"], "ocr");
    // A misread code (its check character wrong) and a misread name: M015 (needs review), never M016.
    let v = licence_read_as("名称 苏州恒拓精密电器有限公伟 代码 91320594MA27H3JW6E");
    let c = codes(&v);
    assert!(!c.contains(&"M016".to_string()), "{c:?}");
    assert_eq!(c.iter().filter(|c| *c == "M015").count(), 2, "{c:?}");
}

#[test]
fn package_refuses_what_the_examination_finds_in_error() {
    // Another company's licence: M016, an error, found by the examination the package's own
    // check makes (not only by `check`).
    let d = licence_scan_read_as(&format!(
        "名称 苏州恒拓精密电器有限公司 代码 {}",
        other_valid_uscc()
    ));
    let zip = d.tmp.path().join("repair.zip");
    let out = d
        .cmd()
        .args(["package", "2026-repair-01", "-o"])
        .arg(&zip)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("M016"), "{err}");
    assert!(!zip.exists());
    // Asked not to examine, it builds (as before the check examined content).
    let out = d
        .cmd()
        .args(["package", "2026-repair-01", "--content", "off", "-o"])
        .arg(&zip)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(zip.exists());
}

#[test]
fn without_an_ocr_engine_a_scanned_licence_is_m017_with_the_install_hint() {
    let d = Demo::new();
    let page = scan::page(&Spec::a4(22, 150.0));
    std::fs::write(
        d.app_dir("2026-repair-01")
            .join("materials/licence-scan.jpg"),
        page.to_jpeg(70),
    )
    .unwrap();
    let src = d.read_app("2026-repair-01").replace(
        "materials/business-licence.pdf",
        "materials/licence-scan.jpg",
    );
    d.write_app("2026-repair-01", src);
    let out = d
        .cmd()
        .args(["--format", "json", "check", "2026-repair-01"])
        .output()
        .unwrap();
    let f = findings(&json(&out.stdout));
    let m017 = f.iter().find(|f| f["code"] == "M017").expect("M017");
    assert_eq!(m017["severity"], "info");
    assert!(
        m017["message"]
            .as_str()
            .unwrap()
            .contains("tesseract-ocr-chi-sim")
    );
    assert_eq!(out.status.code(), Some(0), "info does not fail the check");
}

/// Whether `tesseract` with `chi_sim` is on the PATH; says why the test is skipped when not.
fn tesseract_with_chi_sim() -> bool {
    let Some(dir) = std::env::var_os("PATH")
        .and_then(|p| std::env::split_paths(&p).find(|d| d.join("tesseract").is_file()))
    else {
        println!(
            "skipped: tesseract is not on the PATH (apt-get install tesseract-ocr tesseract-ocr-chi-sim)"
        );
        return false;
    };
    let langs = std::process::Command::new(dir.join("tesseract"))
        .arg("--list-langs")
        .output()
        .unwrap();
    if !String::from_utf8_lossy(&langs.stdout)
        .lines()
        .any(|l| l.trim() == "chi_sim")
    {
        println!("skipped: tesseract has no chi_sim (apt-get install tesseract-ocr-chi-sim)");
        return false;
    }
    true
}

/// `check --format json` of the demo's repair application with its business licence replaced
/// by the scan `jpeg` (no text layer), with the PATH of the tests (so tesseract, if there).
fn check_with_licence_scan(jpeg: &[u8]) -> serde_json::Value {
    let d = Demo::new();
    std::fs::write(
        d.app_dir("2026-repair-01")
            .join("materials/licence-scan.jpg"),
        jpeg,
    )
    .unwrap();
    let src = d.read_app("2026-repair-01").replace(
        "materials/business-licence.pdf",
        "materials/licence-scan.jpg",
    );
    d.write_app("2026-repair-01", src);
    let out = d
        .cmd()
        .env("PATH", std::env::var_os("PATH").unwrap())
        .args(["--format", "json", "check", "2026-repair-01"])
        .output()
        .unwrap();
    json(&out.stdout)
}

#[test]
fn tesseract_reads_a_scan_when_installed() {
    if !tesseract_with_chi_sim() {
        return;
    }
    let v = check_with_licence_scan(&scan::page(&Spec::a4(23, 150.0)).to_jpeg(70));
    let f = findings(&v);
    // The generated glyphs are not characters: OCR ran (no M017) and found neither the name nor
    // the code, which is "needs review", never "another company".
    assert!(!f.iter().any(|f| f["code"] == "M017"), "{f:?}");
    assert!(!f.iter().any(|f| f["code"] == "M016"), "{f:?}");
    assert!(
        f.iter()
            .any(|f| f["code"] == "M015" && f["measured"]["text_from"] == "ocr"),
        "{f:?}"
    );
}

#[test]
fn tesseract_reads_the_code_and_the_name_printed_on_a_licence() {
    if !tesseract_with_chi_sim() {
        return;
    }
    let Some(font) = scan::cjk_font() else {
        println!(
            "skipped: no font with Chinese glyphs to print the licence (apt-get install fonts-wqy-zenhei)"
        );
        return;
    };
    // A licence as a phone or a scanner gives it: 300 dpi, JPEG, the red seal over the text.
    // A licence as a scanner gives it: 200 dpi, JPEG, the red seal over the signature line.
    let licence = |uscc: &str| {
        scan::printed(&Spec::a4(24, 200.0), &scan::licence_lines(uscc), font).to_jpeg(80)
    };
    // The applicant's own code and name, read by OCR: nothing to review.
    let v = check_with_licence_scan(&licence("91320594MA27H3JW6F"));
    let f = findings(&v);
    assert!(
        !f.iter()
            .any(|f| ["M015", "M016", "M017"].contains(&f["code"].as_str().unwrap())),
        "{f:#?}"
    );
    // Another company's licence (a valid code that is not the applicant's): M016, read by OCR.
    let other = other_valid_uscc();
    let v = check_with_licence_scan(&licence(&other));
    let f = findings(&v);
    let m016 = f.iter().find(|f| f["code"] == "M016").expect("M016");
    assert_eq!(m016["measured"]["found"], other.as_str(), "{m016:#?}");
    assert_eq!(m016["measured"]["text_from"], "ocr");
}

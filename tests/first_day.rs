//! What a new user ran into on a first day with the tool, one test per defect: contradictory or
//! wrong output, English where Chinese was due, set-up surprises. Each runs the binary on a
//! private copy of the demo workspace (or a temporary directory) with the clock pinned.

mod common;

use common::{Demo, bin};

fn out(c: &mut assert_cmd::Command) -> (i32, String, String) {
    let o = c.output().expect("run the binary");
    (
        o.status.code().expect("exit code"),
        String::from_utf8(o.stdout).expect("stdout is UTF-8"),
        String::from_utf8(o.stderr).expect("stderr is UTF-8"),
    )
}

fn ok(c: &mut assert_cmd::Command) -> String {
    let (code, stdout, stderr) = out(c);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    stdout
}

/// The demo with 2026-research-01 approved as MB2026120001 (3 units of line 1).
fn approved() -> Demo {
    let demo = Demo::new();
    ok(demo.cmd().args(["check", "2026-research-01"]));
    ok(demo.cmd().args(["app", "submit", "2026-research-01"]));
    ok(demo.cmd().args([
        "app",
        "approve",
        "2026-research-01",
        "--cert-no",
        "MB2026120001",
        "--issued",
        "2026-11-27",
    ]));
    demo
}

#[test]
fn status_does_not_deny_the_deadline_it_shows() {
    let demo = approved();
    for (lang, denial) in [
        ("en", "No deadline reminder or risk flag."),
        ("zh", "无期限提醒或风险标记。"),
    ] {
        let s = ok(demo
            .cmd()
            .env("COLUMNS", "200")
            .args(["--lang", lang, "status"]));
        assert!(s.contains("(D001)"), "{s}");
        assert!(!s.contains(denial), "{s}");
        assert!(
            s.contains("have deadlines ahead, the next") || s.contains("有待办期限，最近为"),
            "{s}"
        );
    }
}

#[test]
fn verify_json_level_does_not_read_as_a_verdict() {
    let demo = approved();
    let zip = demo.tmp.path().join("r1.zip");
    let (code, _, err) = out(demo
        .cmd()
        .args(["package", "2026-research-01", "-o"])
        .arg(&zip));
    assert_eq!(code, 0, "{err}");
    // Flip one byte of the payload near the end of the first entry's data.
    let mut bytes = std::fs::read(&zip).unwrap();
    let i = bytes.len() / 3;
    bytes[i] ^= 0xff;
    std::fs::write(&zip, &bytes).unwrap();
    let (code, stdout, _) = out(demo.cmd().args(["--format", "json", "verify"]).arg(&zip));
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["valid"], false);
    assert_eq!(v["level"], "checksums");
}

#[test]
fn color_always_colours_even_under_no_color() {
    let demo = Demo::new();
    let (_, stdout, _) = out(demo.cmd().env("NO_COLOR", "1").args([
        "--color",
        "always",
        "check",
        "mistake-materials",
    ]));
    assert!(!stdout.contains("\x1b[m"), "empty escape codes: {stdout:?}");
    assert!(
        stdout.contains("\x1b[38;5;9m")
            || stdout.contains("\x1b[31m")
            || stdout.contains("\x1b[38;5;1m"),
        "{stdout:?}"
    );
    // And NO_COLOR with auto: no escape at all.
    let (_, stdout, _) = out(demo
        .cmd()
        .env("NO_COLOR", "1")
        .args(["check", "mistake-materials"]));
    assert!(!stdout.contains('\x1b'), "{stdout:?}");
}

#[test]
fn condition_other_names_the_roles_it_allows() {
    let demo = Demo::new();
    let text = demo.read_app("2026-other-01");
    let text: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("applicant_role"))
        .map(|l| format!("{l}\n"))
        .collect();
    demo.write_app("2026-other-01", text);
    for lang in ["en", "zh"] {
        let (_, stdout, _) =
            out(demo
                .cmd()
                .env("COLUMNS", "200")
                .args(["--lang", lang, "check", "2026-other-01"]));
        assert!(stdout.contains("A003"), "{stdout}");
        assert!(
            !stdout.contains("allows: *") && !stdout.contains("允许：*"),
            "{stdout}"
        );
        assert!(stdout.contains("任何企业法人、社会组织法人"), "{stdout}");
    }
}

#[test]
fn a_float_price_is_reported_once() {
    let demo = Demo::new();
    let text = demo.read_app("2026-repair-01");
    let mut done = false;
    let text: String = text
        .lines()
        .map(|l| {
            if !done && l.starts_with("unit_price") {
                done = true;
                "unit_price = 12.50\n".to_string()
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    assert!(done);
    demo.write_app("2026-repair-01", text);
    let (code, stdout, _) = out(demo
        .cmd()
        .args(["--format", "json", "check", "2026-repair-01"]));
    assert_eq!(code, 2, "{stdout}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let findings = v["applications"][0]["findings"].as_array().unwrap();
    let price: Vec<_> = findings
        .iter()
        .filter(|f| f["message"].as_str().unwrap().contains("unit_price"))
        .collect();
    assert_eq!(price.len(), 1, "{findings:#?}");
    assert!(
        price[0]["message"]
            .as_str()
            .unwrap()
            .contains("decimal string")
    );
}

fn import_csv(demo: &Demo) -> Vec<u8> {
    let text = "cert,line,kind,qty,date,doc_no,location,operator,note,evidence,key\n\
        MB2026120001,1,入库,3,2026-12-08,HT-RD-2026-031,研发中心样品库,李卓然,样机到货入库,,ERP-1\n";
    let _ = demo;
    text.as_bytes().to_vec()
}

#[test]
fn a_gbk_csv_gets_the_encoding_hint_and_no_spurious_empty_kind() {
    let demo = approved();
    let utf8 = String::from_utf8(import_csv(&demo)).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&utf8);
    let path = demo.tmp.path().join("gbk.csv");
    std::fs::write(&path, &gbk).unwrap();
    let (code, stdout, _) = out(demo
        .cmd()
        .args(["--format", "json", "ledger", "import", "--dry-run"])
        .arg(&path));
    assert_eq!(code, 2, "{stdout}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let codes: Vec<&str> = v["report"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"I005"), "{codes:?}");
    assert!(!codes.contains(&"I008"), "{codes:?}");
}

#[test]
fn a_semicolon_csv_is_one_clear_problem_not_bad_rows_of_zero() {
    let demo = approved();
    let text = String::from_utf8(import_csv(&demo))
        .unwrap()
        .replace(',', ";");
    let path = demo.tmp.path().join("semi.csv");
    std::fs::write(&path, text).unwrap();
    let (code, _, stderr) = out(demo
        .cmd()
        .args(["ledger", "import", "--dry-run"])
        .arg(&path));
    assert_eq!(code, 2, "{stderr}");
    assert!(!stderr.contains("of 0"), "{stderr}");
    assert!(stderr.contains("separated by ';'"), "{stderr}");
    assert!(!stderr.contains("is missing"), "{stderr}");
}

#[test]
fn render_help_has_no_defaults_above() {
    let (code, stdout, _) = out(bin().args(["render", "--help"]));
    assert_eq!(code, 0);
    assert!(!stdout.contains("defaults above"), "{stdout}");
    assert!(stdout.contains("后续管理承诺书.docx"), "{stdout}");
}

#[test]
fn the_ledger_for_inspectors_is_chinese() {
    let demo = approved();
    let csv = demo.tmp.path().join("台账.csv");
    ok(demo
        .cmd()
        .args(["--lang", "en", "ledger", "export", "-o"])
        .arg(&csv));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(!text.contains("units certified"), "{text}");
    assert!(!text.contains("1 lines"), "{text}");
    assert!(text.contains("核准数量合计 3"), "{text}");
    let xlsx = demo.tmp.path().join("台账.xlsx");
    ok(demo.cmd().args(["ledger", "export", "-o"]).arg(&xlsx));
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    use calamine::Reader;
    let mut all = String::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        for row in range.rows() {
            for c in row {
                all.push_str(&c.to_string());
                all.push('\t');
            }
        }
    }
    assert!(!all.contains("免办条件：research"), "{all}");
    assert!(
        all.contains("为科研、测试和认证检测所需的产品和样品"),
        "{all}"
    );
    assert!(!all.contains("units certified"), "{all}");
}

#[test]
fn a_failed_init_leaves_no_directory() {
    let tmp = tempfile::tempdir().unwrap();
    // No terminal and no profile flags.
    let (code, _, _) = out(bin().current_dir(tmp.path()).args(["init", "ws"]));
    assert_eq!(code, 2);
    assert!(!tmp.path().join("ws").exists());
    // A bad USCC.
    let (code, _, _) = out(bin().current_dir(tmp.path()).args([
        "init",
        "ws2",
        "--name",
        "深圳某某科技有限公司",
        "--uscc",
        "91440300MA5F00000",
    ]));
    assert_eq!(code, 2);
    assert!(!tmp.path().join("ws2").exists());
}

/// A valid USCC of a Shenzhen company (division 440300), check character computed.
fn shenzhen_uscc() -> String {
    const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    let body = "91440300MA5F00012";
    let sum: u32 = body
        .chars()
        .enumerate()
        .map(|(i, c)| ALPHABET.find(c).unwrap() as u32 * 3u32.pow(i as u32) % 31)
        .sum();
    let check = (31 - sum % 31) % 31;
    format!("{body}{}", ALPHABET.chars().nth(check as usize).unwrap())
}

#[test]
fn init_suggests_the_authority_of_the_uscc_and_render_warns_without_one() {
    let tmp = tempfile::tempdir().unwrap();
    let uscc = shenzhen_uscc();
    let (code, _, stderr) = out(bin().current_dir(tmp.path()).args([
        "init",
        "ws",
        "--name",
        "深圳某某科技有限公司",
        "--uscc",
        &uscc,
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("深圳市市场监督管理局"), "{stderr}");
    let cfg = std::fs::read_to_string(tmp.path().join("ws/ccc-exempt.toml")).unwrap();
    assert!(cfg.contains("深圳市市场监督管理局"), "{cfg}");
    assert!(!cfg.contains("上海"), "{cfg}");
}

#[test]
fn a_letter_to_no_authority_or_another_one_is_warned() {
    let demo = Demo::new();
    let cfg_path = demo.root.join("ccc-exempt.toml");
    let cfg = std::fs::read_to_string(&cfg_path).unwrap();
    let without: String = cfg
        .lines()
        .filter(|l| !l.starts_with("authority"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&cfg_path, &without).unwrap();
    let letter = demo.tmp.path().join("l.docx");
    let (code, _, stderr) = out(demo
        .cmd()
        .args(["render", "2026-research-01", "letter", "-o"])
        .arg(&letter));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("names no authority"), "{stderr}");
    assert!(stderr.contains("苏州市市场监督管理局"), "{stderr}");
    // Another city's authority.
    std::fs::write(
        &cfg_path,
        format!("authority = \"上海市市场监督管理局\"\n{without}"),
    )
    .unwrap();
    std::fs::remove_file(&letter).unwrap();
    let (code, _, stderr) = out(demo
        .cmd()
        .args(["--lang", "zh", "render", "2026-research-01", "letter", "-o"])
        .arg(&letter));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("上海市市场监督管理局") && stderr.contains("苏州"),
        "{stderr}"
    );
}

#[test]
fn a_mistyped_condition_gets_did_you_mean() {
    let demo = Demo::new();
    let (code, _, stderr) = out(demo.cmd().args(["new", "x", "--condition", "reseach"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean `research`"), "{stderr}");
    let (_, _, stderr) =
        out(demo
            .cmd()
            .args(["--lang", "zh", "new", "x", "--condition", "reseach"]));
    assert!(stderr.contains("`research`"), "{stderr}");
    assert!(!demo.app_dir("x").exists());
    // In application.toml too.
    let text = demo.read_app("2026-research-01").replacen(
        "condition = \"research\"",
        "condition = \"reseach\"",
        1,
    );
    demo.write_app("2026-research-01", text);
    let (_, stdout, _) = out(demo
        .cmd()
        .env("COLUMNS", "200")
        .args(["check", "2026-research-01"]));
    assert!(stdout.contains("did you mean `research`"), "{stdout}");
    // And a movement kind.
    let (code, _, stderr) = out(demo.cmd().args([
        "ledger", "add", "--cert", "X", "--line", "1", "--kind", "inbund", "--qty", "1",
    ]));
    assert_eq!(code, 2);
    assert!(stderr.contains("did you mean `inbound`"), "{stderr}");
}

#[test]
fn quantity_is_an_alias_of_qty() {
    let demo = approved();
    ok(demo.cmd().args([
        "ledger",
        "add",
        "--cert",
        "MB2026120001",
        "--line",
        "1",
        "--kind",
        "inbound",
        "--quantity",
        "2",
        "--doc-no",
        "IMP-1",
    ]));
    let (_, help, _) = out(bin().args(["ledger", "add", "--help"]));
    assert!(help.contains("--quantity"), "{help}");
}

#[test]
fn a_mistyped_role_gets_did_you_mean_and_format_errors_are_in_the_language() {
    let demo = Demo::new();
    let text = demo.read_app("2026-repair-01");
    let role = text
        .lines()
        .find(|l| l.starts_with("applicant_role"))
        .unwrap()
        .to_string();
    demo.write_app(
        "2026-repair-01",
        text.replacen(&role, "applicant_role = \"repair-unti\"", 1),
    );
    let (_, stdout, _) = out(demo
        .cmd()
        .env("COLUMNS", "200")
        .args(["check", "2026-repair-01"]));
    assert!(stdout.contains("did you mean `repair-unit`?"), "{stdout}");
    let (code, _, stderr) = out(demo
        .cmd()
        .args(["--lang", "zh", "--format", "junit", "status"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("此命令不支持 --format junit"), "{stderr}");
    let (code, _, stderr) =
        out(demo
            .cmd()
            .args(["--lang", "zh", "new", "bad id", "--condition", "research"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("不是有效的申请编号"), "{stderr}");
}

#[test]
fn a_mistyped_toml_value_gets_did_you_mean() {
    let demo = Demo::new();
    let text = demo.read_app("2026-research-01").replacen(
        "disposal = \"reexport\"",
        "disposal = \"reexprot\"",
        1,
    );
    demo.write_app("2026-research-01", text);
    let (code, stdout, _) = out(demo
        .cmd()
        .args(["--format", "json", "check", "2026-research-01"]));
    assert_eq!(code, 1, "{stdout}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let hints: Vec<&str> = v["applications"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["hint"].as_str())
        .collect();
    assert!(hints.contains(&"did you mean `reexport`?"), "{stdout}");
}

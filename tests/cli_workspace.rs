//! End-to-end tests of the workspace commands: init, new, app, catalogue, explain, languages.

use assert_cmd::Command;
use predicates::prelude::*;

const NOW: &str = "2026-11-27T09:00:00+08:00";

fn bin(dir: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("ccc-exempt").unwrap();
    c.current_dir(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("CCC_EXEMPT_WORKSPACE")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("CCC_EXEMPT_NOW", NOW);
    c
}

fn init(dir: &std::path::Path) {
    bin(dir)
        .args([
            "init",
            "ws",
            "--name",
            "上海某某检测技术有限公司",
            "--uscc",
            "91110108551385082Q",
        ])
        .assert()
        .success();
}

#[test]
fn init_with_flags_writes_the_profile() {
    let t = tempfile::tempdir().unwrap();
    init(t.path());
    let cfg = std::fs::read_to_string(t.path().join("ws/ccc-exempt.toml")).unwrap();
    assert!(cfg.contains("name = \"上海某某检测技术有限公司\""));
    assert!(cfg.contains("uscc = \"91110108551385082Q\""));
    assert!(t.path().join("ws/.ccc-exempt/workspace.db").is_file());
    // Twice: refused, exit 2.
    bin(t.path())
        .args(["init", "ws", "--name", "x", "--uscc", "91110108551385082Q"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already a workspace"));
}

#[test]
fn init_without_a_terminal_never_prompts_and_names_the_flags() {
    let t = tempfile::tempdir().unwrap();
    bin(t.path())
        .args(["init", "ws"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--name").and(predicate::str::contains("--uscc")));
    assert!(!t.path().join("ws/ccc-exempt.toml").exists());
    // A bad USCC is refused before anything is written.
    bin(t.path())
        .args(["init", "ws", "--name", "x", "--uscc", "91110108551385082A"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("check character"));
    assert!(!t.path().join("ws/ccc-exempt.toml").exists());
}

#[test]
fn new_scaffold_then_check_lists_what_is_missing() {
    let t = tempfile::tempdir().unwrap();
    init(t.path());
    let ws = t.path().join("ws");
    for (id, cond) in [
        ("r1", "research"),
        ("r2", "repair"),
        ("r3", "3"),
        ("r4", "exhibition"),
        ("r5", "export-assembly"),
        ("r6", "other"),
    ] {
        bin(&ws)
            .args(["new", id, "--condition", cond])
            .assert()
            .success();
        let text = std::fs::read_to_string(ws.join(format!("applications/{id}/application.toml")))
            .unwrap();
        assert!(
            text.contains("# kind = \"business-licence\""),
            "{id}: materials as placeholders"
        );
        assert!(text.contains("申请人营业执照"), "{id}: Chinese names");
    }
    let out = bin(&ws)
        .args(["--format", "json", "check", "r1"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let mut codes: Vec<String> = v["applications"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect();
    codes.sort();
    codes.dedup();
    // Exactly what a fresh research scaffold lacks: role, purpose, products, import numbers,
    // the five required materials, the plan's title. The applicant comes from the profile.
    assert_eq!(codes, ["A003", "C003", "M001", "M007", "M011", "P001"]);
    let m001 = v["applications"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "M001")
        .count();
    assert_eq!(m001, 5);
    // Condition 3 has one role: the scaffold fills it, so no A003.
    let out = bin(&ws)
        .args(["--format", "json", "check", "r3"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert!(!String::from_utf8_lossy(&out).contains("A003"));
    // A second `new` with the same ID is refused; a bad ID or condition is exit 2.
    bin(&ws)
        .args(["new", "r1", "--condition", "research"])
        .assert()
        .code(2);
    bin(&ws)
        .args(["new", "../evil", "--condition", "research"])
        .assert()
        .code(2);
    bin(&ws)
        .args(["new", "x", "--condition", "tourism"])
        .assert()
        .code(2);
    assert!(!t.path().join("evil").exists());
}

#[test]
fn app_list_and_show() {
    let t = tempfile::tempdir().unwrap();
    init(t.path());
    let ws = t.path().join("ws");
    bin(&ws)
        .args(["new", "a1", "--condition", "research"])
        .assert()
        .success();
    bin(&ws).args(["check"]).assert().code(1);
    let out = bin(&ws)
        .args(["--format", "json", "app", "list"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["applications"][0]["id"], "a1");
    assert_eq!(v["applications"][0]["status"], "draft");
    assert!(
        v["applications"][0]["last_check"]["errors"]
            .as_i64()
            .unwrap()
            > 0
    );
    bin(&ws)
        .args(["app", "show", "a1"])
        .assert()
        .success()
        .stdout(predicate::str::contains("research").and(predicate::str::contains("M001")));
    bin(&ws).args(["app", "show", "nope"]).assert().code(2);
}

#[test]
fn no_workspace_is_exit_3() {
    let t = tempfile::tempdir().unwrap();
    bin(t.path())
        .args(["app", "list"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("ccc-exempt init"));
    bin(t.path())
        .args(["--workspace", "/nonexistent/ws", "check"])
        .assert()
        .code(3);
    bin(t.path())
        .env("CCC_EXEMPT_WORKSPACE", t.path().join("nope"))
        .args(["check"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("CCC_EXEMPT_WORKSPACE"));
}

#[test]
fn catalogue_commands() {
    let t = tempfile::tempdir().unwrap();
    bin(t.path())
        .args(["catalogue", "search", "插头"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0201"))
        .stderr(predicate::str::contains(
            "96 of 96 product types, 108 codes",
        ));
    bin(t.path())
        .args(["catalogue", "show", "0201"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("插头插座").and(predicate::str::contains("VERIFIED_2023")),
        );
    bin(t.path())
        .args(["catalogue", "show", "4"])
        .assert()
        .success()
        .stdout(predicate::str::contains("插头插座").and(predicate::str::contains("0201")));
    bin(t.path())
        .args(["catalogue", "show", "0507"])
        .assert()
        .success()
        .stdout(predicate::str::contains("removed"));
    bin(t.path())
        .args(["catalogue", "show", "9999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("96 of 96"));
    let out = bin(t.path())
        .args(["--format", "json", "catalogue", "list"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["coverage"]["items_with_code"], 96);
    assert_eq!(v["coverage"]["total_items"], 96);
    assert_eq!(v["coverage"]["codes"], 108);
    bin(t.path())
        .args(["catalogue", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("96 of 96"));
}

#[test]
fn workspace_catalogue_file_replaces_the_bundled_one_and_is_validated() {
    let t = tempfile::tempdir().unwrap();
    init(t.path());
    let ws = t.path().join("ws");
    let header = "item_no,category_no_zh,category_name_zh,product_code,product_name_zh,product_name_en,self_declaration,status,note";
    std::fs::write(
        ws.join("official.csv"),
        format!("{header}\n1,一,电线电缆,0101,电线组件,Wire,,OFFICIAL,\n"),
    )
    .unwrap();
    let cfg = std::fs::read_to_string(ws.join("ccc-exempt.toml")).unwrap();
    std::fs::write(
        ws.join("ccc-exempt.toml"),
        format!("catalogue = \"official.csv\"\n{cfg}"),
    )
    .unwrap();
    bin(&ws)
        .args(["catalogue", "show", "0201"])
        .assert()
        .code(2);
    bin(&ws)
        .args(["catalogue", "show", "0101"])
        .assert()
        .success();
    std::fs::write(
        ws.join("official.csv"),
        format!("{header}\n1,一,电线电缆,01,电线组件,Wire,,OFFICIAL,\n"),
    )
    .unwrap();
    bin(&ws)
        .args(["catalogue", "list"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("official.csv:2:").and(predicate::str::contains("4 digits")),
        );
}

#[test]
fn explain_every_code_in_both_languages() {
    let t = tempfile::tempdir().unwrap();
    let out = bin(t.path())
        .args(["--format", "json", "explain", "all"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let codes: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_string())
        .collect();
    assert!(codes.len() >= 36);
    for code in &codes {
        bin(t.path())
            .args(["explain", code])
            .assert()
            .success()
            .stdout(predicate::str::contains("How to fix"));
    }
    bin(t.path())
        .args(["--lang", "zh", "explain", "m003"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("公章不得为复印件").and(predicate::str::contains("如何修正")),
        );
    bin(t.path())
        .env("LANG", "zh_CN.UTF-8")
        .args(["explain", "A002"])
        .assert()
        .success()
        .stdout(predicate::str::contains("指南条款"));
    bin(t.path()).args(["explain", "Z999"]).assert().code(2);
}

#[test]
fn a_closed_pipe_is_not_a_crash_and_a_bad_clock_is_exit_2() {
    let t = tempfile::tempdir().unwrap();
    let exe = assert_cmd::cargo::cargo_bin("ccc-exempt");
    let mut child = std::process::Command::new(&exe)
        .args(["catalogue", "list"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    assert!(out.status.code() == Some(0), "{:?}", out.status);
    bin(t.path())
        .env("CCC_EXEMPT_NOW", "yesterday")
        .args(["catalogue", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("RFC 3339"));
}

/// `ccc-exempt init DIR` on a real pseudo-terminal (Python's pty module) with `LANG=lang` and
/// nothing else in the environment, typing each answer (and Enter) after a pause: whether it
/// succeeded, and everything the terminal showed.
#[cfg(unix)]
fn init_on_a_terminal(dir: &std::path::Path, lang: &str, answers: &[&str]) -> (bool, String) {
    let exe = assert_cmd::cargo::cargo_bin("ccc-exempt");
    let screen = tempfile::NamedTempFile::new().unwrap();
    let script = r#"
import os, pty, select, sys, time
exe, ws, lang, screen = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
answers = sys.argv[5:]
pid, fd = pty.fork()
if pid == 0:
    os.environ.clear()
    os.environ["LANG"] = lang
    os.environ["TERM"] = "xterm"
    os.execv(exe, [exe, "init", ws])
seen = b""
def drain(seconds):
    global seen
    end = time.time() + seconds
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                seen += os.read(fd, 4096)
            except OSError:
                return
for answer in answers:
    drain(0.8)
    os.write(fd, (answer + "\r").encode())
drain(2.0)
_, status = os.waitpid(pid, 0)
open(screen, "wb").write(seen)
sys.exit(os.waitstatus_to_exitcode(status))
"#;
    let status = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&exe)
        .arg(dir)
        .arg(lang)
        .arg(screen.path())
        .args(answers)
        .status()
        .expect("python3 is needed to drive a pseudo-terminal");
    let shown = String::from_utf8_lossy(&std::fs::read(screen.path()).unwrap()).into_owned();
    (status.success(), shown)
}

/// On a terminal, `init` asks (dialoguer) instead of failing; a wrong USCC is asked again.
#[cfg(unix)]
#[test]
fn init_wizard_on_a_terminal() {
    let t = tempfile::tempdir().unwrap();
    let ws = t.path().join("wiz");
    let (ok, shown) = init_on_a_terminal(
        &ws,
        "en_US.UTF-8",
        &[
            "上海某某有限公司",
            "91110108551385082A",
            "91110108551385082Q",
            "上海",
            "张三",
            "021-1",
            "上海市市场监督管理局",
        ],
    );
    assert!(ok, "{shown}");
    let cfg = std::fs::read_to_string(ws.join("ccc-exempt.toml")).unwrap();
    assert!(cfg.contains("name = \"上海某某有限公司\""), "{cfg}");
    assert!(cfg.contains("uscc = \"91110108551385082Q\""), "{cfg}");
    assert!(
        cfg.contains("authority = \"上海市市场监督管理局\""),
        "{cfg}"
    );
}

/// Under `LANG=zh_CN.UTF-8` and no `--lang`, the wizard asks in Chinese, a wrong USCC is
/// explained in Chinese, and the authority offered (accepted with Enter) is the one of the
/// USCC's registration division: 深圳 for 914403…. What the terminal showed is checked.
#[cfg(unix)]
#[test]
fn init_wizard_speaks_chinese_under_a_chinese_locale() {
    let t = tempfile::tempdir().unwrap();
    let ws = t.path().join("wiz");
    // Name, a USCC with a wrong check character, the right one, address, contact, phone, and
    // Enter for the authority offered.
    let (ok, shown) = init_on_a_terminal(
        &ws,
        "zh_CN.UTF-8",
        &[
            "深圳某某电子有限公司",
            "914403001922038210",
            "914403001922038216",
            "深圳市南山区",
            "李四",
            "0755-1",
            "",
        ],
    );
    assert!(ok, "{shown}");
    for prompt in [
        "单位名称（与营业执照一致）",
        "统一社会信用代码",
        "地址",
        "联系人",
        "联系电话",
        "受理的市场监管部门",
        "深圳市市场监督管理局",
        "校验位错误",
    ] {
        assert!(
            shown.contains(prompt),
            "the wizard shows {prompt:?}:\n{shown}"
        );
    }
    for english in [
        "Applicant name",
        "Unified social credit code",
        "Address",
        "Phone",
        "wrong check character",
    ] {
        assert!(
            !shown.contains(english),
            "no English prompt {english:?} under LANG=zh_CN.UTF-8:\n{shown}"
        );
    }
    let cfg = std::fs::read_to_string(ws.join("ccc-exempt.toml")).unwrap();
    assert!(cfg.contains("uscc = \"914403001922038216\""), "{cfg}");
    assert!(
        cfg.contains("authority = \"深圳市市场监督管理局\""),
        "{cfg}"
    );
}

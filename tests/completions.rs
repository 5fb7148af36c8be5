//! The shell completions committed under completions/ are exactly what `ccc-exempt completions
//! SHELL` prints today: a new command or flag without regenerated completions fails here.

mod common;

use common::Demo;

/// Each shell and the file its completions are committed in.
const SHELLS: &[(&str, &str)] = &[
    ("bash", "ccc-exempt.bash"),
    ("zsh", "_ccc-exempt"),
    ("fish", "ccc-exempt.fish"),
    ("powershell", "_ccc-exempt.ps1"),
    ("elvish", "ccc-exempt.elv"),
];

fn generated(shell: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let out = common::bin()
        .current_dir(tmp.path())
        .args(["completions", shell])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "completions {shell}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("completions are UTF-8")
}

#[test]
fn committed_completions_are_up_to_date() {
    let mut stale = Vec::new();
    for (shell, file) in SHELLS {
        let now = generated(shell);
        assert!(
            now.contains("ccc-exempt") && now.contains("check"),
            "completions {shell} names the program and its commands"
        );
        let path = common::repo().join("completions").join(file);
        match std::fs::read_to_string(&path) {
            Ok(committed) if committed == now => {}
            Ok(_) => stale.push(format!("completions/{file} ({shell}) differs")),
            Err(e) => stale.push(format!("completions/{file} ({shell}) unreadable: {e}")),
        }
    }
    assert!(
        stale.is_empty(),
        "the committed shell completions are out of date:\n  {}\nregenerate them with \
         `./scripts/completions.sh` (or `cargo run -q -- completions SHELL > completions/FILE`) \
         and commit the result",
        stale.join("\n  ")
    );
}

#[test]
fn completions_cover_the_global_flags_and_check_options() {
    let bash = generated("bash");
    for word in [
        "--workspace",
        "--format",
        "--lang",
        "--fail-on",
        "junit",
        "sarif",
    ] {
        assert!(bash.contains(word), "bash completions offer {word}");
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    common::bin().args(["completions", "tcsh"]).assert().code(2);
}

/// A shell's program, or a failure that says how to install it (set CCC_EXEMPT_SKIP_SHELLS=zsh,fish
/// to leave one out on purpose).
fn shell_or_skip(name: &str) -> bool {
    let found = std::process::Command::new(name)
        .arg("-c")
        .arg("exit 0")
        .status()
        .is_ok_and(|s| s.success());
    if found {
        return true;
    }
    let skipped = std::env::var("CCC_EXEMPT_SKIP_SHELLS").unwrap_or_default();
    assert!(
        skipped.split(',').any(|s| s.trim() == name),
        "{name} is not installed: `apt-get install {name}` (or CCC_EXEMPT_SKIP_SHELLS={name})"
    );
    eprintln!("{name} skipped (CCC_EXEMPT_SKIP_SHELLS)");
    false
}

/// The candidates a shell offers for `line`, with the generated script loaded in the real shell.
fn complete(shell: &str, line: &str) -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    complete_with(shell, &generated(shell), line, tmp.path(), false)
}

/// The candidates a shell offers for `line` with `script` loaded, the shell standing in `cwd`
/// and the binary on its PATH (a dynamic script calls it). A dynamic zsh script is sourced,
/// a static one found on the fpath.
fn complete_with(
    shell: &str,
    script: &str,
    line: &str,
    cwd: &std::path::Path,
    dynamic: bool,
) -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("ccc-exempt");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = match shell {
        "bash" => {
            let file = tmp.path().join("ccc-exempt.bash");
            std::fs::write(&file, script).unwrap();
            // COMP_WORDS as bash splits the line; the function gets (command, word, previous).
            let mut words: Vec<&str> = line.split(' ').collect();
            if line.ends_with(' ') {
                words.pop();
                words.push("");
            }
            let cword = words.len() - 1;
            let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
            let function = if dynamic {
                "_clap_complete_ccc_exempt"
            } else {
                "_ccc__exempt"
            };
            let body = format!(
                "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={cword}\nCOMP_TYPE=9\nCOMP_LINE='{line}'\nCOMP_POINT=${{#COMP_LINE}}\n{function} ccc-exempt '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
                file.display(),
                quoted.join(" "),
                words[cword],
                words[cword - 1],
            );
            std::process::Command::new("bash")
                .args(["--norc", "--noprofile", "-c", &body])
                .current_dir(cwd)
                .env("PATH", &path)
                .output()
                .unwrap()
        }
        "fish" => {
            let file = tmp.path().join("ccc-exempt.fish");
            std::fs::write(&file, script).unwrap();
            std::process::Command::new("fish")
                .args(["--no-config", "-c"])
                .arg(format!("source '{}'; complete -C '{line}'", file.display()))
                .current_dir(cwd)
                .env("PATH", &path)
                .output()
                .unwrap()
        }
        "zsh" => {
            let fpath = tmp.path().join("fpath");
            std::fs::create_dir(&fpath).unwrap();
            let mut c = std::process::Command::new("zsh");
            c.arg(common::repo().join("tests/shell/zsh-complete.zsh"))
                .arg(&fpath)
                .arg(line)
                .current_dir(cwd)
                .env("PATH", &path)
                .env("HOME", tmp.path());
            if dynamic {
                let file = tmp.path().join("ccc-exempt.zsh");
                std::fs::write(&file, script).unwrap();
                c.arg(&file);
            } else {
                std::fs::write(fpath.join("_ccc-exempt"), script).unwrap();
            }
            // A pseudo-terminal session: bounded by a timeout of its own.
            let mut child = c
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            let start = std::time::Instant::now();
            loop {
                if child.try_wait().unwrap().is_some() {
                    break;
                }
                assert!(
                    start.elapsed() < std::time::Duration::from_secs(30),
                    "zsh completion hangs"
                );
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            child.wait_with_output().unwrap()
        }
        other => panic!("no driver for {other}"),
    };
    assert!(
        out.status.success(),
        "{shell} completing {line:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split('\t').next().unwrap().trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

fn assert_offers(shell: &str, line: &str, expected: &[&str]) {
    let mut got = complete(shell, line);
    got.sort();
    got.dedup();
    let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(got, want, "{shell}: completing {line:?}");
}

fn the_answers(shell: &str) {
    assert_offers(shell, "ccc-exempt ledger add --k", &["--key", "--kind"]);
    assert_offers(
        shell,
        "ccc-exempt new x --condition re",
        &["repair", "research"],
    );
    assert_offers(
        shell,
        "ccc-exempt ledger add --kind re",
        &["return", "reexport"],
    );
    assert_offers(shell, "ccc-exempt check --format j", &["json", "junit"]);
    assert_offers(shell, "ccc-exempt status --lang z", &["zh"]);
}

#[test]
fn bash_completes_in_bash() {
    assert!(shell_or_skip("bash"));
    the_answers("bash");
}

#[test]
fn zsh_completes_in_zsh() {
    if shell_or_skip("zsh") {
        the_answers("zsh");
    }
}

#[test]
fn fish_completes_in_fish() {
    if shell_or_skip("fish") {
        the_answers("fish");
    }
}

/// `completions SHELL --dynamic`, as a user saves it.
fn dynamic_script(shell: &str) -> String {
    let out = common::bin()
        .args(["completions", shell, "--dynamic"])
        .output()
        .unwrap();
    assert!(out.status.success(), "completions {shell} --dynamic");
    String::from_utf8(out.stdout).unwrap()
}

/// The demo with the research application checked and approved as certificate `MB2026/120001`.
fn approved_demo() -> Demo {
    let demo = Demo::new();
    demo.cmd()
        .args(["check", "2026-research-01"])
        .assert()
        .success();
    demo.cmd()
        .args([
            "app",
            "approve",
            "2026-research-01",
            "--cert-no",
            "MB2026/120001",
            "--issued",
            "2026-11-25",
        ])
        .assert()
        .success();
    demo
}

/// The dynamic script of `shell` answers what the static one answers, and the workspace's
/// application IDs (where the shell stands) and certificate numbers (of `--workspace DIR` on the
/// line).
fn the_dynamic_answers(shell: &str) {
    let demo = approved_demo();
    let script = dynamic_script(shell);
    let offers = |line: &str, cwd: &std::path::Path, expected: &[&str]| {
        let mut got = complete_with(shell, &script, line, cwd, true);
        got.sort();
        got.dedup();
        let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "{shell} --dynamic: completing {line:?}");
    };
    offers(
        "ccc-exempt ledger add --k",
        demo.tmp.path(),
        &["--key", "--kind"],
    );
    offers(
        "ccc-exempt new x --condition re",
        demo.tmp.path(),
        &["repair", "research"],
    );
    offers(
        "ccc-exempt package 2026-re",
        &demo.root,
        &["2026-repair-01", "2026-research-01"],
    );
    offers(
        "ccc-exempt app approve 2026-li",
        &demo.root.join("applications"),
        &["2026-line-01"],
    );
    let line = format!(
        "ccc-exempt --workspace {} ledger add --cert MB",
        demo.root.display()
    );
    offers(&line, demo.tmp.path(), &["MB2026/120001"]);
    // Outside any workspace: nothing to offer, and no error.
    offers("ccc-exempt package 2026-", demo.tmp.path(), &[]);
    // Completing never creates a workspace database.
    let fresh = Demo::new();
    offers("ccc-exempt ledger list --cert M", &fresh.root, &[]);
    assert!(
        !fresh.root.join(".ccc-exempt").exists(),
        "completion created the workspace state"
    );
}

#[test]
fn bash_completes_dynamically() {
    assert!(shell_or_skip("bash"));
    the_dynamic_answers("bash");
}

#[test]
fn zsh_completes_dynamically() {
    if shell_or_skip("zsh") {
        the_dynamic_answers("zsh");
    }
}

#[test]
fn fish_completes_dynamically() {
    if shell_or_skip("fish") {
        the_dynamic_answers("fish");
    }
}

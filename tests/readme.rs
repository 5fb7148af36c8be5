//! The README tells the truth: every command of its tour prints what it shows
//! (`scripts/readme_tour.py --check`, run on a copy of examples/), and the set-up commands leave
//! the repository's example folder as they found it.

mod common;

use std::path::Path;

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_ccc-exempt")
}

#[test]
fn the_tour_prints_what_the_readme_shows() {
    let out = std::process::Command::new("python3")
        .arg(common::repo().join("scripts/readme_tour.py"))
        .arg("--check")
        .env("CCC_EXEMPT_BIN", binary())
        .output()
        .expect("python3 runs scripts/readme_tour.py");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every file under `dir` with its size and modification time.
fn listing(dir: &Path) -> Vec<(String, u64, std::time::SystemTime)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let m = e.metadata().unwrap();
            if m.is_dir() {
                todo.push(e.path());
            }
            out.push((
                e.path().display().to_string(),
                m.len(),
                m.modified().unwrap(),
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn the_first_commands_leave_the_example_folder_as_it_was() {
    let readme = std::fs::read_to_string(common::repo().join("README.md")).unwrap();
    let setup = readme
        .split("## Set up on a fresh machine")
        .nth(1)
        .and_then(|s| s.split("```sh\n").nth(1))
        .and_then(|s| s.split("```").next())
        .expect("the set-up block");
    // The tool is the one built for the tests; the install and the test suite are not rerun.
    let commands: Vec<&str> = setup
        .lines()
        .filter(|l| !l.starts_with("./scripts/test.sh"))
        .map(|l| {
            l.strip_prefix("cargo install --locked --path . && ")
                .unwrap_or(l)
        })
        .filter(|l| !l.starts_with("cargo install"))
        .collect();
    assert!(
        commands
            .iter()
            .any(|c| c.contains("ccc-exempt") && c.contains(" check ")),
        "{setup}"
    );
    let bindir = Path::new(binary()).parent().unwrap();
    let demo = common::repo().join("examples/demo");
    let before = listing(&demo);
    let out = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-e", "-c", &commands.join("\n")])
        .current_dir(common::repo())
        .env(
            "PATH",
            format!(
                "{}:{}",
                bindir.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("CCC_EXEMPT_NOW", common::NOW)
        .env_remove("CCC_EXEMPT_WORKSPACE")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("6 application(s): 0 error(s)"));
    assert_eq!(
        listing(&demo),
        before,
        "the set-up commands changed examples/demo"
    );
}

//! The shell completions committed under completions/ are exactly what `ccc-exempt completions
//! SHELL` prints today: a new command or flag without regenerated completions fails here.

mod common;

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

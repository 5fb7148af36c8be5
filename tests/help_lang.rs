//! Chinese first: every command's `--help` and every code's explanation, walked through the
//! binary in both languages. Under `--lang zh` (and `LANG=zh_CN.UTF-8`) no line may carry an
//! English sentence (three Latin words in a row), once identifiers, code spans, value names,
//! flags and file names are set aside; under `--lang en` every command and every option has its
//! English help. Global options are in their own section in both languages.

mod common;

use common::bin;

fn run(env_lang: Option<&str>, args: &[&str]) -> (i32, String, String) {
    let mut c = bin();
    if let Some(l) = env_lang {
        c.env("LANG", l);
    }
    let o = c.env("COLUMNS", "100").args(args).output().unwrap();
    (
        o.status.code().unwrap(),
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

/// The subcommands listed under a help's commands heading.
fn subcommands(help: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in help.lines() {
        if line == "Commands:" || line == "命令:" {
            inside = true;
            continue;
        }
        if inside {
            if line.trim().is_empty() || !line.starts_with("  ") {
                inside = false;
                continue;
            }
            // A wrapped description goes on under the name column.
            if line.as_bytes().get(2) == Some(&b' ') {
                continue;
            }
            let name = line.split_whitespace().next().unwrap();
            if name != "help" {
                out.push(name.to_string());
            }
        }
    }
    out
}

/// Every command path, walked from the root's help.
fn paths() -> Vec<Vec<String>> {
    let mut todo = vec![Vec::<String>::new()];
    let mut all = Vec::new();
    while let Some(p) = todo.pop() {
        let mut args: Vec<&str> = p.iter().map(String::as_str).collect();
        args.push("--help");
        let (code, help, err) = run(None, &args);
        assert_eq!(code, 0, "{args:?}: {err}");
        for s in subcommands(&help) {
            let mut q = p.clone();
            q.push(s);
            todo.push(q);
        }
        all.push(p);
    }
    assert!(all.len() > 30, "{} commands", all.len());
    all
}

/// A line with what may stay Latin removed: `code spans`, <VALUE> and [OPTIONS] names, flags,
/// paths and file names, identifiers with digits, `-`, `_` or `.` in them, and upper-case words.
fn strip(line: &str) -> String {
    let mut s = String::new();
    let mut depth = 0;
    let mut tick = false;
    for c in line.chars() {
        match c {
            '`' => {
                tick = !tick;
                s.push(' ');
            }
            '<' | '[' if !tick => depth += 1,
            '>' | ']' if !tick && depth > 0 => {
                depth -= 1;
                s.push(' ');
            }
            _ if tick || depth > 0 => {}
            _ => s.push(c),
        }
    }
    // Punctuation ends a run of words: `json、junit、sarif` is a list of names, not a sentence.
    let s: String = s
        .chars()
        .flat_map(|c| {
            if "，。；：、（）()“”;:/".contains(c) {
                vec![' ', '|', ' ']
            } else {
                vec![c]
            }
        })
        .collect();
    s.split(char::is_whitespace)
        .filter(|w| {
            !(w.starts_with('-')
                || w.chars()
                    .any(|c| c.is_ascii_digit() || "._=*'\",".contains(c))
                || w.contains('-')
                || w.chars().all(|c| c.is_ascii_uppercase()))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Three Latin words in a row: an English sentence.
fn english_sentence(line: &str) -> Option<String> {
    let stripped = strip(line);
    let mut run = Vec::new();
    for w in stripped.split(' ') {
        if !w.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic()) {
            run.push(w);
            if run.len() >= 3 {
                return Some(run.join(" "));
            }
        } else if !w.is_empty() {
            run.clear();
        }
    }
    None
}

#[test]
fn the_sentence_detector_catches_english_and_spares_identifiers() {
    assert!(english_sentence("Print only data and errors").is_some());
    assert!(english_sentence("只输出数据和错误").is_none());
    assert!(english_sentence("用法：ccc-exempt ledger add [OPTIONS] --cert <CERT>").is_none());
    assert!(english_sentence("  -o, --output <PATH>  输出文件 `ID-对照表.csv`").is_none());
    assert!(english_sentence("表头 cert,line,kind,qty，可选 date,doc_no").is_none());
    assert!(english_sentence("输出 shell 补全脚本").is_none());
}

#[test]
fn every_help_is_chinese_under_zh_and_complete_under_en() {
    let paths = paths();
    for p in &paths {
        let mut args: Vec<&str> = p.iter().map(String::as_str).collect();
        args.push("--help");
        // Chinese by flag and by locale.
        for (env, flag) in [(None, true), (Some("zh_CN.UTF-8"), false)] {
            let mut a = Vec::new();
            if flag {
                a.extend(["--lang", "zh"]);
            }
            a.extend(args.iter().copied());
            let (code, help, err) = run(env, &a);
            assert_eq!(code, 0, "{a:?}: {err}");
            for line in help.lines() {
                if let Some(s) = english_sentence(line) {
                    panic!(
                        "{a:?} (LANG={env:?}): English where Chinese is due: {s:?} in\n{line}\n\n{help}"
                    );
                }
            }
            assert!(
                help.contains("全局选项:"),
                "{a:?}: no global section\n{help}"
            );
            assert!(help.contains("用法："), "{a:?}\n{help}");
        }
        // English: global options in their own section, none among the command's own.
        let (_, help, _) = run(None, &args);
        assert!(help.contains("Global options:"), "{args:?}\n{help}");
        let own = help.split("Global options:").next().unwrap();
        assert!(
            !own.contains("--workspace"),
            "{args:?}: a global option among the command's own\n{help}"
        );
    }
}

#[test]
fn every_code_is_explained_in_chinese_and_in_english() {
    let (code, all, _) = run(None, &["--lang", "zh", "explain", "all"]);
    assert_eq!(code, 0);
    let codes: Vec<String> = all
        .lines()
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect();
    assert!(codes.len() > 50, "{} codes", codes.len());
    for line in all.lines() {
        assert!(english_sentence(line).is_none(), "{line}");
        assert!(
            !line.contains(" error ") && !line.contains(" warning ") && !line.contains(" info "),
            "severity untranslated: {line}"
        );
    }
    for c in &codes {
        let (code, zh, _) = run(None, &["--lang", "zh", "explain", c]);
        assert_eq!(code, 0, "{c}");
        for line in zh.lines() {
            // The guide's own quote is Chinese; a `名称` line is the code's kebab-case name.
            if let Some(s) = english_sentence(line) {
                panic!("explain {c} (zh): English where Chinese is due: {s:?}\n{zh}");
            }
        }
        assert!(zh.contains("如何修正"), "{zh}");
        let (_, en, _) = run(None, &["--lang", "en", "explain", c]);
        let fix = en.split("How to fix:").nth(1).unwrap_or("").trim();
        assert!(!fix.is_empty(), "explain {c} (en) has no fix\n{en}");
    }
}

#[test]
fn usage_errors_are_chinese_under_zh() {
    let (code, _, err) = run(None, &["--lang", "zh", "chek"]);
    assert_eq!(code, 2);
    assert!(err.contains("错误：未知的命令 'chek'"), "{err}");
    assert!(err.contains("'check'"), "{err}");
    let (code, _, err) = run(Some("zh_CN.UTF-8"), &["check", "--bogus"]);
    assert_eq!(code, 2);
    assert!(err.contains("未知的参数 '--bogus'"), "{err}");
    assert!(english_sentence(&err).is_none(), "{err}");
}

#[test]
fn the_core_s_english_messages_are_chinese_under_zh() {
    // No workspace.
    let tmp = tempfile::tempdir().unwrap();
    let o = bin()
        .current_dir(tmp.path())
        .args(["--lang", "zh", "status"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(3));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("这里没有 ccc-exempt 工作区"), "{err}");
    assert!(english_sentence(&err).is_none(), "{err}");
    // A TOML type error, in the table and on stderr.
    let demo = common::Demo::new();
    let text = demo
        .read_app("2026-research-01")
        .replacen("quantity = 3", "quantity = \"3\"", 1);
    demo.write_app("2026-research-01", text);
    let o = demo
        .cmd()
        .env("COLUMNS", "200")
        .args(["--lang", "zh", "check", "2026-research-01"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let all = format!(
        "{}{}",
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap()
    );
    assert!(all.contains("应为整数（如 3），实为字符串"), "{all}");
    for line in all.lines() {
        assert!(english_sentence(line).is_none(), "{line}");
    }
}

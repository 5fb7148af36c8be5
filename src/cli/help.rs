//! The command line in the user's language. The language is decided before parsing (`--lang` on
//! the command line, else LC_ALL / LC_MESSAGES / LANG), and under Chinese the clap command is
//! rebuilt with the Chinese about and help of `help_zh`, Chinese headings and template, its own
//! help and version flags, and no English value lists; clap's usage errors are worded in Chinese
//! too. Global options are listed in their own section in both languages.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use super::help_zh;
use ccc_exempt::Lang;

pub const GLOBAL_HEADING_EN: &str = "Global options";
pub const GLOBAL_HEADING_ZH: &str = "全局选项";

/// The language of messages: `--lang X` / `--lang=X` among the arguments (before `--`), else
/// the locale.
pub fn detect(args: &[std::ffi::OsString], locale: Option<&str>) -> Lang {
    let mut it = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = if a == "--lang" {
            it.next()
        } else {
            a.strip_prefix("--lang=").map(str::to_string)
        };
        match value.as_deref() {
            Some("zh") => return Lang::Zh,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    Lang::from_locale(locale)
}

/// `ccc-exempt help [COMMAND…]` as `ccc-exempt [COMMAND…] --help`: the Chinese command has no
/// `help` subcommand of clap's (its words cannot be translated), so the words are rewritten.
pub fn help_subcommand(mut args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    const TAKES_VALUE: [&str; 4] = ["--workspace", "--format", "--color", "--lang"];
    let mut i = 1;
    while i < args.len() {
        let a = args[i].to_string_lossy();
        if a == "--" {
            return args;
        }
        if TAKES_VALUE.contains(&a.as_ref()) {
            i += 2;
            continue;
        }
        if a.starts_with('-') {
            i += 1;
            continue;
        }
        if a == "help" {
            args.remove(i);
            args.push("--help".into());
        }
        return args;
    }
    args
}

/// The evidence each movement needs, per condition (from the rulebook), under `ledger add --help`.
pub fn ledger_add_evidence(lang: Lang) -> String {
    let table = ccc_exempt::ledger::rules::evidence_table(Some(lang));
    match lang {
        Lang::Zh => format!(
            "证明材料（按条件和流水类型）：\n{table}\n在终端上缺少的证明材料会逐项询问；否则列出缺少的每个 --evidence KIND=FILE。"
        ),
        Lang::En => format!(
            "Evidence per condition and kind:\n{table}\nOn a terminal, missing evidence is asked for; otherwise every missing --evidence KIND=FILE is named."
        ),
    }
}

/// The command in `lang`: English as derived, Chinese with every text replaced.
pub fn localize(cmd: Command, lang: Lang) -> Command {
    match lang {
        Lang::En => cmd,
        Lang::Zh => zh(cmd, "", true),
    }
}

fn zh(mut cmd: Command, path: &str, root: bool) -> Command {
    if let Some(about) = help_zh::about(path) {
        cmd = cmd.about(about).long_about(None::<&str>);
    }
    if path == "ledger add" {
        cmd = cmd.after_long_help(ledger_add_evidence(Lang::Zh));
    }
    cmd = cmd
        .help_template("{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}\n")
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_flag(true)
        .disable_help_subcommand(true);
    let ids: Vec<(String, bool, bool)> = cmd
        .get_arguments()
        .filter(|a| a.get_id() != "help" && a.get_id() != "version")
        .map(|a| (a.get_id().to_string(), a.is_positional(), a.is_global_set()))
        .collect();
    for (id, positional, global) in ids {
        // Global options are localised once, at the root, and propagated from there.
        if global && !root {
            continue;
        }
        let text = help_zh::arg(path, &id);
        cmd = cmd.mut_arg(&id, |a| {
            let takes_value = a.get_action().takes_values();
            let mut a = if takes_value {
                // The Chinese help text names the values and the default itself.
                a.hide_possible_values(true).hide_default_value(true)
            } else {
                a
            };
            a = a.help_heading(if global {
                GLOBAL_HEADING_ZH
            } else if positional {
                "参数"
            } else {
                "选项"
            });
            if let Some(t) = text {
                a = a.help(t).long_help(None::<&str>);
            }
            a
        });
    }
    // Help and version last, after the command's own options, among the global ones.
    cmd = cmd.arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help("显示帮助")
            .help_heading(GLOBAL_HEADING_ZH)
            .display_order(1000),
    );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本")
                .help_heading(GLOBAL_HEADING_ZH)
                .display_order(1001),
        );
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let p = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| zh(s, &p, false));
    }
    cmd
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join("、"),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A usage error of clap in Chinese: what is wrong, the suggestion clap found, the usage line.
/// Help and version output, and any kind not worded here, stay as clap renders them.
pub fn zh_error(e: &clap::Error) -> Option<String> {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let head = match e.kind() {
        ErrorKind::UnknownArgument => format!("未知的参数 '{arg}'"),
        ErrorKind::InvalidSubcommand => {
            let sub = context(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("未知的命令 '{sub}'")
        }
        ErrorKind::InvalidValue if value.is_empty() => format!("参数 {arg} 缺少值"),
        ErrorKind::InvalidValue => match context(e, ContextKind::ValidValue) {
            Some(valid) => format!("参数 {arg} 的值 '{value}' 无效；可选值：{valid}"),
            None => format!("参数 {arg} 的值 '{value}' 无效"),
        },
        ErrorKind::ValueValidation => format!("参数 {arg} 的值 '{value}' 无效"),
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            return None;
        }
        ErrorKind::ArgumentConflict => {
            let other = context(e, ContextKind::PriorArg).unwrap_or_default();
            format!("参数 {arg} 不能与 {other} 同时使用")
        }
        ErrorKind::TooManyValues => format!("参数 {arg} 的值 '{value}' 多余"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 {arg} 的值的个数不对")
        }
        ErrorKind::NoEquals => format!("参数 {arg} 须用 = 给出值"),
        ErrorKind::InvalidUtf8 => "参数不是有效的 UTF-8 文本".to_string(),
        _ => return None,
    };
    let mut s = format!("错误：{head}\n");
    let suggested = context(e, ContextKind::SuggestedArg)
        .or_else(|| context(e, ContextKind::SuggestedSubcommand))
        .or_else(|| context(e, ContextKind::SuggestedValue));
    if let Some(x) = suggested {
        s.push_str(&format!("\n  提示：是否想输入 '{x}'？\n"));
    }
    if let Some(u) = context(e, ContextKind::Usage) {
        let u = u.trim();
        let u = u
            .strip_prefix("Usage:")
            .or_else(|| u.strip_prefix("用法："))
            .unwrap_or(u);
        s.push_str(&format!("\n用法：{}\n", u.trim()));
    }
    s.push_str("\n更多信息请用 '--help'。\n");
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(v: &[&str]) -> Vec<std::ffi::OsString> {
        v.iter().map(Into::into).collect()
    }

    #[test]
    fn help_as_a_subcommand_becomes_the_flag() {
        assert_eq!(
            help_subcommand(os(&["x", "--lang", "zh", "help", "ledger", "add"])),
            os(&["x", "--lang", "zh", "ledger", "add", "--help"])
        );
        assert_eq!(
            help_subcommand(os(&["x", "check", "help"])),
            os(&["x", "check", "help"])
        );
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        assert_eq!(detect(&os(&["x", "--lang", "zh", "check"]), None), Lang::Zh);
        assert_eq!(detect(&os(&["x", "check", "--lang=zh"]), None), Lang::Zh);
        assert_eq!(detect(&os(&["x", "check"]), Some("zh_CN.UTF-8")), Lang::Zh);
        assert_eq!(
            detect(&os(&["x", "--lang", "en"]), Some("zh_CN.UTF-8")),
            Lang::En
        );
        assert_eq!(detect(&os(&["x", "--", "--lang", "zh"]), None), Lang::En);
    }

    #[test]
    fn every_command_and_argument_has_its_chinese_and_no_entry_is_stale() {
        use clap::CommandFactory;
        fn walk(c: &Command, path: &str, seen: &mut Vec<(String, String)>) {
            assert!(
                help_zh::about(path).is_some(),
                "no Chinese about for `{path}`"
            );
            seen.push((path.to_string(), String::new()));
            for a in c.get_arguments() {
                let id = a.get_id().as_str();
                if id == "help" || id == "version" || (a.is_global_set() && !path.is_empty()) {
                    continue;
                }
                assert!(
                    help_zh::arg(path, id).is_some(),
                    "no Chinese help for `{path}` {id}"
                );
                seen.push((path.to_string(), id.to_string()));
            }
            for s in c.get_subcommands() {
                let p = if path.is_empty() {
                    s.get_name().to_string()
                } else {
                    format!("{path} {}", s.get_name())
                };
                walk(s, &p, seen);
            }
        }
        let mut seen = Vec::new();
        walk(&super::super::Cli::command(), "", &mut seen);
        for (p, _) in help_zh::ABOUT {
            assert!(
                seen.iter().any(|(q, i)| q == p && i.is_empty()),
                "stale about `{p}`"
            );
        }
        for (p, id, _) in help_zh::ARGS {
            assert!(
                seen.iter().any(|(q, i)| q == p && i == id),
                "stale help `{p}` {id}"
            );
        }
    }
}

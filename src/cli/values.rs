//! The enumerated values of the command line (conditions, movement kinds): offered by the shell
//! completions and `--help`, checked by the command with a "did you mean" in the user's language.

use clap::builder::{PossibleValue, TypedValueParser};

use ccc_exempt::Lang;

/// The conditions as typed on the command line, with their short Chinese name.
pub const CONDITIONS: &[(&str, &str, &str)] = &[
    (
        "research",
        "科研测试",
        "research, testing and certification samples",
    ),
    ("repair", "维修", "parts for end users' repairs"),
    ("production-line", "生产线", "production-line equipment"),
    ("exhibition", "商业展示", "commercial display"),
    (
        "export-assembly",
        "整机出口",
        "parts for whole-machine export",
    ),
    ("other", "其他特殊用途", "other special use"),
];

/// The movement kinds of `ledger add`, with their Chinese name.
pub const MOVEMENT_KINDS: &[(&str, &str)] = &[
    ("inbound", "入库"),
    ("issue", "领用"),
    ("return", "归还"),
    ("use", "使用"),
    ("reexport", "退运核销"),
    ("scrap", "报废/销毁"),
    ("export", "整机出口"),
];

/// The kinds `ledger list --kind` filters on: the movements and the entries the tool records.
pub const LIST_KINDS: &[(&str, &str)] = &[
    ("inbound", "入库"),
    ("issue", "领用"),
    ("return", "归还"),
    ("use", "使用"),
    ("reexport", "退运核销"),
    ("scrap", "报废/销毁"),
    ("export", "整机出口"),
    ("reversal", "冲销"),
    ("certify", "证明登记"),
    ("close", "核销完毕"),
    ("amend", "证明修改"),
    ("void", "作废"),
];

/// The name of a condition slug for people: Chinese under `--lang zh`, the slug in English.
pub fn condition_label(lang: Lang, slug: &str) -> String {
    match lang {
        Lang::En => slug.to_string(),
        Lang::Zh => CONDITIONS
            .iter()
            .find(|(s, _, _)| *s == slug)
            .map(|(_, zh, _)| (*zh).to_string())
            .unwrap_or_else(|| slug.to_string()),
    }
}

/// The closest of `candidates` to a mistyped `input`, when it is close enough to be a typo.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input = input.trim().to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&input, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// " (did you mean `research`?)" in the user's language, or nothing.
pub fn suggestion<'a>(
    lang: Lang,
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> String {
    match did_you_mean(input, candidates) {
        Some(c) => match lang {
            Lang::Zh => format!("（是否想输入 `{c}`？）"),
            Lang::En => format!(" (did you mean `{c}`?)"),
        },
        None => String::new(),
    }
}

/// A string argument whose values the shells complete and `--help` lists, while the command
/// itself decides what it accepts (Chinese names, numbers) and words the error.
#[derive(Clone)]
pub struct Offered(pub Vec<(&'static str, String)>);

impl Offered {
    pub fn conditions() -> Self {
        Offered(
            CONDITIONS
                .iter()
                .map(|(s, zh, en)| (*s, format!("{zh} / {en}")))
                .collect(),
        )
    }

    pub fn kinds(list: &'static [(&'static str, &'static str)]) -> Self {
        Offered(list.iter().map(|(s, zh)| (*s, (*zh).to_string())).collect())
    }
}

impl TypedValueParser for Offered {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            self.0
                .iter()
                .map(|(v, help)| PossibleValue::new(*v).help(help.clone())),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_gets_the_value_meant() {
        let slugs = CONDITIONS.iter().map(|c| c.0);
        assert_eq!(did_you_mean("reseach", slugs.clone()), Some("research"));
        assert_eq!(did_you_mean("exibition", slugs.clone()), Some("exhibition"));
        assert_eq!(did_you_mean("zzz", slugs), None);
        let kinds = MOVEMENT_KINDS.iter().map(|c| c.0);
        assert_eq!(did_you_mean("inbund", kinds), Some("inbound"));
    }
}

//! The rules a movement must pass before anything is written: the disposition the condition
//! allows (L004), the evidence it needs (L005) and its date (L006). What each condition allows
//! and which evidence each movement needs come from the rulebook (`data/rulebook.toml`).

use crate::model::codes::Code;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::kind::Kind;
use crate::Lang;
use crate::application::Condition;
use crate::error::{Error, Result};
use crate::rules::rulebook::Rulebook;

/// The evidence kind given to a file that no rule asked for.
pub const ATTACHMENT: &str = "attachment";

/// An evidence file as the user names it: `FILE` or `KIND=FILE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceInput {
    pub kind: Option<String>,
    pub path: PathBuf,
}

impl EvidenceInput {
    /// Parse `KIND=FILE` (KIND one of the rulebook's evidence kinds) or `FILE`; relative paths
    /// resolve against `base`.
    pub fn parse(text: &str, base: &Path) -> EvidenceInput {
        let rb = Rulebook::get();
        let (kind, path) = match text.split_once('=') {
            Some((k, p)) if rb.evidence_kind(k.trim()).is_some() || k.trim() == ATTACHMENT => {
                (Some(k.trim().to_string()), p.trim())
            }
            _ => (None, text.trim()),
        };
        let p = Path::new(path);
        let path = if p.is_absolute() {
            p.to_path_buf()
        } else {
            base.join(p)
        };
        EvidenceInput { kind, path }
    }
}

/// What one evidence kind of the rulebook asks for (its `needs`): a document number, a file, or
/// both, as `(number, file)`. A kind the rulebook does not know asks for a file.
fn needs(evidence_kind: &str) -> (bool, bool) {
    match Rulebook::get().evidence_kind(evidence_kind) {
        Some(e) => (
            e.needs.iter().any(|n| n == "number"),
            e.needs.iter().any(|n| n == "file"),
        ),
        None => (false, true),
    }
}

fn evidence_name(kind: &str, lang: Lang) -> String {
    match Rulebook::get().evidence_kind(kind) {
        Some(e) => format!("{} ({kind})", lang.pick(&e.zh, &e.en)),
        None => kind.to_string(),
    }
}

/// L004: the movement kind must be allowed for the condition. Returns the evidence kinds it needs.
pub fn allowed(condition: Condition, kind: Kind, lang: Lang) -> Result<&'static [String]> {
    let rb = Rulebook::get();
    match rb.movement(condition, kind.as_str()) {
        Some(rule) => Ok(&rule.evidence),
        None => {
            let c = rb.condition(condition);
            let allowed: Vec<String> = c
                .dispositions
                .iter()
                .map(|d| match Kind::parse_movement(d) {
                    Some(k) => format!("{} {}", k.as_str(), k.zh()),
                    None => d.clone(),
                })
                .collect();
            Err(Error::refused(
                Code::L004,
                lang.pick(
                    &format!(
                        "条件{}（{}）不允许“{}”处置；允许的最终处置：{}（{}）",
                        c.number,
                        c.zh,
                        kind.zh(),
                        allowed.join("、"),
                        c.guide
                    ),
                    &format!(
                        "condition {} ({}) does not allow {} ({}); its final dispositions are: {} ({})",
                        c.number,
                        c.slug,
                        kind.as_str(),
                        kind.zh(),
                        allowed.join(", "),
                        c.guide
                    ),
                ),
            ))
        }
    }
}

/// L005: match the files to the evidence kinds the rule needs. Files tagged `KIND=` go to that
/// kind; untagged files go to the one file kind still missing, or are attachments when none is.
/// Returns the evidence kind of each file, in the order given.
pub fn assign_evidence(
    needed: &[String],
    doc_no: Option<&str>,
    files: &[EvidenceInput],
    lang: Lang,
) -> Result<Vec<String>> {
    let has_doc = doc_no.is_some_and(|d| !d.trim().is_empty());
    let mut kinds: Vec<Option<String>> = files.iter().map(|f| f.kind.clone()).collect();
    let file_kinds: Vec<&String> = needed.iter().filter(|k| needs(k).1).collect();
    let missing_files: Vec<&String> = file_kinds
        .iter()
        .copied()
        .filter(|k| !kinds.iter().any(|x| x.as_deref() == Some(k.as_str())))
        .collect();
    let untagged = kinds.iter().filter(|k| k.is_none()).count();
    let mut missing: Vec<String> = Vec::new();
    if untagged > 0 {
        match missing_files.len() {
            0 => {
                for k in kinds.iter_mut().filter(|k| k.is_none()) {
                    *k = Some(ATTACHMENT.into());
                }
            }
            1 => {
                for k in kinds.iter_mut().filter(|k| k.is_none()) {
                    *k = Some(missing_files[0].clone());
                }
            }
            _ => {
                let list: Vec<String> = missing_files.iter().map(|k| format!("{k}=FILE")).collect();
                return Err(Error::refused(
                    Code::L005,
                    lang.pick(
                        &format!(
                            "此流水需要多种证明文件，请为每个文件注明种类：--evidence {}",
                            list.join(" --evidence ")
                        ),
                        &format!(
                            "this movement needs several kinds of evidence; name the kind of each file: --evidence {}",
                            list.join(" --evidence ")
                        ),
                    ),
                ));
            }
        }
    } else {
        missing.extend(
            missing_files
                .iter()
                .map(|k| match Rulebook::get().evidence_kind(k) {
                    Some(e) => format!("--evidence {k}=FILE ({})", lang.pick(&e.zh, &e.en)),
                    None => format!("--evidence {k}=FILE"),
                }),
        );
    }
    for k in needed {
        if needs(k).0 && !has_doc {
            let what = match k.as_str() {
                "doc-no" => lang
                    .pick("单证号 --doc-no", "a document number --doc-no")
                    .to_string(),
                _ => format!("{} --doc-no", evidence_name(k, lang)),
            };
            missing.insert(0, what);
        }
    }
    if !missing.is_empty() {
        return Err(Error::refused(
            Code::L005,
            lang.pick(
                &format!("缺少证明材料：{}", missing.join("；")),
                &format!("evidence missing: {}", missing.join("; ")),
            ),
        ));
    }
    Ok(kinds
        .into_iter()
        .map(|k| k.unwrap_or_else(|| ATTACHMENT.into()))
        .collect())
}

/// The evidence kinds a movement of `kind` under `condition` still lacks, given the files
/// tagged so far and whether a document number is given: (file kinds, whether `--doc-no` is
/// missing). What `ledger add` asks for on a terminal.
pub fn missing_evidence(
    condition: Condition,
    kind: Kind,
    doc_no: Option<&str>,
    files: &[EvidenceInput],
) -> (Vec<String>, bool) {
    let Some(rule) = Rulebook::get().movement(condition, kind.as_str()) else {
        return (Vec::new(), false);
    };
    let untagged = files.iter().filter(|f| f.kind.is_none()).count();
    let mut lacking: Vec<String> = rule
        .evidence
        .iter()
        .filter(|k| needs(k).1)
        .filter(|k| !files.iter().any(|f| f.kind.as_deref() == Some(k.as_str())))
        .cloned()
        .collect();
    // An untagged file counts for the one kind still missing (as `assign_evidence` does).
    if untagged > 0 && lacking.len() == 1 {
        lacking.clear();
    }
    let has_doc = doc_no.is_some_and(|d| !d.trim().is_empty());
    let doc = rule.evidence.iter().any(|k| needs(k).0) && !has_doc;
    (lacking, doc)
}

/// What each movement needs, per condition, from the rulebook: one line per condition and
/// movement kind that needs something, in `lang`, or in both languages when `None` (the text
/// of `ledger add --help`, which is printed before the language is known).
pub fn evidence_table(lang: Option<Lang>) -> String {
    let rb = Rulebook::get();
    let name = |k: &str| match (rb.evidence_kind(k), lang) {
        (Some(e), Some(l)) => format!("({})", l.pick(&e.zh, &e.en)),
        (Some(e), None) => format!("({} / {})", e.zh, e.en),
        (None, _) => String::new(),
    };
    let flag = |k: &str| {
        let (num, file) = needs(k);
        match (num, file) {
            (true, true) => format!("--doc-no + --evidence {k}=FILE"),
            (true, false) => "--doc-no".to_string(),
            _ => format!("--evidence {k}=FILE"),
        }
    };
    let mut out = String::new();
    let line = |out: &mut String, kind: &str, evidence: &[String]| {
        if evidence.is_empty() {
            return;
        }
        let k = Kind::parse_movement(kind)
            .map_or(kind.to_string(), |k| format!("{} {}", k.as_str(), k.zh()));
        let parts: Vec<String> = evidence
            .iter()
            .map(|e| format!("{} {}", flag(e), name(e)))
            .collect();
        out.push_str(&format!("    {k}: {}\n", parts.join("; ")));
    };
    out.push_str(match lang {
        Some(l) => l.pick("所有条件：\n", "Every condition:\n"),
        None => "所有条件 / Every condition:\n",
    });
    for m in &rb.common_movements {
        line(&mut out, &m.kind, &m.evidence);
    }
    for c in &rb.conditions {
        let title = match lang {
            Some(Lang::Zh) => format!("条件{}（{}）：\n", c.number, c.slug),
            Some(Lang::En) => format!("Condition {} ({}):\n", c.number, c.slug),
            None => format!("条件{} / condition {} ({}):\n", c.number, c.number, c.slug),
        };
        out.push_str(&title);
        let before = out.len();
        for m in &c.movements {
            line(&mut out, &m.kind, &m.evidence);
        }
        if out.len() == before {
            out.push_str(match lang {
                Some(l) => l.pick("    （无需证明材料）\n", "    (no evidence needed)\n"),
                None => "    （无需证明材料 / no evidence needed）\n",
            });
        }
    }
    out
}

/// L006: a business date not before the issue date and not after today.
pub fn check_date(date: NaiveDate, issued: NaiveDate, today: NaiveDate, lang: Lang) -> Result<()> {
    if date < issued {
        return Err(Error::refused(
            Code::L006,
            lang.pick(
                &format!("日期 {date} 早于证明签发日期 {issued}"),
                &format!("the date {date} is before the certificate's issue date {issued}"),
            ),
        ));
    }
    if date > today {
        return Err(Error::refused(
            Code::L006,
            lang.pick(
                &format!("日期 {date} 晚于今天 {today}"),
                &format!("the date {date} is in the future (today is {today})"),
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(kind: Option<&str>, p: &str) -> EvidenceInput {
        EvidenceInput {
            kind: kind.map(String::from),
            path: PathBuf::from(p),
        }
    }

    #[test]
    fn evidence_comes_from_the_rulebook() {
        let l = Lang::En;
        assert_eq!(
            allowed(Condition::ProductionLine, Kind::Scrap, l)
                .unwrap_err()
                .to_string()[..4]
                .to_string(),
            "L004"
        );
        let need = allowed(Condition::Research, Kind::Reexport, l).unwrap();
        assert_eq!(need, ["export-declaration".to_string()]);
        assert!(assign_evidence(need, None, &[ev(None, "a.pdf")], l).is_err());
        assert!(assign_evidence(need, Some("EXP-1"), &[], l).is_err());
        assert_eq!(
            assign_evidence(need, Some("EXP-1"), &[ev(None, "a.pdf")], l).unwrap(),
            vec!["export-declaration".to_string()]
        );
        let need = allowed(Condition::Repair, Kind::Use, l).unwrap();
        assert_eq!(need.len(), 3);
        let e = assign_evidence(need, None, &[ev(None, "a"), ev(None, "b")], l).unwrap_err();
        assert!(e.to_string().contains("written-proof=FILE"));
        let files = [
            ev(Some("written-proof"), "a"),
            ev(Some("photo-or-video"), "b"),
            ev(None, "c"),
        ];
        let k = assign_evidence(need, None, &files, l).unwrap();
        assert_eq!(k[2], "end-user-confirmation");
        let inbound = allowed(Condition::Research, Kind::Inbound, l).unwrap();
        assert!(assign_evidence(inbound, None, &[], l).is_err());
        assert_eq!(
            assign_evidence(inbound, Some("INV-1"), &[ev(None, "x")], l).unwrap(),
            vec![ATTACHMENT.to_string()]
        );
    }

    #[test]
    fn the_evidence_table_and_what_is_missing_come_from_the_rulebook() {
        let t = evidence_table(Some(Lang::En));
        assert!(t.contains("Condition 2 (repair):\n"), "{t}");
        assert!(
            t.contains("--evidence end-user-confirmation=FILE (confirmation by the end user)"),
            "{t}"
        );
        assert!(
            t.contains("inbound 入库: --doc-no (import document number"),
            "{t}"
        );
        let both = evidence_table(None);
        assert!(
            both.contains("最终用户确认 / confirmation by the end user"),
            "{both}"
        );
        let (files, doc) = missing_evidence(Condition::Repair, Kind::Use, None, &[]);
        assert_eq!(
            files,
            ["written-proof", "photo-or-video", "end-user-confirmation"]
        );
        assert!(!doc);
        let given = [ev(Some("written-proof"), "a")];
        let (files, _) = missing_evidence(Condition::Repair, Kind::Use, None, &given);
        assert_eq!(files, ["photo-or-video", "end-user-confirmation"]);
        let (files, doc) = missing_evidence(Condition::Research, Kind::Reexport, None, &[]);
        assert_eq!((files.len(), doc), (1, true));
        let (files, doc) = missing_evidence(
            Condition::Research,
            Kind::Reexport,
            Some("E1"),
            &[ev(None, "x")],
        );
        assert!(files.is_empty() && !doc);
        let e = assign_evidence(
            allowed(Condition::Repair, Kind::Use, Lang::En).unwrap(),
            None,
            &given,
            Lang::En,
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("--evidence photo-or-video=FILE (")
                && e.contains("--evidence end-user-confirmation=FILE ("),
            "{e}"
        );
    }

    #[test]
    fn parse_tagged_evidence() {
        let e = EvidenceInput::parse("photo-or-video=img/a=b.png", Path::new("/base"));
        assert_eq!(e.kind.as_deref(), Some("photo-or-video"));
        assert_eq!(e.path, PathBuf::from("/base/img/a=b.png"));
        let e = EvidenceInput::parse("x=y.png", Path::new("/base"));
        assert_eq!(e.kind, None);
        assert_eq!(e.path, PathBuf::from("/base/x=y.png"));
    }
}

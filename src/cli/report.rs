//! The renderers of every report that is a list of diagnostics (`check`, `verify`, `ledger
//! verify`, `ledger import`, `status`), one per format, all from `Diagnostic` values:
//!
//! - human: a table (severity in force, code, location, message), the same for every command;
//! - JSON: the diagnostic's own serialisation (docs/json.md), inside each command's document;
//! - JUnit XML: one testsuite per subject (an application, a package, the ledger, an import
//!   file), one testcase per code the command can report; a code with diagnostics at or above
//!   the threshold fails;
//! - SARIF 2.1.0: one result per diagnostic, the command's codes as rules.
//!
//! The check report's own document (schema `ccc-exempt/check/2`, also put into every package as
//! `check-report.json`) is the core's: `ccc_exempt::ops::check::document`.

use comfy_table::{Cell, Color};

use super::output::{Out, table};
use super::{Ctx, Format};
use ccc_exempt::Lang;
use ccc_exempt::model::codes::Code;
use ccc_exempt::model::diagnostic::{Diagnostic, Location, Severity};
use ccc_exempt::rules::engine::AppReport;

/// What a group of diagnostics is about.
pub struct Subject<'a> {
    /// An application ID, a package file, `ledger`, an import file.
    pub name: String,
    /// The file the subject is, when it is one (the JUnit `file` attribute, the SARIF artifact of
    /// diagnostics located nowhere in particular or inside it).
    pub file: Option<String>,
    pub diagnostics: &'a [Diagnostic],
}

/// The codes a command can report: its JUnit test cases and SARIF rules.
pub fn check_codes() -> Vec<Code> {
    family(|c| matches!(c.family(), 'A' | 'C' | 'P' | 'M' | 'X' | 'K') || c == Code::T001)
}

pub fn verify_codes() -> Vec<Code> {
    family(|c| c.family() == 'V')
}

pub fn ledger_verify_codes() -> Vec<Code> {
    family(|c| c.family() == 'L' && c.number() >= 100)
}

pub fn import_codes() -> Vec<Code> {
    family(|c| c.family() == 'I' || (c.family() == 'L' && c.number() < 100))
}

fn family(f: impl Fn(Code) -> bool) -> Vec<Code> {
    Code::ALL.iter().copied().filter(|c| f(*c)).collect()
}

/// The command's codes, and any other code a diagnostic of the report carries.
fn codes_of(codes: &[Code], subjects: &[Subject<'_>]) -> Vec<Code> {
    let mut all = codes.to_vec();
    for s in subjects {
        for d in s.diagnostics {
            if !all.contains(&d.code) {
                all.push(d.code);
            }
        }
    }
    all
}

// ---------------------------------------------------------------------------------------------
// Human

pub fn sev_label(lang: Lang, s: Severity) -> &'static str {
    match s {
        Severity::Error => lang.pick("错误", "error"),
        Severity::Warning => lang.pick("警告", "warning"),
        Severity::Info => lang.pick("提示", "info"),
    }
}

/// Where a diagnostic is, for a person. A position in a file leaves the file out (the report
/// names it above the table); an import row keeps it, as `FILE:LINE [column]`.
pub fn location_text(lang: Lang, l: &Location) -> String {
    match l {
        Location::File {
            line, column, key, ..
        } => {
            let pos = match (line, column) {
                (Some(l), Some(c)) => format!("{l}:{c}"),
                (Some(l), None) => l.to_string(),
                _ => String::new(),
            };
            match key {
                Some(k) if pos.is_empty() => k.clone(),
                Some(k) => format!("{pos} {k}"),
                None => pos,
            }
        }
        Location::Row { file, line, column } => match column {
            Some(c) => format!("{file}:{line} [{c}]"),
            None => format!("{file}:{line}"),
        },
        Location::Entry { seq, cert_no, line } => match (cert_no, line) {
            (Some(c), Some(l)) => match lang {
                Lang::Zh => format!("#{seq}（{c} 第 {l} 行）"),
                Lang::En => format!("#{seq} ({c} line {l})"),
            },
            (Some(c), None) => match lang {
                Lang::Zh => format!("#{seq}（{c}）"),
                Lang::En => format!("#{seq} ({c})"),
            },
            _ => format!("#{seq}"),
        },
        Location::Certificate { cert_no, line } => match line {
            Some(l) => match lang {
                Lang::Zh => format!("{cert_no} 第 {l} 行"),
                Lang::En => format!("{cert_no} line {l}"),
            },
            None => cert_no.clone(),
        },
        Location::PackageEntry { entry, line } => match line {
            Some(l) => format!("{entry}:{l}"),
            None => entry.clone(),
        },
        Location::None => "—".into(),
    }
}

/// The table of a list of diagnostics: severity in force (marked `*` when the workspace's
/// `[severity]` changed it), code, location, message (and hint).
pub fn human_table(ctx: &Ctx, diagnostics: &[Diagnostic], color: bool) -> String {
    let mut t = table(vec![
        ctx.t("级别", "severity").into(),
        ctx.t("代码", "code").into(),
        ctx.t("位置", "location").into(),
        ctx.t("说明", "message").into(),
    ]);
    for d in diagnostics {
        let mut label = sev_label(ctx.lang, d.severity).to_string();
        if d.overridden() {
            label.push('*');
        }
        let mut sev = Cell::new(label);
        if color {
            sev = sev.fg(match d.severity {
                Severity::Error => Color::Red,
                Severity::Warning => Color::Yellow,
                Severity::Info => Color::Cyan,
            });
        }
        // The structural problems of a TOML file are worded in English by the core.
        let text = match ctx.lang {
            Lang::Zh => super::zh_text::translate(&d.message),
            Lang::En => d.message.clone(),
        };
        let message = match &d.hint {
            Some(h) => format!("{text}\n{}: {h}", ctx.t("提示", "hint")),
            None => text,
        };
        t.add_row(vec![
            sev,
            Cell::new(d.code),
            Cell::new(location_text(ctx.lang, &d.location)),
            Cell::new(message),
        ]);
    }
    if color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    let mut s = t.to_string();
    s.push('\n');
    if diagnostics.iter().any(Diagnostic::overridden) {
        s.push_str(ctx.t(
            "* 级别由 ccc-exempt.toml [severity] 设定（`ccc-exempt explain 代码` 显示默认级别）\n",
            "* severity set in ccc-exempt.toml [severity] (`ccc-exempt explain CODE` shows the default)\n",
        ));
    }
    s
}

/// Write diagnostics to stderr; a closed stderr (`2>&1 | head`) is not worth a panic.
pub fn to_stderr(text: &str) {
    use std::io::Write;
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Errors, warnings and infos of a list, for a summary line.
pub fn counts(diagnostics: &[Diagnostic]) -> (usize, usize, usize) {
    let c = |s| ccc_exempt::model::diagnostic::count(diagnostics, s);
    (c(Severity::Error), c(Severity::Warning), c(Severity::Info))
}

// ---------------------------------------------------------------------------------------------
// JUnit

fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' && c != '\r' => {}
            c => o.push(c),
        }
    }
    o
}

fn diagnostic_text(lang: Lang, d: &Diagnostic) -> String {
    let at = location_text(lang, &d.location);
    let at = if at == "—" { String::new() } else { at + " " };
    format!(
        "{}{at}— {} [{}] ({})",
        if d.overridden() { "* " } else { "" },
        d.message,
        d.clause,
        d.severity
    )
}

/// One testsuite per subject, one testcase per code: a code with diagnostics at or above
/// `fail_on` fails; lower ones go to system-out.
pub fn junit(
    lang: Lang,
    title: &str,
    subjects: &[Subject<'_>],
    codes: &[Code],
    fail_on: Severity,
) -> String {
    let codes = codes_of(codes, subjects);
    let mut body = String::new();
    let (mut total, mut total_fail) = (0, 0);
    for s in subjects {
        let mut cases = String::new();
        let mut failures = 0;
        let file = s
            .file
            .as_deref()
            .map(|f| format!(" file=\"{}\"", xml_escape(f)))
            .unwrap_or_default();
        for code in &codes {
            let found: Vec<&Diagnostic> =
                s.diagnostics.iter().filter(|d| d.code == *code).collect();
            let failing: Vec<&&Diagnostic> =
                found.iter().filter(|d| d.severity >= fail_on).collect();
            cases.push_str(&format!(
                "    <testcase classname=\"{}\" name=\"{} {}\"{file}>\n",
                xml_escape(&s.name),
                code,
                xml_escape(code.title(Lang::En))
            ));
            if let Some(first) = failing.first() {
                failures += 1;
                let text: Vec<String> = failing.iter().map(|d| diagnostic_text(lang, d)).collect();
                cases.push_str(&format!(
                    "      <failure type=\"{code}\" message=\"{}\">{}</failure>\n",
                    xml_escape(&first.message),
                    xml_escape(&text.join("\n"))
                ));
            } else if !found.is_empty() {
                let text: Vec<String> = found.iter().map(|d| diagnostic_text(lang, d)).collect();
                cases.push_str(&format!(
                    "      <system-out>{}</system-out>\n",
                    xml_escape(&text.join("\n"))
                ));
            }
            cases.push_str("    </testcase>\n");
        }
        total += codes.len();
        total_fail += failures;
        body.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n{cases}  </testsuite>\n",
            xml_escape(&s.name),
            codes.len()
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"{}\" tests=\"{total}\" failures=\"{total_fail}\" errors=\"0\">\n{body}</testsuites>\n",
        xml_escape(title)
    )
}

// ---------------------------------------------------------------------------------------------
// SARIF

/// The artifact location of a file: relative to the current directory (declared as SRCROOT in
/// `originalUriBaseIds`) when below it, else an absolute `file://` URI.
fn sarif_artifact(file: &str) -> serde_json::Value {
    let p = std::path::Path::new(file);
    let cwd = std::env::current_dir().ok();
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd.as_ref()
            .map(|c| c.join(p))
            .unwrap_or_else(|| p.to_path_buf())
    };
    match cwd.as_ref().and_then(|c| abs.strip_prefix(c).ok()) {
        Some(rel) => serde_json::json!({
            "uri": uri_escape(&rel.to_string_lossy().replace('\\', "/")),
            "uriBaseId": "SRCROOT"
        }),
        None => {
            serde_json::json!({ "uri": format!("file://{}", uri_escape(&abs.to_string_lossy().replace('\\', "/"))) })
        }
    }
}

/// Percent-encode what may not stand in a URI path (RFC 3986), keeping `/` and UTF-8 as bytes.
fn uri_escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn srcroot() -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut s = uri_escape(&cwd.to_string_lossy().replace('\\', "/"));
    if !s.ends_with('/') {
        s.push('/');
    }
    format!("file://{s}")
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The SARIF locations of a diagnostic of `subject`.
fn sarif_locations(subject: &Subject<'_>, d: &Diagnostic) -> Vec<serde_json::Value> {
    let physical = |file: &str, region: Option<serde_json::Value>| {
        let mut p = serde_json::json!({ "artifactLocation": sarif_artifact(file) });
        if let Some(r) = region {
            p["region"] = r;
        }
        p
    };
    let logical = |name: String, kind: &str| serde_json::json!([{ "fullyQualifiedName": name, "kind": kind }]);
    let mut loc = serde_json::Map::new();
    match &d.location {
        Location::File {
            file,
            line,
            column,
            key,
        } => {
            let region = line.map(|l| match column {
                Some(c) => serde_json::json!({ "startLine": l, "startColumn": c }),
                None => serde_json::json!({ "startLine": l }),
            });
            loc.insert("physicalLocation".into(), physical(file, region));
            if let Some(k) = key {
                loc.insert("logicalLocations".into(), logical(k.clone(), "member"));
            }
        }
        Location::Row { file, line, column } => {
            let region = serde_json::json!({ "startLine": line });
            loc.insert("physicalLocation".into(), physical(file, Some(region)));
            if let Some(c) = column {
                loc.insert("logicalLocations".into(), logical(c.clone(), "member"));
            }
        }
        Location::PackageEntry { entry, line } => {
            if let Some(f) = &subject.file {
                loc.insert("physicalLocation".into(), physical(f, None));
            }
            let name = match line {
                Some(l) => format!("{entry}:{l}"),
                None => entry.clone(),
            };
            loc.insert("logicalLocations".into(), logical(name, "element"));
        }
        Location::Entry { seq, cert_no, line } => {
            let mut name = format!("ledger/#{seq}");
            if let Some(c) = cert_no {
                name.push_str(&format!(" ({c}"));
                if let Some(l) = line {
                    name.push_str(&format!(" line {l}"));
                }
                name.push(')');
            }
            loc.insert("logicalLocations".into(), logical(name, "object"));
        }
        Location::Certificate { cert_no, line } => {
            let name = match line {
                Some(l) => format!("certificate/{cert_no}/line {l}"),
                None => format!("certificate/{cert_no}"),
            };
            loc.insert("logicalLocations".into(), logical(name, "object"));
        }
        Location::None => {
            if let Some(f) = &subject.file {
                loc.insert("physicalLocation".into(), physical(f, None));
            }
        }
    }
    if loc.is_empty() {
        Vec::new()
    } else {
        vec![serde_json::Value::Object(loc)]
    }
}

/// SARIF 2.1.0: the command's codes as rules, one result per diagnostic at the severity in force.
pub fn sarif(subjects: &[Subject<'_>], codes: &[Code]) -> serde_json::Value {
    let rules: Vec<serde_json::Value> = codes_of(codes, subjects)
        .iter()
        .map(|c| {
            let info = c.info();
            let mut r = serde_json::json!({
                "id": c,
                "name": info.name.as_deref().unwrap_or(c.as_str()),
                "shortDescription": { "text": info.title_en },
                "fullDescription": { "text": format!("{} ({})", info.title_zh, info.clause) },
                "help": { "text": info.fix_en },
                "defaultConfiguration": { "level": level(info.severity()) },
            });
            if info.fixed {
                r["properties"] = serde_json::json!({ "fixed": true });
            }
            r
        })
        .collect();
    let results: Vec<serde_json::Value> = subjects
        .iter()
        .flat_map(|s| {
            s.diagnostics.iter().map(move |d| {
                let mut r = serde_json::json!({
                    "ruleId": d.code,
                    "level": level(d.severity),
                    "message": { "text": d.message },
                    "properties": {
                        "subject": s.name,
                        "clause": d.clause,
                        "defaultLevel": level(d.default_severity),
                    },
                });
                let locs = sarif_locations(s, d);
                if !locs.is_empty() {
                    r["locations"] = serde_json::Value::Array(locs);
                }
                if let Some(n) = d.name {
                    r["properties"]["name"] = serde_json::json!(n);
                }
                if let Some(h) = &d.hint {
                    r["properties"]["hint"] = serde_json::json!(h);
                }
                if let Some(m) = &d.measured {
                    r["properties"]["measured"] = serde_json::json!(m);
                }
                r
            })
        })
        .collect();
    serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "ccc-exempt",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "originalUriBaseIds": { "SRCROOT": { "uri": srcroot() } },
            "results": results,
        }]
    })
}

// ---------------------------------------------------------------------------------------------
// The check report

pub fn render(ctx: &Ctx, reports: &[AppReport], fail_on: Severity) {
    let subjects = || -> Vec<Subject<'_>> {
        reports
            .iter()
            .map(|r| Subject {
                name: r.id.clone(),
                file: Some(r.file.clone()),
                diagnostics: &r.findings,
            })
            .collect()
    };
    match ctx.format {
        Format::Human => human(ctx, reports),
        Format::Json => Out::json(&ccc_exempt::ops::check::document(reports)),
        Format::Junit => Out::print(&junit(
            ctx.lang,
            "ccc-exempt check",
            &subjects(),
            &check_codes(),
            fail_on,
        )),
        Format::Sarif => Out::json(&sarif(&subjects(), &check_codes())),
    }
}

fn human(ctx: &Ctx, reports: &[AppReport]) {
    let mut out = String::new();
    for r in reports {
        let cond = r.condition.as_deref().unwrap_or("?");
        out.push_str(&format!("{} ({}, {})\n", r.id, r.file, cond));
        if r.findings.is_empty() {
            out.push_str(&format!("  ✓ {}\n\n", ctx.t("未发现问题", "no findings")));
            continue;
        }
        out.push_str(&human_table(ctx, &r.findings, ctx.color_stdout));
        out.push('\n');
    }
    let n = reports.len();
    let sum = |s| reports.iter().map(|r| r.count(s)).sum::<usize>();
    let (errors, warnings, infos) = (
        sum(Severity::Error),
        sum(Severity::Warning),
        sum(Severity::Info),
    );
    out.push_str(&match ctx.lang {
        Lang::Zh => format!(
            "{n} 个申请：{errors} 个错误，{warnings} 个警告，{infos} 个提示。用 `ccc-exempt explain 代码` 查看条款与修正方法。\n"
        ),
        Lang::En => format!(
            "{n} application(s): {errors} error(s), {warnings} warning(s), {infos} info. `ccc-exempt explain CODE` gives the clause and the fix.\n"
        ),
    });
    Out::print(&out);
}

//! Renderers of check reports: human (comfy-table), JSON (schema `ccc-exempt/check/1`), JUnit XML
//! and SARIF 2.1.0, all from the same `AppReport` values.

use comfy_table::{Cell, Color};
use serde::Serialize;

use super::output::{Out, table};
use super::{Ctx, Format};
use ccc_exempt::rules::codes;
use ccc_exempt::rules::engine::AppReport;
use ccc_exempt::rules::{Finding, Severity};

pub const JSON_SCHEMA: &str = "ccc-exempt/check/1";

#[derive(Serialize)]
struct Summary {
    applications: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

fn summary(reports: &[AppReport]) -> Summary {
    Summary {
        applications: reports.len(),
        errors: reports.iter().map(|r| r.count(Severity::Error)).sum(),
        warnings: reports.iter().map(|r| r.count(Severity::Warning)).sum(),
        infos: reports.iter().map(|r| r.count(Severity::Info)).sum(),
    }
}

pub fn render(ctx: &Ctx, reports: &[AppReport], fail_on: Severity) {
    match ctx.format {
        Format::Human => human(ctx, reports),
        Format::Json => Out::json(&json(reports)),
        Format::Junit => Out::print(&junit(reports, fail_on)),
        Format::Sarif => Out::json(&sarif(reports)),
    }
}

pub fn json(reports: &[AppReport]) -> serde_json::Value {
    serde_json::json!({
        "schema": JSON_SCHEMA,
        "tool": { "name": "ccc-exempt", "version": env!("CARGO_PKG_VERSION") },
        "summary": summary(reports),
        "applications": reports,
    })
}

fn sev_label(ctx: &Ctx, s: Severity) -> &'static str {
    match s {
        Severity::Error => ctx.t("错误", "error"),
        Severity::Warning => ctx.t("警告", "warning"),
        Severity::Info => ctx.t("提示", "info"),
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
        let mut t = table(vec![
            ctx.t("级别", "severity").into(),
            ctx.t("代码", "code").into(),
            ctx.t("位置", "location").into(),
            ctx.t("说明", "message").into(),
        ]);
        for f in &r.findings {
            let mut sev = Cell::new(sev_label(ctx, f.severity));
            if ctx.color_stdout {
                sev = sev.fg(match f.severity {
                    Severity::Error => Color::Red,
                    Severity::Warning => Color::Yellow,
                    Severity::Info => Color::Cyan,
                });
            }
            t.add_row(vec![
                sev,
                Cell::new(&f.code),
                Cell::new(format!("{}:{} {}", f.line, f.column, f.path)),
                Cell::new(&f.message),
            ]);
        }
        if ctx.color_stdout {
            t.enforce_styling();
        } else {
            t.force_no_tty();
        }
        out.push_str(&t.to_string());
        out.push_str("\n\n");
    }
    let s = summary(reports);
    out.push_str(&match ctx.lang {
        ccc_exempt::Lang::Zh => format!(
            "{} 个申请：{} 个错误，{} 个警告，{} 个提示。用 `ccc-exempt explain 代码` 查看条款与修正方法。\n",
            s.applications, s.errors, s.warnings, s.infos
        ),
        ccc_exempt::Lang::En => format!(
            "{} application(s): {} error(s), {} warning(s), {} info. `ccc-exempt explain CODE` gives the clause and the fix.\n",
            s.applications, s.errors, s.warnings, s.infos
        ),
    });
    Out::print(&out);
}

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

/// The codes `check` can produce (ledger, deadline and status codes are not application rules).
fn rule_codes() -> Vec<&'static codes::CodeInfo> {
    codes::all()
        .iter()
        .filter(|c| c.code.starts_with(['A', 'C', 'P', 'M', 'X', 'K']))
        .collect()
}

fn finding_text(f: &Finding) -> String {
    format!(
        "{}:{} {} — {} [{}]",
        f.line, f.column, f.path, f.message, f.clause
    )
}

/// One testsuite per application, one testcase per rule: a rule with findings at or above
/// `fail_on` fails; lower findings go to system-out.
pub fn junit(reports: &[AppReport], fail_on: Severity) -> String {
    let rules = rule_codes();
    let mut body = String::new();
    let (mut total, mut total_fail) = (0, 0);
    for r in reports {
        let mut cases = String::new();
        let mut failures = 0;
        for rule in &rules {
            let found: Vec<&Finding> = r.findings.iter().filter(|f| f.code == rule.code).collect();
            let failing: Vec<&&Finding> = found.iter().filter(|f| f.severity >= fail_on).collect();
            cases.push_str(&format!(
                "    <testcase classname=\"{}\" name=\"{} {}\" file=\"{}\">\n",
                xml_escape(&r.id),
                rule.code,
                xml_escape(&rule.title_en),
                xml_escape(&r.file)
            ));
            if !failing.is_empty() {
                failures += 1;
                let text: Vec<String> = failing.iter().map(|f| finding_text(f)).collect();
                cases.push_str(&format!(
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>\n",
                    rule.code,
                    xml_escape(&failing[0].message),
                    xml_escape(&text.join("\n"))
                ));
            } else if !found.is_empty() {
                let text: Vec<String> = found.iter().map(|f| finding_text(f)).collect();
                cases.push_str(&format!(
                    "      <system-out>{}</system-out>\n",
                    xml_escape(&text.join("\n"))
                ));
            }
            cases.push_str("    </testcase>\n");
        }
        total += rules.len();
        total_fail += failures;
        body.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">\n{cases}  </testsuite>\n",
            xml_escape(&r.id),
            rules.len()
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"ccc-exempt check\" tests=\"{total}\" failures=\"{total_fail}\" errors=\"0\">\n{body}</testsuites>\n"
    )
}

/// The artifact location of a file: relative to the current directory (declared as SRCROOT in
/// `originalUriBaseIds`) when below it, else an absolute `file://` URI.
fn sarif_location(file: &str) -> serde_json::Value {
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

pub fn sarif(reports: &[AppReport]) -> serde_json::Value {
    let rules: Vec<serde_json::Value> = rule_codes()
        .iter()
        .map(|c| {
            serde_json::json!({
                "id": c.code,
                "name": c.code,
                "shortDescription": { "text": c.title_en },
                "fullDescription": { "text": format!("{} ({})", c.title_zh, c.clause) },
                "help": { "text": c.fix_en },
                "defaultConfiguration": { "level": level(c.severity()) },
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = reports
        .iter()
        .flat_map(|r| {
            r.findings.iter().map(move |f| {
                serde_json::json!({
                    "ruleId": f.code,
                    "level": level(f.severity),
                    "message": { "text": format!("{} ({})", f.message, f.path) },
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": sarif_location(&r.file),
                            "region": { "startLine": f.line, "startColumn": f.column }
                        },
                        "logicalLocations": [{ "fullyQualifiedName": f.path, "kind": "member" }]
                    }],
                    "properties": { "application": r.id, "clause": f.clause }
                })
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

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

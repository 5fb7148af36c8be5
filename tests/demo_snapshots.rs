//! Scenario snapshots: the findings of every application of the example workspace, in both
//! languages, through the library (no binary). A change of a rule, a message or a position shows
//! up here in review.

use ccc_exempt::Now;
use ccc_exempt::model::diagnostic::Location;
use ccc_exempt::rules::{CheckContext, check_application};
use ccc_exempt::workspace::Workspace;

fn snapshot(lang: ccc_exempt::Lang) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo");
    let ws = Workspace::open(&root).unwrap();
    let catalogue = ws.catalogue().unwrap();
    let mut out = String::new();
    for id in ws.application_ids().unwrap() {
        let loaded = ccc_exempt::application::load_application(
            &id,
            &ws.application_path(&id),
            Some(&ws.config.applicant),
        )
        .unwrap();
        let ctx = CheckContext {
            lang,
            catalogue: &catalogue,
            thresholds: ws.config.thresholds.clone(),
            workspace_root: Some(&ws.root),
            now: Now::parse("2026-11-27T09:00:00+08:00").unwrap(),
            issued: Vec::new(),
        };
        let report = check_application(&ctx, &loaded);
        out.push_str(&format!(
            "{id} ({})\n",
            report.condition.as_deref().unwrap_or("?")
        ));
        for f in &report.findings {
            let Location::File {
                line: Some(line),
                column: Some(column),
                key: Some(key),
                ..
            } = &f.location
            else {
                panic!("a finding of application.toml is at a key: {f:?}")
            };
            out.push_str(&format!(
                "  {} {} {line}:{column} {key} — {} [{}]\n",
                f.code,
                f.severity.as_str(),
                f.message,
                f.clause
            ));
        }
    }
    out
}

#[test]
fn demo_findings_en() {
    insta::assert_snapshot!(snapshot(ccc_exempt::Lang::En));
}

#[test]
fn demo_findings_zh() {
    insta::assert_snapshot!(snapshot(ccc_exempt::Lang::Zh));
}

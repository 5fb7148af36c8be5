//! The layering of ARCHITECTURE.md, kept true: every `crate::module` a file of the library names
//! must be a module its own module may use. An edge that points up (a rule reaching for the
//! store, the store reaching for a use case) fails here, so the picture in ARCHITECTURE.md stays
//! the code's.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each module of `src/` and the modules it may use, from the bottom up. `cli` (the binary) may
/// use everything and is not listed.
const ALLOWED: &[(&str, &[&str])] = &[
    ("lang", &[]),
    // The codes and the one diagnostic type: below the error type, which carries them.
    ("model", &["lang"]),
    ("error", &["model", "lang"]),
    ("util", &["error", "lang"]),
    ("clock", &["error"]),
    // The lifecycle (Status and its transition table) refuses moves with an error: above it.
    (
        "model::status",
        &["model", "util", "error", "lang", "clock"],
    ),
    ("application", &["model", "util", "error", "lang", "clock"]),
    ("catalogue", &["model", "util", "error", "lang"]),
    // Material content: pure measurements of files; the USCC check from application.
    ("content", &["application", "util", "error", "lang"]),
    (
        "rules",
        &[
            "content",
            "application",
            "catalogue",
            "model",
            "model::status",
            "util",
            "error",
            "lang",
            "clock",
        ],
    ),
    (
        "ledger",
        &[
            "rules",
            "application",
            "model",
            "model::status",
            "util",
            "error",
            "lang",
            "clock",
        ],
    ),
    // The checklist describes the package's layout: documents sit above package.
    (
        "documents",
        &[
            "package",
            "rules",
            "application",
            "catalogue",
            "model",
            "util",
            "error",
            "lang",
            "clock",
        ],
    ),
    (
        "package",
        &[
            "rules",
            "application",
            "catalogue",
            "model",
            "util",
            "error",
            "lang",
            "clock",
        ],
    ),
    (
        "store",
        &[
            "content",
            "ledger",
            "rules",
            "application",
            "model",
            "model::status",
            "util",
            "error",
            "lang",
            "clock",
        ],
    ),
    (
        "workspace",
        &[
            "store",
            "rules",
            "application",
            "catalogue",
            "model",
            "model::status",
            "util",
            "error",
            "lang",
            "clock",
        ],
    ),
    (
        "ops",
        &[
            "content",
            "workspace",
            "store",
            "ledger",
            "documents",
            "package",
            "rules",
            "application",
            "catalogue",
            "model",
            "model::status",
            "util",
            "error",
            "lang",
            "clock",
        ],
    ),
];

/// Edges that exist today and point the wrong way, each to be removed by moving the code that
/// needs it into the layer where it belongs. The test fails when this list is not exactly the
/// code's: a new wrong edge, or a removed one still listed.
const KNOWN_WRONG: &[(&str, &str)] = &[];

fn module_of(rel: &Path) -> String {
    let first = rel
        .components()
        .next()
        .unwrap()
        .as_os_str()
        .to_string_lossy();
    let first = first.trim_end_matches(".rs").to_string();
    if first == "model" && rel.ends_with("status.rs") {
        return "model::status".into();
    }
    first
}

/// The crate modules a source text names: `crate::x` anywhere (use lines, paths) and the items of
/// `use crate::{x, y::z}` groups.
fn named_modules(src: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let code: String = src
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name == "model" && after.starts_with("model::status") {
                out.insert("model::status".into());
            } else if !name.is_empty() {
                out.insert(name);
            }
        }
        rest = after;
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Items re-exported at the crate root (`crate::Lang`, `crate::Now`, `crate::Error`...) and the
/// module each comes from.
fn root_items() -> BTreeMap<&'static str, &'static str> {
    BTreeMap::from([
        ("Error", "error"),
        ("ErrorKind", "error"),
        ("Result", "error"),
        ("Lang", "lang"),
        ("Now", "clock"),
    ])
}

#[test]
fn every_edge_points_down() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let allowed: BTreeMap<&str, BTreeSet<&str>> = ALLOWED
        .iter()
        .map(|(m, deps)| (*m, deps.iter().copied().collect()))
        .collect();
    let roots = root_items();
    let mut files = Vec::new();
    walk(&src, &mut files);
    let mut wrong: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    let mut unknown = Vec::new();
    for f in &files {
        let rel = f.strip_prefix(&src).unwrap();
        let module = module_of(rel);
        if module == "cli" || module == "main" || module == "lib" {
            continue;
        }
        let Some(may) = allowed.get(module.as_str()) else {
            unknown.push(module.clone());
            continue;
        };
        let text = std::fs::read_to_string(f).unwrap();
        for dep in named_modules(&text) {
            let dep = roots
                .get(dep.as_str())
                .map(|s| s.to_string())
                .unwrap_or(dep);
            if dep == module || dep == "self" || dep == "super" || dep == "GENERATOR" {
                continue;
            }
            if !may.contains(dep.as_str()) {
                wrong
                    .entry((module.clone(), dep.clone()))
                    .or_default()
                    .push(rel.display().to_string());
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "modules missing from the layering table (add them to ALLOWED and ARCHITECTURE.md): {unknown:?}"
    );
    let found: BTreeSet<(String, String)> = wrong.keys().cloned().collect();
    let known: BTreeSet<(String, String)> = KNOWN_WRONG
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let new: Vec<_> = wrong.iter().filter(|(k, _)| !known.contains(*k)).collect();
    let gone: Vec<_> = known.difference(&found).collect();
    assert!(
        new.is_empty(),
        "edges that point up (module → what it may not use, in which files): {new:#?}"
    );
    assert!(
        gone.is_empty(),
        "edges listed in KNOWN_WRONG that no longer exist: remove them from the list: {gone:?}"
    );
}

#[test]
fn the_scanner_sees_groups_and_paths() {
    let m = named_modules(
        "use crate::{Lang, store::Store};\nlet x = crate::util::hex::hex(b);\n// crate::cli\nuse crate::model::status::Status;\n",
    );
    assert_eq!(
        m.into_iter().collect::<Vec<_>>(),
        vec!["Lang", "model::status", "store", "util"]
    );
}

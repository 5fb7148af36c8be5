//! The rulebook against the guide: every cell of the guide's table (conditions × 申请人要求 ×
//! 申请材料 × 所涉产品后续管理要求) is represented in data/rulebook.toml, and nothing in the rulebook's
//! table columns is invented. The guide is the official text, kept in tests/fixtures.

use ccc_exempt::rules::Rulebook;

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn guide() -> String {
    squash(include_str!("fixtures/service-guide.zh.txt"))
}

/// The text of condition N's row of the table (from "条件N：" to the next row or the end).
fn row(guide: &str, n: u8) -> String {
    let start = guide
        .find(&format!("条件{n}："))
        .unwrap_or_else(|| panic!("row of condition {n} not found in the guide"));
    let rest = &guide[start..];
    let end = rest[3..]
        .find(&format!("条件{}：", n + 1))
        .map(|i| i + 3)
        .or_else(|| rest.find("线上办理流程"))
        .unwrap_or(rest.len());
    rest[..end].to_string()
}

/// The numbered items of the 申请材料 cell of a row: "1.申请人营业执照；2.…".
fn material_items(row: &str) -> Vec<String> {
    // The materials cell starts at "1.申请人营业执照" and ends where the post-import cell begins.
    let start = row.find("1.申请人营业执照").expect("materials cell");
    let cell = &row[start..];
    let end = ["1.销毁处理的", "须提供被使用的", "申请人须留存"]
        .iter()
        .filter_map(|m| cell.find(m))
        .min()
        .unwrap_or(cell.len());
    let cell = &cell[..end];
    let mut items = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = cell.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() && chars.get(i + 1) == Some(&'.') {
            if !cur.is_empty() {
                items.push(cur.trim_end_matches(['；', '。']).to_string());
            }
            cur = String::new();
            i += 2;
            continue;
        }
        cur.push(chars[i]);
        i += 1;
    }
    if !cur.is_empty() {
        items.push(cur.trim_end_matches(['；', '。']).to_string());
    }
    items
}

#[test]
fn every_condition_is_named_as_the_guide_names_it() {
    let g = guide();
    let rb = Rulebook::get();
    assert_eq!(
        rb.conditions.len(),
        6,
        "the guide lists six conditions (办理条件 一–六)"
    );
    for c in &rb.conditions {
        let zh = squash(&c.zh);
        assert!(
            g.contains(&zh) || g.contains(&zh.replace('/', "")),
            "condition {} name {:?} not in the guide",
            c.number,
            c.zh
        );
    }
}

#[test]
fn applicant_requirements_match_the_table() {
    let g = guide();
    let rb = Rulebook::get();
    for c in rb.conditions.iter().filter(|c| c.number <= 5) {
        let r = row(&g, c.number);
        for part in c.roles_zh.split('；') {
            assert!(
                r.contains(&squash(part)),
                "condition {}: role cell {part:?} not in the guide's row",
                c.number
            );
        }
        assert!(
            !c.roles.is_empty() && !c.roles.contains(&"*".to_string()),
            "condition {} names its roles",
            c.number
        );
    }
    // Condition 6 is not in the table: any role, and the rulebook says so.
    let other = rb.conditions.iter().find(|c| c.number == 6).unwrap();
    assert_eq!(other.roles, vec!["*".to_string()]);
}

#[test]
fn every_material_cell_is_represented_and_nothing_is_invented() {
    let g = guide();
    let rb = Rulebook::get();
    for c in rb.conditions.iter().filter(|c| c.number <= 5) {
        let r = row(&g, c.number);
        let items = material_items(&r);
        assert!(items.len() >= 4, "condition {}: parsed {items:?}", c.number);
        let phrases: Vec<(String, String)> = c
            .all_materials()
            .map(|k| (k.clone(), squash(&rb.material(k).unwrap().guide)))
            .collect();
        // Guide → rulebook: each numbered item is covered by the rulebook's materials.
        for item in &items {
            let covered: Vec<&String> = phrases
                .iter()
                .filter(|(_, p)| {
                    !p.is_empty() && (item.contains(p.as_str()) || p.contains(item.as_str()))
                })
                .map(|(k, _)| k)
                .collect();
            assert!(
                !covered.is_empty(),
                "condition {}: guide item {item:?} has no material in the rulebook",
                c.number
            );
        }
        // Rulebook → guide: each material of the condition is in the row.
        for (kind, phrase) in &phrases {
            assert!(
                r.contains(phrase.as_str()),
                "condition {}: material {kind} ({phrase}) not in the guide's row",
                c.number
            );
        }
        // Item 2 is two materials: the letter and the comparison table.
        assert!(c.required_materials.contains(&"commitment-letter".into()));
        assert!(c.required_materials.contains(&"comparison-table".into()));
        assert_eq!(
            c.required_materials.len() + c.conditional_materials.len(),
            items.len() + 1,
            "condition {}: {} items in the guide (item 2 holds two materials)",
            c.number,
            items.len()
        );
    }
}

#[test]
fn post_import_requirements_match_the_table() {
    let g = guide();
    let rb = Rulebook::get();
    for c in rb.conditions.iter().filter(|c| c.number <= 5) {
        let r = row(&g, c.number);
        assert!(
            r.contains(&squash(&c.disposal_zh)),
            "condition {}: disposal cell {:?} not in the row",
            c.number,
            c.disposal_zh
        );
        let has = |k: &str| c.dispositions.iter().any(|d| d == k);
        let evidence = |kind: &str| -> Vec<String> {
            c.movements
                .iter()
                .find(|m| m.kind == kind)
                .map(|m| m.evidence.clone())
                .unwrap_or_default()
        };
        if r.contains("销毁处理的") {
            assert!(
                has("scrap") && evidence("scrap").contains(&"photo-or-video".into()),
                "condition {}",
                c.number
            );
        }
        if r.contains("出口报关单") {
            let kind = if c.number == 5 { "export" } else { "reexport" };
            assert!(
                has(kind) && evidence(kind).contains(&"export-declaration".into()),
                "condition {}",
                c.number
            );
        }
        if r.contains("须提供被使用的文字证明材料") {
            assert!(has("use"));
            let ev = evidence("use");
            assert!(
                ev.contains(&"written-proof".into()) && ev.contains(&"photo-or-video".into()),
                "condition {}",
                c.number
            );
        }
        if r.contains("最终用户确认") {
            assert!(
                evidence("use").contains(&"end-user-confirmation".into()),
                "condition {}",
                c.number
            );
        }
    }
}

#[test]
fn sample_notice_elements_are_the_guides() {
    let g = guide();
    let rb = Rulebook::get();
    let c = rb.conditions.iter().find(|c| c.number == 1).unwrap();
    // "含认证委托人、样品全称、规格型号、数量等信息"
    for e in ["认证委托人", "样品全称", "规格型号", "数量"] {
        assert!(g.contains(e));
        assert!(
            c.elements
                .iter()
                .any(|x| x.material == "sample-notice" && x.zh == e),
            "sample notice element {e} missing"
        );
    }
}

//! The catalogue as a user meets it: everyday queries find their item first; results show every
//! code of an item and what its marker means, in both languages; the JSON forms parse into the
//! documented structures (docs/catalogue.md) and nothing else; no research note reaches the user;
//! an official replacement file (CSV or XLSX) is validated at the right line, sheet, row and column.

mod common;

use std::path::Path;

use ccc_exempt::catalogue::{COLUMNS, Catalogue, MatchField};
use predicates::prelude::*;
use serde::Deserialize;

/// Everyday Chinese queries and the item each must put first, checked by hand against
/// data/ccc-catalogue-2023.csv (item number, official name).
const ZH: &[(&str, u32, &str)] = &[
    ("笔记本电脑", 40, "便携式计算机"),
    ("笔记本", 40, "便携式计算机"),
    ("平板电脑", 40, "便携式计算机"),
    ("便携式计算机", 40, "便携式计算机"),
    ("台式电脑", 39, "微型计算机"),
    ("服务器", 45, "服务器"),
    ("显示器", 41, "与计算机连用的显示设备"),
    ("打印机", 42, "与计算机相连的打印设备"),
    ("手机", 47, "移动用户终端"),
    ("智能手机", 47, "移动用户终端"),
    ("充电器", 48, "电源"),
    ("电源适配器", 48, "电源"),
    ("适配器", 48, "电源"),
    ("手机充电器", 48, "电源"),
    ("笔记本电脑充电器", 48, "电源"),
    ("充电宝", 49, "移动电源"),
    ("锂电池", 50, "锂离子电池和电池组"),
    ("电视机", 38, "各种成像方式的彩色电视接收机、电视机顶盒"),
    ("机顶盒", 38, "各种成像方式的彩色电视接收机、电视机顶盒"),
    ("电吹风", 27, "皮肤和毛发护理器具"),
    ("吹风机", 27, "皮肤和毛发护理器具"),
    ("剃须刀", 27, "皮肤和毛发护理器具"),
    ("冰箱", 19, "家用电冰箱和食品冷冻箱"),
    ("空调", 21, "空调器"),
    ("洗衣机", 23, "家用电动洗衣机"),
    ("热水器", 24, "电热水器"),
    ("燃气热水器", 95, "家用燃气快速热水器"),
    ("微波炉", 32, "微波炉"),
    ("电饭煲", 36, "电饭锅"),
    ("电水壶", 35, "液体加热器和冷热饮水机"),
    ("吸尘器", 26, "真空吸尘器"),
    ("电风扇", 20, "电风扇"),
    ("插座", 4, "插头插座"),
    ("排插", 4, "插头插座"),
    ("保险丝", 8, "熔断体"),
    ("断路器", 10, "低压元器件"),
    ("漏电保护器", 10, "低压元器件"),
    ("配电箱", 9, "低压成套开关设备"),
    ("电机", 11, "小功率电动机"),
    ("防爆电机", 77, "防爆电机"),
    ("角磨机", 13, "电动砂轮机"),
    ("电源线", 1, "电线组件"),
    ("灯具", 51, "灯具"),
    ("LED灯", 51, "灯具"),
    ("台灯", 51, "灯具"),
    ("轮胎", 56, "机动车辆轮胎"),
    ("汽车轮胎", 56, "机动车辆轮胎"),
    ("电动车", 55, "电动自行车"),
    ("头盔", 57, "摩托车乘员头盔"),
    ("安全带", 60, "汽车安全带"),
    ("挡风玻璃", 59, "汽车安全玻璃"),
    ("钢化玻璃", 73, "建筑安全玻璃"),
    ("玩具", 75, "玩具"),
    ("婴儿车", 74, "童车类产品"),
    ("儿童安全座椅", 76, "机动车儿童乘员用约束系统"),
    ("灭火器", 69, "灭火器"),
    ("燃气灶", 94, "家用燃气灶具"),
    ("壁挂炉", 96, "燃气采暖热水炉"),
];

/// Everyday English queries, checked the same way.
const EN: &[(&str, u32, &str)] = &[
    ("laptop", 40, "便携式计算机"),
    ("notebook", 40, "便携式计算机"),
    ("laptops", 40, "便携式计算机"),
    ("desktop computer", 39, "微型计算机"),
    ("server", 45, "服务器"),
    ("monitor", 41, "与计算机连用的显示设备"),
    ("printer", 42, "与计算机相连的打印设备"),
    ("mobile phone", 47, "移动用户终端"),
    ("smartphone", 47, "移动用户终端"),
    ("cell phone", 47, "移动用户终端"),
    ("charger", 48, "电源"),
    ("chargers", 48, "电源"),
    ("laptop charger", 48, "电源"),
    ("power adapter", 48, "电源"),
    ("power supply", 48, "电源"),
    ("power bank", 49, "移动电源"),
    ("battery", 50, "锂离子电池和电池组"),
    ("TV", 38, "各种成像方式的彩色电视接收机、电视机顶盒"),
    ("hair dryer", 27, "皮肤和毛发护理器具"),
    ("hairdryer", 27, "皮肤和毛发护理器具"),
    ("fridge", 19, "家用电冰箱和食品冷冻箱"),
    ("refrigerator", 19, "家用电冰箱和食品冷冻箱"),
    ("air conditioner", 21, "空调器"),
    ("washing machine", 23, "家用电动洗衣机"),
    ("microwave", 32, "微波炉"),
    ("rice cooker", 36, "电饭锅"),
    ("kettle", 35, "液体加热器和冷热饮水机"),
    ("vacuum cleaner", 26, "真空吸尘器"),
    ("electric fan", 20, "电风扇"),
    ("socket", 4, "插头插座"),
    ("fuse", 8, "熔断体"),
    ("circuit breaker", 10, "低压元器件"),
    ("drill", 12, "电钻"),
    ("angle grinder", 13, "电动砂轮机"),
    ("tyre", 56, "机动车辆轮胎"),
    ("tire", 56, "机动车辆轮胎"),
    ("tyres", 56, "机动车辆轮胎"),
    ("car tyre", 56, "机动车辆轮胎"),
    ("e-bike", 55, "电动自行车"),
    ("helmet", 57, "摩托车乘员头盔"),
    ("seat belt", 60, "汽车安全带"),
    ("toy", 75, "玩具"),
    ("stroller", 74, "童车类产品"),
    ("fire extinguisher", 69, "灭火器"),
    ("smoke detector", 68, "火灾报警产品"),
    ("lamp", 51, "灯具"),
];

/// Chinese with a character missing, extra or mistyped; English with a letter off.
const TYPOS: &[(&str, u32, &str)] = &[
    ("笔记本电", 40, "便携式计算机"),
    ("便携计算机", 40, "便携式计算机"),
    ("笔计本电脑", 40, "便携式计算机"),
    ("电源适配", 48, "电源"),
    ("电吹风机", 27, "皮肤和毛发护理器具"),
    ("电饭煲锅", 36, "电饭锅"),
    ("吸尘机", 26, "真空吸尘器"),
    ("行驶记仪", 64, "汽车行驶记录仪"),
    ("服务器机", 45, "服务器"),
    ("scaner", 44, "扫描仪"),
    ("printr", 42, "与计算机相连的打印设备"),
    ("colour tv", 38, "各种成像方式的彩色电视接收机、电视机顶盒"),
];

#[test]
fn everyday_queries_put_the_right_item_first() {
    let cat = Catalogue::bundled();
    assert!(
        ZH.len() >= 40 && EN.len() >= 40,
        "{} {}",
        ZH.len(),
        EN.len()
    );
    let mut wrong = Vec::new();
    for (query, item_no, name) in ZH.iter().chain(EN).chain(TYPOS) {
        // The table itself is right: the number and the name are one item.
        let item = cat.item(*item_no).expect("an item of the catalogue");
        assert_eq!(item.name_zh, *name, "the table row for {query:?}");
        let hits = cat.search_items(query);
        match hits.first() {
            Some(h) if h.item.item_no == Some(*item_no) => {}
            other => wrong.push(format!(
                "{query:?}: want {item_no} {name}, got {:?}",
                other.map(|h| (h.item.item_no, &h.item.name_zh, &h.matched))
            )),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn codes_item_numbers_and_unknown_words() {
    let cat = Catalogue::bundled();
    let first = |q: &str| cat.search_items(q).first().map(|h| h.item.item_no);
    assert_eq!(first("0907"), Some(Some(48)));
    assert_eq!(first("1202"), Some(Some(56)));
    assert_eq!(first("96"), Some(Some(96)));
    let by_code = cat.search_items("0907");
    assert_eq!(by_code[0].matched.field, MatchField::Code);
    assert_eq!(by_code.len(), 1);
    // A prefix lists every item with a code that starts with it, in item order.
    let prefix: Vec<Option<u32>> = cat
        .search_items("12")
        .iter()
        .map(|h| h.item.item_no)
        .collect();
    assert_eq!(prefix, [Some(12), Some(56)], "item 12, and 1201/1202");
    // Nothing matches words that are in no field; an HS code is not a catalogue code.
    assert!(cat.search_items("qwertyuiop").is_empty());
    assert!(cat.search_items("8471300000").is_empty());
    assert!(cat.search_items("  ").is_empty());
    // Scattered characters are no match: 充电器 does not list 电热水器.
    assert!(
        !cat.search_items("充电器")
            .iter()
            .any(|h| h.item.name_zh == "电热水器")
    );
}

#[test]
fn a_long_query_costs_no_more_than_a_bounded_one() {
    // The query is cut to a fixed number of units: a pasted paragraph stays fast.
    let cat = Catalogue::bundled();
    let long = "笔记本电脑".repeat(2_000);
    let started = std::time::Instant::now();
    let hits = cat.search_items(&long);
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    assert_eq!(hits[0].item.item_no, Some(40));
}

// ---- the binary ----

fn run(args: &[&str]) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = common::bin()
        .current_dir(dir.path())
        .args(args)
        .assert()
        .success()
        .get_output()
        .clone();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn search_shows_every_code_and_the_marker_in_both_languages() {
    let (zh, zh_err) = run(&["--lang", "zh", "catalogue", "search", "断路器"]);
    for label in ["序号", "代码", "产品种类", "大类", "认证方式", "匹配"] {
        assert!(zh.contains(label), "{label}: {zh}");
    }
    for code in [
        "0302", "0303", "0304", "0305", "0306", "0307", "0308", "0309",
    ] {
        assert!(zh.contains(code), "{code}: {zh}");
    }
    assert!(zh.contains("常用词：断路器"), "{zh}");
    assert!(zh.contains("** 自我声明B"), "{zh}");
    assert!(
        zh.contains("10 低压元器件 有 8 个代码")
            && zh.contains("由《强制性产品认证目录描述与界定表》决定，本工具不代为选择"),
        "{zh}"
    );
    assert!(
        zh.contains("**：适用自我声明程序B（指定实验室型式试验+自我声明）"),
        "{zh}"
    );
    assert!(
        zh_err.contains("96 / 96 个产品种类，108 个代码"),
        "{zh_err}"
    );
    for english in [
        "product type",
        "procedure",
        "term:",
        "certification",
        "self-decl",
    ] {
        assert!(
            !zh.contains(english),
            "{english} in the Chinese output: {zh}"
        );
    }

    let (en, en_err) = run(&["--lang", "en", "catalogue", "search", "circuit", "breaker"]);
    for label in [
        "item",
        "codes",
        "product type",
        "category",
        "procedure",
        "matched",
    ] {
        assert!(en.contains(label), "{label}: {en}");
    }
    assert!(
        en.contains("0302 0303 0304 0305 0306 0307 0308 0309"),
        "{en}"
    );
    assert!(en.contains("3 Low-voltage electrical apparatus"), "{en}");
    assert!(en.contains("** self-decl. B"), "{en}");
    assert!(en.contains("term: circuit breaker"), "{en}");
    assert!(
        en.contains("10 低压元器件 has 8 codes")
            && en.contains("decided by the description and scope table (描述与界定表); this tool does not pick one"),
        "{en}"
    );
    assert!(
        en.contains("**: self-declaration procedure B (type test by a designated laboratory + self-declaration)"),
        "{en}"
    );
    assert!(
        en_err.contains("96 of 96 product types, 108 codes"),
        "{en_err}"
    );
    for chinese in [
        "序号",
        "认证方式",
        "常用词",
        "第三方认证",
        "自我声明B",
        "有 8 个代码",
    ] {
        assert!(
            !en.contains(chinese),
            "{chinese} in the English output: {en}"
        );
    }

    // Procedure A and third-party certification are explained where they appear.
    let (zh, _) = run(&["--lang", "zh", "catalogue", "search", "电钻"]);
    assert!(
        zh.contains("*：适用自我声明程序A（自选实验室型式试验+自我声明）"),
        "{zh}"
    );
    let (en, _) = run(&["--lang", "en", "catalogue", "search", "laptop"]);
    assert!(en.contains("no marker: third-party certification"), "{en}");
    assert!(!en.contains("self-declaration procedure"), "{en}");
}

#[test]
fn no_match_says_it_decides_nothing() {
    let (out, _) = run(&["--lang", "en", "catalogue", "search", "qwertyuiop"]);
    assert!(out.contains("No match for \"qwertyuiop\""), "{out}");
    assert!(
        out.contains("does not mean the product is outside CCC"),
        "{out}"
    );
}

#[test]
fn show_takes_an_item_number_or_a_code() {
    let (by_no, _) = run(&["--lang", "en", "catalogue", "show", "56"]);
    assert!(by_no.contains("item: 56"), "{by_no}");
    assert!(by_no.contains("codes: 1201, 1202\n"), "{by_no}");
    assert!(by_no.contains("56 机动车辆轮胎 has 2 codes"), "{by_no}");
    let (by_code, _) = run(&["--lang", "zh", "catalogue", "show", "1202"]);
    assert!(by_code.contains("目录序号：56"), "{by_code}");
    assert!(
        by_code.contains("代码：1201、1202（所查代码）"),
        "{by_code}"
    );
    assert!(
        by_code.contains("认证方式：无标记：第三方认证（强制性产品认证）"),
        "{by_code}"
    );
    let (glass, _) = run(&["--lang", "zh", "catalogue", "show", "1301"]);
    assert!(glass.contains("大类：十 车辆及安全附件"), "{glass}");
    assert!(glass.contains("认证方式：**：适用自我声明程序B"), "{glass}");
    let (removed, _) = run(&["--lang", "en", "catalogue", "show", "0507"]);
    assert!(
        removed.contains("removed from the CCC catalogue"),
        "{removed}"
    );

    let dir = tempfile::tempdir().unwrap();
    let fails = |args: &[&str], want: &str| {
        common::bin()
            .current_dir(dir.path())
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(want));
    };
    fails(
        &["--lang", "en", "catalogue", "show", "0150"],
        "Did you mean 0105 额定电压450/750V及以下聚氯乙烯绝缘电线电缆?",
    );
    fails(&["--lang", "en", "catalogue", "show", "0150"], "96 of 96");
    fails(&["--lang", "en", "catalogue", "show", "97"], "no item 97");
    fails(
        &["--lang", "en", "catalogue", "show", "充电器"],
        "catalogue search",
    );
    fails(
        &["--lang", "en", "catalogue", "show", "8504401400"],
        "an HS code does not decide",
    );
}

// ---- JSON, parsed into the documented structures and nothing else ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CoverageJson {
    source: String,
    items_with_code: usize,
    total_items: usize,
    codes: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemJson {
    item_no: Option<u32>,
    category_no: Option<u32>,
    category_no_zh: String,
    category_name_zh: String,
    category_name_en: Option<String>,
    name_zh: String,
    name_en: String,
    codes: Vec<String>,
    self_declaration: String,
    procedure: String,
    status: String,
    search_terms: Vec<String>,
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MatchedJson {
    field: String,
    text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ResultJson {
    rank: usize,
    score: u32,
    matched: MatchedJson,
    item: ItemJson,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RemovedJson {
    code: String,
    name_zh: String,
    name_en: String,
    removed_by: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchJson {
    schema: String,
    query: String,
    coverage: CoverageJson,
    results: Vec<ResultJson>,
    removed: Vec<RemovedJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShowJson {
    schema: String,
    query: String,
    coverage: CoverageJson,
    in_scope: bool,
    code: Option<String>,
    item: Option<ItemJson>,
    removed: Option<RemovedJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListJson {
    schema: String,
    coverage: CoverageJson,
    items: Vec<ItemJson>,
    removed: Vec<RemovedJson>,
}

fn json<T: serde::de::DeserializeOwned>(args: &[&str]) -> T {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let (out, _) = run(&all);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn bundled_coverage(c: &CoverageJson) {
    assert_eq!(c.source, "bundled 2023");
    assert_eq!((c.items_with_code, c.total_items, c.codes), (96, 96, 108));
}

#[test]
fn search_json_is_the_documented_structure() {
    let s: SearchJson = json(&["catalogue", "search", "充电器", "--limit", "3"]);
    assert_eq!(s.schema, "ccc-exempt/catalogue-search/2");
    assert_eq!(s.query, "充电器");
    bundled_coverage(&s.coverage);
    assert!(!s.results.is_empty() && s.results.len() <= 3);
    let top = &s.results[0];
    assert_eq!(top.rank, 1);
    assert!(s.results.windows(2).all(|w| w[0].score >= w[1].score));
    assert_eq!(
        (top.matched.field.as_str(), top.matched.text.as_str()),
        ("search_term", "充电器")
    );
    let it = &top.item;
    assert_eq!(it.item_no, Some(48));
    assert_eq!(it.codes, ["0807", "0907"]);
    assert_eq!(
        (it.category_no, it.category_no_zh.as_str()),
        (Some(8), "八")
    );
    assert_eq!(it.category_name_zh, "电子产品及安全附件");
    assert_eq!(
        it.category_name_en.as_deref(),
        Some("Electronic products and safety accessories")
    );
    assert_eq!(it.name_zh, "电源");
    assert!(it.name_en.starts_with("Power supplies"));
    assert_eq!(
        (it.self_declaration.as_str(), it.procedure.as_str()),
        ("", "certification")
    );
    assert_eq!(it.status, "VERIFIED_2023");
    assert!(it.search_terms.iter().any(|t| t == "充电器"));
    assert!(it.note.contains("SAMR 2023 No.36"));
    assert!(s.removed.is_empty());

    // A removed product's name lists the removed code.
    let s: SearchJson = json(&["catalogue", "search", "电喷枪"]);
    assert_eq!(s.removed.len(), 1);
    let r = &s.removed[0];
    assert_eq!(
        (r.code.as_str(), r.name_zh.as_str()),
        ("0507", "不易燃液体电喷枪")
    );
    assert!(!r.name_en.is_empty() && r.removed_by.contains("2018"));
}

#[test]
fn show_and_list_json_are_the_documented_structures() {
    let s: ShowJson = json(&["catalogue", "show", "0907"]);
    assert_eq!(s.schema, "ccc-exempt/catalogue-show/2");
    assert_eq!(
        (s.query.as_str(), s.in_scope, s.code.as_deref()),
        ("0907", true, Some("0907"))
    );
    bundled_coverage(&s.coverage);
    assert_eq!(s.item.as_ref().unwrap().codes, ["0807", "0907"]);
    assert!(s.removed.is_none());

    let s: ShowJson = json(&["catalogue", "show", "12"]);
    assert_eq!((s.in_scope, s.code), (true, None));
    let it = s.item.unwrap();
    assert_eq!(
        (
            it.name_zh.as_str(),
            it.self_declaration.as_str(),
            it.procedure.as_str()
        ),
        ("电钻", "*", "self-declaration-a")
    );

    let s: ShowJson = json(&["catalogue", "show", "0507"]);
    assert!(!s.in_scope && s.item.is_none());
    assert_eq!(s.removed.unwrap().code, "0507");

    let l: ListJson = json(&["catalogue", "list"]);
    assert_eq!(l.schema, "ccc-exempt/catalogue-list/2");
    bundled_coverage(&l.coverage);
    assert_eq!(l.items.len(), 96);
    let numbers: Vec<u32> = l.items.iter().map(|it| it.item_no.unwrap()).collect();
    assert_eq!(numbers, (1..=96).collect::<Vec<_>>());
    assert_eq!(l.items.iter().map(|it| it.codes.len()).sum::<usize>(), 108);
    let marked = |m: &str, p: &str| {
        l.items
            .iter()
            .filter(|it| it.self_declaration == m && it.procedure == p)
            .count()
    };
    assert_eq!(marked("*", "self-declaration-a"), 7);
    assert_eq!(marked("**", "self-declaration-b"), 12);
    assert_eq!(marked("", "certification"), 77);
    assert!(l.items.iter().all(|it| it.category_name_en.is_some()));
    assert!(l.removed.iter().any(|r| r.code == "0507"));
    assert!(l.removed.iter().all(|r| r.code.len() == 4));
}

// ---- nothing of the old research notes reaches the user ----

const RESEARCH_NOTES: &[&str] = &[
    "未核",
    "未恢复",
    "not determined",
    "not verified",
    "probably",
    "inference",
    "almost certainly",
    "not seen",
    "not recovered",
    "reconstructed as",
    "see above",
    "S1;",
    "P2-",
];

#[test]
fn no_research_note_is_shown() {
    let mut outputs = Vec::new();
    for lang in ["zh", "en"] {
        outputs.push(run(&["--lang", lang, "catalogue", "list"]).0);
        outputs.push(run(&["--lang", lang, "--format", "json", "catalogue", "list"]).0);
        for q in [
            "电源",
            "电子产品",
            "车辆",
            "玩具",
            "防爆",
            "轮胎",
            "电话",
            "音箱",
            "0801",
        ] {
            let (out, err) = run(&["--lang", lang, "catalogue", "search", q, "--limit", "96"]);
            outputs.push(out);
            outputs.push(err);
            outputs.push(run(&["--lang", lang, "--format", "json", "catalogue", "search", q]).0);
        }
        for code in ["0805", "0801", "1608", "1901"] {
            outputs.push(run(&["--lang", lang, "catalogue", "show", code]).0);
            outputs.push(
                run(&[
                    "--lang",
                    lang,
                    "--format",
                    "json",
                    "catalogue",
                    "show",
                    code,
                ])
                .0,
            );
        }
    }
    for item in 1..=96 {
        outputs.push(run(&["--lang", "zh", "catalogue", "show", &item.to_string()]).0);
    }
    for out in &outputs {
        for note in RESEARCH_NOTES {
            assert!(!out.contains(note), "{note:?} shown: {out}");
        }
    }
    // The list states the coverage in both languages.
    assert!(outputs[0].contains("96 / 96 个产品种类，108 个代码"));
    assert!(
        outputs
            .iter()
            .any(|o| o.contains("96 of 96 product types, 108 codes"))
    );
}

// ---- an official replacement file ----

fn header() -> String {
    COLUMNS.join(",")
}

#[test]
fn a_bad_csv_row_is_reported_at_its_own_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("official.csv");
    // The bad row is line 2, in a file written with CRLF line ends (as Excel writes).
    std::fs::write(
        &p,
        format!(
            "{}\r\n1,一,电线电缆,01X1,电线组件,Wire assemblies,,OFFICIAL,\r\n2,一,电线电缆,0104,橡皮绝缘电线电缆,Rubber cables,,OFFICIAL,\r\n",
            header()
        ),
    )
    .unwrap();
    let e = Catalogue::load_file(&p).unwrap_err().to_string();
    assert!(
        e.starts_with(&format!("{}:2:10: product_code:", p.display())),
        "{e}"
    );
    // Every bad row, each at its line; a quoted field over two lines moves the next row down.
    std::fs::write(
        &p,
        format!(
            "{h}\n1,一,电线电缆,0101,电线组件,\"Wire\nassemblies\",,OFFICIAL,\n2,一,电线电缆,0101,电缆,Cable,***,OFFICIAL,\n99,一,电线电缆,0105,电缆,Cable,,MAYBE,\n",
            h = header()
        ),
    )
    .unwrap();
    let e = Catalogue::load_file(&p).unwrap_err();
    assert_eq!(e.exit_code(), 2);
    let e = e.to_string();
    let lines: Vec<&str> = e.lines().collect();
    let at = |line: usize, what: &str| {
        let prefix = format!("{}:{line}:", p.display());
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&prefix) && l.contains(what)),
            "line {line} {what:?}: {e}"
        );
    };
    at(4, "product code 0101 appears twice (first on line 2)");
    at(4, "self-declaration marker \"***\"");
    at(5, "item number 99 is out of range");
    at(5, "status \"MAYBE\"");
    // search_terms is optional, and read when present; an unknown column is named.
    std::fs::write(
        &p,
        format!(
            "{},search_terms\n40,八,电子产品及安全附件,0902,便携式计算机,Portable computers,,OFFICIAL,,笔记本电脑;laptop\n",
            header()
        ),
    )
    .unwrap();
    let c = Catalogue::load_file(&p).unwrap();
    assert_eq!(c.search_items("笔记本电脑")[0].item.codes, ["0902"]);
    std::fs::write(&p, format!("{},search_term\n", header())).unwrap();
    let e = Catalogue::load_file(&p).unwrap_err().to_string();
    assert!(e.contains(":1:"), "{e}");
    assert!(
        e.contains("unknown column `search_term` (did you mean `search_terms`?)"),
        "{e}"
    );
}

/// A workspace whose ccc-exempt.toml names `file` as its catalogue.
fn workspace_with_catalogue(dir: &Path, file: &str) -> std::path::PathBuf {
    common::bin()
        .current_dir(dir)
        .args([
            "init",
            "ws",
            "--name",
            "上海某某检测技术有限公司",
            "--uscc",
            "91110108551385082Q",
        ])
        .assert()
        .success();
    let ws = dir.join("ws");
    let cfg = std::fs::read_to_string(ws.join("ccc-exempt.toml")).unwrap();
    std::fs::write(
        ws.join("ccc-exempt.toml"),
        format!("catalogue = \"{file}\"\n{cfg}"),
    )
    .unwrap();
    ws
}

fn write_xlsx(path: &Path, rows: &[Vec<Cell>]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("目录").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                Cell::Text(s) => {
                    sheet.write_string(r, c, *s).unwrap();
                }
                Cell::Number(n) => {
                    sheet.write_number(r, c, *n).unwrap();
                }
                Cell::Empty => {}
            }
        }
    }
    book.save(path).unwrap();
}

enum Cell {
    Text(&'static str),
    Number(f64),
    Empty,
}

fn xlsx_header() -> Vec<Cell> {
    COLUMNS
        .iter()
        .chain(["search_terms"].iter())
        .map(|c| Cell::Text(c))
        .collect()
}

#[test]
fn an_xlsx_catalogue_is_read_and_its_bad_rows_named_by_sheet_and_row() {
    use Cell::*;
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace_with_catalogue(dir.path(), "official.xlsx");
    let good = vec![
        xlsx_header(),
        // Numbers as Excel stores them: the item number, and a code that lost its leading zero.
        vec![
            Number(1.0),
            Text("一"),
            Text("电线电缆"),
            Number(101.0),
            Text("电线组件"),
            Text("Wire assemblies"),
            Empty,
            Text("OFFICIAL"),
            Empty,
            Text("电源线;power cord"),
        ],
        vec![],
        vec![
            Number(56.0),
            Text("十"),
            Text("车辆及安全附件"),
            Text("1201"),
            Text("机动车辆轮胎"),
            Text("Motor-vehicle tyres"),
            Empty,
            Text("OFFICIAL"),
            Empty,
            Text("轮胎;tyre"),
        ],
        vec![
            Number(56.0),
            Text("十"),
            Text("车辆及安全附件"),
            Text("1202"),
            Text("机动车辆轮胎"),
            Text("Motor-vehicle tyres"),
            Empty,
            Text("RECONSTRUCTED"),
            Empty,
            Text("轮胎;tyre"),
        ],
    ];
    write_xlsx(&ws.join("official.xlsx"), &good);
    let (out, err) = {
        let o = common::bin()
            .current_dir(&ws)
            .args(["--lang", "en", "catalogue", "search", "tyre"])
            .assert()
            .success()
            .get_output()
            .clone();
        (
            String::from_utf8(o.stdout).unwrap(),
            String::from_utf8(o.stderr).unwrap(),
        )
    };
    assert!(out.contains("1201 1202"), "{out}");
    // A reconstructed row gets its own status column.
    assert!(out.contains("RECONSTRUCTED"), "{out}");
    assert!(
        err.contains("official.xlsx: 2 of 96 product types, 3 codes"),
        "{err}"
    );
    common::bin()
        .current_dir(&ws)
        .args(["--lang", "en", "catalogue", "show", "0101"])
        .assert()
        .success()
        .stdout(predicate::str::contains("电线组件"));

    // A bad code in spreadsheet row 5 (the empty row 3 still counts).
    let mut bad = good;
    bad[4][3] = Text("12O2");
    bad[1][6] = Text("x");
    write_xlsx(&ws.join("official.xlsx"), &bad);
    let o = common::bin()
        .current_dir(&ws)
        .args(["--lang", "en", "catalogue", "list"])
        .assert()
        .code(2)
        .stdout("")
        .get_output()
        .clone();
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("official.xlsx:5:4: sheet \"目录\", row 5, column D (product_code): product code \"12O2\" must be 4 digits"),
        "{err}"
    );
    assert!(
        err.contains("official.xlsx:2:7: sheet \"目录\", row 2, column G (self_declaration):"),
        "{err}"
    );

    // Not a spreadsheet at all, and a directory in its place: input errors, nothing on stdout.
    std::fs::write(ws.join("official.xlsx"), "not a workbook").unwrap();
    common::bin()
        .current_dir(&ws)
        .args(["catalogue", "list"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "official.xlsx:1:1: cannot read the spreadsheet",
        ));
    std::fs::remove_file(ws.join("official.xlsx")).unwrap();
    std::fs::create_dir(ws.join("official.xlsx")).unwrap();
    common::bin()
        .current_dir(&ws)
        .args(["catalogue", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("must be a regular file"));
}

#[test]
fn a_workspace_csv_catalogue_error_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let ws = workspace_with_catalogue(dir.path(), "official.csv");
    std::fs::write(
        ws.join("official.csv"),
        format!(
            "{}\r\n1,一,电线电缆,0101,电线组件,Wire,,OFFICIAL,\r\n2,一,电线电缆,01,电缆,Cable,,OFFICIAL,\r\n",
            header()
        ),
    )
    .unwrap();
    common::bin()
        .current_dir(&ws)
        .args(["catalogue", "search", "电线"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "official.csv:3:10: product_code: product code \"01\" must be 4 digits",
        ));
}

//! Chinese for the messages the core words in English only: the structural problems of a TOML
//! file (T001, T002: unknown keys, wrong types, dates) and the workspace that cannot be found.
//! Under `--lang zh` the command line puts them into Chinese before they are printed; the
//! identifiers in them (key paths, file names, types as TOML names them) stay as they are.

/// The Chinese of a message, line by line; a line of no known shape is left as it is.
pub fn translate(msg: &str) -> String {
    msg.lines().map(line).collect::<Vec<_>>().join("\n")
}

fn want_zh(want: &str) -> Option<String> {
    Some(match want {
        "a string" => "字符串".into(),
        "a whole number (e.g. 3)" => "整数（如 3）".into(),
        "true or false" => "true 或 false".into(),
        "a list of strings" => "字符串列表".into(),
        "a table" => "表".into(),
        "a condition name or number (1-6)" => "免办条件名称或编号（1–6）".into(),
        w => {
            let inner = w
                .strip_prefix("an array of tables (")
                .and_then(|r| r.strip_suffix(')'))?;
            format!("表数组（{inner}）")
        }
    })
}

fn type_zh(t: &str) -> &str {
    match t {
        "string" => "字符串",
        "integer" => "整数",
        "float" => "浮点数",
        "boolean" => "布尔值",
        "datetime" => "日期时间",
        "array" => "数组",
        "table" => "表",
        other => other,
    }
}

fn line(l: &str) -> String {
    // "… `key` must be WANT, found TYPE"
    if let Some(i) = l.find("` must be ")
        && let Some((want, found)) = l[i + 10..].rsplit_once(", found ")
        && let Some(w) = want_zh(want)
    {
        return format!("{}` 应为{w}，实为{}", &l[..i], type_zh(found.trim()));
    }
    if let Some(rest) = l
        .find("no ccc-exempt workspace here: neither ")
        .map(|i| (i, &l[i..]))
    {
        let (i, r) = rest;
        if let Some(dir) = r
            .strip_prefix("no ccc-exempt workspace here: neither ")
            .and_then(|r| r.split(" nor any parent holds").next())
        {
            return format!(
                "{}这里没有 ccc-exempt 工作区：{dir} 及其上级目录都没有 ccc-exempt.toml；用 `ccc-exempt init` 创建一个，或用 --workspace DIR 指定",
                &l[..i]
            );
        }
    }
    if let Some(i) = l.find(") is not a ccc-exempt workspace: it has no ccc-exempt.toml; create one with `ccc-exempt init ")
        && let Some(j) = l[..i].rfind(" (from ")
    {
        let dir = &l[..j];
        let source = &l[j + 7..i];
        return format!(
            "{dir}（来自 {source}）不是 ccc-exempt 工作区：其中没有 ccc-exempt.toml；用 `ccc-exempt init {dir}` 创建"
        );
    }
    if let Some(i) = l.find(" is not a valid application ID: use 1-64 ASCII letters") {
        return format!(
            "{} 不是有效的申请编号：应为 1–64 个 ASCII 字母、数字、'-'、'_' 或 '.'，不以 '.' 开头（如 2026-research-01）",
            &l[..i]
        );
    }
    // Status-history notes recorded by `app approve` and `ledger close`.
    if let Some(rest) = l.strip_prefix("certificate ")
        && let Some((cert, rest)) = rest.split_once(' ')
    {
        if let Some(issued) = rest.strip_prefix("issued ") {
            let (date, forced) = match issued.split_once("; forced past ") {
                Some((d, f)) => (d, Some(f)),
                None => (issued, None),
            };
            let mut s = format!("证明号 {cert}，签发 {date}");
            if let Some(f) = forced {
                s.push_str(&format!("；强制登记（{f}）"));
            }
            return s;
        }
        if let Some(r) = rest.strip_prefix("written off on ")
            && let Some((date, r)) = r.split_once(" (entry #")
            && let Some((seq, until)) = r.split_once("); keep records until ")
        {
            return format!("证明 {cert} 于 {date} 核销完毕（条目 #{seq}）；记录保存至 {until}");
        }
    }
    let mut s = l.to_string();
    for (en, zh) in [
        (
            " must be a decimal string like \"1200.00\", not a float",
            " 应为十进制数字字符串（如 \"1200.00\"），不能写成浮点数",
        ),
        (
            " must be a date like 2026-11-20",
            " 应为日期，如 2026-11-20",
        ),
        (" is too large a number", " 数值过大"),
        ("unknown key ", "未知的键 "),
        ("; known keys here: ", "；此处可用的键："),
        ("[severity]: unknown code ", "[severity]：未知的代码 "),
        (
            "; `ccc-exempt explain all` lists the codes",
            "；`ccc-exempt explain all` 列出所有代码",
        ),
        ("; write it as ", "；应写作 "),
    ] {
        s = s.replace(en, zh);
    }
    if let Some(i) = s.find("; did you mean ")
        && s.ends_with('?')
    {
        let meant = &s[i + 15..s.len() - 1];
        s = format!("{}；是否应为 {meant}？", &s[..i]);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_toml_problems_in_chinese() {
        assert_eq!(
            translate(
                "a.toml:24:12: `products[0].quantity` must be a whole number (e.g. 3), found string"
            ),
            "a.toml:24:12: `products[0].quantity` 应为整数（如 3），实为字符串"
        );
        assert_eq!(
            translate(
                "`products[0].unit_price` must be a decimal string like \"1200.00\", not a float"
            ),
            "`products[0].unit_price` 应为十进制数字字符串（如 \"1200.00\"），不能写成浮点数"
        );
        assert_eq!(
            translate("unknown key `applicant.nmae`; did you mean `applicant.name`?"),
            "未知的键 `applicant.nmae`；是否应为 `applicant.name`？"
        );
        assert_eq!(
            translate("`x` must be an array of tables ([[products]]), found table"),
            "`x` 应为表数组（[[products]]），实为表"
        );
        assert!(
            translate("no ccc-exempt workspace here: neither /tmp/x nor any parent holds ccc-exempt.toml; create one with `ccc-exempt init`, or pass --workspace DIR")
                .starts_with("这里没有 ccc-exempt 工作区：/tmp/x 及其上级目录")
        );
        assert_eq!(
            translate(
                "/w (from --workspace) is not a ccc-exempt workspace: it has no ccc-exempt.toml; create one with `ccc-exempt init /w`"
            ),
            "/w（来自 --workspace）不是 ccc-exempt 工作区：其中没有 ccc-exempt.toml；用 `ccc-exempt init /w` 创建"
        );
        assert_eq!(
            translate("certificate MB1 issued 2026-12-04"),
            "证明号 MB1，签发 2026-12-04"
        );
        assert_eq!(
            translate(
                "certificate MB1 written off on 2027-03-01 (entry #7); keep records until 2029-03-01"
            ),
            "证明 MB1 于 2027-03-01 核销完毕（条目 #7）；记录保存至 2029-03-01"
        );
        assert_eq!(translate("something else"), "something else");
    }
}

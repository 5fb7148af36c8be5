//! `new ID --condition C`: the text of a fresh application.toml for a condition, built from the
//! rulebook: every material the condition requires is a commented placeholder with its Chinese
//! name, and the condition's own table lists its elements. `check` on it lists what is missing.

use crate::application::model::Condition;
use crate::rules::rulebook::Rulebook;

fn condition_table(c: Condition) -> &'static str {
    match c {
        Condition::Research => {
            r#"# 条件1 的要素 (declared elements of this condition's materials)
[research]
# kind = "certification"        # research 科研 | testing 测试 | certification 认证检测 (国市监认证函〔2019〕153号)
# plan = ""                     # 研究、开发、测试计划书/项目书 的名称
# disposal = "reexport"         # 后续处理: destroy 销毁 | reexport 退运
# CCC认证送样通知书 (needed when kind = "certification" or the role is ccc-certification-client):
# sample_notice = { body = "中国质量认证中心", client = "", sample_name = "", model = "", quantity = 0 }
"#
        }
        Condition::Repair => {
            r#"# 条件2 的要素
[repair]
# end_user = ""                 # 最终用户 (the end user the repairs are for)
# end_user_contact = ""         # 最终用户联系方式
# equipment = ""                # 被维修的整机/设备 (what is repaired)
"#
        }
        Condition::ProductionLine => {
            r#"# 条件3 的要素 (办公用品不适用本条件)
[production_line]
# line = ""                     # 生产线/成套设备生产线名称
# proof = ""                    # 证明材料内容 (what proves the line exists)
"#
        }
        Condition::Exhibition => {
            r#"# 条件4 的要素: 申请单位声明中注明展示时间及产品后续处理情况
[exhibition]
# name = ""                     # 展会/展示活动名称
# venue = ""                    # 展示地点
# start = 2026-01-01            # 展示开始日期
# end = 2026-01-05              # 展示结束日期
# disposal = "reexport"         # 展后处理: destroy 销毁 | reexport 退运
"#
        }
        Condition::ExportAssembly => {
            r#"# 条件5 的要素
[export_assembly]
# finished_product = ""         # 出口成品名称
# export_contract_no = ""       # 成品出口合同号
# committed_export_date = 2026-01-01   # 承诺出口日期 (proof of export due within 2 weeks after it)
"#
        }
        Condition::Other => {
            r#"# 条件6 的要素
[other]
# justification = ""            # 特殊用途说明
"#
        }
    }
}

/// The text of a new application.toml for `condition`.
pub fn scaffold(condition: Condition, today: chrono::NaiveDate) -> String {
    let rb = Rulebook::get();
    let r = rb.condition(condition);
    let mut s = String::new();
    s.push_str(&format!(
        "# 免办申请 — 条件{}：{}\n# Exemption application — condition {}: {}\n",
        r.number, r.zh, r.number, r.en
    ));
    s.push_str("# Fill every field, then run `ccc-exempt check` until it reports nothing.\n");
    s.push_str(
        "# 每个键、类型及各免办条件的要求 / every key, its type and what each condition needs: docs/application.md\n\n",
    );
    s.push_str(&format!("condition = \"{}\"\n", r.slug));
    let roles: Vec<&str> = r.roles.iter().map(String::as_str).collect();
    s.push_str(&format!("# 申请人要求：{}\n", r.roles_zh));
    match roles.as_slice() {
        [only] if *only != "*" => s.push_str(&format!("applicant_role = \"{only}\"\n")),
        ["*"] => {
            s.push_str("# applicant_role = \"\"         # any role (e.g. factory, end-user)\n")
        }
        _ => s.push_str(&format!(
            "# applicant_role = \"{}\"   # one of: {}\n",
            roles[0],
            roles.join(", ")
        )),
    }
    s.push_str("# purpose = \"\"                 # 申报用途：进口后的具体用途 (required)\n");
    s.push_str(&format!(
        "prepared_on = {today}          # 文件日期 (used in the generated documents)\n\n"
    ));
    s.push_str("# The applicant comes from the workspace profile (ccc-exempt.toml); override here if needed:\n");
    s.push_str("# [applicant]\n# name = \"\"                      # 单位名称\n# uscc = \"\"                      # 统一社会信用代码\n\n");
    s.push_str(
        r#"# One [[products]] table per product line (附件2-2 对照表的一行).
# [[products]]
# name = ""                     # 产品名称
# model = ""                    # 规格型号
# brand = ""                    # 品牌
# manufacturer = ""             # 制造商
# origin = ""                   # 原产国 (ISO code, e.g. DE)
# quantity = 1                  # 数量 (whole number)
# unit = "台"                   # 单位
# unit_price = "0.00"           # 单价 (decimal string, never a float)
# currency = "CNY"              # 币种
# hs_code = ""                  # HS编码, 10 digits (a preliminary screen only)
# ccc_code = ""                 # CCC目录产品代码, 4 digits: `ccc-exempt catalogue search <name>`
# ccc_reason = ""               # 界定依据: why the product falls under that code

# 附有产品明细的进口合同、发票或提单: at least one number.
[import]
# contract_no = ""              # 合同号
# invoice_no = ""               # 发票号
# bill_of_lading_no = ""        # 提单号
# port_of_entry = ""            # 入境口岸

# Materials (每份材料均须加盖公章, 公章不得为复印件). Files are PDF, JPEG or PNG, relative to this directory.
"#,
    );
    for kind in r
        .required_materials
        .iter()
        .chain(r.conditional_materials.iter())
    {
        let m = rb
            .material(kind)
            .expect("rulebook materials are known (tested)");
        let when = if r.conditional_materials.contains(kind) {
            " (when the samples are for CCC certification testing)"
        } else {
            ""
        };
        s.push_str(&format!(
            "# [[materials]]                # {}{when}\n# kind = \"{}\"\n# files = [\"materials/{}.pdf\"]\n# sealed = true\n\n",
            m.zh, m.kind, m.kind
        ));
    }
    s.push_str(condition_table(condition));
    s
}

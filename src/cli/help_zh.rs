//! The Chinese help: the about text of every command and the help of every argument, keyed by the
//! command's path (`ledger add`, the root is ``) and the argument's id. `help::localize` puts them
//! into the clap command before parsing under `--lang zh` or `LANG=zh_*`; a test fails on any
//! command or argument without its entry here.

/// (command path, Chinese about).
pub const ABOUT: &[(&str, &str)] = &[
    (
        "",
        "准备、检查、打包并跟踪《免予办理强制性产品认证证明》（CCC 免办证明）",
    ),
    ("init", "创建工作区"),
    (
        "new",
        "按免办条件生成 applications/ID/application.toml 模板",
    ),
    (
        "check",
        "按办事指南的规则检查申请（未指定时检查工作区中的全部申请）",
    ),
    ("explain", "解释发现代码：规则、所依据的指南条款、如何改正"),
    (
        "render",
        "生成后续管理承诺书（DOCX）、对照表（XLSX、CSV）或材料清单",
    ),
    ("package", "检查、生成并打包上传材料（BagIt 格式的 zip）"),
    ("verify", "校验材料包：结构、完整性、每个校验和"),
    (
        "inspect",
        "显示材料审查在文件中看到的内容（印章、分辨率、文字）；--preview 画出来",
    ),
    (
        "store",
        "工作区的存储：使用哪一种（SQLite 或 PostgreSQL），以及迁移到 PostgreSQL",
    ),
    (
        "store info",
        "工作区使用的存储、其结构版本、条目数和链头哈希",
    ),
    (
        "store migrate",
        "把工作区的 SQLite 存储复制到一个空的 PostgreSQL 数据库，然后在副本上校验哈希链、余额和每个证据文件的哈希",
    ),
    ("catalogue", "内置的 CCC 产品目录"),
    (
        "catalogue search",
        "按输入内容排序目录条目：中文或英文产品名、日常用语（笔记本电脑、充电器）、代码或条目号。请以官方目录核对",
    ),
    (
        "catalogue show",
        "显示一个条目及其全部代码：按条目号（1–96）或其中一个 4 位代码",
    ),
    (
        "catalogue list",
        "全部条目、数据的覆盖范围，以及已移出目录的代码",
    ),
    ("app", "申请及其状态；登记官方系统的办理结果"),
    ("app list", "工作区中的申请及其状态和最近一次检查"),
    ("app show", "一项申请：状态历史和最近一次检查"),
    ("app submit", "登记已在官方系统中提交申请"),
    ("app approve", "登记批准：证明号及其产品行"),
    ("app reject", "登记驳回及其原因"),
    (
        "app amend",
        "登记已发证明的修改（申请修改(已发)证明）：新的证明号、签发日期或核准数量，追加到台账哈希链，不改动已有记录",
    ),
    (
        "app void",
        "作废误登记的批准或驳回（证明已有流水时拒绝）；申请回到该决定之前的状态",
    ),
    (
        "app import-products",
        "从表格（发票、装箱单或 ERP 导出）导入产品行到 application.toml：XLSX 或 CSV，列名可为中文或英文",
    ),
    ("ledger", "使用台账"),
    (
        "ledger add",
        "登记一笔流水：inbound 入库、issue 领用、return 归还、use 使用、reexport 退运核销、scrap 报废/销毁、export 整机出口",
    ),
    (
        "ledger import",
        "从 CSV 或 XLSX 文件登记多笔流水，全部成功或全部不写（列见 docs/ledger.md）",
    ),
    (
        "ledger list",
        "列出流水（可按证明号、产品行、类型、日期筛选）",
    ),
    (
        "ledger balance",
        "每个证明产品行的余额：核准、入库、在库、领用、使用、退运、销毁、出口、未处置",
    ),
    (
        "ledger export",
        "导出供检查人员查阅的台账：.xlsx（每个证明一张工作表及汇总）、.csv（带 BOM 的 UTF-8）或 .json",
    ),
    (
        "ledger reverse",
        "用一笔冲销流水作废一条流水（任何记录都不会被修改或删除）",
    ),
    (
        "ledger close",
        "声明证明核销完毕：入库的每一件都已使用、退运、销毁或出口",
    ),
    (
        "ledger verify",
        "重新核验哈希链、编号、余额和每个证明材料文件",
    ),
    (
        "ledger checkpoint",
        "输出检查点（工作区、流水条数、链头哈希），供审计人员留存",
    ),
    (
        "ledger usage-record",
        "应在官方系统“使用记录”中填写的内容（使用/退运/销毁）",
    ),
    ("status", "总览：申请、证明、未处置数量、期限、风险标记"),
    ("completions", "输出 shell 补全脚本"),
    ("backup", "工作区数据库的一致副本（SQLite 在线备份）"),
];

/// (command path, argument id, Chinese help).
pub const ARGS: &[(&str, &str, &str)] = &[
    (
        "check",
        "content",
        "审查材料内容（印章、清晰度、申报事实）：off 关闭、on 开启，或 require（无法审查的文件 M017 视为错误）",
    ),
    ("inspect", "files", "材料文件（PDF、JPEG、PNG）"),
    (
        "inspect",
        "preview",
        "写出第一个文件第一页的 PNG，框出印章和识别到的文字",
    ),
    (
        "inspect",
        "fact",
        "要在文字中查找的申报事实（型号、编号、名称）；可重复",
    ),
    (
        "store migrate",
        "to",
        "要复制到的 PostgreSQL 数据库（postgresql://user@host:port/database）；URL 中没有密码时取 PGPASSWORD",
    ),
    (
        "",
        "workspace",
        "工作区目录（否则取 CCC_EXEMPT_WORKSPACE，再否则取最近一个含 ccc-exempt.toml 的上级目录）",
    ),
    (
        "",
        "format",
        "输出格式：human（表格，默认）、json、junit、sarif",
    ),
    (
        "",
        "color",
        "何时使用颜色：auto（默认，遵循 NO_COLOR 和 CLICOLOR）、always、never",
    ),
    (
        "",
        "lang",
        "消息语言：zh 或 en（默认按 LANG：zh_* 为中文，否则英文）。生成的文件始终为中文",
    ),
    ("", "no_input", "从不询问；需要输入时报错并指明应提供的参数"),
    ("", "quiet", "只输出数据和错误"),
    ("init", "dir", "在哪里创建工作区（默认：当前目录）"),
    ("init", "name", "单位名称，与营业执照一致"),
    ("init", "uscc", "统一社会信用代码（18 位）"),
    ("init", "address", "地址"),
    ("init", "contact", "联系人"),
    ("init", "phone", "联系电话"),
    (
        "init",
        "authority",
        "承诺书抬头的受理市场监管部门（未填写时按统一社会信用代码的行政区划建议）",
    ),
    ("new", "id", "申请编号（目录名，如 2026-research-01）"),
    (
        "new",
        "condition",
        "免办条件：research 科研测试、repair 维修、production-line 生产线、exhibition 商业展示、export-assembly 整机出口、other 其他特殊用途（或 1–6）",
    ),
    (
        "new",
        "products",
        "从表格导入产品行（XLSX 或 CSV；见 `app import-products`）",
    ),
    ("new", "sheet", "--products 的 XLSX 工作表（默认：第一张）"),
    (
        "check",
        "targets",
        "申请编号或 application.toml 的路径（未指定时为工作区中的全部申请）",
    ),
    (
        "check",
        "fail_on",
        "使退出码为 1 的最低级别：error 错误（默认）、warning 警告、info 提示",
    ),
    (
        "explain",
        "code",
        "代码（如 M003）或旧名称（如 checksum-mismatch）；`all` 列出全部代码",
    ),
    ("render", "id", "申请编号"),
    (
        "render",
        "what",
        "生成什么：letter 后续管理承诺书（附件2-1，DOCX）、table 对照表（附件2-2，XLSX 和 CSV）、checklist 材料清单（有缺失时退出码为 1）",
    ),
    (
        "render",
        "output",
        "输出文件。不指定时：letter 写 `ID-后续管理承诺书.docx`，table 同时写 `ID-对照表.xlsx` 和 `ID-对照表.csv`，checklist 输出到标准输出。对 table，`.csv` 写 CSV，其他扩展名写 XLSX",
    ),
    ("package", "id", "申请编号"),
    (
        "package",
        "output",
        "要写入的 zip（默认：当前目录下的 ID.zip，加 --draft 时为 ID-draft.zip）",
    ),
    (
        "package",
        "draft",
        "即使有错误级别的发现也打包；包标记为草稿，申请状态不变",
    ),
    (
        "package",
        "content",
        "打包前的检查中审查材料内容，与 `check` 相同（`check` 运行过则取自其缓存）：off 关闭、on 开启，或 require",
    ),
    (
        "verify",
        "file",
        "材料包（由 `package` 生成的 zip，或任何 zip 格式的 BagIt 包）",
    ),
    (
        "verify",
        "fast",
        "只检查 zip 安全性和 Payload-Oxum（大小和数量），不算校验和",
    ),
    (
        "verify",
        "complete",
        "检查 zip 安全性和完整性（清单每行都在、没有未列出的载荷文件），不算校验和",
    ),
    ("catalogue search", "text", "关键词或代码"),
    ("catalogue search", "limit", "最多显示多少个条目"),
    (
        "catalogue show",
        "item_or_code",
        "条目号（如 48）或 4 位目录代码（如 0807）",
    ),
    ("app show", "id", "申请编号"),
    (
        "app show",
        "diff",
        "显示自批准（或最近一次修改）以来 application.toml 的改动",
    ),
    ("app submit", "id", "申请编号"),
    ("app approve", "id", "申请编号"),
    ("app approve", "cert_no", "证明号"),
    ("app approve", "issued", "签发日期（YYYY-MM-DD）"),
    (
        "app approve",
        "quantities",
        "某产品行核准数量与申请数量不同时填写（LINE=N，行号从 1 开始）",
    ),
    (
        "app approve",
        "force",
        "即使当前文件的最近一次检查缺失、过期或有错误（S003）也登记批准；须同时给出 --reason",
    ),
    (
        "app approve",
        "reason",
        "未经无误检查即登记批准的原因（随批准保存，并在 `status` 中显示）",
    ),
    ("app reject", "id", "申请编号"),
    ("app reject", "reason", "受理部门给出的驳回原因"),
    ("app amend", "id", "申请编号"),
    ("app amend", "reason", "证明修改的原因（记入台账哈希链）"),
    (
        "app amend",
        "cert_no",
        "此后生效的证明号（更正后的或新的证明号）",
    ),
    ("app amend", "issued", "此后生效的签发日期（YYYY-MM-DD）"),
    (
        "app amend",
        "quantities",
        "此后生效的核准数量（LINE=N，行号从 1 起）；不得少于该行已入库的数量",
    ),
    ("app void", "id", "申请编号"),
    (
        "app void",
        "reason",
        "该批准或驳回为何是误登记（记入台账哈希链）",
    ),
    ("app import-products", "id", "申请编号"),
    (
        "app import-products",
        "file",
        "表格：XLSX，或 CSV（UTF-8 或 GB18030；逗号、分号或制表符分隔），表头行写明各列（品名/Name、型号/Model、数量/Quantity、单价/Unit Price……）",
    ),
    (
        "app import-products",
        "sheet",
        "要读取的 XLSX 工作表（默认：第一张）",
    ),
    (
        "app import-products",
        "replace",
        "替换申请中的产品行，而不是追加",
    ),
    ("ledger add", "cert", "证明号"),
    ("ledger add", "line", "证明中的产品行（从 1 开始）"),
    (
        "ledger add",
        "kind",
        "类型：inbound 入库、issue 领用、return 归还、use 使用、reexport 退运核销、scrap 报废/销毁、export 整机出口（英文或中文均可）",
    ),
    (
        "ledger add",
        "qty",
        "数量（正整数；也可写作与 application.toml 一致的 `--quantity`）",
    ),
    ("ledger add", "date", "业务日期，YYYY-MM-DD（默认：今天）"),
    (
        "ledger add",
        "evidence",
        "证明材料文件（照片、视频、扫描件、PDF），写作 FILE 或 KIND=FILE，KIND 为 doc-no、written-proof、photo-or-video、end-user-confirmation、export-declaration 之一。多个文件可重复此参数",
    ),
    (
        "ledger add",
        "doc_no",
        "单证号：入库为进口单证号，退运和出口为出口报关单号",
    ),
    ("ledger add", "location", "存放地点（仓库、实验室、产线）"),
    ("ledger add", "operator", "登记或经办人"),
    ("ledger add", "note", "备注"),
    (
        "ledger add",
        "deviation",
        "登记与申请承诺的处置方式（disposal）不同的最终处置，并写明原因（否则以 L011 拒绝；status 会持续标记）",
    ),
    (
        "ledger add",
        "key",
        "幂等键：相同的键和相同的内容不会重复登记（内容不同时为 L007）",
    ),
    (
        "ledger import",
        "file",
        "CSV 文件（UTF-8）或 XLSX 文件（第一张工作表）；表头行写明各列：cert,line,kind,qty，可选 date,doc_no,location,operator,note,evidence,key",
    ),
    (
        "ledger import",
        "dry_run",
        "检查每一行并报告，但不写入任何内容",
    ),
    ("ledger list", "cert", "只列此证明"),
    ("ledger list", "line", "只列此产品行"),
    (
        "ledger list",
        "kinds",
        "只列这些类型（可重复）：inbound、issue、return、use、reexport、scrap、export、reversal、certify、close",
    ),
    ("ledger list", "from", "起始业务日期（YYYY-MM-DD）"),
    ("ledger list", "to", "截止业务日期（YYYY-MM-DD）"),
    ("ledger list", "limit", "只列最近 N 条"),
    ("ledger balance", "cert", "只列此证明"),
    (
        "ledger export",
        "output",
        "要写入的文件；扩展名决定格式：.xlsx、.csv（带 BOM 的 UTF-8）或 .json",
    ),
    ("ledger export", "cert", "只导出此证明"),
    (
        "ledger reverse",
        "seq",
        "要冲销的流水编号（`ledger list` 中可见）",
    ),
    ("ledger reverse", "reason", "原因（记入台账）"),
    ("ledger reverse", "operator", "冲销人"),
    (
        "ledger reverse",
        "yes",
        "不要求确认（不在终端上时必须给出）",
    ),
    ("ledger close", "cert", "证明号"),
    ("ledger close", "date", "核销日期，YYYY-MM-DD（默认：今天）"),
    ("ledger close", "operator", "声明人"),
    ("ledger close", "note", "备注"),
    ("ledger close", "yes", "不要求确认（不在终端上时必须给出）"),
    (
        "ledger verify",
        "against",
        "检查点文件（由 `ledger checkpoint` 生成），台账必须仍是它的延续",
    ),
    ("ledger usage-record", "cert", "证明号"),
    (
        "ledger usage-record",
        "export",
        "把每条使用记录的证据文件写入 DIR，按流水号、类型、日期和证据种类命名，扩展名按文件内容；并附在官方系统中应填写内容的表格（CSV 和 XLSX）",
    ),
    (
        "completions",
        "shell",
        "shell 类型：bash、elvish、fish、powershell、zsh",
    ),
    (
        "completions",
        "dynamic",
        "每次按 Tab 时调用 PATH 上的 ccc-exempt 的脚本：还补全工作区的申请编号和证明号。升级后请重新生成",
    ),
    ("backup", "path", "副本写到哪里（单个 SQLite 文件）"),
    ("backup", "force", "替换 PATH 处已有的文件"),
];

pub fn about(path: &str) -> Option<&'static str> {
    ABOUT.iter().find(|(p, _)| *p == path).map(|(_, t)| *t)
}

pub fn arg(path: &str, id: &str) -> Option<&'static str> {
    ARGS.iter()
        .find(|(p, i, _)| *p == path && *i == id)
        .map(|(_, _, t)| *t)
}

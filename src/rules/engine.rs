//! The rule engine: one application in, findings out. The rulebook (data) says what each condition
//! requires (roles, materials, elements); this file says how each rule of SPEC's table is checked.
//! Findings are collected, never thrown: one run reports everything.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;

use serde::Serialize;

use super::k002;
use super::rulebook::{ConditionRules, Rulebook, known_roles};
use super::thresholds::Thresholds;
use crate::application::model::Application;
use crate::application::{LoadedApplication, uscc};
use crate::catalogue::{Catalogue, Lookup, Status};
use crate::model::codes::Code;
use crate::model::diagnostic::{self, Diagnostic, Location, Severity};
use crate::util::paths::{self, PathProblem};
use crate::{Lang, Now};

/// Everything a check needs besides the application.
pub struct CheckContext<'a> {
    pub lang: Lang,
    pub catalogue: &'a Catalogue,
    pub thresholds: Thresholds,
    /// The workspace root, when there is one (material paths may point anywhere inside it).
    pub workspace_root: Option<&'a Path>,
    pub now: Now,
    /// K002: the certificates issued in the workspace (any date; the rule picks its window).
    pub issued: Vec<k002::Batch>,
}

/// The findings of one application.
#[derive(Debug, Clone, Serialize)]
pub struct AppReport {
    pub id: String,
    pub file: String,
    pub condition: Option<String>,
    /// SHA-256 of the application.toml text.
    pub file_sha256: String,
    pub total_quantity: i64,
    pub findings: Vec<Diagnostic>,
}

impl AppReport {
    pub fn count(&self, s: Severity) -> usize {
        diagnostic::count(&self.findings, s)
    }

    pub fn has_errors(&self) -> bool {
        diagnostic::has_errors(&self.findings)
    }

    /// Name the file as the reader should see it (relative to where they stand, or inside a
    /// package), in the report and in every finding.
    pub fn set_file(&mut self, file: String) {
        for f in &mut self.findings {
            f.location.rename_file(&file);
        }
        self.file = file;
    }
}

/// Words that mark office supplies (办公用品), excluded from condition 3. A heuristic: a warning.
const OFFICE_WORDS: &[&str] = &[
    "办公",
    "打印机",
    "复印机",
    "复印",
    "碎纸机",
    "投影仪",
    "传真机",
    "电脑",
    "计算机",
    "笔记本",
    "显示器",
    "扫描仪",
    "饮水机",
    "咖啡机",
    "office",
    "printer",
    "copier",
    "shredder",
    "projector",
    "laptop",
    "notebook",
    "computer",
    "monitor",
    "scanner",
    "fax",
];

/// The first of [`OFFICE_WORDS`] that `lower` contains: one pass of an automaton over the text
/// (every occurrence of every word), rather than one search per word.
fn office_word(lower: &str) -> Option<&'static str> {
    static WORDS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| {
            // A few short names each run: the automaton that is quickest to build.
            aho_corasick::AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
                .build(OFFICE_WORDS)
                .expect("an automaton of literal strings")
        })
        .find_overlapping_iter(lower)
        .map(|m| m.pattern().as_usize())
        .min()
        .map(|i| OFFICE_WORDS[i])
}

/// Material file types accepted by the official system, by their first bytes.
fn sniff(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"%PDF-") {
        Some("PDF")
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("JPEG")
    } else if head.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("PNG")
    } else {
        None
    }
}

struct Engine<'a> {
    ctx: &'a CheckContext<'a>,
    loaded: &'a LoadedApplication,
    findings: Vec<Diagnostic>,
    /// The application's directory and the workspace, resolved once for all its material paths.
    inside: std::cell::OnceCell<paths::Inside>,
}

fn blank(v: &Option<String>) -> bool {
    v.as_deref().is_none_or(|s| s.trim().is_empty())
}

impl<'a> Engine<'a> {
    fn t(&self, zh: &str, en: &str) -> String {
        self.ctx.lang.pick(zh, en).to_string()
    }

    /// The value meant by a typo (`reexprot`) as the hint of the finding just pushed.
    fn meant(&mut self, value: &str, known: &[&str]) {
        let hint = crate::util::text::closest(value.trim(), known)
            .map(|c| format!("{} `{c}`?", self.t("是否应为", "did you mean")));
        if let (Some(h), Some(d)) = (hint, self.findings.last_mut()) {
            d.hint = Some(h);
        }
    }

    fn push(&mut self, code: Code, path: &str, message: String) {
        let (line, column) = self.loaded.position(path);
        let file = self.loaded.path.display().to_string();
        self.findings
            .push(Diagnostic::new(code, message).at(Location::file(
                file,
                line,
                column,
                Some(path.to_string()),
            )));
    }

    fn app(&self) -> &'a Application {
        &self.loaded.app
    }

    fn applicant(&mut self) {
        let a = &self.app().applicant;
        let from_profile = |k: &str| self.loaded.applicant_from_profile.iter().any(|p| p == k);
        if blank(&a.name) {
            let m = self.t(
                "申请人名称缺失：在 [applicant] 或工作区 ccc-exempt.toml 中填写 name",
                "applicant name missing: set `name` under [applicant] or in the workspace profile",
            );
            self.push(Code::A001, "applicant.name", m);
        }
        let uscc_path = "applicant.uscc";
        let suffix = if from_profile("uscc") {
            self.t(
                "（来自工作区 ccc-exempt.toml）",
                " (from the workspace profile ccc-exempt.toml)",
            )
        } else {
            String::new()
        };
        match &a.uscc {
            None => {
                let m = self.t(
                    "统一社会信用代码缺失",
                    "unified social credit code (uscc) missing",
                );
                self.push(Code::A002, uscc_path, m);
            }
            Some(code) => {
                if let Err(e) = uscc::validate(code) {
                    let m = format!("{}{suffix}: {code:?}", e.message(self.ctx.lang));
                    self.push(Code::A002, uscc_path, m);
                }
            }
        }
    }

    fn condition(&mut self) -> Option<&'static ConditionRules> {
        let app = self.app();
        let rules = match (&app.condition, &app.condition_raw) {
            (Some(c), _) => Some(Rulebook::get().condition(*c)),
            (None, None) => {
                let m = self.t(
                    "缺少免办条件：设置 condition = research | repair | production-line | exhibition | export-assembly | other",
                    "condition missing: set condition = research | repair | production-line | exhibition | export-assembly | other",
                );
                self.push(Code::C001, "condition", m);
                None
            }
            (None, Some(raw)) => {
                let m = format!(
                    "{} {raw:?}; {}",
                    self.t("未知的免办条件", "unknown condition"),
                    self.t(
                        "应为 research、repair、production-line、exhibition、export-assembly、other 或 1–6",
                        "use research, repair, production-line, exhibition, export-assembly, other or 1-6"
                    )
                );
                // A typo (`reseach`) gets the condition meant.
                let low = raw.trim().to_lowercase();
                let meant = Rulebook::get()
                    .conditions
                    .iter()
                    .map(|c| (strsim::jaro_winkler(&low, &c.slug), c.slug.as_str()))
                    .filter(|(score, _)| *score >= 0.8)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(_, slug)| slug);
                let m = match meant {
                    Some(slug) => format!(
                        "{m}{}{slug}{}",
                        self.t("（是否想写 `", " (did you mean `"),
                        self.t("`？）", "`?)")
                    ),
                    None => m,
                };
                self.push(Code::C001, "condition", m);
                None
            }
        };
        if blank(&app.purpose) {
            let m = self.t(
                "缺少申报用途 purpose：写明产品进口后的具体用途",
                "purpose missing: say what the products will be used for after import",
            );
            self.push(Code::C003, "purpose", m);
        }
        if let Some(r) = rules {
            match app.applicant_role.as_deref().map(str::trim) {
                None | Some("") => {
                    let m = format!(
                        "{}{}",
                        self.t(
                            "缺少申请人角色 applicant_role；该条件允许：",
                            "applicant_role missing; this condition allows: "
                        ),
                        allowed_roles(r, &self.t("任何角色", "any role"))
                    );
                    self.push(Code::A003, "applicant_role", m);
                }
                Some(role) if !r.allows_role(role) => {
                    let known = known_roles();
                    let hint = if known.contains(&role) {
                        String::new()
                    } else {
                        // A typo gets the role meant.
                        let meant = crate::util::text::closest(role, &known)
                            .map(|c| format!("; {} `{c}`?", self.t("是否应为", "did you mean")))
                            .unwrap_or_default();
                        format!(" ({} {role:?}{meant})", self.t("未知角色", "unknown role"))
                    };
                    let m = format!(
                        "{} {role:?}{hint} {} {} ({}): {}",
                        self.t("申请人角色", "applicant role"),
                        self.t("不符合条件", "is not allowed for condition"),
                        r.number,
                        r.slug,
                        allowed_roles(r, &self.t("任何角色", "any role"))
                    );
                    self.push(Code::A003, "applicant_role", m);
                }
                _ => {}
            }
            if r.slug == "other" && app.other.as_ref().is_none_or(|o| blank(&o.justification)) {
                let m = self.t(
                    "条件（六）须在 [other] justification 中说明特殊用途",
                    "condition `other` needs the special use stated in [other] justification",
                );
                self.push(Code::C002, "other.justification", m);
            }
        }
        rules
    }

    fn products(&mut self, rules: Option<&ConditionRules>) {
        let app = self.app();
        if app.products.is_empty() {
            let m = self.t(
                "没有申请产品：添加 [[products]]",
                "no product lines: add [[products]] tables",
            );
            self.push(Code::P001, "products", m);
            return;
        }
        let cov = self.ctx.catalogue.coverage();
        let mut seen: HashMap<(String, String), usize> = HashMap::new();
        for (i, p) in app.products.iter().enumerate() {
            let base = format!("products[{i}]");
            for (key, v, zh, en) in [
                ("name", &p.name, "产品名称缺失", "product name missing"),
                (
                    "model",
                    &p.model,
                    "规格型号缺失",
                    "model (规格型号) missing",
                ),
            ] {
                if blank(v) {
                    let m = self.t(zh, en);
                    self.push(Code::P002, &format!("{base}.{key}"), m);
                }
            }
            match p.quantity {
                Some(q) if q > 0 => {}
                Some(q) => {
                    let m = format!(
                        "{} {q}",
                        self.t(
                            "数量必须是正整数，实为",
                            "quantity must be a positive whole number, found"
                        )
                    );
                    self.push(Code::P003, &format!("{base}.quantity"), m);
                }
                None => {
                    let m = self.t("数量缺失", "quantity missing");
                    self.push(Code::P003, &format!("{base}.quantity"), m);
                }
            }
            let code_path = || format!("{base}.ccc_code");
            match p.ccc_code.as_deref().map(str::trim) {
                None | Some("") => {
                    let m = format!(
                        "{} ({})",
                        self.t(
                            "缺少CCC目录代码 ccc_code：用 `ccc-exempt catalogue search` 查找",
                            "ccc_code missing: find it with `ccc-exempt catalogue search`"
                        ),
                        cov.describe(self.ctx.lang)
                    );
                    self.push(Code::P004, &code_path(), m);
                }
                Some(code) => match self.ctx.catalogue.lookup(code) {
                    Lookup::InScope(e) => {
                        if e.status == Status::Reconstructed {
                            let m = format!(
                                "{code} {}: {}",
                                e.name_zh,
                                self.t(
                                    "该代码为推定数据（RECONSTRUCTED），请对照官方目录确认",
                                    "this code is reconstructed data: confirm it against the official table"
                                )
                            );
                            self.push(Code::P010, &code_path(), m);
                        }
                    }
                    Lookup::Removed(r) => {
                        let m = format!(
                            "{code} {} {} ({}): {}",
                            r.name_zh,
                            self.t("已移出CCC目录", "was removed from the CCC catalogue"),
                            r.removed_by,
                            self.t(
                                "该产品无需办理免办证明，应从申请中删除",
                                "the product needs no exemption certificate; remove it from the application"
                            )
                        );
                        self.push(Code::P005, &code_path(), m);
                    }
                    Lookup::Unknown => {
                        let m = format!(
                            "{code:?} {}; {}. {}",
                            self.t("不是目录中的代码", "is not a code of the catalogue"),
                            cov.describe(self.ctx.lang),
                            self.t(
                                "用 `ccc-exempt catalogue search` 按产品名称查找正确代码",
                                "Find the right code by product name with `ccc-exempt catalogue search`"
                            )
                        );
                        self.push(Code::P004, &code_path(), m);
                    }
                },
            }
            let hs_ok = p
                .hs_code
                .as_deref()
                .map(|h| h.trim().replace(['.', ' '], ""))
                .is_some_and(|h| h.len() == 10 && h.chars().all(|c| c.is_ascii_digit()));
            if !hs_ok {
                let m = match &p.hs_code {
                    None => self.t("HS编码缺失（10位）", "HS code missing (10 digits)"),
                    Some(h) => format!(
                        "{} {h:?}",
                        self.t(
                            "HS编码应为10位数字，实为",
                            "HS code must be 10 digits, found"
                        )
                    ),
                };
                self.push(Code::P006, &format!("{base}.hs_code"), m);
            }
            if blank(&p.ccc_reason) {
                let m = self.t(
                    "缺少界定依据 ccc_reason：写明产品为何属于该目录代码",
                    "ccc_reason missing: say why the product falls under that catalogue code",
                );
                self.push(Code::P007, &format!("{base}.ccc_reason"), m);
            }
            if let Some(price) = &p.unit_price
                && parse_decimal(price).is_none()
            {
                let m = format!(
                    "{} {price:?}",
                    self.t(
                        "单价应为十进制数字字符串，如 \"1200.00\"，实为",
                        "unit_price must be a decimal string like \"1200.00\", found"
                    )
                );
                self.push(Code::P011, &format!("{base}.unit_price"), m);
            }
            if let (Some(n), Some(m)) = (&p.name, &p.model)
                && !n.trim().is_empty()
            {
                let key = (normalise_words(n), normalise_words(m));
                if let Some(first) = seen.get(&key) {
                    let msg = format!(
                        "{} products[{first}] {}",
                        self.t("与", "same name and model as"),
                        self.t("名称和型号相同：合并为一行", "— merge them into one line")
                    );
                    self.push(Code::P008, &base, msg);
                } else {
                    seen.insert(key, i);
                }
            }
            if rules.is_some_and(|r| r.slug == "production-line")
                && let Some(n) = &p.name
            {
                let lower = n.to_lowercase();
                if let Some(w) = office_word(&lower) {
                    let m = format!(
                        "{n:?} {} ({w}); {}",
                        self.t("疑似办公用品", "looks like office supplies"),
                        self.t(
                            "条件（三）不含办公用品",
                            "condition 3 excludes office supplies"
                        )
                    );
                    self.push(Code::P009, &format!("{base}.name"), m);
                }
            }
        }
    }

    fn import_docs(&mut self) {
        if self.app().import.numbers().is_empty() {
            let m = self.t(
                "[import] 中未填写进口合同号、发票号或提单号（至少一项）",
                "no import contract, invoice or bill-of-lading number in [import] (at least one)",
            );
            self.push(Code::M011, "import", m);
        }
    }

    fn required_materials(&self) -> Vec<&'static str> {
        Rulebook::get()
            .required_for(self.app())
            .into_iter()
            .map(|(k, _)| k)
            .collect()
    }

    fn materials(&mut self, rules: Option<&ConditionRules>) {
        let rb = Rulebook::get();
        let app = self.app();
        let required = self.required_materials();
        for (j, m) in app.materials.iter().enumerate() {
            let base = format!("materials[{j}]");
            match m.kind.as_deref().map(str::trim) {
                None | Some("") => {
                    let msg = self.t("材料缺少 kind", "material without `kind`");
                    self.push(Code::M010, &base, msg);
                }
                Some(kind) => {
                    if rb.material(kind).is_none() {
                        let kinds: Vec<&str> =
                            rb.materials.iter().map(|m| m.kind.as_str()).collect();
                        let hint = crate::util::text::closest(kind, &kinds)
                            .map(|c| format!("{} {c}?", self.t("是否应为", "did you mean")));
                        let msg = format!(
                            "{} {kind:?}",
                            self.t("未知的材料种类", "unknown material kind")
                        );
                        self.push(Code::M010, &format!("{base}.kind"), msg);
                        if let (Some(h), Some(d)) = (hint, self.findings.last_mut()) {
                            d.hint = Some(h);
                        }
                    } else if let Some(r) = rules
                        && !r.all_materials().any(|k| k == kind)
                    {
                        let name = rb.material(kind).map(|m| m.zh.as_str()).unwrap_or(kind);
                        let msg = format!(
                            "{name} ({kind}) {} {}",
                            self.t(
                                "不是该条件要求的材料：条件",
                                "is not a material of condition"
                            ),
                            r.number
                        );
                        self.push(Code::M006, &format!("{base}.kind"), msg);
                    }
                }
            }
            if m.sealed != Some(true) {
                let msg = self.t(
                    "未声明已加盖申请人公章原件：盖章扫描后设置 sealed = true",
                    "not declared sealed: stamp with the applicant's original seal, scan, then set sealed = true",
                );
                let path = if m.sealed.is_some() {
                    format!("{base}.sealed")
                } else {
                    base.clone()
                };
                self.push(Code::M003, &path, msg);
            }
            if m.files.is_empty() {
                let msg = self.t("材料未列出任何文件 files", "material lists no `files`");
                self.push(Code::M002, &base, msg);
            }
            for (k, f) in m.files.iter().enumerate() {
                self.file(&format!("{base}.files[{k}]"), f);
            }
        }
        if let Some(r) = rules {
            for kind in required {
                let present = app
                    .materials
                    .iter()
                    .any(|m| m.kind.as_deref().map(str::trim) == Some(kind));
                if !present {
                    let zh = rb.material(kind).map(|m| m.zh.as_str()).unwrap_or(kind);
                    let msg = match self.ctx.lang {
                        Lang::Zh => format!("缺少条件{}要求的材料：{zh}（{kind}）", r.number),
                        Lang::En => format!(
                            "missing material {zh} ({kind}); required by condition {}",
                            r.number
                        ),
                    };
                    self.push(Code::M001, "materials", msg);
                }
            }
        }
    }

    /// One material file: path safety, presence, type by content, size.
    fn file(&mut self, path: &str, rel: &str) {
        let (root, dir) = (self.ctx.workspace_root, &self.loaded.dir);
        let abs = match self
            .inside
            .get_or_init(|| paths::Inside::new(root, dir))
            .resolve(rel)
        {
            Ok(abs) => abs,
            Err(problem) => {
                let msg = match problem {
                    PathProblem::UnsafeName { zh, en } => format!("{rel:?}: {}", self.t(zh, en)),
                    PathProblem::Outside => format!(
                        "{rel:?} {}",
                        self.t(
                            "指向申请/工作区之外：将文件复制到申请目录的 materials/ 下",
                            "points outside the application/workspace: copy the file under the application's materials/"
                        )
                    ),
                    PathProblem::Link(_) => format!(
                        "{rel:?} {}",
                        self.t(
                            "是符号链接：请复制真实文件",
                            "is a symbolic link: copy the real file instead"
                        )
                    ),
                };
                self.push(Code::M009, path, msg);
                return;
            }
        };
        // Links below the root were refused above; the file itself must be a regular file.
        let meta = match paths::regular_file(&abs) {
            Ok(m) => m,
            Err(problem) => {
                let (zh, en) = problem.describe();
                let msg = format!("{rel:?}: {}", self.t(&zh, &en));
                self.push(Code::M002, path, msg);
                return;
            }
        };
        if meta.len() == 0 {
            let msg = format!("{rel:?} {}", self.t("是空文件", "is empty"));
            self.push(Code::M002, path, msg);
            return;
        }
        let mut head = [0u8; 8];
        let read = std::fs::File::open(&abs).and_then(|mut f| {
            let mut n = 0;
            while n < head.len() {
                let k = f.read(&mut head[n..])?;
                if k == 0 {
                    break;
                }
                n += k;
            }
            Ok(n)
        });
        match read {
            Err(e) => {
                let msg = format!("{rel:?}: {} ({e})", self.t("无法读取", "cannot be read"));
                self.push(Code::M002, path, msg);
                return;
            }
            Ok(n) => {
                if sniff(&head[..n]).is_none() {
                    let msg = format!(
                        "{rel:?} {}",
                        self.t(
                            "按内容判断不是 PDF、JPEG 或 PNG 文件",
                            "is not a PDF, JPEG or PNG file by its content"
                        )
                    );
                    self.push(Code::M004, path, msg);
                }
            }
        }
        let limit = self.ctx.thresholds.upload_limit_bytes;
        if limit > 0 && meta.len() > limit {
            let msg = format!(
                "{rel:?} {} {:.1} MiB > {} MiB",
                self.t("超过上传大小上限", "is larger than the upload limit"),
                meta.len() as f64 / 1048576.0,
                limit / 1048576
            );
            self.push(Code::M005, path, msg);
        }
    }

    /// M007 (required elements declared), M008 (declared facts agree with the product lines),
    /// X401 and X501 (their own codes for the exhibition period and the export commitment).
    fn elements(&mut self, r: &ConditionRules) {
        let app = self.app();
        let required = self.required_materials();
        for e in &r.elements {
            if !required.contains(&e.material.as_str()) {
                continue;
            }
            // Covered by X401 / X501 with their own codes.
            if matches!(
                e.key.as_str(),
                "exhibition.start"
                    | "exhibition.end"
                    | "exhibition.disposal"
                    | "export_assembly.export_contract_no"
                    | "export_assembly.committed_export_date"
            ) {
                continue;
            }
            if !element_declared(app, &e.key) {
                let material = Rulebook::get()
                    .material(&e.material)
                    .map(|m| m.zh.as_str())
                    .unwrap_or("");
                let msg = format!(
                    "{material}: {} {} ({})",
                    self.t("未声明要素", "element not declared:"),
                    self.ctx.lang.pick(&e.zh, &e.en),
                    e.key
                );
                self.push(Code::M007, &e.key, msg);
            }
        }
        if r.slug == "research"
            && let Some(res) = &app.research
        {
            if let Some(k) = &res.kind
                && !matches!(k.trim(), "research" | "testing" | "certification")
            {
                let msg = format!(
                    "research.kind {k:?}: {}",
                    self.t(
                        "应为 research（科研）、testing（测试）或 certification（认证检测）",
                        "must be research, testing or certification"
                    )
                );
                self.push(Code::M007, "research.kind", msg);
                self.meant(k, &["research", "testing", "certification"]);
            }
            if let Some(d) = &res.disposal
                && !matches!(d.trim(), "destroy" | "reexport")
            {
                let msg = format!(
                    "research.disposal {d:?}: {}",
                    self.t("应为 destroy 或 reexport", "must be destroy or reexport")
                );
                self.push(Code::M007, "research.disposal", msg);
                self.meant(d, &["destroy", "reexport"]);
            }
            if let Some(n) = &res.sample_notice {
                self.sample_notice_agrees(n);
            }
        }
        if r.slug == "exhibition" {
            let ex = app.exhibition.clone().unwrap_or_default();
            if ex.start.is_none() || ex.end.is_none() {
                let path = if ex.start.is_none() {
                    "exhibition.start"
                } else {
                    "exhibition.end"
                };
                let msg = self.t(
                    "申请单位声明须注明展示时间：填写 [exhibition] start 与 end",
                    "the statement must give the display period: fill [exhibition] start and end",
                );
                self.push(Code::X401, path, msg);
            }
            if let (Some(s), Some(e)) = (ex.start, ex.end)
                && e < s
            {
                let msg = format!(
                    "{} {e} < {s}",
                    self.t(
                        "展示结束日期早于开始日期：",
                        "the display ends before it starts:"
                    )
                );
                self.push(Code::X401, "exhibition.end", msg);
            }
            match ex.disposal.as_deref().map(str::trim) {
                Some("destroy") | Some("reexport") => {}
                other => {
                    let msg = match other {
                        None | Some("") => self.t(
                            "须注明展后处理情况：disposal = \"destroy\" 或 \"reexport\"",
                            "the post-display disposal is missing: disposal = \"destroy\" or \"reexport\"",
                        ),
                        Some(v) => format!("disposal {v:?}: {}", self.t("应为 destroy 或 reexport", "must be destroy or reexport")),
                    };
                    self.push(Code::X401, "exhibition.disposal", msg);
                    if let Some(v) = other {
                        self.meant(v, &["destroy", "reexport"]);
                    }
                }
            }
        }
        if r.slug == "export-assembly" {
            let ea = app.export_assembly.clone().unwrap_or_default();
            if blank(&ea.export_contract_no) {
                let msg = self.t(
                    "缺少成品出口合同号 export_contract_no",
                    "export contract number (export_contract_no) missing",
                );
                self.push(Code::X501, "export_assembly.export_contract_no", msg);
            }
            if ea.committed_export_date.is_none() {
                let msg = self.t(
                    "缺少承诺出口日期 committed_export_date（出口后两周内须办结手续）",
                    "committed export date (committed_export_date) missing (proof is due two weeks after it)",
                );
                self.push(Code::X501, "export_assembly.committed_export_date", msg);
            }
        }
    }

    fn sample_notice_agrees(&mut self, n: &crate::application::model::SampleNotice) {
        let app = self.app();
        let p = "research.sample_notice";
        let Some(model) = n.model.as_deref().map(str::trim).filter(|m| !m.is_empty()) else {
            return;
        };
        let lines: Vec<&crate::application::model::Product> = app
            .products
            .iter()
            .filter(|pr| pr.model.as_deref().map(normalise_words) == Some(normalise_words(model)))
            .collect();
        if lines.is_empty() {
            let models: Vec<&str> = app
                .products
                .iter()
                .filter_map(|p| p.model.as_deref())
                .collect();
            let msg = format!(
                "{} {model:?} {} {}",
                self.t("送样通知书的规格型号", "the sample notice's model"),
                self.t(
                    "与任何产品行都不一致；产品行型号：",
                    "matches no product line; the lines' models:"
                ),
                models.join(", ")
            );
            self.push(Code::M008, &format!("{p}.model"), msg);
            return;
        }
        if let Some(q) = n.quantity {
            let total: i64 = lines.iter().filter_map(|l| l.quantity).sum();
            if q != total {
                let msg = format!(
                    "{} {q}, {} {model} {} {total}",
                    self.t("送样通知书数量为", "the sample notice says quantity"),
                    self.t("而型号", "but the product lines of model"),
                    self.t("的申请数量为", "add up to")
                );
                self.push(Code::M008, &format!("{p}.quantity"), msg);
            }
        }
        if let Some(name) = n
            .sample_name
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let agrees = lines.iter().any(|l| {
                l.name.as_deref().is_some_and(|ln| {
                    let (a, b) = (normalise_words(ln), normalise_words(name));
                    a.contains(&b) || b.contains(&a)
                })
            });
            if !agrees {
                let names: Vec<&str> = lines.iter().filter_map(|l| l.name.as_deref()).collect();
                let msg = format!(
                    "{} {name:?} {} {}",
                    self.t("送样通知书的样品全称", "the sample notice's sample name"),
                    self.t(
                        "与同型号产品行的名称不符：",
                        "does not match the product line of that model:"
                    ),
                    names.join(", ")
                );
                self.push(Code::M008, &format!("{p}.sample_name"), msg);
            }
        }
    }

    fn key_inspection(&mut self) {
        let app = self.app();
        let th = &self.ctx.thresholds;
        let total = app.total_quantity();
        if th.key_quantity > 0 && total > th.key_quantity {
            let msg = format!(
                "{} {total} > {} ({})",
                self.t("单批次数量", "units in this batch:"),
                th.key_quantity,
                self.t(
                    "阈值为经验值，见 [thresholds] key_quantity",
                    "a heuristic threshold, [thresholds] key_quantity"
                )
            );
            self.push(Code::K001, "products", msg);
        }
        let mut amounts: BTreeMap<String, i128> = BTreeMap::new();
        for p in &app.products {
            if let (Some(q), Some(price)) =
                (p.quantity, p.unit_price.as_deref().and_then(parse_decimal))
                && q > 0
            {
                let cur = p
                    .currency
                    .clone()
                    .unwrap_or_else(|| "?".into())
                    .trim()
                    .to_uppercase();
                *amounts.entry(cur).or_default() += price.saturating_mul(q as i128);
            }
        }
        for (cur, cents) in amounts {
            let whole = cents / 100;
            if th.key_amount > 0 && whole > th.key_amount as i128 {
                let msg = format!(
                    "{} {whole} {cur} > {} ({})",
                    self.t("单批次金额", "amount of this batch:"),
                    th.key_amount,
                    self.t(
                        "阈值为经验值，见 [thresholds] key_amount",
                        "a heuristic threshold, [thresholds] key_amount"
                    )
                );
                self.push(Code::K001, "products", msg);
            }
        }
        if let Some(k) = k002::assess(
            &self.ctx.issued,
            self.ctx.now.date(),
            Some((self.loaded.id.as_str(), total)),
            th,
        ) {
            let msg = k.message(self.ctx.lang);
            self.push(Code::K002, "products", msg);
        }
    }
}

/// The roles a condition allows, for a message; `any` names the guide's "no list" (condition 6).
fn allowed_roles(r: &ConditionRules, any: &str) -> String {
    if r.roles.iter().any(|x| x == "*") {
        format!("{any} {}", r.roles_zh)
    } else {
        format!("{} ({})", r.roles.join(", "), r.roles_zh)
    }
}

/// Whether the key path of a rulebook element is declared (non-empty) in the application.
fn element_declared(app: &Application, key: &str) -> bool {
    let s = |v: Option<&Option<String>>| v.is_some_and(|v| !blank(v));
    let r = app.research.as_ref();
    let n = r.and_then(|r| r.sample_notice.as_ref());
    match key {
        "research.plan" => s(r.map(|r| &r.plan)),
        "research.sample_notice.body" => s(n.map(|n| &n.body)),
        "research.sample_notice.client" => s(n.map(|n| &n.client)),
        "research.sample_notice.sample_name" => s(n.map(|n| &n.sample_name)),
        "research.sample_notice.model" => s(n.map(|n| &n.model)),
        "research.sample_notice.quantity" => n.and_then(|n| n.quantity).is_some_and(|q| q > 0),
        "repair.end_user" => s(app.repair.as_ref().map(|r| &r.end_user)),
        "repair.equipment" => s(app.repair.as_ref().map(|r| &r.equipment)),
        "production_line.line" => s(app.production_line.as_ref().map(|r| &r.line)),
        "production_line.proof" => s(app.production_line.as_ref().map(|r| &r.proof)),
        "exhibition.name" => s(app.exhibition.as_ref().map(|r| &r.name)),
        "exhibition.venue" => s(app.exhibition.as_ref().map(|r| &r.venue)),
        "export_assembly.finished_product" => {
            s(app.export_assembly.as_ref().map(|r| &r.finished_product))
        }
        "other.justification" => s(app.other.as_ref().map(|r| &r.justification)),
        // An element the engine does not know is a rulebook error, caught by a test.
        _ => false,
    }
}

/// Lower-case, without spaces, hyphens or full-width forms: for comparing names and models.
fn normalise_words(s: &str) -> String {
    uscc::normalise(s).to_lowercase()
}

/// A decimal string ("1200.00", "35", "0.5") to hundredths; `None` when it is not one.
pub fn parse_decimal(s: &str) -> Option<i128> {
    let s = s.trim();
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit() || b == b',');
    if int.is_empty()
        || !digits(int)
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 4
        || int.len() > 24
    {
        return None;
    }
    let mut value: i128 = 0;
    for b in int.bytes().filter(|b| *b != b',') {
        value = value * 10 + i128::from(b - b'0');
    }
    let mut cents = 0;
    for i in 0..2 {
        cents = cents * 10
            + frac
                .as_bytes()
                .get(i)
                .map(|b| i128::from(b - b'0'))
                .unwrap_or(0);
    }
    Some(value * 100 + cents)
}

/// The sort key of a finding: line, column, code, key path.
fn position(d: &Diagnostic) -> (usize, usize, &'static str, Option<&str>) {
    match &d.location {
        Location::File {
            line, column, key, ..
        } => (
            line.unwrap_or(0),
            column.unwrap_or(0),
            d.code.as_str(),
            key.as_deref(),
        ),
        _ => (0, 0, d.code.as_str(), None),
    }
}

/// Findings in the order of the file: line, column, code, key path.
pub fn sort_findings(findings: &mut [Diagnostic]) {
    findings.sort_by(|a, b| position(a).cmp(&position(b)));
}

/// Check one application.
pub fn check_application(ctx: &CheckContext<'_>, loaded: &LoadedApplication) -> AppReport {
    let mut e = Engine {
        ctx,
        loaded,
        findings: Vec::new(),
        inside: std::cell::OnceCell::new(),
    };
    e.applicant();
    let rules = e.condition();
    e.products(rules);
    e.import_docs();
    e.materials(rules);
    if let Some(r) = rules {
        e.elements(r);
    }
    e.key_inspection();
    let mut findings = e.findings;
    sort_findings(&mut findings);
    AppReport {
        id: loaded.id.clone(),
        file: loaded.path.display().to_string(),
        condition: loaded.app.condition.map(|c| c.slug().to_string()),
        file_sha256: crate::util::hex::hex(&loaded.sha256()),
        total_quantity: loaded.app.total_quantity(),
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_word_is_the_first_word_of_the_list_found() {
        for name in [
            "激光打印机",
            "复印机",
            "数码复印一体机",
            "printer and copier",
            "copier, printer",
            "笔记本电脑",
            "notebook computer",
            "电钻",
            "faxmonitor",
            "",
        ] {
            let lower = name.to_lowercase();
            let one_by_one = OFFICE_WORDS.iter().find(|w| lower.contains(*w)).copied();
            assert_eq!(office_word(&lower), one_by_one, "{name}");
        }
        assert_eq!(office_word("复印机"), Some("复印机"));
        assert_eq!(office_word("电钻"), None);
    }
}

//! The materials checklist (材料清单): each material the condition requires (and any other the
//! application declares), its Chinese name, the files that satisfy it with size and SHA-256,
//! whether it is declared sealed, and what is missing. The same rows feed the CSV in the package
//! (`data/00-材料清单.csv`), `render checklist -o FILE.csv` and the terminal.

use serde::Serialize;

use super::csv_with_bom;
use crate::application::Application;
use crate::package::bag::{Layout, material_folder};
use crate::package::build::{FileState, FileStates, hash_file};
use crate::rules::Rulebook;

pub const COLUMNS: [&str; 10] = [
    "序号",
    "材料",
    "材料代码",
    "要求",
    "文件",
    "包内路径",
    "大小（字节）",
    "SHA-256",
    "加盖公章",
    "状态/缺失说明",
];

/// How a material is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Requirement {
    Required,
    /// Required in this case (the sample notice for CCC certification samples).
    RequiredInCase,
    /// Declared, but the condition does not ask for it.
    NotRequired,
}

impl Requirement {
    pub fn zh(self) -> &'static str {
        match self {
            Requirement::Required => "必需",
            Requirement::RequiredInCase => "必需（认证检测送样）",
            Requirement::NotRequired => "非本条件所需",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Requirement::Required => "required",
            Requirement::RequiredInCase => "required (certification samples)",
            Requirement::NotRequired => "not required by the condition",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ChecklistRow {
    /// The package folder, e.g. `01-营业执照`.
    pub folder: String,
    pub material_zh: String,
    pub kind: String,
    pub requirement: Requirement,
    /// The path as declared in application.toml (empty: no file).
    pub file: String,
    pub bag_path: String,
    pub size: Option<u64>,
    pub sha256: Option<String>,
    pub sealed: Option<bool>,
    /// Empty when the row is in order.
    pub missing: String,
}

impl ChecklistRow {
    pub fn is_ok(&self) -> bool {
        self.missing.is_empty()
    }

    fn cells(&self) -> Vec<String> {
        vec![
            self.folder.split('-').next().unwrap_or("").to_string(),
            self.material_zh.clone(),
            self.kind.clone(),
            self.requirement.zh().to_string(),
            self.file.clone(),
            self.bag_path.clone(),
            self.size.map(|s| s.to_string()).unwrap_or_default(),
            self.sha256.clone().unwrap_or_default(),
            match self.sealed {
                Some(true) => "是".into(),
                Some(false) => "否".into(),
                None => "未声明".into(),
            },
            if self.missing.is_empty() {
                "齐全".into()
            } else {
                self.missing.clone()
            },
        ]
    }
}

/// The materials the application's condition requires, in the guide's order (the rulebook's
/// `required_for`, which the rule engine's M001 uses too).
pub fn required_materials(app: &Application) -> Vec<(String, Requirement)> {
    Rulebook::get()
        .required_for(app)
        .into_iter()
        .map(|(k, conditional)| {
            let req = if conditional {
                Requirement::RequiredInCase
            } else {
                Requirement::Required
            };
            (k.to_string(), req)
        })
        .collect()
}

fn generated_hint(kind: &str) -> &'static str {
    match kind {
        "commitment-letter" => "；可用 `ccc-exempt render ID letter` 生成，打印、签字盖章后扫描",
        "comparison-table" => "；可用 `ccc-exempt render ID table` 生成，打印盖章后扫描",
        _ => "",
    }
}

/// The checklist rows. `states` holds what is known of each file, by bag path (from packaging,
/// or from `read_states`).
pub fn rows(app: &Application, layout: &Layout, states: &FileStates) -> Vec<ChecklistRow> {
    let rb = Rulebook::get();
    let mut kinds = required_materials(app);
    for m in &app.materials {
        let k = m.kind.as_deref().map(str::trim).unwrap_or("").to_string();
        if !kinds.iter().any(|(x, _)| *x == k) {
            kinds.push((k, Requirement::NotRequired));
        }
    }
    kinds.sort_by_key(|(k, _)| rb.material_order(k).unwrap_or(usize::MAX));
    let mut out = Vec::new();
    for (kind, req) in kinds {
        let zh = rb
            .material(&kind)
            .map(|m| m.zh.clone())
            .unwrap_or_else(|| format!("未知材料类型 {kind:?}"));
        let folder = material_folder(&kind);
        let declared: Vec<(usize, &crate::application::model::Material)> = app
            .materials
            .iter()
            .enumerate()
            .filter(|(_, m)| m.kind.as_deref().map(str::trim).unwrap_or("") == kind)
            .collect();
        let base = ChecklistRow {
            folder: folder.clone(),
            material_zh: zh.clone(),
            kind: kind.clone(),
            requirement: req,
            file: String::new(),
            bag_path: String::new(),
            size: None,
            sha256: None,
            sealed: None,
            missing: String::new(),
        };
        if declared.is_empty() {
            out.push(ChecklistRow {
                missing: format!(
                    "缺失：application.toml 未声明此材料{}",
                    generated_hint(&kind)
                ),
                ..base
            });
            continue;
        }
        for (mi, m) in declared {
            let seal_note = match m.sealed {
                Some(true) => None,
                Some(false) => Some("未加盖公章：每份材料须加盖申请人公章（原件，非复印件）"),
                None => Some("未声明是否盖章（sealed = true）"),
            };
            if m.files.is_empty() {
                out.push(ChecklistRow {
                    sealed: m.sealed,
                    missing: "缺失：未列出文件".into(),
                    ..base.clone()
                });
                continue;
            }
            for (fi, f) in m.files.iter().enumerate() {
                let bag_path = layout.bag_path(mi, fi).unwrap_or("").to_string();
                let mut notes: Vec<String> = Vec::new();
                let (size, sha) = match states.get(&bag_path) {
                    Some(FileState::Present { size, sha256 }) => {
                        (Some(*size), Some(sha256.clone()))
                    }
                    Some(FileState::Missing(why)) => {
                        notes.push(format!("缺失：{why}"));
                        (None, None)
                    }
                    None => {
                        notes.push("缺失：文件不存在或无法读取".into());
                        (None, None)
                    }
                };
                if let Some(n) = seal_note {
                    notes.push(n.to_string());
                }
                out.push(ChecklistRow {
                    file: f.clone(),
                    bag_path,
                    size,
                    sha256: sha,
                    sealed: m.sealed,
                    missing: notes.join("；"),
                    ..base.clone()
                });
            }
        }
    }
    out
}

/// Hash every planned file (for `render checklist` outside a package).
pub fn read_states(layout: &Layout) -> FileStates {
    layout
        .files
        .iter()
        .map(|f| {
            let state = match hash_file(&f.source) {
                Ok((size, sha256)) => FileState::Present { size, sha256 },
                Err(e) => FileState::Missing(format!("{}（{e}）", f.declared)),
            };
            (f.bag_path.clone(), state)
        })
        .collect()
}

/// The CSV (UTF-8 with BOM).
pub fn render_csv(rows: &[ChecklistRow]) -> Vec<u8> {
    let mut all = vec![COLUMNS.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    all.extend(rows.iter().map(ChecklistRow::cells));
    csv_with_bom(&all)
}

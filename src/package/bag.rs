//! The BagIt 1.0 layout of a package (RFC 8493, SPEC section 6): where each material file goes,
//! and the tag files (`bagit.txt`, `bag-info.txt`, the manifests).
//!
//! ```text
//! <ID>/bagit.txt  bag-info.txt  manifest-sha256.txt  tagmanifest-sha256.txt
//! <ID>/data/00-材料清单.csv
//! <ID>/data/NN-<material>/<file>        NN: the material's place in the guide's order (rulebook)
//! <ID>/data/generated/后续管理承诺书.docx 对照表.xlsx 对照表.csv check-report.json
//! ```

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use crate::application::LoadedApplication;
use crate::rules::Rulebook;

pub const CHECKLIST: &str = "data/00-材料清单.csv";
pub const GENERATED_DIR: &str = "data/generated";
pub const LETTER_DOCX: &str = "后续管理承诺书.docx";
pub const TABLE_XLSX: &str = "对照表.xlsx";
pub const TABLE_CSV: &str = "对照表.csv";
pub const CHECK_REPORT: &str = "check-report.json";
/// Materials of a kind the rulebook does not know.
pub const OTHER_FOLDER: &str = "99-其他材料";

/// Folder names: the short names of SPEC section 6 ("Material kinds"), with `/` (a path separator)
/// written as 或. Numbers come from the rulebook's order.
const FOLDERS: &[(&str, &str)] = &[
    ("business-licence", "营业执照"),
    ("commitment-letter", "后续管理承诺书"),
    ("comparison-table", "申请产品与CCC目录对照表"),
    ("test-plan", "研究、开发、测试计划书或项目书"),
    (
        "production-line-proof",
        "生产线或成套设备生产线的相关证明材料",
    ),
    ("export-contract", "成品出口合同"),
    ("import-documents", "附有产品明细的进口合同、发票或提单"),
    ("sample-notice", "CCC认证送样通知书"),
    ("safety-commitment", "关于相应产品符合国内安全标准的承诺"),
    (
        "exhibition-statement",
        "申请单位声明（展示时间及产品后续处理情况）",
    ),
    ("other-justification", "特殊用途说明"),
];

/// The payload folder of a material kind, e.g. `01-营业执照`.
pub fn material_folder(kind: &str) -> String {
    let rb = Rulebook::get();
    match (rb.material_order(kind), rb.material(kind)) {
        (Some(n), Some(m)) => {
            let name = FOLDERS
                .iter()
                .find(|(k, _)| *k == kind)
                .map(|(_, n)| (*n).to_string())
                .unwrap_or_else(|| safe_name(&m.zh));
            format!("{n:02}-{name}")
        }
        _ => OTHER_FOLDER.to_string(),
    }
}

/// One material file and its place in the bag.
#[derive(Debug, Clone)]
pub struct PlannedFile {
    /// The material kind as declared (empty when none).
    pub kind: String,
    /// Index in `application.materials` and in that material's `files`.
    pub material_index: usize,
    pub file_index: usize,
    /// The path as written in application.toml.
    pub declared: String,
    /// Where it is read from.
    pub source: PathBuf,
    /// Its path inside the bag, e.g. `data/01-营业执照/licence.pdf`.
    pub bag_path: String,
}

/// Where every material file goes.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// In bag-path order.
    pub files: Vec<PlannedFile>,
}

impl Layout {
    /// Lay out the materials of an application. Names are made safe on every system (NFC, no
    /// reserved characters); two files that would collide (also by case or normalisation) get
    /// `-2`, `-3`… before the extension, in declaration order.
    pub fn plan(loaded: &LoadedApplication) -> Layout {
        let mut files = Vec::new();
        let mut taken: BTreeSet<String> = BTreeSet::new();
        // For each name, the suffix to try next: every smaller one is taken (linear in the
        // number of files however many share a name).
        let mut next_suffix: HashMap<String, usize> = HashMap::new();
        for (mi, m) in loaded.app.materials.iter().enumerate() {
            let kind = m.kind.as_deref().map(str::trim).unwrap_or("").to_string();
            let folder = material_folder(&kind);
            for (fi, declared) in m.files.iter().enumerate() {
                let p = Path::new(declared);
                let source = if p.is_absolute() {
                    p.to_path_buf()
                } else {
                    loaded.dir.join(p)
                };
                let base = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "file".to_string());
                let base = safe_name(&base);
                let (stem, ext) = match base.rfind('.') {
                    Some(i) if i > 0 => (base[..i].to_string(), base[i..].to_string()),
                    _ => (base.clone(), String::new()),
                };
                let first = collision_key(&format!("data/{folder}/{base}"));
                let mut n = next_suffix.get(&first).copied().unwrap_or(1);
                let bag_path = loop {
                    let name = if n == 1 {
                        base.clone()
                    } else {
                        format!("{stem}-{n}{ext}")
                    };
                    let path = format!("data/{folder}/{name}");
                    if taken.insert(collision_key(&path)) {
                        break path;
                    }
                    n += 1;
                };
                next_suffix.insert(first, n + 1);
                files.push(PlannedFile {
                    kind: kind.clone(),
                    material_index: mi,
                    file_index: fi,
                    declared: declared.clone(),
                    source,
                    bag_path,
                });
            }
        }
        files.sort_by(|a, b| a.bag_path.cmp(&b.bag_path));
        Layout { files }
    }

    /// The bag path of a declared file of a material.
    pub fn bag_path(&self, material_index: usize, file_index: usize) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.material_index == material_index && f.file_index == file_index)
            .map(|f| f.bag_path.as_str())
    }
}

/// Two names that differ only by case or Unicode normalisation collide on macOS and Windows.
pub fn collision_key(path: &str) -> String {
    path.nfc().collect::<String>().to_lowercase()
}

/// A file or folder name safe on Windows, macOS and Linux, in NFC.
pub fn safe_name(name: &str) -> String {
    let mut s: String = name
        .nfc()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    while s.ends_with('.') || s.ends_with(' ') {
        s.pop();
    }
    let s = s.trim_start().to_string();
    if s.is_empty() || s == "." || s == ".." {
        return "file".to_string();
    }
    let stem = s.split('.').next().unwrap_or("").to_ascii_uppercase();
    const RESERVED: &[&str] = &["CON", "PRN", "AUX", "NUL"];
    let reserved = RESERVED.contains(&stem.as_str())
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved { format!("_{s}") } else { s }
}

/// `bagit.txt`.
pub fn bagit_txt() -> String {
    "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".to_string()
}

/// `bag-info.txt` from label/value pairs, in the given order (values on one line).
pub fn bag_info_txt(fields: &[(String, String)]) -> String {
    let mut s = String::new();
    for (k, v) in fields {
        let v: String = v
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect();
        s.push_str(k);
        s.push_str(": ");
        s.push_str(v.trim());
        s.push('\n');
    }
    s
}

/// RFC 8493 section 2.1.3: CR, LF and `%` in a manifest path are percent-encoded.
pub fn encode_path(path: &str) -> String {
    let mut s = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '%' => s.push_str("%25"),
            '\n' => s.push_str("%0A"),
            '\r' => s.push_str("%0D"),
            c => s.push(c),
        }
    }
    s
}

/// The inverse of `encode_path` (other `%xx` are left as they are).
pub fn decode_path(path: &str) -> String {
    let mut s = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(i) = rest.find('%') {
        s.push_str(&rest[..i]);
        let code = rest.get(i + 1..i + 3).unwrap_or("");
        match code.to_ascii_uppercase().as_str() {
            "25" => s.push('%'),
            "0A" => s.push('\n'),
            "0D" => s.push('\r'),
            _ => {
                s.push('%');
                rest = &rest[i + 1..];
                continue;
            }
        }
        rest = &rest[i + 3..];
    }
    s.push_str(rest);
    s
}

/// A manifest: `<hex>  <path>` lines sorted by path.
pub fn manifest_txt(lines: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = lines.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut s = String::new();
    for (path, hex) in sorted {
        s.push_str(hex);
        s.push_str("  ");
        s.push_str(&encode_path(path));
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_follow_the_guide_order() {
        assert_eq!(material_folder("business-licence"), "01-营业执照");
        assert_eq!(
            material_folder("import-documents"),
            "07-附有产品明细的进口合同、发票或提单"
        );
        assert_eq!(material_folder("no-such-kind"), OTHER_FOLDER);
        for m in &Rulebook::get().materials {
            assert!(
                FOLDERS.iter().any(|(k, _)| *k == m.kind),
                "{} has no folder name",
                m.kind
            );
            assert!(!material_folder(&m.kind).contains('/'));
        }
    }

    #[test]
    fn names_are_made_safe() {
        assert_eq!(safe_name("a/b:c*.pdf"), "a_b_c_.pdf");
        assert_eq!(safe_name("CON.pdf"), "_CON.pdf");
        assert_eq!(safe_name("scan. "), "scan");
        assert_eq!(safe_name(".."), "file");
        // NFD "é" becomes NFC.
        assert_eq!(safe_name("e\u{301}.pdf"), "\u{e9}.pdf");
        assert_eq!(collision_key("A.PDF"), collision_key("a.pdf"));
    }

    #[test]
    fn colliding_names_get_suffixes_in_declaration_order_in_linear_time() {
        let mut list = String::from("\"materials/Scan.pdf\", \"other/scan.PDF\", ");
        for _ in 0..20_000 {
            list.push_str("\"x/scan.pdf\", ");
        }
        let src = format!(
            "condition = \"research\"\n[[materials]]\nkind = \"test-plan\"\nfiles = [{list}]\n"
        );
        let loaded = crate::application::parse::parse_application(
            "a",
            Path::new("/w/a/application.toml"),
            src,
            None,
        )
        .unwrap();
        // 20,000 repeats of one name: planned in linear time (this finished in minutes when it
        // was quadratic); the names stay distinct.
        let layout = Layout::plan(&loaded);
        let folder = material_folder("test-plan");
        assert_eq!(
            layout.bag_path(0, 0),
            Some(format!("data/{folder}/Scan.pdf").as_str())
        );
        assert_eq!(
            layout.bag_path(0, 1),
            Some(format!("data/{folder}/scan-2.PDF").as_str())
        );
        assert_eq!(
            layout.bag_path(0, 2),
            Some(format!("data/{folder}/scan-3.pdf").as_str())
        );
        assert_eq!(
            layout.bag_path(0, 20_001),
            Some(format!("data/{folder}/scan-20002.pdf").as_str())
        );
    }

    #[test]
    fn manifest_paths_round_trip() {
        for p in [
            "data/a%b.txt",
            "data/line\nbreak",
            "data/普通.pdf",
            "data/100%25",
        ] {
            assert_eq!(decode_path(&encode_path(p)), p);
        }
        let m = manifest_txt(&[
            ("data/b".into(), "22".into()),
            ("data/a".into(), "11".into()),
        ]);
        assert_eq!(m, "11  data/a\n22  data/b\n");
    }
}

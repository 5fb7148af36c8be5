//! Parsing `application.toml` (and the applicant profile of `ccc-exempt.toml`) with positions.
//!
//! The TOML is parsed into toml's spanned tree, then walked by hand: every key's line and column is
//! recorded under its key path (`products[2].hs_code`), and every structural problem (unknown key,
//! wrong type) is collected with its position, so one run reports all of them.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;
use sha2::Digest;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::model::*;
use crate::error::{Error, Result};
use crate::model::codes::Code;
use crate::model::diagnostic::{Diagnostic, Location};
use crate::util::text::{LineIndex, closest, line_column, line_starts, read_text};

/// Where every key path (`products[2].hs_code`) is in the file: its byte offset, turned into a
/// line and column (1-based; the column counts characters) only when a diagnostic asks.
///
/// Thousands of paths are recorded and a handful looked up: the paths share one buffer, and
/// the index for lookups (sorted by path) and the lines of the source are made at the first
/// lookup, not before.
#[derive(Debug, Clone, Default)]
pub struct Locations {
    /// Every path recorded, one after another.
    paths: String,
    /// (start, end of the path in `paths`, byte offset in the source), in the order recorded.
    entries: Vec<(usize, usize, usize)>,
    /// Indexes of `entries` sorted by path, the first recorded of a path first.
    sorted: OnceLock<Vec<usize>>,
    /// The line starts of the source.
    lines: OnceLock<Vec<usize>>,
}

impl Locations {
    fn path(&self, i: usize) -> &str {
        let (start, end, _) = self.entries[i];
        &self.paths[start..end]
    }

    /// The byte offset of `path`: the first position recorded for it.
    fn get(&self, path: &str) -> Option<usize> {
        let sorted = self.sorted.get_or_init(|| {
            let mut v: Vec<usize> = (0..self.entries.len()).collect();
            // Stable: of two records of one path, the first stays first.
            v.sort_by(|a, b| self.path(*a).cmp(self.path(*b)));
            v
        });
        let k = sorted.partition_point(|i| self.path(*i) < path);
        sorted
            .get(k)
            .filter(|i| self.path(**i) == path)
            .map(|i| self.entries[*i].2)
    }

    /// The line and column in `src` (the text the positions were recorded in) of `path`, else
    /// of its nearest ancestor that has one (a missing key points at its table), else the top of
    /// the file.
    pub fn nearest(&self, src: &str, path: &str) -> (usize, usize) {
        let mut p = path;
        loop {
            if let Some(offset) = self.get(p) {
                let lines = self.lines.get_or_init(|| line_starts(src));
                return line_column(src, lines, offset);
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return (1, 1),
            }
        }
    }

    fn push_path(&mut self, parts: &[&str], offset: usize) {
        let start = self.paths.len();
        for part in parts {
            self.paths.push_str(part);
        }
        self.entries.push((start, self.paths.len(), offset));
    }

    /// Record `prefix.key` (`key` alone at the top) at byte `offset`.
    fn insert_key(&mut self, prefix: &str, key: &str, offset: usize) {
        if prefix.is_empty() {
            self.push_path(&[key], offset);
        } else {
            self.push_path(&[prefix, ".", key], offset);
        }
    }

    fn insert(&mut self, path: &str, offset: usize) {
        self.push_path(&[path], offset);
    }
}

/// An application read from disk.
#[derive(Debug, Clone)]
pub struct LoadedApplication {
    /// The application ID (its directory name).
    pub id: String,
    /// The `application.toml` path.
    pub path: PathBuf,
    /// The directory relative paths of materials resolve against.
    pub dir: PathBuf,
    pub source: String,
    pub app: Application,
    pub locations: Locations,
    /// Keys of `[applicant]` that came from the workspace profile rather than the file.
    pub applicant_from_profile: Vec<String>,
    /// The SHA-256 of `source`: hashed at the first ask, unless given ([`Self::know_sha256`]).
    sha256: OnceLock<[u8; 32]>,
}

impl LoadedApplication {
    /// The SHA-256 of the text (`source`).
    pub fn sha256(&self) -> [u8; 32] {
        *self
            .sha256
            .get_or_init(|| sha2::Sha256::digest(self.source.as_bytes()).into())
    }

    /// Give the SHA-256 of the text when it is known already (the workspace remembers the
    /// digest of an unchanged file), so that it is not hashed again. `digest` must be the
    /// SHA-256 of `source`; a digest already asked for or given stays.
    pub fn know_sha256(&self, digest: [u8; 32]) {
        let _ = self.sha256.set(digest);
    }

    /// The line and column of key `path` in the file (see [`Locations::nearest`]).
    pub fn position(&self, path: &str) -> (usize, usize) {
        self.locations.nearest(&self.source, path)
    }
}

/// Parse TOML into the spanned tree; a syntax error becomes `Error::Parse` with its position.
pub fn parse_toml<'a>(path: &Path, src: &'a str) -> Result<Spanned<DeTable<'a>>> {
    DeTable::parse(src).map_err(|e| syntax_error(path, src, e.span(), e.message()))
}

/// A TOML syntax error (from the `toml` or the `toml_edit` parser) at its line and column.
pub fn syntax_error(
    path: &Path,
    src: &str,
    span: Option<std::ops::Range<usize>>,
    message: &str,
) -> Error {
    crate::util::text::toml_error(path, src, span, "malformed TOML", message)
}

/// Walks the spanned tree, recording positions and collecting problems: diagnostics of `code`
/// (T001 for application.toml, T002 for ccc-exempt.toml) at their line and column of `file`.
pub struct Walker<'s> {
    src: &'s str,
    /// Made at the first problem (most files have none).
    index: OnceLock<LineIndex<'s>>,
    pub locations: Locations,
    pub problems: Vec<Diagnostic>,
    file: String,
    code: Code,
}

type Table<'a> = DeTable<'a>;

impl<'s> Walker<'s> {
    pub fn new(src: &'s str, file: &Path, code: Code) -> Self {
        Walker {
            src,
            index: OnceLock::new(),
            locations: Locations::default(),
            problems: Vec::new(),
            file: file.display().to_string(),
            code,
        }
    }

    fn pos(&self, span: std::ops::Range<usize>) -> (usize, usize) {
        self.index
            .get_or_init(|| LineIndex::new(self.src))
            .pos(span.start)
    }

    pub fn problem(&mut self, span: std::ops::Range<usize>, message: String) {
        let (line, column) = self.pos(span);
        let at = Location::file(self.file.clone(), line, column, None);
        self.problems
            .push(Diagnostic::new(self.code, message).at(at));
    }

    /// Record the positions of a table's keys and report the keys it does not know.
    pub fn keys(&mut self, prefix: &str, table: &Table<'_>, known: &[&str]) {
        for (k, _) in table.iter() {
            let name: &str = k.get_ref();
            if !known.contains(&name) {
                let path = join(prefix, name);
                let hint = closest(name, known)
                    .map(|c| format!("; did you mean `{}`?", join(prefix, c)))
                    .unwrap_or_else(|| format!("; known keys here: {}", known.join(", ")));
                self.problem(k.span(), format!("unknown key `{path}`{hint}"));
            }
            self.locations.insert_key(prefix, name, k.span().start);
        }
    }

    fn type_error(&mut self, path: &str, v: &Spanned<DeValue<'_>>, want: &str) {
        let msg = format!("`{path}` must be {want}, found {}", v.get_ref().type_str());
        self.problem(v.span(), msg);
    }

    pub fn string(&mut self, prefix: &str, t: &Table<'_>, key: &str) -> Option<String> {
        let v = get(t, key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.type_error(&join(prefix, key), v, "a string");
                None
            }
        }
    }

    /// A string, or an integer written as digits (phone numbers, codes): kept as text.
    pub fn text(&mut self, prefix: &str, t: &Table<'_>, key: &str) -> Option<String> {
        let v = get(t, key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            DeValue::Integer(i) if i.radix() == 10 => Some(i.as_str().replace('_', "")),
            // One problem for a float where text is due (a price written 12.50), in the words
            // that say how to write it.
            DeValue::Float(_) => {
                let path = join(prefix, key);
                self.problem(
                    v.span(),
                    format!("`{path}` must be a decimal string like \"1200.00\", not a float"),
                );
                None
            }
            _ => {
                self.type_error(&join(prefix, key), v, "a string");
                None
            }
        }
    }

    pub fn integer(&mut self, prefix: &str, t: &Table<'_>, key: &str) -> Option<i64> {
        let v = get(t, key)?;
        match v.get_ref() {
            DeValue::Integer(i) => {
                match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
                    Ok(n) => Some(n),
                    Err(_) => {
                        let path = join(prefix, key);
                        self.problem(v.span(), format!("`{path}` is too large a number"));
                        None
                    }
                }
            }
            _ => {
                self.type_error(&join(prefix, key), v, "a whole number (e.g. 3)");
                None
            }
        }
    }

    pub fn boolean(&mut self, prefix: &str, t: &Table<'_>, key: &str) -> Option<bool> {
        let v = get(t, key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.type_error(&join(prefix, key), v, "true or false");
                None
            }
        }
    }

    /// A date: a TOML local date (2026-11-20) or a string in that form.
    pub fn date(&mut self, prefix: &str, t: &Table<'_>, key: &str) -> Option<NaiveDate> {
        let v = get(t, key)?;
        let path = join(prefix, key);
        let parsed = match v.get_ref() {
            DeValue::Datetime(d) => d
                .date
                .filter(|_| d.time.is_none())
                .and_then(|d| NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32)),
            DeValue::String(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok(),
            _ => None,
        };
        if parsed.is_none() {
            self.problem(v.span(), format!("`{path}` must be a date like 2026-11-20"));
        }
        parsed
    }

    pub fn string_array(&mut self, prefix: &str, t: &Table<'_>, key: &str) -> Vec<String> {
        let Some(v) = get(t, key) else {
            return Vec::new();
        };
        let path = join(prefix, key);
        match v.get_ref() {
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let ipath = format!("{path}[{i}]");
                    self.locations.insert(&ipath, item.span().start);
                    match item.get_ref() {
                        DeValue::String(s) => out.push(s.to_string()),
                        _ => self.type_error(&ipath, item, "a string"),
                    }
                }
                out
            }
            DeValue::String(s) => vec![s.to_string()],
            _ => {
                self.type_error(&path, v, "a list of strings");
                Vec::new()
            }
        }
    }

    /// A sub-table (`[research]` or an inline table); wrong types are reported.
    pub fn table<'t, 'a>(
        &mut self,
        prefix: &str,
        t: &'t Table<'a>,
        key: &str,
    ) -> Option<&'t Table<'a>> {
        let v = get(t, key)?;
        match v.get_ref() {
            DeValue::Table(sub) => Some(sub),
            _ => {
                self.type_error(&join(prefix, key), v, "a table");
                None
            }
        }
    }

    /// An array of tables (`[[products]]`).
    pub fn tables<'t, 'a>(
        &mut self,
        prefix: &str,
        t: &'t Table<'a>,
        key: &str,
    ) -> Vec<(String, &'t Table<'a>)> {
        let Some(v) = get(t, key) else {
            return Vec::new();
        };
        let path = join(prefix, key);
        match v.get_ref() {
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let ipath = format!("{path}[{i}]");
                    self.locations.insert(&ipath, item.span().start);
                    match item.get_ref() {
                        DeValue::Table(sub) => out.push((ipath, sub)),
                        _ => self.type_error(&ipath, item, "a table"),
                    }
                }
                out
            }
            _ => {
                self.type_error(&path, v, &format!("an array of tables ([[{key}]])"));
                Vec::new()
            }
        }
    }
}

fn get<'t, 'a>(t: &'t Table<'a>, key: &str) -> Option<&'t Spanned<DeValue<'a>>> {
    t.get(key)
}

pub fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        let mut s = String::with_capacity(prefix.len() + 1 + key.len());
        s.push_str(prefix);
        s.push('.');
        s.push_str(key);
        s
    }
}

const TOP_KEYS: &[&str] = &[
    "condition",
    "applicant_role",
    "purpose",
    "prepared_on",
    "applicant",
    "products",
    "import",
    "materials",
    "research",
    "repair",
    "production_line",
    "exhibition",
    "export_assembly",
    "other",
];
pub const APPLICANT_KEYS: &[&str] = &["name", "uscc", "address", "contact", "phone"];
const PRODUCT_KEYS: &[&str] = &[
    "name",
    "model",
    "brand",
    "manufacturer",
    "origin",
    "quantity",
    "unit",
    "unit_price",
    "currency",
    "hs_code",
    "ccc_code",
    "ccc_reason",
];
const IMPORT_KEYS: &[&str] = &[
    "contract_no",
    "invoice_no",
    "bill_of_lading_no",
    "port_of_entry",
];
const MATERIAL_KEYS: &[&str] = &["kind", "files", "sealed", "note", "content_reviewed"];

/// Read the `[applicant]` table (of an application or of the workspace profile).
pub fn applicant(w: &mut Walker<'_>, prefix: &str, t: &Table<'_>) -> Applicant {
    w.keys(prefix, t, APPLICANT_KEYS);
    Applicant {
        name: w.string(prefix, t, "name"),
        uscc: w.text(prefix, t, "uscc"),
        address: w.string(prefix, t, "address"),
        contact: w.string(prefix, t, "contact"),
        phone: w.text(prefix, t, "phone"),
    }
}

/// Parse an application's text. `profile` is the workspace applicant, merged key by key under the
/// application's own `[applicant]`.
pub fn parse_application(
    id: &str,
    path: &Path,
    src: String,
    profile: Option<&Applicant>,
) -> Result<LoadedApplication> {
    if src.trim().is_empty() {
        return Err(Error::Input(format!(
            "{}: the file is empty; scaffold an application with `ccc-exempt new {id} --condition <C>`",
            path.display()
        )));
    }
    let doc = parse_toml(path, &src)?;
    let root = doc.get_ref();
    let mut w = Walker::new(&src, path, Code::T001);
    w.keys("", root, TOP_KEYS);

    let mut app = Application::default();
    if let Some(v) = get(root, "condition") {
        match v.get_ref() {
            DeValue::String(s) => {
                app.condition_raw = Some(s.to_string());
                app.condition = Condition::parse(s);
            }
            DeValue::Integer(i) => {
                app.condition_raw = Some(i.as_str().to_string());
                app.condition = i
                    .as_str()
                    .parse::<i64>()
                    .ok()
                    .and_then(Condition::from_number);
            }
            _ => w.type_error("condition", v, "a condition name or number (1-6)"),
        }
    }
    app.applicant_role = w.string("", root, "applicant_role");
    app.purpose = w.string("", root, "purpose");
    app.prepared_on = w.date("", root, "prepared_on");
    if let Some(t) = w.table("", root, "applicant") {
        app.applicant = applicant(&mut w, "applicant", t);
    }
    let mut from_profile = Vec::new();
    if let Some(p) = profile {
        let a = &mut app.applicant;
        for (key, mine, theirs) in [
            ("name", &mut a.name, &p.name),
            ("uscc", &mut a.uscc, &p.uscc),
            ("address", &mut a.address, &p.address),
            ("contact", &mut a.contact, &p.contact),
            ("phone", &mut a.phone, &p.phone),
        ] {
            if mine.is_none() && theirs.is_some() {
                *mine = theirs.clone();
                from_profile.push(key.to_string());
            }
        }
    }
    for (p, t) in w.tables("", root, "products") {
        w.keys(&p, t, PRODUCT_KEYS);
        app.products.push(Product {
            name: w.string(&p, t, "name"),
            model: w.text(&p, t, "model"),
            brand: w.string(&p, t, "brand"),
            manufacturer: w.string(&p, t, "manufacturer"),
            origin: w.string(&p, t, "origin"),
            quantity: w.integer(&p, t, "quantity"),
            unit: w.string(&p, t, "unit"),
            unit_price: w.text(&p, t, "unit_price"),
            currency: w.string(&p, t, "currency"),
            hs_code: w.text(&p, t, "hs_code"),
            ccc_code: w.text(&p, t, "ccc_code"),
            ccc_reason: w.string(&p, t, "ccc_reason"),
        });
    }
    if let Some(t) = w.table("", root, "import") {
        w.keys("import", t, IMPORT_KEYS);
        app.import = ImportDocs {
            contract_no: w.text("import", t, "contract_no"),
            invoice_no: w.text("import", t, "invoice_no"),
            bill_of_lading_no: w.text("import", t, "bill_of_lading_no"),
            port_of_entry: w.string("import", t, "port_of_entry"),
        };
    }
    for (p, t) in w.tables("", root, "materials") {
        w.keys(&p, t, MATERIAL_KEYS);
        app.materials.push(Material {
            kind: w.string(&p, t, "kind"),
            files: w.string_array(&p, t, "files"),
            sealed: w.boolean(&p, t, "sealed"),
            note: w.string(&p, t, "note"),
            content_reviewed: w.string(&p, t, "content_reviewed"),
        });
    }
    if let Some(t) = w.table("", root, "research") {
        let p = "research";
        w.keys(p, t, &["kind", "plan", "disposal", "sample_notice"]);
        let mut r = Research {
            kind: w.string(p, t, "kind"),
            plan: w.string(p, t, "plan"),
            disposal: w.string(p, t, "disposal"),
            sample_notice: None,
        };
        if let Some(n) = w.table(p, t, "sample_notice") {
            let np = "research.sample_notice";
            w.keys(
                np,
                n,
                &["body", "client", "sample_name", "model", "quantity"],
            );
            r.sample_notice = Some(SampleNotice {
                body: w.string(np, n, "body"),
                client: w.string(np, n, "client"),
                sample_name: w.string(np, n, "sample_name"),
                model: w.text(np, n, "model"),
                quantity: w.integer(np, n, "quantity"),
            });
        }
        app.research = Some(r);
    }
    if let Some(t) = w.table("", root, "repair") {
        let p = "repair";
        w.keys(p, t, &["end_user", "end_user_contact", "equipment"]);
        app.repair = Some(Repair {
            end_user: w.string(p, t, "end_user"),
            end_user_contact: w.text(p, t, "end_user_contact"),
            equipment: w.string(p, t, "equipment"),
        });
    }
    if let Some(t) = w.table("", root, "production_line") {
        let p = "production_line";
        w.keys(p, t, &["line", "proof"]);
        app.production_line = Some(ProductionLine {
            line: w.string(p, t, "line"),
            proof: w.string(p, t, "proof"),
        });
    }
    if let Some(t) = w.table("", root, "exhibition") {
        let p = "exhibition";
        w.keys(p, t, &["name", "venue", "start", "end", "disposal"]);
        app.exhibition = Some(Exhibition {
            name: w.string(p, t, "name"),
            venue: w.string(p, t, "venue"),
            start: w.date(p, t, "start"),
            end: w.date(p, t, "end"),
            disposal: w.string(p, t, "disposal"),
        });
    }
    if let Some(t) = w.table("", root, "export_assembly") {
        let p = "export_assembly";
        w.keys(
            p,
            t,
            &[
                "finished_product",
                "export_contract_no",
                "committed_export_date",
            ],
        );
        app.export_assembly = Some(ExportAssembly {
            finished_product: w.string(p, t, "finished_product"),
            export_contract_no: w.text(p, t, "export_contract_no"),
            committed_export_date: w.date(p, t, "committed_export_date"),
        });
    }
    if let Some(t) = w.table("", root, "other") {
        let p = "other";
        w.keys(p, t, &["justification"]);
        app.other = Some(Other {
            justification: w.string(p, t, "justification"),
        });
    }

    if !w.problems.is_empty() {
        return Err(Error::Invalid {
            path: path.to_path_buf(),
            problems: std::mem::take(&mut w.problems),
        });
    }
    let locations = std::mem::take(&mut w.locations);
    drop(w);
    drop(doc);
    Ok(LoadedApplication {
        id: id.to_string(),
        dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        path: path.to_path_buf(),
        source: src,
        app,
        applicant_from_profile: from_profile,
        locations,
        sha256: OnceLock::new(),
    })
}

/// Read and parse `path` as the application `id`.
pub fn load_application(
    id: &str,
    path: &Path,
    profile: Option<&Applicant>,
) -> Result<LoadedApplication> {
    let src = read_text(path)?;
    parse_application(id, path, src, profile)
}

//! The application model: what `application.toml` declares, after parsing. Values are kept as the
//! user wrote them (strings stay strings, dates are checked dates) so the rule engine can report
//! every problem instead of failing at the first; the positions of keys live in `Locations`.

use chrono::NaiveDate;
use serde::Serialize;

/// The six exemption conditions (办理条件).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Condition {
    Research,
    Repair,
    ProductionLine,
    Exhibition,
    ExportAssembly,
    Other,
}

impl Condition {
    pub const ALL: [Condition; 6] = [
        Condition::Research,
        Condition::Repair,
        Condition::ProductionLine,
        Condition::Exhibition,
        Condition::ExportAssembly,
        Condition::Other,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Condition::Research => "research",
            Condition::Repair => "repair",
            Condition::ProductionLine => "production-line",
            Condition::Exhibition => "exhibition",
            Condition::ExportAssembly => "export-assembly",
            Condition::Other => "other",
        }
    }

    pub fn number(self) -> u8 {
        Condition::ALL.iter().position(|c| *c == self).unwrap_or(0) as u8 + 1
    }

    /// Accepts the slug, the number (1..6) as text, or the table name (`production_line`).
    pub fn parse(text: &str) -> Option<Condition> {
        let t = text.trim().to_ascii_lowercase().replace('_', "-");
        Condition::ALL
            .into_iter()
            .find(|c| c.slug() == t || c.number().to_string() == t)
    }

    pub fn from_number(n: i64) -> Option<Condition> {
        if (1..=6).contains(&n) {
            Some(Condition::ALL[(n - 1) as usize])
        } else {
            None
        }
    }
}

impl std::fmt::Display for Condition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.slug())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Applicant {
    pub name: Option<String>,
    pub uscc: Option<String>,
    pub address: Option<String>,
    pub contact: Option<String>,
    pub phone: Option<String>,
}

impl Applicant {
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.uscc.is_none()
            && self.address.is_none()
            && self.contact.is_none()
            && self.phone.is_none()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Product {
    pub name: Option<String>,
    pub model: Option<String>,
    pub brand: Option<String>,
    pub manufacturer: Option<String>,
    pub origin: Option<String>,
    /// As written: the rule engine decides whether it is a positive whole number (P003).
    pub quantity: Option<i64>,
    pub unit: Option<String>,
    /// Decimal string, never a float.
    pub unit_price: Option<String>,
    pub currency: Option<String>,
    pub hs_code: Option<String>,
    pub ccc_code: Option<String>,
    pub ccc_reason: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportDocs {
    pub contract_no: Option<String>,
    pub invoice_no: Option<String>,
    pub bill_of_lading_no: Option<String>,
    pub port_of_entry: Option<String>,
}

impl ImportDocs {
    /// The non-empty document numbers.
    pub fn numbers(&self) -> Vec<&str> {
        [&self.contract_no, &self.invoice_no, &self.bill_of_lading_no]
            .into_iter()
            .filter_map(|v| v.as_deref())
            .filter(|v| !v.trim().is_empty())
            .collect()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Material {
    pub kind: Option<String>,
    /// Paths as written, relative to the application directory.
    pub files: Vec<String>,
    pub sealed: Option<bool>,
    pub note: Option<String>,
    /// A person looked at the content findings (M012–M015) of this material and says why they do
    /// not apply: they are shown as info with this reason.
    pub content_reviewed: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SampleNotice {
    pub body: Option<String>,
    pub client: Option<String>,
    pub sample_name: Option<String>,
    pub model: Option<String>,
    pub quantity: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Research {
    /// research | testing | certification
    pub kind: Option<String>,
    pub plan: Option<String>,
    /// destroy | reexport
    pub disposal: Option<String>,
    pub sample_notice: Option<SampleNotice>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Repair {
    pub end_user: Option<String>,
    pub end_user_contact: Option<String>,
    pub equipment: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ProductionLine {
    pub line: Option<String>,
    pub proof: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Exhibition {
    pub name: Option<String>,
    pub venue: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// destroy | reexport
    pub disposal: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExportAssembly {
    pub finished_product: Option<String>,
    pub export_contract_no: Option<String>,
    pub committed_export_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Other {
    pub justification: Option<String>,
}

/// One application, as declared in `application.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Application {
    /// The condition as written (slug or number) and what it resolved to.
    pub condition_raw: Option<String>,
    pub condition: Option<Condition>,
    pub applicant_role: Option<String>,
    pub purpose: Option<String>,
    pub prepared_on: Option<NaiveDate>,
    /// The applicant after merging the workspace profile (application values win, key by key).
    pub applicant: Applicant,
    pub products: Vec<Product>,
    pub import: ImportDocs,
    pub materials: Vec<Material>,
    pub research: Option<Research>,
    pub repair: Option<Repair>,
    pub production_line: Option<ProductionLine>,
    pub exhibition: Option<Exhibition>,
    pub export_assembly: Option<ExportAssembly>,
    pub other: Option<Other>,
}

impl Application {
    /// All files of all materials of the given kind.
    pub fn files_of(&self, kind: &str) -> Vec<&str> {
        self.materials
            .iter()
            .filter(|m| m.kind.as_deref() == Some(kind))
            .flat_map(|m| m.files.iter().map(String::as_str))
            .collect()
    }

    /// The sum of all product quantities that are positive.
    pub fn total_quantity(&self) -> i64 {
        self.products
            .iter()
            .filter_map(|p| p.quantity)
            .filter(|q| *q > 0)
            .sum()
    }
}

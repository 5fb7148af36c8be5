//! The rule engine: one application in, findings out. Rules read the rulebook (data) for what each
//! condition requires; this file holds how each rule is checked.

use std::path::Path;

use serde::Serialize;

use super::finding::{Finding, Severity};
use crate::application::LoadedApplication;
use crate::catalogue::Catalogue;
use crate::workspace::Thresholds;
use crate::{Lang, Now};

/// Everything a check needs besides the application.
pub struct CheckContext<'a> {
    pub lang: Lang,
    pub catalogue: &'a Catalogue,
    pub thresholds: Thresholds,
    /// The workspace root, when there is one (material paths may point anywhere inside it).
    pub workspace_root: Option<&'a Path>,
    pub now: Now,
    /// K002: the workspace's other batches of the last 12 months: (application ID, total units).
    pub recent_batches: Vec<(String, i64)>,
}

/// The findings of one application.
#[derive(Debug, Clone, Serialize)]
pub struct AppReport {
    pub id: String,
    pub file: String,
    pub condition: Option<String>,
    /// SHA-256 of the application.toml bytes.
    pub file_sha256: String,
    pub total_quantity: i64,
    pub findings: Vec<Finding>,
}

impl AppReport {
    pub fn count(&self, s: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == s).count()
    }
}

pub fn check_application(ctx: &CheckContext<'_>, loaded: &LoadedApplication) -> AppReport {
    let _ = ctx;
    AppReport {
        id: loaded.id.clone(),
        file: loaded.path.display().to_string(),
        condition: loaded.app.condition.map(|c| c.slug().to_string()),
        file_sha256: String::new(),
        total_quantity: loaded.app.total_quantity(),
        findings: Vec::new(),
    }
}

//! The rulebook (data) and the engine that turns an application into findings: diagnostics
//! (`crate::model::diagnostic`) located at a key path, line and column of application.toml.

pub mod codes;
pub mod content;
pub mod engine;
pub mod k002;
pub mod rulebook;
pub mod thresholds;

pub use crate::model::diagnostic::{Diagnostic, Diagnostic as Finding, Severity};
pub use engine::{CheckContext, check_application};
pub use rulebook::Rulebook;
pub use thresholds::Thresholds;

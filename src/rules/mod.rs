//! The rulebook (data) and the engine that turns an application into findings.

pub mod codes;
pub mod engine;
pub mod finding;
pub mod k002;
pub mod rulebook;
pub mod thresholds;

pub use engine::{CheckContext, check_application};
pub use finding::{Finding, Severity};
pub use rulebook::Rulebook;
pub use thresholds::Thresholds;

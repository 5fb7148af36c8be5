//! `application.toml`: the model, parsing with positions, and the USCC (统一社会信用代码) check.

pub mod authority;
pub mod intake;
pub mod model;
pub mod parse;
pub mod uscc;

pub use model::{Applicant, Application, Condition};
pub use parse::{LoadedApplication, Locations, load_application};

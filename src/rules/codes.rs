//! The codes of `data/codes.toml` now live with the diagnostic in `crate::model::codes`; this
//! module keeps the older path for callers of the rules.

pub use crate::model::codes::{Code, CodeInfo, all, get, markdown};

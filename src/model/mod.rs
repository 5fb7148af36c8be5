//! The values every layer shares, with no storage, files or clock behind them.
//!
//! - `codes`: every finding and refusal code (an enum generated from data/codes.toml).
//! - `diagnostic`: the one diagnostic type of every report.
//! - `status`: where an application stands in its life, the operations that move it, and the one
//!   transition table (with its guards) that decides every status change.

pub mod codes;
pub mod diagnostic;
pub mod status;

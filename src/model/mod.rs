//! The values every layer shares, with no storage, files or clock behind them.
//!
//! - `status`: where an application stands in its life, the operations that move it, and the one
//!   transition table (with its guards) that decides every status change.

pub mod status;

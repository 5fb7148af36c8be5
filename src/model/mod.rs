//! The values the core passes around, below the rules and everything else.

pub mod codes;
pub mod diagnostic;

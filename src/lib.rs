//! ccc-exempt: prepare, check, package and follow up CCC exemption certificates
//! (免予办理强制性产品认证证明).
//!
//! The library is the core: it never prints, never prompts and never reads the clock, the
//! environment or the current directory; the CLI (`src/cli/`) does all of that and passes values
//! in. The layers, from the top: `ops` (the use cases) → `workspace` → `store` → `ledger`,
//! `documents`, `package` → `rules` → `application`, `catalogue` → `model`, `util`, `error`
//! (ARCHITECTURE.md; `tests/layering.rs` keeps it true).

// The lint gate: no printing, no environment, no clock below the CLI (clippy.toml lists what).
#![deny(clippy::disallowed_macros, clippy::disallowed_methods)]

pub mod application;
pub mod catalogue;
pub mod clock;
pub mod content;
pub mod documents;
pub mod error;
pub mod lang;
pub mod ledger;
pub mod model;
pub mod ops;
pub mod package;
pub mod rules;
pub mod store;
pub mod util;
pub mod workspace;

pub use clock::Now;
pub use error::{Error, ErrorKind, Result};
pub use lang::Lang;

/// The generator name and version written into packages and receipts.
pub const GENERATOR: &str = concat!("ccc-exempt ", env!("CARGO_PKG_VERSION"));

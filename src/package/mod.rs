//! The upload package: a deterministic zip holding one BagIt 1.0 bag (SPEC section 6), and its
//! verification. The zip itself is read and written by the `zip` crate.
//!
//! - `bag`: the layout (`data/NN-<material>/…`) and the tag files.
//! - `build`: writing the package, each material read once, hashed while written.
//! - `verify`: zip safety and bag completeness/validity, every problem listed.
//! - `zip_out`: the fixed entry options and the output that hashes the package as it is written.
//! - `zip_in`: the end record read before the crate parses the archive (limits first), and a
//!   positional file reader that two hashing threads can share.
//! - `hasher`: the buffer pool that keeps memory flat, and hex digests.
//! - `sha256`: SHA-256 that feeds the same bytes to two digests in one pass.

pub mod bag;
pub mod build;
pub mod hasher;
pub mod sha256;
pub mod verify;
pub mod zip_in;
pub mod zip_out;

pub use bag::Layout;
pub use build::{FileState, FileStates, Generated, PackageRequest, PendingPackage, build};
pub use verify::{Level, VerifyReport, verify};

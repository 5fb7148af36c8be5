//! The upload package: a deterministic zip holding one BagIt 1.0 bag (SPEC section 6), and its
//! verification.
//!
//! - `bag`: the layout (`data/NN-<material>/…`) and the tag files.
//! - `build`: writing the package, each material read once, hashed while written.
//! - `verify`: zip safety and bag completeness/validity, every problem listed.
//! - `zip_writer` / `zip_reader`: the deterministic writer and the defensive reader underneath.
//! - `hasher`: the hashing threads and the buffer pool that keep memory flat.

pub mod bag;
pub mod build;
pub mod hasher;
pub mod verify;
pub mod zip_reader;
pub mod zip_writer;

pub use bag::Layout;
pub use build::{FileState, FileStates, Generated, PackageRequest, PendingPackage, build};
pub use verify::{Level, VerifyReport, verify};
pub use zip_writer::DosTime;

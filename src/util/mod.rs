//! The leaf of the crate: helpers with no domain words (text, files, hex, path safety). Every other module
//! may use it; it uses nothing of the crate but `error`.

pub mod files;
pub mod hex;
pub mod paths;
pub mod text;

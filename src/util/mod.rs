//! The leaf of the crate: helpers with no domain words (text, files, hex, path safety, DOS time).
//! Every other module may use it; it uses nothing of the crate but `error` and `lang`.

pub mod dos_time;
pub mod files;
pub mod hex;
pub mod paths;
pub mod text;

//! The baseline of `bench/check.sh`: parse one application.toml with the `toml` crate alone (into
//! a plain `toml::Table`, nothing checked) and exit, so that `check` is compared with the parse of
//! the same file, process start-up included in both.
//!
//! ```sh
//! cargo run --release --example toml_parse -- applications/x/application.toml
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: toml_parse FILE");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}: {e}", path.to_string_lossy());
            return ExitCode::from(2);
        }
    };
    match text.parse::<toml::Table>() {
        Ok(table) => {
            // Use the result, so that the parse is not optimised away.
            println!("{} top-level keys", table.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", path.to_string_lossy());
            ExitCode::from(1)
        }
    }
}

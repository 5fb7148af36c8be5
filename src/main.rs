//! Thin entry point: parse arguments, run the command, map the outcome to an exit code.

fn main() {
    std::process::exit(ccc_exempt_cli::run());
}

#[path = "cli/mod.rs"]
mod ccc_exempt_cli;

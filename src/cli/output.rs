//! Writing to stdout: a closed pipe (`| head`) ends the program quietly instead of panicking.

use std::io::Write;

pub struct Out;

impl Out {
    /// Print `text` to stdout as is; on a broken pipe exit 0 quietly.
    pub fn print(text: &str) {
        let mut out = std::io::stdout().lock();
        let r = out.write_all(text.as_bytes()).and_then(|_| out.flush());
        if let Err(e) = r {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            eprintln!("error: cannot write to stdout: {e}");
            std::process::exit(3);
        }
    }

    /// Print a line.
    pub fn line(text: &str) {
        let mut s = String::with_capacity(text.len() + 1);
        s.push_str(text);
        s.push('\n');
        Out::print(&s);
    }

    /// Print a value as pretty JSON.
    pub fn json<T: serde::Serialize>(value: &T) {
        let s = serde_json::to_string_pretty(value).expect("serialisable");
        Out::line(&s);
    }
}

/// A comfy-table with the project's style (aligned with Chinese text; no ambiguous-width glyphs).
pub fn table(header: Vec<String>) -> comfy_table::Table {
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
        .set_header(header);
    // Off a terminal (pipes, files, CI logs) wrap at COLUMNS, else at 160, instead of not at all.
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse::<u16>().ok())
            .filter(|w| *w >= 40)
            .unwrap_or(160);
        t.set_width(width);
    }
    t
}

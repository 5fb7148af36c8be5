//! The programs the material examination may use, found on the PATH (`tesseract`, used when it
//! has the `chi_sim` language, `pdftoppm`), and `[content] ocr_command` of the workspace.
//! `CCC_EXEMPT_OCR=off` ignores any OCR engine (reproducible output on any machine).

use std::path::{Path, PathBuf};

use ccc_exempt::ops::content::Engines;
use ccc_exempt::workspace::Workspace;

/// An executable file called `name` in a directory of PATH.
pub fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.with_extension("exe").is_file() || p.is_file()
}

/// The engines for this run.
pub fn find(ws: Option<&Workspace>) -> Engines {
    let ocr_off = std::env::var("CCC_EXEMPT_OCR").is_ok_and(|v| v == "off");
    let ocr_command = ws
        .and_then(|w| w.config.ocr_command.as_deref())
        .map(|c| c.split_whitespace().map(String::from).collect::<Vec<_>>())
        .filter(|c| !c.is_empty() && !ocr_off);
    let tesseract = if ocr_off || ocr_command.is_some() {
        None
    } else {
        // Whether it has `chi_sim` is asked only when OCR may be needed (`ops::content`).
        on_path("tesseract")
    };
    Engines {
        tesseract,
        ocr_command,
        pdftoppm: on_path("pdftoppm"),
        threads: std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(4),
    }
}

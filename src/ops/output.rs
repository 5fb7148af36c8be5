//! The one guard every command passes before it writes a file the user names (`render -o`,
//! `package -o`, `backup`, `ledger export -o`): nothing the workspace keeps may be replaced by it.
//!
//! Refused (exit 2, nothing written): a destination inside `.ccc-exempt/` (the database, its
//! journal, the evidence store), the workspace's `ccc-exempt.toml` and applications'
//! `application.toml`, any file the configuration names (catalogue, letter template), any input of
//! the command, a symbolic link, a directory, a destination whose directory does not exist. What
//! the caller prints and records is [`Destination::path`]: the path really written, with links in
//! its directory resolved.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::lang::Lang;
use crate::workspace::{CONFIG_FILE, Workspace};

/// A destination that passed the guard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Destination {
    /// The file that will be written: its directory resolved by the file system.
    pub path: PathBuf,
    /// Its directory (exists).
    pub dir: PathBuf,
}

/// Check `dest` before anything is read or written. `inputs` are the files the command reads
/// (the application, its materials); `ws` adds what the workspace keeps.
pub fn destination(
    ws: Option<&Workspace>,
    dest: &Path,
    inputs: &[&Path],
    lang: Lang,
) -> Result<Destination> {
    let refuse =
        |zh: &str, en: &str| Error::Input(format!("{}: {}", dest.display(), lang.pick(zh, en)));
    let name = match dest.file_name() {
        Some(n) if !dest.as_os_str().to_string_lossy().ends_with('/') => n.to_os_string(),
        _ => {
            return Err(refuse(
                "不是文件名；请给出文件名，例如 -o 目录/文件.zip",
                "is not a file name; name a file, e.g. -o DIR/file.zip",
            ));
        }
    };
    let parent = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let dir = match std::fs::metadata(parent) {
        Ok(m) if m.is_dir() => parent
            .canonicalize()
            .map_err(|e| Error::input_io(parent, e))?,
        Ok(_) => {
            return Err(refuse(
                "所在位置不是目录；请指定已存在目录中的文件",
                "its parent is not a directory; name a file in an existing directory",
            ));
        }
        Err(_) => {
            return Err(refuse(
                "目标目录不存在；先创建它，或指定已存在目录中的文件",
                "the destination directory does not exist; create it first or name a file in an existing directory",
            ));
        }
    };
    let path = dir.join(&name);
    if let Ok(meta) = std::fs::symlink_metadata(&path) {
        if meta.file_type().is_symlink() {
            return Err(refuse(
                "是符号链接；请指定真实的目标文件",
                "is a symbolic link; name the real destination instead",
            ));
        }
        if meta.is_dir() {
            return Err(refuse(
                "是目录；请给出文件名，例如 -o 目录/文件.zip",
                "is a directory; name the file, e.g. -o DIR/file.zip",
            ));
        }
    }
    if let Some(ws) = ws {
        let state = canonical(&ws.state_dir());
        if path.starts_with(&state) || name.to_string_lossy().starts_with(".ccc-exempt-tmp-") {
            return Err(refuse(
                "位于工作区的 .ccc-exempt/ 中（数据库与证明文件），写入会破坏台账；请写到别处",
                "is inside the workspace's .ccc-exempt/ (the database and the evidence store) and would destroy the ledger; write elsewhere",
            ));
        }
        if path.starts_with(canonical(&ws.applications_dir())) && name == "application.toml" {
            return Err(refuse(
                "是工作区中的申请文件 application.toml，写入会覆盖它；请写到别处",
                "is an application.toml of the workspace and would be overwritten; write elsewhere",
            ));
        }
        let mut kept = vec![ws.root.join(CONFIG_FILE)];
        kept.extend(ws.config.catalogue.iter().map(|p| ws.root.join(p)));
        kept.extend(ws.config.letter_template.iter().map(|p| ws.root.join(p)));
        kept.extend(ws.config.draft_templates.iter().map(|p| ws.root.join(p)));
        if kept.iter().any(|k| same_file(&path, k)) {
            return Err(refuse(
                "是工作区的配置文件或配置所指的文件（目录、模板），写入会覆盖它；请写到别处",
                "is the workspace's configuration or a file it names (catalogue, template) and would be overwritten; write elsewhere",
            ));
        }
    }
    if inputs.iter().any(|i| same_file(&path, i)) {
        return Err(refuse(
            "是本命令的输入文件之一，写入会覆盖它；请指定其他路径",
            "is one of the command's input files and would be overwritten; name another path",
        ));
    }
    Ok(Destination { path, dir })
}

fn canonical(p: &Path) -> PathBuf {
    p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
}

/// Whether `a` (which may not exist) and `b` are the same file: the same resolved path, or the
/// same file by identity (a hard link).
fn same_file(a: &Path, b: &Path) -> bool {
    if canonical(a) == canonical(b) {
        return true;
    }
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => identity(&x) == identity(&y) && identity(&x).is_some(),
        _ => false,
    }
}

#[cfg(unix)]
fn identity(m: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(_m: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::Applicant;

    fn ws() -> (tempfile::TempDir, Workspace) {
        let d = tempfile::tempdir().unwrap();
        let root = d.path().join("ws");
        std::fs::create_dir_all(&root).unwrap();
        let ws = Workspace::init(&root, &Applicant::default(), None).unwrap();
        (d, ws)
    }

    #[test]
    fn what_the_workspace_keeps_is_refused() {
        let (_d, ws) = ws();
        let db = ws.db_path();
        for bad in [
            db.clone(),
            PathBuf::from(format!("{}-wal", db.display())),
            ws.evidence_dir().join("abc"),
            ws.root.join(CONFIG_FILE),
            ws.state_dir().join("../.ccc-exempt/x.zip"),
        ] {
            let e = destination(Some(&ws), &bad, &[], Lang::En).unwrap_err();
            assert_eq!(e.kind(), crate::ErrorKind::Input, "{bad:?}");
        }
        let ok = destination(Some(&ws), &ws.root.join("out.zip"), &[], Lang::En).unwrap();
        assert_eq!(ok.path, ws.root.canonicalize().unwrap().join("out.zip"));
    }

    #[test]
    fn inputs_links_directories_and_missing_directories_are_refused() {
        let (d, ws) = ws();
        let input = ws.root.join("application.toml");
        std::fs::write(&input, "x").unwrap();
        assert!(destination(Some(&ws), &input, &[&input], Lang::En).is_err());
        let hard = ws.root.join("hard.toml");
        std::fs::hard_link(&input, &hard).unwrap();
        assert!(destination(Some(&ws), &hard, &[&input], Lang::En).is_err());
        assert!(destination(Some(&ws), d.path(), &[], Lang::En).is_err());
        assert!(destination(Some(&ws), &d.path().join("no/such/dir.zip"), &[], Lang::En).is_err());
        #[cfg(unix)]
        {
            let link = d.path().join("link.zip");
            std::os::unix::fs::symlink(d.path().join("target.zip"), &link).unwrap();
            let e = destination(Some(&ws), &link, &[], Lang::Zh).unwrap_err();
            assert!(e.to_string().contains("符号链接"), "{e}");
            // A link in the directory is resolved: the path written is the real one.
            std::fs::create_dir(d.path().join("real")).unwrap();
            std::os::unix::fs::symlink(d.path().join("real"), d.path().join("alias")).unwrap();
            let ok = destination(Some(&ws), &d.path().join("alias/p.zip"), &[], Lang::En).unwrap();
            assert_eq!(ok.path, d.path().canonicalize().unwrap().join("real/p.zip"));
            // A link to the state directory does not get around the guard.
            std::os::unix::fs::symlink(ws.state_dir(), d.path().join("state")).unwrap();
            assert!(
                destination(
                    Some(&ws),
                    &d.path().join("state/workspace.db"),
                    &[],
                    Lang::En
                )
                .is_err()
            );
        }
    }
}

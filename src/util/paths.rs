//! Path safety, in one place for every file a workspace names (application materials, ledger
//! evidence, package inputs): a name that is safe on Windows and in a zip, a path that stays
//! inside its root, and no symbolic link below the root. No domain words: callers turn a
//! [`PathProblem`] into their own code and message.

use std::path::{Component, Path, PathBuf};

/// Why a path named in a file is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathProblem {
    /// The name breaks on Windows or in a zip (reason in Chinese and English).
    UnsafeName { zh: &'static str, en: &'static str },
    /// The path climbs out of the root (or is absolute elsewhere).
    Outside,
    /// A component below the root is a symbolic link (the component's path).
    Link(PathBuf),
}

/// Resolve `rel` (a path as written in a file, relative to `base`, or absolute) and check that
/// it is a safe name, inside `root` and reached without a symbolic link below the root.
///
/// `root` is the workspace when `base` lies inside it, else `base` itself. Both directories are
/// resolved by the file system (`canonicalize`), so the answer does not depend on how they were
/// spelt; the file itself need not exist. Returns the resolved path.
pub fn resolve_inside(root: Option<&Path>, base: &Path, rel: &str) -> Result<PathBuf, PathProblem> {
    Inside::new(root, base).resolve(rel)
}

/// [`resolve_inside`] for the many paths of one base (the files of an application): the base
/// and the root resolved by the file system once.
#[derive(Debug, Clone)]
pub struct Inside {
    root: PathBuf,
    base: PathBuf,
}

impl Inside {
    pub fn new(root: Option<&Path>, base: &Path) -> Inside {
        let canon = |p: &Path| p.canonicalize().unwrap_or_else(|_| lexical_normalise(p));
        let base = canon(if base.as_os_str().is_empty() {
            Path::new(".")
        } else {
            base
        });
        let root = root
            .map(|r| {
                canon(if r.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    r
                })
            })
            .filter(|r| base.starts_with(r))
            .unwrap_or_else(|| base.clone());
        Inside { root, base }
    }

    /// See [`resolve_inside`].
    pub fn resolve(&self, rel: &str) -> Result<PathBuf, PathProblem> {
        if let Some((zh, en)) = unsafe_name(rel) {
            return Err(PathProblem::UnsafeName { zh, en });
        }
        let abs = lexical_normalise(&self.base.join(rel));
        let Ok(rest) = abs.strip_prefix(&self.root) else {
            return Err(PathProblem::Outside);
        };
        let mut cur = self.root.clone();
        for comp in rest.components() {
            cur.push(comp);
            if let Ok(meta) = std::fs::symlink_metadata(&cur)
                && meta.file_type().is_symlink()
            {
                return Err(PathProblem::Link(cur));
            }
        }
        Ok(abs)
    }
}

/// Why a file a command is to read is refused before it is opened.
#[derive(Debug)]
pub enum FileProblem {
    /// Missing or unreadable (the error from the file system).
    Unreadable(std::io::Error),
    /// A symbolic link: what is read must be what was named.
    Link,
    Directory,
    /// A FIFO, socket or device: reading it could block for ever or never end.
    Special,
}

impl FileProblem {
    /// The problem in Chinese and English, for the caller's message.
    pub fn describe(&self) -> (String, String) {
        match self {
            FileProblem::Unreadable(e) => (
                format!("文件不存在或无法读取（{e}）"),
                format!("file missing or unreadable ({e})"),
            ),
            FileProblem::Link => (
                "是符号链接：请复制真实文件".into(),
                "is a symbolic link: copy the real file instead".into(),
            ),
            FileProblem::Directory => (
                "是目录，不是文件".into(),
                "is a directory, not a file".into(),
            ),
            FileProblem::Special => (
                "不是普通文件（管道、套接字或设备）".into(),
                "is not a regular file (a FIFO, socket or device)".into(),
            ),
        }
    }
}

/// The metadata of `path` when it is a regular file, not reached through a symbolic link at its
/// last component; the one test every named input file passes (materials, package inputs,
/// ledger evidence) before it is opened.
pub fn regular_file(path: &Path) -> Result<std::fs::Metadata, FileProblem> {
    let meta = std::fs::symlink_metadata(path).map_err(FileProblem::Unreadable)?;
    let ft = meta.file_type();
    if ft.is_symlink() {
        Err(FileProblem::Link)
    } else if ft.is_dir() {
        Err(FileProblem::Directory)
    } else if !ft.is_file() {
        Err(FileProblem::Special)
    } else {
        Ok(meta)
    }
}

/// Resolve `.` and `..` without touching the file system (links are checked separately). On an
/// absolute path, `..` at the top stays at the top.
pub fn lexical_normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Names that break on Windows or in a zip: reserved device names, forbidden characters,
/// trailing dots or spaces, backslashes, control characters.
pub fn unsafe_name(rel: &str) -> Option<(&'static str, &'static str)> {
    if rel.contains('\\') {
        return Some((
            "路径含反斜杠：使用 / 分隔",
            "contains a backslash: separate with /",
        ));
    }
    if rel.chars().any(|c| c.is_control()) {
        return Some(("文件名含控制字符", "contains a control character"));
    }
    for comp in rel.split('/') {
        if comp.is_empty() || comp == "." || comp == ".." {
            continue;
        }
        if comp
            .chars()
            .any(|c| matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*'))
        {
            // A drive letter (C:) is reported as outside the workspace by the caller.
            return Some((
                "文件名含 Windows 不允许的字符 <>:\"|?*",
                "contains a character Windows forbids (<>:\"|?*)",
            ));
        }
        if comp.ends_with('.') || comp.ends_with(' ') {
            return Some((
                "文件名以点或空格结尾（Windows 不支持）",
                "a name ends with a dot or a space (unsupported on Windows)",
            ));
        }
        let stem = comp.split('.').next().unwrap_or("").to_ascii_uppercase();
        let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
            || ((stem.starts_with("COM") || stem.starts_with("LPT"))
                && stem.len() == 4
                && stem.as_bytes()[3].is_ascii_digit()
                && stem.as_bytes()[3] != b'0');
        if reserved {
            return Some((
                "文件名是 Windows 保留设备名",
                "a name is a reserved device name on Windows",
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_outside_and_links() {
        let d = tempfile::tempdir().unwrap();
        let ws = d.path().join("ws");
        let app = ws.join("applications/a");
        std::fs::create_dir_all(app.join("materials")).unwrap();
        std::fs::write(app.join("materials/x.pdf"), b"%PDF").unwrap();
        std::fs::write(d.path().join("secret.pdf"), b"%PDF").unwrap();
        let ok = resolve_inside(Some(&ws), &app, "materials/x.pdf").unwrap();
        assert!(ok.ends_with("applications/a/materials/x.pdf"));
        // A sibling application's file is inside the workspace.
        assert!(resolve_inside(Some(&ws), &app, "../b/m.pdf").is_ok());
        assert_eq!(
            resolve_inside(Some(&ws), &app, "../../../secret.pdf"),
            Err(PathProblem::Outside)
        );
        // Without a workspace the application directory is the root.
        assert_eq!(
            resolve_inside(None, &app, "../b/m.pdf"),
            Err(PathProblem::Outside)
        );
        let abs = d.path().join("secret.pdf");
        assert_eq!(
            resolve_inside(Some(&ws), &app, abs.to_str().unwrap()),
            Err(PathProblem::Outside)
        );
        assert!(matches!(
            resolve_inside(Some(&ws), &app, "materials/a:b.pdf"),
            Err(PathProblem::UnsafeName { .. })
        ));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(d.path().join("secret.pdf"), app.join("materials/l.pdf"))
                .unwrap();
            assert!(matches!(
                resolve_inside(Some(&ws), &app, "materials/l.pdf"),
                Err(PathProblem::Link(_))
            ));
        }
    }

    #[test]
    fn the_same_answer_however_the_root_is_spelt() {
        let d = tempfile::tempdir().unwrap();
        let ws = d.path().join("ws");
        let app = ws.join("applications/a");
        std::fs::create_dir_all(&app).unwrap();
        let spelt = ws.join("applications/../applications/a");
        assert_eq!(
            resolve_inside(Some(&ws), &spelt, "m.pdf").unwrap(),
            resolve_inside(Some(&ws.join(".")), &app, "m.pdf").unwrap()
        );
    }

    #[test]
    fn only_regular_files_pass() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("f.pdf");
        std::fs::write(&f, b"%PDF").unwrap();
        assert_eq!(regular_file(&f).unwrap().len(), 4);
        assert!(matches!(
            regular_file(d.path()),
            Err(FileProblem::Directory)
        ));
        assert!(matches!(
            regular_file(&d.path().join("none")),
            Err(FileProblem::Unreadable(_))
        ));
        #[cfg(unix)]
        {
            let l = d.path().join("l.pdf");
            std::os::unix::fs::symlink(&f, &l).unwrap();
            assert!(matches!(regular_file(&l), Err(FileProblem::Link)));
            let fifo = d.path().join("p");
            let ok = std::process::Command::new("mkfifo").arg(&fifo).status();
            if ok.is_ok_and(|s| s.success()) {
                assert!(matches!(regular_file(&fifo), Err(FileProblem::Special)));
            }
        }
    }

    #[test]
    fn windows_names() {
        for bad in [
            "a\\b.pdf",
            "CON.pdf",
            "x/lpt1.txt",
            "a.",
            "b ",
            "q?.pdf",
            "t\u{7}.pdf",
        ] {
            assert!(unsafe_name(bad).is_some(), "{bad}");
        }
        for good in [
            "materials/营业执照.pdf",
            "com0.pdf",
            "console.pdf",
            "a.b.pdf",
        ] {
            assert!(unsafe_name(good).is_none(), "{good}");
        }
    }
}

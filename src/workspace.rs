//! Finding, creating and opening a workspace, and its configuration (`ccc-exempt.toml`).
//!
//! A workspace is found like git finds a repository: an explicit directory, else
//! `CCC_EXEMPT_WORKSPACE`, else the nearest parent of the current directory holding
//! `ccc-exempt.toml`. The caller (the CLI) passes both in; the core reads no environment.

use std::path::{Path, PathBuf};

use crate::application::model::Applicant;
use crate::application::parse::{self, Walker};
use crate::error::{Error, Result};
use crate::model::codes::Code;
use crate::model::diagnostic::{Severities, Severity};
use crate::rules::Thresholds;
use crate::store::Store;

pub const CONFIG_FILE: &str = "ccc-exempt.toml";
pub const STATE_DIR: &str = ".ccc-exempt";
pub const DB_FILE: &str = "workspace.db";
/// Beside the database: the workspace's id, written when its database is created, so that a
/// deleted or emptied database is noticed instead of silently recreated.
pub const ID_FILE: &str = "workspace-id";

/// The parsed `ccc-exempt.toml`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Config {
    pub applicant: Applicant,
    pub thresholds: Thresholds,
    /// An official catalogue file replacing the bundled one (relative to the workspace).
    pub catalogue: Option<PathBuf>,
    /// A commitment-letter template replacing the bundled one (relative to the workspace).
    pub letter_template: Option<PathBuf>,
    /// The drafts' templates (safety commitment, exhibition statement, test plan, special-use
    /// statement) replacing the bundled ones (relative to the workspace).
    pub draft_templates: Option<PathBuf>,
    /// The market-regulation department the letter is addressed to.
    pub authority: Option<String>,
    /// `[severity]`: codes whose severity this workspace raises or lowers (`M013 = "error"`).
    pub severity: Severities,
    /// `[store] url`: a PostgreSQL database holding the workspace's store instead of the
    /// embedded SQLite file (`postgresql://user@host:port/db`). Skipped when serialised: it may
    /// hold a password.
    #[serde(skip)]
    pub store_url: Option<StoreUrl>,
    /// `[content] ocr_command`: a program (and its arguments) that reads a PNG on standard input
    /// and prints OCR words with boxes (Tesseract TSV, or JSON) on standard output.
    pub ocr_command: Option<String>,
}

/// A store URL as configured; its `Debug` form hides the password.
#[derive(Clone, PartialEq, Eq)]
pub struct StoreUrl(pub String);

impl std::fmt::Debug for StoreUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::store::pg::redact(&self.0))
    }
}

impl Config {
    pub fn parse(path: &Path, src: &str) -> Result<Config> {
        let doc = parse::parse_toml(path, src)?;
        let root = doc.get_ref();
        let mut w = Walker::new(src, path, Code::T002);
        w.keys(
            "",
            root,
            &[
                "applicant",
                "thresholds",
                "catalogue",
                "letter_template",
                "draft_templates",
                "authority",
                "severity",
                "store",
                "content",
            ],
        );
        let mut cfg = Config::default();
        if let Some(t) = w.table("", root, "applicant") {
            cfg.applicant = parse::applicant(&mut w, "applicant", t);
        }
        cfg.catalogue = w.string("", root, "catalogue").map(PathBuf::from);
        cfg.letter_template = w.string("", root, "letter_template").map(PathBuf::from);
        cfg.draft_templates = w.string("", root, "draft_templates").map(PathBuf::from);
        cfg.authority = w.string("", root, "authority");
        if let Some(t) = w.table("", root, "thresholds") {
            let p = "thresholds";
            w.keys(
                p,
                t,
                &[
                    "upload_limit_mb",
                    "key_quantity",
                    "key_amount",
                    "k002_batches",
                    "k002_quantity",
                ],
            );
            let th = &mut cfg.thresholds;
            if let Some(v) = w.integer(p, t, "upload_limit_mb") {
                th.upload_limit_bytes = (v.max(0) as u64) * 1024 * 1024;
            }
            if let Some(v) = w.integer(p, t, "key_quantity") {
                th.key_quantity = v;
            }
            if let Some(v) = w.integer(p, t, "key_amount") {
                th.key_amount = v;
            }
            if let Some(v) = w.integer(p, t, "k002_batches") {
                th.k002_batches = v;
            }
            if let Some(v) = w.integer(p, t, "k002_quantity") {
                th.k002_quantity = v;
            }
        }
        if let Some(t) = w.table("", root, "severity") {
            cfg.severity = severities(&mut w, t);
        }
        if let Some(t) = w.table("", root, "store") {
            w.keys("store", t, &["url"]);
            if let Some(url) = w.string("store", t, "url") {
                if crate::store::pg::is_pg_url(&url) {
                    cfg.store_url = Some(StoreUrl(url));
                } else if let Some((k, _)) = t.get_key_value("url") {
                    w.problem(
                        k.span(),
                        format!(
                            "[store] url must be a PostgreSQL URL (postgresql://user@host:port/database), found {:?}; leave [store] out to keep the embedded SQLite store",
                            crate::store::pg::redact(&url)
                        ),
                    );
                }
            }
        }
        if let Some(t) = w.table("", root, "content") {
            w.keys("content", t, &["ocr_command"]);
            cfg.ocr_command = w
                .string("content", t, "ocr_command")
                .filter(|c| !c.trim().is_empty());
        }
        if !w.problems.is_empty() {
            return Err(Error::Invalid {
                path: path.to_path_buf(),
                problems: w.problems,
            });
        }
        Ok(cfg)
    }
}

/// `[severity]`: `CODE = "error" | "warning" | "info"`. An unknown code, a code whose severity is
/// fixed, or another value is a problem at its position; every one is reported.
fn severities(w: &mut Walker<'_>, t: &toml::de::DeTable<'_>) -> Severities {
    let mut out = Severities::default();
    for (k, v) in t.iter() {
        let name: &str = k.get_ref();
        let Some(code) = Code::parse(name).filter(|c| c.as_str() == name) else {
            let all: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
            let hint = match Code::parse(name) {
                Some(c) => format!("; write it as {c}"),
                None => crate::util::text::closest(name, &all)
                    .map(|c| format!("; did you mean {c}?"))
                    .unwrap_or_else(|| "; `ccc-exempt explain all` lists the codes".into()),
            };
            w.problem(k.span(), format!("[severity]: unknown code `{name}`{hint}"));
            continue;
        };
        let severity = match v.get_ref() {
            toml::de::DeValue::String(s) => Severity::parse(s),
            _ => None,
        };
        let Some(severity) = severity else {
            w.problem(
                v.span(),
                format!(
                    "[severity] {code} must be \"error\", \"warning\" or \"info\", found {}",
                    match v.get_ref() {
                        toml::de::DeValue::String(s) => format!("{s:?}"),
                        other => other.type_str().to_string(),
                    }
                ),
            );
            continue;
        };
        if out.set(code, severity).is_err() {
            w.problem(
                k.span(),
                format!(
                    "[severity]: the severity of {code} ({}) cannot be changed: it refuses an operation or rejects input, whatever its severity",
                    code.title(crate::Lang::En)
                ),
            );
        }
    }
    out
}

/// An opened workspace.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub root: PathBuf,
    pub config: Config,
    /// The store the caller chose over `[store] url` (the CLI: `CCC_EXEMPT_DATABASE_URL`).
    store_override: StoreOverride,
}

/// A store location given by the caller (the CLI: `CCC_EXEMPT_DATABASE_URL`), and a password
/// for a URL without one (the CLI: `PGPASSWORD`). Never printed.
#[derive(Clone, Default)]
pub struct StoreOverride {
    pub url: Option<String>,
    pub password: Option<String>,
}

impl std::fmt::Debug for StoreOverride {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(
            &self
                .url
                .as_deref()
                .map(crate::store::pg::redact)
                .unwrap_or_default(),
        )
    }
}

/// Where to look for a workspace.
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    /// `--workspace DIR`
    pub explicit: Option<PathBuf>,
    /// `CCC_EXEMPT_WORKSPACE`
    pub env: Option<PathBuf>,
    /// The current directory.
    pub cwd: PathBuf,
    /// The store chosen over `[store] url`.
    pub store: StoreOverride,
}

impl Workspace {
    /// Find the workspace (see module docs). Exit 3 when there is none.
    pub fn discover(d: &Discovery) -> Result<Workspace> {
        if let Some(dir) = d.explicit.as_ref().or(d.env.as_ref()) {
            let source = if d.explicit.is_some() {
                "--workspace"
            } else {
                "CCC_EXEMPT_WORKSPACE"
            };
            if !dir.join(CONFIG_FILE).is_file() {
                return Err(Error::Workspace(format!(
                    "{} (from {source}) is not a ccc-exempt workspace: it has no {CONFIG_FILE}; create one with `ccc-exempt init {}`",
                    dir.display(),
                    dir.display()
                )));
            }
            return Workspace::open(dir).map(|w| w.with_store(&d.store));
        }
        let mut cur = Some(d.cwd.as_path());
        while let Some(dir) = cur {
            if dir.join(CONFIG_FILE).is_file() {
                return Workspace::open(dir).map(|w| w.with_store(&d.store));
            }
            cur = dir.parent();
        }
        Err(Error::Workspace(format!(
            "no ccc-exempt workspace here: neither {} nor any parent holds {CONFIG_FILE}; create one with `ccc-exempt init`, or pass --workspace DIR",
            d.cwd.display()
        )))
    }

    /// Open the workspace rooted at `root` (reads and validates its config).
    pub fn open(root: &Path) -> Result<Workspace> {
        let cfg_path = root.join(CONFIG_FILE);
        let src = crate::util::text::read_text(&cfg_path)?;
        let config = Config::parse(&cfg_path, &src)?;
        Ok(Workspace {
            root: root.to_path_buf(),
            config,
            store_override: StoreOverride::default(),
        })
    }

    /// Create a workspace in `root` with the given profile. Refuses an existing workspace.
    pub fn init(root: &Path, applicant: &Applicant, authority: Option<&str>) -> Result<Workspace> {
        let cfg_path = root.join(CONFIG_FILE);
        if cfg_path.exists() {
            return Err(Error::Input(format!(
                "{} is already a workspace ({CONFIG_FILE} exists); edit that file to change the profile",
                root.display()
            )));
        }
        std::fs::create_dir_all(root.join(STATE_DIR).join("evidence"))
            .map_err(|e| Error::storage_io(root, e))?;
        std::fs::create_dir_all(root.join("applications"))
            .map_err(|e| Error::storage_io(root, e))?;
        let text = config_template(applicant, authority);
        crate::util::files::write_atomic(&cfg_path, text.as_bytes())
            .map_err(|e| Error::storage_io(&cfg_path, e))?;
        let ws = Workspace::open(root)?;
        ws.store()?;
        Ok(ws)
    }

    pub fn state_dir(&self) -> PathBuf {
        self.root.join(STATE_DIR)
    }

    pub fn db_path(&self) -> PathBuf {
        self.state_dir().join(DB_FILE)
    }

    pub fn evidence_dir(&self) -> PathBuf {
        self.state_dir().join("evidence")
    }

    pub fn applications_dir(&self) -> PathBuf {
        self.root.join("applications")
    }

    pub fn application_path(&self, id: &str) -> PathBuf {
        self.applications_dir().join(id).join("application.toml")
    }

    /// Whether application `id` has its application.toml, whatever that is: a FIFO, a
    /// directory or a dangling link in its place is an application whose reading says what is
    /// wrong (T001, exit 2), not "no application".
    pub fn has_application(&self, id: &str) -> bool {
        has_application_file(&self.applications_dir().join(id))
    }

    /// Use the store the caller chose over the configured one.
    pub fn with_store(mut self, store: &StoreOverride) -> Workspace {
        self.store_override = store.clone();
        self
    }

    /// The PostgreSQL store in use, if any (else the embedded SQLite file).
    pub fn pg_target(&self) -> Result<Option<crate::store::pg::PgTarget>> {
        let url = self.store_override.url.as_deref().or(self
            .config
            .store_url
            .as_ref()
            .map(|u| u.0.as_str()));
        let Some(u) = url else { return Ok(None) };
        if !crate::store::pg::is_pg_url(u) {
            return Err(Error::Storage(format!(
                "CCC_EXEMPT_DATABASE_URL must be a PostgreSQL URL (postgresql://user@host:port/database), found {:?}",
                crate::store::pg::redact(u)
            )));
        }
        crate::store::pg::PgTarget::new(u, self.store_override.password.as_deref()).map(Some)
    }

    /// Open the workspace database for a command that writes: created and migrated as needed,
    /// unless the workspace had a database that is now missing or empty (exit 3).
    pub fn store(&self) -> Result<Store> {
        if let Some(t) = self.pg_target()? {
            return Store::open_pg(&t);
        }
        let had = self.recorded_id();
        if !self.database_present()
            && let Some(id) = &had
        {
            return Err(self.database_lost(id));
        }
        std::fs::create_dir_all(self.state_dir())
            .map_err(|e| Error::storage_io(self.state_dir(), e))?;
        let store = Store::open(&self.db_path())?;
        if had.is_none() {
            let id = store.workspace_id()?;
            let marker = self.state_dir().join(ID_FILE);
            crate::util::files::write_atomic(&marker, format!("{id}\n").as_bytes())
                .map_err(|e| Error::storage_io(&marker, e))?;
        }
        Ok(store)
    }

    /// Open the workspace database for a command that only reads: never created or migrated. A
    /// workspace that never had one reads as empty; one whose database is missing or empty is
    /// exit 3.
    pub fn store_read(&self) -> Result<Store> {
        if let Some(t) = self.pg_target()? {
            return Store::open_pg_existing(&t);
        }
        if self.database_present() {
            return Store::open_existing(&self.db_path());
        }
        match self.recorded_id() {
            Some(id) => Err(self.database_lost(&id)),
            None => Store::empty_in_memory(),
        }
    }

    /// The id recorded beside the database when it was created.
    fn recorded_id(&self) -> Option<String> {
        std::fs::read_to_string(self.state_dir().join(ID_FILE))
            .ok()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    }

    /// A database file with content (SQLite takes an empty file for an empty database).
    fn database_present(&self) -> bool {
        std::fs::metadata(self.db_path()).is_ok_and(|m| m.is_file() && m.len() > 0)
    }

    fn database_lost(&self, id: &str) -> Error {
        let db = self.db_path();
        let state = if db.exists() { "empty" } else { "missing" };
        Error::Storage(format!(
            "{}: the workspace database is {state}, but this workspace had one (workspace id {id}); nothing was changed. Restore it from a backup: copy the file made by `ccc-exempt backup FILE` to {}",
            db.display(),
            db.display()
        ))
    }

    /// Remove the temporary files killed commands left in the workspace's own directories (the
    /// state directory, the evidence store, the root and each application's directory); returns
    /// the ones that could not be removed.
    pub fn sweep_leftovers(&self) -> Vec<crate::util::files::Leftover> {
        let mut dirs = vec![self.state_dir(), self.evidence_dir(), self.root.clone()];
        if let Ok(ids) = self.application_ids() {
            dirs.extend(ids.iter().map(|id| self.applications_dir().join(id)));
        }
        dirs.iter()
            .flat_map(|d| crate::util::files::sweep(d))
            .collect()
    }

    /// The IDs of all applications (directories of `applications/` holding application.toml).
    pub fn application_ids(&self) -> Result<Vec<String>> {
        let dir = self.applications_dir();
        let mut ids = Vec::new();
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ids),
            Err(e) => return Err(Error::storage_io(&dir, e)),
        };
        for entry in entries {
            let entry = entry.map_err(|e| Error::storage_io(&dir, e))?;
            if has_application_file(&entry.path())
                && let Some(name) = entry.file_name().to_str()
            {
                ids.push(name.to_string());
            }
        }
        ids.sort();
        Ok(ids)
    }

    /// The catalogue in force: the configured official file, else the bundled one.
    pub fn catalogue(&self) -> Result<std::borrow::Cow<'static, crate::catalogue::Catalogue>> {
        match &self.config.catalogue {
            Some(p) => crate::catalogue::Catalogue::load_file(&self.root.join(p))
                .map(std::borrow::Cow::Owned),
            None => Ok(std::borrow::Cow::Borrowed(
                crate::catalogue::Catalogue::bundled(),
            )),
        }
    }
}

/// Check an application ID: a plain directory name, safe on every system.
pub fn validate_id(id: &str) -> Result<()> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        && !id.starts_with('.');
    if ok {
        Ok(())
    } else {
        Err(Error::Input(format!(
            "{id:?} is not a valid application ID: use 1-64 ASCII letters, digits, '-', '_' or '.', not starting with '.' (e.g. 2026-research-01)"
        )))
    }
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn config_template(a: &Applicant, authority: Option<&str>) -> String {
    let line = |key: &str, v: &Option<String>, hint: &str| match v {
        Some(v) => format!("{key} = {}   # {hint}\n", toml_str(v)),
        None => format!("# {key} = \"\"   # {hint}\n"),
    };
    let mut s = String::from(
        "# ccc-exempt workspace configuration. Hand-editable; every key is optional.\n\n",
    );
    s.push_str("# The market-regulation department the commitment letter is addressed to.\n");
    match authority {
        Some(a) => s.push_str(&format!("authority = {}\n", toml_str(a))),
        // Suggested from the USCC's division code (GB/T 2260), never a city picked at random.
        None => match a
            .uscc
            .as_deref()
            .and_then(crate::application::authority::suggested)
        {
            Some(suggested) => s.push_str(&format!(
                "# authority = {}   # suggested from the USCC's division code\n",
                toml_str(&suggested)
            )),
            None => s.push_str("# authority = \"…市市场监督管理局\"\n"),
        },
    }
    s.push_str("# An official catalogue file (same columns as the bundled one) replacing it:\n");
    s.push_str("# catalogue = \"catalogue/ccc-catalogue-official.csv\"\n");
    s.push_str("# A commitment-letter template replacing the bundled one:\n");
    s.push_str("# letter_template = \"templates/letter.toml\"\n\n");
    s.push_str(
        "# The applicant profile: the default [applicant] of every application.\n[applicant]\n",
    );
    s.push_str(&line("name", &a.name, "单位名称"));
    s.push_str(&line("uscc", &a.uscc, "统一社会信用代码 (18 characters)"));
    s.push_str(&line("address", &a.address, "地址"));
    s.push_str(&line("contact", &a.contact, "联系人"));
    s.push_str(&line("phone", &a.phone, "联系电话"));
    s.push_str(
        "\n# Heuristic thresholds (the guide names no numbers; these are defaults, not regulation).\n[thresholds]\n",
    );
    let t = Thresholds::default();
    s.push_str(&format!(
        "upload_limit_mb = {}      # M005: warn for a material file larger than this\n",
        t.upload_limit_bytes / 1024 / 1024
    ));
    s.push_str(&format!(
        "key_quantity = {}        # K001: a single batch with more units than this\n",
        t.key_quantity
    ));
    s.push_str(&format!(
        "key_amount = {}      # K001: a single batch worth more than this, per currency\n",
        t.key_amount
    ));
    s.push_str(&format!(
        "k002_batches = {}          # K002: this many batches within 12 months…\n",
        t.k002_batches
    ));
    s.push_str(&format!(
        "k002_quantity = {}       # K002: …with at least this many units in total\n",
        t.k002_quantity
    ));
    s.push_str(
        "\n# Severities are data: raise or lower a code's severity (`ccc-exempt explain all` lists the codes).\n# [severity]\n# K001 = \"info\"       # error | warning | info\n",
    );
    s
}

/// Whether the application directory `dir` holds an application.toml in any form (see
/// [`Workspace::has_application`]).
fn has_application_file(dir: &Path) -> bool {
    dir.join("application.toml").symlink_metadata().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> Applicant {
        Applicant {
            name: Some("上海某某有限公司".into()),
            uscc: Some("91110108551385082Q".into()),
            ..Applicant::default()
        }
    }

    #[test]
    fn init_then_discover_from_a_subdirectory() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("ws");
        Workspace::init(&root, &profile(), Some("上海市市场监督管理局")).unwrap();
        let sub = root.join("applications/x/materials");
        std::fs::create_dir_all(&sub).unwrap();
        let ws = Workspace::discover(&Discovery {
            explicit: None,
            env: None,
            cwd: sub,
            ..Default::default()
        })
        .unwrap();
        assert_eq!(ws.root, root);
        assert_eq!(ws.config.applicant, profile());
        assert_eq!(ws.config.authority.as_deref(), Some("上海市市场监督管理局"));
        assert_eq!(ws.config.thresholds, Thresholds::default());
        // A second init is refused and changes nothing.
        let before = std::fs::read(root.join(CONFIG_FILE)).unwrap();
        assert_eq!(
            Workspace::init(&root, &Applicant::default(), None)
                .unwrap_err()
                .exit_code(),
            2
        );
        assert_eq!(std::fs::read(root.join(CONFIG_FILE)).unwrap(), before);
    }

    #[test]
    fn explicit_and_env_win_and_missing_is_exit_3() {
        let dir = tempfile::tempdir().unwrap();
        let e = Workspace::discover(&Discovery {
            explicit: Some(dir.path().join("nope")),
            env: None,
            cwd: dir.path().into(),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(e.exit_code(), 3);
        assert!(e.to_string().contains("--workspace"));
        let e = Workspace::discover(&Discovery {
            explicit: None,
            env: Some(dir.path().join("nope")),
            cwd: dir.path().into(),
            ..Default::default()
        })
        .unwrap_err();
        assert!(e.to_string().contains("CCC_EXEMPT_WORKSPACE"));
        let e = Workspace::discover(&Discovery {
            explicit: None,
            env: None,
            cwd: dir.path().into(),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(e.exit_code(), 3);
    }

    #[test]
    fn config_problems_are_all_reported_with_positions() {
        let src =
            "[thresholds]\nupload_limit_mb = \"ten\"\nkey_quantiy = 5\n[applicant]\nnmae = \"x\"\n";
        let e = Config::parse(Path::new("ccc-exempt.toml"), src)
            .unwrap_err()
            .to_string();
        assert!(e.contains("ccc-exempt.toml:2:19"), "{e}");
        assert!(e.contains("did you mean `thresholds.key_quantity`"), "{e}");
        assert!(e.contains("did you mean `applicant.name`"), "{e}");
        let cfg = Config::parse(
            Path::new("c.toml"),
            "[thresholds]\nupload_limit_mb = 2\nkey_amount = 5\n",
        )
        .unwrap();
        assert_eq!(cfg.thresholds.upload_limit_bytes, 2 * 1024 * 1024);
        assert_eq!(cfg.thresholds.key_amount, 5);
    }

    #[test]
    fn the_severity_table_is_checked_with_positions() {
        let cfg = Config::parse(
            Path::new("c.toml"),
            "[severity]\nK001 = \"error\"\nM005 = \"info\"\n",
        )
        .unwrap();
        assert_eq!(cfg.severity.get(Code::K001), Severity::Error);
        assert_eq!(cfg.severity.get(Code::M005), Severity::Info);
        assert_eq!(cfg.severity.get(Code::M003), Severity::Error);
        let src = "[severity]\nM0013 = \"error\"\nK001 = \"fatal\"\nL003 = \"warning\"\nm005 = \"info\"\nP001 = 3\n";
        let e = Config::parse(Path::new("ccc-exempt.toml"), src).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        let Error::Invalid { problems, .. } = &e else {
            panic!("{e}")
        };
        assert_eq!(problems.len(), 5, "{e}");
        assert!(problems.iter().all(|p| p.code == Code::T002));
        let e = e.to_string();
        assert!(
            e.contains("ccc-exempt.toml:2:1: [severity]: unknown code `M0013`"),
            "{e}"
        );
        assert!(
            e.contains("ccc-exempt.toml:3:8: [severity] K001 must be"),
            "{e}"
        );
        assert!(
            e.contains("ccc-exempt.toml:4:1: [severity]: the severity of L003"),
            "{e}"
        );
        assert!(
            e.contains("ccc-exempt.toml:5:1: [severity]: unknown code `m005`; write it as M005"),
            "{e}"
        );
        assert!(
            e.contains("ccc-exempt.toml:6:8: [severity] P001 must be"),
            "{e}"
        );
    }

    #[test]
    fn the_store_url_is_read_checked_and_never_shown_with_its_password() {
        let cfg = Config::parse(
            Path::new("c.toml"),
            "[store]\nurl = \"postgresql://ccc:s3cret@db:5432/ccc\"\n",
        )
        .unwrap();
        let url = cfg.store_url.as_ref().unwrap();
        assert_eq!(url.0, "postgresql://ccc:s3cret@db:5432/ccc");
        assert!(!format!("{cfg:?}").contains("s3cret"));
        let e = Config::parse(
            Path::new("ccc-exempt.toml"),
            "[store]\nurl = \"mysql://u:s3cret@h/d\"\nuser = \"x\"\n",
        )
        .unwrap_err();
        assert_eq!(e.exit_code(), 2);
        let e = e.to_string();
        assert!(
            e.contains("ccc-exempt.toml:2:1: [store] url must be a PostgreSQL URL"),
            "{e}"
        );
        assert!(e.contains("store.user"), "{e}");
        assert!(!e.contains("s3cret"), "{e}");
    }

    #[test]
    fn ids_are_plain_names() {
        for ok in ["2026-research-01", "a", "A_b.c"] {
            assert!(validate_id(ok).is_ok(), "{ok}");
        }
        for bad in ["", "../x", "a/b", ".hidden", "名字", "a b", &"x".repeat(65)] {
            assert!(validate_id(bad).is_err(), "{bad}");
        }
    }
}

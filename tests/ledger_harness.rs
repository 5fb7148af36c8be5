//! Shared by the ledger test files (`#[path = "ledger_harness.rs"] mod harness;`): a temporary
//! workspace with hand-written applications, the binary with a pinned clock and a clean
//! environment, and direct looks into the database.
#![allow(dead_code, clippy::new_without_default)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The clock of every command unless a test says otherwise.
pub const NOW: &str = "2026-11-27T09:00:00+08:00";

pub const USCC: &str = "91110108551385082Q";

/// Why the ledger tests record their approvals with `--force`: their applications are minimal on
/// purpose (one material file), so they never check clean (S003). The approval guard itself is
/// tested on the complete applications of the demo workspace (tests/lifecycle.rs).
pub const FORCED: &str = "ledger test fixture: a minimal application, not a clean one";

pub struct Ws {
    /// Declared first: the database is dropped after the workspace's commands are done.
    pub pg: Option<PgDb>,
    pub dir: tempfile::TempDir,
}

/// The store the ledger suite runs against: PostgreSQL when `CCC_EXEMPT_TEST_STORE=pg` (each
/// workspace then gets a database of its own on the server named by `CCC_EXEMPT_TEST_PG_URL`,
/// through `[store] url`), else the embedded SQLite store.
pub fn on_pg() -> bool {
    std::env::var("CCC_EXEMPT_TEST_STORE").as_deref() == Ok("pg")
}

/// The test server (a database whose role may create databases), if one is configured.
pub fn pg_server() -> Option<String> {
    std::env::var("CCC_EXEMPT_TEST_PG_URL")
        .ok()
        .filter(|s| !s.is_empty())
}

/// A test that looks into the SQLite file itself: skipped (and said so) on PostgreSQL, where
/// `tests/ledger_pg.rs` covers the same ground with the server's own tampering.
pub fn skip_on_pg(why: &str) -> bool {
    if on_pg() {
        eprintln!("skipped on PostgreSQL: {why}");
        true
    } else {
        false
    }
}

/// A fresh database on the test server, dropped when the value is.
pub struct PgDb {
    pub url: String,
    pub name: String,
    server: String,
}

impl PgDb {
    pub fn create() -> PgDb {
        let server = pg_server().expect(
            "CCC_EXEMPT_TEST_STORE=pg needs CCC_EXEMPT_TEST_PG_URL (scripts/pg-cluster.sh)",
        );
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!(
            "ccc_t_{}_{}_{nanos}",
            std::process::id(),
            N.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
        );
        let mut c = postgres::Client::connect(&server, postgres::NoTls).expect("test server");
        c.batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create database");
        let url = with_db(&server, &name);
        PgDb { url, name, server }
    }

    pub fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, postgres::NoTls).expect("connect")
    }
}

/// `url` naming database `db` instead.
pub fn with_db(url: &str, db: &str) -> String {
    let (base, query) = match url.find('?') {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    };
    let slash = base.rfind('/').expect("a URL with a database");
    format!("{}/{db}{query}", &base[..slash])
}

impl Drop for PgDb {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.server, postgres::NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// The binary with a clean environment and a pinned clock.
pub fn bin() -> Command {
    let mut c = Command::cargo_bin("ccc-exempt").expect("binary built");
    c.env_clear()
        .env("LANG", "C")
        .env("CCC_EXEMPT_NOW", NOW)
        .env("NO_COLOR", "1");
    if let Ok(p) = std::env::var("PATH") {
        c.env("PATH", p);
    }
    c
}

/// An application of condition `condition` with one product line per quantity.
pub fn application(condition: &str, quantities: &[i64]) -> String {
    let role = match condition {
        "research" => "rd-test-institution",
        "repair" => "repair-unit",
        "production-line" | "export-assembly" => "factory",
        "exhibition" => "exhibitor",
        _ => "other",
    };
    let mut s =
        format!("condition = \"{condition}\"\napplicant_role = \"{role}\"\npurpose = \"测试\"\n\n");
    for (i, q) in quantities.iter().enumerate() {
        s.push_str(&format!(
            "[[products]]\nname = \"电锤{i}\"\nmodel = \"HX-{i}\"\nquantity = {q}\nunit = \"台\"\nhs_code = \"8467211000\"\nccc_code = \"0506\"\nccc_reason = \"电锤\"\n\n"
        ));
    }
    s.push_str("[import]\ncontract_no = \"C-1\"\n\n");
    s.push_str(
        "[[materials]]\nkind = \"business-licence\"\nfiles = [\"materials/licence.pdf\"]\nsealed = true\n\n",
    );
    match condition {
        "exhibition" => s.push_str(
            "[exhibition]\nname = \"展会\"\nvenue = \"上海\"\nstart = 2026-03-01\nend = 2026-03-05\ndisposal = \"reexport\"\n",
        ),
        "export-assembly" => s.push_str(
            "[export_assembly]\nfinished_product = \"整机\"\nexport_contract_no = \"E-1\"\ncommitted_export_date = 2026-06-01\n",
        ),
        _ => {}
    }
    s
}

impl Ws {
    /// A fresh workspace on the suite's store.
    pub fn new() -> Ws {
        Ws::new_on(on_pg())
    }

    /// A fresh workspace, on a database of its own on the test server when `pg`.
    pub fn new_on(pg: bool) -> Ws {
        let dir = tempfile::tempdir().expect("temp dir");
        bin()
            .args(["init"])
            .arg(dir.path())
            .args(["--name", "测试有限公司", "--uscc", USCC])
            .assert()
            .success();
        let pg = pg.then(PgDb::create);
        if let Some(db) = &pg {
            use_pg(dir.path(), &db.url);
        }
        Ws { pg, dir }
    }

    /// A fresh workspace on a database of its own on the test server, whatever the suite's
    /// store (for the tests of the PostgreSQL store itself).
    pub fn new_pg() -> Ws {
        let db = PgDb::create();
        let ws = Ws::sharing(&db.url);
        Ws {
            pg: Some(db),
            dir: ws.dir,
        }
    }

    /// A workspace whose store is the database `url` (another clone of the same department).
    pub fn sharing(url: &str) -> Ws {
        let dir = tempfile::tempdir().expect("temp dir");
        bin()
            .args(["init"])
            .arg(dir.path())
            .args(["--name", "测试有限公司", "--uscc", USCC])
            .assert()
            .success();
        use_pg(dir.path(), url);
        Ws { pg: None, dir }
    }

    /// A workspace with one approved certificate `cert` (application `app`, condition, lines).
    pub fn with_cert(condition: &str, quantities: &[i64], cert: &str, issued: &str) -> Ws {
        let ws = Ws::new();
        ws.write_app("app1", &application(condition, quantities));
        ws.approve_at(NOW, "app1", cert, issued).success();
        ws
    }

    /// `app approve ID --cert-no CERT --issued DATE --force --reason FORCED` with the clock at
    /// `now`.
    pub fn approve_at(
        &self,
        now: &str,
        id: &str,
        cert: &str,
        issued: &str,
    ) -> assert_cmd::assert::Assert {
        self.cmd_at(now)
            .args(["app", "approve", id, "--cert-no", cert, "--issued", issued])
            .args(["--force", "--reason", FORCED])
            .assert()
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn db_path(&self) -> PathBuf {
        self.path().join(".ccc-exempt/workspace.db")
    }

    pub fn write_app(&self, id: &str, toml: &str) {
        let d = self.path().join("applications").join(id);
        std::fs::create_dir_all(d.join("materials")).expect("mkdir");
        std::fs::write(d.join("materials/licence.pdf"), b"%PDF-1.4\n%test\n").expect("write");
        std::fs::write(d.join("application.toml"), toml).expect("write");
    }

    /// The binary in this workspace (run from its root).
    pub fn cmd(&self) -> Command {
        let mut c = bin();
        c.arg("--workspace")
            .arg(self.path())
            .current_dir(self.path());
        c
    }

    /// The binary in this workspace as a plain process (to spawn and kill).
    pub fn process(&self) -> std::process::Command {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("ccc-exempt"));
        c.env_clear()
            .env("LANG", "C")
            .env("CCC_EXEMPT_NOW", NOW)
            .arg("--workspace")
            .arg(self.path())
            .current_dir(self.path());
        c
    }

    pub fn cmd_at(&self, now: &str) -> Command {
        let mut c = self.cmd();
        c.env("CCC_EXEMPT_NOW", now);
        c
    }

    /// Run with `--format json` and parse stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        let out = self
            .cmd()
            .args(["--format", "json"])
            .args(args)
            .output()
            .expect("run");
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{args:?}: not JSON ({e}): {}\nstderr: {}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        })
    }

    /// The SQLite file (tests that look into it skip themselves on PostgreSQL).
    pub fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.db_path()).expect("open db")
    }

    /// Number of ledger entries.
    pub fn entries(&self) -> i64 {
        if let Some(db) = &self.pg {
            let n: i64 = db
                .client()
                .query_one("SELECT COUNT(*) FROM ledger_entries", &[])
                .map(|r| r.get(0))
                .unwrap_or(0);
            return n;
        }
        self.db()
            .query_row("SELECT COUNT(*) FROM ledger_entries", [], |r| r.get(0))
            .expect("count")
    }

    /// (number of entries, highest number), on either store.
    pub fn count_and_max(&self) -> (i64, i64) {
        let sql = "SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM ledger_entries";
        if let Some(db) = &self.pg {
            let r = db.client().query_one(sql, &[]).expect("count");
            return (r.get(0), r.get(1));
        }
        self.db()
            .query_row(sql, [], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("count")
    }

    /// Files in the evidence store whose name is a SHA-256 (temporary files do not count).
    pub fn evidence_files(&self) -> usize {
        if let Some(db) = &self.pg {
            let n: i64 = db
                .client()
                // The blobs of application.toml as approved are not evidence (on SQLite they
                // live in `.ccc-exempt/approved/`, not in the evidence directory).
                .query_one(
                    "SELECT COUNT(*) FROM evidence_blobs WHERE sha256 NOT IN
                     (SELECT application_sha256 FROM certificates
                      UNION SELECT sha256 FROM certificate_files WHERE path = 'application.toml')",
                    &[],
                )
                .map(|r| r.get(0))
                .unwrap_or(0);
            return n as usize;
        }
        std::fs::read_dir(self.path().join(".ccc-exempt/evidence"))
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .filter(|e| {
                        let n = e.file_name().to_string_lossy().into_owned();
                        n.len() == 64 && n.chars().all(|c| c.is_ascii_hexdigit())
                    })
                    .count()
            })
            .unwrap_or(0)
    }

    /// (received, in_stock, issued, disposed) of a certificate line.
    pub fn balance(&self, cert: &str, line: i64) -> (i64, i64, i64, i64) {
        let v = self.json(&["ledger", "balance", "--cert", cert]);
        let l = v["lines"]
            .as_array()
            .expect("lines")
            .iter()
            .find(|l| l["line"] == line)
            .expect("line");
        let g = |k: &str| l[k].as_i64().expect(k);
        (
            g("received"),
            g("in_stock"),
            g("issued"),
            g("used") + g("reexported") + g("scrapped") + g("exported"),
        )
    }

    /// Write a file in the workspace and return its path.
    pub fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.path().join(name);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).expect("mkdir");
        }
        std::fs::write(&p, bytes).expect("write");
        p
    }

    /// `ledger verify` succeeds.
    pub fn verify_ok(&self) {
        let out = self.cmd().args(["ledger", "verify"]).output().expect("run");
        assert!(
            out.status.success(),
            "verify failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Point the workspace at `[store] url`.
fn use_pg(root: &Path, url: &str) {
    let cfg = root.join("ccc-exempt.toml");
    let mut text = std::fs::read_to_string(&cfg).expect("config");
    text.push_str(&format!("\n[store]\nurl = \"{url}\"\n"));
    std::fs::write(&cfg, text).expect("write config");
}

/// A tiny real PNG.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82";

/// A tiny PDF.
pub const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

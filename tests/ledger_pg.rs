//! The PostgreSQL store itself, on the test server named by `CCC_EXEMPT_TEST_PG_URL` (started by
//! `scripts/pg-cluster.sh`; each test makes a database of its own): concurrent writers on one
//! database, two workspaces sharing it, connection faults (exit 3, never the password),
//! tampering on the server named by `ledger verify`, and `store migrate` from SQLite. Without a
//! server every test says it was skipped and why.

#[path = "ledger_harness.rs"]
mod harness;

use std::process::Stdio;
use std::time::Duration;

use harness::{NOW, PNG, PgDb, Ws, application, pg_server};
use predicates::prelude::*;

const CERT: &str = "PG-1";

/// The tests of this file share the server; the one that restarts it runs alone.
static SERVER: std::sync::RwLock<()> = std::sync::RwLock::new(());

fn shared() -> std::sync::RwLockReadGuard<'static, ()> {
    SERVER.read().unwrap_or_else(|e| e.into_inner())
}

fn server() -> bool {
    if pg_server().is_none() {
        eprintln!(
            "skipped: no PostgreSQL test server (set CCC_EXEMPT_TEST_PG_URL, e.g. with scripts/pg-cluster.sh)"
        );
        return false;
    }
    true
}

/// A workspace on its own database with certificate CERT (two lines of 1000).
fn pg_ws() -> Ws {
    let ws = Ws::new_pg();
    ws.write_app("app1", &application("research", &[1000, 1000]));
    ws.approve_at(NOW, "app1", CERT, "2026-01-05").success();
    ws
}

/// `n` shell loops at once, each running `per` `ledger add` processes in workspace `root`.
fn adders(roots: &[&std::path::Path], per: usize) {
    let exe = assert_cmd::cargo::cargo_bin("ccc-exempt");
    let children: Vec<_> = roots
        .iter()
        .enumerate()
        .map(|(w, root)| {
            let script = format!(
                "for i in $(seq 1 {per}); do \"{}\" --workspace \"{}\" ledger add --cert {CERT} --line {} --kind inbound --qty 1 --doc-no INV-{w}-$i --key w{w}-$i >/dev/null || exit 1; done",
                exe.display(),
                root.display(),
                w % 2 + 1
            );
            std::process::Command::new("sh")
                .arg("-c")
                .arg(script)
                .env("CCC_EXEMPT_NOW", NOW)
                .env("LANG", "C")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn four_processes_adding_100_movements_each_on_one_database() {
    if !server() {
        return;
    }
    let _shared = shared();
    let ws = pg_ws();
    let root = ws.path();
    adders(&[root, root, root, root], 100);
    // 400 movements and the certificate's entry, numbered 1..=401 without gaps, chain valid.
    assert_eq!(ws.count_and_max(), (401, 401));
    assert_eq!(ws.balance(CERT, 1).0, 200);
    assert_eq!(ws.balance(CERT, 2).0, 200);
    ws.verify_ok();
}

#[test]
fn two_workspaces_on_one_database_agree() {
    if !server() {
        return;
    }
    let _shared = shared();
    let a = pg_ws();
    let url = a.pg.as_ref().unwrap().url.clone();
    // A second clone of the department's applications, on another machine.
    let b = Ws::sharing(&url);
    b.write_app("app1", &application("research", &[1000, 1000]));
    adders(&[a.path(), b.path(), a.path(), b.path()], 25);
    assert_eq!(a.count_and_max(), (101, 101));
    // Either workspace's checkpoint is extended by the other's ledger.
    let cp = a.cmd().args(["ledger", "checkpoint"]).output().unwrap();
    assert!(cp.status.success());
    let f = b.file("cp.txt", &cp.stdout);
    b.cmd()
        .args(["ledger", "verify", "--against"])
        .arg(&f)
        .assert()
        .success()
        .stderr(predicate::str::contains("extends the checkpoint"));
    // And both see the same balances.
    assert_eq!(a.balance(CERT, 1), b.balance(CERT, 1));
    // A movement refused in one is refused in the other (one ledger, one balance).
    for ws in [&a, &b] {
        ws.cmd()
            .args([
                "ledger", "add", "--cert", CERT, "--line", "1", "--kind", "issue",
            ])
            .args(["--qty", "51"])
            .assert()
            .code(1)
            .stderr(predicate::str::contains("L003"));
    }
}

#[test]
fn an_import_cut_by_the_server_leaves_all_or_nothing() {
    if !server() {
        return;
    }
    let _shared = shared();
    let ws = pg_ws();
    ws.write_app("big", &application("research", &[1_000_000]));
    ws.approve_at(NOW, "big", "PG-BIG", "2026-01-05").success();
    let mut csv = String::from("cert,line,kind,qty,date,doc_no,key\n");
    for i in 0..20_000 {
        csv.push_str(&format!("PG-BIG,1,inbound,1,2026-02-01,INV-{i},k-{i}\n"));
    }
    let f = ws.file("big.csv", csv.as_bytes());
    let ws2 = ws.pg.as_ref().unwrap();
    let before = ws.entries();
    let mut child = ws
        .process()
        .args(["ledger", "import"])
        .arg(&f)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // Wait until the import holds the write lock, then have the server end its connections.
    let mut admin = ws2.client();
    let mut cut = false;
    for _ in 0..400 {
        std::thread::sleep(Duration::from_millis(10));
        let n: i64 = admin
            .query_one(
                "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted
                 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                &[],
            )
            .unwrap()
            .get(0);
        if n > 0 {
            std::thread::sleep(Duration::from_millis(100));
            admin
                .batch_execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                     WHERE datname = current_database() AND application_name = 'ccc-exempt'
                       AND pid <> pg_backend_pid()",
                )
                .unwrap();
            cut = true;
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
    }
    let out = child.wait_with_output().unwrap();
    let n = ws.entries();
    // The import was cut while it held the lock: exit 3, and nothing of it was committed.
    assert!(cut, "the import never held the write lock: {out:?}");
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("ccc-test"), "the password leaked: {err}");
    assert!(err.contains("connection"), "{err}");
    assert_eq!(n, before, "a cut import left {} entries", n - before);
    ws.verify_ok();
    // Run again: it completes, nothing twice.
    ws.cmd()
        .args(["ledger", "import"])
        .arg(&f)
        .assert()
        .success();
    assert_eq!(ws.entries(), before + 20_000);
    ws.verify_ok();
}

/// The server crashed and restarted while an import holds the lock: exit 3, nothing of the
/// import, the ledger intact once the server is back. Needs `CCC_EXEMPT_TEST_PG_RESTART`, a
/// command that restarts the test server (`.ci/run` sets it).
#[test]
fn a_server_restart_in_the_middle_of_an_import_leaves_nothing() {
    if !server() {
        return;
    }
    let _alone = SERVER.write().unwrap_or_else(|e| e.into_inner());
    let Some(restart) = std::env::var("CCC_EXEMPT_TEST_PG_RESTART")
        .ok()
        .filter(|s| !s.is_empty())
    else {
        eprintln!(
            "skipped: CCC_EXEMPT_TEST_PG_RESTART (a command that restarts the test server) is not set"
        );
        return;
    };
    let ws = pg_ws();
    ws.write_app("big", &application("research", &[1_000_000]));
    ws.approve_at(NOW, "big", "PG-BIG", "2026-01-05").success();
    let mut csv = String::from("cert,line,kind,qty,date,doc_no,key\n");
    for i in 0..20_000 {
        csv.push_str(&format!("PG-BIG,1,inbound,1,2026-02-01,INV-{i},k-{i}\n"));
    }
    let f = ws.file("big.csv", csv.as_bytes());
    let before = ws.entries();
    let child = ws
        .process()
        .args(["ledger", "import"])
        .arg(&f)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut admin = ws.pg.as_ref().unwrap().client();
    let mut restarted = false;
    for _ in 0..400 {
        std::thread::sleep(Duration::from_millis(10));
        let n: i64 = admin
            .query_one(
                "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted
                 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                &[],
            )
            .unwrap()
            .get(0);
        if n > 0 {
            std::thread::sleep(Duration::from_millis(100));
            let st = std::process::Command::new("sh")
                .arg("-c")
                .arg(&restart)
                .status()
                .expect("restart the server");
            assert!(st.success(), "{restart} failed");
            restarted = true;
            break;
        }
    }
    let out = child.wait_with_output().unwrap();
    assert!(restarted, "the import never held the write lock: {out:?}");
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("ccc-test"), "the password leaked: {err}");
    // The server is back: nothing of the import, the ledger intact; the import runs again whole.
    let mut n = None;
    for _ in 0..50 {
        if let Ok(mut c) = postgres::Client::connect(&ws.pg.as_ref().unwrap().url, postgres::NoTls)
        {
            n = Some(
                c.query_one("SELECT COUNT(*) FROM ledger_entries", &[])
                    .unwrap()
                    .get::<_, i64>(0),
            );
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(n, Some(before));
    ws.verify_ok();
    ws.cmd()
        .args(["ledger", "import"])
        .arg(&f)
        .assert()
        .success();
    assert_eq!(ws.entries(), before + 20_000);
    ws.verify_ok();
}

#[test]
fn connection_faults_are_exit_3_and_never_show_the_password() {
    if !server() {
        return;
    }
    let _shared = shared();
    let ws = pg_ws();
    let url = ws.pg.as_ref().unwrap().url.clone();
    let run = |url: &str, args: &[&str]| {
        let out = ws
            .cmd()
            .env("CCC_EXEMPT_DATABASE_URL", url)
            .args(args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            !err.contains("ccc-test") && !err.contains("wrong-pw"),
            "the password leaked: {err}"
        );
        (out.status.code(), err)
    };
    // A wrong password.
    let bad = url.replace(":ccc-test@", ":wrong-pw@");
    let (code, err) = run(&bad, &["ledger", "list"]);
    assert_eq!(code, Some(3), "{err}");
    assert!(
        err.contains("cannot connect to PostgreSQL at postgresql://ccc:***@"),
        "{err}"
    );
    assert!(err.contains("password authentication failed"), "{err}");
    assert!(err.contains("with a password"), "{err}");
    // Nobody listening.
    let (code, err) = run("postgresql://ccc:ccc-test@127.0.0.1:1/ccc", &["status"]);
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("port 1"), "{err}");
    // A database of another application.
    let other = PgDb::create();
    other
        .client()
        .batch_execute("CREATE TABLE invoices (id int)")
        .unwrap();
    let (code, err) = run(
        &other.url,
        &[
            "ledger", "add", "--cert", CERT, "--line", "1", "--kind", "inbound", "--qty", "1",
            "--doc-no", "D",
        ],
    );
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("not a ccc-exempt database"), "{err}");
    assert!(err.contains("invoices"), "{err}");
    // A statement timeout: a table locked by someone else past the timeout.
    let timed = format!("{url}?options=-c%20statement_timeout%3D300");
    let mut locker = ws.pg.as_ref().unwrap().client();
    locker
        .batch_execute("BEGIN; LOCK TABLE ledger_entries IN ACCESS EXCLUSIVE MODE")
        .unwrap();
    let (code, err) = run(&timed, &["ledger", "list"]);
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("statement timeout"), "{err}");
    locker.batch_execute("ROLLBACK").unwrap();
    // A newer schema.
    ws.pg
        .as_ref()
        .unwrap()
        .client()
        .batch_execute("INSERT INTO ccc_exempt_schema(version) VALUES (999)")
        .unwrap();
    let (code, err) = run(&url, &["ledger", "list"]);
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("newer"), "{err}");
    // And a URL that is not PostgreSQL.
    let (code, err) = run("mysql://x:wrong-pw@y/z", &["status"]);
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("must be a PostgreSQL URL"), "{err}");
    // An empty database reads as an empty store and is shown as PostgreSQL, schema 0.
    let empty = PgDb::create();
    let out = ws
        .cmd()
        .env("CCC_EXEMPT_DATABASE_URL", &empty.url)
        .args(["--format", "json", "store", "info"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["store"]["kind"], "postgresql");
    assert_eq!(v["store"]["schema_version"], 0);
    let tables: i64 = empty
        .client()
        .query_one(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(tables, 0, "a command that only reads created tables");
}

#[test]
fn verify_names_what_was_changed_on_the_server() {
    if !server() {
        return;
    }
    let _shared = shared();
    let ws = pg_ws();
    let photo = ws.file("p.png", PNG);
    ws.cmd()
        .args([
            "ledger", "add", "--cert", CERT, "--line", "1", "--kind", "inbound",
        ])
        .args(["--qty", "5", "--doc-no", "D1", "--date", "2026-02-01"])
        .assert()
        .success();
    ws.cmd()
        .args([
            "ledger", "add", "--cert", CERT, "--line", "1", "--kind", "scrap",
        ])
        .args(["--qty", "1", "--date", "2026-02-02", "--evidence"])
        .arg(&photo)
        .assert()
        .success();
    ws.verify_ok();
    let mut c = ws.pg.as_ref().unwrap().client();
    // The triggers stop an UPDATE; an owner who disables them first gets past.
    assert!(
        c.batch_execute("UPDATE evidence_chunks SET data = 'x'")
            .is_err()
    );
    c.batch_execute(
        "ALTER TABLE evidence_chunks DISABLE TRIGGER evidence_chunks_no_update;
         UPDATE evidence_chunks SET data = 'altered';
         ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_no_update;
         UPDATE ledger_entries SET qty = 2 WHERE seq = 2;",
    )
    .unwrap();
    let out = ws
        .cmd()
        .args(["--format", "json", "ledger", "verify"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    for code in ["L101", "L114", "L117"] {
        assert!(text.contains(code), "{code} not named: {text}");
    }
    assert!(text.contains("evidence_chunks_no_update"), "{text}");
    // A dropped trigger is named too.
    c.batch_execute("DROP TRIGGER ledger_entries_no_delete ON ledger_entries")
        .unwrap();
    let out = ws.cmd().args(["ledger", "verify"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ledger_entries_no_delete"));
}

#[test]
fn store_migrate_copies_a_sqlite_ledger_and_verifies_the_copy() {
    if !server() {
        return;
    }
    let _shared = shared();
    // A SQLite workspace with movements and evidence.
    let ws = Ws::new_on(false);
    ws.write_app("app1", &application("research", &[1000, 1000]));
    ws.approve_at(NOW, "app1", CERT, "2026-01-05").success();
    let photo = ws.file("p.png", PNG);
    ws.cmd()
        .args([
            "ledger", "add", "--cert", CERT, "--line", "1", "--kind", "inbound",
        ])
        .args(["--qty", "5", "--doc-no", "D1", "--date", "2026-02-01"])
        .assert()
        .success();
    ws.cmd()
        .args([
            "ledger", "add", "--cert", CERT, "--line", "1", "--kind", "scrap",
        ])
        .args(["--qty", "1", "--date", "2026-02-02", "--evidence"])
        .arg(&photo)
        .assert()
        .success();
    let cp = ws.cmd().args(["ledger", "checkpoint"]).output().unwrap();
    let cp = ws.file("cp.txt", &cp.stdout);
    let db = PgDb::create();
    let out = ws
        .cmd()
        .args(["store", "migrate", "--to", &db.url])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("the copy verifies"), "{text}");
    assert!(!text.contains("ccc-test"), "{text}");
    // The workspace on the copy: the same checkpoint, the same balances, the same refusals.
    let before = ws.balance(CERT, 1);
    let on_pg = |args: &[&str]| {
        ws.cmd()
            .env("CCC_EXEMPT_DATABASE_URL", &db.url)
            .args(args)
            .output()
            .unwrap()
    };
    let v = on_pg(&["ledger", "verify", "--against", cp.to_str().unwrap()]);
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stderr));
    let info = on_pg(&["--format", "json", "store", "info"]);
    let info: serde_json::Value = serde_json::from_slice(&info.stdout).unwrap();
    assert_eq!(info["store"]["kind"], "postgresql");
    assert_eq!(info["store"]["entries"], 3);
    let bal = on_pg(&["--format", "json", "ledger", "balance", "--cert", CERT]);
    let bal: serde_json::Value = serde_json::from_slice(&bal.stdout).unwrap();
    assert_eq!(bal["lines"][0]["in_stock"].as_i64(), Some(before.1));
    // application.toml as approved moved with it: a clone of the applications on another
    // machine, sharing the database, shows what changed since approval.
    let clone = Ws::sharing(&db.url);
    let toml =
        std::fs::read_to_string(ws.path().join("applications/app1/application.toml")).unwrap();
    clone.write_app(
        "app1",
        &toml.replace("purpose = \"测试\"", "purpose = \"复制\""),
    );
    let diff = clone.json(&["app", "show", "app1", "--diff"]);
    let unified = diff["diff"]["unified"].as_str().unwrap_or_default();
    assert!(unified.contains("+purpose = \"复制\""), "{diff}");
    // A second copy into the same database is refused: it is not empty any more.
    let again = ws
        .cmd()
        .args(["store", "migrate", "--to", &db.url])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&again.stderr).contains("empty database only"));
    // backup explains pg_dump on PostgreSQL.
    let b = on_pg(&["backup", "x.dump"]);
    assert_eq!(b.status.code(), Some(2));
    let err = String::from_utf8_lossy(&b.stderr);
    assert!(err.contains("pg_dump --format=custom"), "{err}");
    assert!(!err.contains("ccc-test"), "{err}");
}

#[test]
fn store_migrate_of_a_100000_entry_ledger() {
    if !server() {
        return;
    }
    let _shared = shared();
    let ws = Ws::new_on(false);
    ws.write_app("app1", &application("research", &[1_000_000, 1_000_000]));
    ws.approve_at(NOW, "app1", CERT, "2026-01-05").success();
    let mut csv = String::from("cert,line,kind,qty,date,doc_no,key\n");
    for i in 0..100_000 {
        csv.push_str(&format!(
            "{CERT},{},inbound,1,2026-02-01,INV-{i},k-{i}\n",
            i % 2 + 1
        ));
    }
    let f = ws.file("big.csv", csv.as_bytes());
    ws.cmd()
        .args(["-q", "ledger", "import"])
        .arg(&f)
        .assert()
        .success();
    let cp = ws.cmd().args(["ledger", "checkpoint"]).output().unwrap();
    let cp = ws.file("cp.txt", &cp.stdout);
    let db = PgDb::create();
    ws.cmd()
        .args(["store", "migrate", "--to", &db.url])
        .assert()
        .success()
        .stdout(predicate::str::contains("100001 entries"));
    let v = ws
        .cmd()
        .env("CCC_EXEMPT_DATABASE_URL", &db.url)
        .args(["ledger", "verify", "--against"])
        .arg(&cp)
        .output()
        .unwrap();
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stderr));
    assert!(String::from_utf8_lossy(&v.stderr).contains("extends the checkpoint"));
}

/// application.toml as approved is kept in the database: a second workspace sharing it (a clone
/// that never approved anything) shows the changes since approval (`app show --diff`) and is held
/// to the committed disposal (L011) like the first.
#[test]
fn a_second_workspace_reads_what_the_first_approved() {
    if !server() {
        return;
    }
    let _shared = shared();
    let a = Ws::new_pg();
    let toml = application("exhibition", &[10]);
    a.write_app("app1", &toml);
    a.approve_at(NOW, "app1", CERT, "2026-01-05").success();
    let url = a.pg.as_ref().unwrap().url.clone();
    let b = Ws::sharing(&url);
    b.write_app(
        "app1",
        &toml.replace("purpose = \"测试\"", "purpose = \"展示\""),
    );
    assert!(
        !b.path().join(".ccc-exempt/approved").exists(),
        "the second workspace has no copy of its own"
    );
    let diff = b.json(&["app", "show", "app1", "--diff"]);
    let unified = diff["diff"]["unified"].as_str().unwrap_or_default();
    assert!(
        unified.contains("-purpose = \"测试\"") && unified.contains("+purpose = \"展示\""),
        "{diff}"
    );
    b.cmd()
        .args([
            "ledger", "add", "--cert", CERT, "--line", "1", "--kind", "inbound",
        ])
        .args(["--qty", "2", "--doc-no", "IMP-1"])
        .assert()
        .success();
    let photo = b.file("photo.pdf", b"%PDF-1.4\n% scrapped\n");
    b.cmd()
        .args([
            "ledger", "add", "--cert", CERT, "--line", "1", "--kind", "scrap",
        ])
        .args(["--qty", "1", "--evidence"])
        .arg(&photo)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("L011"));
}

/// `ledger verify` compares the whole schema on the server with `src/store/pg_sql/schema.tsv`;
/// that file is what the migrations make on a new database (run this test with
/// `CCC_EXEMPT_WRITE_PG_SCHEMA=1` to rewrite it after adding a migration), and a column's type,
/// a dropped constraint or an extra index on the server is named.
#[test]
fn the_schema_on_the_server_is_the_one_the_migrations_make() {
    if !server() {
        return;
    }
    let _shared = shared();
    let ws = pg_ws();
    let url = ws.pg.as_ref().unwrap().url.clone();
    let target = ccc_exempt::store::pg::PgTarget::new(&url, None).unwrap();
    let store = ccc_exempt::store::pg::PgStore::open(&target).unwrap();
    let have = store.schema_objects().unwrap();
    let text: String = have
        .iter()
        .map(|((kind, name), def)| format!("{kind}\t{name}\t{def}\n"))
        .collect();
    let text = format!(
        "# The schema the migrations make on PostgreSQL, object by object (kind, name, definition),\n\
         # as `ledger verify` compares it. Written by the test\n\
         # the_schema_on_the_server_is_the_one_the_migrations_make with CCC_EXEMPT_WRITE_PG_SCHEMA=1.\n{text}"
    );
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/pg_sql/schema.tsv");
    if std::env::var_os("CCC_EXEMPT_WRITE_PG_SCHEMA").is_some() {
        // The binary under test was built with the old file: the comparison is the next run's.
        std::fs::write(&file, &text).unwrap();
        eprintln!("wrote {}", file.display());
        return;
    }
    assert_eq!(
        ccc_exempt::store::pg::expected_schema(),
        have,
        "src/store/pg_sql/schema.tsv is not what the migrations make: rewrite it with \
         CCC_EXEMPT_WRITE_PG_SCHEMA=1 cargo test --test ledger_pg the_schema_on_the_server"
    );
    assert!(store.schema_drift().unwrap().is_empty());
    ws.verify_ok();
    let mut c = ws.pg.as_ref().unwrap().client();
    c.batch_execute(
        "ALTER TABLE ledger_entries ALTER COLUMN doc_no TYPE varchar(3);
         ALTER TABLE checks DROP CONSTRAINT checks_application_id_fkey;
         CREATE INDEX sneaky ON ledger_entries(note);",
    )
    .unwrap();
    let out = ws
        .cmd()
        .args(["--format", "json", "ledger", "verify"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    for name in [
        "ledger_entries",
        "checks.checks_application_id_fkey",
        "sneaky",
    ] {
        assert!(text.contains(name), "{name} not named: {text}");
    }
}

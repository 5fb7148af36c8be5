//! The ledger's use cases through the library (`ccc_exempt::ops::ledger`), not the binary: each
//! `run` on a temporary workspace, and what it wrote read back through the other use cases.

use std::path::{Path, PathBuf};

use ccc_exempt::application::{Applicant, load_application};
use ccc_exempt::ledger::book::Format as FileFormat;
use ccc_exempt::ledger::rules::EvidenceInput;
use ccc_exempt::ledger::{Entry, Kind, Movement, Outcome};
use ccc_exempt::model::codes::Code;
use ccc_exempt::model::diagnostic::Location;
use ccc_exempt::model::status::Status;
use ccc_exempt::ops::ledger::approve::{Approval, approve};
use ccc_exempt::ops::ledger::{
    Settings, add, balance, close, export, import, list, reverse, usage, verify,
};
use ccc_exempt::workspace::Workspace;
use ccc_exempt::{Error, Lang, Now};
use chrono::NaiveDate;
use tempfile::TempDir;

const CERT: &str = "P-1";
/// The certified quantities of the application's two product lines.
const CERTIFIED: [i64; 2] = [6, 4];

struct Fixture {
    tmp: TempDir,
    ws: Workspace,
}

fn now() -> Now {
    Now::parse("2026-06-30T12:00:00+08:00").expect("now")
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// A workspace with one research application, approved as certificate P-1 (issued 2026-03-01).
fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().expect("tmp");
    let applicant = Applicant {
        name: Some("测试有限公司".into()),
        uscc: Some("91110108551385082Q".into()),
        ..Default::default()
    };
    let ws = Workspace::init(&tmp.path().join("ws"), &applicant, None).expect("init");
    let app_dir = ws.applications_dir().join("p");
    std::fs::create_dir_all(&app_dir).expect("mkdir");
    let mut toml = String::from(
        "condition = \"research\"\napplicant_role = \"rd-test-institution\"\npurpose = \"测试\"\n",
    );
    for (i, q) in CERTIFIED.iter().enumerate() {
        toml.push_str(&format!(
            "[[products]]\nname = \"样品{i}\"\nmodel = \"M{i}\"\nquantity = {q}\nunit = \"台\"\n"
        ));
    }
    std::fs::write(app_dir.join("application.toml"), toml).expect("write");
    let loaded = load_application("p", &ws.application_path("p"), None).expect("load");
    let dir = ws.evidence_dir();
    let mut store = ws.store().expect("store");
    approve(
        &mut store,
        Settings {
            lang: Lang::En,
            now: now(),
            evidence_dir: &dir,
            dry_run: false,
        },
        &loaded,
        &Approval {
            cert_no: CERT.into(),
            issued: d("2026-03-01"),
            quantities: vec![],
            // The application is minimal (never checked): the ledger is under test here.
            force: Some("library test of the ledger".into()),
        },
    )
    .expect("approve");
    Fixture { tmp, ws }
}

impl Fixture {
    /// A file outside the workspace.
    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.tmp.path().join(name);
        std::fs::write(&p, bytes).expect("write");
        p
    }

    fn add(&self, m: Movement) -> ccc_exempt::Result<add::Report> {
        add::run(&self.ws, add::Options { movement: m }, now(), Lang::En)
    }

    fn entries(&self) -> Vec<Entry> {
        list::run(&self.ws, list::Options::default(), now(), Lang::En)
            .expect("list")
            .entries
    }

    /// (in stock, issued, received) of a line.
    fn balance(&self, line: i64) -> (i64, i64, i64) {
        let rows = balance::run(
            &self.ws,
            balance::Options {
                cert_no: Some(CERT.into()),
            },
            now(),
            Lang::En,
        )
        .expect("balance");
        let r = rows.iter().find(|r| r.line == line).expect("line");
        (r.balance.in_stock, r.balance.issued, r.balance.received)
    }

    fn verify(&self) -> verify::Report {
        verify::run(&self.ws, verify::Options::default(), now(), Lang::En).expect("verify")
    }
}

fn movement(line: i64, kind: Kind, qty: i64, date: &str) -> Movement {
    Movement {
        cert_no: CERT.into(),
        line,
        kind: Some(kind),
        qty,
        date: Some(d(date)),
        ..Default::default()
    }
}

fn inbound(line: i64, qty: i64, date: &str) -> Movement {
    Movement {
        doc_no: Some(format!("INV-{line}-{date}")),
        ..movement(line, Kind::Inbound, qty, date)
    }
}

fn evidence(path: &Path) -> Vec<EvidenceInput> {
    vec![EvidenceInput {
        kind: None,
        path: path.to_path_buf(),
    }]
}

fn refused_code(r: ccc_exempt::Result<impl std::fmt::Debug>) -> Code {
    match r {
        Err(Error::Refused { code, .. }) => code,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn add_records_a_movement_and_its_balance() {
    let f = fixture();
    let r = f.add(inbound(1, 4, "2026-03-02")).expect("add");
    let Outcome::Recorded(e) = &r.outcome else {
        panic!("not recorded: {:?}", r.outcome);
    };
    assert_eq!((e.seq, e.kind, e.qty, e.line), (2, Kind::Inbound, 4, 1));
    assert_eq!(e.date, d("2026-03-02"));
    assert_eq!(e.recorded_at, now().rfc3339());
    let b = r.balance.expect("the line's balance");
    assert_eq!((b.balance.in_stock, b.balance.received), (4, 4));
    assert_eq!(f.balance(1), (4, 0, 4));
    // The same key and content again: nothing written twice.
    let keyed = Movement {
        key: Some("ERP-1".into()),
        ..movement(1, Kind::Issue, 1, "2026-03-03")
    };
    assert!(matches!(
        f.add(keyed.clone()).expect("add").outcome,
        Outcome::Recorded(_)
    ));
    assert!(matches!(
        f.add(keyed).expect("add").outcome,
        Outcome::AlreadyRecorded(_)
    ));
    assert_eq!(f.entries().len(), 3);
    assert!(f.verify().ok());
}

#[test]
fn add_refused_l003_writes_nothing() {
    let f = fixture();
    f.add(inbound(1, 2, "2026-03-02")).expect("add");
    let before = f.entries();
    let photo = f.file("scrap.png", b"\x89PNG\r\n\x1a\nscrap");
    // Three scrapped of the two in stock, with evidence: refused before anything is written.
    let m = Movement {
        evidence: evidence(&photo),
        ..movement(1, Kind::Scrap, 3, "2026-03-03")
    };
    assert_eq!(refused_code(f.add(m)), Code::L003);
    assert_eq!(f.entries(), before);
    assert_eq!(f.balance(1), (2, 0, 2));
    // No evidence copy was kept, nor a temporary file left behind.
    let kept: Vec<_> = std::fs::read_dir(f.ws.evidence_dir())
        .expect("evidence dir")
        .collect();
    assert!(kept.is_empty(), "{kept:?}");
    // Over the certified quantity: L002.
    assert_eq!(
        refused_code(f.add(inbound(1, CERTIFIED[0] - 1, "2026-03-04"))),
        Code::L002
    );
    assert_eq!(f.entries(), before);
}

#[test]
fn import_is_all_or_nothing() {
    let f = fixture();
    let bad = f.file(
        "bad.csv",
        "cert,line,kind,qty,date,doc_no\n\
         P-1,1,inbound,2,2026-03-02,INV-1\n\
         P-1,1,issue,5,2026-03-03,\n\
         P-1,2,inbound,1,2026-03-02,INV-2\n"
            .as_bytes(),
    );
    let run = |path: &Path, dry_run: bool| {
        import::run(
            &f.ws,
            import::Options {
                file: path.to_path_buf(),
                name: path.file_name().unwrap().to_string_lossy().into_owned(),
                cwd: path.parent().unwrap().to_path_buf(),
                dry_run,
            },
            now(),
            Lang::En,
            &mut |_, _| {},
        )
        .expect("import")
    };
    let r = run(&bad, false);
    assert!(!r.committed);
    assert_eq!(r.rows, 3);
    assert_eq!(r.problems.len(), 1, "{:?}", r.problems);
    let p = &r.problems[0];
    assert_eq!(p.code, Code::L003);
    assert!(
        matches!(&p.location, Location::Row { file, line: 3, .. } if file == "bad.csv"),
        "{:?}",
        p.location
    );
    assert_eq!((r.first_seq, r.last_seq), (None, None));
    assert!(!r.has_input_problems());
    // The good rows of the bad file were not written either.
    assert_eq!(f.entries().len(), 1);
    assert_eq!(f.balance(1), (0, 0, 0));

    let good = f.file(
        "good.csv",
        "cert,line,kind,qty,date,doc_no\n\
         P-1,1,inbound,2,2026-03-02,INV-1\n\
         P-1,1,issue,1,2026-03-03,\n\
         P-1,2,inbound,1,2026-03-02,INV-2\n"
            .as_bytes(),
    );
    // A dry run checks everything and writes nothing.
    let dry = run(&good, true);
    assert!(dry.problems.is_empty() && !dry.committed && dry.dry_run);
    assert_eq!(dry.recorded, 3);
    assert_eq!(f.entries().len(), 1);

    let r = run(&good, false);
    assert!(r.committed, "{:?}", r.problems);
    assert_eq!((r.recorded, r.first_seq, r.last_seq), (3, Some(2), Some(4)));
    assert_eq!(f.balance(1), (1, 1, 2));
    assert_eq!(f.balance(2), (1, 0, 1));
    // The same file again: every row already recorded (its automatic keys), nothing written.
    let again = run(&good, false);
    assert_eq!((again.recorded, again.already_recorded), (0, 3));
    assert_eq!(f.entries().len(), 4);
    assert!(f.verify().ok());

    // A malformed value is an input problem, and nothing is written.
    let malformed = f.file(
        "malformed.csv",
        b"cert,line,kind,qty\nP-1,1,inbound,two\nP-1,2,issue,1\n",
    );
    let r = run(&malformed, false);
    assert!(r.has_input_problems() && !r.committed);
    assert_eq!(f.entries().len(), 4);
}

#[test]
fn reverse_cancels_an_entry_once() {
    let f = fixture();
    f.add(inbound(1, 3, "2026-03-02")).expect("add");
    let issue = f
        .add(movement(1, Kind::Issue, 2, "2026-03-03"))
        .expect("add");
    let seq = issue.outcome.entry().seq;
    assert_eq!(f.balance(1), (1, 2, 3));
    let opts = |seq, reason: &str| reverse::Options {
        seq,
        reason: reason.into(),
        operator: Some(" 张三 ".into()),
    };
    let e = reverse::run(&f.ws, opts(seq, "wrong line"), now(), Lang::En).expect("reverse");
    assert_eq!(e.kind, Kind::Reversal);
    assert_eq!(e.reverses, Some(seq));
    assert_eq!(e.note.as_deref(), Some("wrong line"));
    assert_eq!(e.operator.as_deref(), Some("张三"));
    assert_eq!(e.date, now().date());
    assert_eq!(f.balance(1), (3, 0, 3));
    // Not twice, not a reversal, not without a reason, not an entry that does not exist.
    assert_eq!(
        refused_code(reverse::run(&f.ws, opts(seq, "again"), now(), Lang::En)),
        Code::L008
    );
    assert_eq!(
        refused_code(reverse::run(&f.ws, opts(e.seq, "again"), now(), Lang::En)),
        Code::L008
    );
    assert!(matches!(
        reverse::run(&f.ws, opts(2, "  "), now(), Lang::En),
        Err(Error::Input(_))
    ));
    assert!(matches!(
        reverse::run(&f.ws, opts(99, "x"), now(), Lang::En),
        Err(Error::Input(_))
    ));
    // The list marks what was reversed, when asked.
    let listed = list::run(
        &f.ws,
        list::Options {
            reversed_by: true,
            ..Default::default()
        },
        now(),
        Lang::En,
    )
    .expect("list");
    assert_eq!(listed.reversed_by.get(&seq), Some(&e.seq));
    assert!(f.verify().ok());
}

#[test]
fn close_writes_the_certificate_off() {
    let f = fixture();
    f.add(inbound(1, 3, "2026-03-02")).expect("add");
    let close_opts = |date: &str| close::Options {
        cert_no: CERT.into(),
        date: Some(d(date)),
        operator: None,
        note: Some("done".into()),
    };
    // Units still in stock: L010, nothing written.
    assert_eq!(
        refused_code(close::run(&f.ws, close_opts("2026-04-01"), now(), Lang::En)),
        Code::L010
    );
    assert_eq!(f.entries().len(), 2);
    let photo = f.file("photo.png", b"\x89PNG\r\n\x1a\nphoto");
    f.add(Movement {
        evidence: evidence(&photo),
        ..movement(1, Kind::Scrap, 1, "2026-03-10")
    })
    .expect("scrap");
    f.add(Movement {
        doc_no: Some("EXP-1".into()),
        evidence: evidence(&photo),
        ..movement(1, Kind::Reexport, 2, "2026-03-11")
    })
    .expect("reexport");
    // Before the last movement: L006.
    assert_eq!(
        refused_code(close::run(&f.ws, close_opts("2026-03-05"), now(), Lang::En)),
        Code::L006
    );
    let c = close::run(&f.ws, close_opts("2026-04-01"), now(), Lang::En).expect("close");
    assert_eq!(c.entry.kind, Kind::Close);
    assert_eq!(c.application_id, "p");
    assert_eq!(c.written_off_on, d("2026-04-01"));
    assert_eq!(c.retain_until, d("2028-04-01"));
    let status =
        f.ws.store_read()
            .unwrap()
            .application("p")
            .unwrap()
            .unwrap();
    assert_eq!(status.status, Status::WrittenOff);
    // Nothing more on a written-off certificate.
    assert_eq!(refused_code(f.add(inbound(2, 1, "2026-04-02"))), Code::L009);
    assert_eq!(
        refused_code(close::run(&f.ws, close_opts("2026-04-02"), now(), Lang::En)),
        Code::L009
    );
    assert!(f.verify().ok());
}

#[test]
fn verify_finds_a_tampered_entry() {
    let f = fixture();
    f.add(inbound(1, 3, "2026-03-02")).expect("add");
    f.add(movement(1, Kind::Issue, 1, "2026-03-03"))
        .expect("add");
    let intact = f.verify();
    assert!(intact.ok(), "{:?}", intact.problems);
    assert!(intact.problems.is_empty());
    assert_eq!((intact.entries, intact.certificates), (3, 1));
    // An auditor's checkpoint, then an edit behind the tool's back.
    let cp = verify::run_checkpoint(&f.ws, now(), Lang::En).expect("checkpoint");
    assert_eq!((cp.entries, cp.head), (3, intact.head));
    assert_eq!(cp.taken_at.as_deref(), Some(now().rfc3339().as_str()));
    let db = rusqlite::Connection::open(f.ws.db_path()).expect("db");
    db.execute_batch(
        "DROP TRIGGER ledger_entries_no_update; UPDATE ledger_entries SET qty = 2 WHERE seq = 3;",
    )
    .expect("tamper");
    drop(db);
    let r = verify::run(
        &f.ws,
        verify::Options { against: Some(cp) },
        now(),
        Lang::En,
    )
    .expect("verify");
    assert!(!r.ok());
    let at = |code: Code| r.problems.iter().find(|p| p.code == code);
    let broken = at(Code::L101).expect("the altered entry is named");
    assert!(
        matches!(broken.location, Location::Entry { seq: 3, .. }),
        "{:?}",
        broken.location
    );
    // The dropped trigger is named too. The stored hashes were left alone, so the chain still
    // extends the checkpoint: the edit shows as the entry that no longer matches its hash.
    assert!(at(Code::L117).is_some(), "{:?}", r.problems);
    assert_eq!(r.extends_checkpoint, Some(true));
}

#[test]
fn export_writes_the_book_as_csv_with_a_bom() {
    let f = fixture();
    f.add(inbound(1, 3, "2026-03-02")).expect("add");
    let out = f.tmp.path().join("台账.csv");
    let r = export::run(
        &f.ws,
        export::Options {
            output: out.clone(),
            format: FileFormat::Csv,
            cert_no: None,
        },
        now(),
        Lang::En,
    )
    .expect("export");
    assert_eq!((r.certificates, r.entries), (1, 2));
    assert_eq!(r.file, out.canonicalize().unwrap());
    let bytes = std::fs::read(&r.file).expect("read");
    assert_eq!(bytes.len(), r.bytes);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "no UTF-8 BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    assert!(text.starts_with("证明号,序号,日期,类型"), "{text}");
    assert!(
        text.lines().skip(1).all(|l| l.starts_with("P-1,")),
        "{text}"
    );
    assert!(text.contains("INV-1-2026-03-02"), "{text}");
    // An unknown certificate is refused, and the output guard keeps the database.
    let refused = export::run(
        &f.ws,
        export::Options {
            output: out.clone(),
            format: FileFormat::Csv,
            cert_no: Some("NOPE".into()),
        },
        now(),
        Lang::En,
    );
    assert_eq!(refused_code(refused), Code::L001);
    let guarded = export::run(
        &f.ws,
        export::Options {
            output: f.ws.db_path(),
            format: FileFormat::Csv,
            cert_no: None,
        },
        now(),
        Lang::En,
    );
    assert!(matches!(guarded, Err(Error::Input(_))), "{guarded:?}");
    assert!(f.verify().ok());
}

#[test]
fn usage_records_list_the_final_dispositions() {
    let f = fixture();
    let photo = f.file("photo.png", b"\x89PNG\r\n\x1a\nphoto");
    f.add(inbound(1, 4, "2026-03-02")).expect("add");
    f.add(movement(1, Kind::Issue, 3, "2026-03-03"))
        .expect("add");
    f.add(Movement {
        doc_no: Some("EXP-1".into()),
        evidence: evidence(&photo),
        ..movement(1, Kind::Reexport, 1, "2026-03-04")
    })
    .expect("reexport");
    let scrap = f
        .add(Movement {
            evidence: evidence(&photo),
            ..movement(1, Kind::Scrap, 1, "2026-03-05")
        })
        .expect("scrap");
    // A reversed disposition is no usage record.
    let wrong = f
        .add(Movement {
            evidence: evidence(&photo),
            ..movement(1, Kind::Scrap, 1, "2026-03-06")
        })
        .expect("scrap");
    reverse::run(
        &f.ws,
        reverse::Options {
            seq: wrong.outcome.entry().seq,
            reason: "typo".into(),
            operator: None,
        },
        now(),
        Lang::En,
    )
    .expect("reverse");
    let r = usage::run(
        &f.ws,
        usage::Options {
            cert_no: format!(" {CERT} "),
        },
        now(),
        Lang::En,
    )
    .expect("usage-record");
    let types: Vec<&str> = r.records.iter().map(|x| x.record_type).collect();
    assert_eq!(types, ["退运", "销毁"]);
    assert_eq!(r.records[0].doc_no.as_deref(), Some("EXP-1"));
    assert_eq!(r.totals["使用"], 0);
    assert_eq!(r.totals["退运"], 1);
    assert_eq!(r.totals["销毁"], 1);
    assert_eq!(r.open, 2);
    let ev = &r.records[1].evidence[0];
    assert_eq!(r.records[1].seq, scrap.outcome.entry().seq);
    assert_eq!(ev.name, "photo.png");
    assert_eq!(ev.stored, format!(".ccc-exempt/evidence/{}", ev.sha256));
    assert!(f.ws.root.join(&ev.stored).is_file());
    assert_eq!(
        refused_code(usage::run(
            &f.ws,
            usage::Options {
                cert_no: "NOPE".into()
            },
            now(),
            Lang::En
        )),
        Code::L001
    );
}

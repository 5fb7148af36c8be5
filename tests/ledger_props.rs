//! Property tests of the ledger invariants, through the library: over random sequences of
//! movements (back-dated ones, reversals, refused ones included), every balance stays
//! non-negative and within the certified quantity at every step, the stored balances equal a
//! replay of the accepted movements, and `ledger verify` passes on everything the tool wrote.

use std::path::Path;

use ccc_exempt::application::load_application;
use ccc_exempt::ledger::balance::{TimelineItem, simulate};
use ccc_exempt::ledger::{Kind, Movement, Outcome};
use ccc_exempt::model::codes::Code;
use ccc_exempt::ops::ledger::approve::{Approval, approve};
use ccc_exempt::ops::ledger::{Settings, add::add, reverse::reverse, verify};
use ccc_exempt::workspace::Workspace;
use ccc_exempt::{Error, Lang, Now};
use chrono::NaiveDate;
use proptest::prelude::*;

const CERTIFIED: [i64; 2] = [6, 4];

#[derive(Debug, Clone)]
enum Op {
    Move {
        line: i64,
        kind: Kind,
        qty: i64,
        day: u32,
    },
    Reverse {
        back: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let kind = prop::sample::select(vec![
        Kind::Inbound,
        Kind::Inbound,
        Kind::Issue,
        Kind::Return,
        Kind::Reexport,
        Kind::Scrap,
    ]);
    prop_oneof![
        6 => (1..=2i64, kind, 1..=4i64, 0..60u32)
            .prop_map(|(line, kind, qty, day)| Op::Move { line, kind, qty, day }),
        1 => (0..8usize).prop_map(|back| Op::Reverse { back }),
    ]
}

fn setup(dir: &Path) -> Workspace {
    let applicant = ccc_exempt::application::Applicant {
        name: Some("测试有限公司".into()),
        uscc: Some("91110108551385082Q".into()),
        ..Default::default()
    };
    let ws = Workspace::init(dir, &applicant, None).expect("init");
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
    ws
}

fn now() -> Now {
    Now::parse("2026-06-30T12:00:00+08:00").expect("now")
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).expect("date") + chrono::Days::new(u64::from(d))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn balances_stay_sound_and_verify_passes(ops_list in prop::collection::vec(op(), 1..40)) {
        let tmp = tempfile::tempdir().expect("tmp");
        let ws = setup(tmp.path());
        let mut store = ws.store().expect("store");
        let ev_dir = ws.evidence_dir();
        let photo = tmp.path().join("photo.png");
        std::fs::write(&photo, b"\x89PNG\r\n\x1a\nproptest").expect("write");
        let settings = || Settings { lang: Lang::En, now: now(), evidence_dir: &ev_dir, dry_run: false };
        let loaded = load_application("p", &ws.application_path("p"), None).expect("load");
        approve(&mut store, settings(), &loaded, &Approval {
            cert_no: "P-1".into(),
            issued: day(0),
            quantities: vec![],
            // The application is minimal (never checked): the ledger is under test here.
            force: Some("property test of the ledger".into()),
        }).expect("approve");
        // The model: accepted movements per line, by number; reversed ones dropped.
        let mut accepted: Vec<(i64, TimelineItem)> = Vec::new();
        for o in &ops_list {
            match o {
                Op::Move { line, kind, qty, day: d } => {
                    let mut m = Movement {
                        cert_no: "P-1".into(),
                        line: *line,
                        kind: Some(*kind),
                        qty: *qty,
                        date: Some(day(*d)),
                        ..Default::default()
                    };
                    match kind {
                        Kind::Inbound => m.doc_no = Some("INV".into()),
                        Kind::Reexport => {
                            m.doc_no = Some("EXP".into());
                            m.evidence = vec![ccc_exempt::ledger::rules::EvidenceInput { kind: None, path: photo.clone() }];
                        }
                        Kind::Scrap => {
                            m.evidence = vec![ccc_exempt::ledger::rules::EvidenceInput { kind: None, path: photo.clone() }];
                        }
                        _ => {}
                    }
                    match add(&mut store, settings(), &m) {
                        Ok(Outcome::Recorded(e)) => accepted.push((*line, TimelineItem { date: e.date, seq: e.seq, kind: e.kind, qty: e.qty })),
                        Ok(Outcome::AlreadyRecorded(_)) => prop_assert!(false, "no keys were given"),
                        Err(Error::Refused { code, .. }) => prop_assert!(code == Code::L002 || code == Code::L003, "unexpected {code}"),
                        Err(e) => prop_assert!(false, "unexpected error {e}"),
                    }
                }
                Op::Reverse { back } => {
                    if accepted.is_empty() { continue; }
                    let i = accepted.len() - 1 - back % accepted.len();
                    let seq = accepted[i].1.seq;
                    match reverse(&mut store, settings(), seq, "test", None) {
                        Ok(_) => { accepted.remove(i); }
                        Err(Error::Refused { code, .. }) => prop_assert_eq!(code, Code::L003),
                        Err(e) => prop_assert!(false, "unexpected error {e}"),
                    }
                }
            }
            // After every step: sound balances that equal a replay of the model.
            for b in store.balances(Some("P-1")).expect("balances") {
                let certified = CERTIFIED[(b.line - 1) as usize];
                prop_assert!(b.balance.is_sound(certified), "{:?}", b);
                let mut items: Vec<TimelineItem> = accepted.iter().filter(|(l, _)| *l == b.line).map(|(_, t)| *t).collect();
                let replay = simulate(&mut items, certified);
                prop_assert_eq!(replay, Ok(b.balance));
            }
        }
        let report = verify::verify(&mut store, &ev_dir, Lang::En, None).expect("verify");
        prop_assert!(report.ok(), "{:?}", report.problems);
    }
}

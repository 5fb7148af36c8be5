//! The application use cases called as a library (`ccc_exempt::ops`), without the binary: each
//! on a private copy of examples/demo, with the clock and SOURCE_DATE_EPOCH passed in as values.

mod common;

use std::path::{Path, PathBuf};

use ccc_exempt::model::codes::Code;
use ccc_exempt::model::status::Status;
use ccc_exempt::ops::{self, NoProgress, check, decide, package, render};
use ccc_exempt::package::Level;
use ccc_exempt::rules::Severity;
use ccc_exempt::workspace::{Discovery, Workspace};
use ccc_exempt::{ErrorKind, Lang, Now};
use common::Demo;
use sha2::Digest;

const CLEAN: &str = "2026-research-01";
const MISTAKES: &str = "mistake-materials";

fn now() -> Now {
    Now::parse(common::NOW).unwrap()
}

fn open(demo: &Demo) -> Workspace {
    Workspace::open(&demo.root).unwrap()
}

fn sha256_hex(bytes: &[u8]) -> String {
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn codes(r: &ccc_exempt::rules::engine::AppReport) -> Vec<String> {
    let mut c: Vec<String> = r.findings.iter().map(|f| f.code.to_string()).collect();
    c.sort();
    c.dedup();
    c
}

fn check_ids(ws: &Workspace, ids: &[&str], now: Now) -> check::Report {
    let targets = ids
        .iter()
        .map(|id| check::Target {
            id: id.to_string(),
            path: ws.application_path(id),
        })
        .collect();
    let opts = check::Options {
        targets,
        shown_from: Some(ws.root.clone()),
        ..Default::default()
    };
    check::run(Some(ws), opts, now, Lang::En).unwrap()
}

fn package_opts(id: &str, output: PathBuf, draft: bool) -> package::Options<'static> {
    package::Options {
        id: id.into(),
        output: Some(output),
        draft,
        source_date_epoch: None,
        progress: &NoProgress,
        content: Default::default(),
        file_clock_ns: None,
    }
}

fn built(r: package::Report) -> package::Built {
    match r {
        package::Report::Built(b) => b,
        package::Report::Refused(r) => panic!("refused: {:?}", codes(&r)),
    }
}

#[test]
fn check_clean_and_with_findings_records_each_check() {
    let demo = Demo::new();
    let ws = open(&demo);
    let r = check_ids(&ws, &[CLEAN, MISTAKES], now());
    let (clean, mistakes) = (&r.applications[0], &r.applications[1]);
    assert!(clean.findings.is_empty(), "{:?}", codes(clean));
    // Named relative to the directory given, in the report and in every finding.
    assert_eq!(clean.file, format!("applications/{CLEAN}/application.toml"));
    assert_eq!(codes(mistakes), ["M001", "M003", "M004"]);
    assert_eq!(r.exit_code(Severity::Error), 1);
    assert_eq!(
        check_ids(&ws, &[CLEAN], now()).exit_code(Severity::Error),
        0
    );

    // Each check is recorded: its codes sorted and distinct, its counts, the file's hash.
    let store = ws.store_read().unwrap();
    let last = store.last_check(MISTAKES).unwrap().expect("recorded");
    assert_eq!(last.codes, codes(mistakes));
    assert_eq!(last.errors as usize, mistakes.count(Severity::Error));
    assert_eq!(last.checked_at, now().rfc3339());
    assert_eq!(last.file_sha256, mistakes.file_sha256);
    let rec = store.application(CLEAN).unwrap().expect("registered");
    assert_eq!(rec.status, Status::Checked);
    assert_eq!(rec.last_check.unwrap().errors, 0);
}

#[test]
fn checking_the_whole_workspace_twice_never_raises_k002() {
    let demo = Demo::new();
    let discovery = Discovery {
        explicit: Some(demo.root.clone()),
        env: None,
        cwd: demo.tmp.path().to_path_buf(),
        ..Default::default()
    };
    for round in 0..2 {
        let (ws, targets) = check::resolve(&discovery, &[], Lang::En).unwrap();
        assert!(targets.len() >= 14);
        let opts = check::Options {
            targets,
            shown_from: None,
            ..Default::default()
        };
        let r = check::run(ws.as_ref(), opts, now(), Lang::En).unwrap();
        assert!(
            r.applications
                .iter()
                .all(|a| a.findings.iter().all(|f| f.code != Code::K002)),
            "round {round}"
        );
    }
}

#[test]
fn a_file_outside_any_workspace_is_checked_and_nothing_recorded() {
    let demo = Demo::new();
    let loose = demo.tmp.path().join("loose");
    common::copy_dir(&demo.app_dir("2026-repair-01"), &loose);
    let elsewhere = demo.tmp.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    let discovery = Discovery {
        explicit: None,
        env: None,
        cwd: elsewhere.clone(),
        ..Default::default()
    };
    let arg = loose.join("application.toml").display().to_string();
    let (ws, targets) = check::resolve(&discovery, &[arg], Lang::En).unwrap();
    assert!(ws.is_none());
    assert_eq!(targets[0].id, "loose");
    let r = check::run(
        None,
        check::Options {
            targets,
            shown_from: None,
            ..Default::default()
        },
        now(),
        Lang::En,
    )
    .unwrap();
    assert_eq!(r.applications.len(), 1);
    assert!(!loose.join(".ccc-exempt").exists() && !elsewhere.join(".ccc-exempt").exists());
    assert!(
        !demo.root.join(".ccc-exempt").exists(),
        "nothing recorded in the demo"
    );

    // An ID that is not there: an input error with a suggestion.
    let discovery = Discovery {
        explicit: Some(demo.root.clone()),
        ..discovery
    };
    let e = check::resolve(&discovery, &["2026-reserch-01".into()], Lang::En).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Input);
    assert!(
        e.to_string().contains("did you mean 2026-research-01?"),
        "{e}"
    );
}

#[test]
fn a_malformed_application_is_t001_and_the_others_are_still_checked() {
    let demo = Demo::new();
    demo.write_app(MISTAKES, "[applicant\nname = 1\n");
    let ws = open(&demo);
    let r = check_ids(&ws, &[MISTAKES, CLEAN], now());
    let t001: Vec<_> = r.malformed().collect();
    assert!(!t001.is_empty());
    assert!(
        format!("{:?}", t001[0].location).contains("line: Some(1)"),
        "{:?}",
        t001[0].location
    );
    assert!(r.applications[1].findings.is_empty());
    assert_eq!(r.exit_code(Severity::Error), 2);
}

#[test]
fn render_writes_a_docx_letter_and_refuses_what_the_workspace_keeps() {
    let demo = Demo::new();
    let ws = open(&demo);
    let out = demo.tmp.path().join("letter.docx");
    let r = render::run(
        &ws,
        render::Options {
            id: CLEAN.into(),
            what: render::What::Letter,
            output: Some(out.clone()),
            source_date_epoch: None,
        },
        now(),
        Lang::En,
    )
    .unwrap();
    assert_eq!(r.written, [out.canonicalize().unwrap()]);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip container");
    assert!(
        bytes.windows(17).any(|w| w == b"word/document.xml"),
        "a DOCX holds word/document.xml"
    );

    // The configuration is refused as a destination, and left as it was.
    let config = demo.root.join("ccc-exempt.toml");
    let before = std::fs::read(&config).unwrap();
    let e = render::run(
        &ws,
        render::Options {
            id: CLEAN.into(),
            what: render::What::Table,
            output: Some(config.clone()),
            source_date_epoch: None,
        },
        now(),
        Lang::En,
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Input, "{e}");
    assert_eq!(std::fs::read(&config).unwrap(), before);

    // The checklist without a path writes nothing: its rows are the report.
    let r = render::run(
        &ws,
        render::Options {
            id: MISTAKES.into(),
            what: render::What::Checklist,
            output: None,
            source_date_epoch: None,
        },
        now(),
        Lang::En,
    )
    .unwrap();
    assert!(r.written.is_empty());
    assert!(!r.complete());
    assert!(r.checklist.unwrap().iter().any(|row| !row.is_ok()));
}

#[test]
fn the_document_date_comes_from_prepared_on_then_source_date_epoch_then_today() {
    let demo = Demo::new();
    let text = demo.read_app("2026-line-01");
    let stripped: String = text
        .lines()
        .filter(|l| !l.starts_with("prepared_on"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(stripped, text, "the demo application has a prepared_on");
    let ws = open(&demo);
    let loaded = render::load(&ws, "2026-line-01", Lang::En).unwrap();
    let (date, _, source) =
        render::document_date(&loaded, Some("1790000000"), now(), Lang::En).unwrap();
    assert_eq!(
        (date.to_string().as_str(), source),
        ("2026-11-16", render::DateSource::PreparedOn)
    );

    demo.write_app("2026-line-01", &stripped);
    let loaded = render::load(&ws, "2026-line-01", Lang::En).unwrap();
    let (date, stamp, source) =
        render::document_date(&loaded, Some("1790000000"), now(), Lang::En).unwrap();
    let expected = chrono::DateTime::from_timestamp(1_790_000_000, 0)
        .unwrap()
        .naive_utc();
    assert_eq!(
        (date, stamp, source),
        (
            expected.date(),
            expected,
            render::DateSource::SourceDateEpoch
        )
    );
    let (date, _, source) = render::document_date(&loaded, Some(" "), now(), Lang::En).unwrap();
    assert_eq!((date, source), (now().date(), render::DateSource::Today));
    let e = render::document_date(&loaded, Some("soon"), now(), Lang::En).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Input);
}

#[test]
fn package_writes_the_zip_returns_its_hash_and_moves_the_status() {
    let demo = Demo::new();
    let ws = open(&demo);
    let out = demo.tmp.path().join("r1.zip");
    let b = built(
        package::run(
            &ws,
            package_opts(CLEAN, out.clone(), false),
            now(),
            Lang::En,
        )
        .unwrap(),
    );
    let zip = std::fs::read(&out).unwrap();
    assert_eq!(b.path, out.canonicalize().unwrap());
    assert_eq!(
        (b.size, b.sha256.clone()),
        (zip.len() as u64, sha256_hex(&zip))
    );
    assert_eq!(b.status(), "packaged");
    assert_eq!(b.date_source, render::DateSource::PreparedOn);
    let store = ws.store_read().unwrap();
    assert_eq!(
        store.application(CLEAN).unwrap().unwrap().status,
        Status::Packaged
    );
    let receipts = store.packages(CLEAN).unwrap();
    assert_eq!(receipts.len(), 1);
    assert_eq!(receipts[0].zip_sha256, b.sha256);
    assert_eq!(receipts[0].path, b.path.display().to_string());
    assert!(!receipts[0].draft);
}

#[test]
fn the_package_does_not_depend_on_the_wall_clock() {
    let demo = Demo::new();
    let ws = open(&demo);
    let a = demo.tmp.path().join("a.zip");
    let b = demo.tmp.path().join("b.zip");
    let later = Now::parse("2027-02-03T17:30:00+08:00").unwrap();
    let first =
        built(package::run(&ws, package_opts(CLEAN, a.clone(), false), now(), Lang::En).unwrap());
    let second =
        built(package::run(&ws, package_opts(CLEAN, b.clone(), false), later, Lang::En).unwrap());
    assert_eq!(first.sha256, second.sha256);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    // The embedded check report names the application by its place in the workspace.
    let (_, report) = check::check_one(&ws, CLEAN, None, later, Lang::Zh).unwrap();
    let json = String::from_utf8(package::package_report(&report)).unwrap();
    assert!(
        json.contains(&format!(
            "\"file\": \"applications/{CLEAN}/application.toml\""
        )),
        "{json}"
    );
    assert!(!json.contains(&demo.root.display().to_string()));
    assert!(!json.contains("2027-02-03"));
}

#[test]
fn errors_refuse_the_package_unless_it_is_a_draft() {
    let demo = Demo::new();
    let ws = open(&demo);
    let out = demo.tmp.path().join("m.zip");
    match package::run(
        &ws,
        package_opts(MISTAKES, out.clone(), false),
        now(),
        Lang::En,
    )
    .unwrap()
    {
        package::Report::Refused(r) => {
            assert!(r.has_errors());
            // The report is the Chinese one that would go into the package.
            assert!(
                r.findings
                    .iter()
                    .any(|f| f.message.chars().any(|c| c > '\u{2e80}'))
            );
        }
        package::Report::Built(_) => panic!("a package with errors was built"),
    }
    assert!(!out.exists());
    let store = ws.store_read().unwrap();
    assert_eq!(
        store.application(MISTAKES).unwrap().unwrap().status,
        Status::Draft
    );
    assert!(store.packages(MISTAKES).unwrap().is_empty());

    let draft = demo.tmp.path().join("m-draft.zip");
    let b = built(
        package::run(
            &ws,
            package_opts(MISTAKES, draft.clone(), true),
            now(),
            Lang::En,
        )
        .unwrap(),
    );
    assert!(b.draft && b.errors > 0 && draft.is_file());
    // A draft does not move the status.
    let store = ws.store_read().unwrap();
    assert_eq!(
        store.application(MISTAKES).unwrap().unwrap().status,
        Status::Draft
    );
    assert!(store.packages(MISTAKES).unwrap()[0].draft);
    let v = ops::verify::run(
        Some(&ws),
        ops::verify::Options {
            file: draft,
            level: Level::Valid,
        },
        Lang::En,
    )
    .unwrap();
    assert!(v.draft);
    assert!(
        v.bag_info
            .iter()
            .any(|(k, v)| k == "CCC-Draft" && v.starts_with("yes"))
    );
}

#[test]
fn verify_a_package_and_a_damaged_copy() {
    let demo = Demo::new();
    let ws = open(&demo);
    let out = demo.tmp.path().join("r1.zip");
    built(
        package::run(
            &ws,
            package_opts(CLEAN, out.clone(), false),
            now(),
            Lang::En,
        )
        .unwrap(),
    );
    let opts = |file: &Path| ops::verify::Options {
        file: file.to_path_buf(),
        level: Level::Valid,
    };
    let v = ops::verify::run(None, opts(&out), Lang::En).unwrap();
    assert!(v.valid && v.problems.is_empty(), "{:?}", v.problems);
    assert_eq!(v.bag.as_deref(), Some(CLEAN));

    // One byte of a material changed inside the zip (PDFs are stored, not compressed).
    let material =
        std::fs::read(demo.app_dir(CLEAN).join("materials/commitment-letter.pdf")).unwrap();
    let mut zip = std::fs::read(&out).unwrap();
    let at = zip
        .windows(material.len())
        .position(|w| w == material.as_slice())
        .expect("the material is stored as is");
    zip[at + material.len() / 2] ^= 0x20;
    let damaged = demo.tmp.path().join("damaged.zip");
    std::fs::write(&damaged, &zip).unwrap();
    let v = ops::verify::run(Some(&ws), opts(&damaged), Lang::En).unwrap();
    assert!(!v.valid);
    assert!(v.problems.iter().any(|p| p.severity == Severity::Error));
}

#[test]
fn approval_needs_a_clean_check_and_then_records_the_certificate() {
    let demo = Demo::new();
    let ws = open(&demo);
    let approve = |id: &str, cert: &str, force: Option<&str>| decide::Approve {
        id: id.into(),
        cert_no: cert.into(),
        issued: now().date(),
        quantities: Vec::new(),
        force: force.map(String::from),
    };
    // Never checked: S003 refuses.
    let e = decide::approve(&ws, approve(CLEAN, "C-1", None), now(), Lang::En).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Refused);
    assert!(e.to_string().starts_with("S003"), "{e}");
    // Checked with errors: refused too.
    check_ids(&ws, &[MISTAKES], now());
    let e = decide::approve(&ws, approve(MISTAKES, "C-2", None), now(), Lang::En).unwrap_err();
    assert!(e.to_string().contains("found 3 error(s)"), "{e}");

    // A clean check, submitted, approved.
    check_ids(&ws, &[CLEAN], now());
    let s = decide::submit(&ws, decide::Submit { id: CLEAN.into() }, now(), Lang::En).unwrap();
    assert_eq!(s.status, Status::Submitted);
    let a = decide::approve(&ws, approve(CLEAN, "C-1", None), now(), Lang::En).unwrap();
    assert_eq!(a.certificate.cert_no, "C-1");
    assert!(a.forced.is_none());
    let store = ws.store_read().unwrap();
    assert_eq!(
        store.application(CLEAN).unwrap().unwrap().status,
        Status::Approved
    );
    assert_eq!(store.certificate_of(CLEAN).unwrap().as_deref(), Some("C-1"));

    // Rejection needs a reason; an unknown application is an input error.
    let reject = |id: &str, reason: &str| decide::Reject {
        id: id.into(),
        reason: reason.into(),
    };
    let e = decide::reject(&ws, reject("2026-line-01", "  "), now(), Lang::En).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Input);
    let e = decide::reject(&ws, reject("nope", "x"), now(), Lang::En).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Input);
    let d = decide::reject(
        &ws,
        reject("2026-line-01", " missing seal "),
        now(),
        Lang::En,
    )
    .unwrap();
    assert_eq!(d.status, Status::Rejected);
    let events = store.status_events("2026-line-01").unwrap();
    assert_eq!(events.last().unwrap().note.as_deref(), Some("missing seal"));
}

#[test]
fn status_flags_forced_approvals_k002_and_sweeps_leftovers() {
    let demo = Demo::new();
    // One certificate of any size is "many batches" with these thresholds.
    let config = demo.root.join("ccc-exempt.toml");
    let text = std::fs::read_to_string(&config)
        .unwrap()
        .replace("k002_batches = 5", "k002_batches = 1")
        .replace("k002_quantity = 500", "k002_quantity = 1");
    std::fs::write(&config, text).unwrap();
    let ws = open(&demo);
    let before = ops::status::run(&ws, Default::default(), now(), Lang::En).unwrap();
    assert!(before.findings.is_empty(), "{:?}", before.findings);
    assert!(
        before
            .applications
            .iter()
            .all(|a| a.status == Status::Draft && !a.registered)
    );

    // Never checked, approved with --force: S003 on the dashboard, at the certificate.
    let a = decide::approve(
        &ws,
        decide::Approve {
            id: "mistake-applicant".into(),
            cert_no: "C-9".into(),
            issued: now().date(),
            quantities: Vec::new(),
            force: Some("the authority approved it".into()),
        },
        now(),
        Lang::En,
    )
    .unwrap();
    assert!(a.forced.is_some());
    // A temporary file of a process that is gone: removed, not flagged.
    let dead = 4_194_000;
    let leftover = demo.root.join(format!(".ccc-exempt-tmp-{dead}-1"));
    let can_tell =
        Path::new("/proc/self").exists() && !Path::new(&format!("/proc/{dead}")).exists();
    if can_tell {
        std::fs::write(&leftover, b"half").unwrap();
    }
    let s = ops::status::run(&ws, Default::default(), now(), Lang::En).unwrap();
    let code = |c: Code| s.findings.iter().find(|f| f.code == c);
    let s003 = code(Code::S003).expect("S003 for the forced approval");
    assert!(
        format!("{:?}", s003.location).contains("C-9"),
        "{:?}",
        s003.location
    );
    assert!(s003.message.contains("the authority approved it"));
    assert!(code(Code::K002).is_some(), "{:?}", s.findings);
    assert!(code(Code::W001).is_none());
    if can_tell {
        assert!(
            !leftover.exists(),
            "status sweeps abandoned temporary files"
        );
    }
    let row = s
        .applications
        .iter()
        .find(|a| a.id == "mistake-applicant")
        .unwrap();
    assert_eq!(
        (row.status, row.certificate.as_deref()),
        (Status::Approved, Some("C-9"))
    );
    assert!(row.forced.is_some());
    assert_eq!(s.certificates.len(), 1);
    assert_eq!(s.certificates[0].cert_no, "C-9");

    // `check` computes K002 from the same certificates.
    let r = check_ids(&ws, &[CLEAN], now());
    assert!(
        r.applications[0]
            .findings
            .iter()
            .any(|f| f.code == Code::K002)
    );
}

#[test]
fn app_list_and_show() {
    let demo = Demo::new();
    let ws = open(&demo);
    check_ids(&ws, &[MISTAKES], now());
    let rows = ops::app::list(&ws).unwrap();
    assert!(rows.len() >= 14);
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    let m = rows.iter().find(|r| r.id == MISTAKES).unwrap();
    // Registered by its check; a check with errors leaves it a draft.
    assert!(m.registered && m.status == Status::Draft);
    assert_eq!(
        m.last_check.as_ref().unwrap().codes,
        ["M001", "M003", "M004"]
    );
    let shown = ops::app::show(&ws, MISTAKES).unwrap();
    assert_eq!(shown.status(), Status::Draft);
    assert_eq!(shown.file, ws.application_path(MISTAKES));
    assert!(shown.record.unwrap().last_check.is_some());
    assert_eq!(
        ops::app::show(&ws, "nope").unwrap_err().kind(),
        ErrorKind::Input
    );
}

#[test]
fn new_scaffolds_an_application_once() {
    let demo = Demo::new();
    let ws = open(&demo);
    let opts = || ops::new::Options {
        id: "fresh-01".into(),
        condition: ccc_exempt::application::Condition::parse("repair").unwrap(),
        text: None,
    };
    let r = ops::new::run(&ws, opts(), now(), Lang::En).unwrap();
    assert_eq!(r.path, ws.application_path("fresh-01"));
    assert!(ws.applications_dir().join("fresh-01/materials").is_dir());
    let text = std::fs::read_to_string(&r.path).unwrap();
    assert!(text.contains("repair"), "{text}");
    let rec = ws
        .store_read()
        .unwrap()
        .application("fresh-01")
        .unwrap()
        .unwrap();
    assert_eq!(
        (rec.status, rec.condition.as_deref()),
        (Status::Draft, Some("repair"))
    );
    // Never overwritten.
    std::fs::write(&r.path, "mine").unwrap();
    let e = ops::new::run(&ws, opts(), now(), Lang::En).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Input);
    assert_eq!(std::fs::read_to_string(&r.path).unwrap(), "mine");
    let bad = ops::new::Options {
        id: "../x".into(),
        ..opts()
    };
    assert_eq!(
        ops::new::run(&ws, bad, now(), Lang::En).unwrap_err().kind(),
        ErrorKind::Input
    );
}

#[test]
fn a_second_check_of_unchanged_files_examines_nothing() {
    use ccc_exempt::ops::content::{ContentOptions, Mode};
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("demo");
    common::copy_dir(&common::demo_source(), &root);
    let ws = ccc_exempt::workspace::Workspace::open(&root).unwrap();
    let run = || {
        let targets = vec![check::Target {
            id: "mistake-materials".into(),
            path: ws.application_path("mistake-materials"),
        }];
        check::run(
            Some(&ws),
            check::Options {
                targets,
                shown_from: None,
                content: ContentOptions {
                    mode: Mode::On,
                    ..Default::default()
                },
                ..Default::default()
            },
            now(),
            Lang::En,
        )
        .unwrap()
    };
    let first = run();
    assert!(first.content.examined >= 4, "{:?}", first.content);
    let second = run();
    assert_eq!(second.content.examined, 0, "{:?}", second.content);
    assert_eq!(
        second.content.cached,
        first.content.examined + first.content.cached
    );
    let codes = |r: &check::Report| {
        r.applications[0]
            .findings
            .iter()
            .map(|f| f.code)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        codes(&first),
        codes(&second),
        "the cache gives the same findings"
    );
}

/// The names in `dir`.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A file of the zip at `zip`.
fn zip_entry(zip: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
    s
}

#[test]
fn package_ends_its_check_with_the_digests_of_what_it_wrote() {
    let demo = Demo::new();
    let ws = open(&demo);
    // The check a package records holds the same file hashes as one `check` records.
    check_ids(&ws, &[CLEAN], now());
    let by_check = ws.store_read().unwrap().last_check(CLEAN).unwrap().unwrap();
    assert!(by_check.files.len() > 2, "{:?}", by_check.files);
    let out = demo.tmp.path().join("p.zip");
    let later = Now::parse("2026-11-28T10:00:00+08:00").unwrap();
    built(
        package::run(
            &ws,
            package_opts(CLEAN, out.clone(), false),
            later,
            Lang::En,
        )
        .unwrap(),
    );
    let by_package = ws.store_read().unwrap().last_check(CLEAN).unwrap().unwrap();
    assert_eq!(by_package.checked_at, later.rfc3339());
    assert_eq!(by_package.files, by_check.files);
    assert_eq!(
        (by_package.codes.clone(), by_package.errors),
        (by_check.codes.clone(), by_check.errors)
    );
    // So approval finds a clean check of the current files (no S003).
    decide::submit(&ws, decide::Submit { id: CLEAN.into() }, now(), Lang::En).unwrap();
    let approve = decide::Approve {
        id: CLEAN.into(),
        cert_no: "C-9".into(),
        issued: now().date(),
        quantities: Vec::new(),
        force: None,
    };
    decide::approve(&ws, approve, now(), Lang::En).unwrap();

    // A material changed after approval: S002, known only from the package's own digests. The
    // package is refused, nothing is left where it would have gone, and the check recorded
    // holds the file as it is now.
    let changed = demo.app_dir(CLEAN).join("materials/commitment-letter.pdf");
    let mut bytes = std::fs::read(&changed).unwrap();
    bytes.extend_from_slice(b"\n% signed again\n");
    std::fs::write(&changed, &bytes).unwrap();
    let before = listing(demo.tmp.path());
    let refused = demo.tmp.path().join("refused.zip");
    match package::run(
        &ws,
        package_opts(CLEAN, refused.clone(), false),
        now(),
        Lang::En,
    )
    .unwrap()
    {
        package::Report::Refused(r) => {
            assert!(codes(&r).contains(&"S002".to_string()), "{:?}", codes(&r));
            assert_eq!(r.file, format!("applications/{CLEAN}/application.toml"));
        }
        package::Report::Built(b) => panic!("built despite S002: {}", b.path.display()),
    }
    assert!(!refused.exists());
    assert_eq!(
        listing(demo.tmp.path()),
        before,
        "a temporary file was left"
    );
    let recorded = ws.store_read().unwrap().last_check(CLEAN).unwrap().unwrap();
    assert!(recorded.codes.contains(&"S002".to_string()));
    let letter = recorded
        .files
        .iter()
        .find(|f| f.path == "materials/commitment-letter.pdf")
        .expect("the changed material is recorded");
    assert_eq!(
        letter.sha256,
        <[u8; 32]>::from(sha2::Sha256::digest(&bytes))
    );
    // `check` finds the same.
    let r = check_ids(&ws, &[CLEAN], now());
    assert!(codes(&r.applications[0]).contains(&"S002".to_string()));

    // A draft is built all the same; its check report and bag-info count the S002 error(s).
    let draft = demo.tmp.path().join("draft.zip");
    let b = built(
        package::run(
            &ws,
            package_opts(CLEAN, draft.clone(), true),
            now(),
            Lang::En,
        )
        .unwrap(),
    );
    assert!(b.draft && b.errors >= 1);
    let report = zip_entry(&draft, &format!("{CLEAN}/data/generated/check-report.json"));
    assert!(report.contains("\"S002\""), "{report}");
    let info = zip_entry(&draft, &format!("{CLEAN}/bag-info.txt"));
    assert!(
        info.contains(&format!("CCC-Draft: yes ({} error finding(s)", b.errors)),
        "{info}"
    );
    let v = ops::verify::run(
        None,
        ops::verify::Options {
            file: draft,
            level: Level::Valid,
        },
        Lang::En,
    )
    .unwrap();
    assert!(v.valid, "{:?}", v.problems);
}

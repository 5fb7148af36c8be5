//! `verify`'s reader against hostile bytes, in the normal test suite for a bounded time (a fixed
//! number of cases): random files, files that start and end like a zip, and a real package with
//! random mutations (flipped bytes, overwritten header fields, cuts, insertions). Every case must
//! give a report, or the documented error for a file that is not a zip (exit 2); never a panic
//! and never a hang.

use std::path::Path;
use std::time::{Duration, Instant};

use ccc_exempt::Lang;
use ccc_exempt::application::load_application;
use ccc_exempt::package::{Layout, Level, PackageRequest, build, verify};
use ccc_exempt::util::dos_time::DosTime;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

const CASES: u32 = 512;

/// A small real package: PDFs (Stored), text (Deflate), directories and the tag files.
fn real_package(dir: &Path) -> Vec<u8> {
    let app = dir.join("app");
    std::fs::create_dir_all(app.join("materials")).unwrap();
    let mut files = Vec::new();
    for i in 0..4 {
        let name = format!("materials/scan-{i}.pdf");
        std::fs::write(
            app.join(&name),
            format!("%PDF-1.4\n% {i}\n{}\n%%EOF\n", "x".repeat(300 * i)),
        )
        .unwrap();
        files.push(name);
    }
    std::fs::write(
        app.join("materials/notes.txt"),
        "第1行 电锤 HX-26 数量 3 台\n".repeat(200),
    )
    .unwrap();
    files.push("materials/notes.txt".into());
    let list = files
        .iter()
        .map(|f| format!("{f:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    std::fs::write(
        app.join("application.toml"),
        format!(
            "condition = \"research\"\n[[materials]]\nkind = \"test-plan\"\nfiles = [{list}]\n"
        ),
    )
    .unwrap();
    let loaded = load_application("fz", &app.join("application.toml"), None).unwrap();
    let layout = Layout::plan(&loaded);
    let dest = dir.join("fz.zip");
    let req = PackageRequest {
        loaded: &loaded,
        layout: &layout,
        bag_info: vec![("Bagging-Date".into(), "2026-11-20".into())],
        generated: vec![],
        time: DosTime::EPOCH,
        dest: &dest,
        skip_missing: false,
        within: None,
        lang: Lang::En,
    };
    let pending = build(&req, |_| Ok(b"checklist\n".to_vec()), &|_| {}).unwrap();
    assert_eq!(pending.read_back, 0);
    pending.persist().unwrap();
    let bytes = std::fs::read(&dest).unwrap();
    let report = verify(&dest, Level::Valid, Lang::En).unwrap();
    assert!(
        report.valid,
        "the base package is not valid: {:?}",
        report.problems
    );
    bytes
}

/// Verify `bytes` at every level: a report, or "not a zip" (exit 2).
fn check(path: &Path, bytes: &[u8]) -> Result<(), TestCaseError> {
    std::fs::write(path, bytes).unwrap();
    for level in [Level::Fast, Level::Complete, Level::Valid] {
        let started = Instant::now();
        match verify(path, level, Lang::En) {
            Ok(r) => {
                prop_assert_eq!(r.valid, r.problems.is_empty());
                prop_assert!(serde_json::to_string(&r).is_ok());
            }
            Err(e) => prop_assert_eq!(e.exit_code(), 2, "undocumented error: {}", e),
        }
        prop_assert!(
            started.elapsed() < Duration::from_secs(10),
            "verify took {:?} on {} bytes",
            started.elapsed(),
            bytes.len()
        );
    }
    Ok(())
}

#[test]
fn random_bytes_give_a_report_or_not_a_zip() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("random.zip");
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    // Plain noise, and noise framed by a local-header signature and an end record (so the
    // reader gets past "not a zip" and into the directory).
    let strategy = (
        proptest::collection::vec(any::<u8>(), 0..2048),
        any::<bool>(),
        proptest::option::of((any::<u16>(), any::<u32>(), any::<u32>())),
    );
    runner
        .run(&strategy, |(noise, local, end)| {
            let mut bytes = Vec::new();
            if local {
                bytes.extend_from_slice(b"PK\x03\x04");
            }
            bytes.extend_from_slice(&noise);
            if let Some((count, size, offset)) = end {
                bytes.extend_from_slice(b"PK\x05\x06\0\0\0\0");
                bytes.extend_from_slice(&count.to_le_bytes());
                bytes.extend_from_slice(&count.to_le_bytes());
                bytes.extend_from_slice(&size.to_le_bytes());
                bytes.extend_from_slice(&offset.to_le_bytes());
                bytes.extend_from_slice(&[0, 0]);
            }
            check(&path, &bytes)
        })
        .unwrap();
}

/// One change to a zip.
#[derive(Debug, Clone)]
enum Mutation {
    Flip {
        at: usize,
        bit: u8,
    },
    /// A 16- or 32-bit field set to an edge value or a random one.
    Field {
        at: usize,
        wide: bool,
        value: u32,
    },
    Cut {
        at: usize,
    },
    Insert {
        at: usize,
        bytes: Vec<u8>,
    },
}

fn mutation(len: usize) -> impl Strategy<Value = Mutation> {
    let value = prop_oneof![
        Just(0u32),
        Just(1),
        Just(0xFFFF),
        Just(0xFFFF_FFFF),
        Just(0x8000_0000),
        any::<u32>()
    ];
    prop_oneof![
        (0..len, 0..8u8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        (0..len, any::<bool>(), value).prop_map(|(at, wide, value)| Mutation::Field {
            at,
            wide,
            value
        }),
        (0..len).prop_map(|at| Mutation::Cut { at }),
        (0..len, proptest::collection::vec(any::<u8>(), 1..64))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
    ]
}

fn apply(base: &[u8], ms: &[Mutation]) -> Vec<u8> {
    let mut b = base.to_vec();
    for m in ms {
        let n = b.len();
        if n == 0 {
            break;
        }
        match m {
            Mutation::Flip { at, bit } => b[at % n] ^= 1 << bit,
            Mutation::Field { at, wide, value } => {
                let bytes = value.to_le_bytes();
                let w = if *wide { 4 } else { 2 };
                for (k, v) in bytes.iter().take(w).enumerate() {
                    if let Some(x) = b.get_mut(at % n + k) {
                        *x = *v;
                    }
                }
            }
            Mutation::Cut { at } => b.truncate(at % n),
            Mutation::Insert { at, bytes } => {
                let at = at % n;
                b.splice(at..at, bytes.iter().copied());
            }
        }
    }
    b
}

#[test]
fn mutated_packages_give_a_report_never_a_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let base = real_package(tmp.path());
    let path = tmp.path().join("mutated.zip");
    // Half the mutations land in the last 2 KiB: the central directory and end records, where
    // a reader's trust in sizes and offsets is tested.
    let len = base.len();
    let tail = len.saturating_sub(2048);
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (
        proptest::collection::vec(mutation(len), 1..4),
        any::<bool>(),
    );
    let invalid = std::cell::Cell::new(0u32);
    runner
        .run(&strategy, |(mut ms, in_tail)| {
            if in_tail {
                for m in &mut ms {
                    match m {
                        Mutation::Flip { at, .. }
                        | Mutation::Field { at, .. }
                        | Mutation::Cut { at }
                        | Mutation::Insert { at, .. } => *at = tail + *at % (len - tail),
                    }
                }
            }
            let bytes = apply(&base, &ms);
            check(&path, &bytes)?;
            if !verify(&path, Level::Valid, Lang::En).is_ok_and(|r| r.valid) {
                invalid.set(invalid.get() + 1);
            }
            Ok(())
        })
        .unwrap();
    // Most mutations must be noticed (a few land in bytes nothing depends on, such as a
    // directory entry's internal attributes).
    let invalid = invalid.get();
    assert!(
        invalid > CASES * 3 / 4,
        "only {invalid} of {CASES} mutated packages were found invalid"
    );
}

//! The examination of material pages (SPEC section 6, "Material content") on generated scans:
//! seals and their colour, the negatives, legibility, PDFs with image pages and text layers (a
//! CID font without ToUnicode), and the precision and recall of the findings on 200+ pages.

mod support;

use ccc_exempt::content::{self, Examination, Options, SealColour};
use support::scan::{self, Decoy, Design, Rng, Spec, Truth};

fn examine(bytes: &[u8]) -> Examination {
    content::examine(
        bytes,
        &Options {
            threads: 1,
            ..Options::default()
        },
    )
}

/// What the examination says of a page: red seal, grey seal, or none.
fn verdict(e: &Examination) -> Truth {
    let seals: Vec<_> = e.pages.iter().flat_map(|p| &p.seals).collect();
    if seals.iter().any(|s| s.colour == SealColour::Red) {
        Truth::RedSeal
    } else if seals.is_empty() {
        Truth::NoSeal
    } else {
        Truth::GreyCopy
    }
}

fn jpeg(spec: &Spec, q: u8) -> Vec<u8> {
    scan::page(spec).to_jpeg(q)
}

#[test]
fn seals_copies_and_decoys_on_clear_scans() {
    let base = Spec::a4(7, 150.0);
    let cases = [
        ("red star 42", base.clone(), Truth::RedSeal),
        (
            "red oval",
            Spec {
                seal: Some(Design::Oval),
                ..base.clone()
            },
            Truth::RedSeal,
        ),
        (
            "red small",
            Spec {
                seal: Some(Design::Small30),
                ..base.clone()
            },
            Truth::RedSeal,
        ),
        (
            "grey copy",
            Spec {
                grey: true,
                ..base.clone()
            },
            Truth::GreyCopy,
        ),
        (
            "no seal",
            Spec {
                seal: None,
                ..base.clone()
            },
            Truth::NoSeal,
        ),
        (
            "red logo",
            Spec {
                seal: None,
                decoy: Some(Decoy::RedLogo),
                ..base.clone()
            },
            Truth::NoSeal,
        ),
        (
            "hand circle",
            Spec {
                seal: None,
                decoy: Some(Decoy::HandCircle),
                ..base.clone()
            },
            Truth::NoSeal,
        ),
    ];
    let mut wrong = Vec::new();
    for (name, spec, want) in cases {
        let t0 = std::time::Instant::now();
        let j = jpeg(&spec, 85);
        let t1 = std::time::Instant::now();
        let e = examine(&j);
        println!("gen {:?} exam {:?}", t1 - t0, t1.elapsed());
        let got = verdict(&e);
        println!("{name}: {got:?} {:?}", e.pages[0].seals);
        if got != want {
            wrong.push(format!("{name}: {got:?}, want {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
#[ignore]
fn stage_timing() {
    use ccc_exempt::content::{legibility, seal};
    for (name, spec) in [
        ("red", Spec::a4(3, 150.0)),
        (
            "none",
            Spec {
                seal: None,
                ..Spec::a4(3, 150.0)
            },
        ),
        (
            "grey",
            Spec {
                grey: true,
                ..Spec::a4(3, 150.0)
            },
        ),
    ] {
        let r = scan::page(&spec);
        let j = r.to_jpeg(85);
        let t = std::time::Instant::now();
        let r = content::Raster::decode(&j).unwrap();
        let t1 = t.elapsed();
        let w = r.resample(840, 1188);
        let t2 = t.elapsed();
        let b = w.white_balanced();
        let t3 = t.elapsed();
        let s = seal::detect(&b);
        let t4 = t.elapsed();
        let sh = legibility::sharpness(&r, 210.0, 297.0);
        let t5 = t.elapsed();
        println!(
            "{name}: decode {t1:?} resample {:?} wb {:?} seal {:?} sharp {:?} ({} seals, {sh:?})",
            t2 - t1,
            t3 - t2,
            t4 - t3,
            t5 - t4,
            s.len()
        );
    }
}

//! The examination of material pages (SPEC section 6, "Material content") on generated scans:
//! seals and their colour, the negatives, legibility, PDFs with image pages and text layers (a
//! CID font without ToUnicode), and the precision and recall of the findings on 200+ pages.

mod support;

use ccc_exempt::content::{self, Examination, Options, SealColour};
use ccc_exempt::content::{TextFrom, facts};
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
        let e = examine(&jpeg(&spec, 85));
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

#[test]
fn a_pdf_scan_with_a_cid_text_layer_without_tounicode_is_read() {
    let spec = Spec::a4(11, 150.0);
    let r = scan::page(&spec);
    let text = "认证委托人：上海某某检测技术有限公司\n样品名称：电锤 型号：HX-26 数量：3台";
    let pdf = scan::pdf(&[(r.to_jpeg(80), r.width, r.height, 210.0, 297.0, Some(text))]);
    let e = examine(&pdf);
    assert_eq!(e.format, "PDF");
    assert_eq!(e.pages.len(), 1);
    let p = &e.pages[0];
    assert_eq!(p.text_from, Some(TextFrom::Layer), "{p:?}");
    for fact in ["上海某某检测技术有限公司", "电锤", "HX-26", "3"] {
        assert!(facts::appears(&p.text, fact), "{fact} in {:?}", p.text);
    }
    assert!(!facts::appears(&p.text, "HX-28"));
    let img = p.image.as_ref().expect("the page image");
    assert!((img.dpi - 150.0).abs() < 1.0, "{img:?}");
    assert!(!img.illegible());
    assert_eq!(verdict(&e), Truth::RedSeal);
}

#[test]
fn a_70_dpi_photo_and_a_blurred_scan_are_not_legible_a_clear_one_is() {
    let low = examine(&jpeg(
        &Spec {
            seal: None,
            ..Spec::a4(5, 70.0)
        },
        80,
    ));
    let img = low.pages[0].image.clone().unwrap();
    assert!(img.dpi < 75.0 && img.illegible(), "{img:?}");
    let blurred = examine(&jpeg(
        &Spec {
            seal: None,
            blur: 6,
            ..Spec::a4(5, 150.0)
        },
        80,
    ));
    let img = blurred.pages[0].image.clone().unwrap();
    assert!(img.dpi > 149.0 && img.illegible(), "{img:?}");
    let clear = examine(&jpeg(
        &Spec {
            seal: None,
            ..Spec::a4(5, 200.0)
        },
        80,
    ));
    assert!(!clear.pages[0].image.as_ref().unwrap().illegible());
}

#[test]
fn not_a_material_and_an_unreadable_pdf_are_problems() {
    assert!(examine(b"hello").problem.is_some());
    assert!(examine(b"%PDF-1.4 garbage").problem.is_some());
}

/// A generated page of the precision test and what the examination made of it.
struct Outcome {
    spec: Spec,
    quality: u8,
    verdict: Truth,
    seals: Vec<content::Seal>,
    illegible: bool,
}

impl Outcome {
    fn truth(&self) -> Truth {
        self.spec.truth()
    }
    /// A red seal in fresh ink.
    fn clear_red(&self) -> bool {
        self.truth() == Truth::RedSeal && self.spec.ink >= 0.9
    }
    /// Under 150 dpi or blurred: what M014 is for.
    fn blurred_or_low(&self) -> bool {
        self.spec.dpi < 150.0 || self.spec.blur > 0
    }
    fn describe(&self) -> String {
        let s = &self.spec;
        format!(
            "seed {} {:?} {:?} {} dpi q{} turn {:.0} ink {:.2} blur {} tint {} decoy {:?}: truth {:?}, seen {:?} {:?}",
            s.seed,
            s.seal,
            s.grey,
            s.dpi,
            self.quality,
            s.turn,
            s.ink,
            s.blur,
            s.tint,
            s.decoy,
            self.truth(),
            self.verdict,
            self.seals
        )
    }
}

/// `n` generated A4 pages, drawn from `first` on, their variations from `seed`: four designs, 72–300 dpi, JPEG quality 40–95, any turn,
/// yellowed paper, blur; per ten pages four red seals (one faded), three grey copies, one
/// without a seal, a red logo and a hand-drawn red circle.
fn generated_pages(seed: u64, first: u64, n: u64) -> Vec<(Spec, u8)> {
    let mut rng = Rng::new(seed);
    let designs = [
        Design::Star42,
        Design::Star38,
        Design::Small30,
        Design::Oval,
    ];
    let dpis = [72.0, 100.0, 150.0, 200.0, 300.0];
    let mut specs = Vec::new();
    for i in 0..n {
        let mut s = Spec::a4(first + i, *rng.pick(&dpis));
        s.seal = Some(*rng.pick(&designs));
        s.turn = rng.range(0.0, 360.0);
        s.tint = rng.chance(0.3);
        match i % 10 {
            0..=3 => {
                if i % 10 == 3 {
                    s.ink = rng.range(0.55, 0.8);
                }
            }
            4..=6 => s.grey = true,
            7 => s.seal = None,
            8 => {
                s.seal = None;
                s.decoy = Some(Decoy::RedLogo);
            }
            _ => {
                s.seal = None;
                s.decoy = Some(Decoy::HandCircle);
            }
        }
        if rng.chance(0.15) {
            s.blur = 3;
        }
        let q = rng.range(40.0, 95.0) as u8;
        specs.push((s, q));
    }
    specs
}

/// Examine the pages on `threads` threads.
fn examine_pages(specs: &[(Spec, u8)], threads: usize) -> Vec<Outcome> {
    std::thread::scope(|sc| {
        let chunks: Vec<_> = specs.chunks(specs.len().div_ceil(threads)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                sc.spawn(move || {
                    chunk
                        .iter()
                        .map(|(s, q)| {
                            let e = examine(&jpeg(s, *q));
                            Outcome {
                                spec: s.clone(),
                                quality: *q,
                                verdict: verdict(&e),
                                seals: e.pages[0].seals.clone(),
                                illegible: e.pages[0].image.as_ref().unwrap().illegible(),
                            }
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    })
}

/// The figures of the findings on examined pages, printed; the goals of issue 11 as failures.
fn score(results: &[Outcome]) -> Vec<String> {
    let n = results.len();
    let count = |f: &dyn Fn(&Outcome) -> bool| results.iter().filter(|r| f(r)).count();
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    // M012 (no seal) and M013 (grey) as predicted on pages whose truth is known.
    let m012_tp = count(&|r| r.verdict == Truth::NoSeal && r.truth() == Truth::NoSeal);
    let m012_pred = count(&|r| r.verdict == Truth::NoSeal);
    let m012_true = count(&|r| r.truth() == Truth::NoSeal);
    let m013_tp = count(&|r| r.verdict == Truth::GreyCopy && r.truth() == Truth::GreyCopy);
    let m013_pred = count(&|r| r.verdict == Truth::GreyCopy);
    let m013_true = count(&|r| r.truth() == Truth::GreyCopy);
    let clear = count(&|r| r.clear_red());
    let clear_false = count(&|r| r.clear_red() && r.verdict != Truth::RedSeal);
    let red = count(&|r| r.truth() == Truth::RedSeal);
    let red_ok = count(&|r| r.truth() == Truth::RedSeal && r.verdict == Truth::RedSeal);
    let m014_tp = count(&|r| r.blurred_or_low() && r.illegible);
    let m014_pred = count(&|r| r.illegible);
    let m014_true = count(&|r| r.blurred_or_low());
    println!("content examination on {n} generated pages:");
    println!(
        "  M012 (no seal):   precision {:.3} ({m012_tp}/{m012_pred}), recall {:.3} ({m012_tp}/{m012_true})",
        ratio(m012_tp, m012_pred),
        ratio(m012_tp, m012_true)
    );
    println!(
        "  M013 (grey copy): precision {:.3} ({m013_tp}/{m013_pred}), recall {:.3} ({m013_tp}/{m013_true})",
        ratio(m013_tp, m013_pred),
        ratio(m013_tp, m013_true)
    );
    println!(
        "  red seals seen as red: {red_ok}/{red} (clear ones: {}/{clear}, false M012/M013 on them: {clear_false})",
        clear - clear_false
    );
    println!(
        "  M014 (under 150 dpi or blurred): precision {:.3} ({m014_tp}/{m014_pred}), recall {:.3} ({m014_tp}/{m014_true})",
        ratio(m014_tp, m014_pred),
        ratio(m014_tp, m014_true)
    );
    for r in results.iter().filter(|r| r.verdict != r.truth()) {
        println!("  missed: {}", r.describe());
    }
    let mut failed = Vec::new();
    if clear_false > 0 {
        failed.push(format!(
            "{clear_false} clear red seals taken for no seal or a copy"
        ));
    }
    if ratio(m013_tp, m013_true) < 0.95 {
        failed.push(format!("grey-copy recall {m013_tp}/{m013_true} under 95 %"));
    }
    if ratio(m012_tp, m012_true) < 0.95 {
        failed.push(format!(
            "missing-seal recall {m012_tp}/{m012_true} under 95 %"
        ));
    }
    failed
}

/// The goals of issue 11 on 216 generated A4 pages: no false M012/M013 on a clear red seal, at
/// least 95 % recall of grey copies and of missing seals. Prints the figures and every page
/// whose verdict is wrong (design, dpi, JPEG quality, turn, fading). Every page counts: the
/// misses left are a grey Small30 at 72 dpi, JPEG quality 42 and blurred (seed 1025), and two
/// faded red seals (ink 0.55) at 72–100 dpi, which are not clear red seals and so not in the
/// goal. Some minutes of pixels: run it optimised, `cargo test --release --test content
/// precision -- --ignored --nocapture`.
#[test]
#[ignore]
fn precision_and_recall_on_generated_pages() {
    let t0 = std::time::Instant::now();
    let results = examine_pages(&generated_pages(2026, 1000, 216), 2);
    println!("({:?})", t0.elapsed());
    let failed = score(&results);
    assert!(results.len() >= 200);
    assert!(failed.is_empty(), "{failed:#?}");
}

/// The same goals on a seeded 20 pages, in the normal suite (a smaller sample: here every page
/// must be right).
#[test]
fn precision_and_recall_on_a_seeded_sample() {
    let results = examine_pages(&generated_pages(2026, 1000, 20), 2);
    let failed = score(&results);
    let wrong: Vec<String> = results
        .iter()
        .filter(|r| r.verdict != r.truth())
        .map(Outcome::describe)
        .collect();
    assert!(
        failed.is_empty() && wrong.is_empty(),
        "{failed:#?} {wrong:#?}"
    );
}

/// M015 is never raised when the fact is in the text layer: on generated PDF scans whose text
/// layer (a CID font without ToUnicode) carries the facts, in full-width or half-width forms and
/// with rare characters, every fact is found the way `check` looks for it.
#[test]
fn facts_in_the_text_layer_are_always_found() {
    let names = [
        "苏州恒拓精密电器有限公司",
        "上海鑫磊检测技术有限公司",
        "深圳市华强电子有限公司",
    ];
    let models = ["HX-26E", "ＨＸ－２６Ｅ", "KD-1200/B", "A7 Pro"];
    let mut rng = Rng::new(42);
    let mut missed = Vec::new();
    for i in 0..6u64 {
        let (name, model) = (*rng.pick(&names), *rng.pick(&models));
        let qty = 1 + rng.next() % 40;
        let text = format!("认证委托人 {name}\n样品名称 电锤 型号 {model}\n数量 {qty}台");
        let r = scan::page(&Spec::a4(300 + i, 100.0));
        let pdf = scan::pdf(&[(r.to_jpeg(60), r.width, r.height, 210.0, 297.0, Some(&text))]);
        let e = examine(&pdf);
        let hay = facts::normalise(&e.text());
        let model_half = facts::normalise(model);
        for fact in [name, model, model_half.as_str(), "电锤", &qty.to_string()] {
            if !facts::appears_normalised(&hay, fact) {
                missed.push(format!("{fact:?} in {:?}", e.text()));
            }
        }
    }
    assert!(missed.is_empty(), "{missed:#?}");
}

/// Writes the demo workspace's scans (`cargo test --test content write_demo_scans -- --ignored`):
/// each is a generated page carrying the text the demo's file had as an invisible text layer, so
/// `check` of the demo reads the same facts with or without an OCR engine.
#[test]
#[ignore]
fn write_demo_scans() {
    use std::path::Path;
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo/applications");
    let licence_text = "营业执照\n统一社会信用代码 91320594MA27H3JW6F\n名称 苏州恒拓精密电器有限公司\n类型 有限责任公司\n住所 苏州工业园区";
    let scan_pdf = |seed: u64, spec: Spec, text: &str| {
        let r = scan::page(&Spec { seed, ..spec });
        scan::pdf(&[(r.to_jpeg(60), r.width, r.height, 210.0, 297.0, Some(text))])
    };
    let licence = scan_pdf(
        1,
        Spec {
            seal: Some(Design::Star42),
            ..Spec::a4(1, 150.0)
        },
        licence_text,
    );
    for app in std::fs::read_dir(&root).unwrap() {
        let dir = app.unwrap().path();
        let toml = dir.join("application.toml");
        let src = std::fs::read_to_string(&toml).unwrap();
        if src.contains("materials/business-licence.jpg") {
            let _ = std::fs::remove_file(dir.join("materials/business-licence.jpg"));
            std::fs::write(dir.join("materials/business-licence.pdf"), &licence).unwrap();
            std::fs::write(
                &toml,
                src.replace(
                    "materials/business-licence.jpg",
                    "materials/business-licence.pdf",
                ),
            )
            .unwrap();
        }
        let src = std::fs::read_to_string(&toml).unwrap();
        if src.contains("materials/sample-notice.png") {
            let text = "CCC认证送样通知书\n认证委托人 苏州恒拓精密电器有限公司\n样品名称 电锤 型号 HX-26E\n数量 3";
            let _ = std::fs::remove_file(dir.join("materials/sample-notice.png"));
            std::fs::write(
                dir.join("materials/sample-notice.pdf"),
                scan_pdf(2, Spec::a4(2, 150.0), text),
            )
            .unwrap();
            std::fs::write(
                &toml,
                src.replace("materials/sample-notice.png", "materials/sample-notice.pdf"),
            )
            .unwrap();
        }
        for (i, png) in ["line-layout.png", "organiser-letter.png"]
            .iter()
            .enumerate()
        {
            let p = dir.join("materials").join(png);
            if p.exists() {
                let r = scan::page(&Spec {
                    seal: Some(Design::Star38),
                    ..Spec::a4(3 + i as u64, 150.0)
                });
                std::fs::write(&p, r.to_png()).unwrap();
            }
        }
    }
    // The mistakes: a grey copy of the licence, an unsealed contract, a 70-dpi photo of the invoice.
    let m = root.join("mistake-materials/materials");
    let text_of = |p: &Path| examine(&std::fs::read(p).unwrap()).text();
    std::fs::write(
        m.join("business-licence.pdf"),
        scan_pdf(
            4,
            Spec {
                grey: true,
                ..Spec::a4(4, 150.0)
            },
            licence_text,
        ),
    )
    .unwrap();
    let contract = text_of(&m.join("import-contract.pdf"));
    std::fs::write(
        m.join("import-contract.pdf"),
        scan_pdf(
            5,
            Spec {
                seal: None,
                ..Spec::a4(5, 150.0)
            },
            &contract,
        ),
    )
    .unwrap();
    let invoice = text_of(&m.join("commercial-invoice.pdf"));
    std::fs::write(
        m.join("commercial-invoice.pdf"),
        scan_pdf(
            6,
            Spec {
                blur: 1,
                ..Spec::a4(6, 70.0)
            },
            &invoice,
        ),
    )
    .unwrap();
}

#[test]
#[ignore]
fn probe() {
    let cases = [
        (
            "small 150 q85",
            Spec {
                width_mm: 148.0,
                height_mm: 160.0,
                ..Spec::a4(9, 150.0)
            },
            85,
        ),
        ("a4 72 q85", Spec::a4(9, 72.0), 85),
        ("a4 150 q40", Spec::a4(9, 150.0), 40),
        ("a4 100 q60", Spec::a4(9, 100.0), 60),
    ];
    std::thread::scope(|s| {
        for (name, spec, q) in cases {
            s.spawn(move || {
                let e = examine(&jpeg(&spec, q));
                println!("{name}: {:?} {:?}", verdict(&e), e.pages[0].seals);
            });
        }
    });
}

/// The CPU time this thread has run (Linux: `/proc/thread-self/schedstat`), for the bench on a
/// loaded machine; `None` elsewhere.
fn thread_cpu() -> Option<std::time::Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = s.split_whitespace().next()?.parse().ok()?;
    Some(std::time::Duration::from_nanos(ns))
}

/// For bench/content.sh: the seal and legibility examination of one A4 page at 200 dpi, on one
/// core (goal ≤ 150 ms in a release build), in CPU time and wall time.
#[test]
#[ignore]
fn bench_a4_page_at_200_dpi() {
    let pages: Vec<Vec<u8>> = (0..6u64)
        .map(|i| {
            let spec = Spec {
                seal: if i % 3 == 2 {
                    None
                } else {
                    Some(Design::Star42)
                },
                grey: i % 3 == 1,
                ..Spec::a4(500 + i, 200.0)
            };
            jpeg(&spec, 75)
        })
        .collect();
    let rounds = 3;
    let cpu = thread_cpu();
    let t = std::time::Instant::now();
    for _ in 0..rounds {
        for p in &pages {
            let e = examine(p);
            assert_eq!(e.pages.len(), 1);
        }
    }
    let n = (pages.len() * rounds) as u32;
    let wall = t.elapsed() / n;
    let cpu = match (cpu, thread_cpu()) {
        (Some(a), Some(b)) => format!("{:?} CPU", (b - a) / n),
        _ => "CPU time not known".into(),
    };
    println!(
        "seal + legibility, A4 at 200 dpi, one core: {cpu}, {wall:?} wall per page (JPEG decode included)"
    );
}

/// For bench/content.sh: writes the page OCR is given (an A4 scan at 200 dpi with a red seal,
/// white balanced, the seal suppressed) as PNG to the file `CCC_EXEMPT_BENCH_PNG` names.
#[test]
#[ignore]
fn bench_ocr_page() {
    let Ok(out) = std::env::var("CCC_EXEMPT_BENCH_PNG") else {
        println!("CCC_EXEMPT_BENCH_PNG not set: nothing written");
        return;
    };
    // Real text when a Chinese font is installed: tesseract spends several times longer on the
    // generator's glyph-like marks, which are not characters, than on a printed page.
    let spec = Spec::a4(500, 200.0);
    let page = match scan::cjk_font() {
        Some(font) => scan::printed(&spec, &scan::licence_lines("91320594MA27H3JW6F"), font),
        None => {
            eprintln!(
                "no font with Chinese glyphs (apt-get install fonts-wqy-zenhei): the page has glyph-like marks, not text"
            );
            scan::page(&spec)
        }
    };
    let r = content::Raster::decode(&page.to_jpeg(75)).unwrap();
    std::fs::write(out, r.white_balanced().red_suppressed().to_png()).unwrap();
}

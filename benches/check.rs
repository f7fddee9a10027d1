//! Checking against the floor: plain jieba-rs segmentation of the same text, in the same run.
//!
//! `cargo bench --bench check`. Compare each `check/…` figure with the `jieba_cut/…` figure beside it:
//! the ratio is what the checker costs on top of segmentation.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use fazhi_check::similarity::{Copies, Fingerprint, Thresholds};
use fazhi_check::{Checker, RuleSet, render};
use jieba_rs::Jieba;

/// jieba-rs with the dictionary the checker's segmenter starts from.
fn plain_jieba() -> Jieba {
    let dictionary = fazhi_check::matching::segment::builtin_dictionary();
    Jieba::with_dict(&mut dictionary.as_bytes()).expect("the built-in dictionary loads")
}

const SAMPLE: &str = include_str!("../examples/sample/青石镇2023年法治政府建设工作报告.txt");

/// The sample report repeated to about `bytes` bytes.
fn report_of(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + SAMPLE.len());
    while text.len() < bytes {
        text.push_str(SAMPLE);
        text.push('\n');
    }
    text
}

fn per_report(c: &mut Criterion) {
    let checker = Checker::new(RuleSet::builtin());
    let jieba = plain_jieba();
    for (name, text) in [("6KB", report_of(6_000)), ("1MB", report_of(1_000_000))] {
        let mut group = c.benchmark_group(format!("report_{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        if text.len() > 100_000 {
            group.sample_size(10);
        }
        group.bench_function("jieba_cut", |b| {
            b.iter(|| black_box(jieba.cut(black_box(&text), false).len()))
        });
        group.bench_function("check", |b| {
            b.iter(|| black_box(checker.check_str(black_box(&text)).score))
        });
        group.finish();
    }
}

fn compile(c: &mut Criterion) {
    let mut group = c.benchmark_group("compile");
    group.sample_size(10);
    group.bench_function("jieba_new", |b| b.iter(|| black_box(plain_jieba())));
    group.bench_function("checker_new", |b| {
        b.iter(|| black_box(Checker::new(RuleSet::builtin())))
    });
    group.finish();
}

/// Output against checking: the JSON line of the sample report, and the first pass of copy
/// detection over it, beside checking it.
fn output(c: &mut Criterion) {
    let checker = Checker::new(RuleSet::builtin());
    let report = Ok(checker.check_str(SAMPLE));
    let mut group = c.benchmark_group("output");
    group.bench_function("check", |b| {
        b.iter(|| black_box(checker.check_str(black_box(SAMPLE)).score))
    });
    group.bench_function("sketch", |b| {
        b.iter(|| {
            black_box(
                checker
                    .sketch_file_bytes(black_box(SAMPLE.as_bytes()), None)
                    .map(|s| s.fingerprint.shingles()),
            )
        })
    });
    group.bench_function("json_line", |b| {
        b.iter(|| black_box(render::json_line("sample.txt", black_box(&report)).len()))
    });
    group.finish();
}

/// Copied text across a batch of 400 reports, each 40 sentences drawn from the sample's and the
/// fixtures' sentences: every sentence stands in about 40 reports, a hard case for the pair count.
fn copies(c: &mut Criterion) {
    let mut pool: Vec<String> = Vec::new();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports");
    let mut texts = vec![SAMPLE.to_string()];
    let mut names: Vec<_> = std::fs::read_dir(&fixtures)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    names.sort();
    texts.extend(
        names
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .filter_map(|p| std::fs::read_to_string(p).ok()),
    );
    for text in &texts {
        pool.extend(
            text.split('。')
                .map(str::trim)
                .filter(|s| s.chars().count() >= 10)
                .map(|s| format!("{s}。")),
        );
    }
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let reports: Vec<(String, Fingerprint)> = (0..400)
        .map(|i| {
            let text: String = (0..40)
                .map(|_| pool[(next() % pool.len() as u64) as usize].as_str())
                .collect();
            (format!("r{i}"), Fingerprint::of([text.as_str()]))
        })
        .collect();
    let mut group = c.benchmark_group("copies");
    group.sample_size(20);
    group.bench_function("within_400", |b| {
        b.iter(|| {
            black_box(
                Copies::within(black_box(&reports), &Thresholds::default())
                    .pairs()
                    .len(),
            )
        })
    });
    group.finish();
}

/// Reading the sample report out of each form it comes in (tests/fixtures/forms): what a form costs
/// before checking starts. Compare with `report_6KB/check`, the checking of the same text.
fn forms(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/forms");
    let mut group = c.benchmark_group("extract");
    for name in [
        "report.docx",
        "report.pdf",
        "report.doc",
        "report.odt",
        "report.rtf",
        "report-gbk.rtf",
        "report.mht",
        "report.ofd",
    ] {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| fazhi_check::extract(black_box(&bytes), Some(name)).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, per_report, compile, output, copies, forms);
criterion_main!(benches);

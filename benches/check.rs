//! Checking against the floor: plain jieba-rs segmentation of the same text, in the same run.
//!
//! `cargo bench --bench check`. Compare each `check/…` figure with the `jieba_cut/…` figure beside it:
//! the ratio is what the checker costs on top of segmentation. `json_line/…` renders the report that
//! `check/…` produces, for comparison with it; `compile/…` builds a `Checker` against `Jieba::new()`.
//!
//! On a shared machine, short settings are enough and keep the run to a few minutes:
//! `cargo bench --bench check -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use fazhi_check::{Checker, RuleSet, render};
use jieba_rs::Jieba;

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
    let jieba = Jieba::new();
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
        let outcome = Ok(checker.check_str(&text));
        group.bench_function("json_line", |b| {
            b.iter(|| black_box(render::json_line("report.txt", black_box(&outcome)).len()))
        });
        group.finish();
    }
}

fn compile(c: &mut Criterion) {
    let mut group = c.benchmark_group("compile");
    group.sample_size(10);
    group.bench_function("jieba_new", |b| b.iter(|| black_box(Jieba::new())));
    group.bench_function("checker_new", |b| {
        b.iter(|| black_box(Checker::new(RuleSet::builtin())))
    });
    group.finish();
}

criterion_group!(benches, per_report, compile);
criterion_main!(benches);

//! A batch run with copy detection against the same run with `--no-copies`: what finding copied text
//! costs on top of checking (the aim: at most 1.3 times).
//!
//! `cargo bench --bench batch`. `FAZHI_BENCH_FILES` sets the number of report-sized files (300 by
//! default; the machine this was written on has two shared cores). The figures for whole runs and
//! peak memory are measured with `examples/synthetic.rs` and the example program (README, Copied
//! text).

#[path = "synthetic/mod.rs"]
mod synthetic;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use fazhi_check::batch::{self, Format, NoProgress, Options};
use fazhi_check::render::summary::Summary;
use fazhi_check::{Checker, RuleSet};

fn batch_run(c: &mut Criterion) {
    let n: usize = std::env::var("FAZHI_BENCH_FILES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let checker = Checker::new(RuleSet::builtin());
    let pool = synthetic::Pool::new(&checker);
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        std::fs::write(
            dir.path().join(format!("{i:05}.txt")),
            pool.report(&checker, 0x5EED, i),
        )
        .unwrap();
    }
    let items = batch::collect(&[dir.path().to_path_buf()], &mut Summary::default());
    let mut group = c.benchmark_group(format!("batch_{n}"));
    group.sample_size(10);
    group.throughput(Throughput::Elements(n as u64));
    for (name, no_copies) in [("no_copies", true), ("copies", false)] {
        let options = Options {
            format: Format::Json,
            no_copies,
            ..Options::default()
        };
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut out = std::io::sink();
                let mut err = std::io::sink();
                black_box(batch::run(
                    &checker,
                    &options,
                    &items,
                    Summary::default(),
                    &mut out,
                    &mut err,
                    &NoProgress,
                ))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, batch_run);
criterion_main!(benches);

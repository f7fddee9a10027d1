//! A profiling helper: checks one report over and over, and times it against plain jieba-rs
//! segmentation of the same text, interleaved so that both see the same machine load.
//!
//! ```text
//! cargo run --release --example profile -- [PATH] [--repeat BYTES] [--seconds S]
//!     [--only check|cut|json|sketch] [--iterations N]
//! ```
//!
//! Without PATH, the sample report. `--repeat BYTES` repeats the text to at least that many bytes, as
//! `benches/check.rs` does. With `--only check` the loop runs the checker alone, for a profiler:
//!
//! ```text
//! cargo build --release --example profile
//! perf record --call-graph dwarf -o /tmp/perf.data target/release/examples/profile --only check --seconds 5
//! perf report -i /tmp/perf.data --no-children
//! ```
//!
//! `--iterations N` runs the loop N times instead of for a time, for counting instructions:
//!
//! ```text
//! perf stat -e instructions:u target/release/examples/profile --only check --iterations 2000
//! ```
//!
//! The figures printed are the fastest of many rounds of each (less noisy than means on a shared
//! machine); `cargo bench --bench check` remains the reference.

use std::hint::black_box;
use std::time::{Duration, Instant};

use fazhi_check::{Checker, RuleSet, render};
use jieba_rs::Jieba;

/// jieba-rs with the dictionary the checker's segmenter starts from.
fn plain_jieba() -> Jieba {
    let dictionary = fazhi_check::matching::segment::builtin_dictionary();
    Jieba::with_dict(&mut dictionary.as_bytes()).expect("the built-in dictionary loads")
}

const SAMPLE: &str = include_str!("sample/青石镇2023年法治政府建设工作报告.txt");

fn main() {
    let mut path = None;
    let mut repeat = 0usize;
    let mut seconds = 3.0f64;
    let mut only = None;
    let mut iterations = 0u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--repeat" => {
                repeat = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--repeat N")
            }
            "--seconds" => {
                seconds = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--seconds S")
            }
            "--only" => only = args.next(),
            "--iterations" => {
                iterations = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--iterations N")
            }
            _ => path = Some(a),
        }
    }
    let base = match &path {
        Some(p) => std::fs::read_to_string(p).expect("a UTF-8 report"),
        None => SAMPLE.to_string(),
    };
    let mut text = base.clone();
    if repeat > 0 {
        text.clear();
        while text.len() < repeat {
            text.push_str(&base);
            text.push('\n');
        }
    }
    // Both timings below include unpacking the shipped dictionary (a few milliseconds).
    let started = Instant::now();
    let jieba = plain_jieba();
    let jieba_new = started.elapsed();
    let started = Instant::now();
    let checker = Checker::new(RuleSet::builtin());
    let checker_new = started.elapsed();
    let budget = Duration::from_secs_f64(seconds);

    let time = |f: &dyn Fn()| {
        let started = Instant::now();
        let mut n = 0u32;
        while n == 0 || started.elapsed() < Duration::from_millis(20) {
            f();
            n += 1;
        }
        started.elapsed() / n
    };
    let cut = || {
        black_box(jieba.cut(black_box(&text), false).len());
    };
    let check = || {
        black_box(checker.check_str(black_box(&text)).score);
    };
    let outcome = Ok(checker.check_str(&text));
    let json = || {
        black_box(render::json_line("report.txt", black_box(&outcome)).len());
    };
    let sketch = || {
        black_box(
            checker
                .sketch_file_bytes(black_box(text.as_bytes()), None)
                .map(|s| s.fingerprint.shingles()),
        )
        .ok();
    };
    if let Some(which) = only.as_deref() {
        let run: &dyn Fn() = match which {
            "check" => &check,
            "cut" => &cut,
            "json" => &json,
            "sketch" => &sketch,
            _ => panic!("--only check|cut|json|sketch"),
        };
        if iterations > 0 {
            for _ in 0..iterations {
                run();
            }
        } else {
            let started = Instant::now();
            while started.elapsed() < budget {
                run();
            }
        }
        return;
    }
    let (mut best_cut, mut best_check, mut best_json, mut best_sketch) =
        (Duration::MAX, Duration::MAX, Duration::MAX, Duration::MAX);
    let started = Instant::now();
    while started.elapsed() < budget {
        best_cut = best_cut.min(time(&cut));
        best_check = best_check.min(time(&check));
        best_json = best_json.min(time(&json));
        best_sketch = best_sketch.min(time(&sketch));
    }
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
    println!("{} bytes", text.len());
    println!(
        "jieba cut {:>10.1?}  check {:>10.1?}  ratio {:.3}  ({:.1} ns/byte)",
        best_cut,
        best_check,
        ratio(best_check, best_cut),
        best_check.as_nanos() as f64 / text.len() as f64
    );
    println!(
        "json_line {:>10.1?}  ({:.3} of check)",
        best_json,
        ratio(best_json, best_check)
    );
    println!(
        "sketch    {:>10.1?}  ({:.3} of check)",
        best_sketch,
        ratio(best_sketch, best_check)
    );
    println!(
        "Jieba::new {:>9.1?}  Checker::new {:>9.1?}  ratio {:.3} (single run)",
        jieba_new,
        checker_new,
        ratio(checker_new, jieba_new)
    );
}

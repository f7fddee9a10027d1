//! Writes a batch of report-sized synthetic reports (see `benches/synthetic/mod.rs`) to a folder, for
//! measuring a whole run of the example program:
//!
//! ```text
//! cargo run --release --example synthetic -- DIR 2000
//! /usr/bin/time -v target/release/examples/check --format json DIR > /dev/null
//! /usr/bin/time -v target/release/examples/check --format json --no-copies DIR > /dev/null
//! ```

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

use fazhi_check::{Checker, RuleSet};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(n)) = (
        args.next(),
        args.next().and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: synthetic DIR COUNT");
        std::process::exit(2);
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("the folder can be made");
    let checker = Checker::new(RuleSet::builtin());
    let pool = synthetic::Pool::new(&checker);
    for i in 0..n {
        let text = pool.report(&checker, 0x5EED, i);
        std::fs::write(dir.join(format!("{i:05}.txt")), text).expect("the file can be written");
    }
    eprintln!("{n} reports written to {}", dir.display());
}

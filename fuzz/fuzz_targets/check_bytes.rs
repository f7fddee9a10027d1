//! Checking arbitrary bytes never panics, and every position it reports is inside the text.
#![no_main]

use std::sync::OnceLock;

use fazhi_check::{Checker, RuleSet};
use libfuzzer_sys::fuzz_target;

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(RuleSet::builtin()))
}

fuzz_target!(|data: &[u8]| {
    let Ok(report) = checker().check_bytes(data) else { return };
    let text = fazhi_check::decode(data).expect("check_bytes decoded it").text;
    let lines: Vec<&str> = text.split('\n').collect();
    for area in &report.areas {
        for e in &area.evidence {
            assert!(e.line >= 1 && e.line <= lines.len());
            assert!(e.column >= 1 && e.column <= lines[e.line - 1].chars().count() + 1);
        }
    }
    assert!((0.0..=100.0).contains(&report.score));
    let _ = checker().explain_str(&text);
});

//! Checking arbitrary bytes never panics, every position it reports is inside the text (lines end at
//! `\n`, `\r\n` or a lone `\r`), and the text rendering shows no control or bidi character as it is.
#![no_main]

use std::sync::OnceLock;

use fazhi_check::render::{TextOptions, text as render_text};
use fazhi_check::{Checker, RuleSet};
use libfuzzer_sys::fuzz_target;

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(RuleSet::builtin()))
}

fuzz_target!(|data: &[u8]| {
    let Ok(report) = checker().check_bytes(data) else { return };
    let text = fazhi_check::decode(data).expect("check_bytes decoded it").text;
    let lines: Vec<&str> = text
        .split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
        .collect();
    for area in &report.areas {
        for e in &area.evidence {
            assert!(e.line >= 1 && e.line <= lines.len());
            assert!(e.column >= 1 && e.column <= lines[e.line - 1].chars().count() + 1);
        }
    }
    assert!((0.0..=100.0).contains(&report.score));
    let shown = render_text("x.txt", &Ok(report), &TextOptions::default());
    assert!(
        !shown
            .chars()
            .any(|c| (c.is_control() && c != '\n' && c != '\t') || ('\u{202A}'..='\u{202E}').contains(&c))
    );
    let _ = checker().explain_str(&text);
});

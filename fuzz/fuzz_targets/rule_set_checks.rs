//! A rule set that loads never panics the checker: whatever terms (zero-width, spaces folded,
//! full-width), numbers (at their bounds) or cues it holds, checking, explaining, linting and every
//! rendering of a report end in a verdict with a finite score. The input is a rule set and a report
//! separated by a NUL byte.
#![no_main]

use fazhi_check::render::{self, TextOptions};
use fazhi_check::{Checker, RuleSet};
use libfuzzer_sys::fuzz_target;

const REPORT: &str = "某镇2023年法治政府建设工作报告\n一、加强组织领导\n成立领导小组，未开展普法。\r二、存在问题\n不够。\n三、下一步工作打算\n2024年将继续加强。\n";

fuzz_target!(|data: &[u8]| {
    let (rules, report) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, REPORT.as_bytes()),
    };
    let Ok(source) = std::str::from_utf8(rules) else { return };
    let Ok(rules) = RuleSet::from_toml(source, "fuzz.toml") else { return };
    let checker = Checker::new(rules);
    let text = String::from_utf8_lossy(report);
    for text in [text.as_ref(), REPORT] {
        let report = checker.check_str(text);
        assert!(report.score.is_finite() && (0.0..=100.0).contains(&report.score));
        let (explained, explanation) = checker.explain_str(text);
        assert_eq!(explained.score, report.score);
        let _ = render::text("x.txt", &Ok(report.clone()), &TextOptions::default());
        let _ = render::explanation_text("x.txt", &explanation, &TextOptions::default());
        let _ = render::json_line("x.txt", &Ok(report.clone()));
        let _ = render::csv_row("x.txt", &Ok(report.clone()), checker.rules());
        let _ = render::html::report_page("x.txt", text, &report);
    }
    let _ = checker.check_bytes(report);
    let _ = fazhi_check::lint(&checker, &[REPORT]);
});

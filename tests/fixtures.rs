//! Fixture reports with their expected verdicts, without Rust.
//!
//! Every `NAME.txt` under `tests/fixtures/reports/` and `examples/sample/` that has a
//! `NAME.expect.toml` beside it is checked with the built-in rule set, and every mismatch is reported
//! at once, with the evidence behind the verdict. An expectation file gives the status of each area,
//! `passed`, and optionally `findings` that must fire and `no_findings` that must not. Adding a case
//! is adding two files.
//!
//! When a change to the rules is meant to move verdicts, rerun with `FAZHI_BLESS=1 cargo test --test
//! fixtures`: the expectation files are rewritten from the current verdicts (their comment lines are
//! kept) and the changes are printed.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use common::{checker, manifest_dir};
use fazhi_check::{AreaVerdict, Report, Status, render};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    passed: Option<bool>,
    /// Finding ids that must fire.
    #[serde(default)]
    findings: Vec<String>,
    /// Finding ids that must not fire.
    #[serde(default)]
    no_findings: Vec<String>,
    #[serde(default)]
    areas: BTreeMap<String, Status>,
}

fn fixtures() -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    for dir in ["tests/fixtures/reports", "examples/sample"] {
        let Ok(entries) = std::fs::read_dir(manifest_dir().join(dir)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let expect = path.with_extension("expect.toml");
                if expect.exists() {
                    out.push((path, expect));
                }
            }
        }
    }
    out.sort();
    out
}

/// Why an area got its status, in one line: the concepts found and the heading.
fn because(area: &AreaVerdict) -> String {
    let mut concepts: Vec<String> = Vec::new();
    for e in area.evidence.iter().filter(|e| !e.negated) {
        let item = format!("{}「{}」 line {}", e.concept, e.term, e.line);
        if !concepts
            .iter()
            .any(|c| c.starts_with(&format!("{}「", e.concept)))
        {
            concepts.push(item);
        }
    }
    let negated: Vec<String> = area
        .evidence
        .iter()
        .filter(|e| e.negated)
        .map(|e| format!("「{}」 line {}", e.term, e.line))
        .collect();
    let mut out = format!(
        "{} of {} concepts needed",
        area.concepts_found + area.heading_bonus,
        area.present_at
    );
    if !concepts.is_empty() {
        let _ = write!(out, "; found {}", concepts.join(", "));
    }
    if let Some(h) = &area.heading {
        let _ = write!(
            out,
            "; heading 「{}」 (bonus {})",
            h.heading, area.heading_bonus
        );
    }
    if !negated.is_empty() {
        let _ = write!(out, "; negated {}", negated.join(", "));
    }
    out
}

fn blessed(existing: &str, report: &Report) -> String {
    let mut out: String = existing
        .lines()
        .take_while(|l| l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let _ = writeln!(out, "passed = {}", report.passed);
    let fired: Vec<String> = report
        .findings
        .iter()
        .map(|f| format!("\"{}\"", f.id))
        .collect();
    let _ = writeln!(out, "findings = [{}]\n[areas]", fired.join(", "));
    for area in &report.areas {
        let _ = writeln!(out, "{} = \"{}\"", area.id, area.status.as_str());
    }
    out
}

#[test]
fn fixture_reports_give_their_expected_verdicts() {
    let bless = std::env::var_os("FAZHI_BLESS").is_some_and(|v| !v.is_empty());
    let cases = fixtures();
    assert!(!cases.is_empty(), "no fixtures found");
    let mut failures = Vec::new();
    for (report_path, expect_path) in &cases {
        let name = report_path
            .strip_prefix(manifest_dir())
            .unwrap_or(report_path)
            .display()
            .to_string();
        let source = std::fs::read_to_string(expect_path).unwrap();
        let expect: Expect =
            toml::from_str(&source).unwrap_or_else(|e| panic!("{}: {e}", expect_path.display()));
        let bytes = std::fs::read(report_path).unwrap();
        let report = checker()
            .check_bytes(&bytes)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut mismatches = Vec::new();
        for (id, want) in &expect.areas {
            match report.area(id) {
                None => mismatches.push(format!("{name}, area {id}: no such area in the rule set")),
                Some(area) if area.status != *want => mismatches.push(format!(
                    "{name}, {id}: expected {}, got {}, because {}",
                    want.as_str(),
                    area.status.as_str(),
                    because(area)
                )),
                Some(_) => {}
            }
        }
        if let Some(passed) = expect.passed
            && passed != report.passed
        {
            mismatches.push(format!(
                "{name}: expected passed = {passed}, got {} (score {})",
                report.passed, report.score
            ));
        }
        let fired: Vec<&str> = report.findings.iter().map(|f| f.id.as_str()).collect();
        for id in &expect.findings {
            if !fired.contains(&id.as_str()) {
                mismatches.push(format!(
                    "{name}: expected finding {id} to fire; fired: {fired:?}"
                ));
            }
        }
        for id in &expect.no_findings {
            if let Some(f) = report.findings.iter().find(|f| &f.id == id) {
                mismatches.push(format!(
                    "{name}: finding {id} must not fire, but: {} (line {:?})",
                    f.message, f.line
                ));
            }
        }
        if bless && !mismatches.is_empty() {
            let new = blessed(&source, &report);
            std::fs::write(expect_path, &new).unwrap();
            eprintln!(
                "blessed {}:\n  {}",
                expect_path.display(),
                mismatches.join("\n  ")
            );
        } else {
            failures.extend(mismatches);
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The same report saved as GBK by an older Windows machine gives the same verdicts.
#[test]
fn fixtures_in_gbk_give_the_same_verdicts() {
    for (report_path, _) in fixtures() {
        let text = std::fs::read_to_string(&report_path).unwrap();
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
        if unmappable {
            continue;
        }
        let utf8 = checker().check_str(&text);
        let from_gbk = checker().check_bytes(&gbk).unwrap();
        assert_eq!(
            from_gbk.encoding.as_deref(),
            Some("GB18030"),
            "{}",
            report_path.display()
        );
        assert_eq!(from_gbk.areas, utf8.areas, "{}", report_path.display());
        assert_eq!(from_gbk.score, utf8.score);
    }
}

/// The JSON line of [`render::json_line`] and [`render::json_line_explained`], written by the
/// crate's own writer, is byte for byte what `serde_json` writes of the same record, on every fixture,
/// the sample and the real reports of the corpus.
#[test]
fn json_lines_are_what_serde_json_writes() {
    let mut files: Vec<PathBuf> = fixtures().into_iter().map(|(text, _)| text).collect();
    if let Some(corpus) = common::corpus() {
        let mut real: Vec<PathBuf> = std::fs::read_dir(corpus)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        real.sort();
        files.extend(real);
    }
    assert!(files.len() > 10, "{files:?}");
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let name = path.to_string_lossy();
        let outcome = checker().check_file_bytes(&bytes, Some(&name));
        let expected = match &outcome {
            Ok(report) => {
                let fields = serde_json::to_string(report).unwrap();
                format!(
                    "{{\"file\":{},{}",
                    serde_json::to_string(&name).unwrap(),
                    &fields[1..]
                )
            }
            Err(e) => serde_json::json!({"file": name, "error": e.to_string()}).to_string(),
        };
        assert_eq!(render::json_line(&name, &outcome), expected, "{name}");

        let text = String::from_utf8_lossy(&bytes);
        let (report, explanation) = checker().explain_str(&text);
        let fields = serde_json::to_string(&report).unwrap();
        let expected = format!(
            "{{\"file\":{},{},\"explanation\":{}}}",
            serde_json::to_string(&name).unwrap(),
            &fields[1..fields.len() - 1],
            serde_json::to_string(&explanation).unwrap()
        );
        assert_eq!(
            render::json_line_explained(&name, &report, &explanation),
            expected,
            "{name}"
        );
    }
}

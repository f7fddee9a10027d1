//! The evaluation on real reports: the labelled openings in `../shared/corpus/openings/*/labels.tsv`
//! (skipped, with a note, where that folder is absent beside the checkout).
//!
//! For each rule set (township, the default; county; department) and each area it prints the
//! **recall** on the cells labelled 1 (the share called present) and the **false-present rate** on
//! the cells labelled 0 (the share called present), over all areas too, then every disagreement with
//! a short excerpt of the text. Agreement alone flatters (most labels are 0), so it is not the
//! headline. The `not_a_report` rows (look-alikes: plans, news items, disclosure reports) are not
//! scored by area: they are scored on whether the `not_a_report` finding flags them, and real
//! reports on whether it leaves them alone. Cells listed in `tests/labels/disputed.tsv` are reported
//! apart and not counted. The floors below only ever rise.
//!
//! Print the tables: `cargo test --test evaluation -- --nocapture`.

mod common;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use common::{AREAS, corpus, manifest_dir};
use fazhi_check::{Checker, Report, RuleSet, Status};

/// One labelled opening.
struct Row {
    /// The path under the corpus folder (`openings/east/01.txt`).
    file: String,
    /// `not_a_report` for look-alikes, else the kind of organisation.
    org_level: String,
    /// The nine labels, in [`AREAS`] order: `1`, `0` or `?`.
    labels: Vec<String>,
}

fn read_rows(dir: &Path) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut regions: Vec<_> = std::fs::read_dir(dir.join("openings"))
        .expect("openings/ is readable")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("labels.tsv").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    regions.sort();
    for region in regions {
        let tsv = std::fs::read_to_string(dir.join("openings").join(&region).join("labels.tsv"))
            .expect("labels.tsv is readable");
        let mut lines = tsv.lines().filter(|l| !l.trim().is_empty());
        let header: Vec<&str> = lines.next().expect("a header").split('\t').collect();
        let first_area = header
            .iter()
            .position(|h| *h == AREAS[0])
            .expect("a leadership column");
        assert_eq!(&header[first_area..first_area + 9], AREAS, "{region}");
        let org = header.iter().position(|h| *h == "org_level").unwrap();
        for line in lines {
            let cells: Vec<&str> = line.split('\t').collect();
            rows.push(Row {
                file: format!("openings/{region}/{}", cells[0]),
                org_level: cells[org].to_string(),
                labels: cells[first_area..first_area + 9]
                    .iter()
                    .map(|c| c.trim().to_string())
                    .collect(),
            });
        }
    }
    rows
}

/// The disputed cells: (file, area) → the reason.
fn disputed() -> HashMap<(String, String), String> {
    let path = manifest_dir().join("tests/labels/disputed.tsv");
    let Ok(text) = std::fs::read_to_string(path) else {
        return HashMap::new();
    };
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            assert!(cells.len() >= 4, "disputed.tsv: {l}");
            (
                (cells[0].to_string(), cells[1].to_string()),
                cells[3].to_string(),
            )
        })
        .collect()
}

/// A short excerpt for a disagreement: the first counted evidence of the area, else the start of
/// the text after its first heading-like line.
fn excerpt(report: &Report, area: &str, text: &str) -> String {
    let verdict = report.area(area).unwrap();
    let shown: String = match verdict.evidence.iter().find(|e| e.counted) {
        Some(e) => format!("{}「{}」", e.term, e.excerpt),
        None => match verdict.evidence.first() {
            Some(e) => format!(
                "({} not counted: {}) 「{}」",
                e.term,
                e.reason.as_deref().unwrap_or("-"),
                e.excerpt
            ),
            None => text
                .split_whitespace()
                .collect::<String>()
                .chars()
                .take(40)
                .collect(),
        },
    };
    shown.chars().take(90).collect()
}

#[derive(Default, Clone, Copy)]
struct Cell {
    ones: usize,
    ones_present: usize,
    zeros: usize,
    zeros_present: usize,
}

fn pct(n: usize, d: usize) -> String {
    if d == 0 {
        "–".into()
    } else {
        format!("{n}/{d} = {:.1}%", 100.0 * n as f64 / d as f64)
    }
}

/// What one rule set reaches on the corpus.
struct Outcome {
    per_area: [Cell; 9],
    all: Cell,
    look_alikes: usize,
    look_alikes_flagged: usize,
    reports: usize,
    reports_flagged: usize,
    table: String,
}

fn evaluate(name: &str, dir: &Path, rows: &[Row]) -> Outcome {
    let checker = Checker::new(RuleSet::named(name).expect("a built-in rule set"));
    let disputed = disputed();
    let mut per_area = [Cell::default(); 9];
    let mut disagreements = String::new();
    let mut disputed_out = String::new();
    let (mut look_alikes, mut look_alikes_flagged) = (0, 0);
    let (mut reports, mut reports_flagged) = (0, 0);
    let mut flag_notes = String::new();
    for row in rows {
        let text = std::fs::read_to_string(dir.join(&row.file))
            .unwrap_or_else(|e| panic!("{}: {e}", row.file));
        let report = checker.check_str(&text);
        let flagged = report.findings.iter().any(|f| f.id == "not_a_report");
        if row.org_level == "not_a_report" {
            look_alikes += 1;
            if flagged {
                look_alikes_flagged += 1;
            } else {
                let _ = writeln!(flag_notes, "  look-alike not flagged: {}", row.file);
            }
            continue;
        }
        reports += 1;
        if flagged {
            reports_flagged += 1;
            let _ = writeln!(flag_notes, "  real report flagged: {}", row.file);
        }
        for (i, area) in AREAS.iter().enumerate() {
            let label = row.labels[i].as_str();
            if label != "0" && label != "1" {
                continue;
            }
            let status = report.area(area).unwrap().status;
            let present = status == Status::Present;
            if let Some(reason) = disputed.get(&(row.file.clone(), area.to_string())) {
                let _ = writeln!(
                    disputed_out,
                    "  {} {area}: label {label}, got {} (disputed: {reason})",
                    row.file,
                    status.as_str()
                );
                continue;
            }
            let cell = &mut per_area[i];
            if label == "1" {
                cell.ones += 1;
                cell.ones_present += usize::from(present);
            } else {
                cell.zeros += 1;
                cell.zeros_present += usize::from(present);
            }
            if present != (label == "1") {
                let _ = writeln!(
                    disagreements,
                    "  {} {area}: {} label {label} got {}: {}",
                    row.file,
                    if label == "1" {
                        "miss"
                    } else {
                        "FALSE PRESENT"
                    },
                    status.as_str(),
                    excerpt(&report, area, &text)
                );
            }
        }
    }
    let mut all = Cell::default();
    let mut table = format!(
        "rule set {name}\n| area | 1s | recall | 0s | false present |\n| --- | --- | --- | --- | --- |\n"
    );
    for (area, c) in AREAS.iter().zip(per_area) {
        all.ones += c.ones;
        all.ones_present += c.ones_present;
        all.zeros += c.zeros;
        all.zeros_present += c.zeros_present;
        let _ = writeln!(
            table,
            "| {area} | {} | {} | {} | {} |",
            c.ones,
            pct(c.ones_present, c.ones),
            c.zeros,
            pct(c.zeros_present, c.zeros)
        );
    }
    let _ = writeln!(
        table,
        "| **all** | {} | **{}** | {} | **{}** |",
        all.ones,
        pct(all.ones_present, all.ones),
        all.zeros,
        pct(all.zeros_present, all.zeros)
    );
    let _ = writeln!(
        table,
        "not_a_report: {look_alikes_flagged} of {look_alikes} look-alikes flagged, \
         {reports_flagged} of {reports} real reports flagged\n{flag_notes}"
    );
    eprintln!(
        "{table}disagreements ({name}):\n{disagreements}disputed labels (not counted):\n{disputed_out}"
    );
    Outcome {
        per_area,
        all,
        look_alikes,
        look_alikes_flagged,
        reports,
        reports_flagged,
        table,
    }
}

/// The floors one rule set must keep: recall on 1s at least, false present on 0s at most, every
/// area with ten or more 1s at least `area_recall`.
struct Floors {
    recall: f64,
    false_present: f64,
    area_recall: f64,
    /// Look-alikes left unflagged, at most.
    look_alikes_missed: usize,
    /// Real reports flagged, at most.
    reports_flagged: usize,
}

fn check(name: &str, floors: Floors) {
    let Some(dir) = corpus() else { return };
    if !dir.join("openings").is_dir() {
        eprintln!("skipping: {} has no openings/", dir.display());
        return;
    }
    let rows = read_rows(&dir);
    assert!(rows.len() > 100, "only {} labelled openings", rows.len());
    let o = evaluate(name, &dir, &rows);
    let rate = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    let recall = rate(o.all.ones_present, o.all.ones);
    let fp = rate(o.all.zeros_present, o.all.zeros);
    assert!(
        recall >= floors.recall,
        "{name}: recall {recall:.4} fell below {}\n{}",
        floors.recall,
        o.table
    );
    assert!(
        fp <= floors.false_present,
        "{name}: false present {fp:.4} rose above {}\n{}",
        floors.false_present,
        o.table
    );
    for (area, c) in AREAS.iter().zip(o.per_area) {
        if c.ones >= 10 {
            let r = rate(c.ones_present, c.ones);
            assert!(
                r >= floors.area_recall,
                "{name}: {area} recall {r:.4} below {}\n{}",
                floors.area_recall,
                o.table
            );
        }
    }
    assert!(
        o.look_alikes - o.look_alikes_flagged <= floors.look_alikes_missed,
        "{name}: {} look-alikes not flagged\n{}",
        o.look_alikes - o.look_alikes_flagged,
        o.table
    );
    assert!(
        o.reports_flagged <= floors.reports_flagged,
        "{name}: {} of {} real reports flagged not_a_report\n{}",
        o.reports_flagged,
        o.reports,
        o.table
    );
}

#[test]
fn township_on_the_corpus() {
    check(
        "township",
        Floors {
            recall: 0.98,
            false_present: 0.02,
            area_recall: 0.94,
            look_alikes_missed: 1,
            reports_flagged: 0,
        },
    );
}

#[test]
fn county_on_the_corpus() {
    check(
        "county",
        Floors {
            recall: 0.97,
            false_present: 0.02,
            area_recall: 0.89,
            look_alikes_missed: 1,
            reports_flagged: 0,
        },
    );
}

#[test]
fn department_on_the_corpus() {
    check(
        "department",
        Floors {
            recall: 0.97,
            false_present: 0.02,
            area_recall: 0.89,
            look_alikes_missed: 1,
            reports_flagged: 0,
        },
    );
}

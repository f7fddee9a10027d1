//! Verdicts on the real reports in `../shared/corpus/`, where that folder exists beside the
//! checkout. Each test skips (passes with a note) when it does not.

mod common;

use common::{AREAS, checker, corpus, status};
use fazhi_check::Status;

fn seed() -> Option<String> {
    let dir = corpus()?;
    Some(
        std::fs::read_to_string(dir.join("seed-shuangshan-2021.txt"))
            .expect("the seed is readable"),
    )
}

#[test]
fn seed_has_all_nine_areas_and_passes() {
    let Some(text) = seed() else { return };
    let report = checker().check_str(&text);
    for area in AREAS {
        assert_eq!(
            status(&report, area),
            Status::Present,
            "{area}: {:#?}",
            report.area(area)
        );
    }
    assert!(report.passed);
    assert_eq!(report.score, 100.0);
    assert_eq!(
        report.metadata.title.as_deref(),
        Some("重庆市铜梁区双山镇人民政府2021年法治政府建设工作报告")
    );
    assert_eq!(report.metadata.year, Some(2021));
}

#[test]
fn seed_chrome_gives_no_evidence() {
    let Some(text) = seed() else { return };
    let report = checker().check_str(&text);
    let lines = text.lines().count();
    for area in &report.areas {
        for e in &area.evidence {
            // The title is line 12; the footer starts at the line 扫一扫在手机打开当前页.
            assert!(
                e.line > 12 && e.line < lines - 4,
                "{} {}:{} {}",
                area.id,
                e.line,
                e.column,
                e.term
            );
        }
    }
}

/// Removes the lines from the one starting with `start` through the next non-blank line after it.
fn without(text: &str, start: &str, with_heading: bool) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with(start))
        .unwrap_or_else(|| panic!("no line {start}"));
    let mut end = at + 1;
    if with_heading {
        while lines[end].trim().is_empty() {
            end += 1;
        }
        end += 1;
    }
    [&lines[..at], &lines[end..]].concat().join("\n")
}

#[test]
fn removing_an_areas_section_removes_the_area() {
    let Some(text) = seed() else { return };
    let sections = [
        ("leadership", "一、加强组织领导", true),
        ("publicity", "二、加强法治宣传", true),
        ("approval", "优化行政审批服务", true),
        ("normative_docs", "依法完善行政制度体系", true),
        ("decisions", "三)推进重大行政决策", true),
        ("enforcement", ")强化行政执法规范化建设", true),
        ("disputes", "依法有效化解社会矛盾纠纷", true),
        ("problems", "2021年,双山镇在建设法治政府工作中", false),
        ("next_steps", "在接下来的工作中", false),
    ];
    for (area, start, with_heading) in sections {
        let cut = without(&text, start, with_heading);
        let report = checker().check_str(&cut);
        assert_ne!(
            status(&report, area),
            Status::Present,
            "{area} still present without its section"
        );
        for other in AREAS.iter().filter(|&&a| a != area) {
            assert_eq!(
                status(&report, other),
                Status::Present,
                "removing {area} moved {other}"
            );
        }
    }
}

#[test]
fn zhongcun_opening_has_leadership_and_no_problems_or_plans() {
    let Some(dir) = corpus() else { return };
    let text = std::fs::read_to_string(dir.join("zhongcun-2025-excerpt.txt")).unwrap();
    let report = checker().check_str(&text);
    assert_eq!(status(&report, "leadership"), Status::Present);
    assert_eq!(status(&report, "problems"), Status::Missing);
    assert_eq!(status(&report, "next_steps"), Status::Missing);
    assert!(!report.passed);
    assert_eq!(report.metadata.year, Some(2025));
}

#[test]
fn a_plan_is_not_a_report() {
    let Some(dir) = corpus() else { return };
    let text = std::fs::read_to_string(dir.join("plan-not-a-report-excerpt.txt")).unwrap();
    let report = checker().check_str(&text);
    assert_eq!(status(&report, "problems"), Status::Missing);
    assert_eq!(status(&report, "next_steps"), Status::Missing);
    assert!(!report.passed);
    let finding = report
        .findings
        .iter()
        .find(|f| f.id == "not_a_report")
        .expect("a plan is flagged");
    assert_eq!(finding.line, Some(1));
}

/// Agreement of the default rule set with the project's labels of the real reports
/// (`tests/labels/corpus.tsv`: 1 = a careful reader finds the area; the checker agrees when it says
/// present). Prints the agreement area by area, the table the README quotes:
/// `cargo test --test corpus agreement -- --nocapture`.
#[test]
fn agreement_with_the_labels() {
    let Some(dir) = corpus() else { return };
    let labels =
        std::fs::read_to_string(common::manifest_dir().join("tests/labels/corpus.tsv")).unwrap();
    let mut rows = labels.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<&str> = rows.next().unwrap().split('\t').collect();
    assert_eq!(&header[1..], AREAS);
    let mut per_area = [(0usize, 0usize); 9];
    let mut disagreements = Vec::new();
    for row in rows {
        let cells: Vec<&str> = row.split('\t').collect();
        let text = std::fs::read_to_string(dir.join(cells[0])).unwrap();
        let report = checker().check_str(&text);
        for (i, area) in AREAS.iter().enumerate() {
            let found = status(&report, area) == Status::Present;
            let labelled = cells[i + 1] == "1";
            per_area[i].1 += 1;
            if found == labelled {
                per_area[i].0 += 1;
            } else {
                disagreements.push(format!(
                    "{} {area}: label {} got {}",
                    cells[0],
                    cells[i + 1],
                    status(&report, area).as_str()
                ));
            }
            if cells[0].starts_with("excerpts/") && (*area == "problems" || *area == "next_steps") {
                assert!(
                    !found,
                    "{} {area}: the opening of a report has no {area} part",
                    cells[0]
                );
            }
        }
    }
    let agree: usize = per_area.iter().map(|a| a.0).sum();
    let total: usize = per_area.iter().map(|a| a.1).sum();
    let mut table = String::from("| area | agree |\n| --- | --- |\n");
    for (area, (a, t)) in AREAS.iter().zip(per_area) {
        table.push_str(&format!("| {area} | {a}/{t} |\n"));
    }
    table.push_str(&format!("| all | {agree}/{total} |\n"));
    eprintln!("{table}\ndisagreements:\n{}", disagreements.join("\n"));
    // The floor is what the default rule set reaches today; a change that lowers it fails.
    assert!(
        agree >= 137,
        "agreement fell to {agree}/{total}:\n{}",
        disagreements.join("\n")
    );
}

//! The decision on a report (issue 20, item 1): a late report, a plan and a copied report are never
//! 通过, whatever their score; every finding kind of warning or error severity keeps a report from
//! passing; the policy is the rule set's `[decision]` table, validated at its line and key.

mod common;

use common::{manifest_dir, sample, saved_page};
use fazhi_check::similarity::{Copies, Thresholds};
use fazhi_check::{Checker, Report, RuleSet, Severity, Verdict};

/// A checker whose pass mark is 0: no report here fails on its score, only on its findings.
fn lenient(rules: RuleSet) -> Checker {
    Checker::builder().pass_threshold(0.0).build(rules)
}

fn ids(report: &Report) -> Vec<&str> {
    report.findings.iter().map(|f| f.id.as_str()).collect()
}

fn township() -> String {
    std::fs::read_to_string(manifest_dir().join("rules/township.toml")).unwrap()
}

#[test]
fn the_sample_on_time_passes_so_each_case_below_fails_by_its_finding() {
    let checker = lenient(RuleSet::builtin());
    let report = checker.check_str(&saved_page("2024-03-20"));
    assert_eq!(ids(&report), Vec::<&str>::new(), "{:#?}", report.findings);
    assert_eq!(report.verdict, Verdict::Pass);
    assert!(report.passed);
}

#[test]
fn a_late_report_is_sent_back_whatever_its_score() {
    let checker = lenient(RuleSet::builtin());
    let report = checker.check_str(&saved_page("2024年4月15日"));
    assert!(ids(&report).contains(&"late"), "{:#?}", report.findings);
    assert_eq!(report.score, 100.0, "every area is there");
    assert_eq!(report.verdict, Verdict::Return);
    assert!(!report.passed);
}

#[test]
fn a_plan_is_sent_back_even_with_every_area_there() {
    let checker = lenient(RuleSet::builtin());
    let plan = sample().replacen(
        "一、",
        "为深入推进依法行政，结合本镇实际，制定本方案。\n一、",
        1,
    );
    let report = checker.check_str(&plan);
    assert!(
        ids(&report).contains(&"not_a_report"),
        "{:#?}",
        report.findings
    );
    assert_eq!(report.verdict, Verdict::Return);
    assert!(!report.passed);
}

/// Two reports of the batch that are the sample with another town's name: both are flagged.
fn copied_pair(checker: &Checker) -> Vec<Report> {
    let texts = [
        sample(),
        sample().replace("青石镇", "白沙镇").replace("青石", "白沙"),
    ];
    let mut reports: Vec<Report> = texts.iter().map(|t| checker.check_str(t)).collect();
    let named: Vec<(String, _)> = reports
        .iter()
        .enumerate()
        .map(|(i, r)| (format!("{i}.txt"), r.fingerprint.clone()))
        .collect();
    let copies = Copies::within(&named, &Thresholds::of(checker.rules()));
    assert_eq!(copies.pairs().len(), 1, "the two are copies");
    for (i, report) in reports.iter_mut().enumerate() {
        assert!(report.passed, "before the batch pass, {i} passes");
        copies.annotate(i, report, checker.rules());
    }
    reports
}

#[test]
fn a_copied_report_is_never_passed() {
    let checker = lenient(RuleSet::builtin());
    for report in copied_pair(&checker) {
        assert!(
            ids(&report).contains(&"copied_text"),
            "{:#?}",
            report.findings
        );
        assert_eq!(
            report.verdict,
            Verdict::Revise,
            "a warning asks for changes"
        );
        assert!(!report.passed);
    }
}

#[test]
fn every_finding_kind_of_warning_or_error_keeps_a_report_from_passing() {
    let checker = lenient(RuleSet::builtin());
    let cases: Vec<(&str, String)> = vec![
        ("late", saved_page("2024年4月15日")),
        (
            "not_a_report",
            sample().replacen("一、", "结合本镇实际，制定本方案。\n一、", 1),
        ),
        (
            "stale_year",
            sample().replace("2024年工作打算", "2023年工作打算"),
        ),
        (
            "first_responsibility",
            sample()
                .replace("第一责任人", "负责人")
                .replace("主要负责人履行", "负责人落实"),
        ),
        (
            "too_short",
            "一、加强组织领导\n成立领导小组。\n".to_string(),
        ),
        (
            "title",
            sample()
                .replacen("云溪县青石镇人民政府2023年", "关于2023年度", 1)
                .replace("云溪县青石镇人民政府\n", ""),
        ),
    ];
    let rules = checker.rules();
    for (id, text) in &cases {
        let report = checker.check_str(text);
        let finding = report
            .findings
            .iter()
            .find(|f| f.id == *id)
            .unwrap_or_else(|| panic!("{id}: not raised: {:#?}", report.findings));
        assert_ne!(finding.severity, Severity::Info, "{id}");
        assert_ne!(
            report.verdict,
            Verdict::Pass,
            "{id}: {:#?}",
            report.findings
        );
        assert!(
            report.verdict >= rules.decision.for_severity(finding.severity),
            "{id}"
        );
        if finding.severity == Severity::Error {
            assert_eq!(report.verdict, Verdict::Return, "{id}");
        }
    }
}

#[test]
fn the_policy_is_the_rule_sets_decision_table() {
    let stricter = format!("{}\n[decision]\nwarning = \"退回\"\n", township());
    let checker = lenient(RuleSet::from_toml(&stricter, "strict.toml").unwrap());
    assert_eq!(checker.rules().decision.warning, Verdict::Return);
    for report in copied_pair(&checker) {
        assert_eq!(report.verdict, Verdict::Return, "copied is now sent back");
    }

    // A score under the pass mark may send a report back instead of asking for changes.
    let harsh = format!("{}\n[decision]\nbelow_pass_mark = \"return\"\n", township());
    let checker = Checker::new(RuleSet::from_toml(&harsh, "harsh.toml").unwrap());
    let weak = checker.check_str(
        "某镇2023年法治政府建设工作报告\n一、加强组织领导\n镇党委书记履行推进法治建设第一责任人职责。\n",
    );
    assert!(weak.score < weak.pass_threshold);
    assert_eq!(weak.verdict, Verdict::Return);

    // A missing required area may only ask for changes.
    let mild = format!(
        "{}\n[decision]\nrequired_missing = \"revise\"\n",
        township()
    );
    let checker = lenient(RuleSet::from_toml(&mild, "mild.toml").unwrap());
    let mut report = checker.check_str(&sample());
    assert_eq!(report.verdict, Verdict::Pass);
    let area = report.areas.iter_mut().find(|a| a.required).unwrap();
    area.status = fazhi_check::Status::Missing;
    report.decide(&checker.rules().decision);
    assert_eq!(report.verdict, Verdict::Revise);
    report.decide(&RuleSet::builtin().decision);
    assert_eq!(report.verdict, Verdict::Return, "by default it goes back");
}

#[test]
fn a_rule_set_extending_another_sets_its_decision() {
    let dir = std::env::temp_dir().join(format!("fazhi-decision-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("strict.toml");
    std::fs::write(
        &path,
        "[rule_set]\nextends = \"township\"\nname = \"strict\"\n\n[decision]\nwarning = \"return\"\n",
    )
    .unwrap();
    let rules = RuleSet::from_path(&path).unwrap();
    assert_eq!(rules.decision.warning, Verdict::Return);
    assert_eq!(rules.decision.error, Verdict::Return);
    assert_eq!(rules.decision.info, Verdict::Pass);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_wrong_decision_table_is_an_error_at_its_line_and_key() {
    let base = township();
    let lines = base.lines().count();
    let cases = [
        ("error = \"pass\"", "decision.error", "不能判为通过"),
        (
            "error = \"revise\"\nwarning = \"return\"",
            "decision.error",
            "较轻的",
        ),
        ("info = \"return\"", "decision.info", "较轻的"),
        ("warning = \"maybe\"", "decision.warning", "maybe"),
        ("errors = \"return\"", "decision.errors", "errors"),
    ];
    for (table, key, words) in cases {
        let source = format!("{base}\n[decision]\n{table}\n");
        let Err(err) = RuleSet::from_toml(&source, "bad.toml") else {
            panic!("{table}: loads");
        };
        let err = err.to_string();
        assert!(err.starts_with("bad.toml:"), "{table}: {err}");
        assert!(err.contains(key), "{table}: {err}");
        assert!(err.contains(words), "{table}: {err}");
        let line: usize = err.split(':').nth(1).unwrap().parse().unwrap();
        assert!(line > lines, "{table}: the line of the table: {err}");
    }
}

//! The regulation's formal checks and the report metadata: each finding has a case that fires it and
//! one that does not, and each is configured in the rule set.

mod common;

use common::{checker, manifest_dir, sample, saved_page};
use fazhi_check::{Checker, Report, RuleSet, Severity};

fn ids(report: &Report) -> Vec<&str> {
    report.findings.iter().map(|f| f.id.as_str()).collect()
}

#[test]
fn the_sample_raises_no_finding_and_has_its_metadata() {
    let report = checker().check_str(&saved_page("2024-03-20"));
    assert_eq!(ids(&report), Vec::<&str>::new(), "{:#?}", report.findings);
    assert_eq!(report.metadata.signed.as_deref(), Some("2024-02-28"));
    let m = &report.metadata;
    assert_eq!(
        m.title.as_deref(),
        Some("云溪县青石镇人民政府2023年法治政府建设工作报告")
    );
    assert_eq!(m.organization.as_deref(), Some("云溪县青石镇人民政府"));
    assert_eq!(m.year, Some(2023));
    assert_eq!(m.published.as_deref(), Some("2024-03-20"));
    assert_eq!(m.document_number.as_deref(), Some("青府发〔2024〕5号"));
}

#[test]
fn late_publication_is_an_error_at_the_date() {
    let report = checker().check_str(&saved_page("2024年4月15日"));
    let late: Vec<_> = report.findings.iter().filter(|f| f.id == "late").collect();
    assert_eq!(late.len(), 1, "{:#?}", report.findings);
    assert_eq!(late[0].severity, Severity::Error);
    assert_eq!((late[0].line, late[0].column), (Some(4), Some(6)));
    assert!(
        late[0].message.contains("2024-04-15"),
        "{}",
        late[0].message
    );
    assert!(!ids(&checker().check_str(&saved_page("2024-03-31"))).contains(&"late"));
}

#[test]
fn a_sign_off_date_is_when_it_was_signed_not_published() {
    // The date under the signature is no publication date: `late` is not judged from it, and the
    // report says that the page shows none.
    let text = sample().replace("2024年2月28日", "2024年4月2日");
    let report = checker().check_str(&text);
    assert_eq!(report.metadata.signed.as_deref(), Some("2024-04-02"));
    assert_eq!(report.metadata.published, None);
    assert!(!ids(&report).contains(&"late"), "{:#?}", report.findings);
    let note = report
        .findings
        .iter()
        .find(|f| f.id == "no_publication_date")
        .expect("a note that the page shows no publication date");
    assert_eq!(note.severity, Severity::Info);
}

#[test]
fn a_stale_year_in_the_work_part_or_the_plans() {
    let text = sample().replacen(
        "一、",
        "一、主要工作\n2022年，我镇持续推进法治政府建设。\n（〇）",
        1,
    );
    let report = checker().check_str(&text);
    assert!(
        ids(&report).contains(&"stale_year"),
        "{:#?}",
        report.findings
    );
    let stale = report
        .findings
        .iter()
        .find(|f| f.id == "stale_year")
        .unwrap();
    assert!(stale.message.contains("2022年"), "{}", stale.message);
    assert!(stale.line.is_some());

    let plans = sample().replace("2024年工作打算", "2023年工作打算");
    assert_ne!(plans, sample(), "the sample has a 2024年工作打算 heading");
    assert!(ids(&checker().check_str(&plans)).contains(&"stale_year"));
}

#[test]
fn first_responsibility_duty_never_addressed() {
    let text = sample()
        .replace("第一责任人", "负责人")
        .replace("主要负责人履行", "负责人落实");
    assert!(ids(&checker().check_str(&text)).contains(&"first_responsibility"));
}

#[test]
fn too_short_and_no_title() {
    let report = checker().check_str("一、加强组织领导\n成立领导小组。\n");
    assert!(ids(&report).contains(&"too_short"));
    assert!(ids(&report).contains(&"title"));
    // Without the organisation in the title, and without the sign-off that would name it.
    let unsigned = sample()
        .replacen("云溪县青石镇人民政府2023年", "关于2023年度", 1)
        .replace("云溪县青石镇人民政府\n", "");
    let titled_without_org = checker().check_str(&unsigned);
    let title = titled_without_org
        .findings
        .iter()
        .find(|f| f.id == "title")
        .expect("title finding");
    assert!(title.message.contains("单位"), "{}", title.message);
}

#[test]
fn checks_are_configured_in_the_rule_set() {
    let base = std::fs::read_to_string(manifest_dir().join("rules/township.toml")).unwrap();
    let configured = format!(
        "{base}\n[findings.late]\ndeadline = \"02-28\"\nseverity = \"warning\"\n[findings.too_short]\nenabled = false\n[findings.first_responsibility]\nterms = [\"第一责任人\"]\n"
    );
    let checker = Checker::new(RuleSet::from_toml(&configured, "configured.toml").unwrap());
    let report = checker.check_str(&saved_page("2024-03-20"));
    let late = report
        .findings
        .iter()
        .find(|f| f.id == "late")
        .expect("late with an earlier deadline");
    assert_eq!(late.severity, Severity::Warning);
    assert!(
        !ids(&checker.check_str("一、加强组织领导\n成立领导小组，落实第一责任人职责。\n"))
            .contains(&"too_short")
    );

    let misplaced = format!("{base}\n[findings.title]\nmin_chars = 3\n");
    let err = RuleSet::from_toml(&misplaced, "bad.toml")
        .unwrap_err()
        .to_string();
    assert!(err.contains("findings.title.min_chars"), "{err}");
    let bad_deadline = format!("{base}\n[findings.late]\ndeadline = \"March\"\n");
    let err = RuleSet::from_toml(&bad_deadline, "bad.toml")
        .unwrap_err()
        .to_string();
    assert!(err.contains("MM-DD"), "{err}");
}

#[test]
fn the_outline_lists_headings_with_positions() {
    let report = checker().check_str(&sample());
    assert!(report.outline.len() >= 5);
    let first = &report.outline[0];
    assert_eq!((first.level, first.number.as_str()), (1, "一、"));
    assert!(first.line > 1);
}

#[test]
fn a_plan_is_flagged_and_a_report_is_not() {
    let plan = "为深入推进依法行政，结合本县实际，制定本方案。\n一、深化放管服改革\n全面推行审批服务马上办、网上办。\n";
    let report = checker().check_str(plan);
    let f = report
        .findings
        .iter()
        .find(|f| f.id == "not_a_report")
        .expect("not_a_report");
    assert_eq!(f.severity, Severity::Error);
    assert!(f.message.contains("制定本方案"));
    assert!(!ids(&checker().check_str(&sample())).contains(&"not_a_report"));
}

#[test]
fn figures_come_with_their_units_and_areas() {
    let text = "一、加强法治宣传\n全年开展普法活动12场，参训率达到100%。\n二、化解矛盾纠纷\n人民调解委员会调解纠纷70余件，接待群众1,200人次。\n根据铜府办〔2021〕47号文件，2021年3月召开会议。\n";
    let report = checker().check_str(text);
    let got: Vec<(&str, f64, &str, Option<&str>)> = report
        .figures
        .iter()
        .map(|f| {
            (
                f.label.as_str(),
                f.value,
                f.unit.as_str(),
                f.area.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("全年开展普法活动", 12.0, "场", Some("publicity")),
            ("参训率达到", 100.0, "%", Some("publicity")),
            ("人民调解委员会调解纠纷", 70.0, "余件", Some("disputes")),
            ("接待群众", 1200.0, "人次", Some("disputes")),
        ]
    );
    assert_eq!((report.figures[0].line, report.figures[0].column), (2, 9));
}

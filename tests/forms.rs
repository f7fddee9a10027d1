//! The same report in the forms real pages serve it in gets the same verdicts and metadata as
//! laid out line by line: on one line, in traditional characters (with and without pinyin after
//! each character), its title over two lines or with a site name glued to it, under page chrome
//! of every kind, with a heading number alone on a line, and with a signature date but no
//! publication date. The report is the fixture `complete-street-2022.txt`, written for this project.

mod common;

use common::{AREAS, checker, manifest_dir, status};
use fazhi_check::Report;

fn base() -> String {
    std::fs::read_to_string(manifest_dir().join("tests/fixtures/reports/complete-street-2022.txt"))
        .expect("the fixture is readable")
}

const TITLE: &str = "安平区柳河街道办事处2022年度法治政府建设情况报告";

fn statuses(report: &Report) -> Vec<&'static str> {
    AREAS.iter().map(|a| status(report, a).as_str()).collect()
}

fn ids(report: &Report) -> Vec<&str> {
    report.findings.iter().map(|f| f.id.as_str()).collect()
}

/// Checks `text` and asserts the verdicts of the base report and the metadata a reader sees.
fn same_as_base(form: &str, text: &str) -> Report {
    let original = checker().check_str(&base());
    let report = checker().check_str(text);
    assert_eq!(statuses(&report), statuses(&original), "{form}: verdicts");
    let title: Option<String> = report
        .metadata
        .title
        .as_deref()
        .map(|t| t.split_whitespace().collect());
    assert_eq!(title.as_deref(), Some(TITLE), "{form}: title");
    assert_eq!(report.metadata.year, Some(2022), "{form}: year");
    assert!(
        report
            .metadata
            .organization
            .as_deref()
            .is_some_and(|o| o.contains("柳河街道")),
        "{form}: organization {:?}",
        report.metadata.organization
    );
    assert!(
        !ids(&report).contains(&"title"),
        "{form}: {:?}",
        ids(&report)
    );
    report
}

#[test]
fn laid_out_line_by_line() {
    let report = same_as_base("base", &base());
    // The date under the signature is when it was signed, not published: no `late`, and a note
    // that the page shows no publication date.
    assert_eq!(report.metadata.signed.as_deref(), Some("2023-03-10"));
    assert_eq!(report.metadata.published, None);
    assert!(!ids(&report).contains(&"late"));
    assert!(ids(&report).contains(&"no_publication_date"));
}

#[test]
fn on_one_line() {
    let one_line: String = base()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let report = same_as_base("one line", &one_line);
    assert!(report.outline.len() >= 4, "{:?}", report.outline);
}

#[test]
fn in_traditional_characters() {
    let converter =
        ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::S2t).unwrap();
    let traditional = converter.convert(&base());
    assert_ne!(traditional, base());
    same_as_base("traditional", &traditional);
    // Pinyin after some characters, as mirror sites add it.
    let annotated = traditional
        .replace("報告", "報(bào)告")
        .replace("區", "區(qū)")
        .replace("發", "發(fā)");
    same_as_base("traditional with pinyin", &annotated);
}

#[test]
fn title_over_two_lines_or_with_a_site_name() {
    let text = base();
    let two_lines = text.replacen(
        TITLE,
        "安平区柳河街道办事处\n2022年度法治政府建设情况报告",
        1,
    );
    same_as_base("two-line title", &two_lines);
    let site = text.replacen(TITLE, &format!("{TITLE}_安平区人民政府网"), 1);
    same_as_base("site name", &site);
}

#[test]
fn under_page_chrome_of_every_kind() {
    let chrome = "您当前的位置：首页 » 政务公开 » 法治政府建设\n\
        打印 | 分享 | 关闭\n\
        工作报告\n\
        | [ 主题分类 ] | 政务公开 | [ 发布机构 ] | 安平区柳河街道办事处 |\n\
        |---|---|---|---|\n\
        [ 发布日期 ] 2023-03-20\n\
        [ 发文字号 ] 柳街发〔2023〕5号\n\
        2024年3月2日星期六\n";
    let text = format!("{chrome}\n{}", base());
    let report = same_as_base("chrome", &text);
    assert_eq!(report.metadata.published.as_deref(), Some("2023-03-20"));
    assert_eq!(
        report.metadata.document_number.as_deref(),
        Some("柳街发〔2023〕5号")
    );
    assert!(!ids(&report).contains(&"no_publication_date"));
    // Letter-spaced and traditional labels, a late date: `late` judged from the publication date.
    let late = format!("發 布 時 間：2023年05月06日\n\n{}", base());
    let report = same_as_base("late", &late);
    assert_eq!(report.metadata.published.as_deref(), Some("2023-05-06"));
    assert!(ids(&report).contains(&"late"), "{:?}", ids(&report));
}

#[test]
fn a_heading_number_alone_on_its_line() {
    let text = base().replacen("二、存在的不足和原因", "二、\n存在的不足和原因", 1);
    let report = same_as_base("number alone", &text);
    assert!(
        report.outline.iter().any(|h| h.text == "存在的不足和原因"),
        "{:?}",
        report.outline
    );
}

#[test]
fn the_opening_ends_at_the_announcement() {
    // The account runs on in the paragraph that announces it.
    let text = base().replacen("现将有关情况报告如下:\n", "现将有关情况报告如下:", 1);
    same_as_base("announcement in a paragraph", &text);
}

//! How terms match: word boundaries, segmentation, normalization, negation and page chrome. Each
//! case of the design's list is a test here.

mod common;

use common::{checker, status};
use fazhi_check::{Checker, Report, RuleSet, Status};

/// A rule set with one area, `a`, whose concepts are the given term groups; present at one concept.
fn mini(concepts: &[&[&str]]) -> Checker {
    let mut toml = String::from(
        "[rule_set]\nname = \"mini\"\nversion = \"0\"\npass_threshold = 50\n[negation]\nbefore = [\"未\", \"尚未\", \"没有\"]\nafter = [\"尚未\"]\n[[areas]]\nid = \"a\"\ntitle = \"测试\"\nweight = 1\nscope = \"all\"\npresent = 1\nweak = 1\n",
    );
    for (i, terms) in concepts.iter().enumerate() {
        let list: Vec<String> = terms.iter().map(|t| format!("\"{t}\"")).collect();
        toml.push_str(&format!(
            "[[areas.concepts]]\nid = \"c{i}\"\nterms = [{}]\n",
            list.join(", ")
        ));
    }
    Checker::new(RuleSet::from_toml(&toml, "<mini>").expect("valid mini rule set"))
}

fn terms_found(report: &Report) -> Vec<String> {
    report.areas[0]
        .evidence
        .iter()
        .filter(|e| !e.negated)
        .map(|e| e.term.clone())
        .collect()
}

#[test]
fn rule_terms_join_the_dictionary() {
    let words = checker().words("双山镇推进法治政府建设，深化行政审批改革");
    for w in ["双山镇", "法治政府", "行政审批"] {
        assert!(words.iter().any(|x| x == w), "{w} not whole in {words:?}");
    }
}

#[test]
fn terms_match_only_on_word_boundaries() {
    let c = mini(&[&["调解"], &["信访"], &["复议"], &["法治"]]);
    for text in [
        "积极协调解决群众诉求。",
        "保障通信访问安全。",
        "会议避免重复议题。",
        "推进宪法治理现代化。",
    ] {
        let report = c.check_str(text);
        assert_eq!(terms_found(&report), Vec::<String>::new(), "{text}");
        assert_eq!(report.areas[0].status, Status::Missing, "{text}");
    }
    // The same terms standing as words are found.
    let report = c.check_str("开展人民调解，接待信访群众，办理行政复议，推进法治建设。");
    assert_eq!(terms_found(&report), ["调解", "信访", "复议", "法治"]);
}

#[test]
fn a_longer_rule_term_takes_its_characters() {
    // Each match counts once: 法律顾问 inside the longer rule term 法律顾问制度 is not evidence of
    // its own (the longest match wins) …
    let c = mini(&[&["法律顾问"], &["法律顾问制度"]]);
    let report = c.check_str("我镇建立法律顾问制度。");
    assert_eq!(terms_found(&report), ["法律顾问制度"]);
    // … but 调解 is still not found inside 协调解决 when that is a rule term too.
    let c = mini(&[&["调解"], &["协调解决"]]);
    assert_eq!(
        terms_found(&c.check_str("积极协调解决群众诉求。")),
        ["协调解决"]
    );
}

#[test]
fn text_is_normalized_and_positions_point_at_the_original() {
    let c = mini(&[&["12345热线"], &["行政执法"], &["执法公示"]]);
    // Full-width digits fold to ASCII; the column counts characters of the original line.
    let report = c.check_str("一、概况\n\u{3000}\u{3000}全年办理１２３４５热线工单７０件。");
    let e = &report.areas[0].evidence[0];
    assert_eq!((e.term.as_str(), e.line, e.column), ("12345热线", 2, 7));

    // A hard wrap inside a word (text taken out of a PDF) is joined; the evidence points at the line
    // where the term begins.
    let wrapped = "一、主要工作\n我镇坚持以习近平法治思想为指导，全面推进行政\n执法三项制度，落实执法公示制度和全过程记录制\n度，全年办理行政执法案件二十六件，无一件被复\n议纠错。同时加强人民调解组织建设，调解矛盾\n纠纷三十五件。\n";
    let report = c.check_str(wrapped);
    let first = &report.areas[0].evidence[0];
    assert_eq!(
        (first.term.as_str(), first.line, first.column),
        ("行政执法", 2, 21)
    );
    assert!(
        first.excerpt.contains("全面推进行政执法三项制度"),
        "{}",
        first.excerpt
    );
}

#[test]
fn every_unicode_space_is_a_space() {
    let c = mini(&[&["法治政府"]]);
    for space in ['\u{3000}', '\u{2002}', '\u{00A0}', ' '] {
        let report = c.check_str(&format!("推进法治{space}政府建设。"));
        assert_eq!(terms_found(&report), ["法治政府"], "{:?}", space);
    }
}

#[test]
fn negated_statements_are_recorded_and_do_not_count() {
    let report =
        checker().check_str("一、重大行政决策\n本年度未作出重大行政决策，尚未聘请法律顾问。\n");
    let decisions = report.area("decisions").unwrap();
    assert_eq!(decisions.status, Status::Missing);
    assert_eq!(decisions.concepts_found, 0);
    let negated: Vec<(&str, Option<&str>)> = decisions
        .evidence
        .iter()
        .map(|e| {
            (
                e.term.as_str(),
                e.negated.then_some(e.negated_by.as_deref().unwrap_or("")),
            )
        })
        .collect();
    assert_eq!(
        negated,
        [("重大行政决策", Some("未")), ("法律顾问", Some("尚未"))]
    );

    // A cue after the term, in the same clause, negates it too; the next clause is free of it.
    let report = checker()
        .check_str("一、重大行政决策\n法律顾问制度尚未建立，重大行政决策均经集体讨论决定。\n");
    let decisions = report.area("decisions").unwrap();
    let counted: Vec<&str> = decisions
        .evidence
        .iter()
        .filter(|e| !e.negated)
        .map(|e| e.term.as_str())
        .collect();
    assert_eq!(counted, ["重大行政决策", "集体讨论决定"]);
    assert!(
        decisions
            .evidence
            .iter()
            .any(|e| e.term == "法律顾问制度" && e.negated)
    );
}

#[test]
fn negation_cues_inside_words_do_not_negate() {
    // 未 in 未成年人 and 无 in 无纸化 are parts of words, not negation.
    let c = mini(&[&["普法"], &["学法"]]);
    let report = c.check_str("开展未成年人普法活动，推行无纸化学法。");
    assert_eq!(terms_found(&report), ["普法", "学法"]);
}

#[test]
fn page_chrome_never_gives_evidence() {
    let page = "您当前的位置：首页 > 政务公开 > 行政审批\n索引号：11500224/2023-00012\n发布机构：某镇人民政府\n发布日期：2023-03-20\n\n某镇2022年法治政府建设工作报告\n\n一、加强组织领导\n成立法治政府建设领导小组。\n\n扫一扫在手机打开当前页\n政务服务 行政审批 便民服务 网上办事 信息公开\n网站地图 | 联系我们 | 营商环境\n";
    let report = checker().check_str(page);
    let approval = report.area("approval").unwrap();
    assert!(approval.evidence.is_empty(), "{:?}", approval.evidence);
    assert_eq!(approval.status, Status::Missing);
    assert_eq!(
        report.metadata.title.as_deref(),
        Some("某镇2022年法治政府建设工作报告")
    );
    assert_eq!(status(&report, "leadership"), Status::Weak);
}

#[test]
fn plans_for_next_year_are_not_work_done() {
    let text = "某镇2022年法治政府建设工作报告\n一、加强组织领导\n成立领导小组，镇党委书记履行第一责任人职责，全年召开专题会议3次研究部署法治建设工作。\n二、下一步工作打算\n2023年，我镇将加强普法宣传，开展宪法宣传周活动。同时落实学法制度，健全述法机制。\n";
    let report = checker().check_str(text);
    assert_eq!(status(&report, "publicity"), Status::Missing);
    assert!(report.area("publicity").unwrap().evidence.is_empty());
    assert_eq!(status(&report, "next_steps"), Status::Present);
    assert_eq!(status(&report, "leadership"), Status::Present);
}

#[test]
fn same_input_gives_identical_output() {
    let text = std::fs::read_to_string(
        common::manifest_dir().join("examples/sample/青石镇2023年法治政府建设工作报告.txt"),
    )
    .unwrap_or_else(|_| "一、组织领导\n成立领导小组。".to_string());
    let a = serde_json::to_string(&checker().check_str(&text)).unwrap();
    let b = serde_json::to_string(&checker().check_str(&text)).unwrap();
    assert_eq!(a, b);
}

#[test]
fn a_review_counts_for_what_it_reviews() {
    let report = checker().check_str(
        "一、主要工作\n建立街道规范性文件合法性审查制度，全年审查规范性文件3件。\n对重大行政决策进行合法性审查。\n",
    );
    let terms = |id: &str| -> Vec<(String, usize)> {
        let area = report.areas.iter().find(|a| a.id == id).expect("area");
        area.evidence
            .iter()
            .map(|e| (e.term.clone(), e.line))
            .collect()
    };
    // 规范性文件合法性审查 is normative documents' work; 对重大行政决策进行合法性审查 decisions'.
    assert!(terms("normative_docs").contains(&("合法性审查".to_string(), 2)));
    assert!(!terms("decisions").contains(&("合法性审查".to_string(), 2)));
    assert!(terms("decisions").contains(&("合法性审查".to_string(), 3)));
}

#[test]
fn a_pair_starts_with_a_term_of_its_concept() {
    let toml = "[rule_set]\nname = \"mini\"\nversion = \"0\"\npass_threshold = 50\n[[areas]]\nid = \"a\"\ntitle = \"测试\"\nweight = 1\nscope = \"work\"\n[[areas.concepts]]\nid = \"c\"\nsupport = [\"听取\"]\npairs = [\"召开…研究\"]\n";
    let err = RuleSet::from_toml(toml, "<mini>").expect_err("召开 is no term of the concept");
    assert!(err.to_string().contains("pairs"), "{err}");
    let ok = toml.replace("召开…研究", "听取…汇报|情况");
    RuleSet::from_toml(&ok, "<mini>").expect("a pair of the concept's term");
}

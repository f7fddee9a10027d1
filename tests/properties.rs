//! Properties that hold for any input.

mod common;

use common::checker;
use fazhi_check::read::normalize::fold_str;
use proptest::prelude::*;

/// Text built from the pieces reports are made of: numbering, punctuation of both widths, odd spaces,
/// line breaks, rule terms, negation cues and chrome words.
fn reportish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "一、",
        "（二）",
        "三)",
        ")",
        "1.",
        "(1)",
        "①",
        "第一",
        "。",
        "，",
        ",",
        "：",
        "；",
        "\n",
        "\r\n",
        "\u{3000}",
        "\u{2002}",
        " ",
        "\t",
        "法治政府",
        "领导小组",
        "第一责任人",
        "普法",
        "学法",
        "行政审批",
        "马上办",
        "规范性文件",
        "重大行政决策",
        "法律顾问",
        "行政执法",
        "人民调解",
        "协调解决",
        "存在问题",
        "不足",
        "下一步",
        "一是",
        "未",
        "尚未",
        "没有",
        "无",
        "您当前的位置：",
        "索引号：",
        "扫一扫在手机打开当前页",
        "政策解读 政策问答 网站地图",
        "2021年",
        "２０２２年",
        "７０件",
        "报告",
        "我镇",
        "\u{200B}",
        "\u{FEFF}",
        "𠀀",
        // Just below the main block of ideographs, with the same first byte (Extension A, hexagrams).
        "䶮",
        "䷀",
        "é",
        "a",
    ]);
    prop::collection::vec(pieces, 0..120).prop_map(|v| v.concat())
}

fn check_positions(text: &str) -> Result<(), TestCaseError> {
    let report = checker().check_str(text);
    let lines: Vec<&str> = text.split('\n').collect();
    for area in &report.areas {
        prop_assert!((0.0..=area.max_score + 1e-9).contains(&area.score));
        for e in &area.evidence {
            prop_assert!(
                e.line >= 1 && e.line <= lines.len(),
                "line {} of {}",
                e.line,
                lines.len()
            );
            let chars = lines[e.line - 1].chars().count();
            prop_assert!(
                e.column >= 1 && e.column <= chars + 1,
                "column {} of {}",
                e.column,
                chars
            );
        }
    }
    prop_assert!((0.0..=100.0).contains(&report.score));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_string_is_checked_without_panic(text in any::<String>()) {
        check_positions(&text)?;
    }

    #[test]
    fn reportish_text_gives_positions_inside_the_text(text in reportish()) {
        check_positions(&text)?;
    }

    #[test]
    fn any_bytes_are_checked_or_refused_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = checker().check_bytes(&bytes);
    }

    #[test]
    fn folding_twice_equals_folding_once(text in reportish()) {
        let once = fold_str(&text);
        prop_assert_eq!(fold_str(&once), once);
    }

    #[test]
    fn output_is_deterministic(text in reportish()) {
        let a = serde_json::to_string(&checker().check_str(&text)).unwrap();
        let b = serde_json::to_string(&checker().check_str(&text)).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn gbk_gives_the_same_verdicts_as_utf8(text in reportish()) {
        let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
        if let Ok(report) = checker().check_bytes(&gbk) {
            let utf8 = checker().check_str(&text.replace('\u{FEFF}', ""));
            prop_assert_eq!(report.areas.iter().map(|a| a.status).collect::<Vec<_>>(), utf8.areas.iter().map(|a| a.status).collect::<Vec<_>>());
        }
    }
}

/// A report as sections: each a numbered heading line and paragraphs of sentences made of rule
/// terms, negation cues and filler, the way reports are written.
fn structured_report() -> impl Strategy<Value = Vec<String>> {
    let headings = prop::sample::select(vec![
        "加强组织领导",
        "深化法治宣传",
        "优化政务服务",
        "规范性文件管理",
        "推进重大行政决策",
        "规范行政执法",
        "化解矛盾纠纷",
        "存在的问题",
        "下一步工作打算",
        "其他工作",
        "2024年工作打算",
    ]);
    let words = prop::sample::select(vec![
        "成立领导小组",
        "第一责任人",
        "普法宣传",
        "学法",
        "行政审批",
        "马上办",
        "规范性文件",
        "清理",
        "重大行政决策",
        "法律顾问",
        "行政执法",
        "执法公示",
        "人民调解",
        "信访",
        "存在问题",
        "不够",
        "下一步",
        "一是",
        "将继续",
        "未",
        "尚未",
        "我镇",
        "全年",
        "开展",
        "工作",
        "12次",
        "，",
    ]);
    let sentence = prop::collection::vec(words, 1..8).prop_map(|w| w.concat() + "。");
    let paragraph = prop::collection::vec(sentence, 1..4).prop_map(|s| s.concat() + "\n");
    let section = (headings, prop::collection::vec(paragraph, 1..4));
    prop::collection::vec(section, 1..7).prop_map(|sections| {
        const NUMBERS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "七"];
        sections
            .into_iter()
            .enumerate()
            .map(|(i, (heading, paragraphs))| {
                format!("{}、{heading}\n{}", NUMBERS[i], paragraphs.concat())
            })
            .collect()
    })
}

/// One term of each area of the default rule set, in a sentence that counts wherever it stands.
const AREA_SENTENCES: &[(&str, &str)] = &[
    ("leadership", "成立法治政府建设领导小组。"),
    ("publicity", "开展普法宣传活动。"),
    ("approval", "推行马上办服务。"),
    ("normative_docs", "做好规范性文件清理。"),
    ("decisions", "聘请法律顾问。"),
    ("enforcement", "落实行政执法公示制度。"),
    ("disputes", "人民调解委员会调解纠纷。"),
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, failure_persistence: None, ..ProptestConfig::default() })]

    /// Appending a paragraph that names one of an area's concepts never lowers that area's score.
    /// The report ends with a full stop first: a text that ends mid-sentence is an opening cut off
    /// where the copy ends, and its last section is judged as cut (rule R5); text after it makes
    /// it a report that is not cut, judged on what it says (`\n人民调解。协调解决70件…` then
    /// 人民调解委员会调解纠纷。 moved disputes from 10 to 4 before this).
    #[test]
    fn appending_a_concept_never_lowers_its_area(text in reportish(), which in 0..AREA_SENTENCES.len()) {
        let (area, sentence) = AREA_SENTENCES[which];
        let text = format!("{text}。");
        let before = checker().check_str(&text);
        let after = checker().check_str(&format!("{text}\n{sentence}\n"));
        prop_assert!(after.area(area).unwrap().score >= before.area(area).unwrap().score,
            "{area}: {} -> {}", before.area(area).unwrap().score, after.area(area).unwrap().score);
    }

    /// Deleting a section (a heading and the paragraphs under it) never raises the total.
    #[test]
    fn deleting_a_section_never_raises_the_total(sections in structured_report(), pick in any::<prop::sample::Index>()) {
        let whole = sections.concat();
        let i = pick.index(sections.len());
        let cut: String = sections.iter().enumerate().filter(|&(k, _)| k != i).map(|(_, s)| s.as_str()).collect();
        let before = checker().check_str(&whole).score;
        let after = checker().check_str(&cut).score;
        prop_assert!(after <= before, "{before} -> {after} deleting section {i}:\n{}", sections[i]);
    }
}

/// The case proptest found: a text cut off mid-sentence, then the same text ended and a concept
/// appended; ended, the area does not fall when the concept is appended.
#[test]
fn a_concept_appended_to_an_ended_text_does_not_lower_its_area() {
    let text = "\n人民调解。协调解决７０件索引号：①。";
    let before = checker().check_str(text);
    let after = checker().check_str(&format!("{text}\n人民调解委员会调解纠纷。\n"));
    let score = |r: &fazhi_check::Report| r.area("disputes").unwrap().score;
    assert!(
        score(&after) >= score(&before),
        "{} -> {}",
        score(&before),
        score(&after)
    );
}

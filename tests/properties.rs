//! Properties that hold for any input.

mod common;

use common::checker;
use fazhi_check::normalize::fold_str;
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

//! Hostile input: sizes over the limits, absurd rule sets, and texts built to make matching slow.
//! Each must end in a clear error or a verdict, quickly and without a panic. (The inputs here are a
//! few megabytes: a matcher that went quadratic on them would not finish, which is what these tests
//! guard; they assert results, not times.)

mod common;

use common::checker;
use fazhi_check::{Checker, Error, RuleSet};

#[test]
fn input_over_the_limit_is_refused_before_reading() {
    let big = vec![b'a'; fazhi_check::DEFAULT_MAX_INPUT_BYTES + 1];
    match checker().check_bytes(&big) {
        Err(Error::TooLarge { size, limit }) => assert_eq!(
            (size, limit),
            (big.len(), fazhi_check::DEFAULT_MAX_INPUT_BYTES)
        ),
        other => panic!("expected TooLarge, got {other:?}"),
    }
    let small = Checker::builder()
        .max_input_bytes(10)
        .build(RuleSet::builtin());
    assert!(matches!(
        small.check_bytes("普法宣传工作报告".as_bytes()),
        Err(Error::TooLarge { .. })
    ));
}

#[test]
fn characters_just_below_the_main_block_of_ideographs_are_read() {
    // U+4000–U+4DFF share their first UTF-8 byte with the ideographs from U+4E00: a name in
    // Extension A (刘䶮) or a hexagram once crashed the page-chrome search.
    let text = "云溪县青石镇2023年法治政府建设工作报告\n镇党委书记刘䶮主持召开会议，全年调解纠纷70件。䷀䀀\n版权所有 䶮\n";
    let report = checker().check_str(text);
    assert!(report.area("disputes").is_some());
    assert!(
        report
            .figures
            .iter()
            .any(|f| f.value == 70.0 && f.unit == "件"),
        "{:?}",
        report.figures
    );
}

#[test]
fn every_character_of_unicode_is_read_without_a_panic() {
    // The byte-level shortcuts (page chrome, fingerprints, figures, folding, the scanner) must hold
    // for every character, not only the ideographs and punctuation of reports: every scalar value,
    // 128 at a time, among report words, through checking, explaining, JSON and the bytes path.
    let words = [
        "法治政府建设",
        "，",
        "调解",
        "。",
        "\n",
        "一、",
        "版权所有",
        "2023年",
        "70件",
        " ",
    ];
    for block in 0..(0x11_0000u32 / 128) {
        let mut text = String::from("云溪县青石镇2023年法治政府建设工作报告\n");
        for (k, c) in (block * 128..block * 128 + 128)
            .filter_map(char::from_u32)
            .enumerate()
        {
            text.push(c);
            if k % 7 == 0 {
                text.push_str(words[k % words.len()]);
            }
        }
        let report = checker().check_str(&text);
        assert!(!fazhi_check::render::json_line("x.txt", &Ok(report)).is_empty());
        if block % 16 == 0 {
            let _ = checker().explain_str(&text);
        }
        // Bytes that are valid UTF-8 are read; some blocks are refused as binary (control
        // characters), which is an answer too.
        let _ = checker().check_bytes(text.as_bytes());
    }
}

fn rule_set_with_terms(terms: &str) -> String {
    format!(
        "[rule_set]\nname = \"x\"\nversion = \"1\"\npass_threshold = 1\n[[areas]]\nid = \"a\"\ntitle = \"a\"\nweight = 1\n[[areas.concepts]]\nid = \"c\"\nterms = [{terms}]\n"
    )
}

#[test]
fn absurd_rule_sets_are_refused() {
    let many: Vec<String> = (0..60_000).map(|i| format!("\"词{i}\"")).collect();
    let err = RuleSet::from_toml(&rule_set_with_terms(&many.join(",")), "many.toml")
        .unwrap_err()
        .to_string();
    assert!(err.contains("more than 50000 terms"), "{err}");
    let long = format!("\"{}\"", "法".repeat(1000));
    let err = RuleSet::from_toml(&rule_set_with_terms(&long), "long.toml")
        .unwrap_err()
        .to_string();
    assert!(err.contains("longer than 64 characters"), "{err}");
}

#[test]
fn a_rule_file_too_large_to_be_a_rule_set_is_refused() {
    let path = std::env::temp_dir().join(format!("fazhi-huge-rules-{}.toml", std::process::id()));
    let mut text = rule_set_with_terms("\"普法\"");
    text.push_str(&format!(
        "# {}\n",
        "x".repeat(fazhi_check::rules::MAX_RULE_FILE_BYTES)
    ));
    std::fs::write(&path, text).unwrap();
    let err = RuleSet::from_path(&path).unwrap_err().to_string();
    std::fs::remove_file(&path).ok();
    assert!(err.contains("larger than"), "{err}");
}

#[test]
fn long_runs_without_punctuation_are_checked_in_one_pass() {
    // One clause of two megabytes full of terms and negation cues: every negation lookup and every
    // excerpt must stay local.
    let text = "未开展普法宣传活动调解纠纷".repeat(60_000);
    let report = checker().check_str(&text);
    let publicity = report.area("publicity").unwrap();
    assert!(
        publicity.evidence.iter().all(|e| e.negated),
        "the cue stands before every term in the one clause"
    );
    assert!(
        publicity
            .evidence
            .iter()
            .all(|e| e.excerpt.chars().count() <= 90)
    );
}

#[test]
fn forty_thousand_matches_on_one_line_are_checked_in_one_pass() {
    // One line of digits in which a rule term stands forty thousand times: each match's position,
    // column, excerpt and negation must be found without going back over the line.
    let rules =
        RuleSet::from_toml(&rule_set_with_terms("\"12345\", \"热线\""), "digits.toml").unwrap();
    let checker = Checker::new(rules);
    let text = "1234512345".repeat(20_000) + "热线";
    let report = checker.check_str(&text);
    let evidence = &report.areas[0].evidence;
    assert_eq!(evidence.len(), 40_001);
    let last = evidence.last().unwrap();
    assert_eq!(
        (last.term.as_str(), last.line, last.column),
        ("热线", 1, 200_001)
    );
}

#[test]
fn many_lines_and_headings() {
    let text = "一、加强组织领导\n成立领导小组。\n".repeat(50_000);
    let report = checker().check_str(&text);
    assert_eq!(report.outline.len(), 50_000);
}

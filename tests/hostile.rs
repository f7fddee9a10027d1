//! Hostile input: sizes over the limits, absurd rule sets, and texts built to make matching slow.
//! Each must end in a clear error or a verdict, quickly and without a panic. (The inputs here are a
//! few megabytes: a matcher that went quadratic on them would not finish, which is what these tests
//! guard; they assert results, not times.)

mod common;

use common::{checker, temp_dir};
use fazhi_check::judging::verdicts::MAX_EVIDENCE_PER_CONCEPT;
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
    assert!(err.contains("用语超过 50000 个"), "{err}");
    let long = format!("\"{}\"", "法".repeat(1000));
    let err = RuleSet::from_toml(&rule_set_with_terms(&long), "long.toml")
        .unwrap_err()
        .to_string();
    assert!(err.contains("用语超过 64 个字"), "{err}");
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
    assert!(err.contains("超过规则集文件"), "{err}");
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
    // One line of digits in which a rule term stands forty thousand times: each match kept is found
    // without going back over the line, and what the report keeps of them is bounded.
    let rules =
        RuleSet::from_toml(&rule_set_with_terms("\"12345\", \"热线\""), "digits.toml").unwrap();
    let checker = Checker::new(rules);
    let text = "热线".to_string() + &"1234512345".repeat(20_000);
    let report = checker.check_str(&text);
    let area = &report.areas[0];
    assert_eq!(area.evidence.len(), MAX_EVIDENCE_PER_CONCEPT);
    assert_eq!(area.evidence.len() + area.evidence_omitted, 40_001);
    let last = area.evidence.last().unwrap();
    let column = 3 + 5 * (MAX_EVIDENCE_PER_CONCEPT - 2);
    assert_eq!(
        (last.term.as_str(), last.line, last.column),
        ("12345", 1, column)
    );
}

/// Memory (issue 14): what a report keeps grows with its text, not with the number of matches in
/// it. Text dense with one term keeps the first [`MAX_EVIDENCE_PER_CONCEPT`] matches of a concept as
/// evidence and counts the rest, and its JSON stays small. (Peak memory itself is measured, not
/// tested: see the README's "Memory and nesting".)
#[test]
fn evidence_kept_does_not_grow_with_the_matches() {
    let reps = 30_000;
    let text = "开展普法".repeat(reps);
    let report = checker().check_str(&text);
    let publicity = report.area("publicity").unwrap();
    let concepts = RuleSet::builtin()
        .areas
        .iter()
        .find(|a| a.id == "publicity")
        .unwrap()
        .concepts
        .len();
    assert!(publicity.evidence.len() <= MAX_EVIDENCE_PER_CONCEPT * concepts);
    assert_eq!(publicity.evidence.len() + publicity.evidence_omitted, reps);
    let kept: usize = report.areas.iter().map(|a| a.evidence.len()).sum();
    assert!(kept <= MAX_EVIDENCE_PER_CONCEPT * 100, "{kept}");
    let omitted = publicity.evidence_omitted;
    let outcome = Ok(report);
    let json = fazhi_check::render::json_line("dense.txt", &outcome);
    assert!(json.len() < text.len() / 4, "{} bytes of JSON", json.len());
    assert!(json.contains(&format!("\"evidence_omitted\":{omitted}")));
    // The text output says how many were left out.
    let out = fazhi_check::render::text("dense.txt", &outcome, &Default::default());
    assert!(out.contains(&format!("另有{omitted}处匹配未列出")), "{out}");
    // --explain keeps as many per concept, and counts the rest.
    let (_, explanation) = checker().explain_str(&"开展普法".repeat(2_000));
    let concepts = explanation.areas.iter().flat_map(|a| &a.concepts);
    assert!(
        concepts
            .clone()
            .all(|c| c.matches.len() <= MAX_EVIDENCE_PER_CONCEPT)
    );
    let publicity: usize = concepts
        .filter(|c| c.found)
        .map(|c| c.matches.len() + c.omitted)
        .sum();
    assert!(publicity >= 2_000, "{publicity}");
}

#[test]
fn many_lines_and_headings() {
    let text = "一、加强组织领导\n成立领导小组。\n".repeat(50_000);
    let report = checker().check_str(&text);
    assert_eq!(report.outline.len(), 50_000);
}

// ---- Issue 14: the defects a hostile sender or a careless rule author finds. ----

fn rule_error_at(source: &str) -> (usize, usize, String) {
    match RuleSet::from_toml(source, "x.toml") {
        Err(Error::RuleSet {
            position,
            message_en,
            ..
        }) => (position.line, position.column, message_en),
        Err(other) => panic!("expected a rule-set error, got {other}"),
        Ok(_) => panic!("the rule set loaded:\n{source}"),
    }
}

#[test]
fn terms_of_zero_width_characters_only_are_refused_at_their_place() {
    for zw in [
        "\u{200B}",
        "\u{200C}",
        "\u{200D}",
        "\u{FEFF}",
        "\u{200B}\u{FEFF}",
    ] {
        let term = format!("\"{zw}\"");
        // In a concept: line 11 of the set rule_set_with_terms writes.
        let (line, column, message) = rule_error_at(&rule_set_with_terms(&term));
        assert_eq!((line, column), (11, 10), "{message}");
        assert!(message.contains("empty"), "{message}");
        // In the chrome markers, the plan cues and the boilerplate phrases.
        for (table, key) in [
            ("chrome", "line_markers"),
            ("findings.not_a_report", "terms"),
            ("similarity", "boilerplate"),
            ("negation", "before"),
            ("dictionary", "words"),
        ] {
            let source = format!(
                "{}[{table}]\n{key} = [\"普法\", {term}]\n",
                rule_set_with_terms("\"普法\"")
            );
            let (line, column, message) = rule_error_at(&source);
            assert_eq!(
                (line, column),
                (13, key.len() + 11),
                "{table}.{key}: {message}"
            );
        }
    }
}

#[test]
fn a_term_with_a_zero_width_character_inside_matches_and_never_panics() {
    let rules = RuleSet::from_toml(&rule_set_with_terms("\"普\u{200B}法\""), "zw.toml").unwrap();
    let checker = Checker::new(rules);
    let report = checker.check_str("镇里开展普法宣传。\n");
    assert_eq!(report.areas[0].evidence.len(), 1);
}

#[test]
fn numbers_out_of_range_are_refused_at_their_place() {
    let base = rule_set_with_terms("\"普法\"");
    let cases = [
        (
            "heading_bonus",
            format!("[scoring]\nheading_bonus = 4294967290\n{base}"),
            2,
            17,
        ),
        (
            "weight",
            base.replace("weight = 1", "weight = 1e308"),
            8,
            10,
        ),
        (
            "year_offset",
            format!("{base}year_offset = 2147483647\n"),
            12,
            15,
        ),
        (
            "min_sentences",
            base.replace("weight = 1\n", "weight = 1\nmin_sentences = 4000000000\n"),
            9,
            17,
        ),
        (
            "min_chars",
            format!("{base}[findings.too_short]\nmin_chars = 9000000000000\n"),
            13,
            13,
        ),
    ];
    for (key, source, line, column) in cases {
        let (l, c, message) = rule_error_at(&source);
        assert_eq!((l, c), (line, column), "{key}: {message}");
        assert!(message.contains(key), "{key}: {message}");
    }
    // At the bounds the set loads and a report gets a finite score.
    let edge = format!(
        "[scoring]\nheading_bonus = 100\n{}year_offset = -100\n",
        base.replace("weight = 1", "weight = 1000000")
    );
    let checker = Checker::new(RuleSet::from_toml(&edge, "edge.toml").unwrap());
    let report = checker.check_str("一、普法宣传\n开展普法宣传。\n2022年\n");
    assert!(report.score.is_finite());
}

#[test]
fn text_output_makes_control_and_bidi_characters_visible() {
    let hostile = "\u{1b}[2J\u{1b}]0;owned\u{7}\u{9b}31m\u{202e}";
    let text = format!(
        "某镇2023年法治政府建设工作报告{hostile}\n一、加强组织领导{hostile}\n成立法治政府建设领导小组{hostile}，开展普法宣传。\n"
    );
    let report = checker().check_str(&text);
    let name = format!("a{hostile}.txt");
    let options = fazhi_check::render::TextOptions {
        outline: true,
        evidence_per_area: 10,
        ..Default::default()
    };
    let explained = checker().explain_str(&text).1;
    let mut summary = fazhi_check::Summary::for_rules(checker().rules());
    summary.add(&name, &Ok(report.clone()));
    summary.add(
        &name,
        &Err(Error::Read {
            source: std::io::Error::other(format!("gone{hostile}")),
        }),
    );
    for out in [
        fazhi_check::render::text(&name, &Ok(report.clone()), &options),
        fazhi_check::render::text(
            &name,
            &Err(Error::Read {
                source: std::io::Error::other(hostile),
            }),
            &options,
        ),
        fazhi_check::render::explanation_text(&name, &explained, &options),
        fazhi_check::render::summary(&summary, &options),
    ] {
        for c in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(!out.contains(c), "{c:?} in {out:?}");
        }
        assert!(out.contains("\\u{1b}[2J"), "{out}");
    }
    let colored = fazhi_check::render::text(
        &name,
        &Ok(report),
        &fazhi_check::render::TextOptions {
            color: true,
            ..options
        },
    );
    assert!(!colored.contains("\u{1b}[2J") && !colored.contains('\u{202e}'));
    assert!(colored.contains("\u{1b}["), "colours stay");
}

#[test]
fn crlf_and_cr_only_line_ends_are_line_ends() {
    for end in ["\n", "\r\n", "\r"] {
        let text = [
            "某镇2023年法治政府建设工作报告",
            "一、加强组织领导",
            "成立法治政府建设领导小组。",
            "",
        ]
        .join(end);
        let report = checker().check_str(&text);
        let e = &report.area("leadership").unwrap().evidence[0];
        assert_eq!((e.line, e.column), (3, 9), "{end:?}");
        assert_eq!(report.outline[0].line, 2, "{end:?}");
    }
}

#[test]
fn a_highlight_covers_a_zero_width_character_inside_the_term() {
    let text = "某镇2023年法治政府建设工作报告\n成立法治政府建设领导\u{200B}小组。\n";
    let report = checker().check_str(text);
    let page = fazhi_check::render::html::report_page("a.txt", text, &report, &Default::default());
    assert!(page.contains("领导\u{200B}小组</mark>"), "{page}");
    // With CR-only line ends the marks land on their lines too.
    let cr = text.replace('\n', "\r");
    let page = fazhi_check::render::html::report_page(
        "a.txt",
        &cr,
        &checker().check_str(&cr),
        &Default::default(),
    );
    assert!(page.contains("领导\u{200B}小组</mark>"), "{page}");
}

#[test]
fn a_hundred_thousand_nested_tags_are_read() {
    // Measured, not timed here: see README (under a second in a debug build).
    let html = format!(
        "<html><body>{}<p>镇政府开展普法宣传。</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let extracted = fazhi_check::extract(html.as_bytes(), Some("deep.html")).unwrap();
    assert!(
        extracted.text.contains("镇政府开展普法宣传。"),
        "{}",
        extracted.text
    );
    // Nesting within the bound is read as before: the paragraphs keep their line breaks.
    let shallow = format!(
        "<html><body>{}<p>第一段。</p><p>第二段。</p>{}</body></html>",
        "<div>".repeat(100),
        "</div>".repeat(100)
    );
    let text = fazhi_check::extract(shallow.as_bytes(), Some("a.html"))
        .unwrap()
        .text;
    assert!(text.contains("第一段。\n"), "{text:?}");
}

#[test]
fn extends_reads_only_built_in_sets_and_files_under_the_rule_files_folder() {
    let dir = temp_dir("hostile", "extends");
    let secret = dir.join("secret.txt");
    std::fs::write(&secret, "root_password = \"hunter2\"\n").unwrap();
    let inner = dir.join("rules");
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::write(
        inner.join("base.toml"),
        rule_set_with_terms("\"普法\"").replace("name = \"x\"", "name = \"base\""),
    )
    .unwrap();
    for target in [
        secret.display().to_string(),
        "../secret.txt".to_string(),
        "/etc/passwd".to_string(),
    ] {
        let file = inner.join("mine.toml");
        std::fs::write(
            &file,
            format!("[rule_set]\nextends = \"{target}\"\nname = \"mine\"\n"),
        )
        .unwrap();
        let err = RuleSet::from_path(&file).unwrap_err().to_string();
        assert!(err.contains("extends"), "{err}");
        assert!(
            !err.contains("root_password") && !err.contains("root:"),
            "{err}"
        );
    }
    let file = inner.join("mine.toml");
    std::fs::write(
        &file,
        "[rule_set]\nextends = \"base.toml\"\nname = \"mine\"\n",
    )
    .unwrap();
    assert_eq!(RuleSet::from_path(&file).unwrap().name, "mine");
    // A set given as text names only built-in sets.
    let err = RuleSet::from_toml(
        "[rule_set]\nextends = \"base.toml\"\nname = \"mine\"\n",
        "text.toml",
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("extends"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[cfg(unix)]
#[test]
fn rule_files_that_never_end_or_never_open_are_refused() {
    let err = RuleSet::from_path("/dev/zero").unwrap_err().to_string();
    assert!(err.contains("/dev/zero"), "{err}");
    let dir = temp_dir("hostile", "rules-fifo");
    let fifo = dir.join("rules.toml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let err = RuleSet::from_path(&fifo).unwrap_err().to_string();
    assert!(err.contains("不是普通文件"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn texts_of_more_lines_than_a_report_has_are_refused_and_tags_are_bounded() {
    // Memory is measured, not tested here (README: peak RSS on 50 MiB of blank lines and of <p>).
    let max = fazhi_check::read::extract::MAX_LINES;
    for end in ["\n", "\r", "\r\n"] {
        let many = end.repeat(max);
        match checker().check_bytes(many.as_bytes()) {
            Err(Error::NotText { reason }) => {
                assert!(reason.contains("超过报告可有的"), "{reason}")
            }
            other => panic!("{end:?}: expected NotText, got {other:?}"),
        }
        let fewer = end.repeat(max - 1);
        assert!(checker().check_bytes(fewer.as_bytes()).is_ok(), "{end:?}");
    }
    // More tags than a page has: the page is still read, the tags past the bound as text.
    let page = format!(
        "<html><body><p>镇政府开展普法宣传。</p>{}</body></html>",
        "<p>".repeat(300_000)
    );
    let report = checker().check_bytes(page.as_bytes()).unwrap();
    assert!(report.area("publicity").is_some());
}

//! Loading rule sets: every error names the file, line, column and key.

mod common;

use fazhi_check::{Error, RuleSet};

const GOOD: &str = r#"[rule_set]
name = "t"
version = "1"
pass_threshold = 60

[[areas]]
id = "publicity"
title = "法治宣传"
weight = 10
scope = "own"
heading_cues = ["普法"]
present = 2
weak = 1

[[areas.concepts]]
id = "pufa"
terms = ["普法"]

[[areas.concepts]]
id = "study"
terms = ["学法"]
"#;

/// Loads `source` and returns (line, column, key, English message) of the error, after checking
/// that the message shown by default is in Chinese.
fn error_of(source: &str) -> (usize, usize, Option<String>, String) {
    match RuleSet::from_toml(source, "rules/test.toml") {
        Err(Error::RuleSet {
            position,
            key,
            message,
            message_en,
            ..
        }) => {
            assert_eq!(position.origin, "rules/test.toml");
            assert!(
                message
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "not in Chinese: {message}"
            );
            (position.line, position.column, key, message_en)
        }
        other => panic!("expected a rule-set error, got {other:?}"),
    }
}

#[test]
fn every_rule_set_under_rules_loads() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            RuleSet::from_path(&path).unwrap_or_else(|e| panic!("{e}"));
            count += 1;
        }
    }
    assert!(count >= 1);
    let builtin = RuleSet::builtin();
    let ids: Vec<&str> = builtin.areas.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, common::AREAS);
}

#[test]
fn the_good_example_loads() {
    let rules = RuleSet::from_toml(GOOD, "t").unwrap();
    assert_eq!(rules.areas[0].concepts.len(), 2);
    assert_eq!(rules.max_score(&rules.areas[0]), 100.0);
}

#[test]
fn a_misspelt_key_is_an_error_at_its_line() {
    let (line, column, key, message) = error_of(&GOOD.replace("present = 2", "presnt = 2"));
    assert_eq!((line, column), (12, 1));
    assert_eq!(key.as_deref(), Some("areas.presnt"));
    assert!(message.contains("unknown field `presnt`"), "{message}");
}

#[test]
fn a_value_of_the_wrong_type_is_an_error_at_its_line() {
    let (line, _, key, message) = error_of(&GOOD.replace("weight = 10", "weight = \"ten\""));
    assert_eq!(line, 9);
    assert_eq!(key.as_deref(), Some("areas.weight"));
    assert!(message.contains("invalid type"), "{message}");
}

#[test]
fn toml_syntax_errors_have_a_position() {
    let (line, _, _, _) = error_of(&GOOD.replace("terms = [\"学法\"]", "terms = [\"学法\""));
    assert_eq!(line, 21);
}

#[test]
fn semantic_errors_name_the_area() {
    let duplicate = GOOD.to_string()
        + "\n[[areas]]\nid = \"publicity\"\ntitle = \"x\"\nweight = 1\npresent = 1\nweak = 1\n[[areas.concepts]]\nid = \"c\"\nterms = [\"x\"]\n";
    let (line, column, key, message) = error_of(&duplicate);
    assert_eq!((line, column), (24, 6));
    assert_eq!(key.as_deref(), Some("areas.id"));
    assert!(
        message.contains("duplicate area id `publicity`"),
        "{message}"
    );

    let (line, _, key, message) = error_of(&GOOD.replace("present = 2", "present = 3"));
    assert_eq!(line, 12);
    assert_eq!(key.as_deref(), Some("areas.publicity.present"));
    assert!(message.contains("only 2 concepts"), "{message}");

    let share = GOOD.to_string() + "\n[similarity]\nmin_share = 1.5\n";
    let (line, _, key, message) = error_of(&share);
    assert_eq!(line, GOOD.lines().count() + 3);
    assert_eq!(key.as_deref(), Some("similarity.min_share"));
    assert!(message.contains("at most 1"), "{message}");

    // The other thresholds of copied text, each refused at its line with its key.
    for (entry, key, says) in [
        (
            "min_passage = 5",
            "similarity.min_passage",
            "from 10 to 1000",
        ),
        ("template_share = 0", "similarity.template_share", "above 0"),
        (
            "template_reports = 1",
            "similarity.template_reports",
            "from 2 to 100000",
        ),
    ] {
        let text = GOOD.to_string() + "\n[similarity]\nmin_share = 0.4\n" + entry + "\n";
        let (line, _, got, message) = error_of(&text);
        assert_eq!(line, GOOD.lines().count() + 4, "{entry}");
        assert_eq!(got.as_deref(), Some(key));
        assert!(message.contains(says), "{message}");
    }
    let fine = GOOD.to_string()
        + "\n[similarity]\nmin_passage = 40\ntemplate_share = 0.3\ntemplate_reports = 20\n";
    let rules = RuleSet::from_toml(&fine, "fine.toml").unwrap();
    assert_eq!(rules.similarity.min_passage, 40);
    assert_eq!(rules.similarity.template_reports, 20);
    assert!((rules.similarity.template_share - 0.3).abs() < 1e-12);

    let (line, _, key, message) = error_of(&GOOD.replace("weight = 10", "weight = 0"));
    assert_eq!(line, 9);
    assert_eq!(key.as_deref(), Some("areas.publicity.weight"));
    assert!(message.contains("greater than zero"), "{message}");

    let (line, _, key, message) = error_of(&GOOD.replace("terms = [\"学法\"]", "terms = []"));
    assert_eq!(line, 21);
    assert_eq!(key.as_deref(), Some("areas.publicity.concepts.study.terms"));
    assert!(message.contains("concept `study` is empty"), "{message}");

    let (_, _, key, message) = error_of(&GOOD.replace("weak = 1", "weak = 3"));
    assert_eq!(key.as_deref(), Some("areas.publicity.weak"));
    assert!(
        message.contains("weak must be from 1 to present"),
        "{message}"
    );

    let (_, _, key, _) = error_of(&GOOD.replace("\"普法\"", "\"普 法\""));
    assert_eq!(key.as_deref(), Some("areas.publicity.concepts.pufa.terms"));
}

#[test]
fn errors_display_file_line_and_key() {
    let err = RuleSet::from_toml(
        &GOOD.replace("present = 2", "presnt = 2"),
        "rules/test.toml",
    )
    .unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.starts_with("rules/test.toml:12:1: 不认识的键 `presnt`（可用的键："),
        "{shown}"
    );
    assert!(shown.ends_with("（键 `areas.presnt`）"), "{shown}");
    let english = err.english();
    assert!(
        english.starts_with("rules/test.toml:12:1: unknown field `presnt`"),
        "{english}"
    );
    assert!(english.ends_with("(key `areas.presnt`)"), "{english}");
    // A value of the wrong type, in the reader's words.
    let err = RuleSet::from_toml(
        &GOOD.replace("weight = 10", "weight = \"ten\""),
        "rules/test.toml",
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("类型不对：应为数字，此处为文字"), "{err}");
}

#[test]
fn a_missing_file_is_an_io_error_naming_it() {
    let err = RuleSet::from_path("no/such/rules.toml").unwrap_err();
    assert!(matches!(err, Error::RuleSetIo { .. }));
    assert!(err.to_string().contains("no/such/rules.toml"));
}

#[test]
fn built_in_rule_sets_by_name_extend_the_township_set() {
    for name in RuleSet::BUILTIN_NAMES {
        let rules = RuleSet::named(name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(&rules.name, name);
    }
    assert!(RuleSet::named("nonsense").is_none());
    let county = RuleSet::named("county").unwrap();
    let ids: Vec<&str> = county.areas.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), 10);
    assert_eq!(ids[9], "supervision");
    assert_eq!(county.area("approval").unwrap().title, "政府职能与政务服务");
    assert!(
        county
            .area("approval")
            .unwrap()
            .concepts
            .iter()
            .any(|c| c.id == "digital_government")
    );
    // What county does not change, it inherits.
    assert_eq!(
        county.area("leadership"),
        RuleSet::builtin().area("leadership")
    );
    assert_eq!(county.pass_threshold, RuleSet::builtin().pass_threshold);

    let department = RuleSet::named("department").unwrap();
    let disputes = department.area("disputes").unwrap();
    assert!(
        !disputes
            .concepts
            .iter()
            .any(|c| c.id == "grassroots_governance")
    );
    assert!(disputes.concepts.iter().any(|c| c.id == "complaints"));
    let pufa = department
        .area("publicity")
        .unwrap()
        .concepts
        .iter()
        .find(|c| c.id == "pufa_system")
        .unwrap();
    assert!(pufa.terms.contains(&"执法普法".to_string()));
}

#[test]
fn an_extending_file_is_checked_strictly() {
    let dir = std::env::temp_dir().join(format!("fazhi-extends-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let base = dir.join("base.toml");
    std::fs::write(&base, GOOD).unwrap();
    let child = dir.join("child.toml");
    std::fs::write(&child, "[rule_set]\nextends = \"base.toml\"\nname = \"child\"\n\n[[areas]]\nid = \"publicity\"\npresent = 1\n\n[[areas.concepts]]\nid = \"study\"\ndrop = true\n").unwrap();
    let rules = RuleSet::from_path(&child).unwrap();
    assert_eq!(rules.name, "child");
    assert_eq!(rules.version, "1");
    assert_eq!(rules.areas[0].present, 1);
    assert_eq!(rules.areas[0].concepts.len(), 1);

    // A misspelt key in the extending file is an error at its line.
    std::fs::write(
        &child,
        "[rule_set]\nextends = \"base.toml\"\n\n[[areas]]\nid = \"publicity\"\npresnt = 1\n",
    )
    .unwrap();
    let err = RuleSet::from_path(&child).unwrap_err().to_string();
    assert!(err.contains("child.toml:6:1"), "{err}");
    assert!(err.contains("presnt"), "{err}");

    // A change that breaks the merged set names the area in the extending file.
    std::fs::write(
        &child,
        "[rule_set]\nextends = \"base.toml\"\n\n[[areas]]\nid = \"publicity\"\npresent = 5\n",
    )
    .unwrap();
    let err = RuleSet::from_path(&child).unwrap_err().to_string();
    assert!(err.contains("child.toml:5:"), "{err}");
    assert!(err.contains("只有 2 个概念"), "{err}");

    // An unknown base.
    std::fs::write(&child, "[rule_set]\nextends = \"nowhere.toml\"\n").unwrap();
    let err = RuleSet::from_path(&child).unwrap_err().to_string();
    assert!(
        err.contains("child.toml:2:1") && err.contains("既不是内置规则集"),
        "{err}"
    );

    // A cycle ends with an error, not a hang.
    std::fs::write(&child, "[rule_set]\nextends = \"child.toml\"\n").unwrap();
    let err = RuleSet::from_path(&child).unwrap_err().to_string();
    assert!(err.contains("是否形成了循环"), "{err}");
}

#[test]
fn built_in_rule_sets_agree_with_their_own_examples() {
    for name in RuleSet::BUILTIN_NAMES {
        let checker = fazhi_check::Checker::new(RuleSet::named(name).unwrap());
        let errors: Vec<String> = fazhi_check::lint(&checker, &[])
            .into_iter()
            .filter(|l| l.severity == fazhi_check::Severity::Error)
            .map(|l| l.to_string())
            .collect();
        assert!(errors.is_empty(), "{name}:\n{}", errors.join("\n"));
    }
}

#[test]
fn an_example_the_rule_contradicts_is_an_error_at_its_line() {
    let source = GOOD.replace("terms = [\"普法\"]", "terms = [\"普法\"]\nexamples = [\"开展学法活动。\"]\nnegated_examples = [\"开展普法活动。\"]");
    let checker = fazhi_check::Checker::new(RuleSet::from_toml(&source, "t.toml").unwrap());
    let found: Vec<fazhi_check::Lint> = fazhi_check::lint(&checker, &[])
        .into_iter()
        .filter(|l| l.code == "example")
        .collect();
    let lints: Vec<String> = found.iter().map(|l| l.english()).collect();
    assert_eq!(lints.len(), 2, "{lints:?}");
    assert!(lints[0].starts_with("t.toml:18:13: error[example]: the example 「开展学法活动。」 should show publicity.pufa"), "{}", lints[0]);
    assert!(
        lints[1].contains("should be negated for publicity.pufa, but the rule finds 「普法」"),
        "{}",
        lints[1]
    );
    // What a rule author reads by default: in Chinese.
    let shown: Vec<String> = found.iter().map(|l| l.to_string()).collect();
    assert!(
        shown[0].starts_with(
            "t.toml:18:13: 错误[example]: 例句「开展学法活动。」应计入 publicity.pufa"
        ),
        "{}",
        shown[0]
    );
    assert!(shown[1].contains("应被否定而不计入"), "{}", shown[1]);
}

#[test]
fn lint_warns_about_terms_and_learns_from_reports() {
    let source = GOOD.replace(
        "terms = [\"学法\"]",
        "terms = [\"学法\", \"普法\", \"调解\"]",
    );
    // A one-character term is refused by the loader, at its position.
    let (line, _, key, message) =
        error_of(&GOOD.replace("terms = [\"学法\"]", "terms = [\"学法\", \"宪\"]"));
    assert_eq!(line, 21);
    assert_eq!(key.as_deref(), Some("areas.publicity.concepts.study.terms"));
    assert!(message.contains("one character"), "{message}");
    let checker = fazhi_check::Checker::new(RuleSet::from_toml(&source, "t.toml").unwrap());
    let corpus = [
        "积极协调解决群众诉求。协调解决纠纷。协调解决问题。",
        "开展普法活动。",
    ];
    let lints = fazhi_check::lint(&checker, &corpus);
    let codes: Vec<&str> = lints.iter().map(|l| l.code.as_str()).collect();
    for code in ["duplicate-term", "inside-words", "dead-term"] {
        assert!(codes.contains(&code), "{code} in {lints:#?}");
    }
    let inside = lints.iter().find(|l| l.code == "inside-words").unwrap();
    assert!(
        inside.message.contains("「调解」") && inside.message.contains("协调解决"),
        "{}",
        inside.message
    );
    assert_eq!(inside.line, Some(21));
}

/// The published JSON Schema is the one the types generate (`FAZHI_BLESS=1` rewrites it).
#[test]
fn the_published_json_schema_is_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rule-set.schema.json");
    let generated = fazhi_check::rules::json_schema() + "\n";
    if std::env::var_os("FAZHI_BLESS").is_some_and(|v| !v.is_empty()) {
        std::fs::write(&path, &generated).unwrap();
    }
    let published = std::fs::read_to_string(&path).unwrap();
    assert!(
        published == generated,
        "docs/rule-set.schema.json is stale: run FAZHI_BLESS=1 cargo test --test rule_sets"
    );
    let schema: serde_json::Value = serde_json::from_str(&published).unwrap();
    let area = &schema["$defs"]["RawArea"]["properties"];
    for key in [
        "id",
        "title",
        "weight",
        "required",
        "scope",
        "present",
        "weak",
        "heading_cues",
        "concepts",
        "examples",
    ] {
        assert!(area.get(key).is_some(), "schema lacks areas.{key}");
    }
    assert_eq!(schema["$defs"]["RawArea"]["additionalProperties"], false);
}

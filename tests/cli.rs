//! The example program's contract: JSON Lines fields, text output, exit codes, bad files in a batch.
//! `cargo test` builds the examples, so the binary is beside the test executable.

mod common;

use std::path::Path;

use common::{run, temp_dir};

const GOOD: &str = "某镇2022年法治政府建设工作报告\n一、加强组织领导\n成立法治政府建设领导小组，镇党委书记履行第一责任人职责，全年召开专题会议3次研究部署。\n二、存在问题\n普法形式比较单一，执法人员业务能力不强。\n三、下一步工作打算\n一是继续加强组织领导；二是深化普法宣传。\n";

#[test]
fn json_lines_follow_the_contract_and_bad_files_do_not_stop_the_batch() {
    let dir = temp_dir("cli", "json");
    let good = dir.join("good.txt");
    std::fs::write(&good, GOOD).unwrap();
    let binary = dir.join("bad.docx");
    std::fs::write(&binary, b"PK\x03\x04\x00\x00binary").unwrap();
    let missing = dir.join("missing.txt");
    let out = run(&[
        "--format",
        "json",
        good.to_str().unwrap(),
        binary.to_str().unwrap(),
        missing.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    let first = &lines[0];
    assert_eq!(first["file"], good.to_str().unwrap());
    for key in ["score", "passed", "rule_set", "areas"] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    assert_eq!(first["rule_set"]["name"], "township");
    assert!(first["rule_set"]["version"].is_string());
    let areas = first["areas"].as_array().unwrap();
    assert_eq!(areas.len(), 9);
    let leadership = &areas[0];
    assert_eq!(leadership["id"], "leadership");
    assert_eq!(leadership["title"], "组织领导");
    assert_eq!(leadership["status"], "present");
    assert!(leadership["max_score"].as_f64().unwrap() > 0.0);
    let e = &leadership["evidence"][0];
    for key in ["term", "line", "column", "excerpt", "negated"] {
        assert!(e.get(key).is_some(), "evidence lacks {key}");
    }
    assert_eq!(e["line"], 3);
    let score = first["score"].as_f64().unwrap();
    assert!((0.0..=100.0).contains(&score));
    assert_eq!(lines[1]["file"], binary.to_str().unwrap());
    assert!(
        lines[1]["error"].as_str().unwrap().contains("docx"),
        "{}",
        lines[1]
    );
    assert!(lines[1].get("score").is_none());
    assert!(
        lines[2]["error"].as_str().unwrap().contains("无法读取"),
        "{}",
        lines[2]
    );
}

#[test]
fn exit_zero_when_every_report_passes() {
    let dir = temp_dir("cli", "pass");
    let good = dir.join("good.txt");
    let full = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples/sample/青石镇2023年法治政府建设工作报告.txt"),
    );
    let Ok(full) = full else { return };
    std::fs::write(&good, full).unwrap();
    let out = run(&[good.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("通过"), "{stdout}");
    assert!(!stdout.contains("\u{1b}["), "no colour when piped");
}

#[test]
fn text_output_shows_positions_and_what_was_looked_for() {
    let dir = temp_dir("cli", "text");
    let good = dir.join("report.txt");
    std::fs::write(&good, GOOD).unwrap();
    let out = run(&[good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let name = good.to_str().unwrap();
    // The path once, at the top; evidence as line:column under it.
    assert!(stdout.starts_with(name), "{stdout}");
    assert_eq!(stdout.matches(name).count(), 1, "{stdout}");
    assert!(
        stdout.lines().any(|l| l.trim_start().starts_with("3:")),
        "{stdout}"
    );
    assert!(stdout.contains("组织领导"), "{stdout}");
    assert!(stdout.contains("查找了："), "{stdout}");
    // Warnings and a score under the mark, every required area there: changes are asked for.
    assert!(stdout.contains("（合格线 75）  需修改"), "{stdout}");
}

#[test]
fn usage_errors_and_bad_rule_sets_exit_two() {
    let out = run(&["--format", "yaml", "x.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!out.stderr.is_empty());
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(2));

    let dir = temp_dir("cli", "rules");
    let rules = dir.join("bad.toml");
    std::fs::write(
        &rules,
        "[rule_set]\nname = \"x\"\nversion = \"1\"\npass_threshold = 60\nbogus = 1\n",
    )
    .unwrap();
    let report = dir.join("r.txt");
    std::fs::write(&report, GOOD).unwrap();
    let out = run(&["--rules", rules.to_str().unwrap(), report.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing is checked");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains(&format!("{}:5:1", rules.display())),
        "{stderr}"
    );
    assert!(stderr.contains("bogus"), "{stderr}");
}

#[test]
fn figures_are_written_whole_to_their_own_file() {
    let dir = temp_dir("cli", "figures");
    let report = dir.join("r.txt");
    std::fs::write(&report, "一、化解矛盾纠纷\n人民调解委员会调解纠纷70件。\n").unwrap();
    let csv = dir.join("figures.csv");
    let out = run(&[
        "--format",
        "json",
        "--figures",
        csv.to_str().unwrap(),
        report.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the report fails; the figures are still written"
    );
    let written = std::fs::read_to_string(&csv).unwrap();
    assert!(
        written.starts_with("\u{feff}文件,单位,年度,方面,事项,数值,计量单位,行,列\r\n"),
        "{written}"
    );
    assert!(
        written.contains(",disputes,人民调解委员会调解纠纷,70,件,2,"),
        "{written}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left behind");
}

//! The legal office's terminal (issue 20, items 1, 2, 3 and 8): Chinese by default in the text
//! output, the summary, the error messages and `--help`, English with `--lang en`; verdicts and exit
//! statuses; `--format line`; standard input; the progress bar counts files.

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};

use common::ascii_words::{FORMAT_NAMES, ascii_words};
use common::{AREAS, check_binary, run, sample, temp_dir};

/// The sample as a saved page published on `published`.
fn page(published: &str) -> String {
    format!(
        "您当前的位置：首页 > 法治政府建设\n发布机构：云溪县青石镇人民政府\n发布日期：{published}\n\n{}",
        sample()
    )
}

/// Ids the outputs may show as they are: areas, findings, rule sets.
const IDS: &[&str] = &[
    "late",
    "not_a_report",
    "stale_year",
    "first_responsibility",
    "too_short",
    "title",
    "copied_text",
    "repeated_text",
    "no_publication_date",
    "missing_area",
    "township",
];

/// A folder as an office receives it: a report on time, a late one, a plan, a short one, and a
/// file that is no report. One folder per test (`test`), since the tests run at once: a shared one
/// was emptied by one test while another read it.
fn inbox(test: &str) -> PathBuf {
    let dir = temp_dir("office", &format!("inbox-{test}"));
    std::fs::write(dir.join("a-ontime.txt"), page("2024-03-20")).unwrap();
    std::fs::write(dir.join("b-late.txt"), page("2024年4月15日")).unwrap();
    std::fs::write(
        dir.join("c-plan.txt"),
        sample().replacen("一、", "结合本镇实际，制定本方案。\n一、", 1),
    )
    .unwrap();
    std::fs::write(
        dir.join("d-short.txt"),
        "一、加强组织领导\n成立领导小组。\n",
    )
    .unwrap();
    std::fs::write(dir.join("e-scan.docx"), b"PK\x03\x04\x00\x00binary").unwrap();
    std::fs::write(
        dir.join("f-stale.txt"),
        page("2024-03-20").replace("2024年工作打算", "2023年工作打算"),
    )
    .unwrap();
    dir
}

/// The English words of an output, file names and ids aside.
fn english(text: &str, dir: &Path) -> Vec<(usize, String)> {
    let dir = dir.to_str().unwrap().to_string();
    let mut allowed: Vec<&str> = vec![dir.as_str()];
    allowed.extend(AREAS);
    allowed.extend(IDS);
    allowed.extend(FORMAT_NAMES);
    allowed.extend([
        "a-ontime.txt",
        "b-late.txt",
        "c-plan.txt",
        "d-short.txt",
        "e-scan.docx",
        "f-stale.txt",
    ]);
    ascii_words(text, &allowed)
}

#[test]
fn the_scan_finds_english_and_leaves_ids_paths_and_numbers() {
    let text =
        "a/b c.txt  组织领导 [leadership]  得分 80.0/100  next_steps R2 3:14\n  score 80 PASS\n";
    let found = ascii_words(text, &["leadership"]);
    assert_eq!(
        found,
        vec![(2, "score".to_string()), (2, "PASS".to_string())]
    );
}

#[test]
fn text_output_and_summary_are_chinese_by_default() {
    let dir = inbox("text_output_and_summary_are_chinese_by_default");
    let out = run(&[dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let found = english(&stdout, &dir);
    assert!(
        found.is_empty(),
        "English in the text output: {found:?}\n{stdout}"
    );
    let found = english(&stderr, &dir);
    assert!(
        found.is_empty(),
        "English in the messages: {found:?}\n{stderr}"
    );
    for word in ["通过", "退回", "需修改", "汇总", "问题（按编号）", "得分"] {
        assert!(stdout.contains(word), "{word}: {stdout}");
    }

    let out = run(&["--lang", "en", dir.to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    for word in [
        "score",
        "pass mark",
        "summary",
        "sent back",
        "findings by id",
    ] {
        assert!(stdout.contains(word), "{word}: {stdout}");
    }
    assert!(!stdout.contains("汇总"), "{stdout}");
}

#[test]
fn error_messages_are_chinese_by_default() {
    let dir = temp_dir("office", "errors");
    let missing = dir.join("missing.txt");
    let cases: Vec<Vec<String>> = vec![
        vec![missing.to_str().unwrap().to_string()],
        vec![
            "--rules".into(),
            dir.join("nosuch.toml").to_str().unwrap().to_string(),
            missing.to_str().unwrap().to_string(),
        ],
        vec![
            "--summary-only".into(),
            "--format".into(),
            "json".into(),
            missing.to_str().unwrap().to_string(),
        ],
        vec![
            "--previous".into(),
            missing.to_str().unwrap().to_string(),
            missing.to_str().unwrap().to_string(),
        ],
        vec!["--fail-under".into(), "120".into(), "甲.txt".into()],
        vec![dir.to_str().unwrap().to_string()],
    ];
    for args in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&args);
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap();
        assert!(!text.trim().is_empty(), "{args:?}");
        let mut allowed: Vec<&str> = vec![dir.to_str().unwrap()];
        allowed.extend(args.iter().filter(|a| a.starts_with("--")));
        allowed.extend(AREAS);
        allowed.extend(FORMAT_NAMES);
        allowed.push("text"); // the value of --format a message names
        let found: Vec<_> = ascii_words(&text, &allowed);
        assert!(found.is_empty(), "{args:?}: English: {found:?}\n{text}");
    }
}

#[test]
fn help_is_chinese_and_english_with_lang_en() {
    let out = run(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8(out.stdout).unwrap();
    for word in ["用法：", "选项", "参数", "退出状态", "显示帮助", "标准输入"] {
        assert!(help.contains(word), "{word}: {help}");
    }
    // Option names, value names and the possible values are what is typed; the words are Chinese.
    let prose: Vec<_> = ascii_words(&help, &[])
        .into_iter()
        .filter(|(_, w)| !FORMAT_NAMES.contains(&w.as_str()))
        .filter(|(_, w)| !w.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        .collect();
    assert!(prose.is_empty(), "{prose:?}\n{help}");

    let out = run(&["--help", "--lang", "en"]);
    let help = String::from_utf8(out.stdout).unwrap();
    for word in ["Usage:", "Options:", "Print help", "Exit status"] {
        assert!(help.contains(word), "{word}: {help}");
    }
}

#[test]
fn exit_statuses_follow_the_verdicts() {
    let dir = temp_dir("office", "exit");
    let ontime = dir.join("ontime.txt");
    std::fs::write(&ontime, page("2024-03-20")).unwrap();
    let late = dir.join("late.txt");
    std::fs::write(&late, page("2024年4月15日")).unwrap();
    let ontime = ontime.to_str().unwrap();
    assert_eq!(run(&[ontime]).status.code(), Some(0), "通过");
    let out = run(&["--format", "json", late.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "退回");
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["verdict"], "return");
    assert_eq!(record["passed"], false);
    assert_eq!(record["score"], 100.0, "sent back with every area there");
    // A pass mark above the score asks for changes: exit 1, verdict revise.
    let short = dir.join("short.txt");
    std::fs::write(
        &short,
        sample()
            .replace("第一责任人", "负责人")
            .replace("主要负责人履行", "负责人落实"),
    )
    .unwrap();
    let out = run(&["--format", "json", "--fail-under", "0", ontime]);
    assert_eq!(out.status.code(), Some(0));
    let out = run(&[
        "--format",
        "json",
        "--fail-under",
        "100",
        short.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["verdict"], "revise", "{record}");
    assert_eq!(run(&["--format", "yaml", ontime]).status.code(), Some(2));
}

#[test]
fn line_format_gives_one_line_per_finding_and_missing_area() {
    let dir = inbox("line_format_gives_one_line_per_finding_and_missing_area");
    let out = run(&["--format", "line", "--no-copies", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let pattern =
        regex::Regex::new(r"^(.+):(\d+):(\d+): (error|warning|info)\[([a-z_]+)\] \S").unwrap();
    let mut ids = Vec::new();
    for line in stdout.lines() {
        let m = pattern
            .captures(line)
            .unwrap_or_else(|| panic!("not file:line:column: severity[id] message: {line}"));
        assert!(m[1].starts_with(dir.to_str().unwrap()), "{line}");
        ids.push((
            m[1].rsplit('/').next().unwrap().to_string(),
            m[5].to_string(),
        ));
    }
    let has = |file: &str, id: &str| ids.iter().any(|(f, i)| f == file && i == id);
    assert!(has("b-late.txt", "late"), "{stdout}");
    assert!(has("c-plan.txt", "not_a_report"), "{stdout}");
    assert!(has("d-short.txt", "too_short"), "{stdout}");
    assert!(has("d-short.txt", "missing_area"), "{stdout}");
    assert!(has("e-scan.docx", "unreadable"), "{stdout}");
    assert!(has("f-stale.txt", "stale_year"), "{stdout}");
    assert!(!ids.iter().any(|(f, _)| f == "a-ontime.txt"), "{stdout}");
    let late = stdout.lines().find(|l| l.contains("[late]")).unwrap();
    assert!(late.contains(":3:6: error[late] "), "{late}");
}

#[test]
fn a_dash_reads_standard_input() {
    let mut child = Command::new(check_binary())
        .args(["--format", "json", "-"])
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page("2024-03-20").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["file"], "-");
    assert_eq!(record["verdict"], "pass");
    assert_eq!(
        run(&["-", "-"]).status.code(),
        Some(2),
        "standard input once only"
    );
}

#[derive(Default)]
struct Counting {
    starts: std::sync::Mutex<Vec<u64>>,
    stages: std::sync::Mutex<Vec<String>>,
    advanced: AtomicU64,
}

impl fazhi_check::batch::Progress for Counting {
    fn stage(&self, label: &str) {
        self.stages.lock().unwrap().push(label.to_string());
    }
    fn start(&self, total: u64) {
        self.starts.lock().unwrap().push(total);
    }
    fn advance(&self) {
        self.advanced.fetch_add(1, Ordering::Relaxed);
    }
}

#[test]
fn the_progress_counts_files_in_each_pass() {
    use fazhi_check::batch;
    use fazhi_check::{Checker, RuleSet, Summary};
    let dir = inbox("the_progress_counts_files_in_each_pass");
    let checker = Checker::new(RuleSet::builtin());
    let mut summary = Summary::for_rules(checker.rules());
    let items = batch::collect(std::slice::from_ref(&dir), &mut summary);
    assert_eq!(items.len(), 6);
    let progress = Counting::default();
    let options = batch::Options {
        format: batch::Format::Json,
        ..batch::Options::default()
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    batch::run(
        &checker, &options, &items, summary, &mut out, &mut err, &progress,
    );
    assert_eq!(
        *progress.starts.lock().unwrap(),
        [6, 6],
        "each pass counts the 6 files"
    );
    assert_eq!(
        *progress.stages.lock().unwrap(),
        ["检查", "比对雷同文本"],
        "the checking and the comparison after it are named"
    );
    assert_eq!(progress.advanced.load(Ordering::Relaxed), 12);
}

/// Stops the run (as Ctrl-C does) once `after` files are checked.
struct StopAfter {
    after: u64,
    done: AtomicU64,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl fazhi_check::batch::Progress for StopAfter {
    fn advance(&self) {
        if self.done.fetch_add(1, Ordering::SeqCst) + 1 >= self.after {
            self.stop.store(true, Ordering::SeqCst);
        }
    }
}

#[test]
fn an_interrupted_batch_held_for_the_comparison_counts_the_files_it_checked() {
    use fazhi_check::batch;
    use fazhi_check::{Checker, RuleSet, Summary};
    let dir = inbox("an_interrupted_batch_held_for_the_comparison_counts_the_files_it_checked");
    let checker = Checker::new(RuleSet::builtin());
    let mut summary = Summary::for_rules(checker.rules());
    let items = batch::collect(std::slice::from_ref(&dir), &mut summary);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let progress = StopAfter {
        after: 2,
        done: AtomicU64::new(0),
        stop: stop.clone(),
    };
    let options = batch::Options {
        format: batch::Format::Json,
        stop: Some(stop),
        ..batch::Options::default()
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let exit = batch::run(
        &checker, &options, &items, summary, &mut out, &mut err, &progress,
    );
    let err = String::from_utf8(err).unwrap();
    assert_eq!(exit, batch::Exit::Interrupted, "{err}");
    // The outputs were held for the comparison, which never came: none is written, but the files
    // checked before the stop are counted.
    assert!(out.is_empty());
    let done: usize = err
        .split("个文件中完成 ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{err}"));
    assert!((2..=items.len()).contains(&done), "{err}");
}

#[test]
fn the_text_summary_lists_reports_by_verdict_sent_back_first() {
    let dir = inbox("the_text_summary_lists_reports_by_verdict_sent_back_first");
    // One town's reports in several versions: without --no-copies each would also be a
    // duplicate_submission, which this test is not about.
    let out = run(&["--summary-only", "--no-copies", dir.to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let at = |word: &str| {
        stdout
            .find(word)
            .unwrap_or_else(|| panic!("{word}: {stdout}"))
    };
    assert!(at("退回（") < at("需修改（"), "{stdout}");
    assert!(at("需修改（") < at("通过（"), "{stdout}");
    // The lowest scores never list a report that passed.
    let lowest = &stdout[at("得分最低")..];
    let lowest = &lowest[..lowest.find("无法读取").unwrap_or(lowest.len())];
    assert!(!lowest.contains("a-ontime.txt"), "{stdout}");
    assert!(lowest.contains("d-short.txt"), "{stdout}");
    // Findings tallied by id.
    let tally = &stdout[at("问题（按编号）")..];
    for id in ["late", "not_a_report", "too_short"] {
        assert!(tally.contains(id), "{id}: {stdout}");
    }
}

#[test]
fn the_explanation_is_chinese_by_default() {
    let dir = inbox("the_explanation_is_chinese_by_default");
    let file = dir.join("a-ontime.txt");
    let out = run(&["--explain", file.to_str().unwrap()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("概念"), "{stdout}");
    // Concept ids are ids: they stay English.
    let rules = fazhi_check::RuleSet::builtin();
    let concepts: Vec<&str> = rules
        .areas
        .iter()
        .flat_map(|a| a.concepts.iter().map(|c| c.id.as_str()))
        .collect();
    let found: Vec<_> = english(&stdout, &dir)
        .into_iter()
        .filter(|(_, w)| !concepts.contains(&w.as_str()))
        .collect();
    assert!(
        found.is_empty(),
        "English in the explanation: {found:?}\n{stdout}"
    );
}

//! The example program on a folder, as a legal office runs it in the first quarter: files in sorted
//! path order, hidden files and office junk skipped and counted, unreadable files and files of other
//! kinds (a picture) recorded, the
//! summary, the spreadsheet, `--summary-only`, `--fail-under` and the exit status.
//! `cargo test` builds the examples, so the binary is beside the test executable.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{check_binary, run};

use fazhi_check::RuleSet;
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reports")
}

/// Passes; fails on score alone (every required area there); passes; fails with a required area
/// missing.
const REPORTS: [(&str, &str); 4] = [
    ("乡镇/complete-street-2022.txt", "complete-street-2022"),
    ("乡镇/b/township-short-weak.txt", "township-short-weak"),
    ("部门/department-2022.txt", "department-2022"),
    ("部门/no-problems-no-plans.txt", "no-problems-no-plans"),
];

/// A folder of reports in nested folders, with a hidden file, a hidden folder, a Word lock file, a
/// picture and two files that cannot be checked.
struct Batch {
    dir: tempfile::TempDir,
}

impl Batch {
    fn new() -> Batch {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (to, fixture) in REPORTS {
            let to = root.join(to);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(fixtures().join(format!("{fixture}.txt")), &to).unwrap();
        }
        std::fs::write(root.join("部门/x.docx"), b"PK\x03\x04\x14\x00garbage").unwrap();
        std::fs::write(root.join("乡镇/b/bad.txt"), b"\xff\x80\x00\x01 not text").unwrap();
        std::fs::create_dir_all(root.join(".old")).unwrap();
        std::fs::copy(
            fixtures().join("negated-decisions.txt"),
            root.join(".old/negated-decisions.txt"),
        )
        .unwrap();
        std::fs::copy(
            fixtures().join("department-2022.txt"),
            root.join("部门/.draft.txt"),
        )
        .unwrap();
        std::fs::write(root.join("乡镇/scan.png"), b"\x89PNG\r\n\x1a\n").unwrap();
        std::fs::write(root.join("乡镇/~$township.docx"), b"\x05lock").unwrap();
        Batch { dir }
    }

    fn root(&self) -> &str {
        self.dir.path().to_str().unwrap()
    }

    /// The files that should be checked, in sorted path order.
    fn expected_files(&self) -> Vec<String> {
        let mut files: Vec<PathBuf> = REPORTS
            .iter()
            .map(|(to, _)| self.dir.path().join(to))
            .chain([
                self.dir.path().join("部门/x.docx"),
                self.dir.path().join("乡镇/b/bad.txt"),
                self.dir.path().join("乡镇/scan.png"),
            ])
            .collect();
        files.sort();
        files
            .into_iter()
            .map(|p| p.to_str().unwrap().to_string())
            .collect()
    }
}

fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn json_records_come_in_sorted_path_order_with_errors_in_place() {
    let batch = Batch::new();
    let out = run(&["--format", "json", batch.root()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let records = json_lines(&out);
    let files: Vec<&str> = records
        .iter()
        .map(|r| r["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, batch.expected_files());
    for r in &records {
        let file = r["file"].as_str().unwrap();
        if file.ends_with("x.docx") || file.ends_with("bad.txt") || file.ends_with("scan.png") {
            assert!(r["error"].is_string(), "{r}");
            assert!(r.get("score").is_none(), "{r}");
        } else {
            assert!(r["score"].is_number(), "{r}");
            assert_eq!(r["pass_threshold"], 75.0);
        }
    }
    // Skipped files are reported on stderr, since stdout is for the records; no progress bar off a
    // terminal.
    let err = stderr(&out);
    assert!(
        err.contains("跳过 3 个") && err.contains("隐藏 2 个") && err.contains("办公临时文件 1 个"),
        "{err}"
    );
    assert!(!err.contains("ETA"), "{err}");
}

#[test]
fn verdicts_follow_the_fixture_expectations() {
    let batch = Batch::new();
    let records = json_lines(&run(&["--format", "json", batch.root()]));
    for (to, fixture) in REPORTS {
        let file = batch.dir.path().join(to);
        let record = records
            .iter()
            .find(|r| r["file"] == file.to_str().unwrap())
            .unwrap();
        assert_eq!(record["passed"], expectation(fixture).passed, "{fixture}");
    }
}

struct Expectation {
    passed: bool,
    areas: BTreeMap<String, String>,
}

fn expectation(fixture: &str) -> Expectation {
    let text = std::fs::read_to_string(fixtures().join(format!("{fixture}.expect.toml"))).unwrap();
    let value: toml::Table = toml::from_str(&text).unwrap();
    Expectation {
        passed: value["passed"].as_bool().unwrap(),
        areas: value["areas"]
            .as_table()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
            .collect(),
    }
}

#[test]
fn text_batch_ends_with_a_summary_of_counts_areas_and_lowest_scores() {
    let batch = Batch::new();
    let out = run(&[batch.root()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    // Each file's verdict, in sorted path order, before the summary.
    let mut at = 0;
    for file in batch.expected_files() {
        let found = text[at..]
            .find(&file)
            .unwrap_or_else(|| panic!("{file} missing or out of order:\n{text}"));
        at += found;
    }
    let summary_at = text.find("汇总  ").expect("a summary");
    assert!(summary_at > at, "{text}");
    let summary = &text[summary_at..];
    assert!(
        summary.contains(
            "共 7 个文件：检查 4 份，通过 2，需修改 1，退回 1，无法读取 3；跳过 3 个（隐藏 2，办公临时文件 1）"
        ),
        "{summary}"
    );
    // Per area: how many of the four reports miss it and are weak on it, from the fixtures'
    // expectations.
    let rules = RuleSet::builtin();
    for area in &rules.areas {
        let count = |status: &str| {
            REPORTS
                .iter()
                .filter(|(_, f)| expectation(f).areas[&area.id] == status)
                .count()
        };
        let line = format!(
            "  {:>5}  {:>5}  {} [{}]",
            count("missing"),
            count("weak"),
            area.title,
            area.id
        );
        assert!(summary.contains(&line), "no `{line}` in\n{summary}");
    }
    // The lowest scores: the two reports that did not pass (never one that passed), lowest first,
    // with the scores the JSON records give.
    let records = json_lines(&run(&["--format", "json", batch.root()]));
    let mut scored: Vec<(f64, &str)> = records
        .iter()
        .filter(|r| r["passed"] == false)
        .filter_map(|r| Some((r["score"].as_f64()?, r["file"].as_str().unwrap())))
        .collect();
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    let marker = "得分最低（未通过）：\n";
    let lowest: Vec<&str> = summary[summary.find(marker).unwrap() + marker.len()..]
        .lines()
        .take_while(|l| !l.contains("无法读取："))
        .collect();
    assert_eq!(lowest.len(), 2, "{summary}");
    for (line, (score, file)) in lowest.iter().zip(scored) {
        assert!(
            line.trim_start().starts_with(&format!("{score:.1}  ")),
            "{line}"
        );
        assert!(line.contains(file), "{line}");
    }
    assert!(summary.contains("无法读取：\n"), "{summary}");
    assert!(summary.contains("x.docx: 无法读取报告"), "{summary}");
    assert!(
        summary.contains("scan.png: 无法读取报告：PNG 图片"),
        "{summary}"
    );
    // In text mode the skipped count is in the summary, not on stderr.
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn summary_only_prints_just_the_summary() {
    let batch = Batch::new();
    let out = run(&["--summary-only", batch.root()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.starts_with("汇总  共 7 个文件"), "{text}");
    assert!(!text.contains("查找了"), "{text}");
    assert!(!text.contains("合格线"), "{text}");
    let full = stdout(&run(&[batch.root()]));
    assert!(
        full.ends_with(&text),
        "the summary is the same\n{full}\n---\n{text}"
    );

    // With one file too, when asked for.
    let one = batch.dir.path().join(REPORTS[0].0);
    let out = run(&["--summary-only", one.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("汇总  共 1 个文件：检查 1 份，通过 1"));
    // Without it, one file gives its verdict and no summary.
    let out = run(&[one.to_str().unwrap()]);
    assert!(!stdout(&out).contains("汇总  "), "{}", stdout(&out));
}

#[test]
fn csv_has_a_bom_a_header_and_one_row_per_file_with_area_columns() {
    let batch = Batch::new();
    let out = run(&["--format", "csv", batch.root()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let body = text.strip_prefix('\u{feff}').expect("a UTF-8 BOM first");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rules = RuleSet::builtin();
    let expected = fazhi_check::render::table::Table::new([&rules], fazhi_check::Lang::Zh).header();
    assert_eq!(header, expected);
    assert_eq!(
        header[..10],
        [
            "文件",
            "单位",
            "标题",
            "年度",
            "发布日期",
            "发布日期所在行",
            "是否按时",
            "结论",
            "得分",
            "规则集"
        ]
    );
    let label = |status: &str| match status {
        "present" => "具备",
        "weak" => "薄弱",
        _ => "缺失",
    };
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let files: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(files, batch.expected_files());
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    for row in &rows {
        assert_eq!(row.len(), header.len());
        if row[0].ends_with("x.docx") || row[0].ends_with("bad.txt") || row[0].ends_with("scan.png")
        {
            assert!(!row[column("错误")].is_empty());
            assert!(row[column("得分")].is_empty());
            continue;
        }
        let fixture = REPORTS
            .iter()
            .find(|(to, _)| row[0].ends_with(Path::new(to).file_name().unwrap().to_str().unwrap()))
            .unwrap()
            .1;
        let want = expectation(fixture);
        assert_eq!(row[column("结论")] == *"通过", want.passed, "{fixture}");
        for area in &rules.areas {
            assert_eq!(
                row[column(&area.title)],
                *label(&want.areas[&area.id]),
                "{fixture} {}",
                area.id
            );
        }
        assert!(row[column("得分")].parse::<f64>().is_ok());
        assert!(row[column("年度")].parse::<i32>().is_ok(), "{fixture}");
        assert!(!row[column("标题")].is_empty(), "{fixture}");
        assert!(
            ["是", "否", "未知"].contains(&&row[column("是否按时")]),
            "{fixture}"
        );
        assert!(!row[column("单位")].is_empty(), "{fixture}");
        assert!(row[column("错误")].is_empty());
    }
    assert!(text.contains("\r\n"), "CRLF line ends for Excel");
}

#[test]
fn fail_under_overrides_the_pass_mark_but_not_required_areas_or_findings() {
    let batch = Batch::new();
    let verdicts = |mark: &str| -> Vec<(String, String)> {
        let out = run(&["--format", "json", "--fail-under", mark, batch.root()]);
        json_lines(&out)
            .iter()
            .filter(|r| r["verdict"].is_string())
            .map(|r| {
                assert_eq!(r["pass_threshold"], mark.parse::<f64>().unwrap());
                assert_eq!(r["passed"].as_bool().unwrap(), r["verdict"] == "pass");
                let file = r["file"].as_str().unwrap().to_string();
                (file, r["verdict"].as_str().unwrap().to_string())
            })
            .collect()
    };
    let of = |verdicts: &[(String, String)], name: &str| -> String {
        let found = verdicts.iter().find(|(file, _)| file.ends_with(name));
        found.unwrap().1.clone()
    };
    let lenient = verdicts("0");
    // 62.2 points and a too_short warning: the mark no longer holds it back, the warning does.
    assert_eq!(of(&lenient, "township-short-weak.txt"), "revise");
    assert_eq!(
        of(&lenient, "no-problems-no-plans.txt"),
        "return",
        "a required area is missing"
    );
    assert_eq!(of(&lenient, "complete-street-2022.txt"), "pass");
    assert_eq!(of(&lenient, "department-2022.txt"), "pass");
    let strict = verdicts("95");
    assert_eq!(of(&strict, "department-2022.txt"), "revise", "94 points");
    assert_eq!(
        of(&strict, "complete-street-2022.txt"),
        "pass",
        "100 points"
    );

    // In text and CSV as well.
    let department = batch.dir.path().join(REPORTS[2].0);
    let department = department.to_str().unwrap();
    let out = run(&[department]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("通过"));
    let out = run(&["--fail-under", "95", department]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("（合格线 95）  需修改"),
        "{}",
        stdout(&out)
    );
    let out = run(&["--fail-under", "95", "--format", "csv", department]);
    assert_eq!(out.status.code(), Some(1));
    let row = stdout(&out).lines().nth(1).unwrap().to_string();
    assert!(row.contains(",需修改,") || row.contains(",退回,"), "{row}");
}

#[test]
fn exit_status() {
    // All passed: 0.
    let dir = tempfile::tempdir().unwrap();
    for fixture in ["complete-street-2022", "department-2022"] {
        std::fs::copy(
            fixtures().join(format!("{fixture}.txt")),
            dir.path().join(format!("{fixture}.md")),
        )
        .unwrap();
    }
    let root = dir.path().to_str().unwrap();
    let out = run(&["--summary-only", root]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("共 2 个文件：检查 2 份，通过 2，需修改 0，退回 0，无法读取 0"));

    // Files and folders mixed, in the order given.
    let extra = fixtures().join("township-short-weak.txt");
    let out = run(&["--format", "json", extra.to_str().unwrap(), root]);
    assert_eq!(out.status.code(), Some(1));
    let files: Vec<String> = json_lines(&out)
        .iter()
        .map(|r| r["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(files.len(), 3);
    assert_eq!(files[0], extra.to_str().unwrap());
    assert!(files[1].ends_with("complete-street-2022.md"));

    // A folder holding only a picture: the picture gets an error record, and the run fails.
    let pictures = tempfile::tempdir().unwrap();
    std::fs::write(pictures.path().join("scan.png"), b"\x89PNG").unwrap();
    let out = run(&["--format", "json", pictures.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let records = json_lines(&out);
    assert_eq!(records.len(), 1);
    assert!(records[0]["error"].as_str().unwrap().contains("PNG 图片"));

    // A folder with nothing to check (office junk only), and usage errors: 2, nothing on stdout.
    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("Thumbs.db"), b"\x00junk").unwrap();
    for args in [
        vec![empty.path().to_str().unwrap()],
        vec!["--format", "json", "--summary-only", root],
        vec!["--fail-under", "101", root],
        vec!["--fail-under", "NaN", root],
        vec!["--format", "xlsx", root],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_a_record_of_its_own_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("a");
    std::fs::create_dir(&sub).unwrap();
    std::fs::copy(
        fixtures().join("complete-street-2022.txt"),
        sub.join("r.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.path(), sub.join("loop")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("nowhere.txt"), sub.join("dangling.txt")).unwrap();
    std::fs::copy(
        fixtures().join("department-2022.txt"),
        dir.path().join("z.txt"),
    )
    .unwrap();
    let out = run(&["--format", "json", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let records = json_lines(&out);
    let files: Vec<&str> = records
        .iter()
        .map(|r| r["file"].as_str().unwrap())
        .collect();
    let p = |s: &str| dir.path().join(s).to_str().unwrap().to_string();
    assert_eq!(
        files,
        [p("a/dangling.txt"), p("a/loop"), p("a/r.txt"), p("z.txt")]
    );
    assert!(records[0]["error"].as_str().unwrap().contains("无法读取"));
    assert!(
        records[1]["error"].as_str().unwrap().contains("循环"),
        "{}",
        records[1]
    );
    assert!(records[2]["passed"].as_bool().unwrap());
    assert!(records[3]["passed"].as_bool().unwrap());
}

/// A FIFO, a device and a file whose name is not UTF-8 each get a record of their own; nothing
/// blocks, and the rest of the batch is checked.
#[cfg(unix)]
#[test]
fn fifos_devices_and_odd_names_do_not_stop_the_batch() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::copy(fixtures().join("complete-street-2022.txt"), &good).unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    let odd = dir
        .path()
        .join(std::ffi::OsStr::from_bytes(b"odd-\xff\xfe.txt"));
    std::fs::copy(&good, &odd).unwrap();
    let mut args = vec!["--format", "json", good.to_str().unwrap(), "/dev/zero"];
    if made {
        args.push(fifo.to_str().unwrap());
    }
    let odd_arg = odd.clone().into_os_string();
    let out = Command::new(check_binary())
        .args(&args)
        .arg(&odd_arg)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let lines = json_lines(&out);
    assert_eq!(lines.len(), args.len() - 2 + 1, "{lines:#?}");
    assert!(lines[0]["score"].is_number());
    assert!(
        lines[1]["error"].as_str().unwrap().contains("不是普通文件"),
        "{}",
        lines[1]
    );
    if made {
        assert!(
            lines[2]["error"].as_str().unwrap().contains("不是普通文件"),
            "{}",
            lines[2]
        );
    }
    let last = lines.last().unwrap();
    assert!(
        last["score"].is_number(),
        "the file with a non-UTF-8 name is checked: {last}"
    );
    assert!(last["file"].as_str().unwrap().contains("odd-"));
    assert_eq!(out.status.code(), Some(1));
}

/// A report copied from another town's, names and numbers changed, is listed with its source; the
/// other reports of the batch are not paired.
#[test]
fn copied_reports_are_paired_and_unrelated_ones_are_not() {
    let dir = batch_with_a_copy();
    let out = run(&["--summary-only", dir.path().to_str().unwrap()]);
    let text = stdout(&out);
    assert!(text.contains("雷同文本：1 对报告"), "{text}");
    assert!(
        text.find("汇总").unwrap() < text.find("雷同文本").unwrap(),
        "the pairs come after the summary: {text}"
    );
    let pair_line = text.lines().find(|l| l.contains(" ~ ")).unwrap();
    assert!(
        pair_line.contains("negated-decisions.txt") && pair_line.contains("zz-copy.txt"),
        "{pair_line}"
    );
    // Each of the two carries a finding naming the other, at its first shared sentence; the
    // unrelated reports carry none.
    let out = run(&["--format", "json", dir.path().to_str().unwrap()]);
    for record in json_lines(&out) {
        let file = record["file"].as_str().unwrap();
        let copied: Vec<&Value> = record["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["id"] == "copied_text")
            .collect();
        if file.ends_with("negated-decisions.txt") || file.ends_with("zz-copy.txt") {
            assert_eq!(copied.len(), 1, "{file}: {copied:?}");
            let other = if file.ends_with("zz-copy.txt") {
                "negated-decisions.txt"
            } else {
                "zz-copy.txt"
            };
            let message = copied[0]["message"].as_str().unwrap();
            assert!(
                message.contains(other) && message.contains("% 的文字见于"),
                "{message}"
            );
            assert_eq!(copied[0]["severity"], "warning");
            assert!(copied[0]["line"].as_u64().unwrap() > 1, "{:?}", copied[0]);
        } else {
            assert!(copied.is_empty(), "{file}: {copied:?}");
        }
    }
    // --no-copies skips the search.
    let out = run(&[
        "--format",
        "json",
        "--no-copies",
        dir.path().to_str().unwrap(),
    ]);
    assert!(
        json_lines(&out)
            .iter()
            .all(|r| !r.to_string().contains("copied_text")),
        "no copied_text finding with --no-copies"
    );
}

/// A folder of four reports of different bodies and a copy of one of them (`zz-copy.txt`, of
/// `negated-decisions.txt`, names and numbers changed).
fn batch_with_a_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "negated-decisions.txt",
        "complete-street-2022.txt",
        "lookalike-substrings.txt",
        "web-page-chrome.txt",
    ] {
        std::fs::copy(fixtures().join(name), dir.path().join(name)).unwrap();
    }
    let original = std::fs::read_to_string(fixtures().join("negated-decisions.txt")).unwrap();
    let copy = original.replace("白沙镇", "红石镇").replace("二十", "三十");
    std::fs::write(dir.path().join("zz-copy.txt"), copy).unwrap();
    dir
}

/// Each file is checked once and its record held until the batch is compared: the records of the
/// reports that copy nothing are those of a run without the comparison, byte for byte, and the
/// two copies' differ only by the finding it adds (and the verdict it leads to), in input order.
#[test]
fn held_records_are_those_checked_and_only_the_copies_gain_a_finding() {
    let dir = batch_with_a_copy();
    let root = dir.path().to_str().unwrap();
    let with = stdout(&run(&["--format", "json", root]));
    let without = stdout(&run(&["--format", "json", "--no-copies", root]));
    let (with, without): (Vec<&str>, Vec<&str>) =
        (with.lines().collect(), without.lines().collect());
    assert_eq!(with.len(), 5);
    assert_eq!(with.len(), without.len());
    for (a, b) in with.iter().zip(&without) {
        let (mut a, b): (Value, Value) = (
            serde_json::from_str(a).unwrap(),
            serde_json::from_str(b).unwrap(),
        );
        assert_eq!(a["file"], b["file"], "input order kept");
        let file = a["file"].as_str().unwrap().to_string();
        if file.ends_with("negated-decisions.txt") || file.ends_with("zz-copy.txt") {
            let findings = a["findings"].as_array_mut().unwrap();
            let before = findings.len();
            findings.retain(|f| f["id"] != "copied_text");
            assert_eq!(before, findings.len() + 1, "{file}");
            for key in ["verdict", "passed"] {
                a[key] = b[key].clone();
            }
            assert_eq!(a, b, "{file}: only the finding differs");
        } else {
            assert_eq!(a, b, "{file}");
        }
    }
    // The lines of the reports that copy nothing are the very same bytes.
    assert_eq!(with[1], without[1]);
}

/// `--html DIR` with copies: each copy's page shows the passages it shares beside the other's,
/// each side linked to its lines, the other's on the other report's page.
#[test]
fn copied_reports_pages_show_the_shared_passages_side_by_side() {
    let dir = batch_with_a_copy();
    let pages = tempfile::tempdir().unwrap();
    let out = run(&[
        "--summary-only",
        "--html",
        pages.path().to_str().unwrap(),
        dir.path().to_str().unwrap(),
    ]);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let page_of = |suffix: &str| {
        std::fs::read_dir(pages.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .find(|n| n.ends_with(suffix))
            .unwrap_or_else(|| panic!("a page for {suffix}"))
    };
    let (original, copy) = (page_of("-negated-decisions.html"), page_of("-zz-copy.html"));
    let original_text = std::fs::read_to_string(fixtures().join("negated-decisions.txt")).unwrap();
    for (page, other, other_text) in [
        (&copy, &original, original_text.as_str()),
        (&original, &copy, ""),
    ] {
        let html = std::fs::read_to_string(pages.path().join(page)).unwrap();
        let at = html
            .find("<table class=\"side\">")
            .unwrap_or_else(|| panic!("{page}: no passages side by side"));
        let table = &html[at..at + html[at..].find("</table>").unwrap()];
        assert!(
            table.contains(&format!("<a href=\"{other}#L")),
            "{page}: the other page's lines are linked: {table}"
        );
        assert!(
            table.contains("<a href=\"#L"),
            "{page}: its own lines: {table}"
        );
        let cells: Vec<&str> = table
            .split("<div class=\"passage\">")
            .skip(1)
            .map(|c| &c[..c.find("</div>").unwrap()])
            .collect();
        assert!(
            cells.len() >= 2 && cells.iter().all(|c| !c.is_empty()),
            "{table}"
        );
        if !other_text.is_empty() {
            // The right-hand side is the other report's own words.
            let words: String = cells[1]
                .chars()
                .filter(|c| !c.is_ascii())
                .take(12)
                .collect();
            assert!(other_text.contains(&words), "{words}");
        }
    }
}

/// `--html DIR`: a self-contained page per report and an index linking them, nothing left half
/// written, and an unreadable file listed in the index without a page.
#[test]
fn html_pages_and_an_index_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("in");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::copy(
        fixtures().join("negated-decisions.txt"),
        reports.join("a.txt"),
    )
    .unwrap();
    std::fs::write(reports.join("b.docx"), b"PK\x03\x04 not a word file").unwrap();
    let pages = dir.path().join("pages");
    let out = run(&[
        "--summary-only",
        "--html",
        pages.to_str().unwrap(),
        reports.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let mut names: Vec<String> = std::fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&"index.html".to_string()));
    let page = names
        .iter()
        .find(|n| n.ends_with("-a.html"))
        .expect("a page for a.txt");
    let html = std::fs::read_to_string(pages.join(page)).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert!(
        !html.contains("src=") && !html.contains("href=\"http"),
        "self-contained"
    );
    assert!(
        html.contains("<mark class=\"a4 neg\">重大行政决策</mark>"),
        "negated evidence struck through"
    );
    let index = std::fs::read_to_string(pages.join("index.html")).unwrap();
    assert!(index.contains(&format!("href=\"{page}\"")), "{index}");
    assert!(
        index.contains("b.docx") && index.contains("class=\"error\""),
        "the unreadable file is listed"
    );
}

/// `--previous DIR`: a report that repeats last year's report of the same organisation is listed;
/// another organisation's report is not paired with it.
#[test]
fn last_years_text_repeated_is_listed() {
    let dir = tempfile::tempdir().unwrap();
    let (previous, current) = (dir.path().join("2022"), dir.path().join("2023"));
    std::fs::create_dir_all(&previous).unwrap();
    std::fs::create_dir_all(&current).unwrap();
    std::fs::copy(
        fixtures().join("negated-decisions.txt"),
        previous.join("baisha.txt"),
    )
    .unwrap();
    std::fs::copy(
        fixtures().join("complete-street-2022.txt"),
        previous.join("liuhe.txt"),
    )
    .unwrap();
    let last_year = std::fs::read_to_string(fixtures().join("negated-decisions.txt")).unwrap();
    std::fs::write(
        current.join("baisha.txt"),
        last_year
            .replace("2022年", "2023年")
            .replace("二十", "三十"),
    )
    .unwrap();
    std::fs::copy(
        fixtures().join("lookalike-substrings.txt"),
        current.join("shimen.txt"),
    )
    .unwrap();
    let out = run(&[
        "--summary-only",
        "--previous",
        previous.to_str().unwrap(),
        current.to_str().unwrap(),
    ]);
    let text = stdout(&out);
    assert!(text.contains("与上年重复：1 份报告"), "{text}");
    let line = text.lines().find(|l| l.contains(" ~ ")).unwrap();
    assert!(
        line.contains("2023/baisha.txt") && line.contains("2022/baisha.txt"),
        "{line}"
    );
    let out = run(&[
        "--format",
        "json",
        "--previous",
        previous.to_str().unwrap(),
        current.to_str().unwrap(),
    ]);
    let records = json_lines(&out);
    let repeated = |file: &str| -> Vec<String> {
        let record = records
            .iter()
            .find(|r| r["file"].as_str().unwrap().ends_with(file))
            .unwrap();
        record["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["id"] == "repeated_text")
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect()
    };
    let baisha = repeated("baisha.txt");
    assert_eq!(baisha.len(), 1, "{baisha:?}");
    assert!(
        baisha[0].contains("上一年度的报告") && baisha[0].contains("2022"),
        "{baisha:?}"
    );
    assert!(repeated("shimen.txt").is_empty());
}

/// `--previous` naming something that is not a folder is a usage error naming it, before anything is
/// checked; an empty folder is a warning and the batch is still checked.
#[test]
fn a_previous_that_is_not_a_folder_is_a_usage_error() {
    let report = fixtures().join("negated-decisions.txt");
    let out = run(&["--previous", "/no/such/folder", report.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--previous /no/such/folder：不是文件夹"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());

    let empty = tempfile::tempdir().unwrap();
    let out = run(&[
        "--format",
        "json",
        "--previous",
        empty.path().to_str().unwrap(),
        report.to_str().unwrap(),
    ]);
    assert_eq!(json_lines(&out).len(), 1);
    assert!(
        stderr(&out).contains("没有可比对的报告"),
        "{}",
        stderr(&out)
    );
}

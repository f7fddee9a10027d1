//! The office's views of a batch (issue 20, items 3–5): the CSV and the Excel workbook with the
//! office's columns, the HTML index and pages, `--year`, a second submission, `--rules auto`; the
//! workbook opened by LibreOffice (converted headless to CSV, where `soffice` is installed); and
//! nothing a person reads in English unless the language is English.
#![cfg(feature = "batch")]

mod common;

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use fazhi_check::batch::{self, Format, NoProgress, Options, settings::AutoRules};
use fazhi_check::render::table::{FINDING_COLUMNS, Table};
use fazhi_check::{Checker, Lang, RuleSet, Summary};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reports")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// A round's folder: a township's report, another town's copy of it, the same town's report sent
/// twice, a department's report of another year, a saved web page, and three other reports.
struct Round {
    dir: tempfile::TempDir,
}

const SAMPLE: &str = "青石镇2023年法治政府建设工作报告.txt";

impl Round {
    fn new() -> Round {
        let dir = tempfile::tempdir().unwrap();
        let reports = dir.path().join("reports");
        std::fs::create_dir_all(&reports).unwrap();
        let sample = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("examples/sample")
                .join(SAMPLE),
        )
        .unwrap();
        std::fs::write(reports.join("01-青石镇.txt"), &sample).unwrap();
        std::fs::write(reports.join("02-青石镇重报.txt"), &sample).unwrap();
        std::fs::write(
            reports.join("03-白沙镇.txt"),
            sample.replace("青石镇", "白沙镇"),
        )
        .unwrap();
        std::fs::write(reports.join("04-部门.txt"), fixture("department-2022.txt")).unwrap();
        std::fs::write(reports.join("05-网页.txt"), fixture("web-page-chrome.txt")).unwrap();
        // Other towns' own reports: the three alike are then a copy, not a template every report
        // of the batch shares.
        for (to, from) in [
            ("06-街道.txt", "complete-street-2022.txt"),
            ("07-乡.txt", "township-short-weak.txt"),
            ("08-镇.txt", "lookalike-substrings.txt"),
        ] {
            std::fs::write(reports.join(to), fixture(from)).unwrap();
        }
        Round { dir }
    }

    fn reports(&self) -> PathBuf {
        self.dir.path().join("reports")
    }

    fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs the batch in `lang` with `--rules auto --year 2023`, the CSV to stdout, the workbook
    /// and the pages beside the reports; returns the CSV.
    fn run(&self, lang: Lang) -> String {
        let rules = RuleSet::builtin();
        let builder = Checker::builder();
        let checker = builder.build(rules);
        let options = Options {
            format: Format::Csv,
            xlsx: Some(self.out("审查.xlsx")),
            html: Some(self.out("pages")),
            year: Some(2023),
            auto_rules: Some(Arc::new(AutoRules::new(&builder, None))),
            text: fazhi_check::render::TextOptions {
                lang,
                ..Default::default()
            },
            ..Options::default()
        };
        let mut summary = Summary::for_rules(checker.rules());
        let items = batch::collect(&[self.reports()], &mut summary);
        let (mut out, mut err) = (Vec::new(), Vec::new());
        batch::run(
            &checker,
            &options,
            &items,
            summary,
            &mut out,
            &mut err,
            &NoProgress,
        );
        // The copied pairs are listed on the error stream (not an error).
        let err = String::from_utf8_lossy(&err);
        assert!(!err.contains("error"), "{err}");
        String::from_utf8(out).unwrap()
    }
}

fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn auto_table(lang: Lang) -> Table {
    let builder = Checker::builder();
    let auto = AutoRules::new(&builder, None);
    Table::new(auto.rule_sets(), lang)
}

#[test]
fn the_csv_has_the_offices_columns_and_the_batch_findings() {
    let round = Round::new();
    let csv = round.run(Lang::Zh);
    assert!(csv.starts_with('\u{feff}') && csv.contains("\r\n"));
    let (header, rows) = parse_csv(&csv);
    assert_eq!(header, auto_table(Lang::Zh).header());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = |file: &str| rows.iter().find(|r| r[0].ends_with(file)).unwrap();
    assert_eq!(rows.len(), 8);
    for r in &rows {
        assert_eq!(r.len(), header.len());
        assert!(
            ["通过", "需修改", "退回"].contains(&r[col("结论")].as_str()),
            "{r:?}"
        );
        assert!(
            ["是", "否", "未知"].contains(&r[col("是否按时")].as_str()),
            "{r:?}"
        );
    }
    // --year 2023: the department's 2022 report is of another year, and goes back.
    let department = row("04-部门.txt");
    assert!(
        department[col("非本轮年度（wrong_year）")].starts_with("错误"),
        "{department:?}"
    );
    assert_eq!(department[col("结论")], "退回");
    assert_eq!(department[col("规则集")], "department");
    // The same town twice: both rows say so; the towns' rule set is the township's.
    for file in ["01-青石镇.txt", "02-青石镇重报.txt"] {
        let r = row(file);
        assert!(
            !r[col("重复报送（duplicate_submission）")].is_empty(),
            "{r:?}"
        );
        assert_eq!(r[col("规则集")], "township");
        assert_ne!(r[col("结论")], "通过");
    }
    assert!(row("03-白沙镇.txt")[col("重复报送（duplicate_submission）")].is_empty());
    // The copy names its sources.
    let copy = row("03-白沙镇.txt");
    assert!(copy[col("雷同报告")].contains("01-青石镇.txt"), "{copy:?}");
    assert!(!copy[col("与他人报告雷同（copied_text）")].is_empty());
}

#[test]
fn the_workbook_has_four_sheets_with_the_columns() {
    let round = Round::new();
    round.run(Lang::Zh);
    let book = std::fs::File::open(round.out("审查.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(book).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let workbook = part("xl/workbook.xml");
    for sheet in ["报告", "问题", "数字", "汇总"] {
        assert!(
            workbook.contains(&format!("name=\"{sheet}\"")),
            "{workbook}"
        );
    }
    let strings = part("xl/sharedStrings.xml");
    for header in auto_table(Lang::Zh).header() {
        assert!(strings.contains(&format!(">{header}<")), "{header}");
    }
    for word in ["严重程度", "说明", "事项", "数值", "报告份数", "结论：退回"] {
        assert!(strings.contains(word), "{word}");
    }
    let leftovers: Vec<_> = std::fs::read_dir(round.dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "written whole");
}

/// Where LibreOffice is, or a visible note that the check is skipped.
fn soffice() -> Option<&'static str> {
    let found = ["soffice", "libreoffice"].into_iter().find(|p| {
        Command::new(p)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        eprintln!(
            "note: soffice not found, the LibreOffice check of the workbook is skipped (apt-get install -y libreoffice-calc-nogui)"
        );
    }
    found
}

#[test]
fn libreoffice_opens_the_workbook_and_reads_every_sheet() {
    let Some(soffice) = soffice() else {
        return;
    };
    let round = Round::new();
    round.run(Lang::Zh);
    let out = round.out("lo");
    let profile = round.out("lo-profile");
    // Sheet -1: every sheet to its own file, UTF-8 (76), comma-separated (44), quoted (34).
    let status = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--norestore", "--convert-to"])
        .arg("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1")
        .arg("--outdir")
        .arg(&out)
        .arg(round.out("审查.xlsx"))
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let sheet = |name: &str| {
        let path = out.join(format!("审查-{name}.csv"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            let listed: Vec<_> = std::fs::read_dir(&out)
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            panic!("{}: {e}; written: {listed:?}", path.display())
        });
        parse_csv(&text)
    };
    let (header, rows) = sheet("报告");
    assert_eq!(header, auto_table(Lang::Zh).header());
    assert_eq!(rows.len(), 8);
    let verdict = header.iter().position(|h| h == "结论").unwrap();
    let score = header.iter().position(|h| h == "得分").unwrap();
    for r in &rows {
        assert!(["通过", "需修改", "退回"].contains(&r[verdict].as_str()));
        assert!(r[score].parse::<f64>().is_ok(), "a number: {r:?}");
    }
    let (header, rows) = sheet("问题");
    assert_eq!(header[..3], ["文件", "单位", "问题"]);
    assert!(
        rows.iter()
            .any(|r| r[3] == "wrong_year" && r[0].ends_with("04-部门.txt"))
    );
    let line = header.iter().position(|h| h == "行").unwrap();
    assert!(rows.iter().any(|r| r[line].parse::<usize>().is_ok()));
    let (header, rows) = sheet("数字");
    assert_eq!(
        header[..6],
        ["文件", "单位", "年度", "方面", "事项", "数值"]
    );
    assert!(!rows.is_empty());
    let (header, rows) = sheet("汇总");
    assert_eq!(header, ["项目", "数量"]);
    assert!(rows.iter().any(|r| r[0] == "报告份数" && r[1] == "8"));
}

#[test]
fn the_html_index_sorts_and_filters_and_the_pages_link() {
    let round = Round::new();
    round.run(Lang::Zh);
    let pages = round.out("pages");
    let index = std::fs::read_to_string(pages.join("index.html")).unwrap();
    for header in auto_table(Lang::Zh).header() {
        assert!(
            index.contains(&format!("<th data-sort>{header}</th>")),
            "{header}"
        );
    }
    assert!(index.contains("<select id=\"verdict\">") && index.contains("<script>"));
    assert!(index.contains("data-verdict=\"return\""));
    assert!(!index.contains("http://") && !index.contains("https://") && !index.contains("src="));
    let page = |prefix: &str| {
        let name = std::fs::read_dir(&pages)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with(prefix))
            .unwrap();
        assert!(index.contains(&format!("href=\"{name}\"")), "{name}");
        std::fs::read_to_string(pages.join(name)).unwrap()
    };
    let copy = page("0003-");
    assert!(copy.contains("href=\"index.html\""), "a link back");
    assert!(copy.contains("id=\"L1\"") && copy.contains("href=\"#L1\""));
    assert!(
        copy.contains("href=\"0001-01-青石镇.html\""),
        "the source's page"
    );
    let web = page("0005-");
    assert!(web.contains("class=\"chrome\""), "page chrome greyed");
}

/// ASCII words (two letters or more) in `text` that are not in `allowed`.
fn english(text: &str, allowed: &BTreeSet<String>) -> BTreeSet<String> {
    text.split(|c: char| !c.is_ascii_alphabetic() && c != '_')
        .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 2)
        .filter(|w| !allowed.contains(&w.to_ascii_lowercase()))
        .map(String::from)
        .collect()
}

/// What a person reads on an HTML page: the text outside tags, scripts and styles.
fn html_text(page: &str) -> String {
    let mut out = String::new();
    let mut rest = page;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        out.push(' ');
        let tail = &rest[start..];
        let end_tag = ["<script", "<style"]
            .iter()
            .find(|t| tail.starts_with(**t))
            .map(|t| format!("</{}>", &t[1..]));
        rest = match end_tag {
            Some(close) => tail.find(&close).map_or("", |i| &tail[i + close.len()..]),
            None => tail.find('>').map_or("", |i| &tail[i + 1..]),
        };
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
}

/// Text of the workbook's cells: the shared strings and any inline strings.
fn workbook_text(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        if name == "xl/sharedStrings.xml"
            || name.starts_with("xl/worksheets/sheet")
            || name == "xl/workbook.xml"
        {
            let mut xml = String::new();
            file.read_to_string(&mut xml).unwrap();
            let cells: String = match name.as_str() {
                "xl/workbook.xml" => xml
                    .split("<sheet name=\"")
                    .skip(1)
                    .map(|s| s.split('"').next().unwrap_or(""))
                    .collect::<Vec<_>>()
                    .join(" "),
                _ => html_text(&xml),
            };
            text.push_str(&cells);
            text.push('\n');
        }
    }
    text
}

#[test]
fn nothing_a_person_reads_is_english_unless_asked() {
    let round = Round::new();
    // What may be ASCII: the reports' own words (quoted from them), file names, ids, rule-set names.
    let mut allowed: BTreeSet<String> = BTreeSet::new();
    let mut add = |text: &str| {
        for w in text.split(|c: char| !c.is_ascii_alphabetic() && c != '_') {
            if !w.is_empty() {
                allowed.insert(w.to_ascii_lowercase());
            }
        }
    };
    for entry in std::fs::read_dir(round.reports()).unwrap() {
        let path = entry.unwrap().path();
        add(&std::fs::read_to_string(&path).unwrap());
        add(&path.file_name().unwrap().to_string_lossy());
    }
    for rules in AutoRules::new(&Checker::builder(), None).rule_sets() {
        add(&rules.name);
        for area in &rules.areas {
            add(&area.id);
        }
    }
    for (id, ..) in FINDING_COLUMNS {
        add(id);
    }
    // The folder's path (the file column names it), page file names, the extensions.
    add(&round.reports().to_string_lossy());
    add("html xlsx txt");
    let mut found = BTreeSet::new();
    let csv = round.run(Lang::Zh);
    found.extend(english(&csv, &allowed));
    found.extend(english(&workbook_text(&round.out("审查.xlsx")), &allowed));
    for entry in std::fs::read_dir(round.out("pages")).unwrap() {
        let page = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        found.extend(english(&html_text(&page), &allowed));
    }
    assert!(
        found.is_empty(),
        "English words in the Chinese views: {found:?}"
    );

    let csv = round.run(Lang::En);
    let words = english(&csv, &allowed);
    assert!(
        words.contains("verdict") && words.contains("organization"),
        "{words:?}"
    );
    let words = english(&workbook_text(&round.out("审查.xlsx")), &allowed);
    assert!(
        words.contains("findings") && words.contains("severity"),
        "{words:?}"
    );
    let index = std::fs::read_to_string(round.out("pages").join("index.html")).unwrap();
    let words = english(&html_text(&index), &allowed);
    assert!(words.contains("unreadable"), "{words:?}");
}

#[test]
fn the_settings_file_above_the_folder_is_used_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("2023").join("部门");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::write(reports.join("a.txt"), fixture("department-2022.txt")).unwrap();
    std::fs::write(
        dir.path().join("fazhi.toml"),
        "rules = \"auto\"\nyear = 2023\n\n[output]\nformat = \"csv\"\nxlsx = \"结果.xlsx\"\n",
    )
    .unwrap();
    let out = Command::new(common::check_binary())
        .arg(&reports)
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(
        stderr.contains("设置文件：") && stderr.contains("fazhi.toml"),
        "{stderr}"
    );
    let (header, rows) = parse_csv(&stdout);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert!(
        rows[0][col("非本轮年度（wrong_year）")].starts_with("错误"),
        "{stdout}"
    );
    assert_eq!(rows[0][col("规则集")], "department");
    assert!(
        dir.path().join("结果.xlsx").is_file(),
        "beside the settings file"
    );

    // A key the file does not know: its file, line and key, and nothing checked.
    std::fs::write(
        dir.path().join("fazhi.toml"),
        "year = 2023\n[output]\nxslx = \"结果.xlsx\"\n",
    )
    .unwrap();
    let out = Command::new(common::check_binary())
        .arg(&reports)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("fazhi.toml:3:1") && stderr.contains("output.xslx"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
    // --no-settings leaves it alone.
    let out = Command::new(common::check_binary())
        .arg("--no-settings")
        .arg(&reports)
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(2));
}

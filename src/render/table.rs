//! The office's table of a batch: one row per report with the columns the legal office sorts and
//! filters on (单位, 标题, 年度, 发布日期 and the line it was read from, 是否按时, 结论, 得分, each
//! area's status, each finding as a column, the reports it shares its text with), shared by the CSV
//! spreadsheet, the Excel workbook and the HTML index, so that the three show the same.
//!
//! Headers and cells are words a person reads: Chinese by default, English with [`Lang::En`]; ids
//! (area ids, finding ids) stay as they are.

use crate::error::Error;
use crate::judging::verdicts::Status;
use crate::report::{Report, Verdict};
use crate::rules::{RuleSet, Severity};
use crate::text::lang::Lang;

/// The findings that get a column, in order, with their Chinese and English names: every formal
/// check of the rule set and the batch's own (copied text, another year, a second submission).
pub const FINDING_COLUMNS: &[(&str, &str, &str)] = &[
    ("late", "逾期公开", "late"),
    (
        "no_publication_date",
        "未显示发布日期",
        "no publication date",
    ),
    ("stale_year", "年份有误", "stale year"),
    (
        "first_responsibility",
        "未述第一责任人职责",
        "first responsibility",
    ),
    ("too_short", "篇幅过短", "too short"),
    ("title", "标题不全", "title"),
    ("not_a_report", "不是年度报告", "not a report"),
    ("copied_text", "与他人报告雷同", "copied text"),
    ("repeated_text", "重复上年报告", "repeated text"),
    ("wrong_year", "非本轮年度", "wrong year"),
    ("duplicate_submission", "重复报送", "duplicate submission"),
];

/// The columns of the table for a rule set (or several, with `--rules auto`: their areas joined,
/// each once) in a language.
#[derive(Debug, Clone)]
pub struct Table {
    /// The areas as (id, Chinese title), in order.
    areas: Vec<(String, String)>,
    lang: Lang,
}

/// One cell: text, a whole number, a decimal, or nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing to show.
    Empty,
    /// Words.
    Text(String),
    /// A count, a year or a line.
    Int(i64),
    /// A score.
    Number(f64),
}

impl Cell {
    /// The cell as text: a score to one decimal, nothing for [`Cell::Empty`].
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Number(x) => format!("{x:.1}"),
        }
    }
}

/// One row of the table, as data: what a report (or a file that could not be read) shows.
#[derive(Debug, Clone)]
pub struct Row {
    /// The input file, as named in the batch.
    pub file: String,
    /// Organisation, title, year, publication date and its line (from the report's metadata).
    pub organization: Option<String>,
    /// The title.
    pub title: Option<String>,
    /// The year reported on.
    pub year: Option<i32>,
    /// The publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The line the date was read from.
    pub published_line: Option<usize>,
    /// Published in time: `Some(false)` with a `late` finding, `Some(true)` with a date and none,
    /// `None` without a date.
    pub on_time: Option<bool>,
    /// The verdict, `None` for a file that could not be read.
    pub verdict: Option<Verdict>,
    /// The score.
    pub score: Option<f64>,
    /// The rule set that judged it.
    pub rule_set: Option<String>,
    /// Each area's status, by area id.
    pub areas: Vec<(String, Status)>,
    /// The findings, as (id, severity, line).
    pub findings: Vec<(String, Severity, Option<usize>)>,
    /// The other reports of the batch it shares much of its text with.
    pub copied_from: Vec<String>,
    /// Why the file could not be read.
    pub error: Option<String>,
}

impl Row {
    /// The row of a file: its report, or the error that stopped it; `copied_from` names the other
    /// reports of the batch sharing its text.
    pub fn new(file: &str, outcome: &Result<Report, Error>, copied_from: Vec<String>) -> Row {
        let mut row = Row {
            file: file.to_string(),
            organization: None,
            title: None,
            year: None,
            published: None,
            published_line: None,
            on_time: None,
            verdict: None,
            score: None,
            rule_set: None,
            areas: Vec::new(),
            findings: Vec::new(),
            copied_from,
            error: None,
        };
        match outcome {
            Ok(report) => {
                let m = &report.metadata;
                row.organization = m.organization.clone();
                row.title = m.title.clone();
                row.year = m.year;
                row.published = m.published.clone();
                row.published_line = m.published_line;
                row.on_time = if report.findings.iter().any(|f| f.id == "late") {
                    Some(false)
                } else if m.published.is_some() && m.year.is_some() {
                    Some(true)
                } else {
                    None
                };
                row.verdict = Some(report.verdict);
                row.score = Some(report.score);
                row.rule_set = Some(report.rule_set.name.clone());
                row.areas = report
                    .areas
                    .iter()
                    .map(|a| (a.id.clone(), a.status))
                    .collect();
                row.findings = report
                    .findings
                    .iter()
                    .map(|f| (f.id.clone(), f.severity, f.line))
                    .collect();
            }
            Err(e) => row.error = Some(e.to_string()),
        }
        row
    }
}

/// 是 / 否 / 未知 for a row's on-time column.
pub fn on_time_label(on_time: Option<bool>, lang: Lang) -> &'static str {
    match on_time {
        Some(true) => lang.pick("是", "yes"),
        Some(false) => lang.pick("否", "no"),
        None => lang.pick("未知", "unknown"),
    }
}

/// The name of a finding id a person reads (its own id where it has no column).
pub fn finding_label(id: &str, lang: Lang) -> String {
    FINDING_COLUMNS
        .iter()
        .find(|(i, ..)| *i == id)
        .map(|&(_, zh, en)| lang.pick(zh, en).to_string())
        .unwrap_or_else(|| id.to_string())
}

impl Table {
    /// The table for the areas of `rule_sets`, in order (an area id met again is not repeated).
    pub fn new<'a>(rule_sets: impl IntoIterator<Item = &'a RuleSet>, lang: Lang) -> Table {
        let mut areas: Vec<(String, String)> = Vec::new();
        for rules in rule_sets {
            for a in &rules.areas {
                if !areas.iter().any(|(id, _)| *id == a.id) {
                    areas.push((a.id.clone(), a.title.clone()));
                }
            }
        }
        Table { areas, lang }
    }

    /// The language of the headers and cells.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The areas, as (id, Chinese title).
    pub fn areas(&self) -> &[(String, String)] {
        &self.areas
    }

    /// The column names: 文件, 单位, 标题, 年度, 发布日期, 发布日期所在行, 是否按时, 结论, 得分, 规则集,
    /// one per area (its Chinese title; its id in English), one per finding (its name and id),
    /// 雷同报告 and 错误 (in English: file, organization, … copied from, error).
    pub fn header(&self) -> Vec<String> {
        let l = self.lang;
        let mut h: Vec<String> = [
            l.pick("文件", "file"),
            l.pick("单位", "organization"),
            l.pick("标题", "title"),
            l.pick("年度", "year"),
            l.pick("发布日期", "published"),
            l.pick("发布日期所在行", "published line"),
            l.pick("是否按时", "on time"),
            l.pick("结论", "verdict"),
            l.pick("得分", "score"),
            l.pick("规则集", "rule set"),
        ]
        .map(String::from)
        .to_vec();
        h.extend(self.areas.iter().map(|(id, title)| match l {
            Lang::Zh => title.clone(),
            Lang::En => id.clone(),
        }));
        h.extend(FINDING_COLUMNS.iter().map(|&(id, zh, en)| match l {
            Lang::Zh => format!("{zh}（{id}）"),
            Lang::En => en.to_string(),
        }));
        h.push(l.pick("雷同报告", "copied from").to_string());
        h.push(l.pick("错误", "error").to_string());
        h
    }

    /// The cells of `row`, in the columns of [`header`](Table::header). A finding's cell is its
    /// severity (错误 / 警告 / 提示) and the lines it points at, empty when it did not fire.
    pub fn cells(&self, row: &Row) -> Vec<Cell> {
        let l = self.lang;
        let text = |s: &Option<String>| s.clone().map_or(Cell::Empty, Cell::Text);
        let mut c = vec![
            Cell::Text(row.file.clone()),
            text(&row.organization),
            text(&row.title),
            row.year.map_or(Cell::Empty, |y| Cell::Int(i64::from(y))),
            text(&row.published),
            row.published_line
                .map_or(Cell::Empty, |n| Cell::Int(n as i64)),
        ];
        if row.error.is_some() {
            c.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]);
        } else {
            c.push(Cell::Text(on_time_label(row.on_time, l).to_string()));
            c.push(
                row.verdict
                    .map_or(Cell::Empty, |v| Cell::Text(v.label(l).into())),
            );
            c.push(row.score.map_or(Cell::Empty, Cell::Number));
            c.push(text(&row.rule_set));
        }
        for (id, _) in &self.areas {
            c.push(
                row.areas
                    .iter()
                    .find(|(a, _)| a == id)
                    .map_or(Cell::Empty, |(_, s)| Cell::Text(s.label(l).to_string())),
            );
        }
        for (id, ..) in FINDING_COLUMNS {
            let hits: Vec<&(String, Severity, Option<usize>)> =
                row.findings.iter().filter(|(f, ..)| f == id).collect();
            c.push(match hits.iter().map(|(_, s, _)| *s).max() {
                None => Cell::Empty,
                Some(severity) => {
                    let lines: Vec<String> = hits
                        .iter()
                        .filter_map(|(.., line)| line.map(|n| n.to_string()))
                        .collect();
                    let mut cell = severity.label(l).to_string();
                    if !lines.is_empty() {
                        cell.push_str(&match l {
                            Lang::Zh => format!("（第{}行）", lines.join("、")),
                            Lang::En => format!(" (line {})", lines.join(", ")),
                        });
                    }
                    Cell::Text(cell)
                }
            });
        }
        c.push(if row.copied_from.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(row.copied_from.join(l.pick("、", "; ")))
        });
        c.push(text(&row.error));
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Checker;

    #[test]
    fn rows_have_the_header_columns_in_both_languages() {
        let rules = RuleSet::builtin();
        let report = Checker::new(rules.clone()).check_str(
            "发布日期：2024-05-06\n青石镇人民政府2023年法治政府建设工作报告\n一、加强组织领导\n成立领导小组。",
        );
        let row = Row::new("a.txt", &Ok(report.clone()), vec!["b.txt".into()]);
        for lang in [Lang::Zh, Lang::En] {
            let table = Table::new([&rules], lang);
            let header = table.header();
            let cells = table.cells(&row);
            assert_eq!(header.len(), cells.len());
            let at = |name: &str| &cells[header.iter().position(|h| h == name).unwrap()];
            match lang {
                Lang::Zh => {
                    assert_eq!(at("文件"), &Cell::Text("a.txt".into()));
                    assert_eq!(at("发布日期"), &Cell::Text("2024-05-06".into()));
                    assert_eq!(at("发布日期所在行"), &Cell::Int(1));
                    assert_eq!(at("是否按时"), &Cell::Text("否".into()));
                    assert_eq!(at("结论"), &Cell::Text(report.verdict.label(lang).into()));
                    assert_eq!(at("逾期公开（late）"), &Cell::Text("错误（第1行）".into()));
                    assert_eq!(at("雷同报告"), &Cell::Text("b.txt".into()));
                    assert_eq!(
                        at("组织领导"),
                        &Cell::Text(report.areas[0].status.label(lang).into())
                    );
                }
                Lang::En => {
                    assert_eq!(at("on time"), &Cell::Text("no".into()));
                    assert_eq!(at("late"), &Cell::Text("error (line 1)".into()));
                }
            }
        }
        let failed = Row::new(
            "x.docx",
            &Err(Error::NotText {
                reason: "扫描件".into(),
            }),
            Vec::new(),
        );
        let table = Table::new([&rules], Lang::Zh);
        let cells = table.cells(&failed);
        assert_eq!(cells.len(), table.header().len());
        assert_eq!(cells.last().unwrap().text(), "无法读取报告：扫描件");
        assert!(cells[1..cells.len() - 1].iter().all(|c| *c == Cell::Empty));
    }
}

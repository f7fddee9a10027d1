//! Rendering reports for people and for tools.
//!
//! [`json_line`] gives the JSON Lines record the example program prints with `--format json`, one per
//! input file; [`text`] gives the human-readable verdict; [`csv_header`] and [`csv_row`] give a
//! spreadsheet, one row per file; [`summary`](summary()) gives the tallies at the end of a batch. All return
//! strings: the caller decides where they go.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use crate::checker::explain::{Explanation, Outcome};
use crate::error::Error;
use crate::judging::verdicts::Status;
use crate::render::summary::Summary;
use crate::report::Report;
#[cfg(test)]
use crate::rules::RuleSet;
use crate::rules::Severity;

pub mod html;
mod json;
pub mod summary;
pub mod table;

/// Text from a report, a file name or a rule set made safe for a terminal: control characters
/// (C0 but the tab, DEL, C1), bidirectional overrides and isolates and the line and paragraph
/// separators are written out as `\u{1b}` and the like, so that no report can clear the screen,
/// set the window's title, recolour or reorder its own verdict. Everything else is kept as it is.
///
/// ```
/// use fazhi_check::render::visible;
///
/// assert_eq!(visible("报告\u{1b}[2J\u{202e}"), "报告\\u{1b}[2J\\u{202e}");
/// assert_eq!(visible("法治\t政府"), "法治\t政府");
/// ```
pub fn visible(s: &str) -> std::borrow::Cow<'_, str> {
    fn hidden(c: char) -> bool {
        (c.is_control() && c != '\t')
            || matches!(
                c,
                '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}'
            )
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    }
    if !s.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if hidden(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

#[derive(Serialize)]
struct Checked<'a> {
    file: &'a str,
    #[serde(flatten)]
    report: &'a Report,
}

#[derive(Serialize)]
struct Explained<'a> {
    file: &'a str,
    #[serde(flatten)]
    report: &'a Report,
    explanation: &'a Explanation,
}

#[derive(Serialize)]
struct Failed<'a> {
    file: &'a str,
    error: String,
}

/// One JSON object, without a trailing newline: the report with a leading `"file"` key, or
/// `{"file", "error"}` when the file could not be checked.
///
/// ```
/// use fazhi_check::{Checker, RuleSet, render};
///
/// let checker = Checker::new(RuleSet::builtin());
/// let line = render::json_line("a.txt", &Ok(checker.check_str("")));
/// let value: serde_json::Value = serde_json::from_str(&line).unwrap();
/// assert_eq!(value["file"], "a.txt");
/// assert_eq!(value["areas"][0]["status"], "missing");
/// ```
pub fn json_line(file: &str, outcome: &Result<Report, Error>) -> String {
    let out = match outcome {
        Ok(report) => json::to_string(&Checked { file, report }, json_capacity(report)),
        Err(e) => json::to_string(
            &Failed {
                file,
                error: e.to_string(),
            },
            256,
        ),
    };
    out.expect("reports serialize: all keys are strings")
}

/// About the length of a report's JSON, so that the string is allocated once.
fn json_capacity(report: &Report) -> usize {
    let evidence: usize = report
        .areas
        .iter()
        .flat_map(|a| &a.evidence)
        .map(|e| e.excerpt.len() + 160)
        .sum();
    4096 + evidence + 512 * report.areas.len() + 320 * report.figures.len()
}

/// The JSON record of [`json_line`] with an `"explanation"` key added: every match, counted or not,
/// and why (see [`Explanation`]).
pub fn json_line_explained(file: &str, report: &Report, explanation: &Explanation) -> String {
    json::to_string(
        &Explained {
            file,
            report,
            explanation,
        },
        4 * json_capacity(report),
    )
    .expect("reports serialize: all keys are strings")
}

/// The explanation for a person: for every area and concept, each match with its position and what
/// became of it, then how the status and score were reached.
pub fn explanation_text(file: &str, explanation: &Explanation, options: &TextOptions) -> String {
    let paint = |style: Style, s: &str| {
        if options.color {
            format!("{}{s}{}", style.render(), style.render_reset())
        } else {
            s.to_string()
        }
    };
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    let green = Style::new().fg_color(Some(AnsiColor::Green.into()));
    let yellow = Style::new().fg_color(Some(AnsiColor::Yellow.into()));
    let file = &*visible(file);
    let v = |s: &str| visible(s).into_owned();
    let mut out = String::new();
    for area in &explanation.areas {
        let _ = writeln!(
            out,
            "{} {} (scope {:?}): {}",
            paint(bold, &v(&area.title)),
            paint(dim, &format!("[{}]", area.id)),
            area.scope,
            area.status.as_str()
        );
        for h in &area.headings {
            let _ = writeln!(
                out,
                "  heading {}:{}:{} 「{}」 cue {}",
                file,
                h.line,
                h.column,
                v(&h.heading),
                v(&h.term)
            );
        }
        for concept in &area.concepts {
            let mark = if concept.found {
                paint(green, "found")
            } else {
                paint(dim, "not found")
            };
            let _ = writeln!(out, "  concept {}: {mark}", concept.id);
            for m in &concept.matches {
                let why = match &m.outcome {
                    Outcome::Counted => paint(green, "counted"),
                    Outcome::Negated { cue } => {
                        paint(yellow, &format!("negated by 「{}」", v(cue)))
                    }
                    Outcome::OutOfScope { part } => {
                        paint(yellow, &format!("not counted: in {}", v(part)))
                    }
                    Outcome::InHeading => paint(yellow, "not counted: in a heading"),
                    Outcome::InsideWord { word } => paint(
                        yellow,
                        &format!("not counted: inside the word 「{}」", v(word)),
                    ),
                    Outcome::InsideLongerTerm => {
                        paint(dim, "inside a longer term of the same concept")
                    }
                    Outcome::Overlapped => {
                        paint(dim, "not counted: inside a longer match (longest wins)")
                    }
                    Outcome::Filtered { reason } => {
                        paint(yellow, &format!("not counted: {reason}"))
                    }
                    Outcome::Support => paint(green, "counted (support)"),
                    Outcome::PageChrome => paint(yellow, "not counted: page chrome"),
                };
                let _ = writeln!(
                    out,
                    "    {}:{}:{}  {}  {why}  {}",
                    file,
                    m.line,
                    m.column,
                    paint(bold, &v(&m.term)),
                    paint(dim, &v(&m.excerpt))
                );
            }
            if concept.omitted > 0 {
                let note = format!("另有{}处匹配未列出", concept.omitted);
                let _ = writeln!(out, "    {}", paint(dim, &note));
            }
        }
        let _ = writeln!(out, "  {}", v(&area.reasoning));
    }
    out
}

/// Options for [`text`].
#[derive(Debug, Clone, Copy)]
pub struct TextOptions {
    /// Use ANSI colours.
    pub color: bool,
    /// How many pieces of evidence to show per area.
    pub evidence_per_area: usize,
    /// How many terms to show per concept looked for.
    pub terms_per_concept: usize,
    /// Print the report's outline (its headings) before the verdicts.
    pub outline: bool,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            color: false,
            evidence_per_area: 2,
            terms_per_concept: 4,
            outline: false,
        }
    }
}

/// The verdict for a person: each area under its Chinese title with status and score, its first
/// pieces of evidence as `file:line:column` with the excerpt, what was looked for where the area is
/// weak or missing, then the total and the verdict.
pub fn text(file: &str, outcome: &Result<Report, Error>, options: &TextOptions) -> String {
    let paint = painter(options.color);
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    let green = Style::new().fg_color(Some(AnsiColor::Green.into()));
    let yellow = Style::new().fg_color(Some(AnsiColor::Yellow.into()));
    let red = Style::new().fg_color(Some(AnsiColor::Red.into()));
    let file = &*visible(file);
    let v = |s: &str| visible(s).into_owned();
    let mut out = String::new();
    let report = match outcome {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(
                out,
                "{}: {} {}",
                paint(bold, file),
                paint(red.bold(), "error:"),
                v(&e.to_string())
            );
            return out;
        }
    };
    let mut heading = paint(bold, file);
    if let Some(title) = &report.metadata.title {
        let _ = write!(heading, "  {}", v(title));
    }
    if let Some(year) = report.metadata.year {
        let _ = write!(heading, " ({year})");
    }
    let _ = writeln!(out, "{heading}");
    if options.outline {
        for h in &report.outline {
            let indent = "  ".repeat(usize::from(h.level));
            let _ = writeln!(
                out,
                "  {}{}{}  {}",
                indent,
                v(&h.number),
                v(&h.text),
                paint(dim, &format!("{}:{}", h.line, h.column))
            );
        }
    }
    for area in &report.areas {
        let (mark, style) = match area.status {
            Status::Present => ("✔", green),
            Status::Weak => ("▲", yellow),
            Status::Missing => ("✘", red),
        };
        let count = area.reason.clone();
        let _ = writeln!(
            out,
            "  {} {} {}  {}  {:.1}/{:.1}  {}",
            paint(style, mark),
            paint(bold, &v(&area.title)),
            paint(dim, &format!("[{}]", area.id)),
            paint(style, area.status.as_str()),
            area.score,
            area.max_score,
            paint(dim, &count),
        );
        if let Some(h) = &area.heading {
            let _ = writeln!(
                out,
                "      {}:{}:{}  heading 「{}」",
                file,
                h.line,
                h.column,
                v(&h.heading)
            );
        }
        for e in shown_evidence(area, options.evidence_per_area) {
            let _ = writeln!(
                out,
                "      {}:{}:{}{}  {}  {}",
                file,
                e.line,
                e.column,
                page_note(e.page),
                paint(bold, &v(&e.term)),
                v(&e.excerpt)
            );
        }
        for e in area
            .evidence
            .iter()
            .filter(|e| !e.counted)
            .take(options.evidence_per_area)
        {
            let why = match (&e.negated_by, e.reason.as_deref()) {
                (Some(cue), _) => format!("negated by 「{cue}」, not counted"),
                (None, Some(reason)) => format!("{reason}, not counted"),
                (None, None) => "not counted".to_string(),
            };
            let _ = writeln!(
                out,
                "      {}:{}:{}{}  {} {}  {}",
                file,
                e.line,
                e.column,
                page_note(e.page),
                paint(bold, &v(&e.term)),
                paint(yellow, &v(&why)),
                v(&e.excerpt)
            );
        }
        if area.evidence_omitted > 0 {
            let note = format!(
                "另有{}处匹配未列出（每个概念只保留前{}处）",
                area.evidence_omitted,
                crate::judging::verdicts::MAX_EVIDENCE_PER_CONCEPT
            );
            let _ = writeln!(out, "      {}", paint(dim, &note));
        }
        if area.status != Status::Present && !area.looked_for.is_empty() {
            let wanted: Vec<String> = area
                .looked_for
                .iter()
                .map(|l| {
                    let mut terms: Vec<&str> = l
                        .terms
                        .iter()
                        .map(String::as_str)
                        .take(options.terms_per_concept)
                        .collect();
                    if l.terms.len() > options.terms_per_concept {
                        terms.push("…");
                    }
                    terms.join("/")
                })
                .collect();
            let _ = writeln!(
                out,
                "      {} {}",
                paint(dim, "looked for:"),
                v(&wanted.join("; "))
            );
        }
    }
    for f in &report.findings {
        let style = match f.severity {
            Severity::Error => red,
            Severity::Warning => yellow,
            Severity::Info => dim,
        };
        let place = match (f.line, f.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            _ => file.to_string(),
        };
        let _ = writeln!(
            out,
            "  {} {}  {}  {}",
            paint(style, f.severity.as_str()),
            paint(bold, &f.id),
            place,
            v(&f.message)
        );
    }
    let verdict = if report.passed {
        paint(green.bold(), "PASS")
    } else {
        paint(red.bold(), "FAIL")
    };
    let missing_required: Vec<&str> = report
        .areas
        .iter()
        .filter(|a| a.required && a.status == Status::Missing)
        .map(|a| a.title.as_str())
        .collect();
    let _ = write!(
        out,
        "  score {:.1}/100 (pass mark {:.0})  {verdict}",
        report.score, report.pass_threshold
    );
    if !missing_required.is_empty() {
        let _ = write!(
            out,
            "  required area missing: {}",
            v(&missing_required.join(", "))
        );
    }
    out.push('\n');
    out
}

/// The evidence worth showing first: counted, under the area's heading before elsewhere, one per
/// concept before repeats.
fn shown_evidence(
    area: &crate::judging::verdicts::AreaVerdict,
    limit: usize,
) -> Vec<&crate::judging::verdicts::Evidence> {
    let mut counted: Vec<(usize, &crate::judging::verdicts::Evidence)> = area
        .evidence
        .iter()
        .filter(|e| e.counted)
        .enumerate()
        .collect();
    let mut seen = std::collections::HashSet::new();
    let firsts: Vec<bool> = counted
        .iter()
        .map(|(_, e)| seen.insert(e.concept.as_str()))
        .collect();
    let mut ranked: Vec<(bool, bool, usize, &crate::judging::verdicts::Evidence)> = counted
        .drain(..)
        .zip(firsts)
        .map(|((i, e), first)| (!first, !e.under_heading, i, e))
        .collect();
    ranked.sort_by_key(|&(repeat, elsewhere, i, _)| (repeat, elsewhere, i));
    ranked
        .into_iter()
        .take(limit)
        .map(|(_, _, _, e)| e)
        .collect()
}

fn painter(color: bool) -> impl Fn(Style, &str) -> String {
    move |style: Style, s: &str| {
        if color {
            format!("{}{s}{}", style.render(), style.render_reset())
        } else {
            s.to_string()
        }
    }
}

/// The tallies at the end of a batch, for a person: how many files were checked, passed, failed,
/// could not be read and were skipped; for each area (by Chinese title and id) how many reports miss
/// it and how many are weak on it; the lowest-scoring reports with their scores; the unreadable files.
/// Only [`TextOptions::color`] is used from `options`.
///
/// ```
/// use fazhi_check::{Checker, RuleSet, Summary, render};
///
/// let checker = Checker::new(RuleSet::builtin());
/// let mut summary = Summary::for_rules(checker.rules());
/// summary.add("a.txt", &Ok(checker.check_str("")));
/// let text = render::summary(&summary, &render::TextOptions::default());
/// assert!(text.contains("1 checked, 0 passed, 1 failed, 0 unreadable"));
/// assert!(text.contains("组织领导 [leadership]"));
/// assert!(text.contains("0.0  FAIL  a.txt"));
/// ```
pub fn summary(summary: &Summary, options: &TextOptions) -> String {
    let paint = painter(options.color);
    let bold = Style::new().bold();
    let green = Style::new().fg_color(Some(AnsiColor::Green.into()));
    let red = Style::new().fg_color(Some(AnsiColor::Red.into()));
    let v = |s: &str| visible(s).into_owned();
    let mut out = String::new();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let _ = writeln!(
        out,
        "{}  {} file{}: {} checked, {} passed, {} failed, {} unreadable; {} skipped ({} hidden, {} office junk)",
        paint(bold, "summary"),
        summary.files(),
        plural(summary.files()),
        summary.checked(),
        summary.passed(),
        summary.failed(),
        summary.unreadable(),
        summary.skipped(),
        summary.skipped_hidden(),
        summary.skipped_junk(),
    );
    if !summary.areas().is_empty() {
        let _ = writeln!(out, "  {:>7}  {:>5}  area", "missing", "weak");
        for a in summary.areas() {
            let _ = writeln!(
                out,
                "  {:>7}  {:>5}  {} [{}]",
                a.missing,
                a.weak,
                v(&a.title),
                a.id
            );
        }
    }
    if !summary.lowest().is_empty() {
        let _ = writeln!(out, "  lowest scores:");
        for l in summary.lowest() {
            let verdict = if l.passed {
                paint(green, "PASS")
            } else {
                paint(red, "FAIL")
            };
            let mut line = format!("  {:>7.1}  {verdict}  {}", l.score, v(&l.file));
            if let Some(title) = &l.title {
                let _ = write!(line, "  {}", v(title));
            }
            if let Some(year) = l.year {
                let _ = write!(line, " ({year})");
            }
            let _ = writeln!(out, "{line}");
        }
    }
    if !summary.unreadable_files().is_empty() {
        let _ = writeln!(out, "  unreadable:");
        for u in summary.unreadable_files() {
            let _ = writeln!(out, "    {}: {}", v(&u.file), v(&u.error));
        }
        let more = summary.unreadable() - summary.unreadable_files().len();
        if more > 0 {
            let _ = writeln!(out, "    … and {more} more");
        }
    }
    out
}

/// The UTF-8 byte-order mark that [`csv_header`] starts with: without it, Excel on a Chinese Windows
/// machine reads a CSV file as GBK and shows the titles as mojibake.
pub const CSV_BOM: &str = "\u{feff}";

/// The first line of the spreadsheet: [`CSV_BOM`], then the column names of the office's
/// [`Table`](table::Table) (文件, 单位, 标题, 年度, 发布日期, …, one per area, one per finding, 雷同报告,
/// 错误; English with `Lang::En`); ends with CRLF. The rows are [`csv_row`]s for the same table.
///
/// ```
/// use fazhi_check::{Lang, RuleSet, render};
/// use fazhi_check::render::table::Table;
///
/// let header = render::csv_header(&Table::new([&RuleSet::builtin()], Lang::Zh));
/// assert!(header.starts_with("\u{feff}文件,单位,标题,年度,发布日期,发布日期所在行,是否按时,结论,得分,规则集,组织领导,"));
/// assert!(header.ends_with(",雷同报告,错误\r\n"));
/// ```
pub fn csv_header(table: &table::Table) -> String {
    format!("{CSV_BOM}{}", csv_record(&table.header()))
}

/// One row of the spreadsheet for a file, in the columns of [`csv_header`], ending with CRLF.
///
/// For a report: its organisation, title, year, publication date and the line it was read from,
/// whether it was published in time (是 / 否 / 未知), the verdict (通过 / 需修改 / 退回), the score to
/// one decimal, the rule set, each area's status (具备 / 薄弱 / 缺失; empty for an area the report
/// does not have), each finding's severity and lines, the reports it shares its text with, and an
/// empty error. For a file that could not be checked: the file, the error message, and every other
/// column empty. Fields are quoted where needed; text that starts with `=`, `+`, `-` or `@` gets a
/// leading `'` so that a spreadsheet does not run it as a formula.
///
/// ```
/// use fazhi_check::{Checker, Error, Lang, RuleSet, render};
/// use fazhi_check::render::table::{Row, Table};
///
/// let checker = Checker::new(RuleSet::builtin());
/// let table = Table::new([checker.rules()], Lang::Zh);
/// let row = render::csv_row(&table, &Row::new("a,b.txt", &Ok(checker.check_str("")), vec![]));
/// assert!(row.starts_with("\"a,b.txt\",,,,,,未知,退回,0.0,township,缺失,"), "{row}");
/// let err = Err(Error::NotText { reason: "扫描件".into() });
/// let row = render::csv_row(&table, &Row::new("x.docx", &err, vec![]));
/// assert!(row.starts_with("x.docx,,,,,,,,,,,") && row.ends_with(",无法读取报告：扫描件\r\n"));
/// ```
pub fn csv_row(table: &table::Table, row: &table::Row) -> String {
    let fields: Vec<String> = table
        .cells(row)
        .iter()
        .map(|c| match c {
            table::Cell::Text(s) => defuse_formula(s),
            other => other.text(),
        })
        .collect();
    csv_record(&fields)
}

/// A leading `'` for text a spreadsheet would take for a formula.
pub(crate) fn defuse_formula(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// One CSV record with CRLF, quoted where needed.
fn csv_record<S: AsRef<[u8]>>(fields: &[S]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer
        .write_record(fields)
        .expect("writing to memory does not fail");
    let bytes = writer
        .into_inner()
        .expect("flushing to memory does not fail");
    String::from_utf8(bytes).expect("the fields are UTF-8")
}

/// The first line of the figures spreadsheet ([`CSV_BOM`], then 文件, 单位, 年度, 方面, 事项, 数值,
/// 计量单位, 行, 列; in English `file`, `organization`, `year`, `area`, `label`, `value`, `unit`,
/// `line`, `column`), ending with CRLF.
pub fn figures_csv_header(lang: crate::text::lang::Lang) -> String {
    let l = lang;
    format!(
        "{CSV_BOM}{}",
        csv_record(&[
            l.pick("文件", "file"),
            l.pick("单位", "organization"),
            l.pick("年度", "year"),
            l.pick("方面", "area"),
            l.pick("事项", "label"),
            l.pick("数值", "value"),
            l.pick("计量单位", "unit"),
            l.pick("行", "line"),
            l.pick("列", "column"),
        ])
    )
}

/// One row per figure of a report, in the columns of [`figures_csv_header`]; nothing for a file that
/// could not be checked.
///
/// ```
/// use fazhi_check::{Checker, RuleSet, render};
///
/// let checker = Checker::new(RuleSet::builtin());
/// let report = checker.check_str("一、化解矛盾纠纷\n人民调解委员会全年调解纠纷70件。");
/// assert_eq!(render::figures_csv_rows("a.txt", &Ok(report)), "a.txt,,,disputes,人民调解委员会全年调解纠纷,70,件,2,14\r\n");
/// ```
pub fn figures_csv_rows(file: &str, outcome: &Result<Report, Error>) -> String {
    let Ok(report) = outcome else {
        return String::new();
    };
    let file = defuse_formula(file);
    let organization = report
        .metadata
        .organization
        .as_deref()
        .map(defuse_formula)
        .unwrap_or_default();
    let year = report
        .metadata
        .year
        .map(|y| y.to_string())
        .unwrap_or_default();
    let mut out = String::new();
    for f in &report.figures {
        out.push_str(&csv_record(&[
            file.as_str(),
            organization.as_str(),
            year.as_str(),
            f.area.as_deref().unwrap_or(""),
            &defuse_formula(&f.label),
            &f.value.to_string(),
            &f.unit,
            &f.line.to_string(),
            &f.column.to_string(),
        ]));
    }
    out
}

/// ` (第N页)` after a position in a PDF or OFD file, where the page a person turns to is known.
fn page_note(page: Option<usize>) -> String {
    page.map(|p| format!(" (第{p}页)")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checker::Checker;

    fn parse(line: &str) -> Vec<String> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes());
        let record = reader.records().next().unwrap().unwrap();
        assert!(reader.records().next().is_none(), "one record: {line:?}");
        record.iter().map(str::to_string).collect()
    }

    #[test]
    fn csv_rows_have_the_header_columns_and_quote_what_needs_it() {
        use crate::text::lang::Lang;
        use table::{Row, Table};
        let rules = RuleSet::builtin();
        let checker = Checker::new(rules.clone());
        let table = Table::new([&rules], Lang::Zh);
        let header = csv_header(&table);
        let columns = parse(header.strip_prefix(CSV_BOM).unwrap());
        assert_eq!(columns, table.header());

        let mut report =
            checker.check_str("某镇2023年法治政府建设工作报告\n一、加强组织领导\n成立领导小组。");
        report.metadata.title = Some("标题, 带\"引号\"\n和换行".into());
        report.metadata.year = Some(2023);
        let row = csv_row(
            &table,
            &Row::new("dir/a b.txt", &Ok(report.clone()), vec![]),
        );
        assert!(row.ends_with("\r\n"));
        let fields = parse(&row);
        assert_eq!(fields.len(), columns.len());
        let get = |name: &str| &fields[columns.iter().position(|c| c == name).unwrap()];
        assert_eq!(get("文件"), "dir/a b.txt");
        assert_eq!(get("标题"), "标题, 带\"引号\"\n和换行");
        assert_eq!(get("年度"), "2023");
        assert_eq!(get("得分"), &format!("{:.1}", report.score));
        assert_eq!(get("结论"), report.verdict.label(Lang::Zh));
        for area in &report.areas {
            assert_eq!(get(&area.title), area.status.label(Lang::Zh));
        }
        assert_eq!(get("错误"), "");

        let err = Err(Error::TooLarge { size: 9, limit: 1 });
        let fields = parse(&csv_row(&table, &Row::new("big.txt", &err, vec![])));
        assert_eq!(fields.len(), columns.len());
        assert_eq!(fields[0], "big.txt");
        assert!(fields[1..columns.len() - 1].iter().all(String::is_empty));
        assert!(!fields.last().unwrap().is_empty());
    }

    #[test]
    fn csv_cells_that_look_like_formulas_are_defused() {
        use crate::text::lang::Lang;
        use table::{Row, Table};
        let rules = RuleSet::builtin();
        let mut report = Checker::new(rules.clone()).check_str("");
        report.metadata.title = Some("=HYPERLINK(\"x\")".into());
        report.metadata.organization = Some("+某镇".into());
        report.metadata.year = None;
        let table = Table::new([&rules], Lang::Zh);
        let fields = parse(&csv_row(
            &table,
            &Row::new("@file.txt", &Ok(report), vec!["-b.txt".into()]),
        ));
        assert_eq!(fields[0], "'@file.txt");
        assert_eq!(fields[1], "'+某镇");
        assert_eq!(fields[2], "'=HYPERLINK(\"x\")");
        assert_eq!(fields[3], "", "no year");
        assert_eq!(fields[fields.len() - 2], "'-b.txt");
    }

    #[test]
    fn an_area_the_report_lacks_is_an_empty_cell() {
        use crate::text::lang::Lang;
        use table::{Row, Table};
        let rules = RuleSet::builtin();
        let mut report = Checker::new(rules.clone()).check_str("");
        report.areas.retain(|a| a.id != "decisions");
        let table = Table::new([&rules], Lang::En);
        let header = table.header();
        let fields = parse(&csv_row(&table, &Row::new("a.txt", &Ok(report), vec![])));
        let at = header.iter().position(|h| h == "decisions").unwrap();
        assert_eq!(fields[at], "");
        assert_eq!(fields[at - 1], "missing");
    }

    #[test]
    fn summary_text_lists_skips_lowest_and_unreadable() {
        let rules = RuleSet::builtin();
        let checker = Checker::new(rules.clone());
        let mut s = Summary::for_rules(&rules);
        s.add("b.txt", &Ok(checker.check_str("")));
        s.add(
            "x.docx",
            &Err(Error::NotText {
                reason: "Word".into(),
            }),
        );
        s.add_skipped(crate::render::summary::Skip::Hidden);
        let text = summary(&s, &TextOptions::default());
        assert!(
            text.starts_with(
                "summary  2 files: 1 checked, 0 passed, 1 failed, 1 unreadable; 1 skipped (1 hidden, 0 office junk)\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("        1      0  组织领导 [leadership]\n"),
            "{text}"
        );
        assert!(text.contains("      0.0  FAIL  b.txt\n"), "{text}");
        assert!(text.contains("x.docx: 无法读取报告：Word\n"), "{text}");
        assert!(!text.contains('\u{1b}'), "no colour unless asked");
        let coloured = summary(
            &s,
            &TextOptions {
                color: true,
                ..TextOptions::default()
            },
        );
        assert!(coloured.contains('\u{1b}'));
    }
}

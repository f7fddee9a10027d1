//! Rendering reports for people and for tools.
//!
//! [`json_line`] gives the JSON Lines record the program prints with `--format json`, one per
//! input file; [`text`] gives the human-readable verdict (in the language of
//! [`TextOptions::lang`], Chinese by default); [`line`](line()) gives one line per finding for editors and
//! CI; [`csv_header`] and [`csv_row`] give a
//! spreadsheet, one row per file; [`summary`](summary()) gives the tallies at the end of a batch. All return
//! strings: the caller decides where they go.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use crate::checker::explain::{Explanation, Outcome};
use crate::error::Error;
use crate::judging::verdicts::Status;
use crate::render::summary::Summary;
use crate::report::{Report, Verdict};
#[cfg(test)]
use crate::rules::RuleSet;
use crate::rules::Severity;
use crate::text::lang::Lang;

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

/// The report alone as a JSON object (no `file` key), as [`json_line`] writes its keys: what a batch
/// holds of a report to render it again (read back with `serde_json`).
pub fn report_json(report: &Report) -> String {
    json::to_string(report, json_capacity(report)).expect("reports serialize: all keys are strings")
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
    let paint = painter(options.color);
    let lang = options.lang;
    let zh = lang == Lang::Zh;
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    let green = Style::new().fg_color(Some(AnsiColor::Green.into()));
    let yellow = Style::new().fg_color(Some(AnsiColor::Yellow.into()));
    let _ = file;
    let v = |s: &str| visible(s).into_owned();
    let part_words = |part: &str| -> String {
        match part {
            "title" => lang.pick("标题", "title").to_string(),
            "preamble" => lang.pick("开头", "preamble").to_string(),
            "work" => lang
                .pick("工作部分", "the account of the year's work")
                .to_string(),
            other => match other.strip_prefix("own:") {
                Some(ids) => {
                    let titles: Vec<String> = ids
                        .split('+')
                        .map(|id| {
                            explanation
                                .areas
                                .iter()
                                .find(|a| a.id == id)
                                .map_or_else(|| v(id), |a| v(&a.title))
                        })
                        .collect();
                    if zh {
                        format!("“{}”部分", titles.join("”“"))
                    } else {
                        format!("the part of {}", titles.join(" and "))
                    }
                }
                None => v(other),
            },
        }
    };
    let mut out = String::new();
    for area in &explanation.areas {
        let scope = match area.scope {
            crate::rules::Scope::Work => lang.pick("工作部分", "work"),
            crate::rules::Scope::Own => lang.pick("本方面部分", "own"),
            crate::rules::Scope::All => lang.pick("全文", "all"),
        };
        let _ = writeln!(
            out,
            "{} {} ({}{scope}): {}",
            paint(bold, &v(&area.title)),
            paint(dim, &format!("[{}]", area.id)),
            lang.pick("范围 ", "scope "),
            area.status.label(lang)
        );
        for h in &area.headings {
            let _ = writeln!(
                out,
                "  {} {}:{} 「{}」 {} 「{}」",
                lang.pick("标题", "heading"),
                h.line,
                h.column,
                v(&h.heading),
                lang.pick("提示词", "cue"),
                v(&h.term)
            );
        }
        for concept in &area.concepts {
            let mark = if concept.found {
                paint(green, lang.pick("找到", "found"))
            } else {
                paint(dim, lang.pick("未找到", "not found"))
            };
            let _ = writeln!(
                out,
                "  {} {}: {mark}",
                lang.pick("概念", "concept"),
                concept.id
            );
            for m in &concept.matches {
                let why = match &m.outcome {
                    Outcome::Counted => paint(green, lang.pick("计入", "counted")),
                    Outcome::Negated { cue } => paint(
                        yellow,
                        &if zh {
                            format!("被「{}」否定", v(cue))
                        } else {
                            format!("negated by 「{}」", v(cue))
                        },
                    ),
                    Outcome::OutOfScope { part } => paint(
                        yellow,
                        &if zh {
                            format!("不计：在{}中", part_words(part))
                        } else {
                            format!("not counted: in {}", part_words(part))
                        },
                    ),
                    Outcome::InHeading => paint(
                        yellow,
                        lang.pick("不计：在标题中", "not counted: in a heading"),
                    ),
                    Outcome::InsideWord { word } => paint(
                        yellow,
                        &if zh {
                            format!("不计：在词语「{}」之内", v(word))
                        } else {
                            format!("not counted: inside the word 「{}」", v(word))
                        },
                    ),
                    Outcome::InsideLongerTerm => paint(
                        dim,
                        lang.pick(
                            "在同一概念更长的用语之内",
                            "inside a longer term of the same concept",
                        ),
                    ),
                    Outcome::Overlapped => paint(
                        dim,
                        lang.pick(
                            "不计：在更长的匹配之内（取最长）",
                            "not counted: inside a longer match (longest wins)",
                        ),
                    ),
                    Outcome::Filtered { reason } => paint(
                        yellow,
                        &if zh {
                            format!("不计：{}", reason_words(reason, lang))
                        } else {
                            format!("not counted: {}", reason_words(reason, lang))
                        },
                    ),
                    Outcome::Support => {
                        paint(green, lang.pick("计入（辅助用语）", "counted (support)"))
                    }
                    Outcome::PageChrome => paint(
                        yellow,
                        lang.pick("不计：网页框架文字", "not counted: page chrome"),
                    ),
                };
                let _ = writeln!(
                    out,
                    "    {:<9}{}  {why}  {}",
                    format!("{}:{}", m.line, m.column),
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
    /// The language of the words (Chinese by default); ids stay as they are.
    pub lang: Lang,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            color: false,
            evidence_per_area: 2,
            terms_per_concept: 4,
            outline: false,
            lang: Lang::Zh,
        }
    }
}

/// How many columns `s` takes on a terminal: a Chinese character takes two.
pub fn display_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// `s` followed by spaces up to `width` columns of a terminal (nothing added when it is as wide).
pub fn pad(s: &str, width: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(
        ' ',
        width.saturating_sub(display_width(s)),
    ));
    out
}

/// Why a match did not count, in words, from its code (see
/// [`Filter::code`](crate::judging::evidence::Filter::code)); an unknown code as it is.
fn reason_words(code: &str, lang: Lang) -> String {
    match code {
        "overlapped" => lang.pick("在更长的用语之内", "inside a longer match"),
        "title" => lang.pick(
            "在未写明制定的书名号内",
            "inside a 《title》 not said to be made",
        ),
        "award" => lang.pick(
            "在获奖或排名的分句中",
            "in a clause about an award or ranking",
        ),
        "future" => lang.pick("在谈今后打算的句子中", "in a sentence about the future"),
        "object" => lang.pick("是部署、听取的对象", "the object of a directing act"),
        "negated" => lang.pick("被否定", "negated"),
        other => return other.to_string(),
    }
    .to_string()
}

/// The verdict for a person: the file's name once, then each area under its Chinese title with
/// status and score (columns aligned by their width on a terminal), its first pieces of evidence as
/// `line:column` with the excerpt, what was looked for where the area is weak or missing, the
/// findings, then the total and the verdict (通过 / 需修改 / 退回). In the words of
/// [`TextOptions::lang`].
pub fn text(file: &str, outcome: &Result<Report, Error>, options: &TextOptions) -> String {
    let paint = painter(options.color);
    let lang = options.lang;
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
                "{}  {}{}",
                paint(bold, file),
                paint(red.bold(), lang.pick("无法检查：", "error: ")),
                v(&error_message(e, lang))
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
    let titles: Vec<String> = report
        .areas
        .iter()
        .map(|a| format!("{} [{}]", v(&a.title), a.id))
        .collect();
    let title_width = titles.iter().map(|t| display_width(t)).max().unwrap_or(0);
    let status_width = [Status::Present, Status::Weak, Status::Missing]
        .iter()
        .map(|s| display_width(s.label(lang)))
        .max()
        .unwrap_or(0);
    for (area, title) in report.areas.iter().zip(&titles) {
        let (mark, style) = match area.status {
            Status::Present => ("✔", green),
            Status::Weak => ("▲", yellow),
            Status::Missing => ("✘", red),
        };
        let padded = pad(title, title_width);
        let (name, id) = padded.split_at(padded.find(" [").unwrap_or(padded.len()));
        let _ = writeln!(
            out,
            "  {} {}{}  {}  {:>5.1}/{:<4.1}  {}",
            paint(style, mark),
            paint(bold, name),
            paint(dim, id),
            paint(style, &pad(area.status.label(lang), status_width)),
            area.score,
            area.max_score,
            paint(dim, &v(&area.reason)),
        );
        if let Some(h) = &area.heading {
            let _ = writeln!(
                out,
                "      {:<9}{} 「{}」",
                format!("{}:{}", h.line, h.column),
                lang.pick("标题", "heading"),
                v(&h.heading)
            );
        }
        for e in shown_evidence(area, options.evidence_per_area) {
            let _ = writeln!(
                out,
                "      {:<9}{}{}  {}",
                format!("{}:{}", e.line, e.column),
                page_note(e.page, lang),
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
                (Some(cue), _) => match lang {
                    Lang::Zh => format!("被「{cue}」否定，不计"),
                    Lang::En => format!("negated by 「{cue}」, not counted"),
                },
                (None, Some(reason)) => match lang {
                    Lang::Zh => format!("{}，不计", reason_words(reason, lang)),
                    Lang::En => format!("{}, not counted", reason_words(reason, lang)),
                },
                (None, None) => lang.pick("不计", "not counted").to_string(),
            };
            let _ = writeln!(
                out,
                "      {:<9}{}{} {}  {}",
                format!("{}:{}", e.line, e.column),
                page_note(e.page, lang),
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
                paint(dim, lang.pick("查找了：", "looked for:")),
                v(&wanted.join(lang.pick("；", "; ")))
            );
        }
    }
    let severity_width = [Severity::Error, Severity::Warning, Severity::Info]
        .iter()
        .map(|s| display_width(s.label(lang)))
        .max()
        .unwrap_or(0);
    let id_width = report
        .findings
        .iter()
        .map(|f| f.id.len())
        .max()
        .unwrap_or(0);
    for f in &report.findings {
        let style = match f.severity {
            Severity::Error => red,
            Severity::Warning => yellow,
            Severity::Info => dim,
        };
        let place = match (f.line, f.column) {
            (Some(l), Some(c)) => format!("{l}:{c}"),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "  {} {}  {:<9}{}",
            paint(style, &pad(f.severity.label(lang), severity_width)),
            paint(bold, &pad(&f.id, id_width)),
            place,
            v(&f.message)
        );
    }
    let verdict_style = match report.verdict {
        Verdict::Pass => green.bold(),
        Verdict::Revise => yellow.bold(),
        Verdict::Return => red.bold(),
    };
    let verdict = paint(verdict_style, report.verdict.label(lang));
    let missing_required: Vec<&str> = report
        .areas
        .iter()
        .filter(|a| a.required && a.status == Status::Missing)
        .map(|a| a.title.as_str())
        .collect();
    let _ = match lang {
        Lang::Zh => write!(
            out,
            "  得分 {:.1}/100（合格线 {:.0}）  {verdict}",
            report.score, report.pass_threshold
        ),
        Lang::En => write!(
            out,
            "  score {:.1}/100 (pass mark {:.0})  {verdict}",
            report.score, report.pass_threshold
        ),
    };
    if !missing_required.is_empty() {
        let _ = write!(
            out,
            "  {}{}",
            lang.pick("缺少必备方面：", "required area missing: "),
            v(&missing_required.join(lang.pick("、", ", ")))
        );
    }
    out.push('\n');
    out
}

/// One line per finding, `file:line:column: severity[id] message`, and one per required area that
/// is missing (`error[missing_area]`, at the report's first line), for editors and CI: the form
/// compilers print, which their problem matchers read. The severity is written as its id (`error`,
/// `warning`, `info`) for those matchers; the message is in the words of `lang`. A finding without
/// a position stands at line 1, column 1. A file that could not be checked is one line,
/// `error[unreadable]`.
///
/// ```
/// use fazhi_check::{Checker, Lang, RuleSet, render};
///
/// let checker = Checker::new(RuleSet::builtin());
/// let report = checker.check_str("一、加强组织领导\n成立领导小组。\n");
/// let lines = render::line("a.txt", &Ok(report), Lang::Zh);
/// assert!(lines.lines().any(|l| l.starts_with("a.txt:1:1: warning[too_short] ")));
/// assert!(lines.lines().any(|l| l.starts_with("a.txt:1:1: error[missing_area] ")));
/// ```
pub fn line(file: &str, outcome: &Result<Report, Error>, lang: Lang) -> String {
    let file = &*visible(file);
    let v = |s: &str| visible(s).into_owned();
    let mut out = String::new();
    let report = match outcome {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(
                out,
                "{file}:1:1: error[unreadable] {}",
                v(&error_message(e, lang))
            );
            return out;
        }
    };
    for f in &report.findings {
        let _ = writeln!(
            out,
            "{file}:{}:{}: {}[{}] {}",
            f.line.unwrap_or(1),
            f.column.unwrap_or(1),
            f.severity.as_str(),
            f.id,
            v(&f.message)
        );
    }
    for a in report
        .areas
        .iter()
        .filter(|a| a.required && a.status == Status::Missing)
    {
        let _ = match lang {
            Lang::Zh => writeln!(
                out,
                "{file}:1:1: error[missing_area] 缺少必备方面「{}」（{}）",
                v(&a.title),
                a.id
            ),
            Lang::En => writeln!(
                out,
                "{file}:1:1: error[missing_area] required area missing: {} ({})",
                v(&a.title),
                a.id
            ),
        };
    }
    out
}

/// An error's message in the words of `lang`: [`Error`]'s `Display` is Chinese; in English, the
/// messages of reading and size are given in English (a reason the reader wrote in Chinese stays
/// so).
pub fn error_message(e: &Error, lang: Lang) -> String {
    match lang {
        Lang::Zh => e.to_string(),
        Lang::En => e.english(),
    }
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

/// The tallies at the end of a batch, for a person: how many files were checked, and of them how
/// many passed (通过), are to be revised (需修改) or sent back (退回), could not be read and were
/// skipped; for each area (by Chinese title and id) how many reports miss it and how many are weak
/// on it; for each finding id how many reports raised it; the reports under each verdict, 退回 first,
/// with their scores and findings; the lowest scores of the reports that did not pass; the
/// unreadable files. Long lists are cut at [`SUMMARY_LIST_SHOWN`] with a count of the rest. Only
/// [`TextOptions::color`] and [`TextOptions::lang`] are used from `options`.
///
/// ```
/// use fazhi_check::{Checker, RuleSet, Summary, render};
///
/// let checker = Checker::new(RuleSet::builtin());
/// let mut summary = Summary::for_rules(checker.rules());
/// summary.add("a.txt", &Ok(checker.check_str("")));
/// let text = render::summary(&summary, &render::TextOptions::default());
/// assert!(text.contains("共 1 个文件：检查 1 份，通过 0，需修改 0，退回 1，无法读取 0"));
/// assert!(text.contains("组织领导 [leadership]"));
/// assert!(text.contains("退回（1 份）"));
/// assert!(text.contains("0.0  a.txt"));
/// ```
pub fn summary(summary: &Summary, options: &TextOptions) -> String {
    let paint = painter(options.color);
    let lang = options.lang;
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    let green = Style::new().fg_color(Some(AnsiColor::Green.into()));
    let yellow = Style::new().fg_color(Some(AnsiColor::Yellow.into()));
    let red = Style::new().fg_color(Some(AnsiColor::Red.into()));
    let v = |s: &str| visible(s).into_owned();
    let mut out = String::new();
    let (pass, revise, back) = (
        summary.with_verdict(Verdict::Pass),
        summary.with_verdict(Verdict::Revise),
        summary.with_verdict(Verdict::Return),
    );
    let _ = match lang {
        Lang::Zh => writeln!(
            out,
            "{}  共 {} 个文件：检查 {} 份，通过 {pass}，需修改 {revise}，退回 {back}，无法读取 {}；跳过 {} 个（隐藏 {}，办公临时文件 {}）",
            paint(bold, "汇总"),
            summary.files(),
            summary.checked(),
            summary.unreadable(),
            summary.skipped(),
            summary.skipped_hidden(),
            summary.skipped_junk(),
        ),
        Lang::En => writeln!(
            out,
            "{}  {} file{}: {} checked, {pass} passed, {revise} to revise, {back} sent back, {} unreadable; {} skipped ({} hidden, {} office junk)",
            paint(bold, "summary"),
            summary.files(),
            if summary.files() == 1 { "" } else { "s" },
            summary.checked(),
            summary.unreadable(),
            summary.skipped(),
            summary.skipped_hidden(),
            summary.skipped_junk(),
        ),
    };
    if !summary.areas().is_empty() {
        let (missing, weak) = (lang.pick("缺失", "missing"), lang.pick("薄弱", "weak"));
        let (mw, ww) = (display_width(missing).max(5), display_width(weak).max(5));
        let _ = writeln!(
            out,
            "  {}  {}  {}",
            pad_left(missing, mw),
            pad_left(weak, ww),
            lang.pick("方面", "area")
        );
        for a in summary.areas() {
            let _ = writeln!(
                out,
                "  {}  {}  {} [{}]",
                pad_left(&a.missing.to_string(), mw),
                pad_left(&a.weak.to_string(), ww),
                v(&a.title),
                a.id
            );
        }
    }
    let cut = |out: &mut String, shown: usize, total: usize, unit: &str| {
        if total > shown {
            let _ = match lang {
                Lang::Zh => writeln!(out, "    …… 另有 {} {unit}", total - shown),
                Lang::En => writeln!(out, "    … and {} more", total - shown),
            };
        }
    };
    if !summary.findings().is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            lang.pick("问题（按编号）：", "findings by id:")
        );
        let id_width = summary
            .findings()
            .iter()
            .map(|f| f.id.len())
            .max()
            .unwrap_or(0);
        let severity_width = [Severity::Error, Severity::Warning, Severity::Info]
            .iter()
            .map(|s| display_width(s.label(lang)))
            .max()
            .unwrap_or(0);
        let mut tallies: Vec<_> = summary.findings().iter().collect();
        tallies.sort_by_key(|t| (std::cmp::Reverse(t.severity), std::cmp::Reverse(t.reports)));
        for t in tallies.iter().take(SUMMARY_LIST_SHOWN) {
            let style = match t.severity {
                Severity::Error => red,
                Severity::Warning => yellow,
                Severity::Info => dim,
            };
            let _ = match lang {
                Lang::Zh => writeln!(
                    out,
                    "    {}  {}  {:>4} 份报告（{} 处）",
                    pad(&t.id, id_width),
                    paint(style, &pad(t.severity.label(lang), severity_width)),
                    t.reports,
                    t.findings
                ),
                Lang::En => writeln!(
                    out,
                    "    {}  {}  {:>4} reports ({} findings)",
                    pad(&t.id, id_width),
                    paint(style, &pad(t.severity.label(lang), severity_width)),
                    t.reports,
                    t.findings
                ),
            };
        }
        cut(&mut out, SUMMARY_LIST_SHOWN, tallies.len(), "种");
    }
    let line_of = |s: &crate::render::summary::Scored| {
        let mut line = format!("    {:>5.1}  {}", s.score, v(&s.file));
        if let Some(title) = &s.title {
            let _ = write!(line, "  {}", v(title));
        }
        if let Some(year) = s.year {
            let _ = write!(line, " ({year})");
        }
        if !s.findings.is_empty() {
            let _ = write!(line, "  {}", paint(dim, &s.findings.join(", ")));
        }
        line
    };
    for (verdict, style) in [
        (Verdict::Return, red),
        (Verdict::Revise, yellow),
        (Verdict::Pass, green),
    ] {
        let total = summary.with_verdict(verdict);
        if total == 0 {
            continue;
        }
        let heading = match lang {
            Lang::Zh => format!("{}（{total} 份）：", verdict.label(lang)),
            Lang::En => format!("{} ({total}):", verdict.label(lang)),
        };
        let _ = writeln!(out, "  {}", paint(style.bold(), &heading));
        let kept = summary.reports_with(verdict);
        for s in kept.iter().take(SUMMARY_LIST_SHOWN) {
            let _ = writeln!(out, "{}", line_of(s));
        }
        cut(&mut out, kept.len().min(SUMMARY_LIST_SHOWN), total, "份");
    }
    if !summary.lowest().is_empty() {
        let _ = writeln!(
            out,
            "  {}",
            lang.pick("得分最低（未通过）：", "lowest scores (not passed):")
        );
        for l in summary.lowest() {
            let style = if l.verdict == Verdict::Return {
                red
            } else {
                yellow
            };
            let _ = writeln!(
                out,
                "{}  {}",
                line_of(l),
                paint(style, l.verdict.label(lang))
            );
        }
    }
    if !summary.unreadable_files().is_empty() {
        let _ = writeln!(out, "  {}", lang.pick("无法读取：", "unreadable:"));
        for u in summary.unreadable_files().iter().take(SUMMARY_LIST_SHOWN) {
            let _ = writeln!(out, "    {}: {}", v(&u.file), v(&u.error));
        }
        cut(
            &mut out,
            summary.unreadable_files().len().min(SUMMARY_LIST_SHOWN),
            summary.unreadable(),
            "个",
        );
    }
    out
}

/// How many lines each list of the batch summary shows before it is cut with a count of the rest.
pub const SUMMARY_LIST_SHOWN: usize = 10;

/// `s` after spaces up to `width` columns of a terminal.
fn pad_left(s: &str, width: usize) -> String {
    let mut out: String =
        std::iter::repeat_n(' ', width.saturating_sub(display_width(s))).collect();
    out.push_str(s);
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
    format!("{CSV_BOM}{}", csv_record(&figures_columns(lang)))
}

/// The names of the figures' columns, in the CSV and the workbook's figures sheet.
pub fn figures_columns(lang: crate::text::lang::Lang) -> [&'static str; 9] {
    let l = lang;
    [
        l.pick("文件", "file"),
        l.pick("单位", "organization"),
        l.pick("年度", "year"),
        l.pick("方面", "area"),
        l.pick("事项", "label"),
        l.pick("数值", "value"),
        l.pick("计量单位", "unit"),
        l.pick("行", "line"),
        l.pick("列", "column"),
    ]
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

/// `(第N页) ` after a position in a PDF or OFD file, where the page a person turns to is known.
fn page_note(page: Option<usize>, lang: Lang) -> String {
    match lang {
        Lang::Zh => page.map(|p| format!("(第{p}页) ")).unwrap_or_default(),
        Lang::En => page.map(|p| format!("(page {p}) ")).unwrap_or_default(),
    }
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
        assert!(fields.last().unwrap().contains("超过"));
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
                "汇总  共 2 个文件：检查 1 份，通过 0，需修改 0，退回 1，无法读取 1；跳过 1 个（隐藏 1，办公临时文件 0）\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("      1      0  组织领导 [leadership]\n"),
            "{text}"
        );
        assert!(text.contains("  退回（1 份）：\n      0.0  b.txt  no_publication_date, first_responsibility, too_short, title\n"), "{text}");
        assert!(text.contains("x.docx: 无法读取报告：Word\n"), "{text}");
        let english = summary(
            &s,
            &TextOptions {
                lang: Lang::En,
                ..TextOptions::default()
            },
        );
        assert!(
            english.starts_with(
                "summary  2 files: 1 checked, 0 passed, 0 to revise, 1 sent back, 1 unreadable;"
            ),
            "{english}"
        );
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

    #[test]
    fn long_summary_lists_are_cut_with_a_count_of_the_rest() {
        let rules = RuleSet::builtin();
        let checker = Checker::new(rules.clone());
        let report = checker.check_str("");
        let mut s = Summary::for_rules(&rules);
        for i in 0..25 {
            s.add(&format!("r{i:02}.txt"), &Ok(report.clone()));
        }
        let text = summary(&s, &TextOptions::default());
        assert!(text.contains("退回（25 份）：\n"), "{text}");
        assert!(text.contains("r09.txt"), "{text}");
        assert!(!text.contains("r10.txt"), "{text}");
        assert!(text.contains("    …… 另有 15 份\n"), "{text}");
        let passing = checker.check_str(
            &std::fs::read_to_string(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/examples/sample/青石镇2023年法治政府建设工作报告.txt"
            ))
            .unwrap(),
        );
        assert!(passing.passed);
        let mut s = Summary::for_rules(&rules);
        s.add("good.txt", &Ok(passing));
        let text = summary(&s, &TextOptions::default());
        assert!(!text.contains("得分最低"), "no report to list: {text}");
        assert!(text.contains("通过（1 份）：\n"), "{text}");
    }

    #[test]
    fn text_aligns_area_columns_by_display_width_and_shows_the_path_once() {
        let checker = Checker::new(RuleSet::builtin());
        let report = checker.check_str("某镇2023年法治政府建设工作报告\n一、加强组织领导\n成立法治政府建设领导小组，镇党委书记履行第一责任人职责。\n");
        let text = text("dir/a.txt", &Ok(report), &TextOptions::default());
        assert_eq!(text.matches("dir/a.txt").count(), 1, "{text}");
        let widths: Vec<usize> = text
            .lines()
            .filter(|l| l.starts_with("  ✔") || l.starts_with("  ▲") || l.starts_with("  ✘"))
            .map(|l| display_width(&l[..l.find('/').unwrap()]))
            .collect();
        assert_eq!(widths.len(), 9, "{text}");
        assert!(
            widths.windows(2).all(|w| w[0] == w[1]),
            "{widths:?}\n{text}"
        );
    }
}

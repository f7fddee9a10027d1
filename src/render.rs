//! Rendering reports for people and for tools.
//!
//! [`json_line`] gives the JSON Lines record the example program prints with `--format json`, one per
//! input file; [`text`] gives the human-readable verdict. Both return strings: the caller decides where
//! they go.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use crate::error::Error;
use crate::explain::{Explanation, Outcome};
use crate::report::{Report, Status};
use crate::rules::Severity;

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
        Ok(report) => serde_json::to_string(&Checked { file, report }),
        Err(e) => serde_json::to_string(&Failed {
            file,
            error: e.to_string(),
        }),
    };
    out.expect("reports serialize: all keys are strings and all floats are finite")
}

/// The JSON record of [`json_line`] with an `"explanation"` key added: every match, counted or not,
/// and why (see [`Explanation`]).
pub fn json_line_explained(file: &str, report: &Report, explanation: &Explanation) -> String {
    serde_json::to_string(&Explained {
        file,
        report,
        explanation,
    })
    .expect("reports serialize: all keys are strings and all floats are finite")
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
    let mut out = String::new();
    for area in &explanation.areas {
        let _ = writeln!(
            out,
            "{} {} (scope {:?}): {}",
            paint(bold, &area.title),
            paint(dim, &format!("[{}]", area.id)),
            area.scope,
            area.status.as_str()
        );
        for h in &area.headings {
            let _ = writeln!(
                out,
                "  heading {}:{}:{} 「{}」 cue {}",
                file, h.line, h.column, h.heading, h.term
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
                    Outcome::Negated { cue } => paint(yellow, &format!("negated by 「{cue}」")),
                    Outcome::OutOfScope { part } => {
                        paint(yellow, &format!("not counted: in {part}"))
                    }
                    Outcome::InHeading => paint(yellow, "not counted: in a heading"),
                    Outcome::InsideWord { word } => {
                        paint(yellow, &format!("not counted: inside the word 「{word}」"))
                    }
                    Outcome::InsideLongerTerm => {
                        paint(dim, "inside a longer term of the same concept")
                    }
                    Outcome::PageChrome => paint(yellow, "not counted: page chrome"),
                };
                let _ = writeln!(
                    out,
                    "    {}:{}:{}  {}  {why}  {}",
                    file,
                    m.line,
                    m.column,
                    paint(bold, &m.term),
                    paint(dim, &m.excerpt)
                );
            }
        }
        let _ = writeln!(out, "  {}", area.reasoning);
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
    let red = Style::new().fg_color(Some(AnsiColor::Red.into()));
    let mut out = String::new();
    let report = match outcome {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(
                out,
                "{}: {} {e}",
                paint(bold, file),
                paint(red.bold(), "error:")
            );
            return out;
        }
    };
    let mut heading = paint(bold, file);
    if let Some(title) = &report.metadata.title {
        let _ = write!(heading, "  {title}");
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
                h.number,
                h.text,
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
        let count = format!(
            "{}+{} of {} concepts",
            area.concepts_found, area.heading_bonus, area.present_at
        );
        let _ = writeln!(
            out,
            "  {} {} {}  {}  {:.1}/{:.1}  {}",
            paint(style, mark),
            paint(bold, &area.title),
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
                file, h.line, h.column, h.heading
            );
        }
        for e in shown_evidence(area, options.evidence_per_area) {
            let _ = writeln!(
                out,
                "      {}:{}:{}  {}  {}",
                file,
                e.line,
                e.column,
                paint(bold, &e.term),
                e.excerpt
            );
        }
        for e in area
            .evidence
            .iter()
            .filter(|e| e.negated)
            .take(options.evidence_per_area)
        {
            let cue = e.negated_by.as_deref().unwrap_or("");
            let _ = writeln!(
                out,
                "      {}:{}:{}  {} {}  {}",
                file,
                e.line,
                e.column,
                paint(bold, &e.term),
                paint(yellow, &format!("negated by 「{cue}」, not counted")),
                e.excerpt
            );
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
                wanted.join("; ")
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
            f.message
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
            missing_required.join(", ")
        );
    }
    out.push('\n');
    out
}

/// The evidence worth showing first: counted, under the area's heading before elsewhere, one per
/// concept before repeats.
fn shown_evidence(
    area: &crate::report::AreaVerdict,
    limit: usize,
) -> Vec<&crate::report::Evidence> {
    let mut counted: Vec<(usize, &crate::report::Evidence)> = area
        .evidence
        .iter()
        .filter(|e| !e.negated)
        .enumerate()
        .collect();
    let mut seen = std::collections::HashSet::new();
    let firsts: Vec<bool> = counted
        .iter()
        .map(|(_, e)| seen.insert(e.concept.as_str()))
        .collect();
    let mut ranked: Vec<(bool, bool, usize, &crate::report::Evidence)> = counted
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

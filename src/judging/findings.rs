//! The regulation's formal checks, reported beside the area verdicts as findings.
//!
//! Each check has a stable id and is configured in the rule set's `[findings]` table (on or off,
//! severity, thresholds):
//!
//! - `late`: published after 31 March (by default) of the year after the report's year: the
//!   regulation asks for the report to be made public before 1 April;
//! - `stale_year`: the account of the work opens a sentence with another year as the current one
//!   (2020年，我镇…… in a 2021 report: last year's text copied in), or the plans are for a year other
//!   than the next;
//! - `first_responsibility`: the report never addresses how the principal leaders discharged their
//!   duty as first person responsible for building rule of law;
//! - `too_short`: less report text than the threshold, page chrome not counted;
//! - `title`: no recognizable title, or a title without the organisation or the year;
//! - `not_a_report`: the text calls itself a plan or programme (制定本方案) rather than a report.

use crate::document::metadata::Found;
use crate::document::positions::Positions;
use crate::document::{Document, ParagraphKind};
use crate::judging::evidence::{Gathered, Part};
use crate::matching::matcher::Role;
use crate::rules::{FindingRule, FindingRules, Severity};
use serde::{Deserialize, Serialize};

/// A formal check that fired: one diagnostic, with a stable id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable id of the check: `late`, `stale_year`, `first_responsibility`, `too_short`, `title`.
    pub id: String,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, in Chinese, for the town that wrote the report.
    pub message: String,
    /// 1-based line in the original text, where the finding has a place.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
}

/// A finding before its position is turned into a line and column.
struct Raw {
    pub id: &'static str,
    pub severity: Severity,
    pub message: String,
    pub at: Option<At>,
}

/// Where a finding points.
enum At {
    /// A byte offset in the document's content.
    Content(usize),
    /// A byte offset in the folded text.
    Folded(usize),
}

fn push(out: &mut Vec<Raw>, rule: FindingRule, id: &'static str, message: String, at: Option<At>) {
    if rule.enabled {
        out.push(Raw {
            id,
            severity: rule.severity,
            message,
            at,
        });
    }
}

/// Runs every enabled check: the findings in order of their place, those without one last.
pub(crate) fn check(
    rules: &FindingRules,
    doc: &Document,
    gathered: &Gathered,
    found: &Found,
    positions: &Positions<'_>,
) -> Vec<Finding> {
    let mut findings: Vec<Finding> = check_raw(rules, doc, gathered, found)
        .into_iter()
        .map(|raw| {
            let position = raw.at.map(|at| match at {
                At::Content(offset) => positions.locate(offset),
                At::Folded(offset) => positions.locate_folded(offset),
            });
            Finding {
                id: raw.id.to_string(),
                severity: raw.severity,
                message: raw.message,
                line: position.map(|p| p.0),
                column: position.map(|p| p.1),
            }
        })
        .collect();
    findings.sort_by_key(|f| (f.line.unwrap_or(usize::MAX), f.column));
    findings
}

/// Runs every enabled check, with places as offsets.
fn check_raw(rules: &FindingRules, doc: &Document, gathered: &Gathered, found: &Found) -> Vec<Raw> {
    let parts = &gathered.parts;
    let mut out = Vec::new();
    let meta = &found.metadata;

    // late
    if let (Some(year), Some(published)) = (meta.year, meta.published.as_deref()) {
        let (month, day) = rules.deadline;
        let deadline = format!("{:04}-{month:02}-{day:02}", year + 1);
        if published > deadline.as_str() {
            push(
                &mut out,
                rules.late,
                "late",
                format!(
                    "发布日期{published}晚于{}年{month}月{day}日：{year}年度报告应在次年第一季度公开",
                    year + 1
                ),
                found.published_at.map(At::Folded),
            );
        }
    }

    // stale_year
    if let Some(year) = meta.year {
        let text = doc.content.as_str();
        for (p, paragraph) in doc.paragraphs.iter().enumerate() {
            let body = &text[paragraph.range.clone()];
            match (parts[p], paragraph.kind) {
                (Part::Work | Part::Preamble, ParagraphKind::Body) => {
                    let lead = body.trim_start();
                    let Some(written) = leading_year(lead) else {
                        continue;
                    };
                    if written < year {
                        let at = paragraph.range.start + (body.len() - lead.len());
                        push(
                            &mut out,
                            rules.stale_year,
                            "stale_year",
                            format!(
                                "{year}年度报告的工作部分以“{written}年”开头叙述当年工作，疑为沿用往年文本"
                            ),
                            Some(At::Content(at)),
                        );
                    }
                }
                (Part::Own(_), ParagraphKind::Heading(h)) => {
                    let words = doc.headings[h].text.as_str();
                    let Some(written) = leading_year(words) else {
                        continue;
                    };
                    let plan = ["打算", "安排", "计划", "思路", "重点"]
                        .iter()
                        .any(|w| words.contains(w));
                    if written < year || written > year + 1 || (written == year && plan) {
                        let at = paragraph.range.start + body.find(words).unwrap_or(0);
                        push(
                            &mut out,
                            rules.stale_year,
                            "stale_year",
                            format!(
                                "{year}年度报告的下一年度安排写的是{written}年，应为{}年",
                                year + 1
                            ),
                            Some(At::Content(at)),
                        );
                    }
                }
                _ => {}
            }
        }
    }

    // first_responsibility
    if !gathered
        .marks
        .iter()
        .any(|&(role, _)| role == Role::FirstResponsibility)
    {
        push(
            &mut out,
            rules.first_responsibility,
            "first_responsibility",
            "报告未说明党政主要负责人履行推进法治建设第一责任人职责情况".to_string(),
            None,
        );
    }

    // too_short
    let chars: usize = doc
        .paragraphs
        .iter()
        .filter(|p| p.kind != ParagraphKind::Title)
        .map(|p| doc.content[p.range.clone()].chars().count())
        .sum();
    if chars < rules.min_chars {
        push(
            &mut out,
            rules.too_short,
            "too_short",
            format!(
                "报告正文仅{chars}字（不计网页内容），少于{}字",
                rules.min_chars
            ),
            None,
        );
    }

    // not_a_report
    // The first term of the list that occurs within the first `not_a_report_within` characters of
    // the running text (a report may quote a plan further on), where it first does.
    let within = doc
        .content
        .char_indices()
        .nth(rules.not_a_report_within)
        .map_or(doc.content.len(), |(i, _)| i);
    if let Some((term, at)) = rules
        .not_a_report_terms
        .iter()
        .enumerate()
        .find_map(|(k, t)| {
            gathered
                .marks
                .iter()
                .find(|&&(role, at)| role == Role::NotAReport { term: k } && at < within)
                .map(|&(_, at)| (t, at))
        })
    {
        push(
            &mut out,
            rules.not_a_report,
            "not_a_report",
            format!(
                "本文件有“{term}”字样：似为方案、新闻、政府信息公开年度报告、说明或解读等，而不是法治政府建设年度报告；其内容不按当年已完成的法治政府建设工作评判"
            ),
            Some(At::Content(at)),
        );
    }

    // title
    match &meta.title {
        None => push(
            &mut out,
            rules.title,
            "title",
            "未找到报告标题：标题应写明单位、年度和“法治政府建设”".to_string(),
            None,
        ),
        Some(_) => {
            let mut lacking = Vec::new();
            if meta.organization.is_none() {
                lacking.push("单位");
            }
            if meta.year.is_none() {
                lacking.push("年度");
            }
            if !lacking.is_empty() {
                let title_at = doc
                    .paragraphs
                    .iter()
                    .find(|p| p.kind == ParagraphKind::Title)
                    .map(|p| At::Content(p.range.start));
                push(
                    &mut out,
                    rules.title,
                    "title",
                    format!("报告标题未写明{}", lacking.join("和")),
                    title_at,
                );
            }
        }
    }
    out
}

/// The year a paragraph or heading opens with: `2020年，…`, `2020年度，…`, `2024年工作打算`.
fn leading_year(text: &str) -> Option<i32> {
    let digits = text.get(..4)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let rest = &text[4..];
    let rest = rest
        .strip_prefix("年度")
        .or_else(|| rest.strip_prefix('年'))?;
    if rest.starts_with(|c: char| c.is_ascii_digit() || c == '月') {
        return None; // a date, 2021年3月, not a year
    }
    digits.parse().ok().filter(|y| (1990..2100).contains(y))
}

#[cfg(test)]
mod tests {
    use super::leading_year;

    #[test]
    fn leading_years() {
        assert_eq!(leading_year("2020年,我镇"), Some(2020));
        assert_eq!(leading_year("2022年度工作安排"), Some(2022));
        assert_eq!(leading_year("2021年3月,召开会议"), None);
        assert_eq!(leading_year("我镇2020年"), None);
    }
}

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

use crate::document::metadata::{Found, title_names_body_and_year};
use crate::document::positions::Positions;
use crate::document::{Document, ParagraphKind};
use crate::judging::evidence::{Gathered, Part};
use crate::matching::matcher::Role;
use crate::rules::{FindingRule, FindingRules, Severity};
use serde::{Deserialize, Serialize};

/// A formal check that fired: one diagnostic, with a stable id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// For `copied_text` and `repeated_text`: the other report, the shares and the passages both
    /// hold, to show them side by side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared: Option<Shared>,
}

/// The text a report shares with another (a `copied_text` or `repeated_text` finding).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shared {
    /// The other report, as the batch names it.
    pub other: String,
    /// The share (0–1) of this report's text found in the other.
    pub share: f64,
    /// The share (0–1) of the other report's text found in this one.
    pub other_share: f64,
    /// The passages found in both, in order of place in this report.
    pub passages: Vec<SharedPassage>,
}

/// One passage two reports share: where it stands in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedPassage {
    /// First and last line (1-based) of the passage in this report.
    pub lines: [u32; 2],
    /// First and last line of the passage it matches in the other report.
    pub other_lines: [u32; 2],
    /// About how many characters (spaces and punctuation left out) it spans in this report.
    pub chars: u32,
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
                shared: None,
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

    // late: judged from the publication date the page shows only, never from the date under the
    // signature; without one, the report says so.
    if meta.published.is_none() {
        push(
            &mut out,
            FindingRule {
                severity: Severity::Info,
                ..rules.late
            },
            "no_publication_date",
            "页面未显示发布日期，未判断是否逾期公开".to_string(),
            None,
        );
    }
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
                (_, ParagraphKind::Body) => {
                    // Any part, problems and plans included: a sentence, or a clause after a
                    // missing full stop, that speaks of an earlier year as the current one.
                    for (offset, clause) in clauses(body) {
                        let Some(written) = stale_clause(clause) else {
                            continue;
                        };
                        if written < year {
                            push(
                                &mut out,
                                rules.stale_year,
                                "stale_year",
                                format!(
                                    "{year}年度报告中有句子以“{written}年”开头叙述当年工作，疑为沿用往年文本"
                                ),
                                Some(At::Content(paragraph.range.start + offset)),
                            );
                        }
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
        Some(title) => {
            let (names_body, names_year) = title_names_body_and_year(title);
            let mut lacking = Vec::new();
            if !names_body {
                lacking.push("单位");
            }
            if !names_year {
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

/// The sentences of a paragraph (split at 。!?;), and a long one further at a comma followed by a
/// year (a full stop lost): each with its byte offset in the paragraph.
fn clauses(body: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in body.char_indices() {
        if matches!(c, '。' | '!' | '?' | ';') {
            out.push((start, &body[start..i + c.len_utf8()]));
            start = i + c.len_utf8();
        }
    }
    if start < body.len() {
        out.push((start, &body[start..]));
    }
    let mut split = Vec::new();
    for (at, sentence) in out {
        if sentence.chars().count() <= 80 {
            split.push((at, sentence));
            continue;
        }
        let mut from = 0;
        for (i, _) in sentence.match_indices(',') {
            if leading_year(&sentence[i + 1..]).is_some() {
                split.push((at + from, &sentence[from..i + 1]));
                from = i + 1;
            }
        }
        split.push((at + from, &sentence[from..]));
    }
    split
}

/// The year a sentence or clause speaks of as the current one: it opens with `2023年，`,
/// `2023年以来`, `2023年(度)我镇…`/`全县…`; not a comparison or a span (较, 同比, 截至, 2022年和2023年,
/// 连续两年) nor a result for that year given by others (考核, 评为, 满意度).
fn stale_clause(clause: &str) -> Option<i32> {
    let t = clause.trim_start_matches([' ', ',', '“']);
    let written = leading_year(t)?;
    let rest = t[4..]
        .strip_prefix("年度")
        .or_else(|| t[4..].strip_prefix('年'))?;
    let current = rest.starts_with(',')
        || rest.starts_with("以来")
        || ["我", "全"].iter().any(|p| {
            rest.strip_prefix(p).is_some_and(|r| {
                ["镇", "乡", "街道", "县", "区", "市", "局"]
                    .iter()
                    .any(|l| r.starts_with(l))
            })
        });
    const NOT_CURRENT: &[&str] = &[
        "较20",
        "较上年",
        "比上年",
        "比20",
        "相比",
        "同比",
        "截至",
        "连续",
        "年和",
        "年至",
        "考评",
        "考核",
        "评估",
        "排名",
        "评选",
        "获评",
        "获得",
        "荣获",
        "入选",
        "表彰",
        "评为",
        "满意度",
        "列全省",
        "位居",
    ];
    (current && !NOT_CURRENT.iter().any(|w| t.contains(w))).then_some(written)
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
    use super::{clauses, leading_year, stale_clause};

    #[test]
    fn stale_clauses() {
        assert_eq!(stale_clause("2023年,我镇开展普法活动20场。"), Some(2023));
        assert_eq!(stale_clause("2023年我镇共调解纠纷15件。"), Some(2023));
        assert_eq!(stale_clause("2023年,我镇法治政府建设考核获评优秀。"), None);
        assert_eq!(stale_clause("2023年和2024年连续两年获评先进。"), None);
        assert_eq!(stale_clause("较2023年增长12%。"), None);
        let long = crate::read::normalize::fold_str(
            "全年开展普法宣传活动三十余场，覆盖群众一万余人次，发放宣传资料五千余份，在各村居设置法治宣传栏十二处，取得良好效果，2023年，我镇还组织了执法人员培训，参训人员四十余人。",
        );
        assert!(long.chars().count() > 80);
        assert!(
            clauses(&long)
                .iter()
                .any(|(_, c)| stale_clause(c) == Some(2023))
        );
    }

    #[test]
    fn leading_years() {
        assert_eq!(leading_year("2020年,我镇"), Some(2020));
        assert_eq!(leading_year("2022年度工作安排"), Some(2022));
        assert_eq!(leading_year("2021年3月,召开会议"), None);
        assert_eq!(leading_year("我镇2020年"), None);
    }
}

//! A self-contained HTML page per report, and an index page for a batch: for the legal office to read
//! and to send back to the town. No network and no external files: the style is inline.

use std::fmt::Write as _;

use crate::judging::verdicts::Status;
use crate::report::Report;

const STYLE: &str = "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em auto;max-width:60em;color:#222;line-height:1.6}\
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ddd}\
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}\
.present{color:#17692e}.weak{color:#8a6100}.missing{color:#b3261e}.pass{color:#17692e;font-weight:bold;white-space:nowrap}.fail{color:#b3261e;font-weight:bold;white-space:nowrap}\
pre.text{white-space:pre-wrap;background:#fafafa;border:1px solid #eee;padding:1em;font-family:inherit}\
.ln{color:#999;user-select:none;display:inline-block;width:3.5em}\
mark{border-radius:3px;padding:0 1px}.neg{text-decoration:line-through}\
.a0{background:#ffe08a}.a1{background:#b5e3ff}.a2{background:#c9f2c1}.a3{background:#f5c6e8}.a4{background:#ffd0b0}\
.a5{background:#d6ccff}.a6{background:#c2f0ec}.a7{background:#f0c2c2}.a8{background:#e0e0a0}.a9{background:#dddddd}\
.error{color:#b3261e}.warning{color:#8a6100}.info{color:#555}small{color:#666}";

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn status_class(status: Status) -> &'static str {
    status.as_str()
}

/// The page for one report: title and verdict, each area's status with what was found and what was
/// looked for, the findings, the outline, and the report's text with every piece of evidence
/// highlighted in its area's colour (negated ones struck through). `text` is the text the report was
/// checked from (its lines are the evidence's lines).
pub fn report_page(file: &str, text: &str, report: &Report) -> String {
    let mut out = String::new();
    let title = report
        .metadata
        .title
        .clone()
        .unwrap_or_else(|| file.to_string());
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>",
        escape(&title)
    );
    let _ = write!(
        out,
        "<h1>{}</h1><p><small>{}</small></p>",
        escape(&title),
        escape(file)
    );
    let verdict = if report.passed {
        "<span class=\"pass\">通过 PASS</span>"
    } else {
        "<span class=\"fail\">未通过 FAIL</span>"
    };
    let _ = write!(
        out,
        "<p>得分 {:.1}/100（合格线 {:.0}） {verdict}</p>",
        report.score, report.pass_threshold
    );
    let m = &report.metadata;
    let _ = write!(
        out,
        "<p><small>单位：{} · 年度：{} · 发布日期：{} · 文号：{}</small></p>",
        escape(m.organization.as_deref().unwrap_or("—")),
        m.year.map_or("—".to_string(), |y| y.to_string()),
        escape(m.published.as_deref().unwrap_or("—")),
        escape(m.document_number.as_deref().unwrap_or("—"))
    );
    out.push_str("<h2>各方面内容</h2><table><tr><th>方面</th><th>结论</th><th>得分</th><th>依据</th><th>未找到（查找的词）</th></tr>");
    for (i, area) in report.areas.iter().enumerate() {
        let mut seen = std::collections::HashSet::new();
        let found: Vec<String> = area
            .evidence
            .iter()
            .filter(|e| e.counted && seen.insert(e.term.as_str()))
            .take(4)
            .map(|e| {
                format!(
                    "<mark class=\"a{}\">{}</mark> <small>{}:{}</small>",
                    i % 10,
                    escape(&e.term),
                    e.line,
                    e.column
                )
            })
            .collect();
        let looked: Vec<String> = if area.status == Status::Present {
            Vec::new()
        } else {
            area.looked_for
                .iter()
                .map(|l| {
                    escape(
                        &l.terms
                            .iter()
                            .take(4)
                            .cloned()
                            .collect::<Vec<_>>()
                            .join("/"),
                    )
                })
                .collect()
        };
        let _ = write!(
            out,
            "<tr><td><mark class=\"a{}\">{}</mark> <small>{}</small></td><td class=\"{}\">{}</td><td>{:.1}/{:.1}</td><td>{}</td><td><small>{}</small></td></tr>",
            i % 10,
            escape(&area.title),
            escape(&area.id),
            status_class(area.status),
            area.status.as_str(),
            area.score,
            area.max_score,
            found.join("、"),
            looked.join("；")
        );
    }
    out.push_str("</table>");
    if !report.findings.is_empty() {
        out.push_str("<h2>形式审查</h2><ul>");
        for f in &report.findings {
            let place = f
                .line
                .map(|l| format!(" <small>第{l}行</small>"))
                .unwrap_or_default();
            let _ = write!(
                out,
                "<li class=\"{}\">[{}] {}{place}</li>",
                f.severity.as_str(),
                escape(&f.id),
                escape(&f.message)
            );
            // Copied text: each shared passage's lines here beside its lines in the other report.
            if let Some(shared) = &f.shared {
                let _ = write!(
                    out,
                    "<li><ul><li><small>本报告 ↔ {}</small></li>",
                    escape(&shared.other)
                );
                for p in &shared.passages {
                    let [a, b, c, d] = [p.lines[0], p.lines[1], p.other_lines[0], p.other_lines[1]];
                    let _ = write!(out, "<li><small>第{a}–{b}行 ↔ 第{c}–{d}行</small></li>");
                }
                out.push_str("</ul></li>");
            }
        }
        out.push_str("</ul>");
    }
    if !report.outline.is_empty() {
        out.push_str("<h2>报告结构</h2><ul>");
        for h in &report.outline {
            let _ = write!(
                out,
                "<li style=\"margin-left:{}em\">{}{} <small>第{}行</small></li>",
                (h.level as usize - 1) * 2,
                escape(&h.number),
                escape(&h.text),
                h.line
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("<h2>报告原文</h2><pre class=\"text\">");
    // Marks per line: (column, length in characters, area index, negated).
    // Lines end at `\n`, `\r\n` or a lone `\r`, as the checker counts them.
    let lines: Vec<&str> = text
        .split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
        .collect();
    let mut marks: Vec<Vec<(usize, usize, usize, bool)>> = vec![Vec::new(); lines.len()];
    for (i, area) in report.areas.iter().enumerate() {
        for e in &area.evidence {
            if let Some(line) = marks.get_mut(e.line - 1) {
                line.push((e.column, e.term.chars().count(), i, !e.counted));
            }
        }
    }
    for (n, line) in lines.into_iter().enumerate() {
        let mut spans = std::mem::take(&mut marks[n]);
        spans.sort_unstable();
        let chars: Vec<char> = line.chars().collect();
        let _ = write!(out, "<span class=\"ln\">{}</span>", n + 1);
        let mut at = 0;
        for (column, len, area, negated) in spans {
            let start = column - 1;
            if start < at || start >= chars.len() {
                continue;
            }
            let end = covering(&chars, start, len);
            out.push_str(&escape(&chars[at..start].iter().collect::<String>()));
            let class = if negated {
                format!("a{} neg", area % 10)
            } else {
                format!("a{}", area % 10)
            };
            let _ = write!(
                out,
                "<mark class=\"{class}\">{}</mark>",
                escape(&chars[start..end].iter().collect::<String>())
            );
            at = end;
        }
        out.push_str(&escape(
            &chars[at.min(chars.len())..].iter().collect::<String>(),
        ));
        out.push('\n');
    }
    out.push_str("</pre></body></html>\n");
    out
}

/// Where a highlight of `len` characters of the term starting at `start` ends in the line: past the
/// zero-width characters inside it, which folding dropped before matching (领导\u{200B}小组 is the
/// term 领导小组).
fn covering(chars: &[char], start: usize, len: usize) -> usize {
    let mut end = start;
    let mut counted = 0;
    while end < chars.len() && counted < len {
        if !matches!(
            chars[end],
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
        ) {
            counted += 1;
        }
        end += 1;
    }
    end
}

/// One row of the index page: the report's page, and its verdict.
#[derive(Debug, Clone)]
pub struct IndexRow {
    /// The input file.
    pub file: String,
    /// The page's file name, relative to the index.
    pub page: Option<String>,
    /// The title, when found.
    pub title: Option<String>,
    /// The score, or the error when the file could not be checked.
    pub outcome: Result<(f64, bool, Vec<Status>), String>,
}

/// The index page of a batch: one row per file with its score, verdict and the status of each area,
/// linking to its page. `areas` are the area titles in order.
pub fn index_page(areas: &[String], rows: &[IndexRow]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>法治政府建设年度报告审查</title><style>{STYLE}</style></head><body><h1>法治政府建设年度报告审查</h1>"
    );
    let passed = rows
        .iter()
        .filter(|r| matches!(r.outcome, Ok((_, true, _))))
        .count();
    let _ = write!(
        out,
        "<p>{} 份，通过 {passed} 份</p><table><tr><th>报告</th><th>得分</th><th>结论</th>",
        rows.len()
    );
    for a in areas {
        let _ = write!(out, "<th><small>{}</small></th>", escape(a));
    }
    out.push_str("</tr>");
    for r in rows {
        let name = escape(r.title.as_deref().unwrap_or(&r.file));
        let link = match &r.page {
            Some(page) => format!(
                "<a href=\"{}\">{name}</a><br><small>{}</small>",
                escape(page),
                escape(&r.file)
            ),
            None => format!("{name}<br><small>{}</small>", escape(&r.file)),
        };
        match &r.outcome {
            Ok((score, pass, statuses)) => {
                let verdict = if *pass {
                    "<span class=\"pass\">通过</span>"
                } else {
                    "<span class=\"fail\">未通过</span>"
                };
                let _ = write!(
                    out,
                    "<tr><td>{link}</td><td>{score:.1}</td><td>{verdict}</td>"
                );
                for s in statuses {
                    let _ = write!(
                        out,
                        "<td class=\"{}\">{}</td>",
                        status_class(*s),
                        s.as_str()
                    );
                }
                out.push_str("</tr>");
            }
            Err(e) => {
                let _ = write!(
                    out,
                    "<tr><td>{link}</td><td colspan=\"{}\" class=\"error\">{}</td></tr>",
                    areas.len() + 2,
                    escape(e)
                );
            }
        }
    }
    out.push_str("</table></body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Checker, RuleSet};

    #[test]
    fn the_page_is_self_contained_and_marks_evidence() {
        let text = "某镇2023年法治政府建设工作报告\n一、加强组织领导\n成立领导小组<脚本>，尚未聘请法律顾问。\n";
        let report = Checker::new(RuleSet::builtin()).check_str(text);
        let page = report_page("a&b.txt", text, &report);
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(!page.contains("http://") && !page.contains("https://") && !page.contains("src="));
        assert!(
            page.contains("<mark class=\"a0\">领导小组</mark>"),
            "{page}"
        );
        assert!(page.contains("neg\">法律顾问</mark>"), "{page}");
        assert!(page.contains("&lt;脚本&gt;") && page.contains("a&amp;b.txt"));
        assert_eq!(
            page.matches("<table>").count(),
            page.matches("</table>").count()
        );
    }
}

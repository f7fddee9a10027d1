//! A self-contained HTML page per report, and an index page for a batch: for the legal office to read
//! and to send back to the town. No network and no external files: the style is inline.

use std::fmt::Write as _;

use crate::judging::findings::Shared;
use crate::judging::verdicts::Status;
use crate::render::table::{Cell, Row, Table, finding_label};
use crate::report::{Report, Verdict};
use crate::text::lang::Lang;

const STYLE: &str = "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em auto;max-width:60em;color:#222;line-height:1.6}\
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ddd}\
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}\
.present{color:#17692e}.weak{color:#8a6100}.missing{color:#b3261e}.pass{color:#17692e;font-weight:bold;white-space:nowrap}.fail{color:#b3261e;font-weight:bold;white-space:nowrap}\
pre.text{white-space:pre-wrap;background:#fafafa;border:1px solid #eee;padding:1em;font-family:inherit}\
.ln{color:#999;user-select:none;display:inline-block;width:3.5em}\
mark{border-radius:3px;padding:0 1px}.neg{text-decoration:line-through}\
.a0{background:#ffe08a}.a1{background:#b5e3ff}.a2{background:#c9f2c1}.a3{background:#f5c6e8}.a4{background:#ffd0b0}\
.a5{background:#d6ccff}.a6{background:#c2f0ec}.a7{background:#f0c2c2}.a8{background:#e0e0a0}.a9{background:#dddddd}\
.error{color:#b3261e}.warning{color:#8a6100}.info{color:#555}small{color:#666}\
.revise{color:#8a6100;font-weight:bold;white-space:nowrap}.return{color:#b3261e;font-weight:bold;white-space:nowrap}\
.chrome{color:#aaa}.chrome .ln{color:#ccc}a.ln{text-decoration:none}:target{background:#fff3b0}\
table.side td{width:50%}.passage{white-space:pre-wrap;background:#fff7e0}li.shared{list-style:none}\
th[data-sort]{cursor:pointer}th[data-sort]:hover{background:#f2f2f2}tr[hidden]{display:none}.nav{margin:0 0 1em}";

/// The index's sorting (a click on a column's header; again for the other order) and filtering by
/// verdict: inline, no network.
const SCRIPT: &str = "(function(){var t=document.getElementById('reports');if(!t)return;var b=t.tBodies[0],s=document.getElementById('verdict');\
function shown(){var n=0;for(var i=0;i<b.rows.length;i++){var r=b.rows[i];r.hidden=s.value!==''&&r.getAttribute('data-verdict')!==s.value;if(!r.hidden)n++;}document.getElementById('shown').textContent=n;}\
s.addEventListener('change',shown);var hs=t.tHead.rows[0].cells;for(var k=0;k<hs.length;k++){(function(th,i){th.addEventListener('click',function(){var asc=th.getAttribute('data-dir')!=='asc';\
for(var j=0;j<hs.length;j++)hs[j].removeAttribute('data-dir');th.setAttribute('data-dir',asc?'asc':'desc');var rows=Array.prototype.slice.call(b.rows);\
rows.sort(function(x,y){var p=x.cells[i],q=y.cells[i];var a=p?(p.getAttribute('data-v')||p.textContent):'',c=q?(q.getAttribute('data-v')||q.textContent):'';\
var na=parseFloat(a),nc=parseFloat(c),r=(!isNaN(na)&&!isNaN(nc))?na-nc:(a===c?0:(a===''?1:(c===''?-1:a.localeCompare(c,'zh'))));return asc?r:-r;});\
for(var m=0;m<rows.length;m++)b.appendChild(rows[m]);});})(hs[k],k);}shown();})();";

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

/// Where a report's page links to: the index, and the pages of the reports it shares text with.
#[derive(Debug, Clone, Default)]
pub struct PageLinks {
    /// The index page, relative to the page.
    pub index: Option<String>,
    /// The other reports sharing much of this one's text, with their pages where written.
    pub copies: Vec<(String, Option<String>)>,
    /// The lines of the other reports that the passages this one shares with them stand on, for
    /// showing the passages side by side (see [`OtherLines`]).
    pub others: Vec<OtherLines>,
    /// The language of the page's words.
    pub lang: Lang,
}

/// Lines of another report, by number, that a passage this report shares with it stands on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OtherLines {
    /// The other report's name, as in the finding's [`Shared::other`](crate::judging::findings::Shared::other).
    pub name: String,
    /// Its page, relative to this one, where written.
    pub page: Option<String>,
    /// Its lines (1-based number and text) that shared passages stand on.
    pub lines: Vec<(u32, String)>,
}

impl OtherLines {
    /// The lines `wanted` (ranges of line numbers, both ends counted) of `text`, split into lines as
    /// the checker counts them.
    pub fn of(name: &str, page: Option<String>, text: &str, wanted: &[[u32; 2]]) -> OtherLines {
        let mut numbers: Vec<u32> = wanted
            .iter()
            .filter(|[a, b]| *a > 0 && a <= b)
            .flat_map(|&[a, b]| a..=b.min(a.saturating_add(PASSAGE_LINES)))
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        let all = text_lines(text);
        OtherLines {
            name: name.to_string(),
            page,
            lines: numbers
                .into_iter()
                .filter_map(|n| all.get(n as usize - 1).map(|l| (n, l.to_string())))
                .collect(),
        }
    }
}

/// How many lines of a shared passage past its first are shown side by side.
const PASSAGE_LINES: u32 = 8;

/// How many characters of a shared passage are shown side by side.
const PASSAGE_CHARS: usize = 240;

/// A text's lines as the checker counts them: ending at `\n`, `\r\n` or a lone `\r`.
fn text_lines(text: &str) -> Vec<&str> {
    text.split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
        .collect()
}

/// The text of lines `a` to `b` (1-based) looked up in `line`, cut at [`PASSAGE_CHARS`], escaped.
fn passage_text<'a>(a: u32, b: u32, line: impl Fn(u32) -> Option<&'a str>) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for n in a..=b.min(a.saturating_add(PASSAGE_LINES)) {
        let Some(text) = line(n) else { continue };
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        let room = PASSAGE_CHARS.saturating_sub(chars);
        let taken: String = text.chars().take(room).collect();
        chars += taken.chars().count();
        out.push_str(&taken);
        if chars >= PASSAGE_CHARS {
            out.push('…');
            break;
        }
    }
    escape(&out)
}

/// A link to line `n` of the text shown on the page.
fn line_link(n: usize, label: &str) -> String {
    format!("<a href=\"#L{n}\">{label}</a>")
}

/// The verdict as a person reads it, coloured.
fn verdict_span(verdict: Verdict, lang: Lang) -> String {
    format!(
        "<span class=\"{}\">{}</span>",
        verdict.as_str(),
        verdict.label(lang)
    )
}

/// The page for one report: title and verdict, each area's status with what was found and what was
/// looked for, the findings, the outline, and the report's text with every piece of evidence
/// highlighted in its area's colour (negated ones struck through). `text` is the text the report was
/// checked from (its lines are the evidence's lines).
///
/// Every position links to its line of the text (`#L12`); the page links back to the index and to
/// the pages of the reports it shares text with (`links`); page chrome (a site's navigation and
/// footer) is shown greyed.
pub fn report_page(file: &str, text: &str, report: &Report, links: &PageLinks) -> String {
    let l = links.lang;
    let mut out = String::new();
    let title = report
        .metadata
        .title
        .clone()
        .unwrap_or_else(|| file.to_string());
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>",
        l.pick("zh-CN", "en"),
        escape(&title)
    );
    if let Some(index) = &links.index {
        let _ = write!(
            out,
            "<p class=\"nav\"><a href=\"{}\">{}</a></p>",
            escape(index),
            l.pick("← 返回审查目录", "← back to the index")
        );
    }
    let _ = write!(
        out,
        "<h1>{}</h1><p><small>{}</small></p>",
        escape(&title),
        escape(file)
    );
    let _ = write!(
        out,
        "<p>{} {:.1}/100（{} {:.0}） {}</p>",
        l.pick("得分", "score"),
        report.score,
        l.pick("合格线", "pass mark"),
        report.pass_threshold,
        verdict_span(report.verdict, l)
    );
    let m = &report.metadata;
    let published = match (&m.published, m.published_line) {
        (Some(date), Some(line)) => format!(
            "{}（{}）",
            escape(date),
            line_link(
                line,
                &format!("{}{line}{}", l.pick("第", "line "), l.pick("行", ""))
            )
        ),
        (Some(date), None) => escape(date),
        (None, _) => "—".to_string(),
    };
    let _ = write!(
        out,
        "<p><small>{}{} · {}{} · {}{published} · {}{} · {}{}{}</small></p>",
        l.pick("单位：", "organization: "),
        escape(m.organization.as_deref().unwrap_or("—")),
        l.pick("年度：", "year: "),
        m.year.map_or("—".to_string(), |y| y.to_string()),
        l.pick("发布日期：", "published: "),
        l.pick("文号：", "number: "),
        escape(m.document_number.as_deref().unwrap_or("—")),
        l.pick("规则集：", "rule set: "),
        escape(&report.rule_set.name),
        report
            .rule_set
            .chosen
            .as_deref()
            .map(|why| format!("（{}）", escape(why)))
            .unwrap_or_default()
    );
    let _ = write!(
        out,
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        l.pick("各方面内容", "Areas"),
        l.pick("方面", "area"),
        l.pick("情况", "status"),
        l.pick("得分", "score"),
        l.pick("依据", "evidence"),
        l.pick("未找到（查找的词）", "not found (terms looked for)")
    );
    for (i, area) in report.areas.iter().enumerate() {
        let mut seen = std::collections::HashSet::new();
        let found: Vec<String> = area
            .evidence
            .iter()
            .filter(|e| e.counted && seen.insert(e.term.as_str()))
            .take(4)
            .map(|e| {
                format!(
                    "<mark class=\"a{}\">{}</mark> <small>{}</small>",
                    i % 10,
                    escape(&e.term),
                    line_link(e.line, &format!("{}:{}", e.line, e.column))
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
            area.status.label(l),
            area.score,
            area.max_score,
            found.join("、"),
            looked.join("；")
        );
    }
    out.push_str("</table>");
    let at_line = |n: usize| {
        line_link(
            n,
            &format!("{}{n}{}", l.pick("第", "line "), l.pick("行", "")),
        )
    };
    if !report.findings.is_empty() {
        let _ = write!(out, "<h2>{}</h2><ul>", l.pick("形式审查", "Findings"));
        for f in &report.findings {
            let place = f
                .line
                .map(|n| format!(" <small>{}</small>", at_line(n)))
                .unwrap_or_default();
            // A copied passage: the other report's page.
            let other: String = links
                .copies
                .iter()
                .filter(|(name, _)| f.id == "copied_text" && f.message.contains(name.as_str()))
                .filter_map(|(name, page)| {
                    page.as_ref().map(|p| {
                        format!(
                            " <a href=\"{}\">{}{}</a>",
                            escape(p),
                            l.pick("查看 ", "see "),
                            escape(name)
                        )
                    })
                })
                .collect();
            let _ = write!(
                out,
                "<li class=\"{}\">{} {} <small>[{}]</small> {}{place}{other}</li>",
                f.severity.as_str(),
                f.severity.label(l),
                escape(&finding_label(&f.id, l)),
                escape(&f.id),
                escape(&f.message)
            );
            // Copied text: each shared passage here beside the other report's, linked to their
            // lines on both pages.
            if let Some(shared) = &f.shared {
                side_by_side(&mut out, shared, &text_lines(text), links);
            }
        }
        out.push_str("</ul>");
    }
    if !links.copies.is_empty() {
        let _ = write!(
            out,
            "<h2>{}</h2><ul>",
            l.pick("文字雷同的报告", "Reports sharing its text")
        );
        for (name, page) in &links.copies {
            let _ = match page {
                Some(p) => write!(
                    out,
                    "<li><a href=\"{}\">{}</a></li>",
                    escape(p),
                    escape(name)
                ),
                None => write!(out, "<li>{}</li>", escape(name)),
            };
        }
        out.push_str("</ul>");
    }
    if !report.outline.is_empty() {
        let _ = write!(out, "<h2>{}</h2><ul>", l.pick("报告结构", "Outline"));
        for h in &report.outline {
            let _ = write!(
                out,
                "<li style=\"margin-left:{}em\">{}{} <small>{}</small></li>",
                (h.level as usize - 1) * 2,
                escape(&h.number),
                escape(&h.text),
                at_line(h.line)
            );
        }
        out.push_str("</ul>");
    }
    let _ = write!(
        out,
        "<h2>{}</h2><p><small>{}</small></p><pre class=\"text\">",
        l.pick("报告原文", "Text"),
        l.pick(
            "灰色的行是网页的栏目、导航等，不属于报告。",
            "Grey lines are the web page's navigation and footer, not the report."
        )
    );
    // Marks per line: (column, length in characters, area index, negated).
    // Lines end at `\n`, `\r\n` or a lone `\r`, as the checker counts them.
    let lines: Vec<&str> = text_lines(text);
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
        let chrome = report.chrome_lines.binary_search(&(n + 1)).is_ok();
        let _ = write!(
            out,
            "<span id=\"L{0}\"{1}><a class=\"ln\" href=\"#L{0}\">{0}</a>",
            n + 1,
            if chrome { " class=\"chrome\"" } else { "" }
        );
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
        out.push_str("</span>\n");
    }
    out.push_str("</pre></body></html>\n");
    out
}

/// The passages a report shares with another, in a table: its lines and their text on the left,
/// linked to its own lines, and the other report's on the right, linked to the other page's lines
/// where that page was written.
fn side_by_side(out: &mut String, shared: &Shared, lines: &[&str], links: &PageLinks) {
    let l = links.lang;
    let other = links.others.iter().find(|o| o.name == shared.other);
    let page = other.and_then(|o| o.page.as_deref());
    let heading = match page {
        Some(p) => format!("<a href=\"{}\">{}</a>", escape(p), escape(&shared.other)),
        None => escape(&shared.other),
    };
    let _ = write!(
        out,
        "<li class=\"shared\"><table class=\"side\"><tr><th>{} <small>{}</small></th><th>{heading} <small>{}</small></th></tr>",
        l.pick("本报告", "this report"),
        share_text(shared.share, l),
        share_text(shared.other_share, l),
    );
    let range = |a: u32, b: u32| {
        if a == b {
            format!("{}{a}{}", l.pick("第", "line "), l.pick("行", ""))
        } else {
            format!("{}{a}–{b}{}", l.pick("第", "lines "), l.pick("行", ""))
        }
    };
    for p in &shared.passages {
        let [a, b] = p.lines;
        let [c, d] = p.other_lines;
        let here = passage_text(a, b, |n| lines.get((n as usize).wrapping_sub(1)).copied());
        let there = other.map_or(String::new(), |o| {
            passage_text(c, d, |n| {
                o.lines
                    .binary_search_by_key(&n, |(k, _)| *k)
                    .ok()
                    .map(|i| o.lines[i].1.as_str())
            })
        });
        let there_link = match (page, c) {
            (_, 0) => String::new(),
            (Some(p), c) => format!("<a href=\"{}#L{c}\">{}</a>", escape(p), range(c, d)),
            (None, c) => range(c, d),
        };
        let _ = write!(
            out,
            "<tr><td><small>{}</small><div class=\"passage\">{here}</div></td><td><small>{there_link}</small><div class=\"passage\">{there}</div></td></tr>",
            line_link(a as usize, &range(a, b)),
        );
    }
    out.push_str("</table></li>");
}

/// 约 62% 的文字.
fn share_text(share: f64, l: Lang) -> String {
    match l {
        Lang::Zh => format!("（约 {:.0}% 的文字相同）", share * 100.0),
        Lang::En => format!("(about {:.0}% of its text shared)", share * 100.0),
    }
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

/// One row of the index page: the office's row of the report, and its page.
#[derive(Debug, Clone)]
pub struct IndexRow {
    /// The page's file name, relative to the index.
    pub page: Option<String>,
    /// The report's row (file, organisation, verdict, areas, findings, …).
    pub row: Row,
}

/// The index page of a batch: one row per file in the columns of the office's [`Table`] (单位, 标题,
/// 年度, 发布日期, 是否按时, 结论, 得分, each area, each finding, 雷同报告), the file linking to its
/// page; sortable by a click on a column's header and filterable by verdict (an inline script, no
/// network).
pub fn index_page(table: &Table, rows: &[IndexRow]) -> String {
    let l = table.lang();
    let mut out = String::new();
    let heading = l.pick(
        "法治政府建设年度报告审查",
        "Rule-of-law annual reports: review",
    );
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{heading}</title><style>{STYLE}body{{max-width:none;margin:1em 2em}}#reports td,#reports th{{white-space:nowrap}}#reports td:nth-child(3){{white-space:normal;min-width:16em}}.wide{{overflow-x:auto}}</style></head><body><h1>{heading}</h1>",
        l.pick("zh-CN", "en"),
    );
    let count = |v: Option<Verdict>| {
        rows.iter()
            .filter(|r| r.row.verdict == v && (v.is_some() || r.row.error.is_some()))
            .count()
    };
    let _ = write!(
        out,
        "<p>{} {}{}",
        rows.len(),
        l.pick("份：", "files: "),
        [Verdict::Pass, Verdict::Revise, Verdict::Return]
            .iter()
            .map(|&v| format!("{} {}", verdict_span(v, l), count(Some(v))))
            .chain(std::iter::once(format!(
                "{} {}",
                l.pick("无法读取", "unreadable"),
                count(None)
            )))
            .collect::<Vec<_>>()
            .join(l.pick("，", ", "))
    );
    let _ = write!(
        out,
        "</p><p><label>{} <select id=\"verdict\"><option value=\"\">{}</option>",
        l.pick("按结论筛选：", "Show verdict:"),
        l.pick("全部", "all")
    );
    for v in [Verdict::Pass, Verdict::Revise, Verdict::Return] {
        let _ = write!(
            out,
            "<option value=\"{}\">{}</option>",
            v.as_str(),
            v.label(l)
        );
    }
    let _ = write!(
        out,
        "<option value=\"error\">{}</option></select></label> {} <span id=\"shown\">{}</span> {} <small>{}</small></p>",
        l.pick("无法读取", "unreadable"),
        l.pick("显示", "showing"),
        rows.len(),
        l.pick("份", "files"),
        l.pick("（点击表头排序）", "(click a column's header to sort)")
    );
    out.push_str("<div class=\"wide\"><table id=\"reports\"><thead><tr>");
    for h in table.header() {
        let _ = write!(out, "<th data-sort>{}</th>", escape(&h));
    }
    out.push_str("</tr></thead><tbody>");
    let header = table.header();
    let verdict_at = header.iter().position(|h| h == l.pick("结论", "verdict"));
    for r in rows {
        let verdict = r.row.verdict.map_or("error", Verdict::as_str);
        let _ = write!(out, "<tr data-verdict=\"{verdict}\">");
        for (c, cell) in table.cells(&r.row).iter().enumerate() {
            let text = escape(&cell.text());
            let _ = match cell {
                _ if c == 0 => match &r.page {
                    Some(page) => write!(out, "<td><a href=\"{}\">{text}</a></td>", escape(page)),
                    None => write!(out, "<td>{text}</td>"),
                },
                _ if Some(c) == verdict_at => write!(out, "<td class=\"{verdict}\">{text}</td>"),
                Cell::Text(_) if c == header.len() - 1 => {
                    write!(out, "<td class=\"error\">{text}</td>")
                }
                Cell::Text(t) => {
                    let class = r
                        .row
                        .areas
                        .iter()
                        .find(|(_, s)| s.label(l) == t)
                        .map(|(_, s)| status_class(*s));
                    match class {
                        Some(class) => write!(out, "<td class=\"{class}\">{text}</td>"),
                        None => write!(out, "<td>{text}</td>"),
                    }
                }
                _ => write!(out, "<td>{text}</td>"),
            };
        }
        out.push_str("</tr>");
    }
    let _ = writeln!(
        out,
        "</tbody></table></div><script>{SCRIPT}</script></body></html>"
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Checker, RuleSet};

    /// Two towns' reports, the second a copy of the first with its names and a few words changed
    /// and its lines broken elsewhere.
    const FIRST: &str = "柳溪镇2024年法治政府建设工作报告\n一、主要工作\n我镇成立了以镇长为组长的法治政府建设工作领导小组，全年召开专题会议4次，研究部署年度法治建设重点任务。人民调解委员会排查化解矛盾纠纷70件，调解成功率98%。\n";
    const SECOND: &str = "云岭街道2024年法治政府建设工作报告\n\n一、主要工作\n我街道成立了以主任为组长的法治政府建设工作领导小组，全年召开专题会议6次，研究部署年度法治建设重点任务。\n人民调解委员会排查化解各类矛盾纠纷35件，调解成功率97%<b>。\n";

    #[test]
    fn shared_passages_stand_side_by_side_linked_to_both_pages() {
        use crate::similarity::{Copies, Thresholds};
        let checker = Checker::new(RuleSet::builtin());
        let first = checker.check_str(FIRST);
        let mut second = checker.check_str(SECOND);
        let copies = Copies::within(
            &[
                ("a.txt".to_string(), first.fingerprint.clone()),
                ("b.txt".to_string(), second.fingerprint.clone()),
            ],
            &Thresholds::default(),
        );
        copies.annotate(1, &mut second, checker.rules());
        let (other, wanted) = copies.others_of(1).remove(0);
        assert_eq!(other, 0);
        let mut links = PageLinks {
            copies: vec![("a.txt".to_string(), Some("0001-a.html".to_string()))],
            ..PageLinks::default()
        };
        links.others.push(OtherLines::of(
            "a.txt",
            Some("0001-a.html".to_string()),
            FIRST,
            &wanted,
        ));
        // Only the lines the passages stand on are taken from the other text: its line 3.
        assert_eq!(
            links.others[0]
                .lines
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>(),
            [3]
        );
        let page = report_page("b.txt", SECOND, &second, &links);
        let table = &page[page.find("<table class=\"side\">").expect(&page)..];
        let table = &table[..table.find("</table>").unwrap()];
        // Its own lines link to its text below; the other's to the other page's line.
        assert!(table.contains("<a href=\"#L4\">第4–5行</a>"), "{table}");
        assert!(
            table.contains("<a href=\"0001-a.html#L3\">第3行</a>"),
            "{table}"
        );
        assert!(
            table.contains("<a href=\"0001-a.html\">a.txt</a>"),
            "{table}"
        );
        // Both sides' words, escaped: this report's 我街道 beside the other's 我镇.
        let cells: Vec<&str> = table.split("<div class=\"passage\">").skip(1).collect();
        assert!(cells.len() >= 2 && cells.len().is_multiple_of(2), "{table}");
        assert!(cells[0].contains("我街道成立了以主任为组长"), "{table}");
        assert!(cells[1].contains("我镇成立了以镇长为组长"), "{table}");
        assert!(
            table.contains("&lt;b&gt;") && !table.contains("<b>"),
            "{table}"
        );
        assert!(table.contains("的文字相同"), "{table}");
        // Without the other's text (last year's report), its lines are still named.
        let page = report_page("b.txt", SECOND, &second, &PageLinks::default());
        assert!(
            page.contains("<table class=\"side\">") && page.contains("第3行"),
            "{page}"
        );
    }

    #[test]
    fn a_long_passage_is_cut() {
        let line = "法".repeat(PASSAGE_CHARS * 2);
        let text = passage_text(1, 3, |_| Some(line.as_str()));
        assert_eq!(text.chars().count(), PASSAGE_CHARS + 1);
        assert!(text.ends_with('…'));
        assert_eq!(passage_text(2, 2, |n| (n == 2).then_some(" 短 ")), "短");
    }

    #[test]
    fn the_page_is_self_contained_and_marks_evidence() {
        let text = "某镇2023年法治政府建设工作报告\n一、加强组织领导\n成立领导小组<脚本>，尚未聘请法律顾问。\n";
        let report = Checker::new(RuleSet::builtin()).check_str(text);
        let page = report_page("a&b.txt", text, &report, &PageLinks::default());
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

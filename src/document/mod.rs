//! Document structure: page chrome, the title, headings, sections and the report's running text.
//!
//! [`Document::parse`] works on folded text (see [`crate::read::normalize`]), line by line:
//!
//! 1. **Chrome.** Lines of a saved web page that are not the report: breadcrumbs, the metadata block
//!    (索引号：…), copyright and footer lines, menu lines made of short words, page numbers (— 2 —),
//!    and, when a title is found, everything above it. Chrome never gives evidence.
//! 2. **Title and year.** The first short line near the top that names a report (…报告, …情况), and the
//!    year it gives (2021年 or 2021年度); without a title, the first year in the opening text.
//! 3. **Headings** in every style real reports use: `一、`, `（一）`, `1.`, `1、`, `(1)`, `①`, `第一`,
//!    headings broken by copy-paste (`三)` and a bare `)` where `（三）` was), and short unnumbered
//!    lines without closing punctuation. A heading followed by its body on the same line
//!    (`（二）强化执法监督。本年度……`) is split at the first full stop.
//! 4. **Hard wraps.** Text taken out of a PDF breaks lines inside words (行政\n执法). When most long lines
//!    share one width, a full-width line runs on into the next one.
//! 5. **Sections**: each heading owns the lines up to the next heading of the same or a higher level.
//!
//! Before all this, a line that holds several parts of the report (a report served on one line, an
//! opening that runs on into the account, headings run into the text) is cut into virtual lines
//! (see `split`); every line index below (of headings, sections, paragraphs) counts virtual lines,
//! except [`Document::lines`], which has one kind per line of the folded text.
//!
//! The result keeps the running text ([`Document::content`]): every paragraph that is not chrome, with
//! hard-wrapped lines joined, one paragraph a line. Positions in it map back to the folded text and so
//! to the original.

use std::ops::Range;

use serde::Serialize;

mod chrome;
mod headings;
pub mod metadata;
mod page;
pub(crate) mod positions;
mod split;
mod title;
mod wraps;

use crate::rules::Chrome;
use crate::text::is_han;
pub use crate::text::numbering::Numbering;
pub(crate) use chrome::ChromeMatcher;
use chrome::{is_chrome_line, mark_footer};
use headings::{build_sections, is_unnumbered_heading, numbered_heading};
pub(crate) use title::first_year;
use title::{find_title, opening_year};
use wraps::hard_wraps;

/// A heading of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// Index of the (virtual) line it stands on, 0-based.
    pub line: usize,
    /// Depth: 1 for `一、`, 2 for `（一）`, and so on.
    pub level: u8,
    /// How it was numbered.
    pub numbering: Numbering,
    /// The number as written (`一、`, `(三)`, `)`), empty when unnumbered.
    pub number: String,
    /// The heading's words, without the number.
    pub text: String,
    /// Byte range of the heading (number and words) in the folded text.
    pub range: Range<usize>,
    /// Byte range in the folded text of its words when they stand on the line after a number
    /// alone on its line (`四、` / `存在问题及下一步努力方向`); `range` then covers the number only.
    pub words: Option<Range<usize>>,
}

/// A section: a heading and everything under it up to the next heading of the same or a higher level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// Index of its heading in [`Document::headings`].
    pub heading: usize,
    /// The enclosing section, if any.
    pub parent: Option<usize>,
    /// The (virtual) lines it covers (0-based, end exclusive), its heading's line included.
    pub lines: Range<usize>,
}

/// What a line of the folded text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// Empty or only spaces.
    Blank,
    /// Page chrome: not part of the report.
    Chrome,
    /// The report's title.
    Title,
    /// A heading (possibly followed by body text on the same line).
    Heading,
    /// Running text.
    Body,
    /// The sign-off at the end: the organisation, the date, 特此报告.
    Closing,
}

/// What a paragraph of the running text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphKind {
    /// The title line.
    Title,
    /// A heading's words, with index into [`Document::headings`].
    Heading(usize),
    /// Running text.
    Body,
}

/// A paragraph of the running text: one line, or several hard-wrapped lines joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte range in [`Document::content`].
    pub range: Range<usize>,
    /// First (virtual) line (0-based) it comes from.
    pub line: usize,
    /// What it is.
    pub kind: ParagraphKind,
    /// The innermost section it belongs to.
    pub section: Option<usize>,
}

/// A parsed report.
#[derive(Debug, Clone)]
pub struct Document {
    /// The kind of each line of the folded text (of its first part that is neither blank nor chrome,
    /// when the line was cut into several).
    pub lines: Vec<LineKind>,
    /// The (virtual) lines: byte range in the folded text and kind.
    pub(crate) parts: Vec<(Range<usize>, LineKind)>,
    /// The index in [`Document::paragraphs`] of the paragraph that ends the opening: the one that
    /// announces the account (现将有关情况报告如下), among the first few before any heading.
    pub opening_end: Option<usize>,
    /// The title, if one was found.
    pub title: Option<String>,
    /// The report's year: always [`Metadata::year`](metadata::Metadata::year) of
    /// [`Document::metadata`], set once when the document is parsed, so that the year the verdicts
    /// use (next year's plans, a stale year) and the year the report shows are one.
    pub year: Option<i32>,
    /// What the report says about itself (title, organisation, year, dates, document number), read
    /// once when the document is parsed.
    pub metadata: metadata::Metadata,
    /// The folded-text offset of the publication date, for positions in findings.
    pub(crate) published_at: Option<usize>,
    /// The headings, in order.
    pub headings: Vec<Heading>,
    /// One section per heading, in the same order.
    pub sections: Vec<Section>,
    /// The running text: paragraphs separated by `\n`, hard wraps joined, chrome left out.
    pub content: String,
    /// The paragraphs of [`Document::content`], in order.
    pub paragraphs: Vec<Paragraph>,
    /// `(content offset, folded offset)` at the start of every piece copied into the content.
    pieces: Vec<(usize, usize)>,
}

struct RawLine<'a> {
    start: usize,
    text: &'a str,
}

impl Document {
    /// Parses folded text. `chrome` is the page-chrome vocabulary of the rule set.
    pub fn parse(folded: &str, chrome: &Chrome) -> Document {
        Document::parse_with(folded, &ChromeMatcher::new(chrome))
    }

    /// [`Document::parse`] with the page-chrome vocabulary compiled.
    pub(crate) fn parse_with(folded: &str, chrome: &ChromeMatcher) -> Document {
        let physical: Vec<RawLine<'_>> = split_lines(folded);
        let (raw, physical_of) = split::virtual_lines(&physical);
        let mut kinds: Vec<LineKind> = raw
            .iter()
            .map(|l| {
                if l.text.trim().is_empty() {
                    LineKind::Blank
                } else if is_chrome_line(l.text.trim(), chrome) {
                    LineKind::Chrome
                } else {
                    LineKind::Body
                }
            })
            .collect();
        mark_footer(&raw, &mut kinds, chrome);
        mark_closing(&raw, &mut kinds);

        // Numbered headings first: they are needed to find the title and the hard wraps.
        let mut numbered: Vec<Option<(u8, Numbering, usize, usize)>> = raw
            .iter()
            .zip(&kinds)
            .map(|(l, k)| {
                if *k == LineKind::Body {
                    numbered_heading(l.text)
                } else {
                    None
                }
            })
            .collect();

        // A heading number alone on its line takes its words from the next line when that is short
        // (四、 / 存在问题及下一步努力方向); the chunk labels of document-sharing sites (3、 starting
        // a line that continues the sentence above) are no headings.
        let mut words_below: Vec<Option<usize>> = vec![None; raw.len()];
        for i in 0..raw.len() {
            if kinds[i] != LineKind::Body {
                continue;
            }
            let t = raw[i].text.trim();
            if let Some((level, numbering, len)) = crate::text::numbering::heading_number(t)
                && len == t.len()
                && let Some(j) = (i + 1..raw.len()).find(|&j| kinds[j] != LineKind::Blank)
                && kinds[j] == LineKind::Body
                && numbered[j].is_none()
            {
                let next = raw[j].text.trim();
                if (2..=40).contains(&char_len(next)) && !next.contains('。') {
                    numbered[i] = Some((level, numbering, len, len));
                    words_below[i] = Some(j);
                }
            }
            if let Some((3, Numbering::Arabic, len, _)) = numbered[i]
                && t[..len].ends_with('、')
                && let Some(prev) = (0..i).rev().find(|&j| kinds[j] != LineKind::Blank)
                && kinds[prev] == LineKind::Body
                && numbered[prev].is_none()
                && !raw[prev]
                    .text
                    .trim_end()
                    .ends_with(['。', '!', '?', ':', ';'])
                && char_len(raw[prev].text.trim()) > 20
            {
                numbered[i] = None;
            }
        }

        let (title_line, title) = find_title(&raw, &kinds, &numbered);
        if let Some(t) = title_line {
            for (i, kind) in kinds.iter_mut().enumerate().take(t) {
                if *kind == LineKind::Body {
                    *kind = LineKind::Chrome;
                    numbered[i] = None;
                }
            }
            kinds[t] = LineKind::Title;
            numbered[t] = None;
        }

        let joins = hard_wraps(&raw, &kinds, &numbered);

        // Headings, numbered and unnumbered.
        let mut headings = Vec::new();
        // Unnumbered headings are sub-headings under a 一、 heading, top-level headings before any;
        // in a report that numbers its headings, none stands above the first numbered one (the lines
        // there are addressee, organisation and date lines).
        let has_numbered = numbered
            .iter()
            .enumerate()
            .any(|(i, n)| n.is_some() && kinds[i] == LineKind::Body);
        let mut seen_numbered = false;
        let mut seen_top_level = false;
        for i in 0..raw.len() {
            if kinds[i] != LineKind::Body || (i > 0 && joins[i - 1]) {
                continue;
            }
            let line = &raw[i];
            let lead = line.text.len() - line.text.trim_start().len();
            if let Some((level, numbering, number_len, heading_len)) = numbered[i] {
                let start = line.start + lead;
                let number = line.text[lead..lead + number_len].to_string();
                let (text, words) = match words_below[i] {
                    Some(j) => {
                        let below = &raw[j];
                        let lead_j = below.text.len() - below.text.trim_start().len();
                        let t = below.text.trim();
                        kinds[j] = LineKind::Blank;
                        (
                            t.to_string(),
                            Some(below.start + lead_j..below.start + lead_j + t.len()),
                        )
                    }
                    None => (
                        line.text[lead + number_len..lead + heading_len]
                            .trim()
                            .trim_end_matches(['。', '.', ':', ';'])
                            .to_string(),
                        None,
                    ),
                };
                headings.push(Heading {
                    line: i,
                    level,
                    numbering,
                    number,
                    text,
                    range: start..start + heading_len,
                    words,
                });
                kinds[i] = LineKind::Heading;
                seen_numbered = true;
                seen_top_level |= level == 1;
            } else if !joins[i]
                && (seen_numbered || !has_numbered)
                && is_unnumbered_heading(&raw, &kinds, i)
            {
                let level = if seen_top_level { 2 } else { 1 };
                let text = line.text.trim();
                let start = line.start + lead;
                headings.push(Heading {
                    line: i,
                    level,
                    numbering: Numbering::Unnumbered,
                    number: String::new(),
                    text: text.to_string(),
                    range: start..start + text.len(),
                    words: None,
                });
                kinds[i] = LineKind::Heading;
            }
        }

        let sections = build_sections(&headings, raw.len());
        let year = title
            .as_deref()
            .and_then(first_year)
            .or_else(|| opening_year(&raw, &kinds));

        let mut lines = vec![LineKind::Blank; physical.len()];
        for (v, &p) in physical_of.iter().enumerate() {
            let k = kinds[v];
            let current = lines[p];
            let better = match (current, k) {
                (LineKind::Blank, _) => true,
                (LineKind::Chrome, LineKind::Blank) => false,
                (LineKind::Chrome, _) => true,
                _ => false,
            };
            if better {
                lines[p] = k;
            }
        }
        let parts = raw
            .iter()
            .zip(&kinds)
            .map(|(l, &k)| (l.start..l.start + l.text.len(), k))
            .collect();
        let mut doc = Document {
            lines,
            parts,
            opening_end: None,
            title,
            year,
            metadata: metadata::Metadata::default(),
            published_at: None,
            headings,
            sections,
            content: String::with_capacity(folded.len()),
            paragraphs: Vec::new(),
            pieces: Vec::new(),
        };
        doc.build_content(folded, &raw, &kinds, &joins);
        doc.opening_end = doc
            .paragraphs
            .iter()
            .take(OPENING_PARAGRAPHS)
            .position(|p| {
                p.kind == ParagraphKind::Body
                    && p.section.is_none()
                    && doc.content[p.range.clone()].contains("如下")
            });
        // The year: the metadata's, which reads the title, the opening, the first headings and the
        // body, and takes the year found above (title or opening lines) only when it finds none.
        let found = metadata::extract(folded, &doc);
        doc.year = found.metadata.year;
        doc.metadata = found.metadata;
        doc.published_at = found.published_at;
        doc
    }

    /// The byte offset in the folded text of a byte offset in [`Document::content`].
    pub fn to_folded(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|&(c, _)| c <= offset);
        if i == 0 {
            return offset;
        }
        let (c, f) = self.pieces[i - 1];
        f + (offset - c)
    }

    /// [`Document::to_folded`], searching from where the last search ended (`hint`).
    pub(crate) fn to_folded_from(&self, offset: usize, hint: &mut usize) -> usize {
        *hint = crate::text::partition_from(&self.pieces, *hint, |&(c, _)| c <= offset);
        if *hint == 0 {
            return offset;
        }
        let (c, f) = self.pieces[*hint - 1];
        f + (offset - c)
    }

    /// The paragraph holding a byte offset of [`Document::content`].
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.range.start <= offset);
        (i > 0 && offset <= self.paragraphs[i - 1].range.end).then(|| i - 1)
    }

    /// The sections enclosing `section`, innermost first, `section` included.
    pub fn ancestors(&self, section: Option<usize>) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(section, move |&s| self.sections[s].parent)
    }

    fn build_content(
        &mut self,
        folded: &str,
        raw: &[RawLine<'_>],
        kinds: &[LineKind],
        joins: &[bool],
    ) {
        let heading_lines: Vec<(usize, usize)> = self
            .headings
            .iter()
            .enumerate()
            .map(|(i, h)| (h.line, i))
            .collect();
        let mut heading_at = heading_lines.into_iter().peekable();
        let mut section_of_line = vec![None; raw.len()];
        for (s, sec) in self.sections.iter().enumerate() {
            for slot in &mut section_of_line[sec.lines.clone()] {
                *slot = Some(s);
            }
        }
        let mut open: Option<usize> = None; // index of a body paragraph being continued by a hard wrap
        for (i, line) in raw.iter().enumerate() {
            let kind = kinds[i];
            if matches!(kind, LineKind::Blank | LineKind::Chrome | LineKind::Closing) {
                continue;
            }
            let section = section_of_line[i];
            let mut text_start = line.start + (line.text.len() - line.text.trim_start().len());
            let text_end = line.start + line.text.trim_end().len();
            match kind {
                LineKind::Title => {
                    self.push_paragraph(
                        folded,
                        text_start..text_end,
                        i,
                        ParagraphKind::Title,
                        section,
                    );
                    continue;
                }
                LineKind::Heading => {
                    while heading_at.peek().is_some_and(|&(l, _)| l < i) {
                        heading_at.next();
                    }
                    if let Some(&(l, h)) = heading_at.peek()
                        && l == i
                    {
                        let range = self.headings[h].range.clone();
                        self.push_paragraph(
                            folded,
                            range.clone(),
                            i,
                            ParagraphKind::Heading(h),
                            section,
                        );
                        if let Some(words) = self.headings[h].words.clone() {
                            self.push_text(folded, words);
                            self.paragraphs.last_mut().expect("just pushed").range.end =
                                self.content.len();
                        }
                        text_start = range.end;
                        // Skip the full stop or colon that ended an inline heading.
                        let rest = &line.text[text_start - line.start..];
                        let skipped =
                            rest.len() - rest.trim_start_matches(['。', ':', '.', ' ']).len();
                        text_start += skipped;
                    }
                }
                _ => {}
            }
            if text_start >= text_end {
                open = None;
                continue;
            }
            match open {
                Some(p) => {
                    // Continue the paragraph: the hard wrap is removed, the text runs on.
                    self.push_text(folded, text_start..text_end);
                    self.paragraphs[p].range.end = self.content.len();
                }
                None => {
                    self.push_paragraph(
                        folded,
                        text_start..text_end,
                        i,
                        ParagraphKind::Body,
                        section,
                    );
                }
            }
            open = joins[i].then(|| self.paragraphs.len() - 1);
        }
        if self.content.ends_with('\n') {
            self.content.pop();
        }
        // Paragraph ranges end before the separator; fix any continued paragraph that ended on one.
        for p in &mut self.paragraphs {
            p.range.end = p.range.end.min(self.content.len());
        }
    }

    /// Appends folded text to the content, leaving out the spaces between two Chinese characters
    /// (text taken out of a PDF or Word: 行政 执法, 法 治政府), so that terms match across them. The
    /// structure was read with the spaces in place (第二 存在的问题 is a numbered heading).
    fn push_text(&mut self, folded: &str, range: Range<usize>) {
        let text = &folded[range.clone()];
        let bytes = text.as_bytes();
        let mut from = 0;
        let mut i = 0;
        while let Some(pos) = text[i..].find(' ') {
            let at = i + pos;
            let end = at + bytes[at..].iter().take_while(|&&b| b == b' ').count();
            i = end;
            if at < from {
                continue;
            }
            let before = text[..at].chars().next_back();
            let after = text[end..].chars().next();
            if before.is_some_and(is_han) && after.is_some_and(is_han) {
                self.pieces.push((self.content.len(), range.start + from));
                self.content.push_str(&text[from..at]);
                from = end;
            }
        }
        self.pieces.push((self.content.len(), range.start + from));
        self.content.push_str(&text[from..]);
    }

    fn push_paragraph(
        &mut self,
        folded: &str,
        range: Range<usize>,
        line: usize,
        kind: ParagraphKind,
        section: Option<usize>,
    ) {
        if !self.content.is_empty() {
            self.content.push('\n');
        }
        let start = self.content.len();
        self.push_text(folded, range);
        self.paragraphs.push(Paragraph {
            range: start..self.content.len(),
            line,
            kind,
            section,
        });
    }
}

/// How many paragraphs from the start the sentence announcing the account is looked for in.
const OPENING_PARAGRAPHS: usize = 8;

fn split_lines(folded: &str) -> Vec<RawLine<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in folded.split('\n') {
        out.push(RawLine { start, text: piece });
        start += piece.len() + 1;
    }
    out
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// A date written alone on a line: `2024年3月8日`, `2024-03-08`, `2024.3.8`.
pub(crate) fn is_date_line(line: &str) -> bool {
    let t = line.trim();
    let digits = t.chars().filter(char::is_ascii_digit).count();
    digits >= 6
        && t.chars().count() <= 12
        && t.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '年' | '月' | '日' | '-' | '.' | '/' | ' '))
}

/// The sign-off after the last paragraph: a date line, the organisation's name just above it, and
/// 特此报告.
fn mark_closing(raw: &[RawLine<'_>], kinds: &mut [LineKind]) {
    let mut i = raw.len();
    let mut seen_date = false;
    while i > 0 {
        i -= 1;
        let text = raw[i].text.trim();
        match kinds[i] {
            LineKind::Blank | LineKind::Chrome => continue,
            LineKind::Body => {}
            _ => break,
        }
        if is_date_line(text) && !seen_date {
            seen_date = true;
        } else if text.starts_with("特此报告")
            || (seen_date && char_len(text) <= 30 && !text.contains(['。', ',', ':', ';']))
        {
        } else {
            break;
        }
        kinds[i] = LineKind::Closing;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::normalize::fold_str;

    fn parse(text: &str) -> Document {
        Document::parse(&fold_str(text), &Chrome::default())
    }

    #[test]
    fn heading_styles() {
        let cases = [
            ("一、加强组织领导", 1, Numbering::ChineseComma),
            ("（一）强化责任落实", 2, Numbering::ChineseParen),
            ("(二)健全决策机制", 2, Numbering::ChineseParen),
            ("三)推进重大行政决策科学民主合法", 2, Numbering::Broken),
            (")强化行政执法规范化建设", 2, Numbering::Broken),
            ("1.深化普法宣传", 3, Numbering::Arabic),
            ("2、规范执法行为", 3, Numbering::Arabic),
            ("(1)开展宪法宣传", 4, Numbering::ArabicParen),
            ("①完善制度", 5, Numbering::Circled),
            ("第二部分 存在的问题", 1, Numbering::Ordinal),
            ("第三、下一步工作打算", 1, Numbering::Ordinal),
        ];
        for (line, level, numbering) in cases {
            let (l, n, _, _) =
                numbered_heading(&fold_str(line)).unwrap_or_else(|| panic!("{line}"));
            assert_eq!((l, n), (level, numbering), "{line}");
        }
        for not_heading in [
            "2021年,我镇开展普法",
            "1.5万元用于培训",
            "第一责任人职责落实到位",
            "一是加强学习",
        ] {
            assert!(
                numbered_heading(&fold_str(not_heading)).is_none(),
                "{not_heading}"
            );
        }
    }

    #[test]
    fn title_chrome_and_sections() {
        let text = "您当前的位置:首页 > 法治政府\n  • 2022-03-11\n\n某镇2021年法治政府建设工作报告\n\n为贯彻落实要求,现报告如下:\n一、加强组织领导\n成立领导小组,研究部署工作。\n优化审批服务\n推行马上办、网上办。\n二、存在问题\n普法形式单一。\n扫一扫在手机打开当前页\n智能机器人形象\n政策问答 政策文件 政策解读";
        let doc = parse(text);
        assert_eq!(doc.title.as_deref(), Some("某镇2021年法治政府建设工作报告"));
        assert_eq!(doc.year, Some(2021));
        assert_eq!(doc.lines[0], LineKind::Chrome);
        assert_eq!(doc.lines[1], LineKind::Chrome);
        assert!(
            doc.lines[12..].iter().all(|&k| k == LineKind::Chrome),
            "{:?}",
            doc.lines
        );
        let texts: Vec<(&str, u8)> = doc
            .headings
            .iter()
            .map(|h| (h.text.as_str(), h.level))
            .collect();
        assert_eq!(
            texts,
            [("加强组织领导", 1), ("优化审批服务", 2), ("存在问题", 1)]
        );
        assert_eq!(doc.sections[1].parent, Some(0));
        assert!(!doc.content.contains("扫一扫"));
        assert!(!doc.content.contains("政策解读"));
    }

    #[test]
    fn inline_heading_is_split_from_its_body() {
        let doc = parse("(二)强化执法监督。本年度开展执法检查12次。\n");
        assert_eq!(doc.headings[0].text, "强化执法监督");
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(
            &doc.content[doc.paragraphs[1].range.clone()],
            "本年度开展执法检查12次。"
        );
    }

    #[test]
    fn hard_wrapped_lines_are_joined() {
        let text = "一、主要工作\n我镇坚持以习近平法治思想为指导,全面推进行政\n执法三项制度,落实执法公示制度和全过程记录制\n度,全年办理行政执法案件二十六件,无一件被复\n— 2 —\n议纠错。同时加强人民调解组织建设,调解矛盾\n纠纷三十五件。\n";
        let doc = parse(text);
        assert!(
            doc.content.contains("全面推进行政执法三项制度"),
            "{}",
            doc.content
        );
        assert!(doc.content.contains("无一件被复议纠错"), "{}", doc.content);
        assert!(doc.content.contains("调解矛盾纠纷"), "{}", doc.content);
        let at = doc.content.find("执法三项").unwrap();
        let folded = fold_str(text);
        assert_eq!(
            &folded[doc.to_folded(at)..doc.to_folded(at) + "执法".len()],
            "执法"
        );
    }

    #[test]
    fn long_headings_numbers_alone_and_chunk_labels() {
        let text = "一、主要工作\n(一)坚持依法决策,严格落实重大行政决策程序,把公众参与、专家论证、风险评估、合法性审查和集体讨论决定作为法定程序。全年审查决策事项5件。\n四、\n存在问题及下一步努力方向\n全年开展执法检查,对辖区内的企业和个体户开展安全生产和市场监管方面的联合\n3、检查,共发现问题十二个,均已整改到位。\n";
        let doc = parse(text);
        let words: Vec<&str> = doc.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(
            words,
            [
                "主要工作",
                "坚持依法决策,严格落实重大行政决策程序,把公众参与、专家论证、风险评估、合法性审查和集体讨论决定作为法定程序",
                "存在问题及下一步努力方向"
            ]
        );
        assert!(
            doc.content.contains("四、存在问题及下一步努力方向"),
            "{}",
            doc.content
        );
    }

    #[test]
    fn the_documents_year_is_the_metadatas() {
        // Without a title: the year of the page's date line above the text, of the opening's
        // first clause, of a heading, or none; with one, the title's.
        let texts = [
            "2022年01月25日 08:46\n来源:法规处\n某局坚持依法行政,推进法治建设取得新进展。\n一、强化法治引领\n2021年,开展普法活动12场。",
            "今年以来,某局坚持依法行政,办理复议案件12件。2021年满意度列全省第四。\n一、2022年主要工作\n开展普法活动。",
            "某镇2023年法治政府建设工作报告\n2022年以来,我镇认真推进依法行政。",
            "没有年份的一段文字。",
        ];
        for text in texts {
            let doc = parse(text);
            assert_eq!(doc.year, doc.metadata.year, "{text}");
        }
        assert_eq!(parse(texts[2]).year, Some(2023));
        assert_eq!(parse(texts[3]).year, None);
    }

    #[test]
    fn years() {
        assert_eq!(first_year("关于2022年度法治政府建设情况的报告"), Some(2022));
        assert_eq!(first_year("12021年"), None);
        assert_eq!(first_year("没有年份"), None);
    }
}

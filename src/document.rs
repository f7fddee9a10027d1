//! Document structure: page chrome, the title, headings, sections and the report's running text.
//!
//! [`Document::parse`] works on folded text (see [`crate::normalize`]), line by line:
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
//! The result keeps the running text ([`Document::content`]): every paragraph that is not chrome, with
//! hard-wrapped lines joined, one paragraph a line. Positions in it map back to the folded text and so
//! to the original.

use std::ops::Range;

use serde::Serialize;

use crate::normalize::is_han;
use crate::rules::Chrome;

/// How a heading was numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Numbering {
    /// `一、`
    ChineseComma,
    /// `第一`, `第二部分`
    Ordinal,
    /// `（一）` or `(一)`
    ChineseParen,
    /// A `（三）` broken by copy-paste into `三)` or a bare `)`.
    Broken,
    /// `1.` or `1、`
    Arabic,
    /// `(1)` or `（1）`
    ArabicParen,
    /// `①`
    Circled,
    /// A short line without a number or closing punctuation.
    Unnumbered,
}

/// A heading of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// Index of the line (0-based) in the folded text.
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
}

/// A section: a heading and everything under it up to the next heading of the same or a higher level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// Index of its heading in [`Document::headings`].
    pub heading: usize,
    /// The enclosing section, if any.
    pub parent: Option<usize>,
    /// The lines it covers (0-based, end exclusive), its heading's line included.
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
    /// First line (0-based) it comes from.
    pub line: usize,
    /// What it is.
    pub kind: ParagraphKind,
    /// The innermost section it belongs to.
    pub section: Option<usize>,
}

/// A parsed report.
#[derive(Debug, Clone)]
pub struct Document {
    /// The kind of each line of the folded text.
    pub lines: Vec<LineKind>,
    /// The title, if one was found.
    pub title: Option<String>,
    /// The report's year, from the title or the opening text.
    pub year: Option<i32>,
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

/// The longest heading, in characters, where the number makes it a heading.
const MAX_NUMBERED_HEADING: usize = 40;
/// The longest top-level heading (一、…) alone on its line, in characters.
const MAX_TOP_HEADING: usize = 64;
/// The longest line, in characters, taken as an unnumbered heading.
const MAX_UNNUMBERED_HEADING: usize = 25;
/// The longest title, in characters.
const MAX_TITLE: usize = 70;

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
        let raw: Vec<RawLine<'_>> = split_lines(folded);
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
                let text = line.text[lead + number_len..lead + heading_len]
                    .trim()
                    .trim_end_matches(['。', '.', ':', ';'])
                    .to_string();
                headings.push(Heading {
                    line: i,
                    level,
                    numbering,
                    number,
                    text,
                    range: start..start + heading_len,
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
                });
                kinds[i] = LineKind::Heading;
            }
        }

        let sections = build_sections(&headings, raw.len());
        let year = title
            .as_deref()
            .and_then(first_year)
            .or_else(|| opening_year(&raw, &kinds));

        let mut doc = Document {
            lines: kinds,
            title,
            year,
            headings,
            sections,
            content: String::with_capacity(folded.len()),
            paragraphs: Vec::new(),
            pieces: Vec::new(),
        };
        doc.build_content(folded, &raw, &joins);
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
        *hint = crate::normalize::partition_from(&self.pieces, *hint, |&(c, _)| c <= offset);
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

    fn build_content(&mut self, folded: &str, raw: &[RawLine<'_>], joins: &[bool]) {
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
            let kind = self.lines[i];
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

    /// Appends folded text to the content, leaving out a lone space between two Chinese characters
    /// (text taken out of a PDF: 行政 执法), so that terms match across it. The structure was read
    /// with the space in place (第二 存在的问题 is a numbered heading).
    fn push_text(&mut self, folded: &str, range: Range<usize>) {
        let text = &folded[range.clone()];
        let bytes = text.as_bytes();
        let mut from = 0;
        for (i, _) in text.match_indices(' ') {
            let before = text[..i].chars().next_back();
            let after = text[i + 1..].chars().next();
            let lone = i > 0 && bytes[i - 1] != b' ' && bytes.get(i + 1) != Some(&b' ');
            if lone && before.is_some_and(is_han) && after.is_some_and(is_han) {
                self.pieces.push((self.content.len(), range.start + from));
                self.content.push_str(&text[from..i]);
                from = i + 1;
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

const SENTENCE_END: &[char] = &[
    '。', '.', ';', ':', '!', '?', ',', '、', '”', '"', ')', '》',
];

/// The page-chrome vocabulary of a rule set, compiled: the markers that make a line chrome (line
/// and footer markers), and the footer markers alone.
#[derive(Debug, Clone)]
pub(crate) struct ChromeMatcher {
    markers: MarkerSet,
    footer_markers: MarkerSet,
    metadata_labels: Vec<String>,
}

/// Every page-chrome marker of a rule set: the line markers and the footer markers.
fn all_markers(chrome: &Chrome) -> Vec<&str> {
    chrome
        .line_markers
        .iter()
        .chain(&chrome.footer_markers)
        .map(String::as_str)
        .collect()
}

impl ChromeMatcher {
    pub fn new(chrome: &Chrome) -> ChromeMatcher {
        let all = all_markers(chrome);
        let footer: Vec<&str> = chrome.footer_markers.iter().map(String::as_str).collect();
        ChromeMatcher {
            markers: MarkerSet::new(&all),
            footer_markers: MarkerSet::new(&footer),
            metadata_labels: chrome.metadata_labels.clone(),
        }
    }
}

/// Characters common in report text: a marker is looked for by a character not among them.
const COMMON: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能\
    下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使\
    点从业本去把性好应开合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又利比或\
    但质气第向道命此变条只没结解问意建月公无系很情者最立代想已通并提直题党程展五果象员位入常文总次品式活设及\
    管特件长求基资级少统接知较将组见计别期根论运农指区强放决被做必先回则任取据处府镇治务责领导依服审规范执督\
    查监宣传教育训安全村街乡县市省委办案群众纠纷调诉讼议施推落完善加深化健";

/// How rare a character is in report text, roughly: the higher the rarer.
fn rarity(c: char) -> u8 {
    match c {
        '\u{3000}'..='\u{303F}' => 0,
        c if c.is_ascii_alphabetic() => 2,
        c if c.is_ascii() => 0,
        c if COMMON.contains(c) => 1,
        _ => 3,
    }
}

/// Whether a text contains any of a set of strings (page-chrome markers): each string is looked for
/// only where its rarest character stands. A text is read a character at a time, with one bit test
/// for most characters, instead of a step of an automaton per byte.
#[derive(Debug, Clone)]
struct MarkerSet {
    /// An empty marker is in every text.
    any_empty: bool,
    /// The anchor characters among U+4E00–U+9FFF, one bit each.
    han: Vec<u64>,
    /// The ASCII anchors, one bit each.
    ascii: u128,
    /// The other anchors.
    other: Vec<char>,
    /// `(anchor, marker, byte offset of the anchor in the marker)`, sorted.
    anchors: Vec<(char, usize, usize)>,
    markers: Vec<String>,
}

const HAN_FIRST: u32 = 0x4E00;
const HAN_LAST: u32 = 0x9FFF;

impl MarkerSet {
    fn new(markers: &[&str]) -> MarkerSet {
        let mut set = MarkerSet {
            any_empty: markers.iter().any(|m| m.is_empty()),
            han: vec![0; ((HAN_LAST - HAN_FIRST) / 64 + 1) as usize],
            ascii: 0,
            other: Vec::new(),
            anchors: Vec::new(),
            markers: markers.iter().map(|m| m.to_string()).collect(),
        };
        for (m, marker) in markers.iter().enumerate() {
            // The rarest character, the first of equals.
            let Some((offset, anchor)) =
                marker.char_indices().rev().max_by_key(|&(_, c)| rarity(c))
            else {
                continue;
            };
            set.anchors.push((anchor, m, offset));
            match anchor as u32 {
                c @ HAN_FIRST..=HAN_LAST => {
                    let bit = c - HAN_FIRST;
                    set.han[(bit / 64) as usize] |= 1 << (bit % 64);
                }
                c @ 0..0x80 => set.ascii |= 1 << c,
                _ => set.other.push(anchor),
            }
        }
        set.anchors.sort_unstable();
        set
    }

    #[inline(always)]
    fn is_anchor(&self, c: char) -> bool {
        match c as u32 {
            n @ HAN_FIRST..=HAN_LAST => {
                let bit = n - HAN_FIRST;
                self.han[(bit / 64) as usize] & (1 << (bit % 64)) != 0
            }
            n @ 0..0x80 => self.ascii & (1 << n) != 0,
            _ => self.other.contains(&c),
        }
    }

    /// Whether `text` contains one of the markers.
    fn is_match(&self, text: &str) -> bool {
        if self.any_empty {
            return true;
        }
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let b = bytes[at];
            // Most characters are ideographs of U+4E00–U+9FFF, three bytes led by E4–E9 (which
            // also lead U+4000–U+4DFF, read the long way): their bit is read straight from the
            // bytes.
            if (0xE4..=0xE9).contains(&b) {
                let n = (u32::from(b & 0x0F) << 12)
                    | (u32::from(bytes[at + 1] & 0x3F) << 6)
                    | u32::from(bytes[at + 2] & 0x3F);
                if let Some(bit) = n.checked_sub(HAN_FIRST)
                    && self.han[(bit / 64) as usize] & (1 << (bit % 64)) == 0
                {
                    at += 3;
                    continue;
                }
            }
            let c = text[at..].chars().next().expect("at a character");
            let width = c.len_utf8();
            if !self.is_anchor(c) {
                at += width;
                continue;
            }
            let first = self.anchors.partition_point(|a| a.0 < c);
            for &(_, m, offset) in self.anchors[first..].iter().take_while(|a| a.0 == c) {
                if at >= offset && bytes[at - offset..].starts_with(self.markers[m].as_bytes()) {
                    return true;
                }
            }
            at += width;
        }
        false
    }
}

fn is_chrome_line(line: &str, chrome: &ChromeMatcher) -> bool {
    if chrome.markers.is_match(line) {
        return true;
    }
    let unbulleted = line.trim_start_matches(['•', '·', '●', '■', '-', '*', ' ']);
    if chrome.metadata_labels.iter().any(|label| {
        unbulleted
            .strip_prefix(label.as_str())
            .is_some_and(|rest| rest.trim_start().starts_with([':', '：']))
    }) {
        return true;
    }
    is_page_number(line) || is_menu_line(line)
}

/// `— 2 —`, `- 3 -`, `第2页`, `第 2 页 共 5 页`.
fn is_page_number(line: &str) -> bool {
    let has_digit = line.bytes().any(|b| b.is_ascii_digit());
    has_digit
        && line.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, '-' | '—' | '–' | ' ' | '第' | '页' | '共' | '/')
        })
}

/// A line of navigation: at least three short items separated by spaces or bars, no sentence.
fn is_menu_line(line: &str) -> bool {
    if line.contains(['。', ',', ';']) {
        return false;
    }
    let items: Vec<&str> = line
        .split([' ', '|', '丨', '｜'])
        .filter(|s| !s.is_empty())
        .collect();
    items.len() >= 3 && items.iter().all(|item| char_len(item) <= 8)
}

/// After a footer marker, short lines without sentence punctuation are footer too (图标 labels,
/// menu entries).
fn mark_footer(raw: &[RawLine<'_>], kinds: &mut [LineKind], chrome: &ChromeMatcher) {
    let mut in_footer = false;
    let mut seen_body = false;
    for (line, kind) in raw.iter().zip(kinds.iter_mut()) {
        let text = line.text.trim();
        if *kind == LineKind::Body {
            if in_footer && char_len(text) <= 20 && !text.contains(['。', ',', ';']) {
                *kind = LineKind::Chrome;
                continue;
            }
            in_footer = false;
            seen_body = true;
        } else if *kind == LineKind::Chrome && seen_body && chrome.footer_markers.is_match(text) {
            in_footer = true;
        }
    }
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

const CHINESE_DIGITS: &[char] = &[
    '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '〇', '零',
];

/// Recognizes a numbered heading at the start of `line`. Returns the level, the numbering, the
/// length in bytes of the number (after leading spaces) and of the whole heading.
fn numbered_heading(line: &str) -> Option<(u8, Numbering, usize, usize)> {
    let text = line.trim_start();
    let (level, numbering, number_len) = heading_number(text)?;
    let rest = &text[number_len..];
    if rest.trim().is_empty() {
        return None;
    }
    // The heading's words run to the first full stop (or the end of the line).
    let words_len = rest.find(['。']).unwrap_or_else(|| rest.trim_end().len());
    let words = &rest[..words_len];
    // A top-level heading (一、 第一) standing alone on its line may run long; a longer numbered line
    // with a sentence after it is a list item.
    let alone = words_len == rest.trim_end().len();
    let limit = if level == 1 && alone {
        MAX_TOP_HEADING
    } else {
        MAX_NUMBERED_HEADING
    };
    if char_len(words) > limit {
        return None;
    }
    Some((level, numbering, number_len, number_len + words_len))
}

/// Whether `text` (as written, not yet folded) starts with a heading number this parser recognises:
/// `一、`, `（一）`, `1.`, `(1)`, `①`, `第一` and the rest. Used when a Word heading's number must be
/// made visible, so that a number already typed is not doubled.
pub(crate) fn starts_with_heading_number(text: &str) -> bool {
    heading_number(crate::normalize::fold_str(text).trim_start()).is_some()
}

fn heading_number(text: &str) -> Option<(u8, Numbering, usize)> {
    let digits = |s: &str, set: &dyn Fn(char) -> bool| -> usize {
        s.char_indices()
            .find(|&(_, c)| !set(c))
            .map_or(s.len(), |(i, _)| i)
    };
    let chinese = |c: char| CHINESE_DIGITS.contains(&c);
    let arabic = |c: char| c.is_ascii_digit();

    // 一、 一. 一．
    let n = digits(text, &chinese);
    if n > 0 && n <= 9 {
        let after = &text[n..];
        if let Some(c) = after.chars().next() {
            if matches!(c, '、' | '.') {
                return Some((1, Numbering::ChineseComma, n + c.len_utf8()));
            }
            if c == ')' {
                return Some((2, Numbering::Broken, n + 1));
            }
        }
    }
    // 第一 第二部分
    if let Some(after) = text.strip_prefix('第') {
        let n = digits(after, &chinese);
        if n > 0 {
            let rest = &after[n..];
            for suffix in ["部分", "章", "节"] {
                if let Some(r) = rest.strip_prefix(suffix) {
                    let sep = r.len() - r.trim_start_matches(['、', ',', ':', ' ', '.']).len();
                    return Some((
                        1,
                        Numbering::Ordinal,
                        '第'.len_utf8() + n + suffix.len() + sep,
                    ));
                }
            }
            if let Some(c) = rest.chars().next()
                && matches!(c, '、' | ',' | ':' | ' ' | '.')
            {
                return Some((1, Numbering::Ordinal, '第'.len_utf8() + n + c.len_utf8()));
            }
        }
    }
    // (一) (1)
    if let Some(inner) = text.strip_prefix('(') {
        let n = digits(inner, &chinese);
        if n > 0 && inner[n..].starts_with(')') {
            return Some((2, Numbering::ChineseParen, 1 + n + 1));
        }
        let n = digits(inner, &arabic);
        if n > 0 && n <= 2 && inner[n..].starts_with(')') {
            return Some((4, Numbering::ArabicParen, 1 + n + 1));
        }
    }
    // A bare ")" left where "（四）" was.
    if text.starts_with(')') && text[1..].chars().next().is_some_and(is_han) {
        return Some((2, Numbering::Broken, 1));
    }
    // 1. 1、 (not 1.5万元, not 2021年)
    let n = digits(text, &arabic);
    if n > 0 && n <= 2 {
        let after = &text[n..];
        if let Some(c) = after.chars().next()
            && matches!(c, '.' | '、')
            && !after[c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit())
        {
            return Some((3, Numbering::Arabic, n + c.len_utf8()));
        }
    }
    // ①
    if let Some(c) = text.chars().next()
        && ('\u{2460}'..='\u{2473}').contains(&c)
    {
        return Some((5, Numbering::Circled, c.len_utf8()));
    }
    None
}

fn find_title(
    raw: &[RawLine<'_>],
    kinds: &[LineKind],
    numbered: &[Option<(u8, Numbering, usize, usize)>],
) -> (Option<usize>, Option<String>) {
    for (i, line) in raw.iter().enumerate().take(60) {
        if kinds[i] != LineKind::Body {
            continue;
        }
        if numbered[i].is_some() {
            break;
        }
        let text = line.text.trim();
        let looks_like_title = char_len(text) <= MAX_TITLE
            && !text.contains('。')
            && !text.ends_with([':', ',', ';'])
            && (text.contains("报告") || text.contains("情况") || text.contains("总结"))
            && text.chars().any(is_han);
        if looks_like_title {
            return (Some(i), Some(text.to_string()));
        }
        // Stop looking once the running text has begun.
        if char_len(text) > MAX_TITLE {
            break;
        }
    }
    (None, None)
}

/// The first year written as `2021年` in `text`, between 1990 and 2099.
pub(crate) fn first_year(text: &str) -> Option<i32> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(pos) = text[i..].find("年") {
        let at = i + pos;
        if at >= 4
            && bytes[at - 4..at].iter().all(u8::is_ascii_digit)
            && (at < 5 || !bytes[at - 5].is_ascii_digit())
        {
            let year: i32 = text[at - 4..at].parse().ok()?;
            if (1990..2100).contains(&year) {
                return Some(year);
            }
        }
        i = at + "年".len();
    }
    None
}

/// The year of a report without a title, from its opening lines: a year that opens a clause
/// (2023年，我镇…) first, then one that opens a line, then any year that does not close a range
/// (the 2027 of 2023—2027年 is no report's year).
fn opening_year(raw: &[RawLine<'_>], kinds: &[LineKind]) -> Option<i32> {
    let opening: Vec<&str> = raw
        .iter()
        .zip(kinds)
        .filter(|(_, k)| matches!(k, LineKind::Body | LineKind::Heading))
        .take(3)
        .map(|(l, _)| l.text.trim())
        .collect();
    let years = |line: &'_ str| -> Vec<(usize, i32)> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(pos) = line[from..].find('年') {
            let at = from + pos;
            let bytes = line.as_bytes();
            let four_digits = at >= 4 && bytes[at - 4..at].iter().all(u8::is_ascii_digit);
            if four_digits
                && (at < 5 || !bytes[at - 5].is_ascii_digit())
                && let Ok(year) = line[at - 4..at].parse::<i32>()
                && (1990..2100).contains(&year)
            {
                out.push((at - 4, year));
            }
            from = at + '年'.len_utf8();
        }
        out
    };
    let clause_opening = |line: &str, at: usize| {
        let after = &line[at + 4..];
        let after = after
            .strip_prefix("年度")
            .or_else(|| after.strip_prefix('年'))
            .unwrap_or("");
        after.starts_with([',', '，'])
    };
    let range_end = |line: &str, at: usize| line[..at].ends_with(['—', '-', '至', '~']);
    for line in &opening {
        if let Some(&(_, y)) = years(line)
            .iter()
            .find(|&&(at, _)| clause_opening(line, at))
        {
            return Some(y);
        }
    }
    for line in &opening {
        if let Some(y) = first_year(line).filter(|y| line.starts_with(&y.to_string())) {
            return Some(y);
        }
    }
    opening.iter().find_map(|line| {
        years(line)
            .into_iter()
            .find(|&(at, _)| !range_end(line, at))
            .map(|(_, y)| y)
    })
}

/// Decides which lines run on into the next (hard wraps). Only documents where many long lines share
/// one width are taken as hard-wrapped.
fn hard_wraps(
    raw: &[RawLine<'_>],
    kinds: &[LineKind],
    numbered: &[Option<(u8, Numbering, usize, usize)>],
) -> Vec<bool> {
    let mut joins = vec![false; raw.len()];
    let lengths: Vec<usize> = raw.iter().map(|l| char_len(l.text.trim_end())).collect();
    let long: Vec<usize> = lengths
        .iter()
        .zip(kinds)
        .filter(|&(&n, &k)| k == LineKind::Body && n >= 16)
        .map(|(&n, _)| n)
        .collect();
    if long.len() < 4 {
        return joins;
    }
    // The width most long lines reach: the largest length shared, within two characters, by a third
    // or more of them.
    let max = *long.iter().max().unwrap_or(&0);
    let width = (16..=max.min(200)).rev().find(|&w| {
        let near = long.iter().filter(|&&n| n <= w && n + 2 >= w).count();
        near >= 3 && near * 3 >= long.len()
    });
    let Some(width) = width else { return joins };
    for i in 0..raw.len() {
        // A full line that ends a sentence may as well end its paragraph: no term runs across 。.
        let ends_sentence = raw[i].text.trim_end().ends_with(['。', '!', '?', ';', ':']);
        if kinds[i] != LineKind::Body || lengths[i] + 2 < width || ends_sentence {
            continue;
        }
        let Some(next) = (i + 1..raw.len()).find(|&j| kinds[j] != LineKind::Chrome) else {
            continue;
        };
        let next_text = raw[next].text;
        let indented = next_text.starts_with(' ');
        if kinds[next] == LineKind::Body && !indented && numbered[next].is_none() {
            joins[i] = true;
        }
    }
    // A chrome line (a page number) between two joined lines is skipped when the text is joined.
    joins
}

fn is_unnumbered_heading(raw: &[RawLine<'_>], kinds: &[LineKind], i: usize) -> bool {
    let text = raw[i].text.trim();
    let n = char_len(text);
    if !(2..=MAX_UNNUMBERED_HEADING).contains(&n)
        || text.ends_with(SENTENCE_END)
        || text.contains('。')
    {
        return false;
    }
    if !text.chars().next().is_some_and(is_han) {
        return false;
    }
    // Followed by running text (possibly after blank lines).
    let next = (i + 1..raw.len()).find(|&j| kinds[j] != LineKind::Blank);
    next.is_some_and(|j| {
        matches!(kinds[j], LineKind::Body | LineKind::Heading) && char_len(raw[j].text.trim()) > n
    })
}

fn build_sections(headings: &[Heading], line_count: usize) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::with_capacity(headings.len());
    let mut stack: Vec<usize> = Vec::new();
    for (h, heading) in headings.iter().enumerate() {
        while let Some(&top) = stack.last() {
            if headings[sections[top].heading].level >= heading.level {
                sections[top].lines.end = heading.line;
                stack.pop();
            } else {
                break;
            }
        }
        sections.push(Section {
            heading: h,
            parent: stack.last().copied(),
            lines: heading.line..line_count,
        });
        stack.push(h);
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::fold_str;

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

    proptest::proptest! {
        #[test]
        fn marker_sets_find_what_contains_finds(
            markers in proptest::collection::vec("[版权所有aC:您的【\u{4dae}\u{4dff}]{0,4}", 0..6),
            text in "[版权所有aC:您的【 \u{4000}\u{4dae}\u{4dc0}\u{4dff}\u{4e00}\u{9fff}]{0,24}",
        ) {
            let refs: Vec<&str> = markers.iter().map(String::as_str).collect();
            let set = MarkerSet::new(&refs);
            proptest::prop_assert_eq!(set.is_match(&text), markers.iter().any(|m| text.contains(m.as_str())));
        }
    }

    #[test]
    fn the_builtin_markers_are_found() {
        let chrome = crate::RuleSet::builtin().chrome;
        let all = all_markers(&chrome);
        let set = MarkerSet::new(&all);
        for m in &all {
            assert!(set.is_match(&format!("前文{m}后文")), "{m}");
            let cut = &m[..m.char_indices().last().unwrap().0];
            assert_eq!(
                set.is_match(cut),
                all.iter().any(|n| cut.contains(n)),
                "{cut}"
            );
        }
    }

    #[test]
    fn years() {
        assert_eq!(first_year("关于2022年度法治政府建设情况的报告"), Some(2022));
        assert_eq!(first_year("12021年"), None);
        assert_eq!(first_year("没有年份"), None);
    }
}

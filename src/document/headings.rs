//! Headings: numbered ones (一、, （一）, 1., (1), ①, 第一, and those broken by copy-paste) and short
//! unnumbered lines, and the sections they open.

use super::{Heading, LineKind, RawLine, Section, char_len};
use crate::text::is_han;
use crate::text::numbering::{Numbering, heading_number};

/// The longest heading, in characters, where the number makes it a heading.
const MAX_NUMBERED_HEADING: usize = 40;
/// The longest heading numbered 一、, （一） or 第一部分 that ends in 。, in characters.
const MAX_LONG_HEADING: usize = 80;
/// The longest top-level heading (一、…) alone on its line, in characters.
const MAX_TOP_HEADING: usize = 64;
/// The longest line, in characters, taken as an unnumbered heading.
const MAX_UNNUMBERED_HEADING: usize = 25;

const SENTENCE_END: &[char] = &[
    '。', '.', ';', ':', '!', '?', ',', '、', '”', '"', ')', '》',
];

/// Recognizes a numbered heading at the start of `line`. Returns the level, the numbering, the
/// length in bytes of the number (after leading spaces) and of the whole heading.
pub(super) fn numbered_heading(line: &str) -> Option<(u8, Numbering, usize, usize)> {
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
    // A heading numbered 一、, （一） or 第一部分 may be a long one ending in 。 (（三）坚持依法决策，
    // 严格落实重大行政决策程序，把……。).
    let chinese = matches!(
        numbering,
        Numbering::ChineseComma | Numbering::ChineseParen | Numbering::Ordinal
    );
    let limit = if chinese && rest[words_len..].starts_with('。') {
        MAX_LONG_HEADING
    } else if level == 1 && alone {
        MAX_TOP_HEADING
    } else {
        MAX_NUMBERED_HEADING
    };
    if char_len(words) > limit {
        return None;
    }
    Some((level, numbering, number_len, number_len + words_len))
}

pub(super) fn is_unnumbered_heading(raw: &[RawLine<'_>], kinds: &[LineKind], i: usize) -> bool {
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

pub(super) fn build_sections(headings: &[Heading], line_count: usize) -> Vec<Section> {
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

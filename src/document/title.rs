//! The title and the report's year: the first short line near the top that names a report, and the
//! year it gives or, without one, the first year of the opening text.

use super::{LineKind, RawLine, char_len};
use crate::text::is_han;
use crate::text::numbering::Numbering;

/// The longest title, in characters.
const MAX_TITLE: usize = 70;

pub(super) fn find_title(
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
pub(super) fn opening_year(raw: &[RawLine<'_>], kinds: &[LineKind]) -> Option<i32> {
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

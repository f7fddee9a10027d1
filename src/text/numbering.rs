//! Heading numbers as reports write them: 一、, 第一, （一）, 1., (1), ①, and the broken forms
//! copy-paste leaves. Used when reading a Word file (its automatic list numbers) and when finding a
//! document's headings.

use serde::Serialize;

use super::is_han;

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

const CHINESE_DIGITS: &[char] = &[
    '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '〇', '零',
];

pub(crate) fn heading_number(text: &str) -> Option<(u8, Numbering, usize)> {
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

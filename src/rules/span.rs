//! Errors at a place: a byte span of a rule set's TOML turned into the file, line, column and key
//! an error message names.

use std::ops::Range;

use crate::error::{Error, SourcePosition};

/// Line (1-based) and column (1-based, in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

/// An error in a rule set at `span`, with its message in Chinese (`zh`) and in English (`en`).
pub(super) fn rule_error(
    source: &str,
    origin: &str,
    span: Range<usize>,
    key: Option<String>,
    zh: &str,
    en: &str,
) -> Error {
    let (line, column) = line_column(source, span.start);
    Error::RuleSet {
        position: SourcePosition {
            origin: origin.to_string(),
            line,
            column,
        },
        key,
        message: zh.trim().to_string(),
        message_en: en.trim().to_string(),
    }
}

/// A TOML parser's message (serde's words: `unknown field`, `missing field`, `invalid type`…) in
/// Chinese. What it cannot word is kept, in brackets after a Chinese lead, so nothing is lost.
pub(crate) fn toml_message_zh(message: &str) -> String {
    let message = message.trim();
    // The names a type goes by in serde's messages, as a rule author would say them.
    let kind = |s: &str| -> String {
        let s = s.trim();
        let words: &[(&str, &str)] = &[
            ("a sequence", "列表（[…]）"),
            ("sequence", "列表（[…]）"),
            ("a string", "文字（用引号括起）"),
            ("string", "文字"),
            ("a boolean", "true 或 false"),
            ("boolean", "true 或 false"),
            ("a map", "表"),
            ("map", "表"),
            ("integer", "整数"),
            ("floating point", "小数"),
            ("f64", "数字"),
            ("f32", "数字"),
            ("u8", "非负整数"),
            ("u16", "非负整数"),
            ("u32", "非负整数"),
            ("u64", "非负整数"),
            ("usize", "非负整数"),
            ("i32", "整数"),
            ("i64", "整数"),
        ];
        for (en, zh) in words {
            if let Some(rest) = s.strip_prefix(en)
                && (rest.is_empty() || rest.starts_with(' '))
            {
                return format!("{zh}{rest}");
            }
        }
        s.to_string()
    };
    // `unknown field `x`, expected one of `a`, `b`` and the like, for a key or a value.
    let unknown = |rest: &str, what: &str| -> String {
        let allowed = rest
            .split_once(", expected one of ")
            .or_else(|| rest.split_once(", expected "));
        match (allowed, rest.split_once(", there are no fields")) {
            (Some((name, allowed)), _) => format!(
                "不认识的{what} {name}（可用的{what}：{}）",
                allowed.replace("`, `", "`、`")
            ),
            (None, Some((name, _))) => format!("不认识的{what} {name}（这里不能有{what}）"),
            (None, None) => format!("不认识的{what} {rest}"),
        }
    };
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return unknown(rest, "键");
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        return unknown(rest, "值");
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("缺少键 {field}");
    }
    if let Some(key) = message.strip_prefix("duplicate key ") {
        return format!("键 {key} 重复");
    }
    for (lead, zh) in [
        ("invalid type: ", "类型不对"),
        ("invalid value: ", "值不对"),
    ] {
        if let Some(rest) = message.strip_prefix(lead)
            && let Some((got, want)) = rest.split_once(", expected ")
        {
            return format!("{zh}：应为{}，此处为{}", kind(want), kind(got));
        }
    }
    if let Some(rest) = message.strip_prefix("invalid length ")
        && let Some((got, want)) = rest.split_once(", expected ")
    {
        return format!("长度不对：应为{want}，此处为 {got}");
    }
    format!("TOML 写法有误（{message}）")
}

/// The key an error at `span` concerns: the table header above it and the key on its line.
pub(super) fn key_at(source: &str, span: Range<usize>) -> Option<String> {
    let start = span.start.min(source.len());
    if !source.is_char_boundary(start) {
        return None;
    }
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let line = source[line_start..line_end].trim();
    let table = source[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim().to_string());
    let key = if line.starts_with('[') {
        None
    } else {
        line.split_once('=')
            .map(|(k, _)| k.trim().trim_matches('"').to_string())
    };
    match (table, key) {
        (Some(t), Some(k)) if !k.is_empty() => Some(format!("{t}.{k}")),
        (None, Some(k)) if !k.is_empty() => Some(k),
        (Some(t), _) => Some(t),
        _ => None,
    }
}

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

pub(super) fn rule_error(
    source: &str,
    origin: &str,
    span: Range<usize>,
    key: Option<String>,
    message: &str,
) -> Error {
    let (line, column) = line_column(source, span.start);
    Error::RuleSet {
        position: SourcePosition {
            origin: origin.to_string(),
            line,
            column,
        },
        key,
        message: message.trim().to_string(),
    }
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

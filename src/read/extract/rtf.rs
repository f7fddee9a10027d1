//! RTF: a small reader of the control words that carry text. See the
//! module documentation of `extract`.

use encoding_rs::{BIG5, Encoding, GB18030, SHIFT_JIS, WINDOWS_1252};

use super::not_text;
use crate::error::Result;

/// The deepest nesting of groups read; deeper is refused as damaged (real files nest a few dozen).
pub const MAX_RTF_DEPTH: usize = 1_000;

/// Whether the bytes start like an RTF file.
pub(super) fn is_rtf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"{\\rtf")
}

/// Destinations whose text is not the document's: tables of fonts, colours, styles and lists,
/// document information, pictures and objects, headers and footers, footnotes and comments, field
/// instructions (the field's result is kept).
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "footnote",
    "annotation",
    "fldinst",
    "listtable",
    "listoverridetable",
    "rsidtbl",
    "generator",
    "xmlnstbl",
    "themedata",
    "colorschememapping",
    "latentstyles",
    "datastore",
    "pgdsctbl",
    "filetbl",
    "revtbl",
    "nonshppict",
    "userprops",
    "template",
    "atnid",
    "atnauthor",
];

fn codepage(number: i32) -> &'static Encoding {
    match number {
        936 => GB18030,
        950 => BIG5,
        932 => SHIFT_JIS,
        n => Encoding::for_label(format!("cp{n}").as_bytes())
            .or_else(|| Encoding::for_label(format!("windows-{n}").as_bytes()))
            .unwrap_or(WINDOWS_1252),
    }
}

fn charset(number: i32) -> Option<&'static Encoding> {
    match number {
        134 => Some(GB18030),
        136 => Some(BIG5),
        128 => Some(SHIFT_JIS),
        _ => None,
    }
}

#[derive(Clone, Copy)]
struct State {
    skip: bool,
    in_fonttbl: bool,
    uc: usize,
    encoding: &'static Encoding,
}

/// The text of an RTF file: paragraphs, line breaks, table cells and rows end a line; `\'xx` bytes
/// are decoded in the code page of the current font (`\fcharset134` is GBK) or of the document
/// (`\ansicpg936`); `\uN` is the Unicode character N, its `\ucN` fallback characters skipped.
pub(super) fn extract(bytes: &[u8]) -> Result<String> {
    let mut out = String::new();
    let mut pending: Vec<u8> = Vec::new();
    let mut stack: Vec<State> = Vec::new();
    let mut document = WINDOWS_1252;
    let mut fonts: std::collections::HashMap<i32, &'static Encoding> = Default::default();
    let mut font_in_table: Option<i32> = None;
    let mut default_font = 0;
    let mut state = State {
        skip: false,
        in_fonttbl: false,
        uc: 1,
        encoding: WINDOWS_1252,
    };
    // Fallback characters still to skip after a \uN.
    let mut to_skip = 0usize;
    // Whether the next control word opens a group's destination (right after `{` or `{\*`).
    let mut group_start = false;
    let mut starred = false;
    let flush = |pending: &mut Vec<u8>, out: &mut String, encoding: &'static Encoding| {
        if !pending.is_empty() {
            let (text, _) = encoding.decode_without_bom_handling(pending);
            out.push_str(&text);
            pending.clear();
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'{' => {
                flush(&mut pending, &mut out, state.encoding);
                if stack.len() >= MAX_RTF_DEPTH {
                    return Err(not_text(format!(
                        "RTF 文件的分组嵌套超过 {MAX_RTF_DEPTH} 层：文件已损坏，请用 Word 或 WPS 打开后另存为 .docx 再提交"
                    )));
                }
                stack.push(state);
                group_start = true;
                starred = false;
                i += 1;
            }
            b'}' => {
                flush(&mut pending, &mut out, state.encoding);
                if state.in_fonttbl {
                    font_in_table = None;
                }
                state = stack.pop().unwrap_or(state);
                group_start = false;
                to_skip = 0;
                i += 1;
            }
            b'\\' => {
                let Some(&next) = bytes.get(i + 1) else { break };
                if next.is_ascii_alphabetic() {
                    let start = i + 1;
                    let mut j = start;
                    while j < bytes.len() && bytes[j].is_ascii_alphabetic() && j - start < 32 {
                        j += 1;
                    }
                    let word = std::str::from_utf8(&bytes[start..j]).unwrap_or("");
                    let num_start = j;
                    if j < bytes.len() && bytes[j] == b'-' {
                        j += 1;
                    }
                    while j < bytes.len() && bytes[j].is_ascii_digit() && j - num_start < 10 {
                        j += 1;
                    }
                    let param = std::str::from_utf8(&bytes[num_start..j])
                        .ok()
                        .and_then(|s| s.parse::<i32>().ok());
                    if j < bytes.len() && bytes[j] == b' ' {
                        j += 1;
                    }
                    i = j;
                    let opens = std::mem::take(&mut group_start);
                    if opens && (starred || SKIPPED.contains(&word)) {
                        flush(&mut pending, &mut out, state.encoding);
                        if word == "fonttbl" {
                            state.in_fonttbl = true;
                        } else {
                            state.skip = true;
                        }
                        continue;
                    }
                    if state.in_fonttbl {
                        match (word, param) {
                            ("f", Some(n)) => font_in_table = Some(n),
                            ("fcharset", Some(c)) => {
                                if let (Some(f), Some(e)) = (font_in_table, charset(c)) {
                                    fonts.insert(f, e);
                                }
                            }
                            _ => {}
                        }
                        continue;
                    }
                    match (word, param) {
                        ("ansicpg", Some(n)) => {
                            document = codepage(n);
                            state.encoding = *fonts.get(&default_font).unwrap_or(&document);
                        }
                        ("deff", Some(n)) => default_font = n,
                        ("f", Some(n)) => {
                            flush(&mut pending, &mut out, state.encoding);
                            state.encoding = *fonts.get(&n).unwrap_or(&document);
                        }
                        ("plain", _) => {
                            flush(&mut pending, &mut out, state.encoding);
                            state.encoding = *fonts.get(&default_font).unwrap_or(&document);
                        }
                        ("uc", Some(n)) => state.uc = n.clamp(0, 10) as usize,
                        ("u", Some(n)) if !state.skip => {
                            flush(&mut pending, &mut out, state.encoding);
                            let code = if n < 0 { n + 65536 } else { n } as u32;
                            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                            to_skip = state.uc;
                        }
                        _ if state.skip => {}
                        ("par" | "line" | "sect" | "page" | "row" | "cell" | "nestcell", _) => {
                            flush(&mut pending, &mut out, state.encoding);
                            out.push('\n');
                            to_skip = 0;
                        }
                        ("tab", _) => {
                            flush(&mut pending, &mut out, state.encoding);
                            out.push(' ');
                        }
                        (w, _) => {
                            let c = match w {
                                "emdash" => "—",
                                "endash" => "–",
                                "lquote" => "‘",
                                "rquote" => "’",
                                "ldblquote" => "“",
                                "rdblquote" => "”",
                                "bullet" => "•",
                                _ => "",
                            };
                            if !c.is_empty() {
                                flush(&mut pending, &mut out, state.encoding);
                                out.push_str(c);
                            }
                        }
                    }
                } else {
                    i += 2;
                    let opens = std::mem::take(&mut group_start);
                    match next {
                        b'*' if opens => {
                            starred = true;
                            group_start = true;
                        }
                        b'\'' => {
                            let hex = bytes.get(i..i + 2).and_then(|h| {
                                u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok()
                            });
                            if let Some(byte) = hex {
                                i += 2;
                                if to_skip > 0 {
                                    to_skip -= 1;
                                } else if !state.skip && !state.in_fonttbl {
                                    pending.push(byte);
                                }
                            }
                        }
                        _ if state.skip || state.in_fonttbl => {}
                        b'\\' | b'{' | b'}' => {
                            flush(&mut pending, &mut out, state.encoding);
                            out.push(next as char);
                        }
                        b'~' => {
                            flush(&mut pending, &mut out, state.encoding);
                            out.push(' ');
                        }
                        b'_' => {
                            flush(&mut pending, &mut out, state.encoding);
                            out.push('-');
                        }
                        b'\n' | b'\r' => {
                            flush(&mut pending, &mut out, state.encoding);
                            out.push('\n');
                        }
                        _ => {}
                    }
                }
            }
            b'\r' | b'\n' => i += 1,
            _ => {
                group_start = false;
                i += 1;
                if to_skip > 0 {
                    to_skip -= 1;
                } else if !state.skip && !state.in_fonttbl {
                    pending.push(b);
                }
            }
        }
    }
    flush(&mut pending, &mut out, state.encoding);
    Ok(out
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_bytes_and_unicode_escapes() {
        let (gbk, _, _) = encoding_rs::GBK.encode("法治");
        let hex: String = gbk.iter().map(|b| format!("\\'{b:02x}")).collect();
        let rtf = format!(
            "{{\\rtf1\\ansi\\ansicpg936\\deff0{{\\fonttbl{{\\f0\\fnil\\fcharset134 \\'cb\\'ce\\'cc\\'e5;}}}}\
             {{\\*\\generator x;}}{{\\info{{\\title 标题}}}}\\pard {hex}\\par\\uc1\\u25919?\\u24220?\\u-29762?\\par\
             {{\\field{{\\*\\fldinst HYPERLINK \"x\"}}{{\\fldrslt see}}}}\\cell A\\{{b\\}}\\par}}"
        );
        assert_eq!(extract(rtf.as_bytes()).unwrap(), "法治\n政府设\nsee\nA{b}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let mut rtf = b"{\\rtf1 ".to_vec();
        rtf.extend(std::iter::repeat_n(b'{', MAX_RTF_DEPTH + 5));
        assert!(extract(&rtf).is_err());
    }
}

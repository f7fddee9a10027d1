//! Reading a report by its form: plain text, Markdown, a web page saved as HTML, or a Word .docx file.
//!
//! Towns send their reports in whatever form they have. [`extract`] looks at a file's bytes, decides
//! which form it is, and returns the report's text, ready for [`Checker::check_str`]:
//!
//! - **Word .docx** (a ZIP holding `word/document.xml`): one paragraph a line, table cells each on their
//!   own line, and headings given a visible number when Word numbered or styled them without one in the
//!   text, so that the document parser sees them as headings. See [the docx rules](#word-docx).
//! - **HTML** (a page saved from a government site): the page's text with each block (paragraph,
//!   heading, list item, table cell…) on its own line; scripts, styles, `<head>`, `<nav>` and form
//!   controls left out; a metadata table row `索引号 | 115…` written as `索引号：115…`, which the
//!   document parser knows as page chrome. See [the HTML rules](#html).
//! - **Plain text and Markdown**: decoded with [`decode`](crate::decode()), unchanged.
//! - Anything else (an old Word .doc, PDF, images, other archives) is refused with
//!   [`Error::NotText`] and a reason that says what to do.
//!
//! The form is decided by the content first; the file name, when given, is only a hint used when the
//! content does not settle it.
//!
//! For HTML and .docx, the lines and columns of a report's evidence refer to the extracted text (one
//! paragraph a line), not to the file's bytes.
//!
//! # HTML
//!
//! The page is parsed with an HTML5 parser (`scraper`, built on `html5ever`), so entities are decoded
//! and unclosed tags are handled as a browser would. A `<meta charset>` naming GBK, GB2312 or GB18030
//! is honoured unless the bytes are valid UTF-8 (a page re-saved as UTF-8 often keeps its old
//! declaration); otherwise the encoding is detected as for text. Left out: `script`, `style`,
//! `noscript`, `template`, `svg`, `math`, `head` (and with it `<title>`), `nav`, `iframe`, embedded
//! objects, form controls (`input`, `select`, `option`, `textarea`, `button`) and elements marked
//! `hidden` or `style="display:none"`. A `<form>` is kept: many government sites wrap the whole page in
//! one. Whitespace is collapsed within a line. A table row whose cells alternate a short label and a
//! value (`索引号 | 115…`, or two such pairs in one row) becomes one `label：value` line per pair;
//! other rows give each cell's lines in order.
//!
//! Parsing takes time in proportion to the page's size, except for markup nested thousands of
//! levels deep, which the HTML5 parser's scope checks make slow (real pages nest a few dozen levels).
//!
//! A file is taken as HTML when its text starts with `<!DOCTYPE html` or `<html`, or holds a `<body>`
//! tag, or holds `<p>` tags and is not named `.txt` or `.md` (a Markdown file may hold a raw `<p>`).
//!
//! # Word .docx
//!
//! `word/document.xml` is read with `quick-xml` as a stream. Each paragraph (`w:p`) is a line: its text
//! runs (`w:t`) joined, a tab (`w:tab`) as a space, a line break (`w:br`, `w:cr`) as a new line.
//! Deleted text of tracked changes, field codes and the fallback copy of text boxes are left out. Table
//! cells hold paragraphs, so each cell starts a new line. Empty paragraphs give no line.
//!
//! A paragraph's number, when Word adds it and the text does not hold it, is written in front of it:
//!
//! 1. **Automatic numbering** (`w:numPr`, in the paragraph or in its style): the number Word shows,
//!    from `word/numbering.xml`: the level's `lvlText` (`%1、`, `（%1）`, `%1.`) with its counter in
//!    the level's format (Chinese counting 一二三, decimal, circled ①, letters, roman). Bullets get no
//!    number. Counters run per list (`numId`); a level resets the levels below it. Overrides of start
//!    values (`w:lvlOverride`) and linked list styles are not followed.
//! 2. **Heading styles** without numbering, or numbering that `numbering.xml` does not define: the
//!    style `Heading1`…`Heading9` or `1`…`9` (the ids Chinese Word uses), or a style named
//!    `heading N` or `标题 N` in `word/styles.xml`, gets a number by its level: level 1 `一、`, level 2
//!    `（一）`, level 3 `1.`, level 4 `（1）`, deeper `①`. Counted per level, a level resetting the
//!    levels below it. The document's first paragraph is taken as its title and left unnumbered even
//!    when styled as a heading.
//!
//! Either way, a paragraph whose text already starts with a number (`一、`, `（二）`, `3.`, `第一`…) is
//! left as it is.
//!
//! Work is bounded: a part larger than [`MAX_DOCX_PART_BYTES`] uncompressed is refused (a damaged file
//! or a ZIP bomb), whatever size the archive claims. A damaged ZIP or malformed XML gives
//! [`Error::NotText`], never a panic.
//!
//! # Example
//!
//! ```
//! use fazhi_check::{InputFormat, extract};
//!
//! let page = "<!DOCTYPE html><html><head><title>双山镇</title><script>var a = 1;</script></head>\
//!             <body><nav>首页 政务服务</nav><table><tr><td>索引号</td><td>115002/2022-00002</td></tr></table>\
//!             <h1>某镇2021年法治政府建设工作报告</h1><p>一、加强组织领导</p><p>成立领导小组&amp;研究部署。</p></body></html>";
//! let extracted = extract(page.as_bytes(), Some("report.html")).unwrap();
//! assert_eq!(extracted.format, InputFormat::Html);
//! assert_eq!(
//!     extracted.text,
//!     "索引号：115002/2022-00002\n某镇2021年法治政府建设工作报告\n一、加强组织领导\n成立领导小组&研究部署。"
//! );
//!
//! // An old Word .doc file is refused with a reason that says what to do.
//! let err = extract(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", Some("report.doc")).unwrap_err();
//! assert!(err.to_string().contains("save it as .docx"));
//! ```
//!
//! [`Checker::check_str`]: crate::Checker::check_str

mod docx;
mod html;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::read::decode::{binary_signature, decode};

/// The largest uncompressed size, in bytes, of a part read from a .docx file (`word/document.xml`,
/// `word/styles.xml`, `word/numbering.xml`): 50 MB. Larger parts are refused.
pub const MAX_DOCX_PART_BYTES: u64 = 50 * 1024 * 1024;

/// The form a report arrived in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputFormat {
    /// Plain text.
    Text,
    /// Markdown, read as plain text (by its file name: `.md`, `.markdown`).
    Markdown,
    /// A web page.
    Html,
    /// A Word .docx file.
    Docx,
}

impl InputFormat {
    /// `text`, `markdown`, `html` or `docx`: the name it serializes as.
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Markdown => "markdown",
            InputFormat::Html => "html",
            InputFormat::Docx => "docx",
        }
    }
}

/// A report's text, taken out of the file it came in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// The text: as decoded for plain text and Markdown; one paragraph a line for HTML and .docx.
    pub text: String,
    /// The form the file was found to be.
    pub format: InputFormat,
    /// For text, Markdown and HTML, the encoding the bytes were decoded from (as
    /// [`Decoded::encoding`](crate::Decoded::encoding) names it); `None` for .docx, which is always
    /// Unicode.
    pub encoding: Option<&'static str>,
}

/// What a file name says about the form, used only where the content does not settle it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameHint {
    Text,
    Markdown,
    Html,
    Docx,
}

impl NameHint {
    fn of(file_name: &str) -> Option<NameHint> {
        let (_, ext) = file_name.rsplit_once('.')?;
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(NameHint::Text),
            "md" | "markdown" => Some(NameHint::Markdown),
            "html" | "htm" | "xhtml" | "shtml" => Some(NameHint::Html),
            "docx" => Some(NameHint::Docx),
            _ => None,
        }
    }
}

/// Turns a file's bytes into report text.
///
/// `file_name` is only a hint: the form is detected by content first (a ZIP holding
/// `word/document.xml` is a .docx; text that starts with `<!DOCTYPE html` or `<html`, or holds
/// `<body>` or `<p>` tags, is HTML), and the extension (`.html`, `.htm`, `.md`, `.markdown`, `.txt`)
/// decides only between forms the content leaves open. See the [module documentation](self) for how
/// each form is read.
///
/// # Errors
///
/// [`Error::NotText`], with a reason naming the form found and what to do, for: an old Word .doc (or
/// other OLE) file, PDF, RTF, images, archives that are not a .docx, a .docx without
/// `word/document.xml`, a damaged ZIP or malformed XML, a .docx part larger than
/// [`MAX_DOCX_PART_BYTES`] uncompressed, and text that [`decode`](crate::decode()) refuses.
///
/// Text of more than [`MAX_LINES`] lines is refused too ([`Error::NotText`]): the checker keeps a
/// few dozen bytes for every line, so 50 MiB of empty lines would take gigabytes.
pub fn extract(bytes: &[u8], file_name: Option<&str>) -> Result<Extracted> {
    let extracted = extract_form(bytes, file_name)?;
    within_lines(&extracted.text)?;
    Ok(extracted)
}

/// Refuses text of more than [`MAX_LINES`] lines.
pub(crate) fn within_lines(text: &str) -> Result<()> {
    let lines = line_count(text);
    if lines > MAX_LINES {
        return Err(not_text(format!(
            "{lines} lines, more than the {MAX_LINES} a report may have (a report has a few thousand)"
        )));
    }
    Ok(())
}

/// The most lines the text of a report may have (see [`extract`]).
pub const MAX_LINES: usize = 200_000;

/// Lines of `text`, each ended by `\n`, `\r\n` or a lone `\r`.
fn line_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    1 + memchr::memchr2_iter(b'\n', b'\r', bytes)
        .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
        .count()
}

fn extract_form(bytes: &[u8], file_name: Option<&str>) -> Result<Extracted> {
    let hint = file_name.and_then(NameHint::of);
    if docx::is_zip(bytes) {
        let text = docx::extract(bytes)?;
        return Ok(Extracted {
            text,
            format: InputFormat::Docx,
            encoding: None,
        });
    }
    if let Some(kind) = binary_signature(bytes) {
        return Err(Error::NotText {
            reason: kind.to_string(),
        });
    }
    let weak_html_allowed = !matches!(hint, Some(NameHint::Text | NameHint::Markdown));
    if let Some((text, encoding)) = html::decode_declared(bytes)
        && (html::looks_like_html(&text, weak_html_allowed) || hint == Some(NameHint::Html))
    {
        return Ok(Extracted {
            text: html::to_text(&text),
            format: InputFormat::Html,
            encoding: Some(encoding),
        });
    }
    let decoded = decode(bytes)?;
    let format = if html::looks_like_html(&decoded.text, weak_html_allowed) {
        InputFormat::Html
    } else {
        match hint {
            Some(NameHint::Html) => InputFormat::Html,
            Some(NameHint::Markdown) => InputFormat::Markdown,
            // A file named .docx that is not a ZIP but decodes as text is read as the text it is.
            Some(NameHint::Text | NameHint::Docx) | None => InputFormat::Text,
        }
    };
    let text = if format == InputFormat::Html {
        html::to_text(&decoded.text)
    } else {
        decoded.text
    };
    Ok(Extracted {
        text,
        format,
        encoding: Some(decoded.encoding),
    })
}

fn not_text(reason: impl Into<String>) -> Error {
    Error::NotText {
        reason: reason.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_and_markdown_are_decoded_unchanged() {
        let e = extract("一、加强组织领导\n成立领导小组。".as_bytes(), None).unwrap();
        assert_eq!(e.format, InputFormat::Text);
        assert_eq!(e.text, "一、加强组织领导\n成立领导小组。");
        assert_eq!(e.encoding, Some("UTF-8"));
        let md = extract("# 报告\n\n正文".as_bytes(), Some("a.MD")).unwrap();
        assert_eq!(md.format, InputFormat::Markdown);
        assert_eq!(md.text, "# 报告\n\n正文");
        let (gbk, _, _) = encoding_rs::GBK.encode("双山镇人民政府2021年法治政府建设工作报告。");
        let e = extract(&gbk, Some("r.txt")).unwrap();
        assert_eq!(e.encoding, Some("GB18030"));
    }

    #[test]
    fn the_name_is_only_a_hint() {
        // Content that is HTML is HTML whatever the name says.
        let e = extract(b"<!doctype html><p>a</p><p>b</p>", Some("r.txt")).unwrap();
        assert_eq!((e.format, e.text.as_str()), (InputFormat::Html, "a\nb"));
        // A raw <p> in a Markdown file does not make it HTML.
        let e = extract(b"text <p>x</p>\nmore", Some("r.md")).unwrap();
        assert_eq!(e.format, InputFormat::Markdown);
        // A fragment without tell-tale tags is HTML when the name says so.
        let e = extract(b"<div>a</div><div>b</div>", Some("page.htm")).unwrap();
        assert_eq!((e.format, e.text.as_str()), (InputFormat::Html, "a\nb"));
        let e = extract(b"<div>a</div><div>b</div>", None).unwrap();
        assert_eq!(e.format, InputFormat::Text);
        // A text file misnamed .docx is read as text.
        let e = extract("报告".as_bytes(), Some("r.docx")).unwrap();
        assert_eq!(e.format, InputFormat::Text);
    }

    #[test]
    fn binary_forms_are_refused_with_decodes_reasons() {
        for (bytes, needle) in [
            (
                &b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"[..],
                "old Word .doc",
            ),
            (b"%PDF-1.7\n", "PDF"),
            (b"\x89PNG\r\n\x1a\n", "PNG"),
            (b"Rar!\x1a\x07", "RAR"),
        ] {
            let err = extract(bytes, None).unwrap_err().to_string();
            assert!(err.contains(needle), "{err}");
        }
    }

    #[test]
    fn input_format_names() {
        for f in [
            InputFormat::Text,
            InputFormat::Markdown,
            InputFormat::Html,
            InputFormat::Docx,
        ] {
            assert_eq!(
                serde_json::to_string(&f).unwrap(),
                format!("\"{}\"", f.as_str())
            );
        }
    }
}

//! Reading a report by its form: plain text, Markdown, a web page (saved as HTML or as one .mht
//! file), Word .docx and .doc, WPS .wps, OpenDocument .odt, RTF, PDF with a text layer, and OFD.
//!
//! Towns send their reports in whatever form they have. [`extract`] looks at a file's bytes, decides
//! which form it is, and returns the report's text, ready for [`Checker::check_str`]:
//!
//! - **Word .docx** (a ZIP holding `word/document.xml`): one paragraph a line, table cells each on their
//!   own line, and headings given a visible number when Word numbered or styled them without one in the
//!   text, so that the document parser sees them as headings. See [the docx rules](#word-docx).
//! - **Word 97–2003 .doc and WPS .wps** (an OLE compound file with a `WordDocument` stream): the main
//!   text through the piece table. See [below](#word-972003-doc-and-wps-wps).
//! - **OpenDocument .odt** (a ZIP holding `content.xml`) and **OFD** (a ZIP holding `OFD.xml`). See
//!   [below](#opendocument-odt-and-ofd).
//! - **PDF** with a text layer: lines laid out from the characters' positions, page headers, footers
//!   and numbers dropped, wrapped lines joined. See [below](#pdf).
//! - **RTF**, in its code page or with Unicode escapes. See [below](#rtf).
//! - **HTML** (a page saved from a government site): the page's text with each block (paragraph,
//!   heading, list item, table cell…) on its own line; scripts, styles, `<head>`, `<nav>` and form
//!   controls left out; a metadata table row `索引号 | 115…` written as `索引号：115…`, which the
//!   document parser knows as page chrome. See [the HTML rules](#html). A page saved as one **.mht**
//!   file is unpacked first (see [below](#single-file-web-pages-mht)).
//! - **Plain text and Markdown**: decoded with [`decode`](crate::decode()), unchanged.
//! - Anything else is refused with [`Error::NotText`] and a reason in Chinese that says what it is and
//!   what to do: an empty file (空文件), a PDF without a text layer (扫描件，没有文字层，请提供可复制文字的版本),
//!   an encrypted file, images, archives, spreadsheets, presentations, Word 6/95 files, damaged files.
//!   A file with no text at all after reading (a Word file holding only a scanned picture) is refused
//!   too: it is no report to score.
//!
//! The form is decided by the content first; the file name, when given, is only a hint used when the
//! content does not settle it.
//!
//! For every form but plain text and Markdown, the lines and columns of a report's evidence refer to
//! the extracted text (one paragraph a line), not to the file's bytes; for PDF and OFD, and a .docx
//! where Word recorded its page breaks, [`Extracted::page_at`] gives the page a position is on.
//!
//! Every reader is bounded: ZIP parts by [`MAX_DOCX_PART_BYTES`] uncompressed, PDF streams by
//! [`MAX_PDF_STREAM_BYTES`] and pages by [`MAX_PDF_PAGES`], OLE streams by [`MAX_DOC_STREAM_BYTES`],
//! OFD pages by [`MAX_OFD_PAGES`], RTF groups by [`MAX_RTF_DEPTH`]; the whole file by the checker's
//! size limit. Damaged, truncated, encrypted or oversized input gives [`Error::NotText`], never a
//! panic.
//!
//! # PDF
//!
//! The file is parsed with `lopdf` and each page's characters laid out by `pdf-extract` (fonts,
//! ToUnicode maps, CID fonts), with their positions. Characters on one baseline make a line (a space
//! between them only where there is a gap and they are not both Chinese). Then:
//!
//! - **Page furniture** is dropped: in the top or bottom tenth of a page, a page number (`3`,
//!   `- 3 -`, `第3页`, `第 3 页 共 10 页`, `3/10`) and a line whose text, digits aside, comes back at
//!   the top or bottom of at least half the pages (a running header or footer).
//! - **Wrapped lines are joined**: a line that runs to the right edge of the text block, followed by
//!   one that starts at its left edge (a Chinese paragraph's first line is indented) right below it or
//!   at the top of the next page, continues the paragraph. A heading number (`一、`, `（二）`) always
//!   starts a line.
//! - A PDF with fewer than twenty visible characters has no text layer: it is refused as a scan.
//!   An encrypted PDF is read when it opens with the empty password (restrictions only), refused
//!   otherwise.
//!
//! `pdf-extract` still panics on some malformed fonts and content streams: such a panic is caught and
//! the file refused like any damaged one (the panic message is still printed to stderr by the default
//! panic hook). Compressed streams are unpacked once within [`MAX_PDF_STREAM_BYTES`] each, ten times
//! that in all, before `lopdf` unpacks any whole.
//!
//! # Word 97–2003 .doc and WPS .wps
//!
//! The compound file is opened with `cfb`. The File Information Block of the `WordDocument` stream
//! gives the main text's length and where the piece table is in the `0Table`/`1Table` stream; each
//! piece is read as 16-bit Unicode or 8-bit Windows-1252 text. Paragraph marks, table cell and row
//! marks, line, page and column breaks end a line; a field's code is dropped and its result kept;
//! pictures, footnote marks and optional hyphens are dropped; empty lines are left out. Headers,
//! footers, footnotes and text boxes (stored after the main text) are not read. Numbers Word adds to
//! a list are not in the text and do not appear (unlike .docx). WPS saves .wps as the same compound
//! file; the name decides which of the two the report says it was. Refused: Word 6.0/95 files,
//! encrypted files (also an encrypted .docx, which is an OLE file), Excel and PowerPoint files.
//!
//! # OpenDocument .odt and OFD
//!
//! An .odt's `content.xml` is read as a stream with `quick-xml`: each paragraph and heading
//! (`text:p`, `text:h`) a line, a run of spaces or a tab one space, a line break a new line; notes,
//! comments and tracked changes left out. Numbers of automatic lists are not added.
//!
//! OFD (GB/T 33190, the national standard for electronic documents): `OFD.xml` names the document,
//! the document lists its pages in order, and each page's `TextCode` elements carry the text with
//! the position of its first character. Codes on one baseline make a line, and the lines go through
//! the same furniture and wrapping rules as a PDF's. An OFD whose pages hold only images (a scan)
//! has no text and is refused; signatures and annotations are not read.
//!
//! # RTF
//!
//! A small reader of the control words that carry text (the RTF crate on crates.io takes UTF-8
//! input, so it cannot read GBK `\'xx` text): `\par`, `\line`, `\cell`, `\row` end a line;
//! `\'xx` bytes are decoded in the code page of the current font (`\fcharset134`, GBK) or of the
//! document (`\ansicpg936`); `\uN` is the Unicode character N, its `\ucN` fallback characters
//! skipped. Font, colour and style tables, document information, pictures, objects, headers,
//! footers, footnotes, comments and field instructions are left out. Groups nested deeper than
//! [`MAX_RTF_DEPTH`] are refused.
//!
//! # Single-file web pages (.mht)
//!
//! A file whose MIME headers name `multipart/related` (or any MIME message named .mht/.mhtml) is
//! parsed with `mail-parser`; its first `text/html` part is decoded from quoted-printable or base64
//! and from the charset its `Content-Type` names (GB2312, GBK, UTF-8…), then read as HTML below. A
//! part that names no charset is decoded as a saved page is: by its `<meta charset>`, else detected.
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
//! // A damaged Word .doc file is refused with a reason, in Chinese, that says what to do.
//! let err = extract(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", Some("report.doc")).unwrap_err();
//! assert!(err.to_string().contains("另存为 .docx"));
//! // So is an empty file.
//! assert!(extract(b"", Some("report.txt")).unwrap_err().to_string().contains("空文件"));
//! ```
//!
//! [`Checker::check_str`]: crate::Checker::check_str

mod doc;
mod docx;
mod html;
mod mht;
mod odf;
mod pdf;
mod rtf;

use std::io::Cursor;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::read::decode::{binary_signature, decode};

pub use doc::MAX_DOC_STREAM_BYTES;
pub use odf::MAX_OFD_PAGES;
pub use pdf::{MAX_PDF_PAGES, MAX_PDF_STREAM_BYTES};
pub use rtf::MAX_RTF_DEPTH;

/// The largest uncompressed size, in bytes, of a part read from a ZIP-based file (.docx:
/// `word/document.xml`, `word/styles.xml`, `word/numbering.xml`; .odt: `content.xml`; OFD: each
/// page): 50 MB. Larger parts are refused.
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
    /// A Word 97–2003 .doc file.
    Doc,
    /// A WPS .wps file (the same compound file as a .doc; told apart by its name).
    Wps,
    /// An OpenDocument text file (.odt).
    Odt,
    /// An RTF file.
    Rtf,
    /// A PDF with a text layer.
    Pdf,
    /// A web page saved as one file (.mht, .mhtml).
    Mht,
    /// An OFD file (GB/T 33190).
    Ofd,
}

impl InputFormat {
    /// `text`, `markdown`, `html`, `docx`, `doc`, `wps`, `odt`, `rtf`, `pdf`, `mht` or `ofd`: the
    /// name it serializes as.
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Markdown => "markdown",
            InputFormat::Html => "html",
            InputFormat::Docx => "docx",
            InputFormat::Doc => "doc",
            InputFormat::Wps => "wps",
            InputFormat::Odt => "odt",
            InputFormat::Rtf => "rtf",
            InputFormat::Pdf => "pdf",
            InputFormat::Mht => "mht",
            InputFormat::Ofd => "ofd",
        }
    }
}

/// A report's text, taken out of the file it came in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// The text: as decoded for plain text and Markdown; one paragraph a line for the other forms.
    pub text: String,
    /// The form the file was found to be.
    pub format: InputFormat,
    /// For text, Markdown, HTML and .mht, the encoding the bytes were decoded from (as
    /// [`Decoded::encoding`](crate::Decoded::encoding) names it, or the page's charset); `None` for
    /// the other forms, whose text is stored as Unicode or in the code pages the file names.
    pub encoding: Option<&'static str>,
    /// For PDF and OFD, and for a .docx that records page breaks (Word's `lastRenderedPageBreak`,
    /// else explicit page breaks), where each page's text starts in `text`: (byte offset, 1-based
    /// page number as the file counts its pages), in order; pages without text are not listed.
    /// Empty for other forms. See [`page_at`](Extracted::page_at).
    pub page_starts: Vec<(usize, usize)>,
}

impl Extracted {
    fn new(text: String, format: InputFormat, encoding: Option<&'static str>) -> Extracted {
        Extracted {
            text,
            format,
            encoding,
            page_starts: Vec::new(),
        }
    }

    /// The page (1-based) the byte `offset` of [`text`](Extracted::text) is on, for PDF, OFD and a
    /// .docx that records page breaks; `None` otherwise.
    ///
    /// ```
    /// use fazhi_check::read::extract::{Extracted, InputFormat};
    ///
    /// let e = Extracted {
    ///     text: "第一页的段落，延续到第二页。\n第二页".into(),
    ///     format: InputFormat::Pdf,
    ///     encoding: None,
    ///     page_starts: vec![(0, 1), (30, 2)],
    /// };
    /// assert_eq!((e.page_at(0), e.page_at(29), e.page_at(30)), (Some(1), Some(1), Some(2)));
    /// ```
    pub fn page_at(&self, offset: usize) -> Option<usize> {
        let after = self
            .page_starts
            .partition_point(|&(start, _)| start <= offset);
        self.page_starts
            .get(after.checked_sub(1)?)
            .map(|&(_, page)| page)
    }
}

/// What a file name says about the form, used only where the content does not settle it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NameHint {
    Text,
    Markdown,
    Html,
    Docx,
    Wps,
    Mht,
}

impl NameHint {
    fn of(file_name: &str) -> Option<NameHint> {
        let (_, ext) = file_name.rsplit_once('.')?;
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(NameHint::Text),
            "md" | "markdown" => Some(NameHint::Markdown),
            "html" | "htm" | "xhtml" | "shtml" => Some(NameHint::Html),
            "docx" => Some(NameHint::Docx),
            "wps" => Some(NameHint::Wps),
            "mht" | "mhtml" => Some(NameHint::Mht),
            _ => None,
        }
    }
}

/// Turns a file's bytes into report text.
///
/// `file_name` is only a hint: the form is detected by content first (a ZIP holding
/// `word/document.xml` is a .docx, one holding `content.xml` an .odt, one holding `OFD.xml` an OFD;
/// `%PDF-` a PDF; an OLE compound file with a `WordDocument` stream a .doc or .wps; `{\rtf` an RTF
/// file; MIME headers naming `multipart/related` a saved .mht page; text that starts with
/// `<!DOCTYPE html` or `<html`, or holds `<body>` or `<p>` tags, is HTML), and the extension decides
/// only between forms the content leaves open (`.html`, `.md`, `.txt`; `.wps` against `.doc`). See the
/// [module documentation](self) for how each form is read.
///
/// # Errors
///
/// [`Error::NotText`], with a reason in Chinese naming the form found and what to do, for: an empty
/// file or one with no text (空文件); a PDF without a text layer (a scan: 扫描件，没有文字层); an
/// encrypted PDF or Word file; images, archives, spreadsheets and presentations; Word 6/95 files;
/// damaged files of any form; a part or stream above its size limit ([`MAX_DOCX_PART_BYTES`],
/// [`MAX_PDF_STREAM_BYTES`], [`MAX_DOC_STREAM_BYTES`]), more pages than [`MAX_PDF_PAGES`], RTF nested
/// deeper than [`MAX_RTF_DEPTH`]; and text that [`decode`](crate::decode()) refuses.
///
/// Text of more than [`MAX_LINES`] lines is refused too ([`Error::NotText`]): the checker keeps a
/// few dozen bytes for every line, so 50 MiB of empty lines would take gigabytes.
pub fn extract(bytes: &[u8], file_name: Option<&str>) -> Result<Extracted> {
    let extracted = extract_any(bytes, file_name)?;
    within_lines(&extracted.text)?;
    Ok(extracted)
}

/// Refuses text of more than [`MAX_LINES`] lines.
pub(crate) fn within_lines(text: &str) -> Result<()> {
    let lines = line_count(text);
    if lines > MAX_LINES {
        return Err(not_text(format!(
            "共{lines}行，超过报告可有的{MAX_LINES}行（一份报告通常只有几千行）：请检查文件是否完整、是否为报告"
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

/// The text of any form, or the reason it cannot be read (empty, no text, a form refused).
fn extract_any(bytes: &[u8], file_name: Option<&str>) -> Result<Extracted> {
    let hint = file_name.and_then(NameHint::of);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(not_text(if bytes.is_empty() {
            "空文件（0 字节）：文件中没有内容，请重新提交报告"
        } else {
            "空文件：文件中只有空白，没有文字，请重新提交报告"
        }));
    }
    let extracted = extract_form(bytes, hint)?;
    if extracted.text.trim().is_empty() {
        return Err(not_text(format!(
            "{}文件中没有文字（可能只有图片或扫描页）：请提供可复制文字的版本",
            form_name(extracted.format)
        )));
    }
    Ok(extracted)
}

fn form_name(format: InputFormat) -> &'static str {
    match format {
        InputFormat::Text | InputFormat::Markdown => "文本",
        InputFormat::Html => "网页",
        InputFormat::Docx | InputFormat::Doc => "Word ",
        InputFormat::Wps => "WPS ",
        InputFormat::Odt => "OpenDocument ",
        InputFormat::Rtf => "RTF ",
        InputFormat::Pdf => "PDF ",
        InputFormat::Mht => "单文件网页",
        InputFormat::Ofd => "OFD ",
    }
}

fn extract_form(bytes: &[u8], hint: Option<NameHint>) -> Result<Extracted> {
    if docx::is_zip(bytes) {
        return zip_form(bytes);
    }
    if pdf::is_pdf(bytes) {
        let (text, page_starts) = pdf::extract(bytes)?;
        return Ok(Extracted {
            page_starts,
            ..Extracted::new(text, InputFormat::Pdf, None)
        });
    }
    if doc::is_ole(bytes) {
        let text = doc::extract(bytes)?;
        let format = if hint == Some(NameHint::Wps) {
            InputFormat::Wps
        } else {
            InputFormat::Doc
        };
        return Ok(Extracted::new(text, format, None));
    }
    if rtf::is_rtf(bytes) {
        return Ok(Extracted::new(rtf::extract(bytes)?, InputFormat::Rtf, None));
    }
    if mht::looks_like_mht(bytes, hint == Some(NameHint::Mht)) {
        let (page, charset) = match mht::html(bytes)? {
            mht::Page::Decoded(page, charset) => (page, charset),
            mht::Page::Bytes(page) => match html::decode_declared(&page) {
                Some(declared) => declared,
                None => {
                    let decoded = decode(&page)?;
                    (decoded.text, decoded.encoding)
                }
            },
        };
        return Ok(Extracted::new(
            html::to_text(&page),
            InputFormat::Mht,
            Some(charset),
        ));
    }
    if let Some(kind) = binary_signature(bytes) {
        return Err(not_text(kind));
    }
    let weak_html_allowed = !matches!(hint, Some(NameHint::Text | NameHint::Markdown));
    if let Some((text, encoding)) = html::decode_declared(bytes)
        && (html::looks_like_html(&text, weak_html_allowed) || hint == Some(NameHint::Html))
    {
        return Ok(Extracted::new(
            html::to_text(&text),
            InputFormat::Html,
            Some(encoding),
        ));
    }
    let decoded = decode(bytes).map_err(|e| match hint {
        // WPS 2000 and older saved .wps in a format of their own, neither OLE nor text.
        Some(NameHint::Wps) => not_text(
            "旧版（WPS 2000 或更早）的 .wps 文件，无法读取：请用 WPS 打开后另存为 .docx 再提交",
        ),
        _ => e,
    })?;
    let format = if html::looks_like_html(&decoded.text, weak_html_allowed) {
        InputFormat::Html
    } else {
        match hint {
            Some(NameHint::Html) => InputFormat::Html,
            Some(NameHint::Markdown) => InputFormat::Markdown,
            // A file named .docx (or .wps, .mht) that decodes as text is read as the text it is.
            Some(NameHint::Text | NameHint::Docx | NameHint::Wps | NameHint::Mht) | None => {
                InputFormat::Text
            }
        }
    };
    let text = if format == InputFormat::Html {
        html::to_text(&decoded.text)
    } else {
        decoded.text
    };
    Ok(Extracted::new(text, format, Some(decoded.encoding)))
}

/// A ZIP: a .docx, an .odt or an OFD file by what it holds; anything else is refused naming what
/// it seems to be.
fn zip_form(bytes: &[u8]) -> Result<Extracted> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        not_text(
            "ZIP 文件已损坏：若是 Word .docx 文件，请用 Word 或 WPS 打开后重新保存再提交"
                .to_string(),
        )
    })?;
    if archive.index_for_name(docx::DOCUMENT).is_some() {
        let (text, page_starts) = docx::extract(&mut archive)?;
        return Ok(Extracted {
            page_starts,
            ..Extracted::new(text, InputFormat::Docx, None)
        });
    }
    if odf::is_odt(&mut archive) {
        return Ok(Extracted::new(
            odf::odt(&mut archive)?,
            InputFormat::Odt,
            None,
        ));
    }
    if odf::is_ofd(&archive) {
        let pages = odf::ofd(&mut archive)?
            .into_iter()
            .enumerate()
            .map(|(n, codes)| ofd_page(n + 1, codes))
            .collect();
        let (text, page_starts) = pdf::laid_out_text(pages);
        return Ok(Extracted {
            page_starts,
            ..Extracted::new(text, InputFormat::Ofd, None)
        });
    }
    Err(docx::not_a_docx(&archive))
}

/// An OFD page's text codes as lines: codes on one baseline (within a fifth of the font size) in
/// reading order make one line.
fn ofd_page(page: usize, mut codes: Vec<odf::Code>) -> pdf::Page {
    codes.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.total_cmp(&b.0)));
    let mut lines: Vec<pdf::Line> = Vec::new();
    for (x, y, size, text) in codes {
        let width = text.chars().count() as f64 * size;
        match lines.last_mut() {
            Some(line) if (line.y - y).abs() <= size * 0.2 => {
                line.text.push_str(&text);
                line.right = line.right.max(x + width);
            }
            _ => lines.push(pdf::Line {
                text,
                y,
                left: x,
                right: x + width,
                size,
                page,
            }),
        }
    }
    // OFD pages are A4 (297 mm) unless they say otherwise; the height only places headers and
    // footers, within a tenth of the page.
    pdf::Page {
        height: 297.0,
        lines,
    }
}

/// The refusal for a file found in a folder whose name gives no report form the checker reads
/// (`scan.png`, `附件.zip`, `统计表.xls`, `notes.toml`): the kind named from the content where it is
/// known (an image, an archive, an empty file), and what to do.
///
/// ```
/// use fazhi_check::read::extract::refuse_other_kind;
///
/// let err = refuse_other_kind(b"\x89PNG\r\n\x1a\n", "收件/扫描.png");
/// assert!(err.to_string().contains("图片"));
/// let err = refuse_other_kind(b"a = 1", "收件/notes.toml");
/// assert!(err.to_string().contains("不是报告文件的格式"));
/// ```
pub fn refuse_other_kind(bytes: &[u8], file_name: &str) -> Error {
    if bytes.is_empty() {
        return not_text("空文件（0 字节）：文件中没有内容，请重新提交报告");
    }
    let ext = std::path::Path::new(file_name)
        .extension()
        .map(|e| format!("（.{}）", e.to_string_lossy()))
        .unwrap_or_default();
    // A container the readers know (a ZIP, an OLE file, a PDF, RTF) is named by its reader: an
    // Excel .xls or .xlsx as a spreadsheet, a report saved under a wrong extension as what it is.
    if docx::is_zip(bytes) || doc::is_ole(bytes) || pdf::is_pdf(bytes) || rtf::is_rtf(bytes) {
        return match extract_form(bytes, None) {
            Err(e) => e,
            Ok(e) => not_text(format!(
                "文件内容是 .{0} 格式的报告，扩展名{ext}却不是：请把扩展名改为 .{0} 后再提交",
                e.format.as_str()
            )),
        };
    }
    if let Some(kind) = binary_signature(bytes) {
        return not_text(kind);
    }
    not_text(format!(
        "不是报告文件的格式{ext}：请提交 Word（.docx、.doc）、WPS（.wps）、PDF、OFD、.odt、.rtf、网页或 .txt 格式的报告"
    ))
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
    fn damaged_and_binary_forms_are_refused_with_chinese_reasons() {
        for (bytes, needle) in [
            (
                &b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"[..],
                "Word/WPS 文件已损坏",
            ),
            (b"%PDF-1.7\n", "PDF 文件已损坏"),
            (b"\x89PNG\r\n\x1a\n", "PNG 图片"),
            (b"BM\x36\x00\x00\x00\x00\x00\x00\x00", "BMP 图片"),
            (b"Rar!\x1a\x07", "RAR 压缩包"),
            (b"", "空文件"),
            (b" \r\n\t", "空文件"),
            (
                b"<!DOCTYPE html><html><body><img src=a.png></body></html>",
                "网页文件中没有文字",
            ),
        ] {
            let err = extract(bytes, None).unwrap_err().to_string();
            assert!(err.contains(needle), "{err}");
        }
    }

    #[test]
    fn an_old_wps_file_is_named() {
        let err = extract(b"\x00\x01\x02WPS2000\x00\x00\xff", Some("报告.wps")).unwrap_err();
        assert!(err.to_string().contains("旧版"), "{err}");
    }

    #[test]
    fn text_starting_with_bm_is_text() {
        let e = extract("BMW 2023年工作报告".as_bytes(), None).unwrap();
        assert_eq!(e.format, InputFormat::Text);
    }

    #[test]
    fn other_kinds_are_named() {
        let pdf = refuse_other_kind(b"%PDF-1.4 damaged", "a.bin").to_string();
        assert!(pdf.contains("PDF 文件已损坏"), "{pdf}");
        let rtf = refuse_other_kind(b"{\\rtf1 \\'b7\\'a8}", "a.bak").to_string();
        assert!(
            rtf.contains("文件内容是 .rtf 格式的报告，扩展名（.bak）却不是"),
            "{rtf}"
        );
        let zip = refuse_other_kind(b"PK\x03\x04", "a.zip").to_string();
        assert!(zip.contains("ZIP"), "{zip}");
        let empty = refuse_other_kind(b"", "a.xyz").to_string();
        assert!(empty.contains("空文件"), "{empty}");
        let other = refuse_other_kind(b"x = 1", "a.toml").to_string();
        assert!(other.contains("（.toml）"), "{other}");
    }

    #[test]
    fn input_format_names() {
        for f in [
            InputFormat::Text,
            InputFormat::Markdown,
            InputFormat::Html,
            InputFormat::Docx,
            InputFormat::Doc,
            InputFormat::Wps,
            InputFormat::Odt,
            InputFormat::Rtf,
            InputFormat::Pdf,
            InputFormat::Mht,
            InputFormat::Ofd,
        ] {
            assert_eq!(
                serde_json::to_string(&f).unwrap(),
                format!("\"{}\"", f.as_str())
            );
        }
    }
}

//! PDF with a text layer: each page's characters laid out by `pdf-extract` (on `lopdf`), gathered
//! into lines by their position, page headers, footers and page numbers dropped, and lines the page
//! wrapped joined back into paragraphs. See the module documentation of `extract`.

use std::io::Read;

use pdf_extract::{Document, MediaBox, Object, OutputDev, OutputError, Transform};

use super::not_text;
use crate::error::Result;

/// The most pages read from one PDF.
pub const MAX_PDF_PAGES: usize = 5_000;

/// The most bytes one compressed stream of a PDF may unpack to (50 MB), and ten times that for all of
/// them together; past either the file is refused as damaged or a bomb.
pub const MAX_PDF_STREAM_BYTES: u64 = 50 * 1024 * 1024;

/// Fewer visible characters than this in the whole file: no text layer, a scan.
const MIN_TEXT_CHARS: usize = 20;

/// The reason a PDF without a text layer is refused.
pub(super) const SCAN: &str = "PDF 扫描件，没有文字层，请提供可复制文字的版本（由 Word 或 WPS 导出的 PDF，或 .docx、.txt 文件）";

/// Whether the bytes are a PDF: `%PDF-` within the first kilobyte (some writers put junk before it).
pub(super) fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    memchr::memmem::find(head, b"%PDF-").is_some()
}

/// One line of a page as laid out: its text, baseline (from the top of the page), left and right
/// ends and the size of its characters.
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub(super) text: String,
    pub(super) y: f64,
    pub(super) left: f64,
    pub(super) right: f64,
    pub(super) size: f64,
    pub(super) page: usize,
}

/// A page's lines and its height, in the units of its positions.
#[derive(Default)]
pub(super) struct Page {
    pub(super) height: f64,
    pub(super) lines: Vec<Line>,
}

/// Gathers the characters `pdf-extract` lays out into lines.
#[derive(Default)]
struct Collect {
    pages: Vec<Page>,
    flip: f64,
    chars: usize,
}

impl OutputDev for Collect {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> std::result::Result<(), OutputError> {
        if self.pages.len() >= MAX_PDF_PAGES {
            return Err(OutputError::IoError(std::io::Error::other(
                "too many pages",
            )));
        }
        self.flip = media_box.ury;
        self.pages.push(Page {
            height: (media_box.ury - media_box.lly).abs(),
            lines: Vec::new(),
        });
        Ok(())
    }

    fn end_page(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> std::result::Result<(), OutputError> {
        self.chars += 1;
        if self.chars > 50_000_000 {
            return Err(OutputError::IoError(std::io::Error::other("too much text")));
        }
        let (vx, vy) = (
            font_size * (trm.m11 + trm.m21),
            font_size * (trm.m12 + trm.m22),
        );
        let size = (vx * vy).abs().sqrt().max(1.0);
        let (x, y) = (trm.m31, self.flip - trm.m32);
        let end = x + width * size;
        let page = self.pages.len();
        let blank = text.chars().all(char::is_whitespace);
        let Some(p) = self.pages.last_mut() else {
            return Ok(());
        };
        if let Some(current) = p.lines.last_mut() {
            let same_line =
                (y - current.y).abs() <= current.size.max(size) * 0.5 && x >= current.left - size;
            if same_line {
                let last = current.text.chars().last().unwrap_or(' ');
                if blank {
                    // A space starts no line and moves no edge: an indent of U+3000 is an indent.
                    if last != ' ' && !is_wide(last) {
                        current.text.push(' ');
                    }
                    return Ok(());
                }
                let first = text.chars().next().unwrap_or(' ');
                if x - current.right > size * 0.5
                    && !(is_wide(last) && is_wide(first))
                    && last != ' '
                {
                    current.text.push(' ');
                }
                current.text.push_str(text);
                current.right = current.right.max(end);
                current.size = current.size.max(size);
                return Ok(());
            }
        }
        if !blank {
            p.lines.push(Line {
                text: text.to_string(),
                y,
                left: x,
                right: end,
                size,
                page,
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> std::result::Result<(), OutputError> {
        Ok(())
    }
}

/// Characters that are set without spaces between them: Han, CJK punctuation, full-width forms.
fn is_wide(c: char) -> bool {
    matches!(c, '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
}

/// The text of a PDF and where each page's text starts in it (byte offset, 1-based page number).
/// A panic in `lopdf` or `pdf-extract` (both still have code paths that panic on malformed fonts
/// and content streams) is caught and refused like a damaged file, so that one bad file never
/// stops a batch.
pub(super) fn extract(bytes: &[u8]) -> Result<(String, Vec<(usize, usize)>)> {
    std::panic::catch_unwind(|| read(bytes)).unwrap_or_else(|_| {
        Err(not_text(
            "PDF 文件的内容无法解析（文件损坏或使用了不支持的字体编码）：请重新导出 PDF，或提供 .docx、.txt 文件",
        ))
    })
}

fn read(bytes: &[u8]) -> Result<(String, Vec<(usize, usize)>)> {
    let mut doc = Document::load_mem(bytes).map_err(|e| {
        if matches!(
            e,
            pdf_extract::Error::Decryption(_) | pdf_extract::Error::InvalidPassword
        ) {
            not_text(encrypted())
        } else {
            not_text(
                "PDF 文件已损坏，无法读取：请重新导出 PDF，或提供 .docx、.txt 文件".to_string(),
            )
        }
    })?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(not_text(encrypted()));
    }
    let pages = doc.get_pages().len();
    if pages > MAX_PDF_PAGES {
        return Err(not_text(format!(
            "PDF 有 {pages} 页，超过 {MAX_PDF_PAGES} 页的上限：请只提交报告本身"
        )));
    }
    check_streams(&doc)?;
    let mut collect = Collect::default();
    pdf_extract::output_doc(&doc, &mut collect).map_err(|_| {
        not_text("PDF 文件无法读取：请重新导出 PDF，或提供 .docx、.txt 文件".to_string())
    })?;
    let visible: usize = collect
        .pages
        .iter()
        .flat_map(|p| &p.lines)
        .map(|l| l.text.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    if visible < MIN_TEXT_CHARS {
        return Err(not_text(SCAN));
    }
    Ok(laid_out_text(collect.pages))
}

/// The text of laid-out pages (from a PDF or an OFD file): page furniture dropped, wrapped lines
/// joined, and where each page's text starts.
pub(super) fn laid_out_text(pages: Vec<Page>) -> (String, Vec<(usize, usize)>) {
    paragraphs(drop_page_furniture(pages))
}

fn encrypted() -> String {
    "PDF 文件已加密，需要密码才能打开：请提供未加密的版本，或 .docx、.txt 文件".to_string()
}

/// Unpacks every Flate-compressed stream within [`MAX_PDF_STREAM_BYTES`] before any is read for
/// text: `lopdf` unpacks a stream whole, so a bomb is refused here first.
fn check_streams(doc: &Document) -> Result<()> {
    let mut total = 0u64;
    for object in doc.objects.values() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let flate = match stream.dict.get(b"Filter") {
            Ok(Object::Name(name)) => name == b"FlateDecode",
            Ok(Object::Array(filters)) => filters
                .first()
                .is_some_and(|f| matches!(f, Object::Name(n) if n == b"FlateDecode")),
            _ => false,
        };
        if !flate {
            continue;
        }
        let mut sink = std::io::sink();
        let unpacked = std::io::copy(
            &mut flate2::read::ZlibDecoder::new(&stream.content[..]).take(MAX_PDF_STREAM_BYTES + 1),
            &mut sink,
        )
        .unwrap_or(0);
        total += unpacked;
        if unpacked > MAX_PDF_STREAM_BYTES || total > 10 * MAX_PDF_STREAM_BYTES {
            return Err(not_text(format!(
                "PDF 文件中的压缩数据解压后超过 {} MB 的上限：文件已损坏或是压缩炸弹，请重新导出 PDF，或提供 .docx、.txt 文件",
                MAX_PDF_STREAM_BYTES / 1024 / 1024
            )));
        }
    }
    Ok(())
}

/// Whether a line is a page number: `3`, `- 3 -`, `— 3 —`, `第3页`, `第 3 页 共 10 页`, `3 / 10`,
/// `Page 3`.
fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let core = t.trim_matches(|c: char| {
        matches!(c, '-' | '—' | '–' | '－' | '·' | '(' | ')' | '（' | '）')
    });
    let core = core.strip_prefix("Page").unwrap_or(core);
    let core = core.strip_prefix('第').unwrap_or(core);
    let digits_and = |s: &str, allowed: &[char]| {
        !s.is_empty()
            && s.chars().any(|c| c.is_ascii_digit())
            && s.chars()
                .all(|c| c.is_ascii_digit() || allowed.contains(&c))
    };
    digits_and(core, &['页', '共', '第', '/', '／'])
}

/// Text with its digits masked, so that `第 3 页` on every page compares equal.
fn masked(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Drops page numbers and running headers and footers: lines in the top or bottom tenth of a page
/// that are a page number, or whose text (digits aside) comes back at the top or bottom of at least
/// two pages and at least half of them.
fn drop_page_furniture(pages: Vec<Page>) -> Vec<Line> {
    let in_margin = |page: &Page, line: &Line| {
        let h = if page.height > 0.0 {
            page.height
        } else {
            842.0
        };
        line.y < h * 0.1 || line.y > h * 0.9
    };
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for page in &pages {
        let mut seen = std::collections::HashSet::new();
        for line in page.lines.iter().filter(|l| in_margin(page, l)) {
            if seen.insert(masked(&line.text)) {
                *counts.entry(masked(&line.text)).or_default() += 1;
            }
        }
    }
    // A line at the top of one page only (a title in a narrow margin) is no running header, even in
    // a two-page file.
    let repeats = |line: &Line| {
        let count = counts.get(&masked(&line.text)).copied().unwrap_or(0);
        count >= 2 && count * 2 >= pages.len()
    };
    let mut kept = Vec::new();
    for page in &pages {
        for line in &page.lines {
            if line.text.trim().is_empty()
                || (in_margin(page, line) && (is_page_number(&line.text) || repeats(line)))
            {
                continue;
            }
            kept.push(line.clone());
        }
    }
    kept
}

/// Joins lines the page wrapped: a line that runs to the right edge of the text, followed by one
/// that starts at its left edge (not indented, as a Chinese paragraph's first line is) and comes
/// right below it or at the top of the next page, continues the same paragraph. Gives the text and
/// where each page's text starts in it (byte offset, page number).
fn paragraphs(lines: Vec<Line>) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut pages: Vec<(usize, usize)> = Vec::new();
    if lines.is_empty() {
        return (text, pages);
    }
    let mut lefts: Vec<f64> = lines.iter().map(|l| l.left).collect();
    lefts.sort_by(f64::total_cmp);
    let mut rights: Vec<f64> = lines.iter().map(|l| l.right).collect();
    rights.sort_by(f64::total_cmp);
    // The text block's edges: the left edge most lines start at or after, the right edge the longest
    // lines reach (a few lines set wider, a stamp, a table, do not move them).
    let left = lefts[lefts.len() / 20];
    let right = rights[rights.len() - 1 - rights.len() / 20];
    let mut previous: Option<&Line> = None;
    for line in &lines {
        let t = line.text.trim();
        if let Some(p) = previous {
            let full = p.right >= right - p.size * 1.5;
            let flush = (line.left - left).abs() < line.size * 0.8;
            let below =
                line.page != p.page || (line.y > p.y && line.y - p.y < p.size.max(line.size) * 2.2);
            if full && flush && below && !starts_item(t) {
                let last = text.chars().last().unwrap_or(' ');
                let first = t.chars().next().unwrap_or(' ');
                // Words of Latin letters wrapped at a space get it back; a number wrapped
                // mid-way (Chinese text breaks anywhere) is joined as it was.
                if last.is_ascii_alphabetic() && first.is_ascii_alphabetic() {
                    text.push(' ');
                }
                if line.page != p.page {
                    pages.push((text.len(), line.page));
                }
                text.push_str(t);
                previous = Some(line);
                continue;
            }
            text.push('\n');
        }
        if pages.last().is_none_or(|&(_, page)| page != line.page) {
            pages.push((text.len(), line.page));
        }
        text.push_str(t);
        previous = Some(line);
    }
    (text, pages)
}

/// Whether a line starts a heading or list item (`一、`, `（二）`, `3.`), which never continues the
/// line above.
fn starts_item(text: &str) -> bool {
    crate::text::numbering::heading_number(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, y: f64, left: f64, right: f64, page: usize) -> Line {
        Line {
            text: text.into(),
            y,
            left,
            right,
            size: 16.0,
            page,
        }
    }

    #[test]
    fn page_numbers() {
        for n in [
            "3",
            "- 3 -",
            "— 12 —",
            "第3页",
            "第 3 页 共 10 页",
            "3 / 10",
            "Page 7",
        ] {
            assert!(is_page_number(n), "{n}");
        }
        for t in ["2023年", "一、加强组织领导", "第三部分", ""] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn wrapped_lines_join_and_indented_ones_do_not() {
        let lines = vec![
            line("一、加强组织领导", 100.0, 90.0, 220.0, 1),
            line("镇党委书记履行法治建设第一责任人职", 130.0, 122.0, 506.0, 1),
            line("责，成立领导小组。", 160.0, 90.0, 250.0, 1),
            line("全年召开专题会议四次，研究部署法治", 190.0, 122.0, 506.0, 1),
            line("政府建设工作。", 60.0, 90.0, 200.0, 2),
        ];
        let (text, pages) = paragraphs(lines);
        assert_eq!(
            text,
            "一、加强组织领导\n镇党委书记履行法治建设第一责任人职责，成立领导小组。\n全年召开专题会议四次，研究部署法治政府建设工作。"
        );
        assert_eq!(pages, [(0, 1), (text.find("政府建设工作").unwrap(), 2)]);
    }

    #[test]
    fn running_headers_and_page_numbers_are_dropped() {
        let page = |n: usize| Page {
            height: 842.0,
            lines: vec![
                line("青石镇人民政府", 40.0, 90.0, 300.0, n),
                line(&format!("正文第{n}页的内容"), 300.0, 90.0, 300.0, n),
                line(&format!("- {n} -"), 800.0, 280.0, 310.0, n),
            ],
        };
        let kept = drop_page_furniture(vec![page(1), page(2), page(3)]);
        let texts: Vec<_> = kept.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            ["正文第1页的内容", "正文第2页的内容", "正文第3页的内容"]
        );
    }
}

//! Word .docx files: `word/document.xml` read as a stream, one paragraph a line, with the numbers Word
//! shows (or a heading's level implies) made visible. See the [module documentation](super#word-docx).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;
use quick_xml::reader::Reader;
use zip::ZipArchive;
use zip::result::ZipError;

use super::{MAX_DOCX_PART_BYTES, not_text};
use crate::error::{Error, Result};
use crate::read::normalize::fold_str;
use crate::text::numbering::heading_number;

pub(super) const DOCUMENT: &str = "word/document.xml";
const STYLES: &str = "word/styles.xml";
const NUMBERING: &str = "word/numbering.xml";

/// Whether the bytes start like a ZIP archive: a local file header, or the end record of an empty
/// archive.
pub(super) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// The text of a .docx file, given as the ZIP archive it is, and where each page's text starts in
/// it (byte offset, page) where the file records page breaks.
pub(super) fn extract(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
) -> Result<(String, Vec<(usize, usize)>)> {
    let Some(document) = read_part(archive, DOCUMENT)? else {
        return Err(not_a_docx(archive));
    };
    // Styles and numbering only add heading numbers: a damaged or oversized one is ignored.
    let styles = read_part(archive, STYLES)
        .ok()
        .flatten()
        .and_then(|xml| Styles::parse(&xml).ok())
        .unwrap_or_default();
    let numbering = read_part(archive, NUMBERING)
        .ok()
        .flatten()
        .and_then(|xml| Numbering::parse(&xml).ok())
        .unwrap_or_default();
    let (lines, line_pages) = paragraphs(&document, &styles, &numbering).map_err(|(_e, at)| {
        not_text(format!(
            "Word 文件已损坏：{DOCUMENT} 不是格式正确的 XML（第 {at} 字节）：请用 Word 或 WPS 打开后重新保存再提交"
        ))
    })?;
    let mut text = String::new();
    let mut page_starts: Vec<(usize, usize)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        if let Some(&page) = line_pages.get(i)
            && page_starts.last().is_none_or(|&(_, p)| p != page)
        {
            page_starts.push((text.len(), page));
        }
        text.push_str(line);
    }
    Ok((text, page_starts))
}

/// Reads one part of a ZIP-based file (.docx, .odt, OFD) as text, refusing parts larger than
/// [`MAX_DOCX_PART_BYTES`] however small the archive says they are.
pub(super) fn read_part(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>> {
    let mut file = match archive.by_name(name) {
        Ok(file) => file,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(_) => {
            return Err(not_text(format!(
                "文件已损坏：其中的 {name} 无法读取：请重新保存或另存为 .docx 再提交"
            )));
        }
    };
    let too_large = |size: u64| {
        not_text(format!(
            "文件中的 {name} 解压后有 {size} 字节，超过 {MAX_DOCX_PART_BYTES} 字节的上限：\
             文件已损坏或是压缩炸弹（ZIP bomb），请重新保存后提交，或提供 .txt 文件"
        ))
    };
    if file.size() > MAX_DOCX_PART_BYTES {
        return Err(too_large(file.size()));
    }
    let mut buf = Vec::with_capacity(file.size().min(1 << 20) as usize);
    file.by_ref()
        .take(MAX_DOCX_PART_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|_| {
            not_text(format!(
                "文件已损坏：其中的 {name} 无法读取：请重新保存或另存为 .docx 再提交"
            ))
        })?;
    if buf.len() as u64 > MAX_DOCX_PART_BYTES {
        return Err(too_large(buf.len() as u64));
    }
    // XML parts are UTF-8, or UTF-16 with a byte-order mark; anything undecodable becomes U+FFFD.
    let (text, _, _) = encoding_rs::UTF_8.decode(&buf);
    Ok(Some(text.into_owned()))
}

/// The reason a ZIP that is no .docx, .odt or OFD file is refused, naming what it seems to be.
pub(super) fn not_a_docx(archive: &ZipArchive<Cursor<&[u8]>>) -> Error {
    let has = |name: &str| archive.index_for_name(name).is_some();
    let reason = if has("xl/workbook.xml") {
        "Excel .xlsx 表格，不是报告文档：请提交 Word、WPS 文字或 PDF 格式的报告".to_string()
    } else if has("ppt/presentation.xml") {
        "PowerPoint .pptx 演示文稿，不是报告文档：请提交 Word、WPS 文字或 PDF 格式的报告"
            .to_string()
    } else if has("content.xml") && has("mimetype") {
        "OpenDocument 文件，但不是文字文档（可能是表格或演示文稿）：请提交 Word、WPS 文字或 PDF 格式的报告"
            .to_string()
    } else if has("[Content_Types].xml") {
        format!(
            "Office 文件，但没有 {DOCUMENT}：不是 Word 文档，或文件已损坏；请用 Word 或 WPS 打开后另存为 .docx 再提交"
        )
    } else {
        format!(
            "ZIP 压缩包，不是 Word .docx 文件（其中没有 {DOCUMENT}）：请解压后逐个提交其中的报告"
        )
    };
    not_text(reason)
}

/// The local name of a WordprocessingML element or attribute: prefix `w`, or none.
fn word_name(name: QName<'_>) -> Option<&str> {
    let (local, prefix) = name.decompose();
    match prefix {
        None => Some(local.into_inner()),
        Some(p) if p.into_inner() == "w" => Some(local.into_inner()),
        Some(_) => None,
    }
}

/// The value of a WordprocessingML attribute (`w:val`, `w:styleId`…).
fn attr(element: &BytesStart<'_>, local: &str) -> Option<String> {
    element
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|a| word_name(a.key) == Some(local))
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Subtrees whose text is not the document's: the fallback copy of alternate content (the text box is
/// read from its first choice), tracked deletions and moves away, old properties of tracked changes,
/// field codes.
fn is_skipped(name: QName<'_>) -> bool {
    let (local, prefix) = name.decompose();
    let local = local.into_inner();
    if local == "Fallback" {
        return true;
    }
    prefix.is_none_or(|p| p.into_inner() == "w")
        && matches!(
            local,
            "del" | "moveFrom" | "pPrChange" | "rPrChange" | "instrText" | "delText"
        )
}

/// A paragraph being read.
#[derive(Default)]
struct Paragraph {
    lines: Vec<String>,
    current: String,
    style: Option<String>,
    num_id: Option<String>,
    level: Option<u8>,
    in_properties: bool,
    /// Page breaks met in the paragraph: Word's record of where its last layout began a page
    /// (`w:lastRenderedPageBreak`) and explicit ones (`w:br w:type="page"`), before and after its
    /// first text.
    breaks: PageBreaks,
}

/// Page breaks counted two ways, before a paragraph's text and after it started.
#[derive(Debug, Default, Clone, Copy)]
struct PageBreaks {
    rendered_before: usize,
    explicit_before: usize,
    rendered_after: usize,
    explicit_after: usize,
}

/// The page each line is on, counted both ways; which is used is decided at the end.
#[derive(Debug, Default)]
struct Pages {
    rendered: usize,
    explicit: usize,
    any_rendered: bool,
    any: bool,
    lines: Vec<(usize, usize)>,
}

impl Pages {
    /// Finishes a paragraph, noting the page of each line it gives.
    fn finish(&mut self, p: Paragraph, numberer: &mut Numberer<'_>, out: &mut Vec<String>) {
        let b = p.breaks;
        self.any_rendered |= b.rendered_before + b.rendered_after > 0;
        self.any |= b.rendered_before + b.rendered_after + b.explicit_before + b.explicit_after > 0;
        self.rendered += b.rendered_before;
        self.explicit += b.explicit_before;
        let before = out.len();
        numberer.finish(p, out);
        for _ in before..out.len() {
            self.lines.push((self.rendered + 1, self.explicit + 1));
        }
        self.rendered += b.rendered_after;
        self.explicit += b.explicit_after;
    }

    /// The page of each line: by Word's last layout where the file records it, else by explicit
    /// page breaks; none when the file has neither.
    fn of_lines(self) -> Vec<usize> {
        if !self.any {
            return Vec::new();
        }
        let rendered = self.any_rendered;
        self.lines
            .into_iter()
            .map(|(r, e)| if rendered { r } else { e })
            .collect()
    }
}

type XmlError = (quick_xml::Error, u64);

/// The document's lines: one a paragraph (more where it has line breaks), empty ones left out; and
/// the page each line starts on, where the file records page breaks (empty otherwise).
fn paragraphs(
    xml: &str,
    styles: &Styles,
    numbering: &Numbering,
) -> std::result::Result<(Vec<String>, Vec<usize>), XmlError> {
    let mut reader = Reader::from_str(xml);
    let mut numberer = Numberer::new(styles, numbering);
    let mut open: Vec<Paragraph> = Vec::new();
    let mut out = Vec::new();
    let mut pages = Pages::default();
    let mut skip = 0usize;
    let mut runs = 0usize;
    let mut in_text = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| (e, reader.error_position()))?;
        match event {
            Event::Start(e) => {
                if skip > 0 || is_skipped(e.name()) {
                    skip += 1;
                    continue;
                }
                match word_name(e.name()) {
                    Some("p") => open.push(Paragraph::default()),
                    Some("pPr") => {
                        if let Some(p) = open.last_mut() {
                            p.in_properties = true;
                        }
                    }
                    Some("r") => runs += 1,
                    Some("t") => in_text = runs > 0 && !open.is_empty(),
                    Some(name) => element(name, &e, open.last_mut(), runs),
                    None => {}
                }
            }
            Event::Empty(e) => {
                if skip > 0 || is_skipped(e.name()) {
                    continue;
                }
                match word_name(e.name()) {
                    // An empty paragraph still takes its number in a list.
                    Some("p") => pages.finish(Paragraph::default(), &mut numberer, &mut out),
                    Some(name) => element(name, &e, open.last_mut(), runs),
                    None => {}
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match word_name(e.name()) {
                    Some("p") => {
                        if let Some(p) = open.pop() {
                            pages.finish(p, &mut numberer, &mut out);
                        }
                    }
                    Some("pPr") => {
                        if let Some(p) = open.last_mut() {
                            p.in_properties = false;
                        }
                    }
                    Some("r") => runs = runs.saturating_sub(1),
                    Some("t") => in_text = false,
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 => {
                if let Some(p) = open.last_mut() {
                    p.current.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) if in_text && skip == 0 => {
                if let Some(p) = open.last_mut() {
                    p.current.push_str(&t);
                }
            }
            Event::GeneralRef(r) if in_text && skip == 0 => {
                if let Some(p) = open.last_mut() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => p.current.push(c),
                        Ok(None) => {
                            if let Some(s) = quick_xml::escape::resolve_predefined_entity(&r) {
                                p.current.push_str(s);
                            }
                        }
                        Err(_) => {}
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A document cut off mid-paragraph: keep what was read.
    while let Some(p) = open.pop() {
        pages.finish(p, &mut numberer, &mut out);
    }
    Ok((out, pages.of_lines()))
}

/// An element inside a paragraph, other than the paragraph, run and text elements themselves.
fn element(name: &str, e: &BytesStart<'_>, paragraph: Option<&mut Paragraph>, runs: usize) {
    let Some(p) = paragraph else { return };
    if p.in_properties {
        match name {
            "pStyle" => p.style = attr(e, "val"),
            "numId" => p.num_id = attr(e, "val"),
            "ilvl" => p.level = attr(e, "val").and_then(|v| v.trim().parse().ok()),
            _ => {}
        }
    } else if runs > 0 {
        let started = !p.current.trim().is_empty() || p.lines.iter().any(|l| !l.trim().is_empty());
        let b = &mut p.breaks;
        match name {
            "lastRenderedPageBreak" if started => b.rendered_after += 1,
            "lastRenderedPageBreak" => b.rendered_before += 1,
            "br" if attr(e, "type").as_deref() == Some("page") => {
                if started {
                    b.explicit_after += 1;
                } else {
                    b.explicit_before += 1;
                }
            }
            _ => {}
        }
        match name {
            "tab" | "ptab" => p.current.push(' '),
            "br" | "cr" => p.lines.push(std::mem::take(&mut p.current)),
            "noBreakHyphen" => p.current.push('-'),
            _ => {}
        }
    }
}

/// Paragraph styles: their heading level and numbering.
#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
}

#[derive(Debug, Default, Clone)]
struct Style {
    heading: Option<u8>,
    num_id: Option<String>,
    level: Option<u8>,
}

impl Styles {
    fn parse(xml: &str) -> std::result::Result<Styles, quick_xml::Error> {
        let mut reader = Reader::from_str(xml);
        let mut styles = Styles::default();
        let mut current: Option<(String, Style)> = None;
        loop {
            match reader.read_event()? {
                Event::Start(e) | Event::Empty(e) => match word_name(e.name()) {
                    Some("style") => {
                        let paragraph = attr(&e, "type").is_none_or(|t| t == "paragraph");
                        current = attr(&e, "styleId")
                            .filter(|_| paragraph)
                            .map(|id| (id, Style::default()));
                    }
                    Some("name") => {
                        if let Some((_, style)) = current.as_mut() {
                            style.heading = attr(&e, "val").and_then(|n| heading_level_of_name(&n));
                        }
                    }
                    Some("numId") => {
                        if let Some((_, style)) = current.as_mut() {
                            style.num_id = attr(&e, "val");
                        }
                    }
                    Some("ilvl") => {
                        if let Some((_, style)) = current.as_mut() {
                            style.level = attr(&e, "val").and_then(|v| v.trim().parse().ok());
                        }
                    }
                    _ => {}
                },
                Event::End(e) if word_name(e.name()) == Some("style") => {
                    if let Some((id, mut style)) = current.take() {
                        if style.heading.is_none() && id.to_ascii_lowercase().starts_with("heading")
                        {
                            style.heading = heading_level_of_id(&id);
                        }
                        styles.by_id.insert(id, style);
                    }
                }
                Event::Eof => return Ok(styles),
                _ => {}
            }
        }
    }

    /// The heading level (1–9) of a paragraph style: by its name in `styles.xml` when defined there,
    /// else by its id.
    fn heading_level(&self, id: &str) -> Option<u8> {
        match self.by_id.get(id) {
            Some(style) => style.heading,
            None => heading_level_of_id(id),
        }
    }
}

/// `heading 1` … `heading 9`, `标题 1` … `标题 9` (any case, space optional).
fn heading_level_of_name(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    let rest = lower
        .strip_prefix("heading")
        .or_else(|| lower.strip_prefix("标题"))?;
    single_digit(rest.trim())
}

/// `Heading1` … `Heading9`, or `1` … `9` (the ids Chinese Word gives its heading styles).
fn heading_level_of_id(id: &str) -> Option<u8> {
    let lower = id.trim().to_ascii_lowercase();
    single_digit(lower.strip_prefix("heading").unwrap_or(&lower))
}

fn single_digit(s: &str) -> Option<u8> {
    match s.as_bytes() {
        [d @ b'1'..=b'9'] => Some(d - b'0'),
        _ => None,
    }
}

/// List definitions from `numbering.xml`: each list (`w:num`) points at an abstract definition with up
/// to nine levels.
#[derive(Debug, Default)]
struct Numbering {
    lists: HashMap<String, String>,
    abstracts: HashMap<String, [Option<Level>; 9]>,
}

#[derive(Debug, Default, Clone)]
struct Level {
    start: u32,
    format: String,
    text: Option<String>,
}

impl Numbering {
    fn parse(xml: &str) -> std::result::Result<Numbering, quick_xml::Error> {
        let mut reader = Reader::from_str(xml);
        let mut numbering = Numbering::default();
        let mut abstract_id: Option<String> = None;
        let mut list_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        loop {
            let (e, empty) = match reader.read_event()? {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    match word_name(e.name()) {
                        Some("abstractNum") => abstract_id = None,
                        Some("num") => list_id = None,
                        Some("lvl") => numbering.add_level(&abstract_id, level.take()),
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => return Ok(numbering),
                _ => continue,
            };
            match word_name(e.name()) {
                Some("abstractNum") if !empty => abstract_id = attr(&e, "abstractNumId"),
                Some("num") if !empty => list_id = attr(&e, "numId"),
                Some("abstractNumId") => {
                    if let (Some(list), Some(target)) = (&list_id, attr(&e, "val")) {
                        numbering.lists.insert(list.clone(), target);
                    }
                }
                // Levels inside a list's override are not followed.
                Some("lvl") if abstract_id.is_some() && list_id.is_none() => {
                    let ilvl = attr(&e, "ilvl")
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .filter(|&l| l < 9);
                    let new = ilvl.map(|l| {
                        (
                            l,
                            Level {
                                start: 1,
                                format: "decimal".into(),
                                text: None,
                            },
                        )
                    });
                    if empty {
                        numbering.add_level(&abstract_id, new);
                    } else {
                        level = new;
                    }
                }
                Some(name @ ("start" | "numFmt" | "lvlText")) => {
                    if let (Some((_, l)), Some(v)) = (level.as_mut(), attr(&e, "val")) {
                        match name {
                            "start" => l.start = v.trim().parse().unwrap_or(1),
                            "numFmt" => l.format = v,
                            _ => l.text = Some(v),
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn add_level(&mut self, abstract_id: &Option<String>, level: Option<(usize, Level)>) {
        if let (Some(id), Some((ilvl, level))) = (abstract_id, level) {
            self.abstracts.entry(id.clone()).or_default()[ilvl] = Some(level);
        }
    }
}

/// Gives paragraphs their visible numbers, keeping the counters of every list and of headings.
struct Numberer<'a> {
    styles: &'a Styles,
    numbering: &'a Numbering,
    /// The counters of each list, per level; `None` where a level has not been used since it was
    /// reset.
    lists: HashMap<String, [Option<u32>; 9]>,
    /// The counters of styled headings without numbering, per level.
    headings: [u32; 9],
    seen_text: bool,
}

impl<'a> Numberer<'a> {
    fn new(styles: &'a Styles, numbering: &'a Numbering) -> Numberer<'a> {
        Numberer {
            styles,
            numbering,
            lists: HashMap::new(),
            headings: [0; 9],
            seen_text: false,
        }
    }

    /// Writes a finished paragraph's lines to `out`, the first with its number.
    fn finish(&mut self, paragraph: Paragraph, out: &mut Vec<String>) {
        let Paragraph {
            mut lines,
            current,
            style,
            num_id,
            level,
            ..
        } = paragraph;
        lines.push(current);
        let has_text = lines.iter().any(|l| !l.trim().is_empty());
        let first = !self.seen_text;
        self.seen_text |= has_text;
        let number = self.number(style.as_deref(), num_id, level, has_text, first);
        let mut number = number.filter(|n| !n.is_empty());
        for line in lines {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            match number.take() {
                Some(n) if !starts_with_heading_number(line) => {
                    let space = n.chars().last().is_some_and(char::is_alphanumeric);
                    out.push(format!("{n}{}{line}", if space { " " } else { "" }));
                }
                _ => out.push(line.to_string()),
            }
        }
    }

    /// The number Word shows for the paragraph, or its heading level implies; empty for a bullet.
    fn number(
        &mut self,
        style: Option<&str>,
        num_id: Option<String>,
        level: Option<u8>,
        has_text: bool,
        first: bool,
    ) -> Option<String> {
        let style_def = style.and_then(|s| self.styles.by_id.get(s));
        let heading = style.and_then(|s| self.styles.heading_level(s));
        let num_id = num_id.or_else(|| style_def.and_then(|s| s.num_id.clone()));
        let ilvl = level
            .or_else(|| style_def.and_then(|s| s.level))
            .unwrap_or(0)
            .min(8);
        if let Some(id) = num_id.filter(|id| id.trim() != "0") {
            if let Some(shown) = self.list_number(&id, usize::from(ilvl)) {
                return Some(shown);
            }
            // A list numbering.xml does not define: numbered by level like a heading.
            return has_text.then(|| self.heading_number(heading.unwrap_or(ilvl + 1)));
        }
        let level = heading?;
        // The first paragraph is the title, even when styled as a heading.
        (has_text && !first).then(|| self.heading_number(level))
    }

    /// Advances a list's counter at `ilvl` and renders the level's text (`%1、`) with it.
    fn list_number(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let abstract_id = self.numbering.lists.get(num_id)?;
        let levels = self.numbering.abstracts.get(abstract_id)?;
        let level = levels[ilvl].as_ref()?;
        let counters = self.lists.entry(num_id.to_string()).or_insert([None; 9]);
        counters[ilvl] = Some(counters[ilvl].map_or(level.start, |n| n.saturating_add(1)));
        for deeper in &mut counters[ilvl + 1..] {
            *deeper = None;
        }
        if level.format == "bullet" {
            return Some(String::new());
        }
        let default_text = format!("%{}.", ilvl + 1);
        let template = level.text.as_deref().unwrap_or(&default_text);
        let mut shown = String::new();
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            let placeholder = chars
                .peek()
                .and_then(|d| d.to_digit(10))
                .filter(|d| (1..=9).contains(d));
            match placeholder {
                Some(d) if c == '%' => {
                    chars.next();
                    let j = d as usize - 1;
                    let def = levels[j].as_ref();
                    let value = counters[j].unwrap_or_else(|| def.map_or(1, |l| l.start));
                    shown.push_str(&format_number(value, def.map_or("decimal", |l| &l.format)));
                }
                _ => shown.push(c),
            }
        }
        Some(shown)
    }

    /// Advances the heading counter at `level` (1–9) and gives its number: `一、`, `（一）`, `1.`,
    /// `（1）`, `①`.
    fn heading_number(&mut self, level: u8) -> String {
        let i = usize::from(level.clamp(1, 9) - 1);
        self.headings[i] = self.headings[i].saturating_add(1);
        for deeper in &mut self.headings[i + 1..] {
            *deeper = 0;
        }
        let n = self.headings[i];
        match i {
            0 => format!("{}、", chinese(n)),
            1 => format!("（{}）", chinese(n)),
            2 => format!("{n}."),
            3 => format!("（{n}）"),
            _ => circled(n),
        }
    }
}

/// A counter in a Word number format.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "none" | "bullet" => String::new(),
        "decimalZero" => format!("{n:02}"),
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographDigital"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => chinese(n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "ideographEnclosedCircle" => {
            circled(n)
        }
        "decimalEnclosedParen" => format!("({n})"),
        "decimalEnclosedFullstop" => format!("{n}."),
        "ideographTraditional" => cyclic(
            n,
            &['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'],
        ),
        "ideographZodiac" => cyclic(
            n,
            &[
                '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
            ],
        ),
        "lowerLetter" => letters(n),
        "upperLetter" => letters(n).to_ascii_uppercase(),
        "lowerRoman" => roman(n).to_ascii_lowercase(),
        "upperRoman" => roman(n),
        _ => n.to_string(),
    }
}

const CHINESE_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// 一, 十, 十一, 二十三, 一百零五; from 1000 on, Arabic digits.
fn chinese(n: u32) -> String {
    let digit = |d: u32| CHINESE_DIGITS[d as usize];
    let below_hundred = |n: u32, leading: bool| -> String {
        let (tens, units) = (n / 10, n % 10);
        let mut s = String::new();
        if tens > 0 {
            if tens > 1 || leading {
                s.push(digit(tens));
            }
            s.push('十');
        }
        if units > 0 || n == 0 {
            s.push(digit(units));
        }
        s
    };
    match n {
        0..=99 => below_hundred(n, false),
        100..=999 => {
            let (hundreds, rest) = (n / 100, n % 100);
            let mut s = format!("{}百", digit(hundreds));
            if rest > 0 {
                if rest < 10 {
                    s.push('零');
                }
                s.push_str(&below_hundred(rest, true));
            }
            s
        }
        _ => n.to_string(),
    }
}

/// ① to ㊿; beyond, `(n)`.
fn circled(n: u32) -> String {
    let c = match n {
        1..=20 => char::from_u32(0x2460 + n - 1),
        21..=35 => char::from_u32(0x3251 + n - 21),
        36..=50 => char::from_u32(0x32B1 + n - 36),
        _ => None,
    };
    c.map_or_else(|| format!("({n})"), String::from)
}

fn cyclic(n: u32, symbols: &[char]) -> String {
    let len = symbols.len() as u32;
    symbols[(n.max(1) - 1).rem_euclid(len) as usize].to_string()
}

/// a … z, aa … zz, as Word counts.
fn letters(n: u32) -> String {
    if n == 0 {
        return String::new();
    }
    let letter = char::from(b'a' + ((n - 1) % 26) as u8);
    let times = ((n - 1) / 26 + 1).min(100) as usize;
    std::iter::repeat_n(letter, times).collect()
}

fn roman(n: u32) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut s = String::new();
    for (value, symbol) in TABLE {
        while n >= value {
            s.push_str(symbol);
            n -= value;
        }
    }
    s
}

/// Whether `text` (as written, not yet folded) starts with a heading number this parser recognises:
/// `一、`, `（一）`, `1.`, `(1)`, `①`, `第一` and the rest. Used when a Word heading's number must be
/// made visible, so that a number already typed is not doubled.
fn starts_with_heading_number(text: &str) -> bool {
    heading_number(fold_str(text).trim_start()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn lines(body: &str, styles: &str, numbering: &str) -> Vec<String> {
        let doc = format!("<w:document {NS}><w:body>{body}</w:body></w:document>");
        let styles = Styles::parse(&format!("<w:styles {NS}>{styles}</w:styles>")).unwrap();
        let numbering =
            Numbering::parse(&format!("<w:numbering {NS}>{numbering}</w:numbering>")).unwrap();
        paragraphs(&doc, &styles, &numbering).unwrap().0
    }

    fn p(style: &str, text: &str) -> String {
        let props = if style.is_empty() {
            String::new()
        } else {
            format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#)
        };
        format!("<w:p>{props}<w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn pages_where_word_recorded_them() {
        let doc = |body: &str| {
            let doc = format!("<w:document {NS}><w:body>{body}</w:body></w:document>");
            paragraphs(&doc, &Styles::default(), &Numbering::default()).unwrap()
        };
        let rendered = doc(&[
            p("", "第一页"),
            "<w:p><w:r><w:lastRenderedPageBreak/><w:t>第二页开头</w:t></w:r></w:p>".to_string(),
            "<w:p><w:r><w:t>跨页的段落</w:t><w:lastRenderedPageBreak/><w:t>续</w:t></w:r></w:p>"
                .to_string(),
            p("", "第三页"),
            // An explicit break is ignored where Word recorded its layout: its own record of the
            // same page counts once.
            r#"<w:p><w:r><w:br w:type="page"/><w:lastRenderedPageBreak/><w:t>第四页</w:t></w:r></w:p>"#
                .to_string(),
        ]
        .concat());
        assert_eq!(rendered.1, [1, 2, 2, 3, 4]);
        let explicit = doc(&[
            p("", "一"),
            r#"<w:p><w:r><w:br w:type="page"/><w:t>二</w:t></w:r></w:p>"#.to_string(),
        ]
        .concat());
        assert_eq!(
            explicit,
            (vec!["一".to_string(), "二".to_string()], vec![1, 2])
        );
        assert!(doc(&p("", "无分页")).1.is_empty());
    }

    fn listed(num_id: u32, ilvl: u32, text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    }

    #[test]
    fn runs_tabs_breaks_and_what_is_left_out() {
        let body = r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>
            <w:r><w:t xml:space="preserve">行政 </w:t></w:r><w:r><w:t>执法&amp;</w:t><w:tab/><w:t>监督</w:t></w:r>
            <w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del>
            <w:r><w:instrText>PAGE</w:instrText><w:br/><w:t>第二行&#x4E00;</w:t></w:r></w:p>
            <w:p/><w:p><w:r><w:t>   </w:t></w:r></w:p>
            <w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>
            <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>外面</w:t></w:r></w:p>"#;
        assert_eq!(
            lines(body, "", ""),
            ["行政 执法& 监督", "第二行一", "文本框", "外面"]
        );
    }

    #[test]
    fn table_cells_each_on_their_own_line() {
        let body = format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}{}</w:tc></w:tr></w:tbl>{}",
            p("", "索引号"),
            p("", "115002"),
            p("", "第二段"),
            p("", "后")
        );
        assert_eq!(lines(&body, "", ""), ["索引号", "115002", "第二段", "后"]);
    }

    #[test]
    fn heading_styles_are_numbered_by_level() {
        let body = [
            p("Heading1", "某镇2023年法治政府建设工作报告"),
            p("Heading1", "加强组织领导"),
            p("Heading2", "健全机制"),
            p("Heading3", "细则"),
            p("Heading2", "压实责任"),
            p("1", "推进依法行政"),
            p("2", "（一）已有编号"),
            p("2", "再一项"),
            p("a", "正文"),
        ]
        .concat();
        assert_eq!(
            lines(&body, "", ""),
            [
                "某镇2023年法治政府建设工作报告",
                "一、加强组织领导",
                "（一）健全机制",
                "1.细则",
                "（二）压实责任",
                "二、推进依法行政",
                "（一）已有编号",
                "（二）再一项",
                "正文"
            ]
        );
    }

    #[test]
    fn style_names_decide_when_styles_xml_defines_them() {
        let styles = r#"<w:style w:type="paragraph" w:styleId="a"><w:name w:val="Normal"/></w:style>
            <w:style w:type="paragraph" w:styleId="MyTitle"><w:name w:val="标题 1"/></w:style>
            <w:style w:type="paragraph" w:styleId="3"><w:name w:val="List Paragraph"/></w:style>
            <w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/></w:style>"#;
        let body = [
            p("a", "报告"),
            p("MyTitle", "第一部分标题"),
            p("MyTitle", "工作"),
            p("H2", "小节"),
            p("3", "不是标题"),
        ]
        .concat();
        assert_eq!(
            lines(&body, styles, ""),
            ["报告", "第一部分标题", "二、工作", "（一）小节", "不是标题"]
        );
    }

    #[test]
    fn list_numbering_as_word_shows_it() {
        let numbering = r#"<w:abstractNum w:abstractNumId="0">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
              <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3."/></w:lvl>
            </w:abstractNum>
            <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#;
        let body = [
            p("", "报告"),
            listed(1, 0, "加强组织领导"),
            listed(1, 1, "健全机制"),
            listed(1, 2, "细则"),
            listed(1, 2, "细则二"),
            listed(2, 0, "要点"),
            listed(1, 1, "压实责任"),
            listed(1, 0, "二、手写编号"),
            listed(1, 1, "重新计数"),
            listed(7, 0, "未定义的列表"),
        ]
        .concat();
        assert_eq!(
            lines(&body, "", numbering),
            [
                "报告",
                "一、加强组织领导",
                "（一）健全机制",
                "一.1.细则",
                "一.2.细则二",
                "要点",
                "（二）压实责任",
                "二、手写编号",
                "（一）重新计数",
                "一、未定义的列表"
            ]
        );
    }

    #[test]
    fn heading_style_with_numbering_in_the_style() {
        let styles = r#"<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/>
            <w:pPr><w:numPr><w:numId w:val="5"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>"#;
        let numbering = r#"<w:abstractNum w:abstractNumId="9"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="第%1部分"/></w:lvl></w:abstractNum>
            <w:num w:numId="5"><w:abstractNumId w:val="9"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:lvlOverride></w:num>"#;
        let body = [p("1", "总体情况"), p("1", "存在问题")].concat();
        assert_eq!(
            lines(&body, styles, numbering),
            ["第3部分 总体情况", "第4部分 存在问题"]
        );
    }

    #[test]
    fn number_formats() {
        assert_eq!(
            [1, 10, 11, 20, 21, 99, 100, 105, 110, 1000].map(chinese),
            [
                "一",
                "十",
                "十一",
                "二十",
                "二十一",
                "九十九",
                "一百",
                "一百零五",
                "一百一十",
                "1000"
            ]
        );
        assert_eq!(
            [1, 20, 21, 50, 51].map(circled),
            ["①", "⑳", "㉑", "㊿", "(51)"]
        );
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(11, "ideographTraditional"), "甲");
        assert_eq!(format_number(7, "decimalZero"), "07");
        assert_eq!(format_number(7, "someNewFormat"), "7");
    }

    #[test]
    fn heading_names_and_ids() {
        assert_eq!(heading_level_of_name("heading 3"), Some(3));
        assert_eq!(heading_level_of_name("标题 2"), Some(2));
        assert_eq!(heading_level_of_name("标题2"), Some(2));
        assert_eq!(heading_level_of_name("标题"), None);
        assert_eq!(heading_level_of_name("Heading 1 Char"), None);
        assert_eq!(heading_level_of_id("Heading9"), Some(9));
        assert_eq!(heading_level_of_id("4"), Some(4));
        assert_eq!(heading_level_of_id("10"), None);
        assert_eq!(heading_level_of_id("a"), None);
    }

    #[test]
    fn malformed_xml_is_an_error_not_a_panic() {
        let styles = Styles::default();
        let numbering = Numbering::default();
        assert!(
            paragraphs(
                "<w:document><w:body><w:p></w:r></w:body>",
                &styles,
                &numbering
            )
            .is_err()
        );
        // Cut off mid-paragraph: what was read is kept.
        assert_eq!(
            paragraphs(
                "<w:document><w:body><w:p><w:r><w:t>前文</w:t></w:r>",
                &styles,
                &numbering
            )
            .unwrap()
            .0,
            ["前文"]
        );
    }
}

//! OpenDocument .odt (`content.xml` in a ZIP) and OFD, GB/T 33190 (each page's `Content.xml` in a
//! ZIP, its text in `TextCode` elements). See the module documentation of `extract`.

use std::io::Cursor;

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;
use zip::ZipArchive;

use super::docx::read_part;
use super::not_text;
use crate::error::Result;

/// The most pages read from one OFD file.
pub const MAX_OFD_PAGES: usize = 5_000;

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// A piece of XML text, an entity or a character reference, as text.
fn event_text(event: &Event<'_>) -> Option<String> {
    match event {
        Event::Text(t) => Some(t.xml10_content().into_owned()),
        Event::CData(t) => Some(t.to_string()),
        Event::GeneralRef(r) => match r.resolve_char_ref() {
            Ok(Some(c)) => Some(c.to_string()),
            Ok(None) => quick_xml::escape::resolve_predefined_entity(r).map(str::to_string),
            Err(_) => None,
        },
        _ => None,
    }
}

fn local(e: &BytesStart<'_>) -> String {
    e.local_name().into_inner().to_string()
}

fn prefix(e: &BytesStart<'_>) -> String {
    e.name()
        .prefix()
        .map(|p| p.into_inner().to_string())
        .unwrap_or_default()
}

fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.local_name().into_inner() == name)
        .map(|a| a.value.to_string())
}

fn malformed(part: &str, _e: impl std::fmt::Display) -> crate::error::Error {
    not_text(format!(
        "文件已损坏：{part} 不是格式正确的 XML：请重新保存或另存为 .docx 再提交"
    ))
}

/// Whether a ZIP is an OpenDocument text file: `content.xml` and a `mimetype` naming a text document.
pub(super) fn is_odt(archive: &mut Archive<'_>) -> bool {
    archive.index_for_name("content.xml").is_some()
        && read_part(archive, "mimetype")
            .ok()
            .flatten()
            .is_some_and(|m| {
                m.trim()
                    .starts_with("application/vnd.oasis.opendocument.text")
            })
}

/// The text of an .odt file: one paragraph or heading a line, table cells each on their own lines.
/// Notes, comments and tracked deletions are left out; a run of spaces (`text:s`) or a tab is one
/// space, a line break a new line.
pub(super) fn odt(archive: &mut Archive<'_>) -> Result<String> {
    let xml = read_part(archive, "content.xml")?.ok_or_else(|| {
        not_text("OpenDocument 文件中没有 content.xml：文件已损坏，请另存为 .docx 再提交")
    })?;
    let mut reader = Reader::from_str(&xml);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize; // open paragraphs and headings
    let mut skip = 0usize;
    let flush = |current: &mut String, lines: &mut Vec<String>| {
        let line = current.trim();
        if !line.is_empty() {
            lines.push(line.to_string());
        }
        current.clear();
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|e| malformed("content.xml", e))?;
        match &event {
            Event::Start(e) => {
                let (p, l) = (prefix(e), local(e));
                if skip > 0
                    || matches!(
                        (p.as_str(), l.as_str()),
                        ("office", "annotation") | ("text", "note") | ("text", "tracked-changes")
                    )
                {
                    skip += 1;
                } else if p == "text" && (l == "p" || l == "h") {
                    flush(&mut current, &mut lines);
                    depth += 1;
                }
            }
            Event::Empty(e) if skip == 0 && depth > 0 && prefix(e) == "text" => {
                match local(e).as_str() {
                    "s" | "tab" => current.push(' '),
                    "line-break" => flush(&mut current, &mut lines),
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                } else {
                    let name = e.name();
                    let (l, p) = name.decompose();
                    if p.is_some_and(|p| p.into_inner() == "text")
                        && matches!(l.into_inner(), "p" | "h")
                    {
                        flush(&mut current, &mut lines);
                        depth = depth.saturating_sub(1);
                    }
                }
            }
            Event::Eof => break,
            other if skip == 0 && depth > 0 => {
                if let Some(t) = event_text(other) {
                    current.push_str(&t);
                }
            }
            _ => {}
        }
    }
    flush(&mut current, &mut lines);
    Ok(lines.join("\n"))
}

/// Whether a ZIP is an OFD file: it holds `OFD.xml`.
pub(super) fn is_ofd(archive: &Archive<'_>) -> bool {
    archive.index_for_name("OFD.xml").is_some()
}

/// Joins a path inside the archive to the folder of the part that names it (OFD paths are relative
/// to that part, or to the root when they start with `/`).
fn resolve(base_dir: &str, path: &str) -> String {
    let path = path.trim();
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        base_dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn dir_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

/// The text of the elements named `element` (local name) in a part, and the values of
/// `attribute` on them: how OFD names its document root (`DocRoot`) and pages (`Page BaseLoc`).
fn find(xml: &str, part: &str, element: &str, attr: Option<&str>) -> Result<Vec<String>> {
    let mut reader = Reader::from_str(xml);
    let mut found = Vec::new();
    let mut inside = false;
    loop {
        let event = reader.read_event().map_err(|e| malformed(part, e))?;
        match &event {
            Event::Start(e) | Event::Empty(e) if e.local_name().into_inner() == element => {
                if let Some(a) = attr {
                    found.extend(attribute(e, a));
                } else if matches!(event, Event::Start(_)) {
                    inside = true;
                    found.push(String::new());
                }
            }
            Event::End(e) if e.local_name().into_inner() == element => inside = false,
            Event::Eof => break,
            other if inside => {
                if let (Some(t), Some(last)) = (event_text(other), found.last_mut()) {
                    last.push_str(&t);
                }
            }
            _ => {}
        }
    }
    Ok(found)
}

/// The text of an OFD file: `OFD.xml` names the document (`DocRoot`), the document lists its pages
/// in order (`Page BaseLoc`), and each page's content holds text objects whose `TextCode` elements
/// carry the text with the position of its first character. Text codes on one baseline (the same
/// `Y` within a text object) make one line. An OFD whose pages hold only images (a scan) has no text.
pub(super) fn ofd(archive: &mut Archive<'_>) -> Result<Vec<Vec<Code>>> {
    let damaged = |what: &str| {
        not_text(format!(
            "OFD 文件已损坏（{what}）：请重新导出 OFD 或 PDF，或提供 .docx、.txt 文件"
        ))
    };
    let root = read_part(archive, "OFD.xml")?.ok_or_else(|| damaged("没有 OFD.xml"))?;
    let doc_root = find(&root, "OFD.xml", "DocRoot", None)?
        .into_iter()
        .next()
        .ok_or_else(|| damaged("OFD.xml 中没有 DocRoot"))?;
    let doc_path = resolve("", &doc_root);
    let document =
        read_part(archive, &doc_path)?.ok_or_else(|| damaged(&format!("没有 {doc_path}")))?;
    let pages = find(&document, &doc_path, "Page", Some("BaseLoc"))?;
    if pages.len() > MAX_OFD_PAGES {
        return Err(not_text(format!(
            "OFD 有 {} 页，超过 {MAX_OFD_PAGES} 页的上限：请只提交报告本身",
            pages.len()
        )));
    }
    let mut out = Vec::new();
    for page in pages {
        let path = resolve(dir_of(&doc_path), &page);
        let Some(content) = read_part(archive, &path)? else {
            return Err(damaged(&format!("没有页面 {path}")));
        };
        out.push(text_codes(&content, &path)?);
    }
    Ok(out)
}

/// A text code of an OFD page: its position in millimetres (the text object's boundary plus the
/// code's `X`, `Y`), the text object's font size and the text.
pub(super) type Code = (f64, f64, f64, String);

/// The text codes of a page.
fn text_codes(xml: &str, part: &str) -> Result<Vec<Code>> {
    let mut reader = Reader::from_str(xml);
    let mut codes = Vec::new();
    let mut origin = (0.0, 0.0);
    let mut size = 3.5;
    let mut last = (0.0, 0.0);
    let mut inside = false;
    let number = |s: Option<String>| s.and_then(|v| v.trim().parse::<f64>().ok());
    loop {
        let event = reader.read_event().map_err(|e| malformed(part, e))?;
        match &event {
            Event::Start(e) if e.local_name().into_inner() == "TextObject" => {
                let boundary = attribute(e, "Boundary").unwrap_or_default();
                let mut b = boundary.split_whitespace().map(|v| v.parse::<f64>().ok());
                origin = (
                    b.next().flatten().unwrap_or(0.0),
                    b.next().flatten().unwrap_or(0.0),
                );
                size = number(attribute(e, "Size")).unwrap_or(3.5);
            }
            Event::Start(e) if e.local_name().into_inner() == "TextCode" => {
                let x = number(attribute(e, "X")).unwrap_or(last.0);
                let y = number(attribute(e, "Y")).unwrap_or(last.1);
                last = (x, y);
                inside = true;
                codes.push((origin.0 + x, origin.1 + y, size, String::new()));
            }
            Event::End(e) if e.local_name().into_inner() == "TextCode" => inside = false,
            Event::Eof => break,
            other if inside => {
                if let (Some(t), Some(code)) = (event_text(other), codes.last_mut()) {
                    code.3.push_str(&t);
                }
            }
            _ => {}
        }
    }
    Ok(codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_against_their_part() {
        assert_eq!(resolve("", "Doc_0/Document.xml"), "Doc_0/Document.xml");
        assert_eq!(
            resolve("Doc_0", "Pages/Page_0/Content.xml"),
            "Doc_0/Pages/Page_0/Content.xml"
        );
        assert_eq!(resolve("Doc_0", "/Doc_0/Pages/P.xml"), "Doc_0/Pages/P.xml");
        assert_eq!(resolve("Doc_0/a", "../b.xml"), "Doc_0/b.xml");
    }

    #[test]
    fn text_codes_carry_their_positions() {
        let page = r#"<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>
            <ofd:TextObject ID="1" Boundary="20 30 100 10" Font="1" Size="4"><ofd:TextCode X="0" Y="4">一、加强&amp;组织</ofd:TextCode></ofd:TextObject>
            </ofd:Layer></ofd:Content></ofd:Page>"#;
        assert_eq!(
            text_codes(page, "p").unwrap(),
            [(20.0, 34.0, 4.0, "一、加强&组织".to_string())]
        );
        assert!(text_codes("<a><b></a>", "p").is_err());
    }
}

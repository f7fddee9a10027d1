//! HTML pages: the declared charset, telling a page from text, and the page's text one block a line.

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use encoding_rs::{Encoding, GB18030, GBK};
use scraper::{Html, Node};

/// Elements whose content is never report text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "head", "title", "nav", "iframe",
    "object", "embed", "canvas", "video", "audio", "input", "select", "option", "optgroup",
    "textarea", "button", "datalist",
];

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "ul",
];

/// How far into the file a `<meta charset>` is looked for, as browsers do.
const PRESCAN_BYTES: usize = 4096;

/// Whether `text` is an HTML page: it starts with `<!DOCTYPE html` or `<html` (after a byte-order
/// mark, spaces, or the `<!-- saved from url=… -->` comment browsers write), or holds a `<body>` tag,
/// or, where `weak_allowed`, a `<p>` tag.
pub(super) fn looks_like_html(text: &str, weak_allowed: bool) -> bool {
    let mut start = text.trim_start_matches('\u{FEFF}').trim_start();
    // Skip leading comments and an XML declaration.
    loop {
        if start.starts_with("<!--") {
            match start.find("-->") {
                Some(end) => start = start[end + 3..].trim_start(),
                None => break,
            }
        } else if start.starts_with("<?xml") {
            match start.find("?>") {
                Some(end) => start = start[end + 2..].trim_start(),
                None => break,
            }
        } else {
            break;
        }
    }
    let head = start.as_bytes();
    if starts_with_ignore_case(head, b"<!doctype html") || starts_with_ignore_case(head, b"<html") {
        return true;
    }
    has_tag(text.as_bytes(), b"body") || (weak_allowed && has_tag(text.as_bytes(), b"p"))
}

fn starts_with_ignore_case(hay: &[u8], prefix: &[u8]) -> bool {
    hay.len() >= prefix.len() && hay[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Whether `hay` holds a start tag `<name>` or `<name …>` (any case).
fn has_tag(hay: &[u8], name: &[u8]) -> bool {
    let mut i = 0;
    while let Some(pos) = memchr::memchr(b'<', &hay[i..]) {
        let at = i + pos + 1;
        let rest = &hay[at..];
        if starts_with_ignore_case(rest, name)
            && rest
                .get(name.len())
                .is_some_and(|&b| matches!(b, b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/'))
        {
            return true;
        }
        i = at;
    }
    false
}

/// The encoding a page declares in a `<meta charset=…>` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` within its first bytes, when it is of the GB family (GBK, GB2312,
/// GB18030). Other declarations are left to detection.
fn declared_gb(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let lower = head.to_ascii_lowercase();
    let mut i = 0;
    while let Some(pos) = find(&lower[i..], b"<meta") {
        let tag_start = i + pos;
        let tag_end = lower[tag_start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |p| tag_start + p);
        let tag = &lower[tag_start..tag_end];
        if let Some(at) = find(tag, b"charset") {
            let label: Vec<u8> = tag[at + b"charset".len()..]
                .iter()
                .copied()
                .skip_while(|&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'=' | b'"' | b'\''))
                .take_while(|&b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')
                })
                .collect();
            if let Some(encoding) = Encoding::for_label(&label) {
                return encoding == GBK || encoding == GB18030;
            }
        }
        i = tag_end;
    }
    false
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Decodes a page that declares a GB-family charset and is not valid UTF-8 (a page re-saved as UTF-8
/// often keeps its old declaration, so valid UTF-8 is left to [`decode`](crate::decode())). A few
/// malformed byte sequences (at most one in two hundred characters) are replaced with U+FFFD, as a
/// browser would; more, and the declaration is not trusted.
pub(super) fn decode_declared(bytes: &[u8]) -> Option<(String, &'static str)> {
    if Encoding::for_bom(bytes).is_some()
        || simdutf8::basic::from_utf8(bytes).is_ok()
        || !declared_gb(bytes)
    {
        return None;
    }
    let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
        if replaced * 200 > text.chars().count() {
            return None;
        }
    }
    Some((text.into_owned(), "GB18030"))
}

/// Lines of text being gathered for the page or for one table cell.
#[derive(Default)]
struct Lines {
    done: Vec<String>,
    current: String,
    space: bool,
}

impl Lines {
    fn push_text(&mut self, text: &str, preformatted: bool) {
        for c in text.chars() {
            if preformatted && c == '\n' {
                self.end_line();
            } else if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.current.is_empty() {
                    self.current.push(' ');
                }
                self.space = false;
                self.current.push(c);
            }
        }
    }

    fn end_line(&mut self) {
        if !self.current.is_empty() {
            self.done.push(std::mem::take(&mut self.current));
        }
        self.space = false;
    }

    fn extend(&mut self, lines: Vec<String>) {
        self.end_line();
        self.done.extend(lines);
    }

    fn finish(mut self) -> Vec<String> {
        self.end_line();
        self.done
    }
}

enum Frame {
    /// The page, or a table cell.
    Lines(Lines),
    /// A table row: the lines of each of its cells.
    Row(Vec<Vec<String>>),
}

/// The text of an HTML page, one block a line. See the [module documentation](super#html).
pub(super) fn to_text(page: &str) -> String {
    let page = bounded(page);
    let document = Html::parse_document(&page);
    // Each frame belongs to the element that opened it (None for the page).
    let mut frames: Vec<(Option<NodeId>, Frame)> = vec![(None, Frame::Lines(Lines::default()))];
    let mut skipping: Option<NodeId> = None;
    let mut preformatted = 0usize;
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(text) => {
                        if let Some((_, Frame::Lines(lines))) = frames.last_mut() {
                            lines.push_text(text, preformatted > 0);
                        }
                    }
                    Node::Element(element) => {
                        let name = element.name();
                        if SKIPPED.contains(&name) || is_hidden(element) {
                            skipping = Some(node.id());
                            continue;
                        }
                        match name {
                            "tr" => {
                                end_line(&mut frames);
                                frames.push((Some(node.id()), Frame::Row(Vec::new())));
                            }
                            "td" | "th" => {
                                end_line(&mut frames);
                                frames.push((Some(node.id()), Frame::Lines(Lines::default())));
                            }
                            "br" => end_line(&mut frames),
                            "pre" => {
                                preformatted += 1;
                                end_line(&mut frames);
                            }
                            _ if BLOCKS.contains(&name) => end_line(&mut frames),
                            _ => {}
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(skipped) = skipping {
                    if skipped == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                let Node::Element(element) = node.value() else {
                    continue;
                };
                let owns_top =
                    frames.len() > 1 && frames.last().is_some_and(|(id, _)| *id == Some(node.id()));
                match element.name() {
                    "td" | "th" if owns_top => {
                        if let Some((_, Frame::Lines(cell))) = frames.pop() {
                            let cell = cell.finish();
                            match frames.last_mut() {
                                Some((_, Frame::Row(cells))) => cells.push(cell),
                                Some((_, Frame::Lines(lines))) => lines.extend(cell),
                                None => {}
                            }
                        }
                    }
                    "tr" if owns_top => {
                        if let Some((_, Frame::Row(cells))) = frames.pop() {
                            let row = row_lines(cells);
                            add_lines(&mut frames, row);
                        }
                    }
                    "pre" => {
                        preformatted = preformatted.saturating_sub(1);
                        end_line(&mut frames);
                    }
                    name if BLOCKS.contains(&name) => end_line(&mut frames),
                    _ => {}
                }
            }
        }
    }
    // Close whatever is still open (the tree is well nested, so nothing should be).
    let mut lines = Vec::new();
    while let Some((_, frame)) = frames.pop() {
        let mut more = match frame {
            Frame::Lines(l) => l.finish(),
            Frame::Row(cells) => row_lines(cells),
        };
        more.append(&mut lines);
        lines = more;
    }
    lines.join("\n")
}

/// How deep elements may nest before the parser sees them. The parser looks through the open
/// elements for every tag, so nesting tens of thousands deep costs it quadratic time; no page of a
/// report nests a hundredth as deep.
const MAX_NESTING: usize = 128;

/// How many tags a page may have before the parser sees them: each costs the parser's tree well
/// over a hundred bytes, so 50 MiB of `<p>` would take gigabytes. A report page has a few thousand.
const MAX_TAGS: usize = 200_000;

/// Elements that never hold others (they take no end tag), and elements whose end the parser
/// implies when the next one starts: neither deepens the nesting.
const FLAT: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt",
    "rp", "rtc", "thead", "tbody", "tfoot", "colgroup", "caption",
];

/// Elements whose content is raw text up to their end tag: a `<` inside them is not a tag.
const RAW: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// The page with its tags bounded before it is parsed: a start tag nested deeper than
/// [`MAX_NESTING`] is left out with its end tag (its text stays, in the element around it), and past
/// [`MAX_TAGS`] tags no further tag is kept (the rest is text). Comments, doctypes and the content of
/// raw-text elements (`<script>`, `<style>`, …) are passed over as the parser would. A page within
/// both bounds is returned as it is.
fn bounded(page: &str) -> std::borrow::Cow<'_, str> {
    let bytes = page.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `page` accounted for in `out`
    let mut depth = 0usize;
    let mut tags = 0usize;
    let mut i = 0;
    let drop_range = |out: &mut Option<String>, copied: &mut usize, from: usize, to: usize| {
        let o = out.get_or_insert_with(|| String::with_capacity(page.len()));
        o.push_str(&page[*copied..from]);
        *copied = to;
    };
    while let Some(pos) = memchr::memchr(b'<', &bytes[i..]) {
        let start = i + pos;
        let rest = &bytes[start + 1..];
        if rest.starts_with(b"!--") {
            i = find(&bytes[start + 4..], b"-->").map_or(bytes.len(), |e| start + 4 + e + 3);
            continue;
        }
        if rest.first().is_some_and(|&b| b == b'!' || b == b'?') {
            i = memchr::memchr(b'>', rest).map_or(bytes.len(), |e| start + 1 + e + 1);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_at = start + 1 + usize::from(closing);
        let name_len = bytes[name_at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if name_len == 0 || !bytes[name_at].is_ascii_alphabetic() {
            i = start + 1; // a `<` that is text
            continue;
        }
        let end = memchr::memchr(b'>', &bytes[name_at..]).map_or(bytes.len(), |e| name_at + e + 1);
        let name = page[name_at..name_at + name_len].to_ascii_lowercase();
        tags += 1;
        if tags > MAX_TAGS {
            drop_range(&mut out, &mut copied, start, end);
            i = end;
            continue;
        }
        let self_closing = bytes[..end].ends_with(b"/>");
        if !closing && RAW.contains(&name.as_str()) {
            // Passed over to its end tag, whatever it holds.
            let mut at = end;
            i = loop {
                match memchr::memmem::find(&bytes[at..], b"</") {
                    Some(e) => {
                        let after = at + e + 2;
                        if bytes.len() >= after + name.len()
                            && bytes[after..after + name.len()]
                                .eq_ignore_ascii_case(name.as_bytes())
                        {
                            break after + name.len();
                        }
                        at = after;
                    }
                    None => break bytes.len(),
                }
            };
            continue;
        }
        if FLAT.contains(&name.as_str()) || (self_closing && !closing) {
            i = end;
            continue;
        }
        if closing {
            if depth > MAX_NESTING {
                drop_range(&mut out, &mut copied, start, end);
            }
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            if depth > MAX_NESTING {
                drop_range(&mut out, &mut copied, start, end);
            }
        }
        i = end;
    }
    match out {
        None => std::borrow::Cow::Borrowed(page),
        Some(mut o) => {
            o.push_str(&page[copied..]);
            std::borrow::Cow::Owned(o)
        }
    }
}

fn end_line(frames: &mut [(Option<NodeId>, Frame)]) {
    if let Some((_, Frame::Lines(lines))) = frames.last_mut() {
        lines.end_line();
    }
}

fn add_lines(frames: &mut [(Option<NodeId>, Frame)], new: Vec<String>) {
    match frames.last_mut() {
        Some((_, Frame::Lines(lines))) => lines.extend(new),
        // A row inside a row cannot happen in a parsed tree; keep its text as a cell all the same.
        Some((_, Frame::Row(cells))) => cells.push(new),
        None => {}
    }
}

fn is_hidden(element: &scraper::node::Element) -> bool {
    if element.attr("hidden").is_some() {
        return true;
    }
    element.attr("style").is_some_and(|style| {
        let compact: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        compact.contains("display:none")
    })
}

/// A row's lines: `label：value` for each pair when the cells alternate a short label and a one-line
/// value; otherwise every cell's lines in order.
fn row_lines(cells: Vec<Vec<String>>) -> Vec<String> {
    let pairs = cells.len() >= 2
        && cells.len().is_multiple_of(2)
        && cells.iter().all(|c| c.len() <= 1)
        && cells
            .iter()
            .step_by(2)
            .all(|c| c.first().is_some_and(|l| is_label(l)));
    if !pairs {
        return cells.into_iter().flatten().collect();
    }
    cells
        .chunks(2)
        .map(|pair| {
            let label = &pair[0][0];
            let value = pair[1].first().map_or("", String::as_str);
            if label.ends_with([':', '：']) {
                format!("{label}{value}")
            } else {
                format!("{label}：{value}")
            }
        })
        .collect()
}

/// A short cell that reads as a label: at most twelve characters, no sentence punctuation, with a
/// letter or a Chinese character in it.
fn is_label(cell: &str) -> bool {
    let n = cell.chars().count();
    (1..=12).contains(&n)
        && !cell.contains(['。', '，', ',', ';', '；', '！', '？', '!', '?'])
        && cell.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_lines_and_whitespace() {
        let page = "<html><head><title>T</title><style>p{}</style></head><body>\n\
                    <div class=\"crumb\">您当前的位置：<a href=\"/\">首页</a> &gt; 法治</div>\n\
                    <p>  第一段\n   文字 &nbsp; 在此 </p><p>第二<b>段</b><br>换行</p>\n\
                    <ul><li>甲</li><li>乙</li></ul><script>document.write('x')</script>\n\
                    <form><input value=\"搜索\"><button>搜索</button><p>表单里的正文</p></form>\n\
                    <div hidden>隐藏</div><div style=\"DISPLAY: none\">也隐藏</div>\n\
                    <pre>一行\n两行</pre></body></html>";
        assert_eq!(
            to_text(page),
            "您当前的位置：首页 > 法治\n第一段 文字 在此\n第二段\n换行\n甲\n乙\n表单里的正文\n一行\n两行"
        );
    }

    #[test]
    fn table_rows_of_labels_and_values() {
        let page = "<table>\
            <tr><td>索引号</td><td>11500224691216248X/2022-00002</td></tr>\
            <tr><th>发布机构：</th><td>铜梁区双山镇</td><th>发布日期</th><td>2022-03-11</td></tr>\
            <tr><td>项目</td><td>数量</td><td>备注</td></tr>\
            <tr><td>这是一段很长的正文，不是标签。</td><td>值</td></tr>\
            <tr><td>布局</td><td><p>第一段</p><p>第二段</p></td></tr>\
            </table>";
        assert_eq!(
            to_text(page),
            "索引号：11500224691216248X/2022-00002\n发布机构：铜梁区双山镇\n发布日期：2022-03-11\n\
             项目\n数量\n备注\n这是一段很长的正文，不是标签。\n值\n布局\n第一段\n第二段"
        );
    }

    #[test]
    fn nested_tables_keep_order() {
        let page = "<table><tr><td>外</td><td><table><tr><td>文号</td><td>1号</td></tr></table>正文</td></tr></table><p>后</p>";
        assert_eq!(to_text(page), "外\n文号：1号\n正文\n后");
    }

    #[test]
    fn telling_html_from_text() {
        assert!(looks_like_html("<!DOCTYPE HTML><p>x", true));
        assert!(looks_like_html("\u{FEFF}  <html lang=zh>", true));
        assert!(looks_like_html(
            "<!-- saved from url=(0040)http://www.example.gov.cn/ -->\n<html>",
            false
        ));
        assert!(looks_like_html("text<BODY class=a>", false));
        assert!(looks_like_html("a <p>b</p>", true));
        assert!(!looks_like_html("a <p>b</p>", false));
        assert!(!looks_like_html("<pre>不是</pre> <param> <bodyx>", true));
        assert!(!looks_like_html("一、加强组织领导 <>", true));
    }

    #[test]
    fn gb_declarations() {
        let (gbk, _, _) =
            GBK.encode("<html><head><meta charset=\"gb2312\"></head><body>报告</body>");
        assert_eq!(
            decode_declared(&gbk).map(|(t, e)| (t.contains("报告"), e)),
            Some((true, "GB18030"))
        );
        let (gbk, _, _) = GBK.encode(
            "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=GBK\"><p>报告</p>",
        );
        assert!(decode_declared(&gbk).is_some());
        // Valid UTF-8 wins over a stale declaration.
        assert!(decode_declared("<meta charset=gbk><p>报告</p>".as_bytes()).is_none());
        let (gbk, _, _) = GBK.encode("<meta charset=utf-8><p>报告</p>");
        assert!(decode_declared(&gbk).is_none());
    }
}

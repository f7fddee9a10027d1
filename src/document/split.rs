//! Lines as a reader sees them. A page may serve a report on one line, or in one paragraph that
//! holds the opening, the sentence announcing the account (现将…报告如下：) and everything after it,
//! with the headings run into the text (`…取得积极成效。 一、主要工作 (一)持续…`). Such a line is cut
//! into virtual lines, each a slice of the folded text with its own start, so that the title,
//! headings, sections and positions are found as on a page laid out line by line:
//!
//! - around a title at the start of a long first line (`当前位置:首页 > … 某镇…工作报告 2024年，我镇…`),
//!   and after the page chrome before its first sentence (`发布日期:2023-03-27 【字体:大 中 小】`);
//! - after the sentence that announces the account (现将…报告如下：, 汇报如下, 报告如下);
//! - before a heading number run into the text (`一、`, `（二）`, `第三部分`) that continues the
//!   numbering of the headings before it, after a full stop, a colon or spaces;
//! - after a short heading run into its text with only spaces between (`一、主要工作 2024年，…`).

use super::RawLine;
use super::page::is_page_chrome;
use crate::text::numbering::{Numbering, heading_number};

/// A line this long or longer (in bytes) is looked at for a title run into its text.
const LONG_LINE: usize = 240;

/// A line with this many sentence ends followed by spaces is paragraphs run together: more kinds
/// of gaps are line breaks there, and a heading may open it.
const RUN_TOGETHER: usize = 3;

/// Cuts the physical lines into virtual lines. Returns them with, for each, its physical line.
pub(super) fn virtual_lines<'a>(physical: &[RawLine<'a>]) -> (Vec<RawLine<'a>>, Vec<usize>) {
    let announcement = announcement_end(physical);
    let mut numbers = Sequence::default();
    let mut out = Vec::with_capacity(physical.len());
    let mut of = Vec::with_capacity(physical.len());
    let mut seen_text = false;
    for (p, line) in physical.iter().enumerate() {
        let mut cuts: Vec<usize> = Vec::new();
        let text = line.text;
        if !seen_text && !text.trim().is_empty() {
            seen_text = true;
            if text.len() >= LONG_LINE {
                cuts.extend(header_cuts(text));
            }
        }
        if let Some((line_index, at)) = announcement
            && line_index == p
            && at < text.len()
            && !text[at..].trim().is_empty()
        {
            cuts.push(at);
        }
        // Heading numbers: at the start of the line (to follow the sequence) and run into it.
        let lead = text.len() - text.trim_start().len();
        if let Some((level, value)) = number_at(&text[lead..]) {
            numbers.accept(level, value);
        }
        let after_announcement = match announcement {
            Some((l, at)) if l == p => at,
            Some((l, _)) if l > p => text.len(),
            _ => 0,
        };
        let mut i = lead + 1;
        while i < text.len() {
            if !text.is_char_boundary(i) {
                i += 1;
                continue;
            }
            let rest = &text[i..];
            let c = rest.chars().next().expect("at a character");
            if i >= after_announcement
                && matches!(
                    c,
                    '(' | '第'
                        | '一'
                        | '二'
                        | '三'
                        | '四'
                        | '五'
                        | '六'
                        | '七'
                        | '八'
                        | '九'
                        | '十'
                )
                && boundary_before(&text[..i])
                && let Some((level, value)) = number_at(rest)
                && numbers.continues(level, value)
            {
                numbers.accept(level, value);
                cuts.push(i);
                if let Some(words_end) = words_before_spaces(rest) {
                    cuts.push(i + words_end);
                }
            }
            i += c.len_utf8();
        }
        // A heading at the start of a long line, its text after spaces.
        if lead < text.len()
            && text.len() >= LONG_LINE / 2
            && number_at(&text[lead..]).is_some()
            && let Some(words_end) = words_before_spaces(&text[lead..])
        {
            cuts.push(lead + words_end);
        }
        // Paragraphs run together: a sentence's end followed by spaces is where a reader sees the
        // next paragraph begin (a page that lost its line breaks keeps the gap between them), and a
        // short line of words then spaces at such a start is a heading run into its text.
        let starts = paragraph_starts(text);
        let line_start = (starts.len() >= RUN_TOGETHER && lead < text.len()).then_some(lead);
        for mut at in line_start.into_iter().chain(starts) {
            if at > lead {
                cuts.push(at);
            }
            // Short lines may follow one another there (a signature, its date, the next title):
            // each ends at its spaces.
            loop {
                let rest = &text[at..];
                let Some(words_end) = words_before_spaces(rest)
                    .or_else(|| phrase_before_spaces(rest))
                    .or_else(|| date_before_spaces(rest))
                else {
                    break;
                };
                at += words_end;
                cuts.push(at);
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        let mut from = 0;
        for cut in cuts.into_iter().filter(|&c| c > 0 && c < text.len()) {
            out.push(RawLine {
                start: line.start + from,
                text: &text[from..cut],
            });
            of.push(p);
            from = cut;
        }
        out.push(RawLine {
            start: line.start + from,
            text: &text[from..],
        });
        of.push(p);
    }
    (out, of)
}

/// The physical line and the byte offset in it just after the sentence announcing the account
/// (现将有关情况报告如下：), in the first part of the text.
fn announcement_end(physical: &[RawLine<'_>]) -> Option<(usize, usize)> {
    let mut seen = 0;
    for (p, line) in physical.iter().enumerate() {
        let text = line.text;
        if seen > 6000 {
            break;
        }
        let mut from = 0;
        while let Some(pos) = text[from..].find("如下") {
            let at = from + pos;
            let end = at + "如下".len();
            from = end;
            let sentence_start = text[..at].rfind(['。', '!', '?', ';']).map_or(0, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8)
            });
            let sentence = &text[sentence_start..at];
            if ![
                "现将", "现就", "报告", "汇报", "总结", "情况", "工作", "具体", "主要", "特此",
            ]
            .iter()
            .any(|w| sentence.contains(w))
            {
                continue;
            }
            let rest = &text[end..];
            let punct = rest.len() - rest.trim_start_matches([':', '。', '.', ' ']).len();
            if punct == 0 && !rest.trim().is_empty() {
                continue;
            }
            return Some((p, end + punct));
        }
        seen += text.len();
    }
    None
}

/// The cuts in a long first line that starts with the page header run into the text: around the
/// title (after a breadcrumb before it, after the title), and after the page chrome that follows
/// (`发布日期:2023-03-27 浏览次数: 【字体:大 中 小】`) before the first sentence.
fn header_cuts(text: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut from = 0;
    if let Some((start, end)) = title_piece(text) {
        // A title further in, after a page's menus and metadata block: a line of its own, and so
        // is a second copy of it right after.
        cuts.push(start);
        cuts.push(end);
        let rest = &text[end..];
        let title = text[start..end].trim_end();
        if let Some(again) = rest.strip_prefix(title) {
            let gap = again.len() - again.trim_start_matches(is_gap).len();
            cuts.push(end + title.len() + gap);
        }
        from = *cuts.last().expect("just pushed");
    } else if let Some(end) = title_cut(text) {
        cuts.push(end);
        // The title's own words: after the last space before it, when what stands there is chrome.
        let words = text[..end].trim_end();
        if let Some(space) = words.rfind(' ') {
            let prefix = text[..space].trim();
            if !prefix.is_empty() && is_page_chrome(prefix) {
                cuts.push(space + 1);
            }
        }
        from = end;
    }
    // Chrome between the title (or the start) and the first sentence.
    // The chrome may follow a second copy of the title (a page that shows it twice): then it is
    // the longest run of space-separated pieces before the sentence that is chrome.
    let rest = &text[from..];
    if let Some(p) = rest.find(['。', ','])
        && let Some(space) = rest[..p].trim_end().rfind(' ')
    {
        let piece_starts = std::iter::once(0).chain(
            rest[..space]
                .match_indices(' ')
                .map(|(i, _)| i + 1)
                .filter(|&i| !rest[..i - 1].ends_with(' ')),
        );
        let limit = |start: usize| if start == 0 { 100 } else { 200 };
        if let Some(start) = piece_starts.into_iter().find(|&start| {
            let chrome = rest[start..space].trim();
            !chrome.is_empty()
                && chrome.chars().count() <= limit(start)
                && (is_page_chrome(chrome) || is_date_line(chrome))
        }) {
            if start > 0 {
                cuts.push(from + start);
            }
            cuts.push(from + space + 1);
        }
    }
    cuts
}

/// A page's date line (`2025-04-27 10:14 某省人民政府网`): a date with a few words and no sentence.
fn is_date_line(text: &str) -> bool {
    use super::page::{Class, classify, collapse_letter_spacing};
    classify(&collapse_letter_spacing(text)) == Some(Class::DateLine)
}

/// Where the title ends in a long first line that starts with it: after 报告, 情况 or 总结 within
/// the first 80 characters, followed by spaces and the text.
fn title_cut(text: &str) -> Option<usize> {
    let lead = text.len() - text.trim_start().len();
    let head: String = text[lead..].chars().take(80).collect();
    let head = &text[lead..lead + head.len()];
    let head = &head[..head.find('。').unwrap_or(head.len())];
    ["报告", "情况", "总结"]
        .iter()
        .flat_map(|w| head.match_indices(w).map(|(at, w)| at + w.len()))
        .filter_map(|at| {
            let after = &text[lead + at..];
            let spaces = after.len() - after.trim_start().len();
            (spaces > 0).then_some(lead + at + spaces)
        })
        .min()
}

/// The title of a page run into one line after its menus and metadata block (`… 发布机构:某镇人民政府
/// 内容概述: 某镇2024年法治政府建设年度报告 时间:…`): the byte range of the first run of words between
/// spaces, before the first sentence, that reads as a report's title (it names 法治 and ends with
/// 报告, 情况 or 总结), with the words before it that belong to it (the body's name, 关于), and the
/// spaces after it.
fn title_piece(text: &str) -> Option<(usize, usize)> {
    let head_end = text.find('。').unwrap_or(text.len()).min(3000);
    let head = &text[..floor_char(text, head_end)];
    // The runs of words between gaps, with their byte ranges.
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in head.char_indices() {
        match (is_gap(c), start) {
            (true, Some(s)) => {
                pieces.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        pieces.push((s, head.len()));
    }
    let is_title = |piece: &str| {
        let piece = piece
            .trim_end_matches(|c: char| c.is_ascii_digit() || "()（）年度".contains(c))
            .trim_end_matches(['(', '（']);
        let n = piece.chars().count();
        (8..=60).contains(&n)
            && piece.contains("法治")
            && (piece.ends_with("报告") || piece.ends_with("情况") || piece.ends_with("总结"))
            && !piece.contains([',', '。', ':', ';', '《', '》', '>', '|'])
            && ![
                "现将", "现就", "根据", "按照", "依据", "为", "在", "我", "本",
            ]
            .iter()
            .any(|w| piece.starts_with(w))
    };
    // A title broken by a space before its last words (…建设工作 情况报告) is read whole.
    // The last step of a breadcrumb (首页 > … > 法治政府建设报告) is no title.
    let in_breadcrumb = |s: usize| head[..s].trim_end_matches(is_gap).ends_with(['>', '»']);
    let (found, end) = pieces.iter().enumerate().find_map(|(k, &(s, e))| {
        if in_breadcrumb(s) {
            return None;
        }
        let whole = |end: usize| {
            (is_title(&head[s..end].replace(is_gap, ""))
                && !head[end..].trim_start().starts_with("如下"))
            .then_some((k, end))
        };
        whole(e).or_else(|| {
            let &(_, next_end) = pieces.get(k + 1)?;
            (head[e..next_end].chars().count() <= 8).then(|| whole(next_end))?
        })
    })?;
    let mut start = pieces[found].0;
    // The body's name and 关于 printed before the title, after a gap (中共某区委 某区人民政府 关于…).
    let is_label =
        |piece: &str| piece.ends_with([':', ']']) || super::page::re_label_start().is_match(piece);
    let mut k = found;
    while k > 0 {
        let (s, e) = pieces[k - 1];
        let piece = &head[s..e];
        let n = piece.chars().count();
        let name_like = (2..=24).contains(&n)
            && piece.chars().all(crate::text::is_han)
            && (piece.ends_with("关于")
                || [
                    "人民政府",
                    "政府",
                    "街道办事处",
                    "办事处",
                    "街道",
                    "镇",
                    "乡",
                    "委",
                    "局",
                    "办公室",
                    "委员会",
                ]
                .iter()
                .any(|w| piece.ends_with(w)));
        // A body's name that is the value of a label (发布机构: 某镇人民政府) is the page's.
        let before = head[..s].trim_end_matches(|c: char| is_gap(c) || "]:】".contains(c));
        let after_label = [
            "机构",
            "机关",
            "单位",
            "来源",
            "部门",
            "科室",
            "作者",
            "发布者",
        ]
        .iter()
        .any(|w| before.ends_with(w));
        if !name_like || after_label || is_label(piece) || in_breadcrumb(s) {
            break;
        }
        start = s;
        k -= 1;
    }
    let after = &text[end..];
    let gap = after.len() - after.trim_start_matches(is_gap).len();
    (start > 0).then_some((start, end + gap))
}

/// `at` moved back to a character boundary of `text`.
fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether the text before a heading number ends a sentence, a clause with a colon, or a run of
/// spaces.
fn boundary_before(before: &str) -> bool {
    before.ends_with(['。', '!', '?', ';', ':', ' ', '”'])
}

/// The level (1 for `一、` and `第一部分`, 2 for `(一)`) and the value of a Chinese heading number
/// at the start of `text`, followed by a Chinese character, a digit (一、2023年工作安排) or an
/// opening quote.
fn number_at(text: &str) -> Option<(u8, u32)> {
    let (level, numbering, len) = heading_number(text)?;
    let after = text[len..].trim_start_matches(' ').chars().next()?;
    if !(crate::text::is_han(after) || after.is_ascii_digit() || matches!(after, '“' | '《' | '"'))
    {
        return None;
    }
    let digits: String = match numbering {
        Numbering::ChineseComma | Numbering::Ordinal => text
            .trim_start_matches('第')
            .chars()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .collect(),
        Numbering::ChineseParen => text[1..]
            .chars()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .collect(),
        _ => return None,
    };
    // 一、二、三级: a list of numbers, not a heading.
    if numbering == Numbering::ChineseComma
        && text[len..].starts_with(|c: char| "一二三四五六七八九十".contains(c))
    {
        return None;
    }
    let value = chinese_value(&digits)?;
    Some((level, value))
}

/// 一 → 1, 十 → 10, 十二 → 12, 二十三 → 23.
fn chinese_value(digits: &str) -> Option<u32> {
    let d = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let chars: Vec<char> = digits.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => d(*c),
        ['十', u] => Some(10 + d(*u)?),
        [t, '十'] => Some(d(*t)? * 10),
        [t, '十', u] => Some(d(*t)? * 10 + d(*u)?),
        _ => None,
    }
}

/// The numbering of the headings read so far: the last value of each of the two Chinese levels.
#[derive(Default)]
struct Sequence {
    top: u32,
    second: u32,
}

impl Sequence {
    fn continues(&self, level: u8, value: u32) -> bool {
        match level {
            1 => value == self.top + 1,
            2 => value == self.second + 1,
            _ => false,
        }
    }

    fn accept(&mut self, level: u8, value: u32) {
        match level {
            1 => {
                self.top = value;
                self.second = 0;
            }
            2 => self.second = value,
            _ => {}
        }
    }
}

/// A heading's number and words followed by spaces and a longer text (`一、主要工作 2024年，…`):
/// the byte length up to the text after the spaces, when the words are short and hold no full stop.
fn words_before_spaces(text: &str) -> Option<usize> {
    let (_, _, len) = heading_number(text)?;
    let rest = &text[len..];
    let words_len = rest.find(' ')?;
    let words = &rest[..words_len];
    let after = rest[words_len..].trim_start();
    let n = words.chars().count();
    ((2..=40).contains(&n)
        && !words.contains(['。', ';'])
        && (is_running_text(after) || after.chars().count() > n || opens_an_item(after)))
    .then(|| text.len() - after.len())
}

/// Text that opens the first item under a heading (`一是…`, `首先…`, `1.…`, `(1)…`).
fn opens_an_item(text: &str) -> bool {
    ["一是", "首先", "第一,"]
        .iter()
        .any(|w| text.starts_with(w))
        || heading_number(text).is_some_and(|(level, _, _)| level >= 3)
}

/// Text that reads as a paragraph: longer than forty characters, or a sentence.
fn is_running_text(text: &str) -> bool {
    text.contains('。') || text.chars().count() > 40
}

/// Spaces as a page that lost its line breaks leaves them: the folded space, a tab, the
/// ideographic space.
fn is_gap(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}')
}

/// The byte offsets in a line where a paragraph begins after the end of a sentence and spaces
/// (`…取得积极成效。 二是加强学习。…`). Spaces after a full stop are no part of Chinese running text;
/// they are what is left of a line break. In a line that has several of them (a page that lost its
/// line breaks), spaces after a closing quote or bracket or a date are line breaks too
/// (`…获评“全国法治政府建设示范市” 今年…`, `2021年9月30日 (此件公开发布)`).
fn paragraph_starts(text: &str) -> Vec<usize> {
    let gaps = |ends: &[char]| {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(pos) = text[from..].find(ends) {
            let end = from + pos + text[from + pos..].chars().next().map_or(1, char::len_utf8);
            let rest = &text[end..];
            let gap = rest.len() - rest.trim_start_matches(is_gap).len();
            if gap > 0 && end + gap < text.len() {
                out.push(end + gap);
            }
            from = end;
        }
        out
    };
    let mut out = gaps(&['。', '!', '?', ';']);
    if out.len() >= RUN_TOGETHER {
        out.extend(gaps(&['”', '」', ')', '》', '日']));
        out.sort_unstable();
    }
    out
}

/// A date alone before spaces and a paragraph (`2022年4月23日 某县2022年…`, a signature's date run
/// into what follows it): the byte length up to the text after the spaces.
fn date_before_spaces(text: &str) -> Option<usize> {
    let date = super::page::DATE.find(text).filter(|m| m.start() == 0)?;
    let after = &text[date.end()..];
    let rest = after.trim_start_matches(is_gap);
    (rest.len() < after.len() && is_running_text(rest)).then(|| text.len() - rest.len())
}

/// A short unnumbered heading run into its text with spaces between (`维护社会环境安全稳定 2022年，…`):
/// the byte length up to the text after the spaces, when the words are 2–25 characters of Chinese
/// (digits allowed) without punctuation and what follows reads as a paragraph.
fn phrase_before_spaces(text: &str) -> Option<usize> {
    let words_len = text.find(is_gap)?;
    let words = &text[..words_len];
    let n = words.chars().count();
    let after = text[words_len..].trim_start_matches(is_gap);
    ((2..=25).contains(&n)
        && words.chars().next().is_some_and(crate::text::is_han)
        && words
            .chars()
            .all(|c| crate::text::is_han(c) || c.is_ascii_digit())
        && is_running_text(after))
    .then(|| text.len() - after.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<&str> {
        let physical = super::super::split_lines(text);
        let (v, _) = virtual_lines(&physical);
        v.iter().map(|l| l.text).collect()
    }

    #[test]
    fn a_report_on_one_line_is_cut_at_its_parts() {
        let body = "认真推进依法行政各项工作，成效明显。";
        let text = format!(
            "某镇2024年法治政府建设工作报告 2024年，我镇{body}现将有关情况报告如下: 一、主要工作和成效 (一)加强组织领导。{body}{body}(二)推进依法决策。{body} 二、存在问题 {body}{body}{body}"
        );
        let got = lines(&text);
        assert_eq!(got[0], "某镇2024年法治政府建设工作报告 ");
        assert!(got[1].ends_with("报告如下: "), "{got:?}");
        assert_eq!(got[2], "一、主要工作和成效 ");
        assert!(got[3].starts_with("(一)加强组织领导。"), "{got:?}");
        assert!(got[4].starts_with("(二)推进依法决策。"), "{got:?}");
        assert_eq!(got[5], "二、存在问题 ");
        assert_eq!(got.len(), 7, "{got:?}");
    }

    #[test]
    fn a_page_on_one_line_loses_its_header() {
        let body = "认真推进依法行政各项工作,成效明显。";
        let text = format!(
            "您当前的位置: 首页 > 政务公开 > 公示公告 某市2022年法治政府建设情况报告 发布日期:2023-03-27 浏览次数: 2022年,某市{body}{body}{body}{body}{body}{body}{body}"
        );
        let got = lines(&text);
        assert_eq!(got[1], "某市2022年法治政府建设情况报告 ", "{got:?}");
        assert!(got[2].starts_with("发布日期"), "{got:?}");
        assert!(got[3].starts_with("2022年,某市"), "{got:?}");
    }

    #[test]
    fn a_title_after_the_page_metadata_is_a_line_of_its_own() {
        let body = "认真推进依法行政各项工作,成效明显。";
        let opening = format!("2024年,某镇{body}{body}{body}{body}{body}{body}{body}");
        // After a breadcrumb, whose last step is no title, and a metadata block whose last label
        // has no value; the body's name printed before 关于 belongs to the title.
        let text = format!(
            "首页 > 政务公开 > 法治政府建设报告 [ 发布机构 ] 某县某镇 [ 发布日期 ] 2025-01-13 [ 有效性 ] 某县某镇人民政府 关于2024年法治政府建设情况的报告 {opening}"
        );
        let got = lines(&text);
        assert!(
            got.contains(&"某县某镇人民政府 关于2024年法治政府建设情况的报告 "),
            "{got:?}"
        );
        assert!(got.last().unwrap().starts_with("2024年,某镇"), "{got:?}");
        // A title broken by a space before its last words, shown twice, then the page's date line.
        let text = format!(
            "• 发布机构:某镇人民政府 • 内容概述: 某镇2024年度法治政府建设工作 情况报告 某镇2024年度法治政府建设工作 情况报告 2025-02-27 10:14 某县人民政府网 {opening}"
        );
        let got = lines(&text);
        assert!(
            got.contains(&"某镇2024年度法治政府建设工作 情况报告 "),
            "{got:?}"
        );
        assert!(got.contains(&"2025-02-27 10:14 某县人民政府网 "), "{got:?}");
        assert!(!got[0].contains("情况报告"), "{got:?}");
        // The sentence that announces the account is no title.
        let text =
            format!("发布日期:2025-01-13 现将某镇2024年法治政府建设工作情况 报告如下: {opening}");
        assert!(title_piece(&text).is_none());
    }

    #[test]
    fn paragraphs_and_headings_run_together_with_spaces_are_cut() {
        let body = "全年开展普法宣传活动12场,发放资料3000余份,群众法治意识明显提升。";
        let text = format!(
            "维护社会环境安全稳定 {body}{body} 一是加强学习。{body} 二是强化培训。{body} 获评“全国法治政府建设示范市” 2021年9月30日 (此件公开发布) {body}"
        );
        let got = lines(&text);
        assert_eq!(got[0], "维护社会环境安全稳定 ", "{got:?}");
        assert!(got[1].starts_with("全年开展"), "{got:?}");
        assert!(got[2].starts_with("一是加强学习。"), "{got:?}");
        assert!(got[3].starts_with("二是强化培训。"), "{got:?}");
        assert_eq!(got[4], "获评“全国法治政府建设示范市” ", "{got:?}");
        assert_eq!(got[5], "2021年9月30日 ", "{got:?}");
        assert!(got[6].starts_with("(此件公开发布)"), "{got:?}");
        // Inside a paragraph laid out on its own line, a full stop and a space are no break, nor
        // spaces between Chinese words (法 治政府) or after a colon.
        let one = format!("发布日期: 2023-03-27 加强法 治政府建设。{body}");
        assert_eq!(lines(&one).len(), 1);
        assert_eq!(lines(&format!("{body} {body}")).len(), 2);
    }

    #[test]
    fn numbers_out_of_sequence_are_not_cut() {
        let text = "一、主要工作\n全年开展一、二、三级培训。落实(三)项制度。二是加强学习。";
        assert_eq!(lines(text).len(), 2);
        assert_eq!(chinese_value("二十三"), Some(23));
        assert_eq!(chinese_value("十"), Some(10));
    }
}

//! Report metadata: whose report it is, for which year, when it was published, its document number.
//!
//! As a reader sees them on the page: the title (joined when printed over two lines, without a site
//! name glued to it or a file name's extension), the organisation (from the title, else the line
//! above it, else the opening sentence, a pronoun such as 我镇 resolved from the names in the text,
//! else the signature; never from a document number, a breadcrumb or the metadata block), the year,
//! the publication date (a labelled date in the page's header or metadata block, in any of the forms
//! sites use, or a date alone there), the date under the signature (`signed`, never taken for the
//! publication date) and the document number (某府文〔2024〕12号, labelled or standing above the
//! title, a 签发人 on its line left out).

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::document::{Document, LineKind, first_year, is_date_line};
use crate::text::is_han;

use super::page::{Class, DATE, classify, collapse_letter_spacing, re, re_label_any, strip_cell};

/// What the report says about itself. Each field is `None` when not found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// The report's title.
    pub title: Option<String>,
    /// The organisation that wrote it.
    pub organization: Option<String>,
    /// The year it reports on.
    pub year: Option<i32>,
    /// When it was published, as `YYYY-MM-DD`: only a publication date the page shows (发布日期,
    /// 发布时间, a date alone in the page header), never the date under the signature.
    pub published: Option<String>,
    /// The line (1-based, in the original text) the publication date was read from; set by the
    /// checker, which knows where the lines are.
    #[serde(default)]
    pub published_line: Option<usize>,
    /// When it was signed, as `YYYY-MM-DD`: the date under the signature at the end.
    pub signed: Option<String>,
    /// The document number (文号), such as `铜府发〔2022〕3号`.
    pub document_number: Option<String>,
}

/// Metadata with the folded-text offsets of the dates, for positions in findings.
pub(crate) struct Found {
    pub metadata: Metadata,
    pub published_at: Option<usize>,
}

/// Words an organisation's name ends with.
const ORGANIZATION_ENDINGS: &[&str] = &[
    "人民政府",
    "政府",
    "办事处",
    "街道",
    "委员会",
    "管委会",
    "管理局",
    "局",
    "委",
    "办公室",
    "办",
    "中心",
    "厅",
    "院",
    "法学会",
    "镇",
    "乡",
    "街",
    "县",
    "市",
    "区",
    "旗",
    "州",
    "盟",
    "省",
    "自治区",
    "新区",
    "开发区",
    "经开区",
    "县委",
];

static DOCNO: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\p{Han}{1,12}[〔\[【(]\s*[12]\d{3}\s*[〕\]】)]\s*\d{1,4}\s*号$"));
static TITLE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"报告|总结|(?:情况|方案|通知|解读|白皮书)\s*(?:\([^)]{0,20}\))?\s*[)】》]?\s*$")
});
static NUMHEAD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:[一二三四五六七八九十]+,?[、.]|\([一二三四五六七八九十]+\)|第[一二三四五六七八九十]+部分)",
    )
});
static ORG_END: &str = r"(?:人民政府|政府|办事处|街道|委员会|管委会|管理委员会|管理局|局|委|办公室|办|中心|厅|院|法学会|镇|乡|街|县|市|区|旗|州|盟|省|自治区|新区|开发区|经开区)";
static ENDS_ORG: LazyLock<Regex> = LazyLock::new(|| re(&format!("{ORG_END}$")));

/// A (virtual) line of the document as the metadata reader sees it.
struct Line<'a> {
    start: usize,
    /// The folded text.
    text: &'a str,
    /// The text with letter-spacing collapsed, bullets and table bars stripped.
    clean: String,
    class: Option<Class>,
    kind: LineKind,
}

fn body_like(c: &str) -> bool {
    c.chars().count() >= 40 && c.contains(['。', ',', ';'])
}

fn is_addressee(c: &str) -> bool {
    c.chars().count() <= 40
        && c.ends_with(':')
        && !re_label_any().is_match(&c.chars().take(6).collect::<String>())
}

/// Reads the metadata of a parsed report from its folded text.
pub(super) fn extract(folded: &str, doc: &Document) -> Found {
    let lines: Vec<Line<'_>> = doc
        .parts
        .iter()
        .map(|(range, kind)| {
            let text = &folded[range.clone()];
            let collapsed = collapse_letter_spacing(text);
            let class = if *kind == LineKind::Blank {
                Some(Class::Blank)
            } else {
                classify(&collapsed)
            };
            Line {
                start: range.start,
                text,
                clean: strip_cell(&collapsed).to_string(),
                class,
                kind: *kind,
            }
        })
        .collect();
    let n = lines.len();

    // Where the opening starts: the first line of running text (or a numbered heading).
    let mut op = n;
    for i in 0..n {
        if lines[i].class.is_some() {
            continue;
        }
        let c = lines[i].clean.as_str();
        if (body_like(c) && (c.contains('。') || c.chars().count() > 80)) || NUMHEAD.is_match(c) {
            // A bulleted slogan above the title is no opening.
            let title_follows = (i + 1..n.min(i + 9))
                .any(|j| lines[j].class.is_none() && is_title_line(&lines[j].clean));
            if i < 3 && lines[i].text.trim_start().starts_with('•') && title_follows {
                continue;
            }
            op = i;
            break;
        }
    }

    let (title, title_block, other_titles) = find_title(&lines, op);
    let organization = find_organization(
        &lines,
        op,
        title.as_deref(),
        title_block.as_deref(),
        &other_titles,
    );
    let year = find_year(&lines, op, title.as_deref()).or(doc.year);
    let (published, published_at, document_number) = find_published(&lines, op);
    let signed = find_signed(&lines);

    Found {
        metadata: Metadata {
            title,
            organization,
            year,
            published,
            published_line: None,
            signed,
            document_number,
        },
        published_at,
    }
}

fn is_title_line(c: &str) -> bool {
    c.chars().count() <= 80 && TITLE_WORD.is_match(c)
}

/// The title: the first block of short lines before the opening that ends like a title (…报告,
/// …情况), lines printed over two or three lines joined; a later block that says more of the same
/// title (the document's own title under a shorter page headline) is preferred.
/// Returns the title, its lines, and the text of the other title blocks (with the organisation line
/// above them kept), where the organisation may be named.
fn find_title(lines: &[Line<'_>], op: usize) -> (Option<String>, Option<Vec<usize>>, Vec<String>) {
    let clean = |i: usize| lines[i].clean.as_str();
    let mut candidates = Vec::new();
    for (i, line) in lines.iter().enumerate().take(op) {
        if line.class.is_some() {
            continue;
        }
        let c = clean(i);
        let len = c.chars().count();
        if (4..=80).contains(&len)
            && !c.contains('。')
            && !is_addressee(c)
            && !DOCNO.is_match(&c.replace(' ', ""))
            && !NUMHEAD.is_match(c)
        {
            candidates.push(i);
        }
    }
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    for &i in &candidates {
        let joins = current.last().is_some_and(|&last| {
            i - last <= 3
                && (last + 1..i).all(|j| lines[j].class == Some(Class::Blank))
                && !TITLE_WORD.is_match(clean(last))
        });
        if !joins && !current.is_empty() {
            blocks.push(std::mem::take(&mut current));
        }
        current.push(i);
        if TITLE_WORD.is_match(clean(i)) {
            blocks.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    // A column label (工作报告, 通知公告) alone above the title is not part of it.
    for b in &mut blocks {
        if b.len() > 1 {
            let first = clean(b[0]);
            if first.chars().count() <= 6 && !ENDS_ORG.is_match(first) {
                b.remove(0);
            }
        }
    }
    let text_of = |b: &[usize]| {
        b.iter()
            .map(|&i| clean_title(clean(i)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let trim = |b: &[usize]| -> Vec<usize> {
        let last = clean(*b.last().expect("a block is never empty"));
        if b.len() > 1
            && (last.starts_with("关于") || last.starts_with(|c: char| c.is_ascii_digit()))
        {
            let orgs = b[..b.len() - 1]
                .iter()
                .filter(|&&i| ENDS_ORG.is_match(clean(i)))
                .count();
            if orgs == b.len() - 1 {
                return if orgs == 1 {
                    b[b.len() - 2..].to_vec()
                } else {
                    b[b.len() - 1..].to_vec()
                };
            }
        }
        if b.len() > 1 && organization_in_title(last).is_some() && first_year(last).is_some() {
            return b[b.len() - 1..].to_vec();
        }
        b.to_vec()
    };
    let no_space = |s: &str| s.replace(' ', "");
    let mut title_blocks: Vec<&Vec<usize>> = blocks
        .iter()
        .filter(|b| is_title_line(clean(*b.last().expect("not empty"))))
        .collect();
    // A column label alone on its line (工作报告) above the title is no title.
    if title_blocks.len() > 1 {
        title_blocks.retain(|b| b.len() > 1 || clean(b[0]).chars().count() > 6);
    }
    if let Some(first) = title_blocks.first() {
        let mut chosen = trim(first);
        for b in &title_blocks[1..] {
            let a = no_space(&text_of(&chosen));
            let tb = trim(b);
            let d = no_space(&text_of(&tb));
            let last = no_space(clean(*tb.last().expect("not empty")));
            if d.len() > a.len() && d.contains(&a) && last != a && !d.contains(&format!("《{a}》"))
            {
                chosen = tb;
            }
        }
        let others = title_blocks
            .iter()
            .map(|b| text_of(&trim(b)))
            .filter(|t| *t != text_of(&chosen))
            .collect();
        return (Some(text_of(&chosen)), Some(chosen), others);
    }
    if let Some(first) = blocks.first() {
        let b: Vec<usize> = first
            .iter()
            .copied()
            .filter(|&i| clean(i).chars().count() >= 12)
            .collect();
        if !b.is_empty() {
            return (Some(text_of(&b)), Some(b), Vec::new());
        }
    }
    (None, None, Vec::new())
}

/// A title line without what a site adds to it: a site name glued on (…报告_某某区人民政府网) or a
/// file name's extension (…报告.docx).
fn clean_title(t: &str) -> String {
    let mut t = t.trim();
    for ext in [".docx", ".doc", ".pdf", ".wps", ".txt", ".html", ".htm"] {
        if let Some(stem) = t.strip_suffix(ext) {
            t = stem;
        }
    }
    if let Some(at) = t.rfind(['_', '|']).or_else(|| t.rfind(" - ")) {
        let site = t[at..].trim_start_matches(['_', '|', ' ', '-']);
        if ["网", "政府", "门户", "网站"]
            .iter()
            .any(|e| site.ends_with(e))
            && at > 0
        {
            t = t[..at].trim_end();
        }
    }
    t.to_string()
}

/// Whether a name is a proper name, not a level word with a department (县政府, 市司法局) or a
/// pronoun (我镇).
fn proper(n: &str) -> bool {
    static LEVEL: LazyLock<Regex> = LazyLock::new(|| {
        re(r"^(?:自治区|街道|省|市|县|区|镇|乡|旗|州|盟|委|局|厅|办)*(?:人民政府|政府)?$")
    });
    static DEPT: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?:自治区|省|市|县|区|镇|乡|街道|旗|州)(?:卫生|司法|应急|交通|生态|市场|教育|人民政府|政府|委|党委|财政|自然|住房|公安|民政|人力|文化|农业|农村|水利|商务|审计|统计|林业|医疗|政务|数据|发展|工业|科技|退役|信访|城市|规划|国资|金融|体育|档案|机关|法院|检察)",
        )
    });
    // A verb phrase (引领全区) or a party committee run into the next body (吉林省委省政府 cut short).
    static NOT_A_NAME: LazyLock<Regex> = LazyLock::new(|| {
        re(r"^(?:引领|推动|推进|加强|坚持|围绕|建设|打造|服务|助力)|委(?:省|市|县|区)$")
    });
    let len = n.chars().count();
    !(len < 3
        || NOT_A_NAME.is_match(n)
        || n.contains(['的', '在', '将', '为'])
        || n.starts_with(['本', '我', '全', '各', '该', '其'])
        || LEVEL.is_match(n)
        || DEPT.is_match(n))
}

fn ends_org(n: &str) -> bool {
    static TRAILER: LazyLock<Regex> = LazyLock::new(|| re(r"\([^)]*\)$"));
    ENDS_ORG.is_match(&TRAILER.replace(n, ""))
}

/// The organisation named in a title: before 关于 or the year; after a leading year; before 法治.
fn organization_from_title(t: &str) -> Option<String> {
    static BRACKET: LazyLock<Regex> = LazyLock::new(|| re(r"^【[^】]*】"));
    static LATIN: LazyLock<Regex> = LazyLock::new(|| re(r"[A-Za-z]+"));
    static BEFORE: LazyLock<[Regex; 2]> = LazyLock::new(|| {
        [
            re(r"^(.*?)\s*(?:关于|发布《|印发)"),
            re(r"^(.*?)\s*\d{4}\s*年"),
        ]
    });
    static YEAR_FIRST: LazyLock<Regex> = LazyLock::new(|| re(r"^\d{4}年度?(.*?)法治"));
    static BEFORE_LAW: LazyLock<Regex> = LazyLock::new(|| re(&format!("^(.*?{ORG_END})法治")));
    let t = BRACKET.replace(t, "");
    let t = LATIN.replace_all(&t, "");
    for pattern in BEFORE.iter() {
        if let Some(m) = pattern.captures(&t) {
            let g = m[1].trim();
            if ends_org(g) && proper(g) {
                return Some(g.to_string());
            }
        }
    }
    if let Some(m) = YEAR_FIRST.captures(&t)
        && ends_org(&m[1])
        && !m[1].is_empty()
    {
        return Some(m[1].to_string());
    }
    if let Some(m) = BEFORE_LAW.captures(&t)
        && proper(&m[1])
    {
        return Some(m[1].to_string());
    }
    None
}

/// The organisation: from the title, the line above it, the opening sentence, a pronoun (我镇)
/// resolved from the names in the text, the signature. Never from a document number, a breadcrumb
/// or the page's metadata.
/// The lines of text from line `op` on (page chrome and blank lines left out), and the opening:
/// the first three of them that are not numbered headings, joined by spaces.
fn text_and_opening<'a>(lines: &'a [Line<'_>], op: usize) -> (Vec<&'a str>, String) {
    let text: Vec<&str> = lines
        .iter()
        .skip(op)
        .filter(|l| l.class.is_none() && l.kind != LineKind::Blank)
        .map(|l| l.clean.as_str())
        .collect();
    let opening = text
        .iter()
        .filter(|c| !NUMHEAD.is_match(c))
        .take(3)
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    (text, opening)
}

fn find_organization(
    lines: &[Line<'_>],
    op: usize,
    title: Option<&str>,
    block: Option<&[usize]>,
    other_titles: &[String],
) -> Option<String> {
    if let Some(org) = title
        .into_iter()
        .chain(other_titles.iter().map(String::as_str))
        .find_map(organization_from_title)
    {
        return Some(org);
    }
    if let Some(b) = block {
        let mut j = b[0];
        while j > 0 {
            j -= 1;
            if lines[j].class != Some(Class::Blank) {
                break;
            }
        }
        if j < b[0] && lines[j].class.is_none() {
            let c = lines[j].clean.as_str();
            if ends_org(c) && c.chars().count() <= 30 && proper(c) {
                return Some(c.to_string());
            }
        }
    }
    let (_, opening) = text_and_opening(lines, op);
    let all_text: String = lines
        .iter()
        .filter(|l| l.class.is_none() && l.kind != LineKind::Blank)
        .map(|l| l.clean.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    if opening.is_empty() {
        return signature_organization(lines);
    }
    static ANNOUNCE: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?:现[将就]|我代表)([^,。]{2,30}?)(?:\d{4}年|向|关于)"));
    static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?:\d{4}年度?(?:以来)?|今年以来|一年来|近年来)?,?\s*((?:在[^。]{0,80}?(?:下|指导),\s*)*)(?:\d{4}年度?(?:以来)?,?)?([\p{Han}、\-()“”]{2,40}?)(?:坚持|深入|认真|始终|全面|紧紧|以|积极|严格|扎实|聚焦|立足|持续|不断|紧扣|按照|围绕|法治政府建设工作|高度重视|在|贯彻|坚定|进一步|着力|党委|党工委|党组|人民政府|政府)",
        )
    });
    static YEAR_NAME: LazyLock<Regex> =
        LazyLock::new(|| re(r"\d{4}年度?([\p{Han}\-]{2,20}?)法治政府建设"));
    static SHORT_NAME: LazyLock<Regex> = LazyLock::new(|| re(r#"\(以下简称[“"]([^”"]+)[”"]\)"#));
    static PROVINCE_PAIR: LazyLock<Regex> =
        LazyLock::new(|| re(r"^(\p{Han}{2,}(?:省|市|县|区)委、(?:省|市|县|区)政府)"));
    static CUT_AT_PARTY: LazyLock<Regex> =
        LazyLock::new(|| re(&format!("^(.*?{ORG_END})(?:党委|党工委|党组|、|$)")));
    static LONGEST: LazyLock<Regex> = LazyLock::new(|| re(&format!("^(.*{ORG_END})")));
    static BARE: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?:(?:我|本)?(?:街道|镇|乡|县|市|区|局|旗)(?:党委|党工委|委)?、?(?:人民)?(?:政府|办事处)?|(?:县|市|区|镇)委、(?:县|市|区|镇)政府|(?:县|市|区|镇)(?:人民)?政府)$",
        )
    });
    static LEVEL_WORD: LazyLock<Regex> = LazyLock::new(|| re(r"街道|镇|乡|县|市|区|局|旗"));
    static PRONOUN: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?:我|本)(镇|乡|县|市|区|局|街道|委|厅)"));
    static LEADING_PAIR: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?:\d{4}年度?(?:以来)?,?)?\s*([\p{Han}&&[^在的将为全]][\p{Han}&&[^在的将为]]+(?:省|市|县|区)委、(?:省|市|县|区)政府)",
        )
    });
    if let Some(m) = LEADING_PAIR.captures(&opening) {
        return Some(m[1].to_string());
    }
    let mut groups: Vec<String> = Vec::new();
    if let Some(m) = SUBJECT.captures(&opening) {
        groups.push(m[2].to_string());
    }
    if let Some(m) = ANNOUNCE.captures(&opening) {
        groups.push(m[1].to_string());
    }
    if let Some(m) = YEAR_NAME.captures(&opening) {
        groups.push(m[1].to_string());
    }
    let mut subject: Option<String> = None;
    for g in groups {
        let mut g = SHORT_NAME
            .replace_all(&g, "")
            .trim_matches('、')
            .to_string();
        if let Some(sc) = SHORT_NAME.captures(&opening)
            && let Some(at) = opening.find(sc.get(0).expect("whole match").as_str())
            && !g.is_empty()
            && opening[..at + 1].contains(&g)
        {
            g = sc[1].to_string();
        }
        let m = PROVINCE_PAIR
            .captures(&g)
            .or_else(|| CUT_AT_PARTY.captures(&g))
            .or_else(|| LONGEST.captures(&g));
        if let Some(m) = m {
            let name = m[1].to_string();
            if proper(&name) {
                return Some(name);
            }
            subject.get_or_insert(name);
        }
    }
    let resolve = |suffix: &str| most_frequent_name(&all_text, suffix);
    if let Some(s) = &subject
        && BARE.is_match(s)
        && let Some(level) = LEVEL_WORD.find(s)
        && let Some(name) = resolve(level.as_str())
    {
        return Some(name);
    }
    if let Some(m) = PRONOUN.captures(&opening)
        && m[0].starts_with('我')
        && let Some(name) = resolve(&m[1])
    {
        return Some(name);
    }
    for suffix in ["街道", "镇", "乡"] {
        if let Some(name) = resolve(suffix)
            && all_text.matches(&name).count() >= 2
        {
            return Some(name);
        }
    }
    signature_organization(lines)
}

/// The organisation line of the sign-off, above the closing date.
fn signature_organization(lines: &[Line<'_>]) -> Option<String> {
    lines
        .iter()
        .filter(|l| l.kind == LineKind::Closing)
        .map(|l| l.clean.as_str())
        .find(|l| !is_date_line(l) && ends_org(l) && proper(l))
        .map(str::to_string)
}

/// The most frequent proper name ending in `suffix` in `text` (the first of equals): 东庄镇 for
/// 我镇.
fn most_frequent_name(text: &str, suffix: &str) -> Option<String> {
    const CUT: &str = "将我在的了和与对把为是于及等、到赴";
    static VERB: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^.*(?:纳入了?|强化|推进|调整|开展|加强|落实|深化|完善|建立|健全|印发|制定|召开|组织|发挥|根据|按照|通过|经过|围绕|依托|指导|支持|全面|进一步|平安|法治|智慧|依法治|社会主义现代化|立足)",
        )
    });
    let mut counts: Vec<(String, usize, usize)> = Vec::new();
    for (at, _) in text.match_indices(suffix) {
        let before = &text[..at];
        let run_start = before
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_han(c) && !CUT.contains(c))
            .last()
            .map_or(at, |(i, _)| i);
        let mut run = &before[run_start..];
        let mut prefix = "";
        if let Some(m) = VERB.find(run) {
            prefix = m.as_str();
            run = &run[m.end()..];
        }
        let len = run.chars().count();
        // A one-character name (盂县, 歙县) only where the text calls it 平安盂县 or 法治盂县.
        let one_character = len == 1 && (prefix.ends_with("平安") || prefix.ends_with("法治"));
        if len >= 2 || one_character {
            let name = format!("{run}{suffix}");
            if !run.starts_with(['本', '我', '全', '各', '该', '其'])
                && !run.starts_with("依法")
                && !run.starts_with("法治")
                && !run.starts_with("平安")
                && (proper(&name) || (one_character && is_han(run.chars().next().unwrap_or(' '))))
            {
                match counts.iter_mut().find(|(n, _, _)| *n == name) {
                    Some(entry) => entry.1 += 1,
                    None => counts.push((name, 1, run_start)),
                }
            }
        }
    }
    counts
        .into_iter()
        .min_by_key(|&(_, count, first)| (std::cmp::Reverse(count), first))
        .map(|(name, _, _)| name)
}

/// The report's year: from the title (the first year not closing a range), the opening's first
/// clause (2024年，…), the first headings, the announcement (现将…2024年度…如下), the body.
fn find_year(lines: &[Line<'_>], op: usize, title: Option<&str>) -> Option<i32> {
    static RANGE_OR_YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"(\d{4})\s*(年|[—\-–~至])"));
    let year_in = |t: &str| -> Option<i32> {
        // The first 2024年 that does not close a range (2021—2025年).
        for m in RANGE_OR_YEAR.captures_iter(t) {
            let whole = m.get(0).expect("whole");
            let before = &t[..whole.start()];
            if before.ends_with(|c: char| c.is_ascii_digit() || "—-–~至".contains(c)) {
                continue;
            }
            let y: i32 = m[1].parse().ok()?;
            if (1990..2100).contains(&y) {
                return Some(y);
            }
        }
        None
    };
    if let Some(y) = title.and_then(year_in) {
        return Some(y);
    }
    let (body, opening) = text_and_opening(lines, op);
    static CLAUSE: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?:^|[。:,]\s*)(\d{4})\s*年度?(?:以来)?,"));
    if let Some(m) = CLAUSE.captures(&opening)
        && let Ok(y) = m[1].parse()
    {
        return Some(y);
    }
    for h in body.iter().filter(|c| NUMHEAD.is_match(c)).take(4) {
        if let Some(y) = year_in(h) {
            return Some(y);
        }
    }
    static ANNOUNCED: LazyLock<Regex> =
        LazyLock::new(|| re(r"现[将就][^。]{0,40}?(\d{4})年度?[^。]{0,30}如下"));
    if let Some(m) = ANNOUNCED.captures(&opening)
        && let Ok(y) = m[1].parse()
    {
        return Some(y);
    }
    static BODY_YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"(\d{4})\s*年(\d{1,2}月)?"));
    for line in &body {
        for m in BODY_YEAR.captures_iter(line) {
            let whole = m.get(0).expect("whole");
            if m.get(2).is_some()
                || line[..whole.start()]
                    .ends_with(|c: char| c.is_ascii_digit() || "—-–~".contains(c))
                || line[whole.end()..]
                    .trim_start()
                    .starts_with(['—', '-', '–', '~'])
            {
                continue;
            }
            if let Ok(y) = m[1].parse::<i32>()
                && (1990..2100).contains(&y)
            {
                return Some(y);
            }
        }
    }
    // Last: the last item of a breadcrumb (… > 法治政府建设年度报告 > 2021年度).
    static LAST_ITEM_YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"[>»》]\s*(\d{4})\s*年度?\s*$"));
    lines
        .iter()
        .filter(|l| l.class == Some(Class::Breadcrumb))
        .find_map(|l| LAST_ITEM_YEAR.captures(&l.clean)?[1].parse().ok())
        .filter(|y| (1990..2100).contains(y))
}

/// The publication date shown on the page (a labelled date in the page's header or metadata, or a
/// date alone there), its offset, and the document number. Dates labelled as when the document was
/// written (成文日期) and site clocks (…星期二) are no publication dates.
fn find_published(
    lines: &[Line<'_>],
    op: usize,
) -> (Option<String>, Option<usize>, Option<String>) {
    const FIRST: &[&str] = &[
        "发布日期",
        "发布时间",
        "发布于",
        "公开日期",
        "信息提供日期",
        "更新时间",
        "时间",
        "日期",
    ];
    const THIRD: &[&str] = &["发文日期", "发文时间", "生成日期"];
    const NEVER: &[&str] = &[
        "公文生成日期",
        "成文日期",
        "成文时间",
        "废止日期",
        "生效时间",
        "终止时间",
    ];
    static NUMBER_LABEL: LazyLock<Regex> =
        LazyLock::new(|| re(r"(?:文号|发文字号)\s*[\]|]?\s*:?\s*\|?\s*(\S+)"));
    static SIGNER: LazyLock<Regex> = LazyLock::new(|| re(r"签发人.*$"));
    // The label a date follows directly: brackets, bars, colon and spaces between.
    let label_before = |prefix: &str| -> Option<&'static str> {
        let p = prefix.trim_end_matches([' ', ':', '|', ']', '[']);
        let mut labels: Vec<&'static str> =
            FIRST.iter().chain(THIRD).chain(NEVER).copied().collect();
        labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
        labels.into_iter().find(|l| {
            p.strip_suffix(l)
                .is_some_and(|before| !before.chars().next_back().is_some_and(is_han))
        })
    };
    let mut best: Option<(u8, String, usize)> = None;
    let mut number: Option<String> = None;
    let header_end = op.min(lines.len());
    for i in 0..header_end {
        let line = &lines[i];
        if matches!(line.class, Some(Class::Clock | Class::Blank)) {
            continue;
        }
        let c = line.clean.as_str();
        let mut dates: Vec<(regex::Captures<'_>, &str)> = DATE
            .captures_iter(c)
            .map(|m| {
                let start = m.get(0).expect("whole").start();
                (m, &c[..start])
            })
            .collect();
        // A label alone at the end of the line, its date on the next.
        let mut next_holder = String::new();
        if label_before(c).is_some()
            && label_before(c)
                .is_some_and(|l| c.trim_end_matches([' ', ':', '|', ']']).ends_with(l))
            && i + 1 < lines.len()
        {
            next_holder = lines[i + 1].clean.clone();
        }
        let next_date = DATE
            .captures(&next_holder)
            .filter(|m| m.get(0).expect("whole").start() == 0);
        if let Some(m) = next_date {
            dates.push((m, c));
        }
        for (m, prefix) in dates {
            let label = label_before(prefix);
            if label.is_some_and(|l| NEVER.contains(&l)) {
                continue;
            }
            let tail: String = prefix
                .chars()
                .rev()
                .take(12)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if label.is_none()
                && ["成文", "生成", "发文", "索引"]
                    .iter()
                    .any(|w| tail.contains(w))
            {
                continue;
            }
            let rank = match label {
                Some(l) if FIRST.contains(&l) => 1,
                Some(_) => 3,
                None => 2,
            };
            let (Ok(y), Ok(mo), Ok(d)) = (
                m[1].parse::<u32>(),
                m[2].parse::<u32>(),
                m[3].parse::<u32>(),
            ) else {
                continue;
            };
            if !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
                continue;
            }
            if best.as_ref().is_none_or(|(r, _, _)| rank < *r) {
                // Where the date stands in the line (the clean text may differ from it by spaces).
                let at = line
                    .text
                    .find(m.get(0).expect("whole").as_str())
                    .map_or(line.start, |k| line.start + k);
                best = Some((rank, format!("{y:04}-{mo:02}-{d:02}"), at));
            }
        }
        if number.is_none()
            && let Some(m) = NUMBER_LABEL.captures(c)
            && DOCNO.is_match(&m[1])
        {
            number = Some(m[1].to_string());
        }
        let without_signer = SIGNER.replace(c, "");
        let candidate = without_signer.trim().replace(' ', "");
        if number.is_none() && line.class.is_none() && DOCNO.is_match(&candidate) {
            number = Some(candidate);
        }
    }
    match best {
        Some((_, date, at)) => (Some(date), Some(at), number),
        None => (None, None, number),
    }
}

/// The date under the signature at the end (when the report was signed, not published).
fn find_signed(lines: &[Line<'_>]) -> Option<String> {
    let tail: Vec<&Line<'_>> = lines
        .iter()
        .rev()
        .filter(|l| l.kind != LineKind::Blank && l.kind != LineKind::Chrome)
        .take(4)
        .collect();
    for line in tail {
        let t = line
            .clean
            .trim_matches(|c: char| matches!(c, '(' | ')' | ' '));
        if (line.kind == LineKind::Closing || is_date_line(t))
            && is_date_line(t)
            && let Some(d) = date_in(t)
        {
            return Some(d);
        }
    }
    None
}

/// Whether `s` ends like an organisation's name, a trailing bracketed second name aside
/// (杭州市城市管理局(杭州市综合行政执法局)).
fn ends_like_organization(s: &str) -> bool {
    let s = match s.strip_suffix(')') {
        Some(inner) => inner.rfind('(').map_or(inner, |i| &inner[..i]),
        None => s,
    };
    ORGANIZATION_ENDINGS.iter().any(|e| s.ends_with(e))
}

/// 重庆市铜梁区双山镇人民政府2021年法治政府建设工作报告 → 重庆市铜梁区双山镇人民政府;
/// 中共浚县县委 浚县人民政府关于2024年… → 中共浚县县委 浚县人民政府.
fn organization_in_title(title: &str) -> Option<String> {
    let cut = [title.find("关于"), year_at(title)]
        .into_iter()
        .flatten()
        .min()?;
    let org = title[..cut].trim();
    (!org.is_empty() && ends_like_organization(org)).then(|| org.to_string())
}

/// Byte offset of the first four-digit year followed by 年.
fn year_at(s: &str) -> Option<usize> {
    let y = first_year(s)?;
    s.find(&format!("{y}年"))
}

/// The first date in `s`: 2022年3月11日, 2022-03-11, 2022.03.11, 2022/3/11; as `YYYY-MM-DD`.
pub(crate) fn date_in(s: &str) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    let number = |from: usize, max: usize| -> Option<(u32, usize)> {
        let len = chars[from..]
            .iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if len == 0 {
            return None;
        }
        let n: String = chars[from..from + len].iter().collect();
        Some((n.parse().ok()?, from + len))
    };
    for i in 0..chars.len() {
        if i > 0 && chars[i - 1].is_ascii_digit() {
            continue;
        }
        let Some((year, after_year)) = number(i, 4) else {
            continue;
        };
        if after_year - i != 4 || !(1990..2100).contains(&year) {
            continue;
        }
        let Some(&sep) = chars.get(after_year) else {
            continue;
        };
        if !matches!(sep, '年' | '-' | '.' | '/') {
            continue;
        }
        let Some((month, after_month)) = number(after_year + 1, 2) else {
            continue;
        };
        let month_sep = if sep == '年' { '月' } else { sep };
        if chars.get(after_month) != Some(&month_sep) {
            continue;
        }
        let Some((day, _)) = number(after_month + 1, 2) else {
            continue;
        };
        if (1..=12).contains(&month) && (1..=31).contains(&day) {
            return Some(format!("{year:04}-{month:02}-{day:02}"));
        }
    }
    None
}

/// Whether a title names the body that wrote the report (某某区人民政府…, 2024年某某镇…) and its
/// year.
pub(crate) fn title_names_body_and_year(title: &str) -> (bool, bool) {
    let folded: String = title.split_whitespace().collect::<Vec<_>>().join("");
    (
        organization_from_title(title).is_some() || organization_from_title(&folded).is_some(),
        first_year(&folded).is_some() || {
            // 年度报告·2020: a year without 年.
            static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"(?:^|\D)(?:19|20)\d\d(?:\D|$)"));
            YEAR.is_match(&folded)
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_form() {
        assert_eq!(
            date_in("发布日期：2022年3月11日").as_deref(),
            Some("2022-03-11")
        );
        assert_eq!(date_in("2022-03-11 10:00").as_deref(), Some("2022-03-11"));
        assert_eq!(date_in("2022.03.11").as_deref(), Some("2022-03-11"));
        assert_eq!(date_in("2022/3/1").as_deref(), Some("2022-03-01"));
        assert_eq!(date_in("编号12022-03-11"), None);
        assert_eq!(date_in("2022年度"), None);
    }

    #[test]
    fn a_name_of_one_character_and_its_level_is_read_where_the_text_names_it_so() {
        let text = "在县委的领导下,县政府坚持依法行政,为宜居宜业宜游区域强县建设提供保障。发挥平安某县、法治某县建设的优势。";
        assert_eq!(most_frequent_name(text, "县").as_deref(), Some("某县"));
        // Going somewhere is no name: 到镇 is where a visitor went.
        assert_eq!(
            most_frequent_name("邀请县公安局专职副书记到镇授课。", "镇"),
            None
        );
    }

    #[test]
    fn organization_from_the_title() {
        assert_eq!(
            organization_in_title("重庆市铜梁区双山镇人民政府2021年法治政府建设工作报告")
                .as_deref(),
            Some("重庆市铜梁区双山镇人民政府")
        );
        assert_eq!(
            organization_in_title("中共浚县县委 浚县人民政府关于2024年法治政府建设情况的报告")
                .as_deref(),
            Some("中共浚县县委 浚县人民政府")
        );
        assert_eq!(
            organization_in_title("关于2022年度法治政府建设情况的报告"),
            None
        );
    }

    #[test]
    fn document_numbers() {
        assert!(DOCNO.is_match("铜府发〔2022〕3号"));
        assert!(DOCNO.is_match("某府文[2024]12号"));
        assert!(!DOCNO.is_match("第3号"));
    }

    #[test]
    fn titles_lose_site_names_and_extensions() {
        assert_eq!(
            clean_title("某区2024年法治政府建设工作报告_某某区人民政府网"),
            "某区2024年法治政府建设工作报告"
        );
        assert_eq!(
            clean_title("某镇2023年法治政府建设情况报告.docx"),
            "某镇2023年法治政府建设情况报告"
        );
    }

    #[test]
    fn titles_naming_a_county_or_city() {
        assert_eq!(
            title_names_body_and_year("某某县2024年法治政府建设情况报告"),
            (true, true)
        );
        assert_eq!(
            title_names_body_and_year("关于2024年度法治政府建设情况的报告"),
            (false, true)
        );
    }
}

//! Evidence per area: which matches count, where the report's parts are, and what was negated.
//!
//! A report has parts: the title, the opening (the paragraphs before the first heading up to the one
//! that announces the account, 现将有关情况报告如下), the account of the year's work, and the parts that belong to areas of scope `own` (the problems found, next year's plans).
//! A section belongs to such an area when its heading, or the heading of a section around it, carries
//! one of the area's heading cues; a paragraph does when its first sentence carries one of the area's
//! lead cues (下一步，…). Everything else under a heading is the account of the work. Areas of scope
//! `work` take evidence only from that account, so a plan to "strengthen legal publicity next year" is
//! not legal publicity done.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::document::{Document, ParagraphKind};
use crate::matching::matcher::{Hits, Matcher, Role, longest_first};
use crate::rules::{RuleSet, Scope};
use crate::text::partition_from;
use crate::text::swar::{self, has_byte};

/// A lead cue counts only this close to the start of its paragraph (in characters): 下一步，… and
/// 当前存在的问题：… lead; 当前和今后一个时期 in the middle of a sentence does not.
const LEAD_CHARS: usize = 12;

/// A heading cue marks a paragraph as about its area when it stands this close to the paragraph's
/// start, in its first clause (（三）强化普法宣传。…).
pub(crate) const TOPIC_CHARS: usize = 20;

/// Which part of the report a paragraph is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Title,
    Preamble,
    Work,
    /// The parts of the areas in the mask (bit = area index).
    Own(u64),
}

impl Part {
    pub fn in_scope(self, scope: Scope, area: usize) -> bool {
        match (scope, self) {
            (_, Part::Title) => false,
            (Scope::All, _) => true,
            (Scope::Work, Part::Work) => true,
            (Scope::Own, Part::Own(mask)) => mask & (1 << area) != 0,
            _ => false,
        }
    }
}

/// One concept term found where its area may take evidence from.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub area: usize,
    pub concept: usize,
    /// Byte range in the document's content.
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
    /// The term.
    pub term: Term,
    /// The negation cue (a pattern of the matcher) that governs it.
    pub negated_by: Option<u32>,
    /// A support term (or a core term demoted by the area's `needs_any`): it counts only beside a
    /// core term of its area or under the area's heading.
    pub support: bool,
    /// Why it does not count, besides negation.
    pub filtered: Option<Filter>,
}

impl Found {
    /// Whether the match counts as evidence: not negated, not filtered.
    pub fn counted(&self) -> bool {
        self.negated_by.is_none() && self.filtered.is_none()
    }
}

/// Why a match is not evidence of work done, besides negation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Filter {
    /// Inside a longer match of another term or a neutral phrase (行政执法 in 综合行政执法).
    Overlapped,
    /// Inside a title in 《》 that the text does not say was made or issued (a law being studied).
    Title,
    /// In a clause about an award or ranking (获评…先进单位).
    Award,
    /// In a sentence about the future (下一步, 明年).
    Future,
    /// The object of a directing act of an area that directs others (听取普法工作汇报): it belongs
    /// to that area's sentence.
    Object,
}

impl Filter {
    /// The reason's code, as `--explain` and the JSON show it.
    pub fn code(self) -> &'static str {
        match self {
            Filter::Overlapped => "overlapped",
            Filter::Title => "title",
            Filter::Award => "award",
            Filter::Future => "future",
            Filter::Object => "object",
        }
    }
}

/// Verbs that, just before a 《title》, say the title was made or issued: its terms count.
const MAKING: [&str; 14] = [
    "制定",
    "印发",
    "出台",
    "编制",
    "编印",
    "修订",
    "起草",
    "审议通过",
    "发布",
    "制发",
    "完成",
    "更新",
    "形成",
    "编写",
];
/// Words of a clause about an award or a ranking: not the year's work.
const AWARD: [&str; 16] = [
    "获评",
    "荣获",
    "被评为",
    "被授予",
    "排名",
    "名列",
    "位列",
    "位居",
    "授牌",
    "表彰",
    "命名为",
    "被命名",
    "入选",
    "成功创建",
    "创成",
    "优秀等次",
];
/// A searcher for any of the [`AWARD`] words, built once (a clause is searched for all of them
/// in one pass).
static AWARD_WORDS: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(AWARD).expect("the award words build a searcher"));

/// Directing acts: a term standing up to [`OBJECT_CHARS`] characters after one, in its clause, is
/// their object (研究普法工作, 审议规范性文件), as is a term inside 听取…汇报.
const DIRECTING: [&str; 6] = ["研究", "审议", "听取", "调度", "督办", "部署"];
/// How far after a directing act its object may stand, in characters.
const OBJECT_CHARS: usize = 10;

/// Directing acts that take a list of objects closed by 等 (围绕行政执法、…等9项重点工作实施督察;
/// 与信访维稳、平安建设等工作同安排、同推进).
const DIRECTING_LIST: [&str; 14] = [
    "研究",
    "部署",
    "听取",
    "督察",
    "督查",
    "调度",
    "审议",
    "汇报",
    "调研",
    "围绕",
    "同安排",
    "同推进",
    "同部署",
    "同考核",
];

/// Whether the match at `start..end` is the object of a directing act in its clause `cs..ce`:
/// within a few characters after the act, inside 听取…汇报, or in a list closed by 等 in a clause
/// that holds a directing act.
fn is_object(text: &str, cs: usize, ce: usize, start: usize, end: usize) -> bool {
    let from = floor_boundary(text, start.saturating_sub(3 * SPAN_CHARS)).max(cs);
    let to = ceil_boundary(text, end + 3 * SPAN_CHARS).min(ce);
    let before = &text[from..start];
    // The last OBJECT_CHARS characters before the match.
    let near = before
        .char_indices()
        .rev()
        .nth(OBJECT_CHARS - 1)
        .map_or(before, |(i, _)| &before[i..]);
    if DIRECTING.iter().any(|d| near.contains(d)) {
        return true;
    }
    if before.contains("听取") && text[end..to].contains("汇报") {
        return true;
    }
    text[end..to].contains('等') && DIRECTING_LIST.iter().any(|d| text[from..to].contains(d))
}

/// Words of a sentence about the future: not the year's work.
const FUTURE: [&str; 7] = [
    "计划将",
    "拟于",
    "下一步",
    "力争",
    "明年",
    "将继续",
    "将进一步",
];

/// A searcher for any of the [`FUTURE`] words, built once.
static FUTURE_WORDS: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(FUTURE).expect("the future words build a searcher"));

/// How far a window around a match is read for nearby words (听取…汇报, a 《 before it), in
/// characters: it keeps the work per match bounded whatever the input.
pub(crate) const SPAN_CHARS: usize = 150;

/// `at` moved back to a character boundary of `text`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `at` moved on to a character boundary of `text`.
fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The clause and sentence ends of a text, found once: the clause or sentence around any match
/// is then found by binary search. Clauses end at 。，；：！？ and line ends; sentences at 。！？；
/// and line ends (as [`sentence_starts`] splits them).
#[derive(Debug, Default)]
pub(crate) struct Stops {
    clause: Vec<(usize, usize)>,
    sentence: Vec<(usize, usize)>,
    len: usize,
}

impl Stops {
    /// The stops of `text`.
    pub fn of(text: &str) -> Stops {
        let mut out = Stops {
            len: text.len(),
            ..Stops::default()
        };
        let mut items = item_starts(text).into_iter().peekable();
        for (i, c) in text.char_indices() {
            if items.next_if_eq(&i).is_some() {
                out.sentence.push((i, i));
                out.clause.push((i, i));
            }
            let stop = (i, i + c.len_utf8());
            if matches!(c, '。' | '!' | '?' | ';' | '\n' | '！' | '？' | '；') {
                out.sentence.push(stop);
                out.clause.push(stop);
            } else if matches!(c, ',' | ':' | '，' | '：') {
                out.clause.push(stop);
            }
        }
        out
    }

    fn around(&self, list: &[(usize, usize)], start: usize, end: usize) -> (usize, usize) {
        let before = list.partition_point(|d| d.1 <= start);
        let from = before.checked_sub(1).map_or(0, |i| list[i].1);
        let after = list.partition_point(|d| d.0 < end);
        let to = list.get(after).map_or(self.len, |d| d.0);
        (from, to)
    }

    /// The clause around `start..end`.
    pub fn clause(&self, start: usize, end: usize) -> (usize, usize) {
        self.around(&self.clause, start, end)
    }

    /// The sentence around `start..end`.
    pub fn sentence(&self, start: usize, end: usize) -> (usize, usize) {
        self.around(&self.sentence, start, end)
    }
}

/// Where the 《 and 》 of a text stand, found once: whether a match is inside a title is then
/// found by binary search instead of by reading back from every match.
struct TitleMarks {
    opens: Vec<usize>,
    closes: Vec<usize>,
}

impl TitleMarks {
    fn of(text: &str) -> TitleMarks {
        let find = |mark: &str| memchr::memmem::find_iter(text.as_bytes(), mark).collect();
        TitleMarks {
            opens: find("《"),
            closes: find("》"),
        }
    }

    /// The last 《 in `from..start` with no 》 after it before `start` (all character boundaries).
    fn open_before(&self, from: usize, start: usize) -> Option<usize> {
        let open = *self.opens[..self.opens.partition_point(|&o| o < start)].last()?;
        if open < from {
            return None;
        }
        let close = self.closes.partition_point(|&c| c <= open);
        if self.closes.get(close).is_some_and(|&c| c < start) {
            return None;
        }
        Some(open)
    }
}

/// For a match inside a 《title》, the eight characters before the title (before the first of a
/// run of titles); `None` outside a title.
fn title_head(
    text: &str,
    marks: &TitleMarks,
    paragraph_start: usize,
    start: usize,
) -> Option<String> {
    // A title is short: look back about SPAN_CHARS characters at most.
    let from = floor_boundary(text, start.saturating_sub(3 * SPAN_CHARS)).max(paragraph_start);
    let open = marks.open_before(from, start)?;
    // The eight characters before the 《 (a run of titles: before the first of them).
    let mut head = &text[from..open];
    loop {
        let trimmed = head.trim_end_matches('、');
        match trimmed
            .strip_suffix('》')
            .and_then(|t| t.rfind('《').map(|i| &t[..i]))
        {
            Some(earlier) => head = earlier,
            None => break,
        }
    }
    let chars: Vec<char> = head.chars().rev().take(8).collect();
    Some(chars.into_iter().rev().collect())
}

/// A term found: a pattern of the matcher, or a year written as `2024年`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Term {
    Pattern(u32),
    Year(i32),
}

impl Term {
    /// The term as written in the rule set (or the year with 年).
    pub fn text(self, matcher: &Matcher) -> String {
        match self {
            Term::Pattern(p) => matcher.pattern(p).to_string(),
            Term::Year(y) => format!("{y}年"),
        }
    }
}

/// A heading cue in a heading, with the section it names.
#[derive(Debug, Clone)]
pub(crate) struct HeadingCue {
    pub area: usize,
    pub section: usize,
    pub start: usize,
    /// The cue: a pattern of the matcher.
    pub term: u32,
}

/// All evidence in one report.
#[derive(Debug, Default)]
pub(crate) struct Gathered {
    pub found: Vec<Found>,
    pub heading_cues: Vec<HeadingCue>,
    /// The part of each paragraph.
    pub parts: Vec<Part>,
    /// Per paragraph, the areas (bit = area index) whose heading cue stands in its lead: its first
    /// clause, within the first [`TOPIC_CHARS`] characters (（一）加强组织领导。…, 一是强化普法宣传，…).
    pub lead_topics: Vec<u64>,
    /// The clause and sentence ends of the running text.
    pub stops: Stops,
    /// The occurrences of the findings' terms ([`Role::NotAReport`], [`Role::FirstResponsibility`]),
    /// anywhere in the content, in order.
    pub marks: Vec<(Role, usize)>,
    /// Per area, the concept matches left out beyond the first [`MAX_FOUND_PER_CONCEPT`] of their
    /// concept.
    pub omitted: Vec<usize>,
}

/// How many matches of one concept are gathered: the rest are only counted
/// ([`Gathered::omitted`]), so that what is kept per report does not grow with the number of
/// matches (a text of one term repeated a million times). Real reports stay far under it.
pub(crate) const MAX_FOUND_PER_CONCEPT: usize = 1000;

/// The index of the paragraph that ends the opening: the one that announces the account
/// (现将有关情况报告如下), as the document found it ([`Document::opening_end`]).
pub(crate) fn opening_end(doc: &Document) -> Option<usize> {
    doc.opening_end
}

/// Gathers the evidence in `doc` from the occurrences of the matcher's patterns, asking whether an
/// occurrence stands on word boundaries only where it would count.
pub(crate) fn gather(
    rules: &RuleSet,
    matcher: &Matcher,
    doc: &Document,
    hits: &mut Hits<'_>,
) -> Gathered {
    let text = doc.content.as_str();
    let own_areas: u64 = rules
        .areas
        .iter()
        .enumerate()
        .filter(|(_, a)| a.scope == Scope::Own)
        .fold(0, |m, (i, _)| m | 1 << i);

    // Cues in headings and in paragraphs' first sentences.
    let mut heading_mask = vec![0u64; doc.headings.len()];
    let mut lead_mask = vec![0u64; doc.paragraphs.len()];
    let mut deep_mask = vec![0u64; doc.headings.len()];
    let mut heading_cues = Vec::new();
    let mut lead_topics = vec![0u64; doc.paragraphs.len()];
    let mut cursor = 0;
    let mut hit_paragraph = Vec::with_capacity(hits.all.len());
    let mut marks = Vec::new();
    for i in 0..hits.all.len() {
        let hit = hits.all[i];
        for &role in matcher.roles(hit.pattern) {
            if matches!(role, Role::NotAReport { .. } | Role::FirstResponsibility) {
                marks.push((role, hit.start));
            }
        }
        while cursor + 1 < doc.paragraphs.len() && doc.paragraphs[cursor].range.end < hit.start {
            cursor += 1;
        }
        hit_paragraph.push(cursor);
        let Some(paragraph) = doc.paragraphs.get(cursor) else {
            continue;
        };
        for &role in matcher.roles(hit.pattern) {
            match (role, paragraph.kind) {
                (Role::HeadingCue { area }, ParagraphKind::Heading(h)) if hits.on_boundaries(i) => {
                    heading_mask[h] |= 1 << area;
                    // An own area's cue deep inside a long heading (（一）…把法治建设纳入…年度工作计划)
                    // is a word of the heading's sentence, not the part's name.
                    let before = text.get(paragraph.range.start..hit.start).unwrap_or("");
                    if before.len() > 4 * TOPIC_CHARS || before.chars().count() > TOPIC_CHARS {
                        deep_mask[h] |= 1 << area;
                    }
                    heading_cues.push(HeadingCue {
                        area,
                        section: h,
                        start: hit.start,
                        term: hit.pattern,
                    });
                }
                (Role::HeadingCue { area }, ParagraphKind::Body) => {
                    let before = text.get(paragraph.range.start..hit.start).unwrap_or("");
                    if before.len() <= 4 * TOPIC_CHARS
                        && before.chars().count() <= TOPIC_CHARS
                        && !before.contains(['。', ':', '!', '?', ';', ','])
                        && hits.on_boundaries(i)
                    {
                        lead_topics[cursor] |= 1 << area;
                    }
                }
                (Role::LeadCue { area }, ParagraphKind::Body) => {
                    // Within the first LEAD_CHARS characters and the first sentence; only that much
                    // of the paragraph is read.
                    let before = text.get(paragraph.range.start..hit.start).unwrap_or("");
                    if before.len() <= 4 * LEAD_CHARS
                        && before.chars().count() <= LEAD_CHARS
                        && !before.contains(['。', ':', '!', '?', ';'])
                        && hits.on_boundaries(i)
                    {
                        lead_mask[cursor] |= 1 << area;
                    }
                }
                _ => {}
            }
        }
    }

    // The own-part mask of each section: its heading's own cues, or its parent's. A subsection's
    // cue counts only near its heading's start (（二）下一步工作计划), not deep in a long heading of
    // the year's work.
    let mut section_mask = vec![0u64; doc.sections.len()];
    for (s, section) in doc.sections.iter().enumerate() {
        let deep = if section.parent.is_some() {
            deep_mask[section.heading]
        } else {
            0
        };
        let own = heading_mask[section.heading] & own_areas & !deep;
        section_mask[s] = if own != 0 {
            own
        } else {
            section.parent.map_or(0, |p| section_mask[p])
        };
    }
    // The opening: the paragraphs before the first heading, up to the one that announces the account
    // (现将有关情况报告如下). Its formula about guiding thought is no evidence of work done.
    let opening_end = opening_end(doc);
    let parts: Vec<Part> = doc
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| match p.kind {
            ParagraphKind::Title => Part::Title,
            _ if lead_mask[i] & own_areas != 0 => Part::Own(lead_mask[i] & own_areas),
            _ => match p.section {
                Some(s) if section_mask[s] != 0 => Part::Own(section_mask[s]),
                Some(_) => Part::Work,
                None if opening_end.is_some_and(|end| i <= end) => Part::Preamble,
                None => Part::Work,
            },
        })
        .collect();

    // Concept terms in running text, in scope, and the neutral phrases.
    let mut found = Vec::new();
    let mut taken: Vec<Vec<usize>> = rules
        .areas
        .iter()
        .map(|a| vec![0; a.concepts.len()])
        .collect();
    let mut omitted = vec![0; rules.areas.len()];
    let mut neutral: Vec<(usize, usize)> = Vec::new();
    for (i, &pi) in hit_paragraph.iter().enumerate() {
        let hit = hits.all[i];
        let Some(paragraph) = doc.paragraphs.get(pi) else {
            continue;
        };
        if paragraph.kind != ParagraphKind::Body || hit.start < paragraph.range.start {
            continue;
        }
        for &role in matcher.roles(hit.pattern) {
            if role == Role::Neutral {
                if hits.on_boundaries(i) {
                    neutral.push((hit.start, hit.end));
                }
                continue;
            }
            let Role::Concept {
                area,
                concept,
                support,
            } = role
            else {
                continue;
            };
            if !parts[pi].in_scope(rules.areas[area].scope, area) || !hits.on_boundaries(i) {
                continue;
            }
            taken[area][concept] += 1;
            if taken[area][concept] > MAX_FOUND_PER_CONCEPT {
                omitted[area] += 1;
                continue;
            }
            let negated_by = hits.negation(hit.start, hit.end);
            found.push(Found {
                area,
                concept,
                start: hit.start,
                end: hit.end,
                paragraph: pi,
                term: Term::Pattern(hit.pattern),
                negated_by,
                support,
                filtered: None,
            });
        }
    }

    // A shorter term of a concept inside a longer term of the same concept is the same evidence
    // (主要负责人 inside 党政主要负责人): keep the longer.
    found.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut reach: Vec<Vec<usize>> = rules
        .areas
        .iter()
        .map(|a| vec![0; a.concepts.len()])
        .collect();
    found.retain(|f| {
        let end = &mut reach[f.area][f.concept];
        if f.end <= *end {
            return false;
        }
        *end = f.end;
        true
    });

    // Across concepts and areas: the longest match wins each character (综合行政执法局 gives
    // 综合行政执法, not also 行政执法); neutral phrases take theirs from every term inside them.
    let spans: Vec<(usize, usize)> = found
        .iter()
        .map(|f| (f.start, f.end))
        .chain(neutral.iter().copied())
        .collect();
    let keep = longest_first(&spans);
    for (f, kept) in found.iter_mut().zip(keep) {
        if !kept {
            f.filtered = Some(Filter::Overlapped);
        }
    }
    // Where the words stand: inside a title in 《》, an award's clause, a sentence about the future,
    // the object of a directing act.
    let stops = Stops::of(text);
    let directing_areas: u64 = rules
        .areas
        .iter()
        .enumerate()
        .filter(|(_, a)| a.directs)
        .fold(0, |m, (i, _)| m | 1 << i);
    // Claims: a review word belongs to what it reviews (规范性文件合法性审查 is normative_docs').
    let claims: Vec<(usize, usize, &crate::rules::Pair)> = rules
        .areas
        .iter()
        .enumerate()
        .flat_map(|(a, area)| {
            area.concepts
                .iter()
                .enumerate()
                .flat_map(move |(c, concept)| concept.claims.iter().map(move |p| (a, c, p)))
        })
        .collect();
    if !claims.is_empty() {
        for f in found.iter_mut().filter(|f| f.filtered.is_none()) {
            let Term::Pattern(p) = f.term else {
                continue;
            };
            if rules.areas[f.area].scope != Scope::Work {
                continue;
            }
            let term = matcher.pattern(p);
            let (cs, _) = stops.clause(f.start, f.end);
            let from =
                floor_boundary(text, f.start.saturating_sub(3 * crate::rules::PAIR_CHARS)).max(cs);
            let before = &text[from..f.start];
            // One object before the term decides; objects of two areas (加强重大行政决策、规范性
            // 文件合法性审查) leave the term where it was.
            let mut claimers = claims
                .iter()
                .filter(|(_, _, pair)| {
                    pair.then.iter().any(|t| t == term)
                        && pair.first.iter().any(|x| before.contains(x.as_str()))
                })
                .map(|&(a, c, _)| (a, c));
            let first = claimers.next();
            if let Some((a, c)) = first.filter(|&ac| claimers.all(|other| other == ac)) {
                f.area = a;
                f.concept = c;
                f.support = false;
            }
        }
    }
    // Two concepts' matches of one span claimed by the same concept are one match. The matches
    // are in order of span, so those of one span stand together: the concepts of the current
    // span are all that needs remembering.
    let mut span = (usize::MAX, 0);
    let mut span_concepts: Vec<(usize, usize)> = Vec::new();
    found.retain(|f| {
        if (f.start, f.end) != span {
            span = (f.start, f.end);
            span_concepts.clear();
        }
        let new = !span_concepts.contains(&(f.area, f.concept));
        if new {
            span_concepts.push((f.area, f.concept));
        }
        new
    });
    // Each clause and sentence is read once (matches come in order): the last answers are kept.
    let mut award = ((usize::MAX, 0), false);
    let mut future = ((usize::MAX, 0), false);
    // Whether the sentence starting at `needs_sentence` meets each (area, concept or usize::MAX
    // for the area) condition asked of it so far; sentences come in order.
    let mut needs_sentence = usize::MAX;
    let mut needs_met: Vec<((usize, usize), bool)> = Vec::new();
    // Any of a rule set's words in a clause or sentence: `str::contains`, not `memmem::find`, as a
    // clause or sentence is short and a memmem searcher built per search cost more than the search.
    let has_any = |range: (usize, usize), words: &[String]| {
        let within = &text[range.0..range.1];
        words.iter().any(|w| within.contains(w.as_str()))
    };
    let titles = TitleMarks::of(text);
    for f in found.iter_mut().filter(|f| f.filtered.is_none()) {
        let paragraph_start = doc.paragraphs[f.paragraph].range.start;
        let work = rules.areas[f.area].scope == Scope::Work;
        let concept = &rules.areas[f.area].concepts[f.concept];
        let unmade = match title_head(text, &titles, paragraph_start, f.start) {
            None => false,
            Some(near) => {
                let made = MAKING.iter().any(|m| near.contains(m));
                let studied = concept.in_titles
                    && concept.needs_any.iter().any(|w| near.contains(w.as_str()));
                !(made || studied)
            }
        };
        if unmade {
            f.filtered = Some(Filter::Title);
        } else if work {
            let (cs, ce) = stops.clause(f.start, f.end);
            let sentence = stops.sentence(f.start, f.end);
            if award.0 != (cs, ce) {
                award = ((cs, ce), AWARD_WORDS.is_match(&text[cs..ce]));
            }
            if future.0 != sentence {
                future = (
                    sentence,
                    FUTURE_WORDS.is_match(&text[sentence.0..sentence.1]),
                );
            }
            if award.1 {
                f.filtered = Some(Filter::Award);
            } else if future.1 {
                f.filtered = Some(Filter::Future);
            } else if directing_areas & (1 << f.area) == 0
                && directing_areas != 0
                && is_object(text, cs, ce, f.start, f.end)
            {
                f.filtered = Some(Filter::Object);
            }
        }
        // A core term of an area or concept with `needs_any` counts as core only in a sentence
        // that has one of each.
        let area = &rules.areas[f.area];
        for (key, needs) in [
            (usize::MAX, &area.needs_any),
            (f.concept, &area.concepts[f.concept].needs_any),
        ] {
            if f.support || needs.is_empty() {
                continue;
            }
            let sentence = stops.sentence(f.start, f.end);
            if needs_sentence != sentence.0 {
                needs_sentence = sentence.0;
                needs_met.clear();
            }
            let met = match needs_met.iter().find(|(k, _)| *k == (f.area, key)) {
                Some(&(_, met)) => met,
                None => {
                    let met = has_any(sentence, needs);
                    needs_met.push(((f.area, key), met));
                    met
                }
            };
            if !met {
                f.support = true;
            }
        }
    }

    // Pairs: a support match followed in its clause by its pair's second word is core (听取…汇报).
    for f in found
        .iter_mut()
        .filter(|f| f.support && f.filtered.is_none())
    {
        let (Term::Pattern(p), concept) = (f.term, &rules.areas[f.area].concepts[f.concept]) else {
            continue;
        };
        if concept.pairs.is_empty() {
            continue;
        }
        let term = matcher.pattern(p);
        let (_, ce) = stops.clause(f.start, f.end);
        let window_end = ceil_boundary(
            text,
            (f.end + 3 * crate::rules::PAIR_CHARS)
                .min(ce)
                .min(text.len()),
        );
        let after = &text[f.end..window_end.max(f.end)];
        if concept.pairs.iter().any(|pair| {
            pair.first.iter().any(|x| x == term)
                && pair.then.iter().any(|y| after.contains(y.as_str()))
        }) {
            // The pair's core match still needs its area's sentence condition (法治, 依法 …).
            let area = &rules.areas[f.area];
            let sentence = stops.sentence(f.start, f.end);
            if area.needs_any.is_empty() || has_any(sentence, &area.needs_any) {
                f.support = false;
            }
        }
    }

    // Concepts shown by a year: `year_offset` years after the report's.
    if let Some(year) = doc.year {
        for (a, area) in rules.areas.iter().enumerate() {
            for (c, concept) in area.concepts.iter().enumerate() {
                let Some(offset) = concept.year_offset else {
                    continue;
                };
                let term = format!("{}年", year + offset);
                for (at, _) in text.match_indices(&term) {
                    let preceded_by_digit = text[..at].ends_with(|ch: char| ch.is_ascii_digit());
                    let Some(pi) = doc.paragraph_at(at) else {
                        continue;
                    };
                    // A year counts in headings too: 四、2024年工作打算.
                    if preceded_by_digit || doc.paragraphs[pi].kind == ParagraphKind::Title {
                        continue;
                    }
                    if parts[pi].in_scope(area.scope, a) && hits.word_starts_at(at) {
                        taken[a][c] += 1;
                        if taken[a][c] > MAX_FOUND_PER_CONCEPT {
                            omitted[a] += 1;
                            continue;
                        }
                        let negated_by = hits.negation(at, at + term.len());
                        found.push(Found {
                            area: a,
                            concept: c,
                            start: at,
                            end: at + term.len(),
                            paragraph: pi,
                            term: Term::Year(year + offset),
                            negated_by,
                            support: false,
                            filtered: None,
                        });
                    }
                }
            }
        }
    }
    found.sort_by_key(|f| (f.start, f.area, f.concept));

    Gathered {
        found,
        heading_cues,
        parts,
        lead_topics,
        marks,
        stops,
        omitted,
    }
}

/// Byte offsets where sentences start in `text`, in order (the first is 0): after each 。!?; and
/// line end.
pub(crate) fn sentence_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 64 + 1);
    out.push(0);
    let mut check = |i: usize, b: u8| {
        if matches!(b, b'!' | b'?' | b';' | b'\n') || (b == 0x82 && ends_full_stop(bytes, i + 1)) {
            out.push(i + 1);
        }
    };
    // Eight bytes at a time: most words hold none of the bytes that can end a sentence.
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let word = swar::word(chunk);
        if has_byte(word, b'!')
            | has_byte(word, b'?')
            | has_byte(word, b';')
            | has_byte(word, b'\n')
            | has_byte(word, 0x82)
            != 0
        {
            for (k, &b) in chunk.iter().enumerate() {
                check(at + k, b);
            }
        }
        at += 8;
    }
    for (k, &b) in chunks.remainder().iter().enumerate() {
        check(at + k, b);
    }
    let items = item_starts(text);
    if !items.is_empty() {
        out.extend(items);
        out.sort_unstable();
        out.dedup();
    }
    out
}

/// Numerals that open an item after the first: 二是, 三是 … 十是.
const ITEM_NUMERALS: &str = "二三四五六七八九十";

/// Where an item marker (二是 … 十是) follows a Han character with no punctuation between: a full
/// stop lost in the copy (…定期开展清理三是落实…), so a sentence starts there.
pub(crate) fn item_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices('是') {
        let before = &text[..at];
        let mut back = before.chars().rev();
        let (Some(numeral), Some(prev)) = (back.next(), back.next()) else {
            continue;
        };
        if ITEM_NUMERALS.contains(numeral)
            && crate::text::is_han(prev)
            && !"一二三四五六七八九十第统唯之不".contains(prev)
        {
            out.push(at - numeral.len_utf8());
        }
    }
    out
}

/// Whether the bytes before `at` are 。 (U+3002: E3 80 82).
#[inline(always)]
fn ends_full_stop(bytes: &[u8], at: usize) -> bool {
    at >= 3 && bytes[at - 3..at] == [0xE3, 0x80, 0x82]
}

/// The characters (their first bytes) in a word of eight bytes.
#[inline(always)]
fn chars_starting_in(word: u64) -> usize {
    // A continuation byte has its top bit set and the next one clear.
    8 - (word & !(word << 1) & 0x8080_8080_8080_8080).count_ones() as usize
}

#[inline(always)]
fn word_at(bytes: &[u8], at: usize) -> u64 {
    swar::word(&bytes[at..])
}

/// From `at`, forward over at most `max` characters without passing `limit` (a character
/// boundary): where it stopped and how many characters it passed. Eight bytes at a time while
/// that stays short of `max`.
#[inline]
fn walk(bytes: &[u8], mut at: usize, limit: usize, max: usize) -> (usize, usize) {
    let mut left = max;
    while left > 0 && at < limit {
        if at + 8 <= limit {
            let n = chars_starting_in(word_at(bytes, at));
            if n < left {
                // May stop inside a character, whose first byte was counted.
                at += 8;
                left -= n;
                continue;
            }
        }
        while at < limit && bytes[at] & 0xC0 == 0x80 {
            at += 1;
        }
        if at >= limit {
            break;
        }
        at += utf8_width(bytes[at]);
        left -= 1;
    }
    (at, max - left)
}

/// From `at`, back over at most `max` characters without passing `limit` (a character boundary):
/// where it stopped. Eight bytes at a time while that stays short of `max`.
#[inline]
fn walk_back(bytes: &[u8], mut at: usize, limit: usize, max: usize) -> usize {
    let mut left = max;
    while left > 0 && at > limit {
        if at - limit >= 8 {
            let n = chars_starting_in(word_at(bytes, at - 8));
            if n < left {
                // May stop inside a character, whose first byte is still to be counted.
                at -= 8;
                left -= n;
                continue;
            }
        }
        at -= 1;
        while bytes[at] & 0xC0 == 0x80 {
            at -= 1;
        }
        left -= 1;
    }
    at
}

/// The length in bytes of the UTF-8 character whose first byte is `b`.
#[inline(always)]
fn utf8_width(b: u8) -> usize {
    match b {
        0..0x80 => 1,
        0x80..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// The sentence around `start..end` in `text`, shortened to about forty characters either side of
/// the match when it is long. `starts` are the sentence starts of `text` (see [`sentence_starts`]);
/// only the characters within forty of the match are read.
/// `sentence` is where the search for the sentence ended last time: excerpts are mostly asked for
/// in order.
pub(crate) fn excerpt(
    text: &str,
    starts: &[usize],
    sentence: &mut usize,
    start: usize,
    end: usize,
) -> String {
    const CONTEXT: usize = 40;
    let bytes = text.as_bytes();
    // Back to the start of the sentence, at most CONTEXT characters.
    *sentence = partition_from(starts, *sentence, |&p| p <= start);
    let sentence_start = starts[*sentence - 1];
    let (from, cut_before) = if start - sentence_start <= CONTEXT {
        (sentence_start, false)
    } else {
        let at = walk_back(bytes, start, sentence_start, CONTEXT);
        (at, at > sentence_start)
    };
    // On to the end of the sentence (its full stop included, a line end not), at most CONTEXT
    // characters.
    let next = partition_from(starts, *sentence, |&p| p <= end);
    let (to, cut_after) = match starts.get(next) {
        Some(&after) => {
            // The sentence ends with the character before `after`: 。 or one byte.
            let stop = if after >= 3 && ends_full_stop(bytes, after) {
                after - 3
            } else {
                after - 1
            };
            let including = if bytes[stop] == b'\n' { stop } else { after };
            if stop - end < CONTEXT {
                (including, false)
            } else {
                let (at, n) = walk(bytes, end, stop, CONTEXT);
                if at == stop && n < CONTEXT {
                    (including, false)
                } else {
                    (at, true)
                }
            }
        }
        None if text.len() - end <= CONTEXT => (text.len(), false),
        None => {
            let (at, _) = walk(bytes, end, text.len(), CONTEXT);
            (at, at < text.len())
        }
    };
    // The excerpt is trimmed of spaces at either end; the … marks are not spaces.
    let mut body = &text[from..to];
    if !cut_before {
        body = body.trim_start();
    }
    if !cut_after {
        body = body.trim_end();
    }
    let mark = '…'.len_utf8();
    let mut out = String::with_capacity(body.len() + 2 * mark);
    if cut_before {
        out.push('…');
    }
    out.push_str(body);
    if cut_after {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The excerpt as first written, a character at a time: the reference.
    fn excerpt_by_chars(text: &str, start: usize, end: usize) -> String {
        const CONTEXT: usize = 40;
        let is_sentence_end = |c: char| matches!(c, '。' | '!' | '?' | ';' | '\n');
        let mut from = start;
        let mut cut_before = false;
        for (n, (i, c)) in text[..start].char_indices().rev().enumerate() {
            if is_sentence_end(c) {
                break;
            }
            if n == CONTEXT {
                cut_before = true;
                break;
            }
            from = i;
        }
        let mut to = end;
        let mut cut_after = false;
        for (n, (i, c)) in text[end..].char_indices().enumerate() {
            if n == CONTEXT {
                cut_after = true;
                break;
            }
            to = end + i + c.len_utf8();
            if is_sentence_end(c) {
                if c == '\n' {
                    to -= 1;
                }
                break;
            }
        }
        let mut out = String::new();
        if cut_before {
            out.push('…');
        }
        out.push_str(&text[from..to]);
        if cut_after {
            out.push('…');
        }
        out.trim().to_string()
    }

    fn sentence_starts_by_chars(text: &str) -> Vec<usize> {
        std::iter::once(0)
            .chain(
                text.char_indices()
                    .filter(|&(_, c)| matches!(c, '。' | '!' | '?' | ';' | '\n'))
                    .map(|(i, c)| i + c.len_utf8())
                    .chain(item_starts(text)),
            )
            .collect::<std::collections::BTreeSet<usize>>()
            .into_iter()
            .collect()
    }

    proptest! {
        #[test]
        fn excerpts_and_sentences_as_by_characters(
            text in "[法治。!?;\n ã…\u{3000}\u{1F600}a]{0,120}|[法治。ã\u{1F600}a]{0,200}",
            a in 0usize..200,
            b in 0usize..200,
        ) {
            prop_assert_eq!(sentence_starts(&text), sentence_starts_by_chars(&text));
            let mut cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            cuts.dedup();
            let (mut start, mut end) = (cuts[a % cuts.len()], cuts[b % cuts.len()]);
            if start > end {
                std::mem::swap(&mut start, &mut end);
            }
            let starts = sentence_starts(&text);
            let mut hint = a % (starts.len() + 1);
            prop_assert_eq!(excerpt(&text, &starts, &mut hint, start, end), excerpt_by_chars(&text, start, end));
        }
    }
}

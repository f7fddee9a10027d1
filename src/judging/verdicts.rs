//! Area verdicts and the total score.
//!
//! An area of scope `work` is **present** when some unit of text of its own states concrete work
//! of the area (the rules, each named in the verdict's `reason`):
//! - *concrete* (R1): a sentence about the area (it holds a core term of the area and no more core
//!   terms of any other area) with a core term and, in that term's clause, a count (12件, 3场), a
//!   title in 《》 or a quoted name; or two distinct terms of the area and such an item anywhere in
//!   the sentence;
//! - *dense* (R2): a sentence about the area, at least `sentence_chars` long, with two distinct core
//!   terms or three distinct terms;
//! - *single* (R4, areas with `single = true`): a sentence about the area, at least `single_chars`
//!   long, naming a core term outside a list (a named 学法 mechanism stated once);
//! - *headed* (R5): a section whose heading (or a paragraph whose lead) names the area, with at least
//!   `section_chars` characters under it holding a core term of the area or two distinct terms,
//!   and a count, title or quoted name or two distinct terms;
//! - *repeated* (R6): two sentences about the area with core terms in one paragraph, together at
//!   least `paragraph_chars` long.
//!
//! Matches count only when not negated, not inside a longer match, not in an unmade 《title》, an
//! award's clause or a sentence about the future (see `evidence`). Support terms count only in a
//! sentence with a core term of their area, or under the area's heading. An area with counted
//! matches and none of the rules met is **weak**; with none, **missing**.
//!
//! An area of scope `own` (problems found, next year's plans) is judged inside its own part (an area
//! of scope `all` anywhere in the report) by counting concepts: the
//! distinct concepts found, plus the heading bonus when a heading names the area and its section
//! holds evidence in more than one sentence, against `present` (in at least `min_sentences`
//! sentences) and `weak`.
//!
//! A present area scores its share of 100, a weak one `weak_share` of it, a missing one nothing. The
//! total is the sum; a report passes when the total reaches the pass mark and no required area is
//! missing.

use crate::document::positions::Positions;
use crate::document::{Document, ParagraphKind};
use crate::judging::evidence::{
    Filter, Found, Gathered, TOPIC_CHARS, Term, excerpt, sentence_starts,
};
use crate::matching::matcher::Matcher;
use crate::rules::{RuleSet, Scope};
use crate::text::partition_from;
use memchr::memmem;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// Whether a report covers an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Enough distinct concepts were found.
    Present,
    /// Some were found, not enough.
    Weak,
    /// Too few or none.
    Missing,
}

impl Status {
    /// `present`, `weak` or `missing`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Present => "present",
            Status::Weak => "weak",
            Status::Missing => "missing",
        }
    }

    /// The word a person reads: 具备 / 薄弱 / 缺失, or present / weak / missing.
    pub fn label(self, lang: crate::text::lang::Lang) -> &'static str {
        match self {
            Status::Present => lang.pick("具备", "present"),
            Status::Weak => lang.pick("薄弱", "weak"),
            Status::Missing => lang.pick("缺失", "missing"),
        }
    }
}

/// One term found in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The rule term that matched, as written in the rule set.
    pub term: String,
    /// The concept it shows.
    pub concept: String,
    /// 1-based line in the original text.
    pub line: usize,
    /// 1-based column in the original text, counted in characters.
    pub column: usize,
    /// The sentence around the match.
    pub excerpt: String,
    /// True when a negation cue governs the term (本年度未作出重大行政决策): it does not count.
    pub negated: bool,
    /// True when found in the section whose heading names the area (see [`AreaVerdict::heading`]).
    pub under_heading: bool,
    /// Whether it counts as evidence: not negated and not filtered (see `reason`).
    pub counted: bool,
    /// `core` (says the area by itself) or `support` (counts only beside a core term or under the
    /// area's heading).
    pub strength: String,
    /// Why it does not count, when it does not: `negated`, `overlapped` (inside a longer match),
    /// `title` (inside a 《title》 not said to be made), `award`, `future`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reason: Option<String>,
    /// The negation cue, when negated.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub negated_by: Option<String>,
    /// For a report read from a PDF or OFD file, or a .docx that records its page breaks, the page
    /// (1-based) the matched term is on, as the file counts its pages; set by
    /// [`Checker::check_file_bytes`](crate::Checker::check_file_bytes).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page: Option<usize>,
}

/// A heading that marks a section as belonging to an area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadingEvidence {
    /// The heading cue that matched.
    pub term: String,
    /// 1-based line of the heading.
    pub line: usize,
    /// 1-based column of the cue, in characters.
    pub column: usize,
    /// The heading's words.
    pub heading: String,
}

/// A concept that was looked for and not found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LookedFor {
    /// The concept's id.
    pub concept: String,
    /// Its terms.
    pub terms: Vec<String>,
}

/// How many matches of one concept an area's [`AreaVerdict::evidence`] keeps; the rest are only
/// counted ([`AreaVerdict::evidence_omitted`]). Real reports stay well under it.
pub const MAX_EVIDENCE_PER_CONCEPT: usize = 50;

/// The verdict on one area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaVerdict {
    /// The area's id (`leadership`, `publicity`, …).
    pub id: String,
    /// Its Chinese title.
    pub title: String,
    /// Present, weak or missing.
    pub status: Status,
    /// Points scored, out of `max_score`.
    pub score: f64,
    /// The area's share of 100.
    pub max_score: f64,
    /// Whether missing this area fails the report.
    pub required: bool,
    /// Distinct concepts found.
    pub concepts_found: u32,
    /// Concepts credited for a heading that names the area (0 or the rule set's bonus).
    pub heading_bonus: u32,
    /// Areas of scope `own`: concepts (found plus bonus) needed for present (1 for work areas).
    pub present_at: u32,
    /// Areas of scope `own`: concepts needed for weak (1 for work areas).
    pub weak_at: u32,
    /// The heading that marks the area's section, if any.
    pub heading: Option<HeadingEvidence>,
    /// Terms found, counted and negated, in the order they stand in the report: the first
    /// [`MAX_EVIDENCE_PER_CONCEPT`] of each concept (see `evidence_omitted` for the rest).
    pub evidence: Vec<Evidence>,
    /// Terms found beyond the first [`MAX_EVIDENCE_PER_CONCEPT`] of their concept: counted in the
    /// verdict as the others, left out of `evidence` so that what a report keeps and prints does not
    /// grow with the number of matches (a text of one term repeated a million times).
    #[serde(default)]
    pub evidence_omitted: usize,
    /// Concepts not found, with their terms: what was looked for.
    pub looked_for: Vec<LookedFor>,
    /// Why the status came out as it did, in words a reviewer reads: the rule met and where, or
    /// what was lacking.
    #[serde(default)]
    pub reason: String,
}

/// For every section, the number of sentences of running text in it (its subsections included).
fn sentences_per_section(doc: &Document) -> Vec<usize> {
    let mut counts = vec![0; doc.sections.len()];
    for p in doc
        .paragraphs
        .iter()
        .filter(|p| p.kind == ParagraphKind::Body)
    {
        let text = doc.content[p.range.clone()].trim_end();
        // 。!?; (the full-width ones as folded to ASCII), counted from the bytes.
        let bytes = text.as_bytes();
        let marks = bytes
            .iter()
            .filter(|&&b| matches!(b, b'!' | b'?' | b';'))
            .count()
            + memchr::memmem::find_iter(bytes, "。").count();
        let n = marks + usize::from(!text.ends_with(['。', '!', '?', ';']));
        for s in doc.ancestors(p.section) {
            counts[s] += n;
        }
    }
    counts
}

/// For every section, the areas (as a bit mask) with counted evidence in it (subsections included).
fn evidence_per_section(doc: &Document, gathered: &Gathered) -> Vec<u64> {
    let mut masks = vec![0u64; doc.sections.len()];
    for f in gathered.found.iter().filter(|f| f.counted()) {
        for s in doc.ancestors(doc.paragraphs[f.paragraph].section) {
            if masks[s] & (1 << f.area) != 0 {
                break; // the enclosing sections have it already
            }
            masks[s] |= 1 << f.area;
        }
    }
    masks
}

/// Rounds to one decimal, the precision scores are reported in.
pub(crate) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Whether `c` is a unit a count is written in (12件, 3场, 95%): the first character of each.
/// (A `matches!` rather than `str::contains`: this is asked of every character of a sentence.)
fn is_count_unit(c: char) -> bool {
    matches!(
        c,
        '件' | '次'
            | '场'
            | '人'
            | '名'
            | '个'
            | '项'
            | '期'
            | '份'
            | '条'
            | '篇'
            | '家'
            | '起'
            | '批'
            | '户'
            | '部'
            | '支'
            | '所'
            | '天'
            | '小'
            | '%'
            | '幅'
            | '册'
            | '本'
            | '课'
            | '宗'
            | '元'
            | '亩'
            | '轮'
            | '套'
            | '张'
            | '处'
            | '类'
            | '万'
            | '亿'
    )
}

/// Whether `c` is a unit of a count written in Chinese numerals (三次, 两场).
fn is_cn_unit(c: char) -> bool {
    matches!(c, '次' | '场' | '期' | '批' | '轮')
}

/// Whether `c` is a Chinese numeral (一 to 十, 两).
fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '两' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Where `text` states something concrete: a count (12件, 3场, 95%, not a year), a count in
/// Chinese numerals (三次), a title in 《》, a quoted name of 2–14 characters, or a named campaign
/// (开展…专项整治). Offsets into `text`, in order.
pub(crate) fn substance(text: &str) -> Vec<usize> {
    substance_items(text)
        .into_iter()
        .map(|(at, _)| at)
        .collect()
}

/// A concrete item: its offset, and for a quoted name the span inside the quotes.
type Item = (usize, Option<(usize, usize)>);

/// The concrete items of sentences, by sentence index.
type SubstanceBySentence = std::collections::HashMap<usize, Vec<Item>>;

/// As [`substance`], with the span inside the quotes of a quoted name (to tell a quoted rule term,
/// “三重一大”, from a named local measure).
fn substance_items(text: &str) -> Vec<Item> {
    // One pass over the text with a few characters of look-ahead: nothing here grows with the text
    // but the items found (a sentence may be a whole report served without punctuation).
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        let rest = &text[at..];
        if c.is_ascii_digit() {
            let digits = rest
                .find(|d: char| !(d.is_ascii_digit() || d == '.'))
                .unwrap_or(rest.len());
            let filler = rest[digits..]
                .find(|f: char| !matches!(f, '余' | '多' | ' '))
                .map_or(rest.len(), |n| digits + n);
            let mut tail = rest[filler..].chars();
            let (unit, after) = (tail.next(), tail.next());
            // 小 and 课 are units only in 小时 and 课时.
            let unit_ok = match unit {
                Some('小' | '课') => after == Some('时'),
                Some(u) => is_count_unit(u),
                None => false,
            };
            // 第17次会议 names one meeting: concrete, where 第3条 is not a count.
            let meeting = prev == Some('第')
                && unit == Some('次')
                && rest[filler..].chars().skip(1).take(4).any(|c| c == '会');
            let is_count = unit_ok
                && (meeting || !prev.is_some_and(|p| matches!(p, '年' | '月' | '.' | '第')));
            if is_count {
                out.push((at, None));
            }
            prev = rest[..filler].chars().next_back();
            at += filler;
            continue;
        }
        if is_cn_digit(c) {
            let run = rest.chars().take(3).take_while(|&d| is_cn_digit(d)).count();
            let run_bytes = rest.char_indices().nth(run).map_or(rest.len(), |(b, _)| b);
            let mut tail = rest[run_bytes..].chars();
            let (unit, next) = (tail.next(), tail.next());
            // 一批, 一次 alone say "a batch", "once" as often as they count.
            let lone_one = run == 1 && c == '一';
            if !lone_one
                && unit.is_some_and(is_cn_unit)
                && !prev.is_some_and(|p| is_cn_digit(p) || p == '第')
                && !next.is_some_and(|n| matches!(n, '办' | '制'))
            {
                out.push((at, None));
            }
            prev = rest[..run_bytes].chars().next_back();
            at += run_bytes;
            continue;
        }
        if c == '《' {
            out.push((at, None));
        }
        if c == '“' || c == '"' || c == '「' {
            let inside = at + c.len_utf8();
            let close = text[inside..]
                .char_indices()
                .take(15)
                .enumerate()
                .find(|&(_, (_, q))| matches!(q, '”' | '"' | '」'));
            if let Some((n, (b, q))) = close
                && n >= 2
            {
                // A quoted combination named as a system (“书面述法+会议述法+以案述法”制度) is a
                // named measure even where it is made of rule terms.
                let after_quote = inside + b + q.len_utf8();
                let system = n >= 6
                    && MECHANISMS
                        .iter()
                        .any(|m| text[after_quote..].starts_with(m));
                out.push((at, (!system).then_some((inside, inside + b))));
            }
        }
        prev = Some(c);
        at += c.len_utf8();
    }
    // A named campaign: 开展…专项整治, 组织…专项行动 (the act within thirty characters before).
    for finder in CAMPAIGN_FINDERS.iter() {
        for at in finder.find_iter(text.as_bytes()) {
            let mut from = at.saturating_sub(90);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            if ["开展", "组织", "部署"]
                .iter()
                .any(|act| text[from..at].contains(act))
            {
                out.push((at, None));
            }
        }
    }
    out.sort_unstable_by_key(|&(at, _)| at);
    out
}

/// What a quoted combination is named as, right after the closing quote: a system of its own.
const MECHANISMS: [&str; 4] = ["制度", "机制", "模式", "工作法"];

/// Campaign words: after 开展, 组织 or 部署 they name a campaign, which is concrete work.
const CAMPAIGNS: [&str; 7] = [
    "专项整治",
    "专项行动",
    "专项活动",
    "专项检查",
    "集中整治",
    "专项督察",
    "攻坚行动",
];

/// Searchers for [`CAMPAIGNS`], built once (each sentence with a core match is searched for every
/// campaign word; a searcher built per search cost more than the search).
static CAMPAIGN_FINDERS: LazyLock<Vec<memmem::Finder<'static>>> =
    LazyLock::new(|| CAMPAIGNS.iter().map(memmem::Finder::new).collect());

/// Two offsets: a match's start and end, or a core match's start and area.
type Span = (usize, usize);

/// The rule that made a work area present, for its `reason`.
enum Met {
    Concrete {
        at: usize,
    },
    Single {
        at: usize,
    },
    Item {
        at: usize,
    },
    Dense {
        at: usize,
        chars: usize,
        terms: usize,
    },
    Headed {
        heading: String,
        chars: usize,
    },
    Repeated {
        at: usize,
        sentences: usize,
    },
    Cut {
        heading: String,
    },
}

/// A sentence's evidence for one area.
#[derive(Default)]
struct SentenceEvidence<'f> {
    core: Vec<&'f Found>,
    support: Vec<&'f Found>,
}

/// The verdict of a work area and its reason.
#[allow(clippy::too_many_arguments)]
fn judge_work(
    rules: &RuleSet,
    doc: &Document,
    gathered: &Gathered,
    a: usize,
    starts: &[usize],
    sentence_of: &[usize],
    substance_of: &SubstanceBySentence,
    core_per_sentence: &std::collections::HashMap<usize, Vec<u32>>,
    section_paragraphs: &[Vec<usize>],
    (spans, cores): (&[Span], &[Span]),
    positions: &Positions<'_>,
) -> (Status, String) {
    let text = doc.content.as_str();
    let v = &rules.verdict;
    let sentence_range = |s: usize| {
        let start = starts[s];
        let end = starts.get(s + 1).copied().unwrap_or(text.len());
        start..end
    };
    let chars = |r: std::ops::Range<usize>| text[r].trim().chars().count();
    // A sentence is about the area when it holds a core match of it and no more of any other work
    // area; a sentence naming three or more areas is about one only when it holds half of the core
    // matches (a list of areas in general terms is about none).
    let about = |s: usize| {
        core_per_sentence.get(&s).is_some_and(|counts| {
            let mine = counts[a];
            let work = || {
                counts
                    .iter()
                    .enumerate()
                    .filter(|&(b, _)| rules.areas[b].scope == Scope::Work)
            };
            let total: u32 = work().map(|(_, &n)| n).sum();
            let areas = work().filter(|&(_, &n)| n > 0).count();
            mine > 0 && work().all(|(_, &n)| n <= mine) && (areas < 3 || 2 * mine >= total)
        })
    };
    // Counted matches of the area, by sentence.
    let mut by_sentence: std::collections::BTreeMap<usize, SentenceEvidence<'_>> =
        Default::default();
    let mut any = false;
    let mut by_paragraph: std::collections::HashMap<usize, Vec<&Found>> = Default::default();
    for (i, f) in gathered.found.iter().enumerate() {
        if f.area != a || !f.counted() {
            continue;
        }
        any = true;
        by_paragraph.entry(f.paragraph).or_default().push(f);
        let entry = by_sentence.entry(sentence_of[i]).or_default();
        if f.support {
            entry.support.push(f);
        } else {
            entry.core.push(f);
        }
    }
    // With nothing counted only a section cut by the end of the text may still show the area
    // (its complete clause names a document); otherwise the area is missing.
    let distinct = |list: &[&Found]| {
        let mut terms: Vec<(u8, i64)> = list
            .iter()
            .map(|f| match f.term {
                Term::Pattern(p) => (0, i64::from(p)),
                Term::Year(y) => (1, i64::from(y)),
            })
            .collect();
        terms.sort_unstable();
        terms.dedup();
        terms.len()
    };
    // A clause is about the area when no other work area has more core matches in it (a tie goes
    // to the area named first).
    let clause_about = |cs: usize, ce: usize| {
        let from = cores.partition_point(|&(at, _)| at < cs);
        let to = cores.partition_point(|&(at, _)| at < ce);
        let mut counts = vec![0u32; rules.areas.len()];
        for &(_, b) in &cores[from..to] {
            counts[b] += 1;
        }
        // A tie goes to the area named first.
        let first = cores[from..to].first().map(|&(_, b)| b);
        counts[a] > 0
            && counts
                .iter()
                .enumerate()
                .all(|(b, &n)| n < counts[a] || (n == counts[a] && (b == a || first == Some(a))))
    };
    let mut met = None;
    let mut paragraph_substance: std::collections::HashMap<usize, bool> = Default::default();
    // R1 concrete, R2 dense, R3 item and R4 single, sentence by sentence.
    for (&s, ev) in &by_sentence {
        if ev.core.is_empty() {
            continue;
        }
        let sentence_about = about(s);
        let range = sentence_range(s);
        // A quotation holding a rule term (“三重一大”, “法治督察+执法监督”) is a slogan, not a
        // named measure.
        let found_here: Vec<usize> = substance_of[&s]
            .iter()
            .copied()
            .filter(|(_, quoted)| {
                quoted.is_none_or(|(qs, qe)| {
                    let (qs, qe) = (range.start + qs, range.start + qe);
                    let k = spans.partition_point(|&(start, _)| start < qs);
                    !spans
                        .get(k)
                        .is_some_and(|&(start, end)| start < qe && end <= qe)
                })
            })
            .map(|(at, _)| at)
            .collect();
        let core_terms = distinct(&ev.core);
        let all: Vec<&Found> = ev.core.iter().chain(&ev.support).copied().collect();
        let all_terms = distinct(&all);
        // A count, title or name in the clause of a core match, the clause or the sentence about
        // the area.
        let item_in = |cs: usize, ce: usize| {
            // The first item at or after the clause's start, if it is before its end.
            let k = found_here.partition_point(|&o| range.start + o < cs);
            found_here.get(k).is_some_and(|&o| range.start + o < ce)
        };
        let in_clause = ev.core.iter().any(|f| {
            let (cs, ce) = gathered.stops.clause(f.start, f.end);
            if item_in(cs, ce) && (sentence_about || clause_about(cs, ce)) {
                return true;
            }
            // In a sentence about the area, the count may close the next clause when that clause
            // names no other area (联动…智慧信访平台,及时跟进处理案件50余件).
            let comma = text[ce..].starts_with([',', '，', ':', '：']);
            let after = text[ce..].chars().next().map_or(ce, |c| ce + c.len_utf8());
            comma && sentence_about && after < range.end && {
                let (ns, ne) = gathered.stops.clause(after, after);
                let from = cores.partition_point(|&(at, _)| at < ns);
                let to = cores.partition_point(|&(at, _)| at < ne);
                item_in(ns, ne) && cores[from..to].iter().all(|&(_, b)| b == a)
            }
        });
        // R4 for a named mechanism in a clause of its own (严格执行会前学法和…年度报告制度, …): the
        // clause without a list is about the area even where the sentence goes on to others.
        let single = |clause_too: bool| {
            rules.areas[a].single
                && chars(range.clone()) >= v.single_chars as usize
                && ev.core.iter().any(|f| {
                    let (cs, ce) = gathered.stops.clause(f.start, f.end);
                    !text[cs..ce].contains('、') && (!clause_too || clause_about(cs, ce))
                })
        };
        if !sentence_about {
            if in_clause {
                met = Some(Met::Concrete { at: range.start });
                break;
            }
            if single(true) {
                met = Some(Met::Single { at: range.start });
                break;
            }
            continue;
        }
        if in_clause || (all_terms >= 2 && !found_here.is_empty()) {
            met = Some(Met::Concrete { at: range.start });
            break;
        }
        let n = chars(range.clone());
        if (core_terms >= 2 || all_terms >= 3) && n >= v.sentence_chars as usize {
            met = Some(Met::Dense {
                at: range.start,
                chars: n,
                terms: all_terms,
            });
            break;
        }
        // R3 item: two distinct core terms in a sentence of a paragraph that states something
        // concrete (二、加强规范性文件合法性审查,对规范性文件定期开展清理 in a paragraph naming its
        // documents).
        if core_terms >= 2 {
            let p = ev.core[0].paragraph;
            let concrete = *paragraph_substance.entry(p).or_insert_with(|| {
                // Counts and titles: a quotation there may be a slogan (“关键少数”).
                substance_items(&text[doc.paragraphs[p].range.clone()])
                    .iter()
                    .any(|(_, quoted)| quoted.is_none())
            });
            if concrete {
                met = Some(Met::Item { at: range.start });
                break;
            }
        }
        if single(false) {
            met = Some(Met::Single { at: range.start });
            break;
        }
    }
    // R6 repeated: two sentences about the area in one paragraph.
    if met.is_none() {
        let mut per_paragraph: std::collections::BTreeMap<usize, (usize, usize, usize)> =
            Default::default();
        for (&s, ev) in &by_sentence {
            if ev.core.is_empty() || !about(s) {
                continue;
            }
            let p = ev.core[0].paragraph;
            let e = per_paragraph.entry(p).or_insert((0, 0, ev.core[0].start));
            e.0 += 1;
            e.1 += chars(sentence_range(s));
        }
        if let Some((_, &(n, _, at))) = per_paragraph
            .iter()
            .find(|(_, e)| e.0 >= 2 && e.1 >= v.paragraph_chars as usize)
        {
            met = Some(Met::Repeated { at, sentences: n });
        }
    }
    // R5 headed: a section or a paragraph lead names the area, with enough under it.
    if met.is_none() {
        let area = &rules.areas[a];
        let mut units: Vec<(String, Vec<usize>, usize)> = Vec::new();
        let mut seen_sections = std::collections::HashSet::new();
        for cue in gathered.heading_cues.iter().filter(|c| c.area == a) {
            let in_scope = doc
                .paragraph_at(cue.start)
                .is_some_and(|p| gathered.parts[p].in_scope(area.scope, a));
            if !in_scope || !seen_sections.insert(cue.section) {
                continue;
            }
            let heading = doc.headings[doc.sections[cue.section].heading].text.clone();
            units.push((heading, section_paragraphs[cue.section].clone(), 0));
        }
        for (p, &mask) in gathered.lead_topics.iter().enumerate() {
            if mask & (1 << a) != 0 && gathered.parts[p].in_scope(area.scope, a) {
                let range = doc.paragraphs[p].range.clone();
                let lead_end = text[range.clone()]
                    .find(['。', ':', ';', ','])
                    .map_or(range.end, |i| range.start + i);
                let lead: String = text[range.start..lead_end].chars().take(30).collect();
                units.push((lead, vec![p], lead_end - range.start));
            }
        }
        // The text ends mid-sentence (an opening cut off where the copy ends): the section around
        // the cut counts when a complete clause before the cut names something specific (a core
        // term of the area, a count, a title, a quoted name).
        let last_body = doc
            .paragraphs
            .iter()
            .rposition(|p| p.kind == ParagraphKind::Body);
        let cut_at = last_body.and_then(|p| {
            let range = doc.paragraphs[p].range.clone();
            let tail = text[range.clone()].trim_end();
            let ends = tail.ends_with(['。', '！', '？', '；', '!', '?', ';', '”', '"', '）', ')']);
            (!ends && !tail.is_empty())
                .then(|| tail.rfind(['，', '。', '；', '：', ',', ';', ':']))
                .flatten()
                .map(|i| (p, range.start + i))
        });
        for (heading, paragraphs, skip) in units {
            if let Some((p, complete_end)) = cut_at.filter(|(p, _)| paragraphs.contains(p)) {
                // The sentence the cut falls in, after the heading or lead.
                let body_start =
                    doc.paragraphs[p].range.start + skip.min(doc.paragraphs[p].range.len());
                let sentence_start = starts
                    [partition_from(starts, 0, |&s| s <= complete_end).saturating_sub(1)]
                .max(body_start);
                let complete = text.get(sentence_start..complete_end).unwrap_or("");
                let inside = |f: &&Found| f.start >= sentence_start && f.end <= complete_end;
                let list = by_paragraph.get(&p).map_or(&[][..], Vec::as_slice);
                let named = list.iter().copied().filter(inside).any(|f| !f.support);
                // Or a count, title or name beside a word of the area (counted, or the title's
                // own: 大力宣传《重大行政决策程序暂行条例》).
                let of_area = gathered
                    .found
                    .iter()
                    .filter(inside)
                    .any(|f| f.area == a && (f.counted() || f.filtered == Some(Filter::Title)));
                // A paragraph whose own lead names the area by a core term (多种形式开展政务公开
                // 工作。…) is an item about it: a count, title or name in the cut sentence is enough.
                let lead_start = doc.paragraphs[p].range.start;
                let lead_names = skip > 0
                    && list
                        .iter()
                        .any(|f| !f.support && f.start >= lead_start && f.end <= body_start);
                // Not a list of areas (健全依法行政制度体系、行政决策制度体系、…等6大体系): no other
                // area with more core terms there, and fewer than three areas.
                let from = cores.partition_point(|&(at, _)| at < sentence_start);
                let to = cores.partition_point(|&(at, _)| at < complete_end);
                let mut counts = vec![0usize; rules.areas.len()];
                for &(_, b) in &cores[from..to] {
                    counts[b] += 1;
                }
                let own = counts.iter().all(|&n| n <= counts[a])
                    && counts.iter().filter(|&&n| n > 0).count() < 3;
                if own && (named || ((of_area || lead_names) && !substance(complete).is_empty())) {
                    met = Some(Met::Cut {
                        heading: heading.clone(),
                    });
                    break;
                }
            }
            let mut body_chars = 0;
            let mut has_substance = false;
            for &p in &paragraphs {
                let range = doc.paragraphs[p].range.clone();
                let body = &text[range.start + skip.min(range.len())..range.end];
                body_chars += body.trim().chars().count();
                has_substance |= !substance(body).is_empty();
            }
            let inside: Vec<&Found> = paragraphs
                .iter()
                .flat_map(|p| by_paragraph.get(p).into_iter().flatten())
                .copied()
                .filter(|f| f.start >= doc.paragraphs[f.paragraph].range.start + skip)
                .collect();
            let terms = distinct(&inside);
            let core = inside.iter().any(|f| !f.support);
            // A core term of the area under the heading is a section of work about it; support
            // terms alone need two of them and a count, title or name, or a third term.
            if body_chars >= v.section_chars as usize
                && (core || (terms >= 2 && has_substance) || terms >= 3)
            {
                met = Some(Met::Headed {
                    heading,
                    chars: body_chars,
                });
                break;
            }
        }
    }
    // The sentence the text is cut in, judged on its complete clauses: two distinct core terms of
    // the area there and none more of another (持续加大行政执法“三项制度”执行力度,完善…), or one
    // core term there after a short lead naming the area (四是打好“述法”基础牌。把…纳入述法对象范围,…).
    if met.is_none() && any {
        let last_body = doc
            .paragraphs
            .iter()
            .rposition(|p| p.kind == ParagraphKind::Body);
        if let Some(p) = last_body {
            let range = doc.paragraphs[p].range.clone();
            let tail = text[range.clone()].trim_end();
            let ends = tail.ends_with(['。', '！', '？', '；', '!', '?', ';', '”', '"', '）', ')']);
            if let Some(i) = (!ends)
                .then(|| tail.rfind(['，', '。', '；', '：', ',', ';', ':']))
                .flatten()
            {
                let complete_end = range.start + i;
                let k = partition_from(starts, 0, |&s| s <= complete_end).saturating_sub(1);
                let sentence_start = starts[k].max(range.start);
                let list = by_paragraph.get(&p).map_or(&[][..], Vec::as_slice);
                let core_here: Vec<&Found> = list
                    .iter()
                    .copied()
                    .filter(|f| !f.support && f.start >= sentence_start && f.end <= complete_end)
                    .collect();
                let from = cores.partition_point(|&(at, _)| at < sentence_start);
                let to = cores.partition_point(|&(at, _)| at < complete_end);
                let mut counts = vec![0usize; rules.areas.len()];
                for &(_, b) in &cores[from..to] {
                    counts[b] += 1;
                }
                let mine = counts[a];
                let own = mine > 0
                    && counts.iter().all(|&n| n <= mine)
                    && counts.iter().filter(|&&n| n > 0).count() < 3;
                // The short sentence before it, in the same paragraph, as its lead.
                let lead = k
                    .checked_sub(1)
                    .map(|j| starts[j])
                    .filter(|&ls| ls >= range.start)
                    .filter(|&ls| text[ls..sentence_start].trim().chars().count() <= TOPIC_CHARS)
                    .is_some_and(|ls| {
                        list.iter()
                            .any(|f| !f.support && f.start >= ls && f.end <= sentence_start)
                    });
                if own && (distinct(&core_here) >= 2 || lead) {
                    met = Some(Met::Cut {
                        heading: text[sentence_start..complete_end]
                            .chars()
                            .take(30)
                            .collect(),
                    });
                }
            }
        }
    }
    if !any && !matches!(met, Some(Met::Cut { .. })) {
        return (Status::Missing, "未找到该方面的用语".to_string());
    }
    let line = |at: usize| positions.locate(at).0;
    let snippet = |at: usize| {
        let end = starts
            .get(partition_from(starts, 0, |&s| s <= at))
            .copied()
            .unwrap_or(text.len());
        text[at..end].trim().chars().take(30).collect::<String>()
    };
    match met {
        Some(Met::Concrete { at }) => (
            Status::Present,
            format!(
                "具体工作（R1）：第{}行「{}」写明该方面的工作及数字、文件名或具体名称",
                line(at),
                snippet(at)
            ),
        ),
        Some(Met::Dense { at, chars, terms }) => (
            Status::Present,
            format!(
                "集中论述（R2）：第{}行一句{chars}字，含该方面{terms}个不同用语：「{}」",
                line(at),
                snippet(at)
            ),
        ),
        Some(Met::Item { at }) => (
            Status::Present,
            format!(
                "条目（R3）：第{}行一句含该方面两个不同的核心用语，所在段落写明数字、文件名或具体名称：「{}」",
                line(at),
                snippet(at)
            ),
        ),
        Some(Met::Single { at }) => (
            Status::Present,
            format!(
                "明确措施（R4）：第{}行一句专门写明该方面的一项具体机制：「{}」",
                line(at),
                snippet(at)
            ),
        ),
        Some(Met::Headed { heading, chars }) => (
            Status::Present,
            format!("专门章节（R5）：「{heading}」之下{chars}字写该方面的工作"),
        ),
        Some(Met::Cut { heading }) => (
            Status::Present,
            format!("截断的专门章节（R5）：「{heading}」之下、原文截断之前有完整的一句写明该方面的具体内容"),
        ),
        Some(Met::Repeated { at, sentences }) => (
            Status::Present,
            format!(
                "同段多句（R6）：第{}行所在段落有{sentences}句论述该方面",
                line(at)
            ),
        ),
        None => (
            Status::Weak,
            "仅有提及：没有一句写明具体工作（数字、文件名、具体措施），没有两个以上用语的完整论述，也没有内容充实的专门章节".to_string(),
        ),
    }
}

/// The verdict for every area and the total score (the report's own verdict is
/// [`Report::decide`](crate::Report::decide)).
pub(crate) fn verdicts(
    rules: &RuleSet,
    matcher: &Matcher,
    doc: &Document,
    gathered: &Gathered,
    positions: &Positions<'_>,
) -> (Vec<AreaVerdict>, f64) {
    let text = doc.content.as_str();
    let mut total = 0.0;
    let mut out = Vec::with_capacity(rules.areas.len());
    let starts = sentence_starts(text);
    let sentence_counts = sentences_per_section(doc);
    let evidence_masks = evidence_per_section(doc, gathered);
    // The sentence of every match, and the counted core matches per sentence and area.
    let mut sentence = 0;
    let sentence_of: Vec<usize> = gathered
        .found
        .iter()
        .map(|f| {
            sentence = partition_from(&starts, sentence, |&s| s <= f.start);
            sentence - 1
        })
        .collect();
    // The body paragraphs of every section, its subsections' included.
    let mut section_paragraphs = vec![Vec::new(); doc.sections.len()];
    for (i, p) in doc.paragraphs.iter().enumerate() {
        if p.kind == ParagraphKind::Body {
            for s in doc.ancestors(p.section) {
                section_paragraphs[s].push(i);
            }
        }
    }
    // The concrete items of every sentence holding a counted core match, found once for all areas.
    let mut substance_of = SubstanceBySentence::default();
    for (f, &s) in gathered.found.iter().zip(&sentence_of) {
        if f.counted() && !f.support && !substance_of.contains_key(&s) {
            let end = starts.get(s + 1).copied().unwrap_or(text.len());
            substance_of.insert(s, substance_items(&text[starts[s]..end]));
        }
    }
    let mut core_per_sentence: std::collections::HashMap<usize, Vec<u32>> = Default::default();
    for (f, &s) in gathered.found.iter().zip(&sentence_of) {
        if f.counted() && !f.support {
            core_per_sentence
                .entry(s)
                .or_insert_with(|| vec![0; rules.areas.len()])[f.area] += 1;
        }
    }
    // Every match's span, in order (a quotation holding one is a slogan), and every counted core
    // match of a work area by start (a clause's own area is read from them): found once for all
    // areas.
    let mut spans: Vec<(usize, usize)> = gathered.found.iter().map(|f| (f.start, f.end)).collect();
    spans.sort_unstable();
    let cores: Vec<(usize, usize)> = gathered
        .found
        .iter()
        .filter(|f| f.counted() && !f.support && rules.areas[f.area].scope == Scope::Work)
        .map(|f| (f.start, f.area))
        .collect();
    for (a, area) in rules.areas.iter().enumerate() {
        let mine: Vec<_> = gathered.found.iter().filter(|f| f.area == a).collect();
        let mut shown = vec![false; area.concepts.len()];
        for f in mine.iter().filter(|f| f.counted()) {
            shown[f.concept] = true;
        }
        let concepts_found = shown.iter().filter(|&&s| s).count() as u32;

        // The first heading in scope that names the area, and whether its section holds evidence.
        let mut heading = None;
        let mut heading_lines = 0..0;
        let mut heading_bonus = 0;
        for cue in gathered.heading_cues.iter().filter(|c| c.area == a) {
            let section = &doc.sections[cue.section];
            let heading_paragraph = doc.paragraph_at(cue.start);
            let in_scope =
                heading_paragraph.is_some_and(|p| gathered.parts[p].in_scope(area.scope, a));
            if !in_scope {
                continue;
            }
            let backed =
                sentence_counts[cue.section] >= 2 && evidence_masks[cue.section] & (1 << a) != 0;
            if heading.is_none() || (backed && heading_bonus == 0) {
                let (line, column) = positions.locate(cue.start);
                heading = Some(HeadingEvidence {
                    term: matcher.pattern(cue.term).to_string(),
                    line,
                    column,
                    heading: doc.headings[section.heading].text.clone(),
                });
                heading_lines = section.lines.clone();
                if backed {
                    heading_bonus = rules.heading_bonus;
                    break;
                }
            }
        }

        let (status, reason) = if area.scope != Scope::Work {
            let effective = concepts_found + heading_bonus;
            let mut sentence = 0;
            let mut sentences: Vec<usize> = mine
                .iter()
                .filter(|f| f.counted())
                .map(|f| {
                    sentence = partition_from(&starts, sentence, |&s| s <= f.start);
                    sentence
                })
                .collect();
            sentences.dedup();
            let status =
                if effective >= area.present && sentences.len() >= area.min_sentences as usize {
                    Status::Present
                } else if effective >= area.weak {
                    Status::Weak
                } else {
                    Status::Missing
                };
            let reason = format!(
                "本部分找到{concepts_found}个不同概念（另加标题{heading_bonus}个），分布在{}句中；有效需{}个概念、至少{}句",
                sentences.len(),
                area.present,
                area.min_sentences
            );
            (status, reason)
        } else {
            heading_bonus = 0;
            judge_work(
                rules,
                doc,
                gathered,
                a,
                &starts,
                &sentence_of,
                &substance_of,
                &core_per_sentence,
                &section_paragraphs,
                (&spans, &cores),
                positions,
            )
        };
        let max_score = rules.max_score(area);
        let raw_score = match status {
            Status::Present => max_score,
            Status::Weak => max_score * rules.verdict.weak_share,
            Status::Missing => 0.0,
        };
        total += raw_score;
        let mut sentence = 0;
        // A match inside a longer one was never evidence: `--explain` shows it, the verdict does not.
        // The first matches of each concept are kept, the rest counted.
        let mut kept = vec![0usize; area.concepts.len()];
        let mut evidence_omitted = gathered.omitted.get(a).copied().unwrap_or(0);
        let evidence = mine
            .iter()
            .filter(|f| f.filtered != Some(Filter::Overlapped))
            .filter(|f| {
                let keep = kept[f.concept] < MAX_EVIDENCE_PER_CONCEPT;
                kept[f.concept] += 1;
                evidence_omitted += usize::from(!keep);
                keep
            })
            .map(|f| {
                let (line, column) = positions.locate(f.start);
                let reason = if f.negated_by.is_some() {
                    Some("negated".to_string())
                } else {
                    f.filtered.map(|r| r.code().to_string())
                };
                Evidence {
                    term: f.term.text(matcher),
                    concept: area.concepts[f.concept].id.clone(),
                    line,
                    column,
                    excerpt: excerpt(text, &starts, &mut sentence, f.start, f.end),
                    negated: f.negated_by.is_some(),
                    under_heading: heading_lines.contains(&doc.paragraphs[f.paragraph].line),
                    negated_by: f.negated_by.map(|p| matcher.pattern(p).to_string()),
                    page: None,
                    counted: f.counted(),
                    strength: if f.support { "support" } else { "core" }.to_string(),
                    reason,
                }
            })
            .collect();
        let looked_for = area
            .concepts
            .iter()
            .zip(&shown)
            .filter(|(_, s)| !**s)
            .map(|(c, _)| {
                let mut terms: Vec<String> = c.terms.iter().chain(&c.support).cloned().collect();
                if let (Some(offset), Some(year)) = (c.year_offset, doc.year) {
                    terms.push(format!("{}年", year + offset));
                }
                LookedFor {
                    concept: c.id.clone(),
                    terms,
                }
            })
            .collect();
        out.push(AreaVerdict {
            id: area.id.clone(),
            title: area.title.clone(),
            status,
            score: round1(raw_score),
            max_score: round1(max_score),
            required: area.required,
            concepts_found,
            heading_bonus,
            present_at: area.present,
            weak_at: area.weak,
            heading,
            evidence,
            evidence_omitted,
            looked_for,
            reason,
        });
    }
    let total = round1(total);
    (out, total)
}

#[cfg(test)]
mod tests {
    use super::substance;

    #[test]
    fn counts_titles_and_quoted_names_are_substance_and_years_are_not() {
        assert_eq!(substance("开展普法宣传活动3场").len(), 1);
        assert_eq!(substance("调解矛盾纠纷12件,成功率95%").len(), 2);
        assert!(substance("2023年以来").is_empty());
        assert!(substance("召开三次会议").len() == 1);
        assert!(substance("一次办").is_empty());
        assert!(substance("培养一批调解员").is_empty());
        assert_eq!(substance("制定《学法制度》").len(), 1);
        assert_eq!(substance("打造“法治小院”品牌").len(), 1);
        assert!(substance("开展普法宣传").is_empty());
        assert_eq!(substance("开展执法领域突出问题专项整治").len(), 1);
        assert!(substance("专项整治").is_empty());
    }
}

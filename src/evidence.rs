//! Evidence per area: which matches count, where the report's parts are, and what was negated.
//!
//! A report has parts: the title, the opening (the paragraphs before the first heading up to the one
//! that announces the account, 现将有关情况报告如下), the account of the year's work, and the parts that belong to areas of scope `own` (the problems found, next year's plans).
//! A section belongs to such an area when its heading, or the heading of a section around it, carries
//! one of the area's heading cues; a paragraph does when its first sentence carries one of the area's
//! lead cues (下一步，…). Everything else under a heading is the account of the work. Areas of scope
//! `work` take evidence only from that account, so a plan to "strengthen legal publicity next year" is
//! not legal publicity done.

use crate::document::{Document, ParagraphKind};
use crate::matcher::{Hit, Matcher, Negations, Role};
use crate::rules::{RuleSet, Scope};
use crate::segment::Boundaries;

/// A lead cue counts only this close to the start of its paragraph (in characters): 下一步，… and
/// 当前存在的问题：… lead; 当前和今后一个时期 in the middle of a sentence does not.
const LEAD_CHARS: usize = 12;

/// How far into a report its opening may run, in paragraphs.
const OPENING_PARAGRAPHS: usize = 8;

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
    /// The term as written in the rule set.
    pub term: String,
    /// The negation cue that governs it.
    pub negated_by: Option<String>,
}

/// A heading cue in a heading, with the section it names.
#[derive(Debug, Clone)]
pub(crate) struct HeadingCue {
    pub area: usize,
    pub section: usize,
    pub start: usize,
    pub term: String,
}

/// All evidence in one report.
#[derive(Debug, Default)]
pub(crate) struct Gathered {
    pub found: Vec<Found>,
    pub heading_cues: Vec<HeadingCue>,
    /// The part of each paragraph.
    pub parts: Vec<Part>,
}

/// Gathers the evidence in `doc` from the hits of the matcher.
/// The index of the paragraph that ends the opening: the last one before the first heading, among the
/// first few, that announces the account (现将有关情况报告如下).
pub(crate) fn opening_end(doc: &Document) -> Option<usize> {
    doc.paragraphs
        .iter()
        .take(OPENING_PARAGRAPHS)
        .position(|p| {
            p.kind == ParagraphKind::Body
                && p.section.is_none()
                && doc.content[p.range.clone()].contains("如下")
        })
}

pub(crate) fn gather(
    rules: &RuleSet,
    matcher: &Matcher,
    doc: &Document,
    bounds: &Boundaries,
    hits: &[Hit],
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
    let mut heading_cues = Vec::new();
    let mut cursor = 0;
    let mut hit_paragraph = Vec::with_capacity(hits.len());
    for hit in hits {
        while cursor + 1 < doc.paragraphs.len() && doc.paragraphs[cursor].range.end < hit.start {
            cursor += 1;
        }
        hit_paragraph.push(cursor);
        let Some(paragraph) = doc.paragraphs.get(cursor) else {
            continue;
        };
        for &role in matcher.roles(hit.pattern) {
            match (role, paragraph.kind) {
                (Role::HeadingCue { area }, ParagraphKind::Heading(h)) => {
                    heading_mask[h] |= 1 << area;
                    heading_cues.push(HeadingCue {
                        area,
                        section: h,
                        start: hit.start,
                        term: matcher.pattern(hit.pattern).to_string(),
                    });
                }
                (Role::LeadCue { area }, ParagraphKind::Body) => {
                    // Within the first LEAD_CHARS characters and the first sentence; only that much
                    // of the paragraph is read.
                    let before = text.get(paragraph.range.start..hit.start).unwrap_or("");
                    if before.len() <= 4 * LEAD_CHARS
                        && before.chars().count() <= LEAD_CHARS
                        && !before.contains(['。', ':', '!', '?', ';'])
                    {
                        lead_mask[cursor] |= 1 << area;
                    }
                }
                _ => {}
            }
        }
    }

    // The own-part mask of each section: its heading's own cues, or its parent's.
    let mut section_mask = vec![0u64; doc.sections.len()];
    for (s, section) in doc.sections.iter().enumerate() {
        let own = heading_mask[section.heading] & own_areas;
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

    // Concept terms in running text, in scope.
    let negations = Negations::new(matcher, text, hits);
    let mut found = Vec::new();
    for (hit, &pi) in hits.iter().zip(&hit_paragraph) {
        let Some(paragraph) = doc.paragraphs.get(pi) else {
            continue;
        };
        if paragraph.kind != ParagraphKind::Body || hit.start < paragraph.range.start {
            continue;
        }
        for &role in matcher.roles(hit.pattern) {
            let Role::Concept { area, concept } = role else {
                continue;
            };
            if !parts[pi].in_scope(rules.areas[area].scope, area) {
                continue;
            }
            let negated_by = negations
                .governing(hit.start, hit.end)
                .map(|h| matcher.pattern(h.pattern).to_string());
            found.push(Found {
                area,
                concept,
                start: hit.start,
                end: hit.end,
                paragraph: pi,
                term: matcher.pattern(hit.pattern).to_string(),
                negated_by,
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
                    if preceded_by_digit
                        || !bounds.contains(at)
                        || doc.paragraphs[pi].kind == ParagraphKind::Title
                    {
                        continue;
                    }
                    if parts[pi].in_scope(area.scope, a) {
                        let negated_by = negations
                            .governing(at, at + term.len())
                            .map(|h| matcher.pattern(h.pattern).to_string());
                        found.push(Found {
                            area: a,
                            concept: c,
                            start: at,
                            end: at + term.len(),
                            paragraph: pi,
                            term: term.clone(),
                            negated_by,
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
    }
}

/// Byte offsets where sentences start in `text`, in order (the first is 0).
pub(crate) fn sentence_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            text.char_indices()
                .filter(|&(_, c)| is_sentence_end(c))
                .map(|(i, c)| i + c.len_utf8()),
        )
        .collect()
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | '\n')
}

/// The sentence around `start..end` in `text`, shortened to about forty characters either side of
/// the match when it is long. Only that much of the text is read.
pub(crate) fn excerpt(text: &str, start: usize, end: usize) -> String {
    const CONTEXT: usize = 40;
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
    let mut out = String::with_capacity(to - from + 8);
    if cut_before {
        out.push('…');
    }
    out.push_str(&text[from..to]);
    if cut_after {
        out.push('…');
    }
    out.trim().to_string()
}

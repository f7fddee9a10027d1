//! Area verdicts and the total score.
//!
//! For each area: the distinct concepts found (negated matches do not count), plus the heading bonus
//! when a heading in the area's scope names the area and its section holds evidence in more than one
//! sentence (a heading over a single sentence is a passing mention). That count,
//! against the area's thresholds, gives the status: present at `present` (when the evidence also
//! stands in at least `min_sentences` sentences), weak at `weak`, otherwise missing. The area scores its share of 100 in proportion to the count, up to `present`. The total is
//! the sum; a report passes when the total reaches the pass mark and no required area is missing.

use crate::document::positions::Positions;
use crate::document::{Document, ParagraphKind};
use crate::judging::evidence::{Gathered, excerpt, sentence_starts};
use crate::matching::matcher::Matcher;
use crate::rules::RuleSet;
use crate::text::partition_from;
use serde::{Deserialize, Serialize};

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
    /// Concepts (found plus bonus) needed for present.
    pub present_at: u32,
    /// Concepts needed for weak.
    pub weak_at: u32,
    /// The heading that marks the area's section, if any.
    pub heading: Option<HeadingEvidence>,
    /// Terms found, counted and negated, in the order they stand in the report.
    pub evidence: Vec<Evidence>,
    /// Concepts not found, with their terms: what was looked for.
    pub looked_for: Vec<LookedFor>,
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
    for f in gathered.found.iter().filter(|f| f.negated_by.is_none()) {
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

/// The verdict for every area, the total, and whether the report passed.
pub(crate) fn verdicts(
    rules: &RuleSet,
    matcher: &Matcher,
    doc: &Document,
    gathered: &Gathered,
    positions: &Positions<'_>,
) -> (Vec<AreaVerdict>, f64, bool) {
    let text = doc.content.as_str();
    let mut total = 0.0;
    let mut required_missing = false;
    let mut out = Vec::with_capacity(rules.areas.len());
    let starts = sentence_starts(text);
    let sentence_counts = sentences_per_section(doc);
    let evidence_masks = evidence_per_section(doc, gathered);
    for (a, area) in rules.areas.iter().enumerate() {
        let mine: Vec<_> = gathered.found.iter().filter(|f| f.area == a).collect();
        let mut shown = vec![false; area.concepts.len()];
        for f in mine.iter().filter(|f| f.negated_by.is_none()) {
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

        let effective = concepts_found + heading_bonus;
        let mut sentence = 0;
        let mut sentences: Vec<usize> = mine
            .iter()
            .filter(|f| f.negated_by.is_none())
            .map(|f| {
                sentence = partition_from(&starts, sentence, |&s| s <= f.start);
                sentence
            })
            .collect();
        sentences.dedup();
        let status = if effective >= area.present && sentences.len() >= area.min_sentences as usize
        {
            Status::Present
        } else if effective >= area.weak {
            Status::Weak
        } else {
            Status::Missing
        };
        let max_score = rules.max_score(area);
        let raw_score =
            max_score * f64::from(effective.min(area.present)) / f64::from(area.present);
        total += raw_score;
        if area.required && status == Status::Missing {
            required_missing = true;
        }
        let mut sentence = 0;
        let evidence = mine
            .iter()
            .map(|f| {
                let (line, column) = positions.locate(f.start);
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
                }
            })
            .collect();
        let looked_for = area
            .concepts
            .iter()
            .zip(&shown)
            .filter(|(_, s)| !**s)
            .map(|(c, _)| {
                let mut terms = c.terms.clone();
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
            looked_for,
        });
    }
    let total = round1(total);
    let passed = total >= rules.pass_threshold && !required_missing;
    (out, total, passed)
}

//! Area verdicts and the total score.
//!
//! For each area: the distinct concepts found (negated matches do not count), plus the heading bonus
//! when a heading in the area's scope names the area and its section holds evidence in more than one
//! sentence (a heading over a single sentence is a passing mention). That count,
//! against the area's thresholds, gives the status: present at `present` (when the evidence also
//! stands in at least `min_sentences` sentences), weak at `weak`, otherwise missing. The area scores its share of 100 in proportion to the count, up to `present`. The total is
//! the sum; a report passes when the total reaches the pass mark and no required area is missing.

use crate::document::{Document, ParagraphKind};
use crate::evidence::{Gathered, excerpt, sentence_starts};
use crate::matcher::Matcher;
use crate::normalize::partition_from;
use crate::report::{AreaVerdict, Evidence, HeadingEvidence, LookedFor, Status};
use crate::rules::RuleSet;

/// Maps positions in the document's content to lines and columns of the original text.
pub(crate) trait Locate {
    /// 1-based line and column (in characters) of a byte offset in the content.
    fn locate(&self, content_offset: usize) -> (usize, usize);
    /// 1-based line and column (in characters) of a byte offset in the folded text.
    fn locate_folded(&self, folded_offset: usize) -> (usize, usize);
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
    locate: &dyn Locate,
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
                let (line, column) = locate.locate(cue.start);
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
                let (line, column) = locate.locate(f.start);
                Evidence {
                    term: f.term.text(matcher),
                    concept: area.concepts[f.concept].id.clone(),
                    line,
                    column,
                    excerpt: excerpt(text, &starts, &mut sentence, f.start, f.end),
                    negated: f.negated_by.is_some(),
                    under_heading: heading_lines.contains(&doc.paragraphs[f.paragraph].line),
                    negated_by: f.negated_by.map(|p| matcher.pattern(p).to_string()),
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

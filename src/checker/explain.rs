//! Explaining verdicts: every match of every term, counted or not, and why.
//!
//! For rule authors. A term can be found and still not count: it is negated, it stands outside the
//! part of the report its area takes evidence from, it is in a heading (headings count through their
//! heading cues), it is only part of a longer word, it lies inside a longer match (of the same
//! concept, another term or a neutral phrase), it stands inside a 《title》, an award's clause, a
//! sentence about the future or as the object of another area's directing act, or it is in the page
//! chrome. Support terms are marked as such. Each area's `reasoning` names the rule that made it
//! present (R1 concrete, R2 dense, R5 headed, R6 repeated) and where, or what was lacking. [`Checker::explain_str`](crate::Checker::explain_str) lists each case
//! with its position, and how the area's status and score were reached.

use serde::{Deserialize, Serialize};

use crate::checker::{Analysis, Checker};
use crate::document::{LineKind, ParagraphKind};
use crate::judging::evidence::{Filter, Part, Term, excerpt, sentence_starts};
use crate::judging::verdicts::{HeadingEvidence, MAX_EVIDENCE_PER_CONCEPT, Status};
use crate::matching::matcher::{Hit, Role};
use crate::report::Report;
use crate::rules::{RuleSet, Scope};

/// Why a match counted or did not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// It counts for its concept.
    Counted,
    /// A negation cue governs it.
    Negated {
        /// The cue.
        cue: String,
    },
    /// It stands in a part of the report its area does not take evidence from.
    OutOfScope {
        /// The part: `title`, `preamble` (before the first heading), `work` (the account of the
        /// year's work) or `own:` and the ids of the areas whose own part it is, joined by `+`
        /// (`own:problems+next_steps`).
        part: String,
    },
    /// It is in a heading: headings count through the area's heading cues, not its terms.
    InHeading,
    /// It is only a piece of a longer word of the segmented text (调解 in 协调|解决).
    InsideWord {
        /// The word or words around it.
        word: String,
    },
    /// It lies inside a longer term of the same concept that was counted instead.
    InsideLongerTerm,
    /// It lies inside a longer match of another term or a neutral phrase (行政执法 in
    /// 综合行政执法, 法治 in 习近平法治思想): the longest match takes the characters.
    Overlapped,
    /// It stands where words are not work done: inside a 《title》 that the text does not say
    /// was made (`title`), in an award's clause (`award`), in a sentence about the future
    /// (`future`), or as the object of a directing act of another area (`object`).
    Filtered {
        /// The reason's code.
        reason: String,
    },
    /// A support term (or a core term demoted by the area's `needs_any`): it counts only beside a
    /// core term of its area or under the area's heading.
    Support,
    /// It is in the page chrome (breadcrumb, metadata block, footer, menus).
    PageChrome,
}

/// One match of one term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchExplanation {
    /// The term.
    pub term: String,
    /// 1-based line in the original text.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The sentence around it.
    pub excerpt: String,
    /// Whether it counted, and why not.
    pub outcome: Outcome,
}

/// One concept of an area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConceptExplanation {
    /// The concept's id.
    pub id: String,
    /// Whether a counted match shows it.
    pub found: bool,
    /// Every match of its terms, up to the first
    /// [`MAX_EVIDENCE_PER_CONCEPT`](crate::judging::verdicts::MAX_EVIDENCE_PER_CONCEPT).
    pub matches: Vec<MatchExplanation>,
    /// The matches beyond those, counted only.
    #[serde(default)]
    pub omitted: usize,
}

/// One area: its concepts, its headings, and how the verdict was reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaExplanation {
    /// The area's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Where it takes evidence from.
    pub scope: Scope,
    /// The verdict.
    pub status: Status,
    /// Headings carrying one of the area's heading cues.
    pub headings: Vec<HeadingEvidence>,
    /// Every concept, found or not, with its matches.
    pub concepts: Vec<ConceptExplanation>,
    /// How the status and score were reached, in a sentence.
    pub reasoning: String,
}

/// The explanation of a report's verdicts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// One per area, in the rule set's order.
    pub areas: Vec<AreaExplanation>,
}

/// A word shown in an explanation: at most twenty characters of it.
fn shortened(word: &str) -> String {
    match word.char_indices().nth(20) {
        Some((i, _)) => format!("{}…", &word[..i]),
        None => word.to_string(),
    }
}

fn part_name(rules: &RuleSet, part: Part) -> String {
    match part {
        Part::Title => "title".to_string(),
        Part::Preamble => "preamble".to_string(),
        Part::Work => "work".to_string(),
        Part::Own(mask) => {
            let ids: Vec<&str> = rules
                .areas
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, a)| a.id.as_str())
                .collect();
            format!("own:{}", ids.join("+"))
        }
    }
}

/// The matches recorded per area and concept: the first of each kept, the rest counted.
struct Recorded {
    kept: Vec<Vec<Vec<(usize, MatchExplanation)>>>,
    omitted: Vec<Vec<usize>>,
}

pub(crate) fn explain(checker: &Checker, a: &Analysis<'_>, report: &Report) -> Explanation {
    let rules = checker.rules();
    let matcher = checker.matcher();
    let doc = a.doc;
    let text = doc.content.as_str();
    // matches[area][concept]: (start position for ordering, explanation), the first of each
    // concept kept and the rest counted.
    let mut matches = Recorded {
        kept: rules
            .areas
            .iter()
            .map(|ar| vec![Vec::new(); ar.concepts.len()])
            .collect(),
        omitted: rules
            .areas
            .iter()
            .map(|ar| vec![0; ar.concepts.len()])
            .collect(),
    };
    // `make` gives the position, the excerpt and the outcome, worked out only for a match kept.
    type Made = ((usize, usize), String, Outcome);
    let mut record =
        |area: usize, concept: usize, order: usize, term: &str, make: &dyn Fn() -> Made| {
            if matches.kept[area][concept].len() >= MAX_EVIDENCE_PER_CONCEPT {
                matches.omitted[area][concept] += 1;
                return;
            }
            let ((line, column), excerpt, outcome) = make();
            matches.kept[area][concept].push((
                order,
                MatchExplanation {
                    term: term.to_string(),
                    line,
                    column,
                    excerpt,
                    outcome,
                },
            ));
        };

    // Matches in the running text, on word boundaries or not. The whole text is segmented here, to
    // name the word a term stands inside.
    let bounds = checker.segmenter().boundaries(text);
    let starts = sentence_starts(text);
    let mut claimed = std::collections::HashSet::new();
    for Hit {
        pattern,
        start,
        end,
    } in matcher.occurrences(text)
    {
        let on_boundaries =
            crate::matching::matcher::on_boundaries(checker.segmenter(), text, &bounds, start, end);
        let paragraph = doc.paragraph_at(start);
        for role in matcher.roles(pattern) {
            let Role::Concept { area, concept, .. } = *role else {
                continue;
            };
            // A match another concept claimed (规范性文件合法性审查), once per span.
            let claim = a
                .gathered
                .found
                .iter()
                .find(|f| {
                    f.start == start
                        && f.end == end
                        && f.term == Term::Pattern(pattern)
                        && (f.area, f.concept) != (area, concept)
                })
                .filter(|f| {
                    // Not a role of its own pattern: moved here by a claim.
                    !matcher.roles(pattern).iter().any(|r| {
                        matches!(*r, Role::Concept { area: ar, concept: c, .. } if (ar, c) == (f.area, f.concept))
                    }) && !a.gathered
                        .found
                        .iter()
                        .any(|f| f.area == area && f.concept == concept && f.start == start && f.end == end)
                        && claimed.insert((start, end))
                });
            let counted_in = |f: &crate::judging::evidence::Found| match (f.negated_by, f.filtered)
            {
                (_, Some(Filter::Overlapped)) => Outcome::Overlapped,
                (Some(cue), _) => Outcome::Negated {
                    cue: matcher.pattern(cue).to_string(),
                },
                (None, Some(filter)) => Outcome::Filtered {
                    reason: filter.code().to_string(),
                },
                (None, None) if f.support => Outcome::Support,
                (None, None) => Outcome::Counted,
            };
            // Whether the match reaches the evidence: on boundaries, in a paragraph of the area's
            // scope and not a heading.
            let reaches = on_boundaries
                && match paragraph.map(|p| (p, doc.paragraphs[p].kind)) {
                    Some((_, ParagraphKind::Heading(_))) => false,
                    Some((p, _)) => a.gathered.parts[p].in_scope(rules.areas[area].scope, area),
                    None => true,
                };
            let own = a.gathered.found.iter().find(|f| {
                f.area == area && f.concept == concept && f.start == start && f.end == end
            });
            // Claimed by what it reviews: shown there too.
            let claimed_by = claim.filter(|_| reaches && own.is_none());
            if let Some(f) = claimed_by {
                record(f.area, f.concept, start, matcher.pattern(pattern), &|| {
                    (
                        a.positions.locate(start),
                        excerpt(text, &starts, &mut 0, start, end),
                        counted_in(f),
                    )
                });
            }
            let outcome = || {
                if !on_boundaries {
                    let (s, _) = bounds.word_around(start);
                    let (_, e) = bounds.word_around(end.saturating_sub(1));
                    Outcome::InsideWord {
                        word: shortened(&text[s..e.max(end)]),
                    }
                } else {
                    match paragraph.map(|p| (p, doc.paragraphs[p].kind)) {
                        Some((_, ParagraphKind::Heading(_))) => Outcome::InHeading,
                        Some((p, _))
                            if !a.gathered.parts[p].in_scope(rules.areas[area].scope, area) =>
                        {
                            Outcome::OutOfScope {
                                part: part_name(rules, a.gathered.parts[p]),
                            }
                        }
                        _ => match (own, claimed_by) {
                            (Some(f), _) => counted_in(f),
                            (None, Some(f)) => Outcome::Filtered {
                                reason: format!("claimed→{}", rules.areas[f.area].id),
                            },
                            (None, None) => Outcome::InsideLongerTerm,
                        },
                    }
                }
            };
            record(area, concept, start, matcher.pattern(pattern), &|| {
                (
                    a.positions.locate(start),
                    excerpt(text, &starts, &mut 0, start, end),
                    outcome(),
                )
            });
        }
    }
    // Year concepts (2022年 for next year) are found outside the automaton: take them from the evidence.
    for f in &a.gathered.found {
        if matches!(f.term, Term::Year(_)) {
            let outcome = match f.negated_by {
                Some(cue) => Outcome::Negated {
                    cue: matcher.pattern(cue).to_string(),
                },
                None => Outcome::Counted,
            };
            record(f.area, f.concept, f.start, &f.term.text(matcher), &|| {
                (
                    a.positions.locate(f.start),
                    excerpt(text, &starts, &mut 0, f.start, f.end),
                    outcome.clone(),
                )
            });
        }
    }
    // Page chrome.
    let folded = a.normalized.as_str();
    let mut line_start = 0;
    for (i, line) in folded.split('\n').enumerate() {
        if doc.lines.get(i) == Some(&LineKind::Chrome) {
            let line_starts = sentence_starts(line);
            for Hit {
                pattern,
                start,
                end,
            } in matcher.occurrences(line)
            {
                for role in matcher.roles(pattern) {
                    let Role::Concept { area, concept, .. } = *role else {
                        continue;
                    };
                    let at = line_start + start;
                    record(area, concept, usize::MAX, matcher.pattern(pattern), &|| {
                        (
                            a.positions.locate_folded(at),
                            excerpt(line, &line_starts, &mut 0, start, end),
                            Outcome::PageChrome,
                        )
                    });
                }
            }
        }
        line_start += line.len() + 1;
    }

    let areas = rules
        .areas
        .iter()
        .zip(&report.areas)
        .zip(matches.kept.into_iter().zip(matches.omitted))
        .enumerate()
        .map(|(a_index, ((area, verdict), (mut by_concept, omitted)))| {
            let concepts = area
                .concepts
                .iter()
                .zip(by_concept.iter_mut())
                .zip(omitted)
                .enumerate()
                .map(|(c_index, ((concept, list), omitted))| {
                    list.sort_by_key(|(order, m)| (*order, m.line, m.column));
                    let matches: Vec<MatchExplanation> = list.drain(..).map(|(_, m)| m).collect();
                    ConceptExplanation {
                        id: concept.id.clone(),
                        // From every match, kept or not.
                        found: a
                            .gathered
                            .found
                            .iter()
                            .any(|f| f.area == a_index && f.concept == c_index && f.counted()),
                        matches,
                        omitted,
                    }
                })
                .collect();
            let reasoning = format!(
                "{}；得分 {:.1}/{:.1}",
                verdict.reason, verdict.score, verdict.max_score
            );
            AreaExplanation {
                id: area.id.clone(),
                title: area.title.clone(),
                scope: area.scope,
                status: verdict.status,
                headings: verdict.heading.iter().cloned().collect(),
                concepts,
                reasoning,
            }
        })
        .collect();
    Explanation { areas }
}

impl Checker {
    /// Checks a report and explains the verdicts: every term matched and where, what was counted,
    /// what was not and why.
    pub fn explain_str(&self, text: &str) -> (Report, Explanation) {
        self.analyze(text, |a| {
            let report = self.report(a);
            let explanation = explain(self, a, &report);
            (report, explanation)
        })
    }
}

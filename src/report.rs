//! The result of checking one report: plain data that serializes with serde.

use serde::{Deserialize, Serialize};

use crate::document::Numbering;
use crate::extract::InputFormat;
use crate::figures::Figure;
use crate::metadata::Metadata;
use crate::rules::Severity;
use crate::similarity::Fingerprint;

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

/// Which rule set produced a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSetInfo {
    /// The set's name.
    pub name: String,
    /// The set's version.
    pub version: String,
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

/// The result of checking one report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Total score, 0 to 100, rounded to one decimal.
    pub score: f64,
    /// Score at or above the pass mark and no required area missing.
    pub passed: bool,
    /// The pass mark applied.
    pub pass_threshold: f64,
    /// The rule set used.
    pub rule_set: RuleSetInfo,
    /// The encoding the input was decoded from, when it was given as bytes.
    pub encoding: Option<String>,
    /// The form the input arrived in (`text`, `markdown`, `html`, `docx`): set by
    /// [`Checker::check_file_bytes`](crate::Checker::check_file_bytes), and `text` by
    /// [`Checker::check_bytes`](crate::Checker::check_bytes); `None` for text given as a string.
    #[serde(default)]
    pub format: Option<InputFormat>,
    /// Title, organisation, year, publication date and document number, where found.
    pub metadata: Metadata,
    /// One verdict per area of the rule set, in its order.
    pub areas: Vec<AreaVerdict>,
    /// The regulation's formal checks that fired (late, stale year, …), in order of position.
    pub findings: Vec<Finding>,
    /// The report's headings, in order.
    pub outline: Vec<OutlineHeading>,
    /// Numbers with units (调解70件, 参训率100%) and the area they stand in, in order.
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// The report's sentence shingles and where they stand, for finding copied text across a batch
    /// ([`Copies::annotate`](crate::similarity::Copies::annotate)); not serialized.
    #[serde(skip)]
    pub fingerprint: Fingerprint,
}

/// A formal check that fired: one diagnostic, with a stable id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable id of the check: `late`, `stale_year`, `first_responsibility`, `too_short`, `title`.
    pub id: String,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, in Chinese, for the town that wrote the report.
    pub message: String,
    /// 1-based line in the original text, where the finding has a place.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
}

/// A heading of the report's outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlineHeading {
    /// Depth: 1 for 一、, 2 for （一）, …
    pub level: u8,
    /// How it was numbered.
    pub numbering: Numbering,
    /// The number as written, empty when unnumbered.
    pub number: String,
    /// The heading's words.
    pub text: String,
    /// 1-based line in the original text.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Report {
    /// The verdict for an area id.
    pub fn area(&self, id: &str) -> Option<&AreaVerdict> {
        self.areas.iter().find(|a| a.id == id)
    }
}

/// A rule term found in a piece of text taken as one sentence (see
/// [`Checker::term_matches`](crate::Checker::term_matches)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermMatch {
    /// The area's id.
    pub area: String,
    /// The concept's id.
    pub concept: String,
    /// The term as written in the rule set.
    pub term: String,
    /// The negation cue governing it, if any.
    pub negated_by: Option<String>,
}

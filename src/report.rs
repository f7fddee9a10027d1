//! The result of checking one report: plain data that serializes with serde.

use serde::{Deserialize, Serialize};

use crate::document::Numbering;
use crate::document::metadata::Metadata;
use crate::judging::figures::Figure;
use crate::judging::findings::Finding;
use crate::judging::fingerprint::Fingerprint;
use crate::judging::verdicts::AreaVerdict;
use crate::read::extract::InputFormat;
use crate::rules::decision::Decision;

pub use crate::rules::decision::Verdict;

/// Which rule set produced a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSetInfo {
    /// The set's name.
    pub name: String,
    /// The set's version.
    pub version: String,
    /// Why `--rules auto` chose this set for the report (the kind of body that wrote it); absent
    /// when the set was named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chosen: Option<String>,
}

/// The result of checking one report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Total score, 0 to 100, rounded to one decimal.
    pub score: f64,
    /// The decision on the report (see [`Report::decide`]).
    #[serde(default)]
    pub verdict: Verdict,
    /// Whether the verdict is [`Verdict::Pass`].
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
    /// The lines (1-based, in the original text) that are page chrome, not the report (a site's
    /// navigation, footer): shown greyed in the HTML page; not serialized.
    #[serde(skip)]
    pub chrome_lines: Vec<usize>,
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
    /// Sets [`verdict`](Report::verdict) and [`passed`](Report::passed) from the findings, the
    /// areas and the score, by the rule set's `policy` ([`RuleSet::decision`](crate::RuleSet::decision)):
    /// the gravest verdict any of them leads to. By default an error finding or a required area
    /// missing sends the report back, a warning finding or a score under the pass mark asks for
    /// changes, and otherwise it passes. Called by the checker, and again when findings are added
    /// afterwards (copied text in a batch).
    pub fn decide(&mut self, policy: &Decision) {
        let findings = self
            .findings
            .iter()
            .map(|f| policy.for_severity(f.severity));
        let required_missing = self
            .areas
            .iter()
            .any(|a| a.required && a.status == crate::judging::verdicts::Status::Missing)
            .then_some(policy.required_missing);
        let below = (self.score < self.pass_threshold).then_some(policy.below_pass_mark);
        self.verdict = findings
            .chain(required_missing)
            .chain(below)
            .max()
            .unwrap_or(Verdict::Pass);
        self.passed = self.verdict == Verdict::Pass;
    }

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

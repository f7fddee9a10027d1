//! The TOML form of a rule set: these types mirror the public ones with spans, so that errors can
//! point at a line; the JSON Schema for editors is generated from them.

use serde::Deserialize;
use toml::Spanned;

use super::{Scope, Severity, Verdict};

/// A fazhi-check rule set: what an annual rule-of-law government report (法治政府建设年度报告) must
/// cover and how to recognise it. See docs/rules.md.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "fazhi-check rule set")]
pub(super) struct RawRuleSet {
    pub(super) rule_set: RawMeta,
    #[serde(default)]
    pub(super) scoring: RawScoring,
    #[serde(default)]
    pub(super) dictionary: RawDictionary,
    #[serde(default)]
    pub(super) negation: RawNegation,
    #[serde(default)]
    pub(super) chrome: Option<RawChrome>,
    #[serde(default)]
    pub(super) findings: RawFindings,
    #[serde(default)]
    pub(super) similarity: RawSimilarity,
    /// How work areas are judged: see docs/rules.md, "How a verdict is reached".
    #[serde(default)]
    pub(super) verdict: RawVerdict,
    /// The decision on a whole report: see docs/rules.md, "The decision on a report".
    #[serde(default)]
    pub(super) decision: RawDecision,
    #[serde(default)]
    pub(super) areas: Vec<RawArea>,
}

/// A verdict as a rule author may write it, for the schema only (it is read as [`Verdict`]).
#[derive(schemars::JsonSchema)]
#[allow(dead_code)]
enum VerdictWord {
    /// 通过 (accept).
    #[serde(rename = "pass")]
    Pass,
    /// Accept.
    #[serde(rename = "通过")]
    PassZh,
    /// 需修改 (ask for changes).
    #[serde(rename = "revise")]
    Revise,
    /// Ask for changes.
    #[serde(rename = "需修改")]
    ReviseZh,
    /// 退回 (send back).
    #[serde(rename = "return")]
    Return,
    /// Send back.
    #[serde(rename = "退回")]
    ReturnZh,
}

/// Which verdict on a whole report each reason leads to: `pass` (通过), `revise` (需修改) or
/// `return` (退回); the Chinese words are accepted too. The report gets the gravest verdict any of
/// its reasons leads to.
#[derive(Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDecision {
    /// An error finding (late, not_a_report, …); `return` by default.
    #[serde(default)]
    #[schemars(with = "Option<VerdictWord>")]
    pub(super) error: Option<Spanned<Verdict>>,
    /// A warning finding (copied_text, …); `revise` by default.
    #[serde(default)]
    #[schemars(with = "Option<VerdictWord>")]
    pub(super) warning: Option<Spanned<Verdict>>,
    /// A note (an info finding); `pass` by default.
    #[serde(default)]
    #[schemars(with = "Option<VerdictWord>")]
    pub(super) info: Option<Spanned<Verdict>>,
    /// A required area that is missing; `return` by default.
    #[serde(default)]
    #[schemars(with = "Option<VerdictWord>")]
    pub(super) required_missing: Option<Spanned<Verdict>>,
    /// A score under the pass mark; `revise` by default.
    #[serde(default)]
    #[schemars(with = "Option<VerdictWord>")]
    pub(super) below_pass_mark: Option<Spanned<Verdict>>,
}

/// How work areas are judged: lengths in characters, the share a weak area scores, and the
/// neutral phrases that take their characters from any term inside them.
#[derive(Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawVerdict {
    /// A sentence with two distinct core terms of an area is its own evidence from this length on.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub(super) sentence_chars: Option<Spanned<u32>>,
    /// A section headed for an area counts from this length of text under the heading on.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub(super) section_chars: Option<Spanned<u32>>,
    /// Two sentences about an area in one paragraph count from this length on.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub(super) paragraph_chars: Option<Spanned<u32>>,
    /// For areas with `single = true`: a sentence naming one core term counts from this length on.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub(super) single_chars: Option<Spanned<u32>>,
    /// The share of its points a weak area scores (0–1).
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub(super) weak_share: Option<Spanned<f64>>,
    /// Phrases that count for no area: a term inside one is not evidence (习近平法治思想).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) neutral: Vec<Spanned<String>>,
}

// The form of a file that extends another: every key optional, `drop` allowed.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub(super) struct PatchSet {
    pub(super) rule_set: PatchMeta,
    pub(super) scoring: Option<RawScoring>,
    pub(super) dictionary: Option<RawDictionary>,
    pub(super) negation: Option<RawNegation>,
    pub(super) chrome: Option<RawChrome>,
    pub(super) findings: Option<RawFindings>,
    pub(super) similarity: Option<RawSimilarity>,
    pub(super) verdict: Option<RawVerdict>,
    pub(super) decision: Option<RawDecision>,
    pub(super) areas: Option<Vec<PatchArea>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub(super) struct PatchMeta {
    pub(super) extends: String,
    pub(super) name: Option<String>,
    pub(super) version: Option<String>,
    pub(super) description: Option<String>,
    pub(super) pass_threshold: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub(super) struct PatchArea {
    pub(super) id: String,
    pub(super) drop: Option<bool>,
    pub(super) title: Option<String>,
    pub(super) weight: Option<f64>,
    pub(super) required: Option<bool>,
    pub(super) scope: Option<Scope>,
    pub(super) present: Option<u32>,
    pub(super) weak: Option<u32>,
    pub(super) min_sentences: Option<u32>,
    pub(super) needs_any: Option<Vec<String>>,
    pub(super) directs: Option<bool>,
    pub(super) single: Option<bool>,
    pub(super) heading_cues: Option<Vec<String>>,
    pub(super) lead_cues: Option<Vec<String>>,
    pub(super) concepts: Option<Vec<PatchConcept>>,
    pub(super) examples: Option<Vec<String>>,
    pub(super) counter_examples: Option<Vec<String>>,
    pub(super) negated_examples: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub(super) struct PatchConcept {
    pub(super) id: String,
    pub(super) drop: Option<bool>,
    pub(super) terms: Option<Vec<String>>,
    pub(super) support: Option<Vec<String>>,
    pub(super) needs_any: Option<Vec<String>>,
    pub(super) pairs: Option<Vec<String>>,
    pub(super) claims: Option<Vec<String>>,
    pub(super) in_titles: Option<bool>,
    pub(super) year_offset: Option<i32>,
    pub(super) examples: Option<Vec<String>>,
    pub(super) counter_examples: Option<Vec<String>>,
    pub(super) negated_examples: Option<Vec<String>>,
}

/// The rule set's name, version and pass mark.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMeta {
    /// A built-in rule set's name or a file this one extends (see docs/rules.md); only in files that
    /// extend another.
    #[serde(default)]
    #[allow(dead_code)]
    pub(super) extends: Option<String>,
    /// The set's name, shown in every result.
    #[schemars(with = "String")]
    pub(super) name: Spanned<String>,
    /// The set's version; bump it when verdicts change.
    pub(super) version: String,
    /// What the set is for.
    #[serde(default)]
    pub(super) description: String,
    /// The total score (0-100) a report needs to pass.
    #[schemars(with = "f64")]
    pub(super) pass_threshold: Spanned<f64>,
}

/// Options for finding copied text across a batch.
#[derive(Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSimilarity {
    /// Sentences holding one of these phrases are boilerplate every report may share.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) boilerplate: Vec<Spanned<String>>,
    /// The share (above 0, at most 1) of the shorter report's text two reports must have in common
    /// to be taken as copies; 0.5 by default.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub(super) min_share: Option<Spanned<f64>>,
    /// A shared passage shorter than this many characters (spaces and punctuation left out) is a
    /// common phrase, not copied text; 32 by default, from 10 to 1000.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub(super) min_passage: Option<Spanned<u32>>,
    /// A shingle found in more than this share (0–1) of a batch's reports, in a batch of four or
    /// more, is template text they all use and is not counted; 0.5 by default.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub(super) template_share: Option<Spanned<f64>>,
    /// A shingle found in more than this many of a batch's reports is template text; 50 by default,
    /// from 2 to 100000.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub(super) template_reports: Option<Spanned<u32>>,
}

/// Scoring options.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScoring {
    /// How many concepts a heading naming an area is worth when its section holds evidence (default 1).
    #[serde(default = "default_heading_bonus")]
    #[schemars(with = "u32")]
    pub(super) heading_bonus: Spanned<u32>,
}

impl Default for RawScoring {
    fn default() -> Self {
        RawScoring {
            heading_bonus: default_heading_bonus(),
        }
    }
}

pub(super) fn default_heading_bonus() -> Spanned<u32> {
    Spanned::new(0..0, 1)
}

/// Extra words for the segmenter.
#[derive(Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDictionary {
    /// Words the segmenter must keep whole (place names and the like).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) words: Vec<Spanned<String>>,
}

/// Negation cues: a negated term does not count.
#[derive(Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNegation {
    /// Cues that negate a term after them in the same clause (未开展普法).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) before: Vec<Spanned<String>>,
    /// Cues that negate a term before them in the same clause (法律顾问尚未聘请).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) after: Vec<Spanned<String>>,
}

/// Page-chrome vocabulary; the lists given replace the built-in ones.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawChrome {
    /// A line containing one of these is page chrome.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) line_markers: Vec<Spanned<String>>,
    /// A line containing one of these is chrome and starts the footer.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) footer_markers: Vec<Spanned<String>>,
    /// A line starting with one of these and a colon is the page's metadata block.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) metadata_labels: Vec<Spanned<String>>,
}

/// The regulation's formal checks, each on by default.
#[derive(Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFindings {
    /// Published after the deadline in the year after the report's year.
    #[serde(default)]
    pub(super) late: Option<RawFindingRule>,
    /// Another year spoken of as the current one, or plans for a year other than the next.
    #[serde(default)]
    pub(super) stale_year: Option<RawFindingRule>,
    /// The first-responsibility duty never addressed.
    #[serde(default)]
    pub(super) first_responsibility: Option<RawFindingRule>,
    /// Less report text than min_chars.
    #[serde(default)]
    pub(super) too_short: Option<RawFindingRule>,
    /// No recognizable title, organisation or year.
    #[serde(default)]
    pub(super) title: Option<RawFindingRule>,
    /// The text calls itself a plan rather than a report.
    #[serde(default)]
    pub(super) not_a_report: Option<RawFindingRule>,
    /// Much of the text shared with another report of the same batch.
    #[serde(default)]
    pub(super) copied_text: Option<RawFindingRule>,
    /// Much of last year's report of the same organisation repeated.
    #[serde(default)]
    pub(super) repeated_text: Option<RawFindingRule>,
    /// A report of another year than the batch expects (--year).
    #[serde(default)]
    pub(super) wrong_year: Option<RawFindingRule>,
    /// One organisation submitting more than one report for a year in one batch.
    #[serde(default)]
    pub(super) duplicate_submission: Option<RawFindingRule>,
}

/// One formal check.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFindingRule {
    /// Whether the check runs (default true).
    #[serde(default)]
    pub(super) enabled: Option<bool>,
    /// info, warning or error.
    #[serde(default)]
    pub(super) severity: Option<Severity>,
    /// `late` only: the deadline as "MM-DD".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub(super) deadline: Option<Spanned<String>>,
    /// `first_responsibility` only.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub(super) terms: Option<Vec<Spanned<String>>>,
    /// `too_short` only.
    #[serde(default)]
    #[schemars(with = "Option<usize>")]
    pub(super) min_chars: Option<Spanned<usize>>,
    /// `not_a_report` only: its terms count within this many characters of the start of the text.
    #[serde(default)]
    pub(super) within_chars: Option<usize>,
}

/// One area a report must cover.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawArea {
    /// Stable id read by every consumer of the output: lower-case letters, digits, underscores.
    #[schemars(with = "String")]
    pub(super) id: Spanned<String>,
    /// Chinese title shown to people.
    #[schemars(with = "String")]
    pub(super) title: Spanned<String>,
    /// Share of the total score; all weights are scaled to add up to 100.
    #[schemars(with = "f64")]
    pub(super) weight: Spanned<f64>,
    /// A report missing this area fails whatever its score.
    #[serde(default)]
    pub(super) required: bool,
    /// Where evidence may come from: work (the account of the year's work), own (the area's own part), all.
    #[serde(default = "default_scope")]
    pub(super) scope: Scope,
    /// Areas of scope `own` or `all` only: distinct concepts (plus the heading bonus) needed for present.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub(super) present: Option<Spanned<u32>>,
    /// Areas of scope `own` or `all` only: distinct concepts needed for weak; fewer is missing.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub(super) weak: Option<Spanned<u32>>,
    /// Sentences the evidence must stand in for present (default 1).
    #[serde(default = "default_min_sentences")]
    #[schemars(with = "u32")]
    pub(super) min_sentences: Spanned<u32>,
    /// In a heading, these mark the section under it as the area's.
    /// Core terms of the area count as core only in a sentence holding one of these (法治, 依法).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) needs_any: Vec<Spanned<String>>,
    /// The area directs others (leadership): a term of another area that is the object of its
    /// meetings (研究…, 听取…汇报) counts for this area's sentence, not for its own area.
    #[serde(default)]
    pub(super) directs: bool,
    /// One core term, named once in a sentence of at least `[verdict] single_chars`, outside a
    /// list, is enough (a named 学法 mechanism or 普法 instrument).
    #[serde(default)]
    pub(super) single: bool,
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) heading_cues: Vec<Spanned<String>>,
    /// At the start of a paragraph, these make it the area's (scope own).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) lead_cues: Vec<Spanned<String>>,
    /// The concepts that show the area.
    #[schemars(with = "Vec<RawConcept>")]
    pub(super) concepts: Spanned<Vec<RawConcept>>,
    /// Sentences that must show it.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) examples: Vec<Spanned<String>>,
    /// Sentences that must not show it.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) counter_examples: Vec<Spanned<String>>,
    /// Sentences that must mention it negated.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) negated_examples: Vec<Spanned<String>>,
}

pub(super) fn default_min_sentences() -> Spanned<u32> {
    Spanned::new(0..0, 1)
}

pub(super) fn default_scope() -> Scope {
    Scope::Work
}

/// One concept: any one of its terms shows it.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConcept {
    #[schemars(with = "String")]
    pub(super) id: Spanned<String>,
    /// The terms; each matches on word boundaries.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub(super) terms: Option<Spanned<Vec<Spanned<String>>>>,
    /// Support terms: they count only beside a core term of the area, or under its heading.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) support: Vec<Spanned<String>>,
    /// Its core terms count as core only in a sentence holding one of these (法律法规 with 学习).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) needs_any: Vec<Spanned<String>>,
    /// `X…Y`: a match of the concept's term X counts as core when Y follows it in its clause
    /// (听取…汇报).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) pairs: Vec<Spanned<String>>,
    /// `X…Y`: a match of a term Y of any work area with X just before it in its clause counts for
    /// this concept (规范性文件…合法性审查: a review belongs to what it reviews). Each side may list
    /// words with `|`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) claims: Vec<Spanned<String>>,
    /// Its terms count inside a 《title》 where one of the concept's `needs_any` words stands
    /// just before it (学习《中华人民共和国宪法》).
    #[serde(default)]
    pub(super) in_titles: bool,
    /// Shown also by the year report-year + offset written as 2022年.
    #[serde(default)]
    #[schemars(with = "Option<i32>")]
    pub(super) year_offset: Option<Spanned<i32>>,
    /// Sentences that must show it.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) examples: Vec<Spanned<String>>,
    /// Sentences that must not show it.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) counter_examples: Vec<Spanned<String>>,
    /// Sentences that must mention it negated.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub(super) negated_examples: Vec<Spanned<String>>,
}

/// The JSON Schema of the rule-set format, generated from the types the loader reads, for editors
/// that complete and check TOML as it is typed (see `docs/rule-set.schema.json`).
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(RawRuleSet);
    serde_json::to_string_pretty(&schema).expect("schemas serialize")
}

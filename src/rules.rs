//! Rule sets: what a report must cover, written in TOML by legal staff.
//!
//! A rule set names its areas (组织领导, 普法, …), the concepts that show each area (each a group of
//! synonymous terms), how many concepts make an area present or weak, the heading cues that mark a
//! section as belonging to an area, where each area may take its evidence from, the negation cues, the
//! pass mark and the extra dictionary words for the segmenter. The format is described for rule
//! authors in `docs/rules.md`.
//!
//! Loading is strict: unknown keys are errors, so a misspelt key cannot silently switch a rule off, and
//! every error names the file, line, column and key.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::error::{Error, Result, SourcePosition};

/// The default rule set, for township and street-office reports, as shipped in `rules/township.toml`.
pub const BUILTIN_TOWNSHIP: &str = include_str!("../rules/township.toml");
/// The rule set for county and district governments, `rules/county.toml`; it extends `township`.
pub const BUILTIN_COUNTY: &str = include_str!("../rules/county.toml");
/// The rule set for government departments, `rules/department.toml`; it extends `township`.
pub const BUILTIN_DEPARTMENT: &str = include_str!("../rules/department.toml");

/// The most terms a rule set may hold, counting every concept term, cue and dictionary word.
pub const MAX_TERMS: usize = 50_000;
/// The longest term, in characters.
pub const MAX_TERM_CHARS: usize = 64;
/// The largest rule-set file read, in bytes.
pub const MAX_RULE_FILE_BYTES: usize = 8 * 1024 * 1024;
/// The most areas a rule set may have.
pub const MAX_AREAS: usize = 64;

/// The share of the shorter report's text two reports must have in common to be taken as copies,
/// when the rule set does not say.
pub const DEFAULT_MIN_SHARE: f64 = 0.5;

/// Where an area may take its evidence from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Only the account of the year's work: not the preamble, not the problems part, not next year's
    /// plans. This is right for every area that describes work done.
    Work,
    /// Only the area's own part: sections whose heading carries one of the area's heading cues, and
    /// paragraphs whose first sentence carries one of its lead cues. This is right for the problems
    /// found and next year's plans.
    Own,
    /// Anywhere in the report text (page chrome is never report text).
    All,
}

/// An example sentence written beside a rule, with where it stands in the rule file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Example {
    /// The sentence.
    pub text: String,
    /// 1-based line in the rule file.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// Example sentences that a rule must agree with: they run in `cargo test` and `--check-rules`, so a
/// rule file that contradicts its own examples is caught before it is used.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Examples {
    /// Each must show the concept (or, on an area, one of its concepts), not negated.
    pub shows: Vec<Example>,
    /// Each must not show it.
    pub not_shows: Vec<Example>,
    /// Each must mention it negated, and not show it.
    pub negated: Vec<Example>,
}

impl Examples {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.shows.is_empty() && self.not_shows.is_empty() && self.negated.is_empty()
    }
}

/// One concept: a group of synonymous terms, any one of which shows the concept.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Concept {
    /// Identifier, unique within its area.
    pub id: String,
    /// The terms. Each matches on word boundaries of the segmented text.
    pub terms: Vec<String>,
    /// When set, the concept is also shown by the year `report year + year_offset` written as
    /// `2022年`: `year_offset = 1` on a plans concept finds plans for the next year.
    pub year_offset: Option<i32>,
    /// Example sentences the concept must agree with.
    pub examples: Examples,
}

/// One area a report must cover, such as organisation and leadership.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Area {
    /// Stable identifier used by every consumer of the output (`leadership`, `publicity`, …).
    pub id: String,
    /// Chinese title shown to people.
    pub title: String,
    /// Relative weight in the total score; the weights are scaled so that they add up to 100.
    pub weight: f64,
    /// A report that misses a required area fails whatever its score.
    pub required: bool,
    /// Where evidence for this area may come from.
    pub scope: Scope,
    /// How many distinct concepts (plus the heading bonus) make the area present.
    pub present: u32,
    /// How many make it weak; fewer is missing.
    pub weak: u32,
    /// How many distinct sentences the counted evidence must stand in for the area to be present
    /// (at most weak otherwise). 1 by default; 2 keeps a single generic sentence from passing as a
    /// plan.
    pub min_sentences: u32,
    /// Terms which, in a heading, mark the section under it as belonging to the area.
    pub heading_cues: Vec<String>,
    /// Terms which, in the first sentence of a paragraph, mark that paragraph as belonging to the
    /// area. Used by areas of scope `own`.
    pub lead_cues: Vec<String>,
    /// The concepts that show the area.
    pub concepts: Vec<Concept>,
    /// Example sentences the area must agree with (shown = one of its concepts shown).
    pub examples: Examples,
}

/// Page-chrome vocabulary: lines of a saved web page that are not report text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chrome {
    /// A line containing one of these is chrome (breadcrumbs, copyright lines, …).
    pub line_markers: Vec<String>,
    /// A line containing one of these is chrome and starts the page footer: short lines after it are
    /// chrome too.
    pub footer_markers: Vec<String>,
    /// A line that starts with one of these labels followed by a colon is part of the page's metadata
    /// block (索引号：…, 发布日期：…).
    pub metadata_labels: Vec<String>,
}

/// How serious a finding is.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; no action required.
    Info,
    /// Should be fixed before the report is filed.
    Warning,
    /// Breaks a rule of the regulation.
    Error,
}

impl Severity {
    /// `info`, `warning` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One formal check: whether it runs and how serious its findings are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FindingRule {
    /// Whether the check runs.
    pub enabled: bool,
    /// The severity of its findings.
    pub severity: Severity,
}

/// The regulation's formal checks, configured in the rule set's `[findings]` table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingRules {
    /// `late`: published after the deadline in the year after the report's year.
    pub late: FindingRule,
    /// The deadline as (month, day): 31 March by default (the regulation: made public before 1 April).
    pub deadline: (u32, u32),
    /// `stale_year`: the work part speaks of another year as the current one, or the plans are for a
    /// year other than the next.
    pub stale_year: FindingRule,
    /// `first_responsibility`: the report never addresses the principal leaders' duty as first
    /// person responsible.
    pub first_responsibility: FindingRule,
    /// Phrases that address the first-responsibility duty.
    pub first_responsibility_terms: Vec<String>,
    /// `too_short`: less report text than `min_chars` (page chrome not counted).
    pub too_short: FindingRule,
    /// The least report text, in characters.
    pub min_chars: usize,
    /// `title`: no recognizable title, organisation or year.
    pub title: FindingRule,
    /// `not_a_report`: the text calls itself a plan or programme (制定本方案) rather than a report.
    pub not_a_report: FindingRule,
    /// Phrases by which a text calls itself something other than a report.
    pub not_a_report_terms: Vec<String>,
    /// `copied_text`: the report shares much of its text with another report of the same batch.
    pub copied_text: FindingRule,
    /// `repeated_text`: the report repeats much of last year's report of the same organisation.
    pub repeated_text: FindingRule,
}

impl Default for FindingRules {
    fn default() -> Self {
        let on = |severity| FindingRule {
            enabled: true,
            severity,
        };
        FindingRules {
            late: on(Severity::Error),
            deadline: (3, 31),
            stale_year: on(Severity::Warning),
            first_responsibility: on(Severity::Warning),
            first_responsibility_terms: ["第一责任人", "第一责任人职责", "主要负责人履行"]
                .map(String::from)
                .to_vec(),
            too_short: on(Severity::Warning),
            min_chars: 800,
            title: on(Severity::Warning),
            not_a_report: on(Severity::Error),
            not_a_report_terms: [
                "制定本方案",
                "特制定本方案",
                "本实施方案",
                "制定本规划",
                "制定本意见",
                "制定本办法",
                "制定本要点",
            ]
            .map(String::from)
            .to_vec(),
            copied_text: on(Severity::Warning),
            repeated_text: on(Severity::Warning),
        }
    }
}

/// A loaded and validated rule set.
///
/// Obtain one with [`RuleSet::builtin`], [`RuleSet::from_toml`] or [`RuleSet::from_path`], then compile
/// it into a [`Checker`](crate::Checker).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleSet {
    /// Where the rule set came from: a path (`rules/township.toml` for the built-in one) or the name
    /// given to [`RuleSet::from_toml`].
    pub origin: String,
    /// The text it was loaded from (for an extending rule set, the extending file), to point lint
    /// warnings at lines.
    #[serde(skip)]
    pub(crate) source: String,
    /// The set's name.
    pub name: String,
    /// The set's version.
    pub version: String,
    /// What the set is for.
    pub description: String,
    /// The total score (0–100) a report needs to pass.
    pub pass_threshold: f64,
    /// How many concepts a heading cue in a section heading is worth, when the section also holds
    /// evidence for the area.
    pub heading_bonus: u32,
    /// Extra words for the segmenter's dictionary (place names and the like). Every term of the rule
    /// set is added as well.
    pub dictionary_words: Vec<String>,
    /// Cues that negate a term after them in the same clause (未开展普法).
    pub negation_before: Vec<String>,
    /// Cues that negate a term before them in the same clause (法律顾问尚未聘请).
    pub negation_after: Vec<String>,
    /// Page-chrome vocabulary.
    pub chrome: Chrome,
    /// The regulation's formal checks: lateness, stale years, the first-responsibility duty, length
    /// and title.
    pub findings: FindingRules,
    /// Phrases of boilerplate every report may share (the opening formula about guiding thought):
    /// sentences holding one are left out when looking for copied text.
    pub boilerplate: Vec<String>,
    /// The share (0–1) of the shorter report's text two reports must have in common to be taken as
    /// copies (`[similarity] min_share`, 0.5 by default).
    pub min_share: f64,
    /// The areas, in the order they are reported.
    pub areas: Vec<Area>,
}

// ---------------------------------------------------------------------------------------------
// The TOML form. These mirror the public types with spans, so that errors can point at a line.

/// A fazhi-check rule set: what an annual rule-of-law government report (法治政府建设年度报告) must
/// cover and how to recognise it. See docs/rules.md.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "fazhi-check rule set")]
struct RawRuleSet {
    rule_set: RawMeta,
    #[serde(default)]
    scoring: RawScoring,
    #[serde(default)]
    dictionary: RawDictionary,
    #[serde(default)]
    negation: RawNegation,
    #[serde(default)]
    chrome: Option<RawChrome>,
    #[serde(default)]
    findings: RawFindings,
    #[serde(default)]
    similarity: RawSimilarity,
    #[serde(default)]
    areas: Vec<RawArea>,
}

// The form of a file that extends another: every key optional, `drop` allowed.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct PatchSet {
    rule_set: PatchMeta,
    scoring: Option<RawScoring>,
    dictionary: Option<RawDictionary>,
    negation: Option<RawNegation>,
    chrome: Option<RawChrome>,
    findings: Option<RawFindings>,
    similarity: Option<RawSimilarity>,
    areas: Option<Vec<PatchArea>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct PatchMeta {
    extends: String,
    name: Option<String>,
    version: Option<String>,
    description: Option<String>,
    pass_threshold: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct PatchArea {
    id: String,
    drop: Option<bool>,
    title: Option<String>,
    weight: Option<f64>,
    required: Option<bool>,
    scope: Option<Scope>,
    present: Option<u32>,
    weak: Option<u32>,
    min_sentences: Option<u32>,
    heading_cues: Option<Vec<String>>,
    lead_cues: Option<Vec<String>>,
    concepts: Option<Vec<PatchConcept>>,
    examples: Option<Vec<String>>,
    counter_examples: Option<Vec<String>>,
    negated_examples: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct PatchConcept {
    id: String,
    drop: Option<bool>,
    terms: Option<Vec<String>>,
    year_offset: Option<i32>,
    examples: Option<Vec<String>>,
    counter_examples: Option<Vec<String>>,
    negated_examples: Option<Vec<String>>,
}

/// The rule set's name, version and pass mark.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    /// A built-in rule set's name or a file this one extends (see docs/rules.md); only in files that
    /// extend another.
    #[serde(default)]
    #[allow(dead_code)]
    extends: Option<String>,
    /// The set's name, shown in every result.
    #[schemars(with = "String")]
    name: Spanned<String>,
    /// The set's version; bump it when verdicts change.
    version: String,
    /// What the set is for.
    #[serde(default)]
    description: String,
    /// The total score (0-100) a report needs to pass.
    #[schemars(with = "f64")]
    pass_threshold: Spanned<f64>,
}

/// Options for finding copied text across a batch.
#[derive(Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawSimilarity {
    /// Sentences holding one of these phrases are boilerplate every report may share.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    boilerplate: Vec<Spanned<String>>,
    /// The share (above 0, at most 1) of the shorter report's text two reports must have in common
    /// to be taken as copies; 0.5 by default.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    min_share: Option<Spanned<f64>>,
}

/// Scoring options.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawScoring {
    /// How many concepts a heading naming an area is worth when its section holds evidence (default 1).
    #[serde(default = "default_heading_bonus")]
    heading_bonus: u32,
}

impl Default for RawScoring {
    fn default() -> Self {
        RawScoring {
            heading_bonus: default_heading_bonus(),
        }
    }
}

fn default_heading_bonus() -> u32 {
    1
}

/// Extra words for the segmenter.
#[derive(Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawDictionary {
    /// Words the segmenter must keep whole (place names and the like).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    words: Vec<Spanned<String>>,
}

/// Negation cues: a negated term does not count.
#[derive(Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawNegation {
    /// Cues that negate a term after them in the same clause (未开展普法).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    before: Vec<Spanned<String>>,
    /// Cues that negate a term before them in the same clause (法律顾问尚未聘请).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    after: Vec<Spanned<String>>,
}

/// Page-chrome vocabulary; the lists given replace the built-in ones.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawChrome {
    /// A line containing one of these is page chrome.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    line_markers: Vec<Spanned<String>>,
    /// A line containing one of these is chrome and starts the footer.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    footer_markers: Vec<Spanned<String>>,
    /// A line starting with one of these and a colon is the page's metadata block.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    metadata_labels: Vec<Spanned<String>>,
}

/// The regulation's formal checks, each on by default.
#[derive(Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawFindings {
    /// Published after the deadline in the year after the report's year.
    #[serde(default)]
    late: Option<RawFindingRule>,
    /// Another year spoken of as the current one, or plans for a year other than the next.
    #[serde(default)]
    stale_year: Option<RawFindingRule>,
    /// The first-responsibility duty never addressed.
    #[serde(default)]
    first_responsibility: Option<RawFindingRule>,
    /// Less report text than min_chars.
    #[serde(default)]
    too_short: Option<RawFindingRule>,
    /// No recognizable title, organisation or year.
    #[serde(default)]
    title: Option<RawFindingRule>,
    /// The text calls itself a plan rather than a report.
    #[serde(default)]
    not_a_report: Option<RawFindingRule>,
    /// Much of the text shared with another report of the same batch.
    #[serde(default)]
    copied_text: Option<RawFindingRule>,
    /// Much of last year's report of the same organisation repeated.
    #[serde(default)]
    repeated_text: Option<RawFindingRule>,
}

/// One formal check.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawFindingRule {
    /// Whether the check runs (default true).
    #[serde(default)]
    enabled: Option<bool>,
    /// info, warning or error.
    #[serde(default)]
    severity: Option<Severity>,
    /// `late` only: the deadline as "MM-DD".
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    deadline: Option<Spanned<String>>,
    /// `first_responsibility` only.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    terms: Option<Vec<Spanned<String>>>,
    /// `too_short` only.
    #[serde(default)]
    min_chars: Option<usize>,
}

/// One area a report must cover.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawArea {
    /// Stable id read by every consumer of the output: lower-case letters, digits, underscores.
    #[schemars(with = "String")]
    id: Spanned<String>,
    /// Chinese title shown to people.
    #[schemars(with = "String")]
    title: Spanned<String>,
    /// Share of the total score; all weights are scaled to add up to 100.
    #[schemars(with = "f64")]
    weight: Spanned<f64>,
    /// A report missing this area fails whatever its score.
    #[serde(default)]
    required: bool,
    /// Where evidence may come from: work (the account of the year's work), own (the area's own part), all.
    #[serde(default = "default_scope")]
    scope: Scope,
    /// Distinct concepts (plus the heading bonus) needed for present.
    #[schemars(with = "u32")]
    present: Spanned<u32>,
    /// Distinct concepts needed for weak; fewer is missing.
    #[schemars(with = "u32")]
    weak: Spanned<u32>,
    /// Sentences the evidence must stand in for present (default 1).
    #[serde(default = "default_min_sentences")]
    min_sentences: u32,
    /// In a heading, these mark the section under it as the area's.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    heading_cues: Vec<Spanned<String>>,
    /// At the start of a paragraph, these make it the area's (scope own).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    lead_cues: Vec<Spanned<String>>,
    /// The concepts that show the area.
    #[schemars(with = "Vec<RawConcept>")]
    concepts: Spanned<Vec<RawConcept>>,
    /// Sentences that must show it.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    examples: Vec<Spanned<String>>,
    /// Sentences that must not show it.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    counter_examples: Vec<Spanned<String>>,
    /// Sentences that must mention it negated.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    negated_examples: Vec<Spanned<String>>,
}

fn default_min_sentences() -> u32 {
    1
}

fn default_scope() -> Scope {
    Scope::Work
}

/// One concept: any one of its terms shows it.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawConcept {
    #[schemars(with = "String")]
    id: Spanned<String>,
    /// The terms; each matches on word boundaries.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    terms: Option<Spanned<Vec<Spanned<String>>>>,
    /// Shown also by the year report-year + offset written as 2022年.
    #[serde(default)]
    year_offset: Option<i32>,
    /// Sentences that must show it.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    examples: Vec<Spanned<String>>,
    /// Sentences that must not show it.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    counter_examples: Vec<Spanned<String>>,
    /// Sentences that must mention it negated.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    negated_examples: Vec<Spanned<String>>,
}

// ---------------------------------------------------------------------------------------------

const DEFAULT_LINE_MARKERS: &[&str] = &[
    "您当前的位置",
    "您现在的位置",
    "当前位置：",
    "当前位置:",
    "版权所有",
    "ICP备",
    "网站标识码",
    "公网安备",
    "Copyright",
    "技术支持：",
    "技术支持:",
    "【打印本页】",
    "打印本页",
    "关闭窗口",
    "【字体：",
    "字号：",
    "分享到：",
];
const DEFAULT_FOOTER_MARKERS: &[&str] = &[
    "扫一扫在手机打开当前页",
    "扫一扫在手机上查看当前页面",
    "网站地图",
    "联系我们",
    "主办单位：",
    "主办单位:",
];
const DEFAULT_METADATA_LABELS: &[&str] = &[
    "索引号",
    "发布机构",
    "发文机关",
    "生成日期",
    "发布日期",
    "成文日期",
    "发布时间",
    "文号",
    "主题分类",
    "公开方式",
    "公开范围",
    "信息来源",
    "来源",
    "浏览次数",
    "点击数",
];

/// The JSON Schema of the rule-set format, generated from the types the loader reads, for editors
/// that complete and check TOML as it is typed (see `docs/rule-set.schema.json`).
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(RawRuleSet);
    serde_json::to_string_pretty(&schema).expect("schemas serialize")
}

impl RuleSet {
    /// The default rule set for township and street-office reports, built into the crate.
    ///
    /// Its areas are `leadership`, `publicity`, `approval`, `normative_docs`, `decisions`,
    /// `enforcement`, `disputes`, `problems` and `next_steps`.
    pub fn builtin() -> RuleSet {
        RuleSet::from_toml(BUILTIN_TOWNSHIP, "rules/township.toml")
            .expect("the built-in rule set is valid (checked by the test suite)")
    }

    /// Parses and validates a rule set from TOML text. `origin` names it in error messages: use the
    /// file name where there is one.
    ///
    /// # Errors
    ///
    /// [`Error::RuleSet`] with the line, column and key of the first problem found.
    pub fn from_toml(source: &str, origin: &str) -> Result<RuleSet> {
        RuleSet::load(source, origin, None)
    }

    /// The names of the rule sets built into the crate, for `--list-rules` and [`RuleSet::named`].
    pub const BUILTIN_NAMES: &'static [&'static str] = &["township", "county", "department"];

    /// A built-in rule set by name: `township` (the default, for townships and street offices),
    /// `county` (county and district governments) or `department` (government departments).
    pub fn named(name: &str) -> Option<RuleSet> {
        builtin_source(name).map(|source| {
            RuleSet::from_toml(source, &format!("rules/{name}.toml"))
                .expect("built-in rule sets are valid (checked by the test suite)")
        })
    }

    fn load(source: &str, origin: &str, dir: Option<&Path>) -> Result<RuleSet> {
        let table: toml::Table = toml::from_str(source).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            rule_error(
                source,
                origin,
                span.clone(),
                key_at(source, span),
                e.message(),
            )
        })?;
        if extends_of(&table).is_none() {
            let raw: RawRuleSet = toml::from_str(source).map_err(|e| {
                let span = e.span().unwrap_or(0..0);
                rule_error(
                    source,
                    origin,
                    span.clone(),
                    key_at(source, span),
                    e.message(),
                )
            })?;
            return Validator { source, origin }.build(raw);
        }
        let merged = expand(source, origin, dir, 0)?;
        let merged_text = toml::to_string(&merged)
            .map_err(|e| rule_error(source, origin, 0..0, None, &e.to_string()))?;
        let raw: RawRuleSet = toml::from_str(&merged_text).map_err(|e| {
            let key = key_at(&merged_text, e.span().unwrap_or(0..0));
            remap(source, origin, key, e.message())
        })?;
        Validator {
            source: &merged_text,
            origin,
        }
        .build(raw)
        .map_err(|e| match e {
            Error::RuleSet { key, message, .. } => remap(source, origin, key, &message),
            other => other,
        })
    }

    /// Reads, parses and validates a rule set file.
    ///
    /// # Errors
    ///
    /// [`Error::RuleSetIo`] when the file cannot be read, [`Error::RuleSet`] when it is not a valid
    /// rule set (including when it is not UTF-8).
    pub fn from_path(path: impl AsRef<Path>) -> Result<RuleSet> {
        let path = path.as_ref();
        let (source, origin) = read_rule_file(path)?;
        RuleSet::load(&source, &origin, path.parent())
    }

    /// A built-in rule set by name, or else a rule-set file at that path: what a `--rules` option
    /// takes.
    ///
    /// # Errors
    ///
    /// As [`RuleSet::from_path`].
    pub fn from_name_or_path(name_or_path: &str) -> Result<RuleSet> {
        match RuleSet::named(name_or_path) {
            Some(rules) => Ok(rules),
            None => RuleSet::from_path(name_or_path),
        }
    }

    /// Looks up an area by id.
    pub fn area(&self, id: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.id == id)
    }

    /// The most an area can score: its weight scaled so that all weights add up to 100.
    pub fn max_score(&self, area: &Area) -> f64 {
        let total: f64 = self.areas.iter().map(|a| a.weight).sum();
        if total > 0.0 {
            100.0 * area.weight / total
        } else {
            0.0
        }
    }
}

/// The text of a built-in rule set.
fn builtin_source(name: &str) -> Option<&'static str> {
    match name {
        "township" => Some(BUILTIN_TOWNSHIP),
        "county" => Some(BUILTIN_COUNTY),
        "department" => Some(BUILTIN_DEPARTMENT),
        _ => None,
    }
}

fn read_rule_file(path: &Path) -> Result<(String, String)> {
    let origin = path.display().to_string();
    let io = |source| Error::RuleSetIo {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_RULE_FILE_BYTES as u64 {
        let message = format!(
            "the file is {size} bytes, larger than the {MAX_RULE_FILE_BYTES} bytes a rule set may be"
        );
        return Err(rule_error("", &origin, 0..0, None, &message));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let source = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        rule_error(
            &text,
            &origin,
            valid..valid,
            None,
            "rule set files must be UTF-8",
        )
    })?;
    Ok((source, origin))
}

fn extends_of(table: &toml::Table) -> Option<&toml::Value> {
    table.get("rule_set")?.get("extends")
}

/// How deep `extends` may chain.
const MAX_EXTENDS_DEPTH: usize = 8;

/// The rule set's TOML with its `extends` chain applied: the base's tables, overridden key by key by
/// this file's; areas and concepts matched by id, changed key by key, dropped with `drop = true`, and
/// added when new.
fn expand(source: &str, origin: &str, dir: Option<&Path>, depth: usize) -> Result<toml::Table> {
    let parse_error = |e: toml::de::Error| {
        let span = e.span().unwrap_or(0..0);
        rule_error(
            source,
            origin,
            span.clone(),
            key_at(source, span),
            e.message(),
        )
    };
    let mut table: toml::Table = toml::from_str(source).map_err(parse_error)?;
    let Some(extends) = extends_of(&table).cloned() else {
        return Ok(table);
    };
    // The keys of an extending file are checked as strictly as a whole rule set's.
    let _: PatchSet = toml::from_str(source).map_err(parse_error)?;
    let at_extends = || {
        let span = source.find("extends").map_or(0..0, |i| i..i);
        (span, Some("rule_set.extends".to_string()))
    };
    if depth >= MAX_EXTENDS_DEPTH {
        let (span, key) = at_extends();
        return Err(rule_error(
            source,
            origin,
            span,
            key,
            "rule sets extend each other too deeply (a cycle?)",
        ));
    }
    let name = extends.as_str().unwrap_or_default().to_string();
    let base = match builtin_source(&name) {
        Some(text) => expand(text, &format!("rules/{name}.toml"), None, depth + 1)?,
        None => {
            let path = dir.map_or_else(|| Path::new(&name).to_path_buf(), |d| d.join(&name));
            if !path.is_file() {
                let (span, key) = at_extends();
                return Err(rule_error(
                    source,
                    origin,
                    span,
                    key,
                    &format!(
                        "`extends = \"{name}\"` is neither a built-in rule set ({}) nor a file",
                        RuleSet::BUILTIN_NAMES.join(", ")
                    ),
                ));
            }
            let (text, base_origin) = read_rule_file(&path)?;
            expand(&text, &base_origin, path.parent(), depth + 1)?
        }
    };
    if let Some(toml::Value::Table(meta)) = table.get_mut("rule_set") {
        meta.remove("extends");
    }
    Ok(merge(base, table))
}

/// Merges `child` over `base`.
fn merge(mut base: toml::Table, child: toml::Table) -> toml::Table {
    for (key, value) in child {
        match (key.as_str(), base.get_mut(&key), value) {
            ("areas", Some(toml::Value::Array(areas)), toml::Value::Array(patches)) => {
                merge_by_id(areas, patches, Some("concepts"))
            }
            (_, Some(toml::Value::Table(b)), toml::Value::Table(c)) => {
                for (k, v) in c {
                    b.insert(k, v);
                }
            }
            (_, _, value) => {
                base.insert(key, value);
            }
        }
    }
    base
}

/// Merges tables of `patches` into `items` by their `id`: `drop = true` removes, other keys replace,
/// `nested` (concepts) is merged the same way; unknown ids are appended.
fn merge_by_id(items: &mut Vec<toml::Value>, patches: Vec<toml::Value>, nested: Option<&str>) {
    let id_of = |v: &toml::Value| v.get("id").and_then(|i| i.as_str()).map(str::to_string);
    for patch in patches {
        let toml::Value::Table(mut patch) = patch else {
            continue;
        };
        let id = patch.get("id").and_then(|i| i.as_str()).map(str::to_string);
        let drop = patch
            .remove("drop")
            .and_then(|d| d.as_bool())
            .unwrap_or(false);
        let found = items
            .iter()
            .position(|item| id.is_some() && id_of(item) == id);
        match (found, drop) {
            (Some(i), true) => {
                items.remove(i);
            }
            (Some(i), false) => {
                if let toml::Value::Table(item) = &mut items[i] {
                    for (k, v) in patch {
                        match (nested, item.get_mut(&k), v) {
                            (
                                Some(n),
                                Some(toml::Value::Array(inner)),
                                toml::Value::Array(inner_patches),
                            ) if k == n => merge_by_id(inner, inner_patches, None),
                            (_, _, v) => {
                                item.insert(k, v);
                            }
                        }
                    }
                }
            }
            (None, true) => {}
            (None, false) => items.push(toml::Value::Table(patch)),
        }
    }
}

/// An error found after merging, pointed at the extending file: at the area it names when that file
/// mentions it, else at its `extends`.
fn remap(source: &str, origin: &str, key: Option<String>, message: &str) -> Error {
    let area = key
        .as_deref()
        .and_then(|k| k.strip_prefix("areas."))
        .and_then(|k| k.split('.').next());
    let span = area
        .and_then(|id| source.find(&format!("\"{id}\"")))
        .or_else(|| source.find("extends"))
        .map_or(0..0, |i| i..i);
    rule_error(
        source,
        origin,
        span,
        key,
        &format!("{message} (in the rule set as extended)"),
    )
}

/// Line (1-based) and column (1-based, in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

fn rule_error(
    source: &str,
    origin: &str,
    span: Range<usize>,
    key: Option<String>,
    message: &str,
) -> Error {
    let (line, column) = line_column(source, span.start);
    Error::RuleSet {
        position: SourcePosition {
            origin: origin.to_string(),
            line,
            column,
        },
        key,
        message: message.trim().to_string(),
    }
}

/// The key an error at `span` concerns: the table header above it and the key on its line.
fn key_at(source: &str, span: Range<usize>) -> Option<String> {
    let start = span.start.min(source.len());
    if !source.is_char_boundary(start) {
        return None;
    }
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let line = source[line_start..line_end].trim();
    let table = source[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim().to_string());
    let key = if line.starts_with('[') {
        None
    } else {
        line.split_once('=')
            .map(|(k, _)| k.trim().trim_matches('"').to_string())
    };
    match (table, key) {
        (Some(t), Some(k)) if !k.is_empty() => Some(format!("{t}.{k}")),
        (None, Some(k)) if !k.is_empty() => Some(k),
        (Some(t), _) => Some(t),
        _ => None,
    }
}

struct Validator<'a> {
    source: &'a str,
    origin: &'a str,
}

impl Validator<'_> {
    fn examples(
        &self,
        shows: Vec<Spanned<String>>,
        not_shows: Vec<Spanned<String>>,
        negated: Vec<Spanned<String>>,
    ) -> Examples {
        let place = |list: Vec<Spanned<String>>| {
            list.into_iter()
                .map(|e| {
                    let (line, column) = line_column(self.source, e.span().start);
                    Example {
                        text: e.into_inner(),
                        line,
                        column,
                    }
                })
                .collect()
        };
        Examples {
            shows: place(shows),
            not_shows: place(not_shows),
            negated: place(negated),
        }
    }

    fn findings(&self, raw: RawFindings, count: &mut usize) -> Result<FindingRules> {
        let mut rules = FindingRules::default();
        let apply = |rule: &mut FindingRule, raw: &Option<RawFindingRule>| {
            if let Some(r) = raw {
                rule.enabled = r.enabled.unwrap_or(true);
                if let Some(s) = r.severity {
                    rule.severity = s;
                }
            }
        };
        apply(&mut rules.late, &raw.late);
        apply(&mut rules.stale_year, &raw.stale_year);
        apply(&mut rules.first_responsibility, &raw.first_responsibility);
        apply(&mut rules.too_short, &raw.too_short);
        apply(&mut rules.title, &raw.title);
        apply(&mut rules.not_a_report, &raw.not_a_report);
        apply(&mut rules.copied_text, &raw.copied_text);
        apply(&mut rules.repeated_text, &raw.repeated_text);
        let misplaced = |name: &str, r: &Option<RawFindingRule>, allowed: &[&str]| -> Result<()> {
            let Some(r) = r else { return Ok(()) };
            let present: [(&str, bool); 3] = [
                ("deadline", r.deadline.is_some()),
                ("terms", r.terms.is_some()),
                ("min_chars", r.min_chars.is_some()),
            ];
            match present
                .iter()
                .find(|(key, set)| *set && !allowed.contains(key))
            {
                Some((key, _)) => Err(self.err(
                    0..0,
                    format!("findings.{name}.{key}"),
                    format!("`{key}` does not apply to the `{name}` check"),
                )),
                None => Ok(()),
            }
        };
        misplaced("late", &raw.late, &["deadline"])?;
        misplaced("stale_year", &raw.stale_year, &[])?;
        misplaced(
            "first_responsibility",
            &raw.first_responsibility,
            &["terms"],
        )?;
        misplaced("too_short", &raw.too_short, &["min_chars"])?;
        misplaced("title", &raw.title, &[])?;
        misplaced("not_a_report", &raw.not_a_report, &["terms"])?;
        misplaced("copied_text", &raw.copied_text, &[])?;
        misplaced("repeated_text", &raw.repeated_text, &[])?;
        if let Some(deadline) = raw.late.as_ref().and_then(|r| r.deadline.clone()) {
            let span = deadline.span();
            let text = deadline.into_inner();
            let parsed = text
                .split_once('-')
                .and_then(|(m, d)| Some((m.parse::<u32>().ok()?, d.parse::<u32>().ok()?)))
                .filter(|&(m, d)| (1..=12).contains(&m) && (1..=31).contains(&d));
            rules.deadline = parsed.ok_or_else(|| {
                self.err(
                    span,
                    "findings.late.deadline",
                    format!(
                        "deadline `{text}` must be a month and day as \"MM-DD\", such as \"03-31\""
                    ),
                )
            })?;
        }
        if let Some(terms) = raw.first_responsibility.and_then(|r| r.terms) {
            rules.first_responsibility_terms =
                self.terms(terms, "findings.first_responsibility.terms", count)?;
        }
        if let Some(terms) = raw.not_a_report.and_then(|r| r.terms) {
            rules.not_a_report_terms = self.terms(terms, "findings.not_a_report.terms", count)?;
        }
        if let Some(n) = raw.too_short.and_then(|r| r.min_chars) {
            rules.min_chars = n;
        }
        Ok(rules)
    }

    fn err(&self, span: Range<usize>, key: impl Into<String>, message: impl AsRef<str>) -> Error {
        rule_error(
            self.source,
            self.origin,
            span,
            Some(key.into()),
            message.as_ref(),
        )
    }

    fn terms(
        &self,
        list: Vec<Spanned<String>>,
        key: &str,
        count: &mut usize,
    ) -> Result<Vec<String>> {
        let mut out = Vec::with_capacity(list.len());
        for term in list {
            let span = term.span();
            let value = term.into_inner();
            let trimmed = value.trim();
            if trimmed.is_empty() {
                return Err(self.err(span, key, "empty term"));
            }
            if trimmed.chars().any(char::is_whitespace) {
                return Err(self.err(span, key, format!("term `{trimmed}` contains a space; terms are single words or phrases without spaces")));
            }
            if trimmed.chars().count() > MAX_TERM_CHARS {
                return Err(self.err(
                    span,
                    key,
                    format!("term is longer than {MAX_TERM_CHARS} characters"),
                ));
            }
            *count += 1;
            if *count > MAX_TERMS {
                return Err(self.err(
                    span,
                    key,
                    format!("more than {MAX_TERMS} terms in one rule set"),
                ));
            }
            out.push(crate::normalize::fold_str(trimmed));
        }
        Ok(out)
    }

    fn build(&self, raw: RawRuleSet) -> Result<RuleSet> {
        let mut count = 0usize;
        let name_span = raw.rule_set.name.span();
        let name = raw.rule_set.name.into_inner();
        if name.trim().is_empty() {
            return Err(self.err(name_span, "rule_set.name", "the rule set needs a name"));
        }
        let threshold_span = raw.rule_set.pass_threshold.span();
        let pass_threshold = raw.rule_set.pass_threshold.into_inner();
        if !(0.0..=100.0).contains(&pass_threshold) {
            return Err(self.err(
                threshold_span,
                "rule_set.pass_threshold",
                "the pass threshold must be between 0 and 100",
            ));
        }
        if raw.areas.is_empty() {
            return Err(self.err(
                0..0,
                "areas",
                "a rule set needs at least one [[areas]] table",
            ));
        }
        if raw.areas.len() > MAX_AREAS {
            return Err(self.err(
                raw.areas[MAX_AREAS].id.span(),
                "areas",
                format!("more than {MAX_AREAS} areas"),
            ));
        }
        let dictionary_words = self.terms(raw.dictionary.words, "dictionary.words", &mut count)?;
        let negation_before = self.terms(raw.negation.before, "negation.before", &mut count)?;
        let negation_after = self.terms(raw.negation.after, "negation.after", &mut count)?;
        let chrome = match raw.chrome {
            Some(c) => Chrome {
                line_markers: self.terms(c.line_markers, "chrome.line_markers", &mut count)?,
                footer_markers: self.terms(
                    c.footer_markers,
                    "chrome.footer_markers",
                    &mut count,
                )?,
                metadata_labels: self.terms(
                    c.metadata_labels,
                    "chrome.metadata_labels",
                    &mut count,
                )?,
            },
            None => Chrome::default(),
        };

        let mut seen = HashSet::new();
        let mut areas = Vec::with_capacity(raw.areas.len());
        for raw_area in raw.areas {
            let id_span = raw_area.id.span();
            let id = raw_area.id.into_inner();
            let here = |field: &str| format!("areas.{id}.{field}");
            if !is_identifier(&id) {
                return Err(self.err(
                    id_span,
                    "areas.id",
                    format!("area id `{id}` must be lower-case letters, digits and underscores"),
                ));
            }
            if !seen.insert(id.clone()) {
                return Err(self.err(id_span, "areas.id", format!("duplicate area id `{id}`")));
            }
            let title_span = raw_area.title.span();
            let title = raw_area.title.into_inner();
            if title.trim().is_empty() {
                return Err(self.err(
                    title_span,
                    here("title"),
                    format!("area `{id}` needs a title"),
                ));
            }
            let weight_span = raw_area.weight.span();
            let weight = raw_area.weight.into_inner();
            if weight.is_nan() || weight <= 0.0 || weight.is_infinite() {
                return Err(self.err(
                    weight_span,
                    here("weight"),
                    format!("area `{id}`: weight must be greater than zero"),
                ));
            }
            let concepts_span = raw_area.concepts.span();
            let raw_concepts = raw_area.concepts.into_inner();
            if raw_concepts.is_empty() {
                return Err(self.err(
                    id_span,
                    here("concepts"),
                    format!("area `{id}` has no concepts: add at least one [[areas.concepts]]"),
                ));
            }
            let mut concept_ids = HashSet::new();
            let mut concepts = Vec::with_capacity(raw_concepts.len());
            for raw_concept in raw_concepts {
                let cid_span = raw_concept.id.span();
                let cid = raw_concept.id.into_inner();
                if !is_identifier(&cid) {
                    return Err(self.err(
                        cid_span,
                        here("concepts.id"),
                        format!(
                            "concept id `{cid}` must be lower-case letters, digits and underscores"
                        ),
                    ));
                }
                if !concept_ids.insert(cid.clone()) {
                    return Err(self.err(
                        cid_span,
                        here("concepts.id"),
                        format!("area `{id}`: duplicate concept id `{cid}`"),
                    ));
                }
                let terms_span = raw_concept
                    .terms
                    .as_ref()
                    .map_or(cid_span.clone(), Spanned::span);
                let raw_terms = raw_concept
                    .terms
                    .map(Spanned::into_inner)
                    .unwrap_or_default();
                let terms = self.terms(
                    raw_terms,
                    &format!("areas.{id}.concepts.{cid}.terms"),
                    &mut count,
                )?;
                if terms.is_empty() && raw_concept.year_offset.is_none() {
                    return Err(self.err(
                        terms_span,
                        format!("areas.{id}.concepts.{cid}.terms"),
                        format!(
                            "area `{id}`: concept `{cid}` is empty: give it terms or a year_offset"
                        ),
                    ));
                }
                concepts.push(Concept {
                    id: cid,
                    terms,
                    year_offset: raw_concept.year_offset,
                    examples: self.examples(
                        raw_concept.examples,
                        raw_concept.counter_examples,
                        raw_concept.negated_examples,
                    ),
                });
            }
            let present_span = raw_area.present.span();
            let present = raw_area.present.into_inner();
            let weak_span = raw_area.weak.span();
            let weak = raw_area.weak.into_inner();
            if present == 0 {
                return Err(self.err(
                    present_span,
                    here("present"),
                    format!("area `{id}`: present must be at least 1"),
                ));
            }
            if present as usize > concepts.len() {
                return Err(self.err(present_span, here("present"), format!("area `{id}`: present = {present} but the area has only {} concepts, so it could never be present", concepts.len())));
            }
            if weak == 0 || weak > present {
                return Err(self.err(
                    weak_span,
                    here("weak"),
                    format!("area `{id}`: weak must be from 1 to present ({present})"),
                ));
            }
            let heading_cues =
                self.terms(raw_area.heading_cues, &here("heading_cues"), &mut count)?;
            let lead_cues = self.terms(raw_area.lead_cues, &here("lead_cues"), &mut count)?;
            if raw_area.scope == Scope::Own && heading_cues.is_empty() && lead_cues.is_empty() {
                return Err(self.err(concepts_span, here("scope"), format!("area `{id}` has scope \"own\" but no heading_cues or lead_cues to find its own part")));
            }
            areas.push(Area {
                id,
                title,
                weight,
                required: raw_area.required,
                scope: raw_area.scope,
                present,
                weak,
                min_sentences: raw_area.min_sentences,
                heading_cues,
                lead_cues,
                concepts,
                examples: self.examples(
                    raw_area.examples,
                    raw_area.counter_examples,
                    raw_area.negated_examples,
                ),
            });
        }
        Ok(RuleSet {
            origin: self.origin.to_string(),
            source: self.source.to_string(),
            name,
            version: raw.rule_set.version,
            description: raw.rule_set.description,
            pass_threshold,
            heading_bonus: raw.scoring.heading_bonus,
            dictionary_words,
            negation_before,
            negation_after,
            chrome,
            findings: self.findings(raw.findings, &mut count)?,
            boilerplate: self.terms(
                raw.similarity.boilerplate,
                "similarity.boilerplate",
                &mut count,
            )?,
            min_share: match raw.similarity.min_share {
                None => DEFAULT_MIN_SHARE,
                Some(share) => {
                    let span = share.span();
                    let value = share.into_inner();
                    if !(value > 0.0 && value <= 1.0) {
                        return Err(self.err(
                            span,
                            "similarity.min_share",
                            format!("min_share {value} must be above 0 and at most 1"),
                        ));
                    }
                    value
                }
            },
            areas,
        })
    }
}

impl Default for Chrome {
    fn default() -> Self {
        let own = |list: &[&str]| list.iter().map(|s| crate::normalize::fold_str(s)).collect();
        Chrome {
            line_markers: own(DEFAULT_LINE_MARKERS),
            footer_markers: own(DEFAULT_FOOTER_MARKERS),
            metadata_labels: own(DEFAULT_METADATA_LABELS),
        }
    }
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

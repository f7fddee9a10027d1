//! Rule sets: what a report must cover, written in TOML by legal staff.
//!
//! A rule set names its areas (组织领导, 普法, …), the concepts that show each area (each a group of
//! synonymous core terms and support terms), the `[verdict]` lengths by which work areas are judged
//! and the neutral phrases, how many concepts make an own-part area present or weak, the heading cues
//! that mark a section as belonging to an area, where each area may take its evidence from, the
//! negation cues, the pass mark and the extra dictionary words for the segmenter. The format is described for rule
//! authors in `docs/rules.md`.
//!
//! Loading is strict: unknown keys are errors, so a misspelt key cannot silently switch a rule off, and
//! every error names the file, line, column and key.

use serde::{Deserialize, Serialize};

pub mod decision;
mod load;
mod raw;
mod span;
mod validate;

pub use decision::{Decision, Verdict};
pub use raw::json_schema;
pub(crate) use span::line_column;

/// The default rule set, for township and street-office reports, as shipped in `rules/township.toml`.
pub const BUILTIN_TOWNSHIP: &str = include_str!("../../rules/township.toml");
/// The rule set for county and district governments, `rules/county.toml`; it extends `township`.
pub const BUILTIN_COUNTY: &str = include_str!("../../rules/county.toml");
/// The rule set for government departments, `rules/department.toml`; it extends `township`.
pub const BUILTIN_DEPARTMENT: &str = include_str!("../../rules/department.toml");

/// The most terms a rule set may hold, counting every concept term, cue and dictionary word.
pub const MAX_TERMS: usize = 50_000;
/// The longest term, in characters.
pub const MAX_TERM_CHARS: usize = 64;
/// The largest rule-set file read, in bytes.
pub const MAX_RULE_FILE_BYTES: usize = 8 * 1024 * 1024;
/// The most areas a rule set may have.
pub const MAX_AREAS: usize = 64;
/// How far after a pair's first term its second may stand, in characters (听取…汇报).
pub const PAIR_CHARS: usize = 25;

/// The share of the shorter report's text two reports must have in common to be taken as copies,
/// when the rule set does not say.
pub const DEFAULT_MIN_SHARE: f64 = 0.5;

/// How copied text is told from common wording (`[similarity]`, beside `min_share` and
/// `boilerplate`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SimilarityRules {
    /// A shared passage shorter than this many characters (spaces and punctuation left out) is not
    /// counted (`min_passage`, 32 by default).
    pub min_passage: u32,
    /// A shingle held by more than this share of a batch of four or more reports is template text
    /// (`template_share`, 0.5 by default).
    pub template_share: f64,
    /// A shingle held by more than this many reports of a batch is template text
    /// (`template_reports`, 50 by default).
    pub template_reports: u32,
}

impl Default for SimilarityRules {
    fn default() -> SimilarityRules {
        SimilarityRules {
            min_passage: 32,
            template_share: 0.5,
            template_reports: 50,
        }
    }
}

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
    /// The core terms: each says the area by itself. Each matches on word boundaries of the
    /// segmented text.
    pub terms: Vec<String>,
    /// The support terms: they count only beside a core term of the area in the same sentence, or
    /// under a heading of the area (组长, 培训, 审查).
    pub support: Vec<String>,
    /// Its core terms count as core only in a sentence holding one of these (法律法规 only where
    /// the sentence speaks of study: 学习, 培训 …); elsewhere as support. Empty: no condition.
    pub needs_any: Vec<String>,
    /// Pairs `X…Y`: a match of one of the concept's terms X is core when one of Y follows it in
    /// its clause, within [`PAIR_CHARS`] characters (听取…汇报: 听取法治建设工作情况汇报).
    pub pairs: Vec<Pair>,
    /// Claims `X…Y`: a match of a term Y of any work area, with one of X just before it in its
    /// clause (within [`PAIR_CHARS`] characters), counts as a core term of this concept: review
    /// words belong to what they review (规范性文件合法性审查 is the review of normative documents,
    /// not of decisions).
    pub claims: Vec<Pair>,
    /// Its terms count inside a 《title》 (a law's name: 《中华人民共和国宪法》) where one of
    /// `needs_any` stands just before the title (学习《…宪法》); other titles are never work done
    /// unless a making verb stands before them (制定《…》).
    pub in_titles: bool,
    /// When set, the concept is also shown by the year `report year + year_offset` written as
    /// `2022年`: `year_offset = 1` on a plans concept finds plans for the next year.
    pub year_offset: Option<i32>,
    /// Example sentences the concept must agree with.
    pub examples: Examples,
}

/// Two lists of words, the first before the second in a clause (`X…Y`, each side `a|b|c`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    /// The words that stand first.
    pub first: Vec<String>,
    /// The words that stand after them.
    pub then: Vec<String>,
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
    /// Areas of scope `own` or `all`: how many distinct concepts (plus the heading bonus) make the
    /// area present. Work areas are judged by the rules of [`VerdictRules`].
    pub present: u32,
    /// Areas of scope `own` or `all`: how many make it weak; fewer is missing.
    pub weak: u32,
    /// The area's core terms count as core only in a sentence holding one of these (for leadership:
    /// 法治, 依法…); elsewhere they count as support. Empty: no condition.
    pub needs_any: Vec<String>,
    /// The area directs others (leadership): a term of another area that stands as the object of
    /// a directing act (研究…, 审议…, 听取…汇报) counts for nothing in its own area.
    pub directs: bool,
    /// One core term named once, outside a list (no 、 in its clause), in a sentence of at least
    /// [`VerdictRules::single_chars`] is enough for present (R4): a named 学法 mechanism stated once.
    pub single: bool,
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

    /// The word a person reads: 提示 / 警告 / 错误, or info / warning / error.
    pub fn label(self, lang: crate::text::lang::Lang) -> &'static str {
        match self {
            Severity::Info => lang.pick("提示", "info"),
            Severity::Warning => lang.pick("警告", "warning"),
            Severity::Error => lang.pick("错误", "error"),
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
    /// Phrases by which a text shows itself as something other than a report: a plan (制定本方案),
    /// a news item (记者), a disclosure report (政府信息公开年度报告), an explanation (政策解读).
    pub not_a_report_terms: Vec<String>,
    /// The terms of `not_a_report` count only within this many characters from the start of the
    /// running text (600 by default): a report may quote a plan later on.
    pub not_a_report_within: usize,
    /// `copied_text`: the report shares much of its text with another report of the same batch.
    pub copied_text: FindingRule,
    /// `repeated_text`: the report repeats much of last year's report of the same organisation.
    pub repeated_text: FindingRule,
    /// `wrong_year`: the report is for another year than the one a batch expects (`--year`).
    pub wrong_year: FindingRule,
    /// `duplicate_submission`: the same organisation submitted more than one report for the same
    /// year in one batch.
    pub duplicate_submission: FindingRule,
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
                // A plan or a notice that issues one.
                "制定本方案",
                "特制定本方案",
                "本实施方案",
                "制定本规划",
                "制定本意见",
                "制定本办法",
                "制定本要点",
                "现印发给你们",
                "请认真组织实施",
                "请结合实际认真贯彻落实",
                "重点工作安排的通知",
                // A government-information disclosure report.
                "信息公开工作年度报告",
                "政府信息公开年度报告",
                "政务公开年度工作",
                "政务公开年度报告",
                "编制本报告",
                // An explanation of a document or a report.
                "政策解读",
                "起草背景",
                "起草过程",
                "解读如下",
                "报告框架",
                // A government work report to the people's congress.
                "各位代表",
                "向大会报告工作",
                "请予审议",
                // A news item.
                "记者",
                "发布会上",
                "新闻办召开",
                "主题发布会",
                "白皮书",
                // A visit reported by the visited: 督察组一行观看…, 带领…督察组来…实地督查.
                "督察组一行",
                "督导组一行",
                "调研组一行",
                "检查组一行",
            ]
            .map(String::from)
            .to_vec(),
            not_a_report_within: 600,
            copied_text: on(Severity::Warning),
            repeated_text: on(Severity::Warning),
            wrong_year: on(Severity::Error),
            duplicate_submission: on(Severity::Warning),
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
    /// How copied text is told from common wording (the rest of `[similarity]`).
    pub similarity: SimilarityRules,
    /// How work areas are judged (`[verdict]`).
    pub verdict: VerdictRules,
    /// Which verdict on a whole report each severity of finding, a missing required area and a
    /// score under the pass mark lead to (`[decision]`).
    pub decision: Decision,
    /// The areas, in the order they are reported.
    pub areas: Vec<Area>,
}

/// How areas of scope `work` are judged (the rule set's `[verdict]` table); see
/// `docs/rules.md`, "How a verdict is reached".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerdictRules {
    /// A sentence about an area with two distinct core terms (or three terms) counts from this
    /// many characters on (40).
    pub sentence_chars: u32,
    /// A section or paragraph headed for an area counts from this many characters of text under
    /// the heading on (40).
    pub section_chars: u32,
    /// Two sentences about an area in one paragraph count from this many characters on (60).
    pub paragraph_chars: u32,
    /// For areas with `single`: one core term in a sentence counts from this many characters on (35).
    pub single_chars: u32,
    /// The share of its points a weak area scores (0.4).
    pub weak_share: f64,
    /// Phrases that count for no area: a term inside one is not evidence (习近平法治思想 holds
    /// 法治; 中心组学习 is political study, not legal publicity).
    pub neutral: Vec<String>,
}

impl Default for VerdictRules {
    fn default() -> Self {
        VerdictRules {
            sentence_chars: 40,
            section_chars: 40,
            paragraph_chars: 60,
            single_chars: 35,
            weak_share: 0.4,
            neutral: Vec::new(),
        }
    }
}

impl RuleSet {
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

impl Default for Chrome {
    fn default() -> Self {
        let own = |list: &[&str]| {
            list.iter()
                .map(|s| crate::read::normalize::fold_str(s))
                .collect()
        };
        Chrome {
            line_markers: own(DEFAULT_LINE_MARKERS),
            footer_markers: own(DEFAULT_FOOTER_MARKERS),
            metadata_labels: own(DEFAULT_METADATA_LABELS),
        }
    }
}

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

//! Checking a rule set without checking reports: its own examples, and what a rule author would want
//! to know about its terms and thresholds.
//!
//! [`lint`] runs every example sentence written beside a rule (an error when the rule contradicts
//! it), and warns about terms listed twice or in two areas, terms the segmenter does not keep whole,
//! one-character terms, trivial thresholds, and, given reports to learn from, concepts and terms that
//! never match and terms that stand inside other words more often than as words.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::checker::Checker;
use crate::checker::explain::Outcome;
use crate::rules::{Examples, RuleSet, Severity};
use crate::text::lang::Lang;

/// One thing a rule author should look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lint {
    /// How serious it is: an `error` means the rule set contradicts itself.
    pub severity: Severity,
    /// A stable code: `example`, `duplicate-term`, `split-term`, `one-character-term`,
    /// `trivial-threshold`, `dead-concept`, `dead-term`, `inside-words`.
    pub code: String,
    /// What is wrong, in Chinese (what `Display` shows).
    pub message: String,
    /// What is wrong, in English (what [`Lint::english`] shows).
    pub message_en: String,
    /// The rule file.
    pub origin: String,
    /// 1-based line in the rule file, where known.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
}

impl fmt::Display for Lint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{l}:{c}: ", self.origin)?,
            _ => write!(f, "{}: ", self.origin)?,
        }
        write!(
            f,
            "{}[{}]: {}",
            self.severity.label(Lang::Zh),
            self.code,
            self.message
        )
    }
}

impl Lint {
    /// The lint as one line in English (`Display` gives it in Chinese):
    /// `file:line:column: severity[code]: message`.
    pub fn english(&self) -> String {
        let place = match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.origin),
            _ => self.origin.clone(),
        };
        format!(
            "{place}: {}[{}]: {}",
            self.severity.as_str(),
            self.code,
            self.message_en
        )
    }
}

struct Linter<'r> {
    rules: &'r RuleSet,
    out: Vec<Lint>,
}

impl Linter<'_> {
    fn push(
        &mut self,
        severity: Severity,
        code: &str,
        (message, message_en): (String, String),
        at: Option<(usize, usize)>,
    ) {
        self.out.push(Lint {
            severity,
            code: code.to_string(),
            message,
            message_en,
            origin: self.rules.origin.clone(),
            line: at.map(|p| p.0),
            column: at.map(|p| p.1),
        });
    }

    /// Where `"term"` first stands in the rule file after `after` (a byte offset), if it does.
    fn find(&self, quoted: &str, after: usize) -> Option<(usize, usize)> {
        let source = &self.rules.source;
        let at = source
            .get(after..)?
            .find(quoted)
            .map(|i| after + i)
            .or_else(|| source.find(quoted))?;
        Some(crate::rules::line_column(source, at + 1))
    }

    fn area_offset(&self, id: &str) -> usize {
        self.rules.source.find(&format!("\"{id}\"")).unwrap_or(0)
    }
}

/// Lints the checker's rule set. `corpus` holds report texts to learn from (fixture reports, last
/// year's submissions); without any, the corpus-based warnings are left out.
pub fn lint(checker: &Checker, corpus: &[&str]) -> Vec<Lint> {
    let rules = checker.rules();
    let mut l = Linter {
        rules,
        out: Vec::new(),
    };
    examples(checker, &mut l);

    // Terms listed twice, in one concept or across areas.
    let mut seen: HashMap<&str, (&str, &str)> = HashMap::new();
    for area in &rules.areas {
        let offset = l.area_offset(&area.id);
        for concept in &area.concepts {
            for term in &concept.terms {
                let at = l.find(&format!("\"{term}\""), offset);
                match seen.get(term.as_str()) {
                    Some(&(a, c)) if a == area.id && c == concept.id => {
                        l.push(Severity::Warning, "duplicate-term", (format!("「{term}」在 {}.{} 中列了两次", area.id, concept.id), format!("「{term}」 is listed twice in {}.{}", area.id, concept.id)), at)
                    }
                    Some(&(a, c)) if a == area.id => l.push(
                        Severity::Warning,
                        "duplicate-term",
                        (format!("「{term}」同在 {a} 的两个概念 {c} 和 {} 中，一处出现就同时算两个概念", concept.id), format!("「{term}」 is in two concepts of {a}: {c} and {}; it shows both at once", concept.id)),
                        at,
                    ),
                    Some(&(a, c)) => l.push(
                        Severity::Info,
                        "duplicate-term",
                        (format!("「{term}」同时计入两个方面：{a}.{c} 和 {}.{}", area.id, concept.id), format!("「{term}」 counts for two areas: {a}.{c} and {}.{}", area.id, concept.id)),
                        at,
                    ),
                    None => {
                        seen.insert(term, (&area.id, &concept.id));
                    }
                }
                let words = checker.segmenter().words(term);
                if words.len() > 1 {
                    l.push(
                        Severity::Warning,
                        "split-term",
                        (format!("分词把「{term}」切成 {}；跨切分处仍能匹配，但请确认这是本意", words.join("|")), format!("the segmenter cuts 「{term}」 into {}; it still matches across the cut, but check it is meant", words.join("|"))),
                        at,
                    );
                }
                if term.chars().count() == 1 {
                    l.push(
                        Severity::Warning,
                        "one-character-term",
                        (format!("「{term}」只有一个字：分词把这个字单独切出的地方都会匹配"), format!("「{term}」 is one character: it matches wherever the segmenter leaves that character alone")),
                        at,
                    );
                }
            }
        }
        let at = l.find(&format!("\"{}\"", area.id), 0);
        if area.scope != crate::rules::Scope::Work && area.present == 1 && area.concepts.len() > 1 {
            l.push(
                Severity::Info,
                "trivial-threshold",
                (
                    format!(
                        "{}：present = 1，{} 个概念中任何一个就使该方面判为具备",
                        area.id,
                        area.concepts.len()
                    ),
                    format!(
                        "{}: present = 1, so any one of its {} concepts makes it present",
                        area.id,
                        area.concepts.len()
                    ),
                ),
                at,
            );
        }
    }

    if !corpus.is_empty() {
        learn(checker, corpus, &mut l);
    }
    l.out
        .sort_by_key(|x| (x.line.unwrap_or(usize::MAX), x.column, x.code.clone()));
    l.out
}

fn examples(checker: &Checker, l: &mut Linter<'_>) {
    let rules = checker.rules();
    for area in &rules.areas {
        check_examples(checker, l, &area.id, None, &area.examples);
        for concept in &area.concepts {
            check_examples(checker, l, &area.id, Some(&concept.id), &concept.examples);
        }
    }
}

fn check_examples(
    checker: &Checker,
    l: &mut Linter<'_>,
    area: &str,
    concept: Option<&str>,
    examples: &Examples,
) {
    let what = match concept {
        Some(c) => format!("{area}.{c}"),
        None => area.to_string(),
    };
    for (expect, expect_zh, list) in [
        ("show", "应计入", &examples.shows),
        ("not show", "不应计入", &examples.not_shows),
        ("be negated for", "应被否定而不计入", &examples.negated),
    ] {
        for example in list {
            let matches: Vec<_> = checker
                .term_matches(&example.text)
                .into_iter()
                .filter(|m| m.area == area && concept.is_none_or(|c| m.concept == c))
                .collect();
            let shown = matches.iter().any(|m| m.negated_by.is_none());
            let negated = matches.iter().any(|m| m.negated_by.is_some());
            let ok = match expect {
                "show" => shown,
                "not show" => !shown,
                _ => negated && !shown,
            };
            if !ok {
                let found = |negated: &dyn Fn(&str, &str) -> String, sep: &str| {
                    matches
                        .iter()
                        .map(|m| match &m.negated_by {
                            Some(cue) => negated(&m.term, cue),
                            None => format!("「{}」", m.term),
                        })
                        .collect::<Vec<_>>()
                        .join(sep)
                };
                let (found_zh, found) = if matches.is_empty() {
                    (
                        "其中的用语一个也没有".to_string(),
                        "no term of it".to_string(),
                    )
                } else {
                    (
                        format!(
                            "找到 {}",
                            found(&|t, cue| format!("「{t}」（被「{cue}」否定）"), "、")
                        ),
                        found(&|t, cue| format!("「{t}」 negated by 「{cue}」"), ", "),
                    )
                };
                l.push(
                    Severity::Error,
                    "example",
                    (
                        format!(
                            "例句「{}」{expect_zh} {what}，但规则{found_zh}",
                            example.text
                        ),
                        format!(
                            "the example 「{}」 should {expect} {what}, but the rule finds {found}",
                            example.text
                        ),
                    ),
                    Some((example.line, example.column)),
                );
            }
        }
    }
}

/// Corpus-based warnings: dead concepts and terms, terms that stand mostly inside other words.
fn learn(checker: &Checker, corpus: &[&str], l: &mut Linter<'_>) {
    let rules = checker.rules();
    // (area, concept) → counted anywhere; term → (counted, inside words)
    let mut concept_counted: BTreeMap<(usize, usize), bool> = BTreeMap::new();
    let mut term_stats: HashMap<String, (usize, usize, BTreeMap<String, usize>)> = HashMap::new();
    for text in corpus {
        let (_, explanation) = checker.explain_str(text);
        for (a, area) in explanation.areas.iter().enumerate() {
            for (c, concept) in area.concepts.iter().enumerate() {
                *concept_counted.entry((a, c)).or_default() |= concept.found;
                for m in &concept.matches {
                    let entry = term_stats.entry(m.term.clone()).or_default();
                    match &m.outcome {
                        Outcome::InsideWord { word } => {
                            entry.1 += 1;
                            *entry.2.entry(word.clone()).or_default() += 1;
                        }
                        Outcome::PageChrome => {}
                        _ => entry.0 += 1,
                    }
                }
            }
        }
    }
    for (a, area) in rules.areas.iter().enumerate() {
        let offset = l.area_offset(&area.id);
        for (c, concept) in area.concepts.iter().enumerate() {
            if !concept_counted.get(&(a, c)).copied().unwrap_or(false) {
                let at = l.find(&format!("\"{}\"", concept.id), offset);
                l.push(
                    Severity::Warning,
                    "dead-concept",
                    (
                        format!(
                            "{}.{} 在给出的 {} 份报告中从未计入",
                            area.id,
                            concept.id,
                            corpus.len()
                        ),
                        format!(
                            "{}.{} never counted in any of the {} reports given",
                            area.id,
                            concept.id,
                            corpus.len()
                        ),
                    ),
                    at,
                );
            }
            for term in &concept.terms {
                let (as_word, inside, words) = term_stats.get(term).cloned().unwrap_or_default();
                let at = l.find(&format!("\"{term}\""), offset);
                if as_word == 0 && inside == 0 {
                    l.push(
                        Severity::Info,
                        "dead-term",
                        (
                            format!(
                                "「{term}」（{}.{}）在给出的报告中从未匹配",
                                area.id, concept.id
                            ),
                            format!(
                                "「{term}」 ({}.{}) never matched in the reports given",
                                area.id, concept.id
                            ),
                        ),
                        at,
                    );
                } else if inside >= 3 && inside > as_word {
                    let common: Vec<String> =
                        words.keys().take(3).map(|w| format!("「{w}」")).collect();
                    l.push(
                        Severity::Warning,
                        "inside-words",
                        (
                            format!("「{term}」有 {inside} 次在别的词之内（{}），作为独立的词只有 {as_word} 次", common.join("、")),
                            format!("「{term}」 stands inside other words ({}) {inside} times and as a word {as_word} times", common.join(", ")),
                        ),
                        at,
                    );
                }
            }
        }
    }
}

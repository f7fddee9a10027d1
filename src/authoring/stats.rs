//! Corpus statistics: how the terms of a rule set behave over many reports.
//!
//! For each term, in how many reports it counted and in how many it stood negated; per area, how
//! many reports were present, weak or missing; the dead terms (never matched) and the terms that
//! match in nearly every report and so tell nothing. This is how a rule author finds what to prune
//! and what to add.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::judging::verdicts::Status;
use crate::report::Report;
use crate::rules::RuleSet;
use crate::text::lang::Lang;

/// How one term behaved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermStats {
    /// The area's id.
    pub area: String,
    /// The concept's id.
    pub concept: String,
    /// The term.
    pub term: String,
    /// Reports in which it counted at least once.
    pub reports: usize,
    /// Reports in which it stood negated at least once.
    pub negated_reports: usize,
}

/// How one area fared.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaStats {
    /// The area's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Reports in which it was present.
    pub present: usize,
    /// … weak.
    pub weak: usize,
    /// … missing.
    pub missing: usize,
}

/// Statistics over a corpus of reports checked with one rule set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorpusStats {
    /// Reports added.
    pub reports: usize,
    /// One entry per term of the rule set, in its order.
    pub terms: Vec<TermStats>,
    /// One entry per area.
    pub areas: Vec<AreaStats>,
}

impl CorpusStats {
    /// Empty statistics for the terms and areas of `rules`.
    pub fn new(rules: &RuleSet) -> CorpusStats {
        let mut terms = Vec::new();
        for area in &rules.areas {
            for concept in &area.concepts {
                for term in &concept.terms {
                    terms.push(TermStats {
                        area: area.id.clone(),
                        concept: concept.id.clone(),
                        term: term.clone(),
                        ..TermStats::default()
                    });
                }
            }
        }
        let areas = rules
            .areas
            .iter()
            .map(|a| AreaStats {
                id: a.id.clone(),
                title: a.title.clone(),
                ..AreaStats::default()
            })
            .collect();
        CorpusStats {
            reports: 0,
            terms,
            areas,
        }
    }

    /// Adds one report's verdicts.
    pub fn add(&mut self, report: &Report) {
        self.reports += 1;
        let mut counted = BTreeSet::new();
        let mut negated = BTreeSet::new();
        for area in &report.areas {
            for e in &area.evidence {
                let key = (area.id.as_str(), e.concept.as_str(), e.term.as_str());
                if e.negated {
                    negated.insert(key)
                } else {
                    counted.insert(key)
                };
            }
            if let Some(stats) = self.areas.iter_mut().find(|a| a.id == area.id) {
                match area.status {
                    Status::Present => stats.present += 1,
                    Status::Weak => stats.weak += 1,
                    Status::Missing => stats.missing += 1,
                }
            }
        }
        for t in &mut self.terms {
            let key = (t.area.as_str(), t.concept.as_str(), t.term.as_str());
            t.reports += usize::from(counted.contains(&key));
            t.negated_reports += usize::from(negated.contains(&key));
        }
    }

    /// Terms that never matched, counted or negated.
    pub fn dead_terms(&self) -> impl Iterator<Item = &TermStats> {
        self.terms
            .iter()
            .filter(|t| t.reports == 0 && t.negated_reports == 0)
    }

    /// Terms that counted in at least `share` (0–1) of the reports: they tell reports apart little.
    pub fn ubiquitous_terms(&self, share: f64) -> impl Iterator<Item = &TermStats> {
        let reports = self.reports;
        self.terms
            .iter()
            .filter(move |t| reports > 0 && t.reports as f64 >= share * reports as f64)
    }

    /// A table for people, in `lang`.
    pub fn to_text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let none = lang.pick("无", "none");
        let mut out = String::new();
        let _ = if zh {
            writeln!(
                out,
                "{} 份报告\n\n{}  具备  薄弱  缺失  标题",
                self.reports,
                pad("方面", 20)
            )
        } else {
            writeln!(
                out,
                "{} reports\n\n{}  present  weak  missing  title",
                self.reports,
                pad("area", 20)
            )
        };
        for a in &self.areas {
            let _ = writeln!(
                out,
                "{}  {:>w1$}  {:>w2$}  {:>w3$}  {}",
                pad(&a.id, 20),
                a.present,
                a.weak,
                a.missing,
                a.title,
                w1 = if zh { 4 } else { 7 },
                w2 = 4,
                w3 = if zh { 4 } else { 7 },
            );
        }
        let _ = writeln!(
            out,
            "\n{}  {}  {}",
            pad(lang.pick("用语（方面.概念）", "term (area.concept)"), 44),
            lang.pick("报告数", "reports"),
            lang.pick("被否定的报告数", "negated")
        );
        for t in &self.terms {
            let _ = writeln!(
                out,
                "{}  {:>w1$}  {:>w2$}",
                pad(&format!("{} ({}.{})", t.term, t.area, t.concept), 44),
                t.reports,
                t.negated_reports,
                w1 = if zh { 6 } else { 7 },
                w2 = if zh { 14 } else { 7 },
            );
        }
        let dead: Vec<String> = self
            .dead_terms()
            .map(|t| format!("{} ({}.{})", t.term, t.area, t.concept))
            .collect();
        let _ = writeln!(
            out,
            "\n{}{}",
            lang.pick("从未匹配的用语：", "dead terms (never matched): "),
            if dead.is_empty() {
                none.to_string()
            } else {
                dead.join(lang.pick("、", ", "))
            }
        );
        let common: Vec<String> = self
            .ubiquitous_terms(0.9)
            .map(|t| format!("{} ({}/{})", t.term, t.reports, self.reports))
            .collect();
        let _ = writeln!(
            out,
            "{}{}",
            lang.pick(
                "九成以上报告都计入的用语：",
                "terms counted in 90% or more of the reports: "
            ),
            if common.is_empty() {
                none.to_string()
            } else {
                common.join(lang.pick("、", ", "))
            }
        );
        out
    }
}

/// `s` padded with spaces to `width` columns of a terminal (a Chinese character takes two).
fn pad(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Checker;

    #[test]
    fn counts_terms_and_statuses() {
        let checker = Checker::new(RuleSet::builtin());
        let mut stats = CorpusStats::new(checker.rules());
        stats.add(
            &checker.check_str("一、重大行政决策\n本年度未作出重大行政决策。聘请法律顾问。\n"),
        );
        stats.add(&checker.check_str("一、组织领导\n成立领导小组。\n"));
        assert_eq!(stats.reports, 2);
        let major = stats
            .terms
            .iter()
            .find(|t| t.term == "重大行政决策")
            .unwrap();
        assert_eq!((major.reports, major.negated_reports), (0, 1));
        let counsel = stats.terms.iter().find(|t| t.term == "法律顾问").unwrap();
        assert_eq!(counsel.reports, 1);
        let decisions = stats.areas.iter().find(|a| a.id == "decisions").unwrap();
        assert_eq!(decisions.weak + decisions.missing + decisions.present, 2);
        assert!(stats.dead_terms().any(|t| t.term == "枫桥经验"));
        assert!(stats.to_text(Lang::En).contains("dead terms"));
        assert!(stats.to_text(Lang::Zh).contains("从未匹配的用语"));
    }
}

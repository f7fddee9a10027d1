//! Copied text: reports in one batch that share much of their text (one town's report copied by
//! another, a template filled in), and reports that repeat last year's report of the same
//! organisation.
//!
//! The technique is sentence shingling: each report is cut into its sentences of ten characters or
//! more, with digits made alike (so that 调解70件 and 调解35件 are the same sentence of a template)
//! and the opening left out, and sentences holding a boilerplate phrase of the rule set
//! (`[similarity] boilerplate`) too. Each sentence is hashed once. An inverted index from shingle to
//! reports finds the pairs that share sentences without comparing every pair with every other;
//! shingles found in more than half of a batch of four or more, or in more than [`MAX_HOLDERS`]
//! reports, are the boilerplate or template every report legitimately shares, and are ignored. Two reports are copies when the sentences they share make
//! up at least the rule set's `min_share` of the shorter one's text.
//!
//! A tool checking a batch does this in two passes: [`Checker::sketch_file_bytes`] gives each
//! report's [`Sketch`] cheaply (no matching), [`Copies::within`] and [`Copies::across`] find the
//! pairs, and [`Copies::annotate`] adds the `copied_text` and `repeated_text` findings to each
//! report as it is checked.
//!
//! [`Checker::sketch_file_bytes`]: crate::Checker::sketch_file_bytes

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::judging::findings::Finding;
pub use crate::judging::fingerprint::{Fingerprint, Sketch};
use crate::report::Report;
use crate::rules::{FindingRule, RuleSet};

/// A sentence found in more reports of a batch than this is a template they all use, not a copy;
/// so is one found in more than half of a batch of four or more. This also bounds the work: each
/// sentence adds to at most this many squared pairs.
pub const MAX_HOLDERS: usize = 50;

/// How many of the shared sentences' lines a finding names.
const LINES_NAMED: usize = 5;

/// Two reports that share much of their text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopiedPair {
    /// The first report's name (as given to [`Copies::within`]; for [`Copies::across`], this
    /// year's report).
    pub first: String,
    /// The second report's name (for [`Copies::across`], last year's report).
    pub second: String,
    /// The share (0–1) of the shorter report's text that stands in both.
    pub share: f64,
    /// How many sentences they share.
    pub shared_sentences: usize,
}

/// One pair, by index, with the sentences it shares.
#[derive(Debug, Clone)]
struct Link {
    /// Index of the first report among those given.
    first: usize,
    /// Index of the second: among the same reports for [`Copies::within`], among last year's for
    /// [`Copies::across`].
    second: usize,
    /// The hashes of the shared sentences, sorted.
    shared: Vec<u64>,
}

/// The copied pairs found among reports, and the findings they give each report.
#[derive(Debug, Clone, Default)]
pub struct Copies {
    pairs: Vec<CopiedPair>,
    links: Vec<Link>,
    /// Whether the second of each pair is last year's report ([`Copies::across`]).
    across: bool,
}

impl Copies {
    /// The pairs among `reports` (each a name and its fingerprint) that share at least `min_share`
    /// (0–1) of the shorter one's text. Sentences held by more than half of a batch of four or more
    /// are taken as boilerplate and not counted.
    ///
    /// # Example
    ///
    /// ```
    /// use fazhi_check::similarity::{Copies, Fingerprint};
    ///
    /// let a = Fingerprint::of(["我镇成立法治政府建设领导小组，全年召开专题会议4次。人民调解委员会调解纠纷70件。"]);
    /// let b = Fingerprint::of(["我镇成立法治政府建设领导小组，全年召开专题会议6次。人民调解委员会调解纠纷35件。"]);
    /// let c = Fingerprint::of(["街道推进综合行政执法改革，规范执法程序。全面落实行政执法三项制度。"]);
    /// let reports = vec![("a".to_string(), a), ("b".to_string(), b), ("c".to_string(), c)];
    /// let copies = Copies::within(&reports, 0.5);
    /// assert_eq!(copies.pairs().len(), 1);
    /// assert_eq!((copies.pairs()[0].first.as_str(), copies.pairs()[0].second.as_str()), ("a", "b"));
    /// ```
    pub fn within(reports: &[(String, Fingerprint)], min_share: f64) -> Copies {
        let mut index: HashMap<u64, Vec<u32>> = HashMap::new();
        for (r, (_, fp)) in reports.iter().enumerate() {
            for &(hash, _) in &fp.shingles {
                index.entry(hash).or_default().push(r as u32);
            }
        }
        let common = if reports.len() >= 4 {
            (reports.len() / 2).min(MAX_HOLDERS)
        } else {
            MAX_HOLDERS
        };
        let counted = |holders: &Vec<u32>| holders.len() > 1 && holders.len() <= common;
        // The characters each pair shares; a sentence adds to at most MAX_HOLDERS² / 2 pairs.
        let mut shared: HashMap<(u32, u32), u64> = HashMap::new();
        for (r, (_, fp)) in reports.iter().enumerate() {
            for &(hash, n) in &fp.shingles {
                let holders = &index[&hash];
                if !counted(holders) {
                    continue;
                }
                for &other in holders.iter().filter(|&&o| o as usize > r) {
                    *shared.entry((r as u32, other)).or_default() += u64::from(n);
                }
            }
        }
        let links = shared
            .into_iter()
            .filter(|&((a, b), chars)| {
                let shorter = reports[a as usize].1.chars.min(reports[b as usize].1.chars);
                shorter > 0 && chars as f64 / f64::from(shorter) >= min_share
            })
            .map(|((a, b), _)| {
                let (first, second) = (a as usize, b as usize);
                let mut shared = intersect(&reports[first].1.shingles, &reports[second].1.shingles);
                shared.retain(|h| counted(&index[h]));
                Link {
                    first,
                    second,
                    shared,
                }
            })
            .collect();
        Copies::keep(links, reports, reports, min_share, false)
    }

    /// The pairs of (one of `current`, one of `previous`) for which `related` holds, such as this
    /// year's and last year's report of the same organisation, that share at least `min_share` of
    /// the shorter one's text. No sentence is taken as boilerplate here but the rule set's.
    pub fn across(
        current: &[(String, Fingerprint)],
        previous: &[(String, Fingerprint)],
        related: impl Fn(usize, usize) -> bool,
        min_share: f64,
    ) -> Copies {
        let mut links = Vec::new();
        for (a, (_, fa)) in current.iter().enumerate() {
            for (b, (_, fb)) in previous.iter().enumerate() {
                if !related(a, b) {
                    continue;
                }
                let shared = intersect(&fa.shingles, &fb.shingles);
                if !shared.is_empty() {
                    links.push(Link {
                        first: a,
                        second: b,
                        shared,
                    });
                }
            }
        }
        Copies::keep(links, current, previous, min_share, true)
    }

    /// Keeps the links that share enough, and orders them most shared first.
    fn keep(
        links: Vec<Link>,
        firsts: &[(String, Fingerprint)],
        seconds: &[(String, Fingerprint)],
        min_share: f64,
        across: bool,
    ) -> Copies {
        let mut kept: Vec<(CopiedPair, Link)> = links
            .into_iter()
            .filter_map(|mut link| {
                link.shared.sort_unstable();
                let (fa, fb) = (&firsts[link.first].1, &seconds[link.second].1);
                let chars: u64 = link
                    .shared
                    .iter()
                    .filter_map(|h| {
                        fa.shingles
                            .binary_search_by_key(h, |s| s.0)
                            .ok()
                            .map(|i| u64::from(fa.shingles[i].1))
                    })
                    .sum();
                let shorter = fa.chars.min(fb.chars);
                let share = if shorter == 0 {
                    0.0
                } else {
                    chars as f64 / f64::from(shorter)
                };
                (share >= min_share).then(|| {
                    (
                        CopiedPair {
                            first: firsts[link.first].0.clone(),
                            second: seconds[link.second].0.clone(),
                            share: share.min(1.0),
                            shared_sentences: link.shared.len(),
                        },
                        link,
                    )
                })
            })
            .collect();
        kept.sort_by(|(x, _), (y, _)| {
            y.share
                .total_cmp(&x.share)
                .then_with(|| (&x.first, &x.second).cmp(&(&y.first, &y.second)))
        });
        let (pairs, links) = kept.into_iter().unzip();
        Copies {
            pairs,
            links,
            across,
        }
    }

    /// The pairs found, most shared first.
    pub fn pairs(&self) -> &[CopiedPair] {
        &self.pairs
    }

    /// Whether no pair was found.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The findings for the report at `index` (among those given to [`Copies::within`], or the
    /// current ones given to [`Copies::across`]): `copied_text` for each report it shares much of
    /// its text with, or `repeated_text` for last year's report it repeats, configured in the rule
    /// set's `[findings]`. Each points at the first shared sentence of the report and names the
    /// lines of the others; the `report` must be the one checked from the same text, whose
    /// fingerprint knows where its sentences stand.
    pub fn findings(&self, index: usize, report: &Report, rules: &RuleSet) -> Vec<Finding> {
        let (id, rule): (&str, FindingRule) = if self.across {
            ("repeated_text", rules.findings.repeated_text)
        } else {
            ("copied_text", rules.findings.copied_text)
        };
        if !rule.enabled {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (pair, link) in self.pairs.iter().zip(&self.links) {
            let other = if link.first == index {
                &pair.second
            } else if !self.across && link.second == index {
                &pair.first
            } else {
                continue;
            };
            let places = report.fingerprint.places_of(&link.shared);
            let mut lines: Vec<u32> = places.iter().map(|p| p.0).collect();
            lines.dedup();
            let more = if lines.len() > LINES_NAMED { "等" } else { "" };
            let lines: Vec<String> = lines
                .iter()
                .take(LINES_NAMED)
                .map(|l| l.to_string())
                .collect();
            let whom = if self.across {
                format!("上一年度的报告 {other}")
            } else {
                other.clone()
            };
            let message = format!(
                "本报告与 {whom} 有 {:.0}% 的文字相同（{} 句），见第 {} 行{more}",
                pair.share * 100.0,
                pair.shared_sentences,
                lines.join("、"),
            );
            let first = places.first();
            out.push(Finding {
                id: id.to_string(),
                severity: rule.severity,
                message,
                line: first.map(|p| p.0 as usize),
                column: first.map(|p| p.1 as usize),
            });
        }
        out
    }

    /// Adds [`Copies::findings`] for the report at `index` to the report, keeping its findings in
    /// order of position.
    pub fn annotate(&self, index: usize, report: &mut Report, rules: &RuleSet) {
        let found = self.findings(index, report, rules);
        if !found.is_empty() {
            report.findings.extend(found);
            report
                .findings
                .sort_by_key(|f| (f.line.unwrap_or(usize::MAX), f.column));
            report.decide(&rules.decision);
        }
    }
}

/// The hashes two sorted shingle lists share.
fn intersect(a: &[(u64, u32)], b: &[(u64, u32)]) -> Vec<u64> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i].0);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judging::fingerprint::Phrases;

    #[test]
    fn a_filled_in_template_is_found_and_an_unrelated_report_is_not() {
        let a = Fingerprint::of([
            "我镇成立法治政府建设领导小组，全年召开专题会议4次。人民调解委员会调解纠纷70件，调解成功率98%。",
        ]);
        let b = Fingerprint::of([
            "我镇成立法治政府建设领导小组，全年召开专题会议6次。人民调解委员会调解纠纷35件，调解成功率97%。",
        ]);
        let c = Fingerprint::of([
            "街道推进综合行政执法改革，规范执法程序。全面落实行政执法三项制度，案卷评查合格率100%。",
        ]);
        let reports = vec![
            ("a".to_string(), a),
            ("b".to_string(), b),
            ("c".to_string(), c),
        ];
        let copies = Copies::within(&reports, 0.5);
        let pairs = copies.pairs();
        assert_eq!(pairs.len(), 1);
        assert_eq!(
            (pairs[0].first.as_str(), pairs[0].second.as_str()),
            ("a", "b")
        );
        assert!((pairs[0].share - 1.0).abs() < 1e-9);
        assert_eq!(pairs[0].shared_sentences, 2);
    }

    #[test]
    fn boilerplate_phrases_of_the_rule_set_are_left_out() {
        let text = [
            "坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平法治思想。我镇全年调解纠纷70件，化解率98%。",
        ];
        let all = Fingerprint::of(text);
        let without = Fingerprint::without(
            text,
            &["习近平新时代中国特色社会主义思想为指导".to_string()],
        );
        assert_eq!(all.shingles.len(), 2);
        assert_eq!(without.shingles.len(), 1);
    }

    #[test]
    fn boilerplate_shared_by_most_of_a_batch_is_ignored() {
        let boiler = "坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平法治思想。";
        let reports: Vec<(String, Fingerprint)> = (0..5)
            .map(|i| {
                (
                    format!("r{i}"),
                    Fingerprint::of([
                        boiler,
                        &format!(
                            "第{i}个镇的工作各不相同{}",
                            "甲乙丙丁戊".chars().nth(i).unwrap()
                        ),
                    ]),
                )
            })
            .collect();
        assert!(Copies::within(&reports, 0.1).is_empty());
    }

    #[test]
    fn last_year_is_compared_only_with_the_same_organisation() {
        let this = Fingerprint::of([
            "我镇成立法治政府建设领导小组，全年召开专题会议4次。人民调解委员会调解纠纷70件，调解成功率98%。",
        ]);
        let last = Fingerprint::of([
            "我镇成立法治政府建设领导小组，全年召开专题会议3次。人民调解委员会调解纠纷52件，调解成功率96%。",
        ]);
        let current = vec![("2023/a".to_string(), this)];
        let previous = vec![
            ("2022/a".to_string(), last.clone()),
            ("2022/b".to_string(), last),
        ];
        let copies = Copies::across(&current, &previous, |_, b| b == 0, 0.5);
        assert_eq!(copies.pairs().len(), 1);
        assert_eq!(copies.pairs()[0].second, "2022/a");
        assert_eq!(copies.pairs()[0].shared_sentences, 2);
    }

    #[test]
    fn places_are_recorded_where_a_locator_is_given() {
        let text =
            "短句。人民调解委员会调解纠纷70件，调解成功率98%。全年召开专题会议研究法治工作4次。";
        let fp = Fingerprint::build(
            [(100, text)],
            &Phrases::new(&[]),
            Some(|offset: usize| (offset, 1)),
        );
        assert_eq!(fp.sentences(), 2);
        let mut at: Vec<u32> = fp.places.iter().map(|p| p.1).collect();
        at.sort_unstable();
        assert_eq!(
            at,
            vec![
                100 + "短句。".len() as u32,
                100 + text.find("全年").unwrap() as u32
            ]
        );
    }
}

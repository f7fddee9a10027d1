//! Copied text: reports in one batch that share much of their text (one town's report copied by
//! another, names and a few words in each sentence changed), and reports that repeat last year's
//! report of the same organisation.
//!
//! Each report's [`Fingerprint`] (made by the checker: the running text folded — digits, the body's
//! own name and words like 我镇 made alike — cut into character shingles and thinned by winnowing)
//! is all that is kept. [`Copies::within`] sorts every report's shingles into one list, which gives
//! how many reports hold each: a shingle held by more than `template_share` of a batch of four or
//! more, or by more than `template_reports` reports, is template text (the superior's notice, the
//! standard opening) and is not counted. For each report, the others holding enough of its
//! shingles are candidates, and each candidate pair is compared both ways: the shingles of one found
//! in the other are chained into passages (shingles close together), a passage shorter than
//! `min_passage` characters is a common phrase and is dropped, and the passages' length over the
//! report's is the share of its text found in the other. Two reports are copies when either share
//! reaches `min_share`.
//!
//! [`Copies::findings`] gives each report a `copied_text` (or, for last year's, `repeated_text`)
//! finding naming the other report, both shares and the passages with their lines in both.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::judging::findings::{Finding, Shared, SharedPassage};
use crate::judging::fingerprint::SHINGLE_CHARS;
pub use crate::judging::fingerprint::{Fingerprint, Sketch};
use crate::report::Report;
use crate::rules::{FindingRule, RuleSet, SimilarityRules};

/// Shingles of a passage farther apart than this many folded characters belong to two passages:
/// enough to bridge the edited words of a sentence (a third of them edited), not a sentence of other
/// text. Chosen on the tests of `tests/copies.rs`: 26 misses some copies with 30% of the words
/// edited, 34 pairs the real openings of different bodies more closely.
const GAP: u32 = 30;

/// How many passages a finding's message names by their lines.
const PASSAGES_NAMED: usize = 5;

/// The thresholds of a comparison, from the rule set's `[similarity]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// The share (0–1) of one report's text that must be found in the other.
    pub min_share: f64,
    /// The rest: passage length and what counts as template text.
    pub rules: SimilarityRules,
}

impl Thresholds {
    /// The thresholds of a rule set.
    pub fn of(rules: &RuleSet) -> Thresholds {
        Thresholds {
            min_share: rules.min_share,
            rules: rules.similarity,
        }
    }
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            min_share: crate::rules::DEFAULT_MIN_SHARE,
            rules: SimilarityRules::default(),
        }
    }
}

/// Two reports that share much of their text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopiedPair {
    /// The first report's name (as given to [`Copies::within`]; for [`Copies::across`], this
    /// year's report).
    pub first: String,
    /// The second report's name (for [`Copies::across`], last year's report).
    pub second: String,
    /// The share (0–1) of the first report's text found in the second.
    pub first_share: f64,
    /// The share (0–1) of the second report's text found in the first.
    pub second_share: f64,
    /// How many passages of the first report are found in the second.
    pub passages: usize,
}

impl CopiedPair {
    /// The larger of the two shares.
    pub fn share(&self) -> f64 {
        self.first_share.max(self.second_share)
    }
}

/// A passage of one report found in another, by the places of its shingles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    /// First and last shingle's index among the report's marks.
    first: usize,
    last: usize,
    /// The folded characters it spans.
    chars: u32,
}

/// One pair, by index, with its passages both ways.
#[derive(Debug, Clone)]
struct Link {
    /// Index of the first report among those given.
    first: usize,
    /// Index of the second: among the same reports for [`Copies::within`], among last year's for
    /// [`Copies::across`].
    second: usize,
    /// The passages, as each report sees them: lines in it and in the other.
    first_passages: Vec<SharedPassage>,
    second_passages: Vec<SharedPassage>,
}

/// The copied pairs found among reports, and the findings they give each report.
#[derive(Debug, Clone, Default)]
pub struct Copies {
    pairs: Vec<CopiedPair>,
    links: Vec<Link>,
    /// Whether the second of each pair is last year's report ([`Copies::across`]).
    across: bool,
}

/// The passages of `x` made of the shingles `counts` says the other report shares with it (template
/// shingles not counted), and the folded characters they span.
fn runs(x: &Fingerprint, counts: &dyn Fn(u32) -> bool, min_passage: u32) -> (Vec<Run>, u32) {
    let mut out = Vec::new();
    let mut covered = 0;
    let mut current: Option<(usize, usize, usize)> = None; // first, last, count
    let mut close = |(first, last, count): (usize, usize, usize), out: &mut Vec<Run>| {
        let chars = x.marks[last].at - x.marks[first].at + SHINGLE_CHARS as u32;
        if count >= 2 && chars >= min_passage {
            covered += chars;
            out.push(Run { first, last, chars });
        }
    };
    for (i, m) in x.marks.iter().enumerate() {
        if !counts(m.hash) {
            continue;
        }
        current = match current {
            Some((first, last, count)) if m.at - x.marks[last].at <= GAP => {
                Some((first, i, count + 1))
            }
            Some(done) => {
                close(done, &mut out);
                Some((i, i, 1))
            }
            None => Some((i, i, 1)),
        };
    }
    if let Some(done) = current {
        close(done, &mut out);
    }
    (out, covered)
}

/// The passages of `x`'s runs with the lines they stand on in `x` and the lines of the run of `y`
/// that holds most of their shingles.
fn side_by_side(
    x: &Fingerprint,
    x_runs: &[Run],
    y: &Fingerprint,
    y_runs: &[Run],
) -> Vec<SharedPassage> {
    // Each shingle of y's passages, with its passage.
    let mut in_y: Vec<(u32, usize)> = y_runs
        .iter()
        .enumerate()
        .flat_map(|(r, run)| {
            y.marks[run.first..=run.last]
                .iter()
                .map(move |m| (m.hash, r))
        })
        .collect();
    in_y.sort_unstable();
    x_runs
        .iter()
        .map(|run| {
            let marks = &x.marks[run.first..=run.last];
            let mut votes: HashMap<usize, usize> = HashMap::new();
            for m in marks {
                let from = in_y.partition_point(|&(h, _)| h < m.hash);
                for &(_, r) in in_y[from..].iter().take_while(|&&(h, _)| h == m.hash) {
                    *votes.entry(r).or_default() += 1;
                }
            }
            let other = votes
                .into_iter()
                .max_by_key(|&(r, n)| (n, std::cmp::Reverse(r)))
                .map(|(r, _)| y_runs[r]);
            let lines = |f: &Fingerprint, run: Run| {
                let (a, b) = (f.line_of(run.first), f.line_of(run.last));
                [a.min(b), a.max(b)]
            };
            SharedPassage {
                lines: lines(x, *run),
                other_lines: other.map_or([0, 0], |o| lines(y, o)),
                chars: run.chars,
            }
        })
        .collect()
}

/// Compares `a` with `b` both ways; the link when either share reaches the threshold. Each comes
/// with its distinct hashes, sorted; `a_template` says which of `a`'s are template text (a shingle
/// both hold is template text or not for both).
fn compare(
    (ai, a, a_hashes, a_template): (usize, &Fingerprint, &[u32], &[bool]),
    (bi, b, b_hashes): (usize, &Fingerprint, &[u32]),
    t: &Thresholds,
) -> Option<(Link, f64, f64)> {
    // The shingles both hold that are not template text, by one merge of the two sorted lists (a
    // few of each report's hundreds): a shingle counts where it is one of them.
    let mut common = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a_hashes.len() && j < b_hashes.len() {
        match a_hashes[i].cmp(&b_hashes[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if !a_template[i] {
                    common.push(a_hashes[i]);
                }
                i += 1;
                j += 1;
            }
        }
    }
    if common.len() < 2 {
        return None;
    }
    let counts = |h: u32| common.binary_search(&h).is_ok();
    let (a_runs, a_covered) = runs(a, &counts, t.rules.min_passage);
    if a_runs.is_empty() {
        return None;
    }
    let (b_runs, b_covered) = runs(b, &counts, t.rules.min_passage);
    let share = |covered: u32, f: &Fingerprint| {
        if f.chars == 0 {
            0.0
        } else {
            (f64::from(covered) / f64::from(f.chars)).min(1.0)
        }
    };
    let (sa, sb) = (share(a_covered, a), share(b_covered, b));
    if sa.max(sb) < t.min_share {
        return None;
    }
    Some((
        Link {
            first: ai,
            second: bi,
            first_passages: side_by_side(a, &a_runs, b, &b_runs),
            second_passages: side_by_side(b, &b_runs, a, &a_runs),
        },
        sa,
        sb,
    ))
}

/// Which reports hold each shingle: every report's distinct shingles in one sorted list (the hash in
/// the high 32 bits, the report's index in the low), the holders of each side by side, found through
/// a table of where each range of hashes starts (hashes are spread evenly, so a range holds a few
/// entries and a look-up touches a cache line or two instead of searching the whole list). With the
/// fingerprints, this list is all the memory the comparison takes.
struct Holders {
    all: Vec<u64>,
    /// `starts[b]`: the first entry whose hash's top bits are `b` or more.
    starts: Vec<u32>,
    /// How far a hash is shifted right to give its range.
    shift: u32,
}

impl Holders {
    fn new(reports: &[(String, Fingerprint)]) -> Holders {
        // Every shingle of every report, allocated once (sorted, a report's repeated shingles are
        // side by side and removed).
        let total = reports.iter().map(|(_, f)| f.marks.len()).sum();
        let mut all: Vec<u64> = Vec::with_capacity(total);
        for (r, (_, f)) in reports.iter().enumerate() {
            all.extend(f.marks.iter().map(|m| (u64::from(m.hash) << 32) | r as u64));
        }
        #[cfg(feature = "batch")]
        rayon::slice::ParallelSliceMut::par_sort_unstable(all.as_mut_slice());
        #[cfg(not(feature = "batch"))]
        all.sort_unstable();
        all.dedup();
        // About eight entries a range, between 2 and 2^22 ranges.
        let bits = (usize::BITS - (all.len() / 8).max(1).leading_zeros()).clamp(1, 22);
        let shift = 32 - bits;
        let mut starts = Vec::with_capacity((1 << bits) + 1);
        let mut at = 0;
        for b in 0..=(1u64 << bits) {
            while at < all.len() && (all[at] >> 32) >> shift < b {
                at += 1;
            }
            starts.push(at as u32);
        }
        Holders { all, starts, shift }
    }

    /// The entries of the reports holding shingle `h`, sorted by report.
    fn of(&self, h: u32) -> &[u64] {
        let b = (h >> self.shift) as usize;
        let range = &self.all[self.starts[b] as usize..self.starts[b + 1] as usize];
        let from = range.partition_point(|&x| ((x >> 32) as u32) < h);
        let to = from + range[from..].partition_point(|&x| (x >> 32) as u32 == h);
        &range[from..to]
    }
}

impl Copies {
    /// The pairs among `reports` (each a name and its fingerprint) of which either shares at least
    /// `min_share` (0–1) of its text with the other. Shingles held by more than the thresholds'
    /// share or number of the reports are template text and not counted.
    ///
    /// # Example
    ///
    /// ```
    /// use fazhi_check::similarity::{Copies, Fingerprint, Thresholds};
    ///
    /// let a = Fingerprint::of(["我镇成立了以镇长为组长的法治政府建设工作领导小组，全年召开专题会议4次，研究部署年度法治建设重点任务。人民调解委员会排查化解矛盾纠纷70件，调解成功率98%。"]);
    /// let b = Fingerprint::of(["我街道成立了以主任为组长的法治政府建设工作领导小组，全年召开专题会议6次，研究部署年度法治建设重点任务。人民调解委员会排查化解各类矛盾纠纷35件，调解成功率97%。"]);
    /// let c = Fingerprint::of(["街道推进综合行政执法改革，规范执法程序和自由裁量基准。全面落实行政执法三项制度，案卷评查合格率100%。"]);
    /// let reports = vec![("a".to_string(), a), ("b".to_string(), b), ("c".to_string(), c)];
    /// let copies = Copies::within(&reports, &Thresholds::default());
    /// assert_eq!(copies.pairs().len(), 1);
    /// assert_eq!((copies.pairs()[0].first.as_str(), copies.pairs()[0].second.as_str()), ("a", "b"));
    /// ```
    pub fn within(reports: &[(String, Fingerprint)], t: &Thresholds) -> Copies {
        Copies::within_counting(reports, t, &|| {})
    }

    /// As [`Copies::within`], calling `compared` once for each report compared with the others (for
    /// a progress display). With the cargo feature `batch`, the reports are compared in parallel on
    /// rayon's pool; the pairs are the same either way.
    pub fn within_counting(
        reports: &[(String, Fingerprint)],
        t: &Thresholds,
        compared: &(dyn Fn() + Sync),
    ) -> Copies {
        let holders = Holders::new(reports);
        let mut limit = t.rules.template_reports as usize;
        if reports.len() >= 4 {
            limit = limit.min((t.rules.template_share * reports.len() as f64).floor() as usize);
        }
        let limit = limit.max(1);
        // The later reports holding the shingles of report `r`, and how many each (`counts`, one
        // per report, cleared after each), compared with it.
        let links_of = |r: usize, (counts, touched): &mut (Vec<u32>, Vec<u32>)| {
            let fr = &reports[r].1;
            let hr = fr.hashes();
            // Which of its shingles are template text: held by more than `limit` reports.
            let mut template = vec![false; hr.len()];
            for (j, &h) in hr.iter().enumerate() {
                let others = holders.of(h);
                template[j] = others.len() > limit;
                if others.len() < 2 || template[j] {
                    continue;
                }
                // Holders of one shingle are sorted by report: only the later ones.
                let later = others.partition_point(|&x| x as u32 as usize <= r);
                for &x in &others[later..] {
                    let o = x as u32 as usize;
                    if counts[o] == 0 {
                        touched.push(o as u32);
                    }
                    counts[o] += 1;
                }
            }
            touched.sort_unstable();
            let mut found = Vec::new();
            for o in touched.drain(..) {
                let n = std::mem::take(&mut counts[o as usize]);
                let fo = &reports[o as usize].1;
                // A passage of min_passage characters holds at least two shingles; a pair that
                // shares fewer than a tenth of min_share of the smaller one's shingles cannot share
                // min_share of its text.
                let smaller = hr.len().min(fo.marks.len());
                if n < 2 || f64::from(n) < 0.1 * t.min_share * smaller as f64 {
                    continue;
                }
                if let Some(link) =
                    compare((r, fr, &hr, &template), (o as usize, fo, &fo.hashes()), t)
                {
                    found.push(link);
                }
            }
            compared();
            found
        };
        let scratch = || (vec![0u32; reports.len()], Vec::new());
        #[cfg(feature = "batch")]
        let found: Vec<Vec<(Link, f64, f64)>> = {
            use rayon::prelude::*;
            (0..reports.len())
                .into_par_iter()
                .map_init(scratch, |state, r| links_of(r, state))
                .collect()
        };
        #[cfg(not(feature = "batch"))]
        let found: Vec<Vec<(Link, f64, f64)>> = {
            let mut state = scratch();
            (0..reports.len())
                .map(|r| links_of(r, &mut state))
                .collect()
        };
        let (links, shares) = found
            .into_iter()
            .flatten()
            .map(|(link, sa, sb)| (link, (sa, sb)))
            .unzip();
        Copies::keep(links, shares, reports, reports, false)
    }

    /// The pairs of (one of `current`, one of `previous`) for which `related` holds, such as this
    /// year's and last year's report of the same organisation, of which either shares at least
    /// `min_share` of its text with the other. No shingle is taken as template here.
    pub fn across(
        current: &[(String, Fingerprint)],
        previous: &[(String, Fingerprint)],
        related: impl Fn(usize, usize) -> bool,
        t: &Thresholds,
    ) -> Copies {
        let mut links = Vec::new();
        let mut shares = Vec::new();
        let previous_hashes: Vec<Vec<u32>> = previous.iter().map(|(_, f)| f.hashes()).collect();
        for (a, (_, fa)) in current.iter().enumerate() {
            let mut a_hashes = None;
            for (b, (_, fb)) in previous.iter().enumerate() {
                if !related(a, b) {
                    continue;
                }
                let (a_hashes, none) = a_hashes.get_or_insert_with(|| {
                    let h = fa.hashes();
                    let none = vec![false; h.len()];
                    (h, none)
                });
                if let Some((link, sa, sb)) =
                    compare((a, fa, a_hashes, none), (b, fb, &previous_hashes[b]), t)
                {
                    links.push(link);
                    shares.push((sa, sb));
                }
            }
        }
        Copies::keep(links, shares, current, previous, true)
    }

    /// Names the links' pairs, and orders them most shared first.
    fn keep(
        links: Vec<Link>,
        shares: Vec<(f64, f64)>,
        firsts: &[(String, Fingerprint)],
        seconds: &[(String, Fingerprint)],
        across: bool,
    ) -> Copies {
        let mut kept: Vec<(CopiedPair, Link)> = links
            .into_iter()
            .zip(shares)
            .map(|(link, (first_share, second_share))| {
                (
                    CopiedPair {
                        first: firsts[link.first].0.clone(),
                        second: seconds[link.second].0.clone(),
                        first_share,
                        second_share,
                        passages: link.first_passages.len(),
                    },
                    link,
                )
            })
            .collect();
        kept.sort_by(|(x, _), (y, _)| {
            y.share()
                .total_cmp(&x.share())
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

    /// Whether the report at `index` (among those given to [`Copies::within`], or the current ones
    /// given to [`Copies::across`]) is in a pair found, so that [`Copies::findings`] has something
    /// for it (when the rule set enables the finding).
    pub fn involves(&self, index: usize) -> bool {
        self.links
            .iter()
            .any(|l| l.first == index || (!self.across && l.second == index))
    }

    /// The other reports (their indices among those given) of the pairs the report at `index` is
    /// in, with the lines of the other report that each of its passages stands on.
    pub fn others_of(&self, index: usize) -> Vec<(usize, Vec<[u32; 2]>)> {
        self.links
            .iter()
            .filter_map(|l| {
                if l.first == index {
                    Some((l.second, &l.first_passages))
                } else if !self.across && l.second == index {
                    Some((l.first, &l.second_passages))
                } else {
                    None
                }
            })
            .map(|(other, passages)| (other, passages.iter().map(|p| p.other_lines).collect()))
            .collect()
    }

    /// The findings for the report at `index` (among those given to [`Copies::within`], or the
    /// current ones given to [`Copies::across`]): `copied_text` for each report it shares much of
    /// its text with, or `repeated_text` for last year's report it repeats, configured in the rule
    /// set's `[findings]`. Each stands at the first shared passage, names the other report, the
    /// share and the passages' lines, and holds them in [`Finding::shared`].
    pub fn findings(&self, index: usize, rules: &RuleSet) -> Vec<Finding> {
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
            let (other, share, other_share, passages) = if link.first == index {
                (
                    &pair.second,
                    pair.first_share,
                    pair.second_share,
                    &link.first_passages,
                )
            } else if !self.across && link.second == index {
                (
                    &pair.first,
                    pair.second_share,
                    pair.first_share,
                    &link.second_passages,
                )
            } else {
                continue;
            };
            let mut passages = passages.clone();
            passages.sort_by_key(|p| p.lines);
            let named: Vec<String> = passages
                .iter()
                .take(PASSAGES_NAMED)
                .map(|p| lines_text(p.lines))
                .collect();
            let more = if passages.len() > PASSAGES_NAMED {
                "等"
            } else {
                ""
            };
            let whom = if self.across {
                format!("上一年度的报告 {other}")
            } else {
                other.clone()
            };
            let message = if passages.is_empty() {
                format!(
                    "本报告与 {whom} 文字大量相同：对方约 {:.0}% 的文字见于本报告",
                    other_share * 100.0
                )
            } else {
                format!(
                    "本报告约 {:.0}% 的文字见于 {whom}（{} 段，第 {} 行{more}）",
                    share * 100.0,
                    passages.len(),
                    named.join("、"),
                )
            };
            let first = passages.first().map(|p| p.lines[0] as usize);
            out.push(Finding {
                id: id.to_string(),
                severity: rule.severity,
                message,
                line: first.filter(|&l| l > 0),
                column: first.filter(|&l| l > 0).map(|_| 1),
                shared: Some(Shared {
                    other: other.clone(),
                    share,
                    other_share,
                    passages,
                }),
            });
        }
        out
    }

    /// Adds [`Copies::findings`] for the report at `index` to the report, keeping its findings in
    /// order of position, and decides its verdict again.
    pub fn annotate(&self, index: usize, report: &mut Report, rules: &RuleSet) {
        let found = self.findings(index, rules);
        if !found.is_empty() {
            report.findings.extend(found);
            report
                .findings
                .sort_by_key(|f| (f.line.unwrap_or(usize::MAX), f.column));
            report.decide(&rules.decision);
        }
    }
}

/// 12 or 12–15.
fn lines_text([a, b]: [u32; 2]) -> String {
    if a == b {
        a.to_string()
    } else {
        format!("{a}–{b}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Checker, Severity, Verdict};

    const A: &str = "我镇成立了以镇长为组长的法治政府建设工作领导小组，全年召开专题会议4次，研究部署年度法治建设重点任务。人民调解委员会排查化解矛盾纠纷70件，调解成功率98%。";
    const B: &str = "我街道成立了以主任为组长的法治政府建设工作领导小组，全年召开专题会议6次，研究部署年度法治建设重点任务。人民调解委员会排查化解各类矛盾纠纷35件，调解成功率97%。";

    /// A paragraph of a town's own, different for each `i`: no character of it is another's.
    fn own(i: usize) -> String {
        (0..60)
            .map(|k| char::from_u32(0x4E00 + (i * 60 + k) as u32 * 7).unwrap())
            .collect()
    }

    #[test]
    fn text_most_of_a_batch_shares_is_template() {
        let template = "按照上级统一部署要求，各地要对照年度法治政府建设工作要点逐项梳理完成情况，如实报告存在的问题和下一步工作打算。";
        let reports: Vec<(String, Fingerprint)> = (0..6)
            .map(|i| {
                let text = format!("{template}{}", own(i));
                (format!("r{i}"), Fingerprint::of([text.as_str()]))
            })
            .collect();
        let t = Thresholds {
            min_share: 0.1,
            ..Thresholds::default()
        };
        assert!(Copies::within(&reports, &t).is_empty());
        // Among two, the same text is a copy.
        assert_eq!(Copies::within(&reports[..2], &t).pairs().len(), 1);
    }

    #[test]
    fn the_holders_of_each_shingle_are_found_through_the_ranges() {
        // Forty reports, each sharing a paragraph with every seventh one.
        let reports: Vec<(String, Fingerprint)> = (0..40)
            .map(|i| {
                let text = format!("{}{}", own(40 + i % 7), own(i));
                (format!("r{i}"), Fingerprint::of([text.as_str()]))
            })
            .collect();
        let holders = Holders::new(&reports);
        assert!(holders.starts.len() > 2, "more than one range");
        for (r, (_, f)) in reports.iter().enumerate() {
            for m in &f.marks {
                let naive: Vec<u64> = reports
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, g))| g.marks.iter().any(|x| x.hash == m.hash))
                    .map(|(o, _)| (u64::from(m.hash) << 32) | o as u64)
                    .collect();
                assert_eq!(holders.of(m.hash), naive.as_slice());
                assert!(naive.contains(&((u64::from(m.hash) << 32) | r as u64)));
            }
        }
        let shared = holders.of(reports[0].1.marks[0].hash).len();
        assert!(
            shared >= 5,
            "the shared paragraph's shingles: {shared} holders"
        );
    }

    #[test]
    fn last_year_is_compared_only_with_the_same_organisation() {
        let current = vec![("2024/a".to_string(), Fingerprint::of([A]))];
        let previous = vec![
            ("2023/a".to_string(), Fingerprint::of([B])),
            ("2023/b".to_string(), Fingerprint::of([B])),
        ];
        let copies = Copies::across(&current, &previous, |_, b| b == 0, &Thresholds::default());
        assert_eq!(copies.pairs().len(), 1);
        assert_eq!(copies.pairs()[0].second, "2023/a");
        let rules = RuleSet::builtin();
        let found = copies.findings(0, &rules);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].id, "repeated_text");
        assert!(
            found[0].message.contains("上一年度的报告 2023/a"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn each_report_is_told_the_other_its_share_and_the_passages_with_their_lines() {
        let checker = Checker::new(RuleSet::builtin());
        let a = checker.check_str(&format!(
            "柳溪镇2024年法治政府建设工作报告\n一、主要工作\n{A}\n"
        ));
        let b_text = format!(
            "云岭街道2024年法治政府建设工作报告\n\n一、主要工作\n{}\n",
            B.replace("。人民", "。\n人民")
        );
        let mut b = checker.check_str(&b_text);
        let reports = vec![
            ("a.txt".to_string(), a.fingerprint.clone()),
            ("b.txt".to_string(), b.fingerprint.clone()),
        ];
        let copies = Copies::within(&reports, &Thresholds::default());
        assert_eq!(copies.pairs().len(), 1);
        // The batch asks which reports are in a pair, and the other's lines to show beside them.
        assert!(copies.involves(0) && copies.involves(1) && !copies.involves(2));
        let others = copies.others_of(1);
        assert_eq!(others.len(), 1);
        assert_eq!(others[0].0, 0);
        assert!(others[0].1.iter().all(|&l| l == [3, 3]), "{others:?}");
        let mut rules = checker.rules().clone();
        rules.findings.copied_text.severity = Severity::Error;
        let passed_before = b.verdict;
        copies.annotate(1, &mut b, &rules);
        let finding = b.findings.iter().find(|f| f.id == "copied_text").unwrap();
        let shared = finding.shared.as_ref().unwrap();
        assert_eq!(shared.other, "a.txt");
        assert!(shared.share >= 0.5 && shared.share <= 1.0, "{shared:?}");
        assert!(!shared.passages.is_empty());
        // B's passages stand on its lines 4 and 5; A's text is all on line 3.
        let lines: Vec<[u32; 2]> = shared.passages.iter().map(|p| p.lines).collect();
        assert!(lines.iter().all(|l| l[0] >= 4 && l[1] <= 5), "{lines:?}");
        assert!(
            shared.passages.iter().all(|p| p.other_lines == [3, 3]),
            "{shared:?}"
        );
        assert!(finding.message.contains("a.txt") && finding.message.contains("% 的文字见于"));
        assert_eq!(finding.line, Some(lines[0][0] as usize));
        // An error finding sends the copy back, whatever it scored.
        assert_eq!(b.verdict, Verdict::Return, "was {passed_before:?}");
        assert!(!b.passed);
        // In JSON, the structured field.
        let json = serde_json::to_value(finding).unwrap();
        assert_eq!(json["shared"]["other"], "a.txt");
        assert!(json["shared"]["passages"][0]["other_lines"].is_array());
    }
}

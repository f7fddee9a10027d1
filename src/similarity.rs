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

use memchr::memmem::Finder;
use serde::{Deserialize, Serialize};

use crate::metadata::Metadata;
use crate::report::{Finding, Report};
use crate::rules::{FindingRule, RuleSet};

/// The sentence shingles of one report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// `(hash of the sentence, its length in characters)`, each sentence once, sorted by hash.
    shingles: Vec<(u64, u32)>,
    /// The characters of all the report's shingled sentences.
    chars: u32,
    /// Where each shingled sentence first stands, as `(hash, line, column)` in the original text;
    /// only in the fingerprint of a checked [`Report`], where findings need a place.
    places: Vec<(u64, u32, u32)>,
}

/// What finding copied text needs of a report, got without checking it: its fingerprint and its
/// metadata (the organisation, to pair it with last year's report of the same one).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sketch {
    /// The report's sentence shingles.
    pub fingerprint: Fingerprint,
    /// Title, organisation, year and so on, as a check would find them.
    pub metadata: Metadata,
}

/// The shortest sentence taken as a shingle, in characters.
const MIN_SENTENCE_CHARS: usize = 10;

/// A sentence found in more reports of a batch than this is a template they all use, not a copy;
/// so is one found in more than half of a batch of four or more. This also bounds the work: each
/// sentence adds to at most this many squared pairs.
pub const MAX_HOLDERS: usize = 50;

/// How many of the shared sentences' lines a finding names.
const LINES_NAMED: usize = 5;

/// The boilerplate phrases of a rule set (`[similarity] boilerplate`), compiled once for searching.
#[derive(Debug, Clone)]
pub(crate) struct Phrases(Vec<Finder<'static>>);

impl Phrases {
    pub fn new(phrases: &[String]) -> Phrases {
        Phrases(
            phrases
                .iter()
                .map(|p| Finder::new(p.as_bytes()).into_owned())
                .collect(),
        )
    }
}

/// A sentence of a paragraph as the fingerprint takes it.
struct Sentence {
    /// Byte offset in the paragraph of its first character that is not a space.
    start: usize,
    /// Byte offset of its end (where the sentence-ending mark stands, or the paragraph's end).
    end: usize,
    /// The hash of its characters with the spaces left out and the digits made alike: FNV-1a with a
    /// character's UTF-8 bytes taken as one number, so stable from run to run, and no string is
    /// built.
    hash: u64,
    /// Its length in characters, so counted.
    chars: usize,
}

/// Whether the character of UTF-8 bytes `c` (two or more) is a space (`char::is_whitespace`).
#[inline]
fn is_wide_space(c: &[u8]) -> bool {
    matches!(
        c,
        [0xC2, 0x85 | 0xA0]
            | [0xE1, 0x9A, 0x80]
            | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF]
            | [0xE2, 0x81, 0x9F]
            | [0xE3, 0x80, 0x80]
    )
}

/// The sentences of `paragraph`, split after 。!?; (the full-width ones as folded to ASCII) and at
/// its end, read a character at a time from its bytes.
fn sentences(paragraph: &str, mut each: impl FnMut(Sentence)) {
    const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
    let bytes = paragraph.as_bytes();
    let (mut start, mut hash, mut chars) = (None, FNV_OFFSET, 0);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if (0xE4..=0xEF).contains(&b) {
            // Most characters: three bytes, never a space nor a sentence end (those start with
            // E1, E2 or E3), so no more is asked of them.
            let value = u64::from(b) << 16 | u64::from(bytes[i + 1]) << 8 | u64::from(bytes[i + 2]);
            hash = (hash ^ value).wrapping_mul(FNV_PRIME);
            chars += 1;
            start.get_or_insert(i);
            i += 3;
            continue;
        }
        let width = match b {
            0..0x80 => 1,
            0xC0..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        };
        let c = &bytes[i..i + width];
        let ends = matches!(c, [b'!' | b'?' | b';'] | [0xE3, 0x80, 0x82]);
        if ends {
            each(Sentence {
                start: start.unwrap_or(i),
                end: i,
                hash,
                chars,
            });
            (start, hash, chars) = (None, FNV_OFFSET, 0);
        } else if !(matches!(c, [b'\t'..=b'\r' | b' ']) || (width > 1 && is_wide_space(c))) {
            let value = match c {
                [b'0'..=b'9'] => u64::from(b'0'),
                _ => c.iter().fold(0u64, |v, &b| v << 8 | u64::from(b)),
            };
            hash = (hash ^ value).wrapping_mul(FNV_PRIME);
            chars += 1;
            start.get_or_insert(i);
        }
        i += width;
    }
    each(Sentence {
        start: start.unwrap_or(bytes.len()),
        end: bytes.len(),
        hash,
        chars,
    });
}

impl Fingerprint {
    /// The fingerprint of a report's running text, given as its paragraphs.
    pub fn of<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Fingerprint {
        Fingerprint::without(paragraphs, &[])
    }

    /// The fingerprint, leaving out sentences that hold one of the `boilerplate` phrases.
    pub fn without<'a>(
        paragraphs: impl IntoIterator<Item = &'a str>,
        boilerplate: &[String],
    ) -> Fingerprint {
        Fingerprint::build(
            paragraphs.into_iter().map(|p| (0, p)),
            &Phrases::new(boilerplate),
            None::<fn(usize) -> (usize, usize)>,
        )
    }

    /// The fingerprint of paragraphs given with their offsets; with `locate`, which turns an offset
    /// into a line and column, it records where each sentence stands.
    pub(crate) fn build<'a>(
        paragraphs: impl IntoIterator<Item = (usize, &'a str)>,
        boilerplate: &Phrases,
        mut locate: Option<impl FnMut(usize) -> (usize, usize)>,
    ) -> Fingerprint {
        let mut shingles: Vec<(u64, u32)> = Vec::new();
        let mut places: Vec<(u64, u32, u32)> = Vec::new();
        for (offset, paragraph) in paragraphs {
            // Most paragraphs hold no boilerplate phrase: only those that do are searched by sentence.
            let phrases: Vec<&Finder<'static>> = boilerplate
                .0
                .iter()
                .filter(|b| b.find(paragraph.as_bytes()).is_some())
                .collect();
            sentences(paragraph, |sentence| {
                if sentence.chars < MIN_SENTENCE_CHARS
                    || phrases.iter().any(|b| {
                        b.find(&paragraph.as_bytes()[sentence.start..sentence.end])
                            .is_some()
                    })
                {
                    return;
                }
                shingles.push((sentence.hash, sentence.chars as u32));
                if let Some(locate) = locate.as_mut() {
                    let (line, column) = locate(offset + sentence.start);
                    places.push((sentence.hash, line as u32, column as u32));
                }
            });
        }
        shingles.sort_unstable();
        shingles.dedup_by_key(|s| s.0);
        // The first place of each sentence, by position, kept sorted by hash for lookups.
        places.sort_by_key(|&(hash, line, column)| (hash, line, column));
        places.dedup_by_key(|p| p.0);
        let chars = shingles.iter().map(|s| s.1).sum();
        Fingerprint {
            shingles,
            chars,
            places,
        }
    }

    /// Whether the report had no sentence to compare.
    pub fn is_empty(&self) -> bool {
        self.shingles.is_empty()
    }

    /// How many distinct sentences it holds.
    pub fn sentences(&self) -> usize {
        self.shingles.len()
    }

    /// The lines and columns of the sentences whose hashes are in `shared` (sorted), in order.
    fn places_of(&self, shared: &[u64]) -> Vec<(u32, u32)> {
        let mut out: Vec<(u32, u32)> = self
            .places
            .iter()
            .filter(|p| shared.binary_search(&p.0).is_ok())
            .map(|p| (p.1, p.2))
            .collect();
        out.sort_unstable();
        out
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
    use proptest::prelude::*;

    use super::*;

    /// The sentences of `paragraph` read as characters: `(start of the first character that is
    /// not a space, end, the characters with the spaces left out and digits made 0)`.
    fn sentences_by_chars(paragraph: &str) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, c) in paragraph
            .char_indices()
            .filter(|&(_, c)| matches!(c, '。' | '!' | '?' | ';'))
            .map(|(i, c)| (i, c.len_utf8()))
            .chain([(paragraph.len(), 0)])
        {
            let sentence = &paragraph[start..i];
            let lead = sentence.len() - sentence.trim_start().len();
            let kept: String = sentence
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| if c.is_ascii_digit() { '0' } else { c })
                .collect();
            out.push((start + lead, i, kept));
            start = i + c;
        }
        out
    }

    proptest! {
        #[test]
        fn sentences_are_split_and_counted_as_by_characters(
            paragraph in "([法治政府。!?;,0-9a\\t \u{3000}\u{a0}\u{2028}\u{85}\u{1680}\u{205f}\u{2003}\u{e9}\u{1F600}])*"
        ) {
            let mut got = Vec::new();
            sentences(&paragraph, |s| got.push(s));
            let expected = sentences_by_chars(&paragraph);
            prop_assert_eq!(got.len(), expected.len());
            for (g, (start, end, kept)) in got.iter().zip(&expected) {
                prop_assert_eq!((g.start, g.end, g.chars), (*start, *end, kept.chars().count()));
                // The hash depends on the characters kept alone.
                let mut alone = Vec::new();
                sentences(kept, |s| alone.push(s.hash));
                prop_assert_eq!(alone[0], g.hash);
            }
        }
    }

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

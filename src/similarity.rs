//! Copied text: reports in one batch that share much of their text (one town's report copied by
//! another, a template filled in).
//!
//! Each report is cut into sentence shingles: its sentences of ten characters or more, with digits
//! made alike (so that 调解70件 and 调解35件 are the same sentence of a template) and the opening left
//! out, and sentences holding a boilerplate phrase of the rule set (`[similarity] boilerplate`)
//! too. An inverted index from shingle to reports finds the pairs that share sentences without
//! comparing every pair; shingles found in more than half of a batch of four or more are the
//! boilerplate every report legitimately shares, and are ignored.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

/// The sentence shingles of one report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// `(hash of the sentence, its length in characters)`, each sentence once.
    shingles: Vec<(u64, u32)>,
    /// The characters of all the report's shingled sentences.
    chars: u32,
}

/// The shortest sentence taken as a shingle, in characters.
const MIN_SENTENCE_CHARS: usize = 10;

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
        let mut shingles: Vec<(u64, u32)> = Vec::new();
        for paragraph in paragraphs {
            for sentence in paragraph.split(['。', '!', '?', ';']) {
                if boilerplate.iter().any(|b| sentence.contains(b.as_str())) {
                    continue;
                }
                let alike: String = sentence
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .map(|c| if c.is_ascii_digit() { '0' } else { c })
                    .collect();
                let n = alike.chars().count();
                if n >= MIN_SENTENCE_CHARS {
                    let mut h = std::collections::hash_map::DefaultHasher::new();
                    alike.hash(&mut h);
                    shingles.push((h.finish(), n as u32));
                }
            }
        }
        shingles.sort_unstable();
        shingles.dedup_by_key(|s| s.0);
        let chars = shingles.iter().map(|s| s.1).sum();
        Fingerprint { shingles, chars }
    }

    /// Whether the report had no sentence to compare.
    pub fn is_empty(&self) -> bool {
        self.shingles.is_empty()
    }
}

/// Two reports that share much of their text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopiedPair {
    /// The first report's name (as given to [`copied_pairs`]).
    pub first: String,
    /// The second report's name.
    pub second: String,
    /// The share (0–1) of the shorter report's text that stands in both.
    pub share: f64,
    /// How many sentences they share.
    pub shared_sentences: usize,
}

/// The pairs among `reports` that share at least `min_share` (0–1) of the shorter one's text, most
/// shared first.
pub fn copied_pairs(reports: &[(String, Fingerprint)], min_share: f64) -> Vec<CopiedPair> {
    let mut index: HashMap<u64, Vec<(usize, u32)>> = HashMap::new();
    for (r, (_, fp)) in reports.iter().enumerate() {
        for &(hash, n) in &fp.shingles {
            index.entry(hash).or_default().push((r, n));
        }
    }
    let common = if reports.len() >= 4 {
        reports.len() / 2
    } else {
        usize::MAX
    };
    let mut shared: HashMap<(usize, usize), (u64, usize)> = HashMap::new();
    for holders in index.values().filter(|h| h.len() > 1 && h.len() <= common) {
        for (i, &(a, n)) in holders.iter().enumerate() {
            for &(b, _) in &holders[i + 1..] {
                let entry = shared.entry((a.min(b), a.max(b))).or_default();
                entry.0 += u64::from(n);
                entry.1 += 1;
            }
        }
    }
    let mut pairs: Vec<CopiedPair> = shared
        .into_iter()
        .filter_map(|((a, b), (chars, sentences))| {
            let shorter = reports[a].1.chars.min(reports[b].1.chars);
            let share = if shorter == 0 {
                0.0
            } else {
                chars as f64 / f64::from(shorter)
            };
            (share >= min_share).then(|| CopiedPair {
                first: reports[a].0.clone(),
                second: reports[b].0.clone(),
                share: share.min(1.0),
                shared_sentences: sentences,
            })
        })
        .collect();
    pairs.sort_by(|x, y| {
        y.share
            .total_cmp(&x.share)
            .then_with(|| (&x.first, &x.second).cmp(&(&y.first, &y.second)))
    });
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let pairs = copied_pairs(&reports, 0.5);
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
        assert!(copied_pairs(&reports, 0.1).is_empty());
    }
}

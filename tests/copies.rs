//! Copied text that survives editing: a township report of our own writing, copied by another
//! body with its names changed and 0–30% of the words of each sentence edited, is found at the
//! default threshold; real openings of different bodies, which share much standard wording, are not
//! paired.

use std::path::{Path, PathBuf};

use fazhi_check::similarity::{Copies, Fingerprint, Thresholds};
use fazhi_check::{Checker, RuleSet};

fn fixture() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/copies/柳溪镇2024年法治政府建设工作报告.txt"),
    )
    .unwrap()
}

/// A small deterministic generator (xorshift), so the edits are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Words an editor puts in for others.
const REPLACEMENTS: &[&str] = &[
    "认真",
    "切实",
    "有关",
    "各项",
    "扎实",
    "持续",
    "相关",
    "积极",
    "全力",
    "进一步",
    "不断",
    "深入",
    "重点",
    "全体",
    "主动",
    "稳步",
    "有效",
    "统筹",
    "及时",
    "全面",
];

/// The report as another body would hand it in: its names changed, and in each sentence `share`
/// of its words (as the checker segments them, punctuation not counted) replaced by another word.
fn edited(checker: &Checker, text: &str, share: f64, seed: u64) -> String {
    let renamed = text
        .replace("柳溪镇", "云岭街道")
        .replace("柳溪村", "云岭社区")
        .replace("我镇", "我街道")
        .replace("全镇", "全街道")
        .replace("镇长", "主任")
        .replace("县委", "区委")
        .replace("县司法局", "区司法局");
    let mut rng = Rng(seed);
    let mut out = String::new();
    for line in renamed.lines() {
        let words = checker.words(line);
        // Sentence by sentence: the indices of its words (not punctuation).
        let mut sentence: Vec<usize> = Vec::new();
        let mut chosen = vec![false; words.len()];
        let flush = |sentence: &mut Vec<usize>, chosen: &mut Vec<bool>, rng: &mut Rng| {
            let n = (sentence.len() as f64 * share).round() as usize;
            let mut picked = 0;
            while picked < n {
                let i = sentence[rng.below(sentence.len())];
                if !chosen[i] {
                    chosen[i] = true;
                    picked += 1;
                }
            }
            sentence.clear();
        };
        for (i, w) in words.iter().enumerate() {
            if w.chars().all(|c| !c.is_alphanumeric()) {
                if matches!(w.as_str(), "。" | "；" | "！" | "？") {
                    flush(&mut sentence, &mut chosen, &mut rng);
                }
                continue;
            }
            sentence.push(i);
        }
        flush(&mut sentence, &mut chosen, &mut rng);
        for (i, w) in words.iter().enumerate() {
            if chosen[i] {
                let mut r = REPLACEMENTS[rng.below(REPLACEMENTS.len())];
                while r == w {
                    r = REPLACEMENTS[rng.below(REPLACEMENTS.len())];
                }
                out.push_str(r);
            } else {
                out.push_str(w);
            }
        }
        out.push('\n');
    }
    out
}

fn fingerprint(checker: &Checker, text: &str) -> Fingerprint {
    checker.check_str(text).fingerprint
}

#[test]
fn edited_copies_are_found_down_to_the_threshold() {
    let checker = Checker::new(RuleSet::builtin());
    let original = fixture();
    let t = Thresholds::of(checker.rules());
    for share in [0.0, 0.1, 0.2, 0.3] {
        for seed in 1..=3 {
            let copy = edited(&checker, &original, share, seed * 7919);
            let reports = vec![
                ("柳溪镇.txt".to_string(), fingerprint(&checker, &original)),
                ("云岭街道.txt".to_string(), fingerprint(&checker, &copy)),
            ];
            let all = Copies::within(
                &reports,
                &Thresholds {
                    min_share: 0.01,
                    ..t
                },
            );
            eprintln!(
                "{:.0}% edited, seed {seed}: {:?}",
                share * 100.0,
                all.pairs()
                    .iter()
                    .map(|p| (p.first_share, p.second_share, p.passages))
                    .collect::<Vec<_>>()
            );
            let copies = Copies::within(&reports, &t);
            assert_eq!(
                copies.pairs().len(),
                1,
                "{:.0}% edited, seed {seed}",
                share * 100.0
            );
        }
    }
}

/// The openings of real reports, one per organisation: those of the same body are left out.
fn openings() -> Option<Vec<(String, String)>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/openings");
    if !root.is_dir() {
        eprintln!(
            "note: {} is absent; the openings test is skipped",
            root.display()
        );
        return None;
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    let mut regions: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    regions.sort();
    for region in regions {
        let Ok(meta) = std::fs::read_to_string(region.join("metadata.tsv")) else {
            continue;
        };
        for row in meta.lines().skip(1) {
            let cells: Vec<&str> = row.split('\t').collect();
            let (file, org) = (cells[0], cells.get(2).copied().unwrap_or("").trim());
            if org.is_empty() || !seen.insert(org.to_string()) {
                continue;
            }
            if let Ok(text) = std::fs::read_to_string(region.join(file)) {
                out.push((
                    format!("{}/{file}", region.file_name().unwrap().to_string_lossy()),
                    text,
                ));
            }
        }
    }
    Some(out)
}

#[test]
fn openings_of_different_bodies_are_not_paired() {
    let Some(openings) = openings() else { return };
    let checker = Checker::new(RuleSet::builtin());
    let reports: Vec<(String, Fingerprint)> = openings
        .iter()
        .map(|(name, text)| (name.clone(), fingerprint(&checker, text)))
        .collect();
    let t = Thresholds::of(checker.rules());
    let all = Copies::within(
        &reports,
        &Thresholds {
            min_share: 0.01,
            ..t
        },
    );
    for p in all.pairs().iter().take(10) {
        eprintln!(
            "{} ~ {}: {:.2} {:.2} {}",
            p.first, p.second, p.first_share, p.second_share, p.passages
        );
    }
    eprintln!(
        "{} openings, {} pairs above 1%",
        reports.len(),
        all.pairs().len()
    );
    // Also each pair alone, without the rest of the batch to tell template text.
    let copies = Copies::within(&reports, &t);
    assert!(copies.is_empty(), "{:?}", copies.pairs());
}

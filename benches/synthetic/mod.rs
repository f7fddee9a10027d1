//! Report-sized texts for measuring a batch: each a township report of about 6 KB made of sentences
//! of the project's own fixtures with a third of their words replaced at random (so that no two
//! reports share more than the common wording), under its own made-up name; every 50th is a copy of
//! the one before with a fifth of its words edited and the name changed. Shared by
//! `benches/batch.rs` and `examples/synthetic.rs` (which writes them to a folder).

use std::path::Path;

/// A small deterministic generator (xorshift).
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn step(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.step() % n as u64) as usize
    }
}

/// Characters of the made-up names.
const NAME_CHARS: &str =
    "青石白沙红岩柳溪云岭金桥玉泉松林桃源龙潭凤凰清水黄土长乐安平新华永兴东山西河南湖北坪";

/// The sentences and words the reports are made of.
pub struct Pool {
    sentences: Vec<Vec<String>>,
    words: Vec<String>,
}

impl Pool {
    /// The sentences of the fixture reports, cut into words by the checker.
    pub fn new(checker: &fazhi_check::Checker) -> Pool {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths: Vec<_> = std::fs::read_dir(root.join("tests/fixtures/reports"))
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        paths.push(root.join("examples/sample/青石镇2023年法治政府建设工作报告.txt"));
        paths.push(root.join("tests/fixtures/copies/柳溪镇2024年法治政府建设工作报告.txt"));
        paths.sort();
        let mut sentences = Vec::new();
        let mut words = Vec::new();
        for path in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            for s in text
                .split('。')
                .map(str::trim)
                .filter(|s| s.chars().count() >= 15)
            {
                let w: Vec<String> = checker
                    .words(s)
                    .into_iter()
                    .filter(|w| !w.contains('\n'))
                    .collect();
                words.extend(
                    w.iter()
                        .filter(|w| w.chars().count() >= 2 && w.chars().all(char::is_alphanumeric))
                        .cloned(),
                );
                sentences.push(w);
            }
        }
        words.sort();
        words.dedup();
        Pool { sentences, words }
    }

    /// The made-up name of the `i`th town, its own for each `i` below the cube of the characters'
    /// number (a batch of one report per body, as a round is: two-character names drawn at random
    /// repeated within a few thousand reports, and made most of a large batch second submissions).
    fn name(i: usize) -> String {
        let chars: Vec<char> = NAME_CHARS.chars().collect();
        let n = chars.len();
        // A step prime to n³ visits every name once; neighbours differ in the first character.
        let x = (i * 7919) % (n * n * n);
        format!("{}{}{}镇", chars[x % n], chars[x / n % n], chars[x / n / n])
    }

    /// `words` with `share` of them replaced.
    fn edit(&self, words: &[String], share: f64, rng: &mut Rng) -> String {
        words
            .iter()
            .map(|w| {
                if w.chars().all(char::is_alphanumeric) && (rng.below(1000) as f64) < share * 1000.0
                {
                    self.words[rng.below(self.words.len())].as_str()
                } else {
                    w.as_str()
                }
            })
            .collect()
    }

    /// The `i`th report of a batch generated from `seed`.
    pub fn report(&self, checker: &fazhi_check::Checker, seed: u64, i: usize) -> String {
        let original = |i: usize| {
            let mut rng = Rng(seed ^ (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
            let name = Pool::name(i);
            let mut text = format!(
                "{name}2024年法治政府建设工作报告\n\n现将{name}2024年法治政府建设工作情况报告如下。\n\n"
            );
            let headings = ["一、主要工作", "二、存在的问题", "三、下一步工作打算"];
            for (h, heading) in headings.iter().enumerate() {
                text.push_str(heading);
                text.push('\n');
                for _ in 0..if h == 0 { 8 } else { 2 } {
                    for _ in 0..4 {
                        let s = &self.sentences[rng.below(self.sentences.len())];
                        text.push_str(&self.edit(s, 0.33, &mut rng));
                        text.push('。');
                    }
                    text.push('\n');
                }
            }
            text.push_str(&format!("\n{name}人民政府\n2025年1月20日\n"));
            (name, text)
        };
        if i % 50 == 49 {
            let (name, text) = original(i - 1);
            let mut rng = Rng(seed ^ (i as u64) << 7);
            let other = Pool::name(i);
            let renamed = text.replace(&name, &other);
            return renamed
                .lines()
                .map(|line| self.edit(&checker.words(line), 0.2, &mut rng) + "\n")
                .collect();
        }
        original(i).1
    }
}

//! Segmentation: jieba-rs with the rule set's terms in its dictionary.
//!
//! Chinese has no spaces, so "word boundary" means a boundary between the words jieba-rs cuts the text
//! into. The rule set's terms are added to the dictionary when a [`Checker`](crate::Checker) is
//! compiled, so that 法治政府, 行政审批 or a place name such as 双山镇 come out whole. The segmenter
//! runs without the HMM for unknown words: its cuts are then decided by the dictionary alone, which is
//! what a rule author can reason about.

use jieba_rs::Jieba;

/// A jieba-rs segmenter with extra words.
pub struct Segmenter {
    jieba: Jieba,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter").finish_non_exhaustive()
    }
}

impl Segmenter {
    /// The built-in dictionary plus `words`, each given a frequency that lets it be cut out whole.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Segmenter {
        let mut jieba = Jieba::new();
        for word in words {
            if !jieba.has_word(word) {
                jieba.add_word(word, None, None);
            }
        }
        Segmenter { jieba }
    }

    /// The words of `text`, in order; together they cover the text exactly.
    pub fn words<'t>(&self, text: &'t str) -> Vec<&'t str> {
        self.jieba
            .cut(text, false)
            .into_iter()
            .map(|t| t.word)
            .collect()
    }

    /// Whether `word` is in the dictionary.
    pub fn has_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }

    /// The positions in `text` where a word starts, and its end.
    pub fn boundaries(&self, text: &str) -> Boundaries {
        let mut bits = Boundaries::new(text.len());
        for token in self.jieba.cut(text, false) {
            bits.set(token.byte_start);
        }
        bits.set(text.len());
        bits
    }
}

/// A set of byte positions at which words start (plus the end of the text).
#[derive(Debug, Clone)]
pub struct Boundaries {
    bits: Vec<u64>,
    /// The same positions, in order, for finding the word around a position in logarithmic time.
    starts: Vec<usize>,
    len: usize,
}

impl Boundaries {
    fn new(len: usize) -> Boundaries {
        Boundaries {
            bits: vec![0; len / 64 + 1],
            starts: Vec::new(),
            len,
        }
    }

    /// Adds a word start; starts come in increasing order.
    fn set(&mut self, at: usize) {
        self.bits[at / 64] |= 1 << (at % 64);
        if self.starts.last() != Some(&at) {
            self.starts.push(at);
        }
    }

    /// Whether a word starts at `at` (or `at` is the end of the text).
    pub fn contains(&self, at: usize) -> bool {
        at <= self.len && self.bits[at / 64] & (1 << (at % 64)) != 0
    }

    /// The word containing the byte at `at`: its start and end.
    pub fn word_around(&self, at: usize) -> (usize, usize) {
        let at = at.min(self.len);
        let i = self.starts.partition_point(|&s| s <= at);
        let start = if i == 0 { 0 } else { self.starts[i - 1] };
        let end = self.starts.get(i).copied().unwrap_or(self.len);
        (start, end.max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_words_come_out_whole() {
        let s = Segmenter::new(["双山镇", "法治政府", "行政审批"]);
        let words = s.words("双山镇推进法治政府建设,优化行政审批服务");
        for w in ["双山镇", "法治政府", "行政审批"] {
            assert!(words.contains(&w), "{w} in {words:?}");
        }
    }

    #[test]
    fn boundaries_cover_words() {
        let s = Segmenter::new([]);
        let text = "协调解决群众诉求";
        let b = s.boundaries(text);
        assert!(b.contains(0));
        assert!(b.contains(text.len()));
        // 协调|解决: no word starts inside 调解.
        assert!(!b.contains("协".len()));
        assert_eq!(b.word_around(4), (0, "协调".len()));
    }
}

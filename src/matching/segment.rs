//! Segmentation: jieba-rs with the rule set's terms in its dictionary.
//!
//! Chinese has no spaces, so "word boundary" means a boundary between the words jieba-rs cuts the text
//! into. The rule set's terms are added to the dictionary when a [`Checker`](crate::Checker) is
//! compiled, so that 法治政府, 行政审批 or a place name such as 双山镇 come out whole. The segmenter
//! runs without the HMM for unknown words: its cuts are then decided by the dictionary alone, which is
//! what a rule author can reason about.
//!
//! Without the HMM, jieba-rs puts two neighbouring characters into one word only when some
//! dictionary word holds them side by side, or when both are ASCII letters or digits (it joins
//! those into one word). `WordPairs` records the dictionary's pairs, so that a place between two
//! characters that can never be joined is known to be a boundary without segmenting the text
//! around it (see `LazyBoundaries`).

use std::io::Read;

use jieba_rs::Jieba;

/// jieba-rs's dictionary (its `src/data/dict.txt`, MIT licence, the version in `Cargo.lock`),
/// gzip-compressed. The crate ships it rather than taking jieba-rs's own embedded copy, which is
/// compressed with zstd: the zstd C library's build took a minute and a half of every clean build
/// and needs clang for WebAssembly. Decompressing it takes a few milliseconds.
static DICTIONARY_GZ: &[u8] = include_bytes!("../data/jieba-dict.txt.gz");

/// The built-in dictionary's text, as jieba-rs reads it (`word frequency tag` lines): the words a
/// [`Segmenter`] starts from before the rule set's are added. Plain jieba-rs with the same words,
/// for comparison (the benches measure against it), is
/// `jieba_rs::Jieba::with_dict(&mut builtin_dictionary().as_bytes())`.
pub fn builtin_dictionary() -> String {
    let mut text = String::with_capacity(5 << 20);
    flate2::read::GzDecoder::new(DICTIONARY_GZ)
        .read_to_string(&mut text)
        .expect("the built-in dictionary is a well-formed gzip file of UTF-8 text");
    text
}

/// A jieba-rs segmenter with extra words.
pub struct Segmenter {
    jieba: Jieba,
    pairs: WordPairs,
}

/// The pairs of neighbouring characters inside dictionary words, as a bit set over a hash of the
/// pair: a pair that is not in it stands in no word; a pair that is may (a hash can collide). About
/// 7% of the bits are set, so about 7% of the pairs in no word are taken for pairs in one, which
/// costs a segmentation and never a wrong answer.
///
/// The built-in dictionary's pairs are computed once and shipped in `src/data/word_pairs.bin`,
/// because jieba-rs does not give access to its word list; a test checks the file against the
/// dictionary of the jieba-rs version in `Cargo.lock` and can write it anew.
#[derive(Clone)]
struct WordPairs {
    bits: Box<[u64]>,
}

/// The number of bits of the hash of a pair: the set takes 2^22 bits, 512 KiB.
const PAIR_HASH_BITS: u32 = 22;

/// The built-in dictionary's pairs, as little-endian 64-bit words.
static BUILTIN_PAIRS: &[u8] = include_bytes!("../data/word_pairs.bin");

impl WordPairs {
    /// No pairs.
    #[cfg(test)]
    fn empty() -> WordPairs {
        WordPairs {
            bits: vec![0; 1 << (PAIR_HASH_BITS - 6)].into_boxed_slice(),
        }
    }

    /// The pairs of jieba-rs's built-in dictionary.
    fn builtin() -> WordPairs {
        assert_eq!(BUILTIN_PAIRS.len(), 1 << (PAIR_HASH_BITS - 3));
        WordPairs {
            bits: BUILTIN_PAIRS
                .chunks_exact(8)
                .map(|w| u64::from_le_bytes(w.try_into().expect("eight bytes")))
                .collect(),
        }
    }

    /// The bit of the pair `a`, `b`.
    #[inline]
    fn slot(a: char, b: char) -> usize {
        let key = (u64::from(a) << 21) | u64::from(b);
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - PAIR_HASH_BITS)) as usize
    }

    /// Adds the pairs of neighbouring characters of `word`.
    fn add_word(&mut self, word: &str) {
        let mut chars = word.chars();
        let Some(mut a) = chars.next() else { return };
        for b in chars {
            let slot = WordPairs::slot(a, b);
            self.bits[slot / 64] |= 1 << (slot % 64);
            a = b;
        }
    }

    /// Whether some word may hold `a` followed by `b`.
    #[inline]
    fn may_join(&self, a: char, b: char) -> bool {
        let slot = WordPairs::slot(a, b);
        self.bits[slot / 64] & (1 << (slot % 64)) != 0
    }

    /// The set as little-endian 64-bit words, as `src/data/word_pairs.bin` stores it.
    #[cfg(test)]
    fn to_bytes(&self) -> Vec<u8> {
        self.bits.iter().flat_map(|w| w.to_le_bytes()).collect()
    }
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter").finish_non_exhaustive()
    }
}

impl Segmenter {
    /// The built-in dictionary plus `words`, each given a frequency that lets it be cut out whole.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Segmenter {
        let mut jieba = Jieba::with_dict(&mut builtin_dictionary().as_bytes())
            .expect("the built-in dictionary is well-formed");
        let mut pairs = WordPairs::builtin();
        for word in words {
            if !jieba.has_word(word) {
                jieba.add_word(word, None, None);
                pairs.add_word(word);
            }
        }
        Segmenter { jieba, pairs }
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

/// Whether jieba-rs puts the character `c` in the blocks it segments with its dictionary (its `RE_HAN_DEFAULT`:
/// CJK ideographs, ASCII letters and digits, and `+#&._%-`). Every other character is a word of its
/// own. This must be the classifier of the jieba-rs version in use: the tests compare
/// [`LazyBoundaries`] with [`Segmenter::boundaries`] to make sure.
#[inline(always)]
fn is_jieba_block(c: u32) -> bool {
    match c {
        0x4E00..=0x9FFF => true,
        0..0x80 => {
            let b = c as u8;
            b.is_ascii_alphanumeric() || matches!(b, b'+' | b'#' | b'&' | b'.' | b'_' | b'%' | b'-')
        }
        _ => matches!(c,
            0x3400..=0x4DBF
            | 0xF900..=0xFAFF
            | 0x20000..=0x2A6DF
            | 0x2A700..=0x2B73F
            | 0x2B740..=0x2B81F
            | 0x2B820..=0x2CEAF
            | 0x2CEB0..=0x2EBEF
            | 0x2F800..=0x2FA1F),
    }
}

/// The word boundaries of a text, segmented only where asked.
///
/// jieba-rs segments each maximal run of block characters (see `is_jieba_block`) on its own,
/// and makes every other character a word. So a position is a boundary outright unless it lies
/// strictly inside such a run. Inside one, a place between two characters that can never be
/// joined is a boundary too; otherwise the run is segmented from the nearest such place before it
/// to its end (see [`LazyBoundaries::contains`]), at most twice per run. The answers are exactly
/// those of [`Segmenter::boundaries`] over the whole text; the tests compare the two.
pub(crate) struct LazyBoundaries<'t> {
    text: &'t str,
    segmenter: &'t Segmenter,
    runs: Runs,
    /// Word starts inside the parts of runs segmented so far.
    starts: Vec<u64>,
    /// The bytes of the parts of runs segmented so far.
    done: Vec<u64>,
}

/// Where the runs of block characters (see `is_jieba_block`) of a text are, as bit sets over its
/// byte positions: where a run starts, and where one ends (the position after its last character).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Runs {
    starts: Vec<u64>,
    ends: Vec<u64>,
    /// Whether the last character recorded was a block character.
    in_run: bool,
    /// The last [`Runs::inside`] question and its answer, `(at, run start, run end)`: positions are
    /// asked in increasing order, so the next answer is looked for from there, not from the start
    /// of a run that may be a whole page long (a line of terms without punctuation would otherwise
    /// cost time growing with the square of its length).
    last: std::cell::Cell<Option<Asked>>,
}

/// A question to [`Runs::inside`] and what was found: `(at, last run start at or before it, last
/// run end at or before it)`.
type Asked = (usize, Option<usize>, Option<usize>);

impl Runs {
    /// Bit sets for a text of `len` bytes, to be filled with [`Runs::record`] for each character
    /// in order, then [`Runs::finish`].
    pub fn new(len: usize) -> Runs {
        let words = len / 64 + 1;
        Runs {
            last: std::cell::Cell::new(None),
            starts: vec![0; words],
            ends: vec![0; words],
            in_run: false,
        }
    }

    /// The runs of `text`.
    pub fn of(text: &str) -> Runs {
        let mut runs = Runs::new(text.len());
        for (at, c) in text.char_indices() {
            runs.record(at, c as u32);
        }
        runs.finish(text.len());
        runs
    }

    /// Records the character `c` (as a number) at byte `at`.
    #[inline(always)]
    pub fn record(&mut self, at: usize, c: u32) {
        let block = is_jieba_block(c);
        if block != self.in_run {
            let bits = if block {
                &mut self.starts
            } else {
                &mut self.ends
            };
            bits[at / 64] |= 1 << (at % 64);
            self.in_run = block;
        }
    }

    /// Ends the text at byte `len`.
    pub fn finish(&mut self, len: usize) {
        if self.in_run {
            self.ends[len / 64] |= 1 << (len % 64);
        }
        self.in_run = false;
    }

    /// The start of the run around `at` when `at` (a character boundary) lies strictly inside one.
    #[inline]
    fn inside(&self, at: usize) -> Option<usize> {
        let (start, end) = match self.last.get() {
            Some((before, start, end)) if before <= at => (
                last_set_in(&self.starts, before + 1, at).or(start),
                last_set_in(&self.ends, before + 1, at).or(end),
            ),
            _ => (
                last_at_or_before(&self.starts, at),
                last_at_or_before(&self.ends, at),
            ),
        };
        self.last.set(Some((at, start, end)));
        let start = start?;
        let inside = start < at && end.is_none_or(|end| end < start);
        inside.then_some(start)
    }

    /// The end of the run around `at`, a position inside one.
    fn end_after(&self, at: usize) -> usize {
        let mut word = at / 64;
        let mut bits = self.ends[word] & (u64::MAX << (at % 64)) & !(1 << (at % 64));
        while bits == 0 {
            word += 1;
            bits = self.ends[word];
        }
        word * 64 + bits.trailing_zeros() as usize
    }
}

/// The last position from `from` to `at` (both included) whose bit is set.
#[inline]
fn last_set_in(bits: &[u64], from: usize, at: usize) -> Option<usize> {
    if from > at {
        return None;
    }
    let mut word = at / 64;
    let mut set = bits[word] & (u64::MAX >> (63 - at % 64));
    while set == 0 {
        if word == from / 64 {
            return None;
        }
        word -= 1;
        set = bits[word];
    }
    let found = word * 64 + 63 - set.leading_zeros() as usize;
    (found >= from).then_some(found)
}

/// The last position at or before `at` whose bit is set.
#[inline]
fn last_at_or_before(bits: &[u64], at: usize) -> Option<usize> {
    let mut word = at / 64;
    let mut set = bits[word] & (u64::MAX >> (63 - at % 64));
    while set == 0 {
        word = word.checked_sub(1)?;
        set = bits[word];
    }
    Some(word * 64 + 63 - set.leading_zeros() as usize)
}

#[inline]
fn bit(bits: &[u64], at: usize) -> bool {
    bits[at / 64] & (1 << (at % 64)) != 0
}

impl<'t> LazyBoundaries<'t> {
    /// The boundaries of `text`, whose runs are `runs`.
    pub fn new(segmenter: &'t Segmenter, text: &'t str, runs: Runs) -> LazyBoundaries<'t> {
        let words = text.len() / 64 + 1;
        LazyBoundaries {
            text,
            segmenter,
            runs,
            starts: vec![0; words],
            done: vec![0; words],
        }
    }

    /// The text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// Whether a word starts at `at` (or `at` is the end of the text).
    pub fn contains(&mut self, at: usize) -> bool {
        let text = self.text;
        if at == 0 || at == text.len() {
            return true;
        }
        if at > text.len() || !text.is_char_boundary(at) {
            return false;
        }
        // Inside a run segmented already: answered without looking for the run, which in a long
        // run would cost a search back to its start on every question.
        if bit(&self.done, at) {
            return bit(&self.starts, at);
        }
        let Some(run_start) = self.runs.inside(at) else {
            // Every other character is a word of its own; \r\n is one word.
            return !(text.as_bytes()[at - 1] == b'\r' && text.as_bytes()[at] == b'\n');
        };
        // No word can span a place between two characters that no word holds side by side.
        if !self.joinable(at) {
            return true;
        }
        // Only the part of the run from the nearest place before `at` that can never be joined
        // (or the run's start) to the run's end is segmented. That part comes out exactly as it
        // does within the whole run, because (in jieba-rs 0.11, without the HMM):
        // - the best route's values are computed from the end of the run back, each from the
        //   values after it, so the part's values are the same numbers;
        // - the words are then read from the start forward, and no word of the whole run's route
        //   spans that place, so the reading reaches it and goes on as the part's reading does;
        // - ASCII letters and digits are joined across a place only if both sides are such
        //   characters, which `joinable` counts as joinable.
        // A run of which a later part has been segmented already is segmented whole, so that no
        // run is segmented more than twice.
        let end = self.runs.end_after(at);
        let from = if bit(&self.done, end - 1) {
            run_start
        } else {
            let mut from = previous_char(text, at);
            while from > run_start && self.joinable(from) {
                from = previous_char(text, from);
            }
            from
        };
        self.segment_run(from, end);
        bit(&self.starts, at)
    }

    /// Whether the characters either side of `at`, a place inside a run, may end up in one word:
    /// some dictionary word holds them side by side, or both are ASCII letters or digits (which
    /// jieba-rs joins into one word when the dictionary cuts them apart).
    #[inline]
    fn joinable(&self, at: usize) -> bool {
        let before = self.text[..at].chars().next_back();
        let after = self.text[at..].chars().next();
        match (before, after) {
            (Some(a), Some(b)) => {
                (a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric())
                    || self.segmenter.pairs.may_join(a, b)
            }
            _ => false,
        }
    }

    /// Segments `start..end`, the whole or the end of a run of block characters.
    #[cold]
    fn segment_run(&mut self, start: usize, end: usize) {
        for token in self.segmenter.jieba.cut(&self.text[start..end], false) {
            let p = start + token.byte_start;
            self.starts[p / 64] |= 1 << (p % 64);
        }
        set_range(&mut self.done, start, end);
    }

    /// The word containing the byte at `at`, which [`LazyBoundaries::contains`] was asked about: its
    /// start and end.
    pub fn word_around(&mut self, at: usize) -> (usize, usize) {
        let len = self.text.len();
        let start = (0..=at.min(len))
            .rev()
            .find(|&p| self.contains(p))
            .unwrap_or(0);
        let end = (at + 1..=len).find(|&p| self.contains(p)).unwrap_or(len);
        (start, end)
    }
}

/// The start of the character that ends at `at` (0 at the start of the text).
#[inline]
fn previous_char(text: &str, at: usize) -> usize {
    text[..at]
        .chars()
        .next_back()
        .map_or(0, |c| at - c.len_utf8())
}

/// Sets bits `start..end`.
fn set_range(bits: &mut [u64], start: usize, end: usize) {
    let mut p = start;
    while p < end {
        let word = p / 64;
        let from = p % 64;
        let to = (end - word * 64).min(64);
        let mask = if to - from == 64 {
            u64::MAX
        } else {
            ((1u64 << (to - from)) - 1) << from
        };
        bits[word] |= mask;
        p = word * 64 + to;
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
    fn runs_answer_alike_whatever_order_they_are_asked_in() {
        // The answer to `inside` is looked for from the last question when positions come in
        // increasing order: it must be the one a fresh search gives, in any order of questions.
        let text = "开展普法开展普法。ab法治 12政府建设开展普法开展普法开展普法\n调解";
        let asked = Runs::of(text);
        let fresh = |at: usize| {
            let runs = Runs::of(text);
            runs.inside(at)
        };
        let places: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let mut order: Vec<usize> = places.clone();
        order.extend(places.iter().rev());
        order.extend(places.iter().step_by(3));
        for at in order {
            assert_eq!(asked.inside(at), fresh(at), "at {at}");
        }
    }

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

    fn same_as_full(s: &Segmenter, text: &str) {
        let full = s.boundaries(text);
        let mut lazy = LazyBoundaries::new(s, text, Runs::of(text));
        // Ask in an odd order, so that runs are segmented in any order.
        let mut positions: Vec<usize> = (0..=text.len() + 1).collect();
        positions.sort_by_key(|&p| (p * 7919) % (text.len() + 2));
        for p in positions {
            assert_eq!(lazy.contains(p), full.contains(p), "at {p} in {text:?}");
            if p < text.len() && text.is_char_boundary(p) && !full.contains(p) {
                assert_eq!(lazy.word_around(p), full.word_around(p), "{p} in {text:?}");
            }
        }
    }

    fn builtin() -> &'static Segmenter {
        static SEGMENTER: std::sync::OnceLock<Segmenter> = std::sync::OnceLock::new();
        SEGMENTER.get_or_init(|| {
            let rules = crate::RuleSet::builtin();
            let mut words: Vec<&str> = rules.dictionary_words.iter().map(String::as_str).collect();
            for area in &rules.areas {
                for concept in &area.concepts {
                    words.extend(concept.terms.iter().map(String::as_str));
                }
            }
            Segmenter::new(words)
        })
    }

    #[test]
    fn lazy_boundaries_are_the_boundaries_of_the_whole_text() {
        let sample = include_str!("../../examples/sample/青石镇2023年法治政府建设工作报告.txt");
        same_as_full(builtin(), sample);
        same_as_full(builtin(), &crate::read::normalize::fold_str(sample));
        same_as_full(
            builtin(),
            "a\r\nb 法治\r\n政府2023年ABC-1.5%未成年人𠀀𠀁丽\u{2EBF0}\u{2EBF0}",
        );
    }

    /// The same on the fixture reports and, where they are present, the real ones in
    /// `../shared/corpus`: every run there has places no word spans, which are answered without
    /// segmenting.
    #[test]
    fn lazy_boundaries_are_the_boundaries_of_every_report() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = 0;
        for dir in [
            "tests/fixtures/reports",
            "../shared/corpus",
            "../shared/corpus/excerpts",
        ] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "txt")
                    && let Ok(text) = std::fs::read_to_string(&path)
                {
                    same_as_full(builtin(), &crate::read::normalize::fold_str(&text));
                    texts += 1;
                }
            }
        }
        assert!(texts >= 10, "{texts} texts");
    }

    /// The text of jieba-rs's built-in dictionary, read from the source of the version in
    /// `Cargo.lock` that Cargo unpacked under `$CARGO_HOME/registry/src` (None where it cannot be
    /// found, as with vendored sources).
    /// `src/data/word_pairs.bin` holds the pairs of the shipped dictionary. After a change of
    /// `src/data/jieba-dict.txt.gz`, write it anew with
    /// `FAZHI_WRITE_WORD_PAIRS=1 cargo test --lib word_pairs`.
    #[test]
    fn word_pairs_are_those_of_the_jieba_dictionary() {
        let dictionary = builtin_dictionary();
        let mut pairs = WordPairs::empty();
        let mut words = 0;
        for line in dictionary.lines() {
            // As jieba-rs reads it: the word is the first field.
            if let Some(word) = line.split_ascii_whitespace().next() {
                pairs.add_word(word);
                words += 1;
            }
        }
        assert!(words > 300_000, "{words} words");
        let bytes = pairs.to_bytes();
        if std::env::var_os("FAZHI_WRITE_WORD_PAIRS").is_some() {
            std::fs::write(
                concat!(env!("CARGO_MANIFEST_DIR"), "/src/data/word_pairs.bin"),
                &bytes,
            )
            .expect("src/data/word_pairs.bin written");
        } else {
            assert!(
                bytes == BUILTIN_PAIRS,
                "src/data/word_pairs.bin is not the shipped dictionary's: write it anew with \
                 FAZHI_WRITE_WORD_PAIRS=1 cargo test --lib word_pairs"
            );
        }
        // Some pairs, and the share of bits set the documentation gives.
        let set: u32 = pairs.bits.iter().map(|w| w.count_ones()).sum();
        let share = f64::from(set) / (1u64 << PAIR_HASH_BITS) as f64;
        assert!((0.05..0.09).contains(&share), "{share}");
        assert!(pairs.may_join('法', '治') && pairs.may_join('政', '府'));
    }

    proptest::proptest! {
        #[test]
        fn lazy_boundaries_agree_on_any_text(
            text in "[法治政府建设未成年人行审批服务aZ09+#&._%\\- ,。\r\n𠀀\u{2EBF0}\u{3000}!$@\u{33FF}\u{3400}\u{4DBF}\u{4DC0}\u{4DFF}\u{9FFF}\u{A000}\u{F8FF}\u{F900}\u{FAFF}\u{FB00}\u{2A6DF}\u{2A6E0}\u{2A700}\u{2EBEF}\u{2F800}\u{2FA1F}\u{2FA20}]{0,40}"
        ) {
            same_as_full(builtin(), &text);
        }
    }
}

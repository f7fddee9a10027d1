//! Matching terms on word boundaries, and negation.
//!
//! Every term of a rule set (concept terms, heading and lead cues, negation cues) goes into one
//! scanner, which looks each pair of neighbouring characters up in a table of the terms' first two
//! characters, so the text is read once whatever the number of terms. A match counts
//! only where it starts and ends on word boundaries of the segmented text: 调解 is not found in
//! 协调解决 (协调|解决), but 法治政府 is found across 法治|政府. Where the segmenter had to choose
//! between two overlapping words, a place inside a word that splits it into two whole words counts
//! as a boundary too, so 行政审批 is found in 行政|审批服务 and 法律顾问 in 法律顾问制度.
//!
//! A negation cue (未, 尚未, 没有 …) governs the terms after it in the same clause; a trailing cue
//! (尚未, 未 …) governs the terms before it. Clauses end at 。，；：！？ and line ends.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::matching::segment::{Boundaries, LazyBoundaries, Runs, Segmenter};

/// What a pattern means to the rule set. One pattern can have several roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A term of concept `concept` of area `area` (indices into the rule set); `support` when it
    /// is one of the concept's support terms rather than a core term.
    Concept {
        area: usize,
        concept: usize,
        support: bool,
    },
    /// A neutral phrase: it counts for no area, and a term inside it is not evidence.
    Neutral,
    /// A heading cue of area `area`.
    HeadingCue { area: usize },
    /// A lead cue of area `area`.
    LeadCue { area: usize },
    /// A negation cue that stands before the term it negates (未开展普法).
    NegationBefore,
    /// A negation cue that stands after the term it negates (法律顾问尚未聘请).
    NegationAfter,
    /// Term `term` of the `not_a_report` finding (制定本方案): the text calls itself a plan. Found as
    /// a substring, word boundaries or not.
    NotAReport { term: usize },
    /// A term of the `first_responsibility` finding (第一责任人), found as a substring.
    FirstResponsibility,
}

/// Of overlapping spans, which stand: the longest wins, ties go to the earlier start, and each
/// character belongs to at most one span (综合行政执法局 gives 综合行政执法, not also 行政执法). Spans
/// equal to a winner (the same term in two roles) stand with it. Returns one flag per span, in the
/// order given.
pub(crate) fn longest_first(spans: &[(usize, usize)]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(spans[i].1 - spans[i].0), spans[i].0));
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut keep = vec![false; spans.len()];
    for i in order {
        let (start, end) = spans[i];
        // The taken span starting last at or before `end - 1`: it overlaps when it ends after
        // `start`; spans are disjoint, so no earlier one can.
        let clash = taken
            .range(..end)
            .next_back()
            .is_some_and(|(&s, &e)| e > start && !(s == start && e == end));
        if !clash {
            taken.insert(start, end);
            keep[i] = true;
        }
    }
    keep
}

/// Whether `piece` (part of a word) is itself one or more whole words of two characters or more.
fn clean_piece(segmenter: &Segmenter, piece: &str) -> bool {
    // A piece longer than any term is not a word or two: this also keeps a term inside an endless
    // "word" (a run of digits) from costing a segmentation of the whole run.
    if piece.len() > 4 * crate::rules::MAX_TERM_CHARS {
        return false;
    }
    let mut chars = piece.chars();
    match (chars.next(), chars.next(), chars.next(), chars.next()) {
        (None, ..) | (Some(_), None, ..) => false,
        // Two or three characters: one word or nothing (two words would need four characters).
        (Some(_), Some(_), _, None) => segmenter.has_word(piece),
        _ => {
            segmenter.has_word(piece)
                || segmenter
                    .words(piece)
                    .iter()
                    .all(|w| w.chars().nth(1).is_some())
        }
    }
}

/// Whether `start..end` of `text` starts and ends on word boundaries, given the whole text's
/// segmentation (as [`Hits::on_boundaries`] decides from the parts it segments): for explanations.
pub(crate) fn on_boundaries(
    segmenter: &Segmenter,
    text: &str,
    bounds: &Boundaries,
    start: usize,
    end: usize,
) -> bool {
    let boundary = |at: usize| {
        bounds.contains(at) || {
            let (s, e) = bounds.word_around(at);
            clean_piece(segmenter, &text[s..at]) && clean_piece(segmenter, &text[at..e])
        }
    };
    boundary(start) && boundary(end)
}

/// An occurrence of a pattern: on word boundaries once [`Hits::on_boundaries`] says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub pattern: u32,
    pub start: usize,
    pub end: usize,
}

/// The compiled patterns.
#[derive(Debug)]
pub(crate) struct Matcher {
    scanner: Scanner,
    patterns: Vec<String>,
    roles: Vec<Vec<Role>>,
    /// Per pattern: whether it is a negation cue before a term, and after one.
    negates: Vec<(bool, bool)>,
}

/// Finds every occurrence of every pattern.
#[derive(Debug)]
enum Scanner {
    /// The usual case: see [`PairScanner`].
    Pairs(PairScanner),
    /// For rule sets with an empty pattern (a term of zero-width characters only), which occurs at
    /// every byte: one Aho-Corasick automaton, searched for overlapping matches.
    Automaton(AhoCorasick),
}

/// The clause delimiters of a text, each as `(start, end)`, in order.
struct Delimiters(Vec<(usize, usize)>);

impl Delimiters {
    /// The delimiters of `text`: 。，；：！？ (the full-width ones as folded to ASCII, and as written)
    /// and line ends.
    fn of(text: &str) -> Delimiters {
        Delimiters(
            text.char_indices()
                .filter(|&(_, c)| is_clause_end(c))
                .map(|(i, c)| (i, i + c.len_utf8()))
                .collect(),
        )
    }

    /// The clause around `start..end`: from after the last delimiter before `start` to the first
    /// delimiter at or after `end`.
    /// As [`clause_around`], for the text of `len` bytes these delimiters are of.
    fn clause_around(&self, len: usize, start: usize, end: usize) -> (usize, usize) {
        let before = self.0.partition_point(|d| d.1 <= start);
        let clause_start = before.checked_sub(1).map_or(0, |i| self.0[i].1);
        let after = self.0.partition_point(|d| d.0 < end);
        let clause_end = self.0.get(after).map_or(len, |d| d.0);
        (clause_start, clause_end)
    }
}

/// Every occurrence of a set of non-empty patterns, found a character at a time: a pattern of one
/// character by that character, a longer one by its first two characters, looked up in a small
/// hash table behind a bit filter that rejects almost every position at the cost of one load. Report
/// text has few positions where a term starts, so this is much cheaper than walking an automaton
/// byte by byte, and its tables stay in the first-level cache (where the segmenter needs the rest).
#[derive(Debug)]
struct PairScanner {
    /// One bit per hashed key, set for the keys in the table.
    filter: Vec<u64>,
    /// Open addressing: `(key + 1, first entry, end of entries)`, key 0 marking an empty slot.
    table: Vec<(u64, u32, u32)>,
    /// `(pattern, range of the bytes after its first two characters in rest)`, grouped by key and
    /// by length within a key.
    entries: Vec<(u32, u32, u32)>,
    /// Per entry, the first eight bytes after its first two characters (zero beyond its end).
    heads: Vec<u64>,
    rest: Vec<u8>,
    /// One bit per character of a one-character pattern, by its number modulo the bits.
    singles: Vec<u64>,
}

const SINGLE_WORDS: usize = 64;

const FILTER_BITS: u32 = 16;
/// The key of a one-character pattern uses this in place of a second character (above any char).
const NO_CHAR: u64 = 0x1F_FFFF;

#[inline(always)]
fn pair_key(first: char, second: u64) -> u64 {
    ((first as u64) << 21) | second
}

#[inline(always)]
fn hash(key: u64) -> u64 {
    key.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl PairScanner {
    fn new(patterns: &[String]) -> PairScanner {
        // Patterns by key, shortest first.
        let mut keyed: Vec<(u64, usize, u32)> = patterns
            .iter()
            .enumerate()
            .map(|(id, p)| {
                let mut chars = p.chars();
                let first = chars.next().expect("no empty pattern here");
                let key = match chars.next() {
                    Some(second) => pair_key(first, second as u64),
                    None => pair_key(first, NO_CHAR),
                };
                (key, p.len(), id as u32)
            })
            .collect();
        keyed.sort_unstable();
        let slots = (keyed.len() * 2).next_power_of_two().max(16);
        let mut scanner = PairScanner {
            filter: vec![0; 1 << (FILTER_BITS - 6)],
            table: vec![(0, 0, 0); slots],
            entries: Vec::with_capacity(keyed.len()),
            heads: Vec::with_capacity(keyed.len()),
            rest: Vec::new(),
            singles: vec![0; SINGLE_WORDS],
        };
        for p in patterns {
            let mut chars = p.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                let c = c as usize;
                scanner.singles[(c / 64) % SINGLE_WORDS] |= 1 << (c % 64);
            }
        }
        let mut i = 0;
        while i < keyed.len() {
            let key = keyed[i].0;
            let from = scanner.entries.len() as u32;
            while i < keyed.len() && keyed[i].0 == key {
                let id = keyed[i].2;
                let p = &patterns[id as usize];
                let head: usize = p.chars().take(2).map(char::len_utf8).sum();
                let at = scanner.rest.len() as u32;
                let tail = &p.as_bytes()[head..];
                let mut word = [0u8; 8];
                let n = tail.len().min(8);
                word[..n].copy_from_slice(&tail[..n]);
                scanner.heads.push(u64::from_le_bytes(word));
                scanner.rest.extend_from_slice(tail);
                scanner
                    .entries
                    .push((id, at, scanner.rest.len() as u32 - at));
                i += 1;
            }
            let to = scanner.entries.len() as u32;
            let h = hash(key);
            let bit = h >> (64 - FILTER_BITS);
            scanner.filter[(bit / 64) as usize] |= 1 << (bit % 64);
            let mask = slots - 1;
            let mut slot = (h >> 32) as usize & mask;
            while scanner.table[slot].0 != 0 {
                slot = (slot + 1) & mask;
            }
            scanner.table[slot] = (key + 1, from, to);
        }
        scanner
    }

    /// The entries of `key`, if any.
    #[inline(always)]
    fn lookup(&self, key: u64) -> Option<(u32, u32)> {
        let h = hash(key);
        let bit = h >> (64 - FILTER_BITS);
        if self.filter[(bit / 64) as usize] & (1 << (bit % 64)) == 0 {
            return None;
        }
        let mask = self.table.len() - 1;
        let mut slot = (h >> 32) as usize & mask;
        loop {
            let (k, from, to) = self.table[slot];
            if k == key + 1 {
                return Some((from, to));
            }
            if k == 0 {
                return None;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Every occurrence, in order of start, then end; and the runs of the text, recorded on the way.
    fn find(&self, text: &str, out: &mut Vec<Hit>, runs: &mut Runs) {
        let bytes = text.as_bytes();
        if bytes.is_empty() {
            return;
        }
        let (mut c, mut width) = decode(bytes, 0);
        let mut start = 0;
        loop {
            runs.record(start, c);
            let second_at = start + width;
            if self.singles[(c as usize / 64) % SINGLE_WORDS] & (1 << (c % 64)) != 0
                && let Some((from, to)) = self.lookup(pair_key_u32(c, NO_CHAR))
            {
                for &(pattern, ..) in &self.entries[from as usize..to as usize] {
                    out.push(Hit {
                        pattern,
                        start,
                        end: second_at,
                    });
                }
            }
            if second_at >= bytes.len() {
                break;
            }
            let (second, second_width) = decode(bytes, second_at);
            if let Some((from, to)) = self.lookup(pair_key_u32(c, u64::from(second))) {
                let after = second_at + second_width;
                let left = bytes.len() - after;
                // The next eight bytes, zero beyond the end, compared with each entry's first
                // eight at once.
                let next = if left >= 8 {
                    u64::from_le_bytes(bytes[after..after + 8].try_into().expect("eight bytes"))
                } else {
                    let mut word = [0u8; 8];
                    word[..left].copy_from_slice(&bytes[after..]);
                    u64::from_le_bytes(word)
                };
                for k in from as usize..to as usize {
                    let (pattern, at, len) = self.entries[k];
                    let len = len as usize;
                    if len > left {
                        continue;
                    }
                    let mask = if len >= 8 {
                        u64::MAX
                    } else {
                        (1u64 << (8 * len)) - 1
                    };
                    if (next ^ self.heads[k]) & mask != 0 {
                        continue;
                    }
                    if len > 8 {
                        let at = at as usize;
                        if bytes[after + 8..after + len] != self.rest[at + 8..at + len] {
                            continue;
                        }
                    }
                    out.push(Hit {
                        pattern,
                        start,
                        end: after + len,
                    });
                }
            }
            start = second_at;
            c = second;
            width = second_width;
        }
    }
}

/// The character (as a number) starting at `at` of valid UTF-8, and its length.
#[inline(always)]
fn decode(bytes: &[u8], at: usize) -> (u32, usize) {
    let b0 = u32::from(bytes[at]);
    if b0 < 0x80 {
        (b0, 1)
    } else if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | (u32::from(bytes[at + 1]) & 0x3F), 2)
    } else if b0 < 0xF0 {
        (
            ((b0 & 0x0F) << 12)
                | ((u32::from(bytes[at + 1]) & 0x3F) << 6)
                | (u32::from(bytes[at + 2]) & 0x3F),
            3,
        )
    } else {
        (
            ((b0 & 0x07) << 18)
                | ((u32::from(bytes[at + 1]) & 0x3F) << 12)
                | ((u32::from(bytes[at + 2]) & 0x3F) << 6)
                | (u32::from(bytes[at + 3]) & 0x3F),
            4,
        )
    }
}

#[inline(always)]
fn pair_key_u32(first: u32, second: u64) -> u64 {
    (u64::from(first) << 21) | second
}

impl Matcher {
    /// Builds the scanner from `(pattern, role)` pairs.
    pub fn new(entries: Vec<(String, Role)>) -> Matcher {
        let mut index: HashMap<String, u32> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut roles: Vec<Vec<Role>> = Vec::new();
        for (pattern, role) in entries {
            let id = *index.entry(pattern.clone()).or_insert_with(|| {
                patterns.push(pattern);
                roles.push(Vec::new());
                (patterns.len() - 1) as u32
            });
            if !roles[id as usize].contains(&role) {
                roles[id as usize].push(role);
            }
        }
        let scanner = if patterns.iter().all(|p| !p.is_empty()) {
            Scanner::Pairs(PairScanner::new(&patterns))
        } else {
            Scanner::Automaton(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&patterns)
                    .or_else(|_| {
                        AhoCorasick::builder()
                            .match_kind(MatchKind::Standard)
                            .build(&patterns)
                    })
                    .expect("rule-set patterns are bounded in number and length"),
            )
        };
        let negates = roles
            .iter()
            .map(|r| {
                (
                    r.contains(&Role::NegationBefore),
                    r.contains(&Role::NegationAfter),
                )
            })
            .collect();
        Matcher {
            scanner,
            patterns,
            roles,
            negates,
        }
    }

    /// The pattern's text.
    pub fn pattern(&self, id: u32) -> &str {
        &self.patterns[id as usize]
    }

    /// The pattern's roles.
    pub fn roles(&self, id: u32) -> &[Role] {
        &self.roles[id as usize]
    }

    /// Every occurrence of every pattern in `text`, on word boundaries or not, sorted by start, end
    /// and pattern.
    pub fn occurrences(&self, text: &str) -> Vec<Hit> {
        self.occurrences_and_runs(text).0
    }

    /// [`Matcher::occurrences`], and the runs the segmenter cuts `text` into.
    pub fn occurrences_and_runs(&self, text: &str) -> (Vec<Hit>, Runs) {
        let mut hits = Vec::with_capacity(text.len() / 16);
        let mut runs = Runs::new(text.len());
        match &self.scanner {
            Scanner::Pairs(scanner) => {
                scanner.find(text, &mut hits, &mut runs);
                runs.finish(text.len());
            }
            Scanner::Automaton(automaton) => {
                runs = Runs::of(text);
                hits.extend(automaton.find_overlapping_iter(text).map(|m| Hit {
                    pattern: m.pattern().as_u32(),
                    start: m.start(),
                    end: m.end(),
                }));
                hits.sort_by_key(|h| (h.start, h.end, h.pattern));
            }
        }
        (hits, runs)
    }

    /// Every pattern found in `text` on word boundaries, in order of start. (The checker asks
    /// [`Hits`] about the occurrences that matter instead.)
    #[cfg(test)]
    pub fn find(&self, text: &str, segmenter: &Segmenter) -> Vec<Hit> {
        let mut hits = Hits::new(self, segmenter, text);
        let mut found = Vec::new();
        for i in 0..hits.all.len() {
            if hits.on_boundaries(i) {
                found.push(hits.all[i]);
            }
        }
        found
    }
}

/// The occurrences of the patterns in a text, each checked against the word boundaries when asked
/// and only then, so that the segmenter runs only over the parts of the text where an occurrence
/// matters.
pub(crate) struct Hits<'a> {
    segmenter: &'a Segmenter,
    bounds: LazyBoundaries<'a>,
    /// Every occurrence, sorted by start, end and pattern.
    pub all: Vec<Hit>,
    /// Per occurrence: 0 not asked yet, 1 on word boundaries, 2 not.
    state: Vec<u8>,
    /// The occurrences of negation cues, in the order of `all`.
    negators: Vec<Negator>,
}

/// An occurrence of a negation cue, with its clause.
#[derive(Debug, Clone, Copy)]
struct Negator {
    /// Index in [`Hits::all`].
    index: usize,
    start: usize,
    end: usize,
    before: bool,
    after: bool,
    /// The clause around it (see [`Delimiters::clause_around`]).
    clause_start: usize,
    clause_end: usize,
    /// A clause delimiter inside the cue itself, and at its start.
    delimiter_inside: bool,
    delimiter_first: bool,
}

impl<'a> Hits<'a> {
    pub fn new(matcher: &'a Matcher, segmenter: &'a Segmenter, text: &'a str) -> Hits<'a> {
        let (all, runs) = matcher.occurrences_and_runs(text);
        // The clause delimiters, found once (when there is a cue): a cue's clause is then found by
        // binary search, not by reading back and forth over a clause that may be long.
        let mut delimiters: Option<Delimiters> = None;
        let negators = all
            .iter()
            .enumerate()
            .filter_map(|(index, h)| {
                let (before, after) = matcher.negates[h.pattern as usize];
                if !(before || after) {
                    return None;
                }
                let (clause_start, clause_end) = delimiters
                    .get_or_insert_with(|| Delimiters::of(text))
                    .clause_around(text.len(), h.start, h.end);
                let cue = &text[h.start..h.end];
                Some(Negator {
                    index,
                    start: h.start,
                    end: h.end,
                    before,
                    after,
                    clause_start,
                    clause_end,
                    delimiter_inside: cue.contains(is_clause_end),
                    delimiter_first: cue.starts_with(is_clause_end),
                })
            })
            .collect();
        Hits {
            segmenter,
            bounds: LazyBoundaries::new(segmenter, text, runs),
            state: vec![0; all.len()],
            all,
            negators,
        }
    }

    /// Whether `at` is a word boundary of the text: a word starts there, or `at` splits the word
    /// around it into pieces that are themselves whole words of two characters or more. So 行政审批
    /// is found in 行政|审批服务 (审批|服务) and 法律顾问 in 法律顾问制度 (法律顾问|制度), while 调解 is
    /// not found in 协调|解决 (协 and 调 are not words of their own) nor 法治 in 宪法|治理.
    fn is_boundary(&mut self, at: usize) -> bool {
        if self.bounds.contains(at) {
            return true;
        }
        let text = self.bounds.text();
        let (start, end) = self.bounds.word_around(at);
        clean_piece(self.segmenter, &text[start..at]) && clean_piece(self.segmenter, &text[at..end])
    }

    /// Whether a word starts at `at` (or `at` is the end of the text).
    pub fn word_starts_at(&mut self, at: usize) -> bool {
        self.bounds.contains(at)
    }

    /// Whether occurrence `i` starts and ends on word boundaries.
    pub fn on_boundaries(&mut self, i: usize) -> bool {
        match self.state[i] {
            1 => true,
            2 => false,
            _ => {
                let Hit { start, end, .. } = self.all[i];
                let yes = self.is_boundary(start) && self.is_boundary(end);
                self.state[i] = if yes { 1 } else { 2 };
                yes
            }
        }
    }

    /// The negation cue that governs the term at `start..end`, if any, on word boundaries: the
    /// nearest forward cue earlier in the same clause, or else the first trailing cue later in it.
    pub fn negation(&mut self, start: usize, end: usize) -> Option<u32> {
        // The cues in the clause of the term, found from the clauses of the cues rather than by
        // reading the term's clause: a cue before the term is in its clause when no delimiter stands
        // in the cue or between the cue's end and the term (the cue's clause reaches the term); a
        // cue after the term, when no delimiter stands between the term's end and the cue's start
        // (the cue's clause starts at or before the term's end) nor at the cue's start. The search
        // goes back from the term only as far as the first delimiter, so a long clause full of cues
        // costs one step per term.
        let before_term = self.negators.partition_point(|n| n.start < start);
        for k in (0..before_term).rev() {
            let n = self.negators[k];
            if n.end > start {
                // Overlaps the term: not before it.
                continue;
            }
            if n.delimiter_inside || n.clause_end < start {
                // A delimiter between this cue and the term: and so for every cue before it.
                break;
            }
            if n.before && self.on_boundaries(n.index) {
                return Some(self.all[n.index].pattern);
            }
        }
        let after_term = self.negators.partition_point(|n| n.start < end);
        for k in after_term..self.negators.len() {
            let n = self.negators[k];
            if n.clause_start > end || n.delimiter_first {
                // A delimiter between the term and this cue: and so for every cue after it.
                break;
            }
            if n.after && self.on_boundaries(n.index) {
                return Some(self.all[n.index].pattern);
            }
        }
        None
    }
}

/// Whether `c` ends a clause (after folding, and as written).
fn is_clause_end(c: char) -> bool {
    matches!(c, '。' | ',' | ';' | ':' | '!' | '?' | '\n' | '；' | '，')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn found(patterns: &[&str], segmenter: &Segmenter, text: &str) -> Vec<String> {
        let m = Matcher::new(
            patterns
                .iter()
                .map(|p| (p.to_string(), Role::NegationBefore))
                .collect(),
        );
        m.find(text, segmenter)
            .iter()
            .map(|h| m.pattern(h.pattern).to_string())
            .collect()
    }

    #[test]
    fn a_term_split_by_the_segmenter_is_found_across_words() {
        // Without 法治政府 in its dictionary, jieba cuts 法治|政府: the term is still found.
        let plain = Segmenter::new([]);
        assert_eq!(plain.words("建设法治政府"), ["建设", "法治", "政府"]);
        assert_eq!(found(&["法治政府"], &plain, "建设法治政府"), ["法治政府"]);
    }

    #[test]
    fn overlapping_words_keep_both_terms() {
        let s = Segmenter::new(["行政审批", "审批服务"]);
        assert_eq!(
            found(&["行政审批", "审批服务"], &s, "优化行政审批服务"),
            ["行政审批", "审批服务"]
        );
    }

    #[test]
    fn negation_governs_its_clause_only() {
        let m = Matcher::new(vec![
            ("未".into(), Role::NegationBefore),
            ("普法".into(), Role::HeadingCue { area: 0 }),
        ]);
        let s = Segmenter::new([]);
        let text = "未开展普法,已完成普法";
        let mut hits = Hits::new(&m, &s, text);
        let first = text.find("普法").unwrap();
        let second = text.rfind("普法").unwrap();
        assert!(hits.negation(first, first + 6).is_some());
        assert!(hits.negation(second, second + 6).is_none());
    }

    /// The scanner finds exactly what an Aho-Corasick automaton finds with overlapping search.
    fn same_as_automaton(patterns: &[String], text: &str) {
        let m = Matcher::new(
            patterns
                .iter()
                .map(|p| (p.clone(), Role::NegationBefore))
                .collect(),
        );
        assert!(matches!(m.scanner, Scanner::Pairs(_)));
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&m.patterns)
            .unwrap();
        let mut expected: Vec<Hit> = automaton
            .find_overlapping_iter(text)
            .map(|h| Hit {
                pattern: h.pattern().as_u32(),
                start: h.start(),
                end: h.end(),
            })
            .collect();
        expected.sort_by_key(|h| (h.start, h.end, h.pattern));
        let (found, runs) = m.occurrences_and_runs(text);
        assert_eq!(found, expected, "{patterns:?} in {text:?}");
        assert_eq!(runs, Runs::of(text), "{text:?}");
    }

    #[test]
    fn scanner_finds_every_occurrence_of_the_builtin_terms() {
        let rules = crate::RuleSet::builtin();
        let mut patterns: Vec<String> = rules
            .negation_before
            .iter()
            .chain(&rules.negation_after)
            .cloned()
            .collect();
        for area in &rules.areas {
            patterns.extend(area.heading_cues.iter().cloned());
            patterns.extend(area.lead_cues.iter().cloned());
            for concept in &area.concepts {
                patterns.extend(concept.terms.iter().cloned());
            }
        }
        let sample = include_str!("../../examples/sample/青石镇2023年法治政府建设工作报告.txt");
        same_as_automaton(&patterns, &crate::read::normalize::fold_str(sample));
        same_as_automaton(&patterns, "未未无尚未尚未,法治法治政府法治");
    }

    #[test]
    fn an_empty_pattern_falls_back_to_the_automaton() {
        let m = Matcher::new(vec![
            (String::new(), Role::NegationBefore),
            ("普法".into(), Role::NegationBefore),
        ]);
        assert!(matches!(m.scanner, Scanner::Automaton(_)));
        assert!(m.occurrences("普法").iter().any(|h| h.end - h.start == 6));
    }

    /// The negation cue as first looked up: the reference.
    fn negation_by_clause(
        m: &Matcher,
        text: &str,
        hits: &[Hit],
        start: usize,
        end: usize,
    ) -> Option<u32> {
        let clause_start = text[..start].rfind(is_clause_end).map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
        let clause_end = text[end..]
            .find(is_clause_end)
            .map_or(text.len(), |i| end + i);
        let first = hits.partition_point(|h| h.start < clause_start);
        let in_clause = hits[first..].iter().take_while(|h| h.start < clause_end);
        let forward = in_clause
            .clone()
            .filter(|h| h.end <= start && m.roles(h.pattern).contains(&Role::NegationBefore))
            .last();
        forward
            .or_else(|| {
                in_clause
                    .clone()
                    .find(|h| h.start >= end && m.roles(h.pattern).contains(&Role::NegationAfter))
            })
            .map(|h| h.pattern)
    }

    fn negation_segmenter() -> &'static Segmenter {
        static SEGMENTER: std::sync::OnceLock<Segmenter> = std::sync::OnceLock::new();
        SEGMENTER.get_or_init(|| Segmenter::new(["普法", "法律顾问"]))
    }

    /// The occurrences on word boundaries as first found: the whole text segmented, every
    /// occurrence checked.
    fn find_with_all_boundaries(m: &Matcher, segmenter: &Segmenter, text: &str) -> Vec<Hit> {
        let bounds = segmenter.boundaries(text);
        let is_boundary = |at: usize| {
            if bounds.contains(at) {
                return true;
            }
            let (start, end) = bounds.word_around(at);
            clean_piece(segmenter, &text[start..at]) && clean_piece(segmenter, &text[at..end])
        };
        m.occurrences(text)
            .into_iter()
            .filter(|h| is_boundary(h.start) && is_boundary(h.end))
            .collect()
    }

    fn builtin() -> &'static (Matcher, Segmenter) {
        static BUILT: std::sync::OnceLock<(Matcher, Segmenter)> = std::sync::OnceLock::new();
        BUILT.get_or_init(|| {
            let rules = crate::RuleSet::builtin();
            let mut terms: Vec<String> = Vec::new();
            for area in &rules.areas {
                terms.extend(area.heading_cues.iter().cloned());
                terms.extend(area.lead_cues.iter().cloned());
                for concept in &area.concepts {
                    terms.extend(concept.terms.iter().cloned());
                }
            }
            let segmenter = Segmenter::new(
                rules
                    .dictionary_words
                    .iter()
                    .chain(&terms)
                    .map(String::as_str),
            );
            let entries = terms
                .into_iter()
                .map(|t| (t, Role::HeadingCue { area: 0 }))
                .chain(
                    rules
                        .negation_before
                        .iter()
                        .map(|c| (c.clone(), Role::NegationBefore)),
                )
                .collect();
            (Matcher::new(entries), segmenter)
        })
    }

    #[test]
    fn checking_occurrences_when_asked_finds_what_checking_all_finds() {
        let (m, s) = builtin();
        let sample = crate::read::normalize::fold_str(include_str!(
            "../../examples/sample/青石镇2023年法治政府建设工作报告.txt"
        ));
        assert_eq!(m.find(&sample, s), find_with_all_boundaries(m, s, &sample));
    }

    proptest! {
        #[test]
        fn occurrences_on_boundaries_as_with_the_whole_text_segmented(
            text in "(法治|政府|建设|普法|宣传|行政|审批|服务|调解|协调|解决|法律|顾问|制度|未|尚未|\
                      成年人|宪法|治理|领导|小组|工作|重大|决策|,|。|\n|a1|主要负责人|党政)*"
        ) {
            let (m, s) = builtin();
            prop_assert_eq!(m.find(&text, s), find_with_all_boundaries(m, s, &text));
        }

        #[test]
        fn negation_as_by_clause(
            text in "(未|尚未|没有|无|普法|法律顾问|聘请|开展|,|。|,未|\n|a){0,14}",
            extra in 0usize..60,
        ) {
            let m = Matcher::new(vec![
                ("未".into(), Role::NegationBefore),
                ("尚未".into(), Role::NegationBefore),
                ("尚未".into(), Role::NegationAfter),
                ("无".into(), Role::NegationAfter),
                ("没有".into(), Role::NegationBefore),
                (",未".into(), Role::NegationBefore),
                (",未".into(), Role::NegationAfter),
                (
                    "普法".into(),
                    Role::Concept {
                        area: 0,
                        concept: 0,
                        support: false,
                    },
                ),
                (
                    "法律顾问".into(),
                    Role::Concept {
                        area: 0,
                        concept: 1,
                        support: false,
                    },
                ),
            ]);
            let s = negation_segmenter();
            let verified = m.find(&text, s);
            let mut hits = Hits::new(&m, s, &text);
            let mut queries: Vec<(usize, usize)> = verified.iter().map(|h| (h.start, h.end)).collect();
            let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let a = cuts[extra % cuts.len()];
            let b = cuts[(extra * 7) % cuts.len()];
            queries.push((a.min(b), a.max(b)));
            for (start, end) in queries {
                prop_assert_eq!(
                    hits.negation(start, end),
                    negation_by_clause(&m, &text, &verified, start, end),
                    "{}..{} in {:?}", start, end, text
                );
            }
        }

        #[test]
        fn clauses_as_by_characters(text in "[法。,;:!?\n；，、a]{0,30}", a in 0usize..40, b in 0usize..40) {
            let mut cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            cuts.dedup();
            let (mut start, mut end) = (cuts[a % cuts.len()], cuts[b % cuts.len()]);
            if start > end {
                std::mem::swap(&mut start, &mut end);
            }
            let clause_start = text[..start].rfind(is_clause_end).map_or(0, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8)
            });
            let clause_end = text[end..]
                .find(is_clause_end)
                .map_or(text.len(), |i| end + i);
            prop_assert_eq!(
                Delimiters::of(&text).clause_around(text.len(), start, end),
                (clause_start, clause_end)
            );
        }

        #[test]
        fn scanner_agrees_with_the_automaton(
            patterns in prop::collection::vec("[法治政府a+1,。]{1,4}", 1..12),
            text in "[法治政府a+1,。 \r\n𠀀\u{2EBF0}ã]{0,40}",
        ) {
            same_as_automaton(&patterns, &text);
        }
    }
}

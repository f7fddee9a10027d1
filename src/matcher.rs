//! Matching terms on word boundaries, and negation.
//!
//! Every term of a rule set (concept terms, heading and lead cues, negation cues) goes into one
//! Aho-Corasick automaton, so the text is scanned once whatever the number of terms. A match counts
//! only where it starts and ends on word boundaries of the segmented text: 调解 is not found in
//! 协调解决 (协调|解决), but 法治政府 is found across 法治|政府. Where the segmenter had to choose
//! between two overlapping words, a place inside a word that splits it into two whole words counts
//! as a boundary too, so 行政审批 is found in 行政|审批服务 and 法律顾问 in 法律顾问制度.
//!
//! A negation cue (未, 尚未, 没有 …) governs the terms after it in the same clause; a trailing cue
//! (尚未, 未 …) governs the terms before it. Clauses end at 。，；：！？ and line ends.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::segment::{Boundaries, Segmenter};

/// What a pattern means to the rule set. One pattern can have several roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A term of concept `concept` of area `area` (indices into the rule set).
    Concept { area: usize, concept: usize },
    /// A heading cue of area `area`.
    HeadingCue { area: usize },
    /// A lead cue of area `area`.
    LeadCue { area: usize },
    /// A negation cue that stands before the term it negates (未开展普法).
    NegationBefore,
    /// A negation cue that stands after the term it negates (法律顾问尚未聘请).
    NegationAfter,
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

/// A pattern found on word boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub pattern: u32,
    pub start: usize,
    pub end: usize,
}

/// The compiled patterns.
#[derive(Debug)]
pub(crate) struct Matcher {
    automaton: AhoCorasick,
    patterns: Vec<String>,
    roles: Vec<Vec<Role>>,
}

/// Clause delimiters after folding.
pub(crate) fn is_clause_end(c: char) -> bool {
    matches!(c, '。' | ',' | ';' | ':' | '!' | '?' | '\n' | '；' | '，')
}

impl Matcher {
    /// Builds the automaton from `(pattern, role)` pairs.
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
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .or_else(|_| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&patterns)
            })
            .expect("rule-set patterns are bounded in number and length");
        Matcher {
            automaton,
            patterns,
            roles,
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

    /// Whether `at` is a word boundary of `text`: a word starts there, or `at` splits the word around
    /// it into pieces that are themselves whole words of two characters or more. So 行政审批 is found
    /// in 行政|审批服务 (审批|服务) and 法律顾问 in 法律顾问制度 (法律顾问|制度), while 调解 is not found in
    /// 协调|解决 (协 and 调 are not words of their own) nor 法治 in 宪法|治理.
    fn is_boundary(
        &self,
        text: &str,
        bounds: &Boundaries,
        segmenter: &Segmenter,
        at: usize,
    ) -> bool {
        if bounds.contains(at) {
            return true;
        }
        let (start, end) = bounds.word_around(at);
        clean_piece(segmenter, &text[start..at]) && clean_piece(segmenter, &text[at..end])
    }

    /// Every occurrence of a pattern in `text`, on word boundaries or not: `(pattern, start, end)`.
    pub fn raw_matches<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = (u32, usize, usize)> + 't {
        self.automaton
            .find_overlapping_iter(text)
            .map(|m| (m.pattern().as_u32(), m.start(), m.end()))
    }

    /// Whether `start..end` starts and ends on word boundaries of `text`.
    pub fn on_boundaries(
        &self,
        text: &str,
        bounds: &Boundaries,
        segmenter: &Segmenter,
        start: usize,
        end: usize,
    ) -> bool {
        self.is_boundary(text, bounds, segmenter, start)
            && self.is_boundary(text, bounds, segmenter, end)
    }

    /// Every pattern found in `text` on word boundaries, in order of start.
    pub fn find(&self, text: &str, bounds: &Boundaries, segmenter: &Segmenter) -> Vec<Hit> {
        let mut hits: Vec<Hit> = self
            .automaton
            .find_overlapping_iter(text)
            .filter(|m| {
                self.is_boundary(text, bounds, segmenter, m.start())
                    && self.is_boundary(text, bounds, segmenter, m.end())
            })
            .map(|m| Hit {
                pattern: m.pattern().as_u32(),
                start: m.start(),
                end: m.end(),
            })
            .collect();
        hits.sort_by_key(|h| (h.start, h.end, h.pattern));
        hits
    }
}

/// Where the clauses of a text start (after 。，；：！？ and line ends), in order; the first is 0.
pub(crate) fn clause_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(
            text.char_indices()
                .filter(|&(_, c)| is_clause_end(c))
                .map(|(i, c)| i + c.len_utf8()),
        )
        .collect()
}

/// The negation cues found in a text and its clauses, for looking up in logarithmic time which cue
/// governs a term.
pub(crate) struct Negations<'h> {
    clauses: Vec<usize>,
    text_len: usize,
    /// Cues that negate what follows them, in order of position.
    before: Vec<&'h Hit>,
    /// Cues that negate what precedes them, in order of position.
    after: Vec<&'h Hit>,
}

impl<'h> Negations<'h> {
    /// Indexes the negation cues among `hits` (sorted by start) in `text`.
    pub fn new(matcher: &Matcher, text: &str, hits: &'h [Hit]) -> Negations<'h> {
        let with = |role: Role| {
            hits.iter()
                .filter(|h| matcher.roles(h.pattern).contains(&role))
                .collect::<Vec<_>>()
        };
        Negations {
            clauses: clause_starts(text),
            text_len: text.len(),
            before: with(Role::NegationBefore),
            after: with(Role::NegationAfter),
        }
    }

    /// The cue that governs the term at `start..end`, if any: a forward cue earlier in the same clause
    /// (the nearest), or a trailing cue later in it.
    pub fn governing(&self, start: usize, end: usize) -> Option<&'h Hit> {
        let i = self.clauses.partition_point(|&c| c <= start);
        let clause_start = self.clauses[i.saturating_sub(1)];
        // The clause ends where the next one starts, less its delimiter.
        let clause_end = self.clauses[i..]
            .iter()
            .find(|&&c| c > end)
            .map_or(self.text_len, |&c| c - 1);
        let before = self.before.partition_point(|h| h.end <= start);
        let forward = self.before[..before]
            .iter()
            .rev()
            .find(|h| h.start >= clause_start);
        let after = self.after.partition_point(|h| h.start < end);
        let trailing = self.after[after..].first().filter(|h| h.start < clause_end);
        match (forward, trailing) {
            (Some(f), Some(t)) => Some(if f.start <= t.start { f } else { t }),
            (f, t) => f.or(t).copied(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(patterns: &[&str], segmenter: &Segmenter, text: &str) -> Vec<String> {
        let m = Matcher::new(
            patterns
                .iter()
                .map(|p| (p.to_string(), Role::NegationBefore))
                .collect(),
        );
        let bounds = segmenter.boundaries(text);
        m.find(text, &bounds, segmenter)
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
        let bounds = s.boundaries(text);
        let hits = m.find(text, &bounds, &s);
        let first = text.find("普法").unwrap();
        let second = text.rfind("普法").unwrap();
        let negations = Negations::new(&m, text, &hits);
        assert!(negations.governing(first, first + 6).is_some());
        assert!(negations.governing(second, second + 6).is_none());
    }
}

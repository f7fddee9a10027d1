//! Matching terms on word boundaries, and negation.
//!
//! Every term of a rule set (concept terms, heading and lead cues, negation cues) goes into one
//! Aho-Corasick automaton, so the text is scanned once whatever the number of terms. A match counts
//! only where it starts and ends on word boundaries of the segmented text: 调解 is not found in
//! 协调解决 (协调|解决), but 法治政府 is found across 法治|政府. Inside a word that is itself a longer
//! rule term, the places where a shorter rule term cleanly fits are boundaries too, so 法律顾问 is
//! found in 法律顾问制度 while 调解 is still not found in 协调解决.
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
    /// For patterns that contain other patterns cleanly: the byte offsets inside them that are word
    /// boundaries.
    inner: HashMap<String, Vec<usize>>,
}

/// Clause delimiters after folding.
pub(crate) fn is_clause_end(c: char) -> bool {
    matches!(c, '。' | ',' | ';' | ':' | '!' | '?' | '\n' | '；' | '，')
}

impl Matcher {
    /// Builds the automaton from `(pattern, role)` pairs. The segmenter decides the inner boundaries of
    /// long patterns.
    pub fn new(entries: Vec<(String, Role)>, segmenter: &Segmenter) -> Matcher {
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
            .or_else(|_| AhoCorasick::builder().match_kind(MatchKind::Standard).build(&patterns))
            .expect("rule-set patterns are bounded in number and length");
        let mut matcher = Matcher { automaton, patterns, roles, inner: HashMap::new() };
        matcher.inner = matcher.inner_boundaries(segmenter);
        matcher
    }

    /// The pattern's text.
    pub fn pattern(&self, id: u32) -> &str {
        &self.patterns[id as usize]
    }

    /// The pattern's roles.
    pub fn roles(&self, id: u32) -> &[Role] {
        &self.roles[id as usize]
    }

    /// For each pattern, the places where another pattern sits inside it with whole words around it
    /// (法律顾问|制度: 制度 is a word; 协|调解|决: 协 and 决 are single characters, not words).
    fn inner_boundaries(&self, segmenter: &Segmenter) -> HashMap<String, Vec<usize>> {
        let mut inner: HashMap<String, Vec<usize>> = HashMap::new();
        for outer in &self.patterns {
            for m in self.automaton.find_overlapping_iter(outer.as_str()) {
                let (a, b) = (m.start(), m.end());
                if a == 0 && b == outer.len() {
                    continue;
                }
                let clean = |piece: &str| {
                    piece.is_empty() || segmenter.words(piece).iter().all(|w| w.chars().count() >= 2)
                };
                if clean(&outer[..a]) && clean(&outer[b..]) {
                    let cuts = inner.entry(outer.clone()).or_default();
                    for p in [a, b] {
                        if p != 0 && p != outer.len() && !cuts.contains(&p) {
                            cuts.push(p);
                        }
                    }
                }
            }
        }
        inner
    }

    /// Whether `at` is a word boundary of `text`: a word starts there, or it is a clean place inside a
    /// word that is a longer pattern.
    fn is_boundary(&self, text: &str, bounds: &Boundaries, at: usize) -> bool {
        if bounds.contains(at) {
            return true;
        }
        let (start, end) = bounds.word_around(at);
        self.inner
            .get(&text[start..end])
            .is_some_and(|cuts| cuts.contains(&(at - start)))
    }

    /// Every pattern found in `text` on word boundaries, in order of start.
    pub fn find(&self, text: &str, bounds: &Boundaries) -> Vec<Hit> {
        let mut hits: Vec<Hit> = self
            .automaton
            .find_overlapping_iter(text)
            .filter(|m| self.is_boundary(text, bounds, m.start()) && self.is_boundary(text, bounds, m.end()))
            .map(|m| Hit { pattern: m.pattern().as_u32(), start: m.start(), end: m.end() })
            .collect();
        hits.sort_by_key(|h| (h.start, h.end, h.pattern));
        hits
    }
}

/// The negation cue that governs the term at `start..end`, if any: a forward cue earlier in the same
/// clause, or a trailing cue later in it. `hits` are sorted by start.
pub(crate) fn negation<'h>(matcher: &Matcher, text: &str, hits: &'h [Hit], start: usize, end: usize) -> Option<&'h Hit> {
    let clause_start = text[..start].rfind(is_clause_end).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    let clause_end = text[end..].find(is_clause_end).map_or(text.len(), |i| end + i);
    let first = hits.partition_point(|h| h.start < clause_start);
    hits[first..]
        .iter()
        .take_while(|h| h.start < clause_end)
        .find(|h| {
            let roles = matcher.roles(h.pattern);
            (h.end <= start && roles.contains(&Role::NegationBefore))
                || (h.start >= end && roles.contains(&Role::NegationAfter))
        })
}

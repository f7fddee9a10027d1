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

/// The negation cue that governs the term at `start..end`, if any: a forward cue earlier in the same
/// clause, or a trailing cue later in it. `hits` are sorted by start.
pub(crate) fn negation<'h>(
    matcher: &Matcher,
    text: &str,
    hits: &'h [Hit],
    start: usize,
    end: usize,
) -> Option<&'h Hit> {
    let clause_start = text[..start].rfind(is_clause_end).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let clause_end = text[end..]
        .find(is_clause_end)
        .map_or(text.len(), |i| end + i);
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
        assert!(negation(&m, text, &hits, first, first + 6).is_some());
        assert!(negation(&m, text, &hits, second, second + 6).is_none());
    }
}

//! The checker: a rule set compiled once, then used for any number of reports.

use crate::decode::decode;
use crate::document::{ChromeMatcher, Document};
use crate::error::{Error, Result};
use crate::evidence::gather;
use crate::findings::{self, At};
use crate::matcher::{Hits, Matcher, Role};
use crate::metadata;
use crate::normalize::Normalized;
use crate::report::{Finding, OutlineHeading, Report, RuleSetInfo};
use crate::rules::RuleSet;
use crate::score::{Locate, verdicts};
use crate::segment::Segmenter;

/// The largest input [`Checker::check_bytes`] accepts by default: 50 MiB.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 50 * 1024 * 1024;

/// A rule set compiled for checking: the segmenter's dictionary with the rule set's words, and one
/// automaton for all of its terms.
///
/// Building a `Checker` loads the dictionary, which takes a moment; build it once and reuse it. It is
/// `Send + Sync`, so one checker can serve many threads.
///
/// # Example
///
/// ```
/// use fazhi_check::{Checker, RuleSet, Status};
///
/// let checker = Checker::new(RuleSet::builtin());
/// let report = checker.check_str("某镇2023年法治政府建设工作报告\n一、加强组织领导\n镇党委书记履行法治建设第一责任人职责，成立法治政府建设领导小组，召开专题会议研究部署法治政府建设工作。");
/// assert_eq!(report.area("leadership").unwrap().status, Status::Present);
/// assert_eq!(report.area("disputes").unwrap().status, Status::Missing);
/// assert!(!report.passed);
/// ```
#[derive(Debug)]
pub struct Checker {
    rules: RuleSet,
    chrome: ChromeMatcher,
    segmenter: Segmenter,
    matcher: Matcher,
    max_input_bytes: usize,
}

/// Builds a [`Checker`] with options.
///
/// ```
/// use fazhi_check::{Checker, RuleSet};
///
/// let checker = Checker::builder().max_input_bytes(1024).build(RuleSet::builtin());
/// assert!(checker.check_bytes(&vec![b'a'; 2048]).is_err());
/// ```
#[derive(Debug, Clone)]
pub struct CheckerBuilder {
    max_input_bytes: usize,
}

impl Default for CheckerBuilder {
    fn default() -> Self {
        CheckerBuilder {
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
        }
    }
}

impl CheckerBuilder {
    /// The largest input, in bytes, that [`Checker::check_bytes`] accepts; larger inputs give
    /// [`Error::TooLarge`] without being read further.
    pub fn max_input_bytes(&mut self, limit: usize) -> &mut CheckerBuilder {
        self.max_input_bytes = limit;
        self
    }

    /// Compiles `rules`.
    pub fn build(&self, rules: RuleSet) -> Checker {
        let mut entries: Vec<(String, Role)> = Vec::new();
        for (a, area) in rules.areas.iter().enumerate() {
            for (c, concept) in area.concepts.iter().enumerate() {
                for term in &concept.terms {
                    entries.push((
                        term.clone(),
                        Role::Concept {
                            area: a,
                            concept: c,
                        },
                    ));
                }
            }
            for cue in &area.heading_cues {
                entries.push((cue.clone(), Role::HeadingCue { area: a }));
            }
            for cue in &area.lead_cues {
                entries.push((cue.clone(), Role::LeadCue { area: a }));
            }
        }
        // Every term and cue joins the dictionary; negation cues do not (未 must stay inside 未成年人).
        let words: Vec<&str> = rules
            .dictionary_words
            .iter()
            .map(String::as_str)
            .chain(entries.iter().map(|(t, _)| t.as_str()))
            .collect();
        let segmenter = Segmenter::new(words);
        for cue in &rules.negation_before {
            entries.push((cue.clone(), Role::NegationBefore));
        }
        for cue in &rules.negation_after {
            entries.push((cue.clone(), Role::NegationAfter));
        }
        let matcher = Matcher::new(entries);
        Checker {
            chrome: ChromeMatcher::new(&rules.chrome),
            rules,
            segmenter,
            matcher,
            max_input_bytes: self.max_input_bytes,
        }
    }
}

struct Positions<'a> {
    doc: &'a Document,
    normalized: &'a Normalized,
    original: &'a str,
    line_starts: Vec<usize>,
    /// Where the searches in the maps ended last time (pieces, anchors, lines), and per line the
    /// last position located on it: its byte offset and its column less one. Evidence comes in
    /// order within an area, so most searches end close after the last, and most columns are
    /// counted on from the last one.
    cursors: std::cell::Cell<(usize, usize, usize)>,
    last: std::cell::RefCell<Vec<(usize, usize)>>,
}

impl<'a> Positions<'a> {
    fn new(doc: &'a Document, normalized: &'a Normalized, original: &'a str) -> Positions<'a> {
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(original.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let last = line_starts.iter().map(|&s| (s, 0)).collect();
        Positions {
            doc,
            normalized,
            original,
            line_starts,
            cursors: std::cell::Cell::new((0, 0, 0)),
            last: std::cell::RefCell::new(last),
        }
    }
}

impl Locate for Positions<'_> {
    fn locate(&self, content_offset: usize) -> (usize, usize) {
        let (mut pieces, anchors, lines) = self.cursors.get();
        let folded = self.doc.to_folded_from(content_offset, &mut pieces);
        self.cursors.set((pieces, anchors, lines));
        self.locate_folded(folded)
    }

    fn locate_folded(&self, folded_offset: usize) -> (usize, usize) {
        let (pieces, mut anchors, line) = self.cursors.get();
        let mut at = self
            .normalized
            .to_original_from(folded_offset, &mut anchors)
            .min(self.original.len());
        while !self.original.is_char_boundary(at) {
            at -= 1;
        }
        let line = crate::normalize::partition_from(&self.line_starts, line, |&s| s <= at);
        self.cursors.set((pieces, anchors, line));
        let mut last = self.last.borrow_mut();
        let (from, before) = match last[line - 1] {
            (byte, chars) if byte <= at => (byte, chars),
            _ => (self.line_starts[line - 1], 0),
        };
        let chars = before + self.original[from..at].chars().count();
        last[line - 1] = (at, chars);
        (line, chars + 1)
    }
}

impl Checker {
    /// Compiles `rules` with default options.
    pub fn new(rules: RuleSet) -> Checker {
        CheckerBuilder::default().build(rules)
    }

    /// A builder for options such as the input size limit.
    pub fn builder() -> CheckerBuilder {
        CheckerBuilder::default()
    }

    /// The rule set this checker was compiled from.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The words of `text` as the checker segments it: after folding, with the rule set's words in the
    /// dictionary. Useful to see why a term did or did not match.
    pub fn words(&self, text: &str) -> Vec<String> {
        let folded = Normalized::new(text);
        self.segmenter
            .words(folded.as_str())
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// Checks a report given as text.
    pub fn check_str(&self, text: &str) -> Report {
        let normalized = Normalized::new(text);
        let doc = Document::parse_with(normalized.as_str(), &self.chrome);
        let mut hits = Hits::new(&self.matcher, &self.segmenter, &doc.content);
        let gathered = gather(&self.rules, &self.matcher, &doc, &mut hits);
        let positions = Positions::new(&doc, &normalized, text);
        let (areas, score, passed) =
            verdicts(&self.rules, &self.matcher, &doc, &gathered, &positions);
        let found = metadata::extract(normalized.as_str(), &doc);
        let mut findings: Vec<Finding> =
            findings::check(&self.rules.findings, &doc, &gathered.parts, &found)
                .into_iter()
                .map(|raw| {
                    let position = raw.at.map(|at| match at {
                        At::Content(offset) => positions.locate(offset),
                        At::Folded(offset) => positions.locate_folded(offset),
                    });
                    Finding {
                        id: raw.id.to_string(),
                        severity: raw.severity,
                        message: raw.message,
                        line: position.map(|p| p.0),
                        column: position.map(|p| p.1),
                    }
                })
                .collect();
        findings.sort_by_key(|f| (f.line.unwrap_or(usize::MAX), f.column));
        let outline = doc
            .headings
            .iter()
            .map(|h| {
                let (line, column) = positions.locate_folded(h.range.start);
                OutlineHeading {
                    level: h.level,
                    numbering: h.numbering,
                    number: h.number.clone(),
                    text: h.text.clone(),
                    line,
                    column,
                }
            })
            .collect();
        Report {
            score,
            passed,
            pass_threshold: self.rules.pass_threshold,
            rule_set: RuleSetInfo {
                name: self.rules.name.clone(),
                version: self.rules.version.clone(),
            },
            encoding: None,
            metadata: found.metadata,
            areas,
            findings,
            outline,
        }
    }

    /// Checks a report given as bytes: UTF-8 with or without a byte-order mark, UTF-16 with one, or
    /// GB18030/GBK, detected.
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] above the size limit; [`Error::NotText`] when the bytes are not text in a
    /// supported encoding.
    pub fn check_bytes(&self, bytes: &[u8]) -> Result<Report> {
        if bytes.len() > self.max_input_bytes {
            return Err(Error::TooLarge {
                size: bytes.len(),
                limit: self.max_input_bytes,
            });
        }
        let decoded = decode(bytes)?;
        let mut report = self.check_str(&decoded.text);
        report.encoding = Some(decoded.encoding.to_string());
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checker_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Checker>();
    }
}

//! The checker: a rule set compiled once, then used for any number of reports.

pub mod explain;

use crate::document::metadata;
use crate::document::positions::Positions;
use crate::document::{ChromeMatcher, Document, ParagraphKind};
use crate::error::{Error, Result};
use crate::judging::evidence::{Gathered, gather, opening_end};
use crate::judging::fingerprint::{Fingerprint, Phrases, Sketch};
use crate::judging::{figures, findings, verdicts};
use crate::matching::matcher::{Hits, Matcher, Role};
use crate::matching::segment::Segmenter;
use crate::read::decode::decode;
use crate::read::extract::{InputFormat, extract};
use crate::read::normalize::Normalized;
use crate::report::{OutlineHeading, Report, RuleSetInfo, TermMatch, Verdict};
use crate::rules::RuleSet;

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
/// let report = checker.check_str("某镇2023年法治政府建设工作报告\n一、加强组织领导\n镇党委书记履行法治建设第一责任人职责，成立法治政府建设领导小组，全年召开专题会议3次研究部署法治政府建设工作。");
/// assert_eq!(report.area("leadership").unwrap().status, Status::Present);
/// assert_eq!(report.area("disputes").unwrap().status, Status::Missing);
/// assert!(!report.passed);
/// ```
#[derive(Debug)]
pub struct Checker {
    rules: RuleSet,
    chrome: ChromeMatcher,
    /// The rule set's boilerplate phrases, left out of fingerprints.
    boilerplate: Phrases,
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
    pass_threshold: Option<f64>,
}

impl Default for CheckerBuilder {
    fn default() -> Self {
        CheckerBuilder {
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            pass_threshold: None,
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

    /// Overrides the rule set's pass mark (`pass_threshold`): a report's score under it asks for
    /// changes (see [`Report::decide`](crate::Report::decide)). Reports show the mark applied in
    /// [`Report::pass_threshold`], and [`Checker::rules`] returns the rule set with this mark.
    ///
    /// ```
    /// use fazhi_check::{Checker, RuleSet, Severity, Verdict};
    ///
    /// let strict = Checker::new(RuleSet::builtin());
    /// let lenient = Checker::builder().pass_threshold(0.0).build(RuleSet::builtin());
    /// // Leadership, problems and plans are required: a report that has them passes at mark 0.
    /// let text = "某镇2023年法治政府建设工作报告\n一、加强组织领导\n成立法治政府建设领导小组，镇党委书记履行第一责任人职责，全年召开专题会议3次研究部署。\n二、存在问题\n普法形式比较单一，执法人员业务能力不强。\n三、下一步工作打算\n一是继续加强组织领导；二是深化普法宣传。";
    /// assert!(!strict.check_str(text).passed);
    /// let report = lenient.check_str(text);
    /// // The score no longer holds it back; only findings (this text is short for a report) can.
    /// assert!(report.findings.iter().all(|f| f.severity != Severity::Error));
    /// assert_ne!(report.verdict, Verdict::Return);
    /// assert_eq!(report.pass_threshold, 0.0);
    /// ```
    ///
    /// # Panics
    ///
    /// When `score` is not finite (NaN or infinite): such a mark could not be reported.
    pub fn pass_threshold(&mut self, score: f64) -> &mut CheckerBuilder {
        assert!(
            score.is_finite(),
            "pass threshold must be finite, got {score}"
        );
        self.pass_threshold = Some(score);
        self
    }

    /// Compiles `rules`.
    pub fn build(&self, mut rules: RuleSet) -> Checker {
        if let Some(score) = self.pass_threshold {
            rules.pass_threshold = score;
        }
        let mut entries: Vec<(String, Role)> = Vec::new();
        for (a, area) in rules.areas.iter().enumerate() {
            for (c, concept) in area.concepts.iter().enumerate() {
                for (support, list) in [(false, &concept.terms), (true, &concept.support)] {
                    for term in list {
                        entries.push((
                            term.clone(),
                            Role::Concept {
                                area: a,
                                concept: c,
                                support,
                            },
                        ));
                    }
                }
            }
            for cue in &area.heading_cues {
                entries.push((cue.clone(), Role::HeadingCue { area: a }));
            }
            for cue in &area.lead_cues {
                entries.push((cue.clone(), Role::LeadCue { area: a }));
            }
        }
        for phrase in &rules.verdict.neutral {
            entries.push((phrase.clone(), Role::Neutral));
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
        // The findings' terms are looked for in the same scan; nor do they join the dictionary.
        for (k, term) in rules.findings.not_a_report_terms.iter().enumerate() {
            entries.push((term.clone(), Role::NotAReport { term: k }));
        }
        for term in &rules.findings.first_responsibility_terms {
            entries.push((term.clone(), Role::FirstResponsibility));
        }
        let matcher = Matcher::new(entries);
        Checker {
            chrome: ChromeMatcher::new(&rules.chrome),
            boilerplate: Phrases::new(&rules.boilerplate),
            rules,
            segmenter,
            matcher,
            max_input_bytes: self.max_input_bytes,
        }
    }
}

/// One report taken through the pipeline up to its evidence.
pub(crate) struct Analysis<'a> {
    pub normalized: &'a Normalized,
    pub doc: &'a Document,
    pub gathered: &'a Gathered,
    pub positions: &'a Positions<'a>,
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

    /// The rule set this checker was compiled from (with the pass mark given to
    /// [`CheckerBuilder::pass_threshold`], if any).
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// The largest input, in bytes, that [`Checker::check_bytes`] accepts. A tool that reads files can
    /// compare a file's size with it before reading the file.
    pub fn max_input_bytes(&self) -> usize {
        self.max_input_bytes
    }

    /// The words of `text` as the checker segments them: after folding, with page chrome left out and
    /// hard-wrapped lines joined, and with the rule set's words in the dictionary. Useful to see why a
    /// term did or did not match.
    pub fn words(&self, text: &str) -> Vec<String> {
        let folded = Normalized::new(text);
        let doc = Document::parse_with(folded.as_str(), &self.chrome);
        self.segmenter
            .words(&doc.content)
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// Every rule term in `text` taken as one sentence, without regard to the report's structure:
    /// which concept of which area it shows, and whether a negation cue governs it. This is how the
    /// examples in a rule set are checked.
    pub fn term_matches(&self, text: &str) -> Vec<TermMatch> {
        let folded = Normalized::new(text);
        let content = folded.as_str();
        let mut hits = Hits::new(&self.matcher, &self.segmenter, content);
        let mut out = Vec::new();
        for i in 0..hits.all.len() {
            let hit = hits.all[i];
            for role in self.matcher.roles(hit.pattern) {
                if let Role::Concept { area, concept, .. } = *role {
                    if !hits.on_boundaries(i) {
                        break;
                    }
                    let area = &self.rules.areas[area];
                    out.push(TermMatch {
                        area: area.id.clone(),
                        concept: area.concepts[concept].id.clone(),
                        term: self.matcher.pattern(hit.pattern).to_string(),
                        negated_by: hits
                            .negation(hit.start, hit.end)
                            .map(|p| self.matcher.pattern(p).to_string()),
                    });
                }
            }
        }
        out
    }

    /// Checks a report given as text.
    pub fn check_str(&self, text: &str) -> Report {
        self.analyze(text, |a| self.report(a))
    }

    /// Runs the pipeline up to the evidence and hands the results to `f`.
    pub(crate) fn analyze<R>(&self, text: &str, f: impl FnOnce(&Analysis<'_>) -> R) -> R {
        let normalized = Normalized::new(text);
        let doc = Document::parse_with(normalized.as_str(), &self.chrome);
        let mut hits = Hits::new(&self.matcher, &self.segmenter, &doc.content);
        let gathered = gather(&self.rules, &self.matcher, &doc, &mut hits);
        let positions = Positions::new(&doc, &normalized, text);
        f(&Analysis {
            normalized: &normalized,
            doc: &doc,
            gathered: &gathered,
            positions: &positions,
        })
    }

    pub(crate) fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    pub(crate) fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    fn report(&self, a: &Analysis<'_>) -> Report {
        let (doc, positions) = (a.doc, a.positions);
        let (areas, score) =
            verdicts::verdicts(&self.rules, &self.matcher, doc, a.gathered, positions);
        let mut found = metadata::Found {
            metadata: doc.metadata.clone(),
            published_at: doc.published_at,
        };
        found.metadata.published_line = found.published_at.map(|at| positions.locate_folded(at).0);
        let fingerprint = self.fingerprint(
            doc,
            found.metadata.organization.as_deref(),
            Some(|offset| positions.locate(offset)),
        );
        let findings = findings::check(&self.rules.findings, doc, a.gathered, &found, positions);
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
        let mut report = Report {
            score,
            verdict: Verdict::Pass,
            passed: true,
            pass_threshold: self.rules.pass_threshold,
            rule_set: RuleSetInfo {
                name: self.rules.name.clone(),
                version: self.rules.version.clone(),
                chosen: None,
            },
            encoding: None,
            format: None,
            metadata: found.metadata,
            areas,
            findings,
            outline,
            figures: figures::extract(&self.rules, doc, a.gathered, positions),
            fingerprint,
            chrome_lines: doc
                .parts
                .iter()
                .filter(|(_, kind)| *kind == crate::document::LineKind::Chrome)
                .map(|(range, _)| positions.locate_folded(range.start).0)
                .collect(),
        };
        report.decide(&self.rules.decision);
        report
    }

    /// The fingerprint of the document's running text for copied text: its body paragraphs after the
    /// opening, sentences with the rule set's boilerplate phrases left out, the `organization`'s
    /// names folded.
    fn fingerprint(
        &self,
        doc: &Document,
        organization: Option<&str>,
        locate: Option<impl FnMut(usize) -> (usize, usize)>,
    ) -> Fingerprint {
        let opening = opening_end(doc);
        Fingerprint::build(
            doc.paragraphs
                .iter()
                .enumerate()
                .filter(|&(i, p)| {
                    p.kind == ParagraphKind::Body
                        && !(p.section.is_none() && opening.is_some_and(|end| i <= end))
                })
                .map(|(_, p)| (p.range.start, &doc.content[p.range.clone()])),
            &self.boilerplate,
            organization,
            locate,
        )
    }

    /// What finding copied text needs of a report given as a file's bytes (its fingerprint and
    /// metadata), read as [`check_file_bytes`](Checker::check_file_bytes) reads it but without
    /// matching the rule set's terms: the cheap first pass of a batch. See
    /// [`similarity`](crate::similarity).
    ///
    /// # Errors
    ///
    /// As [`check_file_bytes`](Checker::check_file_bytes).
    pub fn sketch_file_bytes(&self, bytes: &[u8], file_name: Option<&str>) -> Result<Sketch> {
        if bytes.len() > self.max_input_bytes {
            return Err(Error::TooLarge {
                size: bytes.len(),
                limit: self.max_input_bytes,
            });
        }
        let extracted = extract(bytes, file_name)?;
        let normalized = Normalized::new(&extracted.text);
        let doc = Document::parse_with(normalized.as_str(), &self.chrome);
        // Lines, so that a copied-text finding can say where the passages stand.
        let positions = Positions::new(&doc, &normalized, &extracted.text);
        Ok(Sketch {
            fingerprint: self.fingerprint(
                &doc,
                doc.metadata.organization.as_deref(),
                Some(|offset| positions.locate(offset)),
            ),
            metadata: doc.metadata.clone(),
        })
    }

    /// Checks a report given as bytes: UTF-8 with or without a byte-order mark, UTF-16 with one, or
    /// GB18030/GBK, detected.
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] above the size limit; [`Error::NotText`] when the bytes are not text in a
    /// supported encoding, or hold more lines than a report
    /// ([`MAX_LINES`](crate::read::extract::MAX_LINES)).
    pub fn check_bytes(&self, bytes: &[u8]) -> Result<Report> {
        if bytes.len() > self.max_input_bytes {
            return Err(Error::TooLarge {
                size: bytes.len(),
                limit: self.max_input_bytes,
            });
        }
        let decoded = decode(bytes)?;
        crate::read::extract::within_lines(&decoded.text)?;
        let mut report = self.check_str(&decoded.text);
        report.encoding = Some(decoded.encoding.to_string());
        report.format = Some(InputFormat::Text);
        Ok(report)
    }

    /// Checks a report given as a file's bytes, in whatever form it came: plain text or Markdown (in
    /// any encoding [`check_bytes`](Checker::check_bytes) reads), a web page saved as HTML or .mht,
    /// Word .docx or .doc, WPS .wps, OpenDocument .odt, RTF, PDF with a text layer, or OFD. `file_name`, when given, is only a hint: the form is detected from the content
    /// first (see [`extract`](crate::extract())).
    ///
    /// The report's [`format`](Report::format) says which form was read and its
    /// [`encoding`](Report::encoding) which encoding (none for .docx). For every form but text and
    /// Markdown, the lines and columns of the evidence refer to the extracted text, one paragraph a
    /// line; for PDF, OFD and a .docx that records its page breaks each piece of evidence also has
    /// the [`page`](crate::Evidence::page) it is on.
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] above the size limit; [`Error::NotText`] for a file that cannot be read
    /// (empty, a scanned PDF, an image, an archive, an encrypted or damaged file…), with a reason in
    /// Chinese that says what to do.
    ///
    /// # Example
    ///
    /// ```
    /// use fazhi_check::{Checker, InputFormat, RuleSet, Status};
    ///
    /// let checker = Checker::new(RuleSet::builtin());
    /// let page = "<!DOCTYPE html><html><head><title>某镇</title></head><body>\
    ///     <nav><a>首页</a> <a>政务服务</a> <a>行政审批</a></nav>\
    ///     <h1>某镇2023年法治政府建设工作报告</h1>\
    ///     <p>一、加强组织领导</p>\
    ///     <p>镇党委书记履行法治建设第一责任人职责，成立法治政府建设领导小组，全年召开专题会议3次研究部署法治政府建设工作。</p>\
    ///     </body></html>";
    /// let report = checker.check_file_bytes(page.as_bytes(), Some("report.html"))?;
    /// assert_eq!(report.format, Some(InputFormat::Html));
    /// assert_eq!(report.encoding.as_deref(), Some("UTF-8"));
    /// assert_eq!(report.metadata.title.as_deref(), Some("某镇2023年法治政府建设工作报告"));
    /// assert_eq!(report.area("leadership").unwrap().status, Status::Present);
    /// // The menu is not the report: 行政审批 there is no evidence of approval work.
    /// assert_eq!(report.area("approval").unwrap().status, Status::Missing);
    ///
    /// // A damaged PDF is refused with a reason that says what to do.
    /// let err = checker.check_file_bytes(b"%PDF-1.7", Some("report.pdf")).unwrap_err();
    /// assert!(err.to_string().contains("PDF 文件已损坏"));
    /// # Ok::<(), fazhi_check::Error>(())
    /// ```
    pub fn check_file_bytes(&self, bytes: &[u8], file_name: Option<&str>) -> Result<Report> {
        if bytes.len() > self.max_input_bytes {
            return Err(Error::TooLarge {
                size: bytes.len(),
                limit: self.max_input_bytes,
            });
        }
        let extracted = extract(bytes, file_name)?;
        let mut report = self.check_str(&extracted.text);
        report.encoding = extracted.encoding.map(str::to_string);
        report.format = Some(extracted.format);
        if !extracted.page_starts.is_empty() {
            // Evidence positions are lines and columns (characters) of the extracted text.
            let text = &extracted.text;
            let line_starts: Vec<usize> = std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
                .collect();
            for evidence in report.areas.iter_mut().flat_map(|a| &mut a.evidence) {
                let Some(&start) = line_starts.get(evidence.line.saturating_sub(1)) else {
                    continue;
                };
                let within = text[start..]
                    .char_indices()
                    .nth(evidence.column.saturating_sub(1))
                    .map_or(0, |(i, _)| i);
                evidence.page = extracted.page_at(start + within);
            }
        }
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

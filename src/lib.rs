//! # fazhi-check
//!
//! Checks Chinese local governments' annual rule-of-law government reports (法治政府建设年度报告)
//! against a rule set written in TOML, and scores them.
//!
//! Every county, district, township and government department publishes such a report each year on
//! the previous year's work. A legal office that collects them must check that each covers what the
//! rules require: organisation and leadership, legal publicity, administrative approval, normative
//! documents, major decisions, enforcement, resolving disputes, the problems found and next year's
//! plans. This crate does that check and explains it: for each area, what was found, with line,
//! column and the sentence around it; what was looked for and not found; and a score.
//!
//! ```
//! use fazhi_check::{Checker, RuleSet, Status};
//!
//! // Compile the built-in rule set once; reuse the checker for every report, on any thread.
//! let checker = Checker::new(RuleSet::builtin());
//! let report = checker.check_str("……本年度未作出重大行政决策，尚未聘请法律顾问。");
//! let decisions = report.area("decisions").unwrap();
//! assert_eq!(decisions.status, Status::Missing);
//! assert!(decisions.evidence.iter().all(|e| e.negated));
//! ```
//!
//! The data flows one way, one module a step: a file's bytes are read by their form
//! ([`extract`](mod@extract): text, Markdown, a saved HTML page or a Word .docx) or decoded as text
//! ([`decode`](mod@decode)), folded ([`normalize`]), parsed into a [`Document`] (page chrome
//! stripped, title, headings, sections), segmented ([`segment`]), matched against the rule set's terms
//! ([`matcher`](crate::Checker)), gathered into evidence per area, scored, and returned as a
//! [`Report`]: plain data that serializes with serde.
//! [`render`] turns reports into the JSON Lines, text and CSV the example program prints, and a
//! batch's [`Summary`] into text; [`files`] says which files a tool should pick up from a folder.
//!
//! The library prints nothing and reads no files but a rule set named by path: it takes text or
//! bytes and returns data.

#![warn(missing_docs)]

mod checker;
pub mod decode;
pub mod document;
mod error;
mod evidence;
pub mod explain;
pub mod extract;
pub mod figures;
pub mod files;
mod findings;
pub mod html;
pub mod lint;
mod matcher;
pub mod metadata;
pub mod normalize;
pub mod render;
mod report;
pub mod rules;
mod score;
pub mod segment;
pub mod similarity;
pub mod stats;
pub mod summary;
mod swar;

pub use checker::{Checker, CheckerBuilder, DEFAULT_MAX_INPUT_BYTES};
pub use decode::{Decoded, decode};
pub use document::Document;
pub use error::{Error, Result, SourcePosition};
pub use explain::Explanation;
pub use extract::{Extracted, InputFormat, extract};
pub use figures::Figure;
pub use lint::{Lint, lint};
pub use metadata::Metadata;
pub use report::{
    AreaVerdict, Evidence, Finding, HeadingEvidence, LookedFor, OutlineHeading, Report,
    RuleSetInfo, Status, TermMatch,
};
pub use rules::{Area, Concept, RuleSet, Scope, Severity};
pub use stats::CorpusStats;
pub use summary::Summary;

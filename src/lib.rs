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
//! # The pipeline
//!
//! The data flows one way, one folder a step, and the [`Checker`] calls the steps in order:
//!
//! 1. [`read`]: a file's bytes to text, by its form ([`extract`](mod@read::extract): text,
//!    Markdown, a saved HTML page, a Word .docx) and encoding ([`decode`](mod@read::decode)), then
//!    folded ([`normalize`](read::normalize)) with a map back to the original.
//! 2. [`rules`]: the rule set, loaded from TOML and validated; every later step reads it.
//! 3. [`document`]: the folded text parsed into a [`Document`]: page chrome stripped, title,
//!    headings, sections, the running text, the [`Metadata`] a reader sees, and the map from any
//!    position back to a line and column of the original.
//! 4. [`matching`]: the running text segmented ([`segment`](matching::segment)) and the rule
//!    set's terms found on word boundaries, with negation.
//! 5. [`judging`]: the matches gathered into evidence per area, the area verdicts and the score,
//!    the formal findings, the figures and the fingerprint for copied text.
//! 6. [`Report`]: plain data that serializes with serde.
//! 7. [`Checker`] runs steps 1–6; [`Checker::explain_str`] also explains each verdict.
//! 8. After the checker: [`similarity`] compares reports of a batch for copied text, and
//!    [`authoring`] gives rule authors their tools ([`lint`], [`CorpusStats`]).
//! 9. [`render`]: reports as JSON Lines, text, CSV and HTML pages, and a batch's [`Summary`].
//! 10. `batch` (cargo feature `batch`, on by default): walking folders, reading files, checking
//!     them in parallel and writing every output in input order. `wasm` (cargo feature `wasm`),
//!     at the same step: the checker for the self-check web page.
//! 11. `cli` (cargo feature `cli`, on by default, needs `batch`): the command-line program, shared
//!     by the installed binary `fazhi-check` and the example `check`. Library users turn default
//!     features off and pay for neither.
//!
//! A module imports only from its own step and the steps before it (`text` and [`Error`] come
//! first); `tests/layout.rs` holds the code to that. See `ARCHITECTURE.md`.
//!
//! The checking core prints nothing and reads no files but a rule set named by path: it takes text
//! or bytes and returns data.

#![warn(missing_docs)]

mod error;
pub mod text;

pub mod authoring;
#[cfg(feature = "batch")]
pub mod batch;
mod checker;
#[cfg(feature = "cli")]
pub mod cli;
pub mod document;
pub mod judging;
pub mod matching;
pub mod read;
pub mod render;
mod report;
pub mod rules;
pub mod similarity;
#[cfg(feature = "wasm")]
pub mod wasm;

pub use authoring::lint::{Lint, lint};
pub use authoring::stats::CorpusStats;
pub use checker::explain::{self, Explanation};
pub use checker::{Checker, CheckerBuilder, DEFAULT_MAX_INPUT_BYTES};
pub use document::Document;
pub use document::metadata::Metadata;
pub use error::{Error, Result, SourcePosition};
pub use judging::figures::Figure;
pub use judging::findings::Finding;
pub use judging::verdicts::{AreaVerdict, Evidence, HeadingEvidence, LookedFor, Status};
pub use read::decode::{Decoded, decode};
pub use read::extract::{Extracted, InputFormat, extract};
pub use render::summary::Summary;
pub use report::{OutlineHeading, Report, RuleSetInfo, TermMatch, Verdict};
pub use rules::{Area, Concept, RuleSet, Scope, Severity};
pub use text::lang::Lang;

//! Step 5, judging: a document and its matches in, the report's verdicts out.
//!
//! The evidence step sorts every match by the part of the report it stands in (the opening, the
//! account of the work, the problems, the plans) and drops what is negated or out of scope;
//! [`verdicts`] weighs each area's evidence into a status and a score; [`findings`] runs the
//! regulation's formal checks (lateness, stale years, title, length, not a report);
//! [`figures`] collects the numbers with their units; [`fingerprint`] hashes the running text for
//! finding copied text across reports. Every place they report is resolved by the document's
//! positions, handed down by the checker.

pub(crate) mod evidence;
pub mod figures;
pub mod findings;
pub mod fingerprint;
pub mod verdicts;

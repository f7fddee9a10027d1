//! For rule authors, after the checker: [`lint`] checks a rule set against its own examples and
//! warns about its terms and thresholds; [`stats`] counts, over a corpus of reports, which terms
//! count, which never do and which stand everywhere.

pub mod lint;
pub mod stats;

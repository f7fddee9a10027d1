//! The crate's one error type.

use std::fmt;
use std::path::PathBuf;

/// Where in a rule-set file a problem was found.
///
/// Lines and columns are 1-based; the column counts characters, not bytes, so it matches what an
/// editor shows for Chinese text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcePosition {
    /// The file the rule set came from (`rules/township.toml` for the built-in one), or the name given
    /// to [`RuleSet::from_toml`](crate::RuleSet::from_toml).
    pub origin: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl fmt::Display for SourcePosition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.origin, self.line, self.column)
    }
}

/// Everything that can go wrong in this crate.
///
/// Checking text that has been decoded never fails: a report with nothing in it is a report with every
/// area missing. Errors come from loading rule sets, from reading files and from decoding bytes.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A rule set could not be parsed or is not valid.
    #[error("{position}: {message}{}", key.as_ref().map(|k| format!(" (key `{k}`)")).unwrap_or_default())]
    RuleSet {
        /// Where the problem is.
        position: SourcePosition,
        /// The key concerned, where one can be named (for example `areas[2].present` or `weight`).
        key: Option<String>,
        /// What is wrong, in English.
        message: String,
    },
    /// A rule set file could not be read.
    #[error("cannot read rule set {path}: {source}")]
    RuleSetIo {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The input bytes are not a report in a form or encoding this crate reads: an empty file, a
    /// scan, an image, an archive, a damaged or encrypted file…
    #[error("无法读取报告：{reason}")]
    NotText {
        /// What was found instead, and what to do about it, in Chinese.
        reason: String,
    },
    /// A report file or folder could not be read (missing, permission denied, a symbolic-link loop
    /// met while walking a folder). The crate reads no report files itself; tools that do use this
    /// variant so that such a file gets the same kind of record as one that cannot be decoded.
    #[error("cannot read: {source}")]
    Read {
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The input is larger than the checker's configured limit.
    #[error("input is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The limit in force.
        limit: usize,
    },
}

/// A `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

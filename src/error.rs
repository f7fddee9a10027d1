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
///
/// `Display` gives the message in Chinese, for the people who read it; [`Error::english`] gives it in
/// English (`--lang en`).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A rule set could not be parsed or is not valid.
    #[error("{position}: {message}{}", key.as_ref().map(|k| format!("（键 `{k}`）")).unwrap_or_default())]
    RuleSet {
        /// Where the problem is.
        position: SourcePosition,
        /// The key concerned, where one can be named (for example `areas[2].present` or `weak`).
        key: Option<String>,
        /// What is wrong, in Chinese (what `Display` shows).
        message: String,
        /// What is wrong, in English (what [`Error::english`] shows).
        message_en: String,
    },
    /// A rule set file could not be read.
    #[error("无法读取规则集 {}：{}", path.display(), io_zh(source))]
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
    #[error("无法读取：{}", io_zh(source))]
    Read {
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The input is larger than the checker's configured limit.
    #[error("文件有 {size} 字节，超过 {limit} 字节的上限")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The limit in force.
        limit: usize,
    },
}

impl Error {
    /// The message in English (`Display` gives it in Chinese). A reason written in Chinese where it
    /// arose (what a file that is not a report holds) stays Chinese.
    ///
    /// ```
    /// use fazhi_check::Error;
    ///
    /// let e = Error::TooLarge { size: 9, limit: 1 };
    /// assert_eq!(e.to_string(), "文件有 9 字节，超过 1 字节的上限");
    /// assert_eq!(e.english(), "input is 9 bytes, more than the limit of 1 bytes");
    /// ```
    pub fn english(&self) -> String {
        match self {
            Error::RuleSet {
                position,
                key,
                message_en: message,
                ..
            } => format!(
                "{position}: {message}{}",
                key.as_ref()
                    .map(|k| format!(" (key `{k}`)"))
                    .unwrap_or_default()
            ),
            Error::RuleSetIo { path, source } => {
                format!("cannot read rule set {}: {source}", path.display())
            }
            Error::NotText { reason } => format!("cannot read the report: {reason}"),
            Error::Read { source } => format!("cannot read: {source}"),
            Error::TooLarge { size, limit } => {
                format!("input is {size} bytes, more than the limit of {limit} bytes")
            }
        }
    }
}

/// What went wrong in reading, in Chinese: the system's English words for the common cases put in
/// Chinese; a message the crate wrote itself (already Chinese) as it is.
pub(crate) fn io_zh(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    if e.raw_os_error().is_none() && e.get_ref().is_some() {
        return e.to_string();
    }
    let words = match e.kind() {
        ErrorKind::NotFound => "文件或文件夹不存在",
        ErrorKind::PermissionDenied => "没有读取权限",
        ErrorKind::IsADirectory => "这是文件夹，不是文件",
        ErrorKind::NotADirectory => "路径中有一段不是文件夹",
        ErrorKind::InvalidData => "内容无效",
        ErrorKind::UnexpectedEof => "文件在读完之前结束",
        ErrorKind::Interrupted => "读取被中断",
        ErrorKind::OutOfMemory => "内存不足",
        _ => match e.raw_os_error() {
            Some(40) => "符号链接构成循环",
            Some(code) => return format!("系统错误（代码 {code}）"),
            None => "系统错误",
        },
    };
    words.to_string()
}

/// A `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

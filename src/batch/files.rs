//! Which report files a tool should pick up from a folder.
//!
//! The library reads no files itself; a tool that walks a folder of reports uses
//! [`SUPPORTED_EXTENSIONS`] (or [`is_supported`]) to decide which files to hand to the checker, so
//! that every tool built on the crate agrees on the list.

use std::path::Path;

/// File name extensions (lower case, without the dot) of the report files tools check when given a
/// folder: plain text, Markdown, web pages and Word documents.
pub const SUPPORTED_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "docx"];

/// Whether `path` names a file of a supported kind, by its extension, ignoring case.
///
/// ```
/// use fazhi_check::batch::files::is_supported;
///
/// assert!(is_supported("reports/青石镇2023年报告.TXT".as_ref()));
/// assert!(is_supported("a/b.docx".as_ref()));
/// assert!(!is_supported("scan.png".as_ref()));
/// assert!(!is_supported("README".as_ref()));
/// ```
pub fn is_supported(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        SUPPORTED_EXTENSIONS
            .iter()
            .any(|s| s.eq_ignore_ascii_case(e))
    })
}

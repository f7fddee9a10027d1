//! Step 1, reading: a file's bytes in, the report's text out, folded for matching.
//!
//! [`extract`](mod@extract) tells the form from the bytes (plain text or Markdown, a saved web
//! page or .mht, Word .docx and .doc, WPS .wps, .odt, RTF, PDF, OFD) and takes the text out; [`decode`](mod@decode) reads plain text in whatever
//! encoding it came in; [`normalize`] folds the text (full-width forms, spaces, zero-width
//! characters) and keeps a map from every position back to the original; [`file`](mod@file) opens a file to
//! read without blocking and reads it within a limit.

pub mod decode;
pub mod extract;
pub mod file;
pub mod normalize;

//! Finding English in output meant for Chinese readers (issue 20): the ASCII words of a text that
//! are not file names, ids or numbers.
//!
//! A word is a run of ASCII letters (with digits, `_`, `-`, `.`, `/`, `\` and `:` inside it, so that
//! a path or a position stays one word). It is allowed when it is one of the `allowed` strings
//! (file names, ids, option names the output quotes), when it holds a character that no English
//! word holds (`_`, a digit, `/`, `.` between letters: `next_steps`, `a.txt`, `R2`), or when it is a
//! single letter. What is left are English words: `passed`, `score`, `missing`.

/// Names of file formats and programs a Chinese office writes in Latin letters too (Word, WPS, PDF):
/// names, not English words. Give them in `allowed` where an output may name a format.
pub const FORMAT_NAMES: &[&str] = &[
    "Word", "WPS", "PDF", "OFD", "RTF", "ZIP", "HTML", "CSV", "JSON", "TOML", "Excel", "Schema",
    "docx", "doc", "wps", "odt", "pdf", "ofd", "rtf", "mht", "mhtml", "html", "txt", "CI",
    "Ctrl-C", "PNG", "JPEG", "GIF",
];

/// The English words of `text`, each with its 1-based line, outside `allowed` (taken out of each
/// line first, longest first, so that a path with spaces goes whole) and outside words that cannot
/// be English (ids, file names, numbers).
pub fn ascii_words(text: &str, allowed: &[&str]) -> Vec<(usize, String)> {
    let mut allowed: Vec<&str> = allowed.iter().copied().filter(|a| !a.is_empty()).collect();
    allowed.sort_by_key(|a| std::cmp::Reverse(a.len()));
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut line = line.to_string();
        // Longer strings (paths, ids with `_`) are taken out of the line; a word is compared whole.
        for a in allowed
            .iter()
            .filter(|a| !a.chars().all(|c| c.is_ascii_alphabetic()))
        {
            line = line.replace(a, " ");
        }
        for word in words(&line) {
            if is_english(word) && !allowed.contains(&word) {
                found.push((n + 1, word.to_string()));
            }
        }
    }
    found
}

/// Runs of ASCII letters, digits and the characters of paths and ids.
fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| {
        !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | '\\' | ':'))
    })
    // An option (`--help`) keeps its dashes, and so is no English word.
    .map(|w| w.trim_end_matches(['-', '.', ':', '/', '\\']))
    .map(|w| w.trim_start_matches(['.', ':', '/', '\\']))
    .filter(|w| !w.is_empty())
    .collect()
}

/// Whether a word reads as English: two letters or more, only letters (an apostrophe aside), not a
/// number, an id with `_` or a digit, a path or a file name.
fn is_english(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_ascii_alphabetic()).count();
    letters >= 2
        && word.chars().all(|c| c.is_ascii_alphabetic() || c == '-')
        && !word.starts_with('-')
}

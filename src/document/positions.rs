//! Positions: where a byte offset of the document's content or of the folded text stands in the
//! original text, as a 1-based line and a column counted in characters. Every step that reports a
//! place (evidence, headings, findings, figures) is handed the one [`Positions`] of its report, so
//! that positions are resolved in one place.

use super::Document;
use crate::read::normalize::Normalized;
use crate::text::partition_from;

/// Maps positions in a document's content, and in its folded text, to lines and columns of the
/// original text. Built once per report and handed to every step that reports a place.
pub(crate) struct Positions<'a> {
    doc: &'a Document,
    normalized: &'a Normalized,
    original: &'a str,
    line_starts: Vec<usize>,
    /// Where the searches in the maps ended last time (pieces, anchors, lines), and per line the
    /// last position located on it: its byte offset and its column less one. Evidence comes in
    /// order within an area, so most searches end close after the last, and most columns are
    /// counted on from the last one.
    cursors: std::cell::Cell<(usize, usize, usize)>,
    last: std::cell::RefCell<Vec<(usize, usize)>>,
}

impl<'a> Positions<'a> {
    pub(crate) fn new(
        doc: &'a Document,
        normalized: &'a Normalized,
        original: &'a str,
    ) -> Positions<'a> {
        // A line ends at `\n`, `\r\n` or a lone `\r` (old Mac files), as folding reads them.
        let bytes = original.as_bytes();
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(
                memchr::memchr2_iter(b'\n', b'\r', bytes)
                    .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                    .map(|i| i + 1),
            )
            .collect();
        let last = line_starts.iter().map(|&s| (s, 0)).collect();
        Positions {
            doc,
            normalized,
            original,
            line_starts,
            cursors: std::cell::Cell::new((0, 0, 0)),
            last: std::cell::RefCell::new(last),
        }
    }
}

impl Positions<'_> {
    /// 1-based line and column (in characters) in the original text of a byte offset in the
    /// document's content.
    pub(crate) fn locate(&self, content_offset: usize) -> (usize, usize) {
        let (mut pieces, anchors, lines) = self.cursors.get();
        let folded = self.doc.to_folded_from(content_offset, &mut pieces);
        self.cursors.set((pieces, anchors, lines));
        self.locate_folded(folded)
    }

    /// 1-based line and column (in characters) in the original text of a byte offset in the
    /// folded text.
    pub(crate) fn locate_folded(&self, folded_offset: usize) -> (usize, usize) {
        let (pieces, mut anchors, line) = self.cursors.get();
        let mut at = self
            .normalized
            .to_original_from(folded_offset, &mut anchors)
            .min(self.original.len());
        while !self.original.is_char_boundary(at) {
            at -= 1;
        }
        let line = partition_from(&self.line_starts, line, |&s| s <= at);
        self.cursors.set((pieces, anchors, line));
        let mut last = self.last.borrow_mut();
        let (from, before) = match last[line - 1] {
            (byte, chars) if byte <= at => (byte, chars),
            _ => (self.line_starts[line - 1], 0),
        };
        let chars = before + self.original[from..at].chars().count();
        last[line - 1] = (at, chars);
        (line, chars + 1)
    }
}

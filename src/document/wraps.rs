//! Hard wraps: text taken out of a PDF breaks lines inside words; when most long lines share one
//! width, a full-width line runs on into the next.

use super::{LineKind, RawLine, char_len};
use crate::text::numbering::Numbering;

/// Decides which lines run on into the next (hard wraps). Only documents where many long lines share
/// one width are taken as hard-wrapped.
pub(super) fn hard_wraps(
    raw: &[RawLine<'_>],
    kinds: &[LineKind],
    numbered: &[Option<(u8, Numbering, usize, usize)>],
) -> Vec<bool> {
    let mut joins = vec![false; raw.len()];
    let lengths: Vec<usize> = raw.iter().map(|l| char_len(l.text.trim_end())).collect();
    let long: Vec<usize> = lengths
        .iter()
        .zip(kinds)
        .filter(|&(&n, &k)| k == LineKind::Body && n >= 16)
        .map(|(&n, _)| n)
        .collect();
    if long.len() < 4 {
        return joins;
    }
    // The width most long lines reach: the largest length shared, within two characters, by a third
    // or more of them.
    let max = *long.iter().max().unwrap_or(&0);
    let width = (16..=max.min(200)).rev().find(|&w| {
        let near = long.iter().filter(|&&n| n <= w && n + 2 >= w).count();
        near >= 3 && near * 3 >= long.len()
    });
    let Some(width) = width else { return joins };
    for i in 0..raw.len() {
        // A full line that ends a sentence may as well end its paragraph: no term runs across 。.
        let ends_sentence = raw[i].text.trim_end().ends_with(['。', '!', '?', ';', ':']);
        if kinds[i] != LineKind::Body || lengths[i] + 2 < width || ends_sentence {
            continue;
        }
        let Some(next) = (i + 1..raw.len()).find(|&j| kinds[j] != LineKind::Chrome) else {
            continue;
        };
        let next_text = raw[next].text;
        let indented = next_text.starts_with(' ');
        if kinds[next] == LineKind::Body && !indented && numbered[next].is_none() {
            joins[i] = true;
        }
    }
    // A chrome line (a page number) between two joined lines is skipped when the text is joined.
    joins
}

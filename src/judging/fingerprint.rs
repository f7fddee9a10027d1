//! Fingerprints for finding copied text: a report's sentences of ten characters or more, digits made
//! alike (调解70件 and 调解35件 are the same sentence of a template), the opening and sentences holding
//! a boilerplate phrase of the rule set left out, each hashed once. Comparing fingerprints across
//! reports is [`similarity`](crate::similarity)'s work.

use memchr::memmem::Finder;

use crate::document::metadata::Metadata;

/// The sentence shingles of one report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// `(hash of the sentence, its length in characters)`, each sentence once, sorted by hash.
    pub(crate) shingles: Vec<(u64, u32)>,
    /// The characters of all the report's shingled sentences.
    pub(crate) chars: u32,
    /// Where each shingled sentence first stands, as `(hash, line, column)` in the original text;
    /// only in the fingerprint of a checked [`Report`], where findings need a place.
    pub(crate) places: Vec<(u64, u32, u32)>,
}

/// What finding copied text needs of a report, got without checking it: its fingerprint and its
/// metadata (the organisation, to pair it with last year's report of the same one).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sketch {
    /// The report's sentence shingles.
    pub fingerprint: Fingerprint,
    /// Title, organisation, year and so on, as a check would find them.
    pub metadata: Metadata,
}

/// The shortest sentence taken as a shingle, in characters.
const MIN_SENTENCE_CHARS: usize = 10;

/// The boilerplate phrases of a rule set (`[similarity] boilerplate`), compiled once for searching.
#[derive(Debug, Clone)]
pub(crate) struct Phrases(Vec<Finder<'static>>);

impl Phrases {
    pub fn new(phrases: &[String]) -> Phrases {
        Phrases(
            phrases
                .iter()
                .map(|p| Finder::new(p.as_bytes()).into_owned())
                .collect(),
        )
    }
}

/// A sentence of a paragraph as the fingerprint takes it.
struct Sentence {
    /// Byte offset in the paragraph of its first character that is not a space.
    start: usize,
    /// Byte offset of its end (where the sentence-ending mark stands, or the paragraph's end).
    end: usize,
    /// The hash of its characters with the spaces left out and the digits made alike: FNV-1a with a
    /// character's UTF-8 bytes taken as one number, so stable from run to run, and no string is
    /// built.
    hash: u64,
    /// Its length in characters, so counted.
    chars: usize,
}

/// Whether the character of UTF-8 bytes `c` (two or more) is a space (`char::is_whitespace`).
#[inline]
fn is_wide_space(c: &[u8]) -> bool {
    matches!(
        c,
        [0xC2, 0x85 | 0xA0]
            | [0xE1, 0x9A, 0x80]
            | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF]
            | [0xE2, 0x81, 0x9F]
            | [0xE3, 0x80, 0x80]
    )
}

/// The sentences of `paragraph`, split after 。!?; (the full-width ones as folded to ASCII) and at
/// its end, read a character at a time from its bytes.
fn sentences(paragraph: &str, mut each: impl FnMut(Sentence)) {
    const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
    let bytes = paragraph.as_bytes();
    let (mut start, mut hash, mut chars) = (None, FNV_OFFSET, 0);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if (0xE4..=0xEF).contains(&b) {
            // Most characters: three bytes, never a space nor a sentence end (those start with
            // E1, E2 or E3), so no more is asked of them.
            let value = u64::from(b) << 16 | u64::from(bytes[i + 1]) << 8 | u64::from(bytes[i + 2]);
            hash = (hash ^ value).wrapping_mul(FNV_PRIME);
            chars += 1;
            start.get_or_insert(i);
            i += 3;
            continue;
        }
        let width = match b {
            0..0x80 => 1,
            0xC0..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        };
        let c = &bytes[i..i + width];
        let ends = matches!(c, [b'!' | b'?' | b';'] | [0xE3, 0x80, 0x82]);
        if ends {
            each(Sentence {
                start: start.unwrap_or(i),
                end: i,
                hash,
                chars,
            });
            (start, hash, chars) = (None, FNV_OFFSET, 0);
        } else if !(matches!(c, [b'\t'..=b'\r' | b' ']) || (width > 1 && is_wide_space(c))) {
            let value = match c {
                [b'0'..=b'9'] => u64::from(b'0'),
                _ => c.iter().fold(0u64, |v, &b| v << 8 | u64::from(b)),
            };
            hash = (hash ^ value).wrapping_mul(FNV_PRIME);
            chars += 1;
            start.get_or_insert(i);
        }
        i += width;
    }
    each(Sentence {
        start: start.unwrap_or(bytes.len()),
        end: bytes.len(),
        hash,
        chars,
    });
}

impl Fingerprint {
    /// The fingerprint of a report's running text, given as its paragraphs.
    pub fn of<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Fingerprint {
        Fingerprint::without(paragraphs, &[])
    }

    /// The fingerprint, leaving out sentences that hold one of the `boilerplate` phrases.
    pub fn without<'a>(
        paragraphs: impl IntoIterator<Item = &'a str>,
        boilerplate: &[String],
    ) -> Fingerprint {
        Fingerprint::build(
            paragraphs.into_iter().map(|p| (0, p)),
            &Phrases::new(boilerplate),
            None::<fn(usize) -> (usize, usize)>,
        )
    }

    /// The fingerprint of paragraphs given with their offsets; with `locate`, which turns an offset
    /// into a line and column, it records where each sentence stands.
    pub(crate) fn build<'a>(
        paragraphs: impl IntoIterator<Item = (usize, &'a str)>,
        boilerplate: &Phrases,
        mut locate: Option<impl FnMut(usize) -> (usize, usize)>,
    ) -> Fingerprint {
        let mut shingles: Vec<(u64, u32)> = Vec::new();
        let mut places: Vec<(u64, u32, u32)> = Vec::new();
        for (offset, paragraph) in paragraphs {
            // Most paragraphs hold no boilerplate phrase: only those that do are searched by sentence.
            let phrases: Vec<&Finder<'static>> = boilerplate
                .0
                .iter()
                .filter(|b| b.find(paragraph.as_bytes()).is_some())
                .collect();
            sentences(paragraph, |sentence| {
                if sentence.chars < MIN_SENTENCE_CHARS
                    || phrases.iter().any(|b| {
                        b.find(&paragraph.as_bytes()[sentence.start..sentence.end])
                            .is_some()
                    })
                {
                    return;
                }
                shingles.push((sentence.hash, sentence.chars as u32));
                if let Some(locate) = locate.as_mut() {
                    let (line, column) = locate(offset + sentence.start);
                    places.push((sentence.hash, line as u32, column as u32));
                }
            });
        }
        shingles.sort_unstable();
        shingles.dedup_by_key(|s| s.0);
        // The first place of each sentence, by position, kept sorted by hash for lookups.
        places.sort_by_key(|&(hash, line, column)| (hash, line, column));
        places.dedup_by_key(|p| p.0);
        let chars = shingles.iter().map(|s| s.1).sum();
        Fingerprint {
            shingles,
            chars,
            places,
        }
    }

    /// Whether the report had no sentence to compare.
    pub fn is_empty(&self) -> bool {
        self.shingles.is_empty()
    }

    /// How many distinct sentences it holds.
    pub fn sentences(&self) -> usize {
        self.shingles.len()
    }

    /// The lines and columns of the sentences whose hashes are in `shared` (sorted), in order.
    pub(crate) fn places_of(&self, shared: &[u64]) -> Vec<(u32, u32)> {
        let mut out: Vec<(u32, u32)> = self
            .places
            .iter()
            .filter(|p| shared.binary_search(&p.0).is_ok())
            .map(|p| (p.1, p.2))
            .collect();
        out.sort_unstable();
        out
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The sentences of `paragraph` read as characters: `(start of the first character that is
    /// not a space, end, the characters with the spaces left out and digits made 0)`.
    fn sentences_by_chars(paragraph: &str) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, c) in paragraph
            .char_indices()
            .filter(|&(_, c)| matches!(c, '。' | '!' | '?' | ';'))
            .map(|(i, c)| (i, c.len_utf8()))
            .chain([(paragraph.len(), 0)])
        {
            let sentence = &paragraph[start..i];
            let lead = sentence.len() - sentence.trim_start().len();
            let kept: String = sentence
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| if c.is_ascii_digit() { '0' } else { c })
                .collect();
            out.push((start + lead, i, kept));
            start = i + c;
        }
        out
    }

    proptest! {
        #[test]
        fn sentences_are_split_and_counted_as_by_characters(
            paragraph in "([法治政府。!?;,0-9a\\t \u{3000}\u{a0}\u{2028}\u{85}\u{1680}\u{205f}\u{2003}\u{e9}\u{1F600}])*"
        ) {
            let mut got = Vec::new();
            sentences(&paragraph, |s| got.push(s));
            let expected = sentences_by_chars(&paragraph);
            prop_assert_eq!(got.len(), expected.len());
            for (g, (start, end, kept)) in got.iter().zip(&expected) {
                prop_assert_eq!((g.start, g.end, g.chars), (*start, *end, kept.chars().count()));
                // The hash depends on the characters kept alone.
                let mut alone = Vec::new();
                sentences(kept, |s| alone.push(s.hash));
                prop_assert_eq!(alone[0], g.hash);
            }
        }
    }
}

//! Fingerprints for finding copied text that survives editing: the report's running text folded
//! (spaces and punctuation left out, each run of digits made one digit, the body's own name and the
//! generic words a body calls itself by — 我镇, 本街道, 全乡, 我局 — made one mark), cut into
//! overlapping shingles of [`SHINGLE_CHARS`] characters, and thinned by winnowing: of every
//! [`WINDOW`] shingles in a row the one with the smallest hash is kept, with its place. Any passage
//! of `SHINGLE_CHARS + WINDOW - 1` folded characters or more that two reports share gives them a
//! kept shingle in common, so a sentence with a few words edited still shares the runs between the
//! edits; the texts themselves are not kept. Comparing fingerprints across reports is
//! [`similarity`](crate::similarity)'s work.

use memchr::memmem::Finder;

use crate::document::metadata::Metadata;

/// Characters in a shingle.
pub const SHINGLE_CHARS: usize = 5;

/// Shingles in a winnowing window: one in about `(WINDOW + 1) / 2` is kept.
pub const WINDOW: usize = 8;

/// The mark a body's own name and the generic words for it are folded to (□).
const BODY: u32 = 0x25A1;

/// One kept shingle: its hash, and where it starts in the folded text. Eight bytes: a batch holds
/// every report's until it has been compared.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Mark {
    /// The shingle's hash.
    pub hash: u32,
    /// Its first character's index among the folded characters.
    pub at: u32,
}

/// The winnowed shingles of one report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// The kept shingles, in order of place.
    pub(crate) marks: Vec<Mark>,
    /// The lines of the original text the marks start on, where a place was asked for: (index of
    /// the first mark on the line, 1-based line), one entry each time the line changes.
    pub(crate) lines: Vec<(u32, u32)>,
    /// How many folded characters the text had.
    pub(crate) chars: u32,
}

/// What finding copied text needs of a report, got without checking it: its fingerprint and its
/// metadata (the organisation, to pair it with last year's report of the same one).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sketch {
    /// The report's winnowed shingles.
    pub fingerprint: Fingerprint,
    /// Title, organisation, year and so on, as a check would find them.
    pub metadata: Metadata,
}

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

/// The words before a body's kind that make the generic name a body calls itself by (我镇, 本街道).
const SELF_WORDS: [char; 4] = ['我', '本', '全', '该'];

/// The kinds of body, longest first, that follow [`SELF_WORDS`]: 我镇, 本街道, 全乡, 我局.
const BODY_KINDS: [&str; 14] = [
    "街道", "社区", "镇", "乡", "局", "区", "县", "市", "委", "办", "厅", "州", "旗", "院",
];

/// Words an organisation's name ends with, taken off to find the short name it also goes by
/// (双山镇人民政府 → 双山镇 → 双山).
const NAME_ENDINGS: [&str; 8] = [
    "人民政府",
    "政府",
    "办事处",
    "党委",
    "街道",
    "镇",
    "乡",
    "县",
];

/// The names a body goes by in its own report, longest first: the organisation as found, and the
/// shorter forms left when its endings are taken off (two characters at least).
fn body_names(organization: Option<&str>) -> Vec<String> {
    let mut names = Vec::new();
    let Some(org) = organization.map(str::trim).filter(|o| !o.is_empty()) else {
        return names;
    };
    let mut name = org.to_string();
    names.push(name.clone());
    while let Some(shorter) = NAME_ENDINGS
        .iter()
        .find_map(|e| name.strip_suffix(e))
        .map(str::to_string)
    {
        if shorter.chars().count() < 2 {
            break;
        }
        names.push(shorter.clone());
        name = shorter;
    }
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    names
}

/// The folded characters of a report: each a code and the byte offset (in the text given) it stands
/// at.
struct Folded {
    codes: Vec<u32>,
    offsets: Vec<u32>,
}

impl Folded {
    fn push(&mut self, code: u32, offset: usize) {
        self.codes.push(code);
        self.offsets.push(offset as u32);
    }

    /// Folds `sentence`, which starts at byte `offset`, onto the end.
    fn add(&mut self, sentence: &str, offset: usize, names: &[String]) {
        let mut rest = sentence;
        let mut at = offset;
        let mut digits = false;
        while let Some(c) = rest.chars().next() {
            let here = at;
            // The first byte first: most characters start no name, and a comparison is a call.
            let first = rest.as_bytes()[0];
            if let Some(name) = names
                .iter()
                .find(|n| n.as_bytes().first() == Some(&first) && rest.starts_with(n.as_str()))
            {
                self.push(BODY, here);
                rest = &rest[name.len()..];
                at += name.len();
                digits = false;
                continue;
            }
            if SELF_WORDS.contains(&c) {
                let after = &rest[c.len_utf8()..];
                if let Some(kind) = BODY_KINDS.iter().find(|k| after.starts_with(*k)) {
                    self.push(BODY, here);
                    rest = &after[kind.len()..];
                    at += c.len_utf8() + kind.len();
                    digits = false;
                    continue;
                }
            }
            rest = &rest[c.len_utf8()..];
            at += c.len_utf8();
            if c.is_ascii_digit() {
                if !digits {
                    self.push(u32::from('0'), here);
                }
                digits = true;
                continue;
            }
            digits = false;
            if is_ideograph(c) || c.is_alphanumeric() {
                self.push(u32::from(c), here);
            }
        }
    }
}

/// Whether `c` is in the CJK Unified Ideographs block (U+4E00–U+9FFF): alphabetic, as
/// `char::is_alphanumeric` would say after a slower table lookup, and most of a report.
fn is_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Calls `each` with every sentence of `paragraph` (split after 。!?;, the full-width ones as folded
/// to ASCII) and its byte offset in it.
fn sentences(paragraph: &str, mut each: impl FnMut(&str, usize)) {
    let mut start = 0;
    for (i, c) in paragraph.char_indices() {
        if matches!(c, '。' | '!' | '?' | ';') {
            let end = i + c.len_utf8();
            each(&paragraph[start..end], start);
            start = end;
        }
    }
    if start < paragraph.len() {
        each(&paragraph[start..], start);
    }
}

/// The hash of a shingle: FNV-1a over its codes, mixed down to 32 bits; stable from run to run.
fn shingle_hash(codes: &[u32]) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in codes {
        h = (h ^ u64::from(c)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    (h ^ (h >> 32)) as u32
}

/// The indices of the shingles winnowing keeps from `hashes`: in every window of [`WINDOW`] in a row,
/// the smallest (the rightmost of equals), each once; the smallest of all where there are fewer.
fn winnow(hashes: &[u32]) -> Vec<usize> {
    let mut kept: Vec<usize> = Vec::with_capacity(2 * hashes.len() / (WINDOW + 1) + 1);
    if hashes.is_empty() {
        return kept;
    }
    let w = WINDOW.min(hashes.len());
    let smallest = |from: usize| {
        (from..from + w)
            .rev()
            .min_by_key(|&i| hashes[i])
            .expect("a window is not empty")
    };
    let mut min = smallest(0);
    kept.push(min);
    for start in 1..=hashes.len() - w {
        let new = start + w - 1;
        if min < start {
            min = smallest(start);
        } else if hashes[new] <= hashes[min] {
            min = new;
        }
        if kept.last() != Some(&min) {
            kept.push(min);
        }
    }
    kept
}

impl Fingerprint {
    /// The fingerprint of a report's running text, given as its paragraphs.
    pub fn of<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Fingerprint {
        Fingerprint::without(paragraphs, &[], None)
    }

    /// The fingerprint, leaving out sentences that hold one of the `boilerplate` phrases, with the
    /// `organization`'s names (the report's own body) folded as 我镇 is.
    pub fn without<'a>(
        paragraphs: impl IntoIterator<Item = &'a str>,
        boilerplate: &[String],
        organization: Option<&str>,
    ) -> Fingerprint {
        Fingerprint::build(
            paragraphs.into_iter().map(|p| (0, p)),
            &Phrases::new(boilerplate),
            organization,
            None::<fn(usize) -> (usize, usize)>,
        )
    }

    /// The fingerprint of paragraphs given with their offsets; with `locate`, which turns an offset
    /// into a line and column, each kept shingle records the line it starts on.
    pub(crate) fn build<'a>(
        paragraphs: impl IntoIterator<Item = (usize, &'a str)>,
        boilerplate: &Phrases,
        organization: Option<&str>,
        mut locate: Option<impl FnMut(usize) -> (usize, usize)>,
    ) -> Fingerprint {
        let names = body_names(organization);
        let mut folded = Folded {
            codes: Vec::new(),
            offsets: Vec::new(),
        };
        for (offset, paragraph) in paragraphs {
            // Most paragraphs hold no boilerplate phrase: only those that do are searched by sentence.
            let phrases: Vec<&Finder<'static>> = boilerplate
                .0
                .iter()
                .filter(|b| b.find(paragraph.as_bytes()).is_some())
                .collect();
            if phrases.is_empty() {
                folded.add(paragraph, offset, &names);
                continue;
            }
            sentences(paragraph, |sentence, at| {
                if !phrases
                    .iter()
                    .any(|b| b.find(sentence.as_bytes()).is_some())
                {
                    folded.add(sentence, offset + at, &names);
                }
            });
        }
        let chars = folded.codes.len();
        if chars < SHINGLE_CHARS {
            return Fingerprint {
                marks: Vec::new(),
                lines: Vec::new(),
                chars: chars as u32,
            };
        }
        let hashes: Vec<u32> = folded
            .codes
            .windows(SHINGLE_CHARS)
            .map(shingle_hash)
            .collect();
        let kept = winnow(&hashes);
        let mut lines: Vec<(u32, u32)> = Vec::new();
        if let Some(locate) = locate.as_mut() {
            for (m, &i) in kept.iter().enumerate() {
                let line = locate(folded.offsets[i] as usize).0 as u32;
                if lines.last().is_none_or(|&(_, l)| l != line) {
                    lines.push((m as u32, line));
                }
            }
        }
        let marks = kept
            .into_iter()
            .map(|i| Mark {
                hash: hashes[i],
                at: i as u32,
            })
            .collect();
        Fingerprint {
            marks,
            lines,
            chars: chars as u32,
        }
    }

    /// Whether the report had no text to compare.
    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }

    /// How many shingles were kept.
    pub fn shingles(&self) -> usize {
        self.marks.len()
    }

    /// How many characters the folded text had (spaces and punctuation left out).
    pub fn chars(&self) -> usize {
        self.chars as usize
    }

    /// The bytes the fingerprint holds, for bounding a batch's memory.
    pub fn heap_bytes(&self) -> usize {
        self.marks.capacity() * std::mem::size_of::<Mark>()
            + self.lines.capacity() * std::mem::size_of::<(u32, u32)>()
    }

    /// The 1-based line of the original text the mark at `index` starts on, or 0 where no place was
    /// asked for.
    pub(crate) fn line_of(&self, index: usize) -> u32 {
        let after = self.lines.partition_point(|&(m, _)| m as usize <= index);
        after.checked_sub(1).map_or(0, |i| self.lines[i].1)
    }

    /// The distinct hashes, sorted.
    pub(crate) fn hashes(&self) -> Vec<u32> {
        let mut h: Vec<u32> = self.marks.iter().map(|m| m.hash).collect();
        h.sort_unstable();
        h.dedup();
        h
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn every_ideograph_of_the_block_is_alphanumeric() {
        // is_ideograph is a shortcut for char::is_alphanumeric, which must agree.
        for c in '\u{4E00}'..='\u{9FFF}' {
            assert!(is_ideograph(c) && c.is_alphanumeric(), "{c:?}");
        }
        assert!(!is_ideograph('\u{4DFF}') && !is_ideograph('\u{A000}') && !is_ideograph('。'));
    }

    fn folded(text: &str, org: Option<&str>) -> String {
        let mut f = Folded {
            codes: Vec::new(),
            offsets: Vec::new(),
        };
        f.add(text, 0, &body_names(org));
        f.codes
            .iter()
            .map(|&c| char::from_u32(c).unwrap())
            .collect()
    }

    #[test]
    fn names_digits_and_punctuation_are_folded() {
        assert_eq!(
            folded(
                "我镇调解纠纷70件，双山镇人民政府召开会议3次。",
                Some("双山镇人民政府")
            ),
            "□调解纠纷0件□召开会议0次"
        );
        assert_eq!(folded("双山街道和全街道", Some("双山镇")), "□街道和□");
        assert_eq!(folded("本局 我们 全体", None), "□我们全体");
        assert_eq!(
            body_names(Some("双山镇人民政府")),
            ["双山镇人民政府", "双山镇", "双山"]
        );
    }

    #[test]
    fn two_towns_with_the_same_sentence_have_the_same_fingerprint() {
        let a = Fingerprint::without(
            ["双山镇成立法治政府建设工作领导小组，全年召开专题会议4次，研究部署法治建设重点任务。"],
            &[],
            Some("双山镇"),
        );
        let b = Fingerprint::without(
            ["我镇成立法治政府建设工作领导小组，全年召开专题会议12次，研究部署法治建设重点任务。"],
            &[],
            Some("青石镇"),
        );
        assert!(!a.is_empty());
        assert_eq!(a, b);
    }

    #[test]
    fn boilerplate_sentences_are_left_out() {
        let text = [
            "坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平法治思想。我镇全年调解纠纷70件，化解率98%。",
        ];
        let all = Fingerprint::of(text);
        let without = Fingerprint::without(
            text,
            &["习近平新时代中国特色社会主义思想为指导".to_string()],
            None,
        );
        assert!(without.chars() < all.chars());
        assert_eq!(without.chars(), "□全年调解纠纷0件化解率0".chars().count());
    }

    #[test]
    fn lines_are_recorded_where_a_locator_is_given() {
        let text = "全年召开专题会议研究法治工作4次，听取法治建设情况汇报。";
        let fp = Fingerprint::build(
            [(100, text)],
            &Phrases::new(&[]),
            None,
            Some(|offset: usize| (offset, 1)),
        );
        assert!((0..fp.marks.len()).all(|i| fp.line_of(i) >= 100));
        assert!(fp.marks.windows(2).all(|w| w[0].at < w[1].at));
        // Lines are recorded where they change: each mark's line is its own offset's.
        assert!(
            fp.lines
                .windows(2)
                .all(|w| w[0].0 < w[1].0 && w[0].1 != w[1].1)
        );
        assert!((1..fp.marks.len()).all(|i| fp.line_of(i) >= fp.line_of(i - 1)));
        assert_eq!(std::mem::size_of::<Mark>(), 8);
    }

    proptest! {
        /// Winnowing keeps a shingle of every window, in order, each once.
        #[test]
        fn every_window_keeps_a_shingle(hashes in proptest::collection::vec(0u32..50, 0..200)) {
            let kept = winnow(&hashes);
            prop_assert!(kept.windows(2).all(|w| w[0] < w[1]));
            if hashes.len() >= WINDOW {
                for start in 0..=hashes.len() - WINDOW {
                    let min = *hashes[start..start + WINDOW].iter().min().unwrap();
                    prop_assert!(kept.iter().any(|&k| k >= start && k < start + WINDOW && hashes[k] == min));
                }
            } else if !hashes.is_empty() {
                prop_assert_eq!(kept.len(), 1);
            }
        }
    }
}

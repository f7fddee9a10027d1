//! Character normalization with a map back to the original text.
//!
//! Reports mix full-width and half-width forms (，and ,; ７０ and 70), indent with ideographic or
//! en spaces, and sometimes carry zero-width characters from a web page. Before anything is matched,
//! the text is folded so that each of these has one form:
//!
//! - full-width ASCII (U+FF01–U+FF5E: digits, Latin letters, punctuation such as （）：；，) becomes
//!   the ASCII character;
//! - every Unicode space (U+3000, U+2002, U+00A0, tabs …) becomes a plain space (a lone space between
//!   two Chinese characters is later left out of the text terms are matched in, see
//!   [`crate::document`]);
//! - zero-width characters and the byte-order mark are dropped; `\r\n` and `\r` become `\n`;
//! - traditional characters become simplified ones (學→学, 報→报), a character for a character, from
//!   OpenCC's character table (`TSCharacters`, through the `ferrous-opencc` crate): mirror sites
//!   serve the same reports in traditional characters;
//! - a pinyin annotation right after a character (`學(xué)習(xí)`, from mirror sites) is dropped.
//!
//! Lines are kept: the folded text has exactly the lines of the original, so every position in it maps
//! back to the original line and column through [`Normalized::to_original`]. Folding twice gives the
//! same text as folding once.

/// Text after folding, with the map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    /// `(normalized offset, original offset)` pairs, sorted; between two anchors the bytes of the two
    /// texts correspond one to one.
    anchors: Vec<(usize, usize)>,
}

impl Normalized {
    /// Folds `original`.
    pub fn new(original: &str) -> Normalized {
        let bytes = original.as_bytes();
        let mut text = String::with_capacity(original.len());
        let mut anchors = vec![(0, 0)];
        // Runs of characters that fold to themselves are copied whole; only a character whose first
        // byte may start one that folds is looked at (see `STEP`). Such a byte is never inside a
        // character, so the text is read eight bytes at a time, and a byte at a time only in a word
        // that holds one.
        let mut run = 0;
        let mut at = 0;
        while at < bytes.len() {
            let end = (at + 8).min(bytes.len());
            if end - at == 8 && !may_fold(crate::text::swar::word(&bytes[at..end])) {
                at = end;
                continue;
            }
            match bytes[at..end].iter().position(|&b| STEP[b as usize] == 0) {
                Some(k) => at += k,
                None => {
                    at = end;
                    continue;
                }
            }
            let c = original[at..].chars().next().expect("at a character");
            let mut next_at = at + c.len_utf8();
            if let Some(len) = pinyin_len(original, at) {
                text.push_str(&original[run..at]);
                next_at = at + len;
                anchors.push((text.len(), next_at));
                at = next_at;
                run = at;
                continue;
            }
            let folded = match fold_char(c) {
                Folded::Keep => {
                    at = next_at;
                    continue;
                }
                Folded::Char(f) => Some(f),
                Folded::Drop => None,
                Folded::Space => Some(' '),
                Folded::CarriageReturn => {
                    if bytes.get(next_at) == Some(&b'\n') {
                        None
                    } else {
                        Some('\n')
                    }
                }
            };
            text.push_str(&original[run..at]);
            if let Some(f) = folded {
                text.push(f);
            }
            anchors.push((text.len(), next_at));
            at = next_at;
            run = at;
        }
        text.push_str(&original[run..]);
        Normalized { text, anchors }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The byte offset in the original text of a byte offset in the folded text.
    pub fn to_original(&self, offset: usize) -> usize {
        let i = self.anchors.partition_point(|&(n, _)| n <= offset) - 1;
        let (n, o) = self.anchors[i];
        o + (offset - n)
    }

    /// [`Normalized::to_original`], searching from where the last search ended (`hint`), for
    /// offsets that mostly come in order.
    pub(crate) fn to_original_from(&self, offset: usize, hint: &mut usize) -> usize {
        *hint = crate::text::partition_from(&self.anchors, *hint, |&(n, _)| n <= offset);
        let (n, o) = self.anchors[*hint - 1];
        o + (offset - n)
    }
}

/// Folds a short string such as a rule term, without keeping the map.
pub fn fold_str(s: &str) -> String {
    Normalized::new(s).text
}

/// Whether a word of eight bytes may hold the first byte of a character that folds: a tab, carriage
/// return, space or `(` (a pinyin annotation), C2, E0–EF (the Chinese characters among them, which
/// may be traditional) or F0.
#[inline(always)]
fn may_fold(word: u64) -> bool {
    use crate::text::swar::{has_byte, splat};
    (has_byte(word, b'\t')
        | has_byte(word, b'\r')
        | has_byte(word, b' ')
        | has_byte(word, b'(')
        | has_byte(word, 0xC2)
        | has_byte(word & splat(0xF0), 0xE0)
        | has_byte(word, 0xF0))
        != 0
}

/// The length in bytes of a pinyin annotation starting at `at` right after a Chinese character:
/// `(xué)` or `（xí）`, one to eight lowercase letters (tone marks allowed) with a vowel among them.
fn pinyin_len(original: &str, at: usize) -> Option<usize> {
    let rest = &original[at..];
    let inner = rest.strip_prefix('(').or_else(|| rest.strip_prefix('（'))?;
    if !original[..at].chars().next_back().is_some_and(is_han) {
        return None;
    }
    let letters = inner
        .char_indices()
        .take_while(|&(_, c)| c.is_ascii_lowercase() || TONED.contains(c))
        .last()
        .map(|(i, c)| i + c.len_utf8())?;
    let word = &inner[..letters];
    if word.chars().count() > 8
        || !word.contains(|c: char| "aeiouv".contains(c) || TONED.contains(c))
    {
        return None;
    }
    let close = inner[letters..]
        .chars()
        .next()
        .filter(|&c| c == ')' || c == '）')?;
    Some(rest.len() - inner.len() + letters + close.len_utf8())
}

/// Pinyin letters with tone marks.
const TONED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ";

/// The simplified form of a traditional character, from OpenCC's `TSCharacters` table (see
/// [`Traditional`]).
fn simplified(c: char) -> Option<char> {
    let table = traditional();
    let n = c as u32;
    if (DENSE_FIRST..=DENSE_LAST).contains(&n) {
        let s = table.dense[(n - DENSE_FIRST) as usize];
        (s != '\0').then_some(s)
    } else {
        table
            .sparse
            .binary_search_by_key(&c, |&(from, _)| from)
            .ok()
            .map(|i| table.sparse[i].1)
    }
}

const DENSE_FIRST: u32 = 0x3400;
const DENSE_LAST: u32 = 0x9FFF;

/// Traditional characters and their simplified forms: every Chinese character is converted alone
/// by OpenCC's T2S conversion (one a line, so that no phrase spans two) and those that become
/// another single character are kept. Characters U+3400–U+9FFF are looked up by index (`'\0'` where
/// a character stays), the others in a sorted list.
struct Traditional {
    dense: Vec<char>,
    sparse: Vec<(char, char)>,
}

fn traditional() -> &'static Traditional {
    static TABLE: std::sync::OnceLock<Traditional> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Traditional {
            dense: vec!['\0'; (DENSE_LAST - DENSE_FIRST + 1) as usize],
            sparse: Vec::new(),
        };
        let Ok(converter) =
            ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s)
        else {
            return table;
        };
        let chars: Vec<char> = [DENSE_FIRST..=DENSE_LAST, 0xF900..=0xFAFF, 0x20000..=0x2A6DF]
            .into_iter()
            .flatten()
            .filter_map(char::from_u32)
            .collect();
        let mut input = String::with_capacity(chars.len() * 5);
        for c in &chars {
            input.push(*c);
            input.push('\n');
        }
        let output = converter.convert(&input);
        let lines: Vec<&str> = output.split('\n').collect();
        if lines.len() != chars.len() + 1 {
            return table;
        }
        for (&from, to) in chars.iter().zip(lines) {
            let mut it = to.chars();
            if let (Some(to), None) = (it.next(), it.next())
                && to != from
                && is_han(to)
            {
                let n = from as u32;
                if (DENSE_FIRST..=DENSE_LAST).contains(&n) {
                    table.dense[(n - DENSE_FIRST) as usize] = to;
                } else {
                    table.sparse.push((from, to));
                }
            }
        }
        table
    })
}

/// Per byte: 0 when it starts a character that may be one [`fold_char`] changes (space, tab,
/// carriage return, `(`, and the first bytes of U+00A0 (C2), U+1680 (E1), U+2000–U+2060 (E2),
/// U+3000 (E3), Chinese characters (E3–E9, EF, F0) and U+FEFF, U+FF01–U+FF5E (EF)); otherwise the length of a character it starts (any
/// non-zero value for a byte inside a character).
static STEP: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b' ' | b'\t' | b'\r' | b'(' | 0xC2 | 0xE1..=0xE9 | 0xEF | 0xF0 => 0,
            0..0x80 => 1,
            // Continuation bytes (80–BF) never start a character.
            0x80..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        };
        b += 1;
    }
    table
};

enum Folded {
    Keep,
    Char(char),
    Space,
    Drop,
    CarriageReturn,
}

fn fold_char(c: char) -> Folded {
    match c {
        '\u{FF01}'..='\u{FF5E}' => Folded::Char(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
        ' ' => Folded::Space,
        '\t'
        | '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => Folded::Space,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Folded::Drop,
        '\r' => Folded::CarriageReturn,
        _ if is_han(c) => simplified(c).map_or(Folded::Keep, Folded::Char),
        _ => Folded::Keep,
    }
}

pub use crate::text::is_han;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_forms_and_spaces() {
        let n = Normalized::new("\u{3000}\u{3000}调解７０件，（一）ＡＢ\u{2002}c");
        assert_eq!(n.as_str(), "  调解70件,(一)AB c");
    }

    #[test]
    fn every_space_becomes_a_plain_space() {
        assert_eq!(fold_str("法治 政府"), "法治 政府");
        assert_eq!(fold_str("第二\u{3000}存在的问题"), "第二 存在的问题");
    }

    #[test]
    fn keeps_lines_and_maps_back() {
        let original = "一、领导\r\n\u{3000}\u{3000}成立领导小组，年度７０件";
        let n = Normalized::new(original);
        assert_eq!(n.as_str().lines().count(), original.lines().count());
        let at = n.as_str().find("领导小组").unwrap();
        assert_eq!(
            &original[n.to_original(at)..n.to_original(at) + "领导小组".len()],
            "领导小组"
        );
        let seventy = n.as_str().find("70").unwrap();
        assert_eq!(
            &original[n.to_original(seventy)..n.to_original(seventy) + 3],
            "７"
        );
    }

    #[test]
    fn traditional_characters_and_pinyin_fold_with_positions_kept() {
        assert_eq!(fold_str("學法 領導小組 發布時間"), "学法 领导小组 发布时间");
        assert_eq!(fold_str("區(qū)政府報(bào)告"), "区政府报告");
        assert_eq!(fold_str("(一)法治 (app)"), "(一)法治 (app)");
        let original = "某區(qū)2024年度法治政府建設情況報告";
        let n = Normalized::new(original);
        let at = n.as_str().find("情况报告").unwrap();
        assert_eq!(&original[n.to_original(at)..], "情況報告");
        assert_eq!(fold_str("显著 乾坤"), fold_str(&fold_str("显著 乾坤")));
    }

    #[test]
    fn zero_width_and_bom_are_dropped() {
        assert_eq!(fold_str("\u{FEFF}法\u{200B}治"), "法治");
    }

    /// Folding as first written, a character at a time: the reference.
    fn fold_by_chars(original: &str) -> (String, Vec<(usize, usize)>) {
        let mut text = String::new();
        let mut anchors = vec![(0, 0)];
        let mut chars = original.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if let Some(len) = pinyin_len(original, at) {
                while chars.peek().is_some_and(|&(i, _)| i < at + len) {
                    chars.next();
                }
                anchors.push((text.len(), at + len));
                continue;
            }
            let next = chars.peek().map(|&(_, n)| n);
            let folded = match fold_char(c) {
                Folded::Keep => {
                    text.push(c);
                    continue;
                }
                Folded::Char(f) => Some(f),
                Folded::Drop => None,
                Folded::Space => Some(' '),
                Folded::CarriageReturn => {
                    if next == Some('\n') {
                        None
                    } else {
                        Some('\n')
                    }
                }
            };
            if let Some(f) = folded {
                text.push(f);
            }
            anchors.push((text.len(), at + c.len_utf8()));
        }
        (text, anchors)
    }

    #[test]
    fn every_character_that_folds_starts_with_a_byte_that_may_fold() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let step = STEP[c.encode_utf8(&mut buf).as_bytes()[0] as usize];
            if matches!(fold_char(c), Folded::Keep) {
                assert!(step == 0 || usize::from(step) == c.len_utf8(), "{c:?}");
            } else {
                assert_eq!(step, 0, "{c:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn folds_as_by_characters(s in "[法學a()xué \t\r\n\u{A0}\u{1680}\u{2000}-\u{2060}\u{3000}-\u{3003}\u{FEFF}\u{FF01}-\u{FF60}\u{FFE5}\u{E9}\u{800}]{0,80}") {
            let n = Normalized::new(&s);
            let (text, anchors) = fold_by_chars(&s);
            proptest::prop_assert_eq!(&n.text, &text);
            proptest::prop_assert_eq!(&n.anchors, &anchors);
        }
    }

    #[test]
    fn folding_twice_equals_once() {
        for s in [
            "（一）\u{3000}普法 宣传，７件\r\n",
            "a\u{3000} b",
            "法 \u{3000} 治",
            "法 \u{200B} 治 a",
        ] {
            let once = fold_str(s);
            assert_eq!(fold_str(&once), once, "{s:?}");
        }
    }
}

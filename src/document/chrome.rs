//! Page chrome: the lines of a saved web page that are not the report (breadcrumbs, the metadata
//! block, menus, footers, page numbers), found by the rule set's markers and by their shape.

use super::{LineKind, RawLine, char_len};
use crate::rules::Chrome;

/// The page-chrome vocabulary of a rule set, compiled: the markers that make a line chrome (line
/// and footer markers), and the footer markers alone.
#[derive(Debug, Clone)]
pub(crate) struct ChromeMatcher {
    markers: MarkerSet,
    footer_markers: MarkerSet,
    metadata_labels: Vec<String>,
}

/// Every page-chrome marker of a rule set: the line markers and the footer markers.
fn all_markers(chrome: &Chrome) -> Vec<&str> {
    chrome
        .line_markers
        .iter()
        .chain(&chrome.footer_markers)
        .map(String::as_str)
        .collect()
}

impl ChromeMatcher {
    pub fn new(chrome: &Chrome) -> ChromeMatcher {
        let all = all_markers(chrome);
        let footer: Vec<&str> = chrome.footer_markers.iter().map(String::as_str).collect();
        ChromeMatcher {
            markers: MarkerSet::new(&all),
            footer_markers: MarkerSet::new(&footer),
            metadata_labels: chrome.metadata_labels.clone(),
        }
    }
}

/// Characters common in report text: a marker is looked for by a character not among them.
const COMMON: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能\
    下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使\
    点从业本去把性好应开合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又利比或\
    但质气第向道命此变条只没结解问意建月公无系很情者最立代想已通并提直题党程展五果象员位入常文总次品式活设及\
    管特件长求基资级少统接知较将组见计别期根论运农指区强放决被做必先回则任取据处府镇治务责领导依服审规范执督\
    查监宣传教育训安全村街乡县市省委办案群众纠纷调诉讼议施推落完善加深化健";

/// How rare a character is in report text, roughly: the higher the rarer.
fn rarity(c: char) -> u8 {
    match c {
        '\u{3000}'..='\u{303F}' => 0,
        c if c.is_ascii_alphabetic() => 2,
        c if c.is_ascii() => 0,
        c if COMMON.contains(c) => 1,
        _ => 3,
    }
}

/// Whether a text contains any of a set of strings (page-chrome markers): each string is looked for
/// only where its rarest character stands. A text is read a character at a time, with one bit test
/// for most characters, instead of a step of an automaton per byte.
#[derive(Debug, Clone)]
struct MarkerSet {
    /// An empty marker is in every text.
    any_empty: bool,
    /// The anchor characters among U+4E00–U+9FFF, one bit each.
    han: Vec<u64>,
    /// The ASCII anchors, one bit each.
    ascii: u128,
    /// The other anchors.
    other: Vec<char>,
    /// `(anchor, marker, byte offset of the anchor in the marker)`, sorted.
    anchors: Vec<(char, usize, usize)>,
    markers: Vec<String>,
}

const HAN_FIRST: u32 = 0x4E00;
const HAN_LAST: u32 = 0x9FFF;

impl MarkerSet {
    fn new(markers: &[&str]) -> MarkerSet {
        let mut set = MarkerSet {
            any_empty: markers.iter().any(|m| m.is_empty()),
            han: vec![0; ((HAN_LAST - HAN_FIRST) / 64 + 1) as usize],
            ascii: 0,
            other: Vec::new(),
            anchors: Vec::new(),
            markers: markers.iter().map(|m| m.to_string()).collect(),
        };
        for (m, marker) in markers.iter().enumerate() {
            // The rarest character, the first of equals.
            let Some((offset, anchor)) =
                marker.char_indices().rev().max_by_key(|&(_, c)| rarity(c))
            else {
                continue;
            };
            set.anchors.push((anchor, m, offset));
            match anchor as u32 {
                c @ HAN_FIRST..=HAN_LAST => {
                    let bit = c - HAN_FIRST;
                    set.han[(bit / 64) as usize] |= 1 << (bit % 64);
                }
                c @ 0..0x80 => set.ascii |= 1 << c,
                _ => set.other.push(anchor),
            }
        }
        set.anchors.sort_unstable();
        set
    }

    #[inline(always)]
    fn is_anchor(&self, c: char) -> bool {
        match c as u32 {
            n @ HAN_FIRST..=HAN_LAST => {
                let bit = n - HAN_FIRST;
                self.han[(bit / 64) as usize] & (1 << (bit % 64)) != 0
            }
            n @ 0..0x80 => self.ascii & (1 << n) != 0,
            _ => self.other.contains(&c),
        }
    }

    /// Whether `text` contains one of the markers.
    fn is_match(&self, text: &str) -> bool {
        if self.any_empty {
            return true;
        }
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let b = bytes[at];
            // Most characters are ideographs of U+4E00–U+9FFF, three bytes led by E4–E9 (which
            // also lead U+4000–U+4DFF, read the long way): their bit is read straight from the
            // bytes.
            if (0xE4..=0xE9).contains(&b) {
                let n = (u32::from(b & 0x0F) << 12)
                    | (u32::from(bytes[at + 1] & 0x3F) << 6)
                    | u32::from(bytes[at + 2] & 0x3F);
                if let Some(bit) = n.checked_sub(HAN_FIRST)
                    && self.han[(bit / 64) as usize] & (1 << (bit % 64)) == 0
                {
                    at += 3;
                    continue;
                }
            }
            let c = text[at..].chars().next().expect("at a character");
            let width = c.len_utf8();
            if !self.is_anchor(c) {
                at += width;
                continue;
            }
            let first = self.anchors.partition_point(|a| a.0 < c);
            for &(_, m, offset) in self.anchors[first..].iter().take_while(|a| a.0 == c) {
                if at >= offset && bytes[at - offset..].starts_with(self.markers[m].as_bytes()) {
                    return true;
                }
            }
            at += width;
        }
        false
    }
}

pub(super) fn is_chrome_line(line: &str, chrome: &ChromeMatcher) -> bool {
    // A long line of running text (a report served on one line) is never chrome as a whole.
    if line.matches('。').count() >= 3 && char_len(line) > 300 {
        return false;
    }
    if chrome.markers.is_match(line) || super::page::is_page_chrome(line) {
        return true;
    }
    let unbulleted = line.trim_start_matches(['•', '·', '●', '■', '-', '*', ' ']);
    if chrome.metadata_labels.iter().any(|label| {
        unbulleted
            .strip_prefix(label.as_str())
            .is_some_and(|rest| rest.trim_start().starts_with([':', '：']))
    }) {
        return true;
    }
    is_page_number(line) || is_menu_line(line)
}

/// `— 2 —`, `- 3 -`, `第2页`, `第 2 页 共 5 页`.
fn is_page_number(line: &str) -> bool {
    let has_digit = line.bytes().any(|b| b.is_ascii_digit());
    has_digit
        && line.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, '-' | '—' | '–' | ' ' | '第' | '页' | '共' | '/')
        })
}

/// A line of navigation: at least three short items separated by spaces or bars, no sentence.
fn is_menu_line(line: &str) -> bool {
    if line.contains(['。', ',', ';']) {
        return false;
    }
    let items: Vec<&str> = line
        .split([' ', '|', '丨', '｜'])
        .filter(|s| !s.is_empty())
        .collect();
    items.len() >= 3 && items.iter().all(|item| char_len(item) <= 8)
}

/// After a footer marker, short lines without sentence punctuation are footer too (图标 labels,
/// menu entries).
pub(super) fn mark_footer(raw: &[RawLine<'_>], kinds: &mut [LineKind], chrome: &ChromeMatcher) {
    let mut in_footer = false;
    let mut seen_body = false;
    for (line, kind) in raw.iter().zip(kinds.iter_mut()) {
        let text = line.text.trim();
        if *kind == LineKind::Body {
            if in_footer && char_len(text) <= 20 && !text.contains(['。', ',', ';']) {
                *kind = LineKind::Chrome;
                continue;
            }
            in_footer = false;
            seen_body = true;
        } else if *kind == LineKind::Chrome && seen_body && chrome.footer_markers.is_match(text) {
            in_footer = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn marker_sets_find_what_contains_finds(
            markers in proptest::collection::vec("[版权所有aC:您的【\u{4dae}\u{4dff}]{0,4}", 0..6),
            text in "[版权所有aC:您的【 \u{4000}\u{4dae}\u{4dc0}\u{4dff}\u{4e00}\u{9fff}]{0,24}",
        ) {
            let refs: Vec<&str> = markers.iter().map(String::as_str).collect();
            let set = MarkerSet::new(&refs);
            proptest::prop_assert_eq!(set.is_match(&text), markers.iter().any(|m| text.contains(m.as_str())));
        }
    }

    #[test]
    fn the_builtin_markers_are_found() {
        let chrome = crate::RuleSet::builtin().chrome;
        let all = all_markers(&chrome);
        let set = MarkerSet::new(&all);
        for m in &all {
            assert!(set.is_match(&format!("前文{m}后文")), "{m}");
            let cut = &m[..m.char_indices().last().unwrap().0];
            assert_eq!(
                set.is_match(cut),
                all.iter().any(|n| cut.contains(n)),
                "{cut}"
            );
        }
    }
}

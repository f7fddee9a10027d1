//! The figures a report gives: numbers with their units and the area they stand in (调解70件,
//! 学法10次, 二维码42个, 参训率100%), so that an office can total them across towns.

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::document::positions::Positions;
use crate::judging::evidence::Gathered;
use crate::rules::RuleSet;

/// A number with its unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The words before the number in its clause (调解, 开展普法活动), at most sixteen characters.
    pub label: String,
    /// The number as a value.
    pub value: f64,
    /// The unit as written (件, 次, 场次, %, 万元 …), with 余 or 多 when the report wrote "70余件".
    pub unit: String,
    /// The id of the area whose section the figure stands in, when a heading names one.
    pub area: Option<String>,
    /// 1-based line in the original text.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// The longest label kept, in characters.
const LABEL_CHARS: usize = 16;

/// Units, longest first so that 人次 wins over 人.
const UNITS: &[&str] = &[
    "万人次",
    "人次",
    "场次",
    "户次",
    "件次",
    "万元",
    "亿元",
    "千元",
    "元",
    "%",
    "件",
    "次",
    "场",
    "个",
    "人",
    "名",
    "份",
    "期",
    "项",
    "条",
    "户",
    "家",
    "起",
    "篇",
    "批",
    "类",
    "所",
    "处",
    "块",
    "本",
    "册",
    "天",
    "小时",
    "学时",
    "课时",
    "万份",
    "万人",
];

/// Whether any of eight bytes is an ASCII digit.
#[inline(always)]
fn has_digit(eight: &[u8]) -> bool {
    use crate::text::swar::{has_below, splat, word};
    // A digit is a byte whose difference from b'0' (by exclusive or) is below ten.
    has_below(word(eight) ^ splat(b'0'), 10) != 0
}

/// The figures of a parsed report, in order.
pub(crate) fn extract(
    rules: &RuleSet,
    doc: &Document,
    gathered: &Gathered,
    positions: &Positions<'_>,
) -> Vec<Figure> {
    let text = doc.content.as_str();
    // The area named by the innermost enclosing section heading, per section.
    let mut section_area: Vec<Option<usize>> = vec![None; doc.sections.len()];
    for cue in &gathered.heading_cues {
        section_area[cue.section].get_or_insert(cue.area);
    }
    let area_of = |section: Option<usize>| doc.ancestors(section).find_map(|s| section_area[s]);
    let mut out = Vec::new();
    for p in doc
        .paragraphs
        .iter()
        .filter(|p| p.kind == crate::document::ParagraphKind::Body)
    {
        let para = &text[p.range.clone()];
        let bytes = para.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_digit() {
                // On past text without digits, eight bytes at a time.
                i += 1;
                while i + 8 <= bytes.len() && !has_digit(&bytes[i..i + 8]) {
                    i += 8;
                }
                continue;
            }
            if i > 0 && (bytes[i - 1].is_ascii_digit() || bytes[i - 1] == b'.') {
                i += 1;
                continue;
            }
            let start = i;
            // Digits, a decimal point, and thousands separators (1,200).
            let thousands = |j: usize| {
                bytes[j] == b','
                    && bytes
                        .get(j + 1..j + 4)
                        .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                    && !bytes.get(j + 4).is_some_and(u8::is_ascii_digit)
            };
            while i < bytes.len()
                && (bytes[i].is_ascii_digit()
                    || (bytes[i] == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
                    || thousands(i))
            {
                i += 1;
            }
            let digits = &para[start..i];
            let mut rest = &para[i..];
            let mut about = "";
            for word in ["余", "多"] {
                if let Some(r) = rest.strip_prefix(word) {
                    about = word;
                    rest = r;
                }
            }
            // Not a year, a date or a document number: 2021年, 3月, 〔2021〕47号. (The first byte is
            // compared before the whole unit: most numbers have none.)
            let first = rest.as_bytes().first().copied();
            let Some(unit) = UNITS
                .iter()
                .find(|u| Some(u.as_bytes()[0]) == first && rest.starts_with(**u))
            else {
                continue;
            };
            let value = if digits.contains(',') {
                digits.replace(',', "").parse::<f64>()
            } else {
                digits.parse::<f64>()
            };
            let Ok(value) = value else {
                continue;
            };
            let label_start = para[..start]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| {
                    !matches!(
                        c,
                        '。' | ','
                            | ';'
                            | ':'
                            | '!'
                            | '?'
                            | '、'
                            | '('
                            | ')'
                            | '“'
                            | '”'
                            | '《'
                            | '》'
                    )
                })
                .take(LABEL_CHARS)
                .last()
                .map_or(start, |(j, _)| j);
            let label = para[label_start..start].trim().to_string();
            let (line, column) = positions.locate(p.range.start + start);
            out.push(Figure {
                label,
                value,
                unit: [about, unit].concat(),
                area: area_of(p.section).map(|a| rules.areas[a].id.clone()),
                line,
                column,
            });
            i += about.len() + unit.len();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::has_digit;

    #[test]
    fn a_digit_is_found_at_any_place_among_eight_bytes_and_nothing_else_is() {
        for place in 0..8 {
            for b in 0..=255u8 {
                let mut eight = [b'x'; 8];
                eight[place] = b;
                assert_eq!(has_digit(&eight), b.is_ascii_digit(), "{b:#x} at {place}");
            }
        }
        assert!(!has_digit(&"法治政府".as_bytes()[..8]));
    }
}

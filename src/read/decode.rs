//! Bytes to text: detecting the encoding a report was saved in.
//!
//! Reports arrive as UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, and
//! GB18030/GBK from older Windows machines. [`decode`] detects which, decodes strictly, and refuses
//! rather than guess: bytes that would only decode as mojibake, and files that are not text at all
//! (Word, PDF, images, archives), give [`Error::NotText`] with a reason that says what to do.

use encoding_rs::{BIG5, Encoding, GB18030, UTF_16BE, UTF_16LE};

use crate::error::{Error, Result};

/// Decoded text and the encoding it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without any byte-order mark.
    pub text: String,
    /// The encoding: `UTF-8`, `UTF-8-BOM`, `UTF-16LE`, `UTF-16BE`, `GB18030` or `Big5`.
    pub encoding: &'static str,
}

/// Detects the encoding of `bytes` and decodes them.
///
/// # Errors
///
/// [`Error::NotText`] when the bytes are a known binary format, hold NUL or other control bytes, or
/// are valid in no supported encoding as plausible Chinese text.
///
/// # Example
///
/// ```
/// let (gbk, _, _) = encoding_rs::GBK.encode("法治政府建设年度报告");
/// let decoded = fazhi_check::decode(&gbk).unwrap();
/// assert_eq!(decoded.text, "法治政府建设年度报告");
/// assert_eq!(decoded.encoding, "GB18030");
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let name = match encoding.name() {
            "UTF-8" => "UTF-8-BOM",
            "UTF-16LE" => "UTF-16LE",
            _ => "UTF-16BE",
        };
        let text = strict(encoding, &bytes[bom_len..]).ok_or_else(|| {
            not_text(format!(
                "文件以 {} 字节顺序标记开头，内容却不是有效的 {0} 文本：请另存为 UTF-8 文本再提交",
                encoding.name()
            ))
        })?;
        return checked(text, name);
    }
    if let Some(kind) = binary_signature(bytes) {
        return Err(not_text(kind.to_string()));
    }
    if let Some(decoded) = utf16_without_bom(bytes) {
        return Ok(decoded);
    }
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return checked(text.to_string(), "UTF-8");
    }
    if bytes.contains(&0) {
        return Err(not_text(
            "文件中有 NUL 字节：是二进制文件，不是文本；请提交 Word、WPS、PDF 或 .txt 格式的报告"
                .into(),
        ));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (encoding, name) = if guess == BIG5 {
        (BIG5, "Big5")
    } else {
        (GB18030, "GB18030")
    };
    let plausible = if encoding == GB18030 {
        mostly_common_gb(bytes)
    } else {
        true
    };
    if let Some(text) = strict(encoding, bytes).filter(|t| plausible && plausibly_chinese(t)) {
        return checked(text, name);
    }
    Err(not_text(format!(
        "文件既不是有效的 UTF-8 文本，按 GB18030/GBK 也读不出中文（最像 {} 编码）：请另存为 UTF-8 文本再提交",
        guess.name()
    )))
}

fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Option<String> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|c| c.into_owned())
}

fn not_text(reason: String) -> Error {
    Error::NotText { reason }
}

/// Refuses decoded text that is full of control characters: such a file is binary, whatever decoded.
fn checked(text: String, encoding: &'static str) -> Result<Decoded> {
    let controls = controls(&text);
    if controls > 0 && controls * 100 > text.chars().count() {
        return Err(not_text(format!(
            "文件按 {encoding} 解码后满是控制字符：是二进制文件，不是文本；请提交 Word、WPS、PDF 或 .txt 格式的报告"
        )));
    }
    Ok(Decoded { text, encoding })
}

/// How many control characters (`char::is_control`: U+0000–U+001F, U+007F–U+009F) `text` holds
/// other than line ends, tabs and form feeds, counted from its bytes: U+0080–U+009F are the only
/// characters that start with the byte 0xC2 followed by 0x80–0x9F.
fn controls(text: &str) -> usize {
    use crate::text::swar::{has_below, has_byte, word};
    let is_control =
        |b: &&u8| (**b < 0x20 && !matches!(**b, b'\n' | b'\r' | b'\t' | 0x0C)) || **b == 0x7F;
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let mut ascii = 0;
    for chunk in &mut chunks {
        // Eight bytes at a time: only a word with a byte below 0x20 (a line end, mostly) or 0x7F
        // is counted byte by byte.
        let w = word(chunk);
        if has_below(w, 0x20) | has_byte(w, 0x7F) != 0 {
            ascii += chunk.iter().filter(is_control).count();
        }
    }
    ascii += chunks.remainder().iter().filter(is_control).count();
    let c1 = memchr::memchr_iter(0xC2, bytes)
        .filter(|&i| bytes.get(i + 1).is_some_and(|b| (0x80..0xA0).contains(b)))
        .count();
    ascii + c1
}

pub(crate) fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    macro_rules! image {
        ($kind:literal) => {
            concat!($kind, " 图片", "：图片中的文字无法读取，请提供可复制文字的版本（Word、WPS、PDF 或 .txt 文件）")
        };
    }
    const SIGNATURES: &[(&[u8], &str)] = &[
        (
            b"PK\x03\x04",
            "ZIP 文件（Word .docx、.odt、OFD 或压缩包），不是纯文本：请按文件本身的格式提交",
        ),
        (
            b"%PDF",
            "PDF 文件，不是纯文本：请按 PDF 文件提交（需有文字层），或提供 .docx、.txt 文件",
        ),
        (
            b"\xD0\xCF\x11\xE0",
            "Word 97–2003 .doc、WPS .wps 或其他 OLE 复合文件，不是纯文本：请按文件本身的格式提交，或另存为 .docx",
        ),
        (
            b"{\\rtf",
            "RTF 文件，不是纯文本：请按 .rtf 文件提交，或另存为 .docx",
        ),
        (b"\x89PNG", image!("PNG")),
        (b"\xFF\xD8\xFF", image!("JPEG")),
        (b"GIF8", image!("GIF")),
        (b"II*\x00", image!("TIFF")),
        (b"MM\x00*", image!("TIFF")),
        (b"\x1F\x8B", "gzip 压缩包：请解压后逐个提交其中的报告"),
        (b"Rar!", "RAR 压缩包：请解压后逐个提交其中的报告"),
        (b"7z\xBC\xAF", "7-Zip 压缩包：请解压后逐个提交其中的报告"),
    ];
    // A bitmap: `BM`, the file size, then four reserved zero bytes (text may start with `BM`).
    if bytes.starts_with(b"BM") && bytes.get(6..10) == Some(&[0, 0, 0, 0]) {
        return Some(image!("BMP"));
    }
    if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        return Some(image!("WebP"));
    }
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|&(_, kind)| kind)
}

/// UTF-16 saved without a byte-order mark: many NUL bytes, nearly all at odd (LE) or even (BE)
/// positions.
fn utf16_without_bom(bytes: &[u8]) -> Option<Decoded> {
    // Without a zero byte the counts below are zero: not UTF-16 by this test.
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) || memchr::memchr(0, bytes).is_none() {
        return None;
    }
    let pairs = bytes.len() / 2;
    let zero_even = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let (encoding, name) = if zero_odd * 4 > pairs && zero_even * 20 < pairs {
        (UTF_16LE, "UTF-16LE")
    } else if zero_even * 4 > pairs && zero_odd * 20 < pairs {
        (UTF_16BE, "UTF-16BE")
    } else {
        return None;
    };
    let text = strict(encoding, bytes)?;
    checked(text, name).ok()
}

/// Whether GB18030 bytes are mostly common characters: GB2312's level-one characters (lead bytes
/// B0–D7) and its punctuation (A1–A9). Text in another legacy encoding (Shift_JIS kana, EUC-KR)
/// decodes as GB18030 only into rare characters, so this tells it from real Chinese.
fn mostly_common_gb(bytes: &[u8]) -> bool {
    let (mut common, mut total) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        if lead < 0x80 {
            i += 1;
            continue;
        }
        total += 1;
        if bytes.get(i + 1).is_some_and(|b| b.is_ascii_digit()) {
            i += 4; // a four-byte GB18030 sequence: never common
            continue;
        }
        if matches!(lead, 0xA1..=0xA9 | 0xB0..=0xD7) {
            common += 1;
        }
        i += 2;
    }
    total > 0 && common * 100 >= total * 85
}

/// Whether text decoded from a legacy encoding reads as Chinese rather than mojibake: nearly all of
/// its non-ASCII characters are common Chinese characters or CJK punctuation.
fn plausibly_chinese(text: &str) -> bool {
    let mut non_ascii = 0usize;
    let mut good = 0usize;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        if matches!(c, '\u{4E00}'..='\u{9FA5}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{2010}'..='\u{203B}' | '\u{00B7}' | '\u{2160}'..='\u{216B}' | '\u{2460}'..='\u{2473}')
        {
            good += 1;
        }
    }
    non_ascii > 0 && good * 100 >= non_ascii * 95
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn control_characters_are_counted_as_char_is_control_counts_them(text in "\\PC*|[\\x00-\\x7f\\u{80}-\\u{a0}\\u{c2}法]*") {
            let by_chars = text
                .chars()
                .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}'))
                .count();
            prop_assert_eq!(controls(&text), by_chars);
        }
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("普法".as_bytes()).unwrap().encoding, "UTF-8");
        let with_bom = [&[0xEF, 0xBB, 0xBF][..], "普法".as_bytes()].concat();
        let d = decode(&with_bom).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("普法", "UTF-8-BOM"));
    }

    #[test]
    fn utf16_with_bom_and_without() {
        let mut le = vec![0xFF, 0xFE];
        for u in "行政执法 2021".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("行政执法 2021", "UTF-16LE"));
        let mut be = Vec::new();
        for u in "report 2021 年".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap().encoding, "UTF-16BE");
    }

    #[test]
    fn short_gbk_is_read_right() {
        let text = "双山镇人民政府2021年法治政府建设工作报告。一、加强组织领导，成立领导小组。";
        let (bytes, _, _) = encoding_rs::GBK.encode(text);
        let d = decode(&bytes).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "GB18030"));
    }

    #[test]
    fn binary_and_mojibake_are_refused() {
        assert!(matches!(
            decode(b"PK\x03\x04rest"),
            Err(Error::NotText { .. })
        ));
        assert!(matches!(decode(b"%PDF-1.7"), Err(Error::NotText { .. })));
        assert!(matches!(
            decode(&[0x00, 0x01, 0x02, 0xFF, 0xFE, 0x80, 0x00]),
            Err(Error::NotText { .. })
        ));
        // Shift_JIS Japanese is not GBK Chinese.
        let (sjis, _, _) =
            encoding_rs::SHIFT_JIS.encode("これは日本語の文章です。ひらがなとカタカナ。");
        assert!(matches!(decode(&sjis), Err(Error::NotText { .. })));
    }

    #[test]
    fn ascii_only_is_utf8() {
        assert_eq!(decode(b"plain").unwrap().encoding, "UTF-8");
        assert_eq!(decode(b"").unwrap().text, "");
    }
}

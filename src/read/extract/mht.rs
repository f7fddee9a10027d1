//! Single-file web pages (.mht, .mhtml): a MIME message parsed with `mail-parser`, its HTML part
//! decoded (quoted-printable or base64, then the part's charset) and read as a saved page. See the
//! module documentation of `extract`.

use mail_parser::decoders::base64::base64_decode;
use mail_parser::decoders::quoted_printable::quoted_printable_decode;
use mail_parser::{Encoding, MessageParser, MimeHeaders, PartType};

use super::not_text;
use crate::error::Result;

/// Whether the bytes look like a MIME message holding a web page: headers at the start (within the
/// first few kilobytes) naming `multipart/related` or `text/html`, or `MIME-Version`.
pub(super) fn looks_like_mht(bytes: &[u8], named_mht: bool) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let starts_with_header = head.trim_start().split_once(':').is_some_and(|(name, _)| {
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    });
    starts_with_header
        && (head.contains("multipart/related")
            || (named_mht && (head.contains("mime-version:") || head.contains("text/html"))))
}

/// The page of a single-file web page.
pub(super) enum Page {
    /// Decoded in the charset its part's `Content-Type` names, with that charset's name (GBK and
    /// GB2312 named `GB18030`, as for text).
    Decoded(String, &'static str),
    /// The page's bytes, decoded from their transfer encoding only: the part names no charset, so
    /// the page's own `<meta charset>` or detection decides.
    Bytes(Vec<u8>),
}

/// The page's HTML: its first `text/html` part, decoded from quoted-printable or base64.
pub(super) fn html(bytes: &[u8]) -> Result<Page> {
    let message = MessageParser::default().parse(bytes).ok_or_else(|| {
        not_text(
            "单文件网页（.mht）无法解析：文件已损坏，请在浏览器中重新保存，或提供 .docx、.txt 文件",
        )
    })?;
    let page = message
        .parts
        .iter()
        .find(|part| {
            part.content_type().is_some_and(|ct| {
                ct.ctype().eq_ignore_ascii_case("text")
                    && ct.subtype().is_some_and(|s| s.eq_ignore_ascii_case("html"))
            })
        })
        .ok_or_else(|| {
            not_text("单文件网页（.mht）中没有网页正文（text/html 部分）：请在浏览器中重新保存，或提供 .docx、.txt 文件")
        })?;
    let charset = page
        .content_type()
        .and_then(|ct| ct.attribute("charset"))
        .and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()));
    let Some(charset) = charset else {
        let raw = bytes
            .get(page.offset_body as usize..page.offset_end as usize)
            .unwrap_or_default();
        let decoded = match page.encoding {
            Encoding::QuotedPrintable => quoted_printable_decode(raw),
            Encoding::Base64 => base64_decode(raw),
            _ => None,
        };
        return Ok(Page::Bytes(decoded.unwrap_or_else(|| raw.to_vec())));
    };
    let name = if charset == encoding_rs::GBK || charset == encoding_rs::GB18030 {
        "GB18030"
    } else {
        charset.name()
    };
    match &page.body {
        PartType::Html(text) | PartType::Text(text) => Ok(Page::Decoded(text.to_string(), name)),
        PartType::Binary(bytes) | PartType::InlineBinary(bytes) => Ok(Page::Decoded(
            String::from_utf8_lossy(bytes).into_owned(),
            name,
        )),
        _ => Err(not_text(
            "单文件网页（.mht）的正文无法解码：请在浏览器中重新保存，或提供 .docx、.txt 文件",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_gbk_page() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<html><body><p>法治政府</p></body></html>");
        let qp: String = gbk
            .iter()
            .map(|&b| {
                if b.is_ascii_alphanumeric() || b"<>/ ".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("={b:02X}")
                }
            })
            .collect();
        let mht = format!(
            "From: <Saved by Windows Internet Explorer>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/html; charset=\"gb2312\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{qp}\r\n--B--\r\n"
        );
        assert!(looks_like_mht(mht.as_bytes(), false));
        let Page::Decoded(page, charset) = html(mht.as_bytes()).unwrap() else {
            panic!("a charset is named")
        };
        assert_eq!(
            (page.trim(), charset),
            ("<html><body><p>法治政府</p></body></html>", "GB18030")
        );
        // Without a charset in the part's header, the bytes are handed on for the page's own.
        let bare = mht.replace("; charset=\"gb2312\"", "");
        let Page::Bytes(page) = html(bare.as_bytes()).unwrap() else {
            panic!("no charset is named")
        };
        assert_eq!(page.trim_ascii(), &gbk[..]);
        assert!(!looks_like_mht(
            "一、加强组织领导：成立领导小组".as_bytes(),
            true
        ));
    }
}

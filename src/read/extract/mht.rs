//! Single-file web pages (.mht, .mhtml): a MIME message parsed with `mail-parser`, its HTML part
//! decoded (quoted-printable or base64, then the part's charset) and read as a saved page. See the
//! module documentation of `extract`.

use mail_parser::{MessageParser, MimeHeaders, PartType};

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

/// The page's HTML, decoded from its transfer encoding and charset, and the charset's name (`UTF-8`
/// when the part names none; GBK and GB2312 are named `GB18030`, as for text).
pub(super) fn html(bytes: &[u8]) -> Result<(String, &'static str)> {
    let message = MessageParser::default().parse(bytes).ok_or_else(|| {
        not_text(
            "单文件网页（.mht）无法解析：文件已损坏，请在浏览器中重新保存，或提供 .docx、.txt 文件",
        )
    })?;
    let page = message
        .parts
        .iter()
        .find(|part| {
            part.content_type()
                .is_some_and(|ct| ct.ctype().eq_ignore_ascii_case("text") && ct.subtype().is_some_and(|s| s.eq_ignore_ascii_case("html")))
        })
        .ok_or_else(|| {
            not_text("单文件网页（.mht）中没有网页正文（text/html 部分）：请在浏览器中重新保存，或提供 .docx、.txt 文件")
        })?;
    let charset = page
        .content_type()
        .and_then(|ct| ct.attribute("charset"))
        .and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()))
        .map_or("UTF-8", |e| {
            if e == encoding_rs::GBK || e == encoding_rs::GB18030 {
                "GB18030"
            } else {
                e.name()
            }
        });
    match &page.body {
        PartType::Html(text) | PartType::Text(text) => Ok((text.to_string(), charset)),
        PartType::Binary(bytes) | PartType::InlineBinary(bytes) => {
            Ok((String::from_utf8_lossy(bytes).into_owned(), charset))
        }
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
        let (page, charset) = html(mht.as_bytes()).unwrap();
        assert_eq!(
            (page.trim(), charset),
            ("<html><body><p>法治政府</p></body></html>", "GB18030")
        );
        assert!(!looks_like_mht(
            "一、加强组织领导：成立领导小组".as_bytes(),
            true
        ));
    }
}

//! Word 97–2003 .doc and WPS .wps files: the OLE compound file opened with `cfb`, the main text
//! taken from the `WordDocument` stream through the piece table. See the
//! module documentation of `extract`.

use std::io::{Cursor, Read};

use super::not_text;
use crate::error::Result;

/// The largest stream read from a .doc or .wps file (50 MB); a larger one is refused.
pub const MAX_DOC_STREAM_BYTES: u64 = 50 * 1024 * 1024;

/// Whether the bytes start like an OLE compound file.
pub(super) fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

fn damaged(_e: impl std::fmt::Display) -> crate::error::Error {
    // The reader's own words (English) are left out: the person reading is told what to do.
    not_text(
        "Word/WPS 文件已损坏，无法读取：请用 Word 或 WPS 打开后另存为 .docx 再提交".to_string(),
    )
}

/// The main text of a .doc or .wps file, one paragraph (or table cell) a line.
pub(super) fn extract(bytes: &[u8]) -> Result<String> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(damaged)?;
    if !file.is_stream("WordDocument") {
        return Err(not_a_word_file(&file));
    }
    let word = read_stream(&mut file, "WordDocument")?;
    let fib = Fib::parse(&word)?;
    let table_name = if fib.table_1 { "1Table" } else { "0Table" };
    if !file.is_stream(table_name) {
        return Err(damaged(format!("没有 {table_name} 流")));
    }
    let table = read_stream(&mut file, table_name)?;
    let clx = table
        .get(fib.fc_clx as usize..(fib.fc_clx as usize).saturating_add(fib.lcb_clx as usize))
        .ok_or_else(|| damaged("片段表超出了表格流"))?;
    let pieces = piece_table(clx)?;
    let text = main_text(&word, &pieces, fib.ccp_text)?;
    Ok(lines(&text))
}

fn read_stream<F: Read + std::io::Seek>(
    file: &mut cfb::CompoundFile<F>,
    name: &str,
) -> Result<Vec<u8>> {
    let stream = file.open_stream(name).map_err(damaged)?;
    if stream.len() > MAX_DOC_STREAM_BYTES {
        return Err(not_text(format!(
            "Word/WPS 文件中的 {name} 流有 {} 字节，超过 {MAX_DOC_STREAM_BYTES} 字节的上限：文件已损坏，请另存为 .docx 再提交",
            stream.len()
        )));
    }
    let mut buf = Vec::new();
    stream
        .take(MAX_DOC_STREAM_BYTES)
        .read_to_end(&mut buf)
        .map_err(damaged)?;
    Ok(buf)
}

/// The reason an OLE file without a `WordDocument` stream is refused, naming what it seems to be.
fn not_a_word_file<F>(file: &cfb::CompoundFile<F>) -> crate::error::Error {
    let reason = if file.is_stream("EncryptedPackage") {
        "加密（设置了打开密码）的 Word 文件：请去掉密码后另存为 .docx 再提交"
    } else if file.is_stream("Workbook") || file.is_stream("Book") {
        "Excel 表格（.xls 或 WPS .et），不是报告文档：请提交 Word、WPS 文字或 PDF 格式的报告"
    } else if file.is_stream("PowerPoint Document") {
        "PowerPoint 演示文稿（.ppt 或 WPS .dps），不是报告文档：请提交 Word、WPS 文字或 PDF 格式的报告"
    } else {
        "OLE 复合文件，但不是 Word 或 WPS 文字文档（没有 WordDocument 流）：请用 Word 或 WPS 打开后另存为 .docx 再提交"
    };
    not_text(reason)
}

/// What the File Information Block says: where the piece table is and how long the main text is.
#[derive(Debug)]
struct Fib {
    table_1: bool,
    ccp_text: u32,
    fc_clx: u32,
    lcb_clx: u32,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

impl Fib {
    fn parse(word: &[u8]) -> Result<Fib> {
        let short = || damaged("文件信息块不完整");
        if u16_at(word, 0).ok_or_else(short)? != 0xA5EC {
            return Err(not_text(
                "不是 Word 97–2003 或 WPS 文字文档（WordDocument 流的标识不对）：请用 Word 或 WPS 打开后另存为 .docx 再提交",
            ));
        }
        let n_fib = u16_at(word, 2).ok_or_else(short)?;
        if n_fib < 0x00C1 {
            return Err(not_text(
                "Word 6.0/95 或更早格式的 .doc 文件，无法读取：请用 Word 或 WPS 打开后另存为 .docx 再提交",
            ));
        }
        let flags = u16_at(word, 10).ok_or_else(short)?;
        if flags & 0x0100 != 0 || flags & 0x8000 != 0 {
            return Err(not_text(
                "Word/WPS 文件已加密（设置了打开密码）：请去掉密码后另存为 .docx 再提交",
            ));
        }
        let csw = u16_at(word, 32).ok_or_else(short)? as usize;
        let cslw_at = 34 + csw * 2;
        let cslw = u16_at(word, cslw_at).ok_or_else(short)? as usize;
        let rglw = cslw_at + 2;
        if cslw < 4 {
            return Err(short());
        }
        let ccp_text = u32_at(word, rglw + 12).ok_or_else(short)?;
        let cb_at = rglw + cslw * 4;
        let pairs = u16_at(word, cb_at).ok_or_else(short)? as usize;
        if pairs < 34 {
            return Err(short());
        }
        let blob = cb_at + 2;
        Ok(Fib {
            table_1: flags & 0x0200 != 0,
            ccp_text,
            fc_clx: u32_at(word, blob + 33 * 8).ok_or_else(short)?,
            lcb_clx: u32_at(word, blob + 33 * 8 + 4).ok_or_else(short)?,
        })
    }
}

/// One piece of the text: character positions `cp..cp_end`, stored from byte `fc` of the
/// `WordDocument` stream in 8-bit (Windows-1252) or 16-bit (UTF-16LE) characters.
struct Piece {
    cp: u32,
    cp_end: u32,
    fc: u32,
    compressed: bool,
}

/// The pieces of the `Clx` structure: `Prc` records (formatting, skipped) then the `Pcdt`.
fn piece_table(clx: &[u8]) -> Result<Vec<Piece>> {
    let mut at = 0;
    loop {
        match clx.get(at) {
            Some(1) => {
                let cb = u16_at(clx, at + 1).ok_or_else(|| damaged("片段表不完整"))? as usize;
                at += 3 + cb;
            }
            Some(2) => break,
            _ => return Err(damaged("找不到片段表")),
        }
    }
    let lcb = u32_at(clx, at + 1).ok_or_else(|| damaged("片段表不完整"))? as usize;
    let plc = clx
        .get(at + 5..(at + 5).saturating_add(lcb))
        .ok_or_else(|| damaged("片段表不完整"))?;
    if plc.len() < 4 || (plc.len() - 4) % 12 != 0 {
        return Err(damaged("片段表的长度不对"));
    }
    let n = (plc.len() - 4) / 12;
    let mut pieces = Vec::with_capacity(n);
    for i in 0..n {
        let cp = u32_at(plc, i * 4).unwrap_or(0);
        let cp_end = u32_at(plc, (i + 1) * 4).unwrap_or(0);
        let pcd = (n + 1) * 4 + i * 8;
        let fc = u32_at(plc, pcd + 2).unwrap_or(0);
        if cp_end < cp {
            return Err(damaged("片段表的位置不是递增的"));
        }
        pieces.push(Piece {
            cp,
            cp_end,
            fc: fc & 0x3FFF_FFFF,
            compressed: fc & 0x4000_0000 != 0,
        });
    }
    Ok(pieces)
}

/// The first `ccp_text` characters of the document (the main text, before footnotes and headers).
fn main_text(word: &[u8], pieces: &[Piece], ccp_text: u32) -> Result<String> {
    let mut text = String::new();
    for piece in pieces {
        if piece.cp >= ccp_text {
            break;
        }
        let count = (piece.cp_end.min(ccp_text) - piece.cp) as usize;
        if piece.compressed {
            let start = piece.fc as usize / 2;
            let bytes = word
                .get(start..start.saturating_add(count))
                .ok_or_else(|| damaged("文字片段超出了 WordDocument 流"))?;
            let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            text.push_str(&decoded);
        } else {
            let start = piece.fc as usize;
            let bytes = word
                .get(start..start.saturating_add(count * 2))
                .ok_or_else(|| damaged("文字片段超出了 WordDocument 流"))?;
            let units = bytes
                .chunks_exact(2)
                .map(|u| u16::from_le_bytes([u[0], u[1]]));
            text.extend(char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')));
        }
    }
    Ok(text)
}

/// Word's special characters turned into lines: paragraph marks, cell and row marks, line, page and
/// column breaks end a line; a field's code (between its begin and separator marks) is left out and
/// its result kept; object anchors, footnote marks and optional hyphens are dropped.
fn lines(text: &str) -> String {
    // For each open field, whether its code is still being read.
    let mut fields: Vec<bool> = Vec::new();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{13}' => fields.push(true),
            '\u{14}' => {
                if let Some(code) = fields.last_mut() {
                    *code = false;
                }
            }
            '\u{15}' => {
                fields.pop();
            }
            _ if fields.iter().any(|&code| code) => {}
            '\r' | '\u{07}' | '\u{0B}' | '\u{0C}' | '\u{0E}' => out.push('\n'),
            '\t' => out.push(' '),
            '\u{1E}' => out.push('-'),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_codes_are_dropped_and_cells_end_lines() {
        let raw = "一、加强组织领导\r见\u{13} HYPERLINK \"x\" \u{14}附件\u{15}。\r序号\u{07}事项\u{07}\u{07}1\u{07}普法\u{07}\u{07}\u{01}\r";
        assert_eq!(
            lines(raw),
            "一、加强组织领导\n见附件。\n序号\n事项\n1\n普法"
        );
    }

    #[test]
    fn a_short_or_foreign_word_stream_is_refused() {
        assert!(Fib::parse(&[0xEC, 0xA5]).is_err());
        assert!(Fib::parse(&[0u8; 600]).is_err());
        let mut w95 = vec![0u8; 600];
        w95[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
        w95[2..4].copy_from_slice(&104u16.to_le_bytes());
        assert!(
            Fib::parse(&w95)
                .unwrap_err()
                .to_string()
                .contains("Word 6.0/95")
        );
    }

    #[test]
    fn piece_tables_out_of_bounds_are_errors() {
        assert!(piece_table(&[]).is_err());
        assert!(piece_table(&[2, 0xFF, 0xFF, 0xFF, 0x7F]).is_err());
        assert!(piece_table(&[1, 0xFF, 0xFF]).is_err());
        let piece = Piece {
            cp: 0,
            cp_end: 100,
            fc: 1_000_000,
            compressed: false,
        };
        assert!(main_text(&[0; 16], &[piece], 100).is_err());
    }
}

//! The batch as an Excel workbook (`--xlsx FILE`), written with rust_xlsxwriter: four sheets, for the
//! legal office to sort, filter and send on.
//!
//! - 报告 (reports): one row per file, the columns of the office's [`Table`] (单位, 标题, 年度,
//!   发布日期 and its line, 是否按时, 结论, 得分, each area, each finding, 雷同报告, 错误);
//! - 问题 (findings): one row per finding, with its file, severity, line and column and message;
//! - 数字 (figures): one row per figure (调解70件), with the area it stands in and its line;
//! - 汇总 (summary): reports by verdict, each area's missing and weak counts, each finding's count.
//!
//! Cells are written as text or numbers, never as formulas, so a title that starts with `=` stays
//! text. The whole workbook is built in memory and written whole or not at all.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::judging::figures::Figure;
use crate::judging::findings::Finding;
use crate::judging::verdicts::Status;
use crate::render::table::{Cell, FINDING_COLUMNS, Row, Table, finding_label};
use crate::report::Verdict;
use crate::text::lang::Lang;

use super::write::AtomicFile;

/// What the workbook holds of one file: its row, its findings and its figures.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The row of the reports sheet.
    pub row: Row,
    /// The findings, for the findings sheet.
    pub findings: Vec<Finding>,
    /// The figures, for the figures sheet.
    pub figures: Vec<Figure>,
}

/// Excel holds at most this many characters in a cell.
const MAX_CELL: usize = 32_000;

fn clip(s: &str) -> String {
    if s.len() <= MAX_CELL {
        s.to_string()
    } else {
        let mut end = MAX_CELL;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}…", &s[..end])
    }
}

fn put(sheet: &mut Worksheet, row: u32, col: u16, cell: &Cell) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => {
            sheet.write_string(row, col, clip(s))?;
        }
        Cell::Int(n) => {
            sheet.write_number(row, col, *n as f64)?;
        }
        Cell::Number(x) => {
            sheet.write_number(row, col, *x)?;
        }
    }
    Ok(())
}

/// A sheet's first row in bold, frozen, with a filter over `rows` rows below.
fn header(sheet: &mut Worksheet, names: &[String], rows: usize) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (c, name) in names.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, name.as_str(), &bold)?;
        let width = unicode_width::UnicodeWidthStr::width(name.as_str());
        sheet.set_column_width(c as u16, (width + 2).clamp(8, 40) as f64)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    if !names.is_empty() {
        sheet.autofilter(0, 0, rows as u32, names.len() as u16 - 1)?;
    }
    Ok(())
}

/// The workbook's bytes.
///
/// # Errors
///
/// When rust_xlsxwriter refuses the data (more rows than a sheet holds).
pub fn workbook(table: &Table, entries: &[Entry]) -> Result<Vec<u8>, XlsxError> {
    let l = table.lang();
    let mut book = Workbook::new();

    let sheet = book.add_worksheet();
    sheet.set_name(l.pick("报告", "reports"))?;
    header(sheet, &table.header(), entries.len())?;
    for (r, entry) in entries.iter().enumerate() {
        for (c, cell) in table.cells(&entry.row).iter().enumerate() {
            put(sheet, r as u32 + 1, c as u16, cell)?;
        }
    }

    let sheet = book.add_worksheet();
    sheet.set_name(l.pick("问题", "findings"))?;
    let names: Vec<String> = [
        l.pick("文件", "file"),
        l.pick("单位", "organization"),
        l.pick("问题", "finding"),
        l.pick("编号", "id"),
        l.pick("严重程度", "severity"),
        l.pick("行", "line"),
        l.pick("列", "column"),
        l.pick("说明", "message"),
    ]
    .map(String::from)
    .to_vec();
    let count: usize = entries.iter().map(|e| e.findings.len()).sum();
    header(sheet, &names, count)?;
    let mut r = 1;
    for entry in entries {
        for f in &entry.findings {
            let cells = [
                Cell::Text(entry.row.file.clone()),
                entry
                    .row
                    .organization
                    .clone()
                    .map_or(Cell::Empty, Cell::Text),
                Cell::Text(finding_label(&f.id, l)),
                Cell::Text(f.id.clone()),
                Cell::Text(f.severity.label(l).to_string()),
                f.line.map_or(Cell::Empty, |n| Cell::Int(n as i64)),
                f.column.map_or(Cell::Empty, |n| Cell::Int(n as i64)),
                Cell::Text(f.message.clone()),
            ];
            for (c, cell) in cells.iter().enumerate() {
                put(sheet, r, c as u16, cell)?;
            }
            r += 1;
        }
    }

    let sheet = book.add_worksheet();
    sheet.set_name(l.pick("数字", "figures"))?;
    let names: Vec<String> = crate::render::figures_columns(l).map(String::from).to_vec();
    let count: usize = entries.iter().map(|e| e.figures.len()).sum();
    header(sheet, &names, count)?;
    let mut r = 1;
    for entry in entries {
        for f in &entry.figures {
            let area = f.area.as_deref().map(|id| {
                table
                    .areas()
                    .iter()
                    .find(|(a, _)| a == id)
                    .filter(|_| l == Lang::Zh)
                    .map_or(id.to_string(), |(_, title)| title.clone())
            });
            let cells = [
                Cell::Text(entry.row.file.clone()),
                entry
                    .row
                    .organization
                    .clone()
                    .map_or(Cell::Empty, Cell::Text),
                entry.row.year.map_or(Cell::Empty, |y| Cell::Int(y.into())),
                area.map_or(Cell::Empty, Cell::Text),
                Cell::Text(f.label.clone()),
                Cell::Number(f.value),
                Cell::Text(f.unit.clone()),
                Cell::Int(f.line as i64),
                Cell::Int(f.column as i64),
            ];
            for (c, cell) in cells.iter().enumerate() {
                match cell {
                    // A figure's value as written, not rounded to one decimal.
                    Cell::Number(x) => {
                        sheet.write_number(r, c as u16, *x)?;
                    }
                    _ => put(sheet, r, c as u16, cell)?,
                }
            }
            r += 1;
        }
    }

    let sheet = book.add_worksheet();
    sheet.set_name(l.pick("汇总", "summary"))?;
    let names: Vec<String> = [l.pick("项目", "item"), l.pick("数量", "count")]
        .map(String::from)
        .to_vec();
    let mut lines: Vec<(String, usize)> = Vec::new();
    lines.push((l.pick("报告份数", "files").to_string(), entries.len()));
    for verdict in [Verdict::Pass, Verdict::Revise, Verdict::Return] {
        let n = entries
            .iter()
            .filter(|e| e.row.verdict == Some(verdict))
            .count();
        lines.push((
            format!("{}{}", l.pick("结论：", "verdict: "), verdict.label(l)),
            n,
        ));
    }
    lines.push((
        l.pick("无法读取", "unreadable").to_string(),
        entries.iter().filter(|e| e.row.error.is_some()).count(),
    ));
    for (id, title) in table.areas() {
        let name = match l {
            Lang::Zh => title.clone(),
            Lang::En => id.clone(),
        };
        for status in [Status::Missing, Status::Weak] {
            let n = entries
                .iter()
                .filter(|e| e.row.areas.iter().any(|(a, s)| a == id && *s == status))
                .count();
            lines.push((
                format!("{name}{}{}", l.pick("：", ": "), status.label(l)),
                n,
            ));
        }
    }
    for (id, ..) in FINDING_COLUMNS {
        let n = entries
            .iter()
            .filter(|e| e.findings.iter().any(|f| f.id == *id))
            .count();
        lines.push((
            format!(
                "{}{}（{id}）",
                l.pick("问题：", "finding: "),
                finding_label(id, l)
            ),
            n,
        ));
    }
    header(sheet, &names, lines.len())?;
    for (r, (name, n)) in lines.iter().enumerate() {
        sheet.write_string(r as u32 + 1, 0, name.as_str())?;
        sheet.write_number(r as u32 + 1, 1, *n as f64)?;
    }
    sheet.set_column_width(0, 36)?;

    book.save_to_buffer()
}

/// Writes the workbook to `path`, whole or not at all.
///
/// # Errors
///
/// When the workbook cannot be built or the file cannot be written.
pub fn write(path: &Path, table: &Table, entries: &[Entry]) -> std::io::Result<()> {
    let bytes = workbook(table, entries).map_err(std::io::Error::other)?;
    let mut file = AtomicFile::create(path)?;
    file.write_bytes(&bytes)?;
    file.finish()
}

//! A batch compared after it is checked: each file is read and checked once, and what the
//! comparison needs of it (its fingerprint, organisation and year) is kept in memory, while its
//! outputs wait in a temporary file (the spool) until the batch has been compared. Then they are
//! written in input order; the few reports the comparison adds a finding to (copied text, last year's
//! text, a second submission) are rendered again from their JSON record, held in the spool too, and
//! their HTML pages written again with the shared passages side by side, from the texts held there.
//! Memory holds a few numbers a file beside the fingerprints; the spool about the size of the output.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};

use super::{Body, Checked, Run, page_name, write_whole};
use crate::render::html::{self, OtherLines};
use crate::render::summary::Summary;
use crate::similarity::Fingerprint;
use crate::{Error, Report};

/// How a report held is rendered again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Again {
    /// From its output line, which is its JSON record.
    Line,
    /// From its JSON record, held beside the line.
    Record,
    /// By checking it again (`--explain`, whose explanation is not held).
    Check,
}

/// What a worker hands over of a report checked in a batch compared after checking.
pub(super) struct Held {
    pub fingerprint: Fingerprint,
    pub body: Body,
    /// Its JSON record, when the output line is not that.
    pub record: Option<String>,
    /// Its text, for its HTML page and the pages of the reports sharing text with it.
    pub text: Option<String>,
    pub chrome_lines: Vec<usize>,
    pub again: Again,
}

impl Held {
    /// What is held of `report` (its fingerprint taken out of it), rendered again as `again` says;
    /// `text` is the report's text where pages are written.
    pub fn of(report: &mut Report, text: Option<String>, again: Again) -> Held {
        Held {
            fingerprint: std::mem::take(&mut report.fingerprint),
            body: (report.metadata.organization.clone(), report.metadata.year),
            record: (again == Again::Record).then(|| crate::render::report_json(report)),
            chrome_lines: if text.is_some() {
                report.chrome_lines.clone()
            } else {
                Vec::new()
            },
            text,
            again,
        }
    }
}

/// A place in the spool: offset and length.
type Place = (u64, u32);

/// What is kept in memory of one file until the batch is compared.
pub(super) struct Kept {
    line: Place,
    record: Option<Place>,
    text: Option<Place>,
    chrome_lines: Vec<usize>,
    /// Its summary without its areas (those are counted already).
    summary: Summary,
    again: Option<Again>,
}

/// The temporary file the outputs wait in: written in order, then read back by place.
pub(super) struct Spool {
    file: BufWriter<File>,
    len: u64,
}

impl Spool {
    /// An anonymous temporary file, removed when dropped (or the program ends).
    pub fn new() -> std::io::Result<Spool> {
        Ok(Spool {
            file: BufWriter::with_capacity(1 << 20, tempfile::tempfile()?),
            len: 0,
        })
    }

    fn put(&mut self, s: &str) -> std::io::Result<Place> {
        self.file.write_all(s.as_bytes())?;
        let place = (self.len, s.len() as u32);
        self.len += s.len() as u64;
        Ok(place)
    }

    /// Holds a checked file's line, and its record and text where it has them.
    pub fn hold(&mut self, checked: &Checked, held: Option<&Held>) -> std::io::Result<Kept> {
        let line = self.put(&checked.line)?;
        let (record, text) = match held {
            Some(h) => (
                h.record.as_deref().map(|r| self.put(r)).transpose()?,
                h.text.as_deref().map(|t| self.put(t)).transpose()?,
            ),
            None => (None, None),
        };
        Ok(Kept {
            line,
            record,
            text,
            chrome_lines: held.map(|h| h.chrome_lines.clone()).unwrap_or_default(),
            summary: Summary::default(),
            again: held.map(|h| h.again),
        })
    }

    /// Done writing: the file to read back.
    pub fn read_back(self) -> std::io::Result<Unspool> {
        let mut file = self.file.into_inner().map_err(|e| e.into_error())?;
        file.flush()?;
        Ok(Unspool { file })
    }
}

impl Kept {
    /// The file's summary, without its areas.
    pub fn set_summary(&mut self, summary: Summary) {
        self.summary = summary;
    }

    /// Takes the file's summary out (an empty one when taken already).
    pub fn take_summary(&mut self) -> Summary {
        std::mem::take(&mut self.summary)
    }
}

/// The spool, read back.
pub(super) struct Unspool {
    file: File,
}

impl Unspool {
    /// The bytes held at `place`, as they were written (UTF-8).
    fn bytes(&mut self, (at, len): Place) -> std::io::Result<Vec<u8>> {
        self.file.seek(SeekFrom::Start(at))?;
        let mut bytes = vec![0; len as usize];
        self.file.read_exact(&mut bytes)?;
        Ok(bytes)
    }

    /// Appends the bytes held at `place` to `out`, read straight into it.
    fn append(&mut self, (at, len): Place, out: &mut Vec<u8>) -> std::io::Result<()> {
        self.file.seek(SeekFrom::Start(at))?;
        let from = out.len();
        out.resize(from + len as usize, 0);
        self.file.read_exact(&mut out[from..])
    }

    /// The text held at `place`.
    fn get(&mut self, place: Place) -> std::io::Result<String> {
        String::from_utf8(self.bytes(place)?)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }
}

/// One file's outputs after the comparison (its line appended to the lines to write): its summary
/// (without areas), and, when rendered again, its new index row, workbook entry and any message.
pub(super) struct Out {
    pub summary: Summary,
    pub again: Option<Checked>,
}

impl Run<'_> {
    /// The outputs of the item at `index` after the batch was compared: as held, or rendered again
    /// with what the comparison found. `page` is its page, where written.
    pub(super) fn after(
        &self,
        index: usize,
        item: &super::Item,
        kept: &mut [Kept],
        spool: &mut Unspool,
        page: Option<String>,
        lines: &mut Vec<u8>,
    ) -> std::io::Result<Out> {
        let k = &mut kept[index];
        let again = match k.again {
            Some(again) if self.is_late(index) => again,
            _ => {
                spool.append(k.line, lines)?;
                return Ok(Out {
                    summary: k.take_summary(),
                    again: None,
                });
            }
        };
        if again == Again::Check {
            let checked = self.check(index, item);
            lines.extend_from_slice(checked.line.as_bytes());
            return Ok(Out {
                summary: checked.summary.clone(),
                again: Some(checked),
            });
        }
        let record = spool.bytes(match again {
            Again::Record => k.record.unwrap_or(k.line),
            _ => k.line,
        })?;
        let mut report: Report = serde_json::from_slice(&record)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        report.chrome_lines = std::mem::take(&mut k.chrome_lines);
        self.annotate_late(index, &mut report);
        let name = &self.names[index];
        let mut message = None;
        let mut page_failed = false;
        if let (Some(dir), Some(page), Some(text)) = (&self.options.html, &page, k.text) {
            let text = spool.get(text)?;
            let mut links = self.page_links(index);
            for (other, lines) in self.copies.others_of(index) {
                if let Some(place) = kept[other].text {
                    let other_text = spool.get(place)?;
                    let other_name = &self.names[other];
                    links.others.push(OtherLines::of(
                        other_name,
                        Some(page_name(other, other_name)),
                        &other_text,
                        &lines,
                    ));
                }
            }
            if let Err(e) = write_whole(
                &dir.join(page),
                &html::report_page(name, &text, &report, &links),
            ) {
                page_failed = true;
                message = Some(self.page_error(name, &e));
            }
        }
        let outcome: Result<Report, Error> = Ok(report);
        let mut checked = self.render(index, name, &outcome, page);
        checked.message = message;
        checked.page_failed = page_failed;
        lines.extend_from_slice(checked.line.as_bytes());
        Ok(Out {
            summary: std::mem::take(&mut checked.summary),
            again: Some(checked),
        })
    }
}

impl Run<'_> {
    /// After every file of the batch is checked and held: compares the batch (copied text, last
    /// year's text, second submissions), then writes the outputs held, in input order, those the
    /// comparison adds a finding to rendered again (their index rows and workbook entries
    /// replaced). `current` holds each file's fingerprint, `bodies` its organisation and year.
    /// False when an output could not be written (the reason said to `err`, but for a closed pipe).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn compared(
        &mut self,
        items: &[super::Item],
        spool: Spool,
        kept: &mut [Kept],
        (mut current, bodies): (Vec<(String, Fingerprint)>, Vec<Body>),
        summary: &mut Summary,
        (index_rows, entries): (&mut [html::IndexRow], &mut [super::xlsx::Entry]),
        page_failed: &mut bool,
        write: &mut dyn FnMut(&[u8]) -> bool,
        err: &mut dyn Write,
        progress: &dyn super::Progress,
    ) -> bool {
        let lang = self.options.text.lang;
        let error = lang.pick("错误：", "error: ");
        progress.stage(lang.pick("比对雷同文本", "comparing texts"));
        progress.start(items.len() as u64);
        for (c, name) in current.iter_mut().zip(&self.names) {
            c.0.clone_from(name);
        }
        self.duplicates = super::duplicates(&bodies);
        self.organizations = bodies.into_iter().map(|(o, _)| o).collect();
        let find_copies = items.len() > 1 && !self.options.no_copies;
        if find_copies {
            self.copies = crate::similarity::Copies::within_counting(
                &current,
                &crate::similarity::Thresholds::of(self.checker.rules()),
                &|| progress.advance(),
            );
        }
        if let Some(dir) = &self.options.previous {
            let repeated = self.last_year(dir, &current, &self.organizations, err);
            self.repeated = repeated;
        }
        if !find_copies {
            (0..items.len()).for_each(|_| progress.advance());
        }
        drop(current);
        let failed = |err: &mut dyn Write, e: std::io::Error| {
            let _ = writeln!(
                err,
                "{error}{}{e}",
                lang.pick("无法读回临时文件：", "cannot read a temporary file back: ")
            );
            false
        };
        let mut spool = match spool.read_back() {
            Ok(spool) => spool,
            Err(e) => return failed(err, e),
        };
        let mut lines: Vec<u8> = Vec::new();
        for (i, item) in items.iter().enumerate().take(kept.len()) {
            if self
                .options
                .stop
                .as_ref()
                .is_some_and(|s| s.load(std::sync::atomic::Ordering::Relaxed))
            {
                return true;
            }
            let page = index_rows.get(i).and_then(|r| r.page.clone());
            let out = match self.after(i, item, kept, &mut spool, page, &mut lines) {
                Ok(out) => out,
                Err(e) => return failed(err, e),
            };
            summary.merge(out.summary);
            if let Some(mut again) = out.again {
                if let Some(message) = &again.message {
                    let _ = err.write_all(message.as_bytes());
                }
                *page_failed |= again.page_failed;
                if let (Some(row), Some(slot)) = (again.index_row.take(), index_rows.get_mut(i)) {
                    *slot = row;
                }
                if let (Some(entry), Some(slot)) = (again.entry.take(), entries.get_mut(i)) {
                    *slot = entry;
                }
            }
            if lines.len() >= 1 << 16 {
                if !write(&lines) {
                    return false;
                }
                lines.clear();
            }
        }
        lines.is_empty() || write(&lines)
    }
}

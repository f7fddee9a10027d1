//! Step 10, the batch run (cargo feature `batch`, on by default): paths in, every output written in
//! input order.
//!
//! What a program that checks a folder of submissions needs beyond the checker, shared by the
//! example program and any other: [`collect`] walks the paths given (a folder's supported files in
//! sorted path order; hidden and unsupported files counted), [`read_file`] reads each within the
//! checker's size limit, and [`run`] checks them in parallel on every core (rayon's pool), finds
//! copied text across the batch, and writes the JSON Lines, text or CSV to one writer, the HTML
//! pages and the figures file whole or not at all, and the summary, in input order and in memory
//! that does not grow with the number of files. [`check_rules`] and [`stats`] are the rule
//! author's runs over a set of reports.
//!
//! The caller chooses where output and messages go (two writers) and how progress is shown (a
//! [`Progress`]); the module prints nothing of its own.

pub mod files;
mod input;
mod spill;
mod walk;
mod write;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

pub use input::read_file;
pub use walk::{Item, Walk, collect, collect_with, display_name};
pub use write::{AtomicFile, page_name, write_whole};

use crate::render::html::{self, IndexRow};
use crate::render::summary::Summary;
use crate::render::{self, TextOptions, visible};
use serde::{Deserialize, Serialize};

use crate::checker::explain::Explanation;
use crate::similarity::{CopiedPair, Copies, Fingerprint, Sketch, Thresholds};
use crate::{Checker, Error, Report, Severity};
use spill::Spill;

/// What the batch writes to its output.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Format {
    /// For people: verdicts with evidence, and a summary after a batch.
    Text,
    /// JSON Lines: one object per file, in input order.
    Json,
    /// A spreadsheet: one row per file, UTF-8 with a byte-order mark for Excel.
    Csv,
}

/// How a batch is run and what it writes.
#[derive(Debug, Clone)]
pub struct Options {
    /// The output format.
    pub format: Format,
    /// Only the summary, not each report's verdict (text format only).
    pub summary_only: bool,
    /// Explain every verdict (in JSON, an `explanation` key).
    pub explain: bool,
    /// Print each report's words as the checker segments them, and check nothing.
    pub tokens: bool,
    /// Also write every report's figures to this CSV file, whole or not at all.
    pub figures: Option<PathBuf>,
    /// Write a page per report and an `index.html` into this folder.
    pub html: Option<PathBuf>,
    /// A folder of last year's reports, for the `repeated_text` finding.
    pub previous: Option<PathBuf>,
    /// Do not look for text copied between the reports of the batch.
    pub no_copies: bool,
    /// How text output is rendered (colour, evidence per area, outline).
    pub text: TextOptions,
    /// Set (by a Ctrl-C handler, say) to stop the run: no further file is started, the temporary
    /// files are removed, the index lists the pages written, and the run ends with
    /// [`Exit::Interrupted`].
    pub stop: Option<Arc<AtomicBool>>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            format: Format::Text,
            summary_only: false,
            explain: false,
            tokens: false,
            figures: None,
            html: None,
            previous: None,
            no_copies: false,
            text: TextOptions::default(),
            stop: None,
        }
    }
}

/// How a run ended, as a program's exit status.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Exit {
    /// 0: every report passed (or, for the rule author's runs, nothing to complain of).
    Passed,
    /// 1: at least one report failed or could not be checked, or an output could not be written.
    Failed,
    /// 2: a usage error, or nothing to check.
    Usage,
    /// 130: stopped by [`Options::stop`] (an interrupt), as a shell reports Ctrl-C.
    Interrupted,
}

impl Exit {
    /// The process exit status: 0, 1 or 2.
    pub fn code(self) -> u8 {
        match self {
            Exit::Passed => 0,
            Exit::Failed => 1,
            Exit::Usage => 2,
            Exit::Interrupted => 130,
        }
    }
}

/// Shows a batch's progress. Every method has a default that does nothing; [`NoProgress`] is that.
pub trait Progress: Sync {
    /// The run will take `total` steps (one per file and pass).
    fn start(&self, _total: u64) {}
    /// One step is done.
    fn advance(&self) {}
    /// Runs `f`, which writes to the output, with the progress display out of the way.
    fn suspend(&self, f: &mut dyn FnMut()) {
        f();
    }
    /// The run is over: the display is cleared.
    fn finish(&self) {}
}

/// No progress shown.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}

/// Files handed to the workers at a time, per worker thread: output waits for a whole chunk, and at
/// most three chunks of rendered lines are held (one being written, one waiting, one being
/// checked). Enough per thread that a slow file costs little idle time at the end of a chunk.
const CHUNK_PER_THREAD: usize = 32;

/// What a worker hands back for one file: its output line, its summary, its figures' CSV rows, its
/// row of the HTML index, and a message for the error stream.
struct Checked {
    line: String,
    summary: Summary,
    figures: String,
    index_row: Option<IndexRow>,
    message: Option<String>,
    /// The report's HTML page could not be written.
    page_failed: bool,
}

struct Run<'a> {
    checker: &'a Checker,
    options: &'a Options,
    /// Reports of this batch that share much of their text, by item index.
    copies: Copies,
    /// Reports that repeat last year's, by item index.
    repeated: Copies,
}

/// A report checked and not yet written: what its outputs need (its text for the HTML page, the
/// explanation with `--explain`). Held on disk in JSON while a batch looks for copied text.
#[derive(Serialize, Deserialize)]
struct Held {
    report: Report,
    text: Option<String>,
    explanation: Option<Explanation>,
}

/// A held report read back from the spill, or the outputs of an item that had none; `None` when the
/// item was never checked.
type Got = Option<Result<Vec<u8>, Box<Checked>>>;

/// An item of a deferred batch between checking and writing.
enum Slot {
    /// Not checked: the run was stopped first.
    NotStarted,
    /// Its outputs, made at once (no report to add findings to).
    Finished(Box<Checked>),
    /// Its report, held on disk.
    Held(spill::Place),
}

/// What a worker of a deferred batch hands back for one item.
enum Pending {
    /// Its outputs.
    Finished(Box<Checked>),
    /// Its report in JSON (the fingerprint taken out), the fingerprint and the organisation.
    Held {
        record: Vec<u8>,
        fingerprint: Fingerprint,
        organization: Option<String>,
    },
}

impl Pending {
    fn of(produced: Produced) -> Pending {
        match produced {
            Produced::Finished(checked) => Pending::Finished(checked),
            Produced::Held(mut held) => {
                let fingerprint = std::mem::take(&mut held.report.fingerprint);
                let organization = held.report.metadata.organization.clone();
                let record = serde_json::to_vec(&*held).expect("reports serialize");
                Pending::Held {
                    record,
                    fingerprint,
                    organization,
                }
            }
        }
    }
}

/// What checking an item gives: its outputs, or a report to annotate before they are made.
enum Produced {
    /// Nothing to add (tokens, or the file could not be checked): the outputs.
    Finished(Box<Checked>),
    /// A report.
    Held(Box<Held>),
}

impl Run<'_> {
    /// Checks one item in a worker: its output line (if any) and a summary of it alone. The text and
    /// the report are dropped here.
    fn check(&self, index: usize, item: &Item) -> Checked {
        match self.produce(item) {
            Produced::Finished(checked) => *checked,
            Produced::Held(held) => self.finish(index, &item.name(), *held),
        }
    }

    /// Reads and checks one item, once: the report, or the outputs where there is none.
    fn produce(&self, item: &Item) -> Produced {
        let options = self.options;
        let name = item.name();
        let bytes = item.bytes(self.checker.max_input_bytes());
        if options.tokens {
            let line = match bytes.and_then(|b| crate::extract(&b, Some(&name))) {
                Ok(decoded) => format!(
                    "{}:\n{}\n\n",
                    visible(&name),
                    visible(
                        &self
                            .checker
                            .words(&decoded.text)
                            .join(" ")
                            .replace(" \n ", "\n")
                    )
                    .replace("\\u{a}", "\n")
                ),
                Err(e) => format!("{}: error: {}\n", visible(&name), visible(&e.to_string())),
            };
            return Produced::Finished(Box::new(Checked {
                line,
                summary: Summary::default(),
                figures: String::new(),
                index_row: None,
                message: None,
                page_failed: false,
            }));
        }
        let held = if options.explain {
            bytes
                .and_then(|b| crate::extract(&b, Some(&name)))
                .map(|d| {
                    let (report, explanation) = self.checker.explain_str(&d.text);
                    Held {
                        report,
                        text: None,
                        explanation: Some(explanation),
                    }
                })
        } else if options.html.is_some() {
            // The page shows the report's text, so the text is kept for it.
            bytes
                .and_then(|bytes| crate::extract(&bytes, Some(&name)))
                .map(|extracted| {
                    let mut report = self.checker.check_str(&extracted.text);
                    report.encoding = extracted.encoding.map(str::to_string);
                    report.format = Some(extracted.format);
                    Held {
                        report,
                        text: Some(extracted.text),
                        explanation: None,
                    }
                })
        } else {
            bytes
                .and_then(|bytes| self.checker.check_file_bytes(&bytes, Some(&name)))
                .map(|report| Held {
                    report,
                    text: None,
                    explanation: None,
                })
        };
        match held {
            Ok(held) => Produced::Held(Box::new(held)),
            Err(e) => Produced::Finished(Box::new(self.render(&name, Err(e), None, None, None))),
        }
    }

    /// The outputs of a checked report: its copied-text findings added, its page written.
    fn finish(&self, index: usize, name: &str, mut held: Held) -> Checked {
        self.annotate(index, &mut held.report);
        let mut page = None;
        let mut message = None;
        if let (Some(dir), Some(text)) = (&self.options.html, &held.text) {
            let name_of_page = page_name(index, name);
            let html = html::report_page(name, text, &held.report);
            match write_whole(&dir.join(&name_of_page), &html) {
                Ok(()) => page = Some(name_of_page),
                Err(e) => {
                    message = Some(format!("{}: cannot write its page: {e}\n", visible(name)));
                }
            }
        }
        let wanted = self.options.html.is_some() && held.text.is_some();
        self.render(
            name,
            Ok(held.report),
            held.explanation.as_ref(),
            wanted.then_some(page),
            message,
        )
    }

    /// The output line, summary, figures and index row of an outcome. `page` is `Some` when the
    /// report's page was to be written: the page's name, or `None` when it could not be.
    fn render(
        &self,
        name: &str,
        outcome: Result<Report, Error>,
        explanation: Option<&Explanation>,
        page: Option<Option<String>>,
        message: Option<String>,
    ) -> Checked {
        let options = self.options;
        let page_failed = matches!(page, Some(None));
        let page = page.flatten();
        if options.explain {
            let line = match (&outcome, explanation) {
                (Ok(report), Some(explanation)) => match options.format {
                    Format::Json => render::json_line_explained(name, report, explanation) + "\n",
                    _ => {
                        render::text(name, &Ok(report.clone()), &options.text)
                            + &render::explanation_text(name, explanation, &options.text)
                            + "\n"
                    }
                },
                _ => render::text(name, &outcome, &options.text),
            };
            let mut summary = Summary::default();
            summary.add(name, &outcome);
            let figures = render::figures_csv_rows(name, &outcome);
            return Checked {
                line,
                summary,
                figures,
                index_row: None,
                message,
                page_failed: false,
            };
        }
        let line = match options.format {
            Format::Json => render::json_line(name, &outcome) + "\n",
            Format::Csv => render::csv_row(name, &outcome, self.checker.rules()),
            Format::Text if options.summary_only => String::new(),
            Format::Text => render::text(name, &outcome, &options.text) + "\n",
        };
        let mut summary = Summary::default();
        summary.add(name, &outcome);
        let figures = if options.figures.is_some() {
            render::figures_csv_rows(name, &outcome)
        } else {
            String::new()
        };
        let index_row = options.html.as_ref().map(|_| IndexRow {
            file: name.to_string(),
            page,
            title: outcome.as_ref().ok().and_then(|r| r.metadata.title.clone()),
            outcome: match &outcome {
                Ok(r) => Ok((
                    r.score,
                    r.passed,
                    r.areas.iter().map(|a| a.status).collect(),
                )),
                Err(e) => Err(e.to_string()),
            },
        });
        Checked {
            line,
            summary,
            figures,
            index_row,
            message,
            page_failed,
        }
    }

    /// Adds the copied-text findings of the item at `index` to its report.
    fn annotate(&self, index: usize, report: &mut Report) {
        self.copies.annotate(index, report, self.checker.rules());
        self.repeated.annotate(index, report, self.checker.rules());
    }

    /// The first pass over a batch: each item's name and sketch (an empty one when it cannot be
    /// read; the second pass reports the error).
    fn sketches(&self, items: &[Item], progress: &dyn Progress) -> Vec<(String, Sketch)> {
        items
            .par_iter()
            .map(|item| {
                let name = item.name();
                let stopped = self
                    .options
                    .stop
                    .as_ref()
                    .is_some_and(|s| s.load(Ordering::Relaxed));
                let sketch = match item {
                    Item::File(_) if stopped => Sketch::default(),
                    Item::File(path) => read_file(path, self.checker.max_input_bytes())
                        .and_then(|b| self.checker.sketch_file_bytes(&b, Some(&name)))
                        .unwrap_or_default(),
                    Item::OtherKind(..) | Item::Unreadable(..) => Sketch::default(),
                };
                progress.advance();
                (name, sketch)
            })
            .collect()
    }

    /// This year's reports that repeat last year's report of the same organisation, found in `dir`.
    fn last_year(
        &self,
        dir: &Path,
        current: &[(String, Fingerprint)],
        organizations: &[Option<String>],
        err: &mut dyn Write,
    ) -> Copies {
        let mut ignored = Summary::default();
        let items = collect(&[dir.to_path_buf()], &mut ignored);
        if items.is_empty() {
            let _ = writeln!(
                err,
                "warning: --previous {}: no report to compare with ({} files skipped)",
                visible(&display_name(dir)),
                ignored.skipped()
            );
        }
        let (previous, previous_organizations): (Vec<(String, Fingerprint)>, Vec<Option<String>>) =
            self.sketches(&items, &NoProgress)
                .into_iter()
                .map(|(name, sketch)| ((name, sketch.fingerprint), sketch.metadata.organization))
                .unzip();
        Copies::across(
            current,
            &previous,
            |a, b| {
                matches!((&organizations[a], &previous_organizations[b]),
                    (Some(x), Some(y)) if x == y)
            },
            &Thresholds::of(self.checker.rules()),
        )
    }
}

/// Checks `items` (from [`collect`]) and writes every output: the records or verdicts to `out` in
/// input order, the HTML pages, the figures file, the copied-text pairs and, for a batch in text,
/// the summary; messages (skipped files, write errors) to `err`. `summary` holds the counts of
/// files the walk skipped.
///
/// Returns [`Exit::Passed`] when every report passed, [`Exit::Failed`] when one failed or could not
/// be checked or an output (a page, the figures, the index) could not be written (a closed pipe
/// stops the run quietly), [`Exit::Usage`] when there is nothing to check, an output folder cannot
/// be made, an output would overwrite an input, or `--explain`/`--tokens` is asked with HTML pages,
/// and [`Exit::Interrupted`] when [`Options::stop`] was set.
pub fn run(
    checker: &Checker,
    options: &Options,
    items: &[Item],
    mut summary: Summary,
    out: &mut dyn Write,
    err: &mut dyn Write,
    progress: &dyn Progress,
) -> Exit {
    if items.is_empty() {
        let _ = writeln!(
            err,
            "error: no report to check: the folders given hold no {} file ({} skipped)",
            files::SUPPORTED_EXTENSIONS.join("/"),
            summary.skipped()
        );
        return Exit::Usage;
    }
    if let Some(message) = usage_problem(options, items) {
        let _ = writeln!(err, "error: {message}");
        return Exit::Usage;
    }
    let stopped = || {
        options
            .stop
            .as_ref()
            .is_some_and(|s| s.load(Ordering::Relaxed))
    };
    let batch = items.len() > 1;
    let show_summary =
        options.format == Format::Text && !options.tokens && (batch || options.summary_only);
    if !show_summary && summary.skipped() > 0 {
        let _ = writeln!(
            err,
            "skipped {} under the folders given: {} hidden, {} office junk",
            summary.skipped(),
            summary.skipped_hidden(),
            summary.skipped_junk()
        );
    }

    let mut run = Run {
        checker,
        options,
        copies: Copies::default(),
        repeated: Copies::default(),
    };
    let find_copies = batch && !options.no_copies && !options.tokens;
    // Copied-text findings of a report may depend on the reports after it: each file is read and
    // checked once, its report held on disk and only its fingerprint in memory, and the outputs are
    // made, in input order, once the whole batch is compared.
    let deferred = find_copies || (options.previous.is_some() && !options.tokens);
    let chunk_len = (rayon::current_num_threads() * CHUNK_PER_THREAD).max(64);
    progress.start(((1 + usize::from(deferred)) * items.len()) as u64);
    let mut slots: Vec<Slot> = Vec::new();
    let mut spill = Spill::Memory(Vec::new());
    if deferred {
        spill = Spill::new();
        slots.reserve(items.len());
        let mut current: Vec<(String, Fingerprint)> = Vec::with_capacity(items.len());
        let mut organizations: Vec<Option<String>> = Vec::with_capacity(items.len());
        for chunk in items.chunks(chunk_len) {
            let done: Vec<Option<Pending>> = chunk
                .par_iter()
                .map(|item| {
                    if stopped() {
                        return None;
                    }
                    let pending = Pending::of(run.produce(item));
                    progress.advance();
                    Some(pending)
                })
                .collect();
            for (item, pending) in chunk.iter().zip(done) {
                let (slot, fingerprint, organization) = match pending {
                    None => (Slot::NotStarted, Fingerprint::default(), None),
                    Some(Pending::Finished(checked)) => {
                        (Slot::Finished(checked), Fingerprint::default(), None)
                    }
                    Some(Pending::Held {
                        record,
                        fingerprint,
                        organization,
                    }) => (Slot::Held(spill.push(&record)), fingerprint, organization),
                };
                slots.push(slot);
                current.push((item.name(), fingerprint));
                organizations.push(organization);
            }
        }
        if !stopped() {
            if find_copies {
                run.copies = Copies::within(&current, &Thresholds::of(checker.rules()));
            }
            if let Some(dir) = &options.previous {
                run.repeated = run.last_year(dir, &current, &organizations, err);
            }
        }
    }

    let mut write = |s: &str| -> bool {
        let mut ok = false;
        progress.suspend(&mut || {
            ok = out
                .write_all(s.as_bytes())
                .and_then(|()| out.flush())
                .is_ok();
        });
        ok
    };
    if options.format == Format::Csv && !write(&render::csv_header(checker.rules())) {
        return Exit::Failed;
    }
    let mut figures_out = match options.figures.as_deref().map(AtomicFile::create) {
        Some(Ok(sink)) => Some(sink),
        Some(Err(e)) => {
            let _ = writeln!(err, "error: cannot write the figures file: {e}");
            return Exit::Usage;
        }
        None => None,
    };
    if let Some(sink) = figures_out.as_mut()
        && let Err(e) = sink.write(&render::figures_csv_header())
    {
        let _ = writeln!(err, "error: cannot write the figures: {e}");
        return Exit::Failed;
    }
    let mut index_rows: Vec<IndexRow> = Vec::new();
    let mut page_failed = false;
    if let Some(dir) = &options.html
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        let _ = writeln!(err, "error: cannot create {}: {e}", dir.display());
        return Exit::Usage;
    }
    // The workers check (or, deferred, finish) the next chunk while this thread writes out the last
    // one.
    let written = std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Option<Checked>>>(1);
        let run = &run;
        let stopped = &stopped;
        let mut slots = slots.into_iter();
        scope.spawn(move || {
            for (c, chunk) in items.chunks(chunk_len).enumerate() {
                if stopped() {
                    break;
                }
                let done: Vec<Option<Checked>> = if deferred {
                    // The held reports read back in order here, then finished in parallel.
                    let read: Vec<(usize, &Item, Got)> = chunk
                        .iter()
                        .enumerate()
                        .zip(slots.by_ref())
                        .map(|((i, item), slot)| {
                            let got = match slot {
                                Slot::NotStarted => None,
                                Slot::Finished(checked) => Some(Err(checked)),
                                Slot::Held(place) => Some(spill.read(place).map_err(|e| {
                                    Box::new(run.render(
                                        &item.name(),
                                        Err(Error::Read { source: e }),
                                        None,
                                        None,
                                        None,
                                    ))
                                })),
                            };
                            (c * chunk_len + i, item, got)
                        })
                        .collect();
                    read.into_par_iter()
                        .map(|(index, item, got)| {
                            let checked = match got? {
                                Err(checked) => *checked,
                                Ok(record) => {
                                    let name = item.name();
                                    match serde_json::from_slice::<Held>(&record) {
                                        Ok(held) => run.finish(index, &name, held),
                                        Err(e) => run.render(
                                            &name,
                                            Err(Error::Read {
                                                source: std::io::Error::other(e),
                                            }),
                                            None,
                                            None,
                                            None,
                                        ),
                                    }
                                }
                            };
                            progress.advance();
                            Some(checked)
                        })
                        .collect()
                } else {
                    // Once stopped, no further file is started.
                    chunk
                        .par_iter()
                        .enumerate()
                        .map(|(i, item)| {
                            if stopped() {
                                return None;
                            }
                            let result = run.check(c * chunk_len + i, item);
                            progress.advance();
                            Some(result)
                        })
                        .collect()
                };
                if sender.send(done).is_err() {
                    break; // the writing stopped
                }
            }
        });
        let mut ok = true;
        for done in receiver {
            let mut lines = String::new();
            let mut figure_rows = String::new();
            for checked in done.into_iter().flatten() {
                if let Some(message) = &checked.message {
                    let _ = err.write_all(message.as_bytes());
                }
                // Every page written is listed, even after a stop.
                index_rows.extend(checked.index_row);
                page_failed |= checked.page_failed;
                lines.push_str(&checked.line);
                figure_rows.push_str(&checked.figures);
                summary.merge(checked.summary);
            }
            if !ok || stopped() {
                continue; // draining what the workers finish, writing no more
            }
            if let Some(sink) = figures_out.as_mut()
                && let Err(e) = sink.write(&figure_rows)
            {
                let _ = writeln!(err, "error: cannot write the figures: {e}");
                ok = false;
                continue;
            }
            if !write(&lines) {
                // The reader went away (a closed pipe): stop quietly.
                ok = false;
            }
        }
        ok
    });
    progress.finish();
    let interrupted = stopped();
    if interrupted {
        // The figures' temporary file is removed; the index lists the pages written.
        drop(figures_out.take());
    }
    if !written && !interrupted {
        return Exit::Failed;
    }
    if let Some(sink) = figures_out.take()
        && let Err(e) = sink.finish()
    {
        let _ = writeln!(err, "error: cannot write the figures file: {e}");
        return Exit::Failed;
    }
    if let Some(dir) = &options.html {
        let areas: Vec<String> = checker
            .rules()
            .areas
            .iter()
            .map(|a| a.title.clone())
            .collect();
        if let Err(e) = write_whole(
            &dir.join("index.html"),
            &html::index_page(&areas, &index_rows),
        ) {
            let _ = writeln!(err, "error: cannot write the index page: {e}");
            return Exit::Failed;
        }
    }
    if interrupted {
        let _ = writeln!(
            err,
            "interrupted: {} of {} files done",
            summary.files(),
            items.len()
        );
        return Exit::Interrupted;
    }
    let share = checker.rules().min_share * 100.0;
    let notes = [
        (
            run.repeated.pairs(),
            format!(
                "repeated from last year: {} reports share {share:.0}% or more of their text with last year's report of the same organisation",
                run.repeated.pairs().len()
            ),
        ),
        (
            run.copies.pairs(),
            format!(
                "copied text: {} pairs of reports share {share:.0}% or more of their text",
                run.copies.pairs().len()
            ),
        ),
    ];
    for (pairs, heading) in notes.iter().filter(|(pairs, _)| !pairs.is_empty()) {
        let note = pairs_note(heading, pairs);
        if !show_summary {
            let _ = err.write_all(note.as_bytes());
        } else if !write(&note) {
            return Exit::Failed;
        }
    }
    if show_summary && !write(&render::summary(&summary, &options.text)) {
        return Exit::Failed;
    }
    if summary.all_passed() && !page_failed {
        Exit::Passed
    } else {
        Exit::Failed
    }
}

/// Why the run cannot go on as asked: `--explain` or `--tokens` with HTML pages (they write no
/// page), or an output that would overwrite an input (the index or a page over a file of the batch,
/// the figures file over one).
fn usage_problem(options: &Options, items: &[Item]) -> Option<String> {
    if options.html.is_some() && (options.explain || options.tokens) {
        let flag = if options.explain {
            "--explain"
        } else {
            "--tokens"
        };
        return Some(format!(
            "{flag} writes no HTML page: leave out --html, or {flag}"
        ));
    }
    let real = |p: &Path| p.canonicalize().ok();
    let inputs: Vec<(usize, PathBuf)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| match item {
            Item::File(p) | Item::OtherKind(p) => real(p).map(|r| (i, r)),
            Item::Unreadable(..) => None,
        })
        .collect();
    if let Some(figures) = &options.figures {
        let target = match (figures.parent(), figures.file_name()) {
            (Some(dir), Some(name)) => real(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            })
            .map(|d| d.join(name)),
            _ => None,
        };
        if let Some((_, input)) = inputs.iter().find(|(_, p)| Some(p) == target.as_ref()) {
            return Some(format!(
                "--figures {}: that is an input of this run ({}); choose another file",
                visible(&display_name(figures)),
                visible(&display_name(input))
            ));
        }
    }
    if let Some(dir) = options.html.as_deref().and_then(real) {
        let pages: std::collections::HashSet<String> = std::iter::once("index.html".to_string())
            .chain(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| page_name(i, &item.name())),
            )
            .collect();
        let overwritten = inputs.iter().find(|(_, p)| {
            p.parent() == Some(dir.as_path())
                && p.file_name()
                    .is_some_and(|n| pages.contains(n.to_string_lossy().as_ref()))
        });
        if let Some((_, input)) = overwritten {
            return Some(format!(
                "--html {}: writing the pages there would overwrite the input {}; choose another folder",
                visible(&display_name(
                    options.html.as_deref().unwrap_or(Path::new("."))
                )),
                visible(&display_name(input))
            ));
        }
    }
    None
}

/// A heading and one line per pair of reports sharing their text: the share, the sentences, the two.
fn pairs_note(heading: &str, pairs: &[CopiedPair]) -> String {
    let mut note = format!("{heading}\n");
    for pair in pairs {
        note.push_str(&format!(
            "  {:>3.0}%  {} passages  {}  ~  {}\n",
            pair.share() * 100.0,
            pair.passages,
            visible(&pair.first),
            visible(&pair.second)
        ));
    }
    note
}

/// The texts of the items, skipping (with a note to `err`) those that cannot be read.
pub fn texts(checker: &Checker, items: &[Item], err: &mut dyn Write) -> Vec<String> {
    items
        .iter()
        .filter_map(|item| {
            let bytes = item.bytes(checker.max_input_bytes());
            match bytes.and_then(|b| crate::extract(&b, Some(&item.name()))) {
                Ok(decoded) => Some(decoded.text),
                Err(e) => {
                    let _ = writeln!(
                        err,
                        "{}: skipped: {}",
                        visible(&item.name()),
                        visible(&e.to_string())
                    );
                    None
                }
            }
        })
        .collect()
}

/// Lints the checker's rule set, learning from the reports given: one lint a line (JSON Lines with
/// [`Format::Json`]) to `out`, the counts to `err`. [`Exit::Failed`] when the rule set contradicts
/// its own examples.
pub fn check_rules(
    checker: &Checker,
    items: &[Item],
    format: Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Exit {
    let texts = texts(checker, items, err);
    let corpus: Vec<&str> = texts.iter().map(String::as_str).collect();
    let lints = crate::lint(checker, &corpus);
    for l in &lints {
        let _ = match format {
            Format::Json => writeln!(
                out,
                "{}",
                serde_json::to_string(l).expect("lints serialize")
            ),
            _ => writeln!(out, "{l}"),
        };
    }
    let count = |severity| lints.iter().filter(|l| l.severity == severity).count();
    let errors = count(Severity::Error);
    let _ = writeln!(
        err,
        "{}: {errors} errors, {} warnings, {} notes",
        checker.rules().origin,
        count(Severity::Warning),
        count(Severity::Info)
    );
    if errors > 0 {
        Exit::Failed
    } else {
        Exit::Passed
    }
}

/// Corpus statistics over the reports given, as text or JSON, to `out`.
pub fn stats(
    checker: &Checker,
    items: &[Item],
    format: Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Exit {
    // Added as they are checked, a chunk at a time: memory does not grow with the number of files.
    let mut stats = crate::CorpusStats::new(checker.rules());
    let chunk_len = (rayon::current_num_threads() * CHUNK_PER_THREAD).max(64);
    for chunk in items.chunks(chunk_len) {
        let reports: Vec<Result<Report, (String, Error)>> = chunk
            .par_iter()
            .map(|item| {
                item.bytes(checker.max_input_bytes())
                    .and_then(|b| crate::extract(&b, Some(&item.name())))
                    .map(|decoded| checker.check_str(&decoded.text))
                    .map_err(|e| (item.name(), e))
            })
            .collect();
        for report in reports {
            match report {
                Ok(report) => stats.add(&report),
                Err((name, e)) => {
                    let _ = writeln!(
                        err,
                        "{}: skipped: {}",
                        visible(&name),
                        visible(&e.to_string())
                    );
                }
            }
        }
    }
    let _ = match format {
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string(&stats).expect("statistics serialize")
        ),
        _ => write!(out, "{}", stats.to_text()),
    };
    Exit::Passed
}

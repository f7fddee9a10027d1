//! Step 10, the batch run (cargo feature `batch`, on by default): paths in, every output written in
//! input order.
//!
//! What a program that checks a folder of submissions needs beyond the checker, shared by the
//! example program and any other: [`collect`] walks the paths given (a folder's supported files in
//! sorted path order; hidden and unsupported files counted), [`read_file`] reads each within the
//! checker's size limit, and [`run`] checks them in parallel on every core (rayon's pool), finds
//! copied text across the batch, and writes the JSON Lines, text or CSV to one writer, the HTML
//! pages and the figures file whole or not at all, and the summary, in input order, each file read
//! and checked once. Memory grows with the number of files only by what comparing them needs of
//! each (its fingerprint, about 6 KB for a report of 12 KB): with copy detection, the outputs wait in
//! a temporary file until the batch is compared (`held`); with `--no-copies` they are written as
//! each chunk is checked. [`check_rules`] and [`stats`] are the rule author's runs over a set of
//! reports.
//!
//! The caller chooses where output and messages go (two writers) and how progress is shown (a
//! [`Progress`]); the module prints nothing of its own.

pub mod files;
mod held;
mod input;
pub mod settings;
mod walk;
mod write;
pub mod xlsx;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

pub use input::{read_file, read_stdin};
pub use walk::{Item, Walk, collect, collect_with, display_name};
pub use write::{AtomicFile, page_name, write_whole};

use crate::judging::findings::Finding;
use crate::render::html::{self, IndexRow, PageLinks};
use crate::render::summary::Summary;
use crate::render::table::{Row, Table};
use crate::render::{self, TextOptions, visible};
use crate::similarity::{CopiedPair, Copies, Fingerprint, Sketch, Thresholds};
use crate::{Checker, Error, Lang, Report, Severity};

use settings::AutoRules;

/// What the batch writes to its output.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Format {
    /// For people: verdicts with evidence, and a summary after a batch.
    Text,
    /// JSON Lines: one object per file, in input order.
    Json,
    /// A spreadsheet: one row per file, UTF-8 with a byte-order mark for Excel.
    Csv,
    /// For editors and CI: one line per finding, `file:line:column: severity[id] message`, and one
    /// per required area missing (see [`render::line`](render::line())).
    Line,
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
    /// Also write an Excel workbook (reports, findings, figures, summary) to this file, whole or
    /// not at all.
    pub xlsx: Option<PathBuf>,
    /// The round's year: a report of another year gets the `wrong_year` finding.
    pub year: Option<i32>,
    /// `--rules auto`: each report checked with the built-in rule set its body's kind calls for.
    pub auto_rules: Option<Arc<AutoRules>>,
    /// The settings file the options came from, named in the output.
    pub settings_file: Option<PathBuf>,
    /// Do not look for text copied between the reports of the batch (nor, as the comparison after
    /// the checking is then left out, for one organisation's second report of a year): each chunk's
    /// outputs are then written as soon as it is checked, not held until the batch is compared.
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
            xlsx: None,
            year: None,
            auto_rules: None,
            settings_file: None,
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
///
/// Progress counts files: a run that compares the batch for copied text checks every file (`检查`),
/// then compares them (`比对雷同文本`), each stage started with the number of files and named by
/// [`Progress::stage`].
pub trait Progress: Sync {
    /// What the stage about to start does, in words for the person watching (in the run's
    /// language): `检查` for the checking, `比对雷同文本` for the comparison after it.
    fn stage(&self, _label: &str) {}
    /// A pass over `total` files starts: the count starts again from 0.
    fn start(&self, _total: u64) {}
    /// One file of the pass is done.
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
    /// The file's row, findings and figures for the workbook.
    entry: Option<xlsx::Entry>,
    message: Option<String>,
    /// The report's HTML page could not be written.
    page_failed: bool,
    /// In a run that compares the batch after checking it: the report's areas counted (the rest of
    /// its summary is in `summary`), and what the comparison and a second rendering need.
    areas: Summary,
    held: Option<held::Held>,
}

struct Run<'a> {
    checker: &'a Checker,
    options: &'a Options,
    /// Reports of this batch that share much of their text, by item index.
    copies: Copies,
    /// Reports that repeat last year's, by item index.
    repeated: Copies,
    /// The items' names, and the index of each name.
    names: Vec<String>,
    by_name: std::collections::HashMap<String, usize>,
    /// For each item, the other items of the batch from the same organisation for the same year.
    duplicates: Vec<Vec<usize>>,
    /// Each item's organisation, once the batch has been checked and compared; empty before.
    organizations: Vec<Option<String>>,
    /// The office's table (CSV, workbook, HTML index).
    table: Table,
    /// Whether the batch is compared after it is checked (copied text, last year's text, second
    /// submissions): each report's outputs are then held until the comparison is done.
    late: bool,
}

impl Run<'_> {
    /// Checks one item in a worker: its output line (if any) and a summary of it alone. The text and
    /// the report are dropped here.
    fn check(&self, index: usize, item: &Item) -> Checked {
        let options = self.options;
        let name = item.name();
        let bytes = item.bytes(self.checker.max_input_bytes());
        let mut message = None;
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
                Err(e) => format!(
                    "{}: {}{}\n",
                    visible(&name),
                    options.text.lang.pick("无法检查：", "error: "),
                    visible(&render::error_message(&e, options.text.lang))
                ),
            };
            return Checked {
                line,
                summary: Summary::default(),
                figures: String::new(),
                index_row: None,
                entry: None,
                message,
                page_failed: false,
                areas: Summary::default(),
                held: None,
            };
        }
        if options.explain {
            let explained = bytes
                .and_then(|b| crate::extract(&b, Some(&name)))
                .map(|d| self.checker.explain_str(&d.text));
            let mut held = None;
            let (outcome, line) = match explained {
                Ok((mut report, explanation)) => {
                    self.annotate(index, &mut report);
                    // Rendered again, if the comparison adds a finding, by checking it again.
                    held = self
                        .late
                        .then(|| held::Held::of(&mut report, None, held::Again::Check));
                    let line = match options.format {
                        Format::Json => {
                            render::json_line_explained(&name, &report, &explanation) + "\n"
                        }
                        _ => {
                            render::text(&name, &Ok(report.clone()), &options.text)
                                + &render::explanation_text(&name, &explanation, &options.text)
                                + "\n"
                        }
                    };
                    (Ok(report), line)
                }
                Err(e) => {
                    let outcome = Err(e);
                    let line = render::text(&name, &outcome, &options.text);
                    (outcome, line)
                }
            };
            let (summary, areas) = self.summaries(&name, &outcome);
            let figures = render::figures_csv_rows(&name, &outcome);
            return Checked {
                line,
                summary,
                figures,
                index_row: None,
                entry: None,
                message,
                page_failed: false,
                areas,
                held,
            };
        }
        let mut page = None;
        let mut page_failed = false;
        let mut text = None;
        let mut outcome: Result<Report, Error> = match &options.html {
            // The page shows the report's text, so the text is kept for it here.
            Some(dir) => bytes
                .and_then(|bytes| crate::extract(&bytes, Some(&name)))
                .map(|extracted| {
                    let mut report = self
                        .check_with(index, |checker| Ok(checker.check_str(&extracted.text)))
                        .expect("checking text does not fail");
                    report.encoding = extracted.encoding.map(str::to_string);
                    report.format = Some(extracted.format);
                    self.annotate(index, &mut report);
                    let name_of_page = page_name(index, &name);
                    let html =
                        html::report_page(&name, &extracted.text, &report, &self.page_links(index));
                    match write_whole(&dir.join(&name_of_page), &html) {
                        Ok(()) => page = Some(name_of_page),
                        Err(e) => {
                            page_failed = true;
                            message = Some(self.page_error(&name, &e));
                        }
                    }
                    text = Some(extracted.text);
                    report
                }),
            None => bytes.and_then(|bytes| {
                let mut report = self.check_with(index, |checker| {
                    checker.check_file_bytes(&bytes, Some(&name))
                })?;
                self.annotate(index, &mut report);
                Ok(report)
            }),
        };
        let held = match &mut outcome {
            Ok(report) if self.late => Some(held::Held::of(
                report,
                text,
                if options.format == Format::Json {
                    held::Again::Line
                } else {
                    held::Again::Record
                },
            )),
            _ => None,
        };
        let mut checked = self.render(index, &name, &outcome, page);
        checked.message = message;
        checked.page_failed = page_failed;
        checked.held = held;
        checked
    }

    /// The message for a page that could not be written.
    fn page_error(&self, name: &str, e: &std::io::Error) -> String {
        format!(
            "{}: {}{e}\n",
            visible(name),
            self.options
                .text
                .lang
                .pick("无法写入其网页：", "cannot write its page: ")
        )
    }

    /// A file's summary: whole, or in a run that compares the batch after checking it, without its
    /// areas, and its areas alone.
    fn summaries(&self, name: &str, outcome: &Result<Report, Error>) -> (Summary, Summary) {
        let (mut summary, mut areas) = (Summary::default(), Summary::default());
        if self.late {
            summary.add_without_areas(name, outcome);
            if let Ok(report) = outcome {
                areas.add_areas(report);
            }
        } else {
            summary.add(name, outcome);
        }
        (summary, areas)
    }

    /// The outputs of the item at `index` (named `name`), checked: its line in the run's format,
    /// summary, figures' rows, index row (with its `page`, where written) and workbook entry.
    fn render(
        &self,
        index: usize,
        name: &str,
        outcome: &Result<Report, Error>,
        page: Option<String>,
    ) -> Checked {
        let (options, name) = (self.options, name.to_string());
        let copied_from = self.copied_from(index);
        let row =
            (options.format == Format::Csv || options.html.is_some() || options.xlsx.is_some())
                .then(|| Row::new(&name, outcome, copied_from));
        let mut line = match (options.format, &row) {
            (Format::Json, _) => render::json_line(&name, outcome) + "\n",
            (Format::Csv, Some(row)) => render::csv_row(&self.table, row),
            (Format::Csv, None) => String::new(),
            (Format::Text, _) if options.summary_only => String::new(),
            (Format::Text, _) => render::text(&name, outcome, &options.text) + "\n",
            (Format::Line, _) => render::line(&name, outcome, options.text.lang),
        };
        if options.format == Format::Text
            && !options.summary_only
            && let Ok(report) = outcome
            && let Some(why) = &report.rule_set.chosen
        {
            // Under the verdict's blank line: which rule set --rules auto chose, and why.
            line.insert_str(
                line.len() - 1,
                &format!(
                    "  {}{}（{}{}）\n",
                    options.text.lang.pick("规则集：", "rule set: "),
                    report.rule_set.name,
                    options.text.lang.pick("自动选择：", "chosen: "),
                    visible(why)
                ),
            );
        }
        let (summary, areas) = self.summaries(&name, outcome);
        let figures = if options.figures.is_some() {
            render::figures_csv_rows(&name, outcome)
        } else {
            String::new()
        };
        let index_row = options
            .html
            .as_ref()
            .zip(row.clone())
            .map(|(_, row)| IndexRow { page, row });
        let entry = options.xlsx.as_ref().zip(row).map(|(_, row)| {
            let (findings, figures) = match outcome {
                Ok(r) => (r.findings.clone(), r.figures.clone()),
                Err(_) => (Vec::new(), Vec::new()),
            };
            xlsx::Entry {
                row,
                findings,
                figures,
            }
        });
        Checked {
            line,
            summary,
            figures,
            index_row,
            entry,
            message: None,
            page_failed: false,
            areas,
            held: None,
        }
    }

    /// Checks the item at `index` with the run's checker or, with `--rules auto`, with the one its
    /// body calls for (the run's own when the body cannot be told, with that said). The body is
    /// known when the report is checked again after the comparison (`--explain`); otherwise the
    /// report is checked with the run's set first, and again only when the set its body calls for
    /// is another.
    fn check_with(
        &self,
        index: usize,
        check: impl Fn(&Checker) -> Result<Report, Error>,
    ) -> Result<Report, Error> {
        let Some(auto) = self.options.auto_rules.as_ref() else {
            return check(self.checker);
        };
        let (first, organization) = match self.organizations.get(index) {
            Some(organization) => (None, organization.clone()),
            None => {
                let report = check(self.checker)?;
                let organization = report.metadata.organization.clone();
                (Some(report), organization)
            }
        };
        let (checker, why) = auto.pick(organization.as_deref()).unwrap_or_else(|| {
            let why = self.options.text.lang.pick(
                "未识别出单位，用默认规则集",
                "no organisation found: the default set",
            );
            (self.checker, why.to_string())
        });
        let mut report = match first {
            Some(report) if report.rule_set.name == checker.rules().name => report,
            _ => check(checker)?,
        };
        report.rule_set.chosen = Some(why);
        Ok(report)
    }

    /// The other reports of the batch sharing much of the text of the item at `index`.
    fn copied_from(&self, index: usize) -> Vec<String> {
        let name = &self.names[index];
        self.copies
            .pairs()
            .iter()
            .filter_map(|p| {
                if &p.first == name {
                    Some(p.second.clone())
                } else if &p.second == name {
                    Some(p.first.clone())
                } else {
                    None
                }
            })
            .collect()
    }

    /// The links of the item's page: the index, and the pages of the reports it shares text with.
    fn page_links(&self, index: usize) -> PageLinks {
        PageLinks {
            index: Some("index.html".to_string()),
            copies: self
                .copied_from(index)
                .into_iter()
                .map(|other| {
                    let page = self.by_name.get(&other).map(|&i| page_name(i, &other));
                    (other, page)
                })
                .collect(),
            others: Vec::new(),
            lang: self.options.text.lang,
        }
    }

    /// Adds the copied-text findings of the item at `index` to its report.
    fn annotate(&self, index: usize, report: &mut Report) {
        self.annotate_with(index, report, true);
    }

    /// Adds to the report at `index`, checked before the batch was compared, what the comparison
    /// found: copied text, last year's text, a second submission.
    fn annotate_late(&self, index: usize, report: &mut Report) {
        self.annotate_with(index, report, false);
    }

    /// Whether the comparison found something for the item at `index`.
    fn is_late(&self, index: usize) -> bool {
        self.copies.involves(index)
            || self.repeated.involves(index)
            || self.duplicates.get(index).is_some_and(|d| !d.is_empty())
    }

    /// The findings of [`Run::annotate`], the `wrong_year` finding only when `year` is set.
    fn annotate_with(&self, index: usize, report: &mut Report, year: bool) {
        self.copies.annotate(index, report, self.checker.rules());
        self.repeated.annotate(index, report, self.checker.rules());
        let rules = &self.checker.rules().findings;
        let mut added = Vec::new();
        if let (true, Some(want), Some(year)) = (year, self.options.year, report.metadata.year)
            && want != year
            && rules.wrong_year.enabled
        {
            added.push(Finding {
                id: "wrong_year".to_string(),
                severity: rules.wrong_year.severity,
                message: format!("本轮审查{want}年度的报告，本报告是{year}年度的"),
                line: None,
                column: None,
                shared: None,
            });
        }
        if let Some(others) = self.duplicates.get(index)
            && !others.is_empty()
            && rules.duplicate_submission.enabled
        {
            let names: Vec<&str> = others.iter().map(|&i| self.names[i].as_str()).collect();
            added.push(Finding {
                id: "duplicate_submission".to_string(),
                severity: rules.duplicate_submission.severity,
                message: format!(
                    "{}在本批中报送了不止一份{}年度报告，另见 {}",
                    report.metadata.organization.as_deref().unwrap_or("本单位"),
                    report
                        .metadata
                        .year
                        .map_or(String::new(), |y| y.to_string()),
                    names.join("、")
                ),
                line: None,
                column: None,
                shared: None,
            });
        }
        if !added.is_empty() {
            report.findings.extend(added);
            report
                .findings
                .sort_by_key(|f| (f.line.unwrap_or(usize::MAX), f.column));
            // The built-in sets --rules auto chooses among share the default decision table.
            report.decide(&self.checker.rules().decision);
        }
    }

    /// Last year's reports (`--previous`), read for their sketches: each item's name and sketch (an
    /// empty one when it cannot be read).
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
                    Item::Stdin(bytes) if !stopped => self
                        .checker
                        .sketch_file_bytes(bytes, Some(&name))
                        .unwrap_or_default(),
                    Item::Stdin(_) | Item::OtherKind(..) | Item::Unreadable(..) => {
                        Sketch::default()
                    }
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
            let _ = match self.options.text.lang {
                Lang::Zh => writeln!(
                    err,
                    "注意：--previous {}：没有可比对的报告（跳过 {} 个文件）",
                    visible(&display_name(dir)),
                    ignored.skipped()
                ),
                Lang::En => writeln!(
                    err,
                    "warning: --previous {}: no report to compare with ({} files skipped)",
                    visible(&display_name(dir)),
                    ignored.skipped()
                ),
            };
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
    let lang = options.text.lang;
    let error = lang.pick("错误：", "error: ");
    if items.is_empty() {
        let _ = match lang {
            Lang::Zh => writeln!(
                err,
                "{error}没有可检查的报告：所给文件夹中没有 {} 文件（跳过 {} 个）",
                files::SUPPORTED_EXTENSIONS.join("/"),
                summary.skipped()
            ),
            Lang::En => writeln!(
                err,
                "{error}no report to check: the folders given hold no {} file ({} skipped)",
                files::SUPPORTED_EXTENSIONS.join("/"),
                summary.skipped()
            ),
        };
        return Exit::Usage;
    }
    if let Some(message) = usage_problem(options, items) {
        let _ = writeln!(err, "{error}{message}");
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
        let _ = match lang {
            Lang::Zh => writeln!(
                err,
                "所给文件夹中跳过 {} 个：隐藏 {} 个，办公临时文件 {} 个",
                summary.skipped(),
                summary.skipped_hidden(),
                summary.skipped_junk()
            ),
            Lang::En => writeln!(
                err,
                "skipped {} under the folders given: {} hidden, {} office junk",
                summary.skipped(),
                summary.skipped_hidden(),
                summary.skipped_junk()
            ),
        };
    }

    if let Some(path) = &options.settings_file {
        let _ = writeln!(
            err,
            "{}{}",
            options.text.lang.pick("设置文件：", "settings: "),
            visible(&display_name(path))
        );
    }
    let names: Vec<String> = items.iter().map(Item::name).collect();
    let by_name = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), i))
        .collect();
    let table = match &options.auto_rules {
        Some(auto) => Table::new(auto.rule_sets(), options.text.lang),
        None => Table::new([checker.rules()], options.text.lang),
    };
    let mut run = Run {
        checker,
        options,
        copies: Copies::default(),
        repeated: Copies::default(),
        names,
        by_name,
        duplicates: Vec::new(),
        organizations: Vec::new(),
        table,
        late: false,
    };
    let find_copies = batch && !options.no_copies && !options.tokens;
    run.late = find_copies || (options.previous.is_some() && !options.tokens);
    progress.stage(lang.pick("检查", "checking"));
    progress.start(items.len() as u64);

    let mut write = |s: &[u8]| -> bool {
        let mut ok = false;
        progress.suspend(&mut || {
            ok = out.write_all(s).and_then(|()| out.flush()).is_ok();
        });
        ok
    };
    if options.format == Format::Csv && !write(render::csv_header(&run.table).as_bytes()) {
        return Exit::Failed;
    }
    let mut figures_out = match options.figures.as_deref().map(AtomicFile::create) {
        Some(Ok(sink)) => Some(sink),
        Some(Err(e)) => {
            let _ = writeln!(
                err,
                "{error}{}{e}",
                lang.pick("无法写入数字表：", "cannot write the figures file: ")
            );
            return Exit::Usage;
        }
        None => None,
    };
    if let Some(sink) = figures_out.as_mut()
        && let Err(e) = sink.write(&render::figures_csv_header(options.text.lang))
    {
        let _ = writeln!(
            err,
            "{error}{}{e}",
            lang.pick("无法写入数字表：", "cannot write the figures: ")
        );
        return Exit::Failed;
    }
    let mut index_rows: Vec<IndexRow> = Vec::new();
    let mut entries: Vec<xlsx::Entry> = Vec::new();
    let mut page_failed = false;
    if let Some(dir) = &options.html
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        let _ = writeln!(
            err,
            "{error}{}{}: {e}",
            lang.pick("无法创建文件夹 ", "cannot create "),
            dir.display()
        );
        return Exit::Usage;
    }
    // In a batch compared after checking: the outputs held until then, and what the comparison
    // needs of each file.
    let mut spool = match run.late.then(held::Spool::new).transpose() {
        Ok(spool) => spool,
        Err(e) => {
            let _ = writeln!(
                err,
                "{error}{}{e}",
                lang.pick("无法创建临时文件：", "cannot create a temporary file: ")
            );
            return Exit::Failed;
        }
    };
    let mut kept: Vec<held::Kept> = Vec::new();
    let mut current: Vec<(String, Fingerprint)> = Vec::new();
    let mut bodies: Vec<Body> = Vec::new();
    let chunk_len = (rayon::current_num_threads() * CHUNK_PER_THREAD).max(64);
    // The workers check the next chunk while this thread writes out the last one.
    let written = std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Option<Checked>>>(1);
        let run = &run;
        let stopped = &stopped;
        scope.spawn(move || {
            for (c, chunk) in items.chunks(chunk_len).enumerate() {
                if stopped() {
                    break;
                }
                // Once stopped, no further file is started.
                let done: Vec<Option<Checked>> = chunk
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
                    .collect();
                if sender.send(done).is_err() {
                    break; // the writing stopped
                }
            }
        });
        let mut ok = true;
        for done in receiver {
            let mut lines = String::new();
            let mut figure_rows = String::new();
            for mut checked in done.into_iter().flatten() {
                if let Some(message) = &checked.message {
                    let _ = err.write_all(message.as_bytes());
                }
                // Every page written is listed, even after a stop.
                index_rows.extend(checked.index_row.take());
                entries.extend(checked.entry.take());
                page_failed |= checked.page_failed;
                figure_rows.push_str(&checked.figures);
                summary.merge(std::mem::take(&mut checked.areas));
                let Some(spool) = spool.as_mut() else {
                    lines.push_str(&checked.line);
                    summary.merge(checked.summary);
                    continue;
                };
                // Held until the batch is compared.
                let held = checked.held.take();
                match spool.hold(&checked, held.as_ref()) {
                    Ok(mut k) => {
                        k.set_summary(checked.summary.clone());
                        kept.push(k);
                    }
                    Err(e) => {
                        if ok {
                            let _ = writeln!(
                                err,
                                "{error}{}{e}",
                                lang.pick("无法写入临时文件：", "cannot write a temporary file: ")
                            );
                        }
                        ok = false;
                    }
                }
                let (fingerprint, body) =
                    held.map_or_else(Default::default, |h| (h.fingerprint, h.body));
                // Copied here, so that what is held to the end is not in the memory the workers
                // allocate from as they check (which holding it there slows).
                current.push((String::new(), fingerprint.clone())); // named after the checking
                bodies.push(body);
            }
            if !ok || stopped() {
                continue; // draining what the workers finish, writing no more
            }
            if let Some(sink) = figures_out.as_mut()
                && let Err(e) = sink.write(&figure_rows)
            {
                let _ = writeln!(
                    err,
                    "{error}{}{e}",
                    lang.pick("无法写入数字表：", "cannot write the figures: ")
                );
                ok = false;
                continue;
            }
            if !lines.is_empty() && !write(lines.as_bytes()) {
                // The reader went away (a closed pipe): stop quietly.
                ok = false;
            }
        }
        ok
    });
    let mut written = written;
    if let Some(spool) = spool.take()
        && written
        && !stopped()
    {
        written = run.compared(
            items,
            spool,
            &mut kept,
            (current, bodies),
            &mut summary,
            (index_rows.as_mut_slice(), entries.as_mut_slice()),
            &mut page_failed,
            &mut write,
            err,
            progress,
        );
    }
    progress.finish();
    let interrupted = stopped();
    if interrupted {
        // Stopped before the held outputs were all written: the files checked are counted all the
        // same (those written are counted already, their summaries taken).
        for k in &mut kept {
            summary.merge(k.take_summary());
        }
    }
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
        let _ = writeln!(
            err,
            "{error}{}{e}",
            lang.pick("无法写入数字表：", "cannot write the figures file: ")
        );
        return Exit::Failed;
    }
    if let Some(path) = &options.xlsx
        && !interrupted
        && let Err(e) = xlsx::write(path, &run.table, &entries)
    {
        let _ = writeln!(
            err,
            "{error}{}{e}",
            lang.pick("无法写入工作簿：", "cannot write the workbook: ")
        );
        return Exit::Failed;
    }
    if let Some(dir) = &options.html
        && let Err(e) = write_whole(
            &dir.join("index.html"),
            &html::index_page(&run.table, &index_rows),
        )
    {
        let _ = writeln!(
            err,
            "{error}{}{e}",
            lang.pick("无法写入索引页：", "cannot write the index page: ")
        );
        return Exit::Failed;
    }
    if interrupted {
        let _ = match lang {
            Lang::Zh => writeln!(
                err,
                "已中断：{} 个文件中完成 {} 个",
                items.len(),
                summary.files()
            ),
            Lang::En => writeln!(
                err,
                "interrupted: {} of {} files done",
                summary.files(),
                items.len()
            ),
        };
        return Exit::Interrupted;
    }
    if show_summary && !write(render::summary(&summary, &options.text).as_bytes()) {
        return Exit::Failed;
    }
    // The pairs come after the summary, cut as its lists are; every pair is in each report's
    // findings (and the JSON).
    let share = checker.rules().min_share * 100.0;
    let (repeated, copied) = (run.repeated.pairs().len(), run.copies.pairs().len());
    let notes = [
        (
            run.repeated.pairs(),
            match lang {
                Lang::Zh => format!(
                    "与上年重复：{repeated} 份报告与本单位上年报告有 {share:.0}% 以上的文字相同"
                ),
                Lang::En => format!(
                    "repeated from last year: {repeated} reports share {share:.0}% or more of their text with last year's report of the same organisation"
                ),
            },
        ),
        (
            run.copies.pairs(),
            match lang {
                Lang::Zh => {
                    format!("雷同文本：{copied} 对报告有 {share:.0}% 以上的文字相同")
                }
                Lang::En => format!(
                    "copied text: {copied} pairs of reports share {share:.0}% or more of their text"
                ),
            },
        ),
    ];
    for (pairs, heading) in notes.iter().filter(|(pairs, _)| !pairs.is_empty()) {
        let note = pairs_note(heading, pairs, lang);
        if !show_summary {
            let _ = err.write_all(note.as_bytes());
        } else if !write(note.as_bytes()) {
            return Exit::Failed;
        }
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
    let lang = options.text.lang;
    if options.html.is_some() && (options.explain || options.tokens) {
        let flag = if options.explain {
            "--explain"
        } else {
            "--tokens"
        };
        return Some(match lang {
            Lang::Zh => format!("{flag} 不生成网页：去掉 --html 或 {flag}"),
            Lang::En => format!("{flag} writes no HTML page: leave out --html, or {flag}"),
        });
    }
    let real = |p: &Path| p.canonicalize().ok();
    let inputs: Vec<(usize, PathBuf)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| match item {
            Item::File(p) | Item::OtherKind(p) => real(p).map(|r| (i, r)),
            Item::Unreadable(..) | Item::Stdin(_) => None,
        })
        .collect();
    for (flag, file) in [("--figures", &options.figures), ("--xlsx", &options.xlsx)] {
        let Some(figures) = file else { continue };
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
            let (file, input) = (
                visible(&display_name(figures)).into_owned(),
                visible(&display_name(input)).into_owned(),
            );
            return Some(match lang {
                Lang::Zh => format!("{flag} {file}：这是本次检查的输入（{input}），请另选文件"),
                Lang::En => format!(
                    "{flag} {file}: that is an input of this run ({input}); choose another file"
                ),
            });
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
            let (html, input) = (
                visible(&display_name(
                    options.html.as_deref().unwrap_or(Path::new(".")),
                ))
                .into_owned(),
                visible(&display_name(input)).into_owned(),
            );
            return Some(match lang {
                Lang::Zh => {
                    format!("--html {html}：在那里写网页会覆盖输入文件 {input}，请另选文件夹")
                }
                Lang::En => format!(
                    "--html {html}: writing the pages there would overwrite the input {input}; choose another folder"
                ),
            });
        }
    }
    None
}

/// Who wrote a report and for which year, as its check found them.
type Body = (Option<String>, Option<i32>);

/// For each item, the other items with the same organisation and year (both known).
fn duplicates(bodies: &[Body]) -> Vec<Vec<usize>> {
    let mut groups: std::collections::HashMap<(&str, i32), Vec<usize>> =
        std::collections::HashMap::new();
    for (i, body) in bodies.iter().enumerate() {
        if let (Some(org), Some(year)) = body {
            groups.entry((org.as_str(), *year)).or_default().push(i);
        }
    }
    let mut out = vec![Vec::new(); bodies.len()];
    for group in groups.values().filter(|g| g.len() > 1) {
        for &i in group {
            out[i] = group.iter().copied().filter(|&j| j != i).collect();
        }
    }
    out
}

/// A heading and one line per pair of reports sharing their text: the share, the passages, the two;
/// cut at [`render::SUMMARY_LIST_SHOWN`] pairs with a count of the rest.
fn pairs_note(heading: &str, pairs: &[CopiedPair], lang: Lang) -> String {
    let mut note = format!("{heading}\n");
    for pair in pairs.iter().take(render::SUMMARY_LIST_SHOWN) {
        let passages = match lang {
            Lang::Zh => format!("{} 段", pair.passages),
            Lang::En => format!("{} passages", pair.passages),
        };
        note.push_str(&format!(
            "  {:>3.0}%  {}  {}  ~  {}\n",
            pair.share() * 100.0,
            passages,
            visible(&pair.first),
            visible(&pair.second)
        ));
    }
    if pairs.len() > render::SUMMARY_LIST_SHOWN {
        let rest = pairs.len() - render::SUMMARY_LIST_SHOWN;
        note.push_str(&match lang {
            Lang::Zh => format!("  …… 另有 {rest} 对（各报告的 copied_text 问题中列出）\n"),
            Lang::En => {
                format!("  … and {rest} more (listed in each report's copied_text finding)\n")
            }
        });
    }
    note
}

/// The texts of the items, skipping (with a note to `err`, in `lang`) those that cannot be read.
pub fn texts(checker: &Checker, items: &[Item], lang: Lang, err: &mut dyn Write) -> Vec<String> {
    items
        .iter()
        .filter_map(|item| {
            let bytes = item.bytes(checker.max_input_bytes());
            match bytes.and_then(|b| crate::extract(&b, Some(&item.name()))) {
                Ok(decoded) => Some(decoded.text),
                Err(e) => {
                    skipped(err, &item.name(), &e, lang);
                    None
                }
            }
        })
        .collect()
}

/// A note to `err` that a file was left out because it cannot be read.
fn skipped(err: &mut dyn Write, name: &str, e: &Error, lang: Lang) {
    let _ = writeln!(
        err,
        "{}: {}{}",
        visible(name),
        lang.pick("已跳过：", "skipped: "),
        visible(&render::error_message(e, lang))
    );
}

/// Lints the checker's rule set, learning from the reports given: one lint a line (JSON Lines with
/// [`Format::Json`]) to `out`, in `lang`, the counts to `err`. [`Exit::Failed`] when the rule set
/// contradicts its own examples.
pub fn check_rules(
    checker: &Checker,
    items: &[Item],
    format: Format,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Exit {
    let texts = texts(checker, items, lang, err);
    let corpus: Vec<&str> = texts.iter().map(String::as_str).collect();
    let lints = crate::lint(checker, &corpus);
    for l in &lints {
        let _ = match format {
            Format::Json => writeln!(
                out,
                "{}",
                serde_json::to_string(l).expect("lints serialize")
            ),
            _ => match lang {
                Lang::Zh => writeln!(out, "{l}"),
                Lang::En => writeln!(out, "{}", l.english()),
            },
        };
    }
    let count = |severity| lints.iter().filter(|l| l.severity == severity).count();
    let errors = count(Severity::Error);
    let (warnings, notes) = (count(Severity::Warning), count(Severity::Info));
    let origin = &checker.rules().origin;
    let _ = match lang {
        Lang::Zh => writeln!(
            err,
            "{origin}：错误 {errors} 个，警告 {warnings} 个，提示 {notes} 个"
        ),
        Lang::En => writeln!(
            err,
            "{origin}: {errors} errors, {warnings} warnings, {notes} notes"
        ),
    };
    if errors > 0 {
        Exit::Failed
    } else {
        Exit::Passed
    }
}

/// Corpus statistics over the reports given, as text (in `lang`) or JSON, to `out`.
pub fn stats(
    checker: &Checker,
    items: &[Item],
    format: Format,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Exit {
    // Added as they are checked, a chunk at a time: memory does not grow with the number of files.
    let mut stats = crate::CorpusStats::new(checker.rules());
    let chunk_len = (rayon::current_num_threads() * CHUNK_PER_THREAD).max(64);
    for chunk in items.chunks(chunk_len) {
        let reports: Vec<Result<Report, (String, Box<Error>)>> = chunk
            .par_iter()
            .map(|item| {
                item.bytes(checker.max_input_bytes())
                    .and_then(|b| crate::extract(&b, Some(&item.name())))
                    .map(|decoded| checker.check_str(&decoded.text))
                    .map_err(|e| (item.name(), Box::new(e)))
            })
            .collect();
        for report in reports {
            match report {
                Ok(report) => stats.add(&report),
                Err((name, e)) => skipped(err, &name, &e, lang),
            }
        }
    }
    let _ = match format {
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string(&stats).expect("statistics serialize")
        ),
        _ => write!(out, "{}", stats.to_text(lang)),
    };
    Exit::Passed
}

//! The legal office's command-line checker: a thin shell over the `fazhi_check` library.
//!
//! ```text
//! cargo run --release --example check -- [--rules NAME|FILE] [--format text|json|csv] [--evidence N]
//!     [--outline] [--fail-under SCORE] [--summary-only] [--explain] [--tokens] PATH...
//! cargo run --release --example check -- [--rules NAME|FILE] --check-rules [REPORT...]
//! cargo run --release --example check -- [--rules NAME|FILE] --stats PATH...
//! cargo run --release --example check -- --list-rules | --rules-schema
//! ```
//!
//! A PATH may be a report file or a folder: every supported file under a folder is checked, in
//! sorted path order; hidden files and folders and files of other kinds are skipped and counted.
//! Reports are checked in parallel on every core, and the output comes in input order as it is ready.
//!
//! Exit status: 0 when every report passed; 1 when at least one failed or could not be checked; 2 on
//! a usage error, an invalid rule set, or when the folders given hold no report to check (nothing is
//! checked then).

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{CommandFactory, Parser, ValueEnum};
use fazhi_check::render::{self, TextOptions};
use fazhi_check::similarity::{Copies, Fingerprint, Sketch};
use fazhi_check::summary::Skip;
use fazhi_check::{Checker, Error, Report, RuleSet, Summary, files};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// For people: verdicts with evidence, in colour on a terminal, and a summary after a batch.
    Text,
    /// JSON Lines: one object per file, in input order.
    Json,
    /// A spreadsheet: one row per file, UTF-8 with a byte-order mark for Excel.
    Csv,
}

/// Checks annual rule-of-law government reports (法治政府建设年度报告) against a rule set.
#[derive(Parser, Debug)]
#[command(name = "check", version, about)]
struct Args {
    /// A built-in rule set's name (township, county, department; see --list-rules) or a rule-set
    /// TOML file; without it, the built-in township rule set.
    #[arg(long, value_name = "NAME|FILE")]
    rules: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// How many pieces of evidence to show per area in text output.
    #[arg(long, default_value_t = 2, value_name = "N")]
    evidence: usize,
    /// Pass mark for this run (0-100), instead of the rule set's; a report with a required area
    /// missing still fails.
    #[arg(long, value_name = "SCORE", value_parser = parse_score)]
    fail_under: Option<f64>,
    /// Print only the summary, not each report's verdict (text format only).
    #[arg(long)]
    summary_only: bool,
    /// Print each report's outline (its headings, with level and position) in text output.
    #[arg(long)]
    outline: bool,
    /// Explain every verdict: each term matched and where, what counted, what did not and why, and
    /// how each score was reached (in JSON output, an "explanation" key).
    #[arg(long)]
    explain: bool,
    /// Print the words of each report as the checker segments them (after folding, page chrome
    /// left out, with the rule set's words in the dictionary), and check nothing.
    #[arg(long)]
    tokens: bool,
    /// Check the rule set instead of reports: load errors, its own examples, and warnings about its
    /// terms and thresholds; the reports given (if any) are learnt from (terms and concepts that
    /// never match, terms that stand inside other words). Exit 1 when the rule set contradicts its
    /// examples.
    #[arg(long)]
    check_rules: bool,
    /// Corpus statistics over the reports given instead of verdicts: for each term, in how many
    /// reports it counted and stood negated; per area, the statuses; dead and ubiquitous terms.
    #[arg(long)]
    stats: bool,
    /// Also write every report's figures (numbers with units, 调解70件, and the area they stand in)
    /// to this CSV file, for totalling across towns. The file is written whole or not at all.
    #[arg(long, value_name = "FILE")]
    figures: Option<PathBuf>,
    /// Write a self-contained HTML page per report (its text with the evidence highlighted by area,
    /// each area's status and what was looked for, the findings and the outline) into this folder,
    /// with an index.html linking them. Each file is written whole or not at all.
    #[arg(long, value_name = "DIR")]
    html: Option<PathBuf>,
    /// A folder of last year's reports: flag this year's reports that repeat last year's report of
    /// the same organisation (finding `repeated_text`).
    #[arg(long, value_name = "DIR")]
    previous: Option<PathBuf>,
    /// Do not look for text copied between the reports of a batch (finding `copied_text`), which
    /// takes a first pass over every file.
    #[arg(long)]
    no_copies: bool,
    /// List the built-in rule sets and exit.
    #[arg(long)]
    list_rules: bool,
    /// Print the JSON Schema of the rule-set format (for editors) and exit.
    #[arg(long)]
    rules_schema: bool,
    /// Report files (UTF-8, UTF-16 or GB18030/GBK text), or folders to check every supported file
    /// under.
    #[arg(value_name = "PATH", required_unless_present_any = ["check_rules", "list_rules", "rules_schema"])]
    paths: Vec<PathBuf>,
}

fn parse_score(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=100.0).contains(&x) => Ok(x),
        _ => Err(format!("`{s}` is not a score from 0 to 100")),
    }
}

/// Files handed to the workers at a time, per worker thread: output waits for a whole chunk, and at
/// most three chunks of rendered lines are held (one being written, one waiting, one being
/// checked). Enough per thread that a slow file costs little idle time at the end of a chunk.
const CHUNK_PER_THREAD: usize = 32;

/// What a worker hands back for one file: its output line, its summary, its figures' CSV rows, and
/// its row of the HTML index.
type Checked = (String, Summary, String, Option<fazhi_check::html::IndexRow>);

/// One thing to check: a file, or a path the folder walk could not read.
enum Item {
    File(PathBuf),
    Unreadable(PathBuf, std::io::Error),
}

impl Item {
    fn name(&self) -> String {
        match self {
            Item::File(p) | Item::Unreadable(p, _) => p.display().to_string(),
        }
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// The files to check for the paths given, in order: a file as given, a folder's supported files in
/// sorted path order. Symbolic links are followed; a loop or an unreadable folder becomes an item of
/// its own.
fn collect(paths: &[PathBuf], skipped: &mut Summary) -> Vec<Item> {
    let mut items = Vec::new();
    for root in paths {
        if !root.is_dir() {
            items.push(Item::File(root.clone()));
            continue;
        }
        let mut walk = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walk.next() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().unwrap_or(root).to_path_buf();
                    items.push(Item::Unreadable(path, e.into()));
                    continue;
                }
            };
            let is_dir = entry.file_type().is_dir();
            if entry.depth() > 0 && is_hidden(entry.file_name()) {
                skipped.add_skipped(Skip::Hidden);
                if is_dir {
                    walk.skip_current_dir();
                }
            } else if is_dir {
                continue;
            } else if entry.file_type().is_file() && files::is_supported(entry.path()) {
                items.push(Item::File(entry.into_path()));
            } else {
                skipped.add_skipped(Skip::Unsupported);
            }
        }
    }
    items
}

/// Reads a file, refusing one above the checker's size limit before reading it.
fn read(path: &Path, limit: usize) -> Result<Vec<u8>, Error> {
    // Opening a FIFO would wait for a writer, and a device never ends: only regular files are read.
    let kind = std::fs::metadata(path)
        .map_err(|source| Error::Read { source })?
        .file_type();
    if !kind.is_file() {
        let what = if kind.is_dir() {
            "a folder"
        } else {
            "not a regular file (a FIFO, a device or a socket)"
        };
        return Err(Error::Read {
            source: std::io::Error::other(what),
        });
    }
    let file = std::fs::File::open(path).map_err(|source| Error::Read { source })?;
    let size = file
        .metadata()
        .map_err(|source| Error::Read { source })?
        .len();
    if size > limit as u64 {
        return Err(Error::TooLarge {
            size: usize::try_from(size).unwrap_or(usize::MAX),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Read { source })?;
    Ok(bytes)
}

struct Run<'a> {
    checker: &'a Checker,
    format: Format,
    summary_only: bool,
    explain: bool,
    tokens: bool,
    figures: bool,
    /// Where to write a page per report, with `--html`.
    html: Option<PathBuf>,
    options: TextOptions,
    /// Reports of this batch that share much of their text, by item index.
    copies: Copies,
    /// Reports that repeat last year's, by item index.
    repeated: Copies,
}

impl Run<'_> {
    /// Checks one item in a worker: its output line (if any) and a summary of it alone. The text and
    /// the report are dropped here.
    fn check(&self, index: usize, item: &Item) -> Checked {
        let name = item.name();
        let bytes = match item {
            Item::File(path) => read(path, self.checker.max_input_bytes()),
            Item::Unreadable(_, e) => Err(Error::Read {
                source: std::io::Error::new(e.kind(), e.to_string()),
            }),
        };
        if self.tokens {
            let line = match bytes.and_then(|b| fazhi_check::extract(&b, Some(&name))) {
                Ok(decoded) => format!(
                    "{name}:\n{}\n\n",
                    self.checker
                        .words(&decoded.text)
                        .join(" ")
                        .replace(" \n ", "\n")
                ),
                Err(e) => format!("{name}: error: {e}\n"),
            };
            return (line, Summary::default(), String::new(), None);
        }
        if self.explain {
            let explained = bytes
                .and_then(|b| fazhi_check::extract(&b, Some(&name)))
                .map(|d| self.checker.explain_str(&d.text));
            let (outcome, line) = match explained {
                Ok((mut report, explanation)) => {
                    self.annotate(index, &mut report);
                    let line = match self.format {
                        Format::Json => {
                            render::json_line_explained(&name, &report, &explanation) + "\n"
                        }
                        _ => {
                            render::text(&name, &Ok(report.clone()), &self.options)
                                + &render::explanation_text(&name, &explanation, &self.options)
                                + "\n"
                        }
                    };
                    (Ok(report), line)
                }
                Err(e) => {
                    let outcome = Err(e);
                    let line = render::text(&name, &outcome, &self.options);
                    (outcome, line)
                }
            };
            let mut one = Summary::default();
            one.add(&name, &outcome);
            let figures = render::figures_csv_rows(&name, &outcome);
            return (line, one, figures, None);
        }
        let outcome: Result<Report, Error> = match &self.html {
            // The page shows the report's text, so the text is kept for it here.
            Some(dir) => bytes
                .and_then(|bytes| fazhi_check::extract(&bytes, Some(&name)))
                .map(|extracted| {
                    let mut report = self.checker.check_str(&extracted.text);
                    report.encoding = extracted.encoding.map(str::to_string);
                    report.format = Some(extracted.format);
                    self.annotate(index, &mut report);
                    let page = page_name(&name);
                    let html = fazhi_check::html::report_page(&name, &extracted.text, &report);
                    if let Err(e) = write_whole(&dir.join(&page), &html) {
                        eprintln!("{name}: cannot write its page: {e}");
                    }
                    report
                }),
            None => bytes
                .and_then(|bytes| self.checker.check_file_bytes(&bytes, Some(&name)))
                .map(|mut report| {
                    self.annotate(index, &mut report);
                    report
                }),
        };
        let line = match self.format {
            Format::Json => render::json_line(&name, &outcome) + "\n",
            Format::Csv => render::csv_row(&name, &outcome, self.checker.rules()),
            Format::Text if self.summary_only => String::new(),
            Format::Text => render::text(&name, &outcome, &self.options) + "\n",
        };
        let mut one = Summary::default();
        one.add(&name, &outcome);
        let figures = if self.figures {
            render::figures_csv_rows(&name, &outcome)
        } else {
            String::new()
        };
        let index_row = self.html.as_ref().map(|_| fazhi_check::html::IndexRow {
            file: name.clone(),
            page: outcome.is_ok().then(|| page_name(&name)),
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
        (line, one, figures, index_row)
    }

    /// Adds the copied-text findings of the item at `index` to its report.
    fn annotate(&self, index: usize, report: &mut Report) {
        self.copies.annotate(index, report, self.checker.rules());
        self.repeated.annotate(index, report, self.checker.rules());
    }

    /// The first pass over a batch: each item's name and sketch (an empty one when it cannot be
    /// read; the second pass reports the error).
    fn sketches(&self, items: &[Item], progress: &ProgressBar) -> Vec<(String, Sketch)> {
        items
            .par_iter()
            .map(|item| {
                let name = item.name();
                let sketch = match item {
                    Item::File(path) => read(path, self.checker.max_input_bytes())
                        .and_then(|b| self.checker.sketch_file_bytes(&b, Some(&name)))
                        .unwrap_or_default(),
                    Item::Unreadable(..) => Sketch::default(),
                };
                progress.inc(1);
                (name, sketch)
            })
            .collect()
    }
}

fn usage_error(message: &str) -> ExitCode {
    let _ = Args::command()
        .error(clap::error::ErrorKind::ArgumentConflict, message)
        .print();
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    if args.summary_only && args.format != Format::Text {
        return usage_error("--summary-only goes with --format text");
    }
    if let Some(dir) = &args.previous
        && !dir.is_dir()
    {
        return usage_error(&format!(
            "--previous {}: not a folder (give the folder of last year's reports)",
            dir.display()
        ));
    }
    if args.rules_schema {
        println!("{}", fazhi_check::rules::json_schema());
        return ExitCode::SUCCESS;
    }
    if args.list_rules {
        for name in RuleSet::BUILTIN_NAMES {
            let rules = RuleSet::named(name).expect("built-in rule sets load");
            let areas: Vec<&str> = rules.areas.iter().map(|a| a.id.as_str()).collect();
            println!(
                "{name} {}  {}\n    areas: {}",
                rules.version,
                rules.description,
                areas.join(", ")
            );
        }
        return ExitCode::SUCCESS;
    }
    let rules = match &args.rules {
        Some(name_or_path) => RuleSet::from_name_or_path(name_or_path),
        None => Ok(RuleSet::builtin()),
    };
    let rules = match rules {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: invalid rule set: {e}");
            return ExitCode::from(2);
        }
    };
    let mut builder = Checker::builder();
    if let Some(score) = args.fail_under {
        builder.pass_threshold(score);
    }
    let checker = builder.build(rules);

    let mut summary = Summary::for_rules(checker.rules());
    let items = collect(&args.paths, &mut summary);
    if args.check_rules {
        return check_rules(&checker, &items, args.format);
    }
    if args.stats {
        return stats(&checker, &items, args.format);
    }
    if items.is_empty() {
        eprintln!(
            "error: no report to check: the folders given hold no {} file ({} skipped)",
            files::SUPPORTED_EXTENSIONS.join("/"),
            summary.skipped()
        );
        return ExitCode::from(2);
    }
    let batch = items.len() > 1;
    let show_summary = args.format == Format::Text && !args.tokens && (batch || args.summary_only);
    if !show_summary && summary.skipped() > 0 {
        eprintln!(
            "skipped {} under the folders given: {} hidden, {} not a supported kind",
            summary.skipped(),
            summary.skipped_hidden(),
            summary.skipped_unsupported()
        );
    }

    let color = args.format == Format::Text
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut run = Run {
        checker: &checker,
        format: args.format,
        summary_only: args.summary_only,
        explain: args.explain,
        tokens: args.tokens,
        figures: args.figures.is_some(),
        html: args.html.clone(),
        options: TextOptions {
            color,
            evidence_per_area: args.evidence,
            outline: args.outline,
            ..TextOptions::default()
        },
        copies: Copies::default(),
        repeated: Copies::default(),
    };
    let find_copies = batch && !args.no_copies && !args.tokens;
    let first_pass = find_copies || (args.previous.is_some() && !args.tokens);
    let progress = if batch && std::io::stderr().is_terminal() {
        let passes = if first_pass { 2 } else { 1 };
        let bar = ProgressBar::new((passes * items.len()) as u64);
        bar.set_style(
            ProgressStyle::with_template("{wide_bar} {pos}/{len} reports  {rate}  ETA {eta}")
                .expect("the template is valid")
                .with_key(
                    "rate",
                    |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.0}/s", state.per_sec());
                    },
                ),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    } else {
        ProgressBar::hidden()
    };
    if first_pass {
        let (current, organizations): (Vec<(String, Fingerprint)>, Vec<Option<String>>) = run
            .sketches(&items, &progress)
            .into_iter()
            .map(|(name, sketch)| ((name, sketch.fingerprint), sketch.metadata.organization))
            .unzip();
        if find_copies {
            run.copies = Copies::within(&current, checker.rules().min_share);
        }
        if let Some(dir) = &args.previous {
            run.repeated = last_year(&run, dir, &current, &organizations);
        }
    }

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut write = |s: &str| -> bool {
        progress.suspend(|| {
            out.write_all(s.as_bytes())
                .and_then(|()| out.flush())
                .is_ok()
        })
    };
    if args.format == Format::Csv && !write(&render::csv_header(checker.rules())) {
        return ExitCode::from(1);
    }
    let mut figures_out = match args.figures.as_deref().map(AtomicFile::create) {
        Some(Ok(sink)) => Some(sink),
        Some(Err(e)) => {
            eprintln!("error: cannot write the figures file: {e}");
            return ExitCode::from(2);
        }
        None => None,
    };
    if let Some(sink) = figures_out.as_mut()
        && let Err(e) = sink.write(&render::figures_csv_header())
    {
        eprintln!("error: cannot write the figures: {e}");
        return ExitCode::from(1);
    }
    let mut index_rows: Vec<fazhi_check::html::IndexRow> = Vec::new();
    if let Some(dir) = &args.html
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        eprintln!("error: cannot create {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    let chunk_len = (rayon::current_num_threads() * CHUNK_PER_THREAD).max(64);
    // The workers check the next chunk while this thread writes out the last one.
    let written = std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Checked>>(1);
        let (run, progress, items) = (&run, &progress, &items);
        scope.spawn(move || {
            for (c, chunk) in items.chunks(chunk_len).enumerate() {
                let done: Vec<Checked> = chunk
                    .par_iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let result = run.check(c * chunk_len + i, item);
                        progress.inc(1);
                        result
                    })
                    .collect();
                if sender.send(done).is_err() {
                    break; // the writing stopped
                }
            }
        });
        for done in receiver {
            let mut lines = String::new();
            let mut figure_rows = String::new();
            for (line, one, figures, index_row) in done {
                index_rows.extend(index_row);
                lines.push_str(&line);
                figure_rows.push_str(&figures);
                summary.merge(one);
            }
            if let Some(sink) = figures_out.as_mut()
                && let Err(e) = sink.write(&figure_rows)
            {
                eprintln!("error: cannot write the figures: {e}");
                return false;
            }
            if !write(&lines) {
                // The reader went away (a closed pipe): stop quietly.
                return false;
            }
        }
        true
    });
    if !written {
        progress.finish_and_clear();
        return ExitCode::from(1);
    }
    progress.finish_and_clear();
    if let Some(sink) = figures_out.take()
        && let Err(e) = sink.finish()
    {
        eprintln!("error: cannot write the figures file: {e}");
        return ExitCode::from(1);
    }
    if let Some(dir) = &args.html {
        let areas: Vec<String> = checker
            .rules()
            .areas
            .iter()
            .map(|a| a.title.clone())
            .collect();
        if let Err(e) = write_whole(
            &dir.join("index.html"),
            &fazhi_check::html::index_page(&areas, &index_rows),
        ) {
            eprintln!("error: cannot write the index page: {e}");
            return ExitCode::from(1);
        }
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
            eprint!("{note}");
        } else if !write(&note) {
            return ExitCode::from(1);
        }
    }
    if show_summary && !write(&render::summary(&summary, &run.options)) {
        return ExitCode::from(1);
    }
    if summary.all_passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// A heading and one line per pair of reports sharing their text: the share, the sentences, the two.
fn pairs_note(heading: &str, pairs: &[fazhi_check::similarity::CopiedPair]) -> String {
    let mut note = format!("{heading}\n");
    for pair in pairs {
        note.push_str(&format!(
            "  {:>3.0}%  {} sentences  {}  ~  {}\n",
            pair.share * 100.0,
            pair.shared_sentences,
            pair.first,
            pair.second
        ));
    }
    note
}

/// The decoded texts of the items, skipping (with a note on stderr) those that cannot be read.
fn texts(checker: &Checker, items: &[Item]) -> Vec<String> {
    items
        .iter()
        .filter_map(|item| {
            let bytes = match item {
                Item::File(path) => read(path, checker.max_input_bytes()),
                Item::Unreadable(_, e) => Err(Error::Read {
                    source: std::io::Error::new(e.kind(), e.to_string()),
                }),
            };
            match bytes.and_then(|b| fazhi_check::extract(&b, Some(&item.name()))) {
                Ok(decoded) => Some(decoded.text),
                Err(e) => {
                    eprintln!("{}: skipped: {e}", item.name());
                    None
                }
            }
        })
        .collect()
}

/// `--check-rules`: lints the rule set, learning from the reports given.
fn check_rules(checker: &Checker, items: &[Item], format: Format) -> ExitCode {
    let texts = texts(checker, items);
    let corpus: Vec<&str> = texts.iter().map(String::as_str).collect();
    let lints = fazhi_check::lint(checker, &corpus);
    for l in &lints {
        match format {
            Format::Json => println!("{}", serde_json::to_string(l).expect("lints serialize")),
            _ => println!("{l}"),
        }
    }
    let count = |severity| lints.iter().filter(|l| l.severity == severity).count();
    let errors = count(fazhi_check::Severity::Error);
    eprintln!(
        "{}: {errors} errors, {} warnings, {} notes",
        checker.rules().origin,
        count(fazhi_check::Severity::Warning),
        count(fazhi_check::Severity::Info)
    );
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `--stats`: corpus statistics over the reports given.
fn stats(checker: &Checker, items: &[Item], format: Format) -> ExitCode {
    let texts = texts(checker, items);
    let reports: Vec<Report> = texts.par_iter().map(|t| checker.check_str(t)).collect();
    let mut stats = fazhi_check::CorpusStats::new(checker.rules());
    for report in &reports {
        stats.add(report);
    }
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string(&stats).expect("statistics serialize")
        ),
        _ => print!("{}", stats.to_text()),
    }
    ExitCode::SUCCESS
}

/// A file written whole or not at all: into a hidden temporary file beside it, renamed into place
/// when finished. Dropped unfinished, the temporary file is removed.
struct AtomicFile {
    temp: PathBuf,
    target: PathBuf,
    out: Option<std::io::BufWriter<std::fs::File>>,
}

impl AtomicFile {
    fn create(target: &Path) -> std::io::Result<AtomicFile> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "figures.csv".into());
        let temp = target.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        let file = std::fs::File::create(&temp)?;
        Ok(AtomicFile {
            temp,
            target: target.to_path_buf(),
            out: Some(std::io::BufWriter::new(file)),
        })
    }

    fn write(&mut self, s: &str) -> std::io::Result<()> {
        self.out
            .as_mut()
            .expect("open until finished")
            .write_all(s.as_bytes())
    }

    fn finish(mut self) -> std::io::Result<()> {
        let out = self.out.take().expect("open until finished");
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&self.temp, &self.target)
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.out.is_some() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// The page's file name for an input: its path with every character that is not a letter, a digit or
/// a Chinese character made `_`, so that every input has its own page.
fn page_name(file: &str) -> String {
    let safe: String = file
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let safe: String = safe
        .trim_start_matches('_')
        .chars()
        .rev()
        .take(120)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("{safe}.html")
}

/// Writes a file whole or not at all: into a hidden temporary file beside it, then renamed.
fn write_whole(path: &Path, contents: &str) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temp, contents)
        .and_then(|()| std::fs::rename(&temp, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&temp);
        })
}

/// This year's reports that repeat last year's report of the same organisation, found in `dir`.
fn last_year(
    run: &Run<'_>,
    dir: &Path,
    current: &[(String, Fingerprint)],
    organizations: &[Option<String>],
) -> Copies {
    let mut ignored = Summary::default();
    let items = collect(&[dir.to_path_buf()], &mut ignored);
    if items.is_empty() {
        eprintln!(
            "warning: --previous {}: no report to compare with ({} files skipped)",
            dir.display(),
            ignored.skipped()
        );
    }
    let (previous, previous_organizations): (Vec<(String, Fingerprint)>, Vec<Option<String>>) = run
        .sketches(&items, &ProgressBar::hidden())
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
        run.checker.rules().min_share,
    )
}

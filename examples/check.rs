//! The legal office's command-line checker: a thin shell over the `fazhi_check` library. The
//! options are parsed here; walking the folders, checking and writing every output is
//! `fazhi_check::batch`.
//!
//! ```text
//! cargo run --release --example check -- [--rules NAME|FILE] [--format text|json|csv] [--evidence N]
//!     [--outline] [--fail-under SCORE] [--summary-only] [--explain] [--tokens] PATH...
//! cargo run --release --example check -- [--rules NAME|FILE] --check-rules [REPORT...]
//! cargo run --release --example check -- [--rules NAME|FILE] --stats PATH...
//! cargo run --release --example check -- --list-rules | --rules-schema
//! ```
//!
//! A PATH may be a report file or a folder: every file under a folder gets a record, in sorted path
//! order (a report in a form read is checked; any other file gets an error record saying what it is);
//! office junk (lock files, Thumbs.db, a saved page's _files folder) and hidden files and folders are
//! skipped and counted.
//! Reports are checked in parallel on every core, and the output comes in input order as it is ready.
//!
//! Exit status: 0 when every report passed; 1 when at least one failed or could not be checked; 2 on
//! a usage error, an invalid rule set, or when the folders given hold no report to check (nothing is
//! checked then).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use clap::{CommandFactory, Parser, ValueEnum};
use fazhi_check::batch::{self, Progress};
use fazhi_check::render::TextOptions;
use fazhi_check::{Checker, RuleSet, Summary};
use indicatif::{ProgressBar, ProgressStyle};

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
    /// holds the outputs back until every file is checked.
    #[arg(long)]
    no_copies: bool,
    /// Follow symbolic links under a folder that lead out of it (without this they get an error
    /// record naming them, and links inside the folder are followed to files only).
    #[arg(long)]
    follow_links: bool,
    /// List the built-in rule sets and exit.
    #[arg(long)]
    list_rules: bool,
    /// Print the JSON Schema of the rule-set format (for editors) and exit.
    #[arg(long)]
    rules_schema: bool,
    /// Report files (text, HTML, .mht, Word .docx/.doc, WPS .wps, .odt, RTF, PDF, OFD), or folders
    /// whose every file gets a record.
    #[arg(value_name = "PATH", required_unless_present_any = ["check_rules", "list_rules", "rules_schema"])]
    paths: Vec<PathBuf>,
}

fn parse_score(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=100.0).contains(&x) => Ok(x),
        _ => Err(format!("`{s}` is not a score from 0 to 100")),
    }
}

fn usage_error(message: &str) -> ExitCode {
    let _ = Args::command()
        .error(clap::error::ErrorKind::ArgumentConflict, message)
        .print();
    ExitCode::from(2)
}

/// The progress bar on a terminal: files done, rate and time left.
struct Bar(ProgressBar);

impl Progress for Bar {
    fn start(&self, total: u64) {
        self.0.set_length(total);
    }

    fn advance(&self) {
        self.0.inc(1);
    }

    fn suspend(&self, f: &mut dyn FnMut()) {
        self.0.suspend(f);
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

/// A flag set by Ctrl-C: the batch then stops, removes its temporary files and writes the index of
/// what it did. A second Ctrl-C ends the program at once.
fn stop_on_interrupt() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let _ = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::Relaxed) {
            std::process::exit(130);
        }
    });
    stop
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
    if args.html.is_some() && (args.explain || args.tokens) {
        return usage_error("--explain and --tokens write no HTML page: leave out --html, or them");
    }
    // Every write to standard output or error ignores a closed pipe: the program then ends quietly.
    if args.rules_schema {
        let _ = writeln!(std::io::stdout(), "{}", fazhi_check::rules::json_schema());
        return ExitCode::SUCCESS;
    }
    if args.list_rules {
        let mut out = std::io::stdout().lock();
        for name in RuleSet::BUILTIN_NAMES {
            let rules = RuleSet::named(name).expect("built-in rule sets load");
            let areas: Vec<&str> = rules.areas.iter().map(|a| a.id.as_str()).collect();
            if writeln!(
                out,
                "{name} {}  {}\n    areas: {}",
                rules.version,
                rules.description,
                areas.join(", ")
            )
            .is_err()
            {
                break;
            }
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
            let _ = writeln!(
                std::io::stderr(),
                "error: invalid rule set: {}",
                fazhi_check::render::visible(&e.to_string())
            );
            return ExitCode::from(2);
        }
    };
    let mut builder = Checker::builder();
    if let Some(score) = args.fail_under {
        builder.pass_threshold(score);
    }
    let checker = builder.build(rules);

    let mut summary = Summary::for_rules(checker.rules());
    // The output folder is not walked: a second run does not check the pages of the first.
    let walk = batch::Walk {
        follow_links: args.follow_links,
        exclude: args.html.iter().cloned().collect(),
    };
    let items = batch::collect_with(&args.paths, &walk, &mut summary);
    let format = match args.format {
        Format::Text => batch::Format::Text,
        Format::Json => batch::Format::Json,
        Format::Csv => batch::Format::Csv,
    };
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr());
    if args.check_rules {
        return ExitCode::from(
            batch::check_rules(&checker, &items, format, &mut out, &mut err).code(),
        );
    }
    if args.stats {
        return ExitCode::from(batch::stats(&checker, &items, format, &mut out, &mut err).code());
    }
    let color = args.format == Format::Text
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let options = batch::Options {
        format,
        summary_only: args.summary_only,
        explain: args.explain,
        tokens: args.tokens,
        figures: args.figures,
        html: args.html,
        previous: args.previous,
        no_copies: args.no_copies,
        stop: Some(stop_on_interrupt()),
        text: TextOptions {
            color,
            evidence_per_area: args.evidence,
            outline: args.outline,
            ..TextOptions::default()
        },
    };
    let bar = if items.len() > 1 && std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(0);
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
    let mut out = std::io::BufWriter::new(out);
    let exit = batch::run(
        &checker,
        &options,
        &items,
        summary,
        &mut out,
        &mut err,
        &Bar(bar),
    );
    ExitCode::from(exit.code())
}

//! The legal office's command-line checker: a thin shell over the `fazhi_check` library.
//!
//! ```text
//! cargo run --release --example check -- [--rules FILE] [--format text|json] PATH...
//! ```
//!
//! Exit status: 0 when every report passed; 1 when at least one failed or could not be checked; 2 on
//! a usage error or an invalid rule set (nothing is checked then).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use fazhi_check::render::{self, TextOptions};
use fazhi_check::{Checker, RuleSet};

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// For people: verdicts with evidence, in colour on a terminal.
    Text,
    /// JSON Lines: one object per input file, in the order given.
    Json,
}

/// Checks annual rule-of-law government reports (法治政府建设年度报告) against a rule set.
#[derive(Parser, Debug)]
#[command(name = "check", version, about)]
struct Args {
    /// A built-in rule set's name (township, county, department) or a rule-set TOML file; without
    /// it, the built-in township rule set.
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// How many pieces of evidence to show per area in text output.
    #[arg(long, default_value_t = 2, value_name = "N")]
    evidence: usize,
    /// Print each report's outline (its headings, with level and position) in text output.
    #[arg(long)]
    outline: bool,
    /// Report files to check (UTF-8, UTF-16 or GB18030/GBK text).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
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
    let rules = match &args.rules {
        Some(path) => RuleSet::from_name_or_path(&path.to_string_lossy()),
        None => Ok(RuleSet::builtin()),
    };
    let rules = match rules {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: invalid rule set: {e}");
            return ExitCode::from(2);
        }
    };
    let checker = Checker::new(rules);
    let color = args.format == Format::Text
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let options = TextOptions {
        color,
        evidence_per_area: args.evidence,
        outline: args.outline,
        ..TextOptions::default()
    };

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut all_passed = true;
    for path in &args.paths {
        let name = path.display().to_string();
        let outcome = std::fs::read(path)
            .map_err(|e| fazhi_check::Error::NotText {
                reason: format!("cannot read the file: {e}"),
            })
            .and_then(|bytes| checker.check_bytes(&bytes));
        all_passed &= outcome.as_ref().is_ok_and(|r| r.passed);
        let rendered = match args.format {
            Format::Json => render::json_line(&name, &outcome) + "\n",
            Format::Text => render::text(&name, &outcome, &options) + "\n",
        };
        if out.write_all(rendered.as_bytes()).is_err() {
            // The reader went away (a closed pipe): stop quietly.
            return ExitCode::from(1);
        }
    }
    if all_passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

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
    /// Explain every verdict: each term matched and where, what counted, what did not and why, and
    /// how each score was reached (in JSON output, an "explanation" key).
    #[arg(long)]
    explain: bool,
    /// Print the words of each report as the checker segments them (after folding, page chrome
    /// left out, with the rule set's words in the dictionary), one line per paragraph, and check
    /// nothing.
    #[arg(long)]
    tokens: bool,
    /// Report files to check (UTF-8, UTF-16 or GB18030/GBK text).
    #[arg(value_name = "PATH", required_unless_present_any = ["check_rules", "list_rules", "rules_schema"])]
    paths: Vec<PathBuf>,
    /// Check the rule set instead of reports: load errors, its own examples, and warnings about its
    /// terms and thresholds; the PATHs given (if any) are reports to learn from (terms and concepts
    /// that never match, terms that stand inside other words). Exit 1 when the rule set contradicts
    /// its examples.
    #[arg(long)]
    check_rules: bool,
    /// Corpus statistics over the reports given instead of verdicts: for each term, in how many
    /// reports it counted and stood negated; per area, the statuses; dead and ubiquitous terms.
    #[arg(long)]
    stats: bool,
    /// Print the JSON Schema of the rule-set format (for editors) and exit.
    #[arg(long)]
    rules_schema: bool,
    /// List the built-in rule sets.
    #[arg(long)]
    list_rules: bool,
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
    if args.rules_schema {
        println!("{}", fazhi_check::rules::json_schema());
        return ExitCode::SUCCESS;
    }
    if args.list_rules {
        for name in RuleSet::BUILTIN_NAMES {
            let rules = RuleSet::named(name).expect("built-in");
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
    let checker = Checker::new(rules);
    if args.check_rules {
        return check_rules(&checker, &args.paths, args.format);
    }
    if args.stats {
        let mut stats = fazhi_check::CorpusStats::new(checker.rules());
        for path in &args.paths {
            match std::fs::read(path)
                .map_err(|e| e.to_string())
                .and_then(|b| checker.check_bytes(&b).map_err(|e| e.to_string()))
            {
                Ok(report) => stats.add(&report),
                Err(e) => eprintln!("{}: skipped: {e}", path.display()),
            }
        }
        match args.format {
            Format::Json => println!(
                "{}",
                serde_json::to_string(&stats).expect("statistics serialize")
            ),
            Format::Text => print!("{}", stats.to_text()),
        }
        return ExitCode::SUCCESS;
    }
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
        if args.tokens {
            let words = std::fs::read(path)
                .map_err(|e| fazhi_check::Error::NotText {
                    reason: format!("cannot read the file: {e}"),
                })
                .and_then(|bytes| fazhi_check::decode(&bytes))
                .map(|d| checker.words(&d.text));
            let rendered = match words {
                Ok(words) => format!("{name}:\n{}\n", words.join(" | ").replace(" | \n | ", "\n")),
                Err(e) => format!("{name}: error: {e}\n"),
            };
            if out.write_all(rendered.as_bytes()).is_err() {
                return ExitCode::from(1);
            }
            continue;
        }
        if args.explain {
            let explained = std::fs::read(path)
                .map_err(|e| fazhi_check::Error::NotText {
                    reason: format!("cannot read the file: {e}"),
                })
                .and_then(|bytes| fazhi_check::decode(&bytes))
                .map(|d| checker.explain_str(&d.text));
            let rendered = match (&explained, args.format) {
                (Ok((report, explanation)), Format::Json) => {
                    render::json_line_explained(&name, report, explanation) + "\n"
                }
                (Ok((report, explanation)), Format::Text) => {
                    render::text(&name, &Ok(report.clone()), &options)
                        + &render::explanation_text(&name, explanation, &options)
                        + "\n"
                }
                (Err(e), _) => render::text(
                    &name,
                    &Err(fazhi_check::Error::NotText {
                        reason: e.to_string(),
                    }),
                    &options,
                ),
            };
            all_passed &= explained.as_ref().is_ok_and(|(r, _)| r.passed);
            if out.write_all(rendered.as_bytes()).is_err() {
                return ExitCode::from(1);
            }
            continue;
        }
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

/// `--check-rules`: lints the rule set, learning from the reports given.
fn check_rules(checker: &Checker, paths: &[PathBuf], format: Format) -> ExitCode {
    let mut texts = Vec::new();
    for path in paths {
        match std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|b| fazhi_check::decode(&b).map_err(|e| e.to_string()))
        {
            Ok(decoded) => texts.push(decoded.text),
            Err(e) => eprintln!("{}: skipped: {e}", path.display()),
        }
    }
    let corpus: Vec<&str> = texts.iter().map(String::as_str).collect();
    let lints = fazhi_check::lint(checker, &corpus);
    for l in &lints {
        match format {
            Format::Json => println!("{}", serde_json::to_string(l).expect("lints serialize")),
            Format::Text => println!("{l}"),
        }
    }
    let errors = lints
        .iter()
        .filter(|l| l.severity == fazhi_check::Severity::Error)
        .count();
    if format == Format::Text {
        eprintln!(
            "{}: {} errors, {} warnings, {} notes",
            checker.rules().origin,
            errors,
            lints
                .iter()
                .filter(|l| l.severity == fazhi_check::Severity::Warning)
                .count(),
            lints
                .iter()
                .filter(|l| l.severity == fazhi_check::Severity::Info)
                .count()
        );
    }
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

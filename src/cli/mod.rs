//! Step 11, the command-line program (cargo feature `cli`, on by default): the options parsed,
//! the progress bar and Ctrl-C, and the run handed over to [`batch`](mod@crate::batch). The installed
//! binary `fazhi-check` (src/bin/fazhi-check.rs) and the example `check` are each one call of
//! [`main`].
//!
//! ```text
//! fazhi-check [--rules NAME|FILE] [--format text|json|csv|line] [--lang zh|en] [--evidence N]
//!     [--outline] [--fail-under SCORE] [--summary-only] [--explain] [--tokens] PATH...
//! fazhi-check [--rules NAME|FILE] --check-rules [REPORT...]
//! fazhi-check [--rules NAME|FILE] --stats PATH...
//! fazhi-check --list-rules | --rules-schema
//! ```
//!
//! A PATH may be a report file or a folder: every file under a folder gets a record, in sorted path
//! order (a report in a form read is checked; any other file gets an error record saying what it is);
//! office junk (lock files, Thumbs.db, a saved page's _files folder) and hidden files and folders are
//! skipped and counted.
//! Reports are checked in parallel on every core, and the output comes in input order as it is ready.
//!
//! A PATH `-` is standard input, reported under the name `-`.
//!
//! What a person reads is Chinese by default, `--help` included; `--lang en` gives English. clap's
//! own messages for a command line it cannot parse (an unknown option, a missing value) stay
//! English: clap has no translations.
//!
//! Exit status ([`EXIT_STATUS_ZH`]): 0 when every report is 通过; 1 when at least one is 需修改 or
//! 退回, a file could not be checked, or an output could not be written; 2 on a usage error, an
//! invalid rule set, or when the folders given hold no report to check (nothing is checked then);
//! 130 when stopped by Ctrl-C.

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};

use crate::batch::{self, Progress};
use crate::checker::Checker;
use crate::render::TextOptions;
use crate::render::summary::Summary;
use crate::rules::RuleSet;
use crate::text::lang::Lang;

/// The exit statuses, as `--help` gives them in Chinese.
pub const EXIT_STATUS_ZH: &str = "退出状态：0 全部通过；1 有报告需修改或退回，或有文件无法检查、输出无法写入；\
2 用法错误、规则集无效，或所给文件夹中没有可检查的报告；130 被 Ctrl-C 中断。";

/// The exit statuses, as `--help --lang en` gives them.
pub const EXIT_STATUS_EN: &str = "Exit status: 0 every report passed; 1 a report is to revise or sent back, a file \
could not be checked, or an output could not be written; 2 a usage error, an invalid rule set, or no report to check \
in the folders given; 130 stopped by Ctrl-C.";

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// For people: verdicts with evidence, in colour on a terminal, and a summary after a batch.
    Text,
    /// JSON Lines: one object per file, in input order.
    Json,
    /// A spreadsheet: one row per file, UTF-8 with a byte-order mark for Excel.
    Csv,
    /// For editors and CI: one line per finding, file:line:column: severity[id] message.
    Line,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
enum LangArg {
    /// Chinese.
    Zh,
    /// English.
    En,
}

/// Checks annual rule-of-law government reports (法治政府建设年度报告) against a rule set.
#[derive(Parser, Debug)]
#[command(
    name = "fazhi-check",
    version,
    about,
    disable_help_flag = true,
    disable_version_flag = true,
    after_help = EXIT_STATUS_EN
)]
struct Args {
    /// A built-in rule set's name (township, county, department; see --list-rules), `auto` (each
    /// report's set chosen by the kind of body that wrote it), or a rule-set TOML file; without it,
    /// the settings file's, else the built-in township rule set.
    #[arg(long, value_name = "NAME|FILE")]
    rules: Option<String>,
    /// Output format [default: text, or the settings file's].
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Also write an Excel workbook (reports, findings, figures, summary), whole or not at all.
    #[arg(long, value_name = "FILE")]
    xlsx: Option<PathBuf>,
    /// The round's year: a report of another year gets the finding `wrong_year`.
    #[arg(long, value_name = "YEAR")]
    year: Option<i32>,
    /// Do not read a fazhi.toml settings file (looked for in the folder checked and its parents).
    #[arg(long)]
    no_settings: bool,
    /// The language of what a person reads (zh, the default, or en); ids and JSON keys stay as they
    /// are.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    lang: LangArg,
    /// How many pieces of evidence to show per area in text output.
    #[arg(long, default_value_t = 2, value_name = "N")]
    evidence: usize,
    /// Pass mark for this run (0-100), instead of the rule set's; a report under it is to revise,
    /// and one with a required area missing is still sent back.
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
    /// holds every output until the whole batch is checked and compared.
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
    /// Print help.
    #[arg(short = 'h', long, action = ArgAction::Help)]
    help: Option<bool>,
    /// Print the version.
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,
    /// Report files (text, HTML, .mht, Word .docx/.doc, WPS .wps, .odt, RTF, PDF, OFD), folders
    /// whose every file gets a record, or - for standard input.
    #[arg(value_name = "PATH", required_unless_present_any = ["check_rules", "list_rules", "rules_schema"])]
    paths: Vec<PathBuf>,
}

/// The Chinese help of each option, by its id; the English is the doc comment above.
const HELP_ZH: &[(&str, &str)] = &[
    (
        "rules",
        "内置规则集的名称（township 乡镇、county 县区、department 部门；见 --list-rules）、auto（按报告单位的类型为每份报告选用）或规则集 TOML 文件；不给时用设置文件中的，否则用内置的 township",
    ),
    (
        "xlsx",
        "另写一个 Excel 工作簿（报告、问题、数字、汇总四张表），整写或不写",
    ),
    ("year", "本轮审查的年度：其他年度的报告记问题 wrong_year"),
    (
        "no_settings",
        "不读取设置文件 fazhi.toml（在所查文件夹及其上级文件夹中查找）",
    ),
    (
        "format",
        "输出格式：text 供人阅读（默认，或设置文件中的），json 每个文件一行 JSON，csv 表格（每个文件一行），line 每个问题一行「文件:行:列: 严重程度[编号] 说明」（供编辑器和 CI）",
    ),
    (
        "lang",
        "人读内容的语言：zh 中文（默认）或 en 英文；编号和 JSON 键不变",
    ),
    ("evidence", "文本输出中每个方面显示几条依据（默认 2）"),
    (
        "fail_under",
        "本次的合格线（0-100），代替规则集的；低于它的报告需修改，缺少必备方面的仍退回",
    ),
    ("summary_only", "只打印汇总，不打印每份报告（仅 text 格式）"),
    (
        "outline",
        "在文本输出中打印每份报告的提纲（标题及其层级、位置）",
    ),
    (
        "explain",
        "解释每个结论：每个用语在哪里找到、哪些计入、哪些不计及原因、得分如何得出（JSON 中为 explanation 键）",
    ),
    ("tokens", "打印检查器切分出的每份报告的词语，不做检查"),
    (
        "check_rules",
        "检查规则集而不是报告：加载错误、规则集自带的例句、用语和阈值的警告；所给报告用于发现从不匹配的用语。规则集与例句矛盾时退出状态为 1",
    ),
    (
        "stats",
        "对所给报告做语料统计而不是检查：每个用语计入和被否定的报告数、各方面的状态",
    ),
    (
        "figures",
        "另把每份报告的数字（带单位的数字，如调解70件，及其所在方面）写入这个 CSV 文件，供各单位汇总；整写或不写",
    ),
    (
        "html",
        "在这个文件夹中为每份报告生成一个网页（依据按方面高亮、各方面状态、问题和提纲），并生成 index.html 索引；每个文件整写或不写",
    ),
    (
        "previous",
        "上年报告所在的文件夹：标出与本单位上年报告重复的本年报告（问题 repeated_text）",
    ),
    (
        "no_copies",
        "不查找同批报告之间的雷同文本（问题 copied_text；需要先把每个文件读一遍）",
    ),
    (
        "follow_links",
        "跟随文件夹中指向其外的符号链接（不加时这类链接单独记为无法读取）",
    ),
    ("list_rules", "列出内置规则集后退出"),
    (
        "rules_schema",
        "打印规则集格式的 JSON Schema（供编辑器使用）后退出",
    ),
    ("help", "显示帮助"),
    ("version", "显示版本"),
    (
        "paths",
        "报告文件（文本、HTML、.mht、Word .docx/.doc、WPS .wps、.odt、RTF、PDF、OFD）、文件夹（其中每个文件都有一条记录），或 - 表示标准输入",
    ),
];

/// The Chinese names of the options' values in `--help`.
const VALUE_NAMES_ZH: &[(&str, &str)] = &[
    ("rules", "名称|文件"),
    ("format", "格式"),
    ("xlsx", "文件"),
    ("year", "年度"),
    ("lang", "语言"),
    ("evidence", "条数"),
    ("fail_under", "分数"),
    ("figures", "文件"),
    ("html", "文件夹"),
    ("previous", "文件夹"),
    ("paths", "路径"),
];

/// The language asked for on the command line, before it is parsed (`--lang en`, `--lang=en`), so
/// that `--help` and the parse errors of our own values come in it.
fn lang_of(args: &[OsString]) -> Lang {
    let mut lang = Lang::Zh;
    let mut iter = args.iter().map(|a| a.to_string_lossy());
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        let value = match arg.strip_prefix("--lang") {
            Some("") => iter.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        if let Some(found) = value.as_deref().and_then(Lang::parse) {
            lang = found;
        }
    }
    lang
}

/// The command in `lang`: in Chinese, every option's help, the headings, the usage line's word and
/// the exit statuses; clap's own messages for a command line it cannot parse stay English.
fn command(lang: Lang) -> clap::Command {
    let mut cmd = Args::command();
    if lang == Lang::En {
        return cmd;
    }
    cmd = cmd
        .about("按规则集检查法治政府建设年度报告，并评分。")
        .after_help(EXIT_STATUS_ZH)
        .help_template("{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}");
    cmd = cmd.override_usage("fazhi-check [选项] [路径]...");
    for (id, help) in HELP_ZH {
        let heading = if *id == "paths" { "参数" } else { "选项" };
        let value_name = VALUE_NAMES_ZH
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, n)| *n);
        cmd = cmd.mut_arg(*id, |a| {
            let a = a.help(*help).help_heading(heading);
            match value_name {
                // The defaults and the possible values are in the Chinese help.
                Some(name) => a
                    .value_name(name)
                    .hide_possible_values(true)
                    .hide_default_value(true),
                None => a,
            }
        });
    }
    cmd
}

/// Whether `--lang en` was asked for, for the messages of the value parsers (which clap calls
/// without any state of ours).
static ENGLISH: AtomicBool = AtomicBool::new(false);

fn parse_score(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if (0.0..=100.0).contains(&x) => Ok(x),
        _ if ENGLISH.load(Ordering::Relaxed) => Err(format!("`{s}` is not a score from 0 to 100")),
        _ => Err(format!("`{s}` 不是 0 到 100 之间的分数")),
    }
}

/// A command line clap cannot parse, said in Chinese for the kinds a person meets (a wrong value,
/// an unknown option, a missing one); any other in clap's own words.
fn parse_error_zh(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let get = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join("、"),
        _ => String::new(),
    };
    match e.kind() {
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            format!("{} 的值无效：{why}", get(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue => format!(
            "{} 的值「{}」无效，可选：{}",
            get(ContextKind::InvalidArg),
            get(ContextKind::InvalidValue),
            get(ContextKind::ValidValue)
        ),
        ErrorKind::UnknownArgument => {
            format!("不认识的选项 {}", get(ContextKind::InvalidArg))
        }
        ErrorKind::MissingRequiredArgument => {
            format!(
                "缺少 {}",
                get(ContextKind::InvalidArg).replace("<路径>...", "要检查的报告文件或文件夹")
            )
        }
        ErrorKind::ArgumentConflict => format!(
            "{} 不能与 {} 一起用",
            get(ContextKind::InvalidArg),
            get(ContextKind::PriorArg)
        ),
        ErrorKind::NoEquals | ErrorKind::InvalidSubcommand | ErrorKind::TooManyValues => {
            format!("命令行有误：{}", get(ContextKind::InvalidArg))
        }
        _ => e.to_string().trim_end().to_string(),
    }
}

fn usage_error(lang: Lang, message: &str) -> ExitCode {
    let _ = writeln!(
        std::io::stderr(),
        "{}{message}\n{}",
        lang.pick("用法错误：", "error: "),
        lang.pick("（--help 查看用法）", "(see --help)")
    );
    ExitCode::from(2)
}

/// The progress bar on a terminal: files done, rate and time left, per pass.
struct Bar(ProgressBar);

impl Progress for Bar {
    fn stage(&self, label: &str) {
        self.0.set_message(label.to_string());
    }

    fn start(&self, total: u64) {
        self.0.set_length(total);
        self.0.set_position(0);
        self.0.reset_eta();
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

/// The program: parses the command line, runs, and returns the exit status.
pub fn main() -> ExitCode {
    run(std::env::args_os().collect())
}

/// The program on the arguments given (the program's name first, as in `std::env::args_os`).
pub fn run(argv: Vec<OsString>) -> ExitCode {
    let lang = lang_of(&argv);
    let lang_given = argv.iter().skip(1).any(|a| {
        a.to_str()
            .is_some_and(|a| a == "--lang" || a.starts_with("--lang="))
    });
    ENGLISH.store(lang == Lang::En, Ordering::Relaxed);
    let parsed = command(lang)
        .try_get_matches_from(argv)
        .and_then(|m| Args::from_arg_matches(&m));
    let mut args: Args = match parsed {
        Ok(args) => args,
        Err(e) if !e.use_stderr() || lang == Lang::En => {
            // --help and --version, or a command line clap explains in English.
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
        Err(e) => return usage_error(lang, &parse_error_zh(&e)),
    };
    let mut lang = match args.lang {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    };
    // fazhi.toml, the nearest above the first path: the command line wins over it.
    let found = args.paths.first().filter(|_| !args.no_settings);
    let settings = match found.and_then(|p| batch::settings::find(p)) {
        Some(path) => match batch::settings::Settings::load(&path) {
            Ok(s) => Some(s),
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "{}{e}", lang.pick("错误：", "error: "));
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let from = settings.clone().unwrap_or_default();
    if !lang_given && let Some(l) = from.lang() {
        lang = l;
    }
    args.rules = args.rules.or(from.rules.clone());
    args.fail_under = args.fail_under.or(from.pass_mark);
    args.year = args.year.or(from.year);
    args.xlsx = args.xlsx.or(from.output.xlsx.clone());
    args.html = args.html.or(from.output.html.clone());
    args.figures = args.figures.or(from.output.figures.clone());
    let given = from
        .output
        .format
        .as_deref()
        .and_then(|f| Format::from_str(f, true).ok());
    let args_format = args.format.or(given).unwrap_or(Format::Text);
    if args.summary_only && args_format != Format::Text {
        return usage_error(
            lang,
            lang.pick(
                "--summary-only 只能与 --format text 一起用",
                "--summary-only goes with --format text",
            ),
        );
    }
    if let Some(dir) = &args.previous
        && !dir.is_dir()
    {
        return usage_error(
            lang,
            &match lang {
                Lang::Zh => format!(
                    "--previous {}：不是文件夹（请给出上年报告所在的文件夹）",
                    dir.display()
                ),
                Lang::En => format!(
                    "--previous {}: not a folder (give the folder of last year's reports)",
                    dir.display()
                ),
            },
        );
    }
    if args.html.is_some() && (args.explain || args.tokens) {
        return usage_error(
            lang,
            lang.pick(
                "--explain 和 --tokens 不生成网页：去掉 --html，或去掉它们",
                "--explain and --tokens write no HTML page: leave out --html, or them",
            ),
        );
    }
    if args.paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return usage_error(
            lang,
            lang.pick(
                "- （标准输入）只能给一次",
                "- (standard input) can be given once only",
            ),
        );
    }
    // Every write to standard output or error ignores a closed pipe: the program then ends quietly.
    if args.rules_schema {
        let _ = writeln!(std::io::stdout(), "{}", crate::rules::json_schema());
        return ExitCode::SUCCESS;
    }
    if args.list_rules {
        let mut out = std::io::stdout().lock();
        for name in RuleSet::BUILTIN_NAMES {
            let rules = RuleSet::named(name).expect("built-in rule sets load");
            let areas: Vec<&str> = rules.areas.iter().map(|a| a.id.as_str()).collect();
            if writeln!(
                out,
                "{name} {}  {}\n    {}{}",
                rules.version,
                rules.description,
                lang.pick("方面：", "areas: "),
                areas.join(", ")
            )
            .is_err()
            {
                break;
            }
        }
        return ExitCode::SUCCESS;
    }
    let auto = args.rules.as_deref() == Some("auto");
    let rules = match &args.rules {
        Some(name_or_path) if !auto => RuleSet::from_name_or_path(name_or_path),
        _ => Ok(RuleSet::builtin()),
    };
    let mut rules = match rules {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "{}{}",
                lang.pick("错误：规则集无效：", "error: invalid rule set: "),
                crate::render::visible(&crate::render::error_message(&e, lang))
            );
            return ExitCode::from(2);
        }
    };
    let mut builder = Checker::builder();
    if let Some(score) = args.fail_under {
        builder.pass_threshold(score);
    }
    if let Some(deadline) = from.deadline() {
        rules.findings.deadline = deadline;
    }
    let checker = builder.build(rules);
    let auto_rules =
        auto.then(|| Arc::new(batch::settings::AutoRules::new(&builder, from.deadline())));

    let mut summary = Summary::for_rules(checker.rules());
    // The output folder is not walked: a second run does not check the pages of the first.
    let walk = batch::Walk {
        follow_links: args.follow_links,
        exclude: args.html.iter().cloned().collect(),
    };
    let mut items = Vec::new();
    for path in &args.paths {
        if path.as_os_str() == "-" {
            items.push(batch::read_stdin(checker.max_input_bytes()));
        } else {
            items.extend(batch::collect_with(
                std::slice::from_ref(path),
                &walk,
                &mut summary,
            ));
        }
    }
    let format = match args_format {
        Format::Text => batch::Format::Text,
        Format::Json => batch::Format::Json,
        Format::Csv => batch::Format::Csv,
        Format::Line => batch::Format::Line,
    };
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr());
    if args.check_rules {
        return ExitCode::from(
            batch::check_rules(&checker, &items, format, lang, &mut out, &mut err).code(),
        );
    }
    if args.stats {
        return ExitCode::from(
            batch::stats(&checker, &items, format, lang, &mut out, &mut err).code(),
        );
    }
    let color = args_format == Format::Text
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
        xlsx: args.xlsx,
        year: args.year,
        auto_rules,
        settings_file: settings.map(|s| s.path),
        no_copies: args.no_copies,
        stop: Some(stop_on_interrupt()),
        text: TextOptions {
            color,
            evidence_per_area: args.evidence,
            outline: args.outline,
            lang,
            ..TextOptions::default()
        },
    };
    let bar = if items.len() > 1 && std::io::stderr().is_terminal() {
        let template = match lang {
            Lang::Zh => "{msg} {wide_bar} {pos}/{len} 份  {rate}  剩余 {eta}",
            Lang::En => "{msg} {wide_bar} {pos}/{len} reports  {rate}  ETA {eta}",
        };
        let per_second = lang.pick("份/秒", "/s");
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template(template)
                .expect("the template is valid")
                .with_key(
                    "rate",
                    move |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.0}{per_second}", state.per_sec());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_is_well_formed_in_both_languages() {
        command(Lang::Zh).debug_assert();
        command(Lang::En).debug_assert();
        assert!(
            HELP_ZH
                .iter()
                .all(|(id, _)| Args::command().get_arguments().any(|a| a.get_id() == id))
        );
        assert_eq!(
            HELP_ZH.len(),
            Args::command().get_arguments().count(),
            "every option has its Chinese help"
        );
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_of(&args(&["x", "--help"])), Lang::Zh);
        assert_eq!(lang_of(&args(&["x", "--lang", "en", "--help"])), Lang::En);
        assert_eq!(lang_of(&args(&["x", "--lang=en"])), Lang::En);
        assert_eq!(lang_of(&args(&["x", "--", "--lang=en"])), Lang::Zh);
    }
}

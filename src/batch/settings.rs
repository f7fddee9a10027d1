//! The batch's sense of a round: the settings file `fazhi.toml`, and `--rules auto`, which picks the
//! rule set from the kind of body that wrote each report.
//!
//! # The settings file
//!
//! A legal office keeps one `fazhi.toml` beside the round's folder of submissions (or in any folder
//! above it): [`find`] looks for it in the folder checked and then in each parent in turn, the
//! nearest one winning, as ruff finds its settings. Every key is optional; options on the command
//! line win over the file; a key the file does not know is an error naming the file, the line and
//! the key.
//!
//! ```toml
//! rules = "auto"          # township, county, department, auto, or a rule-set file (relative to this file)
//! pass_mark = 70          # 合格线, instead of the rule set's
//! year = 2023             # the round's year: a report of another year is a finding
//! deadline = "03-31"      # publication deadline in the following year, instead of the rule set's
//!
//! [output]
//! format = "csv"          # text, json or csv
//! xlsx = "审查结果.xlsx"  # the Excel workbook (relative to this file)
//! html = "审查页面"       # the folder of HTML pages
//! figures = "数字.csv"
//! lang = "zh"             # zh or en
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::checker::{Checker, CheckerBuilder};
use crate::rules::RuleSet;
use crate::text::lang::Lang;

/// The settings file's name.
pub const FILE_NAME: &str = "fazhi.toml";

/// What a `fazhi.toml` sets. Paths in it are made relative to its folder by [`Settings::load`].
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The rule set: a built-in name, `auto`, or a file.
    pub rules: Option<String>,
    /// The pass mark, 0 to 100.
    pub pass_mark: Option<f64>,
    /// The round's year.
    pub year: Option<i32>,
    /// The publication deadline in the following year, `MM-DD`.
    pub deadline: Option<String>,
    /// Output choices.
    #[serde(default)]
    pub output: Output,
    /// The file the settings were read from (set by [`Settings::load`]).
    #[serde(skip)]
    pub path: PathBuf,
}

/// The output choices of a settings file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Output {
    /// `text`, `json` or `csv`.
    pub format: Option<String>,
    /// The Excel workbook to write.
    pub xlsx: Option<PathBuf>,
    /// The folder of HTML pages.
    pub html: Option<PathBuf>,
    /// The figures CSV file.
    pub figures: Option<PathBuf>,
    /// `zh` or `en`.
    pub lang: Option<String>,
}

/// A settings file that cannot be used: where, which key, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line, 0 when the file could not be read.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The key concerned, where one can be named (`output.xlsx`).
    pub key: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for SettingsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        write!(f, ": 设置文件有误：{}", self.message)?;
        if let Some(key) = &self.key {
            write!(f, "（键 `{key}`）")?;
        }
        Ok(())
    }
}

impl std::error::Error for SettingsError {}

/// The nearest `fazhi.toml`: in `start` (a folder, or a file's folder) or the first parent that has
/// one.
pub fn find(start: &Path) -> Option<PathBuf> {
    let start = start.canonicalize().ok()?;
    let dir = if start.is_dir() {
        start.as_path()
    } else {
        start.parent()?
    };
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// Line and column (1-based, columns in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// The key on the line at `offset`, under its table header.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let (line, _) = line_column(text, offset);
    let lines: Vec<&str> = text.lines().collect();
    let here = lines.get(line - 1)?.trim();
    let table = lines[..line - 1]
        .iter()
        .rev()
        .map(|l| l.trim())
        .find(|l| l.starts_with('['))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim().to_string());
    let key = here
        .split_once('=')
        .map(|(k, _)| k.trim().trim_matches('"').to_string())
        .filter(|k| !k.is_empty() && !here.starts_with('['));
    match (table, key) {
        (Some(t), Some(k)) => Some(format!("{t}.{k}")),
        (None, Some(k)) => Some(k),
        (Some(t), None) => Some(t),
        (None, None) => None,
    }
}

impl Settings {
    /// Reads and checks the settings file at `path`; relative paths in it are resolved against its
    /// folder.
    ///
    /// # Errors
    ///
    /// When the file cannot be read, is not TOML, has a key it does not know or a value of the
    /// wrong kind, or a pass mark, deadline, format, language or rule set that is not valid.
    pub fn load(path: &Path) -> Result<Settings, SettingsError> {
        let text = std::fs::read_to_string(path).map_err(|e| SettingsError {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            key: None,
            message: format!("无法读取：{e}"),
        })?;
        Settings::parse(&text, path)
    }

    /// Checks the settings `text`, read from `path`.
    ///
    /// # Errors
    ///
    /// As [`Settings::load`].
    pub fn parse(text: &str, path: &Path) -> Result<Settings, SettingsError> {
        let error = |offset: usize, key: Option<String>, message: String| {
            let (line, column) = line_column(text, offset);
            SettingsError {
                path: path.to_path_buf(),
                line,
                column,
                key,
                message,
            }
        };
        let mut settings: Settings = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            let message = e.message().trim();
            let message = match message.strip_prefix("unknown field ") {
                Some(rest) => format!(
                    "不认识的设置项 {}",
                    rest.split(',').next().unwrap_or(rest).trim()
                ),
                None => format!("无法解析（{message}）"),
            };
            error(at, key_at(text, at), message)
        })?;
        let place = |key: &str| {
            let name = key.rsplit('.').next().unwrap_or(key);
            text.lines()
                .scan(0, |offset, line| {
                    let at = *offset;
                    *offset += line.len() + 1;
                    Some((at, line))
                })
                .find(|(_, line)| {
                    line.trim_start()
                        .strip_prefix(name)
                        .is_some_and(|rest| rest.trim_start().starts_with('='))
                })
                .map_or(0, |(at, _)| at)
        };
        let invalid =
            |key: &str, message: String| error(place(key), Some(key.to_string()), message);
        if let Some(mark) = settings.pass_mark
            && !(0.0..=100.0).contains(&mark)
        {
            return Err(invalid(
                "pass_mark",
                format!("合格线应在 0 到 100 之间，此处为 {mark}"),
            ));
        }
        if let Some(deadline) = &settings.deadline
            && parse_deadline(deadline).is_none()
        {
            return Err(invalid(
                "deadline",
                format!("截止日期应写作 \"MM-DD\"（如 \"03-31\"），此处为 \"{deadline}\""),
            ));
        }
        if let Some(format) = &settings.output.format
            && !matches!(format.as_str(), "text" | "json" | "csv")
        {
            return Err(invalid(
                "output.format",
                format!("输出格式应为 text、json 或 csv，此处为 \"{format}\""),
            ));
        }
        if let Some(lang) = &settings.output.lang
            && Lang::parse(lang).is_none()
        {
            return Err(invalid(
                "output.lang",
                format!("语言应为 zh 或 en，此处为 \"{lang}\""),
            ));
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        let near = |p: &mut Option<PathBuf>| {
            if let Some(p) = p
                && p.is_relative()
            {
                *p = dir.join(&*p);
            }
        };
        near(&mut settings.output.xlsx);
        near(&mut settings.output.html);
        near(&mut settings.output.figures);
        if let Some(rules) = &settings.rules
            && rules != "auto"
            && !RuleSet::BUILTIN_NAMES.contains(&rules.as_str())
        {
            let file = dir.join(rules);
            if !file.is_file() {
                return Err(invalid(
                    "rules",
                    format!(
                        "规则集应为 {}、auto 或规则集文件，找不到 {}",
                        RuleSet::BUILTIN_NAMES.join("、"),
                        file.display()
                    ),
                ));
            }
            settings.rules = Some(file.to_string_lossy().into_owned());
        }
        settings.path = path.to_path_buf();
        Ok(settings)
    }

    /// The language of the output choices, if set.
    pub fn lang(&self) -> Option<Lang> {
        self.output.lang.as_deref().and_then(Lang::parse)
    }

    /// The deadline as (month, day), if set.
    pub fn deadline(&self) -> Option<(u32, u32)> {
        self.deadline.as_deref().and_then(parse_deadline)
    }
}

/// `MM-DD` as (month, day).
pub fn parse_deadline(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.split_once('-')?;
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d))
}

/// `--rules auto`: a checker for each built-in rule set, and for each report the one its body's
/// kind calls for.
pub struct AutoRules {
    checkers: Vec<(&'static str, Checker)>,
}

impl AutoRules {
    /// The built-in rule sets, each built with `builder` (the pass mark), with `deadline` set when
    /// given.
    pub fn new(builder: &CheckerBuilder, deadline: Option<(u32, u32)>) -> AutoRules {
        let checkers = RuleSet::BUILTIN_NAMES
            .iter()
            .filter_map(|&name| {
                let mut rules = RuleSet::named(name)?;
                if let Some(d) = deadline {
                    rules.findings.deadline = d;
                }
                Some((name, builder.build(rules)))
            })
            .collect();
        AutoRules { checkers }
    }

    /// The rule sets, in order.
    pub fn rule_sets(&self) -> impl Iterator<Item = &RuleSet> {
        self.checkers.iter().map(|(_, c)| c.rules())
    }

    /// The checker for a report whose organisation is `organization`, and why; `None` when the name
    /// says nothing (the run's own checker is used then).
    pub fn pick(&self, organization: Option<&str>) -> Option<(&Checker, String)> {
        let (name, why) = RuleSet::builtin_name_for_body(organization?)?;
        let checker = self
            .checkers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| c)?;
        Some((checker, why))
    }
}

impl std::fmt::Debug for AutoRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.checkers.iter().map(|(n, _)| n))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_key_is_named_with_its_line() {
        let text = "rules = \"county\"\n\n[output]\nformat = \"csv\"\nxslx = \"a.xlsx\"\n";
        let e = Settings::parse(text, Path::new("/r/fazhi.toml")).unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (5, Some("output.xslx")), "{e}");
        assert!(
            e.to_string()
                .starts_with("/r/fazhi.toml:5:1: 设置文件有误：不认识的设置项 `xslx`"),
            "{e}"
        );
        let e = Settings::parse("pass_mark = 170\n", Path::new("f.toml")).unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (1, Some("pass_mark")));
        let e = Settings::parse("year = 2023\ndeadline = \"3月31日\"\n", Path::new("f.toml"))
            .unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (2, Some("deadline")));
        let e = Settings::parse("year = \"2023\"\n", Path::new("f.toml")).unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (1, Some("year")));
    }

    #[test]
    fn paths_are_relative_to_the_file() {
        let s = Settings::parse(
            "rules = \"auto\"\nyear = 2023\ndeadline = \"04-30\"\n[output]\nxlsx = \"结果.xlsx\"\nlang = \"en\"\n",
            Path::new("/round/fazhi.toml"),
        )
        .unwrap();
        assert_eq!(
            s.output.xlsx.as_deref(),
            Some(Path::new("/round/结果.xlsx"))
        );
        assert_eq!(
            (s.year, s.deadline(), s.lang()),
            (Some(2023), Some((4, 30)), Some(Lang::En))
        );
    }

    #[test]
    fn the_nearest_file_is_found_upwards() {
        let root = tempfile::tempdir().unwrap();
        let inner = root.path().join("2023").join("各镇");
        std::fs::create_dir_all(&inner).unwrap();
        std::fs::write(root.path().join(FILE_NAME), "year = 2023\n").unwrap();
        let found = find(&inner).unwrap();
        assert_eq!(found, root.path().canonicalize().unwrap().join(FILE_NAME));
        std::fs::write(inner.join(FILE_NAME), "year = 2024\n").unwrap();
        assert_eq!(
            find(&inner).unwrap(),
            inner.canonicalize().unwrap().join(FILE_NAME)
        );
    }

    #[test]
    fn the_body_picks_the_rule_set() {
        for (org, set) in [
            ("青石镇人民政府", "township"),
            ("红岩乡", "township"),
            ("城关街道", "township"),
            ("某县人民政府", "county"),
            ("某市某区人民政府", "county"),
            ("某市人民政府", "county"),
            ("某县司法局", "department"),
            ("某县发展和改革委员会", "department"),
            ("某区人民政府办公室", "department"),
        ] {
            assert_eq!(
                RuleSet::builtin_name_for_body(org).map(|r| r.0),
                Some(set),
                "{org}"
            );
        }
        assert_eq!(RuleSet::builtin_name_for_body(" "), None);
    }
}

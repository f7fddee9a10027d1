//! Loading a rule set: built-in ones by name, files by path, `extends` applied, every error at a
//! file, line, column and key.

use std::path::{Path, PathBuf};

use super::raw::{PatchSet, RawRuleSet};
use super::span::{key_at, rule_error, toml_message_zh};
use super::validate::Validator;
use super::*;
use crate::error::{Error, Result};

impl RuleSet {
    /// The default rule set for township and street-office reports, built into the crate.
    ///
    /// Its areas are `leadership`, `publicity`, `approval`, `normative_docs`, `decisions`,
    /// `enforcement`, `disputes`, `problems` and `next_steps`.
    pub fn builtin() -> RuleSet {
        RuleSet::from_toml(BUILTIN_TOWNSHIP, "rules/township.toml")
            .expect("the built-in rule set is valid (checked by the test suite)")
    }

    /// Parses and validates a rule set from TOML text. `origin` names it in error messages: use the
    /// file name where there is one.
    ///
    /// # Errors
    ///
    /// [`Error::RuleSet`] with the line, column and key of the first problem found.
    pub fn from_toml(source: &str, origin: &str) -> Result<RuleSet> {
        RuleSet::load(source, origin, None)
    }

    /// The names of the rule sets built into the crate, for `--list-rules` and [`RuleSet::named`].
    pub const BUILTIN_NAMES: &'static [&'static str] = &["township", "county", "department"];

    /// A built-in rule set by name: `township` (the default, for townships and street offices),
    /// `county` (county and district governments) or `department` (government departments).
    pub fn named(name: &str) -> Option<RuleSet> {
        builtin_source(name).map(|source| {
            RuleSet::from_toml(source, &format!("rules/{name}.toml"))
                .expect("built-in rule sets are valid (checked by the test suite)")
        })
    }

    /// The built-in rule set an organisation's name calls for, and why, in Chinese (for `--rules
    /// auto` and the self-check page): a 乡, 镇, 街道 or 苏木 → `township`; a 县, 区, 市, 旗 or 州
    /// and a 人民政府 → `county`; any other body (a 局, 委, 办) → `department`. `None` when the name
    /// is empty.
    ///
    /// ```
    /// use fazhi_check::RuleSet;
    ///
    /// assert_eq!(RuleSet::builtin_name_for_body("青石镇人民政府").unwrap().0, "township");
    /// assert_eq!(RuleSet::builtin_name_for_body("城关街道办事处").unwrap().0, "township");
    /// assert_eq!(RuleSet::builtin_name_for_body("某县人民政府").unwrap().0, "county");
    /// assert_eq!(RuleSet::builtin_name_for_body("某县司法局").unwrap().0, "department");
    /// assert_eq!(RuleSet::builtin_name_for_body("某区人民政府办公室").unwrap().0, "department");
    /// ```
    pub fn builtin_name_for_body(organization: &str) -> Option<(&'static str, String)> {
        let name = organization.trim();
        if name.is_empty() {
            return None;
        }
        let government = name
            .strip_suffix("人民政府")
            .or_else(|| name.strip_suffix("政府"));
        let base = government.unwrap_or(name);
        let base = base
            .strip_suffix("办事处")
            .filter(|b| b.ends_with("街道"))
            .unwrap_or(base);
        if ["乡", "镇", "街道", "苏木"]
            .iter()
            .any(|t| base.ends_with(t))
        {
            return Some(("township", format!("“{name}”是乡镇（街道）")));
        }
        if government.is_some()
            || ["县", "区", "市", "旗", "州"]
                .iter()
                .any(|t| base.ends_with(t))
        {
            return Some(("county", format!("“{name}”是县（市、区）人民政府")));
        }
        Some(("department", format!("“{name}”是政府部门")))
    }

    fn load(source: &str, origin: &str, dir: Option<&Path>) -> Result<RuleSet> {
        let parse_error = |e| toml_error(source, origin, e);
        let table: toml::Table = toml::from_str(source).map_err(parse_error)?;
        if extends_of(&table).is_none() {
            let raw: RawRuleSet = toml::from_str(source).map_err(parse_error)?;
            return Validator { source, origin }.build(raw);
        }
        let merged = expand(source, origin, dir, 0)?;
        let merged_text = toml::to_string(&merged).map_err(|e| {
            let en = e.to_string();
            rule_error(source, origin, 0..0, None, &toml_message_zh(&en), &en)
        })?;
        let raw: RawRuleSet = toml::from_str(&merged_text).map_err(|e| {
            let key = key_at(&merged_text, e.span().unwrap_or(0..0));
            remap(
                source,
                origin,
                key,
                &toml_message_zh(e.message()),
                e.message(),
            )
        })?;
        Validator {
            source: &merged_text,
            origin,
        }
        .build(raw)
        .map_err(|e| match e {
            Error::RuleSet {
                key,
                message,
                message_en,
                ..
            } => remap(source, origin, key, &message, &message_en),
            other => other,
        })
    }

    /// Reads, parses and validates a rule set file.
    ///
    /// # Errors
    ///
    /// [`Error::RuleSetIo`] when the file cannot be read, [`Error::RuleSet`] when it is not a valid
    /// rule set (including when it is not UTF-8).
    pub fn from_path(path: impl AsRef<Path>) -> Result<RuleSet> {
        let path = path.as_ref();
        let (source, origin) = read_rule_file(path)?;
        RuleSet::load(&source, &origin, path.parent())
    }

    /// A built-in rule set by name, or else a rule-set file at that path: what a `--rules` option
    /// takes.
    ///
    /// # Errors
    ///
    /// As [`RuleSet::from_path`].
    pub fn from_name_or_path(name_or_path: &str) -> Result<RuleSet> {
        match RuleSet::named(name_or_path) {
            Some(rules) => Ok(rules),
            None => RuleSet::from_path(name_or_path),
        }
    }
}

/// A TOML error in the file `source` itself, at its place and key.
fn toml_error(source: &str, origin: &str, e: toml::de::Error) -> Error {
    let span = e.span().unwrap_or(0..0);
    rule_error(
        source,
        origin,
        span.clone(),
        key_at(source, span),
        &toml_message_zh(e.message()),
        e.message(),
    )
}

/// The text of a built-in rule set.
fn builtin_source(name: &str) -> Option<&'static str> {
    match name {
        "township" => Some(BUILTIN_TOWNSHIP),
        "county" => Some(BUILTIN_COUNTY),
        "department" => Some(BUILTIN_DEPARTMENT),
        _ => None,
    }
}

fn read_rule_file(path: &Path) -> Result<(String, String)> {
    let origin = path.display().to_string();
    let io = |source| Error::RuleSetIo {
        path: path.to_path_buf(),
        source,
    };
    // Opened without blocking and checked on the handle (a FIFO or a device is refused), read through
    // a limit whatever size the file claims (`/dev/zero` claims none).
    let bytes = match crate::read::file::read_limited(path, MAX_RULE_FILE_BYTES).map_err(io)? {
        crate::read::file::Limited::Whole(bytes) => bytes,
        crate::read::file::Limited::TooLarge(size) => {
            let zh = format!(
                "文件有 {size} 字节或更多，超过规则集文件 {MAX_RULE_FILE_BYTES} 字节的上限"
            );
            let en = format!(
                "the file is {size} bytes or more, larger than the {MAX_RULE_FILE_BYTES} bytes a rule set may be"
            );
            return Err(rule_error("", &origin, 0..0, None, &zh, &en));
        }
    };
    let source = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        rule_error(
            &text,
            &origin,
            valid..valid,
            None,
            "规则集文件须为 UTF-8 编码（此处之后的字节不是 UTF-8）",
            "rule set files must be UTF-8",
        )
    })?;
    Ok((source, origin))
}

fn extends_of(table: &toml::Table) -> Option<&toml::Value> {
    table.get("rule_set")?.get("extends")
}

/// How deep `extends` may chain.
const MAX_EXTENDS_DEPTH: usize = 8;

/// The rule set's TOML with its `extends` chain applied: the base's tables, overridden key by key by
/// this file's; areas and concepts matched by id, changed key by key, dropped with `drop = true`, and
/// added when new.
fn expand(source: &str, origin: &str, dir: Option<&Path>, depth: usize) -> Result<toml::Table> {
    let parse_error = |e| toml_error(source, origin, e);
    let mut table: toml::Table = toml::from_str(source).map_err(parse_error)?;
    let Some(extends) = extends_of(&table).cloned() else {
        return Ok(table);
    };
    // The keys of an extending file are checked as strictly as a whole rule set's.
    let _: PatchSet = toml::from_str(source).map_err(parse_error)?;
    let at_extends = || {
        let span = source.find("extends").map_or(0..0, |i| i..i);
        (span, Some("rule_set.extends".to_string()))
    };
    if depth >= MAX_EXTENDS_DEPTH {
        let (span, key) = at_extends();
        return Err(rule_error(
            source,
            origin,
            span,
            key,
            &format!("规则集相互扩展（extends）超过 {MAX_EXTENDS_DEPTH} 层，是否形成了循环？"),
            "rule sets extend each other too deeply (a cycle?)",
        ));
    }
    let name = extends.as_str().unwrap_or_default().to_string();
    let base = match builtin_source(&name) {
        Some(text) => expand(text, &format!("rules/{name}.toml"), None, depth + 1)?,
        None => {
            let path = extended_path(&name, dir).map_err(|why| {
                let (span, key) = at_extends();
                rule_error(
                    source,
                    origin,
                    span,
                    key,
                    &format!(
                        "`extends = \"{name}\"` 既不是内置规则集（{}），也不是{}",
                        RuleSet::BUILTIN_NAMES.join("、"),
                        why.0
                    ),
                    &format!(
                        "`extends = \"{name}\"` is neither a built-in rule set ({}) nor {}",
                        RuleSet::BUILTIN_NAMES.join(", "),
                        why.1
                    ),
                )
            })?;
            let (text, base_origin) = read_rule_file(&path)?;
            // What was read is not quoted back: an error in it names its place, not its text.
            expand(&text, &base_origin, path.parent(), depth + 1).map_err(|e| match e {
                Error::RuleSet {
                    position,
                    message,
                    message_en,
                    ..
                } => Error::RuleSet {
                    position,
                    key: None,
                    message: format!("被扩展的规则集此处有误：{}", unquoted(&message)),
                    message_en: format!(
                        "the rule set extended has an error here: {}",
                        unquoted(&message_en)
                    ),
                },
                other => other,
            })?
        }
    };
    if let Some(toml::Value::Table(meta)) = table.get_mut("rule_set") {
        meta.remove("extends");
    }
    Ok(merge(base, table))
}

/// The file an `extends` names: a relative path, without `..`, to a regular file under the folder
/// of the rule file that names it (after following links). A rule set given as text (no folder)
/// extends only built-in sets. The error says what the path had to be.
fn extended_path(
    name: &str,
    dir: Option<&Path>,
) -> std::result::Result<PathBuf, (&'static str, &'static str)> {
    const UNDER: (&str, &str) = (
        "规则集文件所在文件夹之下的文件",
        "a file under the rule file's folder",
    );
    let dir = dir.ok_or((
        "文件（以文字给出的规则集只能扩展内置规则集）",
        "a file (a rule set given as text extends only built-in sets)",
    ))?;
    let relative = Path::new(name);
    if name.is_empty()
        || !relative.components().all(|c| {
            matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        })
    {
        return Err(UNDER);
    }
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let folder = dir.canonicalize().map_err(|_| UNDER)?;
    let path = dir.join(relative).canonicalize().map_err(|_| UNDER)?;
    if !path.starts_with(&folder) || !path.is_file() {
        return Err(UNDER);
    }
    Ok(path)
}

/// A parser's message without the text it quotes (what follows a backtick or a quote).
fn unquoted(message: &str) -> &str {
    let end = message.find(['`', '"', '\'']).unwrap_or(message.len());
    message[..end].trim_end_matches([' ', ':', ','])
}

/// Merges `child` over `base`.
fn merge(mut base: toml::Table, child: toml::Table) -> toml::Table {
    for (key, value) in child {
        match (key.as_str(), base.get_mut(&key), value) {
            ("areas", Some(toml::Value::Array(areas)), toml::Value::Array(patches)) => {
                merge_by_id(areas, patches, Some("concepts"))
            }
            (_, Some(toml::Value::Table(b)), toml::Value::Table(c)) => {
                for (k, v) in c {
                    b.insert(k, v);
                }
            }
            (_, _, value) => {
                base.insert(key, value);
            }
        }
    }
    base
}

/// Merges tables of `patches` into `items` by their `id`: `drop = true` removes, other keys replace,
/// `nested` (concepts) is merged the same way; unknown ids are appended.
fn merge_by_id(items: &mut Vec<toml::Value>, patches: Vec<toml::Value>, nested: Option<&str>) {
    let id_of = |v: &toml::Value| v.get("id").and_then(|i| i.as_str()).map(str::to_string);
    for patch in patches {
        let toml::Value::Table(mut patch) = patch else {
            continue;
        };
        let id = patch.get("id").and_then(|i| i.as_str()).map(str::to_string);
        let drop = patch
            .remove("drop")
            .and_then(|d| d.as_bool())
            .unwrap_or(false);
        let found = items
            .iter()
            .position(|item| id.is_some() && id_of(item) == id);
        match (found, drop) {
            (Some(i), true) => {
                items.remove(i);
            }
            (Some(i), false) => {
                if let toml::Value::Table(item) = &mut items[i] {
                    for (k, v) in patch {
                        match (nested, item.get_mut(&k), v) {
                            (
                                Some(n),
                                Some(toml::Value::Array(inner)),
                                toml::Value::Array(inner_patches),
                            ) if k == n => merge_by_id(inner, inner_patches, None),
                            (_, _, v) => {
                                item.insert(k, v);
                            }
                        }
                    }
                }
            }
            (None, true) => {}
            (None, false) => items.push(toml::Value::Table(patch)),
        }
    }
}

/// An error found after merging, pointed at the extending file: at the area it names when that file
/// mentions it, else at its `extends`.
fn remap(source: &str, origin: &str, key: Option<String>, zh: &str, en: &str) -> Error {
    let area = key
        .as_deref()
        .and_then(|k| k.strip_prefix("areas."))
        .and_then(|k| k.split('.').next());
    let span = area
        .and_then(|id| source.find(&format!("\"{id}\"")))
        .or_else(|| source.find("extends"))
        .map_or(0..0, |i| i..i);
    rule_error(
        source,
        origin,
        span,
        key,
        &format!("{zh}（在扩展后的规则集中）"),
        &format!("{en} (in the rule set as extended)"),
    )
}

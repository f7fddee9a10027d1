//! The checker for the self-check web page (cargo feature `wasm`): the library built for
//! `wasm32-unknown-unknown` with a few plain C-ABI functions, which the page's hand-written loader
//! (`web/loader.js`) calls. No JavaScript glue is generated and nothing leaves the browser: the page
//! hands over a file's bytes and gets back JSON.
//!
//! [`check_json`] gives the page everything about one file: the rule set used, the report's text
//! (to highlight the evidence in) and the report itself, which is exactly the JSON line the
//! example program prints with `--format json` (the same [`render::json_line`]). [`load_rules`]
//! reads a rule set the clerk chose from a `.toml` file. The exported functions at the bottom only
//! move bytes in and out of the module's memory around these two.
//!
//! The checkers are built on first use, one per rule set, and kept: building one loads the
//! segmenter's dictionary, the slow part of the page's start.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::rc::Rc;

use crate::checker::Checker;
use crate::error::Error;
use crate::read::extract::extract;
use crate::render;
use crate::report::Report;
use crate::rules::RuleSet;

/// The name under which [`load_rules`] keeps a rule set loaded from a file.
pub const CUSTOM: &str = "custom";

/// The name that lets the page choose the built-in rule set from the report's own organisation
/// (see [`check_json`]).
pub const AUTO: &str = "auto";

thread_local! {
    /// The checkers built so far, by rule-set name (a built-in name or [`CUSTOM`]).
    static CHECKERS: RefCell<Vec<(String, Rc<Checker>)>> = const { RefCell::new(Vec::new()) };
    /// The last answer, read by the page through [`fazhi_output`] and [`fazhi_output_len`].
    static OUTPUT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The checker for a built-in rule set or the loaded one, built the first time it is asked for.
fn checker(name: &str) -> Option<Rc<Checker>> {
    CHECKERS.with(|checkers| {
        if let Some((_, c)) = checkers.borrow().iter().find(|(n, _)| n == name) {
            return Some(Rc::clone(c));
        }
        let rules = RuleSet::named(name)?;
        let checker = Rc::new(Checker::new(rules));
        checkers
            .borrow_mut()
            .push((name.to_string(), Rc::clone(&checker)));
        Some(checker)
    })
}

/// Reads a rule set from the text of a `.toml` file named `origin` and keeps it as the rule set
/// [`CUSTOM`], replacing the one loaded before. Returns JSON: `{"name", "version", "description",
/// "areas": [{"id", "title"}]}`, or `{"error"}` with the line, column and key of the problem.
///
/// ```
/// use fazhi_check::wasm::load_rules;
///
/// let answer: serde_json::Value = serde_json::from_str(&load_rules("name = ", "my.toml")).unwrap();
/// assert!(answer["error"].as_str().unwrap().contains("my.toml"));
/// ```
pub fn load_rules(source: &str, origin: &str) -> String {
    let rules = match RuleSet::from_toml(source, origin) {
        Ok(rules) => rules,
        Err(e) => return serde_json::json!({ "error": e.to_string() }).to_string(),
    };
    let answer = serde_json::json!({
        "name": rules.name,
        "version": rules.version,
        "description": rules.description,
        "areas": rules.areas.iter().map(|a| serde_json::json!({"id": a.id, "title": a.title})).collect::<Vec<_>>(),
    });
    let checker = Rc::new(Checker::new(rules));
    CHECKERS.with(|checkers| {
        let mut checkers = checkers.borrow_mut();
        checkers.retain(|(n, _)| n != CUSTOM);
        checkers.push((CUSTOM.to_string(), checker));
    });
    answer.to_string()
}

/// Checks one file's bytes, named `file_name` (its extension tells the reader the form), with the
/// rule set `rules`: a built-in name, [`CUSTOM`] (after [`load_rules`]) or [`AUTO`] (the built-in
/// set for the kind of body the report names; `township` when it names none).
///
/// Returns one JSON object: `{"rules": NAME, "why": REASON or null, "text": THE REPORT'S TEXT,
/// "report": RECORD}`, where `RECORD` is the line `--format json` prints for the same file and rule
/// set (with `{"file", "error"}` when the file cannot be read), and the evidence's lines and columns
/// point into `text`. `{"error"}` alone when the rule set is unknown.
///
/// ```
/// use fazhi_check::wasm::check_json;
///
/// let text = "青石镇人民政府2023年法治政府建设情况报告\n一、加强组织领导\n镇党委书记履行法治建设第一责任人职责。";
/// let answer: serde_json::Value = serde_json::from_str(&check_json(text.as_bytes(), "a.txt", "auto")).unwrap();
/// assert_eq!(answer["rules"], "township");
/// assert_eq!(answer["report"]["file"], "a.txt");
/// assert_eq!(answer["report"]["rule_set"]["name"], "township");
/// assert_eq!(answer["text"].as_str().unwrap(), text);
/// ```
pub fn check_json(bytes: &[u8], file_name: &str, rules: &str) -> String {
    let (name, why) = if rules == AUTO {
        match body_of(bytes, file_name) {
            Some((name, why)) => (name, Some(why)),
            None => ("township", None),
        }
    } else {
        (rules, None)
    };
    let Some(checker) = checker(name) else {
        let message = format!(
            "没有名为“{name}”的规则集（内置：{}；或先载入规则文件）",
            RuleSet::BUILTIN_NAMES.join("、")
        );
        return serde_json::json!({ "error": message }).to_string();
    };
    let outcome: Result<Report, Error> = checker.check_file_bytes(bytes, Some(file_name));
    let text = match &outcome {
        Ok(_) => extract(bytes, Some(file_name)).map_or(String::new(), |e| e.text),
        Err(_) => String::new(),
    };
    let mut out = String::with_capacity(text.len() * 2 + 4096);
    let _ = write!(
        out,
        "{{\"rules\":{},\"why\":{},\"text\":{},\"report\":{}}}",
        serde_json::Value::from(checker.rules().name.as_str()),
        why.map_or(serde_json::Value::Null, serde_json::Value::from),
        serde_json::Value::from(text),
        render::json_line(file_name, &outcome),
    );
    out
}

/// The built-in rule set for the organisation a file names, read with the default set's metadata.
fn body_of(bytes: &[u8], file_name: &str) -> Option<(&'static str, String)> {
    let report = checker("township")?
        .check_file_bytes(bytes, Some(file_name))
        .ok()?;
    RuleSet::builtin_name_for_body(report.metadata.organization.as_deref()?)
}

/// Keeps `answer` for the page to read and returns where it starts.
fn answer(answer: String) -> *const u8 {
    OUTPUT.with(|out| {
        *out.borrow_mut() = answer;
        out.borrow().as_ptr()
    })
}

/// Text the page wrote into the module's memory, or an empty string when it is not UTF-8.
///
/// # Safety
///
/// `ptr` and `len` must be a region the page filled, from [`fazhi_alloc`].
unsafe fn text_at<'a>(ptr: *const u8, len: usize) -> &'a str {
    std::str::from_utf8(unsafe { bytes_at(ptr, len) }).unwrap_or("")
}

/// Bytes the page wrote into the module's memory.
///
/// # Safety
///
/// `ptr` and `len` must be a region the page filled, from [`fazhi_alloc`].
unsafe fn bytes_at<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if len == 0 {
        return &[];
    }
    unsafe { std::slice::from_raw_parts(ptr, len) }
}

/// Reserves `len` bytes of the module's memory for the page to write into; free them with
/// [`fazhi_free`].
#[unsafe(no_mangle)]
pub extern "C" fn fazhi_alloc(len: usize) -> *mut u8 {
    let mut buffer = std::mem::ManuallyDrop::new(Vec::<u8>::with_capacity(len.max(1)));
    buffer.as_mut_ptr()
}

/// Gives back memory from [`fazhi_alloc`].
///
/// # Safety
///
/// `ptr` must come from `fazhi_alloc(len)` and not have been freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fazhi_free(ptr: *mut u8, len: usize) {
    drop(unsafe { Vec::from_raw_parts(ptr, 0, len.max(1)) });
}

/// [`check_json`] on a file the page wrote into the module's memory; the answer is at the address
/// returned, [`fazhi_output_len`] bytes of UTF-8, until the next call.
///
/// # Safety
///
/// Each pointer and length must be a region from [`fazhi_alloc`] that the page filled.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fazhi_check(
    bytes: *const u8,
    bytes_len: usize,
    file_name: *const u8,
    file_name_len: usize,
    rules: *const u8,
    rules_len: usize,
) -> *const u8 {
    let (bytes, file_name, rules) = unsafe {
        (
            bytes_at(bytes, bytes_len),
            text_at(file_name, file_name_len),
            text_at(rules, rules_len),
        )
    };
    answer(check_json(bytes, file_name, rules))
}

/// [`load_rules`] on a rule file the page wrote into the module's memory; the answer as for
/// [`fazhi_check`].
///
/// # Safety
///
/// Each pointer and length must be a region from [`fazhi_alloc`] that the page filled.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fazhi_load_rules(
    source: *const u8,
    source_len: usize,
    origin: *const u8,
    origin_len: usize,
) -> *const u8 {
    let (source, origin) = unsafe { (text_at(source, source_len), text_at(origin, origin_len)) };
    answer(load_rules(source, origin))
}

/// Builds the checker for a built-in rule set ahead of the first file (the page calls it while the
/// clerk is still choosing one), so that the dictionary's load is not waited for later. Returns
/// whether the name is a built-in rule set's.
///
/// # Safety
///
/// The pointer and length must be a region from [`fazhi_alloc`] that the page filled.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn fazhi_prepare(rules: *const u8, rules_len: usize) -> bool {
    let rules = unsafe { text_at(rules, rules_len) };
    checker(if rules == AUTO { "township" } else { rules }).is_some()
}

/// The length in bytes of the last answer.
#[unsafe(no_mangle)]
pub extern "C" fn fazhi_output_len() -> usize {
    OUTPUT.with(|out| out.borrow().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(s: &str) -> serde_json::Value {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn the_report_is_the_json_line_of_the_program() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/reports/complete-street-2022.txt"
        );
        let bytes = std::fs::read(path).unwrap();
        let answer = check_json(&bytes, "r.txt", "township");
        let checker = Checker::new(RuleSet::named("township").unwrap());
        let expected = render::json_line("r.txt", &checker.check_file_bytes(&bytes, Some("r.txt")));
        assert_eq!(json(&answer)["report"], json(&expected));
        assert_eq!(json(&answer)["rules"], "township");
    }

    #[test]
    fn auto_chooses_by_the_organisation() {
        let text = "某县司法局2023年法治政府建设年度报告\n一、主要举措\n全面推行行政执法公示制度。";
        let answer = json(&check_json(text.as_bytes(), "a.txt", AUTO));
        assert_eq!(answer["rules"], "department", "{answer}");
        assert!(answer["why"].as_str().unwrap().contains("政府部门"));
        let answer = json(&check_json("没有机关名称".as_bytes(), "b.txt", AUTO));
        assert_eq!(
            (answer["rules"].as_str(), answer["why"].as_null()),
            (Some("township"), Some(()))
        );
    }

    #[test]
    fn bad_input_gives_an_error_not_a_panic() {
        let answer = json(&check_json(b"%PDF-1.7", "x.pdf", "county"));
        assert!(
            answer["report"]["error"].as_str().unwrap().contains("PDF"),
            "{answer}"
        );
        let answer = json(&check_json(b"", "x.txt", "nothing"));
        assert!(answer["error"].as_str().unwrap().contains("nothing"));
        let answer = json(&check_json(b"", "x.txt", CUSTOM));
        assert!(
            answer["error"].is_string(),
            "no rule file loaded yet: {answer}"
        );
    }

    #[test]
    fn a_loaded_rule_set_is_used_as_custom() {
        let source =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/county.toml"))
                .unwrap();
        let loaded = json(&load_rules(&source, "mine.toml"));
        assert_eq!(loaded["name"], "county", "{loaded}");
        assert!(!loaded["areas"].as_array().unwrap().is_empty());
        let answer = json(&check_json("某县人民政府".as_bytes(), "a.txt", CUSTOM));
        assert_eq!(answer["report"]["rule_set"]["name"], "county");
    }
}

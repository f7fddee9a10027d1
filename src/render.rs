//! Rendering reports for people and for tools.
//!
//! [`json_line`] gives the JSON Lines record the example program prints with `--format json`, one per
//! input file; [`text`] gives the human-readable verdict. Both return strings: the caller decides where
//! they go.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use serde::Serialize;

use crate::error::Error;
use crate::report::{Report, Status};
use crate::rules::Severity;

/// The JSON Lines record of a checked report, as `serde_json` writes it: the reference for the
/// writer in `json`.
#[derive(Serialize)]
#[cfg_attr(not(test), allow(dead_code))]
struct Checked<'a> {
    file: &'a str,
    #[serde(flatten)]
    report: &'a Report,
}

#[derive(Serialize)]
struct Failed<'a> {
    file: &'a str,
    error: String,
}

/// One JSON object, without a trailing newline: the report with a leading `"file"` key, or
/// `{"file", "error"}` when the file could not be checked.
///
/// ```
/// use fazhi_check::{Checker, RuleSet, render};
///
/// let checker = Checker::new(RuleSet::builtin());
/// let line = render::json_line("a.txt", &Ok(checker.check_str("")));
/// let value: serde_json::Value = serde_json::from_str(&line).unwrap();
/// assert_eq!(value["file"], "a.txt");
/// assert_eq!(value["areas"][0]["status"], "missing");
/// ```
pub fn json_line(file: &str, outcome: &Result<Report, Error>) -> String {
    match outcome {
        Ok(report) => json::report_line(file, report),
        Err(e) => serde_json::to_string(&Failed {
            file,
            error: e.to_string(),
        })
        .expect("an error record serializes: two strings"),
    }
}

/// The JSON of a checked report, written out field by field: byte for byte what `serde_json` makes
/// of [`Checked`] (the tests compare the two), several times faster, because report text needs no
/// escaping and is copied whole once a word-at-a-time scan has said so.
mod json {
    use crate::document::Numbering;
    use crate::metadata::Metadata;
    use crate::report::{AreaVerdict, Evidence, Finding, OutlineHeading, Report};

    pub(super) fn report_line(file: &str, r: &Report) -> String {
        let excerpts: usize = r
            .areas
            .iter()
            .flat_map(|a| &a.evidence)
            .map(|e| e.excerpt.len() + e.term.len() + e.concept.len() + 112)
            .sum();
        let mut w = Writer {
            out: String::with_capacity(4096 + excerpts + 256 * r.areas.len()),
            number: Vec::new(),
        };
        w.raw("{\"file\":");
        w.string(file);
        w.raw(",\"score\":");
        w.float(r.score);
        w.raw(",\"passed\":");
        w.bool(r.passed);
        w.raw(",\"pass_threshold\":");
        w.float(r.pass_threshold);
        w.raw(",\"rule_set\":{\"name\":");
        w.string(&r.rule_set.name);
        w.raw(",\"version\":");
        w.string(&r.rule_set.version);
        w.raw("},\"encoding\":");
        w.option_string(r.encoding.as_deref());
        w.raw(",\"metadata\":");
        w.metadata(&r.metadata);
        w.raw(",\"areas\":[");
        for (i, area) in r.areas.iter().enumerate() {
            if i > 0 {
                w.raw(",");
            }
            w.area(area);
        }
        w.raw("],\"findings\":[");
        for (i, finding) in r.findings.iter().enumerate() {
            if i > 0 {
                w.raw(",");
            }
            w.finding(finding);
        }
        w.raw("],\"outline\":[");
        for (i, heading) in r.outline.iter().enumerate() {
            if i > 0 {
                w.raw(",");
            }
            w.outline(heading);
        }
        w.raw("]}");
        w.out
    }

    struct Writer {
        out: String,
        /// Scratch for numbers formatted by `serde_json`.
        number: Vec<u8>,
    }

    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;

    /// Whether any byte of `word` needs escaping in a JSON string: a control character, `"` or `\`.
    #[inline(always)]
    fn needs_escape(word: u64) -> bool {
        let below_space = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        let quote = quote.wrapping_sub(ONES) & !quote & HIGHS;
        let backslash = backslash.wrapping_sub(ONES) & !backslash & HIGHS;
        below_space | quote | backslash != 0
    }

    fn clean(s: &str) -> bool {
        let bytes = s.as_bytes();
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            if needs_escape(u64::from_le_bytes(chunk.try_into().expect("eight bytes"))) {
                return false;
            }
        }
        chunks
            .remainder()
            .iter()
            .all(|&b| b >= 0x20 && b != b'"' && b != b'\\')
    }

    impl Writer {
        #[inline]
        fn raw(&mut self, s: &str) {
            self.out.push_str(s);
        }

        /// A JSON string, escaped as `serde_json` escapes: `\"`, `\\`, `\b \f \n \r \t`, and
        /// `\u00xx` for other control characters.
        fn string(&mut self, s: &str) {
            self.out.push('"');
            if clean(s) {
                self.out.push_str(s);
            } else {
                let mut from = 0;
                for (i, b) in s.bytes().enumerate() {
                    let escape = match b {
                        b'"' => "\\\"",
                        b'\\' => "\\\\",
                        0x08 => "\\b",
                        0x0C => "\\f",
                        b'\n' => "\\n",
                        b'\r' => "\\r",
                        b'\t' => "\\t",
                        0..0x20 => "",
                        _ => continue,
                    };
                    self.out.push_str(&s[from..i]);
                    if escape.is_empty() {
                        const HEX: &[u8; 16] = b"0123456789abcdef";
                        self.out.push_str("\\u00");
                        self.out.push(HEX[usize::from(b >> 4)] as char);
                        self.out.push(HEX[usize::from(b & 0xF)] as char);
                    } else {
                        self.out.push_str(escape);
                    }
                    from = i + 1;
                }
                self.out.push_str(&s[from..]);
            }
            self.out.push('"');
        }

        fn option_string(&mut self, s: Option<&str>) {
            match s {
                Some(s) => self.string(s),
                None => self.raw("null"),
            }
        }

        fn bool(&mut self, b: bool) {
            self.raw(if b { "true" } else { "false" });
        }

        fn unsigned(&mut self, mut n: u64) {
            let mut digits = [0u8; 20];
            let mut at = digits.len();
            loop {
                at -= 1;
                digits[at] = b'0' + (n % 10) as u8;
                n /= 10;
                if n == 0 {
                    break;
                }
            }
            for &d in &digits[at..] {
                self.out.push(d as char);
            }
        }

        fn integer(&mut self, n: i64) {
            if n < 0 {
                self.out.push('-');
            }
            self.unsigned(n.unsigned_abs());
        }

        fn option_unsigned(&mut self, n: Option<usize>) {
            match n {
                Some(n) => self.unsigned(n as u64),
                None => self.raw("null"),
            }
        }

        /// Anything else `serde_json` formats (floats, enums), exactly as it does.
        fn serde(&mut self, value: &impl serde::Serialize) {
            self.number.clear();
            serde_json::to_writer(&mut self.number, value).expect("a number or a unit variant");
            self.out
                .push_str(std::str::from_utf8(&self.number).expect("serde_json writes UTF-8"));
        }

        fn float(&mut self, x: f64) {
            self.serde(&x);
        }

        fn metadata(&mut self, m: &Metadata) {
            self.raw("{\"title\":");
            self.option_string(m.title.as_deref());
            self.raw(",\"organization\":");
            self.option_string(m.organization.as_deref());
            self.raw(",\"year\":");
            match m.year {
                Some(y) => self.integer(i64::from(y)),
                None => self.raw("null"),
            }
            self.raw(",\"published\":");
            self.option_string(m.published.as_deref());
            self.raw(",\"document_number\":");
            self.option_string(m.document_number.as_deref());
            self.raw("}");
        }

        fn area(&mut self, a: &AreaVerdict) {
            self.raw("{\"id\":");
            self.string(&a.id);
            self.raw(",\"title\":");
            self.string(&a.title);
            self.raw(",\"status\":\"");
            self.raw(a.status.as_str());
            self.raw("\",\"score\":");
            self.float(a.score);
            self.raw(",\"max_score\":");
            self.float(a.max_score);
            self.raw(",\"required\":");
            self.bool(a.required);
            self.raw(",\"concepts_found\":");
            self.unsigned(u64::from(a.concepts_found));
            self.raw(",\"heading_bonus\":");
            self.unsigned(u64::from(a.heading_bonus));
            self.raw(",\"present_at\":");
            self.unsigned(u64::from(a.present_at));
            self.raw(",\"weak_at\":");
            self.unsigned(u64::from(a.weak_at));
            self.raw(",\"heading\":");
            match &a.heading {
                Some(h) => {
                    self.raw("{\"term\":");
                    self.string(&h.term);
                    self.raw(",\"line\":");
                    self.unsigned(h.line as u64);
                    self.raw(",\"column\":");
                    self.unsigned(h.column as u64);
                    self.raw(",\"heading\":");
                    self.string(&h.heading);
                    self.raw("}");
                }
                None => self.raw("null"),
            }
            self.raw(",\"evidence\":[");
            for (i, e) in a.evidence.iter().enumerate() {
                if i > 0 {
                    self.raw(",");
                }
                self.evidence(e);
            }
            self.raw("],\"looked_for\":[");
            for (i, l) in a.looked_for.iter().enumerate() {
                if i > 0 {
                    self.raw(",");
                }
                self.raw("{\"concept\":");
                self.string(&l.concept);
                self.raw(",\"terms\":[");
                for (j, t) in l.terms.iter().enumerate() {
                    if j > 0 {
                        self.raw(",");
                    }
                    self.string(t);
                }
                self.raw("]}");
            }
            self.raw("]}");
        }

        fn evidence(&mut self, e: &Evidence) {
            self.raw("{\"term\":");
            self.string(&e.term);
            self.raw(",\"concept\":");
            self.string(&e.concept);
            self.raw(",\"line\":");
            self.unsigned(e.line as u64);
            self.raw(",\"column\":");
            self.unsigned(e.column as u64);
            self.raw(",\"excerpt\":");
            self.string(&e.excerpt);
            self.raw(",\"negated\":");
            self.bool(e.negated);
            self.raw(",\"under_heading\":");
            self.bool(e.under_heading);
            if let Some(cue) = &e.negated_by {
                self.raw(",\"negated_by\":");
                self.string(cue);
            }
            self.raw("}");
        }

        fn finding(&mut self, f: &Finding) {
            self.raw("{\"id\":");
            self.string(&f.id);
            self.raw(",\"severity\":\"");
            self.raw(f.severity.as_str());
            self.raw("\",\"message\":");
            self.string(&f.message);
            self.raw(",\"line\":");
            self.option_unsigned(f.line);
            self.raw(",\"column\":");
            self.option_unsigned(f.column);
            self.raw("}");
        }

        fn outline(&mut self, h: &OutlineHeading) {
            self.raw("{\"level\":");
            self.unsigned(u64::from(h.level));
            self.raw(",\"numbering\":");
            self.numbering(h.numbering);
            self.raw(",\"number\":");
            self.string(&h.number);
            self.raw(",\"text\":");
            self.string(&h.text);
            self.raw(",\"line\":");
            self.unsigned(h.line as u64);
            self.raw(",\"column\":");
            self.unsigned(h.column as u64);
            self.raw("}");
        }

        fn numbering(&mut self, n: Numbering) {
            self.serde(&n);
        }
    }
}

/// Options for [`text`].
#[derive(Debug, Clone, Copy)]
pub struct TextOptions {
    /// Use ANSI colours.
    pub color: bool,
    /// How many pieces of evidence to show per area.
    pub evidence_per_area: usize,
    /// How many terms to show per concept looked for.
    pub terms_per_concept: usize,
    /// Print the report's outline (its headings) before the verdicts.
    pub outline: bool,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            color: false,
            evidence_per_area: 2,
            terms_per_concept: 4,
            outline: false,
        }
    }
}

/// The verdict for a person: each area under its Chinese title with status and score, its first
/// pieces of evidence as `file:line:column` with the excerpt, what was looked for where the area is
/// weak or missing, then the total and the verdict.
pub fn text(file: &str, outcome: &Result<Report, Error>, options: &TextOptions) -> String {
    let paint = |style: Style, s: &str| {
        if options.color {
            format!("{}{s}{}", style.render(), style.render_reset())
        } else {
            s.to_string()
        }
    };
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    let green = Style::new().fg_color(Some(AnsiColor::Green.into()));
    let yellow = Style::new().fg_color(Some(AnsiColor::Yellow.into()));
    let red = Style::new().fg_color(Some(AnsiColor::Red.into()));
    let mut out = String::new();
    let report = match outcome {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(
                out,
                "{}: {} {e}",
                paint(bold, file),
                paint(red.bold(), "error:")
            );
            return out;
        }
    };
    let mut heading = paint(bold, file);
    if let Some(title) = &report.metadata.title {
        let _ = write!(heading, "  {title}");
    }
    if let Some(year) = report.metadata.year {
        let _ = write!(heading, " ({year})");
    }
    let _ = writeln!(out, "{heading}");
    if options.outline {
        for h in &report.outline {
            let indent = "  ".repeat(usize::from(h.level));
            let _ = writeln!(
                out,
                "  {}{}{}  {}",
                indent,
                h.number,
                h.text,
                paint(dim, &format!("{}:{}", h.line, h.column))
            );
        }
    }
    for area in &report.areas {
        let (mark, style) = match area.status {
            Status::Present => ("✔", green),
            Status::Weak => ("▲", yellow),
            Status::Missing => ("✘", red),
        };
        let count = format!(
            "{}+{} of {} concepts",
            area.concepts_found, area.heading_bonus, area.present_at
        );
        let _ = writeln!(
            out,
            "  {} {} {}  {}  {:.1}/{:.1}  {}",
            paint(style, mark),
            paint(bold, &area.title),
            paint(dim, &format!("[{}]", area.id)),
            paint(style, area.status.as_str()),
            area.score,
            area.max_score,
            paint(dim, &count),
        );
        if let Some(h) = &area.heading {
            let _ = writeln!(
                out,
                "      {}:{}:{}  heading 「{}」",
                file, h.line, h.column, h.heading
            );
        }
        for e in shown_evidence(area, options.evidence_per_area) {
            let _ = writeln!(
                out,
                "      {}:{}:{}  {}  {}",
                file,
                e.line,
                e.column,
                paint(bold, &e.term),
                e.excerpt
            );
        }
        for e in area
            .evidence
            .iter()
            .filter(|e| e.negated)
            .take(options.evidence_per_area)
        {
            let cue = e.negated_by.as_deref().unwrap_or("");
            let _ = writeln!(
                out,
                "      {}:{}:{}  {} {}  {}",
                file,
                e.line,
                e.column,
                paint(bold, &e.term),
                paint(yellow, &format!("negated by 「{cue}」, not counted")),
                e.excerpt
            );
        }
        if area.status != Status::Present && !area.looked_for.is_empty() {
            let wanted: Vec<String> = area
                .looked_for
                .iter()
                .map(|l| {
                    let mut terms: Vec<&str> = l
                        .terms
                        .iter()
                        .map(String::as_str)
                        .take(options.terms_per_concept)
                        .collect();
                    if l.terms.len() > options.terms_per_concept {
                        terms.push("…");
                    }
                    terms.join("/")
                })
                .collect();
            let _ = writeln!(
                out,
                "      {} {}",
                paint(dim, "looked for:"),
                wanted.join("; ")
            );
        }
    }
    for f in &report.findings {
        let style = match f.severity {
            Severity::Error => red,
            Severity::Warning => yellow,
            Severity::Info => dim,
        };
        let place = match (f.line, f.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            _ => file.to_string(),
        };
        let _ = writeln!(
            out,
            "  {} {}  {}  {}",
            paint(style, f.severity.as_str()),
            paint(bold, &f.id),
            place,
            f.message
        );
    }
    let verdict = if report.passed {
        paint(green.bold(), "PASS")
    } else {
        paint(red.bold(), "FAIL")
    };
    let missing_required: Vec<&str> = report
        .areas
        .iter()
        .filter(|a| a.required && a.status == Status::Missing)
        .map(|a| a.title.as_str())
        .collect();
    let _ = write!(
        out,
        "  score {:.1}/100 (pass mark {:.0})  {verdict}",
        report.score, report.pass_threshold
    );
    if !missing_required.is_empty() {
        let _ = write!(
            out,
            "  required area missing: {}",
            missing_required.join(", ")
        );
    }
    out.push('\n');
    out
}

/// The evidence worth showing first: counted, under the area's heading before elsewhere, one per
/// concept before repeats.
fn shown_evidence(
    area: &crate::report::AreaVerdict,
    limit: usize,
) -> Vec<&crate::report::Evidence> {
    let mut counted: Vec<(usize, &crate::report::Evidence)> = area
        .evidence
        .iter()
        .filter(|e| !e.negated)
        .enumerate()
        .collect();
    let mut seen = std::collections::HashSet::new();
    let firsts: Vec<bool> = counted
        .iter()
        .map(|(_, e)| seen.insert(e.concept.as_str()))
        .collect();
    let mut ranked: Vec<(bool, bool, usize, &crate::report::Evidence)> = counted
        .drain(..)
        .zip(firsts)
        .map(|((i, e), first)| (!first, !e.under_heading, i, e))
        .collect();
    ranked.sort_by_key(|&(repeat, elsewhere, i, _)| (repeat, elsewhere, i));
    ranked
        .into_iter()
        .take(limit)
        .map(|(_, _, _, e)| e)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Checker, RuleSet};
    use proptest::prelude::*;

    fn reference(file: &str, report: &Report) -> String {
        serde_json::to_string(&Checked { file, report }).unwrap()
    }

    fn checker() -> &'static Checker {
        static CHECKER: std::sync::OnceLock<Checker> = std::sync::OnceLock::new();
        CHECKER.get_or_init(|| Checker::new(RuleSet::builtin()))
    }

    fn sample() -> &'static Report {
        static REPORT: std::sync::OnceLock<Report> = std::sync::OnceLock::new();
        REPORT.get_or_init(|| {
            checker().check_str(include_str!(
                "../examples/sample/青石镇2023年法治政府建设工作报告.txt"
            ))
        })
    }

    #[test]
    fn json_lines_are_what_serde_json_writes() {
        let report = sample();
        assert_eq!(
            json_line("a.txt", &Ok(report.clone())),
            reference("a.txt", report)
        );
        let empty = checker().check_str("");
        assert_eq!(json_line("", &Ok(empty.clone())), reference("", &empty));
    }

    proptest! {
        #[test]
        fn any_strings_and_numbers_are_written_as_serde_json_writes_them(
            s in "\\PC*|[\\x00-\\x20\"\\\\\u{7F}\u{80}\u{2028}法]{0,20}",
            n in any::<usize>(),
            x in any::<f64>(),
            year in any::<i32>(),
            flag in any::<bool>(),
        ) {
            let mut report = sample().clone();
            report.score = x;
            report.encoding = flag.then(|| s.clone());
            report.metadata.title = Some(s.clone());
            report.metadata.year = Some(year);
            report.rule_set.name = s.clone();
            let area = &mut report.areas[0];
            area.max_score = -x;
            area.concepts_found = n as u32;
            area.heading = None;
            area.evidence[0].excerpt = s.clone();
            area.evidence[0].line = n;
            area.evidence[0].negated_by = flag.then(|| s.clone());
            if let Some(l) = area.looked_for.first_mut() {
                l.terms.push(s.clone());
            }
            report.findings.push(crate::report::Finding {
                id: s.clone(),
                severity: crate::rules::Severity::Info,
                message: s.clone(),
                line: flag.then_some(n),
                column: None,
            });
            if let Some(h) = report.outline.first_mut() {
                h.text = s.clone();
            }
            prop_assert_eq!(json_line(&s, &Ok(report.clone())), reference(&s, &report));
        }
    }
}

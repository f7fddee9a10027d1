//! Validation: the TOML form checked and turned into the public [`RuleSet`](super::RuleSet), each
//! error pointing at its line, column and key.

use std::collections::HashSet;
use std::ops::{Range, RangeInclusive};

use toml::Spanned;

use super::raw::*;
use super::span::{line_column, rule_error};
use super::*;
use crate::error::{Error, Result};
use crate::read::normalize::fold_str;

pub(super) struct Validator<'a> {
    pub(super) source: &'a str,
    pub(super) origin: &'a str,
}

impl Validator<'_> {
    fn examples(
        &self,
        shows: Vec<Spanned<String>>,
        not_shows: Vec<Spanned<String>>,
        negated: Vec<Spanned<String>>,
    ) -> Examples {
        let place = |list: Vec<Spanned<String>>| {
            list.into_iter()
                .map(|e| {
                    let (line, column) = line_column(self.source, e.span().start);
                    Example {
                        text: e.into_inner(),
                        line,
                        column,
                    }
                })
                .collect()
        };
        Examples {
            shows: place(shows),
            not_shows: place(not_shows),
            negated: place(negated),
        }
    }

    fn findings(&self, raw: RawFindings, count: &mut usize) -> Result<FindingRules> {
        let mut rules = FindingRules::default();
        let apply = |rule: &mut FindingRule, raw: &Option<RawFindingRule>| {
            if let Some(r) = raw {
                rule.enabled = r.enabled.unwrap_or(true);
                if let Some(s) = r.severity {
                    rule.severity = s;
                }
            }
        };
        apply(&mut rules.late, &raw.late);
        apply(&mut rules.stale_year, &raw.stale_year);
        apply(&mut rules.first_responsibility, &raw.first_responsibility);
        apply(&mut rules.too_short, &raw.too_short);
        apply(&mut rules.title, &raw.title);
        apply(&mut rules.not_a_report, &raw.not_a_report);
        apply(&mut rules.copied_text, &raw.copied_text);
        apply(&mut rules.repeated_text, &raw.repeated_text);
        apply(&mut rules.wrong_year, &raw.wrong_year);
        apply(&mut rules.duplicate_submission, &raw.duplicate_submission);
        let misplaced = |name: &str, r: &Option<RawFindingRule>, allowed: &[&str]| -> Result<()> {
            let Some(r) = r else { return Ok(()) };
            let present: [(&str, bool); 4] = [
                ("deadline", r.deadline.is_some()),
                ("terms", r.terms.is_some()),
                ("min_chars", r.min_chars.is_some()),
                ("within_chars", r.within_chars.is_some()),
            ];
            match present
                .iter()
                .find(|(key, set)| *set && !allowed.contains(key))
            {
                Some((key, _)) => Err(self.err(
                    0..0,
                    format!("findings.{name}.{key}"),
                    format!("`{key}` 不适用于 `{name}` 这项检查"),
                    format!("`{key}` does not apply to the `{name}` check"),
                )),
                None => Ok(()),
            }
        };
        misplaced("late", &raw.late, &["deadline"])?;
        misplaced("stale_year", &raw.stale_year, &[])?;
        misplaced(
            "first_responsibility",
            &raw.first_responsibility,
            &["terms"],
        )?;
        misplaced("too_short", &raw.too_short, &["min_chars"])?;
        misplaced("title", &raw.title, &[])?;
        misplaced(
            "not_a_report",
            &raw.not_a_report,
            &["terms", "within_chars"],
        )?;
        misplaced("copied_text", &raw.copied_text, &[])?;
        misplaced("repeated_text", &raw.repeated_text, &[])?;
        misplaced("wrong_year", &raw.wrong_year, &[])?;
        misplaced("duplicate_submission", &raw.duplicate_submission, &[])?;
        if let Some(deadline) = raw.late.as_ref().and_then(|r| r.deadline.clone()) {
            let span = deadline.span();
            let text = deadline.into_inner();
            let parsed = text
                .split_once('-')
                .and_then(|(m, d)| Some((m.parse::<u32>().ok()?, d.parse::<u32>().ok()?)))
                .filter(|&(m, d)| (1..=12).contains(&m) && (1..=31).contains(&d));
            rules.deadline = parsed.ok_or_else(|| {
                self.err(
                    span,
                    "findings.late.deadline",
                    format!("截止日期 `{text}` 应写作月和日 \"MM-DD\"，如 \"03-31\""),
                    format!(
                        "deadline `{text}` must be a month and day as \"MM-DD\", such as \"03-31\""
                    ),
                )
            })?;
        }
        if let Some(terms) = raw.first_responsibility.and_then(|r| r.terms) {
            rules.first_responsibility_terms =
                self.terms(terms, "findings.first_responsibility.terms", count)?;
        }
        if let Some(n) = raw.not_a_report.as_ref().and_then(|r| r.within_chars) {
            rules.not_a_report_within = n;
        }
        if let Some(terms) = raw.not_a_report.and_then(|r| r.terms) {
            rules.not_a_report_terms = self.terms(terms, "findings.not_a_report.terms", count)?;
        }
        if let Some(n) = raw.too_short.and_then(|r| r.min_chars) {
            rules.min_chars = self.bounded(n, "findings.too_short.min_chars", 0..=MAX_MIN_CHARS)?;
        }
        Ok(rules)
    }

    /// An error at `span` and `key`, its message in Chinese (`zh`) and English (`en`).
    fn err(
        &self,
        span: Range<usize>,
        key: impl Into<String>,
        zh: impl AsRef<str>,
        en: impl AsRef<str>,
    ) -> Error {
        rule_error(
            self.source,
            self.origin,
            span,
            Some(key.into()),
            zh.as_ref(),
            en.as_ref(),
        )
    }

    fn terms(
        &self,
        list: Vec<Spanned<String>>,
        key: &str,
        count: &mut usize,
    ) -> Result<Vec<String>> {
        let mut out = Vec::with_capacity(list.len());
        for term in list {
            let span = term.span();
            let value = term.into_inner();
            let trimmed = value.trim();
            if trimmed.is_empty() {
                return Err(self.err(span, key, "用语为空", "empty term"));
            }
            if trimmed.chars().any(char::is_whitespace) {
                return Err(self.err(span, key, format!("用语 `{trimmed}` 含有空格；用语应是不含空格的词或短语"),
format!("term `{trimmed}` contains a space; terms are single words or phrases without spaces")));
            }
            if trimmed.chars().count() > MAX_TERM_CHARS {
                return Err(self.err(
                    span,
                    key,
                    format!("用语超过 {MAX_TERM_CHARS} 个字"),
                    format!("term is longer than {MAX_TERM_CHARS} characters"),
                ));
            }
            let folded = self.folded_term(trimmed, span.clone(), key)?;
            *count += 1;
            if *count > MAX_TERMS {
                return Err(self.err(
                    span,
                    key,
                    format!("一个规则集的用语超过 {MAX_TERMS} 个"),
                    format!("more than {MAX_TERMS} terms in one rule set"),
                ));
            }
            out.push(folded);
        }
        Ok(out)
    }

    /// A term as the matcher sees it: folded, and refused when folding leaves nothing (a term of
    /// zero-width characters or byte-order marks only would match everywhere, or nowhere, and the
    /// matcher cannot place it).
    fn folded_term(&self, term: &str, span: Range<usize>, key: &str) -> Result<String> {
        let folded = crate::read::normalize::fold_str(term);
        if folded.trim().is_empty() {
            return Err(self.err(
                span,
                key,
                "用语为空：只含零宽字符（U+200B-U+200D、U+2060、U+FEFF），规整文字时会被去掉",
"empty term: it holds only zero-width characters (U+200B-U+200D, U+2060, U+FEFF), which folding drops",
            ));
        }
        Ok(folded)
    }

    /// A number read from the rule set, refused outside `bounds` with the key and its place: numbers
    /// beyond what any rule set needs overflow sums, make scores infinite or build absurd years.
    fn bounded<T>(&self, value: Spanned<T>, key: &str, bounds: RangeInclusive<T>) -> Result<T>
    where
        T: PartialOrd + std::fmt::Display + Copy,
    {
        let span = value.span();
        let value = value.into_inner();
        if bounds.contains(&value) {
            Ok(value)
        } else {
            Err(self.err(
                span,
                key,
                format!(
                    "`{key}` = {value} 超出范围：应在 {} 到 {} 之间",
                    bounds.start(),
                    bounds.end()
                ),
                format!(
                    "`{key}` = {value} is out of range: it must be from {} to {}",
                    bounds.start(),
                    bounds.end()
                ),
            ))
        }
    }

    pub(super) fn build(&self, raw: RawRuleSet) -> Result<RuleSet> {
        let mut count = 0usize;
        let name_span = raw.rule_set.name.span();
        let name = raw.rule_set.name.into_inner();
        if name.trim().is_empty() {
            return Err(self.err(
                name_span,
                "rule_set.name",
                "规则集需要名称（name）",
                "the rule set needs a name",
            ));
        }
        let threshold_span = raw.rule_set.pass_threshold.span();
        let pass_threshold = raw.rule_set.pass_threshold.into_inner();
        if !(0.0..=100.0).contains(&pass_threshold) {
            return Err(self.err(
                threshold_span,
                "rule_set.pass_threshold",
                "合格线（pass_threshold）应在 0 到 100 之间",
                "the pass threshold must be between 0 and 100",
            ));
        }
        if raw.areas.is_empty() {
            return Err(self.err(
                0..0,
                "areas",
                "规则集至少需要一个 [[areas]] 表（检查方面）",
                "a rule set needs at least one [[areas]] table",
            ));
        }
        if raw.areas.len() > MAX_AREAS {
            return Err(self.err(
                raw.areas[MAX_AREAS].id.span(),
                "areas",
                format!("检查方面超过 {MAX_AREAS} 个"),
                format!("more than {MAX_AREAS} areas"),
            ));
        }
        let dictionary_words = self.terms(raw.dictionary.words, "dictionary.words", &mut count)?;
        let negation_before = self.terms(raw.negation.before, "negation.before", &mut count)?;
        let negation_after = self.terms(raw.negation.after, "negation.after", &mut count)?;
        let chrome = match raw.chrome {
            Some(c) => Chrome {
                line_markers: self.terms(c.line_markers, "chrome.line_markers", &mut count)?,
                footer_markers: self.terms(
                    c.footer_markers,
                    "chrome.footer_markers",
                    &mut count,
                )?,
                metadata_labels: self.terms(
                    c.metadata_labels,
                    "chrome.metadata_labels",
                    &mut count,
                )?,
            },
            None => Chrome::default(),
        };

        let mut seen = HashSet::new();
        let mut areas = Vec::with_capacity(raw.areas.len());
        for raw_area in raw.areas {
            let id_span = raw_area.id.span();
            let id = raw_area.id.into_inner();
            let here = |field: &str| format!("areas.{id}.{field}");
            if !is_identifier(&id) {
                return Err(self.err(
                    id_span,
                    "areas.id",
                    format!("方面编号 `{id}` 只能由小写英文字母、数字和下划线组成"),
                    format!("area id `{id}` must be lower-case letters, digits and underscores"),
                ));
            }
            if !seen.insert(id.clone()) {
                return Err(self.err(
                    id_span,
                    "areas.id",
                    format!("方面编号 `{id}` 重复"),
                    format!("duplicate area id `{id}`"),
                ));
            }
            let title_span = raw_area.title.span();
            let title = raw_area.title.into_inner();
            if title.trim().is_empty() {
                return Err(self.err(
                    title_span,
                    here("title"),
                    format!("方面 `{id}` 需要标题（title）"),
                    format!("area `{id}` needs a title"),
                ));
            }
            let weight_span = raw_area.weight.span();
            let weight = *raw_area.weight.get_ref();
            if weight.is_nan() || weight <= 0.0 {
                return Err(self.err(
                    weight_span,
                    here("weight"),
                    format!("方面 `{id}`：权重（weight）应大于 0"),
                    format!("area `{id}`: weight must be greater than zero"),
                ));
            }
            let weight = self.bounded(raw_area.weight, &here("weight"), 0.0..=MAX_WEIGHT)?;
            let concepts_span = raw_area.concepts.span();
            let raw_concepts = raw_area.concepts.into_inner();
            if raw_concepts.is_empty() {
                return Err(self.err(
                    id_span,
                    here("concepts"),
                    format!("方面 `{id}` 没有概念：至少加一个 [[areas.concepts]]"),
                    format!("area `{id}` has no concepts: add at least one [[areas.concepts]]"),
                ));
            }
            let mut concept_ids = HashSet::new();
            let mut concepts = Vec::with_capacity(raw_concepts.len());
            for raw_concept in raw_concepts {
                let cid_span = raw_concept.id.span();
                let cid = raw_concept.id.into_inner();
                if !is_identifier(&cid) {
                    return Err(self.err(
                        cid_span,
                        here("concepts.id"),
                        format!("概念编号 `{cid}` 只能由小写英文字母、数字和下划线组成"),
                        format!(
                            "concept id `{cid}` must be lower-case letters, digits and underscores"
                        ),
                    ));
                }
                if !concept_ids.insert(cid.clone()) {
                    return Err(self.err(
                        cid_span,
                        here("concepts.id"),
                        format!("方面 `{id}`：概念编号 `{cid}` 重复"),
                        format!("area `{id}`: duplicate concept id `{cid}`"),
                    ));
                }
                let terms_span = raw_concept
                    .terms
                    .as_ref()
                    .map_or(cid_span.clone(), Spanned::span);
                let raw_terms = raw_concept
                    .terms
                    .map(Spanned::into_inner)
                    .unwrap_or_default();
                let terms = self.concept_terms(
                    raw_terms,
                    &format!("areas.{id}.concepts.{cid}.terms"),
                    &mut count,
                )?;
                let support = self.concept_terms(
                    raw_concept.support,
                    &format!("areas.{id}.concepts.{cid}.support"),
                    &mut count,
                )?;
                let concept_needs = self.terms(
                    raw_concept.needs_any,
                    &format!("areas.{id}.concepts.{cid}.needs_any"),
                    &mut count,
                )?;
                let key = format!("areas.{id}.concepts.{cid}");
                let mut pairs = Vec::new();
                for raw in raw_concept.pairs {
                    let span = raw.span();
                    let text = raw.into_inner();
                    match parse_pair(&text) {
                        Some(pair)
                            if pair
                                .first
                                .iter()
                                .all(|x| terms.iter().chain(&support).any(|t| t == x)) =>
                        {
                            pairs.push(pair);
                        }
                        _ => {
                            return Err(self.err(
                                span,
                                format!("{key}.pairs"),
                                format!("方面 `{id}`，概念 `{cid}`：搭配 `{text}` 应写作 X…Y，X 为本概念的用语，Y 为其后的词"),
format!(
                                    "area `{id}`: concept `{cid}`: pair `{text}` must read X…Y, with X the concept's terms and Y words after them"
                                ),
                            ));
                        }
                    }
                }
                let mut claims = Vec::new();
                for raw in raw_concept.claims {
                    let span = raw.span();
                    let text = raw.into_inner();
                    let Some(pair) = parse_pair(&text) else {
                        return Err(self.err(
                            span,
                            format!("{key}.claims"),
                            format!("方面 `{id}`，概念 `{cid}`：表态 `{text}` 应写作 X…Y，X 为用语 Y 之前的词"),
format!(
                                "area `{id}`: concept `{cid}`: claim `{text}` must read X…Y, with X the words before the terms Y"
                            ),
                        ));
                    };
                    claims.push(pair);
                }
                if terms.is_empty() && support.is_empty() && raw_concept.year_offset.is_none() {
                    return Err(self.err(
                        terms_span,
                        format!("areas.{id}.concepts.{cid}.terms"),
                        format!("方面 `{id}`：概念 `{cid}` 为空：请给出用语（terms）或年份偏移（year_offset）"),
format!(
                            "area `{id}`: concept `{cid}` is empty: give it terms or a year_offset"
                        ),
                    ));
                }
                let year_offset = match raw_concept.year_offset {
                    Some(offset) => Some(self.bounded(
                        offset,
                        &format!("areas.{id}.concepts.{cid}.year_offset"),
                        -MAX_YEAR_OFFSET..=MAX_YEAR_OFFSET,
                    )?),
                    None => None,
                };
                concepts.push(Concept {
                    id: cid,
                    terms,
                    support,
                    needs_any: concept_needs,
                    pairs,
                    claims,
                    in_titles: raw_concept.in_titles,
                    year_offset,
                    examples: self.examples(
                        raw_concept.examples,
                        raw_concept.counter_examples,
                        raw_concept.negated_examples,
                    ),
                });
            }
            let (present, weak) = self.thresholds(
                &id,
                raw_area.scope,
                raw_area.present,
                raw_area.weak,
                concepts.len(),
            )?;
            let needs_any = self.terms(raw_area.needs_any, &here("needs_any"), &mut count)?;
            let heading_cues =
                self.concept_terms(raw_area.heading_cues, &here("heading_cues"), &mut count)?;
            let lead_cues = self.terms(raw_area.lead_cues, &here("lead_cues"), &mut count)?;
            if raw_area.scope == Scope::Own && heading_cues.is_empty() && lead_cues.is_empty() {
                return Err(self.err(concepts_span, here("scope"), format!("方面 `{id}` 的范围为 \"own\"，却没有 heading_cues 或 lead_cues，无法找到它自己的部分"),
format!("area `{id}` has scope \"own\" but no heading_cues or lead_cues to find its own part")));
            }
            let min_sentences = self.bounded(
                raw_area.min_sentences,
                &here("min_sentences"),
                0..=MAX_MIN_SENTENCES,
            )?;
            areas.push(Area {
                id,
                title,
                weight,
                required: raw_area.required,
                scope: raw_area.scope,
                present,
                weak,
                needs_any,
                directs: raw_area.directs,
                single: raw_area.single,
                min_sentences,
                heading_cues,
                lead_cues,
                concepts,
                examples: self.examples(
                    raw_area.examples,
                    raw_area.counter_examples,
                    raw_area.negated_examples,
                ),
            });
        }
        Ok(RuleSet {
            origin: self.origin.to_string(),
            source: self.source.to_string(),
            name,
            version: raw.rule_set.version,
            description: raw.rule_set.description,
            pass_threshold,
            heading_bonus: self.bounded(
                raw.scoring.heading_bonus,
                "scoring.heading_bonus",
                0..=MAX_HEADING_BONUS,
            )?,
            dictionary_words,
            negation_before,
            negation_after,
            chrome,
            findings: self.findings(raw.findings, &mut count)?,
            boilerplate: self.terms(
                raw.similarity.boilerplate,
                "similarity.boilerplate",
                &mut count,
            )?,
            min_share: match raw.similarity.min_share {
                None => DEFAULT_MIN_SHARE,
                Some(share) => self.share(share, "min_share")?,
            },
            similarity: {
                let d = SimilarityRules::default();
                SimilarityRules {
                    min_passage: match raw.similarity.min_passage {
                        Some(v) => self.bounded(v, "similarity.min_passage", 10..=1000)?,
                        None => d.min_passage,
                    },
                    template_share: match raw.similarity.template_share {
                        Some(v) => self.share(v, "template_share")?,
                        None => d.template_share,
                    },
                    template_reports: match raw.similarity.template_reports {
                        Some(v) => self.bounded(v, "similarity.template_reports", 2..=100_000)?,
                        None => d.template_reports,
                    },
                }
            },
            verdict: self.verdict(raw.verdict, &mut count)?,
            decision: self.decision(raw.decision)?,
            areas,
        })
    }

    /// A share of `[similarity]` (`key`), refused unless above 0 and at most 1.
    fn share(&self, value: Spanned<f64>, key: &str) -> Result<f64> {
        let span = value.span();
        let value = value.into_inner();
        if value > 0.0 && value <= 1.0 {
            Ok(value)
        } else {
            Err(self.err(
                span,
                format!("similarity.{key}"),
                format!("{key} {value} 应大于 0 且不超过 1"),
                format!("{key} {value} must be above 0 and at most 1"),
            ))
        }
    }

    /// Concept terms and heading cues: as [`Validator::terms`], and at least two characters (a
    /// one-character term such as 将 matches inside any word).
    fn concept_terms(
        &self,
        list: Vec<Spanned<String>>,
        key: &str,
        count: &mut usize,
    ) -> Result<Vec<String>> {
        if let Some(short) = list
            .iter()
            .find(|t| fold_str(t.get_ref()).trim().chars().count() == 1)
        {
            return Err(self.err(
                short.span(),
                key,
                format!(
                    "用语 `{}` 只有一个字：用语至少要两个字（见 docs/rules.md）",
                    short.get_ref().trim()
                ),
                format!(
                    "term `{}` is one character: a term needs at least two (see docs/rules.md)",
                    short.get_ref().trim()
                ),
            ));
        }
        self.terms(list, key, count)
    }

    /// `present` and `weak`: for areas of scope `own` or `all`, judged by distinct concepts (2 and
    /// 1 by default); areas of scope `work` are judged by `[verdict]` and may not set them.
    fn thresholds(
        &self,
        id: &str,
        scope: Scope,
        present: Option<Spanned<u32>>,
        weak: Option<Spanned<u32>>,
        concepts: usize,
    ) -> Result<(u32, u32)> {
        let here = |field: &str| format!("areas.{id}.{field}");
        if scope == Scope::Work {
            if let Some(set) = present.as_ref().or(weak.as_ref()) {
                let key = if present.is_some() { "present" } else { "weak" };
                return Err(self.err(
                    set.span(),
                    here(key),
                    format!("方面 `{id}`：`{key}` 只适用于范围为 \"own\" 或 \"all\" 的方面；工作部分的方面按 [verdict] 规则判断（见 docs/rules.md）"),
format!(
                        "area `{id}`: `{key}` applies only to areas of scope \"own\" or \"all\"; work areas are judged by the [verdict] rules (see docs/rules.md, How a verdict is reached)"
                    ),
                ));
            }
            return Ok((1, 1));
        }
        let (present_span, present) = present.map_or((0..0, 2), |p| (p.span(), p.into_inner()));
        let (weak_span, weak) = weak.map_or((0..0, 1), |w| (w.span(), w.into_inner()));
        if present == 0 {
            return Err(self.err(
                present_span,
                here("present"),
                format!("方面 `{id}`：present 至少为 1"),
                format!("area `{id}`: present must be at least 1"),
            ));
        }
        if present as usize > concepts {
            return Err(self.err(present_span, here("present"), format!("方面 `{id}`：present = {present}，但该方面只有 {concepts} 个概念，永远不会判为具备"),
format!("area `{id}`: present = {present} but the area has only {concepts} concepts, so it could never be present")));
        }
        if weak == 0 || weak > present {
            return Err(self.err(
                weak_span,
                here("weak"),
                format!("方面 `{id}`：weak 应在 1 到 present（{present}）之间"),
                format!("area `{id}`: weak must be from 1 to present ({present})"),
            ));
        }
        Ok((present, weak))
    }

    /// The `[verdict]` table, checked: lengths from 1 to 10 000 characters, a share from 0 to 1.
    /// The `[decision]` table over the default policy. A graver severity may not lead to a milder
    /// verdict (an error that passes while a warning asks for changes), and an error finding may not
    /// pass: lower the finding's severity in `[findings]` instead.
    fn decision(&self, raw: RawDecision) -> Result<Decision> {
        let mut out = Decision::default();
        let mut spans = std::collections::HashMap::new();
        for (key, value, slot) in [
            ("error", raw.error, &mut out.error),
            ("warning", raw.warning, &mut out.warning),
            ("info", raw.info, &mut out.info),
            (
                "required_missing",
                raw.required_missing,
                &mut out.required_missing,
            ),
            (
                "below_pass_mark",
                raw.below_pass_mark,
                &mut out.below_pass_mark,
            ),
        ] {
            if let Some(v) = value {
                spans.insert(key, v.span());
                *slot = v.into_inner();
            }
        }
        let at = |key: &str| spans.get(key).cloned().unwrap_or(0..0);
        if out.error == Verdict::Pass {
            return Err(self.err(
                at("error"),
                "decision.error",
                "错误级问题不能判为通过（`error = \"pass\"`）：请在 [findings] 中降低该问题的级别",
                "an error finding cannot pass (`error = \"pass\"`): give the finding a lower \
                 severity in [findings] instead",
            ));
        }
        for (graver, milder) in [("error", "warning"), ("warning", "info")] {
            let verdict = |key: &str| match key {
                "error" => out.error,
                "warning" => out.warning,
                _ => out.info,
            };
            if verdict(graver) < verdict(milder) {
                let key = if spans.contains_key(graver) {
                    graver
                } else {
                    milder
                };
                return Err(self.err(
                    at(key),
                    format!("decision.{key}"),
                    format!(
                        "`{graver}` 判为 `{}`，较轻的 `{milder}` 反而判为更重的 `{}`",
                        verdict(graver).as_str(),
                        verdict(milder).as_str()
                    ),
                    format!(
                        "`{graver}` leads to `{}` but the milder `{milder}` to the graver `{}`",
                        verdict(graver).as_str(),
                        verdict(milder).as_str()
                    ),
                ));
            }
        }
        Ok(out)
    }

    fn verdict(&self, raw: RawVerdict, count: &mut usize) -> Result<VerdictRules> {
        let mut out = VerdictRules::default();
        let chars = |value: Option<Spanned<u32>>, key: &str, slot: &mut u32| -> Result<()> {
            if let Some(v) = value {
                let span = v.span();
                let n = v.into_inner();
                if !(1..=10_000).contains(&n) {
                    return Err(self.err(
                        span,
                        format!("verdict.{key}"),
                        format!("{key} = {n} 应在 1 到 10000 字之间"),
                        format!("{key} = {n} must be from 1 to 10000 characters"),
                    ));
                }
                *slot = n;
            }
            Ok(())
        };
        chars(
            raw.sentence_chars,
            "sentence_chars",
            &mut out.sentence_chars,
        )?;
        chars(raw.section_chars, "section_chars", &mut out.section_chars)?;
        chars(
            raw.paragraph_chars,
            "paragraph_chars",
            &mut out.paragraph_chars,
        )?;
        chars(raw.single_chars, "single_chars", &mut out.single_chars)?;
        if let Some(share) = raw.weak_share {
            let span = share.span();
            let value = share.into_inner();
            if !(0.0..=1.0).contains(&value) {
                return Err(self.err(
                    span,
                    "verdict.weak_share",
                    format!("weak_share {value} 应在 0 到 1 之间"),
                    format!("weak_share {value} must be from 0 to 1"),
                ));
            }
            out.weak_share = value;
        }
        out.neutral = self.concept_terms(raw.neutral, "verdict.neutral", count)?;
        Ok(out)
    }
}

/// The largest `scoring.heading_bonus`: a heading worth more concepts than any area has.
const MAX_HEADING_BONUS: u32 = 100;
/// The largest area weight (weights are scaled to add up to 100; only their ratios matter).
const MAX_WEIGHT: f64 = 1_000_000.0;
/// The largest `year_offset` either way.
const MAX_YEAR_OFFSET: i32 = 100;
/// The largest `min_sentences`.
const MAX_MIN_SENTENCES: u32 = 100_000;
/// The largest `findings.too_short.min_chars`: more characters than any input the checker reads.
const MAX_MIN_CHARS: usize = 100_000_000;

fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// `X…Y` with each side a `|` list of words: both sides non-empty, one `…`.
fn parse_pair(text: &str) -> Option<crate::rules::Pair> {
    let (x, y) = text.split_once('…')?;
    let side = |s: &str| -> Option<Vec<String>> {
        let words: Vec<String> = s.split('|').map(|w| w.trim().to_string()).collect();
        (!words.iter().any(String::is_empty)).then_some(words)
    };
    Some(crate::rules::Pair {
        first: side(x)?,
        then: side(y)?,
    })
}

//! Tallies over a batch of reports, for the summary at the end of a batch run.
//!
//! A [`Summary`] keeps counts and a few small records, never the reports themselves, so it stays the
//! same size however many files a batch has. Add each file's outcome with [`Summary::add`] as it comes;
//! a tool that checks in parallel can build one `Summary` per file (or per thread) and combine them
//! with [`Summary::merge`], in input order. [`render::summary`](crate::render::summary()) turns it into
//! text.
//!
//! ```
//! use fazhi_check::{Checker, Error, RuleSet, Summary};
//!
//! let checker = Checker::new(RuleSet::builtin());
//! let mut summary = Summary::for_rules(checker.rules());
//! summary.add("a.txt", &Ok(checker.check_str("")));
//! summary.add("b.docx", &Err(Error::NotText { reason: "a Word file".into() }));
//! assert_eq!((summary.files(), summary.checked(), summary.unreadable()), (2, 1, 1));
//! assert_eq!(summary.failed(), 1);
//! assert_eq!(summary.areas()[0].id, "leadership");
//! assert_eq!(summary.areas()[0].missing, 1);
//! assert_eq!(summary.lowest()[0].file, "a.txt");
//! ```

use crate::error::Error;
use crate::judging::verdicts::Status;
use crate::report::{Report, Verdict};
use crate::rules::{RuleSet, Severity};

/// How many of an area's reports had each status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaTally {
    /// The area's id (`leadership`, `publicity`, …).
    pub id: String,
    /// Its Chinese title.
    pub title: String,
    /// Reports that cover the area.
    pub present: usize,
    /// Reports that are weak on it.
    pub weak: usize,
    /// Reports that miss it.
    pub missing: usize,
}

/// How many reports raised a finding of one id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingTally {
    /// The finding's id (`late`, `not_a_report`, `copied_text`, …).
    pub id: String,
    /// Its severity (the gravest met, where a rule set's checks differ).
    pub severity: Severity,
    /// Reports with at least one finding of the id.
    pub reports: usize,
    /// Findings of the id, all reports together.
    pub findings: usize,
}

/// What a [`Summary`] keeps of one checked report: enough to name it among the lowest scores and
/// under its verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// The file name as the tool gave it.
    pub file: String,
    /// The report's title, when one was found.
    pub title: Option<String>,
    /// The year the report is about, when found.
    pub year: Option<i32>,
    /// Its total score.
    pub score: f64,
    /// Whether it passed.
    pub passed: bool,
    /// Its verdict.
    pub verdict: Verdict,
    /// The ids of its findings, each once, in order of position.
    pub findings: Vec<String>,
}

/// A file that could not be checked, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The file name as the tool gave it.
    pub file: String,
    /// The error message.
    pub error: String,
}

/// Why a tool walking a folder did not hand a file to the checker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Skip {
    /// A hidden file or folder (its name starts with `.`); a folder counts once.
    Hidden,
    /// Office junk, no submission: a lock file, `Thumbs.db`, `desktop.ini`, `.DS_Store`, the folder a
    /// browser saves beside a page (see `batch::files::is_junk`); a folder counts once.
    Junk,
}

/// Counts over a batch of reports: passed, failed, unreadable and skipped files; for each area how
/// many reports miss it or are weak on it; the lowest-scoring reports.
///
/// Its size does not grow with the number of files: it keeps the [`Summary::LOWEST_KEPT`] lowest
/// scores and the first [`Summary::UNREADABLE_KEPT`] unreadable files, and counts the rest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    passed: usize,
    revise: usize,
    returned: usize,
    unreadable: usize,
    skipped_hidden: usize,
    skipped_junk: usize,
    areas: Vec<AreaTally>,
    lowest: Vec<Scored>,
    unreadable_files: Vec<Unreadable>,
    findings: Vec<FindingTally>,
    /// The first reports of each verdict, in input order: 通过, 需修改, 退回.
    by_verdict: [Vec<Scored>; 3],
}

impl Summary {
    /// How many of the lowest-scoring reports that did not pass a summary keeps.
    pub const LOWEST_KEPT: usize = 5;
    /// How many reports of each verdict a summary keeps by name (the counts cover them all).
    pub const VERDICT_KEPT: usize = 10;
    /// How many unreadable files a summary keeps by name (the count covers them all).
    pub const UNREADABLE_KEPT: usize = 10;

    /// An empty summary whose areas are those of `rules`, in its order, so that every area is listed
    /// even before (or without) any report. [`Summary::default`] starts with no areas and lists them
    /// in the order reports bring them.
    pub fn for_rules(rules: &RuleSet) -> Summary {
        Summary {
            areas: rules
                .areas
                .iter()
                .map(|a| AreaTally {
                    id: a.id.clone(),
                    title: a.title.clone(),
                    present: 0,
                    weak: 0,
                    missing: 0,
                })
                .collect(),
            ..Summary::default()
        }
    }

    /// Adds one file's outcome: a report, or the error that kept it from being checked.
    pub fn add(&mut self, file: &str, outcome: &Result<Report, Error>) {
        self.add_without_areas(file, outcome);
        if let Ok(report) = outcome {
            self.add_areas(report);
        }
    }

    /// Counts how a report's areas were found, and nothing else: with
    /// [`Summary::add_without_areas`], what [`Summary::add`] does. A batch that adds findings to
    /// reports after checking them all (copied text) counts the areas, which those findings do not
    /// change, as each report is checked, and holds only the rest, which is small, until then.
    pub fn add_areas(&mut self, report: &Report) {
        for area in &report.areas {
            let tally = self.area_mut(&area.id, &area.title);
            match area.status {
                Status::Present => tally.present += 1,
                Status::Weak => tally.weak += 1,
                Status::Missing => tally.missing += 1,
            }
        }
    }

    /// Adds one file's outcome but not its areas (see [`Summary::add_areas`]).
    pub fn add_without_areas(&mut self, file: &str, outcome: &Result<Report, Error>) {
        match outcome {
            Ok(report) => {
                match report.verdict {
                    Verdict::Pass => self.passed += 1,
                    Verdict::Revise => self.revise += 1,
                    Verdict::Return => self.returned += 1,
                }
                let mut ids: Vec<String> = Vec::new();
                for f in &report.findings {
                    let first = !ids.contains(&f.id);
                    if first {
                        ids.push(f.id.clone());
                    }
                    self.tally_finding(&f.id, f.severity, usize::from(first), 1);
                }
                let scored = Scored {
                    file: file.to_string(),
                    title: report.metadata.title.clone(),
                    year: report.metadata.year,
                    score: report.score,
                    passed: report.passed,
                    verdict: report.verdict,
                    findings: ids,
                };
                self.keep_by_verdict(scored.clone());
                self.keep_lowest(scored);
            }
            Err(e) => {
                self.unreadable += 1;
                if self.unreadable_files.len() < Self::UNREADABLE_KEPT {
                    self.unreadable_files.push(Unreadable {
                        file: file.to_string(),
                        error: e.to_string(),
                    });
                }
            }
        }
    }

    /// Counts a file or folder that was not checked.
    pub fn add_skipped(&mut self, why: Skip) {
        match why {
            Skip::Hidden => self.skipped_hidden += 1,
            Skip::Junk => self.skipped_junk += 1,
        }
    }

    /// Adds the files of `other`, taken to come after those already added: of reports with equal
    /// scores, the earlier stays first among the lowest, and unreadable files keep their order.
    pub fn merge(&mut self, other: Summary) {
        self.passed += other.passed;
        self.revise += other.revise;
        self.returned += other.returned;
        for f in other.findings {
            self.tally_finding(&f.id, f.severity, f.reports, f.findings);
        }
        for kept in other.by_verdict {
            for s in kept {
                self.keep_by_verdict(s);
            }
        }
        self.unreadable += other.unreadable;
        self.skipped_hidden += other.skipped_hidden;
        self.skipped_junk += other.skipped_junk;
        for a in other.areas {
            let tally = self.area_mut(&a.id, &a.title);
            tally.present += a.present;
            tally.weak += a.weak;
            tally.missing += a.missing;
        }
        for s in other.lowest {
            self.keep_lowest(s);
        }
        let room = Self::UNREADABLE_KEPT.saturating_sub(self.unreadable_files.len());
        self.unreadable_files
            .extend(other.unreadable_files.into_iter().take(room));
    }

    /// Files added: checked and unreadable.
    pub fn files(&self) -> usize {
        self.checked() + self.unreadable
    }

    /// Reports checked (passed or failed).
    pub fn checked(&self) -> usize {
        self.passed + self.failed()
    }

    /// Reports that passed.
    pub fn passed(&self) -> usize {
        self.passed
    }

    /// Reports that did not pass: to revise or sent back.
    pub fn failed(&self) -> usize {
        self.revise + self.returned
    }

    /// Reports of a verdict.
    pub fn with_verdict(&self, verdict: Verdict) -> usize {
        match verdict {
            Verdict::Pass => self.passed,
            Verdict::Revise => self.revise,
            Verdict::Return => self.returned,
        }
    }

    /// The first reports of a verdict, in input order (at most [`Summary::VERDICT_KEPT`]; see
    /// [`Summary::with_verdict`] for the count).
    pub fn reports_with(&self, verdict: Verdict) -> &[Scored] {
        &self.by_verdict[verdict as usize]
    }

    /// Per finding id, how many reports raised it and how often, in the order the ids first came.
    pub fn findings(&self) -> &[FindingTally] {
        &self.findings
    }

    /// Files that could not be read or decoded.
    pub fn unreadable(&self) -> usize {
        self.unreadable
    }

    /// True when every file added was checked and passed (also when none was added).
    pub fn all_passed(&self) -> bool {
        self.failed() == 0 && self.unreadable == 0
    }

    /// Hidden files and folders skipped.
    pub fn skipped_hidden(&self) -> usize {
        self.skipped_hidden
    }

    /// Office junk skipped (lock files, `Thumbs.db`, a saved page's `_files` folder…).
    pub fn skipped_junk(&self) -> usize {
        self.skipped_junk
    }

    /// Everything skipped.
    pub fn skipped(&self) -> usize {
        self.skipped_hidden + self.skipped_junk
    }

    /// Per area, how many reports had each status: in the rule set's order for
    /// [`Summary::for_rules`], otherwise in the order the areas first came.
    pub fn areas(&self) -> &[AreaTally] {
        &self.areas
    }

    /// The lowest-scoring reports that did not pass, lowest first (at most
    /// [`Summary::LOWEST_KEPT`]); of equal scores the one added first comes first.
    pub fn lowest(&self) -> &[Scored] {
        &self.lowest
    }

    /// The first unreadable files, in the order added (at most [`Summary::UNREADABLE_KEPT`]; see
    /// [`Summary::unreadable`] for the count).
    pub fn unreadable_files(&self) -> &[Unreadable] {
        &self.unreadable_files
    }

    fn area_mut(&mut self, id: &str, title: &str) -> &mut AreaTally {
        let at = match self.areas.iter().position(|a| a.id == id) {
            Some(at) => at,
            None => {
                self.areas.push(AreaTally {
                    id: id.to_string(),
                    title: title.to_string(),
                    present: 0,
                    weak: 0,
                    missing: 0,
                });
                self.areas.len() - 1
            }
        };
        &mut self.areas[at]
    }

    fn tally_finding(&mut self, id: &str, severity: Severity, reports: usize, findings: usize) {
        match self.findings.iter_mut().find(|t| t.id == id) {
            Some(t) => {
                t.severity = t.severity.max(severity);
                t.reports += reports;
                t.findings += findings;
            }
            None => self.findings.push(FindingTally {
                id: id.to_string(),
                severity,
                reports,
                findings,
            }),
        }
    }

    fn keep_by_verdict(&mut self, scored: Scored) {
        let kept = &mut self.by_verdict[scored.verdict as usize];
        if kept.len() < Self::VERDICT_KEPT {
            kept.push(scored);
        }
    }

    fn keep_lowest(&mut self, scored: Scored) {
        if scored.passed {
            return;
        }
        let at = self.lowest.partition_point(|s| s.score <= scored.score);
        if at < Self::LOWEST_KEPT {
            self.lowest.insert(at, scored);
            self.lowest.truncate(Self::LOWEST_KEPT);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judging::verdicts::AreaVerdict;
    use crate::report::RuleSetInfo;

    fn report(score: f64, passed: bool, statuses: &[(&str, Status)]) -> Report {
        Report {
            score,
            verdict: if passed {
                crate::Verdict::Pass
            } else {
                crate::Verdict::Revise
            },
            passed,
            pass_threshold: 75.0,
            rule_set: RuleSetInfo {
                name: "t".into(),
                version: "1".into(),
                chosen: None,
            },
            encoding: None,
            format: None,
            metadata: crate::Metadata {
                title: Some(format!("报告{score}")),
                year: Some(2023),
                ..Default::default()
            },
            findings: Vec::new(),
            outline: Vec::new(),
            figures: Vec::new(),
            fingerprint: Default::default(),
            chrome_lines: Vec::new(),
            areas: statuses
                .iter()
                .map(|&(id, status)| AreaVerdict {
                    id: id.into(),
                    title: format!("{id}-title"),
                    status,
                    score: 0.0,
                    max_score: 10.0,
                    required: false,
                    concepts_found: 0,
                    heading_bonus: 0,
                    present_at: 2,
                    weak_at: 1,
                    heading: None,
                    evidence: vec![],
                    evidence_omitted: 0,
                    looked_for: vec![],
                    reason: String::new(),
                })
                .collect(),
        }
    }

    fn unreadable() -> Result<Report, Error> {
        Err(Error::NotText {
            reason: "binary".into(),
        })
    }

    #[test]
    fn areas_and_the_rest_added_apart_make_the_whole() {
        let checker = crate::Checker::new(crate::RuleSet::builtin());
        let outcomes: Vec<(&str, Result<crate::Report, crate::Error>)> = vec![
            ("a.txt", Ok(checker.check_str("某镇2023年法治政府建设工作报告\n一、加强组织领导\n成立领导小组。\n"))),
            ("b.txt", Err(crate::Error::NotText { reason: "乱码".to_string() })),
            ("c.txt", Ok(checker.check_str("某街道2023年法治政府建设工作报告\n一、主要工作\n全年调解纠纷70件，开展法治宣传12场。\n"))),
        ];
        let mut whole = Summary::for_rules(checker.rules());
        let mut areas = Summary::for_rules(checker.rules());
        let mut rest = Vec::new();
        for (file, outcome) in &outcomes {
            whole.add(file, outcome);
            if let Ok(report) = outcome {
                areas.add_areas(report);
            }
            let mut one = Summary::default();
            one.add_without_areas(file, outcome);
            rest.push(one);
        }
        for one in rest {
            areas.merge(one);
        }
        assert_eq!(areas, whole);
        assert_eq!(whole.files(), 3);
    }

    #[test]
    fn counts_outcomes_and_area_statuses() {
        let mut s = Summary::default();
        use Status::*;
        s.add("a", &Ok(report(90.0, true, &[("x", Present), ("y", Weak)])));
        s.add(
            "b",
            &Ok(report(40.0, false, &[("x", Missing), ("y", Weak)])),
        );
        s.add("c", &unreadable());
        s.add_skipped(Skip::Hidden);
        s.add_skipped(Skip::Junk);
        s.add_skipped(Skip::Junk);
        assert_eq!(s.files(), 3);
        assert_eq!(s.checked(), 2);
        assert_eq!((s.passed(), s.failed(), s.unreadable()), (1, 1, 1));
        assert_eq!(
            (s.skipped(), s.skipped_hidden(), s.skipped_junk()),
            (3, 1, 2)
        );
        assert!(!s.all_passed());
        let ids: Vec<_> = s.areas().iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["x", "y"]);
        assert_eq!(
            (
                s.areas()[0].present,
                s.areas()[0].weak,
                s.areas()[0].missing
            ),
            (1, 0, 1)
        );
        assert_eq!(s.areas()[1].weak, 2);
        assert_eq!(s.areas()[1].title, "y-title");
        assert_eq!(s.unreadable_files()[0].file, "c");
        assert!(s.unreadable_files()[0].error.contains("binary"));
    }

    #[test]
    fn keeps_the_five_lowest_in_order_with_ties_by_arrival() {
        let mut s = Summary::default();
        for (i, score) in [50.0, 10.0, 80.0, 10.0, 30.0, 70.0, 20.0, 95.0]
            .into_iter()
            .enumerate()
        {
            s.add(&format!("f{i}"), &Ok(report(score, false, &[])));
        }
        let lowest: Vec<(&str, f64)> = s
            .lowest()
            .iter()
            .map(|l| (l.file.as_str(), l.score))
            .collect();
        assert_eq!(
            lowest,
            [
                ("f1", 10.0),
                ("f3", 10.0),
                ("f6", 20.0),
                ("f4", 30.0),
                ("f0", 50.0)
            ]
        );
        assert_eq!(s.lowest()[0].title.as_deref(), Some("报告10"));
        assert_eq!(s.lowest()[0].year, Some(2023));
    }

    #[test]
    fn merging_in_order_equals_adding_in_order() {
        use Status::*;
        let outcomes: Vec<Result<Report, Error>> = vec![
            Ok(report(60.0, false, &[("x", Weak)])),
            unreadable(),
            Ok(report(60.0, false, &[("x", Missing), ("z", Present)])),
            Ok(report(100.0, true, &[("x", Present)])),
            Ok(report(10.0, false, &[("x", Missing)])),
        ];
        let mut whole = Summary::default();
        let mut merged = Summary::default();
        for (i, o) in outcomes.iter().enumerate() {
            let name = format!("f{i}");
            whole.add(&name, o);
            let mut one = Summary::default();
            one.add(&name, o);
            merged.merge(one);
        }
        assert_eq!(whole, merged);
    }

    #[test]
    fn keeps_a_bounded_number_of_unreadable_names() {
        let mut s = Summary::default();
        for i in 0..25 {
            s.add(&format!("f{i}"), &unreadable());
        }
        assert_eq!(s.unreadable(), 25);
        assert_eq!(s.unreadable_files().len(), Summary::UNREADABLE_KEPT);
        assert_eq!(s.unreadable_files()[9].file, "f9");
    }

    #[test]
    fn for_rules_lists_every_area_in_rule_set_order() {
        let rules = RuleSet::builtin();
        let s = Summary::for_rules(&rules);
        assert_eq!(s.areas().len(), rules.areas.len());
        assert_eq!(s.areas()[0].title, "组织领导");
        assert!(s.areas().iter().all(|a| a.missing == 0 && a.weak == 0));
        assert!(s.all_passed());
        assert_eq!(s.files(), 0);
    }
}

//! The decision on a whole report, [`Verdict`], and the rule set's policy for reaching it,
//! [`Decision`] (the `[decision]` table): which verdict each severity of finding, a missing required
//! area and a score under the pass mark lead to.

use serde::{Deserialize, Serialize};

use super::Severity;
use crate::text::lang::Lang;

/// The one decision the office makes on a report: accept it, ask for changes, or send it back.
///
/// Ordered from mildest to gravest, so that the worst of several reasons is their maximum.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// 通过: every required area is there, the score reaches the pass mark, and no finding asks
    /// for a change.
    #[default]
    #[serde(alias = "通过")]
    Pass,
    /// 需修改: a warning finding, or a score under the pass mark; the town fixes and resubmits.
    #[serde(alias = "需修改")]
    Revise,
    /// 退回: an error finding (late, not a report, copied, …) or a required area missing.
    #[serde(alias = "退回")]
    Return,
}

impl Verdict {
    /// `pass`, `revise` or `return`, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Revise => "revise",
            Verdict::Return => "return",
        }
    }

    /// The word a person reads: 通过 / 需修改 / 退回, or pass / revise / return.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Verdict::Pass => lang.pick("通过", "pass"),
            Verdict::Revise => lang.pick("需修改", "revise"),
            Verdict::Return => lang.pick("退回", "return"),
        }
    }
}

/// Which verdict each reason leads to (the rule set's `[decision]` table; see docs/rules.md, "The
/// decision on a report"). A report's verdict is the gravest its findings, its required areas and
/// its score lead to, and [`Verdict::Pass`] when none leads anywhere else.
///
/// The default is the regulation's reading: an error finding or a missing required area sends the
/// report back, a warning or a score under the pass mark asks for changes, a note changes nothing.
///
/// ```
/// use fazhi_check::{Severity, Verdict};
/// use fazhi_check::rules::Decision;
///
/// let policy = Decision::default();
/// assert_eq!(policy.for_severity(Severity::Error), Verdict::Return);
/// assert_eq!(policy.for_severity(Severity::Warning), Verdict::Revise);
/// assert_eq!(policy.for_severity(Severity::Info), Verdict::Pass);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// Where an error finding leads (退回).
    pub error: Verdict,
    /// Where a warning finding leads (需修改).
    pub warning: Verdict,
    /// Where a note (an info finding) leads (通过: no change).
    pub info: Verdict,
    /// Where a required area that is missing leads (退回).
    pub required_missing: Verdict,
    /// Where a score under the pass mark leads (需修改).
    pub below_pass_mark: Verdict,
}

impl Default for Decision {
    fn default() -> Decision {
        Decision {
            error: Verdict::Return,
            warning: Verdict::Revise,
            info: Verdict::Pass,
            required_missing: Verdict::Return,
            below_pass_mark: Verdict::Revise,
        }
    }
}

impl Decision {
    /// The verdict a finding of this severity leads to.
    pub fn for_severity(&self, severity: Severity) -> Verdict {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }
}

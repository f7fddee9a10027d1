//! Step 4, matching: a document's running text in, the rule set's terms found on word boundaries
//! out.
//!
//! [`segment`] cuts the text into words with jieba-rs and the rule set's terms in its dictionary;
//! the matcher finds every term, cue and negation in one scan and keeps a match only where it
//! starts and ends on word boundaries (调解 is not in 协调解决; 法治政府 is found across 法治|政府).

pub(crate) mod matcher;
pub mod segment;

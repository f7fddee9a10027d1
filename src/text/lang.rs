//! The language of what people read: Chinese by default, English on request (`--lang en`).
//!
//! Ids, JSON keys and codes stay English whatever the language; this only chooses the words of
//! statuses, verdicts, headers, summaries and messages.

use serde::{Deserialize, Serialize};

/// The language of the words a person reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Simplified Chinese, the default.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// `zh` or `en`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The language named `zh` or `en` (also `zh-CN`, `zh_CN`, `cn`, `en-US`, … by their first
    /// part), or `None`.
    pub fn parse(name: &str) -> Option<Lang> {
        let first = name
            .split(['-', '_', '.'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match first.as_str() {
            "zh" | "cn" | "chinese" => Some(Lang::Zh),
            "en" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// `zh` in Chinese, `en` in English.
    pub fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn names_are_read_by_their_first_part() {
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("EN_us"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
        assert_eq!(Lang::default().pick("中", "en"), "中");
    }
}

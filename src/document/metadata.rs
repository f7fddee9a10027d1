//! Report metadata: whose report it is, for which year, when it was published, its document number.
//!
//! Taken from the title (…镇人民政府2021年法治政府建设工作报告, 关于2021年度法治政府建设情况的报告),
//! from the page's metadata block (发布机构：…, 发布日期：…, 文号：…), from a date standing alone in
//! the page header, and from the sign-off at the end (the organisation and the date).

use serde::{Deserialize, Serialize};

use crate::document::{Document, LineKind, first_year, is_date_line};

/// What the report says about itself. Each field is `None` when not found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// The report's title.
    pub title: Option<String>,
    /// The organisation that wrote it.
    pub organization: Option<String>,
    /// The year it reports on.
    pub year: Option<i32>,
    /// When it was published, as `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The document number (文号), such as `铜府发〔2022〕3号`.
    pub document_number: Option<String>,
}

/// Metadata with the folded-text offset of the publication date, for positions in findings.
pub(crate) struct Found {
    pub metadata: Metadata,
    pub published_at: Option<usize>,
}

/// Words an organisation's name ends with.
const ORGANIZATION_ENDINGS: &[&str] = &[
    "人民政府",
    "政府",
    "办事处",
    "街道",
    "委员会",
    "管理局",
    "局",
    "委",
    "办公室",
    "办",
    "中心",
    "厅",
    "院",
    "镇",
    "乡",
    "县委",
];

const PUBLISHED_LABELS: &[&str] = &["发布日期", "发布时间", "生成日期", "成文日期", "发文日期"];
const ORGANIZATION_LABELS: &[&str] = &["发布机构", "发文机关", "发文单位"];
const NUMBER_LABELS: &[&str] = &["文号", "发文字号"];

/// Reads the metadata of a parsed report from its folded text.
pub(crate) fn extract(folded: &str, doc: &Document) -> Found {
    let lines: Vec<(usize, &str)> = {
        let mut at = 0;
        folded
            .split('\n')
            .map(|l| {
                let start = at;
                at += l.len() + 1;
                (start, l)
            })
            .collect()
    };
    // A label followed by a colon anywhere on a chrome line: 来源: … 发布日期:2021-03-30 点击数: ….
    let labelled = |labels: &[&str]| -> Option<(usize, String)> {
        lines
            .iter()
            .zip(&doc.lines)
            .filter(|(_, k)| **k == LineKind::Chrome)
            .find_map(|(&(start, line), _)| {
                labels.iter().find_map(|label| {
                    let at = line.find(label)?;
                    let rest = &line[at + label.len()..];
                    let value = rest.trim_start().strip_prefix([':', '：'])?;
                    let value_start = start + (line.len() - value.len());
                    let trimmed = value.trim_start();
                    let value_start = value_start + (value.len() - trimmed.len());
                    let value = trimmed.trim_end();
                    (!value.is_empty()).then(|| (value_start, value.to_string()))
                })
            })
    };

    let title = doc.title.clone();
    let year = doc.year;

    let title_line = doc.lines.iter().position(|&k| k == LineKind::Title);
    let organization = title
        .as_deref()
        .and_then(organization_in_title)
        .or_else(|| {
            // 西安市应急管理局 on the line above 2023年度法治政府建设情况报告.
            let above = title_line?.checked_sub(1)?;
            let line = lines[above].1.trim();
            (line.chars().count() <= 30 && ends_like_organization(line)).then(|| line.to_string())
        })
        .or_else(|| labelled(ORGANIZATION_LABELS).map(|(_, v)| first_field(&v)))
        .or_else(|| {
            // The sign-off: the organisation line just above the closing date.
            doc.lines
                .iter()
                .enumerate()
                .filter(|&(_, &k)| k == LineKind::Closing)
                .map(|(i, _)| lines[i].1.trim())
                .find(|l| !is_date_line(l) && ends_like_organization(l))
                .map(str::to_string)
        });

    let mut published = labelled(PUBLISHED_LABELS).and_then(|(at, v)| Some((at, date_in(&v)?)));
    if published.is_none() {
        // A date alone in the page header, above the title.
        let header_end = title_line.unwrap_or(0);
        published = lines[..header_end].iter().find_map(|&(start, line)| {
            let t = line.trim_start_matches(['•', '·', ' ', '-', '*']).trim();
            (is_date_line(t)).then(|| {
                date_in(t).map(|d| {
                    (
                        start
                            + (line.len()
                                - line.trim_start_matches(['•', '·', ' ', '-', '*']).len()),
                        d,
                    )
                })
            })?
        });
    }
    if published.is_none() {
        published = doc
            .lines
            .iter()
            .enumerate()
            .filter(|&(_, &k)| k == LineKind::Closing)
            .find_map(|(i, _)| {
                let (start, line) = lines[i];
                let t = line.trim();
                is_date_line(t).then(|| {
                    date_in(t).map(|d| (start + (line.len() - line.trim_start().len()), d))
                })?
            });
    }

    let document_number = labelled(NUMBER_LABELS)
        .map(|(_, v)| v)
        .filter(|v| !matches!(v.as_str(), "无" | "其他" | "-" | "/"))
        .or_else(|| {
            let from = title_line.map_or(0, |t| t + 1);
            lines
                .iter()
                .skip(from)
                .take(4)
                .find_map(|&(_, l)| document_number_in(l.trim()))
        });

    let (published_at, published) = match published {
        Some((at, date)) => (Some(at), Some(date)),
        None => (None, None),
    };
    Found {
        metadata: Metadata {
            title,
            organization,
            year,
            published,
            document_number,
        },
        published_at,
    }
}

/// Whether `s` ends like an organisation's name, a trailing bracketed second name aside
/// (杭州市城市管理局(杭州市综合行政执法局)).
fn ends_like_organization(s: &str) -> bool {
    let s = match s.strip_suffix(')') {
        Some(inner) => inner.rfind('(').map_or(inner, |i| &inner[..i]),
        None => s,
    };
    ORGANIZATION_ENDINGS.iter().any(|e| s.ends_with(e))
}

/// The first of several values on a metadata line (发布机构：某镇  发布日期：…).
fn first_field(value: &str) -> String {
    value.split_whitespace().next().unwrap_or(value).to_string()
}

/// 重庆市铜梁区双山镇人民政府2021年法治政府建设工作报告 → 重庆市铜梁区双山镇人民政府;
/// 中共浚县县委 浚县人民政府关于2024年… → 中共浚县县委 浚县人民政府.
fn organization_in_title(title: &str) -> Option<String> {
    let cut = [title.find("关于"), year_at(title)]
        .into_iter()
        .flatten()
        .min()?;
    let org = title[..cut].trim();
    (!org.is_empty() && ends_like_organization(org)).then(|| org.to_string())
}

/// Byte offset of the first four-digit year followed by 年.
fn year_at(s: &str) -> Option<usize> {
    let y = first_year(s)?;
    s.find(&format!("{y}年"))
}

/// The first date in `s`: 2022年3月11日, 2022-03-11, 2022.03.11, 2022/3/11; as `YYYY-MM-DD`.
pub(crate) fn date_in(s: &str) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    let number = |from: usize, max: usize| -> Option<(u32, usize)> {
        let len = chars[from..]
            .iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if len == 0 {
            return None;
        }
        let n: String = chars[from..from + len].iter().collect();
        Some((n.parse().ok()?, from + len))
    };
    for i in 0..chars.len() {
        if i > 0 && chars[i - 1].is_ascii_digit() {
            continue;
        }
        let Some((year, after_year)) = number(i, 4) else {
            continue;
        };
        if after_year - i != 4 || !(1990..2100).contains(&year) {
            continue;
        }
        let Some(&sep) = chars.get(after_year) else {
            continue;
        };
        if !matches!(sep, '年' | '-' | '.' | '/') {
            continue;
        }
        let Some((month, after_month)) = number(after_year + 1, 2) else {
            continue;
        };
        let month_sep = if sep == '年' { '月' } else { sep };
        if chars.get(after_month) != Some(&month_sep) {
            continue;
        }
        let Some((day, _)) = number(after_month + 1, 2) else {
            continue;
        };
        if (1..=12).contains(&month) && (1..=31).contains(&day) {
            return Some(format!("{year:04}-{month:02}-{day:02}"));
        }
    }
    None
}

/// 铜府发〔2022〕3号 and the like, in a short line.
fn document_number_in(line: &str) -> Option<String> {
    if line.chars().count() > 30 || !line.ends_with('号') {
        return None;
    }
    let open = line.find(['〔', '[', '【'])?;
    let close = line.find(['〕', ']', '】'])?;
    (open < close
        && line[open..close]
            .chars()
            .filter(char::is_ascii_digit)
            .count()
            == 4)
        .then(|| line.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_form() {
        assert_eq!(
            date_in("发布日期：2022年3月11日").as_deref(),
            Some("2022-03-11")
        );
        assert_eq!(date_in("2022-03-11 10:00").as_deref(), Some("2022-03-11"));
        assert_eq!(date_in("2022.03.11").as_deref(), Some("2022-03-11"));
        assert_eq!(date_in("2022/3/1").as_deref(), Some("2022-03-01"));
        assert_eq!(date_in("编号12022-03-11"), None);
        assert_eq!(date_in("2022年度"), None);
    }

    #[test]
    fn organization_from_the_title() {
        assert_eq!(
            organization_in_title("重庆市铜梁区双山镇人民政府2021年法治政府建设工作报告")
                .as_deref(),
            Some("重庆市铜梁区双山镇人民政府")
        );
        assert_eq!(
            organization_in_title("中共浚县县委 浚县人民政府关于2024年法治政府建设情况的报告")
                .as_deref(),
            Some("中共浚县县委 浚县人民政府")
        );
        assert_eq!(
            organization_in_title("关于2022年度法治政府建设情况的报告"),
            None
        );
    }

    #[test]
    fn document_numbers() {
        assert_eq!(
            document_number_in("铜府发〔2022〕3号").as_deref(),
            Some("铜府发〔2022〕3号")
        );
        assert_eq!(document_number_in("第3号"), None);
    }
}

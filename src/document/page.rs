//! Page chrome as a reader tells it apart from a report: breadcrumbs, metadata rows and tables,
//! buttons, site clocks, banners of document-sharing sites. Shared by the chrome marking and the
//! metadata reader.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::is_han;

/// Labels of a page's metadata block (after letter-spacing is collapsed: 发 布 日 期 → 发布日期).
const LABELS: &[&str] = &[
    "索引号",
    "主题分类",
    "发布机构",
    "发文机关",
    "发文单位",
    "公文生成日期",
    "生成日期",
    "成文日期",
    "成文时间",
    "发布日期",
    "发布时间",
    "发文日期",
    "发文时间",
    "公开日期",
    "信息提供日期",
    "更新时间",
    "时间",
    "日期",
    "来源",
    "信息来源",
    "作者",
    "备注/文号",
    "文号",
    "发文字号",
    "标题",
    "名称",
    "内容概述",
    "公开方式",
    "公开范围",
    "公开形式",
    "公开时限",
    "公开类别",
    "有效性",
    "效力状态",
    "体裁分类",
    "组配分类",
    "关键词",
    "主题词",
    "分类",
    "责任部门",
    "责任科室",
    "文件编号",
    "废止日期",
    "生效时间",
    "终止时间",
    "是否有效",
    "浏览次数",
    "点击数",
    "点击次数",
    "阅读量",
    "访问量",
    "字号",
    "字体",
    "发布者",
    "责任编辑",
    "人气",
    "主题",
];

pub(super) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a valid pattern")
}

pub(super) static LABEL_RE: LazyLock<String> = LazyLock::new(|| {
    let mut labels: Vec<&str> = LABELS.to_vec();
    labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
    labels
        .iter()
        .map(|l| regex::escape(l))
        .collect::<Vec<_>>()
        .join("|")
});
static BUTTONS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:\s*(?:打印(?:本页)?|分享到?|关闭(?:窗口)?|字号|字体|大 ?中 ?小|收藏(?:本站)?|保存|听全文|朋友圈|微信(?:好友)?|微博|无障碍\S*|长者模式|关怀版|简体|繁体|登录|注册|设为首页|网站地图|视力保护色|站群导航|一网搜|English|热门搜索|点击右上角微信好友|请使用浏览器分享功能进行分享|适老化|【|】|\[|\])\s*[|丨:]?\s*)+$",
    )
});
static CHROME_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"www\.|\.gov\.cn|更换或升级浏览器|当前浏览器版本过低|极速模式|扫一扫|版权所有|ICP备|网站标识码|公网安备|Copyright|技术支持|欢迎您|欢迎登录|本网站支持|中文域名|相关词条|热门词条|联系我们|\.(?:png|jpe?g|gif)$|^logo$|clip_image|邮件系统|用户名:|密码:|[仅只]展示\d+字|原创力文档|道客巴巴|豆丁网",
    )
});
static POSITION: LazyLock<Regex> =
    LazyLock::new(|| re(r"^您?(?:当前|现在)?(?:所在)?的?位置(?:是)?\s*:?"));
static HOME_PATH: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^|\s)(?:网站)?首页\s*(?:>|»|》|-|\s)"));
pub(super) static DATE: LazyLock<Regex> =
    LazyLock::new(|| re(r"((?:19|20)\d\d)\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?"));
/// What a line of the page is, as a reader tells it apart from the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Blank,
    Table,
    Breadcrumb,
    Buttons,
    Menu,
    Chrome,
    Clock,
    Meta,
    DateLine,
}

/// `索 引 号` → `索引号`, `名    称` → `名称`: a run of single Chinese characters separated by spaces
/// becomes one word; other spaces stay.
pub(super) fn collapse_letter_spacing(s: &str) -> String {
    // Without a Chinese character before a space there is nothing to collapse (most lines of
    // running text, indented or not).
    let mut previous_han = false;
    if !s.chars().any(|c| {
        let gap = previous_han && c == ' ';
        previous_han = is_han(c);
        gap
    }) {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let han = |i: usize| chars.get(i).copied().is_some_and(is_han);
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if han(i) && (i == 0 || !han(i - 1)) && !han(i + 1) {
            // A single character: how far does a run of them go?
            let mut end = i + 1;
            let mut run = vec![i];
            loop {
                let mut j = end;
                while chars.get(j) == Some(&' ') {
                    j += 1;
                }
                if j > end && han(j) && !han(j + 1) {
                    run.push(j);
                    end = j + 1;
                } else {
                    break;
                }
            }
            if run.len() >= 2 {
                out.extend(run.iter().map(|&k| chars[k]));
                i = end;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

pub(super) fn strip_cell(s: &str) -> &str {
    s.trim()
        .trim_matches(['•', '·', '●', '■', '-', '*', '|'])
        .trim()
}

pub(super) fn classify(collapsed: &str) -> Option<Class> {
    let s = collapsed.trim();
    let c = strip_cell(s);
    if s.contains('|') && s.chars().all(|ch| matches!(ch, '|' | '-' | ':' | ' ')) {
        return Some(Class::Table);
    }
    if c.is_empty() {
        return Some(Class::Blank);
    }
    let head: String = c.chars().take(8).collect();
    if POSITION.is_match(c) && head.contains("位置") {
        return Some(Class::Breadcrumb);
    }
    let separators = c.matches(['>', '»']).count()
        + if c.contains('《') {
            0
        } else {
            c.matches('》').count()
        };
    if HOME_PATH.is_match(c) || (separators >= 2 && !c.contains(['。', ',', ';'])) {
        return Some(Class::Breadcrumb);
    }
    if BUTTONS.is_match(c) {
        return Some(Class::Buttons);
    }
    // The cheap tests first: most lines are sentences, and the patterns below need not read them.
    let sentence = c.contains(['。', ',', ';']);
    if !sentence && !c.contains("报告") && !c.contains("总结") {
        let items: Vec<&str> = c
            .split([' ', '|', '丨'])
            .filter(|x| !x.is_empty())
            .collect();
        if items.len() >= 3
            && items.iter().filter(|x| x.chars().count() <= 8).count() * 4 >= items.len() * 3
        {
            return Some(Class::Menu);
        }
    }
    if CHROME_WORDS.is_match(c) {
        return Some(Class::Chrome);
    }
    if c.contains("星期") && DATE.is_match(c) && c.chars().count() < 40 {
        return Some(Class::Clock);
    }
    let label_start = re_label_start().is_match(c);
    if label_start
        || (s.starts_with('|') && s.matches('|').count() >= 2 && re_label_any().is_match(s))
    {
        return Some(Class::Meta);
    }
    if !c.contains('。') && c.chars().count() < 120 && re_label_colon().is_match(c) {
        return Some(Class::Meta);
    }
    if !c.contains(['。', ','])
        && let Some(m) = DATE.find(c)
    {
        let rest = c.chars().count() - m.as_str().chars().count();
        if rest <= 30 {
            return Some(Class::DateLine);
        }
    }
    None
}

/// Whether a line is page chrome of a kind the metadata reader knows: a breadcrumb (您当前的位置,
/// 首页 > …), a metadata row or table (`| [ 发布日期 ] | … |`, `发 布 机 构：`), share and print
/// buttons, a site clock, a document-sharing site's banner (仅展示500字). A long line of running
/// text is never chrome as a whole.
pub(super) fn is_page_chrome(line: &str) -> bool {
    if line.chars().count() > 200 || line.matches('。').count() >= 2 {
        return false;
    }
    matches!(
        classify(&collapse_letter_spacing(line)),
        Some(
            Class::Table
                | Class::Breadcrumb
                | Class::Buttons
                | Class::Menu
                | Class::Chrome
                | Class::Clock
                | Class::Meta
        )
    )
}

pub(super) fn re_label_start() -> &'static Regex {
    static R: LazyLock<Regex> =
        LazyLock::new(|| re(&format!(r"^\[?\s*(?:{})\s*\]?\s*(?::|\||$|\s)", *LABEL_RE)));
    &R
}

pub(super) fn re_label_any() -> &'static Regex {
    static R: LazyLock<Regex> = LazyLock::new(|| re(&format!("(?:{})", *LABEL_RE)));
    &R
}

pub(super) fn re_label_colon() -> &'static Regex {
    static R: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?:{})\s*:", *LABEL_RE)));
    &R
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_spacing_collapses() {
        assert_eq!(collapse_letter_spacing("索 引 号: 123"), "索引号: 123");
        assert_eq!(collapse_letter_spacing("名    称:某镇"), "名称:某镇");
        assert_eq!(collapse_letter_spacing("法治 政府"), "法治 政府");
    }

    #[test]
    fn chrome_of_every_kind() {
        for line in [
            "您当前的位置:首页 > 政务公开 > 工作报告",
            "当前位置: 首页 » 法治政府",
            "首页 >> 专题专栏 >> 法治建设",
            "| [ 主题分类 ] | 其他 | [ 发布日期 ] | 2025-01-20 |",
            "[ 发布日期 ] 2025-01-20",
            "发 布 机 构: 某镇人民政府",
            "打印 分享 关闭",
            "2024年12月3日星期二",
            "仅展示500字，下载后查看全文",
            "|---|---|",
        ] {
            assert!(is_page_chrome(line), "{line}");
        }
        for line in [
            "2024年,我镇认真贯彻落实上级部署,扎实推进法治政府建设。",
            "一、主要工作",
            "某镇2024年法治政府建设工作报告",
        ] {
            assert!(!is_page_chrome(line), "{line}");
        }
    }
}

//! Reading reports by their form: Word .docx built here with the zip crate, the seed report wrapped in
//! a saved web page (UTF-8 and GBK), and the forms that are refused.

mod common;

use std::io::{Cursor, Write};
use std::path::PathBuf;

use common::{AREAS, checker};
use fazhi_check::document::Numbering;
use fazhi_check::read::extract::MAX_DOCX_PART_BYTES;
use fazhi_check::read::normalize::fold_str;
use fazhi_check::rules::Chrome;
use fazhi_check::{Document, Error, InputFormat, Report, Status, extract};
use proptest::prelude::*;
use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

// ---------------------------------------------------------------------------------------------------
// Building .docx files

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// A ZIP archive of the given parts, deflated.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, data) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A .docx whose body is `body` (WordprocessingML), with optional styles and numbering parts.
fn docx(body: &str, styles: Option<&str>, numbering: Option<&str>) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let styles = styles.map(|s| format!(r#"<?xml version="1.0"?><w:styles {W}>{s}</w:styles>"#));
    let numbering =
        numbering.map(|n| format!(r#"<?xml version="1.0"?><w:numbering {W}>{n}</w:numbering>"#));
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ];
    if let Some(s) = &styles {
        parts.push(("word/styles.xml", s.as_bytes()));
    }
    if let Some(n) = &numbering {
        parts.push(("word/numbering.xml", n.as_bytes()));
    }
    zip_of(&parts)
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A paragraph, with a style when `style` is not empty.
fn para(style: &str, text: &str) -> String {
    let props = if style.is_empty() {
        String::new()
    } else {
        format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#)
    };
    format!(
        r#"<w:p>{props}<w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        xml_escape(text)
    )
}

fn cell(text: &str) -> String {
    format!("<w:tc><w:tcPr/>{}</w:tc>", para("", text))
}

fn parse(text: &str) -> Document {
    Document::parse(&fold_str(text), &Chrome::default())
}

fn headings(doc: &Document) -> Vec<(String, u8, Numbering)> {
    doc.headings
        .iter()
        .map(|h| (h.text.clone(), h.level, h.numbering))
        .collect()
}

// ---------------------------------------------------------------------------------------------------
// .docx

#[test]
fn docx_paragraphs_tables_and_styled_headings() {
    let body = [
        para("Title", "某镇2023年法治政府建设工作报告"),
        para(
            "",
            "2023年，我镇深入学习贯彻习近平法治思想，现将有关情况报告如下：",
        ),
        para("Heading1", "加强组织领导"),
        para(
            "",
            "镇党委书记履行推进法治建设第一责任人职责，成立法治政府建设领导小组。",
        ),
        para("Heading2", "健全工作机制"),
        para("", "召开专题会议研究部署法治政府建设工作。"),
        format!(
            "<w:tbl><w:tblPr/><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell("项目"),
            cell("数量"),
            cell("行政执法案件"),
            cell("26件")
        ),
        para("Heading1", "存在的问题"),
        para("", "普法形式比较单一。"),
    ]
    .concat();
    let bytes = docx(&body, None, None);
    let extracted = extract(&bytes, Some("报告.docx")).unwrap();
    assert_eq!(extracted.format, InputFormat::Docx);
    assert_eq!(extracted.encoding, None);
    assert_eq!(
        extracted.text.lines().collect::<Vec<_>>(),
        [
            "某镇2023年法治政府建设工作报告",
            "2023年，我镇深入学习贯彻习近平法治思想，现将有关情况报告如下：",
            "一、加强组织领导",
            "镇党委书记履行推进法治建设第一责任人职责，成立法治政府建设领导小组。",
            "（一）健全工作机制",
            "召开专题会议研究部署法治政府建设工作。",
            "项目",
            "数量",
            "行政执法案件",
            "26件",
            "二、存在的问题",
            "普法形式比较单一。",
        ]
    );
    let doc = parse(&extracted.text);
    assert_eq!(doc.title.as_deref(), Some("某镇2023年法治政府建设工作报告"));
    // (A short table cell followed by a longer one may pass for an unnumbered heading: that is the
    // parser's reading of short lines, not the extraction's.)
    let numbered: Vec<_> = headings(&doc)
        .into_iter()
        .filter(|(_, _, n)| *n != Numbering::Unnumbered)
        .collect();
    assert_eq!(
        numbered,
        [
            ("加强组织领导".to_string(), 1, Numbering::ChineseComma),
            ("健全工作机制".to_string(), 2, Numbering::ChineseParen),
            ("存在的问题".to_string(), 1, Numbering::ChineseComma),
        ],
        "{:#?}",
        doc.headings
    );
}

#[test]
fn docx_heading_styles_by_name_and_numbering_from_numbering_xml() {
    // Chinese Word: styles "1" and "2" are named "heading 1" and "heading 2"; "a" is Normal.
    let styles = r#"<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/></w:style>
        <w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/></w:style>
        <w:style w:type="paragraph" w:styleId="BiaoTi3"><w:name w:val="标题 3"/></w:style>"#;
    let numbering = r#"<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF06C;"/></w:lvl></w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#;
    let listed = |num: u32, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="a"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let body = [
        para("a", "关于2022年度法治政府建设情况的报告"),
        para("1", "加强组织领导"),
        para("2", "压实责任"),
        para("BiaoTi3", "细化分工"),
        listed(1, "深化普法宣传"),
        listed(1, "规范执法行为"),
        listed(2, "一项要点"),
        para("2", "（二）已编号的标题"),
        para("1", "下一步工作安排"),
    ]
    .concat();
    let text = extract(&docx(&body, Some(styles), Some(numbering)), None)
        .unwrap()
        .text;
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        [
            "关于2022年度法治政府建设情况的报告",
            "一、加强组织领导",
            "（一）压实责任",
            "1.细化分工",
            "1.深化普法宣传",
            "2.规范执法行为",
            "一项要点",
            "（二）已编号的标题",
            "二、下一步工作安排",
        ]
    );
    let doc = parse(&text);
    let found = headings(&doc);
    for expected in [
        ("加强组织领导", 1, Numbering::ChineseComma),
        ("压实责任", 2, Numbering::ChineseParen),
        ("细化分工", 3, Numbering::Arabic),
        ("已编号的标题", 2, Numbering::ChineseParen),
        ("下一步工作安排", 1, Numbering::ChineseComma),
    ] {
        assert!(
            found
                .iter()
                .any(|(t, l, n)| (t.as_str(), *l, *n) == expected),
            "{expected:?} not in {found:#?}"
        );
    }
}

#[test]
fn seed_as_docx_gives_the_texts_verdicts() {
    let Some(seed) = seed() else { return };
    // Each line a paragraph; the 一、 headings styled Heading1 (their number is in the text already).
    let body: String = seed
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let style = if fold_str(l.trim()).starts_with(|c| "一二三四五".contains(c))
                && l.contains('、')
            {
                "Heading1"
            } else {
                ""
            };
            para(style, l)
        })
        .collect();
    let bytes = docx(&body, None, None);
    let from_docx = checker()
        .check_file_bytes(&bytes, Some("seed.docx"))
        .unwrap();
    let from_text = checker().check_str(&seed);
    assert_eq!(from_docx.format, Some(InputFormat::Docx));
    assert_eq!(from_docx.encoding, None);
    assert_eq!(statuses(&from_docx), statuses(&from_text));
    assert_eq!(from_docx.score, from_text.score);
    assert_eq!(from_docx.metadata.title, from_text.metadata.title);
}

// ---------------------------------------------------------------------------------------------------
// HTML: the seed report as a saved web page

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: {} is absent", dir.display());
        None
    }
}

fn seed() -> Option<String> {
    let dir = corpus()?;
    Some(
        std::fs::read_to_string(dir.join("seed-shuangshan-2021.txt"))
            .expect("the seed is readable"),
    )
}

fn statuses(report: &Report) -> Vec<(String, Status)> {
    report
        .areas
        .iter()
        .map(|a| (a.id.clone(), a.status))
        .collect()
}

const TITLE: &str = "重庆市铜梁区双山镇人民政府2021年法治政府建设工作报告";

/// The seed's report (title to the line before its footer) in a page such as a government site
/// serves: head with script and style, a nav menu, a menu of plain list items, a breadcrumb, the
/// metadata table, the report in <p>, and a footer.
fn seed_page(seed: &str, charset: &str) -> String {
    let lines: Vec<&str> = seed.lines().map(str::trim).collect();
    let title = lines
        .iter()
        .position(|l| *l == TITLE)
        .expect("the seed has its title");
    let footer = lines
        .iter()
        .position(|l| l.contains("扫一扫在手机打开当前页"))
        .expect("the seed has its footer");
    let body: String = lines[title + 1..footer]
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let tag = if l.starts_with(|c| "一二三四".contains(c)) && l.contains('、') {
                "h2"
            } else {
                "p"
            };
            format!(
                "<{tag} style=\"text-indent:2em\">{}</{tag}>\n",
                xml_escape(l)
            )
        })
        .collect();
    format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<title>{TITLE}_重庆市铜梁区人民政府</title>
<script type="text/javascript">var menu = ["政务服务", "行政审批", "信息公开"]; document.write("<p>行政审批</p>");</script>
<style>.nav li {{ float: left; }} p {{ line-height: 2; }}</style>
</head>
<body>
<div class="header">
  <nav class="nav"><ul>
    <li><a href="/">首页</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/xzsp/">行政审批</a></li>
    <li><a href="/xxgk/">信息公开</a></li><li><a href="/fzzf/">法治政府</a></li><li><a href="/hdjl/">互动交流</a></li>
  </ul></nav>
  <div class="menu"><ul><li>政务服务</li><li>行政审批</li><li>信息公开</li><li>调解仲裁</li></ul></div>
  <form action="/search"><input type="text" name="q" value="普法宣传"><button>搜索</button></form>
</div>
<div class="crumb">您当前的位置：<a href="/">首页</a> &gt; <a href="/xxgk/">法定主动公开内容</a> &gt; <a>其他法定信息</a> &gt; 法治政府建设年度报告</div>
<table class="xxgk-meta" border="1">
  <tr><td class="label">索引号</td><td>11500224691216248X/2022-00002</td><td class="label">主题分类</td><td>其他</td></tr>
  <tr><td class="label">发布机构</td><td>铜梁区双山镇</td><td class="label">成文日期</td><td>2022-03-11</td></tr>
  <tr><td class="label">发布日期</td><td>2022-03-11</td></tr>
</table>
<div class="article">
<h1 class="title">{TITLE}</h1>
{body}</div>
<div class="footer">
  <div class="qr"><img src="qr.png" alt="二维码"><p>扫一扫在手机打开当前页</p></div>
  <p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a>政策解读</a></p>
  <p>主办：重庆市铜梁区人民政府办公室</p>
</div>
<noscript>您的浏览器不支持脚本</noscript>
</body>
</html>
"#
    )
}

fn assert_page_verdicts(page: &[u8], encoding: &str) {
    let Some(seed) = seed() else { return };
    let from_text = checker().check_str(&seed);
    let from_page = checker().check_file_bytes(page, Some("seed.html")).unwrap();
    assert_eq!(from_page.format, Some(InputFormat::Html));
    assert_eq!(from_page.encoding.as_deref(), Some(encoding));
    assert_eq!(statuses(&from_page), statuses(&from_text));
    let present: Vec<&str> = from_page
        .areas
        .iter()
        .filter(|a| a.status == Status::Present)
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(present, AREAS);
    assert_eq!(from_page.metadata.title.as_deref(), Some(TITLE));
    assert_eq!(from_page.metadata.year, Some(2021));

    // The chrome gives no evidence: every piece lies between the title and the footer.
    let text = extract(page, Some("seed.html")).unwrap().text;
    let lines: Vec<&str> = text.lines().collect();
    let title_line = lines.iter().position(|l| *l == TITLE).unwrap() + 1;
    let footer_line = lines
        .iter()
        .position(|l| l.contains("扫一扫在手机打开当前页"))
        .unwrap()
        + 1;
    for area in &from_page.areas {
        for e in &area.evidence {
            assert!(
                e.line > title_line && e.line < footer_line,
                "{} {}:{} {} in {:?}",
                area.id,
                e.line,
                e.column,
                e.term,
                lines[e.line - 1]
            );
        }
    }
    // What the page leaves out, and what it keeps as lines the parser knows as chrome.
    for absent in [
        "var menu",
        "line-height",
        "互动交流",
        "搜索",
        "_重庆市铜梁区人民政府",
        "不支持脚本",
    ] {
        assert!(!text.contains(absent), "{absent} in\n{text}");
    }
    for kept in [
        "索引号：11500224691216248X/2022-00002",
        "主题分类：其他",
        "发布机构：铜梁区双山镇",
        "发布日期：2022-03-11",
    ] {
        assert!(lines.contains(&kept), "{kept} not a line of\n{text}");
    }
}

#[test]
fn seed_as_a_web_page_gives_the_texts_verdicts() {
    let Some(seed) = seed() else { return };
    assert_page_verdicts(seed_page(&seed, "utf-8").as_bytes(), "UTF-8");
}

#[test]
fn seed_as_a_gbk_web_page_gives_the_same_verdicts() {
    let Some(seed) = seed() else { return };
    let page = seed_page(&seed, "gbk");
    // Characters GBK lacks are written as numeric character references, as a browser saving the
    // page would; the HTML parser reads them back.
    let (gbk, _, _) = encoding_rs::GBK.encode(&page);
    assert!(std::str::from_utf8(&gbk).is_err(), "the page is really GBK");
    assert_page_verdicts(&gbk, "GB18030");
    // The same bytes declared as gb2312 in the old http-equiv form.
    let page = page.replace(
        r#"<meta charset="gbk">"#,
        r#"<meta http-equiv="Content-Type" content="text/html; charset=gb2312">"#,
    );
    let (gbk, _, _) = encoding_rs::GBK.encode(&page);
    assert_page_verdicts(&gbk, "GB18030");
}

#[test]
fn a_gbk_declaration_reads_what_detection_alone_would_refuse() {
    // Symbols without Chinese text do not read as Chinese to detection; the page says what it is.
    let page = "<html><head><meta charset=\"GB2312\"></head><body><p>№１☆ ■ § ◆</p></body></html>";
    let (gbk, _, _) = encoding_rs::GBK.encode(page);
    assert!(fazhi_check::decode(&gbk).is_err());
    let e = extract(&gbk, None).unwrap();
    assert_eq!(
        (e.text.as_str(), e.format, e.encoding),
        ("№１☆ ■ § ◆", InputFormat::Html, Some("GB18030"))
    );
}

// ---------------------------------------------------------------------------------------------------
// Forms that are refused

fn refusal(bytes: &[u8], name: Option<&str>) -> String {
    match extract(bytes, name) {
        Err(Error::NotText { reason }) => reason,
        other => panic!("expected NotText, got {other:?}"),
    }
}

#[test]
fn damaged_word_and_pdf_and_images_are_refused_with_what_to_do() {
    let doc = refusal(
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0",
        Some("报告.doc"),
    );
    assert!(
        doc.contains("Word/WPS 文件已损坏") && doc.contains("另存为 .docx"),
        "{doc}"
    );
    let pdf = refusal(b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj", Some("报告.pdf"));
    assert!(pdf.contains("PDF 文件已损坏"), "{pdf}");
    let png = refusal(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Some("scan.png"));
    assert!(png.contains("PNG 图片"), "{png}");
}

#[test]
fn zips_that_are_not_docx_are_refused() {
    let archive = zip_of(&[("报告.txt", "一、加强组织领导".as_bytes())]);
    let reason = refusal(&archive, Some("reports.zip"));
    assert!(
        reason.contains("ZIP 压缩包") && reason.contains("word/document.xml"),
        "{reason}"
    );
    let xlsx = zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("xl/workbook.xml", b"<workbook/>"),
    ]);
    assert!(refusal(&xlsx, Some("a.docx")).contains("Excel"));
    let no_document = zip_of(&[("[Content_Types].xml", CONTENT_TYPES.as_bytes())]);
    assert!(refusal(&no_document, None).contains("没有 word/document.xml"));
    let empty = zip_of(&[]);
    assert!(refusal(&empty, None).contains("ZIP 压缩包"));
}

#[test]
fn damaged_docx_is_refused_not_panicked_on() {
    let bytes = docx(&para("", "一段正文。").repeat(200), None, None);
    for cut in [10, 100, bytes.len() / 2, bytes.len() - 30] {
        let reason = refusal(&bytes[..cut], Some("报告.docx"));
        assert!(reason.contains("损坏"), "{cut}: {reason}");
    }
    // Well-formed ZIP, malformed XML.
    let bad = zip_of(&[(
        "word/document.xml",
        format!("<w:document {W}><w:body><w:p><w:r><w:t>正文</w:r></w:p></w:body></w:document>")
            .as_bytes(),
    )]);
    let reason = refusal(&bad, None);
    assert!(reason.contains("不是格式正确的 XML"), "{reason}");
}

#[test]
fn docx_zip_bomb_is_refused() {
    // 51 MB of empty paragraphs deflate to about fifty kilobytes.
    let size = MAX_DOCX_PART_BYTES as usize + 1024 * 1024;
    let mut document = format!("<w:document {W}><w:body>").into_bytes();
    while document.len() < size {
        document.extend_from_slice(b"<w:p/><w:p/><w:p/><w:p/><w:p/><w:p/><w:p/><w:p/>");
    }
    document.extend_from_slice(b"</w:body></w:document>");
    let bomb = zip_of(&[("word/document.xml", &document)]);
    assert!(bomb.len() < 1024 * 1024, "{}", bomb.len());
    let reason = refusal(&bomb, Some("bomb.docx"));
    assert!(
        reason.contains("word/document.xml") && reason.contains("ZIP bomb"),
        "{reason}"
    );
    // The same archive claiming a small uncompressed size in its central directory: the limit holds
    // while reading, whatever the header says.
    let mut lying = bomb.clone();
    let central = lying
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .expect("a central directory entry");
    lying[central + 24..central + 28].copy_from_slice(&1000u32.to_le_bytes());
    let local = 0;
    lying[local + 22..local + 26].copy_from_slice(&1000u32.to_le_bytes());
    assert!(matches!(
        extract(&lying, Some("bomb.docx")),
        Err(Error::NotText { .. })
    ));
    // And the checker refuses it too.
    assert!(matches!(
        checker().check_file_bytes(&bomb, Some("bomb.docx")),
        Err(Error::NotText { .. })
    ));
}

#[test]
fn check_file_bytes_applies_the_size_limit() {
    let small = fazhi_check::Checker::builder()
        .max_input_bytes(16)
        .build(fazhi_check::RuleSet::builtin());
    assert!(matches!(
        small.check_file_bytes(&[b'a'; 17], Some("a.txt")),
        Err(Error::TooLarge {
            size: 17,
            limit: 16
        })
    ));
    let report = checker()
        .check_file_bytes("一、加强组织领导".as_bytes(), Some("a.md"))
        .unwrap();
    assert_eq!(report.format, Some(InputFormat::Markdown));
    assert_eq!(report.encoding.as_deref(), Some("UTF-8"));
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["format"], "markdown");
}

// ---------------------------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn extract_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = extract(&bytes, None);
        let _ = extract(&bytes, Some("a.html"));
    }

    #[test]
    fn extract_never_panics_behind_a_zip_header(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend_from_slice(&bytes);
        let _ = extract(&zip, Some("a.docx"));
        let mut empty = b"PK\x05\x06".to_vec();
        empty.extend_from_slice(&bytes);
        let _ = extract(&empty, None);
    }

    #[test]
    fn extract_never_panics_on_a_damaged_docx(
        at in 0usize..4096,
        byte in any::<u8>(),
        cut in 0usize..4096,
    ) {
        let mut bytes = docx(
            &[para("Heading1", "加强组织领导"), para("", "成立领导小组。")].concat(),
            Some(r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>"#),
            None,
        );
        let at = at % bytes.len();
        bytes[at] = byte;
        bytes.truncate(bytes.len() - cut % bytes.len());
        let _ = extract(&bytes, Some("a.docx"));
    }

    #[test]
    fn any_xml_in_a_docx_gives_text_or_an_error(xml in "(<[/]?w:(p|r|t|tab|br|tbl|tc|pPr|pStyle|numPr|ilvl|numId)[ /]*>|&(amp|lt|#x4E00|#0|bogus);|[法治a-z ]{0,4}){0,40}") {
        let bytes = zip_of(&[("word/document.xml", xml.as_bytes())]);
        match extract(&bytes, None) {
            Ok(e) => prop_assert_eq!(e.format, InputFormat::Docx),
            Err(Error::NotText { .. }) => {}
            Err(other) => prop_assert!(false, "unexpected error {other:?}"),
        }
    }

    #[test]
    fn any_markup_in_a_page_gives_text(body in "(<[/]?(p|div|td|tr|table|br|script|nav|li|pre|b)>|&(amp|nbsp|lt|#x4E00|bogus);|[法治a-z \n]{0,6}){0,60}") {
        let page = format!("<!DOCTYPE html><html><body>{body}</body></html>");
        let e = match extract(page.as_bytes(), None) {
            Ok(e) => e,
            // A page without text is refused, as no report to score.
            Err(Error::NotText { reason }) => {
                prop_assert!(reason.contains("网页文件中没有文字"), "{}", reason);
                return Ok(());
            }
            Err(other) => return Err(TestCaseError::fail(format!("{other:?}"))),
        };
        prop_assert_eq!(e.format, InputFormat::Html);
        prop_assert!(!e.text.contains('<') || body.contains("&lt;"));
        prop_assert!(e.text.lines().all(|l| !l.is_empty() && l.trim() == l));
    }
}

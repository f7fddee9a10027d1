//! The sample report in every form a town submits (tests/fixtures/forms, made by
//! scripts/make-input-fixtures.py from examples/sample): each is read with the same verdicts, title
//! and year as the plain text; a scan, an image and an empty file get error records naming what they
//! are; a folder of all of them with office junk gives one record a submission and none for the junk.

mod common;

use std::path::{Path, PathBuf};

use common::{check_binary, checker, manifest_dir};
use fazhi_check::{Error, InputFormat, Report, extract};

fn forms() -> PathBuf {
    manifest_dir().join("tests/fixtures/forms")
}

fn sample() -> PathBuf {
    manifest_dir().join("examples/sample/青石镇2023年法治政府建设工作报告.txt")
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn check(name: &str) -> Report {
    let path = forms().join(name);
    checker()
        .check_file_bytes(&read(&path), Some(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// What must be the same in every form: the verdict, the title, the year, each area's status.
type Verdicts = (bool, Option<String>, Option<i32>, Vec<(String, String)>);

fn verdicts(report: &Report) -> Verdicts {
    (
        report.passed,
        report.metadata.title.clone(),
        report.metadata.year,
        report
            .areas
            .iter()
            .map(|a| (a.id.clone(), format!("{:?}", a.status)))
            .collect(),
    )
}

#[test]
fn every_form_of_the_sample_reads_with_the_verdicts_of_its_text() {
    let text = checker()
        .check_file_bytes(&read(&sample()), Some("sample.txt"))
        .unwrap();
    let expected = verdicts(&text);
    assert!(expected.0, "the sample passes");
    assert_eq!(expected.2, Some(2023));
    for (name, format) in [
        ("report.docx", InputFormat::Docx),
        ("report.pdf", InputFormat::Pdf),
        ("report.doc", InputFormat::Doc),
        ("report.wps", InputFormat::Wps),
        ("report.odt", InputFormat::Odt),
        ("report.rtf", InputFormat::Rtf),
        ("report-gbk.rtf", InputFormat::Rtf),
        ("report.mht", InputFormat::Mht),
        ("report.ofd", InputFormat::Ofd),
    ] {
        let report = check(name);
        assert_eq!(report.format, Some(format), "{name}");
        assert_eq!(verdicts(&report), expected, "{name}");
    }
}

/// The sample's paragraphs, without their indent: what every form must give back line for line
/// (the .mht page also has the running header and footer LibreOffice writes into it).
fn sample_lines() -> Vec<String> {
    std::fs::read_to_string(sample())
        .unwrap()
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace()).to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn every_form_gives_back_the_paragraphs_of_the_text() {
    let lines = sample_lines();
    for name in [
        "report.docx",
        "report.pdf",
        "report.doc",
        "report.odt",
        "report.rtf",
        "report-gbk.rtf",
        "report.ofd",
    ] {
        let e = extract(&read(&forms().join(name)), Some(name)).unwrap();
        let got: Vec<&str> = e.text.lines().collect();
        assert_eq!(got, lines, "{name}");
    }
    let mht = extract(&read(&forms().join("report.mht")), Some("report.mht")).unwrap();
    assert_eq!(mht.encoding, Some("GB18030"));
    let got: Vec<&str> = mht.text.lines().collect();
    // LibreOffice writes the running header and the footer's page number into the page it saves.
    assert_eq!(got[0], "云溪县青石镇人民政府", "the running header");
    assert!(got[got.len() - 1].starts_with("- "), "the footer");
    assert_eq!(got[1..got.len() - 1], lines);
}

#[test]
fn pdf_pages_are_joined_without_headers_footers_or_page_numbers() {
    let e = extract(&read(&forms().join("report.pdf")), Some("report.pdf")).unwrap();
    // The running header is dropped on every page; the same words as the signature at the end stay.
    assert_eq!(
        e.text
            .lines()
            .filter(|l| *l == "云溪县青石镇人民政府")
            .count(),
        1,
        "{}",
        e.text
    );
    assert!(!e.text.lines().any(|l| l.starts_with("- ")), "{}", e.text);
    // Where each page starts, several pages, in order; a paragraph wrapped over a page break is one
    // line, its words on the pages they are on.
    assert_eq!(e.page_starts[0], (0, 1));
    assert!(
        e.page_starts
            .windows(2)
            .all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1)
    );
    assert!(e.page_starts.len() >= 3, "{:?}", e.page_starts);
    let page_of = |needle: &str| e.page_at(e.text.find(needle).unwrap()).unwrap();
    assert_eq!(page_of("云溪县青石镇人民政府2023年"), 1);
    assert!(page_of("三、2024年工作打算") >= page_of("二、存在的问题"));
    assert!(page_of("2024年2月28日") >= 3);
    // In this layout some page starts in the middle of a paragraph, joined back across the break.
    assert!(
        e.page_starts[1..]
            .iter()
            .any(|&(at, _)| !e.text[..at].ends_with('\n')),
        "{:?}",
        e.page_starts
    );
}

#[test]
fn a_scanned_pdf_is_named_a_scan() {
    let err = extract(&read(&forms().join("scan.pdf")), Some("scan.pdf")).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("扫描件，没有文字层，请提供可复制文字的版本"),
        "{message}"
    );
}

// ---------------------------------------------------------------------------------------------------
// A folder as an office receives it

fn json_records(out: &std::process::Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn a_folder_of_every_form_gives_a_record_a_submission_and_none_for_junk() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let submissions = [
        "report.docx",
        "report.pdf",
        "report.doc",
        "report.wps",
        "report.odt",
        "report.rtf",
        "report.mht",
        "report.ofd",
        "scan.pdf",
        "scan.png",
    ];
    for name in submissions {
        std::fs::copy(forms().join(name), root.join(name)).unwrap();
    }
    std::fs::write(root.join("空白.txt"), b"").unwrap();
    std::fs::write(root.join("说明.xyz"), "附件说明".as_bytes()).unwrap();
    std::fs::copy(sample(), root.join("网页.htm")).unwrap();
    // Office junk: lock files, thumbnails, folder settings, a saved page's folder.
    for junk in [
        "~$report.docx",
        "~$report.wps",
        ".~lock.report.odt#",
        "Thumbs.db",
        "desktop.ini",
        ".DS_Store",
    ] {
        std::fs::write(root.join(junk), b"\x00\x01junk").unwrap();
    }
    std::fs::create_dir(root.join("网页_files")).unwrap();
    std::fs::write(root.join("网页_files/image001.png"), b"\x89PNG\r\n\x1a\n").unwrap();

    let out = std::process::Command::new(check_binary())
        // One town's report in every form: a second submission of one body is a finding of its
        // own (duplicate_submission), not what this test is about; --no-copies leaves it out.
        .args(["--format", "json", "--no-copies"])
        .arg(root)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let records = json_records(&out);
    let mut files: Vec<String> = records
        .iter()
        .map(|r| {
            Path::new(r["file"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    let mut expected: Vec<String> = submissions
        .iter()
        .map(|s| s.to_string())
        .chain(["空白.txt", "说明.xyz", "网页.htm"].map(String::from))
        .collect();
    expected.sort();
    assert_eq!(files, expected);
    let error_of = |name: &str| {
        records
            .iter()
            .find(|r| r["file"].as_str().unwrap().ends_with(name))
            .and_then(|r| r["error"].as_str())
            .unwrap_or_else(|| panic!("no error record for {name}"))
            .to_string()
    };
    assert!(error_of("scan.pdf").contains("扫描件"));
    assert!(error_of("scan.png").contains("PNG 图片"));
    assert!(error_of("空白.txt").contains("空文件"));
    assert!(error_of("说明.xyz").contains("不是报告文件的格式（.xyz）"));
    for r in &records {
        let file = r["file"].as_str().unwrap();
        if file.contains("report") {
            assert_eq!(r["passed"], true, "{r}");
        }
    }
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("办公临时文件 7 个"), "{err}");
}

// ---------------------------------------------------------------------------------------------------
// Hostile files: cut short, encrypted, bombs, nested deep

fn refusal(bytes: &[u8], name: &str) -> String {
    match extract(bytes, Some(name)) {
        Err(Error::NotText { reason }) => reason,
        other => panic!("{name}: expected a refusal, got {other:?}"),
    }
}

#[test]
fn every_form_cut_short_gives_text_or_a_refusal() {
    for name in [
        "report.pdf",
        "report.doc",
        "report.odt",
        "report.rtf",
        "report.mht",
        "report.ofd",
        "scan.pdf",
    ] {
        let bytes = read(&forms().join(name));
        for cut in [
            1,
            8,
            64,
            512,
            bytes.len() / 3,
            bytes.len() / 2,
            bytes.len() - 7,
        ] {
            match extract(&bytes[..cut.min(bytes.len())], Some(name)) {
                Ok(_) | Err(Error::NotText { .. }) => {}
                Err(other) => panic!("{name} cut at {cut}: {other:?}"),
            }
        }
        // A byte flipped every kilobyte.
        let mut flipped = bytes.clone();
        for i in (100..flipped.len()).step_by(1024) {
            flipped[i] ^= 0x5A;
        }
        match extract(&flipped, Some(name)) {
            Ok(_) | Err(Error::NotText { .. }) => {}
            Err(other) => panic!("{name} flipped: {other:?}"),
        }
    }
}

#[test]
fn an_encrypted_word_file_is_refused_as_encrypted() {
    let mut doc = read(&forms().join("report.doc"));
    // The WordDocument stream's FIB, at the start of a sector: the identifier 0xA5EC, then
    // fEncrypted at bit 8 of the flags at byte 10.
    let fib = (0..doc.len() - 2)
        .step_by(512)
        .find(|&i| doc[i..i + 2] == [0xEC, 0xA5])
        .unwrap();
    doc[fib + 11] |= 0x01;
    let reason = refusal(&doc, "report.doc");
    assert!(reason.contains("加密"), "{reason}");
}

/// A PDF of the given objects (numbered from 1, the first the catalog) with its cross-reference
/// table and trailer, `trailer_extra` added to the trailer dictionary.
fn pdf(objects: &[Vec<u8>], trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer_extra} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn page_objects(content: Vec<u8>) -> Vec<Vec<u8>> {
    let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
    stream.extend_from_slice(&content);
    stream.extend_from_slice(b"\nendstream");
    vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
        stream,
    ]
}

#[test]
fn an_encrypted_pdf_is_refused_as_encrypted() {
    let mut objects = page_objects(b"BT ET".to_vec());
    objects.push(
        format!(
            "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <{}> /U <{}> >>",
            "11".repeat(32),
            "22".repeat(32)
        )
        .into_bytes(),
    );
    let bytes = pdf(
        &objects,
        "/Encrypt 5 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]",
    );
    let reason = refusal(&bytes, "secret.pdf");
    assert!(
        reason.contains("加密") || reason.contains("损坏"),
        "{reason}"
    );
}

#[test]
fn a_pdf_bomb_is_refused() {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..(fazhi_check::read::extract::MAX_PDF_STREAM_BYTES >> 20) + 2 {
        z.write_all(&zeros).unwrap();
    }
    let packed = z.finish().unwrap();
    assert!(packed.len() < 1 << 20, "{}", packed.len());
    let mut objects = page_objects(b"BT ET".to_vec());
    let mut bomb = format!(
        "<< /Length {} /Filter /FlateDecode >>\nstream\n",
        packed.len()
    )
    .into_bytes();
    bomb.extend_from_slice(&packed);
    bomb.extend_from_slice(b"\nendstream");
    objects[3] = bomb;
    let reason = refusal(&pdf(&objects, ""), "bomb.pdf");
    assert!(reason.contains("压缩炸弹"), "{reason}");
}

#[test]
fn an_odt_bomb_and_deep_nesting_are_refused_or_read() {
    use std::io::{Cursor, Write};
    use zip::write::{SimpleFileOptions, ZipWriter};
    let odt = |content: &[u8]| {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("mimetype", options).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.text")
            .unwrap();
        zip.start_file("content.xml", options).unwrap();
        zip.write_all(content).unwrap();
        zip.finish().unwrap().into_inner()
    };
    let size = fazhi_check::read::extract::MAX_DOCX_PART_BYTES as usize + 1024;
    let mut big = b"<office:document-content><office:body><office:text>".to_vec();
    big.resize(size, b' ');
    let reason = refusal(&odt(&big), "bomb.odt");
    assert!(reason.contains("压缩炸弹"), "{reason}");
    // Elements nested a hundred thousand deep: read as a stream, without recursion.
    let deep = format!(
        "<office:document-content><office:body><office:text><text:p>{}法治{}</text:p></office:text></office:body></office:document-content>",
        "<text:span>".repeat(100_000),
        "</text:span>".repeat(100_000)
    );
    let e = extract(&odt(deep.as_bytes()), Some("deep.odt")).unwrap();
    assert_eq!(e.text, "法治");
}

#[test]
fn rtf_nested_too_deep_is_refused() {
    let mut rtf = b"{\\rtf1\\ansi ".to_vec();
    rtf.extend(std::iter::repeat_n(b'{', 100_000));
    let reason = refusal(&rtf, "deep.rtf");
    assert!(reason.contains("嵌套"), "{reason}");
}

#[test]
fn pdf_and_ofd_evidence_says_its_page() {
    for name in ["report.pdf", "report.ofd"] {
        let report = check(name);
        let pages: Vec<usize> = report
            .areas
            .iter()
            .flat_map(|a| &a.evidence)
            .map(|e| {
                e.page
                    .unwrap_or_else(|| panic!("{name}: evidence without a page"))
            })
            .collect();
        assert!(
            pages.contains(&1) && pages.iter().any(|&p| p >= 3),
            "{name}: {pages:?}"
        );
        // The disposal figures are in section (六), past the first page.
        let enforcement = report.area("enforcement").unwrap();
        assert!(
            enforcement.evidence.iter().all(|e| e.page > Some(1)),
            "{name}"
        );
        let json = serde_json::to_value(&report).unwrap();
        assert!(json["areas"][0]["evidence"][0]["page"].is_u64(), "{name}");
    }
    // Other forms have no pages: the key is left out.
    let json = serde_json::to_value(check("report.docx")).unwrap();
    assert!(json["areas"][0]["evidence"][0].get("page").is_none());
}

// ---------------------------------------------------------------------------------------------------
// Properties: no input panics

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_bytes_behind_a_forms_header_give_text_or_a_refusal(
        form in 0usize..5,
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let (head, name): (&[u8], &str) = [
            (&b"%PDF-1.4\n"[..], "x.pdf"),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "x.doc"),
            (b"{\\rtf1\\ansi\\ansicpg936 ", "x.rtf"),
            (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\n", "x.mht"),
            (b"PK\x03\x04", "x.odt"),
        ][form];
        let mut input = head.to_vec();
        input.extend_from_slice(&bytes);
        match extract(&input, Some(name)) {
            Ok(_) | Err(Error::NotText { .. }) => {}
            Err(other) => prop_assert!(false, "{other:?}"),
        }
    }

    #[test]
    fn a_damaged_fixture_gives_text_or_a_refusal(
        form in 0usize..6,
        at in any::<usize>(),
        byte in any::<u8>(),
        cut in any::<usize>(),
    ) {
        let name = ["report.pdf", "report.doc", "report.odt", "report.rtf", "report.mht", "report.ofd"][form];
        let mut bytes = read(&forms().join(name));
        let len = bytes.len();
        bytes[at % len] = byte;
        bytes.truncate(len - cut % (len / 4));
        match extract(&bytes, Some(name)) {
            Ok(_) | Err(Error::NotText { .. }) => {}
            Err(other) => prop_assert!(false, "{name}: {other:?}"),
        }
    }
}

#[test]
fn table_cells_are_lines_in_every_form() {
    // A paragraph, a table of four rows (the last with a cell of two paragraphs spanning two
    // columns) and a paragraph, as LibreOffice exports them.
    let want = [
        "表1 主要数据对比",
        "事项",
        "2022年",
        "2023年",
        "行政处罚案件",
        "29件",
        "36件",
        "调解成功率",
        "95.1%",
        "96.6%",
        "备注",
        "数据来源：镇司法所",
        "截至12月31日",
        "以上数据经核实。",
    ];
    for name in ["table.doc", "table.odt", "table.rtf", "table.docx"] {
        let e = extract(&read(&forms().join(name)), Some(name)).unwrap();
        let got: Vec<&str> = e.text.lines().collect();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn an_mht_part_without_a_charset_is_read_in_the_pages_own() {
    let mht = read(&forms().join("report.mht"));
    let with = extract(&mht, Some("report.mht")).unwrap();
    let header = b"Content-Type: text/html; charset=\"gb2312\"";
    let at = mht.windows(header.len()).position(|w| w == header).unwrap();
    let mut bare = mht[..at].to_vec();
    bare.extend_from_slice(b"Content-Type: text/html");
    bare.extend_from_slice(&mht[at + header.len()..]);
    let without = extract(&bare, Some("report.mht")).unwrap();
    assert_eq!(without.text, with.text);
    assert_eq!(without.encoding, Some("GB18030"));
}

//! Metadata as a reader sees it, on the real report pages of `../shared/corpus/openings/` (their
//! `metadata.tsv`), and the same verdicts for a report re-wrapped onto one line or served in
//! traditional characters. Each test skips (passes with a note) when that folder is absent.

mod common;

use std::path::{Path, PathBuf};

use common::{AREAS, checker, corpus, status};
use fazhi_check::read::normalize::fold_str;

const FIELDS: [&str; 5] = [
    "title",
    "organization",
    "year",
    "published",
    "document_number",
];

/// Every opening with its labelled row: (file as `region/NN.txt`, path, cells by field).
fn openings(dir: &Path) -> Vec<(String, PathBuf, Vec<String>)> {
    let mut out = Vec::new();
    for region in ["east", "north", "southwest"] {
        let folder = dir.join("openings").join(region);
        let Ok(table) = std::fs::read_to_string(folder.join("metadata.tsv")) else {
            continue;
        };
        let mut rows = table.lines();
        let header: Vec<&str> = rows.next().unwrap_or_default().split('\t').collect();
        assert_eq!(&header[1..], FIELDS, "{region}/metadata.tsv header");
        for row in rows.filter(|r| !r.trim().is_empty()) {
            let cells: Vec<&str> = row.split('\t').collect();
            let values = (1..=FIELDS.len())
                .map(|i| cells.get(i).copied().unwrap_or("").trim().to_string())
                .collect();
            out.push((
                format!("{region}/{}", cells[0]),
                folder.join(cells[0]),
                values,
            ));
        }
    }
    out
}

/// Folded (traditional read as simplified, pinyin dropped, full-width forms) without whitespace.
fn key(s: &str) -> String {
    fold_str(s).split_whitespace().collect()
}

/// Rows of `tests/labels/disputed.tsv`: (file, field).
fn disputed() -> Vec<(String, String)> {
    let path = common::manifest_dir().join("tests/labels/disputed.tsv");
    let Ok(table) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    table
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut cells = l.split('\t');
            Some((cells.next()?.to_string(), cells.next()?.to_string()))
        })
        .collect()
}

#[test]
fn metadata_agrees_with_what_a_reader_sees() {
    let Some(dir) = corpus() else { return };
    let disputed = disputed();
    let mut seen = [0usize; 5];
    let mut agree = [0usize; 5];
    let mut false_values = [0usize; 5];
    let mut disagreements = Vec::new();
    let mut names_body_and_year = 0;
    let mut title_findings = Vec::new();
    for (file, path, expected) in openings(&dir) {
        let text = std::fs::read_to_string(&path).expect("an opening is readable");
        let report = checker().check_str(&text);
        // The year the verdicts use (the document's) is the one the report shows.
        let doc = fazhi_check::Document::parse(&fold_str(&text), &checker().rules().chrome);
        assert_eq!(doc.year, report.metadata.year, "{file}");
        // No `title` finding where the title a reader sees names the body and the year.
        let (title, organization, year) = (&expected[0], &expected[1], &expected[2]);
        if !title.is_empty()
            && !organization.is_empty()
            && key(title).contains(&key(organization))
            && !year.is_empty()
            && title.contains(year.as_str())
        {
            names_body_and_year += 1;
            if report.findings.iter().any(|f| f.id == "title") {
                title_findings.push(format!("{file}\t{title}"));
            }
        }
        let m = report.metadata;
        let got = [
            m.title.clone(),
            m.organization.clone(),
            m.year.map(|y| y.to_string()),
            m.published.clone(),
            m.document_number.clone(),
        ];
        for (f, field) in FIELDS.iter().enumerate() {
            let is_disputed = disputed
                .iter()
                .any(|(d, g)| d.trim_start_matches("openings/") == file && g == field);
            let want = expected[f].as_str();
            let have = got[f].as_deref().unwrap_or("");
            if want.is_empty() {
                if !have.is_empty() {
                    false_values[f] += 1;
                    disagreements.push(format!("{file}\t{field}\twant none\tgot {have}"));
                }
                continue;
            }
            seen[f] += 1;
            let ok = if *field == "organization" {
                !have.is_empty() && key(have).contains(&key(want))
            } else {
                key(have) == key(want)
            };
            if is_disputed {
                seen[f] -= 1;
                if !ok {
                    disagreements.push(format!(
                        "{file}\t{field}\twant {want}\tgot {have}\t(label disputed, not counted)"
                    ));
                }
            } else if ok {
                agree[f] += 1;
            } else {
                disagreements.push(format!("{file}\t{field}\twant {want}\tgot {have}"));
            }
        }
    }
    let mut table =
        String::from("| field | agree | of seen | false where none |\n| --- | --- | --- | --- |\n");
    for f in 0..FIELDS.len() {
        table.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            FIELDS[f], agree[f], seen[f], false_values[f]
        ));
    }
    eprintln!("{table}\ndisagreements:\n{}", disagreements.join("\n"));
    eprintln!(
        "`title` findings where the title names the body and the year: {} of {names_body_and_year}\n{}",
        title_findings.len(),
        title_findings.join("\n")
    );
    assert!(title_findings.is_empty(), "{}", title_findings.join("\n"));
    // Floors: what the checker reaches today; they only rise.
    let floors = [0.99, 0.98, 0.99, 1.0, 1.0];
    for f in 0..FIELDS.len() {
        if seen[f] == 0 {
            continue;
        }
        let share = agree[f] as f64 / seen[f] as f64;
        assert!(
            share >= floors[f],
            "{}: {}/{} below the floor {}",
            FIELDS[f],
            agree[f],
            seen[f],
            floors[f]
        );
    }
}

/// The area statuses of a report.
fn statuses(text: &str) -> Vec<&'static str> {
    let report = checker().check_str(text);
    AREAS.iter().map(|a| status(&report, a).as_str()).collect()
}

#[test]
fn one_line_and_traditional_forms_get_the_same_verdicts() {
    let Some(dir) = corpus() else { return };
    let converter = ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::S2t)
        .expect("the built-in S2T configuration loads");
    let mut same_one_line = 0;
    let mut same_traditional = 0;
    let mut total = 0;
    let (mut same_title, mut same_year, mut same_published) = (0, 0, 0);
    let mut differences = Vec::new();
    for (file, path, _) in openings(&dir) {
        let text = std::fs::read_to_string(&path).expect("an opening is readable");
        let original = statuses(&text);
        let one_line: String = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let traditional = converter.convert(&text);
        total += 1;
        let fields = |t: &str| {
            let m = checker().check_str(t).metadata;
            (m.title.as_deref().map(key), m.year, m.published)
        };
        let (m0, m1) = (fields(&text), fields(&one_line));
        same_title += usize::from(m0.0 == m1.0);
        same_year += usize::from(m0.1 == m1.1);
        same_published += usize::from(m0.2 == m1.2);
        let a = statuses(&one_line);
        if a == original {
            same_one_line += 1;
        } else {
            differences.push(format!("{file} one line: {original:?} → {a:?}"));
        }
        let b = statuses(&traditional);
        if b == original {
            same_traditional += 1;
        } else {
            differences.push(format!("{file} traditional: {original:?} → {b:?}"));
        }
    }
    eprintln!(
        "same verdicts: one line {same_one_line}/{total}, traditional {same_traditional}/{total}\n{}",
        differences.join("\n")
    );
    eprintln!(
        "one line, same metadata: title {same_title}/{total}, year {same_year}/{total}, published {same_published}/{total}"
    );
    // Floors: what the checker reaches today; they only rise.
    assert!(
        same_traditional * 100 >= total * 95,
        "traditional: {same_traditional}/{total}"
    );
    // One line: every opening, since the cuts at a page header shown twice, at a signature's date
    // and at a heading run into its first item (一是…) were added.
    assert!(same_one_line == total, "one line: {same_one_line}/{total}");
}

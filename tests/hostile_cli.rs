//! Hostile input to the batch and the example program (issue 14): closed pipes, planted links,
//! outputs that would overwrite inputs, FIFOs, links out of a folder, page names, failed writes,
//! leftovers. Beside tests/hostile.rs, which holds the library's.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::{check_binary, run, temp_dir};
use fazhi_check::batch::{self, Exit, Item, NoProgress, Options};
use fazhi_check::{Checker, Summary};

const GOOD: &str = "某镇2022年法治政府建设工作报告\n一、加强组织领导\n成立法治政府建设领导小组，镇党委书记履行第一责任人职责。\n";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every file under `dir`, hidden ones included.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn checker() -> &'static Checker {
    common::checker()
}

/// A batch run through the library, its exit, output and messages.
fn batch_run(options: &Options, items: &[Item]) -> (Exit, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let exit = batch::run(
        checker(),
        options,
        items,
        Summary::for_rules(checker().rules()),
        &mut out,
        &mut err,
        &NoProgress,
    );
    (
        exit,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

/// Runs the program with its standard output (or error) a pipe whose reader is already gone.
#[cfg(unix)]
fn run_into_closed_pipe(args: &[&str], stderr: bool) -> std::process::ExitStatus {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut command = Command::new(check_binary());
    command.args(args).env("NO_COLOR", "1");
    if stderr {
        command.stderr(writer).stdout(Stdio::null());
    } else {
        command.stdout(writer).stderr(Stdio::piped());
    }
    command.status().unwrap()
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_program_quietly() {
    let dir = temp_dir("hostile-cli", "pipe");
    let report = dir.join("r.txt");
    std::fs::write(&report, GOOD).unwrap();
    let missing = dir.join("missing.txt");
    for args in [
        vec!["--list-rules"],
        vec!["--rules-schema"],
        vec!["--stats", s(&report)],
        vec!["--check-rules", s(&report)],
        vec!["--format", "json", s(&report), s(&missing)],
        vec![s(&report), s(&report)],
    ] {
        let status = run_into_closed_pipe(&args, false);
        assert_ne!(status.code(), Some(101), "stdout closed, {args:?} panicked");
        assert!(status.code().is_some(), "{args:?}: {status}");
    }
    for args in [
        vec!["--format", "json", s(&report), s(&missing)],
        vec!["--rules", s(&missing), s(&report)],
        vec!["--stats", s(&report), s(&missing)],
    ] {
        let status = run_into_closed_pipe(&args, true);
        assert_ne!(status.code(), Some(101), "stderr closed, {args:?} panicked");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn pages_are_named_uniquely_and_shortly_whatever_the_file_names() {
    let names = ["a b.txt", "a.b.txt", "a_b.txt", "index.txt", "index.html"];
    let pages: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| batch::page_name(i, n))
        .collect();
    let unique: std::collections::HashSet<&String> = pages.iter().collect();
    assert_eq!(unique.len(), names.len(), "{pages:?}");
    assert!(pages.iter().all(|p| p != "index.html"), "{pages:?}");
    let long = format!(
        "{}/{}.txt",
        "法治政府建设年度报告".repeat(10),
        "某".repeat(200)
    );
    let page = batch::page_name(7, &long);
    assert!(page.len() <= 100, "{page}");
    assert!(page.ends_with(".html"));
}

#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_are_shown_apart_and_get_pages_of_their_own() {
    use std::os::unix::ffi::OsStrExt;
    let dir = temp_dir("hostile-cli", "gbk");
    // 青石镇 and 白石镇 in GBK.
    for name in [
        &b"\xc7\xe0\xca\xaf\xd5\xf2.txt"[..],
        &b"\xb0\xd7\xca\xaf\xd5\xf2.txt"[..],
    ] {
        std::fs::write(dir.join(std::ffi::OsStr::from_bytes(name)), GOOD).unwrap();
    }
    let mut skipped = Summary::default();
    let items = batch::collect(std::slice::from_ref(&dir), &mut skipped);
    assert_eq!(items.len(), 2);
    assert_ne!(items[0].name(), items[1].name());
    assert!(items[0].name().contains("\\x"), "{}", items[0].name());
    let html = dir.join("out");
    let options = Options {
        html: Some(html.clone()),
        no_copies: true,
        ..Options::default()
    };
    let (exit, _, err) = batch_run(&options, &items);
    assert_eq!(exit, Exit::Failed, "{err}");
    let index = std::fs::read_to_string(html.join("index.html")).unwrap();
    let pages = listing(&html);
    assert_eq!(pages.len(), 3, "{pages:?}");
    for page in pages.iter().filter(|p| *p != "index.html") {
        assert!(index.contains(&format!("href=\"{page}\"")), "{index}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_report_named_index_keeps_its_page_and_long_folder_names_work() {
    let dir = temp_dir("hostile-cli", "index");
    let deep = dir
        .join("法治政府建设年度报告汇总".repeat(4))
        .join("法治政府建设年度报告汇总".repeat(4));
    std::fs::create_dir_all(&deep).unwrap();
    let report = deep.join("index.txt");
    std::fs::write(&report, GOOD).unwrap();
    let html = dir.join("pages");
    let out = run(&["--html", s(&html), s(&deep)]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pages = listing(&html);
    assert_eq!(pages.len(), 2, "{pages:?}");
    let index = std::fs::read_to_string(html.join("index.html")).unwrap();
    assert!(
        index.contains("<table id=\"reports\">"),
        "the index is the index"
    );
    let page = pages.iter().find(|p| *p != "index.html").unwrap();
    let page_text = std::fs::read_to_string(html.join(page)).unwrap();
    assert!(page_text.contains(s(&report)), "the page names its file");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_page_that_cannot_be_written_fails_the_run_and_is_not_linked() {
    let dir = temp_dir("hostile-cli", "failed-page");
    let report = dir.join("r.txt");
    std::fs::write(&report, GOOD).unwrap();
    let html = dir.join("pages");
    // A folder (not empty) where the page would go: the rename fails.
    let page = html.join(batch::page_name(0, s(&report)));
    std::fs::create_dir_all(page.join("x")).unwrap();
    let options = Options {
        html: Some(html.clone()),
        ..Options::default()
    };
    let (exit, _, err) = batch_run(&options, &[Item::File(report.clone())]);
    assert_eq!(exit, Exit::Failed, "{err}");
    assert!(err.contains("无法写入其网页"), "{err}");
    let index = std::fs::read_to_string(html.join("index.html")).unwrap();
    assert!(!index.contains("href="), "{index}");
    assert!(!listing(&html).iter().any(|n| n.ends_with(".tmp")));
    // The same through the program: exit 1.
    let out = run(&["--html", s(&html), s(&report)]);
    assert_eq!(out.status.code(), Some(1));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn outputs_never_overwrite_inputs() {
    let dir = temp_dir("hostile-cli", "overwrite");
    let saved = "<html><body><p>某镇2022年法治政府建设工作报告</p><p>成立法治政府建设领导小组。</p></body></html>";
    std::fs::write(dir.join("index.html"), saved).unwrap();
    std::fs::write(dir.join("r.txt"), GOOD).unwrap();
    // --html . in the folder of inputs.
    let out = Command::new(check_binary())
        .args(["--html", ".", "."])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("--html"));
    assert_eq!(
        std::fs::read_to_string(dir.join("index.html")).unwrap(),
        saved
    );
    // --figures onto an input.
    let out = run(&["--figures", s(&dir.join("r.txt")), s(&dir)]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(dir.join("r.txt")).unwrap(), GOOD);
    // An output folder inside the folder walked is not walked: the second run checks what the
    // first did.
    let html = dir.join("out");
    let first = run(&["--format", "json", "--html", s(&html), s(&dir)]);
    let second = run(&["--format", "json", "--html", s(&html), s(&dir)]);
    assert_eq!(
        String::from_utf8_lossy(&first.stdout).lines().count(),
        2,
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(first.stdout, second.stdout);
    std::fs::remove_dir_all(&dir).ok();
}

#[cfg(unix)]
#[test]
fn planted_links_in_the_output_folder_are_not_written_through() {
    let dir = temp_dir("hostile-cli", "planted");
    let report = dir.join("r.txt");
    std::fs::write(&report, GOOD).unwrap();
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let html = dir.join("pages");
    std::fs::create_dir_all(&html).unwrap();
    let figures = dir.join("figures.csv");
    let mut child = Command::new(check_binary())
        .args(["--html", s(&html), "--figures", s(&figures), s(&report)])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The old names were predictable from the process id.
    let pid = child.id();
    for planted in [
        html.join(format!(".index.html.{pid}.tmp")),
        html.join(format!(".{}.{pid}.tmp", batch::page_name(0, s(&report)))),
        dir.join(format!(".figures.csv.{pid}.tmp")),
    ] {
        let _ = std::os::unix::fs::symlink(&victim, planted);
    }
    child.wait().unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn no_temporary_file_is_left_behind() {
    let dir = temp_dir("hostile-cli", "leftovers");
    let report = dir.join("r.txt");
    std::fs::write(&report, GOOD).unwrap();
    // --figures onto an existing folder: refused, nothing left.
    let folder = dir.join("figures");
    std::fs::create_dir_all(&folder).unwrap();
    let out = run(&["--figures", s(&folder), s(&report)]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(listing(&dir), ["figures", "r.txt"]);
    // Interrupted: the run stops, writes the index of what was done, and leaves no temporary file.
    let html = dir.join("pages");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let options = Options {
        html: Some(html.clone()),
        figures: Some(dir.join("figures.csv")),
        stop: Some(stop),
        ..Options::default()
    };
    let items: Vec<Item> = (0..3).map(|_| Item::File(report.clone())).collect();
    let (exit, _, err) = batch_run(&options, &items);
    assert_eq!(exit, Exit::Interrupted, "{err}");
    assert_eq!(exit.code(), 130);
    assert!(
        !listing(&html).iter().any(|n| n.starts_with('.')),
        "{:?}",
        listing(&html)
    );
    assert!(
        !listing(&dir)
            .iter()
            .any(|n| n.starts_with('.') || n == "figures.csv")
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[cfg(unix)]
#[test]
fn fifos_sockets_and_devices_under_a_folder_get_an_error_record() {
    let dir = temp_dir("hostile-cli", "fifo");
    std::fs::write(dir.join("a.txt"), GOOD).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(dir.join("b.txt"))
            .status()
            .unwrap()
            .success()
    );
    let _socket = std::os::unix::net::UnixListener::bind(dir.join("c.txt")).unwrap();
    std::os::unix::fs::symlink("/dev/null", dir.join("d.txt")).unwrap();
    let mut skipped = Summary::default();
    let items = batch::collect(std::slice::from_ref(&dir), &mut skipped);
    assert_eq!(skipped.skipped(), 0);
    let names: Vec<String> = items.iter().map(Item::name).collect();
    assert_eq!(names.len(), 4, "{names:?}");
    for item in &items[1..3] {
        let e = item.bytes(1 << 20).unwrap_err().to_string();
        assert!(e.contains("不是普通文件"), "{}: {e}", item.name());
    }
    // The link to a device leaves the folder: named as a link, and when followed, as a device.
    let e = items[3].bytes(1 << 20).unwrap_err().to_string();
    assert!(e.contains("符号链接"), "{e}");
    let walk = batch::Walk {
        follow_links: true,
        ..batch::Walk::default()
    };
    let followed = batch::collect_with(std::slice::from_ref(&dir), &walk, &mut skipped);
    let e = followed[3].bytes(1 << 20).unwrap_err().to_string();
    assert!(e.contains("不是普通文件"), "{e}");
    // A file named on the command line that is a FIFO is answered at once.
    let out = run(&["--format", "json", s(&dir.join("b.txt"))]);
    assert_eq!(out.status.code(), Some(1));
    std::fs::remove_dir_all(&dir).ok();
}

#[cfg(unix)]
#[test]
fn links_out_of_a_folder_are_named_and_not_followed_unless_asked() {
    let dir = temp_dir("hostile-cli", "links");
    let outside = dir.join("outside");
    let inside = dir.join("received");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::create_dir_all(inside.join("sub")).unwrap();
    std::fs::write(
        outside.join("secret.txt"),
        "机密：不该出现在页面里的文字。\n",
    )
    .unwrap();
    std::fs::write(inside.join("a.txt"), GOOD).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.txt"), inside.join("b.txt")).unwrap();
    std::os::unix::fs::symlink(&outside, inside.join("c")).unwrap();
    std::os::unix::fs::symlink(inside.join("a.txt"), inside.join("sub/d.txt")).unwrap();
    let out = run(&["--format", "json", s(&inside)]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains("机密"), "{stdout}");
    let records: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let errors: Vec<&str> = records.iter().filter_map(|r| r["error"].as_str()).collect();
    assert_eq!(errors.len(), 2, "{stdout}");
    assert!(
        errors
            .iter()
            .all(|e| e.contains("符号链接") && e.contains("--follow-links")),
        "{errors:?}"
    );
    assert_eq!(
        records.len(),
        4,
        "a.txt, b.txt, c, sub/d.txt (inside: followed): {stdout}"
    );
    assert_eq!(out.status.code(), Some(1));
    let followed = run(&["--format", "json", "--follow-links", s(&inside)]);
    let stdout = String::from_utf8(followed.stdout).unwrap();
    assert!(!stdout.contains("\"error\""), "{stdout}");
    assert_eq!(stdout.lines().count(), 4, "{stdout}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn explain_or_tokens_with_html_is_a_usage_error() {
    let dir = temp_dir("hostile-cli", "explain-html");
    let report = dir.join("r.txt");
    std::fs::write(&report, GOOD).unwrap();
    for flag in ["--explain", "--tokens"] {
        let out = run(&[flag, "--html", s(&dir.join("pages")), s(&report)]);
        assert_eq!(out.status.code(), Some(2), "{flag}");
        assert!(!dir.join("pages").exists(), "{flag}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn stats_over_a_folder_are_those_of_each_report_added() {
    let dir = temp_dir("hostile-cli", "stats");
    for i in 0..70 {
        std::fs::write(dir.join(format!("r{i:02}.txt")), GOOD.repeat(1 + i % 3)).unwrap();
    }
    let mut skipped = Summary::default();
    let items = batch::collect(std::slice::from_ref(&dir), &mut skipped);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let exit = batch::stats(
        checker(),
        &items,
        batch::Format::Json,
        fazhi_check::Lang::Zh,
        &mut out,
        &mut err,
    );
    assert_eq!(exit, Exit::Passed);
    let mut expected = fazhi_check::CorpusStats::new(checker().rules());
    for i in 0..70 {
        expected.add(&checker().check_str(&GOOD.repeat(1 + i % 3)));
    }
    assert_eq!(
        String::from_utf8(out).unwrap().trim_end(),
        serde_json::to_string(&expected).unwrap()
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn check_rules_reports_a_zero_width_term_as_an_error() {
    let dir = temp_dir("hostile-cli", "zw-rules");
    let rules = dir.join("zw.toml");
    std::fs::write(
        &rules,
        "[rule_set]\nname = \"x\"\nversion = \"1\"\npass_threshold = 1\n[[areas]]\nid = \"a\"\ntitle = \"a\"\nweight = 1\npresent = 1\nweak = 1\n[[areas.concepts]]\nid = \"c\"\nterms = [\"\u{200B}\"]\n",
    )
    .unwrap();
    let out = run(&["--rules", s(&rules), "--check-rules"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{}:13:10", rules.display())),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

//! Shared helpers for the integration tests.
#![allow(dead_code)]

pub mod ascii_words;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use fazhi_check::{Checker, Report, RuleSet, Status};

/// One checker for the whole test binary: building it loads the dictionary.
pub fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(RuleSet::builtin()))
}

pub fn status(report: &Report, area: &str) -> Status {
    report
        .area(area)
        .unwrap_or_else(|| panic!("no area {area}"))
        .status
}

/// The shared corpus of real reports, when this checkout has it beside it.
pub fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: {} is absent", dir.display());
        None
    }
}

pub fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The area ids of the built-in township rule set, in its order.
pub const AREAS: [&str; 9] = [
    "leadership",
    "publicity",
    "approval",
    "normative_docs",
    "decisions",
    "enforcement",
    "disputes",
    "problems",
    "next_steps",
];

/// The program `fazhi-check`, which `cargo test` builds for the integration tests (with the default
/// feature `cli`); without it, the example `check` (the same program) where it was built.
pub fn check_binary() -> PathBuf {
    if let Some(bin) = option_env!("CARGO_BIN_EXE_fazhi-check") {
        return PathBuf::from(bin);
    }
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let bin = dir
        .join("examples")
        .join(format!("check{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} not built: run cargo test, which builds the examples",
        bin.display()
    );
    bin
}

/// Runs the program with `args`, without colour, from the crate's folder.
pub fn run(args: &[&str]) -> std::process::Output {
    std::process::Command::new(check_binary())
        .args(args)
        .current_dir(manifest_dir())
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// An empty folder of this test run: `fazhi-{suite}-{name}-{pid}` in the temporary folder, emptied
/// first.
pub fn temp_dir(suite: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("fazhi-{suite}-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The sample report the project ships.
pub fn sample() -> String {
    std::fs::read_to_string(
        manifest_dir().join("examples/sample/青石镇2023年法治政府建设工作报告.txt"),
    )
    .unwrap()
}

/// The sample as a page saved from a government site, published on `published`: a breadcrumb and
/// a metadata block (index number, publisher, date, document number) above it.
pub fn saved_page(published: &str) -> String {
    format!(
        "您当前的位置：首页 > 法治政府建设\n索引号：11500224/2024-00003\n发布机构：云溪县青石镇人民政府\n发布日期：{published}\n文号：青府发〔2024〕5号\n\n{}",
        sample()
    )
}

//! The layout follows the pipeline: a module imports only from its own step and the steps before it,
//! and no two modules import each other in a circle. See ARCHITECTURE.md.
//!
//! Imports are read from the source as text: every `crate::…` path outside comments and test
//! modules, and `super::…` paths resolved against the module they stand in. A name the crate root
//! re-exports (`crate::Checker`) counts as an import of the module it comes from.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The steps in pipeline order: a module of one may import from its own and the earlier ones.
const STEPS: &[(&str, u32)] = &[
    ("error", 0),
    ("text", 0),
    ("read", 1),
    ("rules", 2),
    ("document", 3),
    ("matching", 4),
    ("judging", 5),
    ("report", 6),
    ("checker", 7),
    ("similarity", 8),
    ("authoring", 8),
    ("render", 9),
    ("batch", 10),
    ("cli", 11),
    ("wasm", 10),
];

fn step(top: &str) -> Option<u32> {
    STEPS.iter().find(|(name, _)| *name == top).map(|&(_, n)| n)
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file under src/: `src/judging/verdicts.rs` is `judging::verdicts`,
/// `src/document/mod.rs` is `document`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The source without comments, string literals' contents and test modules.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    let mut out = String::new();
    for line in text.lines() {
        let line = match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        };
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Every path that starts with `prefix` (`crate::` or `super::`), as its segments, including the
/// names inside a `{…}` group (`crate::a::{b, c::d}` gives `a::b` and `a::c::d`).
fn paths(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find(prefix) {
        let start = from + at;
        from = start + prefix.len();
        let before = code[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let rest = &code[from..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(rest.len());
        let head: Vec<String> = rest[..end]
            .split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        if rest[end..].starts_with('{') {
            let close = rest[end..].find('}').map_or(rest.len(), |c| end + c);
            for item in rest[end + 1..close].split(',') {
                let item: Vec<String> = item
                    .trim()
                    .split("::")
                    .map(|s| s.split_whitespace().next().unwrap_or("").to_string())
                    .filter(|s| !s.is_empty() && s != "self")
                    .collect();
                let mut path = head.clone();
                path.extend(item);
                out.push(path);
            }
        } else {
            out.push(head);
        }
    }
    out
}

/// Root re-exports: `pub use judging::verdicts::{Status, …};` maps `Status` to `judging::verdicts`.
fn root_names(lib: &str) -> BTreeMap<String, Vec<String>> {
    let mut names = BTreeMap::new();
    for line in code(lib).lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let rest = rest.trim_end_matches(';');
        let (module, items) = match rest.find("::{") {
            Some(at) => (&rest[..at], rest[at + 3..].trim_end_matches('}')),
            None => rest.rsplit_once("::").unwrap(),
        };
        for item in items.split(',') {
            let name = item.trim();
            if !name.is_empty() && name != "self" {
                let module: Vec<String> = module.split("::").map(str::to_string).collect();
                names.insert(name.to_string(), module);
            }
        }
    }
    names
}

/// Resolves a path to the longest prefix that is a module of the crate.
fn resolve(path: &[String], modules: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| modules.contains(p))
}

struct Crate {
    /// Module path → the modules it imports.
    imports: BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
}

fn read_crate() -> Crate {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // src/bin holds the program's own crate (one call into `cli`), not a module of the library.
    files.retain(|f| !f.starts_with(src.join("bin")));
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&src, f)).collect();
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let root = root_names(&lib);
    let mut imports = BTreeMap::new();
    for file in &files {
        let module = module_of(&src, file);
        if module.is_empty() {
            continue; // lib.rs declares the modules and re-exports them
        }
        let text = code(&std::fs::read_to_string(file).unwrap());
        let mut targets = BTreeSet::new();
        for path in paths(&text, "crate::") {
            let path = match path.first().and_then(|name| root.get(name)) {
                Some(module) => module.clone(),
                None => path,
            };
            targets.extend(resolve(&path, &modules));
        }
        // `super` is the enclosing module: `a` for `a::b` (src/a/b.rs), the root for `a` (src/a/mod.rs).
        for path in paths(&text, "super::") {
            let mut full = module[..module.len() - 1].to_vec();
            full.extend(path);
            targets.extend(resolve(&full, &modules).filter(|t| !t.is_empty()));
        }
        targets.remove(&module);
        imports.insert(module, targets);
    }
    Crate { imports }
}

#[test]
fn no_module_imports_a_later_step() {
    let krate = read_crate();
    let mut wrong = Vec::new();
    for (module, targets) in &krate.imports {
        let Some(from) = step(&module[0]) else {
            wrong.push(format!("{}: not in any step of STEPS", module.join("::")));
            continue;
        };
        for target in targets {
            let to = step(&target[0]).unwrap_or(u32::MAX);
            if to > from {
                wrong.push(format!(
                    "{} (step {from}) imports {} (step {to})",
                    module.join("::"),
                    target.join("::")
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the pipeline:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_modules_import_each_other_in_a_circle() {
    let krate = read_crate();
    // Depth-first search for a back edge; the path to it is the circle.
    fn visit(
        m: &Vec<String>,
        graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        state: &mut BTreeMap<Vec<String>, u8>,
        stack: &mut Vec<Vec<String>>,
    ) -> Option<Vec<Vec<String>>> {
        match state.get(m) {
            Some(1) => {
                let at = stack.iter().position(|s| s == m).unwrap();
                let mut circle = stack[at..].to_vec();
                circle.push(m.clone());
                return Some(circle);
            }
            Some(_) => return None,
            None => {}
        }
        state.insert(m.clone(), 1);
        stack.push(m.clone());
        for t in graph.get(m).into_iter().flatten() {
            if let Some(circle) = visit(t, graph, state, stack) {
                return Some(circle);
            }
        }
        stack.pop();
        state.insert(m.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in krate.imports.keys() {
        let mut stack = Vec::new();
        if let Some(circle) = visit(m, &krate.imports, &mut state, &mut stack) {
            let names: Vec<String> = circle.iter().map(|m| m.join("::")).collect();
            panic!(
                "modules import each other in a circle: {}",
                names.join(" -> ")
            );
        }
    }
}

#[test]
fn the_reader_catches_a_wrong_import() {
    // The checks above are only as good as the path reader: it must see grouped, nested and
    // re-exported imports.
    let text = code(
        "use crate::judging::{evidence::Gathered, verdicts};\n// use crate::batch::x;\nfn f() { crate::render::text(); }\n",
    );
    let found = paths(&text, "crate::");
    assert_eq!(
        found,
        vec![
            vec!["judging", "evidence", "Gathered"],
            vec!["judging", "verdicts"],
            vec!["render", "text"],
        ]
    );
    let root = root_names(
        "pub use judging::verdicts::{AreaVerdict, Status};\npub use checker::Checker;\n",
    );
    assert_eq!(root["Status"], vec!["judging", "verdicts"]);
    assert_eq!(root["Checker"], vec!["checker"]);
}

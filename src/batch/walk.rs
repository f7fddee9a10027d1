//! Walking the paths a user gave: a file as given, a folder's files in sorted path order, office junk
//! left out.

use std::path::{Path, PathBuf};

use super::files;
use crate::render::summary::{Skip, Summary};

/// One thing to check: a file, or a path the folder walk could not read.
#[derive(Debug)]
pub enum Item {
    /// A file to read and check.
    File(PathBuf),
    /// A file found in a folder whose extension is no report form the checker reads (an image, an
    /// archive, a spreadsheet, an unknown kind): it gets an error record naming what it is.
    OtherKind(PathBuf),
    /// A path under a folder that could not be read (a loop of symbolic links, a folder without
    /// permission), is not a regular file (a FIFO, a socket, a device), or is a symbolic link out of
    /// the folder that was not followed: it gets an error record of its own.
    Unreadable(PathBuf, std::io::Error),
    /// A report read from standard input (the path `-`), as its bytes: reported under the name `-`.
    Stdin(Vec<u8>),
}

impl Item {
    /// The name the item is reported under: its path as given or found, with any byte of it that is
    /// not UTF-8 written `\xC7` (so that names in another encoding stay apart).
    pub fn name(&self) -> String {
        match self {
            Item::File(p) | Item::OtherKind(p) | Item::Unreadable(p, _) => display_name(p),
            Item::Stdin(_) => "-".to_string(),
        }
    }
}

/// A path as text: UTF-8 as it is, every other byte as `\xNN`.
pub fn display_name(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut name = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        name.push_str(chunk.valid());
        for b in chunk.invalid() {
            name.push_str(&format!("\\x{b:02X}"));
        }
    }
    name
}

/// How folders are walked.
#[derive(Debug, Clone, Default)]
pub struct Walk {
    /// Follow symbolic links that lead out of the folder given (without it such a link gets an
    /// error record naming it; links that stay inside are followed to files).
    pub follow_links: bool,
    /// Folders not to walk into (the run's own output folder).
    pub exclude: Vec<PathBuf>,
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

fn not_regular() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        "不是普通文件（命名管道、设备或套接字），未读取",
    )
}

/// The files to check for the paths given, in order: a file as given, every file of a folder in
/// sorted path order. Symbolic links that stay in the folder are followed to files, links out of it
/// are not; a loop, an unreadable folder or anything that is not a regular file becomes an item of
/// its own, and so does a file in a form the checker does not read ([`Item::OtherKind`]): no
/// submission is dropped unnamed. Office junk ([`files::is_junk`]: lock files, `Thumbs.db`, a saved
/// page's `_files` folder…) and hidden files and folders are counted in `skipped`.
pub fn collect(paths: &[PathBuf], skipped: &mut Summary) -> Vec<Item> {
    collect_with(paths, &Walk::default(), skipped)
}

/// As [`collect`], walking as `walk` says.
pub fn collect_with(paths: &[PathBuf], walk: &Walk, skipped: &mut Summary) -> Vec<Item> {
    let exclude: Vec<PathBuf> = walk
        .exclude
        .iter()
        .filter_map(|d| d.canonicalize().ok())
        .collect();
    let mut items = Vec::new();
    for root in paths {
        if !root.is_dir() {
            items.push(Item::File(root.clone()));
            continue;
        }
        let root_real = root.canonicalize().unwrap_or_else(|_| root.clone());
        let mut entries = walkdir::WalkDir::new(root)
            .follow_links(walk.follow_links)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = entries.next() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().unwrap_or(root).to_path_buf();
                    let error = if e.loop_ancestor().is_some() {
                        std::io::Error::new(
                            std::io::ErrorKind::InvalidInput,
                            "符号链接指回上级文件夹，构成循环，未跟随",
                        )
                    } else {
                        e.into()
                    };
                    items.push(Item::Unreadable(path, error));
                    continue;
                }
            };
            let kind = entry.file_type();
            if entry.depth() > 0 && files::is_junk(entry.path(), kind.is_dir()) {
                skipped.add_skipped(Skip::Junk);
                if kind.is_dir() {
                    entries.skip_current_dir();
                }
            } else if entry.depth() > 0 && is_hidden(entry.file_name()) {
                skipped.add_skipped(Skip::Hidden);
                if kind.is_dir() {
                    entries.skip_current_dir();
                }
            } else if kind.is_dir() {
                if entry.depth() > 0
                    && !exclude.is_empty()
                    && entry
                        .path()
                        .canonicalize()
                        .is_ok_and(|real| exclude.contains(&real))
                {
                    entries.skip_current_dir();
                }
            } else if kind.is_symlink() {
                // Not followed by the walk: followed here to a file when it stays in the folder.
                match entry.path().canonicalize() {
                    Ok(target) if target.starts_with(&root_real) => match target.metadata() {
                        Ok(m) if m.is_file() && files::is_supported(entry.path()) => {
                            items.push(Item::File(entry.into_path()))
                        }
                        Ok(m) if m.is_file() => items.push(Item::OtherKind(entry.into_path())),
                        Ok(m) if m.is_dir() => {
                            let why = if entry
                                .path()
                                .parent()
                                .and_then(|p| p.canonicalize().ok())
                                .is_some_and(|p| p.starts_with(&target))
                            {
                                "指回上级文件夹的符号链接，构成循环，未跟随"
                            } else {
                                "指向文件夹的符号链接，未跟随（加 --follow-links 可跟随）"
                            };
                            items.push(Item::Unreadable(
                                entry.into_path(),
                                std::io::Error::new(std::io::ErrorKind::InvalidInput, why),
                            ))
                        }
                        Ok(_) => items.push(Item::Unreadable(entry.into_path(), not_regular())),
                        Err(e) => items.push(Item::Unreadable(entry.into_path(), e)),
                    },
                    Ok(_) => items.push(Item::Unreadable(
                        entry.into_path(),
                        std::io::Error::new(
                            std::io::ErrorKind::InvalidInput,
                            "指向所给文件夹以外的符号链接，未跟随（加 --follow-links 可跟随）",
                        ),
                    )),
                    Err(e) => items.push(Item::Unreadable(
                        entry.into_path(),
                        std::io::Error::new(
                            e.kind(),
                            format!("符号链接的目标无法读取（{}）", crate::error::io_zh(&e)),
                        ),
                    )),
                }
            } else if !kind.is_file() {
                items.push(Item::Unreadable(entry.into_path(), not_regular()));
            } else if files::is_supported(entry.path()) {
                items.push(Item::File(entry.into_path()));
            } else {
                items.push(Item::OtherKind(entry.into_path()));
            }
        }
    }
    items
}

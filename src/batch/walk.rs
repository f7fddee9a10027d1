//! Walking the paths a user gave: a file as given, a folder's supported files in sorted path order.

use std::path::PathBuf;

use super::files;
use crate::render::summary::{Skip, Summary};

/// One thing to check: a file, or a path the folder walk could not read.
#[derive(Debug)]
pub enum Item {
    /// A file to read and check.
    File(PathBuf),
    /// A path under a folder that could not be read (a loop of symbolic links, a folder without
    /// permission): it gets an error record of its own.
    Unreadable(PathBuf, std::io::Error),
}

impl Item {
    /// The name the item is reported under: its path as given or found.
    pub fn name(&self) -> String {
        match self {
            Item::File(p) | Item::Unreadable(p, _) => p.display().to_string(),
        }
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// The files to check for the paths given, in order: a file as given, a folder's supported files in
/// sorted path order. Symbolic links are followed; a loop or an unreadable folder becomes an item of
/// its own. Hidden files and folders and files of other kinds are counted in `skipped`.
pub fn collect(paths: &[PathBuf], skipped: &mut Summary) -> Vec<Item> {
    let mut items = Vec::new();
    for root in paths {
        if !root.is_dir() {
            items.push(Item::File(root.clone()));
            continue;
        }
        let mut walk = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walk.next() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().unwrap_or(root).to_path_buf();
                    items.push(Item::Unreadable(path, e.into()));
                    continue;
                }
            };
            let is_dir = entry.file_type().is_dir();
            if entry.depth() > 0 && is_hidden(entry.file_name()) {
                skipped.add_skipped(Skip::Hidden);
                if is_dir {
                    walk.skip_current_dir();
                }
            } else if is_dir {
                continue;
            } else if entry.file_type().is_file() && files::is_supported(entry.path()) {
                items.push(Item::File(entry.into_path()));
            } else {
                skipped.add_skipped(Skip::Unsupported);
            }
        }
    }
    items
}

//! Walking the paths a user gave: a file as given, a folder's files in sorted path order, office junk
//! left out.

use std::path::PathBuf;

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
    /// permission): it gets an error record of its own.
    Unreadable(PathBuf, std::io::Error),
}

impl Item {
    /// The name the item is reported under: its path as given or found.
    pub fn name(&self) -> String {
        match self {
            Item::File(p) | Item::OtherKind(p) | Item::Unreadable(p, _) => p.display().to_string(),
        }
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// The files to check for the paths given, in order: a file as given, every file of a folder in
/// sorted path order. Symbolic links are followed; a loop or an unreadable folder becomes an item of
/// its own, and so does a file in a form the checker does not read ([`Item::OtherKind`]): no
/// submission is dropped unnamed. Office junk ([`files::is_junk`]: lock files, `Thumbs.db`, a saved
/// page's `_files` folder…) and hidden files and folders are counted in `skipped`.
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
            if entry.depth() > 0 && files::is_junk(entry.path(), is_dir) {
                skipped.add_skipped(Skip::Junk);
                if is_dir {
                    walk.skip_current_dir();
                }
            } else if entry.depth() > 0 && is_hidden(entry.file_name()) {
                skipped.add_skipped(Skip::Hidden);
                if is_dir {
                    walk.skip_current_dir();
                }
            } else if is_dir {
                continue;
            } else if files::is_supported(entry.path()) {
                items.push(Item::File(entry.into_path()));
            } else {
                items.push(Item::OtherKind(entry.into_path()));
            }
        }
    }
    items
}

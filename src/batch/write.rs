//! Writing output files whole or not at all, and naming the HTML pages.

use std::io::Write;
use std::path::{Path, PathBuf};

/// A file written whole or not at all: into a hidden temporary file beside it, renamed into place
/// when finished. Dropped unfinished, the temporary file is removed.
pub struct AtomicFile {
    temp: PathBuf,
    target: PathBuf,
    out: Option<std::io::BufWriter<std::fs::File>>,
}

impl AtomicFile {
    /// Opens the temporary file beside `target`.
    ///
    /// # Errors
    ///
    /// When the temporary file cannot be created.
    pub fn create(target: &Path) -> std::io::Result<AtomicFile> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "figures.csv".into());
        let temp = target.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        let file = std::fs::File::create(&temp)?;
        Ok(AtomicFile {
            temp,
            target: target.to_path_buf(),
            out: Some(std::io::BufWriter::new(file)),
        })
    }

    /// Appends `s`.
    ///
    /// # Errors
    ///
    /// When the write fails.
    pub fn write(&mut self, s: &str) -> std::io::Result<()> {
        self.out
            .as_mut()
            .expect("open until finished")
            .write_all(s.as_bytes())
    }

    /// Flushes the file to disk and renames it into place.
    ///
    /// # Errors
    ///
    /// When flushing, syncing or renaming fails.
    pub fn finish(mut self) -> std::io::Result<()> {
        let out = self.out.take().expect("open until finished");
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        std::fs::rename(&self.temp, &self.target)
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.out.is_some() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// The page's file name for an input: its path with every character that is not a letter, a digit or
/// a Chinese character made `_`, so that every input has its own page.
pub fn page_name(file: &str) -> String {
    let safe: String = file
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let safe: String = safe
        .trim_start_matches('_')
        .chars()
        .rev()
        .take(120)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("{safe}.html")
}

/// Writes a file whole or not at all: into a hidden temporary file beside it, then renamed.
///
/// # Errors
///
/// When the temporary file cannot be written or renamed; it is then removed.
pub fn write_whole(path: &Path, contents: &str) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&temp, contents)
        .and_then(|()| std::fs::rename(&temp, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&temp);
        })
}

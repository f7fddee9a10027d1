//! Writing output files whole or not at all, and naming the HTML pages.

use std::io::Write;
use std::path::Path;

/// A file written whole or not at all: into a temporary file beside it (created exclusively, with a
/// random name, never through a link planted there), renamed into place when finished. Dropped
/// unfinished (an error, a closed pipe, an interrupt), the temporary file is removed.
pub struct AtomicFile {
    target: std::path::PathBuf,
    out: Option<(std::io::BufWriter<std::fs::File>, tempfile::TempPath)>,
}

impl AtomicFile {
    /// Creates the temporary file in `target`'s folder.
    ///
    /// # Errors
    ///
    /// When the temporary file cannot be created.
    pub fn create(target: &Path) -> std::io::Result<AtomicFile> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir = match target.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        #[cfg(unix)]
        {
            // As a file created in the ordinary way: readable by others unless the umask says not.
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let (file, path) = builder.tempfile_in(dir)?.into_parts();
        Ok(AtomicFile {
            target: target.to_path_buf(),
            out: Some((std::io::BufWriter::new(file), path)),
        })
    }

    /// Appends `s`.
    ///
    /// # Errors
    ///
    /// When the write fails.
    pub fn write(&mut self, s: &str) -> std::io::Result<()> {
        let (out, _) = self.out.as_mut().expect("open until finished");
        out.write_all(s.as_bytes())
    }

    /// Appends `bytes`.
    ///
    /// # Errors
    ///
    /// When the write fails.
    pub fn write_bytes(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        let (out, _) = self.out.as_mut().expect("open until finished");
        out.write_all(bytes)
    }

    /// Flushes the file to disk and renames it into place; on an error the temporary file is
    /// removed.
    ///
    /// # Errors
    ///
    /// When flushing, syncing or renaming fails.
    pub fn finish(mut self) -> std::io::Result<()> {
        let (out, path) = self.out.take().expect("open until finished");
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        path.persist(&self.target).map_err(|e| e.error)
    }
}

/// The page's file name for the input at `index` of a batch (counted from 0): the index, which makes
/// it unique, and the last characters of the file's name (letters, digits and Chinese characters;
/// others made `_`) so that a person can tell the pages apart. Never `index.html`, and short whatever
/// the path (at most 24 characters of the name). The page itself shows the whole name.
///
/// ```
/// use fazhi_check::batch::page_name;
///
/// assert_eq!(page_name(0, "reports/青石镇 2023.txt"), "0001-青石镇_2023.html");
/// assert_ne!(page_name(1, "a b.txt"), page_name(2, "a_b.txt"));
/// ```
pub fn page_name(index: usize, file: &str) -> String {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    };
    let safe: Vec<char> = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let tail: String = safe[safe.len().saturating_sub(24)..].iter().collect();
    let tail = tail.trim_matches('_');
    if tail.is_empty() {
        format!("{:04}.html", index + 1)
    } else {
        format!("{:04}-{tail}.html", index + 1)
    }
}

/// Writes a file whole or not at all, as [`AtomicFile`] does.
///
/// # Errors
///
/// When the temporary file cannot be created, written or renamed; it is then removed.
pub fn write_whole(path: &Path, contents: &str) -> std::io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write(contents)?;
    file.finish()
}

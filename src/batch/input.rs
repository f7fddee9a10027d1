//! Reading an item's bytes, within the checker's size limit.

use std::io::Read;
use std::path::Path;

use super::walk::Item;
use crate::error::Error;

/// Reads a file, refusing one above `limit` bytes before reading it, and anything that is not a
/// regular file (a FIFO would wait for a writer, a device never ends).
///
/// # Errors
///
/// [`Error::Read`] when the file cannot be opened or read, or is not a regular file;
/// [`Error::TooLarge`] above the limit.
pub fn read_file(path: &Path, limit: usize) -> Result<Vec<u8>, Error> {
    let kind = std::fs::metadata(path)
        .map_err(|source| Error::Read { source })?
        .file_type();
    if !kind.is_file() {
        let what = if kind.is_dir() {
            "a folder"
        } else {
            "not a regular file (a FIFO, a device or a socket)"
        };
        return Err(Error::Read {
            source: std::io::Error::other(what),
        });
    }
    let file = std::fs::File::open(path).map_err(|source| Error::Read { source })?;
    let size = file
        .metadata()
        .map_err(|source| Error::Read { source })?
        .len();
    if size > limit as u64 {
        return Err(Error::TooLarge {
            size: usize::try_from(size).unwrap_or(usize::MAX),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Read { source })?;
    Ok(bytes)
}

impl Item {
    /// The item's bytes: the file read within `limit`, or the error the walk met.
    ///
    /// # Errors
    ///
    /// As [`read_file`], or the walk's error for an [`Item::Unreadable`]; for an [`Item::OtherKind`],
    /// [`Error::NotText`] naming the kind found (see
    /// [`refuse_other_kind`](crate::read::extract::refuse_other_kind)).
    pub fn bytes(&self, limit: usize) -> Result<Vec<u8>, Error> {
        match self {
            Item::File(path) => read_file(path, limit),
            Item::OtherKind(path) => {
                let bytes = read_file(path, limit)?;
                Err(crate::read::extract::refuse_other_kind(
                    &bytes,
                    &path.to_string_lossy(),
                ))
            }
            Item::Unreadable(_, e) => Err(Error::Read {
                source: std::io::Error::new(e.kind(), e.to_string()),
            }),
        }
    }
}

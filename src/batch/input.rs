//! Reading an item's bytes, within the checker's size limit.

use std::path::Path;

use super::walk::Item;
use crate::error::Error;
use crate::read::file::{Limited, read_limited};

/// Reads standard input, at most `limit` bytes and one more (so that input above the limit is
/// known as such without reading it all): an [`Item::Stdin`], or an [`Item::Unreadable`] named `-`.
pub fn read_stdin(limit: usize) -> Item {
    use std::io::Read;
    let mut bytes = Vec::new();
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    match std::io::stdin().lock().take(cap).read_to_end(&mut bytes) {
        Ok(_) => Item::Stdin(bytes),
        Err(e) => Item::Unreadable(std::path::PathBuf::from("-"), e),
    }
}

/// Reads a file, refusing one above `limit` bytes before reading it, and anything that is not a
/// regular file. The open does not block and the kind is checked on the handle opened, so a file
/// swapped for a FIFO or a device after the walk saw it cannot make the run wait; reading stops past
/// the limit whatever size the file claims.
///
/// # Errors
///
/// [`Error::Read`] when the file cannot be opened or read, or is not a regular file;
/// [`Error::TooLarge`] above the limit.
pub fn read_file(path: &Path, limit: usize) -> Result<Vec<u8>, Error> {
    match read_limited(path, limit).map_err(|source| Error::Read { source })? {
        Limited::Whole(bytes) => Ok(bytes),
        Limited::TooLarge(size) => Err(Error::TooLarge {
            size: usize::try_from(size).unwrap_or(usize::MAX),
            limit,
        }),
    }
}

impl Item {
    /// The item's bytes: the file read within `limit`, or the error the walk met.
    ///
    /// # Errors
    ///
    /// As [`read_file`], or the walk's error for an [`Item::Unreadable`]; [`Error::TooLarge`] for
    /// standard input above `limit`; for an [`Item::OtherKind`],
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
            Item::Stdin(bytes) if bytes.len() > limit => Err(Error::TooLarge {
                size: bytes.len(),
                limit,
            }),
            Item::Stdin(bytes) => Ok(bytes.clone()),
            Item::Unreadable(_, e) => Err(Error::Read {
                source: std::io::Error::new(e.kind(), e.to_string()),
            }),
        }
    }
}

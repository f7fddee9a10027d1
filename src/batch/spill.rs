//! Reports checked and not yet written, held on disk while the batch looks for copied text: the
//! copied-text findings of a report may depend on the reports after it, so the outputs wait for the
//! whole batch, and memory holds only the reports' fingerprints. An anonymous temporary file (gone
//! when the run ends, however it ends); in memory where none can be made.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};

/// Where a held record stands.
#[derive(Debug, Clone, Copy)]
pub(super) struct Place {
    at: u64,
    len: usize,
}

/// Records appended while checking, read back by place when writing.
pub(super) enum Spill {
    /// Being written.
    Writing(BufWriter<File>, u64),
    /// Written, being read back.
    Reading(File),
    /// No temporary file could be made (or written): in memory.
    Memory(Vec<u8>),
}

impl Spill {
    /// An anonymous temporary file, or memory where none can be made.
    pub(super) fn new() -> Spill {
        match tempfile::tempfile() {
            Ok(file) => Spill::Writing(BufWriter::new(file), 0),
            Err(_) => Spill::Memory(Vec::new()),
        }
    }

    /// Appends a record: where it stands.
    pub(super) fn push(&mut self, record: &[u8]) -> Place {
        if let Spill::Writing(out, len) = self {
            let at = *len;
            if out.write_all(record).is_ok() {
                *len += record.len() as u64;
                return Place {
                    at,
                    len: record.len(),
                };
            }
            // The disk is full, say: what was written is read back into memory and the run goes on.
            let mut kept = Vec::new();
            let read = out.flush().ok().and_then(|()| {
                let file = out.get_mut();
                file.seek(SeekFrom::Start(0)).ok()?;
                file.take(at).read_to_end(&mut kept).ok()
            });
            if read.is_none() {
                kept.clear();
            }
            *self = Spill::Memory(kept);
        }
        match self {
            Spill::Memory(memory) => {
                let at = memory.len() as u64;
                memory.extend_from_slice(record);
                Place {
                    at,
                    len: record.len(),
                }
            }
            _ => unreachable!("a spill being read is not written to"),
        }
    }

    /// The record at `place`.
    ///
    /// # Errors
    ///
    /// When the temporary file cannot be read back.
    pub(super) fn read(&mut self, place: Place) -> std::io::Result<Vec<u8>> {
        if let Spill::Writing(out, _) = self {
            out.flush()?;
            let file = out.get_ref().try_clone()?;
            *self = Spill::Reading(file);
        }
        match self {
            Spill::Reading(file) => {
                file.seek(SeekFrom::Start(place.at))?;
                let mut record = vec![0; place.len];
                file.read_exact(&mut record)?;
                Ok(record)
            }
            Spill::Memory(memory) => memory
                .get(place.at as usize..place.at as usize + place.len)
                .map(<[u8]>::to_vec)
                .ok_or_else(|| std::io::Error::other("a held record was lost")),
            Spill::Writing(..) => unreachable!("flushed above"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_are_read_back_as_written() {
        for mut spill in [Spill::new(), Spill::Memory(Vec::new())] {
            let a = spill.push(b"first record");
            let b = spill.push("第二条".as_bytes());
            assert_eq!(spill.read(b).unwrap(), "第二条".as_bytes());
            assert_eq!(spill.read(a).unwrap(), b"first record");
        }
    }
}

//! Opening a file to read without ever waiting on it: the open does not block (a FIFO without a
//! writer would wait forever), the kind is checked on the open handle (a file swapped for a FIFO
//! or a device between a look at its path and the open is caught), and reading stops one byte past
//! the limit whatever size the file claims (`/dev/zero`, files under `/proc`).

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// A file's bytes read within a limit, or its size when over it.
#[derive(Debug)]
pub enum Limited {
    /// The whole file, at most the limit.
    Whole(Vec<u8>),
    /// The file holds more than the limit: its size (as reported, or as far as it was read).
    TooLarge(u64),
}

/// Opens `path` for reading without blocking, and refuses anything but a regular file, looking at
/// the handle opened (not the path, which may have changed in between).
///
/// # Errors
///
/// The open's error, or an error of kind `InvalidInput` naming what the path is when it is a folder,
/// a FIFO, a socket or a device.
pub fn open_regular(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    let kind = file.metadata()?.file_type();
    if kind.is_file() {
        Ok(file)
    } else {
        let what = if kind.is_dir() {
            "这是文件夹，不是文件"
        } else {
            "不是普通文件（命名管道、设备或套接字），未读取"
        };
        Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, what))
    }
}

/// Reads a regular file (see [`open_regular`]), at most `limit` bytes: a file that claims more, or
/// turns out to hold more, is [`Limited::TooLarge`] without being read further.
///
/// # Errors
///
/// As [`open_regular`], or a read error.
pub fn read_limited(path: &Path, limit: usize) -> std::io::Result<Limited> {
    let file = open_regular(path)?;
    let size = file.metadata()?.len();
    if size > limit as u64 {
        return Ok(Limited::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        return Ok(Limited::TooLarge(bytes.len() as u64));
    }
    Ok(Limited::Whole(bytes))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_is_refused_at_once_without_a_writer() {
        // Without O_NONBLOCK the open itself waits for a writer: this test would never end.
        let dir = std::env::temp_dir().join(format!("fazhi-open-fifo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("r.txt");
        let _ = std::fs::remove_file(&fifo);
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let e = open_regular(&fifo).unwrap_err();
        assert!(e.to_string().contains("不是普通文件"), "{e}");
        assert!(read_limited(Path::new("/dev/zero"), 10).is_err());
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn reading_stops_past_the_limit() {
        let dir = std::env::temp_dir().join(format!("fazhi-read-limit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.txt");
        std::fs::write(&path, "0123456789").unwrap();
        assert!(matches!(
            read_limited(&path, 9).unwrap(),
            Limited::TooLarge(10)
        ));
        assert!(matches!(read_limited(&path, 10).unwrap(), Limited::Whole(b) if b.len() == 10));
        std::fs::remove_dir_all(&dir).ok();
    }
}

//! Which files of a folder are report submissions, and which are office junk.
//!
//! The library reads no files itself; a tool that walks a folder of reports uses
//! [`SUPPORTED_EXTENSIONS`] (or [`is_supported`]) to know which files are in a form the checker
//! reads, and [`is_junk`] to know which are left behind by office programs and browsers and are no
//! submission at all, so that every tool built on the crate agrees on the lists. Every other file is
//! a submission that gets a record: read, or refused with a reason.

use std::path::Path;

/// File name extensions (lower case, without the dot) of the report forms the checker reads: plain
/// text, Markdown, web pages (also saved as one .mht file), Word .docx and .doc, WPS .wps,
/// OpenDocument .odt, RTF, PDF and OFD.
pub const SUPPORTED_EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "html", "htm", "xhtml", "shtml", "docx", "doc", "wps", "odt", "rtf",
    "pdf", "mht", "mhtml", "ofd",
];

/// Whether `path` names a file of a supported kind, by its extension, ignoring case.
///
/// ```
/// use fazhi_check::batch::files::is_supported;
///
/// assert!(is_supported("reports/青石镇2023年报告.TXT".as_ref()));
/// assert!(is_supported("a/b.docx".as_ref()));
/// assert!(is_supported("a/b.pdf".as_ref()));
/// assert!(!is_supported("scan.png".as_ref()));
/// assert!(!is_supported("README".as_ref()));
/// ```
pub fn is_supported(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        SUPPORTED_EXTENSIONS
            .iter()
            .any(|s| s.eq_ignore_ascii_case(e))
    })
}

/// Whether `path` is office junk rather than a submission: a lock file Word or WPS (`~$报告.docx`)
/// or LibreOffice (`.~lock.报告.docx#`) leaves while a document is open, Windows' `desktop.ini` and
/// `Thumbs.db`, the Mac's `.DS_Store`, or (when `is_dir`) the folder a browser saves beside a page
/// (`报告_files` or `报告.files` next to `报告.htm`, `.html` or `.mht`).
///
/// ```
/// use fazhi_check::batch::files::is_junk;
///
/// assert!(is_junk("收件/~$青石镇报告.docx".as_ref(), false));
/// assert!(is_junk("收件/.~lock.青石镇报告.docx#".as_ref(), false));
/// assert!(is_junk("收件/Thumbs.db".as_ref(), false));
/// assert!(!is_junk("收件/青石镇报告.docx".as_ref(), false));
/// ```
pub fn is_junk(path: &Path, is_dir: bool) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if is_dir {
        let page = name
            .strip_suffix("_files")
            .or_else(|| name.strip_suffix(".files"));
        return page.is_some_and(|page| {
            let parent = path.parent().unwrap_or(Path::new(""));
            ["htm", "html", "mht", "mhtml", "HTM", "HTML", "MHT", "MHTML"]
                .iter()
                .any(|ext| parent.join(format!("{page}.{ext}")).is_file())
        });
    }
    name.starts_with("~$")
        || (name.starts_with(".~lock.") && name.ends_with('#'))
        || ["desktop.ini", "thumbs.db", ".ds_store"]
            .iter()
            .any(|junk| junk.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junk_names() {
        for junk in [
            "~$报告.doc",
            "~$WPS报告.wps",
            ".~lock.a.odt#",
            "Desktop.ini",
            "THUMBS.DB",
            ".DS_Store",
        ] {
            assert!(is_junk(Path::new(junk), false), "{junk}");
        }
        for kept in ["报告.doc", ".~lock.a.odt", "a~$b.doc", "desktop.ini.txt"] {
            assert!(!is_junk(Path::new(kept), false), "{kept}");
        }
    }

    #[test]
    fn a_pages_files_folder_is_junk_only_beside_its_page() {
        let dir = tempfile::tempdir().unwrap();
        let files = dir.path().join("报告_files");
        std::fs::create_dir(&files).unwrap();
        assert!(!is_junk(&files, true));
        std::fs::write(dir.path().join("报告.htm"), "<p>a</p>").unwrap();
        assert!(is_junk(&files, true));
        assert!(!is_junk(&dir.path().join("其他_files"), true));
    }
}

//! Reading arbitrary bytes as a report file (text, HTML, Word) never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in [None, Some("x.html"), Some("x.docx"), Some("x.md")] {
        let _ = fazhi_check::extract(data, name);
    }
});

//! Reading arbitrary bytes as a report file, under any form's name, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in [
        None,
        Some("x.html"),
        Some("x.docx"),
        Some("x.md"),
        Some("x.wps"),
        Some("x.mht"),
    ] {
        let _ = fazhi_check::extract(data, name);
    }
});

//! Reading arbitrary bytes as a report file, under any form's name, never panics; nor does a page
//! that nests the bytes thousands of elements deep (the nesting is bounded before the parser).
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
    if let (Some(&depth), Ok(text)) = (data.first(), std::str::from_utf8(data)) {
        let depth = usize::from(depth) * 40;
        let page = format!(
            "<html><body>{}{text}{}</body></html>",
            "<div><span>".repeat(depth),
            "</span></div>".repeat(depth / 2)
        );
        let _ = fazhi_check::extract(page.as_bytes(), Some("x.html"));
    }
});

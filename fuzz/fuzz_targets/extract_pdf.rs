//! Reading arbitrary bytes behind a PDF header never panics (pdf-extract's own panics are caught and
//! refused; run with panic=abort off to see them as refusals rather than crashes).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend_from_slice(data);
    let _ = fazhi_check::extract(&bytes, Some("x.pdf"));
});

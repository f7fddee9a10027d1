//! Reading arbitrary bytes as a single-file web page (.mht) never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes =
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n".to_vec();
    bytes.extend_from_slice(data);
    let _ = fazhi_check::extract(&bytes, Some("x.mht"));
});

//! Reading arbitrary bytes behind an OLE compound-file header (Word .doc, WPS .wps) never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.extend_from_slice(data);
    let _ = fazhi_check::extract(&bytes, Some("x.doc"));
    let _ = fazhi_check::extract(&bytes, Some("x.wps"));
});

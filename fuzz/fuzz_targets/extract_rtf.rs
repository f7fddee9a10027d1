//! Reading arbitrary bytes as RTF never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"{\\rtf1\\ansi\\ansicpg936 ".to_vec();
    bytes.extend_from_slice(data);
    let _ = fazhi_check::extract(&bytes, Some("x.rtf"));
});

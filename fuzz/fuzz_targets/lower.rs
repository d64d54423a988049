//! Bytes -> parse -> check -> lower to Go text (no `go build`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(checked) = ard2go_fuzz::check(data) {
        let _ = ard2go::driver::generate(&checked);
    }
});

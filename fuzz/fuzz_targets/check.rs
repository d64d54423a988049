//! Bytes -> parse -> check (in memory, with the embedded standard library).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = ard2go_fuzz::check(data);
});

//! Arbitrary bytes -> `ard2go fmt` (#14). For text that parses, formatting
//! must not panic, its output must parse, formatting the output again must
//! change nothing, and every comment must survive. Text that does not parse
//! must give diagnostics, like `parse`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = ard2go_fuzz::text_of(data);
    let Ok(once) = ard2go::format::format_source(&text) else {
        return;
    };
    let twice = match ard2go::format::format_source(&once) {
        Ok(t) => t,
        Err(d) => panic!("formatted text does not parse: {d:?}\n--- formatted\n{once}"),
    };
    assert_eq!(
        once, twice,
        "formatting is not idempotent\n--- input\n{text}\n--- once\n{once}"
    );
    let mut before = ard2go::format::comments::texts(&text);
    let mut after = ard2go::format::comments::texts(&once);
    before.sort_unstable();
    after.sort_unstable();
    assert_eq!(before, after, "comments changed\n--- formatted\n{once}");
});

//! Arbitrary bytes -> the parser. It must return an AST or diagnostics,
//! never panic, overflow the stack or take more than a second.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = ard2go_fuzz::text_of(data);
    let mut sources = ard2go::source::SourceMap::new();
    let file = sources.add("main.ard", text.clone());
    if let Err(diags) = ard2go::syntax::parse(file, &text) {
        let _ = ard2go::diagnostic::render(&diags, &sources, false);
    }
});

//! Structure-aware fuzzing: the input bytes steer the random program
//! generator of tests/generator, so every input is a well-typed Ard program.
//! The checker must accept it (a rejection is a checker or generator bug)
//! and the lowering must produce Go without panicking. (Whether the Go
//! builds is tests/generated_programs.rs's job: `go build` is too slow here.)
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/generator/mod.rs"]
mod generator;

fuzz_target!(|data: &[u8]| {
    let prog = generator::generate_with(generator::Rng::from_bytes(data));
    let fs = ard2go_fuzz::OneFile {
        text: prog.source.clone(),
    };
    match ard2go::driver::check_path(std::path::Path::new(ard2go_fuzz::ENTRY), &fs) {
        Ok(checked) => {
            let _ = ard2go::driver::generate(&checked);
        }
        Err(ard2go::driver::CompileError::Diagnostics(sources, diags)) => {
            let text = ard2go::diagnostic::render(&diags, &sources, false);
            panic!(
                "the checker rejected a generated program:\n{text}\n--- program\n{}",
                prog.source
            );
        }
        Err(ard2go::driver::CompileError::Load(e)) => panic!("load error: {e}"),
    }
});

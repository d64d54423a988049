//! End-to-end tests of our own Ard programs: every `tests/programs/<area>/
//! <name>.ard` (or project folder `<name>/` with `main.ard`) is compiled and
//! run with a real Go toolchain, and checked against `<name>.out`,
//! `<name>.fail` or `<name>.panic` (same format as the conformance suite).
//! The examples in `examples/` must build and run too.

mod common;
use common::*;

#[test]
fn test_programs() {
    let dir = root().join("tests").join("programs");
    let cases = cases_in(&dir);
    assert!(
        !cases.is_empty(),
        "no test programs found in {}",
        dir.display()
    );
    let failures = parallel(
        &cases,
        |c| c.0.clone(),
        |(_, path, area, name)| {
            let expect = expectation(area, name).ok_or("no expectation")?;
            let cwd = path.parent().unwrap().to_path_buf();
            let out = run_program(path, &cwd, &env_of(area, name));
            check_outcome(&out, &expect)
        },
    );
    assert!(
        failures.is_empty(),
        "{} of {} programs failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

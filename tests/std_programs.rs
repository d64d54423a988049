//! The standard library's example programs (`runtime-go/<module>/testdata/
//! *.ard` with `.out`, and `.in` piped to stdin when present) compile and
//! run with the expected output (STD-xx features, end to end).

mod common;
use common::*;
use std::process::Stdio;

#[test]
fn std_example_programs() {
    let mut programs = Vec::new();
    for m in std::fs::read_dir(root().join("runtime-go"))
        .unwrap()
        .flatten()
    {
        let data = m.path().join("testdata");
        let Ok(files) = std::fs::read_dir(&data) else {
            continue;
        };
        for f in files.flatten() {
            let p = f.path();
            if p.extension().is_some_and(|e| e == "ard") && p.with_extension("out").is_file() {
                programs.push(p);
            }
        }
    }
    programs.sort();
    assert!(
        programs.len() >= 10,
        "expected std example programs, found {}",
        programs.len()
    );
    let failures = parallel(
        &programs,
        |p| p.display().to_string(),
        |p| {
            // Run in a scratch folder: some programs create files.
            let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;
            let src = scratch.path().join(p.file_name().unwrap());
            std::fs::copy(p, &src).map_err(|e| e.to_string())?;
            let mut cmd = ard2go();
            cmd.arg("run").arg(&src).current_dir(scratch.path());
            let input = p.with_extension("in");
            if input.is_file() {
                cmd.stdin(std::fs::File::open(&input).map_err(|e| e.to_string())?);
            } else {
                cmd.stdin(Stdio::null());
            }
            let out = cmd.output().map_err(|e| e.to_string())?;
            let want =
                std::fs::read_to_string(p.with_extension("out")).map_err(|e| e.to_string())?;
            check_outcome(&out, &Expect::Out(want))
        },
    );
    assert!(
        failures.is_empty(),
        "{} std programs failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

//! Runs every public conformance case (`../shared/conformance/cases`)
//! through `ard2go run` and reports failures by case name.

mod common;
use common::*;

/// Cases that need features of another open issue, with the reason. Keep
/// this list empty when everything passes.
const EXPECTED_FAILURES: &[(&str, &str)] = &[];

#[test]
fn public_conformance_cases() {
    let dir = shared().join("conformance").join("cases");
    assert!(
        dir.is_dir(),
        "conformance cases not found at {}",
        dir.display()
    );
    let cases = cases_in(&dir);
    assert!(
        cases.len() > 50,
        "expected the public conformance suite, found {} cases",
        cases.len()
    );
    let failures = parallel(
        &cases,
        |c| c.0.clone(),
        |(id, path, area, name)| {
            let expect = expectation(area, name).ok_or("no expectation")?;
            // Each case runs in a scratch copy, like the shared runner does.
            let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;
            let target = if path.ends_with("main.ard") {
                let src = path.parent().unwrap();
                let dst = scratch.path().join(name);
                copy_dir(src, &dst).map_err(|e| e.to_string())?;
                dst.join("main.ard")
            } else {
                let dst = scratch.path().join(format!("{name}.ard"));
                std::fs::copy(path, &dst).map_err(|e| e.to_string())?;
                dst
            };
            let cwd = target.parent().unwrap().to_path_buf();
            let out = run_program(&target, &cwd, &env_of(area, name));
            let result = check_outcome(&out, &expect);
            match (result, EXPECTED_FAILURES.iter().find(|(c, _)| c == id)) {
                (Ok(()), Some(_)) => Err("passes now: remove it from EXPECTED_FAILURES".into()),
                (Err(_), Some(_)) | (Ok(()), None) => Ok(()),
                (Err(e), None) => Err(e),
            }
        },
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

fn copy_dir(src: &std::path::Path, dst: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dst)?;
    for e in std::fs::read_dir(src)? {
        let e = e?;
        let to = dst.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &to)?;
        } else {
            std::fs::copy(e.path(), to)?;
        }
    }
    Ok(())
}

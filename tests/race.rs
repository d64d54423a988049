//! Every fiber program in the tests runs under Go's race detector
//! (`ard2go run --race`) with the expected output and no race report:
//! fibers share nothing, so there is nothing to find.

mod common;
use common::*;

#[test]
fn fiber_programs_are_race_free() {
    let mut cases = Vec::new();
    for dir in [
        shared().join("conformance").join("cases"),
        root().join("tests").join("programs"),
    ] {
        for case in cases_in(&dir) {
            let is_fiber_area = case.0.starts_with("fibers/");
            let uses_async =
                std::fs::read_to_string(&case.1).is_ok_and(|t| t.contains("async::start"));
            if (is_fiber_area || uses_async)
                && matches!(expectation(&case.2, &case.3), Some(Expect::Out(_)))
            {
                cases.push(case);
            }
        }
    }
    assert!(
        cases.len() >= 10,
        "expected fiber programs, found {}",
        cases.len()
    );
    let failures = parallel(
        &cases,
        |c| c.0.clone(),
        |(_, path, area, name)| {
            let expect = expectation(area, name).ok_or("no expectation")?;
            let mut cmd = ard2go();
            cmd.arg("run")
                .arg("--race")
                .arg(path)
                .current_dir(path.parent().unwrap());
            for (k, v) in env_of(area, name) {
                cmd.env(k, v);
            }
            let out = cmd
                .stdin(std::process::Stdio::null())
                .output()
                .map_err(|e| e.to_string())?;
            if text(&out.stderr).contains("DATA RACE") {
                return Err(format!("race detected:\n{}", text(&out.stderr)));
            }
            check_outcome(&out, &expect)
        },
    );
    assert!(
        failures.is_empty(),
        "{} fiber programs failed under -race:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

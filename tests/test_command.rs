//! `ard2go test` end to end with a real Go toolchain (issue 13): pass, fail,
//! Ard panic, run-time fault, time limit, filter, fail-fast, JSON output,
//! fresh module state per test, private access rules, tests in `test/`, a
//! single file, fibers inside a test, and `check --json`.

mod common;
use assert_cmd::Command;
use common::*;
use predicates::prelude::*;
use std::path::Path;

fn cmd() -> Command {
    let mut c = Command::cargo_bin("ard2go").unwrap();
    c.env("ARD2GO_CACHE", cache_dir());
    c
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
}

const MAIN: &str = "use ard/io\nuse calc/math\n\nfn main() {\n  io::print(math::add(1, 2))\n}\n";

/// Module state, a private helper and one test of every outcome but the
/// time-out.
const MATH: &str = r#"use ard/io
use ard/async
use ard/testing

mut calls = 0

fn add(a: Int, b: Int) Int {
  calls =+ 1
  a + b
}

private fn secret() Int { 42 }

test fn adds() Void!Str {
  try testing::assert(add(1, 2) == 3, "1 + 2 should be 3")
  testing::pass()
}

test fn sees_private() Void!Str {
  testing::equal(secret(), 42)
}

test fn fresh_state_one() Void!Str {
  add(1, 1)
  testing::equal(calls, 1)
}

test fn fresh_state_two() Void!Str {
  add(1, 1)
  add(1, 1)
  testing::equal(calls, 2)
}

test fn wrong_sum() Void!Str {
  io::print("checking 2 + 2")
  testing::equal(add(2, 2), 5)
}

test fn panics() Void!Str {
  panic("boom")
}

test fn faults() Void!Str {
  let xs = [1, 2, 3]
  let x = xs.at(add(2, 3))
  testing::equal(x, 1)
}

test fn fibers_inside() Void!Str {
  let f = async::start(fn() {
    add(5, 5)
    io::print("in a fiber")
  })
  f.join()
  testing::equal(add(1, 1), 2)
}
"#;

const OUTSIDE: &str = r#"use ard/testing
use calc/math

test fn uses_public_api() Void!Str {
  testing::equal(math::add(2, 3), 5)
}
"#;

fn project(dir: &Path) {
    write(dir, "ard.toml", "name = \"calc\"\n");
    write(dir, "main.ard", MAIN);
    write(dir, "math.ard", MATH);
    write(dir, "test/math_test.ard", OUTSIDE);
}

fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    text(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l:?}: {e}")))
        .collect()
}

#[test]
fn project_tests_report_each_failure_and_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path());
    let out = cmd()
        .args(["test", "."])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains(
            "FAIL math::wrong_sum (./math.ard:34): expected 5, got 4\n    | checking 2 + 2\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("PANIC math::panics (./math.ard:40): boom\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("PANIC math::faults (./math.ard:45): fatal error: Index out of range (5) on list of length 3\n"),
        "{stdout}"
    );
    // Fresh state per test, private access, fibers and test/ pass.
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("FAIL")).count(),
        1,
        "{stdout}"
    );
    let summary = stdout.lines().last().unwrap();
    assert!(
        summary.starts_with("9 tests: 6 passed, 1 failed, 2 panicked ("),
        "{summary}"
    );
    assert!(summary.ends_with(" s)"), "{summary}");

    // The same run one test at a time: state is still fresh per test.
    cmd()
        .args(["test", ".", "-j", "1", "--filter", "fresh_state"])
        .current_dir(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::starts_with("2 tests: 2 passed"));

    // `run` leaves the tests out.
    cmd()
        .args(["run", "."])
        .current_dir(dir.path())
        .assert()
        .success()
        .stdout("3\n");
}

#[test]
fn json_output_has_one_object_per_test_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path());
    let out = cmd()
        .args(["test", "--json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out.stdout);
    let tests: Vec<&serde_json::Value> = lines.iter().filter(|v| v["type"] == "test").collect();
    assert_eq!(tests.len(), 9);
    for t in &tests {
        for key in [
            "name",
            "outcome",
            "message",
            "file",
            "line",
            "duration_ms",
            "output",
        ] {
            assert!(t.get(key).is_some(), "{key} missing in {t}");
        }
    }
    let by_name = |n: &str| *tests.iter().find(|t| t["name"] == n).unwrap();
    let fault = by_name("math::faults");
    assert_eq!(fault["outcome"], "panic");
    assert_eq!(fault["file"], "./math.ard");
    assert_eq!(fault["line"], 45);
    let fail = by_name("math::wrong_sum");
    assert_eq!(fail["outcome"], "fail");
    assert_eq!(fail["message"], "expected 5, got 4");
    assert_eq!(fail["output"], "checking 2 + 2\n");
    assert_eq!(
        by_name("test/math_test::uses_public_api")["outcome"],
        "pass"
    );
    assert_eq!(by_name("math::fibers_inside")["outcome"], "pass");
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(
        (
            &summary["tests"],
            &summary["passed"],
            &summary["failed"],
            &summary["panicked"]
        ),
        (&9.into(), &6.into(), &1.into(), &2.into())
    );
}

#[test]
fn filter_and_fail_fast() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "many.ard",
        "use ard/testing\n\
         test fn fail_one() Void!Str { testing::fail(\"first\") }\n\
         test fn fail_two() Void!Str { testing::fail(\"second\") }\n\
         test fn fail_three() Void!Str { testing::fail(\"third\") }\n\
         test fn fail_four() Void!Str { testing::fail(\"fourth\") }\n\
         test fn fine() Void!Str { testing::pass() }\n",
    );
    let out = cmd()
        .args([
            "test",
            "many.ard",
            "-j",
            "1",
            "--fail-fast",
            "--filter",
            "fail_",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("FAIL many::"))
            .count(),
        1,
        "{stdout}"
    );
    assert!(
        stdout.contains("4 tests: 0 passed, 1 failed, 0 panicked, 3 not run ("),
        "{stdout}"
    );
    cmd()
        .args(["test", "many.ard", "--filter", "fine"])
        .current_dir(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "1 test: 1 passed, 0 failed, 0 panicked (",
        ));
    cmd()
        .args(["test", "many.ard", "--filter", "nothing-matches"])
        .current_dir(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "no test matches `nothing-matches`",
        ));
}

#[test]
fn single_file_with_a_hanging_test() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "spin.ard",
        "use ard/io\nuse ard/testing\n\nmut n = 0\n\nfn main() {\n  io::print(\"main\")\n}\n\n\
         test fn spins() Void!Str {\n  while true {\n    n =+ 1\n  }\n  testing::pass()\n}\n\n\
         test fn quick() Void!Str {\n  testing::equal(n, 0)\n}\n",
    );
    let started = std::time::Instant::now();
    let out = cmd()
        .args(["test", "spin.ard", "--timeout", "1s"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains("TIMEOUT spin::spins (spin.ard:10): did not finish within 1s\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("2 tests: 1 passed, 0 failed, 0 panicked, 1 timed out ("),
        "{stdout}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    cmd()
        .args(["run", "spin.ard"])
        .current_dir(dir.path())
        .assert()
        .success()
        .stdout("main\n");
}

#[test]
fn private_access_from_test_folder_is_a_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path());
    write(
        dir.path(),
        "test/sneaky.ard",
        "use ard/testing\nuse calc/math\n\ntest fn sneaky() Void!Str {\n  testing::equal(math::secret(), 42)\n}\n",
    );
    cmd()
        .args(["test", "."])
        .current_dir(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "`secret` is private to its module",
        ))
        .stderr(predicate::str::contains("test/sneaky.ard:5:24"));
    // `check` of a project folder checks its test files too, and --json
    // gives one object per diagnostic.
    let out = cmd()
        .args(["check", ".", "--json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 1, "{lines:?}");
    let d = &lines[0];
    assert_eq!(d["type"], "diagnostic");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["message"], "`secret` is private to its module");
    assert_eq!(d["file"], "./test/sneaky.ard");
    assert_eq!((&d["line"], &d["column"]), (&5.into(), &24.into()));
    assert_eq!(
        (&d["end"]["line"], &d["end"]["column"]),
        (&5.into(), &30.into())
    );
    assert_eq!(d["labels"][0]["message"], "not exported");
    assert_eq!(d["labels"][0]["primary"], true);
    assert!(d["notes"].is_array());
    // test --json reports diagnostics as JSON too, on stdout only.
    let out = cmd()
        .args(["test", "--json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_lines(&out.stdout)[0]["type"], "diagnostic");
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn check_json_has_secondary_labels_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bad.ard",
        "test fn t(x: Int) Void!Str { Result::ok(()) }\ntest fn d() Void!Str { Result::ok(()) }\ntest fn d() Void!Str { Result::ok(()) }\n",
    );
    let out = cmd()
        .args(["check", "bad.ard", "--json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["message"], "a test function takes no parameters");
    assert_eq!(
        lines[0]["notes"][0],
        "a test is declared as `test fn name() Void!Str { ... }`"
    );
    assert_eq!(lines[1]["labels"][1]["primary"], false);
    assert_eq!(lines[1]["labels"][1]["message"], "first declared here");
    assert_eq!(lines[1]["labels"][1]["line"], 2);
    // `build --json` too (here: the file has no `main`).
    write(dir.path(), "lib.ard", "fn helper() Int { 1 }\n");
    let out = cmd()
        .args(["build", "lib.ard", "--json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["message"], "no `main` function found");
    assert_eq!(
        (&lines[0]["file"], &lines[0]["line"]),
        (&"lib.ard".into(), &1.into())
    );
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn example_project_tests_pass() {
    cmd()
        .arg("test")
        .arg(root().join("examples/tested"))
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "6 tests: 6 passed, 0 failed, 0 panicked (",
        ));
}

#[test]
fn emit_tests_writes_the_harness_and_usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path());
    cmd()
        .args(["emit", ".", "--out-dir", "with", "--tests"])
        .current_dir(dir.path())
        .assert()
        .success();
    let harness = std::fs::read_to_string(dir.path().join("with/ard_test.go")).unwrap();
    assert!(
        harness.contains("func Test_math_adds(t *testing.T) {"),
        "{harness}"
    );
    assert!(harness.contains("math::adds (math.ard:14)"), "{harness}");
    cmd()
        .args(["emit", ".", "--out-dir", "without"])
        .current_dir(dir.path())
        .assert()
        .success();
    assert!(!dir.path().join("without/ard_test.go").exists());
    let main = std::fs::read_to_string(dir.path().join("without/mod_calc_math.go")).unwrap();
    assert!(!main.contains("ardtest_"), "{main}");
    for bad in [
        vec!["test", ".", "-j", "0"],
        vec!["test", ".", "--timeout", "soon"],
        vec!["test", ".", "--frobnicate"],
    ] {
        cmd().args(&bad).current_dir(dir.path()).assert().code(2);
    }
}

/// The generated test build is vet-clean, and the harness is gofmt-clean as
/// generated (the lowering's files are formatted as `emit` does).
#[test]
fn test_harness_is_gofmt_and_vet_clean() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path());
    let checked = match ard2go::driver::check_tests_path(dir.path(), &ard2go::load::RealFs) {
        Ok(c) => c,
        Err(_) => panic!("the project checks"),
    };
    let cases = ard2go::driver::select_tests(&checked, true, None);
    assert_eq!(cases.len(), 9);
    let (files, _) = ard2go::driver::generate_tests(&checked, &cases);
    let tc = ard2go::build::find_go(None).expect("go is installed");
    let files = files
        .into_iter()
        .map(|f| match f.name.as_str() {
            "ard_test.go" => (f.name, f.text),
            _ => {
                let text = ard2go::build::gofmt_source(&tc, &f.name, &f.text).unwrap();
                (f.name, text)
            }
        })
        .collect();
    let module = ard2go::build::GoModule::new(files);
    ard2go::build::gofmt_check(&tc, &module).unwrap_or_else(|e| panic!("{e}"));
    ard2go::build::go_vet(&tc, &module).unwrap_or_else(|e| panic!("{e}"));
}

/// A run-time fault in a fiber ends the whole test program (fibers.md §9):
/// the test that was running is reported as panicked with the fault and its
/// position, the tests that had not started as not run.
#[test]
fn fault_in_a_fiber_inside_a_test_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "crash.ard",
        "use ard/async\nuse ard/testing\n\ntest fn fiber_faults() Void!Str {\n  let f = async::start(fn() {\n    let xs = [1]\n    let n = xs.size() + 3\n    xs.at(n)\n  })\n  f.join()\n  testing::pass()\n}\n\ntest fn later() Void!Str {\n  testing::pass()\n}\n",
    );
    let out = cmd()
        .args(["test", "crash.ard", "-j", "1", "--filter", "fiber_faults"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("PANIC crash::fiber_faults (crash.ard:8): the test program crashed: Fatal error: Index out of range (4) on list of length 1\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("1 test: 0 passed, 0 failed, 1 panicked ("),
        "{stdout}"
    );
}

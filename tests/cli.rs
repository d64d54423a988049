//! The command line: every command, exit codes, arguments and stdin
//! passed through, and bad input handled with one clear line and no
//! partial output.

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

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

const ECHO: &str = r#"use ard/io

fn main() {
  io::print("hello")
  let line = io::read_line().or("")
  io::print("got {line}")
  panic("stop here")
}
"#;

#[test]
fn help_on_every_command() {
    for sub in ["build", "run", "check", "emit"] {
        cmd()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage"));
    }
    cmd()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("build"));
}

#[test]
fn usage_errors_exit_2() {
    cmd().assert().code(2);
    cmd().args(["frobnicate"]).assert().code(2);
    cmd().args(["build"]).assert().code(2);
}

#[test]
fn missing_file_is_one_line_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    cmd()
        .args(["check", "nope.ard"])
        .current_dir(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read nope.ard"));
    cmd()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("without a main.ard"));
}

#[test]
fn check_reports_located_errors_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "bad.ard",
        "fn main() {\n  let x: Int = \"s\"\n  y\n}\n",
    );
    cmd()
        .arg("check")
        .arg(&p)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.ard:2:16"))
        .stderr(predicate::str::contains("type mismatch"))
        .stderr(predicate::str::contains("undefined variable `y`"))
        .stderr(predicate::str::contains("2 errors"));
}

#[test]
fn check_accepts_valid_program() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "ok.ard", "fn helper() Int { 1 }\n");
    cmd().arg("check").arg(&p).assert().success();
}

#[test]
fn build_writes_binary_and_run_passes_io_and_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "echo.ard", ECHO);
    let out = dir.path().join("echo-bin");
    cmd()
        .arg("build")
        .arg(&p)
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert!(out.is_file());
    std::process::Command::new(&out).output().unwrap();
    cmd()
        .arg("run")
        .arg(&p)
        .write_stdin("world\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "hello\ngot world\nPanic: stop here",
        ));
}

#[test]
fn run_passes_arguments_through() {
    // No std function reads arguments yet; the program must still run
    // when given some, and they must not be taken as ard2go flags.
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "a.ard",
        "use ard/io\nfn main() { io::print(\"ran\") }\n",
    );
    cmd()
        .arg("run")
        .arg(&p)
        .args(["--", "--flag", "x"])
        .assert()
        .success()
        .stdout("ran\n");
}

#[test]
fn failed_build_leaves_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "bad.ard", "fn main() { let x: Int = true }\n");
    let out = dir.path().join("bin");
    cmd()
        .arg("build")
        .arg(&p)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    assert!(!out.exists());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 1, "unexpected files left: {names:?}");
}

#[test]
fn unwritable_output_is_one_line_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "a.ard", "fn main() {}\n");
    cmd()
        .arg("build")
        .arg(&p)
        .arg("-o")
        .arg(dir.path().join("no/such/dir/bin"))
        .assert()
        .code(2);
}

#[test]
fn missing_main_is_a_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "lib.ard", "fn helper() Int { 1 }\n");
    cmd()
        .arg("build")
        .arg(&p)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no `main` function"));
}

#[test]
fn emit_writes_a_module_that_go_builds() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "hi.ard",
        "use ard/io\nfn main() { io::print(\"hi\") }\n",
    );
    let out = dir.path().join("gen");
    cmd()
        .arg("emit")
        .arg(&p)
        .arg("--out-dir")
        .arg(&out)
        .assert()
        .success();
    assert!(out.join("go.mod").is_file() && out.join("main.go").is_file());
    let main = std::fs::read_to_string(out.join("main.go")).unwrap();
    assert!(main.contains("rt.Print(\"hi\")"), "{main}");
    let status = std::process::Command::new("go")
        .args(["build", "-o", "prog", "."])
        .current_dir(&out)
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "-mod=mod")
        .env("GOPROXY", "off")
        .status()
        .unwrap();
    assert!(status.success());
    let run = std::process::Command::new(out.join("prog"))
        .output()
        .unwrap();
    assert_eq!(text(&run.stdout), "hi\n");
}

#[test]
fn emit_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(root().join("examples").join("tour.ard")).unwrap();
    let p = write(dir.path(), "tour.ard", &src);
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    cmd()
        .arg("emit")
        .arg(&p)
        .arg("--out-dir")
        .arg(&a)
        .assert()
        .success();
    cmd()
        .arg("emit")
        .arg(&p)
        .arg("--out-dir")
        .arg(&b)
        .assert()
        .success();
    for f in std::fs::read_dir(&a).unwrap().flatten() {
        if f.path().is_file() {
            let other = b.join(f.file_name());
            assert_eq!(
                std::fs::read(f.path()).unwrap(),
                std::fs::read(other).unwrap(),
                "{:?}",
                f.file_name()
            );
        }
    }
}

#[test]
fn runtime_fault_exits_2_with_ard_position() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "fault.ard",
        "use ard/io\nfn main() {\n  io::print(\"before\")\n  let xs = [1, 2]\n  io::print(xs.at(5))\n}\n",
    );
    cmd()
        .arg("run")
        .arg(&p)
        .assert()
        .code(2)
        .stdout("before\n")
        .stderr(predicate::str::contains(
            "Index out of range (5) on list of length 2",
        ))
        .stderr(predicate::str::contains("fault.ard:5"));
}

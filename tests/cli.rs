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

/// Every file under `dir` (relative paths), sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap();
                out.push(rel.to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

/// #7 (safe outputs): builds and emits running at once, sharing one cache,
/// one `-o` path and one `--out-dir`, never see each other's half-written
/// files: every binary is complete and prints its own program's output,
/// every emitted folder is exactly one program's module, and nothing
/// temporary is left in TMPDIR, the cache or the output folder.
#[test]
fn concurrent_builds_and_emits_do_not_corrupt_each_other() {
    use std::process::{Command as Std, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let tmp = dir.path().join("tmp");
    let cache = dir.path().join("cache");
    let out = dir.path().join("out");
    for d in [&tmp, &out] {
        std::fs::create_dir(d).unwrap();
    }
    let words = ["red", "green", "blue"];
    let sources: Vec<_> = words
        .iter()
        .map(|w| {
            let body = format!(
                "use ard/io\n\nfn main() {{\n  mut n = 0\n  for i in 1..1000 {{\n    n =+ i\n  }}\n  io::print(\"{w} {{n}}\")\n}}\n"
            );
            write(dir.path(), &format!("{w}.ard"), &body)
        })
        .collect();
    let ard2go = |args: &[&std::ffi::OsStr]| {
        Std::new(env!("CARGO_BIN_EXE_ard2go"))
            .args(args)
            .env("ARD2GO_CACHE", &cache)
            .env("TMPDIR", &tmp)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let shared_bin = out.join("shared-bin");
    let shared_emit = out.join("shared-go");
    // Round 0 starts with an empty cache; round 1 hits it.
    for round in 0..2 {
        let mut children = Vec::new();
        for (w, src) in words.iter().zip(&sources) {
            let own = out.join(format!("{w}-bin"));
            children.push(ard2go(&[
                "build".as_ref(),
                src.as_os_str(),
                "-o".as_ref(),
                own.as_os_str(),
            ]));
            children.push(ard2go(&[
                "build".as_ref(),
                src.as_os_str(),
                "-o".as_ref(),
                shared_bin.as_os_str(),
            ]));
            children.push(ard2go(&[
                "emit".as_ref(),
                src.as_os_str(),
                "--out-dir".as_ref(),
                shared_emit.as_os_str(),
            ]));
        }
        for child in children {
            let res = child.wait_with_output().unwrap();
            assert!(res.status.success(), "round {round}: {}", text(&res.stderr));
        }
        for w in words {
            let run = Std::new(out.join(format!("{w}-bin"))).output().unwrap();
            assert_eq!(text(&run.stdout), format!("{w} 500500\n"), "round {round}");
        }
        let shared = text(&Std::new(&shared_bin).output().unwrap().stdout);
        assert!(
            words.iter().any(|w| shared == format!("{w} 500500\n")),
            "round {round}: the shared binary printed {shared:?}"
        );
        // The shared emit folder holds exactly one program's module.
        let main = std::fs::read_to_string(shared_emit.join("main.go")).unwrap();
        let which: Vec<_> = words
            .iter()
            .filter(|w| main.contains(&format!("\"{w} ")))
            .collect();
        assert_eq!(
            which.len(),
            1,
            "round {round}: main.go mixes programs:\n{main}"
        );
        let alone = dir.path().join(format!("alone-{round}"));
        let src = &sources[words.iter().position(|w| w == which[0]).unwrap()];
        cmd()
            .arg("emit")
            .arg(src)
            .arg("--out-dir")
            .arg(&alone)
            .assert()
            .success();
        assert_eq!(
            files_under(&shared_emit),
            files_under(&alone),
            "round {round}"
        );
        for f in files_under(&alone) {
            assert_eq!(
                std::fs::read(shared_emit.join(&f)).unwrap(),
                std::fs::read(alone.join(&f)).unwrap(),
                "round {round}: {f} differs from a lone emit"
            );
        }
    }
    assert_eq!(files_under(&tmp), Vec::<String>::new(), "left in TMPDIR");
    let mut expected: Vec<String> = words.iter().map(|w| format!("{w}-bin")).collect();
    expected.extend(["shared-bin".into(), "shared-go".into()]);
    expected.sort();
    let mut left: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, expected, "unexpected files in the output folder");
    let temps: Vec<_> = files_under(&cache)
        .into_iter()
        .filter(|f| f.contains(".tmp"))
        .collect();
    assert_eq!(temps, Vec::<String>::new(), "temp files left in the cache");
    // Each program is one cache entry, whichever build stored it.
    let bins = files_under(&cache.join("bin"));
    assert_eq!(bins.len(), words.len(), "cache entries: {bins:?}");
}

/// LANG-30, decision L11 (issue 12): calling a `private fn` method from
/// another module names the method and points at its declaration.
#[test]
fn private_method_error_points_at_its_declaration() {
    let project = root()
        .join("tests")
        .join("programs")
        .join("modules")
        .join("lang_30_private_method_from_importer");
    cmd()
        .arg("check")
        .arg(&project)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the method `doubled` of `Square` is private to the module `geo/shapes`",
        ))
        .stderr(predicate::str::contains("main.ard:11:15"))
        .stderr(predicate::str::contains("shapes.ard:8:14"))
        .stderr(predicate::str::contains("declared `private` here"))
        .stderr(predicate::str::contains("1 error"));
}

//! `ard2go fmt` on the command line (#14): files and folders in place,
//! `--check`, stdin to stdout, syntax errors, and writing only what changed.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn cmd() -> Command {
    Command::cargo_bin("ard2go").unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, text).unwrap();
    p
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap()
}

const MESSY: &str = "use ard/io\nfn main(){\n    io::print( \"hi\" )   // greet\n}\n";
const TIDY: &str = "use ard/io\nfn main() {\n  io::print(\"hi\") // greet\n}\n";
const BROKEN: &str = "fn main() {\n  let x = \n}\n";

#[test]
fn formats_a_folder_in_place_and_recurses() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.ard", MESSY);
    let b = write(dir.path(), "lib/b.ard", MESSY);
    let other = write(dir.path(), "notes.txt", MESSY);
    cmd().arg("fmt").arg(dir.path()).assert().success();
    assert_eq!(read(&a), TIDY);
    assert_eq!(read(&b), TIDY);
    assert_eq!(read(&other), MESSY);
}

#[test]
fn the_default_is_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "main.ard", MESSY);
    cmd().arg("fmt").current_dir(dir.path()).assert().success();
    assert_eq!(read(&a), TIDY);
}

#[test]
fn check_lists_the_files_that_would_change_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let messy = write(dir.path(), "messy.ard", MESSY);
    let tidy = write(dir.path(), "tidy.ard", TIDY);
    cmd()
        .args(["fmt", "--check"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("messy.ard").and(predicate::str::contains("tidy.ard").not()),
        );
    assert_eq!(read(&messy), MESSY);
    cmd()
        .args(["fmt", "--check"])
        .arg(&tidy)
        .assert()
        .success()
        .stdout("");
}

#[test]
fn files_that_are_already_formatted_are_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let tidy = write(dir.path(), "tidy.ard", TIDY);
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    std::fs::File::options()
        .write(true)
        .open(&tidy)
        .unwrap()
        .set_modified(old)
        .unwrap();
    cmd().arg("fmt").arg(&tidy).assert().success();
    assert_eq!(std::fs::metadata(&tidy).unwrap().modified().unwrap(), old);
    // No temporary files are left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_syntax_error_leaves_the_file_alone_and_the_others_are_formatted() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "a_bad.ard", BROKEN);
    let good = write(dir.path(), "b_good.ard", MESSY);
    cmd().arg("fmt").arg(dir.path()).assert().code(1).stderr(
        predicate::str::contains("a_bad.ard:3:1").and(predicate::str::contains(
            "not formatted because of 1 syntax error",
        )),
    );
    assert_eq!(read(&bad), BROKEN);
    assert_eq!(read(&good), TIDY);
}

#[test]
fn stdin_to_stdout() {
    cmd()
        .args(["fmt", "-"])
        .write_stdin(MESSY)
        .assert()
        .success()
        .stdout(TIDY);
    cmd()
        .args(["fmt", "-"])
        .write_stdin(BROKEN)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("<stdin>:3:1"));
}

#[test]
fn a_missing_path_is_a_usage_error() {
    cmd()
        .args(["fmt", "/no/such/file.ard"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such file or folder"));
}

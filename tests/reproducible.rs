//! Reproducible binaries (issue 16): the same program, ard2go and Go give a
//! byte-identical binary wherever it is built. Two builds of the same
//! project from two differently named folders, with different working and
//! temp folders and the build cache off, must have the same hash, and no
//! path of either build may appear in the binary.

mod common;
use common::*;
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Copies `examples/<example>` under `root/place`, builds it from
/// `root/cwd` with its own temp folder and no cache, and returns the binary.
fn build_in(root: &Path, example: &str, place: &str, target: Option<&str>) -> (PathBuf, Vec<u8>) {
    let project = root.join(place);
    copy_dir(&common::root().join("examples").join(example), &project);
    let cwd = root.join("cwd");
    let tmp = root.join("tmp");
    fs::create_dir_all(&cwd).unwrap();
    fs::create_dir_all(&tmp).unwrap();
    let out = cwd.join("program");
    let mut cmd = ard2go();
    cmd.env("ARD2GO_CACHE", "off")
        .env("TMPDIR", &tmp)
        .current_dir(&cwd)
        .arg("build")
        .arg(&project)
        .arg("-o")
        .arg(&out);
    if let Some(t) = target {
        cmd.args(["--target", t]);
    }
    let done = cmd.output().unwrap();
    assert!(done.status.success(), "{}", text(&done.stderr));
    (project, fs::read(&out).unwrap())
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn check_reproducible(example: &str, target: Option<&str>) {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let (project_a, bin_a) = build_in(a.path(), example, example, target);
    let (project_b, bin_b) = build_in(b.path(), example, "deeper/folder/another-copy", target);
    assert_eq!(
        sha256(&bin_a),
        sha256(&bin_b),
        "{target:?}: the same program built in two folders differs"
    );
    let goroot = std::process::Command::new("go")
        .args(["env", "GOROOT"])
        .output()
        .unwrap();
    let goroot = text(&goroot.stdout).trim().to_string();
    let paths = [
        a.path().to_string_lossy().into_owned(),
        b.path().to_string_lossy().into_owned(),
        project_a.to_string_lossy().into_owned(),
        project_b.to_string_lossy().into_owned(),
        goroot,
        "ard2go-build-".to_string(),
    ];
    for p in paths {
        assert!(!contains(&bin_a, &p), "{target:?}: the binary holds {p}");
    }
    // Ard positions stay, relative to the project.
    assert!(contains(&bin_a, "main.ard"), "{target:?}: no Ard positions");
}

/// examples/shop: a project with modules in subfolders.
#[test]
fn native_binaries_are_reproducible() {
    check_reproducible("shop", None);
}

#[test]
fn cross_compiled_binaries_are_reproducible() {
    check_reproducible("shop", Some("windows/amd64"));
}

/// ard/sqlite links through cgo and the system's C linker.
#[test]
fn cgo_binaries_are_reproducible() {
    check_reproducible("sqlite_notes", None);
}

//! Snapshots of the Go that ard2go emits for representative programs
//! (`tests/snapshots/*.ard`). Each snapshot holds the Ard source as its
//! description and the generated Go (gofmt-ed; the standard-library files
//! and the runtime are left out). Review changes with `cargo insta review`.

mod common;
use ard2go::driver;
use ard2go::load::RealFs;
use common::*;

fn emitted(path: &std::path::Path) -> String {
    emitted_files(path, |name| {
        name != "go.mod" && !name.starts_with("ard_std_")
    })
}

/// The gofmt-ed generated files of a program that `keep` selects, plus
/// `go.mod` when it is selected.
fn emitted_files(path: &std::path::Path, keep: impl Fn(&str) -> bool) -> String {
    let checked = match driver::check_path(path, &RealFs) {
        Ok(c) => c,
        Err(_) => panic!("{} does not check", path.display()),
    };
    let tc = ard2go::build::find_go(None).expect("a Go toolchain");
    let mut out = String::new();
    if keep("go.mod") {
        let module = ard2go::build::GoModule::new(Vec::new());
        out.push_str(&format!("// ==== go.mod ====\n{}", module.files[0].1));
    }
    for f in driver::generate(&checked) {
        if !keep(&f.name) {
            continue;
        }
        let text =
            ard2go::build::gofmt_source(&tc, &f.name, &f.text).expect("gofmt accepts the output");
        out.push_str(&format!("// ==== {} ====\n{text}", f.name));
    }
    out
}

#[test]
fn emitted_go_snapshots() {
    let dir = root().join("tests").join("snapshots");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ard"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for f in files {
        let name = f.file_stem().unwrap().to_string_lossy().into_owned();
        let source = std::fs::read_to_string(&f).unwrap();
        let go = emitted(&f);
        insta::with_settings!({ description => source, snapshot_path => "snapshots/emitted", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(name, go);
        });
    }
}

/// The frames of the standard-library binding files (`ard_std_*.go`) and
/// `go.mod` (issue 16: they come from templates; this snapshot predates the
/// templates, so it checks that the output did not change). The two
/// examples use async, decode, dynamic, http, io, sqlite and string.
#[test]
fn std_binding_file_snapshots() {
    for example in ["http_server", "sqlite_notes"] {
        let path = root().join("examples").join(example).join("main.ard");
        let go = emitted_files(&path, |name| {
            name == "go.mod" || name.starts_with("ard_std_")
        });
        insta::with_settings!({ snapshot_path => "snapshots/emitted", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(format!("std_{example}"), go);
        });
    }
}

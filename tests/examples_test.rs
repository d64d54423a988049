//! Runs every example in `examples/` and checks it against the expectation
//! beside it:
//!
//! * `examples/<dir>/<name>.ard` with `<name>.out` (exact stdout, exit 0),
//!   `<name>.fail` (rejected at compile time with exit 1; every non-empty
//!   line of the file must appear in the diagnostics) or `<name>.panic`;
//! * a project folder `examples/<dir>/<name>/` (with `ard.toml` and
//!   `main.ard`) with `<name>.out` etc. beside the folder.
//!
//! Each example runs in a scratch copy of its folder (so examples that make
//! temporary files never touch the repository), must leave no new files
//! behind there, and must start with a comment saying what it shows.

mod common;
use common::*;

use std::path::{Path, PathBuf};

struct Example {
    /// Path relative to `examples/`, e.g. `fibers/join.ard` or `shop`.
    id: String,
    /// The `.ard` file or project folder.
    path: PathBuf,
    /// The folder holding the expectation file.
    dir: PathBuf,
    /// Base name of the expectation file.
    name: String,
}

fn is_project(dir: &Path) -> bool {
    dir.join("ard.toml").is_file() && dir.join("main.ard").is_file()
}

/// Every example under `dir`; project folders are not searched further.
fn collect(base: &Path, dir: &Path, out: &mut Vec<Example>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    for p in entries {
        let name = p
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let id = p
            .strip_prefix(base)
            .unwrap_or(&p)
            .to_string_lossy()
            .into_owned();
        if p.is_dir() {
            if is_project(&p) {
                out.push(Example {
                    id,
                    path: p.clone(),
                    dir: dir.to_path_buf(),
                    name,
                });
            } else {
                collect(base, &p, out);
            }
        } else if p.extension().is_some_and(|e| e == "ard") {
            out.push(Example {
                id,
                path: p.clone(),
                dir: dir.to_path_buf(),
                name,
            });
        }
    }
}

fn examples() -> Vec<Example> {
    let base = root().join("examples");
    let mut out = Vec::new();
    collect(&base, &base, &mut out);
    out
}

fn copy_dir(src: &Path, dst: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dst)?;
    for entry in std::fs::read_dir(src)? {
        let entry = entry?;
        let to = dst.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &to)?;
        } else {
            std::fs::copy(entry.path(), &to)?;
        }
    }
    Ok(())
}

/// All file paths under `dir`, relative to it, sorted.
fn listing(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.push(p.strip_prefix(base).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// The first line of the example's source (its main file for a project).
fn first_line(ex: &Example) -> String {
    let file = if ex.path.is_dir() {
        ex.path.join("main.ard")
    } else {
        ex.path.clone()
    };
    std::fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

fn run_example(ex: &Example) -> Result<(), String> {
    if !first_line(ex).trim_start().starts_with("//") {
        return Err("does not start with a comment saying what it shows".into());
    }
    let fail_file = ex.dir.join(format!("{}.fail", ex.name));
    let expect = expectation(&ex.dir, &ex.name).ok_or_else(|| {
        format!(
            "no expected output: add {}.out (or .fail/.panic) beside it",
            ex.name
        )
    })?;

    // A scratch copy of the example's folder: the project folder itself, or
    // the files (not sub-folders) beside a single-file example.
    let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;
    let target = if ex.path.is_dir() {
        let dst = scratch.path().join(&ex.name);
        copy_dir(&ex.path, &dst).map_err(|e| e.to_string())?;
        dst
    } else {
        for e in std::fs::read_dir(&ex.dir)
            .map_err(|e| e.to_string())?
            .flatten()
        {
            if e.path().is_file() {
                std::fs::copy(e.path(), scratch.path().join(e.file_name()))
                    .map_err(|e| e.to_string())?;
            }
        }
        scratch.path().join(format!("{}.ard", ex.name))
    };
    let cwd = if target.is_dir() {
        target.clone()
    } else {
        scratch.path().to_path_buf()
    };
    let before = listing(scratch.path());
    let out = run_program(&target, &cwd, &env_of(&ex.dir, &ex.name));

    match expect {
        Expect::Fail(_) => {
            // Every line of the .fail file must appear in the diagnostics.
            let code = out.status.code().unwrap_or(-1);
            let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
            if code != 1 {
                return Err(format!(
                    "expected a compile error (exit 1), got exit {code}\n{all}"
                ));
            }
            let wanted = std::fs::read_to_string(&fail_file).unwrap_or_default();
            for needle in wanted.lines().map(str::trim).filter(|l| !l.is_empty()) {
                if !all.to_lowercase().contains(&needle.to_lowercase()) {
                    return Err(format!("diagnostic lacks {needle:?}:\n{all}"));
                }
            }
        }
        other => check_outcome(&out, &other)?,
    }

    let after = listing(scratch.path());
    if before != after {
        let new: Vec<&String> = after.iter().filter(|f| !before.contains(f)).collect();
        let gone: Vec<&String> = before.iter().filter(|f| !after.contains(f)).collect();
        return Err(format!(
            "left the folder changed: new files {new:?}, removed files {gone:?}"
        ));
    }
    Ok(())
}

#[test]
fn every_example_runs_as_documented() {
    let all = examples();
    assert!(
        all.len() >= 10,
        "expected the examples in examples/, found {}",
        all.len()
    );
    let failures = parallel(&all, |e| e.id.clone(), run_example);
    assert!(
        failures.is_empty(),
        "{} of {} examples failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n\n")
    );
}

/// The founding document's programs, the project examples and the rejected
/// program are all there.
#[test]
fn the_documented_examples_exist() {
    let base = root().join("examples");
    for f in [
        "fibers/sleep.ard",
        "fibers/start.ard",
        "fibers/join.ard",
        "fibers/rejected_capture.ard",
        "fibers/maestro/main.ard",
        "fibers/parallel/main.ard",
        "shop/main.ard",
        "http_server/main.ard",
        "sqlite_notes/main.ard",
    ] {
        assert!(base.join(f).is_file(), "missing example {f}");
    }
}

/// The scope-isolation program of the founding document is rejected with a
/// fiber-specific diagnostic that names the captured variable.
#[test]
fn rejected_capture_names_the_fiber_and_the_variable() {
    let dir = root().join("examples").join("fibers");
    let scratch = tempfile::tempdir().unwrap();
    let file = scratch.path().join("rejected_capture.ard");
    std::fs::copy(dir.join("rejected_capture.ard"), &file).unwrap();
    let out = run_program(&file, scratch.path(), &[]);
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(all.contains("fiber"), "not fiber-specific:\n{all}");
    assert!(all.contains("value"), "does not name `value`:\n{all}");
    assert!(
        !all.contains("not found in this scope"),
        "reported as an ordinary undefined name:\n{all}"
    );
}

//! Every program the tests accept also gives Go that is gofmt-clean,
//! `go vet`-clean and deterministic (same input, same bytes). A Go compile
//! error or vet report on emitted code is an ard2go bug.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn go() -> Command {
    let mut c = Command::new("go");
    c.env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "-mod=mod")
        .env("GOPROXY", "off");
    c
}

fn gofmt() -> PathBuf {
    let out = go()
        .args(["env", "GOROOT"])
        .output()
        .expect("go env GOROOT");
    PathBuf::from(text(&out.stdout).trim())
        .join("bin")
        .join("gofmt")
}

/// Programs that compile: conformance and test programs expected to run,
/// the examples and the benchmarks.
fn accepted_programs() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in [
        shared().join("conformance").join("cases"),
        root().join("tests").join("programs"),
    ] {
        for (_, path, area, name) in cases_in(&dir) {
            if !matches!(expectation(&area, &name), Some(Expect::Fail(_))) {
                out.push(path);
            }
        }
    }
    let mut extra = Vec::new();
    collect_ard(&root().join("examples"), &mut extra);
    for e in std::fs::read_dir(shared().join("bench"))
        .into_iter()
        .flatten()
        .flatten()
    {
        if e.path().extension().is_some_and(|x| x == "ard")
            && !e.path().to_string_lossy().contains(".small.")
        {
            extra.push(e.path());
        }
    }
    out.extend(extra);
    out.sort();
    out
}

fn collect_ard(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.join("main.ard").is_file() {
                out.push(p.join("main.ard"));
            } else {
                collect_ard(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "ard") && !p.with_extension("fail").exists() {
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            if text.contains("fn main(")
                && !p.parent().is_some_and(|d| d.join("main.ard").is_file())
            {
                out.push(p);
            }
        }
    }
}

#[test]
fn emitted_go_is_formatted_vetted_and_deterministic() {
    let programs = accepted_programs();
    assert!(
        programs.len() > 60,
        "found only {} programs",
        programs.len()
    );
    let gofmt = gofmt();
    let failures = parallel(
        &programs,
        |p| p.display().to_string(),
        |p| {
            let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
            let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
            // Determinism is checked on a sample (every program emits once).
            let twice = p.to_string_lossy().len() % 4 == 0;
            let dirs: Vec<&PathBuf> = if twice { vec![&a, &b] } else { vec![&a] };
            for dir in dirs {
                let out = ard2go()
                    .arg("emit")
                    .arg(p)
                    .arg("--out-dir")
                    .arg(dir)
                    .output()
                    .map_err(|e| e.to_string())?;
                if !out.status.success() {
                    return Err(format!("emit failed: {}", text(&out.stderr)));
                }
            }
            let generated: Vec<PathBuf> = std::fs::read_dir(&a)
                .map_err(|e| e.to_string())?
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "go"))
                .collect();
            for f in generated.iter().filter(|_| twice) {
                let other = b.join(f.file_name().unwrap());
                if std::fs::read(f).ok() != std::fs::read(&other).ok() {
                    return Err(format!("{} differs between two emits", f.display()));
                }
            }
            let fmt = Command::new(&gofmt)
                .arg("-l")
                .args(&generated)
                .output()
                .map_err(|e| e.to_string())?;
            if !fmt.stdout.is_empty() {
                return Err(format!("not gofmt-clean: {}", text(&fmt.stdout)));
            }
            let vet = go()
                .args(["vet", "."])
                .current_dir(&a)
                .output()
                .map_err(|e| e.to_string())?;
            if !vet.status.success() {
                return Err(format!(
                    "go vet failed:\n{}{}",
                    text(&vet.stdout),
                    text(&vet.stderr)
                ));
            }
            Ok(())
        },
    );
    assert!(
        failures.is_empty(),
        "{} programs failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

//! Shared helpers for the end-to-end tests: locating the shared conformance
//! suite, running the `ard2go` binary, and checking expectations.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repository (the conformance cases and benchmarks).
pub fn shared() -> PathBuf {
    root().join("..").join("shared")
}

/// A build cache private to this test run, shared by all tests in it.
pub fn cache_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("ard2go-test-cache-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&d);
        d
    })
}

/// An `ard2go` command with the test cache.
pub fn ard2go() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ard2go"));
    cmd.env("ARD2GO_CACHE", cache_dir()).env_remove("NO_COLOR");
    cmd
}

/// Run `ard2go run PATH` in `cwd` with stdin closed.
pub fn run_program(path: &Path, cwd: &Path, env: &[(String, String)]) -> Output {
    let mut cmd = ard2go();
    cmd.arg("run")
        .arg(path)
        .current_dir(cwd)
        .stdin(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("ard2go runs")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What a test program is expected to do, from the file beside it.
pub enum Expect {
    /// Exit 0 with exactly this stdout.
    Out(String),
    /// Rejected at compile time; the diagnostic contains this text.
    Fail(String),
    /// Compiles, then exits non-zero with this text in stdout or stderr.
    Panic(String),
}

/// The expectation of `dir/name.ard` (or of the project folder `dir/name`).
pub fn expectation(dir: &Path, name: &str) -> Option<Expect> {
    let read = |ext: &str| std::fs::read_to_string(dir.join(format!("{name}.{ext}"))).ok();
    if let Some(out) = read("out") {
        return Some(Expect::Out(out));
    }
    if let Some(f) = read("fail") {
        return Some(Expect::Fail(f.trim().to_string()));
    }
    read("panic").map(|p| Expect::Panic(p.trim().to_string()))
}

/// `KEY=VALUE` lines of `dir/name.env`.
pub fn env_of(dir: &Path, name: &str) -> Vec<(String, String)> {
    std::fs::read_to_string(dir.join(format!("{name}.env")))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            l.split_once('=')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        })
        .collect()
}

/// Check an outcome against an expectation; `Err` says what went wrong.
pub fn check_outcome(out: &Output, expect: &Expect) -> Result<(), String> {
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    let code = out.status.code().unwrap_or(-1);
    match expect {
        Expect::Out(want) => {
            if code != 0 {
                return Err(format!("exit {code}\nstdout:\n{stdout}\nstderr:\n{stderr}"));
            }
            if &stdout != want {
                return Err(format!(
                    "stdout differs\n--- want\n{want}--- got\n{stdout}--- stderr\n{stderr}"
                ));
            }
            Ok(())
        }
        Expect::Fail(needle) => {
            if code == 0 || stdout.contains("ran: this program should have been rejected") {
                return Err(format!(
                    "accepted (exit {code}); expected a compile error containing {needle:?}\n{stdout}{stderr}"
                ));
            }
            if code != 1 {
                return Err(format!("rejected with exit {code}, expected 1\n{stderr}"));
            }
            let all = format!("{stdout}{stderr}").to_lowercase();
            if !all.contains(&needle.to_lowercase()) {
                return Err(format!("diagnostic lacks {needle:?}:\n{stderr}"));
            }
            Ok(())
        }
        Expect::Panic(needle) => {
            if code == 0 {
                return Err(format!(
                    "exited 0, expected a run-time failure with {needle:?}\n{stdout}"
                ));
            }
            let all = format!("{stdout}{stderr}").to_lowercase();
            if !all.contains(&needle.to_lowercase()) {
                return Err(format!(
                    "exit {code} but output lacks {needle:?}:\n{stdout}{stderr}"
                ));
            }
            Ok(())
        }
    }
}

/// Every case under `dir`: (area/name, path to run, case dir, name).
pub fn cases_in(dir: &Path) -> Vec<(String, PathBuf, PathBuf, String)> {
    let mut out = Vec::new();
    let Ok(areas) = std::fs::read_dir(dir) else {
        return out;
    };
    let mut areas: Vec<PathBuf> = areas
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    areas.sort();
    for area in areas {
        let area_name = area
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&area)
            .map(|r| r.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        for p in entries {
            let name = p
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let is_case = (p.extension().is_some_and(|e| e == "ard"))
                || (p.is_dir() && p.join("main.ard").is_file());
            if !is_case || expectation(&area, &name).is_none() {
                continue;
            }
            let run = if p.is_dir() {
                p.join("main.ard")
            } else {
                p.clone()
            };
            out.push((format!("{area_name}/{name}"), run, area.clone(), name));
        }
    }
    out
}

/// Run `f` over `items` on a few threads; collect the failures.
pub fn parallel<T: Sync, F: Fn(&T) -> Result<(), String> + Sync>(
    items: &[T],
    name: impl Fn(&T) -> String + Sync,
    f: F,
) -> Vec<String> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(2, 4);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(item) = items.get(i) else { break };
                    if let Err(e) = f(item) {
                        failures
                            .lock()
                            .unwrap()
                            .push(format!("{}: {e}", name(item)));
                    }
                }
            });
        }
    });
    let mut f = failures.into_inner().unwrap();
    f.sort();
    f
}

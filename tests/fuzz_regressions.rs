//! Replays every input in tests/regressions/: programs that once crashed,
//! hung or produced Go that did not build (found by the fuzz targets in
//! fuzz/ and by tests/generated_programs.rs).
//!
//! For each `NAME.ard` (any other file name is replayed too, as fuzz
//! artifacts are raw bytes):
//! - `ard2go check` must finish within the time limit with exit 0 (accepted)
//!   or 1 (diagnostics), and never report an internal error, a panic or a
//!   stack overflow; with a `NAME.out` beside it the program is valid and
//!   must be accepted;
//! - if it was accepted and has `fn main`, `ard2go emit` + `go vet` must
//!   pass and `ard2go run` must exit 0 with, when `NAME.out` exists,
//!   exactly that output.
//!
//! `tests/regressions/KNOWN_OPEN` lists the inputs whose bug is not fixed
//! yet (one file name per line, `#` comments): their failures are printed
//! but do not fail the test, and the test says when one starts passing so
//! that it can be taken off the list.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("regressions")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `check` must answer quickly: the fuzz targets treat more than one
/// second (release build) as a hang. Tests run the slower debug build, so
/// the limit here is 3 s (`ARD2GO_CHECK_LIMIT_MS` changes it).
fn check_limit() -> Duration {
    let ms = std::env::var("ARD2GO_CHECK_LIMIT_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    Duration::from_millis(ms)
}

fn run_with_timeout(mut cmd: Command, limit: Duration) -> Result<(Output, Duration), String> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd.spawn().map_err(|e| format!("cannot start: {e}"))?;
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut out, &mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = std::io::Read::read_to_end(&mut err, &mut v);
        v
    });
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            let took = start.elapsed();
            return Ok((
                Output {
                    status,
                    stdout: t_out.join().unwrap_or_default(),
                    stderr: t_err.join().unwrap_or_default(),
                },
                took,
            ));
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("did not finish within {limit:?} (a hang)"));
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn ard2go(cache: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ard2go"));
    c.env("ARD2GO_CACHE", cache).env("NO_COLOR", "1");
    c
}

/// Signs of a compiler crash in the CLI's output or exit status.
fn crashed(out: &Output) -> Option<String> {
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    if out.status.code().is_none() {
        return Some(format!("killed by a signal ({:?})", out.status));
    }
    for sign in [
        "internal error",
        "panicked at",
        "has overflowed its stack",
        "ard2go bug",
    ] {
        if all.contains(sign) {
            return Some(format!("`{sign}` in the output:\n{all}"));
        }
    }
    None
}

/// Replay one input. `Err` says what went wrong.
fn replay(path: &Path, work: &Path) -> Result<String, String> {
    let cache = work.join("cache");
    // Copy it under a `.ard` name in a folder of its own (the CLI wants
    // an .ard file; the folder is the project).
    let name = path.file_stem().unwrap().to_string_lossy().into_owned();
    let case_dir = work.join(&name);
    std::fs::create_dir_all(&case_dir).map_err(|e| e.to_string())?;
    let file = case_dir.join("main.ard");
    std::fs::copy(path, &file).map_err(|e| e.to_string())?;

    let mut c = ard2go(&cache);
    c.arg("check").arg(&file);
    let (out, took) = run_with_timeout(c, check_limit()).map_err(|e| format!("check: {e}"))?;
    if let Some(why) = crashed(&out) {
        return Err(format!("check crashed: {why}"));
    }
    let code = out.status.code();
    let expected = path.with_extension("out");
    if code == Some(1) {
        if expected.exists() {
            // A valid program: NAME.out says what it prints.
            return Err(format!(
                "check rejected a valid program ({} exists):\n{}",
                expected.display(),
                text(&out.stderr)
            ));
        }
        return Ok(format!("rejected in {took:?}"));
    }
    if code != Some(0) {
        return Err(format!(
            "check: exit {code:?} (expected 0 or 1)\n{}{}",
            text(&out.stdout),
            text(&out.stderr)
        ));
    }
    let source = String::from_utf8_lossy(&std::fs::read(path).unwrap_or_default()).into_owned();
    if !source.contains("fn main(") {
        return Ok(format!("accepted in {took:?}"));
    }

    let go_dir = case_dir.join("go");
    let mut c = ard2go(&cache);
    c.arg("emit").arg(&file).arg("--out-dir").arg(&go_dir);
    let (out, _) =
        run_with_timeout(c, Duration::from_secs(60)).map_err(|e| format!("emit: {e}"))?;
    if let Some(why) = crashed(&out) {
        return Err(format!("emit crashed: {why}"));
    }
    if !out.status.success() {
        return Err(format!("emit failed:\n{}", text(&out.stderr)));
    }
    let mut c = Command::new("go");
    c.args(["vet", "."])
        .current_dir(&go_dir)
        .env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "-mod=mod")
        .env("GOPROXY", "off");
    let (out, _) =
        run_with_timeout(c, Duration::from_secs(120)).map_err(|e| format!("go vet: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "go vet rejects the emitted Go:\n{}{}",
            text(&out.stdout),
            text(&out.stderr)
        ));
    }

    let mut c = ard2go(&cache);
    c.arg("run").arg(&file).current_dir(&case_dir);
    let (out, _) = run_with_timeout(c, Duration::from_secs(60)).map_err(|e| format!("run: {e}"))?;
    if let Some(why) = crashed(&out) {
        return Err(format!("run crashed: {why}"));
    }
    let stdout = text(&out.stdout);
    if !out.status.success() {
        return Err(format!(
            "run: exit {:?}\n{stdout}{}",
            out.status.code(),
            text(&out.stderr)
        ));
    }
    if let Ok(want) = std::fs::read_to_string(&expected)
        && stdout != want
    {
        return Err(format!(
            "run: output differs from {}\n--- want\n{want}--- got\n{stdout}",
            expected.display()
        ));
    }
    Ok("accepted, vetted and ran".to_string())
}

fn known_open() -> Vec<String> {
    std::fs::read_to_string(dir().join("KNOWN_OPEN"))
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn regression_inputs_never_crash() {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("tests/regressions")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && !matches!(p.extension().and_then(|x| x.to_str()), Some("out" | "md"))
                && p.file_name().is_some_and(|n| n != "KNOWN_OPEN")
        })
        .collect();
    inputs.sort();
    let open = known_open();
    let work = tempfile::tempdir().expect("temp dir");

    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let k = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(path) = inputs.get(k) else { break };
                    let r = replay(path, work.path());
                    results.lock().unwrap().push((path.clone(), r));
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by(|a, b| a.0.cmp(&b.0));

    let mut failed = Vec::new();
    for (path, r) in results {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let is_open = open.contains(&name);
        match (r, is_open) {
            (Ok(what), false) => eprintln!("ok    {name}: {what}"),
            (Ok(what), true) => {
                eprintln!("FIXED {name}: {what}; take it off tests/regressions/KNOWN_OPEN")
            }
            (Err(why), true) => eprintln!("open  {name} (known): {}", first_line(&why)),
            (Err(why), false) => {
                eprintln!("FAIL  {name}: {why}\n");
                failed.push(name);
            }
        }
    }
    assert!(failed.is_empty(), "regression inputs failing: {failed:?}");
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("")
}

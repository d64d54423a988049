//! "Accepted means it builds": random well-typed programs from
//! `tests/generator` must pass `ard2go check`, give Go that passes
//! `go vet`, and run to completion (exit 0, or the deliberate panic the
//! generator wrote).
//!
//! `ARD2GO_GEN_COUNT` (default 40) and `ARD2GO_GEN_SEED` (default 1) choose
//! the programs: seeds SEED..SEED+COUNT. A failing program is kept in
//! `$TMPDIR/ard2go-generated-failures/seed-N.ard` and its seed is printed;
//! reproduce it with `ARD2GO_GEN_SEED=N ARD2GO_GEN_COUNT=1 cargo test --test
//! generated_programs`. `ARD2GO_GEN_KEEP=DIR` writes every program to DIR.

mod generator;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Run `cmd` with a time limit; `Err` on a time-out.
fn run_with_timeout(mut cmd: Command, limit: Duration) -> Result<Output, String> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| format!("cannot start: {e}"))?;
    // Drain the pipes on threads so a chatty child never blocks.
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
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            return Ok(Output {
                status,
                stdout: t_out.join().unwrap_or_default(),
                stderr: t_err.join().unwrap_or_default(),
            });
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("timed out after {limit:?}"));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn ard2go(cache: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ard2go"));
    c.env("ARD2GO_CACHE", cache).env("NO_COLOR", "1");
    c
}

fn go() -> Command {
    let mut c = Command::new("go");
    c.env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "-mod=mod")
        .env("GOPROXY", "off");
    c
}

/// Check, emit + vet, and run one program. `Err` describes the failure.
fn exercise(seed: u64, dir: &Path, cache: &Path) -> Result<(), String> {
    let prog = generator::generate(seed);
    let file = dir.join(format!("seed_{seed}.ard"));
    std::fs::write(&file, &prog.source).map_err(|e| e.to_string())?;
    let limit = Duration::from_secs(60);

    let mut c = ard2go(cache);
    c.arg("check").arg(&file);
    let out = run_with_timeout(c, limit).map_err(|e| format!("ard2go check: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "ard2go check rejected the program (exit {:?}):\n{}{}",
            out.status.code(),
            text(&out.stdout),
            text(&out.stderr)
        ));
    }

    let go_dir = dir.join(format!("go_{seed}"));
    let mut c = ard2go(cache);
    c.arg("emit").arg(&file).arg("--out-dir").arg(&go_dir);
    let out = run_with_timeout(c, limit).map_err(|e| format!("ard2go emit: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "ard2go emit failed (exit {:?}):\n{}{}",
            out.status.code(),
            text(&out.stdout),
            text(&out.stderr)
        ));
    }
    let mut c = go();
    c.args(["vet", "."]).current_dir(&go_dir);
    let out = run_with_timeout(c, limit).map_err(|e| format!("go vet: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "go vet failed on the emitted Go ({}):\n{}{}",
            go_dir.display(),
            text(&out.stdout),
            text(&out.stderr)
        ));
    }

    let mut c = ard2go(cache);
    c.arg("run").arg(&file).current_dir(dir);
    let out = run_with_timeout(c, limit).map_err(|e| format!("ard2go run: {e}"))?;
    let code = out.status.code();
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    match &prog.expect_panic {
        None if code == Some(0) => Ok(()),
        Some(msg) if code == Some(1) && stdout.contains(&format!("Panic: {msg}")) => Ok(()),
        want => Err(format!(
            "ard2go run: exit {code:?}, expected {}\n--- stdout (last 2000 bytes)\n{}\n--- stderr\n{}",
            match want {
                Some(m) => format!("exit 1 with `Panic: {m}`"),
                None => "exit 0".to_string(),
            },
            tail(&stdout, 2000),
            tail(&stderr, 4000)
        )),
    }
}

fn tail(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut start = s.len() - n;
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// The generator is deterministic: one seed, one program.
#[test]
fn generator_is_deterministic() {
    for seed in [1, 2, 77, 12345] {
        assert_eq!(
            generator::generate(seed).source,
            generator::generate(seed).source
        );
    }
    assert_ne!(generator::generate(1).source, generator::generate(2).source);
}

#[test]
fn generated_programs_check_build_and_run() {
    let count = env_u64("ARD2GO_GEN_COUNT", 40);
    let first = env_u64("ARD2GO_GEN_SEED", 1);
    let work = tempfile::tempdir().expect("temp dir");
    let keep = std::env::var_os("ARD2GO_GEN_KEEP").map(PathBuf::from);
    let dir = keep.clone().unwrap_or_else(|| work.path().to_path_buf());
    std::fs::create_dir_all(&dir).expect("program dir");
    let cache = work.path().join("cache");
    let failures_dir = std::env::temp_dir().join("ard2go-generated-failures");

    let next = AtomicUsize::new(0);
    let failures: Mutex<Vec<(u64, String)>> = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(1, 4);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let k = next.fetch_add(1, Ordering::SeqCst) as u64;
                    if k >= count {
                        break;
                    }
                    let seed = first + k;
                    if let Err(why) = exercise(seed, &dir, &cache) {
                        let _ = std::fs::create_dir_all(&failures_dir);
                        let kept = failures_dir.join(format!("seed-{seed}.ard"));
                        let _ = std::fs::write(&kept, generator::generate(seed).source);
                        eprintln!(
                            "generated program seed {seed} FAILED (kept as {})\n{why}\n",
                            kept.display()
                        );
                        failures.lock().unwrap().push((seed, why));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    let seeds: Vec<u64> = failures.iter().map(|(s, _)| *s).collect();
    assert!(
        failures.is_empty(),
        "{} of {count} generated programs failed; seeds {seeds:?} (re-run one with ARD2GO_GEN_SEED=N ARD2GO_GEN_COUNT=1)",
        failures.len()
    );
}

//! Running a built test binary (`ard2go test`, issue 13): the binary is
//! Go's own test program (`go test -c`) for the harness `ard_test.go`; it runs
//! under `go tool test2json`, and Go's events become Ard test results.
//!
//! The harness (`runtime-go/testing`) reports a failed test as a line
//! `ard2go-outcome {"outcome", "message", "pos"}` in the test's output;
//! everything else here is Go's: `-test.parallel`, `-test.run`,
//! `-test.failfast`-like stopping, pass/fail events with elapsed times.

use crate::lower::TestCase;
use serde::Serialize;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How a test ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Pass,
    /// The test returned `err(message)`.
    Fail,
    /// An Ard panic or a run-time fault (or the test program crashed).
    Panic,
    /// Still running when its time limit was up.
    Timeout,
}

/// One finished test: what `--json` prints, one object per line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TestResult {
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// `module::test_name`.
    pub name: String,
    pub outcome: Outcome,
    /// The failure or panic message; empty when the test passed.
    pub message: String,
    /// Where: the panic's Ard position, else the test function.
    pub file: String,
    pub line: usize,
    pub duration_ms: u64,
    /// What the test printed (`io::print`), as Go attributed it.
    pub output: String,
}

/// Options of a run.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// At most this many tests at once (`-j N`); `None`: Go's default
    /// (GOMAXPROCS).
    pub parallel: Option<usize>,
    /// Stop starting tests after the first failure.
    pub fail_fast: bool,
    /// Time limit of each test.
    pub timeout: Option<Duration>,
    /// Run only these Go tests (`-test.run`); `None`: all of them.
    pub only: Option<Vec<String>>,
}

/// The counts of a run.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Summary {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub tests: usize,
    pub passed: usize,
    pub failed: usize,
    pub panicked: usize,
    pub timed_out: usize,
    /// Selected but never started (after a failure with `--fail-fast`).
    pub not_run: usize,
    pub duration_ms: u64,
}

impl Summary {
    pub fn ok(&self) -> bool {
        self.passed == self.tests
    }

    /// `7 tests: 4 passed, 2 failed, 1 panicked (0.41 s)`.
    pub fn line(&self) -> String {
        let s = if self.tests == 1 { "" } else { "s" };
        let mut parts = vec![
            format!("{} passed", self.passed),
            format!("{} failed", self.failed),
            format!("{} panicked", self.panicked),
        ];
        if self.timed_out > 0 {
            parts.push(format!("{} timed out", self.timed_out));
        }
        if self.not_run > 0 {
            parts.push(format!("{} not run", self.not_run));
        }
        format!(
            "{} test{s}: {} ({:.2} s)",
            self.tests,
            parts.join(", "),
            self.duration_ms as f64 / 1000.0
        )
    }
}

/// The marker of the harness's report line (`ardtesting.Marker`).
const MARKER: &str = "ard2go-outcome ";

#[derive(serde::Deserialize)]
struct Event {
    #[serde(rename = "Action")]
    action: String,
    #[serde(rename = "Test")]
    test: Option<String>,
    #[serde(rename = "Elapsed")]
    elapsed: Option<f64>,
    #[serde(rename = "Output")]
    output: Option<String>,
}

#[derive(serde::Deserialize)]
struct Report {
    outcome: String,
    message: String,
    pos: String,
}

#[derive(Default)]
struct Running {
    output: String,
    report: Option<Report>,
    started: Option<Instant>,
}

/// Run the test binary `bin` whose Go tests `go_names` are the Ard tests
/// `cases` (same order). `go` is a `go` command of the toolchain that built
/// it (for `go tool test2json`); `files` maps a file's base name to its name
/// in reports. Calls `report` for every finished test as it finishes.
pub fn run(
    mut go: Command,
    bin: &Path,
    cases: &[TestCase],
    go_names: &[String],
    files: &HashMap<String, String>,
    opts: &RunOptions,
    mut report: impl FnMut(&TestResult),
) -> Result<Summary, String> {
    let started = Instant::now();
    let by_go: HashMap<&str, &TestCase> = go_names
        .iter()
        .map(String::as_str)
        .zip(cases.iter())
        .collect();
    go.args(["tool", "test2json", "-t"])
        .arg(bin)
        .arg("-test.v=test2json")
        .arg("-test.timeout=0")
        .arg("-test.count=1");
    if let Some(n) = opts.parallel {
        go.arg(format!("-test.parallel={}", n.max(1)));
    }
    if let Some(t) = opts.timeout {
        go.arg(format!("-ard.timeout={}ms", t.as_millis().max(1)));
    }
    if opts.fail_fast {
        go.arg("-ard.failfast");
    }
    if let Some(only) = &opts.only {
        // Go test names are identifiers: nothing to escape.
        go.arg(format!("-test.run=^({})$", only.join("|")));
    }
    go.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = go
        .spawn()
        .map_err(|e| format!("cannot run go tool test2json: {e}"))?;
    let stderr = child.stderr.take();
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(mut e) = stderr {
            let _ = e.read_to_string(&mut s);
        }
        s
    });
    let mut running: HashMap<String, Running> = HashMap::new();
    let mut finished = 0usize;
    let selected = opts.only.as_ref().map_or(cases.len(), Vec::len);
    let mut summary = Summary {
        kind: "summary",
        tests: selected,
        ..Summary::default()
    };
    let mut stray = String::new();
    let count = |r: &TestResult, summary: &mut Summary| match r.outcome {
        Outcome::Pass => summary.passed += 1,
        Outcome::Fail => summary.failed += 1,
        Outcome::Panic => summary.panicked += 1,
        Outcome::Timeout => summary.timed_out += 1,
    };
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            let Ok(ev) = serde_json::from_str::<Event>(&line) else {
                stray.push_str(&line);
                stray.push('\n');
                continue;
            };
            let Some(case) = ev.test.as_deref().and_then(|t| by_go.get(t).copied()) else {
                if let Some(o) = ev.output {
                    stray.push_str(&o);
                }
                continue;
            };
            let go_name = ev.test.clone().unwrap_or_default();
            let state = running.entry(go_name.clone()).or_default();
            match ev.action.as_str() {
                "run" => state.started = Some(Instant::now()),
                "output" => {
                    let o = ev.output.unwrap_or_default();
                    if let Some(at) = o.find(MARKER) {
                        state.report = serde_json::from_str(o[at + MARKER.len()..].trim()).ok();
                    } else if !is_framing(&o) {
                        state.output.push_str(&o);
                    }
                }
                "pass" | "fail" | "skip" => {
                    let Some(state) = running.remove(&go_name) else {
                        continue;
                    };
                    if ev.action == "skip" {
                        continue;
                    }
                    let ms = ev
                        .elapsed
                        .map(|s| (s * 1000.0).round() as u64)
                        .unwrap_or_else(|| elapsed_ms(state.started));
                    let r = result(case, ev.action == "pass", state, ms, files);
                    count(&r, &mut summary);
                    finished += 1;
                    report(&r);
                }
                _ => {}
            }
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("cannot wait for the tests: {e}"))?;
    let stderr = err_reader.join().unwrap_or_default();
    // Tests still running when the program stopped: it crashed under them
    // (a run-time fault in a fiber ends the whole program).
    let crash = crash_message(&stray, &stderr, status.code());
    let mut left: Vec<(String, Running)> = running
        .into_iter()
        .filter(|(_, s)| s.started.is_some())
        .collect();
    left.sort_by(|a, b| a.0.cmp(&b.0));
    for (go_name, mut state) in left {
        let Some(case) = by_go.get(go_name.as_str()).copied() else {
            continue;
        };
        let ms = elapsed_ms(state.started);
        state.report = Some(Report {
            outcome: "panic".into(),
            message: crash.clone(),
            pos: String::new(),
        });
        let r = result(case, false, state, ms, files);
        count(&r, &mut summary);
        finished += 1;
        report(&r);
    }
    if finished == 0 && selected > 0 && !status.success() {
        return Err(format!(
            "the test program failed before running any test:\n{}{}",
            stray, stderr
        ));
    }
    summary.not_run = selected.saturating_sub(finished);
    summary.duration_ms = started.elapsed().as_millis() as u64;
    Ok(summary)
}

fn elapsed_ms(started: Option<Instant>) -> u64 {
    started.map(|s| s.elapsed().as_millis() as u64).unwrap_or(0)
}

/// Go's own lines around a test's output.
fn is_framing(line: &str) -> bool {
    let t = line.trim_start();
    [
        "=== RUN",
        "=== PAUSE",
        "=== CONT",
        "=== NAME",
        "--- PASS",
        "--- FAIL",
        "--- SKIP",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

/// Why the test program stopped under running tests.
fn crash_message(stray: &str, stderr: &str, code: Option<i32>) -> String {
    let text = format!("{stray}{stderr}");
    let interesting = text.lines().map(str::trim).find(|l| {
        l.starts_with("Fatal error:") || l.starts_with("panic:") || l.starts_with("fatal error:")
    });
    match (interesting, code) {
        (Some(l), _) => format!("the test program crashed: {l}"),
        (None, Some(c)) => format!("the test program stopped (exit code {c}) while this test ran"),
        (None, None) => "the test program was killed while this test ran".to_string(),
    }
}

fn result(
    case: &TestCase,
    passed: bool,
    state: Running,
    duration_ms: u64,
    files: &HashMap<String, String>,
) -> TestResult {
    let (outcome, message, pos) = match (passed, state.report) {
        (true, _) => (Outcome::Pass, String::new(), String::new()),
        (false, Some(r)) => {
            let outcome = match r.outcome.as_str() {
                "fail" => Outcome::Fail,
                "timeout" => Outcome::Timeout,
                _ => Outcome::Panic,
            };
            (outcome, r.message, r.pos)
        }
        (false, None) => (
            Outcome::Panic,
            "the test failed without a report from ard2go's harness".to_string(),
            String::new(),
        ),
    };
    let (file, line) = ard_position(&pos, files).unwrap_or((case.file.clone(), case.line));
    TestResult {
        kind: "test",
        name: case.name.clone(),
        outcome,
        message,
        file,
        line,
        duration_ms,
        output: state.output,
    }
}

/// `math.ard:12:5` or `math.ard:12` from the runtime, with the file shown as
/// in diagnostics when its base name is known.
fn ard_position(pos: &str, files: &HashMap<String, String>) -> Option<(String, usize)> {
    let mut parts = pos.rsplitn(3, ':').collect::<Vec<_>>();
    parts.reverse();
    let (file, line) = match parts.as_slice() {
        [file, line, col] if col.parse::<usize>().is_ok() => (*file, line.parse().ok()?),
        [a, b, line] => (&pos[..a.len() + 1 + b.len()], line.parse().ok()?),
        [file, line] => (*file, line.parse().ok()?),
        _ => return None,
    };
    let base = Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let shown = files
        .get(&base)
        .cloned()
        .unwrap_or_else(|| file.to_string());
    Some((shown, line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_map_to_shown_files() {
        let files: HashMap<String, String> =
            [("math.ard".to_string(), "proj/src/math.ard".to_string())].into();
        assert_eq!(
            ard_position("math.ard:12:5", &files),
            Some(("proj/src/math.ard".to_string(), 12))
        );
        assert_eq!(
            ard_position("math.ard:7", &files),
            Some(("proj/src/math.ard".to_string(), 7))
        );
        assert_eq!(
            ard_position("other.ard:3", &files),
            Some(("other.ard".to_string(), 3))
        );
        assert_eq!(ard_position("", &files), None);
    }

    #[test]
    fn summary_line_counts_and_time() {
        let s = Summary {
            kind: "summary",
            tests: 7,
            passed: 4,
            failed: 2,
            panicked: 1,
            duration_ms: 410,
            ..Summary::default()
        };
        assert_eq!(s.line(), "7 tests: 4 passed, 2 failed, 1 panicked (0.41 s)");
        assert!(!s.ok());
        let t = Summary {
            kind: "summary",
            tests: 3,
            passed: 1,
            timed_out: 1,
            not_run: 1,
            ..Summary::default()
        };
        assert_eq!(
            t.line(),
            "3 tests: 1 passed, 0 failed, 0 panicked, 1 timed out, 1 not run (0.00 s)"
        );
    }

    #[test]
    fn framing_lines_are_not_output() {
        assert!(is_framing("=== RUN   Test_a\n"));
        assert!(is_framing("    --- FAIL: Test_a (0.00s)\n"));
        assert!(!is_framing("hello\n"));
    }
}

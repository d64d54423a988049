//! Running a built test binary (`ard2go test`, issue 13): the binary is
//! Go's own test program (`go test -c`) for the harness `ard_test.go`. It
//! runs with `-test.v=test2json`, the event stream that `go tool test2json`
//! reads (read here directly: starting `go tool` cost more than running a
//! thousand tests), and Go's events become Ard test results.
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

/// One of Go's test events, read from the test binary's
/// `-test.v=test2json` output: the stream `go tool test2json` turns into
/// JSON. Framing lines start with `\x16` (`=== RUN   T`, `=== NAME  T`,
/// `--- PASS: T (0.01s)`, ...); everything else is output of the test named
/// last (`t.Error` output wrapped in `\x0f` .. `\x0e`).
#[derive(Debug, PartialEq)]
enum Event<'a> {
    Run(&'a str),
    /// A parallel test waits for its turn (`=== PAUSE`) ...
    Pause(&'a str),
    /// ... and resumes (`=== CONT`); later output belongs to it.
    Cont(&'a str),
    /// Later output belongs to this test (`None`: to no test).
    Name(Option<&'a str>),
    End {
        test: &'a str,
        action: &'a str,
        seconds: Option<f64>,
    },
    Output(String),
}

fn parse_line(line: &str) -> Event<'_> {
    let Some(framing) = line.strip_prefix('\u{16}') else {
        return Event::Output(line.replace(['\u{f}', '\u{e}'], ""));
    };
    let rest = |prefix: &str| framing.strip_prefix(prefix).map(str::trim);
    if let Some(t) = rest("=== RUN") {
        return Event::Run(t);
    }
    if let Some(t) = rest("=== NAME") {
        return Event::Name((!t.is_empty()).then_some(t));
    }
    if let Some(t) = rest("=== CONT") {
        return Event::Cont(t);
    }
    if let Some(t) = rest("=== PAUSE") {
        return Event::Pause(t);
    }
    for action in ["pass", "fail", "skip"] {
        let prefix = format!("--- {}: ", action.to_uppercase());
        if let Some(r) = framing.trim_start().strip_prefix(prefix.as_str()) {
            let (test, time) = r.split_once(' ').unwrap_or((r, ""));
            let seconds = time
                .trim()
                .strip_prefix('(')
                .and_then(|t| t.strip_suffix("s)"))
                .and_then(|t| t.parse().ok());
            return Event::End {
                test,
                action,
                seconds,
            };
        }
    }
    Event::Name(None)
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
    /// Waiting in `t.Parallel()`: not running yet.
    paused: bool,
}

/// Run the test binary `bin` whose Go tests `go_names` are the Ard tests
/// `cases` (same order); `files` maps a file's base name to its name in
/// reports. Calls `report` for every finished test as it finishes.
pub fn run(
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
    let mut cmd = Command::new(bin);
    cmd.arg("-test.v=test2json")
        .arg("-test.timeout=0")
        .arg("-test.count=1");
    if let Some(n) = opts.parallel {
        cmd.arg(format!("-test.parallel={}", n.max(1)));
    }
    if let Some(t) = opts.timeout {
        cmd.arg(format!("-ard.timeout={}ms", t.as_millis().max(1)));
    }
    if opts.fail_fast {
        cmd.arg("-ard.failfast");
    }
    if let Some(only) = &opts.only {
        // Go test names are identifiers: nothing to escape.
        cmd.arg(format!("-test.run=^({})$", only.join("|")));
    }
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot run the test program: {e}"))?;
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
    let mut current: Option<String> = None;
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            match parse_line(&line) {
                Event::Run(t) => {
                    running.entry(t.to_string()).or_default().started = Some(Instant::now());
                    current = Some(t.to_string());
                }
                Event::Pause(t) => {
                    running.entry(t.to_string()).or_default().paused = true;
                    current = None;
                }
                Event::Cont(t) => {
                    let state = running.entry(t.to_string()).or_default();
                    state.paused = false;
                    state.started = Some(Instant::now());
                    current = Some(t.to_string());
                }
                Event::Name(t) => current = t.map(str::to_string),
                Event::Output(o) => {
                    let state = current.as_ref().and_then(|c| running.get_mut(c));
                    match (state, o.find(MARKER)) {
                        (Some(state), Some(at)) => {
                            state.report = serde_json::from_str(o[at + MARKER.len()..].trim()).ok();
                        }
                        (Some(state), None) => {
                            state.output.push_str(&o);
                            state.output.push('\n');
                        }
                        (None, _) => {
                            stray.push_str(&o);
                            stray.push('\n');
                        }
                    }
                }
                Event::End {
                    test,
                    action,
                    seconds,
                } => {
                    current = None;
                    let (Some(case), Some(state)) =
                        (by_go.get(test).copied(), running.remove(test))
                    else {
                        continue;
                    };
                    if action == "skip" {
                        continue;
                    }
                    let ms = seconds
                        .map(|s| (s * 1000.0).round() as u64)
                        .unwrap_or_else(|| elapsed_ms(state.started));
                    let r = result(case, action == "pass", state, ms, files);
                    count(&r, &mut summary);
                    finished += 1;
                    report(&r);
                }
            }
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("cannot wait for the tests: {e}"))?;
    let stderr = err_reader.join().unwrap_or_default();
    // Tests still running when the program stopped: it crashed under them
    // (a run-time fault in a fiber ends the whole program).
    let mut left: Vec<(String, Running)> = running
        .into_iter()
        .filter(|(_, s)| s.started.is_some() && !s.paused)
        .collect();
    let printed: String = left.iter().map(|(_, s)| s.output.as_str()).collect();
    let crash = crash_message(&format!("{stray}{printed}"), &stderr, status.code());
    left.sort_by(|a, b| a.0.cmp(&b.0));
    for (go_name, mut state) in left {
        let Some(case) = by_go.get(go_name.as_str()).copied() else {
            continue;
        };
        let ms = elapsed_ms(state.started);
        state.report = Some(Report {
            outcome: "panic".into(),
            message: crash.0.clone(),
            pos: crash.1.clone(),
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

/// Why the test program stopped under running tests.
/// Also the Ard position of the crash (`    at file:line`), when printed.
fn crash_message(stray: &str, stderr: &str, code: Option<i32>) -> (String, String) {
    let text = format!("{stray}{stderr}");
    let mut lines = text.lines().map(str::trim);
    let interesting = lines.by_ref().find(|l| {
        l.starts_with("Fatal error:") || l.starts_with("panic:") || l.starts_with("fatal error:")
    });
    let pos = lines
        .next()
        .and_then(|l| l.strip_prefix("at "))
        .unwrap_or_default()
        .to_string();
    let message = match (interesting, code) {
        (Some(l), _) => format!("the test program crashed: {l}"),
        (None, Some(c)) => format!("the test program stopped (exit code {c}) while this test ran"),
        (None, None) => "the test program was killed while this test ran".to_string(),
    };
    (message, pos)
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
    fn crash_message_and_position() {
        let out =
            "hello\nFatal error: Index out of range (4) on list of length 1\n    at c.ard:8\n";
        assert_eq!(
            crash_message(out, "", Some(2)),
            (
                "the test program crashed: Fatal error: Index out of range (4) on list of length 1"
                    .to_string(),
                "c.ard:8".to_string()
            )
        );
        assert_eq!(
            crash_message("", "", Some(3)).0,
            "the test program stopped (exit code 3) while this test ran"
        );
    }

    #[test]
    fn go_event_lines_are_parsed() {
        assert_eq!(parse_line("\u{16}=== RUN   Test_a"), Event::Run("Test_a"));
        assert_eq!(parse_line("\u{16}=== NAME  "), Event::Name(None));
        assert_eq!(parse_line("\u{16}=== CONT  Test_b"), Event::Cont("Test_b"));
        assert_eq!(parse_line("\u{16}=== PAUSE Test_b"), Event::Pause("Test_b"));
        assert_eq!(
            parse_line("\u{16}=== NAME  Test_b"),
            Event::Name(Some("Test_b"))
        );
        assert_eq!(
            parse_line("\u{16}--- FAIL: Test_a (0.25s)"),
            Event::End {
                test: "Test_a",
                action: "fail",
                seconds: Some(0.25)
            }
        );
        assert_eq!(
            parse_line("\u{16}    --- SKIP: Test_c (0.00s)"),
            Event::End {
                test: "Test_c",
                action: "skip",
                seconds: Some(0.0)
            }
        );
        assert_eq!(
            parse_line("\u{f}    testing.go:1: x\u{e}"),
            Event::Output("    testing.go:1: x".to_string())
        );
        assert_eq!(parse_line("hello"), Event::Output("hello".to_string()));
    }
}

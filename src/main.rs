//! The `ard2go` command: build, run, check and emit Ard programs.
//!
//! Exit codes: 0 success; 1 the program has errors (diagnostics); 2 usage,
//! file or toolchain problems; 101 an internal error (a bug in ard2go). For
//! `run`, the program's own exit code is passed through.

use ard2go::build::{self, BuildError, BuildOptions, GoModule, Target, Toolchain};
use ard2go::diagnostic::render;
use ard2go::driver::{self, Checked, CompileError};
use ard2go::load::RealFs;
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod fmt_cmd;

#[derive(Parser)]
#[command(
    name = "ard2go",
    version,
    about = "Compile Ard programs to native binaries through Go"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct GoArgs {
    /// The `go` command to use (default: $ARD2GO_GO, then `go` on PATH)
    #[arg(long, value_name = "PATH")]
    go: Option<PathBuf>,
    /// Build with Go's race detector (`go build -race`; needs a C compiler)
    #[arg(long)]
    race: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Compile an Ard program to a native binary
    Build {
        /// An .ard file, or a project folder with ard.toml and main.ard
        path: PathBuf,
        /// Where to write the binary (default: the program's name in the current folder)
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Cross-compile for another platform, e.g. windows/amd64, darwin/arm64, linux/arm64
        #[arg(long, value_name = "OS/ARCH", value_parser = Target::parse)]
        target: Option<Target>,
        #[command(flatten)]
        go: GoArgs,
        /// Print diagnostics as JSON, one object per line, on stdout
        #[arg(long)]
        json: bool,
    },
    /// Compile and run an Ard program, passing arguments, stdin and the exit code through
    Run {
        /// An .ard file, or a project folder with ard.toml and main.ard
        path: PathBuf,
        /// Arguments for the program (after `--`)
        #[arg(last = true)]
        args: Vec<String>,
        /// Not for `run`: a binary for another platform cannot run here (use `build --target`)
        #[arg(long, value_name = "OS/ARCH", hide = true)]
        target: Option<String>,
        #[command(flatten)]
        go: GoArgs,
    },
    /// Check an Ard program for errors without building it
    Check {
        /// An .ard file, or a project folder with ard.toml and main.ard
        path: PathBuf,
        /// Print diagnostics as JSON, one object per line, on stdout
        #[arg(long)]
        json: bool,
    },
    /// Run the program's test functions (`test fn name() Void!Str`) with `go test`
    Test(TestArgs),
    /// Serve the Language Server Protocol over stdin/stdout (for editors)
    Lsp,
    /// Format .ard files in place with the one ard2go layout (`-` formats stdin to stdout)
    Fmt {
        /// List the files that would change and exit 1 if any, changing nothing
        #[arg(long)]
        check: bool,
        /// .ard files and folders (default: the current folder), or `-` for stdin
        paths: Vec<PathBuf>,
    },
    /// Write the generated Go module to a folder (`cd DIR && go build` works)
    Emit {
        /// An .ard file, or a project folder with ard.toml and main.ard
        path: PathBuf,
        /// The folder to write the Go module to
        #[arg(long, value_name = "DIR")]
        out_dir: PathBuf,
        /// The `go` command whose gofmt formats the output
        #[arg(long, value_name = "PATH")]
        go: Option<PathBuf>,
        /// Also write the test functions and the Go test harness `ard_test.go`
        /// (`cd DIR && go test` runs them)
        #[arg(long)]
        tests: bool,
    },
}

#[derive(clap::Args)]
struct TestArgs {
    /// An .ard file (its tests) or a project folder (every test of the
    /// project: in its modules and in test/)
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Run only the tests whose name (`module::name`) contains TEXT
    #[arg(long, value_name = "TEXT")]
    filter: Option<String>,
    /// Start no more tests after the first failure
    #[arg(long)]
    fail_fast: bool,
    /// Print one JSON object per finished test (and per diagnostic) on stdout
    #[arg(long)]
    json: bool,
    /// Run at most N tests at once (default: one per CPU)
    #[arg(short = 'j', value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    jobs: Option<u32>,
    /// Time limit of each test: `500ms`, `10s`, `2m` (a plain number is seconds)
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = parse_duration)]
    timeout: std::time::Duration,
    #[command(flatten)]
    go: GoArgs,
}

/// `500ms`, `10s`, `2m`, `1h` or a number of seconds.
fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a duration such as 500ms, 10s or 2m"))?;
    let secs = match unit {
        "" | "s" => n,
        "ms" => n / 1000.0,
        "m" => n * 60.0,
        "h" => n * 3600.0,
        _ => return Err(format!("unknown unit `{unit}`: use ms, s, m or h")),
    };
    if !(secs > 0.0 && secs < 1e9) {
        return Err("the time limit must be positive".to_string());
    }
    Ok(std::time::Duration::from_secs_f64(secs))
}

fn main() -> ExitCode {
    install_panic_hook();
    let cli = Cli::parse();
    let code = match cli.command {
        // A project folder is checked whole: every module and test file.
        Command::Check { path, json } => {
            match compiled(driver::check_tests_path(&path, &RealFs), json) {
                // Nothing else runs: skip freeing the program piece by piece.
                Ok(checked) => {
                    std::mem::forget(checked);
                    0
                }
                Err(code) => code,
            }
        }
        Command::Build {
            path,
            output,
            target,
            go,
            json,
        } => cmd_build(&path, output, target, &go, json),
        Command::Run {
            target: Some(target),
            ..
        } => {
            eprintln!(
                "error: `run` cannot use --target {target}: a binary for another platform cannot run here; \
                 use `ard2go build --target {target}` and run it there"
            );
            2
        }
        Command::Run { path, args, go, .. } => cmd_run(&path, &args, &go),
        Command::Emit {
            path,
            out_dir,
            go,
            tests,
        } => cmd_emit(&path, &out_dir, go.as_deref(), tests),
        Command::Test(args) => cmd_test(&args),
        Command::Lsp => ard2go::lsp::run(),
        Command::Fmt { check, paths } => fmt_cmd::run(&paths, check),
    };
    ExitCode::from(code.clamp(0, 255) as u8)
}

/// Parse and check; print diagnostics and return the exit code on failure.
fn compile(path: &Path, json: bool) -> Result<Checked, i32> {
    compiled(driver::check_path(path, &RealFs), json)
}

fn compiled(result: Result<Checked, CompileError>, json: bool) -> Result<Checked, i32> {
    match result {
        Ok(c) => Ok(c),
        Err(CompileError::Load(msg)) => {
            eprintln!("error: {msg}");
            Err(2)
        }
        Err(CompileError::Diagnostics(sources, diags)) => {
            if json {
                report_json(&sources, &diags);
            } else {
                report(&sources, &diags);
            }
            Err(1)
        }
    }
}

/// Diagnostics as JSON lines on stdout (`--json`).
fn report_json(sources: &ard2go::source::SourceMap, diags: &[ard2go::diagnostic::Diagnostic]) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    for d in diags {
        let _ = writeln!(out, "{}", d.to_json(sources));
    }
}

fn report(sources: &ard2go::source::SourceMap, diags: &[ard2go::diagnostic::Diagnostic]) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!("{}", render(diags, sources, color));
    let n = diags.len();
    let s = if n == 1 { "" } else { "s" };
    eprintln!("error: could not compile because of {n} error{s}");
}

/// Check, require `main`, and generate the Go module.
fn generate(path: &Path, json: bool) -> Result<(Checked, GoModule), i32> {
    let checked = compile(path, json)?;
    if let Err(diags) = driver::require_main(&checked) {
        if json {
            report_json(&checked.sources, &diags);
        } else {
            report(&checked.sources, &diags);
        }
        return Err(1);
    }
    let files = driver::generate(&checked)
        .into_iter()
        .map(|f| (f.name, f.text))
        .collect();
    Ok((checked, GoModule::new(files)))
}

fn toolchain(go: Option<&Path>) -> Result<Toolchain, i32> {
    build::find_go(go).map_err(|e| build_failed(&e))
}

fn build_failed(e: &BuildError) -> i32 {
    if e.is_internal() {
        eprintln!("error: internal error (this is a bug in ard2go, please report it): {e}");
    } else {
        eprintln!("error: {e}");
    }
    e.exit_code()
}

/// The binary's default name: the program's name in the current folder,
/// with `.exe` for Windows.
fn default_output(path: &Path, platform: &Target) -> PathBuf {
    let stem = if path.is_dir() {
        path.canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_os_string()))
    } else {
        path.file_stem().map(|n| n.to_os_string())
    };
    let mut name = stem.unwrap_or_else(|| "main".into());
    // `NAME.small.ard` builds `NAME.small`; keep it runnable from the cwd.
    if name.is_empty() {
        name = "main".into();
    }
    if platform.is_windows() {
        name.push(".exe");
    }
    PathBuf::from(name)
}

fn cmd_build(
    path: &Path,
    output: Option<PathBuf>,
    target: Option<Target>,
    go: &GoArgs,
    json: bool,
) -> i32 {
    // A bad --target is a usage error: say so before compiling anything.
    let mut found = None;
    let mut cross = None;
    if let Some(t) = target {
        let tc = match toolchain(go.go.as_deref()) {
            Ok(tc) => tc,
            Err(code) => return code,
        };
        if let Err(e) = build::check_target(&tc, &t) {
            return build_failed(&e);
        }
        // The toolchain's own platform is an ordinary build.
        if Target::native(&tc) != t {
            cross = Some(t);
        }
        found = Some(tc);
    }
    let target = cross;
    if target.is_some() && go.race {
        eprintln!(
            "error: --race cannot be used with --target: the race detector needs cgo, \
             which cross-compilation does not use"
        );
        return 2;
    }
    let (checked, module) = match generate(path, json) {
        Ok(x) => x,
        Err(code) => return code,
    };
    if let Some(t) = &target
        && let Err(diags) = driver::require_no_cgo(&checked, &t.to_string())
    {
        report(&checked.sources, &diags);
        return 1;
    }
    let tc = match found {
        Some(tc) => tc,
        None => match toolchain(go.go.as_deref()) {
            Ok(tc) => tc,
            Err(code) => return code,
        },
    };
    let platform = target.clone().unwrap_or_else(|| Target::native(&tc));
    let out = output.unwrap_or_else(|| default_output(path, &platform));
    let opts = BuildOptions {
        race: go.race,
        cgo: ard2go::lower::needs_cgo(&checked.program),
        target,
        ..Default::default()
    };
    match build::build_binary(&tc, &module, &out, &opts) {
        Ok(_) => 0,
        Err(e) => build_failed(&e),
    }
}

fn cmd_run(path: &Path, args: &[String], go: &GoArgs) -> i32 {
    let (checked, module) = match generate(path, false) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let tc = match toolchain(go.go.as_deref()) {
        Ok(tc) => tc,
        Err(code) => return code,
    };
    let dir = match tempfile::Builder::new().prefix("ard2go-run-").tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: cannot create a temporary folder: {e}");
            return 2;
        }
    };
    let bin = dir.path().join("program");
    let opts = BuildOptions {
        race: go.race,
        cgo: ard2go::lower::needs_cgo(&checked.program),
        ..Default::default()
    };
    if let Err(e) = build::build_binary(&tc, &module, &bin, &opts) {
        return build_failed(&e);
    }
    let status = std::process::Command::new(&bin).args(args).status();
    drop(dir);
    match status {
        Ok(s) => exit_code_of(s),
        Err(e) => {
            eprintln!("error: cannot run the built program: {e}");
            2
        }
    }
}

#[cfg(unix)]
fn exit_code_of(s: std::process::ExitStatus) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    match (s.code(), s.signal()) {
        (Some(c), _) => c,
        (None, Some(sig)) => 128 + sig,
        _ => 1,
    }
}

#[cfg(not(unix))]
fn exit_code_of(s: std::process::ExitStatus) -> i32 {
    s.code().unwrap_or(1)
}

fn cmd_emit(path: &Path, out_dir: &Path, go: Option<&Path>, tests: bool) -> i32 {
    let generated = if tests {
        test_module(path, false).map(|(_, module, _, _)| module)
    } else {
        generate(path, false).map(|(_, module)| module)
    };
    let module = match generated {
        Ok(x) => x,
        Err(code) => return code,
    };
    let tc = match toolchain(go) {
        Ok(tc) => tc,
        Err(code) => return code,
    };
    let mut files = Vec::new();
    for (name, text) in module.files {
        let generated = name.ends_with(".go") && !name.contains('/');
        if generated {
            match build::gofmt_source(&tc, &name, &text) {
                Ok(t) => files.push((name, t)),
                Err(e) => return build_failed(&e),
            }
        } else {
            files.push((name, text));
        }
    }
    let module = GoModule { files };
    match build::write_module_dir(&module, out_dir) {
        Ok(()) => 0,
        Err(e) => build_failed(&e),
    }
}

/// Check with every test and generate the Go module with the test harness:
/// the checked program, the module, the test cases (a file's own or the
/// whole project's) and their Go test names.
fn test_module(
    path: &Path,
    json: bool,
) -> Result<(Checked, GoModule, Vec<ard2go::lower::TestCase>, Vec<String>), i32> {
    let checked = compiled(driver::check_tests_path(path, &RealFs), json)?;
    let cases = driver::select_tests(&checked, path.is_dir(), None);
    let (files, names) = driver::generate_tests(&checked, &cases);
    let files = files.into_iter().map(|f| (f.name, f.text)).collect();
    Ok((checked, GoModule::new(files), cases, names))
}

/// `ard2go test`: build the Go test binary of the program's tests and run
/// it; report each failure (or, with `--json`, each result) as it happens,
/// then a summary. Exit code 0 when every test passed, 1 otherwise.
fn cmd_test(args: &TestArgs) -> i32 {
    use ard2go::testrun::{self, Outcome, RunOptions};
    use std::io::Write;
    let (checked, module, cases, names) = match test_module(&args.path, args.json) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let only: Option<Vec<String>> = args.filter.as_deref().map(|f| {
        cases
            .iter()
            .zip(&names)
            .filter(|(c, _)| c.name.contains(f))
            .map(|(_, n)| n.clone())
            .collect()
    });
    let selected = only.as_ref().map_or(cases.len(), Vec::len);
    if selected == 0 {
        let summary = testrun::Summary {
            kind: "summary",
            ..Default::default()
        };
        if args.json {
            println!("{}", serde_json::to_string(&summary).unwrap_or_default());
        } else {
            match &args.filter {
                Some(f) => println!("no test matches `{f}`"),
                None => println!(
                    "no tests found (declare them with `test fn name() Void!Str {{ ... }}`)"
                ),
            }
            println!("{}", summary.line());
        }
        return 0;
    }
    let tc = match toolchain(args.go.go.as_deref()) {
        Ok(tc) => tc,
        Err(code) => return code,
    };
    let dir = match tempfile::Builder::new().prefix("ard2go-test-").tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: cannot create a temporary folder: {e}");
            return 2;
        }
    };
    let bin = dir.path().join("tests");
    let opts = BuildOptions {
        race: args.go.race,
        cgo: ard2go::lower::needs_cgo(&checked.program),
        test: true,
        ..Default::default()
    };
    if let Err(e) = build::build_binary(&tc, &module, &bin, &opts) {
        return build_failed(&e);
    }
    // Ard positions from the runtime name files by their base name.
    let mut files: std::collections::HashMap<String, String> = Default::default();
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    for m in &checked.program.modules {
        let name = checked.sources.get(m.file).name.clone();
        let base = Path::new(&name)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        *seen.entry(base.clone()).or_default() += 1;
        files.insert(base, name);
    }
    files.retain(|base, _| seen.get(base) == Some(&1));
    let run_opts = RunOptions {
        parallel: args.jobs.map(|j| j as usize),
        fail_fast: args.fail_fast,
        timeout: Some(args.timeout),
        only,
    };
    let json = args.json;
    let summary = testrun::run(&bin, &cases, &names, &files, &run_opts, |r| {
        let mut out = std::io::stdout().lock();
        if json {
            let _ = writeln!(out, "{}", serde_json::to_string(r).unwrap_or_default());
            return;
        }
        let tag = match r.outcome {
            Outcome::Pass => return,
            Outcome::Fail => "FAIL",
            Outcome::Panic => "PANIC",
            Outcome::Timeout => "TIMEOUT",
        };
        let _ = writeln!(
            out,
            "{tag} {} ({}:{}): {}",
            r.name, r.file, r.line, r.message
        );
        for line in r.output.lines() {
            let _ = writeln!(out, "    | {line}");
        }
    });
    drop(dir);
    match summary {
        Ok(s) => {
            if json {
                println!("{}", serde_json::to_string(&s).unwrap_or_default());
            } else {
                println!("{}", s.line());
            }
            if s.ok() { 0 } else { 1 }
        }
        Err(msg) => {
            eprintln!("error: {msg}");
            1
        }
    }
}

/// Any panic in ard2go itself is a bug: say so plainly.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let msg = if let Some(s) = info.payload().downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = info.payload().downcast_ref::<String>() {
            s.clone()
        } else {
            "unknown panic".to_string()
        };
        let loc = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "error: internal error in ard2go {}{loc}: {msg}\nThis is a bug in ard2go; please report it with the program that triggered it.",
            env!("CARGO_PKG_VERSION")
        );
    }));
}

/// mimalloc: the compiler allocates many small nodes; it is markedly faster
/// than the system allocator for that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

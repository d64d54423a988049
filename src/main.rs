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
    },
}

fn main() -> ExitCode {
    install_panic_hook();
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check { path } => match compile(&path) {
            // Nothing else runs: skip freeing the program piece by piece.
            Ok(checked) => {
                std::mem::forget(checked);
                0
            }
            Err(code) => code,
        },
        Command::Build {
            path,
            output,
            target,
            go,
        } => cmd_build(&path, output, target, &go),
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
        Command::Emit { path, out_dir, go } => cmd_emit(&path, &out_dir, go.as_deref()),
    };
    ExitCode::from(code.clamp(0, 255) as u8)
}

/// Parse and check; print diagnostics and return the exit code on failure.
fn compile(path: &Path) -> Result<Checked, i32> {
    match driver::check_path(path, &RealFs) {
        Ok(c) => Ok(c),
        Err(CompileError::Load(msg)) => {
            eprintln!("error: {msg}");
            Err(2)
        }
        Err(CompileError::Diagnostics(sources, diags)) => {
            report(&sources, &diags);
            Err(1)
        }
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
fn generate(path: &Path) -> Result<(Checked, GoModule), i32> {
    let checked = compile(path)?;
    if let Err(diags) = driver::require_main(&checked) {
        report(&checked.sources, &diags);
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

fn cmd_build(path: &Path, output: Option<PathBuf>, target: Option<Target>, go: &GoArgs) -> i32 {
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
    let (checked, module) = match generate(path) {
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
    };
    match build::build_binary(&tc, &module, &out, &opts) {
        Ok(_) => 0,
        Err(e) => build_failed(&e),
    }
}

fn cmd_run(path: &Path, args: &[String], go: &GoArgs) -> i32 {
    let (checked, module) = match generate(path) {
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
        target: None,
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

fn cmd_emit(path: &Path, out_dir: &Path, go: Option<&Path>) -> i32 {
    let (_, module) = match generate(path) {
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

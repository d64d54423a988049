//! The `ard2go` command: build, run, check and emit Ard programs.
//!
//! Exit codes: 0 success; 1 the program has errors (diagnostics); 2 usage,
//! file or toolchain problems; 101 an internal error (a bug in ard2go). For
//! `run`, the program's own exit code is passed through.

use ard2go::build::{self, BuildError, BuildOptions, GoModule, Toolchain};
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
        Command::Build { path, output, go } => cmd_build(&path, output, &go),
        Command::Run { path, args, go } => cmd_run(&path, &args, &go),
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

fn default_output(path: &Path) -> PathBuf {
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
    PathBuf::from(name)
}

fn cmd_build(path: &Path, output: Option<PathBuf>, go: &GoArgs) -> i32 {
    let (checked, module) = match generate(path) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let tc = match toolchain(go.go.as_deref()) {
        Ok(tc) => tc,
        Err(code) => return code,
    };
    let out = output.unwrap_or_else(|| default_output(path));
    let opts = BuildOptions {
        race: go.race,
        cgo: ard2go::lower::needs_cgo(&checked.program),
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

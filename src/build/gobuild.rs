//! `go build` of a generated module, and the checks tests run on it
//! (`go vet`, `gofmt -l`).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::{TempDir, TempPath};

use super::cleanup::{Registered, install_interrupt_handler, run_tracked};
use super::error::os_reason;
use super::files::{checked_path, write_files, write_one};
use super::toolchain::go_command;
use super::{BuildError, GoModule, Target, Toolchain, cache};

/// How to build.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildOptions {
    /// `go build -race` (needs cgo and a C compiler).
    pub race: bool,
    /// `CGO_ENABLED=1`; off by default for static, portable binaries.
    pub cgo: bool,
    /// Cross-compile for this platform (GOOS/GOARCH, always without cgo);
    /// `None` builds for the toolchain's own platform.
    pub target: Option<Target>,
    /// Build the test binary instead (`go test -c`; `ard2go test`).
    pub test: bool,
}

impl BuildOptions {
    /// The race detector needs cgo; a cross build never uses it.
    pub(crate) fn cgo_enabled(&self) -> bool {
        (self.cgo || self.race) && self.target.is_none()
    }

    /// The platform the binary is for.
    pub(crate) fn platform(&self, tc: &Toolchain) -> String {
        match &self.target {
            Some(t) => t.to_string(),
            None => tc.target.clone(),
        }
    }
}

/// Flags of every `go build`. The binary depends only on the program, the
/// ard2go version, the Go version and the target, never on where it was
/// built (docs/decisions.md "Reproducible binaries"):
/// - `-trimpath`: no file-system paths (the temp folder, GOROOT) in the binary;
/// - `-buildvcs=false`: the temp folder may sit inside someone's git checkout;
/// - `-ldflags=-w`: no DWARF tables; stack traces (and Ard positions) come
///   from the symbol table, which stays, and linking is faster;
/// - `-buildid=`: no build ID, which hashes the toolchain's own binaries and
///   so differs between two builds of the same Go release.
pub(crate) const BUILD_FLAGS: [&str; 3] = ["-trimpath", "-buildvcs=false", "-ldflags=-w -buildid="];

/// What [`build_binary`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildReport {
    /// The binary came from ard2go's build cache; `go build` did not run.
    pub cache_hit: bool,
}

/// Builds `module` into the binary `out`. The binary appears atomically:
/// `out` is replaced only by a complete new binary, and on any failure or
/// interrupt nothing is left behind (no temp folder, no temp file).
pub fn build_binary(
    tc: &Toolchain,
    module: &GoModule,
    out: &Path,
    opts: &BuildOptions,
) -> Result<BuildReport, BuildError> {
    install_interrupt_handler();
    let tmp_out = output_temp(out)?;
    let cached = cache::cache_dir().map(|dir| {
        let key = cache::cache_key(tc, module, opts);
        (dir, key)
    });
    if let Some(hit) = cached
        .as_ref()
        .and_then(|(dir, key)| cache::lookup(dir, key))
    {
        if fs::copy(&hit, &*tmp_out).is_ok() {
            cache::touch(&hit);
            install(tmp_out, out)?;
            return Ok(BuildReport { cache_hit: true });
        }
        // A failed copy may leave bytes that go would refuse to overwrite.
        let _ = fs::File::create(&*tmp_out);
    }
    go_build(tc, module, &tmp_out, opts)?;
    if let Some((dir, key)) = &cached {
        // Never fatal: the binary is built either way.
        let _ = cache::store(dir, key, &tmp_out);
    }
    install(tmp_out, out)?;
    Ok(BuildReport { cache_hit: false })
}

/// An empty temp file next to `out` (same folder, so the final rename is
/// atomic), with an absolute path because `go` runs elsewhere.
fn output_temp(out: &Path) -> Result<Registered<TempPath>, BuildError> {
    let not_writable = |detail: String| BuildError::OutputNotWritable {
        path: out.to_path_buf(),
        detail,
    };
    let name = out
        .file_name()
        .ok_or_else(|| not_writable("it does not name a file".into()))?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let parent = std::path::absolute(parent).map_err(|e| not_writable(os_reason(&e)))?;
    if !parent.is_dir() {
        return Err(not_writable(format!(
            "folder {} does not exist",
            parent.display()
        )));
    }
    if out.is_dir() {
        return Err(not_writable("it is a folder".into()));
    }
    // A hidden name that says who made it, in case a crash leaves it behind.
    let prefix = format!(".{}.ard2go-tmp-", name.to_string_lossy());
    let file = tempfile::Builder::new()
        .prefix(&prefix)
        .tempfile_in(&parent)
        .map_err(|e| not_writable(format!("{} in {}", os_reason(&e), parent.display())))?;
    Ok(Registered::new(file.into_temp_path()))
}

/// Makes the temp binary executable and renames it over `out`.
fn install(tmp: Registered<TempPath>, out: &Path) -> Result<(), BuildError> {
    let not_writable = |e: io::Error| BuildError::OutputNotWritable {
        path: out.to_path_buf(),
        detail: os_reason(&e),
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&*tmp, fs::Permissions::from_mode(0o755)).map_err(not_writable)?;
    }
    tmp.finish(|t| t.persist(out))
        .map_err(|e| not_writable(e.error))
}

/// A registered temp folder holding the module in `src/` and Go's own temp
/// files in `gotmp/` (GOTMPDIR), so one deletion removes everything.
struct WorkDir {
    dir: Registered<TempDir>,
}

impl WorkDir {
    fn new() -> Result<WorkDir, BuildError> {
        let dir = tempfile::Builder::new()
            .prefix("ard2go-build-")
            .tempdir()
            .map_err(|e| {
                BuildError::io(
                    "create a temporary build folder in",
                    std::env::temp_dir(),
                    e,
                )
            })?;
        let work = WorkDir {
            dir: Registered::new(dir),
        };
        for sub in [work.src(), work.gotmp()] {
            fs::create_dir(&sub).map_err(|e| BuildError::io("create folder", &sub, e))?;
        }
        Ok(work)
    }

    fn src(&self) -> PathBuf {
        self.dir.path().join("src")
    }

    fn gotmp(&self) -> PathBuf {
        self.dir.path().join("gotmp")
    }

    /// A `go` command run on the module, with Go's temp files kept inside.
    fn go(&self, tc: &Toolchain, cgo: bool) -> Command {
        let mut cmd = go_command(&tc.go);
        cmd.current_dir(self.src())
            .env("GOTMPDIR", self.gotmp())
            .env("CGO_ENABLED", if cgo { "1" } else { "0" });
        cmd
    }

    /// `go build` for `opts` (`go test -c` for a test build): cross builds
    /// set GOOS/GOARCH.
    fn go_build(&self, tc: &Toolchain, opts: &BuildOptions) -> Command {
        let mut cmd = self.go(tc, opts.cgo_enabled());
        if let Some(t) = &opts.target {
            cmd.env("GOOS", &t.os).env("GOARCH", &t.arch);
        }
        if opts.test {
            // `-vet=off`: the generated code is vetted by ard2go's own tests.
            cmd.args(["test", "-c", "-vet=off"]);
        } else {
            cmd.arg("build");
        }
        cmd.args(BUILD_FLAGS);
        cmd
    }
}

fn go_build(
    tc: &Toolchain,
    module: &GoModule,
    target: &Path,
    opts: &BuildOptions,
) -> Result<(), BuildError> {
    let work = WorkDir::new()?;
    write_files(module, &work.src())?;
    let mut cmd = work.go_build(tc, opts);
    if opts.race {
        cmd.arg("-race");
    }
    cmd.arg("-o").arg(target).arg(".");
    let done = run_tracked(&mut cmd).map_err(|e| BuildError::GoUnusable {
        path: tc.go.clone(),
        detail: format!("cannot run it: {e}"),
    })?;
    if !done.status.success() {
        let mut stderr = done.stderr;
        if done.status.code().is_none() {
            stderr.push_str("\n(go was killed by a signal)");
            return Err(BuildError::GoEnvironment { stderr });
        }
        return Err(classify_failure(stderr, opts));
    }
    match fs::metadata(target) {
        Ok(meta) if meta.len() > 0 => Ok(()),
        _ => Err(BuildError::GoBuildFailed {
            stderr: format!(
                "go build reported success but wrote no binary\n{}",
                done.stderr
            ),
        }),
    }
}

/// Tells a rejected program (an ard2go bug) from a broken environment.
fn classify_failure(stderr: String, opts: &BuildOptions) -> BuildError {
    let lower = stderr.to_lowercase();
    let has = |needles: &[&str]| needles.iter().any(|n| lower.contains(n));
    if opts.cgo_enabled() && has(&["c compiler", "requires cgo", "cgo_enabled"]) {
        return BuildError::CgoUnavailable { stderr };
    }
    let environment = [
        "no space left on device",
        "disk quota exceeded",
        "read-only file system",
        "permission denied",
        "too many open files",
        "cannot allocate memory",
        "gocache is not defined",
        "signal: killed",
    ];
    if has(&environment) {
        BuildError::GoEnvironment { stderr }
    } else {
        BuildError::GoBuildFailed { stderr }
    }
}

/// Runs `go vet ./...` on the main module (not the runtime, which is a
/// module of its own) in a temp folder; the error carries vet's output.
pub fn go_vet(tc: &Toolchain, module: &GoModule) -> Result<(), BuildError> {
    install_interrupt_handler();
    let work = WorkDir::new()?;
    write_files(module, &work.src())?;
    let mut cmd = work.go(tc, false);
    cmd.args(["vet", "./..."]);
    let done = run_tracked(&mut cmd).map_err(|e| BuildError::GoUnusable {
        path: tc.go.clone(),
        detail: format!("cannot run it: {e}"),
    })?;
    if done.status.success() {
        Ok(())
    } else {
        Err(BuildError::VetFailed {
            output: format!("{}{}", done.stdout, done.stderr),
        })
    }
}

/// Runs `gofmt -l` on the generated `.go` files (not the runtime copy); the
/// error lists the files that are not formatted (or that gofmt cannot parse).
pub fn gofmt_check(tc: &Toolchain, module: &GoModule) -> Result<(), BuildError> {
    install_interrupt_handler();
    let gofmt = tc.gofmt()?;
    let work = WorkDir::new()?;
    let src = work.src();
    let mut names = Vec::new();
    for (rel, text) in module.generated_files().filter(|(p, _)| p.ends_with(".go")) {
        write_one(&src, rel, text)?;
        names.push(checked_path(Path::new(""), rel)?);
    }
    if names.is_empty() {
        return Ok(());
    }
    let mut cmd = Command::new(&gofmt);
    cmd.current_dir(&src).arg("-l").args(&names);
    let done = run_tracked(&mut cmd).map_err(|e| BuildError::GoUnusable {
        path: gofmt.clone(),
        detail: format!("cannot run gofmt: {e}"),
    })?;
    let files: Vec<String> = done
        .stdout
        .lines()
        .chain(done.stderr.lines())
        .map(|l| l.trim().replace('\\', "/"))
        .filter(|l| !l.is_empty())
        .collect();
    if files.is_empty() && done.status.success() {
        Ok(())
    } else {
        Err(BuildError::NotFormatted { files })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn failed_build_leaves_no_temp_output_and_keeps_old_binary() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("app");
        fs::write(&out, "old binary").unwrap();
        let tmp = output_temp(&out).unwrap();
        assert!(
            tmp.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".app.ard2go-tmp-")
        );
        assert_eq!(entries(dir.path()).len(), 2);
        drop(tmp); // what every early return does
        assert_eq!(entries(dir.path()), ["app"]);
        assert_eq!(fs::read_to_string(&out).unwrap(), "old binary");
    }

    #[test]
    fn install_replaces_output_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("app");
        fs::write(&out, "old binary").unwrap();
        let tmp = output_temp(&out).unwrap();
        fs::write(&*tmp, "new binary").unwrap();
        install(tmp, &out).unwrap();
        assert_eq!(entries(dir.path()), ["app"]);
        assert_eq!(fs::read_to_string(&out).unwrap(), "new binary");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&out).unwrap().permissions().mode() & 0o777,
                0o755
            );
        }
    }

    #[test]
    fn output_in_missing_folder_or_onto_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = output_temp(&dir.path().join("nope/app")).unwrap_err();
        assert!(matches!(err, BuildError::OutputNotWritable { .. }));
        assert!(err.to_string().contains("does not exist"), "{err}");
        let err = output_temp(dir.path()).unwrap_err();
        assert!(err.to_string().contains("it is a folder"), "{err}");
        assert_eq!(err.exit_code(), 2);
        assert!(entries(dir.path()).is_empty());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn unwritable_output_folder_is_a_one_line_error() {
        // /proc refuses new files even for root.
        let err = output_temp(Path::new("/proc/ard2go-app")).unwrap_err();
        let text = err.to_string();
        assert!(
            matches!(err, BuildError::OutputNotWritable { .. }),
            "{text}"
        );
        assert!(!text.contains('\n') && text.contains("-o"), "{text}");
    }

    #[test]
    fn classifies_failures() {
        let plain = BuildOptions::default();
        let race = BuildOptions {
            race: true,
            ..BuildOptions::default()
        };
        let bug = classify_failure("./main.go:4:2: undefined: x\n".into(), &plain);
        assert!(matches!(bug, BuildError::GoBuildFailed { .. }));
        let cc =
            "cgo: C compiler \"gcc\" not found: exec: \"gcc\": executable file not found in $PATH";
        assert!(matches!(
            classify_failure(cc.into(), &race),
            BuildError::CgoUnavailable { .. }
        ));
        let full = "write /tmp/x: no space left on device";
        assert!(matches!(
            classify_failure(full.into(), &plain),
            BuildError::GoEnvironment { .. }
        ));
    }
}

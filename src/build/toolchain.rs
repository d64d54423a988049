//! Finding the Go toolchain and checking that it is new enough.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::BuildError;
use super::cache;

/// The oldest Go that generated code and the runtime support.
pub const MIN_GO_VERSION: (u32, u32, u32) = (1, 21, 0);

/// Variables asked from `go env`. The first four are required; the rest only
/// feed the cache key because they change the produced binary. Older Go
/// prints an empty line for a variable it does not know.
const ENV_VARS: [&str; 10] = [
    "GOVERSION",
    "GOOS",
    "GOARCH",
    "GOROOT",
    "GOAMD64",
    "GOARM",
    "GOARM64",
    "GO386",
    "GOEXPERIMENT",
    "GOFIPS140",
];

/// A Go toolchain that ard2go can build with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toolchain {
    /// The `go` binary to run (`$GOROOT/bin/go` when it exists, so wrapper
    /// scripts such as version-manager shims are paid for only once).
    pub go: PathBuf,
    /// `(major, minor, patch)`; a version that cannot be parsed (a `devel`
    /// build) is taken to be [`MIN_GO_VERSION`].
    pub version: (u32, u32, u32),
    /// Go's own version string, e.g. `go1.22.4`.
    pub version_string: String,
    pub goroot: PathBuf,
    /// `GOOS/GOARCH` of the binaries it builds, e.g. `linux/amd64`.
    pub target: String,
    /// Everything from `go env` that decides the produced binary (for the
    /// build cache key).
    pub fingerprint: String,
}

impl Toolchain {
    /// The `gofmt` of this installation.
    pub fn gofmt(&self) -> Result<PathBuf, BuildError> {
        let path = self.goroot.join("bin").join(exe("gofmt"));
        if path.is_file() {
            return Ok(path);
        }
        which::which("gofmt").map_err(|_| BuildError::GofmtNotFound {
            goroot: self.goroot.clone(),
        })
    }
}

fn exe(name: &str) -> String {
    format!("{name}{}", std::env::consts::EXE_SUFFIX)
}

/// Finds `go`: `explicit` (the `--go PATH` flag) first, then the `ARD2GO_GO`
/// environment variable, then `go` on `PATH`. Requires Go 1.21 or newer.
pub fn find_go(explicit: Option<&Path>) -> Result<Toolchain, BuildError> {
    let from_env = std::env::var_os("ARD2GO_GO").filter(|v| !v.is_empty());
    let found = match (explicit, from_env) {
        (Some(path), _) => resolve(path.as_os_str(), "--go")?,
        (None, Some(path)) => resolve(&path, "ARD2GO_GO")?,
        (None, None) => which::which("go").map_err(|_| BuildError::GoNotFound {
            searched: "no `go` on PATH".into(),
        })?,
    };
    inspect(&found)
}

/// Resolves a user-given Go: a path to the binary, a name on PATH, or a
/// GOROOT folder.
fn resolve(given: &OsStr, origin: &str) -> Result<PathBuf, BuildError> {
    let as_path = Path::new(given);
    if as_path.is_dir() {
        let inside = as_path.join("bin").join(exe("go"));
        if inside.is_file() {
            return Ok(inside);
        }
    }
    which::which(given).map_err(|_| BuildError::GoNotFound {
        searched: format!("{} from {origin} is not an executable", as_path.display()),
    })
}

/// Runs `go env` to learn the version, target and GOROOT of `go`.
fn inspect(go: &Path) -> Result<Toolchain, BuildError> {
    let text = run_go(go, &[&["env"], &ENV_VARS[..]].concat())?;
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let get = |i: usize| lines.get(i).copied().unwrap_or_default();
    let mut version_string = get(0).to_string();
    if version_string.is_empty() {
        // Go before 1.16 has no GOVERSION; `go version` still says it.
        version_string = run_go(go, &["version"])?.trim().to_string();
    }
    let version = match parse_go_version(&version_string) {
        Some(v) if v < MIN_GO_VERSION => {
            return Err(BuildError::GoTooOld {
                path: go.to_path_buf(),
                version: display_version(&version_string),
            });
        }
        Some(v) => v,
        // A devel build: assume it is recent; the build says so if not.
        None => MIN_GO_VERSION,
    };
    let (goos, goarch, goroot) = (get(1), get(2), get(3));
    if goos.is_empty() || goarch.is_empty() || goroot.is_empty() {
        return Err(BuildError::GoUnusable {
            path: go.to_path_buf(),
            detail: "`go env` did not report GOOS, GOARCH and GOROOT".into(),
        });
    }
    let goroot = PathBuf::from(goroot);
    let direct = goroot.join("bin").join(exe("go"));
    let fingerprint = ENV_VARS
        .iter()
        .zip(lines.iter().chain(std::iter::repeat(&"")))
        .map(|(k, v)| format!("{k}={v}\n"))
        .collect();
    Ok(Toolchain {
        go: if direct.is_file() {
            direct
        } else {
            go.to_path_buf()
        },
        version,
        version_string,
        target: format!("{goos}/{goarch}"),
        goroot,
        fingerprint,
    })
}

fn run_go(go: &Path, args: &[&str]) -> Result<String, BuildError> {
    let mut cmd = go_command(go);
    // A go.mod in the user's folder could ask for another toolchain; the
    // binary's own folder has none.
    if let Some(dir) = go.parent().filter(|d| d.is_dir()) {
        cmd.current_dir(dir);
    }
    let unusable = |detail: String| BuildError::GoUnusable {
        path: go.to_path_buf(),
        detail,
    };
    let out = cmd
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| unusable(format!("cannot run it: {e}")))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let first = stderr
            .lines()
            .next()
            .unwrap_or("no output")
            .trim()
            .to_string();
        return Err(unusable(format!("`go {}` failed: {first}", args[0])));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// A `go` command with an environment that never reaches the network and
/// never switches toolchains: builds must work offline with the Go at hand.
pub(crate) fn go_command(go: &Path) -> Command {
    let mut cmd = Command::new(go);
    cmd.env("GOTOOLCHAIN", "local")
        .env("GOFLAGS", "-mod=mod")
        .env("GOPROXY", "off")
        .env("GOSUMDB", "off")
        .env("GOWORK", "off")
        .env("GO111MODULE", "on")
        .stdin(Stdio::null());
    if let Some(dir) = fallback_gocache() {
        cmd.env("GOCACHE", dir);
    }
    cmd
}

/// Go refuses to build when it cannot place its cache (no GOCACHE, no
/// XDG_CACHE_HOME, no HOME); give it one then. Otherwise the user's cache is
/// kept, because a warm cache makes builds several times faster.
fn fallback_gocache() -> Option<PathBuf> {
    let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    if !cfg!(unix) || set("GOCACHE") || set("XDG_CACHE_HOME") || set("HOME") {
        return None;
    }
    Some(match cache::cache_dir() {
        Some(dir) => dir.join("go-build"),
        None => std::env::temp_dir().join("ard2go-go-build"),
    })
}

/// Parses `go1.22.4`, `go1.21rc2`, `go version go1.21.0 linux/amd64` or
/// `devel go1.23-abc123 ...` into `(major, minor, patch)`.
pub fn parse_go_version(text: &str) -> Option<(u32, u32, u32)> {
    text.split_whitespace().find_map(|word| {
        let rest = word.strip_prefix("go")?;
        let mut nums = [0u32; 3];
        let mut parts = rest.splitn(3, '.');
        for (i, num) in nums.iter_mut().enumerate() {
            let Some(part) = parts.next() else {
                // `go1.21` has no patch number; a major alone is not a version.
                return (i == 2).then_some(nums.into());
            };
            let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
            *num = digits.parse().ok()?;
            if digits.len() < part.len() {
                // A suffix such as `rc2` or `-abc123` ends the version.
                return (i >= 1).then_some(nums.into());
            }
        }
        Some(nums.into())
    })
}

fn display_version(raw: &str) -> String {
    let word = raw
        .split_whitespace()
        .find(|w| w.starts_with("go") && w[2..].starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(raw);
    word.strip_prefix("go").unwrap_or(word).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_release_and_prerelease_versions() {
        assert_eq!(parse_go_version("go1.22.4"), Some((1, 22, 4)));
        assert_eq!(parse_go_version("go1.21"), Some((1, 21, 0)));
        assert_eq!(parse_go_version("go1.21rc2"), Some((1, 21, 0)));
        assert_eq!(
            parse_go_version("go1.27.3 X:nocoverageredesign"),
            Some((1, 27, 3))
        );
        assert_eq!(
            parse_go_version("go version go1.20.1 linux/amd64"),
            Some((1, 20, 1))
        );
        assert_eq!(
            parse_go_version("go version go1.9 darwin/arm64"),
            Some((1, 9, 0))
        );
        assert_eq!(
            parse_go_version("devel go1.24-1a2b3c Tue Jan 1"),
            Some((1, 24, 0))
        );
    }

    #[test]
    fn unparseable_versions_are_none() {
        assert_eq!(parse_go_version(""), None);
        assert_eq!(parse_go_version("devel +abc123"), None);
        assert_eq!(parse_go_version("go"), None);
        assert_eq!(parse_go_version("go1"), None);
        assert_eq!(parse_go_version("gox.y"), None);
    }

    #[test]
    fn version_order_matches_go_releases() {
        let v = |s| parse_go_version(s).unwrap();
        assert!(v("go1.20.14") < MIN_GO_VERSION);
        assert!(v("go1.21.0") >= MIN_GO_VERSION);
        assert!(v("go1.100.0") > v("go1.21.9"));
    }

    #[test]
    fn displays_version_without_prefix() {
        assert_eq!(display_version("go1.19.2"), "1.19.2");
        assert_eq!(display_version("go version go1.15 linux/amd64"), "1.15");
    }

    #[cfg(unix)]
    #[test]
    fn fake_old_go_is_rejected_with_its_version_and_path() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let go = dir.path().join("go");
        std::fs::write(
            &go,
            "#!/bin/sh\nprintf 'go1.19.2\\nlinux\\namd64\\n/nowhere\\n'\n",
        )
        .unwrap();
        std::fs::set_permissions(&go, std::fs::Permissions::from_mode(0o755)).unwrap();
        let err = find_go(Some(&go)).unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, BuildError::GoTooOld { .. }), "{text}");
        assert!(
            text.contains("Go 1.19.2 at ") && text.contains(&go.display().to_string()),
            "{text}"
        );
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn missing_explicit_go_is_not_found() {
        let err = find_go(Some(Path::new("/definitely/not/here/go"))).unwrap_err();
        assert!(matches!(err, BuildError::GoNotFound { .. }));
        let text = err.to_string();
        assert!(text.contains("/definitely/not/here/go from --go"), "{text}");
    }
}

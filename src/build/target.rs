//! Build targets for cross-compilation (`ard2go build --target OS/ARCH`):
//! Go's own cross-compiler, driven by GOOS/GOARCH with cgo off.

use std::fmt;
use std::process::Stdio;

use super::toolchain::go_command;
use super::{BuildError, Toolchain};

/// A Go platform, `GOOS/GOARCH` (`windows/amd64`, `darwin/arm64`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Target {
    pub os: String,
    pub arch: String,
}

impl Target {
    /// Parses `OS/ARCH`: two non-empty names of lowercase letters and digits.
    pub fn parse(text: &str) -> Result<Target, String> {
        let valid = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        };
        match text.split_once('/') {
            Some((os, arch)) if valid(os) && valid(arch) => Ok(Target {
                os: os.to_string(),
                arch: arch.to_string(),
            }),
            _ => Err(format!(
                "`{text}` is not a target: write OS/ARCH, for example linux/arm64 or windows/amd64"
            )),
        }
    }

    /// The platform a toolchain builds for when no target is given.
    pub fn native(tc: &Toolchain) -> Target {
        Target::parse(&tc.target).unwrap_or_else(|_| Target {
            os: tc.target.clone(),
            arch: String::new(),
        })
    }

    /// Executables of this platform end in `.exe`.
    pub fn is_windows(&self) -> bool {
        self.os == "windows"
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.os, self.arch)
    }
}

/// The targets this toolchain can build for (`go tool dist list`), sorted.
pub fn known_targets(tc: &Toolchain) -> Result<Vec<String>, BuildError> {
    let mut cmd = go_command(&tc.go);
    cmd.args(["tool", "dist", "list"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let unusable = |detail: String| BuildError::GoUnusable {
        path: tc.go.clone(),
        detail,
    };
    let out = cmd
        .output()
        .map_err(|e| unusable(format!("cannot run `go tool dist list`: {e}")))?;
    if !out.status.success() {
        return Err(unusable(format!(
            "`go tool dist list` failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    let mut list: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::trim)
        .filter(|l| Target::parse(l).is_ok())
        .map(str::to_string)
        .collect();
    list.sort();
    list.dedup();
    if list.is_empty() {
        return Err(unusable("`go tool dist list` listed no targets".into()));
    }
    Ok(list)
}

/// Checks `target` against the toolchain's list.
pub fn check_target(tc: &Toolchain, target: &Target) -> Result<(), BuildError> {
    let known = known_targets(tc)?;
    if known.contains(&target.to_string()) {
        Ok(())
    } else {
        Err(BuildError::UnknownTarget {
            target: target.to_string(),
            known,
        })
    }
}

/// `known` (sorted) as one line per operating system.
pub(crate) fn grouped(known: &[String]) -> Vec<String> {
    let mut lines: Vec<(&str, Vec<&str>)> = Vec::new();
    for t in known {
        let os = t.split('/').next().unwrap_or_default();
        match lines.last_mut() {
            Some((last, names)) if *last == os => names.push(t),
            _ => lines.push((os, vec![t])),
        }
    }
    lines
        .into_iter()
        .map(|(_, names)| names.join(" "))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_os_slash_arch() {
        let t = Target::parse("windows/amd64").unwrap();
        assert_eq!((t.os.as_str(), t.arch.as_str()), ("windows", "amd64"));
        assert!(t.is_windows());
        assert_eq!(t.to_string(), "windows/amd64");
        for bad in [
            "windows",
            "/amd64",
            "linux/",
            "linux/arm64/v8",
            "Linux/amd64",
            "a b/c",
        ] {
            let err = Target::parse(bad).unwrap_err();
            assert!(err.contains("OS/ARCH"), "{bad}: {err}");
        }
    }

    #[test]
    fn groups_targets_by_os() {
        let known: Vec<String> = ["darwin/amd64", "darwin/arm64", "linux/386", "windows/arm64"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            grouped(&known),
            ["darwin/amd64 darwin/arm64", "linux/386", "windows/arm64"]
        );
    }
}

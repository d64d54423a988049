//! gofmt of generated source (for `ard2go emit`, whose output people read).

use std::io::Write;
use std::process::{Command, Stdio};

use super::{BuildError, Toolchain};

/// Format one Go file with the toolchain's gofmt. A failure means ard2go
/// generated invalid Go: an internal error.
pub fn gofmt_source(tc: &Toolchain, name: &str, text: &str) -> Result<String, BuildError> {
    let gofmt = tc.gofmt()?;
    let mut child = Command::new(&gofmt)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| BuildError::io("run", &gofmt, e))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(text.as_bytes())
            .map_err(|e| BuildError::io("write to", &gofmt, e))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| BuildError::io("run", &gofmt, e))?;
    if !out.status.success() {
        return Err(BuildError::GoBuildFailed {
            stderr: format!(
                "gofmt rejected the generated {name}:\n{}",
                String::from_utf8_lossy(&out.stderr).replace("<standard input>", name)
            ),
        });
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

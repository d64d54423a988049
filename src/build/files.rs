//! Writing a [`GoModule`]'s files under a folder.

use std::fs;
use std::path::{Path, PathBuf};

use super::{BuildError, GoModule};

/// Checks that a module path is relative, '/'-separated and stays inside the
/// module, so a bad path can never write outside the build folder.
pub(crate) fn checked_path(root: &Path, rel: &str) -> Result<PathBuf, BuildError> {
    let bad = rel.is_empty()
        || rel.starts_with('/')
        || rel.contains('\\')
        || rel.contains(':')
        || rel
            .split('/')
            .any(|c| c.is_empty() || c == "." || c == "..");
    if bad {
        return Err(BuildError::InvalidPath {
            path: rel.to_string(),
        });
    }
    Ok(rel.split('/').fold(root.to_path_buf(), |p, c| p.join(c)))
}

/// Writes every file of `module` under `root` (which must exist).
pub(crate) fn write_files(module: &GoModule, root: &Path) -> Result<(), BuildError> {
    for (rel, text) in &module.files {
        write_one(root, rel, text)?;
    }
    Ok(())
}

pub(crate) fn write_one(root: &Path, rel: &str, text: &str) -> Result<(), BuildError> {
    let path = checked_path(root, rel)?;
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| BuildError::io("create folder", parent, e))?;
    }
    fs::write(&path, text).map_err(|e| BuildError::io("write", &path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_paths_that_leave_the_module() {
        let root = Path::new("/m");
        for bad in [
            "",
            "/etc/x",
            "../x",
            "a/../../x",
            "a//b",
            "./a",
            "a\\b",
            "C:x",
            "a/",
        ] {
            assert!(
                matches!(checked_path(root, bad), Err(BuildError::InvalidPath { .. })),
                "{bad:?}"
            );
        }
        assert_eq!(
            checked_path(root, "rt/io/io.go").unwrap(),
            Path::new("/m/rt/io/io.go")
        );
    }

    #[test]
    fn writes_nested_files() {
        let dir = tempfile::tempdir().unwrap();
        let m = GoModule {
            files: vec![("a/b/c.go".into(), "package c\n".into())],
        };
        write_files(&m, dir.path()).unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("a/b/c.go")).unwrap(),
            "package c\n"
        );
    }
}

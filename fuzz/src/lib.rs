//! Shared helpers of the fuzz targets: an in-memory file system holding one
//! entry file, so `check` and `lower` run without touching the disk.

use ard2go::load::FileSystem;
use std::path::{Path, PathBuf};

/// The entry file every fuzz input is compiled as.
pub const ENTRY: &str = "/fuzz/main.ard";

/// A file system with exactly one file, `/fuzz/main.ard`, and its folder.
pub struct OneFile {
    pub text: String,
}

impl FileSystem for OneFile {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        if path == Path::new(ENTRY) {
            Ok(self.text.clone())
        } else {
            Err(std::io::Error::from(std::io::ErrorKind::NotFound))
        }
    }
    fn is_file(&self, path: &Path) -> bool {
        path == Path::new(ENTRY)
    }
    fn is_dir(&self, path: &Path) -> bool {
        path == Path::new("/fuzz") || path == Path::new("/")
    }
    fn canonicalize(&self, path: &Path) -> Option<PathBuf> {
        if self.is_file(path) || self.is_dir(path) {
            Some(path.to_path_buf())
        } else {
            None
        }
    }
}

/// Bytes as source text, as the CLI reads files (lossy UTF-8).
pub fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Parse and check `data` as the program `/fuzz/main.ard` with the embedded
/// standard library. `None` when it was rejected (which is fine).
pub fn check(data: &[u8]) -> Option<ard2go::driver::Checked> {
    let fs = OneFile {
        text: text_of(data),
    };
    match ard2go::driver::check_path(Path::new(ENTRY), &fs) {
        Ok(checked) => Some(checked),
        Err(ard2go::driver::CompileError::Diagnostics(sources, diags)) => {
            // Rendering is part of what the user sees: it must not panic.
            let _ = ard2go::diagnostic::render(&diags, &sources, false);
            None
        }
        Err(ard2go::driver::CompileError::Load(_)) => None,
    }
}

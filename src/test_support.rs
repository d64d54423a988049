//! Helpers for unit tests: compile Ard source held in memory.

use crate::diagnostic::Diagnostic;
use crate::driver::std_source;
use crate::load::{FileSystem, load};
use crate::source::SourceMap;
use crate::tir::Program;
use std::path::{Path, PathBuf};

/// One in-memory file `main.ard`.
pub struct OneFile(String);

impl FileSystem for OneFile {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        if path.ends_with("main.ard") {
            Ok(self.0.clone())
        } else {
            Err(std::io::ErrorKind::NotFound.into())
        }
    }
    fn is_file(&self, path: &Path) -> bool {
        path.ends_with("main.ard")
    }
    fn is_dir(&self, _: &Path) -> bool {
        false
    }
    fn canonicalize(&self, path: &Path) -> Option<PathBuf> {
        Some(Path::new("/mem").join(path))
    }
}

pub fn check_src(src: &str) -> (SourceMap, Result<Program, Vec<Diagnostic>>) {
    let mut sources = SourceMap::new();
    let (loaded, diags) = load(
        Path::new("main.ard"),
        &OneFile(src.to_string()),
        std_source,
        &mut sources,
    )
    .expect("the file loads");
    assert!(diags.is_empty(), "load diagnostics: {diags:?}");
    let result = crate::check::check(&loaded, &sources);
    (sources, result)
}

/// Check and lower `src`; the generated Go files (std modules left out).
pub fn lower_src(src: &str) -> String {
    let (sources, result) = check_src(src);
    let prog = match result {
        Ok(p) => p,
        Err(d) => panic!(
            "rejected: {:?}",
            d.iter().map(|d| d.short(&sources)).collect::<Vec<_>>()
        ),
    };
    crate::lower::lower(&prog, &sources)
        .into_iter()
        .filter(|f| !f.name.starts_with("ard_std_"))
        .map(|f| f.text)
        .collect::<Vec<_>>()
        .join("\n")
}

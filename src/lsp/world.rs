//! The open documents and the programs they belong to, checked through the
//! same driver as `ard2go check` with unsaved buffers laid over the disk.

use super::index::Index;
use crate::diagnostic::Diagnostic;
use crate::driver::{self, Analysis, CompileError};
use crate::load::{FileSystem, RealFs};
use crate::source::FileId;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// Unsaved buffers over the real file system.
pub struct Overlay<'a> {
    pub docs: &'a HashMap<PathBuf, String>,
}

impl FileSystem for Overlay<'_> {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        match self.docs.get(&normalize(path)) {
            Some(text) => Ok(text.clone()),
            None => RealFs.read(path),
        }
    }
    fn is_file(&self, path: &Path) -> bool {
        self.docs.contains_key(&normalize(path)) || RealFs.is_file(path)
    }
    fn is_dir(&self, path: &Path) -> bool {
        RealFs.is_dir(path)
    }
    fn canonicalize(&self, path: &Path) -> Option<PathBuf> {
        RealFs
            .canonicalize(path)
            .or_else(|| path.is_absolute().then(|| normalize(path)))
    }
}

/// `a/b/../c` -> `a/c`, without touching the disk.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// One checked program.
pub struct Checked {
    pub analysis: Analysis,
    pub index: Option<Index>,
    /// The file of every module, by path on disk (standard-library modules
    /// by the path they are shown at, see `std_path`).
    pub files: HashMap<PathBuf, FileId>,
}

impl Checked {
    pub fn path_of(&self, file: FileId) -> PathBuf {
        file_path(&self.analysis.sources.get(file).name)
    }

    pub fn text(&self, file: FileId) -> &str {
        &self.analysis.sources.get(file).text
    }

    /// Whether `file` is a standard-library module.
    pub fn is_std(&self, file: FileId) -> bool {
        self.analysis
            .syntax
            .modules
            .iter()
            .any(|m| m.file == file && m.is_std)
    }
}

/// The path on disk of a source file by its name in the source map.
pub fn file_path(name: &str) -> PathBuf {
    match name.strip_prefix("<std>/") {
        Some(std_file) => std_dir().join(std_file),
        None => normalize(Path::new(name)),
    }
}

/// Where the standard library's sources are written for editors to open
/// (they are embedded in ard2go): a folder of the cache named by their
/// content, so a newer ard2go never shows older sources.
pub fn std_dir() -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        for (p, text) in crate::build::runtime_files() {
            if p.ends_with(".ard") {
                h.update(p.as_bytes());
                h.update(text.as_bytes());
            }
        }
        let hash: String = h.finalize()[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let base = crate::build::cache_dir().unwrap_or_else(|| std::env::temp_dir().join("ard2go"));
        base.join("std-src").join(hash)
    })
    .clone()
}

/// Write the standard-library file `path` (inside `std_dir`) if it is not
/// there yet, so that an editor can open it.
pub fn materialize_std(path: &Path) {
    let Some(name) = path.file_stem().and_then(|n| n.to_str()) else {
        return;
    };
    if path.is_file() {
        return;
    }
    if let Some(text) = driver::std_source(name)
        && let Some(dir) = path.parent()
        && std::fs::create_dir_all(dir).is_ok()
    {
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        if std::fs::write(&tmp, text).is_ok() {
            let _ = std::fs::rename(&tmp, path);
        }
    }
}

/// The open documents and the latest checked programs.
#[derive(Default)]
pub struct World {
    pub docs: HashMap<PathBuf, String>,
    pub programs: Vec<Arc<Checked>>,
}

impl World {
    /// Check every program an open document belongs to: the project's
    /// `main.ard` when the document is in a project folder and reached from
    /// it, else the document itself.
    pub fn analyze(&mut self) {
        let fs = Overlay { docs: &self.docs };
        let mut programs: Vec<Arc<Checked>> = Vec::new();
        let mut docs: Vec<&PathBuf> = self.docs.keys().collect();
        docs.sort();
        let covered = |programs: &[Arc<Checked>], doc: &Path| {
            programs.iter().any(|p| p.files.contains_key(doc))
        };
        let std = std_dir();
        for doc in &docs {
            // Standard-library files opened from a definition are read
            // only through the programs that use them.
            if covered(&programs, doc) || doc.starts_with(&std) {
                continue;
            }
            if let Some(main) = project_main(&fs, doc)
                && let Some(p) = check(&main, &fs)
            {
                programs.push(Arc::new(p));
                if covered(&programs, doc) {
                    continue;
                }
            }
            if let Some(p) = check(doc, &fs) {
                programs.push(Arc::new(p));
            }
        }
        self.programs = programs;
    }

    /// The program holding `path`, and the file's id in it.
    pub fn find(&self, path: &Path) -> Option<(Arc<Checked>, FileId)> {
        let path = normalize(path);
        self.programs
            .iter()
            .find_map(|p| p.files.get(&path).map(|f| (p.clone(), *f)))
    }

    /// The diagnostics of every user file of the checked programs.
    pub fn diagnostics(&self) -> Vec<(PathBuf, Arc<Checked>, Vec<Diagnostic>)> {
        let mut out: Vec<(PathBuf, Arc<Checked>, Vec<Diagnostic>)> = Vec::new();
        for p in &self.programs {
            for m in &p.analysis.syntax.modules {
                if m.is_std {
                    continue;
                }
                let path = p.path_of(m.file);
                if out.iter().any(|(q, _, _)| *q == path) {
                    continue;
                }
                let diags = p
                    .analysis
                    .diags
                    .iter()
                    .filter(|d| d.span.file == m.file)
                    .cloned()
                    .collect();
                out.push((path, p.clone(), diags));
            }
        }
        out
    }
}

/// `main.ard` of the project folder (with `ard.toml`) holding `doc`.
fn project_main(fs: &dyn FileSystem, doc: &Path) -> Option<PathBuf> {
    for dir in doc.ancestors().skip(1) {
        if fs.is_file(&dir.join("ard.toml")) {
            let main = dir.join("main.ard");
            return fs.is_file(&main).then_some(main);
        }
    }
    None
}

fn check(entry: &Path, fs: &dyn FileSystem) -> Option<Checked> {
    let analysis = match driver::analyze(entry, fs) {
        Ok(a) => a,
        Err(CompileError::Load(_)) => return None,
        Err(CompileError::Diagnostics(..)) => return None,
    };
    let index = analysis
        .program
        .as_ref()
        .map(|p| Index::build(p, &analysis.syntax, &analysis.sources));
    let files = analysis
        .syntax
        .modules
        .iter()
        .map(|m| (file_path(&analysis.sources.get(m.file).name), m.file))
        .collect();
    Some(Checked {
        analysis,
        index,
        files,
    })
}

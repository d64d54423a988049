//! Loading a program: find the project (`ard.toml`), resolve `use` paths to
//! files (user modules) or embedded sources (the standard library), parse
//! every module once, and order them so that imports come first.
//!
//! File access goes through the `FileSystem` trait so that the rest of the
//! compiler stays pure and tests can run in memory.

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::{self, ast};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub trait FileSystem {
    fn read(&self, path: &Path) -> std::io::Result<String>;
    fn is_file(&self, path: &Path) -> bool;
    fn is_dir(&self, path: &Path) -> bool;
    /// The absolute form of an existing path.
    fn canonicalize(&self, path: &Path) -> Option<PathBuf>;
    /// The `.ard` files under `dir` (recursively), as paths relative to
    /// `dir`, sorted; hidden entries and folders of other projects (with an
    /// `ard.toml` of their own) are skipped. Used to discover tests.
    fn ard_files(&self, dir: &Path) -> Vec<PathBuf> {
        let _ = dir;
        Vec::new()
    }
}

/// The real file system.
pub struct RealFs;

impl FileSystem for RealFs {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        Ok(decode_source(&std::fs::read(path)?))
    }
    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }
    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }
    fn canonicalize(&self, path: &Path) -> Option<PathBuf> {
        let p = if path.as_os_str().is_empty() {
            Path::new(".")
        } else {
            path
        };
        std::fs::canonicalize(p).ok()
    }
    fn ard_files(&self, dir: &Path) -> Vec<PathBuf> {
        fn walk(root: &Path, rel: &Path, depth: usize, out: &mut Vec<PathBuf>) {
            let Ok(entries) = std::fs::read_dir(root.join(rel)) else {
                return;
            };
            for entry in entries.flatten() {
                let name = entry.file_name();
                if name.to_string_lossy().starts_with('.') {
                    continue;
                }
                let path = rel.join(&name);
                let Ok(kind) = entry.file_type() else {
                    continue;
                };
                if kind.is_dir() {
                    let nested = root.join(&path).join("ard.toml").is_file();
                    if !nested && depth < 32 {
                        walk(root, &path, depth + 1, out);
                    }
                } else if path.extension().is_some_and(|e| e == "ard") {
                    out.push(path);
                }
            }
        }
        let mut out = Vec::new();
        walk(dir, Path::new(""), 0, &mut out);
        out.sort();
        out
    }
}

/// First of the private-use code points that stand for bytes that are not
/// valid UTF-8 (U+F780 + byte - 0x80): Ard source is bytes and a string
/// literal may hold any byte (syntax.md §1.1); the Go printer turns these
/// back into `\xNN` escapes.
pub const RAW_BYTE_BASE: u32 = 0xF780;

/// Source bytes as text, keeping invalid UTF-8 bytes recoverable.
pub fn decode_source(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                return out;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(good).unwrap_or_default());
                let n = e.error_len().unwrap_or(bad.len()).max(1);
                for &b in &bad[..n.min(bad.len())] {
                    let c = char::from_u32(RAW_BYTE_BASE + u32::from(b).saturating_sub(0x80));
                    out.push(c.unwrap_or('\u{FFFD}'));
                }
                rest = &bad[n.min(bad.len())..];
            }
        }
    }
}

/// Standard-library sources by module name (`io` for `ard/io`).
pub type StdSources = fn(&str) -> Option<&'static str>;

#[derive(Debug)]
pub struct LoadedModule {
    /// `ard/io`, `shop/billing`, or `main` for the entry file.
    pub path: String,
    pub file: FileId,
    pub ast: ast::Module,
    pub is_std: bool,
    /// For each `use` of `ast.imports`: the index of the imported module
    /// (None when it could not be resolved; a diagnostic was reported).
    pub imports: Vec<Option<usize>>,
    /// After syntax errors: the ranges deleted so that the rest parsed
    /// (`ast` is the file without them; the whole file when nothing
    /// could be recovered). Empty for a file without syntax errors.
    pub removed: Vec<Span>,
    /// How many syntax errors of this file are among the load diagnostics.
    pub syntax_errors: usize,
}

#[derive(Debug)]
pub struct LoadedProgram {
    pub modules: Vec<LoadedModule>,
    pub entry: usize,
    /// Modules in initialisation order: every module after its imports.
    pub order: Vec<usize>,
    /// Prelude names (`Str`, `Int`, ...) and the module each one names.
    pub prelude: Vec<(String, usize)>,
}

/// The namespaces every user module sees without `use` (program.md §5).
const PRELUDE: &[(&str, &str)] = &[
    ("Str", "string"),
    ("Int", "int"),
    ("Float", "float"),
    ("List", "list"),
    ("Dynamic", "dynamic"),
];

/// Failure to even start: the path is missing or not a program. One line,
/// exit code 2.
#[derive(Debug)]
pub struct LoadError(pub String);

struct Loader<'a> {
    fs: &'a dyn FileSystem,
    std: StdSources,
    sources: &'a mut SourceMap,
    diags: Vec<Diagnostic>,
    modules: Vec<LoadedModule>,
    by_path: HashMap<String, usize>,
    /// Project root and name from ard.toml, if any.
    root: PathBuf,
    project: Option<String>,
    /// Directory shown in front of module file names in diagnostics.
    display_root: PathBuf,
}

/// Load the program whose entry is `path` (an `.ard` file or a project
/// folder holding `ard.toml` and `main.ard`).
pub fn load(
    path: &Path,
    fs: &dyn FileSystem,
    std: StdSources,
    sources: &mut SourceMap,
) -> Result<(LoadedProgram, Vec<Diagnostic>), LoadError> {
    load_program(path, fs, std, sources, false)
}

/// Load for `ard2go test` (issue 13): like `load`, and when `path` is a
/// project folder, also every other `.ard` file of the project (its modules
/// with their co-located tests, and the test files under `test/`), each as
/// the module `project/relative/path`.
pub fn load_for_tests(
    path: &Path,
    fs: &dyn FileSystem,
    std: StdSources,
    sources: &mut SourceMap,
) -> Result<(LoadedProgram, Vec<Diagnostic>), LoadError> {
    load_program(path, fs, std, sources, fs.is_dir(path))
}

fn load_program(
    path: &Path,
    fs: &dyn FileSystem,
    std: StdSources,
    sources: &mut SourceMap,
    discover: bool,
) -> Result<(LoadedProgram, Vec<Diagnostic>), LoadError> {
    let entry_file = if fs.is_dir(path) {
        let main = path.join("main.ard");
        if !fs.is_file(&main) {
            return Err(LoadError(format!(
                "{} is a directory without a main.ard; pass an .ard file or a project folder",
                path.display()
            )));
        }
        main
    } else {
        path.to_path_buf()
    };
    let text = fs.read(&entry_file).map_err(|e| {
        LoadError(format!(
            "cannot read {}: {}",
            entry_file.display(),
            io_reason(&e)
        ))
    })?;
    let entry_dir = entry_file
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut loader = Loader {
        fs,
        std,
        sources,
        diags: Vec::new(),
        modules: Vec::new(),
        by_path: HashMap::new(),
        root: entry_dir.clone(),
        project: None,
        display_root: entry_dir.clone(),
    };
    let abs_dir = fs
        .canonicalize(&entry_dir)
        .unwrap_or_else(|| entry_dir.clone());
    if !loader.find_project(&abs_dir, &entry_dir) {
        // No ard.toml: the project is the entry file's folder, named after it.
        loader.project = abs_dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
    }
    let display = entry_file.display().to_string();
    let entry = loader.add_module("main".to_string(), display, text, false);
    let mut roots = Vec::new();
    if discover {
        roots = loader.discover(&entry_file);
    }
    let mut prelude = Vec::new();
    for (name, module) in PRELUDE {
        if let Some(idx) = loader.std_module(module) {
            prelude.push((name.to_string(), idx));
        }
    }
    let mut order = loader.init_order(entry);
    for root in roots {
        loader.visit_from(root, &mut order);
    }
    let program = LoadedProgram {
        modules: loader.modules,
        entry,
        order,
        prelude,
    };
    Ok((program, loader.diags))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
}

impl Loader<'_> {
    /// Walk up from `abs_dir` to the nearest `ard.toml` and read the
    /// project name. Returns false when there is none. `shown_dir` is the
    /// entry folder as the user wrote it, for file names in diagnostics.
    fn find_project(&mut self, abs_dir: &Path, shown_dir: &Path) -> bool {
        for (up, d) in abs_dir.ancestors().enumerate() {
            let toml = d.join("ard.toml");
            if self.fs.is_file(&toml) {
                let mut shown = shown_dir.to_path_buf();
                for _ in 0..up {
                    shown.push("..");
                }
                let text = self.fs.read(&toml).unwrap_or_default();
                let file = self
                    .sources
                    .add(shown.join("ard.toml").display().to_string(), text.clone());
                match parse_project_name(&text) {
                    Ok(name) => self.project = Some(name),
                    Err((offset, msg)) => self
                        .diags
                        .push(Diagnostic::error(Span::new(file, offset, offset), msg)),
                }
                self.root = d.to_path_buf();
                self.display_root = shown;
                return true;
            }
        }
        false
    }

    /// Every `.ard` file of the project other than the entry, loaded as a
    /// module (unless an import already loaded it). Returns their indices.
    fn discover(&mut self, entry_file: &Path) -> Vec<usize> {
        let Some(project) = self.project.clone() else {
            return Vec::new();
        };
        let entry_abs = self.fs.canonicalize(entry_file);
        let mut found = Vec::new();
        for rel in self.fs.ard_files(&self.root.clone()) {
            let file = self.root.join(&rel);
            if entry_abs.is_some() && self.fs.canonicalize(&file) == entry_abs {
                continue;
            }
            let stem = rel.with_extension("");
            let parts: Vec<String> = stem
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let path = format!("{project}/{}", parts.join("/"));
            if let Some(&idx) = self.by_path.get(&path) {
                found.push(idx);
                continue;
            }
            let Ok(text) = self.fs.read(&file) else {
                continue;
            };
            let display = self.display_root.join(&rel).display().to_string();
            found.push(self.add_module(path, display, text, false));
        }
        found
    }

    fn add_module(&mut self, path: String, display: String, text: String, is_std: bool) -> usize {
        let file = self.sources.add(display, text);
        let idx = self.modules.len();
        self.by_path.insert(path.clone(), idx);
        let parsed = syntax::parse_recovering(file, &self.sources.get(file).text);
        let syntax_errors = parsed.errors.len();
        self.diags.extend(parsed.errors);
        let removed = parsed
            .removed
            .iter()
            .map(|&(start, end)| Span::new(file, start, end))
            .collect();
        let ast = parsed.module.unwrap_or(ast::Module {
            imports: Vec::new(),
            stmts: Vec::new(),
        });
        let imports = ast.imports.clone();
        self.modules.push(LoadedModule {
            path,
            file,
            ast,
            is_std,
            imports: Vec::new(),
            removed,
            syntax_errors,
        });
        let mut resolved = Vec::new();
        for imp in &imports {
            resolved.push(self.resolve(imp));
        }
        self.modules[idx].imports = resolved;
        idx
    }

    fn std_module(&mut self, name: &str) -> Option<usize> {
        let path = format!("ard/{name}");
        if let Some(&idx) = self.by_path.get(&path) {
            return Some(idx);
        }
        let text = (self.std)(name)?;
        Some(self.add_module(path, format!("<std>/{name}.ard"), text.to_string(), true))
    }

    fn resolve(&mut self, imp: &ast::Import) -> Option<usize> {
        if let Some(&idx) = self.by_path.get(&imp.path) {
            return Some(idx);
        }
        if let Some(name) = imp.path.strip_prefix("ard/") {
            if matches!(name, "maybe" | "result") {
                // Hard-wired modules: the checker knows them.
                return None;
            }
            let found = self.std_module(name);
            if found.is_none() {
                self.diags.push(
                    Diagnostic::error(imp.path_span, format!("unknown module `{}`", imp.path))
                        .with_label("no such standard-library module"),
                );
            }
            return found;
        }
        let mut segments = imp.path.split('/');
        let first = segments.next().unwrap_or_default();
        let rest: Vec<&str> = segments.collect();
        match &self.project {
            Some(project) if project == first && !rest.is_empty() => {
                let rel = format!("{}.ard", rest.join("/"));
                let file = self.root.join(&rel);
                match self.fs.read(&file) {
                    Ok(text) => {
                        let display = self.display_root.join(&rel).display().to_string();
                        Some(self.add_module(imp.path.clone(), display, text, false))
                    }
                    Err(_) => {
                        self.diags.push(
                            Diagnostic::error(
                                imp.path_span,
                                format!("cannot find module `{}`", imp.path),
                            )
                            .with_label(format!("expected the file {}", file.display())),
                        );
                        None
                    }
                }
            }
            Some(project) => {
                self.diags.push(
                    Diagnostic::error(imp.path_span, format!("unknown module `{}`", imp.path))
                        .with_label("not a standard-library or project module")
                        .with_note(format!(
                            "modules of this project are imported as `use {project}/path/to/file`"
                        )),
                );
                None
            }
            None => {
                self.diags.push(
                    Diagnostic::error(imp.path_span, format!("unknown module `{}`", imp.path))
                        .with_label("not a standard-library module")
                        .with_note(
                            "to import your own modules, create an ard.toml with `name = \"...\"` in the project folder",
                        ),
                );
                None
            }
        }
    }

    /// Depth-first post-order from the entry, imports in `use` order; a
    /// cycle is reported at the `use` that closes it.
    fn init_order(&mut self, entry: usize) -> Vec<usize> {
        let mut state = vec![0u8; self.modules.len()];
        let mut order = Vec::new();
        let mut stack = Vec::new();
        // Prelude modules initialise first (they are stateless anyway).
        let prelude: Vec<usize> = (0..self.modules.len())
            .filter(|&i| self.modules[i].is_std)
            .collect();
        for m in prelude {
            self.visit(m, &mut state, &mut order, &mut stack);
        }
        self.visit(entry, &mut state, &mut order, &mut stack);
        order
    }

    /// Append `root` and its imports to an existing order (modules already
    /// in it stay where they are).
    fn visit_from(&mut self, root: usize, order: &mut Vec<usize>) {
        let mut state = vec![0u8; self.modules.len()];
        for &m in order.iter() {
            state[m] = 2;
        }
        let mut stack = Vec::new();
        self.visit(root, &mut state, order, &mut stack);
    }

    fn visit(
        &mut self,
        m: usize,
        state: &mut [u8],
        order: &mut Vec<usize>,
        stack: &mut Vec<usize>,
    ) {
        if state[m] == 2 {
            return;
        }
        state[m] = 1;
        stack.push(m);
        let imports = self.modules[m].imports.clone();
        for (i, imp) in imports.iter().enumerate() {
            let Some(dep) = *imp else { continue };
            if state[dep] == 1 {
                let start = stack.iter().position(|&x| x == dep).unwrap_or(0);
                let mut cycle: Vec<String> = stack[start..]
                    .iter()
                    .map(|&x| self.modules[x].path.clone())
                    .collect();
                cycle.push(self.modules[dep].path.clone());
                let span = self.modules[m].ast.imports[i].path_span;
                self.diags.push(
                    Diagnostic::error(span, "circular import")
                        .with_label("this import closes a cycle")
                        .with_note(format!("the cycle is: {}", cycle.join(" -> "))),
                );
                continue;
            }
            self.visit(dep, state, order, stack);
        }
        stack.pop();
        state[m] = 2;
        order.push(m);
    }
}

/// Read `name = "..."` from ard.toml. Returns the byte offset and message of
/// the first problem.
pub fn parse_project_name(text: &str) -> Result<String, (usize, String)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let line_start = offset;
        offset += line.len();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with('[') {
            continue;
        }
        let Some((key, value)) = trimmed.split_once('=') else {
            return Err((
                line_start,
                "malformed ard.toml: expected `key = value`".to_string(),
            ));
        };
        if key.trim() != "name" {
            continue;
        }
        let value = value.trim();
        // "name" or 'name', possibly followed by a comment.
        let unquoted = value
            .chars()
            .next()
            .filter(|q| *q == '"' || *q == '\'')
            .and_then(|q| {
                let rest = &value[1..];
                let end = rest.find(q)?;
                let after = rest[end + 1..].trim();
                (end > 0 && (after.is_empty() || after.starts_with('#'))).then(|| &rest[..end])
            });
        return match unquoted {
            Some(name) => Ok(name.to_string()),
            None => Err((
                line_start,
                "malformed ard.toml: `name` must be a non-empty quoted string".to_string(),
            )),
        };
    }
    Err((
        0,
        "ard.toml has no project name: add `name = \"my_project\"`".to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_bytes_are_kept() {
        let s = decode_source(b"a\xffb\xc3\xa9");
        let chars: Vec<u32> = s.chars().map(|c| c as u32).collect();
        assert_eq!(chars, vec![0x61, RAW_BYTE_BASE + 0x7f, 0x62, 0xe9]);
    }

    #[test]
    fn project_name_is_read() {
        assert_eq!(
            parse_project_name("name = \"shop\"\n"),
            Ok("shop".to_string())
        );
        assert_eq!(
            parse_project_name("# c\n\nname=\"a_b\"").as_deref(),
            Ok("a_b")
        );
        assert!(parse_project_name("").is_err());
        assert!(parse_project_name("name = shop").is_err());
        assert_eq!(
            parse_project_name("name = 'shop' # c").as_deref(),
            Ok("shop")
        );
        assert!(parse_project_name("garbage").is_err());
    }
}

//! The pipeline from a path to checked program and Go files, shared by the
//! CLI commands and the tests. File access goes through `load::FileSystem`.

use crate::diagnostic::Diagnostic;
use crate::load::{self, FileSystem};
use crate::lower::{self, GoFile};
use crate::source::SourceMap;
use crate::tir::Program;
use std::path::Path;

/// A program that passed parsing and checking.
pub struct Checked {
    pub sources: SourceMap,
    pub program: Program,
    /// The syntax trees, no longer needed: kept so that `ard2go check` can
    /// skip freeing them at exit (node by node, that costs a sizeable share
    /// of a check) while library callers free them as usual.
    pub syntax: load::LoadedProgram,
}

pub enum CompileError {
    /// The path could not be used at all (one line, exit code 2).
    Load(String),
    /// The program has errors (exit code 1).
    Diagnostics(SourceMap, Vec<Diagnostic>),
}

/// The Ard source of a standard-library module (`io` for `ard/io`),
/// embedded with the Go runtime.
pub fn std_source(name: &str) -> Option<&'static str> {
    let path = format!("{name}/{name}.ard");
    crate::build::runtime_files()
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
}

/// Everything known about a program after checking, errors or not: what
/// `ard2go check` reports and what the language server answers from.
pub struct Analysis {
    pub sources: SourceMap,
    pub syntax: load::LoadedProgram,
    /// The checked program; `None` when loading failed before checking (a
    /// missing module, an import cycle). With errors, the parts that
    /// checked are there and types nothing fixed are Void.
    pub program: Option<Program>,
    /// Every diagnostic, sorted; empty for a valid program.
    pub diags: Vec<Diagnostic>,
}

/// Parse and check the program at `path`, keeping what checked.
pub fn analyze(path: &Path, fs: &dyn FileSystem) -> Result<Analysis, CompileError> {
    analyze_with(path, fs, load::load)
}

type LoadFn = fn(
    &Path,
    &dyn FileSystem,
    load::StdSources,
    &mut SourceMap,
) -> Result<(load::LoadedProgram, Vec<Diagnostic>), load::LoadError>;

fn analyze_with(path: &Path, fs: &dyn FileSystem, load: LoadFn) -> Result<Analysis, CompileError> {
    let timing = std::env::var_os("ARD2GO_TIMINGS").is_some();
    let start = std::time::Instant::now();
    let mut sources = SourceMap::new();
    let (loaded, mut diags) =
        load(path, fs, std_source, &mut sources).map_err(|e| CompileError::Load(e.0))?;
    if timing {
        eprintln!("timing: load+parse {:?}", start.elapsed());
    }
    // Syntax errors do not stop checking: the broken declarations were
    // deleted and the rest is checked (issue 12), keeping the type errors
    // that do not depend on what was deleted. Other load errors (a missing
    // module, an import cycle) do.
    let syntax_errors: usize = loaded.modules.iter().map(|m| m.syntax_errors).sum();
    if diags.len() > syntax_errors {
        crate::diagnostic::sort_and_dedup(&mut diags);
        return Ok(Analysis {
            sources,
            syntax: loaded,
            program: None,
            diags,
        });
    }
    let start = std::time::Instant::now();
    let (program, type_errors) = crate::check::check_keeping(&loaded, &sources);
    if timing {
        eprintln!("timing: check {:?}", start.elapsed());
    }
    if syntax_errors == 0 {
        diags.extend(type_errors);
    } else {
        diags.extend(crate::check::independent(&loaded, &sources, type_errors));
    }
    crate::diagnostic::sort_and_dedup(&mut diags);
    Ok(Analysis {
        sources,
        syntax: loaded,
        program: Some(program),
        diags,
    })
}

/// Parse and check the program at `path`.
pub fn check_path(path: &Path, fs: &dyn FileSystem) -> Result<Checked, CompileError> {
    checked(analyze_with(path, fs, load::load)?)
}

/// Parse and check the program at `path` with every test of it: for a
/// project folder, all of its `.ard` files (`load::load_for_tests`).
pub fn check_tests_path(path: &Path, fs: &dyn FileSystem) -> Result<Checked, CompileError> {
    checked(analyze_with(path, fs, load::load_for_tests)?)
}

/// A program without errors, or its diagnostics.
fn checked(a: Analysis) -> Result<Checked, CompileError> {
    match a.program {
        Some(program) if a.diags.is_empty() => Ok(Checked {
            sources: a.sources,
            program,
            syntax: a.syntax,
        }),
        _ => Err(CompileError::Diagnostics(a.sources, a.diags)),
    }
}

/// A program needs `fn main` to be built and run.
pub fn require_main(checked: &Checked) -> Result<(), Vec<Diagnostic>> {
    if checked.program.main.is_some() {
        return Ok(());
    }
    let entry = checked.program.module(checked.program.entry);
    let span = crate::source::Span::new(entry.file, 0, 0);
    Err(vec![
        Diagnostic::error(span, "no `main` function found")
            .with_label("the program starts here")
            .with_note("add `fn main() { ... }`: it is where the program starts"),
    ])
}

/// A program that needs cgo (it uses ard/sqlite, which links SQLite's C
/// library) cannot be cross-compiled for `target`: Go's cross-compiler runs
/// without cgo. The error points at the `use` of the module.
pub fn require_no_cgo(checked: &Checked, target: &str) -> Result<(), Vec<Diagnostic>> {
    if !crate::lower::needs_cgo(&checked.program) {
        return Ok(());
    }
    // The entry module's `use` first, then the other modules'.
    let loaded = &checked.syntax;
    let entry = loaded.modules.get(loaded.entry).into_iter();
    let span = entry
        .chain(loaded.modules.iter())
        .flat_map(|m| &m.ast.imports)
        .find(|i| i.path == "ard/sqlite")
        .map(|i| i.span)
        .unwrap_or_else(|| {
            let entry = checked.program.module(checked.program.entry);
            crate::source::Span::new(entry.file, 0, 0)
        });
    Err(vec![
        Diagnostic::error(span, format!("ard/sqlite cannot be cross-compiled for {target}"))
            .with_label("ard/sqlite needs cgo (SQLite's C library and a C compiler)")
            .with_note(format!(
                "--target builds with Go's own cross-compiler, without cgo; build this program on a {target} machine, without --target"
            )),
    ])
}

/// Lower a checked program to Go files.
pub fn generate(checked: &Checked) -> Vec<GoFile> {
    lower::lower(&checked.program, &checked.sources)
}

/// The tests `ard2go test PATH` runs: for a file, its own test functions;
/// for a project folder, every test of the project. `filter` keeps the
/// tests whose name (`module::name`) contains it.
pub fn select_tests(
    checked: &Checked,
    whole_project: bool,
    filter: Option<&str>,
) -> Vec<lower::TestCase> {
    let prog = &checked.program;
    lower::test_cases(prog, &checked.sources)
        .into_iter()
        .filter(|t| whole_project || prog.func(t.func).module == prog.entry)
        .filter(|t| filter.is_none_or(|f| t.name.contains(f)))
        .collect()
}

/// Lower a program with the test harness for `tests`; also the Go test
/// name of each test.
pub fn generate_tests(checked: &Checked, tests: &[lower::TestCase]) -> (Vec<GoFile>, Vec<String>) {
    lower::lower_tests(&checked.program, &checked.sources, tests)
}

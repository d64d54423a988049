//! The Go test harness of `ard2go test` (issue 13): `ard_test.go`, one Go
//! test per selected Ard test, from the askama template
//! `templates/test_harness.go.tmpl`. The work of running a test (fresh world,
//! recovering panics, time limit, reporting) is in the runtime,
//! `runtime-go/testing/testing.go`, so the generated file stays a list.

use super::Lowerer;
use super::names::go_ident;
use crate::source::SourceMap;
use crate::templates::{self, GoImport, HarnessTest, TestHarness};
use crate::tir::*;

/// One Ard test as the runner knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestCase {
    pub func: FnId,
    /// `math::adds_numbers`: the module (its path in the project, or the
    /// file's name for a single file) and the test's name.
    pub name: String,
    /// The file as diagnostics show it, and the line of the test's name.
    pub file: String,
    pub line: usize,
}

/// Every test of the program, in module and declaration order.
pub fn test_cases(prog: &Program, sources: &SourceMap) -> Vec<TestCase> {
    let mut tests: Vec<FnId> = prog.tests.clone();
    tests.sort_by_key(|&t| {
        let f = prog.func(t);
        (f.span.file, f.span.start)
    });
    tests
        .into_iter()
        .map(|id| {
            let f = prog.func(id);
            let file = sources.get(f.span.file);
            let (line, _) = file.line_col(f.span.start as usize);
            TestCase {
                func: id,
                name: format!("{}::{}", module_name(prog, sources, f.module), f.name),
                file: file.name.clone(),
                line,
            }
        })
        .collect()
}

/// The module part of a test's name: the path inside the project
/// (`math`, `util/strings`, `test/math_test`), or the entry file's name.
fn module_name(prog: &Program, sources: &SourceMap, m: ModuleId) -> String {
    let module = prog.module(m);
    if m == prog.entry {
        let name = &sources.get(module.file).name;
        return std::path::Path::new(name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "main".to_string());
    }
    match module.path.split_once('/') {
        Some((_project, rest)) if !module.is_std => rest.to_string(),
        _ => module.path.clone(),
    }
}

impl Lowerer<'_> {
    /// `ard_test.go` for `tests`, and the Go test name of each.
    pub(crate) fn test_harness(&mut self, tests: &[TestCase]) -> (String, Vec<String>) {
        let mut out = Vec::new();
        for t in tests {
            let base = format!("Test_{}", go_ident(&t.name.replace(['/', ':'], "_")));
            let go_name = self.names.package.fresh(&base.replace("__", "_"));
            let func = &self.names.funcs[t.func.0 as usize];
            let call = if self.needs_world[t.func.0 as usize] {
                format!("RunIn(t, newWorld, {func})")
            } else {
                format!("Run(t, {func})")
            };
            out.push(HarnessTest {
                go_name,
                name: t.name.clone(),
                // The base name, as in `//line` directives: the output does
                // not depend on where ard2go was run from.
                file: std::path::Path::new(&t.file)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| t.file.clone()),
                line: t.line,
                call,
            });
        }
        let names = out.iter().map(|t| t.go_name.clone()).collect();
        let imports = [
            GoImport::of(&format!("{}/testing", crate::build::RUNTIME_MODULE)),
            GoImport::of("testing"),
        ];
        let text = templates::file(&TestHarness {
            imports: &imports,
            tests: out,
        });
        (text, names)
    }
}

//! Stage 3: checked program -> Go source files. Lowering decides how every
//! Ard construct becomes Go (docs/decisions.md "Representation"); the output
//! is then normalised by gofmt in `render`.
//!
//! Layout of the generated package (file frames from `templates/`, see
//! `crate::templates`): one Go file per Ard module (declarations
//! in source order) plus `ard_world.go` with the world (per-program module
//! state), the fiber entry and `func main`.

mod builtins;
mod code;
mod decls;
mod expr;
mod func;
mod harness;
mod inplace;
mod matching;
mod names;
mod stmt;
#[cfg(test)]
mod tests;
mod types;
mod world;

use crate::source::SourceMap;
use crate::templates::{GoImport, MainCall, WorldFile, WorldInit, WorldModule};
use crate::tir::*;
use code::Code;
use names::{NameSet, go_ident};
use std::collections::{BTreeMap, BTreeSet};

pub use code::go_string;

/// One generated Go file: name and contents (not yet gofmt-ed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoFile {
    pub name: String,
    pub text: String,
}

/// Lower a checked program to Go files (package main). Test functions are
/// left out.
pub fn lower(prog: &Program, sources: &SourceMap) -> Vec<GoFile> {
    let mut l = Lowerer::new(prog, sources, false);
    l.lower_all()
}

/// Lower a program together with its test functions and the Go test
/// harness `ard_test.go` that runs `tests` (a selection of `test_cases`).
/// Also returns the Go test name of each of `tests`.
pub fn lower_tests(
    prog: &Program,
    sources: &SourceMap,
    tests: &[TestCase],
) -> (Vec<GoFile>, Vec<String>) {
    let mut l = Lowerer::new(prog, sources, true);
    let mut files = l.lower_all();
    let (text, names) = l.test_harness(tests);
    files.push(GoFile {
        name: "ard_test.go".to_string(),
        text,
    });
    (files, names)
}

pub use harness::{TestCase, test_cases};

/// Does the program need cgo (it uses ard/sqlite)?
pub fn needs_cgo(prog: &Program) -> bool {
    prog.modules.iter().any(|m| m.path == "ard/sqlite")
}

/// Package-level Go names of everything the program declares.
#[derive(Default)]
pub(crate) struct Names {
    pub structs: Vec<String>,
    pub enums: Vec<String>,
    pub unions: Vec<String>,
    pub traits: Vec<String>,
    /// Free/static/extern functions: package-level name; methods: the Go
    /// method name (or a package-level name for generic methods).
    pub funcs: Vec<String>,
    /// Constant globals: the Go const name; others: the state field name.
    pub globals: Vec<String>,
    /// Per module: the state struct type and the world field.
    pub states: Vec<String>,
    pub world_fields: Vec<String>,
    /// Per module: the init method name.
    pub inits: Vec<String>,
    /// Shared globals: (backing variable, sync.Once) names.
    pub shared_vars: BTreeMap<usize, (String, String)>,
    pub package: NameSet,
}

pub(crate) struct Lowerer<'p> {
    pub prog: &'p Program,
    pub sources: &'p SourceMap,
    pub names: Names,
    pub needs_world: Vec<bool>,
    /// Per global: computed once and shared by all worlds (see `world.rs`).
    pub shared: Vec<bool>,
    /// Per module: has state or top-level effects to initialise (see `world.rs`).
    pub stateful: Vec<bool>,
    /// Per module: part of the generated program (see `world::used_modules`).
    pub used: Vec<bool>,
    /// Imports of the file being generated (a cell so that type lowering,
    /// which only reads, can record `rt`).
    pub imports: std::cell::RefCell<BTreeSet<String>>,
    /// ToString wrappers for primitive types that are needed.
    pub wrappers: BTreeSet<&'static str>,
    /// Structs that need a `clone` method.
    pub clones: BTreeSet<StructId>,
    /// Unions that need a `to_str` helper.
    pub union_strs: BTreeSet<UnionId>,
    /// Generating for `ard2go test`: test functions are part of the program.
    pub tests: bool,
    /// Per struct and type parameter: must it be `comparable` in Go (it is
    /// used as a map key)?
    pub comparable: Vec<Vec<bool>>,
    /// While writing the `ard_clone` of a generic struct: the parameter
    /// holding the deep copy of each type parameter's values.
    pub param_cloners: Vec<(String, String)>,
}

/// The Go import path of a standard-library extern binding `io.Print`.
pub(crate) fn extern_package(binding: &str) -> Option<(String, String, String)> {
    let (pkg, func) = binding.split_once('.')?;
    Some((
        format!("ard2go.dev/rt/{pkg}"),
        format!("ard{pkg}"),
        func.to_string(),
    ))
}

impl<'p> Lowerer<'p> {
    fn new(prog: &'p Program, sources: &'p SourceMap, tests: bool) -> Lowerer<'p> {
        let info = world::analyse(prog);
        let mut l = Lowerer {
            prog,
            sources,
            names: Names::default(),
            needs_world: info.needs,
            shared: info.shared,
            stateful: info.stateful,
            used: world::used_modules(prog, tests),
            imports: std::cell::RefCell::new(BTreeSet::new()),
            wrappers: BTreeSet::new(),
            clones: BTreeSet::new(),
            union_strs: BTreeSet::new(),
            tests,
            comparable: types::struct_bounds(prog),
            param_cloners: Vec::new(),
        };
        l.assign_names();
        l
    }

    /// The prefix of package-level names of a module (empty for the entry).
    fn prefix(&self, m: ModuleId) -> String {
        if m == self.prog.entry {
            return String::new();
        }
        let path = &self.prog.module(m).path;
        let seg = path.rsplit('/').next().unwrap_or(path);
        format!("{}_", seg.replace(['-', '.'], "_"))
    }

    fn assign_names(&mut self) {
        let prog = self.prog;
        let mut set = NameSet::new();
        for reserved in [
            "main", "init", "world", "newWorld", "rt", "strconv", "strings", "math", "os",
        ] {
            set.reserve(reserved);
        }
        for s in &prog.structs {
            let n = set.fresh(&format!("{}{}", self.prefix(s.module), go_ident(&s.name)));
            self.names.structs.push(n);
        }
        for e in &prog.enums {
            let n = set.fresh(&format!("{}{}", self.prefix(e.module), go_ident(&e.name)));
            for v in &e.variants {
                set.reserve(&format!("{n}_{v}"));
            }
            self.names.enums.push(n);
        }
        for u in &prog.unions {
            let n = set.fresh(&format!("{}{}", self.prefix(u.module), go_ident(&u.name)));
            self.names.unions.push(n);
        }
        for t in &prog.traits {
            let n = set.fresh(&format!("{}{}", self.prefix(t.module), go_ident(&t.name)));
            self.names.traits.push(n);
        }
        for f in &prog.functions {
            let n = match &f.kind {
                FnKind::Method { owner, .. } => {
                    if !prog.is_generic_method(f) {
                        go_ident(&f.name)
                    } else {
                        let owner_name = match owner {
                            Owner::Struct(s) => self.names.structs[s.0 as usize].clone(),
                            Owner::Enum(e) => self.names.enums[e.0 as usize].clone(),
                        };
                        set.fresh(&format!("{owner_name}_{}", f.name))
                    }
                }
                FnKind::Static(prefix) => set.fresh(&format!(
                    "{}{}_{}",
                    self.prefix(f.module),
                    prefix.replace("::", "_"),
                    f.name
                )),
                FnKind::Free | FnKind::Extern(_) => {
                    set.fresh(&format!("{}{}", self.prefix(f.module), go_ident(&f.name)))
                }
                FnKind::Test => set.fresh(&format!(
                    "ardtest_{}{}",
                    self.prefix(f.module),
                    go_ident(&f.name)
                )),
            };
            self.names.funcs.push(n);
        }
        for (i, m) in prog.modules.iter().enumerate() {
            let base = if ModuleId(i as u32) == prog.entry {
                "main".to_string()
            } else {
                self.prefix(ModuleId(i as u32))
                    .trim_end_matches('_')
                    .to_string()
            };
            self.names
                .states
                .push(set.fresh(&format!("ard_{base}_state")));
            self.names
                .world_fields
                .push(set.fresh(&format!("ard_{base}")));
            self.names
                .inits
                .push(set.fresh(&format!("ard_init_{base}")));
            let _ = m;
        }
        let mut fields: BTreeMap<u32, NameSet> = BTreeMap::new();
        for (i, g) in prog.globals.iter().enumerate() {
            let n = if g.constant.is_some() || self.shared[i] {
                let n = set.fresh(&format!("{}{}", self.prefix(g.module), go_ident(&g.name)));
                if self.shared[i] {
                    let v = set.fresh(&format!("ard_{n}_value"));
                    let once = set.fresh(&format!("ard_{n}_once"));
                    self.names.shared_vars.insert(i, (v, once));
                }
                n
            } else {
                fields
                    .entry(g.module.0)
                    .or_default()
                    .fresh(&go_ident(&g.name))
            };
            self.names.globals.push(n);
        }
        self.names.package = set;
    }

    fn lower_all(&mut self) -> Vec<GoFile> {
        let mut files = Vec::new();
        let mut file_names = NameSet::new();
        file_names.reserve("ard_world");
        let order = self.prog.init_order.clone();
        for m in order {
            if !self.used[m.0 as usize] {
                continue;
            }
            let module = self.prog.module(m);
            let base = if m == self.prog.entry {
                "main".to_string()
            } else if module.is_std {
                format!(
                    "ard_std_{}",
                    module.path.trim_start_matches("ard/").replace('/', "_")
                )
            } else {
                format!("mod_{}", module.path.replace(['/', '-', '.'], "_"))
            };
            let name = file_names.fresh(&base);
            let body = self.lower_module(m);
            if body.lines.iter().all(|l| l.trim().is_empty()) {
                continue;
            }
            files.push(GoFile {
                name: format!("{name}.go"),
                text: self.file_text(&body),
            });
        }
        files.push(GoFile {
            name: "ard_world.go".to_string(),
            text: self.world_file(),
        });
        files
    }

    /// Wrap declarations into a Go file with the imports they used.
    fn file_text(&mut self, body: &Code) -> String {
        let imports = self.take_imports();
        crate::templates::file(&crate::templates::ModuleFile {
            imports: &imports,
            body: &body.lines,
        })
    }

    /// The imports recorded for the file being generated, sorted by path.
    fn take_imports(&mut self) -> Vec<GoImport> {
        self.imports
            .take()
            .iter()
            .map(|i| GoImport::of(i))
            .collect()
    }

    pub(crate) fn import(&self, path: &str) {
        self.imports.borrow_mut().insert(path.to_string());
    }

    /// A `//line file:N` directive for a span (column 1, as Go requires).
    pub(crate) fn line_directive(&self, span: crate::source::Span) -> String {
        let file = self.sources.get(span.file);
        let (line, _) = file.line_col(span.start as usize);
        let name = std::path::Path::new(&file.name)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.name.clone());
        format!("//line {name}:{line}")
    }

    /// `file:line:col` of a span, for panic messages.
    pub(crate) fn position(&self, span: crate::source::Span) -> String {
        let file = self.sources.get(span.file);
        let (line, col) = file.line_col(span.start as usize);
        let name = std::path::Path::new(&file.name)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.name.clone());
        format!("{name}:{line}:{col}")
    }

    fn world_file(&mut self) -> String {
        let stateful =
            (0..self.prog.modules.len()).filter(|&i| self.module_has_state(ModuleId(i as u32)));
        let modules = stateful
            .map(|i| WorldModule {
                field: self.names.world_fields[i].clone(),
                state: self.names.states[i].clone(),
                init: self.names.inits[i].clone(),
            })
            .collect();
        // Imports first (F4), then the entry module with its script (F3).
        let inits = self
            .prog
            .init_order
            .iter()
            .filter(|m| self.module_has_state(**m))
            .map(|m| WorldInit {
                init: self.names.inits[m.0 as usize].clone(),
                script: *m == self.prog.entry,
            })
            .collect();
        let main = self.prog.main.map(|f| MainCall {
            name: self.names.funcs[f.0 as usize].clone(),
            takes_world: self.needs_world[f.0 as usize],
        });
        self.import("ard2go.dev/rt");
        let imports = self.take_imports();
        crate::templates::file(&WorldFile {
            imports: &imports,
            modules,
            inits,
            main,
        })
    }

    /// Does the module have state or an initialiser with effects?
    pub(crate) fn module_has_state(&self, m: ModuleId) -> bool {
        self.stateful[m.0 as usize] && self.used[m.0 as usize]
    }
}

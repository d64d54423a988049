//! Stage 2: AST -> checked program (`tir`). Names are resolved, types are
//! inferred and checked, and every error becomes a `Diagnostic`. The checker
//! keeps going after an error (a failed expression gets `Type::Error`, which
//! is compatible with everything) so that one run reports every independent
//! problem once.

mod agree;
mod body;
mod call;
mod decls;
mod expr;
mod matching;
mod members;
mod scope;
mod stmt;
mod taint;
#[cfg(test)]
mod tests;
mod unify;
mod zonk;

use crate::diagnostic::Diagnostic;
use crate::load::LoadedProgram;
use crate::source::{SourceMap, Span};
use crate::tir::*;
use scope::ModScope;
use std::collections::{HashMap, HashSet};

pub use body::BodyCx;
pub(crate) use members::builtin_method;
pub use taint::independent;

/// Check a loaded program. On success the program has no inference
/// variables left and `main` is set when the entry module declares one.
pub fn check(loaded: &LoadedProgram, sources: &SourceMap) -> Result<Program, Vec<Diagnostic>> {
    let (program, diags) = check_keeping(loaded, sources);
    if diags.is_empty() {
        Ok(program)
    } else {
        Err(diags)
    }
}

/// Check a loaded program and keep the checked program also when it has
/// errors (for the language server: hover and definitions in a program
/// with errors). Types nothing fixed are Void there, as in a valid program.
pub fn check_keeping(loaded: &LoadedProgram, sources: &SourceMap) -> (Program, Vec<Diagnostic>) {
    let mut c = Checker::new(loaded, sources);
    for &m in &loaded.order {
        c.check_module(ModuleId(m as u32));
    }
    c.finish()
}

pub(crate) struct Checker<'a> {
    pub(crate) loaded: &'a LoadedProgram,
    #[allow(dead_code)]
    pub(crate) sources: &'a SourceMap,
    pub(crate) prog: Program,
    pub(crate) diags: Vec<Diagnostic>,
    pub(crate) scopes: Vec<ModScope>,
    /// Methods by receiver and name.
    pub(crate) methods: HashMap<(Owner, String), FnId>,
    /// Set while resolving the name of a struct literal: a generic struct
    /// named without type arguments gets inference variables for them.
    pub(crate) literal_head: bool,
    /// Methods declared `private fn` (callable only from their own module).
    pub(crate) private_methods: HashSet<FnId>,
    /// Which types implement which traits.
    pub(crate) impls: HashSet<(Owner, TraitId)>,
    /// The `Str::ToString` trait, once `ard/string` is checked.
    pub(crate) to_string: Option<TraitId>,
    /// Inference variables: `None` while unbound.
    pub(crate) vars: Vec<Option<Type>>,
    /// The body being checked.
    pub(crate) cx: BodyCx,
    /// Inference variables that must be resolved by the end (the element
    /// type of an empty literal, ...), with where and what they are.
    pub(crate) must_infer: Vec<(Type, Span, &'static str)>,
    /// `==`/`!=` on Maybes whose value type was not known yet (an
    /// unconstrained `maybe::none()`): the final type must be comparable.
    pub(crate) must_compare: Vec<(Type, Span, &'static str)>,
    /// Functions whose bodies still need checking, with their declarations.
    pub(crate) pending: Vec<(FnId, &'a crate::syntax::ast::FnDecl)>,
}

impl<'a> Checker<'a> {
    fn new(loaded: &'a LoadedProgram, sources: &'a SourceMap) -> Checker<'a> {
        let mut prog = Program {
            entry: ModuleId(loaded.entry as u32),
            ..Program::default()
        };
        for m in &loaded.modules {
            prog.modules.push(Module {
                path: m.path.clone(),
                file: m.file,
                is_std: m.is_std,
                imports: m
                    .imports
                    .iter()
                    .flatten()
                    .map(|&i| ModuleId(i as u32))
                    .collect(),
                init: Body::default(),
            });
        }
        prog.init_order = loaded.order.iter().map(|&m| ModuleId(m as u32)).collect();
        let scopes = loaded.modules.iter().map(|_| ModScope::default()).collect();
        Checker {
            loaded,
            sources,
            prog,
            diags: Vec::new(),
            scopes,
            methods: HashMap::new(),
            private_methods: HashSet::new(),
            literal_head: false,
            impls: HashSet::new(),
            to_string: None,
            vars: Vec::new(),
            cx: BodyCx::new(ModuleId(0)),
            pending: Vec::new(),
            must_infer: Vec::new(),
            must_compare: Vec::new(),
        }
    }

    pub(crate) fn error(&mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(span, message)
    }

    /// Record a diagnostic.
    pub(crate) fn report(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Shorthand: an error with a primary label.
    pub(crate) fn err(&mut self, span: Span, message: impl Into<String>, label: impl Into<String>) {
        let d = Diagnostic::error(span, message).with_label(label);
        self.diags.push(d);
    }

    pub(crate) fn show(&self, t: &Type) -> String {
        let t = self.resolve(t);
        crate::tir::types::show(&t, &self.prog)
    }

    fn check_module(&mut self, m: ModuleId) {
        self.declare_module(m);
        self.check_module_bodies(m);
    }

    fn finish(mut self) -> (Program, Vec<Diagnostic>) {
        let entry = self.prog.entry;
        if let Some(scope::ValueSym::Fn(f)) = self.scopes[entry.0 as usize].values.get("main") {
            self.prog.main = Some(*f);
        }
        for (t, span, what) in std::mem::take(&mut self.must_infer) {
            if self.resolve(&t).has_vars() {
                let d = Diagnostic::error(span, format!("cannot infer the type of {what}"))
                    .with_label("its type is never fixed")
                    .with_note("add a type annotation, for example `let xs: [Int] = []`");
                self.diags.push(d);
            }
        }
        for (t, span, sym) in std::mem::take(&mut self.must_compare) {
            let t = self.resolve(&t);
            if !t.has_vars() && !expr::is_comparable(&t) {
                let shown = self.show(&Type::maybe(t));
                self.err(
                    span,
                    format!("`{sym}` cannot be used on {shown}"),
                    format!("`{sym}` works on Int, Float, Str, Bool, enum or Maybe values"),
                );
            }
        }
        self.zonk_program();
        let mut impls: Vec<(Owner, TraitId)> = self.impls.iter().copied().collect();
        impls.sort_by_key(|(o, t)| (format!("{o:?}"), *t));
        self.prog.impls = impls;
        self.prog.to_string = self.to_string;
        crate::diagnostic::sort_and_dedup(&mut self.diags);
        (self.prog, self.diags)
    }
}

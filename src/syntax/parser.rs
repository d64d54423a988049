//! Source text -> `ast::Module`.
//!
//! Three steps (see `syntax.rs` for the design):
//! 1. `lexcheck` scans the text once for problems that pest would report
//!    badly or not at all: stray characters, unterminated strings, and
//!    nesting so deep that the recursive parser could run out of stack.
//! 2. `fast`, a hand-written parser, builds the AST of a valid program.
//! 3. Otherwise pest parses with `grammar.pest`; a failure becomes one
//!    diagnostic in plain words (`errors`). The builder (`expr`, `stmt`,
//!    `types`) walks the pairs and produces the AST, reporting the errors
//!    that are easier to state after parsing (`use` after statements,
//!    positional and named arguments mixed in one call, ...).

mod errors;
mod expr;
pub(super) mod fast;
mod lexcheck;
mod stmt;
mod types;

#[cfg(test)]
pub(crate) mod sexpr;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_errors;
#[cfg(test)]
mod tests_layout;
#[cfg(test)]
mod tests_types;

use std::cell::{Cell, RefCell};
use std::num::NonZeroUsize;

use pest::Parser as _;

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};
use crate::syntax::ast;

#[derive(pest_derive::Parser)]
#[grammar = "syntax/grammar.pest"]
struct ArdParser;

type Pair<'i> = pest::iterators::Pair<'i, Rule>;
type Pairs<'i> = pest::iterators::Pairs<'i, Rule>;

/// A failure that stops the builder (an internal inconsistency or input
/// nested too deeply); ordinary syntax errors are collected instead. Boxed
/// to keep `Result`s small: the builder recurses once per nesting level.
type BResult<T> = Result<T, Box<Diagnostic>>;

/// How deep the AST (and the recursion that builds it) may get. Real
/// programs stay far below; the bound keeps pathological input from
/// overflowing the stack here or in later passes.
const MAX_DEPTH: usize = 512;

/// A generous cap on pest rule calls: the grammar is (close to) linear, so
/// only adversarial input gets near it, and then fails instead of running
/// for minutes.
const CALL_LIMIT: usize = 200_000_000;

/// Parse one file. On failure, the diagnostics are sorted by position.
pub fn parse(file: FileId, text: &str) -> Result<ast::Module, Vec<Diagnostic>> {
    if let Some(diag) = lexcheck::check(file, text) {
        return Err(vec![diag]);
    }
    // The hand-written parser accepts exactly the valid programs (and builds
    // the same tree); anything else goes to pest for the diagnostics.
    if let Some(module) = fast::parse(file, text) {
        return Ok(module);
    }
    parse_with_pest(file, text)
}

/// `parse` without the fast path: the reference the fast parser is tested
/// against.
#[cfg(test)]
fn parse_slow(file: FileId, text: &str) -> Result<ast::Module, Vec<Diagnostic>> {
    if let Some(diag) = lexcheck::check(file, text) {
        return Err(vec![diag]);
    }
    parse_with_pest(file, text)
}

/// Steps 2 and 3: pest and the builder, on text that `lexcheck` accepted.
fn parse_with_pest(file: FileId, text: &str) -> Result<ast::Module, Vec<Diagnostic>> {
    pest::set_call_limit(NonZeroUsize::new(CALL_LIMIT));
    let mut pairs = match ArdParser::parse(Rule::program, text) {
        Ok(pairs) => pairs,
        Err(err) => return Err(vec![errors::from_pest(file, text, &err)]),
    };
    let builder = Builder::new(file);
    let module = match pairs.next() {
        Some(program) => builder.module(program),
        None => Err(builder.internal_at(Span::new(file, 0, 0))),
    };
    let mut diags = builder.errors.into_inner();
    match module {
        Ok(module) if diags.is_empty() => Ok(module),
        Ok(_) => {
            crate::diagnostic::sort_and_dedup(&mut diags);
            Err(diags)
        }
        Err(fatal) => {
            diags.push(*fatal);
            crate::diagnostic::sort_and_dedup(&mut diags);
            Err(diags)
        }
    }
}

/// Turns pest pairs into AST nodes. It only collects errors and tracks the
/// depth, so its methods take `&self` and use interior mutability.
struct Builder {
    file: FileId,
    depth: Cell<usize>,
    errors: RefCell<Vec<Diagnostic>>,
}

/// Restores the builder's depth when a nested construct is done.
struct DepthGuard<'b> {
    depth: &'b Cell<usize>,
    added: usize,
}

impl Drop for DepthGuard<'_> {
    fn drop(&mut self) {
        self.depth.set(self.depth.get().saturating_sub(self.added));
    }
}

impl Builder {
    fn new(file: FileId) -> Builder {
        Builder {
            file,
            depth: Cell::new(0),
            errors: RefCell::new(Vec::new()),
        }
    }

    fn span(&self, pair: &Pair) -> Span {
        let s = pair.as_span();
        Span::new(self.file, s.start(), s.end())
    }

    fn ident(&self, pair: &Pair) -> ast::Ident {
        ast::Ident {
            name: pair.as_str().to_string(),
            span: self.span(pair),
        }
    }

    /// Record an error and keep building.
    fn error(&self, diag: Diagnostic) {
        self.errors.borrow_mut().push(diag);
    }

    /// The grammar guarantees the shape of every pair; if that ever fails,
    /// say so instead of panicking.
    fn internal_at(&self, span: Span) -> Box<Diagnostic> {
        Box::new(
            Diagnostic::error(span, "internal parser error: unexpected syntax tree shape")
                .with_note("this is a bug in ard2go; please report it with the input"),
        )
    }

    fn internal(&self, pair: &Pair) -> Box<Diagnostic> {
        self.internal_at(self.span(pair))
    }

    /// The next child, which the grammar says must exist.
    fn next<'i>(&self, it: &mut Pairs<'i>, parent: &Pair) -> BResult<Pair<'i>> {
        it.next().ok_or_else(|| self.internal(parent))
    }

    /// Enter a construct that adds `levels` to the AST depth.
    fn enter(&self, at: &Pair, levels: usize) -> BResult<DepthGuard<'_>> {
        let depth = self.depth.get() + levels;
        if depth > MAX_DEPTH {
            return Err(Box::new(
                Diagnostic::error(self.span(at), "expression nested too deeply")
                    .with_label("too deeply nested")
                    .with_note(format!(
                        "ard2go accepts at most {MAX_DEPTH} levels of nesting; split this into smaller pieces"
                    )),
            ));
        }
        self.depth.set(depth);
        Ok(DepthGuard {
            depth: &self.depth,
            added: levels,
        })
    }

    fn module(&self, program: Pair) -> BResult<ast::Module> {
        let mut imports = Vec::new();
        let mut stmts = Vec::new();
        for pair in program.into_inner() {
            match pair.as_rule() {
                Rule::import => imports.push(self.import(pair)?),
                Rule::stmt => self.push_stmt(pair, &mut stmts)?,
                Rule::EOI => {}
                _ => return Err(self.internal(&pair)),
            }
        }
        Ok(ast::Module { imports, stmts })
    }

    /// `use PATH [as ALIAS]`
    fn import(&self, pair: Pair) -> BResult<ast::Import> {
        let span = self.span(&pair);
        let mut it = pair.clone().into_inner();
        self.next(&mut it, &pair)?; // `use`
        let path = self.next(&mut it, &pair)?;
        let alias = match it.next() {
            Some(_as) => Some(self.ident(&self.next(&mut it, &pair)?)),
            None => None,
        };
        Ok(ast::Import {
            path: path.as_str().to_string(),
            path_span: self.span(&path),
            alias,
            span,
        })
    }
}

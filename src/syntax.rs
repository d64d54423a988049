//! Stage 1: source text -> AST.
//!
//! # Design
//!
//! The syntax is defined by one pest grammar (`syntax/grammar.pest`) plus
//! the checks its builder makes (`parser/{expr,stmt,types}.rs`: `use` after
//! statements, parameter types, nesting depth, ...). pest is also where every
//! syntax diagnostic comes from (`parser/errors.rs`). But pest is slow (about
//! 5 µs a line), so `parse` runs in three steps:
//!
//! 1. `parser/lexcheck.rs` scans the bytes once for stray characters,
//!    unterminated strings and excessive nesting, and reports them.
//! 2. The fast path, `parser/fast.rs` (+ `fast/{stmt,expr,types}.rs`): a
//!    hand-written recursive-descent parser that builds the AST straight
//!    from the bytes (no tokens, no pairs). It transcribes the grammar rule
//!    by rule under pest's semantics (ordered choice, greedy repetition,
//!    implicit trivia between sequence elements), so its spans are pest's,
//!    trailing trivia included; and it makes the builder's checks. It
//!    returns `Some` only for a program that step 3 would accept, with the
//!    identical tree; otherwise `None`. It never reports anything.
//! 3. On `None`, the original pest parser and builder run and produce the
//!    diagnostics, exactly as before. The fast parser also gives up (and so
//!    leaves the file to pest) past a stack budget or a work budget, so no
//!    input makes it overflow the stack or backtrack for long.
//!
//! Valid programs therefore never touch pest (about 20x faster: ~2.5 µs a
//! line becomes ~0.2 µs, see `benches/parse.rs`), and invalid ones get the
//! same messages as ever, after a fast pass that failed.
//!
//! After a syntax error, `recover.rs` blanks out the failing top-level
//! declaration and parses again, so later independent errors are reported
//! in the same run.
//!
//! Changing the syntax means changing `grammar.pest` (and its builder) *and*
//! the fast parser. `parser/fast/tests.rs` holds them together: it parses
//! every `.ard` file of the conformance cases, benchmarks, test programs,
//! standard library and examples with both and requires identical trees
//! (spans included), and does the same for a few thousand random token and
//! character mutations of those files (`ARD_MUTANTS=n,seed` for a longer
//! run), requiring the fast parser to accept exactly the mutants that pest
//! accepts.

pub mod ast;
mod bench_input;
mod parser;
/// The corpus, mutators and random programs of the parser tests, shared
/// with the formatter tests.
#[cfg(test)]
pub(crate) use parser::fast::tests as parser_tests;
#[cfg(test)]
pub(crate) use parser::sexpr;
mod recover;

pub use bench_input::generate_benchmark_program;
pub use recover::{Recovered, parse, parse_recovering};

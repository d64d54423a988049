//! Stage 1: source text -> AST. One pest grammar (`syntax/grammar.pest`),
//! a builder that turns pest pairs into `ast` nodes, and the translation of
//! pest errors into our own diagnostics.

pub mod ast;
mod bench_input;
mod parser;

pub use bench_input::generate_benchmark_program;
pub use parser::parse;

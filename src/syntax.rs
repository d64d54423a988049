//! Stage 1: source text -> AST. One pest grammar (`syntax/grammar.pest`),
//! a builder that turns pest pairs into `ast` nodes, and the translation of
//! pest errors into our own diagnostics.

pub mod ast;
mod parser;

pub use parser::parse;

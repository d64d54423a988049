//! ard2go: a compiler from Ard to Go.
//!
//! Pipeline: `syntax` (parse) -> `check` (typed program) -> `lower` (Go AST)
//! -> `render` (Go source) -> `build` (go build). Only `build` and `main.rs`
//! touch the file system or spawn processes.
#![forbid(unsafe_code)]

pub mod build;
pub mod check;
pub mod diagnostic;
pub mod driver;
pub mod load;
pub mod lower;
pub mod source;
pub mod syntax;
#[cfg(test)]
mod test_support;
pub mod tir;

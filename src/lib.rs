//! ard2go: a compiler from Ard to Go.
//!
//! Pipeline: `syntax` (parse) -> `check` (typed program) -> `lower` (Go
//! source; file frames from `templates`) -> `build` (go build). Only `build` and `main.rs`
//! touch the file system or spawn processes.
#![forbid(unsafe_code)]

pub mod build;
pub mod check;
pub mod diagnostic;
pub mod driver;
pub mod format;
pub mod load;
pub mod lower;
pub mod lsp;
pub mod source;
pub mod syntax;
pub mod templates;
#[cfg(test)]
mod test_support;
pub mod testrun;
pub mod tir;

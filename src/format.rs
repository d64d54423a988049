//! `ard2go fmt`: one canonical layout for Ard source (docs/formatting.md).
//!
//! `format_source` is pure: text in, formatted text (or the syntax
//! diagnostics) out, for the CLI and the language server alike. The file is
//! parsed with `syntax::parse`; the parser drops comments, so
//! `comments::scan` finds them again with the same lexical rules and the
//! printer (`printer.rs`) puts them back at the item boundaries around
//! their original position. Printing follows the tree token for token, so
//! the formatted program has the same meaning (see
//! tests/format_corpus.rs, which compares the emitted Go).

pub mod comments;
mod printer;
#[cfg(test)]
mod tests;

use crate::diagnostic::Diagnostic;
use crate::source::FileId;

pub use printer::WIDTH;

/// Format one file. A file that does not parse gives its diagnostics
/// (located in `file`) and no text.
pub fn format_file(file: FileId, text: &str) -> Result<String, Vec<Diagnostic>> {
    let module = crate::syntax::parse(file, text)?;
    let comments = comments::scan(text);
    let mut printer = printer::Printer::new(text, comments);
    Ok(printer.module(&module))
}

/// `format_file` for text that is not part of a `SourceMap` (diagnostics
/// point into `FileId(0)`).
pub fn format_source(text: &str) -> Result<String, Vec<Diagnostic>> {
    format_file(FileId(0), text)
}

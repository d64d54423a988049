//! Error recovery: after a syntax error the parser resynchronises at the
//! next top-level declaration, so later independent errors are reported in
//! the same run, and the declarations that parsed can still be checked.
//!
//! The failing declaration is blanked out (spaces, line breaks kept, so
//! every span stays valid) and the file is parsed again, until it parses.
//! The tree of that last parse is the program with the broken declarations
//! deleted; `check/taint.rs` decides which of its type errors are
//! independent of what was deleted.
//!
//! Which declaration is at fault: the one holding the earliest location of
//! the diagnostic (an unclosed `{` is reported at the end of the file with
//! the "block opened here" label on the opener, and the opener's
//! declaration is the broken one). An error of a later parse counts as new
//! and independent only when all its locations lie past everything blanked
//! so far; otherwise it is a consequence of the blanking (a block that the
//! blanked part closed) and only tells what to blank next.

use super::ast;
use crate::diagnostic::Diagnostic;
use crate::source::FileId;

/// At most this many syntax errors are reported for one file.
const MAX_ERRORS: usize = 10;

/// Re-parsing is for convenience only: never let it make a bad file slow.
/// When the budget runs out the file counts as not recovered at all.
const BUDGET: std::time::Duration = std::time::Duration::from_millis(300);

const TOP_LEVEL: &[&str] = &[
    "fn ", "struct ", "enum ", "impl ", "trait ", "type ", "let ", "mut ", "private ", "extern ",
    "test fn ",
];

/// The result of parsing with recovery.
#[derive(Debug)]
pub struct Recovered {
    /// The tree of the file with the `removed` ranges blanked out; `None`
    /// when no such parse was found (then nothing of the file is usable).
    pub module: Option<ast::Module>,
    /// Every independent syntax error, in source order.
    pub errors: Vec<Diagnostic>,
    /// Byte ranges blanked out, in source order (the whole file when
    /// `module` is `None`).
    pub removed: Vec<(usize, usize)>,
}

/// Parse with recovery: the tree, or the diagnostics of every independent
/// syntax error.
pub fn parse(file: FileId, text: &str) -> Result<ast::Module, Vec<Diagnostic>> {
    let r = parse_recovering(file, text);
    match r.module {
        Some(m) if r.errors.is_empty() => Ok(m),
        _ => Err(r.errors),
    }
}

/// Parse; after a syntax error, blank out broken declarations until the
/// rest parses.
pub fn parse_recovering(file: FileId, text: &str) -> Recovered {
    let first = match super::parser::parse(file, text) {
        Ok(m) => {
            return Recovered {
                module: Some(m),
                errors: Vec::new(),
                removed: Vec::new(),
            };
        }
        Err(d) => d,
    };
    let mut errors = first.clone();
    errors.truncate(MAX_ERRORS);
    let mut masked = text.to_string();
    let mut removed: Vec<(usize, usize)> = Vec::new();
    // Everything before `frontier` has been looked at.
    let mut frontier = 0;
    let mut last = first;
    let started = std::time::Instant::now();
    let module = loop {
        if started.elapsed() > BUDGET {
            break None;
        }
        let mut progress = false;
        for d in &last {
            let at = culprit(&masked, d);
            let start = item_start(&masked, at);
            let end = next_item(&masked, at).unwrap_or(masked.len());
            if masked[start..end].trim().is_empty() {
                continue;
            }
            blank(&mut masked, start, end);
            removed.push((start, end));
            frontier = frontier.max(end);
            progress = true;
        }
        if !progress {
            break None;
        }
        match super::parser::parse(file, &masked) {
            Ok(m) => break Some(m),
            Err(ds) => {
                for d in &ds {
                    if errors.len() < MAX_ERRORS && culprit(&masked, d) >= frontier {
                        errors.push(d.clone());
                    }
                }
                last = ds;
            }
        }
    };
    crate::diagnostic::sort_and_dedup(&mut errors);
    let removed = match module {
        Some(_) => merge(removed),
        None => vec![(0, text.len())],
    };
    Recovered {
        module,
        errors,
        removed,
    }
}

/// Where the declaration at fault is: the earliest location of the
/// diagnostic; an error right at the start of a declaration means that the
/// one before it did not end (`let x =` and then `fn f() {}`).
fn culprit(text: &str, d: &Diagnostic) -> usize {
    let at = std::iter::once(d.span.start as usize)
        .chain(
            d.secondary
                .iter()
                .filter(|l| l.span.file == d.span.file)
                .map(|l| l.span.start as usize),
        )
        .min()
        .unwrap_or(0)
        .min(text.len());
    let Some(before) = text.get(..at) else {
        return at;
    };
    if text[at..].trim().is_empty() {
        // At the end of the file: what did not end is the last thing there.
        return before.trim_end().len().saturating_sub(1);
    }
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    if at > 0 && at == line_start && starts_item(&text[at..]) {
        at - 1
    } else {
        at
    }
}

/// Sorted, overlapping and touching ranges joined.
fn merge(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

fn starts_item(line: &str) -> bool {
    TOP_LEVEL.iter().any(|k| line.starts_with(k))
}

/// Byte offset of the start of the top-level item containing `at`.
fn item_start(text: &str, at: usize) -> usize {
    let mut start = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if offset > at {
            break;
        }
        if starts_item(line) {
            start = offset;
        }
        offset += line.len();
    }
    start
}

/// Byte offset of the first top-level item that starts on a line after `at`.
fn next_item(text: &str, at: usize) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if offset > at && starts_item(line) {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// Replace `text[from..to]` by spaces, keeping line breaks and byte offsets.
fn blank(text: &mut String, from: usize, to: usize) {
    let blanked: String = text[from..to]
        .chars()
        .map(|c| {
            if c == '\n' {
                "\n".to_string()
            } else {
                " ".repeat(c.len_utf8())
            }
        })
        .collect();
    text.replace_range(from..to, &blanked);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    #[test]
    fn reports_errors_in_later_declarations() {
        let src = "fn a() {\n  let = 1\n}\n\nfn b() {\n  let x = (1 +\n}\n\nfn c() { 1 }\n";
        let mut sm = SourceMap::new();
        let f = sm.add("t.ard", src);
        let errs = parse(f, src).unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        let lines: Vec<usize> = errs
            .iter()
            .map(|d| sm.get(f).line_col(d.span.start as usize).0)
            .collect();
        assert_eq!(lines[0], 2);
        assert!(lines[1] >= 6, "{lines:?}");
    }

    fn lines_of(src: &str, r: &Recovered) -> (Vec<usize>, Vec<String>) {
        let mut sm = SourceMap::new();
        let f = sm.add("t.ard", src);
        let lines = r
            .errors
            .iter()
            .map(|d| sm.get(f).line_col(d.span.start as usize).0)
            .collect();
        let removed = r
            .removed
            .iter()
            .map(|&(s, e)| src[s..e].trim().to_string())
            .collect();
        (lines, removed)
    }

    /// Issue 12: an unclosed block is found at the end of the file; the
    /// declaration that opened it is the one deleted, the rest is kept.
    #[test]
    fn an_unclosed_block_deletes_the_declaration_that_opened_it() {
        let src = "fn a() {\n  if x {\n    1\n}\n\nfn b() { 2 }\n\nfn c() { 3 }\n";
        let r = parse_recovering(FileId(0), src);
        let (lines, removed) = lines_of(src, &r);
        assert_eq!(lines, [9]);
        assert_eq!(removed, ["fn a() {\n  if x {\n    1\n}"]);
        let m = r.module.expect("the rest parses");
        assert_eq!(m.stmts.len(), 2);
    }

    /// A declaration that the previous one runs into gives one error, not
    /// a second one at the end of the file once it is blanked.
    #[test]
    fn an_unfinished_declaration_is_one_error() {
        let src = "fn a() {\n  let x = 1\n}\nlet y =\nfn b() { 2 }\n";
        let r = parse_recovering(FileId(0), src);
        let (lines, removed) = lines_of(src, &r);
        assert_eq!(lines, [5], "{:?}", r.errors);
        assert_eq!(removed, ["let y =\nfn b() { 2 }"]);
        assert_eq!(r.module.expect("the rest parses").stmts.len(), 1);
    }

    /// A declaration keyword at the left margin inside a function body is
    /// not a declaration: the error it leads to (the body left unclosed by
    /// blanking) is a consequence, not reported.
    #[test]
    fn consequences_of_blanking_are_not_reported() {
        let src = "fn a() {\nlet x = f(\n}\n\nfn b() { 2 }\n";
        let r = parse_recovering(FileId(0), src);
        assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
        assert_eq!(r.module.expect("the rest parses").stmts.len(), 1);
    }

    #[test]
    fn valid_programs_are_unchanged() {
        let src = "fn main() {\n  let x = 1\n}\n";
        assert!(parse(FileId(0), src).is_ok());
    }
}

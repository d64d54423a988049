//! Error recovery: after a syntax error the parser resynchronises at the
//! next top-level declaration, so later independent errors are reported in
//! the same run. The failing declaration is blanked out (spaces, line breaks
//! kept, so every span stays valid) and the file is parsed again.

use super::ast;
use crate::diagnostic::Diagnostic;
use crate::source::FileId;

/// At most this many syntax errors are reported for one file.
const MAX_ERRORS: usize = 10;

const TOP_LEVEL: &[&str] = &[
    "fn ", "struct ", "enum ", "impl ", "trait ", "type ", "let ", "mut ", "private ", "extern ",
];

/// Parse with recovery: the diagnostics of every independent syntax error.
pub fn parse(file: FileId, text: &str) -> Result<ast::Module, Vec<Diagnostic>> {
    let first = match super::parser::parse(file, text) {
        Ok(m) => return Ok(m),
        Err(d) => d,
    };
    let mut all = first.clone();
    let mut masked = text.to_string();
    let mut last = first;
    // Re-parsing is for convenience only: never let it make a bad file slow.
    let started = std::time::Instant::now();
    while all.len() < MAX_ERRORS && started.elapsed() < std::time::Duration::from_millis(300) {
        let Some(at) = last.iter().map(|d| d.span.start as usize).max() else {
            break;
        };
        let start = item_start(&masked, at);
        let Some(next) = next_item(&masked, at) else {
            break;
        };
        blank(&mut masked, start, next);
        match super::parser::parse(file, &masked) {
            Ok(_) => break,
            Err(ds) => {
                // Only errors past the blanked part are new and independent.
                let fresh: Vec<Diagnostic> = ds
                    .into_iter()
                    .filter(|d| d.span.start as usize >= next)
                    .collect();
                if fresh.is_empty() {
                    break;
                }
                all.extend(fresh.iter().cloned());
                last = fresh;
            }
        }
    }
    Err(all)
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

    #[test]
    fn valid_programs_are_unchanged() {
        let src = "fn main() {\n  let x = 1\n}\n";
        assert!(parse(FileId(0), src).is_ok());
    }
}

//! A single cheap pass over the raw text, before pest runs.
//!
//! It follows strings (with nested interpolations), comments and brackets,
//! and reports what the PEG parser would report badly: a stray character
//! (the reference silently dropped them), an unterminated string (the
//! reference ran it to end of file), and nesting deep enough to exhaust the
//! stack of the recursive parser. The same walk also answers "which bracket
//! is still open at this position?" for error messages.

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};

/// Deepest bracket/string nesting accepted. Kept below the builder's own
/// limit so that the pest parser (several stack frames per level) never
/// gets near the end of the stack, even on a 2 MiB test thread.
pub(super) const MAX_NESTING: usize = 128;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum OpenKind {
    Paren,
    Bracket,
    Brace,
    /// `{` inside a string.
    Interp,
    /// The opening `"` of a string.
    Str,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Open {
    pub kind: OpenKind,
    pub pos: usize,
}

enum Problem {
    Stray(usize, char),
    TooDeep(usize),
    /// A literal directly followed by `(`.
    CalledLiteral(usize),
}

struct Walk {
    stack: Vec<Open>,
    problem: Option<Problem>,
    /// Where the first string containing a line feed starts: the likely
    /// culprit when a string is left unterminated.
    first_multiline: Option<usize>,
}

/// Walk `text[..stop]`, stopping at the first problem.
fn walk(text: &str, stop: usize) -> Walk {
    let bytes = text.as_bytes();
    let stop = stop.min(bytes.len());
    let mut stack: Vec<Open> = Vec::new();
    let mut first_multiline = None;
    // A leading byte-order mark is accepted by the grammar.
    let mut i = if text.starts_with('\u{feff}') { 3 } else { 0 };
    while i < stop {
        let in_string = matches!(stack.last(), Some(o) if o.kind == OpenKind::Str);
        if in_string {
            // Most bytes of a string mean nothing here.
            while i < stop && !matches!(bytes[i], b'\\' | b'"' | b'{' | b'\n') {
                i += 1;
            }
            if i >= stop {
                break;
            }
            match bytes[i] {
                // Skip the escaped byte; a multi-byte escaped character only
                // leaves continuation bytes, which never match below.
                b'\\' => i += 1,
                b'"' => {
                    stack.pop();
                    // `"text"(...)`: a string cannot be called.
                    if bytes.get(i + 1) == Some(&b'(') {
                        return Walk {
                            stack,
                            problem: Some(Problem::CalledLiteral(i + 1)),
                            first_multiline,
                        };
                    }
                }
                b'{' => stack.push(Open {
                    kind: OpenKind::Interp,
                    pos: i,
                }),
                b'\n' if first_multiline.is_none() => {
                    first_multiline = stack.last().map(|o| o.pos);
                }
                _ => {}
            }
            i += 1;
        } else {
            // Skip the run of ordinary token characters.
            while i < stop && PLAIN[bytes[i] as usize] {
                i += 1;
            }
            if i >= stop {
                break;
            }
            let c = bytes[i];
            match c {
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    while i < stop && bytes[i] != b'\n' {
                        i += 1;
                    }
                    continue;
                }
                b'"' => stack.push(Open {
                    kind: OpenKind::Str,
                    pos: i,
                }),
                b'(' if literal_before(bytes, i) => {
                    return Walk {
                        stack,
                        problem: Some(Problem::CalledLiteral(i)),
                        first_multiline,
                    };
                }
                b'(' => stack.push(Open {
                    kind: OpenKind::Paren,
                    pos: i,
                }),
                b'[' => stack.push(Open {
                    kind: OpenKind::Bracket,
                    pos: i,
                }),
                b'{' => stack.push(Open {
                    kind: OpenKind::Brace,
                    pos: i,
                }),
                b')' => pop_if(&mut stack, OpenKind::Paren),
                b']' => pop_if(&mut stack, OpenKind::Bracket),
                b'}' => close_brace(&mut stack),
                _ if allowed(c) => {}
                _ => {
                    let ch = text.get(i..).and_then(|s| s.chars().next()).unwrap_or('?');
                    return Walk {
                        stack,
                        problem: Some(Problem::Stray(i, ch)),
                        first_multiline,
                    };
                }
            }
            i += 1;
        }
        if stack.len() > MAX_NESTING {
            let pos = stack.last().map_or(i, |o| o.pos);
            return Walk {
                stack,
                problem: Some(Problem::TooDeep(pos)),
                first_multiline,
            };
        }
    }
    Walk {
        stack,
        problem: None,
        first_multiline,
    }
}

fn pop_if(stack: &mut Vec<Open>, kind: OpenKind) {
    if stack.last().is_some_and(|o| o.kind == kind) {
        stack.pop();
    }
}

/// A `}` closes the innermost brace or interpolation, dropping unclosed
/// parentheses in between, so that string tracking survives unbalanced
/// code (pest reports the imbalance itself).
fn close_brace(stack: &mut Vec<Open>) {
    if let Some(idx) = stack
        .iter()
        .rposition(|o| matches!(o.kind, OpenKind::Brace | OpenKind::Interp))
    {
        stack.truncate(idx);
    }
}

/// `allowed` bytes that need no attention outside strings (all but `/`,
/// which may start a comment), for skipping runs of them quickly.
static PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = 0;
    while c < 256 {
        table[c] = allowed(c as u8) && c as u8 != b'/';
        c += 1;
    }
    table
};

/// Characters that can start or continue a token outside strings.
const fn allowed(c: u8) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            b' ' | b'\t'
                | b'\r'
                | b'\n'
                | b'_'
                | b'$'
                | b'@'
                | b','
                | b';'
                | b':'
                | b'.'
                | b'?'
                | b'!'
                | b'|'
                | b'='
                | b'<'
                | b'>'
                | b'+'
                | b'-'
                | b'*'
                | b'/'
                | b'%'
        )
}

/// Is the token right before `bytes[i]` a number or Bool literal (so that
/// `(` would call a literal: `5(1)`, types.md §16.4)?
fn literal_before(bytes: &[u8], i: usize) -> bool {
    let mut j = i;
    while j > 0
        && (bytes[j - 1].is_ascii_alphanumeric() || bytes[j - 1] == b'_' || bytes[j - 1] == b'.')
    {
        j -= 1;
    }
    let tok = &bytes[j..i];
    let number = tok.first().is_some_and(u8::is_ascii_digit)
        && tok.iter().all(|b| b.is_ascii_digit() || *b == b'.');
    number || tok == b"true" || tok == b"false"
}

/// The first lexical problem of the file, if any.
pub(super) fn check(file: FileId, text: &str) -> Option<Diagnostic> {
    let walk = walk(text, text.len());
    match walk.problem {
        Some(Problem::Stray(pos, ch)) => {
            let span = Span::new(file, pos, pos + ch.len_utf8());
            // Show letters and punctuation as they are, anything invisible
            // as an escape.
            let shown: String = if ch.is_alphanumeric() || ch.is_ascii_punctuation() {
                ch.to_string()
            } else {
                ch.escape_unicode().collect()
            };
            let diag = Diagnostic::error(span, format!("unexpected character `{shown}`"))
                .with_label("not valid here");
            Some(match stray_hint(ch) {
                Some(hint) => diag.with_note(hint),
                None => diag,
            })
        }
        Some(Problem::CalledLiteral(pos)) => Some(
            Diagnostic::error(Span::new(file, pos, pos + 1), "a literal cannot be called")
                .with_label("this `(` would call the value before it")
                .with_note("only functions can be called; put a space or an operator between the value and `(`"),
        ),
        Some(Problem::TooDeep(pos)) => Some(
            Diagnostic::error(
                Span::new(file, pos, pos + 1),
                "expression nested too deeply",
            )
            .with_label("too deeply nested")
            .with_note(format!(
                "ard2go accepts at most {MAX_NESTING} nested brackets, braces and strings"
            )),
        ),
        None => {
            // Only unclosed strings are lexical errors; unclosed brackets are
            // left to the parser, which knows what it expected.
            let last = walk
                .stack
                .iter()
                .rev()
                .find(|o| o.kind == OpenKind::Str)?
                .pos;
            // A forgotten quote makes the string swallow the following lines,
            // so the first string that spans a line break is the likely
            // culprit; the string left open at the end is where it shows.
            let start = walk.first_multiline.unwrap_or(last);
            let mut diag = Diagnostic::error(
                Span::new(file, start, start + 1),
                "unterminated string literal",
            )
            .with_label("this string is never closed")
            .with_note("add the closing `\"`; a `{` inside a string starts an interpolation, write `\\{` for a literal brace");
            if start != last {
                diag.label =
                    "this string runs on to the next line; is its closing `\"` missing?".into();
                diag = diag.with_secondary(
                    Span::new(file, last, last + 1),
                    "a string is still open here at the end of the file",
                );
            }
            Some(diag)
        }
    }
}

fn stray_hint(ch: char) -> Option<&'static str> {
    match ch {
        '&' => Some("use `and` for logical and"),
        '\'' => Some("strings use double quotes: \"text\""),
        '#' => Some("comments start with `//`"),
        '^' | '~' => Some("Ard has no bitwise operators"),
        '\\' => Some("a backslash is only meaningful inside a string"),
        '`' => Some("strings use double quotes: \"text\""),
        _ => None,
    }
}

/// The innermost bracket (or interpolation) still open at `pos`.
pub(super) fn open_at(text: &str, pos: usize) -> Option<Open> {
    walk(text, pos).stack.last().copied()
}

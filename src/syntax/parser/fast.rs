//! The fast path: a hand-written recursive-descent parser that builds the
//! AST straight from the bytes, with no pest pairs in between.
//!
//! It is a transcription of `grammar.pest` under pest's semantics, rule by
//! rule: ordered choice, greedy repetition that gives back a failed item,
//! implicit trivia (`skip`) between the elements of a sequence and between
//! repetitions but not after the last one. Spans therefore come out exactly
//! as pest's do, trailing trivia included where pest includes it (a
//! statement ending in an expression spans the comment after it, say).
//! Where the grammar's alternatives start differently, the parser looks at
//! the next byte or word instead of trying them one by one.
//!
//! It never reports anything. `None` means "not a valid program, or not
//! sure": the caller then runs the pest parser, which stays the definition
//! of the syntax and the source of every diagnostic. The checks that the
//! pest builder makes after parsing (`use` after statements, parameter
//! types, nesting depth, ...) are made here too, so that a program is only
//! accepted here if the slow path would accept it as well; they are counted
//! (`errors`) rather than reported, and a backtracking point restores the
//! count together with the position, because the builder only sees the
//! branch that pest finally takes.
//!
//! Recursion is bounded (`STACK_BUDGET`), and so is the total work (`fuel`, for
//! inputs on which backtracking could go exponential): past either, the
//! parser gives up and leaves the file to pest.

mod expr;
mod stmt;
mod types;

use super::MAX_DEPTH;
use crate::source::{FileId, Span};
use crate::syntax::ast::{Ident, Module};

/// Stack the parser may use before it gives up (measured from where it
/// starts). Enough for any realistic nesting in a release build, and safe
/// on a 2 MiB thread in a debug build, where frames are much larger.
const STACK_BUDGET: usize = 1 << 20;

/// Parse a file that `lexcheck` accepted. `Some` only for a program that the
/// pest parser and builder accept, with the very same tree.
pub(super) fn parse(file: FileId, text: &str) -> Option<Module> {
    match parse_outcome(file, text) {
        Outcome::Parsed(module) => Some(module),
        Outcome::Invalid | Outcome::GaveUp => None,
    }
}

/// What the fast parser made of a file.
pub(super) enum Outcome {
    Parsed(Module),
    /// Not a program the pest parser and builder accept.
    Invalid,
    /// Too deep or too much backtracking: not decided.
    GaveUp,
}

pub(super) fn parse_outcome(file: FileId, text: &str) -> Outcome {
    let mut p = Parser {
        text,
        b: text.as_bytes(),
        pos: 0,
        file,
        errors: 0,
        h: 0,
        items: Vec::with_capacity(64),
        operands: Vec::new(),
        pending: Vec::new(),
        stack_base: stack_address(),
        fuel: text.len().saturating_mul(8).saturating_add(10_000),
        gave_up: false,
    };
    let module = p.program();
    if p.gave_up {
        return Outcome::GaveUp;
    }
    match module {
        Some(module) if p.errors == 0 && p.h <= MAX_DEPTH => Outcome::Parsed(module),
        _ => Outcome::Invalid,
    }
}

/// The address of a local: how deep the stack is here.
#[inline(never)]
fn stack_address() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// The keywords of the grammar's `keyword` rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kw {
    And,
    As,
    Break,
    Else,
    Enum,
    Extern,
    False,
    Fn,
    For,
    If,
    Impl,
    In,
    Let,
    Match,
    Mut,
    Not,
    Or,
    Private,
    Struct,
    Trait,
    True,
    Type,
    Use,
    While,
}

fn keyword(w: &[u8]) -> Option<Kw> {
    Some(match w {
        b"and" => Kw::And,
        b"as" => Kw::As,
        b"break" => Kw::Break,
        b"else" => Kw::Else,
        b"enum" => Kw::Enum,
        b"extern" => Kw::Extern,
        b"false" => Kw::False,
        b"fn" => Kw::Fn,
        b"for" => Kw::For,
        b"if" => Kw::If,
        b"impl" => Kw::Impl,
        b"in" => Kw::In,
        b"let" => Kw::Let,
        b"match" => Kw::Match,
        b"mut" => Kw::Mut,
        b"not" => Kw::Not,
        b"or" => Kw::Or,
        b"private" => Kw::Private,
        b"struct" => Kw::Struct,
        b"trait" => Kw::Trait,
        b"true" => Kw::True,
        b"type" => Kw::Type,
        b"use" => Kw::Use,
        b"while" => Kw::While,
        _ => return None,
    })
}

/// `value_kw`: keywords that can be read as a name in an expression.
fn is_value_kw(k: Kw) -> bool {
    matches!(
        k,
        Kw::Enum | Kw::Impl | Kw::In | Kw::Private | Kw::Struct | Kw::Trait | Kw::Type | Kw::Use
    )
}

/// The line feed ending the comment at `at` (or the end of the input).
fn comment_end(b: &[u8], at: usize) -> usize {
    match b[at..].iter().position(|&c| c == b'\n') {
        Some(i) => at + i,
        None => b.len(),
    }
}

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Everything a backtracking point must restore.
#[derive(Clone, Copy)]
struct Mark {
    pos: usize,
    errors: u32,
    h: usize,
    items: usize,
}

pub(super) struct Parser<'a> {
    text: &'a str,
    b: &'a [u8],
    pos: usize,
    file: FileId,
    /// Errors the builder would report in the branch parsed so far.
    errors: u32,
    /// The builder's depth budget used by the construct being parsed (its
    /// deepest chain of blocks, operators and type units).
    h: usize,
    /// Operator sequences being parsed (see `expr.rs`), innermost last.
    items: Vec<expr::Item>,
    /// Scratch stacks for building operator trees.
    operands: Vec<crate::syntax::ast::Expr>,
    pending: Vec<(expr::Pending, u8)>,
    /// The stack address where parsing started.
    stack_base: usize,
    fuel: usize,
    gave_up: bool,
}

impl<'a> Parser<'a> {
    // ------------------------------------------------------------ state ---

    fn mark(&self) -> Mark {
        Mark {
            pos: self.pos,
            errors: self.errors,
            h: self.h,
            items: self.items.len(),
        }
    }

    fn reset(&mut self, m: Mark) {
        self.pos = m.pos;
        self.errors = m.errors;
        self.h = m.h;
        self.items.truncate(m.items);
    }

    /// Enter a nested construct; `false` (and giving up) when too deep or
    /// out of fuel.
    fn enter(&mut self) -> bool {
        if self.gave_up
            || self.fuel == 0
            || stack_address().abs_diff(self.stack_base) > STACK_BUDGET
        {
            self.gave_up = true;
            return false;
        }
        self.fuel -= 1;
        true
    }

    /// Charge one unit of work (for loops that do not nest).
    fn burn(&mut self) -> Option<()> {
        if self.fuel == 0 || self.gave_up {
            self.gave_up = true;
            return None;
        }
        self.fuel -= 1;
        Some(())
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    fn ident(&self, start: usize, end: usize) -> Ident {
        Ident {
            name: self.text[start..end].to_string(),
            span: self.span(start, end),
        }
    }

    // ------------------------------------------------------------ bytes ---

    #[inline]
    fn peek(&self) -> u8 {
        self.b.get(self.pos).copied().unwrap_or(0)
    }

    #[inline]
    fn peek_at(&self, ahead: usize) -> u8 {
        self.b.get(self.pos + ahead).copied().unwrap_or(0)
    }

    #[inline]
    fn at_end(&self) -> bool {
        self.pos >= self.b.len()
    }

    /// Consume `s` if the input continues with it.
    #[inline]
    fn eat(&mut self, s: &[u8]) -> bool {
        if self.b[self.pos.min(self.b.len())..].starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    #[inline]
    fn eat_byte(&mut self, c: u8) -> bool {
        if self.peek() == c && !self.at_end() {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// pest's implicit trivia: spaces, tabs, CRs and `//` comments (which
    /// stop before their line feed).
    #[inline]
    fn skip(&mut self) {
        self.pos = self.skipped(self.pos);
    }

    /// Where `skip` starting at `at` would stop.
    #[inline]
    fn skipped(&self, mut at: usize) -> usize {
        let b = self.b;
        while at < b.len() {
            match b[at] {
                b' ' | b'\t' | b'\r' => at += 1,
                b'/' if b.get(at + 1) == Some(&b'/') => at = comment_end(b, at),
                _ => break,
            }
        }
        at
    }

    /// `skip ~ nl* ~ skip`: trivia and line feeds.
    #[inline]
    fn skip_nl(&mut self) {
        let b = self.b;
        let mut at = self.pos;
        while at < b.len() {
            match b[at] {
                b' ' | b'\t' | b'\r' | b'\n' => at += 1,
                b'/' if b.get(at + 1) == Some(&b'/') => at = comment_end(b, at),
                _ => break,
            }
        }
        self.pos = at;
    }

    /// The end of the word (`[A-Za-z_][A-Za-z0-9_]*`) starting at `at`, or
    /// `at` if none starts there.
    #[inline]
    fn word_end(&self, at: usize) -> usize {
        let b = self.b;
        if at < b.len() && (b[at].is_ascii_alphabetic() || b[at] == b'_') {
            let mut end = at + 1;
            while end < b.len() && is_ident_char(b[end]) {
                end += 1;
            }
            end
        } else {
            at
        }
    }

    /// The word at the current position (empty if none).
    #[inline]
    fn word(&self) -> &'a [u8] {
        &self.b[self.pos..self.word_end(self.pos)]
    }

    /// The keyword at the current position, if the word there is one.
    #[inline]
    fn kw(&self) -> Option<Kw> {
        keyword(self.word())
    }

    /// `kw_*`: consume the keyword `k` if it is the word here.
    fn eat_kw(&mut self, k: Kw) -> bool {
        let end = self.word_end(self.pos);
        if end > self.pos && keyword(&self.b[self.pos..end]) == Some(k) {
            self.pos = end;
            true
        } else {
            false
        }
    }

    /// `ident`: a word that is not a keyword.
    fn take_ident(&mut self) -> Option<Ident> {
        let start = self.pos;
        let end = self.word_end(start);
        if end == start || keyword(&self.b[start..end]).is_some() {
            return None;
        }
        self.pos = end;
        Some(self.ident(start, end))
    }

    /// `name`: a word in a binding position (any but `match` and `extern`).
    fn take_name(&mut self) -> Option<Ident> {
        let start = self.pos;
        let end = self.word_end(start);
        if end == start || matches!(keyword(&self.b[start..end]), Some(Kw::Match | Kw::Extern)) {
            return None;
        }
        self.pos = end;
        Some(self.ident(start, end))
    }

    /// `member_name`: any word.
    fn take_member_name(&mut self) -> Option<Ident> {
        let start = self.pos;
        let end = self.word_end(start);
        if end == start {
            return None;
        }
        self.pos = end;
        Some(self.ident(start, end))
    }

    /// `t_colon`: `:` not followed by another `:`.
    fn at_colon(&self) -> bool {
        self.peek() == b':' && self.peek_at(1) != b':'
    }

    /// `t_eq`: `=` not followed by `=` or `>`.
    fn eat_t_eq(&mut self) -> bool {
        if self.peek() == b'=' && !matches!(self.peek_at(1), b'=' | b'>') {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    // ------------------------------------------------------------ lists ---

    /// `(sep | item)*` (or `(nl | item)*` when `commas` is false) followed by
    /// `skip ~ close`: the shape of every bracketed list in the grammar.
    /// `item` is only tried where the list does not close; a failed item
    /// ends the list, as in pest, and then `close` must follow.
    fn list<T>(
        &mut self,
        commas: bool,
        close: u8,
        out: &mut Vec<T>,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<()> {
        loop {
            let m = self.mark();
            self.skip();
            match self.peek() {
                b'\n' => {
                    self.pos += 1;
                    continue;
                }
                b',' if commas => {
                    self.pos += 1;
                    continue;
                }
                c if c == close && !self.at_end() => {
                    self.pos += 1;
                    // Growth leaves up to 3/4 of a small list unused; give
                    // it back (in place) so that the tree stays compact.
                    out.shrink_to_fit();
                    return Some(());
                }
                _ => {}
            }
            match item(self) {
                Some(x) => out.push(x),
                None => {
                    if self.gave_up {
                        return None;
                    }
                    // The item failed: the list ends before it, and only the
                    // closer could follow, which is not there.
                    self.reset(m);
                    return None;
                }
            }
        }
    }
}

/// Also used by the formatter's tests (random programs and mutants).
#[cfg(test)]
pub(crate) mod tests;

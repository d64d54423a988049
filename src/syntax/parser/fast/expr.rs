//! Expressions (the fast path). As in the grammar, an operator sequence is
//! first read flat (`items`); the tree is then built with the precedences
//! of `parser/expr.rs` (see `build`).

use super::{Kw, Parser, is_value_kw, keyword};
use crate::source::Span;
use crate::syntax::ast::{
    Arg, BinaryOp, Block, Catch, CatchBody, Expr, ExprKind, FieldInit, FnLit, Ident, MatchArm,
    StrPart, TypeExpr, UnaryOp,
};
use crate::syntax::parser::MAX_DEPTH;

/// One element of a flat operator sequence.
pub(in crate::syntax::parser) enum Item {
    Atom(Expr),
    Prefix(UnaryOp, Span),
    Infix(Infix),
    /// `.name` with its call suffix, if any.
    Member(Ident, Option<Suffix>),
}

#[derive(Clone, Copy)]
pub(in crate::syntax::parser) enum Infix {
    Range,
    Bin(BinaryOp),
}

/// A parsed `call_suffix`.
pub(in crate::syntax::parser) struct Suffix {
    type_args: Vec<TypeExpr>,
    args: Vec<Arg>,
    span: Span,
}

/// Binding power of prefix `not` and `-` (as in `parser/expr.rs`): no
/// infix operator binds looser than `not`, so it takes the rest of the
/// expression (decision L1, issue 18).
const NOT_PREC: u8 = 0;
const NEG_PREC: u8 = 8;

fn infix_prec(op: Infix) -> u8 {
    match op {
        Infix::Range => 1,
        Infix::Bin(BinaryOp::Or) => 2,
        Infix::Bin(BinaryOp::And) => 3,
        Infix::Bin(
            BinaryOp::Eq
            | BinaryOp::NotEq
            | BinaryOp::Lt
            | BinaryOp::LtEq
            | BinaryOp::Gt
            | BinaryOp::GtEq,
        ) => 5,
        Infix::Bin(BinaryOp::Add | BinaryOp::Sub) => 6,
        Infix::Bin(BinaryOp::Mul | BinaryOp::Div | BinaryOp::Rem) => 7,
    }
}

impl Parser<'_> {
    /// `expr = try_expr | op_expr`
    pub(super) fn expr(&mut self) -> Option<Expr> {
        if !self.enter() {
            return None;
        }
        self.expr_inner()
    }

    fn expr_inner(&mut self) -> Option<Expr> {
        if self.peek() == b't' && self.word() == b"try" {
            let m = self.mark();
            match self.try_expr() {
                Some(e) => return Some(e),
                None if self.gave_up => return None,
                None => {
                    self.reset(m);
                    if self.try_commits() {
                        return None;
                    }
                }
            }
        }
        self.op_expr(false)
    }

    /// The grammar's `kw_try ~ prefix* ~ !(kw_fn ~ !"(") ~ expr_start`: an
    /// operand follows `try`, so a failed try expression is not retried
    /// with `try` as a plain name.
    fn try_commits(&mut self) -> bool {
        let m = self.mark();
        self.pos += 3;
        self.skip();
        // The prefixes pushed here are dropped by the reset below.
        self.prefixes();
        self.skip();
        let commits = if self.kw() == Some(Kw::Fn) {
            let after = self.skipped(self.pos + 2);
            self.b.get(after) == Some(&b'(')
        } else {
            self.expr_start()
        };
        self.reset(m);
        commits
    }

    /// `expr_ns`: no struct literal at the top level.
    pub(super) fn expr_ns(&mut self) -> Option<Expr> {
        if !self.enter() {
            return None;
        }
        self.op_expr(true)
    }

    /// `expr?`. The outer `None` is giving up.
    fn opt_expr(&mut self) -> Option<Option<Expr>> {
        let m = self.mark();
        match self.expr() {
            Some(e) => Some(Some(e)),
            None if self.gave_up => None,
            None => {
                self.reset(m);
                Some(None)
            }
        }
    }

    /// `kw_try ~ op_expr ~ catch_clause?`
    fn try_expr(&mut self) -> Option<Expr> {
        let start = self.pos;
        self.pos += 3;
        self.skip();
        let operand = self.op_expr(false)?;
        self.skip();
        let mut catch = None;
        if self.peek() == b'-' && self.peek_at(1) == b'>' {
            let m = self.mark();
            match self.catch_clause() {
                Some(c) => catch = Some(Box::new(c)),
                None if self.gave_up => return None,
                None => self.reset(m),
            }
        }
        Some(Expr {
            kind: ExprKind::Try {
                expr: Box::new(operand),
                catch,
            },
            span: self.span(start, self.pos),
        })
    }

    /// `"->" ~ nl* ~ ident ~ block?`
    fn catch_clause(&mut self) -> Option<Catch> {
        self.pos += 2;
        self.skip_nl();
        let name = self.take_ident()?;
        self.skip();
        let mut body = CatchBody::Handler;
        if self.peek() == b'{' {
            let m = self.mark();
            match self.block() {
                Some(b) => body = CatchBody::Block(b),
                None if self.gave_up => return None,
                None => self.reset(m),
            }
        }
        Some(Catch { name, body })
    }

    /// `op_expr` / `expr_ns`: `operand ~ (infix ~ nl* ~ operand)*`, then the
    /// tree by precedence climbing.
    ///
    /// The functions on the recursive path are split so that each frame
    /// stays small in a debug build, where every temporary has its own slot.
    fn op_expr(&mut self, ns: bool) -> Option<Expr> {
        let start = self.pos;
        let base = self.items.len();
        let outer_h = self.h;
        self.h = 0;
        if let Some(atom) = self.operand(ns)? {
            self.skip();
            // The common case, a lone atom, skips the operator machinery.
            if !self.infix_follows() {
                self.h = outer_h.max(self.h);
                return Some(atom);
            }
            self.items.push(Item::Atom(atom));
        } else {
            self.skip();
        }
        self.operators(ns, start, base, outer_h)
    }

    /// Whether an infix operator comes after the trivia here.
    fn infix_follows(&self) -> bool {
        self.infix_at(self.skipped(self.pos)).is_some()
    }

    /// `(infix ~ nl* ~ operand)* ~ !dangling_infix` after the first
    /// operand, then the tree. An operator commits: when no operand
    /// follows it, the expression fails.
    fn operators(&mut self, ns: bool, start: usize, base: usize, outer_h: usize) -> Option<Expr> {
        loop {
            self.skip();
            let Some((op, len)) = self.infix() else {
                break;
            };
            if self.b.get(self.skipped(self.pos + len)) == Some(&b':') {
                // `f(x or: 1)`: the label of the next argument.
                break;
            }
            self.pos += len;
            self.items.push(Item::Infix(op));
            self.skip_nl();
            if let Some(atom) = self.operand(ns)? {
                self.items.push(Item::Atom(atom));
            }
        }
        self.finish(start, base, outer_h)
    }

    /// Build the tree of the sequence `items[base..]`.
    fn finish(&mut self, start: usize, base: usize, outer_h: usize) -> Option<Expr> {
        let n = self.items.len() - base;
        if n == 1 {
            // A lone operand: no operator charges the builder's depth.
            self.h = outer_h.max(self.h);
            return match self.items.pop() {
                Some(Item::Atom(e)) => Some(e),
                _ => None,
            };
        }
        let count = self.items[base..]
            .iter()
            .filter(|i| !matches!(i, Item::Atom(_)))
            .count();
        self.h = outer_h.max(self.h + count);
        if count > MAX_DEPTH {
            // "nested too deeply" for the builder; no need to build it.
            self.errors += 1;
            self.items.truncate(base);
            return Some(Expr {
                kind: ExprKind::Void,
                span: self.span(start, self.pos),
            });
        }
        let Parser {
            items,
            operands,
            pending,
            errors,
            ..
        } = self;
        build(items.drain(base..), operands, pending, errors)
    }

    /// The infix operator here and its length.
    fn infix(&self) -> Option<(Infix, usize)> {
        self.infix_at(self.pos)
    }

    /// The infix operator at `at` and its length.
    fn infix_at(&self, at: usize) -> Option<(Infix, usize)> {
        let byte = |i: usize| self.b.get(at + i).copied().unwrap_or(0);
        let d = byte(1);
        let word = || &self.b[at..self.word_end(at)];
        let bin = |op| Some((Infix::Bin(op), 1));
        match byte(0) {
            b'.' if d == b'.' => Some((Infix::Range, 2)),
            b'o' if word() == b"or" => Some((Infix::Bin(BinaryOp::Or), 2)),
            b'a' if word() == b"and" => Some((Infix::Bin(BinaryOp::And), 3)),
            b'=' if d == b'=' => Some((Infix::Bin(BinaryOp::Eq), 2)),
            b'!' if d == b'=' => Some((Infix::Bin(BinaryOp::NotEq), 2)),
            b'<' if d == b'=' => Some((Infix::Bin(BinaryOp::LtEq), 2)),
            b'>' if d == b'=' => Some((Infix::Bin(BinaryOp::GtEq), 2)),
            b'<' => bin(BinaryOp::Lt),
            b'>' => bin(BinaryOp::Gt),
            b'+' => bin(BinaryOp::Add),
            b'-' if d != b'>' => bin(BinaryOp::Sub),
            b'*' => bin(BinaryOp::Mul),
            b'/' => bin(BinaryOp::Div),
            b'%' => bin(BinaryOp::Rem),
            _ => None,
        }
    }

    /// `prefix* ~ &expr_start ~ atom ~ postfix*`, pushed onto `items`; but
    /// a lone atom (no prefix, no member) is returned instead.
    fn operand(&mut self, ns: bool) -> Option<Option<Expr>> {
        self.burn()?;
        let base = self.items.len();
        self.prefixes();
        self.skip();
        if !self.expr_start() {
            return None;
        }
        let atom = self.atom(ns)?;
        self.skip();
        self.members(atom, base)
    }

    /// `prefix*`, pushed onto `items`.
    fn prefixes(&mut self) {
        let mut first = true;
        loop {
            let save = self.pos;
            if !first {
                self.skip();
            }
            let start = self.pos;
            let op = match self.peek() {
                b'-' => {
                    self.pos += 1;
                    UnaryOp::Neg
                }
                b'n' if self.word() == b"not" => {
                    self.pos += 3;
                    UnaryOp::Not
                }
                _ => {
                    self.pos = save;
                    return;
                }
            };
            let span = self.span(start, self.pos);
            self.items.push(Item::Prefix(op, span));
            first = false;
        }
    }

    /// `postfix*` after `atom`; see `operand`.
    fn members(&mut self, atom: Expr, base: usize) -> Option<Option<Expr>> {
        let mut atom = Some(atom);
        loop {
            let m = self.mark();
            match self.member_access() {
                Some(true) => {
                    // The atom goes before its first member.
                    if let Some(a) = atom.take() {
                        let at = self.items.len() - 1;
                        self.items.insert(at, Item::Atom(a));
                    }
                }
                Some(false) => {
                    self.reset(m);
                    break;
                }
                None => return None,
            }
        }
        match atom {
            Some(a) if self.items.len() == base => Some(Some(a)),
            Some(a) => {
                self.items.push(Item::Atom(a));
                Some(None)
            }
            None => Some(None),
        }
    }

    /// `expr_start`: a cheap look at the first token.
    fn expr_start(&self) -> bool {
        match self.peek() {
            b'0'..=b'9' | b'"' | b'(' | b'[' | b'@' => true,
            c if c.is_ascii_alphabetic() || c == b'_' => match self.kw() {
                None => true,
                Some(k) => {
                    is_value_kw(k)
                        || matches!(k, Kw::If | Kw::Match | Kw::Fn | Kw::True | Kw::False)
                }
            },
            _ => false,
        }
    }

    /// `nl* ~ "." ~ !"." ~ member_name ~ call_suffix?`, pushed onto `items`.
    /// `Some(false)` when there is none here; `None` is giving up.
    fn member_access(&mut self) -> Option<bool> {
        self.skip_nl();
        if self.peek() != b'.' {
            return Some(false);
        }
        self.pos += 1;
        self.skip();
        if self.peek() == b'.' {
            return Some(false);
        }
        let Some(name) = self.take_member_name() else {
            return Some(false);
        };
        self.skip();
        let suffix = self.opt_call_suffix()?;
        self.items.push(Item::Member(name, suffix));
        Some(true)
    }

    /// `call_suffix?`. The outer `None` is giving up.
    fn opt_call_suffix(&mut self) -> Option<Option<Suffix>> {
        if !matches!(self.peek(), b'(' | b'<') {
            return Some(None);
        }
        let m = self.mark();
        match self.call_suffix() {
            Some(s) => Some(Some(s)),
            None if self.gave_up => None,
            None => {
                self.reset(m);
                Some(None)
            }
        }
    }

    /// `type_args? ~ "(" ~ (sep | arg)* ~ t_rparen`
    fn call_suffix(&mut self) -> Option<Suffix> {
        let start = self.pos;
        let type_args = if self.peek() == b'<' {
            self.opt_type_args()?
        } else {
            Vec::new()
        };
        self.skip();
        if !self.eat_byte(b'(') {
            return None;
        }
        let mut args = Vec::new();
        self.list(true, b')', &mut args, |p| p.arg())?;
        // A call names every argument or none (decision L11).
        if args.iter().any(|a| a.name.is_some()) && args.iter().any(|a| a.name.is_none()) {
            self.errors += 1;
        }
        Some(Suffix {
            type_args,
            args,
            span: self.span(start, self.pos),
        })
    }

    /// `arg_label? ~ arg_mut? ~ expr`, `arg_label = name ~ t_colon ~ nl*`
    fn arg(&mut self) -> Option<Arg> {
        let start = self.pos;
        let mut name = None;
        let end = self.word_end(start);
        if end > start && !matches!(keyword(&self.b[start..end]), Some(Kw::Match | Kw::Extern)) {
            let colon = self.skipped(end);
            if self.b.get(colon) == Some(&b':') && self.b.get(colon + 1) != Some(&b':') {
                name = Some(self.ident(start, end));
                self.pos = colon + 1;
                self.skip_nl();
            }
        }
        self.skip();
        let mutable = self.eat_kw(Kw::Mut);
        self.skip();
        let value = self.expr()?;
        Some(Arg {
            mutable,
            name,
            value,
            span: self.span(start, self.pos),
        })
    }

    /// `atom` (`ns` false) or `atom_ns`.
    fn atom(&mut self, ns: bool) -> Option<Expr> {
        match self.peek() {
            b'0'..=b'9' => Some(self.number()),
            b'"' => self.string_expr(),
            b'(' => self.paren(),
            b'[' => self.list_lit(),
            b'@' => self.self_expr(),
            _ => self.word_atom(ns),
        }
    }

    /// An atom that starts with a word.
    fn word_atom(&mut self, ns: bool) -> Option<Expr> {
        let start = self.pos;
        let end = self.word_end(start);
        if end == start {
            return None;
        }
        match keyword(&self.b[start..end]) {
            None if !ns && self.struct_lit_ahead(end) => self.struct_or_path(),
            None => self.path_expr(),
            Some(Kw::If) => self.if_expr(),
            Some(Kw::Match) => self.match_expr(),
            Some(Kw::Fn) => self.fn_lit(),
            Some(k @ (Kw::True | Kw::False)) => {
                self.pos = end;
                Some(Expr {
                    kind: ExprKind::Bool(k == Kw::True),
                    span: self.span(start, end),
                })
            }
            Some(k) if is_value_kw(k) => self.path_expr(),
            Some(_) => None,
        }
    }

    /// `struct_lit | path_expr` where a struct literal's head matches.
    fn struct_or_path(&mut self) -> Option<Expr> {
        let m = self.mark();
        if let Some(e) = self.struct_lit() {
            return Some(e);
        }
        if self.gave_up {
            return None;
        }
        self.reset(m);
        self.path_expr()
    }

    fn string_expr(&mut self) -> Option<Expr> {
        let start = self.pos;
        let parts = self.string()?;
        Some(Expr {
            kind: ExprKind::Str(parts),
            span: self.span(start, self.pos),
        })
    }

    /// `float | int`
    fn number(&mut self) -> Expr {
        let start = self.pos;
        while self.peek().is_ascii_digit() {
            self.pos += 1;
        }
        if self.peek() == b'.' && self.peek_at(1).is_ascii_digit() {
            self.pos += 1;
            while self.peek().is_ascii_digit() {
                self.pos += 1;
            }
            return Expr {
                kind: ExprKind::Float(self.text[start..self.pos].to_string()),
                span: self.span(start, self.pos),
            };
        }
        Expr {
            kind: ExprKind::Int(self.text[start..self.pos].to_string()),
            span: self.span(start, self.pos),
        }
    }

    /// `void | paren`
    fn paren(&mut self) -> Option<Expr> {
        let start = self.pos;
        self.pos += 1;
        self.skip_nl();
        if self.eat_byte(b')') {
            return Some(Expr {
                kind: ExprKind::Void,
                span: self.span(start, self.pos),
            });
        }
        let inner = self.expr()?;
        self.skip_nl();
        if !self.eat_byte(b')') {
            return None;
        }
        Some(Expr {
            kind: ExprKind::Paren(Box::new(inner)),
            span: self.span(start, self.pos),
        })
    }

    /// `path_head ~ (path_sep ~ member_name)* ~ call_suffix?`; the caller
    /// has checked the head.
    fn path_expr(&mut self) -> Option<Expr> {
        let start = self.pos;
        let callee = self.path_callee();
        self.call_of(start, callee)
    }

    /// The name or `::` path of a `path_expr`.
    fn path_callee(&mut self) -> Expr {
        let start = self.pos;
        let end = self.word_end(start);
        self.pos = end;
        let head = self.ident(start, end);
        self.skip();
        let mut path: Vec<Ident> = Vec::new();
        loop {
            let m = self.mark();
            self.skip();
            if self.eat(b"::") {
                self.skip();
                if let Some(seg) = self.take_member_name() {
                    if path.is_empty() {
                        path.reserve(2);
                        path.push(head.clone());
                    }
                    path.push(seg);
                    continue;
                }
            }
            self.reset(m);
            break;
        }
        self.skip();
        if path.is_empty() {
            Expr {
                span: head.span,
                kind: ExprKind::Name(head.name),
            }
        } else {
            Expr {
                span: path[0].span.to(path[path.len() - 1].span),
                kind: ExprKind::Path(path),
            }
        }
    }

    /// `callee ~ call_suffix?` (the rest of `path_expr`).
    fn call_of(&mut self, start: usize, callee: Expr) -> Option<Expr> {
        match self.opt_call_suffix()? {
            Some(s) => Some(Expr {
                kind: ExprKind::Call {
                    callee: Box::new(callee),
                    type_args: s.type_args,
                    args: s.args,
                },
                span: self.span(start, self.pos),
            }),
            None => Some(callee),
        }
    }

    /// Whether `struct_lit`'s head (`ident ~ (path_sep ~ ident)* ~ "{"`)
    /// matches here, the first word ending at `end`.
    fn struct_lit_ahead(&self, end: usize) -> bool {
        let mut q = self.skipped(end);
        while self.b[q..].starts_with(b"::") {
            let r = self.skipped(q + 2);
            let e = self.word_end(r);
            if e == r || keyword(&self.b[r..e]).is_some() {
                return false;
            }
            q = self.skipped(e);
        }
        self.b.get(q) == Some(&b'{')
    }

    /// `ident ~ (path_sep ~ ident)* ~ "{" ~ (sep | field_init)* ~ t_rbrace`
    fn struct_lit(&mut self) -> Option<Expr> {
        let start = self.pos;
        let mut path = vec![self.take_ident()?];
        self.skip();
        loop {
            let m = self.mark();
            self.skip();
            if self.eat(b"::") {
                self.skip();
                if let Some(seg) = self.take_ident() {
                    path.push(seg);
                    continue;
                }
            }
            self.reset(m);
            break;
        }
        self.skip();
        if !self.eat_byte(b'{') {
            return None;
        }
        let mut fields = Vec::new();
        self.list(true, b'}', &mut fields, |p| {
            // `field_init = name ~ t_colon ~ nl* ~ expr`
            let name = p.take_name()?;
            p.skip();
            if !p.at_colon() {
                return None;
            }
            p.pos += 1;
            p.skip_nl();
            let value = p.expr()?;
            Some(FieldInit { name, value })
        })?;
        Some(Expr {
            kind: ExprKind::StructLit { path, fields },
            span: self.span(start, self.pos),
        })
    }

    /// `"@" ~ self_member?`, `self_member = ("." ~ !"." ~ member_name |
    /// !(op_and | op_or) ~ member_name) ~ call_suffix?`
    fn self_expr(&mut self) -> Option<Expr> {
        let start = self.pos;
        self.pos += 1;
        let at = Expr {
            kind: ExprKind::SelfRef,
            span: self.span(start, start + 1),
        };
        self.skip();
        let m = self.mark();
        let mut name = None;
        if self.eat_byte(b'.') {
            self.skip();
            if self.peek() != b'.' {
                name = self.take_member_name();
            }
            if name.is_none() {
                self.reset(m);
            }
        }
        if name.is_none() && !matches!(self.word(), b"and" | b"or") {
            name = self.take_member_name();
        }
        let Some(name) = name else {
            self.reset(m);
            return Some(at);
        };
        self.skip();
        let suffix = self.opt_call_suffix()?;
        Some(member(at, name, suffix))
    }

    /// `"[" ~ nl* ~ (empty_map ~ nl* | (sep | elem)*) ~ t_rbracket`
    fn list_lit(&mut self) -> Option<Expr> {
        let start = self.pos;
        self.pos += 1;
        self.skip_nl();
        if self.at_colon() {
            self.pos += 1;
            self.skip_nl();
            if !self.eat_byte(b']') {
                return None;
            }
            return Some(Expr {
                kind: ExprKind::Map(Vec::new()),
                span: self.span(start, self.pos),
            });
        }
        let mut items: Vec<(Expr, Option<Expr>)> = Vec::new();
        self.list(true, b']', &mut items, |p| {
            // `elem = expr ~ (t_colon ~ nl* ~ expr)?`
            let key = p.expr()?;
            p.skip();
            if p.at_colon() {
                let m = p.mark();
                p.pos += 1;
                p.skip_nl();
                match p.expr() {
                    Some(value) => return Some((key, Some(value))),
                    None if p.gave_up => return None,
                    None => p.reset(m),
                }
            }
            Some((key, None))
        })?;
        let is_map = items.first().is_some_and(|(_, v)| v.is_some());
        let kind = if is_map {
            let mut entries = Vec::with_capacity(items.len());
            for (key, value) in items {
                match value {
                    Some(value) => entries.push((key, value)),
                    None => self.errors += 1,
                }
            }
            ExprKind::Map(entries)
        } else {
            let mut list = Vec::with_capacity(items.len());
            for (item, value) in items {
                if value.is_some() {
                    self.errors += 1;
                }
                list.push(item);
            }
            ExprKind::List(list)
        };
        Some(Expr {
            kind,
            span: self.span(start, self.pos),
        })
    }

    /// `kw_fn ~ params ~ ty? ~ block`
    fn fn_lit(&mut self) -> Option<Expr> {
        let start = self.pos;
        self.pos += 2;
        self.skip();
        let params = self.params(false)?;
        self.skip();
        let ret = self.opt_ty()?;
        self.skip();
        let body = self.block()?;
        Some(Expr {
            kind: ExprKind::Fn(Box::new(FnLit { params, ret, body })),
            span: self.span(start, self.pos),
        })
    }

    /// `kw_if ~ if_branch ~ else_if* ~ else_block?`
    fn if_expr(&mut self) -> Option<Expr> {
        let start = self.pos;
        self.pos += 2;
        self.skip();
        let mut branches = vec![self.if_branch()?];
        self.skip();
        // `else_if = nl* ~ kw_else ~ kw_if ~ if_branch`
        loop {
            let m = self.mark();
            self.skip_nl();
            if self.eat_kw(Kw::Else) {
                self.skip();
                if self.eat_kw(Kw::If) {
                    self.skip();
                    match self.if_branch() {
                        Some(b) => {
                            branches.push(b);
                            continue;
                        }
                        None if self.gave_up => return None,
                        None => {}
                    }
                }
            }
            self.reset(m);
            break;
        }
        self.skip();
        // `else_block = nl* ~ kw_else ~ block`
        let mut otherwise = None;
        let m = self.mark();
        self.skip_nl();
        if self.eat_kw(Kw::Else) {
            self.skip();
            match self.block() {
                Some(b) => otherwise = Some(b),
                None if self.gave_up => return None,
                None => self.reset(m),
            }
        } else {
            self.reset(m);
        }
        Some(Expr {
            kind: ExprKind::If {
                branches,
                otherwise,
            },
            span: self.span(start, self.pos),
        })
    }

    /// `expr_ns ~ block`
    fn if_branch(&mut self) -> Option<(Expr, Block)> {
        let cond = self.expr_ns()?;
        self.skip();
        let body = self.block()?;
        Some((cond, body))
    }

    /// `kw_match ~ expr_ns? ~ t_lbrace ~ (sep | match_arm)* ~ t_rbrace`
    fn match_expr(&mut self) -> Option<Expr> {
        let start = self.pos;
        self.pos += 5;
        self.skip();
        let subject = if self.peek() == b'{' {
            None
        } else {
            self.opt_expr_ns()?.map(Box::new)
        };
        self.skip();
        if !self.eat_byte(b'{') {
            return None;
        }
        let mut arms = Vec::new();
        self.list(true, b'}', &mut arms, |p| p.match_arm())?;
        Some(Expr {
            kind: ExprKind::Match { subject, arms },
            span: self.span(start, self.pos),
        })
    }

    /// `expr_ns ~ t_fatarrow ~ nl* ~ (block | expr)`
    fn match_arm(&mut self) -> Option<MatchArm> {
        let start = self.pos;
        let pattern = self.expr_ns()?;
        self.skip();
        if !self.eat(b"=>") {
            return None;
        }
        self.skip_nl();
        let body = if self.peek() == b'{' {
            // If the block fails, `expr` fails at the `{` too.
            let body_start = self.pos;
            let block = self.block()?;
            Expr {
                kind: ExprKind::Block(block),
                span: self.span(body_start, self.pos),
            }
        } else {
            self.expr()?
        };
        Some(MatchArm {
            pattern,
            body,
            span: self.span(start, self.pos),
        })
    }

    /// `string`: escapes decoded, interpolations kept, adjacent text merged.
    pub(super) fn string(&mut self) -> Option<Vec<StrPart>> {
        if self.peek() != b'"' {
            return None;
        }
        self.pos += 1;
        let mut parts = Vec::new();
        let mut text = String::new();
        loop {
            let c = *self.b.get(self.pos)?;
            match c {
                b'"' => {
                    self.pos += 1;
                    break;
                }
                b'\\' => {
                    let ch = self.text[self.pos + 1..].chars().next()?;
                    decode_escape(ch, &mut text);
                    self.pos += 1 + ch.len_utf8();
                }
                b'{' => {
                    // `str_interp = "{" ~ nl* ~ expr? ~ nl* ~ interp_end`
                    self.pos += 1;
                    self.skip_nl();
                    let inner = if self.peek() == b'}' {
                        None
                    } else {
                        self.opt_expr()?
                    };
                    self.skip_nl();
                    if !self.eat_byte(b'}') {
                        return None;
                    }
                    if let Some(e) = inner {
                        if !text.is_empty() {
                            parts.push(StrPart::Lit(std::mem::take(&mut text)));
                        }
                        parts.push(StrPart::Interp(e));
                    }
                }
                _ => {
                    let start = self.pos;
                    let rest = &self.b[start..];
                    let len = rest
                        .iter()
                        .position(|&c| matches!(c, b'"' | b'\\' | b'{'))
                        .unwrap_or(rest.len());
                    self.pos += len;
                    text.push_str(&self.text[start..self.pos]);
                }
            }
        }
        if !text.is_empty() {
            parts.push(StrPart::Lit(text));
        }
        parts.shrink_to_fit();
        Some(parts)
    }
}

/// `e.name` or `e.name(args)` (as `member_access` in `parser/expr.rs`).
fn member(target: Expr, name: Ident, suffix: Option<Suffix>) -> Expr {
    let member = Expr {
        span: target.span.to(name.span),
        kind: ExprKind::Member {
            target: Box::new(target),
            name,
        },
    };
    match suffix {
        Some(s) => Expr {
            span: member.span.to(s.span),
            kind: ExprKind::Call {
                callee: Box::new(member),
                type_args: s.type_args,
                args: s.args,
            },
        },
        None => member,
    }
}

/// An operator waiting on the stack of `build`, with its binding power.
pub(in crate::syntax::parser) enum Pending {
    Prefix(UnaryOp, Span),
    Infix(Infix),
}

/// Turn a flat operator sequence into a tree, without recursion. This is
/// the precedence climbing of `Builder::climb` (all binary operators
/// left-associative, a prefix operator taking everything that binds
/// tighter than itself, `.member` binding tightest) done with explicit
/// stacks: an operator is applied as soon as one that binds no tighter
/// follows it. `operands` and `pending` are scratch buffers.
fn build(
    items: std::vec::Drain<'_, Item>,
    operands: &mut Vec<Expr>,
    pending: &mut Vec<(Pending, u8)>,
    errors: &mut u32,
) -> Option<Expr> {
    operands.clear();
    pending.clear();
    for item in items {
        match item {
            Item::Atom(e) => operands.push(e),
            Item::Prefix(op, span) => {
                let prec = match op {
                    UnaryOp::Not => NOT_PREC,
                    UnaryOp::Neg => NEG_PREC,
                };
                pending.push((Pending::Prefix(op, span), prec));
            }
            Item::Member(name, suffix) => {
                let target = operands.pop()?;
                operands.push(member(target, name, suffix));
            }
            Item::Infix(op) => {
                let prec = infix_prec(op);
                while pending.last().is_some_and(|(_, p)| *p >= prec) {
                    apply(operands, pending, errors)?;
                }
                pending.push((Pending::Infix(op), prec));
            }
        }
    }
    while !pending.is_empty() {
        apply(operands, pending, errors)?;
    }
    let e = operands.pop()?;
    operands.is_empty().then_some(e)
}

/// Apply the operator on top of `pending` to its operands.
fn apply(
    operands: &mut Vec<Expr>,
    pending: &mut Vec<(Pending, u8)>,
    errors: &mut u32,
) -> Option<()> {
    let (op, _) = pending.pop()?;
    let expr = match op {
        Pending::Prefix(op, span) => {
            let operand = operands.pop()?;
            Expr {
                span: span.to(operand.span),
                kind: ExprKind::Unary {
                    op,
                    expr: Box::new(operand),
                },
            }
        }
        Pending::Infix(op) => {
            let rhs = operands.pop()?;
            let lhs = operands.pop()?;
            let span = lhs.span.to(rhs.span);
            let kind = match op {
                Infix::Range => {
                    if matches!(lhs.kind, ExprKind::Range { .. }) {
                        *errors += 1; // ranges cannot be chained
                    }
                    ExprKind::Range {
                        start: Box::new(lhs),
                        end: Box::new(rhs),
                    }
                }
                Infix::Bin(op) => ExprKind::Binary {
                    op,
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                },
            };
            Expr { kind, span }
        }
    };
    operands.push(expr);
    Some(())
}

/// `escape` is the character after a backslash (§1.7).
fn decode_escape(c: char, out: &mut String) {
    match c {
        'n' => out.push('\n'),
        't' => out.push('\t'),
        'r' => out.push('\r'),
        'b' => out.push('\u{8}'),
        'f' => out.push('\u{c}'),
        'v' => out.push('\u{b}'),
        '"' | '\\' | '{' | '}' => out.push(c),
        other => {
            out.push('\\');
            out.push(other);
        }
    }
}

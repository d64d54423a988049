//! Type expressions (the fast path).

use super::{Kw, Parser};
use crate::syntax::ast::{TypeExpr, TypeExprKind};

impl Parser<'_> {
    /// `ty = type_unit ~ ("!" ~ !"=" ~ type_unit)*`, folded from the right.
    pub(super) fn ty(&mut self) -> Option<TypeExpr> {
        if !self.enter() {
            return None;
        }
        self.ty_inner()
    }

    fn ty_inner(&mut self) -> Option<TypeExpr> {
        let outer_h = self.h;
        self.h = 0;
        let first = self.type_unit()?;
        self.skip();
        let mut rest: Vec<TypeExpr> = Vec::new();
        loop {
            let m = self.mark();
            self.skip();
            if self.eat_byte(b'!') {
                self.skip();
                if self.peek() != b'=' {
                    match self.type_unit() {
                        Some(u) => {
                            rest.push(u);
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
        self.h = outer_h.max(self.h + 1 + rest.len());
        let mut acc = match rest.pop() {
            Some(last) => last,
            None => return Some(first),
        };
        while let Some(ok) = rest.pop() {
            acc = result(ok, acc);
        }
        Some(result(first, acc))
    }

    /// `(fn_type | list_type | named_type) ~ maybe_mark?`
    fn type_unit(&mut self) -> Option<TypeExpr> {
        let start = self.pos;
        let base = match self.peek() {
            b'[' => self.list_type()?,
            b'$' => self.named_type()?,
            _ if self.kw() == Some(Kw::Fn) => self.fn_type()?,
            _ => self.named_type()?,
        };
        self.skip();
        if self.eat_byte(b'?') {
            return Some(TypeExpr {
                kind: TypeExprKind::Maybe(Box::new(base)),
                span: self.span(start, self.pos),
            });
        }
        Some(base)
    }

    /// `kw_fn ~ t_lparen ~ (sep | ty)* ~ t_rparen ~ ty?`; a missing return
    /// type means Void.
    fn fn_type(&mut self) -> Option<TypeExpr> {
        let start = self.pos;
        self.pos += 2;
        self.skip();
        if !self.eat_byte(b'(') {
            return None;
        }
        let mut params = Vec::new();
        self.list(true, b')', &mut params, |p| p.ty())?;
        self.skip();
        // `fn(A)` without a return type returns Void (decision L11).
        let ret = match self.opt_ty()? {
            Some(ret) => ret,
            None => crate::syntax::parser::types::void_type(self.span(start, self.pos)),
        };
        Some(TypeExpr {
            kind: TypeExprKind::Fn {
                params,
                ret: Box::new(ret),
            },
            span: self.span(start, self.pos),
        })
    }

    /// `"[" ~ nl* ~ ty ~ nl* ~ (t_colon ~ nl* ~ ty ~ nl*)? ~ t_rbracket`
    fn list_type(&mut self) -> Option<TypeExpr> {
        let start = self.pos;
        self.pos += 1;
        self.skip_nl();
        let first = self.ty()?;
        self.skip_nl();
        let mut value = None;
        if self.at_colon() {
            let m = self.mark();
            self.pos += 1;
            self.skip_nl();
            match self.ty() {
                Some(v) => {
                    self.skip_nl();
                    value = Some(v);
                }
                None if self.gave_up => return None,
                None => self.reset(m),
            }
        }
        self.skip();
        if !self.eat_byte(b']') {
            return None;
        }
        let kind = match value {
            Some(v) => TypeExprKind::Map(Box::new(first), Box::new(v)),
            None => TypeExprKind::List(Box::new(first)),
        };
        Some(TypeExpr {
            kind,
            span: self.span(start, self.pos),
        })
    }

    /// `(generic | ident) ~ (path_sep ~ ident)* ~ type_args?`
    fn named_type(&mut self) -> Option<TypeExpr> {
        let start = self.pos;
        let head = if self.peek() == b'$' {
            let end = self.word_end(start + 1);
            if end == start + 1 {
                return None;
            }
            self.pos = end;
            self.ident(start, end)
        } else {
            self.take_ident()?
        };
        let mut path = vec![head];
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
        let args = if self.peek() == b'<' {
            self.opt_type_args()?
        } else {
            Vec::new()
        };
        Some(TypeExpr {
            kind: TypeExprKind::Named { path, args },
            span: self.span(start, self.pos),
        })
    }

    /// `type_args?` at a `<`. The outer `None` is giving up.
    pub(super) fn opt_type_args(&mut self) -> Option<Vec<TypeExpr>> {
        let m = self.mark();
        match self.type_args() {
            Some(args) => Some(args),
            None if self.gave_up => None,
            None => {
                self.reset(m);
                Some(Vec::new())
            }
        }
    }

    /// `"<" ~ nl* ~ ty ~ (nl* ~ "," ~ nl* ~ ty)* ~ nl* ~ ","? ~ nl* ~ t_gt`
    fn type_args(&mut self) -> Option<Vec<TypeExpr>> {
        self.pos += 1;
        self.skip_nl();
        let mut args = vec![self.ty()?];
        self.skip();
        loop {
            let m = self.mark();
            self.skip_nl();
            if self.eat_byte(b',') {
                self.skip_nl();
                match self.ty() {
                    Some(t) => {
                        args.push(t);
                        continue;
                    }
                    None if self.gave_up => return None,
                    None => {}
                }
            }
            self.reset(m);
            break;
        }
        self.skip_nl();
        self.eat_byte(b',');
        self.skip_nl();
        if !self.eat_byte(b'>') {
            return None;
        }
        Some(args)
    }

    /// `ty?`. The outer `None` is giving up.
    pub(super) fn opt_ty(&mut self) -> Option<Option<TypeExpr>> {
        if !self.at_type_start() {
            return Some(None);
        }
        let m = self.mark();
        match self.ty() {
            Some(t) => Some(Some(t)),
            None if self.gave_up => None,
            None => {
                self.reset(m);
                Some(None)
            }
        }
    }

    /// Whether a type could start here (`[`, `$`, or a non-keyword word or
    /// `fn`); anything else fails `ty` at once.
    fn at_type_start(&self) -> bool {
        match self.peek() {
            b'[' | b'$' => true,
            c if c.is_ascii_alphabetic() || c == b'_' => {
                matches!(self.kw(), None | Some(Kw::Fn))
            }
            _ => false,
        }
    }
}

fn result(ok: TypeExpr, err: TypeExpr) -> TypeExpr {
    let span = ok.span.to(err.span);
    TypeExpr {
        kind: TypeExprKind::Result(Box::new(ok), Box::new(err)),
        span,
    }
}

//! Expressions. The grammar hands over a flat `operand (op operand)*`
//! sequence (prefix and postfix operators included); precedence climbing
//! here applies the precedence of decision L1, loosest first:
//!
//! `..` < `or` < `and` < comparisons < `+ -` < `* / %` < unary `-` <
//! postfix (`.member`, `.method()`) < primary.
//!
//! Prefix `not` negates the rest of the expression (L1 as revised for
//! issue 18): its operand is everything after it up to the end of the
//! flat sequence, which ends at `{` of a block, `)`, `]`, `,`, `=>` or the
//! end of the line. `x and not a or b` is `x and not (a or b)`.
//!
//! The builder recurses once per nesting level of the source, so the
//! functions on that path are kept small: a debug build gives every
//! temporary its own stack slot, and a 2 MiB test thread must still manage
//! the deepest input `lexcheck` lets through.

use std::iter::Peekable;

use super::{BResult, Builder, Pair, Pairs, Rule};
use crate::diagnostic::Diagnostic;
use crate::syntax::ast::{
    Arg, BinaryOp, Catch, CatchBody, Expr, ExprKind, FieldInit, FnLit, MatchArm, StrPart, UnaryOp,
};

/// Binding power of prefix `not` and `-`.
const NOT_PREC: u8 = 0;
const NEG_PREC: u8 = 8;

/// Binding power of an infix operator (higher binds tighter).
fn infix_prec(rule: Rule) -> Option<u8> {
    Some(match rule {
        Rule::op_range => 1,
        Rule::op_or => 2,
        Rule::op_and => 3,
        Rule::op_eq | Rule::op_ne | Rule::op_lt | Rule::op_le | Rule::op_gt | Rule::op_ge => 5,
        Rule::op_add | Rule::op_sub => 6,
        Rule::op_mul | Rule::op_div | Rule::op_rem => 7,
        _ => return None,
    })
}

fn is_operator(rule: Rule) -> bool {
    matches!(rule, Rule::op_not | Rule::op_neg | Rule::member_access) || infix_prec(rule).is_some()
}

fn binary_op(rule: Rule) -> Option<BinaryOp> {
    Some(match rule {
        Rule::op_or => BinaryOp::Or,
        Rule::op_and => BinaryOp::And,
        Rule::op_eq => BinaryOp::Eq,
        Rule::op_ne => BinaryOp::NotEq,
        Rule::op_lt => BinaryOp::Lt,
        Rule::op_le => BinaryOp::LtEq,
        Rule::op_gt => BinaryOp::Gt,
        Rule::op_ge => BinaryOp::GtEq,
        Rule::op_add => BinaryOp::Add,
        Rule::op_sub => BinaryOp::Sub,
        Rule::op_mul => BinaryOp::Mul,
        Rule::op_div => BinaryOp::Div,
        Rule::op_rem => BinaryOp::Rem,
        _ => return None,
    })
}

type Stream<'i> = Peekable<Pairs<'i>>;

impl Builder {
    /// `expr`, `expr_ns`, `op_expr` or `try_expr`.
    pub(super) fn expr(&self, pair: Pair) -> BResult<Expr> {
        let pair = if pair.as_rule() == Rule::expr {
            self.first(pair)?
        } else {
            pair
        };
        if pair.as_rule() == Rule::try_expr {
            return self.try_expr(pair);
        }
        // A lone operand (the common case) goes straight to `primary`.
        let mut items = pair.clone().into_inner();
        match (items.next(), items.next()) {
            (Some(only), None) => self.primary(only),
            _ => self.operators(pair),
        }
    }

    /// The first child, which the grammar guarantees.
    pub(super) fn first<'i>(&self, pair: Pair<'i>) -> BResult<Pair<'i>> {
        let mut it = pair.clone().into_inner();
        self.next(&mut it, &pair)
    }

    /// Resolve a flat operator sequence. Each operator adds at most one
    /// level to the tree, so the depth budget is charged their number.
    fn operators(&self, pair: Pair) -> BResult<Expr> {
        let count = pair
            .clone()
            .into_inner()
            .filter(|p| is_operator(p.as_rule()))
            .count();
        let _guard = self.enter(&pair, count)?;
        self.climb(&mut pair.into_inner().peekable(), 0)
    }

    /// Precedence climbing: an operand, then every operator binding tighter
    /// than `min` (all operators are left-associative).
    fn climb(&self, items: &mut Stream, min: u8) -> BResult<Expr> {
        let mut lhs = self.operand(items)?;
        while let Some(op) = items.peek() {
            if op.as_rule() == Rule::member_access {
                let member = self.take(items)?;
                lhs = self.member_access(lhs, member)?;
                continue;
            }
            let prec = infix_prec(op.as_rule()).ok_or_else(|| self.internal(op))?;
            if prec <= min {
                break;
            }
            let op = self.take(items)?;
            let rhs = self.climb(items, prec)?;
            lhs = self.binary(lhs, op, rhs)?;
        }
        Ok(lhs)
    }

    /// A prefix operator applied to what follows, or a primary.
    fn operand(&self, items: &mut Stream) -> BResult<Expr> {
        let first = self.take(items)?;
        let (op, prec) = match first.as_rule() {
            Rule::op_not => (UnaryOp::Not, NOT_PREC),
            Rule::op_neg => (UnaryOp::Neg, NEG_PREC),
            _ => return self.primary(first),
        };
        let operand = self.climb(items, prec)?;
        Ok(Expr {
            span: self.span(&first).to(operand.span),
            kind: ExprKind::Unary {
                op,
                expr: Box::new(operand),
            },
        })
    }

    fn take<'i>(&self, items: &mut Stream<'i>) -> BResult<Pair<'i>> {
        items
            .next()
            .ok_or_else(|| self.internal_at(crate::source::Span::new(self.file, 0, 0)))
    }

    fn binary(&self, lhs: Expr, op: Pair, rhs: Expr) -> BResult<Expr> {
        let span = lhs.span.to(rhs.span);
        if op.as_rule() == Rule::op_range {
            if matches!(lhs.kind, ExprKind::Range { .. }) {
                self.error(
                    Diagnostic::error(self.span(&op), "ranges cannot be chained")
                        .with_label("second `..`")
                        .with_note("a range is `start..end`"),
                );
            }
            return Ok(Expr {
                kind: ExprKind::Range {
                    start: Box::new(lhs),
                    end: Box::new(rhs),
                },
                span,
            });
        }
        let op = binary_op(op.as_rule()).ok_or_else(|| self.internal(&op))?;
        Ok(Expr {
            kind: ExprKind::Binary {
                op,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
            },
            span,
        })
    }

    /// One atom. Every arm is a single call: the builder recurses once per
    /// nesting level, and a debug build gives each arm's temporaries their
    /// own stack slots.
    fn primary(&self, pair: Pair) -> BResult<Expr> {
        match pair.as_rule() {
            Rule::path_expr => self.path_expr(pair),
            Rule::self_expr => self.self_expr(pair),
            Rule::struct_lit => self.struct_lit(pair),
            Rule::list_lit => self.list_lit(pair),
            Rule::fn_lit => self.fn_lit_expr(pair),
            Rule::if_expr => self.if_expr(pair),
            Rule::match_expr => self.match_expr(pair),
            Rule::paren => self.paren(pair),
            Rule::string => self.string_expr(pair),
            _ => self.literal(pair),
        }
    }

    fn literal(&self, pair: Pair) -> BResult<Expr> {
        let kind = match pair.as_rule() {
            Rule::int => ExprKind::Int(pair.as_str().to_string()),
            Rule::float => ExprKind::Float(pair.as_str().to_string()),
            Rule::boolean => ExprKind::Bool(pair.as_str() == "true"),
            Rule::void => ExprKind::Void,
            _ => return Err(self.internal(&pair)),
        };
        Ok(Expr {
            kind,
            span: self.span(&pair),
        })
    }

    fn paren(&self, pair: Pair) -> BResult<Expr> {
        let span = self.span(&pair);
        Ok(Expr {
            kind: ExprKind::Paren(Box::new(self.expr(self.first(pair)?)?)),
            span,
        })
    }

    /// `name`, `a::b::c`, optionally called: `f(x)`, `T::f<A>(x)`.
    fn path_expr(&self, pair: Pair) -> BResult<Expr> {
        let span = self.span(&pair);
        let (callee, suffix) = self.path_callee(pair)?;
        match suffix {
            Some(suffix) => self.call(callee, suffix, span),
            None => Ok(callee),
        }
    }

    /// The name or path of a `path_expr`, and its call suffix if any.
    fn path_callee<'i>(&self, pair: Pair<'i>) -> BResult<(Expr, Option<Pair<'i>>)> {
        let mut segments = Vec::new();
        let mut suffix = None;
        for p in pair.clone().into_inner() {
            match p.as_rule() {
                Rule::call_suffix => suffix = Some(p),
                _ => segments.push(self.ident(&p)),
            }
        }
        let callee = match segments.len() {
            0 => return Err(self.internal(&pair)),
            1 => {
                let name = segments.swap_remove(0);
                Expr {
                    span: name.span,
                    kind: ExprKind::Name(name.name),
                }
            }
            _ => Expr {
                span: segments[0].span.to(segments[segments.len() - 1].span),
                kind: ExprKind::Path(segments),
            },
        };
        Ok((callee, suffix))
    }

    /// `(args)` or `<T>(args)` applied to `callee`.
    fn call(&self, callee: Expr, suffix: Pair, span: crate::source::Span) -> BResult<Expr> {
        let mut type_args = Vec::new();
        let mut args: Vec<Arg> = Vec::new();
        for p in suffix.into_inner() {
            match p.as_rule() {
                Rule::arg => args.push(self.arg(p)?),
                Rule::type_args => type_args = self.type_args(p)?,
                _ => {} // `)`
            }
        }
        self.check_named_args(&args);
        Ok(Expr {
            kind: ExprKind::Call {
                callee: Box::new(callee),
                type_args,
                args,
            },
            span,
        })
    }

    /// Decision L11: a call names every argument or none.
    fn check_named_args(&self, args: &[Arg]) {
        let Some(named) = args.iter().find(|a| a.name.is_some()) else {
            return;
        };
        let Some(positional) = args.iter().find(|a| a.name.is_none()) else {
            return;
        };
        self.error(
            Diagnostic::error(
                positional.span,
                "a call cannot mix positional and named arguments",
            )
            .with_label("positional argument")
            .with_secondary(named.span, "named argument")
            .with_note("name every argument, or none"),
        );
    }

    /// `[label:] [mut] expr`
    fn arg(&self, pair: Pair) -> BResult<Arg> {
        let span = self.span(&pair);
        let (name, mutable, value) = self.arg_parts(pair)?;
        Ok(Arg {
            mutable,
            name,
            value: self.expr(value)?,
            span,
        })
    }

    fn arg_parts<'i>(
        &self,
        pair: Pair<'i>,
    ) -> BResult<(Option<crate::syntax::ast::Ident>, bool, Pair<'i>)> {
        let mut name = None;
        let mut mutable = false;
        for p in pair.clone().into_inner() {
            match p.as_rule() {
                Rule::arg_label => name = Some(self.ident(&self.first(p)?)),
                Rule::arg_mut => mutable = true,
                _ => return Ok((name, mutable, p)),
            }
        }
        Err(self.internal(&pair))
    }

    /// `.name` or `.name<T>(args)` after `target`.
    fn member_access(&self, target: Expr, pair: Pair) -> BResult<Expr> {
        let mut it = pair.clone().into_inner();
        let name = self.ident(&self.next(&mut it, &pair)?);
        let member = Expr {
            span: target.span.to(name.span),
            kind: ExprKind::Member {
                target: Box::new(target),
                name,
            },
        };
        match it.next() {
            Some(suffix) => {
                let span = member.span.to(self.span(&suffix));
                self.call(member, suffix, span)
            }
            None => Ok(member),
        }
    }

    /// `@`, `@name`, `@.name`, `@name(args)`.
    fn self_expr(&self, pair: Pair) -> BResult<Expr> {
        let span = self.span(&pair);
        let at = crate::source::Span::new(self.file, span.start as usize, span.start as usize + 1);
        let at = Expr {
            kind: ExprKind::SelfRef,
            span: at,
        };
        let Some(member) = pair.into_inner().next() else {
            return Ok(at);
        };
        // `@name...` is `.name...` applied to `@`.
        self.member_access(at, member)
    }

    /// `Name{ field: value }`
    fn struct_lit(&self, pair: Pair) -> BResult<Expr> {
        let span = self.span(&pair);
        let mut path = Vec::new();
        let mut fields = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::ident => path.push(self.ident(&p)),
                Rule::field_init => fields.push(self.field_init(p)?),
                _ => {} // `}`
            }
        }
        Ok(Expr {
            kind: ExprKind::StructLit { path, fields },
            span,
        })
    }

    fn field_init(&self, pair: Pair) -> BResult<FieldInit> {
        let mut it = pair.clone().into_inner();
        let name = self.ident(&self.next(&mut it, &pair)?);
        let value = it.nth(1).ok_or_else(|| self.internal(&pair))?; // after `:`
        Ok(FieldInit {
            name,
            value: self.expr(value)?,
        })
    }

    /// `[a, b]`, `[k: v]`, `[:]`. The first item decides between list and
    /// map; the others must agree.
    fn list_lit(&self, pair: Pair) -> BResult<Expr> {
        let span = self.span(&pair);
        let mut items = Vec::new();
        let mut is_map = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::elem => {
                    let (key, value) = self.elem(p)?;
                    is_map.get_or_insert(value.is_some());
                    items.push((key, value));
                }
                Rule::empty_map => is_map = Some(true),
                _ => {} // `]`
            }
        }
        let kind = if is_map == Some(true) {
            ExprKind::Map(self.map_entries(items))
        } else {
            ExprKind::List(self.list_items(items))
        };
        Ok(Expr { kind, span })
    }

    /// One item: an expression with an optional `: value`.
    fn elem(&self, pair: Pair) -> BResult<(Expr, Option<Expr>)> {
        let mut it = pair.clone().into_inner();
        let key = self.expr(self.next(&mut it, &pair)?)?;
        let value = match it.nth(1) {
            Some(value) => Some(self.expr(value)?),
            None => None,
        };
        Ok((key, value))
    }

    fn map_entries(&self, items: Vec<(Expr, Option<Expr>)>) -> Vec<(Expr, Expr)> {
        let mut entries = Vec::with_capacity(items.len());
        for (key, value) in items {
            match value {
                Some(value) => entries.push((key, value)),
                None => self.error(
                    Diagnostic::error(key.span, "map entry is missing its value")
                        .with_label("expected `key: value`")
                        .with_note("the first item has a key, so this literal is a map"),
                ),
            }
        }
        entries
    }

    fn list_items(&self, items: Vec<(Expr, Option<Expr>)>) -> Vec<Expr> {
        let mut list = Vec::with_capacity(items.len());
        for (item, value) in items {
            if let Some(value) = value {
                self.error(
                    Diagnostic::error(
                        item.span.to(value.span),
                        "list item has a `key: value` pair",
                    )
                    .with_label("a key here, but not on the first item")
                    .with_note("a literal is a map only if its first item is `key: value`"),
                );
            }
            list.push(item);
        }
        list
    }

    /// `fn(a: Int, b) Str { }`: parameter types are optional here.
    fn fn_lit_expr(&self, pair: Pair) -> BResult<Expr> {
        let span = self.span(&pair);
        Ok(Expr {
            kind: ExprKind::Fn(Box::new(self.fn_lit(pair)?)),
            span,
        })
    }

    fn fn_lit(&self, pair: Pair) -> BResult<FnLit> {
        let mut params = Vec::new();
        let mut ret = None;
        for p in pair.clone().into_inner() {
            match p.as_rule() {
                Rule::params => params = self.params(p, false)?,
                Rule::ty => ret = Some(self.type_expr(p)?),
                Rule::block => {
                    return Ok(FnLit {
                        params,
                        ret,
                        body: self.block(p)?,
                    });
                }
                _ => {} // `fn`
            }
        }
        Err(self.internal(&pair))
    }

    /// `if c { } else if d { } else { }`
    fn if_expr(&self, pair: Pair) -> BResult<Expr> {
        let span = self.span(&pair);
        let mut branches = Vec::new();
        let mut otherwise = None;
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::if_branch => branches.push(self.if_branch(p)?),
                Rule::else_if => branches.push(self.if_branch(self.last(p)?)?),
                Rule::else_block => otherwise = Some(self.block(self.last(p)?)?),
                _ => {} // `if`
            }
        }
        Ok(Expr {
            kind: ExprKind::If {
                branches,
                otherwise,
            },
            span,
        })
    }

    /// The last child, which the grammar guarantees.
    fn last<'i>(&self, pair: Pair<'i>) -> BResult<Pair<'i>> {
        pair.clone()
            .into_inner()
            .last()
            .ok_or_else(|| self.internal(&pair))
    }

    /// `cond { body }`
    fn if_branch(&self, pair: Pair) -> BResult<(Expr, crate::syntax::ast::Block)> {
        let mut it = pair.clone().into_inner();
        let cond = self.expr(self.next(&mut it, &pair)?)?;
        let body = self.block(self.next(&mut it, &pair)?)?;
        Ok((cond, body))
    }

    /// `match subject { pattern => body }` or `match { cond => body }`.
    fn match_expr(&self, pair: Pair) -> BResult<Expr> {
        let span = self.span(&pair);
        let mut subject = None;
        let mut arms = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::match_arm => arms.push(self.match_arm(p)?),
                Rule::expr_ns => subject = Some(Box::new(self.expr(p)?)),
                _ => {} // `match`, braces
            }
        }
        Ok(Expr {
            kind: ExprKind::Match { subject, arms },
            span,
        })
    }

    fn match_arm(&self, pair: Pair) -> BResult<MatchArm> {
        let span = self.span(&pair);
        let mut it = pair.clone().into_inner();
        let pattern = self.expr(self.next(&mut it, &pair)?)?;
        let body = it.nth(1).ok_or_else(|| self.internal(&pair))?; // after `=>`
        Ok(MatchArm {
            pattern,
            body: self.arm_body(body)?,
            span,
        })
    }

    /// A block body becomes `ExprKind::Block`.
    fn arm_body(&self, body: Pair) -> BResult<Expr> {
        if body.as_rule() != Rule::block {
            return self.expr(body);
        }
        let span = self.span(&body);
        Ok(Expr {
            kind: ExprKind::Block(self.block(body)?),
            span,
        })
    }

    /// `try e`, `try e -> name { }`, `try e -> handler`.
    fn try_expr(&self, pair: Pair) -> BResult<Expr> {
        let span = self.span(&pair);
        let mut it = pair.clone().into_inner();
        let operand = self.expr(it.nth(1).ok_or_else(|| self.internal(&pair))?)?; // after `try`
        let catch = match it.next() {
            Some(clause) => Some(Box::new(self.catch_clause(clause)?)),
            None => None,
        };
        Ok(Expr {
            kind: ExprKind::Try {
                expr: Box::new(operand),
                catch,
            },
            span,
        })
    }

    fn catch_clause(&self, clause: Pair) -> BResult<Catch> {
        let mut parts = clause.clone().into_inner();
        let name = self.ident(&self.next(&mut parts, &clause)?);
        let body = match parts.next() {
            Some(block) => CatchBody::Block(self.block(block)?),
            None => CatchBody::Handler,
        };
        Ok(Catch { name, body })
    }

    /// A string literal as an expression.
    fn string_expr(&self, pair: Pair) -> BResult<Expr> {
        let span = self.span(&pair);
        Ok(Expr {
            kind: ExprKind::Str(self.string(pair)?),
            span,
        })
    }

    /// Decode escapes (§1.7), keep interpolations, merge adjacent text.
    pub(super) fn string(&self, pair: Pair) -> BResult<Vec<StrPart>> {
        let mut parts: Vec<StrPart> = Vec::new();
        let mut text = String::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::str_text => text.push_str(p.as_str()),
                Rule::str_escape => decode_escape(p.as_str(), &mut text),
                Rule::str_interp => {
                    // `{}` contributes nothing.
                    if let Some(inner) = p.into_inner().find(|q| q.as_rule() == Rule::expr) {
                        if !text.is_empty() {
                            parts.push(StrPart::Lit(std::mem::take(&mut text)));
                        }
                        parts.push(StrPart::Interp(self.expr(inner)?));
                    }
                }
                _ => {} // closing quote
            }
        }
        if !text.is_empty() {
            parts.push(StrPart::Lit(text));
        }
        Ok(parts)
    }
}

/// `escape` is a backslash and one character.
fn decode_escape(escape: &str, out: &mut String) {
    let c = escape.chars().nth(1).unwrap_or('\\');
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

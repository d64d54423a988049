//! Branches that must agree: the branches of an `if`/`else` chain and the
//! arms of a `match` (types.md §10.1, §11.1; decision L12). One mechanism
//! serves both, in value position and in statement position.
//!
//! - In value position every branch is converted to the shared type, which
//!   the context fixes, or else the first branch with a value.
//! - In statement position an `if` with an `else`, and a Bool, enum, union
//!   or conditional match, still compare: every branch is checked as a
//!   value and must agree with the first, then the values are discarded.
//! - The other statement-position forms (an `if` without `else`; Int, Str,
//!   Maybe and Result matches) check every branch as a statement.
//!
//! A branch that ends in `panic` (or `break`) has no value and agrees with
//! anything.

use super::Checker;
use super::stmt::ends_in_panic;
use crate::diagnostic::Diagnostic;
use crate::source::Span;
use crate::syntax::ast;
use crate::tir::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Mode {
    Value,
    Compare,
    Statement,
}

/// The state shared by the branches of one `if` or `match`.
pub(crate) struct Arms {
    mode: Mode,
    /// The shared type, once known (from the context or the first branch).
    target: Option<Type>,
    /// The first branch with a value, when it (not the context) fixed
    /// `target`: where it is, for the diagnostic.
    first: Option<Span>,
    /// "arm" or "branch".
    what: &'static str,
    /// Why statement-position branches are compared (a note).
    rule: &'static str,
}

impl Arms {
    /// The branches of an `if`: compared when there is an `else if` or an
    /// `else` (types.md §10.1). Without `else` the `if` is a statement even
    /// in value position (its type is Void).
    pub(crate) fn for_if(expected: Option<&Type>, branches: usize, has_else: bool) -> Arms {
        let mode = match (matches!(expected, Some(Type::Void)), has_else) {
            _ if branches + usize::from(has_else) < 2 => Mode::Statement,
            (false, true) => Mode::Value,
            _ => Mode::Compare,
        };
        Arms::new(
            mode,
            expected,
            "branch",
            "the branches of an `if`/`else` must have the same type even when the `if` is used \
             as a statement (types.md §10.1); end them with the same kind of value, or with `()`",
        )
    }

    /// The arms of a match; `compared`: a Bool, enum, union or conditional
    /// match (types.md §11.1 table).
    pub(crate) fn for_match(expected: Option<&Type>, compared: bool) -> Arms {
        let mode = match (matches!(expected, Some(Type::Void)), compared) {
            (false, _) => Mode::Value,
            (true, true) => Mode::Compare,
            (true, false) => Mode::Statement,
        };
        Arms::new(
            mode,
            expected,
            "arm",
            "the arms of a Bool, enum, union or conditional match must have the same type even \
             when the match is used as a statement (types.md §11.1); end them with the same kind \
             of value, or with `()`",
        )
    }

    fn new(mode: Mode, expected: Option<&Type>, what: &'static str, rule: &'static str) -> Arms {
        let target = match mode {
            Mode::Value => expected.cloned(),
            Mode::Compare => None,
            Mode::Statement => Some(Type::Void),
        };
        Arms {
            mode,
            target,
            first: None,
            what,
            rule,
        }
    }

    /// Every branch is a statement: its value (if any) is discarded unseen.
    pub(crate) fn ignores_values(&self) -> bool {
        self.mode != Mode::Compare && matches!(self.target, Some(Type::Void))
    }

    /// The type to check the next branch against. Compared statement
    /// branches are checked on their own and then unified with the first,
    /// so that a disagreement is reported once, with both places.
    pub(crate) fn expected(&self) -> Option<&Type> {
        match self.mode {
            Mode::Compare => None,
            _ => self.target.as_ref(),
        }
    }

    /// The type of the whole `if` or `match`.
    pub(crate) fn result_type(&self) -> Type {
        match self.mode {
            Mode::Value => self.target.clone().unwrap_or(Type::Void),
            _ => Type::Void,
        }
    }

    /// The type of one branch (a block arm of a match) as an expression.
    pub(crate) fn branch_type(&self) -> Type {
        self.result_type()
    }
}

impl Checker<'_> {
    /// One match arm's body.
    pub(crate) fn arm(&mut self, body: &ast::Expr, arms: &mut Arms) -> Expr {
        if arms.ignores_values() {
            return self.check_expr(body, Some(&Type::Void));
        }
        if let ast::ExprKind::Block(b) = &body.kind {
            let block = self.check_branch(b, arms);
            return Expr {
                kind: ExprKind::Block(block),
                ty: arms.branch_type(),
                span: body.span,
            };
        }
        let v = self.check_expr(body, arms.expected());
        self.agree_value(v, arms)
    }

    /// One branch block of an `if` (or a block arm of a match).
    pub(crate) fn check_branch(&mut self, body: &ast::Block, arms: &mut Arms) -> Block {
        let before = self.diags.len();
        let mut b = self.check_block(body, arms.expected());
        if arms.mode == Mode::Compare {
            self.agree_block(&mut b, body, arms);
            return b;
        }
        if arms.ignores_values() {
            return b;
        }
        match (&b.tail, arms.target.clone()) {
            (Some(t), None) if !matches!(t.kind, ExprKind::Panic(_)) => {
                arms.target = Some(t.ty.clone());
                arms.first = Some(t.span);
            }
            (Some(t), Some(_)) => self.point_at_first(before, t.span, arms),
            (None, Some(t)) if !ends_in_panic(&b) && !self.resolve(&t).is_error() => {
                let shown = self.show(&t);
                let mut d = self
                    .error(
                        body.span,
                        format!("this branch has no value, but the others produce {shown}"),
                    )
                    .with_label("expected a value at the end of this block");
                if let Some(first) = arms.first {
                    d = d.with_secondary(first, format!("the first {} is {shown}", arms.what));
                }
                self.report(d);
            }
            (None, None) => {
                arms.target = Some(Type::Void);
            }
            _ => {}
        }
        b
    }

    /// An arm that is a single expression (`pattern => value`), checked
    /// with `arms.expected()`.
    pub(crate) fn agree_value(&mut self, v: Expr, arms: &mut Arms) -> Expr {
        if matches!(v.kind, ExprKind::Panic(_)) {
            return match arms.mode {
                Mode::Value => match arms.target.clone() {
                    Some(t) => self.coerce(v, &t),
                    None => v,
                },
                _ => v,
            };
        }
        match (arms.mode, arms.target.clone()) {
            (Mode::Statement, _) => v,
            (_, None) => {
                arms.target = Some(v.ty.clone());
                arms.first = Some(v.span);
                v
            }
            (Mode::Value, Some(t)) => {
                let before = self.diags.len();
                let v = self.coerce(v, &t);
                self.point_at_first(before, v.span, arms);
                v
            }
            (Mode::Compare, Some(t)) => match self.try_coerce(v, &t) {
                Ok(v) => discard_conversion(v),
                Err(v) => {
                    let got = v.ty.clone();
                    self.disagree(arms, &t, &got, v.span);
                    v
                }
            },
        }
    }

    /// A branch block, checked with `arms.expected()`.
    pub(crate) fn agree_block(&mut self, b: &mut Block, body: &ast::Block, arms: &mut Arms) {
        if arms.mode != Mode::Compare {
            return;
        }
        let Some(tail) = b.tail.take() else {
            if ends_without_value(b) {
                return;
            }
            let span = body.stmts.last().map(|s| s.span).unwrap_or(body.span);
            match arms.target.clone() {
                None => {
                    arms.target = Some(Type::Void);
                    arms.first = Some(span);
                }
                Some(t) => {
                    if !self.unify(&t, &Type::Void) {
                        self.disagree(arms, &t, &Type::Void, span);
                    }
                }
            }
            return;
        };
        b.tail = Some(Box::new(self.agree_value(*tail, arms)));
    }

    /// Value mode: a mismatch reported since `before` at `span` also
    /// points at the first branch.
    fn point_at_first(&mut self, before: usize, span: Span, arms: &Arms) {
        let Some(first) = arms.first else { return };
        let what = arms.what;
        let target = arms.target.clone().unwrap_or(Type::Void);
        let shown = self.show(&target);
        for d in &mut self.diags[before..] {
            if d.span == span && d.message.starts_with("type mismatch") {
                d.secondary.push(crate::diagnostic::Label {
                    span: first,
                    message: format!("the first {what} is {shown}"),
                });
            }
        }
    }

    fn disagree(&mut self, arms: &Arms, expected: &Type, got: &Type, span: Span) {
        if self.resolve(expected).is_error() || self.resolve(got).is_error() {
            return;
        }
        let (exp, got) = (self.show(expected), self.show(got));
        let what = arms.what;
        let mut d = Diagnostic::error(span, format!("type mismatch: expected {exp}, got {got}"))
            .with_label(format!("this {what} is {got}"));
        if let Some(first) = arms.first {
            d = d.with_secondary(first, format!("the first {what} is {exp}"));
        }
        self.report(d.with_note(arms.rule));
    }
}

/// A discarded value needs no conversion to the shared type.
fn discard_conversion(e: Expr) -> Expr {
    match e.kind {
        ExprKind::ToUnion { value, .. } | ExprKind::ToTrait { value, .. } => *value,
        _ => e,
    }
}

/// The block leaves by `panic` or `break`: it has no value to compare.
fn ends_without_value(b: &Block) -> bool {
    ends_in_panic(b) || matches!(b.stmts.last().map(|s| &s.kind), Some(StmtKind::Break))
}

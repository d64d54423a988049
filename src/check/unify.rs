//! Inference variables, unification, and the compatibility rule "is a value
//! of type `actual` acceptable where `expected` is required" (types.md §4),
//! including the implicit conversions to unions and traits.

use super::Checker;
use crate::source::Span;
use crate::tir::*;

impl Checker<'_> {
    pub(crate) fn fresh_var(&mut self) -> Type {
        self.vars.push(None);
        Type::Var(self.vars.len() as u32 - 1)
    }

    /// Follow bound variables at the top level and inside.
    pub(crate) fn resolve(&self, t: &Type) -> Type {
        t.map_types(&mut |t| match t {
            Type::Var(v) => match &self.vars[*v as usize] {
                Some(bound) => Some(self.resolve(bound)),
                None => Some(Type::Var(*v)),
            },
            _ => None,
        })
    }

    fn occurs(&self, v: u32, t: &Type) -> bool {
        let t = self.resolve(t);
        let mut found = false;
        t.walk(&mut |x| {
            if *x == Type::Var(v) {
                found = true
            }
        });
        found
    }

    /// Structural unification; binds variables. Returns false on mismatch
    /// (bindings made before the mismatch may remain; callers report an
    /// error, after which the types no longer matter).
    pub(crate) fn unify(&mut self, a: &Type, b: &Type) -> bool {
        let a = self.resolve(a);
        let b = self.resolve(b);
        match (&a, &b) {
            (Type::Error, _) | (_, Type::Error) => true,
            (Type::Var(x), Type::Var(y)) if x == y => true,
            (Type::Var(v), other) | (other, Type::Var(v)) => {
                if self.occurs(*v, other) {
                    return false;
                }
                self.vars[*v as usize] = Some(other.clone());
                true
            }
            (Type::List(x), Type::List(y)) | (Type::Maybe(x), Type::Maybe(y)) => self.unify(x, y),
            (Type::Map(k1, v1), Type::Map(k2, v2))
            | (Type::Result(k1, v1), Type::Result(k2, v2)) => {
                self.unify(k1, k2) && self.unify(v1, v2)
            }
            (Type::Struct(s, xs), Type::Struct(t, ys)) if s == t && xs.len() == ys.len() => {
                xs.iter().zip(ys).all(|(x, y)| self.unify(x, y))
            }
            (Type::Fn(f), Type::Fn(g)) => {
                f.params.len() == g.params.len()
                    && f.params
                        .iter()
                        .zip(&g.params)
                        .all(|(p, q)| self.unify(p, q))
                    && self.unify(&f.ret, &g.ret)
            }
            _ => a == b,
        }
    }

    /// Does a value of type `t` implement trait `tr`?
    pub(crate) fn implements(&self, t: &Type, tr: TraitId) -> bool {
        let t = self.resolve(t);
        match &t {
            Type::Error => true,
            Type::Trait(x) => *x == tr,
            Type::Str | Type::Int | Type::Float | Type::Bool => Some(tr) == self.to_string,
            Type::Struct(s, _) => self.impls.contains(&(Owner::Struct(*s), tr)),
            Type::Enum(e) => self.impls.contains(&(Owner::Enum(*e), tr)),
            Type::Union(u) => {
                let members = self.prog.union(*u).members.clone();
                !members.is_empty() && members.iter().all(|m| self.implements(m, tr))
            }
            _ => false,
        }
    }

    /// Can `t` be shown in a string (`Str::ToString`)?
    pub(crate) fn is_printable(&self, t: &Type) -> bool {
        match self.to_string {
            Some(tr) => self.implements(t, tr),
            None => matches!(
                self.resolve(t),
                Type::Str | Type::Int | Type::Float | Type::Bool | Type::Error
            ),
        }
    }

    /// Convert `e` to `expected` if it is acceptable there; otherwise report
    /// a type mismatch at `e` and return it unchanged.
    pub(crate) fn coerce(&mut self, e: Expr, expected: &Type) -> Expr {
        match self.try_coerce(e, expected) {
            Ok(e) => e,
            Err(e) => {
                let (exp, got) = (self.show(expected), self.show(&e.ty));
                let msg = if let Type::Trait(_) = self.resolve(expected) {
                    format!("type mismatch: expected an implementation of {exp}, got {got}")
                } else {
                    format!("type mismatch: expected {exp}, got {got}")
                };
                self.err(e.span, msg, format!("this is {got}"));
                e
            }
        }
    }

    /// Like `coerce` but silent: `Err(e)` when not acceptable.
    pub(crate) fn try_coerce(&mut self, e: Expr, expected: &Type) -> Result<Expr, Expr> {
        let exp = self.resolve(expected);
        let got = self.resolve(&e.ty);
        if exp.is_error() || got.is_error() {
            return Ok(e);
        }
        // A panic (or any other never-returning expression) fits anywhere.
        if let ExprKind::Panic(_) = e.kind {
            return Ok(Expr { ty: exp, ..e });
        }
        match (&exp, &got) {
            (Type::Trait(tr), g)
                if !matches!(g, Type::Trait(x) if x == tr) && !matches!(g, Type::Var(_)) =>
            {
                if self.implements(g, *tr) {
                    let span = e.span;
                    return Ok(Expr {
                        kind: ExprKind::ToTrait {
                            value: Box::new(e),
                            trait_: *tr,
                        },
                        ty: exp.clone(),
                        span,
                    });
                }
                return Err(e);
            }
            (Type::Union(u), g)
                if !matches!(g, Type::Union(x) if x == u) && !matches!(g, Type::Var(_)) =>
            {
                let members = self.prog.union(*u).members.clone();
                for m in &members {
                    if self.compatible_member(m, g) {
                        let span = e.span;
                        return Ok(Expr {
                            kind: ExprKind::ToUnion {
                                value: Box::new(e),
                                union: *u,
                            },
                            ty: exp.clone(),
                            span,
                        });
                    }
                }
                return Err(e);
            }
            _ => {}
        }
        if self.unify(&exp, &got) {
            Ok(e)
        } else {
            Err(e)
        }
    }

    /// A union member accepts a value of type `g` (no variable binding
    /// unless it fits).
    fn compatible_member(&mut self, member: &Type, g: &Type) -> bool {
        let m = self.resolve(member);
        if let Type::Union(inner) = &m {
            let members = self.prog.union(*inner).members.clone();
            return members.iter().any(|x| self.compatible_member(x, g));
        }
        let saved = self.vars.clone();
        if self.unify(&m, g) {
            true
        } else {
            self.vars = saved;
            false
        }
    }

    /// An `Expr` of type Error, for places where checking failed.
    pub(crate) fn error_expr(&self, span: Span) -> Expr {
        Expr {
            kind: ExprKind::Void,
            ty: Type::Error,
            span,
        }
    }
}

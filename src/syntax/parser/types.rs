//! Type expressions (syntax.md §4): `Int`, `[T]`, `[K:V]`, `T?`, `T!E`,
//! `fn(A) R`, `$T`, `Name<A, B>`, `mod::Name`.

use super::{BResult, Builder, Pair, Rule};
use crate::syntax::ast::{TypeExpr, TypeExprKind};

impl Builder {
    /// `unit ("!" unit)*`, folded from the right: `A!B!C` is `A!(B!C)`.
    pub(super) fn type_expr(&self, pair: Pair) -> BResult<TypeExpr> {
        let units: Vec<Pair> = pair.clone().into_inner().collect();
        let _guard = self.enter(&pair, units.len())?;
        let mut built = Vec::with_capacity(units.len());
        for unit in units {
            built.push(self.type_unit(unit)?);
        }
        let mut acc = built.pop().ok_or_else(|| self.internal(&pair))?;
        while let Some(ok) = built.pop() {
            let span = ok.span.to(acc.span);
            acc = TypeExpr {
                kind: TypeExprKind::Result(Box::new(ok), Box::new(acc)),
                span,
            };
        }
        Ok(acc)
    }

    /// A single type with an optional `?`.
    fn type_unit(&self, pair: Pair) -> BResult<TypeExpr> {
        let span = self.span(&pair);
        let mut it = pair.clone().into_inner();
        let base = self.next(&mut it, &pair)?;
        let base = match base.as_rule() {
            Rule::fn_type => self.fn_type(base)?,
            Rule::list_type => self.list_type(base)?,
            Rule::named_type => self.named_type(base)?,
            _ => return Err(self.internal(&base)),
        };
        Ok(match it.next() {
            Some(_maybe) => TypeExpr {
                kind: TypeExprKind::Maybe(Box::new(base)),
                span,
            },
            None => base,
        })
    }

    /// `fn(A, B) R`; a missing `R` means `Void` (`fn(Str)`, `fn()`).
    fn fn_type(&self, pair: Pair) -> BResult<TypeExpr> {
        let span = self.span(&pair);
        let mut params = Vec::new();
        let mut ret = None;
        let mut closed = false;
        for p in pair.clone().into_inner() {
            match p.as_rule() {
                Rule::kw_fn | Rule::t_lparen => {}
                Rule::t_rparen => closed = true,
                Rule::ty if closed => ret = Some(self.type_expr(p)?),
                Rule::ty => params.push(self.type_expr(p)?),
                _ => return Err(self.internal(&p)),
            }
        }
        // `fn(A)` without a return type returns Void (decision L11).
        let ret = ret.unwrap_or_else(|| void_type(span));
        Ok(TypeExpr {
            kind: TypeExprKind::Fn {
                params,
                ret: Box::new(ret),
            },
            span,
        })
    }

    /// `[T]` or `[K:V]`.
    fn list_type(&self, pair: Pair) -> BResult<TypeExpr> {
        let span = self.span(&pair);
        let mut types = Vec::new();
        for p in pair.clone().into_inner() {
            if p.as_rule() == Rule::ty {
                types.push(self.type_expr(p)?);
            }
        }
        let mut types = types.into_iter();
        let first = types.next().ok_or_else(|| self.internal(&pair))?;
        let kind = match types.next() {
            Some(value) => TypeExprKind::Map(Box::new(first), Box::new(value)),
            None => TypeExprKind::List(Box::new(first)),
        };
        Ok(TypeExpr { kind, span })
    }

    /// `Name`, `$T`, `mod::Name`, `Name<A, B>` (also `Result<T, E>` and
    /// `Maybe<T>`, which the checker maps to `T!E` / `T?`).
    fn named_type(&self, pair: Pair) -> BResult<TypeExpr> {
        let span = self.span(&pair);
        let mut path = Vec::new();
        let mut args = Vec::new();
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::ident | Rule::generic => path.push(self.ident(&p)),
                Rule::type_args => args = self.type_args(p)?,
                _ => return Err(self.internal(&p)),
            }
        }
        Ok(TypeExpr {
            kind: TypeExprKind::Named { path, args },
            span,
        })
    }

    /// `<A, B>` (in types, calls and the rejected generic struct header).
    pub(super) fn type_args(&self, pair: Pair) -> BResult<Vec<TypeExpr>> {
        pair.into_inner()
            .filter(|p| p.as_rule() == Rule::ty)
            .map(|p| self.type_expr(p))
            .collect()
    }
}

/// The type `Void`, for a function type written without a return type.
pub(crate) fn void_type(span: crate::source::Span) -> TypeExpr {
    TypeExpr {
        kind: TypeExprKind::Named {
            path: vec![crate::syntax::ast::Ident {
                name: "Void".to_string(),
                span,
            }],
            args: Vec::new(),
        },
        span,
    }
}

//! Member access: struct fields, user methods, trait methods and the
//! built-in methods of Str, Int, Float, Bool, lists, maps, Maybe and Result
//! (types.md §15).

use super::Checker;
use crate::source::Span;
use crate::syntax::ast;
use crate::tir::*;

/// A built-in method's signature for a given receiver type.
pub(crate) struct BuiltinSig {
    pub op: Builtin,
    pub params: Vec<Type>,
    pub ret: Type,
    pub mutating: bool,
}

pub(crate) fn builtin_method(recv: &Type, name: &str) -> Option<BuiltinSig> {
    use Builtin as B;
    let sig = |op, params: Vec<Type>, ret, mutating| {
        Some(BuiltinSig {
            op,
            params,
            ret,
            mutating,
        })
    };
    match recv {
        Type::Str => match name {
            "contains" => sig(B::StrContains, vec![Type::Str], Type::Bool, false),
            "is_empty" => sig(B::StrIsEmpty, vec![], Type::Bool, false),
            "replace" => sig(B::StrReplace, vec![Type::Str, Type::Str], Type::Str, false),
            "replace_all" => sig(
                B::StrReplaceAll,
                vec![Type::Str, Type::Str],
                Type::Str,
                false,
            ),
            "size" => sig(B::StrSize, vec![], Type::Int, false),
            "split" => sig(B::StrSplit, vec![Type::Str], Type::list(Type::Str), false),
            "starts_with" => sig(B::StrStartsWith, vec![Type::Str], Type::Bool, false),
            "to_str" => sig(B::StrToStr, vec![], Type::Str, false),
            "trim" => sig(B::StrTrim, vec![], Type::Str, false),
            _ => None,
        },
        Type::Int => match name {
            "to_str" => sig(B::IntToStr, vec![], Type::Str, false),
            _ => None,
        },
        Type::Float => match name {
            "to_str" => sig(B::FloatToStr, vec![], Type::Str, false),
            "to_int" => sig(B::FloatToInt, vec![], Type::Int, false),
            _ => None,
        },
        Type::Bool => match name {
            "to_str" => sig(B::BoolToStr, vec![], Type::Str, false),
            _ => None,
        },
        Type::List(t) => {
            let t = (**t).clone();
            match name {
                "at" => sig(B::ListAt, vec![Type::Int], t, false),
                "push" => sig(B::ListPush, vec![t], Type::Int, true),
                "prepend" => sig(B::ListPrepend, vec![t], Type::Int, true),
                "set" => sig(B::ListSet, vec![Type::Int, t], Type::Bool, true),
                "size" => sig(B::ListSize, vec![], Type::Int, false),
                "sort" => sig(
                    B::ListSort,
                    vec![Type::func(vec![t.clone(), t], Type::Bool)],
                    Type::Void,
                    true,
                ),
                "swap" => sig(B::ListSwap, vec![Type::Int, Type::Int], Type::Void, true),
                _ => None,
            }
        }
        Type::Map(k, v) => {
            let (k, v) = ((**k).clone(), (**v).clone());
            match name {
                "get" => sig(B::MapGet, vec![k], Type::maybe(v), false),
                "set" => sig(B::MapSet, vec![k, v], Type::Bool, true),
                "drop" => sig(B::MapDrop, vec![k], Type::Void, true),
                "has" => sig(B::MapHas, vec![k], Type::Bool, false),
                "keys" => sig(B::MapKeys, vec![], Type::list(k), false),
                "size" => sig(B::MapSize, vec![], Type::Int, false),
                _ => None,
            }
        }
        Type::Maybe(t) => {
            let t = (**t).clone();
            match name {
                "expect" => sig(B::MaybeExpect, vec![Type::Str], t, false),
                "is_some" => sig(B::MaybeIsSome, vec![], Type::Bool, false),
                "is_none" => sig(B::MaybeIsNone, vec![], Type::Bool, false),
                "or" => sig(B::MaybeOr, vec![t.clone()], t, false),
                _ => None,
            }
        }
        Type::Result(t, _) => {
            let t = (**t).clone();
            match name {
                "expect" => sig(B::ResultExpect, vec![Type::Str], t, false),
                "or" => sig(B::ResultOr, vec![t.clone()], t, false),
                "is_ok" => sig(B::ResultIsOk, vec![], Type::Bool, false),
                "is_err" => sig(B::ResultIsErr, vec![], Type::Bool, false),
                _ => None,
            }
        }
        _ => None,
    }
}

impl Checker<'_> {
    /// `target.name` without a call: a field, or a method as a value.
    pub(crate) fn check_member(
        &mut self,
        target: &ast::Expr,
        name: &ast::Ident,
        span: Span,
    ) -> Expr {
        let base = self.check_expr(target, None);
        let bt = self.resolve(&base.ty);
        match &bt {
            Type::Error => return self.error_expr(span),
            Type::Struct(s, args) => {
                let def = self.prog.strukt(*s);
                if let Some(index) = def.fields.iter().position(|(n, _)| *n == name.name) {
                    let ty = def.field_type(index, args);
                    return Expr {
                        kind: ExprKind::Field {
                            base: Box::new(base),
                            strukt: *s,
                            index,
                        },
                        ty,
                        span,
                    };
                }
            }
            _ => {}
        }
        if let Some(owner) = owner_of(&bt)
            && let Some(&f) = self.methods.get(&(owner, name.name.clone()))
        {
            self.check_method_access(f, name);
            let func = self.prog.func(f).clone();
            if func.generics.len() > receiver_args(&bt).len() {
                self.err(
                    name.span,
                    format!(
                        "the generic method `{}` cannot be used as a value",
                        name.name
                    ),
                    "call it instead, or wrap the call in a closure",
                );
                return self.error_expr(span);
            }
            let ty = subst_params(&func.fn_type(), &func.generics, receiver_args(&bt));
            return Expr {
                kind: ExprKind::MethodValue {
                    func: f,
                    recv: Box::new(base),
                },
                ty,
                span,
            };
        }
        if let Some(sig) = builtin_method(&bt, &name.name) {
            return self.builtin_value(base, sig, span);
        }
        if self.trait_method(&bt, &name.name).is_some() {
            self.err(
                name.span,
                format!("`{}` is a method: call it with `()`", name.name),
                "methods of trait values cannot be used as values",
            );
            return self.error_expr(span);
        }
        self.unknown_member(&bt, name);
        self.error_expr(span)
    }

    /// `xs.size` without a call: a function value (types.md §15). Desugared
    /// to `{ let recv = xs; fn(args) { recv.size(args) } }`.
    fn builtin_value(&mut self, base: Expr, sig: BuiltinSig, span: Span) -> Expr {
        if sig.mutating {
            self.err(
                span,
                "a mutating method cannot be used as a value",
                "call it directly instead",
            );
            return self.error_expr(span);
        }
        let recv_ty = base.ty.clone();
        let recv = self.declare_local("ard_recv", recv_ty.clone(), false);
        let mut params = Vec::new();
        let mut args = Vec::new();
        for (i, t) in sig.params.iter().enumerate() {
            let l = self.declare_local(&format!("a{i}"), t.clone(), false);
            params.push(Param {
                local: l,
                name: format!("a{i}"),
                ty: t.clone(),
                mutable: false,
            });
            args.push(Expr {
                kind: ExprKind::Local(l),
                ty: t.clone(),
                span,
            });
        }
        let call = Expr {
            kind: ExprKind::Builtin {
                op: sig.op,
                recv: Box::new(Expr {
                    kind: ExprKind::Local(recv),
                    ty: recv_ty,
                    span,
                }),
                args,
            },
            ty: sig.ret.clone(),
            span,
        };
        let fn_ty = Type::func(sig.params.clone(), sig.ret.clone());
        let closure = Expr {
            kind: ExprKind::Closure(Box::new(Closure {
                params,
                ret: sig.ret,
                body: Block {
                    stmts: Vec::new(),
                    tail: Some(Box::new(call)),
                },
            })),
            ty: fn_ty.clone(),
            span,
        };
        Expr {
            kind: ExprKind::Block(Block {
                stmts: vec![Stmt {
                    kind: StmtKind::Let {
                        local: recv,
                        value: base,
                    },
                    span,
                }],
                tail: Some(Box::new(closure)),
            }),
            ty: fn_ty,
            span,
        }
    }

    /// A `private fn` method may be used only inside its own module (L11).
    pub(crate) fn check_method_access(&mut self, f: FnId, name: &ast::Ident) {
        if !self.private_methods.contains(&f) {
            return;
        }
        let func = self.prog.func(f);
        if func.module == self.cx.module {
            return;
        }
        let owner = match &func.kind {
            FnKind::Method { owner, .. } => {
                self.show(&super::decls::owner_type(&self.prog, *owner))
            }
            _ => String::new(),
        };
        let (decl, path) = (func.span, self.prog.module(func.module).path.clone());
        let d = self
            .error_at(
                name.span,
                format!(
                    "the method `{}` of `{owner}` is private to the module `{path}`",
                    name.name
                ),
            )
            .with_label("private method")
            .with_secondary(decl, "declared `private` here")
            .with_note("private methods can only be called from inside their own module");
        self.report(d);
    }

    pub(crate) fn unknown_member(&mut self, t: &Type, name: &ast::Ident) {
        let shown = self.show(t);
        self.err(
            name.span,
            format!("{shown} has no field or method `{}`", name.name),
            "unknown member",
        );
    }

    pub(crate) fn trait_method(&self, t: &Type, name: &str) -> Option<(TraitId, usize)> {
        if let Type::Trait(tr) = t {
            let def = self.prog.trait_(*tr);
            return def
                .methods
                .iter()
                .position(|m| m.name == name)
                .map(|i| (*tr, i));
        }
        None
    }
}

/// The type arguments of a receiver (those of a generic struct).
pub(crate) fn receiver_args(t: &Type) -> &[Type] {
    match t {
        Type::Struct(_, args) => args,
        _ => &[],
    }
}

pub(crate) fn owner_of(t: &Type) -> Option<Owner> {
    match t {
        Type::Struct(s, _) => Some(Owner::Struct(*s)),
        Type::Enum(e) => Some(Owner::Enum(*e)),
        _ => None,
    }
}

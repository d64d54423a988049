//! Calls: plain, method, static and module calls; named arguments; `mut`
//! arguments; generic inference; the built-in constructors (`Result::ok`,
//! `maybe::some`, ...), `panic` and `async::start`.

use super::Checker;
use super::expr::subst_generics;
use super::members::{builtin_method, owner_of, receiver_args};
use super::scope::{ImportSym, ValueSym};
use super::stmt::{is_fresh, needs_copy};
use crate::source::Span;
use crate::syntax::ast;
use crate::tir::*;

#[derive(Clone, Debug)]
pub(crate) struct ParamSpec {
    pub name: String,
    pub ty: Type,
    pub mutable: bool,
}

/// Parameters known only by type (function values, trait and built-in
/// methods): positional, never `mut`.
fn unnamed_params(types: &[Type]) -> Vec<ParamSpec> {
    types
        .iter()
        .enumerate()
        .map(|(i, t)| ParamSpec {
            name: format!("#{i}"),
            ty: t.clone(),
            mutable: false,
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum CallForm {
    /// `f(x)`: an immutable argument for a `mut` parameter is an error.
    Plain,
    /// `v.m(x)`: an immutable argument for a `mut` parameter is copied.
    Method,
}

impl Checker<'_> {
    pub(crate) fn check_call(
        &mut self,
        callee: &ast::Expr,
        type_args: &[ast::TypeExpr],
        args: &[ast::Arg],
        span: Span,
        expected: Option<&Type>,
    ) -> Expr {
        match &callee.kind {
            ast::ExprKind::Name(name) => {
                self.check_named_call(name, callee.span, type_args, args, span, expected)
            }
            ast::ExprKind::Member { target, name } => {
                self.check_method_call(target, name, type_args, args, span)
            }
            ast::ExprKind::Path(path) => {
                self.check_path_call(path, type_args, args, span, expected)
            }
            ast::ExprKind::Paren(inner) => self.check_call(inner, type_args, args, span, expected),
            _ => {
                let c = self.check_expr(callee, None);
                self.call_value(c, args, span)
            }
        }
    }

    fn check_named_call(
        &mut self,
        name: &str,
        name_span: Span,
        type_args: &[ast::TypeExpr],
        args: &[ast::Arg],
        span: Span,
        expected: Option<&Type>,
    ) -> Expr {
        if let Some(l) = self.lookup_local(name) {
            let c = Expr {
                kind: ExprKind::Local(l),
                ty: self.local(l).ty.clone(),
                span: name_span,
            };
            self.check_fiber_capture(l, name, name_span);
            return self.call_value(c, args, span);
        }
        let m = self.cx.module;
        match self.scopes[m.0 as usize].values.get(name).copied() {
            Some(ValueSym::Fn(f)) => self.direct_call(f, type_args, args, span, expected),
            Some(ValueSym::Global(g)) => {
                self.check_global_use(g, name, name_span);
                let c = Expr {
                    kind: ExprKind::Global(g),
                    ty: self.prog.global(g).ty.clone(),
                    span: name_span,
                };
                self.call_value(c, args, span)
            }
            None if name == "panic" => self.check_panic(args, span),
            None => {
                let mut d = self
                    .error_at(name_span, format!("undefined function `{name}`"))
                    .with_label("not found in this scope");
                if matches!(name, "print" | "read_line") {
                    d = d.with_note(format!(
                        "`{name}` lives in `ard/io`: add `use ard/io` and call `io::{name}(...)`"
                    ));
                }
                self.report(d);
                for a in args {
                    self.check_expr(&a.value, None);
                }
                self.error_expr(span)
            }
        }
    }

    fn check_panic(&mut self, args: &[ast::Arg], span: Span) -> Expr {
        if args.len() != 1 {
            self.err(
                span,
                "`panic` takes exactly one argument: the message",
                "wrong number of arguments",
            );
            for a in args {
                self.check_expr(&a.value, None);
            }
            return self.error_expr(span);
        }
        let msg = self.check_expr(&args[0].value, Some(&Type::Str));
        let msg = self.coerce(msg, &Type::Str);
        Expr {
            kind: ExprKind::Panic(Box::new(msg)),
            ty: Type::Void,
            span,
        }
    }

    /// Call of a function-typed value.
    fn call_value(&mut self, callee: Expr, args: &[ast::Arg], span: Span) -> Expr {
        let t = self.resolve(&callee.ty);
        let Type::Fn(ft) = t else {
            if !t.is_error() {
                let shown = self.show(&t);
                self.err(
                    callee.span,
                    format!("this is a {shown}, not a function"),
                    "cannot be called",
                );
            }
            for a in args {
                self.check_expr(&a.value, None);
            }
            return self.error_expr(span);
        };
        let params = unnamed_params(&ft.params);
        let args = self.check_args(&params, args, span, CallForm::Plain, false);
        Expr {
            kind: ExprKind::CallValue {
                callee: Box::new(callee),
                args,
            },
            ty: ft.ret.clone(),
            span,
        }
    }

    /// Instantiate a function's generics with fresh variables (or the
    /// explicit type arguments) and return (type args, params, ret).
    fn instantiate(
        &mut self,
        f: FnId,
        type_args: &[ast::TypeExpr],
        span: Span,
    ) -> (Vec<Type>, Vec<ParamSpec>, Type) {
        self.instantiate_with(f, &[], type_args, span)
    }

    /// `instantiate` where the first generics are already known: the type
    /// arguments of a generic struct receiver. Written type arguments are
    /// the method's own.
    fn instantiate_with(
        &mut self,
        f: FnId,
        known: &[Type],
        type_args: &[ast::TypeExpr],
        span: Span,
    ) -> (Vec<Type>, Vec<ParamSpec>, Type) {
        let func = self.prog.func(f).clone();
        let own = func.generics.len().saturating_sub(known.len());
        let mut targs: Vec<Type> = known.to_vec();
        targs.extend((0..own).map(|_| self.fresh_var()));
        if !type_args.is_empty() {
            if type_args.len() != own {
                self.err(
                    span,
                    format!(
                        "`{}` takes {own} type argument(s), got {}",
                        func.name,
                        type_args.len()
                    ),
                    "wrong number of type arguments",
                );
            } else {
                targs.truncate(known.len());
                targs.extend(type_args.iter().map(|t| self.resolve_type(t)));
            }
        }
        let params = func
            .params
            .iter()
            .map(|p| ParamSpec {
                name: p.name.clone(),
                ty: subst_generics(&p.ty, &func.generics, &targs),
                mutable: p.mutable,
            })
            .collect();
        let ret = subst_generics(&func.ret, &func.generics, &targs);
        (targs, params, ret)
    }

    fn direct_call(
        &mut self,
        f: FnId,
        type_args: &[ast::TypeExpr],
        args: &[ast::Arg],
        span: Span,
        expected: Option<&Type>,
    ) -> Expr {
        let (targs, params, ret) = self.instantiate(f, type_args, span);
        // Let the context fix generic results first (`let xs: [Int] = List::new()`).
        if let Some(e) = expected
            && *e != Type::Void
            && ret.has_vars()
        {
            let saved = self.vars.clone();
            if !self.unify(e, &ret) {
                self.vars = saved;
            }
        }
        let args = self.check_args(&params, args, span, CallForm::Plain, true);
        Expr {
            kind: ExprKind::Call {
                func: f,
                type_args: targs,
                args,
            },
            ty: ret,
            span,
        }
    }

    /// Check arguments against parameters: named arguments, arity, types,
    /// and the `mut` rules of types.md §7.3.
    pub(crate) fn check_args(
        &mut self,
        params: &[ParamSpec],
        args: &[ast::Arg],
        span: Span,
        form: CallForm,
        named_ok: bool,
    ) -> Vec<Expr> {
        let mut slots: Vec<Option<&ast::Arg>> = vec![None; params.len()];
        let mut extra = Vec::new();
        let mut positional = 0;
        let mut failed = false;
        for a in args {
            match &a.name {
                Some(n) if named_ok => match params.iter().position(|p| p.name == n.name) {
                    Some(i) if slots[i].is_some() => {
                        self.err(
                            n.span,
                            format!("the argument `{}` is given twice", n.name),
                            "duplicate argument",
                        );
                        failed = true;
                    }
                    Some(i) => slots[i] = Some(a),
                    None => {
                        self.err(
                            n.span,
                            format!("there is no parameter named `{}`", n.name),
                            "unknown parameter",
                        );
                        failed = true;
                    }
                },
                _ => {
                    if positional < params.len() {
                        slots[positional] = Some(a);
                    } else {
                        extra.push(a);
                    }
                    positional += 1;
                }
            }
        }
        if !extra.is_empty() || (!failed && slots.iter().any(Option::is_none)) {
            let given = args.len();
            let missing: Vec<String> = params
                .iter()
                .zip(&slots)
                .filter(|(_, s)| s.is_none())
                .map(|(p, _)| p.name.clone())
                .filter(|n| !n.starts_with('#'))
                .collect();
            let mut d = self
                .error_at(
                    span,
                    format!(
                        "this call expects {} argument(s), but {given} were given",
                        params.len()
                    ),
                )
                .with_label("wrong number of arguments");
            if !missing.is_empty() && extra.is_empty() {
                d = d.with_note(format!("missing: {}", missing.join(", ")));
            }
            self.report(d);
            failed = true;
        }
        let mut out = Vec::new();
        for (p, slot) in params.iter().zip(slots) {
            let Some(a) = slot else {
                out.push(self.error_expr(span));
                continue;
            };
            // A trait-typed parameter takes any implementer: infer the
            // argument's own type, then convert the whole value once.
            let branches = matches!(
                a.value.unparen().kind,
                ast::ExprKind::If { .. } | ast::ExprKind::Match { .. } | ast::ExprKind::Block(_)
            );
            let hint = match self.resolve(&p.ty) {
                // Branches of different implementers meet at the trait.
                // (Printing takes the branches' own common type, usually Str.)
                Type::Trait(t) if !branches || Some(t) == self.to_string => None,
                _ => Some(p.ty.clone()),
            };
            let v = self.check_expr(&a.value, hint.as_ref());
            let v = self.coerce(v, &p.ty);
            out.push(self.mut_argument(p, a, v, form));
        }
        for a in extra {
            self.check_expr(&a.value, None);
        }
        if failed {
            out.clear();
        }
        out
    }

    fn mut_argument(&mut self, p: &ParamSpec, a: &ast::Arg, v: Expr, form: CallForm) -> Expr {
        let ty = self.resolve(&v.ty);
        let copy = |v: Expr| {
            // `mut x` always gives the callee its own copy, also of an Int.
            if !is_fresh(&v) {
                let span = v.span;
                Expr {
                    kind: ExprKind::Copy(Box::new(v)),
                    ty: ty.clone(),
                    span,
                }
            } else {
                v
            }
        };
        if a.mutable {
            return copy(v);
        }
        if !p.mutable || self.is_mutable(&v) || ty.is_error() {
            return v;
        }
        match form {
            // A method call copies an immutable argument itself.
            CallForm::Method if is_fresh(&v) || !needs_copy(&ty) => v,
            CallForm::Method => copy(v),
            // A plain call takes only a mutable argument or `mut e`, for
            // every type (types.md §7.3, decision L12).
            CallForm::Plain => {
                self.immutable_argument(p, a, &ty);
                v
            }
        }
    }

    fn immutable_argument(&mut self, p: &ParamSpec, a: &ast::Arg, ty: &Type) {
        let shown = self.show(ty);
        let param = &p.name;
        let note = match &a.value.unparen().kind {
            ast::ExprKind::Name(n) => format!(
                "pass `mut {n}` to give the function its own copy, or declare `{n}` with `mut` (`mut {n} = ...`) to let it change `{n}`"
            ),
            _ => "write `mut` before the argument to give the function its own copy".to_string(),
        };
        let d = self
            .error_at(
                a.value.span,
                format!(
                    "type mismatch: `{param}` is a `mut` parameter and expects a mutable {shown}"
                ),
            )
            .with_label("this value is not mutable")
            .with_note(note);
        self.report(d);
    }

    fn check_method_call(
        &mut self,
        target: &ast::Expr,
        name: &ast::Ident,
        type_args: &[ast::TypeExpr],
        args: &[ast::Arg],
        span: Span,
    ) -> Expr {
        let recv = self.check_expr(target, None);
        let rt = self.resolve(&recv.ty);
        if rt.is_error() {
            for a in args {
                self.check_expr(&a.value, None);
            }
            return self.error_expr(span);
        }
        // A struct field holding a function.
        if let Type::Struct(s, targs) = &rt
            && let Some(index) = self
                .prog
                .strukt(*s)
                .fields
                .iter()
                .position(|(n, _)| *n == name.name)
        {
            let fty = self.prog.strukt(*s).field_type(index, targs);
            let field = Expr {
                kind: ExprKind::Field {
                    base: Box::new(recv),
                    strukt: *s,
                    index,
                },
                ty: fty,
                span: name.span,
            };
            return self.call_value(field, args, span);
        }
        if let Some(owner) = owner_of(&rt)
            && let Some(&f) = self.methods.get(&(owner, name.name.clone()))
        {
            self.check_method_access(f, name);
            if let FnKind::Method { mutating: true, .. } = self.prog.func(f).kind
                && !self.is_mutable(&recv)
            {
                self.immutable_receiver(&recv, target, name);
            }
            let own = receiver_args(&rt).to_vec();
            let (targs, params, ret) = self.instantiate_with(f, &own, type_args, span);
            let args = self.check_args(&params, args, span, CallForm::Method, true);
            return Expr {
                kind: ExprKind::MethodCall {
                    func: f,
                    type_args: targs,
                    recv: Box::new(recv),
                    args,
                },
                ty: ret,
                span,
            };
        }
        if let Some((tr, index)) = self.trait_method(&rt, &name.name) {
            let sig = self.prog.trait_(tr).methods[index].clone();
            let params = unnamed_params(&sig.params);
            let args = self.check_args(&params, args, span, CallForm::Method, false);
            return Expr {
                kind: ExprKind::TraitCall {
                    recv: Box::new(recv),
                    trait_: tr,
                    method: index,
                    args,
                },
                ty: sig.ret,
                span,
            };
        }
        if let Some(sig) = builtin_method(&rt, &name.name) {
            if sig.mutating && !self.is_mutable(&recv) {
                self.immutable_receiver(&recv, target, name);
            }
            let params = unnamed_params(&sig.params);
            let args = self.check_args(&params, args, span, CallForm::Method, false);
            return Expr {
                kind: ExprKind::Builtin {
                    op: sig.op,
                    recv: Box::new(recv),
                    args,
                },
                ty: sig.ret,
                span,
            };
        }
        self.unknown_member(&rt, name);
        for a in args {
            self.check_expr(&a.value, None);
        }
        self.error_expr(span)
    }

    fn immutable_receiver(&mut self, recv: &Expr, target: &ast::Expr, name: &ast::Ident) {
        let what = match &target.kind {
            ast::ExprKind::Name(n) => format!("`{n}`"),
            ast::ExprKind::SelfRef => "`@`".to_string(),
            _ => "this value".to_string(),
        };
        let mut d = self
            .error_at(
                recv.span,
                format!(
                    "cannot mutate {what} with `.{}()`: it is not mutable",
                    name.name
                ),
            )
            .with_label("not mutable");
        d = if matches!(target.kind, ast::ExprKind::SelfRef) {
            d.with_note("declare the method with `fn mut` to change `@`")
        } else {
            d.with_note("declare the variable with `mut` to change it")
        };
        self.report(d);
    }

    fn check_path_call(
        &mut self,
        path: &[ast::Ident],
        type_args: &[ast::TypeExpr],
        args: &[ast::Arg],
        span: Span,
        expected: Option<&Type>,
    ) -> Expr {
        let m = self.cx.module;
        let names: Vec<&str> = path.iter().map(|p| p.name.as_str()).collect();
        let full = names.join("::");
        if let Some(&f) = self.scopes[m.0 as usize].statics.get(&full) {
            return self.direct_call(f, type_args, args, span, expected);
        }
        let first = names[0];
        let Some(last) = path.last() else {
            return self.error_expr(span);
        };
        match self.scopes[m.0 as usize].imports.get(first).copied() {
            Some(ImportSym::Maybe) if names.len() == 2 => {
                let hint = self.ctor_hint(type_args, 1, span, |t| Type::maybe(t[0].clone()));
                self.maybe_ctor(last, args, span, hint.as_ref().or(expected))
            }
            Some(ImportSym::Result) if names.len() == 2 => {
                let hint = self.ctor_hint(type_args, 2, span, |t| {
                    Type::result(t[0].clone(), t[1].clone())
                });
                self.result_ctor(last, args, span, hint.as_ref().or(expected))
            }
            Some(ImportSym::Module(target)) => {
                if self.prog.module(target).path == "ard/async"
                    && names.len() == 2
                    && last.name == "start"
                {
                    return self.check_start(args, span);
                }
                let found = if names.len() == 2 {
                    match self.scopes[target.0 as usize]
                        .values
                        .get(&last.name)
                        .copied()
                    {
                        Some(ValueSym::Fn(f)) => Some(f),
                        Some(ValueSym::Global(g)) => {
                            let c = Expr {
                                kind: ExprKind::Global(g),
                                ty: self.prog.global(g).ty.clone(),
                                span,
                            };
                            return self.call_value(c, args, span);
                        }
                        None => None,
                    }
                } else {
                    if target != m
                        && self.scopes[target.0 as usize]
                            .private_types
                            .contains(names[1])
                    {
                        self.err(
                            path[1].span,
                            format!("`{}` is private to its module", names[1]),
                            "not exported",
                        );
                    }
                    let inner = names[1..].join("::");
                    self.scopes[target.0 as usize].statics.get(&inner).copied()
                };
                match found {
                    Some(f) => {
                        if target != m
                            && self.scopes[target.0 as usize]
                                .private_values
                                .contains(&last.name)
                        {
                            self.err(
                                last.span,
                                format!("`{}` is private to its module", last.name),
                                "not exported",
                            );
                        }
                        self.direct_call(f, type_args, args, span, expected)
                    }
                    None => {
                        let mp = self.prog.module(target).path.clone();
                        self.err(
                            last.span,
                            format!("`{mp}` has no function `{}`", names[1..].join("::")),
                            "not found",
                        );
                        for a in args {
                            self.check_expr(&a.value, None);
                        }
                        self.error_expr(span)
                    }
                }
            }
            _ => {
                let mut d = self
                    .error_at(span, format!("undefined function `{full}`"))
                    .with_label("not found");
                if first == "maybe" {
                    d = d.with_note("add `use ard/maybe` to use `maybe::some` and `maybe::none`");
                } else if first.chars().next().is_some_and(|c| c.is_lowercase()) {
                    d = d.with_note(format!("is `{first}` a module you forgot to `use`?"));
                }
                self.report(d);
                for a in args {
                    self.check_expr(&a.value, None);
                }
                self.error_expr(span)
            }
        }
    }

    /// `maybe::none<Int>()`, `Result::ok<Int, Str>(1)`: the written type
    /// arguments as the expected type.
    fn ctor_hint(
        &mut self,
        type_args: &[ast::TypeExpr],
        want: usize,
        span: Span,
        make: impl FnOnce(&[Type]) -> Type,
    ) -> Option<Type> {
        if type_args.is_empty() {
            return None;
        }
        if type_args.len() != want {
            self.err(
                span,
                format!("expected {want} type argument(s), got {}", type_args.len()),
                "wrong number of type arguments",
            );
            return None;
        }
        let ts: Vec<Type> = type_args.iter().map(|t| self.resolve_type(t)).collect();
        Some(make(&ts))
    }

    fn one_arg(&mut self, name: &ast::Ident, args: &[ast::Arg], span: Span, want: usize) -> bool {
        if args.len() != want {
            self.err(
                span,
                format!(
                    "`{}` takes {want} argument(s), got {}",
                    name.name,
                    args.len()
                ),
                "wrong number of arguments",
            );
            for a in args {
                self.check_expr(&a.value, None);
            }
            return false;
        }
        true
    }

    fn maybe_ctor(
        &mut self,
        name: &ast::Ident,
        args: &[ast::Arg],
        span: Span,
        expected: Option<&Type>,
    ) -> Expr {
        let inner = match expected.map(|t| self.resolve(t)) {
            Some(Type::Maybe(t)) => Some(*t),
            _ => None,
        };
        match name.name.as_str() {
            "some" => {
                if !self.one_arg(name, args, span, 1) {
                    return self.error_expr(span);
                }
                let v = self.check_expr(&args[0].value, inner.as_ref());
                let v = match &inner {
                    Some(t) => self.coerce(v, t),
                    None => v,
                };
                let ty = Type::maybe(inner.unwrap_or_else(|| v.ty.clone()));
                Expr {
                    kind: ExprKind::Some(Box::new(v)),
                    ty,
                    span,
                }
            }
            "none" => {
                if !self.one_arg(name, args, span, 0) {
                    return self.error_expr(span);
                }
                if let Some(exp) = expected.map(|t| self.resolve(t))
                    && cannot_hold_none(&exp)
                {
                    let shown = self.show(&exp);
                    self.err(
                        span,
                        format!("type mismatch: expected {shown}, found a Maybe (`maybe::none()`)"),
                        format!("expected {shown} here"),
                    );
                    return self.error_expr(span);
                }
                // Where nothing fixes its type, a none is a Void Maybe
                // (decision L10): the variable is left to `zonk`.
                let t = inner.unwrap_or_else(|| self.fresh_var());
                Expr {
                    kind: ExprKind::None,
                    ty: Type::maybe(t),
                    span,
                }
            }
            other => {
                self.err(
                    name.span,
                    format!("`ard/maybe` has no function `{other}`"),
                    "expected `some` or `none`",
                );
                self.error_expr(span)
            }
        }
    }

    fn result_ctor(
        &mut self,
        name: &ast::Ident,
        args: &[ast::Arg],
        span: Span,
        expected: Option<&Type>,
    ) -> Expr {
        let (vt, et) = match expected.map(|t| self.resolve(t)) {
            Some(Type::Result(v, e)) => (*v, *e),
            _ => (self.fresh_var(), self.fresh_var()),
        };
        let ok = match name.name.as_str() {
            "ok" => true,
            "err" => false,
            other => {
                self.err(
                    name.span,
                    format!("`Result` has no function `{other}`"),
                    "expected `ok` or `err`",
                );
                return self.error_expr(span);
            }
        };
        if !self.one_arg(name, args, span, 1) {
            return self.error_expr(span);
        }
        let want = if ok { vt.clone() } else { et.clone() };
        let v = self.check_expr(&args[0].value, Some(&want));
        let v = self.coerce(v, &want);
        let kind = if ok {
            ExprKind::Ok(Box::new(v))
        } else {
            ExprKind::Err(Box::new(v))
        };
        Expr {
            kind,
            ty: Type::result(vt, et),
            span,
        }
    }

    /// `async::start(body)`: the body is a closure literal or a top-level
    /// function of type `fn() Void` (decision F2); it may not capture
    /// anything (F1).
    fn check_start(&mut self, args: &[ast::Arg], span: Span) -> Expr {
        let fiber_ty = self.fiber_type();
        if args.len() != 1 {
            self.err(
                span,
                "`async::start` takes one function",
                "wrong number of arguments",
            );
            return self.error_expr(span);
        }
        let arg = &args[0].value;
        let body = match &arg.kind {
            ast::ExprKind::Fn(_) => {
                self.cx.fibers.push(super::body::FiberBoundary {
                    first_local: self.cx.locals.len() as u32,
                    start_span: span,
                });
                let saved_generics = std::mem::take(&mut self.cx.generics);
                let want = Type::func(vec![], Type::Void);
                let body = self.check_expr(arg, Some(&want));
                if !body.ty.is_error() && !self.unify(&body.ty, &want) {
                    let shown = self.show(&body.ty);
                    self.err(
                        arg.span,
                        format!("a fiber runs a `fn() Void`, got {shown}"),
                        "wrong function type",
                    );
                }
                self.cx.generics = saved_generics;
                self.cx.fibers.pop();
                body
            }
            ast::ExprKind::Name(n) if self.lookup_local(n).is_some() => {
                let d = self
                    .error_at(arg.span, format!("a fiber cannot start the local variable `{n}`"))
                    .with_label("a local variable")
                    .with_secondary(span, "the fiber is started here")
                    .with_note("pass a function literal `fn() { ... }` or a top-level function of type `fn() Void`");
                self.report(d);
                return self.error_expr(span);
            }
            ast::ExprKind::Name(_) | ast::ExprKind::Path(_) => {
                let f = self.check_expr(arg, None);
                if !matches!(f.kind, ExprKind::FnValue { .. }) {
                    if !f.ty.is_error() {
                        self.err(
                            arg.span,
                            "`async::start` needs a function",
                            "pass a function literal or a top-level function of type `fn() Void`",
                        );
                    }
                    return self.error_expr(span);
                }
                let want = Type::func(vec![], Type::Void);
                if !self.unify(&f.ty, &want) {
                    let shown = self.show(&f.ty);
                    self.err(
                        arg.span,
                        format!("a fiber runs a `fn() Void`, got {shown}"),
                        "wrong function type",
                    );
                    return self.error_expr(span);
                }
                f
            }
            _ => {
                self.check_expr(arg, None);
                self.err(
                    arg.span,
                    "`async::start` needs a function literal or a top-level function",
                    "pass `fn() { ... }` or the name of a top-level `fn() Void`",
                );
                return self.error_expr(span);
            }
        };
        Expr {
            kind: ExprKind::StartFiber(Box::new(body)),
            ty: fiber_ty,
            span,
        }
    }

    /// The `Fiber` struct of `ard/async`.
    fn fiber_type(&self) -> Type {
        for (i, m) in self.prog.modules.iter().enumerate() {
            if m.path == "ard/async"
                && let Some(super::scope::TypeSym::Struct(s)) = self.scopes[i].types.get("Fiber")
            {
                return Type::plain_struct(*s);
            }
        }
        Type::Error
    }
}

/// A type that is certainly not a Maybe and cannot take one by conversion
/// (a union may have a Maybe member; a variable or a generic parameter may
/// still become one).
fn cannot_hold_none(t: &Type) -> bool {
    matches!(
        t,
        Type::Int
            | Type::Float
            | Type::Str
            | Type::Bool
            | Type::Struct(..)
            | Type::Enum(_)
            | Type::List(_)
            | Type::Map(..)
            | Type::Result(..)
            | Type::Fn(_)
    )
}

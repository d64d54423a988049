//! Expressions. `check_expr(e, expected)` returns a typed expression; the
//! caller coerces it to `expected` where a value of that type is required.
//! `expected = Some(Void)` marks statement context (the value is unused).

use super::Checker;
use super::agree::Arms;
use super::scope::{ImportSym, ValueSym};
use crate::source::Span;
use crate::syntax::ast;
use crate::tir::*;

impl Checker<'_> {
    pub(crate) fn check_expr(&mut self, e: &ast::Expr, expected: Option<&Type>) -> Expr {
        let span = e.span;
        let mk = |kind, ty| Expr { kind, ty, span };
        match &e.kind {
            ast::ExprKind::Int(text) => match text.parse::<i64>() {
                Ok(v) => mk(ExprKind::Int(v), Type::Int),
                Err(_) => {
                    self.err(
                        span,
                        format!("integer literal `{text}` is too large"),
                        "Int is a signed 64-bit integer",
                    );
                    self.error_expr(span)
                }
            },
            ast::ExprKind::Float(text) => match text.parse::<f64>() {
                Ok(v) if v.is_finite() => mk(ExprKind::Float(v), Type::Float),
                _ => {
                    self.err(
                        span,
                        format!("invalid float literal `{text}`"),
                        "not a finite 64-bit float",
                    );
                    self.error_expr(span)
                }
            },
            ast::ExprKind::Str(parts) => self.check_str(parts, span),
            ast::ExprKind::Bool(b) => mk(ExprKind::Bool(*b), Type::Bool),
            ast::ExprKind::Void => mk(ExprKind::Void, Type::Void),
            ast::ExprKind::Name(name) => self.check_name(name, span),
            ast::ExprKind::SelfRef => match self.cx.receiver.clone() {
                Some((l, ty, _)) => {
                    self.check_fiber_capture(l, "@", span);
                    mk(ExprKind::Local(l), ty)
                }
                None => {
                    self.err(
                        span,
                        "`@` can only be used inside a method",
                        "there is no receiver here",
                    );
                    self.error_expr(span)
                }
            },
            ast::ExprKind::Path(path) => self.check_path_value(path, span, expected),
            ast::ExprKind::List(items) => self.check_list(items, span, expected),
            ast::ExprKind::Map(entries) => self.check_map(entries, span, expected),
            ast::ExprKind::Unary { op, expr } => self.check_unary(*op, expr, span),
            ast::ExprKind::Binary { op, lhs, rhs } => self.check_binary(*op, lhs, rhs, span),
            ast::ExprKind::Range { .. } => {
                self.err(
                    span,
                    "a range can only be used in a `for` loop or as a match pattern",
                    "not a value",
                );
                self.error_expr(span)
            }
            ast::ExprKind::Member { target, name } => self.check_member(target, name, span),
            ast::ExprKind::Call {
                callee,
                type_args,
                args,
            } => self.check_call(callee, type_args, args, span, expected),
            ast::ExprKind::StructLit { path, fields } => {
                self.check_struct_lit(path, fields, span, expected)
            }
            ast::ExprKind::Fn(lit) => self.check_fn_lit(lit, span, expected),
            ast::ExprKind::If {
                branches,
                otherwise,
            } => self.check_if(branches, otherwise.as_ref(), span, expected),
            ast::ExprKind::Match { subject, arms } => {
                self.check_match(subject.as_deref(), arms, span, expected)
            }
            ast::ExprKind::Try { expr, catch } => {
                self.check_try(expr, catch.as_deref(), span, expected)
            }
            ast::ExprKind::Block(b) => {
                let block = self.check_block(b, expected);
                let ty = match (&block.tail, expected) {
                    (Some(t), _) => t.ty.clone(),
                    (None, _) => Type::Void,
                };
                mk(ExprKind::Block(block), ty)
            }
            ast::ExprKind::Paren(inner) => self.check_expr(inner, expected),
        }
    }

    fn check_str(&mut self, parts: &[ast::StrPart], span: Span) -> Expr {
        let mut out = Vec::new();
        let mut plain = true;
        for p in parts {
            match p {
                ast::StrPart::Lit(s) => out.push(InterpPart::Lit(s.clone())),
                ast::StrPart::Interp(e) => {
                    plain = false;
                    let v = self.check_expr(e, None);
                    if !self.is_printable(&v.ty) {
                        let shown = self.show(&v.ty);
                        self.report(
                            self.error_at(v.span, format!("{shown} cannot be shown in a string"))
                                .with_label("this value does not implement Str::ToString")
                                .with_note("implement `Str::ToString` for the type, or convert the value to a Str first"),
                        );
                    }
                    out.push(InterpPart::Value(v));
                }
            }
        }
        if plain {
            let text: String = out
                .iter()
                .map(|p| match p {
                    InterpPart::Lit(s) => s.as_str(),
                    InterpPart::Value(_) => "",
                })
                .collect();
            return Expr {
                kind: ExprKind::Str(text),
                ty: Type::Str,
                span,
            };
        }
        Expr {
            kind: ExprKind::Interp(out),
            ty: Type::Str,
            span,
        }
    }

    pub(crate) fn error_at(&self, span: Span, msg: String) -> crate::diagnostic::Diagnostic {
        crate::diagnostic::Diagnostic::error(span, msg)
    }

    fn check_name(&mut self, name: &str, span: Span) -> Expr {
        if let Some(l) = self.lookup_local(name) {
            self.check_fiber_capture(l, name, span);
            return Expr {
                kind: ExprKind::Local(l),
                ty: self.local(l).ty.clone(),
                span,
            };
        }
        let m = self.cx.module;
        match self.scopes[m.0 as usize].values.get(name).copied() {
            Some(ValueSym::Global(g)) => {
                self.check_global_use(g, name, span);
                Expr {
                    kind: ExprKind::Global(g),
                    ty: self.prog.global(g).ty.clone(),
                    span,
                }
            }
            Some(ValueSym::Fn(f)) => self.fn_value(f, span),
            None => {
                let mut d = self
                    .error_at(span, format!("undefined variable `{name}`"))
                    .with_label("not found in this scope");
                if name == "return" {
                    d = d.with_note(
                        "Ard has no `return`: a function returns the value of its last expression",
                    );
                } else if let Some(s) = self.similar_name(name) {
                    d = d.with_note(format!("did you mean `{s}`?"));
                }
                self.report(d);
                self.error_expr(span)
            }
        }
    }

    /// A close spelling among the names in scope, for "did you mean".
    fn similar_name(&self, name: &str) -> Option<String> {
        let m = self.cx.module;
        let mut candidates: Vec<&str> = self
            .cx
            .scopes
            .iter()
            .flat_map(|s| s.keys().map(String::as_str))
            .collect();
        candidates.extend(self.scopes[m.0 as usize].values.keys().map(String::as_str));
        candidates
            .into_iter()
            .filter(|c| *c != name && edit_distance(c, name) <= 2 && c.len() > 1)
            .min_by_key(|c| edit_distance(c, name))
            .map(str::to_string)
    }

    /// A named function used as a value (generic functions get fresh
    /// variables that the context resolves).
    pub(crate) fn fn_value(&mut self, f: FnId, span: Span) -> Expr {
        let func = self.prog.func(f).clone();
        let type_args: Vec<Type> = func.generics.iter().map(|_| self.fresh_var()).collect();
        let ty = subst_generics(&func.fn_type(), &func.generics, &type_args);
        Expr {
            kind: ExprKind::FnValue { func: f, type_args },
            ty,
            span,
        }
    }

    /// Top-level variables must be declared before their first use
    /// (decision L7); a fiber may not use a top-level `mut` (F1).
    pub(crate) fn check_global_use(&mut self, g: GlobalId, name: &str, span: Span) {
        let global = self.prog.global(g).clone();
        if global.module == self.cx.module
            && global.span.start > span.start
            && global.span.file == span.file
        {
            let d = self
                .error_at(span, format!("`{name}` is used before its declaration"))
                .with_label("used here")
                .with_secondary(global.span, "declared here")
                .with_note("top-level variables must be declared before they are used");
            self.report(d);
        }
        if global.mutable
            && let Some(fiber) = self.cx.fibers.last().cloned()
        {
            let d = self
                .error_at(
                    span,
                    format!("a fiber cannot use the top-level variable `{name}`"),
                )
                .with_label("used inside the fiber here")
                .with_secondary(fiber.start_span, "the fiber is started here")
                .with_secondary(global.span, "declared with `mut` here")
                .with_note(
                    "every fiber runs as an independent program with its own copy of module state; \
                     read or change it through functions of the module instead",
                );
            self.report(d);
        }
    }

    /// A local declared outside the innermost fiber cannot be used inside it.
    pub(crate) fn check_fiber_capture(&mut self, l: LocalId, name: &str, span: Span) {
        let Some(fiber) = self.cx.fibers.last().cloned() else {
            return;
        };
        if l.0 >= fiber.first_local {
            return;
        }
        let what = if name == "@" {
            "`@`".to_string()
        } else {
            format!("the variable `{name}`")
        };
        let d = self
            .error_at(span, format!("a fiber cannot capture {what}"))
            .with_label("captured here")
            .with_secondary(fiber.start_span, "the fiber is started here")
            .with_note(
                "a fiber runs as an independent program: it cannot use variables of the code that \
                 started it. Compute the value inside the fiber, or get it from a module function",
            );
        self.report(d);
    }

    fn check_path_value(
        &mut self,
        path: &[ast::Ident],
        span: Span,
        _expected: Option<&Type>,
    ) -> Expr {
        let m = self.cx.module;
        let names: Vec<&str> = path.iter().map(|p| p.name.as_str()).collect();
        // Enum::variant (local)
        if names.len() == 2
            && let Some(e) = self.local_enum(m, names[0])
        {
            return self.variant(e, &path[1], span);
        }
        let first = names.first().copied().unwrap_or_default();
        match self.scopes[m.0 as usize].imports.get(first).copied() {
            Some(ImportSym::Module(target)) if names.len() == 2 => {
                let member = &path[1];
                if target != m
                    && self.scopes[target.0 as usize]
                        .private_values
                        .contains(&member.name)
                {
                    self.err(
                        member.span,
                        format!("`{}` is private to its module", member.name),
                        "not exported",
                    );
                    return self.error_expr(span);
                }
                match self.scopes[target.0 as usize]
                    .values
                    .get(&member.name)
                    .copied()
                {
                    Some(ValueSym::Fn(f)) => self.fn_value(f, span),
                    Some(ValueSym::Global(g)) => Expr {
                        kind: ExprKind::Global(g),
                        ty: self.prog.global(g).ty.clone(),
                        span,
                    },
                    None => {
                        let mp = self.prog.module(target).path.clone();
                        self.err(
                            member.span,
                            format!("`{mp}` has no member `{}`", member.name),
                            "not found",
                        );
                        self.error_expr(span)
                    }
                }
            }
            Some(ImportSym::Module(target)) if names.len() == 3 => {
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
                    return self.error_expr(span);
                }
                if let Some(e) = self.local_enum(target, names[1]) {
                    return self.variant(e, &path[2], span);
                }
                self.err(
                    span,
                    format!("undefined `{}`", names.join("::")),
                    "not found",
                );
                self.error_expr(span)
            }
            Some(ImportSym::Maybe | ImportSym::Result) => {
                self.err(
                    span,
                    format!("`{}` must be called", names.join("::")),
                    "the built-in constructors cannot be used as values",
                );
                self.error_expr(span)
            }
            _ => {
                let full = names.join("::");
                if self.scopes[m.0 as usize].statics.contains_key(&full) {
                    self.err(
                        span,
                        format!("the static function `{full}` must be called"),
                        "add `(...)`",
                    );
                } else {
                    self.err(span, format!("undefined `{full}`"), "not found");
                }
                self.error_expr(span)
            }
        }
    }

    pub(crate) fn local_enum(&self, m: ModuleId, name: &str) -> Option<EnumId> {
        match self.scopes[m.0 as usize].types.get(name) {
            Some(super::scope::TypeSym::Enum(e)) => Some(*e),
            _ => None,
        }
    }

    fn variant(&mut self, e: EnumId, name: &ast::Ident, span: Span) -> Expr {
        let def = self.prog.enm(e);
        match def.variants.iter().position(|v| *v == name.name) {
            Some(index) => Expr {
                kind: ExprKind::Variant { enm: e, index },
                ty: Type::Enum(e),
                span,
            },
            None => {
                let ename = def.name.clone();
                self.err(
                    name.span,
                    format!("`{ename}` has no variant `{}`", name.name),
                    "unknown variant",
                );
                self.error_expr(span)
            }
        }
    }

    fn check_list(&mut self, items: &[ast::Expr], span: Span, expected: Option<&Type>) -> Expr {
        let elem = match expected.map(|t| self.resolve(t)) {
            Some(Type::List(e)) => Some(*e),
            _ => None,
        };
        if items.is_empty() {
            let elem = match elem {
                Some(e) => e,
                None => {
                    let v = self.fresh_var();
                    self.must_infer.push((v.clone(), span, "this empty list"));
                    v
                }
            };
            return Expr {
                kind: ExprKind::List(Vec::new()),
                ty: Type::list(elem),
                span,
            };
        }
        let mut out = Vec::new();
        let mut elem_ty = elem;
        for item in items {
            let v = self.check_expr(item, elem_ty.as_ref());
            match &elem_ty {
                Some(t) => {
                    let t = t.clone();
                    match self.try_coerce(v, &t) {
                        Ok(v) => out.push(v),
                        Err(v) => {
                            let (a, b) = (self.show(&t), self.show(&v.ty));
                            self.err(
                                v.span,
                                format!("a list can only contain values of one type: expected {a}, got {b}"),
                                format!("this is {b}"),
                            );
                            out.push(v);
                        }
                    }
                }
                None => {
                    elem_ty = Some(v.ty.clone());
                    out.push(v);
                }
            }
        }
        Expr {
            kind: ExprKind::List(out),
            ty: Type::list(elem_ty.unwrap_or(Type::Error)),
            span,
        }
    }

    fn check_map(
        &mut self,
        entries: &[(ast::Expr, ast::Expr)],
        span: Span,
        expected: Option<&Type>,
    ) -> Expr {
        let (mut kt, mut vt) = match expected.map(|t| self.resolve(t)) {
            Some(Type::Map(k, v)) => (Some(*k), Some(*v)),
            _ => (None, None),
        };
        let mut out = Vec::new();
        for (k, v) in entries {
            let kx = self.check_expr(k, kt.as_ref());
            let kx = match &kt {
                Some(t) => {
                    let t = t.clone();
                    self.coerce(kx, &t)
                }
                None => {
                    kt = Some(kx.ty.clone());
                    kx
                }
            };
            let vx = self.check_expr(v, vt.as_ref());
            let vx = match &vt {
                Some(t) => {
                    let t = t.clone();
                    self.coerce(vx, &t)
                }
                None => {
                    vt = Some(vx.ty.clone());
                    vx
                }
            };
            out.push((kx, vx));
        }
        let k = kt.unwrap_or_else(|| self.fresh_var());
        let v = vt.unwrap_or_else(|| self.fresh_var());
        if entries.is_empty() {
            self.must_infer
                .push((Type::map(k.clone(), v.clone()), span, "this empty map"));
        }
        if matches!(self.resolve(&k), Type::Fn(_)) {
            self.err(
                span,
                "functions cannot be map keys",
                "this key type is not comparable",
            );
        }
        Expr {
            kind: ExprKind::Map(out),
            ty: Type::map(k, v),
            span,
        }
    }

    fn check_unary(&mut self, op: ast::UnaryOp, operand: &ast::Expr, span: Span) -> Expr {
        let (want, uop) = match op {
            ast::UnaryOp::Neg => (None, UnOp::Neg),
            ast::UnaryOp::Not => (Some(Type::Bool), UnOp::Not),
        };
        let v = self.check_expr(operand, want.as_ref());
        let t = self.resolve(&v.ty);
        let ok = match uop {
            UnOp::Neg => matches!(t, Type::Int | Type::Float | Type::Error),
            UnOp::Not => matches!(t, Type::Bool | Type::Error),
        };
        if !ok {
            let shown = self.show(&t);
            let msg = match uop {
                UnOp::Neg => format!("only numbers can be negated with `-`, got {shown}"),
                UnOp::Not => format!("only Bools can be negated with `not`, got {shown}"),
            };
            self.err(v.span, msg, format!("this is {shown}"));
        }
        Expr {
            kind: ExprKind::Unary {
                op: uop,
                operand: Box::new(v),
            },
            ty: t,
            span,
        }
    }

    fn check_binary(
        &mut self,
        op: ast::BinaryOp,
        lhs: &ast::Expr,
        rhs: &ast::Expr,
        span: Span,
    ) -> Expr {
        use ast::BinaryOp as B;
        let bop = match op {
            B::Add => BinOp::Add,
            B::Sub => BinOp::Sub,
            B::Mul => BinOp::Mul,
            B::Div => BinOp::Div,
            B::Rem => BinOp::Rem,
            B::Eq => BinOp::Eq,
            B::NotEq => BinOp::NotEq,
            B::Lt => BinOp::Lt,
            B::LtEq => BinOp::LtEq,
            B::Gt => BinOp::Gt,
            B::GtEq => BinOp::GtEq,
            B::And => BinOp::And,
            B::Or => BinOp::Or,
        };
        let logic = matches!(bop, BinOp::And | BinOp::Or);
        let l = self.check_expr(lhs, if logic { Some(&Type::Bool) } else { None });
        let lt = self.resolve(&l.ty);
        let r = self.check_expr(rhs, Some(&lt));
        let rt = self.resolve(&r.ty);
        let sym = op.symbol();
        let result_ty = |t: &Type| match bop {
            BinOp::Eq
            | BinOp::NotEq
            | BinOp::Lt
            | BinOp::LtEq
            | BinOp::Gt
            | BinOp::GtEq
            | BinOp::And
            | BinOp::Or => Type::Bool,
            _ => t.clone(),
        };
        if lt.is_error() || rt.is_error() {
            return Expr {
                kind: ExprKind::Binary {
                    op: bop,
                    lhs: Box::new(l),
                    rhs: Box::new(r),
                },
                ty: if matches!(
                    bop,
                    BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Rem
                ) {
                    Type::Error
                } else {
                    Type::Bool
                },
                span,
            };
        }
        let same = self.unify(&lt, &rt);
        let lt = self.resolve(&lt);
        let allowed = match bop {
            BinOp::Add => matches!(lt, Type::Int | Type::Float | Type::Str),
            BinOp::Sub | BinOp::Mul | BinOp::Div => matches!(lt, Type::Int | Type::Float),
            BinOp::Rem => matches!(lt, Type::Int),
            BinOp::Lt | BinOp::LtEq | BinOp::Gt | BinOp::GtEq => {
                matches!(lt, Type::Int | Type::Float | Type::Str)
            }
            BinOp::Eq | BinOp::NotEq => match &lt {
                Type::Int | Type::Float | Type::Str | Type::Bool | Type::Enum(_) => true,
                Type::Maybe(inner) => match self.resolve(inner) {
                    // An unconstrained none (L10): checked once the type is known.
                    inner @ Type::Var(_) => {
                        self.must_compare.push((inner, span, sym));
                        true
                    }
                    inner => is_comparable(&inner),
                },
                _ => false,
            },
            BinOp::And | BinOp::Or => matches!(lt, Type::Bool),
        };
        if !same {
            let (a, b) = (self.show(&lt), self.show(&rt));
            self.report(
                self.error_at(span, format!("`{sym}` needs two values of the same type, got {a} and {b}"))
                    .with_label(format!("{a} {sym} {b}"))
                    .with_note("Ard never converts between types implicitly (use `Float::from_int` or `.to_int()`)"),
            );
        } else if !allowed {
            let a = self.show(&lt);
            let what = match bop {
                BinOp::Add => "Int, Float or Str",
                BinOp::Sub | BinOp::Mul | BinOp::Div => "Int or Float",
                BinOp::Rem => "Int",
                BinOp::Lt | BinOp::LtEq | BinOp::Gt | BinOp::GtEq => "Int, Float or Str",
                BinOp::Eq | BinOp::NotEq => "Int, Float, Str, Bool, enum or Maybe values",
                BinOp::And | BinOp::Or => "Bool",
            };
            self.err(
                span,
                format!("`{sym}` cannot be used on {a}"),
                format!("`{sym}` works on {what}"),
            );
        }
        Expr {
            ty: result_ty(&lt),
            kind: ExprKind::Binary {
                op: bop,
                lhs: Box::new(l),
                rhs: Box::new(r),
            },
            span,
        }
    }

    fn check_struct_lit(
        &mut self,
        path: &[ast::Ident],
        fields: &[ast::FieldInit],
        span: Span,
        expected: Option<&Type>,
    ) -> Expr {
        let Some(last) = path.last() else {
            return self.error_expr(span);
        };
        let te = ast::TypeExpr {
            kind: ast::TypeExprKind::Named {
                path: path.to_vec(),
                args: Vec::new(),
            },
            span: path[0].span.to(last.span),
        };
        self.literal_head = true;
        let ty = self.resolve_type(&te);
        self.literal_head = false;
        let (s, targs) = match ty {
            Type::Struct(s, targs) => (s, targs),
            Type::Error => {
                for f in fields {
                    self.check_expr(&f.value, None);
                }
                return self.error_expr(span);
            }
            other => {
                let shown = self.show(&other);
                self.err(
                    te.span,
                    format!("`{shown}` is not a struct"),
                    "cannot build it with `{ ... }`",
                );
                return self.error_expr(span);
            }
        };
        let def = self.prog.strukt(s).clone();
        let ty = Type::Struct(s, targs.clone());
        // The type the context asks for, when it fixes the type arguments.
        let mut from_context = None;
        if !targs.is_empty() {
            // The context fixes the type arguments first (`let b: Box<Int?> =
            // Box{ value: maybe::none() }`); whatever it leaves open must be
            // inferred from the fields.
            if let Some(e) = expected
                && matches!(self.resolve(e), Type::Struct(x, _) if x == s)
                && self.unify(e, &ty)
            {
                from_context = Some(self.resolve(&ty));
            }
            for t in &targs {
                self.must_infer
                    .push((t.clone(), span, "this struct literal"));
            }
        }
        let mut values: Vec<Option<Expr>> = vec![None; def.fields.len()];
        for f in fields {
            match def.fields.iter().position(|(n, _)| *n == f.name.name) {
                Some(i) => {
                    let fty = def.field_type(i, &targs);
                    let before = self.diags.len();
                    let v = self.check_expr(&f.value, Some(&fty));
                    self.point_at_field(before, f, &fty);
                    let v = match (&from_context, &def.fields[i].1) {
                        // `let b: Box<Int> = Box{ value: "s" }`: name both
                        // instantiations, as for any other Box<Str> value.
                        (Some(want), Type::Param(p)) => match self.try_coerce(v, &fty) {
                            Ok(v) => v,
                            Err(v) => {
                                self.literal_mismatch(want, &def, p, &v);
                                v
                            }
                        },
                        _ => self.coerce(v, &fty),
                    };
                    if values[i].is_some() {
                        self.err(
                            f.name.span,
                            format!("the field `{}` is given twice", f.name.name),
                            "duplicate field",
                        );
                    }
                    values[i] = Some(v);
                }
                None => {
                    self.check_expr(&f.value, None);
                    self.err(
                        f.name.span,
                        format!("`{}` has no field `{}`", def.name, f.name.name),
                        "unknown field",
                    );
                }
            }
        }
        let mut missing = Vec::new();
        let mut out = Vec::new();
        for (i, v) in values.into_iter().enumerate() {
            match v {
                Some(v) => out.push(v),
                None => {
                    let name = &def.fields[i].0;
                    let fty = def.field_type(i, &targs);
                    if let Type::Maybe(_) = self.resolve(&fty) {
                        out.push(Expr {
                            kind: ExprKind::None,
                            ty: fty.clone(),
                            span,
                        });
                    } else {
                        missing.push(name.clone());
                        out.push(self.error_expr(span));
                    }
                }
            }
        }
        if !missing.is_empty() {
            let list = missing
                .iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(", ");
            self.err(
                span,
                format!("missing field(s) {list} in `{}`", def.name),
                "every field that is not a Maybe must be given",
            );
        }
        Expr {
            kind: ExprKind::StructLit {
                strukt: s,
                fields: out,
            },
            ty,
            span,
        }
    }

    /// A field of a generic struct literal does not fit the instantiation
    /// the context expects: report it as `expected Box<Int>, got Box<Str>`.
    fn literal_mismatch(&mut self, want: &Type, def: &StructDef, param: &str, v: &Expr) {
        let (Type::Struct(s, args), Some(i)) = (want, def.generics.iter().position(|g| g == param))
        else {
            return;
        };
        let mut got = args.clone();
        got[i] = self.resolve(&v.ty);
        let (want_shown, got_shown) = (self.show(want), self.show(&Type::Struct(*s, got)));
        let (value_shown, field_shown) = (self.show(&v.ty), self.show(&args[i]));
        let d = self
            .error_at(
                v.span,
                format!("type mismatch: expected {want_shown}, got {got_shown}"),
            )
            .with_label(format!("this is {value_shown}"))
            .with_note(format!(
                "the context expects {want_shown}, so this field must be {field_shown}"
            ));
        self.report(d);
    }

    fn check_fn_lit(&mut self, lit: &ast::FnLit, span: Span, expected: Option<&Type>) -> Expr {
        let exp_fn = match expected.map(|t| self.resolve(t)) {
            Some(Type::Fn(f)) if f.params.len() == lit.params.len() => Some(*f),
            _ => None,
        };
        let mut types = Vec::new();
        for (i, p) in lit.params.iter().enumerate() {
            types.push(match (&p.ty, &exp_fn) {
                (Some(t), _) => self.resolve_type(t),
                (None, Some(f)) => f.params[i].clone(),
                (None, None) => Type::Str,
            });
        }
        let ret = match (&lit.ret, &exp_fn) {
            (Some(t), _) => self.resolve_type(t),
            (None, Some(f)) if self.resolve(&f.ret) != Type::Void => {
                // An omitted return type means Void (syntax.md §6.9); the
                // expected type only fills parameters.
                Type::Void
            }
            _ => Type::Void,
        };
        let closure = self.check_closure_parts(
            &lit.params,
            types.clone(),
            ret.clone(),
            &lit.body,
            span,
            "this function",
        );
        Expr {
            kind: ExprKind::Closure(Box::new(closure)),
            ty: Type::func(types, ret),
            span,
        }
    }

    /// A `maybe::none()` given to a field that is not a Maybe: the
    /// diagnostic points at the field and names its type.
    fn point_at_field(&mut self, before: usize, f: &ast::FieldInit, fty: &Type) {
        let shown = self.show(fty);
        for d in &mut self.diags[before..] {
            if d.span == f.value.span && d.message.ends_with("found a Maybe (`maybe::none()`)") {
                d.span = f.name.span.to(f.value.span);
                d.label = format!("the field `{}` is {shown}, not a Maybe", f.name.name);
                d.notes.push(format!(
                    "declare the field as `{}: {shown}?` to let it be empty",
                    f.name.name
                ));
            }
        }
    }

    fn check_if(
        &mut self,
        branches: &[(ast::Expr, ast::Block)],
        otherwise: Option<&ast::Block>,
        span: Span,
        expected: Option<&Type>,
    ) -> Expr {
        let mut arms = Arms::for_if(expected, branches.len(), otherwise.is_some());
        let mut out = Vec::new();
        for (cond, body) in branches {
            let c = self.check_condition(cond, "if condition");
            let b = self.check_branch(body, &mut arms);
            out.push((c, b));
        }
        let other = otherwise.map(|b| self.check_branch(b, &mut arms));
        Expr {
            kind: ExprKind::If {
                branches: out,
                otherwise: other,
            },
            ty: arms.result_type(),
            span,
        }
    }
}

/// Types whose values Go can compare with `==`.
pub(crate) fn is_comparable(t: &Type) -> bool {
    matches!(
        t,
        Type::Int | Type::Float | Type::Str | Type::Bool | Type::Enum(_) | Type::Error
    )
}

/// Replace generic parameters by the given types.
pub(crate) fn subst_generics(t: &Type, names: &[String], args: &[Type]) -> Type {
    crate::tir::types::subst_params(t, names, args)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

//! Statements, blocks, module initialisers and function bodies.

use super::scope::ValueSym;
use super::{BodyCx, Checker};
use crate::source::Span;
use crate::syntax::ast;
use crate::tir::*;

impl<'a> Checker<'a> {
    pub(crate) fn check_module_bodies(&mut self, m: ModuleId) {
        let module = self.module_ast(m);
        self.cx = BodyCx::new(m);
        let mut stmts = Vec::new();
        for stmt in &module.stmts {
            match &stmt.kind {
                ast::StmtKind::Let {
                    mutable,
                    name,
                    ty,
                    value,
                } => {
                    if let Some(s) =
                        self.check_global(m, *mutable, name, ty.as_ref(), value, stmt.span)
                    {
                        stmts.push(s);
                    }
                }
                ast::StmtKind::Fn(_)
                | ast::StmtKind::Extern(_)
                | ast::StmtKind::Struct(_)
                | ast::StmtKind::Enum(_)
                | ast::StmtKind::Trait(_)
                | ast::StmtKind::Impl(_)
                | ast::StmtKind::TraitImpl(_)
                | ast::StmtKind::Type(_) => {}
                _ => {
                    if let Some(s) = self.check_stmt(stmt) {
                        stmts.push(s);
                    }
                }
            }
        }
        let locals = std::mem::take(&mut self.cx.locals);
        self.prog.modules[m.0 as usize].init = Body {
            locals,
            block: Block { stmts, tail: None },
        };
        let pending: Vec<_> = self
            .pending
            .iter()
            .filter(|(id, _)| self.prog.func(*id).module == m)
            .copied()
            .collect();
        self.pending
            .retain(|(id, _)| self.prog.func(*id).module != m);
        for (id, decl) in pending {
            self.check_fn_body(id, decl);
        }
    }

    fn check_global(
        &mut self,
        m: ModuleId,
        mutable: bool,
        name: &ast::Ident,
        ty: Option<&ast::TypeExpr>,
        value: &ast::Expr,
        span: Span,
    ) -> Option<Stmt> {
        let declared = ty.map(|t| self.resolve_type(t));
        if declared == Some(Type::Void) {
            self.err(
                name.span,
                "a variable cannot have type Void",
                "Void has no values to store",
            );
        }
        let mut value = self.check_expr(value, declared.as_ref());
        if let Some(d) = &declared {
            value = self.coerce(value, d);
        }
        let ty = declared.unwrap_or_else(|| value.ty.clone());
        if mutable {
            value = self.copy_if_needed(value);
        }
        // Floats Go cannot write as constants (NaN, infinities, -0.0) stay variables.
        let constant = if mutable {
            None
        } else {
            self.const_value(&value)
                .filter(|k| !matches!(k, Const::Float(v) if !v.is_finite() || (*v == 0.0 && v.is_sign_negative())))
        };
        let gid = GlobalId(self.prog.globals.len() as u32);
        self.prog.globals.push(Global {
            name: name.name.clone(),
            module: m,
            ty,
            mutable,
            span: name.span,
            constant,
        });
        let scope = &mut self.scopes[m.0 as usize];
        if let Some(ValueSym::Fn(_)) = scope.values.get(&name.name) {
            self.err(
                name.span,
                format!("`{}` is already declared as a function", name.name),
                "choose another name",
            );
            return None;
        }
        scope
            .values
            .insert(name.name.clone(), ValueSym::Global(gid));
        if mutable {
            // Top-level `mut` is private (program.md §9).
            scope.private_values.insert(name.name.clone());
        } else {
            scope.private_values.remove(&name.name);
        }
        Some(Stmt {
            kind: StmtKind::GlobalInit { global: gid, value },
            span,
        })
    }

    /// The compile-time value of a constant expression of a primitive type.
    pub(crate) fn const_value(&self, e: &Expr) -> Option<Const> {
        crate::tir::consts::fold(e, &self.prog.globals)
    }

    pub(crate) fn resolve_type(&mut self, te: &ast::TypeExpr) -> Type {
        let m = self.cx.module;
        self.resolve_type_in(m, te, &mut Vec::new(), false)
    }

    fn check_fn_body(&mut self, id: FnId, decl: &'a ast::FnDecl) {
        let f = self.prog.func(id).clone();
        let mut cx = BodyCx::new(f.module);
        cx.locals = f.body.locals.clone();
        cx.ret = Some(f.ret.clone());
        cx.generics = f.generics.clone();
        cx.in_function = true;
        cx.receiver = f.receiver.map(|l| {
            let local = &f.body.locals[l.0 as usize];
            (l, local.ty.clone(), local.mutable)
        });
        for p in &f.params {
            if let Some(scope) = cx.scopes.last_mut() {
                scope.insert(p.name.clone(), p.local);
            }
        }
        let old = self.enter_body(cx);
        let block = self.check_body_block(&decl.body, &f.ret, f.span, &f.name);
        let locals = self.leave_body(old);
        let func = &mut self.prog.functions[id.0 as usize];
        func.body = Body { locals, block };
    }

    /// A function or closure body: its value must be `ret` on every path
    /// (decision L4), unless `ret` is Void.
    pub(crate) fn check_body_block(
        &mut self,
        body: &ast::Block,
        ret: &Type,
        name_span: Span,
        name: &str,
    ) -> Block {
        if *ret == Type::Void {
            return self.check_block(body, Some(&Type::Void));
        }
        let block = self.check_block(body, Some(ret));
        if block.tail.is_none() && !ends_in_panic(&block) && !self.resolve(ret).is_error() {
            let shown = self.show(ret);
            let span = body.stmts.last().map(|s| s.span).unwrap_or(body.span);
            let d = self
                .error(
                    span,
                    format!("`{name}` must return {shown}, but its body ends without a value"),
                )
                .with_label(format!("expected a value of type {shown} here"))
                .with_secondary(name_span, format!("`{name}` is declared to return {shown}"));
            self.report(d);
        }
        block
    }

    /// Check a block. `expected`: `Some(Void)` means statement context (the
    /// value is discarded); `Some(T)` means the last expression must be a
    /// `T`; `None` infers the block's type from its last expression.
    pub(crate) fn check_block(&mut self, block: &ast::Block, expected: Option<&Type>) -> Block {
        self.scoped(|c| c.check_block_inner(block, expected))
    }

    fn check_block_inner(&mut self, block: &ast::Block, expected: Option<&Type>) -> Block {
        let mut stmts = Vec::new();
        let n = block.stmts.len();
        let wants_value = !matches!(expected, Some(Type::Void));
        for (i, stmt) in block.stmts.iter().enumerate() {
            let last = i + 1 == n;
            if last
                && wants_value
                && let ast::StmtKind::Expr(e) = &stmt.kind
            {
                let mut value = self.check_expr(e, expected);
                if let Some(t) = expected {
                    value = self.coerce(value, t);
                }
                return Block {
                    stmts,
                    tail: Some(Box::new(value)),
                };
            }
            if let Some(s) = self.check_stmt(stmt) {
                stmts.push(s);
            }
        }
        Block { stmts, tail: None }
    }

    pub(crate) fn check_stmt(&mut self, stmt: &ast::Stmt) -> Option<Stmt> {
        let span = stmt.span;
        let kind = match &stmt.kind {
            ast::StmtKind::Let {
                mutable,
                name,
                ty,
                value,
            } => {
                let declared = ty.as_ref().map(|t| self.resolve_type(t));
                if declared == Some(Type::Void) {
                    self.err(
                        name.span,
                        "a variable cannot have type Void",
                        "Void has no values to store",
                    );
                }
                let mut v = self.check_expr(value, declared.as_ref());
                if let Some(d) = &declared {
                    v = self.coerce(v, d);
                }
                let ty = declared.unwrap_or_else(|| v.ty.clone());
                if *mutable {
                    v = self.copy_if_needed(v);
                }
                let local = self.declare_local_at(&name.name, ty, *mutable, name.span);
                StmtKind::Let { local, value: v }
            }
            ast::StmtKind::Assign { target, op, value } => {
                return self.check_assign(target, *op, value, span);
            }
            ast::StmtKind::Expr(e) => StmtKind::Expr(self.check_expr(e, Some(&Type::Void))),
            ast::StmtKind::Break => {
                if self.cx.loop_depth == 0 {
                    self.err(
                        span,
                        "`break` outside of a loop",
                        "there is no loop to leave here",
                    );
                }
                StmtKind::Break
            }
            ast::StmtKind::While { cond, body } => {
                let cond = cond
                    .as_ref()
                    .map(|c| self.check_condition(c, "while loop condition"));
                let body = self.check_loop_body(body);
                StmtKind::While { cond, body }
            }
            ast::StmtKind::ForIn {
                cursor,
                second,
                iter,
                body,
            } => return self.check_for_in(cursor, second.as_ref(), iter, body, span),
            ast::StmtKind::ForC {
                init,
                cond,
                update,
                body,
            } => {
                return self.scoped(|c| {
                    if !matches!(init.kind, ast::StmtKind::Let { .. }) {
                        c.err(
                            init.span,
                            "a C-style for loop must start with a variable declaration",
                            "expected `mut i = ...`",
                        );
                    }
                    let init = c.check_stmt(init)?;
                    let cond = c.check_condition(cond, "for loop condition");
                    if !matches!(update.kind, ast::StmtKind::Assign { .. }) {
                        c.err(
                            update.span,
                            "the update of a for loop must be an assignment",
                            "expected for example `i =+ 1`",
                        );
                    }
                    let update = c.check_stmt(update)?;
                    let body = c.check_loop_body(body);
                    Some(Stmt {
                        kind: StmtKind::ForC {
                            init: Box::new(init),
                            cond,
                            update: Box::new(update),
                            body,
                        },
                        span,
                    })
                });
            }
            ast::StmtKind::Fn(f) => return self.check_local_fn(f, span),
            ast::StmtKind::Extern(_)
            | ast::StmtKind::Struct(_)
            | ast::StmtKind::Enum(_)
            | ast::StmtKind::Trait(_)
            | ast::StmtKind::Impl(_)
            | ast::StmtKind::TraitImpl(_)
            | ast::StmtKind::Type(_) => {
                self.err(
                    span,
                    "this declaration is only allowed at the top level of a file",
                    "move it out of the block",
                );
                return None;
            }
        };
        Some(Stmt { kind, span })
    }

    pub(crate) fn check_condition(&mut self, cond: &ast::Expr, what: &str) -> Expr {
        let c = self.check_expr(cond, Some(&Type::Bool));
        let t = self.resolve(&c.ty);
        if t != Type::Bool && !t.is_error() && !matches!(c.kind, ExprKind::Panic(_)) {
            let shown = self.show(&t);
            self.err(
                c.span,
                format!("the {what} must be a Bool, got {shown}"),
                format!("this is {shown}"),
            );
        }
        c
    }

    fn check_loop_body(&mut self, body: &ast::Block) -> Block {
        self.cx.loop_depth += 1;
        let b = self.check_block(body, Some(&Type::Void));
        self.cx.loop_depth -= 1;
        b
    }

    fn check_for_in(
        &mut self,
        cursor: &ast::Ident,
        second: Option<&ast::Ident>,
        iter: &ast::Expr,
        body: &ast::Block,
        span: Span,
    ) -> Option<Stmt> {
        if let ast::ExprKind::Range { start, end } = &iter.kind {
            let s = self.check_expr(start, Some(&Type::Int));
            let e = self.check_expr(end, Some(&Type::Int));
            let (st, et) = (self.resolve(&s.ty), self.resolve(&e.ty));
            if !(matches!(st, Type::Int | Type::Error) && matches!(et, Type::Int | Type::Error)) {
                let msg = format!(
                    "a range must have Int bounds, got {}..{}",
                    self.show(&st),
                    self.show(&et)
                );
                self.err(iter.span, msg, "only Int ranges can be iterated");
            }
            return self.scoped(|c| {
                let var = c.declare_local_at(&cursor.name, Type::Int, false, cursor.span);
                let index = second.map(|s| c.declare_local_at(&s.name, Type::Int, false, s.span));
                let body = c.check_loop_body(body);
                Some(Stmt {
                    kind: StmtKind::ForRange {
                        var,
                        index,
                        start: s,
                        end: e,
                        body,
                    },
                    span,
                })
            });
        }
        let it = self.check_expr(iter, None);
        let ty = self.resolve(&it.ty);
        self.scoped(|c| {
            let kind = match &ty {
                Type::Int => {
                    let var = c.declare_local_at(&cursor.name, Type::Int, false, cursor.span);
                    let index =
                        second.map(|s| c.declare_local_at(&s.name, Type::Int, false, s.span));
                    let zero = Expr {
                        kind: ExprKind::Int(0),
                        ty: Type::Int,
                        span: it.span,
                    };
                    StmtKind::ForRange {
                        var,
                        index,
                        start: zero,
                        end: it,
                        body: c.check_loop_body(body),
                    }
                }
                Type::List(elem) => {
                    let var =
                        c.declare_local_at(&cursor.name, (**elem).clone(), false, cursor.span);
                    let index =
                        second.map(|s| c.declare_local_at(&s.name, Type::Int, false, s.span));
                    StmtKind::ForList {
                        var,
                        index,
                        list: it,
                        body: c.check_loop_body(body),
                    }
                }
                Type::Map(k, v) => {
                    let key = c.declare_local_at(&cursor.name, (**k).clone(), false, cursor.span);
                    let value =
                        second.map(|s| c.declare_local_at(&s.name, (**v).clone(), false, s.span));
                    StmtKind::ForMap {
                        key,
                        value,
                        map: it,
                        body: c.check_loop_body(body),
                    }
                }
                Type::Str => {
                    let var = c.declare_local_at(&cursor.name, Type::Str, false, cursor.span);
                    let index =
                        second.map(|s| c.declare_local_at(&s.name, Type::Int, false, s.span));
                    StmtKind::ForStr {
                        var,
                        index,
                        text: it,
                        body: c.check_loop_body(body),
                    }
                }
                Type::Error => return None,
                other => {
                    let shown = c.show(other);
                    c.err(
                        it.span,
                        format!("cannot iterate over a {shown}"),
                        "expected a list, a map, a Str, an Int or a range",
                    );
                    return None;
                }
            };
            Some(Stmt { kind, span })
        })
    }

    fn check_local_fn(&mut self, f: &ast::FnDecl, span: Span) -> Option<Stmt> {
        let name = f.name.last()?;
        if f.test {
            self.test_not_top_level(f);
        }
        if f.name.len() > 1 {
            self.err(
                span,
                "static functions must be declared at the top level",
                "move it out of the block",
            );
            return None;
        }
        let mut params_ty = Vec::new();
        for p in &f.params {
            params_ty.push(match &p.ty {
                Some(t) => self.resolve_type(t),
                None => {
                    self.err(
                        p.name.span,
                        format!("the parameter `{}` needs a type", p.name.name),
                        "add `: Type`",
                    );
                    Type::Error
                }
            });
        }
        let ret = f
            .ret
            .as_ref()
            .map(|t| self.resolve_type(t))
            .unwrap_or(Type::Void);
        let fn_ty = Type::func(params_ty.clone(), ret.clone());
        let local = self.declare_local_at(&name.name, fn_ty, false, name.span);
        let closure =
            self.check_closure_parts(&f.params, params_ty, ret, &f.body, name.span, &name.name);
        Some(Stmt {
            kind: StmtKind::LocalFn { local, closure },
            span,
        })
    }

    /// Check a closure body with the given parameter and return types.
    pub(crate) fn check_closure_parts(
        &mut self,
        params: &[ast::Param],
        types: Vec<Type>,
        ret: Type,
        body: &ast::Block,
        span: Span,
        name: &str,
    ) -> Closure {
        let saved_ret = self.cx.ret.replace(ret.clone());
        let saved_loop = std::mem::replace(&mut self.cx.loop_depth, 0);
        self.push_scope();
        let mut ps = Vec::new();
        for (p, ty) in params.iter().zip(types) {
            let local = self.declare_local_at(&p.name.name, ty.clone(), p.mutable, p.name.span);
            ps.push(Param {
                local,
                name: p.name.name.clone(),
                ty,
                mutable: p.mutable,
            });
        }
        let block = self.check_body_block(body, &ret, span, name);
        self.pop_scope();
        self.cx.loop_depth = saved_loop;
        self.cx.ret = saved_ret;
        Closure {
            params: ps,
            ret,
            body: block,
        }
    }

    fn check_assign(
        &mut self,
        target: &ast::Expr,
        op: ast::AssignOp,
        value: &ast::Expr,
        span: Span,
    ) -> Option<Stmt> {
        let place = self.check_place(target)?;
        let target_ty = match &place {
            Place::Local(l) => self.local(*l).ty.clone(),
            Place::Global(g) => self.prog.global(*g).ty.clone(),
            Place::Field {
                base,
                strukt,
                index,
            } => {
                let args = match self.resolve(&base.ty) {
                    Type::Struct(_, args) => args,
                    _ => Box::new([]),
                };
                self.prog.strukt(*strukt).field_type(*index, &args)
            }
        };
        let value = match op {
            ast::AssignOp::Set => {
                let v = self.check_expr(value, Some(&target_ty));
                let v = self.coerce(v, &target_ty);
                self.copy_if_needed_assign(v)
            }
            ast::AssignOp::Add | ast::AssignOp::Sub => {
                let bin = if op == ast::AssignOp::Add {
                    ast::BinaryOp::Add
                } else {
                    ast::BinaryOp::Sub
                };
                let e = ast::Expr {
                    kind: ast::ExprKind::Binary {
                        op: bin,
                        lhs: Box::new(target.clone()),
                        rhs: Box::new(value.clone()),
                    },
                    span,
                };
                let v = self.check_expr(&e, Some(&target_ty));
                self.coerce(v, &target_ty)
            }
        };
        Some(Stmt {
            kind: StmtKind::Assign { place, value },
            span,
        })
    }

    /// Resolve an assignment target and check that it is mutable.
    fn check_place(&mut self, target: &ast::Expr) -> Option<Place> {
        match &target.kind {
            ast::ExprKind::Name(name) => {
                if let Some(l) = self.lookup_local(name) {
                    self.check_fiber_capture(l, name, target.span);
                    if !self.local(l).mutable {
                        self.err(
                            target.span,
                            format!("cannot assign to `{name}`: it is not mutable"),
                            "declared with `let` (or a parameter, loop variable or match binding)",
                        );
                        return None;
                    }
                    return Some(Place::Local(l));
                }
                let m = self.cx.module;
                match self.scopes[m.0 as usize].values.get(name).copied() {
                    Some(ValueSym::Global(g)) => {
                        self.check_global_use(g, name, target.span);
                        if !self.prog.global(g).mutable {
                            self.err(
                                target.span,
                                format!("cannot assign to `{name}`: it is not mutable"),
                                "declared with `let`",
                            );
                            return None;
                        }
                        Some(Place::Global(g))
                    }
                    _ => {
                        self.err(
                            target.span,
                            format!("undefined variable `{name}`"),
                            "not found in this scope",
                        );
                        None
                    }
                }
            }
            ast::ExprKind::Member { target: base, name } => {
                let b = self.check_expr(base, None);
                let bt = self.resolve(&b.ty);
                let Type::Struct(s, _) = bt else {
                    if !bt.is_error() {
                        let shown = self.show(&bt);
                        self.err(
                            name.span,
                            format!("`{shown}` has no field `{}`", name.name),
                            "cannot assign here",
                        );
                    }
                    return None;
                };
                let Some(index) = self
                    .prog
                    .strukt(s)
                    .fields
                    .iter()
                    .position(|(n, _)| *n == name.name)
                else {
                    let sname = self.prog.strukt(s).name.clone();
                    self.err(
                        name.span,
                        format!("`{sname}` has no field `{}`", name.name),
                        "unknown field",
                    );
                    return None;
                };
                if !self.is_mutable(&b) {
                    let what = describe_place(base);
                    self.err(
                        target.span,
                        format!(
                            "cannot assign to `{what}.{}`: `{what}` is not mutable",
                            name.name
                        ),
                        "declare it with `mut` to change its fields",
                    );
                    return None;
                }
                Some(Place::Field {
                    base: Box::new(b),
                    strukt: s,
                    index,
                })
            }
            ast::ExprKind::Paren(inner) => self.check_place(inner),
            _ => {
                self.err(
                    target.span,
                    "cannot assign to this expression",
                    "only variables and fields can be assigned",
                );
                None
            }
        }
    }

    /// Is the expression mutable in the sense of types.md §7.2?
    pub(crate) fn is_mutable(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Local(l) => self.local(*l).mutable,
            ExprKind::Global(g) => self.prog.global(*g).mutable,
            ExprKind::Field { base, .. } => self.is_mutable(base),
            _ => false,
        }
    }

    /// `mut x = e`: lists, maps and structs are deep-copied unless `e` is a
    /// fresh value nobody else can see.
    pub(crate) fn copy_if_needed(&self, e: Expr) -> Expr {
        let ty = self.resolve(&e.ty);
        if !needs_copy(&ty) || is_fresh(&e) {
            return e;
        }
        let span = e.span;
        Expr {
            kind: ExprKind::Copy(Box::new(e)),
            ty,
            span,
        }
    }

    /// Assignment rebinds; it shares like `let` (types.md §7.4).
    fn copy_if_needed_assign(&self, e: Expr) -> Expr {
        e
    }
}

pub(crate) fn needs_copy(t: &Type) -> bool {
    matches!(t, Type::List(_) | Type::Map(..) | Type::Struct(..))
}

/// Literals and copies are not shared with anyone.
pub(crate) fn is_fresh(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::List(_) | ExprKind::Map(_) | ExprKind::StructLit { .. } | ExprKind::Copy(_)
    )
}

pub(crate) fn ends_in_panic(b: &Block) -> bool {
    matches!(
        b.stmts.last().map(|s| &s.kind),
        Some(StmtKind::Expr(Expr {
            kind: ExprKind::Panic(_),
            ..
        }))
    )
}

fn describe_place(e: &ast::Expr) -> String {
    match &e.kind {
        ast::ExprKind::Name(n) => n.clone(),
        ast::ExprKind::SelfRef => "@".to_string(),
        ast::ExprKind::Member { target, name } => {
            let base = describe_place(target);
            if base == "@" {
                format!("@{}", name.name)
            } else {
                format!("{base}.{}", name.name)
            }
        }
        _ => "this value".to_string(),
    }
}

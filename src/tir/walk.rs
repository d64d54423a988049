//! Generic traversals of the typed IR.

use super::*;

/// A read-only visitor: `expr` sees every expression (parents first),
/// `stmt` every statement.
pub trait Visit<'a> {
    fn expr(&mut self, _e: &'a Expr) {}
    fn stmt(&mut self, _s: &'a Stmt) {}
    /// Whether to walk into the bodies of fibers started with `async::start`.
    fn enter_fibers(&self) -> bool {
        true
    }
}

/// A closure over expressions is a visitor.
impl<'a, F: FnMut(&'a Expr)> Visit<'a> for F {
    fn expr(&mut self, e: &'a Expr) {
        self(e)
    }
}

/// Visit every expression of a block, parents before children.
pub fn exprs_in_block<'a>(b: &'a Block, v: &mut dyn Visit<'a>) {
    for s in &b.stmts {
        exprs_in_stmt(s, v);
    }
    if let Some(t) = &b.tail {
        exprs_in_expr(t, v);
    }
}

pub fn exprs_in_stmt<'a>(s: &'a Stmt, v: &mut dyn Visit<'a>) {
    v.stmt(s);
    match &s.kind {
        StmtKind::Let { value, .. } | StmtKind::GlobalInit { value, .. } => exprs_in_expr(value, v),
        StmtKind::Assign { place, value } => {
            if let Place::Field { base, .. } = place {
                exprs_in_expr(base, v);
            }
            exprs_in_expr(value, v);
        }
        StmtKind::Expr(e) => exprs_in_expr(e, v),
        StmtKind::Break => {}
        StmtKind::While { cond, body } => {
            if let Some(c) = cond {
                exprs_in_expr(c, v);
            }
            exprs_in_block(body, v);
        }
        StmtKind::ForRange {
            start, end, body, ..
        } => {
            exprs_in_expr(start, v);
            exprs_in_expr(end, v);
            exprs_in_block(body, v);
        }
        StmtKind::ForList { list: e, body, .. }
        | StmtKind::ForMap { map: e, body, .. }
        | StmtKind::ForStr { text: e, body, .. } => {
            exprs_in_expr(e, v);
            exprs_in_block(body, v);
        }
        StmtKind::ForC {
            init,
            cond,
            update,
            body,
        } => {
            exprs_in_stmt(init, v);
            exprs_in_expr(cond, v);
            exprs_in_stmt(update, v);
            exprs_in_block(body, v);
        }
        StmtKind::LocalFn { closure, .. } => exprs_in_block(&closure.body, v),
    }
}

pub fn exprs_in_expr<'a>(e: &'a Expr, v: &mut dyn Visit<'a>) {
    v.expr(e);
    if let ExprKind::StartFiber(_) = &e.kind
        && !v.enter_fibers()
    {
        return;
    }
    match &e.kind {
        ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Bool(_)
        | ExprKind::Void
        | ExprKind::Local(_)
        | ExprKind::Global(_)
        | ExprKind::FnValue { .. }
        | ExprKind::Variant { .. }
        | ExprKind::None => {}
        ExprKind::Interp(parts) => {
            for p in parts {
                if let InterpPart::Value(x) = p {
                    exprs_in_expr(x, v);
                }
            }
        }
        ExprKind::Call { args, .. } => args.iter().for_each(|a| exprs_in_expr(a, v)),
        ExprKind::MethodCall { recv, args, .. }
        | ExprKind::TraitCall { recv, args, .. }
        | ExprKind::Builtin { recv, args, .. } => {
            exprs_in_expr(recv, v);
            args.iter().for_each(|a| exprs_in_expr(a, v));
        }
        ExprKind::CallValue { callee, args } => {
            exprs_in_expr(callee, v);
            args.iter().for_each(|a| exprs_in_expr(a, v));
        }
        ExprKind::MethodValue { recv, .. } => exprs_in_expr(recv, v),
        ExprKind::Field { base, .. } => exprs_in_expr(base, v),
        ExprKind::StructLit { fields, .. } | ExprKind::List(fields) => {
            fields.iter().for_each(|a| exprs_in_expr(a, v))
        }
        ExprKind::Map(entries) => {
            for (a, b) in entries {
                exprs_in_expr(a, v);
                exprs_in_expr(b, v);
            }
        }
        ExprKind::Unary { operand, .. } => exprs_in_expr(operand, v),
        ExprKind::Binary { lhs, rhs, .. } => {
            exprs_in_expr(lhs, v);
            exprs_in_expr(rhs, v);
        }
        ExprKind::If {
            branches,
            otherwise,
        } => {
            for (c, b) in branches {
                exprs_in_expr(c, v);
                exprs_in_block(b, v);
            }
            if let Some(b) = otherwise {
                exprs_in_block(b, v);
            }
        }
        ExprKind::Match(m) => exprs_in_match(m, v),
        ExprKind::Try { operand, catch, .. } => {
            exprs_in_expr(operand, v);
            if let Some((_, b)) = catch {
                exprs_in_block(b, v);
            }
        }
        ExprKind::Closure(c) => exprs_in_block(&c.body, v),
        ExprKind::Block(b) => exprs_in_block(b, v),
        ExprKind::Panic(x)
        | ExprKind::Copy(x)
        | ExprKind::Some(x)
        | ExprKind::Ok(x)
        | ExprKind::Err(x)
        | ExprKind::StartFiber(x) => exprs_in_expr(x, v),
        ExprKind::ToTrait { value, .. } | ExprKind::ToUnion { value, .. } => {
            exprs_in_expr(value, v)
        }
    }
}

fn exprs_in_match<'a>(m: &'a Match, v: &mut dyn Visit<'a>) {
    match m {
        Match::Bool {
            subject,
            on_true,
            on_false,
        } => {
            exprs_in_expr(subject, v);
            exprs_in_expr(on_true, v);
            exprs_in_expr(on_false, v);
        }
        Match::Int {
            subject,
            arms,
            default,
        } => {
            exprs_in_expr(subject, v);
            arms.iter().for_each(|(_, a)| exprs_in_expr(a, v));
            if let Some(d) = default {
                exprs_in_expr(d, v);
            }
        }
        Match::Str {
            subject,
            arms,
            default,
        } => {
            exprs_in_expr(subject, v);
            arms.iter().for_each(|(_, a)| exprs_in_expr(a, v));
            if let Some(d) = default {
                exprs_in_expr(d, v);
            }
        }
        Match::Enum {
            subject,
            arms,
            default,
        } => {
            exprs_in_expr(subject, v);
            arms.iter().for_each(|(_, a)| exprs_in_expr(a, v));
            if let Some(d) = default {
                exprs_in_expr(d, v);
            }
        }
        Match::Maybe {
            subject,
            some,
            none,
            ..
        } => {
            exprs_in_expr(subject, v);
            exprs_in_expr(some, v);
            exprs_in_expr(none, v);
        }
        Match::Result {
            subject, ok, err, ..
        } => {
            exprs_in_expr(subject, v);
            exprs_in_expr(ok, v);
            exprs_in_expr(err, v);
        }
        Match::Union {
            subject,
            arms,
            default,
        } => {
            exprs_in_expr(subject, v);
            arms.iter().for_each(|(_, _, a)| exprs_in_expr(a, v));
            if let Some(d) = default {
                exprs_in_expr(d, v);
            }
        }
        Match::Cond { arms, default } => {
            for (c, a) in arms {
                exprs_in_expr(c, v);
                exprs_in_expr(a, v);
            }
            exprs_in_expr(default, v);
        }
    }
}

/// Apply `f` to every type stored in a body (locals and expressions).
pub fn types_in_body_mut(b: &mut Body, f: &mut dyn FnMut(&mut Type)) {
    for l in &mut b.locals {
        f(&mut l.ty);
    }
    types_in_block_mut(&mut b.block, f);
}

pub fn types_in_block_mut(b: &mut Block, f: &mut dyn FnMut(&mut Type)) {
    for s in &mut b.stmts {
        types_in_stmt_mut(s, f);
    }
    if let Some(t) = &mut b.tail {
        types_in_expr_mut(t, f);
    }
}

fn types_in_stmt_mut(s: &mut Stmt, f: &mut dyn FnMut(&mut Type)) {
    match &mut s.kind {
        StmtKind::Let { value, .. } | StmtKind::GlobalInit { value, .. } => {
            types_in_expr_mut(value, f)
        }
        StmtKind::Assign { place, value } => {
            if let Place::Field { base, .. } = place {
                types_in_expr_mut(base, f);
            }
            types_in_expr_mut(value, f);
        }
        StmtKind::Expr(e) => types_in_expr_mut(e, f),
        StmtKind::Break => {}
        StmtKind::While { cond, body } => {
            if let Some(c) = cond {
                types_in_expr_mut(c, f);
            }
            types_in_block_mut(body, f);
        }
        StmtKind::ForRange {
            start, end, body, ..
        } => {
            types_in_expr_mut(start, f);
            types_in_expr_mut(end, f);
            types_in_block_mut(body, f);
        }
        StmtKind::ForList { list: e, body, .. }
        | StmtKind::ForMap { map: e, body, .. }
        | StmtKind::ForStr { text: e, body, .. } => {
            types_in_expr_mut(e, f);
            types_in_block_mut(body, f);
        }
        StmtKind::ForC {
            init,
            cond,
            update,
            body,
        } => {
            types_in_stmt_mut(init, f);
            types_in_expr_mut(cond, f);
            types_in_stmt_mut(update, f);
            types_in_block_mut(body, f);
        }
        StmtKind::LocalFn { closure, .. } => types_in_closure_mut(closure, f),
    }
}

fn types_in_closure_mut(c: &mut Closure, f: &mut dyn FnMut(&mut Type)) {
    for p in &mut c.params {
        f(&mut p.ty);
    }
    f(&mut c.ret);
    types_in_block_mut(&mut c.body, f);
}

fn types_in_expr_mut(e: &mut Expr, f: &mut dyn FnMut(&mut Type)) {
    f(&mut e.ty);
    match &mut e.kind {
        ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Str(_)
        | ExprKind::Bool(_)
        | ExprKind::Void
        | ExprKind::Local(_)
        | ExprKind::Global(_)
        | ExprKind::Variant { .. }
        | ExprKind::None => {}
        ExprKind::FnValue { type_args, .. } => type_args.iter_mut().for_each(&mut *f),
        ExprKind::Interp(parts) => {
            for p in parts {
                if let InterpPart::Value(v) = p {
                    types_in_expr_mut(v, f);
                }
            }
        }
        ExprKind::Call {
            args, type_args, ..
        } => {
            type_args.iter_mut().for_each(&mut *f);
            args.iter_mut().for_each(|a| types_in_expr_mut(a, f));
        }
        ExprKind::MethodCall {
            recv,
            args,
            type_args,
            ..
        } => {
            type_args.iter_mut().for_each(&mut *f);
            types_in_expr_mut(recv, f);
            args.iter_mut().for_each(|a| types_in_expr_mut(a, f));
        }
        ExprKind::TraitCall { recv, args, .. } | ExprKind::Builtin { recv, args, .. } => {
            types_in_expr_mut(recv, f);
            args.iter_mut().for_each(|a| types_in_expr_mut(a, f));
        }
        ExprKind::CallValue { callee, args } => {
            types_in_expr_mut(callee, f);
            args.iter_mut().for_each(|a| types_in_expr_mut(a, f));
        }
        ExprKind::MethodValue { recv, .. } => types_in_expr_mut(recv, f),
        ExprKind::Field { base, .. } => types_in_expr_mut(base, f),
        ExprKind::StructLit { fields, .. } | ExprKind::List(fields) => {
            fields.iter_mut().for_each(|a| types_in_expr_mut(a, f))
        }
        ExprKind::Map(entries) => {
            for (k, v) in entries {
                types_in_expr_mut(k, f);
                types_in_expr_mut(v, f);
            }
        }
        ExprKind::Unary { operand, .. } => types_in_expr_mut(operand, f),
        ExprKind::Binary { lhs, rhs, .. } => {
            types_in_expr_mut(lhs, f);
            types_in_expr_mut(rhs, f);
        }
        ExprKind::If {
            branches,
            otherwise,
        } => {
            for (c, b) in branches {
                types_in_expr_mut(c, f);
                types_in_block_mut(b, f);
            }
            if let Some(b) = otherwise {
                types_in_block_mut(b, f);
            }
        }
        ExprKind::Match(m) => types_in_match_mut(m, f),
        ExprKind::Try {
            operand,
            catch,
            ret,
        } => {
            f(ret);
            types_in_expr_mut(operand, f);
            if let Some((_, b)) = catch {
                types_in_block_mut(b, f);
            }
        }
        ExprKind::Closure(c) => types_in_closure_mut(c, f),
        ExprKind::Block(b) => types_in_block_mut(b, f),
        ExprKind::Panic(x)
        | ExprKind::Copy(x)
        | ExprKind::Some(x)
        | ExprKind::Ok(x)
        | ExprKind::Err(x)
        | ExprKind::StartFiber(x) => types_in_expr_mut(x, f),
        ExprKind::ToTrait { value, .. } | ExprKind::ToUnion { value, .. } => {
            types_in_expr_mut(value, f)
        }
    }
}

fn types_in_match_mut(m: &mut Match, f: &mut dyn FnMut(&mut Type)) {
    match m {
        Match::Bool {
            subject,
            on_true,
            on_false,
        } => {
            types_in_expr_mut(subject, f);
            types_in_expr_mut(on_true, f);
            types_in_expr_mut(on_false, f);
        }
        Match::Int {
            subject,
            arms,
            default,
        } => {
            types_in_expr_mut(subject, f);
            arms.iter_mut().for_each(|(_, a)| types_in_expr_mut(a, f));
            if let Some(d) = default {
                types_in_expr_mut(d, f);
            }
        }
        Match::Str {
            subject,
            arms,
            default,
        } => {
            types_in_expr_mut(subject, f);
            arms.iter_mut().for_each(|(_, a)| types_in_expr_mut(a, f));
            if let Some(d) = default {
                types_in_expr_mut(d, f);
            }
        }
        Match::Enum {
            subject,
            arms,
            default,
        } => {
            types_in_expr_mut(subject, f);
            arms.iter_mut().for_each(|(_, a)| types_in_expr_mut(a, f));
            if let Some(d) = default {
                types_in_expr_mut(d, f);
            }
        }
        Match::Maybe {
            subject,
            some,
            none,
            ..
        } => {
            types_in_expr_mut(subject, f);
            types_in_expr_mut(some, f);
            types_in_expr_mut(none, f);
        }
        Match::Result {
            subject, ok, err, ..
        } => {
            types_in_expr_mut(subject, f);
            types_in_expr_mut(ok, f);
            types_in_expr_mut(err, f);
        }
        Match::Union {
            subject,
            arms,
            default,
        } => {
            types_in_expr_mut(subject, f);
            for (t, _, a) in arms {
                f(t);
                types_in_expr_mut(a, f);
            }
            if let Some(d) = default {
                types_in_expr_mut(d, f);
            }
        }
        Match::Cond { arms, default } => {
            for (c, a) in arms {
                types_in_expr_mut(c, f);
                types_in_expr_mut(a, f);
            }
            types_in_expr_mut(default, f);
        }
    }
}

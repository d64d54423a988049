//! Statements: bindings, assignments, loops, `break`, local functions.

use super::code::{Code, GoExpr};
use super::func::{Dest, FnCx, LoopCx};
use crate::tir::walk::{Visit, exprs_in_block};
use crate::tir::*;

impl FnCx<'_, '_> {
    pub fn stmt(&mut self, c: &mut Code, s: &Stmt) {
        if self.in_place.stores.contains(&(s as *const Stmt)) {
            // `xs.set(i, p)` where `p` is already element `i` (`inplace`).
            c.line("// (set: the element was updated in place)");
            return;
        }
        self.line_at(c, s.span);
        match &s.kind {
            StmtKind::Let { local, value } => {
                let value = match &value.kind {
                    // The element itself: nobody else can see it (`inplace`).
                    ExprKind::Copy(inner) if self.in_place.copies.contains(&(s as *const Stmt)) => {
                        inner
                    }
                    _ => value,
                };
                let name = self.local_name(*local);
                if needs_structured(value) {
                    let ty = self.l.go_type(self.local_ty(*local));
                    c.line(format!("var {name} {ty}"));
                    self.expr_into(c, value, &Dest::Assign(name.clone()));
                } else {
                    let v = self.expr(c, value);
                    let v = self.convert(v, &value.ty, self.local_ty(*local));
                    if needs_explicit_type(value, self.local_ty(*local)) {
                        let ty = self.l.go_type(self.local_ty(*local));
                        c.line(format!("var {name} {ty} = {}", v.text));
                    } else {
                        c.line(format!("{name} := {}", v.text));
                    }
                }
                // Ard allows unused variables; Go does not.
                if !self.is_read(*local) {
                    c.line(format!("_ = {name}"));
                }
            }
            StmtKind::GlobalInit { global, .. }
                if self.l.prog.global(*global).constant.is_some()
                    || self.l.shared[global.0 as usize] =>
            {
                // A Go constant, or a value shared by all worlds.
            }
            StmtKind::GlobalInit { global, value } => {
                let field = format!("s.{}", self.l.names.globals[global.0 as usize]);
                self.expr_into(c, value, &Dest::Assign(field));
            }
            StmtKind::Assign { place, value } => {
                let target = self.place(c, place);
                if needs_structured(value) {
                    self.expr_into(c, value, &Dest::Assign(target));
                } else {
                    let v = self.expr(c, value);
                    if v.text == target {
                        // `x = x` does nothing; go vet rejects the Go form.
                        c.line(format!("_ = {target}"));
                    } else {
                        c.line(format!("{target} = {}", v.text));
                    }
                }
            }
            StmtKind::Expr(e) if self.map_update(c, e) => {}
            StmtKind::Expr(e) => self.expr_into(c, e, &Dest::Discard),
            StmtKind::Break => {
                match self.loops.last_mut() {
                    Some(lp) if lp.switch_depth > 0 => {
                        lp.used = true;
                        c.line(format!("break {}", lp.label));
                    }
                    _ => c.line("break"),
                }
                c.terminated = true;
            }
            StmtKind::While { cond, body } => self.while_loop(c, cond.as_ref(), body),
            StmtKind::ForRange {
                var,
                index,
                start,
                end,
                body,
            } => self.for_range(c, *var, *index, start, end, body),
            StmtKind::ForList {
                var,
                index,
                list,
                body,
            } => {
                let l = self.expr(c, list);
                let v = self.local_name(*var);
                let captured = captures_in(body);
                let i = match index {
                    Some(i) => self.local_name(*i),
                    None => "_".to_string(),
                };
                let (rv, ri) = (
                    reads_local(body, *var),
                    index.is_some_and(|x| reads_local(body, x)),
                );
                let v = if rv { v } else { "_".to_string() };
                let i = if i == "_" || ri { i } else { "_".to_string() };
                let head = range_head(&i, &v, &format!("{}.Items", l.operand()));
                self.loop_body(c, head, body, |_, inner| {
                    if captured && v != "_" {
                        inner.line(format!("{v} := {v}"));
                    }
                    if captured && i != "_" {
                        inner.line(format!("{i} := {i}"));
                    }
                });
            }
            StmtKind::ForMap {
                key,
                value,
                map,
                body,
            } => {
                // The runtime's iterator visits the entries in insertion
                // order and copes with the body changing the map
                // (`rt.MapIter`); the key and value are fresh variables in
                // every iteration, so closures capture each one.
                let m = self.expr(c, map);
                let it = self.fresh("ard_it");
                let head = format!(
                    "for {it} := {}.Iter(); {it}.Next() || {it}.Seek();",
                    m.operand()
                );
                let read_k = reads_local(body, *key);
                let read_v = value.is_some_and(|v| reads_local(body, v));
                let k = self.local_name(*key);
                let v = value.map(|v| self.local_name(v));
                self.loop_body(c, head, body, |_, inner| {
                    if read_k {
                        inner.line(format!("{k} := {it}.Key()"));
                    }
                    if let (true, Some(v)) = (read_v, v) {
                        inner.line(format!("{v} := {it}.Val()"));
                    }
                });
            }
            StmtKind::ForStr {
                var,
                index,
                text,
                body,
            } => {
                let t = self.expr(c, text);
                let v = self.local_name(*var);
                let r = self.fresh("ard_r");
                let i = match index {
                    Some(i) => self.local_name(*i),
                    None => "_".to_string(),
                };
                let captured = captures_in(body);
                let read_v = reads_local(body, *var);
                let i = if i == "_" || index.is_some_and(|x| reads_local(body, x)) {
                    i
                } else {
                    "_".to_string()
                };
                let r = if read_v { r } else { "_".to_string() };
                let head = range_head(&i, &r, &t.operand());
                self.loop_body(c, head, body, |_, inner| {
                    if read_v {
                        inner.line(format!("{v} := string({r})"));
                    }
                    if captured && i != "_" {
                        inner.line(format!("{i} := {i}"));
                    }
                });
            }
            StmtKind::ForC {
                init,
                cond,
                update,
                body,
            } => self.for_c(c, init, cond, update, body),
            StmtKind::LocalFn { local, closure } => {
                let name = self.local_name(*local);
                let ty = self.l.go_type(self.local_ty(*local));
                c.line(format!("var {name} {ty}"));
                let f = self.closure(closure);
                c.line(format!("{name} = {}", f.text));
                if !self.is_read(*local) {
                    c.line(format!("_ = {name}"));
                }
            }
        }
    }

    /// The Go place of an assignment target.
    fn place(&mut self, c: &mut Code, p: &Place) -> String {
        match p {
            Place::Local(l) if self.is_ref(*l) => format!("*{}", self.local_name(*l)),
            Place::Local(l) => self.local_name(*l),
            Place::Global(g) => self.global_place(*g),
            Place::Field {
                base,
                strukt,
                index,
            } => {
                let b = self.expr(c, base);
                let field = &self.l.prog.strukt(*strukt).fields[*index].0;
                format!("{}.{}", b.operand(), super::names::go_ident(field))
            }
        }
    }

    /// Emit a loop: `head { prelude; body }`, labelled if a `break` inside
    /// a `switch` needs the label.
    fn loop_body(
        &mut self,
        c: &mut Code,
        head: String,
        body: &Block,
        prelude: impl FnOnce(&mut Self, &mut Code),
    ) {
        let label = self.fresh("ard_loop");
        self.loops.push(LoopCx {
            label: label.clone(),
            used: false,
            switch_depth: 0,
        });
        let mut inner = Code::new();
        prelude(self, &mut inner);
        self.block_into(&mut inner, body, &Dest::Discard);
        let lp = self.loops.pop();
        if lp.is_some_and(|l| l.used) {
            c.line(format!("{label}:"));
        }
        c.line(format!("{head} {{"));
        c.extend(inner);
        c.line("}");
        c.terminated = false;
    }

    fn while_loop(&mut self, c: &mut Code, cond: Option<&Expr>, body: &Block) {
        let Some(cond) = cond else {
            self.loop_body(c, "for".to_string(), body, |_, _| {});
            return;
        };
        let mut pre = Code::new();
        let cv = self.expr(&mut pre, cond);
        if pre.is_empty() {
            self.loop_body(c, format!("for {}", cv.text), body, |_, _| {});
        } else {
            // The condition needs statements: evaluate it at the top of each round.
            self.loop_body(c, "for".to_string(), body, |_, inner| {
                inner.extend(pre);
                inner.line(format!("if !{} {{", cv.at(super::code::PREC_UNARY)));
                inner.line("break");
                inner.line("}");
                inner.terminated = false;
            });
        }
    }

    fn for_range(
        &mut self,
        c: &mut Code,
        var: LocalId,
        index: Option<LocalId>,
        start: &Expr,
        end: &Expr,
        body: &Block,
    ) {
        let s = self.expr(c, start);
        let mut e = self.expr(c, end);
        if !self.is_stable(end) {
            // Bounds are evaluated once.
            let t = self.temp(c, &e);
            e = GoExpr::primary(t);
        }
        let v = self.local_name(var);
        let captured = captures_in(body);
        let head = match index {
            Some(i) => {
                let i = self.local_name(i);
                format!(
                    "for {v}, {i} := {}, 0; {v} <= {}; {v}, {i} = {v}+1, {i}+1",
                    s.text,
                    e.at(4)
                )
            }
            None => format!("for {v} := {}; {v} <= {}; {v}++", s.text, e.at(4)),
        };
        let idx = index
            .filter(|i| reads_local(body, *i))
            .map(|i| self.local_name(i));
        let read_v = reads_local(body, var);
        self.loop_body(c, head, body, |_, inner| {
            if captured && read_v {
                inner.line(format!("{v} := {v}"));
            }
            if captured && let Some(i) = &idx {
                inner.line(format!("{i} := {i}"));
            }
        });
    }

    fn for_c(&mut self, c: &mut Code, init: &Stmt, cond: &Expr, update: &Stmt, body: &Block) {
        // Try the plain Go form `for i := 0; i < n; i += 1 { }`.
        let mut init_code = Code::new();
        let mut cond_code = Code::new();
        let mut update_code = Code::new();
        let (StmtKind::Let { local, value }, StmtKind::Assign { .. }) = (&init.kind, &update.kind)
        else {
            return;
        };
        let v = self.local_name(*local);
        let iv = self.expr(&mut init_code, value);
        let cv = self.expr(&mut cond_code, cond);
        self.stmt(&mut update_code, update);
        let update_lines: Vec<&String> = update_code
            .lines
            .iter()
            .filter(|l| !l.starts_with("//line"))
            .collect();
        let simple = init_code.is_empty() && cond_code.is_empty() && update_lines.len() == 1;
        if simple && !captures_in(body) {
            let upd = update_lines[0].clone();
            let head = format!("for {v} := {}; {}; {upd}", iv.text, cv.text);
            self.loop_body(c, head, body, |_, _| {});
            return;
        }
        // General form: a block with the variable, a loop that tests the
        // condition first and runs the update at the end of each round.
        c.line("{");
        c.extend(init_code);
        c.line(format!("{v} := {}", iv.text));
        let label = self.fresh("ard_loop");
        self.loops.push(LoopCx {
            label: label.clone(),
            used: false,
            switch_depth: 0,
        });
        let mut inner = Code::new();
        inner.extend(cond_code);
        inner.line(format!("if !{} {{", cv.at(super::code::PREC_UNARY)));
        inner.line("break");
        inner.line("}");
        inner.terminated = false;
        let mut round = Code::new();
        self.block_into(&mut round, body, &Dest::Discard);
        let lp = self.loops.pop();
        if lp.is_some_and(|l| l.used) {
            c.line(format!("{label}:"));
        }
        c.line("for {");
        c.extend(inner);
        if captures_in(body) && reads_local(body, *local) {
            // Closures in the body see this round's value.
            c.line("{");
            c.line(format!("{v} := {v}"));
            c.extend(round.clone());
            c.line("}");
        } else {
            c.extend(round.clone());
        }
        if !round.terminated {
            c.extend(update_code);
        }
        c.line("}");
        c.line("}");
        c.terminated = false;
    }
}

/// Expressions lowered with control flow (if/match/try/blocks) rather than
/// as a single Go expression.
pub(crate) fn needs_structured(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::If { .. } | ExprKind::Match(_) | ExprKind::Block(_) | ExprKind::Panic(_)
    )
}

/// A `let` whose Go initialiser would get a different type than the
/// variable (untyped constants, values that become an interface).
fn needs_explicit_type(value: &Expr, ty: &Type) -> bool {
    matches!(ty, Type::Union(_) | Type::Trait(_) | Type::Dynamic)
        || matches!(value.kind, ExprKind::Int(_) | ExprKind::Float(_))
            && !matches!(ty, Type::Int | Type::Float)
        || matches!(value.kind, ExprKind::Global(_))
            && matches!(ty, Type::Int | Type::Float | Type::Str | Type::Bool)
}

impl FnCx<'_, '_> {
    /// Reading it twice gives the same value (a literal, a constant, or an
    /// immutable local).
    fn is_stable(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Int(_) => true,
            ExprKind::Global(g) => self.l.prog.global(*g).constant.is_some(),
            ExprKind::Local(l) => !self.locals[l.0 as usize].mutable,
            _ => false,
        }
    }
}

/// Does the block create closures (which would capture loop variables)?
pub(crate) fn captures_in(b: &Block) -> bool {
    struct Find(bool);
    impl<'a> Visit<'a> for Find {
        fn expr(&mut self, e: &'a Expr) {
            if matches!(e.kind, ExprKind::Closure(_) | ExprKind::MethodValue { .. }) {
                self.0 = true;
            }
        }
        fn stmt(&mut self, s: &'a Stmt) {
            if matches!(s.kind, StmtKind::LocalFn { .. }) {
                self.0 = true;
            }
        }
    }
    let mut f = Find(false);
    exprs_in_block(b, &mut f);
    f.0
}

/// Does the block read the local?
pub(crate) fn reads_local(b: &Block, l: LocalId) -> bool {
    let mut found = false;
    exprs_in_block(b, &mut |e: &Expr| {
        if matches!(e.kind, ExprKind::Local(x) if x == l) {
            found = true;
        }
    });
    found
}

/// `for k, v := range x`, leaving out blank variables Go would reject.
pub(crate) fn range_head(k: &str, v: &str, x: &str) -> String {
    match (k, v) {
        ("_", "_") => format!("for range {x}"),
        (k, "_") => format!("for {k} := range {x}"),
        (k, v) => format!("for {k}, {v} := range {x}"),
    }
}

//! Expressions. `expr` returns a Go expression and may first emit
//! statements (temporaries for `try`, `if`/`match` values) into `c`;
//! `expr_into` lowers control-flow expressions straight into their
//! destination.

use super::Lowerer;
use super::code::{Code, GoExpr, PREC_PRIMARY, PREC_UNARY, binary_prec, go_string};
use super::decls::float_lit;
use super::func::{Dest, FnCx};
use super::stmt::needs_structured;
use super::types::is_void;
use crate::tir::*;

impl Lowerer<'_> {
    /// `value` (of type `t`) as a Go string, for interpolation and printing.
    pub(crate) fn string_expr(&mut self, t: &Type, v: &GoExpr) -> GoExpr {
        match t {
            Type::Str => v.clone(),
            Type::Int => {
                self.import("strconv");
                GoExpr::primary(format!("strconv.Itoa({})", v.text))
            }
            Type::Float => {
                self.import("ard2go.dev/rt");
                GoExpr::primary(format!("rt.FloatStr({})", v.text))
            }
            Type::Bool => {
                self.import("strconv");
                GoExpr::primary(format!("strconv.FormatBool({})", v.text))
            }
            Type::Union(u) => {
                self.union_strs.insert(*u);
                GoExpr::primary(format!(
                    "{}_to_str({})",
                    self.names.unions[u.0 as usize], v.text
                ))
            }
            _ => GoExpr::primary(format!("{}.to_str()", v.operand())),
        }
    }
}

/// The body of one branch of an if/else chain.
#[derive(Clone, Copy)]
pub(crate) enum Arm<'e> {
    Block(&'e Block),
    Expr(&'e Expr),
}

/// From this many branches on, an `if`/`else if` chain (or a `match` on
/// conditions) becomes a Go `switch` (see `switch_chain`).
const SWITCH_FROM: usize = 32;

impl FnCx<'_, '_> {
    pub fn expr(&mut self, c: &mut Code, e: &Expr) -> GoExpr {
        // A call that returns nothing, used as a value: run it, then the
        // value is Void's only value.
        if is_void(&e.ty)
            && matches!(
                e.kind,
                ExprKind::Call { .. }
                    | ExprKind::MethodCall { .. }
                    | ExprKind::TraitCall { .. }
                    | ExprKind::CallValue { .. }
                    | ExprKind::Builtin { .. }
            )
        {
            let v = self.value(c, e);
            c.line(v.text);
            return GoExpr::primary("struct{}{}");
        }
        self.value(c, e)
    }

    /// The Go expression of `e` (calls returning nothing included).
    fn value(&mut self, c: &mut Code, e: &Expr) -> GoExpr {
        match &e.kind {
            ExprKind::Int(v) => GoExpr::primary(v.to_string()),
            ExprKind::Float(v) => GoExpr::primary(float_lit(*v)),
            ExprKind::Str(s) => GoExpr::primary(go_string(s)),
            ExprKind::Bool(b) => GoExpr::primary(b.to_string()),
            ExprKind::Void => GoExpr::primary("struct{}{}"),
            ExprKind::Interp(parts) => self.interp(c, parts),
            ExprKind::Local(l) if self.is_ref(*l) => {
                GoExpr::with_prec(format!("*{}", self.local_name(*l)), PREC_UNARY)
            }
            ExprKind::Local(l) => GoExpr::primary(self.local_name(*l)),
            ExprKind::Global(g) => GoExpr::primary(self.global_place(*g)),
            ExprKind::FnValue { func, type_args } => self.fn_value(*func, type_args),
            ExprKind::Call {
                func,
                type_args,
                args,
            } => self.call(c, *func, type_args, args),
            ExprKind::MethodCall {
                func,
                type_args,
                recv,
                args,
            } => {
                let mut all = vec![(**recv).clone()];
                all.extend(args.iter().cloned());
                self.enter_module(c, *func);
                let f = self.l.prog.func(*func);
                let mut by_ref = vec![false];
                by_ref.extend(f.params.iter().map(|p| p.mutable));
                let vals = self.seq_refs(c, &all, &by_ref);
                let name = self.l.names.funcs[func.0 as usize].clone();
                let mut call_args: Vec<String> = Vec::new();
                if self.l.needs_world[func.0 as usize] {
                    call_args.push("w".into());
                }
                if !self.l.prog.is_generic_method(f) {
                    call_args.extend(vals[1..].iter().map(|v| v.text.clone()));
                    GoExpr::primary(format!(
                        "{}.{name}({})",
                        vals[0].operand(),
                        call_args.join(", ")
                    ))
                } else {
                    // Go methods cannot be generic: a package-level function
                    // with the receiver first.
                    call_args.insert(
                        usize::from(self.l.needs_world[func.0 as usize]),
                        vals[0].text.clone(),
                    );
                    call_args.extend(vals[1..].iter().map(|v| v.text.clone()));
                    let ts: Vec<String> = type_args.iter().map(|t| self.l.go_type(t)).collect();
                    GoExpr::primary(format!(
                        "{name}[{}]({})",
                        ts.join(", "),
                        call_args.join(", ")
                    ))
                }
            }
            ExprKind::TraitCall {
                recv,
                trait_,
                method,
                args,
            } => {
                let mut all = vec![(**recv).clone()];
                all.extend(args.iter().cloned());
                let vals = self.seq(c, &all);
                let name =
                    super::names::go_ident(&self.l.prog.trait_(*trait_).methods[*method].name);
                let mut call_args: Vec<String> = Vec::new();
                if super::world::trait_method_needs_world(
                    self.l.prog,
                    &self.l.needs_world,
                    *trait_,
                    *method,
                ) {
                    call_args.push("w".into());
                }
                call_args.extend(vals[1..].iter().map(|v| v.text.clone()));
                GoExpr::primary(format!(
                    "{}.{name}({})",
                    vals[0].operand(),
                    call_args.join(", ")
                ))
            }
            ExprKind::CallValue { callee, args } => {
                let mut all = vec![(**callee).clone()];
                all.extend(args.iter().cloned());
                let vals = self.seq(c, &all);
                let call_args: Vec<String> = vals[1..].iter().map(|v| v.text.clone()).collect();
                GoExpr::primary(format!("{}({})", vals[0].operand(), call_args.join(", ")))
            }
            ExprKind::Builtin { op, recv, args } => self.builtin(c, *op, recv, args, &e.ty),
            ExprKind::MethodValue { func, recv } => {
                let r = self.expr(c, recv);
                let name = self.l.names.funcs[func.0 as usize].clone();
                let f = self.l.prog.func(*func);
                let refs: Vec<bool> = f.params.iter().map(|p| p.mutable).collect();
                let world = self.l.needs_world[func.0 as usize];
                if world || refs.contains(&true) {
                    let t = self.temp(c, &r);
                    // The receiver's type arguments (a generic struct).
                    let targs: &[Type] = match &recv.ty {
                        Type::Struct(_, args) => args,
                        _ => &[],
                    };
                    let params: Vec<Type> = f
                        .params
                        .iter()
                        .map(|p| subst_params(&p.ty, &f.generics, targs))
                        .collect();
                    let ret = subst_params(&f.ret, &f.generics, targs);
                    self.wrap_call(&params, &refs, &ret, &format!("{t}.{name}"), world)
                } else {
                    GoExpr::primary(format!("{}.{name}", r.operand()))
                }
            }
            ExprKind::Field {
                base,
                strukt,
                index,
            } => {
                let b = self.expr(c, base);
                let field = &self.l.prog.strukt(*strukt).fields[*index].0;
                GoExpr::primary(format!("{}.{}", b.operand(), super::names::go_ident(field)))
            }
            ExprKind::StructLit { strukt, fields } => {
                let vals = self.seq(c, fields);
                let def = self.l.prog.strukt(*strukt);
                let name = self.l.struct_name(&e.ty);
                let inits: Vec<String> = def
                    .fields
                    .iter()
                    .zip(vals)
                    .map(|((f, _), v)| format!("{}: {}", super::names::go_ident(f), v.text))
                    .collect();
                GoExpr::with_prec(format!("&{name}{{{}}}", inits.join(", ")), PREC_UNARY)
            }
            ExprKind::Variant { enm, index } => {
                let name = &self.l.names.enums[enm.0 as usize];
                GoExpr::primary(format!("{name}_{}", self.l.prog.enm(*enm).variants[*index]))
            }
            ExprKind::List(items) => {
                self.l.import("ard2go.dev/rt");
                let elem = match &e.ty {
                    Type::List(t) => self.l.go_type(t),
                    _ => "struct{}".into(),
                };
                let vals = self.seq(c, items);
                let vals: Vec<String> = vals.into_iter().map(|v| v.text).collect();
                GoExpr::primary(format!("rt.NewList[{elem}]({})", vals.join(", ")))
            }
            ExprKind::Map(entries) => {
                self.l.import("ard2go.dev/rt");
                let (k, v) = match &e.ty {
                    Type::Map(k, v) => (self.l.go_type(k), self.l.go_type(v)),
                    _ => ("struct{}".into(), "struct{}".into()),
                };
                if entries.is_empty() {
                    return GoExpr::primary(format!("rt.NewMap[{k}, {v}](0)"));
                }
                let flat: Vec<Expr> = entries
                    .iter()
                    .flat_map(|(a, b)| [a.clone(), b.clone()])
                    .collect();
                let vals = self.seq(c, &flat);
                let keys: Vec<String> = vals.iter().step_by(2).map(|v| v.text.clone()).collect();
                let values: Vec<String> = vals
                    .iter()
                    .skip(1)
                    .step_by(2)
                    .map(|v| v.text.clone())
                    .collect();
                GoExpr::primary(format!(
                    "rt.MapOf([]{k}{{{}}}, []{v}{{{}}})",
                    keys.join(", "),
                    values.join(", ")
                ))
            }
            ExprKind::Unary { .. } | ExprKind::Binary { .. }
                if matches!(e.ty, Type::Int | Type::Float) =>
            {
                match crate::tir::consts::fold(e, &self.l.prog.globals) {
                    Some(k) => self.const_expr(&k),
                    None => self.operator(c, e),
                }
            }
            ExprKind::Unary { .. } | ExprKind::Binary { .. } => self.operator(c, e),

            ExprKind::If { .. } | ExprKind::Match(_) | ExprKind::Block(_) => {
                if is_void(&e.ty) {
                    self.expr_into(c, e, &Dest::Discard);
                    return GoExpr::primary("struct{}{}");
                }
                let t = self.temp_var(c, &e.ty);
                self.expr_into(c, e, &Dest::Assign(t.clone()));
                GoExpr::primary(t)
            }
            ExprKind::Try {
                operand,
                catch,
                ret,
            } => self.try_expr(c, operand, catch.as_ref(), ret),
            ExprKind::Closure(cl) => self.closure(cl),
            ExprKind::Panic(msg) => {
                let m = self.expr(c, msg);
                let pos = self.l.position(e.span);
                let ty = self.l.go_type(&e.ty);
                self.l.import("ard2go.dev/rt");
                GoExpr::primary(format!(
                    "rt.PanicValue[{ty}]({}, {})",
                    go_string(&pos),
                    m.text
                ))
            }
            ExprKind::Copy(inner) => {
                let v = self.expr(c, inner);
                match self.l.clone_expr(&e.ty, &v.operand()) {
                    Some(x) => GoExpr::primary(x),
                    None => v,
                }
            }
            ExprKind::Some(x) => {
                let v = self.expr(c, x);
                let t = match &e.ty {
                    Type::Maybe(t) => self.l.go_type(t),
                    _ => "struct{}".into(),
                };
                self.l.import("ard2go.dev/rt");
                GoExpr::primary(format!("rt.Some[{t}]({})", v.text))
            }
            ExprKind::None => {
                let t = match &e.ty {
                    Type::Maybe(t) => self.l.go_type(t),
                    _ => "struct{}".into(),
                };
                self.l.import("ard2go.dev/rt");
                GoExpr::primary(format!("rt.None[{t}]()"))
            }
            ExprKind::Ok(x) | ExprKind::Err(x) => {
                let v = self.expr(c, x);
                let (a, b) = match &e.ty {
                    Type::Result(a, b) => (self.l.go_type(a), self.l.go_type(b)),
                    _ => ("struct{}".into(), "struct{}".into()),
                };
                let f = if matches!(e.kind, ExprKind::Ok(_)) {
                    "Ok"
                } else {
                    "Err"
                };
                self.l.import("ard2go.dev/rt");
                GoExpr::primary(format!("rt.{f}[{a}, {b}]({})", v.text))
            }
            ExprKind::ToTrait { value, .. } => {
                let v = self.expr(c, value);
                let wrapper = match &value.ty {
                    Type::Int => Some("ard_Int"),
                    Type::Float => Some("ard_Float"),
                    Type::Bool => Some("ard_Bool"),
                    Type::Str => Some("ard_Str"),
                    _ => None,
                };
                match wrapper {
                    Some(w) => {
                        self.l.wrappers.insert(w);
                        GoExpr::primary(format!("{w}({})", v.text))
                    }
                    None => v,
                }
            }
            ExprKind::ToUnion { value, .. } => self.expr(c, value),
            ExprKind::StartFiber(body) => self.start_fiber(c, body, &e.ty),
        }
    }

    /// Lower `e` so that its value ends up in `dest`.
    pub fn expr_into(&mut self, c: &mut Code, e: &Expr, dest: &Dest) {
        match &e.kind {
            ExprKind::If {
                branches,
                otherwise,
            } => self.if_into(c, branches, otherwise.as_ref(), dest),
            ExprKind::Match(m) => self.match_into(c, m, dest),
            ExprKind::Block(b) => self.block_into(c, b, dest),
            ExprKind::Panic(msg) => {
                let m = self.expr(c, msg);
                let pos = self.l.position(e.span);
                self.l.import("ard2go.dev/rt");
                c.line(format!(
                    "panic(rt.NewPanic({}, {}))",
                    go_string(&pos),
                    m.text
                ));
                c.terminated = true;
            }
            _ => {
                let v = if matches!(dest, Dest::Discard) || is_void(&e.ty) {
                    self.value(c, e)
                } else {
                    self.expr(c, e)
                };
                self.deliver(c, e, v, dest);
            }
        }
    }

    /// Put an already lowered value where it belongs.
    fn deliver(&mut self, c: &mut Code, e: &Expr, v: GoExpr, dest: &Dest) {
        let void = is_void(&e.ty);
        match dest {
            Dest::Discard => self.discard(c, e, v),
            Dest::Assign(x) => {
                if void && !matches!(e.kind, ExprKind::Local(_) | ExprKind::Void) {
                    self.discard(c, e, v);
                    c.line(format!("{x} = struct{{}}{{}}"));
                } else if v.text == *x {
                    // `x = x`: nothing to do, and go vet rejects it.
                    c.line(format!("_ = {x}"));
                } else {
                    c.line(format!("{x} = {}", v.text));
                }
            }
            Dest::Return => {
                if void || is_void(&self.ret) {
                    self.discard(c, e, v);
                    c.line("return");
                } else {
                    c.line(format!("return {}", v.text));
                }
                c.terminated = true;
            }
        }
    }

    /// Evaluate for effect: calls become statements, pure values vanish.
    fn discard(&mut self, c: &mut Code, e: &Expr, v: GoExpr) {
        let is_call = match &e.kind {
            ExprKind::Call { .. }
            | ExprKind::MethodCall { .. }
            | ExprKind::TraitCall { .. }
            | ExprKind::CallValue { .. } => true,
            ExprKind::Builtin { op, .. } => super::builtins::is_call_statement(*op),
            ExprKind::StartFiber(_) | ExprKind::Copy(_) => false,
            _ => false,
        };
        let pure = matches!(
            e.kind,
            ExprKind::Int(_)
                | ExprKind::Float(_)
                | ExprKind::Str(_)
                | ExprKind::Bool(_)
                | ExprKind::Void
                | ExprKind::Local(_)
                | ExprKind::Variant { .. }
                | ExprKind::FnValue { .. }
                | ExprKind::None
        );
        if is_call && v.prec == PREC_PRIMARY && v.text.ends_with(')') {
            c.line(v.text);
        } else if matches!(e.kind, ExprKind::Local(_)) {
            // Go insists that variables are used.
            c.line(format!("_ = {}", v.text));
        } else if !pure && v.text != "struct{}{}" {
            c.line(format!("_ = {}", v.text));
        }
    }

    fn if_into(
        &mut self,
        c: &mut Code,
        branches: &[(Expr, Block)],
        otherwise: Option<&Block>,
        dest: &Dest,
    ) {
        let arms: Vec<(&Expr, Arm)> = branches.iter().map(|(c, b)| (c, Arm::Block(b))).collect();
        self.chain(c, &arms, otherwise.map(Arm::Block), dest);
    }

    /// `if a { } else if b { } else { }`. A condition that needs statements
    /// first opens a nested `else { ...; if ... }`.
    pub(crate) fn chain(
        &mut self,
        c: &mut Code,
        arms: &[(&Expr, Arm)],
        otherwise: Option<Arm>,
        dest: &Dest,
    ) {
        let Some(((cond, body), mut rest)) = arms.split_first() else {
            if let Some(o) = otherwise {
                self.arm_into(c, o, dest);
            }
            return;
        };
        if arms.len() >= SWITCH_FROM {
            return self.switch_chain(c, arms, otherwise, dest);
        }
        let cv = self.expr(c, cond);
        c.line(format!("if {} {{", cv.text));
        let mut all_term = self.arm_code(c, *body, dest);
        loop {
            match rest.split_first() {
                Some(((cond, body), more)) => {
                    let mut pre = Code::new();
                    let cv = self.expr(&mut pre, cond);
                    if pre.is_empty() {
                        c.line(format!("}} else if {} {{", cv.text));
                        all_term &= self.arm_code(c, *body, dest);
                        rest = more;
                    } else {
                        c.line("} else {");
                        let mut nested = Code::new();
                        nested.extend(pre);
                        nested.terminated = false;
                        let inner: Vec<(&Expr, Arm)> = rest.to_vec();
                        // Re-lowering the condition would evaluate it twice:
                        // lower the nested chain with the computed value.
                        nested.line(format!("if {} {{", cv.text));
                        let mut t = self.arm_code(&mut nested, inner[0].1, dest);
                        let mut sub = Code::new();
                        self.chain_tail(&mut sub, &inner[1..], otherwise, dest, &mut t);
                        nested.extend(sub);
                        c.extend(nested);
                        c.line("}");
                        c.terminated = all_term && t;
                        return;
                    }
                }
                None => {
                    match otherwise {
                        Some(o) => {
                            c.line("} else {");
                            all_term &= self.arm_code(c, o, dest);
                        }
                        None => all_term = false,
                    }
                    c.line("}");
                    c.terminated = all_term;
                    return;
                }
            }
        }
    }

    /// A long chain as `switch { case a: .. }`: Go nests every `else if`
    /// one level deeper, and its parser and compiler slow down (and finally
    /// give up) on thousands of levels. The cases are tried in order, like
    /// the branches. A condition that needs statements first continues the
    /// chain in `default:`.
    fn switch_chain(
        &mut self,
        c: &mut Code,
        arms: &[(&Expr, Arm)],
        otherwise: Option<Arm>,
        dest: &Dest,
    ) {
        let first = self.expr(c, arms[0].0);
        c.line("switch {");
        if let Some(lp) = self.loops.last_mut() {
            lp.switch_depth += 1;
        }
        let mut all_term = true;
        let mut has_default = false;
        for (k, (cond, body)) in arms.iter().enumerate() {
            let cv = if k == 0 {
                first.clone()
            } else {
                let mut pre = Code::new();
                let cv = self.expr(&mut pre, cond);
                if !pre.is_empty() {
                    // The rest is an ordinary chain (which lowers this
                    // condition again, with its statements).
                    c.line("default:");
                    let mut b = Code::new();
                    self.chain(&mut b, &arms[k..], otherwise, dest);
                    all_term &= b.terminated;
                    c.extend(b);
                    has_default = true;
                    break;
                }
                cv
            };
            c.line(format!("case {}:", cv.text));
            all_term &= self.arm_code(c, *body, dest);
        }
        if !has_default {
            match otherwise {
                Some(o) => {
                    c.line("default:");
                    all_term &= self.arm_code(c, o, dest);
                }
                None => all_term = false,
            }
        }
        if let Some(lp) = self.loops.last_mut() {
            lp.switch_depth -= 1;
        }
        c.line("}");
        c.terminated = all_term;
    }

    /// The `} else ...` part after the first branch of a nested chain.
    fn chain_tail(
        &mut self,
        c: &mut Code,
        rest: &[(&Expr, Arm)],
        otherwise: Option<Arm>,
        dest: &Dest,
        term: &mut bool,
    ) {
        if rest.is_empty() {
            match otherwise {
                Some(o) => {
                    c.line("} else {");
                    *term &= self.arm_code(c, o, dest);
                }
                None => *term = false,
            }
            c.line("}");
            return;
        }
        c.line("} else {");
        let mut sub = Code::new();
        self.chain(&mut sub, rest, otherwise, dest);
        *term &= sub.terminated;
        c.extend(sub);
        c.line("}");
    }

    /// Lower one branch body; returns whether it ends in a terminating statement.
    fn arm_code(&mut self, c: &mut Code, arm: Arm, dest: &Dest) -> bool {
        let mut b = Code::new();
        self.arm_into(&mut b, arm, dest);
        let t = b.terminated;
        c.extend(b);
        c.terminated = false;
        t
    }

    fn arm_into(&mut self, c: &mut Code, arm: Arm, dest: &Dest) {
        match arm {
            Arm::Block(b) => self.block_into(c, b, dest),
            Arm::Expr(e) => self.expr_into(c, e, dest),
        }
    }

    /// Lower several expressions left to right; if a later one needs
    /// statements, earlier non-trivial values are saved first so the order
    /// of evaluation is kept.
    pub fn seq(&mut self, c: &mut Code, exprs: &[Expr]) -> Vec<GoExpr> {
        self.seq_refs(c, exprs, &[])
    }

    /// Like `seq`, but the expressions flagged in `by_ref` are passed to
    /// `mut` parameters: they become pointers (types.md §7.3).
    pub fn seq_refs(&mut self, c: &mut Code, exprs: &[Expr], by_ref: &[bool]) -> Vec<GoExpr> {
        let mut out: Vec<GoExpr> = Vec::new();
        let mut trivial: Vec<bool> = Vec::new();
        for (i, e) in exprs.iter().enumerate() {
            let mut pre = Code::new();
            let v = if by_ref.get(i).copied().unwrap_or(false) {
                self.ref_arg(&mut pre, e)
            } else {
                self.expr(&mut pre, e)
            };
            if !pre.is_empty() {
                for (i, prev) in out.iter_mut().enumerate() {
                    if !trivial[i] {
                        let t = self.fresh("ard_t");
                        c.line(format!("{t} := {}", prev.text));
                        *prev = GoExpr::primary(t);
                        trivial[i] = true;
                    }
                }
                c.extend(pre);
                c.terminated = false;
            }
            trivial.push(matches!(
                e.kind,
                ExprKind::Int(_)
                    | ExprKind::Float(_)
                    | ExprKind::Str(_)
                    | ExprKind::Bool(_)
                    | ExprKind::Void
            ));
            out.push(v);
        }
        out
    }

    /// A pointer to the argument for a `mut` parameter: the caller's own
    /// variable or field when the argument is a mutable place, else a copy.
    fn ref_arg(&mut self, c: &mut Code, e: &Expr) -> GoExpr {
        if let Some(p) = self.mutable_place(c, e) {
            return p;
        }
        let v = self.expr(c, e);
        let t = self.temp(c, &v);
        GoExpr::with_prec(format!("&{t}"), PREC_UNARY)
    }

    /// `&place` (or the pointer itself) for a mutable place expression.
    fn mutable_place(&mut self, c: &mut Code, e: &Expr) -> Option<GoExpr> {
        match &e.kind {
            ExprKind::Local(l) if self.is_ref(*l) => Some(GoExpr::primary(self.local_name(*l))),
            ExprKind::Local(l) if self.locals[l.0 as usize].mutable => Some(GoExpr::with_prec(
                format!("&{}", self.local_name(*l)),
                PREC_UNARY,
            )),
            ExprKind::Global(g) if self.l.prog.global(*g).mutable => Some(GoExpr::with_prec(
                format!("&{}", self.global_place(*g)),
                PREC_UNARY,
            )),
            ExprKind::Field {
                base,
                strukt,
                index,
            } if self.is_mutable_expr(base) => {
                let b = self.expr(c, base);
                let field = &self.l.prog.strukt(*strukt).fields[*index].0;
                Some(GoExpr::with_prec(
                    format!("&{}.{}", b.operand(), super::names::go_ident(field)),
                    PREC_UNARY,
                ))
            }
            _ => None,
        }
    }

    fn is_mutable_expr(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Local(l) => self.is_ref(*l) || self.locals[l.0 as usize].mutable,
            ExprKind::Global(g) => self.l.prog.global(*g).mutable,
            ExprKind::Field { base, .. } => self.is_mutable_expr(base),
            _ => false,
        }
    }

    fn interp(&mut self, c: &mut Code, parts: &[InterpPart]) -> GoExpr {
        let values: Vec<Expr> = parts
            .iter()
            .filter_map(|p| match p {
                InterpPart::Value(v) => Some(v.clone()),
                InterpPart::Lit(_) => None,
            })
            .collect();
        let vals = self.seq(c, &values);
        let mut pieces = Vec::new();
        let mut vi = 0;
        for p in parts {
            match p {
                InterpPart::Lit(s) if s.is_empty() => {}
                InterpPart::Lit(s) => pieces.push(go_string(s)),
                InterpPart::Value(v) => {
                    let s = self.string_of(&v.ty, &vals[vi]);
                    pieces.push(s.at(5));
                    vi += 1;
                }
            }
        }
        match pieces.len() {
            0 => GoExpr::primary("\"\""),
            1 => GoExpr::with_prec(pieces.remove(0), 4),
            _ => GoExpr::with_prec(pieces.join(" + "), 4),
        }
    }

    /// `v` as a string, calling user `to_str` methods with the world when
    /// they need it.
    pub fn string_of(&mut self, t: &Type, v: &GoExpr) -> GoExpr {
        let owner = match t {
            Type::Struct(s, _) => Some(Owner::Struct(*s)),
            Type::Enum(e) => Some(Owner::Enum(*e)),
            _ => None,
        };
        if let Some(o) = owner {
            let prog = self.l.prog;
            if let Some((i, _)) = prog.functions.iter().enumerate().find(|(_, f)| {
                f.name == "to_str" && matches!(f.kind, FnKind::Method { owner, .. } if owner == o)
            }) && self.l.needs_world[i]
            {
                return GoExpr::primary(format!("{}.to_str(w)", v.operand()));
            }
        }
        if let Type::Trait(tr) = t
            && let Some(idx) = self
                .l
                .prog
                .trait_(*tr)
                .methods
                .iter()
                .position(|m| m.name == "to_str")
            && super::world::trait_method_needs_world(self.l.prog, &self.l.needs_world, *tr, idx)
        {
            return GoExpr::primary(format!("{}.to_str(w)", v.operand()));
        }
        self.l.string_expr(t, v)
    }

    pub fn global_place(&mut self, g: GlobalId) -> String {
        let global = self.l.prog.global(g);
        let name = self.l.names.globals[g.0 as usize].clone();
        if global.constant.is_some() {
            return name;
        }
        if self.l.shared[g.0 as usize] {
            return format!("{name}()");
        }
        let field = &self.l.names.world_fields[global.module.0 as usize];
        format!("w.{field}_().{name}")
    }

    /// A function value for a named function.
    fn fn_value(&mut self, func: FnId, type_args: &[Type]) -> GoExpr {
        let f = self.l.prog.func(func);
        let name = self.callee_name(func, type_args);
        let refs: Vec<bool> = f.params.iter().map(|p| p.mutable).collect();
        if self.l.needs_world[func.0 as usize] || refs.contains(&true) {
            let params: Vec<Type> = f
                .params
                .iter()
                .map(|p| crate::tir::types::subst_params(&p.ty, &f.generics, type_args))
                .collect();
            let ret = crate::tir::types::subst_params(&f.ret, &f.generics, type_args);
            return self.wrap_call(
                &params,
                &refs,
                &ret,
                &name,
                self.l.needs_world[func.0 as usize],
            );
        }
        GoExpr::primary(name)
    }

    /// `func(a A) R { return f(w, a) }`: a function value for a function
    /// that takes the world or `mut` parameters (as pointers).
    fn wrap_call(
        &mut self,
        params: &[Type],
        refs: &[bool],
        ret: &Type,
        callee: &str,
        world: bool,
    ) -> GoExpr {
        let names: Vec<String> = (0..params.len()).map(|i| format!("a{i}")).collect();
        let decl: Vec<String> = params
            .iter()
            .zip(&names)
            .map(|(t, n)| format!("{n} {}", self.l.go_type(t)))
            .collect();
        let mut args = if world {
            vec!["w".to_string()]
        } else {
            Vec::new()
        };
        args.extend(
            names
                .iter()
                .zip(refs.iter().chain(std::iter::repeat(&false)))
                .map(|(n, r)| if *r { format!("&{n}") } else { n.clone() }),
        );
        let call = format!("{callee}({})", args.join(", "));
        let body = if is_void(ret) {
            call
        } else {
            format!("return {call}")
        };
        GoExpr::primary(format!(
            "func({}){} {{ {body} }}",
            decl.join(", "),
            self.l.go_result(ret)
        ))
    }

    /// The Go name of a callee, with explicit type arguments.
    fn callee_name(&mut self, func: FnId, type_args: &[Type]) -> String {
        let f = self.l.prog.func(func);
        let base = match &f.kind {
            FnKind::Extern(binding) => match super::extern_package(binding) {
                Some((path, pkg, name)) => {
                    self.l.import(&path);
                    format!("{pkg}.{name}")
                }
                None => self.l.names.funcs[func.0 as usize].clone(),
            },
            _ => self.l.names.funcs[func.0 as usize].clone(),
        };
        if type_args.is_empty() {
            base
        } else {
            let ts: Vec<String> = type_args.iter().map(|t| self.l.go_type(t)).collect();
            format!("{base}[{}]", ts.join(", "))
        }
    }

    fn call(&mut self, c: &mut Code, func: FnId, type_args: &[Type], args: &[Expr]) -> GoExpr {
        let prog = self.l.prog;
        let f = prog.func(func);
        // io::print of a value whose type is known: print its text directly.
        if f.name == "print" && prog.module(f.module).path == "ard/io" && args.len() == 1 {
            let inner = match &args[0].kind {
                ExprKind::ToTrait { value, .. } => (**value).clone(),
                _ => args[0].clone(),
            };
            let v = self.expr(c, &inner);
            let s = self.string_of(&inner.ty, &v);
            self.l.import("ard2go.dev/rt");
            return GoExpr::primary(format!("rt.Print({})", s.text));
        }
        self.enter_module(c, func);
        let by_ref: Vec<bool> = f.params.iter().map(|p| p.mutable).collect();
        let vals = self.seq_refs(c, args, &by_ref);
        let mut call_args: Vec<String> = Vec::new();
        if self.l.needs_world[func.0 as usize] {
            call_args.push("w".into());
        }
        for (i, v) in vals.into_iter().enumerate() {
            let declared = f.params.get(i).map(|p| &p.ty);
            let actual = &args[i].ty;
            let v = match declared {
                Some(d) => self.adapt_fn(v, actual, d),
                None => v,
            };
            call_args.push(v.text);
        }
        let name = self.callee_name(func, type_args);
        GoExpr::primary(format!("{name}({})", call_args.join(", ")))
    }

    /// A Void-returning function passed where a generic `fn(..) $R` is
    /// expected gets a wrapper that returns `struct{}{}`.
    fn adapt_fn(&mut self, v: GoExpr, actual: &Type, declared: &Type) -> GoExpr {
        match (actual, declared) {
            (Type::Fn(a), Type::Fn(d)) if is_void(&a.ret) && matches!(d.ret, Type::Param(_)) => {
                let names: Vec<String> = (0..a.params.len()).map(|i| format!("a{i}")).collect();
                let decl: Vec<String> = a
                    .params
                    .iter()
                    .zip(&names)
                    .map(|(t, n)| format!("{n} {}", self.l.go_type(t)))
                    .collect();
                GoExpr::primary(format!(
                    "func({}) struct{{}} {{ {}({}); return struct{{}}{{}} }}",
                    decl.join(", "),
                    v.operand(),
                    names.join(", ")
                ))
            }
            _ => v,
        }
    }

    /// Conversions needed when a value is stored in a variable of another
    /// (compatible) type. Go's assignability covers the rest.
    pub fn convert(&mut self, v: GoExpr, _from: &Type, _to: &Type) -> GoExpr {
        v
    }

    /// An Int or Float constant, written so that Go does not change it.
    pub(super) fn const_expr(&mut self, k: &Const) -> GoExpr {
        match k {
            Const::Int(v) if *v < 0 => GoExpr::with_prec(v.to_string(), PREC_UNARY),
            Const::Int(v) => GoExpr::primary(v.to_string()),
            Const::Float(v) if v.is_nan() => {
                self.l.import("math");
                GoExpr::primary("math.NaN()")
            }
            Const::Float(v) if v.is_infinite() => {
                self.l.import("math");
                GoExpr::primary(format!("math.Inf({})", if *v > 0.0 { 1 } else { -1 }))
            }
            Const::Float(v) if *v == 0.0 && v.is_sign_negative() => {
                // Go constants have no negative zero.
                self.l.import("math");
                GoExpr::primary("math.Copysign(0, -1)")
            }
            Const::Float(v) if *v < 0.0 => GoExpr::with_prec(float_lit(*v), PREC_UNARY),
            Const::Float(v) => GoExpr::primary(float_lit(*v)),
            Const::Str(s) => GoExpr::primary(go_string(s)),
            Const::Bool(b) => GoExpr::primary(b.to_string()),
        }
    }

    /// A unary or binary operator expression.
    fn operator(&mut self, c: &mut Code, e: &Expr) -> GoExpr {
        match &e.kind {
            ExprKind::Unary { op, operand } => {
                let v = self.expr(c, operand);
                let sym = match op {
                    UnOp::Neg => "-",
                    UnOp::Not => "!",
                };
                let inner = v.at(PREC_UNARY);
                let inner = if inner.starts_with('-') {
                    format!("({inner})")
                } else {
                    inner
                };
                GoExpr::with_prec(format!("{sym}{inner}"), PREC_UNARY)
            }
            ExprKind::Binary { op, lhs, rhs } => self.binary(c, *op, lhs, rhs),
            _ => self.expr(c, e),
        }
    }

    fn binary(&mut self, c: &mut Code, op: BinOp, lhs: &Expr, rhs: &Expr) -> GoExpr {
        if matches!(op, BinOp::And | BinOp::Or) && is_pure(lhs) && is_pure(rhs) {
            // `a && b && a` is `a && b` when nothing has effects; go vet
            // reports repeated operands in a chain.
            let mut operands = Vec::new();
            flatten_chain(op, lhs, &mut operands);
            flatten_chain(op, rhs, &mut operands);
            // Operands are compared without their parentheses, as go vet
            // does: a chain that collapsed to `true` must not stay `(true)`.
            let mut kept: Vec<GoExpr> = Vec::new();
            let mut compared: Vec<String> = Vec::new();
            for o in operands {
                let v = match self.chain_comparison(op, o, &mut compared) {
                    Some(v) => v,
                    None => self.expr(c, o),
                };
                if !kept.iter().any(|k| k.text == v.text) {
                    kept.push(v);
                }
            }
            if kept.len() == 1 {
                return kept.remove(0);
            }
            if !kept.is_empty() {
                let sym = if op == BinOp::And { "&&" } else { "||" };
                let p = binary_prec(sym);
                let texts: Vec<String> = kept.iter().map(|k| k.at(p + 1)).collect();
                return GoExpr::with_prec(texts.join(&format!(" {sym} ")), p);
            }
        }
        let l = self.expr(c, lhs);
        let mut pre = Code::new();
        let r = self.expr(&mut pre, rhs);
        if !pre.is_empty() {
            if matches!(op, BinOp::And | BinOp::Or) {
                // Keep short-circuiting: the right side runs only when needed.
                let t = self.fresh("ard_t");
                c.line(format!("{t} := {}", l.text));
                if op == BinOp::And {
                    c.line(format!("if {t} {{"));
                } else {
                    c.line(format!("if !{t} {{"));
                }
                c.extend(pre);
                c.line(format!("{t} = {}", r.text));
                c.line("}");
                c.terminated = false;
                return GoExpr::primary(t);
            }
            let t = self.temp(c, &l);
            c.extend(pre);
            c.terminated = false;
            return self.binary_text(op, GoExpr::primary(t), r, lhs, rhs);
        }
        self.binary_text(op, l, r, lhs, rhs)
    }

    fn binary_text(&mut self, op: BinOp, l: GoExpr, r: GoExpr, lhs: &Expr, rhs: &Expr) -> GoExpr {
        let sym = go_op(op);
        if let Type::Maybe(_) = &lhs.ty
            && matches!(op, BinOp::Eq | BinOp::NotEq)
        {
            self.l.import("ard2go.dev/rt");
            let call = format!("rt.MaybeEq({}, {})", l.text, r.text);
            return if op == BinOp::Eq {
                GoExpr::primary(call)
            } else {
                GoExpr::with_prec(format!("!{call}"), PREC_UNARY)
            };
        }
        // A constant zero divisor would be a Go compile error; Ard faults
        // at run time instead.
        if matches!(op, BinOp::Div | BinOp::Rem) && lhs.ty == Type::Int && self.is_const_zero(rhs) {
            self.l.import("ard2go.dev/rt");
            let f = if op == BinOp::Div { "IntDiv" } else { "IntRem" };
            return GoExpr::primary(format!("rt.{f}({}, {})", l.text, r.text));
        }
        let p = binary_prec(sym);
        // Go operators are left-associative: the right operand needs
        // parentheses at equal precedence.
        GoExpr::with_prec(format!("{} {sym} {}", l.at(p), r.at(p + 1)), p)
    }

    /// In a pure `||` chain, `x != 1 || x != 2` is always true (and in an
    /// `&&` chain `x == 1 && x == 2` always false), but it is what the user
    /// wrote; go vet rejects it as "suspect or/and". A comparison of the
    /// chain's kind whose operand was already compared in the chain is
    /// written `!(x == 2)` instead, which vet does not look at; the first
    /// one is written the usual way. `None` means the operand is not such a
    /// comparison.
    fn chain_comparison(
        &mut self,
        chain: BinOp,
        o: &Expr,
        compared: &mut Vec<String>,
    ) -> Option<GoExpr> {
        let (cmp, inner) = if chain == BinOp::Or {
            (BinOp::NotEq, "==")
        } else {
            (BinOp::Eq, "!=")
        };
        let ExprKind::Binary { op, lhs, rhs } = &o.kind else {
            return None;
        };
        if *op != cmp
            || !matches!(
                lhs.ty,
                Type::Int | Type::Float | Type::Str | Type::Bool | Type::Enum(_)
            )
        {
            return None;
        }
        let mut pre = Code::new();
        let (l, r) = (self.expr(&mut pre, lhs), self.expr(&mut pre, rhs));
        if !pre.is_empty() {
            return None;
        }
        let (lt, rt) = (l.at(4), r.at(4));
        let v = if compared.contains(&lt) || compared.contains(&rt) {
            GoExpr::with_prec(format!("!({lt} {inner} {rt})"), PREC_UNARY)
        } else {
            self.binary_text(*op, l, r, lhs, rhs)
        };
        compared.push(lt);
        compared.push(rt);
        Some(v)
    }

    pub(crate) fn is_const_zero(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Int(0) => true,
            ExprKind::Global(g) => self.l.prog.global(*g).constant == Some(Const::Int(0)),
            ExprKind::Unary { operand, .. } => self.is_const_zero(operand),
            _ => false,
        }
    }

    fn try_expr(
        &mut self,
        c: &mut Code,
        operand: &Expr,
        catch: Option<&(Option<LocalId>, Block)>,
        ret: &Type,
    ) -> GoExpr {
        let v = self.expr(c, operand);
        let t = self.fresh("ard_r");
        c.line(format!("{t} := {}", v.text));
        c.line(format!("if !{t}.Ok {{"));
        let mut fail = Code::new();
        match catch {
            None => {
                self.l.import("ard2go.dev/rt");
                match ret {
                    Type::Result(a, b) => {
                        let (a, b) = (self.l.go_type(a), self.l.go_type(b));
                        fail.line(format!("return rt.Err[{a}, {b}]({t}.Err)"));
                    }
                    Type::Maybe(a) => {
                        let a = self.l.go_type(a);
                        fail.line(format!("return rt.None[{a}]()"));
                    }
                    _ => fail.line("return"),
                }
                fail.terminated = true;
            }
            Some((binding, block)) => {
                if let Some(b) = binding {
                    let name = self.local_name(*b);
                    fail.line(format!("{name} := {t}.Err"));
                    if !self.is_read(*b) {
                        fail.line(format!("_ = {name}"));
                    }
                }
                let saved = std::mem::replace(&mut self.ret, ret.clone());
                if is_void(ret) {
                    self.block_into(&mut fail, block, &Dest::Discard);
                    if !fail.terminated {
                        fail.line("return");
                    }
                } else {
                    self.block_into(&mut fail, block, &Dest::Return);
                }
                self.ret = saved;
            }
        }
        c.extend(fail);
        c.line("}");
        c.terminated = false;
        if needs_structured(operand) {
            // already lowered into statements above
        }
        GoExpr::primary(format!("{t}.Val"))
    }

    /// A closure literal.
    pub fn closure(&mut self, cl: &Closure) -> GoExpr {
        let params: Vec<String> = cl
            .params
            .iter()
            .map(|p| format!("{} {}", self.local_name(p.local), self.l.go_type(&p.ty)))
            .collect();
        let saved_ret = std::mem::replace(&mut self.ret, cl.ret.clone());
        let saved_loops = std::mem::take(&mut self.loops);
        let mut body = Code::new();
        self.body(&mut body, &cl.body, &cl.ret);
        self.loops = saved_loops;
        self.ret = saved_ret;
        GoExpr::primary(format!(
            "func({}){} {{\n{}}}",
            params.join(", "),
            self.l.go_result(&cl.ret),
            body.text()
        ))
    }

    /// `async::start(body)`: a goroutine with a fresh world.
    fn start_fiber(&mut self, _c: &mut Code, body: &Expr, ty: &Type) -> GoExpr {
        self.l.import("ard2go.dev/rt");
        let saved_world = self.world;
        self.world = true;
        let inner = match &body.kind {
            ExprKind::Closure(cl) => {
                let saved_ret = std::mem::replace(&mut self.ret, Type::Void);
                let saved_loops = std::mem::take(&mut self.loops);
                let mut b = Code::new();
                self.body(&mut b, &cl.body, &Type::Void);
                self.loops = saved_loops;
                self.ret = saved_ret;
                let needs = super::world::block_needs_world(
                    self.l.prog,
                    (&self.l.needs_world, &self.l.shared, &self.l.stateful),
                    self.module,
                    &cl.body,
                );
                if needs {
                    format!("w := newWorld()\n{}", b.text())
                } else {
                    b.text()
                }
            }
            ExprKind::FnValue { func, .. } => {
                let name = self.l.names.funcs[func.0 as usize].clone();
                let m = self.l.prog.func(*func).module;
                // The fiber runs the function's module as a fresh program.
                let enter = if self.l.stateful[m.0 as usize] && m != self.l.prog.entry {
                    format!("w.{}_()\n", self.l.names.world_fields[m.0 as usize])
                } else {
                    String::new()
                };
                let needs = self.l.needs_world[func.0 as usize];
                match (needs, enter.is_empty()) {
                    (true, _) => format!("w := newWorld()\n{enter}{name}(w)\n"),
                    (false, false) => format!("w := newWorld()\n{enter}{name}()\n"),
                    (false, true) => format!("{name}()\n"),
                }
            }
            _ => String::new(),
        };
        self.world = saved_world;
        let start = format!("rt.Start(func() {{\n{inner}}})");
        match ty {
            Type::Struct(s, _) => {
                let name = self.l.names.structs[s.0 as usize].clone();
                let field = self
                    .l
                    .prog
                    .strukt(*s)
                    .fields
                    .first()
                    .map(|f| f.0.clone())
                    .unwrap_or_default();
                GoExpr::with_prec(
                    format!("&{name}{{{}: {start}}}", super::names::go_ident(&field)),
                    PREC_UNARY,
                )
            }
            _ => GoExpr::primary(start),
        }
    }
}

/// The operands of a chain `a op b op c` (parentheses included).
fn flatten_chain<'e>(op: BinOp, e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match &e.kind {
        ExprKind::Binary { op: o, lhs, rhs } if *o == op => {
            flatten_chain(op, lhs, out);
            flatten_chain(op, rhs, out);
        }
        _ => out.push(e),
    }
}

/// No calls or other effects: evaluating it twice or not at all is the same.
pub(crate) fn is_pure(e: &Expr) -> bool {
    let mut pure = true;
    crate::tir::walk::exprs_in_expr(e, &mut |x: &Expr| {
        if !matches!(
            x.kind,
            ExprKind::Int(_)
                | ExprKind::Float(_)
                | ExprKind::Str(_)
                | ExprKind::Bool(_)
                | ExprKind::Local(_)
                | ExprKind::Global(_)
                | ExprKind::Field { .. }
                | ExprKind::Unary { .. }
                | ExprKind::Binary { .. }
                | ExprKind::Variant { .. }
        ) {
            pure = false;
        }
    });
    pure
}

/// The Go operator for a binary operator.
pub(super) fn go_op(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
        BinOp::Rem => "%",
        BinOp::Eq => "==",
        BinOp::NotEq => "!=",
        BinOp::Lt => "<",
        BinOp::LtEq => "<=",
        BinOp::Gt => ">",
        BinOp::GtEq => ">=",
        BinOp::And => "&&",
        BinOp::Or => "||",
    }
}

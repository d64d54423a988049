//! Which functions need the program "world" (module state).
//!
//! Every module's top-level state lives in a per-world struct; a fiber runs
//! against a new world (fibers.md §5, decision F3). Only code that can reach
//! module state takes the world as a parameter `w *world`: a function needs
//! it if it reads or writes a non-constant top-level variable, calls a
//! function that needs it, or makes a function value of one. A fiber body
//! creates its own world, so starting a fiber does not need the caller's.

use crate::tir::walk::{Visit, exprs_in_block};
use crate::tir::*;
use std::collections::HashMap;

/// The results of the analysis.
pub(crate) struct WorldInfo {
    /// Per function: takes `w *world`.
    pub needs: Vec<bool>,
    /// Per global: computed once per process and shared by every world
    /// (immutable, with a pure initialiser: nobody can tell the difference).
    pub shared: Vec<bool>,
    /// Per module: has per-world state or top-level effects to initialise.
    pub stateful: Vec<bool>,
}

/// Standard-library modules whose externs have no effects.
const PURE_EXTERN_MODULES: &[&str] = &[
    "int", "float", "list", "string", "dynamic", "json", "decode", "duration",
];

pub(crate) fn analyse(prog: &Program) -> WorldInfo {
    // Shared values and stateful modules depend on each other (calling into a
    // stateful module initialises it, which is an effect): start from "every
    // module with top-level code is stateful" and refine to a fixpoint.
    let n = prog.modules.len();
    let mut stateful = vec![true; n];
    let mut shared = shared_globals(prog, &stateful);
    for _ in 0..8 {
        let next: Vec<bool> = (0..n)
            .map(|m| module_is_stateful(prog, &shared, ModuleId(m as u32)))
            .collect();
        if next == stateful {
            break;
        }
        stateful = next;
        shared = shared_globals(prog, &stateful);
    }
    let needs = needs_world(prog, &shared, &stateful);
    WorldInfo {
        needs,
        shared,
        stateful,
    }
}

/// Calling `callee` from code of module `from` enters another module that
/// must first be initialised in the current world (F4: on first use).
pub(crate) fn enters_module(
    prog: &Program,
    stateful: &[bool],
    from: ModuleId,
    callee: FnId,
) -> bool {
    let m = prog.func(callee).module;
    m != from && m != prog.entry && stateful[m.0 as usize]
}

/// Does the module have per-world state or top-level code with effects?
fn module_is_stateful(prog: &Program, shared: &[bool], m: ModuleId) -> bool {
    prog.module(m)
        .init
        .block
        .stmts
        .iter()
        .any(|s| match &s.kind {
            StmtKind::GlobalInit { global, .. } => {
                prog.global(*global).constant.is_none() && !shared[global.0 as usize]
            }
            _ => true,
        })
}

/// Facts about one body used by the purity analysis.
#[derive(Default)]
struct Effects {
    /// Does something impure by itself (I/O extern, fiber, writes module
    /// state, calls an unknown function value or a trait method).
    impure: bool,
    /// Globals it reads.
    reads: Vec<GlobalId>,
    /// Functions it calls.
    calls: Vec<FnId>,
    /// Makes function values (closures, named functions, bound methods).
    makes_fns: bool,
    /// Reads locals of an enclosing body.
    reads_locals: bool,
}

/// What to scan.
enum Code<'a> {
    Block(&'a Block),
    Expr(&'a Expr),
}

fn effects_of(prog: &Program, stateful: &[bool], module: ModuleId, code: Code<'_>) -> Effects {
    struct Scan<'p> {
        prog: &'p Program,
        stateful: &'p [bool],
        module: ModuleId,
        fx: Effects,
    }
    impl<'a> Visit<'a> for Scan<'_> {
        fn expr(&mut self, e: &'a Expr) {
            match &e.kind {
                ExprKind::Global(g) => self.fx.reads.push(*g),
                ExprKind::Call { func, .. } => {
                    if enters_module(self.prog, self.stateful, self.module, *func) {
                        self.fx.impure = true;
                    }
                    if let FnKind::Extern(binding) = &self.prog.func(*func).kind {
                        let module = binding.split('.').next().unwrap_or_default();
                        if !PURE_EXTERN_MODULES.contains(&module) {
                            self.fx.impure = true;
                        }
                    }
                    self.fx.calls.push(*func)
                }
                ExprKind::MethodCall { func, .. } => {
                    if enters_module(self.prog, self.stateful, self.module, *func) {
                        self.fx.impure = true;
                    }
                    self.fx.calls.push(*func)
                }
                ExprKind::TraitCall { .. }
                | ExprKind::CallValue { .. }
                | ExprKind::StartFiber(_) => self.fx.impure = true,
                ExprKind::FnValue { func, .. } | ExprKind::MethodValue { func, .. } => {
                    self.fx.makes_fns = true;
                    self.fx.calls.push(*func)
                }
                ExprKind::Closure(_) => self.fx.makes_fns = true,
                ExprKind::Local(_) => self.fx.reads_locals = true,
                _ => {}
            }
        }
        fn stmt(&mut self, s: &'a Stmt) {
            if let StmtKind::Assign {
                place: Place::Global(_),
                ..
            } = &s.kind
            {
                self.fx.impure = true;
            }
            if let StmtKind::LocalFn { .. } = &s.kind {
                self.fx.makes_fns = true;
            }
        }
    }
    let mut scan = Scan {
        prog,
        stateful,
        module,
        fx: Effects::default(),
    };
    match code {
        Code::Block(b) => exprs_in_block(b, &mut scan),
        Code::Expr(e) => crate::tir::walk::exprs_in_expr(e, &mut scan),
    }
    scan.fx
}

/// Top-level `let` bindings whose value can be computed once per process.
fn shared_globals(prog: &Program, stateful: &[bool]) -> Vec<bool> {
    let fn_fx: Vec<Effects> = prog
        .functions
        .iter()
        .map(|f| {
            if let FnKind::Extern(binding) = &f.kind {
                let module = binding.split('.').next().unwrap_or_default();
                return Effects {
                    impure: !PURE_EXTERN_MODULES.contains(&module),
                    ..Effects::default()
                };
            }
            effects_of(prog, stateful, f.module, Code::Block(&f.body.block))
        })
        .collect();
    // The initialiser of each global.
    let mut init: Vec<Option<&Expr>> = vec![None; prog.globals.len()];
    for m in &prog.modules {
        for s in &m.init.block.stmts {
            if let StmtKind::GlobalInit { global, value } = &s.kind {
                init[global.0 as usize] = Some(value);
            }
        }
    }
    let mut shared: Vec<bool> = prog
        .globals
        .iter()
        .enumerate()
        .map(|(i, g)| {
            !g.mutable && g.constant.is_none() && init[i].is_some() && !has_fn_type(prog, &g.ty)
        })
        .collect();
    let mut pure: Vec<bool> = fn_fx.iter().map(|fx| !fx.impure).collect();
    // Greatest fixpoint: drop whatever depends on something impure.
    loop {
        let mut changed = false;
        for (i, fx) in fn_fx.iter().enumerate() {
            if pure[i]
                && (fx.calls.iter().any(|c| !pure[c.0 as usize])
                    || fx
                        .reads
                        .iter()
                        .any(|g| !shared[g.0 as usize] && prog.global(*g).constant.is_none()))
            {
                pure[i] = false;
                changed = true;
            }
        }
        for g in 0..shared.len() {
            if !shared[g] {
                continue;
            }
            let Some(value) = init[g] else { continue };
            let fx = effects_of(
                prog,
                stateful,
                prog.global(GlobalId(g as u32)).module,
                Code::Expr(value),
            );
            let ok = !fx.impure
                && !fx.makes_fns
                && !fx.reads_locals
                && fx.calls.iter().all(|c| pure[c.0 as usize])
                && fx
                    .reads
                    .iter()
                    .all(|r| shared[r.0 as usize] || prog.global(*r).constant.is_some());
            if !ok {
                shared[g] = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // A shared value must not depend on itself through the functions it
    // calls (its initialisation would wait for itself).
    let cyclic: Vec<usize> = (0..shared.len())
        .filter(|&g| shared[g] && depends_on(prog, stateful, &fn_fx, &init, GlobalId(g as u32)))
        .collect();
    for g in cyclic {
        shared[g] = false;
    }
    shared
}

fn depends_on(
    prog: &Program,
    stateful: &[bool],
    fn_fx: &[Effects],
    init: &[Option<&Expr>],
    target: GlobalId,
) -> bool {
    let Some(value) = init[target.0 as usize] else {
        return false;
    };
    let module = prog.global(target).module;
    let fx = effects_of(prog, stateful, module, Code::Expr(value));
    let mut seen_fns = std::collections::HashSet::new();
    let mut seen_globals = std::collections::HashSet::new();
    let mut fns: Vec<FnId> = fx.calls.clone();
    let mut globals: Vec<GlobalId> = fx.reads.clone();
    loop {
        if let Some(g) = globals.pop() {
            if g == target {
                return true;
            }
            if seen_globals.insert(g)
                && let Some(v) = init[g.0 as usize]
            {
                let fx = effects_of(prog, stateful, prog.global(g).module, Code::Expr(v));
                fns.extend(fx.calls);
                globals.extend(fx.reads);
            }
            continue;
        }
        let Some(f) = fns.pop() else { return false };
        if seen_fns.insert(f) {
            let fx = &fn_fx[f.0 as usize];
            fns.extend(fx.calls.iter().copied());
            globals.extend(fx.reads.iter().copied());
        }
    }
}

/// Does a value of this type hold functions (which could capture a world)?
fn has_fn_type(prog: &Program, t: &Type) -> bool {
    fn go(prog: &Program, t: &Type, seen: &mut Vec<StructId>) -> bool {
        let mut found = false;
        t.walk(&mut |x| match x {
            Type::Fn(_) | Type::Trait(_) | Type::Param(_) => found = true,
            Type::Struct(s, _) if !seen.contains(s) => {
                seen.push(*s);
                for (_, ft) in &prog.strukt(*s).fields {
                    if go(prog, ft, seen) {
                        found = true;
                    }
                }
            }
            Type::Union(u) => {
                for m in &prog.union(*u).members {
                    if go(prog, m, seen) {
                        found = true;
                    }
                }
            }
            _ => {}
        });
        found
    }
    go(prog, t, &mut Vec::new())
}

fn needs_world(prog: &Program, shared: &[bool], stateful: &[bool]) -> Vec<bool> {
    let n = prog.functions.len();
    let mut needs = vec![false; n];
    // Direct needs and the call graph.
    let mut calls: Vec<Vec<FnId>> = vec![Vec::new(); n];
    let mut trait_calls: Vec<Vec<(TraitId, usize)>> = vec![Vec::new(); n];
    for (i, f) in prog.functions.iter().enumerate() {
        let (direct, callees) = scan_block(prog, shared, &f.body.block);
        let enters = callees
            .iter()
            .any(|c| enters_module(prog, stateful, f.module, *c));
        needs[i] = direct || enters;
        calls[i] = callees;
        trait_calls[i] = trait_calls_in(&f.body.block);
    }
    // Methods implementing the same trait method must agree, because the Go
    // interface has one signature.
    let mut trait_groups: HashMap<(TraitId, String), Vec<usize>> = HashMap::new();
    for (owner, tr) in &prog.impls {
        for m in &prog.trait_(*tr).methods {
            for (i, f) in prog.functions.iter().enumerate() {
                if f.name == m.name
                    && matches!(f.kind, FnKind::Method { owner: o, .. } if o == *owner)
                {
                    trait_groups
                        .entry((*tr, m.name.clone()))
                        .or_default()
                        .push(i);
                }
            }
        }
    }
    loop {
        let mut changed = false;
        for i in 0..n {
            if !needs[i]
                && (calls[i].iter().any(|c| needs[c.0 as usize])
                    || trait_calls[i]
                        .iter()
                        .any(|(t, m)| trait_method_needs_world(prog, &needs, *t, *m)))
            {
                needs[i] = true;
                changed = true;
            }
        }
        for group in trait_groups.values() {
            if group.iter().any(|&i| needs[i]) {
                for &i in group {
                    if !needs[i] {
                        needs[i] = true;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    needs
}

/// Does the trait method need the world (any implementation does)?
pub(crate) fn trait_method_needs_world(
    prog: &Program,
    needs: &[bool],
    tr: TraitId,
    method: usize,
) -> bool {
    let name = &prog.trait_(tr).methods[method].name;
    prog.impls
        .iter()
        .filter(|(_, t)| *t == tr)
        .any(|(owner, _)| {
            prog.functions.iter().enumerate().any(|(i, f)| {
                &f.name == name
                    && matches!(f.kind, FnKind::Method { owner: o, .. } if o == *owner)
                    && needs[i]
            })
        })
}

/// (touches module state directly, functions referenced) for a block,
/// not counting the bodies of fibers it starts.
fn scan_block(prog: &Program, shared: &[bool], b: &Block) -> (bool, Vec<FnId>) {
    struct Scan<'p> {
        prog: &'p Program,
        shared: &'p [bool],
        direct: bool,
        callees: Vec<FnId>,
    }
    impl<'a> Visit<'a> for Scan<'_> {
        fn expr(&mut self, e: &'a Expr) {
            match &e.kind {
                ExprKind::Global(g)
                    if self.prog.global(*g).constant.is_none() && !self.shared[g.0 as usize] =>
                {
                    self.direct = true
                }
                ExprKind::Call { func, .. }
                | ExprKind::MethodCall { func, .. }
                | ExprKind::FnValue { func, .. }
                | ExprKind::MethodValue { func, .. } => self.callees.push(*func),
                _ => {}
            }
        }
        fn stmt(&mut self, s: &'a Stmt) {
            if let StmtKind::Assign {
                place: Place::Global(_),
                ..
            } = &s.kind
            {
                self.direct = true;
            }
        }
        fn enter_fibers(&self) -> bool {
            false
        }
    }
    let mut scan = Scan {
        prog,
        shared,
        direct: false,
        callees: Vec::new(),
    };
    exprs_in_block(b, &mut scan);
    (scan.direct, scan.callees)
}

/// Does code in this block need the world (directly or through calls)?
pub(crate) fn block_needs_world(
    prog: &Program,
    info: (&[bool], &[bool], &[bool]),
    module: ModuleId,
    b: &Block,
) -> bool {
    let (needs, shared, stateful) = info;
    let (direct, callees) = scan_block(prog, shared, b);
    direct
        || trait_calls_in(b)
            .iter()
            .any(|(t, m)| trait_method_needs_world(prog, needs, *t, *m))
        || callees
            .iter()
            .any(|f| needs[f.0 as usize] || enters_module(prog, stateful, module, *f))
}

/// Modules the generated program needs: the entry, its imports, and every
/// module whose functions, values or types are referenced by needed code.
/// Prelude modules nobody uses are left out of the Go output. With `tests`,
/// test functions are needed code and their modules are roots too;
/// otherwise they are left out.
pub(crate) fn used_modules(prog: &Program, tests: bool) -> Vec<bool> {
    let mut used = vec![false; prog.modules.len()];
    let mut work = vec![prog.entry];
    if tests {
        work.extend(prog.tests.iter().map(|&t| prog.func(t).module));
    }
    let needed = |f: &&Function| tests || f.kind != FnKind::Test;
    while let Some(m) = work.pop() {
        if std::mem::replace(&mut used[m.0 as usize], true) {
            continue;
        }
        let mut refs: Vec<ModuleId> = prog.module(m).imports.clone();
        let mut types: Vec<Type> = Vec::new();
        {
            let mut visit = |e: &Expr| {
                types.push(e.ty.clone());
                match &e.kind {
                    ExprKind::Call { func, .. }
                    | ExprKind::MethodCall { func, .. }
                    | ExprKind::FnValue { func, .. }
                    | ExprKind::MethodValue { func, .. } => refs.push(prog.func(*func).module),
                    ExprKind::Global(g) => refs.push(prog.global(*g).module),
                    _ => {}
                }
            };
            exprs_in_block(&prog.module(m).init.block, &mut visit);
            for f in prog
                .functions
                .iter()
                .filter(|f| f.module == m)
                .filter(needed)
            {
                exprs_in_block(&f.body.block, &mut visit);
            }
        }
        for f in prog
            .functions
            .iter()
            .filter(|f| f.module == m)
            .filter(needed)
        {
            types.extend(f.params.iter().map(|p| p.ty.clone()));
            types.push(f.ret.clone());
            types.extend(f.body.locals.iter().map(|l| l.ty.clone()));
        }
        for s in prog.structs.iter().filter(|s| s.module == m) {
            types.extend(s.fields.iter().map(|(_, t)| t.clone()));
        }
        for u in prog.unions.iter().filter(|u| u.module == m) {
            types.extend(u.members.iter().cloned());
        }
        for t in prog.traits.iter().filter(|t| t.module == m) {
            for sig in &t.methods {
                types.extend(sig.params.iter().cloned());
                types.push(sig.ret.clone());
            }
        }
        for t in &types {
            t.walk(&mut |x| match x {
                Type::Struct(s, _) => refs.push(prog.strukt(*s).module),
                Type::Enum(e) => refs.push(prog.enm(*e).module),
                Type::Union(u) => refs.push(prog.union(*u).module),
                Type::Trait(t) => refs.push(prog.trait_(*t).module),
                _ => {}
            });
        }
        // Traits implemented by this module's types.
        for (owner, tr) in &prog.impls {
            let om = match owner {
                Owner::Struct(s) => prog.strukt(*s).module,
                Owner::Enum(e) => prog.enm(*e).module,
            };
            if om == m {
                refs.push(prog.trait_(*tr).module);
            }
        }
        work.extend(refs.into_iter().filter(|r| !used[r.0 as usize]));
    }
    used
}

/// The trait methods a block calls (their implementations may need the world).
fn trait_calls_in(b: &Block) -> Vec<(TraitId, usize)> {
    let mut out = Vec::new();
    exprs_in_block(b, &mut |e: &Expr| {
        if let ExprKind::TraitCall { trait_, method, .. } = &e.kind {
            out.push((*trait_, *method));
        }
    });
    out
}

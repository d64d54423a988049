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

pub(crate) fn analyse(prog: &Program) -> Vec<bool> {
    let n = prog.functions.len();
    let mut needs = vec![false; n];
    // Direct needs and the call graph.
    let mut calls: Vec<Vec<FnId>> = vec![Vec::new(); n];
    for (i, f) in prog.functions.iter().enumerate() {
        let (direct, callees) = scan_block(prog, &f.body.block);
        needs[i] = direct;
        calls[i] = callees;
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
            if !needs[i] && calls[i].iter().any(|c| needs[c.0 as usize]) {
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
fn scan_block(prog: &Program, b: &Block) -> (bool, Vec<FnId>) {
    struct Scan<'p> {
        prog: &'p Program,
        direct: bool,
        callees: Vec<FnId>,
    }
    impl<'a> Visit<'a> for Scan<'_> {
        fn expr(&mut self, e: &'a Expr) {
            match &e.kind {
                ExprKind::Global(g) if self.prog.global(*g).constant.is_none() => {
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
        direct: false,
        callees: Vec::new(),
    };
    exprs_in_block(b, &mut scan);
    (scan.direct, scan.callees)
}

/// Does code in this block need the world (directly or through calls)?
pub(crate) fn block_needs_world(prog: &Program, needs: &[bool], b: &Block) -> bool {
    let (direct, callees) = scan_block(prog, b);
    direct || callees.iter().any(|f| needs[f.0 as usize])
}

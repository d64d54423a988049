//! The lowering context of one Go function body: local names, temporaries,
//! loops (for labelled `break`), and where a value goes (`Dest`).

use super::Lowerer;
use super::code::{Code, GoExpr};
use super::names::go_ident;
use super::types::is_void;
use crate::tir::*;
use std::collections::{HashMap, HashSet};

/// Where the value of an expression goes.
#[derive(Clone, Debug)]
pub(crate) enum Dest {
    /// Evaluate for effect only.
    Discard,
    /// Assign to this Go place.
    Assign(String),
    /// Return from the enclosing Go function.
    Return,
}

pub(crate) struct LoopCx {
    pub label: String,
    pub used: bool,
    /// `switch` statements opened inside this loop so far; a `break` inside
    /// one must name the loop.
    pub switch_depth: u32,
}

pub(crate) struct FnCx<'l, 'p> {
    pub l: &'l mut Lowerer<'p>,
    pub locals: &'p [Local],
    names: HashMap<LocalId, String>,
    used: HashSet<String>,
    /// The world `w` is in scope.
    pub world: bool,
    pub loops: Vec<LoopCx>,
    /// Return type of the innermost Go function being generated.
    pub ret: Type,
    /// The module whose code this is.
    pub module: ModuleId,
    /// Locals that are read somewhere (others need `_ = x` for Go).
    reads: HashSet<LocalId>,
    /// `mut` parameters, passed as pointers.
    refs: HashSet<LocalId>,
    /// List elements updated in place (`inplace`).
    pub in_place: super::inplace::InPlace,
}

impl<'l, 'p> FnCx<'l, 'p> {
    pub fn new(
        l: &'l mut Lowerer<'p>,
        locals: &'p [Local],
        world: bool,
        ret: Type,
    ) -> FnCx<'l, 'p> {
        let mut used = HashSet::new();
        for n in ["w", "self", "rt", "strconv", "strings", "math"] {
            used.insert(n.to_string());
        }
        FnCx {
            l,
            locals,
            names: HashMap::new(),
            used,
            world,
            loops: Vec::new(),
            ret,
            module: ModuleId(0),
            reads: HashSet::new(),
            refs: HashSet::new(),
            in_place: Default::default(),
        }
    }

    /// Keep a name out of the user's way (`s` in module initialisers).
    pub fn reserve(&mut self, name: &str) {
        self.used.insert(name.to_string());
    }

    /// A name unique in this function and not a package-level name.
    pub fn fresh(&mut self, base: &str) -> String {
        let ok = |s: &Self, n: &str| !s.used.contains(n) && !s.l.names.package.contains(n);
        if ok(self, base) {
            self.used.insert(base.to_string());
            return base.to_string();
        }
        for i in 2.. {
            let n = format!("{base}{i}");
            if ok(self, &n) {
                self.used.insert(n.clone());
                return n;
            }
        }
        unreachable!("an unbounded counter always finds a free name")
    }

    /// The Go name of a local (assigned on first use).
    pub fn local_name(&mut self, id: LocalId) -> String {
        if let Some(n) = self.names.get(&id) {
            return n.clone();
        }
        let base = go_ident(&self.locals[id.0 as usize].name);
        let n = self.fresh(&base);
        self.names.insert(id, n.clone());
        n
    }

    /// Give a local a fixed Go name (the receiver `self`).
    pub fn bind_local(&mut self, id: LocalId, name: &str) -> String {
        self.used.insert(name.to_string());
        self.names.insert(id, name.to_string());
        name.to_string()
    }

    pub fn local_ty(&self, id: LocalId) -> &'p Type {
        &self.locals[id.0 as usize].ty
    }

    /// A new temporary holding `value`.
    pub fn temp(&mut self, c: &mut Code, value: &GoExpr) -> String {
        let t = self.fresh("ard_t");
        c.line(format!("{t} := {}", value.text));
        t
    }

    /// A new temporary declared with its zero value (`var t T`).
    pub fn temp_var(&mut self, c: &mut Code, ty: &Type) -> String {
        let t = self.fresh("ard_t");
        c.line(format!("var {t} {}", self.l.go_type(ty)));
        t
    }

    /// Initialise the module of `callee` in this world first, when calling
    /// it enters another stateful module (F4: modules start on first use).
    pub fn enter_module(&mut self, c: &mut Code, callee: FnId) {
        let l = &self.l;
        if super::world::enters_module(l.prog, &l.stateful, self.module, callee) {
            let m = l.prog.func(callee).module;
            c.line(format!("w.{}_()", l.names.world_fields[m.0 as usize]));
        }
    }

    /// Record which locals of `b` are read.
    pub fn scan_reads(&mut self, b: &Block) {
        let reads = &mut self.reads;
        crate::tir::walk::exprs_in_block(b, &mut |e: &Expr| {
            if let ExprKind::Local(l) = e.kind {
                reads.insert(l);
            }
        });
    }

    /// Mark a parameter as passed by reference (a Go pointer).
    pub fn set_ref(&mut self, l: LocalId) {
        self.refs.insert(l);
    }

    pub fn is_ref(&self, l: LocalId) -> bool {
        self.refs.contains(&l)
    }

    pub fn is_read(&self, l: LocalId) -> bool {
        self.reads.contains(&l)
    }

    /// A function body: statements, then the tail value returned.
    pub fn body(&mut self, c: &mut Code, b: &Block, ret: &Type) {
        self.scan_reads(b);
        if is_void(ret) {
            self.block_into(c, b, &Dest::Discard);
        } else {
            self.block_into(c, b, &Dest::Return);
        }
    }

    /// Lower a block's statements, then its tail into `dest`.
    pub fn block_into(&mut self, c: &mut Code, b: &Block, dest: &Dest) {
        for s in &b.stmts {
            if c.terminated {
                return;
            }
            self.stmt(c, s);
        }
        if c.terminated {
            return;
        }
        match &b.tail {
            Some(t) => self.expr_into(c, t, dest),
            None => {
                if let Dest::Assign(x) = dest {
                    // A Void-valued block assigned somewhere.
                    c.line(format!("{x} = struct{{}}{{}}"));
                }
            }
        }
    }

    /// Emit `//line` for a statement's position.
    pub fn line_at(&mut self, c: &mut Code, span: crate::source::Span) {
        let d = self.l.line_directive(span);
        if c.lines.last() != Some(&d) {
            c.line(d);
        }
    }
}

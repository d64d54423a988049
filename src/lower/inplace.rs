//! In-place updates of list elements (docs/performance.md, "structs").
//!
//! `mut p = xs.at(i)` deep-copies the element (types.md §7.4): somebody
//! else may hold the same struct and must keep seeing the old values. The
//! copy is a heap allocation per iteration in the common loop
//!
//! ```ard
//! mut p = xs.at(i)
//! p.advance(0.1)
//! xs.set(i, p)
//! ```
//!
//! This analysis finds the cases where nobody else can hold the element, so
//! that `p` may be the element itself and the copy is skipped. It is
//! deliberately narrow (one function at a time, no flow analysis), and says
//! "copy" whenever it is unsure. It requires:
//!
//! 1. `xs` is a local list, declared in this function with fresh elements,
//!    of a struct whose fields are all primitive (so reading a field never
//!    shares anything);
//! 2. every use of `xs` keeps its elements unshared: `push`/`prepend`/`set`
//!    of fresh structs, `size`, `swap`, `at(k)` that is copied, whose field
//!    is read or whose non-leaking method is called, `for v in xs` whose
//!    body does not mention `xs` and only reads `v` the same ways, and the
//!    update pattern itself;
//! 3. the pattern: `mut p = xs.at(i)`, then statements of the same block
//!    that do not mention `xs`, assign `i` or `p`, `break` or `try`, then
//!    `xs.set(i, p)`; in the rest of the block `p` is only read, has its
//!    fields assigned or gets non-leaking method calls.
//!
//! A method does not leak its receiver when its body only reads and
//! assigns `@` fields and calls non-leaking methods on `@`.

use std::collections::HashSet;

use crate::tir::walk::{Visit, exprs_in_block, exprs_in_expr, exprs_in_stmt};
use crate::tir::*;

/// The statements of one function body that the in-place update changes.
#[derive(Default)]
pub struct InPlace {
    /// `mut p = xs.at(i)`: `p` is the element itself, no copy.
    pub copies: HashSet<*const Stmt>,
    /// The matching `xs.set(i, p)`: stores the element into its own slot,
    /// so nothing is left to do.
    pub stores: HashSet<*const Stmt>,
}

/// The update patterns of `body` whose copy can be skipped.
pub fn in_place_updates(prog: &Program, body: &Body) -> InPlace {
    let a = Analysis { prog, body };
    let mut patterns = Vec::new();
    a.find_patterns(&body.block, &mut patterns);
    let mut out = InPlace::default();
    let owned: Vec<LocalId> = {
        let mut lists: Vec<LocalId> = patterns.iter().map(|p| p.list).collect();
        lists.sort();
        lists.dedup();
        let sets: HashSet<*const Expr> = patterns.iter().map(|p| p.set).collect();
        lists
            .into_iter()
            .filter(|&xs| a.is_owned(xs, &sets))
            .collect()
    };
    for p in patterns {
        if owned.contains(&p.list) {
            out.copies.insert(p.let_stmt);
            out.stores.insert(p.set_stmt);
        }
    }
    out
}

struct Pattern {
    list: LocalId,
    let_stmt: *const Stmt,
    set_stmt: *const Stmt,
    /// The `xs.set(i, p)` call.
    set: *const Expr,
}

struct Analysis<'p> {
    prog: &'p Program,
    body: &'p Body,
}

fn is_local(e: &Expr, l: LocalId) -> bool {
    matches!(e.kind, ExprKind::Local(x) if x == l)
}

/// `xs.at(k)`: the list local and the index.
fn list_at(e: &Expr) -> Option<(LocalId, &Expr)> {
    match &e.kind {
        ExprKind::Builtin {
            op: Builtin::ListAt,
            recv,
            args,
        } => match (&recv.kind, args.as_slice()) {
            (ExprKind::Local(xs), [k]) => Some((*xs, k)),
            _ => None,
        },
        _ => None,
    }
}

/// Visit every expression of a run of statements and an optional tail (a
/// part of a block, unlike `walk::exprs_in_block`).
fn visit<'a>(stmts: &'a [Stmt], tail: Option<&'a Expr>, v: &mut dyn Visit<'a>) {
    for s in stmts {
        exprs_in_stmt(s, v);
    }
    if let Some(t) = tail {
        exprs_in_expr(t, v);
    }
}

/// How often `l` occurs as an expression in `s`, including nested
/// closures.
fn uses_in_stmts(stmts: &[Stmt], tail: Option<&Expr>, l: LocalId) -> usize {
    let mut n = 0;
    let mut count = |e: &Expr| {
        if is_local(e, l) {
            n += 1;
        }
    };
    visit(stmts, tail, &mut count);
    n
}

/// Whether a closure in the statements mentions `l`: it may run later,
/// after the element has been updated in place again.
fn captured(stmts: &[Stmt], tail: Option<&Expr>, l: LocalId) -> bool {
    let mut found = false;
    let mut look = |e: &Expr| {
        if let ExprKind::Closure(c) = &e.kind
            && uses_in_stmts(&c.body.stmts, c.body.tail.as_deref(), l) > 0
        {
            found = true;
        }
    };
    visit(stmts, tail, &mut look);
    found
}

/// `l.field = ...`
fn assigns_field_of(s: &Stmt, l: LocalId) -> bool {
    matches!(&s.kind, StmtKind::Assign { place: Place::Field { base, .. }, .. } if is_local(base, l))
}

/// Whether any statement assigns the local `l` itself.
fn assigns(stmts: &[Stmt], l: LocalId) -> bool {
    struct Assigns(LocalId, bool);
    impl<'a> Visit<'a> for Assigns {
        fn stmt(&mut self, s: &'a Stmt) {
            if matches!(&s.kind, StmtKind::Assign { place: Place::Local(x), .. } if *x == self.0) {
                self.1 = true;
            }
        }
    }
    let mut v = Assigns(l, false);
    visit(stmts, None, &mut v);
    v.1
}

/// Whether the statements can leave the block early (`break`, `try`).
fn leaves_early(stmts: &[Stmt]) -> bool {
    struct Leaves(bool);
    impl<'a> Visit<'a> for Leaves {
        fn stmt(&mut self, s: &'a Stmt) {
            if matches!(s.kind, StmtKind::Break) {
                self.0 = true;
            }
        }
        fn expr(&mut self, e: &'a Expr) {
            if matches!(e.kind, ExprKind::Try { .. }) {
                self.0 = true;
            }
        }
    }
    let mut v = Leaves(false);
    visit(stmts, None, &mut v);
    v.0
}

impl<'p> Analysis<'p> {
    fn local(&self, l: LocalId) -> &'p Local {
        &self.body.locals[l.0 as usize]
    }

    /// A struct type whose fields are all primitive values.
    fn flat_struct(&self, t: &Type) -> bool {
        let Type::Struct(s, args) = t else {
            return false;
        };
        let def = self.prog.strukt(*s);
        (0..def.fields.len()).all(|i| {
            matches!(
                def.field_type(i, args),
                Type::Int | Type::Float | Type::Str | Type::Bool | Type::Enum(_)
            )
        })
    }

    /// Every block of the body (nested ones included), searched for the
    /// update pattern.
    fn find_patterns(&self, b: &'p Block, out: &mut Vec<Pattern>) {
        struct Blocks<'p, 'o> {
            a: &'o Analysis<'p>,
            out: &'o mut Vec<Pattern>,
        }
        impl<'p> Visit<'p> for Blocks<'p, '_> {
            fn stmt(&mut self, s: &'p Stmt) {
                for b in child_blocks(s) {
                    self.a.patterns_in(b, self.out);
                }
            }
            fn expr(&mut self, e: &'p Expr) {
                for b in expr_blocks(e) {
                    self.a.patterns_in(b, self.out);
                }
            }
        }
        self.patterns_in(b, out);
        exprs_in_block(b, &mut Blocks { a: self, out });
    }

    /// The update patterns whose `let` is a statement of `b` itself.
    fn patterns_in(&self, b: &'p Block, out: &mut Vec<Pattern>) {
        for (k, s) in b.stmts.iter().enumerate() {
            let StmtKind::Let { local: p, value } = &s.kind else {
                continue;
            };
            let ExprKind::Copy(inner) = &value.kind else {
                continue;
            };
            let Some((xs, idx)) = list_at(inner) else {
                continue;
            };
            let ExprKind::Local(i) = idx.kind else {
                continue;
            };
            if !self.local(*p).mutable || !self.flat_struct(&self.local(*p).ty) {
                continue;
            }
            // The first later statement that mentions `xs` must be the set.
            let rest = &b.stmts[k + 1..];
            let Some(m) = rest
                .iter()
                .position(|s| uses_in_stmts(std::slice::from_ref(s), None, xs) > 0)
            else {
                continue;
            };
            let StmtKind::Expr(set) = &rest[m].kind else {
                continue;
            };
            let ExprKind::Builtin {
                op: Builtin::ListSet,
                recv,
                args,
            } = &set.kind
            else {
                continue;
            };
            let [si, sp] = args.as_slice() else {
                continue;
            };
            if !is_local(recv, xs) || !is_local(si, i) || !is_local(sp, *p) {
                continue;
            }
            let between = &rest[..m];
            if leaves_early(between) || assigns(between, i) || assigns(between, *p) {
                continue;
            }
            // After the `let`, `p` is the element: it must not be shared.
            let after_set = &rest[m + 1..];
            let allowed = self.unshared_uses(between, *p)
                + 1
                + self.unshared_uses(after_set, *p)
                + usize::from(b.tail.as_ref().is_some_and(|t| self.unshared_use(t, *p)));
            if uses_in_stmts(rest, b.tail.as_deref(), *p) != allowed
                || assigns(after_set, *p)
                || captured(rest, b.tail.as_deref(), *p)
            {
                continue;
            }
            out.push(Pattern {
                list: xs,
                let_stmt: s as *const Stmt,
                set_stmt: &rest[m] as *const Stmt,
                set: set as *const Expr,
            });
        }
    }

    /// How many uses of the struct local `p` in `stmts` read it without
    /// sharing it: a field read, a field assignment, a non-leaking method
    /// call on it.
    fn unshared_uses(&self, stmts: &[Stmt], p: LocalId) -> usize {
        struct Count<'a, 'p> {
            a: &'a Analysis<'p>,
            p: LocalId,
            n: usize,
        }
        impl<'e> Visit<'e> for Count<'_, '_> {
            fn expr(&mut self, e: &'e Expr) {
                if self.a.unshared_use(e, self.p) {
                    self.n += 1;
                }
            }
            fn stmt(&mut self, s: &'e Stmt) {
                if assigns_field_of(s, self.p) {
                    self.n += 1;
                }
            }
        }
        let mut v = Count { a: self, p, n: 0 };
        visit(stmts, None, &mut v);
        v.n
    }

    /// `p.field` or `p.m(..)` with a method that does not leak `@`.
    fn unshared_use(&self, e: &Expr, p: LocalId) -> bool {
        match &e.kind {
            ExprKind::Field { base, .. } => is_local(base, p),
            ExprKind::MethodCall { func, recv, .. } => {
                is_local(recv, p) && self.method_keeps_receiver(*func, &mut Vec::new())
            }
            _ => false,
        }
    }

    /// A method whose body only reads and assigns `@` fields and calls
    /// methods that do the same on `@`. Recursion counts as leaking.
    fn method_keeps_receiver(&self, f: FnId, visiting: &mut Vec<FnId>) -> bool {
        if visiting.contains(&f) || visiting.len() > 8 {
            return false;
        }
        let func = self.prog.func(f);
        let Some(r) = func.receiver else {
            return false;
        };
        visiting.push(f);
        struct Count<'a, 'p> {
            a: &'a Analysis<'p>,
            r: LocalId,
            visiting: &'a mut Vec<FnId>,
            ok: usize,
            all: usize,
        }
        impl<'e> Visit<'e> for Count<'_, '_> {
            fn expr(&mut self, e: &'e Expr) {
                if is_local(e, self.r) {
                    self.all += 1;
                }
                match &e.kind {
                    ExprKind::Field { base, .. } if is_local(base, self.r) => self.ok += 1,
                    ExprKind::MethodCall { func, recv, .. }
                        if is_local(recv, self.r)
                            && self.a.method_keeps_receiver(*func, self.visiting) =>
                    {
                        self.ok += 1
                    }
                    _ => {}
                }
            }
            fn stmt(&mut self, s: &'e Stmt) {
                if assigns_field_of(s, self.r) {
                    self.ok += 1;
                }
            }
        }
        let mut v = Count {
            a: self,
            r,
            visiting,
            ok: 0,
            all: 0,
        };
        exprs_in_block(&func.body.block, &mut v);
        let block = &func.body.block;
        let keeps = v.ok == v.all && !captured(&block.stmts, block.tail.as_deref(), r);
        visiting.pop();
        keeps
    }

    /// A struct value nobody else holds: a literal, a copy, or a call of a
    /// function whose result is always a literal.
    fn fresh(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::StructLit { .. } | ExprKind::Copy(_) => true,
            ExprKind::Call { func, .. } => {
                let body = &self.prog.func(*func).body.block;
                matches!(
                    body.tail.as_ref().map(|t| &t.kind),
                    Some(ExprKind::StructLit { .. })
                )
            }
            _ => false,
        }
    }

    /// Requirements 1 and 2 of the module comment for the list `xs`.
    fn is_owned(&self, xs: LocalId, sets: &HashSet<*const Expr>) -> bool {
        let local = self.local(xs);
        let Type::List(elem) = &local.ty else {
            return false;
        };
        if !self.flat_struct(elem) {
            return false;
        }
        struct Check<'a, 'p> {
            a: &'a Analysis<'p>,
            xs: LocalId,
            sets: &'a HashSet<*const Expr>,
            declared: usize,
            ok: usize,
            all: usize,
            bad: bool,
        }
        impl<'e> Visit<'e> for Check<'_, '_> {
            fn expr(&mut self, e: &'e Expr) {
                let xs = self.xs;
                if is_local(e, xs) {
                    self.all += 1;
                }
                let ok = match &e.kind {
                    ExprKind::Builtin { op, recv, args } if is_local(recv, xs) => match op {
                        Builtin::ListPush | Builtin::ListPrepend => {
                            args.iter().all(|a| self.a.fresh(a))
                        }
                        Builtin::ListSet => {
                            self.sets.contains(&(e as *const Expr))
                                || args.get(1).is_some_and(|a| self.a.fresh(a))
                        }
                        Builtin::ListSize | Builtin::ListSwap => true,
                        _ => false,
                    },
                    ExprKind::Copy(inner) => list_at(inner).is_some_and(|(l, _)| l == xs),
                    ExprKind::Field { base, .. } => list_at(base).is_some_and(|(l, _)| l == xs),
                    ExprKind::MethodCall { func, recv, .. } => {
                        list_at(recv).is_some_and(|(l, _)| l == xs)
                            && self.a.method_keeps_receiver(*func, &mut Vec::new())
                    }
                    _ => false,
                };
                if ok {
                    self.ok += 1;
                }
            }
            fn stmt(&mut self, s: &'e Stmt) {
                match &s.kind {
                    StmtKind::Let { local, value } if *local == self.xs => {
                        self.declared += 1;
                        let fresh_items = match &value.kind {
                            ExprKind::List(items) => items.iter().all(|i| self.a.fresh(i)),
                            _ => false,
                        };
                        if !fresh_items {
                            self.bad = true;
                        }
                    }
                    StmtKind::Assign {
                        place: Place::Local(l),
                        ..
                    } if *l == self.xs => self.bad = true,
                    StmtKind::ForList {
                        var, list, body, ..
                    } if is_local(list, self.xs) => {
                        let stmts = &body.stmts;
                        let tail = body.tail.as_deref();
                        let var_ok = self.a.unshared_uses(stmts, *var)
                            + usize::from(tail.is_some_and(|t| self.a.unshared_use(t, *var)))
                            == uses_in_stmts(stmts, tail, *var);
                        if var_ok
                            && !captured(stmts, tail, *var)
                            && uses_in_stmts(stmts, tail, self.xs) == 0
                        {
                            self.ok += 1;
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut v = Check {
            a: self,
            xs,
            sets,
            declared: 0,
            ok: 0,
            all: 0,
            bad: false,
        };
        exprs_in_block(&self.body.block, &mut v);
        v.declared == 1 && !v.bad && v.ok == v.all
    }
}

/// The blocks directly inside a statement.
fn child_blocks(s: &Stmt) -> Vec<&Block> {
    match &s.kind {
        StmtKind::While { body, .. }
        | StmtKind::ForRange { body, .. }
        | StmtKind::ForList { body, .. }
        | StmtKind::ForMap { body, .. }
        | StmtKind::ForStr { body, .. }
        | StmtKind::ForC { body, .. } => vec![body],
        _ => vec![],
    }
}

/// The blocks directly inside an expression.
fn expr_blocks(e: &Expr) -> Vec<&Block> {
    match &e.kind {
        ExprKind::If {
            branches,
            otherwise,
        } => branches
            .iter()
            .map(|(_, b)| b)
            .chain(otherwise.as_ref())
            .collect(),
        ExprKind::Block(b) => vec![b],
        ExprKind::Closure(c) => vec![&c.body],
        ExprKind::Try {
            catch: Some((_, b)),
            ..
        } => vec![b],
        _ => vec![],
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::lower_src;

    const PRELUDE: &str = "
struct P { x: Int }
impl P {
  fn mut bump() { @x = @x + 1 }
  fn get() Int { @x }
  fn leak(mut into: [P]) { into.push(@) }
  fn later() fn() Int { fn() Int { @x } }
}
fn P::new(i: Int) P { P{ x: i } }
fn keep(xs: [P]) Int { xs.size() }
";

    /// Whether the copy of `mut p = xs.at(i)` in `body` (the body of `fn
    /// main`) is skipped.
    fn elided(body: &str) -> bool {
        let go = lower_src(&format!("{PRELUDE}\nfn main() {{\n{body}\n}}\n"));
        let copied = go.contains("xs.At(i).ard_clone()");
        assert!(
            copied || go.contains("p := xs.At(i)"),
            "pattern not found in:\n{go}"
        );
        !copied
    }

    const LOOP: &str = "
  for mut i = 0; i < xs.size(); i =+ 1 {
    mut p = xs.at(i)
    p.bump()
    xs.set(i, p)
  }";

    #[test]
    fn owned_list_updates_in_place() {
        assert!(elided(&format!(
            "mut xs: [P] = [P::new(1)]\nxs.push(P{{ x: 2 }}){LOOP}\nfor q in xs {{ q.get() }}"
        )));
    }

    #[test]
    fn element_held_elsewhere_is_copied() {
        // Each line below gives someone else an element (or the list).
        for extra in [
            "let first = xs.at(0)",
            "keep(xs)",
            "let ys = xs",
            "xs.push(xs.at(0))",
            "for q in xs { let held = q }",
            "for q in xs { xs.size() }",
            "xs = [P::new(2)]",
            "let f = fn() P { xs.at(0) }",
            "for q in xs { let f = fn() Int { q.x } }",
        ] {
            assert!(
                !elided(&format!("mut xs: [P] = [P::new(1)]\n{extra}{LOOP}")),
                "copy skipped despite `{extra}`"
            );
        }
    }

    #[test]
    fn shared_initial_elements_are_copied() {
        assert!(!elided(&format!(
            "let a = P::new(1)\nmut xs: [P] = [a]{LOOP}"
        )));
        assert!(!elided(&format!(
            "let a = P::new(1)\nmut xs: [P] = []\nxs.push(a){LOOP}"
        )));
    }

    #[test]
    fn pattern_must_be_a_straight_update() {
        let body = |between: &str, after: &str| {
            format!(
                "mut xs: [P] = [P::new(1)]
  for mut i = 0; i < xs.size(); i =+ 1 {{
    mut p = xs.at(i)
    {between}
    xs.set(i, p)
    {after}
  }}"
            )
        };
        assert!(elided(&body("p.bump()\np.x = p.get() + 1", "p.get()")));
        for (between, after) in [
            ("if i == 0 { break }", ""),
            ("xs.size()", ""),
            ("i = i + 0", ""),
            ("p = P::new(3)", ""),
            ("let q = p", ""),
            ("mut out: [P] = []\np.leak(out)", ""),
            ("", "let kept = p"),
            ("let f = fn() Int { p.get() }", ""),
            ("", "let f = fn() Int { p.x }"),
            ("let f = p.later()", ""),
        ] {
            assert!(
                !elided(&body(between, after)),
                "copy skipped with `{between}` / `{after}`"
            );
        }
    }
}

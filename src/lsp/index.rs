//! Where every name of a checked program is and what it refers to, built
//! from what the checker recorded: the typed IR's resolved ids and spans,
//! the declarations' spans and the locals' declaration spans. No name is
//! resolved again here; spans of whole expressions (`mod::f(x)`, `p.x`)
//! are narrowed to the name inside them by text.

use super::text::{find_word, find_word_last};
use crate::load::LoadedProgram;
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::ast;
use crate::tir::walk::{Visit, exprs_in_block};
use crate::tir::*;

/// What a name refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// A local of a body: the body's owner and the local.
    Local(BodyOwner, LocalId),
    Fn(FnId),
    Global(GlobalId),
    Struct(StructId),
    Field(StructId, usize),
    Enum(EnumId),
    Variant(EnumId, usize),
    Union(UnionId),
    Trait(TraitId),
    TraitMethod(TraitId, usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BodyOwner {
    Fn(FnId),
    Module(ModuleId),
}

/// One name in the source: where it is, what it refers to, its type.
#[derive(Clone, Debug)]
pub struct Occurrence {
    pub span: Span,
    pub target: Target,
    pub ty: Type,
    /// Whether this is the declaration itself.
    pub decl: bool,
}

/// Every occurrence of a name in a program, and the typed expressions (for
/// hovering over anything else).
pub struct Index {
    pub occurrences: Vec<Occurrence>,
    /// (span, type) of every expression, to show the type of the innermost
    /// one under the cursor.
    pub exprs: Vec<(Span, Type)>,
}

impl Index {
    pub fn build(prog: &Program, loaded: &LoadedProgram, sources: &SourceMap) -> Index {
        let mut b = Builder {
            loaded,
            prog,
            sources,
            out: Vec::new(),
            exprs: Vec::new(),
            owner: BodyOwner::Module(ModuleId(0)),
            locals: &[],
        };
        b.declarations();
        for (i, f) in prog.functions.iter().enumerate() {
            if prog.module(f.module).is_std && !b.wants_std() {
                continue;
            }
            b.owner = BodyOwner::Fn(FnId(i as u32));
            b.locals = &f.body.locals;
            b.local_decls();
            exprs_in_block(&f.body.block, &mut b);
        }
        for (i, m) in prog.modules.iter().enumerate() {
            b.owner = BodyOwner::Module(ModuleId(i as u32));
            b.locals = &m.init.locals;
            b.local_decls();
            exprs_in_block(&m.init.block, &mut b);
        }
        Index {
            occurrences: b.out,
            exprs: b.exprs,
        }
    }

    /// The occurrence under `offset` in `file` (the innermost).
    pub fn at(&self, file: FileId, offset: usize) -> Option<&Occurrence> {
        self.occurrences
            .iter()
            .filter(|o| {
                o.span.file == file
                    && o.span.start as usize <= offset
                    && offset <= o.span.end as usize
            })
            .min_by_key(|o| o.span.end - o.span.start)
    }

    /// The type of the innermost expression around `offset`.
    pub fn type_at(&self, file: FileId, offset: usize) -> Option<(Span, &Type)> {
        self.exprs
            .iter()
            .filter(|(s, _)| {
                s.file == file && s.start as usize <= offset && offset < s.end as usize
            })
            .min_by_key(|(s, _)| s.end - s.start)
            .map(|(s, t)| (*s, t))
    }

    /// The innermost expression that ends exactly at `offset` (the
    /// receiver before a `.`).
    pub fn expr_ending_at(&self, file: FileId, offset: usize) -> Option<&Type> {
        self.exprs
            .iter()
            .filter(|(s, _)| s.file == file && s.end as usize == offset && s.start < s.end)
            .min_by_key(|(s, _)| s.end - s.start)
            .map(|(_, t)| t)
    }

    /// Every occurrence of `target`.
    pub fn references(&self, target: Target) -> impl Iterator<Item = &Occurrence> {
        self.occurrences.iter().filter(move |o| o.target == target)
    }
}

fn range(s: Span) -> (usize, usize) {
    (s.start as usize, s.end as usize)
}

struct Builder<'p> {
    loaded: &'p LoadedProgram,
    prog: &'p Program,
    sources: &'p SourceMap,
    out: Vec<Occurrence>,
    exprs: Vec<(Span, Type)>,
    owner: BodyOwner,
    locals: &'p [Local],
}

impl<'p> Builder<'p> {
    /// Uses inside the standard library are not interesting to an editor.
    fn wants_std(&self) -> bool {
        false
    }

    fn text(&self, file: FileId) -> &'p str {
        &self.sources.get(file).text
    }

    fn push(
        &mut self,
        span: Option<(usize, usize)>,
        file: FileId,
        target: Target,
        ty: Type,
        decl: bool,
    ) {
        if let Some((s, e)) = span {
            self.out.push(Occurrence {
                span: Span::new(file, s, e),
                target,
                ty,
                decl,
            });
        }
    }

    /// The name `name` inside `span` (its first occurrence).
    fn name_in(&self, span: Span, name: &str) -> Option<(usize, usize)> {
        find_word(
            self.text(span.file),
            span.start as usize,
            span.end as usize,
            name,
        )
    }

    fn declarations(&mut self) {
        let prog = self.prog;
        for (i, f) in prog.functions.iter().enumerate() {
            let name = f.name.rsplit("::").next().unwrap_or(&f.name);
            let at = self.fn_name_in(f.span, name);
            self.push(
                at,
                f.span.file,
                Target::Fn(FnId(i as u32)),
                f.fn_type(),
                true,
            );
        }
        for (i, g) in prog.globals.iter().enumerate() {
            let at = self.name_in(g.span, &g.name);
            self.push(
                at,
                g.span.file,
                Target::Global(GlobalId(i as u32)),
                g.ty.clone(),
                true,
            );
        }
        for (i, s) in prog.structs.iter().enumerate() {
            let id = StructId(i as u32);
            self.push(
                Some(range(s.span)),
                s.span.file,
                Target::Struct(id),
                prog.own_type(id),
                true,
            );
        }
        for (i, e) in prog.enums.iter().enumerate() {
            let id = EnumId(i as u32);
            self.push(
                Some(range(e.span)),
                e.span.file,
                Target::Enum(id),
                Type::Enum(id),
                true,
            );
        }
        for (i, u) in prog.unions.iter().enumerate() {
            let id = UnionId(i as u32);
            let at = self.name_in(u.span, &u.name);
            self.push(at, u.span.file, Target::Union(id), Type::Union(id), true);
        }
        for (i, t) in prog.traits.iter().enumerate() {
            let id = TraitId(i as u32);
            self.push(
                Some(range(t.span)),
                t.span.file,
                Target::Trait(id),
                Type::Trait(id),
                true,
            );
        }
        // Members are declared where the syntax tree says (the checked
        // declarations keep the span of their name only).
        for m in &self.loaded.modules {
            for stmt in &m.ast.stmts {
                match &stmt.kind {
                    ast::StmtKind::Struct(d) => {
                        let Some(i) = prog.structs.iter().position(|s| s.span == d.name.span)
                        else {
                            continue;
                        };
                        let def = &prog.structs[i];
                        for f in &d.fields {
                            if let Some(k) = def.fields.iter().position(|(n, _)| *n == f.name.name)
                            {
                                let ty = def.fields[k].1.clone();
                                let target = Target::Field(StructId(i as u32), k);
                                self.push(
                                    Some(range(f.name.span)),
                                    f.name.span.file,
                                    target,
                                    ty,
                                    true,
                                );
                            }
                        }
                    }
                    ast::StmtKind::Enum(d) => {
                        let Some(i) = prog.enums.iter().position(|e| e.span == d.name.span) else {
                            continue;
                        };
                        let id = EnumId(i as u32);
                        for (k, v) in d.variants.iter().enumerate() {
                            self.push(
                                Some(range(v.span)),
                                v.span.file,
                                Target::Variant(id, k),
                                Type::Enum(id),
                                true,
                            );
                        }
                    }
                    ast::StmtKind::Trait(d) => {
                        let Some(i) = prog.traits.iter().position(|t| t.span == d.name.span) else {
                            continue;
                        };
                        let def = &prog.traits[i];
                        for (k, sig) in d.methods.iter().enumerate() {
                            if let Some(m) = def.methods.get(k) {
                                let ty = Type::func(m.params.clone(), m.ret.clone());
                                let target = Target::TraitMethod(TraitId(i as u32), k);
                                self.push(
                                    Some(range(sig.name.span)),
                                    sig.name.span.file,
                                    target,
                                    ty,
                                    true,
                                );
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    /// A function's name in its declaration: after `fn` (and `Type::`).
    fn fn_name_in(&self, span: Span, name: &str) -> Option<(usize, usize)> {
        let text = self.text(span.file);
        let (s, e) = (span.start as usize, span.end as usize);
        let after_fn = find_word(text, s, e, "fn").map_or(s, |(_, e)| e);
        find_word(text, after_fn, e, name).or_else(|| find_word(text, s, e, name))
    }

    fn local_decls(&mut self) {
        for (i, l) in self.locals.iter().enumerate() {
            if l.span.end > l.span.start {
                let at = Some((l.span.start as usize, l.span.end as usize));
                self.push(
                    at,
                    l.span.file,
                    Target::Local(self.owner, LocalId(i as u32)),
                    l.ty.clone(),
                    false,
                );
                if let Some(last) = self.out.last_mut() {
                    last.decl = true;
                }
            }
        }
    }

    fn local_ty(&self, l: LocalId) -> Type {
        self.locals
            .get(l.0 as usize)
            .map_or(Type::Error, |l| l.ty.clone())
    }
}

impl<'a, 'p: 'a> Visit<'a> for Builder<'p> {
    fn stmt(&mut self, s: &'a Stmt) {
        // `x = e`: the assigned local is no expression of its own.
        if let StmtKind::Assign {
            place: Place::Local(l),
            ..
        } = &s.kind
            && let Some(local) = self.locals.get(l.0 as usize)
        {
            let at = self.name_in(s.span, &local.name);
            self.push(
                at,
                s.span.file,
                Target::Local(self.owner, *l),
                local.ty.clone(),
                false,
            );
        }
    }

    fn expr(&mut self, e: &'a Expr) {
        let prog = self.prog;
        let span = e.span;
        if span.end > span.start {
            self.exprs.push((span, e.ty.clone()));
        }
        let file = span.file;
        let text = self.text(file);
        let (s, end) = (span.start as usize, span.end as usize);
        match &e.kind {
            ExprKind::Local(l) => {
                let at = Some((s, end)).filter(|_| end > s);
                self.push(
                    at,
                    file,
                    Target::Local(self.owner, *l),
                    self.local_ty(*l),
                    false,
                );
            }
            ExprKind::Global(g) => {
                let name = &prog.global(*g).name;
                let at = find_word_last(text, s, end, name);
                self.push(at, file, Target::Global(*g), e.ty.clone(), false);
            }
            ExprKind::FnValue { func, .. } => {
                let f = prog.func(*func);
                let name = f.name.rsplit("::").next().unwrap_or(&f.name);
                let at = find_word_last(text, s, end, name);
                self.push(at, file, Target::Fn(*func), e.ty.clone(), false);
            }
            ExprKind::Call { func, args, .. } => {
                let f = prog.func(*func);
                let name = f.name.rsplit("::").next().unwrap_or(&f.name);
                // The callee comes before the first argument.
                let until = args.first().map_or(end, |a| (a.span.start as usize).max(s));
                let at =
                    find_word_last(text, s, until, name).or_else(|| find_word(text, s, end, name));
                self.push(at, file, Target::Fn(*func), f.fn_type(), false);
                // `Type::f(..)`: the type's name too.
                if let FnKind::Static(owner) = &f.kind {
                    self.type_name(text, file, s, until, owner, f.module);
                }
            }
            ExprKind::MethodCall { func, recv, .. } | ExprKind::MethodValue { func, recv } => {
                let f = prog.func(*func);
                let at = find_word(text, recv.span.end as usize, end, &f.name);
                self.push(at, file, Target::Fn(*func), f.fn_type(), false);
            }
            ExprKind::TraitCall {
                recv,
                trait_,
                method,
                ..
            } => {
                let m = &prog.trait_(*trait_).methods[*method];
                let at = find_word(text, recv.span.end as usize, end, &m.name);
                let ty = Type::func(m.params.clone(), m.ret.clone());
                self.push(at, file, Target::TraitMethod(*trait_, *method), ty, false);
            }
            ExprKind::Field {
                base,
                strukt,
                index,
            } => {
                let name = &prog.strukt(*strukt).fields[*index].0;
                let at = find_word(text, base.span.end as usize, end, name);
                self.push(
                    at,
                    file,
                    Target::Field(*strukt, *index),
                    e.ty.clone(),
                    false,
                );
            }
            ExprKind::StructLit { strukt, fields } => {
                let def = prog.strukt(*strukt);
                let first_value = fields
                    .iter()
                    .map(|f| f.span.start as usize)
                    .filter(|&p| p > s)
                    .min()
                    .unwrap_or(end);
                let at = find_word_last(text, s, first_value.min(end), &def.name)
                    .filter(|(a, _)| text[s..*a].find('{').is_none());
                let at = at.or_else(|| find_word(text, s, end, &def.name));
                self.push(at, file, Target::Struct(*strukt), e.ty.clone(), false);
                // Field labels: `name:` before each value.
                let mut from = at.map_or(s, |(_, e)| e);
                for (k, (fname, fty)) in def.fields.iter().enumerate() {
                    let value_start = fields.get(k).map_or(end, |v| v.span.start as usize);
                    if value_start <= from || value_start > end {
                        continue;
                    }
                    if let Some(label) = find_word_last(text, from, value_start, fname) {
                        self.push(
                            Some(label),
                            file,
                            Target::Field(*strukt, k),
                            fty.clone(),
                            false,
                        );
                        from = from.max(label.1);
                    }
                }
            }
            ExprKind::Match(m) => {
                // Enum patterns are no expressions: find them between arms.
                if let Match::Enum { subject, arms, .. } = &**m
                    && let Type::Enum(enm) = subject.ty
                {
                    let def = prog.enm(enm);
                    let mut prev = subject.span.end as usize;
                    for (variants, body) in arms {
                        let until = (body.span.start as usize).max(prev);
                        for &k in variants {
                            let at = find_word(text, prev, until, &def.variants[k]);
                            self.push(at, file, Target::Variant(enm, k), Type::Enum(enm), false);
                            let at = find_word(text, prev, until, &def.name);
                            self.push(at, file, Target::Enum(enm), Type::Enum(enm), false);
                        }
                        prev = (body.span.end as usize).max(prev);
                    }
                }
            }
            ExprKind::Variant { enm, index } => {
                let def = prog.enm(*enm);
                let at = find_word_last(text, s, end, &def.variants[*index]);
                self.push(at, file, Target::Variant(*enm, *index), e.ty.clone(), false);
                let at = find_word(text, s, end, &def.name);
                self.push(at, file, Target::Enum(*enm), e.ty.clone(), false);
            }
            _ => {}
        }
    }
}

impl Builder<'_> {
    /// The `Type` of `Type::f(..)` as an occurrence of that type.
    fn type_name(
        &mut self,
        text: &str,
        file: FileId,
        s: usize,
        until: usize,
        owner: &str,
        module: ModuleId,
    ) {
        let name = owner.rsplit("::").next().unwrap_or(owner);
        let Some(at) = find_word(text, s, until, name) else {
            return;
        };
        let prog = self.prog;
        if let Some(i) = prog
            .structs
            .iter()
            .position(|d| d.name == name && d.module == module)
        {
            let id = StructId(i as u32);
            self.push(Some(at), file, Target::Struct(id), prog.own_type(id), false);
        } else if let Some(i) = prog
            .enums
            .iter()
            .position(|d| d.name == name && d.module == module)
        {
            let id = EnumId(i as u32);
            self.push(Some(at), file, Target::Enum(id), Type::Enum(id), false);
        }
    }
}

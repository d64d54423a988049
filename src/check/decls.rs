//! Declarations: imports, types, function signatures, `impl` blocks and
//! trait implementations of one module, collected before any body is
//! checked so that functions and types can be used before their
//! declaration (decision L7).

use super::Checker;
use super::scope::{ImportSym, TypeSym, ValueSym};
use crate::diagnostic::Diagnostic;
use crate::source::Span;
use crate::syntax::ast;
use crate::tir::*;

impl<'a> Checker<'a> {
    /// The AST of module `m`. It lives in the `LoadedProgram`, which outlives
    /// the checker, so walking it does not borrow the checker.
    pub(crate) fn module_ast(&self, m: ModuleId) -> &'a ast::Module {
        let loaded: &'a crate::load::LoadedProgram = self.loaded;
        &loaded.modules[m.0 as usize].ast
    }

    pub(crate) fn declare_module(&mut self, m: ModuleId) {
        self.cx = super::BodyCx::new(m);
        let module = self.module_ast(m);
        self.declare_imports(m, module);
        // 1. type names
        for stmt in &module.stmts {
            self.declare_type_name(m, stmt);
        }
        // 2. type bodies (aliases first so that others can use them)
        for stmt in &module.stmts {
            if let ast::StmtKind::Type(t) = &stmt.kind {
                self.resolve_type_decl(m, t);
            }
        }
        for stmt in &module.stmts {
            match &stmt.kind {
                ast::StmtKind::Struct(s) => self.resolve_struct(m, s),
                ast::StmtKind::Trait(t) => self.resolve_trait(m, t),
                _ => {}
            }
        }
        // 3. functions, externs, methods
        for stmt in &module.stmts {
            match &stmt.kind {
                ast::StmtKind::Fn(f) => self.declare_fn(m, f),
                ast::StmtKind::Extern(e) => self.declare_extern(m, e),
                ast::StmtKind::Impl(i) => self.declare_impl(m, i),
                _ => {}
            }
        }
        for stmt in &module.stmts {
            if let ast::StmtKind::TraitImpl(ti) = &stmt.kind {
                self.declare_trait_impl(m, ti);
            }
        }
        if self.prog.module(m).path == "ard/string"
            && let Some(TypeSym::Trait(t)) = self.scopes[m.0 as usize].types.get("ToString")
        {
            self.to_string = Some(*t);
        }
    }

    fn declare_imports(&mut self, m: ModuleId, module: &ast::Module) {
        let loaded = &self.loaded.modules[m.0 as usize];
        let resolved = loaded.imports.clone();
        for (imp, target) in module.imports.iter().zip(resolved) {
            let name = match &imp.alias {
                Some(a) => a.name.clone(),
                None => imp
                    .path
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .replace('-', "_"),
            };
            let sym = match (imp.path.as_str(), target) {
                ("ard/maybe", _) => ImportSym::Maybe,
                ("ard/result", _) => ImportSym::Result,
                (_, Some(t)) => ImportSym::Module(ModuleId(t as u32)),
                (_, None) => continue,
            };
            let scope = &mut self.scopes[m.0 as usize];
            if scope.imports.contains_key(&name) {
                let span = imp.alias.as_ref().map(|a| a.span).unwrap_or(imp.path_span);
                self.err(
                    span,
                    format!("duplicate import: `{name}` is already imported"),
                    "second import of this name",
                );
                continue;
            }
            scope.imports.insert(name, sym);
        }
        // The prelude namespaces; a module does not see itself through them.
        let prelude = self.loaded.prelude.clone();
        let scope = &mut self.scopes[m.0 as usize];
        // The prelude names win over imports of the same name (program.md §5).
        for (name, idx) in prelude {
            if ModuleId(idx as u32) != m {
                scope
                    .imports
                    .insert(name, ImportSym::Module(ModuleId(idx as u32)));
            } else {
                scope
                    .imports
                    .entry(name)
                    .or_insert(ImportSym::Module(ModuleId(idx as u32)));
            }
        }
        scope
            .imports
            .entry("Result".to_string())
            .or_insert(ImportSym::Result);
    }

    fn declare_type_name(&mut self, m: ModuleId, stmt: &ast::Stmt) {
        let (name, private, sym) = match &stmt.kind {
            ast::StmtKind::Struct(s) => {
                let id = StructId(self.prog.structs.len() as u32);
                let generics = self.struct_generics(s);
                self.prog.structs.push(StructDef {
                    name: s.name.name.clone(),
                    module: m,
                    generics,
                    fields: Vec::new(),
                    span: s.name.span,
                });
                (&s.name, s.private, TypeSym::Struct(id))
            }
            ast::StmtKind::Enum(e) => {
                let id = EnumId(self.prog.enums.len() as u32);
                let mut variants: Vec<String> = Vec::new();
                for v in &e.variants {
                    if variants.contains(&v.name) {
                        self.err(
                            v.span,
                            format!("duplicate variant `{}`", v.name),
                            "declared twice",
                        );
                    } else {
                        variants.push(v.name.clone());
                    }
                }
                if variants.is_empty() {
                    self.err(
                        e.name.span,
                        "an enum needs at least one variant",
                        "this enum is empty",
                    );
                }
                self.prog.enums.push(EnumDef {
                    name: e.name.name.clone(),
                    module: m,
                    variants,
                    span: e.name.span,
                });
                (&e.name, e.private, TypeSym::Enum(id))
            }
            ast::StmtKind::Trait(t) => {
                let id = TraitId(self.prog.traits.len() as u32);
                self.prog.traits.push(TraitDef {
                    name: t.name.name.clone(),
                    module: m,
                    methods: Vec::new(),
                    span: t.name.span,
                });
                (&t.name, t.private, TypeSym::Trait(id))
            }
            ast::StmtKind::Type(t) => {
                if t.members.len() > 1 {
                    let id = UnionId(self.prog.unions.len() as u32);
                    self.prog.unions.push(UnionDef {
                        name: t.name.name.clone(),
                        module: m,
                        members: Vec::new(),
                        span: t.name.span,
                    });
                    (&t.name, false, TypeSym::Union(id))
                } else {
                    // A single-type alias is never exported (program.md §9).
                    (&t.name, true, TypeSym::Pending)
                }
            }
            _ => return,
        };
        if is_builtin_type_name(&name.name) {
            self.err(
                name.span,
                format!(
                    "`{}` is a built-in type and cannot be redeclared",
                    name.name
                ),
                "choose another name",
            );
            return;
        }
        let scope = &mut self.scopes[m.0 as usize];
        if scope.types.contains_key(&name.name) {
            self.err(
                name.span,
                format!("the type `{}` is declared twice", name.name),
                "second declaration",
            );
            return;
        }
        scope.types.insert(name.name.clone(), sym);
        if private {
            scope.private_types.insert(name.name.clone());
        }
    }

    fn resolve_type_decl(&mut self, m: ModuleId, t: &ast::TypeDecl) {
        let sym = self.scopes[m.0 as usize].types.get(&t.name.name).cloned();
        match sym {
            Some(TypeSym::Union(id)) => {
                let mut members: Vec<Type> = Vec::new();
                for te in &t.members {
                    let ty = self.resolve_type_in(m, te, &mut Vec::new(), false);
                    let same_struct = members.iter().find(
                        |x| matches!((x, &ty), (Type::Struct(a, _), Type::Struct(b, _)) if a == b),
                    );
                    if members.contains(&ty) {
                        self.err(
                            te.span,
                            "this type is already a member of the union",
                            "duplicate member",
                        );
                    } else if let Some(other) = same_struct {
                        // A match arm names a struct without type arguments
                        // (`Box(b) =>`), so it could not tell them apart.
                        let (a, b) = (self.show(other), self.show(&ty));
                        let d = self
                            .error_at(
                                te.span,
                                format!("a union cannot have two members of one generic struct: {a} and {b}"),
                            )
                            .with_label("second member of this struct")
                            .with_note("a match arm names the struct without type arguments, so it could not tell them apart");
                        self.report(d);
                    } else {
                        members.push(ty);
                    }
                }
                self.prog.unions[id.0 as usize].members = members;
            }
            Some(TypeSym::Pending) => self.resolve_alias(m, &t.name.name),
            _ => {}
        }
    }

    /// Resolve an alias on demand (aliases may refer to later aliases).
    pub(crate) fn resolve_alias(&mut self, m: ModuleId, name: &str) {
        let module = self.module_ast(m);
        let Some(decl) = module.stmts.iter().find_map(|s| match &s.kind {
            ast::StmtKind::Type(t) if t.name.name == name && t.members.len() == 1 => Some(t),
            _ => None,
        }) else {
            return;
        };
        // Guard against `type A = B` / `type B = A`.
        self.scopes[m.0 as usize].types.insert(
            name.to_string(),
            TypeSym::Alias {
                params: Vec::new(),
                ty: Type::Error,
            },
        );
        let mut params = Vec::new();
        let ty = self.resolve_type_in(m, &decl.members[0], &mut params, true);
        self.scopes[m.0 as usize]
            .types
            .insert(name.to_string(), TypeSym::Alias { params, ty });
    }

    fn resolve_struct(&mut self, m: ModuleId, s: &ast::StructDecl) {
        let Some(TypeSym::Struct(id)) = self.scopes[m.0 as usize].types.get(&s.name.name).cloned()
        else {
            return;
        };
        let mut fields: Vec<(String, Type)> = Vec::new();
        let mut generics = self.prog.strukt(id).generics.clone();
        for f in &s.fields {
            if fields.iter().any(|(n, _)| *n == f.name.name) {
                self.err(
                    f.name.span,
                    format!("duplicate field `{}`", f.name.name),
                    "declared twice",
                );
                continue;
            }
            // Every `$T` of a field is a parameter of the struct (collected
            // by `struct_generics`), so none is new here.
            let ty = self.resolve_type_in(m, &f.ty, &mut generics, true);
            self.check_self_reference(id, &f.ty, &ty);
            fields.push((f.name.name.clone(), ty));
        }
        self.prog.structs[id.0 as usize].fields = fields;
    }

    /// The type parameters of a struct: the written `<$A, $B>`, or the
    /// `$T`s of its fields in order of first appearance (L11). Written
    /// parameters must be distinct, used by a field, and the only ones.
    fn struct_generics(&mut self, s: &ast::StructDecl) -> Vec<String> {
        let mut used: Vec<(String, Span)> = Vec::new();
        for f in &s.fields {
            collect_written_generics(&f.ty, &mut used);
        }
        if s.generics.is_empty() {
            return used.into_iter().map(|(g, _)| g).collect();
        }
        let mut declared: Vec<String> = Vec::new();
        for g in &s.generics {
            let name = g.name.trim_start_matches('$').to_string();
            if declared.contains(&name) {
                self.err(
                    g.span,
                    format!("the type parameter `{}` is declared twice", g.name),
                    "declared twice",
                );
                continue;
            }
            if !used.iter().any(|(u, _)| *u == name) {
                self.err(
                    g.span,
                    format!(
                        "the type parameter `{}` is not used by any field of `{}`",
                        g.name, s.name.name
                    ),
                    "unused type parameter",
                );
            }
            declared.push(name);
        }
        for (u, span) in &used {
            if !declared.contains(u) {
                let d = self
                    .error_at(
                        *span,
                        format!("`${u}` is not a type parameter of `{}`", s.name.name),
                    )
                    .with_label("not declared")
                    .with_note(format!(
                        "add it to the struct's parameters: `struct {}<{}, ${u}>`",
                        s.name.name,
                        s.generics
                            .iter()
                            .map(|g| g.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                self.report(d);
                declared.push(u.clone());
            }
        }
        declared
    }

    /// A generic struct may mention itself only with its own parameters
    /// (`Node<$T>` inside `Node`): anything else would be an infinite type.
    fn check_self_reference(&mut self, id: StructId, written: &ast::TypeExpr, ty: &Type) {
        let own = self.prog.own_type(id);
        let mut bad = false;
        ty.walk(&mut |t| {
            if matches!(t, Type::Struct(s, _) if *s == id) && *t != own {
                bad = true;
            }
        });
        if bad {
            let name = self.prog.strukt(id).name.clone();
            let own_shown = self.show(&own);
            self.err(
                written.span,
                format!("`{name}` can only contain itself as `{own_shown}`"),
                "other type arguments would make an infinite type",
            );
        }
    }

    fn resolve_trait(&mut self, m: ModuleId, t: &ast::TraitDecl) {
        let Some(TypeSym::Trait(id)) = self.scopes[m.0 as usize].types.get(&t.name.name).cloned()
        else {
            return;
        };
        let mut methods: Vec<TraitMethod> = Vec::new();
        for sig in &t.methods {
            if methods.iter().any(|x| x.name == sig.name.name) {
                self.err(
                    sig.name.span,
                    format!("duplicate method `{}` in trait", sig.name.name),
                    "declared twice",
                );
                continue;
            }
            let params = sig
                .params
                .iter()
                .map(|p| match &p.ty {
                    Some(te) => self.resolve_type_in(m, te, &mut Vec::new(), false),
                    None => Type::Str,
                })
                .collect();
            let ret = match &sig.ret {
                Some(te) => self.resolve_type_in(m, te, &mut Vec::new(), false),
                None => Type::Void,
            };
            methods.push(TraitMethod {
                name: sig.name.name.clone(),
                params,
                ret,
            });
        }
        self.prog.traits[id.0 as usize].methods = methods;
    }

    /// Build a `Function` header (no body yet) from a declaration.
    fn fn_header(&mut self, m: ModuleId, f: &ast::FnDecl, kind: FnKind, name: String) -> FnId {
        // A method of a generic struct sees the struct's parameters first.
        let mut generics = match &kind {
            FnKind::Method {
                owner: Owner::Struct(s),
                ..
            } => self.prog.strukt(*s).generics.clone(),
            _ => Vec::new(),
        };
        let mut locals = Vec::new();
        let receiver = match &kind {
            FnKind::Method { owner, mutating } => {
                let ty = owner_type(&self.prog, *owner);
                locals.push(Local {
                    name: "@".to_string(),
                    ty,
                    mutable: *mutating,
                    span: Span::default(),
                });
                Some(LocalId(0))
            }
            _ => None,
        };
        let mut params = Vec::new();
        for p in &f.params {
            let ty = match &p.ty {
                Some(te) => self.resolve_type_in(m, te, &mut generics, true),
                None => {
                    self.err(
                        p.name.span,
                        format!("the parameter `{}` needs a type", p.name.name),
                        "add `: Type`",
                    );
                    Type::Error
                }
            };
            if params.iter().any(|x: &Param| x.name == p.name.name) && p.name.name != "_" {
                self.err(
                    p.name.span,
                    format!("duplicate parameter `{}`", p.name.name),
                    "declared twice",
                );
            }
            let local = LocalId(locals.len() as u32);
            locals.push(Local {
                name: p.name.name.clone(),
                ty: ty.clone(),
                mutable: p.mutable,
                span: p.name.span,
            });
            params.push(Param {
                local,
                name: p.name.name.clone(),
                ty,
                mutable: p.mutable,
            });
        }
        let ret = match &f.ret {
            Some(te) => self.resolve_type_in(m, te, &mut generics, true),
            None => Type::Void,
        };
        let id = FnId(self.prog.functions.len() as u32);
        self.prog.functions.push(Function {
            name,
            module: m,
            kind,
            generics,
            receiver,
            params,
            ret,
            body: Body {
                locals,
                block: Block::default(),
            },
            span: f.name.last().map(|n| n.span).unwrap_or(f.span),
        });
        id
    }

    fn declare_fn(&mut self, m: ModuleId, f: &'a ast::FnDecl) {
        let Some(last) = f.name.last() else { return };
        if f.test {
            self.declare_test(m, f);
            return;
        }
        if f.name.len() > 1 {
            let full: Vec<&str> = f.name.iter().map(|n| n.name.as_str()).collect();
            let full = full.join("::");
            let prefix = f.name[..f.name.len() - 1]
                .iter()
                .map(|n| n.name.as_str())
                .collect::<Vec<_>>()
                .join("::");
            let id = self.fn_header(m, f, FnKind::Static(prefix), last.name.clone());
            self.pending.push((id, f));
            self.scopes[m.0 as usize].statics.insert(full, id);
            if f.private {
                self.scopes[m.0 as usize]
                    .private_values
                    .insert(last.name.clone());
            }
            return;
        }
        let id = self.fn_header(m, f, FnKind::Free, last.name.clone());
        self.pending.push((id, f));
        let scope = &mut self.scopes[m.0 as usize];
        // A later declaration with the same name replaces the earlier one.
        scope.values.insert(last.name.clone(), ValueSym::Fn(id));
        if f.private {
            scope.private_values.insert(last.name.clone());
        }
    }

    /// `test fn name() Void!Str { }` (issue 13): no parameters, that exact
    /// return type, a plain name unique among the module's tests. Tests are
    /// not values: other code cannot call them, and a function of the same
    /// name does not clash.
    fn declare_test(&mut self, m: ModuleId, f: &'a ast::FnDecl) {
        let Some(last) = f.name.last() else { return };
        let mut ok = true;
        if f.name.len() > 1 {
            self.err(
                f.name[0].span,
                "a test function needs a plain name",
                "`test fn` cannot declare a static function",
            );
            ok = false;
        }
        if f.mutating {
            self.err(
                f.span,
                "a test function cannot be `mut`",
                "only methods can be mutating",
            );
            ok = false;
        }
        if let Some(p) = f.params.first() {
            let d = Diagnostic::error(p.span, "a test function takes no parameters")
                .with_label("remove the parameters")
                .with_note("a test is declared as `test fn name() Void!Str { ... }`");
            self.report(d);
            ok = false;
        }
        let id = self.fn_header(m, f, FnKind::Test, last.name.clone());
        let ret = self.prog.func(id).ret.clone();
        if ret != Type::result(Type::Void, Type::Str) && !ret.is_error() {
            let span = f.ret.as_ref().map(|t| t.span).unwrap_or(last.span);
            let shown = self.show(&ret);
            let d = Diagnostic::error(span, "a test function must return `Void!Str`")
                .with_label(format!("this returns `{shown}`"))
                .with_note(
                    "return `testing::pass()` (or `Result::ok(())`) to pass and `testing::fail(message)` to fail",
                );
            self.report(d);
            ok = false;
        }
        if let Some(&prev) = self
            .prog
            .tests
            .iter()
            .find(|&&t| self.prog.func(t).module == m && self.prog.func(t).name == last.name)
        {
            let prev_span = self.prog.func(prev).span;
            let d = Diagnostic::error(last.span, format!("duplicate test `{}`", last.name))
                .with_label("declared twice in this module")
                .with_secondary(prev_span, "first declared here");
            self.report(d);
            ok = false;
        }
        // The body is checked either way (so that its errors show up too).
        self.pending.push((id, f));
        if ok {
            self.prog.tests.push(id);
        }
    }

    /// `test fn` inside an `impl` block or a function body.
    pub(crate) fn test_not_top_level(&mut self, f: &ast::FnDecl) {
        let d = Diagnostic::error(f.span, "test functions must be declared at the top level")
            .with_label("a test inside a block or `impl`")
            .with_note("move `test fn` to the top level of the module");
        self.report(d);
    }

    fn declare_extern(&mut self, m: ModuleId, e: &ast::ExternDecl) {
        if e.binding.is_empty() {
            self.err(
                e.binding_span,
                "an extern binding cannot be empty",
                "name the Go function here",
            );
        }
        if !self.prog.module(m).is_std {
            self.err(
                e.span,
                "extern functions are only available to the standard library",
                "ard2go cannot bind this to a Go function",
            );
        }
        if self.scopes[m.0 as usize].values.contains_key(&e.name.name) {
            self.err(
                e.name.span,
                format!("duplicate declaration of `{}`", e.name.name),
                "already declared",
            );
            return;
        }
        let f = ast::FnDecl {
            private: e.private,
            test: false,
            mutating: false,
            name: vec![e.name.clone()],
            params: e.params.clone(),
            ret: e.ret.clone(),
            body: ast::Block {
                stmts: Vec::new(),
                span: e.span,
            },
            span: e.span,
        };
        let id = self.fn_header(
            m,
            &f,
            FnKind::Extern(e.binding.clone()),
            e.name.name.clone(),
        );
        let scope = &mut self.scopes[m.0 as usize];
        scope.values.insert(e.name.name.clone(), ValueSym::Fn(id));
        if e.private {
            scope.private_values.insert(e.name.name.clone());
        }
    }

    /// The owner type named by an `impl` target.
    fn impl_owner(&mut self, m: ModuleId, target: &ast::Ident) -> Option<Owner> {
        if is_builtin_type_name(&target.name) {
            self.err(
                target.span,
                format!(
                    "methods can only be implemented on structs and enums, not `{}`",
                    target.name
                ),
                "a built-in type",
            );
            return None;
        }
        match self.scopes[m.0 as usize].types.get(&target.name).cloned() {
            Some(TypeSym::Struct(s)) => Some(Owner::Struct(s)),
            Some(TypeSym::Enum(e)) => Some(Owner::Enum(e)),
            Some(_) => {
                self.err(
                    target.span,
                    format!(
                        "methods can only be implemented on structs and enums, not `{}`",
                        target.name
                    ),
                    "not a struct or enum",
                );
                None
            }
            None => {
                self.err(
                    target.span,
                    format!("undefined type `{}`", target.name),
                    "not declared in this module",
                );
                None
            }
        }
    }

    fn declare_method(&mut self, m: ModuleId, owner: Owner, f: &'a ast::FnDecl) -> Option<FnId> {
        let name = f.name.last()?.name.clone();
        if f.test {
            self.test_not_top_level(f);
        }
        if f.mutating && matches!(owner, Owner::Enum(_)) {
            self.err(f.span, "enum methods cannot be mutating", "remove `mut`");
        }
        let kind = FnKind::Method {
            owner,
            mutating: f.mutating && matches!(owner, Owner::Struct(_)),
        };
        if let Owner::Struct(s) = owner
            && self.prog.strukt(s).fields.iter().any(|(n, _)| *n == name)
        {
            self.err(
                f.name[0].span,
                format!(
                    "`{}` already has a field named `{name}`",
                    self.prog.strukt(s).name
                ),
                "a method cannot share a field's name",
            );
        }
        let id = self.fn_header(m, f, kind, name.clone());
        self.pending.push((id, f));
        self.methods.insert((owner, name), id);
        if f.private {
            self.private_methods.insert(id);
        }
        Some(id)
    }

    fn declare_impl(&mut self, m: ModuleId, i: &'a ast::ImplBlock) {
        let Some(owner) = self.impl_owner(m, &i.target) else {
            return;
        };
        for f in &i.methods {
            self.declare_method(m, owner, f);
        }
    }

    fn declare_trait_impl(&mut self, m: ModuleId, ti: &'a ast::TraitImpl) {
        let Some(trait_id) = self.resolve_trait_path(m, &ti.trait_path) else {
            return;
        };
        let Some(owner) = self.impl_owner(m, &ti.target) else {
            return;
        };
        let tr = self.prog.trait_(trait_id).clone();
        let mut seen = Vec::new();
        for f in &ti.methods {
            let Some(name) = f.name.last() else { continue };
            let Some(sig) = tr.methods.iter().find(|s| s.name == name.name) else {
                self.err(
                    name.span,
                    format!("method `{}` is not part of trait `{}`", name.name, tr.name),
                    "not in the trait",
                );
                continue;
            };
            seen.push(name.name.clone());
            if f.private {
                let d = self
                    .error_at(
                        name.span,
                        format!("the trait method `{}` cannot be private", name.name),
                    )
                    .with_label("remove `private`")
                    .with_note(format!(
                        "every implementation of `{}` can be called wherever the trait is visible",
                        tr.name
                    ));
                self.report(d);
            }
            let Some(id) = self.declare_method(m, owner, f) else {
                continue;
            };
            let func = self.prog.func(id).clone();
            if func.params.len() != sig.params.len() {
                self.err(
                    name.span,
                    format!(
                        "method `{}` has {} parameter(s), but trait `{}` declares {}",
                        name.name,
                        func.params.len(),
                        tr.name,
                        sig.params.len()
                    ),
                    "wrong number of parameters",
                );
                continue;
            }
            for (p, want) in func.params.iter().zip(&sig.params) {
                if !self.unify(&p.ty, want) {
                    let msg = format!(
                        "type mismatch: trait `{}` declares this parameter as {}, got {}",
                        tr.name,
                        self.show(want),
                        self.show(&p.ty)
                    );
                    self.err(name.span, msg, "parameter type differs from the trait");
                }
            }
            if !self.unify(&func.ret, &sig.ret) {
                let msg = format!(
                    "trait method `{}` must return {}, but this one returns {}",
                    name.name,
                    self.show(&sig.ret),
                    self.show(&func.ret)
                );
                self.err(name.span, msg, "wrong return type");
            }
        }
        for sig in &tr.methods {
            if !seen.contains(&sig.name) {
                self.err(
                    ti.target.span,
                    format!("missing method `{}` of trait `{}`", sig.name, tr.name),
                    format!("`{}` must implement `{}`", ti.target.name, sig.name),
                );
            }
        }
        self.impls.insert((owner, trait_id));
    }

    fn resolve_trait_path(&mut self, m: ModuleId, path: &[ast::Ident]) -> Option<TraitId> {
        let span = path.first()?.span.to(path.last()?.span);
        let te = ast::TypeExpr {
            kind: ast::TypeExprKind::Named {
                path: path.to_vec(),
                args: Vec::new(),
            },
            span,
        };
        match self.resolve_type_in(m, &te, &mut Vec::new(), false) {
            Type::Trait(t) => Some(t),
            Type::Error => None,
            other => {
                let shown = self.show(&other);
                self.err(
                    span,
                    format!("`{shown}` is not a trait"),
                    "expected a trait",
                );
                None
            }
        }
    }

    /// Resolve a written type in module `m`. `generics` collects `$T` names
    /// when `introduce` (function signatures); otherwise `$T` must already be
    /// a generic of the enclosing function.
    pub(crate) fn resolve_type_in(
        &mut self,
        m: ModuleId,
        te: &ast::TypeExpr,
        generics: &mut Vec<String>,
        introduce: bool,
    ) -> Type {
        match &te.kind {
            ast::TypeExprKind::List(t) => {
                Type::list(self.resolve_type_in(m, t, generics, introduce))
            }
            ast::TypeExprKind::Map(k, v) => {
                let k = self.resolve_type_in(m, k, generics, introduce);
                let v = self.resolve_type_in(m, v, generics, introduce);
                if matches!(k, Type::Fn(_)) {
                    self.err(
                        te.span,
                        "functions cannot be map keys",
                        "this key type is not comparable",
                    );
                }
                Type::map(k, v)
            }
            ast::TypeExprKind::Maybe(t) => {
                Type::maybe(self.resolve_type_in(m, t, generics, introduce))
            }
            ast::TypeExprKind::Result(v, e) => Type::result(
                self.resolve_type_in(m, v, generics, introduce),
                self.resolve_type_in(m, e, generics, introduce),
            ),
            ast::TypeExprKind::Fn { params, ret } => {
                let ps = params
                    .iter()
                    .map(|p| self.resolve_type_in(m, p, generics, introduce))
                    .collect();
                let r = self.resolve_type_in(m, ret, generics, introduce);
                Type::func(ps, r)
            }
            ast::TypeExprKind::Named { path, args } => {
                self.resolve_named(m, te.span, path, args, generics, introduce)
            }
        }
    }

    fn resolve_named(
        &mut self,
        m: ModuleId,
        span: Span,
        path: &[ast::Ident],
        args: &[ast::TypeExpr],
        generics: &mut Vec<String>,
        introduce: bool,
    ) -> Type {
        let arg_types: Vec<Type> = args
            .iter()
            .map(|a| self.resolve_type_in(m, a, generics, introduce))
            .collect();
        let Some(first) = path.first() else {
            return Type::Error;
        };
        if path.len() == 1 {
            let name = first.name.as_str();
            if let Some(g) = name.strip_prefix('$') {
                if !arg_types.is_empty() {
                    self.err(
                        span,
                        "a generic type takes no type arguments",
                        "remove the `<...>`",
                    );
                }
                if introduce {
                    if !generics.iter().any(|x| x == g) {
                        generics.push(g.to_string());
                    }
                    return Type::Param(g.into());
                }
                if self.cx.generics.iter().any(|x| x == g) || generics.iter().any(|x| x == g) {
                    return Type::Param(g.into());
                }
                self.err(
                    span,
                    format!("the generic type `${g}` is not a parameter of the enclosing function"),
                    "generic types are introduced by a function's parameters or return type",
                );
                return Type::Error;
            }
            let prim = match name {
                "Int" => Some(Type::Int),
                "Float" => Some(Type::Float),
                "Str" => Some(Type::Str),
                "Bool" => Some(Type::Bool),
                "Void" => Some(Type::Void),
                "Dynamic" => Some(Type::Dynamic),
                _ => None,
            };
            if let Some(p) = prim {
                if !arg_types.is_empty() {
                    self.err(
                        span,
                        format!("`{name}` is not generic and takes no type arguments"),
                        "remove the `<...>`",
                    );
                }
                return p;
            }
            if name == "Maybe" || name == "Result" {
                let want = if name == "Maybe" { 1 } else { 2 };
                if arg_types.len() != want {
                    self.err(
                        span,
                        format!(
                            "`{name}` takes {want} type argument(s), got {}",
                            arg_types.len()
                        ),
                        if name == "Maybe" {
                            "write `Maybe<T>`"
                        } else {
                            "write `Result<T, E>`"
                        },
                    );
                    return Type::Error;
                }
                let mut it = arg_types.into_iter();
                let a = it.next().unwrap_or(Type::Error);
                return if name == "Maybe" {
                    Type::maybe(a)
                } else {
                    Type::result(a, it.next().unwrap_or(Type::Error))
                };
            }
            return self.named_in_module(m, m, first, arg_types, span);
        }
        // mod::Type (also Str::ToString through the prelude)
        let import = self.scopes[m.0 as usize].imports.get(&first.name).copied();
        match import {
            Some(ImportSym::Module(target)) if path.len() == 2 => {
                let sym = &path[1];
                if target != m
                    && self.scopes[target.0 as usize]
                        .private_types
                        .contains(&sym.name)
                {
                    self.err(
                        sym.span,
                        format!("`{}` is private to its module", sym.name),
                        "not exported",
                    );
                    return Type::Error;
                }
                self.named_in_module(m, target, sym, arg_types, span)
            }
            _ => {
                let written: Vec<&str> = path.iter().map(|p| p.name.as_str()).collect();
                self.err(
                    span,
                    format!("unknown type `{}`", written.join("::")),
                    "no such type",
                );
                Type::Error
            }
        }
    }

    /// Look up a type name declared in module `target`.
    fn named_in_module(
        &mut self,
        from: ModuleId,
        target: ModuleId,
        name: &ast::Ident,
        args: Vec<Type>,
        span: Span,
    ) -> Type {
        let sym = self.scopes[target.0 as usize]
            .types
            .get(&name.name)
            .cloned();
        let sym = match sym {
            Some(TypeSym::Pending) => {
                self.resolve_alias(target, &name.name);
                self.scopes[target.0 as usize]
                    .types
                    .get(&name.name)
                    .cloned()
            }
            other => other,
        };
        let not_generic = |c: &mut Self, args: &Vec<Type>| {
            if !args.is_empty() {
                c.err(
                    span,
                    format!("`{}` is not generic and takes no type arguments", name.name),
                    "remove the `<...>`",
                );
            }
        };
        match sym {
            Some(TypeSym::Struct(s)) => {
                let want = self.prog.strukt(s).generics.len();
                if want == 0 {
                    not_generic(self, &args);
                    return Type::plain_struct(s);
                }
                if args.is_empty() && self.literal_head {
                    let vars = (0..want).map(|_| self.fresh_var()).collect();
                    return Type::Struct(s, vars);
                }
                if args.len() != want {
                    let shown = self.show(&owner_type(&self.prog, Owner::Struct(s)));
                    let d = self
                        .error_at(
                            span,
                            format!(
                                "`{}` takes {want} type argument(s), got {}",
                                name.name,
                                args.len()
                            ),
                        )
                        .with_label("wrong number of type arguments")
                        .with_note(format!(
                            "the struct is declared as `{shown}`; write for example `{}<{}>`",
                            name.name,
                            vec!["Int"; want].join(", ")
                        ));
                    self.report(d);
                    return Type::Error;
                }
                Type::Struct(s, args.into())
            }
            Some(TypeSym::Enum(e)) => {
                not_generic(self, &args);
                Type::Enum(e)
            }
            Some(TypeSym::Union(u)) => {
                not_generic(self, &args);
                Type::Union(u)
            }
            Some(TypeSym::Trait(t)) => {
                not_generic(self, &args);
                Type::Trait(t)
            }
            Some(TypeSym::Alias { params, ty }) => {
                if args.is_empty() && params.is_empty() {
                    return ty;
                }
                if params.is_empty() {
                    not_generic(self, &args);
                    return ty;
                }
                if args.len() != params.len() {
                    self.err(
                        span,
                        format!(
                            "`{}` takes {} type argument(s), got {}",
                            name.name,
                            params.len(),
                            args.len()
                        ),
                        "wrong number of type arguments",
                    );
                    return Type::Error;
                }
                ty.map_types(&mut |t| match t {
                    Type::Param(p) => params
                        .iter()
                        .position(|x| **x == **p)
                        .map(|i| args[i].clone()),
                    _ => None,
                })
            }
            Some(TypeSym::Pending) => Type::Error,
            None => {
                let hint = if from == target {
                    "not declared in this module".to_string()
                } else {
                    format!("not declared in `{}`", self.prog.module(target).path)
                };
                self.err(name.span, format!("unknown type `{}`", name.name), hint);
                Type::Error
            }
        }
    }
}

/// The receiver type of a method: a generic struct with its own
/// parameters (`Box<$T>`).
pub(crate) fn owner_type(prog: &Program, owner: Owner) -> Type {
    match owner {
        Owner::Struct(s) => prog.own_type(s),
        Owner::Enum(e) => Type::Enum(e),
    }
}

/// The `$T` names written in a type, in order of first appearance.
fn collect_written_generics(te: &ast::TypeExpr, out: &mut Vec<(String, Span)>) {
    match &te.kind {
        ast::TypeExprKind::Named { path, args } => {
            if let [one] = path.as_slice()
                && let Some(g) = one.name.strip_prefix('$')
                && !out.iter().any(|(n, _)| n == g)
            {
                out.push((g.to_string(), one.span));
            }
            for a in args {
                collect_written_generics(a, out);
            }
        }
        ast::TypeExprKind::List(t) | ast::TypeExprKind::Maybe(t) => {
            collect_written_generics(t, out)
        }
        ast::TypeExprKind::Map(a, b) | ast::TypeExprKind::Result(a, b) => {
            collect_written_generics(a, out);
            collect_written_generics(b, out);
        }
        ast::TypeExprKind::Fn { params, ret } => {
            for p in params {
                collect_written_generics(p, out);
            }
            collect_written_generics(ret, out);
        }
    }
}

fn is_builtin_type_name(name: &str) -> bool {
    matches!(
        name,
        "Int" | "Float" | "Str" | "Bool" | "Void" | "Dynamic" | "Maybe" | "Result"
    )
}

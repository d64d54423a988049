//! Package-level declarations of one module: types, constants, the module
//! state and its initialiser, functions and methods.

use super::Lowerer;
use super::code::{Code, go_string};
use super::func::FnCx;
use crate::templates::{Field, ModuleState, SharedValue};
use crate::tir::*;

impl Lowerer<'_> {
    pub(crate) fn lower_module(&mut self, m: ModuleId) -> Code {
        let prog = self.prog;
        let mut c = Code::new();
        for (i, s) in prog.structs.iter().enumerate() {
            if s.module == m {
                self.struct_decl(&mut c, StructId(i as u32));
            }
        }
        for (i, e) in prog.enums.iter().enumerate() {
            if e.module == m {
                self.enum_decl(&mut c, EnumId(i as u32));
            }
        }
        for (i, u) in prog.unions.iter().enumerate() {
            if u.module == m {
                c.line(format!(
                    "// {} is the union {}.",
                    self.names.unions[i],
                    self.union_doc(UnionId(i as u32))
                ));
                c.line(format!("type {} = any", self.names.unions[i]));
                c.line("");
            }
        }
        for (i, t) in prog.traits.iter().enumerate() {
            if t.module == m {
                self.trait_decl(&mut c, TraitId(i as u32));
            }
        }
        let consts: Vec<usize> = prog
            .globals
            .iter()
            .enumerate()
            .filter(|(_, g)| g.module == m && g.constant.is_some())
            .map(|(i, _)| i)
            .collect();
        for i in consts {
            let g = &prog.globals[i];
            let value = match g.constant.as_ref() {
                Some(Const::Int(v)) => v.to_string(),
                Some(Const::Float(v)) if v.is_finite() && !(*v == 0.0 && v.is_sign_negative()) => {
                    float_lit(*v)
                }
                Some(Const::Float(_)) => continue,
                Some(Const::Str(s)) => go_string(s),
                Some(Const::Bool(b)) => b.to_string(),
                None => continue,
            };
            let ty = self.go_type(&g.ty);
            c.line(format!("const {} {ty} = {value}", self.names.globals[i]));
            c.line("");
        }
        self.shared_decls(&mut c, m);
        if self.module_has_state(m) {
            self.state_decl(&mut c, m);
        }
        let mut funcs: Vec<usize> = (0..prog.functions.len())
            .filter(|&i| {
                prog.functions[i].module == m
                    && match prog.functions[i].kind {
                        FnKind::Extern(_) => false,
                        FnKind::Test => self.tests,
                        _ => true,
                    }
            })
            .collect();
        funcs.sort_by_key(|&i| prog.functions[i].span.start);
        for i in funcs {
            self.function_decl(&mut c, FnId(i as u32));
        }
        // Helpers discovered while lowering this module.
        self.flush_helpers(&mut c);
        c
    }

    fn union_doc(&self, u: UnionId) -> String {
        let members: Vec<String> = self
            .prog
            .union(u)
            .members
            .iter()
            .map(|t| self.prog.show(t))
            .collect();
        members.join(" | ")
    }

    fn struct_decl(&mut self, c: &mut Code, s: StructId) {
        let def = self.prog.strukt(s);
        let name = &self.names.structs[s.0 as usize];
        let uses: Vec<&Type> = def.fields.iter().map(|(_, t)| t).collect();
        let tparams = self.type_params(&def.generics, &uses);
        c.line(format!("type {name}{tparams} struct {{"));
        for (f, t) in &def.fields {
            c.line(format!("{} {}", super::names::go_ident(f), self.go_type(t)));
        }
        c.line("}");
        c.line("");
        // Union membership markers are not needed: unions are `any`.
    }

    fn enum_decl(&mut self, c: &mut Code, e: EnumId) {
        let def = self.prog.enm(e);
        let name = self.names.enums[e.0 as usize].clone();
        c.line(format!("type {name} int"));
        c.line("");
        c.line("const (");
        for (i, v) in def.variants.iter().enumerate() {
            if i == 0 {
                c.line(format!("{name}_{v} {name} = iota"));
            } else {
                c.line(format!("{name}_{v}"));
            }
        }
        c.line(")");
        c.line("");
    }

    fn trait_decl(&mut self, c: &mut Code, t: TraitId) {
        let def = self.prog.trait_(t);
        let name = &self.names.traits[t.0 as usize];
        c.line(format!("type {name} interface {{"));
        for (i, m) in def.methods.iter().enumerate() {
            let mut params: Vec<String> = Vec::new();
            if super::world::trait_method_needs_world(self.prog, &self.needs_world, t, i) {
                // Unnamed like the other parameters (Go forbids mixing).
                params.push("*world".into());
            }
            params.extend(m.params.iter().map(|p| self.go_type(p)));
            c.line(format!(
                "{}({}){}",
                super::names::go_ident(&m.name),
                params.join(", "),
                self.go_result(&m.ret)
            ));
        }
        c.line("}");
        c.line("");
    }

    fn state_decl(&mut self, c: &mut Code, m: ModuleId) {
        let prog = self.prog;
        let fields = prog
            .globals
            .iter()
            .enumerate()
            .filter(|(i, g)| g.module == m && g.constant.is_none() && !self.shared[*i])
            .map(|(i, g)| Field {
                name: self.names.globals[i].clone(),
                ty: self.go_type(&g.ty),
            })
            .collect();
        // Imports first, in `use` order (F4).
        let imported = prog
            .module(m)
            .imports
            .iter()
            .filter(|imp| self.stateful[imp.0 as usize])
            .map(|imp| self.names.world_fields[imp.0 as usize].clone())
            .collect();
        let body = &prog.module(m).init;
        let mut cx = FnCx::new(self, &body.locals, true, Type::Void);
        cx.module = m;
        cx.reserve("s");
        cx.reserve("script");
        cx.scan_reads(&body.block);
        let mut inner = Code::new();
        let is_entry = m == prog.entry;
        for stmt in &body.block.stmts {
            let script = !matches!(stmt.kind, StmtKind::GlobalInit { .. }) && is_entry;
            if script {
                let mut guarded = Code::new();
                cx.stmt(&mut guarded, stmt);
                inner.line("if script {");
                inner.extend(guarded);
                inner.line("}");
                inner.terminated = false;
            } else {
                cx.stmt(&mut inner, stmt);
            }
        }
        let uses_s = inner.lines.iter().any(|l| l.contains("s."));
        c.line(crate::templates::fragment(&ModuleState {
            path: &prog.module(m).path,
            state: &self.names.states[m.0 as usize],
            fields,
            init: &self.names.inits[m.0 as usize],
            world_field: &self.names.world_fields[m.0 as usize],
            imported,
            body: &inner.lines,
            discard_state: !uses_s,
            discard_script: !is_entry,
        }));
        c.line("");
        c.terminated = false;
    }

    /// Immutable top-level values with pure initialisers: computed once, on
    /// first use, and shared by every world (no fiber can tell).
    fn shared_decls(&mut self, c: &mut Code, m: ModuleId) {
        let prog = self.prog;
        let body = &prog.module(m).init;
        for stmt in &body.block.stmts {
            let StmtKind::GlobalInit { global, value } = &stmt.kind else {
                continue;
            };
            let i = global.0 as usize;
            if !self.shared[i] {
                continue;
            }
            let Some((var, once)) = self.names.shared_vars.get(&i).cloned() else {
                continue;
            };
            let name = self.names.globals[i].clone();
            let ty = self.go_type(&prog.global(*global).ty);
            self.import("sync");
            let mut cx = FnCx::new(self, &body.locals, false, Type::Void);
            cx.module = m;
            let mut inner = Code::new();
            cx.line_at(&mut inner, stmt.span);
            cx.expr_into(&mut inner, value, &super::func::Dest::Assign(var.clone()));
            c.line(crate::templates::fragment(&SharedValue {
                name: &name,
                ty: &ty,
                var: &var,
                once: &once,
                body: &inner.lines,
            }));
            c.line("");
            c.terminated = false;
        }
    }

    fn function_decl(&mut self, c: &mut Code, id: FnId) {
        let prog = self.prog;
        let f = prog.func(id);
        let name = self.names.funcs[id.0 as usize].clone();
        let world = self.needs_world[id.0 as usize];
        let directive = self.line_directive(f.span);
        let result = self.go_result(&f.ret);
        let recv_ty = f
            .receiver
            .map(|r| self.go_type(&f.body.locals[r.0 as usize].ty));
        let param_tys: Vec<String> = f.params.iter().map(|p| self.go_type(&p.ty)).collect();
        let in_place = super::inplace::in_place_updates(prog, &f.body);
        let generic_method = prog.is_generic_method(f);
        // A Go method of a generic struct gets its type parameters from the
        // receiver (`func (self *Box[T]) get() T`).
        let tparams = if matches!(f.kind, FnKind::Method { .. }) && !generic_method {
            String::new()
        } else {
            let mut uses: Vec<&Type> = f.params.iter().map(|p| &p.ty).collect();
            uses.push(&f.ret);
            uses.extend(f.body.locals.iter().map(|l| &l.ty));
            self.type_params(&f.generics, &uses)
        };
        let mut cx = FnCx::new(self, &f.body.locals, world, f.ret.clone());
        cx.module = f.module;
        cx.in_place = in_place;
        let mut params: Vec<String> = Vec::new();
        if world {
            params.push("w *world".into());
        }
        let receiver = f.receiver.map(|r| {
            let rname = cx.bind_local(r, "self");
            format!("{rname} {}", recv_ty.clone().unwrap_or_default())
        });
        if generic_method && let Some(r) = &receiver {
            params.push(r.clone());
        }
        for (p, ty) in f.params.iter().zip(&param_tys) {
            let pname = cx.local_name(p.local);
            if p.mutable {
                // `mut` parameters are the caller's variables (types.md §7.3).
                cx.set_ref(p.local);
                params.push(format!("{pname} *{ty}"));
            } else {
                params.push(format!("{pname} {ty}"));
            }
        }
        let recv_text = match (&receiver, generic_method) {
            (Some(r), false) => format!("({r}) "),
            _ => String::new(),
        };
        c.line(directive);
        c.line(format!(
            "func {recv_text}{name}{tparams}({}){result} {{",
            params.join(", ")
        ));
        let mut body = Code::new();
        cx.body(&mut body, &f.body.block, &f.ret);
        c.extend(body);
        c.line("}");
        c.line("");
        c.terminated = false;
    }

    /// Clone methods, ToString wrappers and union printers requested while
    /// lowering.
    fn flush_helpers(&mut self, c: &mut Code) {
        let clones: Vec<StructId> = std::mem::take(&mut self.clones).into_iter().collect();
        let mut done = std::collections::BTreeSet::new();
        let mut queue = clones;
        while let Some(s) = queue.pop() {
            if !done.insert(s) || self.names.package.contains(&format!("clone#{}", s.0)) {
                continue;
            }
            self.names.package.reserve(&format!("clone#{}", s.0));
            let def = self.prog.strukt(s);
            let name = self.struct_name(&self.prog.own_type(s));
            // A generic struct's copy takes, per type parameter, the copy
            // of its values (nil: share them).
            self.param_cloners = def
                .generics
                .iter()
                .map(|g| (g.clone(), format!("clone{g}")))
                .collect();
            let params: Vec<String> = self
                .param_cloners
                .iter()
                .map(|(g, c)| format!("{c} func({g}) {g}"))
                .collect();
            c.line("// ard_clone is the deep copy made by `mut x = ...` (types.md §7.4).");
            if !params.is_empty() {
                c.line("// The functions copy values of the type parameters; nil shares them.");
            }
            c.line(format!(
                "func (v *{name}) ard_clone({}) *{name} {{",
                params.join(", ")
            ));
            c.line("c := *v");
            for (f, t) in &def.fields {
                let field = format!("c.{}", super::names::go_ident(f));
                if let Type::Param(p) = t
                    && let Some(cl) = self.param_cloner(p)
                {
                    c.line(format!("if {cl} != nil {{"));
                    c.line(format!("{field} = {cl}({field})"));
                    c.line("}");
                } else if let Some(copy) = self.clone_expr(t, &field) {
                    c.line(format!("{field} = {copy}"));
                }
            }
            self.param_cloners.clear();
            c.line("return &c");
            c.line("}");
            c.line("");
            queue.extend(std::mem::take(&mut self.clones));
        }
        let wrappers = std::mem::take(&mut self.wrappers);
        for w in wrappers {
            if self.names.package.contains(w) {
                continue;
            }
            self.names.package.reserve(w);
            if matches!(w, "ard_Int" | "ard_Bool") {
                self.import("strconv");
            }
            let (go, body) = match w {
                "ard_Int" => ("int", "strconv.Itoa(int(v))"),
                "ard_Float" => ("float64", "rt.FloatStr(float64(v))"),
                "ard_Bool" => ("bool", "strconv.FormatBool(bool(v))"),
                _ => ("string", "string(v)"),
            };
            if w == "ard_Float" {
                self.import("ard2go.dev/rt");
            }
            c.line(format!(
                "// {w} lets a {go} be used where Str::ToString is expected."
            ));
            c.line(format!("type {w} {go}"));
            c.line("");
            c.line(format!("func (v {w}) to_str() string {{ return {body} }}"));
            c.line("");
        }
        let unions = std::mem::take(&mut self.union_strs);
        for u in unions {
            let key = format!("union_str#{}", u.0);
            if self.names.package.contains(&key) {
                continue;
            }
            self.names.package.reserve(&key);
            let name = self.names.unions[u.0 as usize].clone();
            c.line(format!("func {name}_to_str(v {name}) string {{"));
            c.line("switch x := v.(type) {");
            let members = self.prog.union(u).members.clone();
            for t in &members {
                let go = self.go_type(t);
                let s = self.string_expr(t, &super::code::GoExpr::primary("x"));
                c.line(format!("case {go}:"));
                c.line(format!("return {}", s.text));
            }
            c.line("}");
            c.line("return \"\"");
            c.line("}");
            c.line("");
        }
    }

    /// A deep copy of `value` of type `t`, or None when sharing is fine.
    pub(crate) fn clone_expr(&mut self, t: &Type, value: &str) -> Option<String> {
        match t {
            Type::Struct(s, args) => {
                self.clones.insert(*s);
                let cloners: Vec<String> = args.iter().map(|a| self.cloner(a)).collect();
                Some(format!("{value}.ard_clone({})", cloners.join(", ")))
            }
            Type::List(e) | Type::Map(_, e)
                if let Type::Param(p) = &**e
                    && let Some(cl) = self.param_cloner(p) =>
            {
                Some(format!("{value}.Clone({cl})"))
            }
            Type::List(e) => {
                let go = self.go_type(e);
                let inner = self.clone_expr(e, "e");
                Some(match inner {
                    Some(x) => format!("{value}.Clone(func(e {go}) {go} {{ return {x} }})"),
                    None => format!("{value}.Clone(nil)"),
                })
            }
            Type::Map(_, v) => {
                let go = self.go_type(v);
                let inner = self.clone_expr(v, "e");
                Some(match inner {
                    Some(x) => format!("{value}.Clone(func(e {go}) {go} {{ return {x} }})"),
                    None => format!("{value}.Clone(nil)"),
                })
            }
            _ => None,
        }
    }

    /// A Go function that deep-copies values of type `t`, or `nil` when
    /// they can be shared (a type argument of a generic struct's copy).
    fn cloner(&mut self, t: &Type) -> String {
        if let Type::Param(p) = t
            && let Some(cl) = self.param_cloner(p)
        {
            return cl;
        }
        match self.clone_expr(t, "e") {
            Some(x) => {
                let go = self.go_type(t);
                format!("func(e {go}) {go} {{ return {x} }}")
            }
            None => "nil".into(),
        }
    }

    /// The copy function of type parameter `p` inside an `ard_clone`.
    fn param_cloner(&self, p: &str) -> Option<String> {
        self.param_cloners
            .iter()
            .find(|(g, _)| g == p)
            .map(|(_, c)| c.clone())
    }
}

/// A Go float literal that keeps the float type (`2` -> `2.0`).
pub(crate) fn float_lit(v: f64) -> String {
    let s = format!("{v:?}");
    if s.contains(['.', 'e', 'E']) || s.contains("inf") || s.contains("NaN") {
        s
    } else {
        format!("{s}.0")
    }
}

//! Answers to editor requests, from a checked program and its index.

use super::index::{BodyOwner, Occurrence, Target};
use super::text::{LineIndex, is_word_char, word_at};
use super::world::{Checked, World, materialize_std};
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};
use crate::syntax::ast::{self, StmtKind as AstStmt};
use crate::tir::*;
use lsp_types as lt;
use std::path::Path;
use std::sync::Arc;

pub fn url_of(path: &Path) -> Option<lt::Url> {
    lt::Url::from_file_path(path).ok()
}

/// The location of a span; standard-library files are written out first.
pub fn location(c: &Checked, span: Span) -> Option<lt::Location> {
    let path = c.path_of(span.file);
    if c.is_std(span.file) {
        materialize_std(&path);
    }
    let ix = LineIndex::new(c.text(span.file));
    Some(lt::Location::new(
        url_of(&path)?,
        ix.range(span.start as usize, span.end as usize),
    ))
}

/// An LSP diagnostic with the same message and range as `ard2go check`.
pub fn lsp_diagnostic(c: &Checked, d: &Diagnostic) -> lt::Diagnostic {
    let ix = LineIndex::new(c.text(d.span.file));
    let mut message = d.message.clone();
    for n in &d.notes {
        message.push_str("\nnote: ");
        message.push_str(n);
    }
    let related: Vec<lt::DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .filter_map(|l| {
            Some(lt::DiagnosticRelatedInformation {
                location: location(c, l.span)?,
                message: l.message.clone(),
            })
        })
        .collect();
    lt::Diagnostic {
        range: ix.range(d.span.start as usize, d.span.end as usize),
        severity: Some(match d.severity {
            crate::diagnostic::Severity::Error => lt::DiagnosticSeverity::ERROR,
            crate::diagnostic::Severity::Warning => lt::DiagnosticSeverity::WARNING,
        }),
        source: Some("ard2go".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

/// A document position resolved to a checked program.
pub struct At {
    pub c: Arc<Checked>,
    pub file: FileId,
    pub offset: usize,
}

pub fn at(world: &World, pos: &lt::TextDocumentPositionParams) -> Option<At> {
    let path = pos.text_document.uri.to_file_path().ok()?;
    let (c, file) = world.find(&path)?;
    let offset = LineIndex::new(c.text(file)).offset(pos.position);
    Some(At { c, file, offset })
}

fn prog(c: &Checked) -> Option<&Program> {
    c.analysis.program.as_ref()
}

// ------------------------------------------------------------- hover ---

pub fn hover(a: &At) -> Option<lt::Hover> {
    let prog = prog(&a.c)?;
    let index = a.c.index.as_ref()?;
    let (text, span) = if let Some(o) = index.at(a.file, a.offset) {
        (describe(prog, o.target, &o.ty), o.span)
    } else if let Some(t) = type_named_at(a) {
        let (s, e) = word_at(a.c.text(a.file), a.offset)?;
        (describe(prog, t, &Type::Error), Span::new(a.file, s, e))
    } else {
        let (span, ty) = index.type_at(a.file, a.offset)?;
        (prog.show(ty), span)
    };
    let ix = LineIndex::new(a.c.text(a.file));
    Some(lt::Hover {
        contents: lt::HoverContents::Markup(lt::MarkupContent {
            kind: lt::MarkupKind::Markdown,
            value: format!("```ard\n{text}\n```"),
        }),
        range: Some(ix.range(span.start as usize, span.end as usize)),
    })
}

fn module_note(prog: &Program, m: ModuleId) -> String {
    format!("\n// {}", prog.module(m).path)
}

/// What an editor shows for a name.
pub fn describe(prog: &Program, t: Target, ty: &Type) -> String {
    match t {
        Target::Local(owner, l) => {
            let (locals, params): (&[Local], &[Param]) = match owner {
                BodyOwner::Fn(f) => (&prog.func(f).body.locals, &prog.func(f).params),
                BodyOwner::Module(m) => (&prog.module(m).init.locals, &[]),
            };
            let local = locals.get(l.0 as usize);
            let name = local.map_or("?", |l| l.name.as_str());
            let is_param = params.iter().any(|p| p.local == l);
            let kw = match (is_param, local.is_some_and(|l| l.mutable)) {
                (true, true) => "mut ",
                (true, false) => "",
                (false, true) => "mut ",
                (false, false) => "let ",
            };
            let ty = local.map_or(ty.clone(), |l| l.ty.clone());
            format!("{kw}{name}: {}", prog.show(&ty))
        }
        Target::Fn(f) => {
            let func = prog.func(f);
            format!("{}{}", signature(prog, f), module_note(prog, func.module))
        }
        Target::Global(g) => {
            let g = prog.global(g);
            let kw = if g.mutable { "mut" } else { "let" };
            format!(
                "{kw} {}: {}{}",
                g.name,
                prog.show(&g.ty),
                module_note(prog, g.module)
            )
        }
        Target::Struct(s) => {
            let d = prog.strukt(s);
            let fields: Vec<String> = d
                .fields
                .iter()
                .map(|(n, t)| format!("  {n}: {},", prog.show(t)))
                .collect();
            format!(
                "struct {} {{\n{}\n}}{}",
                d.name,
                fields.join("\n"),
                module_note(prog, d.module)
            )
        }
        Target::Field(s, k) => {
            let d = prog.strukt(s);
            let (n, t) = &d.fields[k];
            format!("{}.{n}: {}", d.name, prog.show(t))
        }
        Target::Enum(e) => {
            let d = prog.enm(e);
            format!(
                "enum {} {{ {} }}{}",
                d.name,
                d.variants.join(", "),
                module_note(prog, d.module)
            )
        }
        Target::Variant(e, k) => {
            let d = prog.enm(e);
            format!("{}::{}", d.name, d.variants[k])
        }
        Target::Union(u) => {
            let d = prog.union(u);
            let members: Vec<String> = d.members.iter().map(|t| prog.show(t)).collect();
            format!("type {} = {}", d.name, members.join(" | "))
        }
        Target::Trait(t) => {
            let d = prog.trait_(t);
            let methods: Vec<String> = d
                .methods
                .iter()
                .map(|m| format!("  {}", trait_method_sig(prog, m)))
                .collect();
            format!("trait {} {{\n{}\n}}", d.name, methods.join("\n"))
        }
        Target::TraitMethod(t, k) => {
            let d = prog.trait_(t);
            format!("{}: {}", d.name, trait_method_sig(prog, &d.methods[k]))
        }
    }
}

fn trait_method_sig(prog: &Program, m: &TraitMethod) -> String {
    let params: Vec<String> = m.params.iter().map(|t| prog.show(t)).collect();
    format!("fn {}({}) {}", m.name, params.join(", "), prog.show(&m.ret))
}

/// `fn name(a: Int, mut b: [Str]) Ret`, methods as `fn Type.name(..)`.
pub fn signature(prog: &Program, f: FnId) -> String {
    let func = prog.func(f);
    let params: Vec<String> = func
        .params
        .iter()
        .map(|p| {
            let m = if p.mutable { "mut " } else { "" };
            format!("{m}{}: {}", p.name, prog.show(&p.ty))
        })
        .collect();
    let name = match &func.kind {
        FnKind::Method { owner, mutating } => {
            let owner = match owner {
                Owner::Struct(s) => &prog.strukt(*s).name,
                Owner::Enum(e) => &prog.enm(*e).name,
            };
            let m = if *mutating { "mut " } else { "" };
            format!("{m}{owner}.{}", func.name)
        }
        _ => func.name.clone(),
    };
    let ret = if func.ret == Type::Void {
        String::new()
    } else {
        format!(" {}", prog.show(&func.ret))
    };
    format!("fn {name}({}){ret}", params.join(", "))
}

// -------------------------------------------------------- definition ---

/// The declaration span of a target.
fn declaration(c: &Checked, t: Target) -> Option<Span> {
    if let Target::Local(owner, l) = t {
        let prog = prog(c)?;
        let locals = match owner {
            BodyOwner::Fn(f) => &prog.func(f).body.locals,
            BodyOwner::Module(m) => &prog.module(m).init.locals,
        };
        let span = locals.get(l.0 as usize)?.span;
        return (span.end > span.start).then_some(span);
    }
    c.index
        .as_ref()?
        .references(t)
        .find(|o| o.decl)
        .map(|o| o.span)
}

pub fn definition(a: &At) -> Option<lt::Location> {
    let index = a.c.index.as_ref()?;
    let target = match index.at(a.file, a.offset) {
        Some(o) => o.target,
        None => match type_named_at(a) {
            Some(t) => t,
            None => return module_named_at(a),
        },
    };
    location(&a.c, declaration(&a.c, target)?)
}

/// The module file an import binding under the cursor names (`io` in
/// `io::print`).
fn module_named_at(a: &At) -> Option<lt::Location> {
    let text = a.c.text(a.file);
    let (s, e) = word_at(text, a.offset)?;
    let word = &text[s..e];
    let module = imported_module(&a.c, a.file, word)?;
    let file = a.c.analysis.syntax.modules[module].file;
    location(&a.c, Span::new(file, 0, 0))
}

/// The loaded module that `name` is bound to by a `use` in `file`.
fn imported_module(c: &Checked, file: FileId, name: &str) -> Option<usize> {
    let m = c.analysis.syntax.modules.iter().find(|m| m.file == file)?;
    m.ast
        .imports
        .iter()
        .zip(&m.imports)
        .find(|(imp, _)| binding(imp) == name)
        .and_then(|(_, t)| *t)
        .or_else(|| {
            // The prelude namespaces (`Str`, `Int`, ...).
            c.analysis
                .syntax
                .prelude
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, m)| *m)
        })
}

fn binding(imp: &ast::Import) -> &str {
    match &imp.alias {
        Some(a) => &a.name,
        None => imp.path.rsplit('/').next().unwrap_or_default(),
    }
}

/// A type named by the word under the cursor (in a type annotation, which
/// is no expression): the one of this module, else of the module before
/// `::`, else any.
fn type_named_at(a: &At) -> Option<Target> {
    let prog = prog(&a.c)?;
    let text = a.c.text(a.file);
    let (s, e) = word_at(text, a.offset)?;
    let word = &text[s..e];
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let here = prog.modules.iter().position(|m| m.file == a.file)?;
    let before = text[..s].strip_suffix("::").and_then(|b| {
        let (ws, we) = word_at(b, b.len())?;
        Some(&b[ws..we])
    });
    let module = match before {
        Some(q) => imported_module(&a.c, a.file, q)?,
        None => here,
    };
    let m = ModuleId(module as u32);
    let find = |m: Option<ModuleId>| -> Option<Target> {
        let ok = |x: ModuleId| m.is_none_or(|m| m == x);
        if let Some(i) = prog
            .structs
            .iter()
            .position(|d| d.name == word && ok(d.module))
        {
            return Some(Target::Struct(StructId(i as u32)));
        }
        if let Some(i) = prog
            .enums
            .iter()
            .position(|d| d.name == word && ok(d.module))
        {
            return Some(Target::Enum(EnumId(i as u32)));
        }
        if let Some(i) = prog
            .traits
            .iter()
            .position(|d| d.name == word && ok(d.module))
        {
            return Some(Target::Trait(TraitId(i as u32)));
        }
        if let Some(i) = prog
            .unions
            .iter()
            .position(|d| d.name == word && ok(d.module))
        {
            return Some(Target::Union(UnionId(i as u32)));
        }
        None
    };
    find(Some(m)).or_else(|| find(None))
}

// -------------------------------------------------------- references ---

pub fn references(a: &At, include_decl: bool) -> Option<Vec<lt::Location>> {
    let index = a.c.index.as_ref()?;
    let target = match index.at(a.file, a.offset) {
        Some(o) => o.target,
        None => type_named_at(a)?,
    };
    let mut out: Vec<&Occurrence> = index
        .references(target)
        .filter(|o| include_decl || !o.decl)
        .collect();
    out.sort_by_key(|o| (o.span.file, o.span.start));
    out.dedup_by_key(|o| o.span);
    Some(out.iter().filter_map(|o| location(&a.c, o.span)).collect())
}

// -------------------------------------------------------- completion ---

fn item(label: &str, kind: lt::CompletionItemKind, detail: String) -> lt::CompletionItem {
    lt::CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: Some(detail),
        ..Default::default()
    }
}

/// What is being completed, read from the text before the cursor.
pub enum Context {
    /// `recv.pre`: the receiver ends at `dot`.
    Member { dot: usize },
    /// `qual::pre`
    Path { qual: String },
    /// A name.
    Scope,
}

pub fn context(text: &str, offset: usize) -> (Context, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let head = &text[..start];
    if let Some(q) = head.strip_suffix("::") {
        let qs = q
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_word_char(*c))
            .last()
            .map_or(q.len(), |(i, _)| i);
        return (
            Context::Path {
                qual: q[qs..].to_string(),
            },
            start,
        );
    }
    if head.ends_with('.') && !head.ends_with("..") {
        return (Context::Member { dot: start - 1 }, start);
    }
    (Context::Scope, start)
}

/// Completions at `a` (a position in the program `a.c`). `receiver` is the
/// type before a `.`, found by the caller.
pub fn complete(a: &At, ctx: &Context, receiver: Option<&Type>) -> Vec<lt::CompletionItem> {
    let Some(prog) = prog(&a.c) else {
        return Vec::new();
    };
    match ctx {
        Context::Member { .. } => receiver.map_or_else(Vec::new, |t| members(prog, t)),
        Context::Path { qual } => path_items(a, prog, qual),
        Context::Scope => scope_items(a, prog),
    }
}

/// Fields and methods of a value of type `t`.
pub fn members(prog: &Program, t: &Type) -> Vec<lt::CompletionItem> {
    let mut out = Vec::new();
    let owner = match t {
        Type::Struct(s, args) => {
            let def = prog.strukt(*s);
            for (i, (n, _)) in def.fields.iter().enumerate() {
                let ft = def.field_type(i, args);
                out.push(item(n, lt::CompletionItemKind::FIELD, prog.show(&ft)));
            }
            Some(Owner::Struct(*s))
        }
        Type::Enum(e) => Some(Owner::Enum(*e)),
        Type::Trait(tr) => {
            for m in &prog.trait_(*tr).methods {
                out.push(item(
                    &m.name,
                    lt::CompletionItemKind::METHOD,
                    trait_method_sig(prog, m),
                ));
            }
            None
        }
        _ => None,
    };
    if let Some(owner) = owner {
        for (i, f) in prog.functions.iter().enumerate() {
            if matches!(&f.kind, FnKind::Method { owner: o, .. } if *o == owner) {
                let sig = signature(prog, FnId(i as u32));
                out.push(item(&f.name, lt::CompletionItemKind::METHOD, sig));
            }
        }
    }
    for name in BUILTIN_METHODS {
        if let Some(sig) = crate::check::builtin_method(t, name) {
            let params: Vec<String> = sig.params.iter().map(|p| prog.show(p)).collect();
            let detail = format!("fn {name}({}) {}", params.join(", "), prog.show(&sig.ret));
            out.push(item(name, lt::CompletionItemKind::METHOD, detail));
        }
    }
    out
}

/// Candidate names of built-in methods (`crate::check::builtin_method`
/// says which exist for a type).
const BUILTIN_METHODS: &[&str] = &[
    "at",
    "contains",
    "drop",
    "expect",
    "get",
    "has",
    "is_empty",
    "is_err",
    "is_none",
    "is_ok",
    "is_some",
    "keys",
    "or",
    "prepend",
    "push",
    "replace",
    "replace_all",
    "set",
    "size",
    "sort",
    "split",
    "starts_with",
    "swap",
    "to_int",
    "to_str",
    "trim",
];

/// The functions, top-level values, structs and enums of `module`, except
/// the names in `hidden`.
fn module_items(
    prog: &Program,
    module: ModuleId,
    hidden: &[String],
    out: &mut Vec<lt::CompletionItem>,
) {
    for (i, f) in prog.functions.iter().enumerate() {
        if f.module == module
            && matches!(f.kind, FnKind::Free | FnKind::Extern(_))
            && !hidden.contains(&f.name)
        {
            let sig = signature(prog, FnId(i as u32));
            out.push(item(&f.name, lt::CompletionItemKind::FUNCTION, sig));
        }
    }
    for g in prog.globals.iter().filter(|g| g.module == module) {
        if !hidden.contains(&g.name) {
            out.push(item(
                &g.name,
                lt::CompletionItemKind::VARIABLE,
                prog.show(&g.ty),
            ));
        }
    }
    for d in prog.structs.iter().filter(|d| d.module == module) {
        out.push(item(
            &d.name,
            lt::CompletionItemKind::STRUCT,
            format!("struct {}", d.name),
        ));
    }
    for d in prog.enums.iter().filter(|d| d.module == module) {
        out.push(item(
            &d.name,
            lt::CompletionItemKind::ENUM,
            format!("enum {}", d.name),
        ));
    }
}

/// The public names of the module bound to `qual`, or the variants and
/// static functions of the type `qual`.
fn path_items(a: &At, prog: &Program, qual: &str) -> Vec<lt::CompletionItem> {
    let mut out = Vec::new();
    if let Some(m) = imported_module(&a.c, a.file, qual) {
        let module = ModuleId(m as u32);
        let private = private_names(&a.c, m);
        module_items(prog, module, &private, &mut out);
        for d in prog.traits.iter().filter(|d| d.module == module) {
            out.push(item(
                &d.name,
                lt::CompletionItemKind::INTERFACE,
                format!("trait {}", d.name),
            ));
        }
        return out;
    }
    for d in prog.enums.iter().filter(|d| d.name == qual) {
        for v in &d.variants {
            out.push(item(
                v,
                lt::CompletionItemKind::ENUM_MEMBER,
                format!("{}::{v}", d.name),
            ));
        }
    }
    for (i, f) in prog.functions.iter().enumerate() {
        if let FnKind::Static(owner) = &f.kind
            && owner.rsplit("::").next() == Some(qual)
        {
            let name = f.name.rsplit("::").next().unwrap_or(&f.name);
            let sig = signature(prog, FnId(i as u32));
            out.push(item(name, lt::CompletionItemKind::FUNCTION, sig));
        }
    }
    out
}

/// Names declared `private` in a loaded module.
fn private_names(c: &Checked, module: usize) -> Vec<String> {
    let Some(m) = c.analysis.syntax.modules.get(module) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for s in &m.ast.stmts {
        match &s.kind {
            AstStmt::Fn(f) if f.private => {
                out.extend(f.name.last().map(|n| n.name.clone()));
            }
            AstStmt::Extern(f) if f.private => out.push(f.name.name.clone()),
            _ => {}
        }
    }
    out
}

/// Locals declared before the cursor in the enclosing function, then the
/// module's declarations and imports.
fn scope_items(a: &At, prog: &Program) -> Vec<lt::CompletionItem> {
    let mut out: Vec<lt::CompletionItem> = Vec::new();
    let Some(here) = prog.modules.iter().position(|m| m.file == a.file) else {
        return out;
    };
    let module = ModuleId(here as u32);
    // The function declared last before the cursor holds it (declarations
    // keep the span of their name).
    let enclosing = prog
        .functions
        .iter()
        .filter(|f| {
            f.module == module && f.span.file == a.file && (f.span.start as usize) <= a.offset
        })
        .max_by_key(|f| f.span.start);
    if let Some(f) = enclosing {
        for l in &f.body.locals {
            if l.span.end > l.span.start && (l.span.start as usize) < a.offset && l.name != "@" {
                out.push(item(
                    &l.name,
                    lt::CompletionItemKind::VARIABLE,
                    prog.show(&l.ty),
                ));
            }
        }
    }
    module_items(prog, module, &[], &mut out);
    if let Some(m) =
        a.c.analysis
            .syntax
            .modules
            .iter()
            .find(|m| m.file == a.file)
    {
        for imp in &m.ast.imports {
            out.push(item(
                binding(imp),
                lt::CompletionItemKind::MODULE,
                imp.path.clone(),
            ));
        }
    }
    for (name, _) in &a.c.analysis.syntax.prelude {
        out.push(item(
            name,
            lt::CompletionItemKind::MODULE,
            "prelude".to_string(),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|i| seen.insert(i.label.clone()));
    out
}

// ----------------------------------------------------------- symbols ---

#[allow(deprecated)] // `deprecated` is a required field of DocumentSymbol
fn symbol(
    name: &str,
    detail: Option<String>,
    kind: lt::SymbolKind,
    range: lt::Range,
    sel: lt::Range,
    children: Vec<lt::DocumentSymbol>,
) -> lt::DocumentSymbol {
    lt::DocumentSymbol {
        name: name.to_string(),
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range: sel,
        children: (!children.is_empty()).then_some(children),
    }
}

pub fn document_symbols(c: &Checked, file: FileId) -> Vec<lt::DocumentSymbol> {
    let Some(m) = c.analysis.syntax.modules.iter().find(|m| m.file == file) else {
        return Vec::new();
    };
    let ix = LineIndex::new(c.text(file));
    let r = |s: Span| ix.range(s.start as usize, s.end as usize);
    let fn_sym = |f: &ast::FnDecl, kind| {
        let name: Vec<&str> = f.name.iter().map(|n| n.name.as_str()).collect();
        let sel = f.name.last().map_or(f.span, |n| n.span);
        symbol(&name.join("::"), None, kind, r(f.span), r(sel), Vec::new())
    };
    let mut out = Vec::new();
    for s in &m.ast.stmts {
        let sym = match &s.kind {
            AstStmt::Fn(f) => fn_sym(f, lt::SymbolKind::FUNCTION),
            AstStmt::Extern(f) => symbol(
                &f.name.name,
                None,
                lt::SymbolKind::FUNCTION,
                r(f.span),
                r(f.name.span),
                Vec::new(),
            ),
            AstStmt::Struct(d) => {
                let fields = d
                    .fields
                    .iter()
                    .map(|f| {
                        symbol(
                            &f.name.name,
                            None,
                            lt::SymbolKind::FIELD,
                            r(f.name.span.to(f.ty.span)),
                            r(f.name.span),
                            Vec::new(),
                        )
                    })
                    .collect();
                symbol(
                    &d.name.name,
                    None,
                    lt::SymbolKind::STRUCT,
                    r(d.span),
                    r(d.name.span),
                    fields,
                )
            }
            AstStmt::Enum(d) => {
                let vs = d
                    .variants
                    .iter()
                    .map(|v| {
                        symbol(
                            &v.name,
                            None,
                            lt::SymbolKind::ENUM_MEMBER,
                            r(v.span),
                            r(v.span),
                            Vec::new(),
                        )
                    })
                    .collect();
                symbol(
                    &d.name.name,
                    None,
                    lt::SymbolKind::ENUM,
                    r(d.span),
                    r(d.name.span),
                    vs,
                )
            }
            AstStmt::Trait(d) => {
                let ms = d
                    .methods
                    .iter()
                    .map(|m| {
                        symbol(
                            &m.name.name,
                            None,
                            lt::SymbolKind::METHOD,
                            r(m.span),
                            r(m.name.span),
                            Vec::new(),
                        )
                    })
                    .collect();
                symbol(
                    &d.name.name,
                    None,
                    lt::SymbolKind::INTERFACE,
                    r(d.span),
                    r(d.name.span),
                    ms,
                )
            }
            AstStmt::Impl(b) => {
                let ms = b
                    .methods
                    .iter()
                    .map(|f| fn_sym(f, lt::SymbolKind::METHOD))
                    .collect();
                let name = format!("impl {}", b.target.name);
                symbol(
                    &name,
                    None,
                    lt::SymbolKind::CLASS,
                    r(s.span),
                    r(b.target.span),
                    ms,
                )
            }
            AstStmt::TraitImpl(b) => {
                let ms = b
                    .methods
                    .iter()
                    .map(|f| fn_sym(f, lt::SymbolKind::METHOD))
                    .collect();
                let tr: Vec<&str> = b.trait_path.iter().map(|n| n.name.as_str()).collect();
                let name = format!("impl {} for {}", tr.join("::"), b.target.name);
                symbol(
                    &name,
                    None,
                    lt::SymbolKind::CLASS,
                    r(s.span),
                    r(b.target.span),
                    ms,
                )
            }
            AstStmt::Type(d) => symbol(
                &d.name.name,
                None,
                lt::SymbolKind::TYPE_PARAMETER,
                r(d.span),
                r(d.name.span),
                Vec::new(),
            ),
            AstStmt::Let { name, mutable, .. } => symbol(
                &name.name,
                None,
                if *mutable {
                    lt::SymbolKind::VARIABLE
                } else {
                    lt::SymbolKind::CONSTANT
                },
                r(s.span),
                r(name.span),
                Vec::new(),
            ),
            _ => continue,
        };
        out.push(sym);
    }
    out
}

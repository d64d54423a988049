//! Checking after syntax errors: which type errors to keep.
//!
//! After a syntax error the loader deletes the broken declarations
//! (`syntax/recover.rs`) and the checker checks the rest, which is exactly
//! the program with those declarations deleted. Its errors are therefore
//! errors of that program; but some exist only *because* of the deletion
//! ("undefined function `f`" when the broken declaration was `fn f`, a
//! missing method or trait implementation, a type that no longer exists).
//! Those are not reported: the user sees only errors that do not depend on
//! what was deleted.
//!
//! The rule is by names, over-approximated so that it never keeps a
//! dependent error:
//! - A deleted range *taints* every name it may declare: the name after
//!   `fn`, `struct`, `enum`, `trait`, `type`, `impl .. for`, `let`, `mut`
//!   and the binding of a `use`, wherever they appear in it, and every name
//!   on a line that starts a declaration with a misspelt keyword.
//! - A top-level declaration whose *signature* mentions a tainted name
//!   taints the names it declares (a function returning a deleted struct
//!   makes its callers uncertain; its body does not), until nothing
//!   changes.
//! - A type error is kept only when the top-level declaration it is in
//!   mentions no tainted name at all.

use crate::diagnostic::Diagnostic;
use crate::load::LoadedProgram;
use crate::source::{SourceMap, Span};
use crate::syntax::ast::{self, StmtKind};
use std::collections::HashSet;

/// Of the type errors of a program whose files had syntax errors, the ones
/// that do not depend on the deleted declarations.
pub fn independent(
    loaded: &LoadedProgram,
    sources: &SourceMap,
    diags: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut tainted: HashSet<String> = HashSet::new();
    for (idx, m) in loaded.modules.iter().enumerate() {
        let text = &sources.get(m.file).text;
        for span in &m.removed {
            if let Some(region) = text.get(span.range()) {
                declared_in_text(region, &mut tainted);
            }
            if span.start == 0 && span.end as usize >= text.len() {
                // Nothing of the file survived: every importer's name for
                // it is uncertain too.
                taint_import_names(loaded, idx, &mut tainted);
            }
        }
    }
    if tainted.is_empty() {
        return diags;
    }
    let mut items: Vec<Item> = Vec::new();
    for m in loaded.modules.iter().filter(|m| !m.is_std) {
        let text = &sources.get(m.file).text;
        for stmt in &m.ast.stmts {
            items.push(Item::new(stmt, text));
        }
    }
    loop {
        let mut changed = false;
        for item in items.iter_mut().filter(|i| !i.sig_tainted) {
            if item.signature.iter().any(|n| tainted.contains(n)) {
                item.sig_tainted = true;
                for n in &item.declares {
                    changed |= tainted.insert(n.clone());
                }
            }
        }
        if !changed {
            break;
        }
    }
    let globals = global_names(loaded, sources);
    diags
        .into_iter()
        .filter(|d| match items.iter().find(|i| contains(i.span, d.span)) {
            None => true,
            Some(item) => item.keeps(d.span, &tainted, &globals),
        })
        .collect()
}

/// Names declared at the top level of some module, and import bindings:
/// a statement cannot change their types.
fn global_names(loaded: &LoadedProgram, _sources: &SourceMap) -> HashSet<String> {
    let mut out: HashSet<String> = BUILTIN_NAMES.iter().map(|s| s.to_string()).collect();
    out.extend(KEYWORDS.iter().map(|s| s.to_string()));
    for m in &loaded.modules {
        for imp in &m.ast.imports {
            match &imp.alias {
                Some(a) => out.insert(a.name.clone()),
                None => out.insert(imp.path.rsplit('/').next().unwrap_or_default().to_string()),
            };
        }
        for stmt in &m.ast.stmts {
            match &stmt.kind {
                StmtKind::Fn(f) => out.extend(f.name.iter().map(|n| n.name.clone())),
                StmtKind::Struct(d) => {
                    out.insert(d.name.name.clone());
                }
                StmtKind::Enum(d) => {
                    out.insert(d.name.name.clone());
                }
                StmtKind::Type(d) => {
                    out.insert(d.name.name.clone());
                }
                StmtKind::Trait(d) => {
                    out.insert(d.name.name.clone());
                }
                StmtKind::Extern(d) => {
                    out.insert(d.name.name.clone());
                }
                _ => {}
            }
        }
    }
    out
}

fn contains(outer: Span, inner: Span) -> bool {
    outer.file == inner.file && outer.start <= inner.start && inner.start <= outer.end
}

/// The names other modules bind module `idx` to.
fn taint_import_names(loaded: &LoadedProgram, idx: usize, tainted: &mut HashSet<String>) {
    for m in &loaded.modules {
        for (imp, target) in m.ast.imports.iter().zip(&m.imports) {
            if *target == Some(idx) {
                let name = match &imp.alias {
                    Some(a) => a.name.clone(),
                    None => imp.path.rsplit('/').next().unwrap_or_default().to_string(),
                };
                tainted.insert(name);
            }
        }
    }
}

/// A top-level declaration that parsed.
struct Item {
    span: Span,
    /// Every name in its text.
    mentions: HashSet<String>,
    /// The names in the part other declarations depend on (a function's
    /// signature, not its body).
    signature: HashSet<String>,
    declares: Vec<String>,
    sig_tainted: bool,
    /// The statements of each function body in it (a function, or the
    /// methods of an impl): the body's text and its statements' spans.
    bodies: Vec<Vec<(Span, String)>>,
}

impl Item {
    fn new(stmt: &ast::Stmt, text: &str) -> Item {
        let slice = |from: u32, to: u32| text.get(from as usize..to as usize).unwrap_or_default();
        let names = |s: &str| -> HashSet<String> { words(s).map(str::to_string).collect() };
        let whole = slice(stmt.span.start, stmt.span.end);
        // Methods: the header and the signatures, without the bodies.
        let methods_sig = |methods: &[ast::FnDecl]| -> HashSet<String> {
            let head_end = methods.first().map_or(stmt.span.end, |m| m.span.start);
            let mut sig = names(slice(stmt.span.start, head_end));
            for m in methods {
                sig.extend(names(slice(m.span.start, m.body.span.start)));
            }
            sig
        };
        let method_names = |methods: &[ast::FnDecl]| -> Vec<String> {
            methods
                .iter()
                .filter_map(|m| m.name.last().map(|n| n.name.clone()))
                .collect()
        };
        let (signature, declares) = match &stmt.kind {
            StmtKind::Fn(f) => (
                names(slice(stmt.span.start, f.body.span.start)),
                f.name.last().map(|n| n.name.clone()).into_iter().collect(),
            ),
            StmtKind::Impl(b) => {
                let mut declares = method_names(&b.methods);
                declares.push(b.target.name.clone());
                (methods_sig(&b.methods), declares)
            }
            StmtKind::TraitImpl(b) => {
                let mut declares = method_names(&b.methods);
                declares.push(b.target.name.clone());
                (methods_sig(&b.methods), declares)
            }
            StmtKind::Let { name, ty, .. } => {
                let sig = match ty {
                    Some(t) => names(slice(t.span.start, t.span.end)),
                    None => names(whole),
                };
                (sig, vec![name.name.clone()])
            }
            StmtKind::Struct(d) => (names(whole), vec![d.name.name.clone()]),
            StmtKind::Enum(d) => (names(whole), vec![d.name.name.clone()]),
            StmtKind::Type(d) => (names(whole), vec![d.name.name.clone()]),
            StmtKind::Extern(d) => (names(whole), vec![d.name.name.clone()]),
            StmtKind::Trait(d) => {
                let mut declares: Vec<String> =
                    d.methods.iter().map(|m| m.name.name.clone()).collect();
                declares.push(d.name.name.clone());
                (names(whole), declares)
            }
            _ => (names(whole), Vec::new()),
        };
        let body = |b: &ast::Block| -> Vec<(Span, String)> {
            b.stmts
                .iter()
                .map(|s| (s.span, slice(s.span.start, s.span.end).to_string()))
                .collect()
        };
        let bodies = match &stmt.kind {
            StmtKind::Fn(f) => vec![body(&f.body)],
            StmtKind::Impl(b) => b.methods.iter().map(|m| body(&m.body)).collect(),
            StmtKind::TraitImpl(b) => b.methods.iter().map(|m| body(&m.body)).collect(),
            _ => Vec::new(),
        };
        Item {
            span: stmt.span,
            mentions: names(whole),
            signature,
            declares,
            sig_tainted: false,
            bodies,
        }
    }

    /// Whether an error at `at` inside this declaration is independent of
    /// the tainted names. Inside a function body whose signature is
    /// untainted this is decided statement by statement: a statement is
    /// uncertain when it mentions a tainted name or a local that an
    /// uncertain statement mentions (an empty list whose element type a
    /// deleted call would have fixed makes every use uncertain, also
    /// earlier ones).
    fn keeps(&self, at: Span, tainted: &HashSet<String>, globals: &HashSet<String>) -> bool {
        let hit = |ns: &HashSet<String>| ns.iter().any(|n| tainted.contains(n));
        if !hit(&self.mentions) {
            return true;
        }
        if self.sig_tainted {
            return false;
        }
        for stmts in &self.bodies {
            let Some(here) = stmts.iter().position(|(s, _)| contains(*s, at)) else {
                continue;
            };
            // Locals bound with `let`/`mut` may shadow a global name.
            let mut bound = HashSet::new();
            for (_, text) in stmts {
                let ws: Vec<&str> = words(text).collect();
                for pair in ws.windows(2) {
                    if matches!(pair[0], "let" | "mut") {
                        bound.insert(pair[1]);
                    }
                }
            }
            let mut uncertain = tainted.clone();
            let mut bad = vec![false; stmts.len()];
            loop {
                let mut changed = false;
                for (i, (_, text)) in stmts.iter().enumerate() {
                    if bad[i] || !words(text).any(|w| uncertain.contains(w)) {
                        continue;
                    }
                    bad[i] = true;
                    changed = true;
                    for w in local_words(text) {
                        if !globals.contains(w) || bound.contains(w) {
                            uncertain.insert(w.to_string());
                        }
                    }
                }
                if !changed {
                    break;
                }
            }
            return !bad[here];
        }
        false
    }
}

/// The words of `text` that may name locals: not after `.` or `::`.
fn local_words(text: &str) -> impl Iterator<Item = &str> {
    words(text).filter(move |w| {
        let before = text[..offset_in(text, w)].trim_end();
        !(before.ends_with('.') || before.ends_with("::"))
    })
}

/// Keywords that start a declaration or qualify one.
const DECL_WORDS: &[&str] = &[
    "fn", "struct", "enum", "trait", "type", "impl", "let", "mut", "use", "private", "extern",
];

const KEYWORDS: &[&str] = &[
    "and", "as", "break", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "match", "mut", "not", "or", "private", "struct", "trait", "true", "type", "use",
    "while", "try",
];

/// Names no declaration can introduce: a misspelt declaration line that
/// mentions them does not make every use of `Int` uncertain.
const BUILTIN_NAMES: &[&str] = &[
    "Int", "Float", "Str", "Bool", "Void", "Dynamic", "List", "Map", "Maybe", "Result",
];

/// Add the names that the (unparsable) text may declare.
fn declared_in_text(text: &str, out: &mut HashSet<String>) {
    for line in text.lines() {
        let code = strip_comment(line);
        let ws: Vec<&str> = words(code).collect();
        let mut i = 0;
        while i < ws.len() {
            match ws[i] {
                "fn" => {
                    // `fn [mut] A::B::name`: the last segment of the path.
                    let mut j = i + 1;
                    if ws.get(j) == Some(&"mut") {
                        j += 1;
                    }
                    if let Some(name) = last_of_path(code, &ws, j) {
                        out.insert(name.to_string());
                    }
                }
                "struct" | "enum" | "trait" | "type" | "let" | "mut" => {
                    if let Some(name) = ws.get(i + 1) {
                        out.insert(name.to_string());
                    }
                }
                "impl" => {
                    let target = match ws[i + 1..].iter().position(|w| *w == "for") {
                        Some(k) => last_of_path(code, &ws, i + 2 + k),
                        None => last_of_path(code, &ws, i + 1),
                    };
                    if let Some(name) = target {
                        out.insert(name.to_string());
                    }
                }
                "use" => {
                    let binding = match ws[i + 1..].iter().position(|w| *w == "as") {
                        Some(k) => ws.get(i + 2 + k),
                        None => ws.last(),
                    };
                    if let Some(name) = binding {
                        out.insert(name.to_string());
                    }
                }
                _ => {}
            }
            i += 1;
        }
        // A line at the left margin that is not one of the above may be a
        // declaration with a misspelt keyword (`fnn area(s: Shape)`).
        let at_margin = code.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
        if at_margin && ws.first().is_some_and(|w| !DECL_WORDS.contains(w)) {
            for w in &ws {
                if !BUILTIN_NAMES.contains(w) && !DECL_WORDS.contains(w) {
                    out.insert(w.to_string());
                }
            }
        }
    }
}

/// The last segment of the `A::B::c` path that starts at word `j` of `code`.
fn last_of_path<'a>(code: &str, ws: &[&'a str], j: usize) -> Option<&'a str> {
    let mut last = *ws.get(j)?;
    let mut k = j;
    while let Some(next) = ws.get(k + 1) {
        // Only `::` may lie between two segments.
        let here = offset_in(code, last);
        let there = offset_in(code, next);
        let between = code.get(here + last.len()..there).unwrap_or_default();
        if between.trim() != "::" {
            break;
        }
        last = next;
        k += 1;
    }
    Some(last)
}

/// Offset of `part` (a subslice of `whole`) inside `whole`.
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

fn strip_comment(line: &str) -> &str {
    match line.find("//") {
        Some(i) => &line[..i],
        None => line,
    }
}

/// The identifiers and keywords of `text`, in order (comments included:
/// counting too many names only suppresses more).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declared(text: &str) -> Vec<String> {
        let mut out = HashSet::new();
        declared_in_text(text, &mut out);
        let mut v: Vec<String> = out.into_iter().collect();
        v.sort();
        v
    }

    #[test]
    fn deleted_text_declares_the_names_after_declaration_keywords() {
        assert_eq!(declared("fn area(s: Shape) Int {\n  let = \n}"), ["area"]);
        assert_eq!(declared("private fn Box::of(v: Int) {"), ["of"]);
        assert_eq!(declared("fn mut grow() {"), ["grow"]);
        assert_eq!(declared("struct P { x: Int,, }"), ["P"]);
        assert_eq!(
            declared("impl Str::ToString for P {\n  fn to_str() Str { }"),
            ["P", "to_str"]
        );
        assert_eq!(declared("impl Q {"), ["Q"]);
        assert_eq!(declared("use ard/io\nuse app/geo as g\n"), ["g", "io"]);
        // A misspelt keyword: every name on the line but the built-in ones.
        assert_eq!(
            declared("fnn area(s: Shape) Int {"),
            ["Shape", "area", "fnn", "s"]
        );
        // Comments declare nothing.
        assert_eq!(declared("// fn hidden() {}\n  1 +"), Vec::<String>::new());
    }
}

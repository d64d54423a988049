//! The layout rules (docs/formatting.md): the AST is printed token for token
//! as parsed (parentheses are nodes, string literals and numbers are copied
//! as written), so only whitespace, line breaks and the optional commas
//! between items change. Comments come from `comments::scan` and are
//! placed at the item boundaries of statement lists, declarations and
//! broken bracket lists (see `Printer::seq`).
//!
//! Every render function returns the text of one construct: its first line
//! starts wherever the caller puts it (column `col`), later lines carry
//! their absolute indentation (`indent` levels of two spaces).

use super::comments::Comment;
use crate::syntax::ast::*;

/// Lines longer than this are broken where the layout allows it.
pub const WIDTH: usize = 100;

pub struct Printer<'s> {
    src: &'s str,
    comments: Vec<Comment>,
    /// The first comment not printed yet.
    next: usize,
    /// How many trial renderings (a flat closure or `if`, a hugged last
    /// item) enclose the current one. Each renders its subtree a second
    /// time when it fails, so nested trials would take time exponential in
    /// their depth; beyond `MAX_TRIALS` the plain layout is used.
    trials: usize,
}

const MAX_TRIALS: usize = 4;

/// How a bracket list looks; see `Printer::list`.
struct ListStyle {
    open: &'static str,
    close: &'static str,
    /// `Name{ a: 1 }`: spaces inside the brackets when flat.
    spaced: bool,
    /// The last item may stay on the opening line when it spans lines
    /// (`f(a, fn() {` ... `})`).
    hug: bool,
}

const PARENS: ListStyle = ListStyle {
    open: "(",
    close: ")",
    spaced: false,
    hug: true,
};
const BRACKETS: ListStyle = ListStyle {
    open: "[",
    close: "]",
    spaced: false,
    hug: true,
};
const PARAMS: ListStyle = ListStyle {
    open: "(",
    close: ")",
    spaced: false,
    hug: false,
};

fn pad(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push_str("  ");
    }
}

fn width(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

fn multiline(s: &str) -> bool {
    s.contains('\n')
}

/// The column after `s` printed at `col`.
fn end_col(col: usize, s: &str) -> usize {
    match s.rfind('\n') {
        Some(i) => width(&s[i + 1..]),
        None => col + width(s),
    }
}

fn first_line(s: &str) -> &str {
    s.split('\n').next().unwrap_or("")
}

fn path(ids: &[Ident]) -> String {
    let mut out = String::new();
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            out.push_str("::");
        }
        out.push_str(&id.name);
    }
    out
}

impl<'s> Printer<'s> {
    pub fn new(src: &'s str, comments: Vec<Comment>) -> Printer<'s> {
        Printer {
            src,
            comments,
            next: 0,
            trials: 0,
        }
    }

    // ------------------------------------------------------- comments ---

    fn peek(&self) -> Option<Comment> {
        self.comments.get(self.next).copied()
    }

    fn text(&self, c: Comment) -> &'s str {
        &self.src[c.start..c.end]
    }

    /// Whether a comment not printed yet starts in `start..end`.
    fn has_comments(&self, start: usize, end: usize) -> bool {
        let rest = &self.comments[self.next..];
        let i = rest.partition_point(|c| c.start < start);
        rest.get(i).is_some_and(|c| c.start < end)
    }

    /// Drop the comments that start inside a token copied as written (an
    /// import path such as `a//b`): printing them again would repeat them.
    fn skip_comments_in(&mut self, start: usize, end: usize) {
        while let Some(c) = self.peek() {
            if c.start >= end {
                break;
            }
            if c.start >= start {
                self.comments.remove(self.next);
            } else {
                break;
            }
        }
    }

    /// The position of the closing bracket after the last item of a list
    /// that ends at `pos`: past spaces, line feeds, commas and comments.
    fn closing(&self, pos: usize) -> usize {
        let b = self.src.as_bytes();
        let mut i = pos;
        while i < b.len() {
            match b[i] {
                b' ' | b'\t' | b'\r' | b'\n' | b',' => i += 1,
                b'/' if b.get(i + 1) == Some(&b'/') => {
                    while i < b.len() && b[i] != b'\n' {
                        i += 1;
                    }
                }
                _ => break,
            }
        }
        i
    }

    /// An empty line (nothing but spaces) in the source between `from`
    /// and `to`.
    fn blank_between(&self, from: usize, to: usize) -> bool {
        if from >= to {
            return false;
        }
        let mut newline = false;
        for &b in &self.src.as_bytes()[from..to] {
            match b {
                b'\n' if newline => return true,
                b'\n' => newline = true,
                b' ' | b'\t' | b'\r' => {}
                _ => newline = false,
            }
        }
        false
    }

    /// Print a sequence of items one per line at `indent`, each followed by
    /// a line feed, with the comments around them: comments before an item
    /// go on their own lines above it, a comment after it on the same line
    /// (or left over from inside it) follows it on its line, comments
    /// before `close` (the source position of the closing bracket, or the
    /// end of the file) come last. One blank line of the source is kept
    /// between items and comments, never before the first one.
    fn seq<T>(
        &mut self,
        out: &mut String,
        items: &[T],
        indent: usize,
        close: usize,
        span: impl Fn(&T) -> (usize, usize),
        mut render: impl FnMut(&mut Self, &T, usize) -> (String, bool),
    ) {
        let mut prev_end: Option<usize> = None;
        for (i, item) in items.iter().enumerate() {
            let (start, end) = span(item);
            let next_start = items.get(i + 1).map_or(close, |n| span(n).0);
            while let Some(c) = self.peek() {
                if c.start >= start {
                    break;
                }
                self.own_line_comment(out, indent, c, &mut prev_end);
            }
            if prev_end.is_some_and(|p| self.blank_between(p, start)) {
                out.push('\n');
            }
            pad(out, indent);
            let (text, comma) = render(self, item, indent);
            out.push_str(&text);
            if comma {
                out.push(',');
            }
            let mut last = end;
            let mut trailing = false;
            while let Some(c) = self.peek() {
                let same_line =
                    c.start < next_start && !self.src[end.min(c.start)..c.start].contains('\n');
                if !(c.start < end || same_line) {
                    break;
                }
                if trailing {
                    out.push('\n');
                    pad(out, indent);
                } else {
                    out.push(' ');
                    trailing = true;
                }
                out.push_str(self.text(c));
                last = last.max(c.end);
                self.next += 1;
            }
            out.push('\n');
            prev_end = Some(last);
        }
        while let Some(c) = self.peek() {
            if c.start >= close {
                break;
            }
            self.own_line_comment(out, indent, c, &mut prev_end);
        }
    }

    fn own_line_comment(
        &mut self,
        out: &mut String,
        indent: usize,
        c: Comment,
        prev_end: &mut Option<usize>,
    ) {
        if prev_end.is_some_and(|p| self.blank_between(p, c.start)) {
            out.push('\n');
        }
        pad(out, indent);
        out.push_str(self.text(c));
        out.push('\n');
        *prev_end = Some(prev_end.map_or(c.end, |p| p.max(c.end)));
        self.next += 1;
    }

    /// The remaining comments (the end of the file), each on its own line.
    fn rest(&mut self, out: &mut String, prev_end: Option<usize>) {
        let mut prev_end = prev_end;
        while let Some(c) = self.peek() {
            self.own_line_comment(out, 0, c, &mut prev_end);
        }
    }

    // --------------------------------------------------------- module ---

    pub fn module(&mut self, m: &Module) -> String {
        enum Top<'a> {
            Import(&'a Import),
            Stmt(&'a Stmt),
        }
        let items: Vec<Top> = m
            .imports
            .iter()
            .map(Top::Import)
            .chain(m.stmts.iter().map(Top::Stmt))
            .collect();
        let mut out = String::new();
        let span = |t: &Top| match t {
            Top::Import(i) => (i.span.start as usize, i.span.end as usize),
            Top::Stmt(s) => (s.span.start as usize, s.span.end as usize),
        };
        self.seq(
            &mut out,
            &items,
            0,
            self.src.len(),
            span,
            |p, t, indent| match t {
                Top::Import(i) => (p.import(i), false),
                Top::Stmt(s) => (p.stmt(s, indent), false),
            },
        );
        self.rest(&mut out, items.last().map(|t| span(t).1));
        out
    }

    fn import(&mut self, i: &Import) -> String {
        self.skip_comments_in(i.path_span.start as usize, i.path_span.end as usize);
        match &i.alias {
            Some(a) => format!("use {} as {}", i.path, a.name),
            None => format!("use {}", i.path),
        }
    }

    // ----------------------------------------------------- statements ---

    /// `{`, the statements one per line, `}`; `{}` when empty.
    fn block(&mut self, b: &Block, indent: usize) -> String {
        let (start, end) = (b.span.start as usize, b.span.end as usize);
        let close = end.saturating_sub(1);
        if b.stmts.is_empty() && !self.has_comments(start, close) {
            return "{}".to_string();
        }
        let mut out = String::from("{\n");
        self.seq(
            &mut out,
            &b.stmts,
            indent + 1,
            close,
            |s| (s.span.start as usize, s.span.end as usize),
            |p, s, indent| (p.stmt(s, indent), false),
        );
        pad(&mut out, indent);
        out.push('}');
        out
    }

    fn stmt(&mut self, s: &Stmt, indent: usize) -> String {
        let col = indent * 2;
        match &s.kind {
            StmtKind::Let {
                mutable,
                name,
                ty,
                value,
            } => {
                let mut out = String::from(if *mutable { "mut " } else { "let " });
                out.push_str(&name.name);
                if let Some(t) = ty {
                    out.push_str(": ");
                    out.push_str(&self.ty(t));
                }
                out.push_str(" = ");
                let v = self.expr(value, indent, col + width(&out));
                out.push_str(&v);
                out
            }
            StmtKind::Assign { target, op, value } => {
                let mut out = self.expr(target, indent, col);
                out.push_str(match op {
                    AssignOp::Set => " = ",
                    AssignOp::Add => " =+ ",
                    AssignOp::Sub => " =- ",
                });
                let v = self.expr(value, indent, end_col(col, &out));
                out.push_str(&v);
                out
            }
            StmtKind::Expr(e) => self.expr(e, indent, col),
            StmtKind::Break => "break".to_string(),
            StmtKind::While { cond, body } => {
                let mut out = String::from("while ");
                if let Some(c) = cond {
                    let c = self.expr(c, indent, col + 6);
                    out.push_str(&c);
                    out.push(' ');
                }
                out.push_str(&self.block(body, indent));
                out
            }
            StmtKind::ForIn {
                cursor,
                second,
                iter,
                body,
            } => {
                let mut out = format!("for {}", cursor.name);
                if let Some(b) = second {
                    out.push_str(", ");
                    out.push_str(&b.name);
                }
                out.push_str(" in ");
                let it = self.expr(iter, indent, col + width(&out));
                out.push_str(&it);
                out.push(' ');
                out.push_str(&self.block(body, indent));
                out
            }
            StmtKind::ForC {
                init,
                cond,
                update,
                body,
            } => {
                let mut out = String::from("for ");
                out.push_str(&self.stmt(init, indent));
                out.push_str("; ");
                let c = self.expr(cond, indent, end_col(col, &out));
                out.push_str(&c);
                out.push_str("; ");
                out.push_str(&self.stmt(update, indent));
                out.push(' ');
                out.push_str(&self.block(body, indent));
                out
            }
            StmtKind::Fn(f) => self.fn_decl(f, indent),
            StmtKind::Extern(x) => {
                let mut out = String::new();
                if x.private {
                    out.push_str("private ");
                }
                out.push_str("extern fn ");
                out.push_str(&x.name.name);
                let ps = self.params(&x.params, indent, col + width(&out));
                out.push_str(&ps);
                if let Some(r) = &x.ret {
                    out.push(' ');
                    out.push_str(&self.ty(r));
                }
                out.push_str(" = ");
                out.push_str(&self.src[x.binding_span.start as usize..x.binding_span.end as usize]);
                out
            }
            StmtKind::Struct(d) => {
                let mut out = String::new();
                if d.private {
                    out.push_str("private ");
                }
                out.push_str("struct ");
                out.push_str(&d.name.name);
                if !d.generics.is_empty() {
                    let names: Vec<&str> = d.generics.iter().map(|g| g.name.as_str()).collect();
                    out.push('<');
                    out.push_str(&names.join(", "));
                    out.push('>');
                }
                out.push(' ');
                let fields = self.decl_body(
                    &d.fields,
                    d.span.start as usize,
                    d.span.end as usize,
                    indent,
                    |f| (f.name.span.start as usize, f.ty.span.end as usize),
                    |p, f, _| (format!("{}: {}", f.name.name, p.ty(&f.ty)), true),
                );
                out.push_str(&fields);
                out
            }
            StmtKind::Enum(d) => self.enum_decl(d, indent),
            StmtKind::Trait(d) => {
                let mut out = String::new();
                if d.private {
                    out.push_str("private ");
                }
                out.push_str("trait ");
                out.push_str(&d.name.name);
                out.push(' ');
                let body = self.decl_body(
                    &d.methods,
                    d.span.start as usize,
                    d.span.end as usize,
                    indent,
                    |m| (m.span.start as usize, m.span.end as usize),
                    |p, m, indent| {
                        let mut out = format!("fn {}", m.name.name);
                        let ps = p.params(&m.params, indent, indent * 2 + width(&out));
                        out.push_str(&ps);
                        if let Some(r) = &m.ret {
                            out.push(' ');
                            out.push_str(&p.ty(r));
                        }
                        (out, false)
                    },
                );
                out.push_str(&body);
                out
            }
            StmtKind::Impl(b) => {
                let head = format!("impl {} ", b.target.name);
                head + &self.methods(
                    &b.methods,
                    b.span.start as usize,
                    b.span.end as usize,
                    indent,
                )
            }
            StmtKind::TraitImpl(t) => {
                let head = format!("impl {} for {} ", path(&t.trait_path), t.target.name);
                head + &self.methods(
                    &t.methods,
                    t.span.start as usize,
                    t.span.end as usize,
                    indent,
                )
            }
            StmtKind::Type(d) => {
                let mut out = String::new();
                if d.private {
                    out.push_str("private ");
                }
                out.push_str("type ");
                out.push_str(&d.name.name);
                out.push_str(" = ");
                for (i, m) in d.members.iter().enumerate() {
                    if i > 0 {
                        out.push_str(" | ");
                    }
                    out.push_str(&self.ty(m));
                }
                out
            }
        }
    }

    fn fn_decl(&mut self, f: &FnDecl, indent: usize) -> String {
        let mut out = String::new();
        if f.private {
            out.push_str("private ");
        }
        if f.test {
            out.push_str("test ");
        }
        out.push_str("fn ");
        if f.mutating {
            out.push_str("mut ");
        }
        out.push_str(&path(&f.name));
        let ps = self.params(&f.params, indent, indent * 2 + width(&out));
        out.push_str(&ps);
        if let Some(r) = &f.ret {
            out.push(' ');
            out.push_str(&self.ty(r));
        }
        out.push(' ');
        out.push_str(&self.block(&f.body, indent));
        out
    }

    fn methods(&mut self, methods: &[FnDecl], start: usize, end: usize, indent: usize) -> String {
        self.decl_body(
            methods,
            start,
            end,
            indent,
            |m| (m.span.start as usize, m.span.end as usize),
            |p, m, indent| (p.fn_decl(m, indent), false),
        )
    }

    /// `{` items one per line `}` of a declaration spanning `start..end`
    /// (whose last byte is the `}`); `{}` when empty.
    fn decl_body<T>(
        &mut self,
        items: &[T],
        start: usize,
        end: usize,
        indent: usize,
        span: impl Fn(&T) -> (usize, usize),
        render: impl FnMut(&mut Self, &T, usize) -> (String, bool),
    ) -> String {
        let close = end.saturating_sub(1);
        if items.is_empty() && !self.has_comments(start, close) {
            return "{}".to_string();
        }
        let mut out = String::from("{\n");
        self.seq(&mut out, items, indent + 1, close, span, render);
        pad(&mut out, indent);
        out.push('}');
        out
    }

    fn enum_decl(&mut self, d: &EnumDecl, indent: usize) -> String {
        let mut out = String::new();
        if d.private {
            out.push_str("private ");
        }
        out.push_str("enum ");
        out.push_str(&d.name.name);
        out.push(' ');
        let (start, end) = (d.span.start as usize, d.span.end as usize);
        if !d.variants.is_empty() && !self.has_comments(start, end.saturating_sub(1)) {
            let names: Vec<&str> = d.variants.iter().map(|v| v.name.as_str()).collect();
            let flat = format!("{{ {} }}", names.join(", "));
            if indent * 2 + width(&out) + width(&flat) <= WIDTH {
                out.push_str(&flat);
                return out;
            }
        }
        let body = self.decl_body(
            &d.variants,
            start,
            end,
            indent,
            |v| (v.span.start as usize, v.span.end as usize),
            |_, v, _| (v.name.clone(), true),
        );
        out.push_str(&body);
        out
    }

    fn params(&mut self, params: &[Param], indent: usize, col: usize) -> String {
        let close = params
            .last()
            .map_or(0, |p| self.closing(p.span.end as usize));
        let start = params.first().map_or(0, |p| p.span.start as usize);
        self.list(
            &PARAMS,
            params,
            start,
            close,
            indent,
            col,
            |p| (p.span.start as usize, p.span.end as usize),
            |p, param, _, _| {
                let mut out = String::new();
                if param.mutable {
                    out.push_str("mut ");
                }
                out.push_str(&param.name.name);
                if let Some(t) = &param.ty {
                    out.push_str(": ");
                    out.push_str(&p.ty(t));
                }
                out
            },
            |_| None,
        )
    }

    // ---------------------------------------------------------- types ---

    fn ty(&self, t: &TypeExpr) -> String {
        match &t.kind {
            TypeExprKind::Named { path: p, args } => {
                let mut out = path(p);
                if !args.is_empty() {
                    out.push('<');
                    for (i, a) in args.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        out.push_str(&self.ty(a));
                    }
                    out.push('>');
                }
                out
            }
            TypeExprKind::List(e) => format!("[{}]", self.ty(e)),
            TypeExprKind::Map(k, v) => format!("[{}: {}]", self.ty(k), self.ty(v)),
            TypeExprKind::Maybe(e) => format!("{}?", self.ty(e)),
            TypeExprKind::Result(v, e) => format!("{}!{}", self.ty(v), self.ty(e)),
            TypeExprKind::Fn { params, ret } => {
                let ps: Vec<String> = params.iter().map(|p| self.ty(p)).collect();
                // `fn(A)` returns Void: the parser supplies the type, with
                // the span of the whole function type.
                if ret.span.start == t.span.start {
                    format!("fn({})", ps.join(", "))
                } else {
                    format!("fn({}) {}", ps.join(", "), self.ty(ret))
                }
            }
        }
    }

    // ---------------------------------------------------- expressions ---

    /// A bracket list: flat (`f(a, b)`) when it has no comments and fits in
    /// `WIDTH`; else with its last item hugged (`f(a, fn() {`...`})`) when
    /// that item spans lines anyway and the rest fits; else one item per
    /// line, each with a trailing comma. `start..close` is where the items
    /// and their comments are in the source (`close` is the position of the
    /// closing bracket).
    #[allow(clippy::too_many_arguments)]
    fn list<T>(
        &mut self,
        style: &ListStyle,
        items: &[T],
        start: usize,
        close: usize,
        indent: usize,
        col: usize,
        span: impl Fn(&T) -> (usize, usize),
        render: impl FnMut(&mut Self, &T, usize, usize) -> String,
        value: impl for<'a> Fn(&'a T) -> Option<&'a Expr>,
    ) -> String {
        // Hug a closure, or the only item.
        let last = items.last().and_then(&value);
        let may_hug = style.hug
            && self.trials < MAX_TRIALS
            && last.is_some_and(huggable)
            && (items.len() == 1 || last.is_some_and(|e| matches!(e.kind, ExprKind::Fn(_))));
        if !may_hug {
            return self.list_layout(style, items, start, close, indent, col, span, render, false);
        }
        // Rendering the items and then the last one again for the hug
        // counts as a trial (see `trials`).
        self.trials += 1;
        let out = self.list_layout(style, items, start, close, indent, col, span, render, true);
        self.trials -= 1;
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn list_layout<T>(
        &mut self,
        style: &ListStyle,
        items: &[T],
        start: usize,
        close: usize,
        indent: usize,
        col: usize,
        span: impl Fn(&T) -> (usize, usize),
        mut render: impl FnMut(&mut Self, &T, usize, usize) -> String,
        may_hug: bool,
    ) -> String {
        let before = self.next;
        let commented = self.has_comments(start, close);
        if items.is_empty() && !commented {
            return format!("{}{}", style.open, style.close);
        }
        let inner = indent + 1;
        let mut parts = Vec::with_capacity(items.len());
        let mut before_last = self.next;
        for it in items {
            before_last = self.next;
            parts.push(render(self, it, inner, inner * 2));
        }
        // Comments between the items (or left over inside one) need the
        // item-per-line layout with its comment placement: start again.
        if commented && self.has_comments(start, close) {
            self.next = before;
            let mut out = String::from(style.open);
            out.push('\n');
            self.seq(&mut out, items, inner, close, span, |p, it, indent| {
                (render(p, it, indent, indent * 2), true)
            });
            pad(&mut out, indent);
            out.push_str(style.close);
            return out;
        }
        let all_flat = !parts.iter().any(|p| multiline(p));
        if all_flat {
            let sp = if style.spaced { " " } else { "" };
            let flat = format!("{}{sp}{}{sp}{}", style.open, parts.join(", "), style.close);
            if col + width(&flat) <= WIDTH {
                return flat;
            }
        }
        let n = items.len();
        if may_hug && !parts[..n - 1].iter().any(|p| multiline(p)) {
            let after = self.next;
            let mut head = String::from(style.open);
            for p in &parts[..n - 1] {
                head.push_str(p);
                head.push_str(", ");
            }
            let head_col = col + width(&head);
            // Rendering only moves the comment cursor: render the last item
            // again at the indentation it has when hugged.
            self.next = before_last;
            let last = render(self, &items[n - 1], indent, head_col);
            if multiline(&last) && head_col + width(first_line(&last)) <= WIDTH {
                return head + &last + style.close;
            }
            self.next = after;
        }
        let mut out = String::from(style.open);
        out.push('\n');
        for p in &parts {
            pad(&mut out, inner);
            out.push_str(p);
            out.push_str(",\n");
        }
        pad(&mut out, indent);
        out.push_str(style.close);
        out
    }

    fn args(
        &mut self,
        args: &[Arg],
        close: usize,
        start: usize,
        indent: usize,
        col: usize,
    ) -> String {
        self.list(
            &PARENS,
            args,
            start,
            close,
            indent,
            col,
            |a| (a.span.start as usize, a.span.end as usize),
            |p, a, indent, col| {
                let mut out = String::new();
                if let Some(n) = &a.name {
                    out.push_str(&n.name);
                    out.push_str(": ");
                }
                if a.mutable {
                    out.push_str("mut ");
                }
                let v = p.expr(&a.value, indent, col + width(&out));
                out.push_str(&v);
                out
            },
            |a| Some(&a.value),
        )
    }

    fn expr(&mut self, e: &Expr, indent: usize, col: usize) -> String {
        let (start, end) = (e.span.start as usize, e.span.end as usize);
        match &e.kind {
            ExprKind::Int(s) | ExprKind::Float(s) => s.clone(),
            ExprKind::Str(_) => self.src[start..end].to_string(),
            ExprKind::Bool(b) => b.to_string(),
            ExprKind::Void => "()".to_string(),
            ExprKind::Name(n) => n.clone(),
            ExprKind::SelfRef => "@".to_string(),
            ExprKind::Path(p) => path(p),
            ExprKind::List(items) => self.list(
                &BRACKETS,
                items,
                start + 1,
                end.saturating_sub(1),
                indent,
                col,
                |x| (x.span.start as usize, x.span.end as usize),
                |p, x, indent, col| p.expr(x, indent, col),
                |x: &Expr| Some(x),
            ),
            ExprKind::Map(entries) => {
                if entries.is_empty() && !self.has_comments(start, end) {
                    return "[:]".to_string();
                }
                self.list(
                    &BRACKETS,
                    entries,
                    start + 1,
                    end.saturating_sub(1),
                    indent,
                    col,
                    |(k, v)| (k.span.start as usize, v.span.end as usize),
                    |p, (k, v), indent, col| {
                        let mut out = p.expr(k, indent, col);
                        out.push_str(": ");
                        let v = p.expr(v, indent, end_col(col, &out));
                        out.push_str(&v);
                        out
                    },
                    |(_, v)| Some(v),
                )
            }
            ExprKind::Unary { op, expr } => {
                let prefix = match op {
                    UnaryOp::Neg => "-",
                    UnaryOp::Not => "not ",
                };
                let inner = self.expr(expr, indent, col + prefix.len());
                format!("{prefix}{inner}")
            }
            ExprKind::Binary { op, lhs, rhs } => {
                let mut out = self.expr(lhs, indent, col);
                out.push(' ');
                out.push_str(op.symbol());
                if needs_break_after(*op, lhs, rhs) {
                    out.push('\n');
                    pad(&mut out, indent + 1);
                } else {
                    out.push(' ');
                }
                let r = self.expr(rhs, indent, end_col(col, &out));
                out.push_str(&r);
                out
            }
            ExprKind::Range { start: a, end: b } => {
                let mut out = self.expr(a, indent, col);
                // `1..(x)` would read as the literal `1..` called.
                out.push_str(if starts_with_paren(b) { ".. " } else { ".." });
                let r = self.expr(b, indent, end_col(col, &out));
                out.push_str(&r);
                out
            }
            ExprKind::Member { target, name } => self.member(target, name, indent, col),
            ExprKind::Call {
                callee,
                type_args,
                args,
            } => {
                let mut out = match &callee.kind {
                    ExprKind::Member { target, name } => self.member(target, name, indent, col),
                    _ => self.expr(callee, indent, col),
                };
                if !type_args.is_empty() {
                    out.push('<');
                    for (i, t) in type_args.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        out.push_str(&self.ty(t));
                    }
                    out.push('>');
                }
                let a = self.args(
                    args,
                    end.saturating_sub(1),
                    callee.span.end as usize,
                    indent,
                    end_col(col, &out),
                );
                out.push_str(&a);
                out
            }
            ExprKind::StructLit { path: p, fields } => {
                let head = path(p);
                let style = ListStyle {
                    open: "{",
                    close: "}",
                    spaced: true,
                    hug: false,
                };
                let body = self.list(
                    &style,
                    fields,
                    start + head.len(),
                    end.saturating_sub(1),
                    indent,
                    col + width(&head),
                    |f| (f.name.span.start as usize, f.value.span.end as usize),
                    |p, f, indent, col| {
                        let mut out = format!("{}: ", f.name.name);
                        let v = p.expr(&f.value, indent, col + width(&out));
                        out.push_str(&v);
                        out
                    },
                    |_| None,
                );
                head + &body
            }
            ExprKind::Fn(f) => self.fn_lit(f, start, indent, col),
            ExprKind::If {
                branches,
                otherwise,
            } => {
                let trial = self.flat_if_possible(branches, otherwise.as_ref(), start, end);
                if trial {
                    // Both renderings count as a trial (see `trials`).
                    self.trials += 1;
                    let out = match otherwise {
                        Some(o) => self.flat_if_text(branches, o, indent, col),
                        None => None,
                    };
                    let out = out
                        .unwrap_or_else(|| self.if_expr(branches, otherwise.as_ref(), indent, col));
                    self.trials -= 1;
                    return out;
                }
                self.if_expr(branches, otherwise.as_ref(), indent, col)
            }
            ExprKind::Match { subject, arms } => {
                let mut out = String::from("match ");
                if let Some(s) = subject {
                    let s = self.expr(s, indent, col + 6);
                    out.push_str(&s);
                    out.push(' ');
                }
                let close = end.saturating_sub(1);
                if arms.is_empty() && !self.has_comments(start, close) {
                    out.push_str("{}");
                    return out;
                }
                out.push_str("{\n");
                self.seq(
                    &mut out,
                    arms,
                    indent + 1,
                    close,
                    |a| (a.span.start as usize, a.span.end as usize),
                    |p, a, indent| {
                        let mut out = p.expr(&a.pattern, indent, indent * 2);
                        out.push_str(" => ");
                        let body = p.expr(&a.body, indent, end_col(indent * 2, &out));
                        out.push_str(&body);
                        (out, !matches!(a.body.kind, ExprKind::Block(_)))
                    },
                );
                pad(&mut out, indent);
                out.push('}');
                out
            }
            ExprKind::Try { expr, catch } => {
                let mut out = String::from("try ");
                let inner = self.expr(expr, indent, col + 4);
                out.push_str(&inner);
                if let Some(c) = catch {
                    out.push_str(" -> ");
                    out.push_str(&c.name.name);
                    if let CatchBody::Block(b) = &c.body {
                        out.push(' ');
                        out.push_str(&self.block(b, indent));
                    }
                }
                out
            }
            ExprKind::Block(b) => self.block(b, indent),
            ExprKind::Paren(inner) => {
                let i = self.expr(inner, indent, col + 1);
                format!("({i})")
            }
        }
    }

    /// Whether `if c { a } else { b }` may go on one line: an `if` with an
    /// `else` whose blocks each hold one expression, without comments.
    fn flat_if_possible(
        &self,
        branches: &[(Expr, Block)],
        otherwise: Option<&Block>,
        start: usize,
        end: usize,
    ) -> bool {
        let single = |b: &Block| b.stmts.len() == 1 && matches!(b.stmts[0].kind, StmtKind::Expr(_));
        otherwise.is_some_and(single)
            && branches.iter().all(|(_, b)| single(b))
            && self.trials < MAX_TRIALS
            && !self.has_comments(start, end)
    }

    fn if_expr(
        &mut self,
        branches: &[(Expr, Block)],
        otherwise: Option<&Block>,
        indent: usize,
        col: usize,
    ) -> String {
        let mut out = String::new();
        for (i, (cond, body)) in branches.iter().enumerate() {
            if i > 0 {
                out.push_str(" else ");
            }
            out.push_str("if ");
            let c = self.expr(cond, indent, end_col(col, &out));
            out.push_str(&c);
            out.push(' ');
            out.push_str(&self.block(body, indent));
        }
        if let Some(b) = otherwise {
            out.push_str(" else ");
            out.push_str(&self.block(b, indent));
        }
        out
    }

    /// `if c { a } else { b }` on one line, when it fits.
    fn flat_if_text(
        &mut self,
        branches: &[(Expr, Block)],
        otherwise: &Block,
        indent: usize,
        col: usize,
    ) -> Option<String> {
        let before = self.next;
        let mut out = String::new();
        for (i, (cond, body)) in branches.iter().enumerate() {
            if i > 0 {
                out.push_str(" else ");
            }
            out.push_str("if ");
            let c = self.expr(cond, indent, col + width(&out));
            out.push_str(&c);
            out.push_str(" { ");
            let b = self.stmt(&body.stmts[0], indent + 1);
            out.push_str(&b);
            out.push_str(" }");
        }
        out.push_str(" else { ");
        let b = self.stmt(&otherwise.stmts[0], indent + 1);
        out.push_str(&b);
        out.push_str(" }");
        if !multiline(&out) && col + width(&out) <= WIDTH {
            return Some(out);
        }
        self.next = before;
        None
    }

    /// `target.name`, `@name`.
    fn member(&mut self, target: &Expr, name: &Ident, indent: usize, col: usize) -> String {
        if matches!(target.kind, ExprKind::SelfRef) {
            // Without the dot, `@and` / `@or` would be `@` and an operator,
            // and `@true(` a call of a literal.
            return if matches!(name.name.as_str(), "and" | "or" | "true" | "false") {
                format!("@.{}", name.name)
            } else {
                format!("@{}", name.name)
            };
        }
        let mut out = self.expr(target, indent, col);
        out.push('.');
        out.push_str(&name.name);
        out
    }

    /// `fn(params) Ret { body }`: on one line when the body is a single
    /// statement without comments and the whole fits.
    fn fn_lit(&mut self, f: &FnLit, start: usize, indent: usize, col: usize) -> String {
        let mut head = String::from("fn");
        let ps = self.params(&f.params, indent, col + 2);
        head.push_str(&ps);
        if let Some(r) = &f.ret {
            head.push(' ');
            head.push_str(&self.ty(r));
        }
        head.push(' ');
        let bend = f.body.span.end as usize;
        let trial = f.body.stmts.len() == 1
            && !multiline(&head)
            && self.trials < MAX_TRIALS
            && !self.has_comments(start, bend);
        if !trial {
            return head + &self.block(&f.body, indent);
        }
        // Both renderings below count as a trial (see `trials`).
        self.trials += 1;
        let before = self.next;
        let inner = self.stmt(&f.body.stmts[0], indent + 1);
        let flat = format!("{head}{{ {inner} }}");
        let out = if !multiline(&inner) && col + width(&flat) <= WIDTH {
            flat
        } else {
            self.next = before;
            head + &self.block(&f.body, indent)
        };
        self.trials -= 1;
        out
    }
}

/// Two operator layouts that would read differently on one line, so the
/// line break after the operator (which the source must have had) stays:
/// the name `try` before `-` (`try - x` is `try (-x)`), and `>` before a
/// parenthesis (`a < b > (c)` and `f(a < b, c > (d))` are calls with type
/// arguments).
fn needs_break_after(op: BinaryOp, lhs: &Expr, rhs: &Expr) -> bool {
    match op {
        BinaryOp::Sub => matches!(&lhs.kind, ExprKind::Name(n) if n == "try"),
        BinaryOp::Gt => starts_with_paren(rhs),
        _ => false,
    }
}

fn starts_with_paren(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Paren(_) | ExprKind::Void => true,
        ExprKind::Binary { lhs: first, .. }
        | ExprKind::Range { start: first, .. }
        | ExprKind::Member { target: first, .. }
        | ExprKind::Call { callee: first, .. } => starts_with_paren(first),
        _ => false,
    }
}

/// Items that may stay on the line of an opening bracket when they span
/// several lines.
fn huggable(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Fn(_)
            | ExprKind::Match { .. }
            | ExprKind::If { .. }
            | ExprKind::StructLit { .. }
            | ExprKind::List(_)
            | ExprKind::Map(_)
            | ExprKind::Call { .. }
    )
}

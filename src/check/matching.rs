//! `match` (types.md §11, with decision L6: Str subjects and bare union type
//! names binding `it`) and `try` (§12, with L3).

use super::Checker;
use super::agree::Arms;
use super::scope::{ImportSym, TypeSym};
use crate::source::Span;
use crate::syntax::ast;
use crate::tir::*;

impl Checker<'_> {
    pub(crate) fn check_match(
        &mut self,
        subject: Option<&ast::Expr>,
        arms: &[ast::MatchArm],
        span: Span,
        expected: Option<&Type>,
    ) -> Expr {
        let arms_of = |compared| Arms::for_match(expected, compared);
        let mut target = arms_of(true);
        let m = match subject {
            None => self.match_cond(arms, span, &mut target),
            Some(s) => {
                let subj = self.check_expr(s, None);
                let st = self.resolve(&subj.ty);
                // Bool, enum and union arms are compared even in statement
                // position (types.md §11.1, decision L12); the others not.
                let compared = matches!(st, Type::Bool | Type::Enum(_) | Type::Union(_));
                target = arms_of(compared);
                match &st {
                    Type::Error => {
                        for a in arms {
                            self.scoped(|c| c.check_expr(&a.body, None));
                        }
                        return self.error_expr(span);
                    }
                    Type::Bool => self.match_bool(subj, arms, span, &mut target),
                    Type::Int => self.match_int(subj, arms, span, &mut target),
                    Type::Str => self.match_str(subj, arms, span, &mut target),
                    Type::Enum(e) => self.match_enum(*e, subj, arms, span, &mut target),
                    Type::Maybe(inner) => {
                        self.match_maybe((**inner).clone(), subj, arms, span, &mut target)
                    }
                    Type::Result(v, e) => self.match_result(
                        (**v).clone(),
                        (**e).clone(),
                        subj,
                        arms,
                        span,
                        &mut target,
                    ),
                    Type::Union(u) => self.match_union(*u, subj, arms, span, &mut target),
                    other => {
                        let shown = self.show(other);
                        self.err(
                            subj.span,
                            format!("cannot match on a value of type {shown}"),
                            "match works on Bool, Int, Str, enums, Maybe, Result and unions",
                        );
                        None
                    }
                }
            }
        };
        let Some(m) = m else {
            return self.error_expr(span);
        };
        Expr {
            kind: ExprKind::Match(Box::new(m)),
            ty: target.result_type(),
            span,
        }
    }

    fn is_wildcard(p: &ast::Expr) -> bool {
        matches!(&p.kind, ast::ExprKind::Name(n) if n == "_")
    }

    fn dup_default(&mut self, span: Span, seen: bool) -> bool {
        if seen {
            self.err(
                span,
                "duplicate catch-all `_` arm",
                "a second `_` can never match",
            );
        }
        true
    }

    fn match_cond(
        &mut self,
        arms: &[ast::MatchArm],
        span: Span,
        shared: &mut Arms,
    ) -> Option<Match> {
        let mut out = Vec::new();
        let mut default = None;
        for a in arms {
            if Self::is_wildcard(&a.pattern) {
                if default.is_some() {
                    self.dup_default(a.pattern.span, true);
                }
                let body = self.scoped(|c| c.arm(&a.body, shared));
                default = Some(body);
                continue;
            }
            let cond = self.check_condition(&a.pattern, "match condition");
            let body = self.scoped(|c| c.arm(&a.body, shared));
            out.push((cond, body));
        }
        match default {
            Some(d) => Some(Match::Cond {
                arms: out,
                default: d,
            }),
            None => {
                self.err(
                    span,
                    "a conditional match needs a catch-all `_` arm",
                    "add `_ => ...`",
                );
                None
            }
        }
    }

    fn match_bool(
        &mut self,
        subject: Expr,
        arms: &[ast::MatchArm],
        span: Span,
        shared: &mut Arms,
    ) -> Option<Match> {
        let mut on_true = None;
        let mut on_false = None;
        let mut default = None;
        for a in arms {
            let body = self.scoped(|c| c.arm(&a.body, shared));
            match &a.pattern.kind {
                ast::ExprKind::Bool(b) => {
                    let slot = if *b { &mut on_true } else { &mut on_false };
                    if slot.is_some() {
                        self.err(
                            a.pattern.span,
                            format!("duplicate case `{b}`"),
                            "already matched above",
                        );
                    }
                    *slot = Some(body);
                }
                _ if Self::is_wildcard(&a.pattern) => {
                    if default.is_some() {
                        self.dup_default(a.pattern.span, true);
                    }
                    default = Some(body);
                }
                _ => self.err(
                    a.pattern.span,
                    "a pattern in a Bool match must be `true` or `false`",
                    "not a Bool literal",
                ),
            }
        }
        let fill = |slot: Option<Expr>, default: &Option<Expr>| slot.or_else(|| default.clone());
        let (t, f) = (fill(on_true, &default), fill(on_false, &default));
        match (t, f) {
            (Some(on_true), Some(on_false)) => Some(Match::Bool {
                subject,
                on_true,
                on_false,
            }),
            (t, _) => {
                let missing = if t.is_none() { "true" } else { "false" };
                self.err(
                    span,
                    format!("incomplete match: missing case for `{missing}`"),
                    "not every value is covered",
                );
                None
            }
        }
    }

    /// An Int pattern: a literal, a negative literal or an inclusive range.
    fn int_pattern(&mut self, p: &ast::Expr) -> Option<IntPattern> {
        fn lit(e: &ast::Expr) -> Option<i64> {
            match &e.kind {
                ast::ExprKind::Int(t) => t.parse().ok(),
                ast::ExprKind::Unary {
                    op: ast::UnaryOp::Neg,
                    expr,
                } => match &expr.kind {
                    ast::ExprKind::Int(t) => t.parse::<i64>().ok().map(|v| -v),
                    _ => None,
                },
                ast::ExprKind::Paren(inner) => lit(inner),
                _ => None,
            }
        }
        if let ast::ExprKind::Range { start, end } = &p.kind {
            let (Some(a), Some(b)) = (lit(start), lit(end)) else {
                self.err(
                    p.span,
                    "range bounds in a pattern must be integer literals",
                    "not a literal",
                );
                return None;
            };
            if a > b {
                self.err(
                    p.span,
                    "the start of a range pattern must not be greater than its end",
                    "empty range",
                );
                return None;
            }
            return Some(IntPattern::Range(a, b));
        }
        match lit(p) {
            Some(v) => Some(IntPattern::Value(v)),
            None => {
                self.err(
                    p.span,
                    "a pattern in an Int match must be an integer literal, a range or `_`",
                    "invalid pattern",
                );
                None
            }
        }
    }

    fn match_int(
        &mut self,
        subject: Expr,
        arms: &[ast::MatchArm],
        span: Span,
        shared: &mut Arms,
    ) -> Option<Match> {
        let mut out = Vec::new();
        let mut default = None;
        for a in arms {
            if Self::is_wildcard(&a.pattern) {
                if default.is_some() {
                    self.dup_default(a.pattern.span, true);
                }
                default = Some(self.scoped(|c| c.arm(&a.body, shared)));
                continue;
            }
            let pat = self.int_pattern(&a.pattern);
            let body = self.scoped(|c| c.arm(&a.body, shared));
            if let Some(p) = pat {
                out.push((vec![p], body));
            }
        }
        if default.is_none() {
            self.err(
                span,
                "incomplete match: an Int match needs a catch-all `_` arm",
                "not every Int is covered",
            );
            return None;
        }
        Some(Match::Int {
            subject,
            arms: out,
            default,
        })
    }

    fn match_str(
        &mut self,
        subject: Expr,
        arms: &[ast::MatchArm],
        span: Span,
        shared: &mut Arms,
    ) -> Option<Match> {
        let mut out: Vec<(String, Expr)> = Vec::new();
        let mut default = None;
        for a in arms {
            if Self::is_wildcard(&a.pattern) {
                if default.is_some() {
                    self.dup_default(a.pattern.span, true);
                }
                default = Some(self.scoped(|c| c.arm(&a.body, shared)));
                continue;
            }
            let body = self.scoped(|c| c.arm(&a.body, shared));
            match &a.pattern.kind {
                ast::ExprKind::Str(parts)
                    if parts.iter().all(|p| matches!(p, ast::StrPart::Lit(_))) =>
                {
                    let text: String = parts
                        .iter()
                        .map(|p| match p {
                            ast::StrPart::Lit(s) => s.as_str(),
                            ast::StrPart::Interp(_) => "",
                        })
                        .collect();
                    if out.iter().any(|(s, _)| *s == text) {
                        self.err(
                            a.pattern.span,
                            format!("duplicate case {text:?}"),
                            "already matched above",
                        );
                        continue;
                    }
                    out.push((text, body));
                }
                _ => self.err(
                    a.pattern.span,
                    "a pattern in a Str match must be a string literal or `_`",
                    "invalid pattern",
                ),
            }
        }
        if default.is_none() {
            self.err(
                span,
                "incomplete match: a Str match needs a catch-all `_` arm",
                "not every Str is covered",
            );
            return None;
        }
        Some(Match::Str {
            subject,
            arms: out,
            default,
        })
    }

    /// Resolve `Enum::variant` or `mod::Enum::variant` in a pattern.
    fn variant_pattern(&mut self, p: &ast::Expr, e: EnumId) -> Option<usize> {
        let ast::ExprKind::Path(path) = &p.kind else {
            self.err(
                p.span,
                "a pattern in an enum match must be a variant or `_`",
                "invalid pattern",
            );
            return None;
        };
        let m = self.cx.module;
        let enum_id = match path.len() {
            2 => self.local_enum(m, &path[0].name),
            3 => match self.scopes[m.0 as usize].imports.get(&path[0].name) {
                Some(ImportSym::Module(t))
                    if *t == m
                        || !self.scopes[t.0 as usize]
                            .private_types
                            .contains(&path[1].name) =>
                {
                    self.local_enum(*t, &path[1].name)
                }
                _ => None,
            },
            _ => None,
        };
        let def = self.prog.enm(e).clone();
        let Some(found) = enum_id else {
            self.err(
                p.span,
                "a pattern in an enum match must be a variant or `_`",
                "not an enum variant",
            );
            return None;
        };
        if found != e {
            let other = self.prog.enm(found).name.clone();
            self.err(
                p.span,
                format!(
                    "cannot match a variant of `{other}` against a `{}`",
                    def.name
                ),
                "wrong enum",
            );
            return None;
        }
        let name = &path[path.len() - 1];
        match def.variants.iter().position(|v| *v == name.name) {
            Some(i) => Some(i),
            None => {
                self.err(
                    name.span,
                    format!("`{}` has no variant `{}`", def.name, name.name),
                    "unknown variant",
                );
                None
            }
        }
    }

    fn match_enum(
        &mut self,
        e: EnumId,
        subject: Expr,
        arms: &[ast::MatchArm],
        span: Span,
        shared: &mut Arms,
    ) -> Option<Match> {
        let def = self.prog.enm(e).clone();
        let mut covered = vec![false; def.variants.len()];
        let mut out = Vec::new();
        let mut default = None;
        for a in arms {
            if Self::is_wildcard(&a.pattern) {
                if default.is_some() {
                    self.dup_default(a.pattern.span, true);
                }
                default = Some(self.scoped(|c| c.arm(&a.body, shared)));
                continue;
            }
            let v = self.variant_pattern(&a.pattern, e);
            let body = self.scoped(|c| c.arm(&a.body, shared));
            if let Some(v) = v {
                if covered[v] {
                    self.err(
                        a.pattern.span,
                        format!("duplicate case `{}::{}`", def.name, def.variants[v]),
                        "already matched above",
                    );
                    continue;
                }
                covered[v] = true;
                out.push((vec![v], body));
            }
        }
        if default.is_none() {
            let missing: Vec<String> = def
                .variants
                .iter()
                .zip(&covered)
                .filter(|(_, c)| !**c)
                .map(|(v, _)| format!("`{}::{v}`", def.name))
                .collect();
            if !missing.is_empty() {
                self.err(
                    span,
                    format!("incomplete match: missing case(s) {}", missing.join(", ")),
                    "add the missing variants or a `_` arm",
                );
                return None;
            }
        }
        Some(Match::Enum {
            subject,
            arms: out,
            default,
        })
    }

    fn match_maybe(
        &mut self,
        inner: Type,
        subject: Expr,
        arms: &[ast::MatchArm],
        span: Span,
        shared: &mut Arms,
    ) -> Option<Match> {
        let mut some = None;
        let mut none = None;
        for a in arms {
            match &a.pattern.kind {
                ast::ExprKind::Name(n) if n == "_" => {
                    if none.is_some() {
                        self.dup_default(a.pattern.span, true);
                    }
                    none = Some(self.scoped(|c| c.arm(&a.body, shared)));
                }
                ast::ExprKind::Name(n) => {
                    if some.is_some() {
                        self.err(
                            a.pattern.span,
                            "duplicate binding arm",
                            "the Maybe value is already bound above",
                        );
                    }
                    let inner = inner.clone();
                    some = Some(self.scoped(|c| {
                        let l = c.declare_local(n, inner, false);
                        (l, c.arm(&a.body, shared))
                    }));
                }
                _ => self.err(
                    a.pattern.span,
                    "a pattern in a Maybe match must be a name (the value) or `_` (nothing)",
                    "invalid pattern",
                ),
            }
        }
        match (some, none) {
            (Some((binding, some)), Some(none)) => Some(Match::Maybe {
                subject,
                binding,
                some,
                none,
            }),
            (None, _) => {
                self.err(
                    span,
                    "a match on a Maybe needs an arm that binds the value",
                    "add `value => ...`",
                );
                None
            }
            (_, None) => {
                self.err(
                    span,
                    "a match on a Maybe needs a `_` arm for nothing",
                    "add `_ => ...`",
                );
                None
            }
        }
    }

    fn match_result(
        &mut self,
        vt: Type,
        et: Type,
        subject: Expr,
        arms: &[ast::MatchArm],
        span: Span,
        shared: &mut Arms,
    ) -> Option<Match> {
        let mut ok = None;
        let mut err = None;
        for a in arms {
            let (kind, binding) = match &a.pattern.kind {
                ast::ExprKind::Name(n) if n == "ok" || n == "err" => (n.as_str(), Some(n.clone())),
                ast::ExprKind::Call { callee, args, .. } => match (&callee.kind, args.as_slice()) {
                    (ast::ExprKind::Name(n), [arg]) if n == "ok" || n == "err" => {
                        match &arg.value.kind {
                            ast::ExprKind::Name(b) => (n.as_str(), Some(b.clone())),
                            _ => ("", None),
                        }
                    }
                    _ => ("", None),
                },
                _ => ("", None),
            };
            if kind.is_empty() {
                self.err(
                    a.pattern.span,
                    "a pattern in a Result match must be `ok`, `ok(name)`, `err` or `err(name)`",
                    "invalid pattern",
                );
                continue;
            }
            let ty = if kind == "ok" { vt.clone() } else { et.clone() };
            let arm = self.scoped(|c| {
                let l = binding
                    .filter(|b| b != "_")
                    .map(|b| c.declare_local(&b, ty, false));
                (l, c.arm(&a.body, shared))
            });
            let slot = if kind == "ok" { &mut ok } else { &mut err };
            if slot.is_some() {
                self.err(
                    a.pattern.span,
                    format!("duplicate `{kind}` arm"),
                    "already matched above",
                );
            }
            *slot = Some(arm);
        }
        match (ok, err) {
            (Some((ok_binding, ok)), Some((err_binding, err))) => Some(Match::Result {
                subject,
                ok_binding,
                ok,
                err_binding,
                err,
            }),
            (None, _) => {
                self.err(
                    span,
                    "incomplete match: missing the `ok` arm",
                    "add `ok(value) => ...`",
                );
                None
            }
            (_, None) => {
                self.err(
                    span,
                    "incomplete match: missing the `err` arm",
                    "add `err(e) => ...`",
                );
                None
            }
        }
    }

    /// The union member named by a pattern's type name.
    fn union_member(&mut self, u: UnionId, name: &ast::Ident) -> Option<Type> {
        let m = self.cx.module;
        let t = match name.name.as_str() {
            "Int" => Type::Int,
            "Float" => Type::Float,
            "Str" => Type::Str,
            "Bool" => Type::Bool,
            "Void" => Type::Void,
            "Dynamic" => Type::Dynamic,
            other => match self.scopes[m.0 as usize].types.get(other).cloned() {
                Some(TypeSym::Struct(s)) => {
                    // A generic struct is named without its arguments: the
                    // union's member of that struct (decision L11).
                    let of_struct = |t: &&Type| matches!(t, Type::Struct(x, _) if *x == s);
                    let members = &self.prog.union(u).members;
                    match members.iter().filter(of_struct).count() {
                        1 => members
                            .iter()
                            .find(of_struct)
                            .cloned()
                            .unwrap_or(Type::Error),
                        _ => Type::plain_struct(s),
                    }
                }
                Some(TypeSym::Enum(e)) => Type::Enum(e),
                Some(TypeSym::Union(x)) => Type::Union(x),
                Some(TypeSym::Alias { ty, .. }) => ty,
                _ => Type::Error,
            },
        };
        let members = self.prog.union(u).members.clone();
        if members.contains(&t) {
            return Some(t);
        }
        let uname = self.prog.union(u).name.clone();
        self.err(
            name.span,
            format!("`{}` is not a member of the union `{uname}`", name.name),
            "not part of the union",
        );
        None
    }

    fn match_union(
        &mut self,
        u: UnionId,
        subject: Expr,
        arms: &[ast::MatchArm],
        span: Span,
        shared: &mut Arms,
    ) -> Option<Match> {
        let mut out: Vec<(Type, Option<LocalId>, Expr)> = Vec::new();
        let mut default = None;
        for a in arms {
            if Self::is_wildcard(&a.pattern) {
                if default.is_some() {
                    self.dup_default(a.pattern.span, true);
                }
                default = Some(self.scoped(|c| c.arm(&a.body, shared)));
                continue;
            }
            let (name, binding) = match &a.pattern.kind {
                ast::ExprKind::Name(n) => (
                    ast::Ident {
                        name: n.clone(),
                        span: a.pattern.span,
                    },
                    Some("it".to_string()),
                ),
                ast::ExprKind::Call { callee, args, .. } => match (&callee.kind, args.as_slice()) {
                    (ast::ExprKind::Name(n), [arg]) => match &arg.value.kind {
                        ast::ExprKind::Name(b) => (
                            ast::Ident {
                                name: n.clone(),
                                span: callee.span,
                            },
                            Some(b.clone()),
                        ),
                        _ => {
                            self.err(
                                arg.span,
                                "expected a name to bind the value to",
                                "not a name",
                            );
                            continue;
                        }
                    },
                    _ => {
                        self.err(
                            a.pattern.span,
                            "expected `Type(name)`, `Type` or `_`",
                            "invalid union pattern",
                        );
                        continue;
                    }
                },
                _ => {
                    self.err(
                        a.pattern.span,
                        "expected `Type(name)`, `Type` or `_`",
                        "invalid union pattern",
                    );
                    continue;
                }
            };
            let Some(member) = self.union_member(u, &name) else {
                self.scoped(|c| c.check_expr(&a.body, None));
                continue;
            };
            if out.iter().any(|(t, _, _)| *t == member) {
                self.err(
                    a.pattern.span,
                    format!("duplicate case `{}`", name.name),
                    "already matched above",
                );
                continue;
            }
            let arm = self.scoped(|c| {
                let l = binding
                    .filter(|b| b != "_")
                    .map(|b| c.declare_local(&b, member.clone(), false));
                (l, c.arm(&a.body, shared))
            });
            out.push((member, arm.0, arm.1));
        }
        if default.is_none() {
            let members = self.prog.union(u).members.clone();
            let missing: Vec<String> = members
                .iter()
                .filter(|m| !out.iter().any(|(t, _, _)| t == *m))
                .map(|m| format!("`{}`", self.show(m)))
                .collect();
            if !missing.is_empty() {
                self.err(
                    span,
                    format!("incomplete match: missing case(s) {}", missing.join(", ")),
                    "add the missing types or a `_` arm",
                );
                return None;
            }
        }
        Some(Match::Union {
            subject,
            arms: out,
            default,
        })
    }

    pub(crate) fn check_try(
        &mut self,
        operand: &ast::Expr,
        catch: Option<&ast::Catch>,
        span: Span,
        _expected: Option<&Type>,
    ) -> Expr {
        let v = self.check_expr(operand, None);
        let vt = self.resolve(&v.ty);
        let Some(ret) = self.cx.ret.clone() else {
            self.err(
                span,
                "`try` can only be used inside a function",
                "there is no function to return from",
            );
            return self.error_expr(span);
        };
        let ret = self.resolve(&ret);
        let (value_ty, err_ty, is_result) = match &vt {
            Type::Result(a, b) => ((**a).clone(), Some((**b).clone()), true),
            Type::Maybe(a) => ((**a).clone(), None, false),
            Type::Error => return self.error_expr(span),
            other => {
                let shown = self.show(other);
                self.err(
                    v.span,
                    format!("`try` works on a Result or a Maybe, got {shown}"),
                    format!("this is {shown}"),
                );
                return self.error_expr(span);
            }
        };
        let catch_ir = match catch {
            None => {
                match (&ret, is_result) {
                    (Type::Result(_, f), true) => {
                        let e = err_ty.clone().unwrap_or(Type::Error);
                        if !self.unify(f, &e) {
                            let (want, got) = (self.show(f), self.show(&e));
                            self.err(
                                v.span,
                                format!("error type mismatch: `try` would return {got}, but the function's error type is {want}"),
                                "`try` would return this error from the function",
                            );
                        }
                    }
                    (Type::Maybe(_), false) => {}
                    (Type::Error, _) => {}
                    _ => {
                        let shown = self.show(&ret);
                        let what = if is_result { "a Result" } else { "a Maybe" };
                        let d = self
                            .error_at(
                                span,
                                format!(
                                    "`try` without a catch needs the function to return {what}"
                                ),
                            )
                            .with_label(format!("the enclosing function returns {shown}"))
                            .with_note("add a catch clause: `try value -> e { fallback }`");
                        self.report(d);
                    }
                }
                None
            }
            Some(c) => Some(self.scoped(|cx| {
                let binding = match (&err_ty, c.name.name.as_str()) {
                    (Some(et), name)
                        if name != "_" && matches!(c.body, ast::CatchBody::Block(_)) =>
                    {
                        Some(cx.declare_local(name, et.clone(), false))
                    }
                    (Some(et), _) if matches!(c.body, ast::CatchBody::Handler) => {
                        Some(cx.declare_local(HANDLER_ERR, et.clone(), false))
                    }
                    _ => None,
                };
                let block = match &c.body {
                    ast::CatchBody::Block(b) => {
                        cx.check_body_block(b, &ret, span, "the catch block")
                    }
                    ast::CatchBody::Handler => {
                        cx.try_handler(&c.name, binding, err_ty.as_ref(), &ret)
                    }
                };
                (binding, block)
            })),
        };
        Expr {
            kind: ExprKind::Try {
                operand: Box::new(v),
                catch: catch_ir,
                ret,
            },
            ty: value_ty,
            span,
        }
    }
}

/// The local that holds a Result's error while `try value -> handler` calls
/// the handler (not a name a program can write).
const HANDLER_ERR: &str = "ard_try_err";

impl Checker<'_> {
    /// `try value -> handler` (L11): the handler is called with the error of
    /// a Result (`fn(E) R`) or with no argument for a Maybe (`fn() R`), and
    /// its result is what the enclosing function returns (`R`).
    fn try_handler(
        &mut self,
        name: &ast::Ident,
        err_local: Option<LocalId>,
        err_ty: Option<&Type>,
        ret: &Type,
    ) -> Block {
        let ret_shown = self.show(ret);
        let (form, what, how) = match err_ty {
            Some(e) => (
                format!("fn({}) {ret_shown}", self.show(e)),
                "a Result takes the error",
                format!(
                    "when the value is an error, `try` calls `{}(error)`",
                    name.name
                ),
            ),
            None => (
                format!("fn() {ret_shown}"),
                "a Maybe takes no arguments",
                format!("when the value is none, `try` calls `{}()`", name.name),
            ),
        };
        let note = format!("{how} and the enclosing function returns its result");
        let fail = |cx: &mut Self, msg: String| {
            let d = cx
                .error_at(name.span, msg)
                .with_label(format!("expected a `{form}`"))
                .with_note(note.clone());
            cx.report(d);
            Block {
                stmts: Vec::new(),
                tail: Some(Box::new(cx.error_expr(name.span))),
            }
        };
        // Look at the handler's type first (without reporting anything) so
        // that a handler of the wrong form gets one clear diagnostic.
        if let Some(t) = self.peek_value_type(&name.name) {
            let t = self.resolve(&t);
            let shown = self.show(&t);
            match &t {
                Type::Fn(f) if f.params.len() != usize::from(err_ty.is_some()) => {
                    let msg = format!(
                        "the handler of a `try` on {what}: `{}` is {shown}",
                        name.name
                    );
                    return fail(self, msg);
                }
                Type::Fn(f) => {
                    if let (Some(p), Some(e)) = (f.params.first(), err_ty) {
                        let saved = self.vars.clone();
                        let fits = self.unify(p, e);
                        self.vars = saved;
                        if !fits {
                            let msg = format!(
                                "the handler `{}` takes {}, but the error is {}",
                                name.name,
                                self.show(p),
                                self.show(e)
                            );
                            return fail(self, msg);
                        }
                    }
                }
                Type::Error => {}
                _ => {
                    let msg = format!(
                        "the handler `{}` of a `try` must be a function, got {shown}",
                        name.name
                    );
                    return fail(self, msg);
                }
            }
        }
        let args = match err_local {
            Some(_) => vec![ast::Arg {
                mutable: false,
                name: None,
                value: ast::Expr {
                    kind: ast::ExprKind::Name(HANDLER_ERR.to_string()),
                    span: name.span,
                },
                span: name.span,
            }],
            None => Vec::new(),
        };
        let call = ast::Expr {
            kind: ast::ExprKind::Call {
                callee: Box::new(ast::Expr {
                    kind: ast::ExprKind::Name(name.name.clone()),
                    span: name.span,
                }),
                type_args: Vec::new(),
                args,
            },
            span: name.span,
        };
        let value = self.check_expr(&call, Some(ret));
        let value = match self.try_coerce(value, ret) {
            Ok(v) => v,
            Err(v) => {
                let msg = format!(
                    "the handler `{}` returns {}, but the enclosing function returns {ret_shown}",
                    name.name,
                    self.show(&v.ty)
                );
                return fail(self, msg);
            }
        };
        Block {
            stmts: Vec::new(),
            tail: Some(Box::new(value)),
        }
    }

    /// The type of the value a plain name refers to, if any (no diagnostics).
    fn peek_value_type(&mut self, name: &str) -> Option<Type> {
        if let Some(l) = self.lookup_local(name) {
            return Some(self.local(l).ty.clone());
        }
        match self.scopes[self.cx.module.0 as usize]
            .values
            .get(name)
            .copied()?
        {
            super::scope::ValueSym::Fn(f) => {
                let func = self.prog.func(f).clone();
                let args: Vec<Type> = func.generics.iter().map(|_| self.fresh_var()).collect();
                Some(subst_params(&func.fn_type(), &func.generics, &args))
            }
            super::scope::ValueSym::Global(g) => Some(self.prog.global(g).ty.clone()),
        }
    }
}

//! A compact s-expression rendering of the AST, so tests can state the
//! expected tree in one readable line. Test-only.

use crate::syntax::ast::*;

pub(crate) fn module(m: &Module) -> String {
    let mut out: Vec<String> = m
        .imports
        .iter()
        .map(|i| match &i.alias {
            Some(a) => format!("(use {} as {})", i.path, a.name),
            None => format!("(use {})", i.path),
        })
        .collect();
    out.extend(m.stmts.iter().map(stmt));
    out.join("\n")
}

pub(super) fn stmt(s: &Stmt) -> String {
    match &s.kind {
        StmtKind::Let {
            mutable,
            name,
            ty: t,
            value,
        } => {
            let kw = if *mutable { "mut" } else { "let" };
            match t {
                Some(t) => format!("({kw} {}: {} {})", name.name, ty(t), expr(value)),
                None => format!("({kw} {} {})", name.name, expr(value)),
            }
        }
        StmtKind::Assign { target, op, value } => {
            let op = match op {
                AssignOp::Set => "=",
                AssignOp::Add => "=+",
                AssignOp::Sub => "=-",
            };
            format!("({op} {} {})", expr(target), expr(value))
        }
        StmtKind::Expr(e) => expr(e),
        StmtKind::Break => "break".to_string(),
        StmtKind::While { cond, body } => match cond {
            Some(c) => format!("(while {} {})", expr(c), block(body)),
            None => format!("(while {})", block(body)),
        },
        StmtKind::ForIn {
            cursor,
            second,
            iter,
            body,
        } => {
            let second = second
                .as_ref()
                .map(|s| format!(" {}", s.name))
                .unwrap_or_default();
            format!(
                "(for {}{second} in {} {})",
                cursor.name,
                expr(iter),
                block(body)
            )
        }
        StmtKind::ForC {
            init,
            cond,
            update,
            body,
        } => format!(
            "(for {} {} {} {})",
            stmt(init),
            expr(cond),
            stmt(update),
            block(body)
        ),
        StmtKind::Fn(f) => fn_decl(f),
        StmtKind::Extern(e) => format!(
            "({}extern {} ({}) {} {:?})",
            if e.private { "private " } else { "" },
            e.name.name,
            params(&e.params),
            opt_ty(&e.ret),
            e.binding
        ),
        StmtKind::Struct(s) => format!(
            "({}struct {}{}{})",
            if s.private { "private " } else { "" },
            s.name.name,
            if s.generics.is_empty() {
                String::new()
            } else {
                let names: Vec<&str> = s.generics.iter().map(|g| g.name.as_str()).collect();
                format!("<{}>", names.join(", "))
            },
            s.fields
                .iter()
                .map(|f| format!(" {}: {}", f.name.name, ty(&f.ty)))
                .collect::<String>()
        ),
        StmtKind::Enum(e) => format!(
            "({}enum {}{})",
            if e.private { "private " } else { "" },
            e.name.name,
            e.variants
                .iter()
                .map(|v| format!(" {}", v.name))
                .collect::<String>()
        ),
        StmtKind::Trait(t) => format!(
            "({}trait {}{})",
            if t.private { "private " } else { "" },
            t.name.name,
            t.methods
                .iter()
                .map(|m| format!(
                    " (sig {} ({}) {})",
                    m.name.name,
                    params(&m.params),
                    opt_ty(&m.ret)
                ))
                .collect::<String>()
        ),
        StmtKind::Impl(i) => format!(
            "(impl {}{})",
            i.target.name,
            i.methods
                .iter()
                .map(|m| format!(" {}", fn_decl(m)))
                .collect::<String>()
        ),
        StmtKind::TraitImpl(i) => format!(
            "(impl {} for {}{})",
            path(&i.trait_path),
            i.target.name,
            i.methods
                .iter()
                .map(|m| format!(" {}", fn_decl(m)))
                .collect::<String>()
        ),
        StmtKind::Type(t) => format!(
            "({}type {} = {})",
            if t.private { "private " } else { "" },
            t.name.name,
            t.members.iter().map(ty).collect::<Vec<_>>().join(" | ")
        ),
    }
}

fn fn_decl(f: &FnDecl) -> String {
    format!(
        "({}{}fn{} {} ({}) {} {})",
        if f.private { "private " } else { "" },
        if f.test { "test " } else { "" },
        if f.mutating { " mut" } else { "" },
        path(&f.name),
        params(&f.params),
        opt_ty(&f.ret),
        block(&f.body)
    )
}

fn params(ps: &[Param]) -> String {
    ps.iter()
        .map(|p| {
            let m = if p.mutable { "mut " } else { "" };
            match &p.ty {
                Some(t) => format!("{m}{}: {}", p.name.name, ty(t)),
                None => format!("{m}{}", p.name.name),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn opt_ty(t: &Option<TypeExpr>) -> String {
    t.as_ref().map(ty).unwrap_or_else(|| "_".to_string())
}

fn path(p: &[Ident]) -> String {
    p.iter()
        .map(|i| i.name.as_str())
        .collect::<Vec<_>>()
        .join("::")
}

pub(super) fn block(b: &Block) -> String {
    format!(
        "{{{}}}",
        b.stmts.iter().map(stmt).collect::<Vec<_>>().join("; ")
    )
}

pub(super) fn ty(t: &TypeExpr) -> String {
    match &t.kind {
        TypeExprKind::Named { path: p, args } if args.is_empty() => path(p),
        TypeExprKind::Named { path: p, args } => format!(
            "{}<{}>",
            path(p),
            args.iter().map(ty).collect::<Vec<_>>().join(", ")
        ),
        TypeExprKind::List(e) => format!("[{}]", ty(e)),
        TypeExprKind::Map(k, v) => format!("[{}:{}]", ty(k), ty(v)),
        TypeExprKind::Maybe(e) => format!("{}?", ty(e)),
        TypeExprKind::Result(v, e) => format!("({}!{})", ty(v), ty(e)),
        TypeExprKind::Fn { params, ret } => format!(
            "fn({}) {}",
            params.iter().map(ty).collect::<Vec<_>>().join(", "),
            ty(ret)
        ),
    }
}

pub(super) fn expr(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Int(s) | ExprKind::Float(s) => s.clone(),
        ExprKind::Str(parts) => string(parts),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Void => "()".to_string(),
        ExprKind::Name(n) => n.clone(),
        ExprKind::SelfRef => "@".to_string(),
        ExprKind::Path(p) => path(p),
        ExprKind::List(items) => {
            format!("[{}]", items.iter().map(expr).collect::<Vec<_>>().join(" "))
        }
        ExprKind::Map(entries) => format!(
            "(map{})",
            entries
                .iter()
                .map(|(k, v)| format!(" {}:{}", expr(k), expr(v)))
                .collect::<String>()
        ),
        ExprKind::Unary { op, expr: inner } => {
            let op = match op {
                UnaryOp::Neg => "neg",
                UnaryOp::Not => "not",
            };
            format!("({op} {})", expr(inner))
        }
        ExprKind::Binary { op, lhs, rhs } => {
            format!("({} {} {})", op.symbol(), expr(lhs), expr(rhs))
        }
        ExprKind::Range { start, end } => format!("(.. {} {})", expr(start), expr(end)),
        ExprKind::Member { target, name } => format!("(. {} {})", expr(target), name.name),
        ExprKind::Call {
            callee,
            type_args,
            args,
        } => {
            let mut s = format!("(call {}", expr(callee));
            if !type_args.is_empty() {
                s.push_str(&format!(
                    " <{}>",
                    type_args.iter().map(ty).collect::<Vec<_>>().join(", ")
                ));
            }
            for a in args {
                s.push(' ');
                if a.mutable {
                    s.push_str("mut ");
                }
                if let Some(n) = &a.name {
                    s.push_str(&format!("{}:", n.name));
                }
                s.push_str(&expr(&a.value));
            }
            s.push(')');
            s
        }
        ExprKind::StructLit { path: p, fields } => format!(
            "(new {}{})",
            path(p),
            fields
                .iter()
                .map(|f| format!(" {}:{}", f.name.name, expr(&f.value)))
                .collect::<String>()
        ),
        ExprKind::Fn(f) => format!(
            "(fn ({}) {} {})",
            params(&f.params),
            opt_ty(&f.ret),
            block(&f.body)
        ),
        ExprKind::If {
            branches,
            otherwise,
        } => {
            let mut s = "(if".to_string();
            for (c, b) in branches {
                s.push_str(&format!(" {} {}", expr(c), block(b)));
            }
            if let Some(b) = otherwise {
                s.push_str(&format!(" else {}", block(b)));
            }
            s.push(')');
            s
        }
        ExprKind::Match { subject, arms } => {
            let mut s = "(match".to_string();
            if let Some(subj) = subject {
                s.push_str(&format!(" {}", expr(subj)));
            }
            for a in arms {
                s.push_str(&format!(" ({} => {})", expr(&a.pattern), expr(&a.body)));
            }
            s.push(')');
            s
        }
        ExprKind::Try { expr: inner, catch } => match catch {
            None => format!("(try {})", expr(inner)),
            Some(c) => match &c.body {
                CatchBody::Block(b) => {
                    format!("(try {} -> {} {})", expr(inner), c.name.name, block(b))
                }
                CatchBody::Handler => format!("(try {} -> {})", expr(inner), c.name.name),
            },
        },
        ExprKind::Block(b) => block(b),
        ExprKind::Paren(inner) => format!("(paren {})", expr(inner)),
    }
}

fn string(parts: &[StrPart]) -> String {
    match parts {
        [] => "\"\"".to_string(),
        [StrPart::Lit(s)] => format!("{s:?}"),
        _ => format!(
            "(str{})",
            parts
                .iter()
                .map(|p| match p {
                    StrPart::Lit(s) => format!(" {s:?}"),
                    StrPart::Interp(e) => format!(" {}", expr(e)),
                })
                .collect::<String>()
        ),
    }
}

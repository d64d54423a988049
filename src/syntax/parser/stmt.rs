//! Statements, blocks and declarations.

use super::{BResult, Builder, Pair, Rule};
use crate::diagnostic::Diagnostic;
use crate::syntax::ast::{
    AssignOp, Block, EnumDecl, Expr, ExternDecl, Field, FnDecl, Ident, ImplBlock, Param, Stmt,
    StmtKind, StructDecl, TraitDecl, TraitImpl, TraitSig, TypeDecl,
};

impl Builder {
    /// Append the statement of a `stmt` pair to `out`. A misplaced `use`
    /// is reported instead.
    pub(super) fn push_stmt(&self, pair: Pair, out: &mut Vec<Stmt>) -> BResult<()> {
        let inner = self.first(pair)?;
        if inner.as_rule() == Rule::import {
            return self.misplaced_import(inner);
        }
        let span = self.span(&inner);
        let kind = self.stmt_kind(inner)?;
        out.push(Stmt { kind, span });
        Ok(())
    }

    /// Every arm is a single call in tail position: the builder recurses
    /// through here once per nested block, and in a debug build each arm's
    /// temporaries would otherwise get their own stack slots.
    fn stmt_kind(&self, inner: Pair) -> BResult<StmtKind> {
        match inner.as_rule() {
            Rule::expr_stmt => self.expr_stmt(inner),
            Rule::let_stmt => self.let_stmt(inner),
            Rule::while_stmt => self.while_stmt(inner),
            Rule::for_in => self.for_in(inner),
            Rule::for_c => self.for_c(inner),
            Rule::fn_decl => self.fn_decl_stmt(inner),
            Rule::impl_decl => self.impl_decl(inner),
            Rule::break_stmt => Ok(StmtKind::Break),
            _ => self.decl_stmt(inner),
        }
    }

    fn fn_decl_stmt(&self, pair: Pair) -> BResult<StmtKind> {
        Ok(StmtKind::Fn(self.fn_decl(pair)?))
    }

    /// Declarations that contain no blocks (so no recursion).
    fn decl_stmt(&self, inner: Pair) -> BResult<StmtKind> {
        Ok(match inner.as_rule() {
            Rule::extern_decl => StmtKind::Extern(self.extern_decl(inner)?),
            Rule::struct_decl => StmtKind::Struct(self.struct_decl(inner)?),
            Rule::enum_decl => StmtKind::Enum(self.enum_decl(inner)?),
            Rule::trait_decl => StmtKind::Trait(self.trait_decl(inner)?),
            Rule::type_decl => StmtKind::Type(self.type_decl(inner)?),
            _ => return Err(self.internal(&inner)),
        })
    }

    fn misplaced_import(&self, pair: Pair) -> BResult<()> {
        let import = self.import(pair)?;
        self.error(
            Diagnostic::error(import.span, "`use` must come before all other statements")
                .with_label("import after the first statement")
                .with_note("move this `use` to the top of the file"),
        );
        Ok(())
    }

    /// `{ stmts }`
    pub(super) fn block(&self, pair: Pair) -> BResult<Block> {
        let span = self.span(&pair);
        let _guard = self.enter(&pair, 1)?;
        let mut stmts = Vec::new();
        for p in pair.into_inner() {
            if p.as_rule() == Rule::stmt {
                self.push_stmt(p, &mut stmts)?;
            }
        }
        Ok(Block { stmts, span })
    }

    /// `let`/`mut` NAME [: T] = e
    fn let_stmt(&self, pair: Pair) -> BResult<StmtKind> {
        let mut mutable = false;
        let mut name = None;
        let mut ty = None;
        let mut value = None;
        for p in pair.clone().into_inner() {
            match p.as_rule() {
                Rule::kw_let | Rule::t_colon | Rule::t_eq => {}
                Rule::kw_mut => mutable = true,
                Rule::name => name = Some(self.ident(&p)),
                Rule::ty => ty = Some(self.type_expr(p)?),
                Rule::expr => value = Some(self.expr(p)?),
                _ => return Err(self.internal(&p)),
            }
        }
        Ok(StmtKind::Let {
            mutable,
            name: name.ok_or_else(|| self.internal(&pair))?,
            ty,
            value: value.ok_or_else(|| self.internal(&pair))?,
        })
    }

    fn while_stmt(&self, pair: Pair) -> BResult<StmtKind> {
        let mut cond = None;
        let mut body = None;
        for p in pair.clone().into_inner() {
            match p.as_rule() {
                Rule::kw_while => {}
                Rule::expr_ns => cond = Some(self.expr(p)?),
                Rule::block => body = Some(self.block(p)?),
                _ => return Err(self.internal(&p)),
            }
        }
        let body = body.ok_or_else(|| self.internal(&pair))?;
        Ok(StmtKind::While { cond, body })
    }

    /// `for a[, b] in iter { }`
    fn for_in(&self, pair: Pair) -> BResult<StmtKind> {
        let mut names = Vec::new();
        let mut iter = None;
        let mut body = None;
        for p in pair.clone().into_inner() {
            match p.as_rule() {
                Rule::kw_for | Rule::kw_in => {}
                Rule::name => names.push(self.ident(&p)),
                Rule::expr_ns => iter = Some(self.expr(p)?),
                Rule::block => body = Some(self.block(p)?),
                _ => return Err(self.internal(&p)),
            }
        }
        let mut names = names.into_iter();
        Ok(StmtKind::ForIn {
            cursor: names.next().ok_or_else(|| self.internal(&pair))?,
            second: names.next(),
            iter: iter.ok_or_else(|| self.internal(&pair))?,
            body: body.ok_or_else(|| self.internal(&pair))?,
        })
    }

    /// `for mut i = 0; cond; update { }`
    fn for_c(&self, pair: Pair) -> BResult<StmtKind> {
        let mut init = None;
        let mut cond = None;
        let mut update = None;
        let mut body = None;
        for p in pair.clone().into_inner() {
            match p.as_rule() {
                Rule::kw_for | Rule::t_semi => {}
                Rule::for_init => {
                    let span = self.span(&p);
                    init = Some(Stmt {
                        kind: self.let_stmt(p)?,
                        span,
                    });
                }
                Rule::expr_ns => cond = Some(self.expr(p)?),
                Rule::for_update => {
                    let span = self.span(&p);
                    update = Some(Stmt {
                        kind: self.expr_stmt(p)?,
                        span,
                    });
                }
                Rule::block => body = Some(self.block(p)?),
                _ => return Err(self.internal(&p)),
            }
        }
        Ok(StmtKind::ForC {
            init: Box::new(init.ok_or_else(|| self.internal(&pair))?),
            cond: cond.ok_or_else(|| self.internal(&pair))?,
            update: Box::new(update.ok_or_else(|| self.internal(&pair))?),
            body: body.ok_or_else(|| self.internal(&pair))?,
        })
    }

    /// `e`, `target = e`, `target =+ e`, `target =- e`.
    fn expr_stmt(&self, pair: Pair) -> BResult<StmtKind> {
        let mut it = pair.clone().into_inner();
        let target = self.expr(self.next(&mut it, &pair)?)?;
        match it.next() {
            None => Ok(StmtKind::Expr(target)),
            Some(op) => self.assign(target, op, it.next()),
        }
    }

    fn assign(&self, target: Expr, op: Pair, value: Option<Pair>) -> BResult<StmtKind> {
        let value = value.ok_or_else(|| self.internal(&op))?;
        let op = match op.as_str() {
            "=+" => AssignOp::Add,
            "=-" => AssignOp::Sub,
            _ => AssignOp::Set,
        };
        Ok(StmtKind::Assign {
            target,
            op,
            value: self.expr(value)?,
        })
    }

    /// Named functions, static functions and methods.
    pub(super) fn fn_decl(&self, pair: Pair) -> BResult<FnDecl> {
        let span = self.span(&pair);
        let mut decl = FnDecl {
            private: false,
            test: false,
            mutating: false,
            name: Vec::new(),
            params: Vec::new(),
            ret: None,
            body: crate::syntax::ast::Block {
                stmts: Vec::new(),
                span,
            },
            span,
        };
        let mut has_body = false;
        for p in pair.clone().into_inner() {
            match p.as_rule() {
                Rule::kw_fn => {}
                Rule::kw_private => decl.private = true,
                Rule::kw_test => decl.test = true,
                Rule::fn_mut => decl.mutating = true,
                Rule::fn_name => decl.name = p.into_inner().map(|n| self.ident(&n)).collect(),
                Rule::params => decl.params = self.params(p, true)?,
                Rule::ty => decl.ret = Some(self.type_expr(p)?),
                Rule::block => {
                    decl.body = self.block(p)?;
                    has_body = true;
                }
                _ => return Err(self.internal(&p)),
            }
        }
        if !has_body || decl.name.is_empty() {
            return Err(self.internal(&pair));
        }
        Ok(decl)
    }

    /// A parameter list. Named functions need a type on every parameter.
    pub(super) fn params(&self, pair: Pair, typed: bool) -> BResult<Vec<Param>> {
        let mut params = Vec::new();
        for p in pair.into_inner() {
            if p.as_rule() != Rule::param {
                continue; // the parentheses
            }
            let span = self.span(&p);
            let mut mutable = false;
            let mut name = None;
            let mut ty = None;
            for q in p.clone().into_inner() {
                match q.as_rule() {
                    Rule::kw_mut => mutable = true,
                    Rule::name => name = Some(self.ident(&q)),
                    Rule::ty => ty = Some(self.type_expr(q)?),
                    Rule::t_colon => {}
                    _ => return Err(self.internal(&q)),
                }
            }
            let name = name.ok_or_else(|| self.internal(&p))?;
            if typed && ty.is_none() {
                self.error(
                    Diagnostic::error(span, format!("parameter `{}` needs a type", name.name))
                        .with_label("add `: Type`")
                        .with_note("only anonymous functions may leave parameter types out"),
                );
            }
            params.push(Param {
                mutable,
                name,
                ty,
                span,
            });
        }
        Ok(params)
    }

    /// `extern fn name(params) Ret = "Binding"`
    fn extern_decl(&self, pair: Pair) -> BResult<ExternDecl> {
        let span = self.span(&pair);
        let mut private = false;
        let mut name = None;
        let mut params = Vec::new();
        let mut ret = None;
        let mut binding = None;
        for p in pair.clone().into_inner() {
            match p.as_rule() {
                Rule::kw_extern | Rule::kw_fn | Rule::t_eq => {}
                Rule::kw_private => private = true,
                Rule::ident => name = Some(self.ident(&p)),
                Rule::params => params = self.params(p, true)?,
                Rule::ty => ret = Some(self.type_expr(p)?),
                Rule::string => {
                    let binding_span = self.span(&p);
                    let parts = self.string(p)?;
                    let mut text = String::new();
                    for part in parts {
                        match part {
                            crate::syntax::ast::StrPart::Lit(s) => text.push_str(&s),
                            crate::syntax::ast::StrPart::Interp(e) => self.error(
                                Diagnostic::error(
                                    e.span,
                                    "the binding of an `extern fn` must be a plain string",
                                )
                                .with_label("interpolation not allowed here"),
                            ),
                        }
                    }
                    binding = Some((text, binding_span));
                }
                _ => return Err(self.internal(&p)),
            }
        }
        let (binding, binding_span) = binding.ok_or_else(|| self.internal(&pair))?;
        Ok(ExternDecl {
            private,
            name: name.ok_or_else(|| self.internal(&pair))?,
            params,
            ret,
            binding,
            binding_span,
            span,
        })
    }

    fn struct_decl(&self, pair: Pair) -> BResult<StructDecl> {
        let span = self.span(&pair);
        let mut private = false;
        let mut name = None;
        let mut generics = Vec::new();
        let mut fields = Vec::new();
        for p in pair.clone().into_inner() {
            match p.as_rule() {
                Rule::kw_struct | Rule::t_lbrace | Rule::t_rbrace => {}
                Rule::kw_private => private = true,
                Rule::ident => name = Some(self.ident(&p)),
                Rule::generic_params => {
                    for t in p.clone().into_inner().filter(|t| t.as_rule() == Rule::ty) {
                        let te = self.type_expr(t)?;
                        match generic_name(&te) {
                            Some(g) => generics.push(g),
                            None => self.error(
                                Diagnostic::error(
                                    te.span,
                                    "a type parameter of a struct is written `$Name`",
                                )
                                .with_label("not a type parameter")
                                .with_note(
                                    "declare a generic struct as `struct Box<$T> { value: $T }`",
                                ),
                            ),
                        }
                    }
                }
                Rule::field_decl => {
                    let mut it = p.clone().into_inner();
                    let field_name = self.ident(&self.next(&mut it, &p)?);
                    self.next(&mut it, &p)?; // `:`
                    let ty = self.type_expr(self.next(&mut it, &p)?)?;
                    fields.push(Field {
                        name: field_name,
                        ty,
                    });
                }
                _ => return Err(self.internal(&p)),
            }
        }
        Ok(StructDecl {
            private,
            name: name.ok_or_else(|| self.internal(&pair))?,
            generics,
            fields,
            span,
        })
    }

    fn enum_decl(&self, pair: Pair) -> BResult<EnumDecl> {
        let span = self.span(&pair);
        let mut private = false;
        let mut name = None;
        let mut variants = Vec::new();
        for p in pair.clone().into_inner() {
            match p.as_rule() {
                Rule::kw_enum | Rule::t_lbrace | Rule::t_rbrace => {}
                Rule::kw_private => private = true,
                Rule::ident => name = Some(self.ident(&p)),
                Rule::variant => {
                    let mut it = p.clone().into_inner();
                    variants.push(self.ident(&self.next(&mut it, &p)?));
                    if let Some(value) = it.next() {
                        self.error(
                            Diagnostic::error(
                                self.span(&value),
                                "enum variants cannot have values",
                            )
                            .with_label("remove this")
                            .with_note(
                                "Ard enum variants are plain names, without discriminants or data",
                            ),
                        );
                    }
                }
                _ => return Err(self.internal(&p)),
            }
        }
        Ok(EnumDecl {
            private,
            name: name.ok_or_else(|| self.internal(&pair))?,
            variants,
            span,
        })
    }

    fn trait_decl(&self, pair: Pair) -> BResult<TraitDecl> {
        let span = self.span(&pair);
        let mut private = false;
        let mut name = None;
        let mut methods = Vec::new();
        for p in pair.clone().into_inner() {
            match p.as_rule() {
                Rule::kw_trait | Rule::t_lbrace | Rule::t_rbrace => {}
                Rule::kw_private => private = true,
                Rule::ident => name = Some(self.ident(&p)),
                Rule::trait_sig => methods.push(self.trait_sig(p)?),
                _ => return Err(self.internal(&p)),
            }
        }
        Ok(TraitDecl {
            private,
            name: name.ok_or_else(|| self.internal(&pair))?,
            methods,
            span,
        })
    }

    fn trait_sig(&self, pair: Pair) -> BResult<TraitSig> {
        let span = self.span(&pair);
        let mut name = None;
        let mut params = Vec::new();
        let mut ret = None;
        for p in pair.clone().into_inner() {
            match p.as_rule() {
                Rule::kw_fn => {}
                Rule::ident => name = Some(self.ident(&p)),
                Rule::params => params = self.params(p, true)?,
                Rule::ty => ret = Some(self.type_expr(p)?),
                Rule::block => self.error(
                    Diagnostic::error(self.span(&p), "trait methods cannot have a body")
                        .with_label("remove this body")
                        .with_note("a trait lists signatures; implement them with `impl Trait for Type { }`"),
                ),
                _ => return Err(self.internal(&p)),
            }
        }
        Ok(TraitSig {
            name: name.ok_or_else(|| self.internal(&pair))?,
            params,
            ret,
            span,
        })
    }

    /// `impl T { }` or `impl Trait for T { }`.
    fn impl_decl(&self, pair: Pair) -> BResult<StmtKind> {
        let span = self.span(&pair);
        let mut path: Vec<Ident> = Vec::new();
        let mut target = None;
        let mut methods = Vec::new();
        for p in pair.clone().into_inner() {
            match p.as_rule() {
                Rule::kw_impl | Rule::kw_for | Rule::t_lbrace | Rule::t_rbrace => {}
                Rule::impl_path => path = p.into_inner().map(|n| self.ident(&n)).collect(),
                Rule::ident => target = Some(self.ident(&p)),
                Rule::fn_decl => {
                    let method = self.fn_decl(p)?;
                    if method.name.len() > 1 {
                        self.error(
                            Diagnostic::error(
                                method.span,
                                "static functions cannot be declared inside `impl`",
                            )
                            .with_label("a static function")
                            .with_note("declare `fn Type::name` at the top level instead"),
                        );
                    }
                    methods.push(method);
                }
                _ => return Err(self.internal(&p)),
            }
        }
        if let Some(target) = target {
            return Ok(StmtKind::TraitImpl(TraitImpl {
                trait_path: path,
                target,
                methods,
                span,
            }));
        }
        let mut path = path.into_iter();
        let target = path.next().ok_or_else(|| self.internal(&pair))?;
        if let Some(extra) = path.last() {
            self.error(
                Diagnostic::error(
                    target.span.to(extra.span),
                    "expected `for` after the trait name",
                )
                .with_label("a trait path needs `for Type`")
                .with_note("methods of a type are declared with `impl Type { }`"),
            );
        }
        Ok(StmtKind::Impl(ImplBlock {
            target,
            methods,
            span,
        }))
    }

    fn type_decl(&self, pair: Pair) -> BResult<TypeDecl> {
        let span = self.span(&pair);
        let mut private = false;
        let mut name = None;
        let mut members = Vec::new();
        for p in pair.clone().into_inner() {
            match p.as_rule() {
                Rule::kw_type | Rule::t_eq => {}
                Rule::kw_private => private = true,
                Rule::ident => name = Some(self.ident(&p)),
                Rule::ty => members.push(self.type_expr(p)?),
                _ => return Err(self.internal(&p)),
            }
        }
        Ok(TypeDecl {
            private,
            name: name.ok_or_else(|| self.internal(&pair))?,
            members,
            span,
        })
    }
}

/// The `$T` of a type parameter in `struct Box<$T>`, if it is one.
pub(super) fn generic_name(te: &crate::syntax::ast::TypeExpr) -> Option<Ident> {
    match &te.kind {
        crate::syntax::ast::TypeExprKind::Named { path, args }
            if path.len() == 1 && args.is_empty() && path[0].name.starts_with('$') =>
        {
            Some(path[0].clone())
        }
        _ => None,
    }
}

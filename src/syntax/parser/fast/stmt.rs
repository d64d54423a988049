//! Program, statements, blocks and declarations (the fast path).

use super::{Kw, Parser};
use crate::syntax::ast::{
    AssignOp, Block, EnumDecl, Expr, ExternDecl, Field, FnDecl, Ident, ImplBlock, Import, Module,
    Param, Stmt, StmtKind, StrPart, StructDecl, TraitDecl, TraitImpl, TraitSig, TypeDecl,
};

const BOM: &[u8] = "\u{feff}".as_bytes();

impl Parser<'_> {
    /// `SOI ~ bom? ~ (nl | import)* ~ (nl | stmt)* ~ EOI`
    pub(super) fn program(&mut self) -> Option<Module> {
        self.skip();
        self.eat(BOM);
        self.skip();
        let mut imports = Vec::new();
        loop {
            self.skip();
            match self.peek() {
                b'\n' => self.pos += 1,
                b'u' if self.kw() == Some(Kw::Use) => imports.push(self.import()?),
                _ => break,
            }
        }
        let mut stmts = Vec::new();
        loop {
            self.skip();
            if self.at_end() {
                break;
            }
            if self.peek() == b'\n' {
                self.pos += 1;
                continue;
            }
            // A statement that fails ends the repetition, and then only the
            // end of the input could follow.
            self.stmt(&mut stmts)?;
        }
        Some(Module { imports, stmts })
    }

    /// `kw_use ~ import_path ~ (kw_as ~ ident)?`
    fn import(&mut self) -> Option<Import> {
        let start = self.pos;
        self.pos += 3; // `use`
        self.skip();
        let path_start = self.pos;
        let c = self.peek();
        if !(c.is_ascii_alphabetic() || c == b'_') {
            return None;
        }
        self.pos += 1;
        while matches!(self.peek(), b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' | b'/' | b'.' | b'-')
        {
            self.pos += 1;
        }
        let path_end = self.pos;
        self.skip();
        let m = self.mark();
        let mut alias = None;
        if self.eat_kw(Kw::As) {
            self.skip();
            match self.take_ident() {
                Some(a) => alias = Some(a),
                None => self.reset(m),
            }
        }
        Some(Import {
            path: self.text[path_start..path_end].to_string(),
            path_span: self.span(path_start, path_end),
            alias,
            span: self.span(start, self.pos),
        })
    }

    /// `stmt`: one statement, appended to `out`. The alternatives are told
    /// apart by their first word.
    pub(super) fn stmt(&mut self, out: &mut Vec<Stmt>) -> Option<()> {
        let start = self.pos;
        let kw = self.kw();
        if kw == Some(Kw::Use) {
            // A `use` after the first statement: an error for the builder.
            self.import()?;
            self.errors += 1;
            return Some(());
        }
        let kind = self.stmt_kind(kw)?;
        out.push(Stmt {
            kind,
            span: self.span(start, self.pos),
        });
        Some(())
    }

    /// Every arm is a single call in tail position, to keep this frame
    /// small: statements nest through here (debug builds give every
    /// temporary its own stack slot).
    fn stmt_kind(&mut self, kw: Option<Kw>) -> Option<StmtKind> {
        match kw {
            Some(Kw::Let | Kw::Mut) => self.let_stmt(true),
            Some(Kw::Break) => {
                self.pos += 5;
                Some(StmtKind::Break)
            }
            Some(Kw::While) => self.while_stmt(),
            Some(Kw::For) => self.for_stmt(),
            Some(Kw::Fn) => self.fn_stmt(),
            Some(Kw::Private) => self.private_stmt(),
            Some(Kw::Impl) => self.impl_decl(),
            Some(Kw::Extern | Kw::Struct | Kw::Enum | Kw::Trait | Kw::Type) => self.decl_stmt(),
            None if self.at_test_fn() => self.fn_stmt(),
            _ => self.expr_stmt(false),
        }
    }

    /// `test fn`: the start of a test function (`test` is not a keyword).
    fn at_test_fn(&self) -> bool {
        if self.word() != b"test" {
            return false;
        }
        let after = self.skipped(self.pos + 4);
        super::keyword(&self.b[after..self.word_end(after)]) == Some(Kw::Fn)
    }

    /// `for_in | for_c`
    fn for_stmt(&mut self) -> Option<StmtKind> {
        let m = self.mark();
        if let Some(k) = self.for_in() {
            return Some(k);
        }
        if self.gave_up {
            return None;
        }
        self.reset(m);
        self.for_c()
    }

    /// `fn_decl`, or a closure used as a statement (`expr_stmt`).
    fn fn_stmt(&mut self) -> Option<StmtKind> {
        let m = self.mark();
        if let Some(f) = self.fn_decl() {
            return Some(StmtKind::Fn(f));
        }
        if self.gave_up {
            return None;
        }
        self.reset(m);
        self.expr_stmt(false)
    }

    /// A declaration after `private`: the next word says which.
    fn private_stmt(&mut self) -> Option<StmtKind> {
        let after = self.skipped(self.pos + 7);
        let end = self.word_end(after);
        match super::keyword(&self.b[after..end]) {
            Some(Kw::Fn) => Some(StmtKind::Fn(self.fn_decl()?)),
            Some(Kw::Extern | Kw::Struct | Kw::Enum | Kw::Trait | Kw::Type) => self.decl_stmt(),
            _ => None,
        }
    }

    /// The declarations that may start with `private` (other than `fn`).
    fn decl_stmt(&mut self) -> Option<StmtKind> {
        let mut at = self.pos;
        if self.kw() == Some(Kw::Private) {
            at = self.skipped(at + 7);
        }
        let end = self.word_end(at);
        Some(match super::keyword(&self.b[at..end]) {
            Some(Kw::Extern) => StmtKind::Extern(self.extern_decl()?),
            Some(Kw::Struct) => StmtKind::Struct(self.struct_decl()?),
            Some(Kw::Enum) => StmtKind::Enum(self.enum_decl()?),
            Some(Kw::Trait) => StmtKind::Trait(self.trait_decl()?),
            Some(Kw::Type) => StmtKind::Type(self.type_decl()?),
            _ => return None,
        })
    }

    /// `t_lbrace ~ (nl | stmt)* ~ t_rbrace`
    pub(super) fn block(&mut self) -> Option<Block> {
        if self.peek() != b'{' || !self.enter() {
            return None;
        }
        self.block_inner()
    }

    fn block_inner(&mut self) -> Option<Block> {
        let start = self.pos;
        self.pos += 1;
        let outer_h = self.h;
        self.h = 0;
        let mut stmts = Vec::new();
        loop {
            self.skip();
            match self.peek() {
                b'\n' => self.pos += 1,
                b'}' => break,
                // A failed statement ends the repetition; `}` would have to
                // follow, and it does not.
                _ => self.stmt(&mut stmts)?,
            }
        }
        self.pos += 1;
        self.h = outer_h.max(self.h + 1);
        stmts.shrink_to_fit();
        Some(Block {
            stmts,
            span: self.span(start, self.pos),
        })
    }

    /// `(kw_let | kw_mut) ~ name ~ (t_colon ~ ty)? ~ t_eq ~ nl* ~ expr`, or
    /// with `full` false `for_init`: the keyword is optional and no line
    /// break may follow `=`.
    fn let_stmt(&mut self, full: bool) -> Option<StmtKind> {
        let mut mutable = false;
        match self.kw() {
            Some(Kw::Let) => self.pos += 3,
            Some(Kw::Mut) => {
                self.pos += 3;
                mutable = true;
            }
            _ if full => return None,
            _ => {}
        }
        self.skip();
        let name = self.take_name()?;
        self.skip();
        let ty = self.opt_colon_ty()?;
        self.skip();
        if !self.eat_t_eq() {
            return None;
        }
        if full {
            self.skip_nl();
        } else {
            self.skip();
        }
        let value = self.expr()?;
        Some(StmtKind::Let {
            mutable,
            name,
            ty,
            value,
        })
    }

    /// `(t_colon ~ ty)?`. The outer `None` is giving up.
    fn opt_colon_ty(&mut self) -> Option<Option<crate::syntax::ast::TypeExpr>> {
        if !self.at_colon() {
            return Some(None);
        }
        let m = self.mark();
        self.pos += 1;
        self.skip();
        match self.ty() {
            Some(t) => Some(Some(t)),
            None if self.gave_up => None,
            None => {
                self.reset(m);
                Some(None)
            }
        }
    }

    /// `kw_while ~ expr_ns? ~ block`
    fn while_stmt(&mut self) -> Option<StmtKind> {
        self.pos += 5;
        self.skip();
        let cond = self.opt_expr_ns()?;
        self.skip();
        let body = self.block()?;
        Some(StmtKind::While { cond, body })
    }

    /// `kw_for ~ name ~ ("," ~ name)? ~ kw_in ~ expr_ns ~ block`
    fn for_in(&mut self) -> Option<StmtKind> {
        self.pos += 3;
        self.skip();
        let cursor = self.take_name()?;
        self.skip();
        let mut second = None;
        if self.peek() == b',' {
            let m = self.mark();
            self.pos += 1;
            self.skip();
            match self.take_name() {
                Some(n) => second = Some(n),
                None => self.reset(m),
            }
        }
        self.skip();
        if !self.eat_kw(Kw::In) {
            return None;
        }
        self.skip();
        let iter = self.expr_ns()?;
        self.skip();
        let body = self.block()?;
        Some(StmtKind::ForIn {
            cursor,
            second,
            iter,
            body,
        })
    }

    /// `kw_for ~ for_init ~ t_semi ~ expr_ns ~ t_semi ~ for_update ~ ";"? ~ block`
    fn for_c(&mut self) -> Option<StmtKind> {
        self.pos += 3;
        self.skip();
        let init_start = self.pos;
        let init = self.let_stmt(false)?;
        let init = Stmt {
            kind: init,
            span: self.span(init_start, self.pos),
        };
        self.skip();
        if !self.eat_byte(b';') {
            return None;
        }
        self.skip();
        let cond = self.expr_ns()?;
        self.skip();
        if !self.eat_byte(b';') {
            return None;
        }
        self.skip();
        let update_start = self.pos;
        let update = self.expr_stmt(true)?;
        let update = Stmt {
            kind: update,
            span: self.span(update_start, self.pos),
        };
        self.skip();
        self.eat_byte(b';');
        self.skip();
        let body = self.block()?;
        Some(StmtKind::ForC {
            init: Box::new(init),
            cond,
            update: Box::new(update),
            body,
        })
    }

    /// `!stmt_kw ~ expr ~ (assign_op ~ nl* ~ expr)?`, or `for_update` (the
    /// same with `expr_ns`) when `ns`. The dispatch in `stmt` has already
    /// ruled the declaration keywords out.
    pub(super) fn expr_stmt(&mut self, ns: bool) -> Option<StmtKind> {
        let target = if ns { self.expr_ns()? } else { self.expr()? };
        self.assignment(target, ns)
    }

    /// The rest of `expr_stmt` after its first expression.
    fn assignment(&mut self, target: Expr, ns: bool) -> Option<StmtKind> {
        self.skip();
        let op = match (self.peek(), self.peek_at(1)) {
            (b'=', b'+') => AssignOp::Add,
            (b'=', b'-') => AssignOp::Sub,
            (b'=', b'=' | b'>') => return Some(StmtKind::Expr(target)),
            (b'=', _) => AssignOp::Set,
            _ => return Some(StmtKind::Expr(target)),
        };
        let m = self.mark();
        self.pos += if op == AssignOp::Set { 1 } else { 2 };
        self.skip_nl();
        let value = if ns { self.expr_ns() } else { self.expr() };
        match value {
            Some(value) => Some(StmtKind::Assign { target, op, value }),
            None if self.gave_up => None,
            None => {
                self.reset(m);
                Some(StmtKind::Expr(target))
            }
        }
    }

    /// `(kw_private | kw_test)? ~ kw_fn ~ fn_mut? ~ fn_name ~ params ~ ty? ~ block`
    pub(super) fn fn_decl(&mut self) -> Option<FnDecl> {
        let start = self.pos;
        let private = self.eat_kw(Kw::Private);
        let test = !private && self.word() == b"test";
        if test {
            self.pos += 4;
        }
        self.skip();
        if !self.eat_kw(Kw::Fn) {
            return None;
        }
        self.skip();
        let mutating = self.eat_kw(Kw::Mut);
        self.skip();
        let name = self.fn_name()?;
        self.skip();
        let params = self.params(true)?;
        self.skip();
        let ret = self.opt_ty()?;
        self.skip();
        let body = self.block()?;
        Some(FnDecl {
            private,
            test,
            mutating,
            name,
            params,
            ret,
            body,
            span: self.span(start, self.pos),
        })
    }

    /// `ident ~ (path_sep ~ ident)*` (`fn_name`, `impl_path`).
    fn fn_name(&mut self) -> Option<Vec<Ident>> {
        let mut path = vec![self.take_ident()?];
        loop {
            let m = self.mark();
            self.skip();
            if self.eat(b"::") {
                self.skip();
                if let Some(seg) = self.take_ident() {
                    path.push(seg);
                    continue;
                }
            }
            self.reset(m);
            return Some(path);
        }
    }

    /// `t_lparen ~ (sep | param)* ~ t_rparen`. Named functions need a type
    /// on every parameter (`typed`).
    pub(super) fn params(&mut self, typed: bool) -> Option<Vec<Param>> {
        if !self.eat_byte(b'(') {
            return None;
        }
        let mut params = Vec::new();
        self.list(true, b')', &mut params, |p| p.param(typed))?;
        Some(params)
    }

    /// `(kw_mut ~ name | name) ~ (t_colon ~ ty)?`
    fn param(&mut self, typed: bool) -> Option<Param> {
        let start = self.pos;
        let mut mutable = false;
        let mut name = None;
        if self.kw() == Some(Kw::Mut) {
            let m = self.mark();
            self.pos += 3;
            self.skip();
            match self.take_name() {
                Some(n) => {
                    mutable = true;
                    name = Some(n);
                }
                None => self.reset(m),
            }
        }
        let name = match name {
            Some(n) => n,
            None => self.take_name()?,
        };
        self.skip();
        let ty = self.opt_colon_ty()?;
        if typed && ty.is_none() {
            self.errors += 1;
        }
        Some(Param {
            mutable,
            name,
            ty,
            span: self.span(start, self.pos),
        })
    }

    /// `kw_private? ~ kw_extern ~ kw_fn ~ ident ~ params ~ ty? ~ t_eq ~ nl* ~ string`
    fn extern_decl(&mut self) -> Option<ExternDecl> {
        let start = self.pos;
        let private = self.eat_kw(Kw::Private);
        self.skip();
        if !self.eat_kw(Kw::Extern) {
            return None;
        }
        self.skip();
        if !self.eat_kw(Kw::Fn) {
            return None;
        }
        self.skip();
        let name = self.take_ident()?;
        self.skip();
        let params = self.params(true)?;
        self.skip();
        let ret = self.opt_ty()?;
        self.skip();
        if !self.eat_t_eq() {
            return None;
        }
        self.skip_nl();
        let binding_start = self.pos;
        let parts = self.string()?;
        let binding_span = self.span(binding_start, self.pos);
        let mut binding = String::new();
        for part in parts {
            match part {
                StrPart::Lit(s) => binding.push_str(&s),
                StrPart::Interp(_) => self.errors += 1,
            }
        }
        Some(ExternDecl {
            private,
            name,
            params,
            ret,
            binding,
            binding_span,
            span: self.span(start, self.pos),
        })
    }

    /// `kw_private? ~ kw_struct ~ ident ~ generic_params? ~ t_lbrace ~
    /// (sep | field_decl)* ~ t_rbrace`
    fn struct_decl(&mut self) -> Option<StructDecl> {
        let start = self.pos;
        let private = self.eat_kw(Kw::Private);
        self.skip();
        if !self.eat_kw(Kw::Struct) {
            return None;
        }
        self.skip();
        let name = self.take_ident()?;
        self.skip();
        let mut generics = Vec::new();
        if self.peek() == b'<' {
            // `generic_params = "<" ~ (sep | ty)* ~ t_gt`: anything but
            // `$Name` is an error for the builder.
            let m = self.mark();
            self.pos += 1;
            let mut tys = Vec::new();
            match self.list(true, b'>', &mut tys, |p| p.ty()) {
                Some(()) => {
                    for t in &tys {
                        match crate::syntax::parser::stmt::generic_name(t) {
                            Some(g) => generics.push(g),
                            None => self.errors += 1,
                        }
                    }
                }
                None if self.gave_up => return None,
                None => self.reset(m),
            }
            self.skip();
        }
        if !self.eat_byte(b'{') {
            return None;
        }
        let mut fields = Vec::new();
        self.list(true, b'}', &mut fields, |p| {
            let name = p.take_name()?;
            p.skip();
            if !p.at_colon() {
                return None;
            }
            p.pos += 1;
            p.skip();
            let ty = p.ty()?;
            Some(Field { name, ty })
        })?;
        Some(StructDecl {
            private,
            name,
            generics,
            fields,
            span: self.span(start, self.pos),
        })
    }

    /// `kw_private? ~ kw_enum ~ ident ~ t_lbrace ~ (sep | variant)* ~ t_rbrace`
    fn enum_decl(&mut self) -> Option<EnumDecl> {
        let start = self.pos;
        let private = self.eat_kw(Kw::Private);
        self.skip();
        if !self.eat_kw(Kw::Enum) {
            return None;
        }
        self.skip();
        let name = self.take_ident()?;
        self.skip();
        if !self.eat_byte(b'{') {
            return None;
        }
        let mut variants = Vec::new();
        self.list(true, b'}', &mut variants, |p| {
            // `variant = ident ~ variant_value?`, `variant_value = "=" ~ nl* ~ expr`
            let v = p.take_ident()?;
            let m = p.mark();
            p.skip();
            if p.eat_byte(b'=') {
                p.skip_nl();
                match p.expr() {
                    Some(_) => p.errors += 1,
                    None if p.gave_up => return None,
                    None => p.reset(m),
                }
            } else {
                p.reset(m);
            }
            Some(v)
        })?;
        Some(EnumDecl {
            private,
            name,
            variants,
            span: self.span(start, self.pos),
        })
    }

    /// `kw_private? ~ kw_trait ~ ident ~ t_lbrace ~ (sep | trait_sig)* ~ t_rbrace`
    fn trait_decl(&mut self) -> Option<TraitDecl> {
        let start = self.pos;
        let private = self.eat_kw(Kw::Private);
        self.skip();
        if !self.eat_kw(Kw::Trait) {
            return None;
        }
        self.skip();
        let name = self.take_ident()?;
        self.skip();
        if !self.eat_byte(b'{') {
            return None;
        }
        let mut methods = Vec::new();
        self.list(true, b'}', &mut methods, |p| p.trait_sig())?;
        Some(TraitDecl {
            private,
            name,
            methods,
            span: self.span(start, self.pos),
        })
    }

    /// `kw_fn ~ ident ~ params ~ ty? ~ block?` (a body is an error).
    fn trait_sig(&mut self) -> Option<TraitSig> {
        let start = self.pos;
        if !self.eat_kw(Kw::Fn) {
            return None;
        }
        self.skip();
        let name = self.take_ident()?;
        self.skip();
        let params = self.params(true)?;
        self.skip();
        let ret = self.opt_ty()?;
        self.skip();
        if self.peek() == b'{' {
            let m = self.mark();
            match self.block() {
                Some(_) => self.errors += 1,
                None if self.gave_up => return None,
                None => self.reset(m),
            }
        }
        Some(TraitSig {
            name,
            params,
            ret,
            span: self.span(start, self.pos),
        })
    }

    /// `kw_impl ~ impl_path ~ (kw_for ~ ident)? ~ t_lbrace ~ (nl | fn_decl)* ~ t_rbrace`
    fn impl_decl(&mut self) -> Option<StmtKind> {
        let start = self.pos;
        self.pos += 4;
        self.skip();
        let path = self.fn_name()?;
        self.skip();
        let mut target = None;
        if self.kw() == Some(Kw::For) {
            let m = self.mark();
            self.pos += 3;
            self.skip();
            match self.take_ident() {
                Some(t) => target = Some(t),
                None => self.reset(m),
            }
        }
        self.skip();
        if !self.eat_byte(b'{') {
            return None;
        }
        let mut methods = Vec::new();
        self.list(false, b'}', &mut methods, |p| {
            let f = p.fn_decl()?;
            if f.name.len() > 1 {
                p.errors += 1;
            }
            Some(f)
        })?;
        let span = self.span(start, self.pos);
        if let Some(target) = target {
            return Some(StmtKind::TraitImpl(TraitImpl {
                trait_path: path,
                target,
                methods,
                span,
            }));
        }
        if path.len() > 1 {
            self.errors += 1;
        }
        let target = path.into_iter().next()?;
        Some(StmtKind::Impl(ImplBlock {
            target,
            methods,
            span,
        }))
    }

    /// `kw_private? ~ kw_type ~ ident ~ t_eq ~ nl* ~ ("|" ~ nl*)? ~ ty ~
    /// (nl* ~ "|" ~ nl* ~ ty)*`
    fn type_decl(&mut self) -> Option<TypeDecl> {
        let start = self.pos;
        let private = self.eat_kw(Kw::Private);
        self.skip();
        if !self.eat_kw(Kw::Type) {
            return None;
        }
        self.skip();
        let name = self.take_ident()?;
        self.skip();
        if !self.eat_t_eq() {
            return None;
        }
        self.skip_nl();
        if self.eat_byte(b'|') {
            self.skip_nl();
        }
        self.skip();
        let mut members = vec![self.ty()?];
        self.skip();
        loop {
            let m = self.mark();
            self.skip_nl();
            if self.eat_byte(b'|') {
                self.skip_nl();
                match self.ty() {
                    Some(t) => {
                        members.push(t);
                        continue;
                    }
                    None if self.gave_up => return None,
                    None => {}
                }
            }
            self.reset(m);
            break;
        }
        Some(TypeDecl {
            private,
            name,
            members,
            span: self.span(start, self.pos),
        })
    }

    /// `expr_ns?`. The outer `None` is giving up.
    pub(super) fn opt_expr_ns(&mut self) -> Option<Option<Expr>> {
        let m = self.mark();
        match self.expr_ns() {
            Some(e) => Some(Some(e)),
            None if self.gave_up => None,
            None => {
                self.reset(m);
                Some(None)
            }
        }
    }
}

//! Type expressions and source spans.

use super::sexpr;
use super::tests::module;
use crate::source::FileId;
use crate::syntax::ast::{ExprKind, StmtKind};

/// The type annotation of `let x: SRC = 0`, rendered.
fn ty(src: &str) -> String {
    let m = module(&format!("let x: {src} = 0"));
    match &m.stmts[0].kind {
        StmtKind::Let { ty: Some(t), .. } => sexpr::ty(t),
        _ => panic!("no type"),
    }
}

// ----------------------------------------------------------------- types ---

#[test]
fn types() {
    assert_eq!(ty("Int"), "Int");
    assert_eq!(ty("[Int]"), "[Int]");
    assert_eq!(ty("[Str:Int]"), "[Str:Int]");
    assert_eq!(ty("[Str: Int]"), "[Str:Int]");
    assert_eq!(ty("Int?"), "Int?");
    assert_eq!(ty("Int!Str"), "(Int!Str)");
    assert_eq!(ty("A!B!C"), "(A!(B!C))");
    assert_eq!(ty("Int?!Str"), "(Int?!Str)");
    assert_eq!(ty("Int!Str?"), "(Int!Str?)");
    assert_eq!(ty("$T?![Err]"), "($T?![Err])");
    assert_eq!(ty("fn(A, B) R"), "fn(A, B) R");
    assert_eq!(ty("fn() Void"), "fn() Void");
    assert_eq!(ty("fn(Int) Int?"), "fn(Int) Int?");
    assert_eq!(ty("fn(Int) Int!Str"), "fn(Int) (Int!Str)");
    assert_eq!(ty("$T"), "$T");
    assert_eq!(ty("Name<A, B>"), "Name<A, B>");
    assert_eq!(ty("mod::Name"), "mod::Name");
    assert_eq!(ty("Str::ToString"), "Str::ToString");
    assert_eq!(ty("Result<Int, Str>"), "Result<Int, Str>");
    assert_eq!(ty("Maybe<Int>"), "Maybe<Int>");
    assert_eq!(ty("Maybe<[Result<Int, Str>]>"), "Maybe<[Result<Int, Str>]>");
    assert_eq!(ty("[[Int]]?"), "[[Int]]?");
    assert_eq!(ty("[Int]![Str]"), "([Int]![Str])");
    assert_eq!(ty("fn(fn(Int) Str) [Str]"), "fn(fn(Int) Str) [Str]");
}

// ----------------------------------------------------------------- spans ---

fn text_of(src: &str, span: crate::source::Span) -> &str {
    &src[span.range()]
}

#[test]
fn spans_cover_the_source_text() {
    let src = "let total = price * (1 + tax).round() + f(a: 2)";
    let m = module(src);
    assert_eq!(text_of(src, m.stmts[0].span), src);
    let StmtKind::Let { name, value, .. } = &m.stmts[0].kind else {
        panic!()
    };
    assert_eq!(text_of(src, name.span), "total");
    assert_eq!(
        text_of(src, value.span),
        "price * (1 + tax).round() + f(a: 2)"
    );
    let ExprKind::Binary { lhs, rhs, .. } = &value.kind else {
        panic!()
    };
    assert_eq!(text_of(src, lhs.span), "price * (1 + tax).round()");
    assert_eq!(text_of(src, rhs.span), "f(a: 2)");
    let ExprKind::Call { args, callee, .. } = &rhs.kind else {
        panic!()
    };
    assert_eq!(text_of(src, callee.span), "f");
    assert_eq!(text_of(src, args[0].span), "a: 2");
    assert_eq!(text_of(src, args[0].value.span), "2");
}

#[test]
fn spans_of_members_and_self() {
    let src = "x = @name(1).other";
    let m = module(src);
    let StmtKind::Assign { value, .. } = &m.stmts[0].kind else {
        panic!()
    };
    assert_eq!(text_of(src, value.span), "@name(1).other");
    let ExprKind::Member { target, name } = &value.kind else {
        panic!()
    };
    assert_eq!(text_of(src, name.span), "other");
    assert_eq!(text_of(src, target.span), "@name(1)");
    let ExprKind::Call { callee, .. } = &target.kind else {
        panic!()
    };
    let ExprKind::Member { target: at, .. } = &callee.kind else {
        panic!()
    };
    assert_eq!(text_of(src, at.span), "@");
}

#[test]
fn spans_of_chains_across_lines_and_blocks() {
    let src = "let w = text\n  .trim()\nfn f() {\n  1\n}";
    let m = module(src);
    let StmtKind::Let { value, .. } = &m.stmts[0].kind else {
        panic!()
    };
    assert_eq!(text_of(src, value.span), "text\n  .trim()");
    let StmtKind::Fn(f) = &m.stmts[1].kind else {
        panic!()
    };
    assert_eq!(text_of(src, f.body.span), "{\n  1\n}");
    assert_eq!(text_of(src, f.span), "fn f() {\n  1\n}");
    assert_eq!(f.name[0].span.file, FileId(0));
}

//! AST-shape tests: every statement, expression and type form, and
//! operator precedence. Trees are compared as compact s-expressions
//! (`sexpr.rs`): `(+ 1 (* 2 3))`, `(call f a:1)`, `(. x name)`, ...

use super::sexpr;
use crate::source::{FileId, SourceMap};
use crate::syntax::ast::{ExprKind, Module, StmtKind};

/// Parse `src` and render it, or render the diagnostics as `line:col: msg`
/// (one per line).
pub(super) fn render(src: &str) -> String {
    let mut map = SourceMap::new();
    let file = map.add("t.ard", src);
    match super::parse(file, src) {
        Ok(m) => sexpr::module(&m),
        Err(diags) => diags
            .iter()
            .map(|d| d.short(&map).trim_start_matches("t.ard:").to_string())
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// The module, which must parse.
pub(super) fn module(src: &str) -> Module {
    match super::parse(FileId(0), src) {
        Ok(m) => m,
        Err(_) => panic!("expected {src:?} to parse, got {}", render(src)),
    }
}

/// The rendered tree, which must parse.
pub(super) fn ok(src: &str) -> String {
    sexpr::module(&module(src))
}

/// The one expression statement of `src`.
fn expr(src: &str) -> String {
    let m = module(src);
    assert_eq!(m.stmts.len(), 1, "{src:?} should be one statement");
    sexpr::stmt(&m.stmts[0])
}

// ------------------------------------------------------------ precedence ---

#[test]
fn arithmetic_precedence() {
    assert_eq!(expr("1 + 2 * 3"), "(+ 1 (* 2 3))");
    assert_eq!(expr("1 * 2 + 3"), "(+ (* 1 2) 3)");
    assert_eq!(expr("1 - 2 - 3"), "(- (- 1 2) 3)");
    assert_eq!(expr("8 / 4 / 2"), "(/ (/ 8 4) 2)");
    assert_eq!(expr("(1 + 2) * 3"), "(* (paren (+ 1 2)) 3)");
}

#[test]
fn remainder_binds_like_multiplication() {
    assert_eq!(expr("1 + 5 % 3"), "(+ 1 (% 5 3))");
    assert_eq!(expr("a * b % c"), "(% (* a b) c)");
    assert_eq!(expr("a % b % c"), "(% (% a b) c)");
    assert_eq!(expr("a % b * c"), "(* (% a b) c)");
}

/// Decision L1 (issue 18): `not` negates the rest of the expression.
#[test]
fn not_negates_the_rest_of_the_expression() {
    assert_eq!(expr("not a and b"), "(not (and a b))");
    assert_eq!(expr("not a or b"), "(not (or a b))");
    assert_eq!(expr("not a == b"), "(not (== a b))");
    assert_eq!(expr("not n == 0"), "(not (== n 0))");
    assert_eq!(expr("x and not y or z"), "(and x (not (or y z)))");
    assert_eq!(expr("x or not y and z"), "(or x (not (and y z)))");
    assert_eq!(expr("a + not b * c"), "(+ a (not (* b c)))");
    assert_eq!(expr("(not a) and b"), "(and (paren (not a)) b)");
    assert_eq!(expr("-not a + b"), "(neg (not (+ a b)))");
    assert_eq!(expr("not a.ok()"), "(not (call (. a ok)))");
    assert_eq!(expr("not a..b"), "(not (.. a b))");
}

#[test]
fn nested_not_takes_the_rest_too() {
    assert_eq!(expr("not not a"), "(not (not a))");
    assert_eq!(expr("not a or not b and c"), "(not (or a (not (and b c))))");
    assert_eq!(
        expr("not (not a or b) and c"),
        "(not (and (paren (not (or a b))) c))"
    );
}

/// Where the rest of the expression ends: `{` of a block, `)`, `]`, `,`,
/// `=>` and the end of the line.
#[test]
fn not_stops_at_the_end_of_its_expression() {
    // `{` of a block: a negated condition, never a struct literal.
    assert_eq!(
        expr("if not ready or done { f() }"),
        "(if (not (or ready done)) {(call f)})"
    );
    assert_eq!(expr("if not ready { f() }"), "(if (not ready) {(call f)})");
    assert_eq!(
        expr("while not b.full() or won { f() }"),
        "(while (not (or (call (. b full)) won)) {(call f)})"
    );
    // `)` and `,`
    assert_eq!(expr("(not a or b) and c"), "(and (paren (not (or a b))) c)");
    assert_eq!(
        expr("f(not a or b, c and d)"),
        "(call f (not (or a b)) (and c d))"
    );
    // `]` and `,`
    assert_eq!(expr("[not a or b, c]"), "[(not (or a b)) c]");
    // `=>` in a conditional match, and `,` after an arm value
    assert_eq!(
        expr("match { not a or b => not c and d, _ => e }"),
        "(match ((not (or a b)) => (not (and c d))) (_ => e))"
    );
    // the subject of a match ends at `{`
    assert_eq!(
        expr("match not a and b { true => 1, false => 2 }"),
        "(match (not (and a b)) (true => 1) (false => 2))"
    );
    // the end of the line ends it; an operator at the end of a line goes on
    assert_eq!(
        ok("let x = not a or b\nlet y = c and d"),
        "(let x (not (or a b)))\n(let y (and c d))"
    );
    assert_eq!(ok("let x = not a or\n  b"), "(let x (not (or a b)))");
}

#[test]
fn logical_and_comparison_precedence() {
    assert_eq!(expr("a or b and c"), "(or a (and b c))");
    assert_eq!(expr("a and b or c and d"), "(or (and a b) (and c d))");
    assert_eq!(expr("a < b and c >= d"), "(and (< a b) (>= c d))");
    assert_eq!(expr("a == b != c"), "(!= (== a b) c)");
    assert_eq!(expr("a < b <= c"), "(<= (< a b) c)");
    assert_eq!(expr("a + 1 > b * 2"), "(> (+ a 1) (* b 2))");
    assert_eq!(expr("a != b"), "(!= a b)");
}

#[test]
fn unary_minus_binds_tighter_than_multiplication_but_looser_than_postfix() {
    assert_eq!(expr("-s.size()"), "(neg (call (. s size)))");
    assert_eq!(expr("-5.to_str()"), "(neg (call (. 5 to_str)))");
    assert_eq!(expr("(-5).to_str()"), "(call (. (paren (neg 5)) to_str))");
    assert_eq!(expr("-a * b"), "(* (neg a) b)");
    assert_eq!(expr("--a"), "(neg (neg a))");
    assert_eq!(expr("a - -b"), "(- a (neg b))");
    assert_eq!(expr("a * -b"), "(* a (neg b))");
}

#[test]
fn ranges_are_loosest() {
    assert_eq!(expr("1..10"), "(.. 1 10)");
    assert_eq!(expr("lo..hi - 1"), "(.. lo (- hi 1))");
    assert_eq!(expr("-5..-1"), "(.. (neg 5) (neg 1))");
    assert_eq!(expr("a.size()..b"), "(.. (call (. a size)) b)");
}

// ---------------------------------------------------------- expressions ---

#[test]
fn literals() {
    assert_eq!(expr("42"), "42");
    assert_eq!(expr("007"), "007");
    assert_eq!(expr("1.5"), "1.5");
    assert_eq!(expr("true"), "true");
    assert_eq!(expr("false"), "false");
    assert_eq!(expr("()"), "()");
    assert_eq!(expr("( )"), "()");
    assert_eq!(expr("\"hi\""), "\"hi\"");
    assert_eq!(expr("\"\""), "\"\"");
    let m = module("12.50");
    let StmtKind::Expr(e) = &m.stmts[0].kind else {
        panic!()
    };
    assert_eq!(e.kind, ExprKind::Float("12.50".into()));
    let m = module("99999999999999999999999");
    let StmtKind::Expr(e) = &m.stmts[0].kind else {
        panic!()
    };
    assert_eq!(e.kind, ExprKind::Int("99999999999999999999999".into()));
}

#[test]
fn number_dots() {
    assert_eq!(expr("5.to_str()"), "(call (. 5 to_str))");
    assert_eq!(expr("1..10"), "(.. 1 10)");
    assert_eq!(expr("1.5..2.5"), "(.. 1.5 2.5)");
}

#[test]
fn string_escapes_are_decoded() {
    assert_eq!(expr(r#""a\nb\tc\rd""#), r#""a\nb\tc\rd""#);
    assert_eq!(expr(r#""\b\f\v""#), r#""\u{8}\u{c}\u{b}""#);
    assert_eq!(expr(r#""q\"q\\""#), r#""q\"q\\""#);
    assert_eq!(expr(r#""\{x\}""#), r#""{x}""#);
    // Unknown escapes keep the backslash.
    assert_eq!(expr(r#""\q\0""#), r#""\\q\\0""#);
    assert_eq!(expr("\"multi\nline\""), r#""multi\nline""#);
    assert_eq!(expr("\"é ü\""), "\"é ü\"");
}

#[test]
fn string_interpolation() {
    assert_eq!(expr(r#""n={n}!""#), r#"(str "n=" n "!")"#);
    assert_eq!(expr(r#""{n * 2}""#), "(str (* n 2))");
    assert_eq!(expr(r#""{a}{b}""#), "(str a b)");
    assert_eq!(expr(r#""{}""#), r#""""#);
    assert_eq!(expr(r#""a{}b""#), r#""ab""#);
    assert_eq!(expr(r#""a\n{ x }""#), r#"(str "a\n" x)"#);
    assert_eq!(expr(r#""{shout("bob")}""#), r#"(str (call shout "bob"))"#);
    assert_eq!(expr(r#""{(try x)}""#), "(str (paren (try x)))");
    assert_eq!(
        expr(r#""{p.x > 1 and ok}""#),
        "(str (and (> (. p x) 1) ok))"
    );
}

#[test]
fn nested_interpolation() {
    assert_eq!(expr(r#""{f("a{b}")}""#), r#"(str (call f (str "a" b)))"#);
    assert_eq!(
        expr(r#""x{"y{"z{w}"}"}""#),
        r#"(str "x" (str "y" (str "z" w)))"#
    );
}

#[test]
fn names_paths_and_self() {
    assert_eq!(expr("x"), "x");
    assert_eq!(expr("_"), "_");
    assert_eq!(expr("Level::high"), "Level::high");
    assert_eq!(expr("mod::Enum::v"), "mod::Enum::v");
    assert_eq!(expr("@"), "@");
    assert_eq!(expr("@name"), "(. @ name)");
    assert_eq!(expr("@ name"), "(. @ name)");
    assert_eq!(expr("@.type"), "(. @ type)");
    assert_eq!(expr("@type"), "(. @ type)");
    assert_eq!(expr("@name(1, 2)"), "(call (. @ name) 1 2)");
    assert_eq!(expr("@a.b"), "(. (. @ a) b)");
    assert_eq!(expr("@ and x"), "(and @ x)");
}

#[test]
fn member_access_and_method_calls() {
    assert_eq!(expr("a.b"), "(. a b)");
    assert_eq!(expr("a.b.c(d).e"), "(. (call (. (. a b) c) d) e)");
    assert_eq!(expr("req.type"), "(. req type)");
    assert_eq!(expr("x.match"), "(. x match)");
    assert_eq!(expr("x.m<T>(y)"), "(call (. x m) <T> y)");
    assert_eq!(expr("x.m(a: 1)"), "(call (. x m) a:1)");
    assert_eq!(expr("\"s\".size()"), "(call (. \"s\" size))");
    assert_eq!(expr("[1].size()"), "(call (. [1] size))");
}

#[test]
fn calls() {
    assert_eq!(expr("f()"), "(call f)");
    assert_eq!(expr("f(1, 2)"), "(call f 1 2)");
    assert_eq!(expr("f(1 2 3)"), "(call f 1 2 3)");
    assert_eq!(expr("f(a: 1, b: 2)"), "(call f a:1 b:2)");
    assert_eq!(
        expr("pad(text: \"ab\", width: 3)"),
        "(call pad text:\"ab\" width:3)"
    );
    assert_eq!(expr("f(in: 1, type: 2)"), "(call f in:1 type:2)");
    assert_eq!(expr("f(mut x)"), "(call f mut x)");
    assert_eq!(expr("f(a: mut x)"), "(call f mut a:x)");
    assert_eq!(expr("T::f(a: 1)"), "(call T::f a:1)");
    assert_eq!(expr("f<Int>(x)"), "(call f <Int> x)");
    assert_eq!(expr("f<A, B>(x)"), "(call f <A, B> x)");
    assert_eq!(expr("m::f<A, [B]>(x)"), "(call m::f <A, [B]> x)");
    assert_eq!(expr("parse<Int>(s)"), "(call parse <Int> s)");
    // `<T>` counts as type arguments only when `(` follows directly.
    assert_eq!(expr("a < b"), "(< a b)");
    assert_eq!(expr("a < b > c"), "(> (< a b) c)");
    assert_eq!(expr("cfg::LIMIT < 5"), "(< cfg::LIMIT 5)");
    assert_eq!(expr("a < b > (c)"), "(call a <b> c)");
}

#[test]
fn calling_a_call_result_is_two_arguments() {
    // As in the reference: `g(x.at(0)(1))` passes two arguments.
    assert_eq!(
        expr("g(x.at(0)(1))"),
        "(call g (call (. x at) 0) (paren 1))"
    );
    assert_eq!(expr("f(a) "), "(call f a)");
}

#[test]
fn lists_and_maps() {
    assert_eq!(expr("[]"), "[]");
    assert_eq!(expr("[1, 2, 3]"), "[1 2 3]");
    assert_eq!(expr("[1 2 3]"), "[1 2 3]");
    assert_eq!(expr("[1, 2, 3,]"), "[1 2 3]");
    assert_eq!(expr("[:]"), "(map)");
    assert_eq!(expr("[ : ]"), "(map)");
    assert_eq!(expr("[\"a\": 1, \"b\": 2]"), "(map \"a\":1 \"b\":2)");
    assert_eq!(
        expr("[200: \"ok\" 404: \"no\"]"),
        "(map 200:\"ok\" 404:\"no\")"
    );
    assert_eq!(expr("[(Level::low): 1]"), "(map (paren Level::low):1)");
    // Keys may be any expression (more lenient than the reference).
    assert_eq!(
        expr("[Level::low: 1, -1: 2, a.b: 3]"),
        "(map Level::low:1 (neg 1):2 (. a b):3)"
    );
    assert_eq!(expr("[[1], [2, 3]]"), "[[1] [2 3]]");
    assert_eq!(expr("[P{x: 1}, P{x: 2}]"), "[(new P x:1) (new P x:2)]");
    assert_eq!(expr("[fn(x) { x }]"), "[(fn (x) _ {x})]");
    assert_eq!(expr("[k: P{x: 1}]"), "(map k:(new P x:1))");
}

#[test]
fn struct_literals() {
    assert_eq!(expr("Point{ x: 1.0, y: 2.0 }"), "(new Point x:1.0 y:2.0)");
    assert_eq!(expr("Point { x: 1 }"), "(new Point x:1)");
    assert_eq!(expr("Point{}"), "(new Point)");
    assert_eq!(expr("Point{ x: 1 y: 2 }"), "(new Point x:1 y:2)");
    assert_eq!(expr("mod::Point{ x: 1 }"), "(new mod::Point x:1)");
    assert_eq!(
        expr("Token{ type: \"w\", in: 3 }"),
        "(new Token type:\"w\" in:3)"
    );
    assert_eq!(
        expr("P{ f: fn() { 1 }, m: match x { _ => 1 } }"),
        "(new P f:(fn () _ {1}) m:(match x (_ => 1)))"
    );
}

#[test]
fn struct_literals_as_field_values_and_operands() {
    assert_eq!(
        expr("Outer{ inner: Inner{ x: 1 } }"),
        "(new Outer inner:(new Inner x:1))"
    );
    assert_eq!(expr("S{x: 1} == S{x: 1}"), "(== (new S x:1) (new S x:1))");
    assert_eq!(expr("P{x: 1}.x"), "(. (new P x:1) x)");
}

#[test]
fn closures() {
    assert_eq!(expr("fn() {}"), "(fn () _ {})");
    assert_eq!(
        expr("fn(a: Int, b) Str { \"x\" }"),
        "(fn (a: Int, b) Str {\"x\"})"
    );
    assert_eq!(
        expr("fn(mut a: [Int]) { a.push(1) }"),
        "(fn (mut a: [Int]) _ {(call (. a push) 1)})"
    );
    assert_eq!(
        expr("fn(n: Int) fn(Int) Int { fn(m: Int) Int { n + m } }"),
        "(fn (n: Int) fn(Int) Int {(fn (m: Int) Int {(+ n m)})})"
    );
    assert_eq!(
        expr("xs.map(fn(x) { x * 2 })"),
        "(call (. xs map) (fn (x) _ {(* x 2)}))"
    );
}

#[test]
fn if_expressions() {
    assert_eq!(expr("if a { 1 }"), "(if a {1})");
    assert_eq!(expr("if a { 1 } else { 2 }"), "(if a {1} else {2})");
    assert_eq!(
        expr("if a { 1 } else if b { 2 } else if c { 3 } else if d { 4 } else { 5 }"),
        "(if a {1} b {2} c {3} d {4} else {5})"
    );
    assert_eq!(expr("if (a) { }"), "(if (paren a) {})");
    assert_eq!(
        ok("let x = if c { 1 } else { 2 }"),
        "(let x (if c {1} else {2}))"
    );
    assert_eq!(
        expr("f(if a { 1 } else { 2 })"),
        "(call f (if a {1} else {2}))"
    );
    assert_eq!(
        expr("match x { _ => if a { 1 } else { 2 } }"),
        "(match x (_ => (if a {1} else {2})))"
    );
    // The condition never starts a struct literal.
    assert_eq!(expr("if ready { go() }"), "(if ready {(call go)})");
    assert_eq!(
        expr("if a == (P{x: 1}) { }"),
        "(if (== a (paren (new P x:1))) {})"
    );
}

#[test]
fn match_expressions() {
    assert_eq!(
        expr("match x { 1 => \"a\", _ => \"b\" }"),
        "(match x (1 => \"a\") (_ => \"b\"))"
    );
    assert_eq!(
        expr("match { a => 1, _ => 2 }"),
        "(match (a => 1) (_ => 2))"
    );
    assert_eq!(
        expr("match { n < 10 => 1 _ => 2 }"),
        "(match ((< n 10) => 1) (_ => 2))"
    );
    let src = "match x {
  1..9 => \"low\"
  -5..-1 => \"neg\"
  -3 => \"m3\"
  ok(v) => v,
  err => 0,
  Shape::Circle(c) => c
  mod::E::v => 1
  Str(s) => s
  Str => it
  \"a\" => 1,
  _ => {
    io::print(\"x\")
    0
  }
}";
    assert_eq!(
        expr(src),
        "(match x ((.. 1 9) => \"low\") ((.. (neg 5) (neg 1)) => \"neg\") ((neg 3) => \"m3\") \
         ((call ok v) => v) (err => 0) ((call Shape::Circle c) => c) (mod::E::v => 1) \
         ((call Str s) => s) (Str => it) (\"a\" => 1) (_ => {(call io::print \"x\"); 0}))"
    );
    // Bodies are full expressions: struct literals, maps, closures, try.
    assert_eq!(
        expr("match x { a => P{x: 1}, b => [k: 1], c => fn() {}, d => try f() }"),
        "(match x (a => (new P x:1)) (b => (map k:1)) (c => (fn () _ {})) (d => (try (call f))))"
    );
    assert_eq!(
        expr("match (try x) { _ => 1 }"),
        "(match (paren (try x)) (_ => 1))"
    );
    assert_eq!(
        ok("let size = match { n < 10 => \"s\", _ => \"l\" }"),
        "(let size (match ((< n 10) => \"s\") (_ => \"l\")))"
    );
}

#[test]
fn try_expressions() {
    assert_eq!(ok("let r = try f()"), "(let r (try (call f)))");
    assert_eq!(
        ok("let r = try f() -> handler"),
        "(let r (try (call f) -> handler))"
    );
    assert_eq!(
        ok("let r = try f() -> e { Result::err(e) }"),
        "(let r (try (call f) -> e {(call Result::err e)}))"
    );
    assert_eq!(ok("let r = try a + b"), "(let r (try (+ a b)))");
    assert_eq!(ok("let r = (try x) + 1"), "(let r (+ (paren (try x)) 1))");
    assert_eq!(
        expr("io::print(try f())"),
        "(call io::print (try (call f)))"
    );
    assert_eq!(expr("try P{ x: 1 }"), "(try (new P x:1))");
    // `try` is an ordinary name when nothing follows.
    assert_eq!(ok("try = 5"), "(= try 5)");
    assert_eq!(ok("let t = try"), "(let t try)");
    // Not recognised as an operand: `1 + try` is a name.
    assert_eq!(expr("1 + try"), "(+ 1 try)");
}

#[test]
fn keywords_as_names() {
    assert_eq!(ok("let in = 5"), "(let in 5)");
    assert_eq!(ok("mut type = 5"), "(mut type 5)");
    assert_eq!(ok("let t = tok.type"), "(let t (. tok type))");
    assert_eq!(ok("f(type)"), "(call f type)");
    assert_eq!(ok("x = in + 1"), "(= x (+ in 1))");
    assert_eq!(ok("for in in xs {}"), "(for in in xs {})");
    assert_eq!(
        ok("fn f(type: Str, mut in: Int) {}"),
        "(fn f (type: Str, mut in: Int) _ {})"
    );
    assert_eq!(
        ok("struct Token { type: Str, in: Int }"),
        "(struct Token type: Str in: Int)"
    );
    assert_eq!(
        ok("trait T { fn f(for: Int) }"),
        "(trait T (sig f (for: Int) _))"
    );
    // Arguments need no commas: `or:` after an argument is the next label.
    assert_eq!(ok("f(a: x or: 1)"), "(call f a:x or:1)");
    assert_eq!(ok("f(x or y)"), "(call f (or x y))");
}

// ----------------------------------------------------------- statements ---

#[test]
fn imports() {
    assert_eq!(ok("use ard/io"), "(use ard/io)");
    assert_eq!(ok("use ard/maybe as opt"), "(use ard/maybe as opt)");
    assert_eq!(
        ok("use acme/http-client\nuse a/b.c"),
        "(use acme/http-client)\n(use a/b.c)"
    );
    assert_eq!(ok("use a/b use c/d"), "(use a/b)\n(use c/d)");
    assert_eq!(
        ok("// header\n\nuse ard/io\n\n// more\nuse ard/fs\nfn main() {}"),
        "(use ard/io)\n(use ard/fs)\n(fn main () _ {})"
    );
    let m = module("use ard/io as x");
    assert_eq!(m.imports[0].path_span.range(), 4..10);
    assert_eq!(m.imports[0].span.range(), 0..15);
}

#[test]
fn variables() {
    assert_eq!(ok("let name = \"Ada\""), "(let name \"Ada\")");
    assert_eq!(ok("let ratio: Float = 0.5"), "(let ratio: Float 0.5)");
    assert_eq!(ok("mut seen: [Str] = []"), "(mut seen: [Str] [])");
    assert_eq!(ok("mut m: [Str:Int] = [:]"), "(mut m: [Str:Int] (map))");
    assert_eq!(ok("let a = 1 let b = 2"), "(let a 1)\n(let b 2)");
    assert_eq!(ok("let x =\n  5"), "(let x 5)");
    // Lenient: `=` followed by `-` in a declaration is not `=-`.
    assert_eq!(ok("let y=-1"), "(let y (neg 1))");
}

#[test]
fn assignments() {
    assert_eq!(ok("x = 1"), "(= x 1)");
    assert_eq!(ok("x =+ 1"), "(=+ x 1)");
    assert_eq!(ok("x =- 1"), "(=- x 1)");
    assert_eq!(ok("x = -1"), "(= x (neg 1))");
    // Longest match, as in the reference lexer.
    assert_eq!(ok("x=-1"), "(=- x 1)");
    assert_eq!(ok("x=+1"), "(=+ x 1)");
    assert_eq!(ok("p.x = 3.0"), "(= (. p x) 3.0)");
    assert_eq!(ok("@count =+ 1"), "(=+ (. @ count) 1)");
    assert_eq!(ok("@a.b = c"), "(= (. (. @ a) b) c)");
    assert_eq!(ok("label =+ \"b\""), "(=+ label \"b\")");
    assert_eq!(ok("x = P{ y: 1 }"), "(= x (new P y:1))");
    assert_eq!(ok("x =\n  1"), "(= x 1)");
}

#[test]
fn loops() {
    assert_eq!(ok("while n > 0 { n =- 3 }"), "(while (> n 0) {(=- n 3)})");
    assert_eq!(ok("while { break }"), "(while {break})");
    assert_eq!(
        ok("while { if ready() { break } }"),
        "(while {(if (call ready) {break})})"
    );
    assert_eq!(ok("for i in 0..10 { }"), "(for i in (.. 0 10) {})");
    assert_eq!(ok("for i, k in 10..12 { }"), "(for i k in (.. 10 12) {})");
    assert_eq!(
        ok("for i in lo..hi - 1 {}"),
        "(for i in (.. lo (- hi 1)) {})"
    );
    assert_eq!(ok("for x, i in xs { }"), "(for x i in xs {})");
    assert_eq!(ok("for ch in \"hey\" {}"), "(for ch in \"hey\" {})");
    assert_eq!(ok("for i in 3 {}"), "(for i in 3 {})");
    assert_eq!(
        ok("for name, age in [\"ann\": 31] {}"),
        "(for name age in (map \"ann\":31) {})"
    );
}

#[test]
fn c_style_for() {
    assert_eq!(
        ok("for mut i = 0; i < 8; i =+ 2 { io::print(i) }"),
        "(for (mut i 0) (< i 8) (=+ i 2) {(call io::print i)})"
    );
    assert_eq!(
        ok("for let i = 0; i < 3; i =+ 1 { }"),
        "(for (let i 0) (< i 3) (=+ i 1) {})"
    );
    assert_eq!(
        ok("for i = 0; i < 3; i = i * 2; { }"),
        "(for (let i 0) (< i 3) (= i (* i 2)) {})"
    );
    assert_eq!(
        ok("for mut i: Int = 0; i < n; i =+ 1 { }"),
        "(for (mut i: Int 0) (< i n) (=+ i 1) {})"
    );
    // The update is not a struct literal (unlike the reference).
    assert_eq!(
        ok("for mut i = 0; i < n; i = next { }"),
        "(for (mut i 0) (< i n) (= i next) {})"
    );
    let m = module("for mut i = 0; i < 3; i =+ 1 {}");
    let StmtKind::ForC { init, update, .. } = &m.stmts[0].kind else {
        panic!()
    };
    assert!(matches!(init.kind, StmtKind::Let { mutable: true, .. }));
    assert!(matches!(update.kind, StmtKind::Assign { .. }));
}

#[test]
fn break_statement() {
    assert_eq!(ok("while { break }"), "(while {break})");
    assert_eq!(ok("while {\n  break\n}"), "(while {break})");
    assert_eq!(ok("match x { _ => { break } }"), "(match x (_ => {break}))");
}

#[test]
fn functions() {
    assert_eq!(ok("fn main() {}"), "(fn main () _ {})");
    assert_eq!(
        ok("fn area(w: Int, h: Int) Int { w * h }"),
        "(fn area (w: Int, h: Int) Int {(* w h)})"
    );
    assert_eq!(
        ok("fn f(mut v: [Int]) Void {}"),
        "(fn f (mut v: [Int]) Void {})"
    );
    assert_eq!(ok("private fn helper() {}"), "(private fn helper () _ {})");
    assert_eq!(ok("fn mut bump() {}"), "(fn mut bump () _ {})");
    assert_eq!(
        ok("fn Counter::start() Counter { Counter{ count: 0 } }"),
        "(fn Counter::start () Counter {(new Counter count:0)})"
    );
    assert_eq!(ok("fn a::b::c() {}"), "(fn a::b::c () _ {})");
    assert_eq!(
        ok("fn outer() {\n  fn inner() Int { 1 }\n  inner()\n}"),
        "(fn outer () _ {(fn inner () Int {1}); (call inner)})"
    );
    assert_eq!(ok("fn f(a: Int b: Int) {}"), "(fn f (a: Int, b: Int) _ {})");
    assert_eq!(
        ok("fn f(\n  a: Int, // first\n  b: Int,\n) {}"),
        "(fn f (a: Int, b: Int) _ {})"
    );
    assert_eq!(ok("fn f() Int!Str { 1 }"), "(fn f () (Int!Str) {1})");
    assert_eq!(
        ok("fn adder(k: Int) fn(Int) Int { fn(n: Int) Int { n + k } }"),
        "(fn adder (k: Int) fn(Int) Int {(fn (n: Int) Int {(+ n k)})})"
    );
}

#[test]
fn externs() {
    assert_eq!(
        ok("extern fn now() Int = \"ClockNow\""),
        "(extern now () Int \"ClockNow\")"
    );
    assert_eq!(
        ok("private extern fn raw(text: Str) Void = \"RawWrite\""),
        "(private extern raw (text: Str) Void \"RawWrite\")"
    );
    assert_eq!(
        ok("extern fn id(x: $T) $T = \"Id\""),
        "(extern id (x: $T) $T \"Id\")"
    );
    assert_eq!(ok("extern fn f() = \"F\""), "(extern f () _ \"F\")");
    let m = module("extern fn f() Int = \"Bind\"");
    let StmtKind::Extern(e) = &m.stmts[0].kind else {
        panic!()
    };
    assert_eq!(e.binding_span.range(), 20..26);
}

#[test]
fn structs() {
    assert_eq!(
        ok("struct Point { x: Float, y: Float }"),
        "(struct Point x: Float y: Float)"
    );
    assert_eq!(
        ok("struct Point {\n  x: Float,\n  y: Float\n}"),
        "(struct Point x: Float y: Float)"
    );
    assert_eq!(
        ok("struct P {\n  x: Int // c\n  // c2\n  y: Int,\n}"),
        "(struct P x: Int y: Int)"
    );
    assert_eq!(ok("struct Marker {}"), "(struct Marker)");
    assert_eq!(
        ok("private struct P { nick: Str?, tags: [Str] }"),
        "(private struct P nick: Str? tags: [Str])"
    );
}

#[test]
fn enums() {
    assert_eq!(ok("enum Axis { X Y Z }"), "(enum Axis X Y Z)");
    assert_eq!(
        ok("enum Level {\n  low,\n  medium, // c\n  high\n}"),
        "(enum Level low medium high)"
    );
    assert_eq!(ok("enum E { A, , B, }"), "(enum E A B)");
    assert_eq!(ok("private enum E { A }"), "(private enum E A)");
}

#[test]
fn traits() {
    assert_eq!(
        ok(
            "trait Describe {\n  fn describe() Str\n  fn with(prefix: Str) Str // c\n  // c\n  fn v()\n}"
        ),
        "(trait Describe (sig describe () Str) (sig with (prefix: Str) Str) (sig v () _))"
    );
    assert_eq!(
        ok("private trait T { fn a() Int }"),
        "(private trait T (sig a () Int))"
    );
}

#[test]
fn impls() {
    assert_eq!(
        ok(
            "impl Point {\n  fn len() Float { @x * @x }\n  fn mut shift(dx: Float) { @x =+ dx }\n  private fn h() {}\n}"
        ),
        "(impl Point (fn len () Float {(* (. @ x) (. @ x))}) (fn mut shift (dx: Float) _ {(=+ (. @ x) dx)}) (private fn h () _ {}))"
    );
    assert_eq!(
        ok("impl Str::ToString for Point {\n  fn to_str() Str { \"p\" }\n}"),
        "(impl Str::ToString for Point (fn to_str () Str {\"p\"}))"
    );
    assert_eq!(
        ok("impl Shape for Circle { fn area() Float { 1.0 } }"),
        "(impl Shape for Circle (fn area () Float {1.0}))"
    );
    assert_eq!(
        ok("impl P {\n  // comment\n\n  fn a() {}\n}"),
        "(impl P (fn a () _ {}))"
    );
    assert_eq!(ok("impl P {}"), "(impl P)");
}

#[test]
fn type_declarations() {
    assert_eq!(ok("type UserId = Int"), "(type UserId = Int)");
    assert_eq!(
        ok("type Scalar = Int | Float | Str"),
        "(type Scalar = Int | Float | Str)"
    );
    assert_eq!(
        ok("type Transform = fn(Int) Int"),
        "(type Transform = fn(Int) Int)"
    );
    assert_eq!(ok("type Pair = fn($A) $B"), "(type Pair = fn($A) $B)");
}

#[test]
fn generic_struct_declarations() {
    // Decision L11 (issue 12).
    assert_eq!(
        ok("struct Box<$T> { value: $T }"),
        "(struct Box<$T> value: $T)"
    );
    assert_eq!(
        ok("struct Pair<$A, $B> {\n  first: $A\n  second: $B\n}"),
        "(struct Pair<$A, $B> first: $A second: $B)"
    );
    assert_eq!(ok("struct Slot { item: $T }"), "(struct Slot item: $T)");
    assert_eq!(
        ok("fn f(b: Box<Int>, m: [Str: Pair<Int, Box<Str>>]) Box<Int>? { g }"),
        ok("fn f(b: Box<Int>, m: [Str:Pair<Int,Box<Str>>]) Box<Int>? { g }")
    );
}

#[test]
fn function_types_without_a_return_type_return_void() {
    // Decision L11 (issue 12): `fn(Str)` and `fn()` return Void.
    assert_eq!(ok("type Log = fn(Str)"), "(type Log = fn(Str) Void)");
    assert_eq!(ok("let f: fn() = g"), "(let f: fn() Void g)");
    assert_eq!(
        ok("fn f(a: fn(Int), b: Int) {}"),
        ok("fn f(a: fn(Int) Void, b: Int) {}")
    );
    assert_eq!(ok("let f: fn()? = g"), "(let f: fn() Void? g)");
    assert_eq!(
        ok("let f: [Str: fn(Int)] = g"),
        ok("let f: [Str: fn(Int) Void] = g")
    );
    assert_eq!(ok("fn f() fn() { g }"), ok("fn f() fn() Void { g }"));
    assert_eq!(
        ok("private type T = Int | Str"),
        "(private type T = Int | Str)"
    );
    assert_eq!(
        ok("type Shape =\n  | Circle\n  | Square"),
        "(type Shape = Circle | Square)"
    );
    assert_eq!(
        ok("type Shape = Circle |\n  Square"),
        "(type Shape = Circle | Square)"
    );
}

#[test]
fn declarations_nest_in_blocks() {
    assert_eq!(
        ok("fn main() {\n  struct P { x: Int }\n  enum E { A }\n  let p = P{ x: 1 }\n}"),
        "(fn main () _ {(struct P x: Int); (enum E A); (let p (new P x:1))})"
    );
}

#[test]
fn empty_and_comment_only_files() {
    assert_eq!(ok(""), "");
    assert_eq!(ok("\n\n"), "");
    assert_eq!(ok("// just a comment"), "");
    assert_eq!(ok("// a\n\n// b\n"), "");
    assert_eq!(ok("let x = 1 // trailing"), "(let x 1)");
}

// ----------------------------------------------------------------- tests ---

#[test]
fn test_functions_are_flagged_declarations() {
    // issue 13: `test fn` declares a test; `test` alone is still a name.
    assert_eq!(
        ok("test fn adds() Void!Str { 1 }"),
        "(test fn adds () (Void!Str) {1})"
    );
    assert_eq!(
        ok("test fn a() {}\nfn b() {}").matches("test fn").count(),
        1
    );
    assert_eq!(ok("test()"), "(call test)");
    assert!(!ok("test\nfn f() {}").contains("test fn"));
    assert!(render("private test fn f() {}").contains("1:"));
}

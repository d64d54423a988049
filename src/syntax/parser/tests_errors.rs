//! Error messages: plain words (never pest rule names), one diagnostic per
//! syntax error, at the right line and column.

use super::tests::render;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, SourceMap};

/// The diagnostics for `src`, which must fail.
fn diags(src: &str) -> Vec<Diagnostic> {
    match super::parse(FileId(0), src) {
        Ok(_) => panic!("{src:?} should not parse"),
        Err(d) => d,
    }
}

/// The line:col and text of a secondary label.
fn secondary(src: &str, d: &Diagnostic) -> Vec<String> {
    let mut map = SourceMap::new();
    map.add("t.ard", src);
    d.secondary
        .iter()
        .map(|l| {
            let (line, col) = map.get(FileId(0)).line_col(l.span.start as usize);
            format!("{line}:{col}: {}", l.message)
        })
        .collect()
}

#[test]
fn missing_expression() {
    assert_eq!(
        render("let x ="),
        "1:8: expected an expression, found end of file"
    );
    assert_eq!(
        render("let x = \nlet y = 2"),
        "2:1: expected an expression, found `let`"
    );
    assert_eq!(
        render("let x = 1 +"),
        "1:12: expected an expression, found end of file"
    );
    assert_eq!(
        render("fn f() Int {\n  1 +\n}"),
        "3:1: expected an expression, found `}`"
    );
    assert_eq!(
        render("let x = )"),
        "1:9: expected an expression, found `)`"
    );
    assert_eq!(render("f(a: )"), "1:6: expected an expression, found `)`");
}

#[test]
fn unclosed_block_points_at_its_opening_brace() {
    let src = "fn main() {\n  let x = 1\n";
    assert_eq!(
        render(src),
        "3:1: expected `}` to close the block, found end of file"
    );
    let d = &diags(src)[0];
    assert_eq!(secondary(src, d), ["1:11: block opened here"]);
    let src = "fn main() {\n  if a {\n    x()\n}\n";
    assert_eq!(secondary(src, &diags(src)[0]), ["1:11: block opened here"]);
    assert_eq!(
        render("for i in 0..10 {"),
        "1:17: expected `}` to close the block, found end of file"
    );
}

#[test]
fn unclosed_brackets() {
    let src = "let x = (1 + 2";
    assert_eq!(
        render(src),
        "1:15: expected `)` to close the parenthesis, found end of file"
    );
    assert_eq!(secondary(src, &diags(src)[0]), ["1:9: `(` opened here"]);
    assert_eq!(
        render("foo(1, 2"),
        "1:9: expected `)` to close the parenthesis, found end of file"
    );
    let src = "let x = [1, 2";
    assert_eq!(
        render(src),
        "1:14: expected `]` to close the bracket, found end of file"
    );
    assert_eq!(secondary(src, &diags(src)[0]), ["1:9: `[` opened here"]);
    assert_eq!(
        render("f(1 2 ]"),
        "1:7: expected `)` or an argument, found `]`"
    );
}

#[test]
fn match_errors() {
    assert_eq!(
        render("match x { a 1 }"),
        "1:13: expected `=>` after the match pattern, found `1`"
    );
    assert_eq!(
        render("match x {\n  1 => \"a\"\n"),
        "3:1: expected `}` to close the block, found end of file"
    );
    assert_eq!(
        render("match x { => 1 }"),
        "1:11: expected `}` or an expression, found `=>`"
    );
    assert_eq!(
        diags("match x { => 1 }")[0].notes,
        ["a match arm starts with a pattern: `pattern => value`"]
    );
}

#[test]
fn unterminated_strings_point_at_the_opening_quote() {
    assert_eq!(render("let s = \"abc"), "1:9: unterminated string literal");
    assert_eq!(
        render("let a = 1\nlet s = \"abc\nmore\n"),
        "2:9: unterminated string literal"
    );
    assert_eq!(render("let x = \"{\""), "1:11: unterminated string literal");
    let d = &diags("let s = \"abc")[0];
    assert_eq!(d.span.range(), 8..9);
    // A forgotten quote swallows the next lines: blame the first string
    // that runs over a line break, and show where one is left open.
    let src = "let s = \"abc\nio::print(\"x\")\n";
    assert_eq!(render(src), "1:9: unterminated string literal");
    assert_eq!(
        secondary(src, &diags(src)[0]),
        ["2:13: a string is still open here at the end of the file"]
    );
}

#[test]
fn stray_characters() {
    assert_eq!(render("# text ?"), "1:1: unexpected character `#`");
    assert_eq!(render("let x = 'a'"), "1:9: unexpected character `'`");
    assert_eq!(render("if a && b {}"), "1:6: unexpected character `&`");
    assert_eq!(render("let x = 1 ^ 2"), "1:11: unexpected character `^`");
    assert_eq!(render("let x = a \\ b"), "1:11: unexpected character `\\`");
    assert_eq!(render("let é = 1"), "1:5: unexpected character `é`");
    assert_eq!(render("let x = 1 ~"), "1:11: unexpected character `~`");
    let d = &diags("if a && b {}")[0];
    assert_eq!(d.notes, ["use `and` for logical and"]);
    // Fine inside strings and comments.
    assert_eq!(
        super::tests::ok("let s = \"# & ' ~\" // # & '"),
        "(let s \"# & ' ~\")"
    );
}

#[test]
fn stray_tokens_at_statement_start() {
    assert_eq!(render("?"), "1:1: expected a statement, found `?`");
    assert_eq!(render("$"), "1:1: expected a statement, found `$`");
    assert_eq!(render("{"), "1:1: expected a statement, found `{`");
    assert_eq!(render("=>"), "1:1: expected a statement, found `=>`");
    assert_eq!(
        render("let x = 1\n  ) "),
        "2:3: expected a statement, found `)`"
    );
}

#[test]
fn semicolons_outside_for_headers() {
    assert_eq!(render(";"), "1:1: expected a statement, found `;`");
    assert_eq!(
        render("let x = 1;"),
        "1:10: expected a statement, found `;`"
    );
    assert_eq!(
        render("fn f() { g(); }"),
        "1:13: expected `}` or a statement, found `;`"
    );
    let d = &diags("let x = 1;")[0];
    assert!(d.notes[0].contains("C-style `for`"), "{:?}", d.notes);
}

#[test]
fn habits_from_other_languages_get_hints() {
    let d = &diags("x += 1")[0];
    assert_eq!(d.message, "expected an expression, found `=`");
    assert!(d.notes[0].contains("`=+`"));
    let d = &diags("if !a {}")[0];
    assert_eq!(d.message, "expected an expression, found `!`");
    assert_eq!(d.notes, ["use `not` for boolean negation"]);
    let d = &diags("if a || b {}")[0];
    assert_eq!(d.notes, ["use `or` for logical or"]);
    let d = &diags("fn main()\n{\n}")[0];
    assert_eq!(d.message, "expected `{` or a type, found end of line");
    assert!(d.notes[0].contains("same line"));
    let d = &diags("f(a\n+ b)")[0];
    assert_eq!(d.message, "expected `)` or an argument, found `+`");
    assert!(d.notes[0].contains("may not start with an operator"));
}

#[test]
fn use_after_statements() {
    assert_eq!(
        render("let a = 1\nuse ard/io"),
        "2:1: `use` must come before all other statements"
    );
    assert_eq!(
        render("use ard/io\nfn f() {}\nuse ard/fs as f"),
        "3:1: `use` must come before all other statements"
    );
    assert_eq!(
        render("fn f() {\n  use ard/io\n}"),
        "2:3: `use` must come before all other statements"
    );
    assert_eq!(
        render("use"),
        "1:4: expected a module path such as `ard/io`, found end of file"
    );
    assert_eq!(
        render("use ard/io as"),
        "1:14: expected a name, found end of file"
    );
}

/// Decision L11 (issue 12 item 5): a call names every argument or none.
#[test]
fn named_and_positional_arguments() {
    let msg = "a call cannot mix positional and named arguments";
    assert_eq!(render("f(a: 1, 2)"), format!("1:9: {msg}"));
    assert_eq!(render("pad(\"ab\", width: 3)"), format!("1:5: {msg}"));
    assert_eq!(render("x.m(1, b: 3, 4)"), format!("1:5: {msg}"));
    assert_eq!(render("T::make(1, b: 2)"), format!("1:9: {msg}"));
    assert_eq!(render("@m(1, b: 2)"), format!("1:4: {msg}"));
    let d = diags("f(a: 1, 2)");
    assert_eq!(secondary("f(a: 1, 2)", &d[0]), vec!["1:3: named argument"]);
    assert!(super::parse(FileId(0), "pad(text: \"ab\", width: 3) pad(\"ab\", 3)").is_ok());
}

#[test]
fn declaration_errors() {
    assert_eq!(
        render("enum E { A = 1 }"),
        "1:12: enum variants cannot have values"
    );
    // Decision L11 (issue 12): type parameters are `$Name`.
    assert_eq!(
        render("struct Box<T> { value: T }"),
        "1:12: a type parameter of a struct is written `$Name`"
    );
    assert_eq!(
        render("struct Box<$T, [Int]> { value: $T }"),
        "1:16: a type parameter of a struct is written `$Name`"
    );
    assert_eq!(render("fn f(a) {}"), "1:6: parameter `a` needs a type");
    assert_eq!(
        render("trait T { fn a() Int { 1 } }"),
        "1:22: trait methods cannot have a body"
    );
    assert_eq!(
        render("impl A::B { }"),
        "1:6: expected `for` after the trait name"
    );
    assert_eq!(
        render("impl Foo {\n  fn Foo::make() Foo { Foo{} }\n}"),
        "2:3: static functions cannot be declared inside `impl`"
    );
    assert_eq!(
        render("impl Foo {\n  let x = 1\n}"),
        "2:3: expected `}` or a function declaration, found `let`"
    );
    assert_eq!(
        render("extern fn f() Int = \"a{b}\""),
        "1:24: the binding of an `extern fn` must be a plain string"
    );
    assert_eq!(
        render("extern fn f() Int"),
        "1:18: expected `=`, found end of file"
    );
    assert_eq!(
        render("struct P { x Int }"),
        "1:14: expected `:`, found `Int`"
    );
    assert_eq!(
        render("private let x = 1"),
        "1:9: expected `enum`, `extern`, `fn`, `struct`, `trait` or `type`, found `let`"
    );
    assert_eq!(render("type = 1"), "1:6: expected a name, found `=`");
    assert_eq!(
        render("type X ="),
        "1:9: expected a type, found end of file"
    );
    assert_eq!(render("let = 5"), "1:5: expected a name, found `=`");
    assert_eq!(render("let 5 = 3"), "1:5: expected a name, found `5`");
}

#[test]
fn literal_errors() {
    assert_eq!(
        render("let x = [1, a: 2]"),
        "1:13: list item has a `key: value` pair"
    );
    assert_eq!(
        render("let m = [a: 1, 2]"),
        "1:16: map entry is missing its value"
    );
    assert_eq!(render("let x = 1..2..3"), "1:13: ranges cannot be chained");
    assert_eq!(
        render("let x = \"a{1 2}b\""),
        "1:14: expected `}` to close the interpolation, found `2`"
    );
    let src = "let x = \"a{1 2}b\"";
    assert_eq!(
        secondary(src, &diags(src)[0]),
        ["1:11: interpolation opened here"]
    );
    assert_eq!(render("x."), "1:3: expected a name, found end of file");
    assert_eq!(render("let x = 1.2.3"), "1:13: expected a name, found `3`");
}

#[test]
fn header_errors() {
    assert_eq!(render("if a b"), "1:6: expected `{`, found `b`");
    assert_eq!(
        render("if x {\n} else\n{\n}"),
        "2:7: expected `if` or `{`, found end of line"
    );
    assert_eq!(render("while x"), "1:8: expected `{`, found end of file");
    assert_eq!(
        render("for x xs {}"),
        "1:7: expected `in`, `:` or `=`, found `xs`"
    );
    assert_eq!(
        render("for mut i = 0; i < 3 { }"),
        "1:22: expected `;`, found `{`"
    );
    assert_eq!(
        render("let x: [Int = 1"),
        "1:13: expected `]` or `:`, found `=`"
    );
}

#[test]
fn errors_report_the_earliest_problem_once() {
    // Several independent semantic errors are all reported, in order.
    let out = render("enum E { A = 1 }\nfn f(a) {}\ntrait T { fn a() Int { 1 } }");
    assert_eq!(
        out,
        "1:12: enum variants cannot have values\n2:6: parameter `a` needs a type\n3:22: trait methods cannot have a body"
    );
    // A syntax error is a single diagnostic.
    assert_eq!(diags("let x = (\nlet y = [").len(), 1);
}

#[test]
fn no_message_mentions_grammar_rules() {
    let inputs = [
        "let x =",
        "fn",
        "fn f(",
        "fn f() Int",
        "struct",
        "struct S {",
        "enum E {",
        "trait T {",
        "impl",
        "impl T for",
        "type T",
        "match",
        "match x {",
        "if",
        "if x {} else",
        "for",
        "for x",
        "for x in",
        "while",
        "let x = [",
        "let x = [:",
        "let x = f(",
        "let x = a.",
        "let x = @.",
        "let x: ",
        "let x: [",
        "let x: fn(",
        "let x: A<",
        "let x = try f() ->",
        "x =",
        "x =+",
        "let x = P{",
        "let x = P{ a",
        "let x = P{ a:",
        "\"{",
        "extern fn f() Int =",
        "use a as",
        "let x = a::",
        "f(a:",
        "let x = \"{a",
        ")",
        "]",
        "}",
        "let x = 1 2 (",
        "a.b.c(",
    ];
    let rule_like = |s: &str| {
        s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|w| w.contains('_') && w.len() > 2 || ["expr", "stmt", "EOI", "ty"].contains(&w))
    };
    for src in inputs {
        for d in diags(src) {
            assert!(!rule_like(&d.message), "{src:?}: {}", d.message);
            assert!(!d.message.is_empty());
            assert!(
                d.span.end as usize <= src.len() || src.is_empty(),
                "{src:?}: span out of range"
            );
        }
    }
}

#[test]
fn never_panics_on_garbage() {
    // Deterministic pseudo-random token soup: every input must give Ok or
    // Err, never panic.
    let tokens = [
        "let", "mut", "fn", "(", ")", "{", "}", "[", "]", "x", "1", "\"s{", "}\"", ":", "::", ".",
        "..", ",", "\n", "=", "=>", "->", "+", "-", "not", "and", "if", "else", "match", "try",
        "struct", "impl", "for", "in", ";", "?", "!", "<", ">", "@", "$T", "// c\n", "_",
        "use a/b",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..2000 {
        let mut src = String::new();
        for _ in 0..(seed % 24) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            src.push_str(tokens[(seed % tokens.len() as u64) as usize]);
            src.push(' ');
        }
        let _ = super::parse(FileId(0), &src);
        seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    }
}

/// Issue 19: a keyword-like parameter name read in an expression says that
/// the word is reserved (and how to fix it), not "expected `:`".
#[test]
fn reserved_word_read_as_a_value() {
    let msg = "`as` is a reserved word and cannot be used as a value";
    assert_eq!(render("fn f(as: Str) {\n  g(as)\n}"), format!("2:5: {msg}"));
    assert_eq!(
        render("fn f(as: Str) {\n  g(1, as)\n}"),
        format!("2:8: {msg}")
    );
    assert_eq!(
        render("fn f(as: Int) {\n  let y = as\n}"),
        format!("2:11: {msg}")
    );
    assert_eq!(
        render("fn f(as: Int) Int {\n  as + 1\n}"),
        format!("2:3: {msg}")
    );
    assert_eq!(
        render("fn f(or: Int) {\n  g(or)\n}"),
        "2:5: `or` is a reserved word and cannot be used as a value"
    );
    let d = diags("fn f(as: Str) {\n  g(as)\n}");
    assert!(d[0].notes[0].contains("rename it"), "{:?}", d[0].notes);
    // a named argument is still a named argument
    assert_eq!(render("g(as: 1)"), "(call g as:1)");
}

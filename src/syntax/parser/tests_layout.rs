//! Layout (line breaks, commas, comments), the inputs that hung the
//! reference parser (syntax.md §8), pathological input, and the shared
//! corpus of Ard programs.

use super::tests::{ok, render};
use crate::source::{FileId, SourceMap};

// ---------------------------------------------------------------- layout ---

#[test]
fn method_chains_continue_on_the_next_line() {
    assert_eq!(
        ok("let w = text.trim()\n  .split(\" \")"),
        "(let w (call (. (call (. text trim)) split) \" \"))"
    );
    // Lenient: also after a bare name, and across comments and blank lines.
    assert_eq!(
        ok("let w = text\n  .trim()"),
        "(let w (call (. text trim)))"
    );
    assert_eq!(
        ok("xs\n  // keep going\n\n  .map(f)\n  .size()"),
        "(call (. (call (. xs map) f) size))"
    );
}

#[test]
fn line_break_after_an_operator_but_not_before() {
    assert_eq!(ok("let x = 1 +\n  2"), "(let x (+ 1 2))");
    assert_eq!(ok("let ok = a and // why\n  b"), "(let ok (and a b))");
    // Before an operator the line ends the statement: `-2` is a new one.
    assert_eq!(ok("let x = 1\n-2"), "(let x 1)\n(neg 2)");
}

#[test]
fn else_may_follow_blank_lines_and_comments() {
    let expected = "(if a {(call x)} else {(call y)})";
    assert_eq!(ok("if a { x() } else { y() }"), expected);
    assert_eq!(ok("if a {\n  x()\n}\nelse {\n  y()\n}"), expected);
    assert_eq!(ok("if a {\n  x()\n}\n\nelse {\n  y()\n}"), expected);
    assert_eq!(
        ok("if a {\n  x()\n}\n// otherwise\nelse {\n  y()\n}"),
        expected
    );
    assert_eq!(
        ok("if a { x() }\n\n// c\n\nelse if b { y() }"),
        "(if a {(call x)} b {(call y)})"
    );
    // A name that only starts with `else` is not `else`.
    assert_eq!(
        ok("if a { x() }\nelsewhere()"),
        "(if a {(call x)})\n(call elsewhere)"
    );
}

#[test]
fn statements_need_no_separator() {
    assert_eq!(ok("let a = 1 let b = 2"), "(let a 1)\n(let b 2)");
    assert_eq!(ok("f() g()"), "(call f)\n(call g)");
    assert_eq!(ok("while { break }"), "(while {break})");
    assert_eq!(ok("fn f() { a() b() }"), "(fn f () _ {(call a); (call b)})");
}

#[test]
fn optional_and_trailing_commas() {
    assert_eq!(ok("f(1, 2,)"), "(call f 1 2)");
    assert_eq!(ok("f(\n  1\n  2\n)"), "(call f 1 2)");
    assert_eq!(ok("let x = [\n  1,\n  2,\n]"), "(let x [1 2])");
    assert_eq!(
        ok("let m = [\n  \"a\": 1\n  \"b\": 2\n]"),
        "(let m (map \"a\":1 \"b\":2))"
    );
    assert_eq!(
        ok("let p = P{\n  x: 1\n  y: 2,\n}"),
        "(let p (new P x:1 y:2))"
    );
    assert_eq!(
        ok("fn f(a: Int, b: Int,) {}"),
        "(fn f (a: Int, b: Int) _ {})"
    );
    assert_eq!(ok("enum E { A, B, }"), "(enum E A B)");
    assert_eq!(
        ok("let f: fn(Int, Str,) Void = g"),
        "(let f: fn(Int, Str) Void g)"
    );
}

#[test]
fn comments_wherever_a_line_can_end() {
    let src = "// top
use ard/io // the io module
// between
fn main() { // opening
  // inside
  let p = P{ // a
    x: 1, // b
    // c
  }
  f( // d
    1, // e
  )
  match x { // f
    // g
    _ => 1 // h
  }
  let xs = [ // i
    1 // j
  ]
} // end
impl Str::ToString for P { // k
  fn to_str() Str { \"p\" } // l
  // m
  fn other() {}
}";
    assert_eq!(
        ok(src),
        "(use ard/io)\n(fn main () _ {(let p (new P x:1)); (call f 1); (match x (_ => 1)); (let xs [1])})\n\
         (impl Str::ToString for P (fn to_str () Str {\"p\"}) (fn other () _ {}))"
    );
}

#[test]
fn match_layouts() {
    let expected = "(match x (a => 1) (b => 2))";
    assert_eq!(ok("match x { a => 1, b => 2 }"), expected);
    assert_eq!(ok("match x {\n  a => 1\n  b => 2\n}"), expected);
    assert_eq!(ok("match x {\n  a => 1,\n  b => 2,\n}"), expected);
    assert_eq!(ok("match x { a =>\n  1\n  b => 2 }"), expected);
    assert_eq!(ok("match x {\n\n  a => 1\n\n\n  b => 2 }"), expected);
}

#[test]
fn line_breaks_inside_brackets() {
    assert_eq!(ok("let x = (\n  1 + 2\n)"), "(let x (paren (+ 1 2)))");
    assert_eq!(ok("f(a:\n  1)"), "(call f a:1)");
    assert_eq!(
        ok("let t: Map<\n  Int,\n  Str\n> = x"),
        "(let t: Map<Int, Str> x)"
    );
    assert_eq!(ok("let x = \"{\n  a\n}\""), "(let x (str a))");
}

#[test]
fn carriage_returns_and_tabs_are_whitespace() {
    assert_eq!(ok("let x = 1\r\nlet y = 2\r\n"), "(let x 1)\n(let y 2)");
    assert_eq!(ok("fn f() {\r\n\tx()\r\n}\r\n"), "(fn f () _ {(call x)})");
    assert_eq!(ok("let x = 1 // c\r\n"), "(let x 1)");
}

#[test]
fn a_leading_byte_order_mark_is_ignored() {
    assert_eq!(
        ok("\u{feff}use ard/io\nlet x = 1"),
        "(use ard/io)\n(let x 1)"
    );
    assert_eq!(
        render("let x = 1 \u{feff}"),
        "1:11: unexpected character `\\u{feff}`"
    );
}

#[test]
fn struct_literal_needs_brace_on_the_same_line() {
    // `Point⏎{` is not a struct literal: here it is a name and then a
    // stray `{`.
    assert_eq!(
        render("let p = Point\n{ x: 1 }"),
        "2:1: expected a statement, found `{`"
    );
}

#[test]
fn conditions_never_start_struct_literals() {
    assert_eq!(ok("if ready { go() }"), "(if ready {(call go)})");
    assert_eq!(ok("while busy { wait() }"), "(while busy {(call wait)})");
    assert_eq!(ok("match kind { _ => 1 }"), "(match kind (_ => 1))");
    assert_eq!(
        ok("for x in items { use_it(x) }"),
        "(for x in items {(call use_it x)})"
    );
    assert_eq!(ok("if a == b and c { }"), "(if (and (== a b) c) {})");
}

// ------------------------------------------- inputs that hung the reference ---

#[test]
fn hang_inputs_now_parse() {
    assert_eq!(ok("a != b"), "(!= a b)");
    assert_eq!(
        ok("Outer{ inner: Inner{ x: 1 } }"),
        "(new Outer inner:(new Inner x:1))"
    );
    assert_eq!(
        ok("let x = if c { 1 } else { 2 }"),
        "(let x (if c {1} else {2}))"
    );
    assert_eq!(ok("f<A, B>(x)"), "(call f <A, B> x)");
    assert_eq!(ok("f(in: 1)"), "(call f in:1)");
    assert_eq!(ok("if a { }\n\nelse { }"), "(if a {} else {})");
    assert_eq!(ok("if a { }\n// c\nelse { }"), "(if a {} else {})");
    assert_eq!(ok(r#""{f("a{b}")}""#), r#"(str (call f (str "a" b)))"#);
    assert_eq!(ok("S{x: 1} == S{x: 1}"), "(== (new S x:1) (new S x:1))");
}

/// The reference hangs on `struct Box<$T>`; Ard now has generic structs
/// (decision L11, issue 12), so it parses.
#[test]
fn generic_struct_header_parses() {
    assert_eq!(
        ok("struct Box<$T> { value: $T }"),
        "(struct Box<$T> value: $T)"
    );
}

#[test]
fn hang_inputs_are_errors() {
    for src in [
        "?",
        ";",
        "$",
        "{",
        "=>",
        "let a = 1\nuse ard/io",
        "# text ?",
        "enum E { A = 1 }",
        "let x = 1;",
        "f(x);",
    ] {
        assert!(
            super::parse(FileId(0), src).is_err(),
            "{src:?} should be an error, got {}",
            render(src)
        );
    }
}

// ------------------------------------------------------- pathological input ---

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let parens = format!("let x = {}1{}", "(".repeat(5000), ")".repeat(5000));
    assert_eq!(render(&parens), "1:137: expression nested too deeply");
    let lists = format!("let x = {}1{}", "[".repeat(5000), "]".repeat(5000));
    assert!(render(&lists).ends_with("expression nested too deeply"));
    let braces = format!("fn f() {}{}", "{ if a ".repeat(3000), "}".repeat(3000));
    assert!(render(&braces).ends_with("expression nested too deeply"));
    let strings = format!("let x = {}1{}", "\"{".repeat(3000), "}\"".repeat(3000));
    assert!(render(&strings).ends_with("expression nested too deeply"));
}

#[test]
fn long_operator_chains_and_prefix_runs_are_bounded() {
    for src in [
        format!("let x = {}1", "-".repeat(5000)),
        format!("let x = {}a", "not ".repeat(5000)),
        format!("let x = {}", vec!["1"; 5000].join(" + ")),
        format!("let x = a{}", ".b()".repeat(5000)),
        format!("let x: {}Int{} = 1", "A<".repeat(3000), ">".repeat(3000)),
        format!("let x: {} = 1", vec!["A"; 3000].join("!")),
    ] {
        assert!(
            render(&src).ends_with("expression nested too deeply"),
            "{}",
            &src[..40]
        );
    }
}

/// The deepest nesting `lexcheck` accepts must build without overflowing a
/// default (2 MiB) test thread in a debug build, for the constructs that
/// cost the most stack per level.
#[test]
fn deepest_accepted_nesting_builds() {
    let n = super::lexcheck::MAX_NESTING;
    let cases = [
        format!(
            "fn f() {}{}",
            "{\nif a ".repeat(n - 1),
            "{}".to_string() + &"}".repeat(n - 1)
        ),
        format!(
            "fn f() {}{}",
            "{\nwhile a ".repeat(n - 1),
            "{}".to_string() + &"}".repeat(n - 1)
        ),
        format!("let x = {}1{}", "f(".repeat(n), ")".repeat(n)),
        format!("let x = {}1{}", "[".repeat(n), "]".repeat(n)),
        format!("let x = {}1{}", "S{a: ".repeat(n), "}".repeat(n)),
        format!("let x = {}1{}", "fn() {".repeat(n), "}".repeat(n)),
        format!("let x = {}1{}", "(".repeat(n), ")".repeat(n)),
        format!("let x = {}1{}", "\"{".repeat(n / 2), "}\"".repeat(n / 2)),
        format!(
            "fn f() {{\n{}1{}\n}}",
            "match a { _ => {".repeat(n / 2 - 1),
            " }}".repeat(n / 2 - 1)
        ),
        format!(
            "fn f() {}{}",
            "{\nlet x = try a -> e ".repeat(n - 1),
            "{}".to_string() + &"}".repeat(n - 1)
        ),
    ];
    for src in cases {
        assert!(
            super::parse(FileId(0), &src).is_ok(),
            "{}",
            &src[..60.min(src.len())]
        );
    }
}

#[test]
fn many_statements_and_long_files_are_fine() {
    let src = "let x = a.b(c, [1, 2], \"s{d}\") + 1\n".repeat(5000);
    let m = super::tests::module(&src);
    assert_eq!(m.stmts.len(), 5000);
    let chain = format!("let x = {}", vec!["1"; 200].join(" + "));
    assert!(super::parse(FileId(0), &chain).is_ok());
}

// ----------------------------------------------------------------- corpus ---

/// Every `.ard` file under `dir`, recursively.
fn ard_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            ard_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "ard") {
            out.push(path);
        }
    }
}

/// The expected-failure text of a conformance case, if the file (or the
/// multi-file case directory containing it) has a `.fail` sibling.
fn expected_failure(path: &std::path::Path) -> Option<String> {
    let direct = path.with_extension("fail");
    let case_dir = path.parent().map(|d| d.with_extension("fail"));
    [Some(direct), case_dir]
        .into_iter()
        .flatten()
        .find_map(|p| std::fs::read_to_string(p).ok())
        .map(|s| s.trim().to_lowercase())
}

/// All conformance cases and benchmarks parse, except cases whose expected
/// rejection is a parse error (none today: every `.fail` is a type error).
#[test]
fn shared_corpus_parses() {
    let mut files = Vec::new();
    for dir in ["/work/shared/conformance/cases", "/work/shared/bench"] {
        ard_files(std::path::Path::new(dir), &mut files);
    }
    if files.is_empty() {
        eprintln!("shared corpus not found; skipping");
        return;
    }
    let mut failures = Vec::new();
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let mut map = SourceMap::new();
        let file = map.add(path.display().to_string(), text.as_str());
        if let Err(diags) = super::parse(file, &text) {
            let first = diags[0].short(&map);
            let expected = expected_failure(path);
            if !expected.is_some_and(|e| first.to_lowercase().contains(&e)) {
                failures.push(first);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} files failed to parse:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

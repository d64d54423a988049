//! Unit tests of the checker on in-memory programs: what it accepts, and
//! the message and position of what it rejects.

use crate::test_support::check_src;
use crate::tir::Program;

/// The `file:line:col: message` lines of a rejected program.
fn errors(src: &str) -> Vec<String> {
    let (sources, result) = check_src(src);
    match result {
        Ok(_) => panic!("accepted:\n{src}"),
        Err(diags) => diags.iter().map(|d| d.short(&sources)).collect(),
    }
}

fn accepts(src: &str) -> Program {
    match check_src(src) {
        (_, Ok(p)) => p,
        (sources, Err(d)) => panic!(
            "rejected: {:?}",
            d.iter().map(|d| d.short(&sources)).collect::<Vec<_>>()
        ),
    }
}

/// LANG-131, LANG-133: `file:line:col: message` with our wording.
#[test]
fn reports_type_mismatch_at_the_value() {
    assert_eq!(
        errors("fn main() {\n  let x: Int = \"a\"\n}\n"),
        vec!["main.ard:2:16: type mismatch: expected Int, got Str"]
    );
}

/// LANG-132: every independent error is reported, each once.
#[test]
fn reports_independent_errors_once_each_without_cascades() {
    let e = errors("fn main() {\n  let a: Int = true\n  let b = a + 1\n  let c = nope\n}\n");
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(e[0].contains("type mismatch") && e[1].contains("undefined variable `nope`"));
}

#[test]
fn functions_and_types_may_be_used_before_declaration() {
    // L7: mutual recursion and forward references.
    accepts(
        "fn even(n: Int) Bool { if n == 0 { true } else { odd(n - 1) } }\n\
         fn odd(n: Int) Bool { if n == 0 { false } else { even(n - 1) } }\n\
         fn make() P { P{ x: 1 } }\nstruct P { x: Int }\nfn main() { even(4) }\n",
    );
}

#[test]
fn top_level_variables_must_be_declared_first() {
    let e = errors("fn f() Int { X }\nlet X = 1\nfn main() {}\n");
    assert!(e[0].contains("used before its declaration"), "{e:?}");
}

#[test]
fn immutable_things_cannot_change() {
    let e = errors("fn main() {\n  let xs = [1]\n  xs.push(2)\n  let n = 1\n  n = 2\n}\n");
    assert!(e[0].contains("cannot mutate `xs`"), "{e:?}");
    assert!(e[1].contains("cannot assign to `n`"), "{e:?}");
}

#[test]
fn enum_match_must_be_exhaustive() {
    let e = errors(
        "enum L { a, b, c }\nfn f(l: L) Int {\n  match l {\n    L::a => 1,\n    L::b => 2,\n  }\n}\nfn main() {}\n",
    );
    assert!(e[0].contains("missing case(s) `L::c`"), "{e:?}");
}

#[test]
fn try_needs_a_matching_function_result() {
    let e = errors("fn g() Int!Str { Result::ok(1) }\nfn f() Int { try g() }\nfn main() {}\n");
    assert!(
        e[0].contains("`try` without a catch needs the function to return a Result"),
        "{e:?}"
    );
}

#[test]
fn fibers_cannot_capture_locals() {
    let e = errors(
        "use ard/async\nfn main() {\n  let n = 1\n  async::start(fn() {\n    let m = n\n  })\n}\n",
    );
    assert_eq!(
        e,
        vec!["main.ard:5:13: a fiber cannot capture the variable `n`"]
    );
}

#[test]
fn generics_are_inferred_and_zonked() {
    let p = accepts("fn first(xs: [$T]) $T { xs.at(0) }\nfn main() { let s = first([\"a\"]) }\n");
    let main = p.main.expect("main");
    let local_types: Vec<String> = p
        .func(main)
        .body
        .locals
        .iter()
        .map(|l| p.show(&l.ty))
        .collect();
    assert_eq!(local_types, vec!["Str"]);
}

#[test]
fn empty_literals_need_a_known_type() {
    let e = errors("fn main() {\n  let xs = []\n}\n");
    assert!(
        e[0].contains("cannot infer the type of this empty list"),
        "{e:?}"
    );
}

/// LANG-105, L12 (issue 19): a Bool match used as a statement compares its
/// arms; the diagnostic points at the disagreeing arm and the first one.
#[test]
fn statement_bool_match_arms_must_agree() {
    let src = "fn main() {\n  match true {\n    true => \"big\",\n    false => 21,\n  }\n}\n";
    let (sources, result) = check_src(src);
    let diags = result.expect_err("rejected");
    assert_eq!(
        diags[0].short(&sources),
        "main.ard:4:14: type mismatch: expected Str, got Int"
    );
    assert_eq!(diags[0].secondary[0].message, "the first arm is Str");
    assert_eq!(diags.len(), 1);
}

/// L12: Int matches and `if` without `else` are not compared in statement
/// position; branches that agree, `()` endings and panics are accepted.
#[test]
fn statement_arms_that_need_not_or_do_agree_are_accepted() {
    accepts(
        "fn main() {\n  mut xs = [1]\n  match xs.size() {\n    1 => xs.push(2),\n    _ => (),\n  }\n  \
         if true { xs.push(3) }\n  if false { xs.push(1) } else { xs.size() }\n  \
         match { xs.size() > 9 => panic(\"x\"), _ => xs.push(4) }\n}\n",
    );
}

/// L12 (issue 12 item 6): an `if`/`else` statement whose branches end in
/// Int and Void is an error, and a block ending in `let` is Void.
#[test]
fn statement_if_branches_must_agree() {
    let e = errors(
        "fn main() {\n  mut xs = [1]\n  if true {\n    let y = 1\n  } else {\n    xs.push(2)\n  }\n}\n",
    );
    assert_eq!(
        e,
        vec!["main.ard:6:5: type mismatch: expected Void, got Int"]
    );
}

/// L10 (issue 19): an unconstrained `maybe::none()` is a Void Maybe.
#[test]
fn unconstrained_none_is_a_void_maybe() {
    accepts(
        "use ard/maybe\nfn main() {\n  let a = maybe::none() == maybe::none()\n  \
         let b = maybe::none().is_none()\n}\n",
    );
    let e = errors(
        "use ard/maybe\nstruct F { on: Bool }\nfn main() {\n  let f = F{ on: maybe::none() }\n}\n",
    );
    assert_eq!(
        e,
        vec!["main.ard:4:14: type mismatch: expected Bool, found a Maybe (`maybe::none()`)"]
    );
}

/// Issue 13: `test fn` is checked like any function, with its own rules.
#[test]
fn test_functions_are_checked_and_are_not_values() {
    let p = accepts(
        "fn add(a: Int, b: Int) Int { a + b }\n\
         test fn add() Void!Str { match add(1, 2) == 3 { true => Result::ok(()), false => Result::err(\"no\") } }\n\
         fn main() {}\n",
    );
    assert_eq!(p.tests.len(), 1);
    assert_eq!(p.func(p.tests[0]).kind, crate::tir::FnKind::Test);
    // Its body is type-checked ...
    assert_eq!(
        errors("test fn t() Void!Str { let x: Int = \"s\"\n Result::ok(()) }\n"),
        vec!["main.ard:1:37: type mismatch: expected Int, got Str"]
    );
    // ... and it cannot be called.
    let e = errors("test fn t() Void!Str { Result::ok(()) }\nfn main() { t() }\n");
    assert!(e[0].contains("undefined") && e[0].contains("`t`"), "{e:?}");
}

#[test]
fn test_function_rules() {
    let e = errors(
        "test fn a(x: Int) Void!Str { Result::ok(()) }\n\
         test fn b() Int { 1 }\n\
         test fn c() { }\n\
         test fn d() Void!Str { Result::ok(()) }\n\
         test fn d() Void!Str { Result::ok(()) }\n\
         test fn T::e() Void!Str { Result::ok(()) }\n\
         struct T {}\n\
         impl T { test fn m() Void!Str { Result::ok(()) } }\n\
         fn main() { test fn inner() Void!Str { Result::ok(()) } }\n",
    );
    assert_eq!(
        e,
        vec![
            "main.ard:1:11: a test function takes no parameters",
            "main.ard:2:13: a test function must return `Void!Str`",
            "main.ard:3:9: a test function must return `Void!Str`",
            "main.ard:5:9: duplicate test `d`",
            "main.ard:6:9: a test function needs a plain name",
            "main.ard:8:10: test functions must be declared at the top level",
            "main.ard:9:13: test functions must be declared at the top level",
        ]
    );
}

/// LANG-119, L12 (issue 12 item 5): a plain call passes a `mut` parameter
/// a mutable argument or `mut e`, for primitives too; a method call copies.
#[test]
fn mut_parameters_need_mutable_arguments_of_every_type() {
    let e = errors(
        "fn bump(mut n: Int) { n =+ 1 }\nfn main() {\n  let k = 1\n  bump(k)\n  bump(2)\n}\n",
    );
    assert_eq!(
        e,
        vec![
            "main.ard:4:8: type mismatch: `n` is a `mut` parameter and expects a mutable Int",
            "main.ard:5:8: type mismatch: `n` is a `mut` parameter and expects a mutable Int",
        ]
    );
    accepts(
        "fn bump(mut n: Int) { n =+ 1 }\nstruct C { t: Int }\nimpl C { fn take(mut n: Int) Int { n } }\n\
         fn main() {\n  mut k = 1\n  bump(k)\n  let j = 2\n  bump(mut j)\n  bump(n: mut 3)\n  \
         let c = C{ t: 1 }\n  c.take(j)\n}\n",
    );
}

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

//! Unit tests of the lowering: the Go that typical constructs become.

use crate::test_support::lower_src;

fn has(go: &str, needle: &str) {
    assert!(go.contains(needle), "expected `{needle}` in:\n{go}");
}

#[test]
fn interpolation_is_concatenation_with_strconv() {
    let go = lower_src("use ard/io\nfn main() {\n  let n = 3\n  io::print(\"n={n} f={1.5}\")\n}\n");
    has(
        &go,
        "rt.Print(\"n=\" + strconv.Itoa(n) + \" f=\" + rt.FloatStr(1.5))",
    );
    assert!(!go.contains("fmt."), "no fmt in generated code");
}

#[test]
fn constants_are_folded_with_run_time_semantics() {
    let go = lower_src(
        "use ard/io\nfn main() {\n  io::print(9223372036854775807 + 1)\n  io::print(0.1 + 0.2)\n}\n",
    );
    has(&go, "strconv.Itoa(-9223372036854775808)");
    has(&go, "rt.FloatStr(0.30000000000000004)");
    // `to_int` of a constant folds too, or converts at run time when Go
    // would reject the constant conversion.
    let go = lower_src(
        "use ard/io\nfn main() {\n  io::print(9223372036854775807 + 15.8.to_int())\n  io::print(100000000000000000000000.0.to_int())\n}\n",
    );
    has(&go, "strconv.Itoa(-9223372036854775794)");
    has(&go, "rt.FloatToInt(1e23)");
}

#[test]
fn mut_parameters_are_pointers() {
    let go =
        lower_src("fn bump(mut n: Int) { n = n + 1 }\nfn main() {\n  mut x = 1\n  bump(x)\n}\n");
    has(&go, "func bump(n *int)");
    has(&go, "*n = *n + 1");
    has(&go, "bump(&x)");
}

#[test]
fn structs_are_pointers_and_mut_copies() {
    let go = lower_src(
        "struct P { x: Int }\nfn main() {\n  let a = P{ x: 1 }\n  mut b = a\n  b.x = 2\n}\n",
    );
    has(&go, "a := &P{x: 1}");
    has(&go, "b := a.ard_clone()");
}

#[test]
fn try_returns_early() {
    let go = lower_src(
        "fn g() Int!Str { Result::ok(1) }\nfn f() Int!Str {\n  let v = try g()\n  Result::ok(v + 1)\n}\nfn main() {}\n",
    );
    has(&go, "if !ard_r.Ok {");
    has(&go, "return rt.Err[int, string](ard_r.Err)");
}

#[test]
fn break_inside_match_names_the_loop() {
    let go = lower_src(
        "fn main() {\n  for i in 1..3 {\n    match i {\n      2 => {\n        break\n      },\n      _ => (),\n    }\n  }\n}\n",
    );
    has(&go, "ard_loop:");
    has(&go, "break ard_loop");
}

#[test]
fn pure_immutable_module_values_are_shared_between_fibers() {
    let go = lower_src(
        "use ard/io\nlet TABLE = [1, 2, 3]\nmut hits = 0\nfn main() {\n  hits =+ TABLE.size()\n  io::print(hits)\n}\n",
    );
    has(&go, "func TABLE() *rt.List[int]");
    has(&go, "sync.Once");
    has(&go, "hits int");
}

#[test]
fn go_keywords_are_escaped() {
    let go = lower_src("fn main() {\n  let type = 1\n  let len = type + 1\n}\n");
    has(&go, "type_ := 1");
    has(&go, "len_ := type_ + 1");
}

/// Issue 13: `run`/`build` leave test functions out; the test build has them
/// and a Go test per selected test in `ard_test.go`.
#[test]
fn tests_are_left_out_of_programs_and_harnessed_for_go_test() {
    let src = "use ard/testing\nmut n = 0\nfn main() {}\n\
               test fn uses_state() Void!Str { n =+ 1\n testing::equal(n, 1) }\n\
               test fn pure() Void!Str { testing::pass() }\n";
    let go = lower_src(src);
    assert!(!go.contains("ardtest_"), "{go}");
    let (sources, result) = crate::test_support::check_src(src);
    let prog = result.expect("accepted");
    let cases = crate::lower::test_cases(&prog, &sources);
    let names: Vec<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["main::uses_state", "main::pure"]);
    assert_eq!((cases[0].file.as_str(), cases[0].line), ("main.ard", 4));
    let (files, go_names) = crate::lower::lower_tests(&prog, &sources, &cases);
    assert_eq!(go_names, ["Test_main_uses_state", "Test_main_pure"]);
    let harness = &files.iter().find(|f| f.name == "ard_test.go").unwrap().text;
    // A fresh world for the test that touches module state; none otherwise.
    has(harness, "ardtesting.RunIn(t, newWorld, ardtest_uses_state)");
    has(harness, "ardtesting.Run(t, ardtest_pure)\n");
    has(harness, "func Test_main_pure(t *testing.T) {");
    let main = &files.iter().find(|f| f.name == "main.go").unwrap().text;
    has(
        main,
        "func ardtest_uses_state(w *world) rt.Result[struct{}, string]",
    );
}

//! Layout rules of `ard2go fmt` (#14), one test per rule of
//! docs/formatting.md, and the properties the corpus test checks at scale.

use super::{comments, format_source};

fn fmt(src: &str) -> String {
    match format_source(src) {
        Ok(out) => {
            // Every case is also an idempotence check.
            let again = format_source(&out).expect("formatted output parses");
            assert_eq!(again, out, "formatting is not idempotent on:\n{out}");
            assert_eq!(
                comments::texts(&out),
                comments::texts(src),
                "comments changed"
            );
            out
        }
        Err(d) => panic!("does not parse: {d:?}"),
    }
}

#[test]
fn spaces_and_indentation() {
    assert_eq!(
        fmt("fn  add(a:Int,b:Int)Int{\n\t\tlet  c=a+b*2\n  c\n}"),
        "fn add(a: Int, b: Int) Int {\n  let c = a + b * 2\n  c\n}\n"
    );
}

// ------------------------------------------------- properties at scale ---

use crate::source::FileId;
use crate::syntax::parser_tests::{Gen, Rng, corpus, mutate_chars, mutate_tokens};
use crate::syntax::sexpr;

/// The properties the fuzz target checks: for text that parses, the output
/// parses, formatting it again changes nothing, and the comments are kept.
fn property(text: &str) -> Result<bool, String> {
    let Ok(once) = format_source(text) else {
        return Ok(false);
    };
    let twice = format_source(&once).map_err(|d| format!("output does not parse: {d:?}"))?;
    // The same tree (spans aside): the same program.
    let tree = |t: &str| crate::syntax::parse(FileId(0), t).map(|m| sexpr::module(&m));
    if tree(text).ok() != tree(&once).ok() {
        return Err(format!("the tree changed:\n{once}"));
    }
    if twice != once {
        return Err(format!("not idempotent:\n{once}\n--- second time\n{twice}"));
    }
    let mut a = comments::texts(text);
    let mut b = comments::texts(&once);
    a.sort_unstable();
    b.sort_unstable();
    if a != b {
        return Err(format!("comments changed: {a:?} -> {b:?}\n{once}"));
    }
    Ok(true)
}

fn setting(name: &str, rounds: u64, seed: u64) -> (u64, u64) {
    let v = std::env::var(name).unwrap_or_default();
    let mut it = v.split(',').map(|s| s.trim().parse::<u64>().ok());
    (
        it.next().flatten().unwrap_or(rounds),
        it.next().flatten().unwrap_or(seed),
    )
}

/// Mutants of the corpus (token and character edits) that still parse:
/// odd layouts, comments in odd places. `ARD_FMT_MUTANTS=n[,seed]`.
#[test]
fn mutants_format_stably() {
    let files = corpus();
    let (rounds, seed) = setting("ARD_FMT_MUTANTS", 3000, 0x2545_F491_4F6C_DD1D);
    let mut rng = Rng(seed | 1);
    let (mut valid, mut failures) = (0, Vec::new());
    for round in 0..rounds {
        let (name, text) = &files[rng.below(files.len())];
        let mutant = if round % 3 == 2 {
            mutate_chars(text, &mut rng)
        } else {
            mutate_tokens(text, &mut rng)
        };
        let Some(mutant) = mutant else { continue };
        match property(&mutant) {
            Ok(v) => valid += usize::from(v),
            Err(e) => failures.push(format!("round {round} ({name}):\n{mutant}\n=> {e}")),
        }
        if failures.len() >= 3 {
            break;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n=====\n\n"));
    eprintln!("{rounds} mutants, {valid} parse and format stably");
}

/// Random programs with random trivia (comments, blank lines, commas or
/// line feeds between items) from the parser tests' generator.
/// `ARD_FMT_GENERATED=n[,seed]`.
#[test]
fn random_programs_format_stably() {
    let (rounds, seed) = setting("ARD_FMT_GENERATED", 2000, 0x1234_5678_9ABC_DEF1);
    let mut g = Gen::new(seed);
    let (mut valid, mut failures) = (0, Vec::new());
    for round in 0..rounds {
        let text = g.program();
        match property(&text) {
            Ok(v) => valid += usize::from(v),
            Err(e) => failures.push(format!("round {round}:\n{text}\n=> {e}")),
        }
        if failures.len() >= 3 {
            break;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n=====\n\n"));
    assert!(
        valid > rounds as usize / 4,
        "only {valid} of {rounds} parse"
    );
    eprintln!("{rounds} random programs, {valid} parse and format stably");
}

// ------------------------------------------------------------ rules ---

#[test]
fn blank_lines_kept_up_to_one() {
    assert_eq!(
        fmt("use ard/io\n\n\n\nfn a() {\n\n  x()\n\n\n  y()\n\n}\nfn b() {}\n"),
        "use ard/io\n\nfn a() {\n  x()\n\n  y()\n}\nfn b() {}\n"
    );
}

#[test]
fn comments_stay_with_their_code() {
    let src = "// file\n\nstruct P { x: Int, // the x\n  // before y\n  y: Int }\n\nfn main() {\n  // lead\n  let a = 1 // trail\n\n  // between\n  f(\n    1, // one\n    // two next\n    2,\n  )\n  // last\n}\n// end\n";
    assert_eq!(
        fmt(src),
        "// file\n\nstruct P {\n  x: Int, // the x\n  // before y\n  y: Int,\n}\n\nfn main() {\n  // lead\n  let a = 1 // trail\n\n  // between\n  f(\n    1, // one\n    // two next\n    2,\n  )\n  // last\n}\n// end\n"
    );
}

#[test]
fn match_arms_one_per_line_with_commas_after_expressions() {
    assert_eq!(
        fmt(
            "fn f(n: Int) Str {\n  match n { 0 => \"zero\", 1 => {\n    \"one\"\n  }\n  _ => \"many\" }\n}"
        ),
        "fn f(n: Int) Str {\n  match n {\n    0 => \"zero\",\n    1 => {\n      \"one\"\n    }\n    _ => \"many\",\n  }\n}\n"
    );
}

#[test]
fn flat_when_it_fits_with_no_trailing_comma() {
    assert_eq!(
        fmt(
            "let xs = [1 2 3,]\nlet m = [\"a\":1,\n\"b\":2]\nlet p = Point{x:1,y:2}\nlet e = [:]\nf(a,\n  b)"
        ),
        "let xs = [1, 2, 3]\nlet m = [\"a\": 1, \"b\": 2]\nlet p = Point{ x: 1, y: 2 }\nlet e = [:]\nf(a, b)\n"
    );
}

#[test]
fn long_lists_break_one_item_per_line_with_trailing_commas() {
    let long = "let items = [Item{name: \"pen\", price: 3, tags: [\"office\"]}, Item{name: \"lamp\", price: 45, tags: [\"home\"]}]";
    assert_eq!(
        fmt(long),
        "let items = [\n  Item{ name: \"pen\", price: 3, tags: [\"office\"] },\n  Item{ name: \"lamp\", price: 45, tags: [\"home\"] },\n]\n"
    );
    let call = "io::print(format_the_whole_report(first_argument_value, second_argument_value, the_third_value, 4, 5))";
    assert_eq!(
        fmt(call),
        "io::print(format_the_whole_report(\n  first_argument_value,\n  second_argument_value,\n  the_third_value,\n  4,\n  5,\n))\n"
    );
}

#[test]
fn closures_hug_the_call_and_short_ones_stay_flat() {
    assert_eq!(
        fmt("let f = fn(x) {\n  x * 2\n}\nxs.map(fn(x: Int) Int {\n  let y = x + 1\n  y\n})"),
        "let f = fn(x) { x * 2 }\nxs.map(fn(x: Int) Int {\n  let y = x + 1\n  y\n})\n"
    );
}

#[test]
fn value_ifs_stay_flat_when_short() {
    assert_eq!(
        fmt("let l = if n > 4 {\n \"many\"\n} else {\n \"few\"\n}\nif ok { go() }"),
        "let l = if n > 4 { \"many\" } else { \"few\" }\nif ok {\n  go()\n}\n"
    );
}

#[test]
fn literals_are_copied_as_written() {
    assert_eq!(
        fmt("let s = \"a  {x  +  1}\\n\"\nlet n = 007\nlet f = 1.50"),
        "let s = \"a  {x  +  1}\\n\"\nlet n = 007\nlet f = 1.50\n"
    );
}

#[test]
fn declarations() {
    assert_eq!(
        fmt(
            "private  struct E {}\nenum Size{small,medium,large}\ntrait T { fn name() Str\n fn size(n:Int) Int }\nimpl Str::ToString for P{\nfn to_str() Str { \"p\" }\n}\ntype U = Int|Str\nextern fn now() Int = \"Now\"\nfn mut grow(by: Int) {}\nlet cb: fn(Str) = fn(s) {}\ntest  fn adds() Void!Str { }\nstruct Box< $T ,$U >{ v: $T }"
        ),
        "private struct E {}\nenum Size { small, medium, large }\ntrait T {\n  fn name() Str\n  fn size(n: Int) Int\n}\nimpl Str::ToString for P {\n  fn to_str() Str {\n    \"p\"\n  }\n}\ntype U = Int | Str\nextern fn now() Int = \"Now\"\nfn mut grow(by: Int) {}\nlet cb: fn(Str) = fn(s) {}\ntest fn adds() Void!Str {}\nstruct Box<$T, $U> {\n  v: $T,\n}\n"
    );
}

/// Line breaks that the meaning depends on are kept (the property tests
/// found these).
#[test]
fn layouts_that_would_read_differently_on_one_line() {
    // `try - x` would be `try (-x)`.
    assert_eq!(fmt("let a = try -\n  x"), "let a = try -\n  x\n");
    // `a < b > (c)` would be a call with a type argument.
    assert_eq!(fmt("let g = a < b >\n  (c)"), "let g = a < b >\n  (c)\n");
    // `1..(2)` would be a called literal.
    assert_eq!(fmt("for i in 1 ..  (2) {}"), "for i in 1.. (2) {}\n");
    // `@and` would be `@ and ...`.
    assert_eq!(fmt("@.and\n@.x"), "@.and\n@x\n");
}

#[test]
fn syntax_errors_give_diagnostics() {
    assert!(format_source("fn main( {").is_err());
}

/// Trial layouts re-render their subtree when they fail; nested deeply,
/// that must not take exponential time.
#[test]
fn deep_nesting_formats_quickly() {
    let depth = 60;
    let calls = format!(
        "let x = {}{}{}",
        "a_rather_long_function_name(".repeat(depth),
        "\"a long string literal that does not fit on the line\"",
        ")".repeat(depth)
    );
    let closures = format!(
        "let f = {}1{}",
        "g(fn(x) { ".repeat(depth),
        " })".repeat(depth)
    );
    let ifs = format!(
        "let v = {}1{}",
        "if c { ".repeat(depth),
        " } else { 2 }".repeat(depth)
    );
    for src in [calls, closures, ifs] {
        let start = std::time::Instant::now();
        fmt(&src);
        assert!(
            start.elapsed() < std::time::Duration::from_secs(2),
            "took {:?}",
            start.elapsed()
        );
    }
}

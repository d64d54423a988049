//! The fast parser against the pest parser: on every corpus file, on
//! generated programs, on hand-picked corner cases and on a few thousand
//! mutations of the corpus, the fast parser must accept exactly what pest
//! (and its builder) accept, with an identical tree, spans included.

use std::path::{Path, PathBuf};

use crate::source::FileId;
use crate::syntax::parser::{lexcheck, parse_slow};

/// `None` when the two parsers agree, else a description of how they differ.
fn disagreement(text: &str) -> Option<String> {
    disagreement_and_validity(text).err()
}

/// `Ok(valid)` when the two parsers agree, else how they differ.
fn disagreement_and_validity(text: &str) -> Result<bool, String> {
    let file = FileId(0);
    let slow = parse_slow(file, text);
    let valid = slow.is_ok();
    let fast = match lexcheck::check(file, text) {
        Some(_) => None,
        None => super::parse(file, text),
    };
    match (slow, fast) {
        (Ok(a), Some(b)) if a == b => Ok(valid),
        (Ok(a), Some(b)) => Err(first_difference(&format!("{a:#?}"), &format!("{b:#?}"))),
        (Ok(_), None) => Err("pest accepts it, the fast parser does not".to_string()),
        (Err(d), Some(_)) => Err(format!(
            "pest rejects it ({}), the fast parser accepts it",
            d[0].message
        )),
        (Err(_), None) => Ok(valid),
    }
}

fn first_difference(a: &str, b: &str) -> String {
    let (la, lb): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let i = la
        .iter()
        .zip(&lb)
        .position(|(x, y)| x != y)
        .unwrap_or(la.len().min(lb.len()));
    let from = i.saturating_sub(8);
    format!(
        "trees differ at line {i}:\npest:\n{}\nfast:\n{}",
        la[from..(i + 3).min(la.len())].join("\n"),
        lb[from..(i + 3).min(lb.len())].join("\n")
    )
}

#[track_caller]
fn agree(text: &str) {
    if let Some(d) = disagreement(text) {
        panic!("{text:?}\n{d}");
    }
}

/// Every `.ard` file under `dir`, recursively.
fn ard_files(dir: &Path, out: &mut Vec<PathBuf>) {
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

/// The corpus: conformance cases, benchmarks, test programs, the standard
/// library and the examples.
fn corpus() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        Path::new("/work/shared/conformance/cases"),
        Path::new("/work/shared/bench"),
        &root.join("tests/programs"),
        &root.join("runtime-go"),
        &root.join("examples"),
    ] {
        ard_files(dir, &mut files);
    }
    files
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some((p.display().to_string(), text))
        })
        .collect()
}

#[test]
fn corpus_parses_identically() {
    let files = corpus();
    let mut failures = Vec::new();
    for (name, text) in &files {
        if let Some(d) = disagreement(text) {
            failures.push(format!("{name}: {d}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files differ:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
    eprintln!("{} corpus files agree", files.len());
}

#[test]
fn the_corpus_takes_the_fast_path() {
    // Not required for correctness, but a valid file that falls back to
    // pest costs the speed this parser is for.
    for (name, text) in corpus() {
        if parse_slow(FileId(0), &text).is_ok() {
            assert!(
                super::parse(FileId(0), &text).is_some(),
                "{name} is valid but not parsed by the fast path"
            );
        }
    }
}

#[test]
fn generated_program_parses_identically() {
    agree(&crate::syntax::generate_benchmark_program(3000));
}

/// Corner cases of the grammar, valid and not.
#[test]
fn corner_cases() {
    let cases = [
        // trivia and spans
        "let a = x   // c\nfoo()  // d\n",
        "use ard/io   // c\nuse a/b as c // d\nlet x = 1",
        "\u{feff}let x = 1",
        "  \u{feff}let x = 1",
        "let x = 1\r\nlet y = 2\r\n",
        "let x = a  \n  .b()  \n  .c  // x\n",
        "let x = a.b .c ( 1 , 2 ) .d",
        "x = 1 let y = 2 z =+ 3 w =- 4",
        "x=-1\nx=+1\nx==1\nx=>1",
        "let x=-1",
        "let x =+1",
        "12abc",
        "1..10 1...2 1.5 1.5.6 x.5",
        "a - -b - - c --d",
        "try - 1",
        "try\nfoo()",
        "let t = try\nlet u = try.x",
        "try f() -> e { 1 } try g() -> h try k() -> e\n{ }",
        "let x = try a -> e {}  // c",
        "f(try)",
        "f(a, b: 1, mut c, d: mut e)",
        "f(a: 1, 2)",
        "f(mut)",
        "f(match: 1)",
        "f (x) f\n(x)",
        "f<Int>(x) a < b > (c) a<b>c a<b, c>(d) a < b",
        "a<[Int]>(x) a < [1] a<b::c<d>>(e)",
        "@ @x @.x @ x @and @or b @.and @x(1) @.y<T>() @ .z",
        "@\n.x",
        "Foo{} Foo{a: 1, b: 2,} Foo { a: 1\n b: 2\n} m::Foo{a: 1} Foo{a}",
        "if Foo {} if Foo{a: 1} == x {}",
        "match Foo { _ => 1 }",
        "if a {} else {} if a {} else if b {} else if c {}\nelse {}",
        "if a {}\n\n// c\nelse {}",
        "if a {} else x",
        "if a {} else if {}",
        "match { a => 1, b => { 2 } }",
        "match x {\n  0 => 1\n  1..10 => 2,\n  _ => {}\n}",
        "match x { a => }",
        "[] [:] [ : ] [1, 2,] [\n1\n2\n] [a: 1, b: 2] [a: 1, 2] [1, a: 2] [::a]",
        "\"a{b}c\" \"{}\" \"{ }\" \"\\n\\t\\{\\}\\q\\\"\" \"{\"{x}\"}\" \"a\nb\"",
        "\"{a b}\" \"{\n a \n}\" \"{ // c\n a }\"",
        "\"\\é\"",
        "fn f() {} fn f(a: Int, b: [Str]) Int! Str {} private fn f() {} fn mut f() {}",
        "fn f(a) {}",
        "fn mut() {}",
        "fn T::f() {} fn T :: f() {}",
        "fn(x) { x }(1) fn() {}",
        "fn f(mut: Int, mut x: Int) {}",
        "extern fn f(a: Int) Str = \"x\" private extern fn g() =\n\"y\"",
        "extern fn f() = \"a{b}\"",
        "struct A {} struct A { a: Int, b: Str\n c: [Int: Str] } private struct B { x: $T }",
        "struct A<T> {}",
        "struct A<> { }",
        "enum E { A, B\n C } enum E { A = 1 }",
        "trait T { fn f() Int\n fn g(a: Int) } trait T { fn f() {} }",
        "impl T { fn f() {} } impl A for B { fn f() {}\n private fn g() {} } impl a::B for C {}",
        "impl a::B {}",
        "impl T { fn T::f() {} }",
        "impl T { fn f() {}, fn g() {} }",
        "type X = A type X = | A | B type X =\n A\n | B\n | C",
        "type X = A\n|",
        "type X = A |",
        "let x: Int? = 1 let y: Int!Str? = 2 let z: A!B!C = 3 let w: Int ! = 3",
        "let x: Int != 3",
        "let f: fn(Int, Str) Bool = g let g: fn() fn() Int = h",
        "let f: fn(Int) = g",
        "let x: Map<Str, Int> = m let y: A<B<C>> = n let z: A< \n B, \n C, \n > = o",
        "let x: List<Int>= [1]",
        "let x: [Int:Str] = [:] let y: [ Int ] = []",
        "let x: a::B = c let y: $T = d",
        "for x in xs {} for a, b in m {} for in in in {}",
        "for mut i = 0; i < 10; i =+ 1 {} for i = 0; i < n; i =+ 1; {}",
        "for let i = 0; i < n; i {}",
        "for mut = 1; a; b {}",
        "while {} while a {} while if a {} {} {}",
        "break",
        "not a and not b or c",
        "a or\n b and\n c",
        "a\n+ b",
        "a +\n}",
        "f(a +\n)",
        "type = 1",
        "let type = 1 f(type) let x = in",
        "private let x = 1",
        "x.match.if",
        "a::match a::b::c() a::in",
        "-> x",
        "a ->",
        "use x\nlet a = 1\nuse y",
        "fn f() {\n use x\n}",
        "let x = (\n1\n) let y = (\n) let z = ( // c\n)",
        "let a = 1..2..3",
        "x!",
        "f()()",
        "a..b.c",
        "\"\\",
        "",
        "\n\n",
        "// only a comment",
    ];
    for case in cases {
        agree(case);
    }
}

#[test]
fn deep_and_long_inputs() {
    let n = lexcheck::MAX_NESTING;
    for src in [
        format!("let x = {}1{}", "(".repeat(n), ")".repeat(n)),
        format!("let x = {}1{}", "f(".repeat(n), ")".repeat(n)),
        format!("let x = {}1", "-".repeat(600)),
        format!("let x = {}1", "-".repeat(500)),
        format!("let x = {}", vec!["1"; 600].join(" + ")),
        format!("let x = {}", vec!["1"; 200].join(" + ")),
        format!("let x: {} = 1", vec!["A"; 300].join("!")),
        format!("let x: {}Int{} = 1", "A<".repeat(100), ">".repeat(100)),
        format!("let x = a{}", ".b()".repeat(600)),
    ] {
        agree(&src);
    }
}

/// A tiny deterministic generator (xorshift), so the test needs no crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Split `text` into rough tokens: words, numbers, whitespace runs, and
/// single other characters. Joining them gives the text back.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let len = if c.is_ascii_alphanumeric() || c == '_' {
            rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len())
        } else if c == ' ' || c == '\t' {
            rest.find(|c: char| c != ' ' && c != '\t')
                .unwrap_or(rest.len())
        } else {
            c.len_utf8()
        };
        out.push(&rest[..len]);
        rest = &rest[len..];
    }
    out
}

/// Tokens that often matter to the grammar, to insert at random.
const INSERTS: [&str; 32] = [
    "\n", "{", "}", "(", ")", "[", "]", ",", ":", "::", ".", "..", "=", "=>", "->", "<", ">", "-",
    "!", "?", "\"", "\\", "//", "@", " if ", " else ", " mut ", " try ", " and ", " not ", "_",
    "1.5",
];

/// One to three token edits: delete, duplicate, copy from elsewhere,
/// insert a significant token, swap.
fn mutate_tokens(text: &str, rng: &mut Rng) -> Option<String> {
    let mut toks: Vec<&str> = tokens(text);
    for _ in 0..1 + rng.below(3) {
        if toks.is_empty() {
            return None;
        }
        let i = rng.below(toks.len());
        match rng.below(5) {
            0 => {
                toks.remove(i);
            }
            1 => toks.insert(i, toks[i]),
            2 => toks.insert(i, toks[rng.below(toks.len())]),
            3 => toks.insert(i, INSERTS[rng.below(INSERTS.len())]),
            _ => {
                let j = rng.below(toks.len());
                toks.swap(i, j);
            }
        }
    }
    Some(toks.concat())
}

/// One to three character edits, which also cut into strings, comments,
/// numbers and operators.
fn mutate_chars(text: &str, rng: &mut Rng) -> Option<String> {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(3) {
        if chars.is_empty() {
            return None;
        }
        let i = rng.below(chars.len());
        match rng.below(3) {
            0 => {
                chars.remove(i);
            }
            1 => chars.insert(i, chars[rng.below(chars.len())]),
            _ => {
                let pick = INSERTS[rng.below(INSERTS.len())];
                chars.splice(i..i, pick.chars());
            }
        }
    }
    Some(chars.into_iter().collect())
}

#[test]
fn mutations_agree() {
    let files = corpus();
    assert!(!files.is_empty());
    // `ARD_MUTANTS=n[,seed]` runs a longer or different campaign.
    let setting = std::env::var("ARD_MUTANTS").unwrap_or_default();
    let mut setting = setting.split(',').map(|s| s.trim().parse::<u64>().ok());
    let rounds = setting.next().flatten().unwrap_or(4000);
    let seed = setting.next().flatten().unwrap_or(0x9E37_79B9_7F4A_7C15);
    let mut rng = Rng(seed | 1);
    let mut failures = Vec::new();
    let (mut tried, mut valid) = (0, 0);
    for round in 0..rounds {
        let (_, text) = &files[rng.below(files.len())];
        let mutant = if round % 4 == 3 {
            mutate_chars(text, &mut rng)
        } else {
            mutate_tokens(text, &mut rng)
        };
        let Some(mutant) = mutant else {
            continue;
        };
        tried += 1;
        match disagreement_and_validity(&mutant) {
            Ok(v) => valid += usize::from(v),
            Err(d) => {
                failures.push(format!("round {round}:\n{mutant}\n{d}"));
                if failures.len() >= 5 {
                    break;
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} mutants disagree, e.g.:\n{}",
        failures.len(),
        failures.join("\n\n=====\n\n")
    );
    eprintln!("{tried} mutants agree ({valid} of them valid)");
}

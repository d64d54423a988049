//! The fast parser against the pest parser: on every corpus file, on
//! generated programs, on hand-picked corner cases and on a few thousand
//! mutations of the corpus, the fast parser must accept exactly what pest
//! (and its builder) accept, with an identical tree, spans included.

use std::path::{Path, PathBuf};

use super::Outcome;
use crate::source::FileId;
use crate::syntax::parser::{lexcheck, parse_slow};

/// `None` when the two parsers agree, else a description of how they differ.
fn disagreement(text: &str) -> Option<String> {
    disagreement_and_validity(text).err()
}

/// `Ok(valid)` when the two parsers agree, else how they differ.
fn disagreement_and_validity(text: &str) -> Result<bool, String> {
    compare(text, false)
}

/// As `disagreement_and_validity`. The fast parser may give up (leave the
/// file to pest) on an invalid file, or on any file with `may_give_up`.
fn compare(text: &str, may_give_up: bool) -> Result<bool, String> {
    let file = FileId(0);
    let slow = parse_slow(file, text);
    let valid = slow.is_ok();
    let fast = match lexcheck::check(file, text) {
        Some(_) => None,
        None => match super::parse_outcome(file, text) {
            Outcome::Parsed(m) => Some(m),
            Outcome::Invalid => None,
            Outcome::GaveUp if may_give_up || !valid => return Ok(valid),
            Outcome::GaveUp => return Err("the fast parser gave up".to_string()),
        },
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
pub(crate) fn corpus() -> Vec<(String, String)> {
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

/// (A valid file that the fast parser rejected would count as a difference
/// too: that would not change any result, but cost the speed the fast
/// parser is for.)
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

/// Every file (any name, UTF-8 or skipped) under the folders listed in
/// `ARD_DIFF_DIRS` (colon-separated), e.g. a fuzzer's corpus. Does nothing
/// when the variable is not set.
#[test]
fn extra_inputs_agree() {
    let Ok(dirs) = std::env::var("ARD_DIFF_DIRS") else {
        return;
    };
    let mut failures = Vec::new();
    let mut count = 0;
    for dir in dirs.split(':') {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            count += 1;
            if let Some(d) = disagreement(&text) {
                failures.push(format!("{}: {d}", entry.path().display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    eprintln!("{count} extra inputs agree");
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
        // an operator commits; `and`/`or` before `:` are labels
        "f(x or: 1) f(x and : 2) Foo{a: x or: 1} f(x or) f(x - : 1)",
        "f(a -g(1) f(a - -) [a -b(] a -b( a - // c\n b",
        "match x { 1 => a -f(2) => 3 } match x { 1 => {} -1 => {} }",
        "while x {} -1 f(a +) f(a -> b) a .. [a ..]",
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
        // `test fn` (issue 13); `test` stays an ordinary name otherwise
        "test fn t() Void!Str { testing::pass() } test  fn u() {}",
        "test\nfn f() {} test fn() {} test fn T::f() {} test fn mut f() {}",
        "test() test.x let test = 1 test = 2 private test fn f() {} test private fn f() {}",
        "impl T { test fn f() {} } test fn",
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
        // issue 18 (L1): `not` takes the rest of the expression, up to `{`,
        // `)`, `]`, `,`, `=>` or the end of the line
        "x and not a or b",
        "a * not b + c - not not d == e",
        "-not a + b",
        "not a..b",
        "if not ready or done { f() }\nwhile not b.full() or won {}",
        "f(not a or b, not c and d) g((not a) or b)",
        "[not a or b, not c] [not k: not v or w]",
        "match { not a or b => not c and d, _ => e }",
        "match not a and b { true => not c or d\n false => 2 }",
        "let x = not a or b\nlet y = not c\nlet z = not a or\n b",
        "S{ f: not a or b, g: c }",
        "try not a or b",
        "\"{not a or b}\"",
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
        format!("let x = {}1", "if a { 1 } else ".repeat(400)),
        format!("let x = {}1", "if if ".repeat(400)),
        format!("let x: {} = 1", vec!["fn() "; 600].concat() + "Int"),
    ] {
        // Deep input may exceed the fast parser's stack budget (in a debug
        // build especially); it must then leave the file to pest.
        if let Err(d) = compare(&src, true) {
            panic!("{}...\n{d}", &src[..60]);
        }
    }
}

/// A tiny deterministic generator (xorshift), so the test needs no crate.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
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
pub(crate) fn mutate_tokens(text: &str, rng: &mut Rng) -> Option<String> {
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
pub(crate) fn mutate_chars(text: &str, rng: &mut Rng) -> Option<String> {
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
    // Mutants of valid programs.
    let files: Vec<_> = corpus()
        .into_iter()
        .filter(|(_, text)| parse_slow(FileId(0), text).is_ok())
        .collect();
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

/// Random programs from a sketch of the grammar, with random trivia
/// between the tokens: mostly valid, and covering constructs the corpus
/// may use rarely.
pub(crate) struct Gen {
    rng: Rng,
    out: String,
}

/// Names for binding positions (soft keywords included) and for values.
const NAMES: [&str; 12] = [
    "a", "b", "x1", "_", "total", "in", "type", "try", "enum", "Foo", "bar_2", "ok",
];
/// Names where the grammar wants an `ident` (no keyword).
const IDENTS: [&str; 8] = ["a", "b", "x1", "_", "total", "try", "Foo", "bar_2"];
const TYPE_NAMES: [&str; 7] = ["Int", "Str", "Bool", "Foo", "List", "Maybe", "Result"];

impl Gen {
    pub(crate) fn new(seed: u64) -> Gen {
        Gen {
            rng: Rng(seed | 1),
            out: String::new(),
        }
    }

    fn pick<'s>(&mut self, items: &[&'s str]) -> &'s str {
        items[self.rng.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.rng.below(100) < percent
    }

    /// Horizontal trivia.
    fn sp(&mut self) {
        let t = self.pick(&["", "", "", " ", " ", "  ", "\t", " \r"]);
        self.out.push_str(t);
    }

    /// Trivia where a line break is allowed.
    fn nl(&mut self) {
        match self.rng.below(6) {
            0 => self.out.push_str(" // note {\n"),
            1 => self.out.push_str("\n\n  "),
            2 => self.out.push('\n'),
            _ => self.sp(),
        }
    }

    fn tok(&mut self, t: &str) {
        self.sp();
        self.out.push_str(t);
    }

    fn name(&mut self) {
        let n = self.pick(&NAMES);
        self.tok(n);
    }

    fn ident(&mut self) {
        let n = self.pick(&IDENTS);
        self.tok(n);
    }

    fn ty(&mut self, depth: usize) {
        match self.rng.below(if depth > 2 { 2 } else { 7 }) {
            0 => {
                let n = self.pick(&TYPE_NAMES);
                self.tok(n);
            }
            1 => self.tok("$T"),
            2 => {
                self.tok("[");
                self.ty(depth + 1);
                if self.chance(40) {
                    self.tok(":");
                    self.ty(depth + 1);
                }
                self.tok("]");
            }
            3 => {
                self.tok("fn(");
                for i in 0..self.rng.below(3) {
                    if i > 0 {
                        self.tok(",");
                    }
                    self.ty(depth + 1);
                }
                self.tok(")");
                self.ty(depth + 1);
            }
            4 => {
                self.tok("Map<");
                self.ty(depth + 1);
                self.tok(",");
                self.nl();
                self.ty(depth + 1);
                self.tok(">");
            }
            5 => {
                self.tok("mod::Foo");
            }
            _ => {
                self.ty(depth + 1);
                self.tok("!");
                self.ty(depth + 1);
            }
        }
        if self.chance(15) {
            self.tok("?");
        }
    }

    fn args(&mut self, depth: usize) {
        if self.chance(15) {
            self.tok("<Int>");
        }
        self.tok("(");
        let n = self.rng.below(if depth > 2 { 2 } else { 4 });
        let mut named = false;
        for i in 0..n {
            if i > 0 {
                let s = self.pick(&[",", ",", "\n", ", "]);
                self.tok(s);
            }
            if named || self.chance(20) {
                named = true;
                self.name();
                self.tok(":");
            }
            if self.chance(10) {
                self.tok("mut ");
            }
            self.expr(depth + 1);
        }
        if n > 0 && self.chance(20) {
            self.tok(",");
        }
        self.tok(")");
    }

    fn block(&mut self, depth: usize) {
        self.tok("{");
        let n = if depth > 2 { 0 } else { self.rng.below(3) };
        for _ in 0..n {
            self.out.push('\n');
            self.stmt(depth + 1);
        }
        self.nl();
        self.tok("}");
    }

    fn string(&mut self, depth: usize) {
        self.sp();
        self.out.push('"');
        for _ in 0..self.rng.below(4) {
            match self.rng.below(5) {
                0 => self.out.push_str("text "),
                1 => {
                    let e = self.pick(&["\\n", "\\t", "\\{", "\\}", "\\\"", "\\\\", "\\q", "\\é"]);
                    self.out.push_str(e);
                }
                2 if depth < 3 => {
                    self.out.push('{');
                    self.expr(depth + 1);
                    self.sp();
                    self.out.push('}');
                }
                3 => self.out.push_str("{}"),
                _ => self.out.push_str("é }"),
            }
        }
        self.out.push('"');
    }

    fn atom(&mut self, depth: usize, ns: bool) {
        let limit = if depth > 2 { 6 } else { 22 };
        match self.rng.below(limit) {
            0 => {
                let n = self.pick(&["0", "12", "1.5", "007"]);
                self.tok(n);
            }
            1 => self.name(),
            2 => {
                let b = self.pick(&["true", "false", "()", "( \n)", "@"]);
                self.tok(b);
            }
            3 => self.string(depth),
            4 => {
                self.tok("Foo::bar");
                if self.chance(50) {
                    self.tok("::baz");
                }
            }
            5 => {
                self.name();
                self.args(depth);
            }
            6 => {
                self.tok("(");
                self.nl();
                self.expr(depth + 1);
                self.nl();
                self.tok(")");
            }
            7 => {
                self.tok("[");
                for i in 0..self.rng.below(4) {
                    if i > 0 {
                        self.tok(",");
                        self.nl();
                    }
                    self.expr(depth + 1);
                }
                self.tok("]");
            }
            8 => {
                self.tok("[");
                for i in 0..1 + self.rng.below(3) {
                    if i > 0 {
                        self.tok(",");
                    }
                    self.expr(depth + 1);
                    self.tok(":");
                    self.expr(depth + 1);
                }
                self.tok("]");
            }
            9 => self.tok("[:]"),
            10 if ns => self.tok("Foo"),
            10 => {
                self.tok("Foo{");
                for i in 0..self.rng.below(3) {
                    if i > 0 {
                        self.tok(",");
                        self.nl();
                    }
                    self.name();
                    self.tok(":");
                    self.expr(depth + 1);
                }
                self.tok("}");
            }
            11 => {
                let s = self.pick(&["@x", "@.y", "@.type", "@z"]);
                self.tok(s);
                if self.chance(40) {
                    self.args(depth);
                }
            }
            12 | 13 => {
                self.tok("if ");
                self.expr_ns(depth + 1);
                self.block(depth + 1);
                for _ in 0..self.rng.below(3) {
                    self.nl();
                    self.tok("else if ");
                    self.expr_ns(depth + 1);
                    self.block(depth + 1);
                }
                if self.chance(50) {
                    self.nl();
                    self.tok("else");
                    self.block(depth + 1);
                }
            }
            14 | 15 => {
                self.tok("match");
                if self.chance(80) {
                    self.tok(" ");
                    self.expr_ns(depth + 1);
                }
                self.tok("{");
                for _ in 0..1 + self.rng.below(3) {
                    self.nl();
                    let p = self.pick(&["_", "0", "1..10", "Foo::bar", "ok(x)", "-1", "\"s\""]);
                    self.tok(p);
                    self.tok("=>");
                    self.nl();
                    if self.chance(30) {
                        self.block(depth + 1);
                    } else {
                        self.expr(depth + 1);
                    }
                    let s = self.pick(&[",", "\n"]);
                    self.tok(s);
                }
                self.nl();
                self.tok("}");
            }
            16 => {
                self.tok("fn(");
                if self.chance(50) {
                    self.name();
                    if self.chance(50) {
                        self.tok(":");
                        self.ty(0);
                    }
                }
                self.tok(")");
                if self.chance(40) {
                    self.ty(0);
                }
                self.block(depth + 1);
            }
            _ => {
                self.name();
                if self.chance(50) {
                    self.args(depth);
                }
            }
        }
        // Postfix members, possibly continued on the next line.
        while self.chance(25) {
            if self.chance(20) {
                self.out.push_str("\n  ");
            }
            self.tok(".");
            self.name();
            if self.chance(50) {
                self.args(depth);
            }
        }
    }

    fn operand(&mut self, depth: usize, ns: bool) {
        while self.chance(15) {
            let p = self.pick(&["-", "not ", "- "]);
            self.tok(p);
        }
        self.atom(depth, ns);
    }

    fn expr_ns(&mut self, depth: usize) {
        self.expr_chain(depth, true);
    }

    fn expr_chain(&mut self, depth: usize, ns: bool) {
        self.operand(depth, ns);
        let n = if depth > 2 { 0 } else { self.rng.below(3) };
        for _ in 0..n {
            let op = self.pick(&[
                "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "and", "or", "+", "..",
            ]);
            self.tok(" ");
            self.tok(op);
            self.nl();
            self.out.push(' ');
            self.operand(depth + 1, ns);
        }
    }

    fn expr(&mut self, depth: usize) {
        if self.chance(8) {
            self.tok("try ");
            self.expr_chain(depth + 1, false);
            match self.rng.below(3) {
                0 => {
                    self.tok("->");
                    self.nl();
                    self.ident();
                    self.block(depth + 1);
                }
                1 => {
                    self.tok("-> ");
                    self.ident();
                }
                _ => {}
            }
        } else {
            self.expr_chain(depth, false);
        }
    }

    fn params(&mut self) {
        self.tok("(");
        for i in 0..self.rng.below(3) {
            if i > 0 {
                self.tok(",");
                self.nl();
            }
            if self.chance(20) {
                self.tok("mut ");
            }
            self.name();
            self.tok(":");
            self.ty(0);
        }
        self.tok(")");
    }

    fn stmt(&mut self, depth: usize) {
        match self.rng.below(if depth > 0 { 9 } else { 16 }) {
            0 | 1 => {
                let k = self.pick(&["let ", "mut "]);
                self.tok(k);
                self.name();
                if self.chance(30) {
                    self.tok(":");
                    self.ty(0);
                }
                self.tok("=");
                self.nl();
                self.expr(depth);
            }
            2 => {
                self.expr(depth);
                let op = self.pick(&["=", "=+", "=-", " = "]);
                self.tok(op);
                self.nl();
                self.expr(depth);
            }
            3 => {
                self.tok("while ");
                if self.chance(80) {
                    self.expr_ns(depth + 1);
                }
                self.block(depth);
            }
            4 => {
                self.tok("for ");
                self.name();
                if self.chance(40) {
                    self.tok(",");
                    self.name();
                }
                self.tok(" in ");
                self.expr_ns(depth + 1);
                self.block(depth);
            }
            5 => {
                self.tok("for mut i = 0;");
                self.expr_ns(depth + 1);
                self.tok(";");
                self.tok("i =+ 1");
                if self.chance(30) {
                    self.tok(";");
                }
                self.block(depth);
            }
            6 => self.tok("break"),
            7 | 8 => self.expr(depth),
            9 | 10 => {
                if self.chance(20) {
                    self.tok("private ");
                }
                self.tok("fn ");
                if self.chance(15) {
                    self.tok("mut ");
                }
                self.ident();
                if self.chance(15) {
                    self.tok("::");
                    self.ident();
                }
                self.params();
                if self.chance(60) {
                    self.ty(0);
                }
                self.block(depth);
            }
            11 => {
                self.tok("struct ");
                self.ident();
                self.tok("{");
                for _ in 0..self.rng.below(4) {
                    self.nl();
                    self.name();
                    self.tok(":");
                    self.ty(0);
                    let s = self.pick(&[",", "", "\n"]);
                    self.tok(s);
                }
                self.nl();
                self.tok("}");
            }
            12 => {
                self.tok("enum E {");
                for _ in 0..self.rng.below(4) {
                    self.nl();
                    self.ident();
                    let s = self.pick(&[",", "", "\n"]);
                    self.tok(s);
                }
                self.tok("}");
            }
            13 => {
                self.tok("trait T {");
                for _ in 0..self.rng.below(3) {
                    self.nl();
                    self.tok("fn ");
                    self.ident();
                    self.params();
                    if self.chance(50) {
                        self.ty(0);
                    }
                    self.out.push('\n');
                }
                self.tok("}");
            }
            14 => {
                self.tok("impl ");
                if self.chance(50) {
                    self.tok("Str::ToString for ");
                }
                self.ident();
                self.tok("{");
                for _ in 0..self.rng.below(3) {
                    self.out.push('\n');
                    self.tok("fn ");
                    self.ident();
                    self.params();
                    self.block(depth + 1);
                }
                self.nl();
                self.tok("}");
            }
            _ => {
                if self.chance(50) {
                    self.tok("type X =");
                    self.nl();
                    if self.chance(30) {
                        self.tok("|");
                    }
                    self.ty(0);
                    for _ in 0..self.rng.below(3) {
                        self.nl();
                        self.tok("|");
                        self.nl();
                        self.ty(0);
                    }
                } else {
                    self.tok("extern fn ");
                    self.ident();
                    self.params();
                    self.ty(0);
                    self.tok("=");
                    self.nl();
                    self.tok("\"Go.Binding\"");
                }
            }
        }
        self.sp();
        if self.chance(20) {
            self.out.push_str(" // done\n");
        }
    }

    pub(crate) fn program(&mut self) -> String {
        self.out.clear();
        for _ in 0..self.rng.below(3) {
            self.tok("use ard/io");
            if self.chance(30) {
                self.tok(" as ");
                self.ident();
            }
            self.out.push('\n');
        }
        for _ in 0..1 + self.rng.below(6) {
            self.stmt(0);
            self.out.push('\n');
        }
        std::mem::take(&mut self.out)
    }
}

#[test]
fn generated_programs_agree() {
    // `ARD_GENERATED=n[,seed]` runs a longer or different campaign.
    let setting = std::env::var("ARD_GENERATED").unwrap_or_default();
    let mut setting = setting.split(',').map(|s| s.trim().parse::<u64>().ok());
    let rounds = setting.next().flatten().unwrap_or(3000);
    let seed = setting.next().flatten().unwrap_or(0x2545_F491_4F6C_DD1D);
    let mut g = Gen {
        rng: Rng(seed | 1),
        out: String::new(),
    };
    let mut failures = Vec::new();
    let mut valid = 0;
    for round in 0..rounds {
        let mut src = g.program();
        // A quarter get a few random edits too.
        if round % 4 == 0 {
            src = mutate_tokens(&src, &mut g.rng).unwrap_or(src);
        }
        match disagreement_and_validity(&src) {
            Ok(v) => {
                valid += usize::from(v);
                if !v && round % 4 != 0 && std::env::var("ARD_GEN_DEBUG").is_ok() {
                    let e = parse_slow(FileId(0), &src).err().unwrap_or_default();
                    let e = e
                        .first()
                        .map(|d| format!("{}..{} {}", d.span.start, d.span.end, d.message));
                    eprintln!("----\n{src}\n=> {e:?}");
                }
            }
            Err(d) => {
                failures.push(format!("round {round}:\n{src}\n{d}"));
                if failures.len() >= 3 {
                    break;
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} generated programs disagree, e.g.:\n{}",
        failures.len(),
        failures.join("\n\n=====\n\n")
    );
    eprintln!("{rounds} generated programs agree ({valid} of them valid)");
}

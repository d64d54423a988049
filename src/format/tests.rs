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
    assert!(valid > rounds as usize / 4, "only {valid} of {rounds} parse");
    eprintln!("{rounds} random programs, {valid} parse and format stably");
}

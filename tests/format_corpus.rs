//! `ard2go fmt` is safe (#14), checked over the whole corpus: every test
//! program (tests/programs), example (examples/), standard-library module
//! (runtime-go/) and generated program (tests/generator).
//!
//! - meaning: each program compiles to the same Go before and after
//!   formatting once `//line` directives are ignored (or, for programs the
//!   checker rejects, gives the same error messages);
//! - idempotence: formatting formatted text changes nothing;
//! - comments: the multiset of comment texts is the same;
//! - dogfood: the corpus itself is formatted (`ard2go fmt --check`), except
//!   the files in `FMT_EXCLUDED` (deliberate layout and syntax-error tests).
//!
//! `ARD2GO_FMT_GEN_COUNT` (default 200) sets how many generated programs
//! take part.

mod common;
mod generator;

use ard2go::driver::{self, CompileError};
use ard2go::format::{comments, format_source};
use ard2go::load::{FileSystem, RealFs};
use common::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Files that stay as written: syntax-error tests (they do not parse) and
/// tests of the layouts the parser accepts (formatting would remove what
/// they test). Paths relative to the repository root.
const FMT_EXCLUDED: &[&str] = &[
    // Not UTF-8 (`ard2go fmt` leaves such files alone).
    "tests/programs/stdlib/std30_json_invalid_utf8.ard",
    // Layout tests: commas and line breaks the formatter normalises.
    "tests/programs/lang/lang_01_02_18_20_comments_layout.ard",
    "tests/programs/lang/lang_l8_else_after_blank_line.ard",
    // Syntax-error tests.
    "tests/programs/errors/and_and_operator.ard",
    "tests/programs/errors/literal_as_callee.ard",
    "tests/programs/errors/operator_line_break.ard",
    "tests/programs/errors/parse_block_comment.ard",
    "tests/programs/errors/parse_enum_variant_value.ard",
    "tests/programs/errors/parse_missing_close_brace.ard",
    "tests/programs/errors/parse_semicolon_statement.ard",
    "tests/programs/errors/parse_stray_question_mark.ard",
    "tests/programs/errors/parse_unterminated_string.ard",
    "tests/programs/errors/positional_after_named.ard",
    "tests/programs/errors/stray_character.ard",
    "tests/programs/errors/try_call_at_expression_start.ard",
    "tests/programs/errors/use_after_statement.ard",
    "tests/programs/errors/l11_mixed_method_args.ard",
    "tests/programs/errors/l11_mixed_positional_then_named.ard",
    "tests/programs/errors/l11_mixed_static_args.ard",
    "tests/programs/errors/named_arg_twice.ard",
    "tests/programs/errors/recover_across_modules/geo/shapes.ard",
    "tests/programs/errors/recover_imports.ard",
    "tests/programs/errors/recover_independent_functions.ard",
    "tests/programs/errors/recover_inference.ard",
    "tests/programs/errors/recover_types_and_methods.ard",
    "tests/programs/errors/recover_unclosed_block.ard",
    "tests/programs/errors/reserved_param_name_as.ard",
    "tests/programs/errors/generic_struct_parameter_syntax.ard",
    "tests/programs/modules/mod04_parse_error.ard",
    "tests/programs/modules/mod24_use_after_declaration.ard",
    "tests/programs/modules/mod28_parse_error_in_imported_module/broken.ard",
    "tests/programs/modules/mod39_private_let.ard",
];

fn gen_count() -> u64 {
    std::env::var("ARD2GO_FMT_GEN_COUNT")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(200)
}

/// Every `.ard` file under `dir`, sorted.
fn ard_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            ard_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "ard") {
            out.push(p);
        }
    }
}

fn corpus_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["tests/programs", "examples", "runtime-go"] {
        ard_files(&root().join(dir), &mut files);
    }
    files
}

/// The real file system with some `.ard` files replaced.
struct Overlay {
    files: HashMap<PathBuf, String>,
}

impl FileSystem for Overlay {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        match path.canonicalize().ok().and_then(|p| self.files.get(&p)) {
            Some(text) => Ok(text.clone()),
            None => RealFs.read(path),
        }
    }
    fn is_file(&self, path: &Path) -> bool {
        RealFs.is_file(path)
    }
    fn is_dir(&self, path: &Path) -> bool {
        RealFs.is_dir(path)
    }
    fn canonicalize(&self, path: &Path) -> Option<PathBuf> {
        RealFs.canonicalize(path)
    }
}

/// One file in memory: `/gen/main.ard`.
struct OneFile(String);

const GEN_ENTRY: &str = "/gen/main.ard";

impl FileSystem for OneFile {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        if path == Path::new(GEN_ENTRY) {
            Ok(self.0.clone())
        } else {
            Err(std::io::Error::from(std::io::ErrorKind::NotFound))
        }
    }
    fn is_file(&self, path: &Path) -> bool {
        path == Path::new(GEN_ENTRY)
    }
    fn is_dir(&self, path: &Path) -> bool {
        path == Path::new("/gen") || path == Path::new("/")
    }
    fn canonicalize(&self, path: &Path) -> Option<PathBuf> {
        (self.is_file(path) || self.is_dir(path)).then(|| path.to_path_buf())
    }
}

/// What a program compiles to: its Go files without `//line` directives,
/// or its error messages (positions left out: they move).
#[derive(Debug, PartialEq)]
enum Outcome {
    Go(Vec<(String, String)>),
    Errors(Vec<String>),
    Load(String),
}

fn compile(path: &Path, fs: &dyn FileSystem) -> Outcome {
    match driver::check_path(path, fs) {
        Ok(checked) => Outcome::Go(
            driver::generate(&checked)
                .into_iter()
                .map(|f| {
                    let text: Vec<String> = f
                        .text
                        .lines()
                        .filter(|l| !l.trim_start().starts_with("//line "))
                        .map(without_positions)
                        .collect();
                    (f.name, text.join("\n"))
                })
                .collect(),
        ),
        Err(CompileError::Diagnostics(_, diags)) => {
            Outcome::Errors(diags.into_iter().map(|d| d.message).collect())
        }
        Err(CompileError::Load(msg)) => Outcome::Load(msg),
    }
}

/// `line` with the source positions that run-time errors report
/// (`"main.ard:12:3"`) blanked out: like `//line` directives, they move.
fn without_positions(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find(".ard:") {
        out.push_str(&rest[..i + 5]);
        rest = &rest[i + 5..];
        let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
        let n = digits(rest);
        if n > 0 && rest[n..].starts_with(':') && digits(&rest[n + 1..]) > 0 {
            let m = digits(&rest[n + 1..]);
            out.push_str("L:C");
            rest = &rest[n + 1 + m..];
        }
    }
    out.push_str(rest);
    out
}

/// The first differing line of two outcomes, for the failure message.
fn first_difference(a: &Outcome, b: &Outcome) -> String {
    if let (Outcome::Go(a), Outcome::Go(b)) = (a, b) {
        for ((na, ta), (nb, tb)) in a.iter().zip(b) {
            if na != nb {
                return format!("files {na} / {nb}");
            }
            for (i, (la, lb)) in ta.lines().zip(tb.lines()).enumerate() {
                if la != lb {
                    return format!("{na}:{}: `{la}` became `{lb}`", i + 1);
                }
            }
            if ta != tb {
                return format!("{na}: lengths differ");
            }
        }
        return format!("{} files became {}", a.len(), b.len());
    }
    format!("{a:?}\nbecame\n{b:?}")
}

/// The test programs and examples: `.ard` files and project folders.
fn programs() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = cases_in(&root().join("tests").join("programs"))
        .into_iter()
        .map(|c| c.1)
        .collect();
    let mut examples: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "ard")
                || (p.is_dir() && p.join("main.ard").is_file())
        })
        .collect();
    examples.sort();
    out.extend(examples);
    out
}

#[test]
fn formatting_keeps_the_meaning_of_every_program() {
    let programs = programs();
    let failures = parallel(
        &programs,
        |p| p.display().to_string(),
        |path| {
            let mut files = Vec::new();
            if path.is_dir() {
                ard_files(path, &mut files);
            } else {
                files.push(path.clone());
            }
            let mut formatted = HashMap::new();
            for f in &files {
                // `ard2go fmt` leaves files that are not UTF-8 alone.
                let Ok(text) = std::fs::read_to_string(f) else {
                    continue;
                };
                if let Ok(out) = format_source(&text) {
                    formatted.insert(f.canonicalize().map_err(|e| e.to_string())?, out);
                }
            }
            let before = compile(path, &RealFs);
            let after = compile(path, &Overlay { files: formatted });
            if before != after {
                return Err(first_difference(&before, &after));
            }
            Ok(())
        },
    );
    let seeds: Vec<u64> = (1..=gen_count()).collect();
    let gen_failures = parallel(
        &seeds,
        |s| format!("generated seed {s}"),
        |&seed| {
            let source = generator::generate(seed).source;
            let formatted = format_source(&source).map_err(|d| format!("{d:?}"))?;
            let before = compile(Path::new(GEN_ENTRY), &OneFile(source));
            let after = compile(Path::new(GEN_ENTRY), &OneFile(formatted));
            if !matches!(before, Outcome::Go(_)) {
                return Err(format!(
                    "the generated program does not compile: {before:?}"
                ));
            }
            if before != after {
                return Err(first_difference(&before, &after));
            }
            Ok(())
        },
    );
    eprintln!(
        "meaning: {} test programs and examples, {} generated programs",
        programs.len(),
        seeds.len()
    );
    assert!(programs.len() > 400, "corpus too small: {}", programs.len());
    let all: Vec<String> = failures.into_iter().chain(gen_failures).collect();
    assert!(
        all.is_empty(),
        "formatting changed the meaning of {} programs:\n{}",
        all.len(),
        all.join("\n")
    );
}

/// Idempotence and comments for one text; `Ok(false)` when it does not
/// parse.
fn stable(text: &str) -> Result<bool, String> {
    let Ok(once) = format_source(text) else {
        return Ok(false);
    };
    let twice =
        format_source(&once).map_err(|d| format!("formatted text does not parse: {d:?}"))?;
    if twice != once {
        let line = once
            .lines()
            .zip(twice.lines())
            .position(|(a, b)| a != b)
            .map_or(0, |i| i + 1);
        return Err(format!(
            "not idempotent (line {line} of the formatted text)"
        ));
    }
    let mut before = comments::texts(text);
    let mut after = comments::texts(&once);
    before.sort_unstable();
    after.sort_unstable();
    if before != after {
        return Err(format!("comments changed: {before:?} -> {after:?}"));
    }
    Ok(true)
}

#[test]
fn formatting_is_idempotent_and_keeps_every_comment() {
    let files = corpus_files();
    let parsed = std::sync::atomic::AtomicUsize::new(0);
    let comment_count = std::sync::atomic::AtomicUsize::new(0);
    let failures = parallel(
        &files,
        |p| p.display().to_string(),
        |path| {
            let Ok(text) = std::fs::read_to_string(path) else {
                return Ok(());
            };
            if stable(&text)? {
                parsed.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                comment_count.fetch_add(
                    comments::texts(&text).len(),
                    std::sync::atomic::Ordering::SeqCst,
                );
            }
            Ok(())
        },
    );
    let seeds: Vec<u64> = (1..=gen_count()).collect();
    let gen_failures = parallel(
        &seeds,
        |s| format!("generated seed {s}"),
        |&seed| match stable(&generator::generate(seed).source)? {
            true => Ok(()),
            false => Err("does not parse".to_string()),
        },
    );
    let parsed = parsed.into_inner();
    eprintln!(
        "idempotence and comments: {} files ({} parse, {} comments), {} generated programs",
        files.len(),
        parsed,
        comment_count.into_inner(),
        seeds.len()
    );
    assert!(parsed > 400, "corpus too small: {parsed}");
    let all: Vec<String> = failures.into_iter().chain(gen_failures).collect();
    assert!(
        all.is_empty(),
        "{} failures:\n{}",
        all.len(),
        all.join("\n")
    );
}

/// Dogfood: the test programs and examples are kept formatted, checked
/// with the real command (`ard2go fmt --check FILES...`).
#[test]
fn test_programs_and_examples_are_formatted() {
    let mut files = Vec::new();
    ard_files(&root().join("tests").join("programs"), &mut files);
    ard_files(&root().join("examples"), &mut files);
    let files: Vec<PathBuf> = files
        .into_iter()
        .filter(|f| {
            let rel = f.strip_prefix(root()).unwrap_or(f);
            !FMT_EXCLUDED.iter().any(|x| Path::new(x) == rel)
        })
        .collect();
    assert!(files.len() > 400, "too few files: {}", files.len());
    let out = ard2go()
        .arg("fmt")
        .arg("--check")
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "these files are not formatted (run `ard2go fmt` on them, or list a deliberate \
         layout or syntax-error test in FMT_EXCLUDED):\n{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
}

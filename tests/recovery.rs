//! Issue 12 item 7 (LANG-132): checking goes on after syntax errors.
//!
//! Every `tests/programs/errors/recover_*` program (a file, or a project
//! folder) has syntax errors in declarations marked `// syntax error` and
//! type errors elsewhere. For each one:
//! - `ard2go check` reports exactly the errors listed in `<name>.errors`
//!   (`file:line:col: message`, in order), at least one syntax error and
//!   one type error among them;
//! - recovery never invents an error: the same program with the marked
//!   declarations deleted (blanked, so positions stay) has no syntax errors
//!   and reports every type error of the first run, at the same place with
//!   the same message.

mod common;
use common::*;
use std::path::{Path, PathBuf};

const MARK: &str = "// syntax error";

/// `file:line:col: message` of each diagnostic in `ard2go check` output.
fn diagnostics(stderr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut message: Option<&str> = None;
    for line in stderr.lines() {
        if let Some(m) = line.strip_prefix("error: ") {
            message = Some(m);
        } else if let Some((_, at)) = line.split_once("┌─ ")
            && let Some(m) = message.take()
        {
            out.push(format!("{}: {m}", at.trim()));
        }
    }
    out
}

fn check(dir: &Path, entry: &str) -> (i32, Vec<String>) {
    let out = ard2go()
        .args(["check", entry])
        .current_dir(dir)
        .output()
        .expect("ard2go runs");
    let stderr = text(&out.stderr);
    (out.status.code().unwrap_or(-1), diagnostics(&stderr))
}

/// The `.ard` files of a case, relative to its folder.
fn ard_files(dir: &Path, rel: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir.join(rel))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for p in entries {
        let name = rel.join(p.file_name().unwrap());
        if p.is_dir() {
            ard_files(dir, &name, out);
        } else if p.extension().is_some_and(|e| e == "ard") {
            out.push(name);
        }
    }
}

/// The declarations holding a mark blanked out: a declaration runs from a
/// line at the left margin that starts with a keyword to the next such line
/// (a `use` line is one line). Returns the text and the marked line ranges.
fn delete_marked(src: &str) -> (String, Vec<(usize, usize)>) {
    let lines: Vec<&str> = src.lines().collect();
    let starts_decl = |l: &str| {
        [
            "fn ", "struct ", "enum ", "impl ", "trait ", "type ", "let ", "mut ", "private ",
        ]
        .iter()
        .any(|k| l.starts_with(k))
    };
    let mut deleted = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if !l.contains(MARK) {
            continue;
        }
        let end = if l.starts_with("use ") {
            i + 1
        } else {
            (i + 1..lines.len())
                .find(|&j| starts_decl(lines[j]) || lines[j].starts_with("use "))
                .unwrap_or(lines.len())
        };
        deleted.push((i, end));
    }
    let out: Vec<&str> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if deleted.iter().any(|&(s, e)| i >= s && i < e) {
                ""
            } else {
                l
            }
        })
        .collect();
    (out.join("\n") + "\n", deleted)
}

#[test]
fn checking_goes_on_after_syntax_errors_and_invents_nothing() {
    let area = root().join("tests").join("programs").join("errors");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&area)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("recover_") && (p.is_dir() || name.ends_with(".ard"))
        })
        .collect();
    cases.sort();
    assert!(cases.len() >= 5, "recovery programs missing: {cases:?}");
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_stem().unwrap().to_string_lossy().into_owned();
        let scratch = tempfile::tempdir().unwrap();
        // The case in a scratch folder: the program as is, and beside it
        // the same program with the marked declarations deleted.
        let (dir, entry) = if case.is_dir() {
            (case.clone(), "main.ard".to_string())
        } else {
            (area.clone(), format!("{name}.ard"))
        };
        let mut files = Vec::new();
        if case.is_dir() {
            ard_files(case, Path::new(""), &mut files);
        } else {
            files.push(PathBuf::from(&entry));
        }
        let deleted_dir = scratch.path().join("deleted");
        let mut marked: Vec<(String, usize, usize)> = Vec::new();
        for f in &files {
            let src = std::fs::read_to_string(dir.join(f)).unwrap();
            let (text, ranges) = delete_marked(&src);
            let target = deleted_dir.join(f);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(&target, text).unwrap();
            for (s, e) in ranges {
                marked.push((f.display().to_string(), s + 1, e));
            }
        }
        if case.is_dir() {
            std::fs::copy(case.join("ard.toml"), deleted_dir.join("ard.toml")).unwrap();
        }
        let (code, got) = check(&dir, &entry);
        let want: Vec<String> = std::fs::read_to_string(area.join(format!("{name}.errors")))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect();
        if code != 1 || got != want {
            failures.push(format!(
                "{name}: exit {code}\n--- want\n{}\n--- got\n{}",
                want.join("\n"),
                got.join("\n")
            ));
            continue;
        }
        // The syntax errors, as the parser alone reports them; they must lie
        // in (or, for an unclosed block, be opened in) marked declarations.
        let mut syntax_errors = Vec::new();
        for f in &files {
            let src = std::fs::read_to_string(dir.join(f)).unwrap();
            let mut sources = ard2go::source::SourceMap::new();
            let id = sources.add(f.display().to_string(), src.clone());
            if let Err(diags) = ard2go::syntax::parse(id, &src) {
                for d in diags {
                    let first = std::iter::once(d.span)
                        .chain(d.secondary.iter().map(|l| l.span))
                        .map(|s| sources.get(id).line_col(s.start as usize).0)
                        .min()
                        .unwrap_or(0);
                    let name = f.display().to_string();
                    if !marked
                        .iter()
                        .any(|(m, s, e)| *m == name && first >= *s && first <= *e)
                    {
                        failures.push(format!(
                            "{name}: syntax error outside a marked declaration: {}",
                            d.message
                        ));
                    }
                    syntax_errors.push(d.short(&sources));
                }
            }
        }
        let (syntax, typed): (Vec<&String>, Vec<&String>) =
            got.iter().partition(|d| syntax_errors.contains(d));
        if syntax.is_empty() || typed.is_empty() {
            failures.push(format!(
                "{name}: needs syntax and type errors, got {syntax:?} and {typed:?}"
            ));
            continue;
        }
        let (dcode, without) = check(&deleted_dir, &entry);
        if dcode != 1 {
            failures.push(format!("{name}: deleted program exited {dcode}"));
            continue;
        }
        for d in &typed {
            if !without.contains(d) {
                failures.push(format!(
                    "{name}: `{d}` is not an error of the program without the broken declarations:\n{}",
                    without.join("\n")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

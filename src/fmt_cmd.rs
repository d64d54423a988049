//! `ard2go fmt` (part of the `ard2go` binary, not the library): finds the
//! `.ard` files, formats each with `format::format_file`, and writes the
//! ones that changed atomically. See docs/formatting.md.

use ard2go::format::format_file;
use ard2go::source::SourceMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

/// Format `paths` (files or folders; none means the current folder), or
/// stdin to stdout for the single path `-`. With `check`, nothing is
/// written: the files that would change are listed. Returns the exit code:
/// 1 when a file has syntax errors (it is left as it is, the others are
/// still formatted) or, with `check`, when a file would change; 2 when a
/// file cannot be read or written.
pub fn run(paths: &[PathBuf], check: bool) -> i32 {
    if paths.len() == 1 && paths[0] == Path::new("-") {
        return stdin_to_stdout(check);
    }
    let roots: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let mut files = Vec::new();
    for root in &roots {
        if root.is_dir() {
            collect(root, &mut files);
        } else if root.is_file() {
            files.push(root.clone());
        } else {
            eprintln!("error: {}: no such file or folder", root.display());
            return 2;
        }
    }
    let mut code = 0;
    for file in &files {
        code = code.max(format_one(file, check));
    }
    code
}

/// The `.ard` files under `dir`, sorted, skipping hidden folders and
/// `target`.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            if !name.starts_with('.') && name != "target" {
                collect(&p, out);
            }
        } else if name.ends_with(".ard") {
            out.push(p);
        }
    }
}

fn format_one(path: &Path, check: bool) -> i32 {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", path.display());
            return 2;
        }
    };
    // Other commands read invalid UTF-8 lossily; writing that back would
    // change the file's bytes, so such a file is left alone.
    let Ok(text) = String::from_utf8(bytes.clone()) else {
        eprintln!(
            "error: {} is not valid UTF-8; not formatted",
            path.display()
        );
        return 1;
    };
    let mut sources = SourceMap::new();
    let file = sources.add(path.display().to_string(), text.clone());
    let formatted = match format_file(file, &text) {
        Ok(f) => f,
        Err(diags) => {
            report(&sources, &diags, &path.display().to_string());
            return 1;
        }
    };
    if formatted.as_bytes() == bytes.as_slice() {
        return 0;
    }
    if check {
        println!("{}", path.display());
        return 1;
    }
    match write_atomically(path, &formatted) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            2
        }
    }
}

/// Write `text` to a temporary file beside `path` and rename it over
/// `path`, so that a reader (or a crash) never sees half a file. The file
/// keeps its permissions.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".ard2go-fmt-")
        .tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn stdin_to_stdout(check: bool) -> i32 {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
        eprintln!("error: cannot read stdin: {e}");
        return 2;
    }
    let Ok(text) = String::from_utf8(bytes.clone()) else {
        eprintln!("error: stdin is not valid UTF-8; not formatted");
        return 1;
    };
    let mut sources = SourceMap::new();
    let file = sources.add("<stdin>", text.clone());
    match format_file(file, &text) {
        Ok(formatted) => {
            if check {
                if formatted.as_bytes() != bytes.as_slice() {
                    println!("<stdin>");
                    return 1;
                }
                return 0;
            }
            let mut out = std::io::stdout().lock();
            if out
                .write_all(formatted.as_bytes())
                .and_then(|_| out.flush())
                .is_err()
            {
                return 2;
            }
            0
        }
        Err(diags) => {
            report(&sources, &diags, "<stdin>");
            1
        }
    }
}

/// The syntax errors of a file that was left as it is.
fn report(sources: &SourceMap, diags: &[ard2go::diagnostic::Diagnostic], name: &str) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!("{}", ard2go::diagnostic::render(diags, sources, color));
    let n = diags.len();
    let s = if n == 1 { "" } else { "s" };
    eprintln!("error: {name} not formatted because of {n} syntax error{s}");
}

//! Issue 15: `ard2go lsp` driven as an editor would drive it: a child
//! process spoken to over stdin/stdout with Content-Length framed JSON-RPC.

mod common;
use common::*;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(30);

struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    /// Notifications seen while waiting for something else.
    notes: Vec<Value>,
    next_id: i64,
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length: ") {
            len = v.parse::<usize>().ok();
        }
    }
    let mut buf = vec![0; len?];
    std::io::Read::read_exact(r, &mut buf).ok()?;
    serde_json::from_slice(&buf).ok()
}

impl Server {
    fn start() -> Server {
        let bin = ard2go().get_program().to_owned();
        let mut child = Command::new(bin)
            .arg("lsp")
            .env("ARD2GO_CACHE", cache_dir())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("ard2go lsp starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(m) = read_message(&mut r) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        let mut s = Server {
            child,
            stdin,
            messages: rx,
            notes: Vec::new(),
            next_id: 0,
        };
        let caps = s.request(
            "initialize",
            json!({"capabilities": {}, "processId": null, "rootUri": null}),
        );
        assert_eq!(caps["capabilities"]["hoverProvider"], json!(true), "{caps}");
        s.notify("initialized", json!({}));
        s
    }

    fn send(&mut self, v: Value) {
        let body = v.to_string();
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and wait for its response (the whole message).
    fn request_raw(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(m) if m["id"] == json!(id) => return m,
                Ok(m) => self.notes.push(m),
                Err(e) => panic!("no response to {method}: {e:?}"),
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let m = self.request_raw(method, params);
        assert!(m.get("error").is_none(), "{method} failed: {m}");
        m["result"].clone()
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        if let Some(i) = self.notes.iter().position(|n| {
            n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri
        }) {
            let n = self.notes.remove(i);
            return n["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok(n)
                    if n["method"] == "textDocument/publishDiagnostics"
                        && n["params"]["uri"] == uri =>
                {
                    return n["params"]["diagnostics"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default();
                }
                Ok(m) => self.notes.push(m),
                Err(RecvTimeoutError::Timeout) => panic!("no diagnostics for {uri}"),
                Err(e) => panic!("server gone: {e:?}"),
            }
        }
    }

    fn open(&mut self, path: &Path, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(path), "languageId": "ard", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, path: &Path, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(path), "version": version},
                   "contentChanges": [{"text": text}]}),
        );
    }

    /// `shutdown`, `exit`, and the exit code.
    fn stop(mut self) -> i32 {
        let r = self.request_raw("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Text position of the `nth` (0-based) occurrence of `needle` plus `delta` chars.
fn pos(text: &str, needle: &str, nth: usize, delta: usize) -> Value {
    let mut from = 0;
    let mut at = 0;
    for _ in 0..=nth {
        at = from
            + text[from..]
                .find(needle)
                .unwrap_or_else(|| panic!("{needle} not in text"));
        from = at + 1;
    }
    let at = at + delta;
    let line = text[..at].matches('\n').count();
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1);
    json!({"line": line, "character": col})
}

fn at(path: &Path, text: &str, needle: &str, nth: usize, delta: usize) -> Value {
    json!({"textDocument": {"uri": uri(path)}, "position": pos(text, needle, nth, delta)})
}

const MAIN: &str = r#"use ard/io
use app/shapes

struct Counter {
  count: Int,
}

impl Counter {
  fn label() Str {
    "n"
  }
}

fn twice(n: Int) Int {
  n * 2
}

fn main() {
  let c = Counter{count: 1}
  let total = twice(c.count)
  let s = shapes::Square{side: 2}
  io::print("{total} {shapes::area(s)}")
  io::print(c.label())
}
"#;

const SHAPES: &str = r#"struct Square {
  side: Int,
}

fn area(s: Square) Int {
  s.side * s.side
}

private fn hidden() Int {
  1
}
"#;

fn project() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("ard.toml"), "name = \"app\"\n").unwrap();
    std::fs::write(root.join("main.ard"), MAIN).unwrap();
    std::fs::write(root.join("shapes.ard"), SHAPES).unwrap();
    let main = root.join("main.ard");
    let shapes = root.join("shapes.ard");
    (dir, main, shapes)
}

fn hover_text(s: &mut Server, params: Value) -> String {
    let h = s.request("textDocument/hover", params);
    h["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn labels(items: &Value) -> Vec<String> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

/// Initialize, open (no errors), hover over locals, parameters, fields,
/// methods, functions and std functions, also inside string interpolation.
#[test]
fn hover_shows_types_and_signatures() {
    let (_dir, main, _) = project();
    let mut s = Server::start();
    s.open(&main, MAIN);
    assert_eq!(s.diagnostics(&uri(&main)), Vec::<Value>::new());
    let cases = [
        (("let total", 0, 4), "let total: Int"),
        (("n * 2", 0, 0), "n: Int"),
        (("c.count", 0, 3), "Counter.count: Int"),
        (("c.label", 0, 3), "fn Counter.label() Str"),
        (("twice(c", 0, 1), "fn twice(n: Int) Int"),
        (("print(\"", 0, 1), "fn print("),
        // Inside string interpolation.
        (("{total}", 0, 2), "let total: Int"),
        (("area(s)}", 0, 1), "fn area(s: Square) Int"),
        (("Counter{", 0, 1), "struct Counter"),
    ];
    for ((needle, nth, delta), want) in cases {
        let got = hover_text(&mut s, at(&main, MAIN, needle, nth, delta));
        assert!(
            got.contains(want),
            "hover at {needle:?}: want {want:?}, got {got:?}"
        );
    }
    assert_eq!(s.stop(), 0);
}

/// Go to definition: same file, another module, the standard library.
#[test]
fn definition_goes_to_declarations() {
    let (_dir, main, shapes) = project();
    let mut s = Server::start();
    s.open(&main, MAIN);
    let def = |s: &mut Server, needle: &str, nth: usize, delta: usize| {
        s.request(
            "textDocument/definition",
            at(&main, MAIN, needle, nth, delta),
        )
    };
    // A function in the same file.
    let d = def(&mut s, "twice(c", 0, 1);
    assert_eq!(d["uri"], uri(&main));
    assert_eq!(d["range"]["start"], pos(MAIN, "twice(n", 0, 0));
    // A local, a field, a method, a struct.
    assert_eq!(
        def(&mut s, "c.count", 0, 0)["range"]["start"],
        pos(MAIN, "c = ", 0, 0)
    );
    assert_eq!(
        def(&mut s, "c.count", 0, 3)["range"]["start"],
        pos(MAIN, "count: Int", 0, 0)
    );
    assert_eq!(
        def(&mut s, "c.label", 0, 3)["range"]["start"],
        pos(MAIN, "label() Str", 0, 0)
    );
    assert_eq!(
        def(&mut s, "Counter{", 0, 2)["range"]["start"],
        pos(MAIN, "Counter {", 0, 0)
    );
    // Another module, also from inside string interpolation.
    let d = def(&mut s, "area(s)}", 0, 1);
    assert_eq!(d["uri"], uri(&shapes));
    assert_eq!(d["range"]["start"], pos(SHAPES, "area(s: Square)", 0, 0));
    let d = def(&mut s, "Square{", 0, 1);
    assert_eq!(d["uri"], uri(&shapes));
    // The standard library: a real file holding the declaration.
    let d = def(&mut s, "print(c.label", 0, 1);
    let file = d["uri"]
        .as_str()
        .unwrap()
        .strip_prefix("file://")
        .unwrap()
        .to_string();
    let text = std::fs::read_to_string(&file).expect("std source written");
    let line = d["range"]["start"]["line"].as_u64().unwrap() as usize;
    assert!(
        text.lines().nth(line).unwrap().contains("fn print"),
        "{file}:{line}"
    );
    // Opened in the editor, the std file answers hovers and gets no
    // diagnostics of its own.
    let std_path = PathBuf::from(&file);
    s.open(&std_path, &text);
    let h = hover_text(
        &mut s,
        json!({"textDocument": {"uri": uri(&std_path)}, "position": d["range"]["start"]}),
    );
    assert!(h.contains("fn print("), "{h}");
    assert!(
        !s.notes.iter().any(|n| n["params"]["uri"] == uri(&std_path)),
        "diagnostics published for the std file"
    );
    assert_eq!(s.stop(), 0);
}

/// Completion after `module::`, after `value.`, and of names in scope.
#[test]
fn completion_offers_members_and_names() {
    let (_dir, main, _) = project();
    let mut s = Server::start();
    s.open(&main, MAIN);
    s.diagnostics(&uri(&main));
    let complete = |s: &mut Server, text: &str, needle: &str, delta: usize| {
        s.change(&main, 2, text);
        let r = s.request("textDocument/completion", at(&main, text, needle, 0, delta));
        labels(&r)
    };
    let edited = MAIN.replace("io::print(c.label())", "io::pr");
    let got = complete(&mut s, &edited, "io::pr", 6);
    assert!(got.contains(&"print".to_string()), "{got:?}");
    let edited = MAIN.replace("io::print(c.label())", "shapes::");
    let got = complete(&mut s, &edited, "shapes::\n", 8);
    assert!(
        got.contains(&"area".to_string()) && got.contains(&"Square".to_string()),
        "{got:?}"
    );
    assert!(!got.contains(&"hidden".to_string()), "{got:?}");
    let edited = MAIN.replace("io::print(c.label())", "c.");
    let got = complete(&mut s, &edited, "c.\n", 2);
    assert!(
        got.contains(&"count".to_string()) && got.contains(&"label".to_string()),
        "{got:?}"
    );
    // Inside string interpolation.
    let edited = MAIN.replace("io::print(c.label())", "io::print(\"{c.}\")");
    let got = complete(&mut s, &edited, "{c.}", 3);
    assert!(got.contains(&"count".to_string()), "{got:?}");
    let edited = MAIN.replace("io::print(c.label())", "let x = tot");
    let got = complete(&mut s, &edited, "= tot", 5);
    for want in ["total", "twice", "c", "io", "shapes"] {
        assert!(got.contains(&want.to_string()), "{want} missing: {got:?}");
    }
    assert_eq!(s.stop(), 0);
}

/// Diagnostics on open and change, the same as `ard2go check`, for the
/// changed file and its importers, cleared when fixed; unsaved text wins.
#[test]
fn diagnostics_follow_edits_and_match_check() {
    let (dir, main, shapes) = project();
    let mut s = Server::start();
    s.open(&main, MAIN);
    assert!(s.diagnostics(&uri(&main)).is_empty());
    // A type error and a syntax error in one buffer (not saved).
    let broken = MAIN
        .replace("n * 2", "n * \"2\"")
        .replace("fn main() {", "fn oops( {\n}\n\nfn main() {");
    s.change(&main, 2, &broken);
    let got = s.diagnostics(&uri(&main));
    // The same program on disk, checked by `ard2go check`.
    let copy = dir.path().join("copy");
    std::fs::create_dir(&copy).unwrap();
    std::fs::write(copy.join("ard.toml"), "name = \"app\"\n").unwrap();
    std::fs::write(copy.join("main.ard"), &broken).unwrap();
    std::fs::write(copy.join("shapes.ard"), SHAPES).unwrap();
    let out = ard2go()
        .args(["check", "main.ard"])
        .current_dir(&copy)
        .output()
        .unwrap();
    let stderr = text(&out.stderr);
    let want: Vec<(String, String)> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("error: "))
        .filter(|m| !m.starts_with("could not compile"))
        .map(str::to_string)
        .zip(
            stderr
                .lines()
                .filter_map(|l| l.split_once("┌─ ").map(|(_, p)| p.to_string())),
        )
        .collect();
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(want.len(), 2, "{stderr}");
    for (d, (msg, place)) in got.iter().zip(&want) {
        let first = d["message"].as_str().unwrap().lines().next().unwrap();
        assert_eq!(first, msg);
        let line = d["range"]["start"]["line"].as_u64().unwrap() + 1;
        let col = d["range"]["start"]["character"].as_u64().unwrap() + 1;
        assert!(
            place.ends_with(&format!(":{line}:{col}")),
            "{place} vs {line}:{col}"
        );
    }
    // Fixed: cleared.
    s.change(&main, 3, MAIN);
    assert!(s.diagnostics(&uri(&main)).is_empty());
    // An edit of the imported module reports the error in the importer.
    s.open(&shapes, SHAPES);
    s.diagnostics(&uri(&shapes));
    let changed = SHAPES.replace("fn area(s: Square) Int", "fn area(s: Str) Int");
    s.change(&shapes, 2, &changed);
    let mut main_diags = s.diagnostics(&uri(&main));
    while main_diags.is_empty() {
        main_diags = s.diagnostics(&uri(&main));
    }
    assert!(
        main_diags[0]["message"]
            .as_str()
            .unwrap()
            .contains("type mismatch"),
        "{main_diags:?}"
    );
    assert_eq!(s.stop(), 0);
}

/// Document symbols and references within the project.
#[test]
fn symbols_and_references() {
    let (_dir, main, shapes) = project();
    let mut s = Server::start();
    s.open(&main, MAIN);
    let syms = s.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri(&main)}}),
    );
    let names = labels_of(&syms, "name");
    assert_eq!(names, ["Counter", "impl Counter", "twice", "main"]);
    assert_eq!(syms[0]["children"][0]["name"], "count");
    assert_eq!(syms[1]["children"][0]["name"], "label");
    let refs = s.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri(&main)}, "position": pos(MAIN, "twice(n", 0, 1),
               "context": {"includeDeclaration": true}}),
    );
    assert_eq!(refs.as_array().unwrap().len(), 2, "{refs}");
    // `area` across modules: the declaration in shapes.ard and the use in main.ard.
    let refs = s.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri(&main)}, "position": pos(MAIN, "area(s)", 0, 1),
               "context": {"includeDeclaration": true}}),
    );
    let uris: Vec<&str> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["uri"].as_str().unwrap())
        .collect();
    assert!(
        uris.contains(&uri(&shapes).as_str()) && uris.contains(&uri(&main).as_str()),
        "{refs}"
    );
    // A local's references.
    let refs = s.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri(&main)}, "position": pos(MAIN, "total =", 0, 0),
               "context": {"includeDeclaration": false}}),
    );
    assert_eq!(refs.as_array().unwrap().len(), 1, "{refs}");
    assert_eq!(s.stop(), 0);
}

fn labels_of(v: &Value, key: &str) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|i| i[key].as_str().unwrap().to_string())
        .collect()
}

/// Garbage buffers, unknown methods and bad parameters get answers or
/// error responses; the server keeps serving and shuts down cleanly.
#[test]
fn garbage_never_stops_the_server() {
    let (_dir, main, _) = project();
    let mut s = Server::start();
    s.open(&main, MAIN);
    s.diagnostics(&uri(&main));
    let garbage = [
        "fn (((( {{{{ \"unterminated",
        "\u{0}\u{1}\u{7f}ÿ{}}}}}]]]",
        "struct { fn impl trait enum",
        "fn main() { let x = \"{x.}\" ",
        "",
        &"(".repeat(5000),
    ];
    for (i, g) in garbage.iter().enumerate() {
        s.change(&main, 10 + i as i32, g);
        for p in [
            pos(g, "", 0, 0),
            json!({"line": 0, "character": 3}),
            json!({"line": 99, "character": 99}),
        ] {
            let params = json!({"textDocument": {"uri": uri(&main)}, "position": p});
            for m in [
                "textDocument/hover",
                "textDocument/definition",
                "textDocument/completion",
            ] {
                let r = s.request_raw(m, params.clone());
                assert!(r.get("result").is_some() || r.get("error").is_some(), "{r}");
            }
        }
    }
    let r = s.request_raw("textDocument/noSuchThing", json!({}));
    assert_eq!(r["error"]["code"], json!(-32601), "{r}");
    let r = s.request_raw("textDocument/hover", json!({"bad": true}));
    assert_eq!(r["error"]["code"], json!(-32602), "{r}");
    // Still serving.
    s.change(&main, 99, MAIN);
    let got = hover_text(&mut s, at(&main, MAIN, "let total", 0, 4));
    assert!(got.contains("Int"), "{got}");
    assert_eq!(s.stop(), 0);
}

/// A plain file outside any project works too; `exit` without `shutdown`
/// ends with code 1.
#[test]
fn plain_file_and_exit_without_shutdown() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().canonicalize().unwrap().join("hello.ard");
    let src = "use ard/io\n\nfn main() {\n  let name = \"Ard\"\n  io::print(\"hi {name}\")\n}\n";
    std::fs::write(&file, src).unwrap();
    let mut s = Server::start();
    s.open(&file, src);
    assert!(s.diagnostics(&uri(&file)).is_empty());
    let got = hover_text(&mut s, at(&file, src, "{name}", 0, 2));
    assert!(got.contains("let name: Str"), "{got}");
    s.notify("exit", Value::Null);
    drop(s.stdin.take());
    let deadline = Instant::now() + WAIT;
    let code = loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            break st.code();
        }
        assert!(Instant::now() < deadline);
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(code, Some(1));
}

const TRAITS: &str = r#"use ard/io

enum Color {
  red,
  green,
}

trait Named {
  fn name() Str
}

struct Dog {
  age: Int,
}

impl Named for Dog {
  fn name() Str {
    "dog"
  }
}

fn describe(n: Named) Str {
  n.name()
}

fn main() {
  let c = Color::green
  let d = Dog{age: 3}
  io::print(describe(d))
  match c {
    Color::red => io::print("r"),
    Color::green => io::print("g"),
  }
}
"#;

/// Enums, variants, traits and trait methods: hover and definition, also
/// on a type name in an annotation; symbols of enums, traits and impls.
#[test]
fn enums_and_traits() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().canonicalize().unwrap().join("traits.ard");
    std::fs::write(&file, TRAITS).unwrap();
    let mut s = Server::start();
    s.open(&file, TRAITS);
    assert!(s.diagnostics(&uri(&file)).is_empty());
    let def = |s: &mut Server, needle: &str, nth: usize, delta: usize| {
        let d = s.request(
            "textDocument/definition",
            at(&file, TRAITS, needle, nth, delta),
        );
        d["range"]["start"].clone()
    };
    assert_eq!(
        def(&mut s, "Color::green", 0, 1),
        pos(TRAITS, "Color {", 0, 0)
    );
    assert_eq!(
        def(&mut s, "Color::green", 0, 8),
        pos(TRAITS, "green,", 0, 0)
    );
    assert_eq!(def(&mut s, "n: Named", 0, 4), pos(TRAITS, "Named {", 0, 0));
    assert_eq!(
        def(&mut s, "n.name()", 0, 3),
        pos(TRAITS, "name() Str\n}", 0, 0)
    );
    let cases = [
        (("let c", 0, 4), "let c: Color"),
        (("Color::red", 0, 8), "Color::red"),
        (("n.name()", 0, 3), "fn name() Str"),
        (("n.name()", 0, 0), "n: Named"),
    ];
    for ((needle, nth, delta), want) in cases {
        let got = hover_text(&mut s, at(&file, TRAITS, needle, nth, delta));
        assert!(
            got.contains(want),
            "hover at {needle:?}: want {want:?}, got {got:?}"
        );
    }
    let syms = s.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri(&file)}}),
    );
    assert_eq!(
        labels_of(&syms, "name"),
        [
            "Color",
            "Named",
            "Dog",
            "impl Named for Dog",
            "describe",
            "main"
        ]
    );
    assert_eq!(syms[0]["children"][1]["name"], "green");
    // Every use of the variant.
    let refs = s.request(
        "textDocument/references",
        json!({"textDocument": {"uri": uri(&file)}, "position": pos(TRAITS, "green,", 0, 1),
               "context": {"includeDeclaration": true}}),
    );
    assert_eq!(refs.as_array().unwrap().len(), 3, "{refs}");
    assert_eq!(s.stop(), 0);
}

/// A burst of edits: the diagnostics published last are those of the last
/// text (older pending checks are dropped, never published after it), and
/// a cancelled request still gets an answer (its result or
/// RequestCancelled).
#[test]
fn bursts_of_edits_end_with_the_latest_text() {
    let (_dir, main, _) = project();
    let mut s = Server::start();
    s.open(&main, MAIN);
    s.diagnostics(&uri(&main));
    let broken = MAIN.replace("n * 2", "n * \"2\"");
    for v in 0..30 {
        let text = if v % 2 == 0 { MAIN } else { broken.as_str() };
        s.change(&main, 2 + v, text);
    }
    // A request is answered after every edit sent before it.
    let got = hover_text(&mut s, at(&main, &broken, "let total", 0, 4));
    assert!(got.contains("let total: Int"), "{got}");
    let last = s
        .notes
        .iter()
        .rev()
        .find(|n| {
            n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri(&main)
        })
        .cloned()
        .expect("diagnostics published");
    let diags = last["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{last}");
    // Cancel a request right after sending it.
    s.next_id += 1;
    let id = s.next_id;
    let params = at(&main, &broken, "let total", 0, 4);
    s.send(json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": params}));
    s.notify("$/cancelRequest", json!({"id": id}));
    let deadline = Instant::now() + WAIT;
    let resp = loop {
        let m = s
            .messages
            .recv_timeout(deadline - Instant::now())
            .expect("an answer");
        if m["id"] == json!(id) {
            break m;
        }
    };
    assert!(
        resp.get("result").is_some() || resp["error"]["code"] == json!(-32800),
        "{resp}"
    );
    assert_eq!(s.stop(), 0);
}

/// Formatting through the formatter of `ard2go fmt`: the edit gives the
/// same text as the library; a formatted file gets no edit; a file with a
/// syntax error gets an error answer.
#[test]
fn formatting_uses_the_formatter() {
    let (_dir, main, _) = project();
    let mut s = Server::start();
    let messy = MAIN
        .replace("  n * 2", "      n*2")
        .replace("fn twice(n: Int) Int {", "fn twice( n : Int ) Int {");
    s.open(&main, &messy);
    s.diagnostics(&uri(&main));
    let params = json!({"textDocument": {"uri": uri(&main)}, "options": {"tabSize": 2, "insertSpaces": true}});
    let edits = s.request("textDocument/formatting", params.clone());
    let edits = edits.as_array().unwrap();
    assert_eq!(edits.len(), 1, "{edits:?}");
    let want = ard2go::format::format_source(&messy).expect("formats");
    assert_eq!(edits[0]["newText"], json!(want));
    assert_eq!(
        edits[0]["range"]["start"],
        json!({"line": 0, "character": 0})
    );
    assert_ne!(want, messy);
    s.change(&main, 2, &want);
    let again = s.request("textDocument/formatting", params.clone());
    assert_eq!(again, json!([]));
    s.change(&main, 3, "fn main() {\n  let = 1\n}\n");
    let r = s.request_raw("textDocument/formatting", params);
    assert!(r.get("error").is_some(), "{r}");
    assert_eq!(s.stop(), 0);
}

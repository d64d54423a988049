//! Issue 15: how long `ard2go lsp` takes from a change of a 5,000-line file
//! to its published diagnostics. The server runs on an in-memory
//! connection; each iteration sends `didChange` (full text) and waits for
//! `publishDiagnostics`. Three edits: a valid program, one type error, one
//! syntax error (recovery re-parses the file).
//!
//! `cargo bench --bench lsp` prints divan's timings, then a best-of-20
//! summary in milliseconds.

use ard2go::syntax::generate_benchmark_program;
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::json;
use std::time::{Duration, Instant};

const LINES: usize = 5_000;

fn main() {
    divan::main();
    report();
}

struct Client {
    conn: Connection,
    uri: String,
    version: i32,
    _dir: tempfile::TempDir,
    server: Option<std::thread::JoinHandle<i32>>,
}

impl Client {
    fn start(text: &str) -> Client {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().canonicalize().unwrap().join("big.ard");
        std::fs::write(&path, text).unwrap();
        let (server, conn) = Connection::memory();
        let handle = std::thread::spawn(move || ard2go::lsp::serve(server));
        let init = Request::new(
            RequestId::from(1),
            "initialize".to_string(),
            json!({"capabilities": {}, "processId": null, "rootUri": null}),
        );
        conn.sender.send(init.into()).unwrap();
        loop {
            if let Message::Response(_) = conn.receiver.recv().unwrap() {
                break;
            }
        }
        let note = |m: &str, p| Message::Notification(Notification::new(m.to_string(), p));
        conn.sender.send(note("initialized", json!({}))).unwrap();
        let uri = format!("file://{}", path.display());
        conn.sender
            .send(note(
                "textDocument/didOpen",
                json!({"textDocument": {"uri": uri, "languageId": "ard", "version": 1, "text": text}}),
            ))
            .unwrap();
        let c = Client {
            conn,
            uri,
            version: 1,
            _dir: dir,
            server: Some(handle),
        };
        c.wait_diagnostics();
        c
    }

    /// Diagnostics for the document: how many.
    fn wait_diagnostics(&self) -> usize {
        loop {
            match self.conn.receiver.recv_timeout(Duration::from_secs(60)) {
                Ok(Message::Notification(n))
                    if n.method == "textDocument/publishDiagnostics"
                        && n.params["uri"] == self.uri =>
                {
                    return n.params["diagnostics"].as_array().map_or(0, Vec::len);
                }
                Ok(_) => {}
                Err(e) => panic!("no diagnostics: {e}"),
            }
        }
    }

    /// Change the document; the time until its diagnostics arrive.
    fn change(&mut self, text: &str) -> (Duration, usize) {
        self.version += 1;
        let start = Instant::now();
        self.conn
            .sender
            .send(Message::Notification(Notification::new(
                "textDocument/didChange".to_string(),
                json!({"textDocument": {"uri": self.uri, "version": self.version},
                       "contentChanges": [{"text": text}]}),
            )))
            .unwrap();
        let n = self.wait_diagnostics();
        (start.elapsed(), n)
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let shutdown = Request::new(RequestId::from(999), "shutdown".to_string(), json!(null));
        let _ = self.conn.sender.send(shutdown.into());
        let exit = Notification::new("exit".to_string(), json!(null));
        let _ = self.conn.sender.send(exit.into());
        if let Some(h) = self.server.take() {
            let _ = h.join();
        }
    }
}

/// The program and the three edits of it (each differs from the last, so
/// every change is a real one).
fn versions() -> [String; 4] {
    let text = generate_benchmark_program(LINES);
    let valid = text.replacen("mut sum = 0", "mut sum = 1", 1);
    let type_error = text.replacen("mut sum = 0", "mut sum = \"0\"", 1);
    let syntax_error = text.replacen("mut sum = 0", "mut sum = (0", 1);
    [text, valid, type_error, syntax_error]
}

fn bench_edit(bencher: divan::Bencher, which: usize) {
    let v = versions();
    let mut client = Client::start(&v[0]);
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        let text = if flip { &v[which] } else { &v[0] };
        client.change(text)
    });
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn change_valid_5000_lines(bencher: divan::Bencher) {
    bench_edit(bencher, 1);
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn change_type_error_5000_lines(bencher: divan::Bencher) {
    bench_edit(bencher, 2);
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn change_syntax_error_5000_lines(bencher: divan::Bencher) {
    bench_edit(bencher, 3);
}

/// Best of 20 changes to each version, in milliseconds.
fn report() {
    let v = versions();
    let lines = v[0].lines().count();
    let mut client = Client::start(&v[0]);
    for (name, which) in [("valid", 1), ("type error", 2), ("syntax error", 3)] {
        let mut best = Duration::MAX;
        let mut diags = 0;
        for _ in 0..20 {
            let (t, n) = client.change(&v[which]);
            best = best.min(t);
            diags = n;
            client.change(&v[0]);
        }
        println!(
            "lsp: {lines}-line file, change to diagnostics ({name}, {diags} diagnostics): best {:.1} ms",
            best.as_secs_f64() * 1000.0
        );
    }
}

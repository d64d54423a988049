//! `ard2go lsp`: a language server over stdio (issue 15).
//!
//! # Design
//!
//! The protocol is `lsp-server` (framing, JSON-RPC, the initialize and
//! shutdown handshakes) and `lsp-types` (the messages), as in rust-analyzer.
//! Two threads:
//! - the main thread reads messages. Document changes (full text sync) go
//!   into a shared map and queue a "changed" job; requests are queued;
//!   `$/cancelRequest` marks a queued request as cancelled; `shutdown` and
//!   `exit` end the loop.
//! - the worker takes jobs in order. Every queued "changed" job is folded
//!   into one check of the latest texts (an edit makes older pending checks
//!   stale, so they are never run), after which the diagnostics of every
//!   file of the checked programs are published. A request is answered
//!   from the latest check; a panic while answering becomes an error
//!   response, and the server keeps serving.
//!
//! A program is checked exactly as `ard2go check` does (`driver::analyze`,
//! the same diagnostics), with open buffers laid over the disk through the
//! `load::FileSystem` abstraction (`world.rs`). The answers come from what
//! the checker recorded (`index.rs`): resolved ids and spans in the typed
//! IR and the declaration spans of locals.
//!
//! The standard library's sources are embedded in ard2go; for "go to
//! definition" they are written to `<cache>/std-src/<content hash>/<m>.ard`
//! (the cache is `ARD2GO_CACHE`, `$XDG_CACHE_HOME/ard2go` or
//! `~/.cache/ard2go`), plain files every editor can open.

mod features;
mod index;
mod text;
mod world;

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lt;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use world::World;

pub use index::Index;

/// Run the server on stdin/stdout until `exit`. Returns the process exit
/// code: 0 after a `shutdown` request, 1 otherwise (as the protocol says).
pub fn run() -> i32 {
    let (conn, io) = Connection::stdio();
    let code = serve(conn);
    let _ = io.join();
    code
}

/// The capabilities this server offers.
fn capabilities() -> lt::ServerCapabilities {
    lt::ServerCapabilities {
        text_document_sync: Some(lt::TextDocumentSyncCapability::Kind(
            lt::TextDocumentSyncKind::FULL,
        )),
        hover_provider: Some(lt::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lt::OneOf::Left(true)),
        references_provider: Some(lt::OneOf::Left(true)),
        document_symbol_provider: Some(lt::OneOf::Left(true)),
        completion_provider: Some(lt::CompletionOptions {
            trigger_characters: Some(vec![".".to_string(), ":".to_string()]),
            ..Default::default()
        }),
        document_formatting_provider: formatting_available().then_some(lt::OneOf::Left(true)),
        ..Default::default()
    }
}

struct Shared {
    docs: Mutex<HashMap<PathBuf, String>>,
    /// Set by an edit, cleared by the check that sees it.
    dirty: AtomicBool,
    cancelled: Mutex<HashSet<RequestId>>,
}

enum Job {
    Changed,
    Request(Request),
}

/// Serve one connection (stdio, or in memory in tests).
pub fn serve(conn: Connection) -> i32 {
    let caps = match serde_json::to_value(capabilities()) {
        Ok(v) => v,
        Err(_) => return 1,
    };
    if conn.initialize(caps).is_err() {
        return 1;
    }
    let shared = Arc::new(Shared {
        docs: Mutex::new(HashMap::new()),
        dirty: AtomicBool::new(false),
        cancelled: Mutex::new(HashSet::new()),
    });
    let (jobs, queue) = crossbeam_channel::unbounded::<Job>();
    let worker = {
        let shared = shared.clone();
        let out = conn.sender.clone();
        std::thread::spawn(move || work(&shared, &queue, &out))
    };
    let mut code = 1;
    for msg in &conn.receiver {
        match msg {
            Message::Request(req) => {
                // `handle_shutdown` answers `shutdown` and waits for `exit`.
                match conn.handle_shutdown(&req) {
                    Ok(true) => {
                        code = 0;
                        break;
                    }
                    Ok(false) => {}
                    Err(_) => break,
                }
                if jobs.send(Job::Request(req)).is_err() {
                    break;
                }
            }
            Message::Notification(n) => {
                if n.method == "exit" {
                    break;
                }
                if notification(&shared, n) && jobs.send(Job::Changed).is_err() {
                    break;
                }
            }
            Message::Response(_) => {}
        }
    }
    drop(jobs);
    let _ = worker.join();
    code
}

/// Apply a notification; true when a document changed.
fn notification(shared: &Shared, n: Notification) -> bool {
    let path = |uri: &lt::Url| uri.to_file_path().ok().map(|p| world::normalize(&p));
    let mut docs = match shared.docs.lock() {
        Ok(d) => d,
        Err(e) => e.into_inner(),
    };
    let changed = match n.method.as_str() {
        "textDocument/didOpen" => {
            let Ok(p) = serde_json::from_value::<lt::DidOpenTextDocumentParams>(n.params) else {
                return false;
            };
            path(&p.text_document.uri)
                .map(|path| docs.insert(path, p.text_document.text))
                .is_some()
        }
        "textDocument/didChange" => {
            let Ok(p) = serde_json::from_value::<lt::DidChangeTextDocumentParams>(n.params) else {
                return false;
            };
            match (
                path(&p.text_document.uri),
                p.content_changes.into_iter().last(),
            ) {
                (Some(path), Some(change)) => {
                    docs.insert(path, change.text);
                    true
                }
                _ => false,
            }
        }
        "textDocument/didClose" => {
            let Ok(p) = serde_json::from_value::<lt::DidCloseTextDocumentParams>(n.params) else {
                return false;
            };
            path(&p.text_document.uri)
                .and_then(|path| docs.remove(&path))
                .is_some()
        }
        "$/cancelRequest" => {
            if let Ok(p) = serde_json::from_value::<lt::CancelParams>(n.params) {
                let id = match p.id {
                    lt::NumberOrString::Number(n) => RequestId::from(n),
                    lt::NumberOrString::String(s) => RequestId::from(s),
                };
                if let Ok(mut c) = shared.cancelled.lock() {
                    c.insert(id);
                }
            }
            false
        }
        _ => false,
    };
    if changed {
        shared.dirty.store(true, Ordering::SeqCst);
    }
    changed
}

fn work(shared: &Shared, queue: &Receiver<Job>, out: &Sender<Message>) {
    let mut world = World::default();
    let mut published: HashSet<PathBuf> = HashSet::new();
    while let Ok(first) = queue.recv() {
        let mut batch = vec![first];
        batch.extend(queue.try_iter());
        for job in batch {
            match job {
                Job::Changed => {
                    if shared.dirty.swap(false, Ordering::SeqCst) {
                        refresh(shared, &mut world, &mut published, out);
                    }
                }
                Job::Request(req) => {
                    // A request sees every edit made before it.
                    if shared.dirty.swap(false, Ordering::SeqCst) {
                        refresh(shared, &mut world, &mut published, out);
                    }
                    let cancelled = shared
                        .cancelled
                        .lock()
                        .map(|mut c| c.remove(&req.id))
                        .unwrap_or(false);
                    let resp = if cancelled {
                        Response::new_err(
                            req.id,
                            ErrorCode::RequestCanceled as i32,
                            "cancelled".to_string(),
                        )
                    } else {
                        answer(&world, req)
                    };
                    if out.send(Message::Response(resp)).is_err() {
                        return;
                    }
                }
            }
        }
    }
}

/// Check the latest texts and publish diagnostics.
fn refresh(
    shared: &Shared,
    world: &mut World,
    published: &mut HashSet<PathBuf>,
    out: &Sender<Message>,
) {
    world.docs = match shared.docs.lock() {
        Ok(d) => d.clone(),
        Err(e) => e.into_inner().clone(),
    };
    let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| world.analyze()));
    if ok.is_err() {
        world.programs.clear();
    }
    let mut now = HashSet::new();
    for (path, checked, diags) in world.diagnostics() {
        let Some(uri) = features::url_of(&path) else {
            continue;
        };
        let diagnostics = diags
            .iter()
            .map(|d| features::lsp_diagnostic(&checked, d))
            .collect();
        publish(out, uri, diagnostics);
        now.insert(path);
    }
    for old in published.difference(&now) {
        if let Some(uri) = features::url_of(old) {
            publish(out, uri, Vec::new());
        }
    }
    *published = now;
}

fn publish(out: &Sender<Message>, uri: lt::Url, diagnostics: Vec<lt::Diagnostic>) {
    let params = lt::PublishDiagnosticsParams {
        uri,
        diagnostics,
        version: None,
    };
    let _ = out.send(Message::Notification(Notification::new(
        "textDocument/publishDiagnostics".to_string(),
        params,
    )));
}

/// Answer one request; never panics (a panic becomes an error response).
fn answer(world: &World, req: Request) -> Response {
    let id = req.id.clone();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| dispatch(world, req)));
    match result {
        Ok(Ok(value)) => Response::new_ok(id, value),
        Ok(Err((code, msg))) => Response::new_err(id, code as i32, msg),
        Err(_) => Response::new_err(
            id,
            ErrorCode::InternalError as i32,
            "internal error in ard2go (a bug; please report it)".to_string(),
        ),
    }
}

type Answer = Result<Value, (ErrorCode, String)>;

fn params<P: serde::de::DeserializeOwned>(v: Value) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(v).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

fn json<T: serde::Serialize>(v: T) -> Answer {
    serde_json::to_value(v).map_err(|e| (ErrorCode::InternalError, e.to_string()))
}

fn dispatch(world: &World, req: Request) -> Answer {
    match req.method.as_str() {
        "textDocument/hover" => {
            let p: lt::HoverParams = params(req.params)?;
            let at = features::at(world, &p.text_document_position_params);
            json(at.and_then(|a| features::hover(&a)))
        }
        "textDocument/definition" => {
            let p: lt::GotoDefinitionParams = params(req.params)?;
            let at = features::at(world, &p.text_document_position_params);
            json(
                at.and_then(|a| features::definition(&a))
                    .map(lt::GotoDefinitionResponse::Scalar),
            )
        }
        "textDocument/references" => {
            let p: lt::ReferenceParams = params(req.params)?;
            let at = features::at(world, &p.text_document_position);
            json(at.and_then(|a| features::references(&a, p.context.include_declaration)))
        }
        "textDocument/completion" => {
            let p: lt::CompletionParams = params(req.params)?;
            json(completion(world, &p.text_document_position).map(lt::CompletionResponse::Array))
        }
        "textDocument/documentSymbol" => {
            let p: lt::DocumentSymbolParams = params(req.params)?;
            let path = p.text_document.uri.to_file_path().ok();
            let found = path.and_then(|p| world.find(&p));
            json(found.map(|(c, f)| {
                lt::DocumentSymbolResponse::Nested(features::document_symbols(&c, f))
            }))
        }
        "textDocument/formatting" => {
            let p: lt::DocumentFormattingParams = params(req.params)?;
            formatting(world, &p)
        }
        other => Err((
            ErrorCode::MethodNotFound,
            format!("ard2go lsp does not support `{other}`"),
        )),
    }
}

/// Completion: the receiver's type before a `.` comes from the program
/// checked with the `.` and the partial name taken out (with them the
/// buffer does not parse yet).
fn completion(
    world: &World,
    pos: &lt::TextDocumentPositionParams,
) -> Option<Vec<lt::CompletionItem>> {
    let a = features::at(world, pos)?;
    let path = pos.text_document.uri.to_file_path().ok()?;
    let path = world::normalize(&path);
    let text = world
        .docs
        .get(&path)
        .cloned()
        .unwrap_or_else(|| a.c.text(a.file).to_string());
    let offset = text::LineIndex::new(&text).offset(pos.position);
    let (ctx, _start) = features::context(&text, offset);
    if let features::Context::Member { dot } = ctx {
        let mut patched = text.clone();
        patched.replace_range(dot..offset, "");
        let mut docs = world.docs.clone();
        docs.insert(path.clone(), patched);
        let entry =
            a.c.path_of(a.c.analysis.syntax.modules[a.c.analysis.syntax.entry].file);
        let fs = world::Overlay { docs: &docs };
        let analysis = crate::driver::analyze(&entry, &fs).ok()?;
        let prog = analysis.program.as_ref()?;
        let index = Index::build(prog, &analysis.syntax, &analysis.sources);
        let file = analysis
            .syntax
            .modules
            .iter()
            .find(|m| world::file_path(&analysis.sources.get(m.file).name) == path)?
            .file;
        let ty = index.expr_ending_at(file, dot)?;
        return Some(features::members(prog, ty));
    }
    let a = features::At { offset, ..a };
    Some(features::complete(&a, &ctx, None))
}

/// `ard2go fmt` is a library module: the server formats with it.
fn formatting_available() -> bool {
    true
}

/// Format the document (the open buffer, else the file) with the
/// formatter of `ard2go fmt`: one edit replacing the whole text, none when
/// it is formatted already; a file with syntax errors is an error answer.
fn formatting(world: &World, p: &lt::DocumentFormattingParams) -> Answer {
    let path = p
        .text_document
        .uri
        .to_file_path()
        .map_err(|_| (ErrorCode::InvalidParams, "not a file URI".to_string()))?;
    let path = world::normalize(&path);
    let text = match world.docs.get(&path) {
        Some(t) => t.clone(),
        None => std::fs::read_to_string(&path).map_err(|e| {
            (
                ErrorCode::RequestFailed,
                format!("cannot read the file: {e}"),
            )
        })?,
    };
    match crate::format::format_source(&text) {
        Ok(formatted) if formatted == text => json(Vec::<lt::TextEdit>::new()),
        Ok(formatted) => json(vec![lt::TextEdit {
            range: text::LineIndex::new(&text).range(0, text.len()),
            new_text: formatted,
        }]),
        Err(_) => Err((
            ErrorCode::RequestFailed,
            "the file has syntax errors: fix them to format it".to_string(),
        )),
    }
}

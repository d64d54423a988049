//! Diagnostics are data: every stage returns `Diagnostic` values and only the
//! CLI renders them (rustc-like, via codespan-reporting).

use crate::source::{SourceMap, Span};
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// The primary location.
    pub span: Span,
    /// Text under the primary caret.
    pub label: String,
    /// Further locations ("the block opened here").
    pub secondary: Vec<Label>,
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span,
            label: String::new(),
            secondary: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = label.into();
        self
    }

    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.secondary.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// `file:line:col: message` on one line, used by tests and by the
    /// non-terminal short form.
    pub fn short(&self, sources: &SourceMap) -> String {
        let file = sources.get(self.span.file);
        let (line, col) = file.line_col(self.span.start as usize);
        format!("{}:{}:{}: {}", file.name, line, col, self.message)
    }
}

/// A location in a JSON diagnostic: 1-based line and column (in
/// characters), and where the span ends.
#[derive(serde::Serialize)]
struct JsonEnd {
    line: usize,
    column: usize,
}

#[derive(serde::Serialize)]
struct JsonLabel {
    primary: bool,
    message: String,
    file: String,
    line: usize,
    column: usize,
    end: JsonEnd,
}

/// The machine-readable form of a diagnostic (`--json`; issue 13).
#[derive(serde::Serialize)]
struct JsonDiagnostic {
    #[serde(rename = "type")]
    kind: &'static str,
    severity: &'static str,
    message: String,
    file: String,
    line: usize,
    column: usize,
    end: JsonEnd,
    labels: Vec<JsonLabel>,
    notes: Vec<String>,
}

fn json_label(sources: &SourceMap, span: Span, primary: bool, message: &str) -> JsonLabel {
    let file = sources.get(span.file);
    let (line, column) = file.line_col(span.start as usize);
    let (end_line, end_column) = file.line_col(span.end.max(span.start) as usize);
    JsonLabel {
        primary,
        message: message.to_string(),
        file: file.name.clone(),
        line,
        column,
        end: JsonEnd {
            line: end_line,
            column: end_column,
        },
    }
}

impl Diagnostic {
    /// One line of JSON: `{"type": "diagnostic", "severity", "message",
    /// "file", "line", "column", "end": {"line", "column"}, "labels": [...],
    /// "notes": [...]}` (the schema is in the README).
    pub fn to_json(&self, sources: &SourceMap) -> String {
        let primary = json_label(sources, self.span, true, &self.label);
        let mut labels = vec![json_label(sources, self.span, true, &self.label)];
        labels.extend(
            self.secondary
                .iter()
                .map(|l| json_label(sources, l.span, false, &l.message)),
        );
        let d = JsonDiagnostic {
            kind: "diagnostic",
            severity: match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            message: self.message.clone(),
            file: primary.file,
            line: primary.line,
            column: primary.column,
            end: primary.end,
            labels,
            notes: self.notes.clone(),
        };
        serde_json::to_string(&d).unwrap_or_default()
    }
}

/// Sort by position and drop exact duplicates, so a run reports each problem
/// once and in source order.
pub fn sort_and_dedup(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| {
        (a.span.file, a.span.start, &a.message).cmp(&(b.span.file, b.span.start, &b.message))
    });
    diags.dedup_by(|a, b| a.span == b.span && a.message == b.message);
}

/// Render diagnostics like rustc: `error: message`, `--> file:line:col`, the
/// source line with a caret underline, then notes. Colour only when `color`.
pub fn render(diags: &[Diagnostic], sources: &SourceMap, color: bool) -> String {
    let mut files = SimpleFiles::new();
    for f in sources.files() {
        files.add(f.name.clone(), f.text.clone());
    }
    let config = term::Config::default();
    let mut out: Vec<u8> = Vec::new();
    for d in diags {
        let sev = match d.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
        };
        let mut labels =
            vec![cs::Label::primary(d.span.file.0 as usize, d.span.range()).with_message(&d.label)];
        for l in &d.secondary {
            labels.push(
                cs::Label::secondary(l.span.file.0 as usize, l.span.range())
                    .with_message(&l.message),
            );
        }
        let diag = cs::Diagnostic::new(sev)
            .with_message(&d.message)
            .with_labels(labels)
            .with_notes(d.notes.clone());
        let res = if color {
            let mut w = term::termcolor::Buffer::ansi();
            let r = term::emit_to_write_style(&mut w, &config, &files, &diag);
            out.extend_from_slice(w.as_slice());
            r
        } else {
            let mut w = term::termcolor::Buffer::no_color();
            let r = term::emit_to_write_style(&mut w, &config, &files, &diag);
            out.extend_from_slice(w.as_slice());
            r
        };
        if res.is_err() {
            // A span outside its file would be an ard2go bug; still say something useful.
            out.extend_from_slice(format!("{}\n", d.short(sources)).as_bytes());
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

//! pest failures -> one diagnostic in plain words.
//!
//! pest reports the furthest position it reached and the rules it tried
//! there ("positives"). Every rule that can appear has a phrase below.
//! Rules that would only have *continued* a complete construct (operators,
//! `.member`, `else`, ...) are mentioned only when nothing else was expected:
//! "expected `)`" is more useful than a list of every operator.

use pest::error::{Error, ErrorVariant, InputLocation};

use super::Rule;
use super::lexcheck::{self, OpenKind};
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};

enum Expect {
    /// Something the parser required here.
    Need(&'static str),
    /// Something that would have extended what came before.
    Continue,
}

fn expectation(rule: Rule) -> Expect {
    use Expect::{Continue, Need};
    match rule {
        Rule::program | Rule::stmt => Need("a statement"),
        Rule::expr
        | Rule::expr_ns
        | Rule::op_expr
        | Rule::expr_start
        | Rule::op_neg
        | Rule::op_not
        | Rule::try_expr => Need("an expression"),
        Rule::ty | Rule::type_unit | Rule::named_type | Rule::fn_type | Rule::list_type => {
            Need("a type")
        }
        Rule::ident
        | Rule::name
        | Rule::member_name
        | Rule::path_head
        | Rule::fn_name
        | Rule::impl_path
        | Rule::for_init => Need("a name"),
        Rule::generic => Need("a type parameter"),
        Rule::import_path => Need("a module path such as `ard/io`"),
        Rule::t_lbrace | Rule::block => Need("`{`"),
        Rule::t_rbrace | Rule::interp_end => Need("`}`"),
        Rule::t_lparen | Rule::params => Need("`(`"),
        Rule::t_rparen => Need("`)`"),
        Rule::t_rbracket => Need("`]`"),
        Rule::t_colon => Need("`:`"),
        Rule::t_eq => Need("`=`"),
        Rule::t_fatarrow => Need("`=>` after the match pattern"),
        Rule::t_gt => Need("`>`"),
        Rule::t_semi => Need("`;`"),
        Rule::t_quote => Need("`\"`"),
        Rule::param => Need("a parameter"),
        Rule::arg | Rule::arg_label => Need("an argument"),
        Rule::elem | Rule::empty_map => Need("an item"),
        Rule::field_decl | Rule::field_init => Need("a field"),
        Rule::variant => Need("an enum variant"),
        Rule::trait_sig => Need("a method signature (`fn name(..) Type`)"),
        Rule::fn_decl => Need("a function declaration"),
        Rule::match_arm => Need("a match arm (`pattern => value`)"),
        Rule::string => Need("a string literal"),
        Rule::kw_else => Need("`else`"),
        Rule::kw_fn => Need("`fn`"),
        Rule::kw_for => Need("`for`"),
        Rule::kw_if => Need("`if`"),
        Rule::kw_in => Need("`in`"),
        Rule::kw_let => Need("`let`"),
        Rule::kw_mut => Need("`mut`"),
        Rule::kw_struct => Need("`struct`"),
        Rule::kw_enum => Need("`enum`"),
        Rule::kw_trait => Need("`trait`"),
        Rule::kw_type => Need("`type`"),
        Rule::kw_extern => Need("`extern`"),
        Rule::kw_impl => Need("`impl`"),
        Rule::kw_while => Need("`while`"),
        Rule::kw_match => Need("`match`"),
        Rule::kw_break => Need("`break`"),
        Rule::kw_private => Need("`private`"),
        Rule::let_stmt => Need("`let` or `mut`"),
        Rule::for_update => Need("an update statement"),
        Rule::extern_decl => Need("`extern fn`"),
        Rule::struct_decl
        | Rule::enum_decl
        | Rule::trait_decl
        | Rule::type_decl
        | Rule::impl_decl
        | Rule::while_stmt
        | Rule::for_in
        | Rule::for_c
        | Rule::break_stmt
        | Rule::expr_stmt => Need("a statement"),
        _ => Continue,
    }
}

/// Convert a pest error. `file`/`text` locate it; pest's own message is
/// never shown.
pub(super) fn from_pest(file: FileId, text: &str, err: &Error<Rule>) -> Diagnostic {
    let pos = match err.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    }
    .min(text.len());
    let positives = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { message } => {
            // pest's stack or call limit: only pathological input gets here.
            let span = Span::new(file, pos, pos);
            return if message.contains("stack") {
                Diagnostic::error(span, "expression nested too deeply")
                    .with_label("the parser gave up here")
                    .with_note("split deeply nested code into smaller pieces")
            } else {
                Diagnostic::error(span, "this file is too complex to parse")
                    .with_label("the parser gave up here")
                    .with_note("split the file into smaller modules")
            };
        }
    };

    let mut needs: Vec<&'static str> = Vec::new();
    for rule in positives {
        if let Expect::Need(phrase) = expectation(rule)
            && !needs.contains(&phrase)
        {
            needs.push(phrase);
        }
    }
    // `a < b` may start type arguments (`a<b>(c)`), so a failed expression
    // after `<` also "expected a type"; that is never what the user meant.
    if needs.contains(&"an expression") {
        needs.retain(|n| *n != "a type");
    }
    order(&mut needs);

    let (found, len) = found_at(text, pos);
    let span = Span::new(file, pos, pos + len);
    let at_end = pos >= text.len();

    let mut diag = if needs.is_empty() {
        Diagnostic::error(span, format!("unexpected {found}")).with_label("not expected here")
    } else if let Some(closing) = only_closer(&needs, at_end) {
        let what = match closing {
            "`}`" => "the block",
            "`)`" => "the parenthesis",
            _ => "the bracket",
        };
        Diagnostic::error(
            span,
            format!("expected {closing} to close {what}, found {found}"),
        )
        .with_label(format!("expected {closing}"))
    } else {
        let list = join(&needs);
        Diagnostic::error(span, format!("expected {list}, found {found}"))
            .with_label(format!("expected {list}"))
    };

    // Point at the bracket that is still open when a closer was expected.
    if let Some(open) = lexcheck::open_at(text, pos) {
        let (closer, what) = match open.kind {
            OpenKind::Brace => ("`}`", "block opened here"),
            OpenKind::Interp => ("`}`", "interpolation opened here"),
            OpenKind::Paren => ("`)`", "`(` opened here"),
            OpenKind::Bracket => ("`]`", "`[` opened here"),
            OpenKind::Str => ("", ""),
        };
        if !closer.is_empty() && needs.contains(&closer) {
            if open.kind == OpenKind::Interp && needs == ["`}`"] {
                diag.message = format!("expected `}}` to close the interpolation, found {found}");
            }
            diag = diag.with_secondary(Span::new(file, open.pos, open.pos + 1), what);
        }
    }
    if let Some((start, word)) = reserved_name(text, pos, &needs) {
        // Issue 19: a keyword-like name (a parameter `as`) read in an
        // expression; say so instead of "expected `:`".
        return Diagnostic::error(
            Span::new(file, start, start + word.len()),
            format!("`{word}` is a reserved word and cannot be used as a value"),
        )
        .with_label("reserved here")
        .with_note(format!(
            "`{word}` may name a parameter or a variable, but an expression cannot read it: rename it (for example `{word}_value`)"
        ));
    }
    if let Some(hint) = hint(text, pos, &needs) {
        diag = diag.with_note(hint);
    }
    diag
}

/// Keywords that may name a parameter or variable (syntax.md §1.4) but
/// are never read as a value: they are operators or start something else.
const NOT_VALUES: [&str; 12] = [
    "and", "as", "break", "else", "fn", "for", "if", "let", "mut", "not", "or", "while",
];

/// A reserved word used where a value was expected: `as` where an
/// expression or statement should start (`let y = as`, `as + 1`), or a
/// keyword read as an argument (`f(as)`, which parses as the start of a
/// named argument `as: ..`). Its start and text.
fn reserved_name<'t>(text: &'t str, pos: usize, needs: &[&str]) -> Option<(usize, &'t str)> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let rest = text.get(pos..).unwrap_or("");
    let at_len = rest.find(|c: char| !is_word(c)).unwrap_or(rest.len());
    let at = &rest[..at_len];
    if (needs.contains(&"an expression") || needs.contains(&"a statement"))
        && matches!(at, "as" | "and" | "or")
    {
        return Some((pos, at));
    }
    let before = text.get(..pos)?.trim_end_matches([' ', '\t']);
    // Just past the last non-word character (which may be several bytes
    // long: a byte-order mark, found by the `fmt` fuzz target).
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[start..];
    let opens_arg = before[..start]
        .trim_end_matches([' ', '\t', '\n'])
        .ends_with(['(', ',']);
    (needs == ["`:`"] && opens_arg && NOT_VALUES.contains(&word)).then_some((start, word))
}

/// When a closing bracket is expected and the file ended, or the closer is
/// the only thing that could come next, say just that.
fn only_closer(needs: &[&'static str], at_end: bool) -> Option<&'static str> {
    let closer = needs
        .iter()
        .copied()
        .find(|n| matches!(*n, "`}`" | "`)`" | "`]`"))?;
    (at_end || needs.len() == 1).then_some(closer)
}

/// Closers first, then tokens, then descriptions, so messages read
/// "expected `}` or a statement".
fn order(needs: &mut [&'static str]) {
    needs.sort_by_key(|n| match *n {
        "`}`" | "`)`" | "`]`" => 0,
        n if n.starts_with('`') => 1,
        _ => 2,
    });
}

fn join(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

/// Describe the token at `pos` and its length in bytes.
fn found_at(text: &str, pos: usize) -> (String, usize) {
    let rest = text.get(pos..).unwrap_or("");
    let Some(c) = rest.chars().next() else {
        return ("end of file".to_string(), 0);
    };
    if c == '\n' {
        return ("end of line".to_string(), 1);
    }
    if c == '"' {
        return ("a string".to_string(), 1);
    }
    if c.is_ascii_alphanumeric() || c == '_' || c == '$' {
        let len = rest
            .char_indices()
            .skip(1)
            .find(|(_, ch)| !(ch.is_ascii_alphanumeric() || *ch == '_'))
            .map_or(rest.len(), |(i, _)| i);
        return (format!("`{}`", &rest[..len]), len);
    }
    const OPERATORS: [&str; 12] = [
        "==", "!=", "<=", ">=", "=>", "->", "=+", "=-", "::", "..", "//", "=",
    ];
    for op in OPERATORS {
        if rest.starts_with(op) {
            return (format!("`{op}`"), op.len());
        }
    }
    (format!("`{c}`"), c.len_utf8())
}

/// Advice for common slips and habits from other languages.
fn hint(text: &str, pos: usize, needs: &[&str]) -> Option<&'static str> {
    let rest = text.get(pos..).unwrap_or("");
    let before = text
        .get(..pos)
        .unwrap_or("")
        .trim_end_matches([' ', '\t', '\r']);
    let line_start = before.is_empty() || before.ends_with('\n');
    if rest.starts_with("=>") {
        Some("a match arm starts with a pattern: `pattern => value`")
    } else if rest.starts_with(';') {
        Some("`;` only separates the parts of a C-style `for` header; statements need no separator")
    } else if rest.starts_with('|') && !needs.contains(&"a type") {
        Some("use `or` for logical or")
    } else if rest.starts_with('!') && !rest.starts_with("!=") {
        Some("use `not` for boolean negation")
    } else if rest.starts_with('=') && before.ends_with(['+', '-', '*', '/']) {
        Some("Ard writes compound assignment as `=+` and `=-` (e.g. `x =+ 1`)")
    } else if rest.starts_with('\n') && needs.contains(&"`{`") {
        Some("the `{` must be on the same line as what it belongs to")
    } else if line_start && starts_with_operator(rest) {
        Some("a line may not start with an operator; end the previous line with it instead")
    } else {
        None
    }
}

fn starts_with_operator(rest: &str) -> bool {
    [
        "+", "-", "*", "/", "%", "==", "!=", "<", ">", "..", "and ", "or ",
    ]
    .iter()
    .any(|op| rest.starts_with(op))
}

//! A small builder for Go source text. Layout is normalised by gofmt
//! afterwards, so the builder only has to produce correct tokens and line
//! breaks; `//line` directives are kept at column 1 as Go requires.

#[derive(Default, Clone, Debug)]
pub struct Code {
    pub lines: Vec<String>,
    /// Set after a statement that never falls through (return, panic,
    /// break): later statements of the same block would be unreachable.
    pub terminated: bool,
}

impl Code {
    pub fn new() -> Code {
        Code::default()
    }

    pub fn line(&mut self, s: impl Into<String>) {
        self.lines.push(s.into());
    }

    pub fn extend(&mut self, other: Code) {
        self.lines.extend(other.lines);
        self.terminated = other.terminated;
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn text(&self) -> String {
        let mut s = self.lines.join("\n");
        s.push('\n');
        s
    }
}

/// A Go expression with its precedence, so operands are parenthesised only
/// where needed (`a + b*c`, `(a + b) * c`).
#[derive(Clone, Debug)]
pub struct GoExpr {
    pub text: String,
    pub prec: u8,
}

pub const PREC_PRIMARY: u8 = 7;
pub const PREC_UNARY: u8 = 6;

impl GoExpr {
    pub fn primary(text: impl Into<String>) -> GoExpr {
        GoExpr {
            text: text.into(),
            prec: PREC_PRIMARY,
        }
    }

    pub fn with_prec(text: impl Into<String>, prec: u8) -> GoExpr {
        GoExpr {
            text: text.into(),
            prec,
        }
    }

    /// The text, parenthesised if it binds looser than `min`.
    pub fn at(&self, min: u8) -> String {
        if self.prec < min {
            format!("({})", self.text)
        } else {
            self.text.clone()
        }
    }

    /// As an operand of a selector or call (`x.f`, `x(...)`).
    pub fn operand(&self) -> String {
        self.at(PREC_PRIMARY)
    }
}

/// Go precedence of a binary operator.
pub fn binary_prec(op: &str) -> u8 {
    match op {
        "*" | "/" | "%" => 5,
        "+" | "-" => 4,
        "==" | "!=" | "<" | "<=" | ">" | ">=" => 3,
        "&&" => 2,
        "||" => 1,
        _ => 0,
    }
}

/// A Go string literal for `s` (valid UTF-8 passes through; control
/// characters and invalid bytes are escaped).
pub fn go_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            '\u{2028}' | '\u{2029}' | '\u{feff}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            // A byte that was not valid UTF-8 in the source (see load.rs).
            c if (crate::load::RAW_BYTE_BASE..crate::load::RAW_BYTE_BASE + 0x80)
                .contains(&(c as u32)) =>
            {
                out.push_str(&format!(
                    "\\x{:02x}",
                    c as u32 - crate::load::RAW_BYTE_BASE + 0x80
                ))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        assert_eq!(go_string("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(go_string("\u{1}é"), "\"\\x01é\"");
    }

    #[test]
    fn parens_only_when_needed() {
        let sum = GoExpr::with_prec("a + b", 4);
        assert_eq!(sum.at(5), "(a + b)");
        assert_eq!(sum.at(4), "a + b");
        assert_eq!(GoExpr::primary("x").at(7), "x");
    }
}

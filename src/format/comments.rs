//! Finding the `//` comments of a file, which the parser treats as trivia.
//!
//! One pass over the text with the lexical rules of `grammar.pest` (and
//! `parser/lexcheck.rs`): a `//` outside a string literal starts a comment
//! that runs to the end of the line. Strings may hold interpolations, which
//! hold code and further strings; comments inside a string literal belong
//! to the literal, which the formatter copies as written, so they are not
//! reported.

/// One comment: `text[start..end]` is `//...` without the line feed and
/// without trailing spaces, tabs or carriage returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Comment {
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Brace,
    Interp,
    Str,
}

/// Every comment outside string literals, in source order.
pub fn scan(text: &str) -> Vec<Comment> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    // How many string literals enclose the current position.
    let mut strings = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if stack.last() == Some(&Open::Str) {
            match c {
                b'\\' => i += 1,
                b'"' => {
                    stack.pop();
                    strings -= 1;
                }
                b'{' => stack.push(Open::Interp),
                _ => {}
            }
            i += 1;
            continue;
        }
        match c {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let start = i;
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                if strings == 0 {
                    let end = start + text[start..i].trim_end_matches([' ', '\t', '\r']).len();
                    out.push(Comment { start, end });
                }
                continue;
            }
            b'"' => {
                stack.push(Open::Str);
                strings += 1;
            }
            b'{' => stack.push(Open::Brace),
            // A `}` closes the innermost brace or interpolation.
            b'}' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// The texts of the comments of `text` (for the tests that check that
/// formatting keeps every comment).
pub fn texts(text: &str) -> Vec<&str> {
    scan(text).iter().map(|c| &text[c.start..c.end]).collect()
}

#[cfg(test)]
mod tests {
    use super::texts;

    #[test]
    fn comments_outside_strings_only() {
        let src =
            "let a = 1 // one\n// two\r\nlet s = \"no // comment {x // three\n} here\" // four  \n";
        assert_eq!(texts(src), vec!["// one", "// two", "// four"]);
    }

    #[test]
    fn nested_interpolations_and_escapes() {
        let src = "let s = \"a {f(\"b\\\" // no {c}\")} // no\" // yes\n";
        assert_eq!(texts(src), vec!["// yes"]);
    }

    #[test]
    fn unterminated_string_hides_the_rest() {
        assert_eq!(texts("// a\nlet s = \"open // b\n"), vec!["// a"]);
    }
}

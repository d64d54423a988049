//! Byte offsets <-> LSP positions (line, UTF-16 column), and the words of
//! source text.

use lsp_types::{Position, Range};

/// Line starts of one text, for position conversion.
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> LineIndex<'t> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let col: usize = self
            .text
            .get(start..offset)
            .map(|s| s.chars().map(char::len_utf16).sum())
            .unwrap_or(0);
        Position::new(line as u32, col as u32)
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end))
    }

    /// The byte offset of a position (clamped to the line and the text).
    pub fn offset(&self, pos: Position) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return self.text.len();
        };
        let line_end = self
            .starts
            .get(pos.line as usize + 1)
            .map_or(self.text.len(), |e| e - 1);
        let mut units = 0u32;
        for (i, c) in self.text[start..line_end.max(start)].char_indices() {
            if units >= pos.character {
                return start + i;
            }
            units += c.len_utf16() as u32;
        }
        line_end.max(start)
    }
}

pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The word (identifier) around `offset`, with its range.
pub fn word_at(text: &str, offset: usize) -> Option<(usize, usize)> {
    let offset = offset.min(text.len());
    if !text.is_char_boundary(offset) {
        return None;
    }
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|(_, c)| !is_word_char(*c))
        .map_or(text.len(), |(i, _)| offset + i);
    (start < end).then_some((start, end))
}

/// The first occurrence of the word `name` in `text[from..to]`, as a range.
pub fn find_word(text: &str, from: usize, to: usize, name: &str) -> Option<(usize, usize)> {
    if name.is_empty() {
        return None;
    }
    let to = to.min(text.len());
    let hay = text.get(from..to)?;
    let mut search = 0;
    while let Some(i) = hay[search..].find(name) {
        let s = search + i;
        let e = s + name.len();
        let before_ok = !hay[..s].chars().next_back().is_some_and(is_word_char);
        let after_ok = !hay[e..].chars().next().is_some_and(is_word_char);
        if before_ok && after_ok {
            return Some((from + s, from + e));
        }
        search = e;
    }
    None
}

/// The last occurrence of the word `name` in `text[from..to]`.
pub fn find_word_last(text: &str, from: usize, to: usize, name: &str) -> Option<(usize, usize)> {
    let mut found = None;
    let mut at = from;
    while let Some((s, e)) = find_word(text, at, to, name) {
        found = Some((s, e));
        at = e;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units() {
        let text = "ab\n\"é𝄞\" x\n";
        let ix = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(ix.position(x), Position::new(1, 6));
        assert_eq!(ix.offset(Position::new(1, 6)), x);
        assert_eq!(ix.offset(Position::new(0, 99)), 2);
        assert_eq!(ix.offset(Position::new(9, 0)), text.len());
    }

    #[test]
    fn words_are_found_whole() {
        let t = "let area2 = area(x)";
        assert_eq!(find_word(t, 0, t.len(), "area"), Some((12, 16)));
        assert_eq!(word_at(t, 14), Some((12, 16)));
        assert_eq!(find_word_last(t, 0, t.len(), "x"), Some((17, 18)));
    }
}

//! Go names for Ard names. One place owns escaping, so that user names never
//! collide with Go keywords, predeclared identifiers, imported packages or
//! the names the compiler invents (which all start with `ard_`).
//!
//! The mapping is injective: a "safe" name maps to itself; any other name
//! gets a trailing `_`. Safe names never end in `_`, never start with
//! `ard_`, and are not reserved, so the two groups cannot meet.

use std::collections::HashSet;

const GO_KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

const GO_PREDECLARED: &[&str] = &[
    "any",
    "append",
    "bool",
    "byte",
    "cap",
    "clear",
    "close",
    "comparable",
    "complex",
    "complex128",
    "complex64",
    "copy",
    "delete",
    "error",
    "false",
    "float32",
    "float64",
    "imag",
    "int",
    "int16",
    "int32",
    "int64",
    "int8",
    "iota",
    "len",
    "make",
    "max",
    "min",
    "new",
    "nil",
    "panic",
    "print",
    "println",
    "real",
    "recover",
    "rune",
    "string",
    "true",
    "uint",
    "uint16",
    "uint32",
    "uint64",
    "uint8",
    "uintptr",
];

/// Names the generated code uses for itself: packages, the world, `main`.
const GENERATED: &[&str] = &[
    "main", "init", "rt", "strconv", "strings", "math", "os", "w", "self", "world", "newWorld",
];

/// Escape one Ard identifier for use in Go.
pub fn go_ident(name: &str) -> String {
    let reserved = GO_KEYWORDS.contains(&name)
        || GO_PREDECLARED.contains(&name)
        || GENERATED.contains(&name)
        || name.starts_with("ard")
        || name.ends_with('_')
        || name == "_"
        || name.is_empty();
    if reserved {
        format!("{name}_")
    } else {
        name.to_string()
    }
}

/// Hands out unique names within one Go scope (the package or a function).
#[derive(Default, Clone, Debug)]
pub struct NameSet {
    used: HashSet<String>,
}

impl NameSet {
    pub fn new() -> NameSet {
        NameSet::default()
    }

    /// Reserve `name` exactly (for names that must not change).
    pub fn reserve(&mut self, name: &str) {
        self.used.insert(name.to_string());
    }

    pub fn contains(&self, name: &str) -> bool {
        self.used.contains(name)
    }

    /// `base` if free, else `base2`, `base3`, ... (deterministic).
    pub fn fresh(&mut self, base: &str) -> String {
        if self.used.insert(base.to_string()) {
            return base.to_string();
        }
        for i in 2.. {
            let candidate = format!("{base}{i}");
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
        unreachable!("an unbounded counter always finds a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_is_injective_on_tricky_names() {
        let names = [
            "type", "type_", "len", "ard_x", "x", "main", "rt", "x_", "_",
        ];
        let mapped: HashSet<String> = names.iter().map(|n| go_ident(n)).collect();
        assert_eq!(mapped.len(), names.len());
        assert_eq!(go_ident("total"), "total");
        assert_eq!(go_ident("type"), "type_");
        assert_eq!(go_ident("type_"), "type__");
    }

    #[test]
    fn fresh_names_count_up() {
        let mut s = NameSet::new();
        assert_eq!(s.fresh("x"), "x");
        assert_eq!(s.fresh("x"), "x2");
        assert_eq!(s.fresh("x"), "x3");
    }
}

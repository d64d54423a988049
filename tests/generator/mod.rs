//! A deterministic generator of random, well-typed Ard programs.
//!
//! `generate(seed)` returns the text of one program that type-checks by
//! construction: the generator keeps a typed environment (variables with
//! their types and mutability, structs, enums, unions, functions, methods)
//! and only writes an expression where its type is known. It also avoids
//! run-time faults: divisors are non-zero literals, `at` is guarded by a size
//! check, loops are bounded, calls only go to functions generated earlier (no
//! recursion) within a cost budget, and collections are not mutated while
//! they are iterated. A program may end in a deliberate `panic`; then
//! `Program::expect_panic` holds its message.
//!
//! Covered: Int/Float/Str/Bool arithmetic and comparisons, let/mut,
//! if/else (statement and expression), while/for loops with break, structs
//! with methods (`fn mut` too) and `Str::ToString`, enums and unions with
//! match, closures (capturing and mutating outer `mut` variables), Maybe and
//! Result with match, `try` (plain and with a catch block), generics, lists
//! and maps and their methods, string interpolation, top-level `let`/`mut`
//! module state, named and `mut` arguments, and fibers
//! (`async::start` + `join`); also user traits, type aliases, static
//! functions (`Name::make()`), method values, local functions, shadowing,
//! names that are Go keywords or predeclared identifiers, declarations in
//! shuffled order (use before declaration) and a top-level script statement.
//! Issue 12: generic structs (`GBox<$T>` with methods and a static
//! function, `GPair` generic through its `$A`/`$B` fields) in every type
//! position, and Void function types written `fn(A)` / `fn()`.
//!
//! `KNOWN_BUGS` lists compiler bugs the generator currently steers around.
#![allow(dead_code)]

use std::collections::HashSet;
use std::fmt::Write as _;

/// A small, fast, seedable PRNG (SplitMix64): the generator must produce
/// the same program for the same seed on every machine.
///
/// For fuzzing, `Rng::from_bytes` lets input bytes steer the choices: each
/// draw first mixes in the next input byte, so a mutated byte changes one
/// decision (and what follows it) rather than the whole program.
#[derive(Clone)]
pub struct Rng {
    state: u64,
    bytes: Vec<u8>,
    pos: usize,
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng {
            state: seed ^ 0x5DEE_CE66_D1CE_4E5B,
            bytes: Vec::new(),
            pos: 0,
        }
    }
    pub fn from_bytes(data: &[u8]) -> Rng {
        Rng {
            state: 0x5DEE_CE66_D1CE_4E5B,
            bytes: data.to_vec(),
            pos: 0,
        }
    }
    pub fn next_u64(&mut self) -> u64 {
        if let Some(&b) = self.bytes.get(self.pos) {
            self.pos += 1;
            self.state ^= (b as u64).wrapping_mul(0x0100_0000_01B3);
        }
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % ((hi - lo + 1) as u64)) as i64
    }
    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u32) -> bool {
        (self.next_u64() % 100) < percent as u64
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// A generated program.
pub struct Program {
    pub source: String,
    /// The message of the deliberate panic the program ends with, if any
    /// (`ard2go run` then exits 1 and prints `Panic: <message>`).
    pub expect_panic: Option<String>,
}

/// Generate the program for `seed`.
pub fn generate(seed: u64) -> Program {
    generate_with(Rng::new(seed))
}

/// Generate the program that `rng` chooses (see `Rng::from_bytes`).
pub fn generate_with(rng: Rng) -> Program {
    let mut g = Gen::new(rng);
    g.program()
}

/// Compiler bugs found with this generator and not fixed yet: the
/// generator steers around them so that the test stays useful (and green)
/// meanwhile. Each has a reproducer in tests/regressions/. Remove an entry
/// once the bug is fixed. `ARD2GO_GEN_AVOID=a,b` replaces this list (an
/// empty value avoids nothing).
pub const KNOWN_BUGS: &[&str] = &[];

fn avoid(bug: &str) -> bool {
    match std::env::var("ARD2GO_GEN_AVOID") {
        Ok(list) => list.split(',').any(|b| b.trim() == bug),
        Err(_) => KNOWN_BUGS.contains(&bug),
    }
}

// ---------------------------------------------------------------------------
// Types

#[derive(Clone, Debug, PartialEq, Eq)]
enum Ty {
    Void,
    Int,
    Float,
    Str,
    Bool,
    List(Box<Ty>),
    Map(Box<Ty>, Box<Ty>),
    Maybe(Box<Ty>),
    Result(Box<Ty>, Box<Ty>),
    Struct(usize),
    Enum(usize),
    Union(usize),
    Trait(usize),
    Fn(Vec<Ty>, Box<Ty>),
    /// `GBox<T>` (declared in every program, see `generics_text`).
    GBox(Box<Ty>),
    /// `GPair<A, B>`.
    GPair(Box<Ty>, Box<Ty>),
}

impl Ty {
    fn list(t: Ty) -> Ty {
        Ty::List(Box::new(t))
    }
    fn map(k: Ty, v: Ty) -> Ty {
        Ty::Map(Box::new(k), Box::new(v))
    }
    fn maybe(t: Ty) -> Ty {
        Ty::Maybe(Box::new(t))
    }
    fn result(t: Ty, e: Ty) -> Ty {
        Ty::Result(Box::new(t), Box::new(e))
    }
    fn is_prim(&self) -> bool {
        matches!(self, Ty::Int | Ty::Float | Ty::Str | Ty::Bool)
    }
    /// Contains a list, map or struct (something `mut x = e` deep-copies,
    /// and something that may grow).
    fn is_collection(&self) -> bool {
        matches!(
            self,
            Ty::List(_) | Ty::Map(..) | Ty::Struct(_) | Ty::GBox(_) | Ty::GPair(..)
        )
    }
    fn has_fn(&self) -> bool {
        match self {
            Ty::Fn(..) => true,
            Ty::List(t) | Ty::Maybe(t) | Ty::GBox(t) => t.has_fn(),
            Ty::Map(k, v) | Ty::Result(k, v) | Ty::GPair(k, v) => k.has_fn() || v.has_fn(),
            _ => false,
        }
    }
}

// ---------------------------------------------------------------------------
// Declarations and environment

#[derive(Clone)]
struct Param {
    name: String,
    ty: Ty,
    mutable: bool,
}

#[derive(Clone)]
struct Func {
    name: String,
    params: Vec<Param>,
    ret: Ty,
    cost: u64,
}

#[derive(Clone)]
struct Method {
    name: String,
    params: Vec<Param>,
    ret: Ty,
    is_mut: bool,
    cost: u64,
    ready: bool,
}

struct StructDef {
    name: String,
    fields: Vec<(String, Ty)>,
    methods: Vec<Method>,
    to_string: bool,
}

struct EnumDef {
    name: String,
    variants: Vec<String>,
    to_string: bool,
    /// `fn code() Int` on the enum.
    code_method: Option<String>,
}

struct UnionDef {
    name: String,
    members: Vec<Ty>,
}

/// A user trait: methods with primitive parameters and results, and the
/// structs and enums that implement it.
struct TraitDef {
    name: String,
    methods: Vec<(String, Vec<Ty>, Ty)>,
    impls: Vec<Ty>,
}

#[derive(Clone)]
struct Var {
    name: String,
    ty: Ty,
    mutable: bool,
    global: bool,
    /// Not to be assigned or mutated (loop counters, iterated collections).
    frozen: bool,
    shadowed: bool,
}

/// Where code is being generated.
#[derive(Clone)]
struct Cx {
    /// Return type of the enclosing function or closure (Void for main).
    ret: Ty,
    /// Inside the body of a fiber: only its own locals, top-level `let`s and
    /// top-level functions are visible.
    in_fiber: bool,
    /// Variables below this index are invisible (except top-level ones).
    visible_from: usize,
    /// Variables below this index are captured by the closure being written.
    closure_base: usize,
    in_closure: bool,
    /// Methods: the struct of `@` and whether `@` is mutable.
    self_struct: Option<usize>,
    self_mut: bool,
    can_print: bool,
    /// `break` is allowed (directly inside a loop body, statement position).
    can_break: bool,
    loop_depth: u32,
    /// Product of the iteration bounds of the enclosing loops.
    mult: u64,
    /// No list/map/struct mutation (a collection is being iterated).
    no_coll_mut: bool,
    /// `try` without catch is not allowed in main or fibers.
    is_main: bool,
    ind: usize,
}

/// How an expression is used.
#[derive(Clone, Copy)]
struct Pos {
    /// The context fixes the expected type (annotated let, argument,
    /// field value, function result): `maybe::none()`, `[]`,
    /// `Result::ok(..)` and union members may be written here.
    typed: bool,
    /// Inside a string interpolation: no braces, no blocks, only plain
    /// string literals.
    simple: bool,
}

const TYPED: Pos = Pos {
    typed: true,
    simple: false,
};
const UNTYPED: Pos = Pos {
    typed: false,
    simple: false,
};
const SIMPLE: Pos = Pos {
    typed: false,
    simple: true,
};

const FN_BUDGET: u64 = 20_000;
const MAIN_BUDGET: u64 = 200_000;
const CLOSURE_BUDGET: u64 = 300;
/// The assumed cost of calling a function value.
const CLOSURE_CALL_COST: u64 = 300;
/// The assumed length of a list or map being iterated.
const COLLECTION_LEN: u64 = 12;

/// Names that are keywords, predeclared identifiers or likely generated
/// names in Go: valid Ard names that the lowering must escape.
const GO_NAMES: &[&str] = &[
    "func",
    "go",
    "chan",
    "var",
    "default",
    "package",
    "range",
    "select",
    "defer",
    "goto",
    "switch",
    "case",
    "fallthrough",
    "continue",
    "return",
    "interface",
    "const",
    "import",
    "nil",
    "len",
    "append",
    "string",
    "int",
    "float64",
    "any",
    "error",
    "rt",
    "w",
    "world",
    "fmt",
    "os",
    "make",
    "new",
    "copy",
    "cap",
    "print",
    "println",
    "iota",
    "byte",
    "rune",
    "init",
    "ok",
    "err",
    "it",
    "self",
    "this",
    "val",
    "T",
    "x_",
    "_x",
];

const TYPE_NAMES: &[&str] = &[
    "Error", "String", "Any", "World", "Rt", "Map", "Fiber", "Context", "Reader", "Node", "Point",
    "Item", "Main", "Init", "Shape", "Ok", "Err", "Some", "None", "Unit",
];

const FIELD_NAMES: &[&str] = &[
    "x", "y", "name", "func", "range", "String", "Error", "len", "map", "val", "items", "next",
    "w", "rt", "Val", "Ok", "Err", "count", "label", "flag", "ratio", "tags", "chan", "go",
];

const VARIANT_NAMES: &[&str] = &[
    "a", "b", "c", "red", "green", "blue", "nil", "default", "String", "Ok", "None", "Some", "Err",
    "int", "len", "low", "high", "on", "off",
];

const WORDS: &[&str] = &[
    "a",
    "b",
    "ab",
    "hello",
    "world",
    " ",
    "x y",
    "héllo",
    "日本",
    "ünï",
    "🙂",
    "tab",
    "0",
    "-",
    ",",
    "a,b",
    "go",
    "func",
    "%d",
    "%s",
    "\u{3b1}\u{3b2}",
];

struct Gen {
    rng: Rng,
    structs: Vec<StructDef>,
    enums: Vec<EnumDef>,
    unions: Vec<UnionDef>,
    traits: Vec<TraitDef>,
    /// `type Name = T` aliases.
    aliases: Vec<(String, Ty)>,
    funcs: Vec<Func>,
    vars: Vec<Var>,
    /// Top-level names in use (functions, types, globals, helpers).
    top_names: HashSet<String>,
    /// Local names used in the current function (kept unique, except for
    /// deliberate shadowing).
    local_names: HashSet<String>,
    counter: usize,
    /// Helper functions written on demand: (key, name, code).
    helpers: Vec<(String, String, String)>,
    cost: u64,
    budget: u64,
    uses_async: bool,
    uses_maybe: bool,
    /// Writing a trait implementation: no trait method calls (they could
    /// reach the method being written: endless recursion).
    in_trait_impl: bool,
}

fn indent(n: usize) -> String {
    "  ".repeat(n)
}

impl Gen {
    fn new(rng: Rng) -> Gen {
        Gen {
            rng,
            structs: Vec::new(),
            enums: Vec::new(),
            unions: Vec::new(),
            traits: Vec::new(),
            aliases: Vec::new(),
            funcs: Vec::new(),
            vars: Vec::new(),
            top_names: HashSet::new(),
            local_names: HashSet::new(),
            counter: 0,
            helpers: Vec::new(),
            cost: 0,
            budget: FN_BUDGET,
            uses_async: false,
            uses_maybe: false,
            in_trait_impl: false,
        }
        .with_reserved(&["GBox", "GPair"])
    }

    fn with_reserved(mut self, names: &[&str]) -> Gen {
        self.top_names.extend(names.iter().map(|n| n.to_string()));
        self
    }

    // --- names ---------------------------------------------------------------

    fn reserved(name: &str) -> bool {
        const ARD: &[&str] = &[
            "and", "as", "break", "else", "enum", "extern", "false", "fn", "for", "if", "impl",
            "in", "let", "match", "mut", "not", "or", "private", "struct", "trait", "true", "type",
            "use", "while", "try", "panic", "io", "maybe", "async", "Str", "Int", "Float", "Bool",
            "Void", "List", "Dynamic", "Result", "Maybe", "main",
        ];
        ARD.contains(&name)
    }

    /// A new top-level name, sometimes taken from `pool`.
    fn top_name(&mut self, prefix: &str, pool: &[&str]) -> String {
        for _ in 0..4 {
            if self.rng.chance(40) {
                let n = self.rng.pick(pool).to_string();
                // `it`, `ok` and `err` are bound by match patterns.
                let bound = matches!(n.as_str(), "it" | "ok" | "err");
                if !Self::reserved(&n) && !bound && !self.top_names.contains(&n) {
                    self.top_names.insert(n.clone());
                    return n;
                }
            }
        }
        self.counter += 1;
        let n = format!("{prefix}{}", self.counter);
        self.top_names.insert(n.clone());
        n
    }

    /// A new local name, unique in the current function.
    fn local_name(&mut self, prefix: &str) -> String {
        for _ in 0..3 {
            if self.rng.chance(20) {
                let n = self.rng.pick(GO_NAMES).to_string();
                // `it`, `ok` and `err` are left to match patterns.
                let bound = matches!(n.as_str(), "it" | "ok" | "err");
                if !Self::reserved(&n)
                    && !bound
                    && !self.top_names.contains(&n)
                    && !self.local_names.contains(&n)
                {
                    self.local_names.insert(n.clone());
                    return n;
                }
            }
        }
        self.counter += 1;
        let n = format!("{prefix}{}", self.counter);
        self.local_names.insert(n.clone());
        n
    }

    // --- types ---------------------------------------------------------------

    fn ty_str(&self, t: &Ty) -> String {
        match t {
            Ty::Void => "Void".into(),
            Ty::Int => "Int".into(),
            Ty::Float => "Float".into(),
            Ty::Str => "Str".into(),
            Ty::Bool => "Bool".into(),
            Ty::List(e) => format!("[{}]", self.ty_str(e)),
            Ty::Map(k, v) => format!("[{}:{}]", self.ty_str(k), self.ty_str(v)),
            Ty::Maybe(e) => match &**e {
                // `fn(Int)?`: a Maybe of a Void function type.
                Ty::Fn(ps, r) if **r == Ty::Void && ps.len() != 2 => {
                    format!("{}?", self.ty_str(e))
                }
                Ty::Result(..) | Ty::Fn(..) | Ty::Maybe(_) => {
                    format!("Maybe<{}>", self.ty_str(e))
                }
                _ => format!("{}?", self.ty_str(e)),
            },
            Ty::Result(v, e) => {
                let complex =
                    |t: &Ty| matches!(t, Ty::Result(..) | Ty::Fn(..) | Ty::Maybe(_) | Ty::Void);
                if complex(v) || complex(e) {
                    format!("Result<{}, {}>", self.ty_str(v), self.ty_str(e))
                } else {
                    format!("{}!{}", self.ty_str(v), self.ty_str(e))
                }
            }
            Ty::Struct(i) => self.structs[*i].name.clone(),
            Ty::Enum(i) => self.enums[*i].name.clone(),
            Ty::Union(i) => self.unions[*i].name.clone(),
            Ty::Trait(i) => self.traits[*i].name.clone(),
            Ty::Fn(ps, r) => {
                let ps_text: Vec<String> = ps.iter().map(|p| self.ty_str(p)).collect();
                // Void function types are written without a return type
                // (L11), except with two parameters (both spellings).
                if **r == Ty::Void && ps.len() != 2 {
                    format!("fn({})", ps_text.join(", "))
                } else {
                    format!("fn({}) {}", ps_text.join(", "), self.ty_str(r))
                }
            }
            Ty::GBox(t) => format!("GBox<{}>", self.ty_str(t)),
            Ty::GPair(a, b) => format!("GPair<{}, {}>", self.ty_str(a), self.ty_str(b)),
        }
    }

    /// A type for a variable, parameter or result. `depth` bounds nesting.
    fn rand_ty(&mut self, depth: u32) -> Ty {
        let n = self.rng.below(100);
        if depth > 0 && n < 30 {
            let inner = self.rand_ty(depth - 1);
            return match self.rng.below(12) {
                10 => Ty::GBox(Box::new(inner)),
                11 => {
                    let b = self.rand_ty(0);
                    Ty::GPair(Box::new(inner), Box::new(b))
                }
                0..=3 => Ty::list(inner),
                4..=5 => {
                    let k = self.key_ty();
                    Ty::map(k, inner)
                }
                6..=7 if !matches!(inner, Ty::Maybe(_)) => {
                    self.uses_maybe = true;
                    Ty::maybe(inner)
                }
                _ => {
                    let e = if self.rng.chance(80) {
                        Ty::Str
                    } else {
                        Ty::Int
                    };
                    Ty::result(inner, e)
                }
            };
        }
        match n % 10 {
            0..=2 => Ty::Int,
            3..=4 => Ty::Str,
            5 => Ty::Bool,
            6 => Ty::Float,
            7 if !self.structs.is_empty() => Ty::Struct(self.rng.below(self.structs.len())),
            8 if !self.enums.is_empty() => Ty::Enum(self.rng.below(self.enums.len())),
            9 if !self.traits.is_empty() && self.rng.chance(40) => {
                Ty::Trait(self.rng.below(self.traits.len()))
            }
            9 if !self.unions.is_empty() => Ty::Union(self.rng.below(self.unions.len())),
            _ => Ty::Int,
        }
    }

    /// A Void function type (`fn(Int)`, `fn()`; L11), alone or inside a
    /// list, Maybe, map or `GBox`.
    fn void_fn_ty(&mut self) -> Ty {
        let np = self.rng.below(2);
        let ps: Vec<Ty> = (0..np).map(|_| self.rand_ty(0)).collect();
        let f = Ty::Fn(ps, Box::new(Ty::Void));
        match self.rng.below(6) {
            0 => Ty::list(f),
            1 => {
                self.uses_maybe = true;
                Ty::maybe(f)
            }
            2 => Ty::GBox(Box::new(f)),
            3 => {
                let k = self.key_ty();
                Ty::map(k, f)
            }
            _ => f,
        }
    }

    /// A type as written in an annotation: sometimes through an alias.
    fn ty_annot(&mut self, t: &Ty) -> String {
        let names: Vec<String> = self
            .aliases
            .iter()
            .filter(|(_, a)| a == t)
            .map(|(n, _)| n.clone())
            .collect();
        if !names.is_empty() && self.rng.chance(50) {
            return self.rng.pick(&names).clone();
        }
        self.ty_str(t)
    }

    fn key_ty(&mut self) -> Ty {
        match self.rng.below(10) {
            0..=5 => Ty::Str,
            6..=8 => Ty::Int,
            _ => Ty::Bool,
        }
    }

    /// Values of this type can be printed and interpolated.
    fn printable(&self, t: &Ty) -> bool {
        match t {
            Ty::Int | Ty::Float | Ty::Str | Ty::Bool => true,
            Ty::Struct(i) => self.structs[*i].to_string,
            Ty::Enum(i) => self.enums[*i].to_string,
            Ty::Union(i) => self.unions[*i].members.iter().all(|m| self.printable(m)),
            _ => false,
        }
    }

    // --- environment -----------------------------------------------------------

    fn visible(&self, cx: &Cx, idx: usize) -> bool {
        let v = &self.vars[idx];
        if v.shadowed {
            return false;
        }
        if v.global {
            return !(cx.in_fiber && v.mutable);
        }
        idx >= cx.visible_from
    }

    fn vars_of(&self, cx: &Cx, pred: impl Fn(&Var) -> bool) -> Vec<usize> {
        (0..self.vars.len())
            .filter(|&i| self.visible(cx, i) && pred(&self.vars[i]))
            .collect()
    }

    /// Whether the variable at `idx` may be assigned / mutated here.
    fn assignable(&self, cx: &Cx, idx: usize) -> bool {
        let v = &self.vars[idx];
        if !v.mutable || v.frozen || !self.visible(cx, idx) {
            return false;
        }
        if v.ty.has_fn() {
            return false;
        }
        if cx.no_coll_mut && v.ty.is_collection() {
            return false;
        }
        if cx.in_closure && idx < cx.closure_base && !v.global {
            // Closures only mutate captured Int counters.
            return v.ty == Ty::Int;
        }
        true
    }

    fn push_var(&mut self, name: &str, ty: Ty, mutable: bool) {
        for v in self.vars.iter_mut() {
            if v.name == name {
                v.shadowed = true;
            }
        }
        self.vars.push(Var {
            name: name.to_string(),
            ty,
            mutable,
            global: false,
            frozen: false,
            shadowed: false,
        });
    }

    /// Leave a scope: drop the variables declared since `mark` and unshadow
    /// what they hid.
    fn pop_to(&mut self, mark: usize) {
        while self.vars.len() > mark {
            let v = self.vars.pop().unwrap();
            if let Some(prev) = self.vars.iter_mut().rev().find(|p| p.name == v.name) {
                prev.shadowed = false;
            }
        }
    }

    fn afford(&self, cx: &Cx, cost: u64) -> bool {
        self.cost + cx.mult.saturating_mul(cost) <= self.budget
    }

    fn spend(&mut self, cx: &Cx, cost: u64) {
        self.cost += cx.mult.saturating_mul(cost);
    }

    // --- literals ----------------------------------------------------------------

    fn int_lit(&mut self) -> String {
        match self.rng.below(20) {
            0 => "9223372036854775807".into(),
            1 => format!("(-{})", self.rng.range(1, 1000)),
            2 => format!("{}", self.rng.range(1000, 4_000_000_000)),
            3 => "007".into(),
            _ => format!("{}", self.rng.range(0, 20)),
        }
    }

    fn float_lit(&mut self) -> String {
        let whole = self.rng.range(0, 50);
        let frac = self.rng.range(0, 99);
        if self.rng.chance(15) {
            format!("(-{whole}.{frac})")
        } else {
            format!("{whole}.{frac}")
        }
    }

    fn str_lit(&mut self, simple: bool) -> String {
        let n = self.rng.below(4);
        let mut s = String::from("\"");
        for _ in 0..n {
            if !simple && self.rng.chance(15) {
                let esc = *self
                    .rng
                    .pick(&["\\n", "\\t", "\\\"", "\\\\", "\\{", "\\}", "\\q"]);
                s.push_str(esc);
            } else {
                let w = *self.rng.pick(WORDS);
                s.push_str(w);
            }
        }
        s.push('"');
        s
    }

    /// A literal usable as a map key of type `k`.
    fn key_lit(&mut self, k: &Ty) -> String {
        match k {
            Ty::Int => format!("{}", self.rng.range(0, 9)),
            Ty::Bool => if self.rng.chance(50) { "true" } else { "false" }.into(),
            _ => format!("\"{}\"", self.rng.pick(&["a", "b", "c", "key", "日", ""])),
        }
    }

    // --- helpers written on demand ---------------------------------------------------

    fn helper(&mut self, key: String, make: impl FnOnce(&mut Gen, &str) -> String) -> String {
        if let Some((_, name, _)) = self.helpers.iter().find(|(k, _, _)| *k == key) {
            return name.clone();
        }
        self.counter += 1;
        let name = format!("h{}_{}", self.counter, key.split(':').next().unwrap_or("h"));
        self.top_names.insert(name.clone());
        // Register first so that a helper that needs itself terminates.
        self.helpers
            .push((key.clone(), name.clone(), String::new()));
        let code = make(self, &name);
        if let Some(h) = self.helpers.iter_mut().find(|(k, _, _)| *k == key) {
            h.2 = code;
        }
        name
    }

    fn ok_helper(&mut self, t: &Ty) -> String {
        let key = format!("ok:{}", self.ty_str(t));
        let t = t.clone();
        self.helper(key, |g, name| {
            let Ty::Result(v, _) = &t else { unreachable!() };
            format!(
                "fn {name}(v: {}) {} {{\n  Result::ok(v)\n}}\n",
                g.ty_str(v),
                g.ty_str(&t)
            )
        })
    }

    fn err_helper(&mut self, t: &Ty) -> String {
        let key = format!("err:{}", self.ty_str(t));
        let t = t.clone();
        self.helper(key, |g, name| {
            let Ty::Result(_, e) = &t else { unreachable!() };
            format!(
                "fn {name}(e: {}) {} {{\n  Result::err(e)\n}}\n",
                g.ty_str(e),
                g.ty_str(&t)
            )
        })
    }

    fn none_helper(&mut self, t: &Ty) -> String {
        self.uses_maybe = true;
        let key = format!("none:{}", self.ty_str(t));
        let t = t.clone();
        self.helper(key, |g, name| {
            format!(
                "fn {name}() {} {{\n  maybe::none()\n}}\n",
                g.ty_str(&Ty::maybe(t.clone()))
            )
        })
    }

    fn union_helper(&mut self, u: usize, m: usize) -> String {
        let key = format!("of:{}:{}", self.unions[u].name, m);
        self.helper(key, |g, name| {
            let mt = g.unions[u].members[m].clone();
            format!(
                "fn {name}(v: {}) {} {{\n  v\n}}\n",
                g.ty_str(&mt),
                g.unions[u].name
            )
        })
    }

    fn empty_list_helper(&mut self, t: &Ty) -> String {
        let key = format!("empty:{}", self.ty_str(t));
        let t = t.clone();
        self.helper(key, |g, name| {
            let ts = g.ty_str(&t);
            format!("fn {name}() {ts} {{\n  let out: {ts} = []\n  out\n}}\n")
        })
    }

    // --- expressions ---------------------------------------------------------------------

    /// An expression of type `ty` that needs no further nesting.
    fn leaf(&mut self, ty: &Ty, cx: &Cx, pos: Pos) -> String {
        // A variable is the cheapest leaf.
        if self.rng.chance(50)
            && let Some(v) = self.var_of(ty, cx)
        {
            return v;
        }
        match ty {
            Ty::Void => "()".into(),
            Ty::Int => self.int_lit(),
            Ty::Float => self.float_lit(),
            Ty::Str => self.str_lit(pos.simple),
            Ty::Bool => if self.rng.chance(50) { "true" } else { "false" }.into(),
            Ty::List(e) => {
                if pos.typed && !pos.simple && self.rng.chance(20) {
                    return "[]".into();
                }
                let inner = Pos {
                    typed: pos.typed,
                    simple: pos.simple,
                };
                let x = self.leaf(e, cx, inner);
                format!("[{x}]")
            }
            Ty::Map(k, v) => {
                if pos.simple {
                    // No map literal inside an interpolation.
                    let h = self.empty_map_helper(ty);
                    return format!("{h}()");
                }
                if pos.typed && self.rng.chance(20) {
                    return "[:]".into();
                }
                let key = self.key_lit(k);
                let val = self.leaf(v, cx, pos);
                format!("[{key}: {val}]")
            }
            Ty::Maybe(t) => {
                self.uses_maybe = true;
                if pos.typed && self.rng.chance(30) {
                    return "maybe::none()".into();
                }
                if self.rng.chance(15) {
                    let h = self.none_helper(t);
                    return format!("{h}()");
                }
                let x = self.leaf(t, cx, UNTYPED_OR(pos));
                format!("maybe::some({x})")
            }
            Ty::Result(v, e) => {
                let ok = self.rng.chance(70);
                if pos.typed && !pos.simple {
                    if ok {
                        let x = self.leaf(v, cx, TYPED);
                        return format!("Result::ok({x})");
                    }
                    let x = self.leaf(e, cx, TYPED);
                    return format!("Result::err({x})");
                }
                if ok {
                    let h = self.ok_helper(ty);
                    let x = self.leaf(v, cx, sub(pos));
                    format!("{h}({x})")
                } else {
                    let h = self.err_helper(ty);
                    let x = self.leaf(e, cx, sub(pos));
                    format!("{h}({x})")
                }
            }
            Ty::Struct(i) => {
                let i = *i;
                if pos.simple || self.rng.chance(15) {
                    // No struct literal inside an interpolation: a static
                    // function `Name::make()` builds one.
                    let h = self.struct_helper(i, cx);
                    return format!("{h}()");
                }
                self.struct_lit(i, cx, 0)
            }
            Ty::Enum(i) => {
                let e = &self.enums[*i];
                let v = self.rng.pick(&e.variants).clone();
                format!("{}::{}", e.name, v)
            }
            Ty::Union(u) => {
                let u = *u;
                let m = self.rng.below(self.unions[u].members.len());
                let mt = self.unions[u].members[m].clone();
                if pos.typed && !pos.simple {
                    return self.leaf(&mt, cx, TYPED);
                }
                let h = self.union_helper(u, m);
                let x = self.leaf(&mt, cx, sub(pos));
                format!("{h}({x})")
            }
            Ty::Trait(t) => {
                let t = *t;
                let m = self.rng.below(self.traits[t].impls.len());
                let mt = self.traits[t].impls[m].clone();
                if pos.typed && !pos.simple {
                    return self.leaf(&mt, cx, TYPED);
                }
                let h = self.trait_helper(t, m);
                let x = self.leaf(&mt, cx, sub(pos));
                format!("{h}({x})")
            }
            Ty::Fn(ps, r) => {
                if pos.simple {
                    // Closures have braces: a variable or a named function.
                    if let Some(v) = self.var_of(ty, cx) {
                        return v;
                    }
                    let h = self.fn_helper(ps, r);
                    return h;
                }
                self.closure_lit(ps, r, cx, 0)
            }
            Ty::GBox(t) => {
                // A literal takes its type arguments from the context when
                // there is one, else from its field.
                let inner = if pos.typed && !pos.simple {
                    TYPED
                } else {
                    self_typed(pos)
                };
                let x = self.leaf(t, cx, inner);
                if pos.simple || self.rng.chance(30) {
                    format!("GBox::of({x})")
                } else {
                    format!("GBox{{ value: {x} }}")
                }
            }
            Ty::GPair(a, b) => {
                if pos.simple || self.rng.chance(30) {
                    // A method call has no expected type: its arguments
                    // must have exactly the pair's types.
                    let x = self.leaf(a, cx, self_typed(pos));
                    let y = self.leaf(b, cx, self_typed(pos));
                    return format!("GBox::of({x}).pair_with({y})");
                }
                let inner = if pos.typed { TYPED } else { self_typed(pos) };
                let x = self.leaf(a, cx, inner);
                let y = self.leaf(b, cx, inner);
                format!("GPair{{ first: {x}, second: {y} }}")
            }
        }
    }

    fn empty_map_helper(&mut self, t: &Ty) -> String {
        let key = format!("emptymap:{}", self.ty_str(t));
        let t = t.clone();
        self.helper(key, |g, name| {
            let ts = g.ty_str(&t);
            format!("fn {name}() {ts} {{\n  let out: {ts} = [:]\n  out\n}}\n")
        })
    }

    /// The static function `Name::make()` (static functions are
    /// registered under their full path).
    fn struct_helper(&mut self, i: usize, _cx: &Cx) -> String {
        let key = format!("mk:{}", self.structs[i].name);
        if let Some((_, name, _)) = self.helpers.iter().find(|(k, _, _)| *k == key) {
            return name.clone();
        }
        let name = format!("{}::make", self.structs[i].name);
        self.helpers
            .push((key.clone(), name.clone(), String::new()));
        let cx = self.top_cx(Ty::Struct(i));
        let lit = self.struct_lit(i, &cx, 0);
        let code = format!("fn {name}() {} {{\n  {lit}\n}}\n", self.structs[i].name);
        if let Some(h) = self.helpers.iter_mut().find(|(k, _, _)| *k == key) {
            h.2 = code;
        }
        name
    }

    fn trait_helper(&mut self, t: usize, m: usize) -> String {
        let key = format!("as:{}:{}", self.traits[t].name, m);
        self.helper(key, |g, name| {
            let mt = g.traits[t].impls[m].clone();
            format!(
                "fn {name}(v: {}) {} {{\n  v\n}}\n",
                g.ty_str(&mt),
                g.traits[t].name
            )
        })
    }

    /// A named function of type `fn(ps) r` (for function values inside
    /// interpolations).
    fn fn_helper(&mut self, ps: &[Ty], r: &Ty) -> String {
        let t = Ty::Fn(ps.to_vec(), Box::new(r.clone()));
        let key = format!("fn:{}", self.ty_str(&t));
        let ps = ps.to_vec();
        let r = r.clone();
        self.helper(key, |g, name| {
            let params: Vec<String> = ps
                .iter()
                .enumerate()
                .map(|(k, p)| format!("p{k}: {}", g.ty_str(p)))
                .collect();
            let cx = g.top_cx(r.clone());
            let body = g.leaf(&r, &cx, TYPED);
            format!(
                "fn {name}({}) {} {{\n  {body}\n}}\n",
                params.join(", "),
                g.ty_str(&r)
            )
        })
    }

    /// A context for a helper function's body: nothing but globals.
    fn top_cx(&self, ret: Ty) -> Cx {
        Cx {
            ret,
            in_fiber: true,
            visible_from: usize::MAX,
            closure_base: 0,
            in_closure: false,
            self_struct: None,
            self_mut: false,
            can_print: false,
            can_break: false,
            loop_depth: 0,
            mult: 1,
            no_coll_mut: true,
            is_main: false,
            ind: 1,
        }
    }

    fn var_of(&mut self, ty: &Ty, cx: &Cx) -> Option<String> {
        let c = self.vars_of(cx, |v| v.ty == *ty);
        if c.is_empty() {
            return None;
        }
        let i = *self.rng.pick(&c);
        Some(self.vars[i].name.clone())
    }

    fn struct_lit(&mut self, i: usize, cx: &Cx, d: u32) -> String {
        let fields = self.structs[i].fields.clone();
        let mut parts = Vec::new();
        for (f, t) in &fields {
            if matches!(t, Ty::Maybe(_)) && self.rng.chance(30) {
                continue; // omitted Maybe fields start as none
            }
            let v = self.expr(t, cx, TYPED, d.saturating_sub(1));
            parts.push(format!("{f}: {v}"));
        }
        if parts.len() > 1 && self.rng.chance(30) {
            // Field order is free.
            parts.reverse();
        }
        let sep = if self.rng.chance(50) { ", " } else { " " };
        format!("{}{{ {} }}", self.structs[i].name, parts.join(sep))
    }

    fn closure_lit(&mut self, ps: &[Ty], r: &Ty, cx: &Cx, d: u32) -> String {
        let mark = self.vars.len();
        let mut params = Vec::new();
        let saved_names = self.local_names.clone();
        for p in ps {
            let n = self.local_name("p");
            params.push(format!("{n}: {}", self.ty_str(p)));
            self.push_var(&n, p.clone(), false);
        }
        let saved_cost = self.cost;
        let saved_budget = self.budget;
        self.cost = 0;
        self.budget = CLOSURE_BUDGET;
        let inner = Cx {
            ret: r.clone(),
            closure_base: mark,
            in_closure: true,
            can_print: false,
            can_break: false,
            loop_depth: cx.loop_depth,
            mult: 1,
            ind: cx.ind + 1,
            is_main: false,
            ..cx.clone()
        };
        let n = self.rng.below(3);
        let body = self.block_body(&inner, n, r, d.min(2));
        self.cost = saved_cost;
        self.budget = saved_budget;
        self.pop_to(mark);
        self.local_names = saved_names;
        let rs = if *r == Ty::Void && self.rng.chance(50) {
            String::new()
        } else {
            format!(" {}", self.ty_str(r))
        };
        format!(
            "fn({}){rs} {{\n{body}{}}}",
            params.join(", "),
            indent(cx.ind)
        )
    }

    /// An expression of type `ty`.
    fn expr(&mut self, ty: &Ty, cx: &Cx, pos: Pos, d: u32) -> String {
        if d == 0 || self.rng.chance(15) {
            return self.leaf(ty, cx, pos);
        }
        for _ in 0..10 {
            let got = match self.rng.below(20) {
                0..=2 => self.var_of(ty, cx),
                3 => self.field_of(ty, cx),
                4 => self.call_of(ty, cx, pos, d),
                5 => self.method_call_of(ty, cx, pos, d),
                6 => self.closure_call_of(ty, cx, pos, d),
                7 => self.generic_of(ty, cx, pos, d),
                8 if !pos.simple => Some(self.if_expr(ty, cx, pos, d)),
                9 if !pos.simple => self.match_expr(ty, cx, pos, d),
                10 if !pos.simple => self.try_expr(ty, cx, d),
                11 => self.unwrap_of(ty, cx, pos, d),
                12 => self.generic_struct_of(ty, cx, pos, d),
                _ => self.specific(ty, cx, pos, d),
            };
            if let Some(s) = got {
                return s;
            }
        }
        self.leaf(ty, cx, pos)
    }

    fn field_of(&mut self, ty: &Ty, cx: &Cx) -> Option<String> {
        let mut opts = Vec::new();
        if let Some(s) = cx.self_struct {
            for (f, t) in &self.structs[s].fields {
                if t == ty {
                    opts.push(format!("@{f}"));
                }
            }
        }
        for i in self.vars_of(cx, |v| matches!(v.ty, Ty::Struct(_))) {
            let Ty::Struct(s) = self.vars[i].ty else {
                continue;
            };
            for (f, t) in &self.structs[s].fields {
                if t == ty {
                    opts.push(format!("{}.{f}", self.vars[i].name));
                }
            }
        }
        if opts.is_empty() {
            None
        } else {
            Some(self.rng.pick(&opts).clone())
        }
    }

    /// Arguments for parameters, honouring `mut` parameters.
    fn args(&mut self, params: &[Param], cx: &Cx, pos: Pos, d: u32) -> Vec<String> {
        let mut out = Vec::new();
        for p in params {
            if p.mutable {
                // A mutable variable (by reference) or `mut e` (a copy).
                let cands: Vec<usize> = self
                    .vars_of(cx, |v| v.ty == p.ty)
                    .into_iter()
                    .filter(|&i| self.assignable(cx, i))
                    .collect();
                if !pos.simple && !cands.is_empty() && self.rng.chance(60) {
                    let i = *self.rng.pick(&cands);
                    out.push(self.vars[i].name.clone());
                } else {
                    let e = self.expr(&p.ty, cx, sub(pos), d.saturating_sub(1));
                    out.push(format!("mut {e}"));
                }
            } else {
                let e = self.expr(&p.ty, cx, sub(pos), d.saturating_sub(1));
                out.push(e);
            }
        }
        out
    }

    fn call_of(&mut self, ty: &Ty, cx: &Cx, pos: Pos, d: u32) -> Option<String> {
        let cands: Vec<usize> = (0..self.funcs.len())
            .filter(|&i| self.funcs[i].ret == *ty && self.afford(cx, self.funcs[i].cost))
            .collect();
        if cands.is_empty() {
            return None;
        }
        let f = self.funcs[*self.rng.pick(&cands)].clone();
        self.spend(cx, f.cost);
        Some(self.call_text(&f, cx, pos, d))
    }

    fn call_text(&mut self, f: &Func, cx: &Cx, pos: Pos, d: u32) -> String {
        let args = self.args(&f.params, cx, pos, d);
        let n = args.len();
        let mut parts: Vec<String> = Vec::new();
        let named = n >= 2 && !pos.simple && self.rng.chance(25);
        if named && !f.params.iter().any(|p| p.mutable) {
            // Every argument named, in any order (L8; mixing positional and
            // named arguments is an error, L11). The draw that used to pick
            // how many came first positionally is kept, so that seeds keep
            // their programs.
            let _ = self.rng.below(n);
            let mut rest: Vec<usize> = (0..n).collect();
            if self.rng.chance(50) {
                rest.reverse();
            }
            for k in rest {
                parts.push(format!("{}: {}", f.params[k].name, args[k]));
            }
        } else {
            parts = args;
        }
        format!("{}({})", f.name, parts.join(", "))
    }

    fn method_call_of(&mut self, ty: &Ty, cx: &Cx, pos: Pos, d: u32) -> Option<String> {
        // (receiver text, struct, method index)
        let mut opts: Vec<(String, usize, usize)> = Vec::new();
        if let Some(s) = cx.self_struct {
            for (k, m) in self.structs[s].methods.iter().enumerate() {
                if m.ready && m.ret == *ty && !m.is_mut {
                    opts.push(("@".into(), s, k));
                }
            }
        }
        for i in self.vars_of(cx, |v| matches!(v.ty, Ty::Struct(_))) {
            let Ty::Struct(s) = self.vars[i].ty else {
                continue;
            };
            for (k, m) in self.structs[s].methods.iter().enumerate() {
                if m.ready && m.ret == *ty && !m.is_mut {
                    opts.push((self.vars[i].name.clone(), s, k));
                }
            }
        }
        // Trait methods on trait-typed values.
        let trait_vars = if self.in_trait_impl {
            Vec::new()
        } else {
            self.vars_of(cx, |v| matches!(v.ty, Ty::Trait(_)))
        };
        for i in trait_vars {
            let Ty::Trait(t) = self.vars[i].ty else {
                continue;
            };
            let methods = self.traits[t].methods.clone();
            for (m, ps, r) in methods {
                if r == *ty {
                    let name = self.vars[i].name.clone();
                    let args: Vec<String> = ps
                        .iter()
                        .map(|p| self.expr(p, cx, sub(pos), d.saturating_sub(1).min(1)))
                        .collect();
                    opts.push((format!("{name}.{m}({})", args.join(", ")), usize::MAX, 0));
                }
            }
        }
        // Enum `code()`.
        if *ty == Ty::Int {
            for i in self.vars_of(cx, |v| matches!(v.ty, Ty::Enum(_))) {
                let Ty::Enum(e) = self.vars[i].ty else {
                    continue;
                };
                if let Some(m) = &self.enums[e].code_method {
                    opts.push((format!("{}.{m}()", self.vars[i].name), usize::MAX, 0));
                }
            }
        }
        if opts.is_empty() {
            return None;
        }
        let (recv, s, k) = self.rng.pick(&opts).clone();
        if s == usize::MAX {
            return Some(recv);
        }
        let m = self.structs[s].methods[k].clone();
        if !self.afford(cx, m.cost) {
            return None;
        }
        self.spend(cx, m.cost);
        let args = self.args(&m.params, cx, pos, d);
        let sep = if recv == "@" { "" } else { "." };
        Some(format!("{recv}{sep}{}({})", m.name, args.join(", ")))
    }

    fn closure_call_of(&mut self, ty: &Ty, cx: &Cx, pos: Pos, d: u32) -> Option<String> {
        let c = self.vars_of(cx, |v| matches!(&v.ty, Ty::Fn(_, r) if **r == *ty));
        if c.is_empty() || !self.afford(cx, CLOSURE_CALL_COST) {
            return None;
        }
        self.spend(cx, CLOSURE_CALL_COST);
        let i = *self.rng.pick(&c);
        let Ty::Fn(ps, _) = self.vars[i].ty.clone() else {
            unreachable!()
        };
        let name = self.vars[i].name.clone();
        let args: Vec<String> = ps
            .iter()
            .map(|p| self.expr(p, cx, sub(pos), d - 1))
            .collect();
        Some(format!("{name}({})", args.join(", ")))
    }

    /// A call of one of the generic functions every program declares.
    fn generic_of(&mut self, ty: &Ty, cx: &Cx, pos: Pos, d: u32) -> Option<String> {
        let d1 = d - 1;
        let s = match self.rng.below(8) {
            0 => {
                let x = self.expr(ty, cx, self_typed(pos), d1);
                if self.rng.chance(30) && !pos.simple && !ty.has_fn() {
                    format!("g_id<{}>({x})", self.ty_str(ty))
                } else {
                    format!("g_id({x})")
                }
            }
            1 => {
                let c = self.expr(&Ty::Bool, cx, sub(pos), d1);
                let a = self.expr(ty, cx, self_typed(pos), d1);
                let b = self.expr(ty, cx, self_typed(pos), d1);
                format!("g_pick({c}, {a}, {b})")
            }
            2 => {
                let xs = self.expr(&Ty::list(ty.clone()), cx, self_typed(pos), d1);
                let x = self.expr(ty, cx, self_typed(pos), d1);
                format!("g_first_or({xs}, {x})")
            }
            3 => {
                let m = self.expr(&Ty::maybe(ty.clone()), cx, self_typed(pos), d1);
                let x = self.expr(ty, cx, self_typed(pos), d1);
                format!("g_or_else({m}, {x})")
            }
            4 if !pos.simple && self.afford(cx, CLOSURE_CALL_COST) => {
                self.spend(cx, CLOSURE_CALL_COST);
                let a = self.rand_ty(0);
                let f = self.closure_lit(std::slice::from_ref(&a), ty, cx, d1);
                let x = self.expr(&a, cx, self_typed(pos), d1);
                format!("g_apply({f}, {x})")
            }
            5 if *ty == Ty::Int => {
                let t = self.rand_ty(1);
                let xs = self.expr(&Ty::list(t), cx, self_typed(pos), d1);
                format!("g_count({xs})")
            }
            6 => match ty {
                Ty::List(e) if !pos.simple && self.afford(cx, CLOSURE_CALL_COST) => {
                    self.spend(cx, CLOSURE_CALL_COST * COLLECTION_LEN);
                    let a = self.rand_ty(0);
                    let xs = self.expr(&Ty::list(a.clone()), cx, self_typed(pos), d1);
                    let f = self.closure_lit(&[a], e, cx, d1);
                    format!("g_map({xs}, {f})")
                }
                Ty::List(e) => {
                    let x = self.expr(e, cx, self_typed(pos), d1);
                    format!("g_wrap({x})")
                }
                _ => return None,
            },
            _ => match ty {
                Ty::Maybe(e) => {
                    let x = self.expr(e, cx, self_typed(pos), d1);
                    format!("g_some({x})")
                }
                Ty::Result(v, e) if **e == Ty::Str => {
                    let x = self.expr(v, cx, self_typed(pos), d1);
                    format!("g_ok({x})")
                }
                _ => return None,
            },
        };
        Some(s)
    }

    fn cond(&mut self, cx: &Cx, d: u32) -> String {
        self.head(&Ty::Bool, cx, d.min(2))
    }

    /// An expression directly before a block's `{` (`if`/`match` subject,
    /// `for` iterable): a struct literal there would take the block as its
    /// fields, so anything with braces is parenthesised.
    fn head(&mut self, ty: &Ty, cx: &Cx, d: u32) -> String {
        let e = self.expr(ty, cx, UNTYPED, d);
        if e.contains('{') { format!("({e})") } else { e }
    }

    /// A block: `n` statements, then (unless `result` is Void) a final
    /// expression of type `result`. Returns lines ending in '\n', indented
    /// at `cx.ind`.
    fn block_body(&mut self, cx: &Cx, n: usize, result: &Ty, d: u32) -> String {
        let mark = self.vars.len();
        let mut out = String::new();
        for _ in 0..n {
            let s = self.stmt(cx, d);
            out.push_str(&s);
        }
        if *result != Ty::Void {
            let e = self.expr(result, cx, TYPED, d);
            let _ = writeln!(out, "{}{e}", indent(cx.ind));
        }
        self.pop_to(mark);
        out
    }

    fn inner_cx(&self, cx: &Cx) -> Cx {
        Cx {
            ind: cx.ind + 1,
            ..cx.clone()
        }
    }

    /// `if` used as a value.
    fn if_expr(&mut self, ty: &Ty, cx: &Cx, pos: Pos, d: u32) -> String {
        let inner = Cx {
            can_break: false,
            ..self.inner_cx(cx)
        };
        let bpos = branch_pos(ty, pos);
        let c = self.cond(cx, d - 1);
        let mut s = format!("(if {c} {{\n");
        let n = self.rng.below(2);
        s.push_str(&self.value_block(&inner, n, ty, bpos, d - 1));
        for _ in 0..self.rng.below(3) {
            let c = self.cond(cx, d - 1);
            let _ = writeln!(s, "{}}} else if {c} {{", indent(cx.ind));
            s.push_str(&self.value_block(&inner, 0, ty, bpos, d - 1));
        }
        let _ = writeln!(s, "{}}} else {{", indent(cx.ind));
        let n = self.rng.below(2);
        s.push_str(&self.value_block(&inner, n, ty, bpos, d - 1));
        let _ = write!(s, "{}}})", indent(cx.ind));
        s
    }

    /// A block whose value has type `ty` (statements, then the value).
    fn value_block(&mut self, cx: &Cx, n: usize, ty: &Ty, pos: Pos, d: u32) -> String {
        let mark = self.vars.len();
        let mut out = String::new();
        for _ in 0..n {
            out.push_str(&self.stmt(cx, d.min(1)));
        }
        let e = self.expr(ty, cx, pos, d);
        let _ = writeln!(out, "{}{e}", indent(cx.ind));
        self.pop_to(mark);
        out
    }

    /// An arm body: an expression or a block.
    fn arm(&mut self, cx: &Cx, ty: &Ty, pos: Pos, d: u32) -> String {
        if self.rng.chance(30) {
            let inner = Cx {
                can_break: false,
                ..self.inner_cx(cx)
            };
            let n = self.rng.below(2);
            let body = self.value_block(&inner, n, ty, pos, d);
            format!("{{\n{body}{}}}", indent(cx.ind))
        } else {
            self.expr(ty, cx, pos, d)
        }
    }

    /// `match` used as a value.
    fn match_expr(&mut self, ty: &Ty, cx: &Cx, pos: Pos, d: u32) -> Option<String> {
        let bpos = branch_pos(ty, pos);
        let inner = Cx {
            can_break: false,
            ..self.inner_cx(cx)
        };
        let arms = self.match_arms(cx, &inner, d, &mut |g, cx, _| g.arm(cx, ty, bpos, d - 1))?;
        Some(format!("({arms})"))
    }

    /// `match SUBJECT {` arms `}` with arms written by `body`, which gets
    /// the arm context and may use variables the pattern binds.
    #[allow(clippy::type_complexity)]
    fn match_arms(
        &mut self,
        cx: &Cx,
        inner: &Cx,
        d: u32,
        body: &mut dyn FnMut(&mut Gen, &Cx, usize) -> String,
    ) -> Option<String> {
        let ind = indent(inner.ind);
        let close = indent(cx.ind);
        let comma = if self.rng.chance(50) { "," } else { "" };
        let mut s = String::new();
        let d1 = d.saturating_sub(1).min(2);
        match self.rng.below(9) {
            0 => {
                // Conditional match.
                let _ = writeln!(s, "match {{");
                for k in 0..self.rng.range(1, 3) as usize {
                    let c = self.cond(cx, d1);
                    let b = body(self, inner, k);
                    let _ = writeln!(s, "{ind}{c} => {b}{comma}");
                }
                let b = body(self, inner, 9);
                let _ = writeln!(s, "{ind}_ => {b}{comma}");
            }
            1 => {
                // Int match with disjoint patterns.
                let subj = self.head(&Ty::Int, cx, d1);
                let _ = writeln!(s, "match {subj} {{");
                let mut lo = self.rng.range(-5, 3);
                for k in 0..self.rng.range(1, 3) as usize {
                    let pat = if self.rng.chance(40) {
                        let hi = lo + self.rng.range(0, 4);
                        let p = format!("{lo}..{hi}");
                        lo = hi + 1;
                        p
                    } else {
                        let p = format!("{lo}");
                        lo += 1;
                        p
                    };
                    lo += self.rng.range(0, 2);
                    let b = body(self, inner, k);
                    let _ = writeln!(s, "{ind}{pat} => {b}{comma}");
                }
                let b = body(self, inner, 9);
                let _ = writeln!(s, "{ind}_ => {b}{comma}");
            }
            2 => {
                // Str match.
                let subj = self.head(&Ty::Str, cx, d1);
                let _ = writeln!(s, "match {subj} {{");
                let pats = ["\"a\"", "\"b\"", "\"\"", "\"hello\"", "\"日本\""];
                let n = self.rng.range(1, 3) as usize;
                for (k, p) in pats.iter().take(n).enumerate() {
                    let b = body(self, inner, k);
                    let _ = writeln!(s, "{ind}{p} => {b}{comma}");
                }
                let b = body(self, inner, 9);
                let _ = writeln!(s, "{ind}_ => {b}{comma}");
            }
            3 => {
                // Bool match.
                let subj = self.head(&Ty::Bool, cx, d1);
                let _ = writeln!(s, "match {subj} {{");
                let first = self.rng.chance(50);
                let b = body(self, inner, 0);
                let _ = writeln!(s, "{ind}{first} => {b}{comma}");
                let b = body(self, inner, 1);
                if self.rng.chance(30) {
                    let _ = writeln!(s, "{ind}_ => {b}{comma}");
                } else {
                    let _ = writeln!(s, "{ind}{} => {b}{comma}", !first);
                }
            }
            4 if !self.enums.is_empty() => {
                let e = self.rng.below(self.enums.len());
                let subj = self.head(&Ty::Enum(e), cx, d1);
                let _ = writeln!(s, "match {subj} {{");
                let name = self.enums[e].name.clone();
                let variants = self.enums[e].variants.clone();
                let partial = self.rng.chance(40);
                for (k, v) in variants.iter().enumerate() {
                    if partial && k > 0 && self.rng.chance(50) {
                        continue;
                    }
                    let b = body(self, inner, k);
                    let _ = writeln!(s, "{ind}{name}::{v} => {b}{comma}");
                }
                if partial {
                    let b = body(self, inner, 9);
                    let _ = writeln!(s, "{ind}_ => {b}{comma}");
                }
            }
            5 => {
                // Maybe match, binding the value.
                let t = self.rand_ty(1);
                self.uses_maybe = true;
                let subj = self.head(&Ty::maybe(t.clone()), cx, d1);
                let _ = writeln!(s, "match {subj} {{");
                let mark = self.vars.len();
                let n = self.local_name("m");
                self.push_var(&n, t, false);
                let b = body(self, inner, 0);
                self.pop_to(mark);
                let some_arm = format!("{ind}{n} => {b}{comma}\n");
                let b = body(self, inner, 9);
                let none_arm = format!("{ind}_ => {b}{comma}\n");
                if self.rng.chance(70) {
                    s.push_str(&some_arm);
                    s.push_str(&none_arm);
                } else {
                    s.push_str(&none_arm);
                    s.push_str(&some_arm);
                }
            }
            6 => {
                // Result match.
                let v = self.rand_ty(1);
                let e = if self.rng.chance(80) {
                    Ty::Str
                } else {
                    Ty::Int
                };
                let subj = self.head(&Ty::result(v.clone(), e.clone()), cx, d1);
                let _ = writeln!(s, "match {subj} {{");
                let mark = self.vars.len();
                let (okpat, okname) = if self.rng.chance(30) {
                    ("ok".to_string(), "ok".to_string())
                } else {
                    let n = self.local_name("r");
                    (format!("ok({n})"), n)
                };
                self.push_var(&okname, v, false);
                let b = body(self, inner, 0);
                self.pop_to(mark);
                let ok_arm = format!("{ind}{okpat} => {b}{comma}\n");
                let (errpat, errname) = if self.rng.chance(30) {
                    ("err".to_string(), "err".to_string())
                } else {
                    let n = self.local_name("e");
                    (format!("err({n})"), n)
                };
                self.push_var(&errname, e, false);
                let b = body(self, inner, 1);
                self.pop_to(mark);
                let err_arm = format!("{ind}{errpat} => {b}{comma}\n");
                if self.rng.chance(70) {
                    s.push_str(&ok_arm);
                    s.push_str(&err_arm);
                } else {
                    s.push_str(&err_arm);
                    s.push_str(&ok_arm);
                }
            }
            7 | 8 if !self.unions.is_empty() => {
                let u = self.rng.below(self.unions.len());
                let subj = self.head(&Ty::Union(u), cx, d1);
                let _ = writeln!(s, "match {subj} {{");
                let members = self.unions[u].members.clone();
                let partial = self.rng.chance(30);
                for (k, m) in members.iter().enumerate() {
                    if partial && self.rng.chance(50) {
                        continue;
                    }
                    let tn = self.ty_str(m);
                    let mark = self.vars.len();
                    let pat = if self.rng.chance(30) {
                        self.push_var("it", m.clone(), false);
                        tn
                    } else {
                        let n = self.local_name("u");
                        self.push_var(&n, m.clone(), false);
                        format!("{tn}({n})")
                    };
                    let b = body(self, inner, k);
                    self.pop_to(mark);
                    let _ = writeln!(s, "{ind}{pat} => {b}{comma}");
                }
                if partial {
                    let b = body(self, inner, 9);
                    let _ = writeln!(s, "{ind}_ => {b}{comma}");
                }
            }
            _ => return None,
        }
        let _ = write!(s, "{close}}}");
        Some(s)
    }

    /// `try` (propagating or with a catch block), as a value of type `ty`.
    fn try_expr(&mut self, ty: &Ty, cx: &Cx, d: u32) -> Option<String> {
        if cx.is_main || cx.in_fiber && cx.ret == Ty::Void {
            return None;
        }
        let d1 = d.saturating_sub(1).min(2);
        match cx.ret.clone() {
            Ty::Result(_, e) if self.rng.chance(60) => {
                let x = self.expr(&Ty::result(ty.clone(), *e), cx, UNTYPED, d1);
                Some(format!("(try {x})"))
            }
            Ty::Maybe(_) if self.rng.chance(60) => {
                self.uses_maybe = true;
                let x = self.expr(&Ty::maybe(ty.clone()), cx, UNTYPED, d1);
                Some(format!("(try {x})"))
            }
            Ty::Void => None,
            ret => {
                // With a catch block whose value is the early result.
                let inner = Cx {
                    can_break: false,
                    ..self.inner_cx(cx)
                };
                if self.rng.chance(60) {
                    let e = if self.rng.chance(80) {
                        Ty::Str
                    } else {
                        Ty::Int
                    };
                    let x = self.expr(&Ty::result(ty.clone(), e.clone()), cx, UNTYPED, d1);
                    let mark = self.vars.len();
                    let n = self.local_name("e");
                    self.push_var(&n, e, false);
                    let body = self.value_block(&inner, 0, &ret, TYPED, d1);
                    self.pop_to(mark);
                    Some(format!("(try {x} -> {n} {{\n{body}{}}})", indent(cx.ind)))
                } else {
                    self.uses_maybe = true;
                    let x = self.expr(&Ty::maybe(ty.clone()), cx, UNTYPED, d1);
                    let body = self.value_block(&inner, 0, &ret, TYPED, d1);
                    Some(format!("(try {x} -> _ {{\n{body}{}}})", indent(cx.ind)))
                }
            }
        }
    }

    /// `.or(default)` on a Maybe or Result, `map.get(k).or(d)`, guarded
    /// `list.at(i)`.
    fn unwrap_of(&mut self, ty: &Ty, cx: &Cx, pos: Pos, d: u32) -> Option<String> {
        let d1 = d - 1;
        match self.rng.below(5) {
            0 => {
                self.uses_maybe = true;
                let m = self.expr(&Ty::maybe(ty.clone()), cx, self_typed(pos), d1);
                let x = self.expr(ty, cx, sub(pos), d1);
                Some(format!("{m}.or({x})"))
            }
            1 => {
                let e = if self.rng.chance(80) {
                    Ty::Str
                } else {
                    Ty::Int
                };
                let r = self.expr(&Ty::result(ty.clone(), e), cx, self_typed(pos), d1);
                let x = self.expr(ty, cx, sub(pos), d1);
                Some(format!("{r}.or({x})"))
            }
            2 => {
                let k = self.key_ty();
                let m = self.expr(&Ty::map(k.clone(), ty.clone()), cx, self_typed(pos), d1);
                let key = self.expr(&k, cx, sub(pos), d1);
                let x = self.expr(ty, cx, sub(pos), d1);
                Some(format!("{m}.get({key}).or({x})"))
            }
            3 if !pos.simple => {
                // A guarded `at` on a list variable.
                let c = self.vars_of(cx, |v| v.ty == Ty::list(ty.clone()));
                if c.is_empty() {
                    return None;
                }
                let xs = self.vars[*self.rng.pick(&c)].name.clone();
                let i = self.rng.range(0, 2);
                let x = self.expr(ty, cx, TYPED, d1);
                Some(format!(
                    "(if {xs}.size() > {i} {{ {xs}.at({i}) }} else {{ {x} }})"
                ))
            }
            _ => {
                // `.expect` on something that is certainly there.
                let x = self.expr(ty, cx, self_typed(pos), d1);
                if self.rng.chance(50) {
                    self.uses_maybe = true;
                    Some(format!("maybe::some({x}).expect(\"present\")"))
                } else {
                    Some(format!("g_ok({x}).expect(\"fine\")"))
                }
            }
        }
    }

    /// Type-specific forms.
    fn specific(&mut self, ty: &Ty, cx: &Cx, pos: Pos, d: u32) -> Option<String> {
        let d1 = d - 1;
        let s = match ty {
            Ty::Int => match self.rng.below(12) {
                0..=2 => {
                    let op = *self.rng.pick(&["+", "-", "*"]);
                    let a = self.expr(&Ty::Int, cx, sub(pos), d1);
                    let b = self.expr(&Ty::Int, cx, sub(pos), d1);
                    format!("({a} {op} {b})")
                }
                3 => {
                    let op = *self.rng.pick(&["/", "%"]);
                    let a = self.expr(&Ty::Int, cx, sub(pos), d1);
                    let b = self.rng.range(1, 9);
                    let b = if self.rng.chance(20) {
                        format!("(-{b})")
                    } else {
                        b.to_string()
                    };
                    format!("({a} {op} {b})")
                }
                4 => {
                    let a = self.expr(&Ty::Int, cx, sub(pos), d1);
                    format!("(-{a})")
                }
                5 => {
                    let s = self.expr(&Ty::Str, cx, sub(pos), d1);
                    // A literal, or a top-level `let` (a Go constant).
                    let constant = s.starts_with('"')
                        || self
                            .vars
                            .iter()
                            .any(|v| v.global && !v.mutable && v.name == s);
                    if constant && avoid("const-len-overflow") {
                        format!("g_id({s}).size()")
                    } else {
                        format!("{s}.size()")
                    }
                }
                6 => {
                    let t = self.rand_ty(0);
                    let xs = self.expr(&Ty::list(t), cx, self_typed(pos), d1);
                    format!("{xs}.size()")
                }
                7 => {
                    let f = self.expr(&Ty::Float, cx, sub(pos), d1);
                    format!("{f}.to_int()")
                }
                8 => {
                    let s = self.expr(&Ty::Str, cx, sub(pos), d1);
                    let x = self.expr(&Ty::Int, cx, sub(pos), d1);
                    format!("Int::from_str({s}).or({x})")
                }
                9 => {
                    let k = self.key_ty();
                    let v = self.rand_ty(0);
                    let m = self.expr(&Ty::map(k, v), cx, self_typed(pos), d1);
                    format!("{m}.size()")
                }
                _ => self.int_lit(),
            },
            Ty::Float => match self.rng.below(6) {
                0..=1 => {
                    let op = *self.rng.pick(&["+", "-", "*"]);
                    let a = self.expr(&Ty::Float, cx, sub(pos), d1);
                    let b = self.expr(&Ty::Float, cx, sub(pos), d1);
                    format!("({a} {op} {b})")
                }
                2 => {
                    let a = self.expr(&Ty::Float, cx, sub(pos), d1);
                    let b = self.rng.range(1, 9);
                    format!("({a} / {b}.5)")
                }
                3 => {
                    let a = self.expr(&Ty::Int, cx, sub(pos), d1);
                    format!("Float::from_int({a})")
                }
                4 => {
                    let a = self.expr(&Ty::Float, cx, sub(pos), d1);
                    format!("Float::floor({a})")
                }
                _ => format!("(-{})", self.expr(&Ty::Float, cx, sub(pos), d1)),
            },
            Ty::Str => match self.rng.below(9) {
                0..=1 => {
                    let a = self.expr(&Ty::Str, cx, sub(pos), d1);
                    let b = self.expr(&Ty::Str, cx, sub(pos), d1);
                    format!("({a} + {b})")
                }
                2..=3 if !pos.simple => self.interpolation(cx, d1),
                4 => {
                    let t = self.printable_ty();
                    let x = self.expr(&t, cx, self_typed(pos), d1);
                    if matches!(t, Ty::Union(_)) {
                        // Unions have no methods: interpolate instead.
                        if pos.simple {
                            return None;
                        }
                        format!("\"{{{x}}}\"")
                    } else {
                        format!("{x}.to_str()")
                    }
                }
                5 => {
                    let a = self.expr(&Ty::Str, cx, sub(pos), d1);
                    format!("{a}.trim()")
                }
                6 => {
                    let a = self.expr(&Ty::Str, cx, sub(pos), d1);
                    let m = *self.rng.pick(&["replace", "replace_all"]);
                    let x = self.str_lit(true);
                    let y = self.str_lit(true);
                    format!("{a}.{m}({x}, {y})")
                }
                7 => {
                    let xs = self.expr(&Ty::list(Ty::Str), cx, self_typed(pos), d1);
                    format!("g_first_or({xs}, \"none\")")
                }
                _ => self.str_lit(pos.simple),
            },
            Ty::Bool => match self.rng.below(10) {
                0..=2 => {
                    let t = self.rng.pick(&[Ty::Int, Ty::Float, Ty::Str]).clone();
                    let ops: &[&str] = &["<", "<=", ">", ">=", "==", "!="];
                    let op = *self.rng.pick(ops);
                    let a = self.expr(&t, cx, sub(pos), d1);
                    let b = self.expr(&t, cx, sub(pos), d1);
                    format!("({a} {op} {b})")
                }
                3 => {
                    let op = *self.rng.pick(&["and", "or"]);
                    let a = self.expr(&Ty::Bool, cx, sub(pos), d1);
                    let b = self.expr(&Ty::Bool, cx, sub(pos), d1);
                    if avoid("redundant-bool-operand") || avoid("suspect-bool-chain") {
                        // A call is never "redundant" for `go vet`.
                        format!("(g_id({a}) {op} {b})")
                    } else {
                        format!("({a} {op} {b})")
                    }
                }
                4 => {
                    let a = self.expr(&Ty::Bool, cx, sub(pos), d1);
                    format!("(not {a})")
                }
                5 => {
                    let a = self.expr(&Ty::Str, cx, sub(pos), d1);
                    let m = *self.rng.pick(&["contains", "starts_with"]);
                    let x = self.str_lit(true);
                    format!("{a}.{m}({x})")
                }
                6 => {
                    let t = self.rand_ty(0);
                    self.uses_maybe = true;
                    let m = self.expr(&Ty::maybe(t), cx, self_typed(pos), d1);
                    let f = *self.rng.pick(&["is_some", "is_none"]);
                    format!("{m}.{f}()")
                }
                7 => {
                    let t = self.rand_ty(0);
                    let r = self.expr(&Ty::result(t, Ty::Str), cx, self_typed(pos), d1);
                    let f = *self.rng.pick(&["is_ok", "is_err"]);
                    format!("{r}.{f}()")
                }
                8 if !self.enums.is_empty() => {
                    let e = self.rng.below(self.enums.len());
                    let a = self.expr(&Ty::Enum(e), cx, sub(pos), d1);
                    let b = self.expr(&Ty::Enum(e), cx, sub(pos), d1);
                    let op = *self.rng.pick(&["==", "!="]);
                    format!("({a} {op} {b})")
                }
                _ => {
                    let k = self.key_ty();
                    let m = self.expr(&Ty::map(k.clone(), Ty::Int), cx, self_typed(pos), d1);
                    let key = self.expr(&k, cx, sub(pos), d1);
                    format!("{m}.has({key})")
                }
            },
            Ty::List(e) => match self.rng.below(6) {
                0..=1 => {
                    let n = self.rng.range(1, 4);
                    let mut items = Vec::new();
                    for _ in 0..n {
                        items.push(self.expr(e, cx, sub_keep(pos), d1));
                    }
                    // Without commas, `a (b)` would be the call `a(b)`.
                    let spaces_ok = items.iter().skip(1).all(|i| !i.starts_with('('));
                    let sep = if spaces_ok && self.rng.chance(30) {
                        " "
                    } else {
                        ", "
                    };
                    format!("[{}]", items.join(sep))
                }
                2 => {
                    let a = self.expr(ty, cx, self_typed(pos), d1);
                    let b = self.expr(ty, cx, self_typed(pos), d1);
                    format!("List::concat({a}, {b})")
                }
                3 if **e == Ty::Str => {
                    let s = self.expr(&Ty::Str, cx, sub(pos), d1);
                    let sep = self.str_lit(true);
                    format!("{s}.split({sep})")
                }
                4 => {
                    if !matches!(**e, Ty::Str | Ty::Int | Ty::Bool) {
                        return None;
                    }
                    let v = self.rand_ty(0);
                    let m = self.expr(&Ty::map((**e).clone(), v), cx, self_typed(pos), d1);
                    format!("{m}.keys()")
                }
                _ if pos.typed && !pos.simple => "[]".into(),
                _ => {
                    let h = self.empty_list_helper(ty);
                    format!("{h}()")
                }
            },
            Ty::Map(k, v) => {
                if pos.simple {
                    return None;
                }
                if self.rng.chance(20) && pos.typed {
                    return Some("[:]".into());
                }
                let n = self.rng.range(1, 3);
                let mut items = Vec::new();
                for _ in 0..n {
                    let key = self.key_lit(k);
                    let val = self.expr(v, cx, sub_keep(pos), d1);
                    items.push(format!("{key}: {val}"));
                }
                format!("[{}]", items.join(", "))
            }
            Ty::Maybe(t) => {
                self.uses_maybe = true;
                match self.rng.below(4) {
                    0 if pos.typed => "maybe::none()".into(),
                    1 if **t == Ty::Int => {
                        let s = self.expr(&Ty::Str, cx, sub(pos), d1);
                        format!("Int::from_str({s})")
                    }
                    2 => {
                        let k = self.key_ty();
                        let m =
                            self.expr(&Ty::map(k.clone(), (**t).clone()), cx, self_typed(pos), d1);
                        let key = self.expr(&k, cx, sub(pos), d1);
                        format!("{m}.get({key})")
                    }
                    _ => {
                        let x = self.expr(t, cx, self_typed(pos), d1);
                        format!("maybe::some({x})")
                    }
                }
            }
            Ty::Result(v, e) => {
                if pos.typed && !pos.simple {
                    if self.rng.chance(60) {
                        let x = self.expr(v, cx, TYPED, d1);
                        format!("Result::ok({x})")
                    } else {
                        let x = self.expr(e, cx, TYPED, d1);
                        format!("Result::err({x})")
                    }
                } else if self.rng.chance(60) {
                    let h = self.ok_helper(ty);
                    let x = self.expr(v, cx, sub(pos), d1);
                    format!("{h}({x})")
                } else {
                    let h = self.err_helper(ty);
                    let x = self.expr(e, cx, sub(pos), d1);
                    format!("{h}({x})")
                }
            }
            Ty::Struct(i) => {
                if pos.simple {
                    return None;
                }
                self.struct_lit(*i, cx, d)
            }
            Ty::Enum(_) => return None,
            Ty::Union(u) => {
                let u = *u;
                let m = self.rng.below(self.unions[u].members.len());
                let mt = self.unions[u].members[m].clone();
                if pos.typed && !pos.simple {
                    // Not through a generic call: its type parameter would
                    // be fixed to the union by the expected type.
                    self.leaf(&mt, cx, TYPED)
                } else {
                    let h = self.union_helper(u, m);
                    let x = self.expr(&mt, cx, sub(pos), d1);
                    format!("{h}({x})")
                }
            }
            Ty::Trait(t) => {
                let t = *t;
                let m = self.rng.below(self.traits[t].impls.len());
                let mt = self.traits[t].impls[m].clone();
                if pos.typed && !pos.simple {
                    self.leaf(&mt, cx, TYPED)
                } else {
                    let h = self.trait_helper(t, m);
                    let x = self.expr(&mt, cx, sub(pos), d1);
                    format!("{h}({x})")
                }
            }
            Ty::Fn(ps, r) if self.rng.chance(30) => {
                // A method as a value: `v.method` without a call.
                let mut opts = Vec::new();
                for i in self.vars_of(cx, |v| matches!(v.ty, Ty::Struct(_))) {
                    let Ty::Struct(st) = self.vars[i].ty else {
                        continue;
                    };
                    for m in &self.structs[st].methods {
                        let same = m.params.iter().map(|p| &p.ty).eq(ps.iter());
                        if m.ready && !m.is_mut && same && m.ret == **r && m.cost <= 50 {
                            opts.push(format!("{}.{}", self.vars[i].name, m.name));
                        }
                    }
                }
                if ps.is_empty() && **r == Ty::Int {
                    for i in self.vars_of(cx, |v| matches!(v.ty, Ty::Str | Ty::List(_))) {
                        opts.push(format!("{}.size", self.vars[i].name));
                    }
                }
                if opts.is_empty() {
                    return None;
                }
                self.rng.pick(&opts).clone()
            }
            Ty::Fn(ps, r) => {
                if pos.simple {
                    return None;
                }
                // A top-level function with this exact type, by name.
                let named: Vec<String> = self
                    .funcs
                    .iter()
                    .filter(|f| {
                        f.ret == **r
                            && f.params.len() == ps.len()
                            && f.params
                                .iter()
                                .zip(ps)
                                .all(|(p, t)| p.ty == *t && !p.mutable)
                            && f.cost <= CLOSURE_CALL_COST
                    })
                    .map(|f| f.name.clone())
                    .collect();
                if !named.is_empty() && self.rng.chance(40) {
                    self.rng.pick(&named).clone()
                } else {
                    self.closure_lit(ps, r, cx, d1)
                }
            }
            Ty::GBox(t) => {
                let x = self.expr(t, cx, self_typed(pos), d1);
                match self.rng.below(3) {
                    0 => format!("GBox::of({x})"),
                    1 if !pos.simple => format!("g_id(GBox{{ value: {x} }})"),
                    _ => {
                        let p =
                            self.expr(&Ty::GPair(t.clone(), t.clone()), cx, self_typed(pos), d1);
                        format!("GBox::of({p}.first)")
                    }
                }
            }
            Ty::GPair(a, b) => {
                if self.rng.chance(50) {
                    let swapped = Ty::GPair(b.clone(), a.clone());
                    let p = self.expr(&swapped, cx, self_typed(pos), d1);
                    format!("{p}.swap()")
                } else {
                    let bx = self.expr(&Ty::GBox(a.clone()), cx, self_typed(pos), d1);
                    let y = self.expr(b, cx, self_typed(pos), d1);
                    format!("{bx}.pair_with({y})")
                }
            }
            Ty::Void => return None,
        };
        Some(s)
    }

    /// A value read out of a generic struct: `b.value`, `b.get()`,
    /// `p.first`, `GBox::of(x).get()` (decision L11).
    fn generic_struct_of(&mut self, ty: &Ty, cx: &Cx, pos: Pos, d: u32) -> Option<String> {
        let mut opts: Vec<String> = Vec::new();
        for i in self.vars_of(cx, |v| matches!(v.ty, Ty::GBox(_) | Ty::GPair(..))) {
            let name = self.vars[i].name.clone();
            match &self.vars[i].ty {
                Ty::GBox(t) if **t == *ty => {
                    opts.push(format!("{name}.value"));
                    opts.push(format!("{name}.get()"));
                }
                Ty::GPair(a, b) => {
                    if **a == *ty {
                        opts.push(format!("{name}.first"));
                    }
                    if **b == *ty {
                        opts.push(format!("{name}.second"));
                        opts.push(format!("{name}.swap().first"));
                    }
                }
                _ => {}
            }
        }
        if !opts.is_empty() && self.rng.chance(70) {
            return Some(self.rng.pick(&opts).clone());
        }
        if ty.has_fn() {
            return None;
        }
        let x = self.expr(ty, cx, self_typed(pos), d - 1);
        Some(format!("GBox::of({x}).get()"))
    }

    fn printable_ty(&mut self) -> Ty {
        for _ in 0..4 {
            let t = self.rand_ty(0);
            if self.printable(&t) {
                return t;
            }
        }
        Ty::Int
    }

    /// `"text {expr} text"`.
    fn interpolation(&mut self, cx: &Cx, d: u32) -> String {
        let mut s = String::from("\"");
        for _ in 0..self.rng.range(1, 3) {
            if self.rng.chance(60) {
                let w = *self.rng.pick(WORDS);
                s.push_str(w);
            }
            if self.rng.chance(10) {
                s.push_str("\\{not interpolated\\}");
            }
            let t = self.printable_ty();
            let x = self.expr(&t, cx, SIMPLE, d.min(2));
            let _ = write!(s, "{{{x}}}");
        }
        s.push('"');
        s
    }

    // --- statements ----------------------------------------------------------------------

    fn stmt(&mut self, cx: &Cx, d: u32) -> String {
        self.spend(cx, 1);
        let ind = indent(cx.ind);
        for _ in 0..10 {
            let got = match self.rng.below(33) {
                0..=4 => Some(self.let_stmt(cx, d)),
                5..=7 => self.assign_stmt(cx, d),
                8 => self.field_assign_stmt(cx, d),
                9..=12 => self.collection_stmt(cx, d),
                13 => self.mut_method_stmt(cx, d),
                14..=15 if d > 0 => Some(self.if_stmt(cx, d)),
                16..=18 if d > 0 && cx.loop_depth < 2 => self.loop_stmt(cx, d),
                19 if cx.can_break => {
                    let c = self.cond(cx, 1);
                    Some(format!("{ind}if {c} {{\n{ind}  break\n{ind}}}\n"))
                }
                20 if d > 0 => self.match_stmt(cx, d),
                21..=22 => self.call_stmt(cx, d),
                23..=24 if cx.can_print => {
                    let t = self.printable_ty();
                    let x = self.expr(&t, cx, UNTYPED, d.min(2));
                    Some(format!("{ind}io::print({x})\n"))
                }
                25 => self.closure_stmt(cx, d),
                26 if cx.is_main && !cx.in_fiber && cx.loop_depth == 0 => self.fiber_stmt(cx),
                27 => self.try_stmt(cx, d),
                28 if d > 0 => self.local_fn_stmt(cx, d),
                29 => self.global_update_stmt(cx, d),
                30 => self.generic_struct_stmt(cx, d),
                31 => self.void_fn_call_stmt(cx, d),
                _ => None,
            };
            if let Some(s) = got {
                return s;
            }
        }
        self.let_stmt(cx, d)
    }

    fn let_stmt(&mut self, cx: &Cx, d: u32) -> String {
        let ind = indent(cx.ind);
        if self.rng.chance(15) {
            // A mutable collection to work on.
            let e = self.rand_ty(1);
            let t = if self.rng.chance(65) {
                Ty::list(e)
            } else {
                let k = self.key_ty();
                Ty::map(k, e)
            };
            let name = self.local_name("c");
            let init = self.expr(&t, cx, TYPED, d.min(2));
            let text = format!("{ind}mut {name}: {} = {init}\n", self.ty_str(&t));
            self.push_var(&name, t, true);
            return text;
        }
        let ty = if self.rng.chance(8) {
            self.void_fn_ty()
        } else {
            self.rand_ty(2)
        };
        let mutable = self.rng.chance(50);
        let kw = if mutable { "mut" } else { "let" };
        // Shadow a local of the same scope now and then.
        let name = {
            let locals = self.vars_of(cx, |v| !v.global && !v.frozen);
            if !locals.is_empty() && self.rng.chance(10) {
                self.vars[*self.rng.pick(&locals)].name.clone()
            } else {
                self.local_name("v")
            }
        };
        let annotate = self.rng.chance(40);
        let e = if annotate {
            self.expr(&ty, cx, TYPED, d.min(3))
        } else {
            self.expr(&ty, cx, UNTYPED, d.min(3))
        };
        self.push_var(&name, ty.clone(), mutable);
        if annotate {
            format!("{ind}{kw} {name}: {} = {e}\n", self.ty_annot(&ty))
        } else {
            format!("{ind}{kw} {name} = {e}\n")
        }
    }

    /// A value for assigning to variable `i`: in loops, a growing Str or
    /// collection must not be built from other growing variables.
    fn rhs_for(&mut self, i: usize, cx: &Cx, d: u32) -> String {
        let ty = self.vars[i].ty.clone();
        if cx.loop_depth > 0 && matches!(ty, Ty::Str | Ty::List(_) | Ty::Map(..) | Ty::Struct(_)) {
            // Hide mutable Str and collection variables while writing it.
            let hidden: Vec<usize> = (0..self.vars.len())
                .filter(|&k| {
                    let v = &self.vars[k];
                    !v.shadowed
                        && v.mutable
                        && matches!(v.ty, Ty::Str | Ty::List(_) | Ty::Map(..) | Ty::Struct(_))
                })
                .collect();
            for &k in &hidden {
                self.vars[k].shadowed = true;
            }
            let e = self.expr(&ty, cx, TYPED, d.min(2));
            for &k in &hidden {
                self.vars[k].shadowed = false;
            }
            e
        } else {
            self.expr(&ty, cx, TYPED, d.min(3))
        }
    }

    fn assign_stmt(&mut self, cx: &Cx, d: u32) -> Option<String> {
        let ind = indent(cx.ind);
        let c: Vec<usize> = (0..self.vars.len())
            .filter(|&i| self.assignable(cx, i) && !self.vars[i].global)
            .collect();
        if c.is_empty() {
            return None;
        }
        let i = *self.rng.pick(&c);
        let name = self.vars[i].name.clone();
        let ty = self.vars[i].ty.clone();
        if matches!(ty, Ty::Int | Ty::Float | Ty::Str) && self.rng.chance(50) {
            let op = if ty == Ty::Str || self.rng.chance(50) {
                "=+"
            } else {
                "=-"
            };
            let e = self.rhs_for(i, cx, d);
            return Some(format!("{ind}{name} {op} {e}\n"));
        }
        // `x = x`, also as the value of an `if` or `match` arm, is
        // `go vet`'s "self-assignment".
        let hide = avoid("self-assignment") && !self.vars[i].shadowed;
        if hide {
            self.vars[i].shadowed = true;
        }
        let e = self.rhs_for(i, cx, d);
        if hide {
            self.vars[i].shadowed = false;
        }
        Some(format!("{ind}{name} = {e}\n"))
    }

    fn field_assign_stmt(&mut self, cx: &Cx, d: u32) -> Option<String> {
        let ind = indent(cx.ind);
        let mut opts: Vec<(String, Ty)> = Vec::new();
        if let (Some(s), true) = (cx.self_struct, cx.self_mut) {
            for (f, t) in &self.structs[s].fields {
                if t.is_prim() {
                    opts.push((format!("@{f}"), t.clone()));
                }
            }
        }
        for i in 0..self.vars.len() {
            if !matches!(self.vars[i].ty, Ty::Struct(_)) || !self.assignable(cx, i) {
                continue;
            }
            let Ty::Struct(s) = self.vars[i].ty else {
                continue;
            };
            for (f, t) in &self.structs[s].fields {
                if t.is_prim() || (!cx.no_coll_mut && cx.loop_depth == 0) {
                    opts.push((format!("{}.{f}", self.vars[i].name), t.clone()));
                }
            }
        }
        if opts.is_empty() {
            return None;
        }
        let (target, t) = self.rng.pick(&opts).clone();
        let e = if t == Ty::Str && cx.loop_depth > 0 {
            self.str_lit(false)
        } else {
            self.expr(&t, cx, TYPED, d.min(2))
        };
        if e == target && avoid("self-assignment") {
            return None;
        }
        Some(format!("{ind}{target} = {e}\n"))
    }

    /// push / prepend / set / swap / sort on a mutable list, set / drop on a
    /// mutable map.
    fn collection_stmt(&mut self, cx: &Cx, d: u32) -> Option<String> {
        if cx.no_coll_mut {
            return None;
        }
        let ind = indent(cx.ind);
        let c: Vec<usize> = (0..self.vars.len())
            .filter(|&i| {
                matches!(self.vars[i].ty, Ty::List(_) | Ty::Map(..)) && self.assignable(cx, i)
            })
            .collect();
        if c.is_empty() {
            return None;
        }
        let i = *self.rng.pick(&c);
        let name = self.vars[i].name.clone();
        let d = d.min(2);
        match self.vars[i].ty.clone() {
            Ty::List(e) => {
                let s = match self.rng.below(6) {
                    0..=1 => {
                        let x = self.expr(&e, cx, TYPED, d);
                        format!("{ind}{name}.push({x})\n")
                    }
                    2 => {
                        let x = self.expr(&e, cx, TYPED, d);
                        format!("{ind}{name}.prepend({x})\n")
                    }
                    3 => {
                        let x = self.expr(&e, cx, TYPED, d);
                        format!(
                            "{ind}if {name}.size() > 0 {{\n{ind}  {name}.set(0, {x})\n{ind}}}\n"
                        )
                    }
                    4 => format!(
                        "{ind}if {name}.size() > 1 {{\n{ind}  {name}.swap(0, {name}.size() - 1)\n{ind}}}\n"
                    ),
                    _ => match *e {
                        Ty::Int | Ty::Str | Ty::Float => {
                            let op = *self.rng.pick(&["<", ">"]);
                            let et = self.ty_str(&e);
                            if self.rng.chance(30) {
                                format!("{ind}{name}.sort(fn(a, b) Bool {{ a {op} b }})\n")
                            } else {
                                format!(
                                    "{ind}{name}.sort(fn(a: {et}, b: {et}) Bool {{ a {op} b }})\n"
                                )
                            }
                        }
                        _ => return None,
                    },
                };
                Some(s)
            }
            Ty::Map(k, v) => {
                if self.rng.chance(70) {
                    let key = self.key_lit(&k);
                    let x = self.expr(&v, cx, TYPED, d);
                    Some(format!("{ind}{name}.set({key}, {x})\n"))
                } else {
                    let key = self.expr(&k, cx, UNTYPED, d);
                    Some(format!("{ind}{name}.drop({key})\n"))
                }
            }
            _ => None,
        }
    }

    /// A `fn mut` method called on a mutable struct variable or on `@`.
    fn mut_method_stmt(&mut self, cx: &Cx, d: u32) -> Option<String> {
        if cx.no_coll_mut {
            return None;
        }
        let ind = indent(cx.ind);
        let mut opts: Vec<(String, usize, usize)> = Vec::new();
        if let (Some(s), true) = (cx.self_struct, cx.self_mut) {
            for (k, m) in self.structs[s].methods.iter().enumerate() {
                if m.ready && m.is_mut {
                    opts.push(("@".into(), s, k));
                }
            }
        }
        for i in 0..self.vars.len() {
            if !self.assignable(cx, i) {
                continue;
            }
            let Ty::Struct(s) = self.vars[i].ty else {
                continue;
            };
            for (k, m) in self.structs[s].methods.iter().enumerate() {
                if m.ready && m.is_mut {
                    opts.push((self.vars[i].name.clone(), s, k));
                }
            }
        }
        if opts.is_empty() {
            return None;
        }
        let (recv, s, k) = self.rng.pick(&opts).clone();
        let m = self.structs[s].methods[k].clone();
        if !self.afford(cx, m.cost) {
            return None;
        }
        self.spend(cx, m.cost);
        let args = self.args(&m.params, cx, UNTYPED, d.min(2));
        let sep = if recv == "@" { "" } else { "." };
        Some(format!("{ind}{recv}{sep}{}({})\n", m.name, args.join(", ")))
    }

    /// An `if` statement. With more than one branch, every branch ends in
    /// `()`: the branches of an `if` must agree even in statement position
    /// (decision L12, types.md §10.1), and a branch could otherwise end in a
    /// call that returns a value.
    fn if_stmt(&mut self, cx: &Cx, d: u32) -> String {
        let ind = indent(cx.ind);
        let inner = self.inner_cx(cx);
        let c = self.cond(cx, d);
        let head = format!("{ind}if {c} {{\n");
        let n = self.rng.range(1, 3) as usize;
        // (text before the body, body)
        let mut parts = vec![(head, self.block_body(&inner, n, &Ty::Void, d - 1))];
        for _ in 0..self.rng.below(3) {
            let c = self.cond(cx, d);
            let head = format!("{ind}}} else if {c} {{\n");
            let n = self.rng.range(1, 2) as usize;
            parts.push((head, self.block_body(&inner, n, &Ty::Void, d - 1)));
        }
        if self.rng.chance(60) {
            // Sometimes `else` on the next line, or after a blank line or a
            // comment (L8).
            let head = match self.rng.below(6) {
                0 => format!("{ind}}}\n{ind}else {{\n"),
                1 => format!("{ind}}}\n\n{ind}// otherwise\n{ind}else {{\n"),
                _ => format!("{ind}}} else {{\n"),
            };
            let n = self.rng.range(1, 2) as usize;
            parts.push((head, self.block_body(&inner, n, &Ty::Void, d - 1)));
        }
        let agree = parts.len() > 1;
        let mut s = String::new();
        for (head, body) in parts {
            s.push_str(&head);
            s.push_str(&body);
            if agree {
                let _ = writeln!(s, "{}()", indent(inner.ind));
            }
        }
        let _ = writeln!(s, "{ind}}}");
        s
    }

    fn loop_stmt(&mut self, cx: &Cx, d: u32) -> Option<String> {
        let ind = indent(cx.ind);
        let n = self.rng.range(1, 5);
        let mark = self.vars.len();
        let mut inner = Cx {
            can_break: true,
            loop_depth: cx.loop_depth + 1,
            ..self.inner_cx(cx)
        };
        let stmts = self.rng.range(1, 3) as usize;
        let s = match self.rng.below(8) {
            0 => {
                // Range loop, optionally with the iteration count.
                inner.mult = cx.mult * (n as u64 + 1);
                if !self.afford(&inner, 1) {
                    return None;
                }
                let i = self.local_name("i");
                let lo = self.rng.range(-2, 2);
                self.push_var(&i, Ty::Int, false);
                let head = if self.rng.chance(30) {
                    let k = self.local_name("k");
                    self.push_var(&k, Ty::Int, false);
                    format!("for {i}, {k} in {lo}..{}", lo + n)
                } else {
                    format!("for {i} in {lo}..{}", lo + n)
                };
                let body = self.block_body(&inner, stmts, &Ty::Void, d - 1);
                format!("{ind}{head} {{\n{body}{ind}}}\n")
            }
            1 => {
                // `for i in n`: 0..=n.
                inner.mult = cx.mult * (n as u64 + 1);
                if !self.afford(&inner, 1) {
                    return None;
                }
                let i = self.local_name("i");
                self.push_var(&i, Ty::Int, false);
                let body = self.block_body(&inner, stmts, &Ty::Void, d - 1);
                format!("{ind}for {i} in {n} {{\n{body}{ind}}}\n")
            }
            2 => {
                // C-style.
                inner.mult = cx.mult * (n as u64 + 1);
                if !self.afford(&inner, 1) {
                    return None;
                }
                let i = self.local_name("i");
                self.push_var(&i, Ty::Int, true);
                self.vars.last_mut().unwrap().frozen = true;
                let body = self.block_body(&inner, stmts, &Ty::Void, d - 1);
                format!("{ind}for mut {i} = 0; {i} < {n}; {i} =+ 1 {{\n{body}{ind}}}\n")
            }
            3 => {
                // while with a counter.
                inner.mult = cx.mult * (n as u64 + 1);
                if !self.afford(&inner, 1) {
                    return None;
                }
                let w = self.local_name("w");
                self.push_var(&w, Ty::Int, true);
                self.vars.last_mut().unwrap().frozen = true;
                let body = self.block_body(&inner, stmts, &Ty::Void, d - 1);
                if self.rng.chance(50) {
                    format!(
                        "{ind}mut {w} = 0\n{ind}while {w} < {n} {{\n{ind}  {w} =+ 1\n{body}{ind}}}\n"
                    )
                } else {
                    format!(
                        "{ind}mut {w} = 0\n{ind}while {{\n{ind}  {w} =+ 1\n{ind}  if {w} > {n} {{\n{ind}    break\n{ind}  }}\n{body}{ind}}}\n"
                    )
                }
            }
            4 => {
                // Over a string.
                inner.mult = cx.mult * 16;
                if !self.afford(&inner, 1) {
                    return None;
                }
                let src = self.head(&Ty::Str, cx, 1);
                let c = self.local_name("ch");
                self.push_var(&c, Ty::Str, false);
                let head = if self.rng.chance(40) {
                    let k = self.local_name("at");
                    self.push_var(&k, Ty::Int, false);
                    format!("for {c}, {k} in {src}")
                } else {
                    format!("for {c} in {src}")
                };
                let mut body = self.block_body(&inner, stmts, &Ty::Void, d - 1);
                if avoid("for-unused-cursor") {
                    let cursors: Vec<String> =
                        self.vars[mark..].iter().map(|v| v.name.clone()).collect();
                    for c in cursors {
                        let n = self.local_name("use");
                        body = format!("{ind}  let {n} = {c}\n{body}");
                    }
                }
                format!("{ind}{head} {{\n{body}{ind}}}\n")
            }
            5 => {
                // Over a map: no collection mutation in the body.
                inner.mult = cx.mult * COLLECTION_LEN;
                inner.no_coll_mut = true;
                if !self.afford(&inner, 1) {
                    return None;
                }
                let k = self.key_ty();
                let v = self.rand_ty(1);
                let src = self.head(&Ty::map(k.clone(), v.clone()), cx, 1);
                let kn = self.local_name("k");
                self.push_var(&kn, k, false);
                let head = if self.rng.chance(70) {
                    let vn = self.local_name("v");
                    self.push_var(&vn, v, false);
                    format!("for {kn}, {vn} in {src}")
                } else {
                    format!("for {kn} in {src}")
                };
                let mut body = self.block_body(&inner, stmts, &Ty::Void, d - 1);
                if avoid("for-unused-cursor") {
                    // Use every cursor.
                    let cursors: Vec<String> =
                        self.vars[mark..].iter().map(|v| v.name.clone()).collect();
                    for c in cursors {
                        let n = self.local_name("use");
                        body = format!("{ind}  let {n} = {c}\n{body}");
                    }
                }
                format!("{ind}{head} {{\n{body}{ind}}}\n")
            }
            _ => {
                // Over a list: no collection mutation in the body.
                inner.mult = cx.mult * COLLECTION_LEN;
                inner.no_coll_mut = true;
                if !self.afford(&inner, 1) {
                    return None;
                }
                let t = self.rand_ty(1);
                let src = self.head(&Ty::list(t.clone()), cx, 1);
                let x = self.local_name("x");
                self.push_var(&x, t, false);
                let head = if self.rng.chance(40) {
                    let k = self.local_name("idx");
                    self.push_var(&k, Ty::Int, false);
                    format!("for {x}, {k} in {src}")
                } else {
                    format!("for {x} in {src}")
                };
                let body = self.block_body(&inner, stmts, &Ty::Void, d - 1);
                format!("{ind}{head} {{\n{body}{ind}}}\n")
            }
        };
        self.pop_to(mark);
        Some(s)
    }

    fn match_stmt(&mut self, cx: &Cx, d: u32) -> Option<String> {
        let ind = indent(cx.ind);
        let inner = self.inner_cx(cx);
        let arm_cx = self.inner_cx(&inner);
        // Every arm ends in `()`: the arms of a Bool, enum, union or
        // conditional match must agree even in statement position (L12).
        let arms = self.match_arms(cx, &inner, d, &mut |g, _, _| {
            let n = g.rng.range(1, 2) as usize;
            let body = g.block_body(&arm_cx, n, &Ty::Void, d - 1);
            format!(
                "{{\n{body}{}()\n{}}}",
                indent(arm_cx.ind),
                indent(inner.ind)
            )
        })?;
        Some(format!("{ind}{arms}\n"))
    }

    /// A call whose value is dropped.
    fn call_stmt(&mut self, cx: &Cx, d: u32) -> Option<String> {
        let ind = indent(cx.ind);
        let cands: Vec<usize> = (0..self.funcs.len())
            .filter(|&i| self.afford(cx, self.funcs[i].cost))
            .filter(|&i| {
                // Passing a mutable collection by reference mutates it.
                !cx.no_coll_mut || !self.funcs[i].params.iter().any(|p| p.mutable)
            })
            .collect();
        if cands.is_empty() {
            return None;
        }
        let f = self.funcs[*self.rng.pick(&cands)].clone();
        self.spend(cx, f.cost);
        let call = self.call_text(&f, cx, UNTYPED, d.min(2));
        Some(format!("{ind}{call}\n"))
    }

    /// A closure stored in a variable, often capturing and mutating a
    /// `mut` Int of the enclosing function, then called.
    fn closure_stmt(&mut self, cx: &Cx, d: u32) -> Option<String> {
        let ind = indent(cx.ind);
        let counters: Vec<usize> = (0..self.vars.len())
            .filter(|&i| self.vars[i].ty == Ty::Int && self.assignable(cx, i))
            .filter(|&i| !self.vars[i].global)
            .collect();
        let name = self.local_name("f");
        if !counters.is_empty() && self.rng.chance(60) {
            let c = self.vars[*self.rng.pick(&counters)].name.clone();
            let p = self.local_name("by");
            let op = *self.rng.pick(&["=+", "=-", "="]);
            let mut s =
                format!("{ind}let {name} = fn({p}: Int) {{\n{ind}  {c} {op} {p}\n{ind}}}\n");
            for _ in 0..self.rng.range(1, 3) {
                let a = self.expr(&Ty::Int, cx, UNTYPED, 1);
                let _ = writeln!(s, "{ind}{name}({a})");
            }
            self.push_var(&name, Ty::Fn(vec![Ty::Int], Box::new(Ty::Void)), false);
            return Some(s);
        }
        if !self.afford(cx, CLOSURE_CALL_COST) {
            return None;
        }
        let np = self.rng.below(3);
        let ps: Vec<Ty> = (0..np).map(|_| self.rand_ty(1)).collect();
        let r = if self.rng.chance(20) {
            Ty::Void
        } else {
            self.rand_ty(1)
        };
        let lit = self.closure_lit(&ps, &r, cx, d.min(2));
        let t = Ty::Fn(ps, Box::new(r));
        let annotate = self.rng.chance(20);
        let s = if annotate {
            format!("{ind}let {name}: {} = {lit}\n", self.ty_str(&t))
        } else {
            format!("{ind}let {name} = {lit}\n")
        };
        self.push_var(&name, t, false);
        Some(s)
    }

    /// Change a mutable `GBox` or `GPair` variable: `b.put(x)` (a `fn mut`
    /// method using `$T`), or assign a field.
    fn generic_struct_stmt(&mut self, cx: &Cx, d: u32) -> Option<String> {
        let ind = indent(cx.ind);
        let c: Vec<usize> = (0..self.vars.len())
            .filter(|&i| {
                matches!(self.vars[i].ty, Ty::GBox(_) | Ty::GPair(..)) && self.assignable(cx, i)
            })
            .collect();
        if c.is_empty() || cx.no_coll_mut {
            return None;
        }
        let i = *self.rng.pick(&c);
        let name = self.vars[i].name.clone();
        let s = match self.vars[i].ty.clone() {
            Ty::GBox(t) => {
                let x = self.expr(&t, cx, TYPED, d.min(2));
                if self.rng.chance(50) {
                    format!("{ind}{name}.put({x})\n")
                } else {
                    format!("{ind}{name}.value = {x}\n")
                }
            }
            Ty::GPair(a, b) => {
                if self.rng.chance(50) {
                    let x = self.expr(&a, cx, TYPED, d.min(2));
                    format!("{ind}{name}.first = {x}\n")
                } else {
                    let x = self.expr(&b, cx, TYPED, d.min(2));
                    format!("{ind}{name}.second = {x}\n")
                }
            }
            _ => return None,
        };
        Some(s)
    }

    /// Call a variable of a Void function type (`fn(Int)`) as a statement.
    fn void_fn_call_stmt(&mut self, cx: &Cx, d: u32) -> Option<String> {
        let ind = indent(cx.ind);
        let c = self.vars_of(cx, |v| matches!(&v.ty, Ty::Fn(_, r) if **r == Ty::Void));
        if c.is_empty() || !self.afford(cx, CLOSURE_CALL_COST) {
            return None;
        }
        self.spend(cx, CLOSURE_CALL_COST);
        let i = *self.rng.pick(&c);
        let Ty::Fn(ps, _) = self.vars[i].ty.clone() else {
            return None;
        };
        let name = self.vars[i].name.clone();
        let args: Vec<String> = ps
            .iter()
            .map(|p| self.expr(p, cx, TYPED, d.min(1)))
            .collect();
        Some(format!("{ind}{name}({})\n", args.join(", ")))
    }

    /// `async::start(fn() { ... })` and `join` (main only).
    fn fiber_stmt(&mut self, cx: &Cx) -> Option<String> {
        let ind = indent(cx.ind);
        let name = self.local_name("fiber");
        let voids: Vec<Func> = self
            .funcs
            .iter()
            .filter(|f| f.params.is_empty() && f.ret == Ty::Void && self.afford(cx, f.cost))
            .cloned()
            .collect();
        self.uses_async = true;
        let start = if !voids.is_empty() && self.rng.chance(30) {
            let f = self.rng.pick(&voids).clone();
            self.spend(cx, f.cost);
            format!("{ind}let {name} = async::start({})\n", f.name)
        } else {
            let mark = self.vars.len();
            let saved_names = self.local_names.clone();
            let saved_cost = self.cost;
            let saved_budget = self.budget;
            self.cost = 0;
            self.budget = FN_BUDGET;
            let fcx = Cx {
                ret: Ty::Void,
                in_fiber: true,
                visible_from: mark,
                closure_base: mark,
                in_closure: false,
                can_print: true,
                can_break: false,
                loop_depth: 0,
                mult: 1,
                no_coll_mut: false,
                is_main: false,
                ind: cx.ind + 1,
                ..cx.clone()
            };
            let mut body = String::new();
            for _ in 0..self.rng.range(1, 4) {
                body.push_str(&self.stmt(&fcx, 2));
            }
            if self.rng.chance(30) {
                let _ = writeln!(body, "{ind}  async::sleep({})", self.rng.range(0, 3));
            }
            self.pop_to(mark);
            self.local_names = saved_names;
            self.cost += saved_cost;
            self.budget = saved_budget;
            format!("{ind}let {name} = async::start(fn() {{\n{body}{ind}}})\n")
        };
        Some(format!("{start}{ind}{name}.join()\n"))
    }

    /// `let x = try e` (or with a catch block).
    fn try_stmt(&mut self, cx: &Cx, d: u32) -> Option<String> {
        let ind = indent(cx.ind);
        let t = self.rand_ty(1);
        let e = self.try_expr(&t, cx, d.min(2))?;
        let name = self.local_name("t");
        self.push_var(&name, t, false);
        // Drop the parentheses: `try` may start an initialiser.
        let e = e
            .strip_prefix('(')
            .and_then(|e| e.strip_suffix(')'))
            .unwrap_or(&e)
            .to_string();
        Some(format!("{ind}let {name} = {e}\n"))
    }

    /// A function declared inside a block.
    fn local_fn_stmt(&mut self, cx: &Cx, d: u32) -> Option<String> {
        if !self.afford(cx, CLOSURE_CALL_COST) {
            return None;
        }
        let ind = indent(cx.ind);
        let name = self.local_name("lf");
        let np = self.rng.below(3);
        let ps: Vec<Ty> = (0..np).map(|_| self.rand_ty(1)).collect();
        let r = self.rand_ty(1);
        // A closure literal's text with `fn NAME(` instead of `fn(`.
        let lit = self.closure_lit(&ps, &r, cx, d.min(2));
        let lit = lit.replacen("fn(", &format!("fn {name}("), 1);
        // The return type is mandatory after a named local function whose
        // result is not Void; closure_lit always writes it then.
        self.push_var(&name, Ty::Fn(ps, Box::new(r)), false);
        Some(format!("{ind}{lit}\n"))
    }

    /// Module state: `g =+ 1` on a top-level `mut`.
    fn global_update_stmt(&mut self, cx: &Cx, d: u32) -> Option<String> {
        let ind = indent(cx.ind);
        let c: Vec<usize> = (0..self.vars.len())
            .filter(|&i| self.vars[i].global && self.assignable(cx, i))
            .collect();
        if c.is_empty() {
            return None;
        }
        let i = *self.rng.pick(&c);
        let name = self.vars[i].name.clone();
        let e = match self.vars[i].ty.clone() {
            Ty::Int => format!("{name} =+ {}", self.expr(&Ty::Int, cx, UNTYPED, d.min(2))),
            Ty::Str => format!("{name} =+ {}", self.str_lit(false)),
            t => {
                let e = self.expr(&t, cx, TYPED, d.min(2));
                if e == name && avoid("self-assignment") {
                    return None;
                }
                format!("{name} = {e}")
            }
        };
        Some(format!("{ind}{e}\n"))
    }

    // --- declarations ----------------------------------------------------------------------

    fn declare_types(&mut self) {
        for _ in 0..self.rng.below(4) {
            let name = self.top_name("E", TYPE_NAMES);
            let n = self.rng.range(1, 4) as usize;
            let mut variants: Vec<String> = Vec::new();
            while variants.len() < n {
                let v = if self.rng.chance(50) {
                    self.rng.pick(VARIANT_NAMES).to_string()
                } else {
                    format!("v{}", variants.len())
                };
                if !variants.contains(&v) {
                    variants.push(v);
                }
            }
            let to_string = self.rng.chance(60);
            let code_method = if self.rng.chance(40) {
                Some("code".to_string())
            } else {
                None
            };
            self.enums.push(EnumDef {
                name,
                variants,
                to_string,
                code_method,
            });
        }
        for _ in 0..self.rng.below(5) {
            let name = self.top_name("S", TYPE_NAMES);
            let mut fields: Vec<(String, Ty)> = Vec::new();
            for _ in 0..self.rng.range(1, 4) {
                let f = if self.rng.chance(50) {
                    self.rng.pick(FIELD_NAMES).to_string()
                } else {
                    format!("f{}", fields.len())
                };
                if fields.iter().any(|(n, _)| *n == f) || Self::reserved(&f) {
                    continue;
                }
                let t = match self.rng.below(10) {
                    0..=5 => self.rand_ty(0),
                    6 => Ty::list(Ty::Int),
                    7 => Ty::list(Ty::Str),
                    8 => {
                        self.uses_maybe = true;
                        Ty::maybe(Ty::Str)
                    }
                    _ => Ty::map(Ty::Str, Ty::Int),
                };
                fields.push((f, t));
            }
            if fields.is_empty() {
                fields.push(("f0".into(), Ty::Int));
            }
            let to_string = self.rng.chance(50);
            self.structs.push(StructDef {
                name,
                fields,
                methods: Vec::new(),
                to_string,
            });
        }
        for _ in 0..self.rng.below(3) {
            let name = self.top_name("U", TYPE_NAMES);
            let mut pool = vec![Ty::Int, Ty::Str, Ty::Bool, Ty::Float];
            for i in 0..self.structs.len() {
                pool.push(Ty::Struct(i));
            }
            for i in 0..self.enums.len() {
                pool.push(Ty::Enum(i));
            }
            let mut members = Vec::new();
            let n = self.rng.range(2, 3) as usize;
            while members.len() < n {
                let t = self.rng.pick(&pool).clone();
                if !members.contains(&t) {
                    members.push(t);
                }
            }
            self.unions.push(UnionDef { name, members });
        }
        let mut implementers: Vec<Ty> = (0..self.structs.len()).map(Ty::Struct).collect();
        implementers.extend((0..self.enums.len()).map(Ty::Enum));
        if !implementers.is_empty() {
            for k in 0..self.rng.below(3) {
                let name = self.top_name("Tr", &["Describe", "Shape", "Any", "Stringer", "Error"]);
                let mut methods = Vec::new();
                for j in 0..self.rng.range(1, 2) as usize {
                    let np = self.rng.below(2);
                    let ps: Vec<Ty> = (0..np)
                        .map(|_| self.rng.pick(&[Ty::Int, Ty::Str]).clone())
                        .collect();
                    let r = self.rng.pick(&[Ty::Int, Ty::Str, Ty::Bool]).clone();
                    methods.push((format!("t{k}m{j}"), ps, r));
                }
                let mut impls = Vec::new();
                for t in &implementers {
                    if self.rng.chance(50) {
                        impls.push(t.clone());
                    }
                }
                if impls.is_empty() {
                    impls.push(self.rng.pick(&implementers).clone());
                }
                self.traits.push(TraitDef {
                    name,
                    methods,
                    impls,
                });
            }
        }
        for _ in 0..self.rng.below(3) {
            let name = self.top_name("Al", &["Meters", "Id", "Names", "Handler"]);
            let t = self.rand_ty(1);
            self.aliases.push((name, t));
        }
        // Method signatures (bodies come later).
        for s in 0..self.structs.len() {
            let mut methods = Vec::new();
            for k in 0..self.rng.below(4) {
                let is_mut = self.rng.chance(40);
                let np = self.rng.below(3);
                let params: Vec<Param> = (0..np)
                    .map(|j| Param {
                        name: format!("a{j}"),
                        ty: self.rand_ty(1),
                        mutable: false,
                    })
                    .collect();
                let ret = if is_mut && self.rng.chance(70) {
                    Ty::Void
                } else {
                    self.rand_ty(1)
                };
                methods.push(Method {
                    name: format!("m{k}_{}", if is_mut { "set" } else { "get" }),
                    params,
                    ret,
                    is_mut,
                    cost: 1,
                    ready: false,
                });
            }
            self.structs[s].methods = methods;
        }
    }

    fn type_decls_text(&mut self) -> String {
        let mut out = String::new();
        // Written in a shuffled order: types may be used before their
        // declaration.
        let mut items: Vec<String> = Vec::new();
        for e in &self.enums {
            let sep = if self.rng.chance(50) { ", " } else { " " };
            items.push(format!("enum {} {{ {} }}\n", e.name, e.variants.join(sep)));
        }
        for s in &self.structs {
            let mut t = format!("struct {} {{\n", s.name);
            for (f, ty) in &s.fields {
                let _ = writeln!(t, "  {f}: {},", self.ty_str(ty));
            }
            t.push_str("}\n");
            items.push(t);
        }
        for u in &self.unions {
            let ms: Vec<String> = u.members.iter().map(|m| self.ty_str(m)).collect();
            items.push(format!("type {} = {}\n", u.name, ms.join(" | ")));
        }
        for t in &self.traits {
            let mut text = format!("trait {} {{\n", t.name);
            for (m, ps, r) in &t.methods {
                let ps: Vec<String> = ps
                    .iter()
                    .enumerate()
                    .map(|(k, p)| format!("a{k}: {}", self.ty_str(p)))
                    .collect();
                let _ = writeln!(text, "  fn {m}({}) {}", ps.join(", "), self.ty_str(r));
            }
            text.push_str("}\n");
            items.push(text);
        }
        for (n, t) in &self.aliases {
            items.push(format!("type {n} = {}\n", self.ty_str(t)));
        }
        for k in (1..items.len()).rev() {
            let j = self.rng.below(k + 1);
            items.swap(k, j);
        }
        for i in items {
            out.push_str(&i);
            out.push('\n');
        }
        out
    }

    /// `impl` blocks: ToString and methods of structs and enums.
    fn impls_text(&mut self) -> String {
        let mut out = String::new();
        for t in 0..self.traits.len() {
            let impls = self.traits[t].impls.clone();
            let methods = self.traits[t].methods.clone();
            let tname = self.traits[t].name.clone();
            for target in impls {
                let _ = writeln!(out, "impl {tname} for {} {{", self.ty_str(&target));
                for (m, ps, r) in &methods {
                    self.local_names.clear();
                    let mark = self.vars.len();
                    let mut params = Vec::new();
                    for (k, p) in ps.iter().enumerate() {
                        let n = format!("a{k}");
                        params.push(format!("{n}: {}", self.ty_str(p)));
                        self.local_names.insert(n.clone());
                        self.push_var(&n, p.clone(), false);
                    }
                    let cx = Cx {
                        self_struct: match target {
                            Ty::Struct(s) => Some(s),
                            _ => None,
                        },
                        self_mut: false,
                        visible_from: mark,
                        closure_base: mark,
                        in_fiber: false,
                        ind: 2,
                        ..self.top_cx(r.clone())
                    };
                    self.cost = 0;
                    self.budget = 100;
                    // Hide the module state from the body if need be.
                    let hide: Vec<usize> = if avoid("trait-method-state") && !ps.is_empty() {
                        (0..mark)
                            .filter(|&k| self.vars[k].global && !self.vars[k].shadowed)
                            .collect()
                    } else {
                        Vec::new()
                    };
                    for &k in &hide {
                        self.vars[k].shadowed = true;
                    }
                    self.in_trait_impl = true;
                    let body = self.expr(r, &cx, TYPED, 2);
                    self.in_trait_impl = false;
                    for &k in &hide {
                        self.vars[k].shadowed = false;
                    }
                    self.pop_to(mark);
                    let _ = writeln!(
                        out,
                        "  fn {m}({}) {} {{\n    {body}\n  }}",
                        params.join(", "),
                        self.ty_str(r)
                    );
                }
                out.push_str("}\n\n");
            }
        }
        for e in 0..self.enums.len() {
            let name = self.enums[e].name.clone();
            let variants = self.enums[e].variants.clone();
            if self.enums[e].to_string {
                let _ = writeln!(
                    out,
                    "impl Str::ToString for {name} {{\n  fn to_str() Str {{\n    match @ {{"
                );
                for v in &variants {
                    let _ = writeln!(out, "      {name}::{v} => \"{name}.{v}\",");
                }
                out.push_str("    }\n  }\n}\n\n");
            }
            if let Some(m) = self.enums[e].code_method.clone() {
                let _ = writeln!(out, "impl {name} {{\n  fn {m}() Int {{\n    match @ {{");
                for (k, v) in variants.iter().enumerate() {
                    if k + 1 == variants.len() && k > 0 {
                        let _ = writeln!(out, "      _ => {},", k * 10);
                    } else {
                        let _ = writeln!(out, "      {name}::{v} => {},", k * 10);
                    }
                }
                out.push_str("    }\n  }\n}\n\n");
            }
        }
        for s in 0..self.structs.len() {
            let name = self.structs[s].name.clone();
            if self.structs[s].to_string {
                let fields = self.structs[s].fields.clone();
                let mut text = format!("{name}(");
                for (f, t) in &fields {
                    if self.printable(t) {
                        let _ = write!(text, "{f}={{@{f}}} ");
                    }
                }
                text.push(')');
                let _ = writeln!(
                    out,
                    "impl Str::ToString for {name} {{\n  fn to_str() Str {{\n    \"{text}\"\n  }}\n}}\n"
                );
            }
            let n = self.structs[s].methods.len();
            if n == 0 {
                continue;
            }
            let _ = writeln!(out, "impl {name} {{");
            for k in 0..n {
                let m = self.structs[s].methods[k].clone();
                self.local_names.clear();
                let mark = self.vars.len();
                let mut params = Vec::new();
                for p in &m.params {
                    params.push(format!("{}: {}", p.name, self.ty_str(&p.ty)));
                    self.local_names.insert(p.name.clone());
                    self.push_var(&p.name, p.ty.clone(), false);
                }
                self.cost = 0;
                self.budget = 200;
                let cx = Cx {
                    ret: m.ret.clone(),
                    in_fiber: false,
                    visible_from: mark,
                    closure_base: mark,
                    in_closure: false,
                    self_struct: Some(s),
                    self_mut: m.is_mut,
                    can_print: false,
                    can_break: false,
                    loop_depth: 0,
                    mult: 1,
                    no_coll_mut: false,
                    is_main: false,
                    ind: 2,
                };
                let mut body = String::new();
                if m.is_mut {
                    // Something that mutates @.
                    let fields = self.structs[s].fields.clone();
                    let (f, t) = self.rng.pick(&fields).clone();
                    match t {
                        Ty::Int => {
                            let p = self.expr(&Ty::Int, &cx, UNTYPED, 1);
                            let _ = writeln!(body, "    @{f} =+ {p}");
                        }
                        Ty::List(e) => {
                            let x = self.expr(&e, &cx, TYPED, 1);
                            let _ = writeln!(body, "    @{f}.push({x})");
                        }
                        Ty::Map(_, v) => {
                            let x = self.expr(&v, &cx, TYPED, 1);
                            let _ = writeln!(body, "    @{f}.set(\"k\", {x})");
                        }
                        Ty::Str => {
                            let x = self.str_lit(false);
                            let _ = writeln!(body, "    @{f} = {x}");
                        }
                        t => {
                            let x = self.leaf(&t, &cx, TYPED);
                            let _ = writeln!(body, "    @{f} = {x}");
                        }
                    }
                }
                let n = self.rng.below(3);
                body.push_str(&self.block_body(&cx, n, &m.ret, 2));
                self.pop_to(mark);
                let ret = if m.ret == Ty::Void {
                    String::new()
                } else {
                    format!(" {}", self.ty_str(&m.ret))
                };
                let kw = if m.is_mut { "fn mut" } else { "fn" };
                let _ = writeln!(
                    out,
                    "  {kw} {}({}){ret} {{\n{body}  }}",
                    m.name,
                    params.join(", ")
                );
                let cost = self.cost + 1;
                let mm = &mut self.structs[s].methods[k];
                mm.cost = cost;
                mm.ready = true;
            }
            out.push_str("}\n\n");
        }
        out
    }

    fn generics_text() -> &'static str {
        "fn g_id(x: $T) $T {\n  x\n}\n\n\
         fn g_pick(c: Bool, a: $T, b: $T) $T {\n  if c { a } else { b }\n}\n\n\
         fn g_first_or(xs: [$T], d: $T) $T {\n  if xs.size() > 0 {\n    xs.at(0)\n  } else {\n    d\n  }\n}\n\n\
         fn g_or_else(m: $T?, d: $T) $T {\n  match m {\n    v => v,\n    _ => d,\n  }\n}\n\n\
         fn g_apply(f: fn($A) $B, x: $A) $B {\n  f(x)\n}\n\n\
         fn g_count(xs: [$T]) Int {\n  mut n = 0\n  for x in xs {\n    n =+ 1\n  }\n  n\n}\n\n\
         fn g_map(xs: [$A], f: fn($A) $B) [$B] {\n  mut out: [$B] = []\n  for x in xs {\n    out.push(f(x))\n  }\n  out\n}\n\n\
         fn g_wrap(x: $T) [$T] {\n  [x, x]\n}\n\n\
         fn g_some(x: $T) $T? {\n  maybe::some(x)\n}\n\n\
         fn g_ok(v: $T) $T!Str {\n  Result::ok(v)\n}\n\n\
         struct GBox<$T> {\n  value: $T,\n}\n\n\
         impl GBox {\n  fn get() $T {\n    @value\n  }\n\n  fn mut put(v: $T) {\n    @value = v\n  }\n\n  \
         fn pair_with(other: $U) GPair<$T, $U> {\n    GPair{ first: @value, second: other }\n  }\n}\n\n\
         fn GBox::of(v: $T) GBox<$T> {\n  GBox{ value: v }\n}\n\n\
         struct GPair {\n  first: $A,\n  second: $B,\n}\n\n\
         impl GPair {\n  fn swap() GPair<$B, $A> {\n    GPair{ first: @second, second: @first }\n  }\n}\n\n"
    }

    fn globals_text(&mut self) -> String {
        let mut out = String::new();
        let cx = self.top_cx(Ty::Void);
        for _ in 0..self.rng.below(5) {
            let mutable = self.rng.chance(50);
            let ty = if mutable {
                self.rng
                    .pick(&[Ty::Int, Ty::Int, Ty::Str, Ty::Bool, Ty::Float])
                    .clone()
            } else {
                self.rand_ty(1)
            };
            let name = self.top_name("G", &["state", "count", "total", "limit", "w", "world"]);
            let annotate = self.rng.chance(50);
            let pos = if annotate { TYPED } else { UNTYPED };
            let e = if ty.is_prim() && self.rng.chance(50) {
                // A constant built from earlier constants.
                self.expr(&ty, &cx, pos, 1)
            } else {
                self.leaf(&ty, &cx, pos)
            };
            let kw = if mutable { "mut" } else { "let" };
            if annotate {
                let _ = writeln!(out, "{kw} {name}: {} = {e}", self.ty_str(&ty));
            } else {
                let _ = writeln!(out, "{kw} {name} = {e}");
            }
            self.vars.push(Var {
                name,
                ty,
                mutable,
                global: true,
                frozen: false,
                shadowed: false,
            });
        }
        out
    }

    fn function(&mut self) -> String {
        let name = self.top_name("fun", GO_NAMES);
        self.local_names.clear();
        let np = self.rng.below(4);
        let mut params = Vec::new();
        for _ in 0..np {
            let ty = if self.rng.chance(12) {
                if self.rng.chance(40) {
                    self.void_fn_ty()
                } else {
                    let a = self.rand_ty(0);
                    let r = self.rand_ty(0);
                    Ty::Fn(vec![a], Box::new(r))
                }
            } else {
                self.rand_ty(2)
            };
            let mutable = ty.is_collection() && self.rng.chance(25);
            let pname = self.local_name("p");
            params.push(Param {
                name: pname,
                ty,
                mutable,
            });
        }
        let ret = match self.rng.below(10) {
            0..=1 => Ty::Void,
            2..=3 => {
                let v = self.rand_ty(1);
                Ty::result(v, Ty::Str)
            }
            4 => {
                self.uses_maybe = true;
                let v = self.rand_ty(0);
                Ty::maybe(v)
            }
            _ => self.rand_ty(2),
        };
        let mark = self.vars.len();
        for p in &params {
            self.push_var(&p.name, p.ty.clone(), p.mutable);
        }
        self.cost = 0;
        self.budget = FN_BUDGET;
        let cx = Cx {
            ret: ret.clone(),
            in_fiber: false,
            visible_from: mark,
            closure_base: mark,
            in_closure: false,
            self_struct: None,
            self_mut: false,
            can_print: false,
            can_break: false,
            loop_depth: 0,
            mult: 1,
            no_coll_mut: false,
            is_main: false,
            ind: 1,
        };
        let n = self.rng.range(1, 5) as usize;
        let body = self.block_body(&cx, n, &ret, 3);
        self.pop_to(mark);
        let mut ps: Vec<String> = Vec::new();
        for p in &params {
            let m = if p.mutable { "mut " } else { "" };
            ps.push(format!("{m}{}: {}", p.name, self.ty_annot(&p.ty)));
        }
        let rs = if ret == Ty::Void {
            String::new()
        } else {
            format!(" {}", self.ty_str(&ret))
        };
        let text = format!("fn {name}({}){rs} {{\n{body}}}\n", ps.join(", "));
        self.funcs.push(Func {
            name,
            params,
            ret,
            cost: self.cost + 1,
        });
        text
    }

    fn main_text(&mut self) -> String {
        self.local_names.clear();
        self.cost = 0;
        self.budget = MAIN_BUDGET;
        let mark = self.vars.len();
        let cx = Cx {
            ret: Ty::Void,
            in_fiber: false,
            visible_from: mark,
            closure_base: mark,
            in_closure: false,
            self_struct: None,
            self_mut: false,
            can_print: true,
            can_break: false,
            loop_depth: 0,
            mult: 1,
            no_coll_mut: false,
            is_main: true,
            ind: 1,
        };
        let mut body = String::new();
        for _ in 0..self.rng.range(4, 14) {
            body.push_str(&self.stmt(&cx, 3));
        }
        // Print what main has.
        let printable: Vec<usize> = self.vars_of(&cx, |v| !v.global);
        for i in printable {
            let v = self.vars[i].clone();
            if self.printable(&v.ty) {
                let _ = writeln!(body, "  io::print({})", v.name);
            } else {
                match &v.ty {
                    Ty::List(_) | Ty::Map(..) => {
                        let _ = writeln!(
                            body,
                            "  io::print(\"{} has {{{}.size()}}\")",
                            v.name, v.name
                        );
                    }
                    Ty::Maybe(_) => {
                        let _ = writeln!(body, "  io::print({}.is_some())", v.name);
                    }
                    Ty::Result(..) => {
                        let _ = writeln!(body, "  io::print({}.is_ok())", v.name);
                    }
                    _ => {}
                }
            }
        }
        self.pop_to(mark);
        format!("fn main() {{\n{body}}}\n")
    }

    fn program(&mut self) -> Program {
        self.declare_types();
        let globals = self.globals_text();
        let impls = self.impls_text();
        let mut funcs = Vec::new();
        for _ in 0..self.rng.range(2, 8) {
            funcs.push(self.function());
        }
        let main = self.main_text();
        // Functions may be used before their declaration: write them in a
        // shuffled order.
        for k in (1..funcs.len()).rev() {
            let j = self.rng.below(k + 1);
            funcs.swap(k, j);
        }
        let types = self.type_decls_text();
        let mut out = String::new();
        out.push_str("// Generated by tests/generator (ard2go random program generator).\n");
        out.push_str("use ard/io\n");
        // Always used by the generics.
        out.push_str("use ard/maybe\n");
        if self.uses_async {
            out.push_str("use ard/async\n");
        }
        out.push('\n');
        out.push_str(&types);
        out.push_str(&globals);
        out.push('\n');
        if self.rng.chance(30) {
            // A top-level statement: runs once, before main (F3).
            out.push_str("io::print(\"script start\")\n\n");
        }
        out.push_str(&impls);
        out.push_str(Self::generics_text());
        for f in &funcs {
            out.push_str(f);
            out.push('\n');
        }
        let mut main = main;
        let expect_panic = if self.rng.chance(10) {
            let msg = format!("deliberate {}", self.rng.below(1000));
            let pos = main.rfind('}').unwrap();
            main.insert_str(pos, &format!("  panic(\"{msg}\")\n"));
            Some(msg)
        } else {
            None
        };
        out.push_str(&main);
        for (_, _, code) in &self.helpers {
            out.push('\n');
            out.push_str(code);
        }
        Program {
            source: out,
            expect_panic,
        }
    }
}

/// The position of the branches of an `if` or `match` of type `ty`.
fn branch_pos(ty: &Ty, pos: Pos) -> Pos {
    if matches!(ty, Ty::Trait(_)) && avoid("trait-branches") {
        return UNTYPED;
    }
    if pos.typed { TYPED } else { UNTYPED }
}

/// The position of an operand or argument: typed-ness is dropped,
/// simplicity kept.
fn sub(pos: Pos) -> Pos {
    Pos {
        typed: true,
        simple: pos.simple,
    }
}

/// A list element or map value: typed only if the literal itself is.
fn sub_keep(pos: Pos) -> Pos {
    pos
}

/// A receiver or generic argument: its type must come from itself.
fn self_typed(pos: Pos) -> Pos {
    Pos {
        typed: false,
        simple: pos.simple,
    }
}

#[allow(non_snake_case)]
fn UNTYPED_OR(pos: Pos) -> Pos {
    self_typed(pos)
}

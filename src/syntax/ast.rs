//! The Ard abstract syntax tree. Every node carries a `Span`. The tree keeps
//! the program as written; name resolution and typing happen in `check`.

use crate::source::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// One parsed `.ard` file.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    pub imports: Vec<Import>,
    /// Top-level statements in source order (declarations included).
    pub stmts: Vec<Stmt>,
}

/// `use PATH [as ALIAS]`
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    /// The path as written: `ard/io`, `my_app/util/strings`.
    pub path: String,
    pub path_span: Span,
    pub alias: Option<Ident>,
    pub span: Span,
}

// ---------------------------------------------------------------- types ---

#[derive(Clone, Debug, PartialEq)]
pub struct TypeExpr {
    pub kind: TypeExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeExprKind {
    /// `Int`, `Point`, `$T`, `Mapper<Int, Str>`, `mod::Type`, `Str::ToString`.
    /// `path` has one element for a plain name; generic names keep their `$`.
    Named {
        path: Vec<Ident>,
        args: Vec<TypeExpr>,
    },
    /// `[T]`
    List(Box<TypeExpr>),
    /// `[K:V]`
    Map(Box<TypeExpr>, Box<TypeExpr>),
    /// `T?`
    Maybe(Box<TypeExpr>),
    /// `T!E`
    Result(Box<TypeExpr>, Box<TypeExpr>),
    /// `fn(A, B) R`
    Fn {
        params: Vec<TypeExpr>,
        ret: Box<TypeExpr>,
    },
}

// ----------------------------------------------------------- statements ---

#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignOp {
    /// `=`
    Set,
    /// `=+`
    Add,
    /// `=-`
    Sub,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// `let x: T = e` / `mut x = e`
    Let {
        mutable: bool,
        name: Ident,
        ty: Option<TypeExpr>,
        value: Expr,
    },
    /// `target = e`, `target =+ e`, `target =- e`
    Assign {
        target: Expr,
        op: AssignOp,
        value: Expr,
    },
    /// Any expression used as a statement (calls, `if`, `match`, ...).
    Expr(Expr),
    Break,
    /// `while cond { }` or `while { }`
    While {
        cond: Option<Expr>,
        body: Block,
    },
    /// `for a[, b] in iter { }`; `iter` is an `ExprKind::Range` for `a..b`.
    ForIn {
        cursor: Ident,
        second: Option<Ident>,
        iter: Expr,
        body: Block,
    },
    /// `for mut i = 0; i < n; i =+ 1 { }`. `init` is a `Let`, `update` an
    /// `Assign` (the parser accepts any statement; the checker complains).
    ForC {
        init: Box<Stmt>,
        cond: Expr,
        update: Box<Stmt>,
        body: Block,
    },
    Fn(FnDecl),
    Extern(ExternDecl),
    Struct(StructDecl),
    Enum(EnumDecl),
    Trait(TraitDecl),
    Impl(ImplBlock),
    TraitImpl(TraitImpl),
    Type(TypeDecl),
}

// --------------------------------------------------------- declarations ---

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub mutable: bool,
    pub name: Ident,
    /// Always present for named functions; optional for closures (then `Str`).
    pub ty: Option<TypeExpr>,
    pub span: Span,
}

/// A named function, a static function (`fn Type::name`) or a method.
#[derive(Clone, Debug, PartialEq)]
pub struct FnDecl {
    pub private: bool,
    /// `test fn name() Void!Str { }`: a test function (run by `ard2go test`).
    pub test: bool,
    /// `fn mut name`: a mutating method.
    pub mutating: bool,
    /// One segment for a plain name, several for `fn Type::name`.
    pub name: Vec<Ident>,
    pub params: Vec<Param>,
    pub ret: Option<TypeExpr>,
    pub body: Block,
    pub span: Span,
}

/// `extern fn name(params) Ret = "Binding"`
#[derive(Clone, Debug, PartialEq)]
pub struct ExternDecl {
    pub private: bool,
    pub name: Ident,
    pub params: Vec<Param>,
    pub ret: Option<TypeExpr>,
    pub binding: String,
    pub binding_span: Span,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: Ident,
    pub ty: TypeExpr,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StructDecl {
    pub private: bool,
    pub name: Ident,
    /// `struct Box<$T, $U>`: the written type parameters (with their `$`).
    /// A struct without them is still generic when a field mentions `$T`.
    pub generics: Vec<Ident>,
    pub fields: Vec<Field>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EnumDecl {
    pub private: bool,
    pub name: Ident,
    pub variants: Vec<Ident>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TraitSig {
    pub name: Ident,
    pub params: Vec<Param>,
    pub ret: Option<TypeExpr>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TraitDecl {
    pub private: bool,
    pub name: Ident,
    pub methods: Vec<TraitSig>,
    pub span: Span,
}

/// `impl Type { methods }`
#[derive(Clone, Debug, PartialEq)]
pub struct ImplBlock {
    pub target: Ident,
    pub methods: Vec<FnDecl>,
    pub span: Span,
}

/// `impl Trait for Type { methods }`; `trait_path` is `[Str, ToString]` for
/// `Str::ToString`.
#[derive(Clone, Debug, PartialEq)]
pub struct TraitImpl {
    pub trait_path: Vec<Ident>,
    pub target: Ident,
    pub methods: Vec<FnDecl>,
    pub span: Span,
}

/// `type Name = A` (alias) or `type Name = A | B | ...` (union).
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDecl {
    pub private: bool,
    pub name: Ident,
    pub members: Vec<TypeExpr>,
    pub span: Span,
}

// ---------------------------------------------------------- expressions ---

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

impl Expr {
    /// The expression inside any number of parentheses.
    pub fn unparen(&self) -> &Expr {
        match &self.kind {
            ExprKind::Paren(inner) => inner.unparen(),
            _ => self,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-e`
    Neg,
    /// `not e`
    Not,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Eq,
    NotEq,
    Lt,
    LtEq,
    Gt,
    GtEq,
    And,
    Or,
}

impl BinaryOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Rem => "%",
            BinaryOp::Eq => "==",
            BinaryOp::NotEq => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::LtEq => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::GtEq => ">=",
            BinaryOp::And => "and",
            BinaryOp::Or => "or",
        }
    }
}

/// A piece of a string literal.
#[derive(Clone, Debug, PartialEq)]
pub enum StrPart {
    /// Text with escapes already decoded.
    Lit(String),
    /// `{expr}`
    Interp(Expr),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Arg {
    /// `f(mut x)`
    pub mutable: bool,
    /// `f(name: x)`
    pub name: Option<Ident>,
    pub value: Expr,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FieldInit {
    pub name: Ident,
    pub value: Expr,
}

/// An anonymous function `fn(a: Int, b) Str { ... }`.
#[derive(Clone, Debug, PartialEq)]
pub struct FnLit {
    pub params: Vec<Param>,
    pub ret: Option<TypeExpr>,
    pub body: Block,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MatchArm {
    /// The pattern as an expression: `_` and bindings are `Name`, enum
    /// variants are `Path`, `ok(x)` / `Str(s)` are `Call`, ranges are
    /// `Range`, literals are literals. For a conditional match (`match { }`)
    /// it is the condition (or `_`).
    pub pattern: Expr,
    /// A block body is `ExprKind::Block`.
    pub body: Expr,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CatchBody {
    /// `try e -> name { block }`
    Block(Block),
    /// `try e -> handler` (shorthand for `-> err { handler(err) }`)
    Handler,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Catch {
    /// The bound name (`e` in `-> e { }`), or the handler function name.
    pub name: Ident,
    pub body: CatchBody,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// Integer literal, digits as written (range checked by the checker).
    Int(String),
    /// Float literal as written.
    Float(String),
    Str(Vec<StrPart>),
    Bool(bool),
    /// `()`
    Void,
    /// A plain name (also `_`, and keywords used as names).
    Name(String),
    /// `@` on its own. `@name` is `Member { target: SelfRef, .. }`.
    SelfRef,
    /// `a::b::c` (enum variant, module member, static function).
    Path(Vec<Ident>),
    List(Vec<Expr>),
    /// `[k: v, ...]`; `[:]` is an empty entry list.
    Map(Vec<(Expr, Expr)>),
    Unary {
        op: UnaryOp,
        expr: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `a..b` (inclusive); valid only as a `for` iterable or an Int pattern.
    Range {
        start: Box<Expr>,
        end: Box<Expr>,
    },
    /// `e.name` and `@name`.
    Member {
        target: Box<Expr>,
        name: Ident,
    },
    /// `f(args)`, `x.m(args)`, `T::f(args)`, `f<T>(args)`; the callee is a
    /// `Name`, `Member` or `Path`.
    Call {
        callee: Box<Expr>,
        type_args: Vec<TypeExpr>,
        args: Vec<Arg>,
    },
    /// `Point{ x: 1 }` / `mod::Point{ x: 1 }`
    StructLit {
        path: Vec<Ident>,
        fields: Vec<FieldInit>,
    },
    Fn(Box<FnLit>),
    /// `if c { } else if d { } else { }` — usable as a statement and a value.
    If {
        branches: Vec<(Expr, Block)>,
        otherwise: Option<Block>,
    },
    /// `match subject { arms }`, or `match { arms }` when `subject` is None.
    Match {
        subject: Option<Box<Expr>>,
        arms: Vec<MatchArm>,
    },
    /// `try e`, `try e -> name { }`, `try e -> handler`
    Try {
        expr: Box<Expr>,
        catch: Option<Box<Catch>>,
    },
    /// A block used as a match-arm body.
    Block(Block),
    /// `(e)`: kept so that diagnostics and precedence-sensitive checks can
    /// tell a parenthesised expression apart.
    Paren(Box<Expr>),
}

//! The checked program ("typed IR"): what `check` produces and `lower`
//! consumes. Names are resolved to ids, every expression carries its type,
//! implicit operations (copies, conversions to a union or trait, `Maybe`
//! fields left out of struct literals) are explicit nodes, and inference
//! variables are gone.

pub mod consts;
pub mod types;
pub mod walk;

use crate::source::{FileId, Span};
pub use types::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ModuleId(pub u32);
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FnId(pub u32);
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GlobalId(pub u32);
/// A local variable of one body (function or module initialiser); closures
/// share the table of the body they are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocalId(pub u32);

#[derive(Clone, Debug, Default)]
pub struct Program {
    pub modules: Vec<Module>,
    pub structs: Vec<StructDef>,
    pub enums: Vec<EnumDef>,
    pub unions: Vec<UnionDef>,
    pub traits: Vec<TraitDef>,
    pub functions: Vec<Function>,
    pub globals: Vec<Global>,
    /// The entry module; its `main` is `main`.
    pub entry: ModuleId,
    pub main: Option<FnId>,
    /// Module initialisation order (imports first, `use` order).
    pub init_order: Vec<ModuleId>,
    /// Which struct or enum implements which trait.
    pub impls: Vec<(Owner, TraitId)>,
    /// The `Str::ToString` trait, when `ard/string` is part of the program.
    pub to_string: Option<TraitId>,
    /// Test functions (`FnKind::Test`), in module and declaration order.
    pub tests: Vec<FnId>,
}

impl Program {
    pub fn func(&self, id: FnId) -> &Function {
        &self.functions[id.0 as usize]
    }
    pub fn module(&self, id: ModuleId) -> &Module {
        &self.modules[id.0 as usize]
    }
    pub fn global(&self, id: GlobalId) -> &Global {
        &self.globals[id.0 as usize]
    }
    pub fn strukt(&self, id: StructId) -> &StructDef {
        &self.structs[id.0 as usize]
    }
    pub fn enm(&self, id: EnumId) -> &EnumDef {
        &self.enums[id.0 as usize]
    }
    pub fn union(&self, id: UnionId) -> &UnionDef {
        &self.unions[id.0 as usize]
    }
    pub fn trait_(&self, id: TraitId) -> &TraitDef {
        &self.traits[id.0 as usize]
    }
    pub fn show(&self, t: &Type) -> String {
        types::show(t, self)
    }
    /// A struct type with its own parameters (`Box<$T>`), as its methods
    /// see it.
    pub fn own_type(&self, s: StructId) -> Type {
        let params = self
            .strukt(s)
            .generics
            .iter()
            .map(|g| Type::Param(g.as_str().into()));
        Type::Struct(s, params.collect())
    }
    /// A method with type parameters of its own (beyond those of its
    /// struct): Go methods cannot have them, so it is lowered to a
    /// package-level function with the receiver first.
    pub fn is_generic_method(&self, f: &Function) -> bool {
        match &f.kind {
            FnKind::Method {
                owner: Owner::Struct(s),
                ..
            } => f.generics.len() > self.strukt(*s).generics.len(),
            FnKind::Method { .. } => !f.generics.is_empty(),
            _ => false,
        }
    }
}

impl StructDef {
    /// The type of field `index` in the instantiation `args`.
    pub fn field_type(&self, index: usize, args: &[Type]) -> Type {
        subst_params(&self.fields[index].1, &self.generics, args)
    }
}

impl TypeNames for Program {
    fn struct_name(&self, id: StructId) -> &str {
        &self.strukt(id).name
    }
    fn enum_name(&self, id: EnumId) -> &str {
        &self.enm(id).name
    }
    fn union_name(&self, id: UnionId) -> &str {
        &self.union(id).name
    }
    fn trait_name(&self, id: TraitId) -> &str {
        &self.trait_(id).name
    }
}

#[derive(Clone, Debug)]
pub struct Module {
    /// `ard/io`, `shop/billing`, or the entry file's stem.
    pub path: String,
    pub file: FileId,
    pub is_std: bool,
    /// Modules this one imports, in `use` order.
    pub imports: Vec<ModuleId>,
    /// Top-level bindings and statements, in source order.
    pub init: Body,
}

/// A body of code with its own local-variable table.
#[derive(Clone, Debug, Default)]
pub struct Body {
    pub locals: Vec<Local>,
    pub block: Block,
}

#[derive(Clone, Debug)]
pub struct Local {
    pub name: String,
    pub ty: Type,
    pub mutable: bool,
    /// Where it is declared (its name); empty for locals the checker makes.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Global {
    pub name: String,
    pub module: ModuleId,
    pub ty: Type,
    pub mutable: bool,
    pub span: Span,
    /// The value when the initialiser is a compile-time constant of a
    /// primitive type (such globals become Go constants).
    pub constant: Option<Const>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    Int(i64),
    Float(f64),
    Str(String),
    Bool(bool),
}

#[derive(Clone, Debug)]
pub struct StructDef {
    pub name: String,
    pub module: ModuleId,
    /// Type parameters (`$T` names without `$`); field types refer to them
    /// as `Type::Param`.
    pub generics: Vec<String>,
    pub fields: Vec<(String, Type)>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct EnumDef {
    pub name: String,
    pub module: ModuleId,
    pub variants: Vec<String>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct UnionDef {
    pub name: String,
    pub module: ModuleId,
    pub members: Vec<Type>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct TraitDef {
    pub name: String,
    pub module: ModuleId,
    pub methods: Vec<TraitMethod>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct TraitMethod {
    pub name: String,
    pub params: Vec<Type>,
    pub ret: Type,
}

/// The receiver type of a method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Owner {
    Struct(StructId),
    Enum(EnumId),
}

#[derive(Clone, Debug, PartialEq)]
pub enum FnKind {
    /// A top-level function.
    Free,
    /// `fn Type::name` (the prefix as written).
    Static(String),
    /// A method in an `impl` block.
    Method { owner: Owner, mutating: bool },
    /// `extern fn ... = "binding"`.
    Extern(String),
    /// `test fn name() Void!Str`: not a value, only run by `ard2go test`.
    Test,
}

#[derive(Clone, Debug)]
pub struct Param {
    pub local: LocalId,
    pub name: String,
    pub ty: Type,
    pub mutable: bool,
}

#[derive(Clone, Debug)]
pub struct Function {
    pub name: String,
    pub module: ModuleId,
    pub kind: FnKind,
    /// Generic parameters (`$T` names without `$`) in order of appearance.
    pub generics: Vec<String>,
    /// `@` inside a method.
    pub receiver: Option<LocalId>,
    pub params: Vec<Param>,
    pub ret: Type,
    /// Empty for externs.
    pub body: Body,
    pub span: Span,
}

impl Function {
    pub fn fn_type(&self) -> Type {
        Type::func(
            self.params.iter().map(|p| p.ty.clone()).collect(),
            self.ret.clone(),
        )
    }
}

// ------------------------------------------------------------- code ---

#[derive(Clone, Debug, Default)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    /// The block's value (its last expression), if it has one.
    pub tail: Option<Box<Expr>>,
}

#[derive(Clone, Debug)]
pub enum Place {
    Local(LocalId),
    Global(GlobalId),
    Field {
        base: Box<Expr>,
        strukt: StructId,
        index: usize,
    },
}

#[derive(Clone, Debug)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum StmtKind {
    Let {
        local: LocalId,
        value: Expr,
    },
    /// Initialise a module-level binding (module init bodies only).
    GlobalInit {
        global: GlobalId,
        value: Expr,
    },
    Assign {
        place: Place,
        value: Expr,
    },
    Expr(Expr),
    Break,
    While {
        cond: Option<Expr>,
        body: Block,
    },
    /// `for v[, i] in start..end` (inclusive)
    ForRange {
        var: LocalId,
        index: Option<LocalId>,
        start: Expr,
        end: Expr,
        body: Block,
    },
    ForList {
        var: LocalId,
        index: Option<LocalId>,
        list: Expr,
        body: Block,
    },
    ForMap {
        key: LocalId,
        value: Option<LocalId>,
        map: Expr,
        body: Block,
    },
    /// Characters of a string with their byte offsets.
    ForStr {
        var: LocalId,
        index: Option<LocalId>,
        text: Expr,
        body: Block,
    },
    ForC {
        init: Box<Stmt>,
        cond: Expr,
        update: Box<Stmt>,
        body: Block,
    },
    /// A named function declared inside a block (may call itself).
    LocalFn {
        local: LocalId,
        closure: Closure,
    },
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub ty: Type,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Not,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
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

/// Methods of built-in types (types.md §15), resolved by the checker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    StrContains,
    StrIsEmpty,
    StrReplace,
    StrReplaceAll,
    StrSize,
    StrSplit,
    StrStartsWith,
    StrToStr,
    StrTrim,
    IntToStr,
    FloatToStr,
    FloatToInt,
    BoolToStr,
    ListAt,
    ListPush,
    ListPrepend,
    ListSet,
    ListSize,
    ListSort,
    ListSwap,
    MapGet,
    MapSet,
    MapDrop,
    MapHas,
    MapKeys,
    MapSize,
    MaybeExpect,
    MaybeIsSome,
    MaybeIsNone,
    MaybeOr,
    ResultExpect,
    ResultOr,
    ResultIsOk,
    ResultIsErr,
}

#[derive(Clone, Debug)]
pub enum InterpPart {
    Lit(String),
    /// A value whose type implements ToString.
    Value(Expr),
}

#[derive(Clone, Debug)]
pub struct Closure {
    pub params: Vec<Param>,
    pub ret: Type,
    pub body: Block,
}

#[derive(Clone, Debug)]
pub enum IntPattern {
    Value(i64),
    Range(i64, i64),
}

/// One arm of a match: its body is an expression (a block arm is
/// `ExprKind::Block`).
#[derive(Clone, Debug)]
pub enum Match {
    Bool {
        subject: Expr,
        on_true: Expr,
        on_false: Expr,
    },
    Int {
        subject: Expr,
        arms: Vec<(Vec<IntPattern>, Expr)>,
        default: Option<Expr>,
    },
    Str {
        subject: Expr,
        arms: Vec<(String, Expr)>,
        default: Option<Expr>,
    },
    Enum {
        subject: Expr,
        arms: Vec<(Vec<usize>, Expr)>,
        default: Option<Expr>,
    },
    Maybe {
        subject: Expr,
        binding: LocalId,
        some: Expr,
        none: Expr,
    },
    Result {
        subject: Expr,
        ok_binding: Option<LocalId>,
        ok: Expr,
        err_binding: Option<LocalId>,
        err: Expr,
    },
    Union {
        subject: Expr,
        arms: Vec<(Type, Option<LocalId>, Expr)>,
        default: Option<Expr>,
    },
    Cond {
        arms: Vec<(Expr, Expr)>,
        default: Expr,
    },
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Int(i64),
    Float(f64),
    Str(String),
    Bool(bool),
    Void,
    Interp(Vec<InterpPart>),
    Local(LocalId),
    Global(GlobalId),
    /// A named function used as a value.
    FnValue {
        func: FnId,
        type_args: Vec<Type>,
    },
    /// A direct call of a free, static or extern function.
    Call {
        func: FnId,
        type_args: Vec<Type>,
        args: Vec<Expr>,
    },
    /// `recv.m(args)` for a user method.
    MethodCall {
        func: FnId,
        /// Explicit or inferred generic arguments of the method.
        type_args: Vec<Type>,
        recv: Box<Expr>,
        args: Vec<Expr>,
    },
    /// `recv.m(args)` where `recv` has a trait type.
    TraitCall {
        recv: Box<Expr>,
        trait_: TraitId,
        method: usize,
        args: Vec<Expr>,
    },
    /// Call of a function-typed value.
    CallValue {
        callee: Box<Expr>,
        args: Vec<Expr>,
    },
    Builtin {
        op: Builtin,
        recv: Box<Expr>,
        args: Vec<Expr>,
    },
    /// `x.method` without a call: a bound method value.
    MethodValue {
        func: FnId,
        recv: Box<Expr>,
    },
    Field {
        base: Box<Expr>,
        strukt: StructId,
        index: usize,
    },
    /// Field values in declaration order.
    StructLit {
        strukt: StructId,
        fields: Vec<Expr>,
    },
    Variant {
        enm: EnumId,
        index: usize,
    },
    List(Vec<Expr>),
    Map(Vec<(Expr, Expr)>),
    Unary {
        op: UnOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    If {
        branches: Vec<(Expr, Block)>,
        otherwise: Option<Block>,
    },
    Match(Box<Match>),
    /// `try operand` (propagate) or `try operand -> e { catch }`; the
    /// enclosing function returns `ret` on failure.
    Try {
        operand: Box<Expr>,
        catch: Option<(Option<LocalId>, Block)>,
        ret: Type,
    },
    Closure(Box<Closure>),
    Block(Block),
    /// `panic(msg)`
    Panic(Box<Expr>),
    /// A deep copy (`mut x = e`, `f(mut e)`).
    Copy(Box<Expr>),
    Some(Box<Expr>),
    None,
    Ok(Box<Expr>),
    Err(Box<Expr>),
    /// A value viewed as a trait object.
    ToTrait {
        value: Box<Expr>,
        trait_: TraitId,
    },
    /// A member value viewed as a union value.
    ToUnion {
        value: Box<Expr>,
        union: UnionId,
    },
    /// `async::start(body)`: run `body` as a fiber (a fresh program world).
    StartFiber(Box<Expr>),
}

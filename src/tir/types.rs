//! Ard types as the checker and the lowering see them.

use std::fmt::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StructId(pub u32);
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EnumId(pub u32);
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnionId(pub u32);
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TraitId(pub u32);

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Int,
    Float,
    Str,
    Bool,
    Void,
    Dynamic,
    List(Box<Type>),
    Map(Box<Type>, Box<Type>),
    Maybe(Box<Type>),
    Result(Box<Type>, Box<Type>),
    Fn(Box<FnType>),
    /// A struct with its type arguments (empty unless the struct is
    /// generic; a boxed slice keeps `Type` small).
    Struct(StructId, Box<[Type]>),
    Enum(EnumId),
    Union(UnionId),
    Trait(TraitId),
    /// A generic parameter (`$T`) of the function being checked: rigid.
    /// (A boxed str keeps `Type` at 24 bytes.)
    Param(Box<str>),
    /// An inference variable, resolved by unification (generic calls,
    /// `maybe::none()`, empty literals).
    Var(u32),
    /// A type that could not be determined because of an earlier error;
    /// compatible with everything so that one mistake gives one diagnostic.
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FnType {
    pub params: Vec<Type>,
    pub ret: Type,
}

impl Type {
    pub fn list(t: Type) -> Type {
        Type::List(Box::new(t))
    }
    pub fn map(k: Type, v: Type) -> Type {
        Type::Map(Box::new(k), Box::new(v))
    }
    pub fn maybe(t: Type) -> Type {
        Type::Maybe(Box::new(t))
    }
    pub fn result(t: Type, e: Type) -> Type {
        Type::Result(Box::new(t), Box::new(e))
    }
    pub fn func(params: Vec<Type>, ret: Type) -> Type {
        Type::Fn(Box::new(FnType { params, ret }))
    }
    /// A struct that is not generic.
    pub fn plain_struct(s: StructId) -> Type {
        Type::Struct(s, Box::new([]))
    }

    pub fn is_error(&self) -> bool {
        matches!(self, Type::Error)
    }

    /// True if the type mentions an inference variable or `Error`.
    pub fn has_vars(&self) -> bool {
        let mut found = false;
        self.walk(&mut |t| {
            if matches!(t, Type::Var(_)) {
                found = true
            }
        });
        found
    }

    /// Visit this type and every type inside it.
    pub fn walk(&self, f: &mut impl FnMut(&Type)) {
        f(self);
        match self {
            Type::List(t) | Type::Maybe(t) => t.walk(f),
            Type::Map(a, b) | Type::Result(a, b) => {
                a.walk(f);
                b.walk(f)
            }
            Type::Fn(ft) => {
                for p in &ft.params {
                    p.walk(f)
                }
                ft.ret.walk(f)
            }
            Type::Struct(_, args) => {
                for a in args {
                    a.walk(f)
                }
            }
            _ => {}
        }
    }

    /// Rebuild the type bottom-up through `f` (used for substitution).
    pub fn map_types(&self, f: &mut impl FnMut(&Type) -> Option<Type>) -> Type {
        if let Some(t) = f(self) {
            return t;
        }
        match self {
            Type::List(t) => Type::list(t.map_types(f)),
            Type::Maybe(t) => Type::maybe(t.map_types(f)),
            Type::Map(a, b) => Type::map(a.map_types(f), b.map_types(f)),
            Type::Result(a, b) => Type::result(a.map_types(f), b.map_types(f)),
            Type::Fn(ft) => Type::func(
                ft.params.iter().map(|p| p.map_types(f)).collect(),
                ft.ret.map_types(f),
            ),
            Type::Struct(s, args) => {
                Type::Struct(*s, args.iter().map(|a| a.map_types(f)).collect())
            }
            other => other.clone(),
        }
    }

    /// Collect generic parameter names in order of first appearance.
    pub fn collect_params(&self, out: &mut Vec<String>) {
        self.walk(&mut |t| {
            if let Type::Param(n) = t
                && !out.iter().any(|o| **o == **n)
            {
                out.push(n.to_string())
            }
        });
    }
}

/// Replace generic parameters `names` by `args`.
pub fn subst_params(t: &Type, names: &[String], args: &[Type]) -> Type {
    if names.is_empty() || args.is_empty() {
        return t.clone();
    }
    t.map_types(&mut |t| match t {
        Type::Param(p) => names
            .iter()
            .position(|n| **n == **p)
            .and_then(|i| args.get(i).cloned()),
        _ => None,
    })
}

/// Something that can name user-declared types (the checker's tables).
pub trait TypeNames {
    fn struct_name(&self, id: StructId) -> &str;
    fn enum_name(&self, id: EnumId) -> &str;
    fn union_name(&self, id: UnionId) -> &str;
    fn trait_name(&self, id: TraitId) -> &str;
}

/// Print a type the way Ard writes it: `[Int]`, `Str?`, `Int!Str`,
/// `fn(Int, Str) Bool`.
pub fn show(t: &Type, names: &dyn TypeNames) -> String {
    let mut s = String::new();
    write_type(&mut s, t, names);
    s
}

fn write_type(s: &mut String, t: &Type, names: &dyn TypeNames) {
    match t {
        Type::Int => s.push_str("Int"),
        Type::Float => s.push_str("Float"),
        Type::Str => s.push_str("Str"),
        Type::Bool => s.push_str("Bool"),
        Type::Void => s.push_str("Void"),
        Type::Dynamic => s.push_str("Dynamic"),
        Type::List(e) => {
            s.push('[');
            write_type(s, e, names);
            s.push(']');
        }
        Type::Map(k, v) => {
            s.push('[');
            write_type(s, k, names);
            s.push(':');
            write_type(s, v, names);
            s.push(']');
        }
        Type::Maybe(t) => {
            let wrap = matches!(**t, Type::Result(..) | Type::Fn(_));
            if wrap {
                s.push('(');
            }
            write_type(s, t, names);
            if wrap {
                s.push(')');
            }
            s.push('?');
        }
        Type::Result(v, e) => {
            write_type(s, v, names);
            s.push('!');
            write_type(s, e, names);
        }
        Type::Fn(ft) => {
            s.push_str("fn(");
            for (i, p) in ft.params.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                write_type(s, p, names);
            }
            s.push_str(") ");
            write_type(s, &ft.ret, names);
        }
        Type::Struct(id, args) => {
            s.push_str(names.struct_name(*id));
            if !args.is_empty() {
                s.push('<');
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    write_type(s, a, names);
                }
                s.push('>');
            }
        }
        Type::Enum(id) => s.push_str(names.enum_name(*id)),
        Type::Union(id) => s.push_str(names.union_name(*id)),
        Type::Trait(id) => s.push_str(names.trait_name(*id)),
        Type::Param(n) => {
            let _ = write!(s, "${n}");
        }
        Type::Var(_) => s.push('_'),
        Type::Error => s.push_str("{unknown}"),
    }
}

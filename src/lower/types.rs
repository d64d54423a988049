//! Go types for Ard types (see docs/decisions.md "Representation").

use super::Lowerer;
use crate::tir::*;

impl Lowerer<'_> {
    /// The Go type of an Ard type.
    pub(crate) fn go_type(&self, t: &Type) -> String {
        if matches!(
            t,
            Type::List(_) | Type::Map(..) | Type::Maybe(_) | Type::Result(..)
        ) {
            self.import("ard2go.dev/rt");
        }
        match t {
            Type::Int => "int".into(),
            Type::Float => "float64".into(),
            Type::Str => "string".into(),
            Type::Bool => "bool".into(),
            Type::Void | Type::Error | Type::Var(_) => "struct{}".into(),
            Type::Dynamic => "any".into(),
            Type::List(e) => format!("*rt.List[{}]", self.go_type(e)),
            Type::Map(k, v) => format!("*rt.Map[{}, {}]", self.go_type(k), self.go_type(v)),
            Type::Maybe(e) => format!("rt.Maybe[{}]", self.go_type(e)),
            Type::Result(v, e) => format!("rt.Result[{}, {}]", self.go_type(v), self.go_type(e)),
            Type::Fn(f) => {
                let params: Vec<String> = f.params.iter().map(|p| self.go_type(p)).collect();
                let ret = self.go_result(&f.ret);
                format!("func({}){}", params.join(", "), ret)
            }
            Type::Struct(s) => format!("*{}", self.names.structs[s.0 as usize]),
            Type::Enum(e) => self.names.enums[e.0 as usize].clone(),
            Type::Union(u) => self.names.unions[u.0 as usize].clone(),
            Type::Trait(t) => self.names.traits[t.0 as usize].clone(),
            Type::Param(p) => p.clone(),
        }
    }

    /// A function result in a signature: empty for Void, else " T".
    pub(crate) fn go_result(&self, t: &Type) -> String {
        if is_void(t) {
            String::new()
        } else {
            format!(" {}", self.go_type(t))
        }
    }
}

pub(crate) fn is_void(t: &Type) -> bool {
    matches!(t, Type::Void | Type::Error | Type::Var(_))
}

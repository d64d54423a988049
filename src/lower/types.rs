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
            Type::Struct(..) => format!("*{}", self.struct_name(t)),
            Type::Enum(e) => self.names.enums[e.0 as usize].clone(),
            Type::Union(u) => self.names.unions[u.0 as usize].clone(),
            Type::Trait(t) => self.names.traits[t.0 as usize].clone(),
            Type::Param(p) => p.to_string(),
        }
    }

    /// The Go name of a struct type with its type arguments (`Box[int]`),
    /// without the pointer.
    pub(crate) fn struct_name(&self, t: &Type) -> String {
        let Type::Struct(s, args) = t else {
            return "struct{}".into();
        };
        let name = &self.names.structs[s.0 as usize];
        if args.is_empty() {
            return name.clone();
        }
        let args: Vec<String> = args.iter().map(|a| self.go_type(a)).collect();
        format!("{name}[{}]", args.join(", "))
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

/// Which type parameters of each struct must be `comparable` in Go: those
/// used as map keys, directly or through another generic struct.
pub(crate) fn struct_bounds(prog: &Program) -> Vec<Vec<bool>> {
    let mut bounds: Vec<Vec<bool>> = prog
        .structs
        .iter()
        .map(|s| vec![false; s.generics.len()])
        .collect();
    loop {
        let mut changed = false;
        for (i, s) in prog.structs.iter().enumerate() {
            let mut need = Vec::new();
            for (_, t) in &s.fields {
                comparable_params(t, &bounds, &mut need);
            }
            for (j, g) in s.generics.iter().enumerate() {
                if need.contains(g) && !bounds[i][j] {
                    bounds[i][j] = true;
                    changed = true;
                }
            }
        }
        if !changed {
            return bounds;
        }
    }
}

/// The type parameters that `t` needs to be `comparable` (map keys).
pub(crate) fn comparable_params(t: &Type, bounds: &[Vec<bool>], out: &mut Vec<String>) {
    t.walk(&mut |x| {
        let mut need = |p: &Type| {
            if let Type::Param(p) = p
                && !out.iter().any(|o| **o == **p)
            {
                out.push(p.to_string());
            }
        };
        match x {
            Type::Map(k, _) => need(k),
            Type::Struct(s, args) => {
                for (j, a) in args.iter().enumerate() {
                    if bounds[s.0 as usize].get(j).copied().unwrap_or(false) {
                        need(a);
                    }
                }
            }
            _ => {}
        }
    });
}

impl Lowerer<'_> {
    /// `[T any, K comparable]`: Go type parameters with their constraints.
    pub(crate) fn type_params(&self, generics: &[String], uses: &[&Type]) -> String {
        if generics.is_empty() {
            return String::new();
        }
        let mut comparable = Vec::new();
        for t in uses {
            comparable_params(t, &self.comparable, &mut comparable);
        }
        let list: Vec<String> = generics
            .iter()
            .map(|g| {
                let bound = if comparable.contains(g) {
                    "comparable"
                } else {
                    "any"
                };
                format!("{g} {bound}")
            })
            .collect();
        format!("[{}]", list.join(", "))
    }
}

pub(crate) fn is_void(t: &Type) -> bool {
    matches!(t, Type::Void | Type::Error | Type::Var(_))
}

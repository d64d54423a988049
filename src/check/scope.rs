//! Module-level symbol tables.

use crate::tir::*;
use std::collections::HashMap;

#[derive(Clone, Debug)]
pub enum TypeSym {
    Struct(StructId),
    Enum(EnumId),
    Union(UnionId),
    Trait(TraitId),
    /// `type Name = T`, possibly generic (`type Mapper = fn($A) $B`).
    Alias {
        params: Vec<String>,
        ty: Type,
    },
    /// Declared but its right-hand side is being resolved (cycle guard).
    Pending,
}

#[derive(Clone, Copy, Debug)]
pub enum ValueSym {
    Fn(FnId),
    Global(GlobalId),
}

/// What a name before `::` can mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportSym {
    Module(ModuleId),
    /// `ard/maybe`: `some` / `none`.
    Maybe,
    /// `Result` and `ard/result`: `ok` / `err`.
    Result,
}

#[derive(Default, Debug)]
pub struct ModScope {
    pub types: HashMap<String, TypeSym>,
    /// Which types are private to the module.
    pub private_types: std::collections::HashSet<String>,
    pub values: HashMap<String, ValueSym>,
    pub private_values: std::collections::HashSet<String>,
    /// Static functions by their full written name, `Type::name`.
    pub statics: HashMap<String, FnId>,
    /// Import bindings (and prelude namespaces).
    pub imports: HashMap<String, ImportSym>,
}

//! The state of the body being checked: local variables and their scopes,
//! the enclosing function's return type, loops, `@`, and the fiber boundary.

use super::Checker;
use crate::source::Span;
use crate::tir::*;
use std::collections::HashMap;

/// A closure passed to `async::start`: code inside it may not use locals
/// declared outside it (fibers.md §4, decision F1).
#[derive(Clone, Debug)]
pub struct FiberBoundary {
    /// Locals with an id below this belong to the code outside the fiber.
    pub first_local: u32,
    /// The `async::start` call, for the diagnostic.
    pub start_span: Span,
}

#[derive(Clone, Debug)]
pub struct BodyCx {
    pub module: ModuleId,
    pub locals: Vec<Local>,
    pub scopes: Vec<HashMap<String, LocalId>>,
    /// Return type of the innermost function or closure; None at top level.
    pub ret: Option<Type>,
    pub loop_depth: u32,
    /// `@`: the receiver local, its type, and whether it is mutable.
    pub receiver: Option<(LocalId, Type, bool)>,
    /// Generic parameters in scope (without `$`).
    pub generics: Vec<String>,
    /// Innermost fiber boundaries.
    pub fibers: Vec<FiberBoundary>,
    /// Start of the function being checked (top-level declarations after it
    /// are not yet visible as variables).
    pub in_function: bool,
}

impl BodyCx {
    pub fn new(module: ModuleId) -> BodyCx {
        BodyCx {
            module,
            locals: Vec::new(),
            scopes: vec![HashMap::new()],
            ret: None,
            loop_depth: 0,
            receiver: None,
            generics: Vec::new(),
            fibers: Vec::new(),
            in_function: false,
        }
    }
}

impl Checker<'_> {
    /// Start a fresh body (function or module initialiser); returns the old
    /// one so it can be restored.
    pub(crate) fn enter_body(&mut self, cx: BodyCx) -> BodyCx {
        std::mem::replace(&mut self.cx, cx)
    }

    pub(crate) fn leave_body(&mut self, old: BodyCx) -> Vec<Local> {
        let cx = std::mem::replace(&mut self.cx, old);
        cx.locals
    }

    pub(crate) fn push_scope(&mut self) {
        self.cx.scopes.push(HashMap::new());
    }

    pub(crate) fn pop_scope(&mut self) {
        self.cx.scopes.pop();
    }

    /// Declare a local in the innermost scope (shadowing is allowed).
    pub(crate) fn declare_local(&mut self, name: &str, ty: Type, mutable: bool) -> LocalId {
        let id = LocalId(self.cx.locals.len() as u32);
        self.cx.locals.push(Local {
            name: name.to_string(),
            ty,
            mutable,
            span: Span::default(),
        });
        if let Some(scope) = self.cx.scopes.last_mut() {
            scope.insert(name.to_string(), id);
        }
        id
    }

    /// `declare_local` for a name written at `span` (editors jump there).
    pub(crate) fn declare_local_at(
        &mut self,
        name: &str,
        ty: Type,
        mutable: bool,
        span: Span,
    ) -> LocalId {
        let id = self.declare_local(name, ty, mutable);
        self.cx.locals[id.0 as usize].span = span;
        id
    }

    pub(crate) fn lookup_local(&self, name: &str) -> Option<LocalId> {
        self.cx
            .scopes
            .iter()
            .rev()
            .find_map(|s| s.get(name).copied())
    }

    pub(crate) fn local(&self, id: LocalId) -> &Local {
        &self.cx.locals[id.0 as usize]
    }

    /// Run `f` inside a new scope.
    pub(crate) fn scoped<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        self.push_scope();
        let r = f(self);
        self.pop_scope();
        r
    }
}

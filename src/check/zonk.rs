//! Final substitution: replace every inference variable in the program by
//! its binding. A variable nothing constrained (`maybe::none()` that is
//! only compared, an unused empty list) becomes Void, which keeps the Go
//! output consistent because every use shares the same variable.

use super::Checker;
use crate::tir::walk::types_in_body_mut;
use crate::tir::*;

impl Checker<'_> {
    pub(crate) fn zonk_program(&mut self) {
        let vars = std::mem::take(&mut self.vars);
        let fix = |t: &mut Type| {
            *t = zonk(t, &vars);
        };
        let mut fix = fix;
        for m in &mut self.prog.modules {
            types_in_body_mut(&mut m.init, &mut fix);
        }
        for f in &mut self.prog.functions {
            types_in_body_mut(&mut f.body, &mut fix);
        }
        for g in &mut self.prog.globals {
            fix(&mut g.ty);
        }
        self.vars = vars;
    }
}

fn zonk(t: &Type, vars: &[Option<Type>]) -> Type {
    t.map_types(&mut |t| match t {
        Type::Var(v) => Some(match &vars[*v as usize] {
            Some(bound) => zonk(bound, vars),
            None => Type::Void,
        }),
        _ => None,
    })
}

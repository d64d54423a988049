//! Methods of built-in types (types.md §15) as Go: the standard `strings`
//! and `strconv` functions, and methods of the runtime's List, Map, Maybe
//! and Result.

use super::code::{Code, GoExpr, PREC_PRIMARY};
use super::func::FnCx;
use crate::tir::*;

/// Does the lowered builtin form a valid Go expression statement (a call
/// that may be used for effect)?
pub(crate) fn is_call_statement(op: Builtin) -> bool {
    use Builtin as B;
    matches!(
        op,
        B::ListPush
            | B::ListPrepend
            | B::ListSet
            | B::ListSort
            | B::ListSwap
            | B::MapSet
            | B::MapDrop
            | B::ListAt
            | B::MaybeExpect
            | B::ResultExpect
    )
}

impl FnCx<'_, '_> {
    pub fn builtin(
        &mut self,
        c: &mut Code,
        op: Builtin,
        recv: &Expr,
        args: &[Expr],
        _ty: &Type,
    ) -> GoExpr {
        use Builtin as B;
        let mut all = vec![recv.clone()];
        all.extend(args.iter().cloned());
        let v = self.seq(c, &all);
        let r = v[0].operand();
        let a = |i: usize| v[i + 1].text.clone();
        let call = |s: String| GoExpr::primary(s);
        match op {
            B::StrContains => {
                self.l.import("strings");
                call(format!("strings.Contains({}, {})", v[0].text, a(0)))
            }
            B::StrIsEmpty => GoExpr::with_prec(format!("len({}) == 0", v[0].text), 3),
            B::StrReplace => {
                self.l.import("strings");
                call(format!(
                    "strings.Replace({}, {}, {}, 1)",
                    v[0].text,
                    a(0),
                    a(1)
                ))
            }
            B::StrReplaceAll => {
                self.l.import("strings");
                call(format!(
                    "strings.ReplaceAll({}, {}, {})",
                    v[0].text,
                    a(0),
                    a(1)
                ))
            }
            B::StrSize => call(format!("len({})", v[0].text)),
            B::StrSplit => {
                self.l.import("ard2go.dev/rt");
                call(format!("rt.Split({}, {})", v[0].text, a(0)))
            }
            B::StrStartsWith => {
                self.l.import("strings");
                call(format!("strings.HasPrefix({}, {})", v[0].text, a(0)))
            }
            B::StrToStr => v[0].clone(),
            B::StrTrim => {
                self.l.import("strings");
                call(format!("strings.Trim({}, \" \")", v[0].text))
            }
            B::IntToStr | B::FloatToStr | B::BoolToStr => {
                let t = recv.ty.clone();
                self.l.string_expr(&t, &v[0])
            }
            B::FloatToInt => match crate::tir::consts::fold(recv, &self.l.prog.globals) {
                // Go rejects converting a constant with a fraction or out
                // of range: fold the first, convert the second at run time.
                Some(Const::Float(f)) => match crate::tir::consts::float_to_int(f) {
                    Some(i) => self.const_expr(&Const::Int(i)),
                    None => {
                        self.l.import("ard2go.dev/rt");
                        call(format!("rt.FloatToInt({})", v[0].text))
                    }
                },
                _ => call(format!("int({})", v[0].text)),
            },
            B::ListAt => call(format!("{r}.At({})", a(0))),
            B::ListPush => call(format!("{r}.Push({})", a(0))),
            B::ListPrepend => call(format!("{r}.Prepend({})", a(0))),
            B::ListSet => call(format!("{r}.Set({}, {})", a(0), a(1))),
            B::ListSize => call(format!("{r}.Size()")),
            B::ListSort => call(format!("{r}.Sort({})", a(0))),
            B::ListSwap => call(format!("{r}.Swap({}, {})", a(0), a(1))),
            B::MapGet => call(format!("{r}.Get({})", a(0))),
            B::MapSet => call(format!("{r}.Set({}, {})", a(0), a(1))),
            B::MapDrop => call(format!("{r}.Drop({})", a(0))),
            B::MapHas => call(format!("{r}.Has({})", a(0))),
            B::MapKeys => call(format!("{r}.Keys()")),
            B::MapSize => call(format!("{r}.Size()")),
            B::MaybeExpect | B::ResultExpect => call(format!("{r}.Expect({})", a(0))),
            B::MaybeIsSome => call(format!("{r}.Ok")),
            B::MaybeIsNone => GoExpr::with_prec(format!("!{r}.Ok"), 6),
            B::MaybeOr | B::ResultOr => call(format!("{r}.Or({})", a(0))),
            B::ResultIsOk => GoExpr::with_prec(format!("{r}.Ok"), PREC_PRIMARY),
            B::ResultIsErr => GoExpr::with_prec(format!("!{r}.Ok"), 6),
        }
    }
}

//! Methods of built-in types (types.md §15) as Go: the standard `strings`
//! and `strconv` functions, and methods of the runtime's List, Map, Maybe
//! and Result.

use super::code::{Code, GoExpr, PREC_PRIMARY};
use super::expr::is_pure;
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

    /// The map update `m.set(k, m.get(k).or(d) op x)` as a statement, with
    /// the same `m` and `k` on both sides, a primitive value type and
    /// nothing with effects in `m`, `k`, `d` or `x`: `*m.Slot(k, d) op= x`,
    /// one hash lookup like Go's `m[k] += x` (issue 17). Nothing in `x` can
    /// touch the map, so reading the value after evaluating `x` is
    /// the same as before. Returns false (and writes nothing) for anything
    /// else.
    pub fn map_update(&mut self, c: &mut Code, e: &Expr) -> bool {
        let ExprKind::Builtin {
            op: Builtin::MapSet,
            recv: map,
            args,
        } = &e.kind
        else {
            return false;
        };
        let [key, value] = args.as_slice() else {
            return false;
        };
        let ExprKind::Binary { op, lhs, rhs } = &value.kind else {
            return false;
        };
        if !matches!(
            op,
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Rem
        ) {
            return false;
        }
        let sym = super::expr::go_op(*op);
        let ExprKind::Builtin {
            op: Builtin::MaybeOr,
            recv: got,
            args: default,
        } = &lhs.kind
        else {
            return false;
        };
        let ExprKind::Builtin {
            op: Builtin::MapGet,
            recv: map2,
            args: key2,
        } = &got.kind
        else {
            return false;
        };
        let ([default], [key2]) = (default.as_slice(), key2.as_slice()) else {
            return false;
        };
        let primitive = match value.ty {
            Type::Int => true,
            Type::Float => *op != BinOp::Rem,
            Type::Str => *op == BinOp::Add,
            _ => false,
        } && lhs.ty == value.ty
            && rhs.ty == value.ty
            && default.ty == value.ty;
        let zero_divisor = matches!(op, BinOp::Div | BinOp::Rem) && self.is_const_zero(rhs);
        if !primitive
            || zero_divisor
            || ![&**map, key, &**map2, key2, default, &**rhs]
                .into_iter()
                .all(is_pure)
        {
            return false;
        }
        // Pure expressions lower to text alone; equal text is the same
        // map and key.
        let mut scratch = Code::new();
        let texts: Vec<String> = [&**map, &**map2, key, key2]
            .into_iter()
            .map(|x| self.expr(&mut scratch, x).text)
            .collect();
        if !scratch.is_empty() || texts[0] != texts[1] || texts[2] != texts[3] {
            return false;
        }
        let m = self.expr(c, map);
        let k = self.expr(c, key);
        let d = self.expr(c, default);
        let x = self.expr(c, rhs);
        c.line(format!(
            "*{}.Slot({}, {}) {sym}= {}",
            m.operand(),
            k.text,
            d.text,
            x.text
        ));
        true
    }
}

//! Compile-time evaluation of constant expressions with Ard's run-time
//! semantics (64-bit wrapping Int arithmetic, IEEE Float arithmetic), so
//! that Go's exact constant arithmetic never changes a result.

use super::*;

/// The value of `e` if it is a constant expression of a primitive type.
pub fn fold(e: &Expr, globals: &[Global]) -> Option<Const> {
    match &e.kind {
        ExprKind::Int(v) => Some(Const::Int(*v)),
        ExprKind::Float(v) => Some(Const::Float(*v)),
        ExprKind::Str(s) => Some(Const::Str(s.clone())),
        ExprKind::Bool(b) => Some(Const::Bool(*b)),
        ExprKind::Global(g) => globals.get(g.0 as usize)?.constant.clone(),
        ExprKind::Unary { op, operand } => match (op, fold(operand, globals)?) {
            (UnOp::Neg, Const::Int(v)) => Some(Const::Int(v.wrapping_neg())),
            (UnOp::Neg, Const::Float(v)) => Some(Const::Float(-v)),
            (UnOp::Not, Const::Bool(b)) => Some(Const::Bool(!b)),
            _ => None,
        },
        ExprKind::Binary { op, lhs, rhs } => {
            let (a, b) = (fold(lhs, globals)?, fold(rhs, globals)?);
            binary(*op, a, b)
        }
        // Go's `len` of a constant string is a constant too: folding it
        // keeps Go from evaluating `BIG * len("ab")` exactly (and failing).
        ExprKind::Builtin {
            op: Builtin::StrSize,
            recv,
            ..
        } => match fold(recv, globals)? {
            Const::Str(s) => Some(Const::Int(go_byte_len(&s) as i64)),
            _ => None,
        },
        ExprKind::Builtin {
            op: Builtin::FloatToInt,
            recv,
            ..
        } => match fold(recv, globals)? {
            Const::Float(f) => float_to_int(f).map(Const::Int),
            _ => None,
        },
        _ => None,
    }
}

/// `Float.to_int()` of a constant: truncation toward zero when the result
/// is an Int. NaN, the infinities and values out of range are left to run
/// time, where the conversion gives what a non-constant one gives (and Go
/// would reject the constant conversion).
pub fn float_to_int(f: f64) -> Option<i64> {
    let t = f.trunc();
    // 2^63 is exact in f64; every finite value in [-2^63, 2^63) fits.
    (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0)
        .contains(&t)
        .then_some(t as i64)
}

/// The length in bytes of the Go string for `s`: the code points that
/// stand for raw bytes (`load::RAW_BYTE_BASE`) are one byte each.
fn go_byte_len(s: &str) -> usize {
    let raw = crate::load::RAW_BYTE_BASE..crate::load::RAW_BYTE_BASE + 0x80;
    s.chars()
        .map(|c| {
            if raw.contains(&(c as u32)) {
                1
            } else {
                c.len_utf8()
            }
        })
        .sum()
}

fn binary(op: BinOp, a: Const, b: Const) -> Option<Const> {
    use BinOp as B;
    Some(match (a, b) {
        (Const::Int(a), Const::Int(b)) => match op {
            B::Add => Const::Int(a.wrapping_add(b)),
            B::Sub => Const::Int(a.wrapping_sub(b)),
            B::Mul => Const::Int(a.wrapping_mul(b)),
            // Division by zero is a run-time fault: leave it to run time.
            B::Div if b != 0 => Const::Int(a.wrapping_div(b)),
            B::Rem if b != 0 => Const::Int(a.wrapping_rem(b)),
            B::Eq => Const::Bool(a == b),
            B::NotEq => Const::Bool(a != b),
            B::Lt => Const::Bool(a < b),
            B::LtEq => Const::Bool(a <= b),
            B::Gt => Const::Bool(a > b),
            B::GtEq => Const::Bool(a >= b),
            _ => return None,
        },
        (Const::Float(a), Const::Float(b)) => match op {
            B::Add => Const::Float(a + b),
            B::Sub => Const::Float(a - b),
            B::Mul => Const::Float(a * b),
            B::Div => Const::Float(a / b),
            B::Eq => Const::Bool(a == b),
            B::NotEq => Const::Bool(a != b),
            B::Lt => Const::Bool(a < b),
            B::LtEq => Const::Bool(a <= b),
            B::Gt => Const::Bool(a > b),
            B::GtEq => Const::Bool(a >= b),
            _ => return None,
        },
        (Const::Str(a), Const::Str(b)) => match op {
            B::Add => Const::Str(a + &b),
            B::Eq => Const::Bool(a == b),
            B::NotEq => Const::Bool(a != b),
            _ => return None,
        },
        (Const::Bool(a), Const::Bool(b)) => match op {
            B::And => Const::Bool(a && b),
            B::Or => Const::Bool(a || b),
            B::Eq => Const::Bool(a == b),
            B::NotEq => Const::Bool(a != b),
            _ => return None,
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn lit(k: ExprKind, ty: Type) -> Expr {
        Expr {
            kind: k,
            ty,
            span: Span::default(),
        }
    }

    fn bin(op: BinOp, a: Expr, b: Expr) -> Expr {
        let ty = a.ty.clone();
        lit(
            ExprKind::Binary {
                op,
                lhs: Box::new(a),
                rhs: Box::new(b),
            },
            ty,
        )
    }

    #[test]
    fn ints_wrap_and_floats_round_like_at_run_time() {
        let max = lit(ExprKind::Int(i64::MAX), Type::Int);
        let one = lit(ExprKind::Int(1), Type::Int);
        assert_eq!(
            fold(&bin(BinOp::Add, max, one), &[]),
            Some(Const::Int(i64::MIN))
        );
        let a = lit(ExprKind::Float(0.1), Type::Float);
        let b = lit(ExprKind::Float(0.2), Type::Float);
        assert_eq!(
            fold(&bin(BinOp::Add, a, b), &[]),
            Some(Const::Float(0.1 + 0.2))
        );
        let z = lit(ExprKind::Int(0), Type::Int);
        let five = lit(ExprKind::Int(5), Type::Int);
        assert_eq!(fold(&bin(BinOp::Div, five, z), &[]), None);
    }

    #[test]
    fn size_of_a_constant_string_counts_go_bytes() {
        let size = |text: String| {
            let recv = lit(ExprKind::Str(text), Type::Str);
            let e = lit(
                ExprKind::Builtin {
                    op: Builtin::StrSize,
                    recv: Box::new(recv),
                    args: vec![],
                },
                Type::Int,
            );
            fold(&e, &[])
        };
        assert_eq!(size("ab".into()), Some(Const::Int(2)));
        assert_eq!(size("é".into()), Some(Const::Int(2)));
        let raw = char::from_u32(crate::load::RAW_BYTE_BASE + 0x7f).unwrap();
        assert_eq!(size(format!("a{raw}")), Some(Const::Int(2)));
    }
}

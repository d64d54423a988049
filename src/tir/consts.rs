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
        _ => None,
    }
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
}

//! `match` lowering: Bool/Maybe/Result to if/else, Int/Str/enum to
//! `switch`, unions to a type switch, conditional matches to if/else
//! chains.

use super::code::{Code, GoExpr, go_string};
use super::expr::Arm;
use super::func::{Dest, FnCx};
use crate::tir::*;

/// One clause of a switch: its `case ...:` head (or `default:`) and body.
struct Clause<'e> {
    head: String,
    binding: Option<String>,
    body: &'e Expr,
}

impl FnCx<'_, '_> {
    pub fn match_into(&mut self, c: &mut Code, m: &Match, dest: &Dest) {
        match m {
            Match::Bool {
                subject,
                on_true,
                on_false,
            } => {
                let s = self.expr(c, subject);
                self.if_else(c, &s.text, on_true, None, on_false, None, dest);
            }
            Match::Maybe {
                subject,
                binding,
                some,
                none,
            } => {
                let s = self.subject(c, subject);
                let b = self.local_name(*binding);
                let bind = format!("{b} := {s}.Val");
                let bind = if self.is_read(*binding) {
                    bind
                } else {
                    format!("{bind}\n_ = {b}")
                };
                self.if_else(c, &format!("{s}.Ok"), some, Some(bind), none, None, dest);
            }
            Match::Result {
                subject,
                ok_binding,
                ok,
                err_binding,
                err,
            } => {
                let s = self.subject(c, subject);
                let ok_bind = ok_binding.map(|l| {
                    let n = self.local_name(l);
                    if self.is_read(l) {
                        format!("{n} := {s}.Val")
                    } else {
                        format!("{n} := {s}.Val\n_ = {n}")
                    }
                });
                let err_bind = err_binding.map(|l| {
                    let n = self.local_name(l);
                    if self.is_read(l) {
                        format!("{n} := {s}.Err")
                    } else {
                        format!("{n} := {s}.Err\n_ = {n}")
                    }
                });
                self.if_else(c, &format!("{s}.Ok"), ok, ok_bind, err, err_bind, dest);
            }
            Match::Int {
                subject,
                arms,
                default,
            } => {
                let s = self.expr(c, subject);
                let has_range = arms
                    .iter()
                    .any(|(ps, _)| ps.iter().any(|p| matches!(p, IntPattern::Range(..))));
                let s = if has_range && !is_simple(&s) {
                    GoExpr::primary(self.temp(c, &s))
                } else {
                    s
                };
                let mut clauses = Vec::new();
                for (pats, body) in arms {
                    let head = if has_range {
                        let conds: Vec<String> = pats
                            .iter()
                            .map(|p| match p {
                                IntPattern::Value(v) => format!("{} == {}", s.text, lit(*v)),
                                IntPattern::Range(a, b) => format!(
                                    "{} >= {} && {} <= {}",
                                    s.text,
                                    lit(*a),
                                    s.text,
                                    lit(*b)
                                ),
                            })
                            .collect();
                        format!("case {}:", conds.join(", "))
                    } else {
                        let vals: Vec<String> = pats
                            .iter()
                            .map(|p| match p {
                                IntPattern::Value(v) => lit(*v),
                                IntPattern::Range(a, _) => lit(*a),
                            })
                            .collect();
                        format!("case {}:", vals.join(", "))
                    };
                    clauses.push(Clause {
                        head,
                        binding: None,
                        body,
                    });
                }
                if let Some(d) = default {
                    clauses.push(Clause {
                        head: "default:".into(),
                        binding: None,
                        body: d,
                    });
                }
                let head = if has_range {
                    "switch {".to_string()
                } else {
                    format!("switch {} {{", s.text)
                };
                self.switch(c, head, clauses, dest, default.is_some());
            }
            Match::Str {
                subject,
                arms,
                default,
            } => {
                let s = self.expr(c, subject);
                let mut clauses: Vec<Clause> = arms
                    .iter()
                    .map(|(text, body)| Clause {
                        head: format!("case {}:", go_string(text)),
                        binding: None,
                        body,
                    })
                    .collect();
                if let Some(d) = default {
                    clauses.push(Clause {
                        head: "default:".into(),
                        binding: None,
                        body: d,
                    });
                }
                self.switch(
                    c,
                    format!("switch {} {{", s.text),
                    clauses,
                    dest,
                    default.is_some(),
                );
            }
            Match::Enum {
                subject,
                arms,
                default,
            } => {
                let s = self.expr(c, subject);
                let e = match &subject.ty {
                    Type::Enum(e) => *e,
                    _ => return,
                };
                let ename = self.l.names.enums[e.0 as usize].clone();
                let variants = self.l.prog.enm(e).variants.clone();
                let mut clauses: Vec<Clause> = arms
                    .iter()
                    .map(|(vs, body)| Clause {
                        head: format!(
                            "case {}:",
                            vs.iter()
                                .map(|v| format!("{ename}_{}", variants[*v]))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        binding: None,
                        body,
                    })
                    .collect();
                if let Some(d) = default {
                    clauses.push(Clause {
                        head: "default:".into(),
                        binding: None,
                        body: d,
                    });
                }
                self.switch(
                    c,
                    format!("switch {} {{", s.text),
                    clauses,
                    dest,
                    default.is_some(),
                );
            }
            Match::Union {
                subject,
                arms,
                default,
            } => {
                let s = self.expr(c, subject);
                let any_binding = arms
                    .iter()
                    .any(|(_, b, _)| b.is_some_and(|b| self.is_read(b)));
                let v = if any_binding {
                    self.fresh("ard_v")
                } else {
                    String::new()
                };
                let mut clauses = Vec::new();
                for (t, binding, body) in arms {
                    let types = self.case_types(t);
                    let bind = binding.filter(|b| self.is_read(*b)).map(|b| {
                        let n = self.local_name(b);
                        format!("{n} := {v}")
                    });
                    clauses.push(Clause {
                        head: format!("case {}:", types.join(", ")),
                        binding: bind,
                        body,
                    });
                }
                if let Some(d) = default {
                    clauses.push(Clause {
                        head: "default:".into(),
                        binding: None,
                        body: d,
                    });
                }
                let head = if any_binding {
                    format!("switch {v} := {}.(type) {{", s.text)
                } else {
                    format!("switch {}.(type) {{", s.text)
                };
                self.switch(c, head, clauses, dest, default.is_some());
            }
            Match::Cond { arms, default } => self.cond_chain(c, arms, default, dest),
        }
    }

    /// The subject in a variable (it is read more than once).
    fn subject(&mut self, c: &mut Code, e: &Expr) -> String {
        let v = self.expr(c, e);
        if is_simple(&v) {
            v.text
        } else {
            self.temp(c, &v)
        }
    }

    /// The Go types a union member covers in a type switch.
    fn case_types(&self, t: &Type) -> Vec<String> {
        match t {
            Type::Union(u) => self
                .l
                .prog
                .union(*u)
                .members
                .iter()
                .flat_map(|m| self.case_types(m))
                .collect(),
            other => vec![self.l.go_type(other)],
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn if_else(
        &mut self,
        c: &mut Code,
        cond: &str,
        yes: &Expr,
        yes_bind: Option<String>,
        no: &Expr,
        no_bind: Option<String>,
        dest: &Dest,
    ) {
        c.line(format!("if {cond} {{"));
        let mut a = Code::new();
        if let Some(b) = yes_bind {
            a.line(b);
        }
        self.expr_into(&mut a, yes, dest);
        let ta = a.terminated;
        c.extend(a);
        c.line("} else {");
        let mut b = Code::new();
        if let Some(x) = no_bind {
            b.line(x);
        }
        self.expr_into(&mut b, no, dest);
        let tb = b.terminated;
        c.extend(b);
        c.line("}");
        c.terminated = ta && tb;
    }

    fn switch(
        &mut self,
        c: &mut Code,
        head: String,
        clauses: Vec<Clause>,
        dest: &Dest,
        has_default: bool,
    ) {
        c.line(head);
        if let Some(lp) = self.loops.last_mut() {
            lp.switch_depth += 1;
        }
        let mut all_term = true;
        for cl in clauses {
            c.line(cl.head);
            let mut body = Code::new();
            if let Some(b) = cl.binding {
                body.line(b);
            }
            self.expr_into(&mut body, cl.body, dest);
            all_term &= body.terminated;
            c.extend(body);
        }
        if !has_default && matches!(dest, Dest::Return) {
            // Exhaustive without `_`: Go still wants a terminating statement.
            c.line("default:");
            c.line("panic(\"unreachable: no match arm\")");
        }
        if let Some(lp) = self.loops.last_mut() {
            lp.switch_depth -= 1;
        }
        c.line("}");
        c.terminated = all_term && (has_default || matches!(dest, Dest::Return));
    }

    fn cond_chain(&mut self, c: &mut Code, arms: &[(Expr, Expr)], default: &Expr, dest: &Dest) {
        let arms: Vec<(&Expr, Arm)> = arms.iter().map(|(c, b)| (c, Arm::Expr(b))).collect();
        self.chain(c, &arms, Some(Arm::Expr(default)), dest);
    }
}

fn lit(v: i64) -> String {
    v.to_string()
}

/// A name or literal: safe to repeat.
fn is_simple(v: &GoExpr) -> bool {
    v.text.chars().all(|c| c.is_alphanumeric() || c == '_')
}

//! A generated, realistic Ard program for the parser benchmark
//! (`benches/parse.rs`) and the fast-path tests: structs, functions with
//! loops, `if`/`else`, `match` with ranges, string interpolation, method
//! calls and lists, one statement per line.

use std::fmt::Write as _;

/// A program of about `lines` lines (never fewer), made of repeated record
/// groups and a `main` that calls into them.
pub fn generate_benchmark_program(lines: usize) -> String {
    let mut out = String::with_capacity(lines * 18);
    out.push_str("use ard/io\n\n");
    let mut count = 2;
    let mut groups = 0usize;
    while count < lines.saturating_sub(6) {
        groups += 1;
        count += group(&mut out, groups);
    }
    out.push_str("fn main() {\n  mut sum = 0\n");
    for i in 1..=groups.min(200) {
        let _ = writeln!(out, "  sum =+ score{i}(make{i}({i}), {i})");
        count += 1;
    }
    out.push_str("  io::print(\"sum: {sum}\")\n}\n");
    count += 4;
    while count < lines {
        out.push_str("// padding\n");
        count += 1;
    }
    out
}

/// One group of declarations; returns the number of lines written.
fn group(out: &mut String, i: usize) -> usize {
    let before = out.len();
    let _ = write!(
        out,
        r#"struct Rec{i} {{
  id: Int,
  name: Str,
  tags: [Str],
}}

fn make{i}(n: Int) Rec{i} {{
  Rec{i}{{ id: n * {i}, name: "rec{i}", tags: ["a", "b"] }}
}}

fn score{i}(r: Rec{i}, k: Int) Int {{
  mut total = 0
  for t, idx in r.tags {{
    total =+ t.size() + idx
  }}
  if r.id % 2 == 0 {{
    total =+ k
  }} else {{
    total =- k
  }}
  match total {{
    0 => 1,
    1..10 => total * 2,
    _ => total + r.name.size(),
  }}
}}

// Describe a record of group {i}.
fn describe{i}(r: Rec{i}) Str {{
  let label = "rec {{r.id}} is {{r.name}} with {{r.tags.size()}} tags"
  mut i = 0
  while i < r.tags.size() and not (i > 3) {{
    i =+ 1
  }}
  label
}}

"#
    );
    out[before..].bytes().filter(|&b| b == b'\n').count()
}

//! Parser throughput on a generated 80,000-line program.
//!
//! `cargo bench --bench parse` prints divan's timings followed by a
//! lines-per-second summary.

use std::time::Instant;

use ard2go::source::FileId;
use ard2go::syntax::{generate_benchmark_program, parse};

const LINES: usize = 80_000;

fn main() {
    divan::main();
    report();
}

#[divan::bench(sample_count = 20)]
fn parse_80k_lines(bencher: divan::Bencher) {
    let text = generate_benchmark_program(LINES);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| parse(FileId(0), divan::black_box(&text)).is_ok());
}

/// A plain best-of-N measurement in lines per second.
fn report() {
    let text = generate_benchmark_program(LINES);
    let lines = text.lines().count();
    assert!(
        parse(FileId(0), &text).is_ok(),
        "the benchmark program must parse"
    );
    let mut best = f64::INFINITY;
    for _ in 0..10 {
        let start = Instant::now();
        let ok = parse(FileId(0), divan::black_box(&text)).is_ok();
        best = best.min(start.elapsed().as_secs_f64());
        assert!(ok);
    }
    println!(
        "parse: {lines} lines, {} bytes: best {:.2} ms, {:.0} lines/s",
        text.len(),
        best * 1e3,
        lines as f64 / best
    );
}

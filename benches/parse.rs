//! Parser (and formatter) throughput on a generated 80,000-line program.
//!
//! `cargo bench --bench parse` prints divan's timings followed by a
//! lines-per-second summary. `ARD_PARSE_FILE=path` measures that file in
//! the summary instead of the generated program; `ARD_PARSE_WRITE=path`
//! also writes the generated program there (for timing `ard2go check`).

use std::time::Instant;

use ard2go::format::format_source;
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
        .bench(|| parse(FileId(0), divan::black_box(&text)));
}

/// A plain best-of-N measurement in lines per second.
fn report() {
    let (name, text) = match std::env::var("ARD_PARSE_FILE") {
        Ok(path) => {
            let text = std::fs::read_to_string(&path).expect("ARD_PARSE_FILE is readable");
            (path, text)
        }
        Err(_) => ("generated".to_string(), generate_benchmark_program(LINES)),
    };
    if let Ok(path) = std::env::var("ARD_PARSE_WRITE") {
        std::fs::write(&path, &text).expect("ARD_PARSE_WRITE is writable");
    }
    let lines = text.lines().count();
    assert!(
        parse(FileId(0), &text).is_ok(),
        "the benchmark program must parse"
    );
    let mut best = f64::INFINITY;
    for _ in 0..10 {
        let start = Instant::now();
        let module = parse(FileId(0), divan::black_box(&text));
        best = best.min(start.elapsed().as_secs_f64());
        // Freeing the tree is not parsing: drop it outside the timing.
        assert!(module.is_ok());
    }
    println!(
        "parse ({name}): {lines} lines, {} bytes: best {:.2} ms, {:.0} lines/s",
        text.len(),
        best * 1e3,
        lines as f64 / best
    );
    // `ard2go fmt` (#14): parse, find the comments, print.
    let mut best = f64::INFINITY;
    for _ in 0..10 {
        let start = Instant::now();
        let out = format_source(divan::black_box(&text));
        best = best.min(start.elapsed().as_secs_f64());
        assert!(out.is_ok());
    }
    println!(
        "format ({name}): best {:.2} ms, {:.0} lines/s",
        best * 1e3,
        lines as f64 / best
    );
}

#!/usr/bin/env bash
# Workload benchmarks of issue 17 (maps_drop, text_words, json_records),
# run with the benchmark suite's runner: the programs here are staged next
# to a copy of ../shared/bench/run.sh (and, with --with-suite, the whole
# suite) in a temporary folder, so that one run measures everything side by
# side. The HTTP benchmark has its own driver: benches/workloads/http/run.sh.
#
# usage: run.sh [--with-suite] [run.sh options] ARD2GO_BUILD_CMD
#   e.g. run.sh --with-suite --reps 5 "$PWD/target/release/ard2go build {src} -o {bin}"
# environment: ARD_BENCH_SUITE, the suite folder (default: ../shared/bench
# beside the repository).
set -eu
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
suite=${ARD_BENCH_SUITE:-$here/../../../shared/bench}
if [ ! -f "$suite/run.sh" ]; then
  echo "run.sh: no benchmark suite at $suite (set ARD_BENCH_SUITE)" >&2
  exit 2
fi
with_suite=0
if [ "${1:-}" = --with-suite ]; then with_suite=1; shift; fi
stage=$(mktemp -d -t ard-workloads.XXXXXX)
trap 'rm -rf "$stage"' EXIT
if [ "$with_suite" = 1 ]; then
  cp -r "$suite"/. "$stage"/
else
  cp "$suite/run.sh" "$stage"/
fi
cp "$here"/*.ard "$here"/*.go "$here"/*.out "$stage"/
"$stage/run.sh" "$@"

#!/usr/bin/env bash
# Speed-up of two fibers over one on the same CPU-bound work (fibers run in
# parallel on goroutines). Prints the best of 5 wall times and the ratio for
#  1. benches/fibers/one.ard vs two.ard (120M iterations in one or two fibers);
#  2. ../shared/bench/fibers_parallel.ard (K=2, then K=8 fibers) vs
#     benches/fibers/parallel_one_fiber.ard (the same work, one fiber per phase).
# Run it on an otherwise idle machine: the figure needs both cores.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-go.sh
cargo build --release --quiet
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for p in one two; do
  target/release/ard2go build "benches/fibers/$p.ard" -o "$dir/$p"
done
pairs=("$dir/one $dir/two")
if [ -f ../shared/bench/fibers_parallel.ard ]; then
  cp -r ../shared/bench "$dir/bench"
  cp benches/fibers/parallel_one_fiber.ard "$dir/bench/"
  target/release/ard2go build "$dir/bench/parallel_one_fiber.ard" -o "$dir/par1"
  target/release/ard2go build "$dir/bench/fibers_parallel.ard" -o "$dir/par"
  pairs+=("$dir/par1 $dir/par")
fi
for pair in "${pairs[@]}"; do
  # shellcheck disable=SC2086
  python3 - $pair <<'PY'
import os, subprocess, sys, time
def best(cmd):
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([cmd], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)
one, many = best(sys.argv[1]), best(sys.argv[2])
name = "fibers_parallel" if os.path.basename(sys.argv[2]) == "par" else "one.ard/two.ard"
print(f"{name}: one fiber {one:.3f}s, parallel {many:.3f}s, speed-up {one / many:.2f}x")
PY
done

#!/usr/bin/env bash
# Speed-up of two fibers over one on the same CPU-bound work (fibers run in
# parallel on goroutines). Prints the best of 5 wall times and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-go.sh
cargo build --release --quiet
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for p in one two; do
  target/release/ard2go build "benches/fibers/$p.ard" -o "$dir/$p"
done
python3 - "$dir/one" "$dir/two" <<'PY'
import subprocess, sys, time
def best(cmd):
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([cmd], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return min(times)
one, two = best(sys.argv[1]), best(sys.argv[2])
print(f"one fiber:  {one:.3f}s")
print(f"two fibers: {two:.3f}s")
print(f"speed-up:   {one / two:.2f}x")
PY

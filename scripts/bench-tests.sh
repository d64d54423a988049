#!/usr/bin/env bash
# `ard2go test` on a project with 1,000 small tests against `go test` on the
# same tests written by hand in Go (issue 13). Both sides: 10 modules of 100
# tests, each test calls a function of its module and compares the result.
# Prints the best of 3 wall times for
#  1. a re-run with nothing changed (ard2go: its binary cache; go: the build
#     cache, `-count=1` so the tests really run), and
#  2. a run after one test was edited (both compile and link again).
# Usage: scripts/bench-tests.sh [N_MODULES] [TESTS_PER_MODULE]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-go.sh
cargo build --release --quiet
ard2go="$PWD/target/release/ard2go"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" "${1:-10}" "${2:-100}" "$ard2go" <<'PY'
import os, resource, subprocess, sys, time
root, mods, per, ard2go = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
ard, go = os.path.join(root, "ard"), os.path.join(root, "go")
os.makedirs(ard); os.makedirs(go)
open(os.path.join(ard, "ard.toml"), "w").write('name = "bench"\n')
open(os.path.join(ard, "main.ard"), "w").write(
    "use ard/io\n" + "".join(f"use bench/m{k}\n" for k in range(mods))
    + "\nfn main() {\n" + "".join(f"  io::print(m{k}::scale(1))\n" for k in range(mods)) + "}\n")
open(os.path.join(go, "go.mod"), "w").write("module bench\n\ngo 1.21\n")
def write(seed):
    for k in range(mods):
        a = [f"use ard/testing\n\nfn scale(x: Int) Int {{\n  x * {k + 2} + 1\n}}\n"]
        g = [f"package bench\n\nfunc scale{k}(x int) int {{\n\treturn x*{k + 2} + 1\n}}\n"]
        t = ["package bench\n\nimport \"testing\"\n"]
        for i in range(per):
            want = i * (k + 2) + 1
            if seed is not None and k == 0 and i == 0:
                # A new failure message: a new build.
                a.append(f"\ntest fn scales_{i}() Void!Str {{\n  testing::assert(scale({i}) == {want}, \"edit {seed}\")\n}}\n")
                t.append(f"\nfunc TestScale{k}_{i}(t *testing.T) {{\n\tt.Parallel()\n\tif scale{k}({i}) != {want} {{\n\t\tt.Fatal(\"edit {seed}\")\n\t}}\n}}\n")
                continue
            a.append(f"\ntest fn scales_{i}() Void!Str {{\n  testing::equal(scale({i}), {want})\n}}\n")
            t.append(f"\nfunc TestScale{k}_{i}(t *testing.T) {{\n\tt.Parallel()\n\tif got, want := scale{k}({i}), {want}; got != want {{\n\t\tt.Fatalf(\"expected %d, got %d\", want, got)\n\t}}\n}}\n")
        open(os.path.join(ard, f"m{k}.ard"), "w").write("".join(a))
        open(os.path.join(go, f"m{k}.go"), "w").write("".join(g))
        open(os.path.join(go, f"m{k}_test.go"), "w").write("".join(t))
env = dict(os.environ, ARD2GO_CACHE=os.path.join(root, "cache"))
ard_cmd = [ard2go, "test", ard]
go_cmd = ["go", "test", "-count=1", "-vet=off", "./"]
def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
def timed(cmd, cwd):
    start, start_cpu = time.perf_counter(), cpu()
    out = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    took, took_cpu = time.perf_counter() - start, cpu() - start_cpu
    if out.returncode != 0:
        sys.exit(f"{cmd} failed:\n{out.stdout}{out.stderr}")
    return took, took_cpu, out.stdout.strip().splitlines()[-1]
write(None)
timed(ard_cmd, root); timed(go_cmd, go)  # warm Go's build cache for both
print(f"{mods * per} tests ({mods} modules x {per})")
for label, edit in [("re-run, nothing changed", None), ("after editing one test", True)]:
    best = {"ard2go test": [], "go test": []}
    for r in range(3):
        if edit is not None:
            write(time.time_ns() % 1000000007)
        best["ard2go test"].append(timed(ard_cmd, root))
        best["go test"].append(timed(go_cmd, go))
    a = min(t for t, _, _ in best["ard2go test"]); g = min(t for t, _, _ in best["go test"])
    ac = min(c for _, c, _ in best["ard2go test"]); gc = min(c for _, c, _ in best["go test"])
    print(f"{label}: wall ard2go test {a:.2f}s, go test {g:.2f}s, ratio {a / g:.2f}; "
          f"CPU (user+sys) {ac:.2f}s vs {gc:.2f}s, ratio {ac / gc:.2f}")
    print(f"  ard2go: {best['ard2go test'][0][2]}")
    print(f"  go:     {best['go test'][0][2]}")
PY

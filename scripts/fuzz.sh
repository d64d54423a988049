#!/usr/bin/env bash
# Coverage-guided fuzzing of the compiler front end with cargo-fuzz
# (libFuzzer). Usage:
#
#   scripts/fuzz.sh [SECONDS]       run every target for SECONDS (default 60)
#
# Targets (fuzz/fuzz_targets/): `parse` (bytes -> syntax::parse), `check`
# (bytes -> parse -> check, in memory, with the embedded standard library),
# `lower` (bytes -> parse -> check -> Go text, no `go build`) and
# `generated` (bytes steer tests/generator into a well-typed program, which
# check must accept and lower must turn into Go without panicking) and
# `fmt` (bytes -> format::format_source: no panic, the output parses, is
# unchanged by a second formatting and keeps every comment). They run
# one after the other (the machine has 2 cores); an input slower than 1 s is
# reported as a failure, like a crash.
#
# The seed corpus is every .ard file of the repository's test programs,
# examples and runtime modules, the shared conformance cases and benchmarks,
# and tests/regressions/ (except the inputs listed in its KNOWN_OPEN); it is
# copied to fuzz/seeds/ at each run (not committed). What libFuzzer learns
# is kept in fuzz/corpus/<target>/, crash inputs in fuzz/artifacts/<target>/,
# logs in fuzz/logs/.
#
# Environment:
#   FUZZ_TARGETS   targets to run (default "parse check lower generated fmt")
#   FUZZ_JOBS      libFuzzer -jobs/-workers (default 1)
#   FUZZ_SANITIZER cargo-fuzz sanitizer (default none: the compiler has no
#                  unsafe code, and without ASan it runs about twice as fast)
#   FUZZ_ARGS      extra libFuzzer arguments
#   FUZZ_SEEDS     where the seed corpus is assembled (default fuzz/seeds;
#                  give concurrent runs different folders)
#   CARGO_TARGET_DIR  where cargo builds (cargo-fuzz's default otherwise)
#
# Exits 0 when no target found anything, 1 when one did (the crashing input
# is named in the output), 2 on a setup problem.
#
# Only stable Rust is installed; cargo-fuzz needs nightly flags
# (-Zsanitizer, -Cpasses=sancov...), which RUSTC_BOOTSTRAP=1 unlocks on a
# stable toolchain.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SECONDS_PER_TARGET=${1:-60}
TARGETS=${FUZZ_TARGETS:-parse check lower generated fmt}
JOBS=${FUZZ_JOBS:-1}
SANITIZER=${FUZZ_SANITIZER:-none}
export RUSTC_BOOTSTRAP=1

if ! [[ "$SECONDS_PER_TARGET" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz.sh [SECONDS]" >&2
  exit 2
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz" >&2
  cargo install --locked cargo-fuzz >&2 || {
    echo "cannot install cargo-fuzz" >&2
    exit 2
  }
fi

# --- seed corpus ---------------------------------------------------------
SEEDS="${FUZZ_SEEDS:-$ROOT/fuzz/seeds}"
rm -rf "$SEEDS"
mkdir -p "$SEEDS"
n=0
for dir in "$ROOT/../shared/conformance/cases" "$ROOT/../shared/bench" \
  "$ROOT/tests/programs" "$ROOT/runtime-go" "$ROOT/examples" \
  "$ROOT/tests/regressions"; do
  [ -d "$dir" ] || continue
  while IFS= read -r -d '' f; do
    # Inputs of still-open bugs would be reported again at once.
    if [ "$dir" = "$ROOT/tests/regressions" ] &&
      grep -qE "^$(basename "$f")([[:space:]]|$)" "$dir/KNOWN_OPEN" 2>/dev/null; then
      continue
    fi
    # Name seeds by a hash of their content: duplicates collapse.
    sum=$(sha1sum "$f" | cut -c1-16)
    cp "$f" "$SEEDS/$sum.ard"
    n=$((n + 1))
  done < <(find "$dir" -type f -name '*.ard' -print0)
done
echo "== $n seed files ($(ls "$SEEDS" | wc -l) distinct)"

mkdir -p "$ROOT/fuzz/logs"
status=0
for target in $TARGETS; do
  corpus="$ROOT/fuzz/corpus/$target"
  artifacts="$ROOT/fuzz/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  log="$ROOT/fuzz/logs/$target.log"
  parallel=""
  if [ "$JOBS" -gt 1 ]; then parallel="-jobs=$JOBS -workers=$JOBS"; fi
  echo "== fuzzing $target for ${SECONDS_PER_TARGET}s (log: fuzz/logs/$target.log)"
  # -timeout=1: one input taking more than a second is a bug.
  # -rss_limit_mb: a runaway allocation is a bug too.
  # shellcheck disable=SC2086
  cargo fuzz run --sanitizer "$SANITIZER" --release --debug-assertions \
    "$target" "$corpus" "$SEEDS" -- \
    -max_total_time="$SECONDS_PER_TARGET" -timeout=1 -rss_limit_mb=4096 \
    -dict="$ROOT/fuzz/ard.dict" -artifact_prefix="$artifacts/" \
    -print_final_stats=1 $parallel ${FUZZ_ARGS:-} \
    >"$log" 2>&1
  rc=$?
  # With -jobs, libFuzzer writes each job's output to fuzz-N.log in the cwd.
  if [ "$JOBS" -gt 1 ]; then
    cat fuzz-*.log >>"$log" 2>/dev/null
    rm -f fuzz-*.log
  fi
  grep -aE '^#[0-9]+' "$log" | tail -1
  grep -aE '^stat::' "$log"
  if [ $rc -ne 0 ]; then
    status=1
    echo "!! $target failed (exit $rc):"
    grep -aE 'panicked|overflowed|ERROR: libFuzzer|SUMMARY|Test unit written|deadly signal|timeout' \
      "$log" | grep -v '^#' | head -20
    echo "   inputs saved in fuzz/artifacts/$target/:"
    ls "$artifacts" | sed 's/^/     /' | head -20
  fi
done

if [ $status -ne 0 ]; then
  echo "== fuzzing found problems; minimise a crash with:"
  echo "   RUSTC_BOOTSTRAP=1 cargo fuzz tmin --sanitizer $SANITIZER <target> <artifact>"
  echo "   and add it to tests/regressions/ (see tests/fuzz_regressions.rs)"
fi
exit $status

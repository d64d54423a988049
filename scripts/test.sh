#!/usr/bin/env bash
# The whole test suite: formatting and lints, Rust unit/snapshot/end-to-end
# tests (they build and run real Ard programs with a real Go toolchain), and
# the Go runtime's own tests. Installs Go and the SQLite headers if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-go.sh

# ard/sqlite binds the system SQLite library through cgo.
if ! printf '#include <sqlite3.h>\n' | cc -E - >/dev/null 2>&1; then
  echo "installing libsqlite3-dev for ard/sqlite" >&2
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >&2 && $SUDO apt-get install -y -qq libsqlite3-dev >&2
fi

echo "== cargo fmt --check"
cargo fmt --check
echo "== cargo clippy"
cargo clippy --all-targets --quiet -- -D warnings
echo "== go vet / go test (runtime-go)"
(cd runtime-go && go vet ./... && go test ./...)
echo "== fuzzing, bounded (scripts/fuzz.sh SECONDS for longer runs)"
# A fixed libFuzzer seed keeps the run reproducible: what it finds here is
# found again with the same command.
FUZZ_ARGS="${FUZZ_ARGS:--seed=1}" scripts/fuzz.sh "${ARD2GO_FUZZ_SECONDS:-20}"
echo "== cargo test"
cargo test --no-fail-fast

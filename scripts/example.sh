#!/usr/bin/env bash
# Build ard2go and run an example program end to end (default: the tour).
#   scripts/example.sh [examples/FILE.ard | examples/PROJECT]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-go.sh
cargo build --release --quiet
exec target/release/ard2go run "${1:-examples/tour.ard}"

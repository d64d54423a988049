#!/usr/bin/env bash
# http_json benchmark (issue 17): builds server.go (net/http) and
# server.ard (ard/http) and lets loadgen.go time both on a loopback port.
#
# usage: run.sh ARD2GO [loadgen options: -requests N -clients C -reps R -port P]
#   e.g. run.sh "$PWD/target/release/ard2go" -reps 5
set -eu
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ard2go=${1:?usage: run.sh ARD2GO [loadgen options]}
shift
: "${GOTOOLCHAIN:=local}"; export GOTOOLCHAIN
work=$(mktemp -d -t ard-http.XXXXXX)
trap 'rm -rf "$work"' EXIT
(cd "$here" && GOWORK=off go build -o "$work/go-server" server.go && GOWORK=off go build -o "$work/loadgen" loadgen.go)
"$ard2go" build "$here/server.ard" -o "$work/ard-server"
"$work/loadgen" -go "$work/go-server" -ard "$work/ard-server" "$@"

#!/usr/bin/env bash
# Side-by-side timing of the suite and the workloads that reports CPU time
# (user + system, from /usr/bin/time) as well as wall time: on a shared,
# overloaded machine wall time mostly measures waiting for a core, CPU time
# the work done. Builds like run.sh (Go side `go build NAME.go`, Ard side the
# template), checks outputs, runs the two binaries alternately, best of N.
#
# usage: cputime.sh [--reps N] [--only A,B] ARD2GO_BUILD_CMD
# environment: ARD_BENCH_SUITE (default ../shared/bench beside the repo)
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
suite=${ARD_BENCH_SUITE:-$here/../../../shared/bench}
reps=5 only="" template=""
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps=$2; shift ;;
    --only) only=$2; shift ;;
    *) template=$1 ;;
  esac
  shift
done
[ -n "$template" ] || { sed -n '2,12p' "${BASH_SOURCE[0]}"; exit 2; }
: "${GOTOOLCHAIN:=local}"; export GOTOOLCHAIN
stage=$(mktemp -d -t ard-cputime.XXXXXX)
trap 'rm -rf "$stage"' EXIT
cp -r "$suite"/. "$stage"/
cp "$here"/*.ard "$here"/*.go "$here"/*.out "$stage"/
# measure BIN EXPECTED -> "wall cpu" of one run; fails on a wrong output
measure() {
  local bin=$1 expected=$2
  /usr/bin/time -o "$stage/time" -f "%e %U %S" "$bin" >"$stage/out" 2>/dev/null </dev/null || return 1
  cmp -s "$stage/out" "$expected" || return 1
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$stage/time"
}
printf '%-16s %8s %8s %7s %8s %8s %7s\n' name go_wall ard_wall ratio go_cpu ard_cpu ratio
lw=0 lc=0 n=0
for f in "$stage"/*.ard; do
  name=$(basename "$f" .ard)
  case "$name" in *.small) continue ;; esac
  if [ -n "$only" ] && [[ ",$only," != *",$name,"* ]]; then continue; fi
  (cd "$stage" && GOWORK=off go build -o "$stage/$name.go.bin" "$name.go") >/dev/null 2>&1 || { echo "$name: go build failed"; continue; }
  cmd=${template//\{src\}/$(printf '%q' "$f")}
  cmd=${cmd//\{bin\}/$(printf '%q' "$stage/$name.ard.bin")}
  (cd "$stage" && bash -c "$cmd") >/dev/null 2>&1 || { echo "$name: ard2go build failed"; continue; }
  gw="" gc="" aw="" ac=""
  for ((i = 0; i < reps; i++)); do
    for side in go ard; do
      r=$(measure "$stage/$name.$side.bin" "$stage/$name.out") || { echo "$name: $side run failed"; continue 3; }
      w=${r% *} c=${r#* }
      if [ $side = go ]; then
        gw=$(awk -v a="$gw" -v b="$w" 'BEGIN{print (a == "" || b < a) ? b : a}'); gc=$(awk -v a="$gc" -v b="$c" 'BEGIN{print (a == "" || b < a) ? b : a}')
      else
        aw=$(awk -v a="$aw" -v b="$w" 'BEGIN{print (a == "" || b < a) ? b : a}'); ac=$(awk -v a="$ac" -v b="$c" 'BEGIN{print (a == "" || b < a) ? b : a}')
      fi
    done
  done
  rw=$(awk -v a="$aw" -v b="$gw" 'BEGIN{printf "%.2f", a / b}')
  rc=$(awk -v a="$ac" -v b="$gc" 'BEGIN{printf "%.2f", a / b}')
  printf '%-16s %8s %8s %7s %8s %8s %7s\n' "$name" "$gw" "$aw" "$rw" "$gc" "$ac" "$rc"
  lw=$(awk -v s="$lw" -v r="$rw" 'BEGIN{print s + log(r)}'); lc=$(awk -v s="$lc" -v r="$rc" 'BEGIN{print s + log(r)}'); n=$((n + 1))
done
[ "$n" -gt 0 ] && awk -v w="$lw" -v c="$lc" -v n="$n" 'BEGIN{printf "geomean: wall %.2f, cpu %.2f (%d benchmarks)\n", exp(w / n), exp(c / n), n}'

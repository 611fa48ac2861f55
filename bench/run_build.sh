#!/bin/sh
# bench/run_build.sh BUILDDIR - x12 build's speed and memory (issue 13 item 5,
# issue 20 item 8).
#
# Generates in ${BENCH_DIR:-/tmp}, with bench/encgen:
#   - BENCH_CLAIMS (default 200000) claims as JSON Lines and as XML;
#   - BENCH_SIZE (default 1G) of XML that is mostly white space (each
#     element of a claim followed by 8000 bytes of spaces and line breaks:
#     few claims, a huge file, the case that took 3.15 GB);
#   - BENCH_SIZE of JSON Lines claims;
# then runs bench/bench_build on each in a fresh process (so its peak RSS is
# honest) and deletes the files.  Targets: JSON Lines >= 100,000 claims/s;
# peak RSS flat, under 16 MiB, whatever the size.  The figures are for the
# machine it runs on; CPU-time claims/s move less when other work shares it.
# Never part of `make check`.
set -eu

build=${1:?usage: bench/run_build.sh BUILDDIR}
claims=${BENCH_CLAIMS:-200000}
size=${BENCH_SIZE:-1G}
dir=${BENCH_DIR:-/tmp}
gen=$build/bench/encgen
bench=$build/bench/bench_build

for p in "$gen" "$bench"; do
    if [ ! -x "$p" ]; then
        echo "bench/run_build.sh: $p is not built (make bench-build builds it)" >&2
        exit 2
    fi
done

work=$(mktemp -d "$dir/x12build.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM

echo "generating $claims claims as JSON Lines and as XML, $size of padded XML, $size of JSON Lines"
"$gen" --jsonl --claims "$claims" -o "$work/claims.jsonl"
"$gen" --xml --claims "$claims" -o "$work/claims.xml"
"$gen" --xml --size "$size" --pad 8000 -o "$work/padded.xml"
"$gen" --jsonl --size "$size" --seed 2 -o "$work/big.jsonl"
for f in claims.jsonl claims.xml padded.xml big.jsonl; do
    "$bench" "$work/$f"
done

#!/bin/sh
# bench/run_claimread.sh BUILDDIR - reading 837 claims back: speed and
# memory.
#
# Generates BENCH_SIZE bytes (default 1G) of 837P with bench/x12gen in
# ${BENCH_DIR:-/tmp}, and a file of BENCH_MEMORY_SIZE (default 256M); runs
# bench_claimread "memory" on the small one (the reader alone and the claim
# stream over a buffer), "file" on both in fresh processes (the peak RSS
# must be the same: it does not grow with the file) and "copy" on the big
# one, then deletes the files.  Targets: >= 150 MB/s for the claim stream,
# peak RSS <= 16 MiB and flat.  Never part of `make check`.
set -eu

build=${1:?usage: bench/run_claimread.sh BUILDDIR}
size=${BENCH_SIZE:-1G}
msize=${BENCH_MEMORY_SIZE:-256M}
dir=${BENCH_DIR:-/tmp}
gen=$build/bench/x12gen
bench=$build/bench/bench_claimread

for p in "$gen" "$bench"; do
    if [ ! -x "$p" ]; then
        echo "bench/run_claimread.sh: $p is not built (make bench-claimread builds it)" >&2
        exit 2
    fi
done

big=$(mktemp "$dir/x12claims.XXXXXX") || exit 2
small=$(mktemp "$dir/x12claims.XXXXXX") || exit 2
trap 'rm -f "$big" "$small"' EXIT
trap 'exit 1' INT TERM

echo "generating $size of 837P in $big"
"$gen" --size "$size" -o "$big"
echo "generating $msize of 837P in $small"
"$gen" --size "$msize" --seed 2 -o "$small"
"$bench" memory "$small"
echo "-- $msize file:"
"$bench" file "$small"
echo "-- $size file:"
"$bench" file "$big"
"$bench" copy "$big"

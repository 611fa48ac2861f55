#!/bin/sh
# bench/run_remit.sh BUILDDIR - 835 remittance parsing speed and memory.
#
# Generates BENCH_SIZE bytes (default 1G) of balanced 835s with
# bench/x12gen835 in ${BENCH_DIR:-/tmp}, then runs bench_remit "memory"
# (reader alone and the remit stream over a buffer, on the first
# BENCH_MEMORY_SIZE bytes' worth, default 256M) and "file" (the stream from
# the path in a fresh process, so its peak RSS is honest), and deletes the
# files.  Targets: >= 300 MB/s, peak RSS <= 16 MiB streaming.  Never part of
# `make check`.
set -eu

build=${1:?usage: bench/run_remit.sh BUILDDIR}
size=${BENCH_SIZE:-1G}
msize=${BENCH_MEMORY_SIZE:-256M}
dir=${BENCH_DIR:-/tmp}
gen=$build/bench/x12gen835
bench=$build/bench/bench_remit

for p in "$gen" "$bench"; do
    if [ ! -x "$p" ]; then
        echo "bench/run_remit.sh: $p is not built (make bench-remit builds it)" >&2
        exit 2
    fi
done

big=$(mktemp "$dir/x12remit.XXXXXX") || exit 2
small=$(mktemp "$dir/x12remit.XXXXXX") || exit 2
trap 'rm -f "$big" "$small"' EXIT
trap 'exit 1' INT TERM

echo "generating $size of 835 in $big"
"$gen" --size "$size" -o "$big"
echo "generating $msize of 835 in $small"
"$gen" --size "$msize" --seed 2 -o "$small"
"$bench" memory "$small"
"$bench" file "$big"

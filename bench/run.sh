#!/bin/sh
# bench/run.sh BUILDDIR - reader throughput and memory on a generated 837P.
#
# Generates BENCH_SIZE bytes (default 1G) in ${BENCH_DIR:-/tmp}, runs
# bench_reader twice - "memory" (memchr floor and the reader over a buffer)
# and "file" (the reader over the path, in a fresh process so its peak RSS
# is honest) - and deletes the file.  Targets: reader >= 1/3 of memchr,
# peak RSS < 16 MiB through the file API.  Never part of `make check`.
set -eu

build=${1:?usage: bench/run.sh BUILDDIR}
size=${BENCH_SIZE:-1G}
dir=${BENCH_DIR:-/tmp}
seed=${BENCH_SEED:-1}
gen=$build/bench/x12gen
reader=$build/bench/bench_reader

for p in "$gen" "$reader"; do
    if [ ! -x "$p" ]; then
        echo "bench/run.sh: $p is not built (make bench builds it)" >&2
        exit 2
    fi
done

file=$(mktemp "$dir/x12bench.XXXXXX") || exit 2
trap 'rm -f "$file"' EXIT
trap 'exit 1' INT TERM

echo "generating $size of 837P (seed $seed, newlines) in $file"
start=$(date +%s)
"$gen" --size "$size" --seed "$seed" --newlines -o "$file"
echo "generated $(wc -c <"$file" | tr -d ' ') bytes in $(($(date +%s) - start)) s"

"$reader" memory "$file"
"$reader" file "$file"

#!/bin/sh
# bench/run_validate.sh BUILDDIR - validation speed and memory on a generated
# 837P and 835.
#
# Generates BENCH_SIZE bytes (default 256M) of each in ${BENCH_DIR:-/tmp}
# (x12gen --newlines, x12gen835), then runs bench_validate "memory" (the
# reader alone and reader + validator over the same buffer) and "file" (the
# validator from the path in a fresh process, so its peak RSS is honest) on
# each, and deletes the files.  Target: validation >= 150 MB/s.  Never part
# of `make check`.
set -eu

build=${1:?usage: bench/run_validate.sh BUILDDIR}
size=${BENCH_SIZE:-256M}
dir=${BENCH_DIR:-/tmp}
seed=${BENCH_SEED:-2}
bench=$build/bench/bench_validate

for p in "$build/bench/x12gen" "$build/bench/x12gen835" "$bench"; do
    if [ ! -x "$p" ]; then
        echo "bench/run_validate.sh: $p is not built (make bench-validate builds it)" >&2
        exit 2
    fi
done

f837=$(mktemp "$dir/x12val837.XXXXXX") || exit 2
f835=$(mktemp "$dir/x12val835.XXXXXX") || exit 2
trap 'rm -f "$f837" "$f835"' EXIT
trap 'exit 1' INT TERM

echo "== 837P: generating $size (seed $seed, newlines) in $f837"
"$build/bench/x12gen" --size "$size" --seed "$seed" --newlines -o "$f837"
"$bench" memory "$f837"
"$bench" file "$f837"
echo "== 835: generating $size in $f835"
"$build/bench/x12gen835" --size "$size" -o "$f835"
"$bench" memory "$f835"
"$bench" file "$f835"

#!/bin/sh
# bench/run_tables.sh BUILDDIR SRCDIR - the 835 column tables, in C and in
# Python, on one generated ERA.
#
# Generates BENCH_SIZE (default 113M: about 118 MB and 300,000 claims; 150M
# gives about 400,000) of balanced 835 with bench/x12gen835 in
# ${BENCH_DIR:-/tmp}, then reads it, each in a fresh process so that its
# peak RSS is its own:
#   C       bench_remit file   (the stream alone, for reference)
#           bench_remit tables (x12_tables, batches of 50,000 claims)
#   Python  remit_tables, iter_remit_tables (claims=50_000), parse_835,
#           stream_claims (bench/bench_tables.py)
# and deletes the file.  MB/s are 10^6 bytes of input per CPU second.
# Targets (issue 13): remit_tables >= 90 MB/s and <= 1 GiB; iter_remit_tables
# bounded whatever the input; parse_835 of 100 MB < 1 GiB; stream_claims
# >= 20 MB/s.  Python is $PYTHON (configure's), else /usr/bin/python3.
# Never part of `make check`.
set -eu

build=${1:?usage: bench/run_tables.sh BUILDDIR SRCDIR}
src=${2:?usage: bench/run_tables.sh BUILDDIR SRCDIR}
size=${BENCH_SIZE:-113M}
dir=${BENCH_DIR:-/tmp}
gen=$build/bench/x12gen835
bench=$build/bench/bench_remit
py=${PYTHON:-/usr/bin/python3}

for p in "$gen" "$bench"; do
    if [ ! -x "$p" ]; then
        echo "bench/run_tables.sh: $p is not built (make bench-tables builds it)" >&2
        exit 2
    fi
done
lib=$(ls "$build"/lib/.libs/libx12.so.[0-9]* 2>/dev/null | head -n 1)
if [ -z "$lib" ]; then
    echo "bench/run_tables.sh: no shared library in $build (configure --enable-shared)" >&2
    exit 2
fi

era=$(mktemp "$dir/x12tables.XXXXXX") || exit 2
trap 'rm -f "$era"' EXIT
trap 'exit 1' INT TERM

echo "generating $size of 835 in $era"
"$gen" --size "$size" -o "$era"
ls -l "$era" | awk '{ printf "%s bytes\n", $5 }'
echo "== C"
"$bench" file "$era"
"$bench" tables "$era"
echo "== Python ($py)"
LIBX12_PATH=$lib PYTHONPATH=$src/bindings/python${PYTHONPATH:+:$PYTHONPATH}
export LIBX12_PATH PYTHONPATH
for mode in remit_tables iter parse stream; do
    "$py" "$src/bench/bench_tables.py" "$mode" "$era"
done

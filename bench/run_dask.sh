#!/bin/sh
# bench/run_dask.sh BUILDDIR SRCDIR - libx12.dask.read_remits on 1 and on 2
# worker processes over a folder of generated ERAs.
#
# Generates BENCH_SIZE (default 500M) of 835s with bench/x12gen835 in a new
# folder under ${BENCH_DIR:-/tmp}: one big file of half the size (cut into
# byte ranges of BENCH_BLOCK, default 64MiB, at transaction sets) and five
# files sharing the other half, one of them gzip (one partition).  Then
# runs bench/bench_dask.py with a LocalCluster of 1 and of 2 processes (one
# thread each), each in a fresh Python, and prints wall time (planning the
# ranges in the client, computing on the workers), the speed-up and each
# worker's peak RSS; deletes the folder.  Python is $PYTHON (configure's),
# else /usr/bin/python3.  Never part of `make check`; on a shared machine
# the figures are only indicative.
set -eu

build=${1:?usage: bench/run_dask.sh BUILDDIR SRCDIR}
src=${2:?usage: bench/run_dask.sh BUILDDIR SRCDIR}
size=${BENCH_SIZE:-500M}
block=${BENCH_BLOCK:-64MiB}
dir=${BENCH_DIR:-/tmp}
gen=$build/bench/x12gen835
py=${PYTHON:-/usr/bin/python3}

if [ ! -x "$gen" ]; then
    echo "bench/run_dask.sh: $gen is not built (make bench-dask builds it)" >&2
    exit 2
fi
lib=$(ls "$build"/lib/.libs/libx12.so.[0-9]* 2>/dev/null | head -n 1)
if [ -z "$lib" ]; then
    echo "bench/run_dask.sh: no shared library in $build (configure --enable-shared)" >&2
    exit 2
fi
if ! "$py" -c 'import dask.dataframe, distributed' 2>/dev/null; then
    echo "bench/run_dask.sh: $py cannot import dask and distributed" \
         "(apt-get install python3-dask python3-distributed)" >&2
    exit 2
fi

bytes=$("$py" -c 'import sys
s = sys.argv[1].upper()
m = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
print(int(float(s[:-1]) * m[s[-1]]) if s[-1] in m else int(s))' "$size")
eras=$(mktemp -d "$dir/x12dask.XXXXXX") || exit 2
trap 'rm -rf "$eras"' EXIT
trap 'exit 1' INT TERM

echo "generating $size of 835 in $eras"
"$gen" --size $((bytes / 2)) --seed 1 -o "$eras/big.835" 2>/dev/null
for i in 1 2 3 4 5; do
    "$gen" --size $((bytes / 10)) --seed $((i + 1)) -o "$eras/era$i.835" 2>/dev/null
done
gzip "$eras/era5.835"
du -b "$eras"/* | awk '{ t += $1; printf "  %12d %s\n", $1, $2 } END { printf "  %12d total on disk\n", t }'

LIBX12_PATH=$lib
PYTHONPATH=$src/bindings/python${PYTHONPATH:+:$PYTHONPATH}
export LIBX12_PATH PYTHONPATH
out1=$("$py" "$src/bench/bench_dask.py" "$eras" 1 "$block")
echo "$out1"
out2=$("$py" "$src/bench/bench_dask.py" "$eras" 2 "$block")
echo "$out2"
w1=$(echo "$out1" | sed -n 's/.* wall=\([0-9.]*\)s.*/\1/p')
w2=$(echo "$out2" | sed -n 's/.* wall=\([0-9.]*\)s.*/\1/p')
"$py" -c 'import sys; print("speed-up 1 -> 2 workers: %.2fx" % (float(sys.argv[1]) / float(sys.argv[2])))' "$w1" "$w2"

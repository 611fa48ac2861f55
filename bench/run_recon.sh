#!/bin/sh
# bench/run_recon.sh BUILDDIR - reconciling claims with their remittances:
# speed and memory per claim.
#
# Generates BENCH_CLAIMS claims (default 100000) and their two 835s with
# bench/x12genrecon in ${BENCH_DIR:-/tmp}, and a fifth of that for
# comparison; runs bench_recon on each in a fresh process (the bytes per
# claim stay within the same range for both sizes - memory grows with the
# claims and nothing else; where the vectors' doubling falls moves it by a
# few hundred bytes), then, when Python with pandas is
# there ($PYTHON), times libx12.reconcile turning the big one into
# DataFrames.  Deletes the files.  Never part of `make check`.
set -eu

build=${1:?usage: bench/run_recon.sh BUILDDIR}
n=${BENCH_CLAIMS:-100000}
small=$((n / 5))
dir=${BENCH_DIR:-/tmp}
gen=$build/bench/x12genrecon
bench=$build/bench/bench_recon
PY=${PYTHON:-/usr/bin/python3}

for p in "$gen" "$bench"; do
    if [ ! -x "$p" ]; then
        echo "bench/run_recon.sh: $p is not built (make bench-recon builds it)" >&2
        exit 2
    fi
done

work=$(mktemp -d "$dir/x12recon.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM

for size in "$small" "$n"; do
    "$gen" "$size" "$work/c$size.837" "$work/a$size.835" "$work/b$size.835"
    echo "-- $size claims:"
    "$bench" "$work/c$size.837" "$work/a$size.835" "$work/b$size.835"
done

lib=$(ls "$build"/lib/.libs/libx12.so.[0-9]* 2>/dev/null | head -n 1 || true)
if [ -n "$lib" ] && "$PY" -c 'import pandas' 2>/dev/null; then
    echo "-- Python: libx12.reconcile of $n claims into DataFrames"
    LIBX12_PATH=$lib PYTHONPATH=$(cd "$(dirname "$0")/.." && pwd)/bindings/python \
        "$PY" - "$work/c$n.837" "$work/a$n.835" "$work/b$n.835" <<'PY'
import resource, sys, time
import libx12
def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t = time.process_time()
f = libx12.reconcile(claims=[sys.argv[1]], remits=sys.argv[2:], as_of="20250320")
frames = time.process_time() - t
print("  DataFrames: %d claims, %d lines in %.2f s (%.0f claims/s), peak RSS %.0f MiB"
      % (len(f.claims), len(f.lines), frames, len(f.claims) / frames, peak()))
del f
t = time.process_time()
r = libx12.reconcile(claims=[sys.argv[1]], remits=sys.argv[2:], as_of="20250320", frames=False)
rows = time.process_time() - t
print("  rows of dicts (frames=False): %.2f s, peak RSS %.0f MiB" % (rows, peak()))
PY
fi

#!/bin/sh
# bench/run_split.sh BUILDDIR - `x12 split --claims=1` on deep HL chains.
#
# For each depth in BENCH_SPLIT_DEPTHS (default "100000 200000 400000")
# generates in ${BENCH_DIR:-/tmp} an 837P whose HLs form one chain (each HL
# the child of the one before, with an SBR) and two claims at the bottom,
# splits it one claim per piece (the second piece repeats the whole chain)
# and prints the seconds taken, the peak RSS when /usr/bin/time is there,
# and the time per 100,000 HLs.  Issue 20 item 7: this was quadratic in the
# depth (100k 6.2 s, 200k 24.5 s, 400k over 120 s); the target is linear:
# the time per 100,000 HLs stays flat as the depth doubles.  Never part of
# `make check` (tests/split.sh checks a 100,000-deep chain's pieces only).
set -eu

build=${1:?usage: bench/run_split.sh BUILDDIR}
depths=${BENCH_SPLIT_DEPTHS:-100000 200000 400000}
dir=${BENCH_DIR:-/tmp}
x12=$build/tools/x12

if [ ! -x "$x12" ]; then
    echo "bench/run_split.sh: $x12 is not built (make builds it)" >&2
    exit 2
fi

work=$(mktemp -d "$dir/x12split-bench.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM

now_ms() {
    # GNU date prints nanoseconds with %N; elsewhere whole seconds.
    t=$(date +%s%N)
    case "$t" in *N) echo $(($(date +%s) * 1000)) ;; *) echo $((t / 1000000)) ;; esac
}

for n in $depths; do
    awk -v n="$n" 'BEGIN {
        print "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240115*1023*^*00501*000000001*0*T*:~"
        print "GS*HC*SENDER*RECEIVER*20240115*1023*1*X*005010X222A1~"
        print "ST*837*0001*005010X222A1~"
        print "BHT*0019*00*BENCH*20240115*1023*CH~"
        print "HL*1**20*1~"
        for (i = 2; i <= n; i++) { printf "HL*%d*%d*22*1~\n", i, i - 1; print "SBR*P*18*G1******CI~" }
        print "CLM*BENCH-1*150***11:B:1*Y*A*Y*Y~"
        print "CLM*BENCH-2*150***11:B:1*Y*A*Y*Y~"
        print "SE*" (2 * n + 4) "*0001~"
        print "GE*1*1~"
        print "IEA*1*000000001~" }' >"$work/deep.837"
    rm -rf "$work/out"
    rss=""
    start=$(now_ms)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f %M -o "$work/rss" "$x12" split --no-progress --claims=1 -o "$work/out" \
            "$work/deep.837" >/dev/null
        rss=", peak RSS $(cat "$work/rss") KiB"
    else
        "$x12" split --no-progress --claims=1 -o "$work/out" "$work/deep.837" >/dev/null
    fi
    ms=$(($(now_ms) - start))
    pieces=$(ls "$work/out" | wc -l | tr -d ' ')
    printf 'split --claims=1, %d nested HLs (%d bytes): %d.%03d s, %s pieces%s, %d ms per 100,000 HLs\n' \
        "$n" "$(wc -c <"$work/deep.837")" $((ms / 1000)) $((ms % 1000)) "$pieces" "$rss" \
        $((ms * 100000 / n))
done

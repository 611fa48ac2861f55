#!/bin/sh
# fuzz/run.sh SECONDS [NAME...] - builds the libFuzzer harnesses
# (fuzz/Makefile.fuzz), makes the seed corpora (fuzz/seeds.sh) and runs each
# harness (all, or the NAMEs given: reader push roundtrip remit835 validate
# spec encounter jsonl xml claimread tables recon txn) for SECONDS with its seeds
# and dictionary (fuzz/xml.dict for spec and encounter, fuzz/json.dict for
# jsonl, fuzz/x12.dict for the others).  Crashes go to
# fuzz/crashes-NAME/ (see CRASHES); the growing corpus to $OUT/corpus-NAME
# (kept between runs); the full log to $OUT/run-NAME.log.  Prints, per
# harness, the executions, coverage (libFuzzer's "cov:" edges and "ft:"
# features) and crashes.  Exit 1 if any harness crashed or failed to run.
#
# Environment: OUT (default build-fuzz/libfuzzer), CRASHES (where the
# crashes-NAME directories go, default fuzz/), MAX_LEN (default 16384;
# PUSH_MAX_LEN for the push harness, default 4096; XML_MAX_LEN for the xml
# harness, default 131072; SPEC_MAX_LEN for the spec
# harness, default 196608: its seeds, the built-in guides, are up to
# 150 KB), JOBS (harnesses run at once, default 1), LIB_SRCS (see
# Makefile.fuzz), X12_CORPUS_DIR.
set -u
secs=${1:?usage: run.sh SECONDS [NAME...]}
shift
top=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$top/build-fuzz/libfuzzer}
MAX_LEN=${MAX_LEN:-16384}
CRASHES=${CRASHES:-$top/fuzz}
JOBS=${JOBS:-1}
export OUT
# Bugs reported and not fixed yet ("[known: TAG]" in fuzz/regressions/OPEN)
# are looked past while fuzzing (see fz_known in fuzz/harness_modules.h).
FZ_KNOWN=${FZ_KNOWN-$(sed -n 's/.*\[known: \([a-z0-9-]*\)\].*/\1/p' \
    "$top/fuzz/regressions/OPEN" 2>/dev/null | paste -sd, -)}
export FZ_KNOWN

make -s -f "$top/fuzz/Makefile.fuzz" OUT="$OUT" || exit 1
names=${*:-$(make -s -f "$top/fuzz/Makefile.fuzz" OUT="$OUT" list)}
sh "$top/fuzz/seeds.sh" "$OUT" || exit 1

run_one() {
    n=$1
    seeds=$OUT/seeds-$n
    [ -d "$seeds" ] || seeds=$OUT/seeds-plain
    ml=$MAX_LEN
    # The push harness re-reads each input two ways, often one byte at a
    # time: shorter inputs keep it fast.
    [ "$n" = push ] && ml=${PUSH_MAX_LEN:-4096}
    [ "$n" = spec ] && ml=${SPEC_MAX_LEN:-196608}
    # XML seeds (seeds-xml) of the 16 KiB X12 seeds reach about 130 KB.
    [ "$n" = xml ] && ml=${XML_MAX_LEN:-131072}
    dict=$top/fuzz/x12.dict
    case $n in
    spec | encounter) dict=$top/fuzz/xml.dict ;;
    jsonl) dict=$top/fuzz/json.dict ;;
    esac
    mkdir -p "$OUT/corpus-$n" "$CRASHES/crashes-$n"
    "$OUT/fuzz_$n" -max_total_time="$secs" -dict="$dict" \
        -max_len="$ml" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$CRASHES/crashes-$n/" \
        "$OUT/corpus-$n" "$seeds" > "$OUT/run-$n.log" 2>&1
    echo $? > "$OUT/run-$n.rc"
}

i=0
for n in $names; do
    run_one "$n" &
    i=$((i + 1))
    if [ "$i" -ge "$JOBS" ]; then
        wait
        i=0
    fi
done
wait

rc=0
for n in $names; do
    log=$OUT/run-$n.log
    r=$(cat "$OUT/run-$n.rc" 2>/dev/null || echo 1)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
    corp=$(ls "$OUT/corpus-$n" | wc -l)
    crashes=$(ls "$CRASHES/crashes-$n" | wc -l)
    echo "$n: ${secs}s execs=${execs:-?} cov=${cov:-?} ft=${ft:-?} corpus=$corp crashes=$crashes exit=$r"
    if [ "$crashes" -gt 0 ] || [ "$r" -ne 0 ]; then
        rc=1
        grep -E '^(fuzz harness|SUMMARY|==[0-9]+==ERROR)' "$log" | head -n 5
        ls "$CRASHES/crashes-$n"
    else
        rmdir "$CRASHES/crashes-$n" 2>/dev/null
    fi
done
exit $rc

#!/bin/sh
# fuzz/ci.sh [SECONDS] - the fuzzing step of CI, called from .ci/run.
#
#   1. makes sure clang with its libFuzzer runtime is there: when a test
#      program cannot be linked with -fsanitize=fuzzer, and we are root on
#      a Debian-like system, runs `apt-get install -y clang
#      libclang-rt-14-dev` (Debian 12; clang-14 only recommends the
#      runtime); when that fails too, prints "SKIPPED: fuzz (...)" and
#      exits 0 (FUZZ_CI_REQUIRE=1 makes it exit 1 instead);
#   2. fuzz-build     builds every harness (fuzz/Makefile.fuzz);
#   3. fuzz-replay    replays fuzz/regressions/*.bin (make ... replay);
#   4. fuzz-NAME      runs each harness for SECONDS (default 20; or
#                     $FUZZ_CI_SECONDS) from its seeds, two at a time
#                     (fuzz/run.sh with JOBS=2): PASS when it found nothing;
#   5. fuzz-tsan      tests/check_threads under ThreadSanitizer.
#
# Prints "PASS: fuzz-STEP" or "FAIL: fuzz-STEP" per step (with the end of
# the step's log on failure), then "N passed, N failed", and exits 1 when a
# step failed.  With 9 harnesses at 20 s, two at a time, the whole step
# takes about two minutes on 2 cores (the build about 15 s, the TSan test
# about 10 s).  Crashes found are left in fuzz/crashes-NAME/ (minimise one
# with fuzz_NAME -minimize_crash=1, save it as fuzz/regressions/NAME-*.bin).
#
# Environment: OUT (default build-fuzz/ci), FUZZ_CI_SECONDS, JOBS (default
# 2), CRASHES (default fuzz/: crashes go to CRASHES/crashes-NAME),
# X12_CORPUS_DIR (the shared corpus, for seeds), FUZZ_CI_REQUIRE,
# FUZZ_CI_ADVISORY=1 (a timed run's new finding is printed and kept but not
# counted as a failure; build, replay and TSan still count).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$top/build-fuzz/ci}
secs=${FUZZ_CI_SECONDS:-${1:-20}}
JOBS=${JOBS:-2}
CRASHES=${CRASHES:-$top/fuzz}
export OUT JOBS CRASHES
pass=0
fail=0
start=$(date +%s)
mkdir -p "$OUT" || exit 1

# ---- 1. the toolchain ---------------------------------------------------------
probe() {
    printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
        'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
        'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' \
        > "$OUT/probe.c"
    clang -fsanitize=fuzzer,address,undefined "$OUT/probe.c" -o "$OUT/probe" \
        > "$OUT/probe.log" 2>&1
}
if ! command -v clang > /dev/null 2>&1 || ! probe; then
    if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null 2>&1; then
        echo "fuzz: installing clang and libclang-rt-14-dev"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y clang libclang-rt-14-dev > "$OUT/apt.log" 2>&1 ||
            { apt-get update > /dev/null 2>&1 &&
                  apt-get install -y clang libclang-rt-14-dev > "$OUT/apt.log" 2>&1; }
    fi
    if ! command -v clang > /dev/null 2>&1 || ! probe; then
        why="clang with its libFuzzer runtime is not available"
        [ "$(id -u)" = 0 ] || why="$why (not root: apt-get install -y clang libclang-rt-14-dev)"
        echo "SKIPPED: fuzz ($why)"
        echo "0 passed, 0 failed"
        [ "${FUZZ_CI_REQUIRE:-0}" = 1 ] && exit 1
        exit 0
    fi
fi

step_result() { # step_result NAME STATUS LOG
    if [ "$2" -eq 0 ]; then
        echo "PASS: fuzz-$1"
        pass=$((pass + 1))
    else
        echo "FAIL: fuzz-$1"
        [ -n "$3" ] && [ -f "$3" ] && tail -n 25 "$3" | sed 's/^/    /'
        fail=$((fail + 1))
    fi
}

# ---- 2. build, 3. replay -----------------------------------------------------------
make -f "$top/fuzz/Makefile.fuzz" OUT="$OUT" -j"$JOBS" > "$OUT/build.log" 2>&1
built=$?
step_result build $built "$OUT/build.log"
if [ $built -eq 0 ]; then
    make -f "$top/fuzz/Makefile.fuzz" OUT="$OUT" replay > "$OUT/replay.log" 2>&1
    step_result replay $? "$OUT/replay.log"

    # ---- 4. each harness for $secs ------------------------------------------------
    names=$(make -s -f "$top/fuzz/Makefile.fuzz" OUT="$OUT" list)
    rm -rf "$OUT"/corpus-*
    sh "$top/fuzz/run.sh" "$secs" $names > "$OUT/run.log" 2>&1
    for n in $names; do
        line=$(grep "^$n: " "$OUT/run.log" | tail -n 1)
        echo "    ${line:-$n: no result}"
        case $line in
        *" crashes=0 exit=0") step_result "$n" 0 "" ;;
        *)
            if [ "${FUZZ_CI_ADVISORY:-0}" = 1 ]; then
                # Advisory mode (FUZZ_CI_ADVISORY=1, for trying a new
                # harness): a new finding is shown and kept, not failed.
                echo "FOUND (advisory, not counted): fuzz-$n"
            else
                step_result "$n" 1 ""
            fi
            grep -E '^(fuzz harness|SUMMARY|==[0-9]+==ERROR)|Test unit written' \
                "$OUT/run-$n.log" | head -n 8 | sed 's/^/    /'
            ;;
        esac
    done
else
    for n in replay $(make -s -f "$top/fuzz/Makefile.fuzz" OUT="$OUT" list); do
        step_result "$n" 1 ""
    done
fi

# ---- 5. ThreadSanitizer -------------------------------------------------------------
make -f "$top/fuzz/Makefile.fuzz" OUT="$OUT" -j"$JOBS" tsan > "$OUT/tsan.log" 2>&1
step_result tsan $? "$OUT/tsan.log"

echo "fuzz: $(($(date +%s) - start)) s"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

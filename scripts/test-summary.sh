#!/bin/sh
# Prints Check's own summary line of every Check test program, then one line
# "N passed, N failed" totalling every test that ran in build directory $1:
# each Check test counts as one, each other test program (shell tests) as one.
# Also writes the two numbers to $1/test-totals for .ci/run.
set -u
dir=${1:-build}
passed=0
failed=0
for trs in $(find "$dir/tests" -name '*.trs' 2>/dev/null | sort); do
    log=${trs%.trs}.log
    line=$(grep -E '^[0-9]+%: Checks: [0-9]+, Failures: [0-9]+, Errors: [0-9]+' "$log" 2>/dev/null | tail -n 1)
    if [ -n "$line" ]; then
        echo "$(basename "${log%.log}"): $line"
        n=$(echo "$line" | sed -E 's/.*Checks: ([0-9]+).*/\1/')
        f=$(echo "$line" | sed -E 's/.*Failures: ([0-9]+).*/\1/')
        e=$(echo "$line" | sed -E 's/.*Errors: ([0-9]+).*/\1/')
        passed=$((passed + n - f - e))
        failed=$((failed + f + e))
    else
        res=$(sed -n 's/^:test-result: //p' "$trs" | head -n 1)
        case "$res" in
            PASS|XFAIL) passed=$((passed + 1)) ;;
            SKIP) echo "$(basename "${log%.log}"): skipped" ;;
            *) failed=$((failed + 1)); echo "$(basename "${log%.log}"): $res" ;;
        esac
    fi
done
echo "$passed $failed" > "$dir/test-totals"
echo "$passed passed, $failed failed"

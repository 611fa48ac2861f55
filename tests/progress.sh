#!/bin/sh
# tests/progress.sh - the progress line of the shared input layer.
#
# It must never reach stdout, and never stderr when stderr is not a terminal
# (as here: make check redirects it) unless X12_PROGRESS=force asks for it;
# --no-progress and X12_PROGRESS=off win over force.  When drawn it names the
# file, its size and rate, redraws with \r and is erased at the end.
# Run by `make check` with X12_BUILDDIR and X12_TEST_DATA.
. "$(dirname "$0")/lib.sh"

: "${X12_BUILDDIR:?}" "${X12_TEST_DATA:?}"
D=$X12_TEST_DATA

esc=$(printf '\033')
cr=$(printf '\r')

F=$D/cli-small.x12
size=$(wc -c <"$F" | tr -d ' ')
for verb in "info" "fmt" "validate" "ack --date 20250101 --time 0000" "remit" "to-xml"; do
    f=$F
    [ "$verb" = remit ] && f=$D/remit-multi.x12
    unset X12_PROGRESS
    $X12 $verb "$f" >"$tmp/plain.out" 2>"$tmp/plain.err"
    X12_PROGRESS=force $X12 $verb "$f" >"$tmp/force.out" 2>"$tmp/force.err"
    cmp -s "$tmp/plain.out" "$tmp/force.out" && ok "$verb: stdout the same with the progress line" ||
        bad "$verb: stdout changed by the progress line"
    if grep -q "$esc" "$tmp/plain.err" || grep -q "$cr" "$tmp/plain.err"; then
        bad "$verb: progress line on a redirected stderr"
    else
        ok "$verb: no progress line when stderr is redirected"
    fi
    X12_PROGRESS=force $X12 $verb --no-progress "$f" >/dev/null 2>"$tmp/np.err"
    X12_PROGRESS=off $X12 $verb "$f" >/dev/null 2>"$tmp/off.err"
    if cmp -s "$tmp/np.err" "$tmp/plain.err" && cmp -s "$tmp/off.err" "$tmp/plain.err"; then
        ok "$verb: --no-progress and X12_PROGRESS=off win over force"
    else
        bad "$verb: --no-progress or X12_PROGRESS=off still drew"
    fi
done

# Forced: the line names the file, bytes of the file's size, a rate, and
# is erased (ends with \r ESC[K).
X12_PROGRESS=force $X12 info "$F" >/dev/null 2>"$tmp/err"
mb=$(awk -v n="$size" 'BEGIN { t = int(n / 100000); printf "%d.%d", t / 10, t % 10 }')
if grep -q -F "x12: $F: $mb of $mb MB (100%)" "$tmp/err" && grep -q "MB/s" "$tmp/err"; then
    ok "forced line: file, size, 100% at the end, rate"
else
    bad "forced line: $(od -c "$tmp/err" | head -n 3)"
fi
[ "$(tail -c 4 "$tmp/err" | od -An -c | tr -d ' \n')" = '\r033[K' ] && ok "line erased at the end" ||
    bad "line not erased: $(tail -c 8 "$tmp/err" | od -An -c)"
# gzip: progress counts compressed bytes against the .gz size.
gzip -c "$F" >"$tmp/f.gz"
gsize=$(wc -c <"$tmp/f.gz" | tr -d ' ')
X12_PROGRESS=force $X12 info "$tmp/f.gz" >/dev/null 2>"$tmp/err"
gmb=$(awk -v n="$gsize" 'BEGIN { t = int(n / 100000); printf "%d.%d", t / 10, t % 10 }')
grep -q -F "of $gmb MB (100%)" "$tmp/err" && ok ".gz: compressed bytes against the file size" ||
    bad ".gz progress: $(tr '\r\033' '  ' <"$tmp/err")"
# A piped stdin has no size: bytes and rate only, no percentage.
X12_PROGRESS=force sh -c "cat '$F' | '$X12' info -" >/dev/null 2>"$tmp/err"
if grep -q "<stdin>: .* MB, .* MB/s" "$tmp/err" && ! grep -q "%" "$tmp/err"; then
    ok "piped stdin: no size, no percentage"
else
    bad "piped stdin: $(tr '\r\033' '  ' <"$tmp/err")"
fi
# to-xml reads through the converter, not input_next: its line is ticked
# from the XML output callback (forced, the first tick draws), so it is
# drawn while converting as well as once at the end.
X12_PROGRESS=force $X12 to-xml "$F" >/dev/null 2>"$tmp/err"
draws=$(tr '\r' '\n' <"$tmp/err" | grep -c 'MB/s')
if grep -q -F "x12: $F: $mb of $mb MB (100%)" "$tmp/err" && [ "$draws" -ge 2 ]; then
    ok "to-xml: drawn while converting, 100% at the end"
else
    bad "to-xml forced line: $(tr '\r\033' '  ' <"$tmp/err")"
fi
# Reported problems are printed on their own lines, not after the progress.
X12_PROGRESS=force $X12 fmt "$D/cli-bad-se.x12" >/dev/null 2>"$tmp/err"
tr '\r' '\n' <"$tmp/err" | grep 'cli-bad-se.x12:52:SE' >"$tmp/line"
if [ -s "$tmp/line" ] && ! grep -q 'MB/s' "$tmp/line"; then
    ok "an error erases the line first"
else
    bad "error mixed with the progress line: $(tr '\r\033' '|#' <"$tmp/err")"
fi

finish

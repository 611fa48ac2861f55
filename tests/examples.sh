#!/bin/sh
# tests/examples.sh - the programs in examples/ build and do what they say.
#
# Run by `make check` with X12_BUILDDIR (programs in $X12_BUILDDIR/examples),
# X12_EXAMPLE_DATA (examples/data) and X12_TEST_DATA (tests/data).
#   write_interchange | read_segments   the writer's output reads back clean:
#                                       one 837, ST02 0001 numbered by the
#                                       writer, 24 segments ST..SE
#   read_segments office-visit.837      the shipped sample: one 837, 30 segments
#   read_segments < cli-bad-se.x12      a wrong SE01 is reported with its
#                                       position and gives exit 1
#   gzip | read_segments                compressed stdin is read the same
set -u

: "${X12_BUILDDIR:?}" "${X12_TEST_DATA:?}"
EX=$X12_BUILDDIR/examples
EXDATA=${X12_EXAMPLE_DATA:-$X12_TEST_DATA/../../examples/data}

pass=0
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/x12ex.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# check DESC WANT_RC GOT_RC WANT_FILE GOT_FILE
check() {
    if [ "$3" -ne "$2" ]; then
        bad "$1: exit $3, want $2"
        sed 's/^/    stderr: /' "$tmp/err" | head -n 5
    elif ! cmp -s "$4" "$5"; then
        bad "$1: output differs"
        diff "$4" "$5" | head -n 10 | sed 's/^/    /'
    else
        ok "$1"
    fi
}

for p in read_segments write_interchange; do
    if [ ! -x "$EX/$p" ]; then
        echo "FAIL $EX/$p is not built"
        exit 1
    fi
done

# write_interchange | read_segments.
"$EX/write_interchange" >"$tmp/written" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && ok "write_interchange runs" || bad "write_interchange: exit $rc"
"$EX/write_interchange" 2>/dev/null | "$EX/read_segments" - >"$tmp/out" 2>"$tmp/err"
rc=$?
cat >"$tmp/want" <<'WANT'
837 0001: 24 segments
1 transaction set, 0 errors
WANT
check "write_interchange | read_segments" 0 "$rc" "$tmp/want" "$tmp/out"
[ ! -s "$tmp/err" ] && ok "no warnings on the written interchange" ||
    bad "warnings on the written interchange: $(head -n 1 "$tmp/err")"

# The shipped sample, by path.
"$EX/read_segments" "$EXDATA/office-visit.837" >"$tmp/out" 2>"$tmp/err"
rc=$?
printf '837 0001: 30 segments\n1 transaction set, 0 errors\n' >"$tmp/want"
check "read_segments office-visit.837" 0 "$rc" "$tmp/want" "$tmp/out"

# A wrong SE01 (segment 52 says 24, the set has 23).
"$EX/read_segments" - <"$X12_TEST_DATA/cli-bad-se.x12" >"$tmp/out" 2>"$tmp/err"
rc=$?
printf '837 0001: 27 segments\n837 0002: 23 segments\n2 transaction sets, 1 error\n' >"$tmp/want"
check "read_segments reports a wrong SE01" 1 "$rc" "$tmp/want" "$tmp/out"
if grep -q '^error: 52:SE-01: ' "$tmp/err"; then
    ok "the error is located at 52:SE-01"
else
    bad "the error is not located at 52:SE-01: $(head -n 1 "$tmp/err")"
fi

# Compressed standard input.
if command -v gzip >/dev/null 2>&1; then
    gzip -c "$X12_TEST_DATA/cli-oneline.x12" | "$EX/read_segments" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    printf '837 0001: 27 segments\n837 0002: 23 segments\n2 transaction sets, 0 errors\n' \
        >"$tmp/want"
    check "gzip | read_segments" 0 "$rc" "$tmp/want" "$tmp/out"
fi

# Unreadable input.
"$EX/read_segments" "$tmp/missing.x12" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 2 ] && ok "read_segments of a missing file exits 2" ||
    bad "read_segments of a missing file: exit $rc, want 2"

echo "examples.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

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

# post_remittance (remit835): posting lines for a reversal, its correction
# and a provider-level adjustment; denials with their reasons; gzip'd stdin
# of an unbalanced file (warnings, exit 0); malformed amounts (exit 1).
if [ -x "$EX/post_remittance" ]; then
    "$EX/post_remittance" "$X12_TEST_DATA/remit-reversal.x12" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    cat >"$tmp/want" <<'WANT'
PAYMENT CHK5550001 75.25 CHK 20240131
POST PCN-A100 line 1 HC:99213 paid -180.00 patient -20.00
POST PCN-A100 line 1 HC:99213 paid 200.00 patient 20.00
POST PCN-B200 line 1 HC:99212 paid 80.00 patient 20.00
END 3 claims, paid 100.00, provider adjustments 24.75, balanced
WANT
    check "post_remittance remit-reversal.x12" 0 "$rc" "$tmp/want" "$tmp/out"
    "$EX/post_remittance" "$X12_TEST_DATA/remit-denials.x12" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    grep -E '^(DENY DEN-002|REMARK DEN-002|END)' "$tmp/out" >"$tmp/got"
    cat >"$tmp/want" <<'WANT'
DENY DEN-002 line 2 CO-97 50.00 Paid as part of another service already processed (bundled).
REMARK DEN-002 M15 Separately billed tests or services were bundled as parts of one procedure.
END 3 claims, paid 100.00, provider adjustments 0.00, balanced
WANT
    check "post_remittance remit-denials.x12" 0 "$rc" "$tmp/want" "$tmp/got"
    [ "$(grep -c '^DENY DEN-001 ' "$tmp/out")" -eq 14 ] &&
        ok "14 denial reasons for the six-triplet CAS claim" ||
        bad "denial reasons for DEN-001: $(grep -c '^DENY DEN-001 ' "$tmp/out")"
    if command -v gzip >/dev/null 2>&1; then
        gzip -c "$X12_TEST_DATA/remit-unbalanced.x12" | "$EX/post_remittance" >"$tmp/out" 2>"$tmp/err"
        rc=$?
        printf 'END 2 claims, paid 290.00, provider adjustments 0.00, UNBALANCED\n' >"$tmp/want"
        tail -n 1 "$tmp/out" >"$tmp/got"
        check "gzip | post_remittance remit-unbalanced.x12" 0 "$rc" "$tmp/want" "$tmp/got"
        grep -q '^warning: 4:BPR-02: payment does not balance' "$tmp/err" &&
            ok "the payment imbalance is a located warning" ||
            bad "no balance-payment warning: $(head -n 1 "$tmp/err")"
    fi
    "$EX/post_remittance" "$X12_TEST_DATA/remit-malformed.x12" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -eq 1 ] && grep -q '^error: 19:CLP-03: ' "$tmp/err" &&
        ! grep -q 'MAL-SECRET\|PRIVATEPERSON' "$tmp/err"; then
        ok "post_remittance reports a bad amount at 19:CLP-03 without PHI, exit 1"
    else
        bad "post_remittance remit-malformed.x12: exit $rc: $(head -n 1 "$tmp/err")"
    fi
else
    bad "$EX/post_remittance is not built"
fi

# remit_to_jsonl (remit835 JSON/CSV writers): the same bytes as x12 remit
# --jsonl and --csv (whose file column it leaves empty), from a file and
# from gzip'd standard input; a malformed file exits 1, a missing one 2.
if [ -x "$EX/remit_to_jsonl" ]; then
    X12=$X12_BUILDDIR/tools/x12
    for f in remit-reversal.x12 remit-denials.x12 remit-multi.x12; do
        "$X12" remit --jsonl "$X12_TEST_DATA/$f" >"$tmp/want" 2>/dev/null
        "$EX/remit_to_jsonl" "$X12_TEST_DATA/$f" >"$tmp/out" 2>"$tmp/err"
        check "remit_to_jsonl $f = x12 remit --jsonl" 0 $? "$tmp/want" "$tmp/out"
        "$X12" remit --csv "$X12_TEST_DATA/$f" 2>/dev/null | sed '2,$s/^[^,]*,/,/' >"$tmp/want"
        "$EX/remit_to_jsonl" --csv "$X12_TEST_DATA/$f" >"$tmp/out" 2>"$tmp/err"
        check "remit_to_jsonl --csv $f = x12 remit --csv" 0 $? "$tmp/want" "$tmp/out"
    done
    if command -v gzip >/dev/null 2>&1; then
        "$X12" remit --jsonl "$X12_TEST_DATA/remit-unbalanced.x12" >"$tmp/want" 2>/dev/null
        gzip -c "$X12_TEST_DATA/remit-unbalanced.x12" | "$EX/remit_to_jsonl" >"$tmp/out" 2>"$tmp/err"
        check "gzip | remit_to_jsonl" 0 $? "$tmp/want" "$tmp/out"
    fi
    "$EX/remit_to_jsonl" "$X12_TEST_DATA/remit-malformed.x12" >/dev/null 2>"$tmp/err"
    rc=$?
    [ "$rc" -eq 1 ] && grep -q '^19:CLP-03: ' "$tmp/err" &&
        ok "remit_to_jsonl: a bad amount is reported, exit 1" ||
        bad "remit_to_jsonl remit-malformed.x12: exit $rc"
    "$EX/remit_to_jsonl" "$tmp/missing.835" >/dev/null 2>&1
    rc=$?
    [ "$rc" -eq 2 ] && ok "remit_to_jsonl of a missing file exits 2" ||
        bad "remit_to_jsonl of a missing file: exit $rc"
else
    bad "$EX/remit_to_jsonl is not built"
fi

# build_claim (claim837): the C API builds the shipped sample office visit
# byte for byte; `x12 build` builds every example encounter file into its
# golden (tests/data/claim837-*.837); a failing edit gives exit 1, the
# edit's path, rule and message on stderr and nothing on stdout.
if [ -x "$EX/build_claim" ]; then
    "$EX/build_claim" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    check "build_claim builds office-visit.837" 0 "$rc" "$EXDATA/office-visit.837" "$tmp/out"
else
    bad "$EX/build_claim is not built"
fi
X12=$X12_BUILDDIR/tools/x12
ENC=$EXDATA/../encounters
for e in office-visit multi-line-modifiers secondary-claim patient-not-subscriber \
    inpatient-stay; do
    "$X12" build "$ENC/$e.xml" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    check "x12 build $e.xml" 0 "$rc" "$X12_TEST_DATA/claim837-$e.837" "$tmp/out"
done
sed 's/npi="1234567893"/npi="1234567890"/' "$ENC/office-visit.xml" >"$tmp/bad.xml"
"$X12" build "$tmp/bad.xml" >"$tmp/out" 2>"$tmp/err"
rc=$?
printf '%s\n' 'provider[1].npi: npi-check-digit: billing provider NPI check digit is wrong (Luhn with the 80840 prefix)' >"$tmp/want"
if [ "$rc" -eq 1 ] && [ ! -s "$tmp/out" ] && cmp -s "$tmp/want" "$tmp/err"; then
    ok "x12 build lists a failing edit, exit 1, no output"
else
    bad "x12 build of a bad NPI: exit $rc: $(head -n 1 "$tmp/err")"
fi

echo "examples.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

#!/bin/sh
# tests/hostile.sh - issue 20 ("hostile input, round 2") on the command line.
#
#   1. A segment the reader skips (over the 64 KiB segment limit: REF*6R*
#      and 70,000 A; over the 4096-element limit: 5,000 elements), put in
#      the bundled office-visit 837 with SE01 counting it: x12 ack rejects
#      the set (IK3 8, IK4 5 or 3, IK5*R*5, AK9*R) and exits 1, also with
#      --strict; x12 validate names it (text and --json, whose "issues"
#      then holds every problem counted); fmt, info and to-xml exit 1 with
#      the reader's error; x12 remit of an 835 with such a segment exits 1.
#      (x12 split is in tests/split.sh.)
#   4. Identifying values are not quoted: a malformed segment id between SE
#      and GE (SMITHJOHN123456789*X~) in fmt, info, remit, split, validate
#      and ack; values shifted into code elements (DMG03 '19800101', a
#      member id, DOE, SPRINGFIELD) and CLP02 'JANE DOE' in validate, ack and
#      remit; a code-shaped bad value is quoted, and ack --no-bad-values
#      leaves IK404 out.
#  10. Exit codes: ack of a file without an ISA (or empty) exits 1 like
#      validate; ack refuses a date or time that is not real (exit 2) and
#      a real one gives a 999 our validator accepts; ISA11 equal to ISA16
#      is reported; out of memory exits 2 (tests/failalloc.c preloaded:
#      skipped in a static-only build); a write error is printed once.
#
# Every input is made here from examples/data (X12_EXAMPLE_DATA).  Run by
# `make check` with X12_BUILDDIR and X12_EXAMPLE_DATA.  Exit 0 pass, 1 fail.
. "$(dirname "$0")/lib.sh"

: "${X12_BUILDDIR:?}" "${X12_EXAMPLE_DATA:?}"
E=$X12_EXAMPLE_DATA

# has_text FILE TEXT DESC: FILE contains TEXT (fixed string).
has_text() {
    if grep -q -F -e "$2" "$1"; then
        ok "$3"
    else
        bad "$3: no '$2' in:"
        head -c 600 "$1" | sed 's/^/    /'
        echo
    fi
}

# lacks FILE DESC WORD...: none of the WORDs is in FILE.
lacks() {
    f=$1 d=$2
    shift 2
    for w in "$@"; do
        if grep -q -F -e "$w" "$f"; then
            bad "$d: '$w' is quoted:"
            grep -F -e "$w" "$f" | head -n 3 | sed 's/^/    /'
            return
        fi
    done
    ok "$d"
}

# insert_before FILE TEXT SEG: SEG (with its terminator) inserted before the
# first segment starting with TEXT; SE01 of every set raised by one when
# COUNT=1.  Segments are one per line in the bundled examples.
insert_before() {
    awk -F'*' -v pat="$2" -v seg="$3" -v count="${COUNT:-1}" 'BEGIN { OFS = "*" }
        !done && index($0, pat) == 1 { print seg; done = 1 }
        $1 == "SE" && count == 1 { $2 = $2 + 1 }
        { print }' "$1"
}

ov=$E/office-visit.837
remit=$E/remittance.835
long_ref=$(awk 'BEGIN { s = "REF*6R*"; for (i = 0; i < 70000; i++) s = s "A"; print s "~" }')
many_ref=$(awk 'BEGIN { s = "REF*6R*"; for (i = 0; i < 5000; i++) s = s "*"; print s "X~" }')

# ---- 1. a segment the reader skips -----------------------------------------------
insert_before "$ov" "LX*2" "$long_ref" >"$tmp/long.837"
insert_before "$ov" "LX*2" "$many_ref" >"$tmp/many.837"
for kind in long many; do
    f=$tmp/$kind.837
    if [ "$kind" = long ]; then ik4='IK4*2*127*5~'; else ik4='IK4*99**3~'; fi
    for mode in "" --strict; do
        run "$X12" ack $mode --date 20251123 --time 1200 "$f"
        expect 1 "$kind: ack $mode rejects"
        has_text "$tmp/out" "$ik4" "$kind: ack $mode: IK4 at the skipped REF"
        has_text "$tmp/out" 'IK5*R*5~' "$kind: ack $mode: IK5*R*5"
        has_text "$tmp/out" 'AK9*R*1*1*0~' "$kind: ack $mode: AK9*R*1*1*0"
        has_text "$tmp/err" ':28:REF: segment ' "$kind: ack $mode: the reader's error on stderr"
        cp "$tmp/out" "$tmp/ack-$kind.999"
    done
    run "$X12" validate "$tmp/ack-$kind.999"
    expect 0 "$kind: the 999 validates clean"
    run "$X12" validate "$f"
    expect 1 "$kind: validate"
    has_text "$tmp/out" ':28:REF-' "$kind: validate names the REF (segment 28)"
    has_text "$tmp/out" 'REF was not read' "$kind: validate says it was not read"
    run "$X12" validate --json "$f"
    expect 1 "$kind: validate --json"
    if "$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1]))["files"][0]
levels = [(i["level"], i["code"], i["rule"]) for i in d["issues"]]
errors = sum(1 for i in d["issues"] if i["severity"] != "warning")
want = ("max-segment" if sys.argv[2] == "long" else "max-elements")
ok = ("reader", "", want) in levels and any(l[0] == "element" for l in levels)
sys.exit(0 if ok and errors == d["errors"] and d["errors"] > 0 else 1)
' "$tmp/out" "$kind"; then
        ok "$kind: validate --json lists the reader's and the validator's issue, errors counted"
    else
        bad "$kind: validate --json: $(head -c 400 "$tmp/out")"
    fi
    for verb in fmt info to-xml; do
        run "$X12" $verb "$f"
        expect 1 "$kind: $verb reports the skipped segment"
        has_text "$tmp/err" ':28:REF: segment ' "$kind: $verb: the error names it"
    done
done
# The 835: a REF too long inside the first claim.
awk -v seg="$long_ref" '{ print } !done && index($0, "CLP*") == 1 { print seg; done = 1 }' "$remit" |
    awk -F'*' 'BEGIN { OFS = "*" } $1 == "SE" && !seen { $2 = $2 + 1; seen = 1 } { print }' \
        >"$tmp/long.835"
for fmt in --text --json --csv; do
    run "$X12" remit $fmt "$tmp/long.835"
    expect 1 "835 with a skipped segment: remit $fmt"
    has_text "$tmp/err" ': segment is longer than 65536 bytes' "835: remit $fmt says so"
done
run "$X12" ack --date 20251208 --time 1200 "$tmp/long.835"
expect 1 "835 with a skipped segment: ack"
has_text "$tmp/out" 'IK5*R*5~' "835: its set is rejected"

# ---- 4. no identifying values in messages ------------------------------------------
# A malformed segment id between SE and GE.
awk '!done && index($0, "GE*") == 1 { print "SMITHJOHN123456789*X~"; done = 1 } { print }' "$ov" \
    >"$tmp/smith.837"
awk '!done && index($0, "GE*") == 1 { print "SMITHJOHN123456789*X~"; done = 1 } { print }' \
    "$remit" >"$tmp/smith.835"
for verb in "fmt" "info" "info --json" "validate" "validate --json" "ack" "remit"; do
    f=$tmp/smith.837
    [ "$verb" = remit ] && f=$tmp/smith.835
    run "$X12" $verb "$f"
    expect 1 "malformed id: $verb"
    # fmt prints the segments themselves: only its messages count
    if [ "$verb" = fmt ]; then cp "$tmp/err" "$tmp/all"; else cat "$tmp/out" "$tmp/err" >"$tmp/all"; fi
    lacks "$tmp/all" "malformed id: $verb quotes nothing of it" SMITH JOHN1
done
has_text "$tmp/err" 'a segment whose id is not 2-3 capital letters or digits is outside a transaction set' \
    "the reader says what is outside the set"
rm -rf "$tmp/sp"
run "$X12" split -o "$tmp/sp" "$tmp/smith.837"
expect 1 "malformed id: split"
lacks "$tmp/err" "malformed id: split quotes nothing of it" SMITH JOHN1

# Values shifted into code elements: a birth date into DMG03, a name into
# NM102, a member id into NM108, a city into N402.
sed -e 's/^DMG\*D8\*19800101\*F~/DMG*D8*F*19800101~/' \
    -e 's/^NM1\*IL\*1\*DOE\*JANE\*\*\*\*MI\*XJ0000000001~/NM1*IL*DOE*JANE*****XJ0000000001*MI~/' \
    -e 's/^N4\*SPRINGFIELD\*IL\*62704~/N4*62704*SPRINGFIELD*IL~/' "$ov" >"$tmp/shifted.837"
cmp -s "$ov" "$tmp/shifted.837" && bad "the shifted fixture did not change"
run "$X12" validate "$tmp/shifted.837"
expect 1 "shifted values: validate"
has_text "$tmp/out" 'DMG03 Gender Code (a value of 8 characters) is not one of F,M,U' \
    "DMG03: the birth date is described by its length"
lacks "$tmp/out" "shifted values: validate quotes none" 19800101 XJ0000000001 DOE SPRINGFIELD JANE
run "$X12" ack --date 20251123 --time 1200 "$tmp/shifted.837"
expect 1 "shifted values: ack"
lacks "$tmp/out" "shifted values: no IK404 echoes them" 19800101 XJ0000000001 DOE SPRINGFIELD JANE
# A bad value of a code's shape is quoted, in the message and in IK404 ...
sed 's/^DMG\*D8\*19800101\*F~/DMG*D8*19800101*X~/' "$ov" >"$tmp/code.837"
run "$X12" validate "$tmp/code.837"
has_text "$tmp/out" "DMG03 Gender Code 'X' not one of F,M,U" "a code-shaped bad value is quoted"
run "$X12" ack --date 20251123 --time 1200 "$tmp/code.837"
has_text "$tmp/out" 'IK4*3*1068*7*X~' "... and copied into IK404"
# ... except with --no-bad-values.
run "$X12" ack --no-bad-values --date 20251123 --time 1200 "$tmp/code.837"
expect 1 "ack --no-bad-values"
has_text "$tmp/out" 'IK4*3*1068*7~' "--no-bad-values: IK4 without IK404"
cp "$tmp/out" "$tmp/nobad.999"
run "$X12" validate "$tmp/nobad.999"
expect 0 "--no-bad-values: the 999 validates clean"
# An 835 claim whose status holds a name.
sed 's/^\(CLP\*[^*]*\)\*[^*]*\*/\1*JANE DOE*/' "$remit" >"$tmp/clp.835"
for verb in "remit" "remit --json" "validate"; do
    run "$X12" $verb "$tmp/clp.835"
    cat "$tmp/out" "$tmp/err" >"$tmp/all"
    has_text "$tmp/all" "CLP02" "CLP02 'JANE DOE': $verb reports CLP02"
    lacks "$tmp/err" "CLP02 'JANE DOE': $verb quotes no name in a message" JANE
done

# ---- 10. exit codes and small things -----------------------------------------------
printf 'this is not X12\n' >"$tmp/noisa.txt"
: >"$tmp/empty.txt"
for f in noisa.txt empty.txt; do
    run "$X12" validate "$tmp/$f"
    vrc=$rc
    run "$X12" ack "$tmp/$f"
    expect 1 "ack of $f fails like validate"
    [ "$vrc" -eq 1 ] && ok "validate of $f: exit 1" || bad "validate of $f: exit $vrc"
    [ -s "$tmp/err" ] && ok "ack of $f says why" || bad "ack of $f: nothing on stderr"
done
for dt in "20251399 9999" "20250230 1200" "20251123 2400" "20251123 1260" "2025112 1200"; do
    set -- $dt
    run "$X12" ack --date "$1" --time "$2" "$ov"
    expect 2 "ack --date $1 --time $2 is refused"
    [ -s "$tmp/out" ] && bad "ack --date $1 --time $2 wrote a 999"
done
run "$X12" ack --date 20240229 --time 2359 "$ov"
expect 0 "ack --date 20240229 --time 2359"
cp "$tmp/out" "$tmp/leap.999"
has_text "$tmp/leap.999" '*240229*2359*' "the date and time are written"
run "$X12" validate "$tmp/leap.999"
expect 0 "... and the 999 validates clean"
# ISA11 the same byte as ISA16.
sed '1s/\*\^\*00501\*/*:*00501*/' "$ov" >"$tmp/isa11.837"
run "$X12" fmt "$tmp/isa11.837"
expect 1 "ISA11 = ISA16: fmt"
has_text "$tmp/err" ':1:ISA-11: ISA11, the repetition separator, is the same byte as the component separator (ISA16)' \
    "ISA11 = ISA16 is reported at ISA11"
# A write error is printed once, with exit 2.
if [ -w /dev/full ]; then
    for verb in "fmt" "info" "validate --json" "ack --date 20251123 --time 1200" "to-xml"; do
        "$X12" $verb "$ov" >/dev/full 2>"$tmp/err"
        rc=$?
        n=$(grep -c 'write error' "$tmp/err")
        if [ "$rc" -eq 2 ] && [ "$n" -eq 1 ]; then
            ok "$verb > /dev/full: one write error, exit 2"
        else
            bad "$verb > /dev/full: exit $rc, $n write errors"
            sed 's/^/    /' "$tmp/err" | head -n 4
        fi
    done
    # Output far past stdout's buffer, so the write fails while the verb
    # runs (for ack, in the middle of the 999): still said once.
    awk '/^ST\*/ { inset = 1 } inset { body[++n] = $0 } /^SE\*/ { inset = 0; next }
         !inset && /^GE\*/ { for (k = 1; k <= 9000; k++) for (i = 1; i <= n; i++) {
                                 l = body[i]; sub(/\*0001/, sprintf("*%04d", k), l)
                                 if (l ~ /^SE\*/) sub(/\*0001$|\*0001~/, sprintf("*%04d~", k), l)
                                 print l }
                             sub(/^GE\*1\*/, "GE*9000*") }
         !inset && !/^ST\*/ { print }' "$ov" >"$tmp/big.837"
    for verb in "ack --date 20251123 --time 1200" "to-xml" "fmt"; do
        "$X12" $verb "$tmp/big.837" >/dev/full 2>"$tmp/err"
        rc=$?
        n=$(grep -c 'write error' "$tmp/err")
        if [ "$rc" -eq 2 ] && [ "$n" -eq 1 ]; then
            ok "$verb of 9000 sets > /dev/full: one write error, exit 2"
        else
            bad "$verb of 9000 sets > /dev/full: exit $rc, $n write errors"
            sed 's/^/    /' "$tmp/err" | head -n 4
        fi
    done
else
    echo "skip write-error checks: no /dev/full"
fi
# Out of memory: exit 2, never 1.  The shim refuses allocations of 65536 to
# 131071 bytes: the reader's read buffer (64 KiB), after the window (196624
# bytes) was made.
shim=$(ls "$X12_BUILDDIR"/tests/.libs/libfailalloc.so 2>/dev/null)
if [ -n "$shim" ] && [ -z "${ASAN_OPTIONS:-}" ]; then
    for verb in "fmt" "info" "validate" "validate --json" "ack" "remit" "to-xml"; do
        f=$ov
        [ "$verb" = remit ] && f=$remit
        LD_PRELOAD=$shim X12_TEST_FAIL_ALLOC=65536-131071 "$X12" $verb "$f" >/dev/null \
            2>"$tmp/err"
        rc=$?
        if [ "$rc" -eq 2 ] && grep -q 'out of memory' "$tmp/err"; then
            ok "$verb out of memory: exit 2"
        else
            bad "$verb out of memory: exit $rc"
            sed 's/^/    /' "$tmp/err" | head -n 3
        fi
    done
    LD_PRELOAD=$shim X12_TEST_FAIL_ALLOC=1-0 "$X12" validate "$ov" >/dev/null 2>&1
    rc=$?
    [ "$rc" -eq 0 ] && ok "the shim with an empty range refuses nothing" ||
        bad "the shim alone changes the result: exit $rc"
else
    echo "skip out-of-memory checks: no shared tests/libfailalloc.so (static or sanitizer build)"
fi

finish

#!/bin/sh
# examples/demo.sh - a biller's day with the x12 tool, on the bundled examples
# (run by `make demo`; tests/demo.sh checks what it prints): verify coverage
# (270, and the payer's canned 271), build, validate and acknowledge the
# claims, read the clearinghouse's 277CA against them, read the remittance,
# the same remittance in pandas, reconcile the claims with it (the worklist),
# write the patients' statements, split.
#
#   sh examples/demo.sh X12 SRCDIR OUTDIR
#
# X12 is the x12 program, SRCDIR the source tree, OUTDIR a directory for the
# files made (created; its previous demo files are replaced).  Every step is
# an ordinary x12 command, shown before it runs; the output is the same on
# every run (the 999s are dated with --date/--time).
set -u
X12=$1
SRC=$2
OUT=$3
ENC=$SRC/examples/encounters
ERA=$SRC/examples/data/remittance.835
ELIG=$SRC/examples/data/eligibility.271
ACK277=$SRC/examples/data/claims.277ca
status=0

mkdir -p "$OUT" || exit 2
step() { printf '\n== %s\n' "$*"; }
show() { printf '$ %s\n' "$*"; }
# fail MESSAGE: a step did not do what the demo expects.
fail() { echo "demo: $*" >&2; status=1; }
# segment FILE ID: the segments with that id, one per line, terminator removed.
segment() { "$X12" fmt "$1" | grep "^$2[^A-Z0-9]" | sed 's/.$//'; }
# money AMOUNT: an X12 decimal ("185", "18.5") written with two decimals, as
# text (no floating point).
money() {
    case "$1" in
        *.?) echo "${1}0" ;;
        *.*) echo "$1" ;;
        *) echo "$1.00" ;;
    esac
}
# element FILE ID N: element N of the first ID segment (the separator is the
# ISA's fourth character).
element() {
    "$X12" fmt "$1" | awk -v id="$2" -v n="$3" '
        NR == 1 { e = substr($0, 4, 1) }
        { sub(/.$/, ""); split($0, f, e) }
        f[1] == id { print f[n + 1]; exit }'
}

step "1. Before the visit: is the patient covered? (x12 build -> 270)"
show "x12 build examples/requests/eligibility.xml > eligibility.270"
"$X12" build "$SRC/examples/requests/eligibility.xml" >"$OUT/eligibility.270" ||
    fail "x12 build eligibility.xml failed"
if "$X12" validate --strict "$OUT/eligibility.270" >"$OUT/eligibility.findings" 2>&1; then
    verdict="validates clean"
else
    verdict="DOES NOT VALIDATE"
    fail "eligibility.270 does not validate"
fi
printf '   270, %s segments: %s inquiries (%s), %s\n' \
    "$("$X12" fmt "$OUT/eligibility.270" | wc -l | tr -d ' ')" \
    "$(segment "$OUT/eligibility.270" EQ | wc -l | tr -d ' ')" \
    "$(segment "$OUT/eligibility.270" EQ | sed 's/^EQ.//' | tr '\n' ';' | sed 's/;$//; s/;/; /g' |
        tr '^' ' ')" \
    "$verdict"

step "2. Read the payer's answer (x12 eligibility)"
show "x12 eligibility examples/data/eligibility.271"
"$X12" eligibility "$ELIG" >"$OUT/eligibility.txt" 2>"$OUT/eligibility.err" ||
    fail "x12 eligibility: the answer has errors"
sed -e '/^ *payer EXAMPLE HEALTH PLAN/d' -e 's/^[^ ][^:]*: //' -e 's/^/   /' "$OUT/eligibility.txt"

step "3. Build the claims from coded encounters (x12 build)"
for pair in 837P:office-visit 837I:inpatient-stay 837P:patient-not-subscriber; do
    kind=${pair%%:*}
    name=${pair#*:}
    show "x12 build examples/encounters/$name.xml > $name.837"
    "$X12" build "$ENC/$name.xml" >"$OUT/$name.837" || fail "x12 build $name.xml failed"
    printf '   %s, %s segments: claim %s, charge %s, %s service lines\n' "$kind" \
        "$("$X12" fmt "$OUT/$name.837" | wc -l | tr -d ' ')" \
        "$(element "$OUT/$name.837" CLM 1)" "$(money "$(element "$OUT/$name.837" CLM 2)")" \
        "$(segment "$OUT/$name.837" LX | wc -l | tr -d ' ')"
done

step "4. Validate them against the 5010 guides (x12 validate)"
for name in office-visit inpatient-stay patient-not-subscriber; do
    show "x12 validate $name.837"
    if "$X12" validate "$OUT/$name.837" >"$OUT/$name.findings" 2>&1; then
        echo "   no findings: ready to send"
    else
        sed 's/^/   /' "$OUT/$name.findings"
        fail "$name.837 does not validate"
    fi
done

step "5. Acknowledge them as the receiver would (x12 ack -> 999)"
for name in office-visit inpatient-stay patient-not-subscriber; do
    show "x12 ack $name.837 > $name.999"
    "$X12" ack --date 20251124 --time 0800 "$OUT/$name.837" >"$OUT/$name.999" ||
        fail "x12 ack $name.837: not accepted"
    ik5=$(segment "$OUT/$name.999" IK5)
    ak9=$(segment "$OUT/$name.999" AK9)
    case "$ak9" in
        AK9?A?*) verdict="accepted" ;;
        AK9?E?*) verdict="accepted with errors" ;;
        *) verdict="REJECTED" ;;
    esac
    printf '   %s  %s  -> %s\n' "$ik5" "$ak9" "$verdict"
done

step "6. The clearinghouse answers every claim (x12 status --claims, 277CA)"
show "x12 status --claims office-visit.837 --claims inpatient-stay.837 examples/data/claims.277ca"
"$X12" status --claims "$OUT/office-visit.837" --claims "$OUT/inpatient-stay.837" "$ACK277" \
    >"$OUT/claims-status.txt" 2>"$OUT/claims-status.err" ||
    fail "x12 status: the 277CA has errors"
sed 's/^/   /' "$OUT/claims-status.txt"
grep -q "REJECTED\|NO ANSWER" "$OUT/claims-status.txt" && fail "a claim was rejected or not answered"

step "7. Read the payer's remittance (x12 remit --text --claims)"
show "x12 remit --text --claims examples/data/remittance.835"
"$X12" remit --text --claims "$ERA" >"$OUT/remittance.txt" 2>"$OUT/remittance.err" ||
    fail "x12 remit: the remittance has errors"
sed -e 's/^[^ ].*: payment/payment/' -e '/^$/d' "$OUT/remittance.txt"

step "8. The same remittance as pandas DataFrames (Python: libx12.remit_tables)"
# The Python package over the library just built: the Python that has numpy
# and pandas (configure's PYTHON first), the shared library beside the x12
# program.  A static-only build has no shared library: the step says so.
PY=""
for p in ${PYTHON:-} /usr/bin/python3 python3; do
    if "$p" -c 'import numpy, pandas' >/dev/null 2>&1; then
        PY=$p
        break
    fi
done
LIB=$(ls "$(dirname "$X12")"/../lib/.libs/libx12.so.[0-9]* 2>/dev/null | head -n 1)
show "python3 examples/remit_totals.py examples/data/remittance.835"
if [ -z "$LIB" ]; then
    echo "   (skipped: no shared library built beside $X12)"
elif [ -z "$PY" ]; then
    echo "   no Python 3 with numpy and pandas (apt-get install python3-numpy python3-pandas)"
    fail "remit_totals.py needs numpy and pandas"
else
    LIBX12_PATH=$LIB PYTHONPATH=$SRC/bindings/python${PYTHONPATH:+:$PYTHONPATH} \
        "$PY" "$SRC/examples/remit_totals.py" "$ERA" >"$OUT/remit-totals.txt" 2>"$OUT/remit-totals.err" ||
        fail "remit_totals.py failed: $(head -n 3 "$OUT/remit-totals.err")"
    sed 's/^/   /' "$OUT/remit-totals.txt"
fi

step "9. Reconcile the claims sent with the remittance: the worklist (x12 reconcile)"
show "x12 reconcile --as-of 20251215 --claims *.837 --remits examples/data/remittance.835 --acks examples/data/claims.277ca"
"$X12" reconcile --as-of 20251215 --claims "$OUT/office-visit.837" "$OUT/inpatient-stay.837" \
    "$OUT/patient-not-subscriber.837" --remits "$ERA" --acks "$ACK277" \
    >"$OUT/worklist.txt" 2>"$OUT/worklist.err" ||
    fail "x12 reconcile: the inputs have errors"
sed -n '/^Worklist/,/^Totals/p' "$OUT/worklist.txt" | sed -e '/^Totals/d' -e '/^$/d'

step "10. Write the patients' statements (x12 statements)"
show "x12 statements --as-of 20251215 -o statements.html --claims *.837 --remits remittance.835"
rm -f "$OUT/statements.html"
"$X12" statements --as-of 20251215 -o "$OUT/statements.html" --claims "$OUT/office-visit.837" \
    "$OUT/inpatient-stay.837" "$OUT/patient-not-subscriber.837" --remits "$ERA" 2>"$OUT/statements.err" ||
    fail "x12 statements failed"
printf '   %s statements (one printable page per patient), amounts due: %s\n' \
    "$(grep -c '<section class="statement">' "$OUT/statements.html")" \
    "$(sed -n 's/.*Amount due<\/dt><dd class="due">\(\$[0-9.,]*\)<.*/\1/p' "$OUT/statements.html" |
        tr '\n' ' ' | sed -e 's/ $//' -e 's/ /, /g')"

step "11. Split the claims file for a payer that takes one claim per file (x12 split)"
show "x12 split --claims=1 -o split office-visit.837 inpatient-stay.837"
rm -rf "$OUT/split"
"$X12" split --claims=1 -o "$OUT/split" --prefix=claim "$OUT/office-visit.837" \
    "$OUT/inpatient-stay.837" | sed "s|^$OUT/|   |" || fail "x12 split failed"

printf '\nFiles are in %s\n' "$OUT"
exit $status

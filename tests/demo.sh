#!/bin/sh
# tests/demo.sh - `make demo` (examples/demo.sh) does the whole job and says
# so: the 270 for the demo patient builds and validates clean, the canned
# 271 reads back (Jane Doe active with her deductible and copays, the
# dependent's rejection with its reason), the three claims build and
# validate clean, their 999s accept (IK5*A, AK9*A), the 277CA accepts the
# claims sent, the bundled 835 gives its payments (110.00 and 9500.00), one
# denied and one partly paid claim with their reasons (CO-16 with
# MA130/N290, CO-96 with N425), the patient's share per claim, the same
# totals by payer and payee from pandas (libx12.remit_tables), the
# reconciliation's worklist (correct and resubmit, appeal, bill the patient)
# and aging, two statements, and the split writes one file per claim.  The
# output is identical on a second run and fits in 140 lines (a biller reads
# it whole: each step shows a result, not a dump).
# Run by `make check` with X12_BUILDDIR; the sources are found from
# X12_TEST_DATA (tests/data).
. "$(dirname "$0")/lib.sh"

: "${X12_BUILDDIR:?}" "${X12_TEST_DATA:?}"
SRC=$(cd "$X12_TEST_DATA/../.." && pwd)

has() { grep -q -F -- "$2" "$tmp/out" && ok "$1" || bad "$1: '$2' not in the demo's output"; }
count() { n=$(grep -c -F -- "$3" "$tmp/out"); [ "$n" -eq "$2" ] && ok "$1" || bad "$1: $n, want $2"; }

sh "$SRC/examples/demo.sh" "$X12" "$SRC" "$tmp/d1" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] && ok "demo runs (exit 0)" || { bad "demo exit $rc"; sed 's/^/    /' "$tmp/err"; }
has "270 built and clean" "270, 28 segments: 2 inquiries (30 98 UC; 30), validates clean"
has "271: the patient is covered" "subscriber 1: DOE, JANE (member XJ0000000001) active"
has "271: deductible and what remains" "deductible 1500.00, 600.00 left; out of pocket 5000.00, 4200.50 left; coinsurance 20%"
has "271: office visit copay" "98  Physician office visit: copay 25.00"
has "271: the dependent's rejection" "Birth date does not match the payer's record of the patient (AAA03 71, loop 2100D)"
has "277CA: office visit accepted" "claim PCN-2025-0001    accepted           185.00  payer claim EHP25328000417"
has "277CA: inpatient stay accepted" "claim IP-250110-77     accepted         18450.00  payer claim EHP25021000077"
has "277CA: every claim answered" "2 claims sent: 2 accepted"
has "837P built" "837P, 34 segments: claim PCN-2025-0001, charge 185.00, 2 service lines"
has "837I built" "837I, 46 segments: claim IP-250110-77, charge 18450.00, 3 service lines"
has "the child's claim built" "837P, 34 segments: claim PCN-2025-0733, charge 155.00, 2 service lines"
count "the claims validate clean" 3 "no findings: ready to send"
count "the 999s accept (IK5*A, AK9*A)" 3 "IK5*A  AK9*A*1*1*1  -> accepted"
has "payment to the practice" "amount        110.00 credit via ACH on 20251208"
has "payment to the hospital" "amount        9500.00 credit via ACH on 20251208"
has "paid claim with the patient's share" "claim PCN-2025-0001      paid            charged 185.00, paid 110.00, patient owes 30.00"
count "one denied claim" 1 "    denied                  1  paid 0.00"
has "denial reason with its amount" "CO-16        155.00  Claim or line is missing information"
has "denial remarks" "MA130        remark"
has "partly paid claim" "claim IP-250110-77       partially_paid  charged 18450.00, paid 9500.00, patient owes 1500.00"
has "partly paid reason" "CO-96       1850.00  Charge is not covered"
count "both payments balance" 2 "balance       BPR02 = claim payments - provider adjustments"
# Step 5, the pandas path: totals by payer and payee, and the reasons, from
# libx12.remit_tables (when the shared library was built: not in the
# static-only ASan build).
if ls "$X12_BUILDDIR"/lib/.libs/libx12.so.[0-9]* >/dev/null 2>&1; then
    has "pandas: the practice's totals" "EXAMPLE HEALTH PLAN  RIVERSIDE FAMILY PRACTICE       2     340.00     110.00    155.00     30.00"
    has "pandas: the hospital's totals" "EXAMPLE HEALTH PLAN  MERCY GENERAL HOSPITAL          1   18450.00    9500.00      0.00   1500.00"
    has "pandas: denial reasons" "CO-16    2x    155.00  Claim or line is missing information"
else
    has "pandas step skipped without a shared library" "(skipped: no shared library built"
fi
has "worklist: the denied claim to correct" "  correct_and_resubmit (1)"
has "worklist: its reason" "CO-16       155.00 MA130 N290  (correct_and_resubmit)"
has "worklist: the partly paid claim to appeal" "IP-250110-77         partially_paid 2025-01-10 EHP01    charged  18450.00  paid   9500.00"
has "worklist: the paid claim, the patient billed" "  bill_patient (1)"
has "aging by payer" "EHP01 EXAMPLE HEALTH PLAN            0.00       0.00       0.00       0.00    2005.00     2005.00"
has "statements written" "2 statements (one printable page per patient), amounts due: \$1,500.00, \$30.00"
has "split: one file per claim" "split/claim-000002.x12"
[ -s "$tmp/d1/office-visit.999" ] && [ -s "$tmp/d1/split/claim-000001.x12" ] &&
    [ -s "$tmp/d1/eligibility.270" ] && [ -s "$tmp/d1/statements.html" ] &&
    [ -s "$tmp/d1/worklist.txt" ] &&
    ok "files written to the output directory" || bad "demo files missing"
n=$(wc -l <"$tmp/out")
[ "$n" -le 140 ] && ok "demo output is $n lines" || bad "demo output is $n lines (> 140)"
sh "$SRC/examples/demo.sh" "$X12" "$SRC" "$tmp/d2" 2>/dev/null | sed "s|$tmp/d2|$tmp/d1|" >"$tmp/out2"
cmp -s "$tmp/out" "$tmp/out2" && ok "a second run prints the same" || bad "demo output differs between runs"

finish

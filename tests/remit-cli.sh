#!/bin/sh
# tests/remit-cli.sh - `x12 remit` end to end: JSON shape and values, CSV
# rows for posting, text summary, stdin and gzip, exit codes, no PHI in
# messages.  Run by `make check` with X12_BUILDDIR and X12_TEST_DATA.
set -u

: "${X12_BUILDDIR:?}" "${X12_TEST_DATA:?}"
X12=$X12_BUILDDIR/tools/x12
D=$X12_TEST_DATA
pass=0
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/x12remit.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
expect_rc() { [ "$2" -eq "$3" ] && ok "$1: exit $3" || bad "$1: exit $3, want $2"; }
has() { grep -q -- "$2" "$3" && ok "$1" || bad "$1: '$2' not in $3"; }

# JSON: the reversal file's payment, PLB with its negative amount, pairing.
"$X12" remit --json "$D/remit-reversal.x12" >"$tmp/json" 2>"$tmp/err"
expect_rc "remit --json remit-reversal.x12" 0 $?
has "payment amount in cents" '"amount_cents":7525,' "$tmp/json"
has "PLB kept with its sign" '"reason":"L6","reason_text":"Interest paid on claims (usually for paying them late).","reference":"INT20240131","amount_cents":-525' "$tmp/json"
has "reversal paired with its correction" '"reversal_pairs":\[{"reversal":0,"correction":1}\]' "$tmp/json"
has "claim status text" '"status":"22","status_text":"Takes back an earlier payment (reversal)."' "$tmp/json"
if command -v python3 >/dev/null 2>&1; then
    "$X12" remit --json "$D"/remit-*.x12 >"$tmp/all.json" 2>/dev/null
    if python3 - "$tmp/all.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
p = d["payments"]
assert len(p) == 6, len(p)
need = {"amount_cents", "method", "trace_number", "payment_date", "payer", "payee",
        "claims", "provider_adjustments", "balance_warnings"}
for pay in p:
    assert need <= set(pay), need - set(pay)
    for c in pay["claims"]:
        assert {"patient_control_number", "status", "status_text", "charge_cents",
                "paid_cents", "patient_responsibility_cents", "payer_claim_control_number",
                "adjustments", "remarks", "services", "denial", "balance_warnings"} <= set(c)
        for s in c["services"]:
            assert {"procedure", "modifiers", "charge_cents", "paid_cents", "units",
                    "line_item_control_number", "adjustments", "remarks"} <= set(s)
unb = [x for x in p if x["trace_number"] == "CHK5550004"][0]
assert [w["rule"] for w in unb["balance_warnings"]] == ["balance-payment"]
assert [w["rule"] for w in unb["claims"][1]["balance_warnings"]] == ["balance-line", "balance-claim"]
den = [x for x in p if x["trace_number"] == "CHK5550002"][0]["claims"][1]
assert den["denial"]["outcome"] == "partially_paid"
assert [(r["group"], r["reason"], r["amount_cents"]) for r in den["denial"]["reasons"]] == [("CO", "97", 5000)]
PY
    then ok "remit --json of every fixture is valid JSON of the documented shape"
    else bad "remit --json shape"
    fi
fi

# A contact whose first number pair is empty (PER03/04) but the second is
# not: the numbers list must still be valid JSON (it once began "[,{").
sed 's/PER\*BL\*PROVIDER SERVICES\*TE\*8005550142~/PER*BL*PROVIDER SERVICES***EM*EDI@EXAMPLE.COM~/' \
    "$D/remit-denials.x12" >"$tmp/per.x12"
"$X12" remit --json "$tmp/per.x12" >"$tmp/per.json" 2>"$tmp/err"
expect_rc "remit --json with PER03 empty" 0 $?
has "contact numbers skip the empty pair" '"numbers":\[{"qualifier":"EM","number":"EDI@EXAMPLE.COM"}\]' "$tmp/per.json"

# --text --claims: a line per claim, reasons summed per code under a denial,
# remark codes once each with their meaning.
"$X12" remit --text --claims "$D/remit-denials.x12" >"$tmp/claims" 2>"$tmp/err"
expect_rc "remit --text --claims remit-denials.x12" 0 $?
has "claims: denied claim line" 'claim DEN-001            denied          charged 1200.00, paid 0.00' "$tmp/claims"
has "claims: reason with its amount and text" 'CO-29         50.00  Filing deadline has passed.' "$tmp/claims"
has "claims: claim remark (MOA)" 'MA130        remark  Claim cannot be processed' "$tmp/claims"
has "claims: line remark (LQ)" 'N290         remark  ' "$tmp/claims"
has "claims: patient share of a claim" 'claim DEN-003            no_payment      charged 80.00, paid 0.00, patient owes 80.00' "$tmp/claims"
[ "$(grep -c 'remark  M15' "$tmp/claims")" -le 1 ] && ok "claims: a remark is listed once" || bad "remark repeated"
"$X12" remit --json --claims "$D/remit-denials.x12" >/dev/null 2>&1
expect_rc "remit --json --claims (usage)" 2 $?

# CSV: one row per service line, one for a claim without lines.
"$X12" remit --csv "$D/remit-multi.x12" >"$tmp/csv" 2>"$tmp/err"
expect_rc "remit --csv remit-multi.x12" 0 $?
[ "$(wc -l <"$tmp/csv")" -eq 5 ] && ok "CSV: header + 4 rows" || bad "CSV rows: $(wc -l <"$tmp/csv")"
has "CSV line row" ',MLT-201,HCN3001,2,paid,DUBOIS,CLAIRE,120.00,45.00,0.00,,1,HC,97110,GP,,20240220,2,,120.00,,45.00,' "$tmp/csv"
has "CSV claim without lines" ',MLT-102,HCN2002,1,paid,CHEN,WEI,400.00,300.00,0.00,CO-45:100.00,,,,,,,,,400.00,,300.00,' "$tmp/csv"

# Text, standard input, gzip.
"$X12" remit <"$D/remit-denials.x12" >"$tmp/text" 2>"$tmp/err"
expect_rc "remit < remit-denials.x12" 0 $?
has "text: outcome counts" 'partially_paid          1  paid 100.00' "$tmp/text"
has "text: top denial reason" 'CO-16       1x       100.00' "$tmp/text"
if command -v gzip >/dev/null 2>&1; then
    gzip -c "$D/remit-denials.x12" | "$X12" remit --text - >"$tmp/gz" 2>"$tmp/err"
    expect_rc "gzip | remit -" 0 $?
    cmp -s "$tmp/text" "$tmp/gz" && ok "gzip'd stdin gives the same summary" || bad "gzip differs"
fi

# Warnings do not change the exit status; errors do; no PHI in messages.
"$X12" remit "$D/remit-unbalanced.x12" >/dev/null 2>"$tmp/err"
expect_rc "remit remit-unbalanced.x12" 0 $?
has "balance warning located" 'remit-unbalanced.x12:24:SVC-03: warning: service line 1 does not balance' "$tmp/err"
"$X12" remit --csv "$D/remit-malformed.x12" >/dev/null 2>"$tmp/err"
expect_rc "remit remit-malformed.x12" 1 $?
has "bad amount located" 'remit-malformed.x12:19:CLP-03: CLP03 is not a valid amount' "$tmp/err"
if grep -q 'MAL-SECRET\|PRIVATEPERSON\|JOSEPHINE\|CONFIDENTIALNAME\|W999888' "$tmp/err"; then
    bad "a message quotes a patient control number, name or id"
else
    ok "no patient control number, name or id in any message"
fi
"$X12" remit "$tmp/missing.835" >/dev/null 2>&1
expect_rc "remit of a missing file" 2 $?
"$X12" remit --xml "$D/remit-multi.x12" >/dev/null 2>&1
expect_rc "remit --xml (unknown option)" 2 $?

echo "remit-cli.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

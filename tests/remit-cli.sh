#!/bin/sh
# tests/remit-cli.sh - `x12 remit` end to end: JSON shape and values, CSV
# rows for posting, text summary, stdin and gzip, exit codes, no PHI in
# messages, files that are not 835s, junk that floods the diagnostics.
# Run by `make check` with X12_BUILDDIR, X12_TEST_DATA and PYTHON.
# tests/remit-out.sh checks that every output agrees with the others.
. "$(dirname "$0")/lib.sh"

: "${X12_BUILDDIR:?}" "${X12_TEST_DATA:?}"
D=$X12_TEST_DATA

# JSON: the reversal file's payment, PLB with its negative amount, pairing.
"$X12" remit --json "$D/remit-reversal.x12" >"$tmp/json" 2>"$tmp/err"
expect_rc "remit --json remit-reversal.x12" 0 $?
has "payment amount in cents" '"amount_cents":7525,' "$tmp/json"
has "PLB kept with its sign" '"reason":"L6","reference":"INT20240131","amount_cents":-525' "$tmp/json"
has "reversal paired with its correction" '"reversal_pairs":\[{"reversal":0,"correction":1}\]' "$tmp/json"
has "the correction names its reversal" '"reversal_of":0,' "$tmp/json"
grep -q '_text"' "$tmp/json" && bad "descriptions without --describe" || ok "no descriptions without --describe"
grep -q '""\|\[\]\|{}\|null\|false' "$tmp/json" && bad "an empty value in the JSON" ||
    ok "no empty string, list, object, null or false in the JSON"
[ "$(head -c 14 "$tmp/json")" = '{"payments":[' ] && [ "$(wc -l <"$tmp/json")" -eq 7 ] &&
    ok "a line per payment and per claim" || bad "JSON lines: $(wc -l <"$tmp/json")"
"$X12" remit --json --describe "$D/remit-reversal.x12" >"$tmp/djson" 2>"$tmp/err"
expect_rc "remit --json --describe" 0 $?
has "--describe: PLB reason text" '"reason":"L6","reason_text":"Interest paid on claims (usually for paying them late).","reference":"INT20240131","amount_cents":-525' "$tmp/djson"
has "--describe: claim status text" '"status":"22","status_text":"Takes back an earlier payment (reversal)."' "$tmp/djson"
has "--describe: CARC text" '"reason":"45","reason_text":"' "$tmp/djson"
"$X12" remit --json "$D"/remit-*.x12 >"$tmp/all.json" 2>/dev/null
if "$PYTHON" - "$tmp/all.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
p = d["payments"]
assert len(p) == 6, len(p)
for pay in p:
    # always there: the payment's amount, totals, position
    assert {"index", "amount_cents", "totals", "segment_number", "file"} <= set(pay), set(pay)
    for c in pay.get("claims", []):
        # every money key, even when 0
        assert {"charge_cents", "paid_cents", "patient_responsibility_cents",
                "patient_share", "outcome", "index", "segment_number"} <= set(c), set(c)
        for s in c.get("services", []):
            assert {"charge_cents", "paid_cents", "patient_share", "line", "outcome"} <= set(s)
            assert set(s["patient_share"]) == {"deductible_cents", "coinsurance_cents",
                                               "copay_cents", "other_cents", "total_cents"}
unb = [x for x in p if x["trace_number"] == "CHK5550004"][0]
assert [w["rule"] for w in unb["balance_warnings"]] == ["balance-payment"]
assert "balanced" not in unb
assert [w["rule"] for w in unb["claims"][1]["balance_warnings"]] == ["balance-line", "balance-claim"]
den = [x for x in p if x["trace_number"] == "CHK5550002"][0]["claims"][1]
assert den["denial"]["outcome"] == "partially_paid"
assert [(r["group"], r["reason"], r["amount_cents"]) for r in den["denial"]["reasons"]] == [("CO", "97", 5000)]
paid = [c for x in p for c in x.get("claims", []) if c["outcome"] == "paid"]
assert paid and all("denial" not in c for c in paid)
PY
then ok "remit --json of every fixture has the documented keys and values"
else bad "remit --json shape"
fi

# JSON Lines: a payment line, its claims, its end.
"$X12" remit --jsonl "$D/remit-reversal.x12" >"$tmp/jsonl" 2>"$tmp/err"
expect_rc "remit --jsonl remit-reversal.x12" 0 $?
[ "$(cut -c1-22 "$tmp/jsonl" | tr '\n' ' ')" = '{"type":"payment","ind {"type":"claim","payme {"type":"claim","payme {"type":"claim","payme {"type":"payment_end", ' ] &&
    ok "JSON Lines: payment, claims, payment_end" || bad "JSON Lines order: $(cut -c1-22 "$tmp/jsonl")"
has "JSON Lines: a claim names its payment" '^{"type":"claim","payment_index":0,"trace_number":"CHK5550001","index":1,' "$tmp/jsonl"
has "JSON Lines: the end has the totals" '^{"type":"payment_end","payment_index":0,"trace_number":"CHK5550001",.*"totals":{"claims":3,' "$tmp/jsonl"

# Usage errors.
"$X12" remit --csv --describe "$D/remit-multi.x12" >/dev/null 2>"$tmp/err"
expect_rc "remit --csv --describe (usage)" 2 $?
"$X12" remit --csv=rows "$D/remit-multi.x12" >/dev/null 2>"$tmp/err"
expect_rc "remit --csv=rows (usage)" 2 $?
has "--csv=rows names the grains" 'lines, claims or adjustments' "$tmp/err"
"$X12" remit --max-diagnostics=x "$D/remit-multi.x12" >/dev/null 2>&1
expect_rc "remit --max-diagnostics=x (usage)" 2 $?

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
"$X12" remit --csv=lines "$D/remit-multi.x12" 2>/dev/null | cmp -s - "$tmp/csv" &&
    ok "--csv=lines is --csv" || bad "--csv=lines differs from --csv"
"$X12" remit --csv=claims "$D/remit-multi.x12" >"$tmp/claims.csv" 2>"$tmp/err"
expect_rc "remit --csv=claims" 0 $?
[ "$(wc -l <"$tmp/claims.csv")" -eq 5 ] && ok "CSV claims: header + 4 rows" || bad "claims rows"
has "CSV claims header" ',claim_adjustments,filing_indicator,facility_code,frequency,statement_from,statement_to,received,lines,deductible,coinsurance,copay,other_patient_responsibility,contractual,other_adjustments,denial_reasons,remarks,reversal_of,balanced$' "$tmp/claims.csv"
has "CSV claims row" ',MLT-101,HCN2001,1,paid,RIVERA,ANA,500.00,400.00,50.00,CO-45:50.00,12,11,1,20240210,,,1,0.00,50.00,0.00,0.00,50.00,0.00,,,,true$' "$tmp/claims.csv"
"$X12" remit --csv=adjustments "$D/remit-multi.x12" >"$tmp/adj.csv" 2>"$tmp/err"
expect_rc "remit --csv=adjustments" 0 $?
has "CSV adjustments header" '^file,payment_index,trace_number,claim_index,patient_control_number,payer_claim_control_number,line,procedure,group,reason,amount,quantity$' "$tmp/adj.csv"
has "CSV adjustment, claim level" ',0,MLT-101,HCN2001,0,,CO,45,50.00,$' "$tmp/adj.csv"
has "CSV adjustment, line level" ',0,MLT-101,HCN2001,1,99214,PR,2,50.00,$' "$tmp/adj.csv"

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

# Not an 835: an 837 gives an error and exit 1, not an empty success; a
# file with an 835 and other sets reads the 835 and warns about the rest.
"$X12" remit --json "$D/claim837-office-visit.837" >"$tmp/837.json" 2>"$tmp/err"
expect_rc "remit --json on an 837" 1 $?
has "an 837 is not an 835" 'claim837-office-visit.837: not an 835: no 835 transaction set in the file (1 other set skipped)' "$tmp/err"
has "an 837: the skipped set is named" 'warning: transaction set 837 is not an 835' "$tmp/err"
has "an 837: the JSON is still a document" '^{"payments":\[$' "$tmp/837.json"
"$X12" remit "$D/cli-small.x12" >/dev/null 2>"$tmp/err"
expect_rc "remit on a non-835 (text)" 1 $?
has "non-835: not an 835" 'not an 835' "$tmp/err"
: >"$tmp/empty.835"
"$X12" remit --csv "$tmp/empty.835" >"$tmp/empty.csv" 2>"$tmp/err"
expect_rc "remit on an empty file" 1 $?
has "empty: not an 835" 'empty.835: not an 835: no 835 transaction set in the file' "$tmp/err"
[ "$(wc -l <"$tmp/empty.csv")" -eq 1 ] && ok "empty: the CSV header alone" || bad "empty CSV"
cat "$D/remit-multi.x12" "$D/claim837-office-visit.837" >"$tmp/mixed.x12"
"$X12" remit --json "$tmp/mixed.x12" >"$tmp/mixed.json" 2>"$tmp/err"
expect_rc "remit on an 835 followed by an 837" 0 $?
has "mixed: the 837 set is skipped with a warning" 'warning: transaction set 837 is not an 835; its segments are skipped' "$tmp/err"
grep -q 'not an 835: no 835' "$tmp/err" && bad "mixed: called not an 835" || ok "mixed: the 835 is read"
has "mixed: its payments are written" '"trace_number":"EFT20240301A"' "$tmp/mixed.json"

# 400,000 junk segments in a payment header: the first 100 diagnostics are
# printed and the rest counted (memory stays flat: tests/check_remit835.c
# and make bench-remit), every claim is still read, exit 1.
"$PYTHON" - "$D/remit-multi.x12" "$tmp/junk.835" <<'PY'
import sys
src = open(sys.argv[1], "rb").read()
i = src.index(b"LX*1~")
open(sys.argv[2], "wb").write(src[:i] + b"!!~\n" * 200000 + b"CAS~\n" * 200000 + src[i:])
PY
"$X12" remit --csv "$tmp/junk.835" >"$tmp/junk.csv" 2>"$tmp/err"
expect_rc "remit on 400,000 junk segments" 1 $?
[ "$(wc -l <"$tmp/err")" -eq 101 ] && ok "junk: 100 diagnostics and a count" || bad "junk: $(wc -l <"$tmp/err") lines on stderr"
has "junk: the rest are counted" 'junk.835: 399901 more diagnostics not shown (399901 errors, 0 warnings); --max-diagnostics=0 shows all' "$tmp/err"
"$X12" remit --csv "$D/remit-multi.x12" 2>/dev/null | tail -n +2 | sed 's/^[^,]*,//' >"$tmp/want.rows"
tail -n +2 "$tmp/junk.csv" | sed 's/^[^,]*,//' | cmp -s - "$tmp/want.rows" &&
    ok "junk: every claim still read" || bad "junk: rows differ"
"$X12" remit --max-diagnostics=0 --csv "$tmp/junk.835" >/dev/null 2>"$tmp/err"
expect_rc "remit --max-diagnostics=0 on junk" 1 $?
[ "$(wc -l <"$tmp/err")" -eq 400001 ] && ok "--max-diagnostics=0 prints them all" || bad "all: $(wc -l <"$tmp/err")"
"$X12" remit --max-diagnostics=3 --text "$tmp/junk.835" >/dev/null 2>"$tmp/err"
[ "$(wc -l <"$tmp/err")" -eq 4 ] && ok "--max-diagnostics=3" || bad "three: $(wc -l <"$tmp/err")"

finish

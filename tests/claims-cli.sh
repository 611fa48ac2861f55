#!/bin/sh
# tests/claims-cli.sh - `x12 claims` end to end: JSON, JSON lines and CSV
# values against the goldens, the text listing, stdin and gzip, exit codes,
# located not-kept warnings and errors, no PHI in messages.  Run by
# `make check` with X12_BUILDDIR, X12_TEST_DATA and PYTHON.
. "$(dirname "$0")/lib.sh"

: "${X12_BUILDDIR:?}" "${X12_TEST_DATA:?}"
D=$X12_TEST_DATA

G="$D/claim837-office-visit.837 $D/claim837-inpatient-stay.837 $D/claim837-secondary-claim.837"

# JSON: the values of the goldens, field by field.
# shellcheck disable=SC2086
"$X12" claims --json $G >"$tmp/json" 2>"$tmp/err"
expect_rc "claims --json of three goldens" 0 $?
[ -s "$tmp/err" ] && bad "nothing on stderr for the goldens: $(head -3 "$tmp/err")" || ok "goldens: no diagnostic"
if "$PYTHON" - "$tmp/json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c = d["claims"]
assert len(c) == 3, len(c)
ov, ip, sec = c
assert ov["kind"] == "837P" and ov["pcn"] == "PCN-2025-0001" and ov["charge_cents"] == 18500
assert ov["payer"] == {"name": "EXAMPLE HEALTH PLAN", "payer_id": "EHP01"}
assert ov["subscriber"]["member_id"] == "XJ0000000001"
assert ov["billing_provider"]["npi"] == "1234567893"
assert [(x["code"], x["kind"]) for x in ov["diagnoses"]] == [("J0300", "principal"), ("R509", "other")]
assert [(l["procedure"], l["modifiers"], l["charge_cents"], l["units"], l["service_from"],
         l["control_number"], l["pointers"]) for l in ov["lines"]] == [
    ("99213", ["25"], 12500, "1", "20251120", "LINE0001", [1, 2]),
    ("87880", [], 6000, "1", "20251120", "LINE0002", [1])]
assert sum(l["charge_cents"] for l in ov["lines"]) == ov["charge_cents"]
assert ov["segment_number"] == 21 and ov["set_control_number"] == "0001"
assert ip["kind"] == "837I" and ip["bill_type"] == "111" and ip["charge_cents"] == 1845000
assert [(x["code"], x.get("poa")) for x in ip["diagnoses"]] == [
    ("K3580", "Y"), ("R1031", None), ("E119", "Y"), ("K9189", "N")]
assert {(x["kind"], x["code"]) for x in ip["codes"]} == {
    ("principal_procedure", "0DTJ4ZZ"), ("occurrence", "11"), ("value", "80"), ("condition", "39")}
assert [p["role"] for p in ip["providers"]] == ["attending", "operating"]
assert [(l["revenue_code"], l["charge_cents"]) for l in ip["lines"]] == [
    ("0120", 960000), ("0250", 185000), ("0360", 700000)]
assert ip["lines"][1]["noncovered_cents"] == 5000
op = sec["other_payers"][0]
assert (op["responsibility"], op["payer_id"], op["paid_cents"]) == ("P", "MCRB01", 14400)
assert [a["paid_cents"] for l in sec["lines"] for a in l["adjudications"]] == [10400, 4000]
assert all(x["not_kept"] == 0 for x in c)
PY
then ok "claims --json values"
else bad "claims --json values"
fi

# JSON lines: the same objects, one per line.
# shellcheck disable=SC2086
"$X12" claims --jsonl $G >"$tmp/jsonl" 2>/dev/null
expect_rc "claims --jsonl" 0 $?
[ "$(wc -l <"$tmp/jsonl")" -eq 3 ] && ok "JSON lines: one per claim" || bad "JSON lines: $(wc -l <"$tmp/jsonl")"
if "$PYTHON" - "$tmp/json" "$tmp/jsonl" <<'PY'
import json, sys
a = json.load(open(sys.argv[1]))["claims"]
b = [json.loads(l) for l in open(sys.argv[2])]
assert a == b
PY
then ok "JSON lines hold the JSON document's claims"
else bad "JSON lines differ from --json"
fi

# CSV: one row per line, charges in cents, modifiers space-separated.
"$X12" claims --csv "$D/claim837-multi-line-modifiers.837" >"$tmp/csv" 2>"$tmp/err"
expect_rc "claims --csv" 0 $?
[ "$(wc -l <"$tmp/csv")" -eq 5 ] && ok "CSV: header + 4 rows" || bad "CSV rows: $(wc -l <"$tmp/csv")"
has "CSV header" '^file,kind,set_index,claim_index,segment_number,pcn,member_id,payer_id' "$tmp/csv"
has "CSV line with two modifiers and the line's rendering provider" \
    ',ORT-58812,ABC123456789,EHP01,EXAMPLE HEALTH PLAN,1987654328,61500,1,11,20250303,20250304,M1711 M25561 Z79899,4,73562,26 RT,,20000,1,UN,20250304,,ORT58812-4,1555000037,0$' "$tmp/csv"
has "CSV line falling back to the claim's rendering provider" ',1,99214,25,,18000,1,UN,20250303,,ORT58812-1,1444000024,0$' "$tmp/csv"

# Text: by position, nothing identifying.
"$X12" claims "$D/claim837-office-visit.837" >"$tmp/text" 2>"$tmp/err"
expect_rc "claims (text)" 0 $?
has "text: the claim" 'claim837-office-visit.837: 837P claim 1 (set 1, segment 21): 2 lines, charge 185.00, payer EHP01, place 11, frequency 1, dx J0300 R509' "$tmp/text"
has "text: a line" '  line 1: 99213:25 125.00 x1 UN 20251120' "$tmp/text"
has "text: the total" 'claim837-office-visit.837: 1 claim, 2 lines' "$tmp/text"
hasnt "text: no patient control number" 'PCN-2025-0001' "$tmp/text"
hasnt "text: no member id" 'XJ0000000001' "$tmp/text"

# Standard input, gzip.
"$X12" claims --jsonl - <"$D/claim837-office-visit.837" >"$tmp/stdin" 2>/dev/null
expect_rc "claims - < file" 0 $?
if command -v gzip >/dev/null 2>&1; then
    gzip -c "$D/claim837-office-visit.837" >"$tmp/ov.837.gz"
    "$X12" claims --jsonl "$tmp/ov.837.gz" >"$tmp/gz" 2>/dev/null
    expect_rc "claims FILE.gz" 0 $?
    sed 's/"file":"[^"]*"//' "$tmp/stdin" >"$tmp/a"
    sed 's/"file":"[^"]*"//' "$tmp/gz" >"$tmp/b"
    cmp -s "$tmp/a" "$tmp/b" && ok "stdin and .gz give the same claims" || bad "stdin and .gz differ"
    gzip -c "$D/claim837-office-visit.837" | "$X12" claims --jsonl - >"$tmp/gzin" 2>/dev/null
    sed 's/"file":"[^"]*"//' "$tmp/gzin" >"$tmp/c"
    cmp -s "$tmp/a" "$tmp/c" && ok "gzip'd stdin too" || bad "gzip'd stdin differs"
fi

# Warnings keep exit 0; errors give 1; each located; no PHI in messages.
"$X12" claims --csv "$D/claims-broken.837" >"$tmp/bcsv" 2>"$tmp/berr"
expect_rc "claims of a file with errors" 1 $?
has "not-kept element located" 'claims-broken.837:17:CLM-13: warning: CLM13 in loop 2300 is not kept by the claim model' "$tmp/berr"
hasnt "the claim's file information (K3) is kept: no warning" 'claims-broken.837:18:' "$tmp/berr"
has "bad amount located" 'claims-broken.837:25:SV1-02: SV102 is not an amount' "$tmp/berr"
has "broken HL located" "claims-broken.837:27:HL-02: subscriber HL 3 names parent HL '7', not the billing provider HL 1 above it: read under HL 1" "$tmp/berr"
has "skipped claim located" 'claims-broken.837:37:CLM: claim skipped (up to the next HL): its HL loop was skipped' "$tmp/berr"
[ "$(wc -l <"$tmp/bcsv")" -eq 4 ] && ok "the readable claims' three lines are listed" || bad "rows: $(wc -l <"$tmp/bcsv")"
has "the claim under the broken HL is read" ',31,SECRET-PCN-2,' "$tmp/bcsv"
has "a line whose charge is not a number has none" ',2,87880,,,,1,UN,20250401,,,,1$' "$tmp/bcsv"
hasnt "no PCN, name, member id or note in a message" 'SECRET-PCN\|PRIVATEPERSON\|JOSEPHINE\|W999888\|CONFIDENTIALNOTE' "$tmp/berr"
"$X12" claims "$D/claims-broken.837" >"$tmp/btext" 2>/dev/null
has "text total counts the skipped claim" 'claims-broken.837: 2 claims, 3 lines, 1 skipped, 1 not-kept warnings' "$tmp/btext"
"$X12" claims "$D/claim837-office-visit.837" "$tmp/missing.837" >/dev/null 2>&1
expect_rc "claims with a missing file" 2 $?
"$X12" claims --xml "$D/claim837-office-visit.837" >/dev/null 2>&1
expect_rc "claims --xml (unknown option)" 2 $?
"$X12" claims --help >"$tmp/help" 2>&1
expect_rc "claims --help" 0 $?
has "help names the formats" '\-\-jsonl' "$tmp/help"

# Every role is listed, not only the first eight: the ambulance pick-up
# (no name, no id) and drop-off locations of 2310E/F.
"$X12" claims --json "$D/claim837-ambulance-transport.837" >"$tmp/amb" 2>/dev/null
expect_rc "claims --json of the ambulance claim" 0 $?
has "the pick-up location is a provider" '{"role":"ambulance_pickup"}' "$tmp/amb"
has "the drop-off location is a provider" '{"role":"ambulance_dropoff","name":"MERCY GENERAL HOSPITAL"}' "$tmp/amb"

finish

#!/bin/sh
# tests/txn-cli.sh - the first and last steps of the day end to end: 270
# and 276 built by `x12 build` (byte for byte, then validated strictly and
# acknowledged), 271 read by `x12 eligibility`, 277 and 277CA read by
# `x12 status` and joined to the 837 sent, exit codes, stdin and gzip, and
# no identifying values in messages.  Run by `make check` with X12_BUILDDIR,
# X12_TEST_DATA, X12_EXAMPLE_DATA and PYTHON.
. "$(dirname "$0")/lib.sh"

: "${X12_BUILDDIR:?}" "${X12_TEST_DATA:?}" "${X12_EXAMPLE_DATA:?}"
D=$X12_TEST_DATA
E=$X12_EXAMPLE_DATA
REQ=$E/../requests

count() { n=$(grep -c -- "$2" "$4"); [ "$n" -eq "$3" ] && ok "$1: $n" || bad "$1: $n, want $3"; }
same_as() { cmp -s "$2" "$3" && ok "$1" || { bad "$1: $2 and $3 differ"; diff "$2" "$3" | head -10; }; }
# Segments of an X12 file, one per line (the fixtures end segments with ~).
segs() { tr -d '\n' <"$1" | tr '~' '\n'; }

# ---- 270: built from the example request, checked, acknowledged ----------
"$X12" build "$REQ/eligibility.xml" >"$tmp/elig.270" 2>"$tmp/err"
expect_rc "build eligibility.xml" 0 $?
same_as "270 is examples/data/eligibility.270 byte for byte" "$tmp/elig.270" "$E/eligibility.270"
"$X12" validate --strict "$tmp/elig.270" >"$tmp/v" 2>&1
expect_rc "validate --strict of the built 270" 0 $?
"$X12" ack "$tmp/elig.270" >"$tmp/ack" 2>"$tmp/err"
expect_rc "ack of the built 270" 0 $?
segs "$tmp/ack" >"$tmp/ack.segs"
has "999 names the 270 set" '^AK2\*270\*' "$tmp/ack.segs"
has "999 accepts it" '^IK5\*A' "$tmp/ack.segs"
has "999 accepts the group" '^AK9\*A\*1\*1\*1' "$tmp/ack.segs"
segs "$tmp/elig.270" >"$tmp/elig.segs"
count "one 2000C subscriber per inquiry" '^HL\*[0-9]*\*[0-9]*\*22\*' 2 "$tmp/elig.segs"
count "one dependent" '^HL\*[0-9]*\*[0-9]*\*23\*' 1 "$tmp/elig.segs"
has "service types asked in one repeating EQ01" '^EQ\*30^98^UC$' "$tmp/elig.segs"

# The same request from standard input; an NPI with a bad check digit is
# refused with its path and rule, nothing written, and no name or member id
# in the message.
"$X12" build - <"$REQ/eligibility.xml" >"$tmp/stdin.270" 2>"$tmp/err"
expect_rc "build - (eligibility from stdin)" 0 $?
same_as "stdin gives the same 270" "$tmp/stdin.270" "$E/eligibility.270"
sed 's/npi="1234567893"/npi="1234567890"/' "$REQ/eligibility.xml" >"$tmp/badnpi.xml"
"$X12" build "$tmp/badnpi.xml" >"$tmp/out" 2>"$tmp/err"
expect_rc "build with a bad NPI" 1 $?
[ -s "$tmp/out" ] && bad "nothing written on edit errors" || ok "nothing written on edit errors"
has "edit names path and rule" '^inquiry\[1\]\.provider\.npi: npi-check-digit: ' "$tmp/err"
hasnt "no member id in edit messages" 'XJ0000000001' "$tmp/err"
sed 's/ birth_date="19800101"/ birth_date="19801301"/' "$REQ/eligibility.xml" >"$tmp/baddate.xml"
"$X12" build "$tmp/baddate.xml" >"$tmp/out" 2>"$tmp/err"
expect_rc "build with an impossible birth date" 1 $?
has "birth date edit" '^inquiry\[1\]\.subscriber\.birth_date: ' "$tmp/err"
hasnt "no birth date value in the message" '19801301' "$tmp/err"
sed 's/<eligibility xmlns="urn:libx12:eligibility:1">/<eligibility xmlns="urn:libx12:eligibility:1"><bogus\/>/' \
    "$REQ/eligibility.xml" >"$tmp/schema.xml"
"$X12" build "$tmp/schema.xml" >"$tmp/out" 2>"$tmp/err"
expect_rc "build of a document the schema refuses" 1 $?
[ -s "$tmp/err" ] && ok "schema error reported" || bad "schema error reported: stderr empty"

# ---- 276: from the 837 sent ---------------------------------------------
STAMP="--date=20251215 --time=0930 --reference=STAT1215 --control-number=1215"
# shellcheck disable=SC2086
"$X12" build --status-request "$D/status-sent.837" $STAMP >"$tmp/all.276" 2>"$tmp/err"
expect_rc "build --status-request" 0 $?
same_as "276 is tests/data/status-sent.276 byte for byte" "$tmp/all.276" "$D/status-sent.276"
"$X12" validate --strict "$tmp/all.276" >"$tmp/v" 2>&1
expect_rc "validate --strict of the built 276" 0 $?
"$X12" ack "$tmp/all.276" | segs /dev/stdin >"$tmp/ack.segs"
has "999 accepts the 276" '^AK9\*A\*1\*1\*1' "$tmp/ack.segs"
segs "$tmp/all.276" >"$tmp/276.segs"
count "one claim (2200D TRN) per claim sent" '^TRN\*1\*' 4 "$tmp/276.segs"
# shellcheck disable=SC2086
"$X12" build --status-request="$D/status-sent.837" --pcn=PCN-2025-0102 --pcn PCN-2025-0104 $STAMP \
    >"$tmp/two.276" 2>"$tmp/err"
expect_rc "build --status-request --pcn x2" 0 $?
segs "$tmp/two.276" >"$tmp/two.segs"
count "two claims asked" '^TRN\*1\*' 2 "$tmp/two.segs"
has "the PCN asked is in REF*EJ" '^REF\*EJ\*PCN-2025-0104$' "$tmp/two.segs"
hasnt "the other claims are not" 'PCN-2025-0101' "$tmp/two.segs"
has "claim charge from CLM02" '^AMT\*T3\*210$' "$tmp/two.segs"
"$X12" validate --strict "$tmp/two.276" >"$tmp/v" 2>&1
expect_rc "validate --strict of the chosen claims" 0 $?
"$X12" build --status-request "$D/status-sent.837" --pcn NOPE-1 >"$tmp/out" 2>"$tmp/err"
expect_rc "--pcn naming no claim" 1 $?
[ -s "$tmp/out" ] && bad "nothing written for an unknown --pcn" || ok "nothing written for an unknown --pcn"
hasnt "the unknown PCN is not echoed" 'NOPE-1' "$tmp/err"
"$X12" build --pcn X "$REQ/eligibility.xml" >/dev/null 2>"$tmp/err"
expect_rc "--pcn without --status-request" 2 $?
"$X12" build --status-request "$tmp/missing.837" >/dev/null 2>"$tmp/err"
expect_rc "--status-request of a missing file" 2 $?
"$X12" build --status-request "$D/status-sent.837" --date 20251315 >"$tmp/out" 2>"$tmp/err"
expect_rc "--date that is no date" 1 $?
has "the date is refused as an edit" '^request\.date: date: ' "$tmp/err"
[ -s "$tmp/out" ] && bad "nothing written for a bad --date" || ok "nothing written for a bad --date"

# ---- 271: x12 eligibility ------------------------------------------------
"$X12" eligibility "$D/elig-271-benefits.x12" >"$tmp/text" 2>"$tmp/err"
expect_rc "eligibility (text) benefits" 0 $?
has "subscriber active" 'subscriber 1: DOE, JANE (member XJ0000000001) active' "$tmp/text"
has "plan and group" 'plan        GOLD PPO 2025, group GRP0042' "$tmp/text"
has "health plan summary" 'deductible 1500.00, 600.00 left; out of pocket 5000.00, 4200.50 left' "$tmp/text"
has "office visit copay" '98  Physician office visit: copay 25.00' "$tmp/text"
has "coinsurance with a fraction" 'UC  Urgent care: copay 75.00; coinsurance 12.5%' "$tmp/text"
has "authorization required" '62  MRI or CAT scan: authorization required' "$tmp/text"
"$X12" eligibility --text "$D/elig-271-rejected.x12" >"$tmp/text" 2>"$tmp/err"
expect_rc "eligibility of AAA rejections" 0 $?
has "2100C rejection with reason and follow-up" 'Subscriber or insured not found (AAA03 75, loop 2100C); Correct the request and send it again (AAA04 C)' "$tmp/text"
has "payer-level rejection" 'The payer cannot answer now (AAA03 42, loop 2000A); It may be sent again (AAA04 R)' "$tmp/text"
count "two rejections of one dependent" 'loop 2100D' 2 "$tmp/text"
"$X12" eligibility --json "$D"/elig-271-*.x12 >"$tmp/elig.json" 2>"$tmp/err"
expect_rc "eligibility --json of the fixtures" 0 $?
if "$PYTHON" - "$tmp/elig.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
c = d["coverages"]
files = sorted({x["file"].rsplit("/", 1)[1] for x in c})
assert files == ["elig-271-benefits.x12", "elig-271-dependents.x12", "elig-271-rejected.x12"], files
ben = [x for x in c if x["file"].endswith("benefits.x12")][0]
assert ben["coverage"] == "active" and ben["level"] == "subscriber"
s30 = [s for s in ben["summary"] if s["service_type"] == "30"][0]
assert s30["deductible_cents"] == 150000, s30
assert s30["deductible_remaining_cents"] == 60000, s30
assert s30["out_of_pocket_remaining_cents"] == 420050, s30
assert s30["coinsurance_bp"] == 2000, s30
assert s30["out_of_network"] == {"deductible_cents": 300000, "coinsurance_bp": 4000,
                                 "coinsurance_percent": "40"}, s30
uc = [s for s in ben["summary"] if s["service_type"] == "UC"][0]
assert uc["copay_cents"] == 7500 and uc["coinsurance_bp"] == 1250, uc
for b in ben["benefits"]:
    for k, v in b.items():
        assert not isinstance(v, float), (k, v)
rej = [x for x in c if x["file"].endswith("rejected.x12")]
assert [x["coverage"] for x in rej] == ["rejected", "unknown", "rejected", "active", "rejected"], [x["coverage"] for x in rej]
assert [(r["reason"], r["follow_up"]) for r in rej[2]["rejections"]] == [("67", "C"), ("58", "C")]
dep = [x for x in c if x["file"].endswith("dependents.x12")]
assert [x["level"] for x in dep].count("dependent") >= 2, [x["level"] for x in dep]
PY
then ok "eligibility --json: values in cents and basis points, rejections, dependents"
else bad "eligibility --json values"
fi
gzip -c "$D/elig-271-benefits.x12" >"$tmp/b.271.gz"
"$X12" eligibility --text - <"$tmp/b.271.gz" >"$tmp/gz.text" 2>"$tmp/err"
expect_rc "eligibility of gzip on stdin" 0 $?
"$X12" eligibility --text "$D/elig-271-benefits.x12" >"$tmp/plain.text" 2>/dev/null
sed 's|^<stdin>|X|' "$tmp/gz.text" >"$tmp/a"; sed "s|^$D/elig-271-benefits.x12|X|" "$tmp/plain.text" >"$tmp/b"
same_as "gzip on stdin reads the same as the file" "$tmp/a" "$tmp/b"
"$X12" eligibility "$D/status-277-lines.x12" >"$tmp/out" 2>"$tmp/err"
expect_rc "eligibility of a 277" 0 $?
has "a 277 is skipped with a located warning" ':3:ST-01: warning: transaction set 277 is not a 271' "$tmp/err"
head -c 300 "$D/elig-271-benefits.x12" | "$X12" eligibility - >"$tmp/out" 2>"$tmp/err"
expect_rc "eligibility of a truncated 271" 1 $?
has "truncation located" '^<stdin>:[0-9]*:[A-Z0-9]*: ' "$tmp/err"
hasnt "no names in the errors" 'DOE' "$tmp/err"
"$X12" eligibility --bogus "$D/elig-271-benefits.x12" >/dev/null 2>"$tmp/err"
expect_rc "eligibility --bogus" 2 $?
"$X12" eligibility "$tmp/missing.271" >/dev/null 2>"$tmp/err"
expect_rc "eligibility of a missing file" 2 $?

# ---- 277 and 277CA: x12 status -------------------------------------------
"$X12" status "$D/status-277-lines.x12" >"$tmp/text" 2>"$tmp/err"
expect_rc "status (text) of a 277 with lines" 0 $?
has "claim paid with payer claim number" '277 claim PCN-2025-0001 paid, charge 185.00, paid 110.00, payer claim EHP25340000123' "$tmp/text"
has "line status" 'line 2 HC:87880 (LINE0002) denied' "$tmp/text"
has "status with entity" 'F2:21:1P Finalized: denied. Information is missing or invalid. (Provider)' "$tmp/text"
"$X12" status --json "$D/status-277-lines.x12" "$D/status-277ca-one-rejected.x12" >"$tmp/st.json" 2>"$tmp/err"
expect_rc "status --json" 0 $?
"$X12" status --claims "$D/status-sent.837" "$D/status-277ca-one-rejected.x12" >"$tmp/link" 2>"$tmp/err"
expect_rc "status --claims (text)" 0 $?
has "accepted claim" '^claim PCN-2025-0101 *accepted *125.00  payer claim CH2512020001' "$tmp/link"
has "rejected claim" '^claim PCN-2025-0102 *REJECTED *210.00' "$tmp/link"
has "reason with its message" 'A7:21 Rejected: information named in the status detail is invalid. Information is missing or invalid. "PROCEDURE CODE NOT VALID ON DATE OF SERVICE"' "$tmp/link"
has "unanswered claim" '^claim PCN-2025-0104 *NO ANSWER' "$tmp/link"
has "summary" '^4 claims sent: 2 accepted, 1 rejected, 1 with no answer$' "$tmp/link"
"$X12" status --json --claims="$D/status-sent.837" "$D/status-277ca-one-rejected.x12" >"$tmp/link.json" 2>"$tmp/err"
expect_rc "status --claims --json" 0 $?
if "$PYTHON" - "$tmp/st.json" "$tmp/link.json" <<'PY'
import json, sys
st = json.load(open(sys.argv[1]))
link = json.load(open(sys.argv[2]))
kinds = sorted({c["kind"] for c in st["answers"]})
assert kinds == ["277", "277CA"], kinds
paid = [c for c in st["answers"] if c.get("pcn") == "PCN-2025-0001"][0]
assert paid["charge_cents"] == 18500 and paid["paid_cents"] == 11000, paid
assert [l["statuses"][0]["category"] for l in paid["lines"]] == ["F1", "F2"]
out = {c["pcn"]: c["outcome"] for c in link["claims"]}
assert out == {"PCN-2025-0101": "accepted", "PCN-2025-0102": "rejected",
               "PCN-2025-0103": "accepted", "PCN-2025-0104": "no_answer"}, out
order = [c["pcn"] for c in link["claims"]]
assert order == ["PCN-2025-0101", "PCN-2025-0102", "PCN-2025-0104", "PCN-2025-0103"], order
rej = [c for c in link["claims"] if c["outcome"] == "rejected"][0]
assert rej["charge_cents"] == 21000
assert [(s["category"], s["code"]) for s in rej["answer"]["statuses"]] == [("A7", "21")]
assert rej["answer"]["lines"][0]["statuses"][0]["code"] == "454"
PY
then ok "status --json: kinds, cents, per-claim outcomes in the order sent"
else bad "status --json values"
fi
"$X12" status "$D/elig-271-benefits.x12" >"$tmp/out" 2>"$tmp/err"
expect_rc "status of a 271" 0 $?
has "a 271 is skipped with a located warning" ':3:ST-01: warning: transaction set 271 is not a 277' "$tmp/err"
gzip -c "$D/status-277ca-one-rejected.x12" | "$X12" status --claims "$D/status-sent.837" >"$tmp/gz" 2>"$tmp/err"
expect_rc "status --claims with the 277CA gzip on stdin" 0 $?
same_as "stdin gives the same worklist" "$tmp/gz" "$tmp/link"
head -c 400 "$D/status-277ca-one-rejected.x12" | "$X12" status - >"$tmp/out" 2>"$tmp/err"
expect_rc "status of a truncated 277CA" 1 $?
hasnt "no names in the errors" 'DOE' "$tmp/err"
"$X12" status --claims "$tmp/missing.837" "$D/status-277ca-one-rejected.x12" >/dev/null 2>"$tmp/err"
expect_rc "status --claims of a missing 837" 2 $?
"$X12" status --json --claims "$D/status-sent.837" "$D/status-277ca-one-rejected.x12" \
    "$D/status-277-lines.x12" >"$tmp/out" 2>"$tmp/err"
expect_rc "status --claims with two answer files" 2 $?
[ -s "$tmp/out" ] && bad "nothing written for two answer files" || ok "nothing written for two answer files"
has "one answer file per worklist" 'give one answer file' "$tmp/err"
"$X12" status --bogus >/dev/null 2>"$tmp/err"
expect_rc "status --bogus" 2 $?

# ---- validate, ack and to-xml know the new guides --------------------------
for f in elig-271-benefits.x12 elig-271-dependents.x12 elig-271-rejected.x12 \
         status-277-lines.x12 status-277ca-one-rejected.x12; do
    "$X12" validate --strict "$D/$f" >"$tmp/v" 2>&1
    expect_rc "validate --strict $f" 0 $?
    "$X12" to-xml "$D/$f" >"$tmp/x.xml" 2>"$tmp/err"
    expect_rc "to-xml $f" 0 $?
    "$X12" from-xml "$tmp/x.xml" >"$tmp/back" 2>"$tmp/err"
    expect_rc "from-xml $f" 0 $?
    "$X12" fmt "$D/$f" >"$tmp/a" 2>/dev/null; "$X12" fmt "$tmp/back" >"$tmp/b" 2>/dev/null
    same_as "$f survives to-xml and from-xml" "$tmp/a" "$tmp/b"
done
for f in eligibility.270 eligibility.271 claims.277ca; do
    "$X12" validate --strict "$E/$f" >"$tmp/v" 2>&1
    expect_rc "validate --strict examples/data/$f" 0 $?
done
"$X12" to-xml "$D/status-277ca-one-rejected.x12" >"$tmp/x.xml" 2>/dev/null
has "277CA shaped by loop 2200D" '2200D' "$tmp/x.xml"
# A 271 whose EB01 is no code of the list gets a 999 naming the element.
sed 's/^EB\*1\*IND\*30\*/EB*ZZ*IND*30*/' "$D/elig-271-benefits.x12" >"$tmp/badeb.271"
if cmp -s "$tmp/badeb.271" "$D/elig-271-benefits.x12"; then
    bad "fixture edit for the 999 test did not apply"
else
    "$X12" validate "$tmp/badeb.271" >"$tmp/v" 2>&1
    expect_rc "validate of an unknown EB01" 1 $?
    "$X12" ack "$tmp/badeb.271" | segs /dev/stdin >"$tmp/ack.segs"
    has "999 element error on EB01 (IK4*1 code 7)" '^IK4\*1\*1390\*7' "$tmp/ack.segs"
    has "999 rejects the set" '^IK5\*R' "$tmp/ack.segs"
fi

finish

#!/bin/sh
# tests/recon-cli.sh - `x12 reconcile` and `x12 statements` end to end on the
# reconciliation fixtures (tests/data/recon-*): JSON, JSON lines and CSV
# values, the text worklist, the order of the files, rules files, the
# replacement claims of --rebuild-corrected (strictly valid), statements as
# HTML checked by Python's html.parser (tags balanced, no scripts, no
# external resources, everything escaped), JSON and text, exit codes, and
# no PHI in messages.  The fixtures' 837s are `x12 build` of their XML:
# checked first.  Run by `make check` with X12_BUILDDIR, X12_TEST_DATA and
# PYTHON.
set -u

: "${X12_BUILDDIR:?}" "${X12_TEST_DATA:?}"
X12=$X12_BUILDDIR/tools/x12
D=$X12_TEST_DATA
PY=${PYTHON:-/usr/bin/python3}
pass=0
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/x12recon.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
expect_rc() { [ "$2" -eq "$3" ] && ok "$1: exit $3" || bad "$1: exit $3, want $2"; }
has() { grep -q -- "$2" "$3" && ok "$1" || bad "$1: '$2' not in $3"; }
hasnt() { grep -q -- "$2" "$3" && bad "$1: '$2' in $3" || ok "$1"; }
py() { name=$1; shift; if "$PY" "$@"; then ok "$name"; else bad "$name"; fi; }

for n in recon-sent recon-old recon-resent recon-inst; do
    "$X12" build "$D/$n.xml" >"$tmp/$n.837" 2>"$tmp/err"
    cmp -s "$tmp/$n.837" "$D/$n.837" && ok "$n.837 is x12 build $n.xml" ||
        bad "$n.837 differs from x12 build $n.xml"
done

CLAIMS="$D/recon-sent.837 $D/recon-old.837 $D/recon-resent.837 $D/recon-inst.837"
REMITS="$D/recon-era1.835 $D/recon-era2.835 $D/recon-era3.835"

# JSON: every claim's state, action and money, worked out by hand.
# shellcheck disable=SC2086
"$X12" reconcile --json --as-of 20250320 --claims $CLAIMS --remits $REMITS >"$tmp/json" 2>"$tmp/err"
expect_rc "reconcile --json" 0 $?
has "the unbalanced 835 is a located warning" 'recon-era1.835:110:CLP-04: warning: claim does not balance' "$tmp/err"
has "the replacement's duplicate PCN is a located warning" 'recon-resent.837:20:CLM: warning: claim 1 has the patient control number of a claim already read: the one sent later (by BHT04, BHT05) is reconciled, this one' "$tmp/err"
hasnt "no PCN or name in a message" 'R-\|DOE\|SMITH\|XJ00' "$tmp/err"
py "reconcile JSON: states, actions, exact cents" - "$tmp/json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["as_of"] == "20250320"
c = {x["patient_control_number"]: x for x in d["claims"]}
want = {  # state, next action, charged, paid, CO, PR, other, unbalanced
    "R-PAID": ("paid", "bill_patient", 18500, 11000, 4500, 3000, 0, 0),
    "R-WRITEOFF": ("paid", "write_off", 10000, 8000, 2000, 0, 0, 0),
    "R-SETTLED": ("paid", "none", 5000, 5000, 0, 0, 0, 0),
    "R-PARTIAL": ("partially_paid", "appeal", 28000, 15000, 13000, 0, 0, 0),
    "R-CORRECT": ("denied", "correct_and_resubmit", 12500, 0, 12500, 0, 0, 0),
    "R-CODING": ("denied", "correct_and_resubmit", 19500, 0, 19500, 0, 0, 0),
    "R-DEDUCT": ("paid", "bill_patient", 15000, 0, 3000, 12000, 0, 0),
    "R-REVERSED": ("reversed", "follow_up", 12500, 0, 0, 0, 0, 0),
    "R-CORRECTED": ("paid", "write_off", 20000, 15000, 5000, 0, 0, 0),
    "R-SPLIT": ("paid", "write_off", 16000, 12800, 3200, 0, 0, 0),
    "R-NOREF": ("paid", "write_off", 24000, 16200, 7800, 0, 0, 0),
    "R-UNBAL": ("paid", "follow_up", 10000, 7000, 2000, 0, 0, 1000),
    "R-DUP": ("paid", "write_off", 9000, 7200, 1800, 0, 0, 0),
    "R-PENDING": ("pending", "none", 12500, 0, 0, 0, 0, 0),
    "R-REJECT": ("pending", "none", 12500, 0, 0, 0, 0, 0),
    "R-RESENT": ("pending", "none", 12500, 0, 12500, 0, 0, 0),
    "R-OLD": ("pending", "follow_up", 12500, 0, 0, 0, 0, 0),
    "R-SECOND": ("paid", "bill_secondary", 20000, 12800, 4000, 3200, 0, 0),
    "R-XWAIT": ("forwarded", "none", 10000, 6400, 2000, 1600, 0, 0),
    "R-XDONE": ("paid", "write_off", 10000, 8000, 2000, 0, 0, 0),
    "R-CHILD": ("paid", "bill_patient", 12500, 8000, 2500, 2000, 0, 0),
    "R-INPAT": ("partially_paid", "correct_and_resubmit", 36000, 22000, 14000, 0, 0, 0),
}
assert set(c) == set(want), sorted(set(c) ^ set(want))
for pcn, w in want.items():
    x = c[pcn]
    got = (x["state"], x["next_action"], x["charged_cents"], x["paid_cents"],
           x["contractual_cents"], x["patient_responsibility_cents"],
           x["other_adjustment_cents"], x["unbalanced_cents"])
    assert got == w, (pcn, got, w)
    assert x["next_action_reason"], pcn
    for k in ("payer_id", "payer_name", "service_from", "reasons", "remits", "lines",
              "days_outstanding"):
        assert k in x, (pcn, k)
    # money balances on every adjudicated claim and line, or says by how much
    if x["balance"] != "open":
        assert x["charged_cents"] == x["paid_cents"] + x["contractual_cents"] + \
            x["patient_responsibility_cents"] + x["other_adjustment_cents"] + \
            x["unbalanced_cents"], pcn
    assert sum(r["amount_cents"] for r in x["reasons"]) == x["contractual_cents"] + \
        x["patient_responsibility_cents"] + x["other_adjustment_cents"], pcn
    for l in x["lines"]:
        if l["balance"] != "open":
            assert l["charged_cents"] == l["paid_cents"] + l["contractual_cents"] + \
                l["patient_responsibility_cents"] + l["other_adjustment_cents"] + \
                l["unbalanced_cents"], (pcn, l["line"])
p = c["R-PAID"]
assert p["patient_paid_cents"] == 1000 and p["patient_due_cents"] == 2000
assert [(r["group"], r["reason"], r["amount_cents"]) for r in p["reasons"]] == [
    ("CO", "45", 4500), ("PR", "1", 1000), ("PR", "2", 2000)]
assert [(t["trace_number"], t["payment_date"], t["role"]) for t in p["remits"]] == [
    ("T-0305", "20250306", "counts")]
assert [l["control_number"] for l in p["lines"]] == ["L1", "L2"]
assert p["lines"][0]["modifiers"] == [] and p["days_outstanding"] == 4
r = c["R-CORRECT"]["reasons"][0]
assert (r["group"], r["reason"], r["remarks"], r["rule"], r["action"]) == (
    "CO", "16", ["MA130", "N290"], "not-processable", "correct_and_resubmit")
assert [t["role"] for t in c["R-CORRECTED"]["remits"]] == ["reversed", "reversal", "counts"]
assert [t["role"] for t in c["R-REVERSED"]["remits"]] == ["reversed", "reversal"]
assert [t["payer_order"] for t in c["R-XDONE"]["remits"]] == [1, 2]
assert c["R-XDONE"]["prior_payer_cents"] == 8400
assert c["R-XWAIT"]["forwarded_to"] == "SECOND PAYER"
assert c["R-SECOND"]["next_payer"] == "SECOND PAYER"
assert [l["matched_by"] for l in c["R-NOREF"]["lines"]] == ["procedure_date_charge"] * 3
assert c["R-NOREF"]["lines"][2]["modifiers"] == ["25"]
assert c["R-OLD"]["days_outstanding"] == 78 and c["R-PENDING"]["days_outstanding"] == 19
assert c["R-RESENT"]["frequency"] == "7" and c["R-RESENT"]["submitted"] == "20250310"
u = d["unmatched"]
assert [(x["patient_control_number"], x["state"], x["paid_cents"]) for x in u] == [
    ("R-UNKNOWN", "unmatched", 6000)]
a = {(x["payer_id"], x["payer_name"]): x for x in d["aging"]}
assert a[("EHP01", "EXAMPLE HEALTH PLAN")]["days_0_30_cents"] == 97000
assert a[("EHP01", "EXAMPLE HEALTH PLAN")]["days_61_90_cents"] == 12500
assert a[("", "SECOND PAYER")]["total_cents"] == 4800
t = d["totals"]
assert t["claims"] == 22 and t["unmatched"] == 1
assert t["by_state"]["paid"] == 12 and t["by_next_action"]["correct_and_resubmit"] == 3
assert t["paid_cents"] == sum(x["paid_cents"] for x in d["claims"])
PY

# The same in any order of the files on the command line.
# shellcheck disable=SC2086
"$X12" reconcile --json --as-of 20250320 --remits $D/recon-era3.835 $D/recon-era1.835 \
    --claims $D/recon-inst.837 $D/recon-resent.837 --remits $D/recon-era2.835 \
    --claims $D/recon-old.837 $D/recon-sent.837 >"$tmp/json2" 2>/dev/null
expect_rc "reconcile with the files in another order" 0 $?
sed 's/"file":"[^"]*"//g' "$tmp/json" >"$tmp/a"
sed 's/"file":"[^"]*"//g' "$tmp/json2" >"$tmp/b"
cmp -s "$tmp/a" "$tmp/b" && ok "the results do not depend on the order of the files" ||
    bad "another order gives other results"

# JSON lines and CSV tables carry the same.
# shellcheck disable=SC2086
"$X12" reconcile --jsonl --as-of 20250320 --claims $CLAIMS --remits $REMITS >"$tmp/jsonl" 2>/dev/null
expect_rc "reconcile --jsonl" 0 $?
for t in claims lines reasons remits aging unmatched; do
    # shellcheck disable=SC2086
    "$X12" reconcile --csv --table=$t --as-of 20250320 --claims $CLAIMS --remits $REMITS \
        >"$tmp/$t.csv" 2>/dev/null || bad "--csv --table=$t failed"
done
py "JSON lines and CSV tables agree with the JSON" - "$tmp" <<'PY'
import csv, json, sys, os
t = sys.argv[1]
d = json.load(open(os.path.join(t, "json")))
recs = [json.loads(l) for l in open(os.path.join(t, "jsonl"))]
kinds = [r["record"] for r in recs]
assert kinds == ["claim"] * 22 + ["unmatched"] + ["aging"] * 2 + ["totals"], kinds
for r, c in zip(recs, d["claims"]):
    r.pop("record")
    assert r == c
def rows(name):
    return list(csv.DictReader(open(os.path.join(t, name + ".csv"), newline="")))
claims = rows("claims")
assert [r["patient_control_number"] for r in claims] == [c["patient_control_number"] for c in d["claims"]]
for r, c in zip(claims, d["claims"]):
    for k in ("charged_cents", "paid_cents", "contractual_cents", "patient_responsibility_cents",
              "other_adjustment_cents", "unbalanced_cents", "patient_due_cents"):
        assert int(r[k]) == c[k], (k, r[k], c[k])
    assert r["state"] == c["state"] and r["next_action"] == c["next_action"]
    assert r["next_action_reason"] == c["next_action_reason"]
    assert r["reasons"] == " ".join("%s-%s:%d" % (x["group"], x["reason"], x["amount_cents"])
                                    for x in c["reasons"])
lines = rows("lines")
assert len(lines) == sum(len(c["lines"]) for c in d["claims"] + d["unmatched"])
reasons = rows("reasons")
assert len(reasons) == sum(len(c["reasons"]) for c in d["claims"] + d["unmatched"])
assert {r["remarks"] for r in reasons if r["patient_control_number"] == "R-CORRECT"} == {"MA130 N290"}
remits = rows("remits")
assert len(remits) == sum(len(c["remits"]) for c in d["claims"] + d["unmatched"])
aging = rows("aging")
assert [(a["payer_id"], int(a["total_cents"])) for a in aging] == [
    (x["payer_id"], x["total_cents"]) for x in d["aging"]]
un = rows("unmatched")
assert [(u["record"], u["patient_control_number"]) for u in un] == [("unmatched", "R-UNKNOWN")]
PY

# The text worklist.
# shellcheck disable=SC2086
"$X12" reconcile --as-of 20250320 --claims $CLAIMS --remits $REMITS >"$tmp/text" 2>/dev/null
expect_rc "reconcile --text" 0 $?
has "text: the header" 'Reconciliation as of 2025-03-20: 22 claims, 1 remittance for claims no 837 holds' "$tmp/text"
has "text: the worklist by action" '^  correct_and_resubmit (3)' "$tmp/text"
has "text: a claim with its reason" 'R-PARTIAL .*partially_paid .*charged    280.00  paid    150.00' "$tmp/text"
has "text: the reason code with its remarks" 'CO-16       125.00 MA130 N290  (correct_and_resubmit)' "$tmp/text"
has "text: unbalanced by" 'unbalanced by 10.00' "$tmp/text"
has "text: aging" 'EHP01 EXAMPLE HEALTH PLAN  *970.00  *0.00  *125.00  *0.00  *0.00  *1095.00' "$tmp/text"

# Rules: a file of our own, consulted first; the built-in one printed.
"$X12" reconcile --print-rules >"$tmp/builtin.xml"
expect_rc "reconcile --print-rules" 0 $?
cmp -s "$tmp/builtin.xml" "$D/../../specs/recon-rules.xml" && ok "the built-in rules printed" ||
    bad "--print-rules is not specs/recon-rules.xml"
cat >"$tmp/rules.xml" <<'XML'
<recon-rules xmlns="urn:libx12:recon-rules:1" follow-up-days="10">
  <rule id="our-necessity" action="follow_up" effect="denial">
    <covers group="CO" carc="50"/>
    <reason>Call the payer's medical director first.</reason>
  </rule>
</recon-rules>
XML
# shellcheck disable=SC2086
"$X12" reconcile --csv --as-of 20250320 --rules "$tmp/rules.xml" --claims $CLAIMS \
    --remits $REMITS >"$tmp/rules.csv" 2>/dev/null
expect_rc "reconcile --rules" 0 $?
has "a rule of the file" "^claim,R-PARTIAL,.*,follow_up,our-necessity,Call the payer's medical director first." "$tmp/rules.csv"
has "the file's follow-up days" '^claim,R-PENDING,.*,pending,follow_up,pending-late,' "$tmp/rules.csv"
printf '<recon-rules xmlns="urn:libx12:recon-rules:1">\n<rule id="x" action="maybe" effect="denial"><covers group="CO"/><reason>r</reason></rule></recon-rules>\n' >"$tmp/bad.xml"
# shellcheck disable=SC2086
"$X12" reconcile --rules "$tmp/bad.xml" --claims $CLAIMS >/dev/null 2>"$tmp/err"
expect_rc "a rules file that does not match the schema" 2 $?
has "its error located" "bad.xml:2: Element '{urn:libx12:recon-rules:1}rule', attribute 'action'" "$tmp/err"

# --rebuild-corrected: the replacements of claims to correct, valid.
# shellcheck disable=SC2086
"$X12" reconcile --csv --as-of 20250320 --claims $CLAIMS --remits $REMITS \
    --rebuild-corrected "$tmp/fix.837" >/dev/null 2>"$tmp/err"
expect_rc "reconcile --rebuild-corrected" 0 $?
has "it says how many" 'x12: reconcile: 3 replacement claims written to' "$tmp/err"
"$X12" validate "$tmp/fix.837" >"$tmp/findings" 2>&1
expect_rc "the replacements validate strictly" 0 $?
[ -s "$tmp/findings" ] && bad "validate found: $(head -3 "$tmp/findings")" || ok "no finding"
"$X12" fmt "$tmp/fix.837" >"$tmp/fix.fmt"
has "frequency 7 (837P)" '^CLM\*R-CORRECT\*125\*\*\*11:B:7\*' "$tmp/fix.fmt"
has "REF*F8 the payer's claim number" '^REF\*F8\*E10005~' "$tmp/fix.fmt"
has "the coding claim too" '^CLM\*R-CODING\*195\*\*\*11:B:7\*' "$tmp/fix.fmt"
has "frequency 7 (837I bill type)" '^CLM\*R-INPAT\*360\*\*\*13:A:7\*' "$tmp/fix.fmt"
has "dated the as-of date" '^BHT\*0019\*00\*RECON0301\*20250320\*' "$tmp/fix.fmt"
hasnt "not the claims settled" 'CLM\*R-PAID' "$tmp/fix.fmt"
"$X12" claims --csv "$tmp/fix.837" >"$tmp/fix.csv" 2>/dev/null
[ "$(grep -c ',R-' "$tmp/fix.csv")" -eq 5 ] && ok "every line of the replacements kept" ||
    bad "replacement lines: $(grep -c ',R-' "$tmp/fix.csv")"
# shellcheck disable=SC2086
"$X12" reconcile --as-of 20250320 --claims $CLAIMS --remits $REMITS \
    --rebuild-corrected "$tmp/fix.837" >/dev/null 2>"$tmp/err"
expect_rc "--rebuild-corrected does not replace a file" 2 $?
has "and says why" 'exists; --force replaces it' "$tmp/err"
# shellcheck disable=SC2086
"$X12" reconcile --as-of 20250320 --claims $CLAIMS --remits $REMITS \
    --rebuild-corrected "$tmp/fix.837" --force >/dev/null 2>&1
expect_rc "--rebuild-corrected --force" 0 $?

# --status-requests: a 276 for every claim pending past its follow-up days.
# On 2025-05-01 four are (R-PENDING and R-REJECT of recon-sent.837, R-OLD,
# R-RESENT): one interchange per 837, valid, the same bytes every run.
# shellcheck disable=SC2086
"$X12" reconcile --as-of 20250501 --claims $CLAIMS --remits $REMITS \
    --status-requests "$tmp/ask.276" >/dev/null 2>"$tmp/err"
expect_rc "reconcile --status-requests" 0 $?
has "it says how many" 'x12: reconcile: 3 claim status requests (276) for 4 claims written to' "$tmp/err"
"$X12" validate "$tmp/ask.276" >"$tmp/findings" 2>&1
expect_rc "the 276 validates strictly" 0 $?
"$X12" fmt "$tmp/ask.276" >"$tmp/ask.fmt"
[ "$(grep -c '^ISA\*' "$tmp/ask.fmt")" -eq 3 ] && ok "three interchanges" ||
    bad "interchanges: $(grep -c '^ISA\*' "$tmp/ask.fmt")"
[ "$(grep '^TRN\*1\*' "$tmp/ask.fmt" | cut -d'*' -f3 | tr -d '~' | sort | paste -sd' ')" = \
    "R-OLD R-PENDING R-REJECT R-RESENT" ] && ok "the four claims asked about" ||
    bad "claims asked about: $(grep '^TRN\*1\*' "$tmp/ask.fmt" | paste -sd' ')"
has "dated the as-of date" '^BHT\*0010\*13\*F202505011\*20250501\*0000~' "$tmp/ask.fmt"
has "numbered in the file" '^GS\*HR\*.*\*3\*X\*005010X212~' "$tmp/ask.fmt"
# shellcheck disable=SC2086
"$X12" reconcile --as-of 20250501 --claims $CLAIMS --remits $REMITS \
    --status-requests "$tmp/ask.276" >/dev/null 2>"$tmp/err"
expect_rc "--status-requests does not replace a file" 2 $?
# shellcheck disable=SC2086
"$X12" reconcile --as-of 20250501 --claims $CLAIMS --remits $REMITS \
    --status-requests "$tmp/ask2.276" >/dev/null 2>&1
cmp -s "$tmp/ask.276" "$tmp/ask2.276" && ok "the same bytes twice" || bad "--status-requests differs"
hasnt "no PCN in its messages" 'R-' "$tmp/err"
# shellcheck disable=SC2086
"$X12" reconcile --as-of 20250501 --follow-up-days 3650 --claims $CLAIMS --remits $REMITS \
    --status-requests "$tmp/none.276" >/dev/null 2>"$tmp/err"
expect_rc "nothing to ask" 0 $?
has "says so" 'no pending claim is past its follow-up days' "$tmp/err"
[ ! -e "$tmp/none.276" ] && ok "and writes nothing" || bad "none.276 written"

# Usage and inputs.
"$X12" reconcile "$D/recon-sent.837" >/dev/null 2>"$tmp/err"
expect_rc "a file without --claims or --remits" 2 $?
has "says what to do" 'say what it is with --claims, --remits or --acks' "$tmp/err"
"$X12" reconcile --claims "$D/recon-sent.837" --acks "$D/recon-sent.837" >/dev/null 2>"$tmp/err"
expect_rc "--acks given an 837: warned, nothing taken" 0 $?
has "says it is not a 277CA" 'recon-sent.837:3:ST-01: warning: transaction set 837 is not a 277 (005010X212) or 277CA (005010X214): skipped' "$tmp/err"

# --acks: a 277CA rejects R-REJECT (A7:562:85) and accepts R-PENDING.
# shellcheck disable=SC2086
"$X12" reconcile --csv --as-of 20250320 --claims $CLAIMS --remits $REMITS \
    --acks "$D/recon-acks.277ca" >"$tmp/acks.csv" 2>"$tmp/err"
expect_rc "reconcile --acks" 0 $?
has "the rejected claim" '^claim,R-REJECT,.*,rejected,correct_and_resubmit,' "$tmp/acks.csv"
has "with the 277CA's codes and date" '^claim,R-REJECT,.*,20250302,A7:562:85,' "$tmp/acks.csv"
has "the accepted claim still pending" '^claim,R-PENDING,.*,pending,none,.*,20250302,A2:20,' "$tmp/acks.csv"
hasnt "no word from the 277CA read" 'recon-acks.277ca' "$tmp/err"
# shellcheck disable=SC2086
"$X12" reconcile --csv --as-of 20250320 --claims $CLAIMS --remits $REMITS \
    >"$tmp/noacks.csv" 2>/dev/null
hasnt "without it, not rejected" '^claim,R-REJECT,.*,rejected,' "$tmp/noacks.csv"
"$X12" reconcile --claims "$D/recon-sent.837" --acks "$D/recon-acks-unused.277ca" \
    >/dev/null 2>"$tmp/err"
expect_rc "an answer that cannot be used is a warning" 0 $?
has "the batch rejection, located" 'recon-acks-unused.277ca:12:TRN: warning: the answer rejects a whole 837 file (loop 2200B)' "$tmp/err"
has "the answer that says neither" 'recon-acks-unused.277ca:33:TRN: warning: claim answer 2 says neither accepted nor rejected (not_found): not used' "$tmp/err"
"$X12" reconcile --as-of 20250230 --claims "$D/recon-sent.837" >/dev/null 2>&1
expect_rc "--as-of not a date" 2 $?
"$X12" reconcile --table=lines --claims "$D/recon-sent.837" >/dev/null 2>&1
expect_rc "--table without --csv or --jsonl" 2 $?
"$X12" reconcile --claims "$D/recon-sent.837" "$tmp/missing.837" >/dev/null 2>&1
expect_rc "a missing file" 2 $?
"$X12" reconcile --json --as-of 20250320 --claims - --remits "$D/recon-era1.835" \
    <"$D/recon-sent.837" >"$tmp/stdin.json" 2>/dev/null
expect_rc "claims on standard input" 0 $?
if command -v gzip >/dev/null 2>&1; then
    gzip -c "$D/recon-era1.835" >"$tmp/era1.835.gz"
    "$X12" reconcile --json --as-of 20250320 --claims "$D/recon-sent.837" --remits "$tmp/era1.835.gz" \
        >"$tmp/gz.json" 2>/dev/null
    expect_rc "remittances gzip'd" 0 $?
    sed 's/"file":"[^"]*"//g' "$tmp/stdin.json" >"$tmp/a"
    sed 's/"file":"[^"]*"//g' "$tmp/gz.json" >"$tmp/b"
    cmp -s "$tmp/a" "$tmp/b" && ok "stdin and .gz give the same" || bad "stdin and .gz differ"
fi
"$X12" reconcile --claims "$D/claims-broken.837" --remits "$D/recon-era1.835" >/dev/null 2>"$tmp/err"
expect_rc "an 837 with errors" 1 $?
hasnt "no PHI in its messages" 'SECRET-PCN\|PRIVATEPERSON\|JOSEPHINE\|W999888' "$tmp/err"

# Statements: one page per patient who owes, checked with a real HTML parser.
# shellcheck disable=SC2086
"$X12" statements --as-of 20250320 --claims $CLAIMS --remits $REMITS -o "$tmp/st.html" 2>"$tmp/err"
expect_rc "statements --html -o" 0 $?
has "it says how many" 'x12: statements: 2 statements written to' "$tmp/err"
py "statements HTML: balanced, no scripts or external resources, the amounts" - "$tmp/st.html" <<'PY'
import sys
from html.parser import HTMLParser
VOID = {"br", "meta", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}
class Strict(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.sections, self.text, self.bad = [], 0, [], []
        self.dues = []
        self.in_due = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "link", "iframe", "object", "embed", "img"):
            self.bad.append(tag)
        for k, v in attrs:
            if k.startswith("on") or (k in ("src", "href") and v):
                self.bad.append(k)
        if tag == "section" and a.get("class") == "statement":
            self.sections += 1
        if tag not in VOID:
            self.stack.append(tag)
        self.in_due = tag == "dd" and a.get("class") == "due"
    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:], self.getpos())
        self.stack.pop()
        self.in_due = False
    def handle_startendtag(self, tag, attrs):
        assert tag in VOID, tag
    def handle_data(self, d):
        self.text.append(d)
        if self.in_due:
            self.dues.append(d)
p = Strict()
src = open(sys.argv[1], encoding="utf-8").read()
assert src.startswith("<!DOCTYPE html>")
p.feed(src)
p.close()
assert p.stack == [], p.stack
assert p.bad == [], p.bad
assert "url(" not in src and "@import" not in src
assert p.sections == 2, p.sections
assert p.dues == ["$20.00", "$140.00"], p.dues
text = "".join(p.text)
assert "LILY DOE" in text and "JANE DOE" in text and "ROBERT" not in text
assert "Your copay for this service under your plan." in text
assert "Paid at your visit: $10.00" in text
assert "break-after: page" in src
PY
# shellcheck disable=SC2086
"$X12" statements --json --all --as-of 20250320 --claims $CLAIMS --remits $REMITS >"$tmp/st.json" 2>/dev/null
expect_rc "statements --json --all" 0 $?
py "statements JSON: every patient, the shares and dues in cents" - "$tmp/st.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["statements"]
who = [(x["provider"]["name"], x["patient"]["first_name"]) for x in s]
assert who == [("RIVERSIDE FAMILY PRACTICE", "LILY"), ("RIVERSIDE FAMILY PRACTICE", "JANE"),
               ("MERCY GENERAL HOSPITAL", "JANE"), ("RIVERSIDE FAMILY PRACTICE", "ROBERT")], who
jane = s[1]
assert jane["totals"]["due_cents"] == 14000 and jane["totals"]["paid_at_visit_cents"] == 1000
assert jane["totals"]["patient_share_cents"] == 15000
dates = [x["service_date"] for x in jane["services"]]
assert dates == sorted(dates)
ded = [x for x in jane["services"] if x["claim"] == "R-DEDUCT"][0]
assert (ded["owed_now_cents"], ded["patient_share_cents"]) == (12000, 12000)
assert ded["remark"].startswith("Applied to your plan's deductible")
assert s[3]["totals"]["due_cents"] == 0  # Robert's share waits for his second payer
PY
# shellcheck disable=SC2086
"$X12" statements --text --as-of 20250320 --claims $CLAIMS --remits $REMITS >"$tmp/st.txt" 2>/dev/null
expect_rc "statements --text" 0 $?
has "text: the total due" '^TOTAL DUE: 140.00' "$tmp/st.txt"
has "text: a pending service" 'R-PENDING .* with your insurance' "$tmp/st.txt"
# shellcheck disable=SC2086
"$X12" statements --claims $CLAIMS --remits $REMITS -o "$tmp/st.html" >/dev/null 2>&1
expect_rc "statements -o does not replace a file" 2 $?

# Everything in names and addresses is escaped.
cat >"$tmp/esc.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<encounters xmlns="urn:libx12:encounter:1" kind="837P">
  <interchange sender_id="SUBMITTER01" receiver_id="CLEARINGHSE01" date="20250301" time="0900"
               reference="ESC1"/>
  <submitter name="SMITH &amp; JONES" id="SUBMITTER01" contact="BILLING" phone="5555550100"/>
  <receiver name="EXAMPLE CLEARINGHOUSE" id="CLEARINGHSE01"/>
  <provider name="SMITH &amp; JONES &lt;CLINIC&gt;" npi="1234567893" ein="371234567"
            address1="1 &quot;A&quot; STREET" city="SPRINGFIELD" state="IL" zip="627011234">
    <subscriber responsibility="P" filing_indicator="CI" name="O'NEIL" first_name="ANN"
                member_id="M1" address1="2 B STREET" city="SPRINGFIELD" state="IL" zip="62704"
                birth_date="19700101" gender="F">
      <payer name="EXAMPLE HEALTH PLAN" payer_id="EHP01"/>
      <claim pcn="R-PAID" total_charge="185.00" place_of_service="11" service_from="20250220">
        <diagnosis kind="principal" code="J03.00"/>
        <line procedure="99213" charge="125.00" pointers="1" control_number="L1"/>
        <line procedure="87880" charge="60.00" pointers="1" control_number="L2"/>
      </claim>
    </subscriber>
  </provider>
</encounters>
XML
"$X12" build "$tmp/esc.xml" >"$tmp/esc.837" 2>/dev/null || bad "x12 build of the escaping fixture"
"$X12" statements --as-of 20250320 --claims "$tmp/esc.837" --remits "$D/recon-era1.835" >"$tmp/esc.html" 2>/dev/null
expect_rc "statements of names that need escaping" 0 $?
has "& and < > escaped" 'SMITH &amp; JONES &lt;CLINIC&gt;' "$tmp/esc.html"
has "quotes escaped" '1 &quot;A&quot; STREET' "$tmp/esc.html"
has "apostrophes escaped" 'O&#39;NEIL' "$tmp/esc.html"
hasnt "nothing raw" '<CLINIC>' "$tmp/esc.html"

"$X12" reconcile --help >"$tmp/help" 2>&1
expect_rc "reconcile --help" 0 $?
has "help names the inputs" '\-\-remits FILE' "$tmp/help"
"$X12" statements --help >"$tmp/help" 2>&1
expect_rc "statements --help" 0 $?

echo "recon-cli.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]

"""x12 remit's outputs agree with each other and with its text summary.

Run by tests/remit-out.sh: python3 remit_out.py X12 SCHEMA FILE...

For every FILE, --json, --jsonl (with and without --describe), the three
CSV grains and --text are produced, and checked:
  - the JSON and every JSON Lines line match specs/remit-json.schema.json;
  - the JSON Lines, put back together, are the JSON document;
  - --describe only adds description keys;
  - each payment's totals are the sums of its claims, and equal the text
    summary's counts and amounts;
  - the CSV reads back with Python's csv module, has the documented header,
    a row per service line / claim / adjustment, and every money column and
    join key equals the JSON's (sums per file too).
Money is compared as integer cents parsed from the text (never float).
"""

import csv
import io
import json
import re
import subprocess
import sys

import jsonschema

X12, SCHEMA, FILES = sys.argv[1], sys.argv[2], sys.argv[3:]
validator = jsonschema.Draft202012Validator(json.load(open(SCHEMA)))

LINES_COLUMNS = (
    "file,payment_index,trace_number,payment_date,payment_method,payer_name,payer_id,"
    "payee_name,payee_id,claim_index,patient_control_number,payer_claim_control_number,"
    "claim_status,claim_outcome,patient_last_name,patient_first_name,claim_charge,"
    "claim_paid,claim_patient_responsibility,claim_adjustments,line,procedure_qualifier,"
    "procedure,modifiers,revenue_code,service_date,units,line_item_control_number,charge,"
    "allowed,paid,deductible,coinsurance,copay,other_patient_responsibility,contractual,"
    "other_adjustments,adjustments,remarks,line_outcome").split(",")
CLAIMS_COLUMNS = LINES_COLUMNS[:20] + (
    "filing_indicator,facility_code,frequency,statement_from,statement_to,received,lines,"
    "deductible,coinsurance,copay,other_patient_responsibility,contractual,"
    "other_adjustments,denial_reasons,remarks,reversal_of,balanced").split(",")
ADJ_COLUMNS = ("file,payment_index,trace_number,claim_index,patient_control_number,"
               "payer_claim_control_number,line,procedure,group,reason,amount,"
               "quantity").split(",")
DESCRIPTIONS = {"status_text", "reason_text", "text"}

failures = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL", msg)


def run(*args):
    p = subprocess.run([X12, "remit", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout


def cents(text):
    """'-12.50' -> -1250, '' -> None; by hand, never through float."""
    if text == "":
        return None
    m = re.fullmatch(r"(-?)(\d+)\.(\d\d)", text)
    assert m, text
    v = int(m.group(2)) * 100 + int(m.group(3))
    return -v if m.group(1) else v


def dollars_list(text):
    """'CO-45:50.00 PR-1:3.00' -> [('CO', '45', 5000), ('PR', '1', 300)]"""
    out = []
    for item in text.split():
        code, amount = item.rsplit(":", 1)
        group, reason = code.split("-", 1)
        out.append((group, reason, cents(amount)))
    return out


def strip_descriptions(o):
    if isinstance(o, dict):
        return {k: strip_descriptions(v) for k, v in o.items() if k not in DESCRIPTIONS}
    if isinstance(o, list):
        return [strip_descriptions(v) for v in o]
    return o


def count_descriptions(o):
    if isinstance(o, dict):
        return sum((k in DESCRIPTIONS) + count_descriptions(v) for k, v in o.items())
    if isinstance(o, list):
        return sum(count_descriptions(v) for v in o)
    return 0


def schema_errors(doc):
    return [e.message[:200] + " at " + "/".join(map(str, e.absolute_path))
            for e in validator.iter_errors(doc)][:3]


def from_lines(text, name, validate):
    """Rebuilds the --json document from --jsonl output."""
    payments = []
    for n, line in enumerate(text.decode("utf-8").splitlines()):
        o = json.loads(line)
        errs = schema_errors(o) if validate else []
        if errs:
            fail("%s: jsonl line %d: %s" % (name, n + 1, errs))
        t = o.pop("type")
        if t == "payment":
            payments.append(o)
            continue
        p = payments[-1]
        if o.pop("payment_index") != p["index"]:
            fail("%s: line %d: payment_index" % (name, n + 1))
        if o.pop("trace_number", None) != p.get("trace_number"):
            fail("%s: line %d: trace_number" % (name, n + 1))
        if t == "claim":
            p.setdefault("claims", []).append(o)
        else:
            p.update(o)
    return {"payments": payments}


def parse_text(text):
    """Per payment: (amount, claims, lines, charged, paid, patient) from --text."""
    out = []
    for block in text.decode("latin-1").split("\n\n"):  # names as written; only numbers matter
        amount = re.search(r"^  amount +(-?\d+\.\d\d) ", block, re.M)
        totals = re.search(r"^  claims +(\d+) \((\d+) service lines\): charged (-?[\d.]+), "
                           r"paid (-?[\d.]+), patient responsibility (-?[\d.]+)$", block, re.M)
        if amount and totals:
            out.append((cents(amount.group(1)), int(totals.group(1)), int(totals.group(2)),
                        cents(totals.group(3)), cents(totals.group(4)), cents(totals.group(5))))
    return out


def read_csv(data, columns, name, grain):
    text = data.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if rows[0] != columns:
        fail("%s: --csv=%s header %s" % (name, grain, rows[0]))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def check_file(path):
    name = path.rsplit("/", 1)[-1]
    results = {}
    for mode in (["--json"], ["--json", "--describe"], ["--jsonl"], ["--jsonl", "--describe"],
                 ["--csv"], ["--csv=claims"], ["--csv=adjustments"], ["--text"]):
        results[" ".join(mode)] = run(*mode, path)
    codes = {k: rc for k, (rc, _) in results.items()}
    if len(set(codes.values())) != 1 or list(codes.values())[0] not in (0, 1):
        fail("%s: exit statuses differ or fail: %s" % (name, codes))

    doc = json.loads(results["--json"][1])
    described = json.loads(results["--json --describe"][1])
    # The schema is checked on the described document and on the plain JSON
    # Lines; the others are shown equal to those below.
    errs = schema_errors(described)
    if errs:
        fail("%s: --json --describe: %s" % (name, errs))
    if strip_descriptions(described) != doc:
        fail("%s: --describe changes more than descriptions" % name)
    if count_descriptions(doc) != 0:
        fail("%s: descriptions without --describe" % name)
    ndesc = count_descriptions(described)

    # JSON Lines put back together = the document (the document names the
    # file in each payment; single-file JSON Lines do not).
    for flags, want in (("--jsonl", doc), ("--jsonl --describe", described)):
        got = from_lines(results[flags][1], name, flags == "--jsonl")
        want = {"payments": [{k: v for k, v in p.items() if k != "file"}
                             for p in want["payments"]]}
        if got != want:
            fail("%s: %s does not rebuild --json" % (name, flags))

    # Totals: sums of the claims, and the text summary's.
    summary = parse_text(results["--text"][1])
    payments = doc["payments"]
    if len(summary) != len(payments):
        fail("%s: %d payments in --text, %d in --json" % (name, len(summary), len(payments)))
    for p, s in zip(payments, summary):
        claims = p.get("claims", [])
        t = p["totals"]
        mine = (len(claims), sum(len(c.get("services", [])) for c in claims),
                sum(c["charge_cents"] for c in claims), sum(c["paid_cents"] for c in claims))
        if mine != (t["claims"], t["lines"], t["charge_cents"], t["paid_cents"]):
            fail("%s: payment %d totals %s vs claims %s" % (name, p["index"], t, mine))
        if t["provider_adjustment_cents"] != sum(b["amount_cents"]
                                                 for b in p.get("provider_adjustments", [])):
            fail("%s: PLB total" % name)
        patient = sum(c["patient_responsibility_cents"] for c in claims)
        if s != (p["amount_cents"], t["claims"], t["lines"], t["charge_cents"], t["paid_cents"],
                 patient):
            fail("%s: payment %d: --text %s, --json %s" % (name, p["index"], s,
                 (p["amount_cents"], t["claims"], t["lines"], t["charge_cents"],
                  t["paid_cents"], patient)))

    claims = {(p["index"], c["index"]): (p, c) for p in payments for c in p.get("claims", [])}

    # CSV, one row per service line.
    rows = read_csv(results["--csv"][1], LINES_COLUMNS, name, "lines")
    if len(rows) != sum(max(1, len(c.get("services", []))) for _, c in claims.values()):
        fail("%s: --csv rows %d" % (name, len(rows)))
    sums = {k: 0 for k in ("charge", "paid", "allowed", "deductible", "coinsurance", "copay",
                           "other_patient_responsibility")}
    for r in rows:
        p, c = claims[(int(r["payment_index"]), int(r["claim_index"]))]
        if (r["trace_number"], r["patient_control_number"], cents(r["claim_charge"]),
                cents(r["claim_paid"]), cents(r["claim_patient_responsibility"]),
                r["claim_outcome"]) != (p.get("trace_number", ""), c.get("patient_control_number", ""),
                                        c["charge_cents"], c["paid_cents"],
                                        c["patient_responsibility_cents"], c["outcome"]):
            fail("%s: --csv claim columns of claim %s" % (name, r["claim_index"]))
        if dollars_list(r["claim_adjustments"]) != [(a.get("group", ""), a.get("reason", ""),
                                                     a["amount_cents"])
                                                    for a in c.get("adjustments", [])]:
            fail("%s: --csv claim_adjustments" % name)
        if r["line"] == "":
            part, charge, paid, allowed = c, c["charge_cents"], c["paid_cents"], None
        else:
            part = c["services"][int(r["line"]) - 1]
            charge, paid, allowed = part["charge_cents"], part["paid_cents"], part.get("allowed_cents")
            if (r["procedure"], r["line_item_control_number"], r["units"], r["line_outcome"]) != (
                    part.get("procedure", ""), part.get("line_item_control_number", ""),
                    part.get("units", "1"), part["outcome"]):
                fail("%s: --csv line columns" % name)
        share = part["patient_share"]
        got = (cents(r["charge"]), cents(r["paid"]), cents(r["allowed"]), cents(r["deductible"]),
               cents(r["coinsurance"]), cents(r["copay"]), cents(r["other_patient_responsibility"]))
        want = (charge, paid, allowed, share["deductible_cents"], share["coinsurance_cents"],
                share["copay_cents"], share["other_cents"])
        if got != want:
            fail("%s: --csv money %s != %s" % (name, got, want))
        adj = part.get("adjustments", [])
        if (cents(r["contractual"]), cents(r["other_adjustments"])) != (
                sum(a["amount_cents"] for a in adj if a.get("group") == "CO"),
                sum(a["amount_cents"] for a in adj if a.get("group") not in ("CO", "PR"))):
            fail("%s: --csv contractual / other" % name)
        for k in sums:
            sums[k] += cents(r[k]) or 0
    want_sums = {"charge": 0, "paid": 0, "allowed": 0, "deductible": 0, "coinsurance": 0,
                 "copay": 0, "other_patient_responsibility": 0}
    for _, c in claims.values():
        parts = c.get("services") or [c]
        for s in parts:
            want_sums["charge"] += s["charge_cents"]
            want_sums["paid"] += s["paid_cents"]
            want_sums["allowed"] += s.get("allowed_cents", 0)
            want_sums["deductible"] += s["patient_share"]["deductible_cents"]
            want_sums["coinsurance"] += s["patient_share"]["coinsurance_cents"]
            want_sums["copay"] += s["patient_share"]["copay_cents"]
            want_sums["other_patient_responsibility"] += s["patient_share"]["other_cents"]
    if sums != want_sums:
        fail("%s: --csv sums %s != %s" % (name, sums, want_sums))

    # CSV, one row per claim.
    crow = read_csv(results["--csv=claims"][1], CLAIMS_COLUMNS, name, "claims")
    if len(crow) != len(claims):
        fail("%s: --csv=claims rows" % name)
    for r in crow:
        p, c = claims[(int(r["payment_index"]), int(r["claim_index"]))]
        adj = c.get("adjustments", []) + [a for s in c.get("services", [])
                                          for a in s.get("adjustments", [])]
        share = c["patient_share"]
        got = (cents(r["claim_charge"]), cents(r["claim_paid"]),
               cents(r["claim_patient_responsibility"]), cents(r["deductible"]),
               cents(r["coinsurance"]), cents(r["copay"]), cents(r["other_patient_responsibility"]),
               cents(r["contractual"]), cents(r["other_adjustments"]), int(r["lines"]),
               r["balanced"], r["reversal_of"], dollars_list(r["denial_reasons"]))
        want = (c["charge_cents"], c["paid_cents"], c["patient_responsibility_cents"],
                share["deductible_cents"], share["coinsurance_cents"], share["copay_cents"],
                share["other_cents"],
                sum(a["amount_cents"] for a in adj if a.get("group") == "CO"),
                sum(a["amount_cents"] for a in adj if a.get("group") not in ("CO", "PR")),
                len(c.get("services", [])), "true" if c.get("balanced") else "false",
                str(c["reversal_of"]) if "reversal_of" in c else "",
                [(a.get("group", ""), a.get("reason", ""), a["amount_cents"])
                 for a in c.get("denial", {}).get("reasons", [])])
        if got != want:
            fail("%s: --csv=claims claim %s: %s != %s" % (name, r["claim_index"], got, want))

    # CSV, one row per adjustment, in order; they join to the lines grain.
    arow = read_csv(results["--csv=adjustments"][1], ADJ_COLUMNS, name, "adjustments")
    want_adj = []
    for (pi, ci), (p, c) in sorted(claims.items()):
        want_adj += [(pi, ci, 0, a.get("group", ""), a.get("reason", ""), a["amount_cents"],
                      a.get("quantity", "")) for a in c.get("adjustments", [])]
        for s in c.get("services", []):
            want_adj += [(pi, ci, s["line"], a.get("group", ""), a.get("reason", ""),
                          a["amount_cents"], a.get("quantity", ""))
                         for a in s.get("adjustments", [])]
    got_adj = [(int(r["payment_index"]), int(r["claim_index"]), int(r["line"]), r["group"],
                r["reason"], cents(r["amount"]), r["quantity"]) for r in arow]
    if got_adj != want_adj:
        fail("%s: --csv=adjustments differs from the JSON adjustments" % name)
    line_keys = {(r["payment_index"], r["claim_index"], r["line"]) for r in rows}
    for r in arow:
        if r["line"] != "0" and (r["payment_index"], r["claim_index"], r["line"]) not in line_keys:
            fail("%s: adjustment row does not join a line row" % name)

    print("ok   %s: %d payments, %d claims, %d lines, %d adjustments, %d descriptions" % (
        name, len(payments), len(claims), len(rows), len(arow), ndesc))


for f in FILES:
    check_file(f)

# Several files: JSON Lines name the file on every line; indexes restart.
if len(FILES) >= 2:
    rc, out = run("--jsonl", FILES[0], FILES[1])
    lines = [json.loads(l) for l in out.decode("utf-8").splitlines()]
    if not lines or any("file" not in o for o in lines):
        fail("several files: a JSON Lines line without its file")
    elif [o["file"] for o in lines if o["type"] == "payment" and o["index"] == 0] != FILES[:2]:
        fail("several files: payment indexes do not restart per file")
    else:
        print("ok   several files: every JSON Lines line names its file")

print("remit_out.py: %d files, %d failures" % (len(FILES), failures))
sys.exit(1 if failures else 0)

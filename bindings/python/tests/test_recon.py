"""libx12.reconcile: the reconciliation fixtures (tests/data/recon-*) as
pandas DataFrames and as plain rows, the same results as `x12 reconcile`,
exact int64 cents, 277CA answers given as dicts, rules, problems with their
files, and bad arguments."""

import datetime
import gzip
import json
import os
import subprocess
import unittest

import libx12
from util import data, read, X12

CLAIMS = [data(n) for n in ("recon-sent.837", "recon-old.837", "recon-resent.837",
                            "recon-inst.837")]
REMITS = [data(n) for n in ("recon-era1.835", "recon-era2.835", "recon-era3.835")]
REJECT = {"pcn": "R-REJECT", "date": "20250302", "rejected": True, "codes": "A7:562:85"}


def run(**kw):
    kw.setdefault("claims", CLAIMS)
    kw.setdefault("remits", REMITS)
    kw.setdefault("as_of", "20250320")
    return libx12.reconcile(**kw)


class FramesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.r = run(acks=[REJECT])

    def claim(self, pcn):
        c = self.r.claims
        row = c[c["patient_control_number"] == pcn]
        self.assertEqual(len(row), 1, pcn)
        return row.iloc[0]

    def test_tables(self):
        r = self.r
        self.assertEqual(r.as_of, "20250320")
        self.assertEqual(len(r.claims), 22)
        self.assertEqual(list(r.unmatched["patient_control_number"]), ["R-UNKNOWN"])
        self.assertEqual(len(r.lines), 31)  # 30 lines of 22 claims, 1 unmatched
        self.assertEqual(set(r.lines["patient_control_number"]),
                         set(r.claims["patient_control_number"]) | {"R-UNKNOWN"})
        self.assertEqual(len(r.aging), 2)
        self.assertIn("Reconciliation as of 20250320", repr(r))

    def test_money_is_int64(self):
        c = self.r.claims
        for col in ("charged_cents", "paid_cents", "contractual_cents",
                    "patient_responsibility_cents", "other_adjustment_cents",
                    "unbalanced_cents", "patient_due_cents", "payer_balance_cents"):
            self.assertEqual(str(c[col].dtype), "int64", col)
        self.assertEqual(str(self.r.lines["paid_cents"].dtype), "int64")
        self.assertEqual(str(self.r.reasons["amount_cents"].dtype), "int64")
        self.assertEqual(str(c["days_outstanding"].dtype), "Int64")
        # exact sums: 3385.00 charged, 1544.00 paid by the claims' remittances
        self.assertEqual(int(c["charged_cents"].sum()), 338500)
        self.assertEqual(int(c["paid_cents"].sum()), 154400)
        adjudicated = c[c["balance"] != "open"]
        self.assertTrue((adjudicated["charged_cents"] ==
                         adjudicated["paid_cents"] + adjudicated["contractual_cents"] +
                         adjudicated["patient_responsibility_cents"] +
                         adjudicated["other_adjustment_cents"] +
                         adjudicated["unbalanced_cents"]).all())

    def test_states_and_actions(self):
        want = {
            "R-PAID": ("paid", "bill_patient"), "R-PARTIAL": ("partially_paid", "appeal"),
            "R-CORRECT": ("denied", "correct_and_resubmit"),
            "R-REVERSED": ("reversed", "follow_up"), "R-XWAIT": ("forwarded", "none"),
            "R-REJECT": ("rejected", "correct_and_resubmit"), "R-PENDING": ("pending", "none"),
            "R-OLD": ("pending", "follow_up"), "R-SECOND": ("paid", "bill_secondary"),
            "R-WRITEOFF": ("paid", "write_off"), "R-UNBAL": ("paid", "follow_up"),
        }
        for pcn, (state, action) in want.items():
            row = self.claim(pcn)
            self.assertEqual((row["state"], row["next_action"]), (state, action), pcn)
            self.assertTrue(row["next_action_reason"])
        rej = self.claim("R-REJECT")
        self.assertEqual((rej["ack_date"], rej["ack_codes"]), ("20250302", "A7:562:85"))
        self.assertEqual(self.claim("R-UNBAL")["unbalanced_cents"], 1000)
        self.assertEqual(self.claim("R-PAID")["patient_due_cents"], 2000)
        self.assertEqual(self.claim("R-OLD")["days_outstanding"], 78)
        self.assertTrue(self.r.unmatched["days_outstanding"].isna().all())

    def test_reasons_and_remits(self):
        rs = self.r.reasons
        r = rs[rs["patient_control_number"] == "R-CORRECT"].iloc[0]
        self.assertEqual((r["group"], r["reason"], r["amount_cents"], r["remarks"], r["rule"]),
                         ("CO", "16", 12500, "MA130 N290", "not-processable"))
        rm = self.r.remits
        roles = list(rm[rm["patient_control_number"] == "R-CORRECTED"]["role"])
        self.assertEqual(roles, ["reversed", "reversal", "counts"])
        self.assertEqual(str(rm["payer_order"].dtype), "int64")

    def test_same_as_the_tool(self):
        if not X12 or not os.path.exists(X12):
            self.skipTest("X12_BUILDDIR/tools/x12 is not built")
        out = subprocess.run([X12, "reconcile", "--json", "--as-of", "20250320", "--claims"] +
                             CLAIMS + ["--remits"] + REMITS, capture_output=True, check=True)
        tool = json.loads(out.stdout)
        mine = run(document=True, frames=False)
        self.assertEqual(mine.document, tool)
        for row, c in zip(mine.claims, tool["claims"]):
            for k in ("patient_control_number", "state", "next_action", "paid_cents",
                      "days_outstanding"):
                self.assertEqual(row[k], c[k], k)


class InputsTest(unittest.TestCase):
    def test_bytes_gzip_and_order(self):
        a = run(frames=False)
        b = libx12.reconcile(claims=[read(p) for p in reversed(CLAIMS)],
                             remits=[gzip.compress(read(p)) for p in REMITS],
                             as_of=datetime.date(2025, 3, 20), frames=False)
        strip = lambda rows: [{k: v for k, v in r.items() if k != "file"} for r in rows]
        self.assertEqual(strip(a.claims), strip(b.claims))
        self.assertEqual(a.lines, b.lines)
        self.assertEqual({c["file"] for c in b.claims},
                         {"<bytes 1>", "<bytes 2>", "<bytes 3>", "<bytes 4>"})

    def test_acks_from_277ca_files(self):
        """A 277CA file (path, bytes or gzip) read by the library, as the
        tool reads it: R-REJECT rejected with the answer's codes and date,
        R-PENDING accepted and still pending, the same rows as the dict."""
        by_dict = run(acks=[REJECT], frames=False)
        by_path = run(acks=data("recon-acks.277ca"), frames=False)
        by_gzip = run(acks=[gzip.compress(read(data("recon-acks.277ca")))], frames=False)
        rows = lambda r: {c["patient_control_number"]: c for c in r.claims}
        p, g, d = rows(by_path), rows(by_gzip), rows(by_dict)
        self.assertEqual((p["R-REJECT"]["state"], p["R-REJECT"]["next_action"],
                          p["R-REJECT"]["ack_codes"], p["R-REJECT"]["ack_date"]),
                         ("rejected", "correct_and_resubmit", "A7:562:85", "20250302"))
        self.assertEqual((p["R-PENDING"]["state"], p["R-PENDING"]["ack_codes"]),
                         ("pending", "A2:20"))
        self.assertEqual(p["R-REJECT"], d["R-REJECT"])
        strip = lambda c: {k: v for k, v in c.items() if k != "file"}
        self.assertEqual({k: strip(v) for k, v in p.items()},
                         {k: strip(v) for k, v in g.items()})
        self.assertFalse([x for x in by_path.problems if x.file == data("recon-acks.277ca")])
        out = subprocess.run([X12, "reconcile", "--json", "--as-of", "20250320", "--claims"] +
                             CLAIMS + ["--remits"] + REMITS + ["--acks", data("recon-acks.277ca")],
                             capture_output=True, check=True) if X12 and os.path.exists(X12) \
            else None
        if out is not None:
            tool = json.loads(out.stdout)
            mine = run(acks=data("recon-acks.277ca"), document=True, frames=False)
            self.assertEqual(mine.document, tool)
        unused = run(claims=CLAIMS[:1], acks=[data("recon-acks-unused.277ca")], frames=False)
        self.assertEqual(sorted(x.problem.rule for x in unused.problems
                                if x.file == data("recon-acks-unused.277ca")),
                         ["ack-batch-rejected", "ack-unused"])

    def test_junk_is_counted_not_kept(self):
        raw = read(data("recon-era1.835"))
        at = raw.index(b"N1*PR*")
        clean = run(frames=False)
        r = run(remits=[raw[:at] + b"!!~" * 3000 + raw[at:]] + REMITS[1:], frames=False)
        self.assertEqual(clean.problems_dropped, 0)
        self.assertLessEqual(len(r.problems), len(clean.problems) + 1000)
        self.assertGreaterEqual(len(r.problems) + r.problems_dropped,
                                len(clean.problems) + 3000)
        self.assertEqual(r.claims, clean.claims)

    def test_problems_name_their_files(self):
        r = run(frames=False)
        files = {d.file for d in r.problems}
        self.assertIn(data("recon-era1.835"), files)
        rules = {d.problem.rule for d in r.problems}
        self.assertIn("balance-claim", rules)
        self.assertIn("duplicate-claim", rules)
        for d in r.problems:
            self.assertNotIn("R-", d.problem.message)
            self.assertNotIn("DOE", d.problem.message)

    def test_rules(self):
        xml = ("<recon-rules xmlns='urn:libx12:recon-rules:1' follow-up-days='10'>"
               "<rule id='mine' action='follow_up' effect='denial'><covers group='CO' carc='50'/>"
               "<reason>Ask first.</reason></rule></recon-rules>")
        r = run(rules=xml, frames=False)
        row = [c for c in r.claims if c["patient_control_number"] == "R-PARTIAL"][0]
        self.assertEqual((row["next_action"], row["next_action_rule"]), ("follow_up", "mine"))
        row = [c for c in r.claims if c["patient_control_number"] == "R-PENDING"][0]
        self.assertEqual(row["next_action"], "follow_up")
        r = run(follow_up_days=60, frames=False)
        row = [c for c in r.claims if c["patient_control_number"] == "R-OLD"][0]
        self.assertEqual(row["next_action"], "follow_up")  # 78 days
        with self.assertRaises(libx12.X12Error) as e:
            run(rules="<recon-rules xmlns='urn:libx12:recon-rules:1'><rule/></recon-rules>")
        self.assertTrue(e.exception.problems)
        self.assertEqual(e.exception.problems[0].rule, "rules-schema")

    def test_bad_arguments(self):
        with self.assertRaises(ValueError):
            run(as_of="2025-03-20")
        with self.assertRaises(ValueError):
            run(as_of="20250230")
        with self.assertRaises(ValueError):
            run(acks=[{"pcn": "R-PAID", "date": "2025"}])
        with self.assertRaises(TypeError):
            run(acks=[{"pcn": "R-PAID", "date": "20250302", "rejected": "yes"}])
        with self.assertRaises(libx12.X12Error):
            run(claims=[b"this is not X12 at all" * 10])
        with self.assertRaises(libx12.X12Error):
            run(claims=[data("no-such-file.837")])
        with self.assertRaises(TypeError):
            run(claims=[12])
        with self.assertRaises(libx12.IntegerRangeError):
            run(follow_up_days=2 ** 64)

    def test_without_pandas(self):
        import sys
        saved = sys.modules.get("pandas")
        sys.modules["pandas"] = None  # "import pandas" now fails
        try:
            r = run(frames=False)
            self.assertEqual(len(r.claims), 22)
            with self.assertRaises(ImportError) as e:
                run()
            self.assertIn("frames=False", str(e.exception))
        finally:
            if saved is None:
                del sys.modules["pandas"]
            else:
                sys.modules["pandas"] = saved

    def test_empty(self):
        r = libx12.reconcile(as_of=20250320)
        self.assertEqual(len(r.claims), 0)
        self.assertIn("patient_control_number", list(r.claims.columns))
        self.assertEqual(r.as_of, "20250320")


if __name__ == "__main__":
    unittest.main()

"""837P/837I read back with libx12.read_837: the dict shape build_837 takes,
round trips byte for byte, values as the encounter format names them,
positions and diagnostics, push-free input (bytes, gzip bytes, paths), the
same claims as `x12 claims --json`, and the corpus read without a crash."""

import copy
import gzip
import os

import libx12
from test_claims import encounter
from util import TestCase, cli_json, corpus_files, corpus_test, data, need_cli, read

GOLDENS = ["office-visit", "inpatient-stay", "multi-line-modifiers", "patient-not-subscriber",
           "secondary-claim"]


def the_claim(enc):
    """The one claim of a read_837 item (under the subscriber or a patient)."""
    sub = enc["providers"][0]["subscribers"][0]
    if "patients" in sub:
        return sub["patients"][0]["claims"][0]
    return sub["claims"][0]


def subset(small, big, path="$"):
    """Every value of `small` is in `big` at the same place (lists by
    position); `big` may hold more.  The encounter format's spellings are
    allowed for: space-separated lists, money as decimal text, ICD-10 codes
    with their dot (the model keeps them without)."""
    if isinstance(small, str) and isinstance(big, list):
        small = small.split()
    if isinstance(small, str) and ".diagnoses[" in path and path.endswith(".code"):
        small = small.replace(".", "")
    if isinstance(small, dict):
        assert isinstance(big, dict), path
        for k, v in small.items():
            assert k in big, "%s.%s is not read back" % (path, k)
            subset(v, big[k], "%s.%s" % (path, k))
    elif isinstance(small, list):
        assert isinstance(big, list) and len(small) == len(big), path
        for i, (a, b) in enumerate(zip(small, big)):
            subset(a, b, "%s[%d]" % (path, i))
    else:
        assert str(small) == str(big) or _cents_equal(small, big), \
            "%s: %r read back as %r" % (path, small, big)


def _cents_equal(a, b):
    """The XML format writes money as decimal text, the reader gives cents."""
    try:
        whole, _, frac = str(a).partition(".")
        return int(whole) * 100 + int((frac + "00")[:2]) == int(b)
    except ValueError:
        return False


class ReadBack(TestCase):
    def test_goldens_round_trip(self):
        for name in GOLDENS:
            with self.subTest(name):
                raw = read(data("claim837-%s.837" % name))
                items = list(libx12.read_837(raw))
                self.assertEqual(len(items), 1)
                self.assertEqual(libx12.build_837(items), raw)
                # and from a path, and from gzip'd bytes
                self.assertEqual(list(libx12.read_837(data("claim837-%s.837" % name))), items)
                self.assertEqual(list(libx12.read_837(gzip.compress(raw))), items)

    def test_every_encounter_is_read_back_into_its_fields(self):
        # examples/encounters/NAME.xml as a dict (test_claims) -> bytes ->
        # read_837: every value the encounter gives is in the claim read.
        for name in GOLDENS:
            with self.subTest(name):
                enc = encounter(name)
                raw = libx12.build_837(enc)
                items = list(libx12.read_837(raw))
                self.assertEqual(libx12.build_837(items), raw)
                got = items[0]
                want = copy.deepcopy(enc)
                # read_837 holds one claim per item, as the encounter does
                subset({k: v for k, v in want.items() if k != "providers"}, got)
                wp, gp = want["providers"][0], got["providers"][0]
                subset({k: v for k, v in wp.items() if k != "subscribers"}, gp)
                ws, gs = wp["subscribers"][0], gp["subscribers"][0]
                subset({k: v for k, v in ws.items() if k not in ("claims", "patients")}, gs)
                if "patients" in ws:
                    subset({k: v for k, v in ws["patients"][0].items() if k != "claims"},
                           gs["patients"][0])
                    subset(ws["patients"][0]["claims"][0], the_claim(got))
                else:
                    subset(ws["claims"][0], the_claim(got))

    def test_values(self):
        (sec,) = libx12.read_837(data("claim837-secondary-claim.837"))
        c = the_claim(sec)
        self.assertEqual(sec["kind"], "837P")
        self.assertEqual(c["pcn"], "PCN-2025-0412")
        self.assertEqual(c["total_charge"], 25000)
        self.assertIsInstance(c["total_charge"], int)
        self.assertEqual([d["kind"] for d in c["diagnoses"]], ["principal", "other"])
        op = c["other_payers"][0]
        self.assertEqual((op["responsibility"], op["paid"], op["payer"]["payer_id"]),
                         ("P", 14400, "MCRB01"))
        la = c["lines"][0]["adjudications"][0]
        self.assertEqual([(a["group"], a["reason"], a["amount"]) for a in la["adjustments"]],
                         [("CO", "45", 2000), ("PR", "1", 4000), ("PR", "2", 2600)])
        (ip,) = libx12.read_837(data("claim837-inpatient-stay.837"))
        c = the_claim(ip)
        self.assertEqual((ip["kind"], c["bill_type"], c["admission_hour"]), ("837I", "111", "1400"))
        self.assertEqual([(d["code"], d.get("poa")) for d in c["diagnoses"]],
                         [("K3580", "Y"), ("R1031", None), ("E119", "Y"), ("K9189", "N")])
        self.assertIn({"kind": "value", "code": "80", "amount": 400}, c["codes"])
        self.assertEqual(c["lines"][1]["noncovered"], 5000)

    def test_many_claims_rebuild_their_tree(self):
        # Claims of two subscribers, one with a patient, in one file: read
        # one by one and built again, the same bytes.
        enc = encounter("office-visit")
        sub = enc["providers"][0]["subscribers"][0]
        first = copy.deepcopy(sub["claims"][0])
        for i in range(2, 5):
            c = copy.deepcopy(first)
            c["pcn"] = "PCN-%d" % i
            sub["claims"].append(c)
        kid = copy.deepcopy(encounter("patient-not-subscriber")["providers"][0]
                            ["subscribers"][0]["patients"][0])
        sub["patients"] = [kid]
        other = copy.deepcopy(sub)
        other["member_id"] = "XJ0000000002"
        del other["patients"]
        enc["providers"][0]["subscribers"].append(other)
        raw = libx12.build_837(enc)
        items = list(libx12.read_837(raw))
        self.assertEqual(len(items), 4 + 1 + 4)
        self.assertEqual(libx12.build_837(items), raw)
        # A claim changed in its dict: a replacement of the second claim.
        c = the_claim(items[1])
        c["frequency"] = "7"
        c["payer_claim_number"] = "PAYER123"
        out = libx12.build_837([items[1]])
        self.assertIn(b"CLM*PCN-2*185***11:B:7*Y*A*Y*Y~", out)
        self.assertIn(b"REF*F8*PAYER123~", out)

    def test_junk_diagnostics_are_counted_past_the_limit(self):
        # 5000 MSG segments (in no 837 guide) in one claim: the lists keep
        # 1000, the rest are counted, nothing is lost from the counts
        raw = read(data("claims-broken.837"))
        at = raw.index(b"CLM*SECRET-PCN-1")
        at = raw.index(b"~", at) + 1
        junk = raw[:at] + b"MSG*X~" * 5000 + raw[at:]
        with libx12.ClaimStream(raw) as s:
            next(s)
            base = (len(s.problems), len(s.issues), s.not_kept)
            self.assertEqual((s.problems_dropped, s.issues_dropped), (0, 0))
        with libx12.ClaimStream(junk) as s:
            next(s)
            self.assertEqual(len(s.issues), 1000)
            self.assertEqual(len(s.problems), 1000)
            self.assertEqual(len(s.issues) + s.issues_dropped, base[1] + 5000)
            self.assertEqual(len(s.problems) + s.problems_dropped, base[0] + 5000)
            self.assertEqual(s.not_kept, base[2] + 5000)

    def test_positions_and_diagnostics(self):
        raw = read(data("claims-broken.837"))
        with libx12.ClaimStream(raw) as s:
            items = list(s)
            totals = s.totals
        # the subscriber HL naming a parent that does not exist is read
        # under the billing provider; the claim in an HL of level 21 is
        # skipped
        self.assertEqual(len(items), 2)
        self.assertEqual(totals["claims"], 2)
        self.assertEqual(totals["skipped"], 1)
        self.assertEqual(totals["not_kept"], 1)
        s = libx12.ClaimStream(raw)
        next(s)
        self.assertEqual(s.position["segment_number"], 17)
        self.assertEqual(s.position["offset"], raw.index(b"CLM*SECRET-PCN-1"))
        self.assertEqual(s.position["provider_offset"], raw.index(b"HL*1*"))
        self.assertEqual(s.not_kept, 1)
        rules = [(p.rule, p.segment_id, p.loop_id, p.element) for p in s.issues]
        self.assertIn(("not-kept", "CLM", "2300", 13), rules)
        # the claim's K3 is its file information now, no longer a warning
        self.assertNotIn("K3", [p.segment_id for p in s.issues])
        self.assertIn(("amount", "SV1", "2400", 2), rules)
        seen = []
        next(s)
        self.assertEqual(s.position["segment_number"], 31)
        seen += s.problems
        self.assertIn("hl-parent", [p.rule for p in s.problems])
        self.assertRaises(StopIteration, next, s)
        seen += s.problems
        self.assertIn("hl-level", [p.rule for p in s.problems])
        self.assertIn("outside-loop", [p.rule for p in s.problems])
        for p in seen:
            self.assertNotIn("SECRET", p.message)
            self.assertNotIn("PRIVATEPERSON", p.message)
        s.close()

    def test_fatal_error_raises(self):
        with self.assertRaises(libx12.X12Error):
            list(libx12.read_837(b"this is not X12 at all" * 10))
        with self.assertRaises(TypeError):
            list(libx12.read_837(12))

    def test_build_list_rules(self):
        (ov,) = libx12.read_837(data("claim837-office-visit.837"))
        (ip,) = libx12.read_837(data("claim837-inpatient-stay.837"))
        with self.assertRaises(ValueError):
            libx12.build_837([ov, ip])
        with self.assertRaises(ValueError):
            libx12.build_837([])
        # the list is not changed by building it
        before = copy.deepcopy(ov)
        libx12.build_837([ov, ov])
        self.assertEqual(ov, before)

    def test_same_claims_as_the_cli(self):
        need_cli(self)
        path = data("claim837-multi-line-modifiers.837")
        rc, doc = cli_json("claims", "--json", path)
        self.assertEqual(rc, 0)
        (c,) = doc["claims"]
        mine = the_claim(next(libx12.read_837(path)))
        self.assertEqual(c["pcn"], mine["pcn"])
        self.assertEqual(c["charge_cents"], mine["total_charge"])
        self.assertEqual([(l["procedure"], l["modifiers"], l["charge_cents"]) for l in c["lines"]],
                         [(l["procedure"], l.get("modifiers", []), l["charge"])
                          for l in mine["lines"]])

    @corpus_test
    def test_corpus(self):
        files = corpus_files("837p") + corpus_files("837i")
        self.assertTrue(files, "no 837p or 837i file in the corpus")
        for path in files:
            with self.subTest(os.path.basename(path)):
                raw = read(path)
                clms = raw.count(b"CLM*") if b"~CLM*" in raw.replace(b"\n", b"") else None
                try:
                    with libx12.ClaimStream(raw) as s:
                        items = list(s)
                        totals = s.totals
                except libx12.X12Error:
                    continue  # a file the reader cannot go on with (no ISA)
                self.assertEqual(totals["claims"], len(items))
                if clms is not None:
                    self.assertEqual(len(items) + totals["skipped"], clms)
                for enc in items:
                    c = the_claim(enc)
                    self.assertIsInstance(c.get("total_charge", 0), int)

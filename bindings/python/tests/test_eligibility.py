"""270 built from dicts and XML, 271 read into dataclasses: the same bytes
and values as `x12 build` / `x12 eligibility --json`, exact values on the
hand-made fixtures, edits as X12Error with paths, DataFrames."""

import copy
import glob
import gzip
import os
import subprocess
import sys

import libx12
from util import (CORPUS, EXAMPLE_DATA, TestCase, cli_json, data, need_cli, read)

REQUESTS = os.path.join(os.path.dirname(EXAMPLE_DATA), "requests")
FIXTURES = ["elig-271-benefits.x12", "elig-271-dependents.x12", "elig-271-rejected.x12"]

# examples/requests/eligibility.xml as a dict: the same names, lists under
# plural keys.
REQUEST = {
    "interchange": {"sender_id": "SUBMITTER01", "receiver_id": "EHP01", "date": "20251118",
                    "time": "0900", "reference": "ELIG20251118",
                    "trace_originator": "1371234567", "control_number": 511,
                    "group_control_number": 511},
    "inquiries": [
        {"service_types": ["30", "98", "UC"], "service_date": "20251120",
         "trace_number": "ELIG-0001",
         "payer": {"name": "EXAMPLE HEALTH PLAN", "id": "EHP01"},
         "provider": {"name": "RIVERSIDE FAMILY PRACTICE", "npi": "1234567893",
                      "taxonomy": "207Q00000X"},
         "subscriber": {"last_name": "DOE", "first_name": "JANE", "member_id": "XJ0000000001",
                        "birth_date": "19800101", "gender": "F"}},
        {"service_types": "30", "service_date": "20251120", "trace_number": "ELIG-0002",
         "payer": {"name": "EXAMPLE HEALTH PLAN", "id": "EHP01"},
         "provider": {"name": "RIVERSIDE FAMILY PRACTICE", "npi": "1234567893",
                      "taxonomy": "207Q00000X"},
         "subscriber": {"last_name": "ROE", "first_name": "RICHARD",
                        "member_id": "XR0000000007", "birth_date": "19750612", "gender": "M"},
         "dependent": {"last_name": "ROE", "first_name": "SAM", "birth_date": "20150304",
                       "gender": "M", "relationship": "19"}},
    ],
}


def corpus_271():
    d = CORPUS + "-270-277"
    return sorted(glob.glob(os.path.join(d, "271", "*")))


class Build270Tests(TestCase):
    def test_dict_is_the_example_byte_for_byte(self):
        want = read(os.path.join(EXAMPLE_DATA, "eligibility.270"))
        self.assertEqual(libx12.build_270(REQUEST), want)
        self.assertEqual(libx12.build_270_xml(os.path.join(REQUESTS, "eligibility.xml")), want)
        with open(os.path.join(REQUESTS, "eligibility.xml"), "rb") as f:
            self.assertEqual(libx12.build_270_xml(f.read()), want)

    def test_built_270_validates_clean(self):
        self.assertEqual(libx12.validate(libx12.build_270(REQUEST), strict=True), [])

    def test_procedure_inquiry(self):
        rq = copy.deepcopy(REQUEST)
        q = rq["inquiries"][0]
        del q["service_types"]
        q["procedure"] = "99213"
        q["modifiers"] = ["25"]
        x = libx12.build_270(rq, line_break="")
        self.assertIn(b"~EQ**HC:99213:25~", x)
        self.assertEqual(libx12.validate(x, strict=True), [])

    def test_edits_raise_with_paths_and_no_identifying_values(self):
        rq = copy.deepcopy(REQUEST)
        rq["inquiries"][0]["provider"]["npi"] = "1234567890"
        rq["inquiries"][1]["dependent"]["birth_date"] = "20151304"
        del rq["inquiries"][1]["subscriber"]["member_id"]
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_270(rq)
        e = cm.exception
        self.assertEqual(e.status_name, "X12_EEDIT")
        got = sorted((p.path, p.rule) for p in e.problems)
        self.assertEqual(got, [("inquiry[1].provider.npi", "npi-check-digit"),
                               ("inquiry[2].dependent.birth_date", "date"),
                               ("inquiry[2].subscriber.member_id", "required")])
        for p in e.problems:
            self.assertNotIn("20151304", p.message)
            self.assertNotIn("ROE", p.message)

    def test_bad_shapes(self):
        rq = copy.deepcopy(REQUEST)
        rq["inquiries"][0]["payer"]["nmae"] = "X"
        with self.assertRaises(ValueError):
            libx12.build_270(rq)
        rq = copy.deepcopy(REQUEST)
        rq["inquiries"][0]["service_date"] = 20251120.0
        with self.assertRaises(TypeError):
            libx12.build_270(rq)
        rq = copy.deepcopy(REQUEST)
        rq["interchange"]["control_number"] = 10 ** 10
        with self.assertRaises(ValueError):
            libx12.build_270(rq)

    def test_xml_schema_errors(self):
        with open(os.path.join(REQUESTS, "eligibility.xml"), "rb") as f:
            doc = f.read().replace(b'trace_number="ELIG-0001"', b'trace_numbr="ELIG-0001"')
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_270_xml(doc)
        self.assertEqual(cm.exception.status_name, "X12_ESYNTAX")
        self.assertTrue(cm.exception.problems)
        self.assertTrue(all(p.path.startswith("<memory>:") for p in cm.exception.problems))


class Parse271Tests(TestCase):
    def test_benefits_exact(self):
        e = libx12.parse_271(data("elig-271-benefits.x12"))
        self.assertEqual(e.problems, [])
        self.assertEqual(len(e.coverages), 1)
        c = e.coverages[0]
        self.assertEqual((c.level, c.state, c.last_name, c.member_id, c.plan_name,
                          c.group_number, c.plan_begin, c.plan_end),
                         ("subscriber", "active", "DOE", "XJ0000000001", "GOLD PPO 2025",
                          "GRP0042", "20250101", "20251231"))
        self.assertEqual((c.payer.id, c.provider.id), ("EHP01", "1234567893"))
        s = c.summary("30")
        self.assertEqual((s.deductible_cents, s.deductible_remaining_cents,
                          s.out_of_pocket_cents, s.out_of_pocket_remaining_cents,
                          s.coinsurance_bp, s.coinsurance_percent, s.family_deductible_cents),
                         (150000, 60000, 500000, 420050, 2000, "20", 300000))
        self.assertEqual(s.out_of_network, {"deductible_cents": 300000, "coinsurance_bp": 4000})
        uc = c.summary("UC")
        self.assertEqual((uc.copay_cents, uc.coinsurance_bp, uc.coinsurance_percent),
                         (7500, 1250, "12.5"))
        self.assertTrue(c.summary("62").authorization_required)
        self.assertIsNone(c.summary("ZZ"))
        for b in c.benefits:
            for v in vars(b).values():
                self.assertNotIsInstance(v, float)
        msgs = [m for b in c.benefits for m in b.messages]
        self.assertIn("COPAY APPLIES TO OFFICE VISITS ONLY", msgs)

    def test_rejections_exact(self):
        e = libx12.parse_271(data("elig-271-rejected.x12"))
        got = [(c.level, c.state, [(r.loop, r.reason, r.follow_up, r.may_resubmit)
                                   for r in c.all_rejections]) for c in e.coverages]
        self.assertEqual(got, [
            ("subscriber", "rejected", [("2100C", "75", "C", True)]),
            ("subscriber", "unknown", []),
            ("dependent", "rejected", [("2100D", "67", "C", True), ("2100D", "58", "C", True)]),
            ("subscriber", "active", [("2110C", "63", "N", False)]),
            ("payer", "rejected", [("2000A", "42", "R", True)]),
        ])
        r = e.coverages[0].rejections[0]
        self.assertEqual(r.reason_text, "Subscriber or insured not found")
        self.assertIn("(AAA03 75)", r.message)
        self.assertNotIn("POE", r.message)
        self.assertEqual(e.coverages[3].rejections[0].benefit, 1)

    def test_dependents(self):
        e = libx12.parse_271(data("elig-271-dependents.x12"))
        deps = [c for c in e.coverages if c.level == "dependent"]
        self.assertGreaterEqual(len(deps), 2)
        for d in deps:
            self.assertTrue(d.subscriber_last_name)
            self.assertTrue(d.member_id)

    def test_junk_is_counted_not_kept(self):
        # 5,000 stray segments and 5,000 MSGs outside a benefit before the
        # first EB: the lists keep 1000 each, the rest is counted, and the
        # coverage reads as without them
        raw = read(data("elig-271-benefits.x12"))
        at = raw.index(b"EB*")
        clean = libx12.parse_271(raw)
        e = libx12.parse_271(raw[:at] + b"!!~" * 5000 + b"MSG*X~" * 5000 + raw[at:])
        self.assertEqual(clean.problems_dropped, 0)
        self.assertEqual(len(e.coverages), len(clean.coverages))
        def shape(c):
            return [(b.code, b.service_types, b.amount_cents) for b in c.benefits]
        self.assertEqual(shape(e.coverages[0]), shape(clean.coverages[0]))
        self.assertLessEqual(len(e.problems), 1000 * (len(e.coverages) + 1))
        self.assertGreaterEqual(len(e.problems) + e.problems_dropped, 10000)
        self.assertEqual(len(e.coverages[0].problems), 1000)
        self.assertEqual(e.coverages[0].problems_dropped, 4000)
        with libx12.CoverageStream(raw[:at] + b"!!~" * 5000 + raw[at:]) as s:
            next(s)
            self.assertEqual(len(s.problems), 1000)
            self.assertGreaterEqual(s.problems_dropped, 4000)

    def test_same_as_the_tool(self):
        need_cli(self)
        for path in [data(n) for n in FIXTURES] + corpus_271():
            with self.subTest(path=os.path.basename(path)):
                _, doc = cli_json("eligibility", "--json", path)
                e = libx12.parse_271(path)
                self.assertEqual(len(e.coverages), len(doc["coverages"]))
                for c, j in zip(e.coverages, doc["coverages"]):
                    self.assertEqual((c.index, c.level, c.state, c.last_name, c.member_id,
                                      c.plan_name, c.segment_number),
                                     (j["index"], j["level"], j["coverage"],
                                      j.get("last_name", ""), j.get("member_id", ""),
                                      j.get("plan_name", ""), j["segment"]))
                    self.assertEqual(
                        [(b.code, b.service_types, b.amount_cents, b.percent_bp,
                          b.segment_number) for b in c.benefits],
                        [(b["code"], b.get("service_types", []), b.get("amount_cents"),
                          b.get("percent_bp"), b["segment"]) for b in j["benefits"]])
                    self.assertEqual(
                        [(s.service_type, s.copay_cents, s.deductible_cents,
                          s.out_of_network) for s in c.summaries],
                        [(s["service_type"], s.get("copay_cents"), s.get("deductible_cents"),
                          {k: v for k, v in s["out_of_network"].items()
                           if k != "coinsurance_percent"}) for s in j["summary"]])
                    self.assertEqual([(r.reason, r.follow_up) for r in c.rejections],
                                     [(r["reason"], r["follow_up"]) for r in j["rejections"]])

    def test_stream_bytes_and_gzip_agree(self):
        path = data("elig-271-rejected.x12")
        whole = libx12.parse_271(path)
        self.assertEqual(libx12.parse_271(read(path)), whole)
        self.assertEqual(libx12.parse_271(gzip.compress(read(path))), whole)
        self.assertEqual(list(libx12.iter_coverages(path)), whole.coverages)

    def test_truncated_input_raises_with_position(self):
        text = read(data("elig-271-benefits.x12"))[:300]
        e = libx12.parse_271(text)
        self.assertTrue(any(p.is_error for p in e.problems))
        with self.assertRaises(libx12.X12Error):
            libx12.parse_271(b"not x12 at all")

    def test_frames(self):
        e = libx12.parse_271(data("elig-271-benefits.x12"))
        s = e.summaries_frame()
        row = s[s.service_type == "30"].iloc[0]
        self.assertEqual((row.deductible_cents, row.deductible_remaining_cents,
                          row.oon_coinsurance_bp), (150000, 60000, 4000))
        self.assertEqual(str(s.deductible_cents.dtype), "Int64")
        b = e.benefits_frame()
        self.assertEqual(int(b[(b.code == "C") & (b.service_type == "30")].amount_cents.iloc[0]),
                         150000)
        r = libx12.parse_271(data("elig-271-rejected.x12")).rejections_frame()
        self.assertEqual(list(r.reason), ["75", "67", "58", "63", "42"])
        cov = libx12.parse_271(data("elig-271-rejected.x12")).coverages_frame()
        self.assertEqual(list(cov.state),
                         ["rejected", "unknown", "rejected", "active", "rejected"])

    def test_importable_without_pandas(self):
        code = ("import sys; sys.modules['pandas'] = None\n"
                "import libx12\n"
                "e = libx12.parse_271(sys.argv[1])\n"
                "assert e.coverages[0].summary('98').copay_cents == 2500\n"
                "try:\n"
                "    e.summaries_frame()\n"
                "except ImportError as x:\n"
                "    assert 'pandas' in str(x)\n"
                "else:\n"
                "    raise SystemExit('no ImportError')\n")
        p = subprocess.run([sys.executable, "-c", code, data("elig-271-benefits.x12")],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
        self.assertEqual(p.returncode, 0, p.stdout.decode("utf-8", "replace"))

    def test_code_text(self):
        self.assertEqual(libx12.elig_code_text("service_type", "98"), "Physician office visit")
        self.assertEqual(libx12.elig_code_text("benefit", "ZZ"), "")

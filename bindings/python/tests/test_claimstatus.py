"""276 built (from the 837 sent and by hand), 277/277CA read, and the
277CA linked to the 837: the same bytes and values as `x12 build
--status-request` / `x12 status --json`, exact values on the hand-made
fixtures, DataFrames ready to join with the 837's claims."""

import glob
import gzip
import os

import libx12
from util import CORPUS, TestCase, cli_json, data, need_cli, read

SENT = data("status-sent.837")
ANSWER = data("status-277ca-one-rejected.x12")
STAMP = {"date": "20251215", "time": "0930", "reference": "STAT1215",
         "control_number": 1215, "group_control_number": 1215}

BY_HAND = {
    "interchange": {"sender_id": "SUBMITTER01", "receiver_id": "CLEARINGHSE01",
                    "date": "20251215", "time": "0930", "reference": "STAT1215"},
    "inquiries": [{
        "payer": {"name": "EXAMPLE HEALTH PLAN", "id": "EHP01"},
        "receiver": {"name": "RIVERSIDE FAMILY PRACTICE", "id": "SUBMITTER01"},
        "provider": {"name": "RIVERSIDE FAMILY PRACTICE", "npi": "1234567893"},
        "subscriber": {"last_name": "DOE", "first_name": "JANE", "member_id": "XJ0000000001",
                       "birth_date": "19800101", "gender": "F"},
        "pcn": "PCN-2025-0102", "charge": "210.00", "service_from": "20251126",
        "lines": [{"procedure": "83036", "charge": 3000, "units": "1",
                   "control_number": "L0102-2", "service_from": "20251126"}],
    }],
}


def corpus_277():
    d = CORPUS + "-270-277"
    return sorted(glob.glob(os.path.join(d, "277", "*")) + glob.glob(os.path.join(d, "277ca",
                                                                                   "*")))


class Build276Tests(TestCase):
    def test_from_837_is_the_golden_byte_for_byte(self):
        want = read(data("status-sent.276"))
        self.assertEqual(libx12.build_276(claims=SENT, interchange=STAMP), want)
        self.assertEqual(libx12.build_276(claims=read(SENT), interchange=STAMP), want)

    def test_chosen_claims(self):
        x = libx12.build_276(claims=SENT, pcns=["PCN-2025-0104", "PCN-2025-0102"],
                             interchange=STAMP, line_break="")
        segs = x.split(b"~")
        self.assertEqual([s for s in segs if s.startswith(b"REF*EJ*")],
                         [b"REF*EJ*PCN-2025-0104", b"REF*EJ*PCN-2025-0102"])
        self.assertEqual(libx12.validate(x, strict=True), [])
        with self.assertRaises(ValueError) as cm:
            libx12.build_276(claims=SENT, pcns=["PCN-2025-0102", "NOPE"], interchange=STAMP)
        self.assertIn("pcns[2]", str(cm.exception))
        self.assertNotIn("NOPE", str(cm.exception))

    def test_by_hand_with_a_line(self):
        x = libx12.build_276(BY_HAND, line_break="")
        # money text by the one rule (x12_cents_parse): "210.000" is 21000
        same = dict(BY_HAND, inquiries=[dict(BY_HAND["inquiries"][0], charge="210.000")])
        self.assertEqual(libx12.build_276(same, line_break=""), x)
        segs = x.split(b"~")
        self.assertIn(b"AMT*T3*210", segs)
        self.assertIn(b"SVC*HC:83036*30*****1", segs)  # SVC07 units
        self.assertIn(b"REF*FJ*L0102-2", segs)
        self.assertEqual(libx12.validate(x, strict=True), [])

    def test_edits(self):
        bad = {"interchange": dict(BY_HAND["interchange"]),
               "inquiries": [dict(BY_HAND["inquiries"][0],
                                  provider={"name": "X", "npi": "1234567890"},
                                  service_from="20251131")]}
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_276(bad)
        self.assertEqual(cm.exception.status_name, "X12_EEDIT")
        self.assertEqual(sorted((p.path, p.rule) for p in cm.exception.problems),
                         [("inquiry[1].provider.npi", "npi-check-digit"),
                          ("inquiry[1].service_from", "date")])
        with self.assertRaises(TypeError):
            libx12.build_276(dict(BY_HAND, inquiries=[dict(BY_HAND["inquiries"][0],
                                                           charge=210.0)]))
        with self.assertRaises(ValueError):
            libx12.build_276(BY_HAND, claims=SENT)


class Parse277Tests(TestCase):
    def test_lines_exact(self):
        r = libx12.parse_277(data("status-277-lines.x12"))
        self.assertEqual(r.problems, [])
        c = r.claims[0]
        self.assertEqual((c.kind, c.pcn, c.outcome, c.charge_cents, c.paid_cents,
                          c.payer_claim_number),
                         ("277", "PCN-2025-0001", "paid", 18500, 11000, "EHP25340000123"))
        self.assertEqual([(ln.procedure, ln.control_number, ln.outcome,
                           [(s.category, s.code, s.entity) for s in ln.statuses])
                          for ln in c.lines],
                         [("99213", "LINE0001", "paid", [("F1", "65", "")]),
                          ("87880", "LINE0002", "denied",
                           [("F2", "104", ""), ("F2", "21", "1P")])])
        p = r.claims[1]
        self.assertEqual((p.pcn, p.outcome, [(s.category, s.code, s.outcome)
                                             for s in p.statuses]),
                         ("PCN-2025-0107", "pending",
                          [("P2", "46", "pending"), ("R4", "294", "info_requested")]))
        self.assertEqual(p.statuses[1].entity_text, "Patient")

    def test_277ca_exact(self):
        r = libx12.parse_277(ANSWER)
        self.assertEqual([(c.pcn, c.outcome) for c in r.claims],
                         [("PCN-2025-0101", "accepted"), ("PCN-2025-0102", "rejected"),
                          ("PCN-2025-0103", "accepted")])
        self.assertEqual([c.pcn for c in r.rejected], ["PCN-2025-0102"])
        self.assertEqual([(b.level, b.outcome) for b in r.batches][:2],
                         [("source", "no_answer"), ("receiver", "accepted")])
        rec = r.batches[1]
        self.assertEqual(rec.trace_number, "BATCH1201")

    def test_same_as_the_tool(self):
        need_cli(self)
        for path in [data("status-277-lines.x12"), ANSWER] + corpus_277():
            with self.subTest(path=os.path.basename(path)):
                _, doc = cli_json("status", "--json", path)
                r = libx12.parse_277(path)
                jc = [a for a in doc["answers"] if "loop" in a]
                jb = [a for a in doc["answers"] if "loop" not in a]
                self.assertEqual(
                    [(c.kind, c.pcn, c.outcome, c.charge_cents, c.payer_claim_number,
                      [(s.category, s.code, s.entity) for s in c.statuses],
                      [[(s.category, s.code) for s in ln.statuses] for ln in c.lines])
                     for c in r.claims],
                    [(j["kind"], j.get("pcn", ""), j["outcome"], j.get("charge_cents"),
                      j.get("payer_claim_number", ""),
                      [(s["category"], s["code"], s.get("entity", "")) for s in j["statuses"]],
                      [[(s["category"], s["code"]) for s in ln["statuses"]]
                       for ln in j["lines"]]) for j in jc])
                self.assertEqual([(b.kind, b.level, b.outcome) for b in r.batches],
                                 [(j["kind"], j["level"], j["outcome"]) for j in jb])

    def test_bytes_and_gzip_agree(self):
        whole = libx12.parse_277(ANSWER)
        self.assertEqual(libx12.parse_277(read(ANSWER)), whole)
        self.assertEqual(libx12.parse_277(gzip.compress(read(ANSWER))), whole)

    def test_junk_is_counted_not_kept(self):
        raw = read(data("status-277-lines.x12"))
        at = raw.index(b"STC*")
        clean = libx12.parse_277(raw)
        r = libx12.parse_277(raw[:at] + b"!!~" * 5000 + raw[at:])
        self.assertEqual(clean.problems_dropped, 0)
        self.assertEqual([c.outcome for c in r.claims], [c.outcome for c in clean.claims])
        self.assertLessEqual(len(r.problems), 1000 * (len(r.claims) + len(r.batches) + 1))
        self.assertGreaterEqual(len(r.problems) + r.problems_dropped, 5000)
        r = libx12.parse_277(raw[:at] + b"STC*F1:65*20251208**X~" * 1500 + raw[at:])
        self.assertEqual(len(r.claims[0].problems), 1000)
        self.assertEqual(r.claims[0].problems_dropped, 500)

    def test_frames(self):
        r = libx12.parse_277(data("status-277-lines.x12"))
        st = r.statuses_frame()
        self.assertEqual(list(st[st.pcn == "PCN-2025-0001"].line), [0, 1, 2, 2])
        self.assertEqual(int(st.charge_cents.iloc[0]), 18500)
        cf = r.claims_frame()
        self.assertEqual(list(cf.outcome), ["paid", "pending"])
        self.assertEqual(str(cf.paid_cents.dtype), "Int64")
        bf = libx12.parse_277(ANSWER).batches_frame()
        self.assertEqual(list(bf.level[:2]), ["source", "receiver"])


class LinkTests(TestCase):
    def test_worklist_exact(self):
        w = libx12.link_claims(SENT, ANSWER)
        self.assertEqual([(c.claim.pcn, c.outcome) for c in w.claims],
                         [("PCN-2025-0101", "accepted"), ("PCN-2025-0102", "rejected"),
                          ("PCN-2025-0104", "no_answer"), ("PCN-2025-0103", "accepted")])
        self.assertEqual(w.counts(), {"accepted": 2, "rejected": 1, "no_answer": 1})
        rej = w.rejected[0]
        self.assertEqual([(s.category, s.code) for s in rej.reasons],
                         [("A7", "21"), ("A7", "454")])
        self.assertEqual(rej.answer.statuses[0].message,
                         "PROCEDURE CODE NOT VALID ON DATE OF SERVICE")
        self.assertEqual([c.claim.pcn for c in w.unanswered], ["PCN-2025-0104"])
        self.assertEqual(w.unmatched, [])
        self.assertEqual(w.claims[1].claim.charge_cents, 21000)

    def test_same_as_the_tool(self):
        need_cli(self)
        _, doc = cli_json("status", "--json", "--claims", SENT, ANSWER)
        w = libx12.link_claims(SENT, ANSWER)
        self.assertEqual([(c.claim.pcn, c.outcome, c.claim.charge_cents,
                           c.claim.batch_reference) for c in w.claims],
                         [(j["pcn"], j["outcome"], j["charge_cents"], j["batch_reference"])
                          for j in doc["claims"]])
        self.assertEqual(len(w.unmatched), len(doc["unmatched"]))

    def test_answer_for_another_837_is_unmatched(self):
        w = libx12.link_claims(data("claim837-office-visit.837"), ANSWER)
        self.assertTrue(all(c.outcome == "no_answer" for c in w.claims))
        self.assertEqual(len(w.unmatched), 3)

    def test_frame_joins_with_837_claims(self):
        import pandas as pd
        frame = libx12.link_claims(SENT, ANSWER).frame()
        sent = pd.DataFrame({"pcn": [c.pcn for c in libx12.read_sent_claims(SENT)]})
        joined = sent.merge(frame, on="pcn", how="left", validate="one_to_one")
        self.assertEqual(list(joined.outcome),
                         ["accepted", "rejected", "no_answer", "accepted"])
        self.assertEqual(joined.reasons.iloc[1], "A7:21 A7:454")

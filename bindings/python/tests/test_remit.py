"""835 remittances: the dataclass tree and the claim stream hold the same
data, and the same as `x12 remit --json`, on the fixtures and the corpus."""

import gzip
import os

import libx12
from util import TestCase, cli_json, corpus_files, data, need_cli, read

FIXTURES = ["remit-denials.x12", "remit-malformed.x12", "remit-multi.x12",
            "remit-reversal.x12", "remit-unbalanced.x12", "validate-835-clean.x12"]


def files():
    return [data(n) for n in FIXTURES] + corpus_files("835")


def adj(a):
    return (a.group, a.reason, a.amount_cents, a.quantity)


def jadj(j):
    return (j["group"], j["reason"], j["amount_cents"], j["quantity"])


def prob(p):
    return (p.rule, p.severity, p.segment_number, p.segment_id, p.loop_id, p.element,
            p.offset, p.message)


def jprob(j):
    return (j["rule"], j["severity"], j["segment_number"], j["segment"], j["loop"],
            j["element"], j["offset"], j["message"])


def filled(o, defaults):
    """The tool's JSON leaves out keys without a value (x12(1)): put them
    back with the value they stand for."""
    for k, v in defaults.items():
        o.setdefault(k, v)
    return o


def expand(doc):
    for p in doc["payments"]:
        filled(p, {"control_number": "", "credit_debit": "", "method": "", "payment_date": "",
                   "trace_number": "", "receiver_id": "", "balanced": False, "payer": None,
                   "payee": None, "provider_adjustments": [], "balance_warnings": [],
                   "errors": [], "claims": []})
        for x in p["provider_adjustments"]:
            filled(x, {"reason": "", "reference": ""})
        for c in p["claims"]:
            filled(c, {"patient_control_number": "", "status": "", "status_text": "",
                       "forwarded": False, "payer_claim_control_number": "",
                       "filing_indicator": "", "facility_code": "", "frequency": "", "drg": "",
                       "statement_from": "", "statement_to": "", "reversal_of": None,
                       "balanced": False, "adjustments": [], "remarks": [], "services": [],
                       "denial": {"outcome": c["outcome"]}, "balance_warnings": [],
                       "errors": []})
            filled(c["denial"], {"reasons": [], "remarks": []})
            for s in c["services"]:
                filled(s, {"qualifier": "", "procedure": "", "modifiers": [], "revenue_code": "",
                           "allowed_cents": None, "units": "1", "service_date": "",
                           "line_item_control_number": "", "balanced": False,
                           "adjustments": [], "remarks": []})
            for a in (c["adjustments"] + c["denial"]["reasons"] +
                      [a for s in c["services"] for a in s["adjustments"]]):
                filled(a, {"group": "", "reason": "", "quantity": ""})
            for r in c["remarks"] + [r for s in c["services"] for r in s["remarks"]]:
                filled(r, {"qualifier": "", "code": ""})
            for i in c["balance_warnings"] + c["errors"]:
                filled(i, {"segment": "", "loop": ""})
        for i in p["balance_warnings"] + p["errors"]:
            filled(i, {"segment": "", "loop": ""})
    return doc


class RemitTests(TestCase):
    def compare_with_tool(self, path):
        rc, doc = cli_json("remit", "--json", "--describe", path)
        doc = expand(doc)
        rem = libx12.parse_835(path)
        self.assertEqual(len(rem.payments), len(doc["payments"]))
        for p, jp in zip(rem.payments, doc["payments"]):
            self.assertEqual(
                (p.index, p.control_number, p.amount_cents, p.credit_debit, p.method,
                 p.payment_date, p.trace_number, p.receiver_id, p.balanced),
                (jp["index"], jp["control_number"], jp["amount_cents"], jp["credit_debit"],
                 jp["method"], jp["payment_date"], jp["trace_number"], jp["receiver_id"],
                 jp["balanced"]))
            t = jp["totals"]
            self.assertEqual(
                (p.claim_count, p.line_count, p.charge_total_cents, p.paid_total_cents,
                 p.provider_adjustment_total_cents),
                (t["claims"], t["lines"], t["charge_cents"], t["paid_cents"],
                 t["provider_adjustment_cents"]))
            self.assertEqual(p.payer.name if p.payer else "",
                             jp["payer"]["name"] if jp["payer"] else "")
            self.assertEqual([(b.reason, b.reference, b.amount_cents)
                              for b in p.provider_adjustments],
                             [(j["reason"], j["reference"], j["amount_cents"])
                              for j in jp["provider_adjustments"]])
            self.assertEqual(sorted(prob(x) for x in p.problems),
                             sorted(jprob(j) for j in jp["balance_warnings"] + jp["errors"]))
            self.assertEqual(len(p.claims), len(jp["claims"]))
            for c, jc in zip(p.claims, jp["claims"]):
                self.assertEqual(
                    (c.index, c.patient_control_number, c.status, c.status_text, c.outcome,
                     c.forwarded, c.charge_cents, c.paid_cents,
                     c.patient_responsibility_cents, c.payer_claim_control_number,
                     c.filing_indicator, c.facility_code, c.frequency, c.drg,
                     c.statement_from, c.statement_to, c.reversal_of, c.balanced,
                     c.segment_number),
                    (jc["index"], jc["patient_control_number"], jc["status"],
                     jc["status_text"], jc["outcome"], jc["forwarded"], jc["charge_cents"],
                     jc["paid_cents"], jc["patient_responsibility_cents"],
                     jc["payer_claim_control_number"], jc["filing_indicator"],
                     jc["facility_code"], jc["frequency"], jc["drg"], jc["statement_from"],
                     jc["statement_to"], jc["reversal_of"], jc["balanced"],
                     jc["segment_number"]))
                self.assertEqual(c.patient_share["total"], jc["patient_share"]["total_cents"])
                self.assertEqual([adj(a) for a in c.adjustments],
                                 [jadj(j) for j in jc["adjustments"]])
                self.assertEqual([adj(a) for a in c.denial_reasons],
                                 [jadj(j) for j in jc["denial"]["reasons"]])
                self.assertEqual([(r.source, r.code) for r in c.remarks],
                                 [(j["source"], j["code"]) for j in jc["remarks"]])
                self.assertEqual(sorted(prob(x) for x in c.problems),
                                 sorted(jprob(j) for j in jc["balance_warnings"] + jc["errors"]))
                self.assertEqual(len(c.services), len(jc["services"]))
                for s, js in zip(c.services, jc["services"]):
                    self.assertEqual(
                        (s.line, s.qualifier, s.procedure, s.modifiers, s.revenue_code,
                         s.charge_cents, s.paid_cents, s.allowed_cents, s.units,
                         s.service_date, s.line_item_control_number, s.outcome, s.balanced,
                         s.patient_share_cents),
                        (js["line"], js["qualifier"], js["procedure"], js["modifiers"],
                         js["revenue_code"], js["charge_cents"], js["paid_cents"],
                         js["allowed_cents"], js["units"], js["service_date"],
                         js["line_item_control_number"], js["outcome"], js["balanced"],
                         js["patient_share"]["total_cents"]))
                    self.assertEqual([adj(a) for a in s.adjustments],
                                     [jadj(j) for j in js["adjustments"]])
                    self.assertEqual([(r.qualifier, r.code) for r in s.remarks],
                                     [(j["qualifier"], j["code"]) for j in js["remarks"]])
        return rem

    def test_same_as_the_tool(self):
        need_cli(self)
        for path in files():
            with self.subTest(file=os.path.basename(path)):
                self.compare_with_tool(path)

    def test_stream_equals_tree(self):
        for path in files():
            with self.subTest(file=os.path.basename(path)):
                tree = libx12.parse_835(path)
                raw = read(path)
                self.assertEqual(list(libx12.stream_claims(path)), tree.claims)
                self.assertEqual(list(libx12.stream_claims(raw)), tree.claims)
                self.assertEqual(libx12.parse_835(raw), tree)
                self.assertEqual(libx12.parse_835(gzip.compress(raw)), tree)

    def test_money_is_int_cents(self):
        rem = libx12.parse_835(data("remit-multi.x12"))
        self.assertTrue(rem.claims)
        for c in rem.claims:
            for v in (c.charge_cents, c.paid_cents, c.patient_responsibility_cents,
                      *c.patient_share.values()):
                self.assertIs(type(v), int)
            for s in c.services:
                self.assertIs(type(s.charge_cents), int)
                # a line balances: charge - adjustments = paid
                if s.balanced:
                    self.assertEqual(s.charge_cents - sum(a.amount_cents for a in s.adjustments),
                                     s.paid_cents)
            if c.balanced:
                self.assertEqual(
                    c.charge_cents - sum(a.amount_cents for a in c.adjustments) -
                    sum(a.amount_cents for s in c.services for a in s.adjustments),
                    c.paid_cents)
        for p in rem.payments:
            self.assertEqual(p.paid_total_cents, sum(c.paid_cents for c in p.claims))

    def test_denials_have_reasons_and_text(self):
        rem = libx12.parse_835(data("remit-denials.x12"))
        denied = [c for c in rem.claims if c.denied]
        self.assertTrue(denied)
        for c in denied:
            self.assertTrue(c.denial_reasons)
            for a in c.denial_reasons:
                self.assertEqual(a.reason_text, libx12.code_text("carc", a.reason))
        self.assertTrue(any(a.reason_text for c in denied for a in c.denial_reasons))
        self.assertEqual(libx12.code_text("carc", "no-such-code"), "")

    def test_unbalanced_and_malformed_still_parse(self):
        rem = libx12.parse_835(data("remit-unbalanced.x12"))
        rules = {p.rule for p in rem.problems}
        self.assertTrue(rules & {"balance-line", "balance-claim", "balance-patient",
                                 "balance-payment"}, rules)
        self.assertTrue(all(p.severity == "warning" for p in rem.problems
                            if p.rule.startswith("balance-")))
        bad = libx12.parse_835(data("remit-malformed.x12"))
        errs = [p for p in bad.problems if p.severity == "error"]
        self.assertTrue(errs)
        for p in errs:
            self.assertGreater(p.segment_number, 0)
            self.assertTrue(p.segment_id)

    def test_stream_gives_the_payment(self):
        claims = list(libx12.stream_claims(data("remit-multi.x12")))
        pays = {id(c.payment): c.payment for c in claims}
        self.assertGreater(len(pays), 1)
        for c in claims:
            self.assertEqual(c.payment.index, c.payment_index)
            # totals were filled in when the payment ended
            self.assertEqual(c.payment.paid_total_cents,
                             sum(x.paid_cents for x in claims if x.payment is c.payment))

    def test_fatal_input_raises(self):
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.parse_835(b"not an 835 at all")
        self.assertEqual((cm.exception.status_name, cm.exception.rule), ("X12_ESYNTAX", "no-isa"))
        with self.assertRaises(libx12.X12Error) as cm:
            list(libx12.stream_claims(b"ISA*00*cut"))
        self.assertEqual((cm.exception.segment_number, cm.exception.segment_id), (1, "ISA"))
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.parse_835(data("no-such.835"))
        self.assertEqual(cm.exception.status_name, "X12_EIO")

"""837P/837I from dicts and dataclasses: every bundled encounter, read from
its XML with the standard library and built through the Python mapping,
gives the same bytes as the C XML reader (tests/data/claim837-*.837)."""

import copy
import glob
import os
import xml.etree.ElementTree as ET

import libx12
from libx12 import (BillingProvider, CasAdjustment, Claim837, Contact, Diagnosis, Encounters,
                    Insured, Interchange, LineAdjudication, OtherPayer, Payer, ServiceLine,
                    Subscriber)
from util import ENCOUNTERS, EXAMPLE_DATA, TestCase, data, read

NS = "{urn:libx12:encounter:1}"
# child element -> key of its list in the dict format
PLURAL = {"provider": "providers", "subscriber": "subscribers", "patient": "patients",
          "claim": "claims", "diagnosis": "diagnoses", "code": "codes",
          "other_payer": "other_payers", "line": "lines", "adjustment": "adjustments",
          "adjudication": "adjudications", "attachment": "attachments"}
# children that are one object, not a list
SINGLE = {("encounters", "interchange"), ("encounters", "submitter"),
          ("encounters", "receiver"), ("provider", "pay_to"), ("subscriber", "payer"),
          ("other_payer", "subscriber"), ("other_payer", "payer")}


def xml_to_dict(el):
    """An encounter XML element as the dict libx12.build_837 takes."""
    tag = el.tag[len(NS):]
    d = dict(el.attrib)
    for child in el:
        ctag = child.tag[len(NS):]
        if (tag, ctag) in SINGLE:
            d[ctag] = xml_to_dict(child)
        else:
            d.setdefault(PLURAL[ctag], []).append(xml_to_dict(child))
    return d


def encounter(name):
    return xml_to_dict(ET.parse(os.path.join(ENCOUNTERS, name + ".xml")).getroot())


def office_visit_dataclasses():
    """examples/encounters/office-visit.xml as dataclasses, money in cents."""
    return Encounters(
        kind="837P",
        interchange=Interchange(sender_id="SUBMITTER01", receiver_id="CLEARINGHSE01",
                                date="20251123", time="0915", reference="BATCH0417",
                                control_number=417, group_control_number=417,
                                ack_requested=1),
        submitter=Contact(name="RIVERSIDE FAMILY PRACTICE", id="SUBMITTER01",
                          contact="BILLING OFFICE", phone="5555550100",
                          email="billing@example.invalid"),
        receiver=Contact(name="EXAMPLE CLEARINGHOUSE", id="CLEARINGHSE01"),
        providers=[BillingProvider(
            name="RIVERSIDE FAMILY PRACTICE", npi="1234567893", ein="371234567",
            taxonomy="207Q00000X", address1="100 MAIN STREET", city="SPRINGFIELD",
            state="IL", zip="627011234",
            subscribers=[Subscriber(
                responsibility="P", group_number="GRP0042", filing_indicator="CI",
                name="DOE", first_name="JANE", member_id="XJ0000000001",
                address1="12 ELM AVENUE", city="SPRINGFIELD", state="IL", zip="62704",
                birth_date="19800101", gender="F",
                payer=Payer(name="EXAMPLE HEALTH PLAN", payer_id="EHP01"),
                claims=[Claim837(
                    pcn="PCN-2025-0001", total_charge=18500, place_of_service="11",
                    onset_date="20251110", service_from="20251120",
                    diagnoses=[Diagnosis(kind="principal", code="J03.00"),
                               Diagnosis(code="R50.9")],
                    lines=[ServiceLine(procedure="99213", modifiers=["25"], charge=12500,
                                       pointers=[1, 2], control_number="LINE0001"),
                           ServiceLine(procedure="87880", charge=6000, pointers=[1],
                                       control_number="LINE0002")])])])])


class ClaimTests(TestCase):
    def test_every_encounter_matches_the_c_xml_reader(self):
        names = sorted(os.path.basename(p)[:-4]
                       for p in glob.glob(os.path.join(ENCOUNTERS, "*.xml")))
        self.assertGreaterEqual(len(names), 5)
        for name in names:
            with self.subTest(encounter=name):
                want = read(data("claim837-%s.837" % name))
                d = encounter(name)
                self.assertEqual(libx12.build_837(d), want)
                xml_path = os.path.join(ENCOUNTERS, name + ".xml")
                self.assertEqual(libx12.build_837_xml(xml_path), want)
                self.assertEqual(libx12.build_837_xml(read(xml_path)), want)
                # and what we built is a clean 837 for its guide
                self.assertEqual(libx12.validate(want), [])

    def test_dataclasses_give_the_sample_file(self):
        want = read(os.path.join(EXAMPLE_DATA, "office-visit.837"))
        self.assertEqual(libx12.build_837(office_visit_dataclasses()), want)
        # int cents and decimal text are the same money
        d = encounter("office-visit")
        d["providers"][0]["subscribers"][0]["claims"][0]["total_charge"] = 18500
        self.assertEqual(libx12.build_837(d), want)
        flat = libx12.build_837(d, line_break="")
        self.assertEqual(flat, want.replace(b"\n", b""))

    def test_line_adjudication_dataclasses(self):
        """The office visit as a secondary claim adjudicated line by line
        (2430): SVD/CAS/DTP*573 after each line, a clean 837P; a line that
        does not balance is an edit naming the line."""
        enc = office_visit_dataclasses()
        claim = enc.providers[0].subscribers[0].claims[0]
        claim.other_payers = [OtherPayer(
            responsibility="P", relationship="18", filing_indicator="MB", paid=14500,
            subscriber=Insured(name="DOE", member_id="1EG4TE5MK73"),
            payer=Payer(name="MEDICARE PART B", payer_id="MCRB01"))]
        claim.lines[0].adjudications = [LineAdjudication(
            payer_id="MCRB01", paid="100.00", date="20251201",
            adjustments=[CasAdjustment(group="CO", reason="45", amount=2500)])]
        claim.lines[1].adjudications = [LineAdjudication(
            payer_id="MCRB01", paid=4500, date="20251201", procedure="87880",
            modifiers=["QW"], adjustments=[CasAdjustment(group="PR", reason="2", amount=1500)])]
        out = libx12.build_837(enc)
        self.assertIn(b"REF*6R*LINE0001~\nSVD*MCRB01*100*HC:99213:25**1~\nCAS*CO*45*25~\n"
                      b"DTP*573*D8*20251201~\n", out)
        self.assertIn(b"SVD*MCRB01*45*HC:87880:QW**1~\nCAS*PR*2*15~\n", out)
        self.assertEqual(libx12.validate(out), [])
        claim.lines[1].adjudications[0].paid = 4600
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(enc)
        self.assertIn("claim[1].line[2].adjudication[1].paid: line-cob-balance",
                      str(cm.exception))

    def test_supervising_provider(self):
        """A supervising provider (837P 2310D NM1*DQ) goes after the other
        claim providers; the 837P is clean; an organization is an edit."""
        d = encounter("office-visit")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim.setdefault("providers", []).append(
            {"role": "supervising", "name": "OKONJO", "first_name": "ADA", "npi": "1444000024"})
        out = libx12.build_837(d)
        self.assertIn(b"NM1*DQ*1*OKONJO*ADA****XX*1444000024~\nLX*1~", out)
        self.assertEqual(libx12.validate(out), [])
        claim["providers"][-1]["entity"] = "organization"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertIn("claim[1].supervising.entity: person-only", str(cm.exception))

    def test_line_providers(self):
        """A line's own ordering and referring providers (837P 2420E, 2420F)
        follow its REF*6R; attending has no line loop."""
        d = encounter("office-visit")
        line = d["providers"][0]["subscribers"][0]["claims"][0]["lines"][0]
        line["providers"] = [
            {"role": "referring", "name": "BECK", "first_name": "LIV", "npi": "1333000010"},
            {"role": "ordering", "name": "RAO", "first_name": "DEV"}]
        out = libx12.build_837(d)
        self.assertIn(b"~\nNM1*DK*1*RAO*DEV~\nNM1*DN*1*BECK*LIV****XX*1333000010~\nLX*2~", out)
        self.assertEqual(libx12.validate(out), [])
        line["providers"] = [{"role": "attending", "name": "X", "first_name": "Y"}]
        with self.assertRaises(ValueError):
            libx12.build_837(d)

    def test_837i_by_kind(self):
        d = encounter("inpatient-stay")
        out = libx12.build_837(d)
        st = next(s for s in libx12.iter_segments(out) if s.id == "ST")
        self.assertEqual(st[3], "005010X223A2")
        del d["kind"]
        self.assertEqual(libx12.build_837(d, kind="837I"), out)

    def test_edit_failures_raise_with_every_message(self):
        d = encounter("office-visit")
        d["providers"][0]["npi"] = "1234567890"          # bad check digit
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim["total_charge"] = "190.00"                  # lines add up to 185.00
        claim["lines"][1]["procedure"] = "8788"           # not a CPT/HCPCS shape
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        e = cm.exception
        self.assertEqual((e.status, e.status_name), (13, "X12_EEDIT"))
        paths = {p.path: p for p in e.problems}
        self.assertIn("provider[1].npi", paths)
        self.assertEqual(paths["provider[1].npi"].segment_id, "NM1")
        self.assertEqual(paths["provider[1].npi"].loop_id, "2010AA")
        self.assertIn("claim[1].total_charge", paths)
        self.assertIn("claim[1].line[2].procedure", paths)
        self.assertTrue(all(p.level == "edit" and p.rule for p in e.problems))
        for p in e.problems:
            self.assertIn(p.message, str(e))
        # never a patient control number, member id or name in the text
        for value in ("PCN-2025-0001", "XJ0000000001", "DOE", "JANE"):
            self.assertNotIn(value, str(e))
        self.assertEqual(e.position[1], e.problems[0].segment_id)

    def test_missing_required_fields(self):
        d = encounter("office-visit")
        del d["interchange"]["date"]
        del d["providers"][0]["subscribers"][0]["claims"][0]["lines"]
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        rules = {(p.path, p.rule) for p in cm.exception.problems}
        self.assertEqual(rules, {("batch.date", "required"), ("claim[1].line", "required")})
        self.assertEqual(cm.exception.position, (0, "GS", 4, 0))

    def test_money_text_one_rule(self):
        """Amounts given as text are read by the library's one rule for
        money (x12_cents_parse), the 835 parser's: digits past the cents may
        be zeros ("185.000" is 18500; the builder used to refuse it), a
        fraction of a cent is refused."""
        d = encounter("office-visit")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        self.assertEqual(claim["total_charge"], "185.00")
        out = libx12.build_837(d)
        claim["total_charge"] = "185.000"
        self.assertEqual(libx12.build_837(d), out)
        claim["total_charge"] = 18500
        self.assertEqual(libx12.build_837(d), out)
        claim["total_charge"] = "185.001"
        with self.assertRaises(ValueError) as cm:
            libx12.build_837(d)
        self.assertIn("claim[1].total_charge", str(cm.exception))

    def test_bad_python_values(self):
        d = encounter("office-visit")
        bad = copy.deepcopy(d)
        bad["providers"][0]["subscribers"][0]["claims"][0]["total_charge"] = 185.0
        with self.assertRaises(TypeError):
            libx12.build_837(bad)
        bad = copy.deepcopy(d)
        bad["providers"][0]["subscribers"][0]["claims"][0]["total_charges"] = "1"
        with self.assertRaises(ValueError) as cm:
            libx12.build_837(bad)
        self.assertIn("total_charges", str(cm.exception))
        bad = copy.deepcopy(d)
        bad["providers"][0]["subscribers"][0]["claims"][0]["total_charge"] = "1.234"
        with self.assertRaises(ValueError):
            libx12.build_837(bad)
        with self.assertRaises(ValueError):
            libx12.build_837(d, kind="837D")
        bad = copy.deepcopy(d)
        bad["interchange"]["control_number"] = 0
        with self.assertRaises(ValueError):
            libx12.build_837(bad)

    def test_bad_xml(self):
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837_xml(b"<encounters xmlns='urn:libx12:encounter:1'><oops/>")
        e = cm.exception
        self.assertEqual(e.status_name, "X12_ESYNTAX")
        self.assertTrue(e.problems)
        self.assertTrue(e.problems[0].path.startswith("<memory>:"))

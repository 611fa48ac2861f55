"""The 837 content added to the claim model after its first release (the
DRG, ambulance transport, purchased services and the other segments of
doc/837-COVERAGE.md) through the Python bindings: built from dicts, the
file validates with nothing reported, read_837 gives every value back,
and the claims read build the same bytes again."""

import copy

import libx12
from test_claimread import subset, the_claim
from test_claims import encounter
from util import TestCase


class Content(TestCase):
    def round_trip(self, d):
        """Builds d, validates, reads back; returns (bytes, the claim read)."""
        out = libx12.build_837(d)
        self.assertEqual(libx12.validate(out), [])
        items = list(libx12.read_837(out))
        with libx12.ClaimStream(out) as s:
            for _ in s:
                self.assertEqual(s.not_kept, 0, [p.message for p in s.issues])
        self.assertEqual(libx12.build_837(items), out)
        return out, the_claim(items[0])

    def test_drg(self):
        d = encounter("inpatient-stay")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim["drg"] = "470"
        out, back = self.round_trip(d)
        self.assertIn(b"HI*ABJ:R1031~\nHI*DR:470~\n", out)
        self.assertEqual(back["drg"], "470")
        subset(claim, back)

    def test_drg_edits(self):
        d = encounter("office-visit")
        d["providers"][0]["subscribers"][0]["claims"][0]["drg"] = "470"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].drg", "not-used")])
        d = encounter("inpatient-stay")
        d["providers"][0]["subscribers"][0]["claims"][0]["drg"] = "47-0"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(copy.deepcopy(d))
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].drg", "code-format")])

    def test_ambulance(self):
        d = encounter("ambulance-transport")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        line = claim["lines"][1]
        line.update({"transport_reason": "B", "transport_miles": "3",
                     "ambulance_patients": 2,
                     "attachments": [{"report_type": "AM", "transmission": "AA"}],
                     "providers": [{"role": "ambulance_pickup", "address1": "9 FARM LANE",
                                    "city": "CHATHAM", "state": "IL", "zip": "62629"}]})
        out, back = self.round_trip(d)
        self.assertIn(b"CR1*LB*175**A*DH*12****PATIENT UNABLE TO SIT~\nCRC*07*Y*01*04*09~\n"
                      b"CRC*07*N*07~\n", out)
        self.assertIn(b"SV1*HC:A0425:RH*108*UN*12***1~\nPWK*AM*AA~\nCR1****B*DH*3~\n"
                      b"DTP*472*D8*20250301~\nQTY*PT*2~\n", out)
        self.assertEqual(back["ambulance_conditions_met"], "01 04 09")
        self.assertEqual(back["lines"][1]["ambulance_patients"], "2")
        self.assertEqual(back["attachments"], [{"report_type": "AM", "transmission": "FX",
                                                "control_number": "AMBCERT0301"}])
        self.assertEqual([p["role"] for p in back["providers"]],
                         ["ambulance_pickup", "ambulance_dropoff"])
        self.assertEqual(back["lines"][1]["providers"][0]["address1"], "9 FARM LANE")

    def test_ambulance_edits(self):
        d = encounter("ambulance-transport")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        del claim["transport_reason"]
        claim["providers"] = [p for p in claim["providers"] if p["role"] != "ambulance_pickup"]
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].transport_reason", "required"),
                          ("claim[1].ambulance_pickup", "required")])

    def test_purchased_service(self):
        d = encounter("office-visit")
        line = d["providers"][0]["subscribers"][0]["claims"][0]["lines"][1]
        line.update({"purchased_service_id": "1234567893", "purchased_service_charge": 4500,
                     "providers": [{"role": "purchased_service", "entity": "organization",
                                    "name": "VALLEY REFERENCE LAB", "npi": "1234567893"}]})
        out, back = self.round_trip(d)
        self.assertIn(b"REF*6R*LINE0002~\nPS1*1234567893*45~\n"
                      b"NM1*QB*2*VALLEY REFERENCE LAB*****XX*1234567893~\n", out)
        self.assertEqual(back["lines"][1]["purchased_service_charge"], 4500)
        self.assertEqual(back["lines"][1]["purchased_service_id"], "1234567893")
        self.assertEqual(back["lines"][1]["providers"][0]["role"], "purchased_service")
        # a charge without the provider's identifier is an edit
        del line["purchased_service_id"]
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].line[2].purchased_service_id", "required")])

    def test_claim_dates_and_refs(self):
        d = encounter("office-visit")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim.update({"last_seen_date": "20251015", "initial_treatment_date": "20251101",
                      "clia_number": "12D3456789", "intermediary_claim_id": "CH7781234"})
        out, back = self.round_trip(d)
        self.assertIn(b"DTP*431*D8*20251110~\nDTP*454*D8*20251101~\nDTP*304*D8*20251015~\n",
                      out)
        self.assertIn(b"REF*X4*12D3456789~\nREF*D9*CH7781234~\n", out)
        subset(claim, back)
        d = encounter("inpatient-stay")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim["patient_estimated_due"] = "250.00"
        out, back = self.round_trip(d)
        self.assertIn(b"AMT*F3*250~\n", out)
        self.assertEqual(back["patient_estimated_due"], 25000)
        claim["last_seen_date"] = "20250101"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].last_seen_date", "not-used")])

    def test_notes(self):
        d = encounter("office-visit")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim.update({"note_code": "CER", "note": "PATIENT SEEN TWICE"})
        claim["lines"][0].update({"note_code": "DCP", "note": "CULTURE SENT",
                                  "third_party_note": "NETWORK"})
        out, back = self.round_trip(d)
        self.assertIn(b"NTE*CER*PATIENT SEEN TWICE~\nHI*", out)
        self.assertIn(b"NTE*DCP*CULTURE SENT~\nNTE*TPO*NETWORK~\n", out)
        subset(claim, back)
        d = encounter("inpatient-stay")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim.update({"note_code": "UPI", "note": "INTERPRETER USED",
                      "billing_note": "SEE ATTACHED"})
        out, back = self.round_trip(d)
        self.assertIn(b"NTE*UPI*INTERPRETER USED~\nNTE*ADD*SEE ATTACHED~\n", out)
        subset(claim, back)
        claim["lines"][0]["note"] = "NOT ON 837I"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].line[1].note", "not-used")])

    def test_clm10_and_refs(self):
        d = encounter("office-visit")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim.update({"patient_signature": "P", "authorization_exception": "2",
                      "medicare_crossover": "N", "care_plan_oversight": "CPO1",
                      "ide_numbers": "G111 G222"})
        out, back = self.round_trip(d)
        self.assertIn(b"*Y*A*Y*Y*P~\n", out)
        self.assertIn(b"REF*4N*2~\nREF*F5*N~\n", out)
        self.assertIn(b"REF*LX*G111~\nREF*LX*G222~\nREF*1J*CPO1~\n", out)
        subset(claim, back)
        claim["ide_numbers"] = "G1 G2 G3 G4 G5 G6"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].ide_numbers", "too-many")])

    def test_disability_and_care_dates(self):
        d = encounter("office-visit")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim.update({"disability_from": "20251101", "disability_to": "20251130",
                      "discharge_date": "20251104", "assumed_care_date": "20251104",
                      "relinquished_care_date": "20251118"})
        out, back = self.round_trip(d)
        self.assertIn(b"DTP*314*RD8*20251101-20251130~\n", out)
        self.assertIn(b"DTP*096*D8*20251104~\nDTP*090*D8*20251104~\nDTP*091*D8*20251118~\n",
                      out)
        subset(claim, back)
        del claim["disability_from"]
        out, back = self.round_trip(d)
        self.assertIn(b"DTP*361*D8*20251130~\n", out)
        self.assertNotIn("disability_from", {k for k, v in back.items() if v})
        self.assertEqual(back["disability_to"], "20251130")

    def test_line_dates(self):
        d = encounter("office-visit")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim["lines"][1].update({"hemoglobin_test_date": "20251101",
                                  "creatinine_test_date": "20251102",
                                  "begin_therapy_date": "20251015"})
        out, back = self.round_trip(d)
        self.assertIn(b"DTP*472*D8*20251120~\nDTP*463*D8*20251015~\nDTP*738*D8*20251101~\n"
                      b"DTP*739*D8*20251102~\nREF*6R*LINE0002~\n", out)
        subset(claim, back)

    def test_line_refs_and_amounts(self):
        d = encounter("office-visit")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim["lines"][0].update({"prior_authorization": "PA1 PA2", "referral": "RF9",
                                  "sales_tax": "2.50", "obstetric_units": "2"})
        out, back = self.round_trip(d)
        self.assertIn(b"QTY*FL*2~\nREF*G1*PA1~\nREF*G1*PA2~\nREF*6R*LINE0001~\nREF*9F*RF9~\n"
                      b"AMT*T*2.5~\n", out)
        self.assertEqual(back["lines"][0]["sales_tax"], 250)
        self.assertEqual(back["lines"][0]["prior_authorization"], "PA1 PA2")
        d = encounter("inpatient-stay")
        line = d["providers"][0]["subscribers"][0]["claims"][0]["lines"][0]
        line.update({"repriced_line_number": "RL1", "facility_tax": "4.00"})
        out, back = self.round_trip(d)
        self.assertIn(b"REF*9B*RL1~\nAMT*N8*4~\n", out)
        line["sales_tax"] = "1.00"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].line[1].sales_tax", "not-used")])

    def test_secondary_ids(self):
        d = encounter("office-visit")
        prov = d["providers"][0]
        prov.update({"state_license": "LIC123", "upin": "A12345"})
        sub = prov["subscribers"][0]
        sub["payer"].update({"commercial_id": "BP778", "location_number": "LOC1"})
        claim = sub["claims"][0]
        claim["providers"] = [{"role": "rendering", "name": "SMITH", "first_name": "ANN",
                               "npi": "1234567893", "state_license": "RL9", "upin": "U1",
                               "commercial_id": "C2", "location_number": "L3"}]
        claim["lines"][1]["providers"] = [{"role": "ordering", "name": "ORD", "first_name": "O",
                                           "npi": "1234567893", "commercial_id": "OG2"}]
        out, back = self.round_trip(d)
        self.assertIn(b"REF*EI*371234567~\nREF*0B*LIC123~\nREF*1G*A12345~\n", out)
        self.assertIn(b"PI*EHP01~\nREF*G2*BP778~\nREF*LU*LOC1~\n", out)
        self.assertIn(b"REF*0B*RL9~\nREF*1G*U1~\nREF*G2*C2~\nREF*LU*L3~\n", out)
        self.assertIn(b"NM1*DK*1*ORD*O****XX*1234567893~\nREF*G2*OG2~\n", out)
        subset(claim, back)
        read = list(libx12.read_837(out))[0]["providers"][0]
        self.assertEqual((read["state_license"], read["upin"]), ("LIC123", "A12345"))
        self.assertEqual(read["subscribers"][0]["payer"]["commercial_id"], "BP778")
        typed = list(libx12.read_837(out, as_dataclass=True))[0]
        self.assertEqual(typed.providers[0].subscribers[0].payer.location_number, "LOC1")
        self.assertEqual(typed.claims()[0].providers[0].upin, "U1")
        # a qualifier the loop does not allow: a located edit error
        sub["payer"]["upin"] = "P1"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("provider[1].subscriber[1].payer.upin", "not-used")])

    def test_payer_subscriber_ids_and_other_payer_refs(self):
        d = encounter("secondary-claim")
        sub = d["providers"][0]["subscribers"][0]
        sub.update({"ssn": "123456789", "pc_claim_number": "PC-77", "contact": "ADJUSTER",
                    "phone": "5555551234"})
        sub["payer"].update({"ein": "123456789", "claim_office": "OFF1"})
        claim = sub["claims"][0]
        op = claim["other_payers"][0]
        op.update({"payer_claim_number": "ICN20250402001", "claim_adjustment_indicator": "Y",
                   "prior_authorization": "OPG1", "referral": "OP9F"})
        op["payer"]["payer_number"] = "MB2U"
        out, back = self.round_trip(d)
        self.assertIn(b"REF*SY*123456789~\nREF*Y4*PC-77~\nPER*IC*ADJUSTER*TE*5555551234~\n", out)
        self.assertIn(b"PI*SCI22~\nREF*EI*123456789~\nREF*FY*OFF1~\nCLM*", out)
        self.assertIn(b"PI*MCRB01~\nREF*2U*MB2U~\nREF*G1*OPG1~\nREF*9F*OP9F~\nREF*T4*Y~\n"
                      b"REF*F8*ICN20250402001~\nLX*1~", out)
        subset(claim, back)
        read = list(libx12.read_837(out))[0]["providers"][0]["subscribers"][0]
        self.assertEqual((read["ssn"], read["pc_claim_number"], read["phone"]),
                         ("123456789", "PC-77", "5555551234"))
        self.assertEqual(read["payer"]["claim_office"], "OFF1")
        typed = list(libx12.read_837(out, as_dataclass=True))[0].claims()[0]
        self.assertEqual(typed.other_payers[0].payer_claim_number, "ICN20250402001")
        self.assertEqual(typed.other_payers[0].payer.payer_number, "MB2U")
        # an email where the guide's PER takes a phone only: a located edit error
        sub["email"] = "a@example.invalid"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("provider[1].subscriber[1].email", "not-used")])

    def test_other_payer_providers(self):
        d = encounter("secondary-claim")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        op = claim["other_payers"][0]
        op["providers"] = [{"role": "rendering", "commercial_id": "MB-R"},
                           {"role": "billing", "commercial_id": "MB-BILL",
                            "location_number": "MB-LOC"}]
        out, back = self.round_trip(d)
        self.assertIn(b"PI*MCRB01~\nNM1*82*1~\nREF*G2*MB-R~\nNM1*85*2~\nREF*G2*MB-BILL~\n"
                      b"REF*LU*MB-LOC~\nLX*1~", out)
        subset(claim, back)
        self.assertEqual(back["other_payers"][0]["providers"][1]["entity"], "organization")
        typed = list(libx12.read_837(out, as_dataclass=True))[0].claims()[0]
        self.assertEqual(typed.other_payers[0].providers[1].role, "billing")
        self.assertEqual(typed.other_payers[0].providers[1].location_number, "MB-LOC")
        # the billing provider's loop (2330G) has no UPIN: a located edit error
        op["providers"][1]["upin"] = "U1"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].other_payer[1].billing.upin", "not-used")])

    def test_primary_care_provider(self):
        """837P NM1*P3 after the referring provider: 2310A, 2420F and 2330C."""
        d = encounter("secondary-claim")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim["providers"] = [
            {"role": "referring", "name": "SMITH", "first_name": "ANNA", "npi": "1333000010"},
            {"role": "primary_care", "name": "JONES", "first_name": "LEE", "npi": "1888000068",
             "commercial_id": "PCP-77"}] + claim.get("providers", [])
        claim["lines"][0]["providers"] = [
            {"role": "primary_care", "name": "PARK", "first_name": "MIN", "upin": "U7781"}]
        claim["other_payers"][0]["providers"] = [{"role": "primary_care", "upin": "MB-PCP"}]
        out, back = self.round_trip(d)
        self.assertIn(b"NM1*DN*1*SMITH*ANNA****XX*1333000010~\n"
                      b"NM1*P3*1*JONES*LEE****XX*1888000068~\nREF*G2*PCP-77~\n", out)
        self.assertIn(b"NM1*P3*1*PARK*MIN~\nREF*1G*U7781~\n", out)
        self.assertIn(b"PI*MCRB01~\nNM1*P3*1~\nREF*1G*MB-PCP~\nLX*1~", out)
        subset(claim, back)
        typed = list(libx12.read_837(out, as_dataclass=True))[0].claims()[0]
        self.assertEqual([p.role for p in typed.providers][:2], ["referring", "primary_care"])
        self.assertEqual(typed.other_payers[0].providers[0].role, "primary_care")
        # the 837I has none: a located edit error
        d = encounter("inpatient-stay")
        d["providers"][0]["subscribers"][0]["claims"][0]["providers"].append(
            {"role": "primary_care", "name": "JONES", "first_name": "LEE"})
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].primary_care", "not-used")])

    def test_other_payer_provider_without_ref(self):
        """A 2330D NM1 without its REF (the guide requires one): the reader
        reports the missing REF, located; a copy is refused by the edit
        that requires it, never written without the NM1."""
        d = encounter("secondary-claim")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim["other_payers"][0]["providers"] = [{"role": "rendering", "commercial_id": "MB-R"}]
        out = libx12.build_837(d)
        bad = out.replace(b"NM1*82*1~\nREF*G2*MB-R~\n", b"NM1*82*1~\n")
        n = int(bad[bad.index(b"\nSE*") + 4:].split(b"*", 1)[0])
        bad = bad.replace(b"\nSE*%d*" % n, b"\nSE*%d*" % (n - 1))
        with libx12.ClaimStream(bad) as s:
            for _ in s:
                self.assertEqual([(p.rule, p.segment_id, p.loop_id) for p in s.issues],
                                 [("missing-segment", "REF", "2330D")])
        items = list(libx12.read_837(bad))
        op = the_claim(items[0])["other_payers"][0]
        self.assertEqual(op["providers"], [{"role": "rendering", "entity": "person"}])
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(items)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].other_payer[1].rendering.commercial_id", "required")])

    def test_other_subscriber_ssn(self):
        d = encounter("secondary-claim")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim["other_payers"][0]["subscriber"]["ssn"] = "123456780"
        out, back = self.round_trip(d)
        self.assertIn(b"MI*1EG4TE5MK73~\nREF*SY*123456780~\nNM1*PR*", out)
        subset(claim, back)
        typed = list(libx12.read_837(out, as_dataclass=True))[0].claims()[0]
        self.assertEqual(typed.other_payers[0].subscriber.ssn, "123456780")
        claim["other_payers"][0]["subscriber"]["ssn"] = "12345678"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].other_payer[1].subscriber.ssn", "ssn-format")])

    def test_pay_to_plan(self):
        d = encounter("secondary-claim")
        prov = d["providers"][0]
        prov["pay_to_plan"] = {"name": "STATE MEDICAID", "payer_id": "MCD01",
                               "address1": "1 CAPITOL", "city": "SPRINGFIELD", "state": "IL",
                               "zip": "62706", "ein": "376000000", "claim_office": "FY1"}
        out, back = self.round_trip(d)
        self.assertIn(b"NM1*PE*2*STATE MEDICAID*****PI*MCD01~\nN3*1 CAPITOL~\n"
                      b"N4*SPRINGFIELD*IL*62706~\nREF*FY*FY1~\nREF*EI*376000000~\nHL*2*1*22*0~",
                      out)
        read = list(libx12.read_837(out))[0]["providers"][0]
        subset(prov["pay_to_plan"], read["pay_to_plan"])
        typed = list(libx12.read_837(out, as_dataclass=True))[0]
        self.assertEqual(typed.providers[0].pay_to_plan.ein, "376000000")
        # the EIN is required there: a located edit error
        del prov["pay_to_plan"]["ein"]
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("provider[1].pay_to_plan.ein", "required")])
    def test_other_payer_adjudication(self):
        d = encounter("secondary-claim")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        op = claim["other_payers"][0]
        op.update({"group_name": "ACME RETIREE PLAN", "patient_signature": "P",
                   "noncovered": "12.00", "reimbursement_rate": "0.8",
                   "outpatient_remarks": "MA01 N130", "hcpcs_payable": "144.00"})
        out, back = self.round_trip(d)
        self.assertIn(b"SBR*P*18*GRP0042*ACME RETIREE PLAN*****MB~\nAMT*D*144~\nAMT*A8*12~\n"
                      b"OI***Y*P**Y~\nMOA*0.8*144*MA01*N130~\n", out)
        got = back["other_payers"][0]
        self.assertEqual(got["noncovered"], 1200)
        self.assertEqual(got["hcpcs_payable"], 14400)
        self.assertEqual(got["outpatient_remarks"], "MA01 N130")
        self.assertEqual(got["group_name"], "ACME RETIREE PLAN")
        self.assertEqual(got["patient_signature"], "P")
        # MIA is the 837I's only
        op["covered_days"] = "4"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].other_payer[1].covered_days", "not-used")])

    def test_inpatient_adjudication(self):
        d = encounter("inpatient-stay")
        sub = d["providers"][0]["subscribers"][0]
        sub["responsibility"] = "S"
        claim = sub["claims"][0]
        claim["other_payers"] = [{
            "responsibility": "P", "relationship": "18", "filing_indicator": "MA",
            "covered_days": "4", "drg_amount": "9000.00", "indirect_teaching": "18.00",
            "inpatient_remarks": "MA01 N1", "pps_capital_exception": 2400,
            "subscriber": {"name": "DOE", "first_name": "JANE", "member_id": "1EG4TE5MK73"},
            "payer": {"name": "MEDICARE PART A", "payer_id": "MCRA01"}}]
        out, back = self.round_trip(d)
        self.assertIn(b"OI***Y***Y~\nMIA*4***9000*MA01*************18**N1****24~\n", out)
        got = back["other_payers"][0]
        self.assertEqual((got["covered_days"], got["drg_amount"], got["indirect_teaching"],
                          got["pps_capital_exception"], got["inpatient_remarks"]),
                         ("4", 900000, 1800, 2400, "MA01 N1"))
        claim["other_payers"][0]["covered_days"] = None
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].other_payer[1].covered_days", "required")])

    def test_accident_state_and_pro_approval_837i(self):
        d = encounter("inpatient-stay")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim.update({"accident_state": "IL", "pro_approval_number": "PRO7781"})
        out, back = self.round_trip(d)
        self.assertIn(b"REF*LU*IL~\nREF*EA*MR0044312~\nREF*G4*PRO7781~\n", out)
        self.assertEqual((back["accident_state"], back["pro_approval_number"]),
                         ("IL", "PRO7781"))
        claim["accident_state"] = "XX"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].accident_state", "state-code")])

    def test_hi_kinds(self):
        d = encounter("inpatient-stay")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim["diagnoses"].append({"kind": "external_cause", "code": "W01.XXXA", "poa": "Y"})
        claim["codes"].append({"kind": "treatment", "code": "PT01"})
        out, back = self.round_trip(d)
        self.assertIn(b"HI*ABN:W01XXXA:::::::Y~\n", out)
        self.assertIn(b"HI*BG:39~\nHI*TC:PT01~\n", out)
        self.assertIn({"kind": "external_cause", "code": "W01XXXA", "poa": "Y"},
                      back["diagnoses"])
        self.assertIn({"kind": "treatment", "code": "PT01"}, back["codes"])
        d = encounter("office-visit")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim["codes"] = [{"kind": "anesthesia_procedure", "code": "42820"},
                          {"kind": "condition", "code": "AL"}]
        out, back = self.round_trip(d)
        self.assertIn(b"HI*BP:42820~\nHI*BG:AL~\n", out)
        self.assertEqual([(c["kind"], c["code"]) for c in back["codes"]],
                         [("anesthesia_procedure", "42820"), ("condition", "AL")])
        claim["codes"].append({"kind": "treatment", "code": "PT01"})
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].code[3]", "not-used")])

    def test_icd9_before_october_2015(self):
        d = encounter("office-visit")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim.update({"service_from": "20140915", "onset_date": "20140910"})
        claim["diagnoses"] = [{"kind": "principal", "code": "034.0"}, {"code": "E880.9"}]
        out, back = self.round_trip(d)
        self.assertIn(b"HI*BK:0340*BF:E8809~\n", out)
        self.assertEqual([x["code"] for x in back["diagnoses"]], ["0340", "E8809"])
        claim["lines"][1]["service_from"] = "20151002"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].diagnosis", "code-set")])

    def test_contract_and_repricing(self):
        d = encounter("office-visit")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim.update({"contract_type": "02", "contract_amount": "150.00",
                      "pricing_methodology": "10", "repriced_allowed": 12000})
        claim["lines"][1].update({"pricing_methodology": "02", "repriced_allowed": "55.00",
                                  "repriced_procedure_qualifier": "HC",
                                  "repriced_procedure": "87880"})
        out, back = self.round_trip(d)
        self.assertIn(b"CN1*02*150~\nHI*ABK:J0300*ABF:R509~\nHCP*10*120~\n", out)
        self.assertIn(b"HCP*02*55*******HC*87880~\n", out)
        self.assertEqual((back["contract_amount"], back["repriced_allowed"]), (15000, 12000))
        self.assertEqual(back["lines"][1]["repriced_procedure"], "87880")
        del claim["repriced_allowed"]
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].repriced_allowed", "required")])

    def test_drug_ref(self):
        d = encounter("office-visit")
        line = d["providers"][0]["subscribers"][0]["claims"][0]["lines"][1]
        line.update({"ndc": "00002143380", "ndc_quantity": "1", "ndc_unit": "UN",
                     "prescription_number": "RX12345"})
        out, back = self.round_trip(d)
        self.assertIn(b"CTP****1*UN~\nREF*XZ*RX12345~\n", out)
        self.assertEqual(back["lines"][1]["prescription_number"], "RX12345")

    def test_crc_conditions(self):
        d = encounter("office-visit")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim.update({"homebound": "Y", "epsdt_referral": "N", "epsdt_conditions": "NU"})
        claim["lines"][0]["dme_condition"] = "Y"
        claim["lines"][0]["dme_conditions"] = "ZV"
        out, back = self.round_trip(d)
        self.assertIn(b"CRC*75*Y*IH~\nCRC*ZZ*N*NU~\n", out)
        self.assertIn(b"CRC*09*Y*ZV~\n", out)
        self.assertEqual((back["homebound"], back["epsdt_conditions"],
                          back["lines"][0]["dme_conditions"]), ("Y", "NU", "ZV"))

    def test_patient_information(self):
        d = encounter("office-visit")
        sub = d["providers"][0]["subscribers"][0]
        sub.update({"death_date": "20251125", "weight": "152.5", "pregnant": "Y"})
        out, _ = self.round_trip(d)
        self.assertIn(b"PAT*****D8*20251125*01*152.5*Y~\nNM1*IL*", out)
        back = list(libx12.read_837(out))[0]["providers"][0]["subscribers"][0]
        self.assertEqual((back["death_date"], back["weight"], back["pregnant"]),
                         ("20251125", "152.5", "Y"))
        typed = list(libx12.read_837(out, as_dataclass=True))[0]
        self.assertEqual(typed.providers[0].subscribers[0].weight, "152.5")
        d = encounter("patient-not-subscriber")
        pat = d["providers"][0]["subscribers"][0]["patients"][0]
        pat["death_date"] = "20250601"
        out, _ = self.round_trip(d)
        self.assertIn(b"PAT*19****D8*20250601~\n", out)
        back = list(libx12.read_837(out))[0]["providers"][0]["subscribers"][0]["patients"][0]
        self.assertEqual(back["death_date"], "20250601")
        pat["pregnant"] = "N"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(copy.deepcopy(d))
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("provider[1].subscriber[1].patient[1].pregnant", "code-value")])
        d = encounter("inpatient-stay")
        d["providers"][0]["subscribers"][0]["weight"] = "150"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("provider[1].subscriber[1].weight", "not-used")])

    def test_currency(self):
        d = encounter("inpatient-stay")
        d["providers"][0]["currency"] = "CAD"
        out, _ = self.round_trip(d)
        self.assertIn(b"~\nCUR*85*CAD~\nNM1*85*2*", out)
        back = list(libx12.read_837(out))[0]["providers"][0]
        self.assertEqual(back["currency"], "CAD")
        typed = list(libx12.read_837(out, as_dataclass=True))[0]
        self.assertEqual(typed.providers[0].currency, "CAD")
        d["providers"][0]["currency"] = "C$"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("provider[1].currency", "currency-format")])

    def test_form(self):
        d = encounter("office-visit")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim["lines"][1].update({"form_type": "UT", "form_id": "04.04",
                                  "form_answers": "1:R:N;2:T:LIFETIME;3:P:88"})
        out, back = self.round_trip(d)
        self.assertIn(b"REF*6R*LINE0002~\nLQ*UT*04.04~\nFRM*1*N~\nFRM*2**LIFETIME~\n"
                      b"FRM*3****88~\nSE*", out)
        self.assertEqual(back["lines"][1]["form_answers"], "1:R:N;2:T:LIFETIME;3:P:88")
        subset(claim, back)
        claim["lines"][1]["form_answers"] = "1=Y"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].line[2].form_answers", "answer-format")])

    def test_dme_service(self):
        d = encounter("office-visit")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim["lines"][1].update({"dme_procedure": "E0260", "dme_days": "99",
                                  "dme_rental_price": 15000, "dme_purchase_price": "1200.00"})
        out, back = self.round_trip(d)
        self.assertIn(b"SV5*HC:E0260*DA*99*150*1200~\n", out)
        self.assertEqual((back["lines"][1]["dme_rental_price"],
                          back["lines"][1]["dme_purchase_price"]), (15000, 120000))
        del claim["lines"][1]["dme_purchase_price"]
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].line[2].dme_purchase_price", "required")])

    def test_test_results(self):
        d = encounter("office-visit")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim["lines"][1]["test_results"] = "TR:R4:1.2 OG:HT:70"
        out, back = self.round_trip(d)
        self.assertIn(b"DTP*472*D8*20251120~\nMEA*TR*R4*1.2~\nMEA*OG*HT*70~\nREF*6R*LINE0002~", out)
        self.assertEqual(back["lines"][1]["test_results"], "TR:R4:1.2 OG:HT:70")
        subset(claim, back)
        claim["lines"][1]["test_results"] = "TR:R9:1"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].line[2].test_results", "code-value")])

    def test_dme_certification(self):
        d = encounter("office-visit")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim["lines"][1].update({"dme_certification_type": "I",
                                  "dme_certification_months": "6",
                                  "dme_cmn_transmission": "AB"})
        out, back = self.round_trip(d)
        self.assertIn(b"SV1*HC:87880*60*UN*1***1~\nPWK*CT*AB~\nCR3*I*MO*6~\nDTP*472", out)
        subset(claim, back)
        typed = list(libx12.read_837(out, as_dataclass=True))[0].claims()[0]
        self.assertEqual((typed.lines[1].dme_certification_type,
                          typed.lines[1].dme_certification_months,
                          typed.lines[1].dme_cmn_transmission), ("I", "6", "AB"))
        del claim["lines"][1]["dme_certification_months"]
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].line[2].dme_certification_months", "required")])

    def test_spinal_manipulation(self):
        d = encounter("office-visit")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim.update({"spinal_condition": "A", "spinal_description": "ACUTE NECK STRAIN"})
        out, back = self.round_trip(d)
        self.assertIn(b"CR2********A**ACUTE NECK STRAIN~\n", out)
        subset(claim, back)
        typed = list(libx12.read_837(out, as_dataclass=True))[0].claims()[0]
        self.assertEqual(typed.spinal_description, "ACUTE NECK STRAIN")
        claim["spinal_condition"] = "Z"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].spinal_condition", "code-value")])

    def test_vision(self):
        d = encounter("office-visit")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim.update({"vision_contacts": "Y", "vision_contacts_conditions": "L2 L3"})
        out, back = self.round_trip(d)
        self.assertIn(b"~\nCRC*E2*Y*L2*L3~\nHI*ABK:", out)
        subset(claim, back)
        typed = list(libx12.read_837(out, as_dataclass=True))[0].claims()[0]
        self.assertEqual(typed.vision_contacts_conditions, "L2 L3")
        claim["vision_contacts_conditions"] = "L6"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].vision_contacts_conditions", "code-value")])

    def test_special_program(self):
        d = encounter("office-visit")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim["special_program"] = "05"
        out, back = self.round_trip(d)
        self.assertIn(b"*11:B:1*Y*A*Y*Y***05~\n", out)
        self.assertEqual(back["special_program"], "05")
        typed = list(libx12.read_837(out, as_dataclass=True))[0].claims()[0]
        self.assertEqual(typed.special_program, "05")
        claim["special_program"] = "01"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].special_program", "code-value")])

    def test_file_information(self):
        # K3: the texts joined by "\n" (or a list in a dict), one K3 each,
        # spaces kept; read back as the joined text
        d = encounter("office-visit")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim["file_information"] = "FIRST FILE TEXT\n  SECOND   TEXT"
        claim["lines"][1]["file_information"] = ["LINE TEXT"]
        out, back = self.round_trip(d)
        self.assertIn(b"~\nK3*FIRST FILE TEXT~\nK3*  SECOND   TEXT~\nHI*ABK:", out)
        self.assertIn(b"REF*6R*LINE0002~\nK3*LINE TEXT~\n", out)
        self.assertEqual(back["file_information"], "FIRST FILE TEXT\n  SECOND   TEXT")
        self.assertEqual(back["lines"][1]["file_information"], "LINE TEXT")
        self.assertNotIn("file_information", back["lines"][0])
        typed = list(libx12.read_837(out, as_dataclass=True))[0].claims()[0]
        self.assertEqual(typed.file_information, "FIRST FILE TEXT\n  SECOND   TEXT")
        self.assertEqual(typed.lines[1].file_information, "LINE TEXT")
        # the list form builds the same bytes as the text
        claim["file_information"] = ["FIRST FILE TEXT", "  SECOND   TEXT"]
        self.assertEqual(libx12.build_837(copy.deepcopy(d)), out)
        with self.assertRaises(ValueError):
            claim["file_information"] = ["ONE\nTWO"]
            libx12.build_837(copy.deepcopy(d))
        for value, rule in (("\n".join("T%d" % i for i in range(11)), "too-many"),
                            ("X" * 81, "too-long"), ("A\n\nB", "empty")):
            claim["file_information"] = value
            with self.assertRaises(libx12.X12Error) as cm:
                libx12.build_837(copy.deepcopy(d))
            self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                             [("claim[1].file_information", rule)])
        d = encounter("inpatient-stay")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim["file_information"] = "INPATIENT TEXT"
        out, back = self.round_trip(d)
        self.assertIn(b"REF*EA*MR0044312~\nK3*INPATIENT TEXT~\nHI*ABK:", out)
        self.assertEqual(back["file_information"], "INPATIENT TEXT")
        claim["lines"][0]["file_information"] = "NOT ON AN 837I LINE"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].line[1].file_information", "not-used")])

    def test_line_attachments(self):
        # 837P: after SV1; 837I (the edits refused them before): after SV2
        d = encounter("office-visit")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim["lines"][0]["attachments"] = [
            {"report_type": "OB", "transmission": "FX", "control_number": "LA-0001"},
            {"report_type": "EB", "transmission": "AA"}]
        out, back = self.round_trip(d)
        self.assertIn(b"*1:2~\nPWK*OB*FX***AC*LA-0001~\nPWK*EB*AA~\nDTP*472*", out)
        self.assertEqual(back["lines"][0]["attachments"], claim["lines"][0]["attachments"])
        d = encounter("inpatient-stay")
        claim = d["providers"][0]["subscribers"][0]["claims"][0]
        claim["lines"][2]["attachments"] = [
            {"report_type": "OZ", "transmission": "EL", "control_number": "OPNOTE7"}]
        out, back = self.round_trip(d)
        self.assertIn(b"SV2*0360*HC:44970*7000*UN*1~\nPWK*OZ*EL***AC*OPNOTE7~\n"
                      b"DTP*472*D8*20250110~\n", out)
        typed = list(libx12.read_837(out, as_dataclass=True))[0].claims()[0]
        self.assertEqual(typed.lines[2].attachments[0].control_number, "OPNOTE7")
        claim["lines"][2]["attachments"][0]["transmission"] = "AB"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("claim[1].line[3].attachment[1].transmission", "code-value")])

    def test_per_extensions(self):
        d = encounter("office-visit")
        d["submitter"].update({"phone_extension": "214", "fax": "5555550199"})
        prov = d["providers"][0]
        prov.update({"contact": "CLAIMS", "phone": "5555550111", "phone_extension": "9",
                     "fax": "5555550112"})
        claim = prov["subscribers"][0]["claims"][0]
        claim["providers"] = [{"role": "service_facility", "name": "CLINIC",
                               "npi": "1234567893", "address1": "1 A ST",
                               "city": "SPRINGFIELD", "state": "IL", "zip": "62701",
                               "contact": "FRONT DESK", "phone": "5555552000",
                               "phone_extension": "31"}]
        out, back = self.round_trip(d)
        # four numbers: two PERs where 1000A allows two
        self.assertIn(b"PER*IC*BILLING OFFICE*TE*5555550100*EX*214*FX*5555550199~\n"
                      b"PER*IC*BILLING OFFICE*EM*billing@example.invalid~\nNM1*40*", out)
        self.assertIn(b"PER*IC*CLAIMS*TE*5555550111*EX*9*FX*5555550112~\nHL*2*", out)
        self.assertIn(b"PER*IC*FRONT DESK*TE*5555552000*EX*31~\n", out)
        subset(claim, back)
        read = list(libx12.read_837(out))[0]
        self.assertEqual((read["providers"][0]["phone_extension"], read["providers"][0]["fax"]),
                         ("9", "5555550112"))
        typed = list(libx12.read_837(out, as_dataclass=True))[0]
        self.assertEqual((typed.submitter.phone_extension, typed.submitter.fax),
                         ("214", "5555550199"))
        self.assertEqual(typed.claims()[0].providers[0].phone_extension, "31")
        # an extension without a phone; a fax where the PER takes a phone only
        del prov["phone"]
        claim["providers"][0]["fax"] = "5555552001"
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837(d)
        self.assertEqual([(p.path, p.rule) for p in cm.exception.problems],
                         [("provider[1].phone", "required"),
                          ("claim[1].service_facility.fax", "not-used")])

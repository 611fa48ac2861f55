"""837s from pandas tables and from JSON Lines.

build_837_tables builds the bundled encounters byte for byte from frames
of a practice-management shape (tests/data/claim837-*.837); refuses float
money, float text, unknown columns and keys that do not join; maps every
problem back to its claim key; escapes any text.  build_837_jsonl builds
every examples/encounters/*.jsonl into its golden.  The JSON Schema of the
format (specs/encounter-jsonl.schema.json) accepts every example line and
every line the tables path writes, and agrees with the library on what it
refuses."""

import copy
import json
import os

import libx12
from util import ENCOUNTERS, TOP, TestCase, data, read

try:
    import numpy as np
    import pandas as pd
except ImportError:  # pragma: no cover - Debian's python3 has them (ensure-deps.sh)
    pd = None

try:
    import jsonschema
except ImportError:  # pragma: no cover
    jsonschema = None

SCHEMA = os.path.join(TOP, "specs", "encounter-jsonl.schema.json")


def jsonl_lines(name):
    with open(os.path.join(ENCOUNTERS, name + ".jsonl"), "rb") as f:
        return [json.loads(l) for l in f.read().decode("utf-8").splitlines() if l.strip()]


def header_of(name):
    return jsonl_lines(name)[0]


PROVIDER = {"provider.name": "RIVERSIDE FAMILY PRACTICE", "provider.npi": "1234567893",
            "provider.ein": "371234567", "provider.taxonomy": "207Q00000X",
            "provider.address1": "100 MAIN STREET", "provider.city": "SPRINGFIELD",
            "provider.state": "IL", "provider.zip": "627011234"}
SUBSCRIBER = {"subscriber.responsibility": "P", "subscriber.group_number": "GRP0042",
              "subscriber.filing_indicator": "CI", "subscriber.name": "DOE",
              "subscriber.first_name": "JANE", "subscriber.member_id": "XJ0000000001",
              "subscriber.address1": "12 ELM AVENUE", "subscriber.city": "SPRINGFIELD",
              "subscriber.state": "IL", "subscriber.zip": "62704",
              "subscriber.birth_date": "19800101", "subscriber.gender": "F",
              "payer.name": "EXAMPLE HEALTH PLAN", "payer.payer_id": "EHP01"}


def office_visit(n=1):
    """examples/encounters/office-visit as frames, n copies of its claim."""
    row = dict(PROVIDER, **SUBSCRIBER)
    row.update({"pcn": "PCN-2025-0001", "total_charge_cents": 18500,
                "place_of_service": "11", "onset_date": "20251110",
                "service_from": "20251120", "diagnoses.1": "J03.00", "diagnoses.2": "R50.9"})
    claims = pd.DataFrame([dict(row, claim_id=i + 1) for i in range(n)])
    lines = pd.DataFrame([l for i in range(n) for l in (
        {"claim_id": i + 1, "procedure": "99213", "modifiers": "25", "charge_cents": 12500,
         "pointers": "1 2", "control_number": "LINE0001"},
        {"claim_id": i + 1, "procedure": "87880", "modifiers": None, "charge_cents": 6000,
         "pointers": "1", "control_number": "LINE0002"})])
    return claims, lines


class Tables(TestCase):
    def setUp(self):
        if pd is None:
            self.skipTest("pandas is not installed")

    def golden(self, name):
        return read(data("claim837-%s.837" % name))

    def test_office_visit(self):
        claims, lines = office_visit()
        self.assertEqual(libx12.build_837_tables(claims, lines, header=header_of("office-visit")),
                         self.golden("office-visit"))
        # money as decimal text and pointers as integer columns: the same bytes
        c2 = claims.drop(columns=["total_charge_cents"]).assign(total_charge="185.00")
        l2 = lines.drop(columns=["pointers"]).assign(
            **{"pointers.1": pd.array([1, 1], dtype="Int64"),
               "pointers.2": pd.array([2, None], dtype="Int64")})
        self.assertEqual(libx12.build_837_tables(c2, l2, header=header_of("office-visit")),
                         self.golden("office-visit"))

    def test_multi_line_modifiers(self):
        # pay-to address, claim providers as ROLE.* columns, modifiers.N,
        # NDC, a line's own rendering provider
        row = {"claim_id": "ORT-1", "pcn": "ORT-58812", "total_charge": "615.00",
               "place_of_service": "11", "prior_authorization": "PA7781234",
               "service_from": "20250303",
               "provider.name": "LAKESIDE ORTHOPAEDICS", "provider.npi": "1987654328",
               "provider.ein": "361234568", "provider.taxonomy": "207X00000X",
               "provider.address1": "400 LAKE SHORE DRIVE", "provider.address2": "SUITE 210",
               "provider.city": "CHICAGO", "provider.state": "IL", "provider.zip": "606111234",
               "pay_to.address1": "PO BOX 4400", "pay_to.city": "CHICAGO", "pay_to.state": "IL",
               "pay_to.zip": "606804400",
               "subscriber.responsibility": "P", "subscriber.group_number": "G77120",
               "subscriber.group_name": "ACME CORP", "subscriber.filing_indicator": "CI",
               "subscriber.name": "ROE", "subscriber.first_name": "RICHARD",
               "subscriber.middle_name": "Q", "subscriber.member_id": "ABC123456789",
               "subscriber.address1": "88 PINE STREET", "subscriber.city": "EVANSTON",
               "subscriber.state": "IL", "subscriber.zip": "602011020",
               "subscriber.birth_date": "19710415", "subscriber.gender": "M",
               "payer.name": "EXAMPLE HEALTH PLAN", "payer.payer_id": "EHP01",
               "diagnoses.1": "M17.11", "diagnoses.2": "M25.561", "diagnoses.3": "Z79.899",
               "referring.name": "SMITH", "referring.first_name": "ANNA",
               "referring.npi": "1333000010",
               "rendering.name": "NGUYEN", "rendering.first_name": "PETER",
               "rendering.npi": "1444000024", "rendering.taxonomy": "207XS0114X",
               "service_facility.name": "LAKESIDE ORTHOPAEDICS NORTH",
               "service_facility.npi": "1555000037",
               "service_facility.address1": "900 GREEN BAY ROAD",
               "service_facility.city": "WINNETKA", "service_facility.state": "IL",
               "service_facility.zip": "600931234"}
        lines = pd.DataFrame({
            "claim_id": ["ORT-1"] * 4,
            "procedure": ["99214", "20610", "J3301", "73562"],
            "modifiers.1": ["25", "RT", None, "26"],
            "modifiers.2": [None, None, None, "RT"],
            "charge_cents": np.array([18000, 21000, 2500, 20000], dtype=np.int64),
            "units": [None, None, "4", None],
            "pointers": ["1 2", "1", "1", "1 2 3"],
            "control_number": ["ORT58812-1", "ORT58812-2", "ORT58812-3", "ORT58812-4"],
            "ndc": [None, None, "00003029320", None],
            "ndc_quantity": [None, None, "1", None],
            "ndc_unit": [None, None, "ML", None],
            "service_from": [None, None, None, "20250304"],
            "rendering.name": [None, None, None, "OKAFOR"],
            "rendering.first_name": [None, None, None, "GRACE"],
            "rendering.npi": [None, None, None, "1555000037"],
            "rendering.taxonomy": [None, None, None, "2085R0202X"],
        })
        out = libx12.build_837_tables(pd.DataFrame([row]), lines,
                                      header=header_of("multi-line-modifiers"))
        self.assertEqual(out, self.golden("multi-line-modifiers"))

    def test_patient_not_subscriber(self):
        row = {"claim_id": 7, "pcn": "PCN-2025-0733", "total_charge_cents": 15500,
               "place_of_service": "11", "service_from": "20250528",
               "subscriber.responsibility": "P", "subscriber.group_number": "GRP0042",
               "subscriber.filing_indicator": "CI", "subscriber.name": "DOE",
               "subscriber.first_name": "JANE", "subscriber.member_id": "XJ0000000001",
               "payer.name": "EXAMPLE HEALTH PLAN", "payer.payer_id": "EHP01",
               "patient.relationship": "19", "patient.name": "DOE",
               "patient.first_name": "LILY", "patient.address1": "12 ELM AVENUE",
               "patient.city": "SPRINGFIELD", "patient.state": "IL", "patient.zip": "62704",
               "patient.birth_date": "20180923", "patient.gender": "F",
               "diagnoses.1": "H66.91", "diagnoses.2": "R50.9"}
        row.update(PROVIDER)
        row["provider.taxonomy"] = "208000000X"
        lines = pd.DataFrame({"claim_id": [7, 7], "procedure": ["99213", "92567"],
                              "charge_cents": [12500, 3000], "pointers": ["1 2", "1"]})
        out = libx12.build_837_tables(pd.DataFrame([row]), lines,
                                      header=header_of("patient-not-subscriber"))
        self.assertEqual(out, self.golden("patient-not-subscriber"))

    def test_inpatient_stay(self):
        # 837I: diagnoses with kinds and POA, and codes, as frames
        row = {"claim_id": 1, "pcn": "IP-250110-77", "total_charge_cents": 1845000,
               "bill_type": "111", "service_from": "20250110", "service_to": "20250114",
               "admission_date": "20250110", "admission_hour": "1400",
               "discharge_hour": "1100", "admission_type": "1", "admission_source": "1",
               "patient_status": "01", "medical_record": "MR0044312",
               "provider.name": "MERCY GENERAL HOSPITAL", "provider.npi": "1666000041",
               "provider.ein": "362345678", "provider.taxonomy": "282N00000X",
               "provider.address1": "1500 HOSPITAL DRIVE", "provider.city": "SPRINGFIELD",
               "provider.state": "IL", "provider.zip": "627021500",
               "attending.name": "GARCIA", "attending.first_name": "MARIA",
               "attending.npi": "1777000054", "attending.taxonomy": "207R00000X",
               "operating.name": "CHEN", "operating.first_name": "DAVID",
               "operating.npi": "1888000068"}
        row.update(SUBSCRIBER)
        diagnoses = pd.DataFrame({"claim_id": [1, 1, 1, 1],
                                  "kind": ["principal", "admitting", "other", "other"],
                                  "code": ["K35.80", "R10.31", "E11.9", "K91.89"],
                                  "poa": ["Y", None, "Y", "N"]})
        codes = pd.DataFrame({"claim_id": [1, 1, 1, 1],
                              "kind": ["principal_procedure", "occurrence", "value",
                                       "condition"],
                              "code": ["0DTJ4ZZ", "11", "80", "39"],
                              "date": ["20250110", "20250109", None, None],
                              "amount_cents": pd.array([None, None, 400, None], dtype="Int64")})
        lines = pd.DataFrame({"claim_id": [1, 1, 1],
                              "revenue_code": ["0120", "0250", "0360"],
                              "procedure": [None, None, "44970"],
                              "charge_cents": [960000, 185000, 700000],
                              "unit": ["DA", None, None], "units": ["4", "1", "1"],
                              "noncovered_cents": pd.array([None, 5000, None], dtype="Int64"),
                              "service_from": [None, None, "20250110"]})
        out = libx12.build_837_tables(pd.DataFrame([row]), lines, diagnoses=diagnoses,
                                      codes=codes, header=header_of("inpatient-stay"))
        self.assertEqual(out, self.golden("inpatient-stay"))

    def test_shared_levels_and_order(self):
        # three claims of one subscriber share 2000A and 2000B; the lines
        # frame's rows may come in any claim order
        claims, lines = office_visit(3)
        claims["pcn"] = ["A1", "A2", "A3"]
        lines = lines.iloc[::-1].reset_index(drop=True)
        out = libx12.build_837_tables(claims, lines, header=header_of("office-visit"))
        text = out.decode("ascii")
        self.assertEqual(text.count("\nHL*"), 2)
        self.assertEqual([l.split("*")[1] for l in text.splitlines() if l.startswith("CLM")],
                         ["A1", "A2", "A3"])
        # within a claim the lines keep the frame's order (reversed here)
        self.assertLess(text.index("SV1*HC:87880"), text.index("SV1*HC:99213:25"))

    def test_refused_columns(self):
        claims, lines = office_visit()
        h = header_of("office-visit")
        cases = [
            (claims.assign(total_charge_cents=185.0), lines, "total_charge_cents", "float"),
            (claims, lines.assign(charge_cents=[125.0, 60.0]), "charge_cents", "never float"),
            (claims.assign(**{"provider.npi": 1234567893.0}), lines, "provider.npi", "float"),
            (claims.assign(total_charge_cents="18500"), lines, "total_charge_cents",
             "int64 cents"),
            (claims.assign(colour="red"), lines, "colour", "not a claim field"),
            (claims.assign(**{"provider.colour": "red"}), lines, "provider.colour", "no field"),
            (claims, lines.assign(claim_id=[1, 2]), "lines", "not a claim's"),
            (pd.concat([claims, claims]), lines, "claim_id", "not unique"),
        ]
        for c, l, name, why in cases:
            with self.subTest(name=name):
                with self.assertRaises(ValueError) as cm:
                    libx12.build_837_tables(c, l, header=h)
                self.assertIn(name, str(cm.exception))
                self.assertIn(why, str(cm.exception))

    def test_integer_text_columns(self):
        # an integer NPI column is written as its digits
        claims, lines = office_visit()
        claims["provider.npi"] = np.array([1234567893], dtype=np.int64)
        self.assertEqual(libx12.build_837_tables(claims, lines,
                                                 header=header_of("office-visit")),
                         self.golden("office-visit"))

    def test_problems_name_claims(self):
        claims, lines = office_visit(3)
        claims["claim_id"] = [101, 102, 103]
        lines["claim_id"] = [101, 101, 102, 102, 103, 103]
        lines.loc[3, "procedure"] = "8788"            # claim 102: an edit
        claims.loc[2, "pcn"] = "X" * 300              # claim 103: longer than the format allows
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837_tables(claims, lines, header=header_of("office-visit"))
        e = cm.exception
        self.assertEqual(e.status_name, "X12_ESYNTAX")
        self.assertEqual([(p.path, p.rule) for p in e.problems],
                         [("claim[2].line[2].procedure", "procedure-format"),
                          ("<tables>:4", "json-value")])
        self.assertIn("claim.pcn: is longer than 256 characters", e.problems[1].message)
        self.assertEqual(e.claim_keys, [102, 103])
        self.assertNotIn("XXXX", str(e))

    def test_any_text(self):
        # quotes, backslashes, the brackets that close objects, non-ASCII:
        # the JSON holds them exactly (json.loads gives them back)
        claims, lines = office_visit(2)
        odd = ['O"BRIEN \\ SONS }, ] {"x":1}', "ÉLODIE ,}]"]
        claims["subscriber.name"] = odd
        text = libx12.tables_to_jsonl(claims, lines, header=header_of("office-visit"))
        rows = [json.loads(l) for l in text.splitlines()]
        self.assertEqual([r["subscriber"]["name"] for r in rows[1:]], odd)
        self.assertEqual(rows[1]["claim"]["lines"][1], {"procedure": "87880",
                                                        "charge_cents": 6000,
                                                        "pointers": "1",
                                                        "control_number": "LINE0002"})

    def test_file_information_through_csv(self):
        # K3 texts joined by a newline in a claims column: a CSV file quotes
        # the cell (RFC 4180) and reads back whole; the 837 is the dict
        # path's, one K3 per text
        import io
        claims, lines = office_visit()
        claims["file_information"] = ["FIRST TEXT\n  SECOND, \"QUOTED\" TEXT"]
        buf = io.StringIO()
        claims.to_csv(buf, index=False)
        self.assertIn('"FIRST TEXT\n  SECOND, ""QUOTED"" TEXT"', buf.getvalue())
        back = pd.read_csv(io.StringIO(buf.getvalue()), dtype=str, keep_default_na=False)
        self.assertEqual(len(back), 1)
        back = back.astype({"total_charge_cents": "int64", "claim_id": "int64"})
        out = libx12.build_837_tables(back, lines, header=header_of("office-visit"))
        self.assertIn(b'~\nK3*FIRST TEXT~\nK3*  SECOND, "QUOTED" TEXT~\nHI*', out)
        d = [json.loads(l) for l in
             libx12.tables_to_jsonl(claims, lines, header=header_of("office-visit")).splitlines()]
        self.assertEqual(d[1]["claim"]["file_information"],
                         "FIRST TEXT\n  SECOND, \"QUOTED\" TEXT")

    def test_empty_claims(self):
        claims, lines = office_visit()
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837_tables(claims.iloc[0:0], lines.iloc[0:0],
                                    header=header_of("office-visit"))
        self.assertEqual(cm.exception.problems[0].message, "the batch has no billing provider")


class JsonLines(TestCase):
    def test_examples(self):
        for name in ("office-visit", "multi-line-modifiers", "secondary-claim",
                     "patient-not-subscriber", "inpatient-stay"):
            with self.subTest(name=name):
                path = os.path.join(ENCOUNTERS, name + ".jsonl")
                golden = read(data("claim837-%s.837" % name))
                self.assertEqual(libx12.build_837_jsonl(path), golden)
                self.assertEqual(libx12.build_837_jsonl(read(path)), golden)

    def test_kind_fixed(self):
        path = os.path.join(ENCOUNTERS, "office-visit.jsonl")
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.build_837_jsonl(path, kind="837I")
        self.assertEqual(cm.exception.status_name, "X12_EINVAL")
        self.assertEqual(cm.exception.problems[0].rule, "kind")


class Schema(TestCase):
    def setUp(self):
        if jsonschema is None:
            self.skipTest("jsonschema is not installed")
        with open(SCHEMA) as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        self.v = jsonschema.Draft202012Validator(schema)

    def test_examples_valid(self):
        for name in ("office-visit", "multi-line-modifiers", "secondary-claim",
                     "patient-not-subscriber", "inpatient-stay"):
            for i, line in enumerate(jsonl_lines(name), 1):
                with self.subTest(name=name, line=i):
                    self.assertEqual([e.message for e in self.v.iter_errors(line)], [])

    def test_tables_output_valid(self):
        if pd is None:
            self.skipTest("pandas is not installed")
        claims, lines = office_visit(2)
        text = libx12.tables_to_jsonl(claims, lines, header=header_of("office-visit"))
        for line in text.splitlines():
            self.assertEqual([e.message for e in self.v.iter_errors(json.loads(line))], [])

    def test_schema_agrees_with_library(self):
        """Variations of a claim line: the schema accepts exactly those the
        library reads without a json-value problem."""
        head, claim = jsonl_lines("secondary-claim")
        variations = {
            "total_charge as a number": lambda c: c["claim"].update(total_charge_cents=25000.5),
            "both total_charge forms": lambda c: c["claim"].update(total_charge="250.00"),
            "an unknown key": lambda c: c["claim"].update(colour="red"),
            "a diagnosis without code": lambda c: c["claim"]["diagnoses"][0].pop("code"),
            "a bad diagnosis kind": lambda c: c["claim"]["diagnoses"][0].update(kind="first"),
            "a pointer of 0": lambda c: c["claim"]["lines"][0].update(pointers=[0]),
            "modifiers as numbers": lambda c: c["claim"]["lines"][0].update(modifiers=[25]),
            "a zip as a number": lambda c: c["subscriber"].update(zip=62704),
            "no payer": lambda c: c["subscriber"].pop("payer"),
            "an adjustment amount of null": lambda c: c["claim"]["lines"][0]["adjudications"][0]
            ["adjustments"][0].update(amount_cents=None),
            "a pcn of 257 characters": lambda c: c["claim"].update(pcn="P" * 257),
            "a two-character poa": lambda c: c["claim"]["diagnoses"][0].update(poa="YN"),
            "an entity robot": lambda c: c["subscriber"].update(entity="robot"),
            "file information texts as numbers":
                lambda c: c["claim"].update(file_information=[1, 2]),
            "a file information text with a newline in the array":
                lambda c: c["claim"].update(file_information=["ONE\nTWO"]),
            # accepted by both
            "pointers as text": lambda c: c["claim"]["lines"][0].update(pointers="1 2"),
            "file information as text": lambda c: c["claim"].update(file_information="A B\nC"),
            "file information as an array":
                lambda c: c["claim"].update(file_information=["A B", "C"]),
            "null for a field": lambda c: c["claim"].update(onset_date=None),
            "a control number as text": None,
            "unchanged": lambda c: None,
        }
        for what, change in variations.items():
            with self.subTest(what=what):
                h, c = copy.deepcopy(head), copy.deepcopy(claim)
                if change is None:
                    h["interchange"]["control_number"] = "611"
                else:
                    change(c)
                schema_ok = all(not list(self.v.iter_errors(x)) for x in (h, c))
                text = (json.dumps(h) + "\n" + json.dumps(c) + "\n").encode("utf-8")
                try:
                    libx12.build_837_jsonl(text)
                    lib_ok = True
                except libx12.X12Error as e:
                    lib_ok = not any(p.rule.startswith("json-") for p in e.problems)
                self.assertEqual(schema_ok, lib_ok)

"""The field names of the claim model: the library's table
(x12_claim_field_name, lib/claim837_fields.def) is what the bindings use,
and the two encounter schemas (specs/encounter.xsd,
specs/encounter-jsonl.schema.json) name exactly those fields - no more,
no fewer - for each record kind; doc/837-COVERAGE.md lists every segment
of both guides."""

import json
import os
import unittest
import xml.etree.ElementTree as ET

from libx12 import claims
from libx12._lib import lib

from util import TOP

XS = "{http://www.w3.org/2001/XMLSchema}"
SPECS = os.path.join(TOP, "specs")

# Parties name their id by role.
PARTY_IDS = {"npi", "member_id", "payer_id", "id"}


def table(*objs):
    out = set()
    for o in objs:
        out |= set(claims._names(o))
    return out


class TableNames(unittest.TestCase):
    def test_bindings_take_the_library_names(self):
        # the enum values of include/x12/claim837.h, through the table
        self.assertEqual(claims._CLAIM["pcn"], 1)
        self.assertEqual(claims._CLAIM["accident_state"], 25)
        self.assertEqual(claims._LINE["control_number"], 8)
        self.assertEqual(claims._PARTY["email"], 18)
        self.assertNotIn("id", claims._PARTY)
        for obj in claims._CO:
            n = lib.x12_claim_field_count(claims._CO[obj])
            for name, f in claims._names(obj).items():
                self.assertTrue(1 <= f <= n)
                self.assertEqual(lib.x12_claim_field_lookup(claims._CO[obj], name.encode(),
                                                            len(name)), f)


def xsd_attributes():
    """{element or complexType name: set of attribute names}, with
    attribute groups resolved; a field given as repeated text child
    elements (file_information: xs:element of the simple type fileText)
    counts as one of its names."""
    root = ET.parse(os.path.join(SPECS, "encounter.xsd")).getroot()
    groups = {}
    for g in root.findall(XS + "attributeGroup"):
        groups[g.get("name")] = {a.get("name") for a in g.findall(XS + "attribute")}

    def attrs(node):
        out = set()
        for child in node:
            if child.tag == XS + "attribute":
                out.add(child.get("name"))
            elif child.tag == XS + "attributeGroup":
                out |= groups[child.get("ref")]
            elif child.tag == XS + "sequence":
                out |= {e.get("name") for e in child.findall(XS + "element")
                        if e.get("type") == "fileText"}
        return out

    found = {}
    for ct in root.iter(XS + "complexType"):
        if ct.get("name"):
            found[ct.get("name")] = attrs(ct)
    for el in root.iter(XS + "element"):
        ct = el.find(XS + "complexType")
        if ct is not None:
            found.setdefault(el.get("name"), set()).update(attrs(ct))
    return found


def jsonl_properties():
    with open(os.path.join(SPECS, "encounter-jsonl.schema.json"), encoding="utf-8") as f:
        defs = json.load(f)["$defs"]
    return {k: set(v.get("properties", ())) for k, v in defs.items() if isinstance(v, dict)}


def with_cents(names, amounts):
    return set(names) | {a + "_cents" for a in amounts}


class Schemas(unittest.TestCase):
    """Each record kind's own fields are the table's rows of its objects."""

    def setUp(self):
        self.xsd = xsd_attributes()
        self.json = jsonl_properties()

    def check(self, xsd_name, json_name, objs, amount_objs=(), extra=(), children=()):
        want = table(*objs) | table(*amount_objs) | set(extra)
        self.assertEqual(self.xsd[xsd_name], want, "encounter.xsd " + xsd_name)
        amounts = table(*amount_objs)
        got = self.json[json_name] - set(children)
        self.assertEqual(got, with_cents(want, amounts), "encounter-jsonl " + json_name)

    def test_interchange(self):
        self.check("interchange", "interchange", ("batch", "option"))

    def test_subscriber(self):
        got = self.xsd["subscriber"] - table("party") - {"entity", "member_id"}
        self.assertEqual(got, table("subscriber"))
        got = self.json["subscriber"] - table("party") - {"entity", "member_id", "payer"}
        self.assertEqual(got, table("subscriber"))

    def test_claim(self):
        self.check("claim", "claim", ("claim",), ("claim_amount",),
                   children=("diagnoses", "codes", "providers", "other_payers", "lines",
                             "attachments"))

    def test_other_payer(self):
        self.check("other_payer", "otherPayer", ("other_payer",), ("other_payer_amount",),
                   children=("subscriber", "payer", "adjustments", "providers"))

    def test_line(self):
        self.check("line", "line", ("line",), ("line_amount",), ("modifiers", "pointers"),
                   children=("providers", "adjudications", "attachments"))

    def test_adjudication(self):
        self.check("adjudication", "adjudication", ("adjudication",), ("adjudication_amount",),
                   ("modifiers",), children=("adjustments",))

    def test_attachment(self):
        self.check("attachment", "attachment", ("attachment",))

    def test_parties_take_party_fields(self):
        party = table("party") | PARTY_IDS | {"entity"}
        for name in ("etinParty", "payer", "insured", "billingProvider"):
            self.assertLessEqual(self.xsd[name], party, name)
            self.assertLessEqual(self.json[name] - {"pay_to", "pay_to_plan"}, party, name)
        self.assertLessEqual(self.xsd["pay_to_plan"], party)
        self.assertLessEqual(self.json["payToPlan"], party)
        for name in ("claimProvider", "lineProvider", "otherPayerProvider"):
            self.assertLessEqual(self.json[name] - {"role"}, party, name)


class CoverageDoc(unittest.TestCase):
    """doc/837-COVERAGE.md lists every segment of both guides (loop and
    qualifier), and its two status columns agree."""

    def rows(self, section):
        with open(os.path.join(TOP, "doc", "837-COVERAGE.md"), encoding="utf-8") as f:
            text = f.read()
        part = text.split("## " + section, 1)[1].split("\n## ", 1)[0]
        out = []
        for ln in part.splitlines():
            cells = [c.strip() for c in ln.strip().strip("|").split("|")]
            if len(cells) == 6 and cells[0] not in ("Loop", "---"):
                out.append(cells)
        return out

    def guide(self, name):
        """(loop, segment id, qualifier codes or None) of every segment."""
        root = ET.parse(os.path.join(SPECS, name)).getroot()
        out = []

        def walk(node, loop):
            for child in node:
                if child.tag == "loop":
                    walk(child, child.get("id"))
                elif child.tag == "segment":
                    codes = None
                    key = child.get("key")
                    if key is not None:
                        for e in child:
                            if e.tag == "element" and e.get("pos") == key and e.get("codes"):
                                codes = set(e.get("codes").split())
                    out.append((loop, child.get("id"), codes))
        walk(root.find("body"), "header")
        return out

    def check(self, section, spec):
        rows = self.rows(section)
        self.assertGreater(len(rows), 100)
        listed = {}
        for loop, seg, _, _, builder, back in rows:
            sid, _, quals = seg.partition("*")
            listed.setdefault((loop, sid), []).append(set(quals.split("/")) if quals else None)
            # "no" in the builder column is a segment the reader reports
            self.assertEqual(builder == "no", back == "not kept (warning)", (loop, seg))
        segs = self.guide(spec)
        self.assertGreater(len(segs), 100)
        for loop, sid, codes in segs:
            have = listed.get((loop, sid))
            self.assertIsNotNone(have, "%s: %s %s is not listed" % (section, loop, sid))
            if codes and sid != "HL":
                self.assertTrue(any(q is not None and q & codes for q in have),
                                "%s: %s %s*%s is not listed" % (section, loop, sid,
                                                                "/".join(sorted(codes))))

    def test_837p(self):
        self.check("837P", "837p.xml")

    def test_837i(self):
        self.check("837I", "837i.xml")


if __name__ == "__main__":
    unittest.main()

"""The 837 claim dataclasses: their fields are the library's field table
(a field added in C without its Python line is named here), they convert
to and from the dict shape read_837() yields without losing a key, a
claim built from them reads back as an equal Claim837, and the old names
(libx12.Claim, libx12.ClaimInput) still work with a DeprecationWarning."""

import dataclasses
import glob
import os
import pickle
import subprocess
import sys
import typing
import warnings
from unittest import mock

import libx12
from libx12 import claims as _claims
from libx12 import remit as _remit
from libx12._lib import lib

from test_claims import encounter, office_visit_dataclasses
from util import ENCOUNTERS, TOP, TestCase, corpus_files, corpus_test, data, read


def c_names(obj):
    """The names the C field table gives an object (x12_claim_object), asked
    of the library directly; the party's without "id" (named by role)."""
    co = _claims._CO[obj]
    out = []
    for f in range(1, lib.x12_claim_field_count(co) + 1):
        n = lib.x12_claim_field_name(co, f)
        if n is not None and not (obj == "party" and n == b"id"):
            out.append(n.decode("ascii"))
    return out


def cents(v):
    """Money as int cents: an int as it is, decimal text by its digits."""
    if isinstance(v, int):
        return v
    neg = v.startswith("-")
    whole, _, frac = v.lstrip("-").partition(".")
    n = int(whole or "0") * 100 + int((frac + "00")[:2] or "0")
    assert frac[2:].strip("0") == "", v
    return -n if neg else n


def built(encounters):
    try:
        return libx12.build_837(encounters)
    except libx12.X12Error as e:
        return str(e)


class FieldTable(TestCase):
    def test_classes_have_the_field_tables_names(self):
        self.assertGreater(len(c_names("claim")), 40, "the walk reads the C table")
        self.assertEqual(_claims._shape_mismatches(c_names), [])

    def test_a_field_added_in_c_is_named(self):
        def more(obj):
            return c_names(obj) + (["new_claim_field"] if obj == "claim" else []) + \
                (["new_party_field"] if obj == "party" else [])
        bad = _claims._shape_mismatches(more)
        self.assertIn("Claim837: the field table's 'new_claim_field' has no field", bad)
        self.assertIn("party: the field table's 'new_party_field' is in no party group "
                      "(claims._PARTY_GROUPS)", bad)

        def fewer(obj):
            return [n for n in c_names(obj) if n != "ndc"]
        self.assertEqual(_claims._shape_mismatches(fewer),
                         ["ServiceLine: field 'ndc' is not in the field table nor the class's "
                          "own keys"])

    def test_import_check_fails_only_with_its_own_library(self):
        table = _claims._table_names

        def more(obj):
            return list(table(obj)) + (["new_line_field"] if obj == "line" else [])
        with mock.patch.object(_claims, "_table_names", more):
            with self.assertRaises(AssertionError) as cm:
                _claims._check_shapes()
            self.assertIn("ServiceLine: the field table's 'new_line_field' has no field",
                          str(cm.exception))
            # a newer library (fields appended): a warning naming them
            with mock.patch.object(lib, "x12_version", lambda: b"9.9.9"):
                with warnings.catch_warnings(record=True) as w:
                    warnings.simplefilter("always")
                    _claims._check_shapes()
            self.assertEqual([x.category for x in w], [RuntimeWarning])
            self.assertIn("'new_line_field'", str(w[0].message))
        _claims._check_shapes()  # and with the table as it is, nothing

    def test_literals_are_the_builders_codes(self):
        self.assertEqual(typing.get_args(libx12.claims.DiagnosisKind), tuple(_claims._DX))
        self.assertEqual(typing.get_args(libx12.claims.CodeKind), tuple(_claims._CODE))
        self.assertEqual(typing.get_args(libx12.claims.ProviderRole), tuple(_claims._ROLE))
        self.assertEqual(typing.get_args(libx12.claims.Entity), tuple(_claims._ENTITY))
        self.assertEqual(typing.get_args(libx12.claims.Kind), tuple(_claims._KINDS))

    def test_money_is_never_float(self):
        for cls in libx12.CLAIM_DATACLASSES:
            for name, t in typing.get_type_hints(cls).items():
                self.assertNotIn(float, typing.get_args(t), "%s.%s" % (cls.__name__, name))
                if name in ("total_charge", "charge", "paid", "amount"):
                    self.assertEqual(t, typing.Optional[typing.Union[int, str]], name)


class Conversion(TestCase):
    def test_from_dict_names_an_unknown_key(self):
        d = encounter("office-visit")
        d["providers"][0]["subscribers"][0]["claims"][0]["lines"][1]["charge_cents"] = 1
        with self.assertRaises(ValueError) as cm:
            libx12.Encounters.from_dict(d)
        self.assertEqual(str(cm.exception), "Encounters.providers[1].subscribers[1].claims[1]"
                         ".lines[2]: unknown field 'charge_cents'")
        with self.assertRaises(TypeError):
            libx12.Claim837.from_dict([("pcn", "X")])

    def test_from_dict_types_the_xml_texts(self):
        enc = libx12.Encounters.from_dict(encounter("office-visit"))
        self.assertEqual(enc.interchange.control_number, 417)   # "417" in the XML
        line = enc.claims()[0].lines[0]
        self.assertEqual((line.modifiers, line.pointers), (["25"], [1, 2]))  # "25", "1 2"
        self.assertIsInstance(enc.providers[0].subscribers[0].payer, libx12.Payer)
        self.assertEqual(enc.claims()[0].diagnoses[1].kind, "other")
        with self.assertRaises(ValueError):
            libx12.ServiceLine.from_dict({"pointers": "1 x"})

    def test_every_encounter_through_the_dataclasses(self):
        names = sorted(os.path.basename(p)[:-4] for p in glob.glob(os.path.join(ENCOUNTERS,
                                                                               "*.xml")))
        self.assertGreaterEqual(len(names), 5)
        for name in names:
            with self.subTest(encounter=name):
                want = read(data("claim837-%s.837" % name))
                enc = libx12.Encounters.from_dict(encounter(name))
                self.assertEqual(libx12.build_837(enc), want)
                for d in libx12.read_837(want):
                    self.assertEqual(libx12.Encounters.from_dict(d).to_dict(), d)

    @corpus_test
    def test_corpus_claims_convert_without_loss(self):
        files = corpus_files("837p") + corpus_files("837i")
        self.assertTrue(files, "no 837p or 837i file in the corpus")
        seen = 0
        for path in files:
            with self.subTest(os.path.basename(path)):
                try:
                    items = list(libx12.read_837(path))
                except libx12.X12Error:
                    continue  # a file the reader cannot go on with
                typed = [libx12.Encounters.from_dict(d) for d in items]
                self.assertEqual([e.to_dict() for e in typed], items)
                if items:  # the same bytes, or the same edits failed
                    self.assertEqual(built(typed), built(items))
                seen += len(items)
        self.assertGreater(seen, 0)


# What the reader does not keep: a setting of the writer only.
_NOT_READ = {("Interchange", "max_claims_per_set")}


class RoundTrip(TestCase):
    def compare(self, sent, got, path, diffs, filled=None):
        """Field by field: every field set in ``sent`` has its value in
        ``got`` (money as cents, diagnosis codes without the dot the guides
        leave out); what differs goes to ``diffs``, the fields ``got`` has
        that ``sent`` lacks (what the builder wrote by default) to
        ``filled``."""
        filled = [] if filled is None else filled
        cls = type(sent)
        self.assertIs(type(got), cls, path)
        kids = _claims._CHILDREN[cls]
        for f in dataclasses.fields(cls):
            a, b = getattr(sent, f.name), getattr(got, f.name)
            where = "%s.%s" % (path, f.name)
            if f.name in kids:
                if kids[f.name][1]:
                    if len(a) != len(b):
                        diffs.append("%s: %d sent, %d read" % (where, len(a), len(b)))
                        continue
                    for i, (x, y) in enumerate(zip(a, b), 1):
                        self.compare(x, y, "%s[%d]" % (where, i), diffs, filled)
                elif a is not None or b is not None:
                    if a is None or b is None:
                        diffs.append("%s: %r sent, %r read" % (where, a, b))
                    else:
                        self.compare(a, b, where, diffs, filled)
                continue
            if a is None or a == []:
                if b not in (None, []):
                    filled.append(where)
                continue
            if (cls.__name__, f.name) in _NOT_READ:
                continue
            if {int, str} <= set(typing.get_args(typing.get_type_hints(cls)[f.name])):
                a = cents(a)  # Money
            if cls is libx12.Diagnosis and f.name == "code":
                a = a.replace(".", "")
            if a != b:
                diffs.append("%s: %r sent, %r read" % (where, a, b))

    def test_encounters_read_back_as_equal_claims(self):
        """Every bundled encounter as typed dataclasses -> build_837 -> X12
        -> read_837(as_dataclass=True): the same claims, field by field,
        and the same providers, subscribers, patients and header."""
        names = sorted(os.path.basename(p)[:-4] for p in glob.glob(os.path.join(ENCOUNTERS,
                                                                               "*.xml")))
        self.assertGreaterEqual(len(names), 5)
        compared = 0
        for name in names:
            with self.subTest(encounter=name):
                sent = libx12.Encounters.from_dict(encounter(name))
                x12 = libx12.build_837(sent)
                got = list(libx12.read_837(x12, as_dataclass=True))
                self.assertTrue(all(isinstance(e, libx12.Encounters) for e in got))
                self.assertEqual(len(got), len(sent.claims()))
                # the one-claim trees merged again are the tree sent
                merged = libx12.Encounters.from_dict(_claims._merge(got))
                diffs, filled = [], []
                self.compare(sent, merged, name, diffs, filled)
                self.assertEqual(diffs, [])
                # what was read and not sent is what the builder wrote by
                # default: the claims read build the same bytes
                self.assertTrue(filled)
                self.assertEqual(libx12.build_837(got), x12)
                for s, g in zip(sent.claims(), [e.claims()[0] for e in got]):
                    self.assertIsInstance(g, libx12.Claim837)
                    self.assertEqual(g.pcn, s.pcn)
                    compared += 1
        self.assertGreaterEqual(compared, 6)

    def test_a_difference_is_found(self):
        sent = office_visit_dataclasses()
        got = next(libx12.read_837(libx12.build_837(sent), as_dataclass=True))
        got.claims()[0].lines[1].charge = 6001
        got.claims()[0].onset_date = None
        diffs = []
        self.compare(sent, got, "v", diffs)
        self.assertEqual(diffs, [
            "v.providers[1].subscribers[1].claims[1].onset_date: '20251110' sent, None read",
            "v.providers[1].subscribers[1].claims[1].lines[2].charge: 6000 sent, 6001 read"])


class Names(TestCase):
    def test_one_class_per_meaning(self):
        self.assertIn("Claim837", libx12.__all__)
        self.assertIn("ClaimPayment", libx12.__all__)
        self.assertNotIn("Claim", libx12.__all__)
        self.assertNotIn("ClaimInput", libx12.__all__)
        era = libx12.parse_835(data("remit-multi.x12"))
        self.assertIsInstance(era.claims[0], libx12.ClaimPayment)
        enc = next(libx12.read_837(libx12.build_837(office_visit_dataclasses()),
                                   as_dataclass=True))
        self.assertIsInstance(enc.claims()[0], libx12.Claim837)

    def test_old_names_warn(self):
        for mod, old, new in ((libx12, "Claim", libx12.ClaimPayment),
                              (libx12, "ClaimInput", libx12.Claim837),
                              (_remit, "Claim", libx12.ClaimPayment),
                              (_claims, "Claim", libx12.Claim837)):
            with self.subTest(module=mod.__name__, name=old):
                with warnings.catch_warnings(record=True) as w:
                    warnings.simplefilter("always")
                    self.assertIs(getattr(mod, old), new)
                self.assertEqual(len(w), 1)
                self.assertIs(w[0].category, DeprecationWarning)
                self.assertIn("use %s" % ("libx12." if mod is libx12 else ""), str(w[0].message))
                self.assertIn(new.__name__, str(w[0].message))
        with self.assertRaises(AttributeError):
            getattr(libx12, "ClaimOutput")

    def test_payments_pickle_under_the_new_name(self):
        claim = libx12.parse_835(data("remit-multi.x12")).claims[0]
        back = pickle.loads(pickle.dumps(claim))
        self.assertEqual(back, claim)
        self.assertIs(type(back), libx12.ClaimPayment)
        # a pickle written under the old name (libx12.remit.Claim) loads
        old = pickle.dumps(claim, protocol=2)
        self.assertIn(b"\nClaimPayment\n", old)
        old = old.replace(b"\nClaimPayment\n", b"\nClaim\n")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            self.assertEqual(pickle.loads(old), claim)



class ReplaceExample(TestCase):
    """examples/replace_claims.py: claims read as dataclasses, changed and
    built again as replacements."""

    def run_example(self, *args):
        env = dict(os.environ)
        env["PYTHONPATH"] = os.path.dirname(os.path.dirname(libx12.__file__))
        return subprocess.run([sys.executable, os.path.join(TOP, "examples",
                                                            "replace_claims.py")] + list(args),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                              check=False)

    def test_replaces_the_claims_named(self):
        sent = data("status-sent.837")
        before = list(libx12.read_837(sent, as_dataclass=True))
        self.assertGreaterEqual(len(before), 3)
        pick = [before[0].claims()[0], before[2].claims()[0]]
        p = self.run_example(sent, *("%s=ICN%d" % (c.pcn, i) for i, c in enumerate(pick)))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual([x for x in libx12.validate(p.stdout) if x.is_error], [])
        after = [e.claims()[0] for e in libx12.read_837(p.stdout, as_dataclass=True)]
        self.assertEqual([c.pcn for c in after], [c.pcn for c in pick])
        for i, (old, new) in enumerate(zip(pick, after)):
            self.assertEqual((new.frequency, new.payer_claim_number), ("7", "ICN%d" % i))
            # nothing else about the claim changed
            self.assertEqual(dataclasses.replace(new, frequency=old.frequency,
                                                 payer_claim_number=old.payer_claim_number),
                             old)

    def test_a_claim_not_in_the_file(self):
        p = self.run_example(data("status-sent.837"), "NO-SUCH-PCN=1")
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stdout, b"")
        self.assertIn(b"1 of the claims named are not in", p.stderr)
        self.assertNotIn(b"NO-SUCH-PCN", p.stderr)

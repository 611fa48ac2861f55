"""Values checked before they cross into C (issue 20 item 6).

ctypes turns a Python int into a C integer by dropping the bits that do not
fit, and a str into char * up to its first NUL, without a word: before
these checks total_charge=2**64+18500 built CLM02 185, control_number=
2**64+417 gave ISA13 000000417, and the path "a.837\\0.x" opened a.837.
Each parameter kind is tested: int64 money, uint64 control numbers and
options, unsigned int pointers, C int statuses, enums, text with and
without an explicit length, paths.
"""

import copy
import os
import pathlib
import shutil
import tempfile

import libx12
from libx12 import IntegerRangeError
from test_claims import encounter
from util import TestCase, data, read

try:
    import numpy
except ImportError:  # numpy is optional for the package
    numpy = None


def claim_of(d):
    return d["providers"][0]["subscribers"][0]["claims"][0]


class IntegerTests(TestCase):
    def setUp(self):
        self.d = encounter("office-visit")
        self.want = libx12.build_837(self.d)

    def build_with(self, edit):
        d = copy.deepcopy(self.d)
        edit(d)
        return libx12.build_837(d)

    def assert_range_error(self, edit, name):
        with self.assertRaises(IntegerRangeError) as cm:
            self.build_with(edit)
        # both, so that callers catching either see it
        self.assertIsInstance(cm.exception, OverflowError)
        self.assertIsInstance(cm.exception, ValueError)
        self.assertIn(name, str(cm.exception))

    def test_money_beyond_int64(self):
        def charge(v):
            return lambda d: claim_of(d).__setitem__("total_charge", v)
        self.assert_range_error(charge(2 ** 64 + 18500), "claim[1].total_charge")
        self.assert_range_error(charge(2 ** 63), "claim[1].total_charge")
        self.assert_range_error(charge(-2 ** 63 - 1), "claim[1].total_charge")
        self.assert_range_error(
            lambda d: claim_of(d)["lines"][0].__setitem__("charge", 2 ** 64 + 12500),
            "claim[1].line[1].charge")
        # the largest int64 passes the check; the library's edit then
        # refuses a total that is not the sum of the lines
        with self.assertRaises(libx12.X12Error) as cm:
            self.build_with(charge(2 ** 63 - 1))
        self.assertIn("claim[1].total_charge", str(cm.exception))

    def test_money_in_adjustments_and_other_payers(self):
        def other_payer(amount, paid):
            def edit(d):
                claim_of(d)["other_payers"] = [{
                    "responsibility": "P", "relationship": "18", "filing_indicator": "MB",
                    "paid": paid, "subscriber": {"name": "DOE", "member_id": "1EG4TE5MK73"},
                    "payer": {"name": "MEDICARE PART B", "payer_id": "MCRB01"},
                    "adjustments": [{"group": "CO", "reason": "45", "amount": amount}]}]
            return edit
        self.assert_range_error(other_payer(2 ** 64 + 4000, 14500),
                                "claim[1].other_payer[1].adjustment[1].amount")
        self.assert_range_error(other_payer(4000, 2 ** 64 + 14500),
                                "claim[1].other_payer[1].paid")

    def test_money_types(self):
        for bad in (True, 185.0):
            with self.assertRaises(TypeError):
                self.build_with(lambda d: claim_of(d).__setitem__("total_charge", bad))
        if numpy is not None:
            self.assertEqual(self.build_with(
                lambda d: claim_of(d).__setitem__("total_charge", numpy.int64(18500))), self.want)
            with self.assertRaises(TypeError):
                self.build_with(
                    lambda d: claim_of(d).__setitem__("total_charge", numpy.float64(18500)))

    def test_control_numbers(self):
        def cn(v):
            return lambda d: d["interchange"].__setitem__("control_number", v)
        self.assert_range_error(cn(2 ** 64 + 417), "interchange.control_number")
        self.assert_range_error(cn(-1), "interchange.control_number")
        for bad in (True, 417.9):
            with self.assertRaises(TypeError) as cm:
                self.build_with(cn(bad))
            self.assertIn("interchange.control_number", str(cm.exception))
        with self.assertRaises(ValueError):
            self.build_with(cn(" 417"))
        # in uint64 but over ISA13's nine digits: the library refuses it
        with self.assertRaises(ValueError) as cm:
            self.build_with(cn(10 ** 9))
        self.assertNotIsInstance(cm.exception, IntegerRangeError)
        # the XML format's text and an int are the same number
        isa = lambda out: next(libx12.iter_segments(out))  # noqa: E731
        self.assertEqual(isa(self.build_with(cn("417")))[13], "000000417")
        self.assertEqual(self.build_with(cn("417")), self.build_with(cn(417)))

    def test_pointers(self):
        def ptr(v):
            return lambda d: claim_of(d)["lines"][0].__setitem__("pointers", [v])
        self.assert_range_error(ptr(2 ** 32 + 1), "claim[1].line[1].pointers")
        for bad in (True, 1.0):
            with self.assertRaises(TypeError):
                self.build_with(ptr(bad))
        with self.assertRaises(ValueError):
            self.build_with(ptr("1x"))

    def test_reader_limit(self):
        raw = read(data("cli-small.x12"))
        with self.assertRaises(IntegerRangeError) as cm:
            list(libx12.iter_segments(raw, max_segment_bytes=2 ** 64 + 100))
        self.assertIn("max_segment_bytes", str(cm.exception))
        for bad in (True, 65536.0):
            with self.assertRaises(TypeError):
                libx12.Reader(raw, max_segment_bytes=bad)
        # within uint64: the library judges the value itself
        with self.assertRaises(libx12.X12Error) as cm:
            libx12.Reader(raw, max_segment_bytes=2 ** 64 - 1)
        self.assertEqual(cm.exception.status_name, "X12_EINVAL")
        self.assertEqual(len(list(libx12.iter_segments(raw, max_segment_bytes=1 << 20))),
                         len(list(libx12.iter_segments(raw))))

    def test_status_and_enums(self):
        with self.assertRaises(IntegerRangeError):
            libx12.strerror(2 ** 32 + 4)
        self.assertEqual(libx12.strerror(4), "invalid argument")
        with self.assertRaises(ValueError):
            libx12.code_text("nope", "45")
        with self.assertRaises(TypeError):
            libx12.code_text("carc", 45)
        self.assertNotEqual(libx12.code_text("carc", "45"), "")


class NulTests(TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="x12args.")
        self.addCleanup(shutil.rmtree, self.dir)
        shutil.copy(data("cli-small.x12"), os.path.join(self.dir, "a.837"))
        shutil.copy(data("remit-multi.x12"), os.path.join(self.dir, "a.835"))

    def test_paths_with_nul(self):
        # a.837 and a.835 exist: C would open them, reading up to the NUL
        p837 = os.path.join(self.dir, "a.837\0.x")
        p835 = os.path.join(self.dir, "a.835\0.x")
        calls = [
            ("iter_segments", lambda: list(libx12.iter_segments(p837))),
            ("Reader", lambda: libx12.Reader(p837)),
            ("Reader os.PathLike", lambda: libx12.Reader(pathlib.Path(p837))),
            ("validate", lambda: libx12.validate(p837)),
            ("write_999", lambda: libx12.write_999(p837)),
            ("parse_835", lambda: libx12.parse_835(p835)),
            ("stream_claims", lambda: list(libx12.stream_claims(p835))),
            ("RemitStream", lambda: libx12.RemitStream(p835)),
        ]
        for name, call in calls:
            with self.subTest(call=name):
                with self.assertRaisesRegex(ValueError, "null byte"):
                    call()
        # and without the NUL they do read the file
        self.assertTrue(libx12.validate(os.path.join(self.dir, "a.837")) == [])

    def test_text_with_nul(self):
        d = encounter("office-visit")
        claim_of(d)["pcn"] = "PCN\0X"
        with self.assertRaises(ValueError) as cm:
            libx12.build_837(d)
        self.assertIn("claim[1].pcn", str(cm.exception))
        d = encounter("office-visit")
        claim_of(d)["other_payers"] = [{
            "responsibility": "P", "relationship": "18", "filing_indicator": "MB",
            "paid": 14500, "subscriber": {"name": "DOE", "member_id": "1EG4TE5MK73"},
            "payer": {"name": "MEDICARE PART B", "payer_id": "MCRB01"},
            # a char * without a length: C would stop at the NUL, "CO"
            "adjustments": [{"group": "CO\0PR", "reason": "45", "amount": 4000}]}]
        with self.assertRaises(ValueError) as cm:
            libx12.build_837(d)
        self.assertIn("adjustment[1]", str(cm.exception))
        with self.assertRaises(ValueError):
            libx12.build_837(encounter("office-visit"), line_break="\r\0\n")
        with self.assertRaises(ValueError):
            libx12.write_999(data("cli-small.x12"), line_break="\r\0\n")
        with self.assertRaises(ValueError):
            libx12.code_text("carc", "4\x005")

    def test_ack_date_and_time_exact(self):
        # "$" in the old pattern let a trailing newline through to ISA09
        with self.assertRaises(ValueError):
            libx12.write_999(data("cli-small.x12"), date="20250102\n", time="0304")
        with self.assertRaises(ValueError):
            libx12.write_999(data("cli-small.x12"), date="20250102", time="0304\n")
        with self.assertRaises(TypeError):
            libx12.write_999(data("cli-small.x12"), date=20250102, time=304)

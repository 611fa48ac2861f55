"""Issue 20 (hostile input) from Python: a segment the reader skips rejects
its set in write_999 and is listed by validate(); messages quote no
identifying values; bad_values=False leaves IK404 out; dates and times of
an acknowledgment must be real.  The inputs are built here from the bundled
office-visit 837 (examples/data/office-visit.837) and remittance 835."""

import os

import libx12
from util import EXAMPLE_DATA, TestCase, read

OFFICE_VISIT = os.path.join(EXAMPLE_DATA, "office-visit.837")
REMITTANCE = os.path.join(EXAMPLE_DATA, "remittance.835")

# Identifying values of the fixtures and of the shifted segments below:
# none of them may appear in a message or an acknowledgment.
SECRETS = (b"SMITH", b"JOHN", b"123456789", b"19800101", b"XJ0000000001", b"SPRINGFIELD",
           b"JANE DOE", b"DOE")


def insert(data, before, seg, count=True):
    """``seg`` (bytes, with terminator) inserted before the first ``before``;
    SE01 of the set raised by one when ``count``."""
    i = data.index(before)
    out = data[:i] + seg + data[i:]
    if count:
        j = out.index(b"SE*", i + len(seg))
        k = out.index(b"*", j + 3)
        out = out[:j + 3] + str(int(out[j + 3:k]) + 1).encode() + out[k:]
    return out


def long_ref():
    return b"REF*6R*" + b"A" * 70000 + b"~\n"


def many_ref():
    return b"REF*6R*" + b"*" * 5000 + b"X~\n"


class SkippedSegmentTests(TestCase):
    def test_write_999_rejects_a_set_with_a_skipped_segment(self):
        base = read(OFFICE_VISIT)
        for name, seg, ik4 in (("long", long_ref(), b"IK4*2*127*5~"),
                               ("many", many_ref(), b"IK4*99**3~")):
            data = insert(base, b"LX*2~", seg)
            for strict in (False, True):
                with self.subTest(kind=name, strict=strict):
                    ack = libx12.write_999(data, date="20251123", time="1200", strict=strict)
                    self.assertEqual((ack.sets, ack.accepted), (1, 0))
                    self.assertIn(b"IK3*REF*", ack)
                    self.assertIn(ik4, ack)
                    self.assertIn(b"IK5*R*5~", ack)
                    self.assertIn(b"AK9*R*1*1*0~", ack)
                    self.assertEqual(libx12.validate(ack), [])

    def test_validate_lists_the_skipped_segment(self):
        data = insert(read(OFFICE_VISIT), b"LX*2~", long_ref())
        probs = libx12.validate(data)
        levels = [(p.level, p.code, p.rule, p.segment_id) for p in probs]
        self.assertIn(("reader", "", "max-segment", "REF"), levels)
        self.assertIn(("element", "5", "999-ik4", "REF"), levels)
        issue = next(p for p in probs if p.level == "element")
        self.assertEqual((issue.element, issue.element_ref, issue.loop_id), (2, "127", "2400"))
        self.assertTrue(issue.is_error)
        self.assertIn("was not read", issue.message)

    def test_skipped_segment_rejects_its_835_set(self):
        data = insert(read(REMITTANCE), b"CAS*", long_ref().replace(b"\n", b""))
        ack = libx12.write_999(data, date="20251208", time="1200")
        self.assertIn(b"IK5*R*5~", ack)
        self.assertEqual(ack.accepted, ack.sets - 1)


class QuotingTests(TestCase):
    def test_a_malformed_segment_id_is_not_quoted(self):
        base = read(OFFICE_VISIT)
        i = base.index(b"GE*")
        data = base[:i] + b"SMITHJOHN123456789*X~\n" + base[i:]
        problems = []
        for seg in libx12.iter_segments(data):
            problems.extend(seg.problems)
        texts = [str(p).encode() for p in problems]
        self.assertTrue(any(b"outside a transaction set" in t for t in texts), texts)
        for t in texts:
            for s in SECRETS:
                self.assertNotIn(s, t)
        for p in libx12.validate(data):
            for s in SECRETS:
                self.assertNotIn(s, str(p).encode())

    def test_shifted_values_are_described_not_quoted(self):
        data = read(OFFICE_VISIT)
        data = data.replace(b"DMG*D8*19800101*F~", b"DMG*D8*F*19800101~")
        data = data.replace(b"NM1*IL*1*DOE*JANE****MI*XJ0000000001~",
                            b"NM1*IL*DOE*JANE*****XJ0000000001*MI~")
        data = data.replace(b"N4*SPRINGFIELD*IL*62704~", b"N4*62704*SPRINGFIELD*IL~")
        probs = libx12.validate(data)
        self.assertTrue(any(p.code == "7" and p.segment_id == "DMG" for p in probs))
        self.assertTrue(any("a value of 8 characters" in p.message for p in probs))
        for p in probs:
            for s in SECRETS:
                self.assertNotIn(s, str(p).encode())
        ack = libx12.write_999(data, date="20251123", time="1200")
        self.assertIn(b"IK5*R", ack)
        for s in SECRETS:
            self.assertNotIn(s, ack)

    def test_clp02_holding_a_name(self):
        data = read(REMITTANCE)
        i = data.index(b"CLP*")
        j = data.index(b"*", i + 4)
        k = data.index(b"*", j + 1)
        data = data[:j + 1] + b"JANE DOE" + data[k:]
        rem = libx12.parse_835(data)
        msgs = [str(p) for p in rem.problems] + [
            str(p) for pay in rem.payments for c in pay.claims for p in c.problems]
        self.assertTrue(any("CLP02" in m for m in msgs), msgs)
        for m in msgs:
            self.assertNotIn("JANE", m)

    def test_bad_values_false_leaves_ik404_out(self):
        data = read(OFFICE_VISIT).replace(b"DMG*D8*19800101*F~", b"DMG*D8*19800101*X~")
        ack = libx12.write_999(data, date="20251123", time="1200")
        self.assertIn(b"IK4*3*1068*7*X~", ack)
        ack = libx12.write_999(data, date="20251123", time="1200", bad_values=False)
        self.assertIn(b"IK4*3*1068*7~", ack)
        self.assertNotIn(b"*X~", ack)


class AckArgumentTests(TestCase):
    def test_dates_and_times_must_be_real(self):
        data = read(OFFICE_VISIT)
        for date, time in (("20251399", "9999"), ("20250230", "1200"), ("20251123", "2400"),
                           ("20251123", "1260")):
            with self.subTest(date=date, time=time):
                with self.assertRaises(ValueError):
                    libx12.write_999(data, date=date, time=time)
        ack = libx12.write_999(data, date="20240229", time="2359")
        self.assertIn(b"*240229*2359*", ack)
        self.assertEqual(libx12.validate(ack), [])
